//! The gazetteer's flat tables: every string of every entity end to end in one text, and a
//! fixed-size record per entity and per alias that points into it.
//!
//! Flat, so that a gazetteer is the same value whether it was read from JSON Lines or mapped
//! from a snapshot file: records are plain integers (`bytemuck::Pod`), written to a
//! snapshot as they are and read back in place, and an entity is a view ([`EntityRef`])
//! over its record rather than an object of its own.

use std::borrow::Cow;

use bytemuck::{Pod, Zeroable};
use yoke::Yokeable;

use crate::case::CaseMode;
use crate::error::{Error, ErrorKind, Result};

/// A string of [`EntityTables::strings`]: `strings[start..start + len]`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub(crate) struct StrRef {
    pub start: u32,
    pub len: u32,
}

/// One entity: its strings, and its range of the alias records.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub(crate) struct EntityRecord {
    pub id: StrRef,
    pub kind: StrRef,
    pub name: StrRef,
    /// The attributes as a JSON object's text; empty when the entity has none.
    pub attrs: StrRef,
    pub aliases_start: u32,
    pub aliases_len: u32,
}

/// One alias: its text, its kind, and its own case mode.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub(crate) struct AliasRecord {
    pub text: StrRef,
    pub kind: StrRef,
    /// Bits 0–1: the case mode (0: none, then [`case_code`]'s codes); bit 2: a kind is given.
    pub flags: u32,
    /// Zero (keeps the record a multiple of eight bytes).
    pub reserved: u32,
}

const HAS_KIND: u32 = 4;

/// The code of a case mode in [`AliasRecord::flags`].
pub(crate) fn case_code(case: Option<CaseMode>) -> u32 {
    match case {
        None => 0,
        Some(CaseMode::Smart) => 1,
        Some(CaseMode::Exact) => 2,
        Some(CaseMode::Insensitive) => 3,
    }
}

impl AliasRecord {
    pub fn case(&self) -> Option<CaseMode> {
        match self.flags & 3 {
            1 => Some(CaseMode::Smart),
            2 => Some(CaseMode::Exact),
            3 => Some(CaseMode::Insensitive),
            _ => None,
        }
    }
    pub fn has_kind(&self) -> bool {
        self.flags & HAS_KIND != 0
    }
}

/// The tables, owned (a gazetteer read or built here) or borrowed (from a snapshot).
#[derive(Clone, Debug, Default, Yokeable)]
pub(crate) struct EntityTables<'a> {
    pub records: Cow<'a, [EntityRecord]>,
    pub aliases: Cow<'a, [AliasRecord]>,
    pub strings: Cow<'a, str>,
    /// Entity numbers sorted by id, for lookups by id in a mapped gazetteer; empty in an
    /// owned one, which keeps a hash index instead.
    pub by_id: Cow<'a, [u32]>,
}

impl EntityTables<'_> {
    /// The text of `r`, or `""` for a reference outside the strings or off a character
    /// boundary (which a validated snapshot never has).
    #[inline]
    pub fn str(&self, r: StrRef) -> &str {
        let start = r.start as usize;
        self.strings
            .get(start..start + r.len as usize)
            .unwrap_or_default()
    }

    /// A copy that owns its tables.
    pub fn into_owned(self) -> EntityTables<'static> {
        EntityTables {
            records: Cow::Owned(self.records.into_owned()),
            aliases: Cow::Owned(self.aliases.into_owned()),
            strings: Cow::Owned(self.strings.into_owned()),
            by_id: Cow::Owned(self.by_id.into_owned()),
        }
    }

    /// Whether every string reference lies inside the strings on character boundaries and
    /// every alias range inside the aliases: what a snapshot's tables must be before they
    /// are trusted.
    pub fn check(&self) -> Result<()> {
        let bad = |what: &str| {
            Err(Error::new(
                ErrorKind::CorruptSnapshot,
                format!("corrupt snapshot: {what}"),
            ))
        };
        let ok = |r: StrRef| {
            let start = r.start as usize;
            self.strings.get(start..start + r.len as usize).is_some()
        };
        for (i, e) in self.records.iter().enumerate() {
            if ![e.id, e.kind, e.name, e.attrs].into_iter().all(ok) {
                return bad(&format!("entity {i} names text outside the strings"));
            }
            let end = e.aliases_start as usize + e.aliases_len as usize;
            if end > self.aliases.len() {
                return bad(&format!("entity {i} names aliases past the alias table"));
            }
        }
        for (i, a) in self.aliases.iter().enumerate() {
            if !ok(a.text) || !ok(a.kind) || a.flags > 7 || a.reserved != 0 {
                return bad(&format!("alias record {i} is malformed"));
            }
        }
        if self.by_id.iter().any(|&i| i as usize >= self.records.len()) {
            return bad("the id index names an entity that does not exist");
        }
        Ok(())
    }
}

