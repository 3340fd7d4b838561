//! `newswire`: parse news wire copy and find gazetteer entities in it, as JSON Lines.

mod args;
mod dedupe;
mod input;
mod jsonl;
mod matcher;
mod output;
mod progress;
mod run;

use std::process::ExitCode;
use std::time::Instant;

use clap::Parser as _;
use newswire::Parser;
use newswire::batch::Batch;
use newswire::json::{self, Offsets};

use crate::args::{AnnotateArgs, Cli, Command, CompileArgs, DedupeArgs, InputArgs, ParseArgs};
use crate::input::{InputOptions, Item};
use crate::run::{EXIT_FAILED, EXIT_OK, EXIT_USAGE, Line};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Parse(args) => parse(args),
        Command::Annotate(args) => annotate(args),
        Command::Dedupe(args) => dedupe(args),
        Command::Compile(args) => compile(args),
    };
    ExitCode::from(code)
}

fn input_options(input: &InputArgs) -> InputOptions {
    InputOptions {
        jsonl: input.jsonl,
        text_field: input.text_field.clone(),
        id_field: input.id_field.clone(),
    }
}

/// The batch engine for `--threads` (none: one per core) and the input's reference date.
fn batch(threads: Option<u16>, input: &InputArgs) -> Result<Batch, u8> {
    let mut parser = Parser::builder();
    if let Some(date) = input.reference_date {
        parser.reference_date(date);
    }
    Batch::builder()
        .threads(threads.map_or(0, usize::from))
        .parser(parser.build())
        .build()
        .map_err(|e| {
            eprintln!("newswire: cannot start the worker threads: {e}");
            EXIT_USAGE
        })
}

fn parse(args: ParseArgs) -> u8 {
    let batch = match batch(args.threads, &args.input) {
        Ok(b) => b,
        Err(code) => return code,
    };
    let parser = batch.parser().clone();
    let offsets: Offsets = args.input.offsets.into();
    let step = move |item: Item| {
        line_for(item, |out, id, text| {
            json::write_article(out, Some(id), text, &parser.parse(text), offsets)
        })
    };
    let files = &args.input.files;
    run::run(
        files,
        &input_options(&args.input),
        args.progress,
        &batch,
        step,
    )
}

fn annotate(args: AnnotateArgs) -> u8 {
    let matcher = match matcher::matcher(&args.gazetteers, &args.matcher) {
        Ok(m) => m,
        Err(message) => {
            eprintln!("newswire: {message}");
            return EXIT_USAGE;
        }
    };
    let batch = match batch(args.threads, &args.input) {
        Ok(b) => b,
        Err(code) => return code,
    };
    let parser = batch.parser().clone();
    let offsets: Offsets = args.input.offsets.into();
    let files = &args.input.files;
    if args.near_duplicates {
        let dedup = match dedupe::dedup(&args.dedup) {
            Ok(d) => d,
            Err(message) => {
                eprintln!("newswire: {message}");
                return EXIT_USAGE;
            }
        };
        let sequel = dedupe::Annotate::new(&dedup);
        // One parse per article for both the record and the signature.
        let step = move |item: Item| {
            let mut signature = None;
            let line = line_for(item, |out, id, text| {
                let document = matcher.annotate_with(&parser, text);
                signature = dedup.sign(text, document.article());
                json::write_document(out, Some(id), text, &document, offsets)
            });
            (line, signature)
        };
        return run::run_with(
            files,
            &input_options(&args.input),
            args.progress,
            &batch,
            step,
            sequel,
        );
    }
    let step = move |item: Item| {
        line_for(item, |out, id, text| {
            let document = matcher.annotate_with(&parser, text);
            json::write_document(out, Some(id), text, &document, offsets)
        })
    };
    run::run(
        files,
        &input_options(&args.input),
        args.progress,
        &batch,
        step,
    )
}

fn dedupe(args: DedupeArgs) -> u8 {
    let dedup = match dedupe::dedup(&args.dedup) {
        Ok(d) => d,
        Err(message) => {
            eprintln!("newswire: {message}");
            return EXIT_USAGE;
        }
    };
    let batch = match batch(args.threads, &args.input) {
        Ok(b) => b,
        Err(code) => return code,
    };
    let parser = batch.parser().clone();
    let sequel = dedupe::Groups::new(&dedup);
    let step = move |item: Item| match item {
        Item::Failed(error) => (Some(Line::error(&error)), None),
        Item::Article { text, .. } => (None, dedup.sign(&text, &parser.parse(&text))),
    };
    run::run_with(
        &args.input.files,
        &input_options(&args.input),
        args.progress,
        &batch,
        step,
        sequel,
    )
}

/// The output line of one item: its record, written by `record(out, id, text)` on a
/// worker thread, or the error record of an input that could not be read.
fn line_for(item: Item, record: impl FnOnce(&mut Vec<u8>, &str, &str)) -> Line {
    match item {
        Item::Failed(error) => Line::error(&error),
        Item::Article { id, text, .. } => Line::record(|out| record(out, &id, &text)),
    }
}

fn compile(args: CompileArgs) -> u8 {
    let start = Instant::now();
    let matcher = match matcher::build(&args.gazetteers, &args.matcher) {
        Ok(m) => m,
        Err(message) => {
            eprintln!("newswire: {message}");
            return EXIT_USAGE;
        }
    };
    if let Err(e) = matcher.save(&args.output) {
        eprintln!("newswire: cannot write the snapshot: {e}");
        return EXIT_FAILED;
    }
    // A pipe's or a device's length says nothing: then the snapshot's own (which costs a
    // sort of the ids, so a file's length is taken when there is one).
    let size = match std::fs::metadata(&args.output) {
        Ok(m) if m.is_file() => m.len() as usize,
        _ => matcher.snapshot().len(),
    };
    eprintln!(
        "newswire: wrote {}: {} entities, {} keys, {:.1} MB, in {:.2} s",
        args.output.display(),
        matcher.gazetteer().len(),
        matcher.key_count(),
        size as f64 / 1e6,
        start.elapsed().as_secs_f64()
    );
    EXIT_OK
}
