//! The desktop app (egui/eframe). Draws from the model every frame; edits are
//! committed as undo steps at the end of the frame; results are cached per revision.

mod analysis;
pub mod app;
pub mod board;
mod charts;
pub mod commands;
pub mod document;
mod editor;
pub mod files;
mod help;
mod partners;
pub mod present;
pub mod recovery;
mod results;
mod settings;
mod start;
mod widgets;

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

/// Opens the window, on `path` if given, else on the start screen.
pub fn run(path: Option<PathBuf>) -> eframe::Result<()> {
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title("Partnership Appraisal")
            .with_inner_size([1366.0, 768.0])
            .with_min_inner_size([960.0, 600.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Partnership Appraisal",
        options,
        Box::new(move |cc| Ok(Box::new(PartnershipApp::start(cc, path)))),
    )
}
