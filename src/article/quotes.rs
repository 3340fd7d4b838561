//! Quotations in double quotes (straight `"`, curly `“ ”`, guillemets `« »`) and who said
//! them, where a cue names a speaker: `"...," he said.`, `"...," said a news release.`,
//! `X told reporters: "..."`, `according to X`.

use super::Quote;
use super::abbreviations::{self, Class};
use super::scan;
use crate::Span;

/// How far after a quotation its cue is looked for.
const AFTER: usize = 120;
/// How far before.
const BEFORE: usize = 140;
/// Longest speaker, in words.
const MAX_SPEAKER_WORDS: usize = 8;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Straight,
    Open,
    Close,
}

/// Appends the quotations in `paragraphs` to `out`, in order.
pub(crate) fn find(text: &str, paragraphs: &[Span], out: &mut Vec<Quote>) {
    let b = text.as_bytes();
    let (Some(first), Some(last)) = (paragraphs.first(), paragraphs.last()) else {
        return;
    };
    // One search over all the paragraphs for the first byte that may start a quote mark:
    // copy without one (most short items) is done after it, and the paragraphs before it
    // are skipped, where a search per paragraph paid its set-up cost on each.
    let from = match b.get(first.start..last.end) {
        Some(all) => match memchr::memchr3(b'"', 0xE2, 0xC2, all) {
            Some(k) => first.start + k,
            None => return,
        },
        None => 0,
    };
    for (pi, p) in paragraphs.iter().enumerate() {
        if p.end <= from {
            continue;
        }
        let mut open: Option<(usize, usize)> = None;
        let mut last_end = p.start;
        let mut i = p.start.max(from);
        while i < p.end {
            let Some(k) = memchr::memchr3(b'"', 0xE2, 0xC2, &b[i..p.end]) else {
                break;
            };
            let at = i + k;
            let Some((mark, len)) = mark_at(b, at, p.end) else {
                i = at + 1;
                continue;
            };
            i = at + len;
            match (mark, open) {
                (Mark::Straight, None) => {
                    // An opening mark stands before text, not after a word.
                    let before_word =
                        scan::char_before(text, at).is_some_and(char::is_alphanumeric);
                    let after_space = scan::char_at(text, at + 1).is_none_or(char::is_whitespace);
                    if !before_word && !after_space {
                        open = Some((at, len));
                    }
                }
                (Mark::Open, None) => open = Some((at, len)),
                (Mark::Straight | Mark::Close, Some((os, ol))) => {
                    open = None;
                    let content = Span::new(os + ol, at);
                    if !text
                        .get(content.start..content.end)
                        .unwrap_or("")
                        .trim()
                        .is_empty()
                    {
                        let span = Span::new(os, at + len);
                        let speaker = speaker(text, *p, last_end, span);
                        out.push(Quote {
                            span,
                            content,
                            speaker,
                        });
                        last_end = span.end;
                    }
                }
                _ => {}
            }
        }
        // A quotation running on into the next paragraph, which opens with a quote mark
        // again (the news convention), ends with this paragraph.
        if let Some((os, ol)) = open
            && let Some(next) = paragraphs.get(pi + 1)
            && mark_at(b, next.start, next.end).is_some_and(|(m, _)| m != Mark::Close)
            && os + ol < p.end
        {
            let span = Span::new(os, p.end);
            out.push(Quote {
                span,
                content: Span::new(os + ol, p.end),
                speaker: speaker(text, *p, last_end, span),
            });
        }
    }
}

fn mark_at(b: &[u8], at: usize, end: usize) -> Option<(Mark, usize)> {
    match *b.get(at)? {
        b'"' => Some((Mark::Straight, 1)),
        0xE2 if at + 3 <= end && b[at + 1] == 0x80 => match b[at + 2] {
            0x9C => Some((Mark::Open, 3)),
            0x9D => Some((Mark::Close, 3)),
            _ => None,
        },
        0xC2 if at + 2 <= end => match b[at + 1] {
            0xAB => Some((Mark::Open, 2)),
            0xBB => Some((Mark::Close, 2)),
            _ => None,
        },
        _ => None,
    }
}

