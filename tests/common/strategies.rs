//! Project generators for the property tests (`properties.rs`, `references.rs`).
//! Included with `#[path]` by the tests that use them, so other tests do not build them.
#![allow(dead_code)]

use partnership_appraisal::model::*;
use proptest::prelude::*;
use rust_decimal::Decimal;

// Generators. `Leaves` says how wild the numbers, years and names are: `tame` gives
// valid projects (every reference resolves, every value in range), `wild` anything a
// hand-edited file can hold.

#[derive(Clone, Copy)]
pub struct Leaves {
    pub amount: fn() -> BoxedStrategy<Decimal>,
    pub count: fn() -> BoxedStrategy<Decimal>,
    pub share: fn() -> BoxedStrategy<Rate>,
    pub uplift: fn() -> BoxedStrategy<Rate>,
    pub growth: fn() -> BoxedStrategy<Rate>,
    pub years: fn() -> BoxedStrategy<u32>,
    pub horizon: fn() -> BoxedStrategy<u32>,
    /// A partner that can bear costs (it has grades).
    pub payer: fn() -> BoxedStrategy<(String, String)>,
    /// Any partner a benefit can name.
    pub beneficiary: fn() -> BoxedStrategy<String>,
    pub grade: fn() -> BoxedStrategy<String>,
    pub text: fn() -> BoxedStrategy<String>,
    pub year: fn() -> BoxedStrategy<FinancialYear>,
    pub fiscal_always_named: bool,
    /// Generate Monte Carlo ranges, options and cost-split proposals too.
    pub extras: bool,
    /// Only what `validate` accepts: cash prices on money lines only, project types
    /// from the table, on costs only.
    pub valid: bool,
}

/// Partners and their grades in every generated project.
pub const PAYERS: [(&str, &str); 4] = [
    ("Council", "Officer"),
    ("Council", "Director"),
    ("NHS", "Manager"),
    ("Police", "Inspector"),
];
pub const BENEFICIARIES: [&str; 4] = ["Council", "NHS", "Police", "Residents"];

pub fn tame() -> Leaves {
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
        valid: true,
    }
}

/// Any Decimal at all, with the awkward ones often.
pub fn wild_decimal() -> BoxedStrategy<Decimal> {
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

pub fn wild_u32() -> BoxedStrategy<u32> {
    prop_oneof![
        3 => 0u32..=12,
        1 => any::<u32>(),
        1 => prop::sample::select(vec![u32::MAX, u32::MAX - 1, 300, 301, 0]),
    ]
    .boxed()
}

pub fn wild() -> Leaves {
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
        valid: false,
    }
}

