//! The community strategy's priorities, kept in Project settings: each partnership's
//! objectives choose the priority they serve from this list. A priority renamed here is
//! renamed in every objective; one that objectives serve is deleted only after asking
//! (the app's deletion dialog). No figure depends on them.

use super::widgets::{self, notes};
use crate::appraisal::{Diagnostic, Location};
use crate::model::{Named, Priority, Project, name_problem, rename, unique_name};
use eframe::egui::Ui;

/// The priorities' section; true when changed. A priority that objectives serve is not
/// removed here: `delete` asks for it to be.
pub fn priorities(
    ui: &mut Ui,
    project: &mut Project,
    diagnostics: &[Diagnostic],
    delete: &mut Option<Named>,
) -> bool {
    let mut changed = false;
    widgets::heading(ui, "Community strategy priorities");
    ui.label(
        "What the area's partnerships work towards. Each partnership's objectives name the \
         priority they serve (its Objectives tab). No figure depends on these.",
    );
    let mut renamed = None;
    let mut remove = None;
    for i in 0..project.priorities.len() {
        ui.push_id(("priority", i), |ui| {
            ui.horizontal_wrapped(|ui| {
                let me = Named::Priority(i);
                let mut name = project.priorities[i].name.clone();
                if widgets::unique_name(ui, "Priority", &mut name, |t| {
                    name_problem(project, &me, t)
                }) {
                    renamed = Some((me, name));
                }
                let p = &mut project.priorities[i];
                changed |= widgets::text(ui, "Description", &mut p.description, 320.0);
                if widgets::remove_button(ui, "priority") {
                    remove = Some(i);
                }
            });
            notes(ui, diagnostics, Location::Priority { index: i });
        });
    }
    if let Some((me, new)) = renamed {
        changed |= rename(project, &me, &new).is_ok();
    }
    if let Some(i) = remove {
        changed |= super::settings::remove_or_ask(project, Named::Priority(i), delete);
    }
    if ui.button("Add priority").clicked() {
        let name = unique_name(
            "Priority",
            project.priorities.iter().map(|p| p.name.as_str()),
        );
        project.priorities.push(Priority {
            name,
            description: String::new(),
        });
        changed = true;
    }
    changed
}
