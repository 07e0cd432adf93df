//! The field groups the editor's tabs share: a year profile, optimism bias, prices, a
//! partner and grade, a Monte Carlo range, and the collapsible card each line is drawn in.

use super::Names;
use crate::appraisal::{Diagnostic, Location};
use crate::format;
use crate::model::{Optimism, Profile, Rate};
use crate::ui::widgets::{self, notes};
use eframe::egui::{self, CollapsingHeader, Grid, RichText, Ui};
use rust_decimal::Decimal;

/// The year-profile editor: the same value each year, or a value for each year.
pub(super) fn profile(
    ui: &mut Ui,
    label: &str,
    profile: &mut Profile,
    names: &Names,
    money: bool,
) -> bool {
    ui.push_id(("profile", label), |ui| {
        profile_fields(ui, label, profile, names, money)
    })
    .inner
}

fn profile_fields(
    ui: &mut Ui,
    label: &str,
    profile: &mut Profile,
    names: &Names,
    money: bool,
) -> bool {
    let mut changed = false;
    let mut by_year = matches!(profile, Profile::PerYear(_));
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(label).strong());
        if widgets::choice(ui, "Profile", &mut by_year, &[false, true], |b| {
            if b {
                "Year by year".to_owned()
            } else {
                "Same each year".to_owned()
            }
        }) {
            let n = names.horizon as usize;
            *profile = if by_year {
                let mut values =
                    crate::appraisal::flows::expand(profile, names.horizon).unwrap_or_default();
                values.resize(n, Decimal::ZERO);
                Profile::PerYear(values)
            } else {
                let first = match profile {
                    Profile::PerYear(v) => {
                        v.iter().copied().find(|x| !x.is_zero()).unwrap_or_default()
                    }
                    Profile::Constant { value, .. } => *value,
                };
                Profile::constant(first, names.horizon)
            };
            changed = true;
        }
    });
    let value_field = |ui: &mut Ui, label: &str, v: &mut Decimal| {
        if money {
            widgets::money_value(ui, label, v)
        } else {
            widgets::amount(ui, label, v)
        }
    };
    match profile {
        Profile::Constant {
            value,
            start_year,
            years,
            growth,
        } => {
            ui.horizontal_wrapped(|ui| {
                changed |= value_field(ui, "Each year", value);
                let years_list: Vec<u32> = (0..names.horizon.max(1)).collect();
                let mut start = (*start_year).min(names.horizon.saturating_sub(1));
                if widgets::choice(ui, "From", &mut start, &years_list, |t| {
                    names.first_year.plus(t).to_string()
                }) {
                    *start_year = start;
                    changed = true;
                }
                changed |= widgets::whole(
                    ui,
                    "For (years)",
                    years,
                    crate::appraisal::MAX_HORIZON_YEARS,
                );
                changed |= widgets::growth(ui, "Growth a year", growth);
            });
        }
        Profile::PerYear(values) => {
            if values.len() < names.horizon as usize {
                values.resize(names.horizon as usize, Decimal::ZERO);
            }
            ui.horizontal_wrapped(|ui| {
                for (t, v) in values.iter_mut().enumerate().take(names.horizon as usize) {
                    ui.push_id(("year", t), |ui| {
                        changed |= value_field(ui, &names.first_year.plus(t as u32).to_string(), v);
                    });
                }
            });
        }
    }
    changed
}

/// Where a line's optimism bias comes from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum BiasFrom {
    Grade,
    Rate,
    ProjectType,
}

