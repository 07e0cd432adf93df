//! The annual review of the portfolio for the audit committee: the engine's view on a
//! day, the Word report and CSV file it makes (in the app and `export --review-docx`,
//! `--review-csv`), the board pack's and the workbook's register, and reviews in
//! `compare`. Expected days are counted by hand from the calendar, as written beside them.

mod common;

use common::care::with_actuals;
use common::{document_xml, undiscounted};
use partnership_appraisal::appraisal::objectives::IndicatorRating;
use partnership_appraisal::appraisal::portfolio::annual::AnnualReview;
use partnership_appraisal::appraisal::review::ReviewState;
use partnership_appraisal::appraisal::{self, compare};
use partnership_appraisal::export::committee::{ANNUAL_SECTIONS, Block, annual_blocks};
use partnership_appraisal::model::*;
use partnership_appraisal::{export, file, format};
use rust_decimal_macros::dec;
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_partnership-appraisal");

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("saves")
        .join(name)
}

/// The day every test reviews on.
fn day() -> Date {
    date("14/03/2027")
}

/// The borough example with a review cycle set for the tests, its shipped reviews and
/// register dates cleared first:
/// - the first partnership reviewed on 10/01/2026, deciding to scale down, with an
///   action due 01/06/2026 still open: its next review (a year on, 10/01/2027) is
///   overdue on 14/03/2027 by 21 + 28 + 14 = 63 days, the action by 286 days
///   (June 29, July to February 31+31+30+31+30+31+31+28, March 14);
/// - the second with the register's next review on 01/04/2027: due in 17 + 1 = 18 days;
///   its risk management not met and its added value partly met;
/// - the third with a risk of likelihood 4 and impact 4 (16: high) and one of 3 × 4.
fn borough() -> Project {
    let mut p = file::load(&example("borough-portfolio.ron")).expect("the example loads");
    for ship in &mut p.partnerships {
        ship.reviews.clear();
        ship.register.next_review = None;
        ship.register.risks.clear();
        ship.register.governance = GovernanceCheck::default();
    }
    let mut review = Review::on(date("10/01/2026"));
    review.reviewer = "Head of audit".into();
    review.decision = Decision::ScaleDown;
    review.reason = "Costs outweigh benefits".into();
    review.actions.push(Action {
        description: "Agree a smaller board".into(),
        owner: "Chair".into(),
        due: Some(date("01/06/2026")),
        status: ActionStatus::Open,
    });
    p.partnerships[0].reviews.push(review);
    let second = &mut p.partnerships[1].register;
    second.next_review = Some(date("01/04/2027"));
    second.governance.risk_management = AreaCheck {
        status: AreaStatus::NotMet,
        evidence: "No risk register".into(),
    };
    second.governance.added_value.status = AreaStatus::PartlyMet;
    let risk = |description: &str, likelihood, impact| Risk {
        description: description.into(),
        likelihood,
        impact,
        ..Risk::default()
    };
    p.partnerships[2].register.risks = vec![
        risk("A partner withdraws", 3, 4),
        risk("The pooled fund overspends", 4, 4),
    ];
    p
}

fn review_of(p: &Project) -> AnnualReview {
    export::annual_review_on(p, &appraisal::appraise(p), day())
}

