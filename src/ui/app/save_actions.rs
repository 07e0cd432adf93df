//! What the shell does to save: a small project at once, a large one on a thread
//! (`ui::saving`, `ui::writing`), then what was waiting for the save.

use super::{PartnershipApp, Then};
use crate::file::{self, SaveError};
use crate::ui::document::Committed;
use crate::ui::files;
use crate::ui::saving::Saving;
use crate::ui::writing::{self, Writing};
use eframe::egui;
use std::path::Path;
use std::time::Duration;

impl PartnershipApp {
    /// Saves to `path`, first asking if another program changed the file, then does
    /// `then`. True when saved now; a large project is written on a thread, and `then`
    /// follows once it is written.
    pub(super) fn write_project(&mut self, path: &Path, then: Option<Then>) -> bool {
        self.doc.commit_pending();
        if self.refuse_while_saving() || !self.may_overwrite(path) {
            return false;
        }
        let what = self.doc.committed();
        if writing::on_thread(&self.doc, self.background_save_partnerships) {
            let target = path.to_owned();
            let copy = what.clone();
            let started = Writing::start("save project", None, move || {
                file::save(&writing::project_of(&copy)?, &target)
            });
            match started {
                Ok(writing) => {
                    self.status = format!("Saving {}…", path.display());
                    self.saving = Some(Saving {
                        path: path.to_owned(),
                        what,
                        then,
                        writing,
                    });
                    return false;
                }
                // No thread to be had: save here, as a small project is.
                Err(e) => eprintln!("note: saving on the window's thread ({e})"),
            }
        }
        let result = file::save(&self.doc.project, path);
        self.finish_save(path, &what, result, then)
    }

    /// After `what` was written to `path` (or failed to be): marks it saved and goes on
    /// with `then`, or says why it could not be saved. True when saved.
    fn finish_save(
        &mut self,
        path: &Path,
        what: &Committed,
        result: Result<(), SaveError>,
        then: Option<Then>,
    ) -> bool {
        match result {
            Ok(()) => {
                self.doc.mark_saved_as(path, what);
                files::remember(&mut self.recent, path.to_owned());
                self.status = format!("Saved {}", path.display());
                self.after_save(path);
                if let Some(then) = then {
                    // Changes made while a large project was written are not in the
                    // file: ask about them as for any unsaved changes.
                    self.guard(then);
                }
                true
            }
            Err(e) => {
                self.show_message(
                    "The project could not be saved",
                    &crate::ui::recovery::save_failure_text(&e),
                    true,
                );
                false
            }
        }
    }

    /// Each frame: finishes a save whose thread is done.
    pub(super) fn poll_saving(&mut self, ctx: &egui::Context) {
        let Some(saving) = &self.saving else {
            return;
        };
        let Some(result) = saving
            .writing
            .finished(ctx, Duration::from_millis(100), || {
                Err(SaveError::Encode(
                    "the save stopped before it finished".into(),
                ))
            })
        else {
            return;
        };
        if let Some(Saving {
            path, what, then, ..
        }) = self.saving.take()
        {
            self.finish_save(&path, &what, result, then);
            ctx.request_repaint();
        }
    }

    /// Waits for a save in progress to finish and handles its outcome, as the next
    /// frames would (for tests and the benchmark, which need the file written).
    pub fn finish_saving(&mut self) {
        if let Some(Saving {
            path,
            what,
            then,
            writing,
        }) = self.saving.take()
        {
            let result = writing.wait().unwrap_or_else(|| {
                Err(SaveError::Encode(
                    "the save stopped before it finished".into(),
                ))
            });
            self.finish_save(&path, &what, result, then);
        }
    }

    /// The save in progress, if any.
    pub fn saving(&self) -> Option<&Saving> {
        self.saving.as_ref()
    }

    /// True (and says why) while a save is being written: another save, or replacing
    /// the project, waits until it is done.
    pub(super) fn refuse_while_saving(&mut self) -> bool {
        let Some(saving) = &self.saving else {
            return false;
        };
        self.status = format!(
            "Still saving {}: try again once it is saved",
            saving.file_name()
        );
        true
    }

    /// Closing while a save is written: the window closes once it is saved (asking first
    /// about any changes made meanwhile).
    pub(super) fn quit_after_saving(&mut self) -> bool {
        let Some(saving) = &mut self.saving else {
            return false;
        };
        saving.then = Some(Then::Quit);
        self.status = format!(
            "Saving {}: the window closes once it is saved",
            saving.file_name()
        );
        true
    }
}
