//! Damaged project files are explained in plain English: what is wrong, in which
//! partnership, line or partner, what to do, and the line and column (docs/BAD_INPUT.md,
//! "Damaged files explained"). Each test damages a copy of saves/example.ron in one way.

use partnership_appraisal::file::{self, FormatError};
use std::process::Command;

const EXAMPLE: &str = include_str!("../saves/example.ron");
const PARTNERSHIP: &str = "the partnership 'Joint hospital discharge team'";

/// The example with the first `from` replaced by `to`.
fn damaged(from: &str, to: &str) -> String {
    assert!(EXAMPLE.contains(from), "the example has no {from:?}");
    EXAMPLE.replacen(from, to, 1)
}

/// The line (from 1) on which `needle` first occurs.
fn line_of(text: &str, needle: &str) -> usize {
    let at = text.find(needle).unwrap_or_else(|| panic!("no {needle:?}"));
    text[..at].matches('\n').count() + 1
}

/// The message for `text`, with the line it points at; the message must be plain
/// English first: no parser wording, and the position in it.
fn explained(text: &str) -> (usize, String) {
    match file::parse(text) {
        Err(FormatError::Syntax {
            line,
            column,
            message,
        }) => {
            assert!(
                message.contains(&format!("(line {line}, column {column})")),
                "{message}"
            );
            for jargon in ["Expected", "Unexpected", "identifier", "RON"] {
                assert!(!message.contains(jargon), "{jargon} in: {message}");
            }
            assert!(message.starts_with(char::is_lowercase) || message.starts_with(['`', '"']));
            (line, message)
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

fn assert_says(message: &str, parts: &[&str]) {
    for part in parts {
        assert!(message.contains(part), "{part:?} is not in: {message}");
    }
}

// -----------------------------------------------------------------------------------
// Brackets

/// The `)` that closes the cost line "Council social worker", and the next line's start.
const COUNCIL_LINE_END: &str = "                        )),\n                    ),\n                    (\n                        name: \"NHS discharge nurse\"";

#[test]
fn a_missing_closing_bracket_names_the_line_it_belongs_to() {
    let text = damaged(
        COUNCIL_LINE_END,
        "                        )),\n                    (\n                        name: \"NHS discharge nurse\"",
    );
    let (line, message) = explained(&text);
    let opened = line_of(&text, "name: \"Council social worker\"") - 1;
    assert_says(
        &message,
        &[
            "a closing round bracket `)` is missing",
            &format!("the cost line 'Council social worker' of {PARTNERSHIP}"),
            &format!("which starts at line {opened}"),
            "Add `)` where it ends",
        ],
    );
    // It points at the next cost line, where the missing bracket is noticed.
    assert_eq!(line, line_of(&text, "name: \"NHS discharge nurse\"") - 1);
}

#[test]
fn a_missing_square_bracket_names_the_list() {
    let text = damaged(
        "\"NHS Kingsford ICB\",\n                ],\n                bau",
        "\"NHS Kingsford ICB\",\n                bau",
    );
    let (line, message) = explained(&text);
    assert_says(
        &message,
        &[
            "a closing square bracket `]` is missing",
            &format!("the list `members` of {PARTNERSHIP}"),
        ],
    );
    assert_eq!(line, line_of(&text, "bau: \""));
}

#[test]
fn an_extra_closing_bracket_is_pointed_at() {
    let text = damaged("value: \"825\",\n", "value: \"825\"),\n");
    let (line, message) = explained(&text);
    assert_says(
        &message,
        &[
            "there is a closing round bracket `)` too many",
            &format!("in the cost line 'NHS discharge nurse' of {PARTNERSHIP}"),
            "Delete it",
        ],
    );
    assert_eq!(line, line_of(&text, "value: \"825\")"));
}

#[test]
fn a_deleted_opening_bracket_names_the_record_that_lost_it() {
    let text = damaged(
        "                    (\n                        name: \"NHS discharge nurse\"",
        "                        name: \"NHS discharge nurse\"",
    );
    let (_, message) = explained(&text);
    assert_says(
        &message,
        &[
            "too many",
            "'NHS discharge nurse' has no opening `(`",
            PARTNERSHIP,
        ],
    );
}

#[test]
fn a_list_closed_with_the_wrong_bracket_is_told_which() {
    let text = damaged(
        "\"NHS Kingsford ICB\",\n                ],\n                bau",
        "\"NHS Kingsford ICB\",\n                ),\n                bau",
    );
    let (line, message) = explained(&text);
    assert_says(
        &message,
        &[
            &format!("the list `members` of {PARTNERSHIP}"),
            "with `[`, is closed with `)`",
            "change `)` to `]`",
        ],
    );
    assert_eq!(line, line_of(&text, "bau: \"") - 1);
}

#[test]
fn a_file_cut_short_says_what_is_left_open_and_where_the_backup_is() {
    let cut = EXAMPLE.find("name: \"Monthly discharge review\"").unwrap();
    let (_, message) = explained(&EXAMPLE[..cut]);
    assert_says(
        &message,
        &[
            "is missing",
            &format!("of {PARTNERSHIP}"),
            "before the end of the file",
            ".bak",
        ],
    );
}

// -----------------------------------------------------------------------------------
// Values

#[test]
fn an_amount_without_quotes_says_amounts_are_written_in_quotes() {
    let text = damaged("value: \"825\"", "value: 825");
    let (line, message) = explained(&text);
    assert_says(
        &message,
        &[
            "an amount is written without quotes",
            &format!("in the cost line 'NHS discharge nurse' of {PARTNERSHIP}"),
            "`value: 825`",
            "Amounts are written in quotes, like \"1200.50\": write \"825\"",
        ],
    );
    assert_eq!(line, line_of(&text, "value: 825"));
}

#[test]
fn a_rate_written_as_a_percentage_is_explained_as_a_fraction() {
    let text = damaged("pension_rate: \"0.19\"", "pension_rate: \"19%\"");
    let (line, message) = explained(&text);
    assert_says(
        &message,
        &[
            "\"19%\" is not an amount",
            "`staff_costing` of the settings",
            "\"0.19\" is 19%",
        ],
    );
    assert_eq!(line, line_of(&text, "19%"));
}

#[test]
fn an_amount_with_a_pound_sign_says_to_write_the_number_alone() {
    let text = damaged("refreshments: \"15.00\"", "refreshments: \"£15.00\"");
    let (_, message) = explained(&text);
    assert_says(
        &message,
        &[
            "\"£15.00\" is not an amount",
            &format!("the cost line 'Monthly discharge review' of {PARTNERSHIP}"),
            "without £",
        ],
    );
}

#[test]
fn text_without_quotes_says_text_is_in_double_quotes() {
    let text = damaged("name: \"NHS discharge nurse\"", "name: NHS discharge nurse");
    let (line, message) = explained(&text);
    assert_says(
        &message,
        &[
            "text is written without quotes",
            "`name: NHS discharge nurse`",
            "double quotes",
        ],
    );
    assert_eq!(line, line_of(&text, "name: NHS discharge nurse"));
}

#[test]
fn a_year_in_quotes_says_years_are_bare_whole_numbers() {
    let text = damaged("price_year: 2024", "price_year: \"2024\"");
    let (line, message) = explained(&text);
    assert_says(
        &message,
        &[
            "a whole number is written in quotes",
            "in the unit value 'Excess bed day (acute, non-elective)'",
            "like 2026 for 2026/27",
        ],
    );
    assert_eq!(line, line_of(&text, "price_year: \"2024\""));
}

#[test]
fn a_financial_year_written_with_a_slash_says_to_write_its_first_year() {
    let text = damaged("price_year: 2024", "price_year: 2024/25");
    let (_, message) = explained(&text);
    assert_says(
        &message,
        &[
            "a financial year is written with a slash",
            "'Excess bed day (acute, non-elective)'",
            "2024 for 2024/25",
        ],
    );
}

#[test]
fn a_whole_number_with_decimals_or_a_minus_sign_is_refused_with_the_field() {
    let text = damaged("lag_years: 0", "lag_years: 0.5");
    let (_, message) = explained(&text);
    assert_says(
        &message,
        &[
            "a whole number has decimals",
            &format!("the benefit line 'Delayed bed days avoided' of {PARTNERSHIP}"),
            "`lag_years` is a whole number",
        ],
    );
    let text = damaged("horizon_years: 10", "horizon_years: -10");
    let (_, message) = explained(&text);
    assert_says(
        &message,
        &["`horizon_years: -10` is negative", "in the settings"],
    );
}

#[test]
fn an_optional_value_without_some_shows_how_to_write_it() {
    let text = damaged(
        "partner: Some(\"NHS Kingsford ICB\"),\n                        cashable",
        "partner: \"NHS Kingsford ICB\",\n                        cashable",
    );
    let (_, message) = explained(&text);
    assert_says(
        &message,
        &[
            "`partner` is optional",
            "'Delayed bed days avoided'",
            "Write `partner: Some(\"NHS Kingsford ICB\")`",
        ],
    );
}

// -----------------------------------------------------------------------------------
// Names of fields and choices

#[test]
fn a_misspelt_field_suggests_the_nearest_known_one() {
    let text = damaged(
        "cost_type: Revenue,\n                        optimism: Grade(\"2\"),\n                        source: \"Half",
        "cost_typ: Revenue,\n                        optimism: Grade(\"2\"),\n                        source: \"Half",
    );
    let (line, message) = explained(&text);
    assert_says(
        &message,
        &[
            "`cost_typ` is not a field of a cost line",
            &format!("in the cost line 'NHS discharge nurse' of {PARTNERSHIP}"),
            "Did you mean `cost_type`?",
            "`name`, ",
        ],
    );
    assert_eq!(line, line_of(&text, "cost_typ:"));
}

#[test]
fn a_wrong_choice_lists_the_allowed_ones_and_the_nearest() {
    let text = damaged("status: Active", "status: Activ");
    let (line, message) = explained(&text);
    assert_says(
        &message,
        &[
            "`Activ` is not one of the choices for `status`",
            &format!("in {PARTNERSHIP}"),
            "Did you mean `Active`?",
            "`Proposed`, `Active`, `UnderReview` or `Closing`",
        ],
    );
    assert_eq!(line, line_of(&text, "status: Activ"));
    // Capitals matter, and that is said.
    let text = damaged("kind: Nhs", "kind: NHS");
    let (_, message) = explained(&text);
    assert_says(
        &message,
        &[
            "in the partner 'NHS Kingsford ICB'",
            "capitals too: write `Nhs`",
            "`Council`, `Nhs`, ",
        ],
    );
}

#[test]
fn a_choice_in_quotes_says_choices_are_bare_and_lists_them() {
    let text = damaged("status: Active", "status: \"Active\"");
    let (_, message) = explained(&text);
    assert_says(
        &message,
        &[
            "a choice is written in quotes",
            PARTNERSHIP,
            "write `status: Active`",
            "`Proposed`, `Active`, `UnderReview` or `Closing`",
        ],
    );
}

#[test]
fn a_missing_or_doubled_field_names_the_field_and_the_line() {
    let text = damaged(
        "                        cost_type: Revenue,\n                        optimism: Grade(\"2\"),\n                        source: \"Half",
        "                        optimism: Grade(\"2\"),\n                        source: \"Half",
    );
    let (_, message) = explained(&text);
    assert_says(
        &message,
        &[
            "the field `cost_type` is missing from the cost line 'NHS discharge nurse'",
            "Add `cost_type: …,`",
        ],
    );
    let text = damaged(
        "cost_type: Revenue,\n                        optimism: Grade(\"2\"),\n                        source: \"Half",
        "cost_type: Revenue,\n                        cost_type: Revenue,\n                        optimism: Grade(\"2\"),\n                        source: \"Half",
    );
    let (_, message) = explained(&text);
    assert_says(
        &message,
        &[
            "`cost_type` is written twice in the cost line 'NHS discharge nurse'",
            "Delete one",
        ],
    );
}

// -----------------------------------------------------------------------------------
// Punctuation

#[test]
fn a_missing_comma_points_at_the_end_of_the_line_without_one() {
    let text = damaged(
        "cost_type: Revenue,\n                        optimism: Grade(\"2\"),\n                        source: \"Half",
        "cost_type: Revenue\n                        optimism: Grade(\"2\"),\n                        source: \"Half",
    );
    let (line, message) = explained(&text);
    let without = line_of(&text, "cost_type: Revenue\n");
    assert_says(
        &message,
        &[
            &format!("a comma is missing at the end of line {without}"),
            "after `cost_type: Revenue`",
            "'NHS discharge nurse'",
        ],
    );
    assert_eq!(line, without);
}

#[test]
fn an_unclosed_quote_names_the_line_where_the_text_starts() {
    let text = damaged(
        "source: \"Half of one full-time post\"",
        "source: \"Half of one full-time post",
    );
    let (line, message) = explained(&text);
    let starts = line_of(&text, "source: \"Half");
    assert_says(
        &message,
        &[
            "a closing quote `\"` is missing",
            "'NHS discharge nurse'",
            &format!("the text that starts at line {starts}"),
        ],
    );
    assert_eq!(line, starts);
}

#[test]
fn a_semicolon_for_a_comma_is_named() {
    let text = damaged("growth: \"0\",\n", "growth: \"0\";\n");
    let (_, message) = explained(&text);
    assert_says(
        &message,
        &["a semicolon `;`", "'Council social worker'", "commas"],
    );
}

#[test]
fn an_empty_file_or_another_kind_of_file_says_so() {
    assert_says(&explained("").1, &["the file is empty"]);
    assert_says(&explained("  \n").1, &["the file is empty"]);
    assert_says(
        &explained("name,value\nCouncil,100\n").1,
        &["this is not a Partnership Appraisal project"],
    );
}

// -----------------------------------------------------------------------------------
// The same message on the command line and in the app

fn cli(args: &[&str], text: &str) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.ron");
    std::fs::write(&path, text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_partnership-appraisal"))
        .args(args)
        .arg(&path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        stderr.trim_end().ends_with(&path.display().to_string()),
        "the path comes last: {stderr}"
    );
    (out.status.code(), stderr)
}

#[test]
fn the_command_line_prints_the_same_explanation() {
    let cases = [
        (
            damaged("value: \"825\"", "value: 825"),
            "an amount is written without quotes in the cost line 'NHS discharge nurse'",
        ),
        (
            damaged("status: Active", "status: Activ"),
            "Did you mean `Active`?",
        ),
        (
            damaged(
                COUNCIL_LINE_END,
                "                        )),\n                    (\n                        name: \"NHS discharge nurse\"",
            ),
            "a closing round bracket `)` is missing: the cost line 'Council social worker'",
        ),
        (
            damaged("price_year: 2024", "price_year: \"2024\""),
            "a whole number is written in quotes",
        ),
    ];
    for (text, expected) in &cases {
        let (_, in_library) = explained(text);
        for command in ["validate", "appraise"] {
            let (code, stderr) = cli(&[command], text);
            assert_eq!(code, Some(2), "{command}: {stderr}");
            assert!(
                stderr.starts_with("error: could not open the project: "),
                "{stderr}"
            );
            assert!(stderr.contains(expected), "{command}: {stderr}");
            assert!(stderr.contains(&in_library), "{command}: {stderr}");
        }
    }
}

#[test]
fn the_app_shows_the_explanation_and_keeps_the_open_project() {
    use eframe::egui;
    use egui_kittest::{Harness, kittest::Queryable};
    use partnership_appraisal::model::Project;
    use partnership_appraisal::ui::PartnershipApp;
    use partnership_appraisal::ui::app::Dialog;
    use partnership_appraisal::ui::document::Document;
    use partnership_appraisal::ui::files::ScriptedPicker;

    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("damaged.ron");
    let text = damaged("value: \"825\"", "value: 825");
    std::fs::write(&bad, &text).unwrap();
    let (_, expected) = explained(&text);
    let answers = vec![Some(bad.clone())];
    let mut h = Harness::builder()
        .with_size([1500.0, 1000.0])
        .build_eframe(move |cc| {
            partnership_appraisal::ui::configure_style(&cc.egui_ctx);
            let picker = ScriptedPicker {
                answers: answers.into(),
            };
            PartnershipApp::new(
                Document::untitled(Project::new("Test borough")),
                Box::new(picker),
            )
        });
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    h.run();
    match &h.state().dialog {
        Some(Dialog::Message { title, text, .. }) => {
            assert_eq!(title, "The file could not be opened");
            assert!(text.starts_with(&expected), "{text}");
            assert!(text.contains("The project you had open is unchanged."));
        }
        other => panic!("expected the message, got {other:?}"),
    }
    // The dialog shows it, as the user reads it.
    assert!(
        h.query_by_label_contains("an amount is written without quotes")
            .is_some()
    );
    assert_eq!(h.state().doc.project.name, "Test borough");
}

/// Regression: the look for the start of each token's line went back through the line, so a
/// whole project written on one line (as a program might write it) took quadratic time.
#[test]
fn a_project_on_one_long_line_is_explained_quickly() {
    let items = "(name: \"p\", status: Active), ".repeat(100_000);
    let text = format!(
        "(format_version: 1, project: (name: \"x\", partnerships: [{items} ), settings: ())"
    );
    let started = std::time::Instant::now();
    let (_, message) = explained(&text);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert_says(&message, &["the list `partnerships`", "is closed with `)`"]);
}