/// Verbs that introduce who said something.
fn is_cue(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "says"
            | "say"
            | "told"
            | "tells"
            | "added"
            | "adds"
            | "stated"
            | "states"
            | "explained"
            | "noted"
            | "notes"
            | "asked"
            | "declared"
            | "insisted"
            | "warned"
            | "wrote"
            | "writes"
            | "continued"
            | "announced"
            | "commented"
            | "remarked"
            | "replied"
            | "recalled"
            | "argued"
            | "acknowledged"
            | "admitted"
            | "stressed"
            | "emphasised"
            | "emphasized"
            | "urged"
            | "observed"
            | "maintained"
            | "claimed"
            | "reiterated"
            | "concluded"
            | "cautioned"
            | "predicted"
            | "quipped"
    )
}

/// Verbs whose object, not subject, follows them (`told reporters`).
fn object_follows(w: &str) -> bool {
    matches!(w, "told" | "tells" | "asked" | "urged" | "warned")
}

/// Words at which a speaker's name stops.
fn is_stop(w: &str) -> bool {
    matches!(
        w,
        "who"
            | "which"
            | "that"
            | "on"
            | "in"
            | "at"
            | "after"
            | "before"
            | "during"
            | "when"
            | "while"
            | "as"
            | "and"
            | "but"
            | "because"
            | "adding"
            | "according"
            | "to"
            | "from"
            | "with"
            | "told"
            | "said"
            | "says"
            | "added"
            | "since"
            | "if"
            | "for"
    )
}

/// A whitespace-separated token: its span, its text without surrounding punctuation, and
/// whether punctuation that ends a phrase follows it.
#[derive(Clone, Copy)]
struct Tok<'t> {
    start: usize,
    end: usize,
    word: &'t str,
    /// A comma, full stop (not of an abbreviation), colon, semicolon, quote or bracket
    /// closes the phrase after this token.
    closes: bool,
    /// A quote or bracket opens before it.
    opens: bool,
    /// The punctuation after it is a comma.
    word_closes_with_comma: bool,
    /// It is an abbreviation that may end a sentence (`U.S.`), and only its full stop
    /// follows it: whether that closes the phrase depends on the next word.
    may_end: bool,
}

fn tokens(text: &str, start: usize, end: usize, max: usize) -> Vec<Tok<'_>> {
    let mut out = Vec::with_capacity(max.min(16));
    let Some(s) = text.get(start..end) else {
        return out;
    };
    for raw in s.split_whitespace() {
        if out.len() >= max {
            break;
        }
        // `split_whitespace` gives sub-slices of `s`: find where.
        let off = raw.as_ptr() as usize - s.as_ptr() as usize;
        let ts = start + off;
        // Copy glued to a quotation (`he added."If`) ends the token at the quote mark: what
        // follows it belongs to the quotation.
        // (Most tokens hold neither `"` nor a non-ASCII byte and are not searched.)
        let quote_byte = raw.bytes().any(|c| c == b'"' || c >= 0x80);
        let raw = match raw.find(['"', '“', '”', '«', '»']).filter(|_| quote_byte) {
            Some(k)
                if raw[..k].contains(char::is_alphanumeric)
                    && raw[k..].contains(char::is_alphanumeric) =>
            {
                &raw[..k + raw[k..].chars().next().map_or(0, char::len_utf8)]
            }
            _ => raw,
        };
        let inner = raw.trim_matches(|c: char| !c.is_alphanumeric());
        if inner.is_empty() {
            // A dash or a lone quote mark between words breaks the phrase.
            if let Some(prev) = out.last_mut() {
                let prev: &mut Tok<'_> = prev;
                prev.closes = true;
                prev.may_end = false;
            }
            continue;
        }
        let lead = raw.len() - raw.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
        let ws = ts + lead;
        let we = ws + inner.len();
        let trail = &raw[lead + inner.len()..];
        let class = trail
            .starts_with('.')
            .then(|| abbreviations::builtin(inner))
            .flatten();
        let closes = trail
            .chars()
            .any(|c| matches!(c, ',' | ';' | ':' | '"' | '”' | '“' | ')' | '!' | '?'))
            || (trail.starts_with('.') && class != Some(Class::Never));
        let opens = raw[..lead]
            .chars()
            .any(|c| matches!(c, '"' | '“' | '(' | '«'));
        // `one U.S. official`: an abbreviation that may end a sentence does not when the
        // next word goes on in lower case.
        if let Some(prev) = out.last_mut()
            && prev.may_end
            && !opens
            && inner.starts_with(char::is_lowercase)
        {
            prev.closes = false;
        }
        let may_end = trail == "." && class == Some(Class::MayEnd);
        out.push(Tok {
            start: ws,
            end: we,
            word: inner,
            closes,
            opens,
            word_closes_with_comma: trail == ",",
            may_end,
        });
    }
    out
}

