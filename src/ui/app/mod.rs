//! The application: window layout, commands, file actions and dialogs.

use super::chooser::{self, Chooser, Mode};
use super::commands::Command;
use super::document::Document;
use super::files::{self, FilePicker, Picked};
use super::loading::{BACKGROUND_FROM_BYTES, Loading, Poll};
use super::{board, editor, partners, results, settings, start};
use crate::appraisal::{Location, Severity};
use crate::model::{Named, Partner, PartnerKind, Partnership, Project, unique_name};
use crate::{file, format};
use eframe::egui::{self, Align, Color32, Layout, RichText, Ui, ViewportCommand};
use std::path::{Path, PathBuf};

pub use super::state::{Dialog, Section, Then, View};

/// What a file chosen in the window's own chooser is for (where no system dialog can be
/// shown).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileFor {
    Open,
    /// Save as, then go on with what was waiting for the save, if anything.
    SaveAs(Option<Then>),
    Export(Command),
    ImportUnitCosts,
}

pub struct PartnershipApp {
    pub doc: Document,
    pub view: View,
    pub section: Section,
    pub dialog: Option<Dialog>,
    pub recent: Vec<PathBuf>,
    /// The last thing done, shown in the status bar.
    pub status: String,
    /// Lines or sections a diagnostic asked to open, by their location.
    pub focus: Option<Location>,
    pub show_problems: bool,
    /// Set while presenting to the board: no edit widgets are shown.
    pub presentation: Option<super::present::Presentation>,
    /// The dashboard's sort and filters, and the partner network's view.
    pub board: super::board::Board,
    /// The partnership the committee report is about; `None`: the portfolio.
    pub report_for: Option<usize>,
    analysis: super::analysis::State,
    /// Autosave and the recovery files offered at start.
    pub recovery: super::recovery::Recovery,
    /// The lock on the open file and its size and time when last read or written.
    pub guard: super::recovery::FileGuard,
    /// A file being opened on a thread; the project above stays as it was until it is ready.
    loading: Option<Loading>,
    /// A large project being saved on a thread (see saving.rs).
    pub(super) saving: Option<super::saving::Saving>,
    /// Projects of at least this many partnerships are saved and autosaved on a thread.
    /// [`super::writing::THREAD_FROM_PARTNERSHIPS`] unless a test chooses otherwise.
    pub background_save_partnerships: usize,
    /// Files at least this many bytes open on a thread behind the loading screen; smaller
    /// ones at once. [`BACKGROUND_FROM_BYTES`] unless a test chooses otherwise.
    pub background_open_bytes: u64,
    queued: Vec<Command>,
    picker: Box<dyn FilePicker>,
    /// The window's own file chooser, while it is open, and what the file is for.
    pub chooser: Option<(FileFor, Chooser)>,
    allow_close: bool,
    title: String,
    /// The results panel is hidden (View › Show or hide the results panel, F9); kept
    /// between runs.
    pub results_hidden: bool,
    /// Hidden for now because the window is narrow (see [`NARROW_WINDOW`]).
    results_hidden_narrow: bool,
    was_narrow: bool,
}

/// Below this width in points the results panel starts hidden.
pub const NARROW_WINDOW: f32 = 1000.0;

const RECENT_KEY: &str = "recent_files";
const RESULTS_HIDDEN_KEY: &str = "results_panel_hidden";

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

impl PartnershipApp {
    pub fn new(doc: Document, picker: Box<dyn FilePicker>) -> Self {
        PartnershipApp {
            doc,
            view: View::Portfolio,
            section: Section::Register,
            dialog: None,
            recent: Vec::new(),
            status: String::new(),
            focus: None,
            show_problems: false,
            presentation: None,
            board: super::board::Board::default(),
            report_for: None,
            analysis: super::analysis::State::default(),
            recovery: super::recovery::Recovery::default(),
            guard: super::recovery::FileGuard::default(),
            loading: None,
            saving: None,
            background_save_partnerships: super::writing::THREAD_FROM_PARTNERSHIPS,
            background_open_bytes: BACKGROUND_FROM_BYTES,
            queued: Vec::new(),
            picker,
            chooser: None,
            allow_close: false,
            title: String::new(),
            results_hidden: false,
            results_hidden_narrow: false,
            was_narrow: false,
        }
    }

    /// The app as the binary starts it: a file from the command line, or the start screen.
    pub fn start(cc: &eframe::CreationContext<'_>, path: Option<PathBuf>) -> Self {
        PartnershipApp::start_with(
            cc,
            path,
            Box::new(files::NativePicker::default()),
            super::recovery::RecoveryStore::from_env(),
        )
    }

