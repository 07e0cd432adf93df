//! The objectives in `appraise --format json`: each partnership's objectives with their
//! indicators, every year rated and the latest, and the objective's rating; and, for
//! the project, the rule the ratings follow and the delivery chain from priorities to
//! partners. Review data: no figure in the report depends on it.

use super::Report;
use crate::appraisal::objectives::{
    IndicatorRating, ObjectiveRating, RATING_RULE, TOLERANCE, YearRating, rate_indicator,
    rate_objective,
};
use crate::appraisal::portfolio::{ChainObjective, delivery_chain};
use crate::model::{FinancialYear, Indicator, Measured, Objective, Project};
use rust_decimal::Decimal;
use serde::Serialize;

/// A year as the JSON writes it: "2026/27".
fn year(y: FinancialYear) -> String {
    y.to_string()
}

#[derive(Serialize)]
pub struct YearValueReport {
    pub year: String,
    pub value: Decimal,
}

#[derive(Serialize)]
pub struct YearRatingReport {
    pub year: String,
    pub target: Decimal,
    pub actual: Decimal,
    /// How far the actual falls short of the target in the indicator's worse direction
    /// (zero or less when it meets it).
    pub shortfall: Decimal,
    /// The shortfall allowed within tolerance: 5% of the target's size.
    pub tolerance: Decimal,
    pub rating: &'static str,
}

impl YearRatingReport {
    fn new(y: &YearRating) -> Self {
        YearRatingReport {
            year: year(y.year),
            target: y.target,
            actual: y.actual,
            shortfall: y.shortfall,
            tolerance: y.tolerance.normalize(),
            rating: y.rating.label(),
        }
    }
}

#[derive(Serialize)]
pub struct BaselineReport {
    pub value: Option<Decimal>,
    /// "2024/25" or an ISO 8601 date; null when not given.
    pub measured: Option<String>,
}

#[derive(Serialize)]
pub struct IndicatorReport {
    pub name: String,
    pub unit: String,
    /// "Higher is better" or "Lower is better".
    pub direction: &'static str,
    pub baseline: BaselineReport,
    pub targets: Vec<YearValueReport>,
    pub actuals: Vec<YearValueReport>,
    pub source: String,
    pub note: String,
    /// Every year with both a target and an actual, earliest first.
    pub ratings: Vec<YearRatingReport>,
    /// The latest of them, which rates the indicator; null when none.
    pub latest: Option<YearRatingReport>,
}

impl IndicatorReport {
    fn new(i: &Indicator) -> Self {
        let rated = rate_indicator(i);
        let values = |m: &std::collections::BTreeMap<FinancialYear, Decimal>| {
            m.iter()
                .map(|(&y, &value)| YearValueReport {
                    year: year(y),
                    value,
                })
                .collect()
        };
        IndicatorReport {
            name: i.name.clone(),
            unit: i.unit.clone(),
            direction: i.better.label(),
            baseline: BaselineReport {
                value: i.baseline.value,
                measured: i.baseline.measured.map(|m| match m {
                    Measured::Year(y) => year(y),
                    Measured::Date(d) => d.to_string(),
                }),
            },
            targets: values(&i.targets),
            actuals: values(&i.actuals),
            source: i.source.clone(),
            note: i.note.clone(),
            ratings: rated.years.iter().map(YearRatingReport::new).collect(),
            latest: rated.latest.as_ref().map(YearRatingReport::new),
        }
    }
}

/// An objective's rating: the worst of its indicators' latest, the count at each, and
/// the same in words.
#[derive(Serialize)]
pub struct ObjectiveRatingReport {
    /// "On target", "Within tolerance", "Off target", or null when no indicator is rated.
    pub rating: Option<&'static str>,
    pub on_target: usize,
    pub within_tolerance: usize,
    pub off_target: usize,
    pub not_rated: usize,
    pub summary: String,
}

impl ObjectiveRatingReport {
    fn new(r: &ObjectiveRating) -> Self {
        ObjectiveRatingReport {
            rating: r.worst.map(IndicatorRating::label),
            on_target: r.on_target,
            within_tolerance: r.within_tolerance,
            off_target: r.off_target,
            not_rated: r.not_rated,
            summary: r.describe(),
        }
    }
}

#[derive(Serialize)]
pub struct ContributionReport {
    pub partner: String,
    pub lines: Vec<String>,
    pub hours_per_year: Option<Decimal>,
}

