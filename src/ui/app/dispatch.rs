//! Command dispatch: a command from a menu, a shortcut or a button carried out, and the
//! question about unsaved changes before New, Open or Quit.

use super::file_actions::FileFor;
use super::{Dialog, PartnershipApp, Section, Then, View};
use crate::file;
use crate::model::{Partner, PartnerKind, Partnership, Project, unique_name};
use crate::ui::commands::Command;
use crate::ui::document::Document;
use crate::ui::files::{self, Picked};
use eframe::egui::{self, ViewportCommand};

impl PartnershipApp {
    pub(super) fn execute(&mut self, ctx: &egui::Context, command: Command) {
        if refused_while_loading(command) && self.refuse_while_loading() {
            return;
        }
        let writes_or_replaces = matches!(
            command,
            Command::New | Command::Open | Command::Save | Command::SaveAs
        );
        if writes_or_replaces && self.refuse_while_saving() {
            return;
        }
        match command {
            Command::New => self.guard(Then::New),
            Command::Open => self.guard(Then::Open(None)),
            Command::Save => {
                self.save();
            }
            Command::SaveAs => {
                self.save_as();
            }
            Command::Quit => ctx.send_viewport_cmd(ViewportCommand::Close),
            Command::Undo => {
                self.doc.undo();
                self.status = "Undone".into();
            }
            Command::Redo => {
                self.doc.redo();
                self.status = "Redone".into();
            }
            Command::AddPartnership => {
                let name = unique_name(
                    "New partnership",
                    self.doc
                        .project
                        .partnerships
                        .iter()
                        .map(|p| p.name.as_str()),
                );
                self.doc
                    .apply(|p| p.partnerships.push(Partnership::new(name)));
                self.view = View::Partnership(self.doc.project.partnerships.len() - 1);
                self.section = Section::Register;
            }
            Command::AddPartner => {
                let name = unique_name(
                    "New partner",
                    self.doc.project.partners.iter().map(|p| p.name.as_str()),
                );
                self.doc
                    .apply(|p| p.partners.push(Partner::new(name, PartnerKind::Council)));
                self.view = View::Partner(self.doc.project.partners.len() - 1);
            }
            Command::ShowPortfolio => self.view = View::Portfolio,
            Command::ShowNetwork => self.view = View::Network,
            Command::ShowAnnualReview => self.view = View::Annual,
            Command::ShowDeliveryChain => self.view = View::DeliveryChain,
            Command::ShowSettings => self.view = View::Settings,
            Command::ToggleResults => {
                let hidden = self.results_hidden || self.results_hidden_narrow;
                self.results_hidden = !hidden;
                self.results_hidden_narrow = false;
            }
            Command::ToggleTheme => {
                let dark = ctx.global_style().visuals.dark_mode;
                ctx.set_theme(if dark {
                    egui::Theme::Light
                } else {
                    egui::Theme::Dark
                });
            }
            Command::Help => {
                // Not over the recovery offer waiting behind the loading screen.
                if self.dialog.is_none() {
                    self.dialog = Some(Dialog::Help);
                }
            }
            Command::Present => {
                self.doc.commit_pending();
                let source = self.doc.committed();
                self.presentation = Some(crate::ui::present::Presentation::of(source));
                ctx.send_viewport_cmd(ViewportCommand::Fullscreen(true));
            }
            Command::ExportXlsx | Command::ExportCsv | Command::ExportHtml => self.export(command),
            Command::ExportDocx | Command::ExportReviewDocx | Command::ExportReviewCsv => {
                self.export(command)
            }
            Command::ShowReport => self.view = View::Report,
            Command::CompareWithSaved => self.compare_with_saved(),
            Command::CompareWithBaseline => self.compare_with_baseline(),
            Command::CompareWithFile => self.compare_with_file(),
            Command::RemoveBaseline => {
                if self.doc.project.baseline.is_some() {
                    self.doc.apply(|p| p.baseline = None);
                    self.status = "Baseline removed (Ctrl+Z undoes it)".into();
                }
            }
            Command::SetBaseline => {
                if self.dialog.is_none() {
                    self.dialog = Some(Dialog::SetBaseline(crate::ui::state::BaselineDraft::new(
                        self.doc.project.baseline.as_deref(),
                    )));
                }
            }
        }
    }
    /// Does `then` now, or first asks what to do with unsaved changes.
    pub fn guard(&mut self, then: Then) {
        if then != Then::Quit && self.refuse_while_loading() {
            return;
        }
        if self.refuse_while_saving() {
            return;
        }
        if self.doc.is_dirty() {
            self.dialog = Some(Dialog::Unsaved(then));
        } else {
            self.proceed(then);
        }
    }
    pub(super) fn proceed(&mut self, then: Then) {
        match then {
            Then::New => {
                self.release_file();
                self.doc = Document::untitled(Project::new("New project"));
                self.view = View::Settings;
                self.status = "New project".into();
            }
            Then::Open(Some(path)) => self.open_path(&path),
            Then::Open(None) => {
                let near = self.folder();
                match self.picker.pick_open(&files::PROJECT_FILE, near.as_deref()) {
                    Picked::Path(path) => self.open_path(&path),
                    Picked::Cancelled => {}
                    Picked::Unavailable => self.choose(FileFor::Open),
                }
            }
            Then::OpenExample(i) => {
                if let Some((name, text)) = files::EXAMPLES.get(i) {
                    match file::parse(text) {
                        Ok(project) => {
                            self.release_file();
                            self.doc = Document::untitled(project);
                            self.view = View::Portfolio;
                            self.status = format!(
                                "Opened the example '{name}': Save as… to keep your changes"
                            );
                        }
                        Err(e) => self.show_message(
                            "The example could not be opened",
                            &e.to_string(),
                            false,
                        ),
                    }
                }
            }
            Then::Quit => {
                // Saved or discarded: either way the recovery file has done its job.
                self.discard_recovery_file();
                self.allow_close = true;
                self.queued.push(Command::Quit);
            }
        }
    }
    pub(super) fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        // Presenting shows no edit widgets, so no edit shortcuts either (Esc leaves).
        if self.dialog_shown() || self.presentation.is_some() {
            return;
        }
        // Shortcuts with more modifiers first, so Ctrl+Shift+Z is not taken as Ctrl+Z.
        let mut all: Vec<(egui::KeyboardShortcut, Command)> = Command::ALL
            .iter()
            .flat_map(|c| c.shortcuts().iter().map(move |s| (*s, *c)))
            .collect();
        all.sort_by_key(|(s, _)| {
            std::cmp::Reverse(s.modifiers.shift as u8 + s.modifiers.alt as u8)
        });
        for (shortcut, command) in all {
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.queued.push(command);
            }
        }
    }
}

/// Commands that change, replace or write out the project: while a file is opening they
/// are refused, so nothing acts on a project about to be replaced.
fn refused_while_loading(command: Command) -> bool {
    !matches!(
        command,
        Command::Quit
            | Command::ShowPortfolio
            | Command::ShowNetwork
            | Command::ShowAnnualReview
            | Command::ShowDeliveryChain
            | Command::ShowSettings
            | Command::ToggleTheme
            | Command::ToggleResults
            | Command::Help
    )
}
