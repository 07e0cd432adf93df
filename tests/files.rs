//! Project files: atomic save with a backup, byte-identical re-save, and clear errors
//! (never a panic) for every kind of bad input.

mod common;

use common::{PARTNERS, load, project, settings};
use partnership_appraisal::file::{self, FormatError, LoadError, SaveError};
use partnership_appraisal::model::{BenefitDetail, Profile, Project, UnitValueSource};
use rust_decimal_macros::dec;
use std::fs;
use std::path::Path;

/// A small but complete project: every kind of cost line and both kinds of benefit line.
fn sample_text() -> String {
    project(
        &settings(10, "Standard", "GreenBook"),
        &format!(
            r#"description: "Joint working in the borough",
            {PARTNERS}
            partnerships: [(name: "Community safety", status: Active, funding: PooledBudget,
                members: ["Council", "Police"],
                bau: "Each body works alone",
                costs: [
                    (name: "Analyst", cost_type: InKind, optimism: Grade("3"),
                     detail: StaffTime((partner: "Council", grade: "Officer", layer: Operational,
                        hours: Constant(value: "200", start_year: 0, years: 5, growth: "0.02")))),
                    (name: "Board", cost_type: InKind, optimism: Direct("0"),
                     detail: Meeting((layer: Strategic, meetings: PerYear(["4", "4"]),
                        meeting_hours: "2", preparation_hours: "1", travel_hours: "0.5",
                        attendees: [(partner: "Police", grade: "Inspector", count: "1")],
                        fixed_costs: (paid_by: "Council", venue: "1200.50", refreshments: "0",
                                      printing: "0", other: "0")))),
                    (name: "Pool", cost_type: Revenue, optimism: Direct("0.1"),
                     detail: PooledFund((host: "Council", risk_share: ProRata, contributions: [
                        (partner: "Council", amounts: PerYear(["600"]), forecast_outturn: Some(PerYear(["650"]))),
                        (partner: "Police", amounts: PerYear(["400"]))]))),
                    (name: "Website", cost_type: Capital, optimism: Direct("0"),
                     detail: Other((category: Website, partner: "Council", layer: Some(Executive),
                        amounts: PerYear(["5000"])))),
                ],
                benefits: [
                    (name: "Fewer call-outs", benefit_type: Fiscal, partner: Some("Police"),
                     cashable_share: "0.25", optimism: Grade("4"), source: "local data",
                     detail: Outcome((cohort: PerYear(["100", "100"]), engagement_rate: "0.8",
                        success_rate: "0.5", unit_value: Library("Call-out"),
                        deadweight: "0.1", displacement: "0", attribution: "0.2",
                        lag_years: 1, duration_years: 3, drop_off: "0.1"))),
                    (name: "Wellbeing", benefit_type: Social, optimism: Direct("0"),
                     detail: Direct(PerYear(["0", "1000"]))),
                ],
                impacts: [(description: "Trust between agencies", direction: Positive, significance: Medium)],
            )],
            unit_values: [(name: "Call-out", value: "1200.50", price_year: 2024, partner: Some("Police"),
                           source: "GMCA unit cost database")],
            deflators: [(year: 2024, index: "95.5"), (year: 2026, index: "100")],
            assumptions: [(text: "Call-outs fall by half", source: "pilot", owner: "CSP", date: "2026-11-02")],"#
        ),
    )
}

fn sample() -> Project {
    load(&sample_text())
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn syntax_error(text: &str) -> (usize, usize, String) {
    match file::parse(text) {
        Err(FormatError::Syntax {
            line,
            column,
            message,
        }) => (line, column, message),
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

/// Line and column (from 1) where `needle` first occurs in `text`.
fn position_of(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).expect("needle in text");
    let line = text[..at].matches('\n').count() + 1;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..at].chars().count() + 1)
}

// ---------------------------------------------------------------------------------
// Saving

