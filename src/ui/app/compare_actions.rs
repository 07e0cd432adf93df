//! Comparing the project with the saved file or another file: starting the comparison,
//! and its window (`ui::compare` draws it).

use super::{FileFor, PartnershipApp};
use crate::ui::compare::{self, Against, Outcome};
use crate::ui::files::{self, Picked};
use eframe::egui;
use std::path::PathBuf;

impl PartnershipApp {
    /// Compares the project as it stands with the file as last saved.
    pub(super) fn compare_with_saved(&mut self) {
        if self.doc.path.is_none() {
            return self.show_message(
                "Nothing saved to compare with",
                "The project has not been saved yet. Use Compare with another file… to \
                 compare it with another version.",
                false,
            );
        }
        self.doc.commit_pending();
        let saved = self.doc.saved();
        self.start_comparison(Against::Saved(saved), "the saved file".into());
    }

    /// Compares the project as it stands with the baseline it keeps (the appraisal as
    /// approved).
    pub(super) fn compare_with_baseline(&mut self) {
        let Some(kept) = self.doc.project.baseline.as_deref() else {
            return self.show_message(
                "No baseline to compare with",
                "The project keeps no baseline yet. Use File › Set as baseline… when the board \
                 approves the appraisal, then compare with it as the year goes on.",
                false,
            );
        };
        let label = format!("the baseline {}", kept.label());
        // The baseline itself is not a change since the baseline.
        let mut then = kept.project.clone();
        then.baseline = self.doc.project.baseline.clone();
        self.doc.commit_pending();
        self.start_comparison(Against::Baseline(Box::new(then), label.clone()), label);
    }

    /// Asks for another version of the project and compares the project with it.
    pub(super) fn compare_with_file(&mut self) {
        let near = self.folder();
        match self.picker.pick_open(&files::PROJECT_FILE, near.as_deref()) {
            Picked::Path(path) => self.compare_with_path(path),
            Picked::Cancelled => {}
            Picked::Unavailable => self.choose(FileFor::Compare),
        }
    }

    pub(super) fn compare_with_path(&mut self, path: PathBuf) {
        self.doc.commit_pending();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        self.start_comparison(Against::File(path), name);
    }

    fn start_comparison(&mut self, against: Against, name: String) {
        match compare::start(against, self.doc.committed(), name) {
            Ok(comparing) => self.comparing = Some(comparing),
            Err(message) => {
                self.show_message("The versions could not be compared", &message, false)
            }
        }
    }

    /// The comparison's window, while there is one.
    pub(super) fn comparison(&mut self, ctx: &egui::Context) {
        let Some(comparing) = self.comparing.take() else {
            return;
        };
        match compare::poll(comparing) {
            Ok(comparing) => {
                if compare::show(ctx, &comparing) == Outcome::Keep {
                    self.comparing = Some(comparing);
                }
            }
            Err(message) => {
                self.show_message("The versions could not be compared", &message, false)
            }
        }
    }
}
