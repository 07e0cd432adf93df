//! The Non-monetised impacts and 7S assessment tabs.

use crate::appraisal::{Diagnostic, Location};
use crate::model::{Direction, Impact, Significance};
use crate::ui::widgets::{self, notes};
use eframe::egui::{RichText, Ui};

pub(super) fn impacts(
    ui: &mut Ui,
    impacts: &mut Vec<Impact>,
    diagnostics: &[Diagnostic],
    index: usize,
) -> bool {
    let mut changed = false;
    widgets::heading(ui, "Non-monetised impacts");
    ui.label("Impacts without a money value are still shown beside the numbers, as the Green Book requires.");
    let mut remove = None;
    for (i, impact) in impacts.iter_mut().enumerate() {
        ui.push_id(("impact", i), |ui| {
            ui.horizontal_wrapped(|ui| {
                changed |= widgets::text(ui, "Impact", &mut impact.description, 420.0);
                changed |= widgets::choice(
                    ui,
                    "Direction",
                    &mut impact.direction,
                    &[Direction::Positive, Direction::Negative],
                    |d| d.label().to_owned(),
                );
                changed |= widgets::choice(
                    ui,
                    "Significance",
                    &mut impact.significance,
                    &Significance::ALL,
                    |s| s.label().to_owned(),
                );
                if widgets::remove_button(ui, "impact") {
                    remove = Some(i);
                }
            });
            notes(
                ui,
                diagnostics,
                Location::Impact {
                    partnership: index,
                    impact: i,
                },
            );
        });
    }
    if let Some(i) = remove {
        impacts.remove(i);
        changed = true;
    }
    if ui.button("Add impact").clicked() {
        impacts.push(Impact {
            description: "New impact".into(),
            direction: Direction::Positive,
            significance: Significance::Medium,
        });
        changed = true;
    }
    changed
}

pub(super) fn seven_s(ui: &mut Ui, s: &mut crate::model::SevenS) -> bool {
    let mut changed = false;
    widgets::heading(ui, "7S self-assessment (Audit Commission 2009)");
    ui.label("Score each element from 1 (weak) to 5 (strong). SCS outcomes, staff and skills, style and synergies are the softer, transformational side; steering, systems and standards the harder, transactional side.");
    let scores: [Option<u8>; 6] = [None, Some(1), Some(2), Some(3), Some(4), Some(5)];
    for (i, element) in s.elements_mut().into_iter().enumerate() {
        ui.push_id(("seven_s", i), |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(crate::model::SevenS::LABELS[i]).strong());
                changed |= widgets::choice(ui, "Score", &mut element.score, &scores, |s| {
                    s.map_or("Not scored".into(), |v| v.to_string())
                });
                changed |= widgets::text(ui, "Note", &mut element.note, 480.0);
            });
        });
    }
    changed
}
