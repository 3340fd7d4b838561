//! Normalisation shared by aliases and text, and word boundaries of the original text.
//!
//! Aliases and text go through the same [`Cursor`], so that an alias's key and the key of
//! the text it matches are the same bytes. The cursor reads the original text one *unit*
//! at a time: a base character with the combining marks that follow it (or one separator
//! run when spacing variants are off), and gives the unit's normalised bytes together with
//! the original byte range it came from. Matching therefore never needs a normalised copy
//! of the whole text, and offsets map back to the original exactly.
//!
//! What a unit's bytes are:
//! - canonical decomposition (NFD), with combining marks in canonical order, so NFC and NFD
//!   spellings give the same bytes;
//! - Unicode default case folding (when folding case), decomposed again;
//! - diacritics dropped when folding them: the combining marks of the Latin, Greek and
//!   Cyrillic diacritic blocks, Arabic harakat and Hebrew points (never the vowel signs of
//!   Indic scripts, which are letters in all but name);
//! - apostrophes `’ ‘ ʼ` become `'`;
//! - a whitespace run (any `White_Space`, newline and NBSP included) and a dash (`-` and
//!   its Unicode variants) are separators: with spacing variants on they give no bytes and
//!   only mark the next unit as following a gap; with variants off a whitespace run gives
//!   one `' '` and a dash gives `'-'`;
//! - soft hyphens, word joiners, zero-width joiners and the Arabic tatweel give nothing.

mod boundary;
mod chars;
mod expand;
mod units;

pub(crate) use boundary::{boundary_at, end_boundary};
pub(crate) use chars::{
    ascii_is_sep, ascii_is_word, char_at, char_before, is_apostrophe, is_capital, is_continua,
    is_extender, is_word, skip_silent_letters,
};
pub(crate) use expand::normalises_beyond_ascii;
pub(crate) use units::{Cursor, NormOptions, UnitInfo, normalize_key, normalize_units};
