//! The conventions every output states (price base, years, discounting, costing,
//! optimism bias, prices, rounding), as data: [`Conventions`] holds each in its own
//! field, and the parts of the two that have parts, so a screen shows what it needs
//! without cutting text apart. [`conventions`] is their text form, one line each, for
//! the table, the JSON, the CSV, the workbook, the board pack and the committee report.

use crate::appraisal::flows::TypeUplift;
use crate::format;
use crate::model::{Optimism, Project};

/// The conventions of a project, each in its own field.
#[derive(Clone, Debug, PartialEq)]
pub struct Conventions {
    /// "2026/27 prices (real terms)".
    pub price_base_year: String,
    /// "2026/27 to 2035/36 (10 years)".
    pub years: String,
    /// The discount schedule: "Green Book standard (3.5% to year 30, then declining)".
    pub discounting: String,
    /// "year 0 undiscounted (Green Book)".
    pub year0: String,
    pub staff_costing: StaffCostingConvention,
    pub optimism_bias: OptimismBiasConvention,
    /// What prices amounts are in, and which lines were deflated from cash prices.
    pub prices: String,
    /// How figures are rounded.
    pub rounding: &'static str,
}

/// How staff time is costed.
#[derive(Clone, Debug, PartialEq)]
pub struct StaffCostingConvention {
    /// Which elements of employment cost make an hourly rate: "salary with on-costs (NI
    /// and pension)".
    pub basis: &'static str,
    /// The rates: "employer NI 15% above £5,000.00, pension 19%, overheads 25%, 1,650
    /// productive hours a year".
    pub rates: String,
}

impl StaffCostingConvention {
    /// "basis; rates", as every output states it.
    pub fn text(&self) -> String {
        format!("{}; {}", self.basis, self.rates)
    }
}

/// How optimism bias is applied.
#[derive(Clone, Debug, PartialEq)]
pub struct OptimismBiasConvention {
    /// Lines with an adjustment other than a direct rate of zero.
    pub lines_adjusted: usize,
    /// "applied line by line (3 lines adjusted)".
    pub applied: String,
    /// "costs uplifted, benefits reduced, by confidence grade, direct rate or project
    /// type", and the working of each project type in use.
    pub method: String,
}

impl OptimismBiasConvention {
    /// "applied: method", as every output states it.
    pub fn text(&self) -> String {
        format!("{}: {}", self.applied, self.method)
    }
}

impl Conventions {
    pub const PRICE_BASE_YEAR: &'static str = "Price base year";
    pub const YEARS: &'static str = "Years";
    pub const DISCOUNTING: &'static str = "Discounting";
    pub const YEAR_0: &'static str = "Year 0";
    pub const STAFF_COSTING: &'static str = "Staff costing";
    pub const OPTIMISM_BIAS: &'static str = "Optimism bias";
    pub const PRICES: &'static str = "Prices";
    pub const ROUNDING: &'static str = "Rounding";

    /// The conventions of `project`.
    pub fn of(project: &Project) -> Conventions {
        let s = &project.settings;
        let last = s.first_year.plus(s.horizon_years.saturating_sub(1));
        let lines_adjusted = project
            .partnerships
            .iter()
            .flat_map(|p| {
                p.costs
                    .iter()
                    .map(|c| &c.optimism)
                    .chain(p.benefits.iter().map(|b| &b.optimism))
            })
            .filter(|o| !matches!(o, Optimism::Direct(r) if r.0.is_zero()))
            .count();
        let c = &s.staff_costing;
        Conventions {
            price_base_year: format!("{} prices (real terms)", s.price_base_year),
            years: format!("{} to {} ({} years)", s.first_year, last, s.horizon_years),
            discounting: s.discount.label(),
            year0: s.year0.label().to_owned(),
            staff_costing: StaffCostingConvention {
                basis: c.convention.label(),
                rates: format!(
                    "employer NI {} above {}, pension {}, overheads {}, {} productive hours a year",
                    format::percent(c.employer_ni_rate.0),
                    format::money(c.ni_threshold.0, &s.currency_symbol),
                    format::percent(c.pension_rate.0),
                    format::percent(c.overhead_rate.0),
                    format::number(c.productive_hours_per_year, 0),
                ),
            },
            optimism_bias: OptimismBiasConvention {
                lines_adjusted,
                applied: format!(
                    "applied line by line ({} adjusted)",
                    format::count(lines_adjusted, "line", "lines")
                ),
                method: format!(
                    "costs uplifted, benefits reduced, by confidence grade, direct rate or project type{}",
                    project_types_used(project)
                ),
            },
            prices: prices(project),
            rounding: "full precision in calculation; money shown to the penny, ratios to 4 places, half away from zero",
        }
    }

