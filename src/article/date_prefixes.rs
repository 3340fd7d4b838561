//! The first three bytes of every trigger word of `date_triggers` (`Jan`, `JAN`, `las`,
//! `Las`, ...), as a set that answers with one multiply, one load and one compare.
//!
//! Most word starts begin no date expression. Asking the set first, with no branch that
//! depends on the word's letters, leaves the scan a single branch that is almost never
//! taken; testing the first letter and then the prefix mispredicted on most words, since
//! common words (`the`, `to`, `company`, `market`) share their first letters with triggers.

/// The first three bytes of a word (or of the text near its end), little-endian.
pub(crate) const fn key3(s: &[u8]) -> u32 {
    s[0] as u32 | (s[1] as u32) << 8 | (s[2] as u32) << 16
}

/// Every spelling's prefix: months and weekdays in Title and CAPS, the other words in
/// small and Title case (as `date_triggers::is_trigger` takes them).
const PREFIXES: [&[u8; 3]; 58] = [
    b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec",
    b"Mon", b"Tue", b"Wed", b"Thu", b"Fri", b"Sat", b"Sun", b"JAN", b"FEB", b"MAR", b"APR", b"MAY",
    b"JUN", b"JUL", b"AUG", b"SEP", b"OCT", b"NOV", b"DEC", b"MON", b"TUE", b"WED", b"THU", b"FRI",
    b"SAT", b"SUN", b"las", b"pas", b"nex", b"thi", b"com", b"pre", b"cur", b"yes", b"tod", b"tom",
    b"Las", b"Pas", b"Nex", b"Thi", b"Com", b"Pre", b"Cur", b"Yes", b"Tod", b"Tom",
];

/// log2 of the table's size: 1024 slots of 4 bytes, a few cache lines touched per article.
const BITS: u32 = 10;

const fn slot(k: u32, mult: u32) -> usize {
    (k.wrapping_mul(mult) >> (32 - BITS)) as usize
}

/// The first odd multiplier from a fixed seed that puts every prefix in a slot of its own,
/// found while compiling (a prefix added later cannot make a collision at run time: the
/// build would stop here instead).
const MULT: u32 = {
    let mut mult: u32 = 0x9E37_79B1;
    let mut tries = 0;
    loop {
        let mut used = [false; 1 << BITS];
        let mut ok = true;
        let mut i = 0;
        while i < PREFIXES.len() {
            let s = slot(key3(PREFIXES[i]), mult);
            if used[s] {
                ok = false;
                break;
            }
            used[s] = true;
            i += 1;
        }
        if ok {
            break mult;
        }
        tries += 1;
        assert!(tries < 10_000, "no multiplier separates the prefixes");
        mult = mult.wrapping_add(0x2545_F492);
    }
};

/// Each prefix in its slot; zero elsewhere, which no key of a word start equals (its first
/// byte is a letter or digit).
static TABLE: [u32; 1 << BITS] = {
    let mut t = [0u32; 1 << BITS];
    let mut i = 0;
    while i < PREFIXES.len() {
        let k = key3(PREFIXES[i]);
        t[slot(k, MULT)] = k;
        i += 1;
    }
    t
};

/// Whether `k3` (see [`key3`]) is one of the prefixes.
#[inline]
pub(crate) fn contains(k3: u32) -> bool {
    TABLE[slot(k3, MULT)] == k3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_set_holds_the_prefixes_and_nothing_else() {
        for p in PREFIXES {
            assert!(contains(key3(p)), "{:?}", std::str::from_utf8(p));
        }
        let mut members = 0;
        for a in 0x20u32..0x7F {
            for b in 0x20u32..0x7F {
                for c in 0x20u32..0x7F {
                    let k = a | b << 8 | c << 16;
                    let want = PREFIXES.iter().any(|p| key3(*p) == k);
                    assert_eq!(contains(k), want, "{k:#x}");
                    members += usize::from(want);
                }
            }
        }
        assert_eq!(members, PREFIXES.len());
    }
}
