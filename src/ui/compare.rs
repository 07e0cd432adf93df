//! Comparing the project with another version of it (the saved file, or another file such
//! as last year's or the one the board approved): what changed, and what each change did
//! to net value, by the same split as `compare OLD NEW` (docs/COMPARE.md).
//!
//! Both versions are read and compared on a thread (a large project takes a few whole
//! appraisals); the window shows that it is comparing and can be cancelled.

use super::document::Committed;
use super::results::NEGATIVE;
use crate::appraisal::compare::{Comparison, PartnershipChange, compare};
use crate::model::Project;
use crate::{file, format, report};
use eframe::egui::{self, Align, Layout, RichText};
use std::path::PathBuf;
use std::thread::JoinHandle;

/// The version the project is compared with.
pub enum Against {
    /// The project as last saved (or opened).
    Saved(Committed),
    /// Another project file.
    File(PathBuf),
    /// The approved appraisal the project keeps as its baseline, named.
    Baseline(Box<Project>, String),
}

/// A comparison being worked out, or shown.
pub enum Comparing {
    Running {
        against: String,
        job: JoinHandle<Result<Shown, String>>,
    },
    Shown(Box<Shown>),
}

/// A comparison to show.
pub struct Shown {
    /// "the saved file" or the other file's name.
    pub against: String,
    pub comparison: Comparison,
    pub symbol: String,
}

impl Shown {
    /// The comparison as text, as `compare OLD NEW` prints it: for pasting into a paper.
    pub fn text(&self) -> String {
        report::comparison_table(
            &self.comparison,
            &self.against,
            "this project",
            &self.symbol,
        )
    }
}

/// What the window does next with a comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Keep,
    Close,
}

/// Starts comparing `now` (the project as committed) with `against` on a thread.
pub fn start(against: Against, now: Committed, name: String) -> Result<Comparing, String> {
    let job = std::thread::Builder::new()
        .name("comparison".into())
        .spawn(move || {
            let (old, label): (Project, String) = match against {
                Against::Saved(saved) => (
                    saved
                        .to_project()
                        .map_err(|e| format!("the saved version could not be read back: {e}"))?,
                    "the saved file".to_owned(),
                ),
                Against::Baseline(project, label) => (*project, label),
                Against::File(path) => (
                    file::load(&path).map_err(|e| e.to_string())?,
                    path.file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_else(|| path.display().to_string()),
                ),
            };
            let new = now
                .to_project()
                .map_err(|e| format!("the project could not be read back: {e}"))?;
            Ok(Shown {
                against: label,
                comparison: compare(&old, &new),
                symbol: new.settings.currency_symbol.clone(),
            })
        })
        .map_err(|e| format!("no thread could be started to compare: {e}"))?;
    Ok(Comparing::Running { against: name, job })
}

/// A finished comparison's answer: the comparison to show, or why there is none.
pub fn poll(comparing: Comparing) -> Result<Comparing, String> {
    match comparing {
        Comparing::Running { job, .. } if job.is_finished() => match job.join() {
            Ok(Ok(shown)) => Ok(Comparing::Shown(Box::new(shown))),
            Ok(Err(message)) => Err(message),
            Err(_) => Err("the comparison stopped unexpectedly".into()),
        },
        other => Ok(other),
    }
}

/// Draws the comparison (or that it is being worked out) in a window of its own.
pub fn show(ctx: &egui::Context, comparing: &Comparing) -> Outcome {
    let escape = ctx.input(|i| i.key_pressed(egui::Key::Escape));
    let mut open = true;
    let room = ctx.content_rect().size();
    let mut outcome = Outcome::Keep;
    match comparing {
        Comparing::Running { against, .. } => {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
            egui::Window::new("What changed")
                .collapsible(false)
                .resizable(false)
                .open(&mut open)
                .show(ctx, |ui| {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(format!("Comparing with {against}…"));
                    });
                    if ui.button("Cancel").clicked() {
                        outcome = Outcome::Close;
                    }
                });
        }
        Comparing::Shown(shown) => {
            egui::Window::new("What changed")
                .collapsible(false)
                .resizable(true)
                .pivot(egui::Align2::CENTER_CENTER)
                .default_pos(ctx.content_rect().center())
                .default_size([760.0_f32.min(room.x - 40.0), 520.0_f32.min(room.y - 80.0)])
                .max_size([room.x - 20.0, room.y - 60.0])
                .open(&mut open)
                .show(ctx, |ui| {
                    if body(ui, shown) {
                        outcome = Outcome::Close;
                    }
                });
        }
    }
    if !open || escape {
        outcome = Outcome::Close;
    }
    outcome
}

