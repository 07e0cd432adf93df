//! Saving and autosaving a large project on a thread (issue 16): the file written is byte
//! for byte the one a save on the window's thread writes, edits made meanwhile are kept
//! (and stay unsaved), and nothing is written over or left behind out of turn.

use partnership_appraisal::file;
use partnership_appraisal::model::Project;
use partnership_appraisal::ui::PartnershipApp;
use partnership_appraisal::ui::document::Document;
use partnership_appraisal::ui::files::ScriptedPicker;
use partnership_appraisal::ui::recovery::{Autosave, Meta, RecoveryStore, Tick};
use std::path::Path;
use std::time::{Duration, Instant};

fn large() -> Project {
    partnership_appraisal::generate::project(120, 16)
}

fn app(project: Project, on_thread_from: usize) -> PartnershipApp {
    let mut app = PartnershipApp::new(
        Document::untitled(project),
        Box::new(ScriptedPicker::default()),
    );
    app.background_save_partnerships = on_thread_from;
    app
}

#[test]
fn a_save_on_a_thread_writes_the_same_bytes_as_a_save_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let (threaded, at_once) = (dir.path().join("a.ron"), dir.path().join("b.ron"));
    let mut edited = large();
    edited.partnerships[40].purpose.push_str(" (revised)");

    let mut a = app(large(), 0);
    a.doc
        .apply(|p| p.partnerships[40].purpose.push_str(" (revised)"));
    assert!(
        !a.save_to(&threaded),
        "a large project is not saved at once"
    );
    assert!(a.saving().is_some(), "the app says it is saving");
    assert!(a.status.starts_with("Saving"), "{}", a.status);
    // Another save waits for this one.
    assert!(!a.save_to(&threaded));
    assert!(a.status.starts_with("Still saving"), "{}", a.status);
    // Editing goes on while the file is written; the file gets the project as it was.
    a.doc.apply(|p| p.partnerships[7].name.push_str(" (later)"));
    a.finish_saving();
    assert!(a.saving().is_none());
    assert_eq!(a.doc.path.as_deref(), Some(threaded.as_path()));
    assert!(a.doc.is_dirty(), "the edit made while saving is not saved");
    a.doc.undo();
    assert!(!a.doc.is_dirty(), "undoing it is the saved project again");

    let mut b = app(large(), usize::MAX);
    b.doc
        .apply(|p| p.partnerships[40].purpose.push_str(" (revised)"));
    assert!(b.save_to(&at_once));
    assert!(!b.doc.is_dirty());

    let written = std::fs::read(&threaded).unwrap();
    assert_eq!(written, std::fs::read(&at_once).unwrap());
    assert_eq!(written, file::to_ron(&edited).unwrap().into_bytes());
    assert_eq!(file::load(&threaded).unwrap(), edited);
}

#[test]
fn a_failed_save_on_a_thread_says_so_and_keeps_the_project_unsaved() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("blocker");
    std::fs::write(&blocker, "").unwrap();
    let mut a = app(large(), 0);
    a.doc.apply(|p| p.name = "Changed".into());
    let project = a.doc.project.clone();
    assert!(!a.save_to(&blocker.join("inside.ron")));
    a.finish_saving();
    assert!(a.doc.is_dirty());
    assert_eq!(a.doc.project, project);
    assert_eq!(a.status, "The project could not be saved");
}

fn meta() -> Meta {
    Meta {
        original: None,
        saved_at: 1_795_000_000,
        owner: partnership_appraisal::file::lock::LockOwner::current(),
    }
}

#[test]
fn a_recovery_file_written_from_the_committed_project_is_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let store = RecoveryStore::new(dir.path());
    let mut doc = Document::untitled(large());
    doc.apply(|p| p.partnerships[3].costs.clear());
    let direct = store
        .write("recovery-1-1.ron", &meta(), &doc.project)
        .unwrap();
    let committed = store
        .write_committed("recovery-2-2.ron", &meta(), &doc.committed())
        .unwrap();
    assert_eq!(
        std::fs::read(direct).unwrap(),
        std::fs::read(committed).unwrap()
    );
}

/// Ticks `autosave` (the clock past the interval) until the thread reports the write.
fn tick_until_written(autosave: &mut Autosave, now: f64, doc: &Document) -> Tick {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        match autosave.tick(now, Some(true), doc) {
            Tick::Idle if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(5)),
            other => return other,
        }
    }
}

