//! Where a command writes — standard output, `-o FILE`, `--rejects FILE` — so that no input
//! is ever written and no output is left half-written.
//!
//! - **No output is an input.** Before anything is read or written, every output file is
//!   compared with every input by identity — device and inode on Unix, through symbolic
//!   and hard links alike, not by name — and with every other output; a match is a usage
//!   error (exit 2). Standard output redirected into an input (`> calls.csv`, `>>
//!   calls.csv`) is refused too.
//! - **A file output appears whole or not at all.** It is written to a temporary file in
//!   the same folder, synced, and renamed over the destination when the command succeeds:
//!   a run that fails, or is killed, leaves the old file as it was (and no temporary file
//!   behind when it fails), and two runs writing one file never interleave — the last to
//!   finish wins. A destination that exists keeps its permissions; a symbolic link keeps
//!   pointing where it did (its target is replaced). A destination that is not a regular
//!   file (`/dev/null`, a named pipe, a terminal) is written directly.
//! - **Standard output** is buffered; when its reader goes away (`| head`) the rest of the
//!   output is dropped and the command ends quietly, with exit 0 and nothing on stderr; any
//!   other write error (a full disk) fails the command with exit 1.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use same_file::Handle;
use tempfile::NamedTempFile;

use super::Failure;

/// What identifies a file whatever its name: (device, inode) on Unix, an open handle
/// elsewhere.
#[derive(PartialEq, Eq)]
struct FileId(#[cfg(unix)] (u64, u64), #[cfg(not(unix))] Handle);

impl FileId {
    /// The identity of a regular file; `None` for anything else (a terminal, a pipe,
    /// `/dev/null`), which is not overwritten by writing to it and may well be both read
    /// and written (`faceid-rules bill -` on a terminal).
    fn of(handle: Handle) -> Option<FileId> {
        if !handle.as_file().metadata().is_ok_and(|m| m.is_file()) {
            return None;
        }
        #[cfg(unix)]
        {
            // Only the numbers are kept: no file stays open per input.
            Some(FileId((handle.dev(), handle.ino())))
        }
        #[cfg(not(unix))]
        {
            Some(FileId(handle))
        }
    }

    fn of_path(path: &Path) -> io::Result<Option<FileId>> {
        Handle::from_path(path).map(FileId::of)
    }
}

/// The files a command reads (`-` for standard input), to refuse an output that is one of
/// them.
#[derive(Default)]
pub struct Inputs {
    files: Vec<(String, FileId)>,
}

impl Inputs {
    /// No input yet.
    pub fn new() -> Inputs {
        Inputs::default()
    }

    /// Adds input `path`; an error when it cannot be found.
    pub fn add(&mut self, path: &str) -> Result<(), Failure> {
        let id = if path == "-" {
            // Standard input that cannot be looked at (closed): nothing to compare.
            Handle::stdin().ok().and_then(FileId::of)
        } else {
            FileId::of_path(Path::new(path)).map_err(|e| Failure::io(path, e))?
        };
        if let Some(id) = id {
            self.files.push((path.to_owned(), id));
        }
        Ok(())
    }

    /// Adds every path of `paths`.
    pub fn add_all<'a>(
        &mut self,
        paths: impl IntoIterator<Item = &'a String>,
    ) -> Result<(), Failure> {
        paths.into_iter().try_for_each(|p| self.add(p))
    }

    fn find(&self, id: &FileId) -> Option<&str> {
        self.files
            .iter()
            .find(|(_, f)| f == id)
            .map(|(p, _)| p.as_str())
    }
}

/// The outputs of one command, checked against its inputs and against each other as they
/// are opened.
pub struct Outputs<'a> {
    inputs: &'a Inputs,
    /// (option, destination as resolved, identity when it exists)
    opened: Vec<(String, PathBuf, Option<FileId>)>,
}

