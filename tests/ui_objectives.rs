//! The Objectives tab, the priorities in Project settings and the delivery chain, driven
//! as a user would, headless (egui_kittest).

#[path = "common/ui.rs"]
mod drive;

use drive::{harness, retype, undo};
use eframe::egui::{Key, accesskit::Role};
use egui_kittest::{Harness, kittest::Queryable};
use partnership_appraisal::model::*;
use partnership_appraisal::ui::PartnershipApp;
use partnership_appraisal::ui::app::{Dialog, Section, View};
use rust_decimal_macros::dec;

fn project() -> Project {
    let mut p = Project::new("Test borough");
    p.partners = vec![
        Partner::new("Council", PartnerKind::Council),
        Partner::new("Police", PartnerKind::Police),
    ];
    let mut csp = Partnership::new("CSP");
    csp.members = vec!["Council".into(), "Police".into()];
    p.partnerships = vec![csp, Partnership::new("Health board")];
    p.priorities = vec![Priority {
        name: "Safer streets".into(),
        description: "Less crime and fear of crime".into(),
    }];
    p
}

fn click(h: &mut Harness<'_, PartnershipApp>, label: &str) {
    h.get_by_label(label).click();
    h.run();
    h.run();
}

fn first_indicator(h: &Harness<'_, PartnershipApp>) -> Indicator {
    h.state().doc.project.partnerships[0].objectives[0].indicators[0].clone()
}

fn net(h: &mut Harness<'_, PartnershipApp>) -> rust_decimal::Decimal {
    h.state_mut()
        .doc
        .results()
        .appraisal
        .portfolio
        .measures
        .net_value
}

/// Add an objective and an indicator, type a target and an actual and see the rating in
/// words; a bad number is refused on its field with the text kept; each edit undoes.
#[test]
fn add_an_objective_type_a_target_and_an_actual_and_see_the_rating() {
    let mut h = harness(project());
    h.state_mut().view = View::Partnership(0);
    h.state_mut().section = Section::Objectives;
    h.run();
    h.get_by_label("No objective yet.");
    h.get_by_label_contains("How ratings are given: On target");
    let figures = net(&mut h);

    click(&mut h, "Add objective");
    let o = h.state().doc.project.partnerships[0].objectives[0].clone();
    assert_eq!(o.name, "Objective");
    assert_eq!(o.priority.as_deref(), Some("Safer streets"));
    // It has no indicator: said on it, as a warning.
    h.get_by_label_contains("Indicators: none yet");

    click(&mut h, "Add indicator");
    // What it lacks is said in its own frame.
    h.get_by_label_contains("Indicator 'Indicator' baseline: is missing");
    // Target 200 and actual 190 for 2026/27: short by 10, which is 5% of 200: within.
    retype(&mut h, "Target 2026/27", "200");
    retype(&mut h, "Actual 2026/27", "190");
    let i = first_indicator(&h);
    assert_eq!(i.targets.get(&FinancialYear(2026)), Some(&dec!(200)));
    assert_eq!(i.actuals.get(&FinancialYear(2026)), Some(&dec!(190)));
    assert!(h.query_all_by_label("Within tolerance").next().is_some());
    h.get_by_label("Latest rated year 2026/27: Within tolerance");

    // Bad text is refused on the field, the text kept there and the value as it was.
    retype(&mut h, "Actual 2026/27", "19o");
    h.get_by_label_contains("'19o' is not a number");
    let field = h.get_by_role_and_label(Role::TextInput, "Actual 2026/27");
    assert_eq!(field.value().as_deref(), Some("19o"));
    assert_eq!(
        first_indicator(&h).actuals.get(&FinancialYear(2026)),
        Some(&dec!(190))
    );

    // 180 is short by 20, more than 10: off target.
    retype(&mut h, "Actual 2026/27", "180");
    assert!(h.query_by_label_contains("is not a number").is_none());
    h.get_by_label("Latest rated year 2026/27: Off target");
    h.get_by_label_contains("Objective — Off target: 1 off target");

    // Lower is better turns the same numbers round: 180 is below 200, on target.
    h.get_by_role_and_label(Role::ComboBox, "Direction").click();
    h.run();
    h.get_by_label("Lower is better").click();
    h.run();
    h.run();
    h.get_by_label("Latest rated year 2026/27: On target");

    // No figure moved; every edit is one undo step back to the project as it was.
    assert_eq!(net(&mut h), figures);
    undo(&mut h);
    assert_eq!(first_indicator(&h).better, Better::Higher);
    undo(&mut h);
    assert_eq!(
        first_indicator(&h).actuals.get(&FinancialYear(2026)),
        Some(&dec!(190))
    );
    undo(&mut h);
    assert!(first_indicator(&h).actuals.is_empty());
    undo(&mut h);
    assert!(first_indicator(&h).targets.is_empty());
    undo(&mut h);
    assert!(
        h.state().doc.project.partnerships[0].objectives[0]
            .indicators
            .is_empty()
    );
    undo(&mut h);
    assert_eq!(h.state().doc.project, project());
    assert!(!h.state().doc.is_dirty());
}

