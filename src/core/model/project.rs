//! The project: one file's worth of partnerships, partners and assumptions.

use super::{
    Deflator, Optimism, Partner, Partnership, Priority, Rate, ReportSettings, Settings,
    SignificanceTest, UnitValue,
};
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
    /// GDP deflator series for rebasing unit values, and deflating amounts entered in
    /// cash prices, to the price base year.
    #[serde(default)]
    pub deflators: Vec<Deflator>,
    /// Where the deflator series comes from and its date, stated with the results.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub deflator_source: String,
    #[serde(default = "default_confidence_grades")]
    pub confidence_grades: Vec<ConfidenceGrade>,
    /// Optimism bias bounds by project type; HM Treasury's table unless edited (and then
    /// left out of the file while it is HM Treasury's table).
    #[serde(
        default = "default_project_types",
        skip_serializing_if = "is_default_project_types"
    )]
    pub project_types: Vec<ProjectType>,
    #[serde(default)]
    pub assumptions: Vec<Assumption>,
    /// The committee report's settings; left out of the file while empty.
    #[serde(default, skip_serializing_if = "ReportSettings::is_empty")]
    pub report: ReportSettings,
    /// Which partnerships the annual review treats as significant (file format 2); left
    /// out of the file while it is the default test.
    #[serde(default, skip_serializing_if = "SignificanceTest::is_default")]
    pub significance: SignificanceTest,
    /// The community strategy's priorities, which partnerships' objectives serve (file
    /// format 2): review data, never in a figure.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub priorities: Vec<Priority>,
    /// The approved appraisal, kept as a named baseline (file format 2); never read by
    /// the appraisal, only by the variance. Last in the file, after the partnerships.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<super::Shared<super::Baseline>>,
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
            deflator_source: String::new(),
            confidence_grades: default_confidence_grades(),
            project_types: default_project_types(),
            assumptions: Vec::new(),
            report: ReportSettings::default(),
            significance: SignificanceTest::default(),
            priorities: Vec::new(),
            baseline: None,
        }
    }

    /// Whether any partnership keeps a register entry or a review: the outputs then show
    /// the register and the review cycle, and leave them out otherwise.
    pub fn keeps_review_data(&self) -> bool {
        self.partnerships
            .iter()
            .any(|p| !p.register.is_empty() || !p.reviews.is_empty())
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

    pub fn project_type(&self, name: &str) -> Option<&ProjectType> {
        self.project_types.iter().find(|t| t.name == name)
    }

    /// How many cost lines (options' included) take their uplift from the project type.
    pub fn project_type_uses(&self, name: &str) -> usize {
        self.project_type_use_counts()
            .get(name)
            .copied()
            .unwrap_or(0)
    }

    /// How many cost lines (options' included) take their uplift from each project type
    /// named by any: one pass over every line, for a screen that lists every type (at
    /// national scale a pass per type took most of a frame).
    pub fn project_type_use_counts(&self) -> std::collections::HashMap<&str, usize> {
        let mut counts = std::collections::HashMap::new();
        let lines = self.partnerships.iter().flat_map(|p| {
            p.costs
                .iter()
                .chain(p.options.iter().flat_map(|o| &o.costs))
        });
        for line in lines {
            if let Optimism::ProjectType { project_type, .. } = &line.optimism {
                *counts.entry(project_type.as_str()).or_insert(0) += 1;
            }
        }
        counts
    }

    /// Renames a project type and every line's reference to it.
    pub fn rename_project_type(&mut self, old: &str, new: &str) {
        for t in self.project_types.iter_mut().filter(|t| t.name == old) {
            t.name = new.to_owned();
        }
        for p in &mut self.partnerships {
            let options = p.options.iter_mut().flat_map(|o| o.costs.iter_mut());
            for c in p.costs.iter_mut().chain(options) {
                if let Optimism::ProjectType { project_type, .. } = &mut c.optimism
                    && project_type == old
                {
                    *project_type = new.to_owned();
                }
            }
        }
    }
}

