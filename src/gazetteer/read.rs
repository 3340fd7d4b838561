//! Reading a gazetteer line by line, whatever the format: UTF-8 checked per line (so a bad
//! byte is reported with its line), a byte-order mark skipped, blank lines (and TSV
//! comments) skipped, repeated ids refused, every error as `source:line: reason`.

use std::io::BufRead;

use super::entity::NewEntity;
use super::{AliasFilter, Format, Gazetteer, jsonl, tsv};
use crate::error::{Error, ErrorKind, Result};

/// Read every line of `reader` as `format`.
pub(super) fn read<R: BufRead>(mut reader: R, format: Format, source: &str) -> Result<Gazetteer> {
    let parse: fn(&str) -> Result<Option<NewEntity<'_>>> = match format {
        Format::Jsonl => |line| {
            if line.trim().is_empty() {
                Ok(None)
            } else {
                jsonl::parse_line(line).map(Some)
            }
        },
        Format::Tsv => |line| {
            if line.trim().is_empty() || line.starts_with('#') {
                Ok(None)
            } else {
                tsv::parse_line(line).map(Some)
            }
        },
    };
    let mut g = Gazetteer::new();
    g.set_filter(AliasFilter::standard());
    // The line of each entity, for the message about a repeated id.
    let mut lines: Vec<u64> = Vec::new();
    let mut buf = Vec::new();
    let mut lineno = 0u64;
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .map_err(|e| Error::new(ErrorKind::Io, format!("{source}: {e}")).with_source(e))?;
        if n == 0 {
            break;
        }
        lineno += 1;
        let mut bytes = buf.as_slice();
        if let Some(b) = bytes.strip_suffix(b"\n") {
            bytes = b;
        }
        if let Some(b) = bytes.strip_suffix(b"\r") {
            bytes = b;
        }
        let line =
            std::str::from_utf8(bytes).map_err(|e| Error::invalid_utf8(&e).at(source, lineno))?;
        let line = if lineno == 1 {
            line.strip_prefix('\u{FEFF}').unwrap_or(line)
        } else {
            line
        };
        let Some(entity) = parse(line).map_err(|e| e.at(source, lineno))? else {
            continue;
        };
        let aliases = entity
            .aliases
            .iter()
            .map(|a| (a.text.as_ref(), a.case, a.kind.as_deref()));
        let added = g
            .append(
                &entity.id,
                &entity.kind,
                &entity.name,
                aliases,
                entity.attrs.as_deref(),
            )
            .map_err(|e| e.at(source, lineno))?;
        if added.is_none() {
            let first = g
                .get(&entity.id)
                .map_or(0, |(first, _)| lines[first.index()]);
            return Err(Error::new(
                ErrorKind::DuplicateId,
                format!("duplicate id `{}` (first on line {first})", entity.id),
            )
            .at(source, lineno));
        }
        lines.push(lineno);
    }
    Ok(g)
}
