//! The pure appraisal engine: `appraise` computes results, `validate` finds problems.
//! Neither can fail on user data: problems come back as [`Diagnostic`]s beside the results.

pub mod actuals;
mod blocks;
pub mod compare;
mod completeness;
mod diagnostic;
pub mod discount;
pub mod flows;
pub mod num;
pub mod objectives;
pub mod portfolio;
pub mod random;
mod register;
mod results;
pub mod review;
pub mod uncertainty;
mod validate;

pub(crate) use blocks::Block;
pub use blocks::{BATCH, BLOCK, BlockParts, PARTS_KEPT, block_parts};
use blocks::{appraise_on, threads};
pub use completeness::{AllCompleteness, Completeness, LeftOut};
pub use diagnostic::*;
pub use register::{SignificanceFinding, significance, significance_of};
pub use results::*;
pub use validate::{Findings, appraise_and_validate, revalidate, validate};

use crate::model::{BenefitType, CostDetail, CostKind, Layer, Partnership, Project, Settings};
use flows::{LineError, Series};
use num::{Checked, add_series, present_value, scale_series, sum};
use rust_decimal::Decimal;

/// The longest horizon the engine computes; `validate` reports a longer one.
pub const MAX_HORIZON_YEARS: u32 = 300;

/// The number of years appraised, capped at [`MAX_HORIZON_YEARS`].
pub fn horizon(settings: &Settings) -> u32 {
    settings.horizon_years.min(MAX_HORIZON_YEARS)
}

/// Every problem with the figures of `appraisal` (of `project`): what `validate` finds, then
/// what was met computing it. Every output shows it and marks figures incomplete from it.
pub fn problems(project: &Project, appraisal: &Appraisal) -> Vec<Diagnostic> {
    let mut all = validate(project);
    all.extend(appraisal.diagnostics.iter().cloned());
    all
}

/// Appraises every partnership and the portfolio.
pub fn appraise(project: &Project) -> Appraisal {
    appraise_on(project, threads(), None)
}

/// Exactly [`appraise`]`(project)`, reusing what `previous`, an appraisal of an earlier
/// version of the project, computed for the blocks of partnerships that have not changed:
/// after an edit to one partnership, only its block of [`BLOCK`] is appraised again.
///
/// `unchanged(i)` may be true only if partnership `i` is the same as it was for
/// `previous`, and only if nothing else in the project (settings, partners, grades,
/// libraries) has changed since; when unsure it must be false.
pub fn reappraise(
    project: &Project,
    previous: Appraisal,
    unchanged: &dyn Fn(usize) -> bool,
) -> Appraisal {
    appraise_on(project, threads(), Some((previous, unchanged)))
}

/// `each(i)` for every `i` in `range`, in order, worked out on every core: for analyses
/// of many partnerships that each appraise their partnership many times (switching
/// values, sensitivity, simulations). Each answer must be its item's alone; then they
/// are the same however the work was split.
pub fn each_on_every_core<T: Send>(
    range: std::ops::Range<usize>,
    each: impl Fn(usize) -> T + Copy + Send,
) -> Vec<T> {
    blocks::in_order(range, threads(), 2, each)
}

/// Exactly [`appraise`]`(project)`, computed on up to `threads` threads (at least one):
/// the answer is the same, to the last digit and scale, for any number of threads.
pub fn appraise_on_threads(project: &Project, threads: usize) -> Appraisal {
    appraise_on(project, threads.max(1), None)
}

/// The discount factors of the appraisal, and those SROI practice uses (from year 1).
struct Discount<'a> {
    factors: &'a [Decimal],
    sroi: &'a [Decimal],
}

/// Each partner's flows in one partnership, in the project's partner order.
type PartnerFlowTable = Vec<(String, PartnerFlows)>;

fn partner_entry<'a>(
    table: &'a mut PartnerFlowTable,
    partner: &str,
    n: usize,
) -> &'a mut PartnerFlows {
    let position = match table.iter().position(|(p, _)| p == partner) {
        Some(i) => i,
        None => {
            let flows = PartnerFlows::zero(n);
            table.push((partner.to_owned(), flows));
            table.len() - 1
        }
    };
    &mut table[position].1
}

