//! Figures are either complete or marked incomplete: a line with an error is left out
//! (never counted quietly), one bad attendee or contribution leaves out only itself, and
//! the command line says so at the top and in its exit status.

use partnership_appraisal::appraisal::{self, AllCompleteness, Appraisal};
use partnership_appraisal::file;
use partnership_appraisal::model::{
    BenefitDetail, CostDetail, Money, PooledFund, Profile, Project,
};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_partnership-appraisal");

fn example() -> Project {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/example.ron");
    file::load(&path).expect("the example loads")
}

fn completeness(project: &Project) -> (Appraisal, AllCompleteness) {
    let a = appraisal::appraise(project);
    let all = AllCompleteness::new(&a, &appraisal::problems(project, &a));
    (a, all)
}

/// The example's monthly meeting (cost line 2) and its attendee rows.
fn meeting(project: &mut Project) -> &mut partnership_appraisal::model::Meeting {
    match &mut project.partnerships[0].costs[2].detail {
        CostDetail::Meeting(m) => m,
        other => panic!("the example's third cost is a meeting, not {other:?}"),
    }
}

#[test]
fn the_example_is_complete() {
    let (a, all) = completeness(&example());
    assert!(all.portfolio.is_complete(), "{:?}", all.portfolio);
    assert!(all.partnerships.iter().all(|c| c.is_complete()));
    assert_eq!(a.portfolio.left_out.lines, 0);
}

/// The bug this pins: a typo in one attendee's partner dropped the whole monthly meeting
/// (the council's own attendees too) and so raised the benefit-cost ratio from 2.0586 to
/// 3.2770 with nothing but a count of problems at the foot of the table. Now only that
/// attendee is left out, and the figures say they are incomplete.
#[test]
fn a_typo_in_one_attendee_leaves_out_that_attendee_alone_and_marks_the_figures() {
    let mut typo = example();
    meeting(&mut typo).attendees[3].partner = "NHS Kingsfrod ICB".into();
    // What the figures should be: the same meeting without that attendee.
    let mut without = example();
    meeting(&mut without).attendees.remove(3);

    let (a, all) = completeness(&typo);
    let (b, clean) = completeness(&without);
    assert!(clean.portfolio.is_complete());
    assert_eq!(
        a.partnerships[0].cost_lines[2].pv,
        b.partnerships[0].cost_lines[2].pv
    );
    assert!(a.partnerships[0].cost_lines[2].included);
    assert!(a.partnerships[0].cost_lines[2].pv > Decimal::ZERO);
    assert_eq!(a.portfolio.measures, b.portfolio.measures);

    let c = all.partnership(0);
    assert_eq!((c.lines_left_out, c.parts_left_out), (0, 1));
    assert!(c.errors >= 1);
    assert_eq!(
        all.portfolio.mark().as_deref(),
        Some("Incomplete: 1 part of a line left out, 1 error")
    );
    let problems = appraisal::problems(&typo, &a);
    assert!(
        problems.iter().any(|d| d.is_error()
            && d.message
                .contains("this attendee is left out of the results")),
        "{problems:#?}"
    );
}

#[test]
fn a_staff_line_naming_no_partner_is_left_out_whole_and_said_so() {
    let mut typo = example();
    let mut without = example();
    if let CostDetail::StaffTime(s) = &mut typo.partnerships[0].costs[1].detail {
        s.partner = "NHS Kingsfrod ICB".into();
    }
    without.partnerships[0].costs.remove(1);
    let (a, all) = completeness(&typo);
    let (b, _) = completeness(&without);
    assert!(!a.partnerships[0].cost_lines[1].included);
    assert_eq!(a.portfolio.measures, b.portfolio.measures);
    assert_eq!(all.partnership(0).lines_left_out, 1);
    assert!(!all.portfolio.is_complete());
}

