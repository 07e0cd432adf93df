use eframe::egui::{Key, Modifiers, accesskit::Role};
use egui_kittest::kittest::Queryable;
use partnership_appraisal::appraisal;
use partnership_appraisal::model::*;
use partnership_appraisal::ui::app::View;
use partnership_appraisal::ui::document::Document;
use rust_decimal_macros::dec;

use super::{combo, harness, project, retype};

// ---------------------------------------------------------------------------------
// References by name: renaming and deleting partners from the app.

/// `project()` with a third partner, and a partnership naming Police in an option's
/// staff line, a saved proposal and its members.
fn project_naming_police() -> Project {
    let mut p = project();
    p.partners.push(Partner::new("NHS", PartnerKind::Nhs));
    let staff = CostLine {
        name: "Sergeant time".into(),
        cost_type: CostType::InKind,
        optimism: Optimism::Direct(Rate::ZERO),
        source: String::new(),
        detail: CostDetail::StaffTime(StaffTime {
            partner: "Police".into(),
            grade: "Sergeant".into(),
            layer: Layer::Operational,
            hours: Profile::constant(dec!(100), 3),
            unit: TimeUnit::Hours,
        }),
        range: None,
        prices: partnership_appraisal::model::Prices::Real,
    };
    let mut csp = Partnership::new("CSP");
    csp.members = vec!["Council".into(), "Police".into()];
    csp.costs.push(staff.clone());
    csp.options.push(Alternative {
        name: "Scale down".into(),
        kind: AlternativeKind::ScaleDown,
        note: String::new(),
        costs: vec![staff],
        benefits: Vec::new(),
    });
    csp.proposals.push(Proposal {
        name: "Equal".into(),
        basis: SplitBasis::Equal,
        shares: vec![
            ProposalShare {
                partner: "Council".into(),
                share: Rate(dec!(0.5)),
            },
            ProposalShare {
                partner: "Police".into(),
                share: Rate(dec!(0.5)),
            },
        ],
    });
    p.partnerships.push(csp);
    p
}

fn staff_partner(line: &CostLine) -> &str {
    match &line.detail {
        CostDetail::StaffTime(s) => &s.partner,
        other => panic!("expected staff time, got {other:?}"),
    }
}

#[test]
fn renaming_a_partner_in_the_app_renames_it_in_option_lines_and_proposals() {
    let mut h = harness(Document::untitled(project_naming_police()), vec![]);
    h.state_mut().view = View::Partner(1);
    h.run();
    retype(&mut h, "Name", "Constabulary");
    let project = &h.state().doc.project;
    assert_eq!(project.partners[1].name, "Constabulary");
    let csp = &project.partnerships[0];
    assert_eq!(staff_partner(&csp.costs[0]), "Constabulary");
    assert_eq!(staff_partner(&csp.options[0].costs[0]), "Constabulary");
    assert_eq!(csp.proposals[0].shares[1].partner, "Constabulary");
    assert_eq!(csp.members, ["Council", "Constabulary"]);
    // One undo step takes it all back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().doc.project, project_naming_police());
}

#[test]
fn a_name_another_partner_has_is_refused_where_it_is_typed() {
    let mut h = harness(Document::untitled(project_naming_police()), vec![]);
    h.state_mut().view = View::Partner(1);
    h.run();
    retype(&mut h, "Name", "Council");
    h.get_by_label("another partner is already called 'Council'");
    assert_eq!(h.state().doc.project, project_naming_police());
    assert!(!h.state().doc.is_dirty());
    // The field keeps the old name.
    let field = h.get_by_role_and_label(Role::TextInput, "Name");
    assert_eq!(field.value().as_deref(), Some("Police"));
    // A grade the partner already has is refused too.
    h.get_by_label("Add grade").click();
    h.run();
    assert_eq!(h.state().doc.project.partners[1].grades[1].name, "Grade 2");
    h.get_all_by_role_and_label(Role::TextInput, "Grade")
        .nth(1)
        .unwrap()
        .focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_all_by_role_and_label(Role::TextInput, "Grade")
        .nth(1)
        .unwrap()
        .type_text("Sergeant");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label("another grade is already called 'Sergeant'");
    assert_eq!(h.state().doc.project.partners[1].grades[1].name, "Grade 2");
}

