//! The generator's tables: area and town names, rate cards by kind of partner, the
//! unit-value library, GDP deflators, kinds of partnership, meetings and other costs.

use crate::model::{BenefitType, FundingArrangement, Layer, OtherCategory, PartnerKind};

pub(super) const AREAS: [&str; 24] = [
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

pub(super) const TOWNS: [&str; 40] = [
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
pub(super) const CORE: [(PartnerKind, &str); 8] = [
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
pub(super) const EXTRA: [(PartnerKind, &str); 7] = [
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
pub(super) enum Role {
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
    pub(super) fn grades(self) -> &'static [GradeRange] {
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

pub(super) fn role_of(kind: PartnerKind, template: &str) -> Role {
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
pub(super) struct UnitSpec {
    pub(super) name: &'static str,
    pub(super) pence: i64,
    pub(super) price_year: i32,
    pub(super) role: Role,
    pub(super) benefit_type: BenefitType,
    pub(super) source: &'static str,
}

pub(super) const UNIT_VALUES: [UnitSpec; 24] = [
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
pub(super) const DEFLATORS: [(i32, i64); 14] = [
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
pub(super) struct Theme {
    pub(super) name: &'static str,
    pub(super) purpose: &'static str,
    pub(super) roles: &'static [Role],
    pub(super) unit_values: &'static [usize],
    pub(super) funding: FundingArrangement,
}

pub(super) const THEMES: [Theme; 10] = [
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

pub(super) const MEETINGS: [(&str, Layer, i64); 7] = [
    ("Partnership board", Layer::Strategic, 4),
    ("Executive group", Layer::Executive, 6),
    ("Delivery group", Layer::Operational, 12),
    ("Joint action group", Layer::Operational, 12),
    ("Case conference", Layer::Operational, 24),
    ("Performance review", Layer::Executive, 4),
    ("Daily huddle", Layer::Operational, 150),
];

pub(super) const OTHER: [(&str, OtherCategory); 8] = [
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

pub(super) const SOURCES: [&str; 6] = [
    "Time sample, October 2025",
    "Budget book 2026/27",
    "Job description and diary review",
    "Contract price",
    "Section 75 agreement schedule",
    "Estimate by the lead officer",
];
