//! Charts of named bars: who pays and who benefits, amounts, the cost of joint working
//! by layer and by kind, benefits by type, and the 7S profile.

use super::axes::{category_axis, horizontal_bars, money_rows, plot, short_name, whole_marks};
use super::layout::fit;
use super::{
    BENEFIT, COST, GREY, KIND_COLOURS, LAYER_COLOURS, ORANGE, SKY, Swatch, TYPE_COLOURS, legend,
    title, to_f64,
};
use crate::appraisal::{Breakdown, ByType, PartnerPosition};
use crate::format;
use crate::model::SevenS;
use eframe::egui::{self, Color32, RichText, Ui};
use egui_plot::{Bar, BarChart, MarkerShape, PlotPoint, PlotPoints, Points, Text};
use rust_decimal::Decimal;

/// Who pays and who benefits: a row per partner, costs to the left (negative), benefits
/// to the right, and the net position marked.
pub fn who_pays(
    ui: &mut Ui,
    id: &str,
    partners: &[PartnerPosition],
    wider_society: Decimal,
    symbol: &str,
    height: Option<f32>,
) {
    title(ui, "Who pays and who benefits, by partner (present values)");
    let mut rows: Vec<(String, Decimal, Decimal)> = partners
        .iter()
        .filter(|p| !(p.pv_costs.is_zero() && p.pv_fiscal.is_zero() && p.pv_other.is_zero()))
        .map(|p| (p.partner.clone(), p.pv_costs, p.pv_benefits()))
        .collect();
    if !wider_society.is_zero() {
        rows.push(("Wider society".to_owned(), Decimal::ZERO, wider_society));
    }
    if rows.is_empty() {
        ui.label("No costs or benefits yet.");
        return;
    }
    let marker = ui.visuals().strong_text_color();
    // Said above the plot, where it wraps: as the axis's label it ran past a narrow chart.
    ui.label(RichText::new("Costs to the left of zero, benefits to the right.").weak());
    legend(
        ui,
        &[
            ("Costs borne", COST, Swatch::Bar),
            ("Benefits received", BENEFIT, Swatch::Bar),
            ("Net position", marker, Swatch::Diamond),
        ],
    );
    let n = rows.len();
    // The first partner at the top.
    let y_of = |i: usize| (n - 1 - i) as f64;
    let names: Vec<String> = (0..n).map(|k| short_name(&rows[n - 1 - k].0, 24)).collect();
    let costs: Vec<Bar> = rows
        .iter()
        .enumerate()
        .map(|(i, (name, c, _))| {
            Bar::new(y_of(i), -to_f64(*c))
                .name(format!("{name}: pays {}", format::money_whole(*c, symbol)))
                .fill(COST)
                .width(0.6)
        })
        .collect();
    let benefits: Vec<Bar> = rows
        .iter()
        .enumerate()
        .map(|(i, (name, _, b))| {
            Bar::new(y_of(i), to_f64(*b))
                .name(format!(
                    "{name}: benefits {}",
                    format::money_whole(*b, symbol)
                ))
                .fill(BENEFIT)
                .width(0.6)
        })
        .collect();
    let nets: Vec<[f64; 2]> = rows
        .iter()
        .enumerate()
        .map(|(i, (_, c, b))| [to_f64(*b) - to_f64(*c), y_of(i)])
        .collect();
    let height = height.unwrap_or(70.0 + 30.0 * n as f32);
    money_rows(
        plot(("who_pays", id), fit(ui, height)),
        format!("{symbol}, present value"),
        category_axis("", names, 120.0),
        symbol,
        n,
    )
    .show(ui, move |plot_ui| {
        plot_ui.bar_chart(horizontal_bars("Costs borne", costs, COST));
        plot_ui.bar_chart(horizontal_bars("Benefits received", benefits, BENEFIT));
        plot_ui.points(
            Points::new("Net position", PlotPoints::from(nets))
                .color(marker)
                .radius(5.0)
                .shape(MarkerShape::Diamond),
        );
    });
}

/// Horizontal bars for named amounts, one colour each, named on the axis and in the legend.
pub fn amounts(
    ui: &mut Ui,
    id: &str,
    chart_title: &str,
    axis_label: &str,
    items: &[(String, Decimal, Color32)],
    symbol: &str,
    height: f32,
) {
    title(ui, chart_title);
    let entries: Vec<(&str, Color32, Swatch)> = items
        .iter()
        .map(|(name, _, colour)| (name.as_str(), *colour, Swatch::Bar))
        .collect();
    legend(ui, &entries);
    let n = items.len();
    // The first item at the top.
    let names: Vec<String> = (0..n)
        .map(|k| short_name(&items[n - 1 - k].0, 20))
        .collect();
    let charts: Vec<BarChart> = items
        .iter()
        .enumerate()
        .map(|(i, (name, value, colour))| {
            let hover = format!("{name}: {}", format::money_whole(*value, symbol));
            horizontal_bars(
                name.clone(),
                vec![
                    Bar::new((n - 1 - i) as f64, to_f64(*value))
                        .name(hover)
                        .fill(*colour)
                        .width(0.65),
                ],
                *colour,
            )
        })
        .collect();
    money_rows(
        plot((chart_title, id), fit(ui, height)),
        format!("{symbol}, present value"),
        category_axis(axis_label, names, 90.0),
        symbol,
        n,
    )
    .show(ui, move |plot_ui| {
        for chart in charts {
            plot_ui.bar_chart(chart);
        }
    });
}

