//! How sure are we, and who should pay: sensitivity, switching values, Monte Carlo,
//! fair shares and options. Pure functions over the model, like `appraise`.
//!
//! `scenario.rs` says how inputs are varied (a [`Scenario`]: groups of inputs, each times
//! a factor). This module says which single group sensitivity moves (a [`Lever`], one of
//! the scenario's groups) and measures a partnership under a scenario ([`value_of`],
//! [`net_value_with`]); `sensitivity.rs` (sensitivity and switching values), `options.rs`,
//! `shares.rs` and `monte_carlo.rs` build on it.

use super::appraise;
use super::discount::scaled_discount_factors;
use super::num::present_value;
use crate::model::{BenefitDetail, CostKind, Optimism, Partnership, Project};
use rust_decimal::Decimal;
use serde::Serialize;

mod monte_carlo;
mod options;
mod scenario;
mod sensitivity;
mod shares;

pub use monte_carlo::{Bin, MAX_DRAWS, NOTHING_TO_SIMULATE, PartnerChance, Simulation, simulate};
pub use options::{CURRENT_ARRANGEMENT, OptionResult, option_switching_values, options};
pub use scenario::{Adjustment, Group, Scenario};
pub use sensitivity::{
    Analysed, SensitivityRow, Switching, SwitchingValue, analysed, every_partnership, sensitivity,
    switching_values,
};
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
        significance: Default::default(),
        baseline: None,
        priorities: Vec::new(),
    }
}

/// An input group that sensitivity analysis moves: one of a scenario's [`Group`]s.
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

    /// The scenario's group this lever moves.
    pub fn group(&self) -> Group {
        match self {
            Lever::Costs(kind) => Group::Costs(*kind),
            Lever::Benefit { line, .. } => Group::Benefit(*line),
            Lever::DiscountRate => Group::DiscountRates,
            Lever::OptimismBias => Group::OptimismBias,
            Lever::Deadweight => Group::Deadweight,
            Lever::SuccessRates => Group::SuccessRates,
        }
    }

    /// The scenario with this lever at `factor` and every other input as entered.
    pub fn at(&self, factor: Decimal) -> Scenario {
        Scenario::one(self.group(), factor)
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
    value_of(project, partnership, &lever.at(factor), Basis::NetValue)
}

/// Net value, or net budget impact, of `partnership` (in `project`'s context, without its
/// options) under `scenario`: its lines varied by [`Scenario::apply_to`], and, when the
/// scenario moves the discount rates, its flows discounted again at the scaled rates.
pub fn value_of(
    project: &Project,
    partnership: &Partnership,
    scenario: &Scenario,
    basis: Basis,
) -> Decimal {
    let mut p = partnership.clone();
    p.options.clear();
    let mut sub = sub_project(project, Partnership::new(""));
    scenario.apply_to(&sub, &mut p);
    sub.partnerships = vec![p];
    let result = appraise(&sub);
    let Some(r) = result.partnerships.first() else {
        return Decimal::ZERO;
    };
    let measured = match basis {
        Basis::NetValue => r.measures.net_value,
        Basis::FiscalReturn => r.measures.net_budget_impact,
    };
    if let Some(scale) = scenario.discount_scale() {
        let factors = scaled_discount_factors(&project.settings, scale);
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
