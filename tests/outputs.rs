//! Right pockets: in every output, the partner rows plus wider society add up to the
//! partnership's totals (costs, benefits by type, net value), for every example in
//! saves/ and for generated projects. Each output is read back as a reader would: the
//! CSV parsed, the JSON walked, the workbook opened with calamine, the board pack's
//! HTML tables parsed.

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use partnership_appraisal::appraisal::{self, Appraisal, Measures};
use partnership_appraisal::export::{self, WIDER_SOCIETY};
use partnership_appraisal::model::Project;
use partnership_appraisal::{file, generate, report};
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;
use serde_json::Value;
use std::io::Cursor;
use std::path::Path;
use std::str::FromStr;

mod common;
use common::parse_csv;

/// Every example in saves/, and generated projects of a few seeds, with partnership
/// names made unique so rows can be told apart by name.
fn projects() -> Vec<(String, Project, Appraisal)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    names.sort();
    assert!(names.len() >= 3, "the examples are there");
    let mut out: Vec<(String, Project)> = names
        .iter()
        .map(|p| (p.display().to_string(), file::load(p).unwrap()))
        .collect();
    for seed in [1, 2, 3] {
        out.push((
            format!("generated, seed {seed}"),
            generate::project(12, seed),
        ));
    }
    out.into_iter()
        .map(|(name, mut project)| {
            for (k, p) in project.partnerships.iter_mut().enumerate() {
                p.name = format!("{} ({k})", p.name);
            }
            let result = appraisal::appraise(&project);
            (name, project, result)
        })
        .collect()
}

/// Rounded rows may each be half a penny out.
fn tolerance(rows: usize) -> Decimal {
    Decimal::new(5, 3) * Decimal::from(rows as u64 + 1)
}

fn near(what: &str, sum: Decimal, total: Decimal, rows: usize) {
    assert!(
        (sum - total).abs() <= tolerance(rows),
        "{what}: rows add up to {sum}, the total is {total}"
    );
}

/// Checks that partner rows (costs, fiscal, economic, social, net value) plus wider
/// society add up to the totals.
fn adds_up(what: &str, rows: &[[Decimal; 5]], m: &Measures) {
    let sum = |i: usize| rows.iter().map(|r| r[i]).sum::<Decimal>();
    let n = rows.len();
    near(&format!("{what}: costs"), sum(0), m.pvc, n);
    near(&format!("{what}: fiscal"), sum(1), m.pvb.fiscal, n);
    near(&format!("{what}: economic"), sum(2), m.pvb.economic, n);
    near(&format!("{what}: social"), sum(3), m.pvb.social, n);
    near(&format!("{what}: net value"), sum(4), m.net_value, n);
}

fn dec(text: &str) -> Decimal {
    if text.is_empty() {
        return Decimal::ZERO;
    }
    Decimal::from_str(text).unwrap_or_else(|_| panic!("'{text}' is not a number"))
}

