//! Presentation mode: full-screen slides for a partnership board, and a what-if panel.
//!
//! Slide 0 summarises the portfolio; slide 1 + i is partnership i. Each slide shows the
//! headline (net value, ratio, payback), who pays and who benefits, the non-monetised
//! impacts beside the numbers, a chart, and the conventions. No edit widgets.
//!
//! The what-if sliders change a clone of the project, appraised again only when a
//! slider moves; the saved project is never touched, and leaving resets everything. For a
//! large project the clone is made and appraised on a thread, from the project as
//! committed when the presentation began, and the slides show the what-if figures once
//! they are ready.
//!
//! Here: the slides' order, the presentation's state, the what-if and the frame around a
//! slide. What a slide holds (headline figures, who pays and benefits, its chart) is
//! `slides.rs`.

mod slides;

use super::charts;
use crate::appraisal::uncertainty::{Adjustment, Group, Scenario};
use crate::appraisal::{self, AllCompleteness, Appraisal, Completeness, Measures};
use crate::model::Project;
use eframe::egui::{self, Align, Color32, Layout, RichText, Ui};
use rust_decimal::Decimal;
pub(super) use slides::two_columns;
use slides::{partnership_slide, portfolio_slide};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What a slide shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slide {
    /// The portfolio summary: always the first.
    Portfolio,
    /// Partnership i: headline, chart, who pays, impacts, business as usual.
    Partnership(usize),
    /// Partnership i's options side by side (only where it has options).
    Options(usize),
    /// Partnership i's Monte Carlo simulation.
    MonteCarlo(usize),
}

/// The slides, in order: the portfolio, then for each partnership its slide, its options
/// (if it has any) and its Monte Carlo simulation.
pub fn slides(project: &Project, appraised: usize) -> Vec<Slide> {
    let mut out = vec![Slide::Portfolio];
    for (i, p) in project.partnerships.iter().take(appraised).enumerate() {
        out.push(Slide::Partnership(i));
        if !p.options.is_empty() {
            out.push(Slide::Options(i));
        }
        out.push(Slide::MonteCarlo(i));
    }
    out
}

/// Projects of at least this many partnerships have their what-if appraised on a thread.
pub const WHAT_IF_THREAD_FROM: usize = 100;

/// The chart a slide shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SlideChart {
    #[default]
    Payback,
    WhoPays,
    JointWorking,
    Benefits,
    SevenS,
}

impl SlideChart {
    pub fn label(self) -> &'static str {
        match self {
            SlideChart::Payback => "Payback",
            SlideChart::WhoPays => "Who pays",
            SlideChart::JointWorking => "Joint working",
            SlideChart::Benefits => "Benefits",
            SlideChart::SevenS => "7S profile",
        }
    }
}

/// The what-if changes, as whole percentages: +10 is 10% more, −20 is 20% less.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WhatIf {
    /// Every benefit: direct amounts and outcome cohorts.
    pub benefits: i32,
    /// Engagement rates of outcome chains (capped at 100%).
    pub engagement: i32,
    /// Success rates of outcome chains (capped at 100%).
    pub success: i32,
    /// Staff time and meeting hours.
    pub staff_time: i32,
    /// Pooled fund contributions, other costs and meetings' fixed costs.
    pub other_costs: i32,
}

/// A whole percentage as a multiplier: +10 is 1.1; never below zero.
fn factor(percent: i32) -> Decimal {
    (Decimal::ONE + Decimal::from(percent) / Decimal::ONE_HUNDRED).max(Decimal::ZERO)
}

/// "+10%" or "−20%", with a true minus sign.
fn signed(percent: i32) -> String {
    if percent < 0 {
        format!("\u{2212}{}%", percent.unsigned_abs())
    } else {
        format!("+{percent}%")
    }
}

impl WhatIf {
    pub fn is_active(&self) -> bool {
        *self != WhatIf::default()
    }

