//! The matcher in a snapshot: [`Matcher::save`], [`Matcher::to_bytes`], [`Matcher::load`]
//! and [`Matcher::from_bytes`]. The compiled tables are written as they are and read back
//! in place; the options and the tables' scalars go in a small JSON section.

use std::borrow::Cow;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use yoke::Yoke;

use super::compiled::{AliasChecks, Compiled, Partition};
use super::heads::Heads;
use super::options::MatcherBuilder;
use super::prefilter::{Jumps, Prefilter};
use super::trie::Trie;
use super::{Matcher, Tables};
use crate::error::{Error, ErrorKind, Result};
use crate::gazetteer::{AliasFilter, Gazetteer};
use crate::snapshot::settings::{
    Contents, FilterSettings, MatcherSettings, PartitionSettings, Settings,
};
use crate::snapshot::{Sections, Snapshot, SnapshotBytes, Writer, ids};
use crate::text::NormOptions;

fn corrupt(what: impl std::fmt::Display) -> Error {
    crate::snapshot::format::corrupt(what)
}

impl Compiled<'_> {
    /// The scalars of the tables, for the settings.
    fn partition_settings(&self) -> [Option<PartitionSettings>; 3] {
        self.partitions().map(|p| {
            p.as_ref().map(|p| {
                let (_, _, prefix_shift, prefix_short) = p.prefilter.parts();
                PartitionSettings {
                    keys: p.trie.len(),
                    prefix_shift,
                    prefix_short,
                    heads_shift: p.heads.as_ref().map(|h| h.parts().1),
                    jumps_shift: p.jumps.as_ref().map(|j| j.parts().1),
                }
            })
        })
    }

    /// Add the tables' sections to `w`.
    fn write_sections<'a>(&'a self, w: &mut Writer<'a>) {
        w.add(ids::CANDIDATE_OFFSETS, &self.candidate_offsets);
        w.add(ids::CANDIDATES, &self.candidates);
        w.add(ids::ALIAS_CHECKS, &self.aliases);
        w.add(ids::EVENTS, &self.events);
        w.add(ids::EXACT, &self.exact);
        for (p, part) in (0u32..).zip(self.partitions()) {
            let Some(part) = part else { continue };
            let base = ids::partition(p);
            let (pairs, bits, _, _) = part.prefilter.parts();
            w.add(base + ids::NODES, part.trie.nodes());
            w.add(base + ids::PAIRS, pairs);
            w.add(base + ids::PREFIX_BITS, bits);
            if let Some(h) = &part.heads {
                w.add(base + ids::HEADS, h.parts().0);
            }
            if let Some(j) = &part.jumps {
                w.add(base + ids::JUMPS, j.parts().0);
            }
        }
    }
}

