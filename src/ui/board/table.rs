//! The dashboard's table: a sortable row per partnership, and the totals under it.

use super::{Board, money_text, negative_badge, reviews, right, widgets};
use crate::appraisal::portfolio::{Sort, SortColumn, Totals};
use crate::appraisal::review::ReviewStatus;
use crate::appraisal::{AllCompleteness, Appraisal};
use crate::format;
use crate::model::Project;
use eframe::egui::{self, Align, Layout, RichText, Sense, Ui};
use egui_extras::{Column, TableBuilder};

/// What a column holds, on hovering its header.
fn explain(column: SortColumn) -> &'static str {
    match column {
        SortColumn::Name => "Name of the partnership",
        SortColumn::Status => "Proposed, active, under review or closing",
        SortColumn::Funding => "Funding arrangement (Audit Commission 2009)",
        SortColumn::Pvc => "Present value of costs, after optimism bias",
        SortColumn::Pvb => "Present value of all benefits, after adjustments",
        SortColumn::NetValue => "Net present social value: PVB less PVC",
        SortColumn::Bcr => "Benefit-cost ratio: PVB / PVC",
        SortColumn::Payback => "Years until cumulative discounted net value reaches zero",
    }
}

/// A sortable column header: the name, and a triangle showing the order when sorted by it.
/// True when clicked.
fn sort_header(ui: &mut Ui, sort: Sort, column: SortColumn) -> bool {
    let sorted = sort.column == column;
    let layout = if column.numeric() {
        Layout::right_to_left(Align::Center)
    } else {
        Layout::left_to_right(Align::Center)
    };
    ui.with_layout(layout, |ui| {
        ui.spacing_mut().item_spacing.x = 3.0;
        let order = if !sorted {
            "Click to sort by this column".to_owned()
        } else if sort.descending {
            "Sorted high to low (Z to A); click to reverse".to_owned()
        } else {
            "Sorted low to high (A to Z); click to reverse".to_owned()
        };
        let paint_marker = |ui: &mut Ui| {
            if sorted {
                let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), Sense::hover());
                let c = rect.center();
                let colour = ui.visuals().strong_text_color();
                let points = if sort.descending {
                    vec![
                        c + egui::vec2(-5.0, -3.0),
                        c + egui::vec2(5.0, -3.0),
                        c + egui::vec2(0.0, 4.0),
                    ]
                } else {
                    vec![
                        c + egui::vec2(-5.0, 4.0),
                        c + egui::vec2(5.0, 4.0),
                        c + egui::vec2(0.0, -3.0),
                    ]
                };
                ui.painter().add(egui::Shape::convex_polygon(
                    points,
                    colour,
                    egui::Stroke::NONE,
                ));
            }
        };
        if column.numeric() {
            paint_marker(ui);
        }
        let clicked = ui
            .add(egui::Button::new(RichText::new(column.label()).strong()).frame(false))
            .on_hover_text(format!("{}. {order}", explain(column)))
            .clicked();
        if !column.numeric() {
            paint_marker(ui);
        }
        clicked
    })
    .inner
}

fn table_columns<'a>(builder: TableBuilder<'a>) -> TableBuilder<'a> {
    builder
        .column(Column::remainder().at_least(170.0).clip(true))
        .column(Column::exact(96.0))
        .column(Column::exact(112.0).clip(true))
        .column(Column::exact(112.0))
        .column(Column::exact(112.0))
        .column(Column::exact(118.0))
        .column(Column::exact(62.0))
        .column(Column::exact(92.0))
        .column(Column::exact(110.0))
}

