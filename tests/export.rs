//! Exports and imports: the workbook read back with calamine and compared with the
//! engine, the CSV files parsed back, the board pack checked for its sections and for
//! anything external, spreadsheet paste and unit-cost import.

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use partnership_appraisal::appraisal::{self, Appraisal, Payback};
use partnership_appraisal::export;
use partnership_appraisal::file;
use partnership_appraisal::format;
use partnership_appraisal::import::{paste, unit_costs};
use partnership_appraisal::model::{
    BenefitDetail, BenefitType, CostDetail, CostType, DiscountSchedule, FinancialYear, Impact,
    Layer, OtherCategory, Partnership, Profile, Project, Rate, Year0Convention,
};
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;
use rust_decimal_macros::dec;
use std::io::Cursor;
use std::path::Path;

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

fn load(name: &str) -> Project {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("saves")
        .join(name);
    file::load(&path).unwrap_or_else(|e| panic!("{name} does not load: {e}"))
}

fn borough() -> (Project, Appraisal) {
    let project = load("borough-portfolio.ron");
    let result = appraisal::appraise(&project);
    (project, result)
}

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

#[test]
fn board_pack_has_every_section_and_nothing_external() {
    let (project, result) = borough();
    let html = export::html(&project, &result);
    for forbidden in [
        "http",
        "src=\"//",
        "<link",
        "<script",
        "url(",
        "@import",
        "@font-face",
    ] {
        assert!(
            !html.contains(forbidden),
            "the board pack contains {forbidden}"
        );
    }
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("@page { size: A4"));
    assert_eq!(html.matches("<h1>").count(), 1);
    assert_eq!(
        html.matches("<section class=\"partnership\"").count(),
        project.partnerships.len()
    );
    assert!(
        html.contains(".partnership, .appendix { break-before: page; page-break-before: always; }")
    );
    assert_eq!(
        html.matches("<table").count(),
        html.matches("<caption>").count()
    );
    assert!(html.matches("<th scope=\"col\"").count() > 20);
    assert!(html.matches("<th scope=\"row\"").count() > 20);
    // Three charts per partnership (the example has a baseline, so each has its plan
    // against actual), each with a title and a description.
    let charts = 3 * project.partnerships.len();
    assert_eq!(html.matches("<svg ").count(), charts);
    assert_eq!(html.matches("role=\"img\"").count(), charts);
    assert_eq!(html.matches("</desc>").count(), charts);

    for heading in [
        "<h2 id=\"conventions\">Conventions</h2>",
        "<h2 id=\"portfolio\">Portfolio summary</h2>",
        "<h2 id=\"assumptions\">Assumptions log</h2>",
        "<h2 id=\"grades\">Confidence grades</h2>",
    ] {
        assert!(html.contains(heading), "missing {heading}");
    }
    for (name, _) in partnership_appraisal::report::conventions(&project) {
        assert!(
            html.contains(&format!("<th scope=\"row\">{name}</th>")),
            "{name}"
        );
    }
    let sym = &project.settings.currency_symbol;
    for (i, (p, r)) in project
        .partnerships
        .iter()
        .zip(&result.partnerships)
        .enumerate()
    {
        let start = html
            .find(&format!("<section class=\"partnership\" id=\"p{}\"", i + 1))
            .expect("section");
        let end = html[start..]
            .find("</section>")
            .map(|e| start + e)
            .expect("end");
        let section = &html[start..end];
        assert!(section.contains(&format!("<h2 id=\"p{}-h\">", i + 1)));
        for h3 in [
            "Headline results",
            "Who pays and who benefits",
            "Partnership profile (7S)",
            "Business as usual",
            "Sensitivity",
        ] {
            assert!(
                section.contains(&format!("{h3}</h3>")),
                "{} lacks {h3}",
                p.name
            );
        }
        let net = format::money_whole(r.measures.net_value, sym);
        assert!(
            section.contains(&net),
            "{} lacks its net value {net}",
            p.name
        );
        assert!(section.contains(&format::ratio(r.measures.bcr)));
        assert!(section.contains(&format::payback(r.measures.payback)));
        assert_eq!(section.contains("class=\"flag\""), r.negative, "{}", p.name);
        for impact in &p.impacts {
            let shown = impact
                .description
                .replace('&', "&amp;")
                .replace('\'', "&#39;");
            assert!(section.contains(&shown), "{} lacks an impact", p.name);
        }
        if !r.pools.is_empty() {
            assert!(section.contains("Pooled funds</h3>"));
            assert!(section.contains("Share of the pool"));
        }
        for label in ["SCS outcomes", "Staff and skills", "Standards"] {
            assert!(section.contains(&format!("<th scope=\"row\">{label}</th>")));
        }
    }
    let negative = result.partnerships.iter().filter(|r| r.negative).count();
    assert!(negative > 0, "the example has a partnership to flag");
    assert_eq!(
        html.matches("consider scaling down their involvement")
            .count(),
        negative
    );
    // The assumptions and grades come after the last partnership.
    let last_partnership = html
        .rfind("<section class=\"partnership\"")
        .expect("a partnership");
    assert!(html.find("Assumptions log").expect("log") > last_partnership);
    for grade in &project.confidence_grades {
        assert!(html.contains(&format!("<th scope=\"row\">{}</th>", grade.grade)));
    }
}

