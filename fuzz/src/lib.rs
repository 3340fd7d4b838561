//! Invariants the fuzz targets check on every output, and the structured inputs they share.
//!
//! A broken invariant panics with a message naming it, which libFuzzer reports as a crash
//! and saves the input under `fuzz/artifacts/<target>/`.

use newswire::{
    Alias, AliasFilter, Article, CaseMode, Document, Entity, Gazetteer, Match, Matcher, Overlaps,
    Span, json,
};
use serde_json::Value;
use unicode_normalization::char::is_combining_mark;

/// Panics unless `span` lies inside `text` on char boundaries.
pub fn check_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what} {span:?} outside the text (len {})",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} {span:?} not on char boundaries"
    );
}

/// Every span of the article inside the text on char boundaries; sentences and paragraphs
/// ordered, non-empty, non-overlapping and inside the body; `sentence_at` consistent; the
/// JSON record the same in both offset units.
pub fn check_article(text: &str, a: &Article) {
    assert_eq!(a.text_len(), text.len(), "text_len");
    if let Some(d) = a.dateline() {
        check_span(text, d.span(), "dateline");
        for &l in d.locations() {
            check_span(text, l, "dateline location");
            assert!(d.span().contains(l), "location outside the dateline");
        }
        for s in [d.date_span(), d.agency(), d.separator()]
            .into_iter()
            .flatten()
        {
            check_span(text, s, "dateline part");
            assert!(d.span().contains(s), "dateline part outside the dateline");
        }
        assert!(d.span().end <= a.body().start, "dateline inside the body");
    }
    for s in [a.headline(), a.byline()].into_iter().flatten() {
        check_span(text, s, "headline/byline");
        assert!(s.end <= a.body().start, "headline/byline inside the body");
    }
    check_span(text, a.body(), "body");
    for (name, list) in [("sentence", a.sentences()), ("paragraph", a.paragraphs())] {
        for &s in list {
            check_span(text, s, name);
            assert!(!s.is_empty(), "empty {name}");
            assert!(a.body().contains(s), "{name} {s:?} outside the body");
        }
        for w in list.windows(2) {
            assert!(w[0].end <= w[1].start, "{name}s out of order: {w:?}");
        }
    }
    for (i, s) in a.sentences().iter().enumerate() {
        assert_eq!(a.sentence_at(s.start), Some(i), "sentence_at({})", s.start);
        assert_eq!(
            a.sentence_at(s.end - 1),
            Some(i),
            "sentence_at({})",
            s.end - 1
        );
    }
    for t in a.trailers() {
        check_span(text, t.span, "trailer");
        assert!(a.body().end <= t.span.start, "body runs into the trailers");
    }
    for w in a.trailers().windows(2) {
        assert!(w[0].span.end <= w[1].span.start, "trailers out of order");
    }
    for x in a.acronyms() {
        check_span(text, x.short, "acronym short form");
        check_span(text, x.long, "acronym long form");
    }
    for q in a.quotes() {
        check_span(text, q.span, "quote");
        check_span(text, q.content, "quote content");
        assert!(
            q.span.contains(q.content),
            "quote content outside the quote"
        );
        if let Some(s) = q.speaker {
            check_span(text, s, "speaker");
        }
    }
    for w in a.quotes().windows(2) {
        assert!(w[0].span.end <= w[1].span.start, "quotes out of order");
    }
    for d in a.dates() {
        check_span(text, d.span, "date");
        if let Some(m) = d.month {
            assert!((1..=12).contains(&m), "month {m}");
        }
        if let Some(day) = d.day {
            assert!((1..=31).contains(&day), "day {day}");
        }
    }
    let bytes = json::article_to_string(Some("x"), text, a, json::Offsets::Bytes);
    let chars = json::article_to_string(Some("x"), text, a, json::Offsets::Chars);
    check_json_units(text, &bytes, &chars);
}

/// Matches of one matcher over `text`: inside the text on char boundaries, entity ids valid,
/// sorted and without repeats; ordered by start; in `longest` mode never overlapping.
pub fn check_matches(text: &str, gazetteer_len: usize, matches: &[Match], overlaps: Overlaps) {
    for m in matches {
        check_span(text, m.span(), "match");
        assert!(!m.span().is_empty(), "empty match {:?}", m.span());
        assert!(!m.entities().is_empty(), "match without an entity");
        assert!(
            m.entities().iter().all(|e| e.index() < gazetteer_len),
            "entity id out of range"
        );
        assert!(
            m.entities().windows(2).all(|w| w[0] < w[1]),
            "entities not in gazetteer order or repeated: {:?}",
            m.entities()
        );
    }
    for w in matches.windows(2) {
        let (a, b) = (w[0].span(), w[1].span());
        match overlaps {
            Overlaps::Longest => assert!(a.end <= b.start, "longest matches overlap: {a:?} {b:?}"),
            _ => assert!(
                (a.start, a.end) < (b.start, b.end),
                "all-mode matches out of order or repeated: {a:?} {b:?}"
            ),
        }
    }
}

