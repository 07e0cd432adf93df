//! Finds what is wrong or doubtful in a project, with where it is.
//!
//! This module holds the entry points, the checks the appraisal shares (`check_cost`,
//! `check_benefit`) and the `Validator`'s helpers; its checks are in `project.rs` (the
//! project as a whole) and `lines.rs` (each partnership and its lines).

use super::flows::Part;
use super::{Diagnostic, Location, Severity, horizon};
use crate::model::{MAX_INPUT, Optimism, Profile, Project, Rate};
use rust_decimal::Decimal;
use std::collections::HashSet;

mod lines;
mod objectives;
mod project;
mod register;

/// The largest optimism bias uplift accepted: 1000% (the Green Book's generic upper bounds reach 200%).
pub(crate) const MAX_UPLIFT: Decimal = Decimal::TEN;

/// Every problem in the project, errors first in project order, then warnings.
pub fn validate(project: &Project) -> Vec<Diagnostic> {
    validate_reusing(project, None).0
}

/// The appraisal and every problem at once ([`super::appraise`], then [`super::problems`]'
/// list: validation's findings, then the appraisal's diagnostics), with validation on a
/// thread of its own beside the appraisal's, and each partnership's findings to reuse.
pub fn appraise_and_validate(project: &Project) -> (super::Appraisal, Vec<Diagnostic>, Findings) {
    std::thread::scope(|scope| {
        let checking = scope.spawn(|| validate_reusing(project, None));
        let appraisal = super::appraise(project);
        let (mut problems, findings) = checking
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        problems.extend(appraisal.diagnostics.iter().cloned());
        (appraisal, problems, findings)
    })
}

/// What each partnership's own checks found, kept so that [`revalidate`] can reuse it,
/// with the names the check for blank and duplicate names saw and what it found: at
/// national scale that check reads thousands of names, and an edit seldom renames one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Findings {
    each: Vec<Vec<Diagnostic>>,
    names: Vec<String>,
    names_found: Vec<Diagnostic>,
}

/// Exactly [`validate`]`(project)`, reusing the findings of the partnerships that
/// `unchanged` says are the same as when `previous` was found (with the same rule as
/// `appraisal::reappraise`: only if nothing outside the partnerships changed either).
/// Returns the findings to reuse next time.
pub fn revalidate(
    project: &Project,
    previous: Findings,
    unchanged: &dyn Fn(usize) -> bool,
) -> (Vec<Diagnostic>, Findings) {
    validate_reusing(project, Some((previous, unchanged)))
}

fn validate_reusing(
    project: &Project,
    previous: Option<(Findings, &dyn Fn(usize) -> bool)>,
) -> (Vec<Diagnostic>, Findings) {
    let mut v = Validator::new(project);
    v.settings();
    v.partners();
    v.library();
    let (previous, unchanged) = match previous {
        Some((findings, unchanged)) => (findings, Some(unchanged)),
        None => (Findings::default(), None),
    };
    let Findings {
        each: mut old,
        mut names,
        names_found,
    } = previous;
    // The names check is worked out again only if a name may have changed: a changed
    // partnership's name is compared with the one the check saw.
    let count = project.partnerships.len();
    let same_names = unchanged.is_some()
        && names.len() == count
        && (0..count).all(|i| {
            unchanged.is_some_and(|unchanged| unchanged(i))
                || project.partnerships[i].name == names[i]
        });
    let names_found = if same_names {
        v.out.extend(names_found.iter().cloned());
        v.parts.extend(names_found.iter().map(|_| None));
        names_found
    } else {
        names = project
            .partnerships
            .iter()
            .map(|p| p.name.clone())
            .collect();
        let before = v.out.len();
        v.partnership_names();
        v.out[before..].to_vec()
    };
    v.priorities();
    let mut findings = Vec::with_capacity(project.partnerships.len());
    for index in 0..project.partnerships.len() {
        let reused = match (unchanged, old.get_mut(index)) {
            (Some(unchanged), Some(found)) if unchanged(index) => Some(std::mem::take(found)),
            _ => None,
        };
        let found = reused.unwrap_or_else(|| {
            let mut one = Validator::new(project);
            one.partnership(index);
            one.objectives(index);
            // The reviews' checks: warnings only, which change and mark no figure.
            one.out.extend(super::review::check(project, index));
            one.out
        });
        v.out.extend(found.iter().cloned());
        findings.push(found);
    }
    v.out.sort_by_key(|d| d.severity);
    (
        v.out,
        Findings {
            each: findings,
            names,
            names_found,
        },
    )
}

/// What the checks of one cost or benefit line found that the appraisal must leave out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct LineCheck {
    /// An error concerns the whole line: it is left out.
    pub whole: bool,
    /// Parts of the line with an error of their own, each left out on its own.
    pub parts: Vec<Part>,
}

/// The checks `validate` makes of one cost line, for the appraisal to leave out exactly
/// what they find wrong: the one rule for what an error leaves out.
pub(crate) fn check_cost(project: &Project, line: &crate::model::CostLine) -> LineCheck {
    let mut v = Validator::new(project);
    v.cost(&At::new(Location::Settings, ""), line);
    v.line_check()
}