    /// `start` with the file picker and recovery folder given (tests use their own),
    /// offering any recovery files a stopped run left.
    pub fn start_with(
        cc: &eframe::CreationContext<'_>,
        path: Option<PathBuf>,
        picker: Box<dyn FilePicker>,
        recovery: Option<super::recovery::RecoveryStore>,
    ) -> Self {
        super::configure_style(&cc.egui_ctx);
        let mut app = PartnershipApp::new(Document::untitled(Project::new("New project")), picker);
        app.recovery = super::recovery::Recovery::new(recovery);
        app.view = View::Start;
        if let Some(storage) = cc.storage
            && let Some(recent) = eframe::get_value::<Vec<PathBuf>>(storage, RECENT_KEY)
        {
            app.recent = recent;
        }
        if let Some(storage) = cc.storage
            && let Some(hidden) = eframe::get_value::<bool>(storage, RESULTS_HIDDEN_KEY)
        {
            app.results_hidden = hidden;
        }
        if let Some(path) = path {
            // A large file's thread starts once the window has shown its first frame, so
            // the two do not compete for the processor while the window is being made.
            app.open(&path, true);
        }
        app.offer_recovery();
        app
    }

    /// Runs a command as if chosen from a menu.
    pub fn run(&mut self, command: Command) {
        self.queued.push(command);
    }

    fn execute(&mut self, ctx: &egui::Context, command: Command) {
        if refused_while_loading(command) && self.refuse_while_loading() {
            return;
        }
        let writes_or_replaces = matches!(
            command,
            Command::New | Command::Open | Command::Save | Command::SaveAs
        );
        if writes_or_replaces && self.refuse_while_saving() {
            return;
        }
        match command {
            Command::New => self.guard(Then::New),
            Command::Open => self.guard(Then::Open(None)),
            Command::Save => {
                self.save();
            }
            Command::SaveAs => {
                self.save_as();
            }
            Command::Quit => ctx.send_viewport_cmd(ViewportCommand::Close),
            Command::Undo => {
                self.doc.undo();
                self.status = "Undone".into();
            }
            Command::Redo => {
                self.doc.redo();
                self.status = "Redone".into();
            }
            Command::AddPartnership => {
                let name = unique_name(
                    "New partnership",
                    self.doc
                        .project
                        .partnerships
                        .iter()
                        .map(|p| p.name.as_str()),
                );
                self.doc
                    .apply(|p| p.partnerships.push(Partnership::new(name)));
                self.view = View::Partnership(self.doc.project.partnerships.len() - 1);
                self.section = Section::Register;
            }
            Command::AddPartner => {
                let name = unique_name(
                    "New partner",
                    self.doc.project.partners.iter().map(|p| p.name.as_str()),
                );
                self.doc
                    .apply(|p| p.partners.push(Partner::new(name, PartnerKind::Council)));
                self.view = View::Partner(self.doc.project.partners.len() - 1);
            }
            Command::ShowPortfolio => self.view = View::Portfolio,
            Command::ShowNetwork => self.view = View::Network,
            Command::ShowSettings => self.view = View::Settings,
            Command::ToggleResults => {
                let hidden = self.results_hidden || self.results_hidden_narrow;
                self.results_hidden = !hidden;
                self.results_hidden_narrow = false;
            }
            Command::ToggleTheme => {
                let dark = ctx.global_style().visuals.dark_mode;
                ctx.set_theme(if dark {
                    egui::Theme::Light
                } else {
                    egui::Theme::Dark
                });
            }
            Command::Help => {
                // Not over the recovery offer waiting behind the loading screen.
                if self.dialog.is_none() {
                    self.dialog = Some(Dialog::Help);
                }
            }
            Command::Present => {
                self.doc.commit_pending();
                let source = self.doc.committed();
                self.presentation = Some(super::present::Presentation::of(source));
                ctx.send_viewport_cmd(ViewportCommand::Fullscreen(true));
            }
            Command::ExportXlsx | Command::ExportCsv | Command::ExportHtml => self.export(command),
            Command::ExportDocx => self.export(command),
            Command::ShowReport => self.view = View::Report,
        }
    }

    /// Does `then` now, or first asks what to do with unsaved changes.
    pub fn guard(&mut self, then: Then) {
        if then != Then::Quit && self.refuse_while_loading() {
            return;
        }
        if self.refuse_while_saving() {
            return;
        }
        if self.doc.is_dirty() {
            self.dialog = Some(Dialog::Unsaved(then));
        } else {
            self.proceed(then);
        }
    }

