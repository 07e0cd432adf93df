//! The partner network view: who sits in which partnership and what it costs them, as
//! a heat map or as tables, drawn from the engine's [`Network`].

use super::{Board, NetworkView, charts, figure_cell, money_text, name_cell, right, widgets};
use crate::appraisal::portfolio::{Network, NetworkMeasure};
use crate::appraisal::{AllCompleteness, Appraisal};
use crate::format;
use crate::model::Project;
use eframe::egui::{self, Align, Color32, Layout, RichText, Sense, Ui};
use egui_extras::{Column, TableBuilder};
use rust_decimal::Decimal;

fn hours_text(hours: Decimal) -> String {
    format!("{} h", format::number(hours, 0))
}

/// The pairs of partners shown in the shared memberships table.
const SHARED_SHOWN: usize = 15;
/// The grades shown in the officers most in demand table.
const OFFICERS_SHOWN: usize = 10;

/// The network's density in words: "31 of 45 pairs of partners sit together on at least
/// one partnership: a density of 69%".
pub fn density_words(network: &Network) -> String {
    let Some(density) = network.density() else {
        return "With fewer than two partners, no pair of partners can sit together.".to_owned();
    };
    format!(
        "{} of {} pairs of partners sit together on at least one partnership: a density of {}%.",
        format::number(Decimal::from(network.shared.len()), 0),
        format::number(Decimal::from(network.pairs), 0),
        format::number(density.saturating_mul(Decimal::ONE_HUNDRED), 0),
    )
}

/// The colour of a cell whose value is `fraction` of the largest: from the panel's
/// background to vermillion, by lightness, so it reads in grey scale too.
fn shade(visuals: &egui::Visuals, fraction: f32) -> Color32 {
    let base = visuals.extreme_bg_color;
    let t = fraction.clamp(0.0, 1.0).sqrt();
    let mix = |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * t).round() as u8;
    let end = charts::negative_text(visuals);
    Color32::from_rgb(
        mix(base.r(), end.r()),
        mix(base.g(), end.g()),
        mix(base.b(), end.b()),
    )
}

/// Black or white, whichever reads better on `fill`.
fn ink(fill: Color32) -> Color32 {
    let lum =
        0.2126 * f32::from(fill.r()) + 0.7152 * f32::from(fill.g()) + 0.0722 * f32::from(fill.b());
    if lum > 140.0 {
        Color32::BLACK
    } else {
        Color32::WHITE
    }
}

/// The partner network view. Returns a partnership the user chose to open.
pub fn network_view(
    ui: &mut Ui,
    project: &Project,
    (appraisal, completeness): (&Appraisal, &AllCompleteness),
    revision: u64,
    board: &mut Board,
) -> Option<usize> {
    ui.add_space(4.0);
    ui.heading("Partner network");
    board.show_problems |= widgets::incomplete_mark(ui, completeness.portfolio, 16.0);
    ui.label(
        "Who sits in which partnership, and what it costs them: the present value of the costs each partner bears, and the staff and meeting hours it gives each year (averaged over the horizon, as entered).",
    );
    ui.horizontal(|ui| {
        ui.label("Show");
        ui.selectable_value(&mut board.network_view, NetworkView::Chart, "Chart");
        ui.selectable_value(&mut board.network_view, NetworkView::Table, "Table");
        if board.network_view == NetworkView::Chart {
            ui.separator();
            ui.label("Shade by");
            ui.selectable_value(
                &mut board.network_measure,
                NetworkMeasure::Costs,
                "Costs borne",
            );
            ui.selectable_value(
                &mut board.network_measure,
                NetworkMeasure::Hours,
                "Hours a year",
            );
        }
    });
    ui.add_space(4.0);
    let view = board.network_view;
    let measure = board.network_measure;
    let symbol = project.settings.currency_symbol.clone();
    let network = board.network(project, appraisal, revision);
    ui.label(density_words(network));
    ui.add_space(4.0);
    match view {
        NetworkView::Chart => heat_map(ui, project, network, measure, &symbol),
        NetworkView::Table => network_tables(ui, project, network, &symbol),
    }
}

