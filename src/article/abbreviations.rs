//! Words whose full stop usually ends no sentence.

/// How a full stop after an abbreviation behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// Never ends a sentence: a title before a name (`Mr.`, `Gen.`), `e.g.`, `vs.`.
    Never,
    /// Ends a sentence only when a word that typically opens one follows: corporate
    /// suffixes, months, states, `U.S.`, initials (`Acme Inc. The company ...`).
    MayEnd,
    /// Ends no sentence before a number (`No. 5`, `Art. 3`), otherwise the usual rules.
    BeforeNumber,
    /// Ends a sentence before a capitalised word that is not a time zone (`8 p.m. Results
    /// are due`, but `8 p.m. EST`).
    Time,
}

/// The class of the word before a full stop (`token` has no final full stop: `Mr`,
/// `U.S`, `e.g`). Title-case and capitals spellings count; the lower-case one only for
/// the words that are written that way (`vs`, `etc`).
pub(crate) fn builtin(token: &str) -> Option<Class> {
    let n = token.len();
    if n == 0 || n > 8 || !token.is_ascii() {
        return None;
    }
    let bytes = token.as_bytes();
    // An initial: `J. K. Rowling`.
    if n == 1 && bytes[0].is_ascii_uppercase() {
        return Some(Class::MayEnd);
    }
    // Dotted forms: `U.S`, `N.Y`, `e.g`, `a.m`.
    if n >= 3 && bytes.iter().skip(1).step_by(2).all(|&b| b == b'.') && n % 2 == 1 {
        let letters_ok = bytes.iter().step_by(2).all(u8::is_ascii_alphabetic);
        if letters_ok {
            return match token {
                "e.g" | "i.e" | "E.g" | "I.e" => Some(Class::Never),
                "a.m" | "p.m" | "A.M" | "P.M" => Some(Class::Time),
                _ => Some(Class::MayEnd),
            };
        }
    }
    // `Mr`, `MR` and `mr` look the same to the table; the case rule follows below.
    let mut buf = [0u8; 8];
    let lower = &mut buf[..n];
    lower.copy_from_slice(bytes);
    lower.make_ascii_lowercase();
    let (class, lower_ok) = match &*lower {
        // Titles and ranks before a name.
        b"mr" | b"mrs" | b"ms" | b"messrs" | b"mmes" | b"dr" | b"drs" | b"prof" | b"gov"
        | b"govs" | b"sen" | b"sens" | b"rep" | b"reps" | b"gen" | b"gens" | b"lt" | b"col"
        | b"capt" | b"cpt" | b"sgt" | b"maj" | b"adm" | b"cmdr" | b"cdr" | b"brig" | b"cpl"
        | b"pvt" | b"rev" | b"hon" | b"pres" | b"st" | b"ste" | b"mt" | b"ft" | b"msgr"
        | b"supt" | b"insp" | b"det" | b"amb" | b"fr" | b"gov't" | b"atty" | b"lieut"
        | b"comdr" | b"mme" | b"mlle" => (Class::Never, false),
        b"vs" | b"v" | b"cf" | b"viz" | b"approx" | b"ca" => (Class::Never, true),
        // Corporate suffixes and the like.
        b"inc" | b"corp" | b"co" | b"cos" | b"ltd" | b"plc" | b"bhd" | b"llc" | b"llp" | b"pty"
        | b"bros" | b"jr" | b"sr" | b"dept" | b"univ" | b"assn" | b"intl" | b"mfg" | b"ave"
        | b"blvd" | b"rd" | b"hwy" => (Class::MayEnd, false),
        b"etc" | b"al" | b"est" | b"min" | b"max" => (Class::MayEnd, true),
        // Months.
        b"jan" | b"feb" | b"mar" | b"apr" | b"jun" | b"jul" | b"aug" | b"sep" | b"sept"
        | b"oct" | b"nov" | b"dec" => (Class::MayEnd, false),
        // States and provinces as datelines and addresses write them.
        b"ala" | b"ariz" | b"ark" | b"calif" | b"colo" | b"conn" | b"del" | b"fla" | b"ga"
        | b"ill" | b"ind" | b"kan" | b"kans" | b"ky" | b"la" | b"md" | b"mass" | b"mich"
        | b"minn" | b"miss" | b"mo" | b"mont" | b"neb" | b"nev" | b"okla" | b"ore" | b"pa"
        | b"penn" | b"tenn" | b"tex" | b"va" | b"vt" | b"wash" | b"wis" | b"wisc" | b"wyo"
        | b"ont" | b"que" | b"alta" | b"sask" | b"nfld" => (Class::MayEnd, false),
        // Before numbers.
        b"no" | b"nos" | b"vol" | b"p" | b"pp" | b"fig" | b"art" | b"ch" | b"sec" | b"para" => {
            (Class::BeforeNumber, true)
        }
        _ => return None,
    };
    let first_upper = bytes[0].is_ascii_uppercase();
    let rest_lower = bytes[1..].iter().all(|b| !b.is_ascii_uppercase());
    let all_upper = bytes.iter().all(|b| !b.is_ascii_lowercase());
    let case_ok = (first_upper && (rest_lower || all_upper)) || (lower_ok && !first_upper);
    case_ok.then_some(class)
}

/// Whether `word` typically opens a sentence, so that a full stop before it ends one even
/// after an abbreviation (`... Acme Inc. The company said`).
pub(crate) fn is_sentence_starter(word: &str) -> bool {
    matches!(
        word,
        "The"
            | "A"
            | "An"
            | "He"
            | "She"
            | "It"
            | "They"
            | "We"
            | "I"
            | "You"
            | "In"
            | "On"
            | "At"
            | "But"
            | "And"
            | "Or"
            | "So"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "There"
            | "Their"
            | "His"
            | "Her"
            | "Its"
            | "Our"
            | "My"
            | "If"
            | "As"
            | "After"
            | "Before"
            | "When"
            | "While"
            | "Although"
            | "Though"
            | "However"
            | "Meanwhile"
            | "Also"
            | "According"
            | "Some"
            | "Many"
            | "Most"
            | "For"
            | "Of"
            | "To"
            | "With"
            | "By"
            | "From"
            | "Under"
            | "Since"
            | "Until"
            | "Last"
            | "Next"
            | "Earlier"
            | "Later"
            | "Then"
            | "Now"
            | "Today"
            | "Yesterday"
            | "What"
            | "Who"
            | "Why"
            | "How"
            | "Where"
            | "Both"
            | "Each"
            | "No"
            | "Not"
            | "Such"
            | "Other"
    )
}
