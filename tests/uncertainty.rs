//! Sensitivity, switching values, Monte Carlo, fair shares and options, checked
//! against hand-worked or analytic answers.

use partnership_appraisal::appraisal::uncertainty::{self, Lever};
use partnership_appraisal::appraisal::{self, appraise};
use partnership_appraisal::file;
use partnership_appraisal::model::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal_macros::dec;
use std::path::Path;

fn money_line(name: &str, partner: &str, amount: Decimal, years: u32) -> CostLine {
    CostLine {
        name: name.into(),
        cost_type: CostType::Revenue,
        optimism: Optimism::default(),
        source: String::new(),
        detail: CostDetail::Other(OtherCost {
            category: OtherCategory::SupportTeam,
            partner: partner.into(),
            layer: None,
            amounts: Profile::constant(amount, years),
        }),
        range: None,
        prices: partnership_appraisal::model::Prices::Real,
    }
}

fn benefit(name: &str, partner: &str, amount: Decimal, years: u32) -> BenefitLine {
    BenefitLine {
        name: name.into(),
        benefit_type: BenefitType::Fiscal,
        partner: Some(partner.into()),
        cashable_share: Rate(dec!(0.5)),
        optimism: Optimism::default(),
        source: String::new(),
        detail: BenefitDetail::Direct(Profile::constant(amount, years)),
        range: None,
        disbenefit: false,
        prices: partnership_appraisal::model::Prices::Real,
    }
}

/// A council pays £100 in year 0; the NHS saves £150 in year 0 (undiscounted: DF(0) = 1).
fn one_year_project() -> Project {
    let mut p = Project::new("Test");
    p.partners = vec![
        Partner::new("Council", PartnerKind::Council),
        Partner::new("NHS", PartnerKind::Nhs),
    ];
    let mut ship = Partnership::new("Pilot");
    ship.members = vec!["Council".into(), "NHS".into()];
    ship.costs.push(money_line("Team", "Council", dec!(100), 1));
    ship.benefits
        .push(benefit("Fewer admissions", "NHS", dec!(150), 1));
    p.partnerships.push(ship);
    p
}

fn close(a: Decimal, b: f64, tolerance: f64) -> bool {
    (a.to_f64().unwrap() - b).abs() <= tolerance
}

#[test]
fn monte_carlo_matches_the_triangular_distribution_analytically() {
    // Net value = 150 m − 100 with m ~ triangular(0.5, 1.0, 1.5).
    // P(net > 0) = P(m > 2/3) = 1 − (2/3 − 0.5)² / ((1.5 − 0.5)(1.0 − 0.5)) = 1 − 1/18 = 0.9444.
    // Mean = 150 × 1 − 100 = 50. Median m = 1 → 50. P10: (x − 0.5)²/0.5 = 0.1 → x = 0.7236 → 8.54.
    // P90 by symmetry: m = 1.2764 → 91.46. Standard error of the mean ≈ 150 × 0.204 / 100 = 0.31.
    let mut p = one_year_project();
    p.partnerships[0].benefits[0].range = Some(Distribution::Triangular {
        low: dec!(0.5),
        likely: dec!(1.0),
        high: dec!(1.5),
    });
    let sim = uncertainty::simulate(&p, 0, 10_000, 42, &mut |_| true).unwrap();
    assert_eq!(sim.varying_inputs, 1);
    let chance = sim.probability_positive.unwrap();
    assert!(close(chance, 17.0 / 18.0, 0.01), "{chance}");
    assert!(close(sim.mean, 50.0, 1.5), "{}", sim.mean);
    assert!(close(sim.p50, 50.0, 2.0), "{}", sim.p50);
    assert!(close(sim.p10, 8.54, 2.0), "{}", sim.p10);
    assert!(close(sim.p90, 91.46, 2.0), "{}", sim.p90);
    // The council bears the fixed cost with nothing back; the NHS always gains.
    let council = sim
        .partners
        .iter()
        .find(|x| x.partner == "Council")
        .unwrap();
    let nhs = sim.partners.iter().find(|x| x.partner == "NHS").unwrap();
    assert_eq!(council.probability_positive, Some(Decimal::ZERO));
    assert_eq!(nhs.probability_positive, Some(Decimal::ONE));
    assert!(close(nhs.mean_net_budget, 150.0, 1.5));
    assert_eq!(sim.histogram.iter().map(|b| b.count).sum::<u32>(), 10_000);
}