#[test]
fn the_review_on_a_day_counts_what_is_due_overdue_and_outweighed() {
    let p = borough();
    let result = appraisal::appraise(&p);
    let r = review_of(&p);
    assert_eq!(r.partnerships.len(), p.partnerships.len());

    let first = &r.partnerships[0];
    assert_eq!(first.status.state, ReviewState::Overdue);
    assert_eq!(first.status.days_to_next, Some(-63));
    let latest = first.latest.as_ref().expect("the first has a review");
    assert_eq!(latest.decision, Decision::ScaleDown);
    assert!(first.decided_to_reduce());
    let actions = r.overdue_actions();
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0].1.days_late, 286);
    assert_eq!(actions[0].0.index, 0);

    let second = &r.partnerships[1];
    assert_eq!(second.status.state, ReviewState::Due);
    assert_eq!(second.status.days_to_next, Some(18));
    let gaps: Vec<_> = second
        .governance_gaps
        .iter()
        .filter(|g| g.status != AreaStatus::NotAssessed)
        .map(|g| (g.area, g.status))
        .collect();
    assert_eq!(
        gaps,
        [
            (GovernanceArea::AddedValue, AreaStatus::PartlyMet),
            (GovernanceArea::RiskManagement, AreaStatus::NotMet)
        ]
    );
    assert_eq!(second.governance_counts, [0, 1, 1, 6]);
    assert_eq!(
        r.governance_gaps().map(|p| p.index).collect::<Vec<_>>(),
        [1]
    );

    let third = &r.partnerships[2];
    assert_eq!(third.high_risks.len(), 1);
    assert_eq!(third.high_risks[0].score, 16);

    // Overdue first, then due; every other partnership has never been reviewed.
    let flagged: Vec<usize> = r.due_or_overdue().iter().map(|p| p.index).collect();
    assert_eq!(flagged, [0, 1]);
    assert_eq!(r.summary.overdue, 1);
    assert_eq!(r.summary.due, 1);
    assert_eq!(r.summary.never_reviewed, p.partnerships.len() - 2);
    assert_eq!(r.summary.overdue_actions, 1);

    // The figures are the appraisal's; those whose costs outweigh benefits are its
    // negative net values, lowest first.
    let mut negative: Vec<(rust_decimal::Decimal, usize)> = result
        .partnerships
        .iter()
        .enumerate()
        .filter(|(_, x)| x.measures.net_value < rust_decimal::Decimal::ZERO)
        .map(|(i, x)| (x.measures.net_value, i))
        .collect();
    negative.sort();
    let listed: Vec<usize> = r
        .costs_outweigh_benefits()
        .iter()
        .map(|p| p.index)
        .collect();
    assert_eq!(listed, negative.iter().map(|(_, i)| *i).collect::<Vec<_>>());
    for (row, x) in r.partnerships.iter().zip(&result.partnerships) {
        assert_eq!(row.net_value, x.measures.net_value);
        assert_eq!(row.pv_costs, x.measures.pvc);
        assert!(row.completeness.is_complete());
    }

    // Significance is the register's test, partnership by partnership.
    let significant: Vec<usize> = appraisal::significance(&p, &result)
        .into_iter()
        .filter(|f| f.significant)
        .map(|f| f.partnership)
        .collect();
    assert_eq!(
        r.significant().map(|p| p.index).collect::<Vec<_>>(),
        significant
    );

    // Each partner's resources are the network's totals.
    let net = appraisal::portfolio::network(&p, &result);
    assert_eq!(r.partners.len(), net.partners.len());
    for (row, total) in r.partners.iter().zip(&net.totals) {
        assert_eq!(row.pv_costs, total.pv_costs);
        assert_eq!(row.partnerships, total.memberships);
    }
}

#[test]
fn a_review_dated_after_the_day_is_not_yet_held() {
    let mut p = borough();
    p.partnerships[3]
        .reviews
        .push(Review::on(date("20/03/2027")));
    let r = review_of(&p);
    assert!(r.partnerships[3].latest.is_none());
    assert_eq!(r.partnerships[3].status.state, ReviewState::NeverReviewed);
}

