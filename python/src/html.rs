//! Notebook views: `Document._repr_html_` and `Article._repr_html_`, written from the
//! core's records and their text.
//!
//! A leaf: it reads the core's records and nothing of this crate.

use std::fmt::Write;

use newswire::offsets::RecordSpan;
use newswire::records::{ArticleRecord, DocumentRecord};

/// Append `s` with the five HTML-special characters escaped.
fn escape(out: &mut String, s: &str) {
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape(&mut out, s);
    out
}

/// A background colour per entity kind: fixed ones for the usual kinds, a stable pick
/// from a palette for the rest.
fn kind_color(kind: &str) -> &'static str {
    const PALETTE: [&str; 8] = [
        "#fde68a", "#c7d2fe", "#fbcfe8", "#a7f3d0", "#fed7aa", "#ddd6fe", "#bae6fd", "#e5e7eb",
    ];
    match kind.to_ascii_uppercase().as_str() {
        "PERSON" | "PER" => "#fecaca",
        "ORG" | "ORGANIZATION" | "ORGANISATION" => "#bfdbfe",
        "LOC" | "GPE" | "PLACE" | "LOCATION" => "#bbf7d0",
        _ => {
            let h = kind
                .bytes()
                .fold(5381u32, |h, b| h.wrapping_mul(33) ^ u32::from(b));
            PALETTE[(h as usize) % PALETTE.len()]
        }
    }
}

const DATELINE_OPEN: &str = "<span class=\"nw-dateline\" title=\"dateline\" style=\"border-bottom:2px solid #d97706;font-weight:600\">";
const HEADLINE_OPEN: &str =
    "<span class=\"nw-headline\" title=\"headline\" style=\"font-weight:700;font-size:1.15em\">";
const BYLINE_OPEN: &str = "<span class=\"nw-byline\" title=\"byline\" style=\"font-style:italic\">";

/// Writes plain text between highlights, opening and closing the article's regions
/// (headline, byline, dateline: disjoint, in text order) where they fall.
struct Writer<'a> {
    text: &'a str,
    out: String,
    regions: Vec<(usize, usize, &'static str)>,
    next: usize,
    open: Option<usize>,
}

impl Writer<'_> {
    fn plain(&mut self, mut from: usize, to: usize) {
        loop {
            if let Some(end) = self.open {
                if from <= end && end <= to {
                    escape(&mut self.out, self.text.get(from..end).unwrap_or(""));
                    self.out.push_str("</span>");
                    self.open = None;
                    from = end;
                    continue;
                }
            } else if let Some(&(start, end, tag)) = self.regions.get(self.next) {
                if from <= start && start <= to {
                    escape(&mut self.out, self.text.get(from..start).unwrap_or(""));
                    self.out.push_str(tag);
                    self.open = Some(end);
                    self.next += 1;
                    from = start;
                    continue;
                }
            }
            break;
        }
        escape(&mut self.out, self.text.get(from..to).unwrap_or(""));
    }

    /// Whether `start..end` straddles a region's edge (it could not nest in the HTML).
    fn crosses(&self, start: usize, end: usize) -> bool {
        self.regions
            .iter()
            .any(|&(rs, re, _)| (start < rs && rs < end) || (start < re && re < end))
    }
}

pub(crate) fn document_html(text: &str, doc: &DocumentRecord) -> String {
    let art = &doc.article;
    let region = |s: RecordSpan, tag| (s.bytes.start, s.bytes.end, tag);
    let mut regions: Vec<(usize, usize, &'static str)> = Vec::new();
    regions.extend(art.headline.map(|s| region(s, HEADLINE_OPEN)));
    regions.extend(art.byline.map(|s| region(s, BYLINE_OPEN)));
    regions.extend(art.dateline.as_ref().map(|d| region(d.span, DATELINE_OPEN)));
    regions.sort_unstable();
    regions.dedup_by(|b, a| b.0 < a.1); // keep them disjoint, whatever the parser says
    let mut w = Writer {
        text,
        out: String::with_capacity(text.len() * 2 + 512),
        regions,
        next: 0,
        open: None,
    };
    w.out.push_str(
        "<div class=\"newswire-document\" style=\"white-space:pre-wrap;line-height:1.7;font-family:Georgia,serif\">",
    );
    let mut pos = 0;
    let mut kinds: Vec<(&str, usize)> = Vec::new();
    for m in &doc.mentions {
        let (start, end) = (m.span.bytes.start, m.span.bytes.end);
        if start < pos || end > text.len() {
            continue; // overlaps an earlier highlight (overlaps="all")
        }
        if w.crosses(start, end) {
            continue;
        }
        let kind = m
            .entities
            .first()
            .and_then(|&id| doc.entity(id))
            .map_or("", |e| e.kind());
        match kinds.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n += 1,
            None => kinds.push((kind, 1)),
        }
        let mut title = String::new();
        for (n, e) in m
            .entities
            .iter()
            .filter_map(|&id| doc.entity(id))
            .enumerate()
        {
            if n > 0 {
                title.push_str(" | ");
            }
            let _ = write!(title, "{}: {} ({})", e.kind(), e.name(), e.id());
        }
        let _ = write!(title, " [{}]", m.via.as_str());
        w.plain(pos, start);
        let _ = write!(
            w.out,
            "<mark class=\"nw-entity\" data-kind=\"{}\" title=\"{}\" style=\"background:{};padding:0 .15em;border-radius:.25em\">",
            esc(kind),
            esc(&title),
            kind_color(kind)
        );
        escape(&mut w.out, m.span.slice(text));
        let _ = write!(
            w.out,
            "<span style=\"font-size:.6em;font-family:sans-serif;font-weight:700;margin-left:.3em;opacity:.65\">{}</span></mark>",
            esc(kind)
        );
        pos = end;
    }
    w.plain(pos, text.len());
    if w.open.is_some() {
        w.out.push_str("</span>");
    }
    w.out.push_str("</div>");
    let mut out = w.out;
    if !kinds.is_empty() {
        out.push_str("<div class=\"newswire-legend\" style=\"font-family:sans-serif;font-size:.8em;margin-top:.5em\">");
        for (kind, n) in kinds {
            let _ = write!(
                out,
                "<span style=\"background:{};padding:0 .4em;border-radius:.25em;margin-right:.4em\">{} × {n}</span>",
                kind_color(kind),
                esc(kind)
            );
        }
        out.push_str("</div>");
    }
    out
}

