// A lookup takes one name.
use faceid_rules::legacy;

fn main() {
    let _ = legacy::source!("权威库", "上传照片");
}
