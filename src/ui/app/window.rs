//! The window's fit to the screen it opens on. eframe restores the size and place the
//! window was left at, kept within the monitor but not within its work area: a window
//! left at full size on a large monitor, then opened on a laptop, ran under the task bar
//! with its status bar out of sight. Such a window is maximised instead, which fits it to
//! the screen less its task bar.

use super::PartnershipApp;
use eframe::egui::{self, Rect, Vec2, ViewportCommand};

/// Room at the screen's edge that a task bar may take: a restored window taller or wider
/// than the screen less this runs under it.
const TASK_BAR_ROOM: f32 = 40.0;

/// Whether a window whose outer edges are `outer`, on a monitor of `monitor` points, must
/// be maximised to fit it; `None` while either is unknown (before the first frames).
pub(super) fn must_maximise(
    outer: Option<Rect>,
    monitor: Option<Vec2>,
    maximised: bool,
) -> Option<bool> {
    if maximised {
        return Some(false);
    }
    let (outer, monitor) = (outer?, monitor?);
    if monitor.x <= 0.0 || monitor.y <= 0.0 {
        return None;
    }
    Some(outer.width() > monitor.x - TASK_BAR_ROOM || outer.height() > monitor.y - TASK_BAR_ROOM)
}

impl PartnershipApp {
    /// Maximises a restored window that does not fit the screen, once its size and the
    /// monitor's are known.
    pub(super) fn fit_window(&mut self, ctx: &egui::Context) {
        if self.window_fitted {
            return;
        }
        let verdict = ctx.input(|i| {
            let viewport = i.viewport();
            let maximised = viewport.maximized == Some(true) || viewport.fullscreen == Some(true);
            must_maximise(viewport.outer_rect, viewport.monitor_size, maximised)
        });
        if let Some(maximise) = verdict {
            self.window_fitted = true;
            if maximise {
                ctx.send_viewport_cmd(ViewportCommand::Maximized(true));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn window(width: f32, height: f32) -> Option<Rect> {
        Some(Rect::from_min_size(
            egui::pos2(10.0, 10.0),
            egui::vec2(width, height),
        ))
    }

    #[test]
    fn a_window_too_large_for_the_screen_less_a_task_bar_is_maximised() {
        let laptop = Some(egui::vec2(1366.0, 768.0));
        // Left at full size on a large monitor, opened on a laptop.
        assert_eq!(
            must_maximise(window(1920.0, 1050.0), laptop, false),
            Some(true)
        );
        // The whole of the laptop's screen: its status bar ran under the task bar.
        assert_eq!(
            must_maximise(window(1366.0, 768.0), laptop, false),
            Some(true)
        );
        assert_eq!(
            must_maximise(window(1340.0, 740.0), laptop, false),
            Some(true)
        );
        // Restored down, as the app makes it, it fits.
        assert_eq!(
            must_maximise(window(1180.0, 670.0), laptop, false),
            Some(false)
        );
        assert_eq!(
            must_maximise(
                window(1180.0, 670.0),
                Some(egui::vec2(1280.0, 720.0)),
                false
            ),
            Some(false)
        );
        // Already maximised: nothing to do.
        assert_eq!(
            must_maximise(window(1366.0, 768.0), laptop, true),
            Some(false)
        );
        // Not known yet.
        assert_eq!(must_maximise(None, laptop, false), None);
        assert_eq!(must_maximise(window(1920.0, 1050.0), None, false), None);
        assert_eq!(
            must_maximise(window(1920.0, 1050.0), Some(Vec2::ZERO), false),
            None
        );
    }
}
