//! Synthetic projects of any size, for benchmarks and load tests.
//!
//! A generated project looks like one a finance team would keep: an area's partners
//! (councils, NHS bodies, police, fire, probation, DWP, the voluntary and private
//! sectors, residents) with rate cards, a unit-value library with GDP deflators, and
//! partnerships with staff time, meetings, pooled funds, other costs, direct benefits
//! and outcome chains, impacts and 7S scores. About 10 cost lines and 5 benefit lines
//! a partnership on average. The same seed always gives the same project, and every
//! generated project validates without errors.

use crate::appraisal::random::SplitMix64;
use crate::model::{
    Assessment, Assumption, Attendee, BenefitDetail, BenefitLine, BenefitType, ChainRanges,
    Contribution, CostDetail, CostLine, CostType, Deflator, Direction, Distribution, FinancialYear,
    FixedCosts, FundingArrangement, Grade, Impact, Layer, Meeting, Money, Optimism, OtherCategory,
    OtherCost, OutcomeChain, Partner, PartnerKind, Partnership, Pay, PooledFund, Profile, Project,
    Rate, RiskShare, SevenS, Significance, StaffTime, Status, UnitValue, UnitValueSource,
};
use rust_decimal::Decimal;
use std::collections::BTreeSet;

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

const AREAS: [&str; 24] = [
    "Westmere",
    "Northbridge",
    "Eastholme",
    "Southwick",
    "Ashcombe",
    "Brackenshire",
    "Calder Vale",
    "Dunmore",
    "Elmsford",
    "Fenwick",
    "Greystone",
    "Harrowdale",
    "Ironbridge",
    "Kingsmoor",
    "Larkhill",
    "Millbrook",
    "Newhaven",
    "Oakley",
    "Pendle Cross",
    "Queensmead",
    "Riverside",
    "Stonebridge",
    "Thornbury",
    "Upton Marsh",
];

const TOWNS: [&str; 40] = [
    "Abbotsley",
    "Barnford",
    "Castleton",
    "Deanbury",
    "Edgecote",
    "Farleigh",
    "Glenhaven",
    "Hartwell",
    "Ivybridge",
    "Kelsall",
    "Langford",
    "Marston",
    "Netherby",
    "Otterham",
    "Portwood",
    "Redcliffe",
    "Saltley",
    "Tarrant",
    "Underwood",
    "Valemouth",
    "Whitfield",
    "Yarrow",
    "Ashby Green",
    "Bramley",
    "Coldharbour",
    "Drayford",
    "Eastleigh Vale",
    "Foxton",
    "Grantley",
    "Holbeck",
    "Kirkham",
    "Lindley",
    "Moorside",
    "Norbury",
    "Oldcastle",
    "Penrith Vale",
    "Rowley",
    "Shelford",
    "Tiverley",
    "Wexcombe",
];