/// The speaker of the quotation `q` in paragraph `p`; `floor` is where the previous
/// quotation in the paragraph ended.
fn speaker(text: &str, p: Span, floor: usize, q: Span) -> Option<Span> {
    after(text, p, q).or_else(|| before(text, p, floor, q))
}

/// `"...," he said.` / `"...," said a news release.` / `"...," according to X.`
fn after(text: &str, p: Span, q: Span) -> Option<Span> {
    let end = scan::floor_boundary(text, (q.end + AFTER).min(p.end));
    let toks = tokens(text, q.end, end, MAX_SPEAKER_WORDS + 3);
    let first = toks.first()?;
    if first.opens {
        return None;
    }
    // A quotation that ends its sentence with a full stop is followed by a new sentence
    // (`"... over." He said ...`), unless that goes on in lower case.
    let closed = text
        .get(q.start..q.end)
        .unwrap_or("")
        .trim_end_matches(['"', '”', '»', '\''])
        .ends_with('.');
    if closed && !first.word.starts_with(char::is_lowercase) {
        return None;
    }
    // A verb first: the speaker follows it.
    if is_cue(first.word) && !object_follows(first.word) && !first.closes {
        return phrase(&toks[1..]);
    }
    if first.word.eq_ignore_ascii_case("according")
        && toks.get(1).is_some_and(|t| t.word == "to" && !first.closes)
    {
        return phrase(&toks[2..]);
    }
    // A speaker first, then the verb: `he said`, `WHO spokesman Tarik Jasarevic told`.
    for (n, t) in toks.iter().enumerate().take(MAX_SPEAKER_WORDS + 1) {
        if is_cue(t.word) {
            return subject(&toks[..n]);
        }
        if t.word_closes_with_comma {
            // `Sergio Gera, the programme's chief co-ordinator, said`: a name, then an
            // apposition between commas, then the verb.
            return apposition(&toks, n);
        }
        if t.closes || t.opens || (n > 0 && is_stop(t.word)) {
            return None;
        }
    }
    None
}

/// Whether `toks` can be the subject of a cue verb: a name, a pronoun, or a noun phrase;
/// not an adverb or auxiliary (`"..." not asked about ...`).
fn is_subject(toks: &[Tok<'_>]) -> bool {
    let Some(first) = toks.first() else {
        return false;
    };
    // `bluntly admitted`: a lone lower-case word in -ly is an adverb (a plural noun such
    // as `analysts` or `officials` can stand alone), unless it is one of the nouns in -ly
    // (`family said`). Adverbs are many and misspelt in copy (`imediately`); these nouns
    // are few.
    if toks.len() == 1
        && first.word.starts_with(char::is_lowercase)
        && first.word.ends_with("ly")
        && !is_ly_noun(first.word)
    {
        return false;
    }
    !matches!(
        first.word,
        "not"
            | "also"
            | "never"
            | "then"
            | "later"
            | "already"
            | "has"
            | "have"
            | "had"
            | "was"
            | "were"
            | "is"
            | "are"
            | "be"
            | "been"
            | "being"
            | "so"
            | "just"
            | "only"
            | "still"
            | "once"
            | "again"
            | "as"
            | "and"
            | "but"
            | "or"
            | "if"
            | "when"
            | "while"
    )
}

/// Nouns in -ly that may be the subject of a cue verb alone (`family said`).
fn is_ly_noun(w: &str) -> bool {
    matches!(
        w,
        "family"
            | "assembly"
            | "ally"
            | "rally"
            | "supply"
            | "monopoly"
            | "duopoly"
            | "oligopoly"
            | "daily"
            | "weekly"
            | "monthly"
            | "quarterly"
            | "reply"
            | "tally"
            | "bully"
    )
}

/// The speaker in the words before a cue verb: without a conjunction or adverb that opens
/// the sentence (`But he said`) or stands between the subject and its verb (`Baker also
/// said`, `the minister has said`); none when what is left cannot be a subject.
fn subject(toks: &[Tok<'_>]) -> Option<Span> {
    // The adverbs and auxiliaries before the verb go first (`Baker also`), so that a
    // passive cue behind one is seen (`she was reportedly told`).
    let toks = trim_asides(toks);
    // `she was told`, `graft was said to be`: a passive cue names no speaker.
    if toks.last().is_some_and(|t| is_be(t.word)) {
        return None;
    }
    let lead = toks.iter().take_while(|t| is_opener(t.word)).count();
    let toks = &toks[lead..];
    if !is_subject(toks) {
        return None;
    }
    Some(Span::new(toks[0].start, toks[toks.len() - 1].end))
}

/// `toks` without the auxiliaries, adverbs and times at their end: `Baker also`, `the
/// minister has`, `A statement late last night`, `Nadal afterwards`.
fn trim_asides<'a, 't>(mut toks: &'a [Tok<'t>]) -> &'a [Tok<'t>] {
    loop {
        match toks {
            [rest @ .., t] if is_aside(t.word) => toks = rest,
            [rest @ .., last, when] if last.word == "last" && is_period(when.word) => {
                toks = rest;
                if let [rest @ .., t] = toks
                    && matches!(t.word, "late" | "early")
                {
                    toks = rest;
                }
            }
            _ => return toks,
        }
    }
}

