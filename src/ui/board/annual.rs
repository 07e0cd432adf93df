//! The annual review of the portfolio: what the audit committee is asked to look at on a
//! day (`appraisal::portfolio::annual`), with the report and CSV to send it. The day is
//! today unless the user sets another; it is read here, in the UI, never in the engine.

use super::{Board, money_text, name_cell, reviews};
use crate::appraisal::portfolio::annual::{AnnualReview, ReviewedPartnership};
use crate::appraisal::review::ReviewState;
use crate::appraisal::{AllCompleteness, Appraisal};
use crate::format;
use crate::model::{AreaStatus, Date, Project};
use crate::ui::commands::Command;
use crate::ui::widgets;
use eframe::egui::{self, RichText, Ui};

/// The most rows a list shows on screen; the report and the CSV file have them all.
pub const ROWS_SHOWN: usize = 40;

/// The annual review's view state, kept between frames.
#[derive(Default)]
pub struct Annual {
    /// The day of the review as the user set it; none is today.
    pub as_of: Option<Date>,
    /// The review last worked out, for the revision and day it was worked out for.
    cached: Option<(u64, Date, AnnualReview)>,
}

impl Annual {
    /// The day of the review: the one set, or today (none when the clock cannot be read
    /// as a date and none is set).
    pub fn day(&self) -> Option<Date> {
        self.as_of.or_else(reviews::today)
    }
}

impl Board {
    /// The annual review of `project` at `revision` on the review's day, worked out once
    /// per revision and day (with the partner network the board keeps) and shared by the
    /// screen and the exports; none when there is no day.
    pub fn annual_review(
        &mut self,
        project: &Project,
        (appraisal, completeness): (&Appraisal, &AllCompleteness),
        revision: u64,
    ) -> Option<&AnnualReview> {
        let day = self.annual.day()?;
        let stale = self
            .annual
            .cached
            .as_ref()
            .is_none_or(|(r, d, _)| *r != revision || *d != day);
        if stale {
            let network = self.network(project, appraisal, revision);
            let review =
                crate::export::annual_review_with(project, appraisal, completeness, network, day);
            self.annual.cached = Some((revision, day, review));
        }
        self.annual.cached.as_ref().map(|(_, _, review)| review)
    }
}

/// What the user asked for on the annual review screen.
#[derive(Default)]
pub struct Asked {
    /// A partnership to open.
    pub open: Option<usize>,
    /// An export to write.
    pub export: Option<Command>,
}

