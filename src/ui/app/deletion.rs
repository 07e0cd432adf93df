//! The confirmation before deleting something other parts of the project name: how many
//! lines refer to it and where, and whether to move them elsewhere or delete them too.
//! The counting, moving and deleting are the model's (`model::references`); this only
//! asks, and makes the answer one undo step.

use super::{Dialog, PartnershipApp, View};
use crate::model::{Named, delete_moving_references, delete_with_references};
use crate::ui::state::Deletion;
use crate::ui::widgets;
use eframe::egui::Ui;

/// What the dialog's answer was.
enum Answer {
    Move(String),
    DeleteToo,
    Cancel,
}

impl PartnershipApp {
    /// Deletes `named` at once when nothing refers to it (a partner is always asked
    /// about); otherwise asks what to do with what refers to it.
    pub fn ask_to_delete(&mut self, named: Named) {
        let Some(deletion) = Deletion::of(&self.doc.project, named) else {
            return;
        };
        if deletion.references == 0 && !matches!(deletion.named, Named::Partner(_)) {
            let named = deletion.named.clone();
            self.doc.apply(|p| {
                delete_with_references(p, &named);
            });
            self.status = format!("Deleted the {} '{}'", named.what(), deletion.name);
        } else {
            self.dialog = Some(Dialog::Delete(deletion));
        }
    }

    /// Draws the confirmation; true once it is answered.
    pub(super) fn deletion_dialog(&mut self, ui: &mut Ui, d: &Deletion) -> bool {
        let what = d.named.what();
        ui.heading(format!("Delete the {what} '{}'?", d.name));
        ui.label(&d.summary);
        let answer = if d.references == 0 {
            plain_buttons(ui)
        } else {
            self.choices(ui, d)
        };
        ui.label("You can undo this.");
        let Some(answer) = answer else {
            return false;
        };
        let named = d.named.clone();
        match answer {
            Answer::Cancel => return true,
            Answer::Move(to) => {
                let mut moved = Ok(0);
                self.doc
                    .apply(|p| moved = delete_moving_references(p, &named, &to));
                self.status = match moved {
                    Ok(n) => format!("Deleted the {what} '{}': {n} moved to {to}", d.name),
                    Err(e) => format!("Nothing deleted: {e}"),
                };
            }
            Answer::DeleteToo => {
                self.doc.apply(|p| {
                    delete_with_references(p, &named);
                });
                self.status = format!("Deleted the {what} '{}' and what referred to it", d.name);
            }
        }
        if matches!(named, Named::Partner(_)) {
            self.view = View::Portfolio;
        }
        true
    }

    /// Move to another (chosen here), delete them too, or cancel.
    fn choices(&mut self, ui: &mut Ui, d: &Deletion) -> Option<Answer> {
        let option = matches!(d.named, Named::Option { .. });
        let mut answer = None;
        if !d.replacements.is_empty() {
            let mut to = d.to.clone();
            let label = if option {
                "Prefer instead"
            } else {
                "Move them to"
            };
            ui.horizontal(|ui| {
                if widgets::name_choice(ui, label, &mut to, &d.replacements)
                    && let Some(Dialog::Delete(open)) = &mut self.dialog
                {
                    open.to.clone_from(&to);
                }
            });
            if matches!(d.named, Named::Partner(_)) {
                ui.label(format!(
                    "Staff time keeps its grade: a grade {to} does not have is added to its rate card with its pay."
                ));
            }
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if !d.replacements.is_empty() {
                let text = if option {
                    format!("Prefer {} and delete", d.to)
                } else {
                    format!("Move to {} and delete", d.to)
                };
                if ui.button(text).clicked() {
                    answer = Some(Answer::Move(d.to.clone()));
                }
            }
            let too = if option {
                "Delete and prefer none"
            } else if matches!(d.named, Named::Priority(_)) {
                "Delete; the objectives serve none"
            } else {
                "Delete them too"
            };
            if ui.button(too).clicked() {
                answer = Some(Answer::DeleteToo);
            }
            if ui.button("Cancel").clicked() {
                answer = Some(Answer::Cancel);
            }
        });
        answer
    }
}

fn plain_buttons(ui: &mut Ui) -> Option<Answer> {
    let mut answer = None;
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button("Delete").clicked() {
            answer = Some(Answer::DeleteToo);
        }
        if ui.button("Cancel").clicked() {
            answer = Some(Answer::Cancel);
        }
    });
    answer
}