/// The network as a heat map: a row per partnership, a column per partner. Returns a
/// partnership the user chose to open.
fn heat_map(
    ui: &mut Ui,
    project: &Project,
    network: &Network,
    measure: NetworkMeasure,
    symbol: &str,
) -> Option<usize> {
    let mut open = None;
    let visuals = ui.visuals().clone();
    let max = network.largest(measure);
    // Legend.
    let width = ui.available_width();
    ui.horizontal_wrapped(|ui| {
        ui.set_max_width(width);
        let (rect, _) = ui.allocate_exact_size(egui::vec2(160.0, 16.0), Sense::hover());
        let steps = 16;
        for s in 0..steps {
            let mut r = rect;
            r.set_left(rect.left() + rect.width() * s as f32 / steps as f32);
            r.set_width(rect.width() / steps as f32 + 0.5);
            ui.painter()
                .rect_filled(r, 0, shade(&visuals, s as f32 / (steps - 1) as f32));
        }
        let largest = match measure {
            NetworkMeasure::Costs => format::money_whole(max, symbol),
            NetworkMeasure::Hours => hours_text(max),
        };
        ui.label(format!(
            "The stronger the colour, the {}: from nothing to {largest}. Each cell states its figure; an empty cell means not a member. Hover a cell for details; click a name to open it.",
            match measure {
                NetworkMeasure::Costs => "more it costs the partner (present value of costs borne)",
                NetworkMeasure::Hours => "more of the partner's time it takes (hours a year)",
            }
        ));
    });
    ui.add_space(4.0);
    let partners = network.partners.len().max(1);
    let name_width = 250.0;
    let available = ui.available_width() - name_width - 16.0;
    let cell_width = (available / partners as f32).clamp(76.0, 150.0);
    let header_height = 62.0;
    let row_height = 30.0;
    let font = egui::TextStyle::Small.resolve(ui.style());
    let body_font = egui::TextStyle::Body.resolve(ui.style());
    let total_width = name_width + cell_width * partners as f32;
    egui::ScrollArea::horizontal()
        .id_salt("network_h")
        .show(ui, |ui| {
            ui.set_min_width(total_width);
            // Column headers: the partners' names.
            let (rect, _) =
                ui.allocate_exact_size(egui::vec2(total_width, header_height), Sense::hover());
            let painter = ui.painter_at(rect);
            painter.text(
                rect.left_bottom() + egui::vec2(2.0, -4.0),
                egui::Align2::LEFT_BOTTOM,
                "Partnership / partner",
                font.clone(),
                visuals.weak_text_color(),
            );
            for (k, name) in network.partners.iter().enumerate() {
                let left = rect.left() + name_width + cell_width * k as f32;
                let galley = painter.layout(
                    name.clone(),
                    font.clone(),
                    visuals.strong_text_color(),
                    cell_width - 6.0,
                );
                let pos = egui::pos2(left + 3.0, rect.bottom() - galley.size().y - 3.0);
                painter.galley(pos, galley, visuals.strong_text_color());
            }
            egui::ScrollArea::vertical()
                .id_salt("network_v")
                .max_height((ui.available_height() - 8.0).max(200.0))
                .show_rows(ui, row_height, network.cells.len(), |ui, range| {
                    for i in range {
                        let (Some(row), Some(p)) =
                            (network.cells.get(i), project.partnerships.get(i))
                        else {
                            continue;
                        };
                        let (rect, response) = ui.allocate_exact_size(
                            egui::vec2(total_width, row_height),
                            Sense::hover(),
                        );
                        let name_rect = egui::Rect::from_min_size(
                            rect.min,
                            egui::vec2(name_width - 8.0, row_height),
                        );
                        let mut name_ui = ui.new_child(
                            egui::UiBuilder::new()
                                .max_rect(name_rect)
                                .layout(Layout::left_to_right(Align::Center)),
                        );
                        name_ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                        let link = name_ui
                            .link(RichText::new(&p.name).font(body_font.clone()))
                            .on_hover_text(format!("Open {}", p.name));
                        if link.clicked() {
                            open = Some(i);
                        }
                        let painter = ui.painter_at(rect);
                        for (k, cell) in row.iter().enumerate() {
                            let cell_rect = egui::Rect::from_min_size(
                                egui::pos2(rect.left() + name_width + cell_width * k as f32, rect.top()),
                                egui::vec2(cell_width, row_height),
                            )
                            .shrink(1.5);
                            let value = cell.value(measure);
                            if !cell.member && value.is_zero() {
                                painter.rect_stroke(
                                    cell_rect,
                                    2,
                                    egui::Stroke::new(1.0, visuals.faint_bg_color),
                                    egui::StrokeKind::Inside,
                                );
                                continue;
                            }
                            let fraction =
                                charts::to_f64(network.share_of_largest(cell, measure)) as f32;
                            let fill = shade(&visuals, fraction);
                            painter.rect_filled(cell_rect, 2, fill);
                            let text = if value.is_zero() {
                                "member".to_owned()
                            } else {
                                match measure {
                                    NetworkMeasure::Costs => charts::money_short(value, symbol),
                                    NetworkMeasure::Hours => hours_text(value),
                                }
                            };
                            painter.text(
                                cell_rect.center(),
                                egui::Align2::CENTER_CENTER,
                                text,
                                font.clone(),
                                ink(fill),
                            );
                        }
                        if let Some(pos) = response.hover_pos() {
                            let k = ((pos.x - rect.left() - name_width) / cell_width).floor();
                            if k >= 0.0 {
                                let k = k as usize;
                                if let (Some(cell), Some(partner)) =
                                    (row.get(k), network.partners.get(k))
                                {
                                    let text = format!(
                                        "{partner} in {}\n{}\nCosts borne (PV): {}\nBenefits received (PV): {}\nNet to budget (PV): {}\nStaff and meeting time: {} a year",
                                        p.name,
                                        if cell.member { "Member" } else { "Not a member" },
                                        format::money_whole(cell.pv_costs, symbol),
                                        format::money_whole(cell.pv_benefits, symbol),
                                        format::money_whole(cell.net_budget, symbol),
                                        hours_text(cell.hours_per_year),
                                    );
                                    response.on_hover_text_at_pointer(text);
                                }
                            }
                        }
                    }
                });
        });
    open
}

