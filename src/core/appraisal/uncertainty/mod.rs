//! How sure are we, and who should pay: sensitivity, switching values, Monte Carlo,
//! fair shares and options. Pure functions over the model, like `appraise`.
//!
//! This module says what an input group (a [`Lever`]) is and how one is varied on a
//! partnership ([`net_value_with`]); `sensitivity.rs` (sensitivity and switching values),
//! `options.rs`, `shares.rs` and `monte_carlo.rs` build on it.

use super::appraise;
use super::discount::scaled_discount_factors;
use super::flows;
use super::num::present_value;
use crate::model::{
    BenefitDetail, CostDetail, CostKind, Optimism, Partnership, Profile, Project, Rate,
};
use rust_decimal::Decimal;
use serde::Serialize;

mod monte_carlo;
mod options;
mod sensitivity;
mod shares;

pub use monte_carlo::{Bin, MAX_DRAWS, NOTHING_TO_SIMULATE, PartnerChance, Simulation, simulate};
pub use options::{CURRENT_ARRANGEMENT, OptionResult, option_switching_values, options};
pub use sensitivity::{SensitivityRow, Switching, SwitchingValue, sensitivity, switching_values};
pub use shares::{Split, SplitShare, fair_shares, proposal_split, weights};

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
        deflator_source: project.deflator_source.clone(),
        confidence_grades: project.confidence_grades.clone(),
        project_types: project.project_types.clone(),
        assumptions: Vec::new(),
        report: Default::default(),
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

/// Scales a profile's amounts, up to the largest amount `validate` accepts, so that a
/// varied line is never left out of the results as too large.
fn scale_profile(profile: &mut Profile, factor: Decimal) {
    let scale = |v: &mut Decimal| {
        *v = v
            .checked_mul(factor)
            .unwrap_or(*v)
            .min(crate::model::MAX_INPUT.max(*v))
    };
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
    // Capped where `validate` caps a typed rate, so that a varied line is never left out.
    rate.0 = if cap_at_one {
        scaled.min(Decimal::ONE)
    } else {
        scaled.min(super::validate::MAX_UPLIFT.max(rate.0))
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

/// What a switching value brings to its threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Basis {
    /// Net value (net present social value) reaches zero.
    NetValue,
    /// The fiscal return reaches 1: the net budget impact (PV fiscal − PVC) reaches zero.
    FiscalReturn,
}

/// Net value of `partnership` (in `project`'s context) with `lever` at `factor`.
pub fn net_value_with(
    project: &Project,
    partnership: &Partnership,
    lever: &Lever,
    factor: Decimal,
) -> Decimal {
    value_with(project, partnership, lever, factor, Basis::NetValue)
}

/// Net value, or net budget impact, of `partnership` with `lever` at `factor`.
fn value_with(
    project: &Project,
    partnership: &Partnership,
    lever: &Lever,
    factor: Decimal,
    basis: Basis,
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
    let measured = match basis {
        Basis::NetValue => r.measures.net_value,
        Basis::FiscalReturn => r.measures.net_budget_impact,
    };
    if *lever == Lever::DiscountRate {
        let factors = scaled_discount_factors(&project.settings, factor);
        let net = match basis {
            Basis::NetValue => r.flows.net().unwrap_or_default(),
            Basis::FiscalReturn => r
                .flows
                .benefits
                .fiscal
                .iter()
                .zip(&r.flows.costs)
                .map(|(b, c)| b.saturating_sub(*c))
                .collect(),
        };
        return present_value(&net, &factors).unwrap_or(measured);
    }
    measured
}
