//! The Objectives tab: what the partnership sets out to achieve towards the community
//! strategy's priorities (chosen here; the priorities themselves are kept in Project
//! settings), each objective's indicators with a target and an actual for each year and
//! the rating they earn, and which partner contributes what. Review data only: nothing
//! edited here changes a figure.

use super::Names;
use crate::appraisal::objectives::{
    IndicatorRating, RATING_RULE, rate, rate_indicator, rate_objective,
};
use crate::appraisal::{Diagnostic, Location};
use crate::format;
use crate::model::{
    Better, Commitment, FinancialYear, Indicator, Measured, Objective, Partnership, unique_name,
};
use crate::ui::widgets;
use eframe::egui::{self, Color32, RichText, Ui};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The most appraisal years the year grid shows (years with a figure are always shown).
const GRID_YEARS: u32 = 15;

/// The colour a rating is shown in, beside its words (never instead of them).
pub fn rating_colour(rating: Option<IndicatorRating>, visuals: &egui::Visuals) -> Color32 {
    match rating {
        Some(IndicatorRating::OnTarget) => {
            if visuals.dark_mode {
                Color32::from_rgb(0x6C, 0xCB, 0x7E)
            } else {
                Color32::from_rgb(0x1A, 0x7F, 0x37)
            }
        }
        Some(IndicatorRating::WithinTolerance) => {
            if visuals.dark_mode {
                Color32::from_rgb(0xE8, 0xB3, 0x39)
            } else {
                Color32::from_rgb(0x9A, 0x6A, 0x00)
            }
        }
        Some(IndicatorRating::OffTarget) => widgets::error_colour(visuals),
        None => visuals.weak_text_color(),
    }
}

/// A number in the indicator's unit, or nothing: empty clears it. Text that is not a
/// number stays in red with the reason, and the value as it was is kept.
fn optional_number(ui: &mut Ui, label: &str, value: &mut Option<Decimal>) -> bool {
    optional(ui, label, value, |t| format::parse_number(t, 6))
}

/// Hours, or nothing: zero or more.
fn optional_hours(ui: &mut Ui, label: &str, value: &mut Option<Decimal>) -> bool {
    optional(ui, label, value, format::parse_amount)
}

fn optional(
    ui: &mut Ui,
    label: &str,
    value: &mut Option<Decimal>,
    parse: impl Fn(&str) -> Result<Decimal, format::InputError>,
) -> bool {
    widgets::committed_field(
        ui,
        label,
        70.0,
        value,
        |v| v.map(|v| v.normalize().to_string()).unwrap_or_default(),
        |t| {
            if t.trim().is_empty() {
                Ok(None)
            } else {
                parse(t).map(Some).map_err(|e| e.to_string())
            }
        },
    )
}

fn measured_field(ui: &mut Ui, value: &mut Option<Measured>) -> bool {
    widgets::committed_field(
        ui,
        "Measured in",
        90.0,
        value,
        |m| m.map(Measured::describe).unwrap_or_default(),
        |t| {
            if t.trim().is_empty() {
                Ok(None)
            } else {
                Measured::parse(t).map(Some)
            }
        },
    )
}

/// The Objectives tab. `priorities` are the names of the project's priorities.
pub(super) fn objectives(
    ui: &mut Ui,
    p: &mut Partnership,
    priorities: &[String],
    names: &Names,
    diagnostics: &[Diagnostic],
    index: usize,
) -> bool {
    let mut changed = false;
    widgets::heading(ui, "Objectives");
    ui.label(
        "What the partnership sets out to achieve towards the community strategy's priorities, \
         how progress is measured and who contributes what. Nothing here changes a figure. \
         The priorities are kept in Project settings.",
    );
    ui.label(RichText::new(format!("How ratings are given: {RATING_RULE}")).small());
    if ui
        .button("Add objective")
        .on_hover_text("Add an objective to this partnership")
        .clicked()
    {
        let name = unique_name("Objective", p.objectives.iter().map(|o| o.name.as_str()));
        p.objectives.push(Objective {
            name,
            priority: priorities.first().cloned(),
            ..Objective::default()
        });
        changed = true;
    }
    if p.objectives.is_empty() {
        ui.label("No objective yet.");
    }
    let lines: Vec<String> = p.costs.iter().map(|c| c.name.clone()).collect();
    let members = p.members.clone();
    let mut remove = None;
    for (o, objective) in p.objectives.iter_mut().enumerate() {
        let rating = rate_objective(objective);
        let title = RichText::new(format!("{} — {}", objective.name, rating.describe()))
            .strong()
            .color(rating_colour(rating.worst, ui.visuals()));
        ui.push_id(("objective", o), |ui| {
            egui::CollapsingHeader::new(title)
                .id_salt(("objective header", o))
                .default_open(true)
                .show(ui, |ui| {
                    let location = Location::Objective {
                        partnership: index,
                        objective: o,
                    };
                    let found: Vec<&Diagnostic> = diagnostics
                        .iter()
                        .filter(|d| d.location == location)
                        .collect();
                    // The objective's own findings here; an indicator's or a
                    // contribution's beside it.
                    say(ui, &found, |field| {
                        !field.starts_with("Indicator ") && !field.starts_with("Contribution ")
                    });
                    let context = Context {
                        found: &found,
                        priorities,
                        lines: &lines,
                        members: &members,
                        names,
                    };
                    let (edited, removed) = objective_card(ui, objective, &context);
                    changed |= edited;
                    if removed {
                        remove = Some(o);
                    }
                });
        });
    }
    if let Some(o) = remove {
        p.objectives.remove(o);
        changed = true;
    }
    changed
}

