// The lookups of the shipped tables, checked at compile time: by doc name, by identifier,
// by alias or API action, with full-width or ASCII parentheses, with or without spaces.
use faceid_rules::{daily, legacy, monthly};

// A lookup is a path to a variant: it works in consts and patterns' neighbourhood.
const MINI_PROGRAM: legacy::Channel = legacy::channel!("微信小程序");

fn main() {
    use legacy::{Channel, PostpaidLabel, PrepaidLabel, Section, Source};

    assert_eq!(MINI_PROGRAM, Channel::WechatMiniProgram);
    // By identifier, by API action, ignoring spaces and ASCII case.
    assert_eq!(
        legacy::channel!("WechatMiniProgram"),
        Channel::WechatMiniProgram
    );
    assert_eq!(
        legacy::channel!("LivenessCompare"),
        Channel::LivenessCompareApi
    );
    assert_eq!(legacy::channel!("微信原生H5"), Channel::WechatNativeH5);
    assert_eq!(legacy::channel!("pc h5"), Channel::PcH5);
    // The legacy label table writes ASCII parentheses, the price table full-width ones.
    assert_eq!(
        legacy::prepaid!("增强版人脸核身(权威库)-微信"),
        PrepaidLabel::EnhancedAuthorityWechat
    );
    assert_eq!(
        legacy::prepaid!("增强版人脸核身（权威库）-微信"),
        PrepaidLabel::EnhancedAuthorityWechat
    );
    assert_eq!(
        legacy::postpaid!("E证通（权威库）"),
        PostpaidLabel::EidAuthority
    );
    assert_eq!(
        legacy::postpaid!("E证通(权威库)"),
        PostpaidLabel::EidAuthority
    );
    // By alias: the price document's 身份信息核验.
    assert_eq!(legacy::postpaid!("身份信息核验"), PostpaidLabel::IdCardInfo);
    assert_eq!(legacy::source!("上传照片"), Source::Upload);
    assert_eq!(legacy::source!("跟权威库比对"), Source::Authority);
    assert_eq!(legacy::section!("实名信息核验"), Section::RealName);

    // Each table's lookups resolve in that table.
    assert_eq!(
        monthly::channel!("微信小程序"),
        monthly::Channel::WechatMiniProgram
    );
    assert_eq!(monthly::source!("权威库"), monthly::Source::Authority);
    assert_eq!(
        daily::postpaid!("手机号信息核验(三要素)-联通"),
        daily::PostpaidLabel::PhoneThreeFactorCucc
    );

    // The same names at run time.
    assert_eq!("微信小程序".parse::<Channel>(), Ok(MINI_PROGRAM));
    assert_eq!(
        "增强版人脸核身（权威库）-微信".parse::<PrepaidLabel>(),
        Ok(legacy::prepaid!("增强版人脸核身(权威库)-微信"))
    );
}