/// Every longest-mode match is also an all-mode match, with the same entities.
pub fn check_all_covers_longest(longest: &[Match], all: &[Match]) {
    for m in longest {
        assert!(
            all.iter()
                .any(|x| x.span() == m.span() && x.entities() == m.entities()),
            "longest match {:?} {:?} missing from all mode",
            m.span(),
            m.entities()
        );
    }
}

/// A document: its article's invariants, mentions inside the text, ordered and (in
/// `longest` mode) non-overlapping, sentence indices right, summary counts adding up, and
/// the JSON record the same in both offset units.
pub fn check_document(text: &str, doc: &Document, overlaps: Overlaps) {
    check_article(text, doc.article());
    let n = doc.gazetteer().len();
    for m in doc.mentions() {
        check_span(text, m.span(), "mention");
        assert!(!m.span().is_empty(), "empty mention");
        assert!(!m.entities().is_empty(), "mention without an entity");
        assert!(
            m.entities().iter().all(|e| e.index() < n),
            "entity id out of range"
        );
        assert_eq!(
            m.sentence(),
            doc.article().sentence_at(m.span().start),
            "sentence index of {:?}",
            m.span()
        );
    }
    for w in doc.mentions().windows(2) {
        let (a, b) = (w[0].span(), w[1].span());
        assert!(
            (a.start, a.end) <= (b.start, b.end),
            "mentions out of order"
        );
        if overlaps == Overlaps::Longest {
            assert!(a.end <= b.start, "mentions overlap: {a:?} {b:?}");
        }
    }
    let total: usize = doc.mentions().iter().map(|m| m.entities().len()).sum();
    let summed: usize = doc.entities().iter().map(|s| s.count()).sum();
    assert_eq!(total, summed, "summary counts");
    let bytes = json::document_to_string(Some("x"), text, doc, json::Offsets::Bytes);
    let chars = json::document_to_string(Some("x"), text, doc, json::Offsets::Chars);
    check_json_units(text, &bytes, &chars);
}

/// The byte-offset and char-offset records are valid JSON, identical except that every
/// `start`/`end` of the char record is the char offset of the byte record's, and every
/// byte pair slices the text on char boundaries.
pub fn check_json_units(text: &str, bytes: &str, chars: &str) {
    let b: Value = serde_json::from_str(bytes).expect("byte-offset record is JSON");
    let c: Value = serde_json::from_str(chars).expect("char-offset record is JSON");
    let mut char_of = vec![usize::MAX; text.len() + 1];
    for (n, (i, _)) in text.char_indices().enumerate() {
        char_of[i] = n;
    }
    char_of[text.len()] = text.chars().count();
    walk(&b, &c, &char_of, "");
}

fn walk(b: &Value, c: &Value, char_of: &[usize], key: &str) {
    match (b, c) {
        (Value::Object(bo), Value::Object(co)) => {
            assert_eq!(bo.len(), co.len(), "object sizes differ at {key}");
            if let (Some(s), Some(e)) = (bo.get("start"), bo.get("end")) {
                let (s, e) = (s.as_u64().unwrap() as usize, e.as_u64().unwrap() as usize);
                assert!(
                    s <= e && e < char_of.len(),
                    "byte pair {s}..{e} off the text"
                );
                assert!(
                    char_of[s] != usize::MAX && char_of[e] != usize::MAX,
                    "byte pair {s}..{e} not on char boundaries"
                );
            }
            for (k, bv) in bo {
                let cv = co
                    .get(k)
                    .unwrap_or_else(|| panic!("key {k} missing in chars"));
                walk(bv, cv, char_of, k);
            }
        }
        (Value::Array(ba), Value::Array(ca)) => {
            assert_eq!(ba.len(), ca.len(), "array lengths differ at {key}");
            for (bv, cv) in ba.iter().zip(ca) {
                walk(bv, cv, char_of, key);
            }
        }
        (Value::Number(bn), Value::Number(cn)) if key == "start" || key == "end" => {
            let byte = bn.as_u64().unwrap() as usize;
            assert_eq!(
                Some(cn.as_u64().unwrap() as usize),
                char_of.get(byte).copied(),
                "{key}: byte {byte} converted wrongly"
            );
        }
        _ => assert_eq!(b, c, "values differ at {key}"),
    }
}

