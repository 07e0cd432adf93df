//! The Annual review screen, driven as a user would, headless (egui_kittest): reached from
//! the side panel, counted on the day set, a bad day refused on the field, a partnership
//! opened from its row, and the report exported where no file chooser is available.

#[path = "common/ui.rs"]
mod drive;

use drive::{harness, retype, until_compared};
use eframe::egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use partnership_appraisal::model::*;
use partnership_appraisal::ui::app::View;

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

/// Two partnerships: the first reviewed on 10/01/2026 with an action due 01/06/2026 still
/// open, so on 14/03/2027 its review (due 10/01/2027) is overdue by 63 days; the second
/// never reviewed.
fn project() -> Project {
    let mut p = Project::new("Test borough");
    p.partners = vec![Partner::new("Council", PartnerKind::Council)];
    p.partnerships = vec![Partnership::new("CSP"), Partnership::new("Health board")];
    let mut review = Review::on(date("10/01/2026"));
    review.actions.push(Action {
        description: "Refresh the terms of reference".into(),
        owner: "Chair".into(),
        due: Some(date("01/06/2026")),
        status: ActionStatus::Open,
    });
    p.partnerships[0].reviews.push(review);
    p
}

#[test]
fn the_annual_review_counts_on_the_day_set_and_opens_a_partnership() {
    let mut h = harness(project());
    h.run();
    h.get_by_label("Annual review").click();
    h.run();
    h.run();
    assert_eq!(h.state().view, View::Annual);
    h.get_by_label("Annual review of partnerships");

    retype(&mut h, "Review as at", "14/03/2027");
    h.run();
    h.get_by_label_contains("On 14/03/2027: a review is due");
    h.get_by_label_contains("Review overdue by 63 days (due 10/01/2027");
    h.get_by_label("Refresh the terms of reference");
    h.get_by_label("286");

    // A day that does not exist is refused on the field with the format; the day set
    // stays.
    retype(&mut h, "Review as at", "30/02/2027");
    h.get_by_label_contains("write a date as 14/03/2027 or 2027-03-14");
    h.get_by_label_contains("On 14/03/2027");

    // The partnership's name opens it.
    // It is listed twice: among the reviews overdue and beside its overdue action.
    let links: Vec<_> = h.get_all_by_role_and_label(Role::Link, "CSP").collect();
    assert_eq!(links.len(), 2);
    links[0].click();
    h.run();
    assert_eq!(h.state().view, View::Partnership(0));
}

#[test]
fn compare_with_the_baseline_says_what_changed_since_the_board_approved() {
    use partnership_appraisal::ui::commands::Command;
    // Without a baseline, the app says how to set one.
    let mut h = harness(project());
    h.run();
    h.state_mut().run(Command::CompareWithBaseline);
    h.run();
    match &h.state().dialog {
        Some(partnership_appraisal::ui::app::Dialog::Message { title, text, .. }) => {
            assert_eq!(title, "No baseline to compare with");
            assert!(text.contains("File › Set as baseline…"), "{text}");
        }
        other => panic!("no message: {other:?}"),
    }
    assert!(h.state().comparing.is_none());

    // With one, a change since gives its part of net value's change.
    let mut p = project();
    p.baseline = Some(Shared::new(Baseline::of(
        &p,
        "Approved by the board on 14 March 2027",
        date("14/03/2027"),
    )));
    let mut h = harness(p);
    h.run();
    h.state_mut().doc.apply(|p| {
        p.settings.discount = DiscountSchedule::Health;
        p.partnerships[1].purpose = "Joined-up care".into();
    });
    h.run();
    h.state_mut().run(Command::CompareWithBaseline);
    until_compared(&mut h);
    h.get_by_label("Since the baseline Approved by the board on 14 March 2027 (2027-03-14)");
    h.get_by_label("Settings: discount rates");
    assert!(h.query_by_label_contains("Project: baseline").is_none());
}

/// The screen's buttons write the report and the CSV file on the day the screen sets:
/// the same review the screen shows.
#[test]
fn the_screen_exports_the_report_and_the_csv_on_its_day() {
    use partnership_appraisal::ui::commands::Command;
    use partnership_appraisal::ui::files::ScriptedPicker;
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("review.docx");
    let csv = dir.path().join("review.csv");
    let answers = vec![Some(docx.clone()), Some(csv.clone())];
    let mut h = egui_kittest::Harness::builder()
        .with_size([1366.0, 768.0])
        .build_eframe(move |cc| {
            partnership_appraisal::ui::configure_style(&cc.egui_ctx);
            let picker = ScriptedPicker {
                answers: answers.into(),
            };
            let doc = partnership_appraisal::ui::document::Document::untitled(project());
            partnership_appraisal::ui::PartnershipApp::new(doc, Box::new(picker))
        });
    h.run();
    h.state_mut().view = View::Annual;
    h.run();
    retype(&mut h, "Review as at", "14/03/2027");
    h.get_by_label(Command::ExportReviewDocx.label()).click();
    h.run();
    h.run();
    h.get_by_label(Command::ExportReviewCsv.label()).click();
    h.run();
    h.run();
    let bytes = std::fs::read(&docx).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(xml.contains("Refresh the terms of reference"));
    let text = std::fs::read_to_string(&csv).unwrap();
    let first = text.lines().nth(1).unwrap();
    // CSP on 14/03/2027: review overdue, due 2027-01-10, 63 days late.
    assert!(first.starts_with("CSP,2027-03-14,"), "{first}");
    assert!(
        first.contains(",Review overdue,2026-01-10,2027-01-10,-63,"),
        "{first}"
    );
}
