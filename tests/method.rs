//! The method beyond the Green Book core: amounts in cash prices, optimism bias by
//! project type, disbenefits, the SROI ratio, fiscal payback and switching values on both
//! bases. Each worked example says where its numbers come from; projects are written as
//! project files, and the command line is run as the built binary where it reports them.

mod common;

use common::{PARTNERS, load, pence, project, settings, undiscounted};
use partnership_appraisal::appraisal::uncertainty::{self, Basis, Lever};
use partnership_appraisal::appraisal::{self, Appraisal, Payback};
use partnership_appraisal::model::{CostKind, Project, Rate, default_project_types};
use partnership_appraisal::{export, format, report};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::str::FromStr;

const BIN: &str = env!("CARGO_BIN_EXE_partnership-appraisal");

fn appraise(p: &Project) -> Appraisal {
    appraisal::appraise(p)
}

fn errors(p: &Project) -> Vec<String> {
    appraisal::validate(p)
        .into_iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{}: {}: {}", d.context, d.field, d.message))
        .collect()
}

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn run(args: &[&str], file: &Path) -> Output {
    Command::new(BIN)
        .args(args)
        .arg(file)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn decimal(v: &Value) -> Decimal {
    Decimal::from_str(v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))).unwrap()
}

// ---------------------------------------------------------------------------------
// The SROI ratio and fiscal payback

/// shared/METHOD.md's SROI worked example (Social Value UK practice): 60 people ×
/// £8,500, deadweight 40%, attribution 30%, drop-off 30%, 2 years, inputs £250,000,
/// 3.5%. `kind` is the benefit's type and partner; `extra` more benefit lines.
fn sroi_example(year0: &str, kind: &str, extra: &str) -> String {
    project(
        &settings(10, "Standard", year0),
        &format!(
            r#"{PARTNERS}
            partnerships: [(name: "Into work", status: Active, funding: GrantOrTransfer,
                costs: [(name: "Programme", cost_type: Revenue, optimism: Direct("0"),
                    detail: Other((category: Other, partner: "Council", amounts: PerYear(["250000"]))))],
                benefits: [(name: "Jobs", {kind}, optimism: Direct("0"),
                    detail: Outcome((
                        cohort: PerYear(["60"]), engagement_rate: "1", success_rate: "1",
                        unit_value: Typed(value: "8500", price_year: 2026),
                        deadweight: "0.4", displacement: "0", attribution: "0.3",
                        lag_years: 0, duration_years: 2, drop_off: "0.3",
                    ))){extra}])],"#
        ),
    )
}

#[test]
fn the_sroi_ratio_reproduces_the_published_example_beside_the_green_book_bcr() {
    // Impact £214,200 then £149,940. SROI practice discounts from year 1:
    // 214,200 / 1.035 + 149,940 / 1.035² = £346,927.12, over inputs of £250,000
    // (not discounted) = 1.3877. The Green Book leaves year 0 undiscounted:
    // 214,200 + 149,940 / 1.035 = £359,069.57, BCR 1.4363 (shared/METHOD.md).
    let p = load(&sroi_example("GreenBook", "benefit_type: Social", ""));
    assert!(errors(&p).is_empty(), "{:?}", errors(&p));
    let a = appraise(&p);
    let m = &a.partnerships[0].measures;
    assert_eq!(pence(m.sroi_impact), dec!(346927.12));
    assert_eq!(m.sroi_inputs, dec!(250000));
    assert_eq!(format::ratio(m.sroi_ratio), "1.3877");
    assert_eq!(pence(m.pvb_total), dec!(359069.57));
    assert_eq!(format::ratio(m.bcr), "1.4363");

    // The SROI ratio does not depend on the year-0 setting: SROI practice always
    // discounts from year 1.
    let first = load(&sroi_example(
        "DiscountFirstYear",
        "benefit_type: Social",
        "",
    ));
    let f = &appraise(&first).partnerships[0].measures;
    assert_eq!(format::ratio(f.sroi_ratio), "1.3877");
    assert_eq!(pence(f.pvb_total), dec!(346927.12));

    // The command line states it in its JSON and its table, labelled as SROI practice.
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        &dir,
        "sroi.ron",
        &sroi_example("GreenBook", "benefit_type: Social", ""),
    );
    let json: Value =
        serde_json::from_str(&stdout(&run(&["appraise", "--format", "json"], &path))).unwrap();
    let measures = &json["partnerships"][0]["measures"];
    assert_eq!(decimal(&measures["sroi_ratio"]), dec!(1.3877));
    assert_eq!(decimal(&measures["sroi_impact"]), dec!(346927.12));
    assert_eq!(decimal(&measures["sroi_inputs"]), dec!(250000));
    assert_eq!(decimal(&measures["bcr"]), dec!(1.4363));
    let table = stdout(&run(&["appraise"], &path));
    assert!(table.contains("SROI ratio"), "{table}");
    assert!(
        table.contains("1.3877") && table.contains("1.4363"),
        "{table}"
    );
    assert!(table.contains("it is not the BCR"), "{table}");
}

