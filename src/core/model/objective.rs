//! The community strategy's priorities, and each partnership's objectives towards them:
//! the indicators that measure an objective (baseline, a target and an actual by
//! financial year) and which partner contributes what to it (the partnership's cost
//! lines it draws on, and hours a year). Review data only: nothing here enters a figure.

use super::{Date, FinancialYear, Partnership};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A priority of the community strategy (file format 2): what the area's partnerships
/// work towards. Objectives name the priority they serve.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Priority {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// Which way an indicator improves.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Better {
    #[default]
    Higher,
    Lower,
}

impl Better {
    pub const ALL: [Better; 2] = [Better::Higher, Better::Lower];

    pub fn label(self) -> &'static str {
        match self {
            Better::Higher => "Higher is better",
            Better::Lower => "Lower is better",
        }
    }
}

fn is_higher(b: &Better) -> bool {
    *b == Better::Higher
}

/// When a baseline was measured: over a financial year, or on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Measured {
    Year(FinancialYear),
    Date(Date),
}

impl Measured {
    /// "2024/25" or "31/03/2025".
    pub fn describe(self) -> String {
        match self {
            Measured::Year(y) => y.to_string(),
            Measured::Date(d) => d.uk(),
        }
    }

    /// Reads a financial year ("2024/25", "2024") or a date ("31/03/2025", "2025-03-31").
    pub fn parse(text: &str) -> Result<Measured, String> {
        let text = text.trim();
        if let Some(y) = FinancialYear::parse(text) {
            return Ok(Measured::Year(y));
        }
        Date::parse(text).map(Measured::Date).map_err(|_| {
            format!("'{text}' is neither a financial year nor a date: write 2024/25, or a date as 31/03/2025")
        })
    }
}

/// Where an indicator started: its value and when it was measured.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorBaseline {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measured: Option<Measured>,
}

impl IndicatorBaseline {
    pub fn is_empty(&self) -> bool {
        self.value.is_none() && self.measured.is_none()
    }
}

/// A measure of an objective: a baseline, a target for each financial year and the
/// actual found in each. Values are numbers in the indicator's unit, not money.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub name: String,
    /// What a value counts: "people", "% of households", "per 1,000 residents".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    #[serde(default, skip_serializing_if = "is_higher")]
    pub better: Better,
    #[serde(default, skip_serializing_if = "IndicatorBaseline::is_empty")]
    pub baseline: IndicatorBaseline,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub targets: BTreeMap<FinancialYear, Decimal>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub actuals: BTreeMap<FinancialYear, Decimal>,
    /// Where the figures come from.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// What one partner puts towards an objective: the partnership's cost lines it draws on
/// (by name) and the hours a year its people give.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commitment {
    pub partner: String,
    /// Names of the partnership's own cost lines the contribution draws on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours_per_year: Option<Decimal>,
}

/// What a partnership sets out to achieve towards a priority (file format 2).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    pub name: String,
    /// The priority it serves, by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<Indicator>,
    /// Which partner contributes what.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contributions: Vec<Commitment>,
}

/// Keeps the contributions' cost line names in step with the partnership's cost lines
/// after an edit of them, given the names as they were (`before`). With as many lines as
/// before, a line renamed renames its name in the contributions (unless another line
/// still has the old name); with fewer, a name no line has any more is forgotten.
/// Returns how many names changed.
pub fn follow_cost_lines(ship: &mut Partnership, before: &[String]) -> usize {
    let now: Vec<String> = ship.costs.iter().map(|c| c.name.clone()).collect();
    let mut changed = 0;
    let each = ship
        .objectives
        .iter_mut()
        .flat_map(|o| o.contributions.iter_mut());
    if now.len() == before.len() {
        let renamed: Vec<(&String, &String)> = before
            .iter()
            .zip(&now)
            .filter(|(old, new)| old != new && !now.contains(old))
            .collect();
        if renamed.is_empty() {
            return 0;
        }
        for c in each {
            for name in &mut c.lines {
                if let Some((_, new)) = renamed.iter().find(|(old, _)| *old == name) {
                    name.clone_from(new);
                    changed += 1;
                }
            }
            dedup_keeping_order(&mut c.lines);
        }
    } else {
        let gone: Vec<&String> = before.iter().filter(|n| !now.contains(n)).collect();
        for c in each {
            let had = c.lines.len();
            c.lines.retain(|n| !gone.contains(&n));
            changed += had - c.lines.len();
        }
    }
    changed
}