    /// Each slider: its words, the engine's group of inputs it moves, and its percentage.
    fn sliders(&self) -> [(&'static str, Group, i32); 5] {
        [
            ("benefits", Group::Benefits, self.benefits),
            ("engagement rates", Group::EngagementRates, self.engagement),
            ("success rates", Group::SuccessRates, self.success),
            ("staff time", Group::StaffHours, self.staff_time),
            (
                "pooled funds and other costs",
                Group::CostAmounts,
                self.other_costs,
            ),
        ]
    }

    /// The changes in words: "benefits +10%, staff time −20%".
    pub fn describe(&self) -> String {
        self.sliders()
            .into_iter()
            .filter(|(_, _, percent)| *percent != 0)
            .map(|(name, _, percent)| format!("{name} {}", signed(percent)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The engine's scenario for the sliders: each slider away from zero is its group of
    /// inputs times its factor, capped as the engine caps every varied input.
    pub fn scenario(&self) -> Scenario {
        self.sliders()
            .into_iter()
            .filter(|(_, _, percent)| *percent != 0)
            .map(|(_, group, percent)| Adjustment {
                group,
                factor: factor(percent),
            })
            .collect()
    }

    /// A copy of `project` with the changes applied; `project` itself is not touched.
    pub fn apply(&self, project: &Project) -> Project {
        self.scenario().apply(project)
    }
}

/// The what-if appraisal, for the changes and the base results it was made from.
#[derive(Clone, Debug, PartialEq)]
struct Cached {
    what_if: WhatIf,
    base: Measures,
    appraisal: Appraisal,
}

/// A what-if appraisal on a thread: the changes and base it is for, and its result.
struct Job {
    what_if: WhatIf,
    base: Measures,
    done: Mutex<Option<Appraisal>>,
    /// The project could not be read back (which the tests of the compact form rule
    /// out): the what-if is then appraised on the window's thread.
    failed: std::sync::atomic::AtomicBool,
}

/// The project as the presentation began, and the what-if appraisal running on a thread.
#[derive(Clone, Default)]
struct Background {
    source: Option<super::document::Committed>,
    job: Option<Arc<Job>>,
}

impl std::fmt::Debug for Background {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Background")
            .field("source", &self.source.as_ref().map(|s| s.partnerships()))
            .field("running", &self.job.is_some())
            .finish()
    }
}

impl Background {
    /// The finished job's result, if the job has finished.
    fn take_finished(&mut self) -> Option<Cached> {
        let job = self.job.as_ref()?;
        if job.failed.load(std::sync::atomic::Ordering::Relaxed) {
            self.job = None;
            self.source = None;
            return None;
        }
        let appraisal = job.done.lock().ok()?.take()?;
        let job = self.job.take()?;
        Some(Cached {
            what_if: job.what_if,
            base: job.base.clone(),
            appraisal,
        })
    }

    /// Starts appraising `what_if` of the source project on a thread. False if there is
    /// no source or no thread to be had.
    fn start(&mut self, what_if: WhatIf, base: &Measures, ctx: &egui::Context) -> bool {
        let Some(source) = self.source.clone() else {
            return false;
        };
        let job = Arc::new(Job {
            what_if,
            base: base.clone(),
            done: Mutex::new(None),
            failed: std::sync::atomic::AtomicBool::new(false),
        });
        let (mine, ctx) = (Arc::clone(&job), ctx.clone());
        let started = std::thread::Builder::new()
            .name("what if".into())
            .spawn(move || {
                let Ok(project) = source.to_project() else {
                    mine.failed
                        .store(true, std::sync::atomic::Ordering::Relaxed);
                    ctx.request_repaint();
                    return;
                };
                let appraisal = appraisal::appraise(&mine.what_if.apply(&project));
                if let Ok(mut done) = mine.done.lock() {
                    *done = Some(appraisal);
                }
                ctx.request_repaint();
            });
        if started.is_ok() {
            self.job = Some(job);
        }
        started.is_ok()
    }
}

/// Where the presentation is: the slide, the chart, and the what-if changes.
#[derive(Clone, Debug, Default)]
pub struct Presentation {
    /// The position in [`slides`]: 0 is the portfolio summary, 1 is the first
    /// partnership's slide.
    pub slide: usize,
    pub chart: SlideChart,
    pub what_if: WhatIf,
    /// The what-if panel is open.
    pub what_if_open: bool,
    cache: Option<Cached>,
    /// The conventions footer, made once: the project cannot change while presenting.
    conventions: Option<String>,
    /// How long the last what-if appraisal took: a slow one waits for the slider's release.
    last_cost: Duration,
    /// The mark of incomplete figures was clicked: the app leaves the presentation and
    /// shows the problems.
    pub show_problems: bool,
    background: Background,
    /// The options and Monte Carlo slides' figures.
    analysis: super::analysis_slides::AnalysisSlides,
}

impl Presentation {
    pub fn new() -> Self {
        Presentation::default()
    }

    /// The what-if figures being shown, once they are ready (`None` without a what-if).
    pub fn what_if_appraisal(&self) -> Option<&Appraisal> {
        self.cache
            .as_ref()
            .filter(|c| c.what_if == self.what_if)
            .map(|c| &c.appraisal)
    }

    /// A presentation of the project `source` holds (as committed when it began): a large
    /// project's what-if is appraised from it on a thread.
    pub fn of(source: super::document::Committed) -> Self {
        let mut presentation = Presentation::default();
        if source.partnerships() >= WHAT_IF_THREAD_FROM {
            presentation.background.source = Some(source);
        }
        presentation
    }

    /// Appraises the what-if copy when the changes (or the project) differ from last time.
    fn refresh(
        &mut self,
        project: &Project,
        base: &Appraisal,
        dragging: bool,
        ctx: &egui::Context,
    ) {
        if !self.what_if.is_active() {
            self.cache = None;
            return;
        }
        let is_fresh = |c: &Cached| c.what_if == self.what_if && c.base == base.portfolio.measures;
        if let Some(done) = self.background.take_finished()
            && is_fresh(&done)
        {
            self.cache = Some(done);
        }
        let fresh = self.cache.as_ref().is_some_and(is_fresh);
        if fresh || (dragging && self.last_cost > Duration::from_millis(150)) {
            return;
        }
        if self.background.source.is_some() {
            // One at a time: the next starts when this one is done (it asks for a frame).
            if self.background.job.is_none() {
                self.background
                    .start(self.what_if, &base.portfolio.measures, ctx);
            }
            if self.background.job.is_some() {
                return;
            }
        }
        let started = Instant::now();
        let appraisal = appraisal::appraise(&self.what_if.apply(project));
        self.last_cost = started.elapsed();
        self.cache = Some(Cached {
            what_if: self.what_if,
            base: base.portfolio.measures.clone(),
            appraisal,
        });
    }
}

/// Type sizes for a board's distance: scaled with the screen, never below 1366×768's.
fn presentation_style(ui: &mut Ui) -> f32 {
    let k = (ui.available_height() / 768.0).clamp(1.0, 1.6);
    let style = ui.style_mut();
    use egui::{FontFamily::Proportional, FontId, TextStyle};
    style.text_styles = [
        (TextStyle::Small, FontId::new(16.0 * k, Proportional)),
        (TextStyle::Body, FontId::new(20.0 * k, Proportional)),
        (TextStyle::Button, FontId::new(19.0 * k, Proportional)),
        (TextStyle::Heading, FontId::new(34.0 * k, Proportional)),
        (
            TextStyle::Monospace,
            FontId::new(18.0 * k, egui::FontFamily::Monospace),
        ),
    ]
    .into();
    style.spacing.item_spacing = egui::vec2(10.0 * k, 7.0 * k);
    style.spacing.button_padding = egui::vec2(10.0 * k, 4.0 * k);
    k
}

/// Draws the current slide. Returns false when the user leaves (Esc or the button).
pub fn show(
    ui: &mut Ui,
    project: &Project,
    (appraisal, completeness): (&Appraisal, &AllCompleteness),
    state: &mut Presentation,
) -> bool {
    let list = slides(project, appraisal.partnerships.len());
    let slides = list.len();
    state.slide = state.slide.min(slides - 1);
    let current = list.get(state.slide).copied().unwrap_or(Slide::Portfolio);
    let mut leave = ui.input(|i| i.key_pressed(egui::Key::Escape));
    let k = presentation_style(ui);
    let dragging = ui.input(|i| i.pointer.any_down());
    state.refresh(project, appraisal, dragging, ui.ctx());
    let cache = state.cache.take();
    let shown = cache.as_ref().map_or(appraisal, |c| &c.appraisal);
    let before = state.what_if;
    let mut slider_focused = false;

    egui::Panel::top("present_bar").show(ui, |ui| {
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("Slide {} of {}", state.slide + 1, slides)).strong());
            ui.label(RichText::new(&project.name).weak());
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                if ui
                    .button("Leave presentation")
                    .on_hover_text("Esc: back to the editor; the what-if changes are dropped")
                    .clicked()
                {
                    leave = true;
                }
                let what_if_label = if state.what_if_open {
                    "Hide what if"
                } else {
                    "What if…"
                };
                if ui
                    .selectable_label(state.what_if_open, what_if_label)
                    .on_hover_text(
                        "Try changes for the discussion; the saved project is not changed",
                    )
                    .clicked()
                {
                    state.what_if_open = !state.what_if_open;
                }
                ui.separator();
                if ui
                    .add_enabled(state.slide + 1 < slides, egui::Button::new("Next"))
                    .on_hover_text("Next slide (Right arrow or Page Down)")
                    .clicked()
                {
                    state.slide += 1;
                }
                if ui
                    .add_enabled(state.slide > 0, egui::Button::new("Previous"))
                    .on_hover_text("Previous slide (Left arrow or Page Up)")
                    .clicked()
                {
                    state.slide -= 1;
                }
            });
        });
        ui.add_space(2.0);
    });

    let footer = state
        .conventions
        .get_or_insert_with(|| conventions(project))
        .clone();
    egui::Panel::bottom("present_conventions").show(ui, |ui| {
        ui.add_space(4.0);
        ui.label(RichText::new(footer).small());
        ui.add_space(4.0);
    });

    if state.what_if_open {
        egui::Panel::right("present_what_if")
            .resizable(false)
            .exact_size(330.0 * k)
            .show(ui, |ui| {
                slider_focused = what_if_panel(ui, &mut state.what_if);
            });
    }

    egui::CentralPanel::default().show(ui, |ui| {
        let base = (state.what_if.is_active() && cache.is_some()).then_some(appraisal);
        if cache.is_some() && state.what_if.is_active() {
            banner(ui, &state.what_if);
        }
        // The options and Monte Carlo slides show the saved project's figures.
        let figures = match current {
            Slide::Options(_) | Slide::MonteCarlo(_) => appraisal,
            Slide::Portfolio | Slide::Partnership(_) => shown,
        };
        let marked = slide_completeness(completeness, figures, current);
        if super::widgets::incomplete_mark(ui, marked, 20.0 * k) {
            state.show_problems = true;
            leave = true;
        }
        let what_if_active = state.what_if.is_active();
        match current {
            Slide::Portfolio => portfolio_slide(ui, project, shown, base, &mut state.chart, k),
            Slide::Partnership(i) => {
                partnership_slide(ui, project, i, shown, base, &mut state.chart, k)
            }
            Slide::Options(i) => super::analysis_slides::options_slide(
                ui,
                project,
                i,
                &mut state.analysis,
                what_if_active,
                k,
            ),
            Slide::MonteCarlo(i) => super::analysis_slides::monte_carlo_slide(
                ui,
                project,
                i,
                &mut state.analysis,
                what_if_active,
                k,
            ),
        }
    });

    state.cache = cache;
    if state.what_if != before {
        ui.ctx().request_repaint();
    }

    if !slider_focused {
        let (next, previous, first, last) = ui.input(|i| {
            (
                i.key_pressed(egui::Key::ArrowRight) || i.key_pressed(egui::Key::PageDown),
                i.key_pressed(egui::Key::ArrowLeft) || i.key_pressed(egui::Key::PageUp),
                i.key_pressed(egui::Key::Home),
                i.key_pressed(egui::Key::End),
            )
        });
        let was = state.slide;
        if next {
            state.slide = (state.slide + 1).min(slides - 1);
        }
        if previous {
            state.slide = state.slide.saturating_sub(1);
        }
        if first {
            state.slide = 0;
        }
        if last {
            state.slide = slides - 1;
        }
        if state.slide != was {
            ui.ctx().request_repaint();
        }
    }
    !leave
}

