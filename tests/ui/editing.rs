use eframe::egui::{self, Key, Modifiers, accesskit::Role};
use egui_kittest::{Harness, kittest::Queryable};
use partnership_appraisal::model::*;
use partnership_appraisal::ui::PartnershipApp;
use partnership_appraisal::ui::app::View;
use partnership_appraisal::ui::document::Document;
use partnership_appraisal::{appraisal, file, format};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::{combo, harness, net_value, pockets_project, project, retype};

#[test]
fn build_a_meeting_see_the_results_change_undo_save_and_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("borough.ron");
    let mut h = harness(Document::untitled(project()), vec![Some(path.clone())]);
    h.run();

    // Create a partnership from the navigator.
    h.get_by_label("Add partnership").click();
    h.run();
    assert_eq!(h.state().doc.project.partnerships.len(), 1);
    assert_eq!(h.state().view, View::Partnership(0));

    // Add a meeting: its card opens by itself.
    h.get_by_label("Costs").click();
    h.run();
    h.get_by_label("Add meeting").click();
    h.run();
    h.run();

    // Two attendees: the first defaults to the Council officer, the second is made a police sergeant.
    h.get_by_label("Add attendee").click();
    h.run();
    h.get_by_label("Add attendee").click();
    h.run();
    combo(&h, "Partner", 1).click();
    h.run();
    h.get_all_by_label("Police").last().unwrap().click();
    h.run();

    let app = h.state_mut();
    let meeting = match &app.doc.project.partnerships[0].costs[0].detail {
        CostDetail::Meeting(m) => m.clone(),
        other => panic!("expected a meeting, got {other:?}"),
    };
    assert_eq!(meeting.attendees.len(), 2);
    assert_eq!(
        (
            meeting.attendees[1].partner.as_str(),
            meeting.attendees[1].grade.as_str()
        ),
        ("Police", "Sergeant")
    );

    // 6 meetings a year of (2 + 1 + 0) hours. Council officer: £35,000 + NI 15% × £30,000 + pension 19%
    // × £35,000 = £46,150 / 1,650 hours = £27.9697 an hour; sergeant £40 an hour.
    // Police bear 6 × 3 × £40 = £720 a year; the council 6 × 3 × £46,150/1,650 = £503.45 a year.
    let results = &app.doc.results().appraisal;
    let police = results.partnerships[0]
        .partners
        .iter()
        .find(|p| p.partner == "Police")
        .expect("police row")
        .clone();
    let factors = results.discount_factors.clone();
    let expected_police: Decimal = factors.iter().map(|f| dec!(720) * f).sum();
    assert_eq!(
        format::round(police.pv_costs, 2),
        format::round(expected_police, 2)
    );
    let net_with_meeting = net_value(app, 0);
    let council_year = dec!(18) * dec!(46150) / dec!(1650);
    let expected_net: Decimal = -factors
        .iter()
        .map(|f| (dec!(720) + council_year) * f)
        .sum::<Decimal>();
    assert_eq!(
        format::round(net_with_meeting, 2),
        format::round(expected_net, 2)
    );
    h.run();
    // The results panel shows the police's costs as money.
    h.get_by_label(&format::money_whole(expected_police, "£"));

    // Undo the attendee change: the second attendee goes back to the council officer.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let attendee = match &h.state().doc.project.partnerships[0].costs[0].detail {
        CostDetail::Meeting(m) => m.attendees[1].clone(),
        _ => unreachable!(),
    };
    assert_eq!(attendee.partner, "Council");
    assert_ne!(net_value(h.state_mut(), 0), net_with_meeting);
    // Redo, then save with Ctrl+S (the picker answers the path).
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(net_value(h.state_mut(), 0), net_with_meeting);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(!h.state().doc.is_dirty(), "saved: {}", h.state().status);
    assert!(
        h.state().title().starts_with("borough.ron"),
        "title {}",
        h.state().title()
    );

    // Reopen in a fresh app: the same numbers.
    let mut reopened = harness(Document::untitled(Project::new("Other")), vec![]);
    reopened.state_mut().open_path(&path);
    reopened.run();
    assert_eq!(net_value(reopened.state_mut(), 0), net_with_meeting);
    let from_disk = appraisal::appraise(&file::load(&path).unwrap());
    assert_eq!(
        from_disk.partnerships[0].measures.net_value,
        net_with_meeting
    );
}

#[test]
fn bad_text_in_a_money_field_shows_a_message_and_keeps_the_last_valid_value() {
    let mut doc_project = project();
    doc_project.partnerships.push(Partnership::new("CSP"));
    let mut h = harness(Document::untitled(doc_project), vec![]);
    h.state_mut().view = View::Partner(0);
    h.run();
    let salary = h.get_by_role_and_label(Role::TextInput, "Salary");
    salary.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::TextInput, "Salary")
        .type_text("12a.50");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label("'12a.50' is not a number");
    assert_eq!(
        h.state().doc.project.partners[0].grades[0].pay,
        Pay::Salary(Money(dec!(35000)))
    );
    assert!(!h.state().doc.is_dirty());

    // Corrected text is taken, as one undo step.
    let salary = h.get_by_role_and_label(Role::TextInput, "Salary");
    salary.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::TextInput, "Salary")
        .type_text("36,500.50");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(h.query_by_label("'12a.50' is not a number").is_none());
    assert_eq!(
        h.state().doc.project.partners[0].grades[0].pay,
        Pay::Salary(Money(dec!(36500.50)))
    );
    assert!(h.state().doc.can_undo());
}

