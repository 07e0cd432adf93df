//! The cells charts are drawn in: one chart to a cell, clipped to it, and rows of cells
//! as wide as the page allows; the cells drawn in the last frame, for tests/ui_fit.rs.

use eframe::egui::{self, Ui};

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
pub(super) fn fit(ui: &Ui, height: f32) -> f32 {
    // Less 16 points: the plot's axes took that much more than the room left below the
    // legend on a slide (found by tests/ui_fit.rs, which compares each chart with its cell).
    height.min(ui.available_height() - 16.0).max(60.0)
}
