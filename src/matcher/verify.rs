//! The checks on a candidate: a key found by a walk is a match only where the original
//! text agrees with one of its aliases — a word boundary at its end, the spacing rules of
//! the gaps on either side, and the alias's case mode.

use super::compiled::{AliasChecks, Compiled, EVENT_CAPITAL, EVENT_GAP, EVENT_OFFSET};
use super::scan::{Hit, keep_buffer};
use crate::case::CaseMode;
use crate::gazetteer::EntityId;
use crate::text::{Cursor, NormOptions, end_boundary, normalize_key};

/// A unit of the text under a candidate, for the checks.
#[derive(Clone, Copy, Debug)]
struct TextUnit {
    /// Its offset in the candidate's normalised key.
    off: u32,
    /// Its base character is a capital.
    cap: bool,
    /// A gap (space or hyphen) comes before it, inside the candidate.
    gap: bool,
    /// It starts a text word (the first unit, or the first after a separator).
    word_start: bool,
    /// It is a text word of one letter (the pronoun `I`), which is never joined onto the
    /// word before it.
    lone: bool,
}

/// Checks candidates, with its working buffers (kept between scans, see `scan`).
#[derive(Default)]
pub(super) struct Verifier {
    units: Vec<TextUnit>,
    /// The entities of the candidate last checked that passed.
    entities: Vec<EntityId>,
    /// The verdict on each alias already checked for this candidate: one alias text is
    /// shared by every entity that has it.
    memo: Vec<(u32, bool)>,
    scratch: Vec<u8>,
}

impl Verifier {
    /// The entities of the last candidate that [`Verifier::verify`] passed.
    pub fn entities(&self) -> &[EntityId] {
        &self.entities
    }

    /// The buffers, emptied, for the next scan.
    pub fn take_buffers(&mut self) -> Verifier {
        Verifier {
            units: keep_buffer(&mut self.units),
            entities: keep_buffer(&mut self.entities),
            memo: keep_buffer(&mut self.memo),
            scratch: keep_buffer(&mut self.scratch),
        }
    }

    /// Check the candidate `hit` that starts at `start` of `text`; on success
    /// [`Verifier::entities`] holds the entities whose aliases pass.
    pub fn verify(
        &mut self,
        c: &Compiled,
        text: &str,
        cursor: &mut Cursor<'_>,
        start: usize,
        hit: &Hit,
    ) -> bool {
        if !end_boundary(text, hit.end) {
            return false;
        }
        // The text's units under the candidate.
        self.units.clear();
        cursor.reset(start);
        let mut off = 0usize;
        let mut prev_sep = false;
        while off < hit.key_len && cursor.next_unit() {
            let first = self.units.is_empty();
            let word_start = first || cursor.gap || prev_sep;
            // A unit that starts a word is a word of one letter until a unit of the same
            // word follows (the last unit's word ends with the candidate, on a boundary).
            if !word_start && let Some(last) = self.units.last_mut() {
                last.lone = false;
            }
            self.units.push(TextUnit {
                off: off as u32,
                cap: cursor.cap,
                gap: cursor.gap && !first,
                word_start,
                lone: word_start,
            });
            prev_sep = cursor.sep;
            off += cursor.bytes().len();
        }
        self.entities.clear();
        self.memo.clear();
        for cand in c.candidates_of(hit.key) {
            let ok = match self.memo.iter().find(|(a, _)| *a == cand.alias) {
                Some(&(_, ok)) => ok,
                None => {
                    let alias = &c.aliases[cand.alias as usize];
                    let ok = alias_passes(
                        c,
                        alias,
                        &self.units,
                        text,
                        start,
                        hit.end,
                        &mut self.scratch,
                    );
                    self.memo.push((cand.alias, ok));
                    ok
                }
            };
            if ok && self.entities.last() != Some(&EntityId(cand.entity)) {
                self.entities.push(EntityId(cand.entity));
            }
        }
        !self.entities.is_empty()
    }
}

/// The spacing and case checks of one alias against the text units under a candidate.
fn alias_passes(
    c: &Compiled,
    alias: &AliasChecks,
    units: &[TextUnit],
    text: &str,
    start: usize,
    end: usize,
    scratch: &mut Vec<u8>,
) -> bool {
    let events = c.events_of(alias);
    if c.norm.variants && !gaps_agree(units, events) {
        return false;
    }
    match alias.case() {
        CaseMode::Insensitive => true,
        CaseMode::Exact => {
            let Some(span) = text.get(start..end) else {
                return false;
            };
            normalize_key(
                span,
                NormOptions {
                    fold_case: false,
                    ..c.norm
                },
                scratch,
            );
            scratch.as_slice() == c.exact_key_of(alias)
        }
        CaseMode::Smart if alias.acronym() => {
            // Every capital of the acronym is a capital in the text.
            events
                .iter()
                .filter(|&&e| e & EVENT_CAPITAL != 0)
                .all(|&e| {
                    let off = e & EVENT_OFFSET;
                    units
                        .binary_search_by_key(&off, |u| u.off)
                        .is_ok_and(|i| units[i].cap)
                })
        }
        CaseMode::Smart => {
            // Each text word whose aligned alias character is a capital starts with one.
            let mut caps = events
                .iter()
                .filter(|&&e| e & EVENT_CAPITAL != 0)
                .map(|&e| e & EVENT_OFFSET)
                .peekable();
            for u in units.iter().filter(|u| u.word_start) {
                while caps.peek().is_some_and(|&o| o < u.off) {
                    caps.next();
                }
                if caps.peek() == Some(&u.off) && !u.cap {
                    return false;
                }
            }
            true
        }
    }
}

/// Spacing variants: where only one side has a gap, the character after it must be a
/// capital on that side (`Block Chain` ~ `Blockchain`, never `said a` ~ `Saida`), and on
/// the text's side must begin a word of more than one letter (`Amin Ul` ~ `Aminul`, never
/// `Pakistan I` ~ `Pakistani`).
fn gaps_agree(units: &[TextUnit], events: &[u32]) -> bool {
    let mut text_gaps = units.iter().filter(|u| u.gap).peekable();
    let mut alias_gaps = events.iter().filter(|&&e| e & EVENT_GAP != 0).peekable();
    loop {
        match (text_gaps.peek(), alias_gaps.peek()) {
            (None, None) => return true,
            (Some(t), None) => {
                if !t.cap || t.lone {
                    return false;
                }
                text_gaps.next();
            }
            (None, Some(&&a)) => {
                if a & EVENT_CAPITAL == 0 {
                    return false;
                }
                alias_gaps.next();
            }
            (Some(t), Some(&&a)) => {
                let at = a & EVENT_OFFSET;
                if t.off == at {
                    text_gaps.next();
                    alias_gaps.next();
                } else if t.off < at {
                    if !t.cap || t.lone {
                        return false;
                    }
                    text_gaps.next();
                } else {
                    if a & EVENT_CAPITAL == 0 {
                        return false;
                    }
                    alias_gaps.next();
                }
            }
        }
    }
}