/// As [`check_cost`], for a benefit line (which has no parts of its own).
pub(crate) fn check_benefit(project: &Project, line: &crate::model::BenefitLine) -> LineCheck {
    let mut v = Validator::new(project);
    v.benefit(&At::new(Location::Settings, ""), line);
    v.line_check()
}

struct Validator<'a> {
    project: &'a Project,
    out: Vec<Diagnostic>,
    /// The part of a line each diagnostic in `out` concerns, if only a part.
    parts: Vec<Option<Part>>,
}

/// Where a check is made: the location and its description in words.
#[derive(Clone)]
struct At {
    location: Location,
    context: String,
    /// The part of a cost line checked, where an error leaves out that part alone.
    part: Option<Part>,
}

impl At {
    fn new(location: Location, context: impl Into<String>) -> Self {
        At {
            location,
            context: context.into(),
            part: None,
        }
    }

    /// The same place narrowed to a part of its line, named in the context ("…, cost
    /// 'Board', attendee 2") so that a message says which row it concerns.
    fn part(&self, part: Part) -> Self {
        let context = match part {
            Part::Attendee(i) => format!("{}, attendee {}", self.context, i + 1),
            Part::Contribution(i) => format!("{}, contribution {}", self.context, i + 1),
            Part::FixedCosts | Part::Range => self.context.clone(),
        };
        At {
            location: self.location,
            context,
            part: Some(part),
        }
    }
}

fn percent(d: Decimal) -> String {
    d.checked_mul(Decimal::ONE_HUNDRED).map_or_else(
        || format!("{} (as a fraction)", d.normalize()),
        |p| format!("{}%", p.normalize()),
    )
}

impl<'a> Validator<'a> {
    fn new(project: &'a Project) -> Self {
        Validator {
            project,
            out: Vec::new(),
            parts: Vec::new(),
        }
    }

    fn push(&mut self, severity: Severity, at: &At, field: &str, message: String) {
        self.out.push(Diagnostic {
            severity,
            location: at.location,
            context: at.context.clone(),
            field: field.to_owned(),
            message,
        });
        self.parts.push(at.part);
    }

    /// What the errors found so far leave out of a line.
    fn line_check(&self) -> LineCheck {
        let mut check = LineCheck::default();
        for (d, part) in self.out.iter().zip(&self.parts) {
            match part {
                _ if !d.is_error() => {}
                None => check.whole = true,
                Some(part) => {
                    if !check.parts.contains(part) {
                        check.parts.push(*part);
                    }
                }
            }
        }
        check
    }

    /// Says, in each error found since `start`, what it leaves out of the results of
    /// `whose` ("the results" or "the option's results").
    fn say_left_out(&mut self, start: usize, whose: &str) {
        for (d, part) in self.out[start..].iter_mut().zip(&self.parts[start..]) {
            let what = match part {
                _ if !d.is_error() => continue,
                None => "the line",
                Some(Part::Attendee(_)) => "this attendee",
                Some(Part::FixedCosts) => "the meeting's fixed costs",
                Some(Part::Contribution(_)) => "this contribution",
                // A range does not change the central figures; the error stands.
                Some(Part::Range) => continue,
            };
            d.message = format!("{}; {what} is left out of {whose}", d.message);
        }
    }

    fn error(&mut self, at: &At, field: &str, message: impl Into<String>) {
        self.push(Severity::Error, at, field, message.into());
    }

    fn warn(&mut self, at: &At, field: &str, message: impl Into<String>) {
        self.push(Severity::Warning, at, field, message.into());
    }

    /// A quantity or amount: not negative, not too large.
    fn quantity(&mut self, at: &At, field: &str, value: Decimal) {
        if value < Decimal::ZERO {
            self.error(
                at,
                field,
                format!("is negative ({value}); enter zero or more"),
            );
        } else if value > MAX_INPUT {
            self.error(
                at,
                field,
                "is too large to compute (the limit is 1,000,000,000,000)",
            );
        }
    }

    /// A share between 0% and 100%.
    fn share(&mut self, at: &At, field: &str, rate: Rate) {
        if rate.0 < Decimal::ZERO || rate.0 > Decimal::ONE {
            self.error(
                at,
                field,
                format!("is {}; it must be between 0% and 100%", percent(rate.0)),
            );
        }
    }

