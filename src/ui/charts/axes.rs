//! What the charts' axes share: grid marks (whole numbers, round money steps, year
//! ends), category names, and the plot every chart starts from.

use super::money_tick;
use eframe::egui::{self, Color32};
use egui_plot::{AxisHints, Bar, BarChart, GridInput, GridMark, Plot};

/// A grid mark at every whole number in view: for categories.
pub(super) fn whole_marks(input: GridInput) -> Vec<GridMark> {
    marks_every(input.bounds, 1)
}

fn marks_every((low, high): (f64, f64), step: i64) -> Vec<GridMark> {
    let (first, last) = (low.ceil() as i64, high.floor() as i64);
    if last < first || (last - first) / step.max(1) > 400 {
        return Vec::new();
    }
    (first..=last)
        .filter(|v| v.rem_euclid(step.max(1)) == 0)
        .map(|v| GridMark {
            value: v as f64,
            step_size: step as f64,
        })
        .collect()
}

/// Round steps (1, 2 or 5 × a power of ten) at least `min_points` apart on screen, so
/// every tick label fits: egui_plot leaves out labels that would touch.
pub(super) fn round_marks(input: &GridInput, min_points: f64) -> Vec<GridMark> {
    let min_step = input.base_step_size / 8.0 * min_points;
    if !(min_step.is_finite() && min_step > 0.0) {
        return Vec::new();
    }
    let magnitude = 10f64.powf(min_step.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= min_step)
        .unwrap_or(10.0 * magnitude);
    let (low, high) = input.bounds;
    let (first, last) = ((low / step).ceil() as i64, (high / step).floor() as i64);
    if last < first || last - first > 1000 {
        return Vec::new();
    }
    (first..=last)
        .map(|k| GridMark {
            value: k as f64 * step,
            step_size: step,
        })
        .collect()
}

/// Money ticks along a horizontal axis, far enough apart to be read.
pub fn money_marks_x(input: GridInput) -> Vec<GridMark> {
    round_marks(&input, 72.0)
}

/// Year ends far enough apart for a "2026/27" label each: every 1, 2, 5, 10… years.
pub(super) fn year_marks(input: GridInput) -> Vec<GridMark> {
    // egui_plot's base step is 8 points' worth of value.
    let value_per_point = input.base_step_size / 8.0;
    let step = [1, 2, 5, 10, 20, 50, 100]
        .into_iter()
        .find(|s| *s as f64 / value_per_point.max(1e-9) >= 64.0)
        .unwrap_or(100);
    marks_every(input.bounds, step)
}

/// The name for a whole-number position, or nothing between positions.
pub(super) fn category(value: f64, names: &[String]) -> String {
    let rounded = value.round();
    if (value - rounded).abs() > 1e-6 || rounded < 0.0 {
        return String::new();
    }
    names.get(rounded as usize).cloned().unwrap_or_default()
}

/// A name in at most `max` characters for an axis or a narrow column: cut at a word
/// where one is near, with "…" where cut. The whole name goes in the hover text.
pub fn short_name(name: &str, max: usize) -> String {
    let name = name.trim();
    if name.chars().count() <= max {
        return name.to_owned();
    }
    let keep = max.saturating_sub(1).max(1);
    let cut: String = name.chars().take(keep).collect();
    // Cut at the last space if that keeps at least two thirds of the room.
    let at_word = cut
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map(|(i, _)| i)
        .filter(|i| cut[..*i].chars().count() * 3 >= keep * 2)
        .map_or(cut.as_str(), |i| &cut[..i]);
    let trimmed = at_word.trim_end_matches(|c: char| c.is_whitespace() || ",;:(-–".contains(c));
    format!("{}…", if trimmed.is_empty() { at_word } else { trimmed })
}

/// A category axis on the left: a name at each whole number, however close together.
pub(super) fn category_axis(label: &str, names: Vec<String>, width: f32) -> AxisHints<'static> {
    AxisHints::new_y()
        .label(label.to_owned())
        .formatter(move |mark, _| category(mark.value, &names))
        .label_spacing(12.0..=14.0)
        .min_thickness(width)
}

/// A plot of `n` named rows of horizontal bars, the first row at the top, with money
/// (short, as £50k) along the bottom from zero: the who-pays, amounts and tornado charts.
pub(super) fn money_rows(
    plot: Plot<'static>,
    x_label: String,
    names: AxisHints<'static>,
    symbol: &str,
    n: usize,
) -> Plot<'static> {
    let tick_symbol = symbol.to_owned();
    plot.x_axis_label(x_label)
        .custom_y_axes(vec![names])
        .y_grid_spacer(whole_marks)
        .x_grid_spacer(money_marks_x)
        .x_axis_formatter(move |mark, _| money_tick(mark.value, &tick_symbol))
        .include_x(0.0)
        .include_y(-0.6)
        .include_y(n as f64 - 0.4)
}

/// Horizontal bars in one colour, each named on hover by its own name.
pub(super) fn horizontal_bars(
    name: impl Into<String>,
    bars: Vec<Bar>,
    colour: Color32,
) -> BarChart {
    BarChart::new(name.into(), bars)
        .color(colour)
        .horizontal()
        .element_formatter(Box::new(|bar, _| bar.name.clone()))
}

/// A plot that the page scrolls past: no zoom, pan or coordinate read-out.
pub(super) fn plot(id: impl std::hash::Hash + std::fmt::Debug, height: f32) -> Plot<'static> {
    Plot::new(id)
        .height(height)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_x(false)
        .show_y(false)
        .set_margin_fraction(egui::vec2(0.06, 0.08))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_shortened_at_a_word_with_an_ellipsis() {
        assert_eq!(short_name("Police", 10), "Police");
        assert_eq!(
            short_name("Metropolitan Police (North Area BCU)", 24),
            "Metropolitan Police…"
        );
        // No space near the end: cut within the word.
        assert_eq!(short_name("Supercalifragilistic", 8), "Superca…");
        assert!(
            short_name("Health and Wellbeing Board and Better Care Fund", 20)
                .chars()
                .count()
                <= 20
        );
        assert_eq!(short_name("  Youth  ", 5), "Youth");
        assert_eq!(short_name("Ab", 1), "A…");
    }

    #[test]
    fn categories_are_named_only_at_whole_positions() {
        let names = vec!["A".to_owned(), "B".to_owned()];
        assert_eq!(category(1.0, &names), "B");
        assert_eq!(category(0.5, &names), "");
        assert_eq!(category(-1.0, &names), "");
        assert_eq!(category(2.0, &names), "");
    }
}