    /// Each convention as its name and its text, in the order every output states them.
    pub fn items(&self) -> Vec<(&'static str, String)> {
        vec![
            (Self::PRICE_BASE_YEAR, self.price_base_year.clone()),
            (Self::YEARS, self.years.clone()),
            (Self::DISCOUNTING, self.discounting.clone()),
            (Self::YEAR_0, self.year0.clone()),
            (Self::STAFF_COSTING, self.staff_costing.text()),
            (Self::OPTIMISM_BIAS, self.optimism_bias.text()),
            (Self::PRICES, self.prices.clone()),
            (Self::ROUNDING, self.rounding.to_owned()),
        ]
    }
}

/// The conventions every output states, as name and text: [`Conventions::items`].
pub fn conventions(project: &Project) -> Vec<(&'static str, String)> {
    Conventions::of(project).items()
}

/// How a project type's uplift is worked out, in words: "Non-standard buildings: upper
/// bound 51% × (1 − 92% mitigated) = 4.08%".
pub fn type_uplift_working(name: &str, u: &TypeUplift) -> String {
    let mut text = format!(
        "{name}: upper bound {} × (1 − {} mitigated) = {}",
        format::percent(u.upper),
        format::percent(u.mitigation),
        format::percent(u.mitigated)
    );
    if u.at_lower_bound() {
        text.push_str(&format!(
            ", below the lower bound, so {}",
            format::percent(u.resultant)
        ));
    }
    if let Some(d) = u.duration {
        text.push_str(&format!(
            "; works duration {} (stated, not applied)",
            format::percent(d)
        ));
    }
    text
}

/// "; project types: …" with the working of each project type and mitigation in use.
fn project_types_used(project: &Project) -> String {
    let mut used: Vec<(&str, crate::model::Rate, usize)> = Vec::new();
    for line in project.partnerships.iter().flat_map(|p| &p.costs) {
        if let Optimism::ProjectType {
            project_type,
            mitigation,
        } = &line.optimism
        {
            match used
                .iter_mut()
                .find(|(t, m, _)| *t == project_type.as_str() && m == mitigation)
            {
                Some((_, _, count)) => *count += 1,
                None => used.push((project_type, *mitigation, 1)),
            }
        }
    }
    let workings: Vec<String> = used
        .iter()
        .filter_map(|(name, mitigation, count)| {
            let u = crate::appraisal::flows::type_uplift(project, name, *mitigation).ok()?;
            Some(format!(
                "{} ({})",
                type_uplift_working(name, &u),
                format::count(*count, "line", "lines")
            ))
        })
        .collect();
    if workings.is_empty() {
        String::new()
    } else {
        format!(
            "; project types (HM Treasury bounds): {}",
            workings.join("; ")
        )
    }
}

/// The lines entered in cash prices, as "Partnership: line", in project order.
pub fn deflated_lines(project: &Project) -> Vec<String> {
    let mut out = Vec::new();
    for p in &project.partnerships {
        let costs = p
            .costs
            .iter()
            .filter(|c| !c.prices.is_real())
            .map(|c| &c.name);
        let benefits = p
            .benefits
            .iter()
            .filter(|b| !b.prices.is_real())
            .map(|b| &b.name);
        out.extend(
            costs
                .chain(benefits)
                .map(|line| format!("{}: {line}", p.name)),
        );
    }
    out
}

/// What prices amounts are in, and which lines were deflated from cash prices.
fn prices(project: &Project) -> String {
    const NAMED: usize = 6;
    let base = project.settings.price_base_year;
    let lines = deflated_lines(project);
    if lines.is_empty() {
        return format!("every amount entered in real terms at {base} prices");
    }
    let source = if project.deflator_source.trim().is_empty() {
        "source not stated".to_owned()
    } else {
        project.deflator_source.trim().to_owned()
    };
    let mut named = lines
        .iter()
        .take(NAMED)
        .cloned()
        .collect::<Vec<_>>()
        .join("; ");
    if lines.len() > NAMED {
        named.push_str(&format!("; and {} more", lines.len() - NAMED));
    }
    format!(
        "{} entered in cash prices, deflated to {base} prices with the project's GDP deflators ({source}): {named}",
        format::count(lines.len(), "line", "lines"),
    )
}
