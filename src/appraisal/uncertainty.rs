//! How sure are we, and who should pay: sensitivity, switching values, Monte Carlo,
//! fair shares and options. Pure functions over the model, like `appraise`.

use super::discount::rate_for_year;
use super::flows::{self, Series};
use super::num::present_value;
use super::random::Rng;
use super::{Measures, PartnershipResult, appraise, horizon};
use crate::model::{
    AlternativeKind, BenefitDetail, BenefitType, CostDetail, CostKind, Distribution, Money,
    Optimism, Partnership, Profile, Project, Rate, SplitBasis, UnitValueSource, Year0Convention,
};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;

/// A project holding only `partnership`, with the settings, partners and libraries of `project`.
pub fn sub_project(project: &Project, partnership: Partnership) -> Project {
    Project {
        name: project.name.clone(),
        description: String::new(),
        settings: project.settings.clone(),
        partners: project.partners.clone(),
        partnerships: vec![partnership],
        unit_values: project.unit_values.clone(),
        deflators: project.deflators.clone(),
        confidence_grades: project.confidence_grades.clone(),
        assumptions: Vec::new(),
    }
}

/// An input group that sensitivity analysis moves.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Lever {
    /// Every cost line of one kind (staff time, meetings, pooled fund contributions, other).
    Costs(CostKind),
    /// One benefit line, by position.
    Benefit { line: usize, name: String },
    /// Every year's discount rate.
    DiscountRate,
    /// Every line's optimism bias (cost uplifts and benefit reductions).
    OptimismBias,
    /// Every outcome chain's deadweight.
    Deadweight,
    /// Every outcome chain's success rate.
    SuccessRates,
}

impl Lever {
    pub fn label(&self) -> String {
        match self {
            Lever::Costs(CostKind::PooledFunds) => "Pooled fund contributions".into(),
            Lever::Costs(kind) => kind.label().into(),
            Lever::Benefit { name, .. } => format!("Benefit: {name}"),
            Lever::DiscountRate => "Discount rates".into(),
            Lever::OptimismBias => "Optimism bias".into(),
            Lever::Deadweight => "Deadweight".into(),
            Lever::SuccessRates => "Success rates".into(),
        }
    }

    /// Net value moves in proportion to this lever's factor.
    fn is_linear(&self) -> bool {
        matches!(self, Lever::Costs(_) | Lever::Benefit { .. })
    }
}

fn chains(p: &Partnership) -> impl Iterator<Item = &crate::model::OutcomeChain> {
    p.benefits.iter().filter_map(|b| match &b.detail {
        BenefitDetail::Outcome(c) => Some(c),
        BenefitDetail::Direct(_) => None,
    })
}

/// The levers that can move this partnership's net value.
pub fn levers(p: &Partnership) -> Vec<Lever> {
    let mut out: Vec<Lever> = CostKind::ALL
        .into_iter()
        .filter(|k| p.costs.iter().any(|c| c.detail.kind() == *k))
        .map(Lever::Costs)
        .collect();
    out.extend(
        p.benefits
            .iter()
            .enumerate()
            .map(|(line, b)| Lever::Benefit {
                line,
                name: b.name.clone(),
            }),
    );
    out.push(Lever::DiscountRate);
    let biased = |o: &Optimism| !matches!(o, Optimism::Direct(r) if r.0.is_zero());
    if p.costs.iter().any(|c| biased(&c.optimism)) || p.benefits.iter().any(|b| biased(&b.optimism))
    {
        out.push(Lever::OptimismBias);
    }
    if chains(p).any(|c| !c.deadweight.0.is_zero()) {
        out.push(Lever::Deadweight);
    }
    if chains(p).next().is_some() {
        out.push(Lever::SuccessRates);
    }
    out
}

fn scale_profile(profile: &mut Profile, factor: Decimal) {
    let scale = |v: &mut Decimal| *v = v.checked_mul(factor).unwrap_or(*v);
    match profile {
        Profile::Constant { value, .. } => scale(value),
        Profile::PerYear(values) => values.iter_mut().for_each(scale),
    }
}

fn scale_rate(rate: &mut Rate, factor: Decimal, cap_at_one: bool) {
    let scaled = rate
        .0
        .checked_mul(factor)
        .unwrap_or(rate.0)
        .max(Decimal::ZERO);
    rate.0 = if cap_at_one {
        scaled.min(Decimal::ONE)
    } else {
        scaled
    };
}

