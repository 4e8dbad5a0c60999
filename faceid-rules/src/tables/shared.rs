// The definitions every edition of the Face ID documents shares, written once: the documents
// the editions' dated changes cite, the compare sources, and the families of billable result
// codes (a family's page is the same whatever edition an account belongs to). Each edition
// is written `face_id_table! { pub mod … }` and sees these as if written in it.
crate::billing_shared! {
    /// The documents, compare sources and result-code families of the Face ID documents.
    pub macro face_id_table;

    // `tencentyun/qcloud-documents`, `product/大数据与AI/人脸核身（云智慧眼）/`, at the commit
    // cited; the error-code pages of cloud.tencent.com by id.
    documents {
        /// 购买指南/价格说明.md of early 2021: WeChat channels bill under 微信活体人脸核身 and
        /// 微信活体人脸比对 from 2021-02-01.
        EarlyPrices = "价格说明" (51350) @ "e50aa444",
        /// 公告/产品变更说明.md: the enhanced edition launches on 2021-06-22; packs are
        /// renamed, old packs keep deducting; the enhanced App SDK gets -App packs.
        EnhancedLaunch = "产品变更说明" @ "ee3f121f",
        /// The Face ID error codes of 2021 (a copy under product 213): from 2021-07-19 2007
        /// and 2009–2015 are no longer billed for 微信原生H5, 微信小程序 and E证通.
        ErrorCodes2021 = "错误码" (213/32309),
        /// 公告/手机号要素核验服务变更说明.md: from 2022-01-01 00:00 the phone labels split and
        /// 三要素 costs 1.10; its packs go on sale 2022-01-04 10:00.
        PhoneLabels = "手机号要素核验服务变更说明" @ "1b16bbcb",
        /// 购买指南/计费概述（new）.md in 2022: names 银行卡基础信息查询 so.
        NewLabels2022 = "计费概述（new）" (56803) @ "95618cdf",
        /// 购买指南/价格说明（new）.md after the phone split: the prices of （二要素）.
        MonthlyPrices2022 = "价格说明（new）" (56804) @ "a1d496ba",
        /// 购买指南/计费概述（new）.md of 2023: the label table of daily settlement; drops 独立 H5
        /// and 微信实名认证授权.
        NewLabels2023 = "计费概述（new）" (56803) @ "0e629ca4",
        /// 公告/人脸核身产品结算周期调整说明.md: accounts opened from 2023-01-04 00:00 settle
        /// daily.
        SettlementChange = "人脸核身产品结算周期调整说明" @ "127cfd62",
    }

    sources {
        /// The face is compared with the authoritative (public security) database.
        Authority = "跟权威库比对" aka ["权威库", "与权威库比对"],
        /// The face is compared with a photo the customer uploads.
        Upload = "跟上传照片比对" aka ["上传照片", "自传照片", "与上传照片比对"],
    }

    codes {
        /// DetectAuth results of 微信原生 H5 and 微信小程序 (error codes, doc 213/32309 of
        /// 2021). From 2021-07-19 the codes 2007 and 2009–2015 are no longer billed. The
        /// page's 2xxx rows are cut off; 2001–2005 and 2008 (not billed) and 2006 and 2016
        /// (billed) follow the later page 1007/31082, and so does 1008 (not billed), which
        /// 213/32309 does not list.
        DetectAuthWechat = "DetectAuth（微信原生 H5、微信小程序）" {
            billed [0, 2006, 2007, 2009..=2016],
            not_billed [
                1..=4, 8, 10, 12..=17, 201..=204, 301..=303, 1001..=1008, 1101..=1109,
                1201..=1205, 2001..=2005, 2008,
            ],
            from "2021-07-19" per ErrorCodes2021 not_billed [2007, 2009..=2015],
        },
        /// DetectAuth results of the enhanced (Plus 版) WeChat and 浮层 H5 channels: the Plus 版
        /// error-code page (doc 31082) bills 0, 1002, 2006 and 2016 and lists 1–4, 8, 10,
        /// 12–17, 201–204, 301–303, 1001, 1003–1008, 2001–2005 and 2007–2010 as not billed;
        /// its list stops after 2010. 1101–1109 and 1201–1205 (not billed) are taken from the
        /// 2021 page 213/32309. That page lists 1002 as not billed; editions from 2021-06-22
        /// follow 31082, the page of the enhanced channels [inferred].
        ///
        /// Dated change: from 2021-07-19 the codes 2007 and 2009–2015 are no longer billed
        /// (213/32309); accounts of the monthly edition could call before it.
        DetectAuthPlus = "DetectAuth（Plus 版）" {
            billed [0, 1002, 2006, 2007, 2009..=2016],
            not_billed [
                1..=4, 8, 10, 12..=17, 201..=204, 301..=303, 1001, 1003..=1008, 1101..=1109,
                1201..=1205, 2001..=2005, 2008,
            ],
            from "2021-07-19" per ErrorCodes2021 not_billed [2007, 2009..=2015],
        },
        /// DetectAuth results of the basic H5 channels (微信普通 H5, 独立 H5, PC H5). The
        /// documents give these channels no code list of their own, and 31082 is the page of
        /// the enhanced (Plus 版) channels: they take the DetectAuth list of doc 213/32309
        /// without its 2021-07-19 change, which names 微信原生H5, 微信小程序 and E证通 only, with
        /// 1008 (not billed) from 31082.
        DetectAuthH5 = "DetectAuth（微信普通 H5、独立 H5、PC H5）" {
            billed [0, 2006, 2007, 2009..=2016],
            not_billed [
                1..=4, 8, 10, 12..=17, 201..=204, 301..=303, 1001..=1008, 1101..=1109,
                1201..=1205, 2001..=2005, 2008,
            ],
        },
        /// The App SDK's back-end result codes (doc 101997, 慧眼人脸核身 SDK 后台返回码; its
        /// `HY_*` client codes are those of the enhanced SDK [inferred]). The page does not
        /// apply the 2021-07-19 change, so there is no dated rule. The documents give the
        /// basic App SDK no list of its own; it takes this one.
        AppSdk = "App SDK（GetFaceIdResult）" {
            billed [0, 2006, 2007, 2009, 2011..=2016],
            not_billed [
                2..=4, 7, 8, 14, 15, 17..=19, 1001, 1003..=1005, 1007, 1202, 2001..=2005, 2017,
            ],
        },
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
                // Listed by the API 3.0 error codes of the face actions (doc 47911).
                "FailedOperation.CoveredFace",
                "FailedOperation.DecryptSystemError",
                // Listed by doc 47911, like CoveredFace.
                "FailedOperation.DetectEngineSystemError",
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
        /// CheckIdNameDate `Result` (SDK field docs): 身份信息及有效期核验.
        IdNameDate = "CheckIdNameDate" {
            billed [0, -1],
            not_billed [-8..=-2],
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
        /// PhoneVerificationCMCC / CTCC / CUCC `Result` (SDK field docs): the carrier
        /// variants of 手机号三要素核验.
        PhoneThreeFactorCarrier = "PhoneVerificationCMCC / CTCC / CUCC" {
            billed [0, -4],
            not_billed [-9..=-6, -11, -13],
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
        /// E证通 results of 2021 (doc 213/32309): as DetectAuth on WeChat, with the same
        /// 2021-07-19 change, and 1008 (not billed) as the later page 115318 lists it.
        Eid = "E证通（GetEidResult）" {
            billed [0, 2006, 2007, 2009..=2016],
            not_billed [
                1..=4, 8, 10, 12..=17, 201..=204, 301..=303, 1001..=1008, 1101..=1109,
                1201..=1205, 2001..=2005, 2008,
            ],
            from "2021-07-19" per ErrorCodes2021 not_billed [2007, 2009..=2015],
        },
        /// E证通 results of the editions from 2021-06-22 (doc 115318): billed 0, 2006 and
        /// 2016; not billed the DetectAuth codes of 31082 and 1002. 1101–1109 and 1201–1205
        /// (not billed) follow 213/32309. Before 2021-07-19 E证通 also billed 2007 and
        /// 2009–2015 (213/32309).
        EidPlus = "E证通（115318）" {
            billed [0, 2006, 2007, 2009..=2016],
            not_billed [
                1..=4, 8, 10, 12..=17, 201..=204, 301..=303, 1001..=1008, 1101..=1109,
                1201..=1205, 2001..=2005, 2008,
            ],
            from "2021-07-19" per ErrorCodes2021 not_billed [2007, 2009..=2015],
        },
        /// 意愿核身 results (doc 115319): as E证通's page, billed 0, 2006 and 2016, the other
        /// codes seen not billed. 意愿核身 came after 2021-07-19, so its list has no dated
        /// change.
        Intention = "意愿核身（115319）" {
            billed [0, 2006, 2016],
            not_billed [
                1..=4, 8, 10, 12..=17, 201..=204, 301..=303, 1001..=1008, 1101..=1109,
                1201..=1205, 2001..=2005, 2007..=2010,
            ],
        },
        /// 实证 NFC: the documents give no result codes of its own [gap]. Only 0 (success) is
        /// billed; every other code is unknown, so not billed and reported.
        Nfc = "实证 NFC" {
            billed [0],
        },
    }
}
