//! Parse any UTF-8 text with the default parser and with a reference date and an extra
//! abbreviation; every span must be sound and both JSON units agree.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use newswire::{Date, Parser};

fn parsers() -> &'static [Parser; 2] {
    static P: OnceLock<[Parser; 2]> = OnceLock::new();
    P.get_or_init(|| {
        [
            Parser::default(),
            Parser::builder()
                .reference_date(Date::new(2024, 12, 20).expect("a valid date"))
                .abbreviation("Adm.")
                .build(),
        ]
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for p in parsers() {
        newswire_fuzz::check_article(text, &p.parse(text));
    }
});
