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

/// The worked example of tests/engine/results.rs, undiscounted over 3 years:
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
    // Residents' 2,000 is social value received, not a saving to their budget.
    let residents = row("Joint working", "Residents");
    assert_eq!(num(residents, "pv_social"), dec!(2000));
    assert_eq!(num(residents, "pv_fiscal"), dec!(0));
    assert_eq!(num(residents, "net_budget_impact"), dec!(0));
    // The 5,000 of earnings to no one is on the wider-society row, which has no budget;
    // with it, the partner rows add up to the partnership's 17,000.
    let society = row("Joint working", "Wider society (not a partner)");
    assert_eq!(num(society, "pv_economic"), dec!(5000));
    assert_eq!(num(society, "pv_costs"), dec!(0));
    assert_eq!(society[col("net_budget_impact")], "");
    let net: Decimal = rows
        .iter()
        .filter(|r| r[0] == "Joint working" && !r[1].is_empty())
        .map(|r| num(r, "net_value"))
        .sum();
    assert_eq!(net, dec!(17000));
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

/// The examples in saves/, for the checks that walk whole outputs.
fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 3, "the examples are there");
    paths
}

/// The JSON of `appraise` and `simulate` for an example.
fn json_outputs(path: &Path) -> Vec<(String, Value)> {
    [
        &["appraise", "--format", "json"][..],
        &["appraise", "--format", "json", "--analysis"],
        &["simulate", "--format", "json", "--draws", "500"],
    ]
    .iter()
    .map(|args| {
        let out = run(args, path);
        // A project with errors exits 3 (incomplete results), but still writes its JSON.
        assert!(
            matches!(out.status.code(), Some(0 | 3)),
            "{args:?}: {}",
            stderr(&out)
        );
        let json = serde_json::from_str(&stdout(&out)).expect("valid JSON");
        (format!("{} {}", args[0], path.display()), json)
    })
    .collect()
}

/// Keys whose string values are text, not numbers.
const TEXT_KEYS: [&str; 59] = [
    "deflated_lines",
    // Actuals against plan: the rule in words, the baseline's name, what the variance
    // is against, the years and whether a line is a cost or a benefit.
    "rule",
    "baseline",
    "variance_against",
    "passed_to",
    "year",
    "side",
    "input",
    "location",
    "project",
    "name",
    "value",
    "status",
    "funding",
    "partner",
    "partnership",
    "line",
    "host",
    "risk_share",
    "severity",
    "context",
    "field",
    "message",
    "summary",
    "lead_partner",
    "accountable_body",
    "lead_officer",
    "legal_basis",
    "start",
    "end_or_break",
    "next_review",
    "strategic_risk",
    "reasons",
    "area",
    "evidence",
    "description",
    "rating",
    "owner",
    "mitigation",
    "date",
    "reviewer",
    "value_for_money",
    "performance",
    "governance",
    "risk",
    "decision",
    "reason",
    "due",
    "priorities",
    "priority",
    "objective",
    "rating_rule",
    "unit",
    "direction",
    "measured",
    "year",
    "source",
    "note",
    "lines",
];
/// Keys of ratios, factors and probabilities: 4 places. Every other number is money
/// (or years, as payback is): 2 places.
const RATIO_KEYS: [&str; 10] = [
    "sroi_ratio",
    "net_value_factor",
    "fiscal_return_factor",
    "sensitivity_range",
    "bcr",
    "fiscal_roi",
    "fiscal_roi_cashable",
    "public_value_roi",
    "share",
    "probability_positive",
];

/// Keys of an indicator's numbers, written as entered (up to 6 places) or worked from
/// them exactly (a tolerance, 5% of a target: up to 8), and hours a year as entered.
const INDICATOR_KEYS: [&str; 5] = [
    "target",
    "actual",
    "shortfall",
    "tolerance",
    "hours_per_year",
];

