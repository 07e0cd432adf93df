//! The bodies that bear costs and receive benefits.

use super::Money;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    pub name: String,
    pub kind: PartnerKind,
    #[serde(default)]
    pub grades: Vec<Grade>,
}

impl Partner {
    pub fn new(name: impl Into<String>, kind: PartnerKind) -> Self {
        Partner {
            name: name.into(),
            kind,
            grades: Vec::new(),
        }
    }

    pub fn grade(&self, name: &str) -> Option<&Grade> {
        self.grades.iter().find(|g| g.name == name)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum PartnerKind {
    Council,
    Nhs,
    Police,
    FireAndRescue,
    CentralGovernment,
    Voluntary,
    Private,
    ResidentsAndSociety,
}

impl PartnerKind {
    pub const ALL: [PartnerKind; 8] = [
        PartnerKind::Council,
        PartnerKind::Nhs,
        PartnerKind::Police,
        PartnerKind::FireAndRescue,
        PartnerKind::CentralGovernment,
        PartnerKind::Voluntary,
        PartnerKind::Private,
        PartnerKind::ResidentsAndSociety,
    ];

    pub fn label(self) -> &'static str {
        match self {
            PartnerKind::Council => "Council",
            PartnerKind::Nhs => "NHS body",
            PartnerKind::Police => "Police",
            PartnerKind::FireAndRescue => "Fire and rescue",
            PartnerKind::CentralGovernment => "Central government",
            PartnerKind::Voluntary => "Voluntary sector",
            PartnerKind::Private => "Private sector",
            PartnerKind::ResidentsAndSociety => "Residents and society",
        }
    }
}

/// A grade on a partner's rate card.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grade {
    pub name: String,
    pub pay: Pay,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Pay {
    /// Annual salary; the hourly rate follows the project's staff costing convention.
    Salary(Money),
    /// An hourly rate given directly, used as it is under every convention.
    Hourly(Money),
}
