//! A call log that exercises everything the generated SQL must do as `bill` does, for one
//! table: every channel, through every spelling (doc name, identifier, alias, API action,
//! in full-width forms, upper case, with spaces), every compare source given, left out,
//! misspelt or not offered; codes of every family (billed, not billed, unknown, padded);
//! days around every dated change of the table and times near midnight in China Standard
//! Time written with other offsets; bad times; repeated request ids — exact repeats, repeats
//! with other fields, ids written as a UUID and as 32 hex digits, a first occurrence that
//! is rejected — within a file and across files. Everything comes from the compiled table.
//!
//! Shared by the `sql_log` example (which writes the files for the engine tests in `jobs/`)
//! and the SQLite differential test.

use std::collections::BTreeSet;

use chrono::{Days, NaiveDate};
use faceid_rules::table::{BillingTable, CodePattern, Named};

/// SplitMix64: small, fast, deterministic.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn pick<'a, X>(&mut self, items: &'a [X]) -> &'a X {
        &items[self.below(items.len())]
    }
}

/// One line of a log: time, account, channel, source, code, request id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub time: String,
    pub account: String,
    pub channel: String,
    pub source: String,
    pub code: String,
    pub request_id: String,
}

/// The columns, in the order [`write_csv`] writes them by default.
pub const COLUMNS: [&str; 6] = ["time", "account", "channel", "source", "code", "request_id"];

impl Line {
    fn field(&self, column: &str) -> &str {
        match column {
            "time" => &self.time,
            "account" => &self.account,
            "channel" => &self.channel,
            "source" => &self.source,
            "code" => &self.code,
            _ => &self.request_id,
        }
    }
}

/// `name` as a careless log writes it.
pub fn messy(name: &str, variant: usize) -> String {
    match variant % 4 {
        0 => name
            .chars()
            .map(|c| {
                if c.is_ascii_graphic() {
                    char::from_u32(c as u32 + 0xFEE0).unwrap_or(c)
                } else if c == ' ' {
                    '\u{3000}'
                } else {
                    c
                }
            })
            .collect(),
        1 => format!(" {} ", name.to_ascii_uppercase().replace(' ', "\t")),
        2 => {
            let mut chars: Vec<char> = name.chars().collect();
            chars.insert(chars.len() / 2, ' ');
            chars.into_iter().collect::<String>().to_ascii_lowercase()
        }
        _ => name.replace('(', "（").replace(')', "）"),
    }
}

/// The days the table changes on, with the day before each, and two quiet days.
pub fn days<T: BillingTable>() -> Vec<NaiveDate> {
    let mut days = BTreeSet::new();
    let mut add = |d: NaiveDate| {
        days.insert(d);
        if let Some(before) = d.checked_sub_days(Days::new(1)) {
            days.insert(before);
        }
    };
    for change in T::CHANGES {
        add(change.at.date());
    }
    for &c in T::Channel::ALL {
        let period = T::channel_period(c);
        period
            .from
            .into_iter()
            .chain(period.until)
            .for_each(&mut add);
        for entry in T::mappings(c) {
            entry.from.into_iter().for_each(|at| add(at.date()));
        }
    }
    for &family in T::CodeFamily::ALL {
        for rule in T::code_rules(family) {
            rule.changes.iter().for_each(|ch| add(ch.from));
        }
    }
    if let Some(opened) = T::INFO.opened.from {
        add(opened);
    }
    for quiet in [(2026, 10, 15), (2026, 11, 1)] {
        if let Some(d) = NaiveDate::from_ymd_opt(quiet.0, quiet.1, quiet.2) {
            add(d);
        }
    }
    days.into_iter().collect()
}