    fn profile(&mut self, at: &At, field: &str, profile: &Profile) {
        let horizon = horizon(&self.project.settings);
        match profile {
            Profile::Constant {
                value,
                start_year,
                years,
                growth,
            } => {
                self.quantity(at, field, *value);
                if growth.0 <= -Decimal::ONE || growth.0 > Decimal::ONE {
                    self.error(
                        at,
                        "Growth a year",
                        format!(
                            "is {}; it must be above -100% and at most 100%",
                            percent(growth.0)
                        ),
                    );
                } else if !growth.0.is_zero() && *years > 1 {
                    // Compounded growth must stay within the input limit.
                    let mut last = *value;
                    for _ in 1..(*years).min(horizon) {
                        match last.checked_mul(Decimal::ONE + growth.0) {
                            Some(next) if next <= MAX_INPUT => last = next,
                            _ => {
                                self.error(
                                    at,
                                    "Growth a year",
                                    "grows the amount beyond what can be computed",
                                );
                                break;
                            }
                        }
                    }
                }
                if *years > 0 && start_year.saturating_add(*years) > horizon {
                    self.warn(at, field, format!(
                        "runs beyond the {horizon}-year horizon; years after it are not appraised"
                    ));
                }
            }
            Profile::PerYear(values) => {
                for v in values {
                    self.quantity(at, field, *v);
                }
                if values.len() > horizon as usize
                    && values[horizon as usize..].iter().any(|v| !v.is_zero())
                {
                    self.warn(
                        at,
                        field,
                        format!(
                            "has amounts beyond the {horizon}-year horizon; they are not appraised"
                        ),
                    );
                }
            }
        }
    }

    fn partner_ref(&mut self, at: &At, field: &str, name: &str) -> bool {
        if name.trim().is_empty() {
            self.error(at, field, "no partner is chosen");
            false
        } else if self.project.partner(name).is_none() {
            self.error(at, field, format!("partner '{name}' does not exist"));
            false
        } else {
            true
        }
    }

    fn grade_ref(&mut self, at: &At, field: &str, partner: &str, grade: &str) {
        if self.partner_ref(at, "Partner", partner)
            && self
                .project
                .partner(partner)
                .is_some_and(|p| p.grade(grade).is_none())
        {
            self.error(
                at,
                field,
                format!("grade '{grade}' is not on {partner}'s rate card"),
            );
        }
    }

    fn optimism(&mut self, at: &At, optimism: &Optimism, is_cost: bool) {
        match optimism {
            Optimism::Grade(grade) => {
                if self.project.confidence_grade(grade).is_none() {
                    self.error(
                        at,
                        "Confidence grade",
                        format!("grade '{grade}' is not in the confidence-grade table"),
                    );
                }
            }
            Optimism::Direct(rate) if is_cost => {
                if rate.0 < Decimal::ZERO || rate.0 > MAX_UPLIFT {
                    self.error(
                        at,
                        "Optimism bias uplift",
                        format!("is {}; it must be between 0% and 1000%", percent(rate.0)),
                    );
                }
            }
            Optimism::Direct(rate) => self.share(at, "Optimism bias reduction", *rate),
            Optimism::ProjectType { .. } if !is_cost => self.error(
                at,
                "Optimism bias",
                "a project type sets a cost uplift; give a benefit a confidence grade or a rate",
            ),
            Optimism::ProjectType {
                project_type,
                mitigation,
            } => {
                if self.project.project_type(project_type).is_none() {
                    self.error(
                        at,
                        "Project type",
                        format!("'{project_type}' is not in the optimism bias table"),
                    );
                }
                self.share(at, "Mitigation", *mitigation);
            }
        }
    }

    /// A line in cash prices needs a GDP deflator for the price base year and for every
    /// year it has an amount in.
    fn cash_prices(&mut self, at: &At, prices: crate::model::Prices, amounts: &[&Profile]) {
        if prices.is_real() {
            return;
        }
        let settings = &self.project.settings;
        let horizon = horizon(settings);
        let used = super::flows::years_with_amounts(amounts, horizon);
        let base = settings.price_base_year;
        let has = |y: crate::model::FinancialYear| {
            self.project
                .deflators
                .iter()
                .any(|d| d.year == y && d.index > Decimal::ZERO)
        };
        let mut missing: Vec<crate::model::FinancialYear> = (0..horizon)
            .filter(|t| used[*t as usize])
            .map(|t| settings.first_year.plus(t))
            .filter(|y| *y != base && !has(*y))
            .collect();
        if !missing.is_empty() && !has(base) {
            missing.insert(0, base);
        }
        if missing.is_empty() {
            return;
        }
        let years: Vec<String> = missing.iter().map(|y| y.to_string()).collect();
        self.error(
            at,
            "Prices",
            format!(
                "its amounts are in cash prices, but there is no GDP deflator for {} to deflate them to {base} prices",
                years.join(", ")
            ),
        );
    }

    fn unique_names<'n>(&mut self, names: impl Iterator<Item = (At, &'n str)>, what: &str) {
        self.unique_names_at(names.map(|(at, name)| (move || at, name)), what);
    }

    /// As [`Self::unique_names`], with each place described only if it has a problem:
    /// the partnerships' names are checked after every edit, and describing all of them
    /// each time cost more than the check.
    fn unique_names_at<'n, F: FnOnce() -> At>(
        &mut self,
        names: impl Iterator<Item = (F, &'n str)>,
        what: &str,
    ) {
        let mut seen = HashSet::new();
        for (at, name) in names {
            if name.trim().is_empty() {
                self.error(&at(), "Name", format!("the {what} has no name"));
            } else if !seen.insert(name) {
                self.error(
                    &at(),
                    "Name",
                    format!("another {what} is already called '{name}'"),
                );
            }
        }
    }
}
