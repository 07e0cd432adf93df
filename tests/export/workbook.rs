use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use partnership_appraisal::appraisal::{self, Payback};
use partnership_appraisal::export;
use partnership_appraisal::format;
use partnership_appraisal::model::{DiscountSchedule, Partnership, Project, Rate, Year0Convention};
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;
use rust_decimal_macros::dec;
use std::io::Cursor;

use super::{borough, load};

// Where the workbook puts things (zero-based), as docs/EXPORTS.md describes.
const R_PVC: u32 = 4;
const R_PV_FISCAL: u32 = 5;
const R_PV_ECONOMIC: u32 = 7;
const R_PV_SOCIAL: u32 = 8;
const R_PVB: u32 = 9;
const R_NET: u32 = 10;
const R_BCR: u32 = 11;
const R_BUDGET: u32 = 12;
const R_FISCAL_ROI: u32 = 13;
const R_PAYBACK: u32 = 16;
const R_FLAG: u32 = 17;
const R_FISCAL_PAYBACK: u32 = 18;
const R_SROI_IMPACT: u32 = 19;
const R_SROI_INPUTS: u32 = 20;
const R_SROI: u32 = 21;
const C_SROI_FACTOR: u32 = 13;
const R_FIRST: u32 = 25;
const C_RATE: u32 = 2;
const C_FACTOR: u32 = 3;
const C_COSTS: u32 = 4;
const C_CUMULATIVE: u32 = 11;

type Book = Xlsx<Cursor<Vec<u8>>>;

fn open(bytes: Vec<u8>) -> Book {
    open_workbook_from_rs(Cursor::new(bytes)).expect("the workbook opens in calamine")
}

fn number(range: &calamine::Range<Data>, row: u32, col: u32) -> f64 {
    match range.get_value((row, col)) {
        Some(Data::Float(f)) => *f,
        Some(Data::Int(i)) => *i as f64,
        other => panic!("expected a number at ({row}, {col}), found {other:?}"),
    }
}

fn text(range: &calamine::Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        other => panic!("expected text at ({row}, {col}), found {other:?}"),
    }
}

fn formula(formulas: &calamine::Range<String>, row: u32, col: u32) -> String {
    formulas
        .get_value((row, col))
        .cloned()
        .unwrap_or_else(|| panic!("no formula at ({row}, {col})"))
}

/// The same at `places` decimals (half away from zero), allowing for the last bit of a double.
fn same(cached: f64, engine: Decimal, places: u32) {
    let as_decimal = Decimal::from_f64(cached).expect("a finite number");
    let close = (as_decimal - engine).abs() < Decimal::new(1, places + 3);
    assert!(
        format::round(as_decimal, places) == format::round(engine, places) || close,
        "cached {cached} is not the engine's {engine} at {places} places"
    );
}

fn ratio_cell(range: &calamine::Range<Data>, row: u32, engine: Option<Decimal>) {
    match engine {
        Some(v) => same(number(range, row, 1), v, 4),
        None => assert_eq!(text(range, row, 1), "n/a"),
    }
}

/// Counts the charts packaged in the workbook: their part names are stored uncompressed.
fn chart_parts(bytes: &[u8]) -> usize {
    let needle = b"xl/charts/chart";
    let mut names: Vec<&[u8]> = bytes
        .windows(needle.len() + 6)
        .filter(|w| w.starts_with(needle))
        .map(|w| {
            let end = w[needle.len()..]
                .iter()
                .position(|b| !b.is_ascii_digit())
                .map_or(w.len(), |p| needle.len() + p);
            &w[..end]
        })
        .collect();
    names.sort();
    names.dedup();
    names.len()
}

