// The current edition: 购买指南/计费概述（new）.md @0043c7b1 (doc 56803, 计费概述（new）), for
// accounts that opened Face ID on or after 2021-06-22, as documented in 2021, with the prices
// of 购买指南/价格说明（new）.md @0fee6183 (doc 56804). Sections and rows follow the document top
// to bottom. One label serves both payment modes: each label is declared once under
// `postpaid` and once under `prepaid`, with the same identifier and doc name. Later changes
// (the 2022 phone-label split, daily settlement from 2023, 浮层 H5, 意愿核身, 实证 NFC, 身份信息及
// 有效期核验 — in neither 2021 document) belong to later editions and are not in this table.
face_id_table! {
    /// 计费概述（new）: the billing labels of accounts that opened Face ID on or after
    /// 2021-06-22, as documented in 2021, with the prices of 价格说明（new） (doc 56804).
    pub mod current {
        title: "计费概述（new）",
        doc: 56803,
        opened: from "2021-06-22",
        // 后付费: 当月1-5号为您推送上个自然月账单并进行扣费结算 (@0043c7b1).
        settlement: monthly { bill_days: 1..=5 },
    }

    // 价格说明（new） @0fee6183, 后付费 (元/次). The face labels and E证通 have one price per
    // call; the 实名信息核验 labels are priced 月调用量阶梯到达: every call of a month at the tier
    // the month's total reaches. 联系商务 (negotiated) has no list price.
    postpaid {
        EnhancedAuthorityWechat = "增强版人脸核身（权威库）-微信" tiers {
            1.. => 1.20,
        },
        EnhancedUploadWechat = "增强版人脸核身（自传照片）-微信" tiers {
            1.. => 0.30,
        },
        /// The price document writes `-APP`, the label table `-App`.
        EnhancedAuthorityApp = "增强版人脸核身（权威库）-App"
            aka ["增强版人脸核身（权威库）-APP"] tiers {
            1.. => 1.20,
        },
        /// The price document writes `-APP`, the label table `-App`.
        EnhancedUploadApp = "增强版人脸核身（自传照片）-App"
            aka ["增强版人脸核身（自传照片）-APP"] tiers {
            1.. => 0.30,
        },
        BasicAuthority = "基础版人脸核身（权威库）" tiers {
            1.. => 1.00,
        },
        BasicUpload = "基础版人脸核身（自传照片）" tiers {
            1.. => 0.15,
        },
        /// The price document calls this label 身份信息核验.
        IdCardInfo = "身份证信息核验" aka ["身份信息核验"] tiers {
            1..1_000 => 0.30,
            1_000..10_000 => 0.30,
            10_000..100_000 => 0.28,
            100_000..200_000 => 0.26,
            200_000.. => negotiated,
        },
        BankCardInfo = "银行卡信息核验" tiers {
            1..1_000 => 0.40,
            1_000..10_000 => 0.38,
            10_000..100_000 => 0.36,
            100_000..200_000 => 0.34,
            200_000.. => negotiated,
        },
        /// One label for both phone APIs in 2021; it was split into （二要素） and （三要素）
        /// on 2022-01-01, a later edition.
        PhoneInfo = "手机号信息核验" tiers {
            1..1_000 => 0.40,
            1_000..10_000 => 0.38,
            10_000..100_000 => 0.36,
            100_000..200_000 => 0.36,
            200_000.. => negotiated,
        },
        PhoneTenureStatus = "手机号在网时长/状态查询" tiers {
            1..1_000 => 0.40,
            1_000..10_000 => 0.38,
            10_000..100_000 => 0.36,
            100_000..200_000 => 0.36,
            200_000.. => negotiated,
        },
        /// The label table of @0043c7b1 names this label 增值服务; the price document (and
        /// every later label table) calls it 银行卡基础信息查询. The doc name follows the label
        /// table, as 身份证信息核验 does, and the price document's name is an alias.
        BankCardBasic = "增值服务" aka ["银行卡基础信息查询"] tiers {
            1..1_000 => 0.30,
            1_000..10_000 => 0.30,
            10_000..100_000 => 0.30,
            100_000..200_000 => 0.20,
            200_000.. => negotiated,
        },
        /// The label table writes `E 证通（权威库）`, the price document `E证通（权威库）`;
        /// names match either way.
        EidAuthority = "E 证通（权威库）" tiers {
            1.. => 1.50,
        },
    }

    // 价格说明（new） @0fee6183, 预付费资源包 (calls => 元).
    prepaid {
        EnhancedAuthorityWechat = "增强版人脸核身（权威库）-微信" packs {
            1_000 => 1_150,
            10_000 => 11_000,
            100_000 => 100_000,
            200_000 => 180_000,
            500_000 => 400_000,
            1_000_000 => 800_000,
        },
        EnhancedUploadWechat = "增强版人脸核身（自传照片）-微信" packs {
            1_000 => 280,
            10_000 => 2_700,
            100_000 => 26_000,
            200_000 => 50_000,
            500_000 => 115_000,
            1_000_000 => 230_000,
        },
        /// The price document writes `-APP`, the label table `-App`.
        EnhancedAuthorityApp = "增强版人脸核身（权威库）-App"
            aka ["增强版人脸核身（权威库）-APP"] packs {
            1_000 => 1_150,
            10_000 => 11_000,
            100_000 => 100_000,
            200_000 => 180_000,
            500_000 => 400_000,
            1_000_000 => 800_000,
        },
        /// The price document writes `-APP`, the label table `-App`.
        EnhancedUploadApp = "增强版人脸核身（自传照片）-App"
            aka ["增强版人脸核身（自传照片）-APP"] packs {
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
        BankCardInfo = "银行卡信息核验" packs {
            1_000 => 380,
            10_000 => 3_700,
            100_000 => 35_000,
            200_000 => 66_000,
        },
        PhoneInfo = "手机号信息核验" packs {
            1_000 => 380,
            10_000 => 3_800,
            100_000 => 37_000,
            200_000 => 72_000,
        },
        /// The label table of @0043c7b1 says 是否支持预付费: 否 for this label, but the price
        /// document of the same time (@0fee6183) sells these packs, and so do all later price
        /// documents. The packs are listed: the price document is the one that sells, and a
        /// pack a customer holds must be able to pay for calls.
        PhoneTenureStatus = "手机号在网时长/状态查询" packs {
            1_000 => 380,
            10_000 => 3_800,
            100_000 => 37_000,
            200_000 => 72_000,
        },
        /// 增值服务 = 银行卡基础信息查询. As for 手机号在网时长/状态查询: @0043c7b1 says
        /// 是否支持预付费: 否, @0fee6183 sells these packs; the packs are listed.
        BankCardBasic = "增值服务" aka ["银行卡基础信息查询"] packs {
            1_000 => 280,
            10_000 => 2_700,
            100_000 => 26_000,
            200_000 => 36_000,
        },
        /// The price table declares six sizes (`rowspan=6`) but lists these four.
        EidAuthority = "E 证通（权威库）" packs {
            1_000 => 1_400,
            5_000 => 6_500,
            10_000 => 12_000,
            100_000 => 100_000,
        },
    }

    /// 增强版人脸核身. @0043c7b1 links the enhanced App SDK to doc 35866, the page of the
    /// App SDK (later versions link 57617 and name it 增强版 SDK（APP）); the link is kept as
    /// written.
    section Enhanced = "增强版人脸核身" compare [Authority, Upload] {
        [
            WechatNativeH5 = "微信原生 H5" (42656) codes DetectAuthPlus actions [DetectAuth],
            WechatMiniProgram = "微信小程序" (31071) codes DetectAuthPlus actions [DetectAuth],
        ] => {
            Authority => EnhancedAuthorityWechat / EnhancedAuthorityWechat,
            Upload => EnhancedUploadWechat / EnhancedUploadWechat,
        },
        EnhancedAppSdk = "增强版 App SDK" aka ["增强版 SDK（APP）"] (35866) codes AppSdk
            actions [GetFaceIdToken, GetFaceIdResult]
        => {
            Authority => EnhancedAuthorityApp / EnhancedAuthorityApp,
            Upload => EnhancedUploadApp / EnhancedUploadApp,
        },
    }

    /// 基础版人脸核身. The document writes the basic SDK as `App SDK`; it is named here as
    /// the legacy edition names it, so that it is not taken for the enhanced one.
    section Basic = "基础版人脸核身" compare [Authority, Upload] {
        [
            WechatH5 = "微信普通 H5" (42656) codes DetectAuthH5 actions [DetectAuth],
            StandaloneH5 = "独立 H5" (35883) codes DetectAuthH5 actions [DetectAuth],
            PcH5 = "PC H5" (35893) codes DetectAuthH5 actions [DetectAuth],
            BasicAppSdk = "基础版 App SDK" aka ["App SDK", "基础版 SDK（APP）"] (35866)
                codes AppSdk actions [GetFaceIdToken, GetFaceIdResult],
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

    /// 实名信息核验. @0043c7b1 has the legacy document's stray `<tr>` in the first group;
    /// read as a browser reads it, the group's `rowspan =4` covers three APIs.
    section RealName = "实名信息核验" {
        [
            IdentityVerification = "身份信息认证" (33188) codes IdCardVerification
                actions [IdCardVerification],
            IdCardOcrVerification = "身份证识别及信息核验" (37980) codes IdCardOcrVerification
                actions [IdCardOCRVerification],
            WechatRealNameAuth = "微信实名认证授权" aka ["微信实名认证授权 API"] (51441)
                codes RealNameAuth actions [GetRealNameAuthToken, GetRealNameAuthResult],
        ] => IdCardInfo / IdCardInfo,
        [
            BankCard2E = "银行卡二要素" (35776) codes BankCard2E actions [BankCard2EVerification],
            BankCard3E = "银行卡三要素" (33848) codes BankCard3E actions [BankCardVerification],
            BankCard4E = "银行卡四要素" (35775) codes BankCard4E actions [BankCard4EVerification],
        ] => BankCardInfo / BankCardInfo,
        // In 2021 both phone APIs share 手机号信息核验; this document lists 三要素 first and
        // links 二要素 to its own page, 50364.
        [
            PhoneThreeFactor = "手机号三要素核验" (39765) codes PhoneThreeFactor
                actions [PhoneVerification, PhoneVerificationCMCC, PhoneVerificationCTCC,
                    PhoneVerificationCUCC],
            PhoneTwoFactor = "手机号二要素核验" (50364) codes PhoneTwoFactor
                actions [CheckPhoneAndName],
        ] => PhoneInfo / PhoneInfo,
        [
            PhoneTenure = "手机号在网时长核验" (40546) codes PhoneTenure
                actions [MobileNetworkTimeVerification],
            PhoneStatus = "手机号状态查询" (40545) codes PhoneStatus actions [MobileStatus],
        ] => PhoneTenureStatus / PhoneTenureStatus,
        BankCardBasic = "银行卡基础信息查询" (47837) codes BankCardBasic
            actions [CheckBankCardInformation]
        => BankCardBasic / BankCardBasic,
    }

    /// E证通 (the document writes `E 证通`).
    section Eid = "E 证通" compare [Authority] {
        Eid = "E 证通" (54116) codes EidPlus actions [GetEidToken, GetEidResult] => {
            Authority => EidAuthority / EidAuthority,
        },
    }
}