    pub(super) fn proceed(&mut self, then: Then) {
        match then {
            Then::New => {
                self.release_file();
                self.doc = Document::untitled(Project::new("New project"));
                self.view = View::Settings;
                self.status = "New project".into();
            }
            Then::Open(Some(path)) => self.open_path(&path),
            Then::Open(None) => {
                let near = self.folder();
                match self.picker.pick_open(&files::PROJECT_FILE, near.as_deref()) {
                    Picked::Path(path) => self.open_path(&path),
                    Picked::Cancelled => {}
                    Picked::Unavailable => self.choose(FileFor::Open),
                }
            }
            Then::OpenExample(i) => {
                if let Some((name, text)) = files::EXAMPLES.get(i) {
                    match file::parse(text) {
                        Ok(project) => {
                            self.release_file();
                            self.doc = Document::untitled(project);
                            self.view = View::Portfolio;
                            self.status = format!(
                                "Opened the example '{name}': Save as… to keep your changes"
                            );
                        }
                        Err(e) => self.show_message(
                            "The example could not be opened",
                            &e.to_string(),
                            false,
                        ),
                    }
                }
            }
            Then::Quit => {
                // Saved or discarded: either way the recovery file has done its job.
                self.discard_recovery_file();
                self.allow_close = true;
                self.queued.push(Command::Quit);
            }
        }
    }

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
    fn open(&mut self, path: &Path, after_first_frame: bool) {
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
    fn poll_loading(&mut self, ctx: &egui::Context) {
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
    fn refuse_while_loading(&mut self) -> bool {
        let Some(loading) = &self.loading else {
            return false;
        };
        self.status = format!(
            "Still opening {}: try again once it is open, or cancel opening it",
            loading.file_name()
        );
        true
    }

    /// A dialog is in front of the window (the recovery offer waits while a file opens).
    fn dialog_shown(&self) -> bool {
        match &self.dialog {
            Some(Dialog::Recover) => self.loading.is_none(),
            Some(_) => true,
            None => false,
        }
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
    fn save_then(&mut self, then: Then) {
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

    /// The folder the project's file is in, where file choosers start.
    fn folder(&self) -> Option<PathBuf> {
        self.doc
            .path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
    }

    /// The name an export or a copy of the project is offered under: the project file's
    /// own name once it has one, else one made from the project's name.
    fn file_stem(&self) -> String {
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
    fn choose(&mut self, purpose: FileFor) {
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
        };
        let start = chooser::start_folder(self.folder().as_deref());
        self.chooser = Some((purpose, Chooser::new(title, mode, start, &name)));
    }

    /// Draws the window's own file chooser, if open, and carries out its choice.
    fn file_chooser(&mut self, ctx: &egui::Context) {
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
            },
        }
    }

    /// Saves to `path`, first asking if another program changed the file. True when
    /// saved now; a large project is written on a thread (see saving.rs).
    pub fn save_to(&mut self, path: &Path) -> bool {
        self.write_project(path, None)
    }

    /// Writes an export the user asked for, atomically, where they choose.
    fn export(&mut self, command: Command) {
        self.export_to(command, None);
    }

    /// Writes an export to `chosen` (a file, or the CSV files' folder), or where the user
    /// chooses when `None`.
    fn export_to(&mut self, command: Command, chosen: Option<PathBuf>) {
        let stem = self.file_stem();
        let near = self.folder();
        let committee = super::report::committee_report(self.report_for, self.doc.path.as_deref());
        let (project, results) = self.doc.project_and_results();
        let built: Result<(String, Vec<u8>), String> = match command {
            Command::ExportXlsx => crate::export::xlsx(project, &results.appraisal)
                .map(|bytes| (format!("{stem}.xlsx"), bytes))
                .map_err(|e| e.to_string()),
            Command::ExportHtml => Ok((
                format!("{stem}.html"),
                crate::export::html_issued(project, &results.appraisal, &crate::export::today())
                    .into_bytes(),
            )),
            Command::ExportDocx => crate::export::docx(project, &results.appraisal, &committee)
                .map(|bytes| (format!("{stem}.docx"), bytes))
                .map_err(|e| e.to_string()),
            _ => {
                let files = crate::export::csv_files(project, &results.appraisal);
                let folder = match chosen {
                    Some(dir) => Picked::Path(dir),
                    None => self.picker.pick_folder(near.as_deref()),
                };
                let written = match folder {
                    Picked::Path(dir) => files
                        .iter()
                        .try_for_each(|(name, text)| {
                            file::write_atomic(&dir.join(name), text.as_bytes())
                        })
                        .map(|()| Some(dir))
                        .map_err(|e| e.to_string()),
                    Picked::Cancelled => Ok(None),
                    Picked::Unavailable => {
                        self.choose(FileFor::Export(command));
                        Ok(None)
                    }
                };
                self.after_export(written);
                return;
            }
        };
        let written = built.and_then(|(name, bytes)| {
            let path = match chosen {
                Some(path) => Picked::Path(path),
                None => self.picker.pick_save(&name, near.as_deref()),
            };
            match path {
                Picked::Path(path) => file::write_atomic(&path, &bytes)
                    .map(|()| Some(path.clone()))
                    .map_err(|e| format!("{e}: {}", path.display())),
                Picked::Cancelled => Ok(None),
                Picked::Unavailable => {
                    self.choose(FileFor::Export(command));
                    Ok(None)
                }
            }
        });
        self.after_export(written);
    }

    fn after_export(&mut self, written: Result<Option<PathBuf>, String>) {
        match written {
            Ok(Some(path)) => self.status = format!("Exported to {}", path.display()),
            Ok(None) => {}
            Err(e) => self.show_message("The export could not be written", &e, false),
        }
    }

    /// Adds unit values from a CSV file the user picks, rebased to the price base year
    /// where deflators allow, and says what was added, skipped and left out.
    pub fn import_unit_costs(&mut self) {
        let near = self.folder();
        match self.picker.pick_open(&files::CSV_FILE, near.as_deref()) {
            Picked::Path(path) => self.import_unit_costs_from(&path),
            Picked::Cancelled => {}
            Picked::Unavailable => self.choose(FileFor::ImportUnitCosts),
        }
    }

    fn import_unit_costs_from(&mut self, path: &Path) {
        let text = match std::fs::read(path) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) => {
                return self.show_message(
                    "The file could not be read",
                    &format!("{e}: {}", path.display()),
                    false,
                );
            }
        };
        match crate::import::unit_costs::read(&text, &self.doc.project) {
            Ok(mut import) => {
                crate::import::unit_costs::rebase(&self.doc.project, &mut import);
                let values = import.unit_values();
                let added = values.len();
                self.doc.apply(|p| p.unit_values.extend(values));
                let mut report = vec![format!(
                    "Added {added} unit values from {}.",
                    path.display()
                )];
                report.extend(
                    import
                        .existing
                        .iter()
                        .map(|n| format!("Skipped, already in the library: {n}")),
                );
                report.extend(import.errors.iter().map(|n| format!("Left out: {n}")));
                report.extend(import.notes.iter().map(|n| format!("Check: {n}")));
                self.show_message("Unit costs imported", &report.join("\n"), false);
            }
            Err(e) => self.show_message(
                "The unit costs could not be imported",
                &format!("{e}: {}", path.display()),
                false,
            ),
        }
    }

