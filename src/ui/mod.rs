//! The desktop app (egui/eframe). Draws from the model every frame; edits are
//! committed as undo steps at the end of the frame; results are cached per revision.

mod analysis;
mod analysis_slides;
pub mod app;
pub mod board;
mod chain;
pub mod charts;
pub mod chooser;
pub mod commands;
mod compact;
pub mod compare;
pub mod document;
mod editor;
pub mod files;
mod help;
pub mod loading;
mod partners;
pub mod present;
mod priorities;
pub mod recovery;
mod report;
mod results;
pub mod saving;
mod settings;
mod start;
pub mod state;
mod widgets;
pub mod writing;

pub use app::PartnershipApp;

use std::path::PathBuf;

/// Type sizes for reading at a desk and on a shared screen.
pub fn configure_style(ctx: &eframe::egui::Context) {
    use eframe::egui::{FontFamily, FontId, TextStyle};
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (
                TextStyle::Small,
                FontId::new(12.0, FontFamily::Proportional),
            ),
            (TextStyle::Body, FontId::new(15.0, FontFamily::Proportional)),
            (
                TextStyle::Button,
                FontId::new(15.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Heading,
                FontId::new(21.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Monospace,
                FontId::new(14.0, FontFamily::Monospace),
            ),
        ]
        .into();
        style.spacing.item_spacing = eframe::egui::vec2(8.0, 6.0);
    });
}

/// With this set in the environment, the app prints how long after start its first frame
/// was on the screen, and quits: `PARTNERSHIP_APPRAISAL_FIRST_FRAME=1 partnership-appraisal`
/// (see docs/PERFORMANCE.md). When a file given at start is opening on a thread, the
/// first frame is the loading screen; the app then also prints how long the thread took
/// for each step and when the project's own first frame was on the screen, and quits
/// after that.
pub const FIRST_FRAME_ENV: &str = "PARTNERSHIP_APPRAISAL_FIRST_FRAME";

/// When [`run`] began, if the first frame is being timed.
static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
static FRAMES: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
/// Set when the first frame was shown while a file was opening.
static AWAITING_OPEN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Called at the start of every frame, with whether a file is opening on a thread and
/// whether a file is open: the second frame begins once the first is shown; a frame that
/// begins after the file finished opening follows the first frame drawn with it.
pub(crate) fn first_frame_probe(ctx: &eframe::egui::Context, loading: bool, file_open: bool) {
    use std::sync::atomic::Ordering::Relaxed;
    let Some(started) = STARTED.get() else {
        return;
    };
    let ms = || started.elapsed().as_secs_f64() * 1000.0;
    match FRAMES.fetch_add(1, Relaxed) {
        0 => ctx.request_repaint(),
        1 => {
            eprintln!("first frame shown {:.0} ms after start", ms());
            if loading {
                AWAITING_OPEN.store(true, Relaxed);
            } else {
                ctx.send_viewport_cmd(eframe::egui::ViewportCommand::Close);
            }
        }
        _ => {
            if !loading && AWAITING_OPEN.swap(false, Relaxed) {
                if file_open {
                    eprintln!(
                        "project opened, its first frame shown {:.0} ms after start",
                        ms()
                    );
                } else {
                    eprintln!("opening ended without a project {:.0} ms after start", ms());
                }
                ctx.send_viewport_cmd(eframe::egui::ViewportCommand::Close);
            }
        }
    }
}

/// The window's icon, the picture the desktop entry uses (assets/icons).
pub const WINDOW_ICON: &[u8] = include_bytes!("../../assets/icons/partnership-appraisal-256.png");

/// Opens the window, on `path` if given, else on the start screen.
pub fn run(path: Option<PathBuf>) -> eframe::Result<()> {
    if std::env::var_os(FIRST_FRAME_ENV).is_some() {
        let _ = STARTED.set(std::time::Instant::now());
    }
    let mut viewport = eframe::egui::ViewportBuilder::default()
        .with_title("Partnership Appraisal")
        // The desktop entry's name: Wayland and X11 match the window to its icon by it.
        .with_app_id("partnership-appraisal")
        // Maximised at first, so the window fits the screen less its task bar and title
        // bar whatever their size: a window of the screen's whole size (1366 × 768 on
        // the commonest laptop) ran under the task bar, status bar and all. Restored
        // down, it fits a 1280 × 720 screen's work area. After that, the size and state
        // the user left it in are kept between runs.
        .with_maximized(true)
        .with_inner_size([1180.0, 640.0])
        .with_min_inner_size([960.0, 600.0]);
    if let Ok(icon) = eframe::icon_data::from_png_bytes(WINDOW_ICON) {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        // Recent files and window size stay where they were kept before the app id was set.
        persistence_path: eframe::storage_dir("Partnership Appraisal").map(|d| d.join("app.ron")),
        ..Default::default()
    };
    eframe::run_native(
        "Partnership Appraisal",
        options,
        Box::new(move |cc| Ok(Box::new(PartnershipApp::start(cc, path)))),
    )
}
