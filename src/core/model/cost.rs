//! Cost lines: staff time, meetings, pooled funds and other costs.

use super::{Distribution, Money, Rate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A quantity by year: hours, meetings, money or people, depending on the line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Profile {
    /// `value` in each of `years` years from year index `start_year`, growing by
    /// `growth` a year (real terms) after the first.
    Constant {
        value: Decimal,
        start_year: u32,
        years: u32,
        growth: Rate,
    },
    /// One value per year, from year index 0.
    PerYear(Vec<Decimal>),
}

impl Profile {
    /// `value` in every year from year index 0 for `years` years.
    pub fn constant(value: Decimal, years: u32) -> Self {
        Profile::Constant {
            value,
            start_year: 0,
            years,
            growth: Rate::ZERO,
        }
    }
}

impl Default for Profile {
    fn default() -> Self {
        Profile::constant(Decimal::ZERO, 10)
    }
}

/// How a line is adjusted for optimism bias.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Optimism {
    /// Use the uplift (costs) or reduction (benefits) of this grade in the project's confidence table.
    Grade(String),
    /// A rate entered for this line alone.
    Direct(Rate),
    /// A cost's uplift from the project-type table (HM Treasury's supplementary guidance):
    /// the type's upper bound reduced by the share of its contributory factors mitigated,
    /// never below its lower bound. Costs only.
    ProjectType {
        project_type: String,
        /// The managed contribution: the share of the upper bound's causes mitigated.
        mitigation: Rate,
    },
}

/// The prices a line's amounts are entered in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Prices {
    /// Real terms at the price base year, as every amount is unless said otherwise.
    #[default]
    Real,
    /// Cash (nominal) terms, each year's amount in that year's prices: deflated to the
    /// price base year with the project's GDP deflators.
    Cash,
}

impl Prices {
    pub fn is_real(&self) -> bool {
        *self == Prices::Real
    }
}

impl Default for Optimism {
    fn default() -> Self {
        Optimism::Direct(Rate::ZERO)
    }
}

/// The Audit Commission's three layers of partnership governance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Layer {
    Strategic,
    Executive,
    Operational,
}

impl Layer {
    pub const ALL: [Layer; 3] = [Layer::Strategic, Layer::Executive, Layer::Operational];

    pub fn label(self) -> &'static str {
        match self {
            Layer::Strategic => "Strategic",
            Layer::Executive => "Executive",
            Layer::Operational => "Operational",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum CostType {
    Capital,
    Revenue,
    InKind,
}

impl CostType {
    pub const ALL: [CostType; 3] = [CostType::Capital, CostType::Revenue, CostType::InKind];

    pub fn label(self) -> &'static str {
        match self {
            CostType::Capital => "Capital",
            CostType::Revenue => "Revenue",
            CostType::InKind => "In kind",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CostLine {
    pub name: String,
    pub cost_type: CostType,
    pub optimism: Optimism,
    #[serde(default)]
    pub source: String,
    pub detail: CostDetail,
    /// Uncertainty about the line for Monte Carlo: a multiplier on its quantities
    /// (hours, meetings, amounts), 1 being the line as entered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<Distribution>,
    /// The prices its amounts of money are in (other costs and pooled fund contributions).
    #[serde(default, skip_serializing_if = "Prices::is_real")]
    pub prices: Prices,
}

impl CostDetail {
    /// Whether the line's costs are amounts of money by year, which may be entered in
    /// cash prices (staff time and meetings are hours at the rates of the price base year).
    pub fn has_amounts(&self) -> bool {
        matches!(self, CostDetail::PooledFund(_) | CostDetail::Other(_))
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum CostDetail {
    StaffTime(StaffTime),
    Meeting(Meeting),
    PooledFund(PooledFund),
    Other(OtherCost),
}

/// The four kinds of cost results are broken down by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum CostKind {
    StaffTime,
    Meetings,
    PooledFunds,
    Other,
}

impl CostKind {
    pub const ALL: [CostKind; 4] = [
        CostKind::StaffTime,
        CostKind::Meetings,
        CostKind::PooledFunds,
        CostKind::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            CostKind::StaffTime => "Staff time",
            CostKind::Meetings => "Meetings",
            CostKind::PooledFunds => "Pooled funds",
            CostKind::Other => "Other costs",
        }
    }
}

impl CostDetail {
    pub fn kind(&self) -> CostKind {
        match self {
            CostDetail::StaffTime(_) => CostKind::StaffTime,
            CostDetail::Meeting(_) => CostKind::Meetings,
            CostDetail::PooledFund(_) => CostKind::PooledFunds,
            CostDetail::Other(_) => CostKind::Other,
        }
    }

    pub fn layer(&self) -> Option<Layer> {
        match self {
            CostDetail::StaffTime(s) => Some(s.layer),
            CostDetail::Meeting(m) => Some(m.layer),
            CostDetail::PooledFund(_) => None,
            CostDetail::Other(o) => o.layer,
        }
    }
}

/// Time one partner's staff of one grade give to the partnership.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffTime {
    pub partner: String,
    pub grade: String,
    pub layer: Layer,
    /// Hours a year, or full-time equivalents as `unit` says.
    pub hours: Profile,
    /// What `hours` counts: hours a year (as every version 1 file does) or full-time
    /// equivalents, each worth the project's productive hours a year.
    #[serde(default, skip_serializing_if = "TimeUnit::is_hours")]
    pub unit: TimeUnit,
}

/// How staff time is entered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum TimeUnit {
    #[default]
    Hours,
    /// Full-time equivalents: 0.5 is half of one person's productive year.
    Fte,
}

impl TimeUnit {
    pub fn is_hours(&self) -> bool {
        *self == TimeUnit::Hours
    }

    pub fn label(self) -> &'static str {
        match self {
            TimeUnit::Hours => "Hours a year",
            TimeUnit::Fte => "Full-time equivalents (FTE)",
        }
    }
}

/// A recurring meeting: a board, an executive group, a delivery group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    pub layer: Layer,
    /// Meetings a year.
    pub meetings: Profile,
    pub meeting_hours: Decimal,
    pub preparation_hours: Decimal,
    pub travel_hours: Decimal,
    #[serde(default)]
    pub attendees: Vec<Attendee>,
    #[serde(default)]
    pub fixed_costs: FixedCosts,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attendee {
    pub partner: String,
    pub grade: String,
    pub count: Decimal,
}

/// Costs of one meeting that do not depend on who attends.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FixedCosts {
    /// The partner who pays the fixed costs (usually the host).
    pub paid_by: String,
    pub venue: Money,
    pub refreshments: Money,
    pub printing: Money,
    pub other: Money,
}

