//! The bad-input catalogue (docs/BAD_INPUT.md), proved: what every kind of bad typing and
//! every kind of bad file gets, and that nothing already entered or saved is lost.
//!
//! 1. Numbers typed into fields: each kind of numeric field, through the app's real fields
//!    (egui_kittest), and the same rules on the parsing functions behind them.
//! 2. Files: truncated at every byte, wrong or newer versions, wrong types, duplicates,
//!    dangling references, enormous and deeply nested files.
//! 3. Mutated copies of the example files (proptest): parsing never panics, always ends
//!    quickly, and whatever loads also validates, appraises and saves back the same.
//! 4. The other readers of outside text (pasted cells, unit-cost CSV files): regressions
//!    found while fuzzing them (docs/FUZZING.md).

use eframe::egui::{Key, Modifiers, accesskit::Role};
use egui_kittest::{Harness, kittest::Queryable};
use partnership_appraisal::file::{self, FormatError, LoadError};
use partnership_appraisal::format::{self, InputError};
use partnership_appraisal::model::*;
use partnership_appraisal::ui::PartnershipApp;
use partnership_appraisal::ui::app::{Dialog, View};
use partnership_appraisal::ui::document::Document;
use partnership_appraisal::ui::files::ScriptedPicker;
use partnership_appraisal::{appraisal, appraisal::Severity};
use proptest::prelude::*;
use rust_decimal_macros::dec;
use std::path::Path;
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------------
// 1. Typing numbers.

const TOO_LARGE: &str = "the value is too large (the limit is 1,000,000,000,000)";

fn settings_app() -> Harness<'static, PartnershipApp> {
    let mut h = Harness::builder()
        .with_size([1500.0, 1400.0])
        .build_eframe(|cc| {
            partnership_appraisal::ui::configure_style(&cc.egui_ctx);
            PartnershipApp::new(
                Document::untitled(Project::new("Typing")),
                Box::new(ScriptedPicker::default()),
            )
        });
    h.state_mut().view = View::Settings;
    h.run();
    h
}

/// Types `text` into the field labelled `label` and presses Enter.
fn type_into(h: &mut Harness<'static, PartnershipApp>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.key_press(Key::Delete);
    if !text.is_empty() {
        h.get_by_role_and_label(Role::TextInput, label)
            .type_text(text);
    }
    h.run();
    h.key_press(Key::Enter);
    h.run();
}