/// The SVG charts of a board pack, each from `<svg` to `</svg>`.
fn svg_charts(html: &str) -> Vec<&str> {
    html.match_indices("<svg ")
        .map(|(start, _)| {
            let end = html[start..].find("</svg>").expect("closed") + start;
            &html[start..end]
        })
        .collect()
}

/// Every colour written as `#…` in `text`.
fn hex_colours(text: &str) -> Vec<String> {
    text.match_indices('#')
        .map(|(i, _)| {
            text[i + 1..]
                .chars()
                .take_while(char::is_ascii_hexdigit)
                .collect::<String>()
                .to_lowercase()
        })
        .filter(|h| h.len() == 3 || h.len() == 6)
        .map(|h| format!("#{h}"))
        .collect()
}

/// Issue 14: the board pack's bars were red and green, not the app's colour-blind-safe
/// palette.
#[test]
fn board_pack_charts_use_the_apps_palette_and_no_red_or_green() {
    use partnership_appraisal::palette;
    let (project, result) = borough();
    let html = export::html(&project, &result);
    let charts = svg_charts(&html);
    // The cumulative, who-pays and (with the example's baseline) plan-against-actual charts.
    assert_eq!(charts.len(), 3 * project.partnerships.len());
    let allowed = [
        palette::COST.hex(),
        palette::BENEFIT.hex(),
        palette::ORANGE.hex(),
        palette::INK.hex(),
        // Greys for text, axes and grid lines.
        "#333".to_owned(),
        "#111".to_owned(),
        "#ddd".to_owned(),
    ];
    for chart in &charts {
        for colour in hex_colours(chart) {
            assert!(allowed.contains(&colour), "{colour} is not in the palette");
        }
        for word in ["\"red\"", "\"green\"", "#b00020", "#1b6e3a", "#c00"] {
            assert!(!chart.contains(word), "a chart still uses {word}");
        }
    }
    // Each partner row of each who-pays chart: a vermillion cost bar and a blue benefit bar.
    let rows: usize = result
        .partnerships
        .iter()
        .map(|r| r.partners.len() + usize::from(!r.wider_society.is_zero()))
        .sum();
    let cost_bars = format!("height=\"14\" fill=\"{}\"", palette::COST.hex());
    let benefit_bars = format!("height=\"14\" fill=\"{}\"", palette::BENEFIT.hex());
    let all = charts.concat();
    assert_eq!(all.matches(&cost_bars).count(), rows);
    assert_eq!(all.matches(&benefit_bars).count(), rows);
    // The warnings around the figures use the palette's dark vermillion, not red.
    for colour in hex_colours(&html) {
        assert_ne!(colour, "#b00020");
    }
}

