//! The dashboard's table: a sortable row per partnership, and the totals under it.

use super::{Board, money_text, negative_badge, reviews, right, wide_enough, widgets};
use crate::appraisal::portfolio::{Sort, SortColumn, Totals};
use crate::appraisal::review::ReviewStatus;
use crate::appraisal::{AllCompleteness, Appraisal, Measures, Payback};
use crate::format;
use crate::model::Project;
use eframe::egui::{self, Align, Layout, RichText, Sense, Ui};
use egui_extras::{Column, TableBuilder};
use rust_decimal::Decimal;

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

/// The usual widths of the figure columns: costs, benefits, net value, benefit-cost
/// ratio and payback.
const FIGURE_WIDTHS: [f32; 5] = [112.0, 112.0, 118.0, 62.0, 92.0];

/// What each figure column may have to show whole: the widest of the partnerships'
/// figures (the largest and the smallest, with its sign; for payback, the soonest, the
/// latest and "never").
/// Worked out once per revision ([`Board::figure_texts`]).
pub(super) type FigureTexts = [Vec<String>; 5];

pub(super) fn figure_texts(appraisal: &Appraisal, symbol: &str) -> FigureTexts {
    let measures = || appraisal.partnerships.iter().map(|r| &r.measures);
    let money = |figure: fn(&Measures) -> Decimal| {
        let (low, high) = measures()
            .map(figure)
            .fold((Decimal::ZERO, Decimal::ZERO), |(low, high), v| {
                (low.min(v), high.max(v))
            });
        vec![
            format::money_whole(low, symbol),
            format::money_whole(high, symbol),
        ]
    };
    let years = || {
        measures().filter_map(|m| match m.payback {
            Payback::Years(years) => Some(years),
            Payback::Never => None,
        })
    };
    let never = measures().any(|m| m.payback == Payback::Never);
    [
        money(|m| m.pvc),
        money(|m| m.pvb_total),
        money(|m| m.net_value),
        vec![
            format::ratio(measures().filter_map(|m| m.bcr).max()),
            format::ratio(None),
        ],
        [years().min(), years().max()]
            .into_iter()
            .flatten()
            .map(|years| format::payback(Payback::Years(years)))
            .chain(never.then(|| format::payback(Payback::Never)))
            .collect(),
    ]
}

/// The figure columns' widths: each its usual width, or wider where one of its figures
/// would not fit whole. At national scale the totals run to tens of billions of pounds,
/// and a total cut short to "(£35,225,309,7…" would mislead a board.
fn figure_widths(ui: &Ui, texts: &FigureTexts, totals: &[Totals], symbol: &str) -> [f32; 5] {
    let mut widths = FIGURE_WIDTHS;
    for (column, width) in widths.iter_mut().enumerate() {
        let of_totals = totals.iter().map(|t| match column {
            0 => format::money_whole(t.pvc, symbol),
            1 => format::money_whole(t.pvb, symbol),
            2 => format::money_whole(t.net_value, symbol),
            3 => format::ratio(t.bcr),
            _ => format::payback(t.payback),
        });
        *width = wide_enough(ui, *width, texts[column].iter().cloned().chain(of_totals));
    }
    widths
}

fn table_columns<'a>(builder: TableBuilder<'a>, figures: [f32; 5]) -> TableBuilder<'a> {
    let [pvc, pvb, net, bcr, payback] = figures;
    // The name and the funding are cut short with "…" (whole on hover) to leave the
    // figures room: at national scale a 1280-wide window has about 120 for the name.
    builder
        .column(Column::remainder().at_least(120.0).clip(true))
        .column(Column::exact(96.0))
        .column(Column::exact(104.0).clip(true))
        .column(Column::exact(pvc))
        .column(Column::exact(pvb))
        .column(Column::exact(net))
        .column(Column::exact(bcr))
        .column(Column::exact(payback))
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
    let lines = total_lines(project, appraisal, revision, board);
    let totals: Vec<Totals> = lines.iter().filter_map(|(_, t)| t.clone()).collect();
    let widths = figure_widths(
        ui,
        board.figure_texts(appraisal, symbol, revision),
        &totals,
        symbol,
    );
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
        table_columns(builder, widths)
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
    totals_table(ui, symbol, &lines, widths, row_height);
    if visible.is_empty() {
        ui.label("No partnership matches these filters.");
    }
    open
}

/// The lines of totals under the table: of the rows shown (when filtered; `None` when
/// too large to add up) and of the portfolio.
fn total_lines(
    project: &Project,
    appraisal: &Appraisal,
    revision: u64,
    board: &mut Board,
) -> Vec<(String, Option<Totals>)> {
    let filtered = board.filtered();
    let shown = board.shown(project, appraisal, revision);
    let mut lines = Vec::new();
    if filtered {
        let count = shown.visible.len();
        lines.push((format!("Total of the {count} shown"), shown.totals.clone()));
    }
    lines.push((
        "Portfolio total".to_owned(),
        Some(Totals::portfolio(appraisal)),
    ));
    lines
}

/// The totals of the rows shown (when filtered) and of the portfolio.
fn totals_table(
    ui: &mut Ui,
    symbol: &str,
    lines: &[(String, Option<Totals>)],
    widths: [f32; 5],
    row_height: f32,
) {
    ui.separator();
    ui.push_id("dashboard_totals", |ui| {
        let builder = TableBuilder::new(ui)
            .id_salt("totals")
            .resizable(false)
            .vscroll(false)
            .cell_layout(Layout::left_to_right(Align::Center));
        table_columns(builder, widths).body(|mut body| {
            for (label, totals) in lines {
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
