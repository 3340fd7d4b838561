//! Load arbitrary bytes as a TSV gazetteer: either a gazetteer whose every entity is sound
//! and whose matcher finds soundly, or an error that names a real line of the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newswire::Gazetteer;

fuzz_target!(|data: &[u8]| {
    let result = Gazetteer::from_tsv_reader(data, "<fuzz>");
    newswire_fuzz::check_loaded(data, result);
});
