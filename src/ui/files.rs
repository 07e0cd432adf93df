//! Choosing files: native dialogs in the app, scripted answers in tests.

use std::path::{Path, PathBuf};

/// What a file dialog gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Picked {
    Path(PathBuf),
    /// The user closed the dialog without choosing.
    Cancelled,
    /// No dialog could be shown (a desktop without a file-chooser portal): the app shows
    /// its own chooser instead (`chooser.rs`), never nothing.
    Unavailable,
}

/// A kind of file to open: its name and extensions, lower case without the dot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileKind {
    pub name: &'static str,
    pub extensions: &'static [&'static str],
}

pub const PROJECT_FILE: FileKind = FileKind {
    name: "Project (RON)",
    extensions: &["ron"],
};

pub const CSV_FILE: FileKind = FileKind {
    name: "CSV file",
    extensions: &["csv", "txt"],
};

/// Asks the user for a file. Behind a trait so tests can answer without a dialog.
/// `near` is a folder to start in (the project's, when it has one).
pub trait FilePicker {
    /// A file to read; `kind` names it and gives its extensions.
    fn pick_open(&mut self, kind: &FileKind, near: Option<&Path>) -> Picked;
    fn pick_save(&mut self, suggested_name: &str, near: Option<&Path>) -> Picked;
    fn pick_folder(&mut self, near: Option<&Path>) -> Picked;
}

/// The platform's file dialogs (rfd). A dialog blocks the window while it is open,
/// as a modal dialog should.
///
/// Where no dialog can be shown, rfd answers at once exactly as for Cancel. A person
/// cannot open a dialog and cancel it in under [`NO_DIALOG_WITHIN`], so an empty answer
/// that quick means there was no dialog: the picker says [`Picked::Unavailable`], and
/// from then on asks no more (the app's own chooser is used).
#[derive(Default)]
pub struct NativePicker {
    unavailable: bool,
}

/// An empty answer quicker than this means no dialog was shown.
pub const NO_DIALOG_WITHIN: std::time::Duration = std::time::Duration::from_millis(250);

impl NativePicker {
    fn ask(&mut self, dialog: impl FnOnce() -> Option<PathBuf>) -> Picked {
        if self.unavailable {
            return Picked::Unavailable;
        }
        let asked = std::time::Instant::now();
        match dialog() {
            Some(path) => Picked::Path(path),
            None if asked.elapsed() < NO_DIALOG_WITHIN => {
                self.unavailable = true;
                Picked::Unavailable
            }
            None => Picked::Cancelled,
        }
    }
}

fn dialog(title: &str, near: Option<&Path>) -> rfd::FileDialog {
    let dialog = rfd::FileDialog::new().set_title(title);
    match near {
        Some(folder) => dialog.set_directory(folder),
        None => dialog,
    }
}

impl FilePicker for NativePicker {
    fn pick_open(&mut self, kind: &FileKind, near: Option<&Path>) -> Picked {
        self.ask(|| {
            dialog("Open", near)
                .add_filter(kind.name, kind.extensions)
                .pick_file()
        })
    }

    fn pick_save(&mut self, suggested_name: &str, near: Option<&Path>) -> Picked {
        let extension = Path::new(suggested_name)
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_else(|| "ron".into());
        self.ask(|| {
            dialog("Save as", near)
                .add_filter(extension.to_uppercase(), &[extension.as_str()])
                .set_file_name(suggested_name)
                .save_file()
        })
    }

    fn pick_folder(&mut self, near: Option<&Path>) -> Picked {
        self.ask(|| dialog("Choose a folder", near).pick_folder())
    }
}

/// Gives the answers it was given, in order (`None` as Cancel); then Cancel. For tests.
#[derive(Default)]
pub struct ScriptedPicker {
    pub answers: std::collections::VecDeque<Option<PathBuf>>,
}

impl ScriptedPicker {
    fn next(&mut self) -> Picked {
        self.answers
            .pop_front()
            .flatten()
            .map_or(Picked::Cancelled, Picked::Path)
    }
}

impl FilePicker for ScriptedPicker {
    fn pick_open(&mut self, _kind: &FileKind, _near: Option<&Path>) -> Picked {
        self.next()
    }

    fn pick_save(&mut self, _suggested_name: &str, _near: Option<&Path>) -> Picked {
        self.next()
    }

    fn pick_folder(&mut self, _near: Option<&Path>) -> Picked {
        self.next()
    }
}

/// A desktop where no file dialog can be shown. For tests.
pub struct NoDialogs;

impl FilePicker for NoDialogs {
    fn pick_open(&mut self, _kind: &FileKind, _near: Option<&Path>) -> Picked {
        Picked::Unavailable
    }

    fn pick_save(&mut self, _suggested_name: &str, _near: Option<&Path>) -> Picked {
        Picked::Unavailable
    }

    fn pick_folder(&mut self, _near: Option<&Path>) -> Picked {
        Picked::Unavailable
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
