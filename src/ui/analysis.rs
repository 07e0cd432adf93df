//! The uncertainty and fair-shares sections of a partnership: sensitivity (tornado),
//! switching values, options side by side, Monte Carlo off the UI thread, and
//! cost splits with saved proposals.

use super::widgets;
use crate::appraisal::uncertainty::{
    self, Basis, OptionResult, SensitivityRow, Simulation, Split, Switching, SwitchingValue,
};
use crate::appraisal::{PartnershipResult, appraise};
use crate::format;
use crate::model::{
    Named, Project, Proposal, ProposalShare, Rate, SplitBasis, name_problem, rename, unique_name,
};
use eframe::egui::{self, Grid, RichText, Ui};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use super::charts;

/// What the analysis sections keep between frames.
#[derive(Default)]
pub struct State {
    cached: Option<Cached>,
    job: Option<Job>,
    finished: Option<((u64, usize), Simulation)>,
    working: Option<Working>,
}

/// Analyses of one revision of one partnership.
struct Cached {
    key: (u64, usize),
    result: PartnershipResult,
    sensitivity: Vec<SensitivityRow>,
    switching: Vec<Switching>,
    options: Vec<OptionResult>,
    option_switching: Vec<SwitchingValue>,
    splits: Vec<Split>,
}

/// Projects of at least this many partnerships have a partnership's analyses worked out
/// on a thread (as saving is), from a copy of that partnership with the project's
/// settings, partners and libraries.
const ANALYSES_THREAD_FROM: usize = 100;

/// The analyses of partnership `index` of `project` (whose results are `result`).
fn analyse(
    project: &Project,
    index: usize,
    key: (u64, usize),
    result: PartnershipResult,
) -> Cached {
    let splits = project
        .partnerships
        .get(index)
        .map(|p| uncertainty::fair_shares(p, &result))
        .unwrap_or_default();
    Cached {
        key,
        sensitivity: uncertainty::sensitivity(
            project,
            index,
            project.settings.simulation.sensitivity.0,
        ),
        switching: uncertainty::switching_values(project, index),
        options: uncertainty::options(project, index),
        option_switching: uncertainty::option_switching_values(project, index),
        splits,
        result,
    }
}

/// Analyses being worked out on a thread.
struct Working {
    key: (u64, usize),
    slot: Arc<Mutex<Option<Cached>>>,
}

/// A Monte Carlo run on its own thread.
struct Job {
    key: (u64, usize),
    draws: u32,
    done: Arc<AtomicU32>,
    cancel: Arc<AtomicBool>,
    outcome: Arc<Mutex<Option<Option<Simulation>>>>,
}

impl State {
    /// The analyses of partnership `index` at `revision`, whose results (as the document
    /// computed them for that revision) are `result`; each analysis appraises only that
    /// partnership.
    fn analyses(
        &mut self,
        project: &Project,
        (index, revision): (usize, u64),
        result: Option<&PartnershipResult>,
        ctx: &egui::Context,
    ) -> Option<&Cached> {
        let key = (revision, index);
        if self.cached.as_ref().is_none_or(|c| c.key != key)
            && let Some(working) = self.working.as_ref().filter(|w| w.key == key)
            && let Some(done) = working.slot.lock().ok().and_then(|mut s| s.take())
        {
            self.cached = Some(done);
            self.working = None;
        }
        if self.cached.as_ref().is_none_or(|c| c.key != key) {
            let p = project.partnerships.get(index)?;
            let result = match result {
                Some(result) => result.clone(),
                None => appraise(&uncertainty::sub_project(project, p.clone()))
                    .partnerships
                    .first()?
                    .clone(),
            };
            if project.partnerships.len() < ANALYSES_THREAD_FROM {
                self.cached = Some(analyse(project, index, key, result));
                return self.cached.as_ref();
            }
            if self.working.as_ref().is_none_or(|w| w.key != key) {
                // The partnership with the project's settings, partners and libraries:
                // what every analysis reads, at a fraction of the project's size.
                let sub = uncertainty::sub_project(project, p.clone());
                let slot = Arc::new(Mutex::new(None));
                let (mine, ctx, theirs) = (Arc::clone(&slot), ctx.clone(), result.clone());
                let started =
                    std::thread::Builder::new()
                        .name("analyses".into())
                        .spawn(move || {
                            let done = analyse(&sub, 0, key, theirs);
                            if let Ok(mut slot) = mine.lock() {
                                *slot = Some(done);
                            }
                            ctx.request_repaint();
                        });
                match started {
                    Ok(_) => self.working = Some(Working { key, slot }),
                    // No thread to be had: work them out here.
                    Err(_) => self.cached = Some(analyse(project, index, key, result)),
                }
            }
        }
        self.cached.as_ref().filter(|c| c.key == key)
    }