#[test]
fn results_csv_partner_rows_and_wider_society_add_up_to_each_partnership() {
    for (name, project, result) in projects() {
        let problems = appraisal::problems(&project, &result);
        let rows = parse_csv(&report::csv(&project, &result, &problems));
        let col = |h: &str| rows[0].iter().position(|x| x == h).unwrap();
        let cols = [
            "pv_costs",
            "pv_fiscal",
            "pv_economic",
            "pv_social",
            "net_value",
        ]
        .map(col);
        let totals: Vec<&Vec<String>> = rows[1..].iter().filter(|r| r[1].is_empty()).collect();
        let parts: Vec<&Vec<String>> = rows[1..].iter().filter(|r| !r[1].is_empty()).collect();
        // The partner rows of each partnership, in order, each group ending with its
        // wider-society row.
        let mut groups: Vec<Vec<[Decimal; 5]>> = vec![Vec::new()];
        let mut group_names = Vec::new();
        for r in &parts {
            groups.last_mut().unwrap().push(cols.map(|c| dec(&r[c])));
            if r[1] == WIDER_SOCIETY {
                group_names.push(r[0].clone());
                groups.push(Vec::new());
            }
        }
        groups.pop();
        assert_eq!(
            groups.len(),
            totals.len(),
            "{name}: one wider-society row for each partnership and the portfolio"
        );
        let measures = result
            .partnerships
            .iter()
            .map(|r| &r.measures)
            .chain([&result.portfolio.measures]);
        for (((group, group_name), total), m) in
            groups.iter().zip(&group_names).zip(&totals).zip(measures)
        {
            assert_eq!(*group_name, total[0], "the rows follow the totals' order");
            let what = format!("{name}, results.csv, {}", total[0]);
            // The file's own total row, and the engine's, agree with the rows' sum.
            let own = cols.map(|c| dec(&total[c]));
            let mut file_totals = m.clone();
            file_totals.pvc = own[0];
            file_totals.pvb.fiscal = own[1];
            file_totals.pvb.economic = own[2];
            file_totals.pvb.social = own[3];
            file_totals.net_value = own[4];
            adds_up(&what, group, &file_totals);
            adds_up(&what, group, m);
        }
    }
}

fn json_dec(v: &Value) -> Decimal {
    match v {
        Value::String(s) => dec(s),
        other => panic!("not a decimal string: {other}"),
    }
}

/// A partnership's or the portfolio's rows from the JSON report.
fn json_rows(block: &Value) -> Vec<[Decimal; 5]> {
    let mut rows: Vec<[Decimal; 5]> = block["partners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            [
                "pv_costs",
                "pv_fiscal",
                "pv_economic",
                "pv_social",
                "net_value",
            ]
            .map(|k| json_dec(&p[k]))
        })
        .collect();
    let w = &block["wider_society_by_type"];
    let society = json_dec(&block["wider_society"]);
    rows.push([
        Decimal::ZERO,
        json_dec(&w["fiscal"]),
        json_dec(&w["economic"]),
        json_dec(&w["social"]),
        society,
    ]);
    rows
}

fn json_measures(m: &Value, engine: &Measures) -> Measures {
    let mut out = engine.clone();
    out.pvc = json_dec(&m["pvc"]);
    out.pvb.fiscal = json_dec(&m["pvb_fiscal"]);
    out.pvb.economic = json_dec(&m["pvb_economic"]);
    out.pvb.social = json_dec(&m["pvb_social"]);
    out.net_value = json_dec(&m["net_value"]);
    out
}

#[test]
fn json_partner_rows_and_wider_society_add_up_to_each_partnership() {
    for (name, project, result) in projects() {
        let report = report::Report::new(&project, &result, Vec::new());
        let json = serde_json::to_value(&report).unwrap();
        let partnerships = json["partnerships"].as_array().unwrap();
        assert_eq!(partnerships.len(), result.partnerships.len());
        for (p, r) in partnerships.iter().zip(&result.partnerships) {
            let what = format!("{name}, JSON, {}", r.name);
            let rows = json_rows(p);
            adds_up(&what, &rows, &json_measures(&p["measures"], &r.measures));
            adds_up(&what, &rows, &r.measures);
        }
        let pf = &json["portfolio"];
        let rows = json_rows(pf);
        let m = &result.portfolio.measures;
        adds_up(
            &format!("{name}, JSON, portfolio"),
            &rows,
            &json_measures(&pf["measures"], m),
        );
    }
}

fn cell(range: &calamine::Range<Data>, row: u32, col: u32) -> Decimal {
    match range.get_value((row, col)) {
        Some(Data::Float(f)) => Decimal::from_f64(*f).unwrap(),
        Some(Data::Int(i)) => Decimal::from(*i),
        Some(Data::Empty) | None => Decimal::ZERO,
        Some(other) => panic!("({row}, {col}) is not a number: {other:?}"),
    }
}

fn cell_text(range: &calamine::Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        _ => String::new(),
    }
}

