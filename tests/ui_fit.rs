//! Every screen fits a laptop: at 1280×720 and 1366×768, and at 125% and 150% scaling,
//! every button, field and choice of every screen lies within the window's width (a
//! screen scrolls down, never sideways out of reach). The app driven headless with
//! egui_kittest, on the example portfolio.

use eframe::egui::{self, accesskit::Role};
use egui_kittest::{Harness, kittest::NodeT, kittest::Queryable};
use partnership_appraisal::file;
use partnership_appraisal::ui::PartnershipApp;
use partnership_appraisal::ui::app::{Dialog, Section, View};
use partnership_appraisal::ui::document::Document;
use partnership_appraisal::ui::files::NoDialogs;
use std::path::Path;

fn harness(width: f32, height: f32, scale: f32) -> Harness<'static, PartnershipApp> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/borough-portfolio.ron");
    let project = file::load(&path).expect("the example loads");
    Harness::builder()
        .with_size([width, height])
        .with_pixels_per_point(scale)
        .build_eframe(move |cc| {
            partnership_appraisal::ui::configure_style(&cc.egui_ctx);
            PartnershipApp::new(Document::untitled(project.clone()), Box::new(NoDialogs))
        })
}

/// Every screen a user can reach from the navigator and the partnership's tabs.
fn screens(app: &PartnershipApp) -> Vec<(String, View, Section)> {
    let p = &app.doc.project;
    let mut all = vec![
        ("start".to_owned(), View::Start, Section::Register),
        ("portfolio".to_owned(), View::Portfolio, Section::Register),
        ("network".to_owned(), View::Network, Section::Register),
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

const INTERACTIVE: [Role; 4] = [
    Role::Button,
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
