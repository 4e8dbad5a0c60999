// A channel looked up by a misspelt doc name (成 for 程): the error suggests the nearest.
use faceid_rules::legacy;

fn main() {
    let _ = legacy::channel!("微信小成序");
}