/// Matcher options, from one byte.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Smart, exact or insensitive.
    pub case: CaseMode,
    /// Spacing and hyphen variants.
    pub variants: bool,
    /// Diacritic folding.
    pub fold_diacritics: bool,
    /// The standard alias filter (else none).
    pub standard_filter: bool,
}

impl Options {
    /// Bits 0-1 the case mode, 2 variants off, 3 folding off, 4 the standard filter.
    pub fn from_byte(b: u8) -> Options {
        Options {
            case: match b & 3 {
                1 => CaseMode::Exact,
                2 => CaseMode::Insensitive,
                _ => CaseMode::Smart,
            },
            variants: b & 4 == 0,
            fold_diacritics: b & 8 == 0,
            standard_filter: b & 16 != 0,
        }
    }
}

/// A fuzz case for the matcher and annotation targets, in a text format that seeds can be
/// written in and mutations keep meaningful:
///
/// ```text
/// <options byte>P:Syed Aminul Haque
/// |Aminul Haque
/// O:Organisation of Islamic Cooperation
/// |e:OIC
/// Pakistan
/// --
/// ISLAMABAD, Dec 12 (APP): ...
/// ```
///
/// The first byte holds the [`Options`]. Each line up to a line `--` is a name: a new
/// entity (`P:` a PERSON, `O:` an ORG, otherwise a LOC), or with a leading `|` an alias of
/// the entity before (`|e:`, `|i:`, `|s:` give it its own case mode). The rest is the text.
/// Blank names are left out (their refusal is tested elsewhere).
#[derive(Debug)]
pub struct Case {
    /// Matcher options.
    pub options: Options,
    /// The gazetteer.
    pub gazetteer: Gazetteer,
    /// The text to match.
    pub text: String,
}

impl Case {
    /// Read a case; `None` for an empty input.
    pub fn read(data: &[u8]) -> Option<Case> {
        let (&first, rest) = data.split_first()?;
        let rest = String::from_utf8_lossy(rest);
        let (names, text) = match rest.find("\n--\n") {
            Some(i) => (&rest[..i], &rest[i + 4..]),
            None => (&rest[..], ""),
        };
        let mut entities: Vec<Entity> = Vec::new();
        for line in names.lines().take(256) {
            if let Some(alias) = line.strip_prefix('|') {
                let (case, alias) = match alias.split_at_checked(2) {
                    Some(("e:", a)) => (Some(CaseMode::Exact), a),
                    Some(("i:", a)) => (Some(CaseMode::Insensitive), a),
                    Some(("s:", a)) => (Some(CaseMode::Smart), a),
                    _ => (None, alias),
                };
                if alias.trim().is_empty() {
                    continue;
                }
                if let Some(e) = entities.pop() {
                    let mut a = Alias::new(alias);
                    if let Some(c) = case {
                        a = a.with_case(c);
                    }
                    entities.push(e.with_alias(a));
                }
                continue;
            }
            let (kind, name) = match line.split_at_checked(2) {
                Some(("P:", n)) => ("PERSON", n),
                Some(("O:", n)) => ("ORG", n),
                _ => ("LOC", line),
            };
            if name.trim().is_empty() {
                continue;
            }
            entities.push(Entity::new(format!("e{}", entities.len()), kind, name));
        }
        let mut gazetteer = Gazetteer::new();
        for e in entities {
            gazetteer
                .add(e)
                .expect("non-blank names and unique ids are accepted");
        }
        Some(Case {
            options: Options::from_byte(first),
            gazetteer,
            text: text.to_string(),
        })
    }

    /// Matchers in both overlap modes.
    pub fn matchers(&self) -> (Matcher, Matcher) {
        let o = self.options;
        let filter = if o.standard_filter {
            AliasFilter::standard()
        } else {
            AliasFilter::none()
        };
        let mut b = Matcher::builder();
        b.case(o.case)
            .variants(o.variants)
            .fold_diacritics(o.fold_diacritics)
            .filter(filter);
        let g = std::sync::Arc::new(self.gazetteer.clone());
        let longest = b
            .overlaps(Overlaps::Longest)
            .build(g.clone())
            .expect("a small gazetteer builds");
        let all = b
            .overlaps(Overlaps::All)
            .build(g)
            .expect("a small gazetteer builds");
        (longest, all)
    }
}

