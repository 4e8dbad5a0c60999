// The lookups of the current table are its own: an unknown compare source there.
use faceid_rules::current;

fn main() {
    let _ = current::source!("跟身份证比对");
}
