//! What an appraisal reports: flows, present values, ratios and who pays and who benefits.

use super::flows::Series;
use super::num::{Checked, add, add_series, mul, present_value, ratio, series_by_year, sub};
use crate::model::{BenefitType, FinancialYear, RiskShare};
use rust_decimal::Decimal;
use serde::Serialize;

/// One value for each benefit type.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ByType<T> {
    pub fiscal: T,
    pub economic: T,
    pub social: T,
}

impl<T> ByType<T> {
    pub fn get(&self, t: BenefitType) -> &T {
        match t {
            BenefitType::Fiscal => &self.fiscal,
            BenefitType::Economic => &self.economic,
            BenefitType::Social => &self.social,
        }
    }

    pub fn get_mut(&mut self, t: BenefitType) -> &mut T {
        match t {
            BenefitType::Fiscal => &mut self.fiscal,
            BenefitType::Economic => &mut self.economic,
            BenefitType::Social => &mut self.social,
        }
    }
}

/// Yearly flows in real terms after optimism bias, undiscounted.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Flows {
    pub costs: Series,
    pub benefits: ByType<Series>,
    /// The cashable part of the fiscal benefits.
    pub cashable: Series,
}

impl Flows {
    pub fn zero(years: usize) -> Self {
        let z = vec![Decimal::ZERO; years];
        Flows {
            costs: z.clone(),
            benefits: ByType {
                fiscal: z.clone(),
                economic: z.clone(),
                social: z.clone(),
            },
            cashable: z,
        }
    }

    pub fn add(&mut self, other: &Flows) -> Checked<()> {
        add_series(&mut self.costs, &other.costs)?;
        add_series(&mut self.cashable, &other.cashable)?;
        for t in BenefitType::ALL {
            add_series(self.benefits.get_mut(t), other.benefits.get(t))?;
        }
        Ok(())
    }

    /// All benefits less costs, by year.
    pub fn net(&self) -> Checked<Series> {
        series_by_year(self.costs.len(), |t| {
            let b = add(
                add(self.benefits.fiscal[t], self.benefits.economic[t])?,
                self.benefits.social[t],
            )?;
            sub(b, self.costs[t])
        })
    }
}

/// When cumulative discounted net benefit first reaches zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Payback {
    /// Years from the start of the appraisal, interpolated within the year.
    Years(Decimal),
    /// Not reached within the horizon, or net value is not positive.
    Never,
}

/// The headline results of a partnership or of the portfolio.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Measures {
    /// Present value of costs after optimism bias.
    pub pvc: Decimal,
    /// Present value of benefits by type after adjustments.
    pub pvb: ByType<Decimal>,
    pub pvb_total: Decimal,
    /// Present value of the cashable part of fiscal benefits.
    pub pvb_cashable: Decimal,
    /// Net present social value: PVB − PVC.
    pub net_value: Decimal,
    /// PVB / PVC; `None` when PVC is zero.
    pub bcr: Option<Decimal>,
    /// PVB fiscal − PVC.
    pub net_budget_impact: Decimal,
    /// PVB fiscal / PVC.
    pub fiscal_roi: Option<Decimal>,
    /// PVB cashable / PVC.
    pub fiscal_roi_cashable: Option<Decimal>,
    /// PVB (fiscal + economic + social) / PVC.
    pub public_value_roi: Option<Decimal>,
    pub payback: Payback,
    /// Payback on the fiscal case: cumulative discounted (fiscal benefits − costs), as
    /// HM Treasury's 2014 guidance for local partnerships reports it; never unless the
    /// net budget impact is positive.
    pub fiscal_payback: Payback,
    /// SROI practice: the present value of impact (all benefits), discounted from year 1.
    pub sroi_impact: Decimal,
    /// SROI practice: the value of inputs (all costs), not discounted.
    pub sroi_inputs: Decimal,
    /// The SROI ratio, `sroi_impact / sroi_inputs`: not the Green Book BCR. `None` when
    /// there are no inputs.
    pub sroi_ratio: Option<Decimal>,
}