    /// Whether the analyses are being worked out on a thread.
    fn working(&self) -> bool {
        self.working.is_some()
    }

    fn start(&mut self, project: &Project, index: usize, revision: u64, ctx: &egui::Context) {
        let settings = &project.settings.simulation;
        let (draws, seed) = (settings.draws, settings.seed);
        let done = Arc::new(AtomicU32::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let outcome = Arc::new(Mutex::new(None));
        let job = Job {
            key: (revision, index),
            draws,
            done: done.clone(),
            cancel: cancel.clone(),
            outcome: outcome.clone(),
        };
        // The partnership with what it reads of the project, not a copy of the whole.
        let Some(p) = project.partnerships.get(index) else {
            return;
        };
        let project = uncertainty::sub_project(project, p.clone());
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let result = uncertainty::simulate(&project, 0, draws, seed, &mut |n| {
                done.store(n, Ordering::Relaxed);
                ctx.request_repaint();
                !cancel.load(Ordering::Relaxed)
            });
            if let Ok(mut slot) = outcome.lock() {
                *slot = Some(result);
            }
            ctx.request_repaint();
        });
        self.job = Some(job);
    }

    /// Collects a finished run.
    fn poll(&mut self) {
        let Some(job) = &self.job else { return };
        let finished = job.outcome.lock().ok().and_then(|mut slot| slot.take());
        if let Some(result) = finished {
            if let Some(sim) = result {
                self.finished = Some((job.key, sim));
            }
            self.job = None;
        }
    }
}

/// Draws the section; returns true when the project changed.
///
/// `result` is partnership `index`'s results at `revision`, as the document computed
/// them; `None` computes them here.
pub fn show(
    ui: &mut Ui,
    project: &mut Project,
    (index, revision): (usize, u64),
    section: super::state::Section,
    result: Option<&PartnershipResult>,
    state: &mut State,
) -> bool {
    state.poll();
    match section {
        super::state::Section::FairShares => {
            fair_shares(ui, project, index, revision, result, state)
        }
        _ => uncertainty_section(ui, project, index, revision, result, state),
    }
}

fn money(project: &Project, v: Decimal) -> String {
    format::money_whole(v, &project.settings.currency_symbol)
}

