//! Fair shares: each partner's net position under each way of splitting the costs, and
//! saved proposals.

use crate::appraisal::PartnershipResult;
use crate::model::{Partnership, SplitBasis};
use rust_decimal::Decimal;
use serde::Serialize;

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
