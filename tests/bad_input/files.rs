use egui_kittest::Harness;
use partnership_appraisal::file::{self, FormatError, LoadError};
use partnership_appraisal::model::*;
use partnership_appraisal::ui::PartnershipApp;
use partnership_appraisal::ui::app::Dialog;
use partnership_appraisal::ui::document::Document;
use partnership_appraisal::ui::files::ScriptedPicker;
use partnership_appraisal::{appraisal, appraisal::Severity};
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------------
// 2. Bad files.

/// A small project with one of each kind of line, in the app's own layout.
pub(super) fn small_text() -> String {
    file::to_ron(&file::parse(include_str!("../fuzz/seeds/minimal.ron")).unwrap()).unwrap()
}

fn syntax(result: Result<Project, FormatError>) -> String {
    match result {
        Err(FormatError::Syntax { message, .. }) => message,
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

#[test]
fn a_file_cut_short_at_any_byte_is_refused_with_a_position_never_half_read() {
    let text = small_text();
    let bytes = text.as_bytes();
    let whole_end = text.trim_end().len();
    let started = Instant::now();
    for cut in 0..bytes.len() {
        match file::parse_bytes(&bytes[..cut]) {
            Ok(project) => {
                // Only the final newline may go.
                assert!(cut >= whole_end, "cut at {cut} loaded");
                assert_eq!(project, file::parse(&text).unwrap());
            }
            Err(FormatError::Syntax { line, column, .. }) => {
                assert!(line >= 1 && column >= 1, "cut at {cut}");
                assert!(line <= text[..cut.min(text.len())].lines().count().max(1) + 1);
            }
            // A cut inside the two bytes of "£".
            Err(FormatError::NotText) => {
                assert!(!text.is_char_boundary(cut), "cut at {cut}");
            }
            Err(other) => panic!("cut at {cut}: {other}"),
        }
    }
    println!(
        "{} truncations of a {}-byte file in {:?}",
        bytes.len(),
        bytes.len(),
        started.elapsed()
    );
}

#[test]
fn wrong_and_newer_format_versions_are_refused_with_a_message() {
    let text = small_text();
    let with_version =
        |v: &str| text.replacen("format_version: 2,", &format!("format_version: {v},"), 1);
    assert_eq!(
        file::parse(&with_version("3")),
        Err(FormatError::Newer {
            found: 3,
            supported: 2
        })
    );
    assert_eq!(
        file::parse(&with_version("0")),
        Err(FormatError::UnknownVersion { found: 0 })
    );
    assert!(
        syntax(file::parse(&with_version("-1"))).starts_with("`format_version: -1` is negative")
    );
    assert!(
        syntax(file::parse(&with_version("99999999999")))
            .starts_with("the number in `format_version: 99999999999` is too large")
    );
    assert!(
        syntax(file::parse(&with_version("\"1\"")))
            .starts_with("a whole number is written in quotes")
    );
    assert_eq!(
        file::parse(&with_version("3")).unwrap_err().to_string(),
        "the file was saved by a newer version of Partnership Appraisal (file format 3); \
         this version reads format 2 and older, so update the app to open it"
    );
    // A newer version written after the project (fields in another order) is still "newer".
    let reordered = text.replacen("    format_version: 2,\n", "", 1).replacen(
        "\n)\n",
        "\n    format_version: 3,\n)\n",
        1,
    );
    assert!(reordered.ends_with("    format_version: 3,\n)\n"));
    assert_eq!(
        file::parse(&reordered),
        Err(FormatError::Newer {
            found: 3,
            supported: 2
        })
    );
    // ... and so is one with fields this version has never heard of.
    let with_new_field = reordered.replacen("name: \"Seed\",", "name: \"Seed\", colour: Blue,", 1);
    assert_eq!(
        file::parse(&with_new_field),
        Err(FormatError::Newer {
            found: 3,
            supported: 2
        })
    );
    let missing = text.replacen("    format_version: 2,\n", "", 1);
    assert!(syntax(file::parse(&missing)).contains("format_version"));
}

#[test]
fn wrong_types_and_bad_numbers_in_a_file_are_refused_with_their_line() {
    let text = small_text();
    let cases: &[(&str, &str, &str)] = &[
        // (what is in the file, what replaces it, part of the message)
        (
            "horizon_years: 5",
            "horizon_years: \"5\"",
            "a whole number is written in quotes in the settings",
        ),
        (
            "horizon_years: 5",
            "horizon_years: 5.5",
            "a whole number has decimals",
        ),
        (
            "horizon_years: 5",
            "horizon_years: -5",
            "`horizon_years: -5` is negative",
        ),
        (
            "horizon_years: 5",
            "horizon_years: 99999999999",
            "is too large",
        ),
        ("score: None", "score: Some(300)", "is too large"),
        (
            "first_year: 2026",
            "first_year: \"2026/27\"",
            "a whole number is written in quotes",
        ),
        (
            "pension_rate: \"0.19\"",
            "pension_rate: 0.19",
            "an amount is written without quotes",
        ),
        (
            "pension_rate: \"0.19\"",
            "pension_rate: \"19%\"",
            "\"19%\" is not an amount",
        ),
        (
            "pension_rate: \"0.19\"",
            "pension_rate: \"\"",
            "is not an amount",
        ),
        (
            "pension_rate: \"0.19\"",
            "pension_rate: \"abc\"",
            "is not an amount",
        ),
        (
            "pension_rate: \"0.19\"",
            "pension_rate: \"1e30\"",
            "is not an amount",
        ),
        (
            "pension_rate: \"0.19\"",
            "pension_rate: \"79228162514264337593543950336\"",
            "is not an amount",
        ),
        (
            "ni_threshold: \"5000\"",
            "ni_threshold: \"£5,000\"",
            "is not an amount",
        ),
        (
            "discount: Standard",
            "discount: Cheap",
            "`Cheap` is not one of the choices for `discount`",
        ),
        (
            "discount: Standard",
            "discount: \"Standard\"",
            "a choice is written in quotes",
        ),
        (
            "name: \"Seed\"",
            "name: 42",
            "text is written without quotes",
        ),
        (
            "name: \"Seed\"",
            "name: \"Seed\", name: \"Again\"",
            "`name` is written twice",
        ),
        (
            "name: \"Seed\"",
            "name: \"Seed\", colour: \"red\"",
            "`colour` is not a field of the project",
        ),
        (
            "currency_symbol: \"£\",",
            "",
            "the field `currency_symbol` is missing from",
        ),
    ];
    for (from, to, message) in cases {
        assert!(text.contains(from), "the example has no {from}");
        let bad = text.replacen(from, to, 1);
        match file::parse(&bad) {
            Err(FormatError::Syntax {
                line,
                column,
                message: got,
            }) => {
                assert!(got.contains(message), "{to}: {got}");
                assert!(line >= 1 && column >= 1);
            }
            other => panic!("{to}: expected a syntax error, got {other:?}"),
        }
    }
}

#[test]
fn values_that_parse_but_make_no_sense_are_diagnostics_not_failures() {
    let text = small_text();
    let check = |from: &str, to: &str, message: &str| {
        assert!(text.contains(from), "the example has no {from}");
        let project =
            file::parse(&text.replacen(from, to, 1)).unwrap_or_else(|e| panic!("{to}: {e}"));
        let found = appraisal::validate(&project);
        assert!(
            found
                .iter()
                .any(|d| d.severity == Severity::Error && d.message.contains(message)),
            "{to}: expected an error containing {message:?}, got {found:#?}"
        );
        // The engine still runs: nothing panics on what validate refuses.
        let _ = appraisal::appraise(&project);
    };
    check(
        "value: \"100\"",
        "value: \"-100\"",
        "is negative (-100); enter zero or more",
    );
    check(
        "value: \"100\"",
        "value: \"1000000000001\"",
        "is too large to compute (the limit is 1,000,000,000,000)",
    );
    check(
        "success_rate: \"0.5\"",
        "success_rate: \"1.5\"",
        "it must be between 0% and 100%",
    );
    check(
        "grade: \"Officer\"",
        "grade: \"Chief\"",
        "grade 'Chief' is not on Council's rate card",
    );
    check(
        "partner: \"Council\"",
        "partner: \"Counsil\"",
        "partner 'Counsil' does not exist",
    );
    check(
        "unit_value: Library(\"Bed day\")",
        "unit_value: Library(\"Bed night\")",
        "'Bed night' is not in the unit-value library",
    );
    check(
        "name: \"NHS\"",
        "name: \"Council\"",
        "another partner is already called 'Council'",
    );
}

#[test]
fn text_that_is_not_a_project_is_refused() {
    assert!(matches!(
        file::parse(""),
        Err(FormatError::Syntax { line: 1, .. })
    ));
    assert!(matches!(
        file::parse_bytes(&[0xff, 0xfe, 0x28]),
        Err(FormatError::NotText)
    ));
    assert!(matches!(
        file::parse_bytes(b"\x00\x01\x02"),
        Err(FormatError::Syntax { .. })
    ));
    assert!(matches!(
        file::parse("[1, 2, 3]"),
        Err(FormatError::Syntax { .. })
    ));
    assert!(matches!(
        file::parse("name,value\nCouncil,100\n"),
        Err(FormatError::Syntax { .. })
    ));
    // A byte-order mark at the start is ignored (Notepad writes one).
    let bom = format!("\u{feff}{}", small_text());
    assert!(file::parse(&bom).is_ok());
}

#[test]
fn deep_nesting_is_refused_before_parsing_and_never_overflows_the_stack() {
    let deep = "(".repeat(100_000);
    assert!(matches!(
        file::parse(&deep),
        Err(FormatError::TooDeep {
            line: 1,
            column: 65,
            limit: 64
        })
    ));
    let deep_list = format!("(format_version: 1, project: {}", "[".repeat(10_000));
    assert!(matches!(
        file::parse(&deep_list),
        Err(FormatError::TooDeep { .. })
    ));
    // Within the bracket limit but nested where the format has no nesting: a syntax error.
    let shallow = format!("(format_version: 1, project: {}", "(".repeat(60));
    assert!(matches!(
        file::parse(&shallow),
        Err(FormatError::Syntax { .. })
    ));
    // Brackets hidden from the bracket count inside a raw string are still caught by the
    // parser's own depth limit, with an error, not a crash.
    let hidden = format!(
        "(format_version: 1, project: (name: \"x\", description: r#\"\"\"#, settings: {}",
        "(".repeat(10_000)
    );
    assert!(file::parse(&hidden).is_err());
}

#[test]
fn an_enormous_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    let f = std::fs::File::create(&path).unwrap();
    // Sparse: 129 MiB long, no disk used, and never read.
    f.set_len(file::MAX_FILE_BYTES + 1024 * 1024).unwrap();
    let started = Instant::now();
    match file::load(&path) {
        Err(LoadError::Format {
            error: FormatError::TooLarge { size, limit },
            ..
        }) => {
            assert_eq!(size, file::MAX_FILE_BYTES + 1024 * 1024);
            assert_eq!(limit, 134_217_728);
        }
        other => panic!("expected too large, got {other:?}"),
    }
    assert!(started.elapsed() < Duration::from_secs(1));
    // Exactly at the limit it is read (and refused as not a project: it is all zero bytes).
    f.set_len(file::MAX_FILE_BYTES).unwrap();
    assert!(!matches!(
        file::load(&path),
        Err(LoadError::Format {
            error: FormatError::TooLarge { .. },
            ..
        })
    ));
    let message = file::parse_bytes(b"").unwrap_err().to_string();
    assert!(
        message.starts_with("the file is empty (line 1, column 1)"),
        "{message}"
    );
}

#[test]
fn opening_a_bad_file_changes_nothing_in_the_app_or_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let text = small_text();
    let bad_files: [(&str, Vec<u8>); 5] = [
        ("truncated.ron", text.as_bytes()[..text.len() / 2].to_vec()),
        (
            "newer.ron",
            text.replacen("format_version: 2", "format_version: 9", 1)
                .into_bytes(),
        ),
        ("binary.ron", vec![0xff; 64]),
        ("deep.ron", "[".repeat(1000).into_bytes()),
        ("empty.ron", Vec::new()),
    ];
    let mut project = Project::new("Work in progress");
    project
        .partnerships
        .push(Partnership::new("Typed this morning"));
    let mut h = Harness::builder().build_eframe({
        let project = project.clone();
        move |cc| {
            partnership_appraisal::ui::configure_style(&cc.egui_ctx);
            let mut app = PartnershipApp::new(
                Document::untitled(project),
                Box::new(ScriptedPicker::default()),
            );
            app.doc.apply(|p| p.description = "unsaved".into());
            app
        }
    });
    project.description = "unsaved".into();
    for (name, bytes) in &bad_files {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
        h.state_mut().open_path(&path);
        h.run();
        match &h.state().dialog {
            Some(Dialog::Message { title, text, .. }) => {
                assert_eq!(title, "The file could not be opened");
                assert!(
                    text.contains("The project you had open is unchanged"),
                    "{text}"
                );
                assert!(text.contains(&path.display().to_string()), "{text}");
            }
            other => panic!("{name}: expected a message, got {other:?}"),
        }
        h.state_mut().dialog = None;
        assert_eq!(h.state().doc.project, project, "{name}");
        assert!(
            h.state().doc.is_dirty(),
            "{name}: still unsaved, still there"
        );
        assert_eq!(
            &std::fs::read(&path).unwrap(),
            bytes,
            "{name} was written to"
        );
        assert_eq!(
            std::fs::metadata(&path).unwrap().modified().unwrap(),
            modified
        );
    }
    // Nothing else appeared in the folder: no lock, no backup, no temporary file.
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut expected: Vec<String> = bad_files.iter().map(|(n, _)| n.to_string()).collect();
    expected.sort();
    assert_eq!(names, expected);
}

/// The partnerships' names are checked after every edit, each place now described only
/// when it has a problem: a blank name and a repeated one are still reported where they
/// are, in the same words.
#[test]
fn blank_and_repeated_partnership_names_are_reported_where_they_are() {
    let mut project = partnership_appraisal::generate::project(6, 2);
    project.partnerships[2].name = "  ".into();
    project.partnerships[4].name = project.partnerships[1].name.clone();
    let name = project.partnerships[1].name.clone();
    let found: Vec<_> = appraisal::validate(&project)
        .into_iter()
        .filter(|d| d.field == "Name")
        .map(|d| (d.location, d.context, d.message))
        .collect();
    assert_eq!(
        found,
        vec![
            (
                appraisal::Location::Partnership { partnership: 2 },
                "Partnership '  '".to_owned(),
                "the partnership has no name".to_owned()
            ),
            (
                appraisal::Location::Partnership { partnership: 4 },
                format!("Partnership '{name}'"),
                format!("another partnership is already called '{name}'")
            ),
        ]
    );
}
