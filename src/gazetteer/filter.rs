//! The alias filter: which names of a gazetteer a matcher leaves out, answered one name at
//! a time by [`AliasFilter::verdict`].

use std::sync::OnceLock;

use super::entity::{EntityRef, Name};
use super::stoplist;
use crate::case::CaseMode;
use crate::hash::FastHashSet;
use crate::text::{NormOptions, ascii_is_sep, normalize_key};

/// Which names a matcher leaves out.
///
/// A matcher applies its filter to every name of every entity (the primary `name` and each
/// alias) when it is built:
/// - entity kinds: with [`include_kinds`](AliasFilter::include_kinds) only entities of
///   those kinds are kept; entities of an [`exclude_kinds`](AliasFilter::exclude_kinds)
///   kind are dropped (kinds compare ASCII case-insensitively);
/// - alias kinds: aliases of an [`exclude_alias_kinds`](AliasFilter::exclude_alias_kinds)
///   kind (`demonym`, ...) are dropped; the primary name has no kind and is never dropped
///   by this rule;
/// - minimum length: names with fewer than [`min_len`](AliasFilter::min_len) characters
///   (after trimming white space) are dropped;
/// - stop list: a name whose normalised form (case and diacritics folded, spaces and
///   hyphens dropped) is one of [`AliasFilter::stop_words`] is dropped — **the primary name
///   as well as an alias**, because real gazetteers have towns whose *primary* name is a
///   common word (GeoNames: Police, Most, Of, March, Nice, Reading, Mobile, Bath) and
///   airports whose code is one (`THE`, `FOR`, `CAN`, `AS`: all-capitals headlines would
///   match them). Two kinds of name are exempt: a name given with its own case mode `exact`
///   (an alias object `{"text": "Nice", "case": "exact"}`), which says it was chosen on
///   purpose; and an all-capitals name of an entity that is not a place (its kind not one
///   of `LOC`, `LOCATION`, `GPE`, `PLACE`, in any case) — `IT` for information technology —
///   which smart case already keeps from matching the common word in lower case.
///
/// Loaded gazetteers get [`AliasFilter::standard`]; gazetteers built in code get
/// [`AliasFilter::none`]. A [`MatcherBuilder`](crate::MatcherBuilder) can replace a
/// gazetteer's filter, or change one part of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AliasFilter {
    stop_list: bool,
    min_len: usize,
    include_kinds: Option<Vec<String>>,
    exclude_kinds: Vec<String>,
    exclude_alias_kinds: Vec<String>,
}

/// Why a filter drops a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DropReason {
    /// The entity's kind is not included, or is excluded.
    EntityKind,
    /// The alias's kind is excluded.
    AliasKind,
    /// The name is shorter than the minimum length.
    TooShort,
    /// The name is on the stop list.
    StopWord,
}

impl DropReason {
    /// `entity_kind`, `alias_kind`, `too_short` or `stop_word`.
    pub fn as_str(&self) -> &'static str {
        match self {
            DropReason::EntityKind => "entity_kind",
            DropReason::AliasKind => "alias_kind",
            DropReason::TooShort => "too_short",
            DropReason::StopWord => "stop_word",
        }
    }
}

