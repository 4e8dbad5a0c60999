#[doc = " A one-section contract table."]
pub mod contract {
    use ::core::option::Option::{self, None, Some};
    use ::faceid_rules::__private::{at, hm, ymd, NaiveDate, NaiveDateTime};
    use ::faceid_rules::{
        BillingTable, Cell, Change, Code, CodeChange, CodePattern, CodeRule, CodeStatus, Dated,
        Document, Labels, Money, Opened, PackOffer, Period, Resolved, Row, Settlement, TableInfo,
        Tier, Verdict,
    };
    #[doc = " 合同价 ([doc 31005](https://cloud.tencent.com/document/product/1007/31005)): accounts that opened the service on or after 2021-06-22. Postpaid usage is settled monthly; bills are issued on days 1–3 of the next month."]
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
    pub struct Table;
    impl Table {
        #[doc = r" The table's identity: title, document, the accounts it applies to, settlement."]
        pub const INFO: TableInfo = TableInfo {
            name: "contract",
            title: "合同价",
            doc_id: 31005,
            opened: Opened {
                from: Some(ymd(2021, 6, 22)),
                before: None,
            },
            settlement: Settlement::Monthly { bill_days: (1, 3) },
        };
        #[doc = r" Every dated change, in date order, with the document it comes from"]
        #[doc = r" ([`CHANGES`])."]
        pub const fn changes() -> &'static [Change] {
            CHANGES
        }
    }
    impl ::faceid_rules::BillingTable for Table {
        type Section = Section;
        type Channel = Channel;
        type Source = Source;
        type Postpaid = PostpaidLabel;
        type Prepaid = PrepaidLabel;
        type CodeFamily = CodeFamily;
        const INFO: TableInfo = Table::INFO;
        const ROWS: &'static [Row<Self>] = ROWS;
        const DOCUMENTS: &'static [Document] = DOCUMENTS;
        const CHANGES: &'static [Change] = CHANGES;
        fn section(channel: Channel) -> Section {
            channel.section()
        }
        fn section_sources(section: Section) -> &'static [Source] {
            section.sources()
        }
        fn channel_sources(channel: Channel) -> &'static [Source] {
            channel.sources()
        }
        fn channel_doc_id(channel: Channel) -> u32 {
            channel.doc_id()
        }
        fn channel_actions(channel: Channel) -> &'static [&'static str] {
            channel.actions()
        }
        fn code_family(channel: Channel) -> CodeFamily {
            channel.code_family()
        }
        fn channel_period(channel: Channel) -> Period {
            channel.period()
        }
        fn mappings(channel: Channel) -> &'static [Dated<&'static [Cell<Self>]>] {
            channel.mappings()
        }
        fn code_status(family: CodeFamily, code: Code<'_>, day: NaiveDate) -> CodeStatus {
            family.status(code, day)
        }
        fn code_rules(family: CodeFamily) -> &'static [CodeRule] {
            family.rules()
        }
        fn prices(label: PostpaidLabel) -> &'static [Dated<Option<&'static [Tier]>>] {
            label.prices()
        }
        fn postpaid_names(label: PostpaidLabel) -> &'static [Dated<&'static str>] {
            label.names()
        }
        fn pack_lists(label: PrepaidLabel) -> &'static [Dated<Option<&'static [PackOffer]>>] {
            label.pack_lists()
        }
        fn prepaid_names(label: PrepaidLabel) -> &'static [Dated<&'static str>] {
            label.names()
        }
        fn covers(label: PrepaidLabel) -> &'static [Dated<&'static [PrepaidLabel]>] {
            label.covers()
        }
    }
    #[doc = " The documents the dated changes of 合同价 cite.\n\n- 错误码 (doc 213/32309)"]
    pub const DOCUMENTS: &[Document] = &[Document {
        title: "错误码",
        doc_id: Some((213, 32309)),
        commit: None,
    }];
    #[doc = " Every dated change of 合同价, in date order.\n\n- 2021-07-19: code family API 3.0: 0 not billed (错误码 (doc 213/32309))"]
    pub const CHANGES: &[Change] = &[Change {
        at: at(2021, 7, 19, 0, 0),
        kind: "code family",
        subject: "API 3.0",
        what: "0 not billed",
        per: &DOCUMENTS[0],
    }];
    #[doc = " The sections of 合同价."]
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum Section {
        #[doc = " 基础版人脸核身"]
        #[doc = ""]
        #[doc = " Compare: 跟权威库比对, 跟上传照片比对."]
        #[doc = " Channels: 独立 H5, PC H5, 活体人脸比对 API."]
        Basic,
    }
    impl Section {
        #[doc = " Every section, in table order."]
        pub const ALL: [Self; 1] = [Self::Basic];
        #[doc = " The number of sections: 1."]
        pub const COUNT: usize = 1;
        #[doc = r" The name as the document writes it."]
        #[inline]
        pub const fn doc_name(self) -> &'static str {
            match self {
                Self::Basic => "基础版人脸核身",
            }
        }
        #[doc = r" The Rust identifier of the variant."]
        #[inline]
        pub const fn ident(self) -> &'static str {
            match self {
                Self::Basic => "Basic",
            }
        }
        #[doc = r" Other spellings it is known by."]
        #[inline]
        pub const fn aliases(self) -> &'static [&'static str] {
            match self {
                Self::Basic => &[],
            }
        }
        #[doc = r" The position of the variant in [`Self::ALL`]."]
        #[inline]
        pub const fn index(self) -> usize {
            match self {
                Self::Basic => 0,
            }
        }
    }
    impl ::faceid_rules::Named for Section {
        const KIND: &'static str = "section";
        fn resolve_normalised(key: &str) -> Resolved<Self> {
            match key {
                "基础版人脸核身" | "basic" => Resolved::One(Self::Basic),
                _ => Resolved::Unknown,
            }
        }
        const ALL: &'static [Self] = &Self::ALL;
        fn doc_name(self) -> &'static str {
            Self::doc_name(self)
        }
        fn ident(self) -> &'static str {
            Self::ident(self)
        }
        fn aliases(self) -> &'static [&'static str] {
            Self::aliases(self)
        }
        fn index(self) -> usize {
            Self::index(self)
        }
    }
    #[doc = r" Writes the doc name."]
    impl ::core::fmt::Display for Section {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            f.write_str(self.doc_name())
        }
    }
    #[doc = r" Reads a doc name, identifier or alias; see [`Named::lookup`](#krate::Named::lookup)."]
    impl ::core::str::FromStr for Section {
        type Err = ::faceid_rules::UnknownName;
        fn from_str(text: &str) -> ::core::result::Result<Self, Self::Err> {
            <Self as ::faceid_rules::Named>::lookup(text)
        }
    }
    ::faceid_rules::__impl_serde!(Section);
    impl Section {
        #[doc = r" The compare sources the section's table has a column for (empty: none)."]
        #[inline]
        pub const fn sources(self) -> &'static [Source] {
            match self {
                Self::Basic => &[Source::Authority, Source::Upload],
            }
        }
        #[doc = r" The channels listed in the section, in document order."]
        #[inline]
        pub const fn channels(self) -> &'static [Channel] {
            match self {
                Self::Basic => &[Channel::H5, Channel::Pc, Channel::Api],
            }
        }
    }
    #[doc = " The access channels and APIs (接入渠道 / API 接口) of 合同价."]
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum Channel {
        #[doc = " 独立 H5"]
        #[doc = ""]
        #[doc = " Section 基础版人脸核身; [doc 35883](https://cloud.tencent.com/document/product/1007/35883); result codes: API 3.0."]
        #[doc = " API actions: `DetectAuth`."]
        #[doc = " - 跟权威库比对: postpaid 活体人脸核身, prepaid 基础版人脸核身"]
        #[doc = " - 跟上传照片比对: postpaid 活体人脸比对, prepaid 免费"]
        H5,
        #[doc = " PC H5"]
        #[doc = ""]
        #[doc = " Section 基础版人脸核身; [doc 35893](https://cloud.tencent.com/document/product/1007/35893); result codes: API 3.0."]
        #[doc = " - 跟权威库比对: postpaid 活体人脸核身, prepaid 基础版人脸核身"]
        #[doc = " - 跟上传照片比对: postpaid 活体人脸比对, prepaid 免费"]
        Pc,
        #[doc = " 活体人脸比对 API"]
        #[doc = ""]
        #[doc = " Section 基础版人脸核身; [doc 31819](https://cloud.tencent.com/document/product/1007/31819); result codes: API 3.0."]
        #[doc = " - 跟权威库比对: not offered"]
        #[doc = " - 跟上传照片比对: postpaid 活体人脸比对, prepaid 基础版人脸核身"]
        Api,
    }
    impl Channel {
        #[doc = " Every channel, in table order."]
        pub const ALL: [Self; 3] = [Self::H5, Self::Pc, Self::Api];
        #[doc = " The number of channels: 3."]
        pub const COUNT: usize = 3;
        #[doc = r" The name as the document writes it."]
        #[inline]
        pub const fn doc_name(self) -> &'static str {
            match self {
                Self::H5 => "独立 H5",
                Self::Pc => "PC H5",
                Self::Api => "活体人脸比对 API",
            }
        }
        #[doc = r" The Rust identifier of the variant."]
        #[inline]
        pub const fn ident(self) -> &'static str {
            match self {
                Self::H5 => "H5",
                Self::Pc => "Pc",
                Self::Api => "Api",
            }
        }
        #[doc = r" Other spellings it is known by."]
        #[inline]
        pub const fn aliases(self) -> &'static [&'static str] {
            match self {
                Self::H5 => &["DetectAuth"],
                Self::Pc => &[],
                Self::Api => &[],
            }
        }
        #[doc = r" The position of the variant in [`Self::ALL`]."]
        #[inline]
        pub const fn index(self) -> usize {
            match self {
                Self::H5 => 0,
                Self::Pc => 1,
                Self::Api => 2,
            }
        }
    }
    impl ::faceid_rules::Named for Channel {
        const KIND: &'static str = "channel";
        fn resolve_normalised(key: &str) -> Resolved<Self> {
            match key {
                "独立h5" | "h5" | "detectauth" => Resolved::One(Self::H5),
                "pch5" | "pc" => Resolved::One(Self::Pc),
                "活体人脸比对api" | "api" => Resolved::One(Self::Api),
                _ => Resolved::Unknown,
            }
        }
        const ALL: &'static [Self] = &Self::ALL;
        fn doc_name(self) -> &'static str {
            Self::doc_name(self)
        }
        fn ident(self) -> &'static str {
            Self::ident(self)
        }
        fn aliases(self) -> &'static [&'static str] {
            Self::aliases(self)
        }
        fn index(self) -> usize {
            Self::index(self)
        }
    }
    #[doc = r" Writes the doc name."]
    impl ::core::fmt::Display for Channel {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            f.write_str(self.doc_name())
        }
    }
    #[doc = r" Reads a doc name, identifier or alias; see [`Named::lookup`](#krate::Named::lookup)."]
    impl ::core::str::FromStr for Channel {
        type Err = ::faceid_rules::UnknownName;
        fn from_str(text: &str) -> ::core::result::Result<Self, Self::Err> {
            <Self as ::faceid_rules::Named>::lookup(text)
        }
    }
    ::faceid_rules::__impl_serde!(Channel);
    impl Channel {
        #[doc = r" The section the channel is listed in."]
        #[inline]
        pub const fn section(self) -> Section {
            match self {
                Self::H5 => Section::Basic,
                Self::Pc => Section::Basic,
                Self::Api => Section::Basic,
            }
        }
        #[doc = r" The id of the channel's page in the Face ID documentation."]
        #[inline]
        pub const fn doc_id(self) -> u32 {
            match self {
                Self::H5 => 35883,
                Self::Pc => 35893,
                Self::Api => 31819,
            }
        }
        #[doc = r" The channel's page in the Face ID documentation."]
        #[inline]
        pub const fn doc_url(self) -> &'static str {
            match self {
                Self::H5 => "https://cloud.tencent.com/document/product/1007/35883",
                Self::Pc => "https://cloud.tencent.com/document/product/1007/35893",
                Self::Api => "https://cloud.tencent.com/document/product/1007/31819",
            }
        }
        #[doc = r" The compare sources the channel offers on some day, in table order."]
        #[inline]
        pub const fn sources(self) -> &'static [Source] {
            match self {
                Self::H5 => &[Source::Authority, Source::Upload],
                Self::Pc => &[Source::Authority, Source::Upload],
                Self::Api => &[Source::Upload],
            }
        }
        #[doc = r" The Tencent Cloud API actions the channel is called through."]
        #[inline]
        pub const fn actions(self) -> &'static [&'static str] {
            match self {
                Self::H5 => &["DetectAuth"],
                Self::Pc => &[],
                Self::Api => &[],
            }
        }
        #[doc = r" The family of result codes that decides whether a call is billed."]
        #[inline]
        pub const fn code_family(self) -> CodeFamily {
            match self {
                Self::H5 => CodeFamily::Face,
                Self::Pc => CodeFamily::Face,
                Self::Api => CodeFamily::Face,
            }
        }
    }
    impl Channel {
        #[doc = r" The days the channel is listed (see each variant)."]
        #[inline]
        pub const fn period(self) -> Period {
            match self {
                Self::H5 => Period {
                    from: None,
                    until: None,
                },
                Self::Pc => Period {
                    from: None,
                    until: None,
                },
                Self::Api => Period {
                    from: None,
                    until: None,
                },
            }
        }
        #[doc = r" Whether the channel is listed on `day` (China Standard Time)."]
        #[inline]
        pub fn exists_on(self, day: NaiveDate) -> bool {
            self.period().contains(day)
        }
        #[doc = r" What each compare source of the channel's section maps to, over time (see"]
        #[doc = r" each variant)."]
        #[inline]
        pub const fn mappings(self) -> &'static [Dated<&'static [Cell<Table>]>] {
            match self {
                Self::H5 => {
                    const {
                        &[Dated {
                            from: None,
                            value: &[
                                Cell {
                                    source: Some(Source::Authority),
                                    labels: Some(Labels {
                                        postpaid: PostpaidLabel::Liveness,
                                        prepaid: PrepaidLabel::Basic,
                                    }),
                                },
                                Cell {
                                    source: Some(Source::Upload),
                                    labels: Some(Labels {
                                        postpaid: PostpaidLabel::Compare,
                                        prepaid: PrepaidLabel::Free,
                                    }),
                                },
                            ],
                            per: None,
                        }]
                    }
                }
                Self::Pc => {
                    const {
                        &[Dated {
                            from: None,
                            value: &[
                                Cell {
                                    source: Some(Source::Authority),
                                    labels: Some(Labels {
                                        postpaid: PostpaidLabel::Liveness,
                                        prepaid: PrepaidLabel::Basic,
                                    }),
                                },
                                Cell {
                                    source: Some(Source::Upload),
                                    labels: Some(Labels {
                                        postpaid: PostpaidLabel::Compare,
                                        prepaid: PrepaidLabel::Free,
                                    }),
                                },
                            ],
                            per: None,
                        }]
                    }
                }
                Self::Api => {
                    const {
                        &[Dated {
                            from: None,
                            value: &[
                                Cell {
                                    source: Some(Source::Authority),
                                    labels: None,
                                },
                                Cell {
                                    source: Some(Source::Upload),
                                    labels: Some(Labels {
                                        postpaid: PostpaidLabel::Compare,
                                        prepaid: PrepaidLabel::Basic,
                                    }),
                                },
                            ],
                            per: None,
                        }]
                    }
                }
            }
        }
        #[doc = r" The labels a call made on `day` is billed under: `None` when the channel is"]
        #[doc = r" not listed that day or does not offer `source`, or when `source` is `None`"]
        #[doc = r" and the channel offers several."]
        #[inline]
        pub fn labels_on(self, source: Option<Source>, day: NaiveDate) -> Option<Labels<Table>> {
            <Table as BillingTable>::labels_on(self, source, day)
        }
    }
    #[doc = " The compare sources (比对库源) of 合同价."]
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum Source {
        #[doc = " 跟权威库比对"]
        Authority,
        #[doc = " 跟上传照片比对"]
        Upload,
    }
    impl Source {
        #[doc = " Every compare source, in table order."]
        pub const ALL: [Self; 2] = [Self::Authority, Self::Upload];
        #[doc = " The number of compare sources: 2."]
        pub const COUNT: usize = 2;
        #[doc = r" The name as the document writes it."]
        #[inline]
        pub const fn doc_name(self) -> &'static str {
            match self {
                Self::Authority => "跟权威库比对",
                Self::Upload => "跟上传照片比对",
            }
        }
        #[doc = r" The Rust identifier of the variant."]
        #[inline]
        pub const fn ident(self) -> &'static str {
            match self {
                Self::Authority => "Authority",
                Self::Upload => "Upload",
            }
        }
        #[doc = r" Other spellings it is known by."]
        #[inline]
        pub const fn aliases(self) -> &'static [&'static str] {
            match self {
                Self::Authority => &["权威库"],
                Self::Upload => &[],
            }
        }
        #[doc = r" The position of the variant in [`Self::ALL`]."]
        #[inline]
        pub const fn index(self) -> usize {
            match self {
                Self::Authority => 0,
                Self::Upload => 1,
            }
        }
    }
    impl ::faceid_rules::Named for Source {
        const KIND: &'static str = "compare source";
        fn resolve_normalised(key: &str) -> Resolved<Self> {
            match key {
                "跟权威库比对" | "authority" | "权威库" => Resolved::One(Self::Authority),
                "跟上传照片比对" | "upload" => Resolved::One(Self::Upload),
                _ => Resolved::Unknown,
            }
        }
        const ALL: &'static [Self] = &Self::ALL;
        fn doc_name(self) -> &'static str {
            Self::doc_name(self)
        }
        fn ident(self) -> &'static str {
            Self::ident(self)
        }
        fn aliases(self) -> &'static [&'static str] {
            Self::aliases(self)
        }
        fn index(self) -> usize {
            Self::index(self)
        }
    }
    #[doc = r" Writes the doc name."]
    impl ::core::fmt::Display for Source {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            f.write_str(self.doc_name())
        }
    }
    #[doc = r" Reads a doc name, identifier or alias; see [`Named::lookup`](#krate::Named::lookup)."]
    impl ::core::str::FromStr for Source {
        type Err = ::faceid_rules::UnknownName;
        fn from_str(text: &str) -> ::core::result::Result<Self, Self::Err> {
            <Self as ::faceid_rules::Named>::lookup(text)
        }
    }
    ::faceid_rules::__impl_serde!(Source);
    #[doc = " The postpaid billing labels (后付费计费标签) of 合同价. A month's calls are all priced at the tier the month's total reaches."]
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum PostpaidLabel {
        #[doc = " 活体人脸核身"]
        #[doc = ""]
        #[doc = " | monthly calls | unit price |"]
        #[doc = " |---|---|"]
        #[doc = " | 0<调用量<1000 | ¥1.00 per call |"]
        #[doc = " | 1000及以上 | 联系商务 (negotiated) |"]
        Liveness,
        #[doc = " 活体人脸比对"]
        #[doc = ""]
        #[doc = " flat ¥0.15 per call."]
        Compare,
    }
    impl PostpaidLabel {
        #[doc = " Every postpaid label, in table order."]
        pub const ALL: [Self; 2] = [Self::Liveness, Self::Compare];
        #[doc = " The number of postpaid labels: 2."]
        pub const COUNT: usize = 2;
        #[doc = r" The name as the document writes it."]
        #[inline]
        pub const fn doc_name(self) -> &'static str {
            match self {
                Self::Liveness => "活体人脸核身",
                Self::Compare => "活体人脸比对",
            }
        }
        #[doc = r" The Rust identifier of the variant."]
        #[inline]
        pub const fn ident(self) -> &'static str {
            match self {
                Self::Liveness => "Liveness",
                Self::Compare => "Compare",
            }
        }
        #[doc = r" Other spellings it is known by."]
        #[inline]
        pub const fn aliases(self) -> &'static [&'static str] {
            match self {
                Self::Liveness => &[],
                Self::Compare => &[],
            }
        }
        #[doc = r" The position of the variant in [`Self::ALL`]."]
        #[inline]
        pub const fn index(self) -> usize {
            match self {
                Self::Liveness => 0,
                Self::Compare => 1,
            }
        }
    }
    impl ::faceid_rules::Named for PostpaidLabel {
        const KIND: &'static str = "postpaid label";
        fn resolve_normalised(key: &str) -> Resolved<Self> {
            match key {
                "活体人脸核身" | "liveness" => Resolved::One(Self::Liveness),
                "活体人脸比对" | "compare" => Resolved::One(Self::Compare),
                _ => Resolved::Unknown,
            }
        }
        const ALL: &'static [Self] = &Self::ALL;
        fn doc_name(self) -> &'static str {
            Self::doc_name(self)
        }
        fn ident(self) -> &'static str {
            Self::ident(self)
        }
        fn aliases(self) -> &'static [&'static str] {
            Self::aliases(self)
        }
        fn index(self) -> usize {
            Self::index(self)
        }
    }
    #[doc = r" Writes the doc name."]
    impl ::core::fmt::Display for PostpaidLabel {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            f.write_str(self.doc_name())
        }
    }
    #[doc = r" Reads a doc name, identifier or alias; see [`Named::lookup`](#krate::Named::lookup)."]
    impl ::core::str::FromStr for PostpaidLabel {
        type Err = ::faceid_rules::UnknownName;
        fn from_str(text: &str) -> ::core::result::Result<Self, Self::Err> {
            <Self as ::faceid_rules::Named>::lookup(text)
        }
    }
    ::faceid_rules::__impl_serde!(PostpaidLabel);
    impl PostpaidLabel {
        #[doc = r" The label's postpaid price over time: its volume tiers, ascending from the"]
        #[doc = r" first call of the month (one open tier for a flat price), `None` while the"]
        #[doc = r" label is not in force. See each variant for its data."]
        #[inline]
        pub const fn prices(self) -> &'static [Dated<Option<&'static [Tier]>>] {
            match self {
                Self::Liveness => {
                    const {
                        &[Dated {
                            from: None,
                            value: Some(&[
                                Tier {
                                    from: 1,
                                    to: Some(1000),
                                    price: Some(Money::from_fen(100)),
                                },
                                Tier {
                                    from: 1000,
                                    to: None,
                                    price: None,
                                },
                            ]),
                            per: None,
                        }]
                    }
                }
                Self::Compare => {
                    const {
                        &[Dated {
                            from: None,
                            value: Some(&[Tier {
                                from: 1,
                                to: None,
                                price: Some(Money::from_fen(15)),
                            }]),
                            per: None,
                        }]
                    }
                }
            }
        }
        #[doc = r" The tiers in force on `day` (China Standard Time); `None` when the label is"]
        #[doc = r" not in force that day."]
        #[inline]
        pub fn tiers_on(self, day: NaiveDate) -> Option<&'static [Tier]> {
            <Table as BillingTable>::tiers_on(self, day)
        }
        #[doc = r" The tier a month of `calls` postpaid calls reaches with the tiers in force on"]
        #[doc = r" `day` (none for zero calls, or when the label is not in force)."]
        #[inline]
        pub fn tier_on(self, day: NaiveDate, calls: u64) -> Option<&'static Tier> {
            ::core::iter::Iterator::find(&mut self.tiers_on(day)?.iter(), |t| t.contains(calls))
        }
        #[doc = r" Whether the label is in force on `day`."]
        #[inline]
        pub fn exists_on(self, day: NaiveDate) -> bool {
            self.tiers_on(day).is_some()
        }
        #[doc = r" The label's doc name over time (the first one is [`Self::doc_name`])."]
        #[inline]
        pub const fn names(self) -> &'static [Dated<&'static str>] {
            match self {
                Self::Liveness => {
                    const {
                        &[Dated {
                            from: None,
                            value: "活体人脸核身",
                            per: None,
                        }]
                    }
                }
                Self::Compare => {
                    const {
                        &[Dated {
                            from: None,
                            value: "活体人脸比对",
                            per: None,
                        }]
                    }
                }
            }
        }
        #[doc = r" The label's doc name on `day`."]
        #[inline]
        pub fn doc_name_on(self, day: NaiveDate) -> &'static str {
            <Table as BillingTable>::postpaid_name_on(self, day)
        }
    }
    #[doc = " The prepaid billing labels (预付费计费标签) of 合同价: the labels resource packs are sold for."]
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum PrepaidLabel {
        #[doc = " 基础版人脸核身"]
        #[doc = ""]
        #[doc = " | pack | list price |"]
        #[doc = " |---|---|"]
        #[doc = " | 1000次 | ¥930.00 |"]
        #[doc = " | 1万次 | ¥8000.00 |"]
        Basic,
        #[doc = " 免费"]
        #[doc = ""]
        #[doc = " Sold without resource packs."]
        Free,
    }
    impl PrepaidLabel {
        #[doc = " Every prepaid label, in table order."]
        pub const ALL: [Self; 2] = [Self::Basic, Self::Free];
        #[doc = " The number of prepaid labels: 2."]
        pub const COUNT: usize = 2;
        #[doc = r" The name as the document writes it."]
        #[inline]
        pub const fn doc_name(self) -> &'static str {
            match self {
                Self::Basic => "基础版人脸核身",
                Self::Free => "免费",
            }
        }
        #[doc = r" The Rust identifier of the variant."]
        #[inline]
        pub const fn ident(self) -> &'static str {
            match self {
                Self::Basic => "Basic",
                Self::Free => "Free",
            }
        }
        #[doc = r" Other spellings it is known by."]
        #[inline]
        pub const fn aliases(self) -> &'static [&'static str] {
            match self {
                Self::Basic => &[],
                Self::Free => &[],
            }
        }
        #[doc = r" The position of the variant in [`Self::ALL`]."]
        #[inline]
        pub const fn index(self) -> usize {
            match self {
                Self::Basic => 0,
                Self::Free => 1,
            }
        }
    }
    impl ::faceid_rules::Named for PrepaidLabel {
        const KIND: &'static str = "prepaid label";
        fn resolve_normalised(key: &str) -> Resolved<Self> {
            match key {
                "基础版人脸核身" | "basic" => Resolved::One(Self::Basic),
                "免费" | "free" => Resolved::One(Self::Free),
                _ => Resolved::Unknown,
            }
        }
        const ALL: &'static [Self] = &Self::ALL;
        fn doc_name(self) -> &'static str {
            Self::doc_name(self)
        }
        fn ident(self) -> &'static str {
            Self::ident(self)
        }
        fn aliases(self) -> &'static [&'static str] {
            Self::aliases(self)
        }
        fn index(self) -> usize {
            Self::index(self)
        }
    }
    #[doc = r" Writes the doc name."]
    impl ::core::fmt::Display for PrepaidLabel {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            f.write_str(self.doc_name())
        }
    }
    #[doc = r" Reads a doc name, identifier or alias; see [`Named::lookup`](#krate::Named::lookup)."]
    impl ::core::str::FromStr for PrepaidLabel {
        type Err = ::faceid_rules::UnknownName;
        fn from_str(text: &str) -> ::core::result::Result<Self, Self::Err> {
            <Self as ::faceid_rules::Named>::lookup(text)
        }
    }
    ::faceid_rules::__impl_serde!(PrepaidLabel);
    impl PrepaidLabel {
        #[doc = r" The resource packs on sale over time, ascending by size (empty: none on"]
        #[doc = r" sale), `None` while the label is not in force. See each variant for its data."]
        #[inline]
        pub const fn pack_lists(self) -> &'static [Dated<Option<&'static [PackOffer]>>] {
            match self {
                Self::Basic => {
                    const {
                        &[Dated {
                            from: None,
                            value: Some(&[
                                PackOffer {
                                    size: 1000,
                                    price: Money::from_fen(93000),
                                },
                                PackOffer {
                                    size: 10000,
                                    price: Money::from_fen(800000),
                                },
                            ]),
                            per: None,
                        }]
                    }
                }
                Self::Free => {
                    const {
                        &[Dated {
                            from: None,
                            value: Some(&[]),
                            per: None,
                        }]
                    }
                }
            }
        }
        #[doc = r" The packs on sale at `at` (China Standard Time); `None` when the label is not"]
        #[doc = r" in force then."]
        #[inline]
        pub fn packs_at(self, at: NaiveDateTime) -> Option<&'static [PackOffer]> {
            <Table as BillingTable>::packs_at(self, at)
        }
        #[doc = r" The packs on sale at 00:00 of `day`; `None` when the label is not in force."]
        #[inline]
        pub fn packs_on(self, day: NaiveDate) -> Option<&'static [PackOffer]> {
            <Table as BillingTable>::packs_on(self, day)
        }
        #[doc = r" Whether the label is in force on `day`."]
        #[inline]
        pub fn exists_on(self, day: NaiveDate) -> bool {
            self.packs_on(day).is_some()
        }
        #[doc = r" The label's doc name over time (the first one is [`Self::doc_name`])."]
        #[inline]
        pub const fn names(self) -> &'static [Dated<&'static str>] {
            match self {
                Self::Basic => {
                    const {
                        &[Dated {
                            from: None,
                            value: "基础版人脸核身",
                            per: None,
                        }]
                    }
                }
                Self::Free => {
                    const {
                        &[Dated {
                            from: None,
                            value: "免费",
                            per: None,
                        }]
                    }
                }
            }
        }
        #[doc = r" The label's doc name on `day`."]
        #[inline]
        pub fn doc_name_on(self, day: NaiveDate) -> &'static str {
            <Table as BillingTable>::prepaid_name_on(self, day)
        }
        #[doc = r" The other prepaid labels whose calls packs of this label also cover, over"]
        #[doc = r" time."]
        #[inline]
        pub const fn covers(self) -> &'static [Dated<&'static [PrepaidLabel]>] {
            match self {
                Self::Basic => {
                    const {
                        &[Dated {
                            from: None,
                            value: &[],
                            per: None,
                        }]
                    }
                }
                Self::Free => {
                    const {
                        &[Dated {
                            from: None,
                            value: &[],
                            per: None,
                        }]
                    }
                }
            }
        }
        #[doc = r" The other prepaid labels whose calls packs of this label cover on `day`."]
        #[inline]
        pub fn covers_on(self, day: NaiveDate) -> &'static [PrepaidLabel] {
            <Table as BillingTable>::covers_on(self, day)
        }
    }
    #[doc = " The families of billable result codes of 合同价."]
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum CodeFamily {
        #[doc = " API 3.0"]
        #[doc = ""]
        #[doc = " Billed: `Success`."]
        #[doc = " "]
        #[doc = " Not billed: -3–-1."]
        #[doc = " "]
        #[doc = " From 2021-07-19: 0 not billed."]
        Face,
    }
    impl CodeFamily {
        #[doc = " Every code family, in table order."]
        pub const ALL: [Self; 1] = [Self::Face];
        #[doc = " The number of code familys: 1."]
        pub const COUNT: usize = 1;
        #[doc = r" The name as the document writes it."]
        #[inline]
        pub const fn doc_name(self) -> &'static str {
            match self {
                Self::Face => "API 3.0",
            }
        }
        #[doc = r" The Rust identifier of the variant."]
        #[inline]
        pub const fn ident(self) -> &'static str {
            match self {
                Self::Face => "Face",
            }
        }
        #[doc = r" Other spellings it is known by."]
        #[inline]
        pub const fn aliases(self) -> &'static [&'static str] {
            match self {
                Self::Face => &[],
            }
        }
        #[doc = r" The position of the variant in [`Self::ALL`]."]
        #[inline]
        pub const fn index(self) -> usize {
            match self {
                Self::Face => 0,
            }
        }
    }
    impl ::faceid_rules::Named for CodeFamily {
        const KIND: &'static str = "code family";
        fn resolve_normalised(key: &str) -> Resolved<Self> {
            match key {
                "api3.0" | "face" => Resolved::One(Self::Face),
                _ => Resolved::Unknown,
            }
        }
        const ALL: &'static [Self] = &Self::ALL;
        fn doc_name(self) -> &'static str {
            Self::doc_name(self)
        }
        fn ident(self) -> &'static str {
            Self::ident(self)
        }
        fn aliases(self) -> &'static [&'static str] {
            Self::aliases(self)
        }
        fn index(self) -> usize {
            Self::index(self)
        }
    }
    #[doc = r" Writes the doc name."]
    impl ::core::fmt::Display for CodeFamily {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            f.write_str(self.doc_name())
        }
    }
    #[doc = r" Reads a doc name, identifier or alias; see [`Named::lookup`](#krate::Named::lookup)."]
    impl ::core::str::FromStr for CodeFamily {
        type Err = ::faceid_rules::UnknownName;
        fn from_str(text: &str) -> ::core::result::Result<Self, Self::Err> {
            <Self as ::faceid_rules::Named>::lookup(text)
        }
    }
    ::faceid_rules::__impl_serde!(CodeFamily);
    impl CodeFamily {
        #[doc = r" The family's codes as the table lists them, grouped by how they are billed"]
        #[doc = r" over time; [`Self::status`] is the same rules as a `match`."]
        #[inline]
        pub const fn rules(self) -> &'static [CodeRule] {
            match self {
                Self::Face => {
                    const {
                        &[
                            CodeRule {
                                codes: &[CodePattern::Range(-3, -1)],
                                billed: Some(false),
                                changes: &[],
                            },
                            CodeRule {
                                codes: &[CodePattern::Range(0, 0)],
                                billed: Some(true),
                                changes: &[CodeChange {
                                    from: ymd(2021, 7, 19),
                                    billed: false,
                                }],
                            },
                            CodeRule {
                                codes: &[CodePattern::Name("Success")],
                                billed: Some(true),
                                changes: &[],
                            },
                        ]
                    }
                }
            }
        }
        #[doc = r" Whether a call that returned `code` on `day` (China Standard Time) is billed,"]
        #[doc = r" and which dated change decided it."]
        #[inline]
        pub fn status(self, code: Code<'_>, day: NaiveDate) -> CodeStatus {
            match self {
                Self::Face => match code {
                    Code::Int(-3..=-1) => CodeStatus {
                        verdict: Verdict::NotBilled,
                        since: None,
                        until: None,
                    },
                    Code::Int(0) => {
                        const CHANGE_1: NaiveDate = ymd(2021, 7, 19);
                        if day >= CHANGE_1 {
                            CodeStatus {
                                verdict: Verdict::NotBilled,
                                since: Some(CHANGE_1),
                                until: None,
                            }
                        } else {
                            CodeStatus {
                                verdict: Verdict::Billed,
                                since: None,
                                until: Some(CHANGE_1),
                            }
                        }
                    }
                    Code::Name("Success") => CodeStatus {
                        verdict: Verdict::Billed,
                        since: None,
                        until: None,
                    },
                    _ => CodeStatus {
                        verdict: Verdict::Unknown,
                        since: None,
                        until: None,
                    },
                },
            }
        }
    }
    #[doc = " The rows of 合同价 in document order: each a group of channels the document lists together (a rowspan) or a single API."]
    pub const ROWS: &[Row<Table>] = &[
        Row {
            section: Section::Basic,
            channels: &[Channel::H5, Channel::Pc],
        },
        Row {
            section: Section::Basic,
            channels: &[Channel::Api],
        },
    ];
    #[doc(hidden)]
    #[macro_export]
    macro_rules ! __faceid_rules_contract_channel { ($ ($ name : tt) *) => { :: faceid_rules :: __private :: lookup ! { $ crate :: contract :: Channel , "channel" , [("独立 H5" H5 ["DetectAuth"]) ("PC H5" Pc []) ("活体人脸比对 API" Api [])] , $ ($ name) * } } ; }
    #[doc = " The channel with a doc name, identifier or alias, checked at compile time: `contract::channel!(\"独立 H5\")` is `contract::Channel::H5`. An unknown name does not compile."]
    pub use __faceid_rules_contract_channel as channel;
    #[doc(hidden)]
    #[macro_export]
    macro_rules ! __faceid_rules_contract_source { ($ ($ name : tt) *) => { :: faceid_rules :: __private :: lookup ! { $ crate :: contract :: Source , "compare source" , [("跟权威库比对" Authority ["权威库"]) ("跟上传照片比对" Upload [])] , $ ($ name) * } } ; }
    #[doc = " The compare source with a doc name, identifier or alias, checked at compile time: `contract::source!(\"跟权威库比对\")` is `contract::Source::Authority`. An unknown name does not compile."]
    pub use __faceid_rules_contract_source as source;
    #[doc(hidden)]
    #[macro_export]
    macro_rules ! __faceid_rules_contract_section { ($ ($ name : tt) *) => { :: faceid_rules :: __private :: lookup ! { $ crate :: contract :: Section , "section" , [("基础版人脸核身" Basic [])] , $ ($ name) * } } ; }
    #[doc = " The section with a doc name, identifier or alias, checked at compile time: `contract::section!(\"基础版人脸核身\")` is `contract::Section::Basic`. An unknown name does not compile."]
    pub use __faceid_rules_contract_section as section;
    #[doc(hidden)]
    #[macro_export]
    macro_rules ! __faceid_rules_contract_postpaid { ($ ($ name : tt) *) => { :: faceid_rules :: __private :: lookup ! { $ crate :: contract :: PostpaidLabel , "postpaid label" , [("活体人脸核身" Liveness []) ("活体人脸比对" Compare [])] , $ ($ name) * } } ; }
    #[doc = " The postpaid label with a doc name, identifier or alias, checked at compile time: `contract::postpaid!(\"活体人脸核身\")` is `contract::PostpaidLabel::Liveness`. An unknown name does not compile."]
    pub use __faceid_rules_contract_postpaid as postpaid;
    #[doc(hidden)]
    #[macro_export]
    macro_rules ! __faceid_rules_contract_prepaid { ($ ($ name : tt) *) => { :: faceid_rules :: __private :: lookup ! { $ crate :: contract :: PrepaidLabel , "prepaid label" , [("基础版人脸核身" Basic []) ("免费" Free [])] , $ ($ name) * } } ; }
    #[doc = " The prepaid label with a doc name, identifier or alias, checked at compile time: `contract::prepaid!(\"基础版人脸核身\")` is `contract::PrepaidLabel::Basic`. An unknown name does not compile."]
    pub use __faceid_rules_contract_prepaid as prepaid;
}
