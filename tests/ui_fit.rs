//! Every screen fits a laptop: at 1280×720 and 1366×768, and at 125% and 150% scaling,
//! every button, field and choice of every screen lies within the window's width (a
//! screen scrolls down, never sideways out of reach). The app driven headless with
//! egui_kittest, on the example portfolio.

use eframe::egui::{self, accesskit::Role};
use egui_kittest::{Harness, kittest::NodeT, kittest::Queryable};
use partnership_appraisal::file;
use partnership_appraisal::model::{Action, ActionStatus, Date, Decision, Rating, Review};
use partnership_appraisal::ui::PartnershipApp;
use partnership_appraisal::ui::app::{Dialog, Section, View};
use partnership_appraisal::ui::board::NetworkView;
use partnership_appraisal::ui::document::Document;
use partnership_appraisal::ui::files::NoDialogs;
use partnership_appraisal::ui::present::SlideChart;
use std::path::Path;

fn harness(width: f32, height: f32, scale: f32) -> Harness<'static, PartnershipApp> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/borough-portfolio.ron");
    let mut project = file::load(&path).expect("the example loads");
    // A review with two actions, long overdue, so the Review tab has its fields and the
    // dashboard its flag; and one lacking everything, so its warnings are shown.
    project.partnerships[0].reviews = vec![reviewed_long_ago(), Review::default()];
    harness_of(project, width, height, scale)
}

fn harness_of(
    project: partnership_appraisal::model::Project,
    width: f32,
    height: f32,
    scale: f32,
) -> Harness<'static, PartnershipApp> {
    Harness::builder()
        .with_size([width, height])
        .with_pixels_per_point(scale)
        .build_eframe(move |cc| {
            partnership_appraisal::ui::configure_style(&cc.egui_ctx);
            PartnershipApp::new(Document::untitled(project.clone()), Box::new(NoDialogs))
        })
}

fn reviewed_long_ago() -> Review {
    let date = |text: &str| Date::parse(text).ok();
    let action = |description: &str, due: &str| Action {
        description: description.into(),
        owner: "Director of finance and corporate services".into(),
        due: date(due),
        status: ActionStatus::Open,
    };
    Review {
        date: date("2020-03-14"),
        reviewer: "Audit and governance committee".into(),
        value_for_money: Rating::Adequate,
        performance: Rating::Good,
        governance: Rating::Poor,
        risk: Rating::NotRated,
        decision: Decision::ScaleDown,
        reason: "Costs outweigh benefits on the current arrangement; reduce meetings".into(),
        actions: vec![
            action("Renegotiate the pooled budget contributions", "2020-09-30"),
            action("Report the revised arrangement to the board", "2020-12-31"),
        ],
    }
}

/// Every screen a user can reach from the navigator and the partnership's tabs.
fn screens(app: &PartnershipApp) -> Vec<(String, View, Section)> {
    let p = &app.doc.project;
    let mut all = vec![
        ("start".to_owned(), View::Start, Section::Register),
        ("portfolio".to_owned(), View::Portfolio, Section::Register),
        ("network".to_owned(), View::Network, Section::Register),
        ("annual review".to_owned(), View::Annual, Section::Register),
        (
            "delivery chain".to_owned(),
            View::DeliveryChain,
            Section::Register,
        ),
        ("settings".to_owned(), View::Settings, Section::Register),
        ("library".to_owned(), View::Library, Section::Register),
        ("report".to_owned(), View::Report, Section::Register),
    ];
    for i in 0..p.partners.len() {
        all.push((format!("partner {i}"), View::Partner(i), Section::Register));
    }
    for i in 0..p.partnerships.len().min(2) {
        for s in Section::ALL {
            all.push((
                format!("partnership {i}, {}", s.label()),
                View::Partnership(i),
                s,
            ));
        }
    }
    all
}

const INTERACTIVE: [Role; 5] = [
    Role::Button,
    Role::Link,
    Role::TextInput,
    Role::ComboBox,
    Role::CheckBox,
];

/// The labelled widgets of the screen shown that lie beyond the window's right edge.
fn out_of_reach(h: &Harness<'_, PartnershipApp>, width: f32) -> Vec<String> {
    let mut out = Vec::new();
    for role in INTERACTIVE {
        for node in h.query_all_by_role(role) {
            let rect = node.rect();
            let label = node.accesskit_node().label().unwrap_or_default();
            if rect.right() > width + 1.0 || rect.left() < -1.0 {
                out.push(format!(
                    "{role:?} '{label}' at x {:.0}–{:.0}",
                    rect.left(),
                    rect.right()
                ));
            }
        }
    }
    out
}

