// The legacy edition: 购买指南/计费概述.md @147a80ed (doc 31005, 计费概述（旧）), for accounts
// that opened Face ID before 2021-06-22, with the prices of 购买指南/价格说明.md @0f66dc54
// (doc 51350). Sections and rows follow the document top to bottom; the result codes follow
// the error-code pages of the time (see each family).
crate::billing_table! {
    /// 计费概述（旧）: the billing labels of accounts that opened Face ID before 2021-06-22,
    /// with the prices of 价格说明 (doc 51350).
    pub mod legacy {
        title: "计费概述（旧）",
        doc: 31005,
        opened: before "2021-06-22",
        bill_days: 1..=3,
    }

    sources {
        /// The face is compared with the authoritative (public security) database.
        Authority = "跟权威库比对" aka ["权威库"],
        /// The face is compared with a photo the customer uploads.
        Upload = "跟上传照片比对" aka ["上传照片", "自传照片"],
    }

    // 价格说明 @0f66dc54, 后付费 (元/次). Every call of a month is priced at the tier the
    // month's total reaches; 联系商务 (negotiated) has no list price.
    postpaid {
        LivenessRecognition = "活体人脸核身" tiers {
            1..1_000 => 1.00,
            1_000..10_000 => 0.85,
            10_000..100_000 => 0.75,
            100_000..200_000 => 0.68,
            200_000.. => negotiated,
        },
        ImageRecognition = "照片人脸核身" tiers {
            1..1_000 => 1.00,
            1_000..10_000 => 0.85,
            10_000..100_000 => 0.75,
            100_000..200_000 => 0.68,
            200_000.. => negotiated,
        },
        LivenessCompare = "活体人脸比对" tiers {
            1..1_000 => 0.15,
            1_000..10_000 => 0.13,
            10_000..100_000 => 0.11,
            100_000..200_000 => 0.11,
            200_000.. => negotiated,
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
        /// @0f66dc54 gives this label no price; these tiers are those of the earlier
        /// 价格说明 @e50aa444 (the same figures recur in 价格说明（new） @0fee6183).
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
        BankCardBasic = "银行卡基础信息查询" tiers {
            1..1_000 => 0.30,
            1_000..10_000 => 0.30,
            10_000..100_000 => 0.30,
            100_000..200_000 => 0.20,
            200_000.. => negotiated,
        },
        /// A flat price per call.
        EidAuthority = "E证通（权威库）" tiers {
            1.. => 1.50,
        },
    }

    // 价格说明 @0f66dc54, 预付费资源包 (calls => 元). The label table writes ASCII
    // parentheses, the price table full-width ones; names match either way.
    prepaid {
        EnhancedAuthorityWechat = "增强版人脸核身(权威库)-微信" packs {
            1_000 => 1_150,
            10_000 => 11_000,
            100_000 => 100_000,
            200_000 => 180_000,
            500_000 => 400_000,
            1_000_000 => 800_000,
        },
        EnhancedUploadWechat = "增强版人脸核身(自传照片)-微信" packs {
            1_000 => 280,
            10_000 => 2_700,
            100_000 => 26_000,
            200_000 => 50_000,
            500_000 => 115_000,
            1_000_000 => 230_000,
        },
        BasicAuthority = "基础版人脸核身(权威库)" packs {
            1_000 => 930,
            10_000 => 8_000,
            100_000 => 75_000,
            200_000 => 140_000,
            500_000 => 340_000,
            1_000_000 => 660_000,
        },
        BasicUpload = "基础版人脸核身(自传照片)" packs {
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
        /// No legacy price document sells packs of this label; these are the packs of
        /// 价格说明（new） @0fee6183, the nearest version that does.
        PhoneInfo = "手机号信息核验" packs {
            1_000 => 380,
            10_000 => 3_800,
            100_000 => 37_000,
            200_000 => 72_000,
        },
        PhoneTenureStatus = "手机号在网时长/状态查询" packs {
            1_000 => 380,
            10_000 => 3_800,
            100_000 => 37_000,
            200_000 => 72_000,
        },
        BankCardBasic = "银行卡基础信息查询" packs {
            1_000 => 280,
            10_000 => 2_700,
            100_000 => 26_000,
            200_000 => 36_000,
        },
        /// The price table declares six sizes (`rowspan=6`) but lists these four.
        EidAuthority = "E证通（权威库）" packs {
            1_000 => 1_400,
            5_000 => 6_500,
            10_000 => 12_000,
            100_000 => 100_000,
        },
    }

    codes {
        /// DetectAuth results of 微信原生 H5 and 微信小程序 (error codes, doc 213/32309 of
        /// 2021). From 2021-07-19 the codes 2007 and 2009–2015 are no longer billed. The
        /// page's 2xxx rows are cut off; 2001–2005 and 2008 (not billed) and 2006 and 2016
        /// (billed) follow the later page 1007/31082.
        DetectAuthWechat = "DetectAuth（微信原生 H5、微信小程序）" {
            billed [0, 2006, 2007, 2009..=2016],
            not_billed [
                1..=4, 8, 10, 12..=17, 201..=204, 301..=303, 1001..=1007, 1101..=1109,
                1201..=1205, 2001..=2005, 2008,
            ],
            from "2021-07-19" not_billed [2007, 2009..=2015],
        },
        /// DetectAuth results of the basic H5 channels. The documents give these channels
        /// no code list of their own: they take the DetectAuth list of doc 213/32309 without
        /// its 2021-07-19 change, which names 微信原生H5, 微信小程序 and E证通 only.
        DetectAuthH5 = "DetectAuth（微信普通 H5、独立 H5、PC H5）" {
            billed [0, 2006, 2007, 2009..=2016],
            not_billed [
                1..=4, 8, 10, 12..=17, 201..=204, 301..=303, 1001..=1007, 1101..=1109,
                1201..=1205, 2001..=2005, 2008,
            ],
        },
        /// The App SDK's back-end result codes (doc 101997). The documents give the basic
        /// App SDK no list of its own; it takes this one.
        AppSdk = "App SDK（GetFaceIdResult）" {
            billed [0, 2006, 2007, 2009, 2011..=2016],
            not_billed [
                2..=4, 7, 8, 14, 15, 17..=19, 1001, 1003..=1005, 1007, 1202, 2001..=2005, 2017,
            ],
        },
        /// API 3.0 face verification (doc 47911): LivenessRecognition, ImageRecognition,
        /// LivenessCompare, CheckIdCardInformation. Billed: `Success`,
        /// `FailedOperation.IdNameMisMatch`, `FailedOperation.CompareLowSimilarity` (47911).
        /// Not billed: every other `FailedOperation` code that the four actions may return,
        /// as listed per action in TencentCloud/tencentcloud-sdk-go
        /// `tencentcloud/faceid/v20180301/client.go` @098631f9 (2021) and @4dcd90ad.
        ApiFace = "API 3.0 人脸核验类" {
            billed [
                "Success",
                "FailedOperation.IdNameMisMatch",
                "FailedOperation.CompareLowSimilarity",
            ],
            not_billed [
                "FailedOperation.ActionCloseEye",
                "FailedOperation.ActionFaceClose",
                "FailedOperation.ActionFaceFar",
                "FailedOperation.ActionFaceLeft",
                "FailedOperation.ActionFaceRight",
                "FailedOperation.ActionFirstAction",
                "FailedOperation.ActionLightDark",
                "FailedOperation.ActionLightStrong",
                "FailedOperation.ActionNodetectFace",
                "FailedOperation.ActionOpenMouth",
                "FailedOperation.CompareFail",
                "FailedOperation.CompareSystemError",
                "FailedOperation.DecryptSystemError",
                "FailedOperation.DownLoadError",
                "FailedOperation.DownLoadTimeoutError",
                "FailedOperation.EmptyImageError",
                "FailedOperation.EncryptSystemError",
                "FailedOperation.FileSaveError",
                "FailedOperation.IdFormatError",
                "FailedOperation.IdNoExistSystem",
                "FailedOperation.IdPhotoNoExist",
                "FailedOperation.IdPhotoPoorQuality",
                "FailedOperation.IdPhotoSystemNoanswer",
                "FailedOperation.ImageBlur",
                "FailedOperation.ImageDecodeFailed",
                "FailedOperation.ImageNoIdCard",
                "FailedOperation.ImageSizeTooLarge",
                "FailedOperation.LifePhotoDetectFaces",
                "FailedOperation.LifePhotoDetectFake",
                "FailedOperation.LifePhotoDetectNoFaces",
                "FailedOperation.LifePhotoPoorQuality",
                "FailedOperation.LifePhotoSizeError",
                "FailedOperation.LipFaceIncomplete",
                "FailedOperation.LipMoveSmall",
                "FailedOperation.LipNetFailed",
                "FailedOperation.LipSizeError",
                "FailedOperation.LipVideoInvalid",
                "FailedOperation.LipVideoQuaility",
                "FailedOperation.LipVoiceDetect",
                "FailedOperation.LipVoiceLow",
                "FailedOperation.LipVoiceRecognize",
                "FailedOperation.LivessBestFrameError",
                "FailedOperation.LivessDetectFail",
                "FailedOperation.LivessDetectFake",
                "FailedOperation.LivessSystemError",
                "FailedOperation.LivessUnknownError",
                "FailedOperation.NameFormatError",
                "FailedOperation.OcrFailed",
                "FailedOperation.RequestLimitExceeded",
                "FailedOperation.SilentDetectFail",
                "FailedOperation.SilentEyeLiveFail",
                "FailedOperation.SilentFaceDetectFail",
                "FailedOperation.SilentFaceQualityFail",
                "FailedOperation.SilentFaceWithMaskFail",
                "FailedOperation.SilentMouthLiveFail",
                "FailedOperation.SilentMultiFaceFail",
                "FailedOperation.SilentPictureLiveFail",
                "FailedOperation.SilentThreshold",
                "FailedOperation.SilentTooShort",
                "FailedOperation.StsUnAuthErrError",
                "FailedOperation.UnKnown",
            ],
        },
        /// IdCardVerification `Result` (SDK field docs). -6 and -7 appeared in 2022.
        IdCardVerification = "IdCardVerification" {
            billed [0, -1],
            not_billed [-7..=-2],
        },
        /// IdCardOCRVerification `Result` (SDK field docs).
        IdCardOcrVerification = "IdCardOCRVerification" {
            billed [0, -1],
            not_billed [-7..=-2],
        },
        /// GetRealNameAuthResult `ResultType` (SDK of 2021; removed 2023-01-06).
        RealNameAuth = "GetRealNameAuthResult" {
            billed [0, -1, -2],
            not_billed [-3],
        },
        /// BankCard2EVerification `Result` (SDK field docs).
        BankCard2E = "BankCard2EVerification" {
            billed [0, -1, -15..=-4, -18],
            not_billed [-3, -2, -17, -16],
        },
        /// BankCardVerification `Result` (SDK field docs).
        BankCard3E = "BankCardVerification" {
            billed [0, -1, -16..=-5, -20],
            not_billed [-4..=-2, -19..=-17],
        },
        /// BankCard4EVerification `Result` (SDK field docs).
        BankCard4E = "BankCard4EVerification" {
            billed [0, -1, -17..=-6, -21],
            not_billed [-5..=-2, -20..=-18],
        },
        /// CheckPhoneAndName `Result` (SDK field docs).
        PhoneTwoFactor = "CheckPhoneAndName" {
            billed [0, 1],
            not_billed [-6..=-1, -13],
        },
        /// PhoneVerification `Result` (SDK field docs). -5 (billed) left the docs on
        /// 2022-03-09 and -10 (not billed) on 2022-01-21; both stay, for logs of their time.
        PhoneThreeFactor = "PhoneVerification" {
            billed [0, -4, -5],
            not_billed [-13..=-6],
        },
        /// MobileNetworkTimeVerification `Result` (SDK field docs).
        PhoneTenure = "MobileNetworkTimeVerification" {
            billed [0, -3, -2],
            not_billed [-1, -5, -4, -13],
        },
        /// MobileStatus `Result` (SDK field docs).
        PhoneStatus = "MobileStatus" {
            billed [0],
            not_billed [-4..=-1, -13],
        },
        /// CheckBankCardInformation `Result` (SDK field docs).
        BankCardBasic = "CheckBankCardInformation" {
            billed [0, -1, -5],
            not_billed [-4..=-2, -6],
        },
        /// E证通 results (doc 213/32309): as DetectAuth on WeChat, with the same 2021-07-19
        /// change.
        Eid = "E证通（GetEidResult）" {
            billed [0, 2006, 2007, 2009..=2016],
            not_billed [
                1..=4, 8, 10, 12..=17, 201..=204, 301..=303, 1001..=1007, 1101..=1109,
                1201..=1205, 2001..=2005, 2008,
            ],
            from "2021-07-19" not_billed [2007, 2009..=2015],
        },
    }

    /// 增强版人脸核身. WeChat native H5 and mini program were upgraded to the enhanced
    /// edition on 2021-06-22 with their postpaid price unchanged.
    section Enhanced = "增强版人脸核身" compare [Authority, Upload] {
        [
            WechatNativeH5 = "微信原生 H5" (42656) codes DetectAuthWechat actions [DetectAuth],
            WechatMiniProgram = "微信小程序" (31071) codes DetectAuthWechat actions [DetectAuth],
        ] => {
            Authority => LivenessRecognition / EnhancedAuthorityWechat,
            Upload => LivenessCompare / EnhancedUploadWechat,
        },
    }

    /// 基础版人脸核身.
    section Basic = "基础版人脸核身" compare [Authority, Upload] {
        [
            WechatH5 = "微信普通 H5" (42656) codes DetectAuthH5 actions [DetectAuth],
            StandaloneH5 = "独立 H5" (35883) codes DetectAuthH5 actions [DetectAuth],
            PcH5 = "PC H5" (35893) codes DetectAuthH5 actions [DetectAuth],
            BasicAppSdk = "基础版 App SDK" (35866) codes AppSdk
                actions [GetFaceIdToken, GetFaceIdResult],
        ] => {
            Authority => LivenessRecognition / BasicAuthority,
            Upload => LivenessCompare / BasicUpload,
        },
        LivenessRecognitionApi = "活体人脸核身 API" (31818) codes ApiFace
            actions [LivenessRecognition]
        => {
            Authority => LivenessRecognition / BasicAuthority,
            Upload => not offered,
        },
        ImageRecognitionApi = "照片人脸核身 API" (31820) codes ApiFace
            actions [ImageRecognition, ImageRecognitionV2]
        => {
            Authority => ImageRecognition / BasicAuthority,
            Upload => not offered,
        },
        LivenessCompareApi = "活体人脸比对 API" (31819) codes ApiFace actions [LivenessCompare]
        => {
            Authority => not offered,
            Upload => LivenessCompare / BasicUpload,
        },
        IdCardPhotoApi = "身份证人像照片验真 API" (47276) codes ApiFace
            actions [CheckIdCardInformation]
        => {
            Authority => ImageRecognition / BasicAuthority,
            Upload => not offered,
        },
    }

    /// 实名信息核验. The document's HTML has a stray `<tr>` in the first group; read as a
    /// browser reads it, the group's `rowspan =4` covers three APIs.
    section RealName = "实名信息核验" {
        [
            IdentityVerification = "身份信息认证" (33188) codes IdCardVerification
                actions [IdCardVerification],
            IdCardOcrVerification = "身份证识别及信息核验" (37980) codes IdCardOcrVerification
                actions [IdCardOCRVerification],
            WechatRealNameAuth = "微信实名认证授权 API" (51441) codes RealNameAuth
                actions [GetRealNameAuthToken, GetRealNameAuthResult],
        ] => IdCardInfo / IdCardInfo,
        [
            BankCard2E = "银行卡二要素" (35776) codes BankCard2E actions [BankCard2EVerification],
            BankCard3E = "银行卡三要素" (33848) codes BankCard3E actions [BankCardVerification],
            BankCard4E = "银行卡四要素" (35775) codes BankCard4E actions [BankCard4EVerification],
        ] => BankCardInfo / BankCardInfo,
        // The document links both phone APIs to 39765; later documents give 50364 to the
        // two-factor one. The link is kept as written.
        [
            PhoneTwoFactor = "手机号二要素核验" (39765) codes PhoneTwoFactor
                actions [CheckPhoneAndName],
            PhoneThreeFactor = "手机号三要素核验" (39765) codes PhoneThreeFactor
                actions [PhoneVerification, PhoneVerificationCMCC, PhoneVerificationCTCC,
                    PhoneVerificationCUCC],
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

    /// E证通.
    section Eid = "E证通" compare [Authority] {
        Eid = "E证通" (54116) codes Eid actions [GetEidToken, GetEidResult] => {
            Authority => EidAuthority / EidAuthority,
        },
    }
}
