//! The partnership editor: register details, costs, benefits, impacts and the 7S.
//! `show` draws the tab chosen; each tab has its own file (`register.rs` with the
//! governance check and risks, `costs.rs`, `benefits.rs`, `impacts.rs` with the 7S,
//! `options.rs`, `review.rs`, `objectives.rs`), pasting rows from a spreadsheet is `paste.rs`, and the
//! field groups the tabs share are `fields.rs`.

mod actuals;
mod benefits;
mod costs;
mod fields;
mod impacts;
mod objectives;
mod options;
mod paste;
mod register;
mod review;

use super::state::Section;
use crate::appraisal::{Diagnostic, Location};
use crate::model::Project;
pub use actuals::Shown as ActualsShown;
use benefits::benefits;
use costs::costs;
use eframe::egui::{self, RichText, Ui};
use impacts::{impacts, seven_s};
pub use objectives::rating_colour;
use options::{edit_option, options};
use paste::paste_rows;
use register::register;
use rust_decimal::Decimal;

pub enum Outcome {
    None,
    Changed,
    Delete,
    Duplicate,
    /// Delete an option that is the preferred one (asks first).
    DeleteOption(usize),
}

/// Present values of each line, from the cached appraisal, to show beside the lines; and
/// the partnership's significance finding, in words, for the Register tab.
#[derive(Default)]
pub struct LineValues {
    pub costs: Vec<Decimal>,
    pub benefits: Vec<Decimal>,
    pub significance: Option<String>,
    /// The partnership's actuals against plan, for the Actuals tab.
    pub actuals: Option<actuals::Shown>,
}

/// Names the editor offers in drop-downs.
struct Names {
    partners: Vec<String>,
    grades: Vec<(String, Vec<String>)>,
    confidence: Vec<String>,
    project_types: Vec<crate::model::ProjectType>,
    unit_values: Vec<String>,
    horizon: u32,
    first_year: crate::model::FinancialYear,
    symbol: String,
    /// Productive hours in one full-time equivalent's year.
    productive_hours: Decimal,
}

impl Names {
    fn of(project: &Project) -> Self {
        Names {
            partners: project.partners.iter().map(|p| p.name.clone()).collect(),
            grades: project
                .partners
                .iter()
                .map(|p| {
                    (
                        p.name.clone(),
                        p.grades.iter().map(|g| g.name.clone()).collect(),
                    )
                })
                .collect(),
            confidence: project
                .confidence_grades
                .iter()
                .map(|g| g.grade.clone())
                .collect(),
            project_types: project.project_types.clone(),
            unit_values: project.unit_values.iter().map(|u| u.name.clone()).collect(),
            horizon: crate::appraisal::horizon(&project.settings),
            productive_hours: project.settings.staff_costing.productive_hours_per_year,
            first_year: project.settings.first_year,
            symbol: project.settings.currency_symbol.clone(),
        }
    }

    fn grades_of(&self, partner: &str) -> Vec<String> {
        self.grades
            .iter()
            .find(|(p, _)| p == partner)
            .map(|(_, g)| g.clone())
            .unwrap_or_default()
    }
}

/// Draws the analysis sections (uncertainty, fair shares) that need more than the model.
pub type Analysis<'a> = dyn FnMut(&mut Ui, &mut Project, usize, Section) -> bool + 'a;

