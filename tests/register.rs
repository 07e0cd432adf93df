//! The partnership register (file format 2): dates, the lead partner as a reference that
//! renaming and deleting reach, its checks, the significance test, and that nothing in it
//! changes a figure.

mod common;

use common::{PARTNERS, load, project, undiscounted};
use partnership_appraisal::appraisal::{self, AllCompleteness, Location, Severity};
use partnership_appraisal::model::*;
use rust_decimal_macros::dec;

const OTHER: &str = r#"(name: "Analyst", cost_type: Revenue, optimism: Direct("0"),
    detail: Other((category: It, partner: "Police", amounts: PerYear(["300000", "300000"]))))"#;

const SAVING: &str = r#"(name: "Fewer call-outs", benefit_type: Fiscal, partner: Some("Police"),
    optimism: Direct("0"), detail: Direct(PerYear(["5000", "5000"])))"#;

/// Two partnerships: "CSP" with £600,000 of costs undiscounted, "Small" with none.
fn two() -> Project {
    let body = format!(
        r#"{PARTNERS}
        partnerships: [
            (name: "CSP", status: Active, funding: AlignedBudget, members: ["Council", "Police"],
             costs: [{OTHER}], benefits: [{SAVING}]),
            (name: "Small", status: Active, funding: AlignedBudget, members: ["NHS"]),
        ],"#
    );
    load(&project(&undiscounted(2), &body))
}

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn with_register(mut p: Project) -> Project {
    p.partnerships[0].register = Register {
        lead_partner: Some("Police".into()),
        accountable_body: "Borough Council".into(),
        lead_officer: "Head of Community Safety".into(),
        legal_basis: "Crime and Disorder Act 1998, s.5".into(),
        start: Some(date("01/04/2020")),
        end_or_break: Some(date("2031-03-31")),
        next_review: Some(date("2027-03-14")),
        statutory: true,
        strategic_risk: RiskLevel::Medium,
        ..Register::default()
    };
    p.partnerships[1].register.strategic_risk = RiskLevel::High;
    p
}

fn register_errors(p: &Project) -> Vec<String> {
    appraisal::validate(p)
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            assert!(matches!(d.location, Location::Register { .. }), "{d:?}");
            format!("{}: {} {}", d.context, d.field, d.message)
        })
        .collect()
}

#[test]
fn register_data_leaves_every_figure_and_mark_identical() {
    let plain = two();
    let mut filled = with_register(two());
    filled.significance = SignificanceTest {
        spend_threshold: Some(Money(dec!(1))),
        statutory: false,
        high_risk: true,
    };
    let before = appraisal::appraise(&plain);
    assert_eq!(appraisal::appraise(&filled), before);
    // Even a register with errors: a lead partner that is no partner, an end before the start.
    filled.partnerships[0].register.lead_partner = Some("Nobody".into());
    filled.partnerships[0].register.end_or_break = Some(date("2019-01-01"));
    let after = appraisal::appraise(&filled);
    assert_eq!(after, before);
    let problems = appraisal::problems(&filled, &after);
    assert_eq!(register_errors(&filled).len(), 2);
    let marks = AllCompleteness::new(&after, &problems);
    assert!(marks.portfolio.is_complete(), "{marks:?}");
    assert!(marks.partnership(0).is_complete());
}

#[test]
fn a_lead_partner_that_is_no_partner_and_an_end_before_the_start_are_errors_on_the_register() {
    let mut p = with_register(two());
    assert!(register_errors(&p).is_empty());
    p.partnerships[0].register.lead_partner = Some("Fire".into());
    p.partnerships[0].register.end_or_break = Some(date("31/03/2019"));
    assert_eq!(
        register_errors(&p),
        [
            "CSP: Lead partner partner 'Fire' does not exist",
            "CSP: End or break date 31/03/2019 is before the start date 01/04/2020",
        ]
    );
    // The same day for both is allowed.
    p.partnerships[0].register.end_or_break = p.partnerships[0].register.start;
    p.partnerships[0].register.lead_partner = None;
    assert!(register_errors(&p).is_empty());
}

#[test]
fn renaming_a_partner_renames_the_lead_partner_and_deleting_it_leaves_none() {
    let mut p = with_register(two());
    let police = Named::Partner(p.partners.iter().position(|x| x.name == "Police").unwrap());
    let refs = references_to(&p, &police);
    assert!(
        refs.describe(&p, "Police")
            .contains("'CSP' (2 lines, a member, the lead partner)"),
        "{}",
        refs.describe(&p, "Police")
    );
    let count = refs.sites.len();
    assert_eq!(rename(&mut p, &police, "Constabulary"), Ok(count));
    assert_eq!(
        p.partnerships[0].register.lead_partner.as_deref(),
        Some("Constabulary")
    );
    assert!(register_errors(&p).is_empty());

    let mut moved = p.clone();
    delete_moving_references(&mut moved, &police, "Council").unwrap();
    assert_eq!(
        moved.partnerships[0].register.lead_partner.as_deref(),
        Some("Council")
    );
    delete_with_references(&mut p, &police);
    assert_eq!(p.partnerships[0].register.lead_partner, None);
    assert_eq!(
        p.partnerships[0].register.legal_basis,
        "Crime and Disorder Act 1998, s.5"
    );
}

