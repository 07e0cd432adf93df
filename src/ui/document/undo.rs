//! Undo and redo: each committed edit is a step holding the project as it was before,
//! in a history capped by depth and by memory.

use super::{Document, Snapshot};
use crate::model::Project;

/// How many edits can be undone.
pub(super) const UNDO_DEPTH: usize = 200;
/// About how much memory the undo and redo history may hold beyond the project itself:
/// the oldest steps are forgotten first (the latest step is always kept). Ordinary edits
/// take a few kilobytes a step; a change to every partnership of a 5,500-partnership
/// project about 12 MB.
pub(super) const UNDO_BUDGET_BYTES: usize = 32 * 1024 * 1024;

impl Document {
    /// Records the edits made to `project` since the last commit as one undo step.
    ///
    /// This compares every partnership with the last commit (about 36 ms at 5,500
    /// partnerships). An edit that knows it changed one partnership (and perhaps the
    /// settings, partners or libraries) calls [`Self::commit_partnership`] instead.
    pub fn commit(&mut self) {
        let (next, bytes) = Snapshot::of(&mut self.project, Some(&self.baseline));
        self.record(next, bytes);
    }

    /// Records an edit that changed partnership `index` and nothing in any other
    /// partnership as one undo step: only that partnership is compared and encoded, and
    /// everything but the partnerships is compared as [`Self::commit`] does. The list
    /// having grown or shrunk means the edit did more, and everything is compared.
    pub fn commit_partnership(&mut self, index: usize) {
        if self.project.partnerships.len() != self.baseline.len || index >= self.baseline.len {
            return self.commit();
        }
        let (next, bytes) = Snapshot::with_one(&mut self.project, &self.baseline, index);
        self.check_nothing_else_changed(&next);
        self.record(next, bytes);
    }

    /// Records an edit made on the settings, a partner, the library or the report's
    /// screen as one undo step. Those screens reach a partnership only by renaming or
    /// deleting something it refers to by name; when no such name changed (and the list
    /// is as long as before), no partnership is compared or encoded, each is shared with
    /// the step before, so the step costs the same however many partnerships there are.
    /// Otherwise everything is compared. (Tests and debug builds check that no
    /// partnership changed when none was compared.)
    pub fn commit_outside_partnerships(&mut self) {
        if self.project.partnerships.len() != self.baseline.len
            || !crate::model::same_referable_names(&self.project, &self.baseline.rest)
        {
            return self.commit();
        }
        let (next, bytes) = Snapshot::with_rest(&mut self.project, &self.baseline);
        self.check_nothing_else_changed(&next);
        self.record(next, bytes);
    }

    /// Before an undo, redo, whole change or save: records anything left uncommitted. Every
    /// edit to a partnership is committed (by [`Self::commit`] or
    /// [`Self::commit_partnership`]) in the frame it is made, before any command runs, so
    /// only the cheap checks are made here: the number of partnerships and everything but
    /// them. (Tests and debug builds check the partnerships too.)
    pub fn commit_pending(&mut self) {
        if self.project.partnerships.len() != self.baseline.len {
            return self.commit();
        }
        let partnerships = std::mem::take(&mut self.project.partnerships);
        let rest_same = *self.baseline.rest == self.project;
        self.project.partnerships = partnerships;
        if !rest_same {
            return self.commit();
        }
        let baseline = self.baseline.clone();
        self.check_nothing_else_changed(&baseline);
    }

    /// In debug builds (and so in every test), that `project` is exactly `expected`: an
    /// edit that changed a partnership without committing it is a bug in the caller.
    fn check_nothing_else_changed(&mut self, expected: &Snapshot) {
        if cfg!(debug_assertions) {
            let (full, _) = Snapshot::of(&mut self.project, Some(expected));
            debug_assert!(
                full.shares_all(expected),
                "a partnership was changed without being committed"
            );
        }
    }

    /// Makes `next` the baseline, with the old baseline as an undo step of `bytes`.
    fn record(&mut self, next: Snapshot, bytes: usize) {
        if next.shares_all(&self.baseline) {
            return;
        }
        let before = std::mem::replace(&mut self.baseline, next);
        self.undo.push(Step {
            snapshot: before,
            bytes,
        });
        self.redo.clear();
        self.trim_history();
        self.changed();
    }

    /// Forgets the oldest undo steps beyond [`UNDO_DEPTH`] or [`UNDO_BUDGET_BYTES`].
    fn trim_history(&mut self) {
        let latest = self.undo.len().saturating_sub(1);
        let mut forget = self.undo.len().saturating_sub(UNDO_DEPTH);
        let mut held = self.history_bytes();
        for step in &self.undo[..forget] {
            held = held.saturating_sub(step.bytes);
        }
        while forget < latest && held > self.undo_budget {
            held = held.saturating_sub(self.undo[forget].bytes);
            forget += 1;
        }
        self.undo.drain(..forget);
    }

    /// Estimated bytes the undo and redo history holds beyond the current project.
    pub fn history_bytes(&self) -> usize {
        self.undo.iter().chain(&self.redo).map(|s| s.bytes).sum()
    }

    /// Applies a whole change as one undo step.
    pub fn apply(&mut self, edit: impl FnOnce(&mut Project)) {
        self.commit_pending();
        edit(&mut self.project);
        self.commit();
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo(&mut self) {
        self.commit_pending();
        if let Some(step) = self.undo.pop() {
            if let Some(step) = self.go_to_step(step) {
                self.redo.push(step);
            } else {
                self.undo.clear();
            }
        }
    }

    pub fn redo(&mut self) {
        self.commit_pending();
        if let Some(step) = self.redo.pop() {
            if let Some(step) = self.go_to_step(step) {
                self.undo.push(step);
            } else {
                self.redo.clear();
            }
        }
    }

    /// Makes the project the state `step` holds; returns the step back to where it was.
    /// `None` (the project unchanged) only if the step could not be read back, which the
    /// tests of the compact form rule out.
    fn go_to_step(&mut self, step: Step) -> Option<Step> {
        if let Err(e) = step
            .snapshot
            .restore_into(&mut self.project, &self.baseline)
        {
            eprintln!("error: an undo step could not be read back ({e}); the project is unchanged");
            return None;
        }
        let current = std::mem::replace(&mut self.baseline, step.snapshot);
        self.changed();
        Some(Step {
            snapshot: current,
            bytes: step.bytes,
        })
    }

    /// After `project` changed and `baseline` was brought up to date with it.
    fn changed(&mut self) {
        self.revision += 1;
        self.dirty = !self.baseline.same_as(&self.saved);
    }
}

/// One undo (or redo) step: the project as it was, and about how many bytes it holds
/// that the states either side of it do not share.
pub(super) struct Step {
    pub(super) snapshot: Snapshot,
    pub(super) bytes: usize,
}