/// A pooled budget (section 75 of the NHS Act 2006).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PooledFund {
    pub host: String,
    pub risk_share: RiskShare,
    #[serde(default)]
    pub contributions: Vec<Contribution>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contribution {
    pub partner: String,
    /// Money put into the pool by year.
    pub amounts: Profile,
    /// Forecast spend of this partner's element of the pool by year, where it is
    /// known; the difference from `amounts` is an over- or underspend.
    #[serde(default)]
    pub forecast_outturn: Option<Profile>,
}

/// Who bears an over- or underspend of a pooled fund.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RiskShare {
    /// Shared in proportion to each partner's contribution that year.
    ProRata,
    /// Borne in full by the host partner.
    HostBears,
    /// Each partner bears the variance on its own element of the pool.
    EachBearsOwn,
}

impl RiskShare {
    pub const ALL: [RiskShare; 3] = [
        RiskShare::ProRata,
        RiskShare::HostBears,
        RiskShare::EachBearsOwn,
    ];

    pub fn label(self) -> &'static str {
        match self {
            RiskShare::ProRata => "Pro rata to contributions",
            RiskShare::HostBears => "Host bears",
            RiskShare::EachBearsOwn => "Each bears its own",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OtherCost {
    pub category: OtherCategory,
    pub partner: String,
    #[serde(default)]
    pub layer: Option<Layer>,
    pub amounts: Profile,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OtherCategory {
    SupportTeam,
    ResearchAndIntelligence,
    Events,
    Website,
    Consultancy,
    It,
    Venue,
    Other,
}

impl OtherCategory {
    pub const ALL: [OtherCategory; 8] = [
        OtherCategory::SupportTeam,
        OtherCategory::ResearchAndIntelligence,
        OtherCategory::Events,
        OtherCategory::Website,
        OtherCategory::Consultancy,
        OtherCategory::It,
        OtherCategory::Venue,
        OtherCategory::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            OtherCategory::SupportTeam => "Support team",
            OtherCategory::ResearchAndIntelligence => "Research and intelligence",
            OtherCategory::Events => "Events",
            OtherCategory::Website => "Website",
            OtherCategory::Consultancy => "Consultancy",
            OtherCategory::It => "IT",
            OtherCategory::Venue => "Venue",
            OtherCategory::Other => "Other",
        }
    }
}
