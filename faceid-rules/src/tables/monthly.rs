// The monthly edition (月结): 购买指南/计费概述（new）.md (doc 56803) and 购买指南/价格说明（new）.md
// (doc 56804, later titled 价格说明（月结）), for accounts that opened Face ID from 2021-06-22
// before 2023-01-04, through their versions: @0043c7b1 and @0fee6183 (2021) as the base,
// the phone labels' split of 2022-01-01, @95618cdf and @a1d496ba (2022), and @0e629ca4
// (2023; accounts opened before 2023-01-04 stay monthly, 结算周期调整说明 @127cfd62). One
// label serves both payment modes: each label is declared once under `postpaid` and once
// under `prepaid`, with the same identifier and doc name.
//
// A channel or label no document dates the launch of is listed from the edition's start (no
// call of it can predate its launch, so none is refused wrongly): 身份信息及有效期核验 and
// 意愿核身 (first in @95618cdf and @a1d496ba), the 浮层 H5 channels and 实证 NFC (first in
// @0e629ca4). One the documents drop is listed until the first version that no longer lists
// it (@0e629ca4, of 2023-01-04): 独立 H5 and 微信实名认证授权.
face_id_table! {
    /// 计费概述（new） with the prices of 价格说明（new）/（月结）: the billing labels of accounts
    /// that opened Face ID from 2021-06-22 before 2023-01-04, settled monthly.
    pub mod monthly {
        title: "计费概述（new）",
        doc: 56803,
        opened: from "2021-06-22" before "2023-01-04",
        // 当月1-3号为您推送上个自然月账单 (@95618cdf; the seed, 计费说明, 购买方式 and 欠费说明
        // say 次月1 - 3日 too). @0043c7b1 said 当月1-5号: the later version is taken.
        settlement: monthly { bill_days: 1..=3 },
    }

    // 价格说明（new） @0fee6183 and @a1d496ba, 后付费 (元/次). The face labels, E证通 and the
    // labels added later have one price per call; the 实名信息核验 labels are priced
    // 月调用量阶梯到达: every call of a month at the tier the month's total reaches.
    postpaid {
        EnhancedAuthorityWechat = "增强版人脸核身（权威库）-微信"
            aka ["增强版人脸核身（权威库）- 微信"] flat 1.20,
        EnhancedUploadWechat = "增强版人脸核身（自传照片）-微信"
            aka ["增强版人脸核身（自传照片）- 微信"] flat 0.30,
        /// The price document writes `-APP`, the label table `-App`.
        EnhancedAuthorityApp = "增强版人脸核身（权威库）-App"
            aka ["增强版人脸核身（权威库）-APP"] flat 1.20,
        /// The price document writes `-APP`, the label table `-App`.
        EnhancedUploadApp = "增强版人脸核身（自传照片）-App"
            aka ["增强版人脸核身（自传照片）-APP"] flat 0.30,
        /// 计费概述（new） @0e629ca4 lists the 浮层 H5 labels; no monthly price document read
        /// prices them: they take the price of -微信, as 价格说明（日结） @0e629ca4 does.
        EnhancedAuthorityFloat = "增强版人脸核身（权威库）-浮层 H5" flat 1.20,
        /// As 增强版人脸核身（权威库）-浮层 H5.
        EnhancedUploadFloat = "增强版人脸核身（自传照片）-浮层 H5" flat 0.30,
        BasicAuthority = "基础版人脸核身（权威库）" flat 1.00,
        BasicUpload = "基础版人脸核身（自传照片）" flat 0.15,
        /// The price document calls this label 身份信息核验.
        IdCardInfo = "身份证信息核验" aka ["身份信息核验"] tiers {
            1..1_000 => 0.30,
            1_000..10_000 => 0.30,
            10_000..100_000 => 0.28,
            100_000..200_000 => 0.26,
            200_000.. => negotiated,
        },
        /// 身份信息及有效期核验 (CheckIdNameDate), first in @95618cdf / @a1d496ba.
        IdNameDate = "身份信息及有效期核验" flat 1.80,
        BankCardInfo = "银行卡信息核验" tiers {
            1..1_000 => 0.40,
            1_000..10_000 => 0.38,
            10_000..100_000 => 0.36,
            100_000..200_000 => 0.34,
            200_000.. => negotiated,
        },
        /// One label for both phone APIs until the split.
        PhoneInfo = "手机号信息核验" tiers {
            1..1_000 => 0.40,
            1_000..10_000 => 0.38,
            10_000..100_000 => 0.36,
            100_000..200_000 => 0.36,
            200_000.. => negotiated,
        }
        until "2022-01-01" per PhoneLabels,
        /// 手机号二要素's label from 2022-01-01, at the tiers of 价格说明（new） @a1d496ba, the first
        /// price document with the label (the announcement changes only 三要素's price).
        PhoneTwoFactor = "手机号信息核验（二要素）" aka ["手机号信息核验(二要素)"]
        from "2022-01-01" per PhoneLabels tiers {
            1..1_000 => 0.38,
            1_000..10_000 => 0.38,
            10_000..100_000 => 0.37,
            100_000..200_000 => 0.36,
            200_000.. => negotiated,
        },
        /// 手机号三要素's label from 2022-01-01. 计费概述（new） @95618cdf writes it 手机号三要素.
        PhoneThreeFactor = "手机号信息核验（三要素）"
            aka ["手机号信息核验(三要素)", "手机号三要素"]
        from "2022-01-01" per PhoneLabels flat 1.10,
        PhoneTenureStatus = "手机号在网时长/状态查询" tiers {
            1..1_000 => 0.40,
            1_000..10_000 => 0.38,
            10_000..100_000 => 0.36,
            100_000..200_000 => 0.36,
            200_000.. => negotiated,
        },
        /// The label table of @0043c7b1 names this label 增值服务; the price documents, and
        /// the label table from @95618cdf, 银行卡基础信息查询. The rename is dated with the
        /// split @95618cdf also shows (no document dates it on its own).
        BankCardBasic = "增值服务" tiers {
            1..1_000 => 0.30,
            1_000..10_000 => 0.30,
            10_000..100_000 => 0.30,
            100_000..200_000 => 0.20,
            200_000.. => negotiated,
        }
        from "2022-01-01" per NewLabels2022 named "银行卡基础信息查询",
        /// The label table of @0043c7b1 writes `E证通（权威库）`, later versions too.
        EidAuthority = "E证通（权威库）" aka ["E 证通（权威库）"] flat 1.50,
        /// 意愿核身, postpaid only (价格说明（new） @a1d496ba: 暂不支持购买预付费资源包).
        IntentionAuthority = "意愿核身（权威库）" flat 1.50,
        /// As 意愿核身（权威库）.
        IntentionUpload = "意愿核身（自传照片）" flat 0.80,
        /// 实证 NFC: 计费概述（new） @0e629ca4; its price, 价格说明（日结） @0e629ca4, says it is
        /// billed postpaid (月结) only.
        IdCardNfc = "证件 NFC 识别" flat 1.00,
    }

    // 价格说明（new） @0fee6183 and @a1d496ba, 预付费资源包 (calls => 元).
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
        /// The packs of -微信, as for its price.
        EnhancedAuthorityFloat = "增强版人脸核身（权威库）-浮层 H5" packs {
            1_000 => 1_150,
            10_000 => 11_000,
            100_000 => 100_000,
            200_000 => 180_000,
            500_000 => 400_000,
            1_000_000 => 800_000,
        },
        /// The packs of -微信, as for its price.
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
        BankCardInfo = "银行卡信息核验" packs {
            1_000 => 380,
            10_000 => 3_700,
            100_000 => 35_000,
            200_000 => 66_000,
        },
        /// With the split of 2022-01-01 these packs are no longer sold; those bought deduct
        /// first for both new labels, then postpaid applies (手机号要素核验服务变更说明
        /// @1b16bbcb: 会优先抵扣资源包内的服务次数).
        PhoneInfo = "手机号信息核验" packs {
            1_000 => 380,
            10_000 => 3_800,
            100_000 => 37_000,
            200_000 => 72_000,
        }
        from "2022-01-01" per PhoneLabels packs none
        from "2022-01-01" per PhoneLabels covers [PhoneTwoFactor, PhoneThreeFactor],
        /// Never sold with packs.
        PhoneTwoFactor = "手机号信息核验（二要素）" aka ["手机号信息核验(二要素)"]
        from "2022-01-01" per PhoneLabels packs none,
        /// Packs on sale from 2022-01-04 10:00 (the announcement: 将于2022年1月4日10点上架). It
        /// and 价格说明（new） @a1d496ba print the 1万次 pack `1,0000` and the 10万次 pack
        /// `950,000`; 价格说明（日结） @0e629ca4 gives 10,000 and 95,000, which are taken.
        PhoneThreeFactor = "手机号信息核验（三要素）"
            aka ["手机号信息核验(三要素)", "手机号三要素"]
        from "2022-01-01" per PhoneLabels packs none
        from "2022-01-04 10:00" per PhoneLabels packs {
            1_000 => 1_050,
            10_000 => 10_000,
            100_000 => 95_000,
            200_000 => 180_000,
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
        BankCardBasic = "增值服务" packs {
            1_000 => 280,
            10_000 => 2_700,
            100_000 => 26_000,
            200_000 => 36_000,
        }
        from "2022-01-01" per NewLabels2022 named "银行卡基础信息查询",
        /// The price table declares six sizes (`rowspan=6`) but lists these four.
        EidAuthority = "E证通（权威库）" aka ["E 证通（权威库）"] packs {
            1_000 => 1_400,
            5_000 => 6_500,
            10_000 => 12_000,
            100_000 => 100_000,
        },
        /// Sold without packs (价格说明（new） @a1d496ba).
        IntentionAuthority = "意愿核身（权威库）" packs none,
        /// Sold without packs (价格说明（new） @a1d496ba).
        IntentionUpload = "意愿核身（自传照片）" packs none,
        /// Sold without packs.
        IdCardNfc = "证件 NFC 识别" packs none,
    }

    /// 增强版人脸核身. @0043c7b1 links the enhanced App SDK to doc 35866, the page of the
    /// basic SDK; later versions link 57617 and name it 增强版 SDK（APP）: the later link is
    /// taken.
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
        // 计费概述（new） @0e629ca4.
        [
            WechatFloatH5 = "微信浮层 H5" (78124) codes DetectAuthPlus actions [DetectAuth],
            MobileFloatH5 = "移动浮层 H5" (61072) codes DetectAuthPlus actions [DetectAuth],
        ] => {
            Authority => EnhancedAuthorityFloat / EnhancedAuthorityFloat,
            Upload => EnhancedUploadFloat / EnhancedUploadFloat,
        },
    }

    /// 基础版人脸核身. The document writes the basic SDK as `App SDK`; it is named here as
    /// the legacy edition names it, so that it is not taken for the enhanced one.
    section Basic = "基础版人脸核身" compare [Authority, Upload] {
        [
            WechatH5 = "微信普通 H5" (42656) codes DetectAuthH5 actions [DetectAuth],
            StandaloneH5 = "独立 H5" (35883) codes DetectAuthH5 actions [DetectAuth]
                until "2023-01-04" per NewLabels2023,
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

    /// 实名信息核验. @0043c7b1 has the legacy document's stray `<tr>` in the first group;
    /// read as a browser reads it, the group's `rowspan =4` covers three APIs.
    section RealName = "实名信息核验" {
        [
            IdentityVerification = "身份信息认证" (33188) codes IdCardVerification
                actions [IdCardVerification],
            IdCardOcrVerification = "身份证识别及信息核验" (37980) codes IdCardOcrVerification
                actions [IdCardOCRVerification],
            // GetRealNameAuthResult left the SDK on 2023-01-06.
            WechatRealNameAuth = "微信实名认证授权" aka ["微信实名认证授权 API"] (51441)
                codes RealNameAuth actions [GetRealNameAuthToken, GetRealNameAuthResult]
                until "2023-01-04" per NewLabels2023,
        ] => IdCardInfo / IdCardInfo,
        [
            BankCard2E = "银行卡二要素" (35776) codes BankCard2E actions [BankCard2EVerification],
            BankCard3E = "银行卡三要素" (33848) codes BankCard3E actions [BankCardVerification],
            BankCard4E = "银行卡四要素" (35775) codes BankCard4E actions [BankCard4EVerification],
        ] => BankCardInfo / BankCardInfo,
        // In 2021 both phone APIs share 手机号信息核验; this document lists 三要素 first and
        // links 二要素 to its own page, 50364. From 2022-01-01 each has its own label
        // (手机号要素核验服务变更说明 @1b16bbcb); @95618cdf links 三要素 to 33848, the bank
        // card's page: 39765 is kept.
        [
            PhoneThreeFactor = "手机号三要素核验" (39765) codes PhoneThreeFactor
                actions [PhoneVerification, PhoneVerificationCMCC, PhoneVerificationCTCC,
                    PhoneVerificationCUCC]
                from "2022-01-01" per PhoneLabels => PhoneThreeFactor / PhoneThreeFactor,
            PhoneTwoFactor = "手机号二要素核验" (50364) codes PhoneTwoFactor
                actions [CheckPhoneAndName]
                from "2022-01-01" per PhoneLabels => PhoneTwoFactor / PhoneTwoFactor,
        ] => PhoneInfo / PhoneInfo,
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
    }

    /// E证通.
    section Eid = "E证通" compare [Authority] {
        Eid = "E证通" aka ["E 证通"] (54116) codes EidPlus actions [GetEidToken, GetEidResult]
        => {
            Authority => EidAuthority / EidAuthority,
        },
    }

    /// 意愿核身 (内测 in @a1d496ba). The label table names the channel by its labels and links
    /// no page; doc 115319 is its result codes'.
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
