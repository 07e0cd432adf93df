//! Property tests of the project's own invariants (STYLE.md, Tests 2), compared at
//! reporting precision: Decimal keeps 28 significant digits, so the order of summation
//! can change the last digit.

mod common;

use common::same_at;
use partnership_appraisal::appraisal::{self, Appraisal, Measures, PartnerPosition};
use partnership_appraisal::model::*;
use partnership_appraisal::{file, report};
use proptest::prelude::*;
use proptest::test_runner::Config;
use rust_decimal::Decimal;

fn config(cases: u32) -> Config {
    Config {
        cases,
        // Keep failures in the test output, not in files beside the tests.
        failure_persistence: None,
        max_shrink_time: 60_000,
        ..Config::default()
    }
}

#[path = "common/strategies.rs"]
mod strategies;

use strategies::*;

// ---------------------------------------------------------------------------------
// Helpers

fn sum(values: &[Decimal]) -> Decimal {
    values.iter().copied().sum()
}

fn same_measures(a: &Measures, b: &Measures) -> Result<(), TestCaseError> {
    let money = [
        ("PVC", a.pvc, b.pvc),
        ("PVB fiscal", a.pvb.fiscal, b.pvb.fiscal),
        ("PVB economic", a.pvb.economic, b.pvb.economic),
        ("PVB social", a.pvb.social, b.pvb.social),
        ("PVB cashable", a.pvb_cashable, b.pvb_cashable),
        ("net value", a.net_value, b.net_value),
        (
            "net budget impact",
            a.net_budget_impact,
            b.net_budget_impact,
        ),
    ];
    for (what, x, y) in money {
        prop_assert!(same_at(x, y, 2), "{what}: {x} against {y}");
    }
    for (what, x, y) in [
        ("BCR", a.bcr, b.bcr),
        ("fiscal ROI", a.fiscal_roi, b.fiscal_roi),
        ("cashable ROI", a.fiscal_roi_cashable, b.fiscal_roi_cashable),
    ] {
        match (x, y) {
            (Some(x), Some(y)) => prop_assert!(same_at(x, y, 4), "{what}: {x} against {y}"),
            (None, None) => {}
            _ => prop_assert!(false, "{what}: {x:?} against {y:?}"),
        }
    }
    Ok(())
}

fn same_positions(a: &[PartnerPosition], b: &[PartnerPosition]) -> Result<(), TestCaseError> {
    prop_assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(b) {
        prop_assert_eq!(&x.partner, &y.partner);
        prop_assert!(same_at(x.pv_costs, y.pv_costs, 2));
        prop_assert!(same_at(x.pv_fiscal, y.pv_fiscal, 2));
        prop_assert!(same_at(x.pv_other, y.pv_other, 2));
        prop_assert!(same_at(x.net_value, y.net_value, 2));
    }
    Ok(())
}

/// A fixed permutation from a seed (a small LCG and Fisher–Yates).
fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut state = seed | 1;
    for i in (1..items.len()).rev() {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        items.swap(i, (state >> 33) as usize % (i + 1));
    }
}

fn clean(a: &Appraisal) -> Result<(), TestCaseError> {
    prop_assert!(
        a.diagnostics.is_empty(),
        "a tame project should appraise cleanly: {:#?}",
        a.diagnostics
    );
    Ok(())
}

