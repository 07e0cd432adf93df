//! Reviews and decisions (file format 2): what a review lacks is a warning that changes
//! and marks no figure; reviews are kept in the file only when there are some; and
//! `appraise --format json` carries them, with where each partnership stands in the
//! review cycle on the day `--as-of` gives.

mod common;

use common::{PARTNERS, load, project, undiscounted};
use partnership_appraisal::appraisal::{self, AllCompleteness, Location, Severity};
use partnership_appraisal::file;
use partnership_appraisal::model::*;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_partnership-appraisal");

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

/// The borough example without the reviews it ships with, for tests that add their own.
fn borough() -> Project {
    let mut p = shipped();
    for ship in &mut p.partnerships {
        ship.reviews.clear();
    }
    // The baseline keeps the partnerships as approved, reviews and all.
    p.baseline = None;
    p
}

/// The borough example as it ships: a year's reviews in three of its partnerships.
fn shipped() -> Project {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/borough-portfolio.ron");
    file::load(&path).expect("the example loads")
}

/// The example shows a year's review: reviews with ratings, decisions with reasons and
/// actions open and done, and where each partnership stands on a day given.
#[test]
fn the_borough_example_shows_a_year_of_reviews() {
    let p = shipped();
    assert!(
        appraisal::validate(&p).is_empty(),
        "{:#?}",
        appraisal::validate(&p)
    );
    let reviewed: Vec<_> = p
        .partnerships
        .iter()
        .filter(|s| !s.reviews.is_empty())
        .collect();
    assert_eq!(reviewed.len(), 3);
    let decisions: Vec<Decision> = reviewed.iter().map(|s| s.reviews[0].decision).collect();
    assert!(decisions.contains(&Decision::ScaleDown));
    assert!(decisions.contains(&Decision::Improve));
    let actions = reviewed.iter().flat_map(|s| &s.reviews[0].actions);
    let (open, done): (Vec<_>, Vec<_>) = actions.partition(|a| a.status == ActionStatus::Open);
    assert!(!open.is_empty() && !done.is_empty());
    // Its figures are those of the checked table: reviews change no figure.
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/borough-portfolio.txt");
    let result = appraisal::appraise(&p);
    assert_eq!(
        partnership_appraisal::report::table(&p, &result, &appraisal::problems(&p, &result)),
        std::fs::read_to_string(golden).unwrap()
    );
}

/// A review lacking everything validation asks for: no date, no reviewer, exit without a
/// reason, an action with neither owner nor due date.
fn bare_review() -> Review {
    Review {
        decision: Decision::Exit,
        actions: vec![Action::default()],
        ..Review::default()
    }
}

/// A full review: 15/03/2026, scale down, one open action due 31/12/2026, one done.
fn full_review() -> Review {
    Review {
        date: Some(date("15/03/2026")),
        reviewer: "Audit committee".into(),
        value_for_money: Rating::Poor,
        performance: Rating::Adequate,
        governance: Rating::Good,
        risk: Rating::NotRated,
        decision: Decision::ScaleDown,
        reason: "Costs outweigh benefits".into(),
        actions: vec![
            Action {
                description: "Renegotiate the pooled budget".into(),
                owner: "Director of finance".into(),
                due: Some(date("2026-12-31")),
                status: ActionStatus::Open,
            },
            Action {
                description: "Report to the board".into(),
                owner: "Partnership manager".into(),
                due: Some(date("2026-06-30")),
                status: ActionStatus::Done,
            },
        ],
    }
}

#[test]
fn adding_reviews_leaves_the_appraisal_identical_and_marks_nothing_incomplete() {
    let before = borough();
    let appraised = appraisal::appraise(&before);
    let problems = appraisal::problems(&before, &appraised);
    let complete = AllCompleteness::new(&appraised, &problems);

    let mut after = before.clone();
    for p in &mut after.partnerships {
        p.reviews = vec![bare_review(), full_review()];
    }
    let reappraised = appraisal::appraise(&after);
    assert_eq!(reappraised, appraised, "a review changed a figure");
    let found = appraisal::problems(&after, &reappraised);
    assert_eq!(
        AllCompleteness::new(&reappraised, &found),
        complete,
        "a review marked a figure incomplete"
    );
    // Each partnership's bare review is warned of five times, and nothing else is new.
    let reviews: Vec<_> = found
        .iter()
        .filter(|d| matches!(d.location, Location::Review { .. }))
        .collect();
    assert_eq!(reviews.len(), 5 * after.partnerships.len());
    assert!(reviews.iter().all(|d| d.severity == Severity::Warning));
    assert_eq!(found.len() - reviews.len(), problems.len());
    let first = reviews[0];
    assert_eq!(
        first.location,
        Location::Review {
            partnership: 0,
            review: 0
        }
    );
    assert!(first.message.contains("14/03/2027"), "{}", first.message);
}

