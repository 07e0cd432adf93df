//! Actuals against plan (METHOD.md, "After the appraisal"): the re-forecast takes actuals
//! for passed years and the forecast for the rest; the variance is actual − baseline by
//! line, partner and year in real prices; actuals never change the appraisal's figures.

mod common;

use common::care::{money, with_actuals};
use common::{pence, settings, undiscounted};
use partnership_appraisal::appraisal::actuals::{Against, LineSide, actuals};
use partnership_appraisal::appraisal::{self, Severity};
use partnership_appraisal::file;
use partnership_appraisal::model::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use std::path::Path;

fn variance_of(
    a: &appraisal::actuals::PartnershipActuals,
    line: &str,
    partner: &str,
) -> Vec<Option<Decimal>> {
    a.lines
        .iter()
        .find(|l| l.line == line && l.partner == partner)
        .unwrap_or_else(|| panic!("no variance row for {line}, {partner}"))
        .years
        .iter()
        .map(|y| y.variance)
        .collect()
}

#[test]
fn re_forecast_takes_actuals_for_passed_years_and_the_forecast_after() {
    let p = with_actuals(&undiscounted(3));
    let result = appraisal::appraise(&p);
    let report = actuals(&p, &result);
    let a = &report.partnerships[0];
    assert_eq!(a.passed_to, Some(FinancialYear(2027)));
    // Re-forecast costs: 2026/27 1,100 + 90 = 1,190; 2027/28 1,000 + 100 = 1,100;
    // 2028/29 the forecast, 1,000 + 150 × 1.2 = 1,180. Undiscounted, PVC 3,470.
    let costs: Vec<Decimal> = a.years.iter().map(|y| y.reforecast_costs).collect();
    assert_eq!(costs, [dec!(1190), dec!(1100), dec!(1180)]);
    assert_eq!(a.reforecast.pvc, dec!(3470));
    // Benefits: 1,200 measured, then 1,500 and 1,500 forecast: 4,200; net 730.
    assert_eq!(a.reforecast.pvb_total, dec!(4200));
    assert_eq!(a.reforecast.net_value, dec!(730));
    // The forecast is the appraisal's: costs 1,120, 1,120, 1,180 (3,420); net 4,500 − 3,420.
    assert_eq!(a.forecast.net_value, dec!(1080));
    assert_eq!(result.partnerships[0].measures.net_value, dec!(1080));
    // The baseline as approved: costs 1,120 a year, 3,360; net 4,500 − 3,360 = 1,140.
    assert_eq!(a.baseline.as_ref().unwrap().net_value, dec!(1140));
    // One cash actual was deflated, and nothing was left out.
    assert_eq!(a.deflated, 1);
    assert!(a.is_complete());
    // By partner: the Council bears 660 + 90, 500 + 100, then 600 + 180 = 2,130; the NHS
    // 440 + 500 + 400 = 1,340 and receives 4,200 of fiscal benefit (2,100 cashable).
    let council = a.partners.iter().find(|r| r.partner == "Council").unwrap();
    let nhs = a.partners.iter().find(|r| r.partner == "NHS").unwrap();
    assert_eq!(council.reforecast.pv_costs, dec!(2130));
    assert_eq!(nhs.reforecast.pv_costs, dec!(1340));
    assert_eq!(nhs.reforecast.pv_fiscal, dec!(4200));
    assert_eq!(nhs.reforecast.pv_cashable, dec!(2100));
    assert_eq!(nhs.reforecast.net_value, dec!(2860));
    // The benefit line without an actual for 2027/28 keeps its forecast, and says so.
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Warning
                && d.field == "Fewer admissions"
                && d.message.contains("2027/28"))
    );
}

#[test]
fn variance_is_actual_less_baseline_by_line_partner_and_year() {
    let p = with_actuals(&undiscounted(3));
    let report = actuals(&p, &appraisal::appraise(&p));
    let a = &report.partnerships[0];
    assert!(matches!(&a.against, Against::Baseline(name) if name.contains("14 March 2027")));
    // Pool: Council 660 − 600 = +60, then 500 − 600 = −100; NHS 440 − 400, 500 − 400.
    assert_eq!(
        variance_of(a, "Pool", "Council"),
        [Some(dec!(60)), Some(dec!(-100))]
    );
    assert_eq!(
        variance_of(a, "Pool", "NHS"),
        [Some(dec!(40)), Some(dec!(100))]
    );
    // Officer: against the baseline's 120 a year (not the raised forecast): 90 − 120,
    // 100 − 120.
    assert_eq!(
        variance_of(a, "Officer", "Council"),
        [Some(dec!(-30)), Some(dec!(-20))]
    );
    // Fewer admissions: 1,200 − 1,500; none entered for 2027/28.
    assert_eq!(
        variance_of(a, "Fewer admissions", "NHS"),
        [Some(dec!(-300)), None]
    );
    // Totals: costs 60 − 100 + 40 + 100 − 30 − 20 = +50; benefits −300.
    assert_eq!(a.total_variance(LineSide::Cost), dec!(50));
    assert_eq!(a.total_variance(LineSide::Benefit), dec!(-300));
}

