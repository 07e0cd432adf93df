//! Autosave, recovery after a crash, and the lock that warns when another copy of the app
//! has the file open, driven through the app headless (egui_kittest), as a user would.
//!
//! Each test has its own recovery folder, handed to `PartnershipApp::start_with`, so tests
//! run in parallel without sharing state and never touch the user's real folder.

use eframe::egui::{self, Key, Modifiers};
use egui_kittest::{Harness, kittest::Queryable};
use partnership_appraisal::file::{self, lock};
use partnership_appraisal::model::{Partnership, Project};
use partnership_appraisal::ui::PartnershipApp;
use partnership_appraisal::ui::app::Dialog;
use partnership_appraisal::ui::files::ScriptedPicker;
use partnership_appraisal::ui::recovery::{self, Meta, RecoveryStore};
use std::path::{Path, PathBuf};

fn harness(
    path: Option<PathBuf>,
    store: &RecoveryStore,
    answers: Vec<Option<PathBuf>>,
) -> Harness<'static, PartnershipApp> {
    let store = store.clone();
    Harness::builder()
        .with_size([1500.0, 1000.0])
        .build_eframe(move |cc| {
            PartnershipApp::start_with(
                cc,
                path,
                Box::new(ScriptedPicker {
                    answers: answers.into(),
                }),
                Some(store),
            )
        })
}

/// A process id that was running a moment ago and is not now.
fn dead_owner() -> lock::LockOwner {
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    lock::LockOwner {
        pid,
        started: Some(1),
        host: lock::host_name(),
    }
}

/// A running process (not this one) standing in for another copy of the app.
struct OtherCopy(std::process::Child);

impl OtherCopy {
    fn start() -> Self {
        OtherCopy(
            std::process::Command::new("sleep")
                .arg("60")
                .spawn()
                .unwrap(),
        )
    }

    fn owner(&self) -> lock::LockOwner {
        let pid = self.0.id();
        lock::LockOwner {
            pid,
            started: lock::process_start_time(pid),
            host: lock::host_name(),
        }
    }
}