impl AliasFilter {
    /// Keep every alias.
    pub fn none() -> AliasFilter {
        AliasFilter {
            stop_list: false,
            min_len: 0,
            include_kinds: None,
            exclude_kinds: Vec::new(),
            exclude_alias_kinds: Vec::new(),
        }
    }
    /// The filter loaded gazetteers get: the built-in stop list and a minimum length of 2.
    pub fn standard() -> AliasFilter {
        AliasFilter {
            stop_list: true,
            min_len: 2,
            ..AliasFilter::none()
        }
    }
    /// Drop aliases on the built-in stop list (month and weekday names, common words).
    pub fn stop_list(mut self, yes: bool) -> AliasFilter {
        self.stop_list = yes;
        self
    }
    /// Drop aliases shorter than `chars` characters.
    pub fn min_len(mut self, chars: usize) -> AliasFilter {
        self.min_len = chars;
        self
    }
    /// Keep only entities of these kinds.
    pub fn include_kinds<I: IntoIterator<Item = S>, S: Into<String>>(
        mut self,
        kinds: I,
    ) -> AliasFilter {
        self.include_kinds = Some(kinds.into_iter().map(Into::into).collect());
        self
    }
    /// Drop entities of these kinds.
    pub fn exclude_kinds<I: IntoIterator<Item = S>, S: Into<String>>(
        mut self,
        kinds: I,
    ) -> AliasFilter {
        self.exclude_kinds = kinds.into_iter().map(Into::into).collect();
        self
    }
    /// Drop aliases of these alias kinds (`demonym`, ...).
    pub fn exclude_alias_kinds<I: IntoIterator<Item = S>, S: Into<String>>(
        mut self,
        kinds: I,
    ) -> AliasFilter {
        self.exclude_alias_kinds = kinds.into_iter().map(Into::into).collect();
        self
    }
    /// Whether the stop list is on.
    pub fn uses_stop_list(&self) -> bool {
        self.stop_list
    }
    /// The minimum alias length, in characters.
    pub fn min_chars(&self) -> usize {
        self.min_len
    }
    /// The entity kinds kept, when only some are.
    pub fn included_kinds(&self) -> Option<&[String]> {
        self.include_kinds.as_deref()
    }
    /// The entity kinds dropped.
    pub fn excluded_kinds(&self) -> &[String] {
        &self.exclude_kinds
    }
    /// The alias kinds dropped.
    pub fn excluded_alias_kinds(&self) -> &[String] {
        &self.exclude_alias_kinds
    }
    /// The built-in stop list, lower case.
    pub fn stop_words() -> &'static [&'static str] {
        stoplist::STOP_WORDS
    }
    /// Whether a name is on the built-in stop list (compared after normalisation:
    /// `MARCH`, `March` and `Mar-ch` all are).
    pub fn is_stop_word(name: &str) -> bool {
        StopList::get().has(name)
    }

    /// Whether this filter keeps `name` of `entity`, and if not, why.
    pub(crate) fn verdict(&self, entity: &EntityRef<'_>, name: &Name<'_>) -> Option<DropReason> {
        let kind = entity.kind();
        if let Some(inc) = &self.include_kinds
            && !inc.iter().any(|i| i.eq_ignore_ascii_case(kind))
        {
            return Some(DropReason::EntityKind);
        }
        if self
            .exclude_kinds
            .iter()
            .any(|x| x.eq_ignore_ascii_case(kind))
        {
            return Some(DropReason::EntityKind);
        }
        if let Some(ak) = name.kind
            && self
                .exclude_alias_kinds
                .iter()
                .any(|x| x.eq_ignore_ascii_case(ak))
        {
            return Some(DropReason::AliasKind);
        }
        // Fewer than `min_len` characters: the first `min_len` are enough to tell.
        if self.min_len > 0 && name.text.trim().chars().nth(self.min_len - 1).is_none() {
            return Some(DropReason::TooShort);
        }
        // The exemptions are looked at only for the rare name on the list.
        if self.stop_list && StopList::get().has(name.text) && !stop_exempt(kind, name) {
            return Some(DropReason::StopWord);
        }
        None
    }

    /// Every name of `gazetteer` this filter drops, with the reason, in gazetteer order.
    pub fn dropped<'g>(&self, gazetteer: &'g crate::Gazetteer) -> Vec<Dropped<'g>> {
        let mut out = Vec::new();
        for entity in gazetteer.entities() {
            for name in entity.names() {
                if let Some(reason) = self.verdict(&entity, &name) {
                    out.push(Dropped {
                        entity,
                        name: name.text,
                        reason,
                    });
                }
            }
        }
        out
    }
}

/// A name a filter drops: see [`AliasFilter::dropped`].
#[derive(Clone, Copy, Debug)]
pub struct Dropped<'g> {
    /// The entity it belongs to.
    pub entity: EntityRef<'g>,
    /// The name (the primary name or an alias) as written.
    pub name: &'g str,
    /// Why it is dropped.
    pub reason: DropReason,
}

/// Kinds of entity that are places: their all-capitals names stay on the stop list (the
/// airport codes `THE`, `FOR`, `AS` of a place gazetteer).
const PLACE_KINDS: [&str; 4] = ["LOC", "LOCATION", "GPE", "PLACE"];

/// Whether the stop list passes over `name` of an entity of kind `kind`: a name given with
/// case `exact` was chosen on purpose, and an all-capitals name of an entity that is not a
/// place (`IT`, information technology) can only match in capitals under smart case, where
/// it is not the common word.
fn stop_exempt(kind: &str, name: &Name<'_>) -> bool {
    if name.case == Some(CaseMode::Exact) {
        return true;
    }
    let mut letters = name.text.chars().filter(|c| c.is_alphabetic()).peekable();
    let all_capitals = letters.peek().is_some() && letters.all(crate::text::is_capital);
    all_capitals && !PLACE_KINDS.iter().any(|p| p.eq_ignore_ascii_case(kind))
}

/// The stop words as normalised keys, and the longest of them.
struct StopList {
    keys: FastHashSet<&'static [u8]>,
    longest: usize,
}

