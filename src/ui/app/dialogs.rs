//! The dialog in front of the window: unsaved changes, deleting a partnership, a
//! message, help, the recovery offer and a file changed by another program. Deleting
//! what others refer to is asked by `deletion.rs`.

use super::{Dialog, PartnershipApp, View};
use crate::ui::recovery::describe_time;
use eframe::egui::{self, RichText, Ui};
use std::path::Path;

impl PartnershipApp {
    pub(super) fn dialogs(&mut self, ctx: &egui::Context) {
        let Some(dialog) = self.dialog.clone() else {
            return;
        };
        if !self.dialog_shown() {
            // The recovery offer waits until the file being opened is ready.
            return;
        }
        let mut close = false;
        egui::Modal::new(egui::Id::unique("dialog")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            match &dialog {
                Dialog::Unsaved(then) => {
                    ui.heading("Save changes first?");
                    ui.label(format!(
                        "{} has unsaved changes. What should happen to them?",
                        self.doc.display_name()
                    ));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() {
                            close = true;
                            self.save_then(then.clone());
                        }
                        if ui
                            .button("Discard")
                            .on_hover_text("Lose the unsaved changes")
                            .clicked()
                        {
                            close = true;
                            self.proceed(then.clone());
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                }
                Dialog::Delete(d) => close = self.deletion_dialog(ui, d),
                Dialog::DeletePartnership(i) => {
                    let name = self
                        .doc
                        .project
                        .partnerships
                        .get(*i)
                        .map(|p| p.name.clone())
                        .unwrap_or_default();
                    ui.heading(format!("Delete the partnership '{name}'?"));
                    ui.label("Its costs, benefits and assessments go with it. You can undo this.");
                    ui.horizontal(|ui| {
                        if ui.button("Delete").clicked() {
                            close = true;
                            let i = *i;
                            self.doc.apply(|p| {
                                if i < p.partnerships.len() {
                                    p.partnerships.remove(i);
                                }
                            });
                            self.view = View::Portfolio;
                            self.status = format!("Deleted the partnership '{name}'");
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                }
                Dialog::Message {
                    title,
                    text,
                    save_as,
                } => {
                    ui.heading(title);
                    ui.label(text);
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if *save_as && ui.button("Save as…").clicked() {
                            close = true;
                            self.save_as();
                        }
                        if ui.button("OK").clicked() {
                            close = true;
                        }
                    });
                }
                Dialog::Help => {
                    crate::ui::help::show(ui);
                    if ui.button("Close").clicked() {
                        close = true;
                    }
                }
                Dialog::Recover => close = self.recovery_dialog(ui),
                Dialog::FileChanged(path) => close = self.file_changed_dialog(ui, path),
                Dialog::SetBaseline(draft) => close = self.baseline_dialog(ui, draft),
            }
            if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                close = true;
            }
        });
        if close && self.dialog.as_ref() == Some(&dialog) {
            self.dialog = None;
        }
    }
    /// Sets the baseline: a name and a date, and a word first when it replaces one.
    /// Returns true when the dialog should close.
    fn baseline_dialog(&mut self, ui: &mut Ui, draft: &crate::ui::state::BaselineDraft) -> bool {
        let mut draft = draft.clone();
        let mut close = false;
        ui.heading("Set as baseline");
        ui.label(
            "The project's inputs as they stand now are kept as the approved appraisal. \
             Actuals are measured against it; the forecast stays as it is. You can undo this.",
        );
        ui.add_space(6.0);
        egui::Grid::new("baseline fields")
            .num_columns(2)
            .show(ui, |ui| {
                let label = ui.label("Baseline name");
                ui.add(egui::TextEdit::singleline(&mut draft.name).desired_width(320.0))
                    .labelled_by(label.id);
                ui.end_row();
                let label = ui.label("Date approved");
                ui.add(egui::TextEdit::singleline(&mut draft.date).desired_width(120.0))
                    .labelled_by(label.id);
                ui.end_row();
            });
        if let Some(error) = &draft.error {
            ui.label(RichText::new(error).color(crate::ui::widgets::error_colour(ui.visuals())));
        }
        let confirm = match &draft.replaces {
            Some(old) => {
                ui.label(RichText::new(format!("This replaces the baseline {old}.")).strong());
                "Replace the baseline"
            }
            None => "Set as baseline",
        };
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button(confirm).clicked() {
                match crate::model::Date::parse(&draft.date) {
                    Ok(date) if !draft.name.trim().is_empty() => {
                        let name = draft.name.trim().to_owned();
                        self.doc.apply(|p| {
                            p.baseline = Some(crate::model::Shared::new(
                                crate::model::Baseline::of(p, &name, date),
                            ));
                        });
                        self.status = format!("Baseline set: {name}");
                        close = true;
                    }
                    Ok(_) => draft.error = Some("give the baseline a name".to_owned()),
                    Err(e) => draft.error = Some(e),
                }
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
        if !close {
            self.dialog = Some(Dialog::SetBaseline(draft));
        }
        close
    }
    pub(in crate::ui) fn show_message(&mut self, title: &str, text: &str, save_as: bool) {
        self.dialog = Some(Dialog::Message {
            title: title.into(),
            text: text.into(),
            save_as,
        });
        self.status = title.into();
    }
    /// A dialog is in front of the window (the recovery offer waits while a file opens).
    pub(super) fn dialog_shown(&self) -> bool {
        match &self.dialog {
            Some(Dialog::Recover) => self.loading.is_none(),
            Some(_) => true,
            None => false,
        }
    }

    /// The dialog offering a recovery file. Returns true when it should close.
    fn recovery_dialog(&mut self, ui: &mut Ui) -> bool {
        let Some(offer) = self.recovery.offers.first() else {
            return true;
        };
        ui.heading("Restore unsaved work?");
        ui.label(format!(
            "Partnership Appraisal stopped before changes to {} were saved. They were kept on {}.",
            offer.describe(),
            describe_time(offer.meta.saved_at)
        ));
        if let Some(path) = &offer.meta.original {
            ui.label(RichText::new(path.display().to_string()).small());
        }
        ui.label("Restore opens them as unsaved changes: save to keep them. Discard deletes them.");
        for problem in &self.recovery.problems {
            ui.label(RichText::new(problem).small());
        }
        ui.add_space(8.0);
        let mut close = false;
        ui.horizontal(|ui| {
            if ui.button("Restore").clicked() {
                close = true;
                self.restore_recovered();
            }
            if ui
                .button("Discard")
                .on_hover_text("Delete the recovered changes")
                .clicked()
            {
                self.discard_recovered();
                // The next offer, if any, is shown in this same dialog.
                close = self.recovery.offers.is_empty();
            }
        });
        close
    }
    /// The question asked before saving over a file another program changed.
    fn file_changed_dialog(&mut self, ui: &mut Ui, path: &Path) -> bool {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        ui.heading("The file was changed by another program");
        ui.label(format!(
            "{name} has changed on disk since it was opened or last saved here. Saving now replaces \
             those changes with the project as it is here."
        ));
        ui.label(RichText::new(path.display().to_string()).small());
        ui.add_space(8.0);
        let mut close = false;
        ui.horizontal(|ui| {
            if ui.button("Overwrite").clicked() {
                close = true;
                self.overwrite_changed_file(path);
            }
            if ui.button("Save as…").clicked() {
                close = true;
                // Choosing this same file in the save dialog is the user's own overwrite.
                self.guard.stamp = None;
                self.save_as();
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
        close
    }
}
