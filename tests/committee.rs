//! The committee report (DOCX): read back from the file's own XML, every section of
//! each example is there and every net value equals the engine's to the penny;
//! incomplete results are marked on the first page; the settings are kept in the
//! project; the command line and the app both write it.

mod common;

use common::document_xml;
use eframe::egui::{Key, accesskit::Role};
use egui_kittest::{Harness, kittest::Queryable};
use partnership_appraisal::appraisal::{self, uncertainty};
use partnership_appraisal::export::committee::{
    CommitteeReport, NET_VALUE_ROW, OPTIONS_HEADER, section_headings,
};
use partnership_appraisal::model::{Project, ReportStatus};
use partnership_appraisal::ui::PartnershipApp;
use partnership_appraisal::ui::app::View;
use partnership_appraisal::ui::commands::Command;
use partnership_appraisal::ui::document::Document;
use partnership_appraisal::ui::files::ScriptedPicker;
use partnership_appraisal::{export, file, format};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::str::FromStr;

const BIN: &str = env!("CARGO_BIN_EXE_partnership-appraisal");

fn examples() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("saves"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .collect();
    files.sort();
    assert!(files.len() >= 3, "{files:?}");
    files
}

/// What the document holds, in order: paragraphs outside tables, and table rows.
#[derive(Debug, PartialEq)]
enum Item {
    Para(String),
    Row(Vec<String>),
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The text of the `<w:t>` runs in a piece of document.xml.
fn text_of(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(start) = rest.find("<w:t") {
        let after = &rest[start + 4..];
        // `<w:t>` or `<w:t xml:space=…>`, not `<w:tbl>`, `<w:tc>`, `<w:tr>`…
        if !(after.starts_with('>') || after.starts_with(' ')) {
            rest = after;
            continue;
        }
        let open_end = after.find('>').unwrap();
        let body = &after[open_end + 1..];
        let close = body.find("</w:t>").unwrap();
        out.push_str(&unescape(&body[..close]));
        rest = &body[close..];
    }
    out
}

fn read_items(xml: &str) -> Vec<Item> {
    let body = &xml[xml.find("<w:body>").unwrap()..];
    let mut out = Vec::new();
    let mut rest = body;
    loop {
        let table = rest.find("<w:tbl>");
        let outside = &rest[..table.unwrap_or(rest.len())];
        for p in outside.split("</w:p>") {
            let t = text_of(p);
            if !t.is_empty() {
                out.push(Item::Para(t));
            }
        }
        let Some(start) = table else { break };
        let end = start + rest[start..].find("</w:tbl>").unwrap();
        for row in rest[start..end].split("</w:tr>") {
            let cells: Vec<String> = row.split("</w:tc>").map(text_of).collect();
            let cells: Vec<String> = cells[..cells.len().saturating_sub(1)].to_vec();
            if !cells.is_empty() {
                out.push(Item::Row(cells));
            }
        }
        rest = &rest[end + "</w:tbl>".len()..];
    }
    out
}

fn report_items(project: &Project, partnership: Option<usize>) -> Vec<Item> {
    let result = appraisal::appraise(project);
    let report = CommitteeReport {
        partnership,
        project_file: Some("borough.ron".into()),
    };
    read_items(&document_xml(
        &export::docx(project, &result, &report).unwrap(),
    ))
}

/// Money as the report prints it, read back: "(£1,234.56)" is −1234.56.
fn money(text: &str) -> Decimal {
    let negative = text.starts_with('(');
    let digits: String = text
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let v = Decimal::from_str(&digits).unwrap_or_else(|_| panic!("not money: {text}"));
    if negative { -v } else { v }
}

fn rows_labelled<'a>(items: &'a [Item], label: &str) -> Vec<&'a Vec<String>> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Row(cells) if cells.first().is_some_and(|c| c == label) => Some(cells),
            _ => None,
        })
        .collect()
}

/// The body rows of every table whose header is `header`.
fn tables_headed<'a>(items: &'a [Item], header: &[&str]) -> Vec<Vec<&'a Vec<String>>> {
    let mut tables = Vec::new();
    let mut current: Option<Vec<&Vec<String>>> = None;
    for item in items {
        match item {
            Item::Row(cells) if cells.iter().map(String::as_str).eq(header.iter().copied()) => {
                tables.extend(current.take());
                current = Some(Vec::new());
            }
            Item::Row(cells) => {
                if let Some(t) = current.as_mut() {
                    t.push(cells);
                }
            }
            Item::Para(_) => tables.extend(current.take()),
        }
    }
    tables.extend(current);
    tables
}