/// The network as tables: each partner's totals, then every membership. Returns a
/// partnership the user chose to open.
fn network_tables(
    ui: &mut Ui,
    project: &Project,
    network: &Network,
    symbol: &str,
) -> Option<usize> {
    egui::ScrollArea::vertical()
        .id_salt("network_tables_page")
        .show(ui, |ui| {
            partner_table(ui, project, network, symbol);
            ui.add_space(10.0);
            shared_table(ui, network);
            ui.add_space(10.0);
            officers_table(ui, network);
            ui.add_space(10.0);
            memberships_table(ui, project, network, symbol)
        })
        .inner
}

/// Each partner's totals: partnerships, money, hours and degree.
fn partner_table(ui: &mut Ui, project: &Project, network: &Network, symbol: &str) {
    ui.label(RichText::new("Each partner's time and money across the portfolio").strong());
    egui::ScrollArea::horizontal()
        .id_salt("network_partners_h")
        .show(ui, |ui| {
            egui::Grid::new("network_partners")
                .num_columns(8)
                .striped(true)
                .spacing([12.0, 4.0])
                .show(ui, |ui| {
                    for h in ["Partner", "Kind", "Partnerships"] {
                        ui.label(RichText::new(h).strong());
                    }
                    ui.label(RichText::new("Degree").strong()).on_hover_text(
                        "The number of other partners it sits with on at least one partnership",
                    );
                    for h in [
                        "Costs borne (PV)",
                        "Hours a year",
                        "Meeting hours a year",
                        "Net to budget (PV)",
                    ] {
                        ui.label(RichText::new(h).strong());
                    }
                    ui.end_row();
                    for (k, name) in network.partners.iter().enumerate() {
                        let Some(t) = network.totals.get(k) else {
                            continue;
                        };
                        name_cell(ui, 190.0, name);
                        let kind = project
                            .partners
                            .iter()
                            .find(|p| p.name == *name)
                            .map_or("not in the project", |p| p.kind.label());
                        name_cell(ui, 130.0, kind);
                        figure_cell(ui, 80.0, format!("{}", t.memberships));
                        figure_cell(ui, 50.0, format!("{}", t.degree));
                        figure_cell(ui, 100.0, format::money_whole(t.pv_costs, symbol));
                        figure_cell(ui, 80.0, hours_text(t.hours_per_year));
                        figure_cell(ui, 120.0, hours_text(t.meeting_hours_per_year));
                        let net = money_text(ui, t.net_budget, symbol).strong();
                        figure_cell(ui, 110.0, net);
                        ui.end_row();
                    }
                });
        });
}