#[test]
fn reviews_are_saved_and_read_back_and_a_project_without_them_writes_none() {
    let plain = borough();
    let text = file::to_ron(&plain).unwrap();
    assert!(!text.contains("reviews"), "no review, no field");

    let mut reviewed = plain.clone();
    reviewed.partnerships[0].reviews = vec![full_review(), Review::default()];
    let text = file::to_ron(&reviewed).unwrap();
    assert!(
        text.contains(r#"date: Some("2026-03-15")"#),
        "dates are ISO 8601"
    );
    assert!(text.contains("decision: ScaleDown"));
    assert!(text.contains("status: Done"));
    // Defaults are left out: the open action writes no status, the empty review nothing.
    assert_eq!(text.matches("status: Open").count(), 0);
    assert_eq!(file::parse(&text).unwrap(), reviewed);
}

#[test]
fn a_review_date_that_cannot_be_read_refuses_the_file_and_says_which() {
    let body = format!(
        r#"{PARTNERS}
        partnerships: [(name: "CSP", status: Active, funding: AlignedBudget,
            reviews: [(date: Some("31/02/2027"), reviewer: "Board")])],"#
    );
    let text = project(&undiscounted(2), &body);
    let e = file::parse(&text).unwrap_err().to_string();
    assert!(e.contains("31/02/2027"), "{e}");
    // Written in either form, it reads.
    let good = text.replace("31/02/2027", "28/02/2027");
    assert_eq!(
        load(&good).partnerships[0].reviews[0].date,
        Some(date("2027-02-28"))
    );
}

fn write_reviewed(dir: &Path) -> std::path::PathBuf {
    let mut p = borough();
    p.partnerships[0].reviews = vec![full_review()];
    p.partnerships[1].reviews = vec![Review {
        date: Some(date("2026-02-01")),
        reviewer: "Scrutiny".into(),
        ..Review::default()
    }];
    let path = dir.join("reviewed.ron");
    file::save(&p, &path).unwrap();
    path
}

fn json(args: &[&str], path: &Path) -> (Option<i32>, Value, String) {
    let out = Command::new(BIN)
        .args(["appraise", "--format", "json", "--allow-incomplete"])
        .args(args)
        .arg(path)
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code(), value, stderr)
}

#[test]
fn appraise_json_carries_the_reviews_and_their_status_only_as_of_a_day_given() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_reviewed(dir.path());
    let (code, v, err) = json(&[], &path);
    assert_eq!(code, Some(0), "{err}");
    let first = &v["partnerships"][0];
    let review = &first["reviews"][0];
    assert_eq!(review["date"], "2026-03-15");
    assert_eq!(review["decision"], "Scale down");
    assert_eq!(review["value_for_money"], "Poor");
    assert_eq!(review["risk"], "Not rated");
    assert_eq!(review["actions"][0]["due"], "2026-12-31");
    assert_eq!(review["actions"][1]["status"], "Done");
    // No day given: no status, so the same file always gives the same output.
    assert!(first.get("review_status").is_none());
    assert!(v.get("review_summary").is_none());
    // A partnership without reviews writes none.
    assert!(v["partnerships"][2].get("reviews").is_none());

    // As of 10/01/2027. The first was reviewed 15/03/2026: next 15/03/2027, 64 days on
    // (more than 60: reviewed), with its open action 10 days past 31/12/2026. The second,
    // reviewed 01/02/2026: next 01/02/2027, 22 days on: due. The rest, never reviewed
    // (unless the register gives a date).
    let (code, v, err) = json(&["--as-of", "10/01/2027"], &path);
    assert_eq!(code, Some(0), "{err}");
    let status = &v["partnerships"][0]["review_status"];
    assert_eq!(status["state"], "Reviewed");
    assert_eq!(status["next_review"], "2027-03-15");
    assert_eq!(status["days_to_next"], 64);
    assert_eq!(status["overdue_actions"][0]["days_late"], 10);
    assert_eq!(v["partnerships"][1]["review_status"]["state"], "Due");
    let summary = &v["review_summary"];
    assert_eq!(summary["today"], "2027-01-10");
    assert_eq!(summary["reviewed"], 1);
    assert_eq!(summary["due"], 1);
    assert_eq!(summary["overdue_actions"], 1);
    let partnerships = v["partnerships"].as_array().unwrap().len() as u64;
    let counted: u64 = ["reviewed", "due", "overdue", "never_reviewed"]
        .iter()
        .map(|k| summary[k].as_u64().unwrap())
        .sum();
    assert_eq!(counted, partnerships);
}

#[test]
fn a_day_that_cannot_be_read_or_asked_of_a_table_is_refused_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_reviewed(dir.path());
    let (code, _, err) = json(&["--as-of", "2027-13-01"], &path);
    assert_ne!(code, Some(0));
    assert!(
        err.contains("--as-of") && err.contains("14/03/2027"),
        "{err}"
    );
    let out = Command::new(BIN)
        .args(["appraise", "--as-of", "today"])
        .arg(&path)
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--format json"));
    // "today" reads the clock in the command, and gives a status.
    let (code, v, err) = json(&["--as-of", "today"], &path);
    assert_eq!(code, Some(0), "{err}");
    assert!(v["review_summary"]["today"].is_string());
}
