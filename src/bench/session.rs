//! The scripted session: what a finance officer does with a large project open, frame by
//! frame, paced at 60 frames a second so work on other threads runs as it would behind
//! a window. Every frame is timed; the slowest is the pause a user would feel.

use super::{Headless, Text, describe_load, load_average, millis};
use crate::model::{Optimism, Partnership, Rate};
use crate::ui::app::{Section, View};
use crate::ui::commands::Command;
use crate::ui::document::Document;
use crate::ui::recovery::{Recovery, RecoveryStore};
use anyhow::{Result, bail};
use rust_decimal::Decimal;
use serde::Serialize;
use std::path::Path;
use std::time::{Duration, Instant};

/// A frame every 1/60 s, as a window refreshes.
const FRAME: Duration = Duration::from_micros(16_667);
/// Edits in the session, each to one line of the partnership on screen.
const EDITS: usize = 10;
/// Frames allowed for something on a thread to finish (a minute at 60 a second).
const PATIENCE: usize = 3600;

#[derive(Serialize)]
pub struct SessionReport {
    partnerships: usize,
    /// The slowest edit: the change committed as the app does, then the next frame.
    pub edit_to_next_frame_ms: f64,
    /// The median edit.
    edit_median_ms: f64,
    /// The slowest frame of the whole session, and the step it was in.
    pub worst_frame_ms: f64,
    worst_step: String,
    frames: usize,
    steps: Vec<StepReport>,
    load_average: Option<[f64; 3]>,
}

#[derive(Serialize)]
struct StepReport {
    step: String,
    frames: usize,
    worst_frame_ms: f64,
}

struct Session {
    ui: Headless,
    steps: Vec<StepReport>,
}

impl Session {
    /// Runs `min` frames, then more until `done` says so, each paced to 60 a second;
    /// records the slowest under `step`. Fails if `done` never comes.
    fn frames(
        &mut self,
        step: &str,
        min: usize,
        done: impl Fn(&Headless) -> bool,
    ) -> Result<Duration> {
        let mut worst = Duration::ZERO;
        let mut frames = 0;
        while frames < min || !done(&self.ui) {
            if frames > PATIENCE {
                bail!("the session step '{step}' did not finish");
            }
            let wall = self.ui.frame().wall;
            worst = worst.max(wall);
            frames += 1;
            std::thread::sleep(FRAME.saturating_sub(wall));
        }
        self.record(step, frames, worst);
        Ok(worst)
    }

    fn record(&mut self, step: &str, frames: usize, worst: Duration) {
        match self.steps.iter_mut().find(|s| s.step == step) {
            Some(s) => {
                s.frames += frames;
                s.worst_frame_ms = s.worst_frame_ms.max(millis(worst));
            }
            None => self.steps.push(StepReport {
                step: step.to_owned(),
                frames,
                worst_frame_ms: millis(worst),
            }),
        }
    }

    /// An edit to partnership `index`, committed as its screen commits one, then the next
    /// frame (timed as the edit) and two more.
    fn edit(&mut self, index: usize, change: impl FnOnce(&mut Partnership)) -> Result<Duration> {
        let start = Instant::now();
        if let Some(ship) = self.ui.app.doc.project.partnerships.get_mut(index) {
            change(ship);
        }
        self.ui.app.doc.commit_partnership(index);
        self.ui.frame();
        let edit = start.elapsed();
        self.record("edit", 1, edit);
        std::thread::sleep(FRAME.saturating_sub(edit));
        self.frames("edit", 2, |_| true)?;
        Ok(edit)
    }

    /// Runs `command` as a menu would, and the frames after it.
    fn command(&mut self, step: &str, command: Command) -> Result<()> {
        self.ui.app.run(command);
        self.frames(step, 3, |_| true)?;
        Ok(())
    }
}