#[test]
fn fiscal_payback_is_the_payback_formula_on_fiscal_benefits_against_costs() {
    // The same example with the impact a fiscal saving to the council. Cumulative
    // discounted (fiscal − costs): year 0 214,200 − 250,000 = −35,800; year 1 adds
    // 149,940 / 1.035 = 144,869.57, so payback = 1 + 35,800 / 144,869.57 = 1.2471 years
    // (shared/METHOD.md's payback formula; HM Treasury's 2014 guidance for local
    // partnerships reports it on the fiscal case).
    let fiscal = r#"benefit_type: Fiscal, partner: Some("Council")"#;
    let p = load(&sroi_example("GreenBook", fiscal, ""));
    let m = appraise(&p).partnerships[0].measures.clone();
    let Payback::Years(years) = m.fiscal_payback else {
        panic!("expected a fiscal payback, got {:?}", m.fiscal_payback);
    };
    assert_eq!(years.round_dp(4), dec!(1.2471));
    assert_eq!(m.payback, m.fiscal_payback);

    // £100,000 of social value in year 0 pays back the whole case at once; the fiscal
    // case still takes 1.2471 years.
    let social = r#",
        (name: "Wellbeing", benefit_type: Social, optimism: Direct("0"),
         detail: Direct(PerYear(["100000"])))"#;
    let p = load(&sroi_example("GreenBook", fiscal, social));
    let m = appraise(&p).partnerships[0].measures.clone();
    assert_eq!(format::payback(m.payback), "in the first year");
    assert_eq!(format::payback(m.fiscal_payback), "1.25 years");

    // With only social value, the fiscal case never pays back.
    let p = load(&sroi_example("GreenBook", "benefit_type: Social", ""));
    let m = &appraise(&p).partnerships[0].measures;
    assert_eq!(m.fiscal_payback, Payback::Never);
    assert!(matches!(m.payback, Payback::Years(_)));
}

// ---------------------------------------------------------------------------------
// Optimism bias by project type

fn capital(optimism: &str) -> String {
    project(
        &undiscounted(1),
        &format!(
            r#"{PARTNERS}
            partnerships: [(name: "Hub", status: Proposed, funding: PooledBudget,
                costs: [(name: "Building works", cost_type: Capital, optimism: {optimism},
                    detail: Other((category: Venue, partner: "Council", amounts: PerYear(["1000000"]))))])],"#
        ),
    )
}

#[test]
fn the_project_type_table_is_hm_treasurys() {
    // HM Treasury, Supplementary Green Book Guidance: Optimism Bias, table 1: capital
    // expenditure upper and lower bounds, and works duration where given.
    let table = default_project_types();
    let row = |name: &str| {
        let t = table.iter().find(|t| t.name == name).expect(name);
        (
            t.capital_upper.0,
            t.capital_lower.0,
            t.duration_upper.map(|r| r.0),
            t.duration_lower.map(|r| r.0),
        )
    };
    assert_eq!(
        row("Standard buildings"),
        (dec!(0.24), dec!(0.02), Some(dec!(0.04)), Some(dec!(0.01)))
    );
    assert_eq!(
        row("Non-standard buildings"),
        (dec!(0.51), dec!(0.04), Some(dec!(0.39)), Some(dec!(0.02)))
    );
    assert_eq!(
        row("Standard civil engineering"),
        (dec!(0.44), dec!(0.03), Some(dec!(0.20)), Some(dec!(0.01)))
    );
    assert_eq!(
        row("Non-standard civil engineering"),
        (dec!(0.66), dec!(0.06), Some(dec!(0.25)), Some(dec!(0.03)))
    );
    assert_eq!(
        row("Equipment and development"),
        (dec!(2.00), dec!(0.10), Some(dec!(0.54)), Some(dec!(0.10)))
    );
    assert_eq!(row("Outsourcing"), (dec!(0.41), dec!(0), None, None));
    assert!(table.iter().all(|t| t.source.contains("HM Treasury")));
}

