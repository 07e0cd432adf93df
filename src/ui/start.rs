//! The start screen: new, open, recent files and the examples.

use super::files;
use super::state::Then;
use eframe::egui::{RichText, Ui};
use std::path::PathBuf;

pub fn show(ui: &mut Ui, recent: &[PathBuf]) -> Option<Then> {
    let mut then = None;
    ui.add_space(24.0);
    ui.label(RichText::new("Partnership Appraisal").size(30.0).strong());
    ui.label("What joint working costs, what it returns, who pays and who benefits: by the HM Treasury Green Book method.");
    ui.add_space(18.0);
    ui.horizontal(|ui| {
        if ui.button(RichText::new("New project").size(17.0)).clicked() {
            then = Some(Then::New);
        }
        if ui.button(RichText::new("Open…").size(17.0)).clicked() {
            then = Some(Then::Open(None));
        }
    });
    ui.add_space(18.0);
    ui.label(RichText::new("Recent files").strong());
    if recent.is_empty() {
        ui.label("None yet.");
    }
    for path in recent {
        if ui.link(path.display().to_string()).clicked() {
            then = Some(Then::Open(Some(path.clone())));
        }
    }
    ui.add_space(18.0);
    ui.label(RichText::new("Examples").strong());
    for (i, (name, _)) in files::EXAMPLES.iter().enumerate() {
        if ui.link(*name).clicked() {
            then = Some(Then::OpenExample(i));
        }
    }
    then
}
