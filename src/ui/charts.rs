//! Charts for the board (egui_plot): cumulative discounted net value with the payback
//! point, who pays and who benefits, the cost of joint working by layer and by kind,
//! benefits by type, and the 7S profile.
//!
//! Money is `Decimal` everywhere else; it becomes `f64` here only to be plotted, and
//! every number a person reads (axis ticks, hover text) goes back through `format`.
//! Colours are the Okabe–Ito palette, safe for colour-blind viewers and projectors:
//! blue for benefits, vermillion for costs. Colour is never the only carrier: bars are
//! named on the axis and in the legend, and negative amounts are written in brackets.

use crate::appraisal::{Breakdown, ByType, PartnerPosition, Payback};
use crate::format;
use crate::model::{FinancialYear, SevenS};
use crate::palette;
use eframe::egui::{self, Color32, RichText, Ui};
use egui_plot::{
    AxisHints, Bar, BarChart, GridInput, GridMark, HLine, Line, LineStyle, MarkerShape, Plot,
    PlotPoint, PlotPoints, Points, Text, VLine,
};
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

/// A grid mark at every whole number in view: for categories.
fn whole_marks(input: GridInput) -> Vec<GridMark> {
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
fn round_marks(input: &GridInput, min_points: f64) -> Vec<GridMark> {
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
fn year_marks(input: GridInput) -> Vec<GridMark> {
    // egui_plot's base step is 8 points' worth of value.
    let value_per_point = input.base_step_size / 8.0;
    let step = [1, 2, 5, 10, 20, 50, 100]
        .into_iter()
        .find(|s| *s as f64 / value_per_point.max(1e-9) >= 64.0)
        .unwrap_or(100);
    marks_every(input.bounds, step)
}

/// The name for a whole-number position, or nothing between positions.
fn category(value: f64, names: &[String]) -> String {
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
fn category_axis(label: &str, names: Vec<String>, width: f32) -> AxisHints<'static> {
    AxisHints::new_y()
        .label(label.to_owned())
        .formatter(move |mark, _| category(mark.value, &names))
        .label_spacing(12.0..=14.0)
        .min_thickness(width)
}

/// A plot of `n` named rows of horizontal bars, the first row at the top, with money
/// (short, as £50k) along the bottom from zero: the who-pays, amounts and tornado charts.
fn money_rows(
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
fn horizontal_bars(name: impl Into<String>, bars: Vec<Bar>, colour: Color32) -> BarChart {
    BarChart::new(name.into(), bars)
        .color(colour)
        .horizontal()
        .element_formatter(Box::new(|bar, _| bar.name.clone()))
}

/// A chart's title, above it.
pub fn title(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).strong());
}

/// How a legend entry is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Swatch {
    Bar,
    Line,
    Dashed,
    Diamond,
}

/// The legend, as a row above the chart so it never covers the data.
pub fn legend(ui: &mut Ui, items: &[(&str, Color32, Swatch)]) {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 6.0;
        let gap = 10.0;
        for (k, (name, colour, swatch)) in items.iter().enumerate() {
            // A row of its own when the entry does not fit: egui wraps widgets, not the
            // group below, and an unwrapped legend would widen the chart beneath it. The
            // gap between entries is added only where the next entry follows on the same
            // row: space added past the right edge widens the chart's cell too.
            let size = ui.text_style_height(&egui::TextStyle::Body);
            let text = super::widgets::text_width(ui, name);
            let wanted = size * 1.4 + ui.spacing().item_spacing.x + text;
            // The room left on this row (`available_width` is a whole row's width in a
            // wrapping layout).
            let room = ui.max_rect().right() - ui.cursor().min.x;
            let at_start = ui.cursor().min.x <= ui.max_rect().left() + 1.0;
            if k > 0 && !at_start {
                if room < gap + wanted {
                    ui.end_row();
                } else {
                    ui.add_space(gap);
                }
            }
            // Swatch and name together, so a wrapped legend never parts them.
            ui.horizontal(|ui| {
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(size * 1.4, size), egui::Sense::hover());
                let painter = ui.painter();
                let c = rect.center();
                match swatch {
                    Swatch::Bar => {
                        painter.rect_filled(
                            rect.shrink2(egui::vec2(size * 0.2, size * 0.18)),
                            2,
                            *colour,
                        );
                    }
                    Swatch::Line => {
                        // Inset by half the stroke, so the line's ends stay in the swatch.
                        painter.line_segment(
                            [
                                egui::pos2(rect.left() + 1.5, c.y),
                                egui::pos2(rect.right() - 1.5, c.y),
                            ],
                            egui::Stroke::new(3.0, *colour),
                        );
                    }
                    Swatch::Dashed => {
                        let third = rect.width() / 5.0;
                        for k in [0.0, 2.0, 4.0] {
                            let x = rect.left() + third * k;
                            painter.line_segment(
                                [egui::pos2(x, c.y), egui::pos2(x + third, c.y)],
                                egui::Stroke::new(2.5, *colour),
                            );
                        }
                    }
                    Swatch::Diamond => {
                        let r = size * 0.32;
                        painter.add(egui::Shape::convex_polygon(
                            vec![
                                c + egui::vec2(0.0, -r),
                                c + egui::vec2(r, 0.0),
                                c + egui::vec2(0.0, r),
                                c + egui::vec2(-r, 0.0),
                            ],
                            *colour,
                            egui::Stroke::NONE,
                        ));
                    }
                }
                ui.label(*name);
            });
        }
    });
}

/// A chart drawn into the space it is given.
pub type ChartFn<'a> = Box<dyn FnOnce(&mut Ui) + 'a>;