/// The completeness of a slide's figures: the project's errors, and what the figures
/// shown (the what-if copy's, while one is shown) leave out.
fn slide_completeness(all: &AllCompleteness, shown: &Appraisal, slide: Slide) -> Completeness {
    let (c, left_out) = match slide {
        Slide::Portfolio => (all.portfolio, shown.portfolio.left_out),
        Slide::Partnership(i) | Slide::Options(i) | Slide::MonteCarlo(i) => (
            all.partnership(i),
            shown
                .partnerships
                .get(i)
                .map(|r| r.left_out)
                .unwrap_or_default(),
        ),
    };
    Completeness {
        lines_left_out: c.lines_left_out.max(left_out.lines),
        parts_left_out: c.parts_left_out.max(left_out.parts),
        errors: c.errors,
    }
}

/// The conventions every output states, in one wrapped line: staff costing by its
/// basis alone, and without the rounding.
fn conventions(project: &Project) -> String {
    use crate::report::Conventions as C;
    let c = C::of(project);
    let parts: Vec<String> = [
        (C::PRICE_BASE_YEAR, c.price_base_year),
        (C::YEARS, c.years),
        (C::DISCOUNTING, c.discounting),
        (C::YEAR_0, c.year0),
        (C::STAFF_COSTING, c.staff_costing.basis.to_owned()),
        (C::OPTIMISM_BIAS, c.optimism_bias.text()),
        (C::PRICES, c.prices),
    ]
    .into_iter()
    .map(|(name, value)| format!("{name}: {value}"))
    .collect();
    parts.join("  |  ")
}