/// Sorts partner rows into the project's partner order; names the project lacks go last.
fn sort_by_project_order<T>(project: &Project, rows: &mut [T], name: impl Fn(&T) -> &str) {
    rows.sort_by_key(|row| {
        project
            .partners
            .iter()
            .position(|p| p.name == name(row))
            .unwrap_or(usize::MAX)
    });
}

const LAYER_LABELS: [&str; 4] = ["Strategic", "Executive", "Operational", "No layer"];

fn layer_slot(layer: Option<Layer>) -> usize {
    match layer {
        Some(Layer::Strategic) => 0,
        Some(Layer::Executive) => 1,
        Some(Layer::Operational) => 2,
        None => 3,
    }
}

fn kind_slot(kind: CostKind) -> usize {
    CostKind::ALL.iter().position(|k| *k == kind).unwrap_or(0)
}

/// The cost by governance layer and by kind, from the yearly sums in `LAYER_LABELS` and
/// `CostKind::ALL` order: the same for a partnership and for the portfolio.
fn layer_and_kind_breakdowns(
    by_layer: Vec<Series>,
    by_kind: Vec<Series>,
    factors: &[Decimal],
) -> Checked<(Vec<Breakdown>, Vec<Breakdown>)> {
    Ok((
        breakdowns(LAYER_LABELS.map(String::from), by_layer, factors)?,
        breakdowns(
            CostKind::ALL.map(|k| k.label().to_owned()),
            by_kind,
            factors,
        )?,
    ))
}

fn breakdowns(
    labels: impl IntoIterator<Item = String>,
    series: Vec<Series>,
    factors: &[Decimal],
) -> Checked<Vec<Breakdown>> {
    labels
        .into_iter()
        .zip(series)
        .map(|(label, by_year)| {
            Ok(Breakdown {
                pv: present_value(&by_year, factors)?,
                label,
                by_year,
            })
        })
        .collect()
}

/// The diagnostic for a line left out, unless `validate` already says why (an error in
/// the line's own inputs, which it marks as leaving the line out).
fn line_left_out(location: Location, context: String, error: LineError) -> Option<Diagnostic> {
    let message = match error {
        LineError::Invalid => return None,
        LineError::Missing(what) => format!("left out of the results: {what} does not exist"),
        LineError::Overflow => {
            "left out of the results: its amounts are too large to compute".to_owned()
        }
    };
    Some(Diagnostic {
        severity: Severity::Error,
        location,
        context,
        field: String::new(),
        message,
    })
}

/// Appraises partnership `index` of `project`, which is `p` (passed apart so that a block
/// can be appraised from its own partnerships, [`block_parts`]).
fn appraise_partnership(
    project: &Project,
    (index, p): (usize, &Partnership),
    discount: &Discount,
    diagnostics: &mut Vec<Diagnostic>,
) -> (PartnershipResult, PartnerFlowTable) {
    let n = discount.factors.len();
    match try_appraise_partnership(project, (index, p), discount, diagnostics) {
        Ok(result) => result,
        Err(_) => {
            diagnostics.push(Diagnostic {
                severity: Severity::Error,
                location: Location::Partnership { partnership: index },
                context: p.name.clone(),
                field: String::new(),
                message: "its totals are too large to compute; it is shown as zero".into(),
            });
            let flows = Flows::zero(n);
            let measures = Measures::from_flows(&flows, discount.factors, discount.sroi)
                .map(|(m, _)| m)
                .unwrap_or_else(|_| Measures::zero());
            let result = PartnershipResult {
                name: p.name.clone(),
                left_out: LeftOut {
                    lines: p.costs.len() + p.benefits.len(),
                    parts: 0,
                },
                flows,
                cumulative_net: vec![Decimal::ZERO; n],
                measures,
                cost_lines: Vec::new(),
                benefit_lines: Vec::new(),
                cost_by_partner: Vec::new(),
                cost_by_layer: Vec::new(),
                cost_by_kind: Vec::new(),
                partners: Vec::new(),
                wider_society: Decimal::ZERO,
                wider_society_by_type: ByType::default(),
                pools: Vec::new(),
                negative: false,
            };
            (result, Vec::new())
        }
    }
}

