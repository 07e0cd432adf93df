//! The parts of Partnership Appraisal that read what comes from outside: the file module
//! (project files and recovery files: limits, parse), the two imports (pasted spreadsheet
//! cells, unit-cost CSV files) with the input rules they use (`format`), and the model and
//! appraisal engine they feed (the app validates and appraises what it reads). The engine
//! and the file layer are the workspace's own crates (src/core, src/file), taken by path;
//! the two imports are compiled here from their source files, so that AFL++ instruments
//! them without building the papers' writers or the desktop app. None of them imports
//! anything from the app's interface (ARCHITECTURE.md, invariants).
#![allow(dead_code)]

use std::sync::OnceLock;

pub use partnership_appraisal_core::{appraisal, format, model};
pub use partnership_appraisal_file as file;

/// The imports of `src/outputs/import/`.
#[path = "../../../src/outputs/import"]
pub mod import {
    pub mod paste;
    pub mod unit_costs;
}

/// What opening a file does with its bytes, and the promises it keeps:
/// no panic; a file that loads validates, appraises, and saves to text that loads back
/// as the same project and saves byte-identical.
pub fn open_like_the_app(bytes: &[u8]) {
    let Ok(project) = file::parse_bytes(bytes) else {
        return;
    };
    let _ = appraisal::validate(&project);
    let _ = appraisal::appraise(&project);
    let text = match file::to_ron(&project) {
        Ok(text) => text,
        Err(e) => panic!("a project that loaded cannot be written: {e}"),
    };
    match file::parse(&text) {
        Ok(again) => {
            assert!(again == project, "save then load changed the project");
            let twice = file::to_ron(&again).unwrap_or_default();
            assert!(twice == text, "the second save differs from the first");
        }
        Err(e) => panic!("a saved project does not load back: {e}\n{text}"),
    }
}

/// The project a paste or an import is read against: `seeds/minimal.ron` (two partners,
/// one with a rate card of two grades, a unit value, two deflators) with its one
/// partnership emptied of lines, so that each run appraises and saves only what was read.
fn reference_project() -> &'static model::Project {
    static PROJECT: OnceLock<model::Project> = OnceLock::new();
    PROJECT.get_or_init(|| match file::parse(include_str!("../seeds/minimal.ron")) {
        Ok(mut project) => {
            for ship in &mut project.partnerships {
                ship.costs.clear();
                ship.benefits.clear();
            }
            project
        }
        Err(e) => panic!("seeds/minimal.ron does not load: {e}"),
    })
}

/// What the app does with a project changed by a paste or an import, and the promises
/// it keeps: no panic; it validates, appraises, and saves to text that loads back as the
/// same project (amounts compared as numbers: a pasted `-0` is saved as `"-0"` and loads
/// as 0, see docs/BAD_INPUT.md; that text then saves byte-identical, which the `load`
/// target checks of every text that loads).
fn use_like_the_app(project: &model::Project) {
    let _ = appraisal::validate(project);
    let _ = appraisal::appraise(project);
    let text = match file::to_ron(project) {
        Ok(text) => text,
        Err(e) => panic!("a changed project cannot be written: {e}"),
    };
    match file::parse(&text) {
        Ok(again) => assert!(&again == project, "save then load changed the project"),
        Err(e) => panic!("a saved project does not load back: {e}\n{text}"),
    }
}

/// What the paste box of the cost and benefit tables does with text. The first byte
/// picks the table as the app's choice does (`0` other costs, `1` staff time, `2`
/// benefits, by its value modulo 3); the rest is the pasted text (the clipboard only
/// ever holds UTF-8, so other bytes are replaced as `from_utf8_lossy` does).
pub fn paste_like_the_app(bytes: &[u8]) {
    let Some((kind, rest)) = bytes.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let rows = import::paste::parse_block(&text);
    let mut project = reference_project().clone();
    let (added, errors) = match kind % 3 {
        0 | 1 => {
            let pasted = if kind % 3 == 1 {
                import::paste::staff_time(&project, &rows)
            } else {
                import::paste::other_costs(&project, &rows)
            };
            check_pasted(&pasted.lines, |l| &l.name, &pasted.errors, &rows);
            let n = pasted.lines.len();
            project.partnerships[0].costs.extend(pasted.lines);
            (n, pasted.errors)
        }
        _ => {
            let pasted = import::paste::direct_benefits(&project, &rows);
            check_pasted(&pasted.lines, |l| &l.name, &pasted.errors, &rows);
            let n = pasted.lines.len();
            project.partnerships[0].benefits.extend(pasted.lines);
            (n, pasted.errors)
        }
    };
    // The report the app shows.
    let report: Vec<String> = std::iter::once(format!("Added {added} lines."))
        .chain(errors.iter().map(ToString::to_string))
        .collect();
    assert!(!report.is_empty());
    // The app marks the project changed only when a line was added.
    if added > 0 {
        use_like_the_app(&project);
    }
}

