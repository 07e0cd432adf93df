//! A file chooser drawn in the window, for desktops where the system's file dialog cannot
//! be shown (no file-chooser portal answers): Open, Save as, Export and Import still work
//! there, instead of doing nothing.

use super::widgets::error_colour;
use eframe::egui::{self, Key, RichText, Ui};
use std::path::{Path, PathBuf};

/// What the chooser picks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    /// An existing file with one of these extensions.
    Open { extensions: Vec<String> },
    /// A file to write, given this extension when typed without one.
    Save { extension: String },
    /// A folder.
    Folder,
}

/// One row of the folder being shown.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    name: String,
    is_folder: bool,
}

/// What the user did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Chosen(PathBuf),
    Cancelled,
}

/// The chooser's state between frames.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chooser {
    pub title: String,
    pub mode: Mode,
    /// The folder shown; typed paths are read relative to it.
    pub folder: PathBuf,
    /// The folder as typed in its field.
    folder_text: String,
    /// The file name typed or clicked (not used when choosing a folder).
    pub name: String,
    entries: Vec<Entry>,
    error: Option<String>,
    /// A file that exists and would be replaced: asked about before it is.
    replacing: Option<PathBuf>,
    /// The file-name field takes the keyboard when the chooser opens, so a name or a
    /// whole path can be typed at once and Enter confirms it.
    focus_name: bool,
}

