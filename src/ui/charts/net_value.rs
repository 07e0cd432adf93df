//! Cumulative discounted net value by year, with the payback point.

use super::axes::{category, plot, round_marks, year_marks};
use super::layout::fit;
use super::{BENEFIT, GREY, ORANGE, Swatch, legend, money_tick, title, to_f64};
use crate::appraisal::Payback;
use crate::format;
use crate::model::FinancialYear;
use eframe::egui::{self, RichText, Ui};
use egui_plot::{
    AxisHints, HLine, Line, LineStyle, MarkerShape, PlotPoint, PlotPoints, Points, Text, VLine,
};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// "Payback: 3.25 years (during 2029/30)", or that there is none.
pub fn payback_label(payback: Payback, years: &[FinancialYear]) -> String {
    let Payback::Years(y) = payback else {
        return "No payback within the horizon".to_owned();
    };
    let whole = y.floor();
    let index = whole.to_usize().unwrap_or(0);
    let when = if y == whole && index > 0 {
        years
            .get(index - 1)
            .map(|year| format!(" (by the end of {year})"))
    } else {
        years.get(index).map(|year| format!(" (during {year})"))
    };
    format!(
        "Payback: {}{}",
        format::payback(payback),
        when.unwrap_or_default()
    )
}

/// Cumulative discounted net value at the end of each year, with the payback point.
/// Year `t`'s value is drawn at `t + 1` (its year end), so the payback point, counted in
/// years from the start, falls where the line crosses zero.
pub fn cumulative(
    ui: &mut Ui,
    id: &str,
    years: &[FinancialYear],
    cumulative: &[Decimal],
    payback: Payback,
    symbol: &str,
    height: f32,
) {
    title(ui, "Cumulative discounted net value, by year");
    let mut entries = vec![
        ("Cumulative net value", BENEFIT, Swatch::Line),
        ("Break-even (zero)", GREY, Swatch::Dashed),
    ];
    if matches!(payback, Payback::Years(_)) {
        entries.push(("Payback", ORANGE, Swatch::Diamond));
    }
    legend(ui, &entries);
    let names: Vec<String> = years.iter().map(ToString::to_string).collect();
    let mut points = vec![[0.0, 0.0]];
    points.extend(
        cumulative
            .iter()
            .enumerate()
            .map(|(t, v)| [(t + 1) as f64, to_f64(*v)]),
    );
    let tick_symbol = symbol.to_owned();
    let n = cumulative.len();
    let text_colour = ui.visuals().text_color();
    let payback_text = payback_label(payback, years);
    let (low, high) = points.iter().fold((0.0_f64, 0.0_f64), |(lo, hi), p| {
        (lo.min(p[1]), hi.max(p[1]))
    });
    plot(("cumulative", id), fit(ui, height))
        .custom_x_axes(vec![
            AxisHints::new_x()
                .label("Financial year (value at the year's end)")
                .label_spacing(56.0..=60.0)
                .formatter(move |mark, _| {
                    let k = mark.value.round();
                    if k >= 1.0 {
                        category(k - 1.0, &names)
                    } else {
                        String::new()
                    }
                }),
        ])
        .y_axis_label(format!("{symbol}, present value"))
        .x_grid_spacer(year_marks)
        .y_grid_spacer(|input| round_marks(&input, 26.0))
        .y_axis_formatter(move |mark, _| money_tick(mark.value, &tick_symbol))
        .include_x(0.0)
        .include_x(n as f64 + 0.3)
        .include_y(0.0)
        .show(ui, move |plot_ui| {
            plot_ui.hline(
                HLine::new("Break-even (zero)", 0.0)
                    .color(GREY)
                    .style(LineStyle::dashed_loose()),
            );
            plot_ui.line(
                Line::new("Cumulative net value", PlotPoints::from(points.clone()))
                    .color(BENEFIT)
                    .width(3.0),
            );
            plot_ui.points(
                Points::new("Cumulative net value", PlotPoints::from(points))
                    .color(BENEFIT)
                    .radius(3.5)
                    .shape(MarkerShape::Circle),
            );
            if let Payback::Years(y) = payback {
                let x = to_f64(y);
                plot_ui.vline(
                    VLine::new("Payback", x)
                        .color(ORANGE)
                        .width(2.0)
                        .style(LineStyle::dashed_dense()),
                );
                plot_ui.points(
                    Points::new("Payback", [x, 0.0])
                        .color(ORANGE)
                        .radius(7.0)
                        .shape(MarkerShape::Diamond),
                );
                let top = high - (high - low) * 0.02;
                let anchor = if x > n as f64 * 0.6 {
                    egui::Align2::RIGHT_TOP
                } else {
                    egui::Align2::LEFT_TOP
                };
                plot_ui.text(
                    Text::new(
                        "Payback",
                        PlotPoint::new(x, top),
                        RichText::new(format!("  {payback_text}  ")).color(text_colour),
                    )
                    .anchor(anchor),
                );
            }
        });
    if matches!(payback, Payback::Never) {
        ui.label("No payback within the horizon: cumulative discounted net value does not reach zero, or net value is not positive.");
    }
}