fn dedup_keeping_order(names: &mut Vec<String>) {
    let mut seen: Vec<String> = Vec::new();
    names.retain(|n| {
        let first = !seen.contains(n);
        if first {
            seen.push(n.clone());
        }
        first
    });
}

/// After contributions were moved to partner `to`: one contribution per partner per
/// objective, the lines of both and their hours added together.
pub(super) fn merge_commitments(ship: &mut Partnership, to: &str) {
    for objective in &mut ship.objectives {
        let mut first: Option<usize> = None;
        let mut merged = Commitment::default();
        let mut i = 0;
        objective.contributions.retain(|c| {
            let keep = c.partner != to || first.is_none();
            if c.partner == to {
                if first.is_none() {
                    first = Some(i);
                } else {
                    merged.lines.extend(c.lines.iter().cloned());
                    merged.hours_per_year = add_hours(merged.hours_per_year, c.hours_per_year);
                }
            }
            i += 1;
            keep
        });
        if let Some(c) = first.and_then(|f| objective.contributions.get_mut(f)) {
            c.lines.extend(merged.lines);
            dedup_keeping_order(&mut c.lines);
            c.hours_per_year = add_hours(c.hours_per_year, merged.hours_per_year);
        }
    }
}

fn add_hours(a: Option<Decimal>, b: Option<Decimal>) -> Option<Decimal> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.saturating_add(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        CostDetail, CostLine, CostType, Optimism, OtherCategory, OtherCost, Partnership, Prices,
        Profile, Rate,
    };

    fn line(name: &str) -> CostLine {
        CostLine {
            name: name.to_owned(),
            cost_type: CostType::Revenue,
            optimism: Optimism::Direct(Rate(Decimal::ZERO)),
            source: String::new(),
            detail: CostDetail::Other(OtherCost {
                category: OtherCategory::Other,
                partner: "Police".into(),
                layer: None,
                amounts: Profile::constant(Decimal::ONE, 1),
            }),
            range: None,
            prices: Prices::default(),
        }
    }

    fn ship_with(lines: &[&str], drawn: &[&str]) -> Partnership {
        let mut ship = Partnership::new("CSP");
        for name in lines {
            ship.costs.push(line(name));
        }
        ship.objectives.push(Objective {
            name: "Fewer burglaries".into(),
            contributions: vec![Commitment {
                partner: "Police".into(),
                lines: drawn.iter().map(|s| (*s).to_owned()).collect(),
                hours_per_year: None,
            }],
            ..Objective::default()
        });
        ship
    }

    fn names(ship: &Partnership) -> Vec<String> {
        ship.costs.iter().map(|c| c.name.clone()).collect()
    }

    fn drawn(ship: &Partnership) -> Vec<String> {
        ship.objectives[0].contributions[0].lines.clone()
    }

    #[test]
    fn a_cost_line_renamed_is_renamed_where_a_contribution_draws_on_it() {
        let mut ship = ship_with(&["Analyst", "Board"], &["Analyst", "Board"]);
        let before = names(&ship);
        ship.costs[0].name = "Crime analyst".into();
        assert_eq!(follow_cost_lines(&mut ship, &before), 1);
        assert_eq!(drawn(&ship), vec!["Crime analyst", "Board"]);
    }

    #[test]
    fn a_cost_line_deleted_is_forgotten_by_contributions() {
        let mut ship = ship_with(&["Analyst", "Board"], &["Analyst", "Board", "Unknown"]);
        let before = names(&ship);
        ship.costs.remove(0);
        assert_eq!(follow_cost_lines(&mut ship, &before), 1);
        // A name that named nothing before is left for validation to report.
        assert_eq!(drawn(&ship), vec!["Board", "Unknown"]);
    }

    #[test]
    fn a_rename_to_a_name_another_line_still_has_keeps_both_references() {
        let mut ship = ship_with(&["Analyst", "Analyst"], &["Analyst"]);
        let before = names(&ship);
        ship.costs[1].name = "Board".into();
        assert_eq!(follow_cost_lines(&mut ship, &before), 0);
        assert_eq!(drawn(&ship), vec!["Analyst"]);
    }

    #[test]
    fn measured_reads_a_year_or_a_date_and_refuses_other_text() {
        assert_eq!(
            Measured::parse("2024/25"),
            Ok(Measured::Year(FinancialYear(2024)))
        );
        assert_eq!(
            Measured::parse("31/03/2025").map(Measured::describe),
            Ok("31/03/2025".to_owned())
        );
        assert!(Measured::parse("last spring").is_err());
    }
}