/// The pairs of partners who sit together most often, and how many more pairs there are.
fn shared_table(ui: &mut Ui, network: &Network) {
    ui.label(RichText::new("Shared memberships").strong());
    ui.label("Pairs of partners who sit together, most partnerships shared first.");
    egui::Grid::new("network_shared")
        .num_columns(3)
        .striped(true)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            for h in ["Partner", "Partner", "Partnerships shared"] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for pair in network.shared.iter().take(SHARED_SHOWN) {
                let (Some(a), Some(b)) = (
                    network.partners.get(pair.first),
                    network.partners.get(pair.second),
                ) else {
                    continue;
                };
                name_cell(ui, 240.0, a);
                name_cell(ui, 240.0, b);
                figure_cell(ui, 130.0, format!("{}", pair.partnerships));
                ui.end_row();
            }
        });
    let more = network.shared.len().saturating_sub(SHARED_SHOWN);
    if more > 0 {
        let most = network
            .shared
            .get(SHARED_SHOWN)
            .map_or(0, |p| p.partnerships);
        ui.label(format!(
            "and {} more {}, {}.",
            format::number(Decimal::from(more), 0),
            if more == 1 { "pair" } else { "pairs" },
            if most == 1 {
                "each sharing one partnership".to_owned()
            } else {
                format!("each sharing at most {most} partnerships")
            }
        ));
    } else if network.shared.is_empty() {
        ui.label("No two partners sit together on any partnership.");
    }
}

/// The grades whose time the partnerships take most of.
fn officers_table(ui: &mut Ui, network: &Network) {
    ui.label(RichText::new("Officers most in demand").strong());
    ui.label("Each partner's grades by the staff and meeting hours they give a year, across the partnerships.");
    egui::Grid::new("network_officers")
        .num_columns(4)
        .striped(true)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            for h in ["Grade", "Partner", "Hours a year", "Partnerships"] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for o in network.most_in_demand(OFFICERS_SHOWN) {
                let Some(partner) = network.partners.get(o.partner) else {
                    continue;
                };
                name_cell(ui, 220.0, &o.grade);
                name_cell(ui, 240.0, partner);
                figure_cell(ui, 110.0, hours_text(o.hours_per_year));
                figure_cell(ui, 100.0, format!("{}", o.partnerships));
                ui.end_row();
            }
        });
    if network.officers.is_empty() {
        ui.label("No staff time or meeting attendance is entered.");
    }
}

/// One row for every membership. Returns a partnership the user chose to open.
fn memberships_table(
    ui: &mut Ui,
    project: &Project,
    network: &Network,
    symbol: &str,
) -> Option<usize> {
    let mut open = None;
    ui.label(RichText::new("Who sits in which partnership").strong());
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    ui.push_id("memberships", |ui| {
        let max_height = (ui.ctx().content_rect().height() * 0.6).max(200.0);
        TableBuilder::new(ui)
            .id_salt("memberships_table")
            .striped(true)
            .resizable(false)
            .cell_layout(Layout::left_to_right(Align::Center))
            .max_scroll_height(max_height)
            .column(Column::exact(240.0).clip(true))
            .column(Column::remainder().at_least(200.0).clip(true))
            .column(Column::exact(130.0))
            .column(Column::exact(110.0))
            .column(Column::exact(170.0))
            .column(Column::exact(140.0))
            .header(row_height, |mut header| {
                for h in [
                    "Partner",
                    "Partnership",
                    "Costs borne (PV)",
                    "Hours a year",
                    "Benefits received (PV)",
                    "Net to budget (PV)",
                ] {
                    header.col(|ui| {
                        ui.label(RichText::new(h).strong());
                    });
                }
            })
            .body(|body| {
                body.rows(row_height, network.memberships.len(), |mut row| {
                    let Some(&(k, i)) = network.memberships.get(row.index()) else {
                        return;
                    };
                    let (Some(partner), Some(cell), Some(p)) = (
                        network.partners.get(k),
                        network.cells.get(i).and_then(|r| r.get(k)),
                        project.partnerships.get(i),
                    ) else {
                        return;
                    };
                    row.col(|ui| {
                        ui.label(partner);
                    });
                    row.col(|ui| {
                        if ui.link(&p.name).clicked() {
                            open = Some(i);
                        }
                    });
                    row.col(|ui| {
                        right(ui, format::money_whole(cell.pv_costs, symbol));
                    });
                    row.col(|ui| {
                        right(ui, hours_text(cell.hours_per_year));
                    });
                    row.col(|ui| {
                        right(ui, format::money_whole(cell.pv_benefits, symbol));
                    });
                    row.col(|ui| {
                        let net = money_text(ui, cell.net_budget, symbol);
                        right(ui, net);
                    });
                });
            });
    });
    open
}
