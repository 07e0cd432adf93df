//! How numbers are shown and read: the one place for display and input rules.
//!
//! Rounding is half away from zero (as Excel's ROUND), applied only for display:
//! money to pence, ratios and discount factors to 4 places.

use crate::appraisal::Payback;
use crate::model::MAX_INPUT;
use rust_decimal::{Decimal, RoundingStrategy};

const HALF_UP: RoundingStrategy = RoundingStrategy::MidpointAwayFromZero;

/// Rounds for display by the app's one rule.
pub fn round(value: Decimal, places: u32) -> Decimal {
    value.round_dp_with_strategy(places, HALF_UP)
}

fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A value rounded to `places` and written with exactly that many decimals, never
/// "-0.00". (Written by hand: rust_decimal's `{:.N}` formatting panics when the digits
/// and the decimals asked for pass 32 characters, as a ratio near 10^28 to 4 places does.)
pub fn fixed(value: Decimal, places: u32) -> String {
    let mut rounded = round(value, places);
    if rounded.is_zero() {
        rounded.set_sign_positive(true);
    }
    let text = rounded.to_string();
    let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
    let places = places as usize;
    if places == 0 {
        return whole.to_owned();
    }
    let frac: String = frac
        .chars()
        .chain(std::iter::repeat('0'))
        .take(places)
        .collect();
    format!("{whole}.{frac}")
}

/// A number with thousands separators and `places` decimals, negatives in brackets.
pub fn number(value: Decimal, places: u32) -> String {
    let rounded = round(value, places);
    let text = fixed(rounded.abs(), places);
    let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut body = group_thousands(whole);
    if !frac.is_empty() {
        body.push('.');
        body.push_str(frac);
    }
    if rounded.is_sign_negative() && !rounded.is_zero() {
        format!("({body})")
    } else {
        body
    }
}

/// A count with its noun: "1 line", "2 lines", "1,500 partnerships".
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", number(Decimal::from(n), 0))
    }
}

/// Money as UK finance officers write it: £1,234,567.89, negatives as (£1,234.00).
pub fn money(value: Decimal, symbol: &str) -> String {
    money_places(value, symbol, 2)
}

/// Money to whole pounds, for headlines: £1,234,568.
pub fn money_whole(value: Decimal, symbol: &str) -> String {
    money_places(value, symbol, 0)
}

fn money_places(value: Decimal, symbol: &str, places: u32) -> String {
    let text = number(value, places);
    match text.strip_prefix('(') {
        Some(inner) => format!("({symbol}{inner}"),
        None => format!("{symbol}{text}"),
    }
}

/// A ratio to 4 places, negatives in brackets, "n/a" where it has no value (zero costs).
pub fn ratio(value: Option<Decimal>) -> String {
    value.map_or_else(|| "n/a".to_owned(), |v| number(v, 4))
}

/// A fraction as a percentage: 0.155 is "15.5%".
pub fn percent(fraction: Decimal) -> String {
    let p = round(fraction.saturating_mul(Decimal::ONE_HUNDRED), 4).normalize();
    format!("{p}%")
}

/// Payback in years to 2 places, "in the first year" when the first year already pays
/// back (the formula's 0), or "never".
pub fn payback(p: Payback) -> String {
    match p {
        Payback::Years(y) if y.is_zero() => "in the first year".to_owned(),
        Payback::Years(y) => format!("{} years", number(y, 2)),
        Payback::Never => "never".to_owned(),
    }
}

/// Why typed text is not a number the field accepts.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    #[error("enter a value")]
    Empty,
    #[error("'{0}' is not a number")]
    NotNumber(String),
    #[error("enter zero or more")]
    Negative,
    #[error("enter a percentage from 0% to {0}%")]
    OutOfRange(Decimal),
    #[error("enter a whole number up to {0}")]
    AboveMax(u32),
    #[error("commas go between thousands, as in 1,250,000.50")]
    MisplacedComma,
    #[error("the value is too large (the limit is 1,000,000,000,000)")]
    TooLarge,
    #[error("use at most {0} decimal places")]
    TooPrecise(u32),
    #[error("enter a whole number")]
    NotWhole,
}