fn para_texts(blocks: &[Block]) -> Vec<&str> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Para(t) | Block::Strong(t) => Some(t.as_str()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_report_has_every_section_and_the_engines_figures() {
    let p = borough();
    let r = review_of(&p);
    let blocks = annual_blocks(&p, &r, Some("borough.ron"));
    let headings: Vec<&str> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) => Some(h.as_str()),
            _ => None,
        })
        .collect();
    for (i, section) in ANNUAL_SECTIONS.iter().enumerate() {
        assert_eq!(headings[i], format!("{}. {section}", i + 1));
    }
    assert_eq!(headings.len(), ANNUAL_SECTIONS.len() + 2);

    let tables: Vec<_> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect();
    let headed = |first: &str, second: &str| {
        tables
            .iter()
            .find(|t| t.header.first().is_some_and(|h| h == first) && t.header[1] == second)
            .unwrap_or_else(|| panic!("no table headed {first}, {second}"))
    };
    // Value for money: the net values as the engine gives them, to the pound.
    let vfm = headed("Partnership", "Latest decision");
    let sym = &p.settings.currency_symbol;
    let outweighed = r.costs_outweigh_benefits();
    assert_eq!(vfm.rows.len(), outweighed.len());
    for (row, x) in vfm.rows.iter().zip(&outweighed) {
        assert_eq!(row[0], x.name);
        assert_eq!(row[4], format::money_whole(x.net_value, sym));
    }
    // The overdue action, 286 days late.
    let actions = headed("Partnership", "Action");
    assert_eq!(actions.rows.len(), 1);
    assert_eq!(actions.rows[0][1], "Agree a smaller board");
    assert_eq!(actions.rows[0][3], "01/06/2026");
    assert_eq!(actions.rows[0][4], "286");
    // The review cycle: overdue, then due, then never reviewed.
    let cycle = headed("Partnership", "Last review");
    assert_eq!(cycle.rows[0][0], p.partnerships[0].name);
    assert!(cycle.rows[0][2].starts_with("Review overdue by 63 days"));
    assert!(cycle.bold[0]);
    assert!(cycle.rows[1][2].starts_with("Review due in 18 days on 01/04/2027"));
    assert_eq!(cycle.rows.len(), p.partnerships.len());
    // The governance gaps.
    let gaps = headed("Partnership", "Area");
    assert_eq!(gaps.rows.len(), 2);
    assert_eq!(gaps.rows[1][1], "Risk management");
    assert_eq!(gaps.rows[1][3], "No risk register");
    // High risks.
    let risks = headed("Partnership", "Risk");
    assert_eq!(risks.rows.len(), 1);
    assert_eq!(risks.rows[0][4], "16");

    // The recommendations ask for what the review found.
    let paras = para_texts(&blocks);
    let reviews_asked = format!(
        "asks for the {} reviews overdue or never held",
        p.partnerships.len() - 1
    );
    assert!(
        paras.iter().any(|t| t.contains(&reviews_asked)),
        "{paras:#?}"
    );
    assert!(paras.iter().any(|t| t.contains("1 overdue action")));
    assert!(!paras.iter().any(|t| t.starts_with("Incomplete")));
}

#[test]
fn an_incomplete_appraisal_is_marked_on_the_reports_first_page() {
    let mut p = borough();
    // A staff line borne by a partner that does not exist is left out of the figures.
    let mut line = p.partnerships[0]
        .costs
        .iter()
        .find(|c| matches!(c.detail, CostDetail::StaffTime(_)))
        .expect("the first partnership has staff time")
        .clone();
    if let CostDetail::StaffTime(s) = &mut line.detail {
        s.partner = "Nobody".into();
    }
    p.partnerships[0].costs.push(line);
    let r = review_of(&p);
    assert!(!r.completeness.is_complete());
    assert!(!r.partnerships[0].completeness.is_complete());
    let blocks = annual_blocks(&p, &r, None);
    let strong = blocks.iter().find_map(|b| match b {
        Block::Strong(t) => Some(t.clone()),
        _ => None,
    });
    assert!(strong.is_some_and(|t| t.starts_with("Incomplete: ")));
}

/// A CSV line's fields, RFC 4180 quoting undone.
fn fields(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                out.last_mut().unwrap().push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(String::new()),
            c => out.last_mut().unwrap().push(c),
        }
    }
    out
}

