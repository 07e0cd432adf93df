//! The Register tab driven as a user would, headless (egui_kittest): dates typed in
//! either form, a date that cannot be read refused with the format shown and the old
//! date kept, a governance status set, a risk added, and each edit one undo step.

use eframe::egui::{Key, Modifiers, accesskit::Role};
use egui_kittest::{Harness, kittest::Queryable};
use partnership_appraisal::model::*;
use partnership_appraisal::ui::PartnershipApp;
use partnership_appraisal::ui::app::{Section, View};
use partnership_appraisal::ui::document::Document;
use partnership_appraisal::ui::files::ScriptedPicker;

fn project() -> Project {
    let mut p = Project::new("Test borough");
    p.partners = vec![
        Partner::new("Council", PartnerKind::Council),
        Partner::new("Police", PartnerKind::Police),
    ];
    p.partnerships.push(Partnership::new("CSP"));
    p
}

fn harness() -> Harness<'static, PartnershipApp> {
    Harness::builder()
        .with_size([1500.0, 1800.0])
        .build_eframe(move |cc| {
            partnership_appraisal::ui::configure_style(&cc.egui_ctx);
            let picker = ScriptedPicker {
                answers: Vec::new().into(),
            };
            PartnershipApp::new(Document::untitled(project()), Box::new(picker))
        })
}

/// Types `text` into the text field labelled `label` and presses Enter.
fn retype(h: &mut Harness<'_, PartnershipApp>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    h.run();
    h.key_press(Key::Enter);
    h.run();
}

fn register(h: &Harness<'_, PartnershipApp>) -> Register {
    h.state().doc.project.partnerships[0].register.clone()
}

fn undo(h: &mut Harness<'_, PartnershipApp>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
}

#[test]
fn a_register_date_a_bad_date_a_governance_status_and_a_risk_then_undone() {
    let mut h = harness();
    h.state_mut().view = View::Partnership(0);
    h.state_mut().section = Section::Register;
    h.run();
    h.run();
    // The significance finding is shown in words.
    h.get_by_label(
        "Not significant: PVC £0 is not above the £500,000 threshold; not statutory; \
         strategic risk is low",
    );

    // A date in the UK form is taken, and shown back in it.
    retype(&mut h, "Next review date", "14/3/2027");
    assert_eq!(register(&h).next_review, Date::new(2027, 3, 14));
    assert!(h.state().doc.is_dirty());
    // ... and in ISO form.
    retype(&mut h, "Start date", "2020-04-01");
    assert_eq!(register(&h).start, Date::new(2020, 4, 1));

    // A date that does not exist is refused with the reason, and the date stays.
    retype(&mut h, "Next review date", "31/02/2027");
    h.get_by_label(
        "'31/02/2027' is not a date: that month has no day 31 (write a date as 14/03/2027 or \
         2027-03-14)",
    );
    assert_eq!(register(&h).next_review, Date::new(2027, 3, 14));
    // Text that is no date at all is refused showing the format.
    retype(&mut h, "Next review date", "next March");
    h.get_by_label("'next March' is not a date: write a date as 14/03/2027 or 2027-03-14");
    assert_eq!(register(&h).next_review, Date::new(2027, 3, 14));
    // Escape goes back to the date kept.
    h.get_by_role_and_label(Role::TextInput, "Next review date")
        .focus();
    h.run();
    h.key_press(Key::Escape);
    h.run();
    h.run();
    assert!(
        h.query_by_label("'next March' is not a date: write a date as 14/03/2027 or 2027-03-14")
            .is_none()
    );

    // A governance status, chosen from the area's drop-down.
    h.get_by_role_and_label(Role::ComboBox, "Risk management")
        .click();
    h.run();
    h.get_by_label("Partly met").click();
    h.run();
    assert_eq!(
        register(&h).governance.risk_management.status,
        AreaStatus::PartlyMet
    );
    // Rated with no evidence: the register's note says so.
    h.get_by_label(
        "Risk management: is rated 'Partly met' with no evidence note: say what the rating rests on",
    );

    // A risk: added at 3 × 3, its score shown; then given an owner.
    h.get_by_label("Add risk").click();
    h.run();
    assert_eq!(register(&h).risks, [Risk::default()]);
    h.get_by_label("Score 9 (medium)");
    retype(&mut h, "Owner", "Community Safety Manager");
    assert_eq!(register(&h).risks[0].owner, "Community Safety Manager");
    // No figure moved.
    let figures = h.state_mut().doc.results().appraisal.clone();
    assert_eq!(
        figures,
        partnership_appraisal::appraisal::appraise(&project())
    );

    // Each edit is one undo step, back to the empty register.
    undo(&mut h);
    assert_eq!(register(&h).risks[0].owner, "");
    undo(&mut h);
    assert!(register(&h).risks.is_empty());
    undo(&mut h);
    assert_eq!(
        register(&h).governance.risk_management.status,
        AreaStatus::NotAssessed
    );
    undo(&mut h);
    assert_eq!(register(&h).start, None);
    undo(&mut h);
    assert_eq!(register(&h), Register::default());
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn the_significance_test_is_set_in_the_project_settings() {
    let mut h = harness();
    h.state_mut().view = View::Settings;
    h.run();
    h.get_by_label("Statutory partnerships").click();
    h.run();
    assert!(!h.state().doc.project.significance.statutory);
    retype(&mut h, "Spend threshold", "250,000");
    assert_eq!(
        h.state().doc.project.significance.spend_threshold,
        Some(Money(rust_decimal::Decimal::new(250_000, 0)))
    );
    h.get_by_label("Spend: present value of costs above a threshold")
        .click();
    h.run();
    assert_eq!(h.state().doc.project.significance.spend_threshold, None);
}