/// A time on `day` (China Standard Time) as a log may write it: near midnight, in another
/// offset, with a fraction, with `t` or a space.
fn time_on(rng: &mut Rng, day: NaiveDate) -> String {
    let clocks = [
        (0, 0, 0),
        (0, 0, 1),
        (7, 59, 59),
        (8, 0, 0),
        (12, 30, 0),
        (15, 59, 59),
        (16, 0, 0),
        (23, 59, 59),
    ];
    let (h, m, s) = *rng.pick(&clocks);
    let fraction = *rng.pick(&["", "", ".5", ".123456789123"]);
    let sep = *rng.pick(&["T", "T", "T", "t", " "]);
    // The same instant in another offset: CST minus 8 hours is UTC, and so on.
    let offsets: [(i64, &str); 7] = [
        (480, "+08:00"),
        (480, ""),
        (0, "Z"),
        (0, "z"),
        (-300, "-05:00"),
        (840, "+14:00"),
        (-690, "-11:30"),
    ];
    let (minutes, suffix) = *rng.pick(&offsets);
    let cst = day.and_hms_opt(h, m, s).unwrap_or_default();
    let local = cst + chrono::Duration::minutes(minutes - 480);
    format!(
        "{}{sep}{}{fraction}{suffix}",
        local.format("%Y-%m-%d"),
        local.format("%H:%M:%S")
    )
}

/// The spellings of channel `c`, including messy ones and its API actions (shared ones
/// too: they name the channel listed on the call's day, or none).
fn channel_spellings<T: BillingTable>(c: T::Channel) -> Vec<String> {
    let mut names: Vec<String> = [c.doc_name(), c.ident()]
        .into_iter()
        .chain(c.aliases().iter().copied())
        .chain(T::channel_actions(c).iter().copied())
        .map(str::to_owned)
        .collect();
    for v in 0..4 {
        names.push(messy(c.doc_name(), v));
    }
    names.push(messy(c.ident(), 1));
    names
}

/// Sources a call may carry: mostly one the channel offers, by name, alias or messy form;
/// now and then none, a blank, or one it does not offer.
fn source_spellings<T: BillingTable>(c: T::Channel) -> Vec<String> {
    let offered = T::channel_sources(c);
    let mut out = vec![String::new(), " ".to_owned()];
    for &s in offered {
        for _ in 0..3 {
            out.push(s.doc_name().to_owned());
        }
        out.push(messy(s.doc_name(), 0));
        out.extend(s.aliases().iter().map(|a| messy(a, 1)));
    }
    if let Some(other) = T::Source::ALL.iter().find(|s| !offered.contains(s)) {
        out.push(other.doc_name().to_owned());
    }
    if offered.is_empty() {
        out.extend([String::new(), String::new(), String::new()]);
    }
    out
}

/// Codes of a family as logs carry them: listed ones, padded, with leading zeros, and
/// unknown ones.
fn codes_of<T: BillingTable>(family: T::CodeFamily) -> Vec<String> {
    let mut out = vec!["99999".to_owned(), "Unlisted.Code".to_owned()];
    for rule in T::code_rules(family) {
        for &p in rule.codes {
            match p {
                CodePattern::Range(lo, hi) => {
                    out.push(lo.to_string());
                    out.push(format!(" {hi} "));
                    if lo >= 0 {
                        out.push(format!("00{lo}"));
                    }
                }
                CodePattern::Name(n) => out.push(n.to_owned()),
            }
        }
    }
    out
}

/// Request ids: mostly unique, some written as a UUID or as its 32 hex digits in either
/// case (one request), some empty.
fn request_id(rng: &mut Rng, i: usize) -> String {
    match rng.below(10) {
        0 => String::new(),
        1 => format!("3F2504E0-4F89-11D3-9A0C-{i:012X}"),
        2 => format!("3f2504e04f8911d39a0c{i:012x}"),
        _ => format!("req-{i:07}"),
    }
}

