//! The project: one file's worth of partnerships, partners and assumptions.

use super::{Deflator, Partner, Partnership, Rate, ReportSettings, Settings, UnitValue};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub settings: Settings,
    #[serde(default)]
    pub partners: Vec<Partner>,
    #[serde(default)]
    pub partnerships: Vec<Partnership>,
    #[serde(default)]
    pub unit_values: Vec<UnitValue>,
    /// GDP deflator series for rebasing unit values to the price base year.
    #[serde(default)]
    pub deflators: Vec<Deflator>,
    #[serde(default = "default_confidence_grades")]
    pub confidence_grades: Vec<ConfidenceGrade>,
    #[serde(default)]
    pub assumptions: Vec<Assumption>,
    /// The committee report's settings; left out of the file while empty.
    #[serde(default, skip_serializing_if = "ReportSettings::is_empty")]
    pub report: ReportSettings,
}

impl Project {
    pub fn new(name: impl Into<String>) -> Self {
        Project {
            name: name.into(),
            description: String::new(),
            settings: Settings::default(),
            partners: Vec::new(),
            partnerships: Vec::new(),
            unit_values: Vec::new(),
            deflators: Vec::new(),
            confidence_grades: default_confidence_grades(),
            assumptions: Vec::new(),
            report: ReportSettings::default(),
        }
    }

    pub fn partner(&self, name: &str) -> Option<&crate::model::Partner> {
        self.partners.iter().find(|p| p.name == name)
    }

    pub fn confidence_grade(&self, grade: &str) -> Option<&ConfidenceGrade> {
        self.confidence_grades.iter().find(|g| g.grade == grade)
    }

    pub fn unit_value(&self, name: &str) -> Option<&UnitValue> {
        self.unit_values.iter().find(|u| u.name == name)
    }
}

/// A row of the confidence-grade table: how much to uplift a cost and reduce a
/// benefit whose evidence is of this grade.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfidenceGrade {
    pub grade: String,
    pub cost_uplift: Rate,
    pub benefit_reduction: Rate,
    #[serde(default)]
    pub descriptor: String,
}

/// The default grade table: six grades from audited data to an estimate, with the
/// optimism bias correction scale of the HM Treasury / New Economy (2014) guidance.
pub fn default_confidence_grades() -> Vec<ConfidenceGrade> {
    let rows: [(&str, i64, &str); 6] = [
        (
            "1",
            0,
            "Independently audited cost data or a randomised controlled trial",
        ),
        (
            "2",
            5,
            "Data from a robust local evaluation or a recognised unit cost database",
        ),
        (
            "3",
            10,
            "Recent local data or a national study applied locally",
        ),
        (
            "4",
            15,
            "Older or partial data, adjusted for local conditions",
        ),
        ("5", 25, "Data from a single study or a different area"),
        ("6", 40, "Expert judgement or an estimate"),
    ];
    rows.iter()
        .map(|&(grade, pct, descriptor)| ConfidenceGrade {
            grade: grade.to_owned(),
            cost_uplift: Rate(Decimal::new(pct, 2)),
            benefit_reduction: Rate(Decimal::new(pct, 2)),
            descriptor: descriptor.to_owned(),
        })
        .collect()
}

/// An entry in the assumptions log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assumption {
    pub text: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub owner: String,
    /// The date the assumption was recorded, as the user wrote it (e.g. 2026-11-02).
    #[serde(default)]
    pub date: String,
}
