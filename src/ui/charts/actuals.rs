//! Plan against actual: costs and benefits by year as planned (the baseline, or the
//! current forecast without one) and as re-forecast (actuals in passed years).

use super::axes::{category, plot, round_marks, year_marks};
use super::layout::fit;
use super::{BENEFIT, COST, GREY, Swatch, legend, money_tick, title, to_f64};
use crate::appraisal::actuals::YearTotals;
use eframe::egui::Ui;
use egui_plot::{AxisHints, Line, LineStyle, PlotPoints, VLine};

/// The chart; `plan` names what the plan is ("Baseline" or "Current forecast").
pub fn plan_against_actual(
    ui: &mut Ui,
    id: &str,
    years: &[YearTotals],
    plan: &str,
    symbol: &str,
    height: f32,
) {
    title(
        ui,
        "Plan against actual, by year (real terms, undiscounted)",
    );
    let plan_costs = format!("{plan}: costs");
    let plan_benefits = format!("{plan}: benefits");
    legend(
        ui,
        &[
            (plan_costs.as_str(), COST, Swatch::Dashed),
            ("Actual, then forecast: costs", COST, Swatch::Line),
            (plan_benefits.as_str(), BENEFIT, Swatch::Dashed),
            ("Actual, then forecast: benefits", BENEFIT, Swatch::Line),
            ("Last year with actuals", GREY, Swatch::Dashed),
        ],
    );
    let names: Vec<String> = years.iter().map(|y| y.year.to_string()).collect();
    let series = |f: &dyn Fn(&YearTotals) -> rust_decimal::Decimal| -> Vec<[f64; 2]> {
        years
            .iter()
            .enumerate()
            .map(|(t, y)| [t as f64, to_f64(f(y))])
            .collect()
    };
    let lines = [
        (plan_costs.clone(), series(&|y| y.plan_costs), COST, true),
        (
            "Actual, then forecast: costs".to_owned(),
            series(&|y| y.reforecast_costs),
            COST,
            false,
        ),
        (
            plan_benefits.clone(),
            series(&|y| y.plan_benefits),
            BENEFIT,
            true,
        ),
        (
            "Actual, then forecast: benefits".to_owned(),
            series(&|y| y.reforecast_benefits),
            BENEFIT,
            false,
        ),
    ];
    let passed = years.iter().filter(|y| y.passed).count();
    let tick_symbol = symbol.to_owned();
    plot(("plan against actual", id), fit(ui, height))
        .custom_x_axes(vec![
            AxisHints::new_x()
                .label("Financial year")
                .label_spacing(56.0..=60.0)
                .formatter(move |mark, _| category(mark.value.round(), &names)),
        ])
        .y_axis_label(format!("{symbol} a year, real terms"))
        .x_grid_spacer(year_marks)
        .y_grid_spacer(|input| round_marks(&input, 26.0))
        .y_axis_formatter(move |mark, _| money_tick(mark.value, &tick_symbol))
        .include_y(0.0)
        .show(ui, move |plot_ui| {
            for (name, points, colour, dashed) in lines {
                let mut line = Line::new(name, PlotPoints::from(points))
                    .color(colour)
                    .width(if dashed { 2.0 } else { 3.0 });
                if dashed {
                    line = line.style(LineStyle::dashed_loose());
                }
                plot_ui.line(line);
            }
            if passed > 0 {
                plot_ui.vline(
                    VLine::new("Last year with actuals", passed as f64 - 0.5)
                        .color(GREY)
                        .style(LineStyle::dashed_dense()),
                );
            }
        });
}