/// Runs the session on `project` (opened from `path`), saving into `folder`.
pub fn run(
    project: crate::model::Project,
    path: &Path,
    folder: &Path,
    out: &mut Text<'_>,
) -> Result<SessionReport> {
    let n = project.partnerships.len();
    let middle = n / 2;
    let mut ui = Headless::new(Document::opened(project, path.to_owned()));
    let recovery = folder.join("recovery");
    ui.app.recovery = Recovery::new(Some(RecoveryStore::new(&recovery)));
    let mut s = Session {
        ui,
        steps: Vec::new(),
    };
    // Opened, on the partnership's costs: not timed (opening is measured on its own).
    s.ui.frame();
    s.ui.app.view = View::Partnership(middle);
    s.ui.app.section = Section::Costs;
    s.ui.steady(3);
    // Half a second on the partnership before the first edit reaches it, as it takes a
    // user at least that to click into a field and type: the app gets the figures
    // ready for the edit meanwhile, on another thread (`Document::ready_for_edit`).
    s.frames("partnership on screen", 30, |_| true)?;

    let mut edits = Vec::with_capacity(EDITS + 1);
    for k in 0..EDITS {
        let edit = s.edit(middle, |ship| match ship.costs.first_mut() {
            Some(line) => line.name.push_str(&format!(" ({k})")),
            None => ship.purpose.push('.'),
        })?;
        edits.push(edit);
    }
    for _ in 0..3 {
        s.command("undo", Command::Undo)?;
    }
    for _ in 0..3 {
        s.command("redo", Command::Redo)?;
    }
    // Unsaved changes 30 seconds old: the autosave is due.
    s.ui.advance_clock(crate::ui::recovery::AUTOSAVE_SECONDS + 1.0);
    s.frames("autosave", 3, |ui| {
        ui.app
            .recovery
            .autosave
            .as_ref()
            .is_none_or(|a| !a.is_writing())
    })?;
    let autosaved =
        s.ui.app
            .recovery
            .autosave
            .as_ref()
            .is_some_and(|a| a.file().exists());
    if !autosaved {
        bail!("the session's autosave wrote no recovery file");
    }
    s.ui.app.view = View::Portfolio;
    s.frames("dashboard", 5, |_| true)?;
    // Back to the partnership for an edit that moves money (its first cost line's
    // optimism bias), then the dashboard again, which brings its partner network up to
    // date with the edit.
    s.ui.app.view = View::Partnership(middle);
    s.ui.app.section = Section::Costs;
    s.frames("partnership on screen", 30, |_| true)?;
    let edit = s.edit(middle, |ship| match ship.costs.first_mut() {
        Some(line) => line.optimism = Optimism::Direct(Rate(Decimal::new(17, 2))),
        None => ship.purpose.push('.'),
    })?;
    edits.push(edit);
    s.ui.app.view = View::Portfolio;
    s.frames("dashboard after a money edit", 5, |_| true)?;
    s.ui.app.view = View::Partnership(middle);
    s.ui.app.section = Section::Uncertainty;
    s.frames("uncertainty", 5, |_| true)?;
    s.ui.app.section = Section::FairShares;
    s.frames("fair shares", 5, |_| true)?;
    s.command("presenting", Command::Present)?;
    if let Some(presentation) = &mut s.ui.app.presentation {
        presentation.what_if_open = true;
    }
    s.frames("presenting", 3, |_| true)?;
    // A what-if slider let go at +10% benefits; its figures follow.
    if let Some(presentation) = &mut s.ui.app.presentation {
        presentation.what_if.benefits = 10;
    }
    s.frames("what-if slider", 45, |_| true)?;
    s.ui.app.presentation = None;
    s.frames("presenting", 3, |_| true)?;
    // A settings edit (the horizon a year longer), committed as the settings screen
    // commits it: every partnership is appraised again, on another thread from 300
    // partnerships; the frames run until its figures are in.
    s.ui.app.view = View::Settings;
    s.frames("settings edit", 3, |_| true)?;
    let start = Instant::now();
    s.ui.app.doc.project.settings.horizon_years += 1;
    s.ui.app.commit_edit(View::Settings);
    s.ui.frame();
    s.record("settings edit", 1, start.elapsed());
    s.frames("settings edit", 2, |ui| !ui.app.doc.computing())?;
    s.ui.app.doc.path = Some(folder.join("session.ron"));
    s.ui.app.run(Command::Save);
    s.frames("save", 3, |ui| ui.app.saving().is_none())?;
    if s.ui.app.doc.is_dirty() {
        bail!("the session's save did not save the project");
    }

    let worst = s
        .steps
        .iter()
        .max_by(|a, b| a.worst_frame_ms.total_cmp(&b.worst_frame_ms));
    let (worst_frame_ms, worst_step) =
        worst.map_or((0.0, String::new()), |w| (w.worst_frame_ms, w.step.clone()));
    let mut sorted = edits.clone();
    sorted.sort_unstable();
    let report = SessionReport {
        partnerships: n,
        edit_to_next_frame_ms: millis(edits.iter().copied().max().unwrap_or_default()),
        edit_median_ms: millis(sorted.get(sorted.len() / 2).copied().unwrap_or_default()),
        worst_frame_ms,
        worst_step,
        frames: s.steps.iter().map(|s| s.frames).sum(),
        steps: s.steps,
        load_average: load_average(),
    };
    out.line(format_args!(
        "\nScripted session at {n} partnerships (edits, undo, redo, autosave, dashboard, an edit that moves money and the dashboard again, uncertainty, fair shares, a what-if slider, a settings edit, save; 60 frames a second):"
    ))?;
    for step in &report.steps {
        out.line(format_args!(
            "  {:<16} {:>4} frames, slowest {:.1} ms",
            step.step, step.frames, step.worst_frame_ms
        ))?;
    }
    out.line(format_args!(
        "  an edit to the next frame: slowest {:.1} ms, median {:.1} ms; slowest frame {:.1} ms ({}) (load average {})",
        report.edit_to_next_frame_ms,
        report.edit_median_ms,
        report.worst_frame_ms,
        report.worst_step,
        describe_load(report.load_average)
    ))?;
    let _ = std::fs::remove_dir_all(&recovery);
    Ok(report)
}
