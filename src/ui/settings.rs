//! Project settings, the confidence-grade table, the assumptions log, and the
//! unit-value library with its deflators.

use super::widgets::{self, notes};
use crate::appraisal::{Diagnostic, Location};
use crate::model::{
    Assumption, ConfidenceGrade, CostingConvention, Deflator, DiscountSchedule, Money, Named,
    Project, Rate, UnitValue, Year0Convention, name_problem, references_to, rename, unique_name,
};
use eframe::egui::{self, Grid, RichText, Ui};
use rust_decimal::Decimal;

#[derive(Clone, Copy, PartialEq, Eq)]
enum ScheduleKind {
    Standard,
    Health,
    Custom,
}

/// The settings screen; returns true when changed. A confidence grade that lines refer
/// to is not removed here: `delete` asks for it to be (the app asks first).
pub fn show(
    ui: &mut Ui,
    project: &mut Project,
    diagnostics: &[Diagnostic],
    delete: &mut Option<Named>,
) -> bool {
    let mut changed = false;
    egui::ScrollArea::vertical().id_salt("settings").show(ui, |ui| {
        widgets::heading(ui, "Project settings");
        notes(ui, diagnostics, Location::Settings);
        Grid::new("project").num_columns(2).spacing([12.0, 8.0]).show(ui, |ui| {
            changed |= widgets::name(ui, "Project name", &mut project.name);
            ui.end_row();
        });
        changed |= widgets::paragraph(ui, "Description", &mut project.description);

        widgets::heading(ui, "Years and discounting");
        let s = &mut project.settings;
        Grid::new("years").num_columns(2).spacing([12.0, 8.0]).show(ui, |ui| {
            changed |= widgets::year(ui, "First year", &mut s.first_year);
            ui.end_row();
            changed |= widgets::whole(ui, "Horizon (years)", &mut s.horizon_years, crate::appraisal::MAX_HORIZON_YEARS);
            ui.end_row();
            changed |= widgets::year(ui, "Price base year", &mut s.price_base_year);
            ui.end_row();
            let mut kind = match s.discount {
                DiscountSchedule::Standard => ScheduleKind::Standard,
                DiscountSchedule::Health => ScheduleKind::Health,
                DiscountSchedule::Custom(_) => ScheduleKind::Custom,
            };
            let label = |k: ScheduleKind| match k {
                ScheduleKind::Standard => "Green Book standard (3.5%, declining)".to_owned(),
                ScheduleKind::Health => "Green Book health (1.5%, declining)".to_owned(),
                ScheduleKind::Custom => "Custom flat rate".to_owned(),
            };
            if widgets::choice(ui, "Discount schedule", &mut kind, &[ScheduleKind::Standard, ScheduleKind::Health, ScheduleKind::Custom], label) {
                s.discount = match kind {
                    ScheduleKind::Standard => DiscountSchedule::Standard,
                    ScheduleKind::Health => DiscountSchedule::Health,
                    ScheduleKind::Custom => DiscountSchedule::Custom(Rate(Decimal::new(35, 3))),
                };
                changed = true;
            }
            ui.end_row();
            if let DiscountSchedule::Custom(rate) = &mut s.discount {
                changed |= widgets::share(ui, "Flat discount rate", rate);
                ui.end_row();
            }
            changed |= widgets::choice(
                ui,
                "Year 0",
                &mut s.year0,
                &[Year0Convention::GreenBook, Year0Convention::DiscountFirstYear],
                |c| c.label().to_owned(),
            );
            ui.end_row();
            changed |= widgets::text(ui, "Currency symbol", &mut s.currency_symbol, 40.0);
            ui.end_row();
        });

        widgets::heading(ui, "Staff costing");
        ui.label("Hourly rate = employment cost / productive hours. The convention is printed with every result.");
        let c = &mut project.settings.staff_costing;
        Grid::new("staff_costing").num_columns(2).spacing([12.0, 8.0]).show(ui, |ui| {
            changed |= widgets::choice(ui, "Costing convention", &mut c.convention, &CostingConvention::ALL, |c| c.label().to_owned());
            ui.end_row();
            changed |= widgets::share(ui, "Employer NI rate", &mut c.employer_ni_rate);
            ui.end_row();
            changed |= widgets::money(ui, "NI threshold (a year)", &mut c.ni_threshold);
            ui.end_row();
            changed |= widgets::share(ui, "Employer pension rate", &mut c.pension_rate);
            ui.end_row();
            changed |= widgets::percent_up_to(ui, "Overhead rate (full cost)", &mut c.overhead_rate, Decimal::from(1000));
            ui.end_row();
            changed |= widgets::amount(ui, "Productive hours a year", &mut c.productive_hours_per_year);
            ui.end_row();
        });

        changed |= significance_test(ui, &mut project.significance);
        changed |= super::priorities::priorities(ui, project, diagnostics, delete);
        changed |= grades(ui, project, diagnostics, delete);
        changed |= project_types(ui, project, diagnostics);
        changed |= assumptions(ui, project);
    });
    changed
}