/// The bug this pins: a negative benefit amount, refused by `validate`, was still counted
/// in `appraise`'s totals (a negative PVB) with exit status 0.
#[test]
fn a_negative_benefit_is_left_out_not_counted() {
    let mut bad = example();
    let mut without = example();
    bad.partnerships[0].benefits[0].detail =
        BenefitDetail::Direct(Profile::PerYear(vec![dec!(-50000)]));
    without.partnerships[0].benefits.remove(0);
    let (a, all) = completeness(&bad);
    let (b, _) = completeness(&without);
    assert!(!a.partnerships[0].benefit_lines[0].included);
    assert_eq!(a.portfolio.measures, b.portfolio.measures);
    assert_eq!(all.portfolio.lines_left_out, 1);
    assert!(all.portfolio.errors >= 1);
}

/// A pooled fund with one contribution whose partner does not exist keeps the others,
/// shared among them as if the bad one were not there.
#[test]
fn a_bad_pool_contribution_leaves_out_that_contribution_alone() {
    let mut bad = example();
    let partner = |name: &str| partnership_appraisal::model::Contribution {
        partner: name.into(),
        amounts: Profile::PerYear(vec![dec!(100000), dec!(100000)]),
        forecast_outturn: Some(Profile::PerYear(vec![dec!(110000)])),
    };
    let fund = PooledFund {
        host: "Kingsford Council".into(),
        risk_share: partnership_appraisal::model::RiskShare::ProRata,
        contributions: vec![
            partner("Kingsford Council"),
            partner("No such body"),
            partner("NHS Kingsford ICB"),
        ],
    };
    let mut line = bad.partnerships[0].costs[3].clone();
    line.name = "Pooled budget".into();
    line.detail = CostDetail::PooledFund(fund.clone());
    bad.partnerships[0].costs.push(line.clone());
    let mut without = bad.clone();
    if let CostDetail::PooledFund(f) = &mut without.partnerships[0].costs[4].detail {
        f.contributions.remove(1);
    }
    let (a, all) = completeness(&bad);
    let (b, clean) = completeness(&without);
    assert!(
        clean.portfolio.is_complete(),
        "{:?}",
        appraisal::problems(&without, &b)
    );
    assert_eq!(
        a.partnerships[0].cost_lines[4],
        b.partnerships[0].cost_lines[4]
    );
    assert_eq!(a.partnerships[0].pools, b.partnerships[0].pools);
    assert_eq!(all.partnership(0).parts_left_out, 1);
    assert_eq!(all.partnership(0).lines_left_out, 0);
}

#[test]
fn a_meetings_bad_fixed_costs_leave_out_the_fixed_costs_alone() {
    let mut bad = example();
    meeting(&mut bad).fixed_costs.paid_by = "Nobody".into();
    let mut without = example();
    meeting(&mut without).fixed_costs.refreshments = Money(Decimal::ZERO);
    let (a, all) = completeness(&bad);
    let (b, _) = completeness(&without);
    assert_eq!(a.portfolio.measures, b.portfolio.measures);
    assert_eq!(all.portfolio.parts_left_out, 1);
}

/// An error outside every line (here in the settings) leaves nothing out but still marks
/// every partnership's figures and the portfolio's.
#[test]
fn an_error_in_the_settings_marks_every_figure() {
    let mut bad = example();
    bad.settings.staff_costing.pension_rate.0 = dec!(1.5);
    let (_, all) = completeness(&bad);
    assert!(!all.portfolio.is_complete());
    assert_eq!(all.partnership(0).errors, 1);
    assert_eq!(all.partnership(0).lines_left_out, 0);
}

// ---------------------------------------------------------------------------
// The command line

struct Folder(tempfile::TempDir);