#[test]
fn without_a_baseline_the_variance_is_against_the_current_forecast_and_says_so() {
    let mut p = with_actuals(&undiscounted(3));
    p.baseline = None;
    let report = actuals(&p, &appraisal::appraise(&p));
    let a = &report.partnerships[0];
    assert_eq!(a.against, Against::CurrentForecast);
    assert!(a.against.label().contains("current forecast"));
    assert!(a.baseline.is_none());
    // The forecast for the officer is 120 in both passed years: the same variances.
    assert_eq!(
        variance_of(a, "Officer", "Council"),
        [Some(dec!(-30)), Some(dec!(-20))]
    );
}

#[test]
fn the_re_forecast_is_discounted_as_the_appraisal_is_year_0_staying_the_first_year() {
    // 10% a year: factors 1, 1/1.1, 1/1.21. Re-forecast costs 1,190, 1,100, 1,180:
    // 1,190 + 1,000 + 975.2066… = 3,165.21 to the penny.
    let p = with_actuals(&settings(3, r#"Custom("0.1")"#, "GreenBook"));
    let result = appraisal::appraise(&p);
    assert_eq!(result.discount_factors[0], Decimal::ONE);
    let a = &actuals(&p, &result).partnerships[0];
    assert_eq!(pence(a.reforecast.pvc), dec!(3165.21));
    // Benefits 1,200 + 1,500/1.1 + 1,500/1.21 = 1,200 + 1,363.6364 + 1,239.6694 = 3,803.31.
    assert_eq!(pence(a.reforecast.pvb_total), dec!(3803.31));
}

#[test]
fn actuals_never_change_the_appraisal() {
    let p = with_actuals(&undiscounted(3));
    let mut without = p.clone();
    without.partnerships[0].actuals = Actuals::default();
    without.baseline = None;
    assert_eq!(appraisal::appraise(&p), appraisal::appraise(&without));
}

#[test]
fn a_cash_actual_without_its_deflator_is_left_out_and_marks_the_re_forecast_incomplete() {
    let mut p = with_actuals(&undiscounted(3));
    p.deflators.retain(|d| d.year != FinancialYear(2027));
    let report = actuals(&p, &appraisal::appraise(&p));
    let a = &report.partnerships[0];
    assert_eq!(a.errors, 1);
    assert!(!a.is_complete());
    let error = report.diagnostics.iter().find(|d| d.is_error()).unwrap();
    assert!(
        error.message.contains("a GDP deflator for 2027/28"),
        "{error}"
    );
    // The error never improves the result quietly: no variance is shown for the officer's
    // 2027/28, and its forecast (120) stands in the re-forecast, which is marked.
    assert_eq!(
        variance_of(a, "Officer", "Council"),
        [Some(dec!(-30)), None]
    );
    assert_eq!(a.years[1].reforecast_costs, dec!(1120));
}

#[test]
fn partners_amounts_that_do_not_add_up_are_refused_with_the_sums() {
    let mut p = with_actuals(&undiscounted(3));
    p.partnerships[0].actuals.costs[1].by_partner[1].amount = money("400");
    let report = actuals(&p, &appraisal::appraise(&p));
    assert_eq!(report.partnerships[0].errors, 1);
    let error = report.diagnostics.iter().find(|d| d.is_error()).unwrap();
    assert!(
        error
            .message
            .contains("add up to 900, not the 1000 entered"),
        "{error}"
    );
}

#[test]
fn with_no_actuals_the_re_forecast_is_the_forecast_in_every_example_partnership() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/borough-portfolio.ron");
    let mut p = file::load(&path).unwrap();
    for ship in &mut p.partnerships {
        ship.actuals = Actuals::default();
    }
    let result = appraisal::appraise(&p);
    let report = actuals(&p, &result);
    for (a, r) in report.partnerships.iter().zip(&result.partnerships) {
        assert_eq!(a.passed_to, None);
        assert_eq!(a.reforecast, r.measures, "{}", a.name);
        assert!(a.lines.iter().all(|l| l.years.is_empty()));
    }
    assert_eq!(report.portfolio.reforecast, result.portfolio.measures);
}

#[test]
fn actuals_and_a_baseline_save_and_load_unchanged() {
    let p = with_actuals(&undiscounted(3));
    let text = file::to_ron(&p).unwrap();
    assert!(text.contains("prices: Cash"));
    assert_eq!(file::parse(&text).unwrap(), p);
    // A bare number for an amount is refused, as for every other amount.
    let bare = text.replace("amount: \"90\"", "amount: 90");
    assert!(file::parse(&bare).is_err());
}

#[test]
fn the_workbook_has_a_plan_against_actual_sheet_with_live_variance_formulas() {
    use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
    let p = with_actuals(&undiscounted(3));
    let result = appraisal::appraise(&p);
    let bytes = partnership_appraisal::export::xlsx(&p, &result).unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(
        book.sheet_names().last().map(String::as_str),
        Some("Plan vs actual")
    );
    let values = book.worksheet_range("Plan vs actual").unwrap();
    let formulas = book.worksheet_formula("Plan vs actual").unwrap();
    // The row of the pool's Council part in 2026/27: plan 600, actual 660, variance +60,
    // the variance a formula on the two cells beside it.
    let row = (0..values.height() as u32)
        .find(|&r| {
            values.get_value((r, 1)) == Some(&Data::String("Pool".into()))
                && values.get_value((r, 3)) == Some(&Data::String("Council".into()))
                && values.get_value((r, 4)) == Some(&Data::String("2026/27".into()))
        })
        .expect("the pool's Council row for 2026/27");
    assert_eq!(values.get_value((row, 5)), Some(&Data::Float(600.0)));
    assert_eq!(values.get_value((row, 7)), Some(&Data::Float(660.0)));
    assert_eq!(values.get_value((row, 8)), Some(&Data::Float(60.0)));
    let f = formulas.get_value((row, 8)).cloned().unwrap_or_default();
    assert_eq!(f, format!("H{}-F{}", row + 1, row + 1));
    // The re-forecast's net value beside the baseline's and the forecast's: 1,140, 1,080, 730.
    let summary = (0..values.height() as u32)
        .find(|&r| values.get_value((r, 0)) == Some(&Data::String("Care pool".into())))
        .unwrap();
    assert_eq!(values.get_value((summary, 2)), Some(&Data::Float(1140.0)));
    assert_eq!(values.get_value((summary, 3)), Some(&Data::Float(1080.0)));
    assert_eq!(values.get_value((summary, 4)), Some(&Data::Float(730.0)));
}

#[test]
fn the_board_pack_shows_the_baseline_beside_the_forecast_with_the_chart() {
    let p = with_actuals(&undiscounted(3));
    let html = partnership_appraisal::export::html(&p, &appraisal::appraise(&p));
    assert!(html.contains("<h3>Actuals against plan</h3>"));
    assert!(html.contains("Variance against the baseline Approved by the board on 14 March 2027"));
    assert!(
        html.contains("<title id=\"p1-actuals-title\">Plan against actual for Care pool</title>")
    );
    // Net value: baseline £1,140, forecast £1,080, re-forecast £730.
    assert!(html.contains("<tr><th scope=\"row\">Net value</th><td class=\"num\">£1,140</td><td class=\"num\">£1,080</td><td class=\"num\">£730</td></tr>"), "{html}");
}

#[test]
fn appraise_json_carries_the_actuals_labelled() {
    let p = with_actuals(&undiscounted(3));
    let result = appraisal::appraise(&p);
    let report =
        partnership_appraisal::report::Report::new(&p, &result, appraisal::problems(&p, &result));
    let json: serde_json::Value = serde_json::to_value(&report).unwrap();
    let a = &json["actuals"];
    assert!(
        a["rule"]
            .as_str()
            .unwrap()
            .starts_with("Re-forecast: actuals for passed years")
    );
    assert_eq!(
        a["baseline"],
        "Approved by the board on 14 March 2027 (2027-03-14)"
    );
    let ship = &a["partnerships"][0];
    assert_eq!(ship["passed_to"], "2027/28");
    let number = |v: &serde_json::Value| v.as_str().unwrap().parse::<Decimal>().unwrap();
    assert_eq!(
        number(&ship["measures"]["reforecast"]["net_value"]),
        dec!(730)
    );
    assert_eq!(
        number(&ship["measures"]["baseline"]["net_value"]),
        dec!(1140)
    );
    assert_eq!(number(&ship["cost_variance"]), dec!(50));
    assert_eq!(ship["cash_actuals_deflated"], 1);
    // The appraisal's own figures are the forecast.
    assert_eq!(
        number(&json["partnerships"][0]["measures"]["net_value"]),
        dec!(1080)
    );
    // A project with neither actuals nor a baseline has no actuals in its JSON.
    let mut plain = p.clone();
    plain.baseline = None;
    plain.partnerships[0].actuals = Actuals::default();
    let r = appraisal::appraise(&plain);
    let report =
        partnership_appraisal::report::Report::new(&plain, &r, appraisal::problems(&plain, &r));
    assert!(
        serde_json::to_value(&report)
            .unwrap()
            .get("actuals")
            .is_none()
    );
}

#[test]
fn the_borough_example_has_a_baseline_and_two_years_of_actuals_with_its_forecast_unchanged() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/borough-portfolio.ron");
    let p = file::load(&path).unwrap();
    let baseline = p.baseline.as_deref().expect("the example has a baseline");
    assert_eq!(baseline.date, Date::parse("12/03/2026").unwrap());
    // The baseline is the forecast as approved: the same inputs, so the same figures.
    let result = appraisal::appraise(&p);
    assert_eq!(
        appraisal::appraise(&baseline.project).portfolio,
        result.portfolio
    );
    let report = actuals(&p, &result);
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
    let with: Vec<_> = report
        .partnerships
        .iter()
        .filter(|a| a.passed_to.is_some())
        .collect();
    assert_eq!(with.len(), 2);
    for a in with {
        assert_eq!(a.passed_to, Some(FinancialYear(2027)));
        assert!(a.is_complete());
        assert_eq!(a.deflated, 1);
        assert_ne!(a.reforecast.net_value, a.forecast.net_value, "{}", a.name);
        assert_eq!(a.baseline.as_ref(), Some(&a.forecast));
    }
}

