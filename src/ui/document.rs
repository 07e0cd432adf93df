//! The open project: its undo history, whether it is saved, and its cached results.

use crate::appraisal::{self, Appraisal, Diagnostic};
use crate::model::Project;
use std::path::{Path, PathBuf};

/// How many edits can be undone.
const UNDO_DEPTH: usize = 200;

pub struct Document {
    pub project: Project,
    /// The project as of the last committed edit: what an undo goes back from.
    baseline: Project,
    /// The project as last saved or opened; unsaved when it differs.
    saved: Project,
    pub path: Option<PathBuf>,
    undo: Vec<Project>,
    redo: Vec<Project>,
    /// Goes up with every change to `project`; the results are cached against it.
    revision: u64,
    dirty: bool,
    cache: Option<Results>,
}

/// The appraisal and the diagnostics of one revision.
pub struct Results {
    revision: u64,
    pub appraisal: Appraisal,
    pub diagnostics: Vec<Diagnostic>,
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
        doc.saved = on_disk.unwrap_or_else(|| Project::new("\u{0}no saved version"));
        doc.dirty = doc.project != doc.saved;
        doc
    }

    fn with_path(project: Project, path: Option<PathBuf>) -> Self {
        Document {
            baseline: project.clone(),
            saved: project.clone(),
            project,
            path,
            undo: Vec::new(),
            redo: Vec::new(),
            revision: 0,
            dirty: false,
            cache: None,
        }
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// True when the project differs from the file (or, if never saved, from how it started).
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Records the edits made to `project` since the last commit as one undo step.
    pub fn commit(&mut self) {
        if self.project == self.baseline {
            return;
        }
        let before = std::mem::replace(&mut self.baseline, self.project.clone());
        self.undo.push(before);
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.redo.clear();
        self.changed();
    }

    /// Applies a whole change as one undo step.
    pub fn apply(&mut self, edit: impl FnOnce(&mut Project)) {
        self.commit();
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
        self.commit();
        if let Some(previous) = self.undo.pop() {
            self.redo
                .push(std::mem::replace(&mut self.project, previous));
            self.baseline = self.project.clone();
            self.changed();
        }
    }

    pub fn redo(&mut self) {
        self.commit();
        if let Some(next) = self.redo.pop() {
            self.undo.push(std::mem::replace(&mut self.project, next));
            self.baseline = self.project.clone();
            self.changed();
        }
    }

    fn changed(&mut self) {
        self.revision += 1;
        self.dirty = self.project != self.saved;
    }

    /// The project is now the content of `path`.
    pub fn mark_saved(&mut self, path: &Path) {
        self.commit();
        self.saved = self.project.clone();
        self.path = Some(path.to_owned());
        self.dirty = false;
    }

    /// The appraisal and diagnostics of the current revision, computed once per revision.
    pub fn results(&mut self) -> &Results {
        let stale = self
            .cache
            .as_ref()
            .is_none_or(|c| c.revision != self.revision);
        if stale {
            let appraisal = appraisal::appraise(&self.project);
            let mut diagnostics = appraisal::validate(&self.project);
            diagnostics.extend(appraisal.diagnostics.iter().cloned());
            self.cache = Some(Results {
                revision: self.revision,
                appraisal,
                diagnostics,
            });
        }
        self.cache
            .get_or_insert_with(|| unreachable_results(&self.project))
    }

    /// The project with its results, for screens that read both.
    pub fn project_and_results(&mut self) -> (&Project, &Results) {
        self.results();
        let results = self
            .cache
            .get_or_insert_with(|| unreachable_results(&self.project));
        (&self.project, results)
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

/// Only reached if the cache were empty after filling it, which cannot happen;
/// computing afresh keeps this free of panics all the same.
fn unreachable_results(project: &Project) -> Results {
    let appraisal = appraisal::appraise(project);
    Results {
        revision: 0,
        diagnostics: appraisal::validate(project),
        appraisal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_back_to_the_saved_state_is_clean_again() {
        let mut doc = Document::opened(Project::new("A"), PathBuf::from("a.ron"));
        doc.project.name = "B".into();
        doc.commit();
        assert!(doc.is_dirty());
        doc.undo();
        assert_eq!(doc.project.name, "A");
        assert!(!doc.is_dirty());
        doc.redo();
        assert_eq!(doc.project.name, "B");
        assert!(doc.is_dirty());
    }

    #[test]
    fn a_new_edit_clears_the_redo_branch() {
        let mut doc = Document::untitled(Project::new("A"));
        doc.apply(|p| p.name = "B".into());
        doc.undo();
        doc.apply(|p| p.name = "C".into());
        assert!(!doc.can_redo());
        doc.undo();
        assert_eq!(doc.project.name, "A");
    }

    #[test]
    fn results_are_recomputed_only_when_the_revision_changes() {
        let mut doc = Document::untitled(Project::new("A"));
        let first = doc.results().revision;
        assert_eq!(doc.results().revision, first);
        doc.apply(|p| p.name = "B".into());
        assert_ne!(doc.results().revision, first);
    }
}