/// A grade of a rate card: name, and low and high pay (whole pounds a year, or pence an hour).
type GradeRange = (&'static str, bool, i64, i64);

const COUNCIL_GRADES: [GradeRange; 8] = [
    ("Director", true, 112_000, 138_000),
    ("Head of service", true, 84_000, 99_000),
    ("Service manager", true, 61_000, 71_000),
    ("Senior officer", true, 50_000, 57_000),
    ("Analyst", true, 44_000, 50_000),
    ("Officer", true, 38_000, 46_000),
    ("Support officer", true, 30_000, 36_000),
    ("Cabinet member", false, 2_500, 3_500),
];
const NHS_GRADES: [GradeRange; 7] = [
    ("Director (VSM)", true, 118_000, 135_000),
    ("Deputy director (Band 8d)", true, 88_000, 99_000),
    ("Commissioning manager (Band 8a)", true, 55_000, 62_000),
    ("Clinical lead (Band 7)", true, 47_000, 53_000),
    ("Nurse (Band 6)", true, 38_000, 45_000),
    ("Care coordinator (Band 4)", true, 27_000, 30_000),
    ("GP (sessional)", false, 10_000, 12_500),
];
const POLICE_GRADES: [GradeRange; 6] = [
    ("Chief superintendent", false, 9_200, 10_400),
    ("Superintendent", false, 8_400, 9_200),
    ("Inspector", false, 6_200, 6_900),
    ("Sergeant", false, 5_300, 5_900),
    ("Police constable", false, 4_000, 4_600),
    ("Police staff analyst", false, 3_300, 3_800),
];
const FIRE_GRADES: [GradeRange; 4] = [
    ("Group manager", false, 6_000, 6_600),
    ("Station manager", false, 5_400, 5_900),
    ("Watch manager", false, 4_700, 5_100),
    ("Prevention officer", true, 38_000, 44_000),
];
const DWP_GRADES: [GradeRange; 3] = [
    ("Partnership manager (HEO)", false, 3_500, 3_800),
    ("Work coach (EO)", false, 2_900, 3_100),
    ("District manager (SEO)", false, 4_300, 4_700),
];
const PROBATION_GRADES: [GradeRange; 3] = [
    ("Head of probation delivery unit", false, 6_000, 6_500),
    ("Senior probation officer", false, 4_300, 4_700),
    ("Probation officer", false, 3_600, 4_000),
];
const VOLUNTARY_GRADES: [GradeRange; 4] = [
    ("Chief executive", false, 4_200, 4_900),
    ("Service manager", false, 3_000, 3_400),
    ("Project worker", false, 2_200, 2_500),
    ("Volunteer coordinator", false, 2_000, 2_300),
];
const PRIVATE_GRADES: [GradeRange; 3] = [
    ("Director", false, 6_500, 8_000),
    ("Contract manager", false, 4_000, 4_800),
    ("Care worker", false, 1_550, 1_800),
];

/// The partners every area has, in order: the lead council first.
const CORE: [(PartnerKind, &str); 8] = [
    (PartnerKind::Council, "{} County Council"),
    (PartnerKind::Nhs, "NHS {} Integrated Care Board"),
    (PartnerKind::Police, "{} Police"),
    (PartnerKind::FireAndRescue, "{} Fire and Rescue Service"),
    (PartnerKind::CentralGovernment, "DWP Jobcentre Plus ({})"),
    (PartnerKind::CentralGovernment, "Probation Service ({})"),
    (PartnerKind::Voluntary, "{} Council for Voluntary Service"),
    (PartnerKind::ResidentsAndSociety, "{} residents"),
];

/// Further partners, named after a town.
const EXTRA: [(PartnerKind, &str); 7] = [
    (PartnerKind::Council, "{} District Council"),
    (PartnerKind::Council, "{} Borough Council"),
    (PartnerKind::Nhs, "{} Hospitals NHS Foundation Trust"),
    (PartnerKind::Nhs, "{} Community Health NHS Trust"),
    (PartnerKind::Voluntary, "{} Citizens Advice"),
    (PartnerKind::Voluntary, "{} Women's Aid"),
    (PartnerKind::Private, "{} Care Services Ltd"),
];

/// What a partner is in the generator: its kind, and which rate card it has.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Council,
    Nhs,
    Police,
    Fire,
    Dwp,
    Probation,
    Voluntary,
    Private,
    Residents,
}

impl Role {
    fn grades(self) -> &'static [GradeRange] {
        match self {
            Role::Council => &COUNCIL_GRADES,
            Role::Nhs => &NHS_GRADES,
            Role::Police => &POLICE_GRADES,
            Role::Fire => &FIRE_GRADES,
            Role::Dwp => &DWP_GRADES,
            Role::Probation => &PROBATION_GRADES,
            Role::Voluntary => &VOLUNTARY_GRADES,
            Role::Private => &PRIVATE_GRADES,
            Role::Residents => &[],
        }
    }
}

fn role_of(kind: PartnerKind, template: &str) -> Role {
    match kind {
        PartnerKind::Council => Role::Council,
        PartnerKind::Nhs => Role::Nhs,
        PartnerKind::Police => Role::Police,
        PartnerKind::FireAndRescue => Role::Fire,
        PartnerKind::CentralGovernment if template.starts_with("DWP") => Role::Dwp,
        PartnerKind::CentralGovernment => Role::Probation,
        PartnerKind::Voluntary => Role::Voluntary,
        PartnerKind::Private => Role::Private,
        PartnerKind::ResidentsAndSociety => Role::Residents,
    }
}

