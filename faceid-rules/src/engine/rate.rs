//! Rating one call: which channel and compare source it names, the labels it is billed
//! under on its day, and whether its result code is billed on its day.
//!
//! Everything is read as in force on the call's calendar day (China Standard Time): the
//! channel must be listed that day, its compare sources and labels are those of that day,
//! and an API action several channels share names the one listed that day.
//!
//! [`rate`] is a pure function of the call and allocates nothing when it succeeds: names are
//! folded to their comparison form ([`normalise`]) in a stack buffer and resolved by the
//! table's generated `match` ([`Named::lookup`]). Only an error builds a message.

use std::fmt;

use chrono::NaiveDate;

use crate::dated::Period;
use crate::names::UnknownName;
use crate::table::{BillingTable, Code, CodeStatus, Labels, Named, Verdict};

#[cfg(doc)]
use crate::names::normalise;

/// A call rated against a table: what it is and how it is billed.
pub struct Rated<T: BillingTable> {
    /// The channel or API it was made through.
    pub channel: T::Channel,
    /// The compare source: the one given, or the channel's only source when the channel
    /// offers exactly one and none was given; `None` for a channel without compare source.
    pub source: Option<T::Source>,
    /// The section of the document the channel is listed in.
    pub section: T::Section,
    /// The postpaid and prepaid labels it is billed under.
    pub labels: Labels<T>,
    /// The family of result codes that decides whether it is billed.
    pub family: T::CodeFamily,
    /// Whether its result code is billed on its day.
    pub status: CodeStatus,
}

impl<T: BillingTable> Rated<T> {
    /// Whether the call is billed.
    pub fn billed(&self) -> bool {
        self.status.verdict == Verdict::Billed
    }
}

impl<T: BillingTable> Clone for Rated<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: BillingTable> Copy for Rated<T> {}

impl<T: BillingTable> PartialEq for Rated<T> {
    fn eq(&self, other: &Self) -> bool {
        self.channel == other.channel
            && self.source == other.source
            && self.section == other.section
            && self.labels.postpaid == other.labels.postpaid
            && self.labels.prepaid == other.labels.prepaid
            && self.family == other.family
            && self.status == other.status
    }
}

impl<T: BillingTable> Eq for Rated<T> {}

impl<T: BillingTable> fmt::Debug for Rated<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rated")
            .field("channel", &self.channel)
            .field("source", &self.source)
            .field("section", &self.section)
            .field("labels", &self.labels)
            .field("family", &self.family)
            .field("status", &self.status)
            .finish()
    }
}

/// Why a call cannot be rated. Each error belongs to one input field ([`RateError::field`]),
/// so a reader can print `calls.csv:17: field `source`: …`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RateError {
    /// The channel names no channel of the table (or an API action shared by several).
    UnknownChannel(UnknownName),
    /// The channel is not listed in the table on the call's day.
    NotListed {
        /// The channel of the call.
        channel: &'static str,
        /// The table's name (`legacy`, …).
        table: &'static str,
        /// The call's day.
        day: NaiveDate,
        /// The days it is listed.
        listed: Period,
    },
    /// The source names no compare source of the table.
    UnknownSource {
        /// The channel of the call.
        channel: &'static str,
        /// What the lookup found wrong.
        error: UnknownName,
    },
    /// A source was given for a channel that has no compare source.
    SourceNotExpected {
        /// The channel of the call.
        channel: &'static str,
        /// The source as given.
        given: String,
    },
    /// No source was given for a channel that offers several.
    SourceMissing {
        /// The channel of the call.
        channel: &'static str,
        /// The doc names of the sources it offers.
        offered: Vec<&'static str>,
    },
    /// The source is one the channel does not offer.
    SourceNotOffered {
        /// The channel of the call.
        channel: &'static str,
        /// The doc name of the source given.
        given: &'static str,
        /// The doc names of the sources it offers.
        offered: Vec<&'static str>,
    },
    /// In strict mode: a result code the channel's code family does not list.
    UnknownCode {
        /// The channel of the call.
        channel: &'static str,
        /// The doc name of the channel's code family.
        family: &'static str,
        /// The code as given.
        code: String,
    },
}

