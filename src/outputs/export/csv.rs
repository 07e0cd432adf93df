//! Yearly flows as CSV: per partnership and per partner.
//!
//! Amounts are the engine's full-precision values rounded to pence, half away from
//! zero (`format::round`); discount factors to 10 places, so a spreadsheet can redo
//! the discounting to the penny. Fields are quoted by RFC 4180 (`report::csv_field`).

use super::yearly::partner_yearly;
use crate::appraisal::Appraisal;
use crate::model::Project;
use crate::report::csv_field;
use rust_decimal::Decimal;

/// Places a discount factor is written to in the CSV files.
const FACTOR_PLACES: u32 = 10;

use crate::format::fixed;

fn pence(value: Decimal) -> String {
    fixed(value, 2)
}

/// partnership, year, year_index, discount_factor, costs, fiscal, economic, social, net, discounted_net
pub fn flows_by_partnership(project: &Project, appraisal: &Appraisal) -> String {
    let mut out = String::from(
        "partnership,year,year_index,discount_factor,costs,fiscal,economic,social,net,discounted_net\n",
    );
    for (p, r) in project.partnerships.iter().zip(&appraisal.partnerships) {
        let f = &r.flows;
        let net = f.net().unwrap_or_default();
        let name = csv_field(&p.name);
        for (t, year) in appraisal.years.iter().enumerate() {
            let at = |s: &[Decimal]| s.get(t).copied().unwrap_or_default();
            let factor = appraisal
                .discount_factors
                .get(t)
                .copied()
                .unwrap_or(Decimal::ONE);
            let n = at(&net);
            let discounted = n.checked_mul(factor).unwrap_or_default();
            out.push_str(&format!(
                "{name},{year},{t},{},{},{},{},{},{},{}\n",
                fixed(factor, FACTOR_PLACES),
                pence(at(&f.costs)),
                pence(at(&f.benefits.fiscal)),
                pence(at(&f.benefits.economic)),
                pence(at(&f.benefits.social)),
                pence(n),
                pence(discounted),
            ));
        }
    }
    out
}

/// partnership, partner, year, costs, fiscal, cashable, economic_and_social
pub fn flows_by_partner(project: &Project, appraisal: &Appraisal) -> String {
    let mut out =
        String::from("partnership,partner,year,costs,fiscal,cashable,economic_and_social\n");
    let n = appraisal.years.len();
    for (index, (p, r)) in project
        .partnerships
        .iter()
        .zip(&appraisal.partnerships)
        .enumerate()
    {
        let name = csv_field(&p.name);
        for row in partner_yearly(project, index, r, n) {
            let partner = csv_field(&row.partner);
            for (t, year) in appraisal.years.iter().enumerate() {
                let at = |s: &[Decimal]| pence(s.get(t).copied().unwrap_or_default());
                out.push_str(&format!(
                    "{name},{partner},{year},{},{},{},{}\n",
                    at(&row.costs),
                    at(&row.fiscal),
                    at(&row.cashable),
                    at(&row.economic_and_social),
                ));
            }
        }
    }
    out
}
