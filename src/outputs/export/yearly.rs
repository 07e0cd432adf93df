//! Each partner's yearly flows in a partnership, for the exports.
//!
//! The appraisal reports each partner's present values; the exports also show the
//! yearly flows behind them, so a spreadsheet can recompute the present values. They
//! are rebuilt here from the appraisal's own per-line results, with the same checked
//! operations in the same order as the engine, so they agree with it exactly.

use crate::appraisal::PartnershipResult;
use crate::appraisal::flows::Series;
use crate::appraisal::num::{Checked, add_series, scale_series};
use crate::model::{BenefitType, Project};
use rust_decimal::Decimal;

/// The row for benefits that accrue to no partner (economic and social benefits, and
/// any fiscal benefit that names no partner).
pub const WIDER_SOCIETY: &str = "Wider society (not a partner)";

/// One partner's yearly flows in one partnership, after optimism bias, undiscounted.
#[derive(Clone, Debug, PartialEq)]
pub struct PartnerYearly {
    pub partner: String,
    /// Costs the partner bears.
    pub costs: Series,
    /// Fiscal benefits to its budget.
    pub fiscal: Series,
    /// The cashable part of `fiscal`.
    pub cashable: Series,
    /// Economic and social benefits attributed to it.
    pub economic_and_social: Series,
    /// This is the wider-society row, not a partner.
    pub society: bool,
}

impl PartnerYearly {
    fn zero(partner: &str, n: usize, society: bool) -> Self {
        let z = vec![Decimal::ZERO; n];
        PartnerYearly {
            partner: partner.to_owned(),
            costs: z.clone(),
            fiscal: z.clone(),
            cashable: z.clone(),
            economic_and_social: z,
            society,
        }
    }

    /// True when every flow is zero.
    pub fn is_zero(&self) -> bool {
        [
            &self.costs,
            &self.fiscal,
            &self.cashable,
            &self.economic_and_social,
        ]
        .iter()
        .all(|s| s.iter().all(Decimal::is_zero))
    }
}

/// The yearly flows of each partner in partnership `index`, in the appraisal's partner
/// order, followed by the wider-society row when anything accrues to it. Empty when
/// the partnership's totals could not be computed (the engine then shows it as zero).
pub fn partner_yearly(
    project: &Project,
    index: usize,
    result: &PartnershipResult,
    years: usize,
) -> Vec<PartnerYearly> {
    rebuild(project, index, result, years).unwrap_or_default()
}

fn rebuild(
    project: &Project,
    index: usize,
    result: &PartnershipResult,
    n: usize,
) -> Checked<Vec<PartnerYearly>> {
    let mut rows: Vec<PartnerYearly> = result
        .partners
        .iter()
        .map(|p| PartnerYearly::zero(&p.partner, n, false))
        .collect();
    let mut society = PartnerYearly::zero(WIDER_SOCIETY, n, true);
    for b in &result.cost_by_partner {
        let row = entry(&mut rows, &b.label, n);
        add_series(&mut row.costs, &b.by_year)?;
    }
    let Some(partnership) = project.partnerships.get(index) else {
        return Ok(rows);
    };
    for (line, value) in partnership.benefits.iter().zip(&result.benefit_lines) {
        if !value.included {
            continue;
        }
        let partner = line.partner.as_deref().filter(|s| !s.is_empty());
        match (line.benefit_type, partner) {
            (BenefitType::Fiscal, Some(partner)) => {
                let cashable = scale_series(&value.by_year, line.cashable_share.0)?;
                let row = entry(&mut rows, partner, n);
                add_series(&mut row.fiscal, &value.by_year)?;
                add_series(&mut row.cashable, &cashable)?;
            }
            (BenefitType::Fiscal, None) => add_series(&mut society.fiscal, &value.by_year)?,
            (_, Some(partner)) => add_series(
                &mut entry(&mut rows, partner, n).economic_and_social,
                &value.by_year,
            )?,
            (_, None) => add_series(&mut society.economic_and_social, &value.by_year)?,
        }
    }
    if !society.is_zero() {
        rows.push(society);
    }
    Ok(rows)
}

fn entry<'a>(rows: &'a mut Vec<PartnerYearly>, partner: &str, n: usize) -> &'a mut PartnerYearly {
    let position = match rows.iter().position(|r| r.partner == partner && !r.society) {
        Some(i) => i,
        None => {
            rows.push(PartnerYearly::zero(partner, n, false));
            rows.len() - 1
        }
    };
    &mut rows[position]
}