/// The what-if sliders. Returns true when one of them has keyboard focus (so the
/// arrow keys move the slider, not the slides).
fn what_if_panel(ui: &mut Ui, what_if: &mut WhatIf) -> bool {
    let mut focused = false;
    ui.spacing_mut().slider_width = (ui.available_width() - 110.0).max(120.0);
    ui.add_space(6.0);
    ui.heading("What if");
    ui.label(
        "Move a slider to see the numbers change. This is an illustration for discussion: the saved project is not changed, and leaving the presentation resets it.",
    );
    ui.add_space(6.0);
    let rows: [(&str, &str, &mut i32, i32); 5] = [
        (
            "Benefits",
            "Every benefit: direct amounts and the people reached by outcome chains",
            &mut what_if.benefits,
            -50,
        ),
        (
            "Engagement rate",
            "The share of each cohort that engages (capped at 100%)",
            &mut what_if.engagement,
            -50,
        ),
        (
            "Success rate",
            "The share of those engaged who achieve the outcome (capped at 100%)",
            &mut what_if.success,
            -50,
        ),
        (
            "Staff time",
            "Staff hours and the hours of every meeting (meeting, preparation, travel)",
            &mut what_if.staff_time,
            -50,
        ),
        (
            "Pooled funds and other costs",
            "Pool contributions and outturns, other costs and meetings' fixed costs",
            &mut what_if.other_costs,
            -50,
        ),
    ];
    for (label, hover, value, low) in rows {
        let label = ui.label(RichText::new(label).strong()).on_hover_text(hover);
        let response = ui
            .add(egui::Slider::new(value, low..=50).step_by(5.0).suffix("%"))
            .labelled_by(label.id)
            .on_hover_text(hover);
        focused |= response.has_focus();
        ui.add_space(4.0);
    }
    ui.add_space(6.0);
    if ui
        .add_enabled(what_if.is_active(), egui::Button::new("Reset"))
        .on_hover_text("Back to the saved figures")
        .clicked()
    {
        *what_if = WhatIf::default();
    }
    focused
}