/// Issue 14: on screen the who-pays tables ran past the page's width.
#[test]
fn board_pack_wide_tables_fit_the_page() {
    let (project, result) = borough();
    let html = export::html(&project, &result);
    let style = &html[html.find("<style>").expect("style")..html.find("</style>").expect("end")];
    // Wide tables take smaller type and tighter cells, shrink further in print, and scroll
    // within the page on a narrow screen rather than running past it.
    assert!(style.contains(".fit { max-width: 100%; overflow-x: auto; }"));
    assert!(style.contains("table.wide { font-size: 8pt;"));
    assert!(
        style.contains(
            "@media print { .fit { overflow: visible; } table.wide { font-size: 7.5pt; } }"
        )
    );
    assert!(style.contains("max-width: 100%; margin: 4pt 0 8pt;"));
    // No table has a width of its own beyond the page.
    for rule in style.split('}') {
        if rule.contains("table") {
            for width in rule
                .split(';')
                .filter(|d| d.trim_start().starts_with("width"))
            {
                assert_eq!(width.trim(), "width: 100%", "in {rule}");
            }
        }
    }
    assert!(!html.contains("<table style"));
    // Every who-pays table is a wide one, inside a fitting box: one for the portfolio's
    // exposure and one per partnership.
    let who_pays = html
        .matches(
            "<div class=\"fit\"><table class=\"wide\">\n<caption>Present values by partner in ",
        )
        .count();
    assert_eq!(who_pays, project.partnerships.len());
    assert!(html.contains(
        "<div class=\"fit\"><table class=\"wide\">\n<caption>What each partner bears and receives across all partnerships"
    ));
    assert_eq!(
        html.matches("<div class=\"fit\"><table").count(),
        html.matches("<table").count()
    );
}

#[test]
fn board_pack_escapes_user_text() {
    let (mut project, _) = borough();
    project.name = "<script>alert('x')</script> & \"Co\"".into();
    project.partnerships[0].name = "<img src=x onerror=alert(1)>".into();
    project.partnerships[0].impacts.push(Impact {
        description: "</td><script>evil()</script>".into(),
        direction: partnership_appraisal::model::Direction::Negative,
        significance: partnership_appraisal::model::Significance::High,
    });
    project.partnerships[0].bau = "Line one\n\nLine <two>".into();
    let result = appraisal::appraise(&project);
    let html = export::html(&project, &result);
    assert!(!html.contains("<script"));
    assert!(!html.contains("<img"));
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;"));
    assert!(html.contains("&lt;/td&gt;&lt;script&gt;evil()&lt;/script&gt;"));
    assert!(html.contains("<p>Line one</p>\n<p>Line &lt;two&gt;</p>"));
}

/// An RFC 4180 reader for the tests.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(
        field.is_empty() && row.is_empty(),
        "the file ends with a newline"
    );
    rows
}

fn dec(text: &str) -> Decimal {
    text.parse()
        .unwrap_or_else(|_| panic!("'{text}' is not a number"))
}