fn uncertainty_section(
    ui: &mut Ui,
    project: &mut Project,
    index: usize,
    revision: u64,
    result: Option<&PartnershipResult>,
    state: &mut State,
) -> bool {
    let mut changed = false;
    widgets::heading(ui, "Sensitivity");
    ui.horizontal_wrapped(|ui| {
        changed |= widgets::share(
            ui,
            "Move each input by",
            &mut project.settings.simulation.sensitivity,
        );
        ui.label("either way (a project setting).");
    });
    let Some(c) = state.analyses(project, (index, revision), result, ui.ctx()) else {
        if state.working() {
            ui.label("Working out the sensitivity and switching values…");
        }
        return changed;
    };
    let base = c.result.measures.net_value;
    ui.label(format!(
        "Net value as entered: {}. Largest swing first.",
        money(project, base)
    ));
    let swings: Vec<charts::Swing<'_>> = c
        .sensitivity
        .iter()
        .map(|r| charts::Swing {
            label: &r.label,
            low: r.low,
            high: r.high,
        })
        .collect();
    charts::tornado(ui, index, &swings, base, &project.settings.currency_symbol);
    Grid::new("sensitivity_table")
        .striped(true)
        .num_columns(4)
        .show(ui, |ui| {
            for h in [
                "Input",
                "Net value if lower",
                "Net value if higher",
                "Change",
            ] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for r in &c.sensitivity {
                ui.label(&r.label);
                ui.label(money(project, r.low));
                ui.label(money(project, r.high));
                ui.label(money(project, r.change));
                ui.end_row();
            }
        });

    widgets::heading(ui, "Switching values");
    ui.label(
        "How far each input would have to move, all else as entered, for net value to reach zero, and for the fiscal return (PV of fiscal benefits over PVC) to reach 1, where the partners' budgets stop breaking even.",
    );
    let rows: Vec<(String, Vec<Option<Decimal>>)> = c
        .switching
        .iter()
        .map(|s| {
            (
                s.label.clone(),
                vec![s.change(Basis::NetValue), s.change(Basis::FiscalReturn)],
            )
        })
        .collect();
    switching_table(
        ui,
        "switching",
        &[
            crate::report::SWITCH_NET_VALUE,
            crate::report::SWITCH_FISCAL,
        ],
        &rows,
    );

    if c.options.len() > 1 {
        widgets::heading(ui, "Options side by side");
        Grid::new("options_table")
            .striped(true)
            .num_columns(6)
            .show(ui, |ui| {
                for h in ["Option", "PVC", "PVB", "Net value", "BCR", ""] {
                    ui.label(RichText::new(h).strong());
                }
                ui.end_row();
                for o in &c.options {
                    ui.label(&o.name);
                    ui.label(money(project, o.measures.pvc));
                    ui.label(money(project, o.measures.pvb_total));
                    ui.label(money(project, o.measures.net_value));
                    ui.label(format::ratio(o.measures.bcr));
                    ui.label(if o.preferred {
                        RichText::new("Preferred").strong()
                    } else {
                        RichText::new("")
                    });
                    ui.end_row();
                }
            });
        ui.label(
            "Where the preferred option stops being the best (its net value meets the next best):",
        );
        let rows: Vec<(String, Vec<Option<Decimal>>)> = c
            .option_switching
            .iter()
            .map(|s| (s.label.clone(), vec![s.change()]))
            .collect();
        switching_table(ui, "option_switching", &["Switching value"], &rows);
    }

    widgets::heading(ui, "Monte Carlo simulation");
    ui.label("Draws every input that carries a range (set on cost and benefit lines). The seed is stored in the project, so the same file gives the same results.");
    let sim = &mut project.settings.simulation;
    ui.horizontal_wrapped(|ui| {
        changed |= widgets::whole(ui, "Draws", &mut sim.draws, uncertainty::MAX_DRAWS);
        let mut seed = Decimal::from(sim.seed);
        if widgets::amount(ui, "Seed", &mut seed) {
            sim.seed = seed.trunc().to_u64().unwrap_or(sim.seed);
            changed = true;
        }
    });
    let key = (revision, index);
    if let Some(job) = &state.job {
        let done = job.done.load(Ordering::Relaxed);
        ui.add(
            egui::ProgressBar::new(done as f32 / job.draws.max(1) as f32)
                .text(format!("{done} of {} draws", job.draws)),
        );
        if ui.button("Cancel").clicked() {
            job.cancel.store(true, Ordering::Relaxed);
        }
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(100));
    } else if ui.button("Run simulation").clicked() && !changed {
        state.start(project, index, revision, ui.ctx());
    }
    match &state.finished {
        Some((k, sim)) if *k == key => simulation_results(ui, project, sim),
        Some((k, _)) if k.1 == index => {
            ui.label(
                "The project has changed since the last run: run it again for current results.",
            );
        }
        _ => {}
    }
    changed
}

fn switching_table(ui: &mut Ui, id: &str, heads: &[&str], rows: &[(String, Vec<Option<Decimal>>)]) {
    Grid::new(id)
        .striped(true)
        .num_columns(heads.len() + 1)
        .show(ui, |ui| {
            ui.label(RichText::new("Input").strong());
            for h in heads {
                ui.label(RichText::new(*h).strong());
            }
            ui.end_row();
            for (label, changes) in rows {
                ui.label(label);
                for change in changes {
                    ui.label(crate::report::switching_change(*change));
                }
                ui.end_row();
            }
        });
}

fn simulation_results(ui: &mut Ui, project: &Project, sim: &Simulation) {
    ui.label(
        RichText::new(crate::report::simulation_summary(sim))
            .size(18.0)
            .strong(),
    );
    if sim.nothing_varies() {
        // Every draw is the same: no chance to state, no spread to chart.
        Grid::new("simulation").num_columns(2).show(ui, |ui| {
            ui.label("Net value (every draw)");
            ui.label(money(project, sim.mean));
            ui.end_row();
        });
        return;
    }
    Grid::new("simulation")
        .striped(true)
        .num_columns(2)
        .show(ui, |ui| {
            for (label, value) in [
                ("Mean net value", sim.mean),
                ("P10", sim.p10),
                ("P50 (median)", sim.p50),
                ("P90", sim.p90),
            ] {
                ui.label(label);
                ui.label(money(project, value));
                ui.end_row();
            }
            ui.label("Draws and seed");
            ui.label(format!(
                "{}, seed {}",
                crate::report::draws_and_inputs(sim),
                sim.seed
            ));
            ui.end_row();
        });
    ui.label(format!(
        "Each partner's chance of gaining, in the same {}",
        crate::report::draws_and_inputs(sim)
    ));
    Grid::new("simulation_partners")
        .striped(true)
        .num_columns(3)
        .show(ui, |ui| {
            for h in ["Partner", "Mean net to budget", "Probability of gaining"] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for p in &sim.partners {
                ui.label(&p.partner);
                ui.label(money(project, p.mean_net_budget));
                ui.label(
                    p.probability_positive
                        .map_or_else(String::new, |v| format::percent(format::round(v, 4))),
                );
                ui.end_row();
            }
        });
    charts::histogram(
        ui,
        "histogram",
        &sim.histogram,
        &project.settings.currency_symbol,
        180.0,
    );
}

