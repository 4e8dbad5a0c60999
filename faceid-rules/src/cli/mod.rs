//! The `faceid-rules` command: arguments, dispatch, exit codes.
//!
//! Exit codes: 0 done; 1 bad data (a bad line, file or table lookup); 2 bad usage
//! (arguments, unknown options).

mod bill;
mod changes;
mod classify;
mod diff;
mod edition;
mod format;
mod output;
mod plan;
mod progress;
mod reconcile;
mod rules;
mod sql;
mod table;

use std::io::Write;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::{Args, Parser, Subcommand};

use faceid_rules::escape;

/// Bill Tencent Cloud 慧眼人脸核身 (Face ID) call logs by the billing documents.
#[derive(Parser)]
#[command(
    name = "faceid-rules",
    version,
    about = "Bill Tencent Cloud 慧眼人脸核身 (Face ID) call logs by the billing documents",
    long_about = "Bill Tencent Cloud 慧眼人脸核身 (Face ID) call logs by the billing documents.\n\n\
The billing tables of the documents (计费概述 and 价格说明: legacy for accounts opened \
before 2021-06-22, monthly until 2023-01-04, daily from then on), with the dated changes each \
edition's accounts saw, are compiled into this program. It rates every call (channel, compare \
source, result code, day) with what was in force on its day, covers calls with resource packs \
and prices the rest by the postpaid prices of that day, month by month, in China Standard Time.",
    after_help = "Examples:\n  \
faceid-rules bill                                  # bill the bundled sample month\n  \
faceid-rules bill calls.csv --packs packs.csv --accounts accounts.csv\n  \
faceid-rules classify --channel 微信小程序 --source 权威库 --code 2010 --at 2021-07-19T10:00:00\n  \
faceid-rules plan --label '基础版人脸核身（权威库）' --calls 150000\n  \
faceid-rules reconcile details-*.json --rule 1=微信小程序,权威库 --edition monthly --tencent-bill bill.csv\n  \
faceid-rules table --edition legacy --on 2021-02-01 --format html > legacy.html\n  \
faceid-rules changes --edition monthly\n  \
faceid-rules diff monthly@2021-12-31 monthly@2022-01-01"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Bill(bill::BillArgs),
    Usage(bill::UsageArgs),
    Reconcile(reconcile::ReconcileArgs),
    Classify(classify::ClassifyArgs),
    Plan(plan::PlanArgs),
    Table(table::TableArgs),
    Changes(changes::ChangesArgs),
    Diff(diff::DiffArgs),
    Sql(sql::SqlArgs),
}

/// A failure, with the exit code it ends the program with.
pub struct Failure {
    code: u8,
    message: String,
}

impl Failure {
    /// Bad data: exit code 1.
    pub fn data(message: impl std::fmt::Display) -> Failure {
        Failure {
            code: 1,
            message: message.to_string(),
        }
    }

    /// Bad usage: exit code 2.
    pub fn usage(message: impl std::fmt::Display) -> Failure {
        Failure {
            code: 2,
            message: message.to_string(),
        }
    }

    /// An I/O failure on `path`: exit code 1.
    pub fn io(path: &str, e: std::io::Error) -> Failure {
        Failure::data(format!("{path}: {e}"))
    }
}

/// Where a command writes, and whether it speaks on stderr: on every command that writes.
#[derive(Args, Clone, Debug, Default)]
pub struct OutputArgs {
    /// Write the output to FILE instead of stdout. FILE is written whole or not at all (a
    /// temporary file beside it, renamed into place at the end), and is refused when it is
    /// one of the inputs
    #[arg(short, long, value_name = "FILE")]
    output: Option<String>,
    /// Print nothing on stderr but errors (no notes, no progress bar)
    #[arg(short, long)]
    quiet: bool,
}

impl OutputArgs {
    /// The main output's name in messages: the file given, or `stdout`.
    pub fn name(&self) -> &str {
        match self.output.as_deref() {
            Some(p) if p != "-" => p,
            _ => "stdout",
        }
    }

    /// Applies `--quiet` and opens the main output (`-o FILE` or stdout), checked against
    /// `outputs`' inputs.
    pub fn open(&self, outputs: &mut output::Outputs<'_>) -> Result<output::Output, Failure> {
        QUIET.store(self.quiet, Ordering::Relaxed);
        outputs.main(self.output.as_deref())
    }
}

/// `--quiet` was given, or the reader of stdout went away: notes stay unsaid.
static QUIET: AtomicBool = AtomicBool::new(false);

/// Says `text` on stderr as a note (`faceid-rules: …`), unless `--quiet` was given or the
/// output's reader went away; control characters in it are escaped.
pub fn note(text: impl std::fmt::Display) {
    if QUIET.load(Ordering::Relaxed) {
        return;
    }
    let text = text.to_string();
    // A closed or full stderr has nowhere to report to: the note is dropped (eprintln!
    // would panic).
    let _ = writeln!(
        std::io::stderr(),
        "faceid-rules: {}",
        escape::terminal_lines(&text)
    );
}

/// Whether notes are said (no `--quiet`, stdout still read).
pub fn speaking() -> bool {
    !QUIET.load(Ordering::Relaxed)
}

/// Writes `text` to a command's main output and completes it. A reader that went away
/// (`| head`) ends the command quietly: that is not an error of the command.
pub fn write_out(mut out: output::Output, text: &[u8]) -> Result<(), Failure> {
    out.write_all(text)
        .map_err(|e| Failure::io(out.name(), e))?;
    finish(out)
}

/// Completes `out` (a file is moved into place); a closed stdout silences later notes.
pub fn finish(out: output::Output) -> Result<(), Failure> {
    if out.closed() {
        QUIET.store(true, Ordering::Relaxed);
    }
    out.finish()
}

/// Prints what clap has to say — help or version on stdout (exit 0), a usage error on
/// stderr (exit 2) — with the output's errors handled as every command handles them: a
/// closed pipe ends quietly, a full disk is an error (exit 1).
fn clap_exit(e: &clap::Error) -> ExitCode {
    let printed = e.print().and_then(|()| std::io::stdout().flush());
    let code = u8::try_from(e.exit_code()).unwrap_or(2);
    match printed {
        // A usage error that stderr cannot take is still a usage error.
        Err(_) if code != 0 => ExitCode::from(code),
        Err(io) if io.kind() != std::io::ErrorKind::BrokenPipe => {
            // Where help goes to a full disk, say so on stderr; where the error message
            // could not be written to stderr, there is nowhere left to say it.
            let _ = writeln!(std::io::stderr(), "faceid-rules: stdout: {io}");
            ExitCode::from(1)
        }
        _ => ExitCode::from(code),
    }
}

/// Runs the command line and returns the exit code.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_exit(&e),
    };
    let result = match cli.command {
        Command::Bill(args) => bill::bill(args),
        Command::Usage(args) => bill::usage(args),
        Command::Reconcile(args) => reconcile::reconcile(args),
        Command::Classify(args) => classify::classify(args),
        Command::Plan(args) => plan::plan(args),
        Command::Table(args) => table::table(args),
        Command::Changes(args) => changes::changes(args),
        Command::Diff(args) => diff::diff_command(args),
        Command::Sql(args) => sql::sql_command(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            // Values in messages are quoted, but a file name or a line of a message may
            // still carry control characters: escape them, keep the line breaks.
            let _ = writeln!(
                std::io::stderr(),
                "faceid-rules: {}",
                escape::terminal_lines(&failure.message)
            );
            ExitCode::from(failure.code)
        }
    }
}