#[test]
fn csv_files_parse_back_and_agree_with_the_engine() {
    let (mut project, _) = borough();
    project.partnerships[0].name = "Safer, \"Northbridge\"".into();
    let result = appraisal::appraise(&project);
    let files = export::csv_files(&project, &result);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "results.csv",
            "flows_by_partnership.csv",
            "flows_by_partner.csv"
        ]
    );
    assert_eq!(
        files[0].1,
        partnership_appraisal::report::csv(
            &project,
            &result,
            &appraisal::problems(&project, &result)
        )
    );
    for (name, text) in &files {
        let rows = parse_csv(text);
        let width = rows[0].len();
        for (i, row) in rows.iter().enumerate() {
            assert_eq!(
                row.len(),
                width,
                "{name} row {} has {} fields",
                i + 1,
                row.len()
            );
        }
    }

    let n = result.years.len();
    let flows = parse_csv(&files[1].1);
    assert_eq!(
        flows[0],
        [
            "partnership",
            "year",
            "year_index",
            "discount_factor",
            "costs",
            "fiscal",
            "economic",
            "social",
            "net",
            "discounted_net"
        ]
    );
    assert_eq!(flows.len(), 1 + n * project.partnerships.len());
    assert_eq!(flows[1][0], "Safer, \"Northbridge\"");
    for (k, r) in result.partnerships.iter().enumerate() {
        let mut discounted = Decimal::ZERO;
        for t in 0..n {
            let row = &flows[1 + k * n + t];
            assert_eq!(row[0], project.partnerships[k].name);
            assert_eq!(row[1], result.years[t].to_string());
            assert_eq!(row[2], t.to_string());
            assert_eq!(dec(&row[3]), format::round(result.discount_factors[t], 10));
            assert_eq!(dec(&row[4]), format::round(r.flows.costs[t], 2));
            assert_eq!(dec(&row[5]), format::round(r.flows.benefits.fiscal[t], 2));
            assert_eq!(row[4].split('.').nth(1).map(str::len), Some(2), "pence");
            discounted += dec(&row[9]);
        }
        let tolerance = Decimal::new(5, 3) * Decimal::from(n as u64);
        assert!(
            (discounted - r.measures.net_value).abs() <= tolerance,
            "the discounted net adds up to the net value"
        );
    }

    let partners = parse_csv(&files[2].1);
    assert_eq!(
        partners[0],
        [
            "partnership",
            "partner",
            "year",
            "costs",
            "fiscal",
            "cashable",
            "economic_and_social"
        ]
    );
    for (k, (p, r)) in project
        .partnerships
        .iter()
        .zip(&result.partnerships)
        .enumerate()
    {
        let mine: Vec<&Vec<String>> = partners[1..]
            .iter()
            .filter(|row| row[0] == p.name)
            .collect();
        for position in &r.partners {
            let rows: Vec<&&Vec<String>> = mine
                .iter()
                .filter(|row| row[1] == position.partner)
                .collect();
            assert_eq!(rows.len(), n, "{} in {}", position.partner, p.name);
            let pv = |col: usize| -> Decimal {
                rows.iter()
                    .zip(&result.discount_factors)
                    .map(|(row, f)| dec(&row[col]) * f)
                    .sum()
            };
            let tolerance = dec!(0.01) * Decimal::from(n as u64);
            assert!(
                (pv(3) - position.pv_costs).abs() <= tolerance,
                "{}",
                position.partner
            );
            assert!((pv(4) - position.pv_fiscal).abs() <= tolerance);
            assert!((pv(5) - position.pv_cashable).abs() <= tolerance);
            assert!((pv(6) - position.pv_other).abs() <= tolerance);
        }
        // Every partner row (and wider society) adds up to the partnership's yearly costs.
        for t in 0..n {
            let year = result.years[t].to_string();
            let costs: Decimal = mine
                .iter()
                .filter(|row| row[2] == year)
                .map(|row| dec(&row[3]))
                .sum();
            let tolerance = dec!(0.005) * Decimal::from(mine.len() as u64);
            assert!(
                (costs - r.flows.costs[t]).abs() <= tolerance,
                "partnership {k} year {t}: partners' costs {costs} against {}",
                r.flows.costs[t]
            );
        }
    }
}

