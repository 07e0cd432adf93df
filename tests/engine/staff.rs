use super::common::{pence, project, undiscounted};
use super::{appraise, cost_of, no_errors, one_partnership, partner};
use rust_decimal_macros::dec;

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
