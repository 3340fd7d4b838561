//! The gazetteer in a snapshot: its tables written as they are, and read back in place.

use std::borrow::Cow;
use std::sync::Arc;

use yoke::Yoke;

use super::tables::EntityTables;
use super::{AliasFilter, EntityRef, Gazetteer, IdIndex, Store};
use crate::error::{Error, ErrorKind, Result};
use crate::snapshot::{Sections, SnapshotBytes, Writer, ids};

impl Gazetteer {
    /// Entity numbers sorted by id, the index a mapped gazetteer looks ids up in.
    pub(crate) fn ids_sorted(&self) -> Vec<u32> {
        let tables = self.tables();
        let mut order: Vec<u32> = (0..self.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| {
            EntityRef::new(tables, a)
                .id()
                .cmp(EntityRef::new(tables, b).id())
        });
        order
    }

    /// Add the gazetteer's sections to `w`; `by_id` is [`Gazetteer::ids_sorted`].
    pub(crate) fn write_sections<'a>(&'a self, by_id: &'a [u32], w: &mut Writer<'a>) {
        let tables = self.tables();
        w.add(ids::ENTITIES, &tables.records);
        w.add(ids::ALIASES, &tables.aliases);
        w.add(ids::STRINGS, tables.strings.as_bytes());
        w.add(ids::BY_ID, by_id);
    }

    /// The gazetteer of a checked snapshot, read in place from `bytes`; its own filter is
    /// `filter`.
    pub(crate) fn from_sections(
        bytes: Arc<SnapshotBytes>,
        sections: &Sections,
        filter: AliasFilter,
        entities: usize,
    ) -> Result<Gazetteer> {
        let tables: Yoke<EntityTables<'static>, Arc<SnapshotBytes>> =
            Yoke::try_attach_to_cart(bytes, |bytes: &SnapshotBytes| -> Result<EntityTables<'_>> {
                let bytes: &[u8] = bytes;
                let strings = std::str::from_utf8(sections.get::<u8>(bytes, ids::STRINGS)?)
                    .map_err(|e| {
                        Error::new(
                            ErrorKind::CorruptSnapshot,
                            format!(
                                "corrupt snapshot: the gazetteer's strings are not UTF-8 \
                                 (at byte offset {})",
                                e.valid_up_to()
                            ),
                        )
                    })?;
                let t = EntityTables {
                    records: Cow::Borrowed(sections.get(bytes, ids::ENTITIES)?),
                    aliases: Cow::Borrowed(sections.get(bytes, ids::ALIASES)?),
                    strings: Cow::Borrowed(strings),
                    by_id: Cow::Borrowed(sections.get(bytes, ids::BY_ID)?),
                };
                t.check()?;
                if t.records.len() != entities || t.by_id.len() != entities {
                    return Err(Error::new(
                        ErrorKind::CorruptSnapshot,
                        "corrupt snapshot: the gazetteer's tables disagree on the number of entities",
                    ));
                }
                Ok(t)
            })?;
        Ok(Gazetteer {
            store: Store::Mapped(tables),
            filter,
            ids: IdIndex::default(),
        })
    }
}
