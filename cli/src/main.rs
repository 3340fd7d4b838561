//! `newswire`: parse news wire copy and find gazetteer entities in it, as JSON Lines.

mod args;
mod input;
mod jsonl;
mod output;
mod progress;
mod run;

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

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
    let stop = Arc::new(AtomicBool::new(false));
    // SIGINT only raises a flag: the writer then stops on a line boundary instead of the
    // process dying in the middle of a write.
    if let Err(e) = signal_hook::flag::register(signal_hook::consts::SIGINT, stop.clone()) {
        eprintln!("newswire: cannot handle interrupts: {e}");
    }
    let code = match cli.command {
        Command::Parse(args) => parse(args, &stop),
        Command::Annotate(args) => annotate(args, &stop),
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

fn parse(args: ParseArgs, stop: &AtomicBool) -> u8 {
    let parser = article_parser(&args.input);
    let offsets: Offsets = args.input.offsets.into();
    let threads = threads(args.threads);
    let work = |chunk: Chunk| {
        let lines = par_map(threads, &chunk.items, |item| match item {
            Item::Article { id, text, .. } => {
                let mut line =
                    json::article_to_string(Some(id), text, &parser.parse(text), offsets);
                line.push('\n');
                line
            }
            Item::Failed(record) => to_line(record),
        });
        let failed = chunk
            .items
            .iter()
            .filter(|item| matches!(item, Item::Failed(_)))
            .count();
        Lines { lines, failed }
    };
    run::run(
        &args.input.files,
        &input_options(&args.input),
        args.progress,
        stop,
        work,
    )
}

fn annotate(args: AnnotateArgs, stop: &AtomicBool) -> u8 {
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
        let lines = par_map(threads, &pairs, |(item, document)| match (item, document) {
            (Item::Article { id, text, .. }, Some(Ok(document))) => {
                let mut line = json::document_to_string(Some(id), text, document, offsets);
                line.push('\n');
                line
            }
            // One article that could not be annotated costs only its own record.
            (Item::Article { id, file, line, .. }, failure) => to_line(&ErrorRecord {
                id: Some(id.clone()),
                file: file.to_string(),
                line: *line,
                error: match failure {
                    Some(Err(e)) => e.to_string(),
                    _ => "internal error: the article was not annotated".into(),
                },
            }),
            (Item::Failed(record), _) => to_line(record),
        });
        let failed = pairs
            .iter()
            .filter(|(_, document)| !matches!(document, Some(Ok(_))))
            .count();
        Lines { lines, failed }
    };
    run::run(
        &args.input.files,
        &input_options(&args.input),
        args.progress,
        stop,
        work,
    )
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
