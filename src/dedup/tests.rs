//! Near-duplicates on articles written for these tests: a re-send, an update, a correction,
//! the same story from another agency, and bad input.

use super::*;
use crate::batch::Batch;

/// A wire story of five paragraphs (written for these tests).
const STORY: &str = "\
ROTTERDAM, March 14 (Reuters) - Dock workers at the port of Rotterdam walked out on \
Thursday in a dispute over automation, halting container traffic at Europe's busiest \
port for the first time in more than a decade, the port authority said.

The strike, called by the FNV union after talks with terminal operators broke down late \
on Wednesday, is set to last 48 hours. Union leaders said they would extend it if the \
operators did not withdraw plans to replace crane drivers with remote-controlled \
systems by 2027.

\"Our members are not against new technology, but they will not be thrown away like old \
equipment,\" union spokesman Niek Stam told reporters outside the Maasvlakte terminal.

Around 30 container ships were waiting to berth on Thursday afternoon, according to \
ship-tracking data, and shipping lines warned customers of delays of up to a week for \
cargo bound for Germany and Switzerland.

The terminal operators said in a joint statement that automation was needed to keep the \
port competitive with Antwerp and Hamburg, and that no permanent jobs would be lost \
before the end of the decade.
Reuter";

/// The paragraph an update adds.
const UPDATE: &str =
    "\n\nThe Dutch economy ministry said it was monitoring the situation and urged both sides to \
return to the table, adding that it had no plans to intervene for now.
";

/// The same story as another agency wrote it: its own lede and wording, one shared quote.
const OTHER_AGENCY: &str = "\
THE HAGUE, March 14 (AFP) - Thousands of dockers in Rotterdam downed tools Thursday, \
bringing Europe's largest port to a standstill in protest at plans to automate cranes, \
in the first such stoppage there since 2012.

Some 30 vessels were queuing offshore by the afternoon. Terminal operators defended \
the plans, arguing that the port must keep pace with rivals Antwerp and Hamburg.

\"Our members are not against new technology, but they will not be thrown away like old \
equipment,\" union spokesman Niek Stam told reporters outside the Maasvlakte terminal.

The 48-hour walkout could be extended, the FNV union warned. Shipping firms told \
clients to expect delays of several days on freight to Germany and Switzerland.";

fn with_update() -> String {
    let end = STORY.rfind("\nReuter").unwrap();
    format!("{}{}{}", &STORY[..end], UPDATE, &STORY[end..])
}

/// What `text` nearly duplicates among `earlier` (fed first, in order) under `dedup`.
fn found(dedup: &Dedup, earlier: &[&str], text: &str) -> Vec<Duplicate> {
    let mut index = dedup.index();
    for e in earlier {
        index.push(dedup.sign_text(e));
    }
    index.push(dedup.sign_text(text)).collect()
}

#[test]
fn stories_against_the_original() {
    let dedup = Dedup::new();
    let update = with_update();
    let resend = STORY.replace(
        "ROTTERDAM, March 14 (Reuters) -",
        "ROTTERDAM, March 14 (Reuters) —",
    );
    let rewrapped = STORY
        .replace(" in a dispute", "\n    in a  dispute")
        .replace("Dock", "DOCK");
    let corrected = STORY.replacen("48 hours", "72 hours", 1);
    let dateline_only = STORY.replacen(
        "ROTTERDAM, March 14 (Reuters)",
        "AMSTERDAM, March 15 (Reuters)",
        1,
    );
    // (what, text, found?, exact?, similarity at least, similarity at most)
    let cases: &[(&str, &str, bool, bool, f64, f64)] = &[
        ("an exact re-send", STORY, true, true, 1.0, 1.0),
        (
            "a re-send with another separator",
            &resend,
            true,
            true,
            1.0,
            1.0,
        ),
        ("re-wrapped and re-cased", &rewrapped, true, true, 1.0, 1.0),
        (
            "another dateline, same body",
            &dateline_only,
            true,
            true,
            1.0,
            1.0,
        ),
        (
            "an update with one paragraph added",
            &update,
            true,
            false,
            0.8,
            0.95,
        ),
        (
            "a correction of one word",
            &corrected,
            true,
            false,
            0.9,
            0.99,
        ),
        (
            "another agency's story, other lede",
            OTHER_AGENCY,
            false,
            false,
            0.0,
            0.0,
        ),
    ];
    for &(what, text, want, exact, low, high) in cases {
        let got = found(&dedup, &[STORY], text);
        assert_eq!(!got.is_empty(), want, "{what}: {got:?}");
        if let Some(d) = got.first() {
            assert_eq!(d.position(), 0, "{what}");
            assert_eq!(d.is_exact(), exact, "{what}");
            assert!(
                (low..=high).contains(&d.similarity()),
                "{what}: similarity {} not in {low}..={high}",
                d.similarity()
            );
        }
    }
    // The other agency's story shares a quote and the facts, but far from 0.8.
    let a = dedup.sign_text(STORY).unwrap();
    let b = dedup.sign_text(OTHER_AGENCY).unwrap();
    assert!(
        a.jaccard(&b) > 0.0 && a.jaccard(&b) < 0.3,
        "{}",
        a.jaccard(&b)
    );
}