/// The lines of a log of `n` calls (and the repeats and bad lines added to them) for table
/// `T`, deterministic in `seed`.
pub fn lines<T: BillingTable>(seed: u64, n: usize) -> Vec<Line> {
    let mut rng = Rng(seed ^ 0x5EED_0F50_1106);
    let days = days::<T>();
    let accounts = [
        "1250000000",
        " 1250000001",
        "1300000042",
        "=HYPERLINK(1)",
        "'quoted",
    ];
    let mut out = Vec::with_capacity(n + n / 8);
    for i in 0..n {
        let c = T::Channel::ALL[i % T::Channel::ALL.len()];
        let day = *rng.pick(&days);
        out.push(Line {
            time: time_on(&mut rng, day),
            account: rng.pick(&accounts).to_string(),
            channel: rng.pick(&channel_spellings::<T>(c)).clone(),
            source: rng.pick(&source_spellings::<T>(c)).clone(),
            code: rng.pick(&codes_of::<T>(T::code_family(c))).clone(),
            request_id: request_id(&mut rng, i),
        });
    }
    // Repeats: the same line again, the same id with another code or time, a UUID's id
    // in hex digits, upper case.
    let repeats = (n / 10).max(1);
    for _ in 0..repeats {
        let j = rng.below(n);
        let mut line = out[j].clone();
        if line.request_id.is_empty() {
            line.request_id = format!("again-{j}");
            out[j].request_id = line.request_id.clone();
        }
        let family = T::code_family(T::Channel::ALL[j % T::Channel::ALL.len()]);
        match rng.below(5) {
            0 => line.code = rng.pick(&codes_of::<T>(family)).clone(),
            1 => {
                let day = *rng.pick(&days);
                line.time = time_on(&mut rng, day);
            }
            2 => line.request_id = line.request_id.to_ascii_uppercase(),
            3 => line.request_id = format!(" {} ", line.request_id.replace('-', "")),
            _ => {}
        }
        let at = rng.below(out.len() + 1);
        out.insert(at, line);
    }
    // Bad lines, and a rejected first occurrence of an id that a good line repeats.
    let first = T::Channel::ALL[0];
    let day = days[days.len() / 2];
    let good = |id: &str| Line {
        time: format!("{day}T09:00:00+08:00"),
        account: "1250000000".to_owned(),
        channel: first.doc_name().to_owned(),
        source: T::channel_sources(first)
            .first()
            .map_or(String::new(), |s| s.doc_name().to_owned()),
        code: "0".to_owned(),
        request_id: id.to_owned(),
    };
    let bad = [
        Line {
            channel: "微信小成序".to_owned(),
            ..good("bad-then-good")
        },
        good("bad-then-good"),
        Line {
            time: format!("{day}T24:00:00"),
            ..good("")
        },
        Line {
            time: format!("{day}"),
            ..good("")
        },
        Line {
            time: " yesterday ".to_owned(),
            ..good("")
        },
        Line {
            time: "1969-12-31T23:59:59Z".to_owned(),
            ..good("")
        },
        Line {
            channel: " ".to_owned(),
            ..good("")
        },
        Line {
            code: String::new(),
            ..good("")
        },
        Line {
            source: "公安库".to_owned(),
            ..good("")
        },
        good("twice"),
        good("twice"),
    ];
    for line in bad {
        let at = rng.below(out.len() + 1);
        out.insert(at, line);
    }
    out
}

/// `lines` as CSV with a header of `columns` (a permutation of [`COLUMNS`]).
pub fn write_csv(lines: &[Line], columns: &[&str]) -> String {
    let mut w = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(Vec::new());
    let _ = w.write_record(columns);
    for line in lines {
        let _ = w.write_record(columns.iter().map(|c| line.field(c)));
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// `lines` cut into `parts` files, each with its own column order: the files of a log.
pub fn files(lines: &[Line], parts: usize) -> Vec<String> {
    let per = lines.len().div_ceil(parts.max(1)).max(1);
    lines
        .chunks(per)
        .enumerate()
        .map(|(i, chunk)| {
            let mut columns = COLUMNS;
            columns.rotate_left(i % COLUMNS.len());
            write_csv(chunk, &columns)
        })
        .collect()
}
