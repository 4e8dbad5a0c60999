// The lookups of the monthly table are its own: an unknown compare source there.
use faceid_rules::monthly;

fn main() {
    let _ = monthly::source!("跟身份证比对");
}