impl RateError {
    /// The input field at fault: `channel`, `source` or `code`.
    pub fn field(&self) -> &'static str {
        match self {
            RateError::UnknownChannel(_) | RateError::NotListed { .. } => "channel",
            RateError::UnknownSource { .. }
            | RateError::SourceNotExpected { .. }
            | RateError::SourceMissing { .. }
            | RateError::SourceNotOffered { .. } => "source",
            RateError::UnknownCode { .. } => "code",
        }
    }
}

fn quoted(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("{n:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for RateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RateError::UnknownChannel(e) => write!(f, "{e}"),
            RateError::NotListed {
                channel,
                table,
                day,
                listed,
            } => {
                write!(f, "channel {channel:?} is not in the {table} table on {day}: ")?;
                match (listed.from, listed.until) {
                    (Some(from), _) if *day < from => write!(f, "it is listed from {from}"),
                    (Some(from), Some(until)) => {
                        write!(f, "it was listed from {from}, no longer from {until}")
                    }
                    (None, Some(until)) => write!(f, "it is no longer listed from {until}"),
                    _ => write!(f, "it is listed {listed}"),
                }
            }
            RateError::UnknownSource { channel, error } => {
                write!(f, "{error} (for channel {channel:?})")
            }
            RateError::SourceNotExpected { channel, given } => write!(
                f,
                "channel {channel:?} has no compare source, but {given:?} was given; leave the source empty"
            ),
            RateError::SourceMissing { channel, offered } => write!(
                f,
                "channel {channel:?} compares with {}; say which one (expected one of {})",
                offered.join(" or "),
                quoted(offered)
            ),
            RateError::SourceNotOffered {
                channel,
                given,
                offered,
            } => write!(
                f,
                "channel {channel:?} does not offer {given:?}; it offers {}",
                quoted(offered)
            ),
            RateError::UnknownCode {
                channel,
                family,
                code,
            } => write!(
                f,
                "result code {code:?} of channel {channel:?} is not listed in {family:?} (neither billed nor not billed); strict mode rejects unknown codes"
            ),
        }
    }
}

impl std::error::Error for RateError {}

/// Rates one call: `channel` and `source` as the log writes them (doc name, identifier,
/// alias or, for a channel, its API action; compared as [`normalise`] compares), `code` as
/// Tencent returned it, `day` the call's calendar day in China Standard Time.
///
/// A code that the channel's family does not list is rated [`Verdict::Unknown`] (not billed,
/// reported); [`rate_strict`] rejects it instead. An empty or blank `source` counts as none.
/// A channel offering exactly one compare source may be given without it.
pub fn rate<T: BillingTable>(
    channel: &str,
    source: Option<&str>,
    code: &str,
    day: NaiveDate,
) -> Result<Rated<T>, RateError> {
    rate_with::<T>(channel, source, code, day, false)
}

/// [`rate`] in strict mode: a result code that the channel's code family does not list is
/// an error ([`RateError::UnknownCode`]).
pub fn rate_strict<T: BillingTable>(
    channel: &str,
    source: Option<&str>,
    code: &str,
    day: NaiveDate,
) -> Result<Rated<T>, RateError> {
    rate_with::<T>(channel, source, code, day, true)
}