#[test]
fn the_plan_is_known_for_every_year_so_the_next_actual_is_entered_beside_it() {
    let p = with_actuals(&undiscounted(3));
    let a = &actuals(&p, &appraisal::appraise(&p)).partnerships[0];
    let officer = a.lines.iter().find(|l| l.line == "Officer").unwrap();
    // The baseline's 120 a year, 2028/29 included, though that year has not passed.
    assert_eq!(officer.plan_by_year, [dec!(120), dec!(120), dec!(120)]);
    assert_eq!(officer.years.len(), 2);
}

// ---------------------------------------------------------------------------------
// Properties

#[path = "common/strategies.rs"]
mod strategies;

use proptest::prelude::*;

/// Actuals for the partnership's lines, by position: (cost or benefit, line, year, cash,
/// amount); a position past the last line names a line that does not exist.
fn some_actuals() -> impl Strategy<Value = Vec<(bool, usize, i32, bool, Decimal)>> {
    prop::collection::vec(
        (
            any::<bool>(),
            0usize..6,
            2020i32..2045,
            any::<bool>(),
            strategies::wild_decimal(),
        ),
        0..8,
    )
}

fn with_these(mut p: Project, entries: &[(bool, usize, i32, bool, Decimal)]) -> Project {
    for ship in &mut p.partnerships {
        for &(is_cost, k, year, cash, amount) in entries {
            let prices = if cash { Prices::Cash } else { Prices::Real };
            let name = |names: Vec<String>| {
                names
                    .get(k)
                    .cloned()
                    .unwrap_or_else(|| "No such line".into())
            };
            if is_cost {
                let line = name(ship.costs.iter().map(|c| c.name.clone()).collect());
                ship.actuals.costs.push(CostActual {
                    line,
                    year: FinancialYear(year),
                    prices,
                    amount: Money(amount),
                    by_partner: Vec::new(),
                });
            } else {
                let line = name(ship.benefits.iter().map(|b| b.name.clone()).collect());
                ship.actuals.benefits.push(BenefitActual {
                    line,
                    year: FinancialYear(year),
                    prices,
                    amount: Money(amount),
                    outcomes: None,
                });
            }
        }
    }
    p
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    /// Without actuals the re-forecast is the forecast to the last digit, in every
    /// partnership and the portfolio.
    #[test]
    fn without_actuals_the_re_forecast_is_the_forecast(project in strategies::tame_project()) {
        let result = appraisal::appraise(&project);
        let report = actuals(&project, &result);
        for (a, r) in report.partnerships.iter().zip(&result.partnerships) {
            prop_assert_eq!(&a.reforecast, &r.measures);
        }
        prop_assert_eq!(&report.portfolio.reforecast, &result.portfolio.measures);
    }

    /// Whatever actuals are entered (wild amounts, years outside the period, lines that
    /// do not exist, cash prices without deflators), the appraisal is unchanged and
    /// nothing panics; an actual left out is an error, never silence.
    #[test]
    fn actuals_never_change_the_appraisal_and_never_panic(
        project in strategies::project_with(strategies::wild()),
        entries in some_actuals(),
    ) {
        let plain = appraisal::appraise(&project);
        let with = with_these(project, &entries);
        let result = appraisal::appraise(&with);
        prop_assert_eq!(&result, &plain);
        let report = actuals(&with, &result);
        // Each actual left out is counted against its partnership, once, with an error
        // that says why.
        for (i, a) in report.partnerships.iter().enumerate() {
            let errors = report
                .diagnostics
                .iter()
                .filter(|d| d.is_error() && d.location == appraisal::Location::Partnership { partnership: i })
                .count();
            prop_assert_eq!(a.errors, errors, "{}", a.name);
        }
    }
}