/// Applies `factor` (1 is as entered) to a lever of the partnership's own lines.
/// The discount rate is not a line: it is applied by [`net_value_with`].
fn apply(project: &mut Project, p: &mut Partnership, lever: &Lever, factor: Decimal) {
    match lever {
        Lever::Costs(kind) => {
            for line in p.costs.iter_mut().filter(|c| c.detail.kind() == *kind) {
                match &mut line.detail {
                    CostDetail::StaffTime(s) => scale_profile(&mut s.hours, factor),
                    CostDetail::Meeting(m) => scale_profile(&mut m.meetings, factor),
                    CostDetail::PooledFund(f) => {
                        for c in &mut f.contributions {
                            scale_profile(&mut c.amounts, factor);
                            if let Some(o) = &mut c.forecast_outturn {
                                scale_profile(o, factor);
                            }
                        }
                    }
                    CostDetail::Other(o) => scale_profile(&mut o.amounts, factor),
                }
            }
        }
        Lever::Benefit { line, .. } => {
            if let Some(b) = p.benefits.get_mut(*line) {
                match &mut b.detail {
                    BenefitDetail::Direct(profile) => scale_profile(profile, factor),
                    BenefitDetail::Outcome(chain) => scale_profile(&mut chain.cohort, factor),
                }
            }
        }
        Lever::DiscountRate => {}
        Lever::OptimismBias => {
            for line in &mut p.costs {
                let uplift = flows::cost_uplift(project, &line.optimism).unwrap_or(Decimal::ZERO);
                let mut rate = Rate(uplift);
                scale_rate(&mut rate, factor, false);
                line.optimism = Optimism::Direct(rate);
            }
            for line in &mut p.benefits {
                let reduction =
                    flows::benefit_reduction(project, &line.optimism).unwrap_or(Decimal::ZERO);
                let mut rate = Rate(reduction);
                scale_rate(&mut rate, factor, true);
                line.optimism = Optimism::Direct(rate);
            }
        }
        Lever::Deadweight | Lever::SuccessRates => {
            for b in &mut p.benefits {
                if let BenefitDetail::Outcome(chain) = &mut b.detail {
                    let rate = if *lever == Lever::Deadweight {
                        &mut chain.deadweight
                    } else {
                        &mut chain.success_rate
                    };
                    scale_rate(rate, factor, true);
                }
            }
        }
    }
    let _ = project;
}

/// Discount factors with every year's rate multiplied by `scale`.
fn scaled_factors(project: &Project, scale: Decimal) -> Series {
    let settings = &project.settings;
    let n = horizon(settings);
    let extra = u32::from(settings.year0 == Year0Convention::DiscountFirstYear);
    let mut factors = Vec::with_capacity(n as usize);
    let mut df = Decimal::ONE;
    for t in 0..n + extra {
        if t > 0 {
            let rate = rate_for_year(settings.discount, t)
                .checked_mul(scale)
                .unwrap_or(Decimal::ZERO);
            df = Decimal::ONE
                .checked_add(rate)
                .and_then(|d| df.checked_div(d))
                .unwrap_or(df);
        }
        if t >= extra {
            factors.push(df);
        }
    }
    factors
}

/// Net value of `partnership` (in `project`'s context) with `lever` at `factor`.
pub fn net_value_with(
    project: &Project,
    partnership: &Partnership,
    lever: &Lever,
    factor: Decimal,
) -> Decimal {
    let mut p = partnership.clone();
    p.options.clear();
    let mut sub = sub_project(project, Partnership::new(""));
    apply(&mut sub, &mut p, lever, factor);
    sub.partnerships = vec![p];
    let result = appraise(&sub);
    let Some(r) = result.partnerships.first() else {
        return Decimal::ZERO;
    };
    if *lever == Lever::DiscountRate {
        let factors = scaled_factors(project, factor);
        let net = r.flows.net().unwrap_or_default();
        return present_value(&net, &factors).unwrap_or(r.measures.net_value);
    }
    r.measures.net_value
}

/// One row of the sensitivity table: net value with the input moved down and up.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SensitivityRow {
    pub lever: Lever,
    pub label: String,
    /// Net value with the input lowered by the chosen percentage.
    pub low: Decimal,
    /// Net value with the input raised by the chosen percentage.
    pub high: Decimal,
    /// high − low.
    pub change: Decimal,
}