/// Reads a number as people type it: "1,234.50", "£1234", "(250)" for −250, "-250".
/// At most `max_places` decimal places.
pub fn parse_number(text: &str, max_places: u32) -> Result<Decimal, InputError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(InputError::Empty);
    }
    let (negative, inner) = match trimmed.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        Some(inner) => (true, inner.trim()),
        None => (false, trimmed),
    };
    let inner = inner.strip_prefix(['£', '$', '€']).unwrap_or(inner).trim();
    let cleaned: String = inner
        .chars()
        .filter(|c| *c != ',' && *c != '_' && *c != ' ')
        .collect();
    let valid = !cleaned.is_empty()
        && cleaned
            .chars()
            .enumerate()
            .all(|(i, c)| c.is_ascii_digit() || c == '.' || (i == 0 && (c == '-' || c == '+')))
        && cleaned.matches('.').count() <= 1
        && cleaned.chars().any(|c| c.is_ascii_digit());
    if !valid {
        return Err(InputError::NotNumber(trimmed.to_owned()));
    }
    if inner.contains(',') && !commas_between_thousands(inner) {
        return Err(InputError::MisplacedComma);
    }
    let digits = cleaned
        .trim_start_matches(['-', '+'])
        .trim_start_matches('0');
    if digits.split('.').next().map_or(0, str::len) > 13 {
        return Err(InputError::TooLarge);
    }
    let mut value: Decimal = cleaned
        .parse()
        .map_err(|_| InputError::NotNumber(trimmed.to_owned()))?;
    if negative {
        value = -value;
    }
    if value.abs() > MAX_INPUT {
        return Err(InputError::TooLarge);
    }
    if value.scale() > max_places {
        return Err(InputError::TooPrecise(max_places));
    }
    // "-0" and "(0)" are zero, so the value saves as "0".
    Ok(if value.is_zero() {
        Decimal::ZERO.trunc_with_scale(value.scale())
    } else {
        value
    })
}

/// True when every comma separates a group of three digits in the whole part, so
/// "12,50" (a decimal comma) is not read as 1250.
fn commas_between_thousands(text: &str) -> bool {
    let whole = text
        .trim_start_matches(['-', '+'])
        .split('.')
        .next()
        .unwrap_or("");
    let groups: Vec<&str> = whole.split(',').collect();
    groups.len() < 2
        || (!groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3))
}

/// A quantity or amount: zero or more.
pub fn parse_amount(text: &str) -> Result<Decimal, InputError> {
    let value = parse_number(text, 6)?;
    if value < Decimal::ZERO {
        return Err(InputError::Negative);
    }
    Ok(value.normalize())
}

/// A percentage typed as "15", "15%" or "12.5 %", returned as a fraction (0.15).
/// `max_percent` is 100 for shares, more for uplifts.
pub fn parse_percent(text: &str, max_percent: Decimal) -> Result<Decimal, InputError> {
    let value = parse_number(text.trim().trim_end_matches('%'), 4)?;
    if value < Decimal::ZERO {
        return Err(InputError::Negative);
    }
    if value > max_percent {
        return Err(InputError::OutOfRange(max_percent.normalize()));
    }
    Ok((value / Decimal::ONE_HUNDRED).normalize())
}