/// The compiled tables of a checked snapshot, read in place from `bytes`. Whatever the
/// tables hold, a scan over them cannot panic or read out of bounds (every read is
/// checked); what is checked here is what the checks on a candidate index without a
/// fallback, and that the tables are of the shapes a build makes.
fn compiled_from_sections<'b>(
    bytes: &'b [u8],
    sections: &Sections,
    settings: &MatcherSettings,
    entities: usize,
) -> Result<Compiled<'b>> {
    let mut partitions = [None, None, None];
    for (p, (slot, s)) in (0u32..).zip(partitions.iter_mut().zip(&settings.partitions)) {
        let Some(s) = s else { continue };
        let base = ids::partition(p);
        let trie = Trie::from_nodes(
            Cow::Borrowed(sections.get(bytes, base + ids::NODES)?),
            s.keys,
        );
        let prefilter = Prefilter::from_parts(
            Cow::Borrowed(sections.get(bytes, base + ids::PAIRS)?),
            Cow::Borrowed(sections.get(bytes, base + ids::PREFIX_BITS)?),
            s.prefix_shift,
            s.prefix_short,
        )
        .ok_or_else(|| corrupt(format!("partition {p}'s prefix filter is malformed")))?;
        let heads = match s.heads_shift {
            Some(shift) => Some(
                Heads::from_parts(
                    Cow::Borrowed(sections.get(bytes, base + ids::HEADS)?),
                    shift,
                )
                .ok_or_else(|| corrupt(format!("partition {p}'s heads are malformed")))?,
            ),
            None => None,
        };
        let jumps = match s.jumps_shift {
            Some(shift) => Some(
                Jumps::from_parts(
                    Cow::Borrowed(sections.get(bytes, base + ids::JUMPS)?),
                    shift,
                )
                .ok_or_else(|| corrupt(format!("partition {p}'s jump table is malformed")))?,
            ),
            None => None,
        };
        let mut first = [false; 256];
        for (b, f) in first.iter_mut().enumerate() {
            *f = trie.can_start(b as u8);
        }
        *slot = Some(Partition {
            trie,
            first,
            heads,
            prefilter,
            jumps,
        });
    }
    let [capital, any_ascii, any_other] = partitions;
    let candidate_offsets: &[u32] = sections.get(bytes, ids::CANDIDATE_OFFSETS)?;
    let candidates: &[super::compiled::Candidate] = sections.get(bytes, ids::CANDIDATES)?;
    let aliases: &[AliasChecks] = sections.get(bytes, ids::ALIAS_CHECKS)?;
    if candidate_offsets.len() != settings.keys + 1
        || candidate_offsets.first() != Some(&0)
        || candidate_offsets.windows(2).any(|w| w[0] > w[1])
        || candidate_offsets.last().map(|&n| n as usize) != Some(candidates.len())
    {
        return Err(corrupt("the candidates by key are malformed"));
    }
    if candidates
        .iter()
        .any(|c| c.entity as usize >= entities || c.alias as usize >= aliases.len())
    {
        return Err(corrupt(
            "a candidate names an entity or alias that does not exist",
        ));
    }
    if aliases
        .iter()
        .any(|a| a.flags & !AliasChecks::ACRONYM > AliasChecks::INSENSITIVE)
    {
        return Err(corrupt("an alias has an unknown case mode"));
    }
    let mut punct_first = [false; 128];
    for &b in &settings.punct_first {
        *punct_first
            .get_mut(b as usize)
            .ok_or_else(|| corrupt("a key's first byte is out of range"))? = true;
    }
    Ok(Compiled {
        capital,
        any_ascii,
        any_other,
        candidate_offsets: Cow::Borrowed(candidate_offsets),
        candidates: Cow::Borrowed(candidates),
        aliases: Cow::Borrowed(aliases),
        events: Cow::Borrowed(sections.get(bytes, ids::EVENTS)?),
        exact: Cow::Borrowed(sections.get(bytes, ids::EXACT)?),
        norm: NormOptions {
            fold_case: true,
            fold_diacritics: settings.fold_diacritics,
            variants: settings.variants,
        },
        overlaps: settings.overlaps,
        punct_first,
        use_prefilter: true,
        pairs: settings.pairs,
    })
}

impl Matcher {
    /// What a snapshot's settings say of this matcher.
    fn matcher_settings(&self) -> MatcherSettings {
        let compiled = self.compiled.get();
        MatcherSettings {
            case: self.config.case,
            overlaps: self.config.overlaps,
            variants: self.config.variants,
            fold_diacritics: self.config.fold_diacritics,
            filter: FilterSettings::from(&self.filter),
            keys: compiled.key_count(),
            partitions: compiled.partition_settings(),
            punct_first: (0u8..128)
                .filter(|&b| compiled.punct_first[b as usize])
                .collect(),
            pairs: compiled.pairs,
        }
    }