/// The annual review screen.
pub fn annual_view(
    ui: &mut Ui,
    project: &Project,
    (appraisal, completeness): (&Appraisal, &AllCompleteness),
    revision: u64,
    board: &mut Board,
) -> Asked {
    let mut asked = Asked::default();
    ui.add_space(4.0);
    ui.heading("Annual review of partnerships");
    ui.label(
        "What the audit committee or scrutiny is asked to look at: each partnership's \
         significance, where it stands in the review cycle, whether its costs outweigh its \
         benefits, what each partner gives, governance gaps, high risks and overdue actions.",
    );
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        widgets::date(ui, "Review as at", &mut board.annual.as_of);
        ui.label(RichText::new("(empty: today)").small());
        ui.add_space(12.0);
        for command in [Command::ExportReviewDocx, Command::ExportReviewCsv] {
            if ui
                .button(command.label())
                .on_hover_text(command.tooltip())
                .clicked()
            {
                asked.export = Some(command);
            }
        }
    });
    let Some(review) = board.annual_review(project, (appraisal, completeness), revision) else {
        ui.label("Set the day of the review: the computer's clock could not be read as a date.");
        return asked;
    };
    let symbol = project.settings.currency_symbol.as_str();
    ui.add_space(4.0);
    let problems_clicked = widgets::incomplete_mark(ui, review.completeness, 16.0);
    egui::ScrollArea::vertical()
        .id_salt("annual_review_page")
        .show(ui, |ui| {
            glance(ui, review);
            let mut open = |i: Option<usize>| {
                if i.is_some() {
                    asked.open = i;
                }
            };
            section(ui, "Significant partnerships", true, |ui| {
                let rows: Vec<_> = review.significant().collect();
                open(list(
                    ui,
                    "significant",
                    &rows,
                    &["Why significant"],
                    |ui, p, w| {
                        wrapped(ui, w, p.significance.reasons.join("; "));
                    },
                ));
            });
            section(ui, "Reviews due, overdue or never held", true, |ui| {
                let rows: Vec<_> = review
                    .due_or_overdue()
                    .into_iter()
                    .chain(review.never_reviewed())
                    .collect();
                open(list(
                    ui,
                    "cycle",
                    &rows,
                    &["Where it stands"],
                    |ui, p, w| {
                        let text = RichText::new(p.status.describe());
                        let overdue = p.status.state == ReviewState::Overdue;
                        let colour = widgets::error_colour(ui.visuals());
                        wrapped(
                            ui,
                            w,
                            if overdue {
                                text.color(colour).strong()
                            } else {
                                text
                            },
                        );
                    },
                ));
            });
            section(ui, "Costs outweigh benefits", true, |ui| {
                ui.label(
                    "Present values as appraised. The Audit Commission advises considering \
                     scaling these down; those with no decision to scale down or exit are in bold.",
                );
                let rows = review.costs_outweigh_benefits();
                let heads = ["Net present value", "Latest decision"];
                open(list(ui, "vfm", &rows, &heads, |ui, p, w| {
                    ui.horizontal(|ui| {
                        ui.label(money_text(ui, p.net_value, symbol));
                        if let Some(missing) = p.completeness.summary() {
                            ui.label(
                                RichText::new(format!("Incomplete: {missing}"))
                                    .color(widgets::error_colour(ui.visuals())),
                            );
                        }
                    });
                    let decision = p.latest.as_ref().map_or_else(
                        || "Not yet reviewed".to_owned(),
                        |l| format!("{} ({})", l.decision.label(), l.date.uk()),
                    );
                    let text = RichText::new(decision);
                    wrapped(
                        ui,
                        w,
                        if p.needs_challenge() {
                            text.strong()
                        } else {
                            text
                        },
                    );
                }));
            });
            section(ui, "Achievements against objectives", true, |ui| {
                objectives(ui, review, &mut open);
            });
            section(ui, "Resources each partner gives", false, |ui| {
                outturn(ui, review, symbol);
                partners(ui, review, symbol);
            });
            section(ui, "Governance areas partly met or not met", true, |ui| {
                let rows: Vec<_> = review.governance_gaps().collect();
                open(list(ui, "governance", &rows, &["Areas"], |ui, p, w| {
                    let gaps: Vec<String> = p
                        .governance_gaps
                        .iter()
                        .filter(|g| g.status != AreaStatus::NotAssessed)
                        .map(|g| format!("{}: {}", g.area.label(), g.status.label()))
                        .collect();
                    wrapped(ui, w, gaps.join("; "));
                }));
            });
            section(ui, "Risks rated high", false, |ui| {
                let rows: Vec<_> = review
                    .partnerships
                    .iter()
                    .filter(|p| !p.high_risks.is_empty())
                    .collect();
                open(list(
                    ui,
                    "risks",
                    &rows,
                    &["Risks scoring 15 or more"],
                    |ui, p, w| {
                        let risks: Vec<String> = p
                            .high_risks
                            .iter()
                            .map(|r| format!("{} ({})", r.description, r.score))
                            .collect();
                        wrapped(ui, w, risks.join("; "));
                    },
                ));
            });
            section(ui, "Overdue actions", true, |ui| {
                overdue_actions(ui, review, &mut open);
            });
        });
    board.show_problems |= problems_clicked;
    asked
}

/// The count of the portfolio on the day.
fn glance(ui: &mut Ui, review: &AnnualReview) {
    let s = &review.summary;
    let figures = [
        ("Partnerships", review.partnerships.len()),
        ("Significant", review.significant().count()),
        ("Review overdue", s.overdue),
        ("Review due", s.due),
        ("Never reviewed", s.never_reviewed),
        (
            "Costs outweigh benefits",
            review.costs_outweigh_benefits().len(),
        ),
        ("Overdue actions", s.overdue_actions),
    ];
    ui.horizontal_wrapped(|ui| {
        for (label, n) in figures {
            ui.vertical(|ui| {
                ui.label(RichText::new(label).small());
                ui.label(RichText::new(n.to_string()).size(22.0).strong());
            });
            ui.add_space(14.0);
        }
    });
    ui.label(format!(
        "On {}: a review is due when its date falls within {} days.",
        review.as_of.uk(),
        review.due_within_days
    ));
}

fn section(ui: &mut Ui, title: &str, open: bool, body: impl FnOnce(&mut Ui)) {
    ui.add_space(6.0);
    egui::CollapsingHeader::new(RichText::new(title).strong().size(16.0))
        .id_salt(title)
        .default_open(open)
        .show(ui, body);
}

