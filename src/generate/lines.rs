//! One generated partnership: its members, and its staff time, meetings, pooled fund,
//! other costs, outcome chains and direct benefits.

use super::data::{MEETINGS, OTHER, Role, SOURCES, THEMES, TOWNS, Theme, UNIT_VALUES};
use super::{Area, Rng, cost_line, hundredths, line_range, optimism, pence, profile, whole};
use crate::model::{
    Assessment, Attendee, BenefitDetail, BenefitLine, BenefitType, ChainRanges, Contribution,
    CostDetail, CostLine, CostType, Direction, Distribution, FinancialYear, FixedCosts,
    FundingArrangement, Impact, Layer, Meeting, Money, Optimism, OtherCategory, OtherCost,
    OutcomeChain, Partnership, PooledFund, Profile, Rate, RiskShare, SevenS, Significance,
    StaffTime, Status, UnitValueSource,
};
use rust_decimal::Decimal;
use std::collections::BTreeSet;

pub(super) fn make_partnership(
    rng: &mut Rng,
    area: &Area,
    index: usize,
    horizon: u32,
    names: &mut BTreeSet<String>,
) -> Partnership {
    let theme = rng.pick(&THEMES);
    let town = rng.pick(&TOWNS);
    let mut name = format!("{town} {}", theme.name);
    if !names.insert(name.clone()) {
        name = format!("{name} ({})", index + 1);
        names.insert(name.clone());
    }
    let mut p = Partnership::new(name);
    p.purpose = theme.purpose.to_owned();
    p.status = *rng.pick(&[
        Status::Active,
        Status::Active,
        Status::Active,
        Status::Proposed,
        Status::UnderReview,
        Status::Closing,
    ]);
    p.funding = theme.funding;
    p.bau = "Without the partnership each agency acts alone: cases are handled separately and nobody targets the repeat demand.".to_owned();

    // Members: one partner of each of the theme's roles (where the area has one), plus a
    // few more. The first role's partner leads: it hosts the pool and pays for meetings.
    let mut members: Vec<usize> = Vec::new();
    for role in theme.roles {
        let candidates = area.with_role(*role);
        if !candidates.is_empty() {
            members.push(*rng.pick(&candidates));
        }
    }
    let lead = members.first().copied();
    for _ in 0..rng.below(3) {
        let extra = rng.below(area.partners.len());
        if !members.contains(&extra) {
            members.push(extra);
        }
    }
    members.sort_unstable();
    members.dedup();
    p.members = members
        .iter()
        .map(|i| area.partners[*i].1.clone())
        .collect();
    let staffed: Vec<usize> = members
        .iter()
        .copied()
        .filter(|i| !area.partners[*i].2.is_empty())
        .collect();
    let staffed = if staffed.is_empty() {
        vec![area.first(Role::Council)]
    } else {
        staffed
    };
    let lead = lead.filter(|i| staffed.contains(i)).unwrap_or(staffed[0]);

    let mut s = SevenS::default();
    for (k, e) in s.elements_mut().into_iter().enumerate() {
        *e = Assessment {
            score: if rng.chance(85) {
                Some(rng.between(1, 5) as u8)
            } else {
                None
            },
            note: if rng.chance(25) {
                [
                    "Agreed at the last board review.",
                    "Evidence from the annual partner survey.",
                    "An action is open to improve this.",
                    "Improved since last year.",
                ][k % 4]
                    .to_owned()
            } else {
                String::new()
            },
        };
    }
    p.seven_s = s;
    for _ in 0..rng.below(4) {
        p.impacts.push(Impact {
            description: rng
                .pick(&[
                    "Residents' trust in local services",
                    "Better information sharing between agencies",
                    "Staff morale and retention in frontline teams",
                    "Some displacement of demand to neighbouring areas",
                    "Reduced stigma for people seeking help",
                ])
                .to_string(),
            direction: if rng.chance(80) {
                Direction::Positive
            } else {
                Direction::Negative
            },
            significance: *rng.pick(&[Significance::Low, Significance::Medium, Significance::High]),
        });
    }

    let cost_count = 3 + rng.below(15);
    let has_pool = theme.funding == FundingArrangement::PooledBudget || rng.chance(8);
    for k in 0..cost_count {
        let line = if k == 0 && has_pool {
            pooled_fund(rng, area, &staffed, lead, horizon)
        } else {
            match rng.below(20) {
                0..=8 => staff_time(rng, area, &staffed, horizon),
                9..=13 => meeting(rng, area, &staffed, lead, horizon),
                _ => other_cost(rng, area, &staffed, horizon),
            }
        };
        p.costs.push(line);
    }

    let benefit_count = 1 + rng.below(9);
    for _ in 0..benefit_count {
        let line = if rng.chance(65) {
            outcome(rng, area, theme, horizon)
        } else {
            direct_benefit(rng, area, &staffed, horizon)
        };
        p.benefits.push(line);
    }
    p
}

