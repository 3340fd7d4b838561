//! The matcher against a brute-force reference on small random texts and gazetteers.
//!
//! The reference tries every (start, end) pair of character positions and applies the
//! rules directly: word boundaries (letters are the only word characters in the alphabet),
//! equality with spaces and hyphens removed, the spacing-variant capital rule (and that a
//! one-letter text word is never joined onto the word before), and the case mode. It models ASCII letters, spaces, hyphens and a comma.

use std::collections::BTreeSet;

use newswire::{CaseMode, Entity, Gazetteer, Matcher, Overlaps};
use proptest::prelude::*;

fn is_sep(c: char) -> bool {
    c == ' ' || c == '-'
}

/// Letters with, for each, whether a separator came before it.
fn strip(s: &[char]) -> Vec<(char, bool)> {
    let mut out = Vec::new();
    let mut gap = false;
    for &c in s {
        if is_sep(c) {
            gap = true;
        } else {
            out.push((c, gap && !out.is_empty()));
            gap = false;
        }
    }
    out
}

fn is_acronym(a: &[char]) -> bool {
    (2..=6).contains(&a.len()) && a.iter().all(|c| c.is_ascii_uppercase())
}

fn alias_matches(alias: &str, span: &[char], case: CaseMode) -> bool {
    let a: Vec<char> = alias.chars().collect();
    let (sa, st) = (strip(&a), strip(span));
    if sa.len() != st.len() {
        return false;
    }
    for (i, (&(ca, ga), &(ct, gt))) in sa.iter().zip(&st).enumerate() {
        if !ca.eq_ignore_ascii_case(&ct) {
            return false;
        }
        if ga && !gt && !ca.is_ascii_uppercase() {
            return false;
        }
        // A text word of one letter (the next letter starts a word, or there is none) is
        // never joined onto the word before it.
        let lone = st.get(i + 1).is_none_or(|next| next.1);
        if gt && !ga && (!ct.is_ascii_uppercase() || lone) {
            return false;
        }
    }
    match case {
        CaseMode::Insensitive => true,
        CaseMode::Exact => sa.iter().zip(&st).all(|(x, y)| x.0 == y.0),
        _ if is_acronym(&a) => st.iter().all(|(c, _)| c.is_ascii_uppercase()),
        _ => sa.iter().zip(&st).enumerate().all(|(i, (x, y))| {
            let word_start = i == 0 || y.1;
            !(word_start && x.0.is_ascii_uppercase() && !y.0.is_ascii_uppercase())
        }),
    }
}

type Found = Vec<(usize, usize, Vec<usize>)>;

/// Every passing (start, end, entities), sorted by start then end.
fn reference_all(ents: &[Vec<String>], text: &str, case: CaseMode) -> Found {
    let t: Vec<char> = text.chars().collect();
    let letter = |i: usize| t.get(i).is_some_and(|c| c.is_ascii_alphabetic());
    let mut out = Vec::new();
    for s in 0..t.len() {
        if !letter(s) || (s > 0 && letter(s - 1)) {
            continue;
        }
        for e in s + 1..=t.len() {
            if !letter(e - 1) || letter(e) {
                continue;
            }
            let hits: Vec<usize> = ents
                .iter()
                .enumerate()
                .filter(|(_, names)| names.iter().any(|n| alias_matches(n, &t[s..e], case)))
                .map(|(i, _)| i)
                .collect();
            if !hits.is_empty() {
                out.push((s, e, hits));
            }
        }
    }
    out
}

fn reference_longest(all: &Found) -> Found {
    let mut out: Found = Vec::new();
    let mut next = 0;
    for (i, m) in all.iter().enumerate() {
        if m.0 < next {
            continue;
        }
        let last_same_start = all[i..].iter().take_while(|x| x.0 == m.0).last().unwrap();
        out.push(last_same_start.clone());
        next = last_same_start.1;
    }
    out
}

fn run(ents: &[Vec<String>], text: &str, case: CaseMode, overlaps: Overlaps) -> Found {
    let mut g = Gazetteer::new();
    for (i, names) in ents.iter().enumerate() {
        let mut e = Entity::new(format!("e{i}"), "X", names[0].as_str());
        for a in &names[1..] {
            e = e.with_alias(a.as_str());
        }
        g.add(e).unwrap();
    }
    let m = Matcher::builder()
        .case(case)
        .overlaps(overlaps)
        .build(g)
        .unwrap();
    m.find(text)
        .into_iter()
        .map(|x| {
            // Char positions, like the reference; offsets must slice cleanly.
            assert!(text.is_char_boundary(x.start()) && text.is_char_boundary(x.end()));
            let s = text[..x.start()].chars().count();
            let e = s + x.text(text).chars().count();
            (s, e, x.entities().iter().map(|e| e.index()).collect())
        })
        .collect()
}

fn alias() -> impl Strategy<Value = String> {
    "[abAB][abAB -]{0,4}[abAB]|[abAB]"
}

fn gazetteer() -> impl Strategy<Value = Vec<Vec<String>>> {
    prop::collection::vec(prop::collection::vec(alias(), 1..3), 1..5)
}

fn text() -> impl Strategy<Value = String> {
    "[abAB ,-]{0,24}"
}

fn case() -> impl Strategy<Value = CaseMode> {
    prop_oneof![
        Just(CaseMode::Smart),
        Just(CaseMode::Exact),
        Just(CaseMode::Insensitive)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn all_agrees_with_reference(ents in gazetteer(), text in text(), case in case()) {
        let want = reference_all(&ents, &text, case);
        let mut got = run(&ents, &text, case, Overlaps::All);
        got.sort();
        prop_assert_eq!(got, want);
    }

    #[test]
    fn longest_agrees_with_reference(ents in gazetteer(), text in text(), case in case()) {
        let want = reference_longest(&reference_all(&ents, &text, case));
        let got = run(&ents, &text, case, Overlaps::Longest);
        prop_assert_eq!(&got, &want);
        // all ⊇ longest
        let all: BTreeSet<_> = run(&ents, &text, case, Overlaps::All).into_iter().collect();
        for m in &got {
            prop_assert!(all.contains(m));
        }
    }

    /// Any text at all: no panic, offsets on char boundaries, slices as reported.
    #[test]
    fn offsets_slice_on_any_text(text in "\\PC{0,40}", names in prop::collection::vec("\\PC{1,6}", 1..4)) {
        let mut g = Gazetteer::new();
        for (i, n) in names.iter().enumerate() {
            if n.trim().is_empty() { continue; }
            g.add(Entity::new(format!("e{i}"), "X", n.as_str())).unwrap();
        }
        for overlaps in [Overlaps::Longest, Overlaps::All] {
            let m = Matcher::builder().overlaps(overlaps).build(g.clone()).unwrap();
            for x in m.find(&text) {
                prop_assert!(x.start() < x.end());
                prop_assert!(text.get(x.start()..x.end()).is_some());
            }
        }
    }
}

#[test]
fn mixed_case_texts_match_their_own_names() {
    // Sanity check that the reference and the matcher agree on a hand-picked case.
    let ents = vec![vec!["Ab B".to_string()], vec!["ab".to_string()]];
    let text = "AbB, ab b, Ab-B";
    assert_eq!(
        run(&ents, text, CaseMode::Smart, Overlaps::All),
        reference_all(&ents, text, CaseMode::Smart)
    );
}
