//! Actuals against plan (METHOD.md, "After the appraisal"): the re-forecast and the
//! variance against the approved baseline.
//!
//! - A partnership's years have **passed** up to and including the latest year for which
//!   any of its actuals is entered (docs/DECISIONS.md, actuals).
//! - The **re-forecast** takes each line's actual, where one is entered for a passed year,
//!   in place of its forecast for that year, and the current forecast for every other
//!   year; it is discounted by the appraisal's own factors, year 0 staying the first year
//!   of the appraisal. Actuals carry no optimism bias: they are outturn.
//! - The **variance** is actual − plan, by line, partner and passed year, in real prices
//!   at the price base year; the plan is the baseline where there is one that holds the
//!   partnership, and otherwise the current forecast, which the result says.
//! - Cash actuals are deflated with the project's deflators; an actual that cannot be
//!   placed (no such line, no deflator, partner amounts that do not add up) is left out,
//!   the forecast stands for it, and the re-forecast is marked incomplete with an error.
//!
//! Nothing here changes the appraisal: it reads the project and its appraisal and gives a
//! separate result, labelled as the re-forecast.

use super::flows::{self, Series};
use super::num::{Checked, add, add_series, mul, scale_series, sub, sum};
use super::{Appraisal, Diagnostic, Flows, Location, Measures, PartnerFlows, PartnerPosition};
use super::{Severity, appraise};
use crate::model::{Baseline, BenefitType, FinancialYear, Money, Partnership, Prices, Project};
use rust_decimal::Decimal;
use serde::Serialize;
use std::borrow::Cow;

/// What the variance is measured against.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Against {
    /// The named baseline: "Approved by the board on 14 March 2027 (2027-03-14)".
    Baseline(String),
    /// The current forecast, as there is no baseline holding the partnership.
    CurrentForecast,
}

impl Against {
    /// In words, for every output: "against the baseline …" or "against the current forecast
    /// (no baseline is set)".
    pub fn label(&self) -> String {
        match self {
            Against::Baseline(name) => format!("against the baseline {name}"),
            Against::CurrentForecast => {
                "against the current forecast (no baseline holds this partnership)".into()
            }
        }
    }
}

/// Whether a line is a cost or a benefit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum LineSide {
    Cost,
    Benefit,
}

/// One line's plan, forecast and actual for one passed year, for one partner.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct YearVariance {
    pub year: FinancialYear,
    /// The baseline's figure (or the current forecast's, when there is no baseline).
    pub plan: Decimal,
    /// The current forecast's figure.
    pub forecast: Decimal,
    /// The actual, real terms at the price base year; `None` when none is entered.
    pub actual: Option<Decimal>,
    /// `actual − plan`; `None` when no actual is entered. For a cost, more than planned is
    /// positive; for a benefit, more than planned is positive too.
    pub variance: Option<Decimal>,
}

/// A line's variance for one partner, over the passed years.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LineVariance {
    pub side: LineSide,
    pub line: String,
    /// The partner bearing the cost or receiving the benefit; empty for a benefit that
    /// names no partner (wider society).
    pub partner: String,
    /// False when the baseline does not hold this line: its plan is zero.
    pub in_baseline: bool,
    pub years: Vec<YearVariance>,
    /// The plan in every year of the appraisal (real terms), for entering the next
    /// year's actual beside it.
    #[serde(skip)]
    pub plan_by_year: Series,
}

/// Costs and benefits by year, undiscounted, real terms: for the plan-against-actual chart.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct YearTotals {
    pub year: FinancialYear,
    /// The plan (baseline, or current forecast).
    pub plan_costs: Decimal,
    pub plan_benefits: Decimal,
    pub forecast_costs: Decimal,
    pub forecast_benefits: Decimal,
    /// Actuals in passed years, forecast after.
    pub reforecast_costs: Decimal,
    pub reforecast_benefits: Decimal,
    pub passed: bool,
}

/// One partner's position in the baseline, the forecast and the re-forecast.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PartnerReforecast {
    pub partner: String,
    pub baseline: Option<PartnerPosition>,
    pub forecast: PartnerPosition,
    pub reforecast: PartnerPosition,
}