// ---------------------------------------------------------------------------------
// Properties

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn tame_projects_are_valid(project in tame_project()) {
        let errors: Vec<String> = appraisal::validate(&project)
            .into_iter()
            .filter(|d| d.is_error())
            .map(|d| d.to_string())
            .collect();
        prop_assert!(errors.is_empty(), "{errors:#?}");
    }

    #[test]
    fn at_a_zero_discount_rate_present_value_is_the_plain_sum(
        mut project in tame_project(),
        sroi in any::<bool>(),
    ) {
        project.settings.discount = DiscountSchedule::Custom(Rate::ZERO);
        project.settings.year0 = if sroi {
            Year0Convention::DiscountFirstYear
        } else {
            Year0Convention::GreenBook
        };
        let a = appraisal::appraise(&project);
        clean(&a)?;
        prop_assert!(a.discount_factors.iter().all(|f| *f == Decimal::ONE));
        for r in &a.partnerships {
            let m = &r.measures;
            prop_assert!(same_at(m.pvc, sum(&r.flows.costs), 2));
            prop_assert!(same_at(m.pvb.fiscal, sum(&r.flows.benefits.fiscal), 2));
            prop_assert!(same_at(m.pvb.economic, sum(&r.flows.benefits.economic), 2));
            prop_assert!(same_at(m.pvb.social, sum(&r.flows.benefits.social), 2));
            for line in r.cost_lines.iter().chain(&r.benefit_lines) {
                prop_assert!(same_at(line.pv, sum(&line.by_year), 2), "line {}", line.name);
            }
            // The line values add up to the partnership's totals.
            let lines: Decimal = r.cost_lines.iter().map(|l| l.pv).sum();
            prop_assert!(same_at(lines, m.pvc, 2));
            let benefits: Decimal = r.benefit_lines.iter().map(|l| l.pv).sum();
            prop_assert!(same_at(benefits, m.pvb_total, 2));
        }
        let p = &a.portfolio.measures;
        prop_assert!(same_at(p.pvc, sum(&a.portfolio.flows.costs), 2));
    }

    #[test]
    fn the_order_of_lines_and_partnerships_does_not_change_the_totals(
        project in tame_project(),
        seed in any::<u64>(),
    ) {
        let before = appraisal::appraise(&project);
        let mut reordered = project.clone();
        for (i, p) in reordered.partnerships.iter_mut().enumerate() {
            shuffle(&mut p.costs, seed.wrapping_add(i as u64));
            shuffle(&mut p.benefits, seed.wrapping_mul(3).wrapping_add(i as u64));
        }
        let after = appraisal::appraise(&reordered);
        clean(&after)?;
        for (x, y) in before.partnerships.iter().zip(&after.partnerships) {
            same_measures(&x.measures, &y.measures)?;
            same_positions(&x.partners, &y.partners)?;
            prop_assert!(same_at(x.wider_society, y.wider_society, 2));
            match (x.measures.payback, y.measures.payback) {
                (appraisal::Payback::Years(a), appraisal::Payback::Years(b)) => {
                    prop_assert!(same_at(a, b, 2), "payback {a} against {b}");
                }
                (a, b) => prop_assert_eq!(a, b),
            }
        }
        same_measures(&before.portfolio.measures, &after.portfolio.measures)?;
        same_positions(&before.portfolio.partners, &after.portfolio.partners)?;

        // Reordering the partnerships moves them in the ranking but not the portfolio.
        let mut swapped = project.clone();
        swapped.partnerships.reverse();
        let s = appraisal::appraise(&swapped);
        same_measures(&before.portfolio.measures, &s.portfolio.measures)?;
        same_positions(&before.portfolio.partners, &s.portfolio.partners)?;
        let names = |a: &Appraisal| -> Vec<Decimal> {
            a.portfolio.ranking.iter().map(|i| a.partnerships[*i].measures.net_value).collect()
        };
        let (x, y) = (names(&before), names(&s));
        prop_assert!(x.iter().zip(&y).all(|(a, b)| same_at(*a, *b, 2)));
        prop_assert!(x.windows(2).all(|w| w[0] >= w[1]), "ranking is highest net value first");
    }

    #[test]
    fn partner_rows_and_wider_society_add_up_to_the_partnership(project in tame_project()) {
        let a = appraisal::appraise(&project);
        clean(&a)?;
        let rows = a.partnerships.iter().map(|r| (&r.partners, r.wider_society, &r.measures))
            .chain([(&a.portfolio.partners, a.portfolio.wider_society, &a.portfolio.measures)]);
        for (partners, society, m) in rows {
            let net: Decimal = partners.iter().map(|p| p.net_value).sum();
            prop_assert!(same_at(net + society, m.net_value, 2),
                "partners {net} + society {society} against net value {}", m.net_value);
            // Every fiscal benefit names a partner, so the budgets add up too.
            let budget: Decimal = partners.iter().map(|p| p.net_budget).sum();
            prop_assert!(same_at(budget, m.net_budget_impact, 2),
                "partner budgets {budget} against net budget impact {}", m.net_budget_impact);
            let costs: Decimal = partners.iter().map(|p| p.pv_costs).sum();
            prop_assert!(same_at(costs, m.pvc, 2));
            let cashable: Decimal = partners.iter().map(|p| p.pv_cashable).sum();
            prop_assert!(same_at(cashable, m.pvb_cashable, 2));
        }
        // The portfolio is the sum of its partnerships.
        let total: Decimal = a.partnerships.iter().map(|r| r.measures.net_value).sum();
        prop_assert!(same_at(total, a.portfolio.measures.net_value, 2));
        // Costs by layer and by kind are two ways of splitting the same total.
        for r in &a.partnerships {
            let layers: Decimal = r.cost_by_layer.iter().map(|b| b.pv).sum();
            let kinds: Decimal = r.cost_by_kind.iter().map(|b| b.pv).sum();
            prop_assert!(same_at(layers, r.measures.pvc, 2));
            prop_assert!(same_at(kinds, r.measures.pvc, 2));
        }
    }

    #[test]
    fn a_cost_uplift_never_changes_a_benefit(
        project in tame_project(),
        extra in (0i64..=150).prop_map(|p| Decimal::new(p, 2)),
    ) {
        let before = appraisal::appraise(&project);
        let mut uplifted = project.clone();
        // Raise every cost uplift, through the grade table (which benefits share) and
        // through direct rates.
        for g in &mut uplifted.confidence_grades {
            g.cost_uplift.0 += extra;
        }
        for p in &mut uplifted.partnerships {
            for c in &mut p.costs {
                if let Optimism::Direct(r) = &mut c.optimism {
                    r.0 += extra;
                }
            }
        }
        let after = appraisal::appraise(&uplifted);
        clean(&after)?;
        for (x, y) in before.partnerships.iter().zip(&after.partnerships) {
            prop_assert_eq!(&x.measures.pvb, &y.measures.pvb);
            prop_assert_eq!(x.measures.pvb_cashable, y.measures.pvb_cashable);
            prop_assert_eq!(&x.flows.benefits, &y.flows.benefits);
            // Costs are never negative, so a larger uplift never lowers them.
            prop_assert!(y.measures.pvc >= x.measures.pvc - Decimal::new(1, 20));
        }
        prop_assert_eq!(&before.portfolio.measures.pvb, &after.portfolio.measures.pvb);
    }

    #[test]
    fn a_benefit_reduction_never_changes_a_cost(
        project in tame_project(),
        keep in (0i64..=100).prop_map(|p| Decimal::new(p, 2)),
    ) {
        let before = appraisal::appraise(&project);
        let mut reduced = project.clone();
        // Move every benefit reduction part of the way to 100%.
        let raise = |r: &mut Rate| r.0 = Decimal::ONE - (Decimal::ONE - r.0) * keep;
        for g in &mut reduced.confidence_grades {
            raise(&mut g.benefit_reduction);
        }
        for p in &mut reduced.partnerships {
            for b in &mut p.benefits {
                if let Optimism::Direct(r) = &mut b.optimism {
                    raise(r);
                }
            }
        }
        let after = appraisal::appraise(&reduced);
        clean(&after)?;
        for (x, y) in before.partnerships.iter().zip(&after.partnerships) {
            prop_assert_eq!(x.measures.pvc, y.measures.pvc);
            prop_assert_eq!(&x.flows.costs, &y.flows.costs);
            prop_assert_eq!(&x.cost_by_partner, &y.cost_by_partner);
            // A reduction shrinks every line's value: a benefit's, and a disbenefit's
            // (whose value is negative) alike.
            for (a, b) in x.benefit_lines.iter().zip(&y.benefit_lines) {
                prop_assert!(b.pv.abs() <= a.pv.abs() + Decimal::new(1, 20));
            }
        }
        prop_assert_eq!(before.portfolio.measures.pvc, after.portfolio.measures.pvc);
    }

    #[test]
    fn save_then_load_is_identity(project in project_with(wild())) {
        let text = file::to_ron(&project).expect("a project can always be written");
        let loaded = file::parse(&text)
            .unwrap_or_else(|e| panic!("a saved project does not load: {e}\n{text}"));
        prop_assert_eq!(&loaded, &project);
        // And it saves to the same text again (STYLE: byte-identical re-save).
        prop_assert_eq!(file::to_ron(&loaded).unwrap(), text);
    }
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn appraise_never_panics(project in project_with(wild())) {
        let a = appraisal::appraise(&project);
        let n = a.years.len();
        prop_assert!(n <= appraisal::MAX_HORIZON_YEARS as usize);
        prop_assert_eq!(a.discount_factors.len(), n);
        prop_assert_eq!(a.partnerships.len(), project.partnerships.len());
    }

    #[test]
    fn validate_never_panics(project in project_with(wild())) {
        let diagnostics = appraisal::validate(&project);
        // Errors first, then warnings.
        let first_warning = diagnostics.iter().position(|d| !d.is_error()).unwrap_or(diagnostics.len());
        prop_assert!(diagnostics[first_warning..].iter().all(|d| !d.is_error()));
    }

    #[test]
    fn reports_never_panic(project in project_with(wild())) {
        let a = appraisal::appraise(&project);
        let problems = appraisal::problems(&project, &a);
        let table = report::table(&project, &a, &problems);
        prop_assert!(table.contains("Portfolio"));
        let csv = report::csv(&project, &a, &problems);
        prop_assert!(csv.starts_with("partnership,partner,"));
        let json = serde_json::to_string(&report::Report::new(&project, &a, problems));
        prop_assert!(json.is_ok());
    }

    #[test]
    fn parsing_arbitrary_text_never_panics(text in any::<String>()) {
        let _ = file::parse(&text);
    }

    #[test]
    fn parsing_arbitrary_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = file::parse_bytes(&bytes);
    }

    #[test]
    fn parsing_mutated_files_never_panics(
        project in tame_project(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0usize..6, any::<prop::sample::Index>(), any::<u8>()), 1..6),
    ) {
        const TOKENS: [&str; 16] = [
            "(", ")", "[", "]", "\"", ",", ":", "Some(", "None", "-", "1e400",
            "\"-79228162514264337593543950336\"", "\\", "/*", "r#\"", "4294967295",
        ];
        let mut bytes = file::to_ron(&project).unwrap().into_bytes();
        for (at, op, other, byte) in edits {
            if bytes.is_empty() {
                break;
            }
            let i = at.index(bytes.len());
            match op {
                0 => { bytes.truncate(i); }
                1 => { let j = (i + 1 + other.index(40)).min(bytes.len()); bytes.drain(i..j); }
                2 => { bytes[i] = byte; }
                3 => {
                    let token = TOKENS[other.index(TOKENS.len())].as_bytes();
                    bytes.splice(i..i, token.iter().copied());
                }
                4 => {
                    let j = (i + other.index(200)).min(bytes.len());
                    let slice = bytes[i..j].to_vec();
                    bytes.splice(i..i, slice);
                }
                _ => {
                    // Swap a quoted digit string for a bare number, or a name for another.
                    let j = (i + other.index(16)).min(bytes.len());
                    bytes[i..j].reverse();
                }
            }
        }
        if let Ok(p) = file::parse_bytes(&bytes) {
            let _ = appraisal::appraise(&p);
            let _ = appraisal::validate(&p);
        }
    }
}