/// The comparison's contents; true when Close is pressed.
fn body(ui: &mut egui::Ui, shown: &Shown) -> bool {
    let c = &shown.comparison;
    let sym = &shown.symbol;
    let mut close = false;
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("Since {}", shown.against)).heading());
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if ui.button("Close").clicked() {
                close = true;
            }
            if ui
                .button("Copy as text")
                .on_hover_text(
                    "Copy the comparison, as the command line prints it, to paste into a paper",
                )
                .clicked()
            {
                ui.ctx().copy_text(shown.text());
            }
        });
    });
    if let Some(missing) = report::incompleteness(c, &shown.against, "this project") {
        ui.label(
            RichText::new(format!("Incomplete: {missing}"))
                .strong()
                .color(NEGATIVE),
        );
    }
    ui.add_space(4.0);
    ui.label(
        RichText::new(format!(
            "Net value of the portfolio: {}",
            report::movement(Some(c.before), Some(c.after), c.change, sym)
        ))
        .strong(),
    );
    shares_grid(ui, "portfolio_shares", c.change, &c.shares, sym);
    egui::ScrollArea::vertical()
        .id_salt("comparison")
        .auto_shrink([false, true])
        .show(ui, |ui| {
            let shaping: Vec<_> = c.changes.iter().filter(|x| x.step.is_some()).collect();
            let other: Vec<_> = c.changes.iter().filter(|x| x.step.is_none()).collect();
            egui::CollapsingHeader::new(format!(
                "What changed: {}",
                format::count(
                    shaping.len(),
                    "input the figures use",
                    "inputs the figures use"
                )
            ))
            .default_open(shaping.len() <= 12)
            .show(ui, |ui| {
                if c.changes.is_empty() {
                    ui.label("No input changed.");
                }
                for x in &shaping {
                    ui.label(format!("{}: {}", x.place, x.what));
                }
                if !other.is_empty() {
                    ui.add_space(4.0);
                    ui.label(RichText::new("No figure depends on:").italics());
                    for x in &other {
                        ui.label(format!("{}: {}", x.place, x.what));
                    }
                }
            });
            let moved_ones: Vec<&PartnershipChange> = c.moved().collect();
            ui.add_space(6.0);
            ui.label(RichText::new("By partnership").strong());
            if moved_ones.is_empty() {
                ui.label("No partnership's net value changed.");
            }
            for (i, p) in moved_ones.into_iter().enumerate() {
                let mut line = format!(
                    "{}: {}",
                    p.name,
                    report::movement(p.before, p.after, p.change, sym)
                );
                let marks: Vec<String> = [&p.before_completeness, &p.after_completeness]
                    .iter()
                    .filter_map(|x| x.summary())
                    .collect();
                if !marks.is_empty() {
                    line.push_str(&format!("  (incomplete: {})", marks.join("; ")));
                }
                egui::CollapsingHeader::new(line)
                    .id_salt(("moved", i))
                    .default_open(i < 5)
                    .show(ui, |ui| {
                        shares_grid(ui, ("shares", i), p.change, &p.shares, sym);
                    });
            }
        });
    close
}

/// The shares of a change, rounded to add up to it, one to a row.
fn shares_grid(
    ui: &mut egui::Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    total: rust_decimal::Decimal,
    shares: &[crate::appraisal::compare::Share],
    symbol: &str,
) {
    egui::Grid::new(id)
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            for (s, amount) in shares.iter().zip(report::rounded_shares(total, shares)) {
                ui.label(s.label);
                ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                    let text = RichText::new(format::money(amount, symbol)).monospace();
                    ui.label(if amount.is_sign_negative() && !amount.is_zero() {
                        text.color(NEGATIVE)
                    } else {
                        text
                    });
                });
                ui.end_row();
            }
        });
}
