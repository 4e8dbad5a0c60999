//! The `faceid-rules` command; see `faceid-rules --help`.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