/// Net value with each input moved by ±`percent` (0.1 is 10%), largest swing first.
pub fn sensitivity(project: &Project, index: usize, percent: Decimal) -> Vec<SensitivityRow> {
    let Some(p) = project.partnerships.get(index) else {
        return Vec::new();
    };
    let mut rows: Vec<SensitivityRow> = levers(p)
        .into_iter()
        .map(|lever| {
            let low = net_value_with(project, p, &lever, Decimal::ONE.saturating_sub(percent));
            let high = net_value_with(project, p, &lever, Decimal::ONE.saturating_add(percent));
            SensitivityRow {
                label: lever.label(),
                lever,
                low,
                high,
                change: high.saturating_sub(low),
            }
        })
        .collect();
    rows.sort_by(|a, b| b.change.abs().cmp(&a.change.abs()));
    rows
}

/// The factor on an input at which a quantity reaches zero.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SwitchingValue {
    pub lever: Lever,
    pub label: String,
    /// The multiplier on the input (1 is as entered); `None` when no value from 0 to 20 times does it.
    pub factor: Option<Decimal>,
}

impl SwitchingValue {
    /// The change from the input as entered: factor − 1 (−0.25 is "25% lower").
    pub fn change(&self) -> Option<Decimal> {
        self.factor.map(|f| f.saturating_sub(Decimal::ONE))
    }
}

const SEARCH_MAX: i64 = 20;

/// Finds f in [0, 20] with g(f) = 0, nearest to 1, by a grid scan then bisection.
fn find_root(g: impl Fn(Decimal) -> Decimal) -> Option<Decimal> {
    let step = Decimal::new(25, 2);
    let grid: Vec<Decimal> = (0..=SEARCH_MAX * 4)
        .map(|i| Decimal::from(i) * step)
        .collect();
    let values: Vec<Decimal> = grid.iter().map(|f| g(*f)).collect();
    let mut brackets: Vec<(Decimal, Decimal, Decimal, Decimal)> = Vec::new();
    for i in 0..grid.len() - 1 {
        if values[i].is_zero() {
            return Some(grid[i]);
        }
        if values[i].is_sign_negative() != values[i + 1].is_sign_negative() {
            brackets.push((grid[i], grid[i + 1], values[i], values[i + 1]));
        }
    }
    let (mut lo, mut hi, mut g_lo, _) = brackets
        .into_iter()
        .min_by_key(|(a, b, _, _)| ((*a + *b) / Decimal::TWO - Decimal::ONE).abs())?;
    for _ in 0..60 {
        let mid = (lo + hi) / Decimal::TWO;
        let g_mid = g(mid);
        if g_mid.is_zero() {
            return Some(mid);
        }
        if g_mid.is_sign_negative() == g_lo.is_sign_negative() {
            lo = mid;
            g_lo = g_mid;
        } else {
            hi = mid;
        }
    }
    Some((lo + hi) / Decimal::TWO)
}

/// For each input, the multiplier at which the partnership's net value reaches zero.
pub fn switching_values(project: &Project, index: usize) -> Vec<SwitchingValue> {
    let Some(p) = project.partnerships.get(index) else {
        return Vec::new();
    };
    levers(p)
        .into_iter()
        .map(|lever| {
            let at = |f: Decimal| net_value_with(project, p, &lever, f);
            let factor = if lever.is_linear() {
                // Net value is a + b·f: solve exactly.
                let (a, one) = (at(Decimal::ZERO), at(Decimal::ONE));
                let b = one.saturating_sub(a);
                (-a).checked_div(b).filter(|f| *f >= Decimal::ZERO)
            } else {
                find_root(at)
            };
            SwitchingValue {
                label: lever.label(),
                lever,
                factor,
            }
        })
        .collect()
}

/// One option's results, side by side with the others.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OptionResult {
    pub name: String,
    /// `None` for the current arrangement.
    pub kind: Option<AlternativeKind>,
    pub measures: Measures,
    pub preferred: bool,
}

/// The current arrangement's label in option lists.
pub const CURRENT_ARRANGEMENT: &str = "Current arrangement";

