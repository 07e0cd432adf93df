//! The desktop app driven as a user would, headless (egui_kittest): find fields by
//! label, click, type, and check what the app shows and holds.

use eframe::egui::{self, Key, Modifiers, accesskit::Role};
use egui_kittest::{Harness, kittest::Queryable};
use partnership_appraisal::model::*;
use partnership_appraisal::ui::PartnershipApp;
use partnership_appraisal::ui::app::{Dialog, Then, View};
use partnership_appraisal::ui::document::Document;
use partnership_appraisal::ui::files::ScriptedPicker;
use partnership_appraisal::{appraisal, file, format};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use std::path::PathBuf;

/// Two partners with one grade each, and one partnership with a fiscal benefit.
fn project() -> Project {
    let mut p = Project::new("Test borough");
    let mut council = Partner::new("Council", PartnerKind::Council);
    council.grades.push(Grade {
        name: "Officer".into(),
        pay: Pay::Salary(Money(dec!(35000))),
    });
    let mut police = Partner::new("Police", PartnerKind::Police);
    police.grades.push(Grade {
        name: "Sergeant".into(),
        pay: Pay::Hourly(Money(dec!(40))),
    });
    p.partners = vec![council, police];
    p
}

fn harness(doc: Document, answers: Vec<Option<PathBuf>>) -> Harness<'static, PartnershipApp> {
    Harness::builder()
        .with_size([1500.0, 1000.0])
        .build_eframe(move |cc| {
            partnership_appraisal::ui::configure_style(&cc.egui_ctx);
            let picker = ScriptedPicker {
                answers: answers.into(),
            };
            PartnershipApp::new(doc, Box::new(picker))
        })
}

fn net_value(app: &mut PartnershipApp, i: usize) -> Decimal {
    app.doc.results().appraisal.partnerships[i]
        .measures
        .net_value
}

fn combo<'a>(
    h: &'a Harness<'_, PartnershipApp>,
    label: &'a str,
    nth: usize,
) -> egui_kittest::Node<'a> {
    h.get_all_by_role_and_label(Role::ComboBox, label)
        .nth(nth)
        .unwrap_or_else(|| panic!("no combo box '{label}' #{nth}"))
}

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
fn closing_with_unsaved_changes_asks_and_cancel_keeps_the_work() {
    let mut h = harness(Document::untitled(project()), vec![]);
    h.run();
    h.get_by_label("Add partnership").click();
    h.run();
    assert!(h.state().doc.is_dirty());

    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run();
    assert_eq!(h.state().dialog, Some(Dialog::Unsaved(Then::Quit)));
    h.get_by_label("Save changes first?");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(h.state().dialog, None);
    assert_eq!(h.state().doc.project.partnerships.len(), 1);
}

#[test]
fn a_file_that_fails_to_open_leaves_the_current_project_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(format_version: 1, project: (name: \"x\"").unwrap();
    let mut h = harness(Document::untitled(project()), vec![Some(bad)]);
    h.run();
    h.get_by_label("Add partnership").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    // Unsaved changes come first: discard is not chosen, so the project stays.
    assert!(matches!(
        h.state().dialog,
        Some(Dialog::Unsaved(Then::Open(None)))
    ));
    h.get_by_label("Discard").click();
    h.run();
    assert!(
        matches!(h.state().dialog, Some(Dialog::Message { .. })),
        "{:?}",
        h.state().dialog
    );
    let _ = h.get_all_by_label("The file could not be opened");
    assert_eq!(h.state().doc.project.name, "Test borough");
    assert_eq!(h.state().doc.project.partnerships.len(), 1);
}