#[test]
fn monte_carlo_on_outcome_chain_inputs_matches_their_expected_values() {
    // One cohort of 100 in year 0, engagement 50%, success 40%, unit value £1,000 (2026/27 prices),
    // deadweight 30% drawn from triangular(0.2, 0.3, 0.4): E[1 − dw] = 0.7, so the mean benefit is
    // 100 × 0.5 × 0.4 × 1,000 × 0.7 = £14,000 and the mean net value £14,000 − £100.
    let mut p = one_year_project();
    p.partnerships[0].benefits[0].detail = BenefitDetail::Outcome(OutcomeChain {
        cohort: Profile::constant(dec!(100), 1),
        engagement_rate: Rate(dec!(0.5)),
        success_rate: Rate(dec!(0.4)),
        unit_value: UnitValueSource::Typed {
            value: Money(dec!(1000)),
            price_year: FinancialYear(2026),
        },
        deadweight: Rate(dec!(0.3)),
        displacement: Rate::ZERO,
        attribution: Rate::ZERO,
        lag_years: 0,
        duration_years: 1,
        drop_off: Rate::ZERO,
        ranges: ChainRanges {
            deadweight: Some(Distribution::Triangular {
                low: dec!(0.2),
                likely: dec!(0.3),
                high: dec!(0.4),
            }),
            ..ChainRanges::default()
        },
    });
    let base = appraise(&p).partnerships[0].measures.net_value;
    assert_eq!(base, dec!(13900));
    let sim = uncertainty::simulate(&p, 0, 10_000, 7, &mut |_| true).unwrap();
    // sd of dw = 0.0408; of the benefit 20,000 × 0.0408 = 816; standard error 8.2.
    assert!(close(sim.mean, 13_900.0, 40.0), "{}", sim.mean);
}

#[test]
fn the_same_seed_reproduces_a_simulation_and_another_seed_does_not() {
    let mut p = one_year_project();
    p.partnerships[0].costs[0].range = Some(Distribution::Normal {
        mean: dec!(1),
        sd: dec!(0.2),
    });
    let a = uncertainty::simulate(&p, 0, 2_000, 99, &mut |_| true).unwrap();
    let b = uncertainty::simulate(&p, 0, 2_000, 99, &mut |_| true).unwrap();
    let c = uncertainty::simulate(&p, 0, 2_000, 100, &mut |_| true).unwrap();
    assert_eq!(a, b);
    assert_ne!(a.mean, c.mean);
}

#[test]
fn a_simulation_can_be_cancelled() {
    let p = one_year_project();
    let mut calls = 0;
    let result = uncertainty::simulate(&p, 0, 10_000, 1, &mut |done| {
        calls += 1;
        done < 1_000
    });
    assert!(result.is_none());
    assert_eq!(calls, 3, "progress is reported every 500 draws");
}

#[test]
fn without_ranges_every_draw_is_the_deterministic_result() {
    let p = file::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/example.ron")).unwrap();
    let base = appraise(&p).partnerships[0].measures.net_value;
    let sim = uncertainty::simulate(&p, 0, 100, 1, &mut |_| true).unwrap();
    assert_eq!(sim.varying_inputs, 0);
    assert!(sim.nothing_varies());
    let round = |d: Decimal| d.round_dp(2);
    assert_eq!(round(sim.p10), round(base));
    assert_eq!(round(sim.p90), round(base));
}