    /// Add the compiled tables' sections to `w`.
    pub(crate) fn write_table_sections<'a>(&'a self, w: &mut Writer<'a>) {
        self.compiled.get().write_sections(w);
    }

    /// The matcher's snapshot: its compiled tables, its whole gazetteer and its options,
    /// ready to write ([`Snapshot::write_to`], [`Snapshot::write_into`],
    /// [`Snapshot::to_bytes`]). The same gazetteer and options always give the same bytes.
    pub fn snapshot(&self) -> Snapshot<'_> {
        let settings = Settings {
            contents: Contents::Matcher,
            gazetteer: self.gazetteer.settings(),
            matcher: Some(self.matcher_settings()),
        };
        Snapshot::new(&settings, Some(&self.gazetteer), Some(self))
    }

    /// The matcher's compiled tables and options without its gazetteer, for when the
    /// gazetteer travels on its own (a pickled matcher and its gazetteer, say): loaded with
    /// [`Matcher::from_tables`] and that gazetteer, checked by a fingerprint to be the one
    /// the tables were compiled from.
    pub fn tables_snapshot(&self) -> Snapshot<'_> {
        let settings = Settings {
            contents: Contents::Tables,
            gazetteer: self.gazetteer.settings(),
            matcher: Some(self.matcher_settings()),
        };
        Snapshot::new(&settings, None, Some(self))
    }

    /// Write the matcher's snapshot to `out` (see [`Matcher::snapshot`]).
    pub fn write_snapshot(&self, out: &mut dyn Write) -> Result<()> {
        self.snapshot().write_to(out)
    }

    /// The matcher's snapshot in memory (see [`Matcher::snapshot`]).
    pub fn to_bytes(&self) -> Vec<u8> {
        self.snapshot().to_bytes()
    }

    /// Save the matcher's snapshot to `path`. It is written to a temporary file beside
    /// `path` and renamed into place, so a reader never sees half a snapshot. A path that
    /// is no regular file (a pipe, a device) is not replaced but written into; a symbolic
    /// link is followed (`/dev/stdout` too), the file it names replaced, the link kept.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        crate::snapshot::save(&self.snapshot(), path.as_ref())
    }

    /// Load a snapshot file, mapping it into memory: nothing is built and the tables are
    /// not copied, so processes that load one file share one copy of it through the page
    /// cache. The file is checked before it is trusted (length, checksum, tables); an empty,
    /// foreign, newer-format, truncated or corrupt file is an error of its own
    /// [`ErrorKind`].
    ///
    /// The file must not change while the matcher (or a clone, or a document it made)
    /// lives: a snapshot is written once and replaced by renaming, as [`Matcher::save`]
    /// does, never rewritten in place.
    pub fn load(path: impl AsRef<Path>) -> Result<Matcher> {
        let path = path.as_ref();
        let bytes = crate::snapshot::map(path)?;
        Matcher::from_snapshot(Arc::new(bytes), None).map_err(|e| crate::snapshot::named(path, e))
    }

    /// A matcher from snapshot bytes (see [`Matcher::to_bytes`]), kept as they are when
    /// they start on an eight-byte boundary and copied into an aligned buffer when not.
    pub fn from_bytes(bytes: impl AsRef<[u8]> + Send + Sync + 'static) -> Result<Matcher> {
        Matcher::from_snapshot(Arc::new(SnapshotBytes::new(bytes)), None)
    }

    /// A matcher from the bytes of [`Matcher::tables_snapshot`] and the gazetteer they were
    /// compiled from (any other is refused: its fingerprint differs).
    pub fn from_tables(
        gazetteer: Arc<Gazetteer>,
        bytes: impl AsRef<[u8]> + Send + Sync + 'static,
    ) -> Result<Matcher> {
        Matcher::from_snapshot(Arc::new(SnapshotBytes::new(bytes)), Some(gazetteer))
    }

    /// A whole matcher's snapshot (`gazetteer` `None`), or tables alone with `gazetteer`.
    fn from_snapshot(
        bytes: Arc<SnapshotBytes>,
        gazetteer: Option<Arc<Gazetteer>>,
    ) -> Result<Matcher> {
        let sections = Sections::check(&bytes)?;
        let want = if gazetteer.is_some() {
            Contents::Tables
        } else {
            Contents::Matcher
        };
        let settings = Settings::read(&bytes, &sections, want)?;
        let gazetteer = match gazetteer {
            Some(g) => {
                if g.len() != settings.gazetteer.entities
                    || g.fingerprint() != settings.gazetteer.fingerprint
                {
                    return Err(Error::new(
                        ErrorKind::InvalidOption,
                        "the matcher's tables were compiled from another gazetteer",
                    ));
                }
                g
            }
            None => Arc::new(Gazetteer::from_sections(
                bytes.clone(),
                &sections,
                &settings.gazetteer,
            )?),
        };
        let Some(m) = &settings.matcher else {
            return Err(corrupt("the matcher's settings are missing"));
        };
        let compiled: Tables = Yoke::try_attach_to_cart(bytes, |b: &SnapshotBytes| {
            compiled_from_sections(b, &sections, m, gazetteer.len())
        })?
        .wrap_cart_in_option();
        let filter = AliasFilter::from(&m.filter);
        let mut config = MatcherBuilder::default();
        config
            .case(m.case)
            .overlaps(m.overlaps)
            .variants(m.variants)
            .fold_diacritics(m.fold_diacritics)
            .filter(filter.clone());
        Ok(Matcher {
            gazetteer,
            config,
            filter,
            compiled: Arc::new(compiled),
        })
    }
}