#[test]
fn workbook_caches_the_engines_numbers_beside_live_formulas() {
    let (project, result) = borough();
    let bytes = export::xlsx(&project, &result).expect("the workbook is written");
    let charts = chart_parts(&bytes);
    let mut book = open(bytes);
    let names = export::sheet_names(&project);
    let mut expected = vec!["Summary".to_owned(), "Who pays".into(), "Portfolio".into()];
    expected.extend(names.iter().cloned());
    expected.push("Switching values".into());
    // The example has a baseline and actuals: plan against actual comes next; it keeps a
    // register and reviews: their sheet comes last.
    expected.push("Plan vs actual".into());
    assert!(project.keeps_review_data());
    expected.push("Register".into());
    assert_eq!(book.sheet_names(), expected);
    // One line chart per flows sheet (each partnership and the portfolio) and the who-pays bars.
    assert_eq!(charts, project.partnerships.len() + 2);

    for (name, r) in names.iter().zip(&result.partnerships) {
        let values = book.worksheet_range(name).expect("the sheet reads");
        let formulas = book.worksheet_formula(name).expect("the formulas read");
        let m = &r.measures;
        for (row, engine) in [
            (R_PVC, m.pvc),
            (R_PV_FISCAL, m.pvb.fiscal),
            (R_PV_ECONOMIC, m.pvb.economic),
            (R_PV_SOCIAL, m.pvb.social),
            (R_PVB, m.pvb_total),
            (R_NET, m.net_value),
            (R_BUDGET, m.net_budget_impact),
        ] {
            same(number(&values, row, 1), engine, 2);
        }
        ratio_cell(&values, R_BCR, m.bcr);
        ratio_cell(&values, R_FISCAL_ROI, m.fiscal_roi);
        match m.payback {
            Payback::Years(y) => same(number(&values, R_PAYBACK, 1), y, 2),
            Payback::Never => assert_eq!(text(&values, R_PAYBACK, 1), "never"),
        }
        let flag = text(&values, R_FLAG, 1);
        assert_eq!(flag.contains("consider scaling down"), r.negative, "{name}");
        // Beside the Green Book measures: fiscal payback and the SROI ratio, with the
        // SROI discount factors (the schedule from year 1) in their own column.
        match m.fiscal_payback {
            Payback::Years(y) => same(number(&values, R_FISCAL_PAYBACK, 1), y, 2),
            Payback::Never => assert_eq!(text(&values, R_FISCAL_PAYBACK, 1), "never"),
        }
        same(number(&values, R_SROI_IMPACT, 1), m.sroi_impact, 2);
        same(number(&values, R_SROI_INPUTS, 1), m.sroi_inputs, 2);
        ratio_cell(&values, R_SROI, m.sroi_ratio);
        assert_eq!(
            formula(&formulas, R_SROI, 1),
            "IF($B$21=0,\"n/a\",$B$20/$B$21)"
        );
        assert_eq!(formula(&formulas, R_FIRST, C_SROI_FACTOR), "D26/(1+0.035)");
        for (t, engine) in result.sroi_factors.iter().enumerate() {
            same(
                number(&values, R_FIRST + t as u32, C_SROI_FACTOR),
                *engine,
                10,
            );
        }

        // The formulas are there, not just values.
        assert!(formula(&formulas, R_PVC, 1).starts_with("SUMPRODUCT($D$26:$D$35,$E$26:$E$35"));
        assert_eq!(formula(&formulas, R_PVB, 1), "$B$6+$B$8+$B$9");
        assert_eq!(formula(&formulas, R_NET, 1), "$B$10-$B$5");
        assert_eq!(
            formula(&formulas, R_BCR, 1),
            "IF($B$5=0,\"n/a\",$B$10/$B$5)"
        );
        assert!(formula(&formulas, R_PAYBACK, 1).contains("MIN($M$26:$M$35)"));
        assert_eq!(formula(&formulas, R_FIRST, C_FACTOR), "1/(1+C26)");
        assert_eq!(formula(&formulas, R_FIRST + 1, C_FACTOR), "D26/(1+C27)");
        assert_eq!(formula(&formulas, R_FIRST + 1, C_CUMULATIVE), "L26+K27");

        // Discount factors, and what the formulas compute from the inputs in the sheet.
        let mut df = 1.0;
        let mut pvc = 0.0;
        for (t, engine) in result.discount_factors.iter().enumerate() {
            let row = R_FIRST + t as u32;
            same(number(&values, row, C_FACTOR), *engine, 4);
            df /= 1.0 + number(&values, row, C_RATE);
            same(df, *engine, 10);
            pvc += df * number(&values, row, C_COSTS);
            same(number(&values, row, C_CUMULATIVE), r.cumulative_net[t], 2);
        }
        same(pvc, m.pvc, 2);
    }

    // The summary links to each partnership sheet and totals the portfolio.
    let summary = book.worksheet_range("Summary").expect("summary");
    let summary_formulas = book.worksheet_formula("Summary").expect("summary formulas");
    let header_row = (0..summary.height() as u32)
        .find(|r| matches!(summary.get_value((*r, 0)), Some(Data::String(s)) if s == "Partnership"))
        .expect("the partnership table");
    for (k, r) in result.partnerships.iter().enumerate() {
        let row = header_row + 1 + k as u32;
        same(number(&summary, row, 3), r.measures.pvc, 2);
        same(number(&summary, row, 8), r.measures.net_value, 2);
        let link = formula(&summary_formulas, row, 3);
        assert!(link.ends_with("!$B$5"), "{link}");
    }
    let total = header_row + 1 + result.partnerships.len() as u32;
    let pm = &result.portfolio.measures;
    assert_eq!(text(&summary, total, 0), "Portfolio");
    same(number(&summary, total, 3), pm.pvc, 2);
    same(number(&summary, total, 7), pm.pvb_total, 2);
    same(number(&summary, total, 8), pm.net_value, 2);
    same(number(&summary, total, 9), pm.bcr.expect("costs"), 4);
    assert!(formula(&summary_formulas, total, 3).starts_with("SUM(D"));
    let mut labels = Vec::new();
    for row in 4..12 {
        if let Some(Data::String(s)) = summary.get_value((row, 0)) {
            labels.push(s.clone());
        }
    }
    for (name, _) in partnership_appraisal::report::conventions(&project) {
        assert!(
            labels.iter().any(|l| l == name),
            "convention {name} missing"
        );
    }

    // Who pays: each partner's position and its portfolio exposure.
    let who = book.worksheet_range("Who pays").expect("who pays");
    let who_formulas = book
        .worksheet_formula("Who pays")
        .expect("who pays formulas");
    let first = &result.partnerships[0];
    for (k, position) in first.partners.iter().enumerate() {
        let row = 4 + k as u32;
        assert_eq!(text(&who, row, 1), position.partner);
        same(number(&who, row, 2), position.pv_costs, 2);
        same(number(&who, row, 3), position.pv_fiscal, 2);
        same(number(&who, row, 6), position.net_budget, 2);
        assert!(formula(&who_formulas, row, 2).starts_with("SUMPRODUCT('"));
    }
    for position in &result.portfolio.partners {
        let row = (0..who.height() as u32)
            .rev()
            .find(|r| matches!(who.get_value((*r, 0)), Some(Data::String(s)) if *s == position.partner))
            .expect("an exposure row");
        same(number(&who, row, 2), position.pv_costs, 2);
        same(number(&who, row, 3), position.pv_fiscal, 2);
        same(number(&who, row, 7), position.net_value, 2);
        assert!(formula(&who_formulas, row, 2).contains("EXACT("));
    }
}

