//! `appraise --format csv`: one row per partnership, per partner and for wider
//! society, plus the portfolio, at reporting precision.

use super::json::payback_years;
use crate::appraisal::{
    AllCompleteness, Appraisal, ByType, Completeness, Diagnostic, Measures, PartnerPosition,
    Payback,
};
use crate::export::WIDER_SOCIETY;
use crate::format::round;
use crate::model::Project;
use rust_decimal::Decimal;

/// Quotes a CSV field where it needs it (RFC 4180).
/// Text that a spreadsheet would run as a formula (= + - @, or a leading tab or
/// carriage return) is prefixed with an apostrophe so it stays text.
pub fn csv_field(text: &str) -> String {
    let safe = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if safe.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", safe.replace('"', "\"\""))
    } else {
        safe
    }
}

/// One row per partnership, per partner in it and for wider society, plus the
/// portfolio, at reporting precision. A partnership's partner rows and its wider
/// society row add up to its own row (costs, benefits by type, net value). The last
/// column says whether the row's figures are complete.
pub fn csv(project: &Project, appraisal: &Appraisal, problems: &[Diagnostic]) -> String {
    let mut out = String::from(
        "partnership,partner,pv_costs,pv_fiscal,pv_economic,pv_social,pv_benefits,net_value,net_budget_impact,bcr,fiscal_roi,payback_years,fiscal_payback_years,sroi_ratio,completeness\n",
    );
    let completeness = |c: Completeness| {
        csv_field(
            &c.summary()
                .map_or_else(|| "complete".to_owned(), |s| format!("incomplete: {s}")),
        )
    };
    let all = AllCompleteness::new(appraisal, problems);
    let marks: Vec<String> = all.partnerships.iter().map(|c| completeness(*c)).collect();
    let portfolio_mark = completeness(all.portfolio);
    let mut partner_rows = String::new();
    for ((p, r), mark) in project
        .partnerships
        .iter()
        .zip(&appraisal.partnerships)
        .zip(&marks)
    {
        out.push_str(&csv_measures_row(&p.name, &r.measures, mark));
        partner_rows.push_str(&csv_partner_rows(
            (&p.name, mark),
            &r.partners,
            r.wider_society,
            &r.wider_society_by_type,
        ));
    }
    let pf = &appraisal.portfolio;
    out.push_str(&csv_measures_row(
        "Portfolio",
        &pf.measures,
        &portfolio_mark,
    ));
    partner_rows.push_str(&csv_partner_rows(
        ("Portfolio", &portfolio_mark),
        &pf.partners,
        pf.wider_society,
        &pf.wider_society_by_type,
    ));
    out.push_str(&partner_rows);
    out
}

fn csv_money(v: Decimal) -> String {
    round(v, 2).to_string()
}

fn csv_ratio(o: Option<Decimal>) -> String {
    o.map(|v| round(v, 4).to_string()).unwrap_or_default()
}

fn csv_measures_row(name: &str, x: &Measures, mark: &str) -> String {
    let years = |p: Payback| payback_years(p).map(|y| y.to_string()).unwrap_or_default();
    format!(
        "{},,{},{},{},{},{},{},{},{},{},{},{},{},{mark}\n",
        csv_field(name),
        csv_money(x.pvc),
        csv_money(x.pvb.fiscal),
        csv_money(x.pvb.economic),
        csv_money(x.pvb.social),
        csv_money(x.pvb_total),
        csv_money(x.net_value),
        csv_money(x.net_budget_impact),
        csv_ratio(x.bcr),
        csv_ratio(x.fiscal_roi),
        years(x.payback),
        years(x.fiscal_payback),
        csv_ratio(x.sroi_ratio),
    )
}

/// Each partner's row, then wider society's: its benefits, no costs, and no budget.
fn csv_partner_rows(
    (name, mark): (&str, &str),
    partners: &[PartnerPosition],
    society: Decimal,
    society_by_type: &ByType<Decimal>,
) -> String {
    let name = csv_field(name);
    let mut out = String::new();
    for pos in partners {
        out.push_str(&format!(
            "{name},{},{},{},{},{},{},{},{},,{},,,,{mark}\n",
            csv_field(&pos.partner),
            csv_money(pos.pv_costs),
            csv_money(pos.pv_fiscal),
            csv_money(pos.pv_economic),
            csv_money(pos.pv_social),
            csv_money(pos.pv_benefits()),
            csv_money(pos.net_value),
            csv_money(pos.net_budget),
            csv_ratio(pos.fiscal_roi),
        ));
    }
    out.push_str(&format!(
        "{name},{WIDER_SOCIETY},0.00,{},{},{},{},{},,,,,,,{mark}\n",
        csv_money(society_by_type.fiscal),
        csv_money(society_by_type.economic),
        csv_money(society_by_type.social),
        csv_money(society),
        csv_money(society),
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_fields_are_quoted_and_never_run_as_formulas() {
        assert_eq!(csv_field("Council"), "Council");
        assert_eq!(csv_field("Police, fire"), "\"Police, fire\"");
        assert_eq!(csv_field("Say \"hi\""), "\"Say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("-1+2"), "'-1+2");
    }
}
