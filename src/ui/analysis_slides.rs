//! The analysis slides of a presentation: a partnership's options side by side, and its
//! Monte Carlo simulation.
//!
//! Both are the engine's figures (`uncertainty::options`, `uncertainty::simulate`) for
//! the saved project. The simulation runs on a thread when its slide is first shown,
//! with the draws and seed stored in the project, so it gives what the Uncertainty
//! section gives. A result is kept with the inputs it was drawn from and shown only while
//! they are unchanged: a changed partnership is simulated again, never shown stale.

use super::board::money_text;
use super::charts;
use crate::appraisal::uncertainty::{self, OptionResult, Simulation};
use crate::format;
use crate::model::Project;
use eframe::egui::{self, Align, Layout, RichText, Ui};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

/// Stops a simulation when the last presentation holding its run is dropped.
struct CancelOnDrop(Arc<AtomicBool>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// A simulation running on its thread.
struct Run {
    index: usize,
    /// The partnership as simulated, with the project's settings and libraries.
    inputs: Arc<Project>,
    draws: u32,
    done: Arc<AtomicU32>,
    outcome: Arc<Mutex<Option<Option<Simulation>>>>,
    _cancel: CancelOnDrop,
}

/// What the analysis slides keep while presenting.
#[derive(Clone, Default)]
pub struct AnalysisSlides {
    /// The options of one partnership, with the inputs they were appraised from.
    options: Option<(usize, Arc<Project>, Arc<Vec<OptionResult>>)>,
    /// Each partnership's last simulation, with the inputs it was drawn from (`None`:
    /// the engine gave no result).
    simulations: BTreeMap<usize, (Arc<Project>, Option<Arc<Simulation>>)>,
    running: Option<Arc<Run>>,
}

impl std::fmt::Debug for AnalysisSlides {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AnalysisSlides")
            .field("simulated", &self.simulations.keys().collect::<Vec<_>>())
            .field("running", &self.running.as_ref().map(|r| r.index))
            .finish()
    }
}

/// What the Monte Carlo slide can show now.
enum Shown {
    Ready(Arc<Simulation>),
    NoResult,
    Running { done: u32, draws: u32 },
    NotStarted,
}

/// The inputs a partnership's analyses depend on: the partnership, with the project's
/// settings, partners and libraries.
fn inputs_of(project: &Project, index: usize) -> Option<Project> {
    let p = project.partnerships.get(index)?;
    Some(uncertainty::sub_project(project, p.clone()))
}

impl AnalysisSlides {
    /// The options of partnership `index`, appraised once for its current inputs.
    fn options(&mut self, project: &Project, index: usize) -> Arc<Vec<OptionResult>> {
        let Some(inputs) = inputs_of(project, index) else {
            return Arc::default();
        };
        match &self.options {
            Some((i, was, options)) if *i == index && **was == inputs => options.clone(),
            _ => {
                let options = Arc::new(uncertainty::options(project, index));
                self.options = Some((index, Arc::new(inputs), options.clone()));
                options
            }
        }
    }

    /// Collects a finished run.
    fn poll(&mut self) {
        let Some(run) = &self.running else { return };
        let finished = run.outcome.lock().ok().and_then(|mut slot| slot.take());
        if let Some(result) = finished {
            self.simulations
                .insert(run.index, (run.inputs.clone(), result.map(Arc::new)));
            self.running = None;
        }
    }

    /// The simulation of partnership `index` for its current inputs, starting it if
    /// there is none.
    fn simulation(&mut self, project: &Project, index: usize, ctx: &egui::Context) -> Shown {
        self.poll();
        let Some(inputs) = inputs_of(project, index) else {
            return Shown::NotStarted;
        };
        if let Some((was, result)) = self.simulations.get(&index)
            && **was == inputs
        {
            return result.clone().map_or(Shown::NoResult, Shown::Ready);
        }
        if let Some(run) = &self.running
            && run.index == index
            && *run.inputs == inputs
        {
            return Shown::Running {
                done: run.done.load(Ordering::Relaxed),
                draws: run.draws,
            };
        }
        // Another partnership's run (or one of inputs since changed) is dropped, and so
        // stopped: one run at a time, for the slide on the screen.
        self.running = start(inputs, index, ctx);
        match &self.running {
            Some(run) => Shown::Running {
                done: 0,
                draws: run.draws,
            },
            None => Shown::NotStarted,
        }
    }
}

