//! The C API's cost over the Rust API: annotating the Reuters-21578 corpus through the
//! exported `nw_` functions of `libnewswire.so` (the `newswire-capi` crate, linked as a C
//! program links it) against `Matcher::annotate`, in the same run, one thread and many.
//! The C path copies and validates each text and boxes each document; the target is at
//! least 95% of the Rust API's throughput.
//!
//! Needs `../shared/data/reuters21578.jsonl` beside the repository; skipped with a note
//! when it is absent. After criterion's numbers, prints the ratio of the two from an
//! interleaved best-of-N timing.

use std::hint::black_box;
use std::ptr;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use newswire::batch::Batch;
use newswire::{Gazetteer, Matcher};

use c::{
    NW_OK, nw_document, nw_document_free, nw_document_mention_count, nw_gazetteer,
    nw_gazetteer_builtin, nw_gazetteer_free, nw_matcher, nw_matcher_annotate,
    nw_matcher_annotate_many, nw_matcher_free, nw_matcher_new, nw_str,
};

mod common;

/// The functions of `include/newswire.h` this bench calls, declared as the header declares
/// them. The C API crate builds no Rust library (only `libnewswire.a` and `libnewswire.so`,
/// the core's library being `newswire` too), so, like a C program, the bench links the
/// shared library: `newswire-capi` is a dependency so that cargo builds it first, and
/// `build.rs` points the linker at it.
#[allow(non_camel_case_types)]
mod c {
    use std::ffi::c_void;

    /// `NW_OK` of `nw_status`, a C enum (an `int`).
    pub const NW_OK: u32 = 0;

    /// Opaque handles.
    #[repr(C)]
    pub struct nw_gazetteer([u8; 0]);
    #[repr(C)]
    pub struct nw_matcher([u8; 0]);
    #[repr(C)]
    pub struct nw_document([u8; 0]);

    /// A text input of `nw_matcher_annotate_many`.
    #[repr(C)]
    pub struct nw_str {
        pub ptr: *const u8,
        pub len: usize,
    }

    // Every `err` argument here is NULL; `nw_error **` is declared as an untyped pointer.
    #[link(name = "newswire", kind = "dylib")]
    unsafe extern "C" {
        pub fn nw_gazetteer_builtin(out: *mut *mut nw_gazetteer, err: *mut c_void) -> u32;
        pub fn nw_gazetteer_free(gazetteer: *mut nw_gazetteer);
        pub fn nw_matcher_new(
            gazetteer: *const nw_gazetteer,
            options: *const c_void,
            out: *mut *mut nw_matcher,
            err: *mut c_void,
        ) -> u32;
        pub fn nw_matcher_free(matcher: *mut nw_matcher);
        pub fn nw_matcher_annotate(
            matcher: *const nw_matcher,
            text: *const u8,
            len: usize,
            out: *mut *mut nw_document,
            err: *mut c_void,
        ) -> u32;
        pub fn nw_matcher_annotate_many(
            matcher: *const nw_matcher,
            texts: *const nw_str,
            n: usize,
            threads: usize,
            out: *mut *mut nw_document,
            err: *mut c_void,
        ) -> u32;
        pub fn nw_document_mention_count(
            document: *const nw_document,
            out: *mut usize,
            err: *mut c_void,
        ) -> u32;
        pub fn nw_document_free(document: *mut nw_document);
    }
}

const THREADS: usize = 2;

/// The C side, set up as a C program would.
struct CApi {
    matcher: *mut nw_matcher,
}

impl CApi {
    fn new() -> CApi {
        let mut gazetteer: *mut nw_gazetteer = ptr::null_mut();
        let mut matcher: *mut nw_matcher = ptr::null_mut();
        unsafe {
            assert_eq!(nw_gazetteer_builtin(&mut gazetteer, ptr::null_mut()), NW_OK);
            assert_eq!(
                nw_matcher_new(gazetteer, ptr::null(), &mut matcher, ptr::null_mut()),
                NW_OK
            );
            nw_gazetteer_free(gazetteer);
        }
        CApi { matcher }
    }

    /// Annotate every text one by one, read each mention count, free each document.
    fn annotate_each(&self, texts: &[String]) -> usize {
        let mut mentions = 0;
        for text in texts {
            let mut doc: *mut nw_document = ptr::null_mut();
            let mut n = 0;
            unsafe {
                let s = nw_matcher_annotate(
                    self.matcher,
                    text.as_ptr(),
                    text.len(),
                    &mut doc,
                    ptr::null_mut(),
                );
                debug_assert_eq!(s, NW_OK);
                nw_document_mention_count(doc, &mut n, ptr::null_mut());
                nw_document_free(doc);
            }
            mentions += n;
        }
        mentions
    }

