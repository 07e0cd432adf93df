//! On a desktop where no file dialog can be shown (no file-chooser portal), Save, Save
//! as, Open and Export still work through the window's own chooser: they never do
//! nothing (the app driven headless with egui_kittest).

#[path = "common/ui.rs"]
mod drive;

use drive::until_compared;
use eframe::egui;
use egui_kittest::{Harness, kittest::Queryable};
use partnership_appraisal::file;
use partnership_appraisal::model::Project;
use partnership_appraisal::ui::PartnershipApp;
use partnership_appraisal::ui::app::{Dialog, Then};
use partnership_appraisal::ui::commands::Command;
use partnership_appraisal::ui::document::Document;
use partnership_appraisal::ui::files::NoDialogs;
use std::path::Path;

fn harness(doc: Document) -> Harness<'static, PartnershipApp> {
    let mut h = Harness::builder()
        .with_size([1366.0, 768.0])
        .build_eframe(move |cc| {
            partnership_appraisal::ui::configure_style(&cc.egui_ctx);
            let doc = Document::untitled(doc.project.clone());
            PartnershipApp::new(doc, Box::new(NoDialogs))
        });
    h.run();
    h
}

fn example() -> Project {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/example.ron");
    file::load(&path).expect("the example loads")
}

/// Types `text` into the field labelled `label`, replacing what it held.
fn type_into(h: &mut Harness<'_, PartnershipApp>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label(label).type_text(text);
    h.run();
}

/// Points the open chooser at `folder`, as typing it in the Folder field and Enter would.
fn go_to_folder(h: &mut Harness<'_, PartnershipApp>, folder: &Path) {
    type_into(h, "Folder", &folder.display().to_string());
    h.key_press(egui::Key::Enter);
    h.run();
}

#[test]
fn save_with_no_system_dialog_asks_in_the_window_and_saves() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Document::untitled(example()));
    h.state_mut().run(Command::Save);
    h.run();
    assert!(
        h.state().chooser.is_some(),
        "the window's own chooser is open"
    );
    h.get_by_label("Save the project as");
    go_to_folder(&mut h, dir.path());
    type_into(&mut h, "File name", "discharge");
    h.get_by_label("Save").click();
    h.run();
    let saved = dir.path().join("discharge.ron");
    assert!(h.state().chooser.is_none());
    assert_eq!(h.state().doc.path.as_deref(), Some(saved.as_path()));
    assert!(!h.state().doc.is_dirty());
    assert_eq!(file::load(&saved).unwrap(), example());
}

#[test]
fn saving_over_a_file_asks_first_and_cancel_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let existing = dir.path().join("kept.ron");
    std::fs::write(&existing, "not to be lost").unwrap();
    let mut h = harness(Document::untitled(example()));
    h.state_mut().run(Command::SaveAs);
    h.run();
    go_to_folder(&mut h, dir.path());
    // The existing file is listed; clicking it takes its name.
    h.get_by_label("kept.ron").click();
    h.run();
    h.get_by_label("Save").click();
    h.run();
    h.get_by_label_contains("kept.ron already exists. Replace it?");
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().chooser.is_none());
    assert_eq!(
        std::fs::read_to_string(&existing).unwrap(),
        "not to be lost"
    );
    assert!(h.state().doc.path.is_none());
}

#[test]
fn open_and_export_with_no_system_dialog_work_in_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("source.ron");
    file::save(&example(), &source).unwrap();
    let mut h = harness(Document::untitled(Project::new("Empty")));
    h.state_mut().guard(Then::Open(None));
    h.run();
    go_to_folder(&mut h, dir.path());
    h.get_by_label("source.ron").click();
    h.run();
    h.get_by_label("Open").click();
    h.run();
    assert_eq!(h.state().doc.path.as_deref(), Some(source.as_path()));
    assert_eq!(h.state().doc.project, example());

    // The CSV files go to the folder chosen; the chooser starts in the project's folder.
    h.state_mut().run(Command::ExportCsv);
    h.run();
    let shown = h.state().chooser.as_ref().map(|(_, c)| c.folder.clone());
    assert_eq!(shown.as_deref(), Some(dir.path()));
    h.get_by_label("Choose this folder").click();
    h.run();
    assert!(dir.path().join("results.csv").is_file());

    h.state_mut().run(Command::ExportHtml);
    h.run();
    h.get_by_label("Save").click();
    h.run();
    // Named after the project's file, in its folder.
    let pack = dir.path().join("source.html");
    assert!(
        std::fs::read_to_string(pack)
            .unwrap()
            .contains("<h1>Example: joint")
    );
}

