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

/// DF(0) = 1, DF(t) = `step`(DF(t − 1), t), for `years` years from year index 0: the one
/// compounding loop behind every set of factors.
fn compound(
    years: u32,
    mut step: impl FnMut(Decimal, u32) -> Checked<Decimal>,
) -> Checked<Vec<Decimal>> {
    let mut factors = Vec::with_capacity(years as usize);
    let mut df = Decimal::ONE;
    for t in 0..years {
        if t > 0 {
            df = step(df, t)?;
        }
        factors.push(df);
    }
    Ok(factors)
}

/// DF(t − 1) / (1 + r(t)) at `schedule`'s rate for year `t`, failing on overflow.
fn exact_step(schedule: DiscountSchedule) -> impl Fn(Decimal, u32) -> Checked<Decimal> {
    move |df, t| {
        let divisor = Decimal::ONE
            .checked_add(rate_for_year(schedule, t))
            .ok_or(super::num::Overflow)?;
        df.checked_div(divisor).ok_or(super::num::Overflow)
    }
}

/// The appraisal's factors under the year-0 convention: Green Book discounts year index
/// 0 by nothing; discounting the first year starts one period on.
fn with_convention(
    settings: &Settings,
    step: impl FnMut(Decimal, u32) -> Checked<Decimal>,
) -> Checked<Vec<Decimal>> {
    let horizon = super::horizon(settings);
    match settings.year0 {
        Year0Convention::GreenBook => compound(horizon, step),
        Year0Convention::DiscountFirstYear => {
            let mut factors = compound(horizon.saturating_add(1), step)?;
            factors.remove(0);
            Ok(factors)
        }
    }
}

/// DF(0) = 1, DF(t) = DF(t − 1) / (1 + r(t)), each year at its own band's rate.
/// Returns factors for `years` years from year index 0 (before the year-0 convention).
pub fn schedule_factors(schedule: DiscountSchedule, years: u32) -> Checked<Vec<Decimal>> {
    compound(years, exact_step(schedule))
}

/// The factor applied to each year index of the appraisal under the project's settings.
pub fn discount_factors(settings: &Settings) -> Checked<Vec<Decimal>> {
    with_convention(settings, exact_step(settings.discount))
}

/// The project's factors with every year's rate multiplied by `scale`: the discount rate
/// moved as sensitivity and switching values move it. Never fails: a year whose scaled
/// rate cannot be computed is discounted at 0%, and one whose factor cannot be divided
/// keeps the year before's.
pub fn scaled_discount_factors(settings: &Settings, scale: Decimal) -> Vec<Decimal> {
    let lenient = |df: Decimal, t: u32| {
        let rate = rate_for_year(settings.discount, t)
            .checked_mul(scale)
            .unwrap_or(Decimal::ZERO);
        Ok(Decimal::ONE
            .checked_add(rate)
            .and_then(|d| df.checked_div(d))
            .unwrap_or(df))
    };
    with_convention(settings, lenient).unwrap_or_default()
}

/// The factors SROI practice discounts with: the project's schedule from year 1, so the
/// first year is discounted by one period whatever the year-0 convention.
pub fn sroi_factors(settings: &Settings) -> Checked<Vec<Decimal>> {
    let horizon = super::horizon(settings);
    let mut factors = schedule_factors(settings.discount, horizon.saturating_add(1))?;
    factors.remove(0);
    Ok(factors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Rate;

    fn settings(discount: DiscountSchedule, year0: Year0Convention, horizon: u32) -> Settings {
        Settings {
            discount,
            year0,
            horizon_years: horizon,
            ..Settings::default()
        }
    }

    fn every_setting() -> Vec<Settings> {
        let schedules = [
            DiscountSchedule::Standard,
            DiscountSchedule::Health,
            DiscountSchedule::Custom(Rate(Decimal::new(7, 2))),
        ];
        let mut all = Vec::new();
        for schedule in schedules {
            for year0 in [
                Year0Convention::GreenBook,
                Year0Convention::DiscountFirstYear,
            ] {
                for horizon in [0, 1, 10, 60, 300] {
                    all.push(settings(schedule, year0, horizon));
                }
            }
        }
        all
    }

    /// Scaled by 1, the sensitivity's factors are the appraisal's, digit for digit and
    /// scale for scale, for every schedule, convention and horizon.
    #[test]
    fn scaled_by_one_are_the_appraisal_factors() {
        for s in every_setting() {
            let exact = discount_factors(&s).expect("factors");
            let scaled = scaled_discount_factors(&s, Decimal::ONE);
            assert_eq!(exact.len(), s.horizon_years as usize);
            assert_eq!(
                format!("{scaled:?}"),
                format!("{exact:?}"),
                "{:?} {:?} {}",
                s.discount,
                s.year0,
                s.horizon_years
            );
        }
    }

    /// Scaled by 0, no year is discounted.
    #[test]
    fn scaled_by_zero_discounts_nothing() {
        for s in every_setting() {
            let scaled = scaled_discount_factors(&s, Decimal::ZERO);
            assert!(scaled.iter().all(|f| *f == Decimal::ONE), "{scaled:?}");
        }
    }

    /// Doubling the rate at a flat 5% gives 1/1.1 a year.
    #[test]
    fn scaled_by_two_doubles_the_rate() {
        let s = settings(
            DiscountSchedule::Custom(Rate(Decimal::new(5, 2))),
            Year0Convention::GreenBook,
            3,
        );
        let scaled = scaled_discount_factors(&s, Decimal::TWO);
        let ten_percent_on = Decimal::new(11, 1);
        assert_eq!(
            scaled,
            vec![
                Decimal::ONE,
                Decimal::ONE / ten_percent_on,
                Decimal::ONE / ten_percent_on / ten_percent_on
            ]
        );
    }

    /// Published Green Book factors (4 places) for the standard schedule.
    #[test]
    fn standard_factors_match_the_published_table() {
        let s = settings(DiscountSchedule::Standard, Year0Convention::GreenBook, 101);
        let f = discount_factors(&s).expect("factors");
        let at = |t: usize| f[t].round_dp(4);
        assert_eq!(at(1), Decimal::new(9662, 4));
        assert_eq!(at(30), Decimal::new(3563, 4));
        assert_eq!(at(100), Decimal::new(508, 4));
    }
}