#[allow(clippy::too_many_arguments)]
pub fn show(
    ui: &mut Ui,
    project: &mut Project,
    index: usize,
    section: &mut Section,
    diagnostics: &[Diagnostic],
    focus: Option<Location>,
    values: &LineValues,
    analysis: &mut Analysis<'_>,
) -> Outcome {
    let names = Names::of(project);
    let mut outcome = Outcome::None;
    let mut changed = false;
    let title = project.partnerships[index].name.clone();
    ui.add(egui::Label::new(RichText::new(title).size(22.0).strong()).wrap());
    ui.horizontal_wrapped(|ui| {
        for s in Section::ALL {
            ui.selectable_value(section, s, s.label());
        }
        ui.separator();
        if ui
            .button("Duplicate")
            .on_hover_text("Add a copy of this partnership")
            .clicked()
        {
            outcome = Outcome::Duplicate;
        }
        if ui
            .button("Delete…")
            .on_hover_text("Delete this partnership (asks first)")
            .clicked()
        {
            outcome = Outcome::Delete;
        }
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt(("partnership", index, section.label()))
        .show(ui, |ui| {
            ui.push_id(("partnership", index), |ui| {
                if matches!(section, Section::Uncertainty | Section::FairShares) {
                    changed |= analysis(ui, project, index, *section);
                    return;
                }
                if matches!(section, Section::Costs | Section::Benefits) {
                    changed |= paste_rows(ui, project, index, *section == Section::Costs);
                }
                // Names the partnership's own must differ from (only the register edits it).
                let others: Vec<String> = if *section == Section::Register {
                    let all = project.partnerships.iter().enumerate();
                    all.filter(|(i, _)| *i != index)
                        .map(|(_, s)| s.name.clone())
                        .collect()
                } else {
                    Vec::new()
                };
                let priorities: Vec<String> =
                    project.priorities.iter().map(|x| x.name.clone()).collect();
                let p = &mut project.partnerships[index];
                // Contributions to objectives follow a cost line renamed or removed here.
                let line_names: Vec<String> = p.costs.iter().map(|c| c.name.clone()).collect();
                let cost_at = |line| Location::Cost {
                    partnership: index,
                    line,
                };
                let benefit_at = |line| Location::Benefit {
                    partnership: index,
                    line,
                };
                match section {
                    Section::Register => {
                        let finding = values.significance.as_deref();
                        changed |= register(ui, p, &names, diagnostics, index, &others, finding)
                    }
                    Section::Costs => {
                        let before: Vec<String> = p.costs.iter().map(|c| c.name.clone()).collect();
                        changed |= costs(
                            ui,
                            &mut p.costs,
                            &names,
                            diagnostics,
                            &cost_at,
                            focus,
                            &values.costs,
                        );
                        let after = p.costs.iter().map(|c| c.name.as_str());
                        actuals::follow_renames(&mut p.actuals, true, &before, after);
                        crate::model::follow_cost_lines(p, &line_names);
                    }
                    Section::Benefits => {
                        let before: Vec<String> =
                            p.benefits.iter().map(|b| b.name.clone()).collect();
                        changed |= benefits(
                            ui,
                            &mut p.benefits,
                            &names,
                            diagnostics,
                            &benefit_at,
                            focus,
                            &values.benefits,
                        );
                        let after = p.benefits.iter().map(|b| b.name.as_str());
                        actuals::follow_renames(&mut p.actuals, false, &before, after);
                    }
                    Section::Impacts => changed |= impacts(ui, &mut p.impacts, diagnostics, index),
                    Section::SevenS => changed |= seven_s(ui, &mut p.seven_s),
                    Section::Options => {
                        let edit = options(ui, p, &names, diagnostics, index, focus);
                        match edit_option(project, index, edit) {
                            Outcome::Changed => changed = true,
                            Outcome::None => {}
                            other => outcome = other,
                        }
                    }
                    Section::Review => {
                        let today = review::today();
                        changed |= review::reviews(ui, p, diagnostics, index, today)
                    }
                    Section::Actuals => {
                        changed |= actuals::actuals(
                            ui,
                            p,
                            names.first_year,
                            names.horizon,
                            &names.symbol,
                            values.actuals.as_ref(),
                        )
                    }
                    Section::Objectives => {
                        changed |=
                            objectives::objectives(ui, p, &priorities, &names, diagnostics, index)
                    }
                    Section::Uncertainty | Section::FairShares => {}
                }
            });
        });
    match outcome {
        Outcome::None if changed => Outcome::Changed,
        other => other,
    }
}
