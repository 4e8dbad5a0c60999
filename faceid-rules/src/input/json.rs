//! A stream of JSON documents — one per file, or one per line (JSON lines), or several
//! written one after another — each with the line it starts on, as Tencent Cloud's API
//! responses are saved.
//!
//! The stream is read as it comes, one document at a time: memory holds one document, not
//! the file. A document that is not JSON stops the file with an error at its line and
//! column (what follows cannot be found reliably); a document that is JSON but not of the
//! expected shape is the caller's to judge, and reading goes on.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::{self, BufReader, Read};
use std::rc::Rc;
use std::sync::Arc;

use serde_json::value::RawValue;

use super::{ErrorKind, InputError};
use crate::records::Origin;

/// Where the newlines handed to the parser are, to find the line a document starts on.
#[derive(Default)]
struct Lines {
    /// Bytes handed out so far.
    handed: u64,
    /// Newlines before `base`.
    before_base: u64,
    /// The offset up to which newlines are counted in `before_base`.
    base: u64,
    /// Offsets of the newlines at or after `base`.
    newlines: VecDeque<u64>,
}

impl Lines {
    /// The line (from 1) of the byte at `offset`, at or after `base`; forgets the newlines
    /// before it.
    fn line_at(&mut self, offset: u64) -> u64 {
        while self.newlines.front().is_some_and(|&n| n < offset) {
            self.newlines.pop_front();
            self.before_base += 1;
        }
        self.base = offset;
        self.before_base + 1
    }
}

struct Counting<R> {
    inner: BufReader<R>,
    lines: Rc<RefCell<Lines>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut lines = self.lines.borrow_mut();
        let start = lines.handed;
        for (i, _) in buf[..n].iter().enumerate().filter(|(_, &b)| b == b'\n') {
            lines.newlines.push_back(start + i as u64);
        }
        lines.handed += n as u64;
        Ok(n)
    }
}

/// One JSON document of a stream, as written, with where it starts.
#[derive(Debug)]
pub struct Document {
    /// The file and the line the document starts on.
    pub origin: Origin,
    /// Its text.
    pub raw: Box<RawValue>,
}

/// The JSON documents of a file, in order; see the [module documentation](self).
pub struct Documents<R: Read> {
    file: Arc<str>,
    stream:
        serde_json::StreamDeserializer<'static, serde_json::de::IoRead<Counting<R>>, Box<RawValue>>,
    lines: Rc<RefCell<Lines>>,
    done: bool,
}

impl<R: Read> Documents<R> {
    /// The documents of the file named `file` (for messages) read from `reader`. A UTF-8
    /// byte order mark at the start is skipped.
    pub fn new(file: impl Into<Arc<str>>, reader: R) -> Documents<R> {
        let lines = Rc::new(RefCell::new(Lines::default()));
        let mut inner = BufReader::with_capacity(64 * 1024, reader);
        skip_bom(&mut inner);
        let counting = Counting {
            inner,
            lines: Rc::clone(&lines),
        };
        Documents {
            file: file.into(),
            stream: serde_json::Deserializer::from_reader(counting).into_iter(),
            lines,
            done: false,
        }
    }

    /// The file as named.
    pub fn file(&self) -> &Arc<str> {
        &self.file
    }
}

fn skip_bom<R: Read>(reader: &mut BufReader<R>) {
    use std::io::BufRead;
    if let Ok(buf) = reader.fill_buf() {
        if buf.starts_with(b"\xEF\xBB\xBF") {
            reader.consume(3);
        }
    }
}

impl<R: Read> Iterator for Documents<R> {
    type Item = Result<Document, InputError>;

    /// The next document; an error ends the stream (a document that is not JSON, an I/O
    /// error).
    fn next(&mut self) -> Option<Result<Document, InputError>> {
        if self.done {
            return None;
        }
        match self.stream.next()? {
            Ok(raw) => {
                let end = self.stream.byte_offset() as u64;
                let start = end.saturating_sub(raw.get().len() as u64);
                let line = self.lines.borrow_mut().line_at(start);
                Some(Ok(Document {
                    origin: Origin {
                        file: Arc::clone(&self.file),
                        line,
                    },
                    raw,
                }))
            }
            Err(e) => {
                self.done = true;
                Some(Err(not_json(&self.file, &e)))
            }
        }
    }
}

/// The error for a file that is not (or stops being) JSON. serde_json's messages name the
/// place and what was expected, never the text found.
fn not_json(file: &Arc<str>, e: &serde_json::Error) -> InputError {
    let (kind, message) = if e.is_io() {
        (ErrorKind::Io, format!("cannot be read: {e}"))
    } else {
        let what = match e.classify() {
            serde_json::error::Category::Eof => "the file ends inside a JSON document",
            _ => "not JSON",
        };
        // `e` ends with " at line L column C"; the line is in the origin.
        let text = e.to_string();
        let reason = text.split(" at line ").next().unwrap_or(&text).to_owned();
        (
            ErrorKind::Header,
            format!("{what} at column {}: {reason}", e.column()),
        )
    };
    InputError {
        origin: Origin {
            file: Arc::clone(file),
            line: e.line() as u64,
        },
        field: None,
        message,
        raw: Vec::new(),
        raw_truncated: false,
        kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<u64> {
        Documents::new("r.json", text.as_bytes())
            .map(|d| d.unwrap().origin.line)
            .collect()
    }

    #[test]
    fn each_document_starts_on_its_line() {
        assert_eq!(lines("{\"a\":1}\n{\"a\":2}\n\n{\"a\":3}\n"), [1, 2, 4]);
        assert_eq!(
            lines("\u{feff}\n\n{\n \"a\": [\n1]\n}\n  {\"b\":\n2}"),
            [3, 7]
        );
        assert_eq!(lines(""), Vec::<u64>::new());
    }

    #[test]
    fn text_that_is_not_json_is_an_error_at_its_line() {
        let mut docs = Documents::new("r.json", "{\"a\":1}\n{\"a\": nope}\n".as_bytes());
        assert!(docs.next().unwrap().is_ok());
        let e = docs.next().unwrap().unwrap_err();
        assert_eq!(e.origin.line, 2);
        assert!(e.message.starts_with("not JSON at column"), "{e}");
        assert!(docs.next().is_none());
        let e = Documents::new("r.json", "{\"a\": [1,".as_bytes())
            .next()
            .unwrap()
            .unwrap_err();
        assert!(e.message.contains("ends inside"), "{e}");
    }
}
