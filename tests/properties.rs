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

// ---------------------------------------------------------------------------------
// Generators. `Leaves` says how wild the numbers, years and names are: `tame` gives
// valid projects (every reference resolves, every value in range), `wild` anything a
// hand-edited file can hold.

#[derive(Clone, Copy)]
struct Leaves {
    amount: fn() -> BoxedStrategy<Decimal>,
    count: fn() -> BoxedStrategy<Decimal>,
    share: fn() -> BoxedStrategy<Rate>,
    uplift: fn() -> BoxedStrategy<Rate>,
    growth: fn() -> BoxedStrategy<Rate>,
    years: fn() -> BoxedStrategy<u32>,
    horizon: fn() -> BoxedStrategy<u32>,
    /// A partner that can bear costs (it has grades).
    payer: fn() -> BoxedStrategy<(String, String)>,
    /// Any partner a benefit can name.
    beneficiary: fn() -> BoxedStrategy<String>,
    grade: fn() -> BoxedStrategy<String>,
    text: fn() -> BoxedStrategy<String>,
    year: fn() -> BoxedStrategy<FinancialYear>,
    fiscal_always_named: bool,
    /// Generate Monte Carlo ranges, options and cost-split proposals too.
    extras: bool,
}

/// Partners and their grades in every generated project.
const PAYERS: [(&str, &str); 4] = [
    ("Council", "Officer"),
    ("Council", "Director"),
    ("NHS", "Manager"),
    ("Police", "Inspector"),
];
const BENEFICIARIES: [&str; 4] = ["Council", "NHS", "Police", "Residents"];

fn tame() -> Leaves {
    Leaves {
        amount: || {
            (0i64..=2_000_000, 0u32..=2)
                .prop_map(|(m, s)| Decimal::new(m, s))
                .boxed()
        },
        count: || {
            (0i64..=40, 0u32..=1)
                .prop_map(|(m, s)| Decimal::new(m, s))
                .boxed()
        },
        share: || {
            (0i64..=10_000)
                .prop_map(|bp| Rate(Decimal::new(bp, 4)))
                .boxed()
        },
        uplift: || (0i64..=200).prop_map(|p| Rate(Decimal::new(p, 2))).boxed(),
        growth: || (-10i64..=10).prop_map(|p| Rate(Decimal::new(p, 2))).boxed(),
        years: || (0u32..=12).boxed(),
        horizon: || (1u32..=40).boxed(),
        payer: || {
            prop::sample::select(&PAYERS[..])
                .prop_map(|(p, g)| (p.to_owned(), g.to_owned()))
                .boxed()
        },
        beneficiary: || {
            prop::sample::select(&BENEFICIARIES[..])
                .prop_map(str::to_owned)
                .boxed()
        },
        grade: || {
            prop::sample::select(&["1", "2", "3", "4", "5", "6"][..])
                .prop_map(str::to_owned)
                .boxed()
        },
        text: || "[a-zA-Z &'-]{0,12}".boxed(),
        year: || (2020i32..=2026).prop_map(FinancialYear).boxed(),
        fiscal_always_named: true,
        extras: false,
    }
}

/// Any Decimal at all, with the awkward ones often.
fn wild_decimal() -> BoxedStrategy<Decimal> {
    prop_oneof![
        3 => (any::<u32>(), any::<u32>(), any::<u32>(), any::<bool>(), 0u32..=28)
            .prop_map(|(lo, mid, hi, neg, scale)| Decimal::from_parts(lo, mid, hi, neg, scale)),
        2 => (-1_000_000i64..=1_000_000, 0u32..=6).prop_map(|(m, s)| Decimal::new(m, s)),
        1 => prop::sample::select(vec![
            Decimal::ZERO,
            Decimal::ONE,
            Decimal::NEGATIVE_ONE,
            Decimal::MAX,
            Decimal::MIN,
            Decimal::new(1, 28),
            Decimal::new(-1, 28),
            MAX_INPUT,
            MAX_INPUT + Decimal::ONE,
            Decimal::TWO,
            Decimal::new(-2, 0),
        ]),
    ]
    .boxed()
}

