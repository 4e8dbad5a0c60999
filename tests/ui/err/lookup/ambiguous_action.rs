// An API action shared by several channels names none of them alone.
use faceid_rules::legacy;

fn main() {
    let _ = legacy::channel!("DetectAuth");
}
