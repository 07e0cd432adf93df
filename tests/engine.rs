//! Engine tests: small projects written as RON text, with the expected result worked by
//! hand beside each one (or taken from the published Green Book tables).

mod common;

use common::{PARTNERS, dp4, load, pence, project, settings, undiscounted};
use partnership_appraisal::appraisal::{
    self, Appraisal, Location, PartnerPosition, PartnershipResult, Payback, Severity,
};
use partnership_appraisal::format;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use std::sync::mpsc;
use std::time::Duration;

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

// ---------------------------------------------------------------------------------
// Discounting

#[test]
fn standard_schedule_matches_the_published_green_book_factors() {
    // Green Book Annex A6 discount factors, to 4 places, as listed in METHOD.md.
    let a = appraise(&project(&settings(101, "Standard", "GreenBook"), ""));
    assert_eq!(a.discount_factors.len(), 101);
    assert_eq!(a.discount_factors[0], Decimal::ONE);
    let published = [
        (1, dec!(0.9662)),
        (10, dec!(0.7089)),
        (20, dec!(0.5026)),
        (30, dec!(0.3563)),
        (40, dec!(0.2651)),
        (50, dec!(0.1973)),
        (100, dec!(0.0508)),
    ];
    for (t, df) in published {
        assert_eq!(dp4(a.discount_factors[t]), df, "DF({t})");
    }
}

#[test]
fn each_year_is_discounted_at_its_own_band_rate() {
    // DF(t) = DF(t-1) / (1 + r(t)): year 31 is DF(30)/1.03, not 1/1.03^31 (0.3999...),
    // and not a flat 3.5% (1/1.035^31 = 0.3442...). DF(30) = 1/1.035^30 = 0.356278410602...,
    // so DF(31) = 0.345901369517... (worked with Python's decimal module at 50 digits).
    let a = appraise(&project(&settings(300, "Standard", "GreenBook"), ""));
    let f = &a.discount_factors;
    assert_eq!(f.len(), 300);
    assert_eq!(f[30].round_dp(10), dec!(0.3562784106));
    assert_eq!(f[31].round_dp(10), dec!(0.3459013695));
    for (t, rate) in [
        (31, dec!(1.03)),
        (75, dec!(1.03)),
        (76, dec!(1.025)),
        (125, dec!(1.025)),
        (126, dec!(1.02)),
        (200, dec!(1.02)),
        (201, dec!(1.015)),
        (299, dec!(1.015)),
    ] {
        assert_eq!(
            f[t].round_dp(20),
            (f[t - 1] / rate).round_dp(20),
            "year {t} should be discounted from year {} at {rate}",
            t - 1
        );
    }
}

#[test]
fn health_schedule_first_band_is_one_over_1_015_to_the_t() {
    // 1/1.015 = 0.98522167487..., 1/1.015^10 = 0.86166723172..., 1/1.015^30 = 0.63976242990...
    // then year 31 at the second band: DF(30)/1.0129 = 0.63161460154...
    let a = appraise(&project(&settings(40, "Health", "GreenBook"), ""));
    let f = &a.discount_factors;
    assert_eq!(f[0], Decimal::ONE);
    assert_eq!(f[1].round_dp(10), dec!(0.9852216749));
    assert_eq!(f[10].round_dp(10), dec!(0.8616672317));
    assert_eq!(f[30].round_dp(10), dec!(0.6397624299));
    assert_eq!(f[31].round_dp(10), dec!(0.6316146015));
}

#[test]
fn discounting_the_first_year_shifts_every_factor_by_one_period() {
    let green_book = appraise(&project(&settings(40, "Standard", "GreenBook"), ""));
    let sroi = appraise(&project(&settings(40, "Standard", "DiscountFirstYear"), ""));
    assert_eq!(sroi.discount_factors.len(), 40);
    // Year index 0 is discounted one period: 1/1.035 = 0.9662.
    assert_eq!(dp4(sroi.discount_factors[0]), dec!(0.9662));
    for t in 0..39 {
        assert_eq!(sroi.discount_factors[t], green_book.discount_factors[t + 1]);
    }
    // Index 39 under the SROI convention is DF(40), 0.2651 in the published table.
    assert_eq!(dp4(sroi.discount_factors[39]), dec!(0.2651));
}

#[test]
fn present_value_of_a_cost_under_each_year_0_convention() {
    // £1,000 a year for 3 years, standard schedule.
    // Green Book: 1000 × (1 + 1/1.035 + 1/1.035²) = 2,899.694275... → £2,899.69.
    // First year discounted: 1000 × (1/1.035 + 1/1.035² + 1/1.035³) = 2,801.636981... → £2,801.64.
    let costs = [other_cost(
        "Secretariat",
        "Council",
        r#""1000", "1000", "1000""#,
        r#"Direct("0")"#,
    )];
    let gb = appraise(&one_partnership(
        &settings(10, "Standard", "GreenBook"),
        &costs,
        &[],
    ));
    let sroi = appraise(&one_partnership(
        &settings(10, "Standard", "DiscountFirstYear"),
        &costs,
        &[],
    ));
    no_errors(&gb);
    assert_eq!(pence(gb.partnerships[0].measures.pvc), dec!(2899.69));
    assert_eq!(pence(sroi.partnerships[0].measures.pvc), dec!(2801.64));
}