#[derive(Serialize)]
pub struct ObjectiveReport {
    pub name: String,
    /// The priority it serves; null for none.
    pub priority: Option<String>,
    pub rating: ObjectiveRatingReport,
    pub indicators: Vec<IndicatorReport>,
    pub contributions: Vec<ContributionReport>,
}

impl ObjectiveReport {
    pub fn new(o: &Objective) -> Self {
        ObjectiveReport {
            name: o.name.clone(),
            priority: o.priority.clone(),
            rating: ObjectiveRatingReport::new(&rate_objective(o)),
            indicators: o.indicators.iter().map(IndicatorReport::new).collect(),
            contributions: o
                .contributions
                .iter()
                .map(|c| ContributionReport {
                    partner: c.partner.clone(),
                    lines: c.lines.clone(),
                    hours_per_year: c.hours_per_year,
                })
                .collect(),
        }
    }
}

/// A partnership's objectives, in the order entered.
pub fn objectives_of(objectives: &[Objective]) -> Vec<ObjectiveReport> {
    objectives.iter().map(ObjectiveReport::new).collect()
}

/// An objective as it stands in the chain.
#[derive(Serialize)]
pub struct ChainObjectiveReport {
    pub partnership: String,
    pub objective: String,
    pub rating: Option<&'static str>,
    pub summary: String,
    pub contributions: Vec<ContributionReport>,
}

impl ChainObjectiveReport {
    fn new(o: &ChainObjective) -> Self {
        ChainObjectiveReport {
            partnership: o.partnership_name.clone(),
            objective: o.name.clone(),
            rating: o.rating.worst.map(IndicatorRating::label),
            summary: o.rating.describe(),
            contributions: o
                .contributors
                .iter()
                .map(|c| ContributionReport {
                    partner: c.partner.clone(),
                    lines: c.lines.clone(),
                    hours_per_year: c.hours_per_year,
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
pub struct ChainPriorityReport {
    pub name: String,
    pub description: String,
    pub objectives: Vec<ChainObjectiveReport>,
}

#[derive(Serialize)]
pub struct PartnerDeliveryReport {
    pub partner: String,
    /// False when a contribution names it but it is not a partner of the project.
    pub known: bool,
    pub objectives: usize,
    pub partnerships: usize,
    pub hours_per_year: Decimal,
    pub priorities: Vec<String>,
}

/// The delivery chain, with the rule every rating in the report follows.
#[derive(Serialize)]
pub struct DeliveryChainReport {
    pub rating_rule: &'static str,
    /// The share of the target's size a shortfall may be and stay within tolerance.
    pub tolerance: Decimal,
    pub priorities: Vec<ChainPriorityReport>,
    /// Objectives serving no priority of the strategy, or one it does not have.
    pub unlinked: Vec<ChainObjectiveReport>,
    pub partners: Vec<PartnerDeliveryReport>,
}

impl DeliveryChainReport {
    pub fn new(project: &Project) -> Self {
        let chain = delivery_chain(project);
        DeliveryChainReport {
            rating_rule: RATING_RULE,
            tolerance: TOLERANCE,
            priorities: chain
                .priorities
                .iter()
                .map(|p| ChainPriorityReport {
                    name: p.name.clone(),
                    description: p.description.clone(),
                    objectives: p.objectives.iter().map(ChainObjectiveReport::new).collect(),
                })
                .collect(),
            unlinked: chain
                .unlinked
                .iter()
                .map(ChainObjectiveReport::new)
                .collect(),
            partners: chain
                .partners
                .iter()
                .filter(|p| p.objectives > 0 || !p.known)
                .map(|p| PartnerDeliveryReport {
                    partner: p.partner.clone(),
                    known: p.known,
                    objectives: p.objectives,
                    partnerships: p.partnerships,
                    hours_per_year: p.hours_per_year,
                    priorities: p.priorities.clone(),
                })
                .collect(),
        }
    }
}

impl Report {
    /// Adds the delivery chain when the project has priorities or objectives, and says
    /// whether it has, so each partnership's objectives are written (a project with
    /// neither reports as before).
    pub(super) fn add_delivery_chain(&mut self, project: &Project) -> bool {
        let any = !project.priorities.is_empty()
            || project
                .partnerships
                .iter()
                .any(|p| !p.objectives.is_empty());
        if any {
            self.delivery_chain = Some(DeliveryChainReport::new(project));
        }
        any
    }
}