#[test]
fn every_example_has_every_section_and_the_engines_net_values_to_the_penny() {
    for path in examples() {
        let project = file::load(&path).unwrap();
        let result = appraisal::appraise(&project);
        let items = report_items(&project, None);
        let name = path.display();

        // Every heading, in order.
        let headings: Vec<&String> = items
            .iter()
            .filter_map(|i| match i {
                Item::Para(t) if section_headings().contains(t) => Some(t),
                _ => None,
            })
            .collect();
        assert_eq!(headings.len(), 13, "{name}");
        assert!(
            headings.iter().copied().eq(section_headings().iter()),
            "{name}"
        );

        // Each partnership's results table: its net value is the engine's, to the penny.
        let rows = rows_labelled(&items, NET_VALUE_ROW);
        assert_eq!(rows.len(), result.partnerships.len(), "{name}");
        for (row, r) in rows.iter().zip(&result.partnerships) {
            assert_eq!(
                money(&row[1]),
                format::round(r.measures.net_value, 2),
                "{name}: {}",
                r.name
            );
        }
        // The portfolio summary, partnerships then the portfolio.
        let summary = tables_headed(
            &items,
            &[
                "Partnership",
                "Present value of costs",
                "Present value of benefits",
                "Net value",
                "Benefit-cost ratio",
            ],
        );
        assert_eq!(summary.len(), 1, "{name}");
        let expected: Vec<Decimal> = result
            .partnerships
            .iter()
            .map(|r| r.measures.net_value)
            .chain([result.portfolio.measures.net_value])
            .map(|v| format::round(v, 2))
            .collect();
        let shown: Vec<Decimal> = summary[0].iter().map(|row| money(&row[3])).collect();
        assert_eq!(shown, expected, "{name}");

        // Options: one table per partnership, each option's net value the engine's, and
        // exactly one recommended, the engine's preferred option.
        let tables = tables_headed(&items, &OPTIONS_HEADER);
        assert_eq!(tables.len(), project.partnerships.len(), "{name}");
        for (i, table) in tables.iter().enumerate() {
            let options = uncertainty::options(&project, i);
            assert_eq!(table.len(), options.len(), "{name}");
            for (row, o) in table.iter().zip(&options) {
                assert_eq!(row[0], o.name);
                assert_eq!(
                    money(&row[3]),
                    format::round(o.measures.net_value, 2),
                    "{name}: {}",
                    o.name
                );
                assert_eq!(row[5] == "Recommended", o.preferred, "{name}: {}", o.name);
            }
        }
        // Complete examples carry no incomplete mark.
        assert!(
            !items
                .iter()
                .any(|i| matches!(i, Item::Para(t) if t.starts_with("Incomplete"))),
            "{name}"
        );
    }
}

#[test]
fn a_report_on_one_partnership_has_only_its_figures() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/borough-portfolio.ron");
    let project = file::load(&path).unwrap();
    let result = appraisal::appraise(&project);
    for (i, r) in result.partnerships.iter().enumerate() {
        let items = report_items(&project, Some(i));
        let subject = rows_labelled(&items, "Subject");
        assert_eq!(
            subject[0][1],
            format!("{}: appraisal of the partnership", r.name)
        );
        let rows = rows_labelled(&items, NET_VALUE_ROW);
        assert_eq!(rows.len(), 1);
        assert_eq!(money(&rows[0][1]), format::round(r.measures.net_value, 2));
        assert_eq!(tables_headed(&items, &OPTIONS_HEADER).len(), 1);
    }
}

#[test]
fn incomplete_results_are_marked_on_the_first_page_as_everywhere_else() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/example.ron");
    let mut project = file::load(&path).unwrap();
    // A cost borne by a partner that does not exist is left out of the figures.
    let mut cost = project.partnerships[0].costs[0].clone();
    match &mut cost.detail {
        partnership_appraisal::model::CostDetail::StaffTime(s) => s.partner = "Nobody".into(),
        partnership_appraisal::model::CostDetail::Other(o) => o.partner = "Nobody".into(),
        other => panic!("the example's first cost changed: {other:?}"),
    }
    project.partnerships[0].costs.push(cost);
    let result = appraisal::appraise(&project);
    let problems = appraisal::problems(&project, &result);
    let mark = appraisal::AllCompleteness::new(&result, &problems)
        .portfolio
        .mark()
        .expect("the results are incomplete");
    let items = report_items(&project, None);
    let first_heading = items
        .iter()
        .position(|i| *i == Item::Para(section_headings()[0].clone()))
        .unwrap();
    assert!(
        items[..first_heading]
            .iter()
            .any(|i| matches!(i, Item::Para(t) if t.starts_with(&format!("{mark}.")))),
        "{:#?}",
        &items[..first_heading]
    );
}