    /// Annotate every text with `nw_matcher_annotate_many`.
    fn annotate_many(&self, inputs: &[nw_str], threads: usize) -> usize {
        let mut docs: Vec<*mut nw_document> = vec![ptr::null_mut(); inputs.len()];
        let mut mentions = 0;
        unsafe {
            let s = nw_matcher_annotate_many(
                self.matcher,
                inputs.as_ptr(),
                inputs.len(),
                threads,
                docs.as_mut_ptr(),
                ptr::null_mut(),
            );
            debug_assert_eq!(s, NW_OK);
            for doc in docs {
                let mut n = 0;
                nw_document_mention_count(doc, &mut n, ptr::null_mut());
                mentions += n;
                nw_document_free(doc);
            }
        }
        mentions
    }
}

impl Drop for CApi {
    fn drop(&mut self) {
        unsafe { nw_matcher_free(self.matcher) }
    }
}

fn rust_each(matcher: &Matcher, texts: &[String]) -> usize {
    texts
        .iter()
        .map(|t| matcher.annotate(t).mentions().len())
        .sum()
}

fn rust_many(batch: &Batch, matcher: &Matcher, texts: &[String]) -> usize {
    batch
        .annotate(matcher, texts)
        .iter()
        .map(|d| d.as_ref().map_or(0, |d| d.mentions().len()))
        .sum()
}

/// Interleaved timing robust to a busy machine: the texts are cut into chunks; each round
/// times every chunk through `a` and through `b` (alternating which goes first), and each
/// side's total is the sum over chunks of its fastest round.
fn interleaved(
    texts: &[String],
    pieces: usize,
    rounds: usize,
    mut a: impl FnMut(&[String]) -> usize,
    mut b: impl FnMut(&[String]) -> usize,
) -> (Duration, Duration) {
    let chunks: Vec<&[String]> = texts.chunks(texts.len().div_ceil(pieces).max(1)).collect();
    let mut best = vec![(Duration::MAX, Duration::MAX); chunks.len()];
    for round in 0..rounds {
        for (i, chunk) in chunks.iter().enumerate() {
            let time = |f: &mut dyn FnMut(&[String]) -> usize| {
                let t = Instant::now();
                black_box(f(chunk));
                t.elapsed()
            };
            let (ta, tb) = if (round + i) % 2 == 0 {
                let ta = time(&mut a);
                (ta, time(&mut b))
            } else {
                let tb = time(&mut b);
                (time(&mut a), tb)
            };
            best[i].0 = best[i].0.min(ta);
            best[i].1 = best[i].1.min(tb);
        }
    }
    best.iter()
        .fold((Duration::ZERO, Duration::ZERO), |(x, y), (a, b)| {
            (x + *a, y + *b)
        })
}

fn main() {
    let Some(texts) = common::reuters(None) else {
        return;
    };
    let bytes: usize = texts.iter().map(String::len).sum();
    let matcher = Matcher::new(Gazetteer::builtin()).expect("matcher");
    let c = CApi::new();
    let batch = Batch::new(THREADS).expect("batch");
    let inputs: Vec<nw_str> = texts
        .iter()
        .map(|t| nw_str {
            ptr: t.as_ptr(),
            len: t.len(),
        })
        .collect();
    // Both paths must do the same work.
    assert_eq!(rust_each(&matcher, &texts), c.annotate_each(&texts));

    let mut criterion = Criterion::default().sample_size(10).configure_from_args();
    let mut group = criterion.benchmark_group("reuters21578");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("rust/annotate", |b| b.iter(|| rust_each(&matcher, &texts)));
    group.bench_function("c/nw_matcher_annotate", |b| {
        b.iter(|| c.annotate_each(&texts))
    });
    group.bench_function(format!("rust/batch_{THREADS}_threads"), |b| {
        b.iter(|| rust_many(&batch, &matcher, &texts))
    });
    group.bench_function(
        format!("c/nw_matcher_annotate_many_{THREADS}_threads"),
        |b| b.iter(|| c.annotate_many(&inputs, THREADS)),
    );
    group.finish();
    criterion.final_summary();

    let quick = std::env::args().any(|a| a == "--quick" || a == "--test");
    let rounds = if quick { 1 } else { 5 };
    let mb = bytes as f64 / 1e6;
    let one = interleaved(
        &texts,
        100,
        rounds,
        |t| rust_each(&matcher, t),
        |t| c.annotate_each(t),
    );
    let inputs_of = |t: &[String]| -> Vec<nw_str> {
        t.iter()
            .map(|t| nw_str {
                ptr: t.as_ptr(),
                len: t.len(),
            })
            .collect()
    };
    // Fewer, larger calls: a C caller hands a batch over at once, and thread start-up
    // should not be what is measured.
    let many = interleaved(
        &texts,
        10,
        rounds,
        |t| rust_many(&batch, &matcher, t),
        |t| c.annotate_many(&inputs_of(t), THREADS),
    );
    for (label, (rust, capi)) in [("one thread", one), (&format!("{THREADS} threads"), many)] {
        println!(
            "capi {label}: Rust API {:.1} MB/s, C API {:.1} MB/s: C API at {:.1}% of Rust (target >= 95%)",
            mb / rust.as_secs_f64(),
            mb / capi.as_secs_f64(),
            100.0 * rust.as_secs_f64() / capi.as_secs_f64()
        );
    }
}