fn run(args: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn the_command_line_writes_the_report_and_the_csv_on_the_day_given() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("borough.ron");
    file::save(&borough(), &file).unwrap();
    let docx = dir.path().join("review.docx");
    let csv = dir.path().join("review.csv");
    let out = run(&[
        "export",
        file.to_str().unwrap(),
        "--review-docx",
        docx.to_str().unwrap(),
        "--review-csv",
        csv.to_str().unwrap(),
        "--as-of",
        "2027-03-14",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let xml = document_xml(&std::fs::read(&docx).unwrap());
    assert!(xml.contains("annual review of partnerships"));
    assert!(xml.contains("Agree a smaller board"));

    let text = std::fs::read_to_string(&csv).unwrap();
    let mut lines = text.lines();
    let header = fields(lines.next().unwrap());
    let rows: Vec<&str> = lines.collect();
    let p = borough();
    assert_eq!(rows.len(), p.partnerships.len());
    let column = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let first = fields(rows[0]);
    assert_eq!(first[column("as_of")], "2027-03-14");
    assert_eq!(first[column("review_state")], "Review overdue");
    assert_eq!(first[column("next_review")], "2027-01-10");
    assert_eq!(first[column("days_to_next_review")], "-63");
    assert_eq!(first[column("latest_decision")], "Scale down");
    assert_eq!(first[column("overdue_actions")], "1");
    let result = appraisal::appraise(&p);
    assert_eq!(
        first[column("net_value")],
        format::fixed(result.partnerships[0].measures.net_value, 2)
    );

    // A day that cannot be read is refused with the format, and nothing is written.
    let other = dir.path().join("other.csv");
    let out = run(&[
        "export",
        file.to_str().unwrap(),
        "--review-csv",
        other.to_str().unwrap(),
        "--as-of",
        "31/02/2027",
    ]);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("--as-of"), "{said}");
    assert!(said.contains("14/03/2027 or 2027-03-14"), "{said}");
    assert!(!other.exists());
}

#[test]
fn the_board_pack_shows_the_review_cycle_only_where_the_project_keeps_one() {
    let p = borough();
    let result = appraisal::appraise(&p);
    let html = export::html_issued(&p, &result, "2027-03-14");
    assert!(html.contains("<h2 id=\"annual-review\">Annual review</h2>"));
    assert!(html.contains("Review overdue by 63 days"));
    assert!(html.contains("Agree a smaller board"));
    assert!(html.contains("No risk register"));
    // The example's objectives, each with its rating in words.
    assert!(html.contains("Achievements against objectives"));
    let shipped = file::load(&example("borough-portfolio.ron")).unwrap();
    for o in shipped.partnerships.iter().flat_map(|s| &s.objectives) {
        let rating = appraisal::objectives::rate_objective(o).describe();
        assert!(html.contains(&rating), "{rating}");
    }

    let plain = file::load(&example("example.ron")).unwrap();
    assert!(!plain.keeps_review_data());
    let html = export::html_issued(&plain, &appraisal::appraise(&plain), "2027-03-14");
    assert!(!html.contains("annual-review"));
}

#[test]
fn the_workbook_has_a_register_sheet_only_where_the_project_keeps_one() {
    use calamine::{Reader, Xlsx, open_workbook_from_rs};
    let sheets = |p: &Project| {
        let bytes = export::xlsx(p, &appraisal::appraise(p)).unwrap();
        let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let names = book.sheet_names().to_vec();
        let register = book.worksheet_range("Register").ok();
        (names, register)
    };
    let p = borough();
    let (names, register) = sheets(&p);
    assert!(names.iter().any(|n| n == "Register"));
    let range = register.unwrap();
    let text = |row: u32, col: u32| range.get_value((row, col)).map(|d| d.to_string());
    assert_eq!(text(3, 0).as_deref(), Some("Partnership"));
    assert_eq!(text(4, 0).as_deref(), Some(p.partnerships[0].name.as_str()));
    assert_eq!(text(4, 14).as_deref(), Some("10/01/2026"));
    assert_eq!(text(4, 15).as_deref(), Some("Scale down"));
    assert_eq!(text(5, 12).as_deref(), Some("1"));

    let plain = file::load(&example("example.ron")).unwrap();
    let (names, _) = sheets(&plain);
    assert!(!names.iter().any(|n| n == "Register"));
}

#[test]
fn compare_lists_what_changed_in_the_reviews_and_moves_no_figure() {
    let old = borough();
    let mut new = old.clone();
    let review = &mut new.partnerships[0].reviews[0];
    review.decision = Decision::Exit;
    review.actions[0].status = ActionStatus::Done;
    new.partnerships[1]
        .reviews
        .push(Review::on(date("01/03/2027")));
    let c = compare::compare(&old, &new);
    let said: Vec<(String, Option<compare::Step>)> =
        c.changes.iter().map(|i| (i.what.clone(), i.step)).collect();
    assert!(said.contains(&(
        "review of 10/01/2026: decision Scale down to Exit, 1 action done".into(),
        None
    )));
    assert!(said.contains(&(
        "review of 01/03/2027 added (decision: Continue)".into(),
        None
    )));
    for p in &c.partnerships {
        assert_eq!(p.change, rust_decimal::Decimal::ZERO, "{}", p.name);
        assert!(p.shares.is_empty(), "{}", p.name);
    }
}

/// The care pool of `common::care` (the same fixture as tests/actuals.rs): a pooled fund
/// (Council 600, NHS 400 a year) and an officer's cost to the Council (100 a year, 20%
/// optimism uplift: 120), undiscounted over three years from 2026/27; the baseline set as
/// first approved, then the officer's 2028/29 forecast raised to 150 and the actuals:
/// Pool 1,100 in 2026/27 (split as forecast, 660 and 440) and 1,000 in 2027/28 (500
/// each); Officer 90 real in 2026/27 and 125 cash in 2027/28 (deflated × 100/125 = 100).
/// With one objective: an indicator targeting 100 people in 2026/27, higher better,
/// reaching 90: short by 10, beyond the 5% tolerance of 5, so off target.
fn care_with_actuals() -> Project {
    let mut p = with_actuals(&undiscounted(3));
    let mut indicator = Indicator {
        name: "People supported home".into(),
        ..Indicator::default()
    };
    indicator.targets.insert(FinancialYear(2026), dec!(100));
    indicator.actuals.insert(FinancialYear(2026), dec!(90));
    p.partnerships[0].objectives.push(Objective {
        name: "More people supported at home".into(),
        indicators: vec![indicator],
        ..Objective::default()
    });
    p
}

#[test]
fn the_review_adds_up_the_resources_each_partner_actually_used_and_rates_objectives() {
    let p = care_with_actuals();
    let r = review_of(&p);
    // Council: planned 600 + 600 (pool) + 120 + 120 (officer, the baseline's uplifted
    // cost) = 1,440; actual 660 + 500 + 90 + 100 = 1,350; variance −90.
    // NHS: planned 400 + 400 = 800; actual 440 + 500 = 940; variance +140.
    let rows: Vec<_> = r
        .outturn
        .iter()
        .map(|o| (o.partner.as_str(), o.plan, o.actual, o.variance))
        .collect();
    assert_eq!(
        rows,
        [
            ("Council", dec!(1440), dec!(1350), dec!(-90)),
            ("NHS", dec!(800), dec!(940), dec!(140)),
        ]
    );
    assert!(
        r.outturn_against
            .as_deref()
            .is_some_and(|b| b.contains("14 March 2027"))
    );
    assert_eq!(r.outturn_errors, 0);

    let objectives: Vec<_> = r.objectives().collect();
    assert_eq!(objectives.len(), 1);
    assert_eq!(
        objectives[0].1.rating.worst,
        Some(IndicatorRating::OffTarget)
    );

    // The report says both: the outturn table and the objective in bold.
    let blocks = annual_blocks(&p, &r, None);
    let tables: Vec<_> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect();
    let outturn = tables
        .iter()
        .find(|t| t.header == ["Partner", "Planned", "Actual", "Variance"])
        .expect("the resources actually used");
    assert_eq!(outturn.rows[0], ["Council", "£1,440", "£1,350", "(£90)"]);
    let aims = tables
        .iter()
        .find(|t| t.header == ["Partnership", "Objective", "Priority", "Rating"])
        .expect("the achievements against objectives");
    assert_eq!(aims.rows[0][1], "More people supported at home");
    assert!(aims.rows[0][3].starts_with("Off target"));
    assert!(aims.bold[0]);

    // An actual that cannot be used (no deflator for 2028/29) marks the outturn.
    let mut p = p;
    p.partnerships[0].actuals.costs.push(CostActual {
        line: "Officer".into(),
        year: FinancialYear(2028),
        prices: Prices::Cash,
        amount: Money(dec!(100)),
        by_partner: Vec::new(),
    });
    let r = review_of(&p);
    assert_eq!(r.outturn_errors, 1);
    let paras = para_texts(&annual_blocks(&p, &r, None)).join("\n");
    assert!(
        paras.contains("Incomplete: 1 actual could not be used"),
        "{paras}"
    );
}

#[test]
fn the_command_line_compares_a_file_with_the_baseline_it_keeps() {
    let dir = tempfile::tempdir().unwrap();
    let file_path = dir.path().join("care.ron");
    // Since the baseline, the officer's 2028/29 forecast rose from 100 to 150: with the
    // 20% uplift 60 more cost, undiscounted, so net value falls by 60.
    let p = care_with_actuals();
    file::save(&p, &file_path).unwrap();
    let path = file_path.to_str().unwrap();
    let out = run(&["compare", path, "--baseline", "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["old"],
        "the baseline Approved by the board on 14 March 2027 (2027-03-14)"
    );
    // Money is a string of at most two decimal places (docs/JSON.md).
    let change: rust_decimal::Decimal = json["partnerships"][0]["change"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(change, dec!(-60));
    let changes: Vec<(String, String)> = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["place"].as_str().unwrap().into(),
                c["what"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert!(changes.contains(&("Partnership \"Care pool\"".into(), "actuals".into())));
    assert!(
        !changes.iter().any(|(_, what)| what == "baseline"),
        "{changes:?}"
    );

    // A file with no baseline says so, and how to set one.
    let plain = example("example.ron");
    let out = run(&["compare", plain.to_str().unwrap(), "--baseline"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("keeps no baseline"));
}