#[test]
fn report_settings_and_written_sections_are_kept_and_printed() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/example.ron");
    let mut project = file::load(&path).unwrap();
    assert!(project.report.is_empty());
    project.report.council = "Kingsford Borough Council".into();
    project.report.committee = "Cabinet".into();
    project.report.meeting_date = "14 January 2027".into();
    project.report.status = ReportStatus::Exempt;
    project.report.sections.legal =
        "The section 75 agreement allows this.\n\nNo further comment.".into();
    let text = file::to_ron(&project).unwrap();
    assert!(
        text.contains("council: \"Kingsford Borough Council\""),
        "{text}"
    );
    let back = file::parse(&text).unwrap();
    assert_eq!(back, project);

    let items = report_items(&project, None);
    assert!(items.contains(&Item::Para("Kingsford Borough Council".into())));
    assert_eq!(rows_labelled(&items, "Report to")[0][1], "Cabinet");
    assert_eq!(rows_labelled(&items, "Date")[0][1], "14 January 2027");
    assert_eq!(
        rows_labelled(&items, "Status")[0][1],
        "Exempt from publication"
    );
    assert!(items.contains(&Item::Para("The section 75 agreement allows this.".into())));
    assert!(items.contains(&Item::Para("No further comment.".into())));
    // Written, so not marked for completion.
    assert!(
        !items
            .iter()
            .any(|i| matches!(i, Item::Para(t) if t.contains("legal services to be added")))
    );
    // The recommendation names the committee.
    assert!(
        items
            .iter()
            .any(|i| matches!(i, Item::Para(t) if t.starts_with("(1) That Cabinet agrees")))
    );
}

fn run(args: &[&str]) -> std::process::Output {
    std::process::Command::new(BIN).args(args).output().unwrap()
}

#[test]
fn the_command_line_writes_the_report_and_refuses_incomplete_results() {
    let dir = tempfile::tempdir().unwrap();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/borough-portfolio.ron");
    let out = dir.path().join("report.docx");
    let o = run(&[
        "export",
        source.to_str().unwrap(),
        "--docx",
        out.to_str().unwrap(),
        "--partnership",
        "Safer Northbridge Partnership",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let items = read_items(&document_xml(&std::fs::read(&out).unwrap()));
    assert_eq!(rows_labelled(&items, NET_VALUE_ROW).len(), 1);
    assert!(items.contains(&Item::Row(vec![
        "Document".into(),
        "Where it is held".into()
    ])));
    assert!(items.iter().any(|i| matches!(i, Item::Row(c) if c[0] == "Partnership appraisal project file: borough-portfolio.ron")));

    let o = run(&[
        "export",
        source.to_str().unwrap(),
        "--docx",
        out.to_str().unwrap(),
        "--partnership",
        "No such thing",
    ]);
    assert_ne!(o.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .contains("there is no partnership called 'No such thing'")
    );

    // Incomplete: nothing written, status 3, unless --allow-incomplete.
    let mut project = file::load(&source).unwrap();
    project.settings.staff_costing.productive_hours_per_year = Decimal::ZERO;
    let broken = dir.path().join("broken.ron");
    file::save(&project, &broken).unwrap();
    let refused = dir.path().join("refused.docx");
    let o = run(&[
        "export",
        broken.to_str().unwrap(),
        "--docx",
        refused.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert!(!refused.exists());
    let o = run(&[
        "export",
        broken.to_str().unwrap(),
        "--docx",
        refused.to_str().unwrap(),
        "--allow-incomplete",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let items = read_items(&document_xml(&std::fs::read(&refused).unwrap()));
    assert!(
        items
            .iter()
            .any(|i| matches!(i, Item::Para(t) if t.starts_with("Incomplete: ")))
    );
}

#[test]
fn the_app_edits_the_settings_and_exports_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/example.ron");
    let project = file::load(&source).unwrap();
    let out = dir.path().join("cabinet.docx");
    let answers = vec![Some(out.clone())];
    let mut h = Harness::builder()
        .with_size([1500.0, 1000.0])
        .build_eframe(move |cc| {
            partnership_appraisal::ui::configure_style(&cc.egui_ctx);
            let picker = ScriptedPicker {
                answers: answers.into(),
            };
            PartnershipApp::new(Document::untitled(project), Box::new(picker))
        });
    h.run();
    h.get_by_label("Committee report").click();
    h.run();
    assert_eq!(h.state().view, View::Report);
    let field = h.get_by_role_and_label(Role::TextInput, "Council");
    field.focus();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Council")
        .type_text("Kingsford Council");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().doc.project.report.council, "Kingsford Council");
    assert!(h.state().doc.can_undo());

    h.state_mut().run(Command::ExportDocx);
    h.run();
    let items = read_items(&document_xml(&std::fs::read(&out).unwrap()));
    assert_eq!(items.first(), Some(&Item::Para("Kingsford Council".into())));
    assert_eq!(rows_labelled(&items, NET_VALUE_ROW).len(), 1);
}