/// A whole number of years or a count.
pub fn parse_whole(text: &str, max: u32) -> Result<u32, InputError> {
    let value = parse_number(text, 0).map_err(|e| {
        if e == InputError::TooPrecise(0) {
            InputError::NotWhole
        } else {
            e
        }
    })?;
    if value < Decimal::ZERO {
        return Err(InputError::Negative);
    }
    let whole = u32::try_from(value.mantissa()).map_err(|_| InputError::TooLarge)?;
    if whole > max {
        return Err(InputError::AboveMax(max));
    }
    Ok(whole)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bug this pins: rust_decimal's `{:.4}` panicked on a ratio near 10^28 (29
    /// digits and 4 decimals pass its 32-character buffer), so a report could panic.
    #[test]
    fn the_largest_values_format_without_panicking() {
        assert_eq!(
            number(Decimal::MAX, 4),
            "79,228,162,514,264,337,593,543,950,335.0000"
        );
        assert_eq!(fixed(Decimal::MIN, 2), "-79228162514264337593543950335.00");
        assert_eq!(fixed(Decimal::new(-4, 3), 2), "0.00");
        assert_eq!(fixed(Decimal::new(15, 1), 4), "1.5000");
        assert_eq!(fixed(Decimal::new(12345, 3), 0), "12");
        assert_eq!(fixed(Decimal::new(5, 1), 0), "1");
    }
    use rust_decimal_macros::dec;

    #[test]
    fn money_is_written_as_finance_officers_write_it() {
        assert_eq!(money(dec!(1234567.891), "£"), "£1,234,567.89");
        assert_eq!(money(dec!(-1234), "£"), "(£1,234.00)");
        assert_eq!(money(dec!(0.005), "£"), "£0.01");
        assert_eq!(money(dec!(-0.004), "£"), "£0.00");
        assert_eq!(money(dec!(999), "£"), "£999.00");
        assert_eq!(money_whole(dec!(1234567.5), "£"), "£1,234,568");
    }

    #[test]
    fn rounding_is_half_away_from_zero_not_bankers() {
        assert_eq!(number(dec!(2.345), 2), "2.35");
        assert_eq!(number(dec!(-2.345), 2), "(2.35)");
    }

    #[test]
    fn payback_in_the_first_year_reads_as_such() {
        assert_eq!(payback(Payback::Years(Decimal::ZERO)), "in the first year");
        assert_eq!(payback(Payback::Years(dec!(2.5417))), "2.54 years");
        assert_eq!(payback(Payback::Never), "never");
    }

    #[test]
    fn ratios_show_na_for_zero_costs_and_brackets_for_negatives() {
        assert_eq!(ratio(None), "n/a");
        assert_eq!(ratio(Some(dec!(-0.5))), "(0.5000)");
        assert_eq!(ratio(Some(dec!(1.23456))), "1.2346");
    }

    #[test]
    fn typed_numbers_are_read_or_refused_with_a_reason() {
        assert_eq!(parse_number("£1,234.50", 2), Ok(dec!(1234.50)));
        assert_eq!(parse_number("(250)", 2), Ok(dec!(-250)));
        assert_eq!(
            parse_amount("12a"),
            Err(InputError::NotNumber("12a".into()))
        );
        assert_eq!(
            parse_amount("1.2.3"),
            Err(InputError::NotNumber("1.2.3".into()))
        );
        assert_eq!(parse_amount(""), Err(InputError::Empty));
        assert_eq!(parse_amount("-3"), Err(InputError::Negative));
        assert_eq!(
            parse_amount("99999999999999999999999999999999"),
            Err(InputError::TooLarge)
        );
        assert_eq!(parse_amount("1000000000001"), Err(InputError::TooLarge));
        assert_eq!(parse_number("1.234", 2), Err(InputError::TooPrecise(2)));
        assert_eq!(parse_percent("15%", dec!(100)), Ok(dec!(0.15)));
        assert_eq!(
            parse_percent("101", dec!(100)),
            Err(InputError::OutOfRange(dec!(100)))
        );
        assert_eq!(
            parse_percent("1001", dec!(1000)).unwrap_err().to_string(),
            "enter a percentage from 0% to 1000%"
        );
        assert_eq!(parse_whole("301", 300), Err(InputError::AboveMax(300)));
        assert_eq!(parse_amount("12,50"), Err(InputError::MisplacedComma));
        assert_eq!(parse_amount("1,250,000.50"), Ok(dec!(1250000.5)));
        assert_eq!(parse_amount(",250"), Err(InputError::MisplacedComma));
        assert_eq!(
            parse_number("-0", 2).map(|d| d.to_string()),
            Ok("0".to_owned())
        );
        assert_eq!(
            parse_number("(0.00)", 2).map(|d| d.to_string()),
            Ok("0.00".to_owned())
        );
        assert_eq!(parse_whole("10", 300), Ok(10));
        assert_eq!(parse_whole("2.5", 300), Err(InputError::NotWhole));
    }
}
