//! Yearly flows as CSV: per partnership and per partner.
//!
//! Amounts are the engine's full-precision values rounded to pence, half away from
//! zero (`format::round`); discount factors to 10 places, so a spreadsheet can redo
//! the discounting to the penny. Fields are quoted by RFC 4180 (`report::csv_field`).

use super::yearly::partner_yearly;
use crate::appraisal::Appraisal;
use crate::appraisal::objectives::IndicatorRating;
use crate::appraisal::portfolio::annual::AnnualReview;
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

/// The annual review, one row per partnership in project order: the register's
/// significance, the review cycle on the review's day, the latest decision, the
/// governance check's counts, high risks, and the appraised present values (rounded to
/// pence) with whether they are complete. Dates are ISO 8601 (YYYY-MM-DD), empty when
/// there is none.
pub fn annual_review(project: &Project, review: &AnnualReview) -> String {
    let mut out = String::from(
        "partnership,as_of,significant,why,lead_partner,accountable_body,review_state,\
         last_review,next_review,days_to_next_review,latest_decision,decision_reason,\
         open_actions,overdue_actions,objectives,objectives_off_target,governance_met,\
         governance_partly_met,\
         governance_not_met,governance_not_assessed,high_risks,pv_costs,pv_benefits,\
         net_value,costs_outweigh_benefits,figures_complete\n",
    );
    let date = |d: Option<crate::model::Date>| d.map(|d| d.to_string()).unwrap_or_default();
    for p in &review.partnerships {
        let register = project.partnerships.get(p.index).map(|s| &s.register);
        let [met, partly, not, unassessed] = p.governance_counts;
        let fields = [
            csv_field(&p.name),
            review.as_of.to_string(),
            p.significance.significant.to_string(),
            csv_field(&p.significance.reasons.join("; ")),
            csv_field(
                register
                    .and_then(|r| r.lead_partner.as_deref())
                    .unwrap_or_default(),
            ),
            csv_field(register.map_or("", |r| r.accountable_body.as_str())),
            csv_field(p.status.state.label()),
            date(p.status.last_review),
            date(p.status.next_review),
            p.status
                .days_to_next
                .map(|d| d.to_string())
                .unwrap_or_default(),
            csv_field(p.latest.as_ref().map_or("", |l| l.decision.label())),
            csv_field(p.latest.as_ref().map_or("", |l| l.reason.as_str())),
            p.status.open_actions.to_string(),
            p.status.overdue_actions.len().to_string(),
            p.objectives.len().to_string(),
            p.objectives
                .iter()
                .filter(|o| o.rating.worst == Some(IndicatorRating::OffTarget))
                .count()
                .to_string(),
            met.to_string(),
            partly.to_string(),
            not.to_string(),
            unassessed.to_string(),
            p.high_risks.len().to_string(),
            pence(p.pv_costs),
            pence(p.pv_benefits),
            pence(p.net_value),
            p.costs_outweigh_benefits().to_string(),
            p.completeness.is_complete().to_string(),
        ];
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}