impl Measures {
    /// Every measure nothing: what a result shows when its figures cannot be computed.
    pub fn zero() -> Measures {
        Measures {
            pvc: Decimal::ZERO,
            pvb: ByType::default(),
            pvb_total: Decimal::ZERO,
            pvb_cashable: Decimal::ZERO,
            net_value: Decimal::ZERO,
            bcr: None,
            net_budget_impact: Decimal::ZERO,
            fiscal_roi: None,
            fiscal_roi_cashable: None,
            public_value_roi: None,
            payback: Payback::Never,
            fiscal_payback: Payback::Never,
            sroi_impact: Decimal::ZERO,
            sroi_inputs: Decimal::ZERO,
            sroi_ratio: None,
        }
    }

    /// The measures of `flows`, discounted by `factors`; the SROI ratio's impact by
    /// `sroi_factors` (the schedule from year 1).
    pub fn from_flows(
        flows: &Flows,
        factors: &[Decimal],
        sroi_factors: &[Decimal],
    ) -> Checked<(Measures, Series)> {
        let pvc = present_value(&flows.costs, factors)?;
        let pvb = ByType {
            fiscal: present_value(&flows.benefits.fiscal, factors)?,
            economic: present_value(&flows.benefits.economic, factors)?,
            social: present_value(&flows.benefits.social, factors)?,
        };
        let pvb_total = add(add(pvb.fiscal, pvb.economic)?, pvb.social)?;
        let pvb_cashable = present_value(&flows.cashable, factors)?;
        let net_value = sub(pvb_total, pvc)?;
        let bcr = ratio(pvb_total, pvc)?;
        let cumulative = cumulative_discounted(&flows.net()?, factors)?;
        let payback = if net_value > Decimal::ZERO {
            payback(&cumulative)?
        } else {
            Payback::Never
        };
        let net_budget_impact = sub(pvb.fiscal, pvc)?;
        let fiscal_payback = if net_budget_impact > Decimal::ZERO {
            let fiscal_net = series_by_year(flows.costs.len(), |t| {
                sub(flows.benefits.fiscal[t], flows.costs[t])
            })?;
            self::payback(&cumulative_discounted(&fiscal_net, factors)?)?
        } else {
            Payback::Never
        };
        let all_benefits = series_by_year(flows.costs.len(), |t| {
            add(
                add(flows.benefits.fiscal[t], flows.benefits.economic[t])?,
                flows.benefits.social[t],
            )
        })?;
        let sroi_impact = present_value(&all_benefits, sroi_factors)?;
        let sroi_inputs = super::num::sum(flows.costs.iter().copied())?;
        let measures = Measures {
            pvc,
            pvb_total,
            pvb_cashable,
            net_value,
            bcr,
            net_budget_impact,
            fiscal_roi: ratio(pvb.fiscal, pvc)?,
            fiscal_roi_cashable: ratio(pvb_cashable, pvc)?,
            public_value_roi: bcr,
            pvb,
            payback,
            fiscal_payback,
            sroi_impact,
            sroi_inputs,
            sroi_ratio: ratio(sroi_impact, sroi_inputs)?,
        };
        Ok((measures, cumulative))
    }
}

/// Running total of discounted net benefit, by year.
pub fn cumulative_discounted(net: &[Decimal], factors: &[Decimal]) -> Checked<Series> {
    let mut total = Decimal::ZERO;
    series_by_year(net.len().min(factors.len()), |t| {
        total = add(total, mul(net[t], factors[t])?)?;
        Ok(total)
    })
}

/// The first year in which cumulative discounted net benefit is zero or more,
/// interpolated within that year: (Y − 1) + (−cum before) / (cum after − cum before),
/// years counted from 1. Leading years in which nothing happens are not a payback.
pub fn payback(cumulative: &[Decimal]) -> Checked<Payback> {
    let Some(first_active) = cumulative.iter().position(|c| !c.is_zero()) else {
        return Ok(Payback::Never);
    };
    for t in first_active..cumulative.len() {
        let after = cumulative[t];
        if after < Decimal::ZERO {
            continue;
        }
        let before = if t == 0 {
            Decimal::ZERO
        } else {
            cumulative[t - 1]
        };
        let within = ratio(-before, sub(after, before)?)?.unwrap_or(Decimal::ZERO);
        return Ok(Payback::Years(add(Decimal::from(t), within)?));
    }
    Ok(Payback::Never)
}

