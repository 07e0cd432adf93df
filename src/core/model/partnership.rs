//! A partnership: one joint working arrangement appraised on its own.

use super::{Actuals, BenefitLine, CostLine, Objective, Register, Review};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partnership {
    pub name: String,
    #[serde(default)]
    pub purpose: String,
    pub status: Status,
    pub funding: FundingArrangement,
    /// Names of member partners.
    #[serde(default)]
    pub members: Vec<String>,
    /// What would happen without the partnership: every cost and benefit is measured against it.
    #[serde(default)]
    pub bau: String,
    #[serde(default)]
    pub seven_s: SevenS,
    #[serde(default)]
    pub impacts: Vec<Impact>,
    #[serde(default)]
    pub costs: Vec<CostLine>,
    #[serde(default)]
    pub benefits: Vec<BenefitLine>,
    /// Alternatives to the current arrangement, each with its own lines.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Alternative>,
    /// The option the board prefers, by name; none means the current arrangement
    /// or the option with the highest net value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_option: Option<String>,
    /// Proposed splits of the partnership's costs between partners, kept beside the
    /// current arrangement and never replacing it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub proposals: Vec<Proposal>,
    /// The partnership register's entry (file format 2): review data, never in a figure.
    #[serde(default, skip_serializing_if = "Register::is_empty")]
    pub register: Register,
    /// The partnership's reviews (file format 2), in the order entered: review data,
    /// never in a figure.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<Review>,
    /// Actual outturn by line and year (file format 2): never in the appraisal's figures,
    /// only in the re-forecast and the variance, which are labelled as such.
    #[serde(default, skip_serializing_if = "Actuals::is_empty")]
    pub actuals: Actuals,
    /// What the partnership sets out to achieve towards the community strategy's
    /// priorities, with indicators and who contributes what (file format 2): review
    /// data, never in a figure.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objectives: Vec<Objective>,
}

/// An option against business as usual, with its own costs and benefits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alternative {
    pub name: String,
    pub kind: AlternativeKind,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub costs: Vec<CostLine>,
    #[serde(default)]
    pub benefits: Vec<BenefitLine>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AlternativeKind {
    ContinueAsNow,
    Merge,
    ScaleDown,
    Stop,
    Other,
}

impl AlternativeKind {
    pub const ALL: [AlternativeKind; 5] = [
        AlternativeKind::ContinueAsNow,
        AlternativeKind::Merge,
        AlternativeKind::ScaleDown,
        AlternativeKind::Stop,
        AlternativeKind::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            AlternativeKind::ContinueAsNow => "Continue as now",
            AlternativeKind::Merge => "Merge with another board",
            AlternativeKind::ScaleDown => "Scale down",
            AlternativeKind::Stop => "Stop",
            AlternativeKind::Other => "Other",
        }
    }
}

/// A proposed split of a partnership's costs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Proposal {
    pub name: String,
    pub basis: SplitBasis,
    /// Each partner's share of the partnership's costs.
    pub shares: Vec<ProposalShare>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProposalShare {
    pub partner: String,
    pub share: crate::model::Rate,
}

/// How a partnership's costs could be split between its partners.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SplitBasis {
    /// As the costs fall now.
    AsNow,
    /// In proportion to the fiscal benefits each partner receives.
    FiscalBenefits,
    /// In proportion to the cashable fiscal benefits each partner receives.
    CashableBenefits,
    /// Equal shares between the member partners.
    Equal,
}

impl SplitBasis {
    pub const ALL: [SplitBasis; 4] = [
        SplitBasis::AsNow,
        SplitBasis::FiscalBenefits,
        SplitBasis::CashableBenefits,
        SplitBasis::Equal,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SplitBasis::AsNow => "As now",
            SplitBasis::FiscalBenefits => "Pro rata to fiscal benefits",
            SplitBasis::CashableBenefits => "Pro rata to cashable benefits",
            SplitBasis::Equal => "Equal shares",
        }
    }
}