/// Words that open a sentence before its subject: `But he said`, `And Australia said`.
fn is_opener(w: &str) -> bool {
    matches!(
        w,
        "But"
            | "And"
            | "So"
            | "Yet"
            | "Or"
            | "Now"
            | "Still"
            | "Also"
            | "Then"
            | "Later"
            | "Earlier"
            | "Instead"
            | "Meanwhile"
            | "However"
            | "Separately"
            | "Today"
            | "Yesterday"
    )
}

/// Auxiliaries and adverbs between a subject and its verb: `Baker also said`, `the IMF has
/// said`, `the minister had earlier told`.
fn is_aside(w: &str) -> bool {
    matches!(
        w,
        "also"
            | "has"
            | "have"
            | "had"
            | "would"
            | "will"
            | "could"
            | "may"
            | "might"
            | "did"
            | "does"
            | "later"
            | "then"
            | "again"
            | "earlier"
            | "previously"
            | "recently"
            | "once"
            | "already"
            | "often"
            | "further"
            | "reportedly"
            | "repeatedly"
            | "publicly"
            | "privately"
            | "separately"
            | "subsequently"
            | "initially"
            | "originally"
            | "yesterday"
            | "today"
            | "tonight"
            | "meanwhile"
            | "afterwards"
            | "afterward"
            | "too"
            | "however"
            | "instead"
    )
}

/// The forms of `be` that make a cue after them passive.
fn is_be(w: &str) -> bool {
    matches!(w, "be" | "been" | "being" | "was" | "were" | "is" | "are")
}

/// `last night`, `last week`: the period after `last` in a time before the verb.
fn is_period(w: &str) -> bool {
    matches!(
        w,
        "night"
            | "week"
            | "weekend"
            | "month"
            | "year"
            | "Monday"
            | "Tuesday"
            | "Wednesday"
            | "Thursday"
            | "Friday"
            | "Saturday"
            | "Sunday"
    )
}