#[test]
fn best_first_then_earliest() {
    let dedup = Dedup::new();
    let update = with_update();
    let mut index = dedup.index();
    for text in [
        update.as_str(),
        "LONDON (Reuters) - Shares fell.",
        STORY,
        STORY,
    ] {
        index.push(dedup.sign_text(text));
    }
    let got: Vec<(u64, bool)> = index
        .push(dedup.sign_text(STORY))
        .map(|d| (d.position(), d.is_exact()))
        .collect();
    assert_eq!(got, [(2, true), (3, true), (0, false)]);
    assert_eq!(index.position(), 5);
}

#[test]
fn empty_bodies_have_no_signature_and_never_match() {
    let dedup = Dedup::new();
    for text in [
        "",
        " ",
        "\n\t \u{a0}\n",
        "... -- !!",
        "LONDON, March 3 (Reuters) - \nReuter",
    ] {
        assert!(dedup.sign_text(text).is_none(), "{text:?}");
    }
    let mut index = dedup.index();
    for _ in 0..3 {
        assert_eq!(index.push(dedup.sign_text("  ")).len(), 0);
    }
    // They still take their positions.
    index.push(dedup.sign_text(STORY));
    let got: Vec<u64> = index
        .push(dedup.sign_text(STORY))
        .map(|d| d.position())
        .collect();
    assert_eq!(got, [3]);
}

#[test]
fn short_bodies_match_only_the_same_words() {
    let dedup = Dedup::new();
    let got = found(&dedup, &["Shares fell."], "SHARES FELL");
    assert_eq!(got.len(), 1);
    assert!(got[0].is_exact());
    assert!(found(&dedup, &["Shares fell."], "Shares rose.").is_empty());
}

#[test]
fn the_window_of_articles() {
    let dedup = Dedup::builder().window(3).build().unwrap();
    let mut index = dedup.index();
    index.push(dedup.sign_text(STORY));
    for _ in 0..2 {
        index.push(None);
    }
    // Three articles back: still in the window.
    assert_eq!(index.push(dedup.sign_text(STORY)).len(), 1);
    assert_eq!(index.len(), 3);
    for _ in 0..3 {
        index.push(None);
    }
    // Four back: gone.
    assert_eq!(index.push(dedup.sign_text(STORY)).len(), 0);
    assert_eq!(index.len(), 3);
    assert_eq!(index.position(), 8);
}

#[test]
fn the_window_of_days() {
    let dedup = Dedup::builder().window_days(Some(2)).build().unwrap();
    let on = |date: &str| STORY.replacen("March 14", date, 1);
    // (dates of the earlier articles, date of the last, positions found)
    let cases: &[(&[&str], &str, &[u64])] = &[
        (&["March 14"], "March 16", &[0]),
        (&["March 14"], "March 17", &[]),
        // The clock is the newest date seen: an article dated back does not move it, and
        // is still compared with the articles in the window.
        (&["March 14", "March 20"], "March 15", &[1]),
        (&["March 19", "March 20"], "March 18", &[0, 1]),
        // Across the end of a year, without years.
        (&["Dec 31"], "Jan 1", &[0]),
        (&["Dec 28"], "Jan 2", &[]),
    ];
    for (earlier, last, want) in cases {
        let earlier: Vec<String> = earlier.iter().map(|d| on(d)).collect();
        let earlier: Vec<&str> = earlier.iter().map(String::as_str).collect();
        let got: Vec<u64> = found(&dedup, &earlier, &on(last))
            .iter()
            .map(|d| d.position())
            .collect();
        assert_eq!(got, *want, "{earlier:?} then {last}");
    }
    // Undated copy counts as of the newest date; without the option, dates do not matter.
    let undated = STORY.replacen("ROTTERDAM, March 14 (Reuters) - ", "", 1);
    assert_eq!(
        found(&dedup, &[&on("March 1"), &on("March 10")], &undated).len(),
        1
    );
    assert_eq!(found(&Dedup::new(), &[&on("Jan 1")], &on("Dec 1")).len(), 1);
}

