//! Money, rates and financial years.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The largest magnitude of any number a user enters: amounts, hours, counts, people.
/// Larger values are refused, so that no product of inputs can overflow.
pub const MAX_INPUT: Decimal = Decimal::from_parts(0xD4A5_1000, 0xE8, 0, false, 0); // 1,000,000,000,000

/// An amount of money in the project's currency, in real terms at the price base year.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money(pub Decimal);

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    pub fn new(value: Decimal) -> Self {
        Money(value)
    }
}

/// A share or rate held as a fraction: `0.15` is 15%.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Rate(pub Decimal);

impl Rate {
    pub const ZERO: Rate = Rate(Decimal::ZERO);

    /// A rate from a whole or decimal percentage: `Rate::percent(15)` is 0.15.
    pub fn percent(p: impl Into<Decimal>) -> Self {
        Rate(p.into() / Decimal::ONE_HUNDRED)
    }

    /// One minus the rate: the share kept.
    pub fn complement(self) -> Decimal {
        Decimal::ONE.saturating_sub(self.0)
    }
}

/// A UK financial year, named by the calendar year it starts in: `FinancialYear(2026)` is 2026/27.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FinancialYear(pub i32);

impl FinancialYear {
    /// The year `index` years after this one.
    pub fn plus(self, index: u32) -> FinancialYear {
        FinancialYear(
            self.0
                .saturating_add(i32::try_from(index).unwrap_or(i32::MAX)),
        )
    }

    /// Parses "2026/27", "2026-27" or "2026".
    pub fn parse(text: &str) -> Option<FinancialYear> {
        let text = text.trim();
        let (start, end) = match text.split_once(['/', '-']) {
            Some((a, b)) => (a.trim(), Some(b.trim())),
            None => (text, None),
        };
        if start.len() != 4 || !start.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = start.parse().ok()?;
        if let Some(end) = end {
            let next = year + 1;
            let ok = match end.len() {
                2 => end.parse::<i32>().ok() == Some(next % 100),
                4 => end.parse::<i32>().ok() == Some(next),
                _ => false,
            };
            if !ok {
                return None;
            }
        }
        Some(FinancialYear(year))
    }
}

impl fmt::Display for FinancialYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}/{:02}",
            self.0,
            (i64::from(self.0) + 1).rem_euclid(100)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_input_is_one_trillion() {
        assert_eq!(MAX_INPUT, Decimal::from(1_000_000_000_000_i64));
    }

    #[test]
    fn financial_year_displays_as_uk_finance_writes_it() {
        assert_eq!(FinancialYear(2026).to_string(), "2026/27");
        assert_eq!(FinancialYear(1999).to_string(), "1999/00");
    }

    #[test]
    fn financial_year_parses_common_spellings() {
        assert_eq!(FinancialYear::parse("2026/27"), Some(FinancialYear(2026)));
        assert_eq!(
            FinancialYear::parse(" 2026-2027 "),
            Some(FinancialYear(2026))
        );
        assert_eq!(FinancialYear::parse("2026"), Some(FinancialYear(2026)));
        assert_eq!(FinancialYear::parse("2026/28"), None);
        assert_eq!(FinancialYear::parse("26/27"), None);
        assert_eq!(FinancialYear::parse("twenty"), None);
    }
}