#[test]
fn with_nothing_varying_no_probability_is_given() {
    // Before this, a project with no ranges reported "benefits exceed costs" in 100% of
    // draws, a certainty that came from no uncertainty being modelled at all.
    let mut p = one_year_project();
    let sim = uncertainty::simulate(&p, 0, 1_000, 3, &mut |_| true).unwrap();
    assert_eq!(sim.varying_inputs, 0);
    assert_eq!(sim.probability_positive, None);
    assert!(
        sim.partners
            .iter()
            .all(|x| x.probability_positive.is_none())
    );
    // A range with no width (low = likely = high) varies nothing either.
    p.partnerships[0].benefits[0].range = Some(Distribution::Triangular {
        low: dec!(1),
        likely: dec!(1),
        high: dec!(1),
    });
    p.partnerships[0].costs[0].range = Some(Distribution::Normal {
        mean: dec!(1),
        sd: dec!(0),
    });
    let sim = uncertainty::simulate(&p, 0, 1_000, 3, &mut |_| true).unwrap();
    assert_eq!(sim.varying_inputs, 0);
    assert_eq!(sim.probability_positive, None);
    // Give the cost a width and it is one varying input, with a probability.
    p.partnerships[0].costs[0].range = Some(Distribution::Normal {
        mean: dec!(1),
        sd: dec!(0.1),
    });
    let sim = uncertainty::simulate(&p, 0, 1_000, 3, &mut |_| true).unwrap();
    assert_eq!(sim.varying_inputs, 1);
    // Net = 150 − 100 m with m ~ N(1, 0.1): below zero only when m > 1.5 (5 sd), so
    // every one of 1,000 draws gains.
    assert_eq!(sim.probability_positive, Some(Decimal::ONE));
}

#[test]
fn every_ranged_chain_input_with_a_width_is_counted() {
    let mut p = one_year_project();
    let range = Some(Distribution::Triangular {
        low: dec!(0.2),
        likely: dec!(0.3),
        high: dec!(0.4),
    });
    p.partnerships[0].benefits[0].range = range;
    p.partnerships[0].costs[0].range = range;
    let sim = uncertainty::simulate(&p, 0, 100, 3, &mut |_| true).unwrap();
    assert_eq!(sim.varying_inputs, 2, "one cost line and one benefit line");
}

#[test]
fn switching_values_bring_net_value_to_zero_when_re_appraised() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/borough-portfolio.ron");
    let project = file::load(&path).unwrap();
    for (index, p) in project.partnerships.iter().enumerate() {
        let values = uncertainty::switching_values(&project, index);
        assert!(!values.is_empty());
        for sv in values {
            let Some(factor) = sv.net_value else { continue };
            let at = uncertainty::net_value_with(&project, p, &sv.lever, factor);
            let scale = appraise(&project).partnerships[index]
                .measures
                .pvc
                .max(Decimal::ONE);
            assert!(
                at.abs() <= scale * dec!(0.000001),
                "{} / {}: net value {at} at factor {factor}",
                p.name,
                sv.label
            );
        }
    }
}

#[test]
fn a_cost_switching_value_is_net_value_over_that_cost() {
    // Net value 50 = 150 − 100: costs can rise by 50%, factor 1.5. Benefits can fall to 2/3.
    let p = one_year_project();
    let values = uncertainty::switching_values(&p, 0);
    let costs = values
        .iter()
        .find(|v| v.lever == Lever::Costs(CostKind::Other))
        .unwrap();
    assert_eq!(costs.net_value, Some(dec!(1.5)));
    let benefit = values
        .iter()
        .find(|v| matches!(v.lever, Lever::Benefit { .. }))
        .unwrap();
    assert_eq!(
        benefit.net_value.map(|f| f.round_dp(6)),
        Some(dec!(0.666667))
    );
}

