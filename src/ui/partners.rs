//! A partner and its rate card.

use super::widgets::{self, notes};
use crate::appraisal::{Diagnostic, Location, flows::hourly_rate};
use crate::format;
use crate::model::{
    Grade, Money, Named, PartnerKind, Pay, Project, name_problem, references_to, rename,
    unique_name,
};
use eframe::egui::{self, Grid, RichText, Ui};

pub enum Outcome {
    None,
    Changed,
    /// Delete this partner (asks first).
    Delete,
    /// Delete one of its grades, which lines refer to (asks first).
    DeleteGrade(usize),
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
    let mut delete_grade = None;
    let symbol = project.settings.currency_symbol.clone();
    egui::ScrollArea::vertical().id_salt(("partner", index)).show(ui, |ui| {
        widgets::heading(ui, "Partner");
        notes(ui, diagnostics, Location::Partner { partner: index });
        let mut name = project.partners[index].name.clone();
        let me = Named::Partner(index);
        Grid::new("partner").num_columns(2).spacing([12.0, 8.0]).show(ui, |ui| {
            if widgets::unique_name(ui, "Name", &mut name, |t| name_problem(project, &me, t)) {
                changed |= rename(project, &me, &name).is_ok();
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
        let mut remove = None;
        let mut renamed = None;
        for gi in 0..project.partners[index].grades.len() {
            ui.push_id(("grade", gi), |ui| {
                ui.horizontal_wrapped(|ui| {
                    let me = Named::Grade { partner: index, grade: gi };
                    let mut gname = project.partners[index].grades[gi].name.clone();
                    if widgets::unique_name(ui, "Grade", &mut gname, |t| name_problem(project, &me, t)) {
                        renamed = Some((me, gname));
                    }
                    let grade = &mut project.partners[index].grades[gi];
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
        if let Some((me, new)) = renamed {
            changed |= rename(project, &me, &new).is_ok();
        }
        if let Some(gi) = remove {
            let me = Named::Grade { partner: index, grade: gi };
            if references_to(project, &me).is_empty() {
                project.partners[index].grades.remove(gi);
                changed = true;
            } else {
                delete_grade = Some(gi);
            }
        }
        if ui.button("Add grade").clicked() {
            let grades = &mut project.partners[index].grades;
            let base = format!("Grade {}", grades.len() + 1);
            let name = unique_name(&base, grades.iter().map(|g| g.name.as_str()));
            grades.push(Grade { name, pay: Pay::Salary(Money::ZERO) });
            changed = true;
        }
    });
    if delete {
        Outcome::Delete
    } else if let Some(gi) = delete_grade {
        Outcome::DeleteGrade(gi)
    } else if changed {
        Outcome::Changed
    } else {
        Outcome::None
    }
}