/// A partnership's actuals against plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PartnershipActuals {
    pub name: String,
    pub against: Against,
    /// The latest year with an actual: it and every year before it have passed. `None`
    /// when no actual is entered (the re-forecast is then the forecast).
    pub passed_to: Option<FinancialYear>,
    /// The baseline's measures, appraised again from its inputs.
    pub baseline: Option<Measures>,
    /// The current appraisal's measures: the forecast, unchanged by any actual.
    pub forecast: Measures,
    /// Actuals for passed years, the forecast for the rest.
    pub reforecast: Measures,
    pub partners: Vec<PartnerReforecast>,
    /// Variance by line, partner and passed year.
    pub lines: Vec<LineVariance>,
    pub years: Vec<YearTotals>,
    /// Cash actuals deflated to the price base year (the app says so).
    pub deflated: usize,
    /// Errors that leave an actual out (the forecast stands for it): each marks the
    /// re-forecast and the variance incomplete.
    pub errors: usize,
    /// Lines the appraisal left out, which the re-forecast leaves out too.
    pub lines_left_out: usize,
    /// The re-forecast's yearly flows, for the portfolio's totals.
    #[serde(skip)]
    pub reforecast_flows: Flows,
}

impl PartnershipActuals {
    pub fn is_complete(&self) -> bool {
        self.errors == 0 && self.lines_left_out == 0
    }

    /// Total variance over the passed years: costs and benefits.
    pub fn total_variance(&self, side: LineSide) -> Decimal {
        self.lines
            .iter()
            .filter(|l| l.side == side)
            .flat_map(|l| l.years.iter().filter_map(|y| y.variance))
            .fold(Decimal::ZERO, |a, b| a.saturating_add(b))
    }
}

/// The portfolio's headline in the three views.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PortfolioActuals {
    pub baseline: Option<Measures>,
    pub forecast: Measures,
    pub reforecast: Measures,
}

/// Actuals against plan for every partnership, and the portfolio.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActualsReport {
    /// The baseline's name and date, if one is set.
    pub baseline: Option<String>,
    pub partnerships: Vec<PartnershipActuals>,
    pub portfolio: PortfolioActuals,
    /// Actuals left out or lines without an actual in a passed year.
    pub diagnostics: Vec<Diagnostic>,
}

/// The baseline appraised again from its inputs, as the engine appraises any project:
/// the whole baseline, or only the partnership one screen shows.
pub struct BaselineAppraisal<'a> {
    /// The baseline's name and date.
    pub label: String,
    pub project: Cow<'a, Project>,
    pub appraisal: Appraisal,
}

impl<'a> BaselineAppraisal<'a> {
    /// The project's whole baseline, appraised; `None` when none is set.
    pub fn of(project: &'a Project) -> Option<BaselineAppraisal<'a>> {
        project
            .baseline
            .as_deref()
            .map(|baseline| BaselineAppraisal {
                label: baseline.label(),
                project: Cow::Borrowed(&baseline.project),
                appraisal: appraise(&baseline.project),
            })
    }

    /// Only the baseline's partnership named `name` (a partnership is appraised on its
    /// own, so its figures are the same as in the whole baseline).
    pub fn of_partnership(project: &Project, name: &str) -> Option<BaselineAppraisal<'static>> {
        let baseline = project.baseline.as_deref()?;
        let found = baseline
            .project
            .partnerships
            .iter()
            .find(|p| p.name == name)?;
        let one = super::uncertainty::sub_project(&baseline.project, found.clone());
        let appraisal = appraise(&one);
        Some(BaselineAppraisal {
            label: baseline.label(),
            project: Cow::Owned(one),
            appraisal,
        })
    }
}

/// One partnership's actuals against plan and the problems found, as the Actuals tab
/// shows them: only its baseline is appraised again.
pub fn one_partnership(
    project: &Project,
    appraisal: &Appraisal,
    index: usize,
) -> Option<(PartnershipActuals, Vec<Diagnostic>)> {
    let p = project.partnerships.get(index)?;
    let base = BaselineAppraisal::of_partnership(project, &p.name);
    let mut diagnostics = Vec::new();
    let a = partnership_actuals(project, appraisal, base.as_ref(), index, &mut diagnostics);
    Some((a, diagnostics))
}