/// Walks a JSON value, checking every number; `key` is the nearest enclosing key.
fn check_numbers(what: &str, key: &str, v: &Value, checked: &mut usize) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                check_numbers(what, k, x, checked);
            }
        }
        Value::Array(items) => {
            for x in items {
                check_numbers(what, key, x, checked);
            }
        }
        Value::Number(n) => {
            assert!(
                n.is_u64(),
                "{what}: {key} = {n} is a bare number that is not a count"
            );
        }
        Value::String(s) if key == "ranking" || TEXT_KEYS.contains(&key) => {
            let _ = s;
        }
        Value::String(s) => {
            let d = Decimal::from_str(s)
                .unwrap_or_else(|_| panic!("{what}: {key} = {s:?} is not a number"));
            let places = if RATIO_KEYS.contains(&key) {
                4
            } else if INDICATOR_KEYS.contains(&key) {
                8
            } else {
                2
            };
            assert!(
                d.scale() <= places,
                "{what}: {key} = {s} has more than {places} decimal places"
            );
            *checked += 1;
        }
        Value::Null | Value::Bool(_) => {}
    }
}

#[test]
fn every_json_number_of_every_example_is_rounded_to_reporting_precision() {
    // Before this, `simulate --format json` wrote 28 decimals ("991764.3353935812318540334552")
    // and the `pools` block of `appraise` 23 ("362000.00000000000000000000000").
    for path in examples() {
        for (what, json) in json_outputs(&path) {
            let mut checked = 0;
            check_numbers(&what, "", &json, &mut checked);
            assert!(checked > 3, "{what}: only {checked} numbers found");
        }
    }
    // The pools block is there to check: the borough example has a pooled fund.
    let borough = examples()
        .into_iter()
        .find(|p| p.ends_with("borough-portfolio.ron"))
        .unwrap();
    let (_, json) = &json_outputs(&borough)[0];
    let pools = json["partnerships"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["pools"].as_array().unwrap().clone())
        .count();
    assert!(pools > 0, "the borough example has a pooled fund");
}

fn keys(v: &Value, out: &mut std::collections::BTreeSet<String>) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                out.insert(k.clone());
                keys(x, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|x| keys(x, out)),
        _ => {}
    }
}