#[test]
fn discount_factor_formulas_follow_the_declining_schedule_and_the_year0_convention() {
    for (schedule, year0) in [
        (DiscountSchedule::Standard, Year0Convention::GreenBook),
        (
            DiscountSchedule::Standard,
            Year0Convention::DiscountFirstYear,
        ),
        (DiscountSchedule::Health, Year0Convention::GreenBook),
        (
            DiscountSchedule::Custom(Rate(dec!(0.05))),
            Year0Convention::DiscountFirstYear,
        ),
    ] {
        let mut project = load("example.ron");
        project.settings.horizon_years = 130;
        project.settings.discount = schedule;
        project.settings.year0 = year0;
        let result = appraisal::appraise(&project);
        let bytes = export::xlsx(&project, &result).expect("the workbook is written");
        let mut book = open(bytes);
        let name = &export::sheet_names(&project)[0];
        let values = book.worksheet_range(name).expect("sheet");
        let mut df = 1.0;
        for (t, engine) in result.discount_factors.iter().enumerate() {
            let row = R_FIRST + t as u32;
            df /= 1.0 + number(&values, row, C_RATE);
            same(df, *engine, 12);
            same(number(&values, row, C_FACTOR), *engine, 12);
        }
        if schedule == DiscountSchedule::Standard && year0 == Year0Convention::GreenBook {
            // Published factors: DF(40) 0.2651, DF(100) 0.0508.
            same(number(&values, R_FIRST + 40, C_FACTOR), dec!(0.2651), 4);
            same(number(&values, R_FIRST + 100, C_FACTOR), dec!(0.0508), 4);
            assert_eq!(number(&values, R_FIRST, C_RATE), 0.0);
            assert_eq!(number(&values, R_FIRST + 31, C_RATE), 0.03);
        }
    }
}

