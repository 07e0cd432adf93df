//! Synthetic projects of any size, for benchmarks and load tests.
//!
//! A generated project looks like one a finance team would keep: an area's partners
//! (councils, NHS bodies, police, fire, probation, DWP, the voluntary and private
//! sectors, residents) with rate cards, a unit-value library with GDP deflators, and
//! partnerships with staff time, meetings, pooled funds, other costs, direct benefits
//! and outcome chains, impacts and 7S scores. About 10 cost lines and 5 benefit lines
//! a partnership on average. The same seed always gives the same project, and every
//! generated project validates without errors.

// No `unwrap` or `expect` outside tests (ARCHITECTURE.md, invariants).
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

use partnership_appraisal_core::{appraisal, model};

use crate::appraisal::random::SplitMix64;
use crate::model::{
    Assumption, CostDetail, CostLine, CostType, Deflator, Distribution, FinancialYear, Grade,
    Money, Optimism, Partner, PartnerKind, Pay, Profile, Project, Rate, UnitValue,
};
use rust_decimal::Decimal;
use std::collections::BTreeSet;

mod data;
mod lines;

use data::{AREAS, CORE, DEFLATORS, EXTRA, Role, TOWNS, UNIT_VALUES, role_of};
use lines::make_partnership;

/// The engine's SplitMix64 (`appraisal::random`), with the draws test data needs.
struct Rng(SplitMix64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(SplitMix64::new(seed))
    }

    fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// A whole number from 0 to `n - 1` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A whole number from `low` to `high` inclusive.
    fn between(&mut self, low: i64, high: i64) -> i64 {
        let span = high.saturating_sub(low).max(0) as usize + 1;
        low + self.below(span) as i64
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// One of `items`, which must not be empty.
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// `count` distinct positions below `n`, in ascending order.
    fn sample(&mut self, n: usize, count: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..n).collect();
        let count = count.min(n);
        for i in 0..count {
            let j = i + self.below(n - i);
            all.swap(i, j);
        }
        all.truncate(count);
        all.sort_unstable();
        all
    }
}

fn whole(n: i64) -> Decimal {
    Decimal::from(n)
}

/// Pounds and pence from a number of pence.
fn pence(n: i64) -> Decimal {
    Decimal::new(n, 2)
}

/// A rate from hundredths: `hundredths(15)` is 0.15.
fn hundredths(n: i64) -> Rate {
    Rate(Decimal::new(n, 2))
}

/// The generated area: its partners, with each one's role and grade names.
struct Area {
    partners: Vec<(Role, String, Vec<String>)>,
}

impl Area {
    /// Positions of partners with `role`.
    fn with_role(&self, role: Role) -> Vec<usize> {
        (0..self.partners.len())
            .filter(|i| self.partners[*i].0 == role)
            .collect()
    }

    fn first(&self, role: Role) -> usize {
        self.with_role(role).first().copied().unwrap_or(0)
    }
}

/// A realistic synthetic project with `partnerships` partnerships, the same for the same seed.
pub fn project(partnerships: usize, seed: u64) -> Project {
    let mut rng = Rng::new(seed);
    let area = *rng.pick(&AREAS);
    let mut project = Project::new(format!("{area}: synthetic partnership portfolio"));
    project.description = format!(
        "A synthetic portfolio of {partnerships} partnerships for benchmarks (generator seed {seed}). \
         The partners, rates and unit values are realistic in scale but invented."
    );
    let (partners, roles) = make_partners(&mut rng, area);
    project.partners = partners;
    project.unit_values = UNIT_VALUES
        .iter()
        .map(|u| {
            let index = roles.first(u.role);
            UnitValue {
                name: u.name.to_owned(),
                value: Money(pence(u.pence)),
                price_year: FinancialYear(u.price_year),
                partner: Some(roles.partners[index].1.clone()),
                source: u.source.to_owned(),
            }
        })
        .collect();
    project.deflators = DEFLATORS
        .iter()
        .map(|(year, index)| Deflator {
            year: FinancialYear(*year),
            index: Decimal::new(*index, 2),
        })
        .collect();
    project.assumptions = vec![
        Assumption {
            text: "Staff time is costed at salary with on-costs (employer NI 15% above £5,000, pension 19%) over 1,650 productive hours.".into(),
            source: "Green Book (2022) and local pay scales".into(),
            owner: "Corporate finance".into(),
            date: "2026-11-02".into(),
        },
        Assumption {
            text: "Unit values are rebased to 2026/27 prices with HM Treasury GDP deflators.".into(),
            source: "HM Treasury GDP deflators, 2025".into(),
            owner: "Corporate finance".into(),
            date: "2026-11-02".into(),
        },
    ];
    let horizon = project.settings.horizon_years;
    let mut names = BTreeSet::new();
    project.partnerships = (0..partnerships)
        .map(|i| make_partnership(&mut rng, &roles, i, horizon, &mut names))
        .collect();
    project
}

