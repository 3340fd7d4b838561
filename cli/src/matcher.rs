//! The matcher a run uses: gazetteers loaded and merged and the options given applied, or
//! one snapshot loaded — whose options are fixed, so that options given beside it must
//! agree with it.

use std::collections::BTreeMap;

use newswire::{Gazetteer, Matcher, MatcherBuilder, snapshot};

use crate::args::MatcherArgs;

/// The matcher for `--gazetteer` `specs` (none: the built-in gazetteer) and `args`; the
/// error is the message for a usage error.
pub fn matcher(specs: &[String], args: &MatcherArgs) -> Result<Matcher, String> {
    let snapshots: Vec<&String> = specs
        .iter()
        .filter(|s| s.as_str() != "default" && snapshot::is_snapshot_file(s))
        .collect();
    match (snapshots.as_slice(), specs.len()) {
        ([], _) => build(specs, args),
        ([path], 1) => {
            let matcher =
                Matcher::load(path).map_err(|e| format!("cannot load the snapshot: {e}"))?;
            let differ = disagreements(&matcher, args);
            if differ.is_empty() {
                Ok(matcher)
            } else {
                Err(format!(
                    "{path} is a snapshot, whose matcher options are fixed when it is compiled: {}",
                    differ.join("; ")
                ))
            }
        }
        ([path, ..], _) => Err(format!(
            "{path} is a snapshot, which must be the only --gazetteer (merge gazetteers with \
             `newswire compile`)"
        )),
    }
}

/// Load and merge `specs` and build a matcher with `args`, saying on standard error how
/// many names the alias filter left out — of gazetteers given as files (the built-in one
/// is the same every run, and documented).
pub fn build(specs: &[String], args: &MatcherArgs) -> Result<Matcher, String> {
    let gazetteer = gazetteers(specs).map_err(|e| format!("cannot load the gazetteer: {e}"))?;
    let matcher = builder(args)
        .build(gazetteer)
        .map_err(|e| format!("cannot build the matcher: {e}"))?;
    if specs.iter().any(|s| s != "default") {
        report_dropped(&matcher);
    }
    Ok(matcher)
}

/// Every spec's gazetteer, merged; a snapshot gives the gazetteer it holds. The error is
/// the reason, for people.
fn gazetteers(specs: &[String]) -> Result<Gazetteer, String> {
    let mut merged: Option<Gazetteer> = None;
    // Where each spec's entities begin in `merged`, to name the spec an id came from.
    let mut starts: Vec<(usize, &str)> = Vec::new();
    for spec in specs {
        let next = if spec == "default" {
            Ok(Gazetteer::builtin())
        } else if snapshot::is_snapshot_file(spec) {
            Matcher::load(spec).map(|m| Gazetteer::clone(m.gazetteer()))
        } else {
            Gazetteer::from_path(spec)
        };
        let next = next.map_err(|e| e.to_string())?;
        let start = merged.as_ref().map_or(0, Gazetteer::len);
        match &mut merged {
            None => merged = Some(next),
            Some(all) => {
                // The core's merge says only which id is taken: name both gazetteers, or
                // the user is left to search every file for it.
                if let Some((first, id)) = next
                    .entities()
                    .find_map(|e| all.get(e.id()).map(|(first, _)| (first, e.id())))
                {
                    let (_, earlier) = starts
                        .iter()
                        .rev()
                        .find(|(start, _)| *start <= first.index())
                        .copied()
                        .unwrap_or((0, "?"));
                    return Err(format!("{spec}: duplicate id `{id}` (also in {earlier})"));
                }
                all.merge(next).map_err(|e| format!("{spec}: {e}"))?;
            }
        }
        starts.push((start, spec));
    }
    Ok(merged.unwrap_or_else(Gazetteer::builtin))
}

/// The builder for `args`: every option not given keeps its default (and every filter part
/// not given, the gazetteer's own).
fn builder(args: &MatcherArgs) -> MatcherBuilder {
    let mut b = Matcher::builder();
    if let Some(case) = args.case {
        b.case(case.into());
    }
    if let Some(overlaps) = args.overlaps {
        b.overlaps(overlaps.into());
    }
    b.variants(!args.no_variants)
        .fold_diacritics(!args.no_fold_diacritics);
    if args.no_stop_list {
        b.stop_list(false);
    }
    if let Some(chars) = args.min_alias_len {
        b.min_alias_len(chars);
    }
    if let Some(kinds) = &args.include_kinds {
        b.include_kinds(kinds.iter().cloned());
    }
    if let Some(kinds) = &args.exclude_kinds {
        b.exclude_kinds(kinds.iter().cloned());
    }
    if let Some(kinds) = &args.exclude_alias_kinds {
        b.exclude_alias_kinds(kinds.iter().cloned());
    }
    b
}