/// The "Who pays" sheet's columns: costs, fiscal, economic and social, net value.
const W_COLS: [u32; 4] = [2, 3, 5, 7];
/// Rows of a partnership sheet (zero-based, docs/EXPORTS.md): PVC, PV fiscal, economic,
/// social, net value; the figures are in the second column.
const SHEET_ROWS: [u32; 5] = [4, 5, 7, 8, 10];

/// Sums a workbook's partner rows: costs, fiscal, economic and social, net value.
fn workbook_sums(rows: &[[Decimal; 4]]) -> [Decimal; 4] {
    let mut sum = [Decimal::ZERO; 4];
    for r in rows {
        for (s, x) in sum.iter_mut().zip(r) {
            *s += x;
        }
    }
    sum
}

fn workbook_near(what: &str, rows: &[[Decimal; 4]], totals: [Decimal; 4]) {
    let sum = workbook_sums(rows);
    for (i, label) in ["costs", "fiscal", "economic and social", "net value"]
        .iter()
        .enumerate()
    {
        assert!(
            (sum[i] - totals[i]).abs() <= Decimal::new(1, 2),
            "{what}: {label} rows add up to {}, the total is {}",
            sum[i],
            totals[i]
        );
    }
}

#[test]
fn workbook_partner_rows_and_wider_society_add_up_to_each_partnership() {
    for (name, project, result) in projects() {
        let bytes = export::xlsx(&project, &result).unwrap();
        let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
        let who = book.worksheet_range("Who pays").unwrap();
        let mut by_partnership: Vec<(String, Vec<[Decimal; 4]>)> = Vec::new();
        let mut row = 4;
        while !cell_text(&who, row, 0).is_empty() {
            let values = W_COLS.map(|c| cell(&who, row, c));
            let p = cell_text(&who, row, 0);
            match by_partnership.last_mut() {
                Some((last, rows)) if *last == p => rows.push(values),
                _ => by_partnership.push((p, vec![values])),
            }
            row += 1;
        }
        let sheets = export::sheet_names(&project);
        for ((p, r), sheet) in project
            .partnerships
            .iter()
            .zip(&result.partnerships)
            .zip(&sheets)
        {
            let rows = by_partnership
                .iter()
                .find(|(n, _)| *n == p.name)
                .map(|(_, rows)| rows.clone())
                .unwrap_or_default();
            let values = book.worksheet_range(sheet).unwrap();
            let v = SHEET_ROWS.map(|r| cell(&values, r, 1));
            let what = format!("{name}, workbook, {}", p.name);
            workbook_near(&what, &rows, [v[0], v[1], v[2] + v[3], v[4]]);
            let m = &r.measures;
            let engine = [
                m.pvc,
                m.pvb.fiscal,
                m.pvb.economic + m.pvb.social,
                m.net_value,
            ];
            workbook_near(&what, &rows, engine);
        }
        // The portfolio block: its title, a header row, then a row per partner.
        let title = (row..row + 4)
            .find(|r| cell_text(&who, *r, 0) == "Each partner's exposure across the portfolio")
            .expect("the portfolio block follows the partnerships");
        let mut rows = Vec::new();
        let mut r = title + 2;
        while !cell_text(&who, r, 0).is_empty() {
            rows.push(W_COLS.map(|c| cell(&who, r, c)));
            r += 1;
        }
        let m = &result.portfolio.measures;
        workbook_near(
            &format!("{name}, workbook, portfolio"),
            &rows,
            [
                m.pvc,
                m.pvb.fiscal,
                m.pvb.economic + m.pvb.social,
                m.net_value,
            ],
        );
    }
}

/// "£1,234.56" or "(£1,234.56)"; an empty cell is zero.
fn html_money(cell: &str) -> Decimal {
    let negative = cell.starts_with('(');
    let digits: String = cell
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let v = dec(&digits);
    if negative { -v } else { v }
}

