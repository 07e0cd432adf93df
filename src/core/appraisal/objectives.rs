//! Rating indicators against their targets: each financial year that has both a target
//! and an actual is rated on target, within tolerance or off target, respecting which
//! way the indicator improves; the latest year rated stands for the indicator, and the
//! worst of its indicators for an objective. Reads the model; changes nothing, and no
//! figure depends on it.

use crate::model::{Better, FinancialYear, Indicator, Objective};
use rust_decimal::Decimal;
use serde::Serialize;

/// The tolerance: a shortfall of up to 5% of the target's size is within tolerance.
pub const TOLERANCE: Decimal = Decimal::from_parts(5, 0, 0, false, 2);

/// The rule, in words, shown beside every rating and written in the JSON.
pub const RATING_RULE: &str = "On target: the actual meets or beats the target (at or above it where higher is better, at or below it where lower is better). Within tolerance: it falls short of the target by no more than 5% of the target's size (5% of the target's distance from zero). Off target: it falls short by more. A target of zero has no tolerance. The latest year with both a target and an actual rates the indicator; the worst of its indicators rates an objective.";

/// How an actual stands against its target. Ordered from best to worst.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum IndicatorRating {
    OnTarget,
    WithinTolerance,
    OffTarget,
}

impl IndicatorRating {
    pub const ALL: [IndicatorRating; 3] = [
        IndicatorRating::OnTarget,
        IndicatorRating::WithinTolerance,
        IndicatorRating::OffTarget,
    ];

    pub fn label(self) -> &'static str {
        match self {
            IndicatorRating::OnTarget => "On target",
            IndicatorRating::WithinTolerance => "Within tolerance",
            IndicatorRating::OffTarget => "Off target",
        }
    }
}

/// One year rated: the target, the actual, how far the actual falls short of the target
/// in the indicator's worse direction (zero or less when it meets it), the tolerance
/// allowed, and the rating.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct YearRating {
    pub year: FinancialYear,
    pub target: Decimal,
    pub actual: Decimal,
    pub shortfall: Decimal,
    pub tolerance: Decimal,
    pub rating: IndicatorRating,
}

/// Rates `actual` against `target` (see [`RATING_RULE`]); none only if the numbers are
/// too large to compare (a hand-edited file).
pub fn rate(
    better: Better,
    target: Decimal,
    actual: Decimal,
) -> Option<(Decimal, Decimal, IndicatorRating)> {
    let shortfall = match better {
        Better::Higher => target.checked_sub(actual)?,
        Better::Lower => actual.checked_sub(target)?,
    };
    let tolerance = target.abs().checked_mul(TOLERANCE)?;
    let rating = if shortfall <= Decimal::ZERO {
        IndicatorRating::OnTarget
    } else if shortfall <= tolerance {
        IndicatorRating::WithinTolerance
    } else {
        IndicatorRating::OffTarget
    };
    Some((shortfall, tolerance, rating))
}

/// An indicator's years rated, earliest first, and the latest of them, which stands for
/// the indicator.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct IndicatorRatings {
    pub years: Vec<YearRating>,
    pub latest: Option<YearRating>,
}

/// Rates every year of `indicator` that has both a target and an actual.
pub fn rate_indicator(indicator: &Indicator) -> IndicatorRatings {
    let years: Vec<YearRating> = indicator
        .targets
        .iter()
        .filter_map(|(&year, &target)| {
            let actual = *indicator.actuals.get(&year)?;
            let (shortfall, tolerance, rating) = rate(indicator.better, target, actual)?;
            Some(YearRating {
                year,
                target,
                actual,
                shortfall,
                tolerance,
                rating,
            })
        })
        .collect();
    let latest = years.last().copied();
    IndicatorRatings { years, latest }
}

/// An objective's indicators summed up: the worst latest rating among them (none if no
/// indicator is rated yet), and how many stand at each rating.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ObjectiveRating {
    pub worst: Option<IndicatorRating>,
    pub on_target: usize,
    pub within_tolerance: usize,
    pub off_target: usize,
    /// Indicators with no year that has both a target and an actual.
    pub not_rated: usize,
}

