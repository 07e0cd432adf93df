//! The committee report's settings: who it goes to and from, which partnership it is
//! about, and the text of the sections the user writes (kept in the project).

use super::commands::Command;
use super::widgets;
use crate::model::{Project, ReportSection, ReportStatus};
use eframe::egui::{self, Grid, Ui};

/// What the screen asks the app to do.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// A setting or section text changed (one undo step).
    pub changed: bool,
    /// The user asked to export the report.
    pub export: bool,
}

/// The committee report to export: about `scope`, listing the project file `path`.
pub fn committee_report(
    scope: Option<usize>,
    path: Option<&std::path::Path>,
) -> crate::export::committee::CommitteeReport {
    crate::export::committee::CommitteeReport {
        partnership: scope,
        project_file: path
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned()),
    }
}

/// The report's subject as the drop-down shows it.
fn scope_label(project: &Project, scope: Option<usize>) -> String {
    match scope.and_then(|i| project.partnerships.get(i)) {
        Some(p) => p.name.clone(),
        None => "The whole portfolio".to_owned(),
    }
}

/// Draws the screen. `scope` is the partnership the report is about (`None`: the
/// portfolio); it is a choice of this window, not saved with the project.
pub fn show(ui: &mut Ui, project: &mut Project, scope: &mut Option<usize>) -> Outcome {
    let mut outcome = Outcome::default();
    egui::ScrollArea::vertical()
        .id_salt("report")
        .show(ui, |ui| {
            widgets::heading(ui, "Committee report");
            ui.label(
                "The paper a board or cabinet receives, in Word: filled from the appraisal, with \
             the sections you write here. Sections left empty are filled from the project or \
             marked for completion.",
            );
            Grid::new("report_scope")
                .num_columns(2)
                .spacing([12.0, 8.0])
                .show(ui, |ui| {
                    let mut choices: Vec<Option<usize>> = vec![None];
                    choices.extend((0..project.partnerships.len()).map(Some));
                    if scope.is_some_and(|i| i >= project.partnerships.len()) {
                        *scope = None;
                    }
                    widgets::choice(ui, "Report on", scope, &choices, |s| {
                        scope_label(project, s)
                    });
                    ui.end_row();
                });
            if ui
                .button(Command::ExportDocx.label())
                .on_hover_text(Command::ExportDocx.tooltip())
                .clicked()
            {
                outcome.export = true;
            }

            widgets::heading(ui, "Report header");
            let r = &mut project.report;
            Grid::new("report_header")
                .num_columns(2)
                .spacing([12.0, 8.0])
                .show(ui, |ui| {
                    for (label, value) in [
                        ("Council", &mut r.council),
                        ("Report to (committee)", &mut r.committee),
                        ("Date of meeting", &mut r.meeting_date),
                        ("Report of (author)", &mut r.author),
                        ("Author's contact details", &mut r.contact),
                        ("Portfolio holder", &mut r.portfolio_holder),
                    ] {
                        outcome.changed |= widgets::text(ui, label, value, 320.0);
                        ui.end_row();
                    }
                    outcome.changed |=
                        widgets::choice(ui, "Status", &mut r.status, &ReportStatus::ALL, |s| {
                            s.label().to_owned()
                        });
                    ui.end_row();
                });

            widgets::heading(ui, "Sections you write");
            ui.label(
                "Separate paragraphs with a blank line. Where the report fills a section from \
             the appraisal, your text comes first and the figures follow.",
            );
            for section in ReportSection::ALL {
                if let Some(text) = section.text_mut(&mut r.sections) {
                    outcome.changed |= widgets::paragraph(ui, section.heading(), text);
                }
            }
        });
    outcome
}
