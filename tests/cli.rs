//! The headless commands, run as the built binary on small projects in a temporary folder.

mod common;

use common::{PARTNERS, load, project, settings, undiscounted};
use partnership_appraisal::{appraisal, format};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::str::FromStr;

const BIN: &str = env!("CARGO_BIN_EXE_partnership-appraisal");

/// The worked example of tests/engine.rs, undiscounted over 3 years:
/// PVC 60,000 (Council 50,000, NHS 10,000); PVB fiscal 70,000 (Council 60,000 with 30,000
/// cashable, NHS 10,000), economic 5,000 to no one, social 2,000 to residents; net value
/// 17,000; BCR 77/60 = 1.2833; fiscal ROI 70/60 = 1.1667; cashable ROI 0.5; net budget
/// impact 10,000; payback (3 − 1) + 20,000 / 37,000 = 2.54 years.
fn worked_example(settings: &str) -> String {
    project(
        settings,
        &format!(
            r#"{PARTNERS}
            partnerships: [(name: "Joint working", status: Active, funding: AlignedBudget,
                costs: [
                    (name: "Team", cost_type: Revenue, optimism: Direct("0"),
                     detail: Other((category: SupportTeam, partner: "Council", amounts: PerYear(["50000"])))),
                    (name: "Clinics", cost_type: Revenue, optimism: Direct("0"),
                     detail: Other((category: Other, partner: "NHS", amounts: PerYear(["10000"])))),
                ],
                benefits: [
                    (name: "Fewer evictions", benefit_type: Fiscal, partner: Some("Council"),
                     cashable_share: "0.5", optimism: Direct("0"),
                     detail: Direct(PerYear(["0", "30000", "30000"]))),
                    (name: "Fewer A&E visits", benefit_type: Fiscal, partner: Some("NHS"),
                     optimism: Direct("0"), detail: Direct(PerYear(["0", "10000"]))),
                    (name: "Earnings", benefit_type: Economic, optimism: Direct("0"),
                     detail: Direct(PerYear(["0", "0", "5000"]))),
                    (name: "Wellbeing", benefit_type: Social, partner: Some("Residents"),
                     optimism: Direct("0"), detail: Direct(PerYear(["0", "0", "2000"]))),
                ])],"#
        ),
    )
}

struct Folder {
    dir: tempfile::TempDir,
}

impl Folder {
    fn new() -> Self {
        Folder {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, contents).unwrap();
        path
    }
}

