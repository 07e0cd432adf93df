//! The uncertainty charts: the tornado of swings in net value, and the Monte Carlo
//! histogram.

use super::axes::{category_axis, horizontal_bars, money_marks_x, money_rows, plot, short_name};
use super::{BENEFIT, COST, Swatch, legend, money_tick, to_f64};
use crate::format;
use eframe::egui::{Color32, Ui};
use egui_plot::{Bar, BarChart};
use rust_decimal::Decimal;

/// One input of the tornado: its name, and net value with the input lowered and raised
/// (the engine's figures).
pub struct Swing<'a> {
    pub label: &'a str,
    pub low: Decimal,
    pub high: Decimal,
}

/// The tornado: how far net value moves from `base` with each input lowered and raised,
/// largest swing at the top. The legend is above the plot.
pub fn tornado(ui: &mut Ui, id: usize, swings: &[Swing<'_>], base: Decimal, symbol: &str) {
    legend(
        ui,
        &[
            ("Input lowered", COST, Swatch::Bar),
            ("Input raised", BENEFIT, Swatch::Bar),
        ],
    );
    let n = swings.len();
    let y_of = |i: usize| (n - 1 - i) as f64;
    let names: Vec<String> = (0..n)
        .map(|k| short_name(swings[n - 1 - k].label, 26))
        .collect();
    let bars = |colour: Color32, value: &dyn Fn(&Swing<'_>) -> Decimal, word: &str| -> Vec<Bar> {
        swings
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let v = value(s);
                Bar::new(y_of(i), to_f64(v) - to_f64(base))
                    .name(format!(
                        "{}, {word}: net value {}",
                        s.label,
                        format::money_whole(v, symbol)
                    ))
                    .fill(colour)
                    .width(0.6)
            })
            .collect()
    };
    let lowered = bars(COST, &|s| s.low, "lowered");
    let raised = bars(BENEFIT, &|s| s.high, "raised");
    money_rows(
        plot(("tornado", id), 60.0 + 28.0 * n.max(3) as f32),
        format!("Change in net value ({symbol}, present value)"),
        category_axis("", names, 150.0),
        symbol,
        n,
    )
    .show(ui, move |plot_ui| {
        plot_ui.bar_chart(horizontal_bars("Input lowered", lowered, COST));
        plot_ui.bar_chart(horizontal_bars("Input raised", raised, BENEFIT));
    });
}

/// The Monte Carlo histogram: how many draws fell in each band of net value.
pub fn histogram(
    ui: &mut Ui,
    id: &str,
    bins: &[crate::appraisal::uncertainty::Bin],
    symbol: &str,
    height: f32,
) {
    let bars: Vec<Bar> = bins
        .iter()
        .map(|b| {
            let (low, high) = (to_f64(b.low), to_f64(b.high));
            Bar::new((low + high) / 2.0, f64::from(b.count))
                .width((high - low).max(1.0))
                .name(format!(
                    "{} to {}: {} draws",
                    format::money_whole(b.low, symbol),
                    format::money_whole(b.high, symbol),
                    b.count
                ))
                .fill(BENEFIT)
        })
        .collect();
    let tick_symbol = symbol.to_owned();
    plot(("histogram", id), height)
        .x_axis_label(format!("Net value ({symbol}, present value)"))
        .y_axis_label("Draws")
        .x_grid_spacer(money_marks_x)
        .x_axis_formatter(move |mark, _| money_tick(mark.value, &tick_symbol))
        .y_axis_formatter(|mark, _| {
            // Draws are counted from zero: no tick below it.
            if mark.value < 0.0 {
                String::new()
            } else {
                format::number(Decimal::from_f64_retain(mark.value).unwrap_or_default(), 0)
            }
        })
        .include_y(0.0)
        .show(ui, move |plot_ui| {
            plot_ui.bar_chart(
                BarChart::new("Draws", bars)
                    .color(BENEFIT)
                    .element_formatter(Box::new(|bar, _| bar.name.clone())),
            );
        });
}