/// Partnerships in a grid: the name (a link that opens it), then `cells` draws one cell
/// per heading. At most [`ROWS_SHOWN`] rows; returns the partnership clicked.
fn list(
    ui: &mut Ui,
    id: &str,
    rows: &[&ReviewedPartnership],
    heads: &[&str],
    mut cells: impl FnMut(&mut Ui, &ReviewedPartnership, f32),
) -> Option<usize> {
    if rows.is_empty() {
        ui.label("None.");
        return None;
    }
    // The name takes at most NAME_WIDTH; the other columns share what is left, each
    // wrapping its text within its share.
    let spacing = 16.0;
    let heads_n = heads.len().max(1) as f32;
    let width =
        ((ui.available_width() - NAME_WIDTH - spacing * heads_n - 20.0) / heads_n).max(160.0);
    let mut clicked = None;
    egui::Grid::new(id)
        .num_columns(heads.len() + 1)
        .striped(true)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            ui.label(RichText::new("Partnership").strong());
            for h in heads {
                ui.label(RichText::new(*h).strong());
            }
            ui.end_row();
            for p in rows.iter().take(ROWS_SHOWN) {
                if name_link(ui, &p.name) {
                    clicked = Some(p.index);
                }
                cells(ui, p, width);
                ui.end_row();
            }
        });
    more(ui, rows.len());
    clicked
}

/// The widest a partnership's name is shown in a list; a longer one wraps.
const NAME_WIDTH: f32 = 300.0;

/// A partnership's name as a link that opens it, at most [`NAME_WIDTH`] wide; returns
/// whether it was clicked.
fn name_link(ui: &mut Ui, name: &str) -> bool {
    let wanted = widgets::text_width(ui, name);
    ui.allocate_ui_with_layout(
        egui::vec2(wanted.min(NAME_WIDTH), 0.0),
        egui::Layout::top_down(egui::Align::Min),
        |ui| {
            ui.set_max_width(NAME_WIDTH);
            ui.link(name)
                .on_hover_text("Open this partnership")
                .clicked()
        },
    )
    .inner
}

/// Text wrapped within `width`, left-aligned at the top of its cell.
fn wrapped(ui: &mut Ui, width: f32, text: impl Into<egui::WidgetText>) {
    ui.allocate_ui_with_layout(
        egui::vec2(width, 0.0),
        egui::Layout::top_down(egui::Align::Min),
        |ui| {
            ui.set_max_width(width);
            ui.add(egui::Label::new(text).wrap());
        },
    );
}

/// "And 12 more, in the report and the CSV file."
fn more(ui: &mut Ui, rows: usize) {
    if rows > ROWS_SHOWN {
        ui.label(format!(
            "And {} more, in the annual review report and CSV file.",
            rows - ROWS_SHOWN
        ));
    }
}

fn partners(ui: &mut Ui, review: &AnnualReview, symbol: &str) {
    if review.partners.is_empty() {
        ui.label("The project has no partners.");
        return;
    }
    ui.label(
        "As appraised: the present value of the costs each partner bears (optimism bias \
         included) and the hours it gives a year, averaged over the appraisal period.",
    );
    egui::Grid::new("annual_partners")
        .num_columns(5)
        .striped(true)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            for h in [
                "Partner",
                "Partnerships (significant)",
                "Costs borne",
                "Hours a year",
                "Meeting hours a year",
            ] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for p in review.partners.iter().take(ROWS_SHOWN) {
                name_cell(ui, 260.0, &p.partner);
                ui.label(format!("{} ({})", p.partnerships, p.significant));
                ui.label(money_text(ui, p.pv_costs, symbol));
                ui.label(format::number(p.hours_per_year, 0));
                ui.label(format::number(p.meeting_hours_per_year, 0));
                ui.end_row();
            }
        });
    more(ui, review.partners.len());
}

