//! The checks of the community strategy's priorities and each partnership's objectives:
//! the priority an objective serves, its indicators (a baseline, targets within the
//! appraisal's years, values that can be compared) and its contributions (a partner, the
//! partnership's cost lines, hours a year). Review data: an error here leaves nothing out
//! of a figure and marks none incomplete (`Location::Objective`, `Location::Priority`).

use super::{At, Validator, horizon};
use crate::appraisal::Location;
use crate::model::{FinancialYear, Indicator, MAX_INPUT};
use rust_decimal::Decimal;

impl Validator<'_> {
    /// The priorities' names: each named, no two alike.
    pub(super) fn priorities(&mut self) {
        let project = self.project;
        self.unique_names_at(
            project.priorities.iter().enumerate().map(|(index, p)| {
                (
                    move || {
                        At::new(
                            Location::Priority { index },
                            format!("Priority '{}'", p.name),
                        )
                    },
                    p.name.as_str(),
                )
            }),
            "priority",
        );
    }

    pub(super) fn objectives(&mut self, index: usize) {
        let project = self.project;
        let ship = &project.partnerships[index];
        let objectives = ship.objectives.iter().enumerate();
        self.unique_names_at(
            objectives.clone().map(|(objective, o)| {
                (
                    move || {
                        At::new(
                            Location::Objective {
                                partnership: index,
                                objective,
                            },
                            format!("{}, objective '{}'", ship.name, o.name),
                        )
                    },
                    o.name.as_str(),
                )
            }),
            "objective",
        );
        for (objective, o) in objectives {
            let at = At::new(
                Location::Objective {
                    partnership: index,
                    objective,
                },
                format!("{}, objective '{}'", ship.name, o.name),
            );
            match o.priority.as_deref() {
                None | Some("") => self.warn(
                    &at,
                    "Priority",
                    "serves no priority: choose the community strategy priority it serves",
                ),
                Some(name) if !project.priorities.iter().any(|p| p.name == name) => self.error(
                    &at,
                    "Priority",
                    format!("'{name}' is not a priority of the community strategy"),
                ),
                Some(_) => {}
            }
            if o.indicators.is_empty() {
                self.warn(
                    &at,
                    "Indicators",
                    "none yet: add one to say how progress is measured",
                );
            }
            for (i, indicator) in o.indicators.iter().enumerate() {
                self.indicator(&at, i, indicator);
            }
            let mut partners: Vec<&str> = Vec::new();
            for (c, commitment) in o.contributions.iter().enumerate() {
                let field = |what: &str| format!("Contribution {} {what}", c + 1);
                let partner = commitment.partner.as_str();
                if self.partner_ref(&at, &field("partner"), partner)
                    && !ship.members.iter().any(|m| m == partner)
                {
                    self.warn(
                        &at,
                        &field("partner"),
                        format!("{partner} is not a member of the partnership"),
                    );
                }
                if partners.contains(&partner) && !partner.trim().is_empty() {
                    self.warn(
                        &at,
                        &field("partner"),
                        format!("{partner} contributes twice: put its lines and hours together"),
                    );
                }
                partners.push(partner);
                for line in &commitment.lines {
                    if !ship.costs.iter().any(|l| &l.name == line) {
                        self.error(
                            &at,
                            &field("cost lines"),
                            format!("'{line}' is not a cost line of this partnership"),
                        );
                    }
                }
                if let Some(hours) = commitment.hours_per_year {
                    self.quantity(&at, &field("hours a year"), hours);
                }
            }
        }
    }

    fn indicator(&mut self, at: &At, i: usize, indicator: &Indicator) {
        let field = |what: &str| {
            if indicator.name.trim().is_empty() {
                format!("Indicator {} {what}", i + 1)
            } else {
                format!("Indicator '{}' {what}", indicator.name)
            }
        };
        if indicator.name.trim().is_empty() {
            self.warn(at, &field("name"), "is empty: say what is measured");
        }
        match (indicator.baseline.value, indicator.baseline.measured) {
            (None, _) => self.warn(
                at,
                &field("baseline"),
                "is missing: give the value before the partnership's work, and when it was measured",
            ),
            (Some(_), None) => self.warn(
                at,
                &field("baseline"),
                "does not say when it was measured: give the financial year or the date",
            ),
            (Some(_), Some(_)) => {}
        }
        if indicator.targets.is_empty() {
            self.warn(at, &field("targets"), "none set: give a target for a year");
        }
        let settings = &self.project.settings;
        let first = settings.first_year;
        let last = first.plus(horizon(settings).saturating_sub(1));
        let outside: Vec<FinancialYear> = indicator
            .targets
            .keys()
            .copied()
            .filter(|y| *y < first || *y > last)
            .collect();
        if !outside.is_empty() {
            let years: Vec<String> = outside.iter().map(ToString::to_string).collect();
            self.warn(
                at,
                &field("targets"),
                format!(
                    "{} outside the appraisal's years ({first} to {last})",
                    if years.len() == 1 {
                        format!("{} is", years[0])
                    } else {
                        format!("{} are", years.join(", "))
                    }
                ),
            );
        }
        let values = indicator
            .baseline
            .value
            .iter()
            .chain(indicator.targets.values())
            .chain(indicator.actuals.values());
        if values.copied().any(|v: Decimal| v.abs() > MAX_INPUT) {
            self.error(
                at,
                &field("values"),
                "a value is too large to compare (the limit is 1,000,000,000,000)",
            );
        }
    }
}