/// Whether a name must be found when it is the whole text: letters, single ASCII spaces
/// between words, nothing else; no word starting with a combining mark (which belongs to
/// whatever comes before it, so cannot begin a word), and no word made only of tatweels
/// (a silent letter: such a word normalises to nothing, so the name has no key to find).
pub fn plain_name(name: &str) -> bool {
    let mut after_space = true;
    let mut voiced = false;
    for c in name.chars() {
        if c == ' ' {
            if after_space || !voiced {
                return false;
            }
            after_space = true;
            voiced = false;
            continue;
        }
        if !c.is_alphabetic() || (after_space && is_combining_mark(c)) {
            return false;
        }
        voiced |= c != '\u{0640}';
        after_space = false;
    }
    !after_space && voiced
}

/// A name alone as the text is found, spanning the whole text and naming its entity,
/// whatever the case mode (the text is spelled exactly like the name).
pub fn check_self_match(matcher: &Matcher) {
    if matcher.filter().uses_stop_list() || matcher.filter().min_chars() > 1 {
        return;
    }
    for (i, e) in matcher.gazetteer().entities().enumerate() {
        let names = std::iter::once(e.name()).chain(
            e.aliases()
                .filter(|a| a.case().is_none())
                .map(|a| a.text()),
        );
        for name in names.filter(|n| plain_name(n)) {
            let found = matcher.find(name);
            assert!(
                found.iter().any(|m| m.span() == Span::new(0, name.len())
                    && m.entities().iter().any(|id| id.index() == i)),
                "{name:?} alone is not found as itself: {found:?}"
            );
        }
    }
}

/// What loading `data` as a gazetteer (source name `<fuzz>`) may give: a gazetteer whose
/// entities have non-blank unique ids, kinds, names and aliases, and whose matcher finds
/// soundly in the names themselves; or an error naming `<fuzz>` and a line of the input.
pub fn check_loaded(data: &[u8], result: newswire::Result<Gazetteer>) {
    match result {
        Ok(g) => {
            let mut text = String::new();
            for (i, e) in g.entities().enumerate() {
                assert!(!e.id().trim().is_empty(), "blank id");
                assert!(!e.kind().trim().is_empty(), "blank kind");
                assert!(!e.name().trim().is_empty(), "blank name");
                assert!(
                    e.aliases().all(|a| !a.text().trim().is_empty()),
                    "blank alias"
                );
                assert_eq!(
                    g.get(e.id()).map(|(id, _)| id.index()),
                    Some(i),
                    "id {:?} not unique or not indexed",
                    e.id()
                );
                for name in std::iter::once(e.name()).chain(e.aliases().map(|a| a.text())) {
                    text.push_str(name);
                    text.push_str(" and ");
                }
            }
            let n = g.len();
            let mut b = Matcher::builder();
            b.filter(AliasFilter::none());
            let unfiltered = b.build(g.clone()).expect("a small gazetteer builds");
            let standard = Matcher::new(g).expect("a small gazetteer builds");
            for m in [&unfiltered, &standard] {
                check_matches(&text, n, &m.find(&text), Overlaps::Longest);
            }
            check_self_match(&unfiltered);
        }
        Err(e) => {
            let lines = data.split(|&b| b == b'\n').count();
            let loc = e
                .location()
                .unwrap_or_else(|| panic!("load error without a line: {e}"));
            assert!(
                loc.line >= 1 && loc.line as usize <= lines,
                "line {} of {lines}: {e}",
                loc.line
            );
            assert_eq!(loc.source, std::path::Path::new("<fuzz>"));
            assert!(e.to_string().starts_with("<fuzz>:"), "{e}");
            assert!(!e.reason().is_empty(), "empty reason");
        }
    }
}

/// Make a damaged snapshot's length field and checksum right again (format version 1:
/// length at byte 32, XXH3-64 at byte 48 taken with itself zero; see
/// `docs/snapshot-format.md`), so that the damage reaches the checks of its tables.
pub fn reseal_snapshot(bytes: &mut [u8]) {
    if bytes.len() < 64 {
        return;
    }
    let len = bytes.len() as u64;
    bytes[32..40].copy_from_slice(&len.to_le_bytes());
    bytes[48..56].fill(0);
    let sum = xxhash_rust::xxh3::xxh3_64(bytes);
    bytes[48..56].copy_from_slice(&sum.to_le_bytes());
}
