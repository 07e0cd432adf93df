//! The register's governance health check, in the eight areas of the Audit Commission's
//! checklist (Governing partnerships, 2005), and the partnership's risks scored
//! likelihood × impact. Review data only: nothing here enters a figure.

use serde::{Deserialize, Serialize};

/// One of the eight areas of the Audit Commission's 2005 governance checklist.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GovernanceArea {
    Rationale,
    AddedValue,
    GovernanceArrangements,
    PerformanceManagement,
    FinancialManagement,
    RiskManagement,
    TerminationArrangements,
    ServingThePublic,
}

impl GovernanceArea {
    pub const ALL: [GovernanceArea; 8] = [
        GovernanceArea::Rationale,
        GovernanceArea::AddedValue,
        GovernanceArea::GovernanceArrangements,
        GovernanceArea::PerformanceManagement,
        GovernanceArea::FinancialManagement,
        GovernanceArea::RiskManagement,
        GovernanceArea::TerminationArrangements,
        GovernanceArea::ServingThePublic,
    ];

    pub fn label(self) -> &'static str {
        match self {
            GovernanceArea::Rationale => "Rationale",
            GovernanceArea::AddedValue => "Added value",
            GovernanceArea::GovernanceArrangements => "Governance arrangements",
            GovernanceArea::PerformanceManagement => "Performance management",
            GovernanceArea::FinancialManagement => "Financial management",
            GovernanceArea::RiskManagement => "Risk management",
            GovernanceArea::TerminationArrangements => "Termination arrangements",
            GovernanceArea::ServingThePublic => "Serving the public",
        }
    }

    /// The checklist's question for the area, in short.
    pub fn question(self) -> &'static str {
        match self {
            GovernanceArea::Rationale => "Is the partnership's purpose clear and still needed?",
            GovernanceArea::AddedValue => {
                "Does it achieve more than the partners would working apart?"
            }
            GovernanceArea::GovernanceArrangements => {
                "Are membership, roles, decisions and accountability agreed and written down?"
            }
            GovernanceArea::PerformanceManagement => {
                "Are objectives and targets set, and progress reported and challenged?"
            }
            GovernanceArea::FinancialManagement => {
                "Are the partnership's resources and costs known, agreed and accounted for?"
            }
            GovernanceArea::RiskManagement => "Are shared risks identified, owned and managed?",
            GovernanceArea::TerminationArrangements => {
                "Is it agreed how the partnership ends and what happens to its assets and staff?"
            }
            GovernanceArea::ServingThePublic => {
                "Are service users and the public informed and involved?"
            }
        }
    }
}

/// How well an area of the checklist is met, as the review finds it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum AreaStatus {
    #[default]
    NotAssessed,
    Met,
    PartlyMet,
    NotMet,
}

impl AreaStatus {
    pub const ALL: [AreaStatus; 4] = [
        AreaStatus::NotAssessed,
        AreaStatus::Met,
        AreaStatus::PartlyMet,
        AreaStatus::NotMet,
    ];

    pub fn label(self) -> &'static str {
        match self {
            AreaStatus::NotAssessed => "Not assessed",
            AreaStatus::Met => "Met",
            AreaStatus::PartlyMet => "Partly met",
            AreaStatus::NotMet => "Not met",
        }
    }
}

/// One area's status and the evidence for it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaCheck {
    #[serde(default, skip_serializing_if = "is_not_assessed")]
    pub status: AreaStatus,
    /// What the status rests on: "Terms of reference agreed by the board, March 2026".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub evidence: String,
}

fn is_not_assessed(s: &AreaStatus) -> bool {
    *s == AreaStatus::NotAssessed
}

impl AreaCheck {
    pub fn is_empty(&self) -> bool {
        *self == AreaCheck::default()
    }
}

/// The governance health check: one [`AreaCheck`] per area of the checklist. An area not
/// yet looked at is left out of the file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GovernanceCheck {
    #[serde(default, skip_serializing_if = "AreaCheck::is_empty")]
    pub rationale: AreaCheck,
    #[serde(default, skip_serializing_if = "AreaCheck::is_empty")]
    pub added_value: AreaCheck,
    #[serde(default, skip_serializing_if = "AreaCheck::is_empty")]
    pub governance_arrangements: AreaCheck,
    #[serde(default, skip_serializing_if = "AreaCheck::is_empty")]
    pub performance_management: AreaCheck,
    #[serde(default, skip_serializing_if = "AreaCheck::is_empty")]
    pub financial_management: AreaCheck,
    #[serde(default, skip_serializing_if = "AreaCheck::is_empty")]
    pub risk_management: AreaCheck,
    #[serde(default, skip_serializing_if = "AreaCheck::is_empty")]
    pub termination_arrangements: AreaCheck,
    #[serde(default, skip_serializing_if = "AreaCheck::is_empty")]
    pub serving_the_public: AreaCheck,
}

impl GovernanceCheck {
    pub fn is_empty(&self) -> bool {
        *self == GovernanceCheck::default()
    }

