//! Rows pasted from a spreadsheet, added as cost or benefit lines.

use crate::format;
use crate::model::Project;
use crate::ui::widgets;
use eframe::egui::{self, CollapsingHeader, RichText, Ui};

#[derive(Clone, Copy, PartialEq, Eq)]
enum PasteKind {
    OtherCosts,
    StaffTime,
    Benefits,
}

impl PasteKind {
    fn columns(self) -> &'static str {
        match self {
            PasteKind::OtherCosts => {
                "Columns: name, partner, category, cost type, layer, then one amount per year."
            }
            PasteKind::StaffTime => {
                "Columns: name, partner, grade, layer, then hours in each year."
            }
            PasteKind::Benefits => {
                "Columns: name, type (fiscal, economic, social), partner, cashable share, then one amount per year."
            }
        }
    }
}

/// Rows copied from a spreadsheet, pasted into a box and added as lines. Cells that do
/// not read are listed; the rest is kept.
pub(super) fn paste_rows(ui: &mut Ui, project: &mut Project, index: usize, costs: bool) -> bool {
    let mut changed = false;
    let id = ui.make_persistent_id(("paste", costs));
    CollapsingHeader::new("Paste rows from a spreadsheet")
        .id_salt(("paste_header", costs))
        .show(ui, |ui| {
            let (mut text, mut kind, mut report): (String, PasteKind, Vec<String>) =
                ui.data(|d| d.get_temp(id)).unwrap_or((
                    String::new(),
                    if costs {
                        PasteKind::OtherCosts
                    } else {
                        PasteKind::Benefits
                    },
                    Vec::new(),
                ));
            if costs {
                widgets::choice(
                    ui,
                    "Rows are",
                    &mut kind,
                    &[PasteKind::OtherCosts, PasteKind::StaffTime],
                    |k| {
                        if k == PasteKind::StaffTime {
                            "Staff time".to_owned()
                        } else {
                            "Other costs".to_owned()
                        }
                    },
                );
            }
            ui.label(kind.columns());
            let label = ui.label("Cells copied from a spreadsheet (Ctrl+V here)");
            ui.add(
                egui::TextEdit::multiline(&mut text)
                    .desired_rows(4)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            if ui.button("Add the rows").clicked() && !text.trim().is_empty() {
                let rows = crate::import::paste::parse_block(&text);
                let (added, errors) = match kind {
                    PasteKind::OtherCosts | PasteKind::StaffTime => {
                        let pasted = if kind == PasteKind::StaffTime {
                            crate::import::paste::staff_time(project, &rows)
                        } else {
                            crate::import::paste::other_costs(project, &rows)
                        };
                        let n = pasted.lines.len();
                        project.partnerships[index].costs.extend(pasted.lines);
                        (n, pasted.errors)
                    }
                    PasteKind::Benefits => {
                        let pasted = crate::import::paste::direct_benefits(project, &rows);
                        let n = pasted.lines.len();
                        project.partnerships[index].benefits.extend(pasted.lines);
                        (n, pasted.errors)
                    }
                };
                changed = added > 0;
                report =
                    std::iter::once(format!("Added {}.", format::count(added, "line", "lines")))
                        .chain(errors.iter().map(|e| e.to_string()))
                        .collect();
                if errors.is_empty() {
                    text.clear();
                }
            }
            for (i, line) in report.iter().enumerate() {
                let colour = if i == 0 {
                    ui.visuals().text_color()
                } else {
                    widgets::ERROR_COLOUR
                };
                ui.label(RichText::new(line).color(colour));
            }
            ui.data_mut(|d| d.insert_temp(id, (text, kind, report)));
        });
    changed
}