#[test]
fn every_json_key_is_described_in_docs_json_md() {
    let docs = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/JSON.md"))
        .unwrap();
    // The words of the inline code outside the example blocks: `pvc`, `measures.pvc`.
    let prose: String = docs
        .split("```")
        .enumerate()
        .filter(|(i, _)| i % 2 == 0)
        .map(|(_, s)| s)
        .collect();
    let described: std::collections::BTreeSet<&str> = prose
        .split('`')
        .skip(1)
        .step_by(2)
        .flat_map(|code| code.split(|c: char| !(c.is_alphanumeric() || c == '_')))
        .filter(|w| !w.is_empty())
        .collect();
    let mut found = std::collections::BTreeSet::new();
    for path in examples() {
        for (_, json) in json_outputs(&path) {
            keys(&json, &mut found);
        }
    }
    // An example with a diagnostic, so its keys are seen too.
    let folder = Folder::new();
    let warned = folder.write(
        "warned.ron",
        worked_example(&undiscounted(3)).replace(r#"partner: Some("NHS")"#, "partner: None"),
    );
    for (_, json) in json_outputs(&warned) {
        keys(&json, &mut found);
    }
    assert!(found.contains("severity"), "a diagnostic was seen");
    let missing: Vec<&String> = found
        .iter()
        .filter(|k| !described.contains(k.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/JSON.md does not describe {missing:?}"
    );
}

#[test]
fn simulate_says_there_is_nothing_to_simulate_when_no_input_has_a_range() {
    let folder = Folder::new();
    let path = folder.write("example.ron", worked_example(&undiscounted(3)));
    let out = run(&["simulate", "--draws", "1000"], &path);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains(appraisal::uncertainty::NOTHING_TO_SIMULATE),
        "{text}"
    );
    assert!(!text.contains('%'), "no probability is shown:\n{text}");
    assert!(!text.to_lowercase().contains("probab"), "{text}");
    // The net value of the worked example is 17,000 in every draw.
    assert!(text.contains("£17,000.00"), "{text}");

    let out = run(&["simulate", "--format", "json", "--draws", "1000"], &path);
    let json: Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    let sim = &json[0]["simulation"];
    assert_eq!(json[0]["partnership"], "Joint working");
    assert_eq!(sim["varying_inputs"], 0);
    assert_eq!(sim["draws"], 1000);
    assert!(sim["probability_positive"].is_null());
    assert_eq!(sim["summary"], appraisal::uncertainty::NOTHING_TO_SIMULATE);
    for p in sim["partners"].as_array().unwrap() {
        assert!(p["probability_positive"].is_null(), "{p}");
    }
}

#[test]
fn simulate_states_draws_and_varying_inputs_beside_every_probability() {
    // The Council's £50,000 team cost (year 0) may run from 50% to 150% of it: one input
    // varies. Net value = 77,000 − 10,000 − 50,000 m, above zero when m < 1.34; for m
    // triangular(0.5, 1, 1.5), P(m > 1.34) = (1.5 − 1.34)² / (1 × 0.5) = 0.0512, so
    // benefits exceed costs in about 94.88% of draws.
    let text = worked_example(&undiscounted(3)).replace(
        r#"amounts: PerYear(["50000"])))),"#,
        r#"amounts: PerYear(["50000"]))), range: Some(Triangular(low: "0.5", likely: "1", high: "1.5"))),"#,
    );
    let folder = Folder::new();
    let path = folder.write("ranged.ron", &text);
    let out = run(&["simulate", "--draws", "2000", "--seed", "7"], &path);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let table = stdout(&out);
    let project = load(&text);
    let sim = appraisal::uncertainty::simulate(&project, 0, 2000, 7, &mut |_| true).unwrap();
    assert_eq!(sim.varying_inputs, 1);
    let p = sim.probability_positive.unwrap();
    assert!((p - dec!(0.9488)).abs() < dec!(0.02), "{p}");
    let chance = format::percent(format::round(sim.probability_positive.unwrap(), 4));
    let headline =
        format!("Benefits exceed costs in {chance} of 2,000 draws, with 1 input varying");
    assert!(
        table.contains(&headline),
        "{headline:?} missing from:\n{table}"
    );
    assert!(
        table.contains(
            "Each partner's chance of gaining, in the same 2,000 draws, with 1 input varying"
        ),
        "{table}"
    );

    let out = run(
        &[
            "simulate", "--format", "json", "--draws", "2000", "--seed", "7",
        ],
        &path,
    );
    let json: Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    let s = &json[0]["simulation"];
    assert_eq!(s["varying_inputs"], 1);
    assert_eq!(s["summary"], headline.as_str());
    assert_eq!(
        decimal(&s["probability_positive"]),
        format::round(sim.probability_positive.unwrap(), 4)
    );
    assert_eq!(decimal(&s["mean"]), format::round(sim.mean, 2));
}

/// `appraise --format json` writes the report as it serialises it (so the whole text is
/// never held at once, docs/PERFORMANCE.md): the bytes are those of the report made
/// whole and pretty-printed, then a newline, for every example, with and without the
/// analysis tables (their partnerships made one by one, in turn).
#[test]
fn appraise_json_is_written_as_it_is_serialised_with_the_same_bytes() {
    use partnership_appraisal::report::Report;
    for path in examples() {
        let project = load(&std::fs::read_to_string(&path).unwrap());
        let result = appraisal::appraise(&project);
        let problems = appraisal::problems(&project, &result);
        let report = Report::new(&project, &result, problems.clone());
        let plain = serde_json::to_string_pretty(&report).unwrap() + "\n";
        let (mut report, mut partnerships) = Report::outline(&project, &result, problems);
        partnerships.add_analysis();
        report.partnerships = (0..partnerships.len())
            .map(|i| partnerships.make(i))
            .collect();
        let analysed = serde_json::to_string_pretty(&report).unwrap() + "\n";
        for (args, expected) in [
            (&["appraise", "--format", "json"][..], plain),
            (
                &["appraise", "--format", "json", "--analysis"][..],
                analysed,
            ),
        ] {
            let out = run(args, &path);
            assert!(
                out.stdout == expected.as_bytes(),
                "{} {args:?}: the output differs from the report made whole",
                path.display()
            );
        }
    }
}