#[test]
fn closing_unsaved_work_with_save_chosen_saves_in_the_window_then_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Document::untitled(example()));
    h.state_mut().doc.apply(|p| p.name = "Changed".into());
    h.run();
    h.state_mut().guard(Then::New);
    h.run();
    assert!(matches!(h.state().dialog, Some(Dialog::Unsaved(_))));
    h.get_by_label("Save").click();
    h.run();
    go_to_folder(&mut h, dir.path());
    type_into(&mut h, "File name", "changed");
    h.get_by_label("Save").click();
    h.run();
    let saved = file::load(&dir.path().join("changed.ron")).unwrap();
    assert_eq!(saved.name, "Changed");
    // ... and then the new project was started, as asked.
    assert_eq!(h.state().doc.project.name, "New project");
}

#[test]
fn ctrl_s_on_a_new_project_takes_a_whole_path_typed_at_once_and_enter_saves() {
    // The file-name field has the keyboard as the chooser opens: type a whole path and
    // press Enter, as one would in a system dialog.
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Document::untitled(example()));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert!(
        h.state().chooser.is_some(),
        "the window's own chooser is open"
    );
    let target = dir.path().join("typed at once.ron");
    // Select what the field offers (the project's name) and type over it.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.event(egui::Event::Text(target.display().to_string()));
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    h.run();
    assert!(h.state().chooser.is_none(), "the chooser closed");
    assert!(target.exists(), "the file was written");
    let saved = file::load(&target).expect("the saved file loads");
    assert!(
        partnership_appraisal::appraisal::validate(&saved)
            .iter()
            .all(|d| !d.is_error())
    );
    assert_eq!(saved, example());
    assert!(!h.state().doc.is_dirty());
}

/// Issue 17: the project compared with the saved file, and with another file chosen in
/// the window's own chooser: what changed, and net value's change split over it.
#[test]
fn compare_with_the_saved_file_and_with_another_file_says_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("this-year.ron");
    file::save(&example(), &saved).unwrap();
    let mut h = harness(Document::untitled(Project::new("Empty")));
    h.state_mut().open_path(&saved);
    h.run();
    h.state_mut().doc.apply(|p| {
        p.settings.discount = partnership_appraisal::model::DiscountSchedule::Health;
    });
    h.run();

    h.state_mut().run(Command::CompareWithSaved);
    until_compared(&mut h);
    h.get_by_label("Since the saved file");
    h.get_by_label("Settings: discount rates");
    h.get_by_label_contains("Net value of the portfolio:");
    // The split's one step, in the portfolio's table and the partnership's.
    assert!(h.query_all_by_label("Discounting").count() >= 1);
    h.get_by_label("Close").click();
    h.run();
    assert!(h.state().comparing.is_none());

    // Another file, chosen in the window: last year's, with less staff time.
    let mut last_year = example();
    last_year.partnerships[0].costs.remove(0);
    let old = dir.path().join("last-year.ron");
    file::save(&last_year, &old).unwrap();
    h.state_mut().run(Command::CompareWithFile);
    h.run();
    h.get_by_label("Compare with another version of the project");
    h.get_by_label("last-year.ron").click();
    h.run();
    h.get_by_label("Open").click();
    until_compared(&mut h);
    h.get_by_label("Since last-year.ron");
    h.get_by_label_contains("added");
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.state().comparing.is_none());

    // A file that is not a project says why, and leaves the project as it was.
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "(format_version: 1, name: ").unwrap();
    let before = h.state().doc.project.clone();
    h.state_mut().run(Command::CompareWithFile);
    h.run();
    h.get_by_label("broken.ron").click();
    h.run();
    h.get_by_label("Open").click();
    for _ in 0..2000 {
        h.step();
        if h.state().comparing.is_none() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    h.run();
    match &h.state().dialog {
        Some(Dialog::Message { title, text, .. }) => {
            assert_eq!(title, "The versions could not be compared");
            assert!(text.contains("broken.ron"), "{text}");
        }
        other => panic!("no message: {other:?}"),
    }
    assert_eq!(h.state().doc.project, before);
}
