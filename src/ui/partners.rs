//! A partner and its rate card.

use super::widgets::{self, notes};
use crate::appraisal::{Diagnostic, Location, flows::hourly_rate};
use crate::format;
use crate::model::{Grade, Money, PartnerKind, Pay, Project, rename_grade, rename_partner};
use eframe::egui::{self, Grid, RichText, Ui};

pub enum Outcome {
    None,
    Changed,
    Delete,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum PayKind {
    Salary,
    Hourly,
}

pub fn show(
    ui: &mut Ui,
    project: &mut Project,
    index: usize,
    diagnostics: &[Diagnostic],
) -> Outcome {
    let mut changed = false;
    let mut delete = false;
    let symbol = project.settings.currency_symbol.clone();
    egui::ScrollArea::vertical().id_salt(("partner", index)).show(ui, |ui| {
        widgets::heading(ui, "Partner");
        notes(ui, diagnostics, Location::Partner { partner: index });
        let old_name = project.partners[index].name.clone();
        let mut name = old_name.clone();
        Grid::new("partner").num_columns(2).spacing([12.0, 8.0]).show(ui, |ui| {
            if widgets::name(ui, "Name", &mut name) {
                rename_partner(project, &old_name, &name);
                changed = true;
            }
            ui.end_row();
            let partner = &mut project.partners[index];
            changed |= widgets::choice(ui, "Kind", &mut partner.kind, &PartnerKind::ALL, |k| k.label().to_owned());
            ui.end_row();
        });
        if ui.button("Delete partner…").clicked() {
            delete = true;
        }

        widgets::heading(ui, "Rate card");
        ui.label(format!(
            "Hourly rates follow the staff costing convention ({}). A rate typed as hourly is used as it is.",
            project.settings.staff_costing.convention.label()
        ));
        let settings = project.settings.clone();
        let partner_name = project.partners[index].name.clone();
        let mut remove = None;
        let mut rename = None;
        for gi in 0..project.partners[index].grades.len() {
            ui.push_id(("grade", gi), |ui| {
                let grade = &mut project.partners[index].grades[gi];
                ui.horizontal(|ui| {
                    let mut gname = grade.name.clone();
                    if widgets::name(ui, "Grade", &mut gname) {
                        rename = Some((grade.name.clone(), gname));
                    }
                    let mut kind = match grade.pay {
                        Pay::Salary(_) => PayKind::Salary,
                        Pay::Hourly(_) => PayKind::Hourly,
                    };
                    let label = |k: PayKind| if k == PayKind::Salary { "Annual salary".to_owned() } else { "Hourly rate".to_owned() };
                    if widgets::choice(ui, "Pay given as", &mut kind, &[PayKind::Salary, PayKind::Hourly], label) {
                        grade.pay = match (kind, grade.pay) {
                            (PayKind::Salary, Pay::Hourly(m)) | (PayKind::Salary, Pay::Salary(m)) => Pay::Salary(m),
                            (PayKind::Hourly, Pay::Salary(m)) | (PayKind::Hourly, Pay::Hourly(m)) => Pay::Hourly(m),
                        };
                        changed = true;
                    }
                    match &mut grade.pay {
                        Pay::Salary(m) => changed |= widgets::money(ui, "Salary", m),
                        Pay::Hourly(m) => changed |= widgets::money(ui, "Per hour", m),
                    }
                    let rate = hourly_rate(&settings, grade)
                        .map(|r| format!("{} an hour", format::money(r, &symbol)))
                        .unwrap_or_else(|_| "cannot compute".into());
                    ui.label(RichText::new(rate).strong()).on_hover_text("The hourly rate used in the appraisal");
                    if widgets::remove_button(ui, "grade") {
                        remove = Some(gi);
                    }
                });
                notes(ui, diagnostics, Location::Grade { partner: index, grade: gi });
            });
        }
        if let Some((old, new)) = rename {
            rename_grade(project, &partner_name, &old, &new);
            changed = true;
        }
        if let Some(gi) = remove {
            project.partners[index].grades.remove(gi);
            changed = true;
        }
        if ui.button("Add grade").clicked() {
            let grades = &mut project.partners[index].grades;
            grades.push(Grade { name: format!("Grade {}", grades.len() + 1), pay: Pay::Salary(Money::ZERO) });
            changed = true;
        }
    });
    if delete {
        Outcome::Delete
    } else if changed {
        Outcome::Changed
    } else {
        Outcome::None
    }
}
