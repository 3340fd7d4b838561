//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use newswire::Date;
use newswire::json::Offsets;

/// Parse news wire copy and find gazetteer entities in it, as JSON Lines.
#[derive(Debug, Parser)]
#[command(name = "newswire", version, about, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse articles into dateline, headline, byline, paragraphs, sentences, trailers,
    /// acronyms, quotes and dates; one JSON line per article.
    Parse(ParseArgs),
    /// Parse articles and find the entities of a gazetteer in them; one JSON line per
    /// article.
    Annotate(AnnotateArgs),
    /// Find near-duplicate articles (the same story re-sent, updated or corrected); one
    /// JSON line per group: `{"ids": [...], "exact": bool, "similarity": min}`, written
    /// once its newest article has left the window (no later article can join it then).
    Dedupe(DedupeArgs),
    /// Compile gazetteers into a matcher snapshot: a file that `annotate --gazetteer`
    /// loads in milliseconds, with no build.
    Compile(CompileArgs),
}

/// Options of `newswire parse`.
#[derive(Debug, Args)]
pub struct ParseArgs {
    /// Where the articles come from.
    #[command(flatten)]
    pub input: InputArgs,
    /// Show a progress bar on standard error even when it is not a terminal.
    #[arg(long)]
    pub progress: bool,
    /// Worker threads [default: one per core].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
}

/// Options of `newswire annotate`.
#[derive(Debug, Args)]
// The near-duplicate options do nothing without `--near-duplicates`: given alone, they
// would be dropped without a word (and the records would lack `duplicate_of`).
#[command(group = clap::ArgGroup::new("near_duplicate_options")
    .args(["threshold", "window", "window_days", "shingle_len", "num_hashes", "seed"])
    .multiple(true)
    .requires("near_duplicates"))]
pub struct AnnotateArgs {
    /// Where the articles come from.
    #[command(flatten)]
    pub input: InputArgs,
    /// A gazetteer (`.jsonl`, `.json` or `.tsv`), `default` for the built-in one, or a
    /// matcher snapshot made by `newswire compile` (told by its first bytes, whatever its
    /// name). Replaces the built-in gazetteer; repeat it to merge several (a snapshot must
    /// be the only one). (A file named `default`: `./default`.)
    #[arg(long = "gazetteer", value_name = "FILE|default")]
    pub gazetteers: Vec<String>,
    /// Worker threads [default: one per core].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// How names are matched (a snapshot's are fixed: options given beside one must agree
    /// with it).
    #[command(flatten)]
    pub matcher: MatcherArgs,
    /// Show a progress bar on standard error even when it is not a terminal.
    #[arg(long)]
    pub progress: bool,
    /// Give each record `duplicate_of`: the earlier articles (within the window) it nearly
    /// duplicates, most similar first.
    #[arg(long)]
    pub near_duplicates: bool,
    /// The near-duplicate options (with `--near-duplicates`).
    #[command(flatten)]
    pub dedup: DedupArgs,
}

/// Options of `newswire dedupe`.
#[derive(Debug, Args)]
pub struct DedupeArgs {
    /// Where the articles come from.
    #[command(flatten)]
    pub input: InputArgs,
    /// The near-duplicate options.
    #[command(flatten)]
    pub dedup: DedupArgs,
    /// Worker threads [default: one per core].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// Show a progress bar on standard error even when it is not a terminal.
    #[arg(long)]
    pub progress: bool,
}

/// Near-duplicate options: two articles are near-duplicates when the Jaccard similarity of
/// their bodies' word shingles is at or above the threshold.
#[derive(Debug, Args)]
pub struct DedupArgs {
    /// The Jaccard similarity at or above which two bodies are near-duplicates.
    #[arg(long, value_name = "T", default_value_t = 0.8)]
    pub threshold: f64,
    /// Compare each article with the N articles before it at most (bounds memory).
    #[arg(long, value_name = "N", default_value_t = 100_000)]
    pub window: usize,
    /// Also leave out articles dated (on the dateline) more than DAYS days before the
    /// newest date seen.
    #[arg(long, value_name = "DAYS")]
    pub window_days: Option<u32>,
    /// Words per shingle [default: 5].
    #[arg(long, value_name = "N")]
    pub shingle_len: Option<usize>,
    /// MinHash values per signature [default: 128].
    #[arg(long, value_name = "N")]
    pub num_hashes: Option<usize>,
    /// The seed of the hashes [default: a fixed one].
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
}

