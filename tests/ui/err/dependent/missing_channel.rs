// A dependent crate matches on every legacy channel but one (no wildcard arm): when a
// channel is added to a table, code like this stops compiling until it handles it (E0004).
use faceid_rules::legacy::Channel;

fn is_wechat(channel: Channel) -> bool {
    match channel {
        Channel::WechatNativeH5 | Channel::WechatMiniProgram | Channel::WechatH5 => true,
        Channel::EnhancedAppSdk
        | Channel::StandaloneH5
        | Channel::PcH5
        | Channel::BasicAppSdk
        | Channel::LivenessRecognitionApi
        | Channel::ImageRecognitionApi
        | Channel::LivenessCompareApi
        | Channel::IdCardPhotoApi
        | Channel::IdentityVerification
        | Channel::IdCardOcrVerification
        | Channel::WechatRealNameAuth
        | Channel::BankCard2E
        | Channel::BankCard3E
        | Channel::BankCard4E
        | Channel::PhoneTwoFactor
        | Channel::PhoneThreeFactor
        | Channel::PhoneTenure
        | Channel::PhoneStatus
        | Channel::BankCardBasic => false,
    }
}

fn main() {
    assert!(is_wechat(Channel::WechatMiniProgram));
}