/// Each settings field, bad text, and the message it must show; the project must not change.
#[test]
fn every_kind_of_numeric_field_refuses_bad_text_with_a_message_and_keeps_its_value() {
    let cases: &[(&str, &str, &str)] = &[
        // Money: pounds and pence, zero or more.
        ("NI threshold (a year)", "12a", "'12a' is not a number"),
        ("NI threshold (a year)", "", "enter a value"),
        ("NI threshold (a year)", "-5", "enter zero or more"),
        ("NI threshold (a year)", "(5.00)", "enter zero or more"),
        ("NI threshold (a year)", "99999999999999", TOO_LARGE),
        ("NI threshold (a year)", "1000000000000.01", TOO_LARGE),
        (
            "NI threshold (a year)",
            "12.345",
            "use at most 2 decimal places",
        ),
        // Amount: hours, counts, people; zero or more, up to 6 decimal places.
        ("Productive hours a year", "lots", "'lots' is not a number"),
        ("Productive hours a year", "", "enter a value"),
        ("Productive hours a year", "-1650", "enter zero or more"),
        ("Productive hours a year", "1e6", "'1e6' is not a number"),
        ("Productive hours a year", "12345678901234", TOO_LARGE),
        (
            "Productive hours a year",
            "1.1234567",
            "use at most 6 decimal places",
        ),
        // Share: a percentage from 0% to 100%, up to 4 decimal places.
        ("Employer NI rate", "fifteen", "'fifteen' is not a number"),
        ("Employer NI rate", "", "enter a value"),
        ("Employer NI rate", "%", "enter a value"),
        ("Employer NI rate", "-1", "enter zero or more"),
        (
            "Employer NI rate",
            "150%",
            "enter a percentage from 0% to 100%",
        ),
        ("Employer NI rate", "99999999999999", TOO_LARGE),
        (
            "Employer NI rate",
            "12.34567",
            "use at most 4 decimal places",
        ),
        // A percentage that may exceed 100% (overheads up to 1000%). The message names 100%:
        // see docs/BAD_INPUT.md, "Messages to improve".
        (
            "Overhead rate (full cost)",
            "1001",
            "enter a percentage from 0% to 1000%",
        ),
        ("Overhead rate (full cost)", "-0.5", "enter zero or more"),
        // Whole years (the horizon, 0 to 300).
        ("Horizon (years)", "ten", "'ten' is not a number"),
        ("Horizon (years)", "", "enter a value"),
        ("Horizon (years)", "-1", "enter zero or more"),
        ("Horizon (years)", "2.5", "enter a whole number"),
        ("Horizon (years)", "301", "enter a whole number up to 300"),
        ("Horizon (years)", "99999999999999", TOO_LARGE),
        // Financial years.
        (
            "First year",
            "twenty26",
            "'twenty26' is not a financial year: type it as 2026/27",
        ),
        (
            "First year",
            "",
            "'' is not a financial year: type it as 2026/27",
        ),
        (
            "First year",
            "-2026",
            "'-2026' is not a financial year: type it as 2026/27",
        ),
        (
            "First year",
            "2026/28",
            "'2026/28' is not a financial year: type it as 2026/27",
        ),
        (
            "First year",
            "1899",
            "'1899' is not a financial year: type it as 2026/27",
        ),
        (
            "First year",
            "99999",
            "'99999' is not a financial year: type it as 2026/27",
        ),
        (
            "First year",
            "2026.5",
            "'2026.5' is not a financial year: type it as 2026/27",
        ),
    ];
    for (label, text, message) in cases {
        let mut h = settings_app();
        let before = h.state().doc.project.clone();
        type_into(&mut h, label, text);
        assert!(
            h.query_by_label(message).is_some(),
            "{label} = {text:?}: expected the message {message:?}"
        );
        assert_eq!(
            h.state().doc.project,
            before,
            "{label} = {text:?}: the project changed"
        );
        assert!(!h.state().doc.is_dirty());
    }
}

/// The growth field of a year profile (in the line editor): a share that may be negative.
#[test]
fn the_growth_field_refuses_a_fall_of_100_percent_or_more_and_bad_text() {
    let mut project = Project::new("Growth");
    let mut council = Partner::new("Council", PartnerKind::Council);
    council.grades.push(Grade {
        name: "Officer".into(),
        pay: Pay::Hourly(Money(dec!(30))),
    });
    project.partners.push(council);
    let mut ship = Partnership::new("Team");
    ship.costs.push(CostLine {
        name: "Officer time".into(),
        cost_type: CostType::Revenue,
        optimism: Optimism::default(),
        source: String::new(),
        range: None,
        detail: CostDetail::StaffTime(StaffTime {
            partner: "Council".into(),
            grade: "Officer".into(),
            layer: Layer::Operational,
            hours: Profile::constant(dec!(100), 10),
            unit: partnership_appraisal::model::TimeUnit::Hours,
        }),
        prices: partnership_appraisal::model::Prices::Real,
    });
    project.partnerships.push(ship);
    for (text, message) in [
        ("-100", "enter a growth rate above -100% and at most 100%"),
        ("101%", "enter a growth rate above -100% and at most 100%"),
        ("abc", "'abc' is not a number"),
        ("", "enter a value"),
        ("2.12345", "use at most 4 decimal places"),
        ("99999999999999", TOO_LARGE),
    ] {
        let mut h = Harness::builder()
            .with_size([1500.0, 1400.0])
            .build_eframe({
                let project = project.clone();
                move |cc| {
                    partnership_appraisal::ui::configure_style(&cc.egui_ctx);
                    PartnershipApp::new(
                        Document::untitled(project),
                        Box::new(ScriptedPicker::default()),
                    )
                }
            });
        h.state_mut().go_to(appraisal::Location::Cost {
            partnership: 0,
            line: 0,
        });
        h.run();
        type_into(&mut h, "Growth a year", text);
        assert!(
            h.query_by_label(message).is_some(),
            "growth {text:?}: expected {message:?}"
        );
        assert_eq!(h.state().doc.project, project, "growth {text:?}");
    }
}