    pub(super) fn show_message(&mut self, title: &str, text: &str, save_as: bool) {
        self.dialog = Some(Dialog::Message {
            title: title.into(),
            text: text.into(),
            save_as,
        });
        self.status = title.into();
    }

    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        // Presenting shows no edit widgets, so no edit shortcuts either (Esc leaves).
        if self.dialog_shown() || self.presentation.is_some() {
            return;
        }
        // Shortcuts with more modifiers first, so Ctrl+Shift+Z is not taken as Ctrl+Z.
        let mut all: Vec<(egui::KeyboardShortcut, Command)> = Command::ALL
            .iter()
            .flat_map(|c| c.shortcuts().iter().map(move |s| (*s, *c)))
            .collect();
        all.sort_by_key(|(s, _)| {
            std::cmp::Reverse(s.modifiers.shift as u8 + s.modifiers.alt as u8)
        });
        for (shortcut, command) in all {
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.queued.push(command);
            }
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let marker = if self.doc.is_dirty() { "*" } else { "" };
        let title = match &self.loading {
            Some(loading) => format!("Opening {}… - Partnership Appraisal", loading.file_name()),
            None => format!(
                "{marker}{} - Partnership Appraisal",
                self.doc.display_name()
            ),
        };
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// The window title as last set.
    pub fn title(&self) -> &str {
        &self.title
    }

    fn menu_item(&mut self, ui: &mut Ui, command: Command, enabled: bool) {
        let mut button = egui::Button::new(command.label());
        if let Some(shortcut) = command.shortcuts().first() {
            button = button.shortcut_text(ui.ctx().format_shortcut(shortcut));
        }
        if ui
            .add_enabled(enabled, button)
            .on_hover_text(command.tooltip())
            .clicked()
        {
            self.queued.push(command);
            ui.close();
        }
    }

