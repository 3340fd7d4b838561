//! The built-in stop list: words that are names of real places (or are month, weekday and
//! function words) but in English wire copy are almost always the common word.
//!
//! Entries are compared with a name's normalised key (case and diacritics folded, spaces
//! and hyphens dropped), so they are written here in lower case.

/// The stop words, lower case, one word each.
pub(crate) static STOP_WORDS: &[&str] = &[
    // Months and their wire abbreviations.
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
    // Weekdays and their abbreviations.
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon",
    "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    // Function words that are also place names somewhere (Of in Turkey, Most in Czechia,
    // Bra in Italy, Man in Ivory Coast, ...), frequent at the start of a sentence.
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "as", "is", "it", "be",
    "or", "no", "so", "do", "go", "up", "we", "he", "she", "his", "her", "its", "our",
    "and", "but", "if", "all", "any", "are", "was", "not", "one", "two", "six", "ten",
    "most", "more", "much", "many", "some", "such", "each", "both", "few", "also", "only",
    "last", "next", "first", "new", "old", "best", "well", "wells", "still", "even", "once",
    "here", "there", "then", "than", "this", "that", "these", "those", "when", "where",
    "while", "after", "before", "since", "under", "over", "about", "again", "against",
    "between", "during", "until", "without", "within", "however", "said", "says", "will",
    "can", "may", "might", "must", "should", "would", "could", "man", "men", "bar", "bra",
    "sur", "gap", "born", "date", "ban", "bet", "tea", "van", "ware", "sale", "street",
    "battle", "market", "mold",  "ore", "oil",
    // Common English words that are the names of towns and cities in GeoNames.
    "police", "bath", "mobile", "reading", "nice", "split", "hope", "orange", "young",
    "price", "grant", "deal", "boring", "normal", "surprise", "independence", "enterprise",
    "liberty", "union", "commerce", "opportunity", "justice", "progress", "paradise",
    "temple", "mission",   "marathon",   "unity",
    "friendship", "freedom", "industry", "energy", "harmony", "welcome", "fortune", "eagle",
    "pearl", "garden", "grand", "plain", "plains", "sandy", "rock", "rocks", "globe",
    "goodyear",  "reform",  "marine", "bay", "park", "lake", "river",
    "valley", "mount", "mountain", "island", "city", "town", "port", "beach", "falls",
    "springs", "spring", "summer", "winter", "autumn", "fall", "central", "north", "south",
    "east", "west", "northern", "southern", "eastern", "western", "middle", "upper", "lower",
    "bridge", "mills", "mill", "ford", "field", "fields", "green", "white", "black", "brown",
    "gold", "golden", "silver", "diamond", "crystal", "star", "sunrise", "sunset", "sandwich",
    "buy", "sell", "trade", "bank", "banks", "bond", "bonds", "cash", "credit", "loan",
    "money", "stock", "share", "shares", "price", "cost", "rate", "rates", "tax", "trust",
    "general", "president", "minister", "chairman", "chief", "king", "queen", "prince",
    "princess", "bishop", "judge", "major", "captain", "senator", "governor", "mayor",
    "state", "states", "nation", "capital", "council", "congress", "senate", "house",
    "parliament", "court", "army", "navy", "press", "post", "news", "herald", "tribune",
    "times", "mirror", "sentinel", "guardian", "express", "record", "star", "sun",
    "power", "light", "water", "fire", "iron", "steel", "coal", "copper", "salt", "sugar",
    "cotton", "corn", "wheat", "rice", "coffee", "cocoa", "tobacco", "rubber", "tin",
    "lead", "zinc", "nickel", "gas", "petroleum",  "march", "loving", "pleasant",
    "content", "success", "ideal",  "chance",   "bell", 
    "street",   "best", "echo",  "alliance", "amity", "comfort",
    "energy", 
];