fn start(inputs: Project, index: usize, ctx: &egui::Context) -> Option<Arc<Run>> {
    let settings = &inputs.settings.simulation;
    let (draws, seed) = (settings.draws, settings.seed);
    let inputs = Arc::new(inputs);
    let cancel = Arc::new(AtomicBool::new(false));
    let run = Arc::new(Run {
        index,
        inputs: inputs.clone(),
        draws,
        done: Arc::new(AtomicU32::new(0)),
        outcome: Arc::new(Mutex::new(None)),
        _cancel: CancelOnDrop(cancel.clone()),
    });
    let (done, outcome, ctx) = (run.done.clone(), run.outcome.clone(), ctx.clone());
    std::thread::Builder::new()
        .name("slide simulation".into())
        .spawn(move || {
            // The sub-project holds just this partnership, at position 0.
            let result = uncertainty::simulate(&inputs, 0, draws, seed, &mut |n| {
                done.store(n, Ordering::Relaxed);
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
                !cancel.load(Ordering::Relaxed)
            });
            if !cancel.load(Ordering::Relaxed)
                && let Ok(mut slot) = outcome.lock()
            {
                *slot = Some(result);
            }
            ctx.request_repaint();
        })
        .ok()?;
    Some(run)
}

/// A slide's title: the partnership's name, cut short with the whole name on hover.
fn title(ui: &mut Ui, name: &str, what: &str, k: f32) {
    let text = format!("{name}: {what}");
    // Cut short, it shows whole on hover (egui's own tooltip).
    ui.add(egui::Label::new(RichText::new(&text).size(34.0 * k).strong()).truncate());
}

/// Says the figures are the saved project's while a what-if changes the others.
fn saved_note(ui: &mut Ui, what_if_active: bool, what: &str) {
    if what_if_active {
        ui.label(
            RichText::new(format!(
                "{what} of the saved project: the what-if changes are not applied here."
            ))
            .strong()
            .color(charts::negative_text(ui.visuals())),
        );
    }
}

/// A cell `width` wide: text on the left cut short (whole on hover), or on the right.
fn cell(ui: &mut Ui, width: f32, text: RichText, right: bool) {
    let height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let layout = if right {
        Layout::right_to_left(Align::Center)
    } else {
        Layout::left_to_right(Align::Center)
    };
    ui.allocate_ui_with_layout(egui::vec2(width, height), layout, |ui| {
        ui.set_width(width);
        // Cut short, it shows whole on hover (egui's own tooltip).
        ui.add(egui::Label::new(text).truncate());
    });
}

/// The options slide: each option's PVC, PVB, net value and ratio, the preferred marked.
pub fn options_slide(
    ui: &mut Ui,
    project: &Project,
    index: usize,
    state: &mut AnalysisSlides,
    what_if_active: bool,
    k: f32,
) {
    let Some(p) = project.partnerships.get(index) else {
        return;
    };
    let symbol = project.settings.currency_symbol.as_str();
    title(ui, &p.name, "the options side by side", k);
    ui.label(
        RichText::new(
            "Each option appraised as a whole, against business as usual: present values.",
        )
        .weak(),
    );
    saved_note(ui, what_if_active, "The options are appraised");
    ui.add_space(8.0 * k);
    let options = state.options(project, index);
    let width = ui.available_width();
    let figure = (width * 0.15).max(90.0);
    let name_width = (width - 4.0 * figure - 150.0 * k - 40.0).max(120.0);
    egui::ScrollArea::vertical()
        .id_salt("options_slide")
        .show(ui, |ui| {
            egui::Grid::new("options_slide_table")
                .striped(true)
                .spacing(egui::vec2(8.0 * k, 6.0 * k))
                .show(ui, |ui| {
                    cell(ui, name_width, RichText::new("Option").strong(), false);
                    for h in ["Costs (PVC)", "Benefits (PVB)", "Net value", "BCR"] {
                        cell(ui, figure, RichText::new(h).strong(), true);
                    }
                    ui.label("");
                    ui.end_row();
                    for o in options.iter() {
                        let name = RichText::new(&o.name);
                        cell(
                            ui,
                            name_width,
                            if o.preferred { name.strong() } else { name },
                            false,
                        );
                        let m = &o.measures;
                        cell(ui, figure, money_text(ui, m.pvc, symbol), true);
                        cell(ui, figure, money_text(ui, m.pvb_total, symbol), true);
                        cell(
                            ui,
                            figure,
                            money_text(ui, m.net_value, symbol).strong(),
                            true,
                        );
                        cell(ui, figure, RichText::new(format::ratio(m.bcr)), true);
                        if o.preferred {
                            egui::Frame::new()
                                .fill(charts::BENEFIT)
                                .corner_radius(4)
                                .inner_margin(egui::Margin::symmetric(8, 2))
                                .show(ui, |ui| {
                                    ui.label(
                                        RichText::new("Preferred")
                                            .strong()
                                            .color(egui::Color32::WHITE),
                                    );
                                });
                        } else {
                            ui.label("");
                        }
                        ui.end_row();
                    }
                });
            ui.add_space(10.0 * k);
            if let Some(best) = options.iter().find(|o| o.preferred) {
                let why = if p.preferred_option.as_deref() == Some(best.name.as_str()) {
                    "the option the partnership names as preferred"
                } else {
                    "no option is named as preferred, so the one with the highest net value"
                };
                ui.label(format!("Preferred: {} ({why}).", best.name));
            }
        });
}

