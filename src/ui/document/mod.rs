//! The open project: its undo history, whether it is saved, and its cached results.
//!
//! `undo.rs` records edits as undo steps and moves between them; `snapshot.rs` is the
//! project at one moment, sharing with other moments what they hold in common;
//! `results.rs` computes the results of a revision again only for what changed.

mod results;
mod snapshot;
#[cfg(test)]
mod tests;
mod undo;

pub use results::{BACKGROUND_FROM, Results};

use super::compact;
use crate::model::Project;
use snapshot::Snapshot;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use undo::{Step, UNDO_BUDGET_BYTES};

pub struct Document {
    pub project: Project,
    /// The project as of the last committed edit: what an undo goes back from.
    baseline: Snapshot,
    /// The project as last saved or opened; unsaved when it differs.
    saved: Snapshot,
    pub path: Option<PathBuf>,
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// [`UNDO_BUDGET_BYTES`], or less in tests.
    undo_budget: usize,
    /// Goes up with every change to `project`; the results are cached against it.
    revision: u64,
    dirty: bool,
    cache: Option<Results>,
    /// Every partnership being appraised again on another thread (`results.rs`).
    pending: Option<results::Pending>,
    /// The parts of the on-screen partnership's block, being worked out ahead of an edit.
    ahead: Option<results::Ahead>,
}

impl Document {
    /// A project that has never been saved.
    pub fn untitled(project: Project) -> Self {
        Document::with_path(project, None)
    }

    /// A project just read from `path`.
    pub fn opened(project: Project, path: PathBuf) -> Self {
        Document::with_path(project, Some(path))
    }

    /// A project restored from a recovery file: unsaved changes to `path`, whose content
    /// on disk is `on_disk` (`None` when it is missing, unreadable or never saved, in
    /// which case the project counts as unsaved until it is saved).
    pub fn recovered(project: Project, path: Option<PathBuf>, on_disk: Option<Project>) -> Self {
        let mut doc = Document::with_path(project, path);
        // A project that cannot equal anything a user makes: names are never blank-prefixed.
        let mut saved = on_disk.unwrap_or_else(|| Project::new("\u{0}no saved version"));
        doc.saved = Snapshot::of(&mut saved, Some(&doc.baseline)).0;
        doc.dirty = !doc.saved.same_as(&doc.baseline);
        doc
    }

    fn with_path(mut project: Project, path: Option<PathBuf>) -> Self {
        let baseline = Snapshot::of(&mut project, None).0;
        Document {
            saved: baseline.clone(),
            baseline,
            project,
            path,
            undo: Vec::new(),
            redo: Vec::new(),
            undo_budget: UNDO_BUDGET_BYTES,
            revision: 0,
            dirty: false,
            cache: None,
            pending: None,
            ahead: None,
        }
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// True when the project differs from the file (or, if never saved, from how it started).
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// The project as of the last commit, to be written out on another thread: taking it
    /// copies no partnership (it shares the undo baseline's pieces). Edits are committed
    /// in the frame they are made, so between frames this is the project as it stands.
    pub fn committed(&self) -> Committed {
        Committed(self.baseline.clone())
    }

    /// The project as last saved or opened, taken as [`Self::committed`] is.
    pub fn saved(&self) -> Committed {
        Committed(self.saved.clone())
    }

    /// `what` (taken by [`Self::committed`]) is now the content of `path`: the project is
    /// saved unless it was changed after `what` was taken.
    pub fn mark_saved_as(&mut self, path: &Path, what: &Committed) {
        self.commit_pending();
        self.saved = what.0.clone();
        self.path = Some(path.to_owned());
        self.dirty = !self.baseline.same_as(&self.saved);
    }

    /// The project is now the content of `path`.
    pub fn mark_saved(&mut self, path: &Path) {
        self.commit_pending();
        self.saved = self.baseline.clone();
        self.path = Some(path.to_owned());
        self.dirty = false;
    }

    /// The name the window title shows.
    pub fn display_name(&self) -> String {
        self.path
            .as_deref()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| format!("{} (not saved)", self.project.name))
    }
}

/// The project at one commit, sharing its pieces with the document: cheap to take and to
/// send to a thread, which reads it back whole with [`Committed::to_project`].
#[derive(Clone)]
pub struct Committed(Snapshot);

impl Committed {
    /// The project itself, every partnership read back from its compact form.
    pub fn to_project(&self) -> Result<Project, compact::CodecError> {
        let snapshot = &self.0;
        let mut project = (*snapshot.rest).clone();
        let mut partnerships = Vec::with_capacity(snapshot.len);
        for chunk in &snapshot.chunks {
            for kept in chunk.iter() {
                partnerships.push(kept.restore()?);
            }
        }
        project.partnerships = partnerships;
        Ok(project)
    }

    /// How many partnerships it holds.
    pub fn partnerships(&self) -> usize {
        self.0.len
    }

    /// True when everything but the partnerships is the very same (shared) as in `other`
    /// (so no change there since), and the two hold as many partnerships.
    pub fn same_rest(&self, other: &Committed) -> bool {
        Arc::ptr_eq(&self.0.rest, &other.0.rest) && self.0.len == other.0.len
    }

    /// True when partnership `i` is the very same (shared) in `other`: unchanged since.
    pub fn same_partnership(&self, other: &Committed, i: usize) -> bool {
        match (self.0.get(i), other.0.get(i)) {
            (Some(a), Some(b)) => a.ptr_eq(b),
            _ => false,
        }
    }
}