/// What an objective's fields choose from.
struct Context<'a> {
    /// What `validate` found in the objective.
    found: &'a [&'a Diagnostic],
    priorities: &'a [String],
    lines: &'a [String],
    members: &'a [String],
    names: &'a Names,
}

/// One objective's fields. Returns (changed, remove the objective).
fn objective_card(ui: &mut Ui, objective: &mut Objective, cx: &Context<'_>) -> (bool, bool) {
    let mut changed = false;
    let mut remove = false;
    ui.horizontal_wrapped(|ui| {
        changed |= widgets::text(ui, "Objective", &mut objective.name, 240.0);
        let mut priority = objective.priority.clone().unwrap_or_default();
        let mut offered: Vec<String> = vec![String::new()];
        offered.extend(cx.priorities.iter().cloned());
        if widgets::name_choice(ui, "Priority", &mut priority, &offered) {
            objective.priority = (!priority.is_empty()).then_some(priority);
            changed = true;
        }
        if widgets::remove_button(ui, "objective") {
            remove = true;
        }
    });
    ui.add_space(4.0);
    ui.label(RichText::new("Indicators").strong());
    let mut remove_indicator = None;
    for (i, indicator) in objective.indicators.iter_mut().enumerate() {
        ui.push_id(("indicator", i), |ui| {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                let prefix = if indicator.name.trim().is_empty() {
                    format!("Indicator {} ", i + 1)
                } else {
                    format!("Indicator '{}' ", indicator.name)
                };
                say(ui, cx.found, |field| field.starts_with(&prefix));
                let (edited, removed) = indicator_card(ui, indicator, cx.names);
                changed |= edited;
                if removed {
                    remove_indicator = Some(i);
                }
            });
        });
    }
    if let Some(i) = remove_indicator {
        objective.indicators.remove(i);
        changed = true;
    }
    if ui.button("Add indicator").clicked() {
        let name = unique_name(
            "Indicator",
            objective.indicators.iter().map(|x| x.name.as_str()),
        );
        objective.indicators.push(Indicator {
            name,
            ..Indicator::default()
        });
        changed = true;
    }
    ui.add_space(4.0);
    ui.label(RichText::new("Contributions").strong());
    changed |= contributions(ui, &mut objective.contributions, cx);
    (changed, remove)
}

/// One indicator: its name, unit, direction and baseline, then the year grid.
fn indicator_card(ui: &mut Ui, indicator: &mut Indicator, names: &Names) -> (bool, bool) {
    let mut changed = false;
    let mut remove = false;
    ui.horizontal_wrapped(|ui| {
        changed |= widgets::text(ui, "Indicator", &mut indicator.name, 220.0);
        changed |= widgets::text(ui, "Unit", &mut indicator.unit, 110.0);
        changed |= widgets::choice(ui, "Direction", &mut indicator.better, &Better::ALL, |b| {
            b.label().to_owned()
        });
        if widgets::remove_button(ui, "indicator") {
            remove = true;
        }
    });
    ui.horizontal_wrapped(|ui| {
        changed |= optional_number(ui, "Baseline", &mut indicator.baseline.value);
        changed |= measured_field(ui, &mut indicator.baseline.measured);
        changed |= widgets::text(ui, "Source", &mut indicator.source, 160.0);
        changed |= widgets::text(ui, "Note", &mut indicator.note, 160.0);
    });
    changed |= year_grid(ui, indicator, names);
    let ratings = rate_indicator(indicator);
    let latest = ratings.latest;
    let text = match latest {
        Some(y) => format!("Latest rated year {}: {}", y.year, y.rating.label()),
        None => "Not yet rated: no year has both a target and an actual".to_owned(),
    };
    ui.label(
        RichText::new(text)
            .strong()
            .color(rating_colour(latest.map(|y| y.rating), ui.visuals())),
    );
    (changed, remove)
}