#[test]
fn odd_projects_export_without_failing() {
    // Nothing at all.
    let empty = Project::new("Empty");
    let a = appraisal::appraise(&empty);
    let mut book = open(export::xlsx(&empty, &a).expect("an empty workbook"));
    assert_eq!(
        book.sheet_names(),
        vec!["Summary", "Who pays", "Portfolio", "Switching values"]
    );
    let portfolio = book.worksheet_range("Portfolio").expect("portfolio");
    assert_eq!(text(&portfolio, R_BCR, 1), "n/a");
    assert_eq!(text(&portfolio, R_PAYBACK, 1), "never");
    let csv = export::csv_files(&empty, &a);
    assert_eq!(csv.len(), 3);
    assert!(export::html(&empty, &a).contains("<h2 id=\"portfolio\">"));

    // Awkward names, a partnership with nothing in it, a zero-cost ratio, 300 years.
    let mut project = load("borough-portfolio.ron");
    project.settings.horizon_years = 300;
    project.settings.year0 = Year0Convention::DiscountFirstYear;
    project.partnerships[0].name = "Bob's \"pilot\" [phase 1]: A/B?".into();
    project.partnerships[1].name = "'".into();
    let mut twin = project.partnerships[2].clone();
    twin.name = project.partnerships[2].name.to_uppercase();
    project.partnerships.push(twin);
    project.partnerships.push(Partnership::new("Nothing yet"));
    let a = appraisal::appraise(&project);
    let names = export::sheet_names(&project);
    for name in &names {
        assert!(name.encode_utf16().count() <= 31, "{name}");
        assert!(
            !name.contains(['[', ']', ':', '*', '?', '/', '\\']),
            "{name}"
        );
        assert!(!name.starts_with('\'') && !name.ends_with('\''), "{name}");
    }
    let lower: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
    for (i, n) in lower.iter().enumerate() {
        assert!(!lower[..i].contains(n), "duplicate sheet name {n}");
    }
    assert_eq!(names[0], "Bob's \"pilot\" (phase 1)- A-B");
    assert_eq!(names[1], "Partnership 2");
    let bytes = export::xlsx(&project, &a).expect("the workbook is written");
    let mut book = open(bytes);
    let summary_formulas = book.worksheet_formula("Summary").expect("summary");
    assert!(
        summary_formulas
            .used_cells()
            .any(|(_, _, f)| f.contains("'Bob''s \"pilot\" (phase 1)- A-B'!$B$5")),
        "an apostrophe in a sheet name is doubled in references"
    );
    let nothing = book.worksheet_range("Nothing yet").expect("sheet");
    assert_eq!(text(&nothing, R_BCR, 1), "n/a");
    let last = R_FIRST + 299;
    same(
        number(&nothing, last, C_FACTOR),
        *a.discount_factors.last().expect("300 factors"),
        12,
    );
    assert!(export::html(&project, &a).contains("Bob&#39;s &quot;pilot&quot; [phase 1]: A/B?"));

    // No years at all (a hand-edited file can say so; validate reports it).
    project.settings.horizon_years = 0;
    let a = appraisal::appraise(&project);
    assert!(a.years.is_empty());
    let mut book = open(export::xlsx(&project, &a).expect("a workbook with no years"));
    let nothing = book.worksheet_range("Nothing yet").expect("sheet");
    assert_eq!(text(&nothing, R_PAYBACK, 1), "never");
    assert!(export::html(&project, &a).contains("There are no years to chart."));
    assert_eq!(export::csv_files(&project, &a)[1].1.lines().count(), 1);
}
