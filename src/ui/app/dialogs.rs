//! The dialog in front of the window: unsaved changes, deleting a partnership, a
//! message, help, and (drawn by their own modules) deleting what others refer to, the
//! recovery offer and a file changed by another program.

use super::{Dialog, PartnershipApp, View};
use eframe::egui;

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
            }
            if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                close = true;
            }
        });
        if close && self.dialog.as_ref() == Some(&dialog) {
            self.dialog = None;
        }
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
}