/// A library unit value: name, pence, price year, who it accrues to, benefit type, source.
struct UnitSpec {
    name: &'static str,
    pence: i64,
    price_year: i32,
    role: Role,
    benefit_type: BenefitType,
    source: &'static str,
}

const UNIT_VALUES: [UnitSpec; 24] = [
    UnitSpec {
        name: "Violence with injury: police cost per offence",
        pence: 131_000,
        price_year: 2015,
        role: Role::Police,
        benefit_type: BenefitType::Fiscal,
        source: "Home Office (2018), The economic and social costs of crime",
    },
    UnitSpec {
        name: "Violence with injury: harm to the victim",
        pence: 883_000,
        price_year: 2015,
        role: Role::Residents,
        benefit_type: BenefitType::Social,
        source: "Home Office (2018), The economic and social costs of crime",
    },
    UnitSpec {
        name: "Anti-social behaviour: police cost per incident",
        pence: 74_500,
        price_year: 2019,
        role: Role::Police,
        benefit_type: BenefitType::Fiscal,
        source: "GMCA Unit Cost Database v2.3",
    },
    UnitSpec {
        name: "Anti-social behaviour: council cost per case",
        pence: 112_000,
        price_year: 2019,
        role: Role::Council,
        benefit_type: BenefitType::Fiscal,
        source: "GMCA Unit Cost Database v2.3",
    },
    UnitSpec {
        name: "Deliberate secondary fire: response cost",
        pence: 214_000,
        price_year: 2019,
        role: Role::Fire,
        benefit_type: BenefitType::Fiscal,
        source: "GMCA Unit Cost Database v2.3",
    },
    UnitSpec {
        name: "Dwelling fire: response cost",
        pence: 410_000,
        price_year: 2019,
        role: Role::Fire,
        benefit_type: BenefitType::Fiscal,
        source: "GMCA Unit Cost Database v2.3",
    },
    UnitSpec {
        name: "Excess bed day (acute, non-elective)",
        pence: 41_000,
        price_year: 2023,
        role: Role::Nhs,
        benefit_type: BenefitType::Fiscal,
        source: "NHS England, National Cost Collection 2023/24",
    },
    UnitSpec {
        name: "Non-elective admission (average)",
        pence: 278_000,
        price_year: 2023,
        role: Role::Nhs,
        benefit_type: BenefitType::Fiscal,
        source: "NHS England, National Cost Collection 2023/24",
    },
    UnitSpec {
        name: "A&E attendance (type 1)",
        pence: 24_200,
        price_year: 2023,
        role: Role::Nhs,
        benefit_type: BenefitType::Fiscal,
        source: "NHS England, National Cost Collection 2023/24",
    },
    UnitSpec {
        name: "Fall with hip fracture: NHS cost",
        pence: 1_480_000,
        price_year: 2023,
        role: Role::Nhs,
        benefit_type: BenefitType::Fiscal,
        source: "NICE CG161 costing, uprated",
    },
    UnitSpec {
        name: "Residential care placement, older person (a year)",
        pence: 6_190_000,
        price_year: 2024,
        role: Role::Council,
        benefit_type: BenefitType::Fiscal,
        source: "PSSRU, Unit Costs of Health and Social Care 2024",
    },
    UnitSpec {
        name: "Looked-after child, foster placement (a year)",
        pence: 4_350_000,
        price_year: 2023,
        role: Role::Council,
        benefit_type: BenefitType::Fiscal,
        source: "PSSRU, Unit Costs of Health and Social Care 2023",
    },
    UnitSpec {
        name: "Temporary accommodation, one household (a year)",
        pence: 1_240_000,
        price_year: 2023,
        role: Role::Council,
        benefit_type: BenefitType::Fiscal,
        source: "DLUHC homelessness statistics, local outturn",
    },
    UnitSpec {
        name: "Council Tax Support saved (a year)",
        pence: 98_000,
        price_year: 2024,
        role: Role::Council,
        benefit_type: BenefitType::Fiscal,
        source: "Local Council Tax Support scheme, average award",
    },
    UnitSpec {
        name: "Universal Credit saved when a claimant enters work (a year)",
        pence: 620_000,
        price_year: 2024,
        role: Role::Dwp,
        benefit_type: BenefitType::Fiscal,
        source: "DWP benefit expenditure tables 2024/25",
    },
    UnitSpec {
        name: "Net earnings gain on entering work (a year)",
        pence: 975_000,
        price_year: 2019,
        role: Role::Residents,
        benefit_type: BenefitType::Economic,
        source: "GMCA Unit Cost Database v2.3",
    },
    UnitSpec {
        name: "Proven reoffence avoided: criminal justice cost",
        pence: 390_000,
        price_year: 2019,
        role: Role::Probation,
        benefit_type: BenefitType::Fiscal,
        source: "Ministry of Justice, economic and social costs of reoffending",
    },
    UnitSpec {
        name: "Domestic abuse incident: police cost",
        pence: 98_000,
        price_year: 2019,
        role: Role::Police,
        benefit_type: BenefitType::Fiscal,
        source: "Home Office (2019), economic and social costs of domestic abuse",
    },
    UnitSpec {
        name: "Domestic abuse: harm to the victim",
        pence: 1_420_000,
        price_year: 2017,
        role: Role::Residents,
        benefit_type: BenefitType::Social,
        source: "Home Office (2019), economic and social costs of domestic abuse",
    },
    UnitSpec {
        name: "Section 136 detention: police time",
        pence: 52_000,
        price_year: 2019,
        role: Role::Police,
        benefit_type: BenefitType::Fiscal,
        source: "GMCA Unit Cost Database v2.3",
    },
    UnitSpec {
        name: "Health gain of 0.04 QALY",
        pence: 280_000,
        price_year: 2024,
        role: Role::Residents,
        benefit_type: BenefitType::Social,
        source: "DHSC value of a QALY, £70,000",
    },
    UnitSpec {
        name: "Young person in education or training instead of NEET (a year)",
        pence: 460_000,
        price_year: 2019,
        role: Role::Dwp,
        benefit_type: BenefitType::Fiscal,
        source: "GMCA Unit Cost Database v2.3",
    },
    UnitSpec {
        name: "Wellbeing from regular volunteering (a year)",
        pence: 320_000,
        price_year: 2019,
        role: Role::Residents,
        benefit_type: BenefitType::Social,
        source: "HACT Social Value Bank",
    },
    UnitSpec {
        name: "Rough sleeper: NHS costs (a year)",
        pence: 430_000,
        price_year: 2019,
        role: Role::Nhs,
        benefit_type: BenefitType::Fiscal,
        source: "MHCLG, rough sleeping evidence review",
    },
];

