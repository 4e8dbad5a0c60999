// The legacy edition: 购买指南/计费概述.md @147a80ed (doc 31005, 计费概述（旧）), for accounts
// that opened Face ID before 2021-06-22, with the prices of 购买指南/价格说明.md @0f66dc54
// (doc 51350), and the dated changes its accounts saw: what holds before 2021-02-01 follows
// 价格说明 @e50aa444 (early 2021). Sections and rows follow the seed document top to bottom
// (before 2021-06-22 the documents had no 增强版 / 基础版 sections; the rows stay in the
// seed's sections on every day). The documents cited by name are declared in `shared.rs`.
face_id_table! {
    /// 计费概述（旧）: the billing labels of accounts that opened Face ID before 2021-06-22,
    /// with the prices of 价格说明 (doc 51350).
    pub mod legacy {
        title: "计费概述（旧）",
        doc: 31005,
        opened: before "2021-06-22",
        // 次月1 - 3日会出本月账单 (计费概述 @147a80ed).
        settlement: monthly { bill_days: 1..=3 },
    }

    // 价格说明 @0f66dc54, 后付费 (元/次). Every call of a month is priced at the tier the
    // month's total reaches; 联系商务 (negotiated) has no list price.
    postpaid {
        /// 计费说明 @e50aa444 calls the label of the basic channels 通用活体人脸核身.
        LivenessRecognition = "活体人脸核身" aka ["通用活体人脸核身"] tiers {
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
        /// 计费说明 @e50aa444 calls the label of the basic channels 通用活体人脸比对.
        LivenessCompare = "活体人脸比对" aka ["通用活体人脸比对"] tiers {
            1..1_000 => 0.15,
            1_000..10_000 => 0.13,
            10_000..100_000 => 0.11,
            100_000..200_000 => 0.11,
            200_000.. => negotiated,
        },
        /// The WeChat channels' label from 2021-02-01 (价格说明 @e50aa444; its 计费说明 of the
        /// same commit dates the change 2021-01-20: the price document's date is taken). From
        /// the enhanced launch those channels bill postpaid as 活体人脸核身 again (计费概述
        /// @147a80ed: 享受的后付费价格不变).
        WechatLivenessRecognition = "微信活体人脸核身"
        from "2021-02-01" per EarlyPrices tiers {
            1..1_000 => 1.20,
            1_000..10_000 => 1.10,
            10_000..100_000 => 0.95,
            100_000..200_000 => 0.85,
            200_000.. => negotiated,
        }
        until "2021-06-22" per EnhancedLaunch,
        /// As 微信活体人脸核身, with the upload photo.
        WechatLivenessCompare = "微信活体人脸比对"
        from "2021-02-01" per EarlyPrices tiers {
            1..1_000 => 0.60,
            1_000..10_000 => 0.55,
            10_000..100_000 => 0.50,
            100_000..200_000 => 0.45,
            200_000.. => negotiated,
        }
        until "2021-06-22" per EnhancedLaunch,
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
        /// 价格说明 @e50aa444 (the same figures recur in 价格说明（new） @0fee6183). It ends with
        /// the phone-label split of 2022-01-01, which names no opening date, so it holds
        /// for legacy accounts too.
        PhoneInfo = "手机号信息核验" tiers {
            1..1_000 => 0.40,
            1_000..10_000 => 0.38,
            10_000..100_000 => 0.36,
            100_000..200_000 => 0.36,
            200_000.. => negotiated,
        }
        until "2022-01-01" per PhoneLabels,
        /// 手机号二要素's label from 2022-01-01. The announcement renames it and changes only
        /// 三要素's price; no legacy document prices （二要素）, so it keeps the tiers of
        /// 手机号信息核验.
        PhoneTwoFactor = "手机号信息核验（二要素）" aka ["手机号信息核验(二要素)"]
        from "2022-01-01" per PhoneLabels tiers {
            1..1_000 => 0.40,
            1_000..10_000 => 0.38,
            10_000..100_000 => 0.36,
            100_000..200_000 => 0.36,
            200_000.. => negotiated,
        },
        /// 手机号三要素's label from 2022-01-01, at the announcement's price.
        PhoneThreeFactor = "手机号信息核验（三要素）" aka ["手机号信息核验(三要素)"]
        from "2022-01-01" per PhoneLabels flat 1.10,
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
        EidAuthority = "E证通（权威库）" aka ["E 证通（权威库）"] flat 1.50,
    }

    // 价格说明 @0f66dc54, 预付费资源包 (calls => 元); before 2021-06-22, 价格说明 @e50aa444.
    // The label table writes ASCII parentheses, the price table full-width ones; names match
    // either way.
    prepaid {
        /// Packs of 活体人脸核身 until the enhanced launch (价格说明 @e50aa444; the 产品升级公告
        /// @1eccc881 of 2021-02-01 lists 8,000 / 75,000 / 140,000 for 1万 / 10万 / 20万: the
        /// price document is followed). From 2021-06-22 they are no longer sold, and those
        /// bought keep deducting (产品变更说明 @ee3f121f: 资源包抵扣不受影响) for the calls they
        /// covered, now under 基础版人脸核身(权威库) and 增强版人脸核身(权威库)-微信.
        LivenessRecognition = "活体人脸核身" packs {
            100 => 99,
            1_000 => 930,
            5_000 => 4_500,
            10_000 => 8_500,
            100_000 => 80_000,
            200_000 => 150_000,
            500_000 => 340_000,
            1_000_000 => 660_000,
        }
        from "2021-06-22" per EnhancedLaunch packs none
        from "2021-06-22" per EnhancedLaunch covers [BasicAuthority, EnhancedAuthorityWechat],
        /// As 活体人脸核身; its calls (照片人脸核身 API, 身份证人像照片验真 API) move to
        /// 基础版人脸核身(权威库). Prepaid labels cannot tell those calls from the other
        /// 基础版人脸核身(权威库) calls: its old packs cover them all.
        ImageRecognition = "照片人脸核身" packs {
            100 => 99,
            1_000 => 930,
            5_000 => 4_500,
            10_000 => 8_500,
            100_000 => 80_000,
            200_000 => 150_000,
            500_000 => 340_000,
            1_000_000 => 660_000,
        }
        from "2021-06-22" per EnhancedLaunch packs none
        from "2021-06-22" per EnhancedLaunch covers [BasicAuthority],
        /// As 活体人脸核身 (@1eccc881 lists 1,200 / 11,500 / 22,000 / 52,500 for 1万 to 50万:
        /// the price document is followed); its calls move to 基础版人脸核身(自传照片) and
        /// 增强版人脸核身(自传照片)-微信.
        LivenessCompare = "活体人脸比对" packs {
            1_000 => 145,
            5_000 => 700,
            10_000 => 1_300,
            100_000 => 12_500,
            200_000 => 24_000,
            500_000 => 55_000,
            1_000_000 => 100_000,
        }
        from "2021-06-22" per EnhancedLaunch packs none
        from "2021-06-22" per EnhancedLaunch covers [BasicUpload, EnhancedUploadWechat],
        /// Packs of the WeChat label of 2021-02-01 (价格说明 @e50aa444). 产品变更说明 @ee3f121f
        /// names only 活体人脸核身 / 活体人脸比对 / 照片人脸核身 packs as deducting on; these are
        /// taken to deduct on as well, for the calls they covered (WeChat, now
        /// 增强版人脸核身(权威库)-微信): a pack a customer holds pays for its calls.
        WechatLivenessRecognition = "微信活体人脸核身"
        from "2021-02-01" per EarlyPrices packs {
            100 => 120,
            1_000 => 1_100,
            5_000 => 5_500,
            10_000 => 9_500,
            100_000 => 85_000,
            200_000 => 160_000,
            500_000 => 400_000,
            1_000_000 => 800_000,
        }
        from "2021-06-22" per EnhancedLaunch packs none
        from "2021-06-22" per EnhancedLaunch covers [EnhancedAuthorityWechat],
        /// As 微信活体人脸核身, with the upload photo.
        WechatLivenessCompare = "微信活体人脸比对"
        from "2021-02-01" per EarlyPrices packs {
            100 => 60,
            1_000 => 550,
            5_000 => 2_750,
            10_000 => 5_000,
            100_000 => 45_000,
            200_000 => 80_000,
            500_000 => 200_000,
            1_000_000 => 400_000,
        }
        from "2021-06-22" per EnhancedLaunch packs none
        from "2021-06-22" per EnhancedLaunch covers [EnhancedUploadWechat],
        EnhancedAuthorityWechat = "增强版人脸核身(权威库)-微信"
        from "2021-06-22" per EnhancedLaunch packs {
            1_000 => 1_150,
            10_000 => 11_000,
            100_000 => 100_000,
            200_000 => 180_000,
            500_000 => 400_000,
            1_000_000 => 800_000,
        },
        EnhancedUploadWechat = "增强版人脸核身(自传照片)-微信"
        from "2021-06-22" per EnhancedLaunch packs {
            1_000 => 280,
            10_000 => 2_700,
            100_000 => 26_000,
            200_000 => 50_000,
            500_000 => 115_000,
            1_000_000 => 230_000,
        },
        /// The enhanced App SDK's packs (产品变更说明 @ee3f121f). No legacy price document
        /// lists them; these are the prices of 价格说明（new） @0fee6183, the same as -微信.
        EnhancedAuthorityApp = "增强版人脸核身（权威库）-App" aka ["增强版人脸核身（权威库）-APP"]
        from "2021-06-22" per EnhancedLaunch packs {
            1_000 => 1_150,
            10_000 => 11_000,
            100_000 => 100_000,
            200_000 => 180_000,
            500_000 => 400_000,
            1_000_000 => 800_000,
        },
        /// As 增强版人脸核身（权威库）-App.
        EnhancedUploadApp = "增强版人脸核身（自传照片）-App" aka ["增强版人脸核身（自传照片）-APP"]
        from "2021-06-22" per EnhancedLaunch packs {
            1_000 => 280,
            10_000 => 2_700,
            100_000 => 26_000,
            200_000 => 50_000,
            500_000 => 115_000,
            1_000_000 => 230_000,
        },
        BasicAuthority = "基础版人脸核身(权威库)" from "2021-06-22" per EnhancedLaunch packs {
            1_000 => 930,
            10_000 => 8_000,
            100_000 => 75_000,
            200_000 => 140_000,
            500_000 => 340_000,
            1_000_000 => 660_000,
        },
        BasicUpload = "基础版人脸核身(自传照片)" from "2021-06-22" per EnhancedLaunch packs {
            1_000 => 145,
            10_000 => 1_200,
            100_000 => 11_500,
            200_000 => 22_000,
            500_000 => 52_500,
            1_000_000 => 100_000,
        },
        /// The price document calls this label 身份信息核验; @e50aa444 sells the same packs.
        IdCardInfo = "身份证信息核验" aka ["身份信息核验"] packs {
            1_000 => 300,
            10_000 => 2_800,
            100_000 => 26_000,
            200_000 => 48_000,
            500_000 => 115_000,
            1_000_000 => 220_000,
        },
        /// 计费说明 @e50aa444 bills the bank-card and phone APIs postpaid only; no document
        /// dates when their packs went on sale, so the packs of @0f66dc54 are listed on every
        /// day (a pack bought is in the packs file with what was paid).
        BankCardInfo = "银行卡信息核验" packs {
            1_000 => 380,
            10_000 => 3_700,
            100_000 => 35_000,
            200_000 => 66_000,
        },
        /// No legacy price document sells packs of this label; these are the packs of
        /// 价格说明（new） @0fee6183, the nearest version that does. With the split of
        /// 2022-01-01 they are no longer sold, and those bought deduct first for both new
        /// labels, then postpaid applies (手机号要素核验服务变更说明 @1b16bbcb: 会优先抵扣资源包
        /// 内的服务次数).
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
        /// Packs on sale from 2022-01-04 10:00 (the announcement: 将于2022年1月4日10点上架).
        /// It prints the 10万次 pack as 950000元; 价格说明（日结） @0e629ca4 gives 95,000.
        PhoneThreeFactor = "手机号信息核验（三要素）" aka ["手机号信息核验(三要素)"]
        from "2022-01-01" per PhoneLabels packs none
        from "2022-01-04 10:00" per PhoneLabels packs {
            1_000 => 1_050,
            10_000 => 10_000,
            100_000 => 95_000,
            200_000 => 180_000,
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
        EidAuthority = "E证通（权威库）" aka ["E 证通（权威库）"] packs {
            1_000 => 1_400,
            5_000 => 6_500,
            10_000 => 12_000,
            100_000 => 100_000,
        },
    }

    /// 增强版人脸核身. WeChat native H5 and mini program were upgraded to the enhanced
    /// edition on 2021-06-22 with their postpaid price unchanged.
    section Enhanced = "增强版人脸核身" compare [Authority, Upload] {
        [
            WechatNativeH5 = "微信原生 H5" (42656) codes DetectAuthWechat actions [DetectAuth],
            WechatMiniProgram = "微信小程序" (31071) codes DetectAuthWechat actions [DetectAuth],
        ] => {
            Authority => LivenessRecognition / LivenessRecognition,
            Upload => LivenessCompare / LivenessCompare,
        }
        // 2021年02月01日起 … 改用微信活体人脸核身、微信活体人脸比对计费标签 (价格说明
        // @e50aa444; its 计费说明 says 2021年1月20日起: the price document's date is taken).
        from "2021-02-01" per EarlyPrices => {
            Authority => WechatLivenessRecognition / WechatLivenessRecognition,
            Upload => WechatLivenessCompare / WechatLivenessCompare,
        }
        // 原微信小程序、微信原生H5的人脸核身服务将自动升级为增强版人脸核身 … 后付费价格不变
        // (产品变更说明 @ee3f121f); the labels of 计费概述 @147a80ed.
        from "2021-06-22" per EnhancedLaunch => {
            Authority => LivenessRecognition / EnhancedAuthorityWechat,
            Upload => LivenessCompare / EnhancedUploadWechat,
        },
        // 产品变更说明 @ee3f121f gives legacy accounts the new App SDK (App SDK（new）) with its
        // -App packs; its postpaid labels are those of 产品变更说明 @01655489 (dated
        // 2021-06-07, which also names that day for the launch: 2021-06-22 of @ee3f121f and
        // the seed is taken). The seed has no row for it.
        EnhancedAppSdk = "增强版 App SDK" aka ["增强版 SDK（APP）", "App SDK（new）"] (57617)
            codes AppSdk actions [GetFaceIdToken, GetFaceIdResult]
            from "2021-06-22" per EnhancedLaunch
        => {
            Authority => LivenessRecognition / EnhancedAuthorityApp,
            Upload => LivenessCompare / EnhancedUploadApp,
        },
    }

    /// 基础版人脸核身. Before 2021-06-22 these calls drew on the packs of their postpaid
    /// label (产品变更说明 @ee3f121f: 抵扣的预付费资源包（变更前）).
    section Basic = "基础版人脸核身" compare [Authority, Upload] {
        [
            WechatH5 = "微信普通 H5" (42656) codes DetectAuthH5 actions [DetectAuth],
            StandaloneH5 = "独立 H5" (35883) codes DetectAuthH5 actions [DetectAuth],
            PcH5 = "PC H5" (35893) codes DetectAuthH5 actions [DetectAuth],
            BasicAppSdk = "基础版 App SDK" (35866) codes AppSdk
                actions [GetFaceIdToken, GetFaceIdResult],
        ] => {
            Authority => LivenessRecognition / LivenessRecognition,
            Upload => LivenessCompare / LivenessCompare,
        }
        from "2021-06-22" per EnhancedLaunch => {
            Authority => LivenessRecognition / BasicAuthority,
            Upload => LivenessCompare / BasicUpload,
        },
        LivenessRecognitionApi = "活体人脸核身 API" (31818) codes ApiFace
            actions [LivenessRecognition]
        => {
            Authority => LivenessRecognition / LivenessRecognition,
            Upload => not offered,
        }
        from "2021-06-22" per EnhancedLaunch => {
            Authority => LivenessRecognition / BasicAuthority,
        },
        ImageRecognitionApi = "照片人脸核身 API" (31820) codes ApiFace
            actions [ImageRecognition, ImageRecognitionV2]
        => {
            Authority => ImageRecognition / ImageRecognition,
            Upload => not offered,
        }
        from "2021-06-22" per EnhancedLaunch => {
            Authority => ImageRecognition / BasicAuthority,
        },
        LivenessCompareApi = "活体人脸比对 API" (31819) codes ApiFace actions [LivenessCompare]
        => {
            Authority => not offered,
            Upload => LivenessCompare / LivenessCompare,
        }
        from "2021-06-22" per EnhancedLaunch => {
            Upload => LivenessCompare / BasicUpload,
        },
        // 产品变更说明 @01655489 writes the postpaid label of this API 照片人脸比对; the seed
        // and @ee3f121f write 照片人脸核身, which is taken.
        IdCardPhotoApi = "身份证人像照片验真 API" (47276) codes ApiFace
            actions [CheckIdCardInformation]
        => {
            Authority => ImageRecognition / ImageRecognition,
            Upload => not offered,
        }
        from "2021-06-22" per EnhancedLaunch => {
            Authority => ImageRecognition / BasicAuthority,
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
        // two-factor one. The link is kept as written. From 2022-01-01 each API has a label
        // of its own (手机号要素核验服务变更说明 @1b16bbcb).
        [
            PhoneTwoFactor = "手机号二要素核验" (39765) codes PhoneTwoFactor
                actions [CheckPhoneAndName]
                from "2022-01-01" per PhoneLabels => PhoneTwoFactor / PhoneTwoFactor,
            PhoneThreeFactor = "手机号三要素核验" (39765) codes PhoneThreeFactor
                actions [PhoneVerification, PhoneVerificationCMCC, PhoneVerificationCTCC,
                    PhoneVerificationCUCC]
                from "2022-01-01" per PhoneLabels => PhoneThreeFactor / PhoneThreeFactor,
        ] => PhoneInfo / PhoneInfo,
        // 计费说明 @e50aa444 bills these under 手机号信息核验 too; the seed's label is kept on
        // every day (no document dates a change between them).
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
