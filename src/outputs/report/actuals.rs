//! Actuals against plan in `appraise --format json`: the baseline, the current forecast
//! and the re-forecast side by side, and the variance by line, partner and passed year,
//! each labelled. Money rounded to pence, as everywhere in the JSON.

use super::MeasuresReport;
use crate::appraisal::actuals::{ActualsReport, LineSide, PartnershipActuals};
use crate::format::round;
use crate::model::{FinancialYear, Project};
use rust_decimal::Decimal;
use serde::Serialize;

/// What the JSON says the re-forecast is, once, beside the figures.
pub const REFORECAST_RULE: &str = "Re-forecast: actuals for passed years (every year up to the latest with an actual entered), the current forecast for the rest, discounted as the appraisal is (year 0 stays the first appraisal year). Variance: actual minus plan, real terms at the price base year; cash actuals deflated with the project's deflators. The appraisal's own figures are the forecast and are unchanged by actuals.";

#[derive(Serialize)]
pub struct ActualsJson {
    pub rule: &'static str,
    /// The baseline's name and date, or null when none is set.
    pub baseline: Option<String>,
    pub portfolio: ThreeViews,
    pub partnerships: Vec<PartnershipActualsJson>,
    /// Actuals left out (errors, marking the re-forecast incomplete) and lines without
    /// an actual in a passed year (warnings: the forecast stands).
    pub diagnostics: Vec<crate::appraisal::Diagnostic>,
}

/// The same measures as the baseline, the current forecast and the re-forecast.
#[derive(Serialize)]
pub struct ThreeViews {
    pub baseline: Option<MeasuresReport>,
    pub forecast: MeasuresReport,
    pub reforecast: MeasuresReport,
}

#[derive(Serialize)]
pub struct PartnershipActualsJson {
    pub name: String,
    /// "against the baseline …" or "against the current forecast (…)".
    pub variance_against: String,
    /// The latest passed year ("2027/28"), or null when no actual is entered.
    pub passed_to: Option<String>,
    pub complete: bool,
    /// Cash actuals deflated to the price base year.
    pub cash_actuals_deflated: usize,
    pub measures: ThreeViews,
    pub cost_variance: Decimal,
    pub benefit_variance: Decimal,
    pub partners: Vec<PartnerViews>,
    pub lines: Vec<LineJson>,
}

#[derive(Serialize)]
pub struct PartnerViews {
    pub partner: String,
    pub baseline_net_value: Option<Decimal>,
    pub forecast_net_value: Decimal,
    pub reforecast_net_value: Decimal,
    pub reforecast_costs: Decimal,
}

#[derive(Serialize)]
pub struct LineJson {
    /// "cost" or "benefit".
    pub side: &'static str,
    pub line: String,
    /// Empty for a benefit to no partner (wider society).
    pub partner: String,
    pub in_baseline: bool,
    pub years: Vec<YearJson>,
}

#[derive(Serialize)]
pub struct YearJson {
    pub year: String,
    pub plan: Decimal,
    pub forecast: Decimal,
    pub actual: Option<Decimal>,
    pub variance: Option<Decimal>,
}

fn year(y: FinancialYear) -> String {
    y.to_string()
}

impl ActualsJson {
    /// Whether the JSON carries actuals at all: a baseline is set or an actual is entered.
    pub fn wanted(project: &Project) -> bool {
        project.baseline.is_some() || project.partnerships.iter().any(|p| !p.actuals.is_empty())
    }

    pub fn new(report: &ActualsReport) -> Self {
        ActualsJson {
            rule: REFORECAST_RULE,
            baseline: report.baseline.clone(),
            portfolio: ThreeViews {
                baseline: report.portfolio.baseline.as_ref().map(MeasuresReport::new),
                forecast: MeasuresReport::new(&report.portfolio.forecast),
                reforecast: MeasuresReport::new(&report.portfolio.reforecast),
            },
            partnerships: report.partnerships.iter().map(partnership).collect(),
            diagnostics: report.diagnostics.clone(),
        }
    }
}

fn partnership(a: &PartnershipActuals) -> PartnershipActualsJson {
    PartnershipActualsJson {
        name: a.name.clone(),
        variance_against: a.against.label(),
        passed_to: a.passed_to.map(year),
        complete: a.is_complete(),
        cash_actuals_deflated: a.deflated,
        measures: ThreeViews {
            baseline: a.baseline.as_ref().map(MeasuresReport::new),
            forecast: MeasuresReport::new(&a.forecast),
            reforecast: MeasuresReport::new(&a.reforecast),
        },
        cost_variance: round(a.total_variance(LineSide::Cost), 2),
        benefit_variance: round(a.total_variance(LineSide::Benefit), 2),
        partners: a
            .partners
            .iter()
            .map(|p| PartnerViews {
                partner: p.partner.clone(),
                baseline_net_value: p.baseline.as_ref().map(|b| round(b.net_value, 2)),
                forecast_net_value: round(p.forecast.net_value, 2),
                reforecast_net_value: round(p.reforecast.net_value, 2),
                reforecast_costs: round(p.reforecast.pv_costs, 2),
            })
            .collect(),
        lines: a
            .lines
            .iter()
            .filter(|l| !l.years.is_empty())
            .map(|l| LineJson {
                side: match l.side {
                    LineSide::Cost => "cost",
                    LineSide::Benefit => "benefit",
                },
                line: l.line.clone(),
                partner: l.partner.clone(),
                in_baseline: l.in_baseline,
                years: l
                    .years
                    .iter()
                    .map(|y| YearJson {
                        year: year(y.year),
                        plan: round(y.plan, 2),
                        forecast: round(y.forecast, 2),
                        actual: y.actual.map(|v| round(v, 2)),
                        variance: y.variance.map(|v| round(v, 2)),
                    })
                    .collect(),
            })
            .collect(),
    }
}