impl<'a> Outputs<'a> {
    /// Outputs of a command reading `inputs`.
    pub fn new(inputs: &'a Inputs) -> Outputs<'a> {
        Outputs {
            inputs,
            opened: Vec::new(),
        }
    }

    /// Standard output, refused when it is redirected into one of the inputs.
    pub fn stdout(&mut self) -> Result<Output, Failure> {
        if let Some(id) = Handle::stdout().ok().and_then(FileId::of) {
            if let Some(input) = self.inputs.find(&id) {
                return Err(Failure::usage(format!(
                    "standard output is {input}, one of the inputs (the shell has already emptied or appended to it); write to another file"
                )));
            }
        }
        Ok(Output {
            name: "stdout".to_owned(),
            sink: Sink::Stdout(BufWriter::with_capacity(1 << 16, io::stdout())),
            closed: false,
        })
    }

    /// The file `path`, given as `option` (for messages): refused when it is an input or an
    /// output already opened; else a temporary file beside it, renamed over it by
    /// [`Output::finish`].
    pub fn file(&mut self, option: &str, path: &str) -> Result<Output, Failure> {
        let given = Path::new(path);
        let (dest, id) = match fs::canonicalize(given) {
            Ok(real) => {
                let id = FileId::of_path(&real).map_err(|e| Failure::io(path, e))?;
                (real, id)
            }
            // A new file: its folder must exist; the name is compared as resolved.
            Err(_) => {
                let name = given
                    .file_name()
                    .ok_or_else(|| Failure::usage(format!("{option} {path}: not a file name")))?;
                let parent = match given.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p,
                    _ => Path::new("."),
                };
                let parent = fs::canonicalize(parent).map_err(|e| Failure::io(path, e))?;
                (parent.join(name), None)
            }
        };
        if let Some(id) = &id {
            if let Some(input) = self.inputs.find(id) {
                return Err(Failure::usage(format!(
                    "{option} {path}: that is {input}, one of the inputs; inputs are never written: give another file"
                )));
            }
        }
        let same = |(_, p, i): &&(String, PathBuf, Option<FileId>)| {
            *p == dest || matches!((i, &id), (Some(a), Some(b)) if a == b)
        };
        if let Some((other, _, _)) = self.opened.iter().find(same) {
            return Err(Failure::usage(format!(
                "{option} {path}: {other} writes that file already; give each output its own file"
            )));
        }
        let sink = open_file(&dest).map_err(|e| Failure::io(path, e))?;
        self.opened.push((option.to_owned(), dest, id));
        Ok(Output {
            name: path.to_owned(),
            sink,
            closed: false,
        })
    }

    /// `-o FILE` when given, else standard output.
    pub fn main(&mut self, path: Option<&str>) -> Result<Output, Failure> {
        match path {
            Some(p) if p != "-" => self.file("-o", p),
            _ => self.stdout(),
        }
    }
}

/// A temporary file in `dest`'s folder, or `dest` itself when it exists and is not a
/// regular file.
fn open_file(dest: &Path) -> io::Result<Sink> {
    match fs::metadata(dest) {
        Ok(meta) if !meta.is_file() => {
            let file = fs::OpenOptions::new().write(true).open(dest)?;
            return Ok(Sink::Direct(BufWriter::with_capacity(1 << 16, file)));
        }
        _ => {}
    }
    let folder = dest.parent().unwrap_or(Path::new("."));
    let name = dest
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // A new file gets the permissions any new file gets here (0666 less the umask, which
    // applies at creation); an existing one keeps its own.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let temp = builder.tempfile_in(folder)?;
    if let Ok(meta) = fs::metadata(dest) {
        temp.as_file().set_permissions(meta.permissions())?;
    }
    Ok(Sink::Temp {
        file: BufWriter::with_capacity(1 << 16, temp),
        dest: dest.to_owned(),
    })
}

enum Sink {
    Stdout(BufWriter<io::Stdout>),
    Temp {
        file: BufWriter<NamedTempFile>,
        dest: PathBuf,
    },
    Direct(BufWriter<File>),
}

/// One output of a command. Written through [`Write`]; [`Output::finish`] completes it.
/// Dropped unfinished (the command failed), a file output leaves the destination as it was.
pub struct Output {
    name: String,
    sink: Sink,
    closed: bool,
}

impl Output {
    /// Whether the reader of standard output went away: the rest of the output is dropped,
    /// and the command should end quietly.
    pub fn closed(&self) -> bool {
        self.closed
    }

    /// The output's name in messages: `stdout`, or the path as given.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether this is standard output.
    pub fn is_stdout(&self) -> bool {
        matches!(self.sink, Sink::Stdout(_))
    }

    /// Flushes the output and, for a file, moves it into place. A write error names the
    /// output: `stdout: No space left on device`.
    pub fn finish(self) -> Result<(), Failure> {
        let name = self.name;
        let fail = |e: io::Error| Failure::io(&name, e);
        match self.sink {
            Sink::Stdout(mut out) => match out.flush() {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(fail(e)),
                Ok(()) => Ok(()),
            },
            Sink::Direct(mut out) => out.flush().map_err(fail),
            Sink::Temp { file, dest } => {
                let temp = file.into_inner().map_err(|e| fail(e.into_error()))?;
                temp.as_file().sync_all().map_err(fail)?;
                temp.persist(&dest).map_err(|e| fail(e.error))?;
                Ok(())
            }
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let result = match &mut self.sink {
            Sink::Stdout(out) => out.write(buf),
            Sink::Temp { file, .. } => file.write(buf),
            Sink::Direct(out) => out.write(buf),
        };
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe && self.is_stdout() => {
                self.closed = true;
                Ok(buf.len())
            }
            other => other,
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let result = match &mut self.sink {
            Sink::Stdout(out) => out.flush(),
            Sink::Temp { file, .. } => file.flush(),
            Sink::Direct(out) => out.flush(),
        };
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe && self.is_stdout() => {
                self.closed = true;
                Ok(())
            }
            other => other,
        }
    }
}