fn fair_shares(
    ui: &mut Ui,
    project: &mut Project,
    index: usize,
    revision: u64,
    result: Option<&PartnershipResult>,
    state: &mut State,
) -> bool {
    let mut changed = false;
    widgets::heading(ui, "Fair shares: who should pay");
    ui.label("Each partner's net position (fiscal benefits less its share of the costs, present values) under other ways of splitting the partnership's costs. Saving a split keeps it beside the current arrangement; it never changes who pays now.");
    let Some(c) = state.analyses(project, (index, revision), result, ui.ctx()) else {
        if state.working() {
            ui.label("Working out the splits…");
        }
        return changed;
    };
    let splits = c.splits.clone();
    let result = c.result.clone();
    for split in &splits {
        ui.push_id(("split", split.basis.label()), |ui| {
            ui.label(RichText::new(split.basis.label()).strong());
            match &split.shares {
                None => {
                    ui.label(
                        "Not available: there is nothing to divide the costs in proportion to.",
                    );
                }
                Some(shares) => {
                    share_table(ui, project, shares);
                    let losers = split.losers();
                    ui.label(if losers.is_empty() {
                        "Nobody is a net loser under this split.".to_owned()
                    } else {
                        format!("Net losers: {}", losers.join(", "))
                    });
                    if split.basis != SplitBasis::AsNow && ui.button("Save as a proposal").clicked()
                    {
                        let p = &mut project.partnerships[index];
                        let base = format!("{} ({})", split.basis.label(), p.proposals.len() + 1);
                        let name = unique_name(&base, p.proposals.iter().map(|x| x.name.as_str()));
                        p.proposals.push(Proposal {
                            name,
                            basis: split.basis,
                            shares: shares
                                .iter()
                                .map(|s| ProposalShare {
                                    partner: s.partner.clone(),
                                    share: Rate(s.share),
                                })
                                .collect(),
                        });
                        changed = true;
                    }
                }
            }
            ui.add_space(6.0);
        });
    }
    let proposals = project.partnerships[index].proposals.clone();
    if !proposals.is_empty() {
        widgets::heading(ui, "Saved proposals");
    }
    let mut remove = None;
    for (i, proposal) in proposals.iter().enumerate() {
        ui.push_id(("proposal", i), |ui| {
            ui.horizontal_wrapped(|ui| {
                let mut name = proposal.name.clone();
                let me = Named::Proposal {
                    partnership: index,
                    proposal: i,
                };
                if widgets::unique_name(ui, "Proposal", &mut name, |t| {
                    name_problem(project, &me, t)
                }) {
                    changed |= rename(project, &me, &name).is_ok();
                }
                if widgets::remove_button(ui, "proposal") {
                    remove = Some(i);
                }
            });
            if let Some(shares) = uncertainty::proposal_split(proposal, &result) {
                share_table(ui, project, &shares);
            }
        });
    }
    if let Some(i) = remove {
        project.partnerships[index].proposals.remove(i);
        changed = true;
    }
    changed
}

fn share_table(ui: &mut Ui, project: &Project, shares: &[uncertainty::SplitShare]) {
    Grid::new("shares")
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            for h in ["Partner", "Share", "Pays", "Fiscal benefit", "Net"] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for s in shares {
                ui.label(&s.partner);
                ui.label(format::percent(format::round(s.share, 4)));
                ui.label(money(project, s.cost));
                ui.label(money(project, s.fiscal));
                let net = RichText::new(money(project, s.net));
                ui.label(if s.net < Decimal::ZERO {
                    net.color(super::results::NEGATIVE)
                } else {
                    net
                });
                ui.end_row();
            }
        });
}