fn wild_u32() -> BoxedStrategy<u32> {
    prop_oneof![
        3 => 0u32..=12,
        1 => any::<u32>(),
        1 => prop::sample::select(vec![u32::MAX, u32::MAX - 1, 300, 301, 0]),
    ]
    .boxed()
}

fn wild() -> Leaves {
    Leaves {
        amount: wild_decimal,
        count: wild_decimal,
        share: || wild_decimal().prop_map(Rate).boxed(),
        uplift: || wild_decimal().prop_map(Rate).boxed(),
        growth: || wild_decimal().prop_map(Rate).boxed(),
        years: wild_u32,
        horizon: wild_u32,
        payer: || {
            (
                prop::sample::select(vec!["Council", "NHS", "Police", "Residents", "Nobody", ""]),
                prop::sample::select(vec![
                    "Officer",
                    "Director",
                    "Manager",
                    "Inspector",
                    "Nope",
                    "",
                ]),
            )
                .prop_map(|(p, g)| (p.to_owned(), g.to_owned()))
                .boxed()
        },
        beneficiary: || {
            prop::sample::select(vec!["Council", "NHS", "Residents", "Nobody", ""])
                .prop_map(str::to_owned)
                .boxed()
        },
        grade: || {
            prop::sample::select(vec!["1", "3", "6", "7", ""])
                .prop_map(str::to_owned)
                .boxed()
        },
        text: || {
            prop::collection::vec(any::<char>(), 0..8)
                .prop_map(String::from_iter)
                .boxed()
        },
        year: || {
            prop_oneof![
                3 => (2020i32..=2027).prop_map(FinancialYear),
                1 => any::<i32>().prop_map(FinancialYear),
            ]
            .boxed()
        },
        fiscal_always_named: false,
        extras: true,
    }
}

fn profile(l: Leaves, value: fn() -> BoxedStrategy<Decimal>) -> BoxedStrategy<Profile> {
    prop_oneof![
        (value(), (l.years)(), (l.years)(), (l.growth)()).prop_map(
            |(value, start_year, years, growth)| Profile::Constant {
                value,
                start_year,
                years,
                growth,
            }
        ),
        prop::collection::vec(value(), 0..14).prop_map(Profile::PerYear),
    ]
    .boxed()
}

fn optimism(l: Leaves, rate: fn() -> BoxedStrategy<Rate>) -> BoxedStrategy<Optimism> {
    prop_oneof![
        (l.grade)().prop_map(Optimism::Grade),
        rate().prop_map(Optimism::Direct),
    ]
    .boxed()
}

fn layer() -> impl Strategy<Value = Layer> {
    prop::sample::select(&Layer::ALL[..])
}

fn cost_detail(l: Leaves) -> BoxedStrategy<CostDetail> {
    let staff =
        ((l.payer)(), layer(), profile(l, l.count)).prop_map(|((partner, grade), layer, hours)| {
            CostDetail::StaffTime(StaffTime {
                partner,
                grade,
                layer,
                hours,
            })
        });
    let attendee = ((l.payer)(), (l.count)()).prop_map(|((partner, grade), count)| Attendee {
        partner,
        grade,
        count,
    });
    let meeting = (
        layer(),
        profile(l, l.count),
        ((l.count)(), (l.count)(), (l.count)()),
        prop::collection::vec(attendee, 0..4),
        (
            (l.payer)(),
            (l.amount)(),
            (l.amount)(),
            (l.amount)(),
            (l.amount)(),
        ),
    )
        .prop_map(
            |(
                layer,
                meetings,
                (meeting_hours, preparation_hours, travel_hours),
                attendees,
                fixed,
            )| {
                let ((paid_by, _), venue, refreshments, printing, other) = fixed;
                CostDetail::Meeting(Meeting {
                    layer,
                    meetings,
                    meeting_hours,
                    preparation_hours,
                    travel_hours,
                    attendees,
                    fixed_costs: FixedCosts {
                        paid_by,
                        venue: Money(venue),
                        refreshments: Money(refreshments),
                        printing: Money(printing),
                        other: Money(other),
                    },
                })
            },
        );
    let contribution = (
        (l.payer)(),
        profile(l, l.amount),
        prop::option::of(profile(l, l.amount)),
    )
        .prop_map(|((partner, _), amounts, forecast_outturn)| Contribution {
            partner,
            amounts,
            forecast_outturn,
        });
    let pool = (
        (l.payer)(),
        prop::sample::select(&RiskShare::ALL[..]),
        prop::collection::vec(contribution, 0..4),
    )
        .prop_map(|((host, _), risk_share, contributions)| {
            CostDetail::PooledFund(PooledFund {
                host,
                risk_share,
                contributions,
            })
        });
    let other = (
        prop::sample::select(&OtherCategory::ALL[..]),
        (l.payer)(),
        prop::option::of(layer()),
        profile(l, l.amount),
    )
        .prop_map(|(category, (partner, _), layer, amounts)| {
            CostDetail::Other(OtherCost {
                category,
                partner,
                layer,
                amounts,
            })
        });
    prop_oneof![staff, meeting, pool, other].boxed()
}