/// A series with its label and present value: one partner's, layer's or kind's costs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Breakdown {
    pub label: String,
    pub by_year: Series,
    pub pv: Decimal,
}

/// Who pays and who benefits: one partner's position in a partnership or the portfolio.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PartnerPosition {
    pub partner: String,
    /// Present value of the costs it bears.
    pub pv_costs: Decimal,
    /// Present value of the fiscal benefits to its budget.
    pub pv_fiscal: Decimal,
    pub pv_cashable: Decimal,
    /// Present value of economic and social benefits attributed to it (residents, say):
    /// `pv_economic + pv_social`. Value received, never a saving to a budget.
    pub pv_other: Decimal,
    pub pv_economic: Decimal,
    pub pv_social: Decimal,
    /// Fiscal benefits less costs: the effect on its budget.
    pub net_budget: Decimal,
    /// All benefits attributed to it less its costs.
    pub net_value: Decimal,
    /// Its own fiscal return: fiscal benefits / costs.
    pub fiscal_roi: Option<Decimal>,
}

impl PartnerPosition {
    /// Present value of all benefits attributed to it: fiscal, economic and social.
    pub fn pv_benefits(&self) -> Decimal {
        self.pv_fiscal.saturating_add(self.pv_other)
    }

    /// Present value of the fiscal benefits to its budget that cannot be taken out of it.
    pub fn pv_non_cashable(&self) -> Decimal {
        self.pv_fiscal.saturating_sub(self.pv_cashable)
    }
}

/// A partner's yearly flows within a partnership, before they are discounted.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PartnerFlows {
    pub costs: Series,
    pub fiscal: Series,
    pub cashable: Series,
    /// Economic and social benefits together.
    pub other: Series,
    pub economic: Series,
    pub social: Series,
}

impl PartnerFlows {
    pub fn zero(years: usize) -> Self {
        let z = vec![Decimal::ZERO; years];
        PartnerFlows {
            costs: z.clone(),
            fiscal: z.clone(),
            cashable: z.clone(),
            other: z.clone(),
            economic: z.clone(),
            social: z,
        }
    }

    pub fn add(&mut self, other: &PartnerFlows) -> Checked<()> {
        add_series(&mut self.costs, &other.costs)?;
        add_series(&mut self.fiscal, &other.fiscal)?;
        add_series(&mut self.cashable, &other.cashable)?;
        add_series(&mut self.other, &other.other)?;
        add_series(&mut self.economic, &other.economic)?;
        add_series(&mut self.social, &other.social)
    }

    /// Adds an economic or social benefit received (a fiscal one is not value received
    /// but a saving, and goes to `fiscal`).
    pub fn add_value_received(&mut self, t: BenefitType, series: &[Decimal]) -> Checked<()> {
        match t {
            BenefitType::Fiscal => add_series(&mut self.fiscal, series)?,
            BenefitType::Economic => add_series(&mut self.economic, series)?,
            BenefitType::Social => add_series(&mut self.social, series)?,
        }
        if t != BenefitType::Fiscal {
            add_series(&mut self.other, series)?;
        }
        Ok(())
    }

    pub fn position(&self, partner: &str, factors: &[Decimal]) -> Checked<PartnerPosition> {
        let pv_costs = present_value(&self.costs, factors)?;
        let pv_fiscal = present_value(&self.fiscal, factors)?;
        let pv_other = present_value(&self.other, factors)?;
        Ok(PartnerPosition {
            partner: partner.to_owned(),
            pv_costs,
            pv_fiscal,
            pv_cashable: present_value(&self.cashable, factors)?,
            pv_other,
            pv_economic: present_value(&self.economic, factors)?,
            pv_social: present_value(&self.social, factors)?,
            net_budget: sub(pv_fiscal, pv_costs)?,
            net_value: sub(add(pv_fiscal, pv_other)?, pv_costs)?,
            fiscal_roi: ratio(pv_fiscal, pv_costs)?,
        })
    }
}

/// The value of one cost or benefit line.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LineValue {
    pub name: String,
    pub by_year: Series,
    pub pv: Decimal,
    /// False when the line could not be computed and is left out (see the diagnostics).
    pub included: bool,
}

