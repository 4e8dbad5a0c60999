// A prepaid label's doc name given to `postpaid!`: prepaid and postpaid labels are
// different kinds.
use faceid_rules::legacy;

fn main() {
    let _ = legacy::postpaid!("基础版人脸核身(权威库)");
}