fn staff_time(rng: &mut Rng, area: &Area, staffed: &[usize], horizon: u32) -> CostLine {
    let who = *rng.pick(staffed);
    let (_, partner, grades) = &area.partners[who];
    let grade = rng.pick(grades).clone();
    let hours = profile(rng, 50, 1650, 0, horizon);
    cost_line(
        format!("{grade} time ({partner})"),
        CostType::Revenue,
        optimism(rng),
        rng.pick(&SOURCES).to_string(),
        CostDetail::StaffTime(StaffTime {
            partner: partner.clone(),
            grade,
            layer: *rng.pick(&Layer::ALL),
            hours,
            unit: crate::model::TimeUnit::Hours,
        }),
        line_range(rng),
    )
}

fn meeting(rng: &mut Rng, area: &Area, staffed: &[usize], lead: usize, horizon: u32) -> CostLine {
    let (name, layer, per_year) = *rng.pick(&MEETINGS);
    let attendee_count = 2 + rng.below(5);
    let mut attendees: Vec<Attendee> = Vec::with_capacity(attendee_count);
    for _ in 0..attendee_count {
        let who = *rng.pick(staffed);
        let (_, partner, grades) = &area.partners[who];
        let grade = rng.pick(grades).clone();
        if attendees
            .iter()
            .any(|a| &a.partner == partner && a.grade == grade)
        {
            continue;
        }
        attendees.push(Attendee {
            partner: partner.clone(),
            grade,
            count: whole(rng.between(1, 3)),
        });
    }
    let fixed = rng.chance(60);
    let amount = |rng: &mut Rng, low: i64, high: i64| {
        if fixed && rng.chance(70) {
            Money(pence(rng.between(low, high) * 100))
        } else {
            Money(Decimal::ZERO)
        }
    };
    let fixed_costs = FixedCosts {
        paid_by: area.partners[lead].1.clone(),
        venue: amount(rng, 0, 400),
        refreshments: amount(rng, 10, 80),
        printing: amount(rng, 0, 40),
        other: Money(Decimal::ZERO),
    };
    let meetings = Profile::Constant {
        value: whole(per_year),
        start_year: 0,
        years: horizon,
        growth: Rate::ZERO,
    };
    cost_line(
        name.to_owned(),
        CostType::InKind,
        optimism(rng),
        "Terms of reference and attendance register".to_owned(),
        CostDetail::Meeting(Meeting {
            layer,
            meetings,
            meeting_hours: Decimal::new(rng.between(2, 6) * 5, 1),
            preparation_hours: Decimal::new(rng.between(0, 4) * 5, 1),
            travel_hours: Decimal::new(rng.between(0, 2) * 5, 1),
            attendees,
            fixed_costs,
        }),
        line_range(rng),
    )
}

fn pooled_fund(
    rng: &mut Rng,
    area: &Area,
    staffed: &[usize],
    lead: usize,
    horizon: u32,
) -> CostLine {
    let how_many = 2 + rng.below(3);
    let contributors = rng.sample(staffed.len(), how_many);
    let contributions = contributors
        .into_iter()
        .map(|k| {
            let partner = area.partners[staffed[k]].1.clone();
            let amounts = profile(rng, 50_000, 2_500_000, 0, horizon);
            let forecast_outturn = if rng.chance(40) {
                // A forecast for the first two or three years, a few per cent off the plan.
                let years = 2 + rng.below(2);
                let planned =
                    crate::appraisal::flows::expand(&amounts, horizon).unwrap_or_default();
                let values = planned
                    .iter()
                    .take(years)
                    .map(|v| (v * Decimal::new(rng.between(94, 108), 2)).round_dp(2))
                    .collect();
                Some(Profile::PerYear(values))
            } else {
                None
            };
            Contribution {
                partner,
                amounts,
                forecast_outturn,
            }
        })
        .collect();
    cost_line(
        "Pooled budget".to_owned(),
        CostType::Revenue,
        Optimism::Grade(rng.between(1, 3).to_string()),
        "Section 75 agreement schedule".to_owned(),
        CostDetail::PooledFund(PooledFund {
            host: area.partners[lead].1.clone(),
            risk_share: *rng.pick(&RiskShare::ALL),
            contributions,
        }),
        line_range(rng),
    )
}