/// A partner's part of an actual is a reference like any other: renaming the partner
/// renames it, the references say it is there, and deleting the partner with what refers
/// to it takes the part away, leaving the parts short of the actual, which the
/// re-forecast reports as an error rather than guess who bore the rest.
#[test]
fn renaming_or_deleting_a_partner_reaches_its_parts_of_actuals() {
    let mut p = with_actuals(&undiscounted(3));
    let nhs = Named::Partner(p.partners.iter().position(|x| x.name == "NHS").unwrap());
    let refs = references_to(&p, &nhs);
    let said = refs.describe(&p, "NHS");
    assert!(said.contains("1 partner's part of an actual"), "{said}");
    rename(&mut p, &nhs, "ICB").unwrap();
    let parts: Vec<&str> = p.partnerships[0]
        .actuals
        .costs
        .iter()
        .flat_map(|a| &a.by_partner)
        .map(|x| x.partner.as_str())
        .collect();
    assert_eq!(parts, ["Council", "ICB"]);
    let report = actuals(&p, &appraisal::appraise(&p));
    assert!(report.partnerships[0].is_complete());

    let icb = Named::Partner(p.partners.iter().position(|x| x.name == "ICB").unwrap());
    delete_with_references(&mut p, &icb);
    let pool_2027 = pool_actual_2027(&p);
    assert_eq!(pool_2027.by_partner.len(), 1);
    let report = actuals(&p, &appraisal::appraise(&p));
    assert!(!report.partnerships[0].is_complete());
}

