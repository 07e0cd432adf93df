//! Saving: at once for a small project, on a thread for a large one (see
//! [`super::writing`]), with the window saying it is saving meanwhile. Edits go on while
//! a large project is written; the file gets the project as it was when Save was chosen,
//! and changes made since stay unsaved (and in the recovery file). The file is written
//! by `file::save` either way: atomically, the old one kept as `NAME.bak`, so stopping the
//! app at any moment leaves the old file or the new one, never half of one.
//! This is the save in progress; what the shell does to start and finish one is
//! `app/save_actions.rs`.

use super::document::Committed;
use super::state::Then;
use super::writing::Writing;
use crate::file::SaveError;
use std::path::PathBuf;

/// A save running on a thread.
pub struct Saving {
    pub path: PathBuf,
    /// The project being written: what counts as saved once it is.
    pub(super) what: Committed,
    /// What to do once it is saved (quit, open another file…).
    pub(super) then: Option<Then>,
    pub(super) writing: Writing<Result<(), SaveError>>,
}

impl Saving {
    /// Seconds since the save began.
    pub fn seconds(&self) -> u64 {
        self.writing.started.elapsed().as_secs()
    }

    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}