#[test]
fn autosave_of_a_large_project_is_written_on_a_thread_with_the_same_project() {
    let dir = tempfile::tempdir().unwrap();
    let mut autosave = Autosave::new(RecoveryStore::new(dir.path()));
    autosave.thread_from = 0;
    let mut doc = Document::untitled(large());
    assert!(matches!(autosave.tick(0.0, Some(true), &doc), Tick::Idle));
    doc.apply(|p| p.partnerships[9].name.push('!'));
    assert!(matches!(autosave.tick(1.0, Some(true), &doc), Tick::Idle));
    // Due: the write starts on a thread and the tick returns at once.
    assert!(matches!(autosave.tick(40.0, Some(true), &doc), Tick::Idle));
    assert!(autosave.is_writing());
    let edited = doc.project.clone();
    // A change made meanwhile waits for its own turn.
    doc.apply(|p| p.partnerships[10].name.push('?'));
    match tick_until_written(&mut autosave, 100.0, &doc) {
        Tick::Wrote(path) => assert_eq!(path, autosave.file()),
        other => panic!("expected the file written, got {other:?}"),
    }
    let read = partnership_appraisal::ui::recovery::read(&autosave.file()).unwrap();
    assert_eq!(read.project, edited);
    // The later change, first seen while the write ran, is due 30 seconds after that.
    assert_eq!(autosave.due_in(100.0), Some(30.0));
    assert!(matches!(autosave.tick(129.0, Some(true), &doc), Tick::Idle));
    assert!(!autosave.is_writing());
    assert!(matches!(
        tick_until_written(&mut autosave, 130.0, &doc),
        Tick::Wrote(_)
    ));
    assert_eq!(
        partnership_appraisal::ui::recovery::read(&autosave.file())
            .unwrap()
            .project,
        doc.project
    );
}

#[test]
fn removing_the_recovery_file_while_it_is_written_leaves_none() {
    let dir = tempfile::tempdir().unwrap();
    let mut autosave = Autosave::new(RecoveryStore::new(dir.path()));
    autosave.thread_from = 0;
    let mut doc = Document::untitled(large());
    doc.apply(|p| p.name = "Changed".into());
    autosave.tick(0.0, Some(true), &doc);
    autosave.tick(40.0, Some(true), &doc);
    assert!(autosave.is_writing());
    autosave.clear().unwrap();
    assert!(!autosave.is_writing());
    assert!(!autosave.file().exists());
    assert!(!Path::new(&file::backup_path(&autosave.file())).exists());
}

fn app_picking(project: Project, on_thread_from: usize, paths: &[&Path]) -> PartnershipApp {
    let picker = ScriptedPicker {
        answers: paths.iter().map(|p| Some(p.to_path_buf())).collect(),
    };
    let mut app = PartnershipApp::new(Document::untitled(project), Box::new(picker));
    app.background_save_partnerships = on_thread_from;
    app
}

/// The parts of an OOXML file (a ZIP), but for its created and modified times.
fn parts(path: &Path) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut part = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            part.read_to_end(&mut bytes).unwrap();
            (part.name().unwrap().into_owned(), bytes)
        })
        .filter(|(name, _)| name != "docProps/core.xml")
        .collect()
}

/// A large project's board pack, workbook and committee report are made and written on
/// a thread, the window going on meanwhile: each is the paper made at once, of the
/// project as it was when it was asked for; the status bar says so, and a second export
/// waits for the first.
#[test]
fn a_large_projects_papers_are_written_on_a_thread_as_they_are_at_once() {
    use partnership_appraisal::ui::commands::Command;
    // Few partnerships, written on a thread from none: each paper appraises every
    // partnership hundreds of times.
    let project = || partnership_appraisal::generate::project(6, 16);
    let dir = tempfile::tempdir().unwrap();
    for (command, ext) in [
        (Command::ExportHtml, "html"),
        (Command::ExportXlsx, "xlsx"),
        (Command::ExportDocx, "docx"),
    ] {
        let threaded = dir.path().join(format!("threaded.{ext}"));
        let at_once = dir.path().join(format!("at-once.{ext}"));
        let mut a = app_picking(project(), 0, &[&threaded, &dir.path().join("other")]);
        a.export(command);
        assert!(a.exporting().is_some(), "{ext}: written on a thread");
        assert!(a.status.starts_with("Writing"), "{}", a.status);
        a.export(command);
        assert!(a.status.starts_with("Still writing"), "{}", a.status);
        // An edit made meanwhile is not in the paper.
        a.doc
            .apply(|p| p.partnerships[3].name = "Renamed meanwhile".into());
        a.finish_exporting();
        assert!(a.exporting().is_none());
        assert!(a.status.starts_with("Exported to"), "{}", a.status);
        assert!(!dir.path().join("other").exists());

        let mut b = app_picking(project(), usize::MAX, &[&at_once]);
        b.export(command);
        assert!(b.exporting().is_none(), "{ext}: a small project's at once");
        if ext == "html" {
            let text = std::fs::read_to_string(&threaded).unwrap();
            assert!(!text.contains("Renamed meanwhile"));
            assert_eq!(text, std::fs::read_to_string(&at_once).unwrap());
        } else {
            let made = parts(&threaded);
            assert!(made.len() > 3, "{ext}: {} parts", made.len());
            assert_eq!(made, parts(&at_once), "{ext}");
        }
    }
}