#[test]
fn sensitivity_moves_linear_inputs_by_their_share_of_net_value() {
    // ±10% on a £100 cost changes net value by ∓£10; on the £150 benefit by ±£15.
    let p = one_year_project();
    let rows = uncertainty::sensitivity(&p, 0, dec!(0.1));
    let costs = rows
        .iter()
        .find(|r| r.lever == Lever::Costs(CostKind::Other))
        .unwrap();
    assert_eq!((costs.low, costs.high), (dec!(60), dec!(40)));
    let benefit = rows
        .iter()
        .find(|r| matches!(r.lever, Lever::Benefit { .. }))
        .unwrap();
    assert_eq!((benefit.low, benefit.high), (dec!(35), dec!(65)));
    assert_eq!(rows[0].label, benefit.label, "largest swing first");
    // Year 0 is undiscounted, so the discount rate moves nothing here.
    let discount = rows
        .iter()
        .find(|r| r.lever == Lever::DiscountRate)
        .unwrap();
    assert_eq!(discount.change, Decimal::ZERO);
}

#[test]
fn every_split_shares_out_exactly_the_partnerships_costs() {
    for name in [
        "borough-portfolio.ron",
        "county-health-and-care.ron",
        "example.ron",
    ] {
        let project = file::load(
            &Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("saves")
                .join(name),
        )
        .unwrap();
        let result = appraise(&project);
        for (p, r) in project.partnerships.iter().zip(&result.partnerships) {
            for split in uncertainty::fair_shares(p, r) {
                let Some(shares) = &split.shares else {
                    continue;
                };
                let total: Decimal = shares.iter().map(|s| s.cost).sum();
                assert_eq!(
                    total.round_dp(2),
                    r.measures.pvc.round_dp(2),
                    "{} {:?}",
                    p.name,
                    split.basis
                );
            }
        }
    }
}

#[test]
fn pro_rata_to_fiscal_benefits_leaves_nobody_worse_off_when_fiscal_return_is_at_least_one() {
    // Council pays 100, NHS saves 150: as now the council loses 100; pro rata to fiscal
    // benefits the NHS bears all 100 and nets 50.
    let p = one_year_project();
    let r = appraise(&p);
    let splits = uncertainty::fair_shares(&p.partnerships[0], &r.partnerships[0]);
    let as_now = splits
        .iter()
        .find(|s| s.basis == SplitBasis::AsNow)
        .unwrap();
    assert_eq!(as_now.losers(), vec!["Council"]);
    let fiscal = splits
        .iter()
        .find(|s| s.basis == SplitBasis::FiscalBenefits)
        .unwrap();
    assert!(fiscal.losers().is_empty());
    let equal = splits
        .iter()
        .find(|s| s.basis == SplitBasis::Equal)
        .unwrap();
    let shares = equal.shares.as_ref().unwrap();
    assert_eq!(
        shares.iter().map(|s| s.cost).collect::<Vec<_>>(),
        vec![dec!(50), dec!(50)]
    );
}