/// The partnership as each of its options: the current arrangement first.
fn option_partnerships(p: &Partnership) -> Vec<(String, Option<AlternativeKind>, Partnership)> {
    let mut base = p.clone();
    base.options.clear();
    let mut out = vec![(CURRENT_ARRANGEMENT.to_owned(), None, base.clone())];
    for o in &p.options {
        let mut alt = base.clone();
        alt.costs = o.costs.clone();
        alt.benefits = o.benefits.clone();
        out.push((o.name.clone(), Some(o.kind), alt));
    }
    out
}

/// The index of the preferred option: the one named, else the highest net value.
fn preferred(p: &Partnership, values: &[Decimal]) -> usize {
    let named = p.preferred_option.as_deref().and_then(|name| {
        if name == CURRENT_ARRANGEMENT {
            Some(0)
        } else {
            p.options.iter().position(|o| o.name == name).map(|i| i + 1)
        }
    });
    named.unwrap_or_else(|| {
        values
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0)))
            .map_or(0, |(i, _)| i)
    })
}

/// Every option's results, the current arrangement first, the preferred one marked.
pub fn options(project: &Project, index: usize) -> Vec<OptionResult> {
    let Some(p) = project.partnerships.get(index) else {
        return Vec::new();
    };
    let mut results: Vec<OptionResult> = option_partnerships(p)
        .into_iter()
        .filter_map(|(name, kind, alt)| {
            let r = appraise(&sub_project(project, alt));
            r.partnerships.into_iter().next().map(|r| OptionResult {
                name,
                kind,
                measures: r.measures,
                preferred: false,
            })
        })
        .collect();
    let values: Vec<Decimal> = results.iter().map(|r| r.measures.net_value).collect();
    let best = preferred(p, &values);
    if let Some(r) = results.get_mut(best) {
        r.preferred = true;
    }
    results
}

/// For each input, the multiplier at which the preferred option stops being the best
/// (its net value meets the next best option's). Empty without options.
pub fn option_switching_values(project: &Project, index: usize) -> Vec<SwitchingValue> {
    let Some(p) = project.partnerships.get(index) else {
        return Vec::new();
    };
    if p.options.is_empty() {
        return Vec::new();
    }
    let alts = option_partnerships(p);
    let base: Vec<Decimal> = alts
        .iter()
        .map(|(_, _, a)| net_value_with(project, a, &Lever::DiscountRate, Decimal::ONE))
        .collect();
    let best = preferred(p, &base);
    let runner_up = (0..alts.len())
        .filter(|i| *i != best)
        .max_by(|a, b| base[*a].cmp(&base[*b]))
        .unwrap_or(best);
    levers(p)
        .into_iter()
        .map(|lever| {
            let gap =
                |f: Decimal| {
                    net_value_with(project, &alts[best].2, &lever, f)
                        .saturating_sub(net_value_with(project, &alts[runner_up].2, &lever, f))
                };
            SwitchingValue {
                label: lever.label(),
                factor: find_root(gap),
                lever,
            }
        })
        .collect()
}

/// A partner's position under one way of splitting the partnership's costs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SplitShare {
    pub partner: String,
    /// Share of the partnership's costs, as a fraction.
    pub share: Decimal,
    /// Present value of the costs it would bear.
    pub cost: Decimal,
    /// Present value of the fiscal benefits it receives.
    pub fiscal: Decimal,
    /// fiscal − cost.
    pub net: Decimal,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Split {
    pub basis: SplitBasis,
    /// `None` when the basis cannot split anything (no fiscal benefits to divide by, say).
    pub shares: Option<Vec<SplitShare>>,
}

impl Split {
    /// Partners whose fiscal benefits fall short of their share of the costs.
    pub fn losers(&self) -> Vec<&str> {
        self.shares
            .iter()
            .flatten()
            .filter(|s| s.net < Decimal::ZERO)
            .map(|s| s.partner.as_str())
            .collect()
    }
}