/// Every line has a name, is one row, and every problem points at a cell of the block
/// (or at one of the fixed columns a short row leaves out: column 5 at most).
fn check_pasted<T>(
    lines: &[T],
    name: impl Fn(&T) -> &String,
    errors: &[import::paste::CellError],
    rows: &[Vec<String>],
) {
    assert!(lines.len() <= rows.len(), "more lines than rows");
    for line in lines {
        let name = name(line);
        assert!(
            !name.is_empty() && name.trim() == name,
            "a line named {name:?}"
        );
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    for e in errors {
        assert!(
            e.row >= 1 && e.row <= rows.len() && e.column >= 1 && e.column <= width.max(5),
            "a problem outside the block: {e:?}"
        );
    }
}

/// What File > Import unit costs… does with a file's bytes: read them as text (bytes
/// that are not UTF-8 replaced), read the unit values against the project, rebase them,
/// add them to the library.
pub fn import_unit_costs_like_the_app(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let project = reference_project();
    let Ok(mut import) = import::unit_costs::read(&text, project) else {
        return;
    };
    import::unit_costs::rebase(project, &mut import);
    let mut report: Vec<String> = Vec::new();
    report.extend(import.existing.iter().map(ToString::to_string));
    report.extend(import.errors.iter().map(ToString::to_string));
    report.extend(import.notes.iter().map(ToString::to_string));
    let values = import.unit_values();
    let mut names = std::collections::HashSet::new();
    for v in &values {
        let folded = v.name.to_lowercase();
        assert!(!v.name.is_empty(), "a unit value without a name");
        assert!(
            !project
                .unit_values
                .iter()
                .any(|u| u.name.trim().to_lowercase() == folded),
            "an import replaced the library's {:?}",
            v.name
        );
        assert!(names.insert(folded), "{:?} was imported twice", v.name);
    }
    if values.is_empty() {
        return;
    }
    let mut project = project.clone();
    project.unit_values.extend(values);
    use_like_the_app(&project);
}

/// What the app does with a recovery file at start: read its header and project (the
/// size is checked before, from the file's length) and decide from the header whether a
/// running copy of the app wrote it; one that reads is offered, validated
/// and appraised when restored, and written again under this run's name: that text must
/// read back as the same header and project.
pub fn recover_like_the_app(bytes: &[u8]) {
    let Ok((meta, project)) = file::recovery::parse(bytes) else {
        return;
    };
    // Whether a copy of the app still running wrote it (then it is not offered), as
    // `Autosave::belongs_to_running_copy` decides, with no process running.
    let me = file::lock::LockOwner {
        pid: 4242,
        started: Some(7),
        host: "desk".to_owned(),
    };
    let _ = file::lock::holder(Some(&meta.owner.to_text()), &me, |_, _| Some(false));
    let _ = appraisal::validate(&project);
    let _ = appraisal::appraise(&project);
    let body = match file::to_ron(&project) {
        Ok(body) => body,
        Err(e) => panic!("a recovered project cannot be written: {e}"),
    };
    let text = file::recovery::text(&meta, &body);
    match file::recovery::parse(text.as_bytes()) {
        Ok((meta_again, again)) => {
            assert!(meta_again == meta, "{meta:?} was written as {meta_again:?}");
            assert!(
                again == project,
                "writing the recovery file changed the project"
            );
        }
        Err(e) => panic!("a recovery file written again does not read back: {e}\n{text}"),
    }
}