#[test]
fn good_text_is_taken_after_bad_text_was_refused() {
    let mut h = settings_app();
    type_into(&mut h, "NI threshold (a year)", "£5,0x0");
    type_into(&mut h, "NI threshold (a year)", "£5,000.50");
    type_into(&mut h, "Employer NI rate", "13.8%");
    type_into(&mut h, "Horizon (years)", "25");
    type_into(&mut h, "First year", "2027/28");
    type_into(&mut h, "Productive hours a year", "1,600.5");
    let s = &h.state().doc.project.settings;
    assert_eq!(s.staff_costing.ni_threshold, Money(dec!(5000.50)));
    assert_eq!(s.staff_costing.employer_ni_rate, Rate(dec!(0.138)));
    assert_eq!(s.horizon_years, 25);
    assert_eq!(s.first_year, FinancialYear(2027));
    assert_eq!(s.staff_costing.productive_hours_per_year, dec!(1600.5));
    assert!(h.query_by_label("'£5,0x0' is not a number").is_none());
}

/// The parsing rules behind the fields, on more inputs than are worth typing.
#[test]
fn the_parsing_rules_behind_the_fields() {
    use InputError::*;
    let not = |s: &str| Err(NotNumber(s.trim().to_owned()));
    // Money (2 places).
    for (text, expected) in [
        ("abc", not("abc")),
        ("", Err(Empty)),
        ("   ", Err(Empty)),
        ("£", not("£")),
        ("NaN", not("NaN")),
        ("inf", not("inf")),
        ("1e5", not("1e5")),
        ("0x10", not("0x10")),
        ("--5", not("--5")),
        ("1.2.3", not("1.2.3")),
        ("１２", not("１２")),
        ("12.", Ok(dec!(12))),
        ("99999999999999999999999999999999999", Err(TooLarge)),
        ("1000000000000", Ok(dec!(1000000000000))),
        ("1000000000000.01", Err(TooLarge)),
        ("0.001", Err(TooPrecise(2))),
        ("0.1000000000000000000000000000001", Err(TooPrecise(2))),
        ("(250)", Ok(dec!(-250))),
        ("£1,234.50", Ok(dec!(1234.50))),
    ] {
        assert_eq!(format::parse_number(text, 2), expected, "money {text:?}");
    }
    assert_eq!(format::parse_amount("-0.5"), Err(Negative));
    assert_eq!(format::parse_amount("0.0000001"), Err(TooPrecise(6)));
    assert_eq!(
        format::parse_percent("100.00001", dec!(100)),
        Err(TooPrecise(4))
    );
    assert_eq!(
        format::parse_percent("100.0001", dec!(100)),
        Err(OutOfRange(dec!(100)))
    );
    assert_eq!(format::parse_percent("-0", dec!(100)), Ok(dec!(0)));
    assert_eq!(format::parse_whole("4294967296", u32::MAX), Err(TooLarge));
    assert_eq!(
        format::parse_whole("1e3", 300),
        Err(NotNumber("1e3".into()))
    );
    assert_eq!(format::parse_whole("(3)", 300), Err(Negative));
    assert_eq!(FinancialYear::parse("２０２６"), None);
    assert_eq!(FinancialYear::parse("2026/2028"), None);
    assert_eq!(FinancialYear::parse("2026-27"), Some(FinancialYear(2026)));
}

// ---------------------------------------------------------------------------------------
// 2. Bad files.

/// A small project with one of each kind of line, in the app's own layout.
fn small_text() -> String {
    file::to_ron(&file::parse(include_str!("fuzz/seeds/minimal.ron")).unwrap()).unwrap()
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

// ---------------------------------------------------------------------------------------
// 3. Mutated example files.

fn seeds() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut seeds: Vec<Vec<u8>> = ["saves/example.ron", "saves/county-health-and-care.ron"]
        .iter()
        .map(|p| std::fs::read(root.join(p)).unwrap())
        .collect();
    seeds.push(small_text().into_bytes());
    seeds
}

/// Tokens a mutation may insert: the format's own words and some troublemakers.
const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "r#\"",
    "\"#",
    "//",
    "/*",
    "*/",
    "\\",
    "Some(",
    "None",
    "-",
    "1e30",
    "\"-0.00\"",
    "\"79228162514264337593543950335\"",
    "4294967296",
    "18446744073709551616",
    "\u{feff}",
    "\u{0}",
    "£",
    "format_version: 2,",
    "PerYear([",
    "Constant(value: \"1\", start_year: 4294967295, years: 4294967295, growth: \"0\")",
    "horizon_years: 4294967295,",
    "lag_years: 4294967295,",
    "duration_years: 4294967295,",
    "StaffTime((",
    "Outcome((",
    "Library(",
    "Grade(\"",
    "Direct(\"",
    "\"1000000000000\"",
];