/// GDP deflators at market prices, 2024 = 100 (forecast years from the OBR).
const DEFLATORS: [(i32, i64); 14] = [
    (2015, 7436),
    (2016, 7585),
    (2017, 7714),
    (2018, 7868),
    (2019, 8049),
    (2020, 8476),
    (2021, 8518),
    (2022, 8995),
    (2023, 9625),
    (2024, 10000),
    (2025, 10259),
    (2026, 10495),
    (2027, 10715),
    (2028, 10929),
];

/// A kind of partnership: its name, who takes part, and which unit values it claims.
struct Theme {
    name: &'static str,
    purpose: &'static str,
    roles: &'static [Role],
    unit_values: &'static [usize],
    funding: FundingArrangement,
}

const THEMES: [Theme; 10] = [
    Theme {
        name: "community safety partnership",
        purpose: "The statutory community safety partnership: joint strategic assessment and tasking of partners to repeat locations.",
        roles: &[
            Role::Council,
            Role::Police,
            Role::Fire,
            Role::Probation,
            Role::Nhs,
            Role::Voluntary,
            Role::Residents,
        ],
        unit_values: &[0, 1, 2, 3, 4],
        funding: FundingArrangement::PartnershipArrangement,
    },
    Theme {
        name: "discharge and reablement partnership",
        purpose: "Home first discharge and short-term reablement under a section 75 agreement.",
        roles: &[
            Role::Council,
            Role::Nhs,
            Role::Voluntary,
            Role::Private,
            Role::Residents,
        ],
        unit_values: &[6, 7, 10, 20],
        funding: FundingArrangement::PooledBudget,
    },
    Theme {
        name: "employment and skills partnership",
        purpose: "Joint employment support for people far from work, with Jobcentre Plus and local employers.",
        roles: &[
            Role::Council,
            Role::Dwp,
            Role::Voluntary,
            Role::Private,
            Role::Residents,
        ],
        unit_values: &[14, 15, 13, 21],
        funding: FundingArrangement::AlignedBudget,
    },
    Theme {
        name: "supporting families partnership",
        purpose: "Whole-family key workers for families with multiple needs.",
        roles: &[
            Role::Council,
            Role::Police,
            Role::Nhs,
            Role::Voluntary,
            Role::Dwp,
        ],
        unit_values: &[11, 2, 8, 14],
        funding: FundingArrangement::AlignedBudget,
    },
    Theme {
        name: "homelessness reduction partnership",
        purpose: "Prevention and relief duties delivered jointly with health and the voluntary sector.",
        roles: &[
            Role::Council,
            Role::Nhs,
            Role::Voluntary,
            Role::Private,
            Role::Probation,
        ],
        unit_values: &[12, 23, 8, 16],
        funding: FundingArrangement::GrantOrTransfer,
    },
    Theme {
        name: "domestic abuse partnership",
        purpose: "Multi-agency risk assessment conferences and independent advocates.",
        roles: &[
            Role::Council,
            Role::Police,
            Role::Nhs,
            Role::Voluntary,
            Role::Probation,
            Role::Residents,
        ],
        unit_values: &[17, 18, 8, 11],
        funding: FundingArrangement::PartnershipArrangement,
    },
    Theme {
        name: "mental health crisis partnership",
        purpose: "Street triage and crisis cafes to keep people in crisis out of police cells and A&E.",
        roles: &[
            Role::Nhs,
            Role::Police,
            Role::Council,
            Role::Voluntary,
            Role::Residents,
        ],
        unit_values: &[19, 8, 7, 20],
        funding: FundingArrangement::Procurement,
    },
    Theme {
        name: "combating drugs partnership",
        purpose: "Treatment, recovery and enforcement planned together across the area.",
        roles: &[
            Role::Council,
            Role::Nhs,
            Role::Police,
            Role::Probation,
            Role::Voluntary,
        ],
        unit_values: &[16, 7, 8, 0],
        funding: FundingArrangement::GrantOrTransfer,
    },
    Theme {
        name: "falls prevention partnership",
        purpose: "Safe and well visits, strength and balance classes and a falls response service.",
        roles: &[
            Role::Nhs,
            Role::Council,
            Role::Fire,
            Role::Voluntary,
            Role::Residents,
        ],
        unit_values: &[9, 5, 10, 20],
        funding: FundingArrangement::PooledBudget,
    },
    Theme {
        name: "youth partnership",
        purpose: "Detached youth work and diversion, with schools, police and the voluntary sector.",
        roles: &[
            Role::Council,
            Role::Police,
            Role::Voluntary,
            Role::Dwp,
            Role::Residents,
        ],
        unit_values: &[21, 2, 22, 0],
        funding: FundingArrangement::PartnershipArrangement,
    },
];

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

const MEETINGS: [(&str, Layer, i64); 7] = [
    ("Partnership board", Layer::Strategic, 4),
    ("Executive group", Layer::Executive, 6),
    ("Delivery group", Layer::Operational, 12),
    ("Joint action group", Layer::Operational, 12),
    ("Case conference", Layer::Operational, 24),
    ("Performance review", Layer::Executive, 4),
    ("Daily huddle", Layer::Operational, 150),
];

const OTHER: [(&str, OtherCategory); 8] = [
    ("Partnership support team", OtherCategory::SupportTeam),
    (
        "Joint needs assessment",
        OtherCategory::ResearchAndIntelligence,
    ),
    ("Annual conference", OtherCategory::Events),
    ("Partnership website", OtherCategory::Website),
    ("Independent evaluation", OtherCategory::Consultancy),
    ("Shared case management system", OtherCategory::It),
    ("Shared office space", OtherCategory::Venue),
    ("Commissioned interventions", OtherCategory::Other),
];

const SOURCES: [&str; 6] = [
    "Time sample, October 2025",
    "Budget book 2026/27",
    "Job description and diary review",
    "Contract price",
    "Section 75 agreement schedule",
    "Estimate by the lead officer",
];

fn make_partnership(
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
