//! The parser over every article of Reuters-21578 (`../shared/data/reuters21578.jsonl`):
//! datelines against the collection's own DATELINE field, and the `Reuter` sign-off.
//! Skips with a note when the data is absent.

use std::path::PathBuf;

use newswire::{Article, Date, Parser, Span, article::TrailerKind};

fn data(name: &str) -> Option<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(name);
    match std::fs::read_to_string(&path) {
        Ok(s) => Some(s),
        Err(_) => {
            eprintln!("note: {} is absent; skipping", path.display());
            None
        }
    }
}

/// The gold DATELINE field read on its own terms, simply: cut at the first dash that
/// separates (not the one in `WINSTON-SALEM`), split on commas and slashes, and take a
/// trailing `Month Day` (or `Day Month`) as the date.
#[derive(Debug, PartialEq)]
struct Gold {
    locations: Vec<String>,
    date: Option<(u8, u8)>,
}

fn month3(word: &str) -> Option<u8> {
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    let i = FULL.iter().position(|f| {
        w == *f || (w.len() == 3 && f.starts_with(&w)) || (w == "sept" && *f == "september")
    })?;
    Some(i as u8 + 1)
}

fn gold(field: &str) -> Gold {
    // Asterisks mark some teletype datelines; they are not part of the place.
    let s = field.trim().trim_start_matches('*');
    let bytes = s.as_bytes();
    let mut cut = s.len();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'-' {
            let before = if i == 0 { b' ' } else { bytes[i - 1] };
            if before == b' ' || before.is_ascii_digit() || before == b',' {
                cut = i;
                break;
            }
        }
    }
    let head = s[..cut].trim().trim_end_matches(',').trim();
    let mut parts: Vec<String> = head
        .split(',')
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    if parts
        .last()
        .is_some_and(|p| p.eq_ignore_ascii_case("reuter"))
    {
        parts.pop();
    }
    let mut date = None;
    if let Some(last) = parts.last().cloned() {
        let toks: Vec<&str> = last.split_whitespace().collect();
        let n = toks.len();
        let day = |t: &str| t.parse::<u8>().ok().filter(|d| (1..=31).contains(d));
        if n >= 2
            && let (Some(m), Some(d)) = (month3(toks[n - 2]), day(toks[n - 1]))
        {
            date = Some((m, d));
            parts.pop();
            if n > 2 {
                parts.push(toks[..n - 2].join(" "));
            }
        } else if n == 2
            && let (Some(d), Some(m)) = (day(toks[0]), month3(toks[1]))
        {
            date = Some((m, d));
            parts.pop();
        } else if parts.len() >= 2
            && n == 1
            && let Some(d) = day(toks[0])
            && let Some(m) = month3(&parts[parts.len() - 2])
        {
            // `April, 13`
            date = Some((m, d));
            parts.pop();
            parts.pop();
        }
    }
    let locations = parts
        .iter()
        .flat_map(|p| p.split('/'))
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    Gold { locations, date }
}

/// `26-FEB-1987 15:01:01.79`
fn gold_date(s: &str) -> Option<Date> {
    let day: u8 = s.get(0..2)?.trim().parse().ok()?;
    let month = month3(s.get(3..6)?)?;
    let year: i32 = s.get(7..11)?.parse().ok()?;
    Date::new(year, month, day).ok()
}