fn distribution(l: Leaves) -> BoxedStrategy<Distribution> {
    prop_oneof![
        ((l.amount)(), (l.amount)(), (l.amount)())
            .prop_map(|(low, likely, high)| Distribution::Triangular { low, likely, high }),
        ((l.amount)(), (l.amount)()).prop_map(|(mean, sd)| Distribution::Normal { mean, sd }),
    ]
    .boxed()
}

/// A Monte Carlo range, in wild projects only.
fn range(l: Leaves) -> BoxedStrategy<Option<Distribution>> {
    if l.extras {
        prop::option::of(distribution(l)).boxed()
    } else {
        Just(None).boxed()
    }
}

fn chain_ranges(l: Leaves) -> BoxedStrategy<ChainRanges> {
    (range(l), range(l), range(l), range(l), range(l), range(l))
        .prop_map(
            |(engagement_rate, success_rate, deadweight, displacement, attribution, unit_value)| {
                ChainRanges {
                    engagement_rate,
                    success_rate,
                    deadweight,
                    displacement,
                    attribution,
                    unit_value,
                }
            },
        )
        .boxed()
}

fn cost_line(l: Leaves) -> BoxedStrategy<CostLine> {
    (
        (l.text)(),
        prop::sample::select(&CostType::ALL[..]),
        optimism(l, l.uplift),
        (l.text)(),
        cost_detail(l),
        range(l),
    )
        .prop_map(
            |(name, cost_type, optimism, source, detail, range)| CostLine {
                name,
                cost_type,
                optimism,
                source,
                detail,
                range,
            },
        )
        .boxed()
}

fn unit_value_source(l: Leaves) -> BoxedStrategy<UnitValueSource> {
    prop_oneof![
        prop::sample::select(vec!["Earnings gain", "A&E attendance", "Missing value"])
            .prop_map(|s| UnitValueSource::Library(s.to_owned())),
        ((l.amount)(), (l.year)()).prop_map(|(value, price_year)| UnitValueSource::Typed {
            value: Money(value),
            price_year,
        }),
    ]
    .boxed()
}

fn benefit_line(l: Leaves) -> BoxedStrategy<BenefitLine> {
    let chain = (
        profile(l, l.count),
        ((l.share)(), (l.share)()),
        unit_value_source(l),
        ((l.share)(), (l.share)(), (l.share)()),
        ((l.years)(), (l.years)(), (l.share)()),
        chain_ranges(l),
    )
        .prop_map(
            |(
                cohort,
                (engagement_rate, success_rate),
                unit_value,
                (deadweight, displacement, attribution),
                (lag_years, duration_years, drop_off),
                ranges,
            )| {
                BenefitDetail::Outcome(OutcomeChain {
                    cohort,
                    engagement_rate,
                    success_rate,
                    unit_value,
                    deadweight,
                    displacement,
                    attribution,
                    lag_years,
                    duration_years,
                    drop_off,
                    ranges,
                })
            },
        );
    let detail = prop_oneof![profile(l, l.amount).prop_map(BenefitDetail::Direct), chain];
    (
        ((l.text)(), prop::sample::select(&BenefitType::ALL[..])),
        prop::option::of((l.beneficiary)()),
        (l.beneficiary)(),
        ((l.share)(), optimism(l, l.share), (l.text)()),
        detail,
        range(l),
    )
        .prop_map(
            move |(
                (name, benefit_type),
                partner,
                named,
                (cashable_share, optimism, source),
                detail,
                range,
            )| {
                let partner = if benefit_type == BenefitType::Fiscal && l.fiscal_always_named {
                    Some(named)
                } else {
                    partner
                };
                BenefitLine {
                    name,
                    benefit_type,
                    partner,
                    cashable_share,
                    optimism,
                    source,
                    detail,
                    range,
                }
            },
        )
        .boxed()
}

