//! Golden tests of the example projects: each loads, validates cleanly, appraises to
//! the checked table in tests/golden/, and re-saves byte-identical (a version 1 example
//! as version 2, its version line the only change).
//!
//! After a deliberate change to the method or the examples, regenerate with
//! `UPDATE_GOLDEN=1 cargo test --test saves` and review the diff before committing.

use partnership_appraisal::{appraisal, file, report};
use std::path::{Path, PathBuf};

fn examples() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("saves"))
            .expect("saves/ exists")
            .map(|e| e.expect("readable entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .collect();
    files.sort();
    assert!(files.len() >= 3, "the examples are missing: {files:?}");
    files
}

fn update() -> bool {
    std::env::var_os("UPDATE_GOLDEN").is_some()
}

#[test]
fn every_example_loads_validates_cleanly_and_resaves_byte_identical() {
    for path in examples() {
        let text = std::fs::read_to_string(&path).unwrap();
        let project = file::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let problems = appraisal::validate(&project);
        assert!(problems.is_empty(), "{}: {problems:#?}", path.display());
        let resaved = file::to_ron(&project).unwrap();
        if update() && resaved != text && text.starts_with("(\n    format_version: 2,") {
            std::fs::write(&path, &resaved).unwrap();
            continue;
        }
        // A version 1 example (kept to show old files load) re-saves as version 2, the
        // same in every other byte: the version 2 fields all default.
        let expected = text.replacen(
            "(\n    format_version: 1,\n",
            "(\n    format_version: 2,\n",
            1,
        );
        assert!(
            resaved == expected,
            "{} does not re-save byte-identical",
            path.display()
        );
    }
}

#[test]
fn every_example_appraises_to_its_checked_table() {
    for path in examples() {
        let project = file::load(&path).unwrap();
        let result = appraisal::appraise(&project);
        assert!(
            result.diagnostics.is_empty(),
            "{}: {:#?}",
            path.display(),
            result.diagnostics
        );
        let table = report::table(&project, &result, &appraisal::problems(&project, &result));
        let stem = path.file_stem().unwrap().to_string_lossy();
        let golden = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/golden")
            .join(format!("{stem}.txt"));
        if update() {
            std::fs::write(&golden, &table).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&golden)
            .unwrap_or_else(|_| panic!("no golden file {}", golden.display()));
        assert!(
            table == expected,
            "{} appraises differently from {}:\n{table}",
            path.display(),
            golden.display()
        );
    }
}

#[test]
fn the_youth_partnership_is_flagged_negative_and_the_others_are_not() {
    let project =
        file::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/borough-portfolio.ron"))
            .unwrap();
    let result = appraisal::appraise(&project);
    for (p, r) in project.partnerships.iter().zip(&result.partnerships) {
        assert_eq!(r.negative, p.name.contains("Youth"), "{}", p.name);
    }
}