fn breakdown_items(
    breakdowns: &[Breakdown],
    colours: &[Color32],
) -> Vec<(String, Decimal, Color32)> {
    breakdowns
        .iter()
        .enumerate()
        .map(|(i, b)| {
            (
                b.label.clone(),
                b.pv,
                colours.get(i).copied().unwrap_or(GREY),
            )
        })
        .collect()
}

/// Cost of joint working by governance layer.
pub fn cost_by_layer(ui: &mut Ui, id: &str, by_layer: &[Breakdown], symbol: &str, height: f32) {
    amounts(
        ui,
        &format!("{id}_layer"),
        "Cost of joint working by governance layer",
        "Layer",
        &breakdown_items(by_layer, &LAYER_COLOURS),
        symbol,
        height,
    );
}

/// Cost of joint working by kind: staff time, meetings, pooled funds, other.
pub fn cost_by_kind(ui: &mut Ui, id: &str, by_kind: &[Breakdown], symbol: &str, height: f32) {
    amounts(
        ui,
        &format!("{id}_kind"),
        "Cost of joint working by kind",
        "Kind",
        &breakdown_items(by_kind, &KIND_COLOURS),
        symbol,
        height,
    );
}

/// Benefits by type: fiscal, economic, social.
pub fn benefits_by_type(ui: &mut Ui, id: &str, pvb: &ByType<Decimal>, symbol: &str, height: f32) {
    let items = vec![
        ("Fiscal".to_owned(), pvb.fiscal, TYPE_COLOURS[0]),
        ("Economic".to_owned(), pvb.economic, TYPE_COLOURS[1]),
        ("Social".to_owned(), pvb.social, TYPE_COLOURS[2]),
    ];
    amounts(
        ui,
        &format!("{id}_types"),
        "Benefits by type",
        "Type",
        &items,
        symbol,
        height,
    );
}

/// The 7S profile: each element's score from 1 to 5; the softer, transformational
/// elements in sky blue, the harder, transactional ones in orange.
pub fn seven_s(ui: &mut Ui, id: &str, seven_s: &SevenS, height: f32) {
    title(ui, "7S profile (self-assessment, 1 to 5)");
    let scores: Vec<Option<u8>> = seven_s.elements().iter().map(|a| a.score).collect();
    if scores.iter().all(Option::is_none) {
        ui.label("Not assessed yet: score the seven elements in the 7S assessment.");
        return;
    }
    legend(
        ui,
        &[
            ("Softer, transformational", SKY, Swatch::Bar),
            ("Harder, transactional", ORANGE, Swatch::Bar),
        ],
    );
    // SCS at the top.
    let names: Vec<String> = SevenS::LABELS
        .iter()
        .rev()
        .map(|s| (*s).to_owned())
        .collect();
    let y_of = |i: usize| (6 - i) as f64;
    let bar = |i: usize, s: u8, colour: Color32| {
        Bar::new(y_of(i), f64::from(s))
            .name(format!("{}: {s} of 5", SevenS::LABELS[i]))
            .fill(colour)
            .width(0.65)
    };
    let softer: Vec<Bar> = scores
        .iter()
        .enumerate()
        .take(4)
        .filter_map(|(i, s)| s.map(|s| bar(i, s, SKY)))
        .collect();
    let harder: Vec<Bar> = scores
        .iter()
        .enumerate()
        .skip(4)
        .filter_map(|(i, s)| s.map(|s| bar(i, s, ORANGE)))
        .collect();
    let unscored: Vec<usize> = scores
        .iter()
        .enumerate()
        .filter(|(_, s)| s.is_none())
        .map(|(i, _)| i)
        .collect();
    let text_colour = ui.visuals().weak_text_color();
    plot(("seven_s", id), fit(ui, height))
        .x_axis_label("Score (1 weak to 5 strong)")
        .custom_y_axes(vec![category_axis("", names, 110.0)])
        .x_grid_spacer(whole_marks)
        .y_grid_spacer(whole_marks)
        .x_axis_formatter(|mark, _| format!("{}", mark.value.round() as i64))
        .include_x(0.0)
        .include_x(5.0)
        .include_y(-0.6)
        .include_y(6.6)
        .show(ui, move |plot_ui| {
            plot_ui.bar_chart(horizontal_bars("Softer, transformational", softer, SKY));
            plot_ui.bar_chart(horizontal_bars("Harder, transactional", harder, ORANGE));
            for i in unscored {
                plot_ui.text(
                    Text::new(
                        "Not scored",
                        PlotPoint::new(0.1, y_of(i)),
                        RichText::new("not scored").color(text_colour),
                    )
                    .anchor(egui::Align2::LEFT_CENTER),
                );
            }
        });
}
