use std::sync::Mutex;
use std::thread::ThreadId;

use super::*;
use crate::{ErrorKind, Gazetteer};

fn batch(threads: usize, chunk: usize) -> Batch {
    Batch::builder()
        .threads(threads)
        .chunk_size(chunk)
        .build()
        .unwrap()
}

#[test]
fn slices_keep_order_on_any_number_of_threads() {
    let items: Vec<u64> = (0..1000).collect();
    for threads in [1, 2, 3, 8] {
        let got: Vec<u64> = (batch(threads, 7).map(&items, |x| x * x).into_iter())
            .map(Result::unwrap)
            .collect();
        let want: Vec<u64> = items.iter().map(|x| x * x).collect();
        assert_eq!(got, want, "{threads} threads");
    }
    assert!(batch(4, 1).map(&Vec::<u8>::new(), |x| *x).is_empty());
}

#[test]
fn streams_keep_order_and_keys() {
    for (threads, chunk) in [(1, 1), (2, 3), (4, 64), (3, 1000)] {
        let inputs = (0..500u32).map(|i| (i, i.to_string()));
        let got: Vec<(u32, usize)> = batch(threads, chunk)
            .map_stream(inputs, |text: String| text.len())
            .map(|(key, len)| (key, len.unwrap()))
            .collect();
        let want: Vec<(u32, usize)> = (0..500u32).map(|i| (i, i.to_string().len())).collect();
        assert_eq!(got, want, "{threads} threads, chunks of {chunk}");
    }
    let none = batch(2, 4).map_stream(std::iter::empty::<((), String)>(), |t| t);
    assert_eq!(none.count(), 0);
}

#[test]
fn a_panic_costs_only_its_item() {
    let items = ["a", "boom", "c"];
    let got = batch(2, 1).map(&items, |t| {
        assert_ne!(*t, "boom", "step failed on purpose");
        t.len()
    });
    assert_eq!(got[0].as_ref().unwrap(), &1);
    assert_eq!(got[2].as_ref().unwrap(), &1);
    let err = got[1].as_ref().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Internal);
    assert!(
        err.to_string()
            .starts_with("internal error processing item 1: assertion"),
        "{err}"
    );

    // In a stream the position counts over the whole stream, across chunks.
    let inputs = (0..10).map(|i| ((), if i == 7 { None } else { Some(format!("{i}")) }));
    let got: Vec<_> = batch(2, 3)
        .map_stream(inputs, |t: Option<String>| t.expect("no text").len())
        .map(|(_, r)| r)
        .collect();
    assert_eq!(got.len(), 10);
    assert!(got.iter().enumerate().all(|(i, r)| r.is_ok() == (i != 7)));
    let msg = got[7].as_ref().unwrap_err().to_string();
    assert_eq!(msg, "internal error processing item 7: no text");
}

#[test]
fn chunks_end_at_the_byte_bound() {
    // Each chunk's first item records which chunk it is in through the workers' view: the
    // items of one chunk are all read before any of the next, so counting reads between
    // results tells the chunk sizes apart. Simpler: watch how far the input has been read
    // when the first result comes out.
    let read = std::sync::Arc::new(Mutex::new(0usize));
    let counter = read.clone();
    let inputs = (0..100).map(move |_| {
        *counter.lock().unwrap() += 1;
        ((), "x".repeat(10))
    });
    let b = Batch::builder()
        .threads(2)
        .chunk_size(1000)
        .chunk_bytes(25)
        .build()
        .unwrap();
    let mut stream = b.map_stream(inputs, |t: String| t.len());
    stream.next().unwrap().1.unwrap();
    // Chunks of 3 items (30 bytes reach the 25-byte bound): the first result comes out once
    // the first chunk is done and the second has been read.
    assert_eq!(*read.lock().unwrap(), 6);
    assert_eq!(stream.count(), 99);
}

#[test]
fn input_is_pulled_on_the_calling_thread_and_steps_run_on_workers() {
    let me = std::thread::current().id();
    let pulled_on: std::sync::Arc<Mutex<Vec<ThreadId>>> = Default::default();
    let log = pulled_on.clone();
    let inputs = (0..50).map(move |i| {
        log.lock().unwrap().push(std::thread::current().id());
        (i, format!("{i}"))
    });
    let ran_on: Vec<ThreadId> = batch(2, 4)
        .map_stream(inputs, |_: String| std::thread::current().id())
        .map(|(_, r)| r.unwrap())
        .collect();
    assert!(pulled_on.lock().unwrap().iter().all(|&t| t == me));
    assert!(ran_on.iter().all(|&t| t != me));
}

#[test]
fn a_dropped_stream_stops_its_workers() {
    let done = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = done.clone();
    let inputs = (0..10_000).map(|i| ((), format!("{i}")));
    let mut stream = batch(2, 100).map_stream(inputs, move |t: String| {
        std::thread::sleep(std::time::Duration::from_micros(200));
        counted.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        t
    });
    assert!(stream.next().is_some());
    drop(stream);
    std::thread::sleep(std::time::Duration::from_millis(100));
    // The first two chunks at most were started; nothing after.
    assert!(done.load(std::sync::atomic::Ordering::Relaxed) <= 200);
}