/// Options of `newswire compile`.
#[derive(Debug, Args)]
pub struct CompileArgs {
    /// Gazetteers (`.jsonl`, `.json`, `.tsv`, a snapshot, or `default`), merged.
    #[arg(value_name = "GAZETTEER", required = true)]
    pub gazetteers: Vec<String>,
    /// Where to write the snapshot (written beside it first, then renamed into place; a
    /// pipe or a device is written into, a link followed).
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// How names are matched: fixed in the snapshot.
    #[command(flatten)]
    pub matcher: MatcherArgs,
}

/// The matcher's options and the alias filter's. Each is `None` (or off) unless given, so
/// that a snapshot's own options can be told from options given beside it.
#[derive(Debug, Args, Default)]
pub struct MatcherArgs {
    /// How letter case is compared [default: smart].
    #[arg(long, value_enum)]
    pub case: Option<CaseArg>,
    /// What to do with candidates that overlap [default: longest].
    #[arg(long, value_enum)]
    pub overlaps: Option<OverlapsArg>,
    /// Do not treat space and hyphen as interchangeable or join and split capitalised words.
    #[arg(long)]
    pub no_variants: bool,
    /// Compare letters with their diacritics (`é` is not `e`).
    #[arg(long)]
    pub no_fold_diacritics: bool,
    /// Keep names on the built-in stop list (month and weekday names, common words).
    #[arg(long)]
    pub no_stop_list: bool,
    /// Leave out names shorter than N characters [default: 2 for gazetteer files].
    #[arg(long, value_name = "N")]
    pub min_alias_len: Option<usize>,
    /// Keep only entities of these kinds (comma-separated).
    #[arg(long, value_name = "KIND,...", value_delimiter = ',')]
    pub include_kinds: Option<Vec<String>>,
    /// Leave out entities of these kinds (comma-separated).
    #[arg(long, value_name = "KIND,...", value_delimiter = ',')]
    pub exclude_kinds: Option<Vec<String>>,
    /// Leave out aliases of these alias kinds, such as `demonym` (comma-separated).
    #[arg(long, value_name = "KIND,...", value_delimiter = ',')]
    pub exclude_alias_kinds: Option<Vec<String>>,
}

/// Input options shared by `parse` and `annotate`.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Text files (one article each) or JSON Lines files (one article per line; `.jsonl`,
    /// `.jsonl.gz`); `-` or nothing reads standard input.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Read every input as JSON Lines, whatever its name.
    #[arg(long)]
    pub jsonl: bool,
    /// The date the copy was filed, or near it: gives dates without a year their year.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub reference_date: Option<Date>,
    /// The JSON Lines field that holds the article text.
    #[arg(long, value_name = "F", default_value = "text")]
    pub text_field: String,
    /// The JSON Lines field that holds the article id (else FILE:LINE is the id).
    #[arg(long, value_name = "F", default_value = "id")]
    pub id_field: String,
    /// The unit of the offsets written: code points (what Python slices by) or UTF-8 bytes.
    #[arg(long, value_enum, default_value_t = OffsetsArg::Chars)]
    pub offsets: OffsetsArg,
}

/// `--case`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CaseArg {
    /// Any case, except that acronyms need their capitals and a capital in a name needs a
    /// capital in the text.
    Smart,
    /// Exactly as written.
    Exact,
    /// Any case.
    Insensitive,
}

impl From<CaseArg> for newswire::CaseMode {
    fn from(c: CaseArg) -> newswire::CaseMode {
        match c {
            CaseArg::Smart => newswire::CaseMode::Smart,
            CaseArg::Exact => newswire::CaseMode::Exact,
            CaseArg::Insensitive => newswire::CaseMode::Insensitive,
        }
    }
}

/// `--overlaps`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OverlapsArg {
    /// Leftmost-longest among the candidates that pass every check.
    Longest,
    /// Every candidate.
    All,
}

impl From<OverlapsArg> for newswire::Overlaps {
    fn from(o: OverlapsArg) -> newswire::Overlaps {
        match o {
            OverlapsArg::Longest => newswire::Overlaps::Longest,
            OverlapsArg::All => newswire::Overlaps::All,
        }
    }
}

/// `--offsets`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OffsetsArg {
    /// Code points.
    Chars,
    /// UTF-8 bytes.
    Bytes,
}