/// Splits the partnership's present value of costs by `weights` (any scale).
fn split_by(result: &PartnershipResult, weights: &[(String, Decimal)]) -> Option<Vec<SplitShare>> {
    let total: Decimal = weights
        .iter()
        .map(|(_, w)| *w)
        .fold(Decimal::ZERO, Decimal::saturating_add);
    if total <= Decimal::ZERO {
        return None;
    }
    let pvc = result.measures.pvc;
    Some(
        weights
            .iter()
            .map(|(partner, w)| {
                let share = w.checked_div(total).unwrap_or(Decimal::ZERO);
                let cost = pvc.checked_mul(share).unwrap_or(Decimal::ZERO);
                let fiscal = result
                    .partners
                    .iter()
                    .find(|p| &p.partner == partner)
                    .map_or(Decimal::ZERO, |p| p.pv_fiscal);
                SplitShare {
                    partner: partner.clone(),
                    share,
                    cost,
                    fiscal,
                    net: fiscal.saturating_sub(cost),
                }
            })
            .collect(),
    )
}

/// Each partner's net position under each basis for splitting the costs: as now,
/// pro rata to fiscal benefits, pro rata to cashable benefits, equal shares.
pub fn fair_shares(partnership: &Partnership, result: &PartnershipResult) -> Vec<Split> {
    SplitBasis::ALL
        .into_iter()
        .map(|basis| Split {
            basis,
            shares: split_by(result, &weights(partnership, result, basis)),
        })
        .collect()
}

/// What each partner's share is proportional to under `basis`.
pub fn weights(
    partnership: &Partnership,
    result: &PartnershipResult,
    basis: SplitBasis,
) -> Vec<(String, Decimal)> {
    let rows = result.partners.iter();
    match basis {
        SplitBasis::AsNow => rows.map(|p| (p.partner.clone(), p.pv_costs)).collect(),
        SplitBasis::FiscalBenefits => rows.map(|p| (p.partner.clone(), p.pv_fiscal)).collect(),
        SplitBasis::CashableBenefits => rows.map(|p| (p.partner.clone(), p.pv_cashable)).collect(),
        SplitBasis::Equal => {
            let members: Vec<String> = if partnership.members.is_empty() {
                result.partners.iter().map(|p| p.partner.clone()).collect()
            } else {
                partnership.members.clone()
            };
            members.into_iter().map(|m| (m, Decimal::ONE)).collect()
        }
    }
}

/// A saved proposal's split, evaluated against the current results.
pub fn proposal_split(
    proposal: &crate::model::Proposal,
    result: &PartnershipResult,
) -> Option<Vec<SplitShare>> {
    let weights: Vec<(String, Decimal)> = proposal
        .shares
        .iter()
        .map(|s| (s.partner.clone(), s.share.0))
        .collect();
    split_by(result, &weights)
}

/// The most draws a simulation runs.
pub const MAX_DRAWS: u32 = 1_000_000;

/// The Monte Carlo results for one partnership.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Simulation {
    pub draws: u32,
    pub seed: u64,
    /// How many inputs carry a range.
    pub uncertain_inputs: usize,
    pub mean: Decimal,
    pub p10: Decimal,
    pub p50: Decimal,
    pub p90: Decimal,
    /// Share of draws in which benefits exceed costs (net value above zero).
    pub probability_positive: Decimal,
    pub partners: Vec<PartnerChance>,
    pub histogram: Vec<Bin>,
}

/// A partner's chance of coming out ahead on its budget (fiscal benefits above its costs).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PartnerChance {
    pub partner: String,
    pub mean_net_budget: Decimal,
    pub probability_positive: Decimal,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bin {
    pub low: Decimal,
    pub high: Decimal,
    pub count: u32,
}

/// What a benefit line's value is multiplied by in a draw.
#[derive(Clone, Copy)]
enum Factor {
    /// The drawn value itself (engagement, success, unit value, a line multiplier).
    Value(Distribution),
    /// One minus the drawn value (deadweight, displacement, attribution).
    Complement(Distribution),
}

/// One line's present value split by partner, with what multiplies it in a draw.
struct Term {
    /// (partner row, PV of costs, PV of fiscal benefits); row `None` is wider society.
    parts: Vec<(Option<usize>, Decimal, Decimal)>,
    /// PV to the partnership's net value: negative for costs.
    net: Decimal,
    factors: Vec<Factor>,
}

