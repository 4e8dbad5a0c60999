//! The `faceid-rules` command: arguments, dispatch, exit codes.
//!
//! Exit codes: 0 done; 1 bad data (a bad line, file or table lookup); 2 bad usage
//! (arguments, unknown options).

mod bill;
mod classify;
mod format;
mod plan;
mod progress;
mod sql;
mod table;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Bill Tencent Cloud 慧眼人脸核身 (Face ID) call logs by the billing documents.
#[derive(Parser)]
#[command(
    name = "faceid-rules",
    version,
    about = "Bill Tencent Cloud 慧眼人脸核身 (Face ID) call logs by the billing documents",
    long_about = "Bill Tencent Cloud 慧眼人脸核身 (Face ID) call logs by the billing documents.\n\n\
The billing tables of the documents (计费概述 and 价格说明, one edition for accounts opened \
before 2021-06-22 and one for later ones) are compiled into this program. It rates every call \
(channel, compare source, result code, day), covers calls with resource packs and prices the \
rest by the postpaid volume tiers, month by month, in China Standard Time.",
    after_help = "Examples:\n  \
faceid-rules bill                                  # bill the bundled sample month\n  \
faceid-rules bill calls.csv --packs packs.csv --accounts accounts.csv\n  \
faceid-rules classify --channel 微信小程序 --source 权威库 --code 2010 --at 2021-07-19T10:00:00\n  \
faceid-rules plan --label '基础版人脸核身（权威库）' --calls 150000\n  \
faceid-rules table --edition legacy --format html > legacy.html"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Bill(bill::BillArgs),
    Usage(bill::UsageArgs),
    Classify(classify::ClassifyArgs),
    Plan(plan::PlanArgs),
    Table(table::TableArgs),
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

/// Writes `parts` to stdout. A reader that went away (`| head`) ends the output quietly:
/// that is not an error of the command.
pub fn output(parts: &[&[u8]]) -> Result<(), Failure> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let result = parts
        .iter()
        .try_for_each(|p| out.write_all(p))
        .and_then(|()| out.flush());
    match result {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Failure::data(format!("stdout: {e}")))
        }
        _ => Ok(()),
    }
}

/// Prints what clap has to say — help or version on stdout (exit 0), a usage error on
/// stderr (exit 2) — with the output's errors handled as every command handles them: a
/// closed pipe ends quietly, a full disk is an error (exit 1).
fn clap_exit(e: &clap::Error) -> ExitCode {
    use std::io::Write;
    let printed = e.print().and_then(|()| std::io::stdout().flush());
    match printed {
        Err(io) if io.kind() != std::io::ErrorKind::BrokenPipe => {
            // Where help goes to a full disk, say so on stderr; where the error message
            // could not be written to stderr, there is nowhere left to say it.
            let _ = writeln!(std::io::stderr(), "faceid-rules: stdout: {io}");
            ExitCode::from(1)
        }
        _ => ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2)),
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
        Command::Classify(args) => classify::classify(args),
        Command::Plan(args) => plan::plan(args),
        Command::Table(args) => table::table(args),
        Command::Sql(args) => sql::sql_command(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("faceid-rules: {}", failure.message);
            ExitCode::from(failure.code)
        }
    }
}
