//! The progress bar on standard error: articles, MB/s, and the ETA when the input size is
//! known.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A progress bar, or nothing when none is wanted.
pub struct Progress {
    bar: Option<ProgressBar>,
    articles: u64,
}

impl Progress {
    /// A bar when standard error is a terminal or `forced`; `total` is the input size in
    /// bytes when known.
    pub fn new(forced: bool, total: Option<u64>) -> Progress {
        let terminal = std::io::stderr().is_terminal();
        if !terminal && !forced {
            return Progress {
                bar: None,
                articles: 0,
            };
        }
        let target = if terminal {
            ProgressDrawTarget::stderr_with_hz(10)
        } else {
            // indicatif hides itself off a terminal; asked for, it draws anyway.
            ProgressDrawTarget::term_like_with_hz(Box::new(console::Term::buffered_stderr()), 2)
        };
        let bar = match total {
            Some(total) => ProgressBar::with_draw_target(Some(total), target).with_style(
                ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {wide_bar} {decimal_bytes}/{decimal_total_bytes} {decimal_bytes_per_sec} ETA {eta} {msg}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            ),
            None => ProgressBar::with_draw_target(None, target).with_style(
                ProgressStyle::with_template("{spinner} [{elapsed_precise}] {decimal_bytes} {decimal_bytes_per_sec} {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            ),
        };
        bar.enable_steady_tick(Duration::from_millis(200));
        Progress {
            bar: Some(bar),
            articles: 0,
        }
    }

    /// `articles` records written so far; `bytes_read` input bytes consumed so far.
    pub fn show(&mut self, articles: u64, bytes_read: u64) {
        if articles == self.articles {
            return;
        }
        self.articles = articles;
        if let Some(bar) = &self.bar {
            bar.set_position(bytes_read);
            bar.set_message(format!("{articles} articles"));
        }
    }

    /// Leave the final figures on screen.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish();
        }
    }

    /// Stop drawing where it is (interrupted, or the output closed).
    pub fn abandon(&self) {
        if let Some(bar) = &self.bar {
            bar.abandon();
        }
    }
}
