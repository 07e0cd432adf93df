//! Exports (the workbook, the CSV files, the board pack, the committee report), written
//! atomically where the user chooses, and the import of unit costs from a CSV file.

use super::PartnershipApp;
use super::file_actions::FileFor;
use crate::file;
use crate::ui::commands::Command;
use crate::ui::files::{self, Picked};
use std::path::{Path, PathBuf};

impl PartnershipApp {
    /// Writes an export the user asked for, atomically, where they choose.
    pub(super) fn export(&mut self, command: Command) {
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
        // What is written out is of the current revision, never figures being computed.
        let (project, results) = self.doc.project_and_results_now();
        let built: Result<(String, Vec<u8>), String> = match command {
            Command::ExportXlsx => crate::export::xlsx(project, &results.appraisal)
                .map(|bytes| (format!("{stem}.xlsx"), bytes))
                .map_err(|e| e.to_string()),
            Command::ExportHtml => Ok((
                format!("{stem}.html"),
                crate::export::html_issued(project, &results.appraisal, &crate::export::today())
                    .into_bytes(),
            )),
            Command::ExportDocx => crate::export::docx(project, &results.appraisal, &committee)
                .map(|bytes| (format!("{stem}.docx"), bytes))
                .map_err(|e| e.to_string()),
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