#[test]
fn deleting_a_partner_lines_refer_to_says_where_and_moves_them_to_the_partner_chosen() {
    let mut h = harness(Document::untitled(project_naming_police()), vec![]);
    h.state_mut().view = View::Partner(1);
    h.run();
    h.get_by_label("Delete partner…").click();
    h.run();
    h.get_by_label("Delete the partner 'Police'?");
    h.get_by_label(
        "2 lines in 1 partnership refer to Police: 'CSP' (1 line, 1 line of options, a member, 1 proposal).",
    );
    // Council is offered first; choose the NHS instead.
    h.get_by_label("Move to Council and delete");
    combo(&h, "Move them to", 0).click();
    h.run();
    h.get_all_by_label("NHS").last().unwrap().click();
    h.run();
    h.get_by_label("Move to NHS and delete").click();
    h.run();
    assert_eq!(h.state().dialog, None);
    let project = &h.state().doc.project;
    assert!(project.partner("Police").is_none());
    let csp = &project.partnerships[0];
    assert_eq!(staff_partner(&csp.costs[0]), "NHS");
    assert_eq!(staff_partner(&csp.options[0].costs[0]), "NHS");
    assert_eq!(csp.proposals[0].shares[1].partner, "NHS");
    assert_eq!(csp.members, ["Council", "NHS"]);
    // The sergeant's rate came with the lines, so the costs are as they were.
    let nhs = project.partner("NHS").unwrap();
    assert_eq!(
        nhs.grade("Sergeant").unwrap().pay,
        Pay::Hourly(Money(dec!(40)))
    );
    let errors = appraisal::validate(project)
        .into_iter()
        .filter(|d| d.is_error())
        .count();
    assert_eq!(errors, 0);
    // The whole deletion is one undo step.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().doc.project, project_naming_police());
}

#[test]
fn deleting_a_referenced_partner_with_its_lines_leaves_it_nowhere() {
    let mut h = harness(Document::untitled(project_naming_police()), vec![]);
    h.state_mut().view = View::Partner(1);
    h.run();
    h.get_by_label("Delete partner…").click();
    h.run();
    h.get_by_label("Delete them too").click();
    h.run();
    let app = h.state_mut();
    assert!(app.doc.project.partner("Police").is_none());
    let csp = &app.doc.project.partnerships[0];
    assert!(csp.costs.is_empty() && csp.options[0].costs.is_empty());
    assert_eq!(csp.members, ["Council"]);
    let rows = &app.doc.results().appraisal.portfolio.partners;
    assert!(!rows.iter().any(|r| r.partner == "Police"), "{rows:#?}");
}

#[test]
fn removing_a_grade_staff_lines_use_asks_and_moves_them_to_another_grade() {
    let mut h = harness(Document::untitled(project_naming_police()), vec![]);
    h.state_mut().view = View::Partner(1);
    h.run();
    h.get_by_label("Add grade").click();
    h.run();
    // The new grade is used by nothing: removing it needs no question.
    h.get_all_by_label("Remove").nth(1).unwrap().click();
    h.run();
    assert_eq!(h.state().dialog, None);
    assert_eq!(h.state().doc.project.partners[1].grades.len(), 1);
    h.get_by_label("Add grade").click();
    h.run();
    // The sergeant grade is used by two staff lines: it asks, and offers Grade 2.
    h.get_all_by_label("Remove").next().unwrap().click();
    h.run();
    h.get_by_label("Delete the grade 'Sergeant'?");
    h.get_by_label(
        "2 lines in 1 partnership refer to Sergeant: 'CSP' (1 line, 1 line of options).",
    );
    h.get_by_label("Move to Grade 2 and delete").click();
    h.run();
    let project = &h.state().doc.project;
    let grades: Vec<&str> = project.partners[1]
        .grades
        .iter()
        .map(|g| g.name.as_str())
        .collect();
    assert_eq!(grades, ["Grade 2"]);
    let csp = &project.partnerships[0];
    for line in [&csp.costs[0], &csp.options[0].costs[0]] {
        match &line.detail {
            CostDetail::StaffTime(s) => assert_eq!(
                (s.partner.as_str(), s.grade.as_str()),
                ("Police", "Grade 2")
            ),
            other => panic!("expected staff time, got {other:?}"),
        }
    }
}

#[test]
fn renaming_the_preferred_option_in_the_app_keeps_it_preferred() {
    let mut project = project_naming_police();
    project.partnerships[0].preferred_option = Some("Scale down".into());
    let mut h = harness(Document::untitled(project), vec![]);
    h.state_mut().view = View::Partnership(0);
    h.state_mut().section = partnership_appraisal::ui::app::Section::Options;
    h.run();
    retype(&mut h, "Option name", "Smaller board");
    let csp = &h.state().doc.project.partnerships[0];
    assert_eq!(csp.options[0].name, "Smaller board");
    assert_eq!(csp.preferred_option.as_deref(), Some("Smaller board"));
    // "Current arrangement" names the partnership's own lines: refused.
    retype(&mut h, "Option name", "Current arrangement");
    h.get_by_label(
        "'Current arrangement' stands for the partnership's own lines: choose another name",
    );
    assert_eq!(
        h.state().doc.project.partnerships[0].options[0].name,
        "Smaller board"
    );
}
