//! Choosing files: native dialogs in the app, scripted answers in tests.

use std::path::PathBuf;

/// Asks the user for a file. Behind a trait so tests can answer without a dialog.
pub trait FilePicker {
    fn pick_open(&mut self) -> Option<PathBuf>;
    fn pick_save(&mut self, suggested_name: &str) -> Option<PathBuf>;
    fn pick_folder(&mut self) -> Option<PathBuf>;
}

/// The platform's file dialogs (rfd). A dialog blocks the window while it is open,
/// as a modal dialog should.
pub struct NativePicker;

impl FilePicker for NativePicker {
    fn pick_open(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Open a project")
            .add_filter("Project (RON)", &["ron"])
            .pick_file()
    }

    fn pick_save(&mut self, suggested_name: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Save the project as")
            .add_filter("Project (RON)", &["ron"])
            .set_file_name(suggested_name)
            .save_file()
    }

    fn pick_folder(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Choose a folder")
            .pick_folder()
    }
}

/// Gives the answers it was given, in order; then none. For tests.
#[derive(Default)]
pub struct ScriptedPicker {
    pub answers: std::collections::VecDeque<Option<PathBuf>>,
}

impl FilePicker for ScriptedPicker {
    fn pick_open(&mut self) -> Option<PathBuf> {
        self.answers.pop_front().flatten()
    }

    fn pick_save(&mut self, _suggested_name: &str) -> Option<PathBuf> {
        self.answers.pop_front().flatten()
    }

    fn pick_folder(&mut self) -> Option<PathBuf> {
        self.answers.pop_front().flatten()
    }
}

/// The examples shipped inside the app, so the start screen always has them.
pub const EXAMPLES: [(&str, &str); 3] = [
    (
        "Northbridge borough portfolio",
        include_str!("../../saves/borough-portfolio.ron"),
    ),
    (
        "County health and care",
        include_str!("../../saves/county-health-and-care.ron"),
    ),
    ("Starter example", include_str!("../../saves/example.ron")),
];

/// How many recent files the File menu lists.
pub const RECENT_LIMIT: usize = 8;

/// Puts `path` first in the recent list, without duplicates.
pub fn remember(recent: &mut Vec<PathBuf>, path: PathBuf) {
    let path = std::fs::canonicalize(&path).unwrap_or(path);
    recent.retain(|p| p != &path);
    recent.insert(0, path);
    recent.truncate(RECENT_LIMIT);
}

/// A file name ending in .ron for a project name: "Northbridge portfolio.ron".
pub fn suggested_file_name(project_name: &str) -> String {
    let cleaned: String = project_name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == ' ' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let cleaned = cleaned.trim();
    format!(
        "{}.ron",
        if cleaned.is_empty() {
            "project"
        } else {
            cleaned
        }
    )
}
