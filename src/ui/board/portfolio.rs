//! The dashboard below the table: each partner's exposure, the cost of joint working
//! by layer and kind, and the portfolio's charts.

use super::{charts, figure_cell, money_text, name_cell, right, wide_enough};
use crate::appraisal::Appraisal;
use crate::appraisal::portfolio::{Exposure, JointWorking};
use crate::format;
use eframe::egui::{self, Align, Layout, RichText, Sense, Ui};
use egui_extras::{Column, TableBuilder};
use rust_decimal::Decimal;

/// Each partner's net exposure across all partnerships.
pub(super) fn exposure(ui: &mut Ui, exposure: &Exposure, symbol: &str) {
    ui.label(
        RichText::new("Each partner's net exposure across all partnerships (present values)")
            .strong(),
    );
    egui::Grid::new("exposure_grid")
        .num_columns(7)
        .striped(true)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            for h in [
                "Partner",
                "Partnerships",
                "Costs borne",
                "Fiscal benefits",
                "Economic and social",
                "Net to budget",
                "Own return",
            ] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for p in &exposure.partners {
                name_cell(ui, 260.0, &p.partner);
                figure_cell(ui, 90.0, format!("{}", p.partnerships));
                figure_cell(ui, 110.0, format::money_whole(p.pv_costs, symbol));
                figure_cell(ui, 110.0, format::money_whole(p.pv_fiscal, symbol));
                figure_cell(ui, 110.0, format::money_whole(p.pv_other, symbol));
                let net = money_text(ui, p.net_budget, symbol).strong();
                figure_cell(ui, 110.0, net);
                figure_cell(ui, 110.0, format::ratio(p.fiscal_roi));
                ui.end_row();
            }
            if let Some(society) = &exposure.wider_society {
                ui.label("Wider society")
                    .on_hover_text("Benefits attributed to no partner: not a saving to any budget");
                figure_cell(ui, 110.0, "");
                figure_cell(ui, 110.0, format::money_whole(Decimal::ZERO, symbol));
                figure_cell(ui, 110.0, format::money_whole(society.fiscal, symbol));
                figure_cell(
                    ui,
                    110.0,
                    format::money_whole(society.economic_and_social, symbol),
                );
                figure_cell(ui, 110.0, "");
                figure_cell(ui, 110.0, "");
                ui.end_row();
            }
        });
}

/// The cost of joint working across the portfolio, by governance layer and by kind.
pub(super) fn joint_working(ui: &mut Ui, page_right: f32, joint: &JointWorking, symbol: &str) {
    ui.label(RichText::new("Cost of joint working across the portfolio (present values)").strong());
    // Both tables' amounts fit whole, in columns of one width so the tables match.
    let amounts = joint.by_layer.iter().chain(&joint.by_kind);
    let amount = wide_enough(
        ui,
        100.0,
        amounts.map(|b| format::money_whole(b.pv, symbol)),
    );
    // The two tables side by side where the page is wide enough, else one under the other.
    let table_width = 100.0 + amount + 58.0 + 124.0 + 4.0 * ui.spacing().item_spacing.x;
    let layout = if page_right - ui.cursor().min.x >= 2.0 * (table_width + 30.0) {
        Layout::left_to_right(Align::Min)
    } else {
        Layout::top_down(Align::Min)
    };
    ui.with_layout(layout, |ui| {
        for (id, title, breakdowns, colours) in [
            (
                "by_layer",
                "By governance layer",
                &joint.by_layer,
                &charts::LAYER_COLOURS,
            ),
            ("by_kind", "By kind", &joint.by_kind, &charts::KIND_COLOURS),
        ] {
            ui.vertical(|ui| {
                ui.label(title);
                let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
                ui.push_id(id, |ui| {
                    TableBuilder::new(ui)
                        .id_salt(id)
                        .striped(true)
                        .resizable(false)
                        .vscroll(false)
                        .cell_layout(Layout::left_to_right(Align::Center))
                        .column(Column::exact(100.0))
                        .column(Column::exact(amount))
                        .column(Column::exact(58.0))
                        .column(Column::exact(124.0))
                        .body(|mut body| {
                            for (i, b) in breakdowns.iter().enumerate() {
                                let share = b.share;
                                body.row(row_height, |mut row| {
                                    row.col(|ui| {
                                        ui.label(&b.label);
                                    });
                                    row.col(|ui| {
                                        right(ui, format::money_whole(b.pv, symbol));
                                    });
                                    row.col(|ui| {
                                        right(
                                            ui,
                                            share.map_or_else(
                                                || "n/a".to_owned(),
                                                |s| format::percent(format::round(s, 3)),
                                            ),
                                        );
                                    });
                                    row.col(|ui| {
                                        let (rect, _) = ui.allocate_exact_size(
                                            egui::vec2(116.0, 12.0),
                                            Sense::hover(),
                                        );
                                        let fraction = share
                                            .map(charts::to_f64)
                                            .unwrap_or(0.0)
                                            .clamp(0.0, 1.0)
                                            as f32;
                                        ui.painter().rect_filled(
                                            rect,
                                            2,
                                            ui.visuals().faint_bg_color,
                                        );
                                        let mut bar = rect;
                                        bar.set_width(rect.width() * fraction);
                                        ui.painter().rect_filled(
                                            bar,
                                            2,
                                            colours.get(i).copied().unwrap_or(charts::GREY),
                                        );
                                    });
                                });
                            }
                        });
                });
            });
            ui.add_space(30.0);
        }
    });
}

/// The portfolio's charts: cumulative net value, who pays, cost by layer and kind,
/// benefits by type.
pub(super) fn charts(ui: &mut Ui, right: f32, appraisal: &Appraisal, symbol: &str) {
    let p = &appraisal.portfolio;
    charts::rows(
        ui,
        right,
        300.0,
        f32::INFINITY,
        vec![
            Box::new(|ui: &mut Ui| {
                charts::cumulative(
                    ui,
                    "portfolio",
                    &appraisal.years,
                    &p.cumulative_net,
                    p.measures.payback,
                    symbol,
                    260.0,
                );
            }),
            Box::new(|ui: &mut Ui| {
                charts::who_pays(
                    ui,
                    "portfolio",
                    &p.partners,
                    p.wider_society,
                    symbol,
                    Some(260.0),
                );
            }),
        ],
    );
    charts::rows(
        ui,
        right,
        260.0,
        f32::INFINITY,
        vec![
            Box::new(|ui: &mut Ui| {
                charts::cost_by_layer(ui, "portfolio", &p.cost_by_layer, symbol, 220.0);
            }),
            Box::new(|ui: &mut Ui| {
                charts::cost_by_kind(ui, "portfolio", &p.cost_by_kind, symbol, 220.0);
            }),
            Box::new(|ui: &mut Ui| {
                charts::benefits_by_type(ui, "portfolio", &p.measures.pvb, symbol, 220.0);
            }),
        ],
    );
}