/// Which partnerships the annual review treats as significant: any test ticked that
/// finds a partnership so makes it significant.
fn significance_test(ui: &mut Ui, test: &mut crate::model::SignificanceTest) -> bool {
    let mut changed = false;
    widgets::heading(ui, "Significance test (annual review)");
    ui.label(
        "A partnership is significant if any test ticked finds it so. No figure depends on this.",
    );
    let mut spend = test.spend_threshold.is_some();
    if widgets::tick(
        ui,
        "Spend: present value of costs above a threshold",
        &mut spend,
    ) {
        test.spend_threshold = spend.then(|| crate::model::Money(Decimal::new(500_000, 0)));
        changed = true;
    }
    if let Some(threshold) = &mut test.spend_threshold {
        Grid::new("significance")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                changed |= widgets::money(ui, "Spend threshold", threshold);
                ui.end_row();
            });
    }
    changed |= widgets::tick(ui, "Statutory partnerships", &mut test.statutory);
    changed |= widgets::tick(
        ui,
        "Partnerships of high strategic risk",
        &mut test.high_risk,
    );
    changed
}

fn grades(
    ui: &mut Ui,
    project: &mut Project,
    diagnostics: &[Diagnostic],
    delete: &mut Option<Named>,
) -> bool {
    let mut changed = false;
    widgets::heading(ui, "Confidence grades (optimism bias)");
    ui.label("Each line's grade sets its cost uplift and benefit reduction. Cost uplifts never change a benefit.");
    let mut remove = None;
    let mut renamed = None;
    for i in 0..project.confidence_grades.len() {
        ui.push_id(("grade", i), |ui| {
            ui.horizontal_wrapped(|ui| {
                let me = Named::ConfidenceGrade(i);
                let mut name = project.confidence_grades[i].grade.clone();
                if widgets::unique_name(ui, "Grade", &mut name, |t| name_problem(project, &me, t)) {
                    renamed = Some((me, name));
                }
                let g = &mut project.confidence_grades[i];
                changed |= widgets::percent_up_to(
                    ui,
                    "Cost uplift",
                    &mut g.cost_uplift,
                    Decimal::from(1000),
                );
                changed |= widgets::share(ui, "Benefit reduction", &mut g.benefit_reduction);
                changed |= widgets::text(ui, "Descriptor", &mut g.descriptor, 320.0);
                if widgets::remove_button(ui, "grade") {
                    remove = Some(i);
                }
            });
            notes(ui, diagnostics, Location::ConfidenceGrade { index: i });
        });
    }
    if let Some((me, new)) = renamed {
        changed |= rename(project, &me, &new).is_ok();
    }
    if let Some(i) = remove {
        changed |= remove_or_ask(project, Named::ConfidenceGrade(i), delete);
    }
    if ui.button("Add grade").clicked() {
        let base = format!("{}", project.confidence_grades.len() + 1);
        let grade = unique_name(
            &base,
            project.confidence_grades.iter().map(|g| g.grade.as_str()),
        );
        project.confidence_grades.push(ConfidenceGrade {
            grade,
            cost_uplift: Rate::ZERO,
            benefit_reduction: Rate::ZERO,
            descriptor: String::new(),
        });
        changed = true;
    }
    changed
}