#[test]
fn annotate_parse_and_stream_agree() {
    let matcher = Matcher::new(Gazetteer::builtin()).unwrap();
    let texts: Vec<String> = (0..40)
        .map(|i| {
            format!(
                "PARIS, May {} (AFP) - France and Germany met in Berlin.",
                1 + i % 28
            )
        })
        .collect();
    let b = batch(3, 7);
    let docs = b.annotate(&matcher, &texts);
    let articles = b.parse(&texts);
    let streamed: Vec<_> = b.stream(&matcher, texts.iter()).collect();
    assert_eq!(streamed.len(), texts.len());
    for (i, text) in texts.iter().enumerate() {
        let want = matcher.annotate(text);
        assert_eq!(docs[i].as_ref().unwrap().mentions(), want.mentions());
        assert_eq!(articles[i].as_ref().unwrap(), want.article());
        assert!(std::ptr::eq(streamed[i].0, text));
        assert_eq!(streamed[i].1.as_ref().unwrap().mentions(), want.mentions());
    }
}

#[test]
fn thread_counts() {
    assert_eq!(Batch::new(0).unwrap().threads(), default_threads());
    assert_eq!(Batch::new(3).unwrap().threads(), 3);
}

/// What crosses threads is bounded as the module docs say: a stream whose key and input
/// iterator are `Send` is `Send` (a binding keeps one in an object of its own).
#[test]
fn streams_are_send_when_their_parts_are() {
    fn is_send_and_sync<T: Send + Sync>(_: &T) {}
    let inputs = vec![(1u8, String::from("a"))].into_iter();
    let stream = batch(2, 1).map_stream(inputs, |t: String| t);
    is_send_and_sync(&stream);
    let boxed: Box<dyn Fn(String) -> usize + Send + Sync> = Box::new(|t| t.len());
    let named: MapStream<std::vec::IntoIter<((), String)>, (), String, usize> =
        batch(1, 1).map_stream(vec![((), "ab".to_string())], boxed);
    assert_eq!(named.map(|(_, r)| r.unwrap()).collect::<Vec<_>>(), [2]);
}

/// The way a binding drives a stream: its own input iterator that stops at a failure and
/// keeps it, results handed out until the input's end, then the failure taken back.
#[test]
fn a_binding_can_drive_a_stream_and_take_back_its_inputs_failure() {
    struct Source {
        items: std::vec::IntoIter<std::result::Result<&'static str, &'static str>>,
        position: usize,
        failure: Option<String>,
    }
    impl Iterator for Source {
        type Item = (usize, Option<String>);
        fn next(&mut self) -> Option<Self::Item> {
            let position = self.position;
            self.position += 1;
            match self.items.next()? {
                Ok(text) => Some((position, Some(text.to_string()))),
                Err(why) => {
                    self.failure = Some(format!("texts[{position}]: {why}"));
                    None
                }
            }
        }
    }
    let source = Source {
        items: vec![
            Ok("a"),
            Ok("bb"),
            Ok("ccc"),
            Err("not a str"),
            Ok("never read"),
        ]
        .into_iter(),
        position: 0,
        failure: None,
    };
    let mut stream = batch(2, 2).map_stream(source, |t: Option<String>| t.map(|t| t.len()));
    let mut got = Vec::new();
    while let Some((position, result)) = stream.next() {
        got.push((position, result.unwrap()));
        if stream.ready() == 0 {
            // Where a binding would release its lock before the next call.
        }
    }
    assert_eq!(got, [(0, Some(1)), (1, Some(2)), (2, Some(3))]);
    let failure = stream.inputs_mut().failure.take();
    assert_eq!(failure.as_deref(), Some("texts[3]: not a str"));
}

#[test]
fn a_paced_stream_hands_out_what_it_has_before_waiting_for_more_input() {
    use std::sync::mpsc;
    use std::time::Duration;

    /// A live feed: `next` waits for what the writer sends; `at_hand` says whether an item
    /// is already there.
    struct Feed(mpsc::Receiver<String>, Option<String>);
    impl Iterator for Feed {
        type Item = (usize, String);
        fn next(&mut self) -> Option<(usize, String)> {
            let text = self.1.take().or_else(|| self.0.recv().ok())?;
            Some((text.len(), text))
        }
    }
    fn at_hand(feed: &mut Feed) -> bool {
        if feed.1.is_none() {
            feed.1 = feed.0.try_recv().ok();
        }
        feed.1.is_some()
    }

    let (writer, reader) = mpsc::channel();
    let (results, got) = mpsc::channel();
    std::thread::spawn(move || {
        // Chunks of 100 items: unpaced, two of them would be read before any result.
        let stream = batch(2, 100)
            .map_stream(Feed(reader, None), |t: String| t.to_uppercase())
            .paced(at_hand);
        for (_, result) in stream {
            if results.send(result.unwrap()).is_err() {
                return;
            }
        }
    });
    let wait = Duration::from_secs(60);
    writer.send("a".to_string()).unwrap();
    writer.send("b".to_string()).unwrap();
    assert_eq!(got.recv_timeout(wait).as_deref(), Ok("A"));
    assert_eq!(got.recv_timeout(wait).as_deref(), Ok("B"));
    // The stream waits for the writer, and goes on when it writes again.
    writer.send("c".to_string()).unwrap();
    assert_eq!(got.recv_timeout(wait).as_deref(), Ok("C"));
    drop(writer);
    assert!(got.recv_timeout(wait).is_err());
}
