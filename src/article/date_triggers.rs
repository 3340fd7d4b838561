//! Where a date expression may start: a word that begins with a month or weekday prefix
//! (`Jan`, `JAN`, `Mon`), `last`, `past`, `next`, `this`, `coming`, `previous`, `current`,
//! `yesterday`, `today`, `tomorrow` (small or title case), or with `19` or `20`.
//!
//! Only word starts can hold one, and a word start is an ASCII letter or digit after a byte
//! that is not one. So the scan reads the text 64 bytes at a time, marks its ASCII letters
//! and digits in a bit mask (vector compares, `scan::mask64`; the end of the text as one
//! more block, padded with zeros), keeps those whose previous byte is no
//! ASCII letter or digit, and looks at the prefix only there (one lookup in
//! `date_prefixes`): about one byte in six in wire copy. The integer masks over the whole
//! text took three times the instructions of the vector compares.
//! An automaton over every byte did the same job at three times the cost; testing the
//! first letter at each word start, and the scan as an iterator, mispredicted branches
//! enough to make this pass the parser's largest (a third of `Article::parse`).

use super::{date_prefixes, scan};

/// Calls `f` with each position in `start..end` of `text` where a trigger word starts at
/// a word start, in order. A trigger must fit before `end`.
///
/// A loop that calls back rather than an iterator: the scan's state (position, carry)
/// then stays in registers instead of in a struct that each `next` reloads. Sixty-four
/// bytes at a time, the word starts gathered into one bit mask first (no branch), so that
/// the loop over them ends (and mispredicts) once per 64 bytes rather than once per
/// eight.
#[inline]
pub(crate) fn for_each(text: &str, start: usize, end: usize, mut f: impl FnMut(usize)) {
    let b = text.as_bytes();
    let end = end.min(b.len());
    let mut pos = start.min(end);
    // Whether the byte before `pos` is an ASCII letter or digit (its high bit, at bit 7).
    let mut carry: u64 = if pos > 0 && b[pos - 1].is_ascii_alphanumeric() {
        0x80
    } else {
        0
    };
    while pos < end {
        // The ASCII letters and digits of the 64 bytes by vector compares (a third of the
        // instructions of eight-byte integer masks), then the word starts: a letter or
        // digit after a byte that is none. The last block is padded with zeros, which are
        // neither: one block where the integer masks took up to eight steps (each with a
        // copy of its bytes), the same in a long text and a large part of a short one.
        let block = scan::block64(b, pos, end, 0);
        let alnum = scan::mask64(&block, |c| c.is_ascii_alphanumeric());
        let mut starts = alnum & !((alnum << 1) | (carry >> 7));
        carry = (alnum >> 63) << 7;
        while starts != 0 {
            let k = pos + starts.trailing_zeros() as usize;
            starts &= starts - 1;
            visit(text, k, end, &mut f);
        }
        pos += 64;
    }
}

/// Calls `f` with `k` if a trigger starts at the word start `k` (before `end`).
///
/// A function always inlined, not a closure: a closure called from the scan's loops became
/// a call with its register saves on every word start.
#[inline(always)]
fn visit(text: &str, k: usize, end: usize, f: &mut impl FnMut(usize)) {
    let b = text.as_bytes();
    // The bytes from `k`, read past `end` when the text goes on: a trigger that fits
    // before `end` reads the same, and `is_trigger` then looks within `end`.
    let k4 = match b.get(k..k + 4) {
        Some(&[b0, b1, b2, b3]) => u32::from_le_bytes([b0, b1, b2, b3]),
        _ => {
            let mut buf = [0u8; 4];
            let tail = b.get(k..).unwrap_or_default();
            let n = tail.len().min(4);
            buf[..n].copy_from_slice(&tail[..n]);
            u32::from_le_bytes(buf)
        }
    };
    // `|`, not `||`: one branch for the three tests (see `date_prefixes`).
    let maybe =
        date_prefixes::contains(k4 & 0xFF_FFFF) | (k4 & 0xFFFF == 0x3931) | (k4 & 0xFFFF == 0x3032);
    if maybe && is_trigger(&b[k..end]) && scan::at_word_start(text, k) {
        f(k);
    }
}