/// [`rate`] (`strict` false) or [`rate_strict`] (`strict` true).
pub fn rate_with<T: BillingTable>(
    channel: &str,
    source: Option<&str>,
    code: &str,
    day: NaiveDate,
    strict: bool,
) -> Result<Rated<T>, RateError> {
    let channel_v = T::Channel::lookup_where(channel, |c| T::channel_exists_on(c, day))
        .map_err(RateError::UnknownChannel)?;
    if !T::channel_exists_on(channel_v, day) {
        return Err(RateError::NotListed {
            channel: channel_v.doc_name(),
            table: T::INFO.name,
            day,
            listed: T::channel_period(channel_v),
        });
    }
    let source_v = resolve_source::<T>(channel_v, source, day)?;
    let labels = T::labels_on(channel_v, source_v, day).ok_or_else(|| {
        let offered = T::sources_on(channel_v, day)
            .iter()
            .map(|s| s.doc_name())
            .collect();
        match source_v {
            // The channel lists the source but the table maps it to nothing: report it as
            // not offered, since no call can be billed through it.
            Some(s) => RateError::SourceNotOffered {
                channel: channel_v.doc_name(),
                given: s.doc_name(),
                offered,
            },
            None => RateError::SourceMissing {
                channel: channel_v.doc_name(),
                offered,
            },
        }
    })?;
    let family = T::code_family(channel_v);
    let status = T::code_status(family, Code::parse(code), day);
    if strict && status.verdict == Verdict::Unknown {
        return Err(RateError::UnknownCode {
            channel: channel_v.doc_name(),
            family: family.doc_name(),
            code: code.to_owned(),
        });
    }
    Ok(Rated {
        channel: channel_v,
        source: source_v,
        section: T::section(channel_v),
        labels,
        family,
        status,
    })
}