/// The options in `args` that were given and differ from `matcher`'s, each naming both.
fn disagreements(m: &Matcher, args: &MatcherArgs) -> Vec<String> {
    let mut out = Vec::new();
    let mut differ = |given: String, own: String| {
        out.push(format!("{given} was given, the snapshot has {own}"));
    };
    if let Some(case) = args.case.map(newswire::CaseMode::from)
        && case != m.case()
    {
        differ(format!("--case {case}"), format!("--case {}", m.case()));
    }
    if let Some(overlaps) = args.overlaps.map(newswire::Overlaps::from)
        && overlaps != m.overlaps()
    {
        differ(
            format!("--overlaps {overlaps}"),
            format!("--overlaps {}", m.overlaps()),
        );
    }
    if args.no_variants && m.variants() {
        differ("--no-variants".into(), "spacing variants on".into());
    }
    if args.no_fold_diacritics && m.folds_diacritics() {
        differ("--no-fold-diacritics".into(), "diacritic folding on".into());
    }
    let f = m.filter();
    if args.no_stop_list && f.uses_stop_list() {
        differ("--no-stop-list".into(), "the stop list on".into());
    }
    if let Some(chars) = args.min_alias_len
        && chars != f.min_chars()
    {
        differ(
            format!("--min-alias-len {chars}"),
            format!("--min-alias-len {}", f.min_chars()),
        );
    }
    let list = |kinds: Option<&[String]>| match kinds {
        Some(k) if !k.is_empty() => k.join(","),
        _ => "none".to_string(),
    };
    if let Some(kinds) = &args.include_kinds
        && f.included_kinds().is_none_or(|own| !same_kinds(kinds, own))
    {
        differ(
            format!("--include-kinds {}", list(Some(kinds))),
            format!("--include-kinds {}", list(f.included_kinds())),
        );
    }
    if let Some(kinds) = &args.exclude_kinds
        && !same_kinds(kinds, f.excluded_kinds())
    {
        differ(
            format!("--exclude-kinds {}", list(Some(kinds))),
            format!("--exclude-kinds {}", list(Some(f.excluded_kinds()))),
        );
    }
    if let Some(kinds) = &args.exclude_alias_kinds
        && !same_kinds(kinds, f.excluded_alias_kinds())
    {
        differ(
            format!("--exclude-alias-kinds {}", list(Some(kinds))),
            format!(
                "--exclude-alias-kinds {}",
                list(Some(f.excluded_alias_kinds()))
            ),
        );
    }
    out
}

/// Whether two kind lists name the same kinds: the alias filter takes a list as a set and
/// compares kinds without regard to ASCII case, so `ORG,LOC` agrees with `loc,org`.
fn same_kinds(a: &[String], b: &[String]) -> bool {
    let set = |kinds: &[String]| {
        let mut set: Vec<String> = kinds.iter().map(|k| k.to_ascii_lowercase()).collect();
        set.sort_unstable();
        set.dedup();
        set
    };
    set(a) == set(b)
}

/// Say on standard error how many names the alias filter left out, and why: a filter that
/// drops names says so.
fn report_dropped(matcher: &Matcher) {
    let g = matcher.gazetteer();
    let dropped = matcher.filter().dropped(g);
    if dropped.is_empty() {
        return;
    }
    let mut by_reason: BTreeMap<&str, usize> = BTreeMap::new();
    for d in &dropped {
        *by_reason.entry(d.reason.as_str()).or_default() += 1;
    }
    let names: usize = g.entities().map(|e| 1 + e.aliases().len()).sum();
    let reasons: Vec<String> = by_reason
        .iter()
        .map(|(reason, n)| format!("{} {n}", reason.replace('_', " ")))
        .collect();
    eprintln!(
        "newswire: the alias filter left out {} of {names} names ({})",
        dropped.len(),
        reasons.join(", ")
    );
}