#[test]
fn save_is_atomic_and_keeps_the_previous_version_as_bak() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("borough.ron");
    let first = sample();
    file::save(&first, &path).unwrap();
    let first_bytes = fs::read(&path).unwrap();
    assert_eq!(first_bytes, file::to_ron(&first).unwrap().into_bytes());
    // Nothing to back up on the first save, and no temporary file left behind.
    assert_eq!(names_in(dir.path()), ["borough.ron"]);

    let mut second = first.clone();
    second.name = "Borough, revised".into();
    file::save(&second, &path).unwrap();
    assert_eq!(file::backup_path(&path), dir.path().join("borough.ron.bak"));
    assert_eq!(fs::read(file::backup_path(&path)).unwrap(), first_bytes);
    assert_eq!(file::load(&path).unwrap(), second);
    assert_eq!(names_in(dir.path()), ["borough.ron", "borough.ron.bak"]);

    // The backup is always the version before the last save.
    let second_bytes = fs::read(&path).unwrap();
    let mut third = second.clone();
    third.description = "Third version".into();
    file::save(&third, &path).unwrap();
    assert_eq!(fs::read(file::backup_path(&path)).unwrap(), second_bytes);
    assert_eq!(file::load(&path).unwrap(), third);
    assert_eq!(names_in(dir.path()), ["borough.ron", "borough.ron.bak"]);
}

#[test]
fn a_saved_file_re_saves_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.ron");
    file::save(&sample(), &path).unwrap();
    let bytes = fs::read(&path).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    // Newlines are "\n" on every OS, and the file ends with one.
    assert!(!text.contains('\r'));
    assert!(text.ends_with(")\n"));
    assert!(text.starts_with("(\n    format_version: 2,\n"));
    let loaded = file::load(&path).unwrap();
    assert_eq!(file::to_ron(&loaded).unwrap(), text);
    let again = dir.path().join("b.ron");
    file::save(&loaded, &again).unwrap();
    assert_eq!(fs::read(&again).unwrap(), bytes);
}

