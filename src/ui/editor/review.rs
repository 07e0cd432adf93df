//! The Review tab: the partnership's annual reviews, newest first, each with its ratings,
//! decision and actions, and where the partnership stands in the review cycle today.
//! Review data only: nothing edited here changes a figure.

use crate::appraisal::review::{DUE_WITHIN_DAYS, ReviewState, status};
use crate::appraisal::{Diagnostic, Location};
use crate::model::{
    Action, ActionStatus, DATE_FORMAT_HINT, Date, Decision, Partnership, Rating, Review,
    newest_first,
};
use crate::ui::widgets::{self, notes};
use eframe::egui::{self, RichText, Ui};

/// Today, read from the computer's clock: the one place the Review tab reads it.
pub(super) fn today() -> Option<Date> {
    Date::parse(&crate::export::today()).ok()
}

/// A date typed as 14/03/2027 or 2027-03-14; empty clears it. Text that cannot be read
/// stays in red with a message that shows the format, and the date as it was is kept.
pub(super) fn date_field(ui: &mut Ui, label: &str, value: &mut Option<Date>) -> bool {
    widgets::committed_field(
        ui,
        label,
        96.0,
        value,
        |v| v.map(Date::uk).unwrap_or_default(),
        |t| {
            if t.trim().is_empty() {
                Ok(None)
            } else {
                Date::parse(t).map(Some)
            }
        },
    )
}

/// The Review tab. `today` is None only if the clock cannot be read as a date.
pub(super) fn reviews(
    ui: &mut Ui,
    p: &mut Partnership,
    diagnostics: &[Diagnostic],
    index: usize,
    today: Option<Date>,
) -> bool {
    let mut changed = false;
    widgets::heading(ui, "Reviews");
    ui.label(
        "Each year's review of the partnership: ratings, the decision and its actions. \
         Nothing here changes a figure.",
    );
    if let Some(today) = today {
        let s = status(index, p, today, DUE_WITHIN_DAYS);
        let colour = match s.state {
            ReviewState::Overdue => Some(widgets::error_colour(ui.visuals())),
            ReviewState::Due => Some(egui::Color32::from_rgb(0x9A, 0x6A, 0x00)),
            _ => None,
        };
        let mut text = RichText::new(s.describe()).strong();
        if let Some(c) = colour {
            text = text.color(c);
        }
        ui.label(text);
        if !s.overdue_actions.is_empty() {
            let late = crate::format::count(s.overdue_actions.len(), "action", "actions");
            ui.label(
                RichText::new(format!("{late} open past the due date"))
                    .color(widgets::error_colour(ui.visuals())),
            );
        }
    }
    ui.horizontal_wrapped(|ui| {
        keep_labels_whole(ui);
        if ui
            .button("Add review")
            .on_hover_text("Add a review dated today, to continue the partnership")
            .clicked()
        {
            p.reviews.push(Review {
                date: today,
                ..Review::default()
            });
            changed = true;
        }
        ui.label(RichText::new(format!("Dates: {DATE_FORMAT_HINT}")).small());
    });
    if p.reviews.is_empty() {
        ui.label("No review yet.");
    }
    let mut remove = None;
    let newest = newest_first(&p.reviews).first().copied();
    for r in newest_first(&p.reviews) {
        let Some(review) = p.reviews.get_mut(r) else {
            continue;
        };
        let title = format!(
            "{} — {}{}",
            review.date.map_or_else(|| "Undated".to_owned(), Date::uk),
            review.decision.label(),
            if review.reviewer.is_empty() {
                String::new()
            } else {
                format!(" — {}", shortened(&review.reviewer, REVIEWER_IN_TITLE))
            }
        );
        ui.push_id(("review", r), |ui| {
            egui::CollapsingHeader::new(RichText::new(title).strong())
                .id_salt(("review header", r))
                .default_open(Some(r) == newest)
                .show(ui, |ui| {
                    let (edited, removed) = review_card(ui, review, diagnostics, index, r);
                    changed |= edited;
                    if removed {
                        remove = Some(r);
                    }
                });
        });
    }
    if let Some(r) = remove {
        p.reviews.remove(r);
        changed = true;
    }
    changed
}

/// One review's fields. Returns (changed, remove the review).
fn review_card(
    ui: &mut Ui,
    review: &mut Review,
    diagnostics: &[Diagnostic],
    index: usize,
    r: usize,
) -> (bool, bool) {
    let mut changed = false;
    let mut remove = false;
    ui.horizontal_wrapped(|ui| {
        keep_labels_whole(ui);
        changed |= date_field(ui, "Review date", &mut review.date);
        changed |= widgets::text(ui, "Reviewer", &mut review.reviewer, 220.0);
        if widgets::remove_button(ui, "review") {
            remove = true;
        }
    });
    ui.horizontal_wrapped(|ui| {
        keep_labels_whole(ui);
        for (label, rating) in review.ratings_mut() {
            changed |= widgets::choice(ui, label, rating, &Rating::ALL, |x| x.label().to_owned());
        }
    });
    ui.horizontal_wrapped(|ui| {
        keep_labels_whole(ui);
        changed |= widgets::choice(ui, "Decision", &mut review.decision, &Decision::ALL, |d| {
            d.label().to_owned()
        });
        changed |= widgets::text(ui, "Reason", &mut review.reason, 360.0);
    });
    notes(
        ui,
        diagnostics,
        Location::Review {
            partnership: index,
            review: r,
        },
    );
    ui.label(RichText::new("Actions").strong());
    let mut remove_action = None;
    for (a, action) in review.actions.iter_mut().enumerate() {
        ui.push_id(("action", a), |ui| {
            ui.horizontal_wrapped(|ui| {
                keep_labels_whole(ui);
                changed |= widgets::text(ui, "Action", &mut action.description, 240.0);
                changed |= widgets::text(ui, "Owner", &mut action.owner, 140.0);
                changed |= date_field(ui, "Due date", &mut action.due);
                changed |= widgets::choice(
                    ui,
                    "Action status",
                    &mut action.status,
                    &ActionStatus::ALL,
                    |s| s.label().to_owned(),
                );
                if widgets::remove_button(ui, "action") {
                    remove_action = Some(a);
                }
            });
        });
    }
    if let Some(a) = remove_action {
        review.actions.remove(a);
        changed = true;
    }
    if ui.button("Add action").clicked() {
        review.actions.push(Action {
            description: "New action".into(),
            ..Action::default()
        });
        changed = true;
    }
    ui.add_space(6.0);
    (changed, remove)
}

/// The most characters of the reviewer a review's title shows; the field has it whole.
const REVIEWER_IN_TITLE: usize = 40;

/// `text` cut to `max` characters with "…" where it is longer.
fn shortened(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

/// In a row that wraps, a field's label moves to the next line whole rather than breaking
/// inside ("Due date" split over two lines).
fn keep_labels_whole(ui: &mut Ui) {
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
}