#[test]
fn monte_carlo_runs_off_the_ui_thread_and_shows_the_engines_numbers() {
    use partnership_appraisal::appraisal::uncertainty;
    use partnership_appraisal::ui::app::Section;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/borough-portfolio.ron");
    let mut project = file::load(&path).unwrap();
    project.settings.simulation.draws = 2_000;
    let mut h = harness(Document::untitled(project.clone()), vec![]);
    // Tall enough that the whole section is on screen without scrolling.
    h.set_size(egui::vec2(1500.0, 3000.0));
    h.state_mut().view = View::Partnership(0);
    h.state_mut().section = Section::Uncertainty;
    h.step();
    h.step();
    h.get_by_label("Run simulation").click();
    let mut shown = false;
    for _ in 0..500 {
        h.step();
        if h.query_by_label_contains("Benefits exceed costs in")
            .is_some()
        {
            shown = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(shown, "the simulation finished and its result is shown");
    let expected = uncertainty::simulate(
        &project,
        0,
        2_000,
        project.settings.simulation.seed,
        &mut |_| true,
    )
    .unwrap();
    assert!(expected.varying_inputs > 0);
    // The probability is stated with the draws and the number of inputs varying.
    h.get_by_label(&format!(
        "Benefits exceed costs in {} of 2,000 draws, with {} inputs varying",
        format::percent(format::round(expected.probability_positive.unwrap(), 4)),
        expected.varying_inputs
    ));
    h.get_by_label(&format::money_whole(expected.p50, "£"));
    assert_eq!(
        h.state().doc.project,
        project,
        "running a simulation changes nothing in the project"
    );
}

/// A generated project big enough (about 6 MB) to open on a thread, and to take long
/// enough (about a second here) that the loading screen is seen, saved as `name`.
fn large_file(dir: &std::path::Path, name: &str) -> (PathBuf, Project, String) {
    let project = partnership_appraisal::generate::project(300, 3);
    let text = file::to_ron(&project).unwrap();
    assert!(
        text.len() as u64 >= partnership_appraisal::ui::loading::BACKGROUND_FROM_BYTES,
        "{} bytes is too small to open on a thread",
        text.len()
    );
    let path = dir.join(name);
    std::fs::write(&path, &text).unwrap();
    (path, project, text)
}

/// Steps frames until the file opening on a thread is ready; returns the phases seen.
fn wait_until_loaded(h: &mut Harness<'_, PartnershipApp>) -> Vec<String> {
    let started = std::time::Instant::now();
    let mut phases: Vec<String> = Vec::new();
    while let Some(loading) = h.state().loading() {
        let phase = loading.phase.describe();
        if phases.last() != Some(&phase) {
            phases.push(phase);
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(120),
            "still loading after two minutes: {phases:?}"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    h.run();
    phases
}

#[test]
fn a_large_file_opens_on_a_thread_behind_a_loading_screen() {
    let dir = tempfile::tempdir().unwrap();
    let (path, national, _) = large_file(dir.path(), "national.ron");
    let mut h = harness(Document::untitled(project()), vec![Some(path.clone())]);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();

    // The loading screen: the file, its size, what is being done, a way out.
    let phase = match h.state().loading() {
        Some(loading) => loading.phase,
        None => panic!("the file opened at once: {}", h.state().status),
    };
    h.get_by_label("Opening national.ron");
    h.get_by_label_contains(" MB  ·  ");
    h.get_by_label(&phase.describe());
    h.get_by_role_and_label(Role::ProgressIndicator, "Loading");
    h.get_by_label("Cancel");
    assert!(h.state().title().starts_with("Opening national.ron…"));
    assert_eq!(h.state().doc.project, project(), "unchanged meanwhile");

    // Commands that would change or replace the project wait for it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(
        h.state().status.starts_with("Still opening national.ron"),
        "{}",
        h.state().status
    );
    assert_eq!(h.state().dialog, None);
    assert_eq!(h.state().doc.project, project());
    assert_eq!(h.state().doc.path, None);

    let phases = wait_until_loaded(&mut h);
    let all = ["Reading the file…", "Appraising 300 partnerships…"].map(String::from);
    assert!(all.ends_with(&phases), "{phases:?}");

    // Installed as a file opened at once is.
    let app = h.state();
    assert_eq!(app.doc.path.as_deref(), Some(path.as_path()));
    assert_eq!(app.doc.project, national);
    assert!(!app.doc.is_dirty());
    assert_eq!(app.view, View::Portfolio);
    assert_eq!(app.dialog, None);
    assert_eq!(app.status, format!("Opened {}", path.display()));
    assert_eq!(app.recent.first(), Some(&path.canonicalize().unwrap()));
    assert!(app.title().starts_with("national.ron"), "{}", app.title());
    assert!(
        dir.path().join(".national.ron.lock").exists(),
        "the file is locked as any open file is"
    );
    assert!(h.query_by_label("Opening national.ron").is_none());
    assert_eq!(
        h.state_mut().doc.results().appraisal,
        appraisal::appraise(&national)
    );
}

/// A large file whose end is lost, as from a copy that stopped part way.
fn broken_large_file(dir: &std::path::Path) -> PathBuf {
    let (path, _, text) = large_file(dir, "broken.ron");
    let lines: Vec<&str> = text.lines().collect();
    std::fs::write(&path, lines[..lines.len() - 100].join("\n")).unwrap();
    path
}

#[test]
fn a_broken_large_file_leaves_the_project_with_its_unsaved_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = broken_large_file(dir.path());
    let mut h = harness(Document::untitled(project()), vec![Some(path.clone())]);
    h.run();
    h.get_by_label("Add partnership").click();
    h.run();
    let edited = h.state().doc.project.clone();

    // Open from the unsaved-changes prompt: discard, then open.
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    h.get_by_label("Discard").click();
    h.run();
    assert!(h.state().loading().is_some(), "{}", h.state().status);
    h.get_by_label("Opening broken.ron");
    // Closing the window meanwhile does not ask again about the discarded changes.
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run();
    assert_eq!(h.state().dialog, None);

    wait_until_loaded(&mut h);
    match &h.state().dialog {
        Some(Dialog::Message { title, text, .. }) => {
            assert_eq!(title, "The file could not be opened");
            assert!(text.contains(&path.display().to_string()), "{text}");
            assert!(
                text.ends_with("The project you had open is unchanged."),
                "{text}"
            );
        }
        other => panic!("expected a message, got {other:?}"),
    }
    assert!(
        h.get_all_by_label("The file could not be opened")
            .next()
            .is_some()
    );
    assert_eq!(h.state().doc.project, edited);
    assert!(h.state().doc.is_dirty());
    assert_eq!(h.state().doc.path, None);
    assert_eq!(h.state().view, View::Partnership(0));
    assert!(h.state().recent.is_empty());
    assert!(!dir.path().join(".broken.ron.lock").exists());
}

#[test]
fn cancelling_a_load_keeps_the_project_and_a_later_open_still_works() {
    let dir = tempfile::tempdir().unwrap();
    let (path, national, _) = large_file(dir.path(), "national.ron");
    let mut h = harness(
        Document::untitled(project()),
        vec![Some(path.clone()), Some(path.clone())],
    );
    h.state_mut().view = View::Settings;
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    assert!(h.state().loading().is_some());
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().loading().is_none());
    assert!(
        h.state().status.starts_with("Stopped opening"),
        "{}",
        h.state().status
    );
    assert_eq!(h.state().view, View::Settings);
    assert_eq!(h.state().doc.project, project());
    assert_eq!(h.state().doc.path, None);
    assert!(h.query_by_label("Opening national.ron").is_none());
    assert!(!dir.path().join(".national.ron.lock").exists());

    // Opened again, the file arrives; the cancelled load's result never does.
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    assert!(h.state().loading().is_some());
    wait_until_loaded(&mut h);
    assert_eq!(h.state().doc.project, national);
    assert_eq!(h.state().doc.path.as_deref(), Some(path.as_path()));
    for _ in 0..20 {
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.run();
    }
    assert_eq!(h.state().doc.project, national);
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn at_start_the_recovery_offer_waits_for_the_file_and_then_says_why_it_did_not_open() {
    use partnership_appraisal::file::lock;
    use partnership_appraisal::ui::recovery::{Meta, RecoveryStore};
    let dir = tempfile::tempdir().unwrap();
    let path = broken_large_file(dir.path());
    let store = RecoveryStore::new(dir.path().join("recovery"));
    // Left by a run that has stopped: a process id that was running a moment ago.
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    let unsaved = Project::new("Work from yesterday");
    store
        .write(
            "recovery-1-1.ron",
            &Meta {
                original: None,
                saved_at: 1_795_345_380,
                owner: lock::LockOwner {
                    pid,
                    started: Some(1),
                    host: lock::host_name(),
                },
            },
            &unsaved,
        )
        .unwrap();
    let mut h = Harness::builder()
        .with_size([1500.0, 1000.0])
        .build_eframe(move |cc| {
            PartnershipApp::start_with(
                cc,
                Some(path),
                Box::new(ScriptedPicker::default()),
                Some(store),
            )
        });
    h.run();
    // The loading screen first; the offer waits behind it, and Help does not replace it.
    h.get_by_label("Opening broken.ron");
    assert!(h.query_by_label("Restore unsaved work?").is_none());
    h.key_press(Key::F1);
    h.run();
    assert_eq!(h.state().dialog, Some(Dialog::Recover));

    wait_until_loaded(&mut h);
    assert_eq!(h.state().dialog, Some(Dialog::Recover));
    h.get_by_label("Restore unsaved work?");
    h.get_by_label_contains("The file could not be opened. ");
    h.get_by_label("Restore").click();
    h.run();
    assert_eq!(h.state().doc.project, unsaved);
    assert!(h.state().doc.is_dirty());
}

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

/// Runs the Monte Carlo simulation on the Uncertainty tab of partnership 0 and waits for
/// `shown` (a label) to appear.
fn run_simulation(h: &mut Harness<'static, PartnershipApp>, shown: &str) {
    use partnership_appraisal::ui::app::Section;
    h.set_size(egui::vec2(1500.0, 3000.0));
    h.state_mut().view = View::Partnership(0);
    h.state_mut().section = Section::Uncertainty;
    h.step();
    h.step();
    h.get_by_label("Run simulation").click();
    for _ in 0..500 {
        h.step();
        if h.query_by_label(shown).is_some() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("{shown:?} was not shown");
}

#[test]
fn uncertainty_tab_says_there_is_nothing_to_simulate_when_no_input_has_a_range() {
    use partnership_appraisal::appraisal::uncertainty::NOTHING_TO_SIMULATE;
    // Before this, a project without ranges showed "Benefits exceed costs with
    // probability 100%": a certainty that only meant nothing had been drawn.
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/example.ron");
    let mut project = file::load(&path).unwrap();
    project.settings.simulation.draws = 1_000;
    let net = appraisal::appraise(&project).partnerships[0]
        .measures
        .net_value;
    let mut h = harness(Document::untitled(project), vec![]);
    run_simulation(&mut h, NOTHING_TO_SIMULATE);
    for absent in ["Benefits exceed costs", "Probability", "chance of gaining"] {
        assert_eq!(
            h.query_all_by_label_contains(absent).count(),
            0,
            "{absent:?} is shown"
        );
    }
    // The one figure shown is the net value, the same in every draw.
    let y = h.get_by_label("Net value (every draw)").rect().center().y;
    let figure = format::money_whole(net, "£");
    assert!(
        h.get_all_by_label(&figure)
            .any(|n| (n.rect().center().y - y).abs() < 2.0),
        "{figure} beside the net value"
    );
}

/// A partnership in year 0 only (so present values are the amounts): the Council pays
/// £50,000 and saves £60,000 (half cashable); residents receive £2,000 of social value;
/// £5,000 of economic value goes to no partner.
fn pockets_project() -> Project {
    let mut p = project();
    p.partners
        .push(Partner::new("Residents", PartnerKind::ResidentsAndSociety));
    let mut ship = Partnership::new("Joint working");
    ship.members = vec!["Council".into()];
    ship.costs.push(CostLine {
        name: "Team".into(),
        cost_type: CostType::Revenue,
        optimism: Optimism::Direct(Rate(dec!(0))),
        source: String::new(),
        detail: CostDetail::Other(OtherCost {
            category: OtherCategory::SupportTeam,
            partner: "Council".into(),
            layer: None,
            amounts: Profile::constant(dec!(50000), 1),
        }),
        range: None,
        prices: partnership_appraisal::model::Prices::Real,
    });
    let benefit = |name: &str, t: BenefitType, partner: Option<&str>, amount| BenefitLine {
        name: name.into(),
        benefit_type: t,
        partner: partner.map(Into::into),
        cashable_share: Rate(dec!(0.5)),
        optimism: Optimism::Direct(Rate(dec!(0))),
        source: String::new(),
        detail: BenefitDetail::Direct(Profile::constant(amount, 1)),
        range: None,
        disbenefit: false,
        prices: partnership_appraisal::model::Prices::Real,
    };
    ship.benefits.extend([
        benefit(
            "Fewer evictions",
            BenefitType::Fiscal,
            Some("Council"),
            dec!(60000),
        ),
        benefit(
            "Wellbeing",
            BenefitType::Social,
            Some("Residents"),
            dec!(2000),
        ),
        benefit("Earnings", BenefitType::Economic, None, dec!(5000)),
    ]);
    p.partnerships.push(ship);
    p
}

#[test]
fn results_panel_keeps_economic_and_social_value_out_of_budget_savings() {
    const PARTNER_COLUMNS: [&str; 6] = [
        "Partner",
        "Costs borne",
        "Cashable savings",
        "Non-cashable savings",
        "Net to budget",
        "Economic and social value",
    ];
    // Before this, the panel showed residents' social value and wider society under
    // "Saves" and "Net to budget".
    let mut h = harness(Document::untitled(pockets_project()), vec![]);
    h.set_size(egui::vec2(1800.0, 2000.0));
    h.state_mut().view = View::Partnership(0);
    h.run();
    assert!(h.query_by_label("Saves").is_none());
    // Every label on screen with its text and place.
    let labels: Vec<(String, egui::Rect)> = h
        .query_all_by_role(Role::Label)
        .filter_map(|n| n.value().map(|t| (t, n.rect())))
        .collect();
    let header_y = labels
        .iter()
        .find(|(t, _)| t == "Economic and social value")
        .expect("the who-pays table has an economic and social value column")
        .1
        .center()
        .y;
    let same_row = |y: f32| {
        labels
            .iter()
            .filter(move |(_, r)| (r.center().y - y).abs() < 2.0)
            .collect::<Vec<_>>()
    };
    // The header's columns, left to right, by their left edges.
    let columns: Vec<f32> = PARTNER_COLUMNS
        .iter()
        .map(|c| {
            same_row(header_y)
                .into_iter()
                .find(|(t, _)| t == c)
                .unwrap_or_else(|| panic!("no column {c}"))
                .1
                .left()
        })
        .collect();
    // A row's cells by column, "" where a cell is empty.
    let row = |name: &str| -> Vec<String> {
        let y = labels
            .iter()
            .find(|(t, r)| {
                t == name && r.center().y > header_y && (r.left() - columns[0]).abs() < 2.0
            })
            .unwrap_or_else(|| panic!("no row {name}"))
            .1
            .center()
            .y;
        let cells = same_row(y);
        columns
            .iter()
            .map(|x| {
                cells
                    .iter()
                    .find(|(_, r)| (r.left() - x).abs() < 2.0)
                    .map_or(String::new(), |(t, _)| t.clone())
            })
            .collect()
    };
    // Costs, cashable, non-cashable, net to budget (60,000 − 50,000), value received.
    assert_eq!(
        row("Council")[1..],
        ["£50,000", "£30,000", "£30,000", "£10,000", "£0"]
    );
    // Residents' social value is value received, not a saving and not budget.
    assert_eq!(row("Residents")[1..], ["£0", "£0", "£0", "£0", "£2,000"]);
    assert_eq!(row("Wider society")[1..], ["", "", "", "", "£5,000"]);
    // The rows add up to the partnership: PVC 50,000; fiscal 60,000; economic and
    // social 7,000 (the engine's totals).
    let m = &h.state_mut().doc.results().appraisal.partnerships[0]
        .measures
        .clone();
    assert_eq!((m.pvc, m.pvb.fiscal), (dec!(50000), dec!(60000)));
    assert_eq!(m.pvb.economic + m.pvb.social, dec!(7000));
    let money = |t: &str| -> Decimal {
        let digits: String = t.chars().filter(char::is_ascii_digit).collect();
        if digits.is_empty() {
            Decimal::ZERO
        } else {
            digits.parse().unwrap()
        }
    };
    let rows = [row("Council"), row("Residents"), row("Wider society")];
    let sum = |c: usize| rows.iter().map(|r| money(&r[c])).sum::<Decimal>();
    assert_eq!(sum(1), m.pvc);
    assert_eq!(sum(2) + sum(3), m.pvb.fiscal);
    assert_eq!(sum(5), m.pvb.economic + m.pvb.social);
}

#[test]
fn a_cost_takes_its_uplift_from_a_project_type_and_shows_the_working() {
    // HM Treasury's standard buildings: upper bound 24%, lower 2%. With 92% of the
    // contributory factors mitigated, 24% × 8% = 1.92%, below the lower bound, so 2%.
    // The team's cost runs three years, so cash prices need deflators for 2027/28 on.
    let mut project = pockets_project();
    if let CostDetail::Other(o) = &mut project.partnerships[0].costs[0].detail {
        o.amounts = Profile::constant(dec!(50000), 3);
    }
    let pvc = |h: &mut Harness<'_, PartnershipApp>| {
        h.state_mut().doc.results().appraisal.partnerships[0]
            .measures
            .pvc
    };
    let mut h = harness(Document::untitled(project), vec![]);
    h.set_size(egui::vec2(1600.0, 1400.0));
    h.state_mut().view = View::Partnership(0);
    h.run();
    let unbiased = pvc(&mut h);
    h.get_by_label("Costs").click();
    h.run();
    h.get_by_label_contains("Team").click();
    h.run();
    combo(&h, "Optimism bias from", 0).click();
    h.run();
    h.get_by_label("Project type (HM Treasury bounds)").click();
    h.run();
    let line =
        |h: &Harness<'_, PartnershipApp>| h.state().doc.project.partnerships[0].costs[0].clone();
    assert_eq!(
        line(&h).optimism,
        Optimism::ProjectType {
            project_type: "Standard buildings".into(),
            mitigation: Rate::ZERO,
        }
    );
    assert_eq!((pvc(&mut h) / unbiased).round_dp(10), dec!(1.24));
    retype(&mut h, "Mitigation (share of factors managed)", "92");
    h.get_by_label_contains("24% × (1 − 92% mitigated) = 1.92%, below the lower bound, so 2%");
    assert_eq!((pvc(&mut h) / unbiased).round_dp(10), dec!(1.02));

    // Cash prices: without deflators for its years the line is an error, left out, and
    // the card says why.
    combo(&h, "Amounts in", 0).click();
    h.run();
    h.get_by_label("Cash prices (deflated with the GDP deflators)")
        .click();
    h.run();
    assert_eq!(line(&h).prices, Prices::Cash);
    assert_eq!(pvc(&mut h), Decimal::ZERO);
    h.get_by_label_contains("no GDP deflator for 2026/27, 2027/28, 2028/29");
}

#[test]
fn a_benefit_marked_as_a_disbenefit_counts_against_the_benefits() {
    let mut h = harness(Document::untitled(pockets_project()), vec![]);
    h.set_size(egui::vec2(1600.0, 1400.0));
    h.state_mut().view = View::Partnership(0);
    h.run();
    // The results panel states the SROI ratio and fiscal payback beside the Green Book's.
    h.get_by_label("SROI ratio");
    h.get_by_label("Fiscal payback");
    h.get_by_label("Benefits").click();
    h.run();
    h.get_by_label_contains("Fewer evictions").click();
    h.run();
    combo(&h, "Counts as", 0).click();
    h.run();
    h.get_by_label("A disbenefit (counts against the benefits)")
        .click();
    h.run();
    assert!(h.state().doc.project.partnerships[0].benefits[0].disbenefit);
    let m = h.state_mut().doc.results().appraisal.partnerships[0]
        .measures
        .clone();
    assert_eq!(m.pvb.fiscal, dec!(-60000));
    assert_eq!(format::ratio(m.fiscal_roi), "(1.2000)");
    // Undo puts it back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(!h.state().doc.project.partnerships[0].benefits[0].disbenefit);
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