/// The years shown: the appraisal's (at most `GRID_YEARS`), and any other year that has
/// a target or an actual.
fn grid_years(indicator: &Indicator, names: &Names) -> Vec<FinancialYear> {
    let mut years: Vec<FinancialYear> = (0..names.horizon.clamp(1, GRID_YEARS))
        .map(|t| names.first_year.plus(t))
        .collect();
    years.extend(indicator.targets.keys().chain(indicator.actuals.keys()));
    years.sort();
    years.dedup();
    years
}

/// A target and an actual for each year, with the rating where both are given, a row a
/// year (a row wraps on a narrow window rather than run past its edge). Each field's label
/// names its year ("Target 2026/27"), for reading aloud as well as on screen.
fn year_grid(ui: &mut Ui, indicator: &mut Indicator, names: &Names) -> bool {
    let mut changed = false;
    let better = indicator.better;
    for year in grid_years(indicator, names) {
        ui.push_id(("year", year.0), |ui| {
            ui.horizontal_wrapped(|ui| {
                changed |= year_value(ui, &format!("Target {year}"), &mut indicator.targets, year);
                ui.add_space(8.0);
                changed |= year_value(ui, &format!("Actual {year}"), &mut indicator.actuals, year);
                let target = indicator.targets.get(&year).copied();
                let actual = indicator.actuals.get(&year).copied();
                if let Some((shortfall, tolerance, rating)) =
                    target.zip(actual).and_then(|(t, a)| rate(better, t, a))
                {
                    ui.add_space(8.0);
                    ui.label(
                        RichText::new(rating.label())
                            .strong()
                            .color(rating_colour(Some(rating), ui.visuals())),
                    )
                    .on_hover_text(format!(
                        "Short of the target by {}; within tolerance up to {}",
                        shortfall.max(Decimal::ZERO).normalize(),
                        tolerance.normalize()
                    ));
                }
            });
        });
    }
    changed
}

/// One year's value in `map`; an empty field removes the year.
fn year_value(
    ui: &mut Ui,
    label: &str,
    map: &mut BTreeMap<FinancialYear, Decimal>,
    year: FinancialYear,
) -> bool {
    let mut value = map.get(&year).copied();
    if !optional_number(ui, label, &mut value) {
        return false;
    }
    match value {
        Some(v) => map.insert(year, v),
        None => map.remove(&year),
    };
    true
}

/// Who contributes what: a partner, the cost lines it draws on, hours a year.
fn contributions(ui: &mut Ui, list: &mut Vec<Commitment>, cx: &Context<'_>) -> bool {
    let mut changed = false;
    let mut remove = None;
    for (c, commitment) in list.iter_mut().enumerate() {
        ui.push_id(("contribution", c), |ui| {
            let prefix = format!("Contribution {} ", c + 1);
            say(ui, cx.found, |field| field.starts_with(&prefix));
            ui.horizontal_wrapped(|ui| {
                changed |= widgets::name_choice(
                    ui,
                    "Partner",
                    &mut commitment.partner,
                    &cx.names.partners,
                );
                changed |= optional_hours(ui, "Hours a year", &mut commitment.hours_per_year);
                if widgets::remove_button(ui, "contribution") {
                    remove = Some(c);
                }
            });
            ui.horizontal_wrapped(|ui| {
                ui.label("Draws on");
                if cx.lines.is_empty() {
                    ui.label(RichText::new("no cost line yet").weak());
                }
                for line in cx.lines {
                    let mut on = commitment.lines.contains(line);
                    if ui.checkbox(&mut on, line).changed() {
                        if on {
                            commitment.lines.push(line.clone());
                        } else {
                            commitment.lines.retain(|l| l != line);
                        }
                        changed = true;
                    }
                }
            });
        });
    }
    if let Some(c) = remove {
        list.remove(c);
        changed = true;
    }
    if ui.button("Add contribution").clicked() {
        let taken = |n: &String| list.iter().any(|c| &c.partner == n);
        let partner = cx
            .members
            .iter()
            .find(|m| !taken(m))
            .or_else(|| cx.names.partners.iter().find(|n| !taken(n)))
            .cloned()
            .unwrap_or_default();
        list.push(Commitment {
            partner,
            ..Commitment::default()
        });
        changed = true;
    }
    changed
}

/// The findings among `found` whose field `concerns`, each as "field: message", in the
/// error colour or the warning colour (the words say which field and what to do).
fn say(ui: &mut Ui, found: &[&Diagnostic], concerns: impl Fn(&str) -> bool) {
    for d in found.iter().filter(|d| concerns(&d.field)) {
        let colour = if d.is_error() {
            widgets::error_colour(ui.visuals())
        } else {
            Color32::from_rgb(0x9A, 0x6A, 0x00)
        };
        ui.add(
            egui::Label::new(RichText::new(format!("{}: {}", d.field, d.message)).color(colour))
                .wrap(),
        );
    }
}
