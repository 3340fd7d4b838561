//! The gazetteer in a snapshot: its tables written as they are, and read back in place —
//! inside a matcher's snapshot, or alone ([`Gazetteer::snapshot`],
//! [`Gazetteer::from_bytes`]).

use std::borrow::Cow;
use std::sync::Arc;

use xxhash_rust::xxh3::Xxh3;
use yoke::Yoke;

use super::tables::EntityTables;
use super::{AliasFilter, EntityRef, Gazetteer, IdIndex, Store};
use crate::error::{Error, ErrorKind, Result};
use crate::snapshot::settings::{Contents, FilterSettings, GazetteerSettings, Settings};
use crate::snapshot::{Sections, Snapshot, SnapshotBytes, Writer, ids};

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

    /// A hash of the entities' tables: the same entities in the same order give the same
    /// fingerprint, whether the gazetteer was read, built or mapped.
    pub(crate) fn fingerprint(&self) -> String {
        let t = self.tables();
        let mut h = Xxh3::new();
        h.update(bytemuck::cast_slice(&t.records));
        h.update(bytemuck::cast_slice(&t.aliases));
        h.update(t.strings.as_bytes());
        format!("{:016x}", h.digest())
    }

    /// What a snapshot's settings say of this gazetteer.
    pub(crate) fn settings(&self) -> GazetteerSettings {
        GazetteerSettings {
            entities: self.len(),
            filter: FilterSettings::from(self.filter()),
            fingerprint: self.fingerprint(),
        }
    }

    /// Add the gazetteer's sections to `w`; `by_id` is [`Gazetteer::ids_sorted`].
    pub(crate) fn write_sections<'a>(&'a self, by_id: &'a [u32], w: &mut Writer<'a>) {
        let tables = self.tables();
        w.add(ids::ENTITIES, &tables.records);
        w.add(ids::ALIASES, &tables.aliases);
        w.add(ids::STRINGS, tables.strings.as_bytes());
        w.add(ids::BY_ID, by_id);
    }

    /// The gazetteer alone as a snapshot: its entities and its own filter, read back in
    /// place by [`Gazetteer::from_bytes`] (ship a gazetteer without a build or a parse).
    ///
    /// ```
    /// use newswire::Gazetteer;
    /// let g = Gazetteer::builtin();
    /// let back = Gazetteer::from_bytes(g.snapshot().to_bytes())?;
    /// assert_eq!(back.len(), g.len());
    /// assert_eq!(back.get("country:PK").unwrap().1.name(), "Pakistan");
    /// # Ok::<(), newswire::Error>(())
    /// ```
    pub fn snapshot(&self) -> Snapshot<'_> {
        let settings = Settings {
            contents: Contents::Gazetteer,
            gazetteer: self.settings(),
            matcher: None,
        };
        Snapshot::new(&settings, Some(self), None)
    }

    /// A gazetteer from the bytes of [`Gazetteer::snapshot`], read in place (kept as they
    /// are when they start on an eight-byte boundary, else copied). Checked as a matcher's
    /// snapshot is; a matcher's snapshot is refused (its gazetteer is
    /// [`Matcher::gazetteer`](crate::Matcher::gazetteer) once loaded).
    pub fn from_bytes(bytes: impl AsRef<[u8]> + Send + Sync + 'static) -> Result<Gazetteer> {
        let bytes = Arc::new(SnapshotBytes::new(bytes));
        let sections = Sections::check(&bytes)?;
        let settings = Settings::read(&bytes, &sections, Contents::Gazetteer)?;
        Gazetteer::from_sections(bytes.clone(), &sections, &settings.gazetteer)
    }

    /// The gazetteer of a checked snapshot, read in place from `bytes`.
    pub(crate) fn from_sections(
        bytes: Arc<SnapshotBytes>,
        sections: &Sections,
        settings: &GazetteerSettings,
    ) -> Result<Gazetteer> {
        let tables: Yoke<EntityTables<'static>, Arc<SnapshotBytes>> = Yoke::try_attach_to_cart(
            bytes,
            |bytes: &SnapshotBytes| -> Result<EntityTables<'_>> {
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
                if t.records.len() != settings.entities || t.by_id.len() != settings.entities {
                    return Err(Error::new(
                        ErrorKind::CorruptSnapshot,
                        "corrupt snapshot: the gazetteer's tables disagree on the number of entities",
                    ));
                }
                Ok(t)
            },
        )?;
        Ok(Gazetteer {
            store: Store::Mapped(tables),
            filter: AliasFilter::from(&settings.filter),
            ids: IdIndex::default(),
        })
    }
}