#[test]
fn a_project_types_upper_bound_is_reduced_by_the_mitigation_never_below_its_lower_bound() {
    // The guidance's example: non-standard buildings, 92% of the contributory factors
    // mitigated: (1 − 92%) × 51% = 4.08%, so £1,000,000 is costed at £1,040,800.
    let p = load(&capital(
        r#"ProjectType(project_type: "Non-standard buildings", mitigation: "0.92")"#,
    ));
    assert!(errors(&p).is_empty(), "{:?}", errors(&p));
    assert_eq!(appraise(&p).partnerships[0].measures.pvc, dec!(1040800));
    let u = appraisal::flows::type_uplift(&p, "Non-standard buildings", Rate(dec!(0.92))).unwrap();
    assert_eq!(u.resultant, dec!(0.0408));
    assert_eq!(
        report::type_uplift_working("Non-standard buildings", &u),
        "Non-standard buildings: upper bound 51% × (1 − 92% mitigated) = 4.08%; works duration 3.12% (stated, not applied)"
    );
    // The working is stated with the results.
    let conventions = report::conventions(&p);
    let (_, bias) = conventions
        .iter()
        .find(|(n, _)| *n == "Optimism bias")
        .unwrap();
    assert!(bias.contains("51% × (1 − 92% mitigated) = 4.08%"), "{bias}");
    assert!(bias.ends_with("(1 line)"), "{bias}");

    // Standard buildings, 95% mitigated: 24% × 5% = 1.2%, below the 2% lower bound, so 2%.
    let p = load(&capital(
        r#"ProjectType(project_type: "Standard buildings", mitigation: "0.95")"#,
    ));
    assert_eq!(appraise(&p).partnerships[0].measures.pvc, dec!(1020000));
    let u = appraisal::flows::type_uplift(&p, "Standard buildings", Rate(dec!(0.95))).unwrap();
    assert!(u.at_lower_bound());
    assert!(report::type_uplift_working("Standard buildings", &u).contains("so 2%"));

    // No mitigation: the upper bound. Equipment and development: 200%.
    let p = load(&capital(
        r#"ProjectType(project_type: "Equipment and development", mitigation: "0")"#,
    ));
    assert_eq!(appraise(&p).partnerships[0].measures.pvc, dec!(3000000));
}