fn draw(rng: &mut Rng, d: &Distribution) -> f64 {
    match *d {
        Distribution::Triangular { low, likely, high } => {
            let (a, c, b) = (
                low.to_f64().unwrap_or(0.0),
                likely.to_f64().unwrap_or(0.0),
                high.to_f64().unwrap_or(0.0),
            );
            if b <= a {
                return c;
            }
            let u = rng.uniform();
            let fc = (c - a) / (b - a);
            if u < fc {
                a + ((b - a) * (c - a) * u).sqrt()
            } else {
                b - ((b - a) * (b - c) * (1.0 - u)).sqrt()
            }
        }
        Distribution::Normal { mean, sd } => {
            mean.to_f64().unwrap_or(0.0)
                + sd.to_f64().unwrap_or(0.0).max(0.0) * rng.standard_normal()
        }
    }
}

fn to_decimal(x: f64) -> Decimal {
    if x.is_finite() {
        Decimal::from_f64_retain(x).map_or(Decimal::ZERO, |d| d.round_dp(12))
    } else {
        Decimal::ZERO
    }
}

/// The line with every ranged chain input set to its neutral value, and the factors
/// that restore them in a draw. Present value is proportional to each of them.
fn neutral_benefit(
    project: &Project,
    line: &crate::model::BenefitLine,
) -> (crate::model::BenefitLine, Vec<Factor>) {
    let mut neutral = line.clone();
    let mut factors: Vec<Factor> = line.range.iter().map(|d| Factor::Value(*d)).collect();
    if let BenefitDetail::Outcome(chain) = &mut neutral.detail {
        let r = chain.ranges.clone();
        let mut value = |rate: &mut Rate, d: Option<Distribution>| {
            if let Some(d) = d {
                rate.0 = Decimal::ONE;
                factors.push(Factor::Value(d));
            }
        };
        value(&mut chain.engagement_rate, r.engagement_rate);
        value(&mut chain.success_rate, r.success_rate);
        let mut complement = |rate: &mut Rate, d: Option<Distribution>| {
            if let Some(d) = d {
                rate.0 = Decimal::ZERO;
                factors.push(Factor::Complement(d));
            }
        };
        complement(&mut chain.deadweight, r.deadweight);
        complement(&mut chain.displacement, r.displacement);
        complement(&mut chain.attribution, r.attribution);
        if let Some(d) = r.unit_value {
            let price_year = match &chain.unit_value {
                UnitValueSource::Typed { price_year, .. } => *price_year,
                UnitValueSource::Library(name) => project
                    .unit_value(name)
                    .map_or(project.settings.price_base_year, |u| u.price_year),
            };
            chain.unit_value = UnitValueSource::Typed {
                value: Money(Decimal::ONE),
                price_year,
            };
            factors.push(Factor::Value(d));
        }
    }
    (neutral, factors)
}