/// The compare source of a call of `channel` on `day`, checked against what the channel
/// offers that day.
pub(crate) fn resolve_source<T: BillingTable>(
    channel: T::Channel,
    source: Option<&str>,
    day: NaiveDate,
) -> Result<Option<T::Source>, RateError> {
    // The sources offered that day, read from the day's cells without collecting them.
    let cells = T::cells_on(channel, day).unwrap_or(&[]);
    let offered = || {
        cells
            .iter()
            .filter(|c| c.labels.is_some())
            .filter_map(|c| c.source)
    };
    let named = || offered().map(|s| s.doc_name()).collect::<Vec<_>>();
    let given = source.filter(|s| !s.trim().is_empty());
    let mut iter = offered();
    let (first, second) = (iter.next(), iter.next());
    match (given, first, second) {
        (None, None, _) => Ok(None),
        (None, Some(only), None) => Ok(Some(only)),
        (None, Some(_), Some(_)) => Err(RateError::SourceMissing {
            channel: channel.doc_name(),
            offered: named(),
        }),
        (Some(text), None, _) => Err(RateError::SourceNotExpected {
            channel: channel.doc_name(),
            given: text.to_owned(),
        }),
        (Some(text), Some(_), _) => {
            let s = T::Source::lookup(text).map_err(|error| RateError::UnknownSource {
                channel: channel.doc_name(),
                error,
            })?;
            if offered().any(|o| o == s) {
                Ok(Some(s))
            } else {
                Err(RateError::SourceNotOffered {
                    channel: channel.doc_name(),
                    given: s.doc_name(),
                    offered: named(),
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::{day, Channel, CodeFamily, Mock, Postpaid, Prepaid, Source};

    #[test]
    fn rates_by_doc_name_identifier_alias_and_action() {
        let d = day(2026, 10, 1);
        let by_doc = rate::<Mock>("微信小程序", Some("跟权威库比对"), "0", d).unwrap();
        assert_eq!(by_doc.channel, Channel::MiniProgram);
        assert_eq!(by_doc.source, Some(Source::Authority));
        assert_eq!(by_doc.labels.postpaid, Postpaid::LivenessRec);
        assert_eq!(by_doc.labels.prepaid, Prepaid::WechatAuthority);
        assert_eq!(by_doc.family, CodeFamily::DetectAuth);
        assert!(by_doc.billed());
        let by_ident = rate::<Mock>("MiniProgram", Some("Authority"), "0", d).unwrap();
        assert_eq!(by_ident, by_doc);
        let spaced = rate::<Mock>(" 微信小程序 ", Some("权威库"), " 0 ", d).unwrap();
        assert_eq!(spaced, by_doc);
        let action = rate::<Mock>("livenessrecognition", None, "Success", d).unwrap();
        assert_eq!(action.channel, Channel::LivenessApi);
        let wide = rate::<Mock>("活体人脸核身ＡＰＩ", None, "Success", d).unwrap();
        assert_eq!(wide.channel, Channel::LivenessApi);
    }

    #[test]
    fn shared_prepaid_label_different_postpaid_labels() {
        let d = day(2026, 10, 1);
        let live = rate::<Mock>("活体人脸核身 API", None, "Success", d).unwrap();
        let photo = rate::<Mock>("照片人脸核身 API", None, "Success", d).unwrap();
        assert_eq!(live.labels.prepaid, photo.labels.prepaid);
        assert_ne!(live.labels.postpaid, photo.labels.postpaid);
    }

    #[test]
    fn single_source_may_be_omitted_or_given() {
        let d = day(2026, 10, 1);
        let omitted = rate::<Mock>("活体人脸核身 API", None, "Success", d).unwrap();
        let empty = rate::<Mock>("活体人脸核身 API", Some(" "), "Success", d).unwrap();
        let given = rate::<Mock>("活体人脸核身 API", Some("权威库"), "Success", d).unwrap();
        assert_eq!(omitted.source, Some(Source::Authority));
        assert_eq!(omitted, empty);
        assert_eq!(omitted, given);
    }

    #[test]
    fn errors_name_the_field_and_what_exists() {
        let d = day(2026, 10, 1);
        let e = rate::<Mock>("微信小成序", Some("权威库"), "0", d).unwrap_err();
        assert_eq!(e.field(), "channel");
        assert!(e.to_string().contains("did you mean \"微信小程序\""), "{e}");

        let e = rate::<Mock>("DetectAuth", Some("权威库"), "0", d).unwrap_err();
        assert_eq!(e.field(), "channel");
        assert!(e.to_string().contains("ambiguous"), "{e}");
        assert!(e.to_string().contains("微信原生 H5"), "{e}");

        let e = rate::<Mock>("微信小程序", None, "0", d).unwrap_err();
        assert_eq!(e.field(), "source");
        assert_eq!(
            e.to_string(),
            "channel \"微信小程序\" compares with 跟权威库比对 or 跟上传照片比对; say which one (expected one of \"跟权威库比对\", \"跟上传照片比对\")"
        );

        let e = rate::<Mock>("银行卡三要素", Some("权威库"), "0", d).unwrap_err();
        assert_eq!(e.field(), "source");
        assert!(e.to_string().contains("has no compare source"), "{e}");

        let e = rate::<Mock>("活体人脸核身 API", Some("上传照片"), "Success", d).unwrap_err();
        assert_eq!(e.field(), "source");
        assert_eq!(
            e.to_string(),
            "channel \"活体人脸核身 API\" does not offer \"跟上传照片比对\"; it offers \"跟权威库比对\""
        );

        let e = rate::<Mock>("微信小程序", Some("公安库"), "0", d).unwrap_err();
        assert_eq!(e.field(), "source");
        assert!(
            e.to_string().contains("unknown compare source \"公安库\""),
            "{e}"
        );
    }

    #[test]
    fn unknown_codes_are_reported_or_rejected() {
        let d = day(2026, 10, 1);
        let lenient = rate::<Mock>("银行卡三要素", None, "-99", d).unwrap();
        assert_eq!(lenient.status.verdict, Verdict::Unknown);
        assert!(!lenient.billed());
        let e = rate_strict::<Mock>("银行卡三要素", None, "-99", d).unwrap_err();
        assert_eq!(e.field(), "code");
        assert!(e.to_string().contains("\"-99\""), "{e}");
        assert!(rate_strict::<Mock>("银行卡三要素", None, "-2", d).is_ok());
    }

    #[test]
    fn dated_code_changes_apply_from_their_day() {
        let before = rate::<Mock>("微信小程序", Some("权威库"), "2010", day(2021, 7, 18)).unwrap();
        let after = rate::<Mock>("微信小程序", Some("权威库"), "2010", day(2021, 7, 19)).unwrap();
        assert!(before.billed());
        assert_eq!(after.status.verdict, Verdict::NotBilled);
    }
}
