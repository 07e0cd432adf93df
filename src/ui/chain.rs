//! The delivery chain: from each community strategy priority to the objectives that
//! serve it, the partnerships that hold them and the partners that contribute, with each
//! objective's rating in words and colour; then each partner's part. Draws
//! `appraisal::portfolio::delivery_chain`; changes nothing.

use crate::appraisal::portfolio::{ChainObjective, DeliveryChain, delivery_chain};
use crate::format;
use crate::model::Project;
use crate::ui::editor::rating_colour;
use crate::ui::widgets;
use eframe::egui::{self, Grid, RichText, Ui};

/// Draws the chain; returns the partnership to open when an objective is clicked.
pub fn show(ui: &mut Ui, project: &Project) -> Option<usize> {
    let chain = delivery_chain(project);
    let mut open = None;
    egui::ScrollArea::vertical()
        .id_salt("delivery chain")
        .show(ui, |ui| {
            widgets::heading(ui, "Delivery chain");
            ui.label(
                "From each priority of the community strategy to the objectives that serve it, \
                 the partnerships that hold them and what each partner contributes. Priorities \
                 are kept in Project settings; objectives in each partnership's Objectives tab.",
            );
            if chain.priorities.is_empty() && chain.unlinked.is_empty() {
                ui.label("No priority or objective yet.");
            }
            for (i, priority) in chain.priorities.iter().enumerate() {
                ui.push_id(("priority", i), |ui| {
                    ui.add_space(6.0);
                    ui.label(RichText::new(&priority.name).strong().size(17.0));
                    if !priority.description.is_empty() {
                        ui.add(egui::Label::new(&priority.description).wrap());
                    }
                    if priority.objectives.is_empty() {
                        ui.label(RichText::new("No objective serves this priority yet.").weak());
                    }
                    open = open.or(objectives(ui, &priority.objectives));
                });
            }
            if !chain.unlinked.is_empty() {
                ui.push_id("unlinked", |ui| {
                    ui.add_space(6.0);
                    ui.label(
                        RichText::new("Objectives serving no priority of the strategy")
                            .strong()
                            .size(17.0),
                    );
                    open = open.or(objectives(ui, &chain.unlinked));
                });
            }
            partners(ui, &chain);
        });
    open
}

fn objectives(ui: &mut Ui, list: &[ChainObjective]) -> Option<usize> {
    let mut open = None;
    for (k, o) in list.iter().enumerate() {
        ui.push_id(("objective", k), |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.add_space(16.0);
                let link = ui
                    .link(format!("{} — {}", o.name, o.partnership_name))
                    .on_hover_text("Open the partnership's Objectives tab");
                if link.clicked() {
                    open = Some(o.partnership);
                }
                ui.label(
                    RichText::new(o.rating.describe())
                        .color(rating_colour(o.rating.worst, ui.visuals())),
                );
            });
            for c in &o.contributors {
                let mut text = if c.partner.is_empty() {
                    "(no partner chosen)".to_owned()
                } else {
                    c.partner.clone()
                };
                if !c.lines.is_empty() {
                    text.push_str(&format!(": {}", c.lines.join(", ")));
                }
                if let Some(h) = c.hours_per_year {
                    text.push_str(&format!("; {} hours a year", format::number(h, 0)));
                }
                ui.horizontal_wrapped(|ui| {
                    ui.add_space(32.0);
                    ui.add(egui::Label::new(text).wrap());
                });
            }
        });
    }
    open
}

fn partners(ui: &mut Ui, chain: &DeliveryChain) {
    widgets::heading(ui, "Each partner's part");
    Grid::new("partner delivery")
        .num_columns(5)
        .striped(true)
        .spacing([14.0, 4.0])
        .show(ui, |ui| {
            for h in [
                "Partner",
                "Objectives",
                "Partnerships",
                "Hours a year",
                "Priorities",
            ] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for p in &chain.partners {
                let name = if p.known {
                    p.partner.clone()
                } else {
                    format!("{} (not a partner)", p.partner)
                };
                ui.label(name);
                ui.label(p.objectives.to_string());
                ui.label(p.partnerships.to_string());
                ui.label(format::number(p.hours_per_year, 0));
                ui.add(egui::Label::new(p.priorities.join(", ")).wrap());
                ui.end_row();
            }
        });
}
