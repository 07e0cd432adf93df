//! What the shell does to keep work safe, with `ui::recovery`'s store and guard: the
//! recovery files offered at start (restore or discard), autosave each frame, and the
//! lock and the file's stamp around opening and saving.

use super::{Dialog, PartnershipApp, View};
use crate::file;
use crate::file::lock::{self, DiskState, FileStamp, Holder};
use crate::ui::document::Document;
use crate::ui::recovery::{FileGuard, Tick, describe_time};
use eframe::egui;
use std::path::Path;
use std::time::Duration;

impl PartnershipApp {
    /// At start: offers the recovery files left by a run that stopped without saving.
    pub fn offer_recovery(&mut self) {
        let Some(autosave) = &self.recovery.autosave else {
            return;
        };
        let listed = match autosave.store().list() {
            Ok(listed) => listed,
            Err(e) => {
                self.status = e.to_string();
                return;
            }
        };
        let mut offers = Vec::new();
        let mut problems = Vec::new();
        for entry in listed {
            match entry {
                Ok(found) if autosave.belongs_to_running_copy(&found.meta) => {}
                Ok(found) => offers.push(found),
                Err(e) => {
                    let aside = e.path().map(|p| autosave.store().set_aside(p));
                    problems.push(match aside {
                        Some(Ok(aside)) => format!("{e}\nIt was renamed {}.", aside.display()),
                        _ => e.to_string(),
                    });
                }
            }
        }
        offers.sort_by_key(|r| std::cmp::Reverse(r.meta.saved_at));
        self.recovery.offers = offers;
        self.recovery.problems = problems;
        if !self.recovery.offers.is_empty() {
            // A message from opening the file given at start is shown inside this dialog.
            if let Some(Dialog::Message { title, text, .. }) = self.dialog.take() {
                self.recovery.problems.insert(0, format!("{title}. {text}"));
            }
            self.dialog = Some(Dialog::Recover);
        } else if !self.recovery.problems.is_empty() {
            let mut text = format!(
                "{}\n\nNothing was deleted.",
                self.recovery.problems.join("\n\n")
            );
            self.recovery.problems.clear();
            if let Some(Dialog::Message {
                title,
                text: earlier,
                ..
            }) = self.dialog.take()
            {
                text = format!("{title}. {earlier}\n\n{text}");
            }
            self.dialog = Some(Dialog::Message {
                title: "A recovery file could not be read".into(),
                text,
                save_as: false,
            });
        }
    }

    /// Opens the first offered recovery file as unsaved changes to its original file.
    pub fn restore_recovered(&mut self) {
        if self.recovery.offers.is_empty() {
            return;
        }
        let offer = self.recovery.offers.remove(0);
        // Others stay on disk and are offered at the next start.
        self.recovery.offers.clear();
        let on_disk = offer
            .meta
            .original
            .as_deref()
            .and_then(|p| file::load(p).ok());
        self.doc = Document::recovered(offer.project.clone(), offer.meta.original.clone(), on_disk);
        self.view = View::Portfolio;
        self.focus = None;
        self.guard = FileGuard::default();
        if let Some(path) = offer.meta.original.clone() {
            self.guard_file(&path);
        }
        let mut status = format!(
            "Restored the unsaved changes to {} from {}: save to keep them",
            offer.describe(),
            describe_time(offer.meta.saved_at)
        );
        if let Some(autosave) = &mut self.recovery.autosave {
            // Written again under this run's name before the old file goes, so it is never lost.
            match autosave.write_now(&self.doc) {
                Ok(_) => {
                    if let Err(e) = autosave.store().remove(&offer.file) {
                        status = e.to_string();
                    }
                }
                Err(e) => status = e.to_string(),
            }
        }
        self.status = status;
    }

    /// Deletes the first offered recovery file: the user does not want those changes.
    pub fn discard_recovered(&mut self) {
        if self.recovery.offers.is_empty() {
            return;
        }
        let offer = self.recovery.offers.remove(0);
        if let Some(autosave) = &self.recovery.autosave {
            self.status = match autosave.store().remove(&offer.file) {
                Ok(()) => format!("Discarded the unsaved changes to {}", offer.describe()),
                Err(e) => e.to_string(),
            };
        }
    }