impl StopList {
    fn get() -> &'static StopList {
        static LIST: OnceLock<StopList> = OnceLock::new();
        LIST.get_or_init(|| StopList {
            keys: stoplist::STOP_WORDS.iter().map(|w| w.as_bytes()).collect(),
            longest: stoplist::STOP_WORDS
                .iter()
                .map(|w| w.len())
                .max()
                .unwrap_or(0),
        })
    }

    /// Whether `name`'s key (case and diacritics folded, separators dropped) is a stop word.
    fn has(&self, name: &str) -> bool {
        if name.is_ascii() {
            // The common case, without the normaliser: an ASCII name's key is its bytes
            // lowercased, separators left out; and a name longer than every stop word can
            // stop at once. (This is a filter asked once per name of a million-name
            // gazetteer.)
            let mut key = [0u8; 32];
            let mut n = 0;
            for &b in name.as_bytes() {
                if ascii_is_sep(b) {
                    continue;
                }
                if n == self.longest.min(key.len()) {
                    return false;
                }
                key[n] = b.to_ascii_lowercase();
                n += 1;
            }
            return self.keys.contains(&key[..n]);
        }
        // Every stop word is ASCII: a name with a letter that normalises to no ASCII at all
        // (Arabic, Cyrillic, Chinese, ... — most of a world gazetteer's names) is none,
        // and needs no normalising to say so.
        if name.chars().any(never_ascii) {
            return false;
        }
        let mut key = Vec::new();
        normalize_key(name, NormOptions::ALL, &mut key);
        self.keys.contains(key.as_slice())
    }
}

/// Whether `c`'s normalised form (decomposed, case-folded, diacritics dropped) holds a
/// character that is not ASCII, so that no name with it is a stop word: what the normaliser
/// makes of it, read from its per-thread cache of character expansions (separators give no
/// bytes, and are never it). A test checks this against the normaliser for every character.
fn never_ascii(c: char) -> bool {
    !c.is_ascii() && crate::text::normalises_beyond_ascii(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quick ASCII key gives what the normaliser gives.
    #[test]
    fn ascii_stop_keys_agree_with_the_normaliser() {
        let list = StopList::get();
        let names = [
            "March",
            "MARCH",
            "Mar-ch",
            " of ",
            "Of",
            "O f",
            "The",
            "t-h-e",
            "Most",
            "Mostar",
            "a",
            "A\tB",
            "",
            "-",
            "Police",
            "POLICE DEPT",
            "Nice",
            "reading",
            "x_y",
            "O'f",
            "september",
            "Septembers",
            "thu rsday",
        ];
        for name in names {
            let mut key = Vec::new();
            normalize_key(name, NormOptions::ALL, &mut key);
            assert_eq!(
                list.has(name),
                list.keys.contains(key.as_slice()),
                "{name:?}"
            );
        }
        assert!(list.has("Márch"));
        assert!(list.has("MAR\u{00AD}CH"));
    }

    /// `never_ascii` holds for no character whose normalised form is all ASCII.
    #[test]
    fn never_ascii_agrees_with_the_normaliser() {
        let mut key = Vec::new();
        for c in (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| never_ascii(c))
        {
            normalize_key(&c.to_string(), NormOptions::ALL, &mut key);
            assert!(
                !key.is_empty() && !key.is_ascii(),
                "{c:?} (U+{:04X}) normalises to {:?}",
                c as u32,
                String::from_utf8_lossy(&key)
            );
        }
    }

    #[test]
    fn verdicts() {
        let mut g = crate::Gazetteer::new();
        let id = g.add(crate::Entity::new("x", "LOC", "March")).unwrap();
        let e = g.entity(id);
        let name = |text, case, kind| Name { text, case, kind };
        let f = AliasFilter::standard();
        assert_eq!(
            f.verdict(&e, &name("March", None, None)),
            Some(DropReason::StopWord)
        );
        assert_eq!(
            f.verdict(&e, &name("March", Some(CaseMode::Exact), None)),
            None
        );
        assert_eq!(
            f.verdict(&e, &name("X", None, None)),
            Some(DropReason::TooShort)
        );
        let f = AliasFilter::none().exclude_alias_kinds(["DEMONYM"]);
        assert_eq!(
            f.verdict(&e, &name("Marcher", None, Some("demonym"))),
            Some(DropReason::AliasKind)
        );
        let f = AliasFilter::none().include_kinds(["org"]);
        assert_eq!(
            f.verdict(&e, &name("Marcher", None, None)),
            Some(DropReason::EntityKind)
        );
        let f = AliasFilter::none().exclude_kinds(["loc"]);
        assert_eq!(
            f.verdict(&e, &name("Marcher", None, None)),
            Some(DropReason::EntityKind)
        );
        assert_eq!(
            AliasFilter::none().verdict(&e, &name("March", None, None)),
            None
        );
    }
}