/// Actuals against plan for the whole project. `appraisal` is the project's own.
pub fn actuals(project: &Project, appraisal: &Appraisal) -> ActualsReport {
    let base = BaselineAppraisal::of(project);
    let mut diagnostics = Vec::new();
    let partnerships: Vec<PartnershipActuals> = (0..project.partnerships.len())
        .map(|i| partnership_actuals(project, appraisal, base.as_ref(), i, &mut diagnostics))
        .collect();
    // The forecast's portfolio flows moved by each partnership's change from its actuals
    // (zero, and so no change at all, where it has none).
    let mut reforecast = appraisal.portfolio.flows.clone();
    let mut overflow = false;
    for (p, a) in appraisal.partnerships.iter().zip(&partnerships) {
        overflow |= add_change(&mut reforecast, &p.flows, &a.reforecast_flows).is_err();
    }
    let measures = |f: &Flows| {
        Measures::from_flows(f, &appraisal.discount_factors, &appraisal.sroi_factors)
            .map(|(m, _)| m)
    };
    let reforecast = match (overflow, measures(&reforecast)) {
        (false, Ok(m)) => m,
        _ => {
            diagnostics.push(Diagnostic {
                severity: Severity::Error,
                location: Location::Settings,
                context: "Portfolio".into(),
                field: "Re-forecast".into(),
                message: "the re-forecast totals are too large to compute; the forecast is shown"
                    .into(),
            });
            appraisal.portfolio.measures.clone()
        }
    };
    ActualsReport {
        baseline: project.baseline.as_deref().map(Baseline::label),
        portfolio: PortfolioActuals {
            baseline: base.map(|b| b.appraisal.portfolio.measures),
            forecast: appraisal.portfolio.measures.clone(),
            reforecast,
        },
        partnerships,
        diagnostics,
    }
}

/// Adds `to − from`, year by year, to `total`: each series of the flows.
fn add_change(total: &mut Flows, from: &Flows, to: &Flows) -> Checked<()> {
    let change = |a: &Series, b: &Series| -> Checked<Series> {
        (0..a.len().max(b.len()))
            .map(|t| {
                sub(
                    b.get(t).copied().unwrap_or_default(),
                    a.get(t).copied().unwrap_or_default(),
                )
            })
            .collect()
    };
    add_series(&mut total.costs, &change(&from.costs, &to.costs)?)?;
    add_series(&mut total.cashable, &change(&from.cashable, &to.cashable)?)?;
    for t in [
        BenefitType::Fiscal,
        BenefitType::Economic,
        BenefitType::Social,
    ] {
        add_series(
            total.benefits.get_mut(t),
            &change(from.benefits.get(t), to.benefits.get(t))?,
        )?;
    }
    Ok(())
}

/// One line's yearly figures for each partner it falls on.
struct LineRows {
    side: LineSide,
    name: String,
    benefit_type: BenefitType,
    cashable_share: Decimal,
    disbenefit: bool,
    /// (partner, series); a benefit naming no partner has one row with an empty name.
    rows: Vec<(String, Series)>,
}

/// Each included line's yearly figures by partner, as the appraisal computes them.
fn line_rows(project: &Project, p: &Partnership) -> Vec<LineRows> {
    let mut out = Vec::new();
    for line in &p.costs {
        if let Ok(costed) = flows::cost_line(project, line) {
            out.push(LineRows {
                side: LineSide::Cost,
                name: line.name.clone(),
                benefit_type: BenefitType::Fiscal,
                cashable_share: Decimal::ZERO,
                disbenefit: false,
                rows: costed
                    .borne
                    .into_iter()
                    .map(|b| (b.partner, b.series))
                    .collect(),
            });
        }
    }
    for line in &p.benefits {
        if let Ok(series) = flows::benefit_line(project, line) {
            let partner = line.partner.clone().filter(|s| !s.trim().is_empty());
            out.push(LineRows {
                side: LineSide::Benefit,
                name: line.name.clone(),
                benefit_type: line.benefit_type,
                cashable_share: line.cashable_share.0,
                disbenefit: line.disbenefit,
                rows: vec![(partner.unwrap_or_default(), series)],
            });
        }
    }
    out
}

