//! The review cycle on the dashboard: how many partnerships are due or overdue for
//! review today (under the headline figures), and a badge on each one's row. The engine
//! says where each stands on a day (`appraisal::review`); today is read here, in the UI.

use crate::appraisal::review::{DUE_WITHIN_DAYS, ReviewState, ReviewStatus, ReviewSummary};
use crate::format;
use crate::model::{Date, Project};
use eframe::egui::{self, Color32, RichText, Ui};

/// Today, read from the computer's clock; None only if it cannot be read as a date.
pub(super) fn today() -> Option<Date> {
    Date::parse(&crate::export::today()).ok()
}

/// Each partnership's place in the review cycle today, in project order (empty when the
/// day is unknown).
pub(super) fn statuses(project: &Project, today: Option<Date>) -> Vec<ReviewStatus> {
    today.map_or_else(Vec::new, |t| {
        crate::appraisal::review::statuses(project, t, DUE_WITHIN_DAYS)
    })
}

/// "Due or overdue for review 3", then what the count is made of.
pub(super) fn headline(ui: &mut Ui, statuses: &[ReviewStatus], today: Option<Date>) {
    let Some(today) = today else {
        return;
    };
    let s = ReviewSummary::of(statuses, today, DUE_WITHIN_DAYS);
    ui.horizontal_wrapped(|ui| {
        ui.vertical(|ui| {
            ui.label(RichText::new("Due or overdue for review").small());
            let text = RichText::new(s.flagged().to_string()).size(22.0).strong();
            let text = if s.overdue > 0 {
                text.color(crate::ui::widgets::error_colour(ui.visuals()))
            } else {
                text
            };
            ui.label(text).on_hover_text(format!(
                "Partnerships whose next review (the register's date, or a year after the \
                 last review) has passed or falls within {DUE_WITHIN_DAYS} days of today"
            ));
        });
        ui.add_space(14.0);
        let mut parts = vec![
            format!("{} overdue", s.overdue),
            format!("{} due within {DUE_WITHIN_DAYS} days", s.due),
            format!("{} reviewed", s.reviewed),
            format!("{} never reviewed", s.never_reviewed),
        ];
        if s.overdue_actions > 0 {
            parts.push(format!(
                "{} open past the due date",
                format::count(s.overdue_actions, "action", "actions")
            ));
        }
        ui.label(format!("On {}: {}.", today.uk(), parts.join(", ")));
    });
}

/// The badge on a row due or overdue for review; nothing otherwise.
pub(super) fn badge(ui: &mut Ui, status: Option<&ReviewStatus>) {
    let Some(status) = status.filter(|s| s.state.flagged()) else {
        return;
    };
    let (fill, text) = match status.state {
        ReviewState::Overdue => (Color32::from_rgb(0x8E, 0x14, 0x1E), Color32::WHITE),
        _ => (Color32::from_rgb(0xF2, 0xC1, 0x4E), Color32::BLACK),
    };
    egui::Frame::new()
        .fill(fill)
        .corner_radius(4)
        .inner_margin(egui::Margin::symmetric(5, 1))
        .show(ui, |ui| {
            ui.label(
                RichText::new(status.state.label())
                    .color(text)
                    .strong()
                    .size(12.0),
            )
        })
        .response
        .on_hover_text(status.describe());
}
