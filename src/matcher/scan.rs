//! The scan: the [`Matches`] iterator, which finds word starts in the original text, walks
//! the partitions' tries from them, has each candidate checked (see `verify`) and queues
//! the matches; and the working buffers it keeps per thread between scans.

use std::cell::Cell;
use std::fmt;

use super::compiled::{Compiled, Partition, SKIP, WalkStart};
use super::found::{EntityList, Match};
use super::heads;
use super::options::Overlaps;
use super::prefilter::{self, ascii_prefix_at};
use super::swar;
use super::trie::{DEAD, ROOT, Trie};
use super::verify::Verifier;
use crate::Span;
use crate::text::{
    Cursor, ascii_is_sep, ascii_is_word, boundary_at, char_at, char_before, is_apostrophe,
    is_capital, is_continua, is_extender, is_word, skip_silent_letters,
};

/// The matches in one text, in order. Made by [`Matcher::find_iter`](super::Matcher::find_iter).
pub struct Matches<'m, 't> {
    compiled: &'m Compiled<'m>,
    text: &'t str,
    pos: usize,
    prev_word: bool,
    pending: Vec<Match>,
    next_pending: usize,
    cursor: Cursor<'t>,
    hits: Vec<Hit>,
    verifier: Verifier,
}

impl fmt::Debug for Matches<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Matches")
            .field("pos", &self.pos)
            .field("text_len", &self.text.len())
            .finish()
    }
}

impl<'m, 't> Iterator for Matches<'m, 't> {
    type Item = Match;

    fn next(&mut self) -> Option<Match> {
        loop {
            if self.next_pending < self.pending.len() {
                let m = std::mem::replace(
                    &mut self.pending[self.next_pending],
                    Match {
                        span: Span::default(),
                        entities: EntityList::Many(Vec::new()),
                    },
                );
                self.next_pending += 1;
                return Some(m);
            }
            self.pending.clear();
            self.next_pending = 0;
            if !self.fill() {
                return None;
            }
        }
    }
}

/// The working buffers of a scan, kept per thread between scans: a batch of short texts
/// then costs no allocation for them.
#[derive(Default)]
struct Buffers {
    pending: Vec<Match>,
    hits: Vec<Hit>,
    verifier: Verifier,
}

thread_local! {
    static BUFFERS: Cell<Option<Buffers>> = const { Cell::new(None) };
}

impl Drop for Matches<'_, '_> {
    fn drop(&mut self) {
        let b = Buffers {
            pending: keep_buffer(&mut self.pending),
            hits: keep_buffer(&mut self.hits),
            verifier: self.verifier.take_buffers(),
        };
        // `try_with`: nothing to keep once the thread is being torn down.
        let _ = BUFFERS.try_with(|cell| cell.set(Some(b)));
    }
}

impl<'m, 't> Matches<'m, 't> {
    pub(super) fn new(compiled: &'m Compiled<'m>, text: &'t str) -> Matches<'m, 't> {
        let b = BUFFERS
            .try_with(Cell::take)
            .ok()
            .flatten()
            .unwrap_or_default();
        Matches {
            compiled,
            text,
            pos: 0,
            prev_word: false,
            pending: b.pending,
            next_pending: 0,
            cursor: Cursor::new(text, 0, compiled.norm),
            hits: b.hits,
            verifier: b.verifier,
        }
    }