fn objectives(ui: &mut Ui, review: &AnnualReview, open: &mut impl FnMut(Option<usize>)) {
    let all: Vec<_> = review.objectives().collect();
    if all.is_empty() {
        ui.label("No partnership records objectives yet (each partnership's Objectives tab).");
        return;
    }
    ui.label(
        "Each objective is rated by its indicators' latest year with both a target and an \
         actual; the worst rates the objective.",
    )
    .on_hover_text(crate::appraisal::objectives::RATING_RULE);
    let width = ((ui.available_width() - NAME_WIDTH - 3.0 * 16.0 - 20.0) / 3.0).max(160.0);
    egui::Grid::new("annual_objectives")
        .num_columns(4)
        .striped(true)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            for h in ["Partnership", "Objective", "Priority", "Rating"] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for (p, o) in all.iter().take(ROWS_SHOWN) {
                if name_link(ui, &p.name) {
                    open(Some(p.index));
                }
                wrapped(ui, width, o.name.as_str());
                wrapped(ui, width, o.priority.as_deref().unwrap_or("None"));
                let off = o.rating.worst
                    == Some(crate::appraisal::objectives::IndicatorRating::OffTarget);
                let text = RichText::new(o.rating.describe());
                let colour = widgets::error_colour(ui.visuals());
                wrapped(
                    ui,
                    width,
                    if off {
                        text.color(colour).strong()
                    } else {
                        text
                    },
                );
                ui.end_row();
            }
        });
    more(ui, all.len());
}

/// The resources each partner actually used, where actuals are entered.
fn outturn(ui: &mut Ui, review: &AnnualReview, symbol: &str) {
    if review.outturn.is_empty() {
        return;
    }
    let against = review.outturn_against.as_ref().map_or_else(
        || "the current forecast (no baseline is set)".to_owned(),
        |b| format!("the baseline {b}"),
    );
    ui.label(RichText::new("Resources actually used").strong());
    ui.label(format!(
        "Costs borne in the years with actuals, against {against}: real terms, not discounted."
    ));
    if review.outturn_errors > 0 {
        ui.label(
            RichText::new(format!(
                "Incomplete: {} could not be used; the forecast stands for {}.",
                format::count(review.outturn_errors, "actual", "actuals"),
                if review.outturn_errors == 1 {
                    "it"
                } else {
                    "them"
                }
            ))
            .color(widgets::error_colour(ui.visuals()))
            .strong(),
        );
    }
    egui::Grid::new("annual_outturn")
        .num_columns(4)
        .striped(true)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            for h in ["Partner", "Planned", "Actual", "Variance"] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for o in review.outturn.iter().take(ROWS_SHOWN) {
                name_cell(ui, 260.0, &o.partner);
                ui.label(money_text(ui, o.plan, symbol));
                ui.label(money_text(ui, o.actual, symbol));
                // More spent than planned is positive: not the colour of a loss.
                ui.label(format::money_whole(o.variance, symbol));
                ui.end_row();
            }
        });
    more(ui, review.outturn.len());
    ui.add_space(6.0);
    ui.label(RichText::new("Resources as appraised").strong());
}

fn overdue_actions(ui: &mut Ui, review: &AnnualReview, open: &mut impl FnMut(Option<usize>)) {
    let actions = review.overdue_actions();
    if actions.is_empty() {
        ui.label(format!("No action is overdue on {}.", review.as_of.uk()));
        return;
    }
    let width =
        ((ui.available_width() - NAME_WIDTH - 90.0 - 70.0 - 4.0 * 16.0 - 20.0) / 2.0).max(160.0);
    egui::Grid::new("annual_actions")
        .num_columns(5)
        .striped(true)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            for h in ["Partnership", "Action", "Owner", "Due", "Days late"] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for (p, a) in actions.iter().take(ROWS_SHOWN) {
                if name_link(ui, &p.name) {
                    open(Some(p.index));
                }
                wrapped(ui, width, a.description.as_str());
                wrapped(ui, width, a.owner.as_str());
                ui.label(a.due.uk());
                ui.label(a.days_late.to_string());
                ui.end_row();
            }
        });
    more(ui, actions.len());
}

/// The annual review report (DOCX) or CSV file for `command`: the file's extension and
/// bytes, or why it cannot be written.
pub fn annual_export(
    project: &Project,
    review: Option<&AnnualReview>,
    command: Command,
    project_file: Option<&str>,
) -> Result<(&'static str, Vec<u8>), String> {
    let review = review.ok_or_else(|| {
        "Set the day of the review on the Annual review screen: the computer's clock could \
         not be read as a date."
            .to_owned()
    })?;
    if command == Command::ExportReviewCsv {
        return Ok((
            "csv",
            crate::export::annual_csv(project, review).into_bytes(),
        ));
    }
    crate::export::annual_docx(project, review, project_file)
        .map(|bytes| ("docx", bytes))
        .map_err(|e| e.to_string())
}