pub(super) fn optimism(ui: &mut Ui, value: &mut Optimism, names: &Names, is_cost: bool) -> bool {
    let mut changed = false;
    let mut from = match value {
        Optimism::Grade(_) => BiasFrom::Grade,
        Optimism::Direct(_) => BiasFrom::Rate,
        Optimism::ProjectType { .. } => BiasFrom::ProjectType,
    };
    let label = if is_cost {
        "Optimism bias uplift"
    } else {
        "Optimism bias reduction"
    };
    // A project type bounds cost overruns; a benefit line is offered it only if a
    // hand-edited file gave it one (validate reports that), so it can be changed.
    let choices: &[BiasFrom] = if is_cost || from == BiasFrom::ProjectType {
        &[BiasFrom::Grade, BiasFrom::Rate, BiasFrom::ProjectType]
    } else {
        &[BiasFrom::Grade, BiasFrom::Rate]
    };
    if widgets::choice(ui, "Optimism bias from", &mut from, choices, |f| {
        match f {
            BiasFrom::Grade => "Confidence grade",
            BiasFrom::Rate => "Rate for this line",
            BiasFrom::ProjectType => "Project type (HM Treasury bounds)",
        }
        .to_owned()
    }) {
        *value = match from {
            BiasFrom::Grade => {
                Optimism::Grade(names.confidence.first().cloned().unwrap_or_default())
            }
            BiasFrom::Rate => Optimism::Direct(Rate::ZERO),
            BiasFrom::ProjectType => Optimism::ProjectType {
                project_type: names
                    .project_types
                    .first()
                    .map(|t| t.name.clone())
                    .unwrap_or_default(),
                mitigation: Rate::ZERO,
            },
        };
        changed = true;
    }
    match value {
        Optimism::Grade(g) => {
            changed |= widgets::name_choice(ui, "Confidence grade", g, &names.confidence)
        }
        Optimism::Direct(r) if is_cost => {
            changed |= widgets::percent_up_to(ui, label, r, Decimal::from(1000))
        }
        Optimism::Direct(r) => changed |= widgets::share(ui, label, r),
        Optimism::ProjectType {
            project_type,
            mitigation,
        } => {
            let types: Vec<String> = names.project_types.iter().map(|t| t.name.clone()).collect();
            changed |= widgets::name_choice(ui, "Project type", project_type, &types);
            changed |= widgets::share(ui, "Mitigation (share of factors managed)", mitigation);
            let working = names
                .project_types
                .iter()
                .find(|t| t.name == *project_type)
                .and_then(|t| crate::appraisal::flows::type_uplift_of(t, *mitigation).ok())
                .map(|u| crate::report::type_uplift_working(project_type, &u));
            if let Some(working) = working {
                ui.label(RichText::new(working).small().weak())
                    .on_hover_text("The uplift applied to this line's costs, worked out as HM Treasury's supplementary guidance on optimism bias sets out; the bounds table is under Settings");
            }
        }
    }
    changed
}

/// Whether a line's amounts are in real terms or cash prices.
pub(super) fn prices_choice(ui: &mut Ui, prices: &mut crate::model::Prices) -> bool {
    use crate::model::Prices;
    widgets::choice(
        ui,
        "Amounts in",
        prices,
        &[Prices::Real, Prices::Cash],
        |p| {
            match p {
                Prices::Real => "Real terms (price base year prices)",
                Prices::Cash => "Cash prices (deflated with the GDP deflators)",
            }
            .to_owned()
        },
    )
}

pub(super) fn partner_and_grade(
    ui: &mut Ui,
    partner: &mut String,
    grade: &mut String,
    names: &Names,
) -> bool {
    let mut changed = widgets::name_choice(ui, "Partner", partner, &names.partners);
    let grades = names.grades_of(partner);
    if changed && !grades.contains(grade) {
        // A new partner brings its own rate card: take its first grade.
        *grade = grades.first().cloned().unwrap_or_default();
    }
    changed |= widgets::name_choice(ui, "Grade", grade, &grades);
    changed
}

/// The grid a cost or benefit card opens with, labels beside their fields: the line's
/// description, then the rows only that kind of line has (`rows`, which ends each of its
/// rows and returns whether any changed), then the source of its figures. True when a
/// field changed.
pub(super) fn line_fields(
    ui: &mut Ui,
    id: &str,
    name: &mut String,
    source: &mut String,
    rows: impl FnOnce(&mut Ui) -> bool,
) -> bool {
    let mut changed = false;
    Grid::new(id)
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            changed |= widgets::name(ui, "Description", name);
            ui.end_row();
            changed |= rows(ui);
            changed |= widgets::text(ui, "Source", source, 360.0);
            ui.end_row();
        });
    changed
}