/// The Monte Carlo slide: the chance that benefits exceed costs, with the draws and the
/// inputs varying, the spread of net value, and each partner's chance of gaining.
pub fn monte_carlo_slide(
    ui: &mut Ui,
    project: &Project,
    index: usize,
    state: &mut AnalysisSlides,
    what_if_active: bool,
    k: f32,
) {
    let Some(p) = project.partnerships.get(index) else {
        return;
    };
    let symbol = project.settings.currency_symbol.as_str();
    title(ui, &p.name, "how sure is the result", k);
    saved_note(ui, what_if_active, "The simulation is");
    ui.add_space(4.0 * k);
    let sim = match state.simulation(project, index, ui.ctx()) {
        Shown::Ready(sim) => sim,
        Shown::Running { done, draws } => {
            ui.label("Running the Monte Carlo simulation…");
            ui.add(
                egui::ProgressBar::new(done as f32 / draws.max(1) as f32)
                    .text(format!("{done} of {draws} draws")),
            );
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(100));
            return;
        }
        Shown::NoResult => {
            ui.label("The simulation gave no result: check the number of draws in the partnership's Uncertainty section.");
            return;
        }
        Shown::NotStarted => {
            ui.label("The simulation could not be started here: run it from the partnership's Uncertainty section.");
            return;
        }
    };
    ui.label(
        RichText::new(crate::report::simulation_summary(&sim))
            .size(26.0 * k)
            .strong(),
    );
    if sim.nothing_varies() {
        ui.label(format!(
            "Net value in every draw: {}. Ranges are set on cost and benefit lines in the editor; the draws and seed in the Uncertainty section.",
            format::money_whole(sim.mean, symbol)
        ));
        return;
    }
    ui.label(
        RichText::new(format!(
            "{}, seed {}.",
            crate::report::draws_and_inputs(&sim),
            sim.seed
        ))
        .weak(),
    );
    ui.add_space(6.0 * k);
    super::present::two_columns(
        ui,
        |ui| {
            charts::title(ui, "Net value across the draws");
            let h = (ui.available_height() - 8.0).max(120.0);
            charts::histogram(ui, &format!("slide_mc_{index}"), &sim.histogram, symbol, h);
        },
        |ui| {
            egui::Grid::new("slide_simulation")
                .num_columns(2)
                .show(ui, |ui| {
                    for (label, value) in [
                        ("Mean net value", sim.mean),
                        ("P10 (1 in 10 below)", sim.p10),
                        ("P50 (median)", sim.p50),
                        ("P90 (1 in 10 above)", sim.p90),
                    ] {
                        ui.label(label);
                        ui.label(money_text(ui, value, symbol));
                        ui.end_row();
                    }
                });
            ui.add_space(8.0);
            ui.label(RichText::new("Each partner's chance of gaining on its budget").strong());
            let width = ui.available_width();
            for partner in &sim.partners {
                let chance = partner
                    .probability_positive
                    .map_or_else(String::new, |v| format::percent(format::round(v, 4)));
                ui.horizontal(|ui| {
                    cell(
                        ui,
                        (width - 90.0 * k).max(80.0),
                        RichText::new(&partner.partner),
                        false,
                    );
                    cell(ui, 80.0 * k, RichText::new(chance), true);
                });
            }
        },
    );
}
