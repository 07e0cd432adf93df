//! The checks of the project as a whole: settings, partners and their rate cards, the
//! unit-value library and deflators, project types, and partnership names.

use super::{At, MAX_UPLIFT, Validator, percent};
use crate::appraisal::{Location, MAX_HORIZON_YEARS};
use crate::model::{MAX_INPUT, Pay};
use rust_decimal::Decimal;
use std::collections::BTreeSet;

impl Validator<'_> {
    pub(super) fn settings(&mut self) {
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
        if sim.draws == 0 || sim.draws > crate::appraisal::uncertainty::MAX_DRAWS {
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

    pub(super) fn partners(&mut self) {
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

    pub(super) fn library(&mut self) {
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

    pub(super) fn deflator_for(&mut self, at: &At, year: crate::model::FinancialYear) {
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

    pub(super) fn partnership_names(&mut self) {
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
}
