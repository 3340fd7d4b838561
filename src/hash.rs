//! The hash maps the gazetteer and the matcher's build use.
//!
//! Gazetteers are configuration, not input from strangers, and their tables hold millions
//! of short strings: hashbrown with foldhash (its default hasher) is several times faster
//! than the standard library's SipHash there.

/// A hash map with hashbrown's fast default hasher.
pub(crate) type FastHashMap<K, V> = hashbrown::HashMap<K, V>;

/// A hash set with hashbrown's fast default hasher.
pub(crate) type FastHashSet<T> = hashbrown::HashSet<T>;
