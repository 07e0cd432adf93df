//! The application shell: the app's state, how it starts, and `eframe::App` (each frame:
//! what finished on a thread, shortcuts, closing, autosave; then the panels, the screen,
//! the dialog and the commands queued). The rest of the shell has a room each:
//! `dispatch.rs` (what a command does), `file_actions.rs` (new, open, save, save as, the
//! window's own chooser), `save_actions.rs` (a save at once or on a thread, and what waits
//! for it), `exports.rs` (exports and the unit-cost import), `dialogs.rs`, `layout.rs`
//! (menu bar, navigator, status bar, title), `screens.rs` (the central area),
//! `deletion.rs` (deleting what others refer to) and `recovery_actions.rs` (recovery
//! files, autosave, the lock and stamp around opening and saving). The words shared with
//! the screens are `ui::state`'s, re-exported here.

use super::chooser::Chooser;
use super::commands::Command;
use super::document::Document;
use super::files::{self, FilePicker};
use super::loading::{BACKGROUND_FROM_BYTES, Loading};
use super::results;
use crate::appraisal::Location;
use crate::model::Project;
use eframe::egui::{self, Ui, ViewportCommand};
use std::path::PathBuf;

pub use super::state::{Dialog, Section, Then, View};
pub use exports::Exporting;
pub use file_actions::FileFor;
pub use layout::COMPUTING;

mod compare_actions;
mod deletion;
mod dialogs;
mod dispatch;
mod exports;
mod file_actions;
mod layout;
mod recovery_actions;
mod save_actions;
mod screens;
mod window;

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
    /// A large project being saved on a thread (see `ui::saving`).
    pub(super) saving: Option<super::saving::Saving>,
    /// A large project's board pack, workbook or committee report being written on a
    /// thread (`exports.rs`).
    exporting: Option<Exporting>,
    /// The window was closed while an export was written: it closes once it is.
    close_when_exported: bool,
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
    /// A comparison with another version of the project, being worked out or shown.
    pub comparing: Option<super::compare::Comparing>,
    /// The computing notice has been laid out once (see `layout::computing_band`).
    notice_laid_out: bool,
    /// The window's fit to the screen has been checked (`window.rs`).
    window_fitted: bool,
}

/// Below this width in points the results panel starts hidden.
pub const NARROW_WINDOW: f32 = 1000.0;

const RECENT_KEY: &str = "recent_files";
const RESULTS_HIDDEN_KEY: &str = "results_panel_hidden";
/// Set once the window's size and place have been kept: from then on they are restored.
const WINDOW_KEPT_KEY: &str = "window_kept";

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
            exporting: None,
            close_when_exported: false,
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
            comparing: None,
            notice_laid_out: false,
            window_fitted: false,
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
        // The first run opens maximised, fitting the screen less its task bar whatever its
        // size (`ui::run` says why; not every window manager honours the request made as
        // the window is created); later runs restore the window as it was left.
        if cc
            .storage
            .is_none_or(|s| eframe::get_value::<bool>(s, WINDOW_KEPT_KEY).is_none())
        {
            cc.egui_ctx
                .send_viewport_cmd(ViewportCommand::Maximized(true));
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

    /// The window title as last set.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Records an edit made on the screen `shown` as one undo step, comparing only what
    /// that screen can change: a partnership's screens change that partnership (and at
    /// most the settings it shows); the settings, partner, library and report screens
    /// change nothing in any partnership.
    pub fn commit_edit(&mut self, shown: View) {
        match shown {
            View::Partnership(i) => self.doc.commit_partnership(i),
            View::Settings | View::Library | View::Report | View::Partner(_) => {
                self.doc.commit_outside_partnerships()
            }
            View::Start | View::Portfolio | View::Network | View::Annual | View::DeliveryChain => {
                self.doc.commit()
            }
        }
    }
}

impl eframe::App for PartnershipApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        super::first_frame_probe(ctx, self.loading.is_some(), self.doc.path.is_some());
        self.fit_window(ctx);
        self.poll_loading(ctx);
        self.poll_saving(ctx);
        self.poll_exporting(ctx);
        self.handle_shortcuts(ctx);
        if ctx.input(|i| i.viewport().close_requested()) && self.close_after_exporting() {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
        } else if ctx.input(|i| i.viewport().close_requested())
            && self.doc.is_dirty()
            && !self.allow_close
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
            if let View::Partnership(index) = self.view {
                self.doc.ready_for_edit(index);
            }
        }
    }

    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if self.loading.is_none() {
            self.computing_band(ui);
        }
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
        let has_results = !matches!(
            self.view,
            View::Start | View::Portfolio | View::Network | View::Annual | View::DeliveryChain
        ) && !analysing;
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
            self.commit_edit(shown);
            ctx.request_repaint();
        }
        self.dialogs(&ctx);
        self.comparison(&ctx);
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
        eframe::set_value(storage, WINDOW_KEPT_KEY, &true);
    }
}
