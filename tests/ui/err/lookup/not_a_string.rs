// A lookup takes the name in quotes, not an identifier path.
use faceid_rules::legacy;

fn main() {
    let _ = legacy::channel!(Channel::WechatMiniProgram);
}