#[test]
fn options_are_appraised_side_by_side_with_the_best_marked_preferred() {
    let mut p = one_year_project();
    let current = p.partnerships[0].clone();
    p.partnerships[0].options.push(Alternative {
        name: "Scale down".into(),
        kind: AlternativeKind::ScaleDown,
        note: String::new(),
        costs: vec![money_line("Smaller team", "Council", dec!(40), 1)],
        benefits: vec![benefit("Fewer admissions", "NHS", dec!(120), 1)],
    });
    p.partnerships[0].options.push(Alternative {
        name: "Stop".into(),
        kind: AlternativeKind::Stop,
        note: String::new(),
        costs: Vec::new(),
        benefits: Vec::new(),
    });
    let results = uncertainty::options(&p, 0);
    let values: Vec<Decimal> = results.iter().map(|r| r.measures.net_value).collect();
    assert_eq!(values, vec![dec!(50), dec!(80), dec!(0)]);
    assert_eq!(
        results
            .iter()
            .filter(|r| r.preferred)
            .map(|r| r.name.as_str())
            .collect::<Vec<_>>(),
        vec!["Scale down"]
    );
    // The current arrangement's results are those of the partnership itself.
    assert_eq!(
        results[0].measures,
        appraise(&uncertainty::sub_project(&p, current)).partnerships[0].measures
    );
    // Naming a preference overrides the highest net value.
    p.partnerships[0].preferred_option = Some("Stop".into());
    assert!(uncertainty::options(&p, 0)[2].preferred);
    // With the same input moved in every option, scale down (120f − 40) meets the current
    // arrangement (150f − 100), the runner-up, where benefits are doubled: f = 2; and with
    // costs moved (120 − 40f against 150 − 100f) where costs are halved: f = 0.5.
    p.partnerships[0].preferred_option = None;
    let switching = uncertainty::option_switching_values(&p, 0);
    let factor = |lever: &Lever| {
        switching
            .iter()
            .find(|s| &s.lever == lever)
            .and_then(|s| s.factor)
    };
    assert_eq!(
        factor(&Lever::Benefit {
            line: 0,
            name: "Fewer admissions".into()
        })
        .map(|f| f.round_dp(6)),
        Some(dec!(2))
    );
    assert_eq!(
        factor(&Lever::Costs(CostKind::Other)).map(|f| f.round_dp(6)),
        Some(dec!(0.5))
    );
    assert!(appraisal::validate(&p).iter().all(|d| !d.is_error()));
}

/// Issue 16: a large project's uncertainty and fair-shares analyses are worked out on a
/// thread from the partnership with the project's settings, partners and libraries; that
/// gives exactly the analyses of the partnership in the whole project.
#[test]
fn a_partnerships_analyses_are_the_same_from_it_alone_as_in_the_whole_project() {
    let project = partnership_appraisal::generate::project(40, 12);
    let whole = appraise(&project);
    for index in [0, 17, 39] {
        let alone = uncertainty::sub_project(&project, project.partnerships[index].clone());
        let percent = project.settings.simulation.sensitivity.0;
        assert_eq!(
            uncertainty::sensitivity(&project, index, percent),
            uncertainty::sensitivity(&alone, 0, percent)
        );
        assert_eq!(
            uncertainty::switching_values(&project, index),
            uncertainty::switching_values(&alone, 0)
        );
        assert_eq!(
            uncertainty::options(&project, index),
            uncertainty::options(&alone, 0)
        );
        assert_eq!(
            uncertainty::option_switching_values(&project, index),
            uncertainty::option_switching_values(&alone, 0)
        );
        assert!(
            appraise(&alone).partnerships[0] == whole.partnerships[index],
            "partnership {index}: its results alone"
        );
        assert_eq!(
            uncertainty::simulate(&project, index, 200, 7, &mut |_| true),
            uncertainty::simulate(&alone, 0, 200, 7, &mut |_| true)
        );
    }
}

/// The board pack, workbook, JSON and committee report take every partnership's
/// sensitivity and switching values worked out on every core: exactly each
/// partnership's worked out in turn, in order.
#[test]
fn every_partnerships_analyses_on_every_core_are_each_worked_out_in_turn() {
    let project = partnership_appraisal::generate::project(9, 5);
    let percent = project.settings.simulation.sensitivity.0;
    let all = uncertainty::every_partnership(&project);
    assert_eq!(all.len(), project.partnerships.len());
    for (i, analysed) in all.iter().enumerate() {
        assert_eq!(
            analysed.sensitivity,
            uncertainty::sensitivity(&project, i, percent),
            "{i}"
        );
        assert_eq!(
            analysed.switching,
            uncertainty::switching_values(&project, i),
            "{i}"
        );
        assert!(!analysed.switching.is_empty(), "{i}");
    }
    // Partnerships differ, so an answer out of place would show.
    assert_ne!(all[0], all[1]);
    let squares = appraisal::each_on_every_core(3..40, |i| i * i);
    assert_eq!(squares, (3..40).map(|i| i * i).collect::<Vec<_>>());
}