impl ObjectiveRating {
    /// "Off target: 1 off target, 1 within tolerance, 2 on target, 1 not yet rated";
    /// "Not yet rated" when no indicator is.
    pub fn describe(&self) -> String {
        let Some(worst) = self.worst else {
            return if self.not_rated == 0 {
                "Not yet rated: no indicator".to_owned()
            } else {
                "Not yet rated: no indicator has a target and an actual for the same year"
                    .to_owned()
            };
        };
        let mut parts = Vec::new();
        for (n, what) in [
            (self.off_target, "off target"),
            (self.within_tolerance, "within tolerance"),
            (self.on_target, "on target"),
            (self.not_rated, "not yet rated"),
        ] {
            if n > 0 {
                parts.push(format!("{n} {what}"));
            }
        }
        format!("{}: {}", worst.label(), parts.join(", "))
    }
}

/// Rates an objective by its indicators' latest ratings.
pub fn rate_objective(objective: &Objective) -> ObjectiveRating {
    let mut out = ObjectiveRating::default();
    for indicator in &objective.indicators {
        let latest = rate_indicator(indicator).latest.map(|y| y.rating);
        match latest {
            Some(IndicatorRating::OnTarget) => out.on_target += 1,
            Some(IndicatorRating::WithinTolerance) => out.within_tolerance += 1,
            Some(IndicatorRating::OffTarget) => out.off_target += 1,
            None => out.not_rated += 1,
        }
        if let Some(r) = latest {
            out.worst = Some(out.worst.map_or(r, |w| w.max(r)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn the_tolerance_is_five_percent() {
        assert_eq!(TOLERANCE.to_string(), "0.05");
    }

    #[test]
    fn higher_is_better_rates_by_the_shortfall_below_the_target() {
        // Target 200: the tolerance is 5% of 200 = 10, so 190 is the lowest within it.
        let r = |a| rate(Better::Higher, dec!(200), a).map(|x| x.2);
        assert_eq!(r(dec!(200)), Some(IndicatorRating::OnTarget));
        assert_eq!(r(dec!(230)), Some(IndicatorRating::OnTarget));
        assert_eq!(r(dec!(190)), Some(IndicatorRating::WithinTolerance));
        assert_eq!(r(dec!(189.99)), Some(IndicatorRating::OffTarget));
    }

    #[test]
    fn lower_is_better_rates_by_the_excess_above_the_target() {
        // Target 80: the tolerance is 5% of 80 = 4, so up to 84 is within it.
        let r = |a| rate(Better::Lower, dec!(80), a).map(|x| x.2);
        assert_eq!(r(dec!(72)), Some(IndicatorRating::OnTarget));
        assert_eq!(r(dec!(84)), Some(IndicatorRating::WithinTolerance));
        assert_eq!(r(dec!(84.01)), Some(IndicatorRating::OffTarget));
    }

    #[test]
    fn a_zero_target_has_no_tolerance_and_a_negative_one_takes_its_size() {
        let r = |b, t, a| rate(b, t, a).map(|x| x.2);
        assert_eq!(
            r(Better::Lower, dec!(0), dec!(0)),
            Some(IndicatorRating::OnTarget)
        );
        assert_eq!(
            r(Better::Lower, dec!(0), dec!(0.1)),
            Some(IndicatorRating::OffTarget)
        );
        // Target −40 (a fall of 40): tolerance 5% of 40 = 2, so −38 is within it.
        assert_eq!(
            r(Better::Lower, dec!(-40), dec!(-38)),
            Some(IndicatorRating::WithinTolerance)
        );
        assert_eq!(
            r(Better::Lower, dec!(-40), dec!(-37.9)),
            Some(IndicatorRating::OffTarget)
        );
    }

    #[test]
    fn numbers_too_large_to_compare_are_not_rated() {
        assert_eq!(rate(Better::Higher, Decimal::MAX, Decimal::MIN), None);
    }
}