/// `NAME, APPOSITION, said`: the name, when the first `n + 1` tokens end at a comma and
/// the verb follows the next comma closely.
fn apposition(toks: &[Tok<'_>], n: usize) -> Option<Span> {
    if !toks[0].word.starts_with(char::is_uppercase) || !is_subject(&toks[..=n]) {
        return None;
    }
    for k in n + 2..(n + 12).min(toks.len()) {
        if is_cue(toks[k].word) && toks[k - 1].word_closes_with_comma {
            return Some(Span::new(toks[0].start, toks[n].end));
        }
        if toks[k - 1].closes || toks[k].opens {
            return None;
        }
    }
    None
}

/// `X said: "..."`, `X told reporters, "..."`, `According to X, "..."`.
fn before(text: &str, p: Span, floor: usize, q: Span) -> Option<Span> {
    let mut start =
        scan::ceil_boundary(text, q.start.saturating_sub(BEFORE).max(p.start).max(floor));
    // Start on a word, not inside one.
    if start > p.start && !scan::char_before(text, start).is_some_and(char::is_whitespace) {
        start = text
            .get(start..q.start)
            .and_then(|s| s.find(char::is_whitespace))
            .map_or(q.start, |k| start + k);
    }
    let toks = tokens(text, start, q.start, usize::MAX);
    if toks.is_empty() {
        return None;
    }
    // The cue sits within the last few words before the quotation.
    let n = toks.len();
    for v in (n.saturating_sub(5)..n).rev() {
        let t = &toks[v];
        if t.word.eq_ignore_ascii_case("according")
            && toks.get(v + 1).is_some_and(|t| t.word == "to")
        {
            return phrase(&toks[v + 2..]);
        }
        if is_cue(t.word) {
            // Back from the verb to the start of its clause.
            let mut s = v;
            while s > 0 && v - s < MAX_SPEAKER_WORDS {
                let prev = &toks[s - 1];
                if prev.closes || is_stop(prev.word) {
                    break;
                }
                s -= 1;
                if toks[s].opens {
                    break;
                }
            }
            return subject(&toks[s..v]);
        }
        if v + 1 < n && t.closes {
            break;
        }
    }
    None
}

/// A speaker phrase at the start of `toks`: up to the first closing punctuation or stop
/// word.
fn phrase(toks: &[Tok<'_>]) -> Option<Span> {
    let first = toks.first()?;
    if first.opens {
        return None;
    }
    // `"...," said he`: a pronoun is the whole speaker; what follows is the next clause
    // (`said he does not believe ...`).
    if is_pronoun(first.word) {
        return Some(Span::new(first.start, first.end));
    }
    let mut last = 0;
    for (i, t) in toks.iter().enumerate().take(MAX_SPEAKER_WORDS) {
        // `a news release issued on Monday`: a participle ends the name, unless it is an
        // adjective in it: after a determiner, before a noun (`a banking industry source`),
        // or after a name, before a name or a role (`Spurs sporting director`, not
        // `Johnson citing company policy`).
        let participle = t.word.starts_with(char::is_lowercase)
            && (t.word.ends_with("ed") || t.word.ends_with("ing"))
            && !adjective_in_name(toks, i);
        if i > 0 && (is_stop(t.word) || t.opens || participle) {
            break;
        }
        last = i;
        if t.closes {
            break;
        }
    }
    // `a source close to the talks`: the adjective goes with what the stop word began.
    let mut name = trim_asides(&toks[..=last]);
    if let [rest @ .., t] = name
        && !rest.is_empty()
        && matches!(t.word, "close" | "closest" | "familiar" | "near")
    {
        name = rest;
    }
    // Nothing left but an aside (`said yesterday`): no speaker.
    let end = name.last()?.end;
    Some(Span::new(first.start, end))
}

/// Whether the participle `toks[i]` is an adjective inside a name: after a determiner,
/// before a noun, or after a name, before a name or a role.
fn adjective_in_name(toks: &[Tok<'_>], i: usize) -> bool {
    let (Some(before), Some(t), Some(next)) = (
        i.checked_sub(1).and_then(|k| toks.get(k)),
        toks.get(i),
        toks.get(i + 1),
    ) else {
        return false;
    };
    if before.closes || t.closes || next.opens {
        return false;
    }
    if is_stop(next.word)
        || is_aside(next.word)
        || is_determiner(next.word)
        || matches!(next.word, "by" | "of" | "up" | "out" | "down" | "off")
    {
        return false;
    }
    is_determiner(before.word)
        || (before.word.starts_with(char::is_uppercase)
            && (next.word.starts_with(char::is_uppercase) || is_role(next.word)))
}

/// Nouns that name a person by their post (`Spurs sporting director`, `RICS housing
/// spokesman`).
fn is_role(w: &str) -> bool {
    matches!(
        w,
        "director"
            | "directors"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "source"
            | "sources"
            | "official"
            | "officials"
            | "commissioner"
            | "partner"
            | "manager"
            | "chief"
            | "executive"
            | "officer"
            | "analyst"
            | "economist"
            | "minister"
            | "secretary"
            | "chairman"
            | "president"
            | "editor"
            | "correspondent"
            | "adviser"
            | "advisor"
            | "consultant"
            | "representative"
            | "coach"
            | "head"
    )
}

fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "a" | "an" | "the" | "one" | "another" | "some" | "its" | "his" | "her" | "their"
    )
}

fn is_pronoun(w: &str) -> bool {
    matches!(
        w,
        "he" | "she" | "they" | "we" | "it" | "I" | "He" | "She" | "They" | "We" | "It"
    )
}