fn check_spans(id: &str, text: &str, a: &Article) {
    let ok = |s: Span| {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    for s in a.sentences().iter().chain(a.paragraphs()) {
        assert!(
            ok(*s) && a.body().contains(*s),
            "{id}: span {s:?} outside the body"
        );
    }
    for w in a.sentences().windows(2) {
        assert!(w[0].end <= w[1].start, "{id}: sentences out of order");
    }
}

fn is_sign_off_word(s: &str) -> bool {
    matches!(s, "Reuter" | "REUTER" | "reuter")
}

#[test]
fn reuters_datelines_and_sign_offs() {
    let Some(jsonl) = data("reuters21578.jsonl") else {
        return;
    };
    let mut total = 0usize;
    let mut agree = 0usize;
    let mut misses = Vec::new();
    let mut signed = 0usize;
    let mut sign_off_found = 0usize;
    let mut sign_off_problems = Vec::new();
    for line in jsonl.lines().filter(|l| !l.trim().is_empty()) {
        let rec: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        let id = rec["id"].as_str().unwrap_or("?").to_string();
        let text = rec["text"].as_str().unwrap_or("");
        let field = rec["gold"]["dateline"].as_str().unwrap_or("");
        let reference = rec["gold"]["date"].as_str().and_then(gold_date);
        let mut builder = Parser::builder();
        if let Some(r) = reference {
            builder.reference_date(r);
        }
        let article = builder.build().parse(text);
        check_spans(&id, text, &article);
        total += 1;

        let g = gold(field);
        let ours_locs: Vec<String> = article
            .dateline()
            .map(|d| {
                d.locations()
                    .iter()
                    .map(|l| {
                        l.slice(text)
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .collect()
            })
            .unwrap_or_default();
        let ours_date = article.dateline().and_then(|d| d.date());
        let date_ok = match (g.date, ours_date) {
            (None, None) => true,
            (Some((m, d)), Some(p)) => {
                let expected_year = reference.map(|r| match (r.month(), m) {
                    (1, 12) => r.year() - 1,
                    (12, 1) => r.year() + 1,
                    _ => r.year(),
                });
                p.month == m && p.day == d && p.year == expected_year
            }
            _ => false,
        };
        let empty_gold = g.locations.is_empty() && g.date.is_none();
        let ok = if empty_gold {
            article.dateline().is_none()
        } else {
            article.dateline().is_some() && ours_locs == g.locations && date_ok
        };
        if ok {
            agree += 1;
        } else {
            misses.push(format!(
                "{id}: gold {field:?} -> {:?} {:?}; parsed {:?} {:?}",
                g.locations,
                g.date,
                ours_locs,
                ours_date.map(|p| (p.month, p.day, p.year))
            ));
        }

        // The sign-off: a trailer wherever the copy ends with it, never in the body.
        let trimmed = text.trim_end();
        let last_word = trimmed.rsplit(char::is_whitespace).next().unwrap_or("");
        if is_sign_off_word(last_word) {
            signed += 1;
            let found = article.trailers().iter().any(|t| {
                t.kind == TrailerKind::SignOff
                    && t.span.end == trimmed.len()
                    && t.span.slice(text).trim() == last_word
            });
            if found {
                sign_off_found += 1;
            } else {
                sign_off_problems.push(format!("{id}: sign-off not found as a trailer"));
            }
        }
        let body = article.body().slice(text);
        let body_last = body
            .trim_end()
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("");
        if is_sign_off_word(body_last) || body.lines().any(|l| is_sign_off_word(l.trim())) {
            sign_off_problems.push(format!("{id}: sign-off inside the body"));
        }
        for s in article.sentences() {
            if is_sign_off_word(s.slice(text).trim()) {
                sign_off_problems.push(format!("{id}: sign-off as a sentence"));
            }
        }
    }
    let rate = agree as f64 / total as f64 * 100.0;
    println!(
        "Reuters-21578 datelines: {agree} of {total} agree with the gold DATELINE field ({rate:.2}%)"
    );
    println!("misses ({}):", misses.len());
    for m in &misses {
        println!("  {m}");
    }
    println!("sign-offs: {sign_off_found} of {signed} found as trailers");
    for p in sign_off_problems.iter().take(50) {
        println!("  {p}");
    }
    assert!(
        total > 19_000,
        "expected the whole collection, read {total} articles"
    );
    assert!(rate >= 99.0, "dateline agreement {rate:.2}% is below 99%");
    assert!(
        sign_off_problems.is_empty(),
        "{} sign-off problems",
        sign_off_problems.len()
    );
}

#[test]
fn gold_reader_reads_the_field_forms() {
    type Case<'a> = (&'a str, &'a [&'a str], Option<(u8, u8)>);
    let cases: &[Case] = &[
        ("SALVADOR, Feb 26 -", &["SALVADOR"], Some((2, 26))),
        (
            "PORTLAND, Ore., Feb 26 -",
            &["PORTLAND", "Ore."],
            Some((2, 26)),
        ),
        (
            "RICHMOND, Va. Feb 26 -",
            &["RICHMOND", "Va."],
            Some((2, 26)),
        ),
        ("WINSTON-SALEM, N.C. -", &["WINSTON-SALEM", "N.C."], None),
        ("ROME, March 13, Reuter -", &["ROME"], Some((3, 13))),
        ("AMSTERDAM, 2 March -", &["AMSTERDAM"], Some((3, 2))),
        (
            "ANAHEIM, Calif., June 1-",
            &["ANAHEIM", "Calif."],
            Some((6, 1)),
        ),
        ("LONDON, April 1 - Enquiries -", &["LONDON"], Some((4, 1))),
        (
            "EVANDALE, Ohio, April, 13 -",
            &["EVANDALE", "Ohio"],
            Some((4, 13)),
        ),
        ("--", &[], None),
    ];
    for (field, locs, date) in cases {
        let g = gold(field);
        assert_eq!(
            g.locations,
            locs.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            "{field}"
        );
        assert_eq!(g.date, *date, "{field}");
    }
}
