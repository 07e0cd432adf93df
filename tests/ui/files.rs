use eframe::egui::{self, Key, Modifiers, accesskit::Role};
use egui_kittest::{Harness, kittest::Queryable};
use partnership_appraisal::model::*;
use partnership_appraisal::ui::PartnershipApp;
use partnership_appraisal::ui::app::{Dialog, Then, View};
use partnership_appraisal::ui::document::Document;
use partnership_appraisal::ui::files::ScriptedPicker;
use partnership_appraisal::{appraisal, file};
use std::path::PathBuf;

use super::{harness, project};

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