#[test]
fn paste_reads_other_costs_with_a_year_header_windows_line_endings_and_bad_cells() {
    let (project, _) = borough();
    let block = "Name\tPartner\tCategory\tCost type\tLayer\t2026/27\t2027/28\t2028/29\r\n\
Secretariat\tNorthbridge Council\tSupport team\tRevenue\tExecutive\t£12,000.00\t12,500\t-\r\n\
\"Research, \"\"deep\"\" dive\"\tnorthbridge council\tresearch and intelligence\t\t\t5000\tlots\t\r\n\
\tNorthbridge Council\tEvents\t\t\t100\t\t\r\n\
\t\t\t\t\t\t\t\r\n\
Website\tNobody Council\tWebsites\tCapital\tTop\t(200)\t\t300\r\n";
    let rows = paste::parse_block(block);
    assert_eq!(rows.len(), 6);
    let pasted = paste::other_costs(&project, &rows);
    assert!(pasted.header);
    assert_eq!(pasted.lines.len(), 3);

    let first = &pasted.lines[0];
    assert_eq!(first.name, "Secretariat");
    assert_eq!(first.cost_type, CostType::Revenue);
    let CostDetail::Other(o) = &first.detail else {
        panic!("an other cost")
    };
    assert_eq!(o.partner, "Northbridge Council");
    assert_eq!(o.category, OtherCategory::SupportTeam);
    assert_eq!(o.layer, Some(Layer::Executive));
    assert_eq!(
        o.amounts,
        Profile::PerYear(vec![dec!(12000), dec!(12500), dec!(0)])
    );

    let second = &pasted.lines[1];
    assert_eq!(second.name, "Research, \"deep\" dive");
    let CostDetail::Other(o) = &second.detail else {
        panic!("an other cost")
    };
    assert_eq!(
        o.partner, "Northbridge Council",
        "case and spacing are forgiven"
    );
    assert_eq!(o.category, OtherCategory::ResearchAndIntelligence);
    assert_eq!(o.amounts, Profile::PerYear(vec![dec!(5000), dec!(0)]));

    let third = &pasted.lines[2];
    assert_eq!(third.cost_type, CostType::Capital);
    let CostDetail::Other(o) = &third.detail else {
        panic!("an other cost")
    };
    assert_eq!(o.partner, "Nobody Council");
    assert_eq!(o.category, OtherCategory::Other);
    assert_eq!(o.layer, None);
    assert_eq!(
        o.amounts,
        Profile::PerYear(vec![dec!(0), dec!(0), dec!(300)])
    );

    let at: Vec<(usize, usize)> = pasted.errors.iter().map(|e| (e.row, e.column)).collect();
    assert_eq!(
        at,
        vec![(3, 7), (4, 1), (6, 2), (6, 3), (6, 5), (6, 6)],
        "{:#?}",
        pasted.errors
    );
    assert!(pasted.errors[0].reason.contains("'lots' is not a number"));
    assert_eq!(pasted.errors[0].text, "lots");
    assert!(pasted.errors[1].reason.contains("needs a name"));
    assert!(
        pasted.errors[2]
            .reason
            .contains("no partner 'Nobody Council'")
    );
    assert!(pasted.errors[5].reason.contains("zero or more"));
    assert_eq!(
        pasted.errors[0].to_string(),
        "row 3, column 7: amount: 'lots' is not a number; taken as 0"
    );
}

#[test]
fn paste_reads_staff_time_and_direct_benefits_without_a_header() {
    let (project, _) = borough();
    let staff = paste::parse_block(
        "Board chair\tNorthbridge Council\tDirector (JNC)\tStrategic\t40\t40\n\
Analyst\tNorthbridge Council\tChief analyst\t\t120.5\n\
Constable\tMetropolitan Police (North Area BCU)\tPolice constable\tsideways\t1.1234567\n",
    );
    let pasted = paste::staff_time(&project, &staff);
    assert!(!pasted.header);
    assert_eq!(pasted.lines.len(), 3);
    let CostDetail::StaffTime(s) = &pasted.lines[0].detail else {
        panic!("staff time")
    };
    assert_eq!(
        (s.grade.as_str(), s.layer),
        ("Director (JNC)", Layer::Strategic)
    );
    assert_eq!(s.hours, Profile::PerYear(vec![dec!(40), dec!(40)]));
    assert_eq!(pasted.lines[0].cost_type, CostType::InKind);
    let CostDetail::StaffTime(s) = &pasted.lines[1].detail else {
        panic!("staff time")
    };
    assert_eq!(s.layer, Layer::Operational);
    let at: Vec<(usize, usize)> = pasted.errors.iter().map(|e| (e.row, e.column)).collect();
    assert_eq!(at, vec![(2, 3), (3, 4), (3, 5)], "{:#?}", pasted.errors);
    assert!(
        pasted.errors[0]
            .reason
            .contains("has no grade 'Chief analyst'")
    );
    assert!(pasted.errors[2].reason.contains("decimal places"));

    let benefits = paste::parse_block(
        "Fewer admissions\tfiscal\tNHS North Thames ICB (Northbridge place)\t60%\t1000\t2000\r\
Earnings\tEconomic\tNorthbridge residents\t\t500\r\
Wellbeing\tSocial\t\t25\t10\r\
Mystery\tspiritual\t\t\t1\r",
    );
    let pasted = paste::direct_benefits(&project, &benefits);
    assert_eq!(pasted.lines.len(), 4);
    let first = &pasted.lines[0];
    assert_eq!(first.benefit_type, BenefitType::Fiscal);
    assert_eq!(first.cashable_share, Rate(dec!(0.6)));
    assert_eq!(
        first.partner.as_deref(),
        Some("NHS North Thames ICB (Northbridge place)")
    );
    assert_eq!(
        first.detail,
        BenefitDetail::Direct(Profile::PerYear(vec![dec!(1000), dec!(2000)]))
    );
    assert_eq!(pasted.lines[1].benefit_type, BenefitType::Economic);
    assert_eq!(pasted.lines[2].partner, None);
    assert_eq!(pasted.lines[2].cashable_share, Rate::ZERO);
    assert_eq!(pasted.lines[3].benefit_type, BenefitType::Fiscal);
    let at: Vec<(usize, usize)> = pasted.errors.iter().map(|e| (e.row, e.column)).collect();
    assert_eq!(at, vec![(3, 4), (4, 2), (4, 3)], "{:#?}", pasted.errors);
}