fn try_appraise_partnership(
    project: &Project,
    (index, p): (usize, &Partnership),
    discount: &Discount,
    diagnostics: &mut Vec<Diagnostic>,
) -> Checked<(PartnershipResult, PartnerFlowTable)> {
    let factors = discount.factors;
    let n = factors.len();
    let zero = vec![Decimal::ZERO; n];
    let mut flows = Flows::zero(n);
    let mut table: PartnerFlowTable = Vec::new();
    // A member that is not one of the project's partners (validate reports it) gets no
    // row: a deleted partner must not linger as a row of zeros.
    for member in p.members.iter().filter(|m| project.partner(m).is_some()) {
        partner_entry(&mut table, member, n);
    }
    let mut by_layer = vec![zero.clone(); 4];
    let mut by_kind = vec![zero.clone(); 4];
    let mut society = ByType::zero(n);
    let mut cost_lines = Vec::with_capacity(p.costs.len());
    let mut benefit_lines = Vec::with_capacity(p.benefits.len());
    let mut pools = Vec::new();
    let mut left_out = LeftOut::default();

    for (line_index, line) in p.costs.iter().enumerate() {
        let mut line_total = Series::new();
        let mut parts_left_out = Vec::new();
        let included = match flows::cost_line(project, line) {
            Ok(costed) => {
                let mut borne = costed.borne;
                left_out.parts += costed.left_out.len();
                parts_left_out = costed.left_out;
                for b in &borne {
                    add_series(
                        &mut partner_entry(&mut table, &b.partner, n).costs,
                        &b.series,
                    )?;
                }
                // Zero plus a value is that value exactly, so a line one partner bears
                // is its own total.
                line_total = match borne.pop() {
                    Some(only) if borne.is_empty() && only.series.len() == n => only.series,
                    last => {
                        let mut total = zero.clone();
                        for b in borne.iter().chain(&last) {
                            add_series(&mut total, &b.series)?;
                        }
                        total
                    }
                };
                add_series(&mut flows.costs, &line_total)?;
                add_series(&mut by_layer[layer_slot(line.detail.layer())], &line_total)?;
                add_series(&mut by_kind[kind_slot(line.detail.kind())], &line_total)?;
                true
            }
            Err(e) => {
                let context = format!("{}, cost '{}'", p.name, line.name);
                diagnostics.extend(line_left_out(
                    Location::Cost {
                        partnership: index,
                        line: line_index,
                    },
                    context,
                    e,
                ));
                left_out.lines += 1;
                false
            }
        };
        if let (CostDetail::PooledFund(fund), true) = (&line.detail, included) {
            let fund = flows::without_contributions(fund, &parts_left_out);
            // The line was computed, so its cash-price factors were too.
            let cash = flows::line_cash_factors(project, line, &parts_left_out).unwrap_or(None);
            pools.push(pool_result(&line.name, &fund, n as u32, cash.as_ref())?);
        }
        if !included {
            line_total = zero.clone();
        }
        cost_lines.push(LineValue {
            name: line.name.clone(),
            pv: present_value(&line_total, factors)?,
            by_year: line_total,
            included,
        });
    }

    for (line_index, line) in p.benefits.iter().enumerate() {
        let (series, included) = match flows::benefit_line(project, line) {
            Ok(series) => (series, true),
            Err(e) => {
                let context = format!("{}, benefit '{}'", p.name, line.name);
                diagnostics.extend(line_left_out(
                    Location::Benefit {
                        partnership: index,
                        line: line_index,
                    },
                    context,
                    e,
                ));
                left_out.lines += 1;
                (zero.clone(), false)
            }
        };
        if included {
            add_series(flows.benefits.get_mut(line.benefit_type), &series)?;
            let partner = line.partner.as_deref().filter(|s| !s.is_empty());
            match (line.benefit_type, partner) {
                (BenefitType::Fiscal, Some(partner)) => {
                    let cashable = scale_series(&series, line.cashable_share.0)?;
                    add_series(&mut flows.cashable, &cashable)?;
                    let entry = partner_entry(&mut table, partner, n);
                    add_series(&mut entry.fiscal, &series)?;
                    add_series(&mut entry.cashable, &cashable)?;
                }
                (t, Some(partner)) => {
                    partner_entry(&mut table, partner, n).add_value_received(t, &series)?
                }
                (t, None) => add_series(society.get_mut(t), &series)?,
            }
        }
        benefit_lines.push(LineValue {
            name: line.name.clone(),
            pv: present_value(&series, factors)?,
            by_year: series,
            included,
        });
    }

    sort_by_project_order(project, &mut table, |(name, _)| name);
    let (measures, cumulative_net) = Measures::from_flows(&flows, factors, discount.sroi)?;
    let partners = table
        .iter()
        .map(|(name, f)| f.position(name, factors))
        .collect::<Checked<Vec<PartnerPosition>>>()?;
    // The present value of each partner's costs is already in its position.
    let cost_by_partner = table
        .iter()
        .zip(&partners)
        .map(|((name, f), position)| Breakdown {
            label: name.clone(),
            by_year: f.costs.clone(),
            pv: position.pv_costs,
        })
        .collect();
    let society_pv = society.present_values(factors)?;
    let (cost_by_layer, cost_by_kind) = layer_and_kind_breakdowns(by_layer, by_kind, factors)?;
    let result = PartnershipResult {
        name: p.name.clone(),
        left_out,
        negative: measures.net_value < Decimal::ZERO,
        flows,
        cumulative_net,
        measures,
        cost_lines,
        benefit_lines,
        cost_by_partner,
        cost_by_layer,
        cost_by_kind,
        partners,
        wider_society: society_pv.total()?,
        wider_society_by_type: society_pv,
        pools,
    };
    Ok((result, table))
}

