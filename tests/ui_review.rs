//! The Review tab and the dashboard's review flags, driven as a user would, headless
//! (egui_kittest).

#[path = "common/ui.rs"]
mod drive;

use drive::{harness, retype, undo};
use eframe::egui::accesskit::Role;
use egui_kittest::{Harness, kittest::Queryable};
use partnership_appraisal::model::*;
use partnership_appraisal::ui::PartnershipApp;
use partnership_appraisal::ui::app::{Section, View};

fn project() -> Project {
    let mut p = Project::new("Test borough");
    p.partners = vec![Partner::new("Council", PartnerKind::Council)];
    p.partnerships = vec![Partnership::new("CSP"), Partnership::new("Health board")];
    p
}

/// Today as the app reads it.
fn today() -> Date {
    Date::parse(&partnership_appraisal::export::today()).unwrap()
}

#[test]
fn add_a_review_refuse_a_bad_date_add_an_action_and_undo_step_by_step() {
    let mut h = harness(project());
    h.state_mut().view = View::Partnership(0);
    h.state_mut().section = Section::Review;
    h.run();
    h.get_by_label("No review yet.");

    // A new review is dated today and continues the partnership.
    h.get_by_label("Add review").click();
    h.run();
    h.run();
    let review = h.state().doc.project.partnerships[0].reviews[0].clone();
    assert_eq!(review.date, Some(today()));
    assert_eq!(review.decision, Decision::Continue);
    // It lacks a reviewer: said beside it, as a warning.
    h.get_by_label_contains("say who reviewed the partnership");

    // A date that does not exist is refused with the format, and today's date is kept.
    retype(&mut h, "Review date", "31/13/2027");
    h.get_by_label_contains(
        "'31/13/2027' has no month 13: write a date as 14/03/2027 or 2027-03-14",
    );
    assert_eq!(
        h.state().doc.project.partnerships[0].reviews[0].date,
        Some(today())
    );
    // Either form is read.
    retype(&mut h, "Review date", "2027-03-14");
    assert!(h.query_by_label_contains("has no month 13").is_none());
    let march = Date::parse("14/03/2027").unwrap();
    assert_eq!(
        h.state().doc.project.partnerships[0].reviews[0].date,
        Some(march)
    );

    // Scale down: a reason is asked for.
    h.get_by_role_and_label(Role::ComboBox, "Decision").click();
    h.run();
    h.get_by_label("Scale down").click();
    h.run();
    h.run();
    h.get_by_label_contains("a decision to scale down needs a reason");

    // An action, with its owner.
    h.get_by_label("Add action").click();
    h.run();
    h.run();
    retype(&mut h, "Owner", "Head of finance");
    let actions = &h.state().doc.project.partnerships[0].reviews[0].actions;
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0].owner, "Head of finance");
    assert_eq!(actions[0].status, ActionStatus::Open);
    // No figure moved.
    let net = |h: &mut Harness<'_, PartnershipApp>| {
        h.state_mut()
            .doc
            .results()
            .appraisal
            .portfolio
            .measures
            .net_value
    };
    let now = net(&mut h);

    // Each edit is one undo step, back to the project as it was.
    undo(&mut h);
    assert_eq!(
        h.state().doc.project.partnerships[0].reviews[0].actions[0].owner,
        ""
    );
    undo(&mut h);
    assert!(
        h.state().doc.project.partnerships[0].reviews[0]
            .actions
            .is_empty()
    );
    undo(&mut h);
    assert_eq!(
        h.state().doc.project.partnerships[0].reviews[0].decision,
        Decision::Continue
    );
    undo(&mut h);
    assert_eq!(
        h.state().doc.project.partnerships[0].reviews[0].date,
        Some(today())
    );
    undo(&mut h);
    assert_eq!(h.state().doc.project, project());
    assert!(!h.state().doc.is_dirty());
    assert_eq!(net(&mut h), now);
}

#[test]
fn the_dashboard_flags_partnerships_due_or_overdue_for_review_and_counts_them() {
    let t = today();
    let mut p = project();
    // Reviewed two years ago: a year after that has passed, so overdue.
    let long_ago = Date::new(t.year() - 2, t.month(), 1).unwrap();
    p.partnerships[0].reviews = vec![Review {
        date: Some(long_ago),
        reviewer: "Audit committee".into(),
        ..Review::default()
    }];
    // The second was never reviewed and has no review date: not flagged.
    let mut h = harness(p);
    h.state_mut().view = View::Portfolio;
    h.run();
    h.run();
    h.get_by_label("Due or overdue for review");
    h.get_by_label_contains("1 overdue, 0 due within 60 days, 0 reviewed, 1 never reviewed");
    assert_eq!(h.get_all_by_label("Review overdue").count(), 1);
    assert!(h.query_by_label("Review due").is_none());
}