#[test]
fn unit_costs_import_keeps_good_rows_and_reports_the_rest() {
    let (project, _) = borough();
    let csv = "\u{feff}Outcome,Unit cost (£),Price base,Agency,Source\r\n\
\"Youth offending, first-time entrant\",\"£4,600.00\",2019/20,Northbridge Council,GMCA UCD v2.3\r\n\
Bad value,twelve,2019,,x\r\n\
Bad year,100,19/20,,x\r\n\
,50,2019,,nameless\r\n\
\"Excess bed day (acute, non-elective)\",410,2023,,duplicate of the library\r\n\
\"Youth offending, first-time entrant\",4700,2020,,repeat\r\n\
Hostel night,35.5,2031,Homes Agency,\"multi\nline source\"\r\n\
Court hearing,1200,2024,,\r\n\
\r\n";
    let mut import = unit_costs::read(csv, &project).expect("the file reads");
    let names: Vec<&str> = import
        .values
        .iter()
        .map(|i| i.value.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Youth offending, first-time entrant",
            "Hostel night",
            "Court hearing"
        ]
    );
    let first = &import.values[0];
    assert_eq!(first.line, 2);
    assert_eq!(first.value.value.0, dec!(4600));
    assert_eq!(first.value.price_year, FinancialYear(2019));
    assert_eq!(first.value.partner.as_deref(), Some("Northbridge Council"));
    assert_eq!(first.value.source, "GMCA UCD v2.3");
    let hostel = &import.values[1];
    assert_eq!(hostel.line, 8);
    assert_eq!(hostel.value.partner, None);
    assert_eq!(
        hostel.value.source,
        "multi\nline source (agency: Homes Agency)"
    );
    assert_eq!(
        import.values[2].line, 10,
        "a quoted line break moves the line count on"
    );

    let errors: Vec<usize> = import.errors.iter().map(|e| e.line).collect();
    assert_eq!(errors, [3, 4, 5, 7], "{:#?}", import.errors);
    assert!(
        import.errors[0]
            .message
            .contains("'twelve' is not a number")
    );
    assert!(import.errors[1].message.contains("'19/20' is not a year"));
    assert!(import.errors[3].message.contains("repeats line 2"));
    assert_eq!(import.existing.len(), 1);
    assert_eq!(import.existing[0].line, 6);
    assert!(import.existing[0].to_string().contains("skipped"));
    assert_eq!(import.notes.len(), 1);

    unit_costs::rebase(&project, &mut import);
    let rebased = &import.values[0].value;
    assert_eq!(rebased.price_year, FinancialYear(2026));
    // £4,600 × 105.47 / 80.49 = £6,027.61 (to the penny).
    assert_eq!(rebased.value.0, dec!(6027.61));
    assert!(
        rebased
            .source
            .contains("rebased from £4,600.00 in 2019/20 prices")
    );
    assert_eq!(import.values[1].value.price_year, FinancialYear(2031));
    assert_eq!(import.notes.len(), 2, "{:#?}", import.notes);
    assert!(import.notes[1].message.contains("GDP deflator for 2031/32"));
    // Values rebased at import agree with the engine's own rebasing.
    let engine =
        partnership_appraisal::appraisal::flows::rebase_factor(&project, FinancialYear(2019))
            .expect("deflators");
    assert_eq!(rebased.value.0, format::round(dec!(4600) * engine, 2));
    assert_eq!(import.unit_values().len(), 3);
}