/// The optimism bias bounds by project type: HM Treasury's table, editable, with its
/// source. A type in use is renamed with the lines using it and cannot be removed.
fn project_types(ui: &mut Ui, project: &mut Project, diagnostics: &[Diagnostic]) -> bool {
    let mut changed = false;
    widgets::heading(ui, "Optimism bias by project type");
    ui.label("A cost line can take its uplift from a project type: the upper bound reduced by the share of its contributory factors mitigated, (1 − mitigation) × upper, never below the lower bound. Works duration bounds are shown for the board, not applied.");
    let mut remove = None;
    let mut renamed = None;
    let uses: Vec<usize> = {
        let counts = project.project_type_use_counts();
        project
            .project_types
            .iter()
            .map(|t| counts.get(t.name.as_str()).copied().unwrap_or(0))
            .collect()
    };
    for i in 0..project.project_types.len() {
        ui.push_id(("project_type", i), |ui| {
            ui.horizontal_wrapped(|ui| {
                let mut name = project.project_types[i].name.clone();
                let taken: Vec<String> = project
                    .project_types
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| *k != i)
                    .map(|(_, t)| t.name.clone())
                    .collect();
                if widgets::unique_name(ui, "Project type", &mut name, |t| {
                    taken
                        .iter()
                        .any(|n| n == t)
                        .then(|| format!("another project type is already called '{t}'"))
                }) {
                    renamed = Some((project.project_types[i].name.clone(), name));
                }
                let uses = uses.get(i).copied().unwrap_or(0);
                if uses > 0 {
                    ui.label(
                        RichText::new(format!(
                            "used by {}",
                            crate::format::count(uses, "line", "lines")
                        ))
                        .small(),
                    );
                } else if widgets::remove_button(ui, "project type") {
                    remove = Some(i);
                }
            });
            ui.horizontal_wrapped(|ui| {
                ui.add_space(16.0);
                let t = &mut project.project_types[i];
                let most = Decimal::from(1000);
                changed |= widgets::percent_up_to(ui, "Capital upper", &mut t.capital_upper, most);
                changed |= widgets::percent_up_to(ui, "Capital lower", &mut t.capital_lower, most);
                for (label, bound) in [
                    ("Duration upper", &mut t.duration_upper),
                    ("Duration lower", &mut t.duration_lower),
                ] {
                    let mut rate = bound.unwrap_or(Rate::ZERO);
                    if widgets::percent_up_to(ui, label, &mut rate, most) {
                        *bound = Some(rate);
                        changed = true;
                    }
                }
            });
            notes(ui, diagnostics, Location::ProjectType { index: i });
        });
    }
    if let Some((old, new)) = renamed {
        project.rename_project_type(&old, &new);
        changed = true;
    }
    if let Some(i) = remove {
        project.project_types.remove(i);
        changed = true;
    }
    ui.horizontal(|ui| {
        if ui.button("Add project type").clicked() {
            let name = unique_name(
                "New project type",
                project.project_types.iter().map(|t| t.name.as_str()),
            );
            project.project_types.push(crate::model::ProjectType {
                name,
                capital_upper: Rate::ZERO,
                capital_lower: Rate::ZERO,
                duration_upper: None,
                duration_lower: None,
                source: String::new(),
            });
            changed = true;
        }
        let standard = crate::model::default_project_types();
        if project.project_types != standard
            && ui
                .button("Restore HM Treasury's table")
                .on_hover_text("Puts back HM Treasury's bounds; types you added are kept and types in use are kept")
                .clicked()
        {
            for t in standard {
                match project.project_types.iter_mut().find(|x| x.name == t.name) {
                    Some(x) => *x = t,
                    None => project.project_types.push(t),
                }
            }
            changed = true;
        }
    });
    ui.label(RichText::new(format!("Source: {}", crate::model::PROJECT_TYPES_SOURCE)).small());
    changed
}

/// Removes a thing nothing refers to at once (true: changed); for one that lines refer
/// to, asks the app to confirm what happens to them.
pub(super) fn remove_or_ask(
    project: &mut Project,
    named: Named,
    delete: &mut Option<Named>,
) -> bool {
    if references_to(project, &named).is_empty() {
        crate::model::delete_with_references(project, &named);
        true
    } else {
        *delete = Some(named);
        false
    }
}

fn assumptions(ui: &mut Ui, project: &mut Project) -> bool {
    let mut changed = false;
    widgets::heading(ui, "Assumptions log");
    let mut remove = None;
    for (i, a) in project.assumptions.iter_mut().enumerate() {
        ui.push_id(("assumption", i), |ui| {
            ui.horizontal_wrapped(|ui| {
                changed |= widgets::text(ui, "Assumption", &mut a.text, 320.0);
                changed |= widgets::text(ui, "Source", &mut a.source, 200.0);
                changed |= widgets::text(ui, "Owner", &mut a.owner, 110.0);
                changed |= widgets::text(ui, "Date", &mut a.date, 90.0);
                if widgets::remove_button(ui, "assumption") {
                    remove = Some(i);
                }
            });
        });
    }
    if let Some(i) = remove {
        project.assumptions.remove(i);
        changed = true;
    }
    if ui.button("Add assumption").clicked() {
        project.assumptions.push(Assumption {
            text: "New assumption".into(),
            source: String::new(),
            owner: String::new(),
            date: String::new(),
        });
        changed = true;
    }
    changed
}