/// Where a chooser starts: the given folder (the project's) if it is one, else the
/// user's Documents folder, else the home folder, else the working folder.
pub fn start_folder(near: Option<&Path>) -> PathBuf {
    // On Windows the profile comes first: a HOME set by Git Bash or Cygwin is not the
    // user's profile.
    let home_vars: [&str; 2] = if cfg!(windows) {
        ["USERPROFILE", "HOME"]
    } else {
        ["HOME", "USERPROFILE"]
    };
    let home = home_vars
        .into_iter()
        .find_map(std::env::var_os)
        .filter(|h| !h.is_empty())
        .map(PathBuf::from);
    // Windows says where Documents is (often moved into OneDrive on managed laptops).
    let documents = known_documents_folder()
        .into_iter()
        .chain(home.as_ref().map(|h| h.join("Documents")));
    near.map(Path::to_path_buf)
        .into_iter()
        .chain(documents)
        .chain(home)
        .chain(std::env::current_dir().ok())
        .find(|p| p.is_dir())
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The Documents folder as Windows knows it (`SHGetKnownFolderPath`), wherever policy or
/// OneDrive has moved it.
#[cfg(windows)]
fn known_documents_folder() -> Option<PathBuf> {
    use std::ffi::{OsString, c_void};
    use std::os::windows::ffi::OsStringExt;

    #[repr(C)]
    struct Guid {
        data1: u32,
        data2: u16,
        data3: u16,
        data4: [u8; 8],
    }
    /// FOLDERID_Documents, {FDD39AD0-238F-46AF-ADB4-6C85480369C7}.
    const DOCUMENTS: Guid = Guid {
        data1: 0xFDD3_9AD0,
        data2: 0x238F,
        data3: 0x46AF,
        data4: [0xAD, 0xB4, 0x6C, 0x85, 0x48, 0x03, 0x69, 0xC7],
    };
    #[link(name = "shell32")]
    unsafe extern "system" {
        fn SHGetKnownFolderPath(
            id: *const Guid,
            flags: u32,
            token: *mut c_void,
            path: *mut *mut u16,
        ) -> i32;
    }
    #[link(name = "ole32")]
    unsafe extern "system" {
        fn CoTaskMemFree(memory: *mut c_void);
    }
    // SAFETY: the call writes a NUL-terminated wide string that the caller frees with
    // CoTaskMemFree (also on failure, when it may be null, which CoTaskMemFree accepts).
    unsafe {
        let mut path: *mut u16 = std::ptr::null_mut();
        let result = SHGetKnownFolderPath(&DOCUMENTS, 0, std::ptr::null_mut(), &mut path);
        let folder = (result == 0 && !path.is_null()).then(|| {
            let mut len = 0;
            while *path.add(len) != 0 {
                len += 1;
            }
            PathBuf::from(OsString::from_wide(std::slice::from_raw_parts(path, len)))
        });
        CoTaskMemFree(path.cast());
        folder
    }
}

#[cfg(not(windows))]
fn known_documents_folder() -> Option<PathBuf> {
    None
}

impl Chooser {
    pub fn new(title: &str, mode: Mode, folder: PathBuf, name: &str) -> Self {
        let focus_name = mode != Mode::Folder;
        let mut chooser = Chooser {
            title: title.to_owned(),
            mode,
            folder: PathBuf::new(),
            folder_text: String::new(),
            name: name.to_owned(),
            entries: Vec::new(),
            error: None,
            replacing: None,
            focus_name,
        };
        chooser.enter(folder);
        chooser
    }

    /// Shows the folder, or says why it cannot be read (keeping the one shown before).
    fn enter(&mut self, folder: PathBuf) {
        match read_folder(&folder, &self.mode) {
            Ok(entries) => {
                self.folder_text = folder.display().to_string();
                self.folder = folder;
                self.entries = entries;
                self.error = None;
            }
            Err(e) => {
                self.folder_text = self.folder.display().to_string();
                self.error = Some(format!("{e}: {}", folder.display()));
            }
        }
        self.replacing = None;
    }

    /// The path the user's choice stands for, or why it cannot be used.
    fn target(&self) -> Result<PathBuf, String> {
        let name = self.name.trim();
        match &self.mode {
            Mode::Folder => Ok(self.folder.clone()),
            _ if name.is_empty() => Err("Type a file name, or click one in the list.".into()),
            Mode::Open { .. } => {
                let path = self.folder.join(name);
                if path.is_file() {
                    Ok(path)
                } else {
                    Err(format!("There is no file called '{name}' in this folder."))
                }
            }
            Mode::Save { extension } => {
                let mut path = self.folder.join(name);
                if path.extension().is_none() {
                    path.set_extension(extension);
                }
                Ok(path)
            }
        }
    }

    /// Takes the choice, asking first before a file is replaced. A folder's name typed
    /// or double-clicked opens that folder instead.
    fn confirm(&mut self) -> Option<Outcome> {
        let typed = self.folder.join(self.name.trim());
        if self.mode != Mode::Folder && !self.name.trim().is_empty() && typed.is_dir() {
            self.name.clear();
            self.enter(typed);
            return None;
        }
        match self.target() {
            Ok(path) => {
                let saving = matches!(self.mode, Mode::Save { .. });
                if saving && path.exists() && self.replacing.as_ref() != Some(&path) {
                    self.replacing = Some(path);
                    return None;
                }
                Some(Outcome::Chosen(path))
            }
            Err(e) => {
                self.error = Some(e);
                None
            }
        }
    }

    /// Draws the chooser as a modal window; returns what the user did, once they have.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<Outcome> {
        let mut outcome = None;
        egui::Modal::new(egui::Id::unique("file_chooser")).show(ctx, |ui| {
            ui.set_width(560.0_f32.min(ctx.content_rect().width() - 48.0));
            ui.heading(&self.title);
            ui.label(
                RichText::new(
                    "The system's file dialog is not available here, so choose the file in this window.",
                )
                .small(),
            );
            ui.add_space(6.0);
            let folder_typed = self.folder_row(ui);
            let double_clicked = self.listing(ui);
            if self.mode != Mode::Folder {
                self.name_row(ui);
            }
            if let Some(e) = &self.error {
                ui.label(RichText::new(e).color(error_colour(ui.visuals())));
            }
            outcome = self.buttons(ui, folder_typed);
            if double_clicked {
                outcome = self.confirm();
            }
        });
        if ctx.input(|i| i.key_pressed(Key::Escape)) {
            outcome = Some(Outcome::Cancelled);
        }
        outcome
    }

    /// The folder's field and buttons; true when Enter was pressed in the field (which
    /// moves to the folder typed, and so does not also choose).
    fn folder_row(&mut self, ui: &mut Ui) -> bool {
        ui.horizontal(|ui| {
            let label = ui.label("Folder");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.folder_text)
                        .desired_width(ui.available_width() - 110.0),
                )
                .labelled_by(label.id);
            let typed = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            if typed {
                let folder = PathBuf::from(self.folder_text.trim());
                self.enter(self.folder.join(folder));
            }
            if ui
                .button("Up")
                .on_hover_text("The folder that holds this one")
                .clicked()
                && let Some(parent) = self.folder.parent().map(Path::to_path_buf)
            {
                self.enter(parent);
            }
            if ui
                .button("Home")
                .on_hover_text("Your home folder")
                .clicked()
            {
                self.enter(start_folder(None));
            }
            typed
        })
        .inner
    }

    /// The folder's contents; true when a file was double-clicked (chosen).
    fn listing(&mut self, ui: &mut Ui) -> bool {
        let mut go = None;
        let mut open = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            egui::ScrollArea::vertical()
                .max_height(260.0)
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    if self.entries.is_empty() {
                        ui.label(RichText::new("Nothing to choose in this folder.").weak());
                    }
                    for entry in &self.entries {
                        let text = if entry.is_folder {
                            RichText::new(format!("{}/", entry.name)).strong()
                        } else {
                            RichText::new(&entry.name)
                        };
                        let selected = !entry.is_folder && entry.name == self.name;
                        let row = ui.selectable_label(selected, text);
                        if entry.is_folder && row.clicked() {
                            go = Some(self.folder.join(&entry.name));
                        } else if row.double_clicked() {
                            open = Some(entry.name.clone());
                        } else if row.clicked() {
                            self.name = entry.name.clone();
                            self.replacing = None;
                        }
                    }
                });
        });
        if let Some(folder) = go {
            self.enter(folder);
        }
        match open {
            Some(name) => {
                self.name = name;
                self.replacing = None;
                true
            }
            None => false,
        }
    }

    fn name_row(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let label = ui.label("File name");
            let field = ui
                .add(egui::TextEdit::singleline(&mut self.name).desired_width(f32::INFINITY))
                .labelled_by(label.id);
            if std::mem::take(&mut self.focus_name) {
                field.request_focus();
            }
            if field.changed() {
                self.replacing = None;
                self.error = None;
            }
        });
    }

    fn buttons(&mut self, ui: &mut Ui, folder_typed: bool) -> Option<Outcome> {
        let mut outcome = None;
        if let Some(path) = &self.replacing {
            ui.label(format!(
                "{} already exists. Replace it?",
                path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into()
                )
            ));
        }
        let action = match (&self.mode, &self.replacing) {
            (Mode::Open { .. }, _) => "Open",
            (Mode::Save { .. }, None) => "Save",
            (Mode::Save { .. }, Some(_)) => "Replace",
            (Mode::Folder, _) => "Choose this folder",
        };
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let enter = ui.input(|i| i.key_pressed(Key::Enter)) && !folder_typed;
            if ui.button(action).clicked() || enter {
                outcome = self.confirm();
            }
            if ui.button("Cancel").clicked() {
                outcome = Some(Outcome::Cancelled);
            }
        });
        outcome
    }
}

