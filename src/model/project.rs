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

/// Renames a partner and every reference to it. Returns how many references there were.
pub fn rename_partner(project: &mut Project, old: &str, new: &str) -> usize {
    use super::CostDetail;
    let mut count: usize = 0;
    let mut fix = |name: &mut String| {
        if name == old {
            *name = new.to_owned();
            count += 1;
        }
    };
    for partner in &mut project.partners {
        fix(&mut partner.name);
    }
    for uv in &mut project.unit_values {
        if let Some(p) = uv.partner.as_mut() {
            fix(p);
        }
    }
    for ship in &mut project.partnerships {
        ship.members.iter_mut().for_each(&mut fix);
        for line in &mut ship.costs {
            match &mut line.detail {
                CostDetail::StaffTime(s) => fix(&mut s.partner),
                CostDetail::Meeting(m) => {
                    m.attendees.iter_mut().for_each(|a| fix(&mut a.partner));
                    fix(&mut m.fixed_costs.paid_by);
                }
                CostDetail::PooledFund(f) => {
                    fix(&mut f.host);
                    f.contributions.iter_mut().for_each(|c| fix(&mut c.partner));
                }
                CostDetail::Other(o) => fix(&mut o.partner),
            }
        }
        for line in &mut ship.benefits {
            if let Some(p) = line.partner.as_mut() {
                fix(p);
            }
        }
    }
    count.saturating_sub(1)
}

/// Renames one partner's grade and every staff line and attendee that uses it.
pub fn rename_grade(project: &mut Project, partner: &str, old: &str, new: &str) {
    use super::CostDetail;
    if let Some(p) = project.partners.iter_mut().find(|p| p.name == partner) {
        for g in p.grades.iter_mut().filter(|g| g.name == old) {
            g.name = new.to_owned();
        }
    }
    for line in project
        .partnerships
        .iter_mut()
        .flat_map(|s| s.costs.iter_mut())
    {
        match &mut line.detail {
            CostDetail::StaffTime(s) if s.partner == partner && s.grade == old => {
                s.grade = new.to_owned()
            }
            CostDetail::Meeting(m) => {
                for a in m
                    .attendees
                    .iter_mut()
                    .filter(|a| a.partner == partner && a.grade == old)
                {
                    a.grade = new.to_owned();
                }
            }
            _ => {}
        }
    }
}

/// Renames a unit value and every outcome chain that takes it from the library.
pub fn rename_unit_value(project: &mut Project, old: &str, new: &str) {
    use super::{BenefitDetail, UnitValueSource};
    for uv in project.unit_values.iter_mut().filter(|u| u.name == old) {
        uv.name = new.to_owned();
    }
    for line in project
        .partnerships
        .iter_mut()
        .flat_map(|s| s.benefits.iter_mut())
    {
        if let BenefitDetail::Outcome(chain) = &mut line.detail
            && let UnitValueSource::Library(name) = &mut chain.unit_value
            && name == old
        {
            *name = new.to_owned();
        }
    }
}

/// Renames a confidence grade and every line graded with it.
pub fn rename_confidence_grade(project: &mut Project, old: &str, new: &str) {
    use super::Optimism;
    for g in project
        .confidence_grades
        .iter_mut()
        .filter(|g| g.grade == old)
    {
        g.grade = new.to_owned();
    }
    for ship in &mut project.partnerships {
        let lines = ship
            .costs
            .iter_mut()
            .map(|c| &mut c.optimism)
            .chain(ship.benefits.iter_mut().map(|b| &mut b.optimism));
        for optimism in lines {
            if let Optimism::Grade(g) = optimism
                && g == old
            {
                *g = new.to_owned();
            }
        }
    }
}
