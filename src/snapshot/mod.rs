//! Snapshots of a compiled matcher: its flat tables, its gazetteer and its options in one
//! file that loads without a build.

mod bytes;

pub(crate) use bytes::SnapshotBytes;
