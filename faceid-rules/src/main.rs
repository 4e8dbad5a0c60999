//! The `faceid-rules` command.

fn main() {
    eprintln!("faceid-rules: the command line is being built");
    std::process::exit(2);
}