/// The partnership's flows and each partner's, from its lines, added as the appraisal adds them.
fn add_up(lines: &[LineRows], n: usize) -> Checked<(Flows, Vec<(String, PartnerFlows)>)> {
    let mut flows = Flows::zero(n);
    let mut table: Vec<(String, PartnerFlows)> = Vec::new();
    let entry = |table: &mut Vec<(String, PartnerFlows)>, partner: &str| -> usize {
        match table.iter().position(|(p, _)| p == partner) {
            Some(i) => i,
            None => {
                table.push((partner.to_owned(), PartnerFlows::zero(n)));
                table.len() - 1
            }
        }
    };
    for line in lines {
        if line.side == LineSide::Cost {
            // The line's total first, then the partnership's, in the appraisal's order, so
            // that a re-forecast without actuals is the forecast to the last digit.
            let total = match &line.rows[..] {
                [(_, only)] if only.len() == n => only.clone(),
                rows => {
                    let mut total = vec![Decimal::ZERO; n];
                    for (_, series) in rows {
                        add_series(&mut total, series)?;
                    }
                    total
                }
            };
            add_series(&mut flows.costs, &total)?;
        }
        for (partner, series) in &line.rows {
            match line.side {
                LineSide::Cost => {
                    let i = entry(&mut table, partner);
                    add_series(&mut table[i].1.costs, series)?;
                }
                LineSide::Benefit => {
                    add_series(flows.benefits.get_mut(line.benefit_type), series)?;
                    if partner.is_empty() {
                        continue;
                    }
                    let i = entry(&mut table, partner);
                    if line.benefit_type == BenefitType::Fiscal {
                        let cashable = scale_series(series, line.cashable_share)?;
                        add_series(&mut flows.cashable, &cashable)?;
                        add_series(&mut table[i].1.fiscal, series)?;
                        add_series(&mut table[i].1.cashable, &cashable)?;
                    } else {
                        table[i].1.add_value_received(line.benefit_type, series)?;
                    }
                }
            }
        }
    }
    Ok((flows, table))
}

/// The value of `series` in financial year `year`, where the series starts at `first`.
fn at_year(series: &[Decimal], first: FinancialYear, year: FinancialYear) -> Decimal {
    usize::try_from(i64::from(year.0) - i64::from(first.0))
        .ok()
        .and_then(|t| series.get(t).copied())
        .unwrap_or(Decimal::ZERO)
}

/// Splits `amount` between the rows in proportion to their values at `t` (or, when they
/// are all zero then, over all years); the last row takes what rounding leaves, so the
/// parts add up to `amount` exactly. `None` when nothing says how to split it.
fn split_pro_rata(amount: Decimal, rows: &[(String, Series)], t: usize) -> Option<Vec<Decimal>> {
    if rows.len() == 1 {
        return Some(vec![amount]);
    }
    let weights_at = |f: &dyn Fn(&Series) -> Option<Decimal>| -> Option<Vec<Decimal>> {
        rows.iter().map(|(_, s)| f(s)).collect()
    };
    let mut weights = weights_at(&|s| s.get(t).copied())?;
    let mut total = sum(weights.iter().copied()).ok()?;
    if total.is_zero() {
        weights = weights_at(&|s| sum(s.iter().copied()).ok())?;
        total = sum(weights.iter().copied()).ok()?;
    }
    if total.is_zero() {
        return None;
    }
    let mut parts = Vec::with_capacity(rows.len());
    let mut given = Decimal::ZERO;
    for (k, w) in weights.iter().enumerate() {
        let part = if k + 1 == weights.len() {
            sub(amount, given).ok()?
        } else {
            mul(amount, *w).ok()?.checked_div(total)?.round_dp(2)
        };
        given = add(given, part).ok()?;
        parts.push(part);
    }
    Some(parts)
}

/// `amount` in real terms at the price base year: a cash amount is deflated.
fn real(
    project: &Project,
    prices: Prices,
    amount: Money,
    year: FinancialYear,
) -> Result<Decimal, String> {
    match prices {
        Prices::Real => Ok(amount.0),
        Prices::Cash => {
            let factor = flows::rebase_factor(project, year).map_err(|e| match e {
                flows::LineError::Missing(what) => format!("{what} is missing"),
                _ => "its deflator cannot be used".into(),
            })?;
            mul(amount.0, factor).map_err(|_| "it is too large to deflate".into())
        }
    }
}