#[test]
fn a_custom_flat_rate_applies_to_every_year() {
    // 5% throughout, with no declining bands: DF(40) = 1/1.05^40 = 0.14204568230...
    let a = appraise(&project(
        &settings(41, r#"Custom("0.05")"#, "GreenBook"),
        "",
    ));
    assert_eq!(a.discount_factors[1].round_dp(10), dec!(0.9523809524));
    assert_eq!(a.discount_factors[40].round_dp(10), dec!(0.1420456823));
    // 0% leaves every year undiscounted.
    let zero = appraise(&project(&undiscounted(12), ""));
    assert_eq!(zero.discount_factors, vec![Decimal::ONE; 12]);
}

#[test]
fn years_are_financial_years_from_the_first_year() {
    let a = appraise(&project(&settings(3, "Standard", "GreenBook"), ""));
    let years: Vec<String> = a.years.iter().map(|y| y.to_string()).collect();
    assert_eq!(years, ["2026/27", "2027/28", "2028/29"]);
}

// ---------------------------------------------------------------------------------
// Staff time

fn staff_project(convention: &str, salary: &str, ni: (&str, &str), pension: &str) -> String {
    let settings = format!(
        r#"(
            first_year: 2026, horizon_years: 1, price_base_year: 2026,
            discount: Custom("0"), year0: GreenBook,
            staff_costing: (
                convention: {convention},
                employer_ni_rate: "{}",
                ni_threshold: "{}",
                pension_rate: "{pension}",
                overhead_rate: "0.30",
                productive_hours_per_year: "1554",
            ),
            currency_symbol: "£",
        )"#,
        ni.0, ni.1
    );
    project(
        &settings,
        &format!(
            r#"partners: [(name: "Council", kind: Council, grades: [
                (name: "Analyst", pay: Salary("{salary}")),
                (name: "FOI rate", pay: Hourly("25")),
            ])],
            partnerships: [(name: "CSP", status: Active, funding: AlignedBudget, costs: [
                (name: "Analyst time", cost_type: InKind, optimism: Direct("0"),
                 detail: StaffTime((partner: "Council", grade: "Analyst", layer: Operational,
                     hours: Constant(value: "100", start_year: 0, years: 1, growth: "0")))),
                (name: "Statutory rate", cost_type: InKind, optimism: Direct("0"),
                 detail: StaffTime((partner: "Council", grade: "FOI rate", layer: Operational,
                     hours: PerYear(["100"])))),
            ])],"#
        ),
    )
}

#[test]
fn staff_time_follows_the_three_costing_conventions() {
    // Salary £42,000, 100 hours a year, 1,554 productive hours a year.
    // Employer NI 15% above £5,000: 0.15 × 37,000 = £5,550. Pension 23.5%: £9,870.
    // Salary only:     42,000 / 1,554 × 100 = 2,702.7027 → £2,702.70
    // With on-costs:   57,420 / 1,554 × 100 = 3,694.9807 → £3,694.98
    // Full cost (+30%): 74,646 / 1,554 × 100 = 4,803.4749 → £4,803.47
    // A grade paid by the hour (£25, the FOI statutory rate) is £2,500 under every convention.
    for (convention, expected) in [
        ("SalaryOnly", dec!(2702.70)),
        ("WithOnCosts", dec!(3694.98)),
        ("FullCost", dec!(4803.47)),
    ] {
        let a = appraise(&staff_project(
            convention,
            "42000",
            ("0.15", "5000"),
            "0.235",
        ));
        no_errors(&a);
        let lines = &a.partnerships[0].cost_lines;
        assert_eq!(pence(lines[0].pv), expected, "{convention}");
        assert_eq!(pence(lines[1].pv), dec!(2500), "{convention}");
        let kind = &a.partnerships[0].cost_by_kind;
        assert_eq!(kind[0].label, "Staff time");
        assert_eq!(pence(kind[0].pv), expected + dec!(2500));
    }
}