#[derive(Clone, Debug)]
enum Mutation {
    SetByte(usize, u8),
    Insert(usize, usize),
    Delete(usize, usize),
    Truncate(usize),
    DuplicateLines(usize, usize, usize),
    SwapLines(usize, usize),
    DeleteLine(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mutation::SetByte(at, b)),
        (any::<usize>(), 0..TOKENS.len()).prop_map(|(at, t)| Mutation::Insert(at, t)),
        (any::<usize>(), 1usize..200).prop_map(|(at, n)| Mutation::Delete(at, n)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), 1usize..40, 1usize..4)
            .prop_map(|(at, n, times)| Mutation::DuplicateLines(at, n, times)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        any::<usize>().prop_map(Mutation::DeleteLine),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len().max(1);
    let line_spans = |bytes: &[u8]| -> Vec<(usize, usize)> {
        let mut spans = Vec::new();
        let mut start = 0;
        for (i, b) in bytes.iter().enumerate() {
            if *b == b'\n' {
                spans.push((start, i + 1));
                start = i + 1;
            }
        }
        if start < bytes.len() {
            spans.push((start, bytes.len()));
        }
        spans
    };
    match *m {
        Mutation::SetByte(at, b) => {
            if !bytes.is_empty() {
                let at = at % bytes.len();
                bytes[at] = b;
            }
        }
        Mutation::Insert(at, t) => {
            let at = at % (bytes.len() + 1);
            bytes.splice(at..at, TOKENS[t].bytes());
        }
        Mutation::Delete(at, n) => {
            let at = at % len;
            let end = (at + n).min(bytes.len());
            if at < end {
                bytes.drain(at..end);
            }
        }
        Mutation::Truncate(at) => bytes.truncate(at % len),
        Mutation::DuplicateLines(at, n, times) => {
            let spans = line_spans(bytes);
            if !spans.is_empty() {
                let first = at % spans.len();
                let last = (first + n).min(spans.len()) - 1;
                let (s, e) = (spans[first].0, spans[last].1);
                let chunk: Vec<u8> = bytes[s..e].to_vec();
                for _ in 0..times {
                    bytes.splice(e..e, chunk.iter().copied());
                }
            }
        }
        Mutation::SwapLines(a, b) => {
            let spans = line_spans(bytes);
            if spans.len() >= 2 {
                let (mut a, mut b) = (a % spans.len(), b % spans.len());
                if a > b {
                    std::mem::swap(&mut a, &mut b);
                }
                if a != b {
                    let la = bytes[spans[a].0..spans[a].1].to_vec();
                    let lb = bytes[spans[b].0..spans[b].1].to_vec();
                    bytes.splice(spans[b].0..spans[b].1, la);
                    bytes.splice(spans[a].0..spans[a].1, lb);
                }
            }
        }
        Mutation::DeleteLine(at) => {
            let spans = line_spans(bytes);
            if !spans.is_empty() {
                let (s, e) = spans[at % spans.len()];
                bytes.drain(s..e);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Whatever happens to a file, loading ends quickly with a project or an error; a project
    /// that loads validates, appraises, and saves to text that loads back the same.
    #[test]
    fn a_mutated_example_never_panics_and_loads_quickly(
        seed in 0usize..3,
        mutations in prop::collection::vec(mutation(), 1..8),
    ) {
        let mut bytes = seeds().swap_remove(seed);
        for m in &mutations {
            apply(&mut bytes, m);
        }
        let started = Instant::now();
        let loaded = file::parse_bytes(&bytes);
        prop_assert!(started.elapsed() < Duration::from_secs(3), "slow: {:?}", started.elapsed());
        if let Ok(project) = loaded {
            let _ = appraisal::validate(&project);
            let _ = appraisal::appraise(&project);
            let text = file::to_ron(&project).unwrap();
            prop_assert_eq!(file::parse(&text).unwrap(), project);
        }
    }
}

/// Saved work is not lost to a bad number: anything the app accepts as typed, it saves and
/// loads back exactly (the typed scale included).
#[test]
fn every_accepted_amount_saves_and_loads_back_exactly() {
    let mut project = Project::new("Round trip");
    for text in [
        "0",
        "0.01",
        "1,234.56",
        "£999,999,999,999.99",
        "1000000000000",
        "10.50",
    ] {
        let value = format::parse_number(text, 2).unwrap();
        project.unit_values.push(UnitValue {
            name: text.into(),
            value: Money(value),
            price_year: FinancialYear(2026),
            partner: None,
            source: String::new(),
        });
    }
    let text = file::to_ron(&project).unwrap();
    let back = file::parse(&text).unwrap();
    for (a, b) in project.unit_values.iter().zip(&back.unit_values) {
        assert_eq!(a.value.0.to_string(), b.value.0.to_string());
    }
    // More decimal places than Decimal holds (28) are rounded at the 28th: far below a penny.
    let fine = small_text().replacen("\"0.19\"", "\"0.12345678901234567890123456789\"", 1);
    let rate = file::parse(&fine)
        .unwrap()
        .settings
        .staff_costing
        .pension_rate
        .0;
    assert_eq!(rate.to_string(), "0.1234567890123456789012345679");
}

// ---------------------------------------------------------------------------------------
// 4. Pasted cells and unit-cost files.

/// Regression: a pasted block took time in proportion to its widest row's width times its
/// rows (every row's value columns were searched to the widest row's width): a 60 KB block
/// of one row of 20,000 tabs and 20,000 short rows took 4.5 seconds of CPU in an optimised
/// build, with the app frozen. Now each row costs its own length.
#[test]
fn a_paste_with_one_very_wide_row_reads_in_time_proportional_to_its_length() {
    use partnership_appraisal::import::paste;
    let project = file::parse(include_str!("fuzz/seeds/minimal.ron")).unwrap();
    let block = format!(
        "Wide{}1\n{}",
        "\t".repeat(10_000),
        "Short\tCouncil\n".repeat(10_000)
    );
    let started = Instant::now();
    let rows = paste::parse_block(&block);
    let pasted = paste::other_costs(&project, &rows);
    let took = started.elapsed();
    assert_eq!(pasted.lines.len(), 10_001);
    assert!(!pasted.header);
    // The wide row's one value, in column 10,001, is past the 300 years appraised.
    assert_eq!(
        pasted.errors.len(),
        2,
        "{:?}",
        &pasted.errors[..2.min(pasted.errors.len())]
    );
    assert_eq!((pasted.errors[0].row, pasted.errors[0].column), (1, 2));
    assert_eq!((pasted.errors[1].row, pasted.errors[1].column), (1, 10_001));
    assert!(pasted.errors[1].reason.contains("past the 300 years"));
    for line in &pasted.lines[1..] {
        let CostDetail::Other(o) = &line.detail else {
            panic!("an other cost")
        };
        assert_eq!(o.partner, "Council");
        assert_eq!(o.amounts, Profile::PerYear(Vec::new()));
    }
    assert!(took < Duration::from_secs(2), "took {took:?}");
}

/// Regression: each row of a unit-cost file was checked against every name imported
/// before it, so a file of 20,000 rows made 200 million comparisons, and the time grew
/// with the square of the rows. Names are now looked up in a map; a repeated name still
/// points at its first line.
#[test]
fn a_unit_cost_file_of_many_rows_reads_in_time_proportional_to_its_length() {
    use partnership_appraisal::import::unit_costs;
    let project = file::parse(include_str!("fuzz/seeds/minimal.ron")).unwrap();
    let mut csv = String::from("name,value,price year\n");
    for i in 0..20_000 {
        csv.push_str(&format!("Item {i},{i},2024\n"));
    }
    csv.push_str("ITEM 7,1,2024\nbed day,5,2024\n");
    let started = Instant::now();
    let import = unit_costs::read(&csv, &project).unwrap();
    let took = started.elapsed();
    assert_eq!(import.values.len(), 20_000);
    assert_eq!(import.values[7].value.name, "Item 7");
    assert_eq!(import.values[7].line, 9);
    assert_eq!(import.errors.len(), 1);
    assert_eq!(import.errors[0].line, 20_002);
    assert!(
        import.errors[0].message.contains("repeats line 9"),
        "{}",
        import.errors[0]
    );
    assert_eq!(
        import.existing.len(),
        1,
        "'bed day' is the library's 'Bed day'"
    );
    assert!(took < Duration::from_secs(2), "took {took:?}");
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
