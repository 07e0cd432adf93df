//! Engine tests: small projects written as RON text, with the expected result worked by
//! hand beside each one (or taken from the published Green Book tables).

#[path = "../common/mod.rs"]
mod common;
mod diagnostics;
mod discounting;
mod optimism;
mod outcomes;
mod pools;
mod results;
mod staff;

use common::{PARTNERS, load, project};
use partnership_appraisal::appraisal::{self, Appraisal, PartnerPosition, PartnershipResult};
use rust_decimal::Decimal;

fn appraise(text: &str) -> Appraisal {
    appraisal::appraise(&load(text))
}

fn partner<'a>(rows: &'a [PartnerPosition], name: &str) -> &'a PartnerPosition {
    rows.iter()
        .find(|p| p.partner == name)
        .unwrap_or_else(|| panic!("no row for partner {name} in {rows:#?}"))
}

fn cost_of(result: &PartnershipResult, name: &str) -> Decimal {
    result
        .cost_by_partner
        .iter()
        .find(|b| b.label == name)
        .map(|b| b.pv)
        .unwrap_or_else(|| panic!("no cost row for {name}: {:#?}", result.cost_by_partner))
}

fn no_errors(a: &Appraisal) {
    assert!(
        a.diagnostics.is_empty(),
        "unexpected diagnostics: {:#?}",
        a.diagnostics
    );
}

/// An "other" cost line borne by `partner`: amounts by year from year index 0.
fn other_cost(name: &str, partner: &str, amounts: &str, optimism: &str) -> String {
    format!(
        r#"(name: "{name}", cost_type: Revenue, optimism: {optimism},
            detail: Other((category: SupportTeam, partner: "{partner}", amounts: PerYear([{amounts}]))))"#
    )
}

/// A direct benefit line: amounts by year from year index 0.
fn direct_benefit(name: &str, kind: &str, partner: &str, amounts: &str) -> String {
    format!(
        r#"(name: "{name}", benefit_type: {kind}, partner: {partner}, optimism: Direct("0"),
            detail: Direct(PerYear([{amounts}])))"#
    )
}

fn partnership(name: &str, costs: &[String], benefits: &[String]) -> String {
    format!(
        r#"(name: "{name}", status: Active, funding: AlignedBudget,
            costs: [{}], benefits: [{}])"#,
        costs.join(",\n"),
        benefits.join(",\n")
    )
}

fn one_partnership(settings: &str, costs: &[String], benefits: &[String]) -> String {
    project(
        settings,
        &format!(
            "{PARTNERS}\npartnerships: [{}],",
            partnership("Joint working", costs, benefits)
        ),
    )
}