#[test]
fn unit_costs_import_needs_a_header_with_the_required_columns() {
    let project = Project::new("p");
    assert_eq!(
        unit_costs::read("\n\n", &project),
        Err(unit_costs::UnitCostError::Empty)
    );
    let err = unit_costs::read("Name,Price year\nA,2019\n", &project).expect_err("no value column");
    assert!(
        err.to_string()
            .starts_with("line 1: the header has no value column")
    );
    let tabbed = unit_costs::read("Name\tCost\tYear\nA\t1,200\t2024\n", &project).expect("tabs");
    assert_eq!(tabbed.values[0].value.value.0, dec!(1200));
}

#[test]
fn partner_flows_add_up_to_each_partnerships_flows() {
    let (project, result) = borough();
    let n = result.years.len();
    for (i, r) in result.partnerships.iter().enumerate() {
        let rows = export::partner_yearly(&project, i, r, n);
        for t in 0..n {
            let costs: Decimal = rows.iter().map(|p| p.costs[t]).sum();
            let fiscal: Decimal = rows.iter().map(|p| p.fiscal[t]).sum();
            let cashable: Decimal = rows.iter().map(|p| p.cashable[t]).sum();
            let other: Decimal = rows.iter().map(|p| p.economic_and_social[t]).sum();
            assert_eq!(
                format::round(costs, 10),
                format::round(r.flows.costs[t], 10)
            );
            assert_eq!(
                format::round(fiscal, 10),
                format::round(r.flows.benefits.fiscal[t], 10)
            );
            assert_eq!(
                format::round(cashable, 10),
                format::round(r.flows.cashable[t], 10)
            );
            let eco = r.flows.benefits.economic[t] + r.flows.benefits.social[t];
            assert_eq!(format::round(other, 10), format::round(eco, 10));
        }
        for position in &r.partners {
            let row = rows
                .iter()
                .find(|p| p.partner == position.partner && !p.society)
                .expect("a row per partner");
            let pv =
                appraisal::num::present_value(&row.costs, &result.discount_factors).expect("pv");
            assert_eq!(pv, position.pv_costs, "exactly the engine's arithmetic");
        }
    }
}

#[test]
fn paste_reports_header_years_outside_the_appraisal_and_columns_past_300_years() {
    let (project, _) = borough();
    let rows = paste::parse_block(
        "name\tpartner\tcategory\ttype\tlayer\t2027/28\t2027/28\t1999/00\t2040\n\
Venue hire\tNorthbridge Council\tVenue\t\t\t10\t20\t30\t40\n",
    );
    let pasted = paste::other_costs(&project, &rows);
    let at: Vec<(usize, usize)> = pasted.errors.iter().map(|e| (e.row, e.column)).collect();
    assert_eq!(at, vec![(1, 7), (1, 8)], "{:#?}", pasted.errors);
    assert!(pasted.errors[0].reason.contains("already column 6"));
    assert!(pasted.errors[1].reason.contains("outside the appraisal"));
    let CostDetail::Other(o) = &pasted.lines[0].detail else {
        panic!("an other cost")
    };
    let mut expected = vec![Decimal::ZERO; 15];
    expected[1] = dec!(10);
    expected[14] = dec!(40);
    assert_eq!(o.amounts, Profile::PerYear(expected));

    let long = format!(
        "Hours\tNorthbridge Council\tOfficer (SO2)\t\t{}\n",
        vec!["1"; 302].join("\t")
    );
    let pasted = paste::staff_time(&project, &paste::parse_block(&long));
    let at: Vec<(usize, usize)> = pasted.errors.iter().map(|e| (e.row, e.column)).collect();
    assert_eq!(at, vec![(1, 305), (1, 306)]);
    let CostDetail::StaffTime(s) = &pasted.lines[0].detail else {
        panic!("staff time")
    };
    assert_eq!(s.hours, Profile::PerYear(vec![dec!(1); 300]));
}
