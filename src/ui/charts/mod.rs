//! Charts for the board (egui_plot): cumulative discounted net value with the payback
//! point, who pays and who benefits, the cost of joint working by layer and by kind,
//! benefits by type, and the 7S profile.
//!
//! Money is `Decimal` everywhere else; it becomes `f64` here only to be plotted, and
//! every number a person reads (axis ticks, hover text) goes back through `format`.
//! Colours are the Okabe–Ito palette, safe for colour-blind viewers and projectors:
//! blue for benefits, vermillion for costs. Colour is never the only carrier: bars are
//! named on the axis and in the legend, and negative amounts are written in brackets.
//!
//! Each chart is drawn in a cell of its own (`layout`); the families of charts are
//! `net_value` (cumulative net value and payback), `bars` (who pays, amounts, the
//! breakdowns, the 7S profile) and `uncertainty` (the tornado, the histogram); `axes`
//! and `legend` are what they share.

mod actuals;
mod axes;
mod bars;
mod layout;
mod legend;
mod net_value;
mod uncertainty;

pub use actuals::plan_against_actual;
pub use axes::{money_marks_x, short_name};
pub use bars::{amounts, benefits_by_type, cost_by_kind, cost_by_layer, seven_s, who_pays};
pub use layout::{CellDrawn, ChartFn, cell, cells_drawn, rows};
pub use legend::{Swatch, legend};
pub use net_value::{cumulative, payback_label};
pub use uncertainty::{Swing, histogram, tornado};

use crate::format;
use crate::palette;
use eframe::egui::{self, Color32, RichText, Ui};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// A palette colour for egui.
pub const fn colour(rgb: palette::Rgb) -> Color32 {
    Color32::from_rgb(rgb.0, rgb.1, rgb.2)
}

/// Okabe–Ito blue: benefits.
pub const BENEFIT: Color32 = colour(palette::BENEFIT);
/// Okabe–Ito vermillion: costs.
pub const COST: Color32 = colour(palette::COST);
/// Okabe–Ito orange: the payback point, the what-if banner, the harder 7S elements.
pub const ORANGE: Color32 = colour(palette::ORANGE);
/// Okabe–Ito sky blue.
pub const SKY: Color32 = colour(palette::SKY);
/// Okabe–Ito bluish green.
pub const GREEN: Color32 = colour(palette::GREEN);
/// Okabe–Ito reddish purple.
pub const PURPLE: Color32 = colour(palette::PURPLE);
/// A neutral grey for "no layer" and reference lines.
pub const GREY: Color32 = colour(palette::GREY);

/// Vermillion for negative amounts in text, dark enough on a light background and
/// light enough on a dark one (contrast 4.5:1 or better on egui's panels).
pub fn negative_text(visuals: &egui::Visuals) -> Color32 {
    if visuals.dark_mode {
        colour(palette::COST_TEXT_DARK)
    } else {
        colour(palette::COST_TEXT_LIGHT)
    }
}

/// Blue for benefits in text, readable on either theme.
pub fn benefit_text(visuals: &egui::Visuals) -> Color32 {
    if visuals.dark_mode {
        colour(palette::BENEFIT_TEXT_DARK)
    } else {
        colour(palette::BENEFIT_TEXT_LIGHT)
    }
}

/// Colours for the governance layers, in the engine's order: strategic, executive,
/// operational, no layer.
pub const LAYER_COLOURS: [Color32; 4] = [BENEFIT, SKY, GREEN, GREY];
/// Colours for the kinds of cost: staff time, meetings, pooled funds, other.
pub const KIND_COLOURS: [Color32; 4] = [COST, ORANGE, PURPLE, GREY];
/// Colours for fiscal, economic and social benefits.
pub const TYPE_COLOURS: [Color32; 3] = [BENEFIT, GREEN, SKY];

/// A Decimal as a plotted coordinate; only for drawing.
pub fn to_f64(value: Decimal) -> f64 {
    value.to_f64().unwrap_or(0.0)
}

/// Money in a few characters for axes and cells: £1.2m, £350k, (£2.4m).
pub fn money_short(value: Decimal, symbol: &str) -> String {
    let abs = value.abs();
    let (scaled, suffix) = if abs >= Decimal::from(1_000_000_000) {
        (value / Decimal::from(1_000_000_000), "bn")
    } else if abs >= Decimal::from(1_000_000) {
        (value / Decimal::from(1_000_000), "m")
    } else if abs >= Decimal::from(10_000) {
        (value / Decimal::from(1_000), "k")
    } else {
        (value, "")
    };
    let places = if !suffix.is_empty() && scaled.abs() < Decimal::TEN {
        1
    } else {
        0
    };
    let text = format::number(scaled, places);
    match text.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        Some(inner) => format!("({symbol}{inner}{suffix})"),
        None => format!("{symbol}{text}{suffix}"),
    }
}

/// A money axis tick: the plotted value in the short form (£50k, (£1.2m)).
pub fn money_tick(value: f64, symbol: &str) -> String {
    Decimal::from_f64_retain(value)
        .map(|d| money_short(d, symbol))
        .unwrap_or_default()
}

/// A chart's title, above it.
pub fn title(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).strong());
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn short_money_keeps_brackets_for_negatives() {
        assert_eq!(money_short(dec!(1234567), "£"), "£1.2m");
        assert_eq!(money_short(dec!(-2428022), "£"), "(£2.4m)");
        assert_eq!(money_short(dec!(350000), "£"), "£350k");
        assert_eq!(money_short(dec!(950), "£"), "£950");
        assert_eq!(money_short(dec!(19135057), "£"), "£19m");
    }

    #[test]
    fn money_axis_ticks_read_as_short_money_not_raw_numbers() {
        // Issue 14: the tornado and histogram axes read -50000.
        assert_eq!(money_tick(-50000.0, "£"), "(£50k)");
        assert_eq!(money_tick(1_200_000.0, "£"), "£1.2m");
        assert_eq!(money_tick(0.0, "£"), "£0");
        assert_eq!(money_tick(2_500_000_000.0, "€"), "€2.5bn");
        assert_eq!(money_tick(f64::NAN, "£"), "");
    }
}