impl Drop for OtherCopy {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn recovery_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| {
            d.map(|e| e.unwrap().path())
                .filter(|p| {
                    let name = p.file_name().unwrap().to_string_lossy().into_owned();
                    name.starts_with("recovery-") && name.ends_with(".ron")
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

fn project_with(name: &str, partnerships: &[&str]) -> Project {
    let mut p = Project::new(name);
    p.partnerships = partnerships.iter().map(|n| Partnership::new(*n)).collect();
    p
}

#[test]
fn after_a_crash_the_next_start_offers_the_changes_and_restores_them_against_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = RecoveryStore::new(dir.path().join("recovery"));
    let path = dir.path().join("borough.ron");
    let saved = project_with("Borough", &["Discharge team"]);
    file::save(&saved, &path).unwrap();
    let unsaved = project_with("Borough", &["Discharge team", "Community safety"]);
    let left = store
        .write(
            "recovery-1-1.ron",
            &Meta {
                original: Some(path.clone()),
                saved_at: 1_795_345_380,
                owner: dead_owner(),
            },
            &unsaved,
        )
        .unwrap();

    let mut h = harness(None, &store, vec![]);
    h.run();
    assert_eq!(h.state().dialog, Some(Dialog::Recover));
    h.get_by_label("Restore unsaved work?");
    h.get_by_label_contains("changes to borough.ron were saved");
    // In the computer's local time, as the user's clock shows it (11:03 UTC).
    h.get_by_label_contains(&partnership_appraisal::ui::recovery::describe_time(
        1_795_345_380,
    ));
    h.get_by_label("Restore").click();
    h.run();

    let app = h.state();
    assert_eq!(app.dialog, None);
    assert_eq!(app.doc.project, unsaved);
    assert_eq!(app.doc.path.as_deref(), Some(path.as_path()));
    assert!(app.doc.is_dirty(), "restored changes are unsaved");
    assert!(app.title().starts_with("*borough.ron"), "{}", app.title());
    // The changes were written again under this run's name before the old file went.
    assert!(!left.exists());
    let mine = recovery_files(store.dir());
    assert_eq!(mine.len(), 1);
    assert_eq!(recovery::read(&mine[0]).unwrap().project, unsaved);
    // The file on disk is untouched until the user saves.
    assert_eq!(file::load(&path).unwrap(), saved);

    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(!h.state().doc.is_dirty(), "{}", h.state().status);
    assert_eq!(file::load(&path).unwrap(), unsaved);
    assert!(
        recovery_files(store.dir()).is_empty(),
        "saved: no recovery file is left"
    );
}

#[test]
fn discard_deletes_the_recovered_changes_and_keeps_the_open_project() {
    let dir = tempfile::tempdir().unwrap();
    let store = RecoveryStore::new(dir.path().join("recovery"));
    let path = dir.path().join("county.ron");
    let opened = project_with("County", &["Falls prevention"]);
    file::save(&opened, &path).unwrap();
    for (i, name) in ["First", "Second"].iter().enumerate() {
        store
            .write(
                &format!("recovery-{i}-{i}.ron"),
                &Meta {
                    original: None,
                    saved_at: 1_795_345_380 + i as u64,
                    owner: dead_owner(),
                },
                &Project::new(*name),
            )
            .unwrap();
    }

    let mut h = harness(Some(path.clone()), &store, vec![]);
    h.run();
    // Newest first, one at a time.
    h.get_by_label_contains("untitled project ('Second')");
    h.get_by_label("Discard").click();
    h.run();
    assert_eq!(h.state().dialog, Some(Dialog::Recover));
    h.get_by_label_contains("untitled project ('First')");
    h.get_by_label("Discard").click();
    h.run();
    assert_eq!(h.state().dialog, None);
    assert!(recovery_files(store.dir()).is_empty());
    assert_eq!(h.state().doc.project, opened);
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn an_untitled_project_restored_stays_unsaved_until_saved_as() {
    let dir = tempfile::tempdir().unwrap();
    let store = RecoveryStore::new(dir.path().join("recovery"));
    let lost = project_with("Never saved", &["Youth offer"]);
    store
        .write(
            "recovery-9-9.ron",
            &Meta {
                original: None,
                saved_at: 1_795_345_380,
                owner: dead_owner(),
            },
            &lost,
        )
        .unwrap();
    let target = dir.path().join("kept.ron");
    let mut h = harness(None, &store, vec![Some(target.clone())]);
    h.run();
    h.get_by_label("Restore").click();
    h.run();
    assert!(h.state().doc.is_dirty());
    assert_eq!(h.state().doc.path, None);
    // Quitting now asks first: the work is not thrown away silently.
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run();
    assert!(matches!(h.state().dialog, Some(Dialog::Unsaved(_))));
    h.get_by_label("Save").click();
    h.run();
    assert_eq!(file::load(&target).unwrap(), lost);
    assert!(recovery_files(store.dir()).is_empty());
}

#[test]
fn changes_are_autosaved_after_thirty_seconds_and_on_losing_focus_and_removed_once_saved() {
    let dir = tempfile::tempdir().unwrap();
    let store = RecoveryStore::new(dir.path().join("recovery"));
    let target = dir.path().join("new.ron");
    let mut h = harness(None, &store, vec![Some(target.clone())]);
    h.run();
    assert_eq!(h.state().dialog, None);
    h.get_by_label("Add partnership").click();
    h.run();
    assert!(h.state().doc.is_dirty());
    assert!(
        recovery_files(store.dir()).is_empty(),
        "not yet: 30 seconds"
    );

    let now = h.ctx.input(|i| i.time);
    h.input_mut().time = Some(now + 31.0);
    h.run();
    let files = recovery_files(store.dir());
    assert_eq!(files.len(), 1, "written after 30 seconds");
    let kept = recovery::read(&files[0]).unwrap();
    assert_eq!(kept.project.partnerships.len(), 1);
    assert_eq!(kept.meta.original, None);

    // Another change, then the window loses focus: written at once.
    h.get_by_label("Add partner").click();
    h.run();
    assert_eq!(recovery::read(&files[0]).unwrap().project.partners.len(), 0);
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .focused = Some(false);
    h.run();
    assert_eq!(recovery::read(&files[0]).unwrap().project.partners.len(), 1);

    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(!h.state().doc.is_dirty(), "{}", h.state().status);
    assert!(recovery_files(store.dir()).is_empty(), "saved: removed");
}

#[test]
fn a_damaged_recovery_file_is_reported_and_set_aside_not_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let store = RecoveryStore::new(dir.path());
    let damaged = dir.path().join("recovery-5-5.ron");
    std::fs::write(
        &damaged,
        "// Partnership Appraisal recovery file: unsaved\n// original: untitled\n// saved-at: 1\n// pid: 5\n(format_version: 1, project: (name: \"x\"",
    )
    .unwrap();
    let mut h = harness(None, &store, vec![]);
    h.run();
    assert!(
        matches!(&h.state().dialog, Some(Dialog::Message { title, .. }) if title == "A recovery file could not be read"),
        "{:?}",
        h.state().dialog
    );
    assert!(!damaged.exists());
    assert!(dir.path().join("recovery-5-5.ron.corrupt").exists());
    h.get_by_label("OK").click();
    h.run();
    // The next start is not bothered again.
    let h2 = harness(None, &store, vec![]);
    assert_eq!(h2.state().dialog, None);
}

#[test]
fn another_running_copys_recovery_file_is_not_offered() {
    let dir = tempfile::tempdir().unwrap();
    let store = RecoveryStore::new(dir.path());
    let other = OtherCopy::start();
    store
        .write(
            "recovery-7-7.ron",
            &Meta {
                original: None,
                saved_at: 1,
                owner: other.owner(),
            },
            &Project::new("Theirs"),
        )
        .unwrap();
    let h = harness(None, &store, vec![]);
    assert_eq!(h.state().dialog, None);
    assert_eq!(recovery_files(store.dir()).len(), 1, "left for its owner");
}

#[test]
fn opening_a_file_another_copy_has_open_warns_and_a_stale_lock_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let store = RecoveryStore::new(dir.path().join("recovery"));
    let path = dir.path().join("shared.ron");
    file::save(&Project::new("Shared"), &path).unwrap();
    let other = OtherCopy::start();
    std::fs::write(lock::lock_path(&path), other.owner().to_text()).unwrap();

    let mut h = harness(Some(path.clone()), &store, vec![]);
    h.run();
    match &h.state().dialog {
        Some(Dialog::Message {
            title,
            text,
            save_as,
        }) => {
            assert_eq!(title, "This file is open in another copy of the app");
            assert!(
                text.contains(&format!("process {}", other.owner().pid)),
                "{text}"
            );
            assert!(*save_as, "Save as… is offered");
        }
        other => panic!("expected a warning, got {other:?}"),
    }
    assert_eq!(
        h.state().doc.project.name,
        "Shared",
        "the file is open all the same"
    );
    assert_eq!(
        std::fs::read_to_string(lock::lock_path(&path)).unwrap(),
        other.owner().to_text(),
        "the other copy's lock is left alone"
    );
    drop(h);

    // The other copy was killed: its lock is stale, so no warning, and the lock is ours.
    std::fs::write(lock::lock_path(&path), dead_owner().to_text()).unwrap();
    let mut h = harness(Some(path.clone()), &store, vec![]);
    h.run();
    assert_eq!(h.state().dialog, None);
    assert_eq!(lock::check(&path), lock::Holder::Us);
    // Opening something else (a new project) releases it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    assert!(!lock::lock_path(&path).exists());
}

#[test]
fn closing_the_app_removes_its_lock() {
    let dir = tempfile::tempdir().unwrap();
    let store = RecoveryStore::new(dir.path().join("recovery"));
    let path = dir.path().join("mine.ron");
    file::save(&Project::new("Mine"), &path).unwrap();
    let mut h = harness(Some(path.clone()), &store, vec![]);
    h.run();
    assert!(lock::lock_path(&path).exists());
    drop(h);
    assert!(!lock::lock_path(&path).exists());
}