#[test]
fn amounts_keep_their_scale_through_save_and_load() {
    // rust_decimal's PartialEq ignores scale (1200.50 == 1200.5), so compare the text.
    let text = file::to_ron(&sample()).unwrap();
    assert!(text.contains(r#"value: "1200.50""#), "{text}");
    assert!(text.contains(r#"venue: "1200.50""#));
    let p = file::parse(&text).unwrap();
    let UnitValueSource::Library(name) = (match &p.partnerships[0].benefits[0].detail {
        BenefitDetail::Outcome(c) => &c.unit_value,
        other => panic!("{other:?}"),
    }) else {
        panic!("library value expected")
    };
    assert_eq!(name, "Call-out");
    assert_eq!(p.unit_values[0].value.0.to_string(), "1200.50");
}

#[test]
fn a_failed_save_names_the_path_and_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    // The folder does not exist.
    let missing = dir.path().join("no such folder").join("a.ron");
    let err = file::save(&sample(), &missing).unwrap_err();
    assert!(matches!(err, SaveError::Write { .. }));
    let message = err.to_string();
    assert!(
        message.ends_with(&missing.display().to_string()),
        "{message}"
    );
    // The target is a folder: the save fails, the folder is untouched, no temp file is left.
    let folder = dir.path().join("a folder.ron");
    fs::create_dir(&folder).unwrap();
    assert!(file::save(&sample(), &folder).is_err());
    assert!(folder.is_dir());
    assert_eq!(names_in(dir.path()), ["a folder.ron"]);
}

#[test]
fn text_with_quotes_backslashes_and_brackets_survives_save_and_load() {
    // Names and notes are free text: quotes, backslashes, brackets (more than the nesting
    // limit), comment markers, raw-string markers, newlines and non-Latin text must all
    // come back as they went in.
    let awkward = [
        "Say \"no\" to silos",
        "C:\\Users\\finance\\",
        "trailing backslash \\",
        &"(".repeat(80),
        &format!("\"{}", "[".repeat(80)),
        &format!("\\{}", "(".repeat(80)),
        "/* not a comment */ // nor this",
        "r#\"raw\"#",
        "line one\nline two\r\n\ttabbed",
        "Cyngor Sir Gâr – 議会 – 🏛",
        "",
    ];
    let mut p = sample();
    for (i, text) in awkward.iter().enumerate() {
        p.name = text.to_string();
        p.description = awkward[(i + 1) % awkward.len()].to_string();
        p.partnerships[0].bau = awkward[(i + 2) % awkward.len()].to_string();
        p.assumptions[0].text = awkward[(i + 3) % awkward.len()].to_string();
        let saved = file::to_ron(&p).unwrap();
        let loaded = file::parse(&saved)
            .unwrap_or_else(|e| panic!("saved text with {text:?} does not load: {e}\n{saved}"));
        assert_eq!(loaded, p, "{text:?}");
        assert_eq!(file::to_ron(&loaded).unwrap(), saved);
    }
}

// ---------------------------------------------------------------------------------
// Errors

#[test]
fn a_syntax_error_names_its_line_and_column() {
    let text = sample_text().replace("horizon_years: 10", "horizon_years: ten");
    let (line, column) = position_of(&text, "ten,");
    let (l, c, message) = syntax_error(&text);
    assert_eq!(l, line, "{message}");
    // RON points at the token or the space before it.
    assert!(
        (column - 1..=column + 3).contains(&c),
        "column {c}, expected about {column}: {message}"
    );
    let shown = file::parse(&text).unwrap_err().to_string();
    // Plain English first, then where.
    assert!(
        shown.starts_with("a whole number was expected in the settings: `horizon_years: ten`"),
        "{shown}"
    );
    assert!(
        shown.contains(&format!("(line {line}, column {c})")),
        "{shown}"
    );

    // Through load(), the message also names the file, last.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.ron");
    fs::write(&path, &text).unwrap();
    let err = file::load(&path).unwrap_err();
    assert!(matches!(err, LoadError::Format { .. }));
    let shown = err.to_string();
    assert!(shown.contains(&format!("line {line}, column")), "{shown}");
    assert!(shown.ends_with(&path.display().to_string()), "{shown}");
}

#[test]
fn a_missing_file_is_a_read_error_naming_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nowhere.ron");
    let err = file::load(&path).unwrap_err();
    assert!(matches!(err, LoadError::Read { .. }));
    assert!(err.to_string().starts_with("cannot read the file"));
    assert!(err.to_string().ends_with(&path.display().to_string()));
}

#[test]
fn a_newer_format_version_is_refused_with_a_message_that_says_so() {
    let newer = sample_text().replace("format_version: 1", "format_version: 3");
    let err = file::parse(&newer).unwrap_err();
    assert_eq!(
        err,
        FormatError::Newer {
            found: 3,
            supported: file::FORMAT_VERSION
        }
    );
    let message = err.to_string();
    assert!(message.contains("newer version"), "{message}");
    assert!(message.contains("update"), "{message}");
    // A newer file usually holds fields this version does not know: it is still reported
    // as newer, not as a syntax error.
    let with_new_fields = newer.replace(
        "description: \"Joint working in the borough\",",
        "description: \"Joint working in the borough\", carbon_value: \"12\",",
    );
    assert!(matches!(
        file::parse(&with_new_fields),
        Err(FormatError::Newer { found: 3, .. })
    ));
    // Version 0 was never written.
    let zero = sample_text().replace("format_version: 1", "format_version: 0");
    assert_eq!(
        file::parse(&zero).unwrap_err(),
        FormatError::UnknownVersion { found: 0 }
    );
}

#[test]
fn a_newer_format_version_is_refused_as_newer_wherever_it_stands() {
    // RON fields may come in any order. A file that names its version after the project
    // is still a newer file, and the message must say so rather than "not one this app has
    // ever written".
    let text = sample_text();
    let reordered = text.replacen("    format_version: 1,\n", "", 1);
    let reordered = format!(
        "{}    format_version: 3,\n)\n",
        reordered.trim_end().strip_suffix(')').unwrap()
    );
    assert!(reordered.contains("format_version: 3"));
    let err = file::parse(&reordered).unwrap_err();
    assert!(
        matches!(err, FormatError::Newer { found: 3, .. }),
        "{err:?}: {err}"
    );
}

#[test]
fn a_bare_number_where_an_amount_string_is_expected_is_refused() {
    // RON would read a bare 1200.50 through f64; amounts must be strings so that no value
    // is silently rounded. The error points at the line of the bare number.
    let text = sample_text();
    for (quoted, bare) in [
        (r#"value: "1200.50""#, "value: 1200.50"),
        (r#"index: "95.5""#, "index: 95.5"),
        (r#"venue: "1200.50""#, "venue: 1200"),
        (r#"employer_ni_rate: "0.15""#, "employer_ni_rate: 0.15"),
        (r#"["600"]"#, "[600]"),
    ] {
        assert!(text.contains(quoted), "{quoted}");
        let edited = text.replacen(quoted, bare, 1);
        let (line, _) = position_of(&edited, bare);
        let (l, _, message) = syntax_error(&edited);
        assert_eq!(l, line, "{bare}: {message}");
    }
    // 19.999999999999999 would load as 20 through f64; quoted it keeps every digit.
    let precise = text.replacen(r#"index: "95.5""#, r#"index: "19.999999999999999""#, 1);
    assert_eq!(
        file::parse(&precise).unwrap().deflators[0].index,
        dec!(19.999999999999999)
    );
}

#[test]
fn unknown_fields_are_refused_and_named() {
    let text = sample_text();
    for (anchor, inserted) in [
        ("description: \"Joint working", "colour: \"red\", "),
        ("name: \"NHS\",", "budget: \"1\", "),
        ("meeting_hours: \"2\",", "chair: \"Mayor\", "),
        ("category: Website,", "url: \"x\", "),
        ("value: \"200\",", "inflation: \"0\", "),
        ("engagement_rate:", "reach: \"1\", "),
        ("currency_symbol:", "locale: \"en-GB\", "),
    ] {
        assert!(text.contains(anchor), "{anchor}");
        let edited = text.replacen(anchor, &format!("{inserted}{anchor}"), 1);
        let field = inserted.split(':').next().unwrap();
        let (line, _) = position_of(&edited, inserted);
        let (l, _, message) = syntax_error(&edited);
        assert!(message.contains(field), "{field}: {message}");
        assert_eq!(l, line, "{field}: {message}");
    }
}

#[test]
fn truncated_files_are_errors_not_panics() {
    // Cut after every bracket, comma, colon, quote and line end (where an interrupted save
    // or copy most likely stops), and at every 7th byte besides. Every cut loses at least
    // the final bracket, so none may load.
    let text = file::to_ron(&sample()).unwrap();
    let end = text.trim_end().len();
    let bytes = text.as_bytes();
    let cuts = (0..end).filter(|&i| {
        text.is_char_boundary(i) && (i % 7 == 0 || i > 0 && b"()[],:\"\n".contains(&bytes[i - 1]))
    });
    let mut tried = 0;
    for cut in cuts {
        tried += 1;
        assert!(
            file::parse(&text[..cut]).is_err(),
            "a file cut at byte {cut} of {end} loaded"
        );
    }
    assert!(tried > end / 7, "{tried} cuts tried");
}

#[test]
fn empty_files_are_errors_at_line_1() {
    for text in ["", "\n", "   \n\n", "// only a comment\n"] {
        let (line, _, message) = syntax_error(text);
        assert!(line <= 2, "{text:?}: line {line}: {message}");
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.ron");
    fs::write(&path, "").unwrap();
    assert!(matches!(
        file::load(&path),
        Err(LoadError::Format {
            error: FormatError::Syntax { line: 1, .. },
            ..
        })
    ));
}

#[test]
fn binary_files_are_refused_as_not_text() {
    let binary: &[u8] = &[
        0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00,
    ];
    assert_eq!(file::parse_bytes(binary), Err(FormatError::NotText));
    assert!(FormatError::NotText.to_string().contains("not a text file"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("picture.ron");
    fs::write(&path, binary).unwrap();
    let err = file::load(&path).unwrap_err();
    assert!(matches!(
        err,
        LoadError::Format {
            error: FormatError::NotText,
            ..
        }
    ));
    // UTF-16 (as some Windows editors save) is not UTF-8 either.
    let utf16: Vec<u8> = [0xfeff_u16]
        .into_iter()
        .chain("(format_version: 1)".encode_utf16())
        .flat_map(u16::to_le_bytes)
        .collect();
    assert!(file::parse_bytes(&utf16).is_err());
    // Valid UTF-8 full of control characters is a syntax error.
    assert!(matches!(
        file::parse_bytes(&[0, 1, 2, 3, b'(', 0x7f]),
        Err(FormatError::Syntax { .. })
    ));
}

#[test]
fn a_byte_order_mark_is_ignored() {
    // Windows editors may start a UTF-8 file with a byte-order mark.
    let text = format!("\u{feff}{}", sample_text());
    assert_eq!(file::parse(&text).unwrap(), sample());
    assert_eq!(file::parse_bytes(text.as_bytes()).unwrap(), sample());
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    let limit = file::MAX_FILE_BYTES;
    // A sparse file: its size is over the limit but it takes no disk space, and load()
    // must refuse it from its size alone.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    let f = fs::File::create(&path).unwrap();
    f.set_len(limit + 1).unwrap();
    drop(f);
    let started = std::time::Instant::now();
    let err = file::load(&path).unwrap_err();
    assert!(
        matches!(
            err,
            LoadError::Format { error: FormatError::TooLarge { size, limit: l }, .. }
                if size == limit + 1 && l == limit
        ),
        "{err:?}"
    );
    assert!(started.elapsed().as_secs() < 5, "load read the whole file");
    assert!(err.to_string().contains("more than the"), "{err}");
    // Text in memory is checked the same way.
    let text = " ".repeat(limit as usize + 1);
    assert!(matches!(
        file::parse(&text),
        Err(FormatError::TooLarge { .. })
    ));
    assert!(matches!(
        file::parse_bytes(text.as_bytes()),
        Err(FormatError::TooLarge { .. })
    ));
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let deep = "(".repeat(10_000);
    assert_eq!(
        file::parse(&deep).unwrap_err(),
        FormatError::TooDeep {
            line: 1,
            column: file::MAX_NESTING + 1,
            limit: file::MAX_NESTING
        }
    );
    // Deep nesting in the middle of a plausible file is found at its line.
    let text = format!(
        "(\n    format_version: 1,\n    project: (name: {}\n",
        "[".repeat(10_000)
    );
    match file::parse(&text) {
        Err(FormatError::TooDeep { line, .. }) => assert_eq!(line, 3),
        other => panic!("{other:?}"),
    }
    // Brackets inside strings and comments are text, not nesting.
    let quoted = sample_text().replace(
        "Each body works alone",
        &format!("{} // {}", "(".repeat(200), "[".repeat(200)),
    );
    assert!(file::parse(&quoted).is_ok());
    let commented = format!(
        "// {}\n/* {} */\n{}",
        "(".repeat(200),
        "{".repeat(200),
        sample_text()
    );
    assert!(file::parse(&commented).is_ok());
    // Whatever slips past the bracket count still ends in an error, not a crash.
    for sneaky in [
        format!("(format_version: 1, project: '\"' {}", "(".repeat(10_000)),
        format!("/* \" */ {}", "(".repeat(10_000)),
        format!(
            "(format_version: 1, project: Some({}",
            "Some(".repeat(10_000)
        ),
    ] {
        assert!(file::parse(&sneaky).is_err());
    }
}

#[test]
fn a_profile_with_an_unknown_variant_field_is_refused() {
    // Enum variants with fields (Constant(value, start_year, years, growth)) also refuse
    // unknown fields.
    let text = sample_text().replacen(
        "growth: \"0.02\"",
        "growth: \"0.02\", indexation: \"cpi\"",
        1,
    );
    let (_, _, message) = syntax_error(&text);
    assert!(message.contains("indexation"), "{message}");
    // And the sample really has that profile.
    let p = sample();
    assert!(matches!(
        &p.partnerships[0].costs[0].detail,
        partnership_appraisal::model::CostDetail::StaffTime(s)
            if matches!(s.hours, Profile::Constant { years: 5, .. })
    ));
}

/// Issue 16: a large file is read on two threads, and that gives exactly the project
/// reading it whole on one thread gives (scale and all).
#[test]
fn a_large_file_read_on_two_threads_is_the_project_one_thread_reads() {
    let project = partnership_appraisal::generate::project(260, 21);
    let text = file::to_ron(&project).unwrap();
    assert!(
        text.len() >= file::PARALLEL_FROM_BYTES,
        "{} bytes",
        text.len()
    );
    let pieces = file::parse_in_pieces(&text).expect("a file the app wrote is read in pieces");
    let whole = file::parse_on_one_thread(&text).unwrap();
    assert_eq!(format!("{pieces:?}"), format!("{whole:?}"));
    assert_eq!(pieces, project);
    let parsed = file::parse(&text).unwrap();
    assert_eq!(file::to_ron(&parsed).unwrap(), text);
    // Laid out otherwise (a partnership written with its type's name), it is read whole,
    // to the same project.
    let named = text.replacen(
        "partnerships: [\n            (",
        "partnerships: [Partnership(",
        1,
    );
    assert_ne!(named, text);
    assert!(file::parse_in_pieces(&named).is_none());
    assert_eq!(file::parse(&named).unwrap(), project);
    // Comments between partnerships are read as the one-thread parse reads them.
    let marker = "\n            (\n                name:";
    let at = text.rfind(marker).unwrap();
    let commented = format!("{}\n// a note{}", &text[..at], &text[at..]);
    assert_eq!(file::parse(&commented).unwrap(), project);
}

/// Issue 16: a broken large file gives the error, line and column of the one-thread
/// parse, wherever the fault is: in either half, where the halves meet, or in the rest.
#[test]
fn a_broken_large_file_gives_the_one_thread_error_wherever_the_fault_is() {
    let text = file::to_ron(&partnership_appraisal::generate::project(260, 22)).unwrap();
    let line_start_after = |fraction: f64| {
        let at = (text.len() as f64 * fraction) as usize;
        text[at..].find('\n').map_or(text.len(), |i| at + i + 1)
    };
    // What is wrong, the text, and whether the one-thread parse must refuse it (a missing
    // line may be an optional field or a list item, which reads without it).
    let mut broken: Vec<(String, String, bool)> = Vec::new();
    for fraction in [0.05, 0.3, 0.49, 0.5, 0.51, 0.52, 0.7, 0.97, 0.999] {
        let at = line_start_after(fraction);
        broken.push((
            format!("a stray character at {fraction}"),
            format!("{}@{}", &text[..at], &text[at..]),
            true,
        ));
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        broken.push((
            format!("a line missing at {fraction}"),
            format!("{}{}", &text[..at], &text[line_end..]),
            false,
        ));
    }
    broken.push((
        "an unknown cost type".into(),
        text.replacen("cost_type: InKind", "cost_type: Bogus", 1),
        true,
    ));
    let last = text.rfind("cost_type: InKind").unwrap();
    broken.push((
        "an unknown cost type near the end".into(),
        format!(
            "{}cost_type: Bogus{}",
            &text[..last],
            &text[last + "cost_type: InKind".len()..]
        ),
        true,
    ));
    broken.push((
        "the last bracket missing".into(),
        text.trim_end().trim_end_matches(')').to_owned(),
        true,
    ));
    broken.push((
        "an unknown field after the partnerships".into(),
        text.replacen("        unit_values:", "        unit_valuez:", 1),
        true,
    ));
    broken.push((
        "the partnerships twice".into(),
        text.replacen(
            "        unit_values:",
            "        partnerships: [],\n        unit_values:",
            1,
        ),
        true,
    ));
    for (what, text, must_fail) in &broken {
        let one = file::parse_on_one_thread(text);
        assert!(one.is_err() || !must_fail, "{what}: the fault is found");
        assert_eq!(file::parse(text), one, "{what}");
    }
}

/// Issue 16: a large file is loaded without its indentation and in pieces; that is
/// exactly the project, and exactly the error, of loading it as it stands on one thread,
/// spaces inside strings (at the start of a line of a long text) included.
#[test]
fn a_large_file_loaded_lean_is_the_project_and_the_error_of_the_whole_load() {
    let dir = tempfile::tempdir().unwrap();
    let mut project = partnership_appraisal::generate::project(260, 23);
    project.partnerships[100].purpose =
        "First line\n    indented second line\n\n  and a third".into();
    project.description = "Spaces\n        kept".into();
    let text = file::to_ron(&project).unwrap();
    assert!(text.len() >= file::PARALLEL_FROM_BYTES);
    let path = dir.path().join("large.ron");
    fs::write(&path, &text).unwrap();
    let loaded = file::load(&path).unwrap();
    assert_eq!(loaded, project);
    assert_eq!(file::to_ron(&loaded).unwrap(), text);

    let cases = [
        ("as written", text.clone()),
        ("with a byte-order mark", format!("\u{feff}{text}")),
        (
            "with a comment",
            text.replacen("\n        partners:", "\n  // a note\n        partners:", 1),
        ),
        ("a stray character", {
            let at = text.len() * 2 / 3;
            let at = at + text[at..].find('\n').unwrap() + 1;
            format!("{}@{}", &text[..at], &text[at..])
        }),
        (
            "an unknown field",
            text.replacen("cost_type: InKind", "cost_kind: InKind", 1),
        ),
        ("cut short", text[..text.len() - 10].to_owned()),
        (
            "a text laid out as partnerships are",
            text.replacen(
                "purpose: \"",
                "purpose: \"),\n            (\n                name: \\\"[x]\\\",\n",
                140,
            ),
        ),
        (
            "multi-byte characters throughout",
            text.replace("Partnership", "Partenariat é ✓ 🤝"),
        ),
        (
            "a newer format",
            text.replacen("format_version: 2", "format_version: 3", 1),
        ),
        (
            "format 1",
            text.replacen("format_version: 2", "format_version: 1", 1),
        ),
        ("a fault in a middle partnership", {
            let at = text.len() / 2;
            let at = at + text[at..].find("cost_type: Revenue").unwrap();
            format!("{}cost_type: Revenu{}", &text[..at], &text[at + 18..])
        }),
        ("no partnerships", {
            let mut empty = project.clone();
            empty.partnerships.clear();
            file::to_ron(&empty).unwrap()
        }),
    ];
    for (what, text) in cases {
        fs::write(&path, &text).unwrap();
        let whole = file::load_on_one_thread(&path).map_err(|e| e.to_string());
        let lean = file::load(&path).map_err(|e| e.to_string());
        assert_eq!(lean, whole, "{what}");
        // The partnerships handed out to be parsed as the file is read, in runs of
        // every size from one block's worth to a few partnerships.
        for run in [1, 50_000, 700_000] {
            let runs = file::load_in_runs_of(&path, run).map_err(|e| e.to_string());
            assert_eq!(runs, whole, "{what}, runs of {run} bytes");
        }
    }
}