pub fn profile(l: Leaves, value: fn() -> BoxedStrategy<Decimal>) -> BoxedStrategy<Profile> {
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

pub fn optimism(l: Leaves, rate: fn() -> BoxedStrategy<Rate>) -> BoxedStrategy<Optimism> {
    prop_oneof![
        (l.grade)().prop_map(Optimism::Grade),
        rate().prop_map(Optimism::Direct),
    ]
    .boxed()
}

/// A cost line's optimism bias: as [`optimism`], or a project type with a mitigation.
pub fn cost_optimism(l: Leaves) -> BoxedStrategy<Optimism> {
    let types: Vec<String> = default_project_types()
        .into_iter()
        .map(|t| t.name)
        .chain((!l.valid).then(|| "No such type".to_owned()))
        .collect();
    prop_oneof![
        3 => optimism(l, l.uplift),
        1 => (prop::sample::select(types), (l.share)()).prop_map(|(project_type, mitigation)| {
            Optimism::ProjectType {
                project_type,
                mitigation,
            }
        }),
    ]
    .boxed()
}

/// Real terms mostly, cash prices sometimes.
pub fn prices() -> BoxedStrategy<Prices> {
    prop_oneof![3 => Just(Prices::Real), 1 => Just(Prices::Cash)].boxed()
}

pub fn layer() -> impl Strategy<Value = Layer> {
    prop::sample::select(&Layer::ALL[..])
}

pub fn cost_detail(l: Leaves) -> BoxedStrategy<CostDetail> {
    let unit = prop_oneof![3 => Just(TimeUnit::Hours), 1 => Just(TimeUnit::Fte)];
    let staff = ((l.payer)(), layer(), profile(l, l.count), unit).prop_map(
        |((partner, grade), layer, hours, unit)| {
            CostDetail::StaffTime(StaffTime {
                partner,
                grade,
                layer,
                hours,
                unit,
            })
        },
    );
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

pub fn distribution(l: Leaves) -> BoxedStrategy<Distribution> {
    prop_oneof![
        ((l.amount)(), (l.amount)(), (l.amount)())
            .prop_map(|(low, likely, high)| Distribution::Triangular { low, likely, high }),
        ((l.amount)(), (l.amount)()).prop_map(|(mean, sd)| Distribution::Normal { mean, sd }),
    ]
    .boxed()
}

/// A Monte Carlo range, in wild projects only.
pub fn range(l: Leaves) -> BoxedStrategy<Option<Distribution>> {
    if l.extras {
        prop::option::of(distribution(l)).boxed()
    } else {
        Just(None).boxed()
    }
}

pub fn chain_ranges(l: Leaves) -> BoxedStrategy<ChainRanges> {
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

pub fn cost_line(l: Leaves) -> BoxedStrategy<CostLine> {
    (
        (l.text)(),
        prop::sample::select(&CostType::ALL[..]),
        cost_optimism(l),
        (l.text)(),
        cost_detail(l),
        (range(l), prices()),
    )
        .prop_map(
            move |(name, cost_type, optimism, source, detail, (range, prices))| CostLine {
                name,
                cost_type,
                optimism,
                source,
                prices: if l.valid && !detail.has_amounts() {
                    Prices::Real
                } else {
                    prices
                },
                detail,
                range,
            },
        )
        .boxed()
}

pub fn unit_value_source(l: Leaves) -> BoxedStrategy<UnitValueSource> {
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

pub fn benefit_line(l: Leaves) -> BoxedStrategy<BenefitLine> {
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
        (range(l), prices(), prop::bool::weighted(0.2)),
    )
        .prop_map(
            move |(
                (name, benefit_type),
                partner,
                named,
                (cashable_share, optimism, source),
                detail,
                (range, prices, disbenefit),
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
                    prices: if l.valid && !matches!(detail, BenefitDetail::Direct(_)) {
                        Prices::Real
                    } else {
                        prices
                    },
                    detail,
                    range,
                    disbenefit,
                }
            },
        )
        .boxed()
}

pub type Extras = (Vec<Alternative>, Option<String>, Vec<Proposal>);

/// Options against business as usual and cost-split proposals, in wild projects only.
pub fn extras(l: Leaves) -> BoxedStrategy<Extras> {
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

pub fn partnership(l: Leaves) -> BoxedStrategy<Partnership> {
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

pub fn simulation(l: Leaves) -> BoxedStrategy<Simulation> {
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

pub fn settings(l: Leaves) -> BoxedStrategy<Settings> {
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

pub fn project_with(l: Leaves) -> BoxedStrategy<Project> {
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
                // Every year a generated appraisal can reach, so cash prices can be deflated.
                p.deflators = (2020..=2070)
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
pub fn tame_project() -> BoxedStrategy<Project> {
    tame_project_with(tame())
}

/// Valid values with options and proposals too (whose names may repeat or be blank, and
/// whose partners and preferred option may name nothing): validate may find errors there.
pub fn tame_with_extras() -> Leaves {
    Leaves {
        extras: true,
        ..tame()
    }
}

/// [`tame_project`] from the given leaves.
pub fn tame_project_with(l: Leaves) -> BoxedStrategy<Project> {
    project_with(l)
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
