//! Annotate arbitrary text against arbitrary names (format at `newswire_fuzz::Case`) in
//! both overlap modes: the article and every mention sound, sentence indices right,
//! summaries adding up, both JSON units agreeing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newswire::Overlaps;
use newswire_fuzz::{Case, check_document};

fuzz_target!(|data: &[u8]| {
    let Some(case) = Case::read(data) else {
        return;
    };
    let (longest, all) = case.matchers();
    let text = case.text.as_str();
    check_document(text, &longest.annotate(text), Overlaps::Longest);
    check_document(text, &all.annotate(text), Overlaps::All);
});