#[test]
fn the_significance_test_says_why_each_partnership_is_or_is_not_significant() {
    let p = with_register(two());
    let result = appraisal::appraise(&p);
    let found = appraisal::significance(&p, &result);
    assert_eq!(found.len(), 2);
    assert!(found[0].significant);
    assert_eq!(
        found[0].describe(),
        "Significant: PVC £600,000 is above the £500,000 threshold; statutory; strategic risk is medium"
    );
    assert!(found[1].significant);
    assert_eq!(
        found[1].describe(),
        "Significant: strategic risk is high; PVC £0 is not above the £500,000 threshold; not statutory"
    );

    let mut p = p;
    p.significance = SignificanceTest {
        spend_threshold: Some(Money(dec!(600000))),
        statutory: false,
        high_risk: false,
    };
    let found = appraisal::significance(&p, &result);
    assert!(!found[0].significant);
    assert_eq!(
        found[0].describe(),
        "Not significant: PVC £600,000 is not above the £600,000 threshold"
    );
    p.significance.spend_threshold = None;
    assert_eq!(
        appraisal::significance(&p, &result)[1].describe(),
        "Not significant: the project's significance test applies no test"
    );
}

// ---------------------------------------------------------------------------------
// The file: format version 2, and version 1 files as before.

use partnership_appraisal::{file, report};
use std::path::Path;

fn saves() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    assert!(files.len() >= 3);
    files
}

fn table(project: &Project) -> String {
    let result = appraisal::appraise(project);
    report::table(project, &result, &appraisal::problems(project, &result))
}

/// The project as a version 1 file: without what version 2 added.
fn as_version_1(project: &Project) -> String {
    let mut old = project.clone();
    for ship in &mut old.partnerships {
        ship.register = Register::default();
    }
    old.significance = SignificanceTest::default();
    let text = file::to_ron(&old).unwrap();
    assert!(text.starts_with("(\n    format_version: 2,\n"));
    text.replacen("format_version: 2,", "format_version: 1,", 1)
}

#[test]
fn every_example_as_a_version_1_file_loads_and_appraises_to_its_checked_table() {
    for path in saves() {
        let project = file::load(&path).unwrap();
        let stem = path.file_stem().unwrap().to_string_lossy();
        let golden = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/golden")
            .join(format!("{stem}.txt"));
        let expected = std::fs::read_to_string(&golden).unwrap();
        let old = file::parse(&as_version_1(&project))
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(table(&old), expected, "{} as version 1", path.display());
        assert_eq!(table(&project), expected, "{}", path.display());
        assert_eq!(appraisal::appraise(&old), appraisal::appraise(&project));
    }
}

#[test]
fn a_version_1_file_loads_with_an_empty_register_and_is_saved_as_version_2() {
    let text = project(&undiscounted(2), PARTNERS);
    assert!(text.contains("format_version: 1,"));
    let p = file::parse(&text).unwrap();
    assert_eq!(p.significance, SignificanceTest::default());
    let saved = file::to_ron(&p).unwrap();
    assert!(saved.starts_with("(\n    format_version: 2,\n"), "{saved}");
    assert_eq!(file::parse(&saved).unwrap(), p);
    // The example kept in version 1 shows it too.
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/example.ron");
    let text = std::fs::read_to_string(example).unwrap();
    assert!(text.starts_with("(\n    format_version: 1,\n"));
}

#[test]
fn a_register_saves_its_dates_in_iso_and_loads_back_the_same() {
    let mut p = with_register(two());
    p.significance.spend_threshold = Some(Money(dec!(250000)));
    let text = file::to_ron(&p).unwrap();
    assert!(text.contains("start: Some(\"2020-04-01\"),"), "{text}");
    assert!(text.contains("strategic_risk: Medium,"), "{text}");
    assert!(
        text.contains("spend_threshold: Some(\"250000\"),"),
        "{text}"
    );
    assert_eq!(file::parse(&text).unwrap(), p);
    // A date written in the UK form by hand is read too.
    let uk = text.replace("\"2020-04-01\"", "\"01/04/2020\"");
    assert_eq!(file::parse(&uk).unwrap(), p);
}

#[test]
fn a_date_in_a_file_that_cannot_be_read_is_refused_naming_the_field_and_the_format() {
    let text = file::to_ron(&with_register(two())).unwrap();
    let bad = text.replace("\"2027-03-14\"", "\"2027-02-30\"");
    let message = file::parse(&bad).unwrap_err().to_string();
    assert!(message.contains("next_review"), "{message}");
    assert!(message.contains("no day 30"), "{message}");
    let bad = text.replace("\"2020-04-01\"", "\"April 2020\"");
    let message = file::parse(&bad).unwrap_err().to_string();
    assert!(message.contains("start"), "{message}");
    assert!(message.contains("14/03/2027"), "{message}");
}

#[test]
fn a_version_3_file_is_refused_as_newer() {
    let text = file::to_ron(&with_register(two())).unwrap();
    let newer = text.replacen("format_version: 2,", "format_version: 3,", 1);
    assert_eq!(
        file::parse(&newer),
        Err(file::FormatError::Newer {
            found: 3,
            supported: 2
        })
    );
}
