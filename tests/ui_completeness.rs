//! Incomplete figures are marked on every screen that shows a headline figure, and the
//! mark leads to the problems (the app driven headless with egui_kittest).

use egui_kittest::{Harness, kittest::Queryable};
use partnership_appraisal::file;
use partnership_appraisal::model::{CostDetail, Project};
use partnership_appraisal::ui::PartnershipApp;
use partnership_appraisal::ui::app::{COMPUTING, View};
use partnership_appraisal::ui::document::{BACKGROUND_FROM, Document};
use partnership_appraisal::ui::files::ScriptedPicker;
use std::path::Path;

const MARK: &str = "Incomplete: 1 part of a line left out, 1 error";

/// The starter example with a typo in one meeting attendee's partner.
fn with_typo() -> Project {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/example.ron");
    let mut project = file::load(&path).expect("the example loads");
    match &mut project.partnerships[0].costs[2].detail {
        CostDetail::Meeting(m) => m.attendees[3].partner = "NHS Kingsfrod ICB".into(),
        other => panic!("the third cost is a meeting, not {other:?}"),
    }
    project
}

fn harness(project: Project, size: [f32; 2]) -> Harness<'static, PartnershipApp> {
    let mut h = Harness::builder().with_size(size).build_eframe(move |cc| {
        partnership_appraisal::ui::configure_style(&cc.egui_ctx);
        let picker = ScriptedPicker {
            answers: Vec::new().into(),
        };
        PartnershipApp::new(Document::untitled(project.clone()), Box::new(picker))
    });
    h.run();
    h
}

#[test]
fn the_results_panel_marks_incomplete_figures_and_the_mark_opens_the_problems() {
    let mut h = harness(with_typo(), [1366.0, 768.0]);
    h.state_mut().view = View::Partnership(0);
    h.run();
    assert!(!h.state().show_problems);
    h.get_by_label(MARK).click();
    h.run();
    assert!(h.state().show_problems);
    h.get_by_label_contains("this attendee is left out of the results");
}

#[test]
fn a_complete_project_shows_no_mark() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/example.ron");
    let mut h = harness(file::load(&path).unwrap(), [1366.0, 768.0]);
    h.state_mut().view = View::Partnership(0);
    h.run();
    assert!(h.query_by_label_contains("Incomplete").is_none());
}

#[test]
fn the_dashboard_and_the_network_mark_incomplete_figures() {
    let mut h = harness(with_typo(), [1366.0, 768.0]);
    h.state_mut().view = View::Portfolio;
    h.run();
    h.get_by_label(MARK);
    // The partnership's row is flagged too.
    h.get_by_label("Incomplete");
    h.state_mut().view = View::Network;
    h.run();
    h.get_by_label(MARK).click();
    h.run();
    assert!(h.state().show_problems);
}

#[test]
fn every_slide_marks_incomplete_figures_and_the_mark_leaves_for_the_problems() {
    let mut h = harness(with_typo(), [1366.0, 768.0]);
    h.state_mut().presentation = Some(partnership_appraisal::ui::present::Presentation::new());
    h.run();
    h.get_by_label(MARK);
    h.state_mut().presentation.as_mut().unwrap().slide = 1;
    h.run();
    h.get_by_label(MARK).click();
    h.run();
    assert!(h.state().presentation.is_none());
    assert!(h.state().show_problems);
}

/// Steps frames until the band is gone, as the window does while it waits.
fn frames_until_the_band_goes(h: &mut Harness<'static, PartnershipApp>) {
    for _ in 0..4000 {
        if h.query_by_label(COMPUTING).is_none() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.step();
    }
    panic!("the figures being computed never came");
}

/// Issue 16: in a large project a change to the settings is appraised on another thread.
/// Until its figures are in, a band on the dashboard and on the slides says the figures
/// shown are from before the change; then the band goes and the figures are the new ones.
#[test]
fn figures_being_computed_again_are_said_to_be_on_the_dashboard_and_the_slides() {
    let project = partnership_appraisal::generate::project(BACKGROUND_FROM, 3);
    let mut h = harness(project, [1366.0, 768.0]);
    h.state_mut().view = View::Portfolio;
    h.run();
    assert!(h.query_by_label(COMPUTING).is_none());

    h.state_mut().doc.apply(|p| p.settings.horizon_years += 1);
    h.step();
    h.get_by_label(COMPUTING);
    frames_until_the_band_goes(&mut h);
    let doc = &mut h.state_mut().doc;
    let revision = doc.revision();
    assert_eq!(doc.results().revision(), revision);

    h.state_mut().presentation = Some(partnership_appraisal::ui::present::Presentation::new());
    h.run();
    h.state_mut().doc.apply(|p| p.settings.horizon_years -= 1);
    h.step();
    h.get_by_label(COMPUTING);
    frames_until_the_band_goes(&mut h);
}
