use super::common::{PARTNERS, project, undiscounted};
use super::{appraise, no_errors};
use rust_decimal_macros::dec;

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
