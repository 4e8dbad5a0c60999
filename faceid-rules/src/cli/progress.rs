//! A progress bar on stderr for long inputs: bytes read, calls read and calls per second.
//!
//! Shown only when stderr is a terminal, and for files only when they are large (16 MiB and
//! more); piped input gets a spinner. It is cleared when the input is read, so nothing of it
//! stays in a terminal, and nothing is written when stderr is a file or a pipe.

use std::io::{self, IsTerminal, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use indicatif::{ProgressBar, ProgressFinish, ProgressState, ProgressStyle};

use super::format;

/// Files smaller than this are read without a bar.
const LARGE: u64 = 16 << 20;

/// `reader` (of `len` bytes, when known) with a progress bar named `name`, when one is due.
pub fn wrap(name: &str, reader: Box<dyn Read>, len: Option<u64>) -> Box<dyn Read> {
    if !super::speaking() || !io::stderr().is_terminal() || len.is_some_and(|l| l < LARGE) {
        return reader;
    }
    let lines = Arc::new(AtomicU64::new(0));
    let (bar, template) = match len {
        Some(len) => (
            ProgressBar::new(len),
            "{msg} {wide_bar} {binary_bytes}/{binary_total_bytes} · {calls} calls, {calls_per_sec}/s · eta {eta}",
        ),
        None => (
            ProgressBar::new_spinner(),
            "{spinner} {msg} {binary_bytes} · {calls} calls, {calls_per_sec}/s",
        ),
    };
    let calls = {
        let lines = Arc::clone(&lines);
        move |_: &ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = w.write_str(&format::count(lines.load(Ordering::Relaxed)));
        }
    };
    let per_sec = {
        let lines = Arc::clone(&lines);
        move |state: &ProgressState, w: &mut dyn std::fmt::Write| {
            let secs = state.elapsed().as_secs_f64();
            let rate = if secs > 0.0 {
                // A display rate only; money never goes through floating point.
                (lines.load(Ordering::Relaxed) as f64 / secs) as u64
            } else {
                0
            };
            let _ = write!(w, "{}", format::count(rate));
        }
    };
    let style = ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .with_key("calls", calls)
        .with_key("calls_per_sec", per_sec);
    let bar = bar
        .with_style(style)
        .with_message(name.to_owned())
        .with_finish(ProgressFinish::AndClear);
    Box::new(CountLines {
        inner: bar.wrap_read(reader),
        lines,
    })
}

/// Counts the line ends that pass through (calls, give or take quoted newlines and the
/// header: the count is for display only).
struct CountLines<R> {
    inner: R,
    lines: Arc<AtomicU64>,
}

impl<R: Read> Read for CountLines<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let ends = buf[..n].iter().filter(|&&b| b == b'\n').count() as u64;
        self.lines.fetch_add(ends, Ordering::Relaxed);
        Ok(n)
    }
}