    pub fn area(&self, area: GovernanceArea) -> &AreaCheck {
        match area {
            GovernanceArea::Rationale => &self.rationale,
            GovernanceArea::AddedValue => &self.added_value,
            GovernanceArea::GovernanceArrangements => &self.governance_arrangements,
            GovernanceArea::PerformanceManagement => &self.performance_management,
            GovernanceArea::FinancialManagement => &self.financial_management,
            GovernanceArea::RiskManagement => &self.risk_management,
            GovernanceArea::TerminationArrangements => &self.termination_arrangements,
            GovernanceArea::ServingThePublic => &self.serving_the_public,
        }
    }

    pub fn area_mut(&mut self, area: GovernanceArea) -> &mut AreaCheck {
        match area {
            GovernanceArea::Rationale => &mut self.rationale,
            GovernanceArea::AddedValue => &mut self.added_value,
            GovernanceArea::GovernanceArrangements => &mut self.governance_arrangements,
            GovernanceArea::PerformanceManagement => &mut self.performance_management,
            GovernanceArea::FinancialManagement => &mut self.financial_management,
            GovernanceArea::RiskManagement => &mut self.risk_management,
            GovernanceArea::TerminationArrangements => &mut self.termination_arrangements,
            GovernanceArea::ServingThePublic => &mut self.serving_the_public,
        }
    }

    /// How many areas have each status: (met, partly met, not met, not assessed).
    pub fn counts(&self) -> [usize; 4] {
        let mut out = [0; 4];
        for area in GovernanceArea::ALL {
            let at = AreaStatus::ALL
                .iter()
                .position(|s| *s == self.area(area).status)
                .unwrap_or(0);
            out[at] += 1;
        }
        [out[1], out[2], out[3], out[0]]
    }
}

/// A risk's rating from its score (likelihood × impact, each 1 to 5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum RiskRating {
    Low,
    Medium,
    High,
}

impl RiskRating {
    /// 1 to 4 low, 5 to 12 medium, 15 to 25 high (docs/DECISIONS.md).
    pub fn of_score(score: u8) -> RiskRating {
        match score {
            0..=4 => RiskRating::Low,
            5..=12 => RiskRating::Medium,
            _ => RiskRating::High,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RiskRating::Low => "Low",
            RiskRating::Medium => "Medium",
            RiskRating::High => "High",
        }
    }
}

/// The least and most a likelihood or an impact may be.
pub const RISK_SCALE: std::ops::RangeInclusive<u8> = 1..=5;

/// A risk to the partnership, as its risk register records it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    /// What might happen: "A partner withdraws its funding".
    pub description: String,
    /// 1 (rare) to 5 (almost certain).
    pub likelihood: u8,
    /// 1 (negligible) to 5 (severe).
    pub impact: u8,
    /// Who manages it: a post, not a partner reference.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub mitigation: String,
}

impl Default for Risk {
    /// A new risk, of middling likelihood and impact until assessed.
    fn default() -> Self {
        Risk {
            description: String::new(),
            likelihood: 3,
            impact: 3,
            owner: String::new(),
            mitigation: String::new(),
        }
    }
}

impl Risk {
    /// Likelihood × impact, or `None` while either is outside 1 to 5.
    pub fn score(&self) -> Option<u8> {
        (RISK_SCALE.contains(&self.likelihood) && RISK_SCALE.contains(&self.impact))
            .then(|| self.likelihood * self.impact)
    }

    pub fn rating(&self) -> Option<RiskRating> {
        self.score().map(RiskRating::of_score)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_score_is_likelihood_times_impact_rated_by_the_bands() {
        let risk = |likelihood, impact| Risk {
            likelihood,
            impact,
            ..Risk::default()
        };
        assert_eq!(risk(1, 4).score(), Some(4));
        assert_eq!(risk(1, 4).rating(), Some(RiskRating::Low));
        assert_eq!(risk(5, 1).rating(), Some(RiskRating::Medium));
        assert_eq!(risk(3, 4).rating(), Some(RiskRating::Medium));
        assert_eq!(risk(3, 5).rating(), Some(RiskRating::High));
        assert_eq!(risk(5, 5).score(), Some(25));
        assert_eq!(risk(0, 3).score(), None);
        assert_eq!(risk(3, 6).rating(), None);
    }

    #[test]
    fn each_area_is_reached_by_its_own_field_and_counted() {
        let mut check = GovernanceCheck::default();
        assert!(check.is_empty());
        for (i, area) in GovernanceArea::ALL.into_iter().enumerate() {
            check.area_mut(area).evidence = format!("note {i}");
        }
        for (i, area) in GovernanceArea::ALL.into_iter().enumerate() {
            assert_eq!(check.area(area).evidence, format!("note {i}"));
        }
        check.area_mut(GovernanceArea::AddedValue).status = AreaStatus::Met;
        check.area_mut(GovernanceArea::RiskManagement).status = AreaStatus::NotMet;
        assert_eq!(check.counts(), [1, 0, 1, 6]);
    }
}