type Extras = (Vec<Alternative>, Option<String>, Vec<Proposal>);

/// Options against business as usual and cost-split proposals, in wild projects only.
fn extras(l: Leaves) -> BoxedStrategy<Extras> {
    if !l.extras {
        return Just((Vec::new(), None, Vec::new())).boxed();
    }
    let alternative = (
        (l.text)(),
        prop::sample::select(&AlternativeKind::ALL[..]),
        (l.text)(),
        prop::collection::vec(cost_line(l), 0..3),
        prop::collection::vec(benefit_line(l), 0..3),
    )
        .prop_map(|(name, kind, note, costs, benefits)| Alternative {
            name,
            kind,
            note,
            costs,
            benefits,
        });
    let proposal = (
        (l.text)(),
        prop::sample::select(&SplitBasis::ALL[..]),
        prop::collection::vec(((l.beneficiary)(), (l.share)()), 0..4),
    )
        .prop_map(|(name, basis, shares)| Proposal {
            name,
            basis,
            shares: shares
                .into_iter()
                .map(|(partner, share)| ProposalShare { partner, share })
                .collect(),
        });
    (
        prop::collection::vec(alternative, 0..3),
        prop::option::of((l.text)()),
        prop::collection::vec(proposal, 0..2),
    )
        .boxed()
}

fn partnership(l: Leaves) -> BoxedStrategy<Partnership> {
    (
        ((l.text)(), (l.text)(), (l.text)()),
        (
            prop::sample::select(&Status::ALL[..]),
            prop::sample::select(&FundingArrangement::ALL[..]),
        ),
        prop::collection::vec((l.beneficiary)(), 0..3),
        prop::option::of(1u8..=5),
        prop::collection::vec(((l.text)(), any::<bool>(), 0usize..3), 0..2),
        prop::collection::vec(cost_line(l), 0..5),
        prop::collection::vec(benefit_line(l), 0..5),
        extras(l),
    )
        .prop_map(
            |(
                (name, purpose, bau),
                (status, funding),
                members,
                score,
                impacts,
                costs,
                benefits,
                (options, preferred_option, proposals),
            )| {
                let mut p = Partnership::new(name);
                p.purpose = purpose;
                p.bau = bau;
                p.status = status;
                p.funding = funding;
                p.members = members;
                p.seven_s.synergies = Assessment {
                    score,
                    note: String::new(),
                };
                p.impacts = impacts
                    .into_iter()
                    .map(|(description, positive, s)| Impact {
                        description,
                        direction: if positive {
                            Direction::Positive
                        } else {
                            Direction::Negative
                        },
                        significance: Significance::ALL[s],
                    })
                    .collect();
                p.costs = costs;
                p.benefits = benefits;
                p.options = options;
                p.preferred_option = preferred_option;
                p.proposals = proposals;
                p
            },
        )
        .boxed()
}

fn simulation(l: Leaves) -> BoxedStrategy<Simulation> {
    if !l.extras {
        return Just(Simulation::default()).boxed();
    }
    (any::<u32>(), any::<u64>(), (l.share)())
        .prop_map(|(draws, seed, sensitivity)| Simulation {
            draws,
            seed,
            sensitivity,
        })
        .boxed()
}