#[test]
fn staff_time_in_full_time_equivalents_is_the_fte_times_productive_hours() {
    // 0.5 FTE with 1,554 productive hours a year is 777 hours. At the FOI statutory rate
    // of £25 an hour: £19,425. The salaried analyst with on-costs: 57,420 a year for a
    // full year, so half of it: £28,710.
    let text = staff_project("WithOnCosts", "42000", ("0.15", "5000"), "0.235")
        .replace(
            r#"hours: Constant(value: "100", start_year: 0, years: 1, growth: "0"))"#,
            r#"hours: Constant(value: "0.5", start_year: 0, years: 1, growth: "0"), unit: Fte)"#,
        )
        .replace(
            r#"hours: PerYear(["100"]))"#,
            r#"hours: PerYear(["0.5"]), unit: Fte)"#,
        );
    let a = appraise(&text);
    no_errors(&a);
    let lines = &a.partnerships[0].cost_lines;
    assert_eq!(pence(lines[0].pv), dec!(28710));
    assert_eq!(pence(lines[1].pv), dec!(19425));
    // The same time in hours costs the same.
    let hours = staff_project("WithOnCosts", "42000", ("0.15", "5000"), "0.235")
        .replace(r#"value: "100""#, r#"value: "777""#)
        .replace(r#"PerYear(["100"])"#, r#"PerYear(["777"])"#);
    let b = appraise(&hours);
    assert_eq!(pence(b.partnerships[0].cost_lines[0].pv), dec!(28710));
    assert_eq!(pence(b.partnerships[0].cost_lines[1].pv), dec!(19425));
}

#[test]
fn no_employer_ni_below_the_threshold() {
    // Salary £4,000 is below the £5,000 threshold: NI 0, pension 23.5% = £940.
    // (4,000 + 940) / 1,554 × 100 = 317.8893 → £317.89.
    let a = appraise(&staff_project(
        "WithOnCosts",
        "4000",
        ("0.15", "5000"),
        "0.235",
    ));
    assert_eq!(pence(a.partnerships[0].cost_lines[0].pv), dec!(317.89));
}

#[test]
fn the_ni_rate_and_threshold_are_settings() {
    // Before April 2025: 13.8% above £9,100. Salary £35,000: NI 0.138 × 25,900 = £3,574.20;
    // pension 19% = £6,650; (35,000 + 3,574.20 + 6,650) / 1,554 × 100 = 2,910.1802 → £2,910.18.
    let a = appraise(&staff_project(
        "WithOnCosts",
        "35000",
        ("0.138", "9100"),
        "0.19",
    ));
    assert_eq!(pence(a.partnerships[0].cost_lines[0].pv), dec!(2910.18));
}

// ---------------------------------------------------------------------------------
// Meetings

const BOARD: &str = r#"(name: "Executive board", cost_type: InKind, optimism: Direct("0"),
    detail: Meeting((
        layer: Executive,
        meetings: Constant(value: "6", start_year: 0, years: 2, growth: "0"),
        meeting_hours: "2", preparation_hours: "1.5", travel_hours: "0.5",
        attendees: [
            (partner: "Council", grade: "Director", count: "1"),
            (partner: "Council", grade: "Officer", count: "2"),
            (partner: "NHS", grade: "Manager", count: "2"),
            (partner: "Police", grade: "Inspector", count: "1"),
        ],
        fixed_costs: (paid_by: "Council", venue: "150", refreshments: "40", printing: "10", other: "0"),
    )))"#;

#[test]
fn each_partner_bears_its_own_peoples_meeting_time_and_the_payer_the_fixed_costs() {
    // Each attendee gives 2 + 1.5 + 0.5 = 4 hours a meeting.
    // Council: 4 × (1 × £60 + 2 × £30) = £480, plus fixed costs 150 + 40 + 10 = £200 → £680
    // NHS:     4 × 2 × £45 = £360;  Police: 4 × 1 × £40 = £160.  One meeting: £1,200.
    // 6 meetings a year for 2 years, undiscounted: £14,400 in all;
    // Council 12 × 680 = £8,160, NHS 12 × 360 = £4,320, Police 12 × 160 = £1,920.
    let a = appraise(&one_partnership(&undiscounted(2), &[BOARD.to_owned()], &[]));
    no_errors(&a);
    let r = &a.partnerships[0];
    assert_eq!(r.flows.costs, vec![dec!(7200), dec!(7200)]);
    assert_eq!(r.measures.pvc, dec!(14400));
    assert_eq!(cost_of(r, "Council"), dec!(8160));
    assert_eq!(cost_of(r, "NHS"), dec!(4320));
    assert_eq!(cost_of(r, "Police"), dec!(1920));
    assert_eq!(partner(&r.partners, "Council").pv_costs, dec!(8160));
    assert_eq!(partner(&r.partners, "Police").pv_costs, dec!(1920));
    // All of it is meeting cost in the executive layer.
    let kind = |label: &str| r.cost_by_kind.iter().find(|b| b.label == label).unwrap().pv;
    let layer = |label: &str| {
        r.cost_by_layer
            .iter()
            .find(|b| b.label == label)
            .unwrap()
            .pv
    };
    assert_eq!(kind("Meetings"), dec!(14400));
    assert_eq!(kind("Staff time"), dec!(0));
    assert_eq!(layer("Executive"), dec!(14400));
    assert_eq!(layer("Strategic"), dec!(0));
}

#[test]
fn the_fixed_costs_follow_whoever_pays_them() {
    // As above with the NHS paying venue and refreshments: Council 12 × 480 = £5,760,
    // NHS 12 × (360 + 200) = £6,720.
    let board = BOARD.replace(r#"paid_by: "Council""#, r#"paid_by: "NHS""#);
    let a = appraise(&one_partnership(&undiscounted(2), &[board], &[]));
    let r = &a.partnerships[0];
    assert_eq!(cost_of(r, "Council"), dec!(5760));
    assert_eq!(cost_of(r, "NHS"), dec!(6720));
    assert_eq!(r.measures.pvc, dec!(14400));
}

// ---------------------------------------------------------------------------------
// Optimism bias

#[test]
fn cost_uplift_from_a_confidence_grade_or_a_direct_rate() {
    // £10,000 each:
    //  grade 4 of the default table (15%): £11,500;
    //  direct 24% (Green Book upper bound for standard buildings): £12,400;
    //  200% upper bound (equipment and development) with 60% mitigated:
    //  (1 − 0.6) × 200% = 80% → £18,000.
    let costs = [
        other_cost("Graded", "Council", r#""10000""#, r#"Grade("4")"#),
        other_cost("Buildings", "Council", r#""10000""#, r#"Direct("0.24")"#),
        other_cost("Equipment", "Council", r#""10000""#, r#"Direct("0.8")"#),
    ];
    let a = appraise(&one_partnership(&undiscounted(1), &costs, &[]));
    no_errors(&a);
    let lines = &a.partnerships[0].cost_lines;
    assert_eq!(lines[0].pv, dec!(11500));
    assert_eq!(lines[1].pv, dec!(12400));
    assert_eq!(lines[2].pv, dec!(18000));
    assert_eq!(a.partnerships[0].measures.pvc, dec!(41900));
}

#[test]
fn benefit_reduction_from_a_confidence_grade_or_a_direct_rate() {
    // £10,000 each: grade 5 of the default table (25%) keeps £7,500; direct 40% keeps £6,000.
    let benefits = [
        r#"(name: "Graded", benefit_type: Social, optimism: Grade("5"), detail: Direct(PerYear(["10000"])))"#.to_owned(),
        r#"(name: "Direct", benefit_type: Economic, optimism: Direct("0.4"), detail: Direct(PerYear(["10000"])))"#.to_owned(),
    ];
    let a = appraise(&one_partnership(&undiscounted(1), &[], &benefits));
    no_errors(&a);
    let m = &a.partnerships[0].measures;
    assert_eq!(m.pvb.social, dec!(7500));
    assert_eq!(m.pvb.economic, dec!(6000));
    assert_eq!(m.pvb_total, dec!(13500));
}

/// One grade "B" used by a cost and a benefit, with the table row given.
fn graded_both_ways(cost_uplift: &str, benefit_reduction: &str) -> String {
    project(
        &undiscounted(2),
        &format!(
            r#"{PARTNERS}
            partnerships: [{}],
            confidence_grades: [(grade: "B", cost_uplift: "{cost_uplift}", benefit_reduction: "{benefit_reduction}")],"#,
            partnership(
                "Graded",
                &[other_cost("Cost", "Council", r#""1000", "1000""#, r#"Grade("B")"#)],
                &[r#"(name: "Saving", benefit_type: Fiscal, partner: Some("NHS"), optimism: Grade("B"),
                      detail: Direct(PerYear(["3000", "3000"])))"#
                    .to_owned()]
            )
        ),
    )
}

#[test]
fn a_grade_uplifts_costs_and_reduces_benefits_by_its_own_columns() {
    // Costs £2,000 × 1.5 = £3,000; benefits £6,000 × (1 − 0.2) = £4,800.
    let a = appraise(&graded_both_ways("0.5", "0.2"));
    no_errors(&a);
    assert_eq!(a.partnerships[0].measures.pvc, dec!(3000));
    assert_eq!(a.partnerships[0].measures.pvb.fiscal, dec!(4800));
}

#[test]
fn a_cost_uplift_never_changes_a_benefit_and_a_benefit_reduction_never_a_cost() {
    let base = appraise(&graded_both_ways("0.5", "0.2"));
    let more_cost_uplift = appraise(&graded_both_ways("1.5", "0.2"));
    let more_benefit_reduction = appraise(&graded_both_ways("0.5", "0.7"));
    let (b, c, r) = (
        &base.partnerships[0].measures,
        &more_cost_uplift.partnerships[0].measures,
        &more_benefit_reduction.partnerships[0].measures,
    );
    // The uplift moved: costs £2,000 × 2.5 = £5,000; benefits unchanged.
    assert_eq!(c.pvc, dec!(5000));
    assert_eq!(c.pvb, b.pvb);
    assert_eq!(c.pvb_cashable, b.pvb_cashable);
    // The reduction moved: benefits £6,000 × 0.3 = £1,800; costs unchanged.
    assert_eq!(r.pvb.fiscal, dec!(1800));
    assert_eq!(r.pvc, b.pvc);
}

// ---------------------------------------------------------------------------------
// Outcome chains

fn outcome_project(horizon: u32, unit_value: &str) -> String {
    project(
        &undiscounted(horizon),
        &format!(
            r#"{PARTNERS}
            partnerships: [(name: "Employment support", status: Active, funding: GrantOrTransfer,
                benefits: [(name: "Into work", benefit_type: Economic, optimism: Direct("0.1"),
                    detail: Outcome((
                        cohort: Constant(value: "200", start_year: 0, years: 2, growth: "0"),
                        engagement_rate: "0.6", success_rate: "0.5",
                        unit_value: {unit_value},
                        deadweight: "0.2", displacement: "0.1", attribution: "0.25",
                        lag_years: 1, duration_years: 3, drop_off: "0.2",
                    )))])],
            unit_values: [(name: "Earnings gain", value: "250", price_year: 2023,
                           source: "illustrative")],
            deflators: [(year: 2023, index: "80"), (year: 2024, index: "90"), (year: 2026, index: "100")],"#
        ),
    )
}

#[test]
fn outcome_chain_with_lag_duration_drop_off_and_rebased_unit_value() {
    // Unit value £250 in 2023/24 prices, rebased to 2026/27: 250 × 100 / 80 = £312.50.
    // Per person starting: 0.6 × 0.5 × 312.50 × (1 − 0.2)(1 − 0.1)(1 − 0.25) × (1 − 0.1 OB)
    //   = 93.75 × 0.8 × 0.9 × 0.75 × 0.9 = £45.5625; a cohort of 200 is worth £9,112.50.
    // Each cohort is first worth that one year after it starts (lag 1), for 3 years,
    // keeping 80% each year after the first: 9,112.50, 7,290, 5,832.
    // Cohorts start in years 0 and 1, so by year:
    //   0: 0;  1: 9,112.50;  2: 7,290 + 9,112.50 = 16,402.50;  3: 5,832 + 7,290 = 13,122;
    //   4: 5,832;  5: 0.   Total £44,469 (undiscounted).
    let a = appraise(&outcome_project(6, r#"Library("Earnings gain")"#));
    no_errors(&a);
    let r = &a.partnerships[0];
    assert_eq!(
        r.flows.benefits.economic,
        vec![
            dec!(0),
            dec!(9112.5),
            dec!(16402.5),
            dec!(13122),
            dec!(5832),
            dec!(0)
        ]
    );
    assert_eq!(r.measures.pvb.economic, dec!(44469));
    // An economic benefit with no partner accrues to wider society.
    assert_eq!(r.wider_society, dec!(44469));
    // With a 4-year horizon, year 4 is beyond it: 44,469 − 5,832 = £38,637.
    let short = appraise(&outcome_project(4, r#"Library("Earnings gain")"#));
    assert_eq!(short.partnerships[0].measures.pvb.economic, dec!(38637));
}

#[test]
fn a_typed_unit_value_is_rebased_from_its_own_price_year() {
    // £180 in 2024/25 prices: 180 × 100 / 90 = £200 in 2026/27 prices, so per person
    // 0.3 × 200 × 0.8 × 0.9 × 0.75 × 0.9 = £29.16, a cohort of 200 £5,832 in its first year.
    let a = appraise(&outcome_project(
        3,
        r#"Typed(value: "180", price_year: 2024)"#,
    ));
    no_errors(&a);
    assert_eq!(a.partnerships[0].flows.benefits.economic[1], dec!(5832));
    // In the price base year itself no deflator is needed: £200 as typed gives the same.
    let a = appraise(&outcome_project(
        3,
        r#"Typed(value: "200", price_year: 2026)"#,
    ));
    assert_eq!(a.partnerships[0].flows.benefits.economic[1], dec!(5832));
}

// ---------------------------------------------------------------------------------
// Pooled funds

fn pool_project(risk_share: &str, host: &str, council_outturn: &str, nhs_outturn: &str) -> String {
    let costs = [format!(
        r#"(name: "Better care fund", cost_type: Revenue, optimism: Direct("0"),
            detail: PooledFund((host: "{host}", risk_share: {risk_share}, contributions: [
                (partner: "Council", amounts: PerYear(["600", "600"]),
                 forecast_outturn: Some(PerYear(["{council_outturn}", "600"]))),
                (partner: "NHS", amounts: PerYear(["400", "400"]),
                 forecast_outturn: Some(PerYear(["{nhs_outturn}", "400"]))),
            ])))"#
    )];
    project(
        &undiscounted(2),
        &format!(
            "{PARTNERS}\npartnerships: [{}],",
            partnership("Pooled care", &costs, &[])
        )
        .replace("funding: AlignedBudget", "funding: PooledBudget"),
    )
}

#[test]
fn a_pooled_fund_overspend_is_split_by_the_risk_share_rule() {
    // Council puts in £600 a year and NHS £400 for 2 years (60% / 40% of the pool).
    // In year 0 the Council element spends £660 (over by 60) and the NHS element £420
    // (over by 20): an overspend of £80. Costs are contributions plus the share of it:
    //   pro rata:      Council 1,200 + 0.6 × 80 = 1,248;  NHS 800 + 0.4 × 80 = 832
    //   host bears:    Council 1,200 + 80 = 1,280;        NHS 800
    //   each its own:  Council 1,200 + 60 = 1,260;        NHS 800 + 20 = 820
    // Every rule leaves the total at the outturn: £2,080.
    for (rule, council, nhs) in [
        ("ProRata", dec!(1248), dec!(832)),
        ("HostBears", dec!(1280), dec!(800)),
        ("EachBearsOwn", dec!(1260), dec!(820)),
    ] {
        let a = appraise(&pool_project(rule, "Council", "660", "420"));
        no_errors(&a);
        let r = &a.partnerships[0];
        assert_eq!(cost_of(r, "Council"), council, "{rule}");
        assert_eq!(cost_of(r, "NHS"), nhs, "{rule}");
        assert_eq!(r.measures.pvc, dec!(2080), "{rule}");
        let pool = &r.pools[0];
        assert_eq!(pool.line, "Better care fund");
        assert_eq!(pool.host, "Council");
        assert_eq!(pool.total_contributions, dec!(2000));
        assert_eq!(pool.total_variance, dec!(80));
        let share = |name: &str| pool.shares.iter().find(|s| s.partner == name).unwrap();
        assert_eq!(share("Council").contributed, dec!(1200));
        assert_eq!(share("Council").share, Some(dec!(0.6)));
        assert_eq!(share("NHS").share, Some(dec!(0.4)));
        assert_eq!(
            share("Council").variance_borne,
            council - dec!(1200),
            "{rule}"
        );
        assert_eq!(share("NHS").variance_borne, nhs - dec!(800), "{rule}");
        let kind = r
            .cost_by_kind
            .iter()
            .find(|b| b.label == "Pooled funds")
            .unwrap();
        assert_eq!(kind.pv, dec!(2080));
    }
}

#[test]
fn a_pooled_fund_underspend_reduces_costs_pro_rata() {
    // The Council element spends £500 in year 0 (under by 100), NHS exactly £400:
    // pro rata the £100 underspend is returned 60 / 40: Council 1,200 − 60 = 1,140, NHS 800 − 40 = 760.
    let a = appraise(&pool_project("ProRata", "Council", "500", "400"));
    let r = &a.partnerships[0];
    assert_eq!(cost_of(r, "Council"), dec!(1140));
    assert_eq!(cost_of(r, "NHS"), dec!(760));
    assert_eq!(r.pools[0].total_variance, dec!(-100));
}

#[test]
fn a_host_that_contributes_nothing_still_bears_the_variance() {
    // Police hosts but puts nothing in: under "host bears" it carries the whole £80.
    let a = appraise(&pool_project("HostBears", "Police", "660", "420"));
    no_errors(&a);
    let r = &a.partnerships[0];
    assert_eq!(cost_of(r, "Council"), dec!(1200));
    assert_eq!(cost_of(r, "NHS"), dec!(800));
    assert_eq!(cost_of(r, "Police"), dec!(80));
    let police = r.pools[0]
        .shares
        .iter()
        .find(|s| s.partner == "Police")
        .unwrap();
    assert_eq!(police.contributed, dec!(0));
    assert_eq!(police.share, None);
    assert_eq!(police.variance_borne, dec!(80));
}

// ---------------------------------------------------------------------------------
// Results

/// Costs: Council £50,000 in year 0, NHS £10,000 in year 0.
/// Benefits: fiscal to the Council £30,000 in years 1 and 2 (half cashable); fiscal to the
/// NHS £10,000 in year 1; economic to no one £5,000 in year 2; social to residents £2,000 in year 2.
fn results_project(settings: &str) -> String {
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

// ---------------------------------------------------------------------------------
// Diagnostics

/// A project with one instance of each problem validate() should find.
fn faulty_project() -> String {
    project(
        &settings(10, "Standard", "GreenBook"),
        &format!(
            r#"{PARTNERS}
            partnerships: [(name: "Faulty", status: Proposed, funding: AlignedBudget,
                costs: [
                    (name: "Negative hours", cost_type: InKind, optimism: Direct("0"),
                     detail: StaffTime((partner: "Council", grade: "Officer", layer: Operational,
                        hours: PerYear(["-10"])))),
                    (name: "Empty meeting", cost_type: InKind, optimism: Direct("0"),
                     detail: Meeting((layer: Strategic, meetings: PerYear(["4"]),
                        meeting_hours: "2", preparation_hours: "0", travel_hours: "0"))),
                    (name: "Wrong grade", cost_type: InKind, optimism: Direct("0"),
                     detail: Meeting((layer: Strategic, meetings: PerYear(["4"]),
                        meeting_hours: "2", preparation_hours: "0", travel_hours: "0",
                        attendees: [(partner: "NHS", grade: "Director", count: "1")]))),
                    (name: "Too large", cost_type: Capital, optimism: Direct("0"),
                     detail: Other((category: It, partner: "Council", amounts: PerYear(["1000000000001"])))),
                    (name: "Runs on", cost_type: Revenue, optimism: Direct("0"),
                     detail: Other((category: It, partner: "Council",
                        amounts: Constant(value: "10", start_year: 8, years: 5, growth: "0")))),
                    (name: "Unknown grade", cost_type: Revenue, optimism: Grade("Z"),
                     detail: Other((category: It, partner: "Council", amounts: PerYear(["10"])))),
                ],
                benefits: [
                    (name: "Over 100%", benefit_type: Social, optimism: Direct("0"),
                     detail: Outcome((cohort: PerYear(["10"]), engagement_rate: "1.5", success_rate: "0.5",
                        unit_value: Typed(value: "100", price_year: 2026),
                        deadweight: "1.2", displacement: "0", attribution: "0",
                        lag_years: 0, duration_years: 1, drop_off: "0"))),
                    (name: "Nobody's saving", benefit_type: Fiscal, optimism: Direct("0"),
                     detail: Direct(PerYear(["10"]))),
                    (name: "No such unit value", benefit_type: Social, optimism: Direct("0"),
                     detail: Outcome((cohort: PerYear(["10"]), engagement_rate: "1", success_rate: "1",
                        unit_value: Library("Nope"),
                        deadweight: "0", displacement: "0", attribution: "0",
                        lag_years: 0, duration_years: 1, drop_off: "0"))),
                    (name: "No deflator", benefit_type: Social, optimism: Direct("0"),
                     detail: Outcome((cohort: PerYear(["10"]), engagement_rate: "1", success_rate: "1",
                        unit_value: Typed(value: "100", price_year: 2019),
                        deadweight: "0", displacement: "0", attribution: "0",
                        lag_years: 0, duration_years: 1, drop_off: "0"))),
                    (name: "Too long", benefit_type: Social, optimism: Direct("0"),
                     detail: Direct(PerYear(["1","1","1","1","1","1","1","1","1","1","1","1"]))),
                ])],
            deflators: [(year: 2026, index: "100")],"#
        ),
    )
}

#[test]
fn validate_finds_each_problem_where_it_is() {
    let diagnostics = appraisal::validate(&load(&faulty_project()));
    let find = |location: Location, field: &str, severity: Severity, words: &str| {
        assert!(
            diagnostics.iter().any(|d| d.location == location
                && d.field == field
                && d.severity == severity
                && d.message.contains(words)),
            "expected {severity:?} on {field} at {location:?} saying '{words}', got:\n{}",
            diagnostics
                .iter()
                .map(|d| format!("{d} @ {:?}", d.location))
                .collect::<Vec<_>>()
                .join("\n")
        );
    };
    let cost = |line| Location::Cost {
        partnership: 0,
        line,
    };
    let benefit = |line| Location::Benefit {
        partnership: 0,
        line,
    };
    use Severity::{Error, Warning};
    find(cost(0), "Hours a year", Error, "negative");
    find(cost(1), "Attendees", Warning, "no attendees");
    find(cost(2), "Attendee grade", Error, "not on NHS's rate card");
    find(cost(3), "Amount", Error, "too large");
    find(cost(4), "Amount", Warning, "beyond the 10-year horizon");
    find(cost(5), "Confidence grade", Error, "'Z'");
    find(benefit(0), "Engagement rate", Error, "150%");
    find(benefit(0), "Deadweight", Error, "120%");
    find(
        benefit(1),
        "Partner",
        Error,
        "fiscal benefit must name the partner",
    );
    find(benefit(2), "Unit value", Error, "'Nope'");
    find(
        benefit(3),
        "Price year",
        Error,
        "no GDP deflator for 2019/20",
    );
    find(benefit(4), "Amount", Warning, "beyond the 10-year horizon");
    // Errors come first.
    let first_warning = diagnostics
        .iter()
        .position(|d| d.severity == Warning)
        .unwrap();
    assert!(
        diagnostics[first_warning..]
            .iter()
            .all(|d| d.severity == Warning)
    );
}

#[test]
fn a_clean_project_has_no_diagnostics() {
    let project = load(&results_project(&settings(10, "Standard", "GreenBook")));
    assert_eq!(appraisal::validate(&project), vec![]);
    assert_eq!(appraisal::appraise(&project).diagnostics, vec![]);
}

/// Every problem with an appraisal's figures, as the app and the command line list them.
fn appraised(text: &str) -> (Appraisal, Vec<appraisal::Diagnostic>) {
    let project = load(text);
    let a = appraisal::appraise(&project);
    let problems = appraisal::problems(&project, &a);
    (a, problems)
}

#[test]
fn appraise_leaves_out_every_line_with_an_error_and_counts_none_of_it() {
    let (a, problems) = appraised(&faulty_project());
    let r = &a.partnerships[0];
    let said = |location: Location, words: &str| {
        assert!(
            problems.iter().any(|d| d.location == location
                && d.is_error()
                && d.message.contains(words)
                && d.message.contains("left out of the results")),
            "expected {location:?} left out for {words}: {problems:#?}"
        );
    };
    let cost = |line| Location::Cost {
        partnership: 0,
        line,
    };
    let benefit = |line| Location::Benefit {
        partnership: 0,
        line,
    };
    // Negative hours, an amount over the limit and a confidence grade that does not exist
    // leave their lines out; so do shares over 100%, a fiscal benefit with no partner, a
    // unit value and a deflator that do not exist. None of them is counted: the officer's
    // -10 hours used to count as -£300.
    said(cost(0), "is negative (-10)");
    said(cost(3), "is too large to compute");
    said(cost(5), "grade 'Z' is not in the confidence-grade table");
    said(benefit(0), "is 150%");
    said(benefit(1), "a fiscal benefit must name the partner");
    said(benefit(2), "'Nope' is not in the unit-value library");
    said(benefit(3), "there is no GDP deflator for 2019/20");
    let included =
        |lines: &[appraisal::LineValue]| lines.iter().map(|l| l.included).collect::<Vec<_>>();
    assert_eq!(
        included(&r.cost_lines),
        [false, true, true, false, true, false]
    );
    assert_eq!(
        included(&r.benefit_lines),
        [false, false, false, false, true]
    );
    // The meeting whose only attendee has a grade NHS does not have keeps the line and
    // leaves out the attendee: it costs nothing, and says why.
    said(cost(2), "this attendee is left out");
    assert_eq!(r.cost_lines[2].pv, dec!(0));
    assert_eq!(
        (r.left_out.lines, r.left_out.parts),
        (7, 1),
        "{problems:#?}"
    );
    // Only lines with warnings are counted: "Runs on" (beyond the horizon) and "Too long".
    assert_eq!(r.measures.pvc, r.cost_lines[4].pv);
    assert_eq!(r.measures.pvb_total, r.benefit_lines[4].pv);
    // What the appraisal met itself adds nothing that validate did not already say.
    assert!(a.diagnostics.is_empty(), "{:#?}", a.diagnostics);
}

#[test]
fn a_missing_partner_or_grade_on_staff_time_leaves_the_line_out() {
    let costs = [
        r#"(name: "Ghost", cost_type: InKind, optimism: Direct("0"),
            detail: StaffTime((partner: "Fire", grade: "Officer", layer: Operational, hours: PerYear(["10"]))))"#.to_owned(),
        r#"(name: "Bad grade", cost_type: InKind, optimism: Direct("0"),
            detail: StaffTime((partner: "Council", grade: "Mayor", layer: Operational, hours: PerYear(["10"]))))"#.to_owned(),
        other_cost("Fine", "Council", r#""100""#, r#"Direct("0")"#),
    ];
    let a = appraise(&one_partnership(&undiscounted(1), &costs, &[]));
    let r = &a.partnerships[0];
    assert_eq!(
        r.cost_lines.iter().map(|l| l.included).collect::<Vec<_>>(),
        [false, false, true]
    );
    assert_eq!(r.measures.pvc, dec!(100));
    let project = load(&one_partnership(&undiscounted(1), &costs, &[]));
    let errors: Vec<_> = appraisal::validate(&project)
        .into_iter()
        .filter(|d| d.is_error())
        .collect();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors[0]
            .message
            .contains("partner 'Fire' does not exist; the line is left out")
    );
    assert!(
        errors[1]
            .message
            .contains("grade 'Mayor' is not on Council's rate card; the line")
    );
    assert!(r.partners.iter().all(|p| p.partner != "Fire"));
}

#[test]
fn an_other_cost_naming_a_missing_partner_is_left_out() {
    // A staff-time line naming a partner that does not exist is left out with a
    // diagnostic (above); an "other" cost or a pooled-fund contribution naming one should
    // be too, rather than being charged to a partner the project does not have.
    let costs = [
        other_cost("Deleted partner's IT", "Fire", r#""100""#, r#"Direct("0")"#),
        r#"(name: "Pool", cost_type: Revenue, optimism: Direct("0"),
            detail: PooledFund((host: "Council", risk_share: ProRata, contributions: [
                (partner: "Fire", amounts: PerYear(["50"]))])))"#
            .to_owned(),
        other_cost("Fine", "Council", r#""100""#, r#"Direct("0")"#),
    ];
    let a = appraise(&one_partnership(&undiscounted(1), &costs, &[]));
    let r = &a.partnerships[0];
    // The other cost is left out whole; the pool keeps its line but leaves out the one
    // contribution that names 'Fire', so it costs nothing.
    assert_eq!(
        r.cost_lines.iter().map(|l| l.included).collect::<Vec<_>>(),
        [false, true, true],
        "a line naming partner 'Fire', which does not exist, was counted"
    );
    assert_eq!(r.cost_lines[1].pv, dec!(0));
    assert_eq!((r.left_out.lines, r.left_out.parts), (1, 1));
    assert_eq!(r.measures.pvc, dec!(100));
    assert!(
        r.partners.iter().all(|p| p.partner != "Fire"),
        "{:#?}",
        r.partners
    );
    let (_, problems) = appraised(&one_partnership(&undiscounted(1), &costs, &[]));
    let errors: Vec<_> = problems.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors[1]
            .message
            .ends_with("this contribution is left out of the results")
    );
}

#[test]
fn an_absurd_horizon_neither_hangs_nor_allocates_without_bound() {
    // horizon_years: u32::MAX in a hand-edited file. The engine caps the horizon at 300
    // years and validate() reports it. Run in a thread so a hang fails the test instead
    // of stalling the suite.
    for year0 in ["GreenBook", "DiscountFirstYear"] {
        let text = project(
            &settings(u32::MAX, "Standard", year0),
            &format!(
                "{PARTNERS}\npartnerships: [{}],",
                partnership(
                    "Forever",
                    &[other_cost("c", "Council", r#""100""#, r#"Direct("0")"#)],
                    &[direct_benefit("b", "Social", "None", r#""200""#)]
                )
            ),
        );
        let project = load(&text);
        assert_eq!(project.settings.horizon_years, u32::MAX);
        let (send, receive) = mpsc::channel();
        let p = project.clone();
        std::thread::spawn(move || {
            let _ = send.send(appraisal::appraise(&p));
        });
        let a = receive
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("appraise did not finish within 60 s ({year0})"));
        assert_eq!(a.years.len(), appraisal::MAX_HORIZON_YEARS as usize);
        assert_eq!(
            a.discount_factors.len(),
            appraisal::MAX_HORIZON_YEARS as usize
        );
        assert_eq!(a.partnerships[0].flows.costs.len(), 300);
        // £100 in year index 0: undiscounted under the Green Book convention, 100/1.035
        // = £96.62 when the first year is discounted.
        let expected = if year0 == "GreenBook" {
            dec!(100)
        } else {
            dec!(96.62)
        };
        assert_eq!(pence(a.partnerships[0].measures.pvc), expected);
        let diagnostics = appraisal::validate(&project);
        assert!(
            diagnostics.iter().any(|d| d.is_error()
                && d.field == "Horizon"
                && d.message.contains("from 1 to 300")),
            "{diagnostics:#?}"
        );
    }
}

#[test]
fn a_zero_horizon_gives_empty_results_without_failing() {
    let text = results_project(&settings(0, "Standard", "GreenBook"));
    let project = load(&text);
    let a = appraisal::appraise(&project);
    assert!(a.discount_factors.is_empty());
    assert_eq!(a.partnerships[0].measures.pvc, dec!(0));
    assert_eq!(a.partnerships[0].measures.payback, Payback::Never);
    assert!(
        appraisal::validate(&project)
            .iter()
            .any(|d| d.field == "Horizon" && d.is_error())
    );
}

/// Decimal::MAX, about 7.9e28: a file may hold it even though validate() refuses it.
const HUGE: &str = "79228162514264337593543950335";

#[test]
fn appraise_does_not_panic_on_a_benefit_reduction_beyond_range() {
    // A direct benefit reduction of −7.9e28: 1 − reduction cannot be held in a Decimal.
    let benefits = [format!(
        r#"(name: "b", benefit_type: Social, optimism: Direct("-{HUGE}"), detail: Direct(PerYear(["1"])))"#
    )];
    let project = load(&one_partnership(&undiscounted(1), &[], &benefits));
    let a = std::panic::catch_unwind(|| appraisal::appraise(&project))
        .expect("appraise panicked on a benefit reduction of -7.9e28");
    assert!(!a.partnerships[0].benefit_lines[0].included);
    assert!(
        appraisal::problems(&project, &a)
            .iter()
            .any(|d| d.is_error())
    );
}

#[test]
fn appraise_does_not_panic_on_outcome_rates_beyond_range() {
    // A deadweight (or displacement, attribution, drop-off) of −7.9e28: 1 − rate overflows.
    for field in ["deadweight", "displacement", "attribution", "drop_off"] {
        let chain = r#"(name: "b", benefit_type: Social, optimism: Direct("0"),
                detail: Outcome((cohort: PerYear(["1"]), engagement_rate: "1", success_rate: "1",
                    unit_value: Typed(value: "1", price_year: 2026),
                    deadweight: "0", displacement: "0", attribution: "0",
                    lag_years: 0, duration_years: 1, drop_off: "0")))"#
            .to_string()
            .replace(
                &format!(r#"{field}: "0""#),
                &format!(r#"{field}: "-{HUGE}""#),
            );
        let project = load(&one_partnership(&undiscounted(1), &[], &[chain]));
        let result = std::panic::catch_unwind(|| appraisal::appraise(&project));
        assert!(result.is_ok(), "appraise panicked on {field} = -{HUGE}");
    }
}

#[test]
fn validate_does_not_panic_on_a_rate_beyond_range() {
    // A share far out of range is reported as an error, not a panic while writing it as
    // a percentage (rate × 100 overflows a Decimal).
    let chain = format!(
        r#"(name: "b", benefit_type: Social, optimism: Direct("0"),
            detail: Outcome((cohort: PerYear(["1"]), engagement_rate: "{HUGE}", success_rate: "1",
                unit_value: Typed(value: "1", price_year: 2026),
                deadweight: "0", displacement: "0", attribution: "0",
                lag_years: 0, duration_years: 1, drop_off: "0")))"#
    );
    let project = load(&one_partnership(&undiscounted(1), &[], &[chain]));
    let diagnostics = std::panic::catch_unwind(|| appraisal::validate(&project))
        .expect("validate panicked on an engagement rate of 7.9e28");
    assert!(
        diagnostics
            .iter()
            .any(|d| d.is_error() && d.field == "Engagement rate")
    );
}

#[test]
fn amounts_too_large_to_compute_leave_the_line_out_without_panicking() {
    // £7.9e28 a year uplifted by 50% overflows; the line is left out with a diagnostic.
    let costs = [
        other_cost(
            "Huge",
            "Council",
            &format!(r#""{HUGE}""#),
            r#"Direct("0.5")"#,
        ),
        other_cost("Fine", "Council", r#""100""#, r#"Direct("0")"#),
    ];
    let (a, problems) = appraised(&one_partnership(&undiscounted(1), &costs, &[]));
    let r = &a.partnerships[0];
    assert!(!r.cost_lines[0].included);
    assert!(r.cost_lines[1].included);
    assert_eq!(r.measures.pvc, dec!(100));
    assert!(problems.iter().any(|d| d.location
        == Location::Cost {
            partnership: 0,
            line: 0
        }
        && d.message.contains("too large")));
    // Two meetings within every input limit, each costing £6 × 10^28 (10^12 attendees for
    // 10^12 hours at £60, 1,000 times): each fits alone but not together, so the
    // partnership's totals overflow and it is shown as zero, with a diagnostic, and its
    // lines are counted as left out.
    let huge_meeting = |name: &str| {
        format!(
            r#"(name: "{name}", cost_type: InKind, optimism: Direct("0"),
                detail: Meeting((layer: Strategic, meetings: PerYear(["1000"]),
                    meeting_hours: "1000000000000", preparation_hours: "0", travel_hours: "0",
                    attendees: [(partner: "Council", grade: "Director", count: "1000000000000")])))"#
        )
    };
    let text = one_partnership(
        &undiscounted(1),
        &[huge_meeting("Huge 1"), huge_meeting("Huge 2")],
        &[],
    );
    let (a, problems) = appraised(&text);
    assert_eq!(a.partnerships[0].measures.pvc, dec!(0));
    assert_eq!(a.partnerships[0].left_out.lines, 2);
    assert!(
        problems
            .iter()
            .any(|d| d.is_error() && d.message.contains("its totals are too large to compute"))
    );
}

#[test]
fn validate_does_not_panic_on_proposal_shares_beyond_range() {
    // A cost-split proposal whose shares add up beyond what a Decimal holds: validate()
    // sums them (saturating) and then compares the total with 100%.
    let proposal = format!(
        r#"proposals: [(name: "Split", basis: Equal, shares: [
            (partner: "Council", share: "-{HUGE}"),
            (partner: "NHS", share: "-{HUGE}"),
        ])],"#
    );
    let text = one_partnership(&undiscounted(1), &[], &[])
        .replace("benefits: [])", &format!("benefits: [], {proposal})"));
    assert!(text.contains("proposals"), "{text}");
    let project = load(&text);
    let diagnostics = std::panic::catch_unwind(|| appraisal::validate(&project))
        .expect("validate panicked on proposal shares of -7.9e28");
    assert!(
        diagnostics
            .iter()
            .any(|d| d.is_error() && d.field == "Share")
    );
}

#[test]
fn the_last_financial_year_an_i32_holds_displays_without_overflow() {
    // A hand-edited first_year of 2147483647 is refused by validate(), but results still
    // name their years; 2147483647/48 must not overflow computing the year after.
    let year = partnership_appraisal::model::FinancialYear(i32::MAX);
    let shown = std::panic::catch_unwind(|| year.to_string())
        .expect("FinancialYear(i32::MAX) panicked when displayed");
    assert_eq!(shown, "2147483647/48");
    assert_eq!(
        partnership_appraisal::model::FinancialYear(-1).to_string(),
        "-1/00"
    );
}