    fn menu_bar(&mut self, ui: &mut Ui) {
        // While a file opens, only what leaves the project alone is offered.
        let idle = self.loading.is_none();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                self.menu_item(ui, Command::New, idle);
                self.menu_item(ui, Command::Open, idle);
                ui.add_enabled_ui(idle, |ui| {
                    ui.menu_button("Open recent", |ui| {
                        if self.recent.is_empty() {
                            ui.label("No recent files");
                        }
                        for path in self.recent.clone() {
                            if ui.button(path.display().to_string()).clicked() {
                                self.guard(Then::Open(Some(path)));
                                ui.close();
                            }
                        }
                    });
                    ui.menu_button("Open example", |ui| {
                        for (i, (name, _)) in files::EXAMPLES.iter().enumerate() {
                            if ui.button(*name).clicked() {
                                self.guard(Then::OpenExample(i));
                                ui.close();
                            }
                        }
                    });
                });
                ui.separator();
                self.menu_item(ui, Command::Save, idle);
                self.menu_item(ui, Command::SaveAs, idle);
                ui.add_enabled_ui(idle, |ui| {
                    ui.menu_button("Export", |ui| {
                        self.menu_item(ui, Command::ExportXlsx, true);
                        self.menu_item(ui, Command::ExportCsv, true);
                        self.menu_item(ui, Command::ExportHtml, true);
                        self.menu_item(ui, Command::ExportDocx, true);
                    });
                });
                ui.separator();
                self.menu_item(ui, Command::Quit, true);
            });
            ui.menu_button("Edit", |ui| {
                let (can_undo, can_redo) = (self.doc.can_undo(), self.doc.can_redo());
                self.menu_item(ui, Command::Undo, can_undo && idle);
                self.menu_item(ui, Command::Redo, can_redo && idle);
                ui.separator();
                self.menu_item(ui, Command::AddPartnership, idle);
                self.menu_item(ui, Command::AddPartner, idle);
            });
            ui.menu_button("View", |ui| {
                self.menu_item(ui, Command::ShowPortfolio, true);
                self.menu_item(ui, Command::ShowNetwork, true);
                self.menu_item(ui, Command::ShowSettings, true);
                self.menu_item(ui, Command::ShowReport, true);
                ui.separator();
                self.menu_item(ui, Command::ToggleTheme, true);
                self.menu_item(ui, Command::ToggleResults, true);
                ui.separator();
                self.menu_item(ui, Command::Present, idle);
            });
            ui.menu_button("Help", |ui| {
                self.menu_item(ui, Command::Help, true);
            });
        });
    }

    fn navigator(&mut self, ui: &mut Ui) {
        // The partnership and partner lists scroll on their own (not the whole panel), so
        // the partnership list can lay out only the rows in view.
        ui.vertical(|ui| {
            ui.add_space(6.0);
            ui.label(RichText::new(&self.doc.project.name).strong().size(17.0));
            ui.add_space(4.0);
            for (view, label) in [
                (View::Portfolio, "Portfolio results"),
                (View::Network, "Partner network"),
                (View::Settings, "Project settings"),
                (View::Library, "Unit values and deflators"),
                (View::Report, "Committee report"),
            ] {
                if ui.selectable_label(self.view == view, label).clicked() {
                    self.view = view;
                }
            }
            ui.separator();
            ui.horizontal(|ui| {
                ui.label(RichText::new("Partnerships").strong());
                if ui
                    .small_button("Add partnership")
                    .on_hover_text(Command::AddPartnership.tooltip())
                    .clicked()
                {
                    self.queued.push(Command::AddPartnership);
                }
            });
            // Only the rows in view are laid out, so thousands of partnerships cost
            // no more a frame than a screenful.
            let view = self.view;
            let mut chosen = None;
            let (project, results) = self.doc.project_and_results();
            let row_height = ui.spacing().interact_size.y.max(
                ui.text_style_height(&egui::TextStyle::Button)
                    + 2.0 * ui.spacing().button_padding.y,
            );
            egui::ScrollArea::vertical()
                .id_salt("navigator_partnerships")
                .max_height((ui.available_height() * 0.6).max(row_height * 4.0))
                .show_rows(ui, row_height, project.partnerships.len(), |ui, rows| {
                    // One line a row (a long name is cut short, and shown whole on hover),
                    // so every row has the height the list is laid out by.
                    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                    for i in rows {
                        let Some(p) = project.partnerships.get(i) else {
                            continue;
                        };
                        let negative = results
                            .appraisal
                            .partnerships
                            .get(i)
                            .is_some_and(|r| r.negative);
                        let text = if negative {
                            RichText::new(format!("{} (negative)", p.name)).color(results::NEGATIVE)
                        } else {
                            RichText::new(&p.name)
                        };
                        if ui
                            .selectable_label(view == View::Partnership(i), text)
                            .on_hover_text(&p.name)
                            .clicked()
                        {
                            chosen = Some(i);
                        }
                    }
                });
            if let Some(i) = chosen {
                self.view = View::Partnership(i);
            }
            ui.separator();
            ui.horizontal(|ui| {
                ui.label(RichText::new("Partners").strong());
                if ui
                    .small_button("Add partner")
                    .on_hover_text(Command::AddPartner.tooltip())
                    .clicked()
                {
                    self.queued.push(Command::AddPartner);
                }
            });
            egui::ScrollArea::vertical()
                .id_salt("navigator_partners")
                .show(ui, |ui| {
                    for (i, p) in self.doc.project.partners.iter().enumerate() {
                        if ui
                            .selectable_label(self.view == View::Partner(i), &p.name)
                            .clicked()
                        {
                            self.view = View::Partner(i);
                        }
                    }
                });
        });
    }

    fn status_bar(&mut self, ui: &mut Ui) {
        if self.loading.is_some() {
            // The counts and the saved state would be the outgoing project's.
            ui.horizontal(|ui| ui.label(&self.status));
            return;
        }
        let diagnostics = self.doc.results().diagnostics.clone();
        let errors = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let warnings = diagnostics.len() - errors;
        ui.horizontal(|ui| {
            let summary = format!(
                "{}, {}",
                format::count(errors, "error", "errors"),
                format::count(warnings, "warning", "warnings")
            );
            let colour = if errors > 0 {
                results::NEGATIVE
            } else {
                ui.visuals().text_color()
            };
            if ui
                .selectable_label(self.show_problems, RichText::new(summary).color(colour))
                .on_hover_text("Show or hide the list of problems; click one to go to it")
                .clicked()
            {
                self.show_problems = !self.show_problems;
            }
            ui.separator();
            ui.label(&self.status);
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                let saved = match &self.saving {
                    Some(saving) => format!("Saving… {} s", saving.seconds()),
                    None if self.doc.is_dirty() => "Unsaved changes".into(),
                    None => "Saved".into(),
                };
                ui.label(saved);
                if let Some(path) = &self.doc.path {
                    ui.label(path.display().to_string());
                }
            });
        });
        if self.show_problems {
            if diagnostics.is_empty() {
                ui.label("No problems found.");
            }
            // Only the problems in view are laid out: a large project can have thousands.
            let row_height = ui.text_style_height(&egui::TextStyle::Body);
            let mut go = None;
            egui::ScrollArea::vertical()
                .max_height(160.0)
                .id_salt("problems")
                .show_rows(ui, row_height, diagnostics.len(), |ui, rows| {
                    // One line a row, as the list is laid out by; the whole text on hover.
                    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                    for d in diagnostics.get(rows).unwrap_or_default() {
                        let colour = if d.is_error() {
                            results::NEGATIVE
                        } else {
                            Color32::from_rgb(0x9A, 0x6A, 0x00)
                        };
                        let text = d.to_string();
                        if ui
                            .link(RichText::new(&text).color(colour))
                            .on_hover_text(text)
                            .clicked()
                        {
                            go = Some(d.location);
                        }
                    }
                });
            if let Some(location) = go {
                self.go_to(location);
            }
        }
    }

    /// Shows the place a diagnostic points to.
    pub fn go_to(&mut self, location: Location) {
        self.focus = Some(location);
        match location {
            Location::Settings
            | Location::ConfidenceGrade { .. }
            | Location::ProjectType { .. } => self.view = View::Settings,
            Location::UnitValue { .. } | Location::Deflator { .. } => self.view = View::Library,
            Location::Partner { partner } | Location::Grade { partner, .. } => {
                self.view = View::Partner(partner)
            }
            Location::Partnership { partnership } => {
                self.view = View::Partnership(partnership);
                self.section = Section::Register;
            }
            Location::Cost { partnership, .. } => {
                self.view = View::Partnership(partnership);
                self.section = Section::Costs;
            }
            Location::Benefit { partnership, .. } => {
                self.view = View::Partnership(partnership);
                self.section = Section::Benefits;
            }
            Location::Impact { partnership, .. } => {
                self.view = View::Partnership(partnership);
                self.section = Section::Impacts;
            }
            Location::OptionCost { partnership, .. }
            | Location::OptionBenefit { partnership, .. } => {
                self.view = View::Partnership(partnership);
                self.section = Section::Options;
            }
            Location::Proposal { partnership, .. } => {
                self.view = View::Partnership(partnership);
                self.section = Section::FairShares;
            }
        }
    }

    fn central(&mut self, ui: &mut Ui) -> bool {
        let diagnostics = self.doc.results().diagnostics.clone();
        let mut changed = false;
        match self.view {
            View::Start => {
                if let Some(then) = start::show(ui, &self.recent) {
                    self.guard(then);
                }
            }
            View::Portfolio | View::Network => {
                let revision = self.doc.revision();
                // Lets the network recompute only the partnerships an edit changed.
                self.board.set_committed(self.doc.committed());
                let (project, results) = self.doc.project_and_results();
                let shown = (&results.appraisal, results.completeness.as_ref());
                let open = if self.view == View::Network {
                    board::network_view(ui, project, shown, revision, &mut self.board)
                } else {
                    board::dashboard(ui, project, shown, revision, &mut self.board)
                };
                if let Some(i) = open {
                    self.view = View::Partnership(i);
                }
                if std::mem::take(&mut self.board.show_problems) {
                    self.show_problems = true;
                }
            }
            View::Settings => {
                let mut delete = None;
                changed |= settings::show(ui, &mut self.doc.project, &diagnostics, &mut delete);
                if let Some(named) = delete {
                    self.ask_to_delete(named);
                }
            }
            View::Report => {
                let shown = super::report::show(ui, &mut self.doc.project, &mut self.report_for);
                changed |= shown.changed;
                if shown.export {
                    self.queued.push(Command::ExportDocx);
                }
            }
            View::Library => {
                let mut delete = None;
                let (edited, import) =
                    settings::library(ui, &mut self.doc.project, &diagnostics, &mut delete);
                changed |= edited;
                if import {
                    self.import_unit_costs();
                }
                if let Some(named) = delete {
                    self.ask_to_delete(named);
                }
            }
            View::Partner(i) if i < self.doc.project.partners.len() => {
                match partners::show(ui, &mut self.doc.project, i, &diagnostics) {
                    partners::Outcome::Changed => changed = true,
                    partners::Outcome::Delete => self.ask_to_delete(Named::Partner(i)),
                    partners::Outcome::DeleteGrade(grade) => {
                        self.ask_to_delete(Named::Grade { partner: i, grade })
                    }
                    partners::Outcome::None => {}
                }
            }
            View::Partnership(i) if i < self.doc.project.partnerships.len() => {
                let focus = self.focus.take();
                let values = self
                    .doc
                    .results()
                    .appraisal
                    .partnerships
                    .get(i)
                    .map_or_else(editor::LineValues::default, |r| editor::LineValues {
                        costs: r.cost_lines.iter().map(|l| l.pv).collect(),
                        benefits: r.benefit_lines.iter().map(|l| l.pv).collect(),
                    });
                let revision = self.doc.revision();
                // The uncertainty and fair-shares sections start from the results already
                // computed for this revision, rather than appraising the project again.
                let result = matches!(self.section, Section::Uncertainty | Section::FairShares)
                    .then(|| self.doc.results().appraisal.partnerships.get(i).cloned())
                    .flatten();
                let state = &mut self.analysis;
                let mut analysis = |ui: &mut Ui,
                                    project: &mut Project,
                                    index: usize,
                                    section: Section| {
                    let result = result.as_ref().filter(|_| index == i);
                    super::analysis::show(ui, project, (index, revision), section, result, state)
                };
                match editor::show(
                    ui,
                    &mut self.doc.project,
                    i,
                    &mut self.section,
                    &diagnostics,
                    focus,
                    &values,
                    &mut analysis,
                ) {
                    editor::Outcome::Changed => changed = true,
                    editor::Outcome::Delete => self.dialog = Some(Dialog::DeletePartnership(i)),
                    editor::Outcome::DeleteOption(option) => self.ask_to_delete(Named::Option {
                        partnership: i,
                        option,
                    }),
                    editor::Outcome::Duplicate => {
                        let mut copy = self.doc.project.partnerships[i].clone();
                        copy.name = unique_name(
                            &format!("{} (copy)", copy.name),
                            self.doc
                                .project
                                .partnerships
                                .iter()
                                .map(|p| p.name.as_str()),
                        );
                        self.doc.apply(|p| p.partnerships.insert(i + 1, copy));
                        self.view = View::Partnership(i + 1);
                    }
                    editor::Outcome::None => {}
                }
            }
            View::Partner(_) | View::Partnership(_) => self.view = View::Portfolio,
        }
        changed
    }

    fn dialogs(&mut self, ctx: &egui::Context) {
        let Some(dialog) = self.dialog.clone() else {
            return;
        };
        if !self.dialog_shown() {
            // The recovery offer waits until the file being opened is ready.
            return;
        }
        let mut close = false;
        egui::Modal::new(egui::Id::unique("dialog")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            match &dialog {
                Dialog::Unsaved(then) => {
                    ui.heading("Save changes first?");
                    ui.label(format!(
                        "{} has unsaved changes. What should happen to them?",
                        self.doc.display_name()
                    ));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() {
                            close = true;
                            self.save_then(then.clone());
                        }
                        if ui
                            .button("Discard")
                            .on_hover_text("Lose the unsaved changes")
                            .clicked()
                        {
                            close = true;
                            self.proceed(then.clone());
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                }
                Dialog::Delete(d) => close = self.deletion_dialog(ui, d),
                Dialog::DeletePartnership(i) => {
                    let name = self
                        .doc
                        .project
                        .partnerships
                        .get(*i)
                        .map(|p| p.name.clone())
                        .unwrap_or_default();
                    ui.heading(format!("Delete the partnership '{name}'?"));
                    ui.label("Its costs, benefits and assessments go with it. You can undo this.");
                    ui.horizontal(|ui| {
                        if ui.button("Delete").clicked() {
                            close = true;
                            let i = *i;
                            self.doc.apply(|p| {
                                if i < p.partnerships.len() {
                                    p.partnerships.remove(i);
                                }
                            });
                            self.view = View::Portfolio;
                            self.status = format!("Deleted the partnership '{name}'");
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                }
                Dialog::Message {
                    title,
                    text,
                    save_as,
                } => {
                    ui.heading(title);
                    ui.label(text);
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if *save_as && ui.button("Save as…").clicked() {
                            close = true;
                            self.save_as();
                        }
                        if ui.button("OK").clicked() {
                            close = true;
                        }
                    });
                }
                Dialog::Help => {
                    super::help::show(ui);
                    if ui.button("Close").clicked() {
                        close = true;
                    }
                }
                Dialog::Recover => close = self.recovery_dialog(ui),
                Dialog::FileChanged(path) => close = self.file_changed_dialog(ui, path),
            }
            if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                close = true;
            }
        });
        if close && self.dialog.as_ref() == Some(&dialog) {
            self.dialog = None;
        }
    }
}