#[test]
fn a_project_type_that_is_missing_misused_or_out_of_range_is_an_error_and_left_out() {
    for (optimism, expected) in [
        (
            r#"ProjectType(project_type: "Bridges", mitigation: "0.5")"#,
            "'Bridges' is not in the optimism bias table",
        ),
        (
            r#"ProjectType(project_type: "Standard buildings", mitigation: "1.2")"#,
            "must be between 0% and 100%",
        ),
    ] {
        let p = load(&capital(optimism));
        let found = errors(&p);
        assert!(found.iter().any(|e| e.contains(expected)), "{found:?}");
        let a = appraise(&p);
        assert_eq!(a.partnerships[0].left_out.lines, 1, "{optimism}");
        assert_eq!(a.partnerships[0].measures.pvc, Decimal::ZERO);
    }
    // A benefit cannot take a cost uplift.
    let text = capital(r#"Direct("0")"#).replace(
        "])],",
        r#"], benefits: [(name: "Savings", benefit_type: Fiscal, partner: Some("Council"),
            optimism: ProjectType(project_type: "Standard buildings", mitigation: "0"),
            detail: Direct(PerYear(["500"])))])],"#,
    );
    let p = load(&text);
    assert!(
        errors(&p)
            .iter()
            .any(|e| e.contains("a project type sets a cost uplift")),
        "{:?}",
        errors(&p)
    );
    assert_eq!(
        appraise(&p).partnerships[0].measures.pvb_total,
        Decimal::ZERO
    );
    // An edited table is checked: a lower bound above the upper.
    let mut p = load(&capital(r#"Direct("0")"#));
    p.project_types[0].capital_lower = Rate(dec!(0.5));
    assert!(
        errors(&p)
            .iter()
            .any(|e| e.contains("above the upper bound")),
        "{:?}",
        errors(&p)
    );
}

#[test]
fn renaming_a_project_type_carries_its_lines_with_it() {
    let mut p = load(&capital(
        r#"ProjectType(project_type: "Non-standard buildings", mitigation: "0.92")"#,
    ));
    let before = appraise(&p).partnerships[0].measures.pvc;
    assert_eq!(p.project_type_uses("Non-standard buildings"), 1);
    p.rename_project_type("Non-standard buildings", "Community hub buildings");
    assert_eq!(p.project_type_uses("Community hub buildings"), 1);
    assert!(errors(&p).is_empty(), "{:?}", errors(&p));
    assert_eq!(appraise(&p).partnerships[0].measures.pvc, before);
}

// ---------------------------------------------------------------------------------
// Cash prices

/// Deflators rising 2% a year from 100 in 2026/27 (illustrative; shared/METHOD.md's
/// rule is real = nominal × deflator(base) / deflator(year)).
const DEFLATORS: &str = r#"deflators: [(year: 2026, index: "100"), (year: 2027, index: "102"), (year: 2028, index: "104.04")],
    deflator_source: "Illustrative series, 2% a year","#;

fn cash_project(prices: &str, amounts: &str, deflators: &str) -> String {
    project(
        &undiscounted(3),
        &format!(
            r#"{PARTNERS}
            partnerships: [(name: "Support", status: Active, funding: AlignedBudget,
                costs: [(name: "Coordinator contract", cost_type: Revenue, optimism: Direct("0"),
                    detail: Other((category: SupportTeam, partner: "Council", amounts: PerYear([{amounts}]))){prices})],
                benefits: [(name: "Grant brought in", benefit_type: Fiscal, partner: Some("Council"),
                    optimism: Direct("0"), detail: Direct(PerYear([{amounts}])){prices})])],
            {deflators}"#
        ),
    )
}

#[test]
fn amounts_in_cash_prices_are_deflated_to_the_price_base_year() {
    // £1,000 in cash each year: 1,000 × 100/100, 1,000 × 100/102 = 980.39,
    // 1,000 × 100/104.04 = 961.17; £2,941.56 in 2026/27 prices (undiscounted).
    let cash = load(&cash_project(
        ", prices: Cash",
        r#""1000", "1000", "1000""#,
        DEFLATORS,
    ));
    assert!(errors(&cash).is_empty(), "{:?}", errors(&cash));
    let a = appraise(&cash);
    let m = &a.partnerships[0].measures;
    assert_eq!(pence(m.pvc), dec!(2941.56));
    assert_eq!(pence(m.pvb.fiscal), dec!(2941.56));
    assert_eq!(pence(a.partnerships[0].flows.costs[1]), dec!(980.39));

    // The same amounts typed in real terms, deflated by hand, give the same figures.
    let by_hand = load(&cash_project(
        "",
        &format!(
            r#""1000", "{}", "{}""#,
            dec!(100000) / dec!(102),
            dec!(100000) / dec!(104.04)
        ),
        DEFLATORS,
    ));
    assert_eq!(
        pence(appraise(&by_hand).partnerships[0].measures.pvc),
        pence(m.pvc)
    );

    // Every output says which lines were deflated, with the deflators' source.
    let conventions = report::conventions(&cash);
    let (_, prices) = conventions.iter().find(|(n, _)| *n == "Prices").unwrap();
    assert!(
        prices.starts_with("2 lines entered in cash prices, deflated to 2026/27 prices"),
        "{prices}"
    );
    assert!(
        prices.contains("Illustrative series, 2% a year"),
        "{prices}"
    );
    assert!(prices.contains("Support: Coordinator contract"), "{prices}");
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        &dir,
        "cash.ron",
        &cash_project(", prices: Cash", r#""1000", "1000", "1000""#, DEFLATORS),
    );
    let json: Value =
        serde_json::from_str(&stdout(&run(&["appraise", "--format", "json"], &path))).unwrap();
    assert_eq!(
        json["partnerships"][0]["deflated_lines"],
        serde_json::json!(["Coordinator contract", "Grant brought in"])
    );
    let pack = export::html(&cash, &a);
    assert!(
        pack.contains("entered in cash prices"),
        "the board pack says so"
    );
}

#[test]
fn a_missing_deflator_is_an_error_on_the_line_and_leaves_it_out() {
    let without_2028 = r#"deflators: [(year: 2026, index: "100"), (year: 2027, index: "102")],"#;
    let p = load(&cash_project(
        ", prices: Cash",
        r#""1000", "1000", "1000""#,
        without_2028,
    ));
    let found = errors(&p);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0].contains("no GDP deflator for 2028/29 to deflate them to 2026/27 prices"),
        "{found:?}"
    );
    assert!(
        found[0].contains("the line is left out of the results"),
        "{found:?}"
    );
    let a = appraise(&p);
    assert_eq!(a.partnerships[0].left_out.lines, 2);
    assert_eq!(a.partnerships[0].measures.pvc, Decimal::ZERO);

    // The command line marks the results incomplete and exits 3.
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        &dir,
        "missing.ron",
        &cash_project(", prices: Cash", r#""1000", "1000", "1000""#, without_2028),
    );
    let out = run(&["appraise"], &path);
    assert_eq!(out.status.code(), Some(3));
    assert!(stdout(&out).starts_with("INCOMPLETE"));

    // A year with nothing in it needs no deflator.
    let p = load(&cash_project(
        ", prices: Cash",
        r#""1000", "1000", "0""#,
        without_2028,
    ));
    assert!(errors(&p).is_empty(), "{:?}", errors(&p));
    assert_eq!(
        pence(appraise(&p).partnerships[0].measures.pvc),
        dec!(1980.39)
    );
}

