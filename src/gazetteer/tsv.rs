//! The TSV reader: `id<TAB>kind<TAB>name[<TAB>alias|alias|...]`, no header, no escaping.

use std::borrow::Cow;

use super::entity::{NewAlias, NewEntity};
use super::syntax;
use crate::error::{Error, ErrorKind, Result};

pub(super) fn parse_line(line: &str) -> Result<NewEntity<'_>> {
    let cols: Vec<&str> = line.split('\t').collect();
    if cols.len() < 3 {
        return Err(syntax(format!(
            "expected 3 or 4 tab-separated columns (id, kind, name, aliases), found {}",
            cols.len()
        )));
    }
    if cols.len() > 4 {
        return Err(syntax(format!(
            "expected 3 or 4 tab-separated columns (id, kind, name, aliases), found {}",
            cols.len()
        )));
    }
    for (i, field) in ["id", "kind"].iter().enumerate() {
        if cols[i].trim().is_empty() {
            return Err(Error::new(
                ErrorKind::MissingField,
                format!("empty field `{field}` (column {})", i + 1),
            ));
        }
    }
    if cols[2].trim().is_empty() {
        return Err(Error::new(
            ErrorKind::EmptyAlias,
            "empty field `name` (column 3)",
        ));
    }
    let mut aliases = Vec::new();
    if let Some(list) = cols.get(3)
        && !list.trim().is_empty()
    {
        for (i, a) in list.split('|').enumerate() {
            if a.trim().is_empty() {
                return Err(Error::new(
                    ErrorKind::EmptyAlias,
                    format!("alias {} is empty", i + 1),
                ));
            }
            aliases.push(NewAlias {
                text: Cow::Borrowed(a),
                case: None,
                kind: None,
            });
        }
    }
    Ok(NewEntity {
        id: Cow::Borrowed(cols[0]),
        kind: Cow::Borrowed(cols[1]),
        name: Cow::Borrowed(cols[2]),
        aliases,
        attrs: None,
    })
}