impl Folder {
    fn with_typo() -> (Self, PathBuf) {
        let folder = Folder(tempfile::tempdir().unwrap());
        let text = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/example.ron"),
        )
        .unwrap();
        // The nurse's line (the first use of the ICB's name after the partner list).
        let typo = text.replacen(
            "partner: \"NHS Kingsford ICB\",\n                            grade: \"Discharge nurse",
            "partner: \"NHS Kingsfrod ICB\",\n                            grade: \"Discharge nurse",
            1,
        );
        assert_ne!(typo, text, "the typo is made");
        let path = folder.0.path().join("typo.ron");
        std::fs::write(&path, typo).unwrap();
        (folder, path)
    }
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn appraise_exits_3_on_incomplete_results_and_says_so_at_the_top() {
    let (_folder, path) = Folder::with_typo();
    let path = path.to_str().unwrap();
    let out = run(&["appraise", path]);
    assert_eq!(out.status.code(), Some(3));
    let table = text(&out);
    assert!(
        table.starts_with("INCOMPLETE: these results are incomplete (1 line left out, 1 error)"),
        "{table}"
    );
    assert!(
        table.contains("INCOMPLETE: 1 LINE LEFT OUT, 1 ERROR"),
        "{table}"
    );

    let allowed = run(&["appraise", path, "--allow-incomplete"]);
    assert_eq!(allowed.status.code(), Some(0));
    assert_eq!(text(&allowed), table, "the output is marked the same");

    let json = run(&["appraise", path, "--format", "json", "--allow-incomplete"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["complete"], false);
    assert_eq!(v["completeness"]["lines_left_out"], 1);
    assert_eq!(v["completeness"]["errors"], 1);
    assert_eq!(v["partnerships"][0]["completeness"]["complete"], false);

    let csv = run(&["appraise", path, "--format", "csv"]);
    assert_eq!(csv.status.code(), Some(3));
    let csv = text(&csv);
    assert!(csv.lines().next().unwrap().ends_with(",completeness"));
    assert!(
        csv.lines()
            .skip(1)
            .all(|l| l.ends_with("incomplete: 1 line left out, 1 error\"")),
        "{csv}"
    );
}

#[test]
fn a_complete_project_exits_0_with_no_mark() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/example.ron");
    let out = run(&["appraise", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(!text(&out).contains("INCOMPLETE"));
    let csv = run(&["appraise", path.to_str().unwrap(), "--format", "csv"]);
    assert!(text(&csv).lines().skip(1).all(|l| l.ends_with(",complete")));
}

#[test]
fn export_refuses_incomplete_results_unless_allowed_and_then_marks_every_output() {
    let (folder, path) = Folder::with_typo();
    let dir = folder.0.path();
    let (pack, book, csv) = (
        dir.join("pack.html"),
        dir.join("pack.xlsx"),
        dir.join("csv"),
    );
    let args = |extra: &[&str]| {
        let mut a = vec![
            "export".to_owned(),
            path.to_str().unwrap().to_owned(),
            "--html".into(),
            pack.to_str().unwrap().to_owned(),
            "--xlsx".into(),
            book.to_str().unwrap().to_owned(),
            "--csv".into(),
            csv.to_str().unwrap().to_owned(),
        ];
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    };
    let refused = Command::new(BIN).args(args(&[])).output().unwrap();
    assert_eq!(refused.status.code(), Some(3));
    assert!(
        text(&refused).contains("nothing written"),
        "{}",
        text(&refused)
    );
    assert!(!pack.exists() && !book.exists() && !csv.exists());

    let written = Command::new(BIN)
        .args(args(&["--allow-incomplete"]))
        .output()
        .unwrap();
    assert_eq!(written.status.code(), Some(0), "{}", text(&written));
    let html = std::fs::read_to_string(&pack).unwrap();
    // On the first page (before the conventions) and on the partnership's page.
    let first = html
        .find("Incomplete: 1 line left out, 1 error.")
        .expect("marked");
    assert!(first < html.find("id=\"conventions\"").unwrap());
    let page = html.find("<section class=\"partnership\"").unwrap();
    assert!(html[page..].contains("Incomplete: 1 line left out, 1 error."));
    assert!(html.contains("id=\"problems\""));
    assert!(html.contains("the line is left out of the results"));

    let results = std::fs::read_to_string(csv.join("results.csv")).unwrap();
    assert!(results.contains("incomplete: 1 line left out, 1 error"));

    use calamine::{Reader, Xlsx, open_workbook};
    let mut workbook: Xlsx<_> = open_workbook(&book).unwrap();
    let summary = workbook.worksheet_range("Summary").unwrap();
    let cells: Vec<String> = summary.cells().map(|(_, _, c)| c.to_string()).collect();
    assert!(
        cells
            .iter()
            .any(|c| c.starts_with("INCOMPLETE: 1 line left out, 1 error")),
        "{cells:?}"
    );
    assert!(
        cells
            .iter()
            .any(|c| c == "Incomplete: 1 line left out, 1 error")
    );
}

#[test]
fn simulate_exits_3_and_marks_the_partnership_when_incomplete() {
    let (_folder, path) = Folder::with_typo();
    let path = path.to_str().unwrap();
    let out = run(&["simulate", path, "--draws", "200"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        text(&out)
            .starts_with("INCOMPLETE: Joint hospital discharge team: 1 line left out, 1 error"),
        "{}",
        text(&out)
    );
    let json = run(&[
        "simulate",
        path,
        "--draws",
        "200",
        "--format",
        "json",
        "--allow-incomplete",
    ]);
    assert_eq!(json.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v[0]["complete"], false);
    assert_eq!(v[0]["incomplete"], "1 line left out, 1 error");
}

// ---------------------------------------------------------------------------
// Property: whatever one thing is broken, the figures are those of the project without it

mod broken {
    use super::*;
    use partnership_appraisal::model::BenefitLine;
    use proptest::prelude::*;

    /// One thing broken in a line, and what the project looks like without it.
    #[derive(Clone, Copy, Debug)]
    enum Break {
        /// A negative amount in a cost line's profile (or its hours, or meetings a year):
        /// the whole line goes.
        NegativeCost,
        /// A benefit naming a partner that does not exist: the whole line goes.
        BenefitPartner,
        /// One attendee of a meeting naming a grade its partner does not have.
        AttendeeGrade(usize),
        /// One contribution of a pool naming a partner that does not exist.
        ContributionPartner(usize),
    }

    fn examples() -> Vec<Project> {
        ["example", "borough-portfolio", "county-health-and-care"]
            .iter()
            .map(|name| {
                let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("saves")
                    .join(format!("{name}.ron"));
                file::load(&path).expect("the example loads")
            })
            .collect()
    }

    fn negate(profile: &mut Profile) {
        match profile {
            Profile::Constant { value, .. } => *value = -(*value + Decimal::ONE),
            Profile::PerYear(values) => match values.first_mut() {
                Some(v) => *v = -(*v + Decimal::ONE),
                None => values.push(dec!(-1)),
            },
        }
    }

    /// The lines of partnership `p` that `what` can break: cost or benefit lines.
    fn candidates(project: &Project, p: usize, what: Break) -> Vec<usize> {
        let partnership = &project.partnerships[p];
        let costs = |keep: fn(&CostDetail) -> bool| {
            (0..partnership.costs.len())
                .filter(|&i| keep(&partnership.costs[i].detail))
                .collect()
        };
        match what {
            Break::NegativeCost => costs(|d| !matches!(d, CostDetail::PooledFund(_))),
            Break::BenefitPartner => (0..partnership.benefits.len()).collect(),
            Break::AttendeeGrade(_) => {
                costs(|d| matches!(d, CostDetail::Meeting(m) if !m.attendees.is_empty()))
            }
            Break::ContributionPartner(_) => {
                costs(|d| matches!(d, CostDetail::PooledFund(f) if !f.contributions.is_empty()))
            }
        }
    }

    /// Breaks the `nth` line of partnership `p` that `what` can break, and returns the
    /// project without the broken thing; `None` when the partnership has no such line.
    fn apply(project: &mut Project, p: usize, nth: usize, what: Break) -> Option<Project> {
        let lines = candidates(project, p, what);
        let line = *lines.get(nth % lines.len().max(1))?;
        let mut without = project.clone();
        let partnership = &mut project.partnerships[p];
        match what {
            Break::NegativeCost => {
                match &mut partnership.costs[line].detail {
                    CostDetail::StaffTime(s) => negate(&mut s.hours),
                    CostDetail::Meeting(m) => negate(&mut m.meetings),
                    CostDetail::Other(o) => negate(&mut o.amounts),
                    CostDetail::PooledFund(_) => return None,
                }
                without.partnerships[p].costs.remove(line);
            }
            Break::BenefitPartner => {
                let benefit: &mut BenefitLine = &mut partnership.benefits[line];
                benefit.partner = Some("No such body".into());
                without.partnerships[p].benefits.remove(line);
            }
            Break::AttendeeGrade(k) => {
                let CostDetail::Meeting(m) = &mut partnership.costs[line].detail else {
                    return None;
                };
                let k = k % m.attendees.len();
                m.attendees[k].grade = "No such grade".into();
                if let CostDetail::Meeting(m) = &mut without.partnerships[p].costs[line].detail {
                    m.attendees.remove(k);
                }
            }
            Break::ContributionPartner(k) => {
                let CostDetail::PooledFund(f) = &mut partnership.costs[line].detail else {
                    return None;
                };
                let k = k % f.contributions.len();
                f.contributions[k].partner = "No such body".into();
                if let CostDetail::PooledFund(f) = &mut without.partnerships[p].costs[line].detail {
                    f.contributions.remove(k);
                }
            }
        }
        Some(without)
    }

    fn breaks() -> impl Strategy<Value = Break> {
        prop_oneof![
            Just(Break::NegativeCost),
            Just(Break::BenefitPartner),
            (0..8usize).prop_map(Break::AttendeeGrade),
            (0..8usize).prop_map(Break::ContributionPartner),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn the_figures_are_those_of_the_project_without_the_broken_thing(
            example in 0..3usize,
            p in 0..32usize,
            line in 0..16usize,
            what in breaks(),
        ) {
            let mut project = examples().swap_remove(example);
            // The first partnership from `p` on that has a line to break this way.
            let count = project.partnerships.len();
            let Some(p) = (0..count)
                .map(|k| (p + k) % count)
                .find(|&i| !candidates(&project, i, what).is_empty())
            else {
                return Ok(());
            };
            let Some(without) = apply(&mut project, p, line, what) else {
                return Ok(());
            };
            let (a, all) = completeness(&project);
            let (b, clean) = completeness(&without);
            prop_assert!(clean.portfolio.is_complete());
            prop_assert_eq!(&a.portfolio.measures, &b.portfolio.measures);
            prop_assert_eq!(&a.partnerships[p].measures, &b.partnerships[p].measures);
            prop_assert_eq!(&a.partnerships[p].partners, &b.partnerships[p].partners);
            prop_assert!(!all.portfolio.is_complete());
            prop_assert!(!all.partnership(p).is_complete());
            prop_assert_eq!(
                all.portfolio.lines_left_out + all.portfolio.parts_left_out,
                1
            );
            // Every other partnership is untouched and complete.
            for (i, c) in all.partnerships.iter().enumerate() {
                if i != p {
                    prop_assert!(c.is_complete());
                }
            }
        }
    }
}

/// The bug this pins: a deleted partner still appeared as a row of £0 in the exposure
/// table, because the partnership still listed it as a member.
#[test]
fn a_member_that_is_not_a_partner_gets_no_row() {
    let mut project = example();
    project.partnerships[0].members.push("Deleted body".into());
    let (a, all) = completeness(&project);
    assert!(
        a.partnerships[0]
            .partners
            .iter()
            .all(|p| p.partner != "Deleted body")
    );
    assert!(
        a.portfolio
            .partners
            .iter()
            .all(|p| p.partner != "Deleted body")
    );
    assert_eq!(all.portfolio.errors, 1);
}

/// Each column's width in a worksheet's XML (`<col min= max= width=>`), by zero-based
/// column; columns without one are the default 8.43 characters wide.
fn column_widths(xml: &str) -> Vec<(u32, u32, f64)> {
    let attribute = |tag: &str, name: &str| -> Option<String> {
        let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        let end = tag[start..].find('"')? + start;
        Some(tag[start..end].to_owned())
    };
    xml.split("<col ")
        .skip(1)
        .filter_map(|tag| {
            let tag = format!(" {}", &tag[..tag.find("/>")?]);
            let tag = tag.as_str();
            let min: u32 = attribute(tag, "min")?.parse().ok()?;
            let max: u32 = attribute(tag, "max")?.parse().ok()?;
            let width: f64 = attribute(tag, "width")?.parse().ok()?;
            Some((min - 1, max - 1, width))
        })
        .collect()
}

/// The numbers of a worksheet's XML with their zero-based columns: cells without a type
/// (numbers, and formulas with a number cached).
fn numeric_cells(xml: &str) -> Vec<(u32, f64)> {
    xml.split("<c r=\"")
        .skip(1)
        .filter_map(|cell| {
            let head_end = cell.find('>')?;
            let head = &cell[..head_end];
            if head.contains(" t=\"") {
                return None;
            }
            let letters: String = head.chars().take_while(char::is_ascii_uppercase).collect();
            let column = letters
                .bytes()
                .fold(0u32, |n, b| n * 26 + u32::from(b - b'A' + 1))
                - 1;
            let value_start = cell.find("<v>")? + 3;
            let value_end = cell[value_start..].find("</v>")? + value_start;
            Some((column, cell[value_start..value_end].parse().ok()?))
        })
        .collect()
}

/// Every figure of the workbook fits its column, shown as money or as a ratio to four
/// places, whichever is longer: a narrower column shows "###" in place of the figure in
/// LibreOffice and Excel. The plan and actual sheet's baseline net value of the borough
/// example did, and at national scale (totals of hundreds of billions) 285 figures did.
#[test]
fn every_figure_of_the_workbook_fits_its_column() {
    use partnership_appraisal::format;
    use std::io::Read;
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/borough-portfolio.ron");
    let borough = file::load(&path).unwrap();
    let mut national = borough.clone();
    for line in national.partnerships.iter_mut().flat_map(|p| &mut p.costs) {
        if let CostDetail::Other(other) = &mut line.detail {
            other.amounts = Profile::PerYear(vec![dec!(2_500_000_000); 10]);
        }
    }
    for (name, project) in [("borough", borough), ("national", national)] {
        let result = appraisal::appraise(&project);
        let bytes = partnership_appraisal::export::xlsx(&project, &result).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let sheets: Vec<String> = zip
            .file_names()
            .filter_map(Result::ok)
            .filter(|n| n.starts_with("xl/worksheets/sheet"))
            .map(|n| n.into_owned())
            .collect();
        assert!(sheets.len() >= 5, "{sheets:?}");
        let mut checked = 0;
        for sheet in sheets {
            let mut xml = String::new();
            zip.by_name(&sheet)
                .unwrap()
                .read_to_string(&mut xml)
                .unwrap();
            let widths = column_widths(&xml);
            for (column, value) in numeric_cells(&xml) {
                let width = widths
                    .iter()
                    .find(|(min, max, _)| (*min..=*max).contains(&column))
                    .map_or(8.43, |w| w.2);
                let figure = Decimal::from_f64_retain(value).unwrap();
                let shown = format::money(figure, "£")
                    .chars()
                    .count()
                    .max(format::number(figure, 4).chars().count());
                assert!(
                    shown as f64 <= width,
                    "{name}: {sheet}: {value} ({shown} characters) in column {column}, {width} wide"
                );
                checked += 1;
            }
        }
        assert!(checked > 100, "{name}: {checked} figures");
    }
}