fn make_partners(rng: &mut Rng, area: &str) -> (Vec<Partner>, Area) {
    let count = 8 + rng.below(23);
    let mut specs: Vec<(PartnerKind, String, Role)> = CORE
        .iter()
        .map(|(kind, template)| {
            (
                *kind,
                template.replace("{}", area),
                role_of(*kind, template),
            )
        })
        .collect();
    let mut taken: BTreeSet<String> = specs.iter().map(|s| s.1.clone()).collect();
    let mut attempts = 0;
    while specs.len() < count && attempts < 1000 {
        attempts += 1;
        let (kind, template) = *rng.pick(&EXTRA);
        let town = *rng.pick(&TOWNS);
        let name = template.replace("{}", town);
        if taken.insert(name.clone()) {
            specs.push((kind, name, role_of(kind, template)));
        }
    }
    let mut partners = Vec::with_capacity(specs.len());
    let mut area_partners = Vec::with_capacity(specs.len());
    for (kind, name, role) in specs {
        let grades: Vec<Grade> = role
            .grades()
            .iter()
            .map(|&(grade, salaried, low, high)| {
                let pay = rng.between(low, high);
                Grade {
                    name: grade.to_owned(),
                    pay: if salaried {
                        Pay::Salary(Money(pence(pay * 100)))
                    } else {
                        Pay::Hourly(Money(pence(pay)))
                    },
                }
            })
            .collect();
        area_partners.push((
            role,
            name.clone(),
            grades.iter().map(|g| g.name.clone()).collect(),
        ));
        let mut partner = Partner::new(name, kind);
        partner.grades = grades;
        partners.push(partner);
    }
    (
        partners,
        Area {
            partners: area_partners,
        },
    )
}

fn optimism(rng: &mut Rng) -> Optimism {
    if rng.chance(12) {
        Optimism::Direct(hundredths(rng.between(0, 40)))
    } else {
        Optimism::Grade(rng.between(1, 6).to_string())
    }
}

/// A multiplier range for Monte Carlo on about one line in six.
fn line_range(rng: &mut Rng) -> Option<Distribution> {
    if !rng.chance(16) {
        return None;
    }
    Some(if rng.chance(70) {
        Distribution::Triangular {
            low: Decimal::new(rng.between(60, 95), 2),
            likely: Decimal::ONE,
            high: Decimal::new(rng.between(105, 160), 2),
        }
    } else {
        Distribution::Normal {
            mean: Decimal::ONE,
            sd: Decimal::new(rng.between(5, 20), 2),
        }
    })
}

fn cost_line(
    name: String,
    cost_type: CostType,
    optimism: Optimism,
    source: String,
    detail: CostDetail,
    range: Option<Distribution>,
) -> CostLine {
    CostLine {
        name,
        cost_type,
        optimism,
        source,
        detail,
        range,
        prices: crate::model::Prices::Real,
    }
}

/// A yearly quantity over the horizon: usually level, sometimes starting later or growing,
/// sometimes given year by year. Never runs beyond the horizon.
fn profile(rng: &mut Rng, low: i64, high: i64, scale: u32, horizon: u32) -> Profile {
    let value = Decimal::new(rng.between(low, high), scale);
    let start = if rng.chance(15) {
        rng.below(3) as u32
    } else {
        0
    };
    let start = start.min(horizon.saturating_sub(1));
    if rng.chance(15) {
        // Year by year: a ramp up to the full amount.
        let mut values = Vec::with_capacity(horizon as usize);
        for t in 0..horizon {
            let share = match t {
                0 => Decimal::new(50, 2),
                1 => Decimal::new(80, 2),
                _ => Decimal::ONE,
            };
            values.push((value * share).round_dp(scale));
        }
        return Profile::PerYear(values);
    }
    Profile::Constant {
        value,
        start_year: start,
        years: horizon - start,
        growth: if rng.chance(20) {
            Rate(Decimal::new(rng.between(-3, 3), 2))
        } else {
            Rate::ZERO
        },
    }
}