/// The chart cells drawn in the last frame, with the frame they belong to: what the fit
/// tests compare each cell's painted shapes with (tests/ui_fit.rs).
#[derive(Clone, Debug, Default)]
struct CellLog {
    pass: u64,
    cells: Vec<CellDrawn>,
}

/// A chart cell as drawn: where the chart was, and how tall the cell was allowed to be.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CellDrawn {
    /// The cell's rectangle, as tall as the chart in it.
    pub rect: egui::Rect,
    /// The most the chart could use: what it draws below this is cut off.
    pub room: f32,
}

fn cell_log_id() -> egui::Id {
    egui::Id::unique("chart_cells")
}

/// The rectangles of the chart cells drawn in the last frame (their height is what the
/// chart used). Everything a chart paints must lie inside its cell: a shape that reaches
/// past it is cut off on screen.
pub fn cells_drawn(ctx: &egui::Context) -> Vec<CellDrawn> {
    let pass = ctx.cumulative_pass_nr();
    ctx.data(|d| d.get_temp::<CellLog>(cell_log_id()))
        .filter(|log| log.pass + 1 >= pass)
        .map(|log| log.cells)
        .unwrap_or_default()
}

/// Notes a rectangle that a chart was drawn in and clipped to (see [`cells_drawn`]).
fn record_cell(ctx: &egui::Context, cell: CellDrawn) {
    let pass = ctx.cumulative_pass_nr();
    ctx.data_mut(|d| {
        let log = d.get_temp_mut_or_default::<CellLog>(cell_log_id());
        if log.pass != pass {
            *log = CellLog {
                pass,
                cells: Vec::new(),
            };
        }
        log.cells.push(cell);
    });
}

/// Room inside a chart's cell on the left, for the rotated axis label.
const CELL_PAD_LEFT: f32 = 4.0;
/// Room inside a chart's cell on the right, for half the widest tick label ("(£20m)",
/// "2035/36").
const CELL_PAD_RIGHT: f32 = 22.0;

/// Draws a chart in a cell of `size` at `origin` (`size.y` is the most it may use, and may
/// be infinite), clipped to it so nothing it draws can reach a neighbour. Returns the
/// height used.
pub fn cell(ui: &mut Ui, origin: egui::Pos2, size: egui::Vec2, chart: impl FnOnce(&mut Ui)) -> f32 {
    let rect = egui::Rect::from_min_size(origin, size);
    // egui_plot centres a tick's label on the tick, so the label of a tick at the plot's
    // right edge reaches half its width past the plot, and the rotated label of the left
    // axis starts a point or two left of the plot: room is left for both.
    let inner = egui::Rect::from_min_max(
        rect.min + egui::vec2(CELL_PAD_LEFT, 0.0),
        egui::pos2(
            (rect.right() - CELL_PAD_RIGHT).max(rect.left() + CELL_PAD_LEFT + 1.0),
            rect.bottom(),
        ),
    );
    let mut child = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(inner)
            .layout(egui::Layout::top_down(egui::Align::Min)),
    );
    child.set_clip_rect(rect.intersect(ui.clip_rect()));
    chart(&mut child);
    let height = child.min_rect().height();
    record_cell(
        ui.ctx(),
        CellDrawn {
            rect: egui::Rect::from_min_size(origin, egui::vec2(size.x, height)),
            room: size.y,
        },
    );
    height
}

/// Charts side by side, as many to a row as fit at `min_width` each, each as wide as the
/// row allows, none past `right`: nothing runs past the right edge however narrow the
/// panel.
///
/// `right` is the page's right edge as it was before anything was laid out on it: a wide
/// table above can have widened the page's content past the window (and a scrolled page's
/// clip rectangle runs under its scroll bar), so neither the space available nor the clip
/// rectangle says where the window ends.
/// `max_height` bounds each row: infinite on a page that scrolls (whose space below the
/// visible part is not "available" to egui), the room left on a slide.
pub fn rows(ui: &mut Ui, right: f32, min_width: f32, max_height: f32, charts: Vec<ChartFn<'_>>) {
    let gap = ui.spacing().item_spacing.x.max(12.0);
    let width = ui.available_width().min(right - ui.cursor().min.x).max(1.0);
    let per_row =
        (((width + gap) / (min_width + gap)).floor() as usize).clamp(1, charts.len().max(1));
    let each = ((width - gap * (per_row - 1) as f32) / per_row as f32).max(1.0);
    let mut charts = charts.into_iter().peekable();
    while charts.peek().is_some() {
        let origin = ui.cursor().min;
        let size = egui::vec2(each, max_height.max(1.0));
        let mut height: f32 = 0.0;
        for (k, chart) in charts.by_ref().take(per_row).enumerate() {
            let at = origin + egui::vec2(k as f32 * (each + gap), 0.0);
            height = height.max(cell(ui, at, size, chart));
        }
        ui.allocate_space(egui::vec2(width, height));
        ui.add_space(8.0);
    }
}

/// A plot's height: the height asked for, or less where less room is left below the title
/// and legend (a slide's fixed column, where a wrapped legend takes a line more). Only for
/// charts drawn in a cell (`cell`), whose room is known; on a scrolled page it is infinite.
fn fit(ui: &Ui, height: f32) -> f32 {
    // Less 16 points: the plot's axes took that much more than the room left below the
    // legend on a slide (found by tests/ui_fit.rs, which compares each chart with its cell).
    height.min(ui.available_height() - 16.0).max(60.0)
}

/// A plot that the page scrolls past: no zoom, pan or coordinate read-out.
fn plot(id: impl std::hash::Hash + std::fmt::Debug, height: f32) -> Plot<'static> {
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
