//! File actions: opening a project (at once, or on a thread behind the loading screen),
//! saving and saving as, and the window's own file chooser where no system dialog can be
//! shown. Writing the file, at once or on a thread, is `save_actions.rs`; the lock and
//! recovery file around opening and saving are `recovery_actions.rs`.

use super::{Dialog, PartnershipApp, Then, View};
use crate::file;
use crate::ui::chooser::{self, Chooser, Mode};
use crate::ui::commands::Command;
use crate::ui::document::Document;
use crate::ui::files::{self, Picked};
use crate::ui::loading::{Loading, Poll};
use eframe::egui;
use std::path::{Path, PathBuf};

/// What a file chosen in the window's own chooser is for (where no system dialog can be
/// shown).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileFor {
    Open,
    /// Save as, then go on with what was waiting for the save, if anything.
    SaveAs(Option<Then>),
    Export(Command),
    ImportUnitCosts,
    /// Another version of the project, to compare it with.
    Compare,
}

impl PartnershipApp {
    /// Opens a file; on failure says why and leaves the current project as it was.
    ///
    /// A file of [`Self::background_open_bytes`] or more is read, checked and appraised
    /// on a thread while the window shows the loading screen: the project changes only
    /// when the new one is ready (see [`Self::loading`]). A smaller file opens at once.
    pub fn open_path(&mut self, path: &Path) {
        self.open(path, false);
    }
    /// [`Self::open_path`]; with `after_first_frame`, a large file's thread waits until
    /// the window has drawn a frame (the loading screen).
    pub(super) fn open(&mut self, path: &Path, after_first_frame: bool) {
        if self.refuse_while_loading() {
            return;
        }
        let bytes = std::fs::metadata(path).map(|m| m.len()).ok();
        // Too large to open is said at once, without a thread.
        if let Some(bytes) =
            bytes.filter(|b| (self.background_open_bytes..=file::MAX_FILE_BYTES).contains(b))
        {
            let mut loading = Loading::new(path, bytes);
            let began = if after_first_frame {
                Ok(())
            } else {
                loading.begin()
            };
            match began {
                Ok(()) => {
                    self.status = format!("Opening {}…", path.display());
                    self.loading = Some(loading);
                    return;
                }
                // No thread to be had: open it here, as a small file is.
                Err(e) => eprintln!("note: opening on the window's thread ({e})"),
            }
        }
        self.open_here(path);
    }
    /// Reads and installs `path` on this thread.
    fn open_here(&mut self, path: &Path) {
        let opened = file::load(path)
            .map(|project| Document::opened(project, path.to_owned()))
            .map_err(|e| e.to_string());
        self.finish_open(path, opened);
    }
    /// Installs a document read from `path`, or says why it could not be read.
    fn finish_open(&mut self, path: &Path, opened: Result<Document, String>) {
        match opened {
            Ok(doc) => {
                let old = std::mem::replace(&mut self.doc, doc);
                let_go(old);
                self.view = View::Portfolio;
                self.focus = None;
                files::remember(&mut self.recent, path.to_owned());
                self.status = format!("Opened {}", path.display());
                self.after_open(path);
            }
            Err(e) => self.show_message(
                "The file could not be opened",
                &format!("{e}\n\nThe project you had open is unchanged."),
                false,
            ),
        }
    }
    /// The file being opened on a thread, if any.
    pub fn loading(&self) -> Option<&Loading> {
        self.loading.as_ref()
    }
    /// Stops waiting for the file being opened: the project stays as it is. The thread
    /// cannot be stopped mid-parse; what it makes is dropped when it finishes.
    pub fn cancel_loading(&mut self) {
        if let Some(loading) = self.loading.take() {
            self.status = format!(
                "Stopped opening {}: the project you had open is unchanged",
                loading.path.display()
            );
        }
    }
    /// Each frame: takes the finished document from the loading thread, if it is ready.
    pub(super) fn poll_loading(&mut self, ctx: &egui::Context) {
        let Some(loading) = &mut self.loading else {
            return;
        };
        if !loading.is_started() {
            if ctx.cumulative_frame_nr() == 0 {
                // The next frame starts the thread: at once, once this one is shown.
                ctx.request_repaint();
            } else if let Err(e) = loading.begin() {
                eprintln!("note: opening on the window's thread ({e})");
                let path = loading.path.clone();
                self.loading = None;
                self.open_here(&path);
                return;
            }
        }
        let Poll::Done(opened) = loading.poll(ctx) else {
            return;
        };
        let opened = opened.map(|doc| *doc);
        let path = loading.path.clone();
        self.loading = None;
        // The recovery offer waits behind the loading screen; what opening says (an error,
        // or another copy holding the file) then shows inside it, as it does at start.
        let waiting = self.dialog.take();
        self.finish_open(&path, opened);
        let said = self.dialog.take();
        self.dialog = match (waiting, said) {
            (Some(Dialog::Recover), Some(Dialog::Message { title, text, .. })) => {
                self.recovery.problems.insert(0, format!("{title}. {text}"));
                Some(Dialog::Recover)
            }
            (waiting, None) => waiting,
            (_, said) => said,
        };
        ctx.request_repaint();
    }
    /// True (and says why) when a file is still opening: commands that would change or
    /// replace the project are refused until it is open or cancelled.
    pub(super) fn refuse_while_loading(&mut self) -> bool {
        let Some(loading) = &self.loading else {
            return false;
        };
        self.status = format!(
            "Still opening {}: try again once it is open, or cancel opening it",
            loading.file_name()
        );
        true
    }
    /// Saves to the current file, or asks for one. True when saved.
    pub fn save(&mut self) -> bool {
        match self.doc.path.clone() {
            Some(path) => self.save_to(&path),
            None => self.save_as(),
        }
    }
    pub fn save_as(&mut self) -> bool {
        self.save_as_then(None)
    }
    /// Saves, then `then`; where the file has to be chosen in the window, after that.
    pub(super) fn save_then(&mut self, then: Then) {
        match self.doc.path.clone() {
            Some(path) => {
                self.write_project(&path, Some(then));
            }
            None => {
                self.save_as_then(Some(then));
            }
        }
    }
    /// Save as…, then `then` once saved. Where the window's own chooser has to ask, this
    /// returns false at once and the chooser goes on with `then` after saving.
    fn save_as_then(&mut self, then: Option<Then>) -> bool {
        let suggested = files::suggested_file_name(&self.doc.project.name);
        let near = self.folder();
        match self.picker.pick_save(&suggested, near.as_deref()) {
            Picked::Path(path) => self.save_to_then(path, then),
            Picked::Cancelled => false,
            Picked::Unavailable => {
                self.choose(FileFor::SaveAs(then));
                false
            }
        }
    }
    /// Saves to the path chosen (".ron" added when it has no extension), then `then`.
    fn save_to_then(&mut self, mut path: PathBuf, then: Option<Then>) -> bool {
        if path.extension().is_none() {
            path.set_extension("ron");
        }
        self.write_project(&path, then)
    }
    /// Saves to `path`, first asking if another program changed the file. True when
    /// saved now; a large project is written on a thread (see save_actions.rs).
    pub fn save_to(&mut self, path: &Path) -> bool {
        self.write_project(path, None)
    }
    /// The folder the project's file is in, where file choosers start.
    pub(super) fn folder(&self) -> Option<PathBuf> {
        self.doc
            .path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
    }
    /// The name an export or a copy of the project is offered under: the project file's
    /// own name once it has one, else one made from the project's name.
    pub(super) fn file_stem(&self) -> String {
        self.doc
            .path
            .as_deref()
            .and_then(Path::file_stem)
            .map(|s| s.to_string_lossy().into_owned())
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| {
                files::suggested_file_name(&self.doc.project.name)
                    .trim_end_matches(".ron")
                    .to_owned()
            })
    }
    /// Opens the window's own file chooser for `purpose`.
    pub(super) fn choose(&mut self, purpose: FileFor) {
        let stem = self.file_stem();
        let (title, mode, name) = match &purpose {
            FileFor::Open => (
                "Open a project",
                open_mode(&files::PROJECT_FILE),
                String::new(),
            ),
            FileFor::SaveAs(_) => (
                "Save the project as",
                save_mode("ron"),
                format!("{stem}.ron"),
            ),
            FileFor::Export(Command::ExportXlsx) => (
                "Export the workbook",
                save_mode("xlsx"),
                format!("{stem}.xlsx"),
            ),
            FileFor::Export(Command::ExportHtml) => (
                "Export the board pack",
                save_mode("html"),
                format!("{stem}.html"),
            ),
            FileFor::Export(Command::ExportDocx) => (
                "Export the committee report",
                save_mode("docx"),
                format!("{stem}.docx"),
            ),
            FileFor::Export(Command::ExportReviewDocx) => (
                "Export the annual review report",
                save_mode("docx"),
                format!("{stem}-annual-review.docx"),
            ),
            FileFor::Export(Command::ExportReviewCsv) => (
                "Export the annual review",
                save_mode("csv"),
                format!("{stem}-annual-review.csv"),
            ),
            FileFor::Export(_) => (
                "Choose a folder for the CSV files",
                Mode::Folder,
                String::new(),
            ),
            FileFor::ImportUnitCosts => (
                "Import unit costs from a CSV file",
                open_mode(&files::CSV_FILE),
                String::new(),
            ),
            FileFor::Compare => (
                "Compare with another version of the project",
                open_mode(&files::PROJECT_FILE),
                String::new(),
            ),
        };
        let start = chooser::start_folder(self.folder().as_deref());
        self.chooser = Some((purpose, Chooser::new(title, mode, start, &name)));
    }
    /// Draws the window's own file chooser, if open, and carries out its choice.
    pub(super) fn file_chooser(&mut self, ctx: &egui::Context) {
        let Some((purpose, mut chooser)) = self.chooser.take() else {
            return;
        };
        match chooser.show(ctx) {
            None => self.chooser = Some((purpose, chooser)),
            Some(chooser::Outcome::Cancelled) => {}
            Some(chooser::Outcome::Chosen(path)) => match purpose {
                FileFor::Open => self.open_path(&path),
                FileFor::SaveAs(then) => {
                    self.save_to_then(path, then);
                }
                FileFor::Export(command) => self.export_to(command, Some(path)),
                FileFor::ImportUnitCosts => self.import_unit_costs_from(&path),
                FileFor::Compare => self.compare_with_path(path),
            },
        }
    }
}

fn open_mode(kind: &files::FileKind) -> Mode {
    Mode::Open {
        extensions: kind.extensions.iter().map(|e| (*e).to_owned()).collect(),
    }
}

fn save_mode(extension: &str) -> Mode {
    Mode::Save {
        extension: extension.to_owned(),
    }
}

/// Lets go of a project that was replaced, on a thread: a large one takes a noticeable
/// moment to free.
fn let_go(doc: Document) {
    if doc.project.partnerships.len() < 500 {
        return;
    }
    // If no thread can be had, the closure (and the project) is dropped here instead.
    let _ = std::thread::Builder::new()
        .name("free project".into())
        .spawn(move || drop(doc));
}