impl Partnership {
    pub fn new(name: impl Into<String>) -> Self {
        Partnership {
            name: name.into(),
            purpose: String::new(),
            status: Status::Proposed,
            funding: FundingArrangement::PartnershipArrangement,
            members: Vec::new(),
            bau: String::new(),
            seven_s: SevenS::default(),
            impacts: Vec::new(),
            costs: Vec::new(),
            benefits: Vec::new(),
            options: Vec::new(),
            preferred_option: None,
            proposals: Vec::new(),
            register: Register::default(),
            reviews: Vec::new(),
            actuals: Actuals::default(),
            objectives: Vec::new(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Status {
    Proposed,
    Active,
    UnderReview,
    Closing,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Proposed,
        Status::Active,
        Status::UnderReview,
        Status::Closing,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Status::Proposed => "Proposed",
            Status::Active => "Active",
            Status::UnderReview => "Under review",
            Status::Closing => "Closing",
        }
    }
}

/// The five funding arrangements of the Audit Commission (2009).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum FundingArrangement {
    PooledBudget,
    AlignedBudget,
    GrantOrTransfer,
    Procurement,
    PartnershipArrangement,
}

impl FundingArrangement {
    pub const ALL: [FundingArrangement; 5] = [
        FundingArrangement::PooledBudget,
        FundingArrangement::AlignedBudget,
        FundingArrangement::GrantOrTransfer,
        FundingArrangement::Procurement,
        FundingArrangement::PartnershipArrangement,
    ];

    pub fn label(self) -> &'static str {
        match self {
            FundingArrangement::PooledBudget => "Pooled budget",
            FundingArrangement::AlignedBudget => "Aligned budget",
            FundingArrangement::GrantOrTransfer => "Grant or transfer",
            FundingArrangement::Procurement => "Procurement",
            FundingArrangement::PartnershipArrangement => "Partnership arrangement",
        }
    }
}

/// A self-assessment of one of the seven elements: a score from 1 to 5 and a note.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    #[serde(default)]
    pub score: Option<u8>,
    #[serde(default)]
    pub note: String,
}

/// The Audit Commission's 7S of an effective partnership (2009).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SevenS {
    #[serde(default)]
    pub scs: Assessment,
    #[serde(default)]
    pub staff_and_skills: Assessment,
    #[serde(default)]
    pub style: Assessment,
    #[serde(default)]
    pub synergies: Assessment,
    #[serde(default)]
    pub steering: Assessment,
    #[serde(default)]
    pub systems: Assessment,
    #[serde(default)]
    pub standards: Assessment,
}

impl SevenS {
    pub const LABELS: [&'static str; 7] = [
        "SCS outcomes",
        "Staff and skills",
        "Style",
        "Synergies",
        "Steering",
        "Systems",
        "Standards",
    ];

    pub fn elements(&self) -> [&Assessment; 7] {
        [
            &self.scs,
            &self.staff_and_skills,
            &self.style,
            &self.synergies,
            &self.steering,
            &self.systems,
            &self.standards,
        ]
    }

    pub fn elements_mut(&mut self) -> [&mut Assessment; 7] {
        [
            &mut self.scs,
            &mut self.staff_and_skills,
            &mut self.style,
            &mut self.synergies,
            &mut self.steering,
            &mut self.systems,
            &mut self.standards,
        ]
    }
}

/// An impact that is not given a money value but must still be presented.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Impact {
    pub description: String,
    pub direction: Direction,
    pub significance: Significance,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    Positive,
    Negative,
}

impl Direction {
    pub fn label(self) -> &'static str {
        match self {
            Direction::Positive => "Positive",
            Direction::Negative => "Negative",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Significance {
    Low,
    Medium,
    High,
}

impl Significance {
    pub const ALL: [Significance; 3] =
        [Significance::Low, Significance::Medium, Significance::High];

    pub fn label(self) -> &'static str {
        match self {
            Significance::Low => "Low",
            Significance::Medium => "Medium",
            Significance::High => "High",
        }
    }
}