fn pool_result(
    name: &str,
    fund: &crate::model::PooledFund,
    horizon: u32,
    cash: Option<&Series>,
) -> Checked<PoolResult> {
    let pool = flows::pooled_fund_cost(fund, horizon, cash)?;
    let contributed: Vec<Decimal> = pool
        .contributions
        .iter()
        .map(|c| sum(c.series.iter().copied()))
        .collect::<Checked<_>>()?;
    let total_contributions = sum(contributed.iter().copied())?;
    let mut total_variance = Decimal::ZERO;
    let mut shares = Vec::new();
    for (c, amount) in pool.contributions.iter().zip(&contributed) {
        let variance = pool
            .variance
            .iter()
            .filter(|v| v.partner == c.partner)
            .map(|v| sum(v.series.iter().copied()));
        let variance_borne = variance
            .collect::<Checked<Vec<_>>>()?
            .into_iter()
            .try_fold(Decimal::ZERO, num::add)?;
        total_variance = num::add(total_variance, variance_borne)?;
        shares.push(PoolShare {
            partner: c.partner.clone(),
            contributed: *amount,
            share: num::ratio(*amount, total_contributions)?,
            variance_borne,
        });
    }
    // A host that contributes nothing can still bear the variance.
    for v in pool
        .variance
        .iter()
        .filter(|v| !pool.contributions.iter().any(|c| c.partner == v.partner))
    {
        let variance_borne = sum(v.series.iter().copied())?;
        total_variance = num::add(total_variance, variance_borne)?;
        shares.push(PoolShare {
            partner: v.partner.clone(),
            contributed: Decimal::ZERO,
            share: None,
            variance_borne,
        });
    }
    Ok(PoolResult {
        line: name.to_owned(),
        host: fund.host.clone(),
        risk_share: fund.risk_share,
        total_contributions,
        total_variance,
        shares,
    })
}

/// The portfolio's running totals, added to one partnership at a time in project order.
#[derive(Clone, Debug, PartialEq)]
struct PortfolioTotals {
    flows: Flows,
    table: PartnerFlowTable,
    by_layer: Vec<Series>,
    by_kind: Vec<Series>,
    wider_society: Decimal,
    left_out: LeftOut,
    wider_society_by_type: ByType<Decimal>,
    /// A total overflowed: the portfolio is shown as zero.
    overflow: bool,
}

impl PortfolioTotals {
    fn new(n: usize) -> Self {
        PortfolioTotals {
            flows: Flows::zero(n),
            table: Vec::new(),
            by_layer: vec![vec![Decimal::ZERO; n]; 4],
            by_kind: vec![vec![Decimal::ZERO; n]; 4],
            wider_society: Decimal::ZERO,
            left_out: LeftOut::default(),
            wider_society_by_type: ByType::default(),
            overflow: false,
        }
    }