/// The banner that says the numbers are a what-if.
fn banner(ui: &mut Ui, what_if: &WhatIf) {
    egui::Frame::new()
        .fill(charts::ORANGE)
        .corner_radius(6)
        .inner_margin(egui::Margin::symmetric(14, 8))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new(format!(
                    "What if: {}. An illustration for discussion; the saved project is unchanged.",
                    what_if.describe()
                ))
                .color(Color32::BLACK)
                .strong(),
            );
        });
    ui.add_space(6.0);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BenefitDetail, CostDetail, OutcomeChain, Profile};
    use rust_decimal_macros::dec;

    fn example() -> Project {
        crate::file::parse(include_str!("../../../saves/borough-portfolio.ron"))
            .expect("the example parses")
    }

    fn first_chain(project: &Project) -> OutcomeChain {
        project
            .partnerships
            .iter()
            .flat_map(|p| &p.benefits)
            .find_map(|b| match &b.detail {
                BenefitDetail::Outcome(chain) => Some(chain.clone()),
                BenefitDetail::Direct(_) => None,
            })
            .expect("the example has an outcome chain")
    }

    fn values(profile: &Profile) -> Vec<Decimal> {
        match profile {
            Profile::Constant { value, .. } => vec![*value],
            Profile::PerYear(values) => values.clone(),
        }
    }

    #[test]
    fn what_if_changes_a_copy_and_caps_rates_at_100_percent() {
        let project = example();
        let before = project.clone();
        let what_if = WhatIf {
            benefits: 10,
            engagement: 50,
            success: -20,
            ..WhatIf::default()
        };
        let copy = what_if.apply(&project);
        assert_eq!(project, before, "the project itself is never changed");
        let (was, now) = (first_chain(&project), first_chain(&copy));
        let cohort: Vec<Decimal> = values(&was.cohort).iter().map(|v| v * dec!(1.1)).collect();
        assert_eq!(values(&now.cohort), cohort);
        assert_eq!(
            now.engagement_rate.0,
            (was.engagement_rate.0 * dec!(1.5)).min(Decimal::ONE)
        );
        assert_eq!(now.success_rate.0, was.success_rate.0 * dec!(0.8));
        assert_eq!(
            what_if.describe(),
            "benefits +10%, engagement rates +50%, success rates \u{2212}20%"
        );
        assert!(!WhatIf::default().is_active());
        assert_eq!(WhatIf::default().apply(&project), project);
    }

    #[test]
    fn each_slider_is_one_engine_group_and_a_slider_at_zero_is_none() {
        let what_if = WhatIf {
            staff_time: -30,
            other_costs: 40,
            ..WhatIf::default()
        };
        assert_eq!(
            what_if.scenario(),
            Scenario {
                adjustments: vec![
                    Adjustment {
                        group: Group::StaffHours,
                        factor: dec!(0.7)
                    },
                    Adjustment {
                        group: Group::CostAmounts,
                        factor: dec!(1.4)
                    },
                ]
            }
        );
        assert_eq!(WhatIf::default().scenario(), Scenario::default());
    }

    #[test]
    fn staff_time_moves_hours_and_other_costs_move_money() {
        let project = example();
        let what_if = WhatIf {
            staff_time: 20,
            other_costs: -50,
            ..WhatIf::default()
        };
        let copy = what_if.apply(&project);
        let lines = project.partnerships.iter().flat_map(|p| &p.costs);
        let varied = copy.partnerships.iter().flat_map(|p| &p.costs);
        let (mut meetings, mut others) = (0, 0);
        for (was, now) in lines.zip(varied) {
            match (&was.detail, &now.detail) {
                (CostDetail::Meeting(a), CostDetail::Meeting(b)) => {
                    meetings += 1;
                    assert_eq!(b.meetings, a.meetings, "meetings a year are not hours");
                    assert_eq!(b.meeting_hours, a.meeting_hours * dec!(1.2));
                    assert_eq!(b.travel_hours, a.travel_hours * dec!(1.2));
                    assert_eq!(b.fixed_costs.venue.0, a.fixed_costs.venue.0 * dec!(0.5));
                }
                (CostDetail::Other(a), CostDetail::Other(b)) => {
                    others += 1;
                    let half: Vec<Decimal> =
                        values(&a.amounts).iter().map(|v| v * dec!(0.5)).collect();
                    assert_eq!(values(&b.amounts), half);
                }
                _ => {}
            }
        }
        assert!(
            meetings > 0 && others > 0,
            "the example has meetings and other costs"
        );
    }

    #[test]
    fn factors_never_go_below_zero() {
        assert_eq!(factor(50), dec!(1.5));
        assert_eq!(factor(-150), Decimal::ZERO);
        assert_eq!(signed(-20), "\u{2212}20%");
        assert_eq!(signed(5), "+5%");
    }
}
