//! Finds what is wrong or doubtful in a project, with where it is.

use super::flows::Part;
use super::{Diagnostic, Location, MAX_HORIZON_YEARS, Severity, horizon};
use crate::model::{
    BenefitDetail, BenefitType, CostDetail, MAX_INPUT, Optimism, OutcomeChain, Pay, Profile,
    Project, Rate, UnitValueSource,
};
use rust_decimal::Decimal;
use std::collections::BTreeSet;

/// The largest optimism bias uplift accepted: 1000% (the Green Book's generic upper bounds reach 200%).
pub(crate) const MAX_UPLIFT: Decimal = Decimal::TEN;

/// Every problem in the project, errors first in project order, then warnings.
pub fn validate(project: &Project) -> Vec<Diagnostic> {
    validate_reusing(project, None).0
}

/// What each partnership's own checks found, kept so that [`revalidate`] can reuse it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Findings(Vec<Vec<Diagnostic>>);

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
    v.partnership_names();
    let (mut old, unchanged) = match previous {
        Some((findings, unchanged)) => (findings.0, Some(unchanged)),
        None => (Vec::new(), None),
    };
    let mut findings = Vec::with_capacity(project.partnerships.len());
    for index in 0..project.partnerships.len() {
        let reused = match (unchanged, old.get_mut(index)) {
            (Some(unchanged), Some(found)) if unchanged(index) => Some(std::mem::take(found)),
            _ => None,
        };
        let found = reused.unwrap_or_else(|| {
            let mut one = Validator::new(project);
            one.partnership(index);
            one.out
        });
        v.out.extend(found.iter().cloned());
        findings.push(found);
    }
    v.out.sort_by_key(|d| d.severity);
    (v.out, Findings(findings))
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
        let mut seen = BTreeSet::new();
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

    fn settings(&mut self) {
        let s = &self.project.settings;
        let at = At::new(Location::Settings, "Settings");
        if s.horizon_years == 0 || s.horizon_years > MAX_HORIZON_YEARS {
            self.error(
                &at,
                "Horizon",
                format!(
                    "is {} years; it must be from 1 to {MAX_HORIZON_YEARS}",
                    s.horizon_years
                ),
            );
        } else if s.horizon_years > 60 {
            self.warn(
                &at,
                "Horizon",
                "is over 60 years, the Green Book's usual limit even where assets are involved",
            );
        }
        for (field, year) in [
            ("First year", s.first_year),
            ("Price base year", s.price_base_year),
        ] {
            if !(1900..=2200).contains(&year.0) {
                self.error(
                    &at,
                    field,
                    format!("{} is not a plausible financial year", year.0),
                );
            }
        }
        if let crate::model::DiscountSchedule::Custom(rate) = s.discount
            && (rate.0 < Decimal::ZERO || rate.0 > Decimal::ONE)
        {
            self.error(
                &at,
                "Discount rate",
                format!("is {}; it must be between 0% and 100%", percent(rate.0)),
            );
        }
        let c = &s.staff_costing;
        self.share(&at, "Employer NI rate", c.employer_ni_rate);
        self.quantity(&at, "NI threshold", c.ni_threshold.0);
        self.share(&at, "Pension rate", c.pension_rate);
        if c.overhead_rate.0 < Decimal::ZERO || c.overhead_rate.0 > MAX_UPLIFT {
            self.error(
                &at,
                "Overhead rate",
                format!(
                    "is {}; it must be between 0% and 1000%",
                    percent(c.overhead_rate.0)
                ),
            );
        }
        if c.productive_hours_per_year <= Decimal::ZERO
            || c.productive_hours_per_year > Decimal::from(8784)
        {
            self.error(
                &at,
                "Productive hours a year",
                "must be more than 0 and at most 8,784 (the hours in a leap year)",
            );
        }
        let sim = &s.simulation;
        if sim.draws == 0 || sim.draws > super::uncertainty::MAX_DRAWS {
            self.error(&at, "Monte Carlo draws", "must be from 1 to 1,000,000");
        }
        self.share(&at, "Sensitivity range", sim.sensitivity);
        if s.currency_symbol.trim().is_empty() {
            self.warn(
                &at,
                "Currency symbol",
                "is empty; amounts will show without a symbol",
            );
        }
    }

    fn partners(&mut self) {
        let p = self.project;
        self.unique_names(
            p.partners.iter().enumerate().map(|(i, x)| {
                (
                    At::new(
                        Location::Partner { partner: i },
                        format!("Partner '{}'", x.name),
                    ),
                    x.name.as_str(),
                )
            }),
            "partner",
        );
        for (pi, partner) in p.partners.iter().enumerate() {
            self.unique_names(
                partner.grades.iter().enumerate().map(|(gi, g)| {
                    (
                        At::new(
                            Location::Grade {
                                partner: pi,
                                grade: gi,
                            },
                            format!("{}, grade '{}'", partner.name, g.name),
                        ),
                        g.name.as_str(),
                    )
                }),
                "grade",
            );
            for (gi, g) in partner.grades.iter().enumerate() {
                let at = At::new(
                    Location::Grade {
                        partner: pi,
                        grade: gi,
                    },
                    format!("{}, grade '{}'", partner.name, g.name),
                );
                match g.pay {
                    Pay::Salary(m) => self.quantity(&at, "Salary", m.0),
                    Pay::Hourly(m) => self.quantity(&at, "Hourly rate", m.0),
                }
            }
        }
    }

    fn library(&mut self) {
        let p = self.project;
        self.unique_names(
            p.unit_values.iter().enumerate().map(|(i, u)| {
                (
                    At::new(
                        Location::UnitValue { index: i },
                        format!("Unit value '{}'", u.name),
                    ),
                    u.name.as_str(),
                )
            }),
            "unit value",
        );
        for (i, u) in p.unit_values.iter().enumerate() {
            let at = At::new(
                Location::UnitValue { index: i },
                format!("Unit value '{}'", u.name),
            );
            self.quantity(&at, "Value", u.value.0);
            self.deflator_for(&at, u.price_year);
            if let Some(partner) = u.partner.as_deref().filter(|s| !s.is_empty()) {
                self.partner_ref(&at, "Partner", partner);
            }
        }
        let mut years = BTreeSet::new();
        for (i, d) in p.deflators.iter().enumerate() {
            let at = At::new(
                Location::Deflator { index: i },
                format!("GDP deflator {}", d.year),
            );
            if d.index <= Decimal::ZERO || d.index > MAX_INPUT {
                self.error(&at, "Index", "must be more than zero");
            }
            if !years.insert(d.year) {
                self.error(
                    &at,
                    "Year",
                    format!("{} has more than one deflator", d.year),
                );
            }
        }
        self.unique_names(
            p.confidence_grades.iter().enumerate().map(|(i, g)| {
                (
                    At::new(
                        Location::ConfidenceGrade { index: i },
                        format!("Confidence grade '{}'", g.grade),
                    ),
                    g.grade.as_str(),
                )
            }),
            "confidence grade",
        );
        for (i, g) in p.confidence_grades.iter().enumerate() {
            let at = At::new(
                Location::ConfidenceGrade { index: i },
                format!("Confidence grade '{}'", g.grade),
            );
            if g.cost_uplift.0 < Decimal::ZERO || g.cost_uplift.0 > MAX_UPLIFT {
                self.error(
                    &at,
                    "Cost uplift",
                    format!(
                        "is {}; it must be between 0% and 1000%",
                        percent(g.cost_uplift.0)
                    ),
                );
            }
            self.share(&at, "Benefit reduction", g.benefit_reduction);
        }
        self.project_types();
    }

    fn project_types(&mut self) {
        let p = self.project;
        let at_row = |i: usize, name: &str| {
            At::new(
                Location::ProjectType { index: i },
                format!("Project type '{name}'"),
            )
        };
        self.unique_names(
            p.project_types
                .iter()
                .enumerate()
                .map(|(i, t)| (at_row(i, &t.name), t.name.as_str())),
            "project type",
        );
        for (i, t) in p.project_types.iter().enumerate() {
            let at = at_row(i, &t.name);
            let bounds = [
                ("Capital cost", Some(t.capital_upper), Some(t.capital_lower)),
                ("Works duration", t.duration_upper, t.duration_lower),
            ];
            for (what, upper, lower) in bounds {
                for (bound, rate) in [("upper", upper), ("lower", lower)] {
                    if let Some(rate) = rate
                        && (rate.0 < Decimal::ZERO || rate.0 > MAX_UPLIFT)
                    {
                        self.error(
                            &at,
                            &format!("{what} {bound} bound"),
                            format!("is {}; it must be between 0% and 1000%", percent(rate.0)),
                        );
                    }
                }
                if let (Some(upper), Some(lower)) = (upper, lower)
                    && lower.0 > upper.0
                {
                    self.error(
                        &at,
                        &format!("{what} lower bound"),
                        format!(
                            "is {}, above the upper bound of {}",
                            percent(lower.0),
                            percent(upper.0)
                        ),
                    );
                }
            }
        }
    }

    fn deflator_for(&mut self, at: &At, year: crate::model::FinancialYear) {
        let base = self.project.settings.price_base_year;
        if year == base {
            return;
        }
        for y in [year, base] {
            if !self
                .project
                .deflators
                .iter()
                .any(|d| d.year == y && d.index > Decimal::ZERO)
            {
                self.error(
                    at,
                    "Price year",
                    format!("there is no GDP deflator for {y} to rebase {year} prices to {base}"),
                );
            }
        }
    }

    fn partnership_names(&mut self) {
        let project = self.project;
        self.unique_names_at(
            project.partnerships.iter().enumerate().map(|(i, x)| {
                (
                    move || {
                        At::new(
                            Location::Partnership { partnership: i },
                            format!("Partnership '{}'", x.name),
                        )
                    },
                    x.name.as_str(),
                )
            }),
            "partnership",
        );
    }

    fn partnership(&mut self, index: usize) {
        let project = self.project;
        let p = &project.partnerships[index];
        let at = At::new(Location::Partnership { partnership: index }, p.name.clone());
        for member in &p.members {
            self.partner_ref(&at, "Members", member);
        }
        for (i, e) in p.seven_s.elements().iter().enumerate() {
            if e.score.is_some_and(|s| !(1..=5).contains(&s)) {
                self.error(
                    &at,
                    crate::model::SevenS::LABELS[i],
                    "the score must be from 1 to 5",
                );
            }
        }
        for (i, impact) in p.impacts.iter().enumerate() {
            if impact.description.trim().is_empty() {
                let at = At::new(
                    Location::Impact {
                        partnership: index,
                        impact: i,
                    },
                    format!("{}, impact {}", p.name, i + 1),
                );
                self.warn(&at, "Description", "is empty");
            }
        }
        for (li, line) in p.costs.iter().enumerate() {
            let at = At::new(
                Location::Cost {
                    partnership: index,
                    line: li,
                },
                format!("{}, cost '{}'", p.name, line.name),
            );
            let start = self.out.len();
            self.cost(&at, line);
            self.say_left_out(start, "the results");
        }
        for (li, line) in p.benefits.iter().enumerate() {
            let at = At::new(
                Location::Benefit {
                    partnership: index,
                    line: li,
                },
                format!("{}, benefit '{}'", p.name, line.name),
            );
            let start = self.out.len();
            self.benefit(&at, line);
            self.say_left_out(start, "the results");
        }
        for (oi, option) in p.options.iter().enumerate() {
            for (li, line) in option.costs.iter().enumerate() {
                let context = format!("{}, option '{}', cost '{}'", p.name, option.name, line.name);
                let start = self.out.len();
                self.cost(
                    &At::new(
                        Location::OptionCost {
                            partnership: index,
                            option: oi,
                            line: li,
                        },
                        context,
                    ),
                    line,
                );
                self.say_left_out(start, "the option's results");
            }
            for (li, line) in option.benefits.iter().enumerate() {
                let context = format!(
                    "{}, option '{}', benefit '{}'",
                    p.name, option.name, line.name
                );
                let start = self.out.len();
                self.benefit(
                    &At::new(
                        Location::OptionBenefit {
                            partnership: index,
                            option: oi,
                            line: li,
                        },
                        context,
                    ),
                    line,
                );
                self.say_left_out(start, "the option's results");
            }
        }
        if let Some(name) = &p.preferred_option
            && name != super::uncertainty::CURRENT_ARRANGEMENT
            && !p.options.iter().any(|o| &o.name == name)
        {
            self.error(
                &at,
                "Preferred option",
                format!("there is no option called '{name}'"),
            );
        }
        for (pi, proposal) in p.proposals.iter().enumerate() {
            let at = At::new(
                Location::Proposal {
                    partnership: index,
                    proposal: pi,
                },
                format!("{}, proposal '{}'", p.name, proposal.name),
            );
            let mut total = Decimal::ZERO;
            for share in &proposal.shares {
                self.partner_ref(&at, "Partner", &share.partner);
                self.share(&at, "Share", share.share);
                total = total.saturating_add(share.share.0);
            }
            if total.saturating_sub(Decimal::ONE).abs() > Decimal::new(1, 4) {
                self.warn(
                    &at,
                    "Shares",
                    format!("add up to {}, not 100%", percent(total)),
                );
            }
        }
        if p.costs.is_empty() && p.benefits.is_empty() {
            self.warn(&at, "", "has no costs or benefits yet");
        }
    }

    /// A range for Monte Carlo: low ≤ likely ≤ high, a standard deviation of zero or more,
    /// and values the input can take (`max` is 1 for shares).
    fn distribution(&mut self, at: &At, field: &str, d: &crate::model::Distribution, max: Decimal) {
        use crate::model::Distribution;
        let values = match *d {
            Distribution::Triangular { low, likely, high } => {
                if !(low <= likely && likely <= high) {
                    self.error(at, field, "the range must run low ≤ most likely ≤ high");
                }
                vec![low, likely, high]
            }
            Distribution::Normal { mean, sd } => {
                if sd < Decimal::ZERO {
                    self.error(at, field, "the standard deviation must be zero or more");
                }
                vec![mean]
            }
        };
        if values.iter().any(|v| *v < Decimal::ZERO || *v > max) {
            self.error(
                at,
                field,
                format!("values must be from 0 to {}", max.normalize()),
            );
        }
    }

    fn cost(&mut self, at: &At, line: &crate::model::CostLine) {
        if !line.prices.is_real() && !line.detail.has_amounts() {
            self.error(
                at,
                "Prices",
                "only amounts of money can be in cash prices: staff time and meetings are costed at the price base year's rates",
            );
        } else {
            self.cash_prices(at, line.prices, &super::flows::money_profiles(&line.detail));
        }
        if let Some(d) = &line.range {
            self.distribution(
                &at.part(Part::Range),
                "Range (multiplier)",
                d,
                Decimal::ONE_HUNDRED,
            );
        }
        self.optimism(at, &line.optimism, true);
        match &line.detail {
            CostDetail::StaffTime(s) => {
                self.grade_ref(at, "Grade", &s.partner, &s.grade);
                self.profile(at, s.unit.label(), &s.hours);
                if s.unit == crate::model::TimeUnit::Fte {
                    // FTE times productive hours must stay within the input limit.
                    let hours = super::flows::staff_hours(
                        &self.project.settings,
                        s,
                        horizon(&self.project.settings),
                    );
                    if hours.is_err() || hours.is_ok_and(|h| h.iter().any(|v| *v > MAX_INPUT)) {
                        self.error(
                            at,
                            s.unit.label(),
                            "is too large to compute (the limit is 1,000,000,000,000 hours)",
                        );
                    }
                }
            }
            CostDetail::Meeting(m) => {
                self.profile(at, "Meetings a year", &m.meetings);
                self.quantity(at, "Meeting hours", m.meeting_hours);
                self.quantity(at, "Preparation hours", m.preparation_hours);
                self.quantity(at, "Travel hours", m.travel_hours);
                if m.attendees.is_empty() {
                    self.warn(
                        at,
                        "Attendees",
                        "the meeting has no attendees, so no staff time is costed",
                    );
                }
                for (i, a) in m.attendees.iter().enumerate() {
                    let at = at.part(Part::Attendee(i));
                    self.grade_ref(&at, "Attendee grade", &a.partner, &a.grade);
                    self.quantity(&at, "Attendees", a.count);
                }
                let at = &at.part(Part::FixedCosts);
                let f = &m.fixed_costs;
                let fixed = [
                    ("Venue", f.venue),
                    ("Refreshments", f.refreshments),
                    ("Printing", f.printing),
                    ("Other fixed costs", f.other),
                ];
                for (field, amount) in fixed {
                    self.quantity(at, field, amount.0);
                }
                if fixed.iter().any(|(_, m)| !m.0.is_zero()) {
                    self.partner_ref(at, "Fixed costs paid by", &f.paid_by);
                }
            }
            CostDetail::PooledFund(fund) => {
                self.partner_ref(at, "Host", &fund.host);
                if fund.contributions.is_empty() {
                    self.warn(at, "Contributions", "the pooled fund has no contributions");
                }
                for (i, c) in fund.contributions.iter().enumerate() {
                    let at = at.part(Part::Contribution(i));
                    self.partner_ref(&at, "Contributing partner", &c.partner);
                    self.profile(&at, "Contribution", &c.amounts);
                    if let Some(outturn) = &c.forecast_outturn {
                        self.profile(&at, "Forecast outturn", outturn);
                    }
                }
            }
            CostDetail::Other(o) => {
                self.partner_ref(at, "Partner", &o.partner);
                self.profile(at, "Amount", &o.amounts);
            }
        }
    }

    fn benefit(&mut self, at: &At, line: &crate::model::BenefitLine) {
        if let Some(d) = &line.range {
            self.distribution(
                &at.part(Part::Range),
                "Range (multiplier)",
                d,
                Decimal::ONE_HUNDRED,
            );
        }
        self.optimism(at, &line.optimism, false);
        let partner = line.partner.as_deref().filter(|s| !s.trim().is_empty());
        match (line.benefit_type, partner) {
            (BenefitType::Fiscal, None) => {
                self.error(
                    at,
                    "Partner",
                    "a fiscal benefit must name the partner whose budget it saves",
                );
            }
            (_, Some(name)) => {
                self.partner_ref(at, "Partner", name);
            }
            (_, None) => {}
        }
        self.share(at, "Cashable share", line.cashable_share);
        match &line.detail {
            BenefitDetail::Direct(profile) => {
                self.profile(at, "Amount", profile);
                self.cash_prices(at, line.prices, &[profile]);
            }
            BenefitDetail::Outcome(chain) => {
                if !line.prices.is_real() {
                    self.error(
                        at,
                        "Prices",
                        "an outcome chain cannot be in cash prices: its unit value carries its own price year",
                    );
                }
                self.outcome(at, chain);
            }
        }
    }

    fn outcome(&mut self, at: &At, c: &OutcomeChain) {
        let r = &c.ranges;
        for (field, d) in [
            ("Engagement rate range", &r.engagement_rate),
            ("Success rate range", &r.success_rate),
            ("Deadweight range", &r.deadweight),
            ("Displacement range", &r.displacement),
            ("Attribution range", &r.attribution),
        ] {
            if let Some(d) = d {
                self.distribution(&at.part(Part::Range), field, d, Decimal::ONE);
            }
        }
        if let Some(d) = &r.unit_value {
            self.distribution(&at.part(Part::Range), "Unit value range", d, MAX_INPUT);
        }
        self.profile(at, "Cohort", &c.cohort);
        for (field, rate) in [
            ("Engagement rate", c.engagement_rate),
            ("Success rate", c.success_rate),
            ("Deadweight", c.deadweight),
            ("Displacement", c.displacement),
            ("Attribution", c.attribution),
            ("Drop-off", c.drop_off),
        ] {
            self.share(at, field, rate);
        }
        match &c.unit_value {
            UnitValueSource::Library(name) => {
                if self.project.unit_value(name).is_none() {
                    self.error(
                        at,
                        "Unit value",
                        format!("'{name}' is not in the unit-value library"),
                    );
                }
            }
            UnitValueSource::Typed { value, price_year } => {
                self.quantity(at, "Unit value", value.0);
                self.deflator_for(at, *price_year);
            }
        }
        if c.duration_years == 0 {
            self.warn(at, "Duration", "is 0 years, so the outcome has no value");
        }
        if c.lag_years >= horizon(&self.project.settings) {
            self.warn(
                at,
                "Lag",
                "is as long as the horizon, so no benefit falls within it",
            );
        }
    }
}