/// The first partnership's actual of its pooled fund for 2027/28.
fn pool_actual_2027(p: &Project) -> &CostActual {
    p.partnerships[0]
        .actuals
        .costs
        .iter()
        .find(|a| a.line == "Pool" && a.year == FinancialYear(2027))
        .expect("the pool has an actual for 2027/28")
}

/// Moving a partner's references onto another that already has a part of the same
/// actual names that partner twice: it bears both parts, so the re-forecast's costs are
/// those entered, never less.
#[test]
fn a_partner_named_twice_in_an_actual_bears_both_parts() {
    let mut p = with_actuals(&undiscounted(3));
    let nhs = Named::Partner(p.partners.iter().position(|x| x.name == "NHS").unwrap());
    delete_moving_references(&mut p, &nhs, "Council").unwrap();
    let pool_2027 = pool_actual_2027(&p);
    let named: Vec<&str> = pool_2027
        .by_partner
        .iter()
        .map(|x| x.partner.as_str())
        .collect();
    assert_eq!(named, ["Council", "Council"]);
    let report = actuals(&p, &appraisal::appraise(&p));
    let a = &report.partnerships[0];
    // 2027/28: the pool's 1,000 (500 + 500, both the Council's now) and the officer's 100.
    let year = a
        .years
        .iter()
        .find(|y| y.year == FinancialYear(2027))
        .unwrap();
    assert_eq!(year.reforecast_costs, dec!(1100));
}