    /// Scan on until at least one match is pending; `false` at the end of the text.
    fn fill(&mut self) -> bool {
        let c = self.compiled;
        let text = self.text;
        let bytes = text.as_bytes();
        let n = bytes.len();
        let cap_first = c.capital.as_ref().map(|a| &a.first);
        let any_first = c.any_ascii.as_ref().map(|a| &a.first);
        while self.pos < n {
            let i = self.pos;
            let b = bytes[i];
            if b < 0x80 {
                if ascii_is_word(b) {
                    // No word starts inside an ASCII word: after this one, go on at its end.
                    let j = swar::word_end(bytes, i + 1);
                    if !self.prev_word
                        && (i == 0
                            || (bytes[i - 1] < 0x80
                                && bytes[i - 1] != b'\''
                                && bytes[i - 1] != b'.')
                            || boundary_at(text, i))
                    {
                        let f = b.to_ascii_lowercase() as usize;
                        let capital = b.is_ascii_uppercase();
                        let go = |yes: bool| if yes { ROOT } else { SKIP };
                        let mut cap = go(capital && cap_first.is_some_and(|t| t[f]));
                        let mut any = go(any_first.is_some_and(|t| t[f]));
                        let mut after = 0;
                        if c.pairs && c.use_prefilter && j - i >= 2 {
                            // The first two normalised bytes are the word's first two.
                            let b1 = bytes[i + 1].to_ascii_lowercase();
                            let pair = |p: &Option<Partition<'_>>, go: WalkStart| {
                                if go != SKIP
                                    && p.as_ref().is_some_and(|p| p.prefilter.pair(f as u8, b1))
                                {
                                    go
                                } else {
                                    SKIP
                                }
                            };
                            cap = pair(&c.capital, cap);
                            any = pair(&c.any_ascii, any);
                        }
                        if (cap != SKIP || any != SKIP)
                            && c.norm.variants
                            && c.use_prefilter
                            && heads::applies(bytes, j)
                        {
                            let h = heads::word_hash(bytes, i, j);
                            let keep = |p: &Option<Partition<'_>>, go: WalkStart| {
                                let has = p.as_ref().is_some_and(|p| {
                                    p.heads.as_ref().is_none_or(|heads| heads.has(h))
                                });
                                if go != SKIP && has { go } else { SKIP }
                            };
                            cap = keep(&c.capital, cap);
                            any = keep(&c.any_ascii, any);
                        }
                        if (cap != SKIP || any != SKIP)
                            && c.use_prefilter
                            && let Some((v, a, ends)) =
                                ascii_prefix_at(bytes, i, j - i, c.norm.variants)
                        {
                            let prefix_hash = prefilter::hash(v, prefilter::K);
                            after = a;
                            if cap == ROOT {
                                cap = c
                                    .capital
                                    .as_ref()
                                    .map_or(SKIP, |p| p.route(prefix_hash, v, ends, after));
                            }
                            if any == ROOT {
                                any = c
                                    .any_ascii
                                    .as_ref()
                                    .map_or(SKIP, |p| p.route(prefix_hash, v, ends, after));
                            }
                        }
                        if (cap != SKIP || any != SKIP)
                            && self.at_start(i, [cap, any, SKIP], after, j, true)
                        {
                            return true;
                        }
                    }
                    self.prev_word = true;
                    self.pos = j;
                } else {
                    if c.punct_first[b as usize]
                        && !self.prev_word
                        && boundary_at(text, i)
                        && self.at_start(i, [SKIP, ROOT, SKIP], 0, i + 1, false)
                    {
                        return true;
                    }
                    let mut j = i + 1;
                    while j < n
                        && bytes[j] < 0x80
                        && !ascii_is_word(bytes[j])
                        && !c.punct_first[bytes[j] as usize]
                    {
                        j += 1;
                    }
                    self.prev_word = false;
                    self.pos = j;
                }
            } else {
                let Some(ch) = char_at(text, i) else {
                    return false;
                };
                let w = is_word(ch);
                let cont = is_continua(ch);
                if w && !is_extender(ch) {
                    if (cont || !self.prev_word) && boundary_at(text, i) {
                        // A word may begin with silent letters (`ـMsOo`): its capital is
                        // the first letter after them.
                        let capital = is_capital(ch) || {
                            let after = skip_silent_letters(text, i);
                            after > i && char_at(text, after).is_some_and(is_capital)
                        };
                        let (next, prev) = (i + ch.len_utf8(), !cont);
                        let cap = if capital { ROOT } else { SKIP };
                        if self.at_start(i, [cap, ROOT, ROOT], 0, next, prev) {
                            return true;
                        }
                    }
                } else if !w
                    && is_apostrophe(ch)
                    && c.punct_first[b'\'' as usize]
                    && boundary_at(text, i)
                    && self.at_start(i, [SKIP, ROOT, SKIP], 0, i + ch.len_utf8(), false)
                {
                    return true;
                }
                self.prev_word = w && !cont;
                self.pos = i + ch.len_utf8();
            }
        }
        false
    }

    /// Walk the tries from word start `i` (`from`: where the walk of each partition
    /// begins; a node below the root goes on from text position `after`), check the
    /// candidates, and queue the matches. Moves `pos` past the match under `longest`, else
    /// to `next` (with `prev_word` as the scan would have it there). Whether anything was
    /// queued.
    fn at_start(
        &mut self,
        i: usize,
        from: [WalkStart; 3],
        after: usize,
        next: usize,
        prev_word: bool,
    ) -> bool {
        self.walk(i, from, after);
        let mut found = false;
        if !self.hits.is_empty() {
            // Longest first; the same key never ends twice.
            self.hits
                .sort_unstable_by_key(|h| std::cmp::Reverse(h.key_len));
            let hits = std::mem::take(&mut self.hits);
            for h in &hits {
                if self
                    .verifier
                    .verify(self.compiled, self.text, &mut self.cursor, i, h)
                {
                    // A copy (without an allocation for the usual one entity); the buffer
                    // stays for the next.
                    self.pending.push(Match {
                        span: Span {
                            start: i,
                            end: h.end,
                        },
                        entities: EntityList::from_slice(self.verifier.entities()),
                    });
                    found = true;
                    if self.compiled.overlaps == Overlaps::Longest {
                        break;
                    }
                }
            }
            self.hits = hits;
        }
        if found && self.compiled.overlaps == Overlaps::Longest {
            let end = self.pending[0].span.end;
            self.pos = end;
            self.prev_word =
                char_before(self.text, end).is_some_and(|ch| is_word(ch) && !is_continua(ch));
        } else {
            if found {
                self.pending.reverse();
            }
            self.prev_word = prev_word;
            self.pos = next;
        }
        found
    }

    /// Every key that matches a prefix of the normalised text at `i`.
    #[inline]
    fn walk(&mut self, i: usize, from: [WalkStart; 3], after: usize) {
        self.hits.clear();
        let c = self.compiled;
        let variants = c.norm.variants;
        for (&node, partition) in from.iter().zip(c.partitions()) {
            let start = match node {
                SKIP => continue,
                ROOT => (ROOT, i, 0),
                node => (node, after, prefilter::K),
            };
            if let Some(p) = partition {
                walk_trie(
                    &p.trie,
                    self.text,
                    start,
                    variants,
                    &mut self.cursor,
                    &mut self.hits,
                );
            }
        }
    }
}