#[test]
fn candidates_are_bounded() {
    let dedup = Dedup::builder().max_candidates(4).build().unwrap();
    let mut index = dedup.index();
    for _ in 0..10 {
        index.push(dedup.sign_text(STORY));
    }
    let got: Vec<u64> = index
        .push(dedup.sign_text(STORY))
        .map(|d| d.position())
        .collect();
    assert_eq!(got, [6, 7, 8, 9]);
}

#[test]
fn a_very_long_article_keeps_a_bounded_sample() {
    let dedup = Dedup::builder().max_shingles(256).build().unwrap();
    let long: String = (0..5000).map(|i| format!("word{i} ")).collect();
    let s = dedup.sign_text(&long).unwrap();
    assert!(s.is_sampled());
    assert_eq!(s.shingles(), 256);
    assert_eq!(s.words(), 5000);
    let mut edited = long.clone();
    edited.push_str("and one more sentence at the end.");
    let t = dedup.sign_text(&edited).unwrap();
    assert!(t.jaccard(&s) > 0.95, "{}", t.jaccard(&s));
    assert!(s.estimate(&t) > 0.8);
}

#[test]
fn signatures_of_other_options_are_refused() {
    let a = Dedup::new();
    let b = Dedup::builder().shingle_len(3).build().unwrap();
    let mut index = a.index();
    let err = index.try_push(b.sign_text(STORY)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidOption);
    assert_eq!(index.position(), 0);
    assert_eq!(
        a.sign_text(STORY)
            .unwrap()
            .jaccard(&b.sign_text(STORY).unwrap()),
        0.0
    );
    // A different threshold with the same banding signs alike.
    let c = Dedup::builder().threshold(0.81).build().unwrap();
    assert_eq!(c.bands(), a.bands());
    assert!(index.try_push(c.sign_text(STORY)).is_ok());
}

#[test]
fn bad_options() {
    type Set = fn(&mut DedupBuilder);
    let cases: &[(&str, Set)] = &[
        ("shingle length 0", |b| {
            b.shingle_len(0);
        }),
        ("shingle length 65", |b| {
            b.shingle_len(65);
        }),
        ("0 hashes", |b| {
            b.num_hashes(0);
        }),
        ("threshold 0", |b| {
            b.threshold(0.0);
        }),
        ("threshold 1.5", |b| {
            b.threshold(1.5);
        }),
        ("threshold NaN", |b| {
            b.threshold(f64::NAN);
        }),
        ("bands above hashes", |b| {
            b.num_hashes(16).bands(17);
        }),
        ("window 0", |b| {
            b.window(0);
        }),
        ("max shingles 15", |b| {
            b.max_shingles(15);
        }),
        ("max candidates 0", |b| {
            b.max_candidates(0);
        }),
    ];
    for (what, set) in cases {
        let mut b = Dedup::builder();
        set(&mut b);
        let err = b.build().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidOption, "{what}");
    }
}

#[test]
fn the_batch_hook_agrees_with_feeding_by_hand() {
    let dedup = Dedup::new();
    let update = with_update();
    let texts: Vec<String> = [STORY, "", OTHER_AGENCY, &update, STORY, "  "]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let by_hand: Vec<Vec<Duplicate>> = {
        let mut index = dedup.index();
        texts
            .iter()
            .map(|t| index.push(dedup.sign_text(t)).collect())
            .collect()
    };
    let batch = Batch::builder().threads(2).chunk_size(2).build().unwrap();
    assert_eq!(dedup.find(&batch, &texts), by_hand);
    let signer = dedup.clone();
    let streamed: Vec<Vec<Duplicate>> = dedup
        .map_stream(
            &batch,
            texts.clone().into_iter().enumerate(),
            move |t: String| ((), signer.sign_text(&t)),
        )
        .map(|(_, r, found)| {
            r.unwrap();
            found
        })
        .collect();
    assert_eq!(streamed, by_hand);
    assert_eq!(by_hand[3].len(), 1);
    assert_eq!(
        by_hand[4].iter().map(|d| d.position()).collect::<Vec<_>>(),
        [0, 3]
    );
}

#[test]
fn a_failed_step_has_no_signature() {
    let dedup = Dedup::new();
    let batch = Batch::new(2).unwrap();
    let texts = [STORY, "boom", STORY];
    let out = dedup.map(&batch, &texts, |t| {
        assert_ne!(*t, "boom", "a bug");
        ((), dedup.sign_text(t))
    });
    assert!(out[1].0.is_err());
    assert_eq!(out[2].1.len(), 1);
    assert_eq!(out[2].1[0].position(), 0);
}
