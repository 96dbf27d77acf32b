//! Dates as writers type them: `2026-01-13`, `'2025-12-18'`,
//! `2026-01-13 09:30`, `2026-01-13T09:30:00Z`, `2026-01-13T09:30:00+02:00`.

use std::fmt;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Serialize, Serializer};

/// A calendar date with an optional time of day, as the writer wrote it
/// (in their own time zone), and the zone's offset when one was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The date and time as written; midnight when only a date was given.
    pub at: NaiveDateTime,
    /// Whether a time of day was written.
    pub has_time: bool,
    /// Seconds east of UTC, when an offset (`+02:00`, `Z`) was written.
    pub offset: Option<i32>,
}

impl Date {
    /// The calendar day `day`, without a time.
    pub fn day(day: NaiveDate) -> Date {
        Date {
            at: day.and_time(NaiveTime::MIN),
            has_time: false,
            offset: None,
        }
    }

    /// Parses the forms listed in the module docs; `None` when `text` is not
    /// a date at all or names an impossible one (`2026-02-30`).
    pub fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            return Some(Date::day(d));
        }
        if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
            return Some(Date {
                at: dt.naive_local(),
                has_time: true,
                offset: Some(dt.offset().local_minus_utc()),
            });
        }
        for format in [
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M",
            "%Y-%m-%dT%H:%M:%S%.f",
        ] {
            if let Ok(at) = NaiveDateTime::parse_from_str(text, format) {
                return Some(Date {
                    at,
                    has_time: true,
                    offset: None,
                });
            }
        }
        if let Ok(dt) = DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S %z") {
            return Some(Date {
                at: dt.naive_local(),
                has_time: true,
                offset: Some(dt.offset().local_minus_utc()),
            });
        }
        None
    }

    /// `2026-01-13`.
    pub fn ymd(&self) -> String {
        // Written out rather than through `format`, which reads its
        // pattern again on every call: a build asks for tens of thousands.
        match four_digit_year(&self.at) {
            Some(year) => format!("{year:04}-{:02}-{:02}", self.at.month(), self.at.day()),
            None => self.at.format("%Y-%m-%d").to_string(),
        }
    }

    /// `13 Jan 2026`, for people.
    pub fn human(&self) -> String {
        match four_digit_year(&self.at) {
            Some(year) => format!(
                "{} {} {year:04}",
                self.at.day(),
                MONTHS[self.at.month0() as usize]
            ),
            None => self.at.format("%-d %b %Y").to_string(),
        }
    }

    /// RFC 3339 in UTC, as the Atom feed wants: a written offset is
    /// converted (`09:30+02:00` is `07:30Z`); a date or time written
    /// without one is taken as UTC.
    pub fn rfc3339(&self) -> String {
        let offset = chrono::Duration::seconds(i64::from(self.offset.unwrap_or(0)));
        let utc = self.at.checked_sub_signed(offset).unwrap_or(self.at);
        utc.format("%Y-%m-%dT%H:%M:%SZ").to_string()
    }
}

/// The months as `%b` writes them.
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The year of `at` when `%Y` writes it as four digits and no sign.
fn four_digit_year(at: &NaiveDateTime) -> Option<i32> {
    Some(at.year()).filter(|year| (0..=9999).contains(year))
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.has_time {
            write!(f, "{}", self.at.format("%Y-%m-%d %H:%M"))
        } else {
            write!(f, "{}", self.ymd())
        }
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.ymd())
    }
}

/// Dates exactly as parsed (time, offset and whether a time was written),
/// for the build cache; templates and feeds see [`Date::ymd`] and the like.
pub mod exact {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::Date;

    /// A date as seconds and nanoseconds since the epoch, whether a time
    /// was written, and the offset: everything it was parsed as.
    pub type Parts = (i64, u32, bool, Option<i32>);

    /// `date`'s [`Parts`].
    pub fn parts(date: &Date) -> Parts {
        let utc = date.at.and_utc();
        (
            utc.timestamp(),
            utc.timestamp_subsec_nanos(),
            date.has_time,
            date.offset,
        )
    }

    pub fn serialize<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        date.as_ref().map(parts).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        let parts = Option::<Parts>::deserialize(d)?;
        parts
            .map(|(seconds, nanos, has_time, offset)| {
                let at = chrono::DateTime::from_timestamp(seconds, nanos)
                    .map(|t| t.naive_utc())
                    .ok_or_else(|| serde::de::Error::custom("date out of range"))?;
                Ok(Date {
                    at,
                    has_time,
                    offset,
                })
            })
            .transpose()
    }
}

/// True when `text` has the shape of a date (so a failed parse means an
/// impossible date rather than some other kind of value).
pub fn looks_like_date(text: &str) -> bool {
    let b = text.trim().as_bytes();
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_dates_and_datetimes() {
        assert_eq!(Date::parse("2026-01-13").unwrap().ymd(), "2026-01-13");
        assert!(!Date::parse("2026-01-13").unwrap().has_time);
        let d = Date::parse("2026-01-13T09:30:00Z").unwrap();
        assert!(d.has_time);
        assert_eq!(d.to_string(), "2026-01-13 09:30");
        assert!(Date::parse("2026-01-13 09:30").is_some());
        assert!(Date::parse("2026-01-13T09:30:00+02:00").is_some());
        assert_eq!(Date::parse("2025-12-18").unwrap().human(), "18 Dec 2025");
    }

    /// Written out by hand, dates read as `format` writes them, every day
    /// of a leap year and years of fewer digits alike.
    #[test]
    fn dates_are_written_as_the_format_patterns_write_them() {
        let days = (0..366)
            .map(|n| NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Duration::days(n));
        let years =
            [1, 99, 999, 9999, 10000, -5].map(|y| NaiveDate::from_ymd_opt(y, 3, 7).unwrap());
        for day in days.chain(years) {
            let date = Date {
                at: day.and_time(NaiveTime::MIN),
                has_time: false,
                offset: None,
            };
            assert_eq!(date.ymd(), day.format("%Y-%m-%d").to_string());
            assert_eq!(date.human(), day.format("%-d %b %Y").to_string());
        }
    }

    #[test]
    fn impossible_and_non_dates() {
        assert!(Date::parse("2026-02-30").is_none());
        assert!(looks_like_date("2026-02-30"));
        assert!(Date::parse("yesterday").is_none());
        assert!(!looks_like_date("yesterday"));
    }

    #[test]
    fn feed_times_are_utc() {
        let d = Date::parse("2026-01-13T09:30:00+02:00").unwrap();
        assert_eq!(d.rfc3339(), "2026-01-13T07:30:00Z");
        assert_eq!(d.to_string(), "2026-01-13 09:30");
        let d = Date::parse("2026-01-01 01:00:00 +0300").unwrap();
        assert_eq!(d.rfc3339(), "2025-12-31T22:00:00Z");
        assert_eq!(
            Date::parse("2026-01-13T09:30:00Z").unwrap().rfc3339(),
            "2026-01-13T09:30:00Z"
        );
        assert_eq!(
            Date::parse("2026-01-13").unwrap().rfc3339(),
            "2026-01-13T00:00:00Z"
        );
    }

    #[test]
    fn ordering_follows_time() {
        assert!(Date::parse("2025-12-18").unwrap() < Date::parse("2026-01-13").unwrap());
    }
}