/// A partnership's actuals against plan. `base` is the baseline appraised again, if set.
pub fn partnership_actuals(
    project: &Project,
    appraisal: &Appraisal,
    base: Option<&BaselineAppraisal>,
    index: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> PartnershipActuals {
    let p = &project.partnerships[index];
    let n = appraisal.discount_factors.len();
    let first = project.settings.first_year;
    let forecast_result = appraisal.partnerships.get(index);
    let forecast_measures = forecast_result.map(|r| r.measures.clone());
    let mut errors = 0usize;
    let mut deflated = 0usize;
    let error = |diagnostics: &mut Vec<Diagnostic>, field: String, message: String| {
        diagnostics.push(Diagnostic {
            severity: Severity::Error,
            location: Location::Partnership { partnership: index },
            context: format!("{}, actuals", p.name),
            field,
            message,
        });
    };

    let forecast = line_rows(project, p);
    let mut reforecast: Vec<LineRows> = forecast
        .iter()
        .map(|l| LineRows {
            side: l.side,
            name: l.name.clone(),
            benefit_type: l.benefit_type,
            cashable_share: l.cashable_share,
            disbenefit: l.disbenefit,
            rows: l.rows.clone(),
        })
        .collect();
    // actual[line][row][t], where entered and placed.
    let mut placed: Vec<Vec<Vec<Option<Decimal>>>> = forecast
        .iter()
        .map(|l| vec![vec![None; n]; l.rows.len()])
        .collect();
    let passed_to = p.actuals.last_year();
    let passed = passed_to
        .map(|y| (i64::from(y.0) - i64::from(first.0) + 1).clamp(0, n as i64) as usize)
        .unwrap_or(0);
    let year_index = |year: FinancialYear| -> Option<usize> {
        usize::try_from(i64::from(year.0) - i64::from(first.0))
            .ok()
            .filter(|t| *t < n)
    };

    let entries = p
        .actuals
        .costs
        .iter()
        .map(|a| {
            (
                LineSide::Cost,
                &a.line,
                a.year,
                a.prices,
                a.amount,
                &a.by_partner[..],
            )
        })
        .chain(p.actuals.benefits.iter().map(|a| {
            (
                LineSide::Benefit,
                &a.line,
                a.year,
                a.prices,
                a.amount,
                &[][..],
            )
        }));
    let mut erred = 0usize;
    for (side, name, year, prices, amount, by_partner) in entries {
        let what = match side {
            LineSide::Cost => format!("cost '{name}', {year}"),
            LineSide::Benefit => format!("benefit '{name}', {year}"),
        };
        let Some(k) = forecast
            .iter()
            .position(|l| l.side == side && &l.name == name)
        else {
            let exists = match side {
                LineSide::Cost => p.costs.iter().any(|l| &l.name == name),
                LineSide::Benefit => p.benefits.iter().any(|l| &l.name == name),
            };
            if !exists {
                error(
                    diagnostics,
                    what,
                    "left out of the re-forecast: the partnership has no such line".into(),
                );
                erred += 1;
            }
            // A line the appraisal left out is counted in `lines_left_out`.
            continue;
        };
        let Some(t) = year_index(year) else {
            error(
                diagnostics,
                what,
                "left out of the re-forecast: the year is outside the appraisal period".into(),
            );
            erred += 1;
            continue;
        };
        if amount.0 < Decimal::ZERO {
            error(
                diagnostics,
                what,
                "left out of the re-forecast: an actual is zero or more".into(),
            );
            erred += 1;
            continue;
        }
        let deflate = |m: Money| real(project, prices, m, year);
        let whole = match deflate(amount) {
            Ok(v) => v,
            Err(why) => {
                error(
                    diagnostics,
                    what,
                    format!("left out of the re-forecast: entered in cash prices, but {why}"),
                );
                erred += 1;
                continue;
            }
        };
        if prices == Prices::Cash {
            deflated += 1;
        }
        let line = &forecast[k];
        let parts: Option<Vec<Decimal>> = if by_partner.is_empty() {
            split_pro_rata(whole, &line.rows, t)
        } else {
            let listed = sum(by_partner.iter().map(|b| b.amount.0));
            if listed.ok() != Some(amount.0) {
                error(
                    diagnostics,
                    what,
                    format!(
                        "left out of the re-forecast: the partners' amounts add up to {}, not the {} entered",
                        listed
                            .map(|v| v.to_string())
                            .unwrap_or_else(|_| "too much".into()),
                        amount.0
                    ),
                );
                erred += 1;
                continue;
            }
            let mut parts = vec![Decimal::ZERO; line.rows.len()];
            let mut ok = true;
            for b in by_partner {
                match (
                    line.rows.iter().position(|(r, _)| *r == b.partner),
                    deflate(b.amount),
                ) {
                    // A partner named twice (two parts moved onto one) bears both.
                    (Some(r), Ok(v)) => match add(parts[r], v) {
                        Ok(total) => parts[r] = total,
                        Err(_) => ok = false,
                    },
                    _ => ok = false,
                }
            }
            ok.then_some(parts)
        };
        let Some(parts) = parts else {
            error(diagnostics, what, "left out of the re-forecast: cannot tell which partners bore it (name each partner's amount)".into());
            erred += 1;
            continue;
        };
        for (r, part) in parts.into_iter().enumerate() {
            let signed = if line.disbenefit { -part } else { part };
            placed[k][r][t] = Some(signed);
            if let Some(slot) = reforecast[k].rows[r].1.get_mut(t) {
                *slot = signed;
            }
        }
    }
    errors += erred;

    // Lines without an actual in a passed year keep their forecast: said, not an error.
    {
        for (k, line) in forecast.iter().enumerate() {
            let missing: Vec<String> = (0..passed)
                .filter(|t| placed[k].iter().all(|row| row[*t].is_none()))
                .map(|t| first.plus(t as u32).to_string())
                .collect();
            if !missing.is_empty() {
                diagnostics.push(Diagnostic {
                    severity: Severity::Warning,
                    location: Location::Partnership { partnership: index },
                    context: format!("{}, actuals", p.name),
                    field: line.name.clone(),
                    message: format!(
                        "no actual for {}: the forecast stands in the re-forecast",
                        missing.join(", ")
                    ),
                });
            }
        }
    }

    // The plan: the baseline's lines, if the baseline holds the partnership.
    let base_partnership = base.and_then(|b| {
        b.project
            .partnerships
            .iter()
            .position(|bp| bp.name == p.name)
            .map(|i| (b, i))
    });
    let (against, plan_lines, plan_first, plan_n, baseline_measures, baseline_partners) =
        match base_partnership {
            Some((b, i)) => {
                let bp: &Project = &b.project;
                let result = b.appraisal.partnerships.get(i);
                (
                    Against::Baseline(b.label.clone()),
                    Some(line_rows(bp, &bp.partnerships[i])),
                    bp.settings.first_year,
                    b.appraisal.discount_factors.len(),
                    result.map(|r| r.measures.clone()),
                    result.map(|r| r.partners.clone()).unwrap_or_default(),
                )
            }
            None => (Against::CurrentForecast, None, first, n, None, Vec::new()),
        };

    // Variance by line, partner and passed year.
    let mut lines = Vec::new();
    for (k, line) in forecast.iter().enumerate() {
        let plan_line = plan_lines.as_ref().map(|pl| {
            pl.iter()
                .find(|l| l.side == line.side && l.name == line.name)
        });
        for (r, (partner, series)) in line.rows.iter().enumerate() {
            let plan_series = match plan_line {
                Some(Some(pl)) => pl.rows.iter().find(|(q, _)| q == partner).map(|(_, s)| s),
                Some(None) => None,
                None => Some(series),
            };
            let plan_by_year: Series = (0..n)
                .map(|t| match (plan_series, &plan_lines) {
                    (Some(s), Some(_)) => at_year(s, plan_first, first.plus(t as u32)),
                    (Some(s), None) => s.get(t).copied().unwrap_or_default(),
                    (None, _) => Decimal::ZERO,
                })
                .collect();
            let years = (0..passed)
                .map(|t| {
                    let plan = plan_by_year[t];
                    let actual = placed[k][r][t];
                    YearVariance {
                        year: first.plus(t as u32),
                        plan,
                        forecast: series.get(t).copied().unwrap_or_default(),
                        actual,
                        variance: actual.and_then(|a| sub(a, plan).ok()),
                    }
                })
                .collect();
            lines.push(LineVariance {
                side: line.side,
                line: line.name.clone(),
                partner: partner.clone(),
                in_baseline: !matches!(plan_line, Some(None)),
                years,
                plan_by_year,
            });
        }
    }

    // The re-forecast's measures and partners.
    let factors = &appraisal.discount_factors;
    let computed = add_up(&reforecast, n).and_then(|(flows, table)| {
        let (measures, _) = Measures::from_flows(&flows, factors, &appraisal.sroi_factors)?;
        let positions = table
            .iter()
            .map(|(name, f)| f.position(name, factors))
            .collect::<Checked<Vec<_>>>()?;
        Ok((flows, measures, positions))
    });
    let plan_flows = plan_lines.as_ref().map(|pl| add_up(pl, plan_n));
    let forecast_flows = forecast_result
        .map(|r| r.flows.clone())
        .unwrap_or_else(|| Flows::zero(n));
    let (reforecast_flows, reforecast_measures, positions) = match computed {
        Ok(done) => done,
        Err(_) => {
            error(
                diagnostics,
                "Re-forecast".into(),
                "its totals are too large to compute; the forecast is shown".into(),
            );
            errors += 1;
            let forecast_partners = forecast_result
                .map(|r| r.partners.clone())
                .unwrap_or_default();
            (
                forecast_flows.clone(),
                forecast_measures.clone().unwrap_or_else(Measures::zero),
                forecast_partners,
            )
        }
    };
    let benefits_of = |f: &Flows, t: usize| {
        [
            BenefitType::Fiscal,
            BenefitType::Economic,
            BenefitType::Social,
        ]
        .iter()
        .map(|b| f.benefits.get(*b).get(t).copied().unwrap_or_default())
        .fold(Decimal::ZERO, |a, b| a.saturating_add(b))
    };
    let plan_flows = match plan_flows {
        Some(Ok((f, _))) => Some(f),
        _ => None,
    };
    let years = (0..n)
        .map(|t| {
            let year = first.plus(t as u32);
            let (plan_costs, plan_benefits) = match &plan_flows {
                Some(f) => {
                    let bt = |b: BenefitType| at_year(f.benefits.get(b), plan_first, year);
                    (
                        at_year(&f.costs, plan_first, year),
                        bt(BenefitType::Fiscal)
                            .saturating_add(bt(BenefitType::Economic))
                            .saturating_add(bt(BenefitType::Social)),
                    )
                }
                None => (
                    forecast_flows.costs.get(t).copied().unwrap_or_default(),
                    benefits_of(&forecast_flows, t),
                ),
            };
            YearTotals {
                year,
                plan_costs,
                plan_benefits,
                forecast_costs: forecast_flows.costs.get(t).copied().unwrap_or_default(),
                forecast_benefits: benefits_of(&forecast_flows, t),
                reforecast_costs: reforecast_flows.costs.get(t).copied().unwrap_or_default(),
                reforecast_benefits: benefits_of(&reforecast_flows, t),
                passed: t < passed,
            }
        })
        .collect();

    let forecast_partners = forecast_result
        .map(|r| r.partners.clone())
        .unwrap_or_default();
    let mut partners: Vec<PartnerReforecast> = positions
        .into_iter()
        .map(|reforecast| PartnerReforecast {
            partner: reforecast.partner.clone(),
            baseline: baseline_partners
                .iter()
                .find(|b| b.partner == reforecast.partner)
                .cloned(),
            forecast: forecast_partners
                .iter()
                .find(|f| f.partner == reforecast.partner)
                .cloned()
                .unwrap_or_else(|| PartnerPosition {
                    partner: reforecast.partner.clone(),
                    ..PartnerPosition::default()
                }),
            reforecast,
        })
        .collect();
    partners.sort_by_key(|row| {
        project
            .partners
            .iter()
            .position(|q| q.name == row.partner)
            .unwrap_or(usize::MAX)
    });

    PartnershipActuals {
        name: p.name.clone(),
        against,
        passed_to,
        baseline: baseline_measures,
        forecast: forecast_measures.unwrap_or_else(Measures::zero),
        reforecast: reforecast_measures,
        partners,
        lines,
        years,
        deflated,
        errors,
        lines_left_out: forecast_result.map_or(0, |r| r.left_out.lines),
        reforecast_flows,
    }
}
