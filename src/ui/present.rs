//! Presentation mode: full-screen slides for a partnership board.

use crate::appraisal::Appraisal;
use crate::model::Project;
use eframe::egui::{self, RichText, Ui};

/// Where the presentation is: which slide.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Presentation {
    /// 0 is the portfolio summary; 1 + i is partnership i.
    pub slide: usize,
}

impl Presentation {
    pub fn new() -> Self {
        Presentation::default()
    }
}

/// Draws the current slide. Returns false when the user leaves (Esc).
pub fn show(
    ui: &mut Ui,
    project: &Project,
    appraisal: &Appraisal,
    state: &mut Presentation,
) -> bool {
    let slides = 1 + project.partnerships.len();
    let (next, previous, leave) = ui.input(|i| {
        (
            i.key_pressed(egui::Key::ArrowRight) || i.key_pressed(egui::Key::PageDown),
            i.key_pressed(egui::Key::ArrowLeft) || i.key_pressed(egui::Key::PageUp),
            i.key_pressed(egui::Key::Escape),
        )
    });
    if next {
        state.slide = (state.slide + 1).min(slides - 1);
    }
    if previous {
        state.slide = state.slide.saturating_sub(1);
    }
    egui::CentralPanel::default().show(ui, |ui| {
        let title = match state
            .slide
            .checked_sub(1)
            .and_then(|i| project.partnerships.get(i))
        {
            Some(p) => p.name.clone(),
            None => project.name.clone(),
        };
        ui.label(RichText::new(title).size(40.0).strong());
        let measures = match state
            .slide
            .checked_sub(1)
            .and_then(|i| appraisal.partnerships.get(i))
        {
            Some(r) => &r.measures,
            None => &appraisal.portfolio.measures,
        };
        let symbol = &project.settings.currency_symbol;
        ui.label(
            RichText::new(format!(
                "Net value {}",
                crate::format::money_whole(measures.net_value, symbol)
            ))
            .size(32.0),
        );
    });
    !leave
}