/// Runs `draws` Monte Carlo draws of the partnership's net value and each partner's
/// net budget position, with the seed given. `progress(done)` is called every 500
/// draws and stops the run (returning `None`) when it returns false.
pub fn simulate(
    project: &Project,
    index: usize,
    draws: u32,
    seed: u64,
    progress: &mut dyn FnMut(u32) -> bool,
) -> Option<Simulation> {
    let p = project.partnerships.get(index)?;
    let mut base = p.clone();
    base.options.clear();
    let sub = sub_project(project, base.clone());
    let appraisal = appraise(&sub);
    let result = appraisal.partnerships.first()?;
    let factors = &appraisal.discount_factors;
    let partners: Vec<String> = result.partners.iter().map(|x| x.partner.clone()).collect();
    let row = |name: &str| partners.iter().position(|x| x == name);

    let mut terms = Vec::new();
    let mut uncertain_inputs = 0;
    for line in &base.costs {
        let Ok(borne) = flows::cost_line(&sub, line) else {
            continue;
        };
        let mut parts = Vec::new();
        let mut net = Decimal::ZERO;
        for b in borne {
            let pv = present_value(&b.series, factors).unwrap_or(Decimal::ZERO);
            net = net.saturating_sub(pv);
            parts.push((row(&b.partner), pv, Decimal::ZERO));
        }
        uncertain_inputs += usize::from(line.range.is_some());
        terms.push(Term {
            parts,
            net,
            factors: line.range.iter().map(|d| Factor::Value(*d)).collect(),
        });
    }
    for line in &base.benefits {
        let (neutral, line_factors) = neutral_benefit(&sub, line);
        let Ok(series) = flows::benefit_line(&sub, &neutral) else {
            continue;
        };
        let pv = present_value(&series, factors).unwrap_or(Decimal::ZERO);
        let partner = line.partner.as_deref().and_then(row);
        let fiscal = if line.benefit_type == BenefitType::Fiscal && partner.is_some() {
            pv
        } else {
            Decimal::ZERO
        };
        uncertain_inputs += line_factors.len();
        terms.push(Term {
            parts: vec![(partner, Decimal::ZERO, fiscal)],
            net: pv,
            factors: line_factors,
        });
    }

    let mut rng = Rng::new(seed);
    let mut values = Vec::with_capacity(draws as usize);
    let mut partner_sums = vec![Decimal::ZERO; partners.len()];
    let mut partner_wins = vec![0u32; partners.len()];
    let mut partner_net = vec![Decimal::ZERO; partners.len()];
    for i in 0..draws {
        if i % 500 == 0 && !progress(i) {
            return None;
        }
        partner_net.iter_mut().for_each(|x| *x = Decimal::ZERO);
        let mut total = Decimal::ZERO;
        for term in &terms {
            let mut m = 1.0f64;
            for f in &term.factors {
                m *= match f {
                    Factor::Value(d) => draw(&mut rng, d).max(0.0),
                    Factor::Complement(d) => 1.0 - draw(&mut rng, d).clamp(0.0, 1.0),
                };
            }
            let m = to_decimal(m);
            total = total.saturating_add(term.net.checked_mul(m).unwrap_or(Decimal::ZERO));
            for (row, cost, fiscal) in &term.parts {
                if let Some(r) = row {
                    let delta = fiscal
                        .saturating_sub(*cost)
                        .checked_mul(m)
                        .unwrap_or(Decimal::ZERO);
                    partner_net[*r] = partner_net[*r].saturating_add(delta);
                }
            }
        }
        values.push(total);
        for (r, net) in partner_net.iter().enumerate() {
            partner_sums[r] = partner_sums[r].saturating_add(*net);
            partner_wins[r] += u32::from(*net > Decimal::ZERO);
        }
    }
    progress(draws);
    let n = Decimal::from(draws.max(1));
    let positive = values.iter().filter(|v| **v > Decimal::ZERO).count();
    let mean = values
        .iter()
        .fold(Decimal::ZERO, |a, v| a.saturating_add(*v))
        / n;
    values.sort();
    let percentile = |k: u32| -> Decimal {
        if values.is_empty() {
            return Decimal::ZERO;
        }
        // Nearest rank: the smallest value with at least k% of draws at or below it.
        let rank = (u64::from(k) * values.len() as u64).div_ceil(100).max(1) as usize;
        values[rank.min(values.len()) - 1]
    };
    Some(Simulation {
        draws,
        seed,
        uncertain_inputs,
        mean,
        p10: percentile(10),
        p50: percentile(50),
        p90: percentile(90),
        probability_positive: Decimal::from(positive) / n,
        partners: partners
            .iter()
            .enumerate()
            .map(|(r, name)| PartnerChance {
                partner: name.clone(),
                mean_net_budget: partner_sums[r] / n,
                probability_positive: Decimal::from(partner_wins[r]) / n,
            })
            .collect(),
        histogram: histogram(&values, 20),
    })
}

/// Equal-width bins from the smallest to the largest of sorted `values`.
fn histogram(values: &[Decimal], bins: u32) -> Vec<Bin> {
    let (Some(first), Some(last)) = (values.first(), values.last()) else {
        return Vec::new();
    };
    let single = || {
        vec![Bin {
            low: *first,
            high: *last,
            count: values.len() as u32,
        }]
    };
    let Some(width) = last
        .checked_sub(*first)
        .and_then(|span| span.checked_div(Decimal::from(bins)))
    else {
        return single();
    };
    if width.is_zero() {
        return single();
    }
    let edge = |i: u32| {
        width
            .checked_mul(Decimal::from(i))
            .and_then(|w| first.checked_add(w))
            .unwrap_or(*last)
    };
    let mut out: Vec<Bin> = (0..bins)
        .map(|i| Bin {
            low: edge(i),
            high: edge(i + 1),
            count: 0,
        })
        .collect();
    for v in values {
        let offset = v
            .checked_sub(*first)
            .and_then(|d| d.checked_div(width))
            .unwrap_or(Decimal::ZERO);
        let i = offset.floor().to_u32().unwrap_or(0).min(bins - 1);
        out[i as usize].count += 1;
    }
    out
}