/// The folders and the files the mode can use, folders first, each sorted by name
/// without regard to case; hidden entries (a leading dot) are left out.
fn read_folder(folder: &Path, mode: &Mode) -> std::io::Result<Vec<Entry>> {
    let mut entries: Vec<Entry> = std::fs::read_dir(folder)?
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let is_folder = e.path().is_dir();
            let wanted = match mode {
                _ if name.starts_with('.') => false,
                _ if is_folder => true,
                Mode::Folder => false,
                Mode::Open { extensions } => {
                    let ext = Path::new(&name)
                        .extension()
                        .map(|x| x.to_string_lossy().to_lowercase());
                    ext.is_some_and(|x| extensions.contains(&x))
                }
                Mode::Save { .. } => true,
            };
            wanted.then_some(Entry { name, is_folder })
        })
        .collect();
    entries.sort_by(|a, b| {
        b.is_folder
            .cmp(&a.is_folder)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder_with_files() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("a temporary folder");
        for name in ["b.ron", "A.ron", "notes.txt", ".hidden.ron"] {
            std::fs::write(dir.path().join(name), "x").expect("written");
        }
        std::fs::create_dir(dir.path().join("archive")).expect("made");
        dir
    }

    #[test]
    fn open_lists_folders_first_then_the_files_it_can_open() {
        let dir = folder_with_files();
        let mode = Mode::Open {
            extensions: vec!["ron".into()],
        };
        let names: Vec<String> = read_folder(dir.path(), &mode)
            .expect("read")
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(names, ["archive", "A.ron", "b.ron"]);
    }

    #[test]
    fn save_adds_the_extension_and_asks_before_replacing() {
        let dir = folder_with_files();
        let mode = Mode::Save {
            extension: "ron".into(),
        };
        let mut c = Chooser::new("Save", mode, dir.path().to_path_buf(), "new");
        assert_eq!(
            c.confirm(),
            Some(Outcome::Chosen(dir.path().join("new.ron")))
        );
        c.name = "b".into();
        assert_eq!(c.confirm(), None, "asks first");
        assert_eq!(c.replacing, Some(dir.path().join("b.ron")));
        assert_eq!(c.confirm(), Some(Outcome::Chosen(dir.path().join("b.ron"))));
        // A folder's name opens that folder.
        c.name = "archive".into();
        assert_eq!(c.confirm(), None);
        assert_eq!(c.folder, dir.path().join("archive"));
    }

    #[test]
    fn open_refuses_a_name_that_is_not_there_and_a_folder_that_cannot_be_read() {
        let dir = folder_with_files();
        let mode = Mode::Open {
            extensions: vec!["ron".into()],
        };
        let mut c = Chooser::new("Open", mode, dir.path().to_path_buf(), "");
        assert_eq!(c.confirm(), None);
        c.name = "missing.ron".into();
        assert_eq!(c.confirm(), None);
        assert!(
            c.error
                .as_deref()
                .is_some_and(|e| e.contains("no file called"))
        );
        c.enter(dir.path().join("no such folder"));
        assert_eq!(c.folder, dir.path());
        assert!(c.error.is_some());
        c.name = "A.ron".into();
        assert_eq!(c.confirm(), Some(Outcome::Chosen(dir.path().join("A.ron"))));
    }
}
