//! Discount factors by the Green Book's declining schedule (Annex A6).

use super::num::Checked;
use crate::model::{DiscountSchedule, Settings, Year0Convention};
use rust_decimal::Decimal;

/// Upper year of each band and its rate in basis points: years 0–30, 31–75, 76–125,
/// 126–200, 201–300 and 301 on.
const STANDARD_BANDS: [(u32, i64); 6] = [
    (30, 350),
    (75, 300),
    (125, 250),
    (200, 200),
    (300, 150),
    (u32::MAX, 100),
];
const HEALTH_BANDS: [(u32, i64); 6] = [
    (30, 150),
    (75, 129),
    (125, 107),
    (200, 86),
    (300, 64),
    (u32::MAX, 43),
];

/// The rate that discounts year `t` from year `t - 1`.
pub fn rate_for_year(schedule: DiscountSchedule, t: u32) -> Decimal {
    let bands = match schedule {
        DiscountSchedule::Standard => &STANDARD_BANDS,
        DiscountSchedule::Health => &HEALTH_BANDS,
        DiscountSchedule::Custom(rate) => return rate.0,
    };
    let bp = bands
        .iter()
        .find(|(upper, _)| t <= *upper)
        .map_or(100, |(_, bp)| *bp);
    Decimal::new(bp, 4)
}

/// DF(0) = 1, DF(t) = DF(t − 1) / (1 + r(t)), each year at its own band's rate.
/// Returns factors for `years` years from year index 0 (before the year-0 convention).
pub fn schedule_factors(schedule: DiscountSchedule, years: u32) -> Checked<Vec<Decimal>> {
    let mut factors = Vec::with_capacity(years as usize);
    let mut df = Decimal::ONE;
    for t in 0..years {
        if t > 0 {
            let divisor = Decimal::ONE
                .checked_add(rate_for_year(schedule, t))
                .ok_or(super::num::Overflow)?;
            df = df.checked_div(divisor).ok_or(super::num::Overflow)?;
        }
        factors.push(df);
    }
    Ok(factors)
}

/// The factor applied to each year index of the appraisal under the project's settings.
pub fn discount_factors(settings: &Settings) -> Checked<Vec<Decimal>> {
    let horizon = super::horizon(settings);
    match settings.year0 {
        Year0Convention::GreenBook => schedule_factors(settings.discount, horizon),
        Year0Convention::DiscountFirstYear => {
            let mut factors = schedule_factors(settings.discount, horizon.saturating_add(1))?;
            factors.remove(0);
            Ok(factors)
        }
    }
}

/// The factors SROI practice discounts with: the project's schedule from year 1, so the
/// first year is discounted by one period whatever the year-0 convention.
pub fn sroi_factors(settings: &Settings) -> Checked<Vec<Decimal>> {
    let horizon = super::horizon(settings);
    let mut factors = schedule_factors(settings.discount, horizon.saturating_add(1))?;
    factors.remove(0);
    Ok(factors)
}
