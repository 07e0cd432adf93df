//! Driving the window headless (egui_kittest), as the UI tests share it.
#![allow(dead_code)]

use eframe::egui::{Key, Modifiers, accesskit::Role};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use partnership_appraisal::model::Project;
use partnership_appraisal::ui::PartnershipApp;
use partnership_appraisal::ui::document::Document;
use partnership_appraisal::ui::files::NoDialogs;

/// The app on `project`, untitled, in a 1366×768 window with no file dialogs.
pub fn harness(project: Project) -> Harness<'static, PartnershipApp> {
    Harness::builder()
        .with_size([1366.0, 768.0])
        .build_eframe(move |cc| {
            partnership_appraisal::ui::configure_style(&cc.egui_ctx);
            PartnershipApp::new(Document::untitled(project.clone()), Box::new(NoDialogs))
        })
}

/// Types `text` into the first text field labelled `label` and presses Enter.
pub fn retype(h: &mut Harness<'_, PartnershipApp>, label: &str, text: &str) {
    h.get_all_by_role_and_label(Role::TextInput, label)
        .next()
        .unwrap_or_else(|| panic!("no field '{label}'"))
        .focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_all_by_role_and_label(Role::TextInput, label)
        .next()
        .unwrap()
        .type_text(text);
    h.run();
    h.key_press(Key::Enter);
    h.run();
}

/// Ctrl+Z, and the frame after.
pub fn undo(h: &mut Harness<'_, PartnershipApp>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
}

/// Steps the window until the comparison on its thread is shown (at most ten seconds).
pub fn until_compared(h: &mut Harness<'_, PartnershipApp>) {
    for _ in 0..2000 {
        h.step();
        if matches!(
            h.state().comparing,
            Some(partnership_appraisal::ui::compare::Comparing::Shown(_))
        ) {
            h.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("the comparison never finished");
}