/// A key found by walking the tries from one start.
#[derive(Clone, Copy, Debug)]
pub(super) struct Hit {
    /// The key.
    pub key: u32,
    /// Where it ends in the text.
    pub end: usize,
    /// Its length in normalised bytes.
    pub key_len: usize,
}

/// Every key of `trie` that matches a prefix of the normalised text, into `hits`: the walk
/// begins at `node`, having read `key_len` bytes of the text up to position `p`.
#[inline]
fn walk_trie(
    trie: &Trie,
    text: &str,
    (mut node, mut p, mut key_len): (u32, usize, usize),
    variants: bool,
    cursor: &mut Cursor<'_>,
    hits: &mut Vec<Hit>,
) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    // A walk that begins below the root may begin on a key (the rule is as below).
    if key_len > 0
        && let Some(key) = trie.key_at(node)
        && !(p < n && ascii_is_word(bytes[p]) && ascii_is_word(bytes[p - 1]))
    {
        hits.push(Hit {
            key,
            end: p,
            key_len,
        });
    }
    while p < n {
        // Fast path: an ASCII byte not followed by a (possible) combining mark.
        let b = bytes[p];
        if b < 0x80 && (p + 1 == n || bytes[p + 1] < 0x80) {
            if !ascii_is_sep(b) {
                node = trie.step(node, b.to_ascii_lowercase());
                if node == DEAD {
                    return;
                }
                key_len += 1;
                p += 1;
                if let Some(key) = trie.key_at(node)
                    // A key that ends between two ASCII word characters ends inside a word,
                    // where no mention can end: not worth a check.
                    && !(ascii_is_word(b) && p < n && ascii_is_word(bytes[p]))
                {
                    hits.push(Hit {
                        key,
                        end: p,
                        key_len,
                    });
                }
                continue;
            }
            if variants {
                p += 1;
                continue;
            }
        }
        cursor.reset(p);
        if !cursor.next_unit() {
            return;
        }
        for &b in cursor.bytes() {
            node = trie.step(node, b);
            if node == DEAD {
                return;
            }
        }
        key_len += cursor.bytes().len();
        p = cursor.end;
        if let Some(key) = trie.key_at(node) {
            hits.push(Hit {
                key,
                // Silent letters right after the key belong to its word.
                end: skip_silent_letters(text, p),
                key_len,
            });
        }
    }
}

/// Buffers that grew past this many elements are freed rather than kept.
const KEEP_BUFFER: usize = 1 << 12;

/// `v`, emptied, to keep for the next scan — or a new one when `v` grew large (one long
/// text must not pin its buffers for the rest of the thread's life).
pub(super) fn keep_buffer<T>(v: &mut Vec<T>) -> Vec<T> {
    v.clear();
    if v.capacity() > KEEP_BUFFER {
        Vec::new()
    } else {
        std::mem::take(v)
    }
}
