//! The partnership register: who leads a partnership, on what legal basis, and when it
//! starts, ends and is next reviewed. Review data only: nothing here enters a figure.

use super::{GovernanceCheck, Money, Risk};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A calendar date, checked: the month is 1 to 12 and the day exists in that month.
/// Written and stored as ISO 8601 ("2027-03-14"); read from that or the UK "14/03/2027".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// How a date is written, for messages that refuse one.
pub const DATE_FORMAT_HINT: &str = "write a date as 14/03/2027 or 2027-03-14";

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// The date, if it exists (years 1000 to 9999).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let ok = (1000..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        ok.then_some(Date { year, month, day })
    }

    pub fn year(self) -> u16 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// Reads "2027-03-14" or "14/03/2027" (a one-digit day or month is accepted in the
    /// UK form: "4/3/2027"). Anything else is refused with a message that shows the format.
    pub fn parse(text: &str) -> Result<Date, String> {
        let text = text.trim();
        let digits = |s: &str, min: usize, max: usize| {
            (s.len() >= min && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u16>().ok())
                .flatten()
        };
        let parts: Option<(u16, u16, u16)> =
            if let [y, m, d] = text.split('-').collect::<Vec<_>>()[..] {
                digits(y, 4, 4)
                    .zip(digits(m, 2, 2))
                    .zip(digits(d, 2, 2))
                    .map(|((y, m), d)| (y, m, d))
            } else if let [d, m, y] = text.split('/').collect::<Vec<_>>()[..] {
                digits(y, 4, 4)
                    .zip(digits(m, 1, 2))
                    .zip(digits(d, 1, 2))
                    .map(|((y, m), d)| (y, m, d))
            } else {
                None
            };
        if text.is_empty() {
            return Err(format!("no date is written: {DATE_FORMAT_HINT}"));
        }
        let Some((y, m, d)) = parts else {
            return Err(format!("'{text}' is not a date: {DATE_FORMAT_HINT}"));
        };
        let (Ok(m8), Ok(d8)) = (u8::try_from(m), u8::try_from(d)) else {
            return Err(format!("'{text}' is not a date: {DATE_FORMAT_HINT}"));
        };
        Date::new(y, m8, d8).ok_or_else(|| {
            if !(1..=12).contains(&m) {
                format!("'{text}' has no month {m}: {DATE_FORMAT_HINT}")
            } else if !(1000..=9999).contains(&y) {
                format!("'{text}' has a year out of range: {DATE_FORMAT_HINT}")
            } else {
                format!("'{text}' is not a date: that month has no day {d} ({DATE_FORMAT_HINT})")
            }
        })
    }

    /// The UK form people type: "14/03/2027".
    pub fn uk(self) -> String {
        format!("{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }
}

impl fmt::Display for Date {
    /// ISO 8601: "2027-03-14".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let text = String::deserialize(d)?;
        Date::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// A partnership's strategic risk, as the review assesses it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RiskLevel {
    #[default]
    Low,
    Medium,
    High,
}

impl RiskLevel {
    pub const ALL: [RiskLevel; 3] = [RiskLevel::Low, RiskLevel::Medium, RiskLevel::High];

    pub fn label(self) -> &'static str {
        match self {
            RiskLevel::Low => "Low",
            RiskLevel::Medium => "Medium",
            RiskLevel::High => "High",
        }
    }
}

/// A partnership's entry in the partnership register (file format 2). Every field is
/// optional in the file; an empty register is left out of it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Register {
    /// The partner that leads, by name (one of the project's partners).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_partner: Option<String>,
    /// The body accountable for the partnership's money and decisions.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub accountable_body: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub lead_officer: String,
    /// The statute or agreement the partnership rests on ("Section 75 agreement, NHS Act 2006").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub legal_basis: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Date>,
    /// When the partnership ends, or may next be ended (a break clause).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_or_break: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_review: Option<Date>,
    /// The partnership is required by statute.
    #[serde(default, skip_serializing_if = "is_false")]
    pub statutory: bool,
    #[serde(default, skip_serializing_if = "is_low")]
    pub strategic_risk: RiskLevel,
    /// The governance health check in the eight areas of the Audit Commission's checklist.
    #[serde(default, skip_serializing_if = "GovernanceCheck::is_empty")]
    pub governance: GovernanceCheck,
    /// The partnership's risks, each scored likelihood × impact.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub risks: Vec<Risk>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_low(r: &RiskLevel) -> bool {
    *r == RiskLevel::Low
}

impl Register {
    /// Nothing entered: the register is left out of the file.
    pub fn is_empty(&self) -> bool {
        *self == Register::default()
    }
}

/// The project's test of which partnerships are significant (file format 2): a
/// partnership is significant if any test it is set to apply finds it so.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignificanceTest {
    /// A partnership whose present value of costs (over the appraisal period, as
    /// appraised) is above this is significant; none applies no spend test.
    #[serde(default = "default_threshold")]
    pub spend_threshold: Option<Money>,
    /// A statutory partnership is significant.
    #[serde(default = "yes")]
    pub statutory: bool,
    /// A partnership of high strategic risk is significant.
    #[serde(default = "yes")]
    pub high_risk: bool,
}

fn default_threshold() -> Option<Money> {
    Some(Money(Decimal::new(500_000, 0)))
}

fn yes() -> bool {
    true
}

impl Default for SignificanceTest {
    fn default() -> Self {
        SignificanceTest {
            spend_threshold: default_threshold(),
            statutory: true,
            high_risk: true,
        }
    }
}

impl SignificanceTest {
    pub fn is_default(&self) -> bool {
        *self == SignificanceTest::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_in_iso_and_uk_forms_and_show_in_iso() {
        let d = Date::parse("2027-03-14").unwrap();
        assert_eq!(d, Date::parse("14/03/2027").unwrap());
        assert_eq!(d, Date::parse(" 14/3/2027 ").unwrap());
        assert_eq!(d.to_string(), "2027-03-14");
        assert_eq!(d.uk(), "14/03/2027");
        assert_eq!((d.year(), d.month(), d.day()), (2027, 3, 14));
    }

    #[test]
    fn dates_that_do_not_exist_or_are_written_otherwise_are_refused_showing_the_format() {
        for bad in [
            "",
            "2027-3-14",
            "14.03.2027",
            "03/14/2027",
            "2027-02-29",
            "31/04/2027",
            "14/03/27",
            "next March",
            "2027-03-14T00:00",
            "0999-01-01",
        ] {
            let e = Date::parse(bad).unwrap_err();
            assert!(
                e.contains("14/03/2027") || e.contains("no day"),
                "{bad}: {e}"
            );
        }
        assert!(Date::parse("29/02/2028").is_ok());
        assert!(Date::parse("29/02/2100").is_err());
        assert!(Date::parse("29/02/2000").is_ok());
    }

    #[test]
    fn an_empty_register_is_empty_and_any_entry_is_not() {
        assert!(Register::default().is_empty());
        let r = Register {
            statutory: true,
            ..Register::default()
        };
        assert!(!r.is_empty());
    }
}