#[test]
fn cash_prices_apply_to_amounts_of_money_only() {
    let text = project(
        &undiscounted(2),
        &format!(
            r#"{PARTNERS}
            partnerships: [(name: "Board", status: Active, funding: AlignedBudget,
                costs: [(name: "Officer time", cost_type: InKind, optimism: Direct("0"),
                    detail: StaffTime((partner: "Council", grade: "Officer", layer: Executive,
                        hours: PerYear(["100", "100"]))), prices: Cash)])],
            {DEFLATORS}"#
        ),
    );
    let p = load(&text);
    assert!(
        errors(&p)
            .iter()
            .any(|e| e.contains("only amounts of money can be in cash prices")),
        "{:?}",
        errors(&p)
    );
    assert_eq!(appraise(&p).partnerships[0].left_out.lines, 1);
}

#[test]
fn a_pooled_fund_in_cash_prices_deflates_contributions_and_outturns_alike() {
    // Council pays £600 a year in cash, spending £612 in 2027/28 (2% over); the NHS pays
    // £400. Deflated: 2027/28 contributions 600/1.02 = 588.24 and 400/1.02 = 392.16;
    // the overspend 12/1.02 = 11.76, shared pro rata (60% council).
    let text = project(
        &undiscounted(2),
        &format!(
            r#"{PARTNERS}
            partnerships: [(name: "Better care", status: Active, funding: PooledBudget,
                costs: [(name: "Pool", cost_type: Revenue, optimism: Direct("0"), prices: Cash,
                    detail: PooledFund((host: "Council", risk_share: ProRata, contributions: [
                        (partner: "Council", amounts: PerYear(["600", "600"]),
                         forecast_outturn: Some(PerYear(["600", "612"]))),
                        (partner: "NHS", amounts: PerYear(["400", "400"])),
                    ])))])],
            {DEFLATORS}"#
        ),
    );
    let p = load(&text);
    assert!(errors(&p).is_empty(), "{:?}", errors(&p));
    let r = &appraise(&p).partnerships[0];
    let pool = &r.pools[0];
    assert_eq!(pence(pool.total_contributions), dec!(1980.39));
    assert_eq!(pence(pool.total_variance), dec!(11.76));
    // PVC: 1,000 + (1,000 + 12) / 1.02 = 1,992.16.
    assert_eq!(pence(r.measures.pvc), dec!(1992.16));
}

// ---------------------------------------------------------------------------------
// Disbenefits