/// The library screen; returns (changed, import asked for). A unit value that outcome
/// chains use is not removed here: `delete` asks for it to be.
pub fn library(
    ui: &mut Ui,
    project: &mut Project,
    diagnostics: &[Diagnostic],
    delete: &mut Option<Named>,
) -> (bool, bool) {
    let mut changed = false;
    let mut import = false;
    let partner_names: Vec<String> = std::iter::once(String::new())
        .chain(project.partners.iter().map(|p| p.name.clone()))
        .collect();
    egui::ScrollArea::vertical().id_salt("library").show(ui, |ui| {
        widgets::heading(ui, "Unit-value library");
        ui.label(format!(
            "Values are rebased to {} prices with the GDP deflators below. Outcome chains pick values from here.",
            project.settings.price_base_year
        ));
        let mut remove = None;
        let mut renamed = None;
        for i in 0..project.unit_values.len() {
            ui.push_id(("unit_value", i), |ui| {
                ui.horizontal_wrapped(|ui| {
                    let me = Named::UnitValue(i);
                    let mut name = project.unit_values[i].name.clone();
                    if widgets::unique_name(ui, "Name", &mut name, |t| name_problem(project, &me, t)) {
                        renamed = Some((me, name));
                    }
                    let u = &mut project.unit_values[i];
                    changed |= widgets::money(ui, "Value", &mut u.value);
                    changed |= widgets::year(ui, "Price year", &mut u.price_year);
                    let mut partner = u.partner.clone().unwrap_or_default();
                    if widgets::name_choice(ui, "Agency", &mut partner, &partner_names) {
                        u.partner = Some(partner).filter(|p| !p.is_empty());
                        changed = true;
                    }
                    if widgets::remove_button(ui, "unit value") {
                        remove = Some(i);
                    }
                });
                ui.horizontal_wrapped(|ui| {
                    changed |= widgets::text(ui, "Source", &mut project.unit_values[i].source, 520.0);
                });
                notes(ui, diagnostics, Location::UnitValue { index: i });
                ui.separator();
            });
        }
        if let Some((me, new)) = renamed {
            changed |= rename(project, &me, &new).is_ok();
        }
        if let Some(i) = remove {
            changed |= remove_or_ask(project, Named::UnitValue(i), delete);
        }
        if ui
            .button("Import unit costs from CSV…")
            .on_hover_text("Name, value, price year, partner or agency, source: the shape of a unit cost database export")
            .clicked()
        {
            import = true;
        }
        if ui.button("Add unit value").clicked() {
            let base = format!("Unit value {}", project.unit_values.len() + 1);
            project.unit_values.push(UnitValue {
                name: unique_name(&base, project.unit_values.iter().map(|u| u.name.as_str())),
                value: Money::ZERO,
                price_year: project.settings.price_base_year,
                partner: None,
                source: String::new(),
            });
            changed = true;
        }

        widgets::heading(ui, "GDP deflators");
        ui.label("real = nominal × deflator(price base year) / deflator(price year). Unit values in an older price year, and lines entered in cash prices, are brought to the price base year with these.");
        ui.horizontal_wrapped(|ui| {
            changed |= widgets::text(
                ui,
                "Source and date",
                &mut project.deflator_source,
                480.0,
            );
        });
        let mut remove = None;
        for (i, d) in project.deflators.iter_mut().enumerate() {
            ui.push_id(("deflator", i), |ui| {
                ui.horizontal_wrapped(|ui| {
                    changed |= widgets::year(ui, "Year", &mut d.year);
                    changed |= widgets::amount(ui, "Index", &mut d.index);
                    if widgets::remove_button(ui, "deflator") {
                        remove = Some(i);
                    }
                });
                notes(ui, diagnostics, Location::Deflator { index: i });
            });
        }
        if let Some(i) = remove {
            project.deflators.remove(i);
            changed = true;
        }
        if ui.button("Add deflator").clicked() {
            let year = crate::model::next_deflator_year(project);
            project.deflators.push(Deflator { year, index: Decimal::ONE_HUNDRED });
            project.deflators.sort_by_key(|d| d.year);
            changed = true;
        }
        ui.add_space(8.0);
        ui.label(RichText::new("Deflators are indices such as HM Treasury's GDP deflator series; only their ratios matter.").small());
    });
    (changed, import)
}