/// Appends entities to owned tables.
pub(crate) struct Appender<'t> {
    tables: &'t mut EntityTables<'static>,
}

impl<'t> Appender<'t> {
    pub fn new(tables: &'t mut EntityTables<'static>) -> Appender<'t> {
        Appender { tables }
    }

    fn push_str(&mut self, s: &str) -> Result<StrRef> {
        let strings = self.tables.strings.to_mut();
        let (Ok(start), Ok(len)) = (u32::try_from(strings.len()), u32::try_from(s.len())) else {
            return Err(too_large());
        };
        if start.checked_add(len).is_none() {
            return Err(too_large());
        }
        strings.push_str(s);
        Ok(StrRef { start, len })
    }

    /// Append one entity; `attrs` is the text of a JSON object, if any. Returns its number.
    pub fn push<'s>(
        &mut self,
        id: &str,
        kind: &str,
        name: &str,
        aliases: impl IntoIterator<Item = (&'s str, Option<CaseMode>, Option<&'s str>)>,
        attrs: Option<&str>,
    ) -> Result<u32> {
        let Ok(index) = u32::try_from(self.tables.records.len()) else {
            return Err(Error::new(ErrorKind::Build, "too many entities"));
        };
        let aliases_start = self.tables.aliases.len();
        let strings_len = self.tables.strings.len();
        let pushed = self.push_parts(id, kind, name, aliases, attrs, aliases_start);
        if pushed.is_err() {
            // Nothing of a refused entity stays behind.
            self.tables.aliases.to_mut().truncate(aliases_start);
            self.tables.strings.to_mut().truncate(strings_len);
        }
        self.tables.records.to_mut().push(pushed?);
        Ok(index)
    }

    fn push_parts<'s>(
        &mut self,
        id: &str,
        kind: &str,
        name: &str,
        aliases: impl IntoIterator<Item = (&'s str, Option<CaseMode>, Option<&'s str>)>,
        attrs: Option<&str>,
        aliases_start: usize,
    ) -> Result<EntityRecord> {
        let id = self.push_str(id)?;
        let kind = self.push_str(kind)?;
        let name = self.push_str(name)?;
        for (text, case, alias_kind) in aliases {
            let text = self.push_str(text)?;
            let kind = match alias_kind {
                Some(k) => self.push_str(k)?,
                None => StrRef::default(),
            };
            let has_kind = if alias_kind.is_some() { HAS_KIND } else { 0 };
            self.tables.aliases.to_mut().push(AliasRecord {
                text,
                kind,
                flags: case_code(case) | has_kind,
                reserved: 0,
            });
        }
        let attrs = match attrs {
            Some(a) => self.push_str(a)?,
            None => StrRef::default(),
        };
        let aliases_len = self.tables.aliases.len() - aliases_start;
        let (Ok(aliases_start), Ok(aliases_len)) =
            (u32::try_from(aliases_start), u32::try_from(aliases_len))
        else {
            return Err(too_large());
        };
        Ok(EntityRecord {
            id,
            kind,
            name,
            attrs,
            aliases_start,
            aliases_len,
        })
    }
}

pub(crate) fn too_large() -> Error {
    Error::new(
        ErrorKind::Build,
        "the gazetteer's names exceed 4 GiB of text",
    )
}

// The record sizes docs/snapshot-format.md gives: a change here is a new format version.
const _: () = assert!(std::mem::size_of::<EntityRecord>() == 40);
const _: () = assert!(std::mem::size_of::<AliasRecord>() == 24);