fn disbenefit_project(amount: &str) -> String {
    project(
        &undiscounted(1),
        &format!(
            r#"{PARTNERS}
            partnerships: [(name: "Late-night economy", status: Active, funding: AlignedBudget,
                costs: [(name: "Marshals", cost_type: Revenue, optimism: Direct("0"),
                    detail: Other((category: Other, partner: "Council", amounts: PerYear(["1000"]))))],
                benefits: [
                    (name: "Fewer licensing hearings", benefit_type: Fiscal, partner: Some("Council"),
                     optimism: Direct("0"), detail: Direct(PerYear(["300"]))),
                    (name: "Disorder displaced to the next town", benefit_type: Fiscal,
                     partner: Some("Police"), optimism: Direct("0"), disbenefit: true,
                     detail: Direct(PerYear([{amount}]))),
                ])],"#
        ),
    )
}

#[test]
fn a_disbenefit_counts_against_the_benefits_and_a_negative_return_is_in_brackets() {
    // WSIPP-style perspectives: the police's total is negative (−£500), the partnership's
    // fiscal benefits are 300 − 500 = −£200 against £1,000 of costs, so the fiscal return
    // is −0.2, shown in brackets as (0.2000).
    let p = load(&disbenefit_project(r#""500""#));
    assert!(errors(&p).is_empty(), "{:?}", errors(&p));
    let a = appraise(&p);
    let r = &a.partnerships[0];
    assert_eq!(r.measures.pvb.fiscal, dec!(-200));
    assert_eq!(r.measures.net_budget_impact, dec!(-1200));
    assert_eq!(r.measures.fiscal_roi, Some(dec!(-0.2)));
    assert_eq!(format::ratio(r.measures.fiscal_roi), "(0.2000)");
    assert_eq!(format::ratio(r.measures.bcr), "(0.2000)");
    let police = r.partners.iter().find(|x| x.partner == "Police").unwrap();
    assert_eq!(police.pv_fiscal, dec!(-500));
    assert_eq!(police.net_budget, dec!(-500));
    let table = report::table(&p, &a, &appraisal::problems(&p, &a));
    assert!(table.contains("(0.2000)"), "{table}");
    assert!(table.contains("(£500.00)"), "{table}");
}

#[test]
fn a_negative_amount_is_still_refused_even_on_a_disbenefit() {
    // A disbenefit is said explicitly; a minus sign typed by mistake is never taken for one.
    let p = load(&disbenefit_project(r#""-500""#));
    assert!(
        errors(&p).iter().any(|e| e.contains("is negative")),
        "{:?}",
        errors(&p)
    );
    assert_eq!(appraise(&p).partnerships[0].measures.pvb.fiscal, dec!(300));
}

#[test]
fn a_disbenefit_line_survives_a_save_and_old_files_have_none() {
    let p = load(&disbenefit_project(r#""500""#));
    let text = partnership_appraisal::file::to_ron(&p).unwrap();
    assert!(text.contains("disbenefit: true"));
    assert_eq!(load(&text), p);
    // Lines that are not disbenefits, in real terms, are written as before.
    assert_eq!(text.matches("disbenefit").count(), 1);
    assert!(!text.contains("prices:"));
}

// ---------------------------------------------------------------------------------
// Switching values on both bases

/// Undiscounted: the council pays £100; the NHS saves £150 (fiscal); residents gain £50
/// (social). Net value 100; net budget impact 50.
fn switching_project() -> String {
    project(
        &undiscounted(1),
        &format!(
            r#"{PARTNERS}
            partnerships: [(name: "Falls prevention", status: Active, funding: AlignedBudget,
                costs: [(name: "Service", cost_type: Revenue, optimism: Direct("0"),
                    detail: Other((category: Other, partner: "Council", amounts: PerYear(["100"]))))],
                benefits: [
                    (name: "Fewer admissions", benefit_type: Fiscal, partner: Some("NHS"),
                     optimism: Direct("0"), detail: Direct(PerYear(["150"]))),
                    (name: "Independence", benefit_type: Social, optimism: Direct("0"),
                     detail: Direct(PerYear(["50"]))),
                ])],"#
        ),
    )
}

#[test]
fn switching_values_on_net_value_and_fiscal_return_are_exact_where_linear() {
    // Costs × f: net value 200 − 100f = 0 at f = 2; net budget impact 150 − 100f = 0 at
    // f = 1.5. The NHS saving × f: net value 150f − 50 = 0 at f = 1/3; fiscal 150f − 100
    // = 0 at f = 2/3. The social value moves no budget, and net value stays positive.
    let p = load(&switching_project());
    let values = uncertainty::switching_values(&p, 0);
    let of = |lever: &Lever| values.iter().find(|v| &v.lever == lever).unwrap();
    let costs = of(&Lever::Costs(CostKind::Other));
    assert_eq!(costs.net_value, Some(dec!(2)));
    assert_eq!(costs.fiscal_return, Some(dec!(1.5)));
    assert_eq!(costs.change(Basis::FiscalReturn), Some(dec!(0.5)));
    let saving = of(&Lever::Benefit {
        line: 0,
        name: "Fewer admissions".into(),
    });
    assert_eq!(
        saving.net_value.map(|f| f.round_dp(10)),
        Some(dec!(0.3333333333))
    );
    assert_eq!(
        saving.fiscal_return.map(|f| f.round_dp(10)),
        Some(dec!(0.6666666667))
    );
    let social = of(&Lever::Benefit {
        line: 1,
        name: "Independence".into(),
    });
    assert_eq!(social.net_value, None);
    assert_eq!(social.fiscal_return, None);
    // The discount rate does nothing in one undiscounted year: never on either basis.
    let rate = of(&Lever::DiscountRate);
    assert_eq!((rate.net_value, rate.fiscal_return), (None, None));

    assert_eq!(report::switching_change(Some(dec!(0.5))), "50% higher");
    assert_eq!(
        report::switching_change(Some(dec!(-0.6666666667))),
        "66.67% lower"
    );
}

#[test]
fn appraise_analysis_reports_both_switching_values_in_json_and_table() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "switch.ron", &switching_project());
    let out = run(&["appraise", "--analysis", "--format", "json"], &path);
    assert_eq!(out.status.code(), Some(0));
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let analysis = &json["partnerships"][0]["analysis"];
    let costs = analysis["switching_values"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["input"] == "Other costs")
        .expect("the costs lever");
    assert_eq!(decimal(&costs["net_value_factor"]), dec!(2));
    assert_eq!(decimal(&costs["fiscal_return_factor"]), dec!(1.5));
    assert!(
        analysis["sensitivity"]
            .as_array()
            .is_some_and(|s| !s.is_empty())
    );
    // Without --analysis the JSON has no analysis.
    let plain: Value =
        serde_json::from_str(&stdout(&run(&["appraise", "--format", "json"], &path))).unwrap();
    assert!(plain["partnerships"][0].get("analysis").is_none());

    let table = stdout(&run(&["appraise", "--analysis"], &path));
    assert!(
        table.contains("Switching values: Falls prevention"),
        "{table}"
    );
    assert!(table.contains(report::SWITCH_FISCAL), "{table}");
    assert!(
        table.contains("100% higher") && table.contains("50% higher"),
        "{table}"
    );

    // CSV has no room for it, and says so rather than dropping it.
    let csv = run(&["appraise", "--analysis", "--format", "csv"], &path);
    assert_ne!(csv.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&csv.stderr).contains("--format table or json"));

    // The board pack and workbook carry both bases too.
    let p = load(&switching_project());
    let a = appraise(&p);
    let pack = export::html(&p, &a);
    assert!(pack.contains(report::SWITCH_FISCAL));
    assert!(pack.contains("50% higher"));
    let bytes = export::xlsx(&p, &a).unwrap();
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let sheet = calamine::Reader::worksheet_range(&mut book, "Switching values").unwrap();
    let row = sheet
        .rows()
        .find(|r| r.get(1).is_some_and(|c| *c == "Other costs"))
        .expect("a row for the costs lever");
    assert_eq!(row[0].to_string(), "Falls prevention");
    assert_eq!(row[5], calamine::Data::Float(2.0));
    assert_eq!(row[6].to_string(), "100% higher");
    assert_eq!(row[7], calamine::Data::Float(1.5));
    assert_eq!(row[8].to_string(), "50% higher");
}

// ---------------------------------------------------------------------------------
// Properties

mod properties {
    use super::*;
    use partnership_appraisal::model::{
        BenefitDetail, CostDetail, Deflator, FinancialYear, Prices, Profile,
    };
    use proptest::prelude::*;

    /// A project of one partnership with one other cost and one direct benefit, each in
    /// real terms, over `amounts.len()` years from 2026/27, discounted at 3.5%.
    fn one_line(amounts: &[Decimal], deflators: &[Decimal]) -> Project {
        let years: Vec<String> = amounts.iter().map(|a| format!("\"{a}\"")).collect();
        let mut p = load(&project(
            &settings(amounts.len() as u32, "Standard", "GreenBook"),
            &format!(
                r#"{PARTNERS}
                partnerships: [(name: "P", status: Active, funding: AlignedBudget,
                    costs: [(name: "C", cost_type: Revenue, optimism: Direct("0.1"),
                        detail: Other((category: Other, partner: "Council", amounts: PerYear([{0}]))))],
                    benefits: [(name: "B", benefit_type: Fiscal, partner: Some("NHS"), cashable_share: "0.5",
                        optimism: Direct("0.2"), detail: Direct(PerYear([{0}])))])],"#,
                years.join(", ")
            ),
        ));
        p.deflators = deflators
            .iter()
            .enumerate()
            .map(|(t, index)| Deflator {
                year: FinancialYear(2026 + t as i32),
                index: *index,
            })
            .collect();
        p
    }

    fn amounts_of(p: &mut Project) -> (&mut Profile, &mut Profile) {
        let ps = &mut p.partnerships[0];
        let CostDetail::Other(o) = &mut ps.costs[0].detail else {
            unreachable!()
        };
        let BenefitDetail::Direct(b) = &mut ps.benefits[0].detail else {
            unreachable!()
        };
        (&mut o.amounts, b)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// Cash amounts give, to the penny, what the same amounts deflated by hand
        /// (real = cash × deflator(base) / deflator(year), shared/METHOD.md) give.
        #[test]
        fn cash_prices_equal_amounts_deflated_by_hand(
            amounts in prop::collection::vec((0i64..5_000_000, 0u32..=2).prop_map(|(m, s)| Decimal::new(m, s)), 1..12),
            steps in prop::collection::vec(900i64..1200, 12),
        ) {
            // An index series starting at 100 and moving by steps of −10% to +20%.
            let mut index = dec!(100);
            let deflators: Vec<Decimal> = steps.iter().map(|s| {
                let this = index;
                index = (index * Decimal::new(*s, 3)).round_dp(3);
                this
            }).collect();
            let mut cash = one_line(&amounts, &deflators);
            cash.partnerships[0].costs[0].prices = Prices::Cash;
            cash.partnerships[0].benefits[0].prices = Prices::Cash;
            prop_assert!(errors(&cash).is_empty(), "{:?}", errors(&cash));
            let mut by_hand = one_line(&amounts, &deflators);
            let real: Vec<Decimal> = amounts.iter().zip(&deflators)
                .map(|(a, d)| *a * (deflators[0] / *d)).collect();
            let (c, b) = amounts_of(&mut by_hand);
            *c = Profile::PerYear(real.clone());
            *b = Profile::PerYear(real);
            let x = &appraise(&cash).partnerships[0].measures;
            let y = &appraise(&by_hand).partnerships[0].measures;
            prop_assert_eq!(pence(x.pvc), pence(y.pvc));
            prop_assert_eq!(pence(x.pvb_total), pence(y.pvb_total));
            prop_assert_eq!(pence(x.pvb_cashable), pence(y.pvb_cashable));
        }

        /// Marking a benefit a disbenefit turns its value negative and nothing else: the
        /// benefits fall by twice its value, and costs are untouched.
        #[test]
        fn a_disbenefit_is_exactly_the_benefit_with_its_sign_turned(
            amounts in prop::collection::vec((0i64..5_000_000, 0u32..=2).prop_map(|(m, s)| Decimal::new(m, s)), 1..12),
        ) {
            let plain = one_line(&amounts, &[]);
            let mut turned = plain.clone();
            turned.partnerships[0].benefits[0].disbenefit = true;
            let x = &appraise(&plain).partnerships[0];
            let y = &appraise(&turned).partnerships[0];
            prop_assert_eq!(y.benefit_lines[0].pv, -x.benefit_lines[0].pv);
            prop_assert_eq!(y.measures.pvb.fiscal, -x.measures.pvb.fiscal);
            prop_assert_eq!(y.measures.pvb_cashable, -x.measures.pvb_cashable);
            prop_assert_eq!(y.measures.pvc, x.measures.pvc);
            prop_assert_eq!(
                y.measures.net_value,
                x.measures.net_value - x.measures.pvb.fiscal - x.measures.pvb.fiscal
            );
        }
    }
}
