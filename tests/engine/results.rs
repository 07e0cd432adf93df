use super::common::{PARTNERS, dp4, load, pence, project, settings, undiscounted};
use super::{
    appraise, direct_benefit, no_errors, one_partnership, other_cost, partner, partnership,
};
use partnership_appraisal::appraisal::{self, Payback};
use partnership_appraisal::format;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

// ---------------------------------------------------------------------------------
// Results

/// Costs: Council £50,000 in year 0, NHS £10,000 in year 0.
/// Benefits: fiscal to the Council £30,000 in years 1 and 2 (half cashable); fiscal to the
/// NHS £10,000 in year 1; economic to no one £5,000 in year 2; social to residents £2,000 in year 2.
pub(super) fn results_project(settings: &str) -> String {
    one_partnership(
        settings,
        &[
            other_cost("Team", "Council", r#""50000""#, r#"Direct("0")"#),
            other_cost("Clinics", "NHS", r#""10000""#, r#"Direct("0")"#),
        ],
        &[
            r#"(name: "Fewer evictions", benefit_type: Fiscal, partner: Some("Council"),
                cashable_share: "0.5", optimism: Direct("0"),
                detail: Direct(PerYear(["0", "30000", "30000"])))"#
                .to_owned(),
            direct_benefit(
                "Fewer A&E visits",
                "Fiscal",
                r#"Some("NHS")"#,
                r#""0", "10000""#,
            ),
            direct_benefit("Earnings", "Economic", "None", r#""0", "0", "5000""#),
            direct_benefit(
                "Wellbeing",
                "Social",
                r#"Some("Residents")"#,
                r#""0", "0", "2000""#,
            ),
        ],
    )
}

#[test]
fn headline_results_of_a_worked_example() {
    // Undiscounted over 3 years:
    //   PVC = 50,000 + 10,000 = 60,000
    //   PVB fiscal = 60,000 + 10,000 = 70,000; economic 5,000; social 2,000; total 77,000
    //   net value = 77,000 − 60,000 = 17,000
    //   BCR = public value ROI = 77,000 / 60,000 = 1.2833
    //   net budget impact = 70,000 − 60,000 = 10,000; fiscal ROI = 70/60 = 1.1667
    //   cashable = 0.5 × 60,000 = 30,000; cashable ROI = 0.5
    //   net by year: −60,000, +40,000, +37,000; cumulative −60,000, −20,000, +17,000
    //   payback in year 3: (3 − 1) + 20,000 / (17,000 + 20,000) = 2.5405
    let a = appraise(&results_project(&undiscounted(3)));
    no_errors(&a);
    let r = &a.partnerships[0];
    let m = &r.measures;
    assert_eq!(m.pvc, dec!(60000));
    assert_eq!(m.pvb.fiscal, dec!(70000));
    assert_eq!(m.pvb.economic, dec!(5000));
    assert_eq!(m.pvb.social, dec!(2000));
    assert_eq!(m.pvb_total, dec!(77000));
    assert_eq!(m.net_value, dec!(17000));
    assert_eq!(m.bcr.map(dp4), Some(dec!(1.2833)));
    assert_eq!(m.public_value_roi.map(dp4), Some(dec!(1.2833)));
    assert_eq!(m.net_budget_impact, dec!(10000));
    assert_eq!(m.fiscal_roi.map(dp4), Some(dec!(1.1667)));
    assert_eq!(m.pvb_cashable, dec!(30000));
    assert_eq!(m.fiscal_roi_cashable, Some(dec!(0.5)));
    assert_eq!(
        r.cumulative_net,
        vec![dec!(-60000), dec!(-20000), dec!(17000)]
    );
    match m.payback {
        Payback::Years(y) => assert_eq!(dp4(y), dec!(2.5405)),
        Payback::Never => panic!("payback should be reached"),
    }
    assert_eq!(format::payback(m.payback), "2.54 years");
    assert!(!r.negative);
}

#[test]
fn who_pays_and_who_benefits_in_the_worked_example() {
    // Council: costs 50,000, fiscal 60,000 (cashable 30,000): net to budget +10,000, own return 1.2
    // NHS: costs 10,000, fiscal 10,000: net 0, own return 1.0
    // Residents: no costs, social 2,000: net value 2,000, own return n/a
    // Wider society: the economic benefit attributed to no one, 5,000.
    // The rows add up: 10,000 + 0 + 2,000 + 5,000 = 17,000, the partnership's net value.
    let a = appraise(&results_project(&undiscounted(3)));
    let r = &a.partnerships[0];
    let council = partner(&r.partners, "Council");
    assert_eq!(council.pv_costs, dec!(50000));
    assert_eq!(council.pv_fiscal, dec!(60000));
    assert_eq!(council.pv_cashable, dec!(30000));
    assert_eq!(council.net_budget, dec!(10000));
    assert_eq!(council.net_value, dec!(10000));
    assert_eq!(council.fiscal_roi, Some(dec!(1.2)));
    let nhs = partner(&r.partners, "NHS");
    assert_eq!(
        (nhs.pv_costs, nhs.pv_fiscal, nhs.net_budget),
        (dec!(10000), dec!(10000), dec!(0))
    );
    assert_eq!(nhs.fiscal_roi, Some(dec!(1)));
    let residents = partner(&r.partners, "Residents");
    assert_eq!(residents.pv_costs, dec!(0));
    assert_eq!(residents.pv_other, dec!(2000));
    // Social value received by residents is value, not a saving to their budget.
    assert_eq!(
        (residents.pv_economic, residents.pv_social),
        (dec!(0), dec!(2000))
    );
    assert_eq!(residents.pv_fiscal, dec!(0));
    assert_eq!(residents.net_budget, dec!(0));
    assert_eq!(residents.net_value, dec!(2000));
    assert_eq!(residents.fiscal_roi, None);
    assert_eq!(r.wider_society, dec!(5000));
    assert_eq!(
        (
            r.wider_society_by_type.fiscal,
            r.wider_society_by_type.economic,
            r.wider_society_by_type.social
        ),
        (dec!(0), dec!(5000), dec!(0))
    );
    let total: Decimal = r.partners.iter().map(|p| p.net_value).sum::<Decimal>() + r.wider_society;
    assert_eq!(total, r.measures.net_value);
    // Rows come in the project's partner order.
    let order: Vec<&str> = r.partners.iter().map(|p| p.partner.as_str()).collect();
    assert_eq!(order, ["Council", "NHS", "Residents"]);
}

#[test]
fn payback_with_standard_discounting() {
    // £1,000 cost in year 0, £300 benefit in each of years 0–4, standard schedule.
    // Discounted net: −700, 289.855, 280.053, 270.583, 261.433
    // Cumulative:     −700, −410.145, −130.092, +140.491, +401.924
    // Payback in year 4: (4 − 1) + 130.092 / (140.491 + 130.092) = 3.4808.
    // (Python, decimal module at 50 digits.)
    let text = one_partnership(
        &settings(5, "Standard", "GreenBook"),
        &[other_cost(
            "Set-up",
            "Council",
            r#""1000""#,
            r#"Direct("0")"#,
        )],
        &[direct_benefit(
            "Saving",
            "Fiscal",
            r#"Some("Council")"#,
            r#""300", "300", "300", "300", "300""#,
        )],
    );
    let a = appraise(&text);
    no_errors(&a);
    let r = &a.partnerships[0];
    assert_eq!(pence(r.cumulative_net[2]), dec!(-130.09));
    assert_eq!(pence(r.cumulative_net[3]), dec!(140.49));
    assert_eq!(pence(r.measures.pvb_total), dec!(1401.92));
    assert_eq!(pence(r.measures.net_value), dec!(401.92));
    match r.measures.payback {
        Payback::Years(y) => assert_eq!(dp4(y), dec!(3.4808)),
        Payback::Never => panic!("payback should be reached"),
    }
}

#[test]
fn payback_exactly_halfway_through_a_year() {
    // £1,000 in year 0, £400 benefit in each of 5 years, undiscounted:
    // cumulative −600, −200, +200, ... → (3 − 1) + 200 / 400 = 2.5 years.
    let text = one_partnership(
        &undiscounted(5),
        &[other_cost(
            "Set-up",
            "Council",
            r#""1000""#,
            r#"Direct("0")"#,
        )],
        &[direct_benefit(
            "Saving",
            "Social",
            "None",
            r#""400", "400", "400", "400", "400""#,
        )],
    );
    let m = &appraise(&text).partnerships[0].measures;
    assert_eq!(m.payback, Payback::Years(dec!(2.5)));
}

#[test]
fn payback_is_never_when_net_value_is_not_positive() {
    // Cumulative −1,000, +200, −300: it crosses zero in year 2 but the net value is −300,
    // so payback is not shown.
    let text = one_partnership(
        &undiscounted(3),
        &[other_cost(
            "Costs",
            "Council",
            r#""1000", "0", "500""#,
            r#"Direct("0")"#,
        )],
        &[direct_benefit(
            "Saving",
            "Fiscal",
            r#"Some("Council")"#,
            r#""0", "1200""#,
        )],
    );
    let a = appraise(&text);
    let r = &a.partnerships[0];
    assert_eq!(r.cumulative_net, vec![dec!(-1000), dec!(200), dec!(-300)]);
    assert_eq!(r.measures.net_value, dec!(-300));
    assert_eq!(r.measures.payback, Payback::Never);
    assert_eq!(format::payback(r.measures.payback), "never");
    // A net value of exactly zero does not pay back either.
    let text = one_partnership(
        &undiscounted(2),
        &[other_cost(
            "Costs",
            "Council",
            r#""1000""#,
            r#"Direct("0")"#,
        )],
        &[direct_benefit(
            "Saving",
            "Fiscal",
            r#"Some("Council")"#,
            r#""0", "1000""#,
        )],
    );
    let m = &appraise(&text).partnerships[0].measures;
    assert_eq!(m.net_value, dec!(0));
    assert_eq!(m.payback, Payback::Never);
}

#[test]
fn a_partnership_that_costs_more_than_it_returns_is_flagged() {
    // £1,000 of costs for £500 of benefits: net value −£500, BCR 0.5.
    let text = one_partnership(
        &undiscounted(1),
        &[other_cost(
            "Costs",
            "Council",
            r#""1000""#,
            r#"Direct("0")"#,
        )],
        &[direct_benefit(
            "Saving",
            "Fiscal",
            r#"Some("Police")"#,
            r#""500""#,
        )],
    );
    let r = &appraise(&text).partnerships[0];
    assert!(r.negative);
    assert_eq!(r.measures.net_value, dec!(-500));
    assert_eq!(r.measures.bcr, Some(dec!(0.5)));
    assert_eq!(r.measures.net_budget_impact, dec!(-500));
    // The Police gain £500 for nothing; the Council lose £1,000.
    assert_eq!(partner(&r.partners, "Police").net_budget, dec!(500));
    assert_eq!(partner(&r.partners, "Council").net_budget, dec!(-1000));
    assert_eq!(format::money(r.measures.net_value, "£"), "(£500.00)");
}

#[test]
fn ratios_are_not_available_when_there_are_no_costs() {
    let text = one_partnership(
        &undiscounted(2),
        &[],
        &[direct_benefit(
            "Saving",
            "Fiscal",
            r#"Some("NHS")"#,
            r#""100", "100""#,
        )],
    );
    let a = appraise(&text);
    let r = &a.partnerships[0];
    let m = &r.measures;
    assert_eq!(m.pvc, dec!(0));
    assert_eq!(m.net_value, dec!(200));
    assert_eq!(
        (
            m.bcr,
            m.fiscal_roi,
            m.fiscal_roi_cashable,
            m.public_value_roi
        ),
        (None, None, None, None)
    );
    assert_eq!(format::ratio(m.bcr), "n/a");
    assert_eq!(partner(&r.partners, "NHS").fiscal_roi, None);
    // An empty partnership has nothing to pay back.
    let empty = appraise(&one_partnership(&undiscounted(2), &[], &[]));
    assert_eq!(empty.partnerships[0].measures.payback, Payback::Never);
    assert_eq!(empty.partnerships[0].measures.bcr, None);
}

#[test]
fn a_fiscal_benefit_with_no_partner_is_left_out_and_said_so() {
    // A fiscal benefit saves some partner's budget; with none named it is an error, so it
    // is left out rather than counted anywhere (it used to go to the wider-society row).
    let text = one_partnership(
        &undiscounted(1),
        &[other_cost("Costs", "Council", r#""100""#, r#"Direct("0")"#)],
        &[direct_benefit("Unassigned", "Fiscal", "None", r#""300""#)],
    );
    let project = load(&text);
    let a = appraisal::appraise(&project);
    let r = &a.partnerships[0];
    assert!(!r.benefit_lines[0].included);
    assert_eq!(r.measures.pvb.fiscal, dec!(0));
    assert_eq!(r.wider_society, dec!(0));
    assert_eq!(r.left_out.lines, 1);
    assert_eq!(r.wider_society_by_type.fiscal, dec!(0));
    assert_eq!(partner(&r.partners, "Council").net_value, dec!(-100));
    assert!(appraisal::validate(&project).iter().any(|d| d.is_error()
        && d.field == "Partner"
        && d.message.contains("fiscal benefit")
        && d.message.ends_with("the line is left out of the results")));
}

#[test]
fn portfolio_totals_ranking_and_partner_exposure() {
    // Three partnerships, undiscounted, one year:
    //   A: Council pays 1,000; NHS saves 1,500          → net +500
    //   B: NHS pays 400; Council saves 2,400            → net +2,000
    //   C: Police pays 900; social 300 to no one        → net −600
    // Portfolio: PVC 2,300, PVB 4,200 (fiscal 3,900, social 300), net +1,900.
    // Ranking by net value: B, A, C. Exposure: Council −1,000 + 2,400 = +1,400;
    // NHS 1,500 − 400 = +1,100; Police −900; wider society 300. 1,400 + 1,100 − 900 + 300 = 1,900.
    let body = format!(
        "{PARTNERS}\npartnerships: [{}, {}, {}],",
        partnership(
            "A",
            &[other_cost("a", "Council", r#""1000""#, r#"Direct("0")"#)],
            &[direct_benefit("a", "Fiscal", r#"Some("NHS")"#, r#""1500""#)]
        ),
        partnership(
            "B",
            &[other_cost("b", "NHS", r#""400""#, r#"Direct("0")"#)],
            &[direct_benefit(
                "b",
                "Fiscal",
                r#"Some("Council")"#,
                r#""2400""#
            )]
        ),
        partnership(
            "C",
            &[other_cost("c", "Police", r#""900""#, r#"Direct("0")"#)],
            &[direct_benefit("c", "Social", "None", r#""300""#)]
        ),
    );
    let a = appraise(&project(&undiscounted(1), &body));
    no_errors(&a);
    let p = &a.portfolio;
    assert_eq!(p.measures.pvc, dec!(2300));
    assert_eq!(p.measures.pvb.fiscal, dec!(3900));
    assert_eq!(p.measures.pvb.social, dec!(300));
    assert_eq!(p.measures.net_value, dec!(1900));
    assert_eq!(p.measures.net_budget_impact, dec!(1600));
    assert_eq!(p.ranking, vec![1, 0, 2]);
    assert_eq!(partner(&p.partners, "Council").net_value, dec!(1400));
    assert_eq!(partner(&p.partners, "NHS").net_value, dec!(1100));
    assert_eq!(partner(&p.partners, "Police").net_value, dec!(-900));
    assert_eq!(p.wider_society, dec!(300));
    assert_eq!(p.wider_society_by_type.social, dec!(300));
    assert!(a.partnerships[2].negative);
    assert!(!a.partnerships[0].negative && !a.partnerships[1].negative);
    let kind = p
        .cost_by_kind
        .iter()
        .find(|b| b.label == "Other costs")
        .unwrap();
    assert_eq!(kind.pv, dec!(2300));
}
