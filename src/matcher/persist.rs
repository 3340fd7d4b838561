//! The matcher in a snapshot: [`Matcher::save`], [`Matcher::to_bytes`], [`Matcher::load`]
//! and [`Matcher::from_bytes`]. The compiled tables are written as they are and read back
//! in place; the options and the tables' scalars go in a small JSON section.

use std::borrow::Cow;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use yoke::Yoke;

use super::compiled::{AliasChecks, Compiled, Partition};
use super::heads::Heads;
use super::options::{CaseMode, MatcherBuilder, Overlaps};
use super::prefilter::{Jumps, Prefilter};
use super::trie::Trie;
use super::{Matcher, Tables};
use crate::error::{Error, ErrorKind, Result};
use crate::gazetteer::{AliasFilter, Gazetteer};
use crate::snapshot::{Sections, SnapshotBytes, Writer, ids};
use crate::text::NormOptions;

/// The snapshot's JSON section: the options and the scalars of the tables.
#[derive(Serialize, Deserialize)]
struct Settings {
    case: CaseMode,
    overlaps: Overlaps,
    variants: bool,
    fold_diacritics: bool,
    /// The filter the matcher was built with.
    filter: FilterSettings,
    /// The gazetteer's own filter.
    gazetteer_filter: FilterSettings,
    entities: usize,
    keys: usize,
    partitions: [Option<PartitionSettings>; 3],
    /// The ASCII non-word bytes that can begin a key.
    punct_first: Vec<u8>,
    pairs: bool,
}

#[derive(Serialize, Deserialize)]
struct FilterSettings {
    stop_list: bool,
    min_len: usize,
    include_kinds: Option<Vec<String>>,
    exclude_kinds: Vec<String>,
    exclude_alias_kinds: Vec<String>,
}

impl From<&AliasFilter> for FilterSettings {
    fn from(f: &AliasFilter) -> FilterSettings {
        FilterSettings {
            stop_list: f.uses_stop_list(),
            min_len: f.min_chars(),
            include_kinds: f.included_kinds().map(<[String]>::to_vec),
            exclude_kinds: f.excluded_kinds().to_vec(),
            exclude_alias_kinds: f.excluded_alias_kinds().to_vec(),
        }
    }
}

impl From<&FilterSettings> for AliasFilter {
    fn from(f: &FilterSettings) -> AliasFilter {
        let mut filter = AliasFilter::none()
            .stop_list(f.stop_list)
            .min_len(f.min_len)
            .exclude_kinds(f.exclude_kinds.iter().cloned())
            .exclude_alias_kinds(f.exclude_alias_kinds.iter().cloned());
        if let Some(kinds) = &f.include_kinds {
            filter = filter.include_kinds(kinds.iter().cloned());
        }
        filter
    }
}

#[derive(Serialize, Deserialize)]
struct PartitionSettings {
    keys: usize,
    prefix_shift: u32,
    prefix_short: u32,
    heads_shift: Option<u32>,
    jumps_shift: Option<u32>,
}

