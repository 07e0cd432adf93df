//! A chart's legend, as a row above the plot.

use eframe::egui::{self, Color32, Ui};

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
            let text = crate::ui::widgets::text_width(ui, name);
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