fn run(args: &[&str], file: &Path) -> Output {
    Command::new(BIN)
        .args(args)
        .arg(file)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

fn decimal(v: &Value) -> Decimal {
    match v {
        Value::String(s) => Decimal::from_str(s).unwrap_or_else(|_| panic!("not a number: {s}")),
        Value::Number(n) => Decimal::from_str(&n.to_string()).unwrap(),
        other => panic!("not a number: {other}"),
    }
}

#[test]
fn appraise_prints_a_table_with_the_worked_numbers() {
    let folder = Folder::new();
    let path = folder.write("example.ron", worked_example(&undiscounted(3)));
    let out = run(&["appraise"], &path);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let table = stdout(&out);
    for expected in [
        "Test project",
        "Discounting: custom flat rate 0%",
        "Year 0: year 0 undiscounted (Green Book)",
        "Price base year: 2026/27",
        "£60,000.00",
        "£77,000.00",
        "£17,000.00",
        "1.2833",
        "1.1667",
        "2.54 years",
        "Who pays and who benefits: Joint working",
    ] {
        assert!(
            table.contains(expected),
            "missing {expected:?} in:\n{table}"
        );
    }
    // The Council's row: costs 50,000, fiscal 60,000, net +10,000, own return 1.2000.
    let council = table
        .lines()
        .find(|l| l.starts_with("Council"))
        .expect("a Council row");
    for cell in ["£50,000.00", "£60,000.00", "£10,000.00", "1.2000"] {
        assert!(council.contains(cell), "{council}");
    }
    assert!(!table.contains("NEGATIVE"));
}

#[test]
fn appraise_flags_a_negative_partnership_in_the_table() {
    // Swap costs and benefits: £60,000 of costs stay, the Council's saving is cut to £3,000.
    let text =
        worked_example(&undiscounted(3)).replace(r#"["0", "30000", "30000"]"#, r#"["0", "3000"]"#);
    let folder = Folder::new();
    let path = folder.write("negative.ron", text);
    let out = run(&["appraise"], &path);
    assert_eq!(out.status.code(), Some(0));
    let table = stdout(&out);
    // PVB 3,000 + 10,000 + 5,000 + 2,000 = 20,000; net value −40,000.
    assert!(table.contains("(£40,000.00)"), "{table}");
    assert!(table.contains("NEGATIVE: consider scaling down"), "{table}");
    assert!(table.contains("never"), "{table}");
}

#[test]
fn appraise_json_parses_and_matches_the_engine() {
    let folder = Folder::new();
    // Standard discounting, so the numbers have many digits to round.
    let text = worked_example(&settings(10, "Standard", "GreenBook"));
    let path = folder.write("example.ron", &text);
    let out = run(&["appraise", "--format", "json"], &path);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");

    let project = load(&text);
    let a = appraisal::appraise(&project);
    let m = &a.partnerships[0].measures;
    let jm = &json["partnerships"][0]["measures"];
    assert_eq!(json["project"], "Test project");
    assert_eq!(json["partnerships"][0]["name"], "Joint working");
    for (key, value) in [
        ("pvc", m.pvc),
        ("pvb_fiscal", m.pvb.fiscal),
        ("pvb_economic", m.pvb.economic),
        ("pvb_social", m.pvb.social),
        ("pvb_total", m.pvb_total),
        ("net_value", m.net_value),
        ("net_budget_impact", m.net_budget_impact),
    ] {
        assert_eq!(decimal(&jm[key]), format::round(value, 2), "{key}");
    }
    for (key, value) in [
        ("bcr", m.bcr),
        ("fiscal_roi", m.fiscal_roi),
        ("fiscal_roi_cashable", m.fiscal_roi_cashable),
        ("public_value_roi", m.public_value_roi),
    ] {
        assert_eq!(decimal(&jm[key]), format::round(value.unwrap(), 4), "{key}");
    }
    // Independently: costs are in year 0, so PVC is exactly 60,000 under the Green Book
    // convention; the Council's benefits are 30,000 × (1/1.035 + 1/1.035²) = 56,990.83.
    assert_eq!(decimal(&jm["pvc"]), dec!(60000));
    let council = json["partnerships"][0]["partners"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["partner"] == "Council")
        .expect("a Council row");
    assert_eq!(decimal(&council["pv_fiscal"]), dec!(56990.83));
    assert_eq!(decimal(&council["pv_costs"]), dec!(50000));
    // Payback is a number of years, or null for never.
    match m.payback {
        appraisal::Payback::Years(y) => {
            assert_eq!(decimal(&jm["payback_years"]), format::round(y, 2))
        }
        appraisal::Payback::Never => assert!(jm["payback_years"].is_null()),
    }
    assert_eq!(json["portfolio"]["ranking"][0], "Joint working");
    assert_eq!(
        decimal(&json["portfolio"]["measures"]["net_value"]),
        format::round(a.portfolio.measures.net_value, 2)
    );
    assert_eq!(json["diagnostics"].as_array().map(Vec::len), Some(0));
    let conventions = json["conventions"].as_array().unwrap();
    assert!(
        conventions.iter().any(
            |c| c["name"] == "Discounting" && c["value"].as_str().unwrap().contains("standard")
        )
    );
}

#[test]
fn appraise_json_writes_null_ratios_when_there_are_no_costs() {
    let text = worked_example(&undiscounted(3))
        .replace(r#"PerYear(["50000"])"#, r#"PerYear([])"#)
        .replace(r#"PerYear(["10000"])"#, r#"PerYear([])"#);
    let folder = Folder::new();
    let path = folder.write("free.ron", text);
    let out = run(&["appraise", "--format", "json"], &path);
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let jm = &json["partnerships"][0]["measures"];
    assert_eq!(decimal(&jm["pvc"]), dec!(0));
    assert!(jm["bcr"].is_null());
    assert!(jm["fiscal_roi"].is_null());
}

#[test]
fn appraise_csv_has_a_row_per_partnership_partner_and_the_portfolio() {
    let folder = Folder::new();
    let path = folder.write("example.ron", worked_example(&undiscounted(3)));
    let out = run(&["appraise", "--format", "csv"], &path);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let csv = stdout(&out);
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert!(rows.iter().all(|r| r.len() == header.len()), "{csv}");
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    let row = |partnership: &str, partner: &str| {
        rows.iter()
            .find(|r| r[0] == partnership && r[1] == partner)
            .unwrap_or_else(|| panic!("no row {partnership}/{partner} in\n{csv}"))
    };
    let num = |r: &Vec<&str>, name: &str| Decimal::from_str(r[col(name)]).unwrap();
    let total = row("Joint working", "");
    assert_eq!(num(total, "pv_costs"), dec!(60000));
    assert_eq!(num(total, "pv_fiscal"), dec!(70000));
    assert_eq!(num(total, "pv_economic"), dec!(5000));
    assert_eq!(num(total, "pv_social"), dec!(2000));
    assert_eq!(num(total, "pv_benefits"), dec!(77000));
    assert_eq!(num(total, "net_value"), dec!(17000));
    assert_eq!(num(total, "net_budget_impact"), dec!(10000));
    assert_eq!(num(total, "bcr"), dec!(1.2833));
    assert_eq!(num(total, "fiscal_roi"), dec!(1.1667));
    assert_eq!(num(total, "payback_years"), dec!(2.54));
    let council = row("Joint working", "Council");
    assert_eq!(num(council, "pv_costs"), dec!(50000));
    assert_eq!(num(council, "pv_fiscal"), dec!(60000));
    assert_eq!(num(council, "net_value"), dec!(10000));
    assert_eq!(num(council, "fiscal_roi"), dec!(1.2));
    let residents = row("Portfolio", "Residents");
    assert_eq!(num(residents, "net_value"), dec!(2000));
    assert_eq!(residents[col("fiscal_roi")], "");
    assert_eq!(num(row("Portfolio", ""), "net_value"), dec!(17000));
}

#[test]
fn csv_quotes_names_with_commas_and_quotes() {
    let text = worked_example(&undiscounted(3)).replace(
        r#"name: "Joint working""#,
        r#"name: "Health, care and \"housing\"""#,
    );
    let folder = Folder::new();
    let path = folder.write("quoted.ron", text);
    let csv = stdout(&run(&["appraise", "--format", "csv"], &path));
    assert!(
        csv.lines()
            .any(|l| l.starts_with(r#""Health, care and ""housing""",,60000"#)),
        "{csv}"
    );
}

#[test]
fn validate_exits_0_on_a_clean_file() {
    let folder = Folder::new();
    let path = folder.write(
        "clean.ron",
        worked_example(&settings(10, "Standard", "GreenBook")),
    );
    let out = run(&["validate"], &path);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let text = stdout(&out);
    assert!(text.starts_with("0 errors, 0 warnings: "), "{text}");
    assert!(text.trim_end().ends_with(&path.display().to_string()));
}

#[test]
fn validate_exits_1_and_lists_the_errors() {
    // A fiscal benefit naming no partner, and a deadweight of 120%.
    let text = worked_example(&undiscounted(3))
        .replace(r#"partner: Some("NHS"),"#, "")
        .replace(
            r#"(name: "Earnings", benefit_type: Economic, optimism: Direct("0"),
                     detail: Direct(PerYear(["0", "0", "5000"]))),"#,
            r#"(name: "Earnings", benefit_type: Economic, optimism: Direct("0"),
                     detail: Outcome((cohort: PerYear(["1"]), engagement_rate: "1", success_rate: "1",
                        unit_value: Typed(value: "10", price_year: 2026),
                        deadweight: "1.2", displacement: "0", attribution: "0",
                        lag_years: 0, duration_years: 1, drop_off: "0"))),"#,
        );
    assert!(text.contains("deadweight: \"1.2\""));
    let folder = Folder::new();
    let path = folder.write("faulty.ron", text);
    let out = run(&["validate"], &path);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let report = stdout(&out);
    assert!(
        report.contains(
            "error: Joint working, benefit 'Fewer A&E visits', Partner: a fiscal benefit must name"
        ),
        "{report}"
    );
    assert!(report.contains("Deadweight: is 120%"), "{report}");
    assert!(report.contains("2 errors, 0 warnings"), "{report}");
    // appraise still runs, leaves the two lines out and says so first, with status 3.
    let out = run(&["appraise"], &path);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stdout(&out)
            .starts_with("INCOMPLETE: these results are incomplete (2 lines left out, 2 errors)")
    );
    assert!(stdout(&out).contains("2 problems; run `validate` for the list."));
}

#[test]
fn an_unreadable_file_exits_2_with_a_clear_message() {
    let folder = Folder::new();
    let missing = folder.dir.path().join("missing.ron");
    for command in ["validate", "appraise"] {
        let out = run(&[command], &missing);
        assert_eq!(out.status.code(), Some(2), "{command}");
        let message = stderr(&out);
        assert!(
            message.starts_with("error: could not open the project: cannot read the file"),
            "{message}"
        );
        assert!(
            message.trim_end().ends_with(&missing.display().to_string()),
            "{message}"
        );
        assert!(stdout(&out).is_empty());
    }
    // Not text, not RON, from a newer version: each says what is wrong.
    let binary = folder.write("binary.ron", [0xff_u8, 0xfe, 0x00, 0x01]);
    let out = run(&["validate"], &binary);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not a text file"), "{}", stderr(&out));

    let text = worked_example(&undiscounted(3)).replace("horizon_years: 3", "horizon_years: three");
    let line = text[..text.find("three").unwrap()].matches('\n').count() + 1;
    let broken = folder.write("broken.ron", text);
    let out = run(&["validate"], &broken);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(&format!("line {line}, column")),
        "{}",
        stderr(&out)
    );

    let newer = folder.write(
        "newer.ron",
        worked_example(&undiscounted(3)).replace("format_version: 1", "format_version: 9"),
    );
    let out = run(&["appraise", "--format", "json"], &newer);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("newer version"), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
}

#[test]
fn commands_do_not_panic_on_values_beyond_range() {
    // Rates of 1e27 and a first year of i32::MAX (written in a file by hand) are errors for
    // validate() to report, but printing them (rate × 100 as a percentage, the year after
    // as "/48") overflows. The commands must report them, not panic (exit status 101).
    let huge = "1000000000000000000000000000";
    let folder = Folder::new();
    for (what, text) in [
        (
            "custom discount rate",
            worked_example(&settings(3, &format!(r#"Custom("{huge}")"#), "GreenBook")),
        ),
        (
            "employer NI rate",
            worked_example(&undiscounted(3)).replace(
                r#"employer_ni_rate: "0.15""#,
                &format!(r#"employer_ni_rate: "{huge}""#),
            ),
        ),
        (
            // The last year an i32 holds: "2147483647/48" needs the next year's number.
            "first year",
            worked_example(&undiscounted(3)).replace("first_year: 2026", "first_year: 2147483647"),
        ),
    ] {
        let path = folder.write("extreme.ron", text);
        for args in [
            &["validate"][..],
            &["appraise"],
            &["appraise", "--format", "json"],
        ] {
            let out = run(args, &path);
            assert_ne!(
                out.status.code(),
                Some(101),
                "{args:?} panicked on a {what} of {huge}:\n{}",
                stderr(&out)
            );
            assert!(
                !stderr(&out).contains("panicked"),
                "{args:?}, {what}: {}",
                stderr(&out)
            );
        }
    }
}
