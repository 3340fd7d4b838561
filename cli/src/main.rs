//! `newswire`: parse news wire copy and find gazetteer entities in it, as JSON Lines.

mod args;
mod input;
mod jsonl;
mod output;
mod progress;
mod run;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::process::ExitCode;

use clap::Parser as _;
use newswire::batch::Batch;
use newswire::json::{self, Offsets};
use newswire::{Document, Gazetteer, Matcher, Parser};

use crate::args::{AnnotateArgs, Cli, Command, InputArgs, ParseArgs};
use crate::input::{Chunk, ErrorRecord, InputOptions, Item};
use crate::output::to_line;
use crate::run::{EXIT_USAGE, Lines, par_map};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Parse(args) => parse(args),
        Command::Annotate(args) => annotate(args),
    };
    ExitCode::from(code)
}

fn threads(n: Option<u16>) -> usize {
    match n {
        Some(n) => usize::from(n),
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    }
}

fn input_options(input: &InputArgs) -> InputOptions {
    InputOptions {
        jsonl: input.jsonl,
        text_field: input.text_field.clone(),
        id_field: input.id_field.clone(),
    }
}

fn article_parser(input: &InputArgs) -> Parser {
    let mut builder = Parser::builder();
    if let Some(date) = input.reference_date {
        builder.reference_date(date);
    }
    builder.build()
}

fn parse(args: ParseArgs) -> u8 {
    let parser = article_parser(&args.input);
    let offsets: Offsets = args.input.offsets.into();
    let threads = threads(args.threads);
    let work = |chunk: Chunk| {
        lines_of(par_map(threads, &chunk.items, |item| {
            line_for(item, |id, text| {
                Ok(json::article_to_string(
                    Some(id),
                    text,
                    &parser.parse(text),
                    offsets,
                ))
            })
        }))
    };
    run::run(
        &args.input.files,
        &input_options(&args.input),
        args.progress,
        work,
    )
}

fn annotate(args: AnnotateArgs) -> u8 {
    let gazetteer = match load_gazetteers(&args.gazetteers) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("newswire: cannot load the gazetteer: {e}");
            return EXIT_USAGE;
        }
    };
    let matcher = match Matcher::builder()
        .case(args.case.into())
        .overlaps(args.overlaps.into())
        .variants(!args.no_variants)
        .fold_diacritics(!args.no_fold_diacritics)
        .build(gazetteer)
    {
        Ok(m) => m,
        Err(e) => {
            eprintln!("newswire: cannot build the matcher: {e}");
            return EXIT_USAGE;
        }
    };
    let threads = threads(args.threads);
    let batch = match Batch::builder()
        .threads(threads)
        .parser(article_parser(&args.input))
        .build()
    {
        Ok(b) => b,
        Err(e) => {
            eprintln!("newswire: cannot start {threads} worker threads: {e}");
            return EXIT_USAGE;
        }
    };
    let offsets: Offsets = args.input.offsets.into();
    let work = |chunk: Chunk| {
        let texts: Vec<&str> = chunk
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Article { text, .. } => Some(text.as_str()),
                Item::Failed(_) => None,
            })
            .collect();
        let mut documents = batch.annotate(&matcher, &texts).into_iter();
        let pairs: Vec<(&Item, Option<newswire::Result<Document>>)> = chunk
            .items
            .iter()
            .map(|item| match item {
                Item::Article { .. } => (item, documents.next()),
                Item::Failed(_) => (item, None),
            })
            .collect();
        lines_of(par_map(threads, &pairs, |(item, document)| {
            line_for(item, |id, text| match document {
                Some(Ok(document)) => {
                    Ok(json::document_to_string(Some(id), text, document, offsets))
                }
                Some(Err(e)) => Err(e.to_string()),
                // The batch runner owes one result per text; should it fall short, say so in
                // place rather than shift every later record onto the wrong input.
                None => Err("internal error: the article was not annotated".into()),
            })
        }))
    };
    run::run(
        &args.input.files,
        &input_options(&args.input),
        args.progress,
        work,
    )
}

/// The output line of one item and whether it is an error record. Building a record that
/// panics (a bug) costs only that record: an error record takes its place.
fn line_for(
    item: &Item,
    make: impl FnOnce(&str, &str) -> Result<String, String>,
) -> (String, bool) {
    let (id, text, file, line) = match item {
        Item::Failed(record) => return (to_line(record), true),
        Item::Article {
            id,
            text,
            file,
            line,
        } => (id, text, file, line),
    };
    let error = match catch_unwind(AssertUnwindSafe(|| make(id, text))) {
        Ok(Ok(mut record)) => {
            record.push('\n');
            return (record, false);
        }
        Ok(Err(error)) => error,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            format!("internal error: {what}")
        }
    };
    let record = ErrorRecord {
        id: Some(id.clone()),
        file: file.to_string(),
        line: *line,
        error,
    };
    (to_line(&record), true)
}

fn lines_of(results: Vec<(String, bool)>) -> Lines {
    let failed = results.iter().filter(|(_, failed)| *failed).count();
    Lines {
        lines: results.into_iter().map(|(line, _)| line).collect(),
        failed,
    }
}

fn load_gazetteers(specs: &[String]) -> newswire::Result<Gazetteer> {
    let mut merged: Option<Gazetteer> = None;
    for spec in specs {
        let next = if spec == "default" {
            Gazetteer::builtin()
        } else {
            Gazetteer::from_path(spec)?
        };
        match &mut merged {
            None => merged = Some(next),
            Some(all) => all.merge(next)?,
        }
    }
    Ok(merged.unwrap_or_else(Gazetteer::builtin))
}