/// Commands that change, replace or write out the project: while a file is opening they
/// are refused, so nothing acts on a project about to be replaced.
fn refused_while_loading(command: Command) -> bool {
    !matches!(
        command,
        Command::Quit
            | Command::ShowPortfolio
            | Command::ShowNetwork
            | Command::ShowSettings
            | Command::ToggleTheme
            | Command::ToggleResults
            | Command::Help
    )
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

impl eframe::App for PartnershipApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        super::first_frame_probe(ctx, self.loading.is_some(), self.doc.path.is_some());
        self.poll_loading(ctx);
        self.poll_saving(ctx);
        self.handle_shortcuts(ctx);
        if ctx.input(|i| i.viewport().close_requested()) && self.doc.is_dirty() && !self.allow_close
        {
            if self.quit_after_saving() {
                ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            } else if self.loading.is_some() {
                // Changes still unsaved while a file opens were discarded when the user
                // chose to open it (no edits reach the project meanwhile): close at once.
                self.discard_recovery_file();
            } else {
                ctx.send_viewport_cmd(ViewportCommand::CancelClose);
                self.dialog = Some(Dialog::Unsaved(Then::Quit));
            }
        }
        // The project is not changing while a file opens (any unsaved changes were
        // discarded to open it); autosave resumes if the opening fails or is cancelled.
        if self.loading.is_none() {
            self.autosave_tick(ctx);
        }
    }

    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if let Some(mut presentation) = self.presentation.take() {
            let (project, results) = self.doc.project_and_results();
            let shown = (&results.appraisal, results.completeness.as_ref());
            let keep = super::present::show(ui, project, shown, &mut presentation);
            if keep {
                self.presentation = Some(presentation);
            } else {
                self.show_problems |= presentation.show_problems;
                ctx.send_viewport_cmd(ViewportCommand::Fullscreen(false));
            }
            return;
        }
        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        if let Some(loading) = &self.loading {
            let cancel = egui::CentralPanel::default()
                .show(ui, |ui| loading.show(ui))
                .inner;
            if cancel {
                self.cancel_loading();
                ctx.request_repaint();
            }
            self.dialogs(&ctx);
            for command in std::mem::take(&mut self.queued) {
                self.execute(&ctx, command);
            }
            self.update_title(&ctx);
            return;
        }
        egui::Panel::left("navigator")
            .resizable(true)
            .default_size(230.0)
            .min_size(180.0)
            .show(ui, |ui| self.navigator(ui));
        let analysing = matches!(self.view, View::Partnership(_))
            && matches!(self.section, Section::Uncertainty | Section::FairShares);
        let has_results =
            !matches!(self.view, View::Start | View::Portfolio | View::Network) && !analysing;
        // On a narrow window (a laptop at 150%) the results start hidden so the editor
        // keeps room; F9 or the strip's button shows them.
        let narrow = ctx.content_rect().width() < NARROW_WINDOW;
        if narrow != self.was_narrow {
            self.was_narrow = narrow;
            self.results_hidden_narrow = narrow;
        }
        let hidden = self.results_hidden || self.results_hidden_narrow;
        if has_results && hidden {
            // A narrow strip to bring the results back.
            egui::Panel::right("results_hidden")
                .resizable(false)
                .exact_size(34.0)
                .show(ui, |ui| {
                    if ui
                        .button("‹")
                        .on_hover_text("Show the results panel (F9)")
                        .clicked()
                    {
                        self.results_hidden = false;
                        self.results_hidden_narrow = false;
                    }
                });
        }
        if has_results && !hidden {
            let symbol = self.doc.project.settings.currency_symbol.clone();
            let selected = match self.view {
                View::Partnership(i) => Some(i),
                _ => None,
            };
            let (project, results) = self.doc.project_and_results();
            let completeness = results.completeness.clone();
            let most = (ctx.content_rect().width() * 0.6).max(320.0);
            let (show_problems, hide) = egui::Panel::right("results")
                .resizable(true)
                .default_size(380.0)
                .min_size(300.0)
                .max_size(most)
                .show(ui, |ui| {
                    let hide = ui
                        .horizontal(|ui| {
                            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                                ui.button("Hide ›")
                                    .on_hover_text(
                                        "Hide the results panel (F9); drag its edge to resize it",
                                    )
                                    .clicked()
                            })
                            .inner
                        })
                        .inner;
                    let shown = (&results.appraisal, completeness.as_ref());
                    (results::panel(ui, project, shown, selected, &symbol), hide)
                })
                .inner;
            if show_problems {
                self.show_problems = true;
            }
            if hide {
                self.results_hidden = true;
            }
        }
        let shown = self.view;
        let changed = egui::CentralPanel::default()
            .show(ui, |ui| self.central(ui))
            .inner;
        if changed {
            match shown {
                // The partnership's screens change that partnership (and at most the
                // settings it shows): only it is compared for the undo step.
                View::Partnership(i) => self.doc.commit_partnership(i),
                _ => self.doc.commit(),
            }
            ctx.request_repaint();
        }
        self.dialogs(&ctx);
        for command in std::mem::take(&mut self.queued) {
            self.execute(&ctx, command);
        }
        // After the commands, so a chooser one of them opened shows in the same frame.
        self.file_chooser(&ctx);
        self.update_title(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, RECENT_KEY, &self.recent);
        eframe::set_value(storage, RESULTS_HIDDEN_KEY, &self.results_hidden);
    }
}