    /// Removes this run's recovery file: the user chose to lose the unsaved changes.
    pub fn discard_recovery_file(&mut self) {
        if let Some(autosave) = &mut self.recovery.autosave
            && let Err(e) = autosave.clear()
        {
            self.status = e.to_string();
        }
    }

    /// Each frame: writes or removes the recovery file when due.
    pub(super) fn autosave_tick(&mut self, ctx: &egui::Context) {
        let Some(autosave) = &mut self.recovery.autosave else {
            return;
        };
        let (now, focused) = ctx.input(|i| (i.time, i.viewport().focused));
        match autosave.tick(now, focused, &self.doc) {
            Tick::Idle | Tick::Removed => {}
            Tick::Wrote(_) => {}
            Tick::Failed(e) => self.status = format!("Unsaved changes are not protected: {e}"),
        }
        if autosave.is_writing() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
        if let Some(wait) = autosave.due_in(now) {
            ctx.request_repaint_after(Duration::from_secs_f64(wait + 0.05));
        }
    }

    /// The file is now open here: lock it and note its size and time.
    fn guard_file(&mut self, path: &Path) -> Holder {
        let (lock, before) = lock::acquire(path);
        let lock = match lock {
            Ok(lock) => lock,
            Err(e) => {
                // Not fatal: the file is open, only other copies will not be warned.
                self.status = e.to_string();
                None
            }
        };
        self.guard = FileGuard {
            lock,
            stamp: FileStamp::read(path).ok().flatten(),
        };
        before
    }

    /// After opening `path`: locks it and warns if another copy of the app has it open.
    pub(super) fn after_open(&mut self, path: &Path) {
        if let Holder::Other(owner) = self.guard_file(path) {
            self.dialog = Some(Dialog::Message {
                title: "This file is open in another copy of the app".into(),
                text: format!(
                    "Partnership Appraisal ({}) has this file open. If you both make changes, \
                     whoever saves last replaces the other's work: close it there, or use Save as… \
                     here to keep your changes in a separate file.\n\nIf you are sure it is not \
                     open anywhere, delete {}.\n\n{}",
                    owner.describe(),
                    lock::lock_path(path).display(),
                    path.display()
                ),
                save_as: true,
            });
        }
    }

    /// After a project is newly made or an example opened: no file, no lock.
    pub(super) fn release_file(&mut self) {
        self.guard = FileGuard::default();
    }

    /// Before saving to `path`: false (and a question asked) when the file was changed by
    /// another program since this app read or wrote it. A deleted file is simply created.
    pub(in crate::ui) fn may_overwrite(&mut self, path: &Path) -> bool {
        if self.doc.path.as_deref() != Some(path) {
            return true;
        }
        let Some(recorded) = self.guard.stamp else {
            return true;
        };
        match FileStamp::read(path) {
            Ok(now) => match lock::disk_state(&recorded, now.as_ref()) {
                DiskState::Unchanged | DiskState::Deleted => true,
                DiskState::Changed => {
                    self.dialog = Some(Dialog::FileChanged(path.to_owned()));
                    false
                }
            },
            // Let the save itself report what is wrong.
            Err(_) => true,
        }
    }

    /// After saving to `path`: the new stamp, the lock moved to it, the recovery file gone.
    pub(in crate::ui) fn after_save(&mut self, path: &Path) {
        let same = self
            .guard
            .lock
            .as_ref()
            .is_some_and(|l| l.path() == lock::lock_path(path));
        if same {
            self.guard.stamp = FileStamp::read(path).ok().flatten();
        } else {
            self.guard_file(path);
        }
        // Changes made while a large project was written stay in the recovery file.
        if !self.doc.is_dirty() {
            self.discard_recovery_file();
        }
    }

    /// Overwrite was chosen for a file another program changed.
    pub fn overwrite_changed_file(&mut self, path: &Path) -> bool {
        self.guard.stamp = None;
        self.save_to(path)
    }
}
