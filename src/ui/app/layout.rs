//! The window's frame around the screens: the menu bar, the navigator on the left, the
//! status bar with its list of problems, and the window title.

use super::{PartnershipApp, Then, View};
use crate::appraisal::Severity;
use crate::format;
use crate::ui::commands::Command;
use crate::ui::{files, results};
use eframe::egui::{self, Align, Align2, Color32, Layout, RichText, Ui, ViewportCommand};

/// The band's words while figures are computed again on another thread.
pub const COMPUTING: &str =
    "Computing every figure again after the change: the figures shown are from before it";

impl PartnershipApp {
    pub(super) fn update_title(&mut self, ctx: &egui::Context) {
        let marker = if self.doc.is_dirty() { "*" } else { "" };
        let title = match &self.loading {
            Some(loading) => format!("Opening {}… - Partnership Appraisal", loading.file_name()),
            None => format!(
                "{marker}{} - Partnership Appraisal",
                self.doc.display_name()
            ),
        };
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }
    fn menu_item(&mut self, ui: &mut Ui, command: Command, enabled: bool) {
        let mut button = egui::Button::new(command.label());
        if let Some(shortcut) = command.shortcuts().first() {
            button = button.shortcut_text(ui.ctx().format_shortcut(shortcut));
        }
        if ui
            .add_enabled(enabled, button)
            .on_hover_text(command.tooltip())
            .clicked()
        {
            self.queued.push(command);
            ui.close();
        }
    }
    pub(super) fn menu_bar(&mut self, ui: &mut Ui) {
        // While a file opens, only what leaves the project alone is offered.
        let idle = self.loading.is_none();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                self.menu_item(ui, Command::New, idle);
                self.menu_item(ui, Command::Open, idle);
                ui.add_enabled_ui(idle, |ui| {
                    ui.menu_button("Open recent", |ui| {
                        if self.recent.is_empty() {
                            ui.label("No recent files");
                        }
                        for path in self.recent.clone() {
                            if ui.button(path.display().to_string()).clicked() {
                                self.guard(Then::Open(Some(path)));
                                ui.close();
                            }
                        }
                    });
                    ui.menu_button("Open example", |ui| {
                        for (i, (name, _)) in files::EXAMPLES.iter().enumerate() {
                            if ui.button(*name).clicked() {
                                self.guard(Then::OpenExample(i));
                                ui.close();
                            }
                        }
                    });
                });
                ui.separator();
                self.menu_item(ui, Command::Save, idle);
                self.menu_item(ui, Command::SaveAs, idle);
                ui.add_enabled_ui(idle, |ui| {
                    ui.menu_button("Export", |ui| {
                        self.menu_item(ui, Command::ExportXlsx, true);
                        self.menu_item(ui, Command::ExportCsv, true);
                        self.menu_item(ui, Command::ExportHtml, true);
                        self.menu_item(ui, Command::ExportDocx, true);
                        self.menu_item(ui, Command::ExportReviewDocx, true);
                        self.menu_item(ui, Command::ExportReviewCsv, true);
                    });
                });
                ui.separator();
                self.menu_item(
                    ui,
                    Command::CompareWithSaved,
                    idle && self.doc.path.is_some(),
                );
                self.menu_item(
                    ui,
                    Command::CompareWithBaseline,
                    idle && self.doc.project.baseline.is_some(),
                );
                self.menu_item(ui, Command::CompareWithFile, idle);
                self.menu_item(ui, Command::SetBaseline, idle);
                let kept = self.doc.project.baseline.is_some();
                self.menu_item(ui, Command::RemoveBaseline, idle && kept);
                ui.separator();
                self.menu_item(ui, Command::Quit, true);
            });
            ui.menu_button("Edit", |ui| {
                let (can_undo, can_redo) = (self.doc.can_undo(), self.doc.can_redo());
                self.menu_item(ui, Command::Undo, can_undo && idle);
                self.menu_item(ui, Command::Redo, can_redo && idle);
                ui.separator();
                self.menu_item(ui, Command::AddPartnership, idle);
                self.menu_item(ui, Command::AddPartner, idle);
            });
            ui.menu_button("View", |ui| {
                self.menu_item(ui, Command::ShowPortfolio, true);
                self.menu_item(ui, Command::ShowNetwork, true);
                self.menu_item(ui, Command::ShowAnnualReview, true);
                self.menu_item(ui, Command::ShowDeliveryChain, true);
                self.menu_item(ui, Command::ShowSettings, true);
                self.menu_item(ui, Command::ShowReport, true);
                ui.separator();
                self.menu_item(ui, Command::ToggleTheme, true);
                self.menu_item(ui, Command::ToggleResults, true);
                ui.separator();
                self.menu_item(ui, Command::Present, idle);
            });
            ui.menu_button("Help", |ui| {
                self.menu_item(ui, Command::Help, true);
            });
        });
    }
    pub(super) fn navigator(&mut self, ui: &mut Ui) {
        // The partnership and partner lists scroll on their own (not the whole panel), so
        // the partnership list can lay out only the rows in view.
        ui.vertical(|ui| {
            ui.add_space(6.0);
            ui.label(RichText::new(&self.doc.project.name).strong().size(17.0));
            ui.add_space(4.0);
            for (view, label) in [
                (View::Portfolio, "Portfolio results"),
                (View::Network, "Partner network"),
                (View::Annual, "Annual review"),
                (View::DeliveryChain, "Delivery chain"),
                (View::Settings, "Project settings"),
                (View::Library, "Unit values and deflators"),
                (View::Report, "Committee report"),
            ] {
                if ui.selectable_label(self.view == view, label).clicked() {
                    self.view = view;
                }
            }
            ui.separator();
            ui.horizontal(|ui| {
                ui.label(RichText::new("Partnerships").strong());
                if ui
                    .small_button("Add partnership")
                    .on_hover_text(Command::AddPartnership.tooltip())
                    .clicked()
                {
                    self.queued.push(Command::AddPartnership);
                }
            });
            // Only the rows in view are laid out, so thousands of partnerships cost
            // no more a frame than a screenful.
            let view = self.view;
            let mut chosen = None;
            let (project, results) = self.doc.project_and_results();
            let row_height = ui.spacing().interact_size.y.max(
                ui.text_style_height(&egui::TextStyle::Button)
                    + 2.0 * ui.spacing().button_padding.y,
            );
            egui::ScrollArea::vertical()
                .id_salt("navigator_partnerships")
                .max_height((ui.available_height() * 0.6).max(row_height * 4.0))
                .show_rows(ui, row_height, project.partnerships.len(), |ui, rows| {
                    // One line a row (a long name is cut short, and shown whole on hover),
                    // so every row has the height the list is laid out by.
                    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                    for i in rows {
                        let Some(p) = project.partnerships.get(i) else {
                            continue;
                        };
                        let negative = results
                            .appraisal
                            .partnerships
                            .get(i)
                            .is_some_and(|r| r.negative);
                        let text = if negative {
                            RichText::new(format!("{} (negative)", p.name)).color(results::NEGATIVE)
                        } else {
                            RichText::new(&p.name)
                        };
                        if ui
                            .selectable_label(view == View::Partnership(i), text)
                            .on_hover_text(&p.name)
                            .clicked()
                        {
                            chosen = Some(i);
                        }
                    }
                });
            if let Some(i) = chosen {
                self.view = View::Partnership(i);
            }
            ui.separator();
            ui.horizontal(|ui| {
                ui.label(RichText::new("Partners").strong());
                if ui
                    .small_button("Add partner")
                    .on_hover_text(Command::AddPartner.tooltip())
                    .clicked()
                {
                    self.queued.push(Command::AddPartner);
                }
            });
            egui::ScrollArea::vertical()
                .id_salt("navigator_partners")
                .show(ui, |ui| {
                    for (i, p) in self.doc.project.partners.iter().enumerate() {
                        if ui
                            .selectable_label(self.view == View::Partner(i), &p.name)
                            .clicked()
                        {
                            self.view = View::Partner(i);
                        }
                    }
                });
        });
    }
    /// While the figures of a change to the whole project are computed on another thread,
    /// a notice across the top of every screen (and the slides) says that the figures shown
    /// are the last ones, and the window is drawn again until the new ones are in. It lies
    /// over the screen rather than pushing it down, so nothing moves under the pointer.
    pub(super) fn computing_band(&mut self, ui: &mut Ui) {
        // Asked first, so the frame after the change already shows the notice.
        self.doc.results();
        let computing = self.doc.computing();
        // egui lays an area out unseen the first time it is shown; that is done once
        // before it is needed, so the first notice shows in the frame after the change.
        if !computing && self.notice_laid_out {
            return;
        }
        let ctx = ui.ctx().clone();
        if computing {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        egui::Area::new(egui::Id::unique("computing"))
            .order(egui::Order::Foreground)
            .anchor(Align2::CENTER_TOP, [0.0, 28.0])
            .interactable(false)
            .fade_in(false)
            .sizing_pass(!computing)
            .show(&ctx, |ui| {
                egui::Frame::popup(ui.style())
                    .stroke(egui::Stroke::new(2.0, results::NEGATIVE))
                    .show(ui, |ui| {
                        ui.horizontal(|ui| {
                            ui.spinner();
                            ui.label(RichText::new(COMPUTING).strong().color(results::NEGATIVE));
                        });
                    });
            });
        self.notice_laid_out = true;
    }

    pub(super) fn status_bar(&mut self, ui: &mut Ui) {
        if self.loading.is_some() {
            // The counts and the saved state would be the outgoing project's.
            ui.horizontal(|ui| ui.label(&self.status));
            return;
        }
        let diagnostics = self.doc.results().diagnostics.clone();
        let errors = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let warnings = diagnostics.len() - errors;
        ui.horizontal(|ui| {
            let summary = format!(
                "{}, {}",
                format::count(errors, "error", "errors"),
                format::count(warnings, "warning", "warnings")
            );
            let colour = if errors > 0 {
                results::NEGATIVE
            } else {
                ui.visuals().text_color()
            };
            if ui
                .selectable_label(self.show_problems, RichText::new(summary).color(colour))
                .on_hover_text("Show or hide the list of problems; click one to go to it")
                .clicked()
            {
                self.show_problems = !self.show_problems;
            }
            ui.separator();
            // No spinner: it would draw the window every frame, taking a core from the
            // export, for minutes at national scale; the seconds count instead.
            if let Some(exporting) = &self.exporting {
                ui.label(format!("{} {} s", self.status, exporting.seconds()))
                    .on_hover_text("The paper is being made and written; the window goes on meanwhile, and the paper is of the project as it was when it was asked for");
            } else {
                ui.label(&self.status);
            }
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                let saved = match &self.saving {
                    Some(saving) => format!("Saving… {} s", saving.seconds()),
                    None if self.doc.is_dirty() => "Unsaved changes".into(),
                    None => "Saved".into(),
                };
                ui.label(saved);
                if let Some(path) = &self.doc.path {
                    ui.label(path.display().to_string());
                }
            });
        });
        if self.show_problems {
            if diagnostics.is_empty() {
                ui.label("No problems found.");
            }
            // Only the problems in view are laid out: a large project can have thousands.
            let row_height = ui.text_style_height(&egui::TextStyle::Body);
            let mut go = None;
            egui::ScrollArea::vertical()
                .max_height(160.0)
                .id_salt("problems")
                .show_rows(ui, row_height, diagnostics.len(), |ui, rows| {
                    // One line a row, as the list is laid out by; the whole text on hover.
                    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                    for d in diagnostics.get(rows).unwrap_or_default() {
                        let colour = if d.is_error() {
                            results::NEGATIVE
                        } else {
                            Color32::from_rgb(0x9A, 0x6A, 0x00)
                        };
                        let text = d.to_string();
                        if ui
                            .link(RichText::new(&text).color(colour))
                            .on_hover_text(text)
                            .clicked()
                        {
                            go = Some(d.location);
                        }
                    }
                });
            if let Some(location) = go {
                self.go_to(location);
            }
        }
    }
}