/// How a pooled fund is shared.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PoolResult {
    pub line: String,
    pub host: String,
    pub risk_share: RiskShare,
    /// Contributions over the horizon, real terms, undiscounted.
    pub total_contributions: Decimal,
    /// Over- (positive) or underspend (negative) over the horizon.
    pub total_variance: Decimal,
    pub shares: Vec<PoolShare>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PoolShare {
    pub partner: String,
    pub contributed: Decimal,
    /// Share of all contributions, as a fraction; `None` when nothing is contributed.
    pub share: Option<Decimal>,
    pub variance_borne: Decimal,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PartnershipResult {
    pub name: String,
    /// Lines and parts of lines left out of these figures (see the diagnostics).
    pub left_out: super::LeftOut,
    pub flows: Flows,
    pub cumulative_net: Series,
    pub measures: Measures,
    pub cost_lines: Vec<LineValue>,
    pub benefit_lines: Vec<LineValue>,
    pub cost_by_partner: Vec<Breakdown>,
    pub cost_by_layer: Vec<Breakdown>,
    pub cost_by_kind: Vec<Breakdown>,
    /// Who pays and who benefits, one row per partner.
    pub partners: Vec<PartnerPosition>,
    /// Present value of benefits attributed to no partner (economic and social, and any
    /// fiscal benefit that names no partner's budget).
    pub wider_society: Decimal,
    /// `wider_society` by benefit type.
    pub wider_society_by_type: ByType<Decimal>,
    pub pools: Vec<PoolResult>,
    /// Net value is negative: the Audit Commission advises considering scaling down.
    pub negative: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PortfolioResult {
    pub flows: Flows,
    pub cumulative_net: Series,
    pub measures: Measures,
    /// Lines and parts of lines left out of these figures, in all partnerships.
    pub left_out: super::LeftOut,
    /// Partnership indices, highest net value first.
    pub ranking: Vec<usize>,
    /// Each partner's net exposure across all partnerships.
    pub partners: Vec<PartnerPosition>,
    pub wider_society: Decimal,
    /// `wider_society` by benefit type.
    pub wider_society_by_type: ByType<Decimal>,
    pub cost_by_layer: Vec<Breakdown>,
    pub cost_by_kind: Vec<Breakdown>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Appraisal {
    /// The financial year of each year index.
    pub years: Vec<FinancialYear>,
    pub discount_factors: Series,
    /// The factors of the SROI ratio's impact: the schedule from year 1.
    #[serde(skip)]
    pub sroi_factors: Series,
    pub partnerships: Vec<PartnershipResult>,
    pub portfolio: PortfolioResult,
    /// Problems met while computing: lines left out, amounts too large.
    pub diagnostics: Vec<super::Diagnostic>,
    /// The portfolio's totals a block of partnerships at a time, for `reappraise`.
    #[serde(skip)]
    pub(super) blocks: Vec<super::Block>,
}

impl ByType<Series> {
    /// Yearly series of each type, all zero.
    pub fn zero(years: usize) -> Self {
        let z = vec![Decimal::ZERO; years];
        ByType {
            fiscal: z.clone(),
            economic: z.clone(),
            social: z,
        }
    }

    /// The present value of each type's series.
    pub fn present_values(&self, factors: &[Decimal]) -> Checked<ByType<Decimal>> {
        Ok(ByType {
            fiscal: present_value(&self.fiscal, factors)?,
            economic: present_value(&self.economic, factors)?,
            social: present_value(&self.social, factors)?,
        })
    }
}

impl ByType<Decimal> {
    /// Economic and social together: value received, not a saving to any budget.
    pub fn economic_and_social(&self) -> Decimal {
        self.economic.saturating_add(self.social)
    }

    pub fn total(&self) -> Checked<Decimal> {
        add(add(self.fiscal, self.economic)?, self.social)
    }

    pub fn add(&mut self, other: &ByType<Decimal>) -> Checked<()> {
        self.fiscal = add(self.fiscal, other.fiscal)?;
        self.economic = add(self.economic, other.economic)?;
        self.social = add(self.social, other.social)?;
        Ok(())
    }
}