/// The year a new deflator is most likely wanted for: the first year the project needs
/// one for and lacks (the price base year, a unit value's price year, a year a line in
/// cash prices has an amount), else the year after the last, else the price base year.
pub fn next_deflator_year(project: &Project) -> crate::model::FinancialYear {
    use crate::model::FinancialYear;
    let has = |y: FinancialYear| project.deflators.iter().any(|d| d.year == y);
    let s = &project.settings;
    let mut wanted: Vec<FinancialYear> = vec![s.price_base_year];
    wanted.extend(project.unit_values.iter().map(|u| u.price_year));
    let cash = project.partnerships.iter().any(|p| {
        p.costs.iter().any(|c| !c.prices.is_real())
            || p.benefits.iter().any(|b| !b.prices.is_real())
    });
    if cash {
        wanted.extend((0..s.horizon_years.min(300)).map(|t| s.first_year.plus(t)));
    }
    wanted.sort();
    wanted
        .into_iter()
        .find(|y| !has(*y))
        .or_else(|| {
            project
                .deflators
                .iter()
                .map(|d| d.year)
                .max()
                .map(|y| y.plus(1))
        })
        .unwrap_or(s.price_base_year)
}

/// A row of the optimism bias table by project type: the bounds of the uplift to
/// capital costs and to works duration found in past projects of the type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectType {
    pub name: String,
    /// The uplift at the outset, before any contributory factor is mitigated.
    pub capital_upper: Rate,
    /// The uplift once every factor is managed: the least the guidance expects.
    pub capital_lower: Rate,
    /// Works duration bounds, where the guidance gives them (stated, not applied: lines
    /// carry amounts by year, not a works programme).
    #[serde(default)]
    pub duration_upper: Option<Rate>,
    #[serde(default)]
    pub duration_lower: Option<Rate>,
    #[serde(default)]
    pub source: String,
}

/// Where the default project-type table comes from.
pub const PROJECT_TYPES_SOURCE: &str = "HM Treasury, Supplementary Green Book Guidance: Optimism Bias (2003), table 1 (from Mott MacDonald's Review of Large Public Procurement in the UK, 2002); outsourcing bounds apply to operating costs";

/// HM Treasury's optimism bias bounds by project type, percentages of capital cost and
/// of works duration.
pub fn default_project_types() -> Vec<ProjectType> {
    // Name, capital cost upper and lower bounds, works duration upper and lower (%).
    type Row<'a> = (&'a str, i64, i64, Option<(i64, i64)>);
    let rows: [Row; 6] = [
        ("Standard buildings", 24, 2, Some((4, 1))),
        ("Non-standard buildings", 51, 4, Some((39, 2))),
        ("Standard civil engineering", 44, 3, Some((20, 1))),
        ("Non-standard civil engineering", 66, 6, Some((25, 3))),
        ("Equipment and development", 200, 10, Some((54, 10))),
        ("Outsourcing", 41, 0, None),
    ];
    rows.iter()
        .map(|&(name, upper, lower, duration)| ProjectType {
            name: name.to_owned(),
            capital_upper: Rate(Decimal::new(upper, 2)),
            capital_lower: Rate(Decimal::new(lower, 2)),
            duration_upper: duration.map(|(u, _)| Rate(Decimal::new(u, 2))),
            duration_lower: duration.map(|(_, l)| Rate(Decimal::new(l, 2))),
            source: PROJECT_TYPES_SOURCE.to_owned(),
        })
        .collect()
}

fn is_default_project_types(types: &[ProjectType]) -> bool {
    types == default_project_types().as_slice()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FinancialYear, Money};

    #[test]
    fn a_new_deflator_is_offered_for_the_first_year_the_project_lacks() {
        let mut p = Project::new("Deflators");
        // None at all: the price base year first.
        assert_eq!(next_deflator_year(&p), p.settings.price_base_year);
        p.deflators.push(Deflator {
            year: p.settings.price_base_year,
            index: Decimal::ONE_HUNDRED,
        });
        // A unit value priced in 2023/24 needs that year.
        p.unit_values.push(UnitValue {
            name: "Arrest".into(),
            value: Money(Decimal::ONE_HUNDRED),
            price_year: FinancialYear(2023),
            partner: None,
            source: String::new(),
        });
        assert_eq!(next_deflator_year(&p), FinancialYear(2023));
        p.deflators.push(Deflator {
            year: FinancialYear(2023),
            index: Decimal::ONE_HUNDRED,
        });
        // Everything covered: the year after the last.
        assert_eq!(next_deflator_year(&p), FinancialYear(2027));
    }
}