    fn add(&mut self, result: &PartnershipResult, partners: &PartnerFlowTable) {
        self.left_out.add(result.left_out);
        if !self.overflow && self.try_add(result, partners).is_err() {
            self.overflow = true;
        }
    }

    /// Adds another block's totals.
    fn merge(&mut self, other: &PortfolioTotals) {
        self.left_out.add(other.left_out);
        if !self.overflow && (other.overflow || self.try_merge(other).is_err()) {
            self.overflow = true;
        }
    }

    fn try_merge(&mut self, other: &PortfolioTotals) -> Checked<()> {
        let n = self.flows.costs.len();
        self.flows.add(&other.flows)?;
        self.wider_society = num::add(self.wider_society, other.wider_society)?;
        self.wider_society_by_type
            .add(&other.wider_society_by_type)?;
        for (name, f) in &other.table {
            partner_entry(&mut self.table, name, n).add(f)?;
        }
        for (slot, b) in self.by_layer.iter_mut().zip(&other.by_layer) {
            add_series(slot, b)?;
        }
        for (slot, b) in self.by_kind.iter_mut().zip(&other.by_kind) {
            add_series(slot, b)?;
        }
        Ok(())
    }

    fn try_add(&mut self, result: &PartnershipResult, partners: &PartnerFlowTable) -> Checked<()> {
        let n = self.flows.costs.len();
        self.flows.add(&result.flows)?;
        self.wider_society = num::add(self.wider_society, result.wider_society)?;
        self.wider_society_by_type
            .add(&result.wider_society_by_type)?;
        for (name, f) in partners {
            partner_entry(&mut self.table, name, n).add(f)?;
        }
        for (slot, b) in self.by_layer.iter_mut().zip(&result.cost_by_layer) {
            add_series(slot, &b.by_year)?;
        }
        for (slot, b) in self.by_kind.iter_mut().zip(&result.cost_by_kind) {
            add_series(slot, &b.by_year)?;
        }
        Ok(())
    }
}

fn portfolio(
    project: &Project,
    partnerships: &[PartnershipResult],
    totals: PortfolioTotals,
    discount: &Discount,
) -> Checked<PortfolioResult> {
    let factors = discount.factors;
    if totals.overflow {
        return Err(num::Overflow);
    }
    let PortfolioTotals {
        flows,
        mut table,
        by_layer,
        by_kind,
        wider_society,
        left_out,
        wider_society_by_type,
        overflow: _,
    } = totals;
    sort_by_project_order(project, &mut table, |(name, _)| name);
    let (measures, cumulative_net) = Measures::from_flows(&flows, factors, discount.sroi)?;
    let mut ranking: Vec<usize> = (0..partnerships.len()).collect();
    ranking.sort_by(|a, b| {
        partnerships[*b]
            .measures
            .net_value
            .cmp(&partnerships[*a].measures.net_value)
    });
    let (cost_by_layer, cost_by_kind) = layer_and_kind_breakdowns(by_layer, by_kind, factors)?;
    Ok(PortfolioResult {
        flows,
        cumulative_net,
        measures,
        left_out,
        ranking,
        partners: table
            .iter()
            .map(|(name, f)| f.position(name, factors))
            .collect::<Checked<_>>()?,
        wider_society,
        wider_society_by_type,
        cost_by_layer,
        cost_by_kind,
    })
}

fn empty_portfolio(n: usize, discount: &Discount, left_out: LeftOut) -> PortfolioResult {
    let flows = Flows::zero(n);
    let measures = Measures::from_flows(&flows, discount.factors, discount.sroi)
        .map(|(m, _)| m)
        .unwrap_or_else(|_| Measures::zero());
    PortfolioResult {
        flows,
        cumulative_net: vec![Decimal::ZERO; n],
        measures,
        left_out,
        ranking: Vec::new(),
        partners: Vec::new(),
        wider_society: Decimal::ZERO,
        wider_society_by_type: ByType::default(),
        cost_by_layer: Vec::new(),
        cost_by_kind: Vec::new(),
    }
}