fn other_cost(rng: &mut Rng, area: &Area, staffed: &[usize], horizon: u32) -> CostLine {
    let (name, category) = *rng.pick(&OTHER);
    let who = *rng.pick(staffed);
    let capital = matches!(category, OtherCategory::It | OtherCategory::Website) && rng.chance(40);
    let amounts = if capital {
        Profile::Constant {
            value: pence(rng.between(10_000, 250_000) * 100),
            start_year: 0,
            years: 1,
            growth: Rate::ZERO,
        }
    } else {
        profile(rng, 200_000, 15_000_000, 2, horizon)
    };
    cost_line(
        name.to_owned(),
        if capital {
            CostType::Capital
        } else {
            CostType::Revenue
        },
        optimism(rng),
        rng.pick(&SOURCES).to_string(),
        CostDetail::Other(OtherCost {
            category,
            partner: area.partners[who].1.clone(),
            layer: if rng.chance(70) {
                Some(*rng.pick(&Layer::ALL))
            } else {
                None
            },
            amounts,
        }),
        line_range(rng),
    )
}

fn benefit_optimism(rng: &mut Rng) -> Optimism {
    if rng.chance(10) {
        Optimism::Direct(hundredths(rng.between(0, 50)))
    } else {
        Optimism::Grade(rng.between(1, 6).to_string())
    }
}

fn outcome(rng: &mut Rng, area: &Area, theme: &Theme, horizon: u32) -> BenefitLine {
    let spec = &UNIT_VALUES[*rng.pick(theme.unit_values)];
    let partner = area.partners[area.first(spec.role)].1.clone();
    let unit_value = if rng.chance(85) {
        UnitValueSource::Library(spec.name.to_owned())
    } else {
        UnitValueSource::Typed {
            value: Money(pence(spec.pence * rng.between(90, 110) / 100)),
            price_year: FinancialYear(spec.price_year),
        }
    };
    let success = rng.between(15, 70);
    let ranges = if rng.chance(16) {
        ChainRanges {
            success_rate: Some(Distribution::Triangular {
                low: Decimal::new(success * 7 / 10, 2),
                likely: Decimal::new(success, 2),
                high: Decimal::new((success * 13 / 10).min(100), 2),
            }),
            ..ChainRanges::default()
        }
    } else {
        ChainRanges::default()
    };
    // About £20,000 to £2 million of gross value a year, whatever the unit value.
    let most = (200_000_000 / spec.pence).clamp(5, 900);
    let chain = OutcomeChain {
        cohort: profile(rng, (most / 20).max(1), most, 0, horizon),
        engagement_rate: hundredths(rng.between(50, 95)),
        success_rate: hundredths(success),
        unit_value,
        deadweight: hundredths(rng.between(0, 40)),
        displacement: hundredths(rng.between(0, 20)),
        attribution: hundredths(rng.between(0, 50)),
        lag_years: rng.below(3) as u32,
        duration_years: 1 + rng.below(4) as u32,
        drop_off: hundredths(rng.between(0, 50)),
        ranges,
    };
    BenefitLine {
        name: spec.name.to_owned(),
        benefit_type: spec.benefit_type,
        partner: Some(partner),
        cashable_share: if spec.benefit_type == BenefitType::Fiscal {
            hundredths(rng.between(0, 60))
        } else {
            Rate::ZERO
        },
        optimism: benefit_optimism(rng),
        source: format!("{}; local caseload 2025/26", spec.source),
        detail: BenefitDetail::Outcome(chain),
        range: None,
        disbenefit: false,
        prices: crate::model::Prices::Real,
    }
}

fn direct_benefit(rng: &mut Rng, area: &Area, staffed: &[usize], horizon: u32) -> BenefitLine {
    let who = *rng.pick(staffed);
    let partner = area.partners[who].1.clone();
    let (name, benefit_type) = *rng.pick(&[
        ("Duplicate assessments avoided", BenefitType::Fiscal),
        ("Shared premises: rent saved", BenefitType::Fiscal),
        ("Joint commissioning savings", BenefitType::Fiscal),
        ("Volunteer time contributed", BenefitType::Economic),
        ("Community events: wellbeing", BenefitType::Social),
    ]);
    BenefitLine {
        name: name.to_owned(),
        benefit_type,
        partner: Some(partner),
        cashable_share: if benefit_type == BenefitType::Fiscal {
            hundredths(rng.between(20, 100))
        } else {
            Rate::ZERO
        },
        optimism: benefit_optimism(rng),
        source: rng.pick(&SOURCES).to_string(),
        detail: BenefitDetail::Direct(profile(rng, 500_000, 30_000_000, 2, horizon)),
        range: line_range(rng),
        disbenefit: false,
        prices: crate::model::Prices::Real,
    }
}