#[test]
fn a_new_line_opens_ready_for_typing_and_staff_time_can_be_entered_as_fte() {
    let mut h = harness(Document::untitled(pockets_project()), vec![]);
    h.set_size(egui::vec2(1600.0, 1400.0));
    h.state_mut().view = View::Partnership(0);
    h.run();
    h.get_by_label("Costs").click();
    h.run();
    h.get_by_label("Add staff time").click();
    h.run();
    h.run();
    // The new card is open and its Description field has the keyboard: typing names it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text("Analyst support".into()));
    h.key_press(Key::Enter);
    h.run();
    let staff = |h: &Harness<'_, PartnershipApp>| {
        let p = &h.state().doc.project.partnerships[0];
        let line = p.costs.last().unwrap().clone();
        match line.detail {
            CostDetail::StaffTime(s) => (line.name, s),
            other => panic!("expected staff time, got {other:?}"),
        }
    };
    assert_eq!(staff(&h).0, "Analyst support");

    // 825 hours a year is half of the default 1,650 productive hours: switching to FTE
    // turns it into 0.5, and the cost is unchanged.
    retype(&mut h, "Each year", "825");
    let cost = |h: &mut Harness<'_, PartnershipApp>| {
        h.state_mut().doc.results().appraisal.partnerships[0]
            .measures
            .pvc
    };
    let before = cost(&mut h);
    h.get_by_label_contains("= 0.50 FTE a year");
    combo(&h, "Time entered as", 0).click();
    h.run();
    h.get_by_label("Full-time equivalents (FTE)").click();
    h.run();
    let (_, s) = staff(&h);
    assert_eq!(s.unit, TimeUnit::Fte);
    assert_eq!(
        s.hours,
        Profile::Constant {
            value: dec!(0.5),
            start_year: 0,
            years: 10,
            growth: Rate::ZERO
        }
    );
    assert_eq!(cost(&mut h), before);
    h.get_by_label_contains("= 825 hours a year");
}

#[test]
fn choices_of_nothing_say_none_and_a_new_contribution_is_from_a_partner_not_yet_in_the_pool() {
    let mut h = harness(Document::untitled(pockets_project()), vec![]);
    h.set_size(egui::vec2(1600.0, 1400.0));
    h.state_mut().view = View::Partnership(0);
    h.run();
    h.get_by_label("Benefits").click();
    h.run();
    h.get_by_label_contains("Earnings").click();
    h.run();
    // The economic benefit accrues to no partner: the choice says so in words.
    assert_eq!(
        combo(&h, "Accrues to (optional)", 0).value().as_deref(),
        Some("— none —")
    );

    h.get_by_label("Costs").click();
    h.run();
    h.get_by_label("Add pooled fund").click();
    h.run();
    h.get_by_label("Add contribution").click();
    h.run();
    h.get_by_label("Add contribution").click();
    h.run();
    let p = &h.state().doc.project.partnerships[0];
    let CostDetail::PooledFund(fund) = &p.costs.last().unwrap().detail else {
        panic!("expected a pooled fund");
    };
    let partners: Vec<&str> = fund
        .contributions
        .iter()
        .map(|c| c.partner.as_str())
        .collect();
    assert_eq!(
        partners.len(),
        partners
            .iter()
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        "{partners:?}"
    );
}

#[test]
fn tab_moves_through_a_line_in_reading_order() {
    let mut h = harness(Document::untitled(pockets_project()), vec![]);
    h.set_size(egui::vec2(1366.0, 1200.0));
    h.state_mut().view = View::Partnership(0);
    h.run();
    h.get_by_label("Costs").click();
    h.run();
    h.get_by_label_contains("Team").click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Description")
        .focus();
    h.run();
    let focused = |h: &Harness<'_, PartnershipApp>| {
        h.query_all_by(|n| n.is_focused()).map(|n| n.rect()).next()
    };
    let mut last = focused(&h).expect("the description has the keyboard");
    let mut visited = 1;
    for _ in 0..10 {
        h.key_press(Key::Tab);
        h.run();
        let Some(now) = focused(&h) else { break };
        // Reading order: further down, or along the same row to the right.
        let same_row = (now.center().y - last.center().y).abs() < 8.0;
        assert!(
            (same_row && now.left() > last.left()) || now.top() > last.top() + 4.0,
            "after {visited} presses of Tab the keyboard went from {last:?} back to {now:?}"
        );
        last = now;
        visited += 1;
    }
    assert!(visited >= 5, "Tab reached only {visited} fields");
}