/// The first bytes of [`is_trigger`]'s words: most word starts are turned away here.
const FIRST: [bool; 256] = {
    let mut t = [false; 256];
    let firsts = b"12JFMASONDTWLPCYlpntcy";
    let mut i = 0;
    while i < firsts.len() {
        t[firsts[i] as usize] = true;
        i += 1;
    }
    t
};

/// The first three bytes of `s`, little-endian, as [`is_trigger`] reads them.
const fn key(s: &[u8]) -> u32 {
    s[0] as u32 | (s[1] as u32) << 8 | (s[2] as u32) << 16
}

/// Whether `w` starts with a trigger. Read as one integer of its first four bytes (zeros
/// past its end, which no trigger holds) and matched against constants: no call, no loop.
#[inline]
fn is_trigger(w: &[u8]) -> bool {
    let Some(&first) = w.first() else {
        return false;
    };
    if !FIRST[usize::from(first)] {
        return false;
    }
    let buf = match *w {
        [b0, b1, b2, b3, ..] => [b0, b1, b2, b3],
        [b0, b1, b2] => [b0, b1, b2, 0],
        [b0, b1] => [b0, b1, 0, 0],
        [b0] => [b0, 0, 0, 0],
        [] => return false,
    };
    let k4 = u32::from_le_bytes(buf);
    if matches!(k4 & 0xFFFF, 0x3931 | 0x3032) {
        // `19`, `20`
        return true;
    }
    let k3 = k4 & 0xFF_FFFF;
    let long = |word: &[u8]| w.starts_with(word);
    const JAN: u32 = key(b"Jan");
    const JUN: u32 = key(b"Jun");
    const JUL: u32 = key(b"Jul");
    const FEB: u32 = key(b"Feb");
    const MAR: u32 = key(b"Mar");
    const MAY: u32 = key(b"May");
    const APR: u32 = key(b"Apr");
    const AUG: u32 = key(b"Aug");
    const SEP: u32 = key(b"Sep");
    const OCT: u32 = key(b"Oct");
    const NOV: u32 = key(b"Nov");
    const DEC: u32 = key(b"Dec");
    const MON: u32 = key(b"Mon");
    const TUE: u32 = key(b"Tue");
    const WED: u32 = key(b"Wed");
    const THU: u32 = key(b"Thu");
    const FRI: u32 = key(b"Fri");
    const SAT: u32 = key(b"Sat");
    const SUN: u32 = key(b"Sun");
    const JAN_: u32 = key(b"JAN");
    const JUN_: u32 = key(b"JUN");
    const JUL_: u32 = key(b"JUL");
    const FEB_: u32 = key(b"FEB");
    const MAR_: u32 = key(b"MAR");
    const MAY_: u32 = key(b"MAY");
    const APR_: u32 = key(b"APR");
    const AUG_: u32 = key(b"AUG");
    const SEP_: u32 = key(b"SEP");
    const OCT_: u32 = key(b"OCT");
    const NOV_: u32 = key(b"NOV");
    const DEC_: u32 = key(b"DEC");
    const MON_: u32 = key(b"MON");
    const TUE_: u32 = key(b"TUE");
    const WED_: u32 = key(b"WED");
    const THU_: u32 = key(b"THU");
    const FRI_: u32 = key(b"FRI");
    const SAT_: u32 = key(b"SAT");
    const SUN_: u32 = key(b"SUN");
    const LAS: u32 = key(b"las");
    const PAS: u32 = key(b"pas");
    const NEX: u32 = key(b"nex");
    const THI: u32 = key(b"thi");
    const LAS_: u32 = key(b"Las");
    const PAS_: u32 = key(b"Pas");
    const NEX_: u32 = key(b"Nex");
    const THI_: u32 = key(b"Thi");
    const COM: u32 = key(b"com");
    const CUR: u32 = key(b"cur");
    const PRE: u32 = key(b"pre");
    const YES: u32 = key(b"yes");
    const TOD: u32 = key(b"tod");
    const TOM: u32 = key(b"tom");
    const COM_: u32 = key(b"Com");
    const CUR_: u32 = key(b"Cur");
    const PRE_: u32 = key(b"Pre");
    const YES_: u32 = key(b"Yes");
    const TOD_: u32 = key(b"Tod");
    const TOM_: u32 = key(b"Tom");
    match k3 {
        JAN | JUN | JUL | FEB | MAR | MAY | APR | AUG | SEP | OCT | NOV | DEC | MON | TUE | WED
        | THU | FRI | SAT | SUN | JAN_ | JUN_ | JUL_ | FEB_ | MAR_ | MAY_ | APR_ | AUG_ | SEP_
        | OCT_ | NOV_ | DEC_ | MON_ | TUE_ | WED_ | THU_ | FRI_ | SAT_ | SUN_ => true,
        // Four letters: the whole integer says it.
        LAS | PAS | NEX | THI | LAS_ | PAS_ | NEX_ | THI_ => matches!(
            &buf,
            b"last" | b"past" | b"next" | b"this" | b"Last" | b"Past" | b"Next" | b"This"
        ),
        COM => long(b"coming"),
        CUR => long(b"current"),
        PRE => long(b"previous"),
        YES => long(b"yesterday"),
        TOD => long(b"today"),
        TOM => long(b"tomorrow"),
        COM_ => long(b"Coming"),
        CUR_ => long(b"Current"),
        PRE_ => long(b"Previous"),
        YES_ => long(b"Yesterday"),
        TOD_ => long(b"Today"),
        TOM_ => long(b"Tomorrow"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The triggers as the expression rules name them, each spelling the text may use.
    fn spelled() -> Vec<String> {
        let mut pats = Vec::new();
        for w in [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
        ] {
            pats.push(w.to_string());
            pats.push(w.to_ascii_uppercase());
        }
        for w in [
            "last",
            "past",
            "next",
            "this",
            "coming",
            "previous",
            "current",
            "yesterday",
            "today",
            "tomorrow",
        ] {
            pats.push(w.to_string());
            let mut t = w.to_string();
            t[..1].make_ascii_uppercase();
            pats.push(t);
        }
        pats.push("19".into());
        pats.push("20".into());
        pats
    }

    #[test]
    fn the_table_holds_every_spelling_and_nothing_else() {
        let pats = spelled();
        for p in &pats {
            assert!(is_trigger(p.as_bytes()), "{p}");
            assert!(!is_trigger(&p.as_bytes()[..p.len() - 1]), "{p} cut short");
        }
        // Every byte string of up to three bytes from a small alphabet: a trigger exactly
        // when one of the spellings starts it.
        let alphabet = b"JjAaNnMmYy1290TtHhIiSs";
        for &x in alphabet {
            for &y in alphabet {
                for &z in alphabet {
                    let w = [x, y, z];
                    let want = pats.iter().any(|p| w.starts_with(p.as_bytes()));
                    assert_eq!(is_trigger(&w), want, "{:?}", std::str::from_utf8(&w));
                }
            }
        }
    }

    /// The scan agrees with a byte-by-byte reading of the same rule.
    #[test]
    fn the_scan_finds_every_trigger_at_a_word_start() {
        let text = "Jan 5, JANUARY, xJan, 1987 and 2019; éMay Today (last) next\u{a0}Monday \
                    thisthis 20 19x a1920 past\nPrevious—Current yesterday.tomorrow Dec";
        for start in 0..=text.len() {
            if !text.is_char_boundary(start) {
                continue;
            }
            for end in start..=text.len() {
                if !text.is_char_boundary(end) {
                    continue;
                }
                let mut got = Vec::new();
                for_each(text, start, end, |k| got.push(k));
                let want: Vec<usize> = (start..end)
                    .filter(|&i| {
                        is_trigger(&text.as_bytes()[i..end]) && scan::at_word_start(text, i)
                    })
                    .collect();
                assert_eq!(got, want, "{start}..{end}");
            }
        }
    }
}
