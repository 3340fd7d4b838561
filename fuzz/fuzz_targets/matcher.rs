//! Build a matcher from arbitrary names and options and find in arbitrary text (the input
//! format is described at `newswire_fuzz::Case`): spans on char boundaries, longest mode
//! never overlapping, `all` a superset of `longest`, the lazy iterator equal to `find`, and
//! every plain name found when it is the whole text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newswire::Overlaps;
use newswire_fuzz::{Case, check_all_covers_longest, check_matches, check_self_match};

fuzz_target!(|data: &[u8]| {
    let Some(case) = Case::read(data) else {
        return;
    };
    let (longest, all) = case.matchers();
    let text = case.text.as_str();
    let n = case.gazetteer.len();
    let l = longest.find(text);
    let a = all.find(text);
    check_matches(text, n, &l, Overlaps::Longest);
    check_matches(text, n, &a, Overlaps::All);
    check_all_covers_longest(&l, &a);
    assert_eq!(longest.find_iter(text).collect::<Vec<_>>(), l, "find_iter");
    check_self_match(&longest);
});
