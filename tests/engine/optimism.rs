use super::common::{PARTNERS, project, undiscounted};
use super::{appraise, no_errors, one_partnership, other_cost, partnership};
use rust_decimal_macros::dec;

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