/// The body rows of the table whose caption starts with `caption`, the `nth` such table,
/// as cell texts.
fn html_table(html: &str, caption: &str, nth: usize) -> Vec<Vec<String>> {
    let start = html
        .match_indices(&format!("<caption>{caption}"))
        .nth(nth)
        .unwrap_or_else(|| panic!("table {nth} captioned {caption}"))
        .0;
    let body = &html[start..];
    let body = &body[body.find("<tbody>").unwrap()..body.find("</tbody>").unwrap()];
    body.split("<tr>").skip(1).map(cells).collect()
}

/// The contents of each `<th>` and `<td>` in a row.
fn cells(row: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = row;
    while let Some(i) = rest.find("<t") {
        let after = &rest[i..];
        let content = &after[after.find('>').unwrap() + 1..];
        let close = content.find("</t").unwrap();
        out.push(content[..close].to_owned());
        rest = &content[close + 3..];
    }
    out
}

#[test]
fn board_pack_partner_rows_and_wider_society_add_up_to_each_partnership() {
    for (name, project, result) in projects() {
        let html = export::html(&project, &result);
        // Columns: partner, costs borne, fiscal benefits, of which cashable, net to
        // budget, own fiscal return, economic and social benefits, net value.
        let sums = |rows: &[Vec<String>]| {
            let mut s = [Decimal::ZERO; 4];
            for r in rows {
                assert_eq!(r.len(), 8, "{name}: a who-pays row has 8 cells: {r:?}");
                for (k, c) in [1, 2, 6, 7].into_iter().enumerate() {
                    s[k] += html_money(&r[c]);
                }
            }
            s
        };
        let check = |what: &str, rows: &[Vec<String>], m: &Measures| {
            let s = sums(rows);
            let n = rows.len();
            near(&format!("{what}: costs"), s[0], m.pvc, n);
            near(&format!("{what}: fiscal"), s[1], m.pvb.fiscal, n);
            near(
                &format!("{what}: economic and social"),
                s[2],
                m.pvb.economic + m.pvb.social,
                n,
            );
            near(&format!("{what}: net value"), s[3], m.net_value, n);
        };
        for (k, r) in result.partnerships.iter().enumerate() {
            let rows = html_table(&html, "Present values by partner in ", k);
            check(
                &format!("{name}, board pack, {}", r.name),
                &rows,
                &r.measures,
            );
        }
        let rows = html_table(&html, "What each partner bears and receives", 0);
        check(
            &format!("{name}, board pack, portfolio"),
            &rows,
            &result.portfolio.measures,
        );
    }
}

#[test]
fn engine_partner_positions_and_wider_society_add_up_by_benefit_type() {
    for (name, _, result) in projects() {
        let blocks = result
            .partnerships
            .iter()
            .map(|r| {
                (
                    &r.partners,
                    &r.wider_society_by_type,
                    r.wider_society,
                    &r.measures,
                )
            })
            .chain([(
                &result.portfolio.partners,
                &result.portfolio.wider_society_by_type,
                result.portfolio.wider_society,
                &result.portfolio.measures,
            )]);
        for (partners, society, society_total, m) in blocks {
            let mut rows: Vec<[Decimal; 5]> = partners
                .iter()
                .map(|p| {
                    [
                        p.pv_costs,
                        p.pv_fiscal,
                        p.pv_economic,
                        p.pv_social,
                        p.net_value,
                    ]
                })
                .collect();
            rows.push([
                Decimal::ZERO,
                society.fiscal,
                society.economic,
                society.social,
                society_total,
            ]);
            adds_up(&format!("{name}, engine"), &rows, m);
            for p in partners {
                // Compared at reporting precision: the PV of a sum and the sum of PVs
                // may differ in the 28th digit.
                near(&name, p.pv_other, p.pv_economic + p.pv_social, 1);
                near(&name, p.net_budget, p.pv_fiscal - p.pv_costs, 1);
            }
        }
    }
}