fn settings(l: Leaves) -> BoxedStrategy<Settings> {
    let discount = prop_oneof![
        Just(DiscountSchedule::Standard),
        Just(DiscountSchedule::Health),
        (l.share)().prop_map(|r| DiscountSchedule::Custom(Rate(r.0 / Decimal::TEN))),
    ];
    (
        (l.horizon)(),
        discount,
        any::<bool>(),
        prop::sample::select(&CostingConvention::ALL[..]),
        ((l.share)(), (l.amount)(), (l.share)(), (l.uplift)()),
        ((l.year)(), (l.year)()),
        simulation(l),
    )
        .prop_map(
            |(
                horizon_years,
                discount,
                sroi,
                convention,
                (ni, threshold, pension, overheads),
                (first_year, price_base_year),
                simulation,
            )| {
                let mut s = Settings {
                    horizon_years,
                    discount,
                    year0: if sroi {
                        Year0Convention::DiscountFirstYear
                    } else {
                        Year0Convention::GreenBook
                    },
                    ..Settings::default()
                };
                s.staff_costing.convention = convention;
                s.staff_costing.employer_ni_rate = ni;
                s.staff_costing.ni_threshold = Money(threshold);
                s.staff_costing.pension_rate = pension;
                s.staff_costing.overhead_rate = overheads;
                s.first_year = first_year;
                // Every year from 2020/21 to 2026/27 has a deflator in generated projects.
                s.price_base_year = price_base_year;
                s.simulation = simulation;
                s
            },
        )
        .boxed()
}

fn project_with(l: Leaves) -> BoxedStrategy<Project> {
    (
        settings(l),
        ((l.amount)(), (l.amount)(), (l.amount)(), (l.amount)()),
        prop::collection::vec(partnership(l), 1..4),
        ((l.amount)(), (l.amount)()),
        ((l.text)(), (l.text)()),
    )
        .prop_map(
            |(settings, pay, partnerships, (uv1, uv2), (name, description))| {
                let mut p = Project::new(name);
                p.description = description;
                p.settings = settings;
                let grade = |name: &str, pay| Grade {
                    name: name.to_owned(),
                    pay,
                };
                let mut council = Partner::new("Council", PartnerKind::Council);
                council.grades = vec![
                    grade("Officer", Pay::Salary(Money(pay.0))),
                    grade("Director", Pay::Hourly(Money(pay.1 / Decimal::ONE_HUNDRED))),
                ];
                let mut nhs = Partner::new("NHS", PartnerKind::Nhs);
                nhs.grades = vec![grade("Manager", Pay::Salary(Money(pay.2)))];
                let mut police = Partner::new("Police", PartnerKind::Police);
                police.grades = vec![grade(
                    "Inspector",
                    Pay::Hourly(Money(pay.3 / Decimal::ONE_HUNDRED)),
                )];
                p.partners = vec![
                    council,
                    nhs,
                    police,
                    Partner::new("Residents", PartnerKind::ResidentsAndSociety),
                ];
                p.partnerships = partnerships;
                p.unit_values = vec![
                    UnitValue {
                        name: "Earnings gain".into(),
                        value: Money(uv1),
                        price_year: FinancialYear(2023),
                        partner: None,
                        source: "illustrative".into(),
                    },
                    UnitValue {
                        name: "A&E attendance".into(),
                        value: Money(uv2),
                        price_year: FinancialYear(2026),
                        partner: Some("NHS".into()),
                        source: String::new(),
                    },
                ];
                p.deflators = (2020..=2026)
                    .map(|y| Deflator {
                        year: FinancialYear(y),
                        index: Decimal::new(800 + 35 * (y as i64 - 2020), 1),
                    })
                    .collect();
                p
            },
        )
        .boxed()
}

/// A valid project: `validate` finds no errors in it. Partnership names must be unique and
/// not empty, and library references may name the one missing unit value, so those are
/// fixed here.
fn tame_project() -> BoxedStrategy<Project> {
    project_with(tame())
        .prop_map(|mut p| {
            for (i, ps) in p.partnerships.iter_mut().enumerate() {
                ps.name = format!("Partnership {}", i + 1);
            }
            for ps in &mut p.partnerships {
                for b in &mut ps.benefits {
                    if let BenefitDetail::Outcome(c) = &mut b.detail
                        && c.unit_value == UnitValueSource::Library("Missing value".into())
                    {
                        c.unit_value = UnitValueSource::Library("Earnings gain".into());
                    }
                }
            }
            p
        })
        .boxed()
}

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
            prop_assert!(y.measures.pvb_total <= x.measures.pvb_total + Decimal::new(1, 20));
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
