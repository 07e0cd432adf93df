//! Exports (the workbook, the CSV files, the board pack, the committee report), written
//! atomically where the user chooses, and the import of unit costs from a CSV file. A
//! large project's board pack, workbook and committee report are made and written on a
//! thread, with the status bar counting the seconds (see [`Exporting`]).

use super::PartnershipApp;
use super::file_actions::FileFor;
use crate::file;
use crate::ui::commands::Command;
use crate::ui::files::{self, Picked};
use crate::ui::writing::{self, Writing};
use eframe::egui;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A board pack, workbook or committee report being made and written on a thread.
pub struct Exporting {
    pub path: PathBuf,
    writing: Writing<Result<(), String>>,
}

impl Exporting {
    /// Seconds since the export began.
    pub fn seconds(&self) -> u64 {
        self.writing.started.elapsed().as_secs()
    }
}

/// The board pack, workbook or committee report (`command`) of `project` and its
/// `appraisal`, with the committee report's subject and the board pack's date of issue.
fn paper(
    command: Command,
    project: &crate::model::Project,
    appraisal: &crate::appraisal::Appraisal,
    (committee, issued): (&crate::export::committee::CommitteeReport, &str),
) -> Result<Vec<u8>, String> {
    match command {
        Command::ExportXlsx => crate::export::xlsx(project, appraisal).map_err(|e| e.to_string()),
        Command::ExportDocx => {
            crate::export::docx(project, appraisal, committee).map_err(|e| e.to_string())
        }
        _ => Ok(crate::export::html_issued(project, appraisal, issued).into_bytes()),
    }
}

/// The file extension of the paper `command` writes.
fn paper_extension(command: Command) -> &'static str {
    match command {
        Command::ExportXlsx => "xlsx",
        Command::ExportDocx => "docx",
        _ => "html",
    }
}

impl PartnershipApp {
    /// Writes an export the user asked for, atomically, where they choose: what the File
    /// menu's exports do.
    pub fn export(&mut self, command: Command) {
        self.export_to(command, None);
    }
    /// Writes an export to `chosen` (a file, or the CSV files' folder), or where the user
    /// chooses when `None`.
    pub(super) fn export_to(&mut self, command: Command, chosen: Option<PathBuf>) {
        let stem = self.file_stem();
        let near = self.folder();
        let committee =
            crate::ui::report::committee_report(self.report_for, self.doc.path.as_deref());
        let file_name = self.doc.path.as_deref().and_then(|p| p.file_name());
        let file_name = file_name.map(|n| n.to_string_lossy().into_owned());
        if matches!(
            command,
            Command::ExportXlsx | Command::ExportHtml | Command::ExportDocx
        ) && writing::on_thread(&self.doc, self.background_save_partnerships)
        {
            let (name, near) = (format!("{stem}.{}", paper_extension(command)), near);
            return self.export_on_thread(command, chosen, (name, near), committee);
        }
        // What is written out is of the current revision, never figures being computed.
        let (project, results) = self.doc.project_and_results_now();
        let built: Result<(String, Vec<u8>), String> = match command {
            Command::ExportXlsx | Command::ExportHtml | Command::ExportDocx => {
                let issued = crate::export::today();
                paper(command, project, &results.appraisal, (&committee, &issued))
                    .map(|bytes| (format!("{stem}.{}", paper_extension(command)), bytes))
            }
            Command::ExportReviewDocx | Command::ExportReviewCsv => {
                let shown = (&results.appraisal, results.completeness.as_ref());
                let review = self.board.annual_review(project, shown, results.revision());
                crate::ui::board::annual_export(project, review, command, file_name.as_deref())
                    .map(|(suffix, bytes)| (format!("{stem}-annual-review.{suffix}"), bytes))
            }
            _ => {
                let files = crate::export::csv_files(project, &results.appraisal);
                let folder = match chosen {
                    Some(dir) => Picked::Path(dir),
                    None => self.picker.pick_folder(near.as_deref()),
                };
                let written = match folder {
                    Picked::Path(dir) => files
                        .iter()
                        .try_for_each(|(name, text)| {
                            file::write_atomic(&dir.join(name), text.as_bytes())
                        })
                        .map(|()| Some(dir))
                        .map_err(|e| e.to_string()),
                    Picked::Cancelled => Ok(None),
                    Picked::Unavailable => {
                        self.choose(FileFor::Export(command));
                        Ok(None)
                    }
                };
                self.after_export(written);
                return;
            }
        };
        let written = built.and_then(|(name, bytes)| {
            let path = match chosen {
                Some(path) => Picked::Path(path),
                None => self.picker.pick_save(&name, near.as_deref()),
            };
            match path {
                Picked::Path(path) => file::write_atomic(&path, &bytes)
                    .map(|()| Some(path.clone()))
                    .map_err(|e| format!("{e}: {}", path.display())),
                Picked::Cancelled => Ok(None),
                Picked::Unavailable => {
                    self.choose(FileFor::Export(command));
                    Ok(None)
                }
            }
        });
        self.after_export(written);
    }
    /// The board pack, workbook or committee report of a large project, made and written
    /// on a thread: at a few hundred partnerships making one takes seconds (each
    /// partnership's switching values appraise it hundreds of times), and the window
    /// goes on meanwhile. The paper is of the project as it was when it was asked for,
    /// appraised afresh on the thread (the same figures: the appraisal depends on the
    /// project alone). `name` is the file name offered, `near` the folder to offer it in.
    fn export_on_thread(
        &mut self,
        command: Command,
        chosen: Option<PathBuf>,
        (name, near): (String, Option<PathBuf>),
        committee: crate::export::committee::CommitteeReport,
    ) {
        if let Some(exporting) = &self.exporting {
            self.status = format!(
                "Still writing {}: try again once it is written",
                exporting.path.display()
            );
            return;
        }
        let path = match chosen {
            Some(path) => path,
            None => match self.picker.pick_save(&name, near.as_deref()) {
                Picked::Path(path) => path,
                Picked::Cancelled => return,
                Picked::Unavailable => return self.choose(FileFor::Export(command)),
            },
        };
        self.doc.commit_pending();
        let what = self.doc.committed();
        let target = path.clone();
        let issued = crate::export::today();
        let started = Writing::start("export", None, move || {
            let project = writing::project_of(&what).map_err(|e| e.to_string())?;
            let appraisal = crate::appraisal::appraise(&project);
            let bytes = paper(command, &project, &appraisal, (&committee, &issued))?;
            file::write_atomic(&target, &bytes).map_err(|e| format!("{e}: {}", target.display()))
        });
        match started {
            Ok(writing) => {
                self.status = format!("Writing {}…", path.display());
                self.exporting = Some(Exporting { path, writing });
            }
            Err(e) => self.show_message(
                "The export could not be started",
                &format!("no thread could be started to write it ({e})"),
                false,
            ),
        }
    }