fn corrupt(what: impl std::fmt::Display) -> Error {
    Error::new(
        ErrorKind::CorruptSnapshot,
        format!("corrupt snapshot: {what}"),
    )
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
    settings: &Settings,
) -> Result<Compiled<'b>> {
    let mut partitions = [None, None, None];
    for (p, (slot, s)) in (0u32..).zip(partitions.iter_mut().zip(&settings.partitions)) {
        let Some(s) = s else { continue };
        let base = ids::partition(p);
        let trie = Trie::from_nodes(Cow::Borrowed(sections.get(bytes, base + ids::NODES)?), s.keys);
        let prefilter = Prefilter::from_parts(
            Cow::Borrowed(sections.get(bytes, base + ids::PAIRS)?),
            Cow::Borrowed(sections.get(bytes, base + ids::PREFIX_BITS)?),
            s.prefix_shift,
            s.prefix_short,
        )
        .ok_or_else(|| corrupt(format!("partition {p}'s prefix filter is malformed")))?;
        let heads = match s.heads_shift {
            Some(shift) => Some(
                Heads::from_parts(Cow::Borrowed(sections.get(bytes, base + ids::HEADS)?), shift)
                    .ok_or_else(|| corrupt(format!("partition {p}'s heads are malformed")))?,
            ),
            None => None,
        };
        let jumps = match s.jumps_shift {
            Some(shift) => Some(
                Jumps::from_parts(Cow::Borrowed(sections.get(bytes, base + ids::JUMPS)?), shift)
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
        .any(|c| c.entity as usize >= settings.entities || c.alias as usize >= aliases.len())
    {
        return Err(corrupt("a candidate names an entity or alias that does not exist"));
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
    /// Write the matcher's snapshot — its compiled tables, its whole gazetteer and its
    /// options — to `out`. The same gazetteer and options always give the same bytes.
    pub fn write_snapshot(&self, out: &mut dyn Write) -> Result<()> {
        let compiled = self.compiled.get();
        let settings = Settings {
            case: self.config.case,
            overlaps: self.config.overlaps,
            variants: self.config.variants,
            fold_diacritics: self.config.fold_diacritics,
            filter: FilterSettings::from(&self.filter),
            gazetteer_filter: FilterSettings::from(self.gazetteer.filter()),
            entities: self.gazetteer.len(),
            keys: compiled.key_count(),
            partitions: compiled.partition_settings(),
            punct_first: (0u8..128)
                .filter(|&b| compiled.punct_first[b as usize])
                .collect(),
            pairs: compiled.pairs,
        };
        let settings = serde_json::to_vec(&settings)
            .map_err(|e| Error::new(ErrorKind::Internal, format!("snapshot settings: {e}")))?;
        let by_id = self.gazetteer.ids_sorted();
        let mut w = Writer::default();
        w.add(ids::SETTINGS, &settings);
        self.gazetteer.write_sections(&by_id, &mut w);
        compiled.write_sections(&mut w);
        w.write_to(out)
            .map_err(|e| Error::new(ErrorKind::Io, format!("cannot write the snapshot: {e}")).with_source(e))
    }

    /// The matcher's snapshot in memory (see [`Matcher::write_snapshot`]).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        // Writing to memory fails only on a bug: the settings always serialise.
        if let Err(e) = self.write_snapshot(&mut out) {
            panic!("a snapshot written to memory failed: {e}");
        }
        out
    }

    /// Save the matcher's snapshot to `path`. It is written to a temporary file beside
    /// `path` and renamed into place, so a reader never sees half a snapshot.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        let io = |e: std::io::Error| {
            Error::new(ErrorKind::Io, format!("{}: {e}", path.display())).with_source(e)
        };
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(format!(".{}.tmp", std::process::id()));
        let tmp = std::path::PathBuf::from(tmp);
        let written = (|| {
            let file = std::fs::File::create(&tmp).map_err(io)?;
            let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
            self.write_snapshot(&mut out)?;
            out.into_inner()
                .map_err(|e| io(e.into_error()))?
                .sync_all()
                .map_err(io)?;
            std::fs::rename(&tmp, path).map_err(io)
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        written
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
        let named =
            |e: Error| Error::new(e.kind(), format!("{}: {}", path.display(), e.reason()));
        let io = |e: std::io::Error| {
            Error::new(ErrorKind::Io, format!("{}: {e}", path.display())).with_source(e)
        };
        let file = std::fs::File::open(path).map_err(io)?;
        if file.metadata().map_err(io)?.len() == 0 {
            return Err(named(Sections::check(&[]).unwrap_err()));
        }
        // SAFETY: the map is read-only and private to this process; the file must not be
        // changed while it is mapped, as this function's documentation says (a snapshot
        // is replaced by renaming, never rewritten). Every read of the mapped tables is
        // bounds-checked, so even a file truncated under us cannot be read out of bounds
        // through them (the process would get SIGBUS, as with any mapped file).
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(io)?;
        Matcher::from_snapshot(Arc::new(SnapshotBytes::Mapped(map))).map_err(named)
    }

    /// A matcher from snapshot bytes (see [`Matcher::to_bytes`]), kept as they are when
    /// they start on an eight-byte boundary and copied into an aligned buffer when not.
    pub fn from_bytes(bytes: impl AsRef<[u8]> + Send + Sync + 'static) -> Result<Matcher> {
        Matcher::from_snapshot(Arc::new(SnapshotBytes::new(bytes)))
    }

    fn from_snapshot(bytes: Arc<SnapshotBytes>) -> Result<Matcher> {
        let sections = Sections::check(&bytes)?;
        if !sections.has(ids::SETTINGS) {
            return Err(corrupt("the settings section is missing"));
        }
        let settings: Settings =
            serde_json::from_slice(sections.get::<u8>(&bytes, ids::SETTINGS)?)
                .map_err(|e| corrupt(format!("the settings do not read: {e}")))?;
        let gazetteer = Gazetteer::from_sections(
            bytes.clone(),
            &sections,
            AliasFilter::from(&settings.gazetteer_filter),
            settings.entities,
        )?;
        let compiled: Tables = Yoke::try_attach_to_cart(bytes, |b: &SnapshotBytes| {
            compiled_from_sections(b, &sections, &settings)
        })?
        .wrap_cart_in_option();
        let filter = AliasFilter::from(&settings.filter);
        let mut config = MatcherBuilder::default();
        config
            .case(settings.case)
            .overlaps(settings.overlaps)
            .variants(settings.variants)
            .fold_diacritics(settings.fold_diacritics)
            .filter(filter.clone());
        Ok(Matcher {
            gazetteer: Arc::new(gazetteer),
            config,
            filter,
            compiled: Arc::new(compiled),
        })
    }
}