impl From<OffsetsArg> for Offsets {
    fn from(o: OffsetsArg) -> Offsets {
        match o {
            OffsetsArg::Chars => Offsets::Chars,
            OffsetsArg::Bytes => Offsets::Bytes,
        }
    }
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse::<Date>().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn flags_parse() {
        let line = "newswire annotate --gazetteer default --gazetteer g.tsv --threads 2 --case exact \
                    --overlaps all --no-variants --offsets bytes --text-field body a.jsonl -";
        let cli = Cli::try_parse_from(line.split_whitespace()).unwrap();
        let Command::Annotate(a) = cli.command else {
            panic!("not annotate")
        };
        assert_eq!(a.gazetteers, ["default", "g.tsv"]);
        assert_eq!(a.threads, Some(2));
        assert_eq!(a.matcher.case, Some(CaseArg::Exact));
        assert_eq!(a.matcher.overlaps, Some(OverlapsArg::All));
        assert!(a.matcher.no_variants && !a.matcher.no_fold_diacritics);
        assert_eq!(a.input.offsets, OffsetsArg::Bytes);
        assert_eq!(a.input.text_field, "body");
        assert_eq!(
            a.input.files,
            [PathBuf::from("a.jsonl"), PathBuf::from("-")]
        );
    }

    #[test]
    fn dedup_flags_parse() {
        let line =
            "newswire dedupe --threshold 0.9 --window 500 --window-days 3 --shingle-len 4 a.jsonl";
        let cli = Cli::try_parse_from(line.split_whitespace()).unwrap();
        let Command::Dedupe(d) = cli.command else {
            panic!("not dedupe")
        };
        assert_eq!(d.dedup.threshold, 0.9);
        assert_eq!((d.dedup.window, d.dedup.window_days), (500, Some(3)));
        assert_eq!(d.dedup.shingle_len, Some(4));
        let cli = Cli::try_parse_from(["newswire", "annotate", "--near-duplicates"]).unwrap();
        let Command::Annotate(a) = cli.command else {
            panic!("not annotate")
        };
        assert!(a.near_duplicates && a.dedup.window == 100_000 && a.dedup.num_hashes.is_none());
        let line = "newswire annotate --near-duplicates --threshold 0.5 --seed 3 a.jsonl";
        let cli = Cli::try_parse_from(line.split_whitespace()).unwrap();
        let Command::Annotate(a) = cli.command else {
            panic!("not annotate")
        };
        assert_eq!((a.dedup.threshold, a.dedup.seed), (0.5, Some(3)));
    }

    #[test]
    fn near_duplicate_options_need_near_duplicates() {
        // Given to `annotate` alone they would do nothing: a usage error naming the flag.
        for option in [
            &["--threshold", "0.5"][..],
            &["--window", "10"],
            &["--window-days", "2"],
            &["--shingle-len", "3"],
            &["--num-hashes", "64"],
            &["--seed", "7"],
        ] {
            let mut args = vec!["newswire", "annotate"];
            args.extend_from_slice(option);
            args.push("a.jsonl");
            let err = Cli::try_parse_from(&args).unwrap_err();
            assert_eq!(err.exit_code(), 2, "{args:?}");
            assert!(
                err.to_string().contains("--near-duplicates"),
                "{args:?}: {err}"
            );
        }
    }

    #[test]
    fn compile_flags_parse() {
        let line = "newswire compile places.jsonl default -o places.nwsnap --case insensitive \
                    --no-stop-list --min-alias-len 3 --exclude-alias-kinds demonym,former";
        let cli = Cli::try_parse_from(line.split_whitespace()).unwrap();
        let Command::Compile(c) = cli.command else {
            panic!("not compile")
        };
        assert_eq!(c.gazetteers, ["places.jsonl", "default"]);
        assert_eq!(c.output, PathBuf::from("places.nwsnap"));
        assert_eq!(c.matcher.case, Some(CaseArg::Insensitive));
        assert!(c.matcher.no_stop_list);
        assert_eq!(c.matcher.min_alias_len, Some(3));
        assert_eq!(
            c.matcher.exclude_alias_kinds.as_deref(),
            Some(&["demonym".to_string(), "former".to_string()][..])
        );
        assert!(Cli::try_parse_from(["newswire", "compile", "-o", "x"]).is_err());
        assert!(Cli::try_parse_from(["newswire", "compile", "g.jsonl"]).is_err());
    }

    #[test]
    fn bad_values_are_usage_errors() {
        for args in [
            &["newswire", "parse", "--reference-date", "2024-02-30"][..],
            &["newswire", "parse", "--reference-date", "yesterday"],
            &["newswire", "annotate", "--threads", "0"],
            &["newswire", "annotate", "--case", "upper"],
            &["newswire", "parse", "--offsets", "words"],
        ] {
            let err = Cli::try_parse_from(args).unwrap_err();
            assert_eq!(err.exit_code(), 2, "{args:?}");
        }
    }
}