/// A contribution: the first member, a cost line ticked, hours typed; negative hours are
/// refused on the field.
#[test]
fn a_contribution_names_a_partner_its_cost_lines_and_hours() {
    let mut p = project();
    p.partnerships[0].objectives.push(Objective {
        name: "Fewer burglaries".into(),
        priority: Some("Safer streets".into()),
        ..Objective::default()
    });
    let mut h = harness(p);
    h.state_mut().view = View::Partnership(0);
    h.state_mut().section = Section::Objectives;
    h.run();
    click(&mut h, "Add contribution");
    let c = &h.state().doc.project.partnerships[0].objectives[0].contributions;
    assert_eq!(c[0].partner, "Council");
    retype(&mut h, "Hours a year", "-5");
    h.get_by_label_contains("enter zero or more");
    retype(&mut h, "Hours a year", "120");
    let c = &h.state().doc.project.partnerships[0].objectives[0].contributions;
    assert_eq!(c[0].hours_per_year, Some(dec!(120)));
    // A second goes to the member not yet contributing.
    click(&mut h, "Add contribution");
    let c = &h.state().doc.project.partnerships[0].objectives[0].contributions;
    assert_eq!(c[1].partner, "Police");
}

/// Priorities are kept in Project settings: renaming one renames it in the objectives that
/// serve it, in one undo step; deleting one they serve asks first.
#[test]
fn a_priority_renamed_in_settings_reaches_the_objectives_and_undoes_in_one_step() {
    let mut p = project();
    p.partnerships[1].objectives.push(Objective {
        name: "Fewer falls".into(),
        priority: Some("Safer streets".into()),
        ..Objective::default()
    });
    let mut h = harness(p.clone());
    h.state_mut().view = View::Settings;
    h.run();
    h.get_by_label("Community strategy priorities");
    retype(&mut h, "Priority", "Safe streets");
    let objective = |h: &Harness<'_, PartnershipApp>| {
        h.state().doc.project.partnerships[1].objectives[0]
            .priority
            .clone()
    };
    assert_eq!(objective(&h).as_deref(), Some("Safe streets"));
    assert_eq!(h.state().doc.project.priorities[0].name, "Safe streets");
    undo(&mut h);
    assert_eq!(h.state().doc.project, p);

    // Deleting it asks, and can leave the objective serving none.
    // The priority's Remove is the first on the screen (the grades' come after); it may
    // lie below the window, so it is pressed from the keyboard.
    h.get_all_by_label("Remove")
        .min_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .unwrap()
        .focus();
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.run();
    assert_eq!(h.state().doc.project.priorities.len(), 1, "asked first");
    assert!(matches!(h.state().dialog, Some(Dialog::Delete(_))));
    click(&mut h, "Delete; the objectives serve none");
    assert!(h.state().doc.project.priorities.is_empty());
    assert_eq!(objective(&h), None);
    undo(&mut h);
    assert_eq!(h.state().doc.project, p);
}

/// The delivery chain shows each priority with its objectives and their ratings, and each
/// partner's part; an objective opens its partnership's Objectives tab.
#[test]
fn the_delivery_chain_shows_priorities_objectives_and_partners() {
    let mut p = project();
    let mut indicator = Indicator {
        name: "Burglaries".into(),
        better: Better::Lower,
        ..Indicator::default()
    };
    indicator.targets.insert(FinancialYear(2026), dec!(100));
    indicator.actuals.insert(FinancialYear(2026), dec!(104));
    p.partnerships[1].objectives.push(Objective {
        name: "Fewer burglaries".into(),
        priority: Some("Safer streets".into()),
        indicators: vec![indicator],
        contributions: vec![Commitment {
            partner: "Police".into(),
            lines: Vec::new(),
            hours_per_year: Some(dec!(300)),
        }],
    });
    let mut h = harness(p);
    h.state_mut().view = View::Portfolio;
    h.run();
    // Reached from the navigator.
    click(&mut h, "Delivery chain");
    assert_eq!(h.state().view, View::DeliveryChain);
    // The priority heads its objectives, and is named again in the police's row.
    assert_eq!(h.query_all_by_label("Safer streets").count(), 2);
    h.get_by_label("Within tolerance: 1 within tolerance");
    h.get_by_label("Police; 300 hours a year");
    h.get_by_label("Each partner's part");
    click(&mut h, "Fewer burglaries — Health board");
    assert_eq!(h.state().view, View::Partnership(1));
    assert_eq!(h.state().section, Section::Objectives);
}

/// A cost line renamed or removed in the Costs tab is renamed or forgotten in the
/// contributions that draw on it, in the same undo step.
#[test]
fn a_cost_line_renamed_or_removed_in_the_costs_tab_is_followed_by_contributions() {
    let mut h = harness(project());
    h.state_mut().view = View::Partnership(0);
    h.state_mut().section = Section::Costs;
    h.run();
    click(&mut h, "Add other cost");
    retype(&mut h, "Description", "Analyst time");

    h.state_mut().section = Section::Objectives;
    h.run();
    click(&mut h, "Add objective");
    click(&mut h, "Add contribution");
    click(&mut h, "Analyst time");
    let lines = |h: &Harness<'_, PartnershipApp>| {
        h.state().doc.project.partnerships[0].objectives[0].contributions[0]
            .lines
            .clone()
    };
    assert_eq!(lines(&h), vec!["Analyst time"]);

    h.state_mut().section = Section::Costs;
    h.run();
    h.run();
    retype(&mut h, "Description", "Crime analyst time");
    assert_eq!(lines(&h), vec!["Crime analyst time"]);
    click(&mut h, "Remove");
    assert!(h.state().doc.project.partnerships[0].costs.is_empty());
    assert!(lines(&h).is_empty());
    undo(&mut h);
    assert_eq!(h.state().doc.project.partnerships[0].costs.len(), 1);
    assert_eq!(lines(&h), vec!["Crime analyst time"]);
}