pub(crate) fn article_html(text: &str, a: &ArticleRecord) -> String {
    let s = |span: RecordSpan| esc(span.slice(text));
    let mut rows: Vec<(&str, String)> = Vec::new();
    if let Some(h) = a.headline {
        rows.push(("headline", format!("<b>{}</b>", s(h))));
    }
    if let Some(b) = a.byline {
        rows.push(("byline", s(b)));
    }
    if let Some(d) = &a.dateline {
        let mut v = format!("<b>{}</b>", s(d.span));
        let locs: Vec<String> = d.locations.iter().map(|&l| s(l)).collect();
        if !locs.is_empty() {
            let _ = write!(v, "<br>places: {}", locs.join(" · "));
        }
        if let Some(p) = d.date {
            match p.year {
                Some(y) => {
                    let _ = write!(v, "<br>date: {y:04}-{:02}-{:02}", p.month, p.day);
                }
                None => {
                    let _ = write!(v, "<br>date: --{:02}-{:02}", p.month, p.day);
                }
            }
        }
        if let Some(ag) = d.agency {
            let _ = write!(v, "<br>agency: {}", s(ag));
        }
        rows.push(("dateline", v));
    }
    rows.push(("paragraphs", a.paragraphs.len().to_string()));
    if !a.sentences.is_empty() {
        let mut v = String::from("<ol style=\"margin:0;padding-left:1.5em\">");
        for &sentence in &a.sentences {
            let _ = write!(v, "<li>{}</li>", s(sentence));
        }
        v.push_str("</ol>");
        rows.push(("sentences", v));
    }
    let list = |items: Vec<String>| {
        let mut v = String::from("<ul style=\"margin:0;padding-left:1.2em\">");
        for i in items {
            let _ = write!(v, "<li>{i}</li>");
        }
        v.push_str("</ul>");
        v
    };
    if !a.trailers.is_empty() {
        rows.push((
            "trailers",
            list(
                a.trailers
                    .iter()
                    .map(|t| format!("<i>{}</i>: {}", t.kind.as_str(), s(t.span)))
                    .collect(),
            ),
        ));
    }
    if !a.acronyms.is_empty() {
        rows.push((
            "acronyms",
            list(
                a.acronyms
                    .iter()
                    .map(|x| format!("<b>{}</b> = {}", s(x.short), s(x.long)))
                    .collect(),
            ),
        ));
    }
    if !a.quotes.is_empty() {
        rows.push((
            "quotes",
            list(
                a.quotes
                    .iter()
                    .map(|q| match q.speaker {
                        Some(sp) => format!("{} — <i>{}</i>", s(q.span), s(sp)),
                        None => s(q.span),
                    })
                    .collect(),
            ),
        ));
    }
    if !a.dates.is_empty() {
        let f = |v: Option<i64>, w: usize| v.map_or("?".repeat(w), |v| format!("{v:0w$}"));
        rows.push((
            "dates",
            list(
                a.dates
                    .iter()
                    .map(|d| {
                        format!(
                            "{} → {}-{}-{}",
                            s(d.span),
                            f(d.year.map(i64::from), 4),
                            f(d.month.map(i64::from), 2),
                            f(d.day.map(i64::from), 2)
                        )
                    })
                    .collect(),
            ),
        ));
    }
    let mut out = String::from(
        "<div class=\"newswire-article\" style=\"font-family:sans-serif\"><table style=\"border-collapse:collapse;text-align:left\">",
    );
    for (name, value) in rows {
        let _ = write!(
            out,
            "<tr><th style=\"vertical-align:top;padding:.2em .8em .2em 0;text-align:left\">{name}</th><td style=\"text-align:left\">{value}</td></tr>"
        );
    }
    out.push_str("</table></div>");
    out
}