/// A collapsible card for one line: its title red when it has errors, opened and
/// scrolled to when a diagnostic points at it, with the diagnostics at its top.
pub(super) fn line_card(
    ui: &mut Ui,
    title: String,
    id: (&str, usize),
    location: Location,
    diagnostics: &[Diagnostic],
    focus: Option<Location>,
    body: impl FnOnce(&mut Ui),
) {
    let has_problem = diagnostics
        .iter()
        .any(|d| d.location == location && d.is_error());
    let mut text = RichText::new(title);
    if has_problem {
        text = text.color(widgets::ERROR_COLOUR);
    }
    let mut header = CollapsingHeader::new(text).id_salt(id);
    // A line just added opens, with its first field ready for typing.
    let fresh = ui.data_mut(|d| {
        let new: Option<Location> = d.get_temp(egui::Id::unique(NEW_LINE));
        if new == Some(location) {
            d.remove::<Location>(egui::Id::unique(NEW_LINE));
        }
        new == Some(location)
    });
    if focus == Some(location) || fresh {
        header = header.open(Some(true));
    }
    if fresh {
        widgets::focus_next_field(ui, "Description");
    }
    let response = header.show(ui, |ui| {
        notes(ui, diagnostics, location);
        body(ui);
    });
    if focus == Some(location) || fresh {
        response
            .header_response
            .scroll_to_me(Some(egui::Align::Center));
    }
}

/// Where the line just added is kept for one frame, so its card opens.
const NEW_LINE: &str = "line just added";

pub(super) fn opened_next_frame(ui: &Ui, location: Location) {
    ui.data_mut(|d| d.insert_temp(egui::Id::unique(NEW_LINE), location));
}

pub(super) fn line_header(name: &str, pv: Option<&Decimal>, symbol: &str) -> String {
    match pv {
        Some(pv) => format!("{name}    {}", format::money_whole(*pv, symbol)),
        None => name.to_owned(),
    }
}

/// How a range's values are typed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Scale {
    /// As percentages: 90 means 0.9.
    Percent,
    Money,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum RangeKind {
    Fixed,
    Triangular,
    Normal,
}

/// A Monte Carlo range: none, triangular (low, most likely, high) or normal (mean, standard deviation).
pub(super) fn range(
    ui: &mut Ui,
    label: &str,
    value: &mut Option<crate::model::Distribution>,
    scale: Scale,
) -> bool {
    use crate::model::Distribution;
    let mut changed = false;
    ui.push_id(("range", label), |ui| {
        ui.horizontal_wrapped(|ui| {
            let mut kind = match value {
                None => RangeKind::Fixed,
                Some(Distribution::Triangular { .. }) => RangeKind::Triangular,
                Some(Distribution::Normal { .. }) => RangeKind::Normal,
            };
            let names = |k: RangeKind| match k {
                RangeKind::Fixed => "No range".to_owned(),
                RangeKind::Triangular => "Triangular".to_owned(),
                RangeKind::Normal => "Normal".to_owned(),
            };
            if widgets::choice(
                ui,
                label,
                &mut kind,
                &[RangeKind::Fixed, RangeKind::Triangular, RangeKind::Normal],
                names,
            ) {
                let one = if scale == Scale::Percent {
                    Decimal::ONE
                } else {
                    Decimal::ZERO
                };
                *value = match kind {
                    RangeKind::Fixed => None,
                    RangeKind::Triangular => Some(Distribution::Triangular {
                        low: one * Decimal::new(9, 1),
                        likely: one,
                        high: one * Decimal::new(11, 1),
                    }),
                    RangeKind::Normal => Some(Distribution::Normal {
                        mean: one,
                        sd: one * Decimal::new(1, 1),
                    }),
                };
                changed = true;
            }
            let field = |ui: &mut Ui, name: &str, v: &mut Decimal| match scale {
                Scale::Percent => {
                    let mut rate = Rate(*v);
                    let c = widgets::percent_up_to(ui, name, &mut rate, Decimal::from(10_000));
                    *v = rate.0;
                    c
                }
                Scale::Money => widgets::money_value(ui, name, v),
            };
            match value {
                Some(Distribution::Triangular { low, likely, high }) => {
                    changed |= field(ui, "Low", low);
                    changed |= field(ui, "Most likely", likely);
                    changed |= field(ui, "High", high);
                }
                Some(Distribution::Normal { mean, sd }) => {
                    changed |= field(ui, "Mean", mean);
                    changed |= field(ui, "Standard deviation", sd);
                }
                None => {}
            }
        });
    });
    changed
}