#[test]
fn every_screen_fits_a_laptop_at_every_scaling() {
    let mut problems = Vec::new();
    for (width, height) in [(1280.0, 720.0), (1366.0, 768.0), (1920.0, 1080.0)] {
        for scale in [1.0, 1.25, 1.5] {
            let mut h = harness(width, height, scale);
            h.run();
            for (name, view, section) in screens(h.state()) {
                h.state_mut().view = view;
                h.state_mut().section = section;
                h.run();
                h.run();
                for p in out_of_reach(&h, width) {
                    problems.push(format!(
                        "{width}×{height} at {}%: {name}: {p}",
                        scale * 100.0
                    ));
                }
            }
            // The partner network as tables.
            h.state_mut().view = View::Network;
            h.state_mut().board.network_view = NetworkView::Table;
            h.run();
            h.run();
            for p in out_of_reach(&h, width) {
                problems.push(format!(
                    "{width}×{height} at {}%: network tables: {p}",
                    scale * 100.0
                ));
            }
            h.state_mut().board.network_view = NetworkView::Chart;
            // The help, over the portfolio.
            h.state_mut().view = View::Portfolio;
            h.state_mut().dialog = Some(Dialog::Help);
            h.run();
            for p in out_of_reach(&h, width) {
                problems.push(format!("{width}×{height} at {}%: help: {p}", scale * 100.0));
            }
            h.state_mut().dialog = None;
        }
    }
    assert!(
        problems.is_empty(),
        "{} out of reach:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_register_tab_with_a_full_register_fits_both_laptops() {
    // The borough's partnerships carry a register, a governance check and risks, so
    // every screen visited above drew them; here their fields are checked to be there.
    for (width, height) in [(1280.0, 720.0), (1366.0, 768.0)] {
        for scale in [1.0, 1.5] {
            let mut h = harness(width, height, scale);
            h.state_mut().view = View::Partnership(1);
            h.state_mut().section = Section::Register;
            h.run();
            h.run();
            for label in [
                "Next review date",
                "Lead partner",
                "Serving the public",
                "Mitigation",
            ] {
                assert!(
                    h.query_all_by_label(label).next().is_some(),
                    "{width}×{height} at {scale}: no '{label}'"
                );
            }
            assert_eq!(h.query_all_by_label("Likelihood").count(), 3);
            assert!(h.query_by_label("Add risk").is_some());
            let problems = out_of_reach(&h, width);
            assert!(
                problems.is_empty(),
                "{width}×{height} at {scale}: {problems:?}"
            );
        }
    }
}

#[test]
fn the_objectives_tab_with_the_example_s_objectives_fits_both_laptops() {
    // The borough's first two partnerships carry objectives with indicators and
    // contributions, so every screen visited above drew them; here their fields are
    // checked to be there, with the results panel open.
    for (width, height) in [(1280.0, 720.0), (1366.0, 768.0)] {
        for scale in [1.0, 1.5] {
            let mut h = harness(width, height, scale);
            h.state_mut().view = View::Partnership(1);
            h.state_mut().section = Section::Objectives;
            h.state_mut().results_hidden = false;
            h.run();
            h.run();
            for label in [
                "Priority",
                "Direction",
                "Baseline",
                "Measured in",
                "Target 2026/27",
                "Actual 2027/28",
                "Hours a year",
                "Add indicator",
                "Add contribution",
            ] {
                assert!(
                    h.query_all_by_label(label).next().is_some(),
                    "{width}×{height} at {scale}: no '{label}'"
                );
            }
            assert!(h.query_all_by_label("Off target").next().is_some());
            let problems = out_of_reach(&h, width);
            assert!(
                problems.is_empty(),
                "{width}×{height} at {scale}: {problems:?}"
            );
        }
    }
}

#[test]
fn a_message_under_a_field_does_not_move_the_fields_after_it() {
    // Before this, the message for a bad salary ("32k") was put beside its field, pushing
    // the hourly rate and Remove along (or off-screen), so a click landed on empty space.
    let mut h = harness(1366.0, 768.0, 1.0);
    h.state_mut().view = View::Partner(0);
    h.run();
    let remove_before = h.get_all_by_label("Remove").next().unwrap().rect();
    let salary = h.get_all_by_label("Salary").next().unwrap();
    salary.focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_all_by_label("Salary")
        .next()
        .unwrap()
        .type_text("32k");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    // The message is shown…
    let message = h.get_by_label_contains("not a number");
    let salary_rect = h.get_all_by_label("Salary").next().unwrap().rect();
    // …under its field…
    assert!(message.rect().top() >= salary_rect.bottom() - 1.0);
    // …and nothing after the field moved.
    assert_eq!(
        h.get_all_by_label("Remove").next().unwrap().rect(),
        remove_before
    );
}

/// The shapes painted in each chart cell (those clipped to the cell or to a part of it)
/// that reach past the cell: on screen they are cut off.
fn clipped_in_cells(h: &Harness<'_, PartnershipApp>) -> (usize, Vec<String>) {
    let drawn = partnership_appraisal::ui::charts::cells_drawn(&h.ctx);
    let mut out = Vec::new();
    for cell in &drawn {
        // A chart taller than its cell is cut off at the bottom.
        if cell.rect.height() > cell.room + 1.0 {
            out.push(format!(
                "a chart {:.0} tall in a cell with room for {:.0}",
                cell.rect.height(),
                cell.room
            ));
        }
    }
    let cells: Vec<egui::Rect> = drawn.iter().map(|c| c.rect).collect();
    for cell in &cells {
        let inside = |clip: egui::Rect| {
            clip.left() >= cell.left() - 0.5
                && clip.right() <= cell.right() + 0.5
                && clip.top() >= cell.top() - 0.5
                && clip.top() <= cell.bottom()
        };
        for clipped in &h.output().shapes {
            if !inside(clipped.clip_rect) {
                continue;
            }
            let drawn = clipped.shape.visual_bounding_rect();
            if !drawn.is_positive() {
                continue;
            }
            if drawn.left() < cell.left() - 1.0
                || drawn.right() > cell.right() + 1.0
                || drawn.top() < cell.top() - 1.0
                || drawn.bottom() > cell.bottom() + 1.0
            {
                let what = match &clipped.shape {
                    egui::Shape::Text(t) => format!("text '{}'", t.galley.text()),
                    other => format!("{other:?}").chars().take(40).collect(),
                };
                out.push(format!(
                    "{what} at x {:.0}–{:.0}, y {:.0}–{:.0} in a cell x {:.0}–{:.0}, y {:.0}–{:.0}",
                    drawn.left(),
                    drawn.right(),
                    drawn.top(),
                    drawn.bottom(),
                    cell.left(),
                    cell.right(),
                    cell.top(),
                    cell.bottom()
                ));
            }
        }
    }
    (cells.len(), out)
}

#[test]
fn every_chart_fits_the_cell_it_is_given() {
    // Issue 14: at 1280×720 the dashboard's "by layer" and "by kind" charts were cut off
    // inside their cells. Every width from the smallest window to a wide screen, at each
    // scaling. The window is tall so that every chart of the page is drawn on screen (a
    // chart's width depends only on the window's width).
    let mut problems = Vec::new();
    for width in [800.0, 1000.0, 1280.0, 1366.0, 1920.0] {
        for scale in [1.0, 1.25, 1.5] {
            let mut h = harness(width, 4000.0, scale);
            h.state_mut().view = View::Portfolio;
            h.run();
            h.run();
            let (cells, clipped) = clipped_in_cells(&h);
            assert!(cells >= 5, "the dashboard's charts are drawn in cells");
            for p in clipped {
                problems.push(format!(
                    "{width} wide at {}%: dashboard: {p}",
                    scale * 100.0
                ));
            }
            // A partnership's charts in the results panel, shown from 1,000 points wide.
            h.state_mut().view = View::Partnership(0);
            h.state_mut().section = Section::Register;
            h.run();
            h.run();
            let (cells, clipped) = clipped_in_cells(&h);
            if width / scale >= 1000.0 {
                assert!(cells >= 5, "the results panel's charts are drawn in cells");
            }
            for p in clipped {
                problems.push(format!(
                    "{width} wide at {}%: results panel: {p}",
                    scale * 100.0
                ));
            }
        }
    }
    // At the laptop sizes themselves, the page scrolled to its charts: each chart gets the
    // room it needs. (Before this, a chart below the visible part of the page was given
    // egui's "available" height there, which is none, and was cut away entirely.)
    for (width, height) in [(1280.0, 720.0), (1366.0, 768.0)] {
        for scale in [1.0, 1.25, 1.5] {
            let mut h = harness(width, height, scale);
            h.state_mut().view = View::Portfolio;
            h.run();
            h.get_by_label("Portfolio charts").scroll_to_me();
            h.run();
            h.run();
            let (cells, clipped) = clipped_in_cells(&h);
            assert!(cells >= 5, "the dashboard's charts are drawn in cells");
            for p in clipped {
                problems.push(format!(
                    "{width}×{height} at {}%: dashboard: {p}",
                    scale * 100.0
                ));
            }
        }
    }
    // The slides, each chart of the portfolio slide, at the laptop sizes.
    for (width, height) in [(1280.0, 720.0), (1366.0, 768.0)] {
        for scale in [1.0, 1.25, 1.5] {
            let mut h = harness(width, height, scale);
            h.run();
            h.key_press(egui::Key::F5);
            h.run();
            for chart in [
                SlideChart::Payback,
                SlideChart::WhoPays,
                SlideChart::JointWorking,
                SlideChart::Benefits,
            ] {
                if let Some(p) = h.state_mut().presentation.as_mut() {
                    p.chart = chart;
                }
                h.run();
                h.run();
                let (cells, clipped) = clipped_in_cells(&h);
                assert!(cells >= 1, "the slide's chart is drawn in a cell");
                for p in clipped {
                    problems.push(format!(
                        "{width}×{height} at {}%: slide chart {chart:?}: {p}",
                        scale * 100.0
                    ));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} shapes reach past their chart's cell:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The dashboard's headline figures wrap at the window's edge: a figure the row has no
/// room left for starts the next row whole, rather than running off the window or
/// standing a letter to a line (which also widened the page, and pushed the table's
/// flags off a 1280-wide window).
#[test]
fn the_dashboards_headline_figures_wrap_within_the_window() {
    let captions = [
        "Portfolio net value",
        "Benefit-cost ratio",
        "Costs (PVC)",
        "Benefits (PVB)",
        "Fiscal payback",
        "SROI ratio",
        "With negative net value",
    ];
    for width in [1000.0, 1180.0, 1280.0, 1366.0] {
        let mut h = harness(width, 720.0, 1.0);
        h.state_mut().view = View::Portfolio;
        h.run();
        h.run();
        let mut rows = Vec::new();
        for caption in captions {
            let node = h.get_by_label(caption);
            let rect = node.rect();
            assert!(rect.right() <= width, "{width} wide: {caption} at {rect:?}");
            assert!(
                rect.height() < 20.0,
                "{width} wide: {caption} on one line: {rect:?}"
            );
            rows.push(rect.top());
        }
        rows.dedup();
        if width < 1366.0 {
            assert!(rows.len() > 1, "{width} wide: the figures wrap");
        }
        if width >= 1280.0 {
            for node in h.query_all_by_label("Negative") {
                assert!(
                    node.rect().right() <= width,
                    "{width} wide: a flag at {:?}",
                    node.rect()
                );
            }
        }
    }
}

/// The example portfolio at national scale: every other cost £2.5 billion a year, so the
/// dashboard's totals run to tens of billions of pounds and its partnerships' to billions.
fn at_national_scale() -> partnership_appraisal::model::Project {
    use partnership_appraisal::model::{CostDetail, Profile};
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/borough-portfolio.ron");
    let mut project = file::load(&path).expect("the example loads");
    let years = project.settings.horizon_years;
    for line in project.partnerships.iter_mut().flat_map(|p| &mut p.costs) {
        if let CostDetail::Other(other) = &mut line.detail {
            other.amounts = Profile::PerYear(vec![
                rust_decimal::Decimal::new(2_500_000_000, 0);
                years as usize
            ]);
        }
    }
    project
}

/// Figures painted cut short with "…": elided text holding money or a payback.
fn figures_cut_short(h: &Harness<'_, PartnershipApp>) -> Vec<String> {
    h.output()
        .shapes
        .iter()
        .filter_map(|clipped| match &clipped.shape {
            egui::Shape::Text(text) if text.galley.elided => Some(text.galley.text().to_owned()),
            _ => None,
        })
        .filter(|text| text.contains('£') || text.contains("year") || text.contains("never"))
        .collect()
}

/// At national scale no screen cuts a figure short with "…", 1280 and 1366 wide: the
/// dashboard's total net value was cut to "(£35,225,309,7…", its cost of joint working to
/// "£5,776,747,…". And the dashboard's flags stay within the window.
#[test]
fn no_screen_cuts_a_figure_short_at_national_scale() {
    let mut problems = Vec::new();
    for width in [1280.0, 1366.0] {
        let mut h = harness_of(at_national_scale(), width, 2400.0, 1.0);
        h.run();
        for (name, view, section) in screens(h.state()) {
            h.state_mut().view = view;
            h.state_mut().section = section;
            for network_view in [NetworkView::Chart, NetworkView::Table] {
                h.state_mut().board.network_view = network_view;
                h.run();
                h.run();
                for text in figures_cut_short(&h) {
                    problems.push(format!("{width} wide: {name} ({network_view:?}): {text}"));
                }
                if view == View::Portfolio {
                    assert!(h.get_by_label("Portfolio total").rect().top() > 0.0);
                    let flags: Vec<_> = h.query_all_by_label("Negative").collect();
                    assert!(!flags.is_empty(), "a partnership's net value is negative");
                    for flag in flags {
                        let rect = flag.rect();
                        assert!(rect.right() <= width, "{width} wide: a flag at {rect:?}");
                    }
                }
            }
        }
    }
    problems.dedup();
    assert!(
        problems.is_empty(),
        "{} cut short:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
