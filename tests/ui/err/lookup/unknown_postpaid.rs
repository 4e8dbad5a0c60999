// A postpaid label that the legacy table does not have, and close to none: the error lists
// the labels that exist.
use faceid_rules::legacy;

fn main() {
    let _ = legacy::postpaid!("人脸识别");
}
