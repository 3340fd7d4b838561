//! The TSV reader: `id<TAB>kind<TAB>name[<TAB>alias|alias|...]`, no header, no escaping.

use super::entity::{Alias, Entity};
use super::syntax;
use crate::error::{Error, ErrorKind, Result};

pub(super) fn parse_line(line: &str) -> Result<Entity> {
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
            aliases.push(Alias::new(a));
        }
    }
    Ok(Entity::from_parts(
        cols[0].to_owned(),
        cols[1].to_owned(),
        cols[2].to_owned(),
        aliases,
        None,
    ))
}

