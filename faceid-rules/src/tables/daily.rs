// The daily edition (日结): 购买指南/价格说明（日结）.md @0e629ca4 (doc 84321) with the label table
// of 购买指南/计费概述（new）.md @0e629ca4 (doc 56803), for accounts that opened Face ID from
// 2023-01-04 00:00 (人脸核身产品结算周期调整说明 @127cfd62). Every label has one price per call
// (the 实名信息核验 tiers are those of 月结 only: 价格说明（日结） says so under its table). One
// label serves both payment modes: each label is declared once under `postpaid` and once under
// `prepaid`, with the same identifier and doc name.
face_id_table! {
    /// 价格说明（日结） with the label table of 计费概述（new） @0e629ca4: the billing labels of
    /// accounts that opened Face ID from 2023-01-04 00:00, settled daily.
    pub mod daily {
        title: "价格说明（日结）",
        doc: 84321,
        opened: from "2023-01-04",
        // 每日结算昨日00:00 -23:59:59产生的费用，并出计费账单。（账单将在当天08:00-12:00生成）
        // (计费概述（new） @0e629ca4).
        settlement: daily { bill_hours: "08:00".."12:00" },
    }

    // 价格说明（日结） @0e629ca4, 后付费 (元/次).
    postpaid {
        EnhancedAuthorityWechat = "增强版人脸核身（权威库）-微信"
            aka ["增强版人脸核身（权威库）- 微信"] flat 1.20,
        EnhancedUploadWechat = "增强版人脸核身（自传照片）-微信"
            aka ["增强版人脸核身（自传照片）- 微信"] flat 0.30,
        /// The price document writes `-APP`, the label table `-App`.
        EnhancedAuthorityApp = "增强版人脸核身（权威库）-App"
            aka ["增强版人脸核身（权威库）-APP", "增强版人脸核身（权威库）- App"] flat 1.20,
        /// The price document writes `-APP`, the label table `-App`.
        EnhancedUploadApp = "增强版人脸核身（自传照片）-App"
            aka ["增强版人脸核身（自传照片）-APP", "增强版人脸核身（自传照片）- App"] flat 0.30,
        EnhancedAuthorityFloat = "增强版人脸核身（权威库）-浮层 H5" flat 1.20,
        EnhancedUploadFloat = "增强版人脸核身（自传照片）-浮层 H5" flat 0.30,
        BasicAuthority = "基础版人脸核身（权威库）" flat 1.00,
        BasicUpload = "基础版人脸核身（自传照片）" flat 0.15,
        /// The price document calls this label 身份信息核验.
        IdCardInfo = "身份证信息核验" aka ["身份信息核验"] flat 0.30,
        IdNameDate = "身份信息及有效期核验" flat 1.80,
        BankCardInfo = "银行卡信息核验" flat 0.40,
        BankCardBasic = "银行卡基础信息查询" flat 0.30,
        PhoneTenureStatus = "手机号在网时长/状态查询" flat 0.40,
        PhoneTwoFactor = "手机号信息核验（二要素）" aka ["手机号信息核验(二要素)"] flat 0.40,
        /// The price document writes `手机号信息核验(三要素)`, the label table
        /// `手机号信息核验（三要素）`.
        PhoneThreeFactor = "手机号信息核验（三要素）"
            aka ["手机号信息核验(三要素)", "手机号三要素"] flat 1.10,
        /// The carrier variants are in the price document only; it writes them with ASCII
        /// parentheses, taken as written.
        PhoneThreeFactorCmcc = "手机号信息核验(三要素)-移动" aka ["手机号信息核验（三要素）-移动"]
            flat 1.30,
        /// As 手机号信息核验(三要素)-移动.
        PhoneThreeFactorCtcc = "手机号信息核验(三要素)-电信" aka ["手机号信息核验（三要素）-电信"]
            flat 0.70,
        /// As 手机号信息核验(三要素)-移动.
        PhoneThreeFactorCucc = "手机号信息核验(三要素)-联通" aka ["手机号信息核验（三要素）-联通"]
            flat 0.70,
        EidAuthority = "E证通（权威库）" aka ["E 证通（权威库）"] flat 1.50,
        IntentionAuthority = "意愿核身（权威库）" flat 1.50,
        IntentionUpload = "意愿核身（自传照片）" flat 0.80,
        /// The price document says 实证 NFC 目前仅提供后付费（月结）的计费方式 on the page of
        /// 日结 accounts: the label is priced here, at 1.0, and settled as the edition settles.
        IdCardNfc = "证件 NFC 识别" flat 1.00,
    }

    // 价格说明（日结） @0e629ca4, 预付费资源包 (calls => 元). A pack bought on a day deducts that
    // day's calls from 00:00.
    prepaid {
        EnhancedAuthorityWechat = "增强版人脸核身（权威库）-微信"
            aka ["增强版人脸核身（权威库）- 微信"] packs {
            1_000 => 1_150,
            10_000 => 11_000,
            100_000 => 100_000,
            200_000 => 180_000,
            500_000 => 400_000,
            1_000_000 => 800_000,
        },
        EnhancedUploadWechat = "增强版人脸核身（自传照片）-微信"
            aka ["增强版人脸核身（自传照片）- 微信"] packs {
            1_000 => 280,
            10_000 => 2_700,
            100_000 => 26_000,
            200_000 => 50_000,
            500_000 => 115_000,
            1_000_000 => 230_000,
        },
        /// The price document writes `-APP`, the label table `-App`.
        EnhancedAuthorityApp = "增强版人脸核身（权威库）-App"
            aka ["增强版人脸核身（权威库）-APP", "增强版人脸核身（权威库）- App"] packs {
            1_000 => 1_150,
            10_000 => 11_000,
            100_000 => 100_000,
            200_000 => 180_000,
            500_000 => 400_000,
            1_000_000 => 800_000,
        },
        /// The price document writes `-APP`, the label table `-App`.
        EnhancedUploadApp = "增强版人脸核身（自传照片）-App"
            aka ["增强版人脸核身（自传照片）-APP", "增强版人脸核身（自传照片）- App"] packs {
            1_000 => 280,
            10_000 => 2_700,
            100_000 => 26_000,
            200_000 => 50_000,
            500_000 => 115_000,
            1_000_000 => 230_000,
        },
        EnhancedAuthorityFloat = "增强版人脸核身（权威库）-浮层 H5" packs {
            1_000 => 1_150,
            10_000 => 11_000,
            100_000 => 100_000,
            200_000 => 180_000,
            500_000 => 400_000,
            1_000_000 => 800_000,
        },
        EnhancedUploadFloat = "增强版人脸核身（自传照片）-浮层 H5" packs {
            1_000 => 280,
            10_000 => 2_700,
            100_000 => 26_000,
            200_000 => 50_000,
            500_000 => 115_000,
            1_000_000 => 230_000,
        },
        BasicAuthority = "基础版人脸核身（权威库）" packs {
            1_000 => 930,
            10_000 => 8_000,
            100_000 => 75_000,
            200_000 => 140_000,
            500_000 => 340_000,
            1_000_000 => 660_000,
        },
        BasicUpload = "基础版人脸核身（自传照片）" packs {
            1_000 => 145,
            10_000 => 1_200,
            100_000 => 11_500,
            200_000 => 22_000,
            500_000 => 52_500,
            1_000_000 => 100_000,
        },
        /// The price document calls this label 身份信息核验.
        IdCardInfo = "身份证信息核验" aka ["身份信息核验"] packs {
            1_000 => 300,
            10_000 => 2_800,
            100_000 => 26_000,
            200_000 => 48_000,
            500_000 => 115_000,
            1_000_000 => 220_000,
        },
        IdNameDate = "身份信息及有效期核验" packs {
            1_000 => 1_500,
            10_000 => 14_000,
            100_000 => 130_000,
            200_000 => 240_000,
            500_000 => 550_000,
            1_000_000 => 1_000_000,
        },
        /// The 50万次 and 100万次 sizes are `-` (not sold).
        BankCardInfo = "银行卡信息核验" packs {
            1_000 => 380,
            10_000 => 3_700,
            100_000 => 35_000,
            200_000 => 66_000,
        },
        /// The document prints the 1千次 pack `2800元`, more than its 1万次 pack (2,700); 价格说明
        /// （月结） sells it at 280, which is taken.
        BankCardBasic = "银行卡基础信息查询" packs {
            1_000 => 280,
            10_000 => 2_700,
            100_000 => 26_000,
            200_000 => 36_000,
        },
        /// The document prints the 1千次 pack `3800元`, as much as its 1万次 pack; 价格说明（月结）
        /// sells it at 380, which is taken.
        PhoneTenureStatus = "手机号在网时长/状态查询" packs {
            1_000 => 380,
            10_000 => 3_800,
            100_000 => 37_000,
            200_000 => 72_000,
        },
        /// Sold without packs (`-`).
        PhoneTwoFactor = "手机号信息核验（二要素）" aka ["手机号信息核验(二要素)"] packs none,
        /// The price document writes `手机号信息核验(三要素)`, the label table
        /// `手机号信息核验（三要素）`.
        PhoneThreeFactor = "手机号信息核验（三要素）"
            aka ["手机号信息核验(三要素)", "手机号三要素"] packs {
            1_000 => 1_050,
            10_000 => 10_000,
            100_000 => 95_000,
            200_000 => 180_000,
        },
        /// Sold without packs (`-`).
        PhoneThreeFactorCmcc = "手机号信息核验(三要素)-移动" aka ["手机号信息核验（三要素）-移动"]
            packs none,
        /// Sold without packs (`-`).
        PhoneThreeFactorCtcc = "手机号信息核验(三要素)-电信" aka ["手机号信息核验（三要素）-电信"]
            packs none,
        /// Sold without packs (`-`).
        PhoneThreeFactorCucc = "手机号信息核验(三要素)-联通" aka ["手机号信息核验（三要素）-联通"]
            packs none,
        EidAuthority = "E证通（权威库）" aka ["E 证通（权威库）"] packs {
            1_000 => 1_400,
            5_000 => 6_500,
            10_000 => 12_000,
            100_000 => 100_000,
        },
        /// 价格说明（日结） sells packs for 意愿核身; 价格说明（new） @a1d496ba, for 月结, did not.
        IntentionAuthority = "意愿核身（权威库）" packs {
            1_000 => 1_450,
            10_000 => 14_400,
            100_000 => 142_000,
            200_000 => 280_000,
            500_000 => 690_000,
            1_000_000 => 1_350_000,
        },
        /// As 意愿核身（权威库）.
        IntentionUpload = "意愿核身（自传照片）" packs {
            1_000 => 730,
            10_000 => 7_200,
            100_000 => 71_000,
            200_000 => 138_000,
            500_000 => 335_000,
            1_000_000 => 650_000,
        },
        /// 暂不支持购买预付费资源包抵扣.
        IdCardNfc = "证件 NFC 识别" packs none,
    }

    /// 增强版人脸核身.
    section Enhanced = "增强版人脸核身" compare [Authority, Upload] {
        [
            WechatNativeH5 = "微信原生 H5" (42656) codes DetectAuthPlus actions [DetectAuth],
            WechatMiniProgram = "微信小程序" (31071) codes DetectAuthPlus actions [DetectAuth],
        ] => {
            Authority => EnhancedAuthorityWechat / EnhancedAuthorityWechat,
            Upload => EnhancedUploadWechat / EnhancedUploadWechat,
        },
        EnhancedAppSdk = "增强版 App SDK" aka ["增强版 SDK（APP）"] (57617) codes AppSdk
            actions [GetFaceIdToken, GetFaceIdResult]
        => {
            Authority => EnhancedAuthorityApp / EnhancedAuthorityApp,
            Upload => EnhancedUploadApp / EnhancedUploadApp,
        },
        [
            WechatFloatH5 = "微信浮层 H5" (78124) codes DetectAuthPlus actions [DetectAuth],
            MobileFloatH5 = "移动浮层 H5" (61072) codes DetectAuthPlus actions [DetectAuth],
        ] => {
            Authority => EnhancedAuthorityFloat / EnhancedAuthorityFloat,
            Upload => EnhancedUploadFloat / EnhancedUploadFloat,
        },
    }

    /// 基础版人脸核身. The document writes the basic SDK `基础版 SDK（APP）`; it is named as the
    /// other editions name it.
    section Basic = "基础版人脸核身" compare [Authority, Upload] {
        [
            WechatH5 = "微信普通 H5" (42656) codes DetectAuthH5 actions [DetectAuth],
            PcH5 = "PC H5" (35893) codes DetectAuthH5 actions [DetectAuth],
            BasicAppSdk = "基础版 App SDK" aka ["App SDK", "基础版 SDK（APP）", "基础版App SDK"]
                (35866) codes AppSdk actions [GetFaceIdToken, GetFaceIdResult],
        ] => {
            Authority => BasicAuthority / BasicAuthority,
            Upload => BasicUpload / BasicUpload,
        },
        LivenessRecognitionApi = "活体人脸核身 API" (31818) codes ApiFace
            actions [LivenessRecognition]
        => {
            Authority => BasicAuthority / BasicAuthority,
            Upload => not offered,
        },
        ImageRecognitionApi = "照片人脸核身 API" (31820) codes ApiFace
            actions [ImageRecognition, ImageRecognitionV2]
        => {
            Authority => BasicAuthority / BasicAuthority,
            Upload => not offered,
        },
        LivenessCompareApi = "活体人脸比对 API" (31819) codes ApiFace actions [LivenessCompare]
        => {
            Authority => not offered,
            Upload => BasicUpload / BasicUpload,
        },
        IdCardPhotoApi = "身份证人像照片验真 API" (47276) codes ApiFace
            actions [CheckIdCardInformation]
        => {
            Authority => BasicAuthority / BasicAuthority,
            Upload => not offered,
        },
    }

    /// 实名信息核验, in the order of the label table.
    section RealName = "实名信息核验" {
        [
            IdentityVerification = "身份信息认证" (33188) codes IdCardVerification
                actions [IdCardVerification],
            IdCardOcrVerification = "身份证识别及信息核验" (37980) codes IdCardOcrVerification
                actions [IdCardOCRVerification],
        ] => IdCardInfo / IdCardInfo,
        [
            BankCard2E = "银行卡二要素" (35776) codes BankCard2E actions [BankCard2EVerification],
            BankCard3E = "银行卡三要素" (33848) codes BankCard3E actions [BankCardVerification],
            BankCard4E = "银行卡四要素" (35775) codes BankCard4E actions [BankCard4EVerification],
        ] => BankCardInfo / BankCardInfo,
        [
            PhoneTenure = "手机号在网时长核验" (40546) codes PhoneTenure
                actions [MobileNetworkTimeVerification],
            PhoneStatus = "手机号状态查询" (40545) codes PhoneStatus actions [MobileStatus],
        ] => PhoneTenureStatus / PhoneTenureStatus,
        BankCardBasic = "银行卡基础信息查询" (47837) codes BankCardBasic
            actions [CheckBankCardInformation]
        => BankCardBasic / BankCardBasic,
        IdNameDate = "身份信息及有效期核验" (60075) codes IdNameDate actions [CheckIdNameDate]
        => IdNameDate / IdNameDate,
        PhoneTwoFactor = "手机号二要素核验" (50364) codes PhoneTwoFactor
            actions [CheckPhoneAndName]
        => PhoneTwoFactor / PhoneTwoFactor,
        PhoneThreeFactor = "手机号三要素核验" (39765) codes PhoneThreeFactor
            actions [PhoneVerification]
        => PhoneThreeFactor / PhoneThreeFactor,
        // The carrier APIs (PhoneVerificationCMCC / CTCC / CUCC) bill under the carrier labels
        // of the price document; the label table lists neither them nor a page: they are
        // linked to 手机号三要素核验's page.
        PhoneThreeFactorCmcc = "手机号三要素核验（移动）" (39765) codes PhoneThreeFactorCarrier
            actions [PhoneVerificationCMCC]
        => PhoneThreeFactorCmcc / PhoneThreeFactorCmcc,
        PhoneThreeFactorCtcc = "手机号三要素核验（电信）" (39765) codes PhoneThreeFactorCarrier
            actions [PhoneVerificationCTCC]
        => PhoneThreeFactorCtcc / PhoneThreeFactorCtcc,
        PhoneThreeFactorCucc = "手机号三要素核验（联通）" (39765) codes PhoneThreeFactorCarrier
            actions [PhoneVerificationCUCC]
        => PhoneThreeFactorCucc / PhoneThreeFactorCucc,
    }

    /// E证通.
    section Eid = "E证通" compare [Authority] {
        Eid = "E证通" aka ["E 证通"] (54116) codes EidPlus actions [GetEidToken, GetEidResult]
        => {
            Authority => EidAuthority / EidAuthority,
        },
    }

    /// 意愿核身. The label table names the channel by its labels and links no page; doc
    /// 115319 is its result codes'.
    section Intention = "意愿核身" compare [Authority, Upload] {
        Intention = "意愿核身" (115319) codes Intention => {
            Authority => IntentionAuthority / IntentionAuthority,
            Upload => IntentionUpload / IntentionUpload,
        },
    }

    /// 实证 NFC. The label table links no page; doc 84321 (价格说明（日结）) describes it.
    section Nfc = "实证 NFC" compare [Authority] {
        Nfc = "实证 NFC" (84321) codes Nfc => {
            Authority => IdCardNfc / IdCardNfc,
        },
    }
}