    /// Each frame: finishes an export whose thread is done.
    pub(super) fn poll_exporting(&mut self, ctx: &egui::Context) {
        let Some(exporting) = &self.exporting else {
            return;
        };
        let Some(result) = exporting
            .writing
            .finished(ctx, Duration::from_millis(250), || {
                Err("the export stopped before it was written".into())
            })
        else {
            return;
        };
        // Closing waits for the export; if it failed, the window stays to say why.
        let written = result.is_ok();
        self.finish_export(result);
        if std::mem::take(&mut self.close_when_exported) && written {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        ctx.request_repaint();
    }

    /// Closing while an export is written: the window closes once it is written (asking
    /// first about unsaved changes, as ever). True while it waits.
    pub(super) fn close_after_exporting(&mut self) -> bool {
        let Some(exporting) = &self.exporting else {
            return false;
        };
        self.close_when_exported = true;
        self.status = format!(
            "Writing {}: the window closes once it is written…",
            exporting.path.display()
        );
        true
    }

    /// Waits for an export in progress and handles its outcome, as the next frames would
    /// (for tests, which need the file written).
    pub fn finish_exporting(&mut self) {
        if let Some(Exporting { path, writing }) = self.exporting.take() {
            let result = writing
                .wait()
                .unwrap_or_else(|| Err("the export stopped before it was written".into()));
            self.after_export(result.map(|()| Some(path)));
        }
    }

    /// The export being written on a thread, if any.
    pub fn exporting(&self) -> Option<&Exporting> {
        self.exporting.as_ref()
    }

    fn finish_export(&mut self, result: Result<(), String>) {
        if let Some(exporting) = self.exporting.take() {
            self.after_export(result.map(|()| Some(exporting.path)));
        }
    }

    fn after_export(&mut self, written: Result<Option<PathBuf>, String>) {
        match written {
            Ok(Some(path)) => self.status = format!("Exported to {}", path.display()),
            Ok(None) => {}
            Err(e) => self.show_message("The export could not be written", &e, false),
        }
    }
    /// Adds unit values from a CSV file the user picks, rebased to the price base year
    /// where deflators allow, and says what was added, skipped and left out.
    pub fn import_unit_costs(&mut self) {
        let near = self.folder();
        match self.picker.pick_open(&files::CSV_FILE, near.as_deref()) {
            Picked::Path(path) => self.import_unit_costs_from(&path),
            Picked::Cancelled => {}
            Picked::Unavailable => self.choose(FileFor::ImportUnitCosts),
        }
    }
    pub(super) fn import_unit_costs_from(&mut self, path: &Path) {
        let text = match std::fs::read(path) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) => {
                return self.show_message(
                    "The file could not be read",
                    &format!("{e}: {}", path.display()),
                    false,
                );
            }
        };
        match crate::import::unit_costs::read(&text, &self.doc.project) {
            Ok(mut import) => {
                crate::import::unit_costs::rebase(&self.doc.project, &mut import);
                let values = import.unit_values();
                let added = values.len();
                self.doc.apply(|p| p.unit_values.extend(values));
                let mut report = vec![format!(
                    "Added {added} unit values from {}.",
                    path.display()
                )];
                report.extend(
                    import
                        .existing
                        .iter()
                        .map(|n| format!("Skipped, already in the library: {n}")),
                );
                report.extend(import.errors.iter().map(|n| format!("Left out: {n}")));
                report.extend(import.notes.iter().map(|n| format!("Check: {n}")));
                self.show_message("Unit costs imported", &report.join("\n"), false);
            }
            Err(e) => self.show_message(
                "The unit costs could not be imported",
                &format!("{e}: {}", path.display()),
                false,
            ),
        }
    }
}