/// The table of partnerships, one row each, and their totals under it. Returns a
/// partnership the user chose to open.
pub(super) fn partnership_table(
    ui: &mut Ui,
    project: &Project,
    (appraisal, completeness): (&Appraisal, &AllCompleteness),
    revision: u64,
    board: &mut Board,
    review_statuses: &[ReviewStatus],
) -> Option<usize> {
    let mut show_problems = false;
    let symbol = project.settings.currency_symbol.as_str();
    let mut open = None;
    let mut clicked_header = None;
    let visible: Vec<usize> = board.visible(project, appraisal, revision).to_vec();
    let max_height = (ui.ctx().content_rect().height() * 0.45).max(180.0);
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    ui.push_id("dashboard_table", |ui| {
        let builder = TableBuilder::new(ui)
            .id_salt("partnerships")
            .striped(true)
            .resizable(false)
            .cell_layout(Layout::left_to_right(Align::Center))
            .max_scroll_height(max_height)
            .auto_shrink([false, true]);
        table_columns(builder)
            .header(row_height + 4.0, |mut header| {
                for column in SortColumn::ALL {
                    header.col(|ui| {
                        if sort_header(ui, board.sort, column) {
                            clicked_header = Some(column);
                        }
                    });
                }
                header.col(|ui| {
                    ui.label(RichText::new("Flag").strong()).on_hover_text(
                        "Partnerships whose figures are incomplete, whose net value is negative, \
                         or that are due or overdue for review",
                    );
                });
            })
            .body(|body| {
                body.rows(row_height, visible.len(), |mut row| {
                    let Some(&i) = visible.get(row.index()) else {
                        return;
                    };
                    let (Some(p), Some(r)) =
                        (project.partnerships.get(i), appraisal.partnerships.get(i))
                    else {
                        return;
                    };
                    let m = &r.measures;
                    row.col(|ui| {
                        // A long name is cut with "…" (the whole name on hover), not clipped.
                        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                        if ui
                            .link(&p.name)
                            .on_hover_text(format!("Open {}", p.name))
                            .clicked()
                        {
                            open = Some(i);
                        }
                    });
                    row.col(|ui| {
                        ui.label(p.status.label());
                    });
                    row.col(|ui| {
                        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                        // Cut short, it shows whole on hover (egui's own tooltip).
                        ui.label(p.funding.label());
                    });
                    row.col(|ui| {
                        right(ui, format::money_whole(m.pvc, symbol));
                    });
                    row.col(|ui| {
                        right(ui, format::money_whole(m.pvb_total, symbol));
                    });
                    row.col(|ui| {
                        let text = money_text(ui, m.net_value, symbol).strong();
                        right(ui, text);
                    });
                    row.col(|ui| {
                        right(ui, format::ratio(m.bcr));
                    });
                    row.col(|ui| {
                        right(ui, format::payback(m.payback));
                    });
                    row.col(|ui| {
                        if let Some(mark) = completeness.partnership(i).mark() {
                            let text = RichText::new("Incomplete")
                                .strong()
                                .color(widgets::error_colour(ui.visuals()));
                            if ui
                                .link(text)
                                .on_hover_text(format!("{mark}: click to see the problems"))
                                .clicked()
                            {
                                show_problems = true;
                            }
                        }
                        if r.negative {
                            negative_badge(ui, 13.0);
                        }
                        reviews::badge(ui, review_statuses.get(i));
                    });
                });
            });
    });
    board.show_problems |= show_problems;
    if let Some(column) = clicked_header {
        board.sort_by(column);
        ui.ctx().request_repaint();
    }
    totals_table(ui, project, appraisal, revision, board, row_height);
    if visible.is_empty() {
        ui.label("No partnership matches these filters.");
    }
    open
}

/// The totals of the rows shown (when filtered) and of the portfolio.
fn totals_table(
    ui: &mut Ui,
    project: &Project,
    appraisal: &Appraisal,
    revision: u64,
    board: &mut Board,
    row_height: f32,
) {
    let symbol = project.settings.currency_symbol.as_str();
    let filtered = board.filtered();
    let shown = board.shown(project, appraisal, revision);
    let count = shown.visible.len();
    let shown_totals = shown.totals.clone();
    let mut lines: Vec<(String, Option<Totals>)> = Vec::new();
    if filtered {
        lines.push((format!("Total of the {count} shown"), shown_totals));
    }
    lines.push((
        "Portfolio total".to_owned(),
        Some(Totals::portfolio(appraisal)),
    ));
    ui.separator();
    ui.push_id("dashboard_totals", |ui| {
        let builder = TableBuilder::new(ui)
            .id_salt("totals")
            .resizable(false)
            .vscroll(false)
            .cell_layout(Layout::left_to_right(Align::Center));
        table_columns(builder).body(|mut body| {
            for (label, totals) in &lines {
                body.row(row_height, |mut row| {
                    row.col(|ui| {
                        ui.label(RichText::new(label).strong());
                    });
                    let Some(t) = totals else {
                        row.col(|ui| {
                            ui.label("too large to add up");
                        });
                        return;
                    };
                    row.col(|_| {});
                    row.col(|_| {});
                    row.col(|ui| {
                        right(
                            ui,
                            RichText::new(format::money_whole(t.pvc, symbol)).strong(),
                        );
                    });
                    row.col(|ui| {
                        right(
                            ui,
                            RichText::new(format::money_whole(t.pvb, symbol)).strong(),
                        );
                    });
                    row.col(|ui| {
                        let text = money_text(ui, t.net_value, symbol).strong();
                        right(ui, text);
                    });
                    row.col(|ui| {
                        right(ui, RichText::new(format::ratio(t.bcr)).strong());
                    });
                    row.col(|ui| {
                        right(ui, RichText::new(format::payback(t.payback)).strong());
                    });
                    row.col(|ui| {
                        if t.negative > 0 {
                            ui.label(format!("{} negative", t.negative));
                        }
                    });
                });
            }
        });
    });
}
