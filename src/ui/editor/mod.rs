//! The partnership editor: register details, costs, benefits, impacts and the 7S.

use super::state::Section;
use super::widgets::{self, notes};
use crate::appraisal::{Diagnostic, Location};
use crate::format;
use crate::model::{
    Attendee, BenefitDetail, BenefitLine, BenefitType, Contribution, CostDetail, CostKind,
    CostLine, CostType, Direction, FixedCosts, FundingArrangement, Impact, Layer, Meeting, Named,
    Optimism, OtherCategory, OtherCost, OutcomeChain, PooledFund, Profile, Project, Rate,
    RiskShare, Significance, StaffTime, Status, UnitValueSource, name_problem_among,
};
use eframe::egui::{self, CollapsingHeader, Grid, RichText, Ui};
use rust_decimal::Decimal;

pub enum Outcome {
    None,
    Changed,
    Delete,
    Duplicate,
    /// Delete an option that is the preferred one (asks first).
    DeleteOption(usize),
}

/// Present values of each line, from the cached appraisal, to show beside the lines.
#[derive(Default)]
pub struct LineValues {
    pub costs: Vec<Decimal>,
    pub benefits: Vec<Decimal>,
}

/// Names the editor offers in drop-downs.
struct Names {
    partners: Vec<String>,
    grades: Vec<(String, Vec<String>)>,
    confidence: Vec<String>,
    project_types: Vec<crate::model::ProjectType>,
    unit_values: Vec<String>,
    horizon: u32,
    first_year: crate::model::FinancialYear,
    symbol: String,
    /// Productive hours in one full-time equivalent's year.
    productive_hours: Decimal,
}

impl Names {
    fn of(project: &Project) -> Self {
        Names {
            partners: project.partners.iter().map(|p| p.name.clone()).collect(),
            grades: project
                .partners
                .iter()
                .map(|p| {
                    (
                        p.name.clone(),
                        p.grades.iter().map(|g| g.name.clone()).collect(),
                    )
                })
                .collect(),
            confidence: project
                .confidence_grades
                .iter()
                .map(|g| g.grade.clone())
                .collect(),
            project_types: project.project_types.clone(),
            unit_values: project.unit_values.iter().map(|u| u.name.clone()).collect(),
            horizon: crate::appraisal::horizon(&project.settings),
            productive_hours: project.settings.staff_costing.productive_hours_per_year,
            first_year: project.settings.first_year,
            symbol: project.settings.currency_symbol.clone(),
        }
    }

    fn grades_of(&self, partner: &str) -> Vec<String> {
        self.grades
            .iter()
            .find(|(p, _)| p == partner)
            .map(|(_, g)| g.clone())
            .unwrap_or_default()
    }
}

/// Draws the analysis sections (uncertainty, fair shares) that need more than the model.
pub type Analysis<'a> = dyn FnMut(&mut Ui, &mut Project, usize, Section) -> bool + 'a;

#[allow(clippy::too_many_arguments)]
pub fn show(
    ui: &mut Ui,
    project: &mut Project,
    index: usize,
    section: &mut Section,
    diagnostics: &[Diagnostic],
    focus: Option<Location>,
    values: &LineValues,
    analysis: &mut Analysis<'_>,
) -> Outcome {
    let names = Names::of(project);
    let mut outcome = Outcome::None;
    let mut changed = false;
    let title = project.partnerships[index].name.clone();
    ui.add(egui::Label::new(RichText::new(title).size(22.0).strong()).wrap());
    ui.horizontal_wrapped(|ui| {
        for s in Section::ALL {
            ui.selectable_value(section, s, s.label());
        }
        ui.separator();
        if ui
            .button("Duplicate")
            .on_hover_text("Add a copy of this partnership")
            .clicked()
        {
            outcome = Outcome::Duplicate;
        }
        if ui
            .button("Delete…")
            .on_hover_text("Delete this partnership (asks first)")
            .clicked()
        {
            outcome = Outcome::Delete;
        }
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt(("partnership", index, section.label()))
        .show(ui, |ui| {
            ui.push_id(("partnership", index), |ui| {
                if matches!(section, Section::Uncertainty | Section::FairShares) {
                    changed |= analysis(ui, project, index, *section);
                    return;
                }
                if matches!(section, Section::Costs | Section::Benefits) {
                    changed |= paste_rows(ui, project, index, *section == Section::Costs);
                }
                // Names the partnership's own must differ from (only the register edits it).
                let others: Vec<String> = if *section == Section::Register {
                    let all = project.partnerships.iter().enumerate();
                    all.filter(|(i, _)| *i != index)
                        .map(|(_, s)| s.name.clone())
                        .collect()
                } else {
                    Vec::new()
                };
                let p = &mut project.partnerships[index];
                let cost_at = |line| Location::Cost {
                    partnership: index,
                    line,
                };
                let benefit_at = |line| Location::Benefit {
                    partnership: index,
                    line,
                };
                match section {
                    Section::Register => {
                        changed |= register(ui, p, &names, diagnostics, index, &others)
                    }
                    Section::Costs => {
                        changed |= costs(
                            ui,
                            &mut p.costs,
                            &names,
                            diagnostics,
                            &cost_at,
                            focus,
                            &values.costs,
                        )
                    }
                    Section::Benefits => {
                        changed |= benefits(
                            ui,
                            &mut p.benefits,
                            &names,
                            diagnostics,
                            &benefit_at,
                            focus,
                            &values.benefits,
                        )
                    }
                    Section::Impacts => changed |= impacts(ui, &mut p.impacts, diagnostics, index),
                    Section::SevenS => changed |= seven_s(ui, &mut p.seven_s),
                    Section::Options => {
                        let edit = options(ui, p, &names, diagnostics, index, focus);
                        match edit_option(project, index, edit) {
                            Outcome::Changed => changed = true,
                            Outcome::None => {}
                            other => outcome = other,
                        }
                    }
                    Section::Uncertainty | Section::FairShares => {}
                }
            });
        });
    match outcome {
        Outcome::None if changed => Outcome::Changed,
        other => other,
    }
}

fn register(
    ui: &mut Ui,
    p: &mut crate::model::Partnership,
    names: &Names,
    diagnostics: &[Diagnostic],
    index: usize,
    others: &[String],
) -> bool {
    let mut changed = false;
    notes(
        ui,
        diagnostics,
        Location::Partnership { partnership: index },
    );
    Grid::new("register")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            let others: Vec<&str> = others.iter().map(String::as_str).collect();
            let me = Named::Partnership(index);
            changed |= widgets::unique_name(ui, "Partnership name", &mut p.name, |t| {
                name_problem_among(&me, &others, t)
            });
            ui.end_row();
            changed |= widgets::choice(ui, "Status", &mut p.status, &Status::ALL, |s| {
                s.label().to_owned()
            });
            ui.end_row();
            changed |= widgets::choice(
                ui,
                "Funding arrangement",
                &mut p.funding,
                &FundingArrangement::ALL,
                |f| f.label().to_owned(),
            );
            ui.end_row();
        });
    changed |= widgets::paragraph(ui, "Purpose", &mut p.purpose);
    changed |= widgets::paragraph(
        ui,
        "Business as usual: what would happen without the partnership",
        &mut p.bau,
    );
    widgets::heading(ui, "Members");
    if names.partners.is_empty() {
        ui.label("Add partners first (Edit, Add partner).");
    }
    ui.horizontal_wrapped(|ui| {
        for partner in &names.partners {
            let mut member = p.members.contains(partner);
            if widgets::tick(ui, partner, &mut member) {
                if member {
                    p.members.push(partner.clone());
                } else {
                    p.members.retain(|m| m != partner);
                }
                changed = true;
            }
        }
    });
    changed
}

/// The year-profile editor: the same value each year, or a value for each year.
fn profile(ui: &mut Ui, label: &str, profile: &mut Profile, names: &Names, money: bool) -> bool {
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

fn optimism(ui: &mut Ui, value: &mut Optimism, names: &Names, is_cost: bool) -> bool {
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

/// Hours or full-time equivalents; switching converts the figures, so the line means
/// the same time as before.
fn staff_unit(ui: &mut Ui, s: &mut crate::model::StaffTime, names: &Names) -> bool {
    use crate::model::TimeUnit;
    let before = s.unit;
    let mut unit = s.unit;
    let changed = ui
        .horizontal(|ui| {
            widgets::choice(
                ui,
                "Time entered as",
                &mut unit,
                &[TimeUnit::Hours, TimeUnit::Fte],
                |u| {
                    match u {
                        TimeUnit::Hours => "Hours a year",
                        TimeUnit::Fte => "Full-time equivalents (FTE)",
                    }
                    .to_owned()
                },
            )
        })
        .inner;
    if !changed || names.productive_hours <= Decimal::ZERO {
        return false;
    }
    let convert = |v: &mut Decimal| {
        let converted = match (before, unit) {
            (TimeUnit::Hours, TimeUnit::Fte) => v.checked_div(names.productive_hours),
            (TimeUnit::Fte, TimeUnit::Hours) => v.checked_mul(names.productive_hours),
            _ => Some(*v),
        };
        *v = converted.map_or(*v, |c| c.normalize());
    };
    match &mut s.hours {
        Profile::Constant { value, .. } => convert(value),
        Profile::PerYear(values) => values.iter_mut().for_each(convert),
    }
    s.unit = unit;
    true
}

/// The line's time in the other unit, as the engine counts it.
fn staff_equivalent(s: &crate::model::StaffTime, names: &Names) -> String {
    use crate::model::TimeUnit;
    let hours = format::number(names.productive_hours, 0);
    let per = format!("one FTE is {hours} productive hours a year (Project settings)");
    let Profile::Constant { value, .. } = &s.hours else {
        return format!("Year by year; {per}.");
    };
    match s.unit {
        TimeUnit::Hours => value
            .checked_div(names.productive_hours)
            .map_or(per.clone(), |fte| {
                format!("= {} FTE a year; {per}.", format::number(fte, 2))
            }),
        TimeUnit::Fte => value
            .checked_mul(names.productive_hours)
            .map_or(per.clone(), |h| {
                format!("= {} hours a year; {per}.", format::number(h, 0))
            }),
    }
}

/// Whether a line's amounts are in real terms or cash prices.
fn prices_choice(ui: &mut Ui, prices: &mut crate::model::Prices) -> bool {
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

fn partner_and_grade(ui: &mut Ui, partner: &mut String, grade: &mut String, names: &Names) -> bool {
    let mut changed = widgets::name_choice(ui, "Partner", partner, &names.partners);
    let grades = names.grades_of(partner);
    if changed && !grades.contains(grade) {
        // A new partner brings its own rate card: take its first grade.
        *grade = grades.first().cloned().unwrap_or_default();
    }
    changed |= widgets::name_choice(ui, "Grade", grade, &grades);
    changed
}

/// A collapsible card for one line: its title red when it has errors, opened and
/// scrolled to when a diagnostic points at it, with the diagnostics at its top.
fn line_card(
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

fn opened_next_frame(ui: &Ui, location: Location) {
    ui.data_mut(|d| d.insert_temp(egui::Id::unique(NEW_LINE), location));
}

fn line_header(name: &str, pv: Option<&Decimal>, symbol: &str) -> String {
    match pv {
        Some(pv) => format!("{name}    {}", format::money_whole(*pv, symbol)),
        None => name.to_owned(),
    }
}

fn costs(
    ui: &mut Ui,
    lines: &mut Vec<CostLine>,
    names: &Names,
    diagnostics: &[Diagnostic],
    location_of: &dyn Fn(usize) -> Location,
    focus: Option<Location>,
    values: &[Decimal],
) -> bool {
    let mut changed = false;
    let mut remove = None;
    for kind in CostKind::ALL {
        widgets::heading(ui, kind.label());
        for (li, line) in lines
            .iter_mut()
            .enumerate()
            .filter(|(_, l)| l.detail.kind() == kind)
        {
            let location = location_of(li);
            let title = line_header(&line.name, values.get(li), &names.symbol);
            line_card(
                ui,
                title,
                ("cost", li),
                location,
                diagnostics,
                focus,
                |ui| {
                    Grid::new("common")
                        .num_columns(2)
                        .spacing([12.0, 6.0])
                        .show(ui, |ui| {
                            changed |= widgets::name(ui, "Description", &mut line.name);
                            ui.end_row();
                            changed |= widgets::choice(
                                ui,
                                "Cost type",
                                &mut line.cost_type,
                                &CostType::ALL,
                                |c| c.label().to_owned(),
                            );
                            ui.end_row();
                            if line.detail.has_amounts() || !line.prices.is_real() {
                                changed |= prices_choice(ui, &mut line.prices);
                                ui.end_row();
                            }
                            changed |= widgets::text(ui, "Source", &mut line.source, 360.0);
                            ui.end_row();
                        });
                    ui.horizontal_wrapped(|ui| {
                        changed |= optimism(ui, &mut line.optimism, names, true)
                    });
                    changed |= cost_detail(ui, &mut line.detail, names);
                    changed |= range(
                        ui,
                        "Range for simulation (% of the line as entered)",
                        &mut line.range,
                        Scale::Percent,
                    );
                    if widgets::remove_button(ui, "cost line") {
                        remove = Some(li);
                    }
                },
            );
        }
        let add = match kind {
            CostKind::StaffTime => "Add staff time",
            CostKind::Meetings => "Add meeting",
            CostKind::PooledFunds => "Add pooled fund",
            CostKind::Other => "Add other cost",
        };
        if ui.button(add).clicked() {
            lines.push(new_cost_line(kind, names));
            opened_next_frame(ui, location_of(lines.len() - 1));
            changed = true;
        }
    }
    if let Some(li) = remove {
        lines.remove(li);
        changed = true;
    }
    changed
}

fn new_cost_line(kind: CostKind, names: &Names) -> CostLine {
    let partner = names.partners.first().cloned().unwrap_or_default();
    let grade = names
        .grades_of(&partner)
        .first()
        .cloned()
        .unwrap_or_default();
    let horizon = names.horizon;
    let (name, cost_type, detail) = match kind {
        CostKind::StaffTime => (
            "Staff time",
            CostType::InKind,
            CostDetail::StaffTime(StaffTime {
                partner,
                grade,
                layer: Layer::Operational,
                hours: Profile::constant(Decimal::ZERO, horizon),
                unit: crate::model::TimeUnit::Hours,
            }),
        ),
        CostKind::Meetings => (
            "Board meeting",
            CostType::InKind,
            CostDetail::Meeting(Meeting {
                layer: Layer::Strategic,
                meetings: Profile::constant(Decimal::from(6), horizon),
                meeting_hours: Decimal::TWO,
                preparation_hours: Decimal::ONE,
                travel_hours: Decimal::ZERO,
                attendees: Vec::new(),
                fixed_costs: FixedCosts {
                    paid_by: partner,
                    ..FixedCosts::default()
                },
            }),
        ),
        CostKind::PooledFunds => (
            "Pooled fund",
            CostType::Revenue,
            CostDetail::PooledFund(PooledFund {
                host: partner,
                risk_share: RiskShare::ProRata,
                contributions: Vec::new(),
            }),
        ),
        CostKind::Other => (
            "Support team",
            CostType::Revenue,
            CostDetail::Other(OtherCost {
                category: OtherCategory::SupportTeam,
                partner,
                layer: None,
                amounts: Profile::constant(Decimal::ZERO, horizon),
            }),
        ),
    };
    CostLine {
        name: name.to_owned(),
        cost_type,
        optimism: Optimism::default(),
        source: String::new(),
        detail,
        range: None,
        prices: crate::model::Prices::Real,
    }
}

fn cost_detail(ui: &mut Ui, detail: &mut CostDetail, names: &Names) -> bool {
    let mut changed = false;
    match detail {
        CostDetail::StaffTime(s) => {
            ui.horizontal_wrapped(|ui| {
                changed |= partner_and_grade(ui, &mut s.partner, &mut s.grade, names);
                changed |= widgets::choice(ui, "Layer", &mut s.layer, &Layer::ALL, |l| {
                    l.label().to_owned()
                });
            });
            changed |= staff_unit(ui, s, names);
            changed |= profile(ui, s.unit.label(), &mut s.hours, names, false);
            ui.label(RichText::new(staff_equivalent(s, names)).weak());
        }
        CostDetail::Meeting(m) => {
            ui.horizontal_wrapped(|ui| {
                changed |= widgets::choice(ui, "Layer", &mut m.layer, &Layer::ALL, |l| {
                    l.label().to_owned()
                });
                changed |= widgets::amount(ui, "Meeting hours", &mut m.meeting_hours);
                changed |= widgets::amount(ui, "Preparation hours", &mut m.preparation_hours);
                changed |= widgets::amount(ui, "Travel hours", &mut m.travel_hours);
            });
            changed |= profile(ui, "Meetings a year", &mut m.meetings, names, false);
            ui.label(RichText::new("Attendees").strong());
            let mut remove = None;
            for (ai, a) in m.attendees.iter_mut().enumerate() {
                ui.push_id(("attendee", ai), |ui| {
                    ui.horizontal_wrapped(|ui| {
                        changed |= partner_and_grade(ui, &mut a.partner, &mut a.grade, names);
                        changed |= widgets::amount(ui, "Number attending", &mut a.count);
                        if widgets::remove_button(ui, "attendee") {
                            remove = Some(ai);
                        }
                    });
                });
            }
            if let Some(ai) = remove {
                m.attendees.remove(ai);
                changed = true;
            }
            if ui.button("Add attendee").clicked() {
                let partner = names.partners.first().cloned().unwrap_or_default();
                let grade = names
                    .grades_of(&partner)
                    .first()
                    .cloned()
                    .unwrap_or_default();
                m.attendees.push(Attendee {
                    partner,
                    grade,
                    count: Decimal::ONE,
                });
                changed = true;
            }
            ui.label(RichText::new("Fixed costs of each meeting").strong());
            let f = &mut m.fixed_costs;
            ui.horizontal_wrapped(|ui| {
                changed |= widgets::name_choice(ui, "Paid by", &mut f.paid_by, &names.partners);
                changed |= widgets::money(ui, "Venue", &mut f.venue);
                changed |= widgets::money(ui, "Refreshments", &mut f.refreshments);
                changed |= widgets::money(ui, "Printing", &mut f.printing);
                changed |= widgets::money(ui, "Other", &mut f.other);
            });
        }
        CostDetail::PooledFund(fund) => {
            ui.horizontal_wrapped(|ui| {
                changed |= widgets::name_choice(ui, "Host", &mut fund.host, &names.partners);
                changed |= widgets::choice(
                    ui,
                    "Over- or underspend",
                    &mut fund.risk_share,
                    &RiskShare::ALL,
                    |r| r.label().to_owned(),
                );
            });
            let mut remove = None;
            for (ci, c) in fund.contributions.iter_mut().enumerate() {
                ui.push_id(("contribution", ci), |ui| {
                    ui.group(|ui| {
                        ui.horizontal_wrapped(|ui| {
                            changed |= widgets::name_choice(
                                ui,
                                "Contributing partner",
                                &mut c.partner,
                                &names.partners,
                            );
                            if widgets::remove_button(ui, "contribution") {
                                remove = Some(ci);
                            }
                        });
                        changed |= profile(ui, "Contribution", &mut c.amounts, names, true);
                        let mut has_outturn = c.forecast_outturn.is_some();
                        if widgets::tick(
                            ui,
                            "Forecast outturn differs from the contribution",
                            &mut has_outturn,
                        ) {
                            c.forecast_outturn = has_outturn.then(|| c.amounts.clone());
                            changed = true;
                        }
                        if let Some(outturn) = &mut c.forecast_outturn {
                            changed |= profile(ui, "Forecast outturn", outturn, names, true);
                        }
                    });
                });
            }
            if let Some(ci) = remove {
                fund.contributions.remove(ci);
                changed = true;
            }
            if ui.button("Add contribution").clicked() {
                // The next partner not yet contributing (the host first), not one
                // already in the pool.
                let contributing = |n: &String| fund.contributions.iter().any(|c| &c.partner == n);
                let partner = std::iter::once(&fund.host)
                    .chain(&names.partners)
                    .find(|n| !n.is_empty() && names.partners.contains(n) && !contributing(n))
                    .cloned()
                    .unwrap_or_default();
                fund.contributions.push(Contribution {
                    partner,
                    amounts: Profile::constant(Decimal::ZERO, names.horizon),
                    forecast_outturn: None,
                });
                changed = true;
            }
        }
        CostDetail::Other(o) => {
            ui.horizontal_wrapped(|ui| {
                changed |=
                    widgets::choice(ui, "Category", &mut o.category, &OtherCategory::ALL, |c| {
                        c.label().to_owned()
                    });
                changed |= widgets::name_choice(ui, "Partner", &mut o.partner, &names.partners);
                let mut layer = o.layer;
                let all = [
                    None,
                    Some(Layer::Strategic),
                    Some(Layer::Executive),
                    Some(Layer::Operational),
                ];
                if widgets::choice(ui, "Layer", &mut layer, &all, |l| {
                    l.map_or("None".to_owned(), |l| l.label().to_owned())
                }) {
                    o.layer = layer;
                    changed = true;
                }
            });
            changed |= profile(ui, "Amount", &mut o.amounts, names, true);
        }
    }
    changed
}

fn benefits(
    ui: &mut Ui,
    lines: &mut Vec<BenefitLine>,
    names: &Names,
    diagnostics: &[Diagnostic],
    location_of: &dyn Fn(usize) -> Location,
    focus: Option<Location>,
    values: &[Decimal],
) -> bool {
    let mut changed = false;
    let mut remove = None;
    widgets::heading(ui, "Benefits");
    let partner_names: Vec<String> = std::iter::once(String::new())
        .chain(names.partners.iter().cloned())
        .collect();
    for (li, line) in lines.iter_mut().enumerate() {
        let location = location_of(li);
        let title = format!(
            "{} ({})",
            line_header(&line.name, values.get(li), &names.symbol),
            line.benefit_type.label()
        );
        line_card(
            ui,
            title,
            ("benefit", li),
            location,
            diagnostics,
            focus,
            |ui| {
                Grid::new("benefit")
                    .num_columns(2)
                    .spacing([12.0, 6.0])
                    .show(ui, |ui| {
                        changed |= widgets::name(ui, "Description", &mut line.name);
                        ui.end_row();
                        changed |= widgets::choice(
                            ui,
                            "Benefit type",
                            &mut line.benefit_type,
                            &BenefitType::ALL,
                            |b| b.label().to_owned(),
                        );
                        ui.end_row();
                        changed |= widgets::choice(
                            ui,
                            "Counts as",
                            &mut line.disbenefit,
                            &[false, true],
                            |d| {
                                if d {
                                    "A disbenefit (counts against the benefits)".to_owned()
                                } else {
                                    "A benefit".to_owned()
                                }
                            },
                        );
                        ui.end_row();
                        let mut partner = line.partner.clone().unwrap_or_default();
                        let label = if line.benefit_type == BenefitType::Fiscal {
                            "Partner whose budget it saves"
                        } else {
                            "Accrues to (optional)"
                        };
                        if widgets::name_choice(ui, label, &mut partner, &partner_names) {
                            line.partner = Some(partner).filter(|p| !p.is_empty());
                            changed = true;
                        }
                        ui.end_row();
                        if line.benefit_type == BenefitType::Fiscal {
                            changed |=
                                widgets::share(ui, "Cashable share", &mut line.cashable_share);
                            ui.end_row();
                        }
                        changed |= widgets::text(ui, "Source", &mut line.source, 360.0);
                        ui.end_row();
                    });
                ui.horizontal_wrapped(|ui| {
                    changed |= optimism(ui, &mut line.optimism, names, false)
                });
                let mut chain = matches!(line.detail, BenefitDetail::Outcome(_));
                if widgets::choice(ui, "Valued as", &mut chain, &[false, true], |c| {
                    if c {
                        "Outcome chain".to_owned()
                    } else {
                        "Amounts by year".to_owned()
                    }
                }) {
                    line.detail = if chain {
                        BenefitDetail::Outcome(new_chain(names))
                    } else {
                        BenefitDetail::Direct(Profile::constant(Decimal::ZERO, names.horizon))
                    };
                    changed = true;
                }
                if matches!(line.detail, BenefitDetail::Direct(_)) || !line.prices.is_real() {
                    Grid::new("benefit_prices").num_columns(2).show(ui, |ui| {
                        changed |= prices_choice(ui, &mut line.prices);
                    });
                }
                match &mut line.detail {
                    BenefitDetail::Direct(p) => changed |= profile(ui, "Amount", p, names, true),
                    BenefitDetail::Outcome(c) => changed |= outcome_chain(ui, c, names),
                }
                changed |= range(
                    ui,
                    "Range for simulation (% of the line as entered)",
                    &mut line.range,
                    Scale::Percent,
                );
                if widgets::remove_button(ui, "benefit line") {
                    remove = Some(li);
                }
            },
        );
    }
    if let Some(li) = remove {
        lines.remove(li);
        changed = true;
    }
    ui.horizontal_wrapped(|ui| {
        if ui.button("Add benefit (amounts by year)").clicked() {
            lines.push(new_benefit(
                BenefitDetail::Direct(Profile::constant(Decimal::ZERO, names.horizon)),
                names,
            ));
            opened_next_frame(ui, location_of(lines.len() - 1));
            changed = true;
        }
        if ui.button("Add benefit (outcome chain)").clicked() {
            lines.push(new_benefit(BenefitDetail::Outcome(new_chain(names)), names));
            opened_next_frame(ui, location_of(lines.len() - 1));
            changed = true;
        }
    });
    changed
}

fn new_benefit(detail: BenefitDetail, names: &Names) -> BenefitLine {
    BenefitLine {
        name: "New benefit".into(),
        benefit_type: BenefitType::Fiscal,
        partner: names.partners.first().cloned(),
        cashable_share: Rate::ZERO,
        optimism: Optimism::default(),
        source: String::new(),
        detail,
        range: None,
        disbenefit: false,
        prices: crate::model::Prices::Real,
    }
}

fn new_chain(names: &Names) -> OutcomeChain {
    OutcomeChain {
        cohort: Profile::constant(Decimal::ZERO, 1),
        engagement_rate: Rate(Decimal::ONE),
        success_rate: Rate(Decimal::ONE),
        unit_value: match names.unit_values.first() {
            Some(n) => UnitValueSource::Library(n.clone()),
            None => UnitValueSource::Typed {
                value: crate::model::Money::ZERO,
                price_year: names.first_year,
            },
        },
        deadweight: Rate::ZERO,
        displacement: Rate::ZERO,
        attribution: Rate::ZERO,
        lag_years: 0,
        duration_years: 1,
        drop_off: Rate::ZERO,
        ranges: Default::default(),
    }
}

fn outcome_chain(ui: &mut Ui, c: &mut OutcomeChain, names: &Names) -> bool {
    let mut changed = profile(
        ui,
        "People starting each year (cohort)",
        &mut c.cohort,
        names,
        false,
    );
    Grid::new("chain")
        .num_columns(4)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            changed |= widgets::share(ui, "Engagement rate", &mut c.engagement_rate);
            changed |= widgets::share(ui, "Success rate", &mut c.success_rate);
            ui.end_row();
            changed |= widgets::share(ui, "Deadweight", &mut c.deadweight);
            changed |= widgets::share(ui, "Displacement", &mut c.displacement);
            ui.end_row();
            changed |= widgets::share(ui, "Attribution", &mut c.attribution);
            changed |= widgets::share(ui, "Drop-off a year", &mut c.drop_off);
            ui.end_row();
            changed |= widgets::whole(
                ui,
                "Lag (years)",
                &mut c.lag_years,
                crate::appraisal::MAX_HORIZON_YEARS,
            );
            changed |= widgets::whole(
                ui,
                "Duration (years)",
                &mut c.duration_years,
                crate::appraisal::MAX_HORIZON_YEARS,
            );
            ui.end_row();
        });
    let mut from_library = matches!(c.unit_value, UnitValueSource::Library(_));
    ui.horizontal_wrapped(|ui| {
        if widgets::choice(
            ui,
            "Unit value from",
            &mut from_library,
            &[true, false],
            |l| {
                if l {
                    "The library".to_owned()
                } else {
                    "Typed here".to_owned()
                }
            },
        ) {
            c.unit_value = if from_library {
                UnitValueSource::Library(names.unit_values.first().cloned().unwrap_or_default())
            } else {
                UnitValueSource::Typed {
                    value: crate::model::Money::ZERO,
                    price_year: names.first_year,
                }
            };
            changed = true;
        }
        match &mut c.unit_value {
            UnitValueSource::Library(name) => {
                changed |= widgets::name_choice(ui, "Unit value", name, &names.unit_values)
            }
            UnitValueSource::Typed { value, price_year } => {
                changed |= widgets::money(ui, "Unit value", value);
                changed |= widgets::year(ui, "Price year", price_year);
            }
        }
    });
    CollapsingHeader::new("Ranges of the chain's inputs for simulation")
        .id_salt("chain_ranges")
        .show(ui, |ui| {
            let r = &mut c.ranges;
            changed |= range(
                ui,
                "Engagement rate (%)",
                &mut r.engagement_rate,
                Scale::Percent,
            );
            changed |= range(ui, "Success rate (%)", &mut r.success_rate, Scale::Percent);
            changed |= range(ui, "Deadweight (%)", &mut r.deadweight, Scale::Percent);
            changed |= range(ui, "Displacement (%)", &mut r.displacement, Scale::Percent);
            changed |= range(ui, "Attribution (%)", &mut r.attribution, Scale::Percent);
            changed |= range(ui, "Unit value (money)", &mut r.unit_value, Scale::Money);
        });
    changed
}

/// How a range's values are typed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scale {
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
fn range(
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

fn impacts(
    ui: &mut Ui,
    impacts: &mut Vec<Impact>,
    diagnostics: &[Diagnostic],
    index: usize,
) -> bool {
    let mut changed = false;
    widgets::heading(ui, "Non-monetised impacts");
    ui.label("Impacts without a money value are still shown beside the numbers, as the Green Book requires.");
    let mut remove = None;
    for (i, impact) in impacts.iter_mut().enumerate() {
        ui.push_id(("impact", i), |ui| {
            ui.horizontal_wrapped(|ui| {
                changed |= widgets::text(ui, "Impact", &mut impact.description, 420.0);
                changed |= widgets::choice(
                    ui,
                    "Direction",
                    &mut impact.direction,
                    &[Direction::Positive, Direction::Negative],
                    |d| d.label().to_owned(),
                );
                changed |= widgets::choice(
                    ui,
                    "Significance",
                    &mut impact.significance,
                    &Significance::ALL,
                    |s| s.label().to_owned(),
                );
                if widgets::remove_button(ui, "impact") {
                    remove = Some(i);
                }
            });
            notes(
                ui,
                diagnostics,
                Location::Impact {
                    partnership: index,
                    impact: i,
                },
            );
        });
    }
    if let Some(i) = remove {
        impacts.remove(i);
        changed = true;
    }
    if ui.button("Add impact").clicked() {
        impacts.push(Impact {
            description: "New impact".into(),
            direction: Direction::Positive,
            significance: Significance::Medium,
        });
        changed = true;
    }
    changed
}

fn seven_s(ui: &mut Ui, s: &mut crate::model::SevenS) -> bool {
    let mut changed = false;
    widgets::heading(ui, "7S self-assessment (Audit Commission 2009)");
    ui.label("Score each element from 1 (weak) to 5 (strong). SCS outcomes, staff and skills, style and synergies are the softer, transformational side; steering, systems and standards the harder, transactional side.");
    let scores: [Option<u8>; 6] = [None, Some(1), Some(2), Some(3), Some(4), Some(5)];
    for (i, element) in s.elements_mut().into_iter().enumerate() {
        ui.push_id(("seven_s", i), |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(crate::model::SevenS::LABELS[i]).strong());
                changed |= widgets::choice(ui, "Score", &mut element.score, &scores, |s| {
                    s.map_or("Not scored".into(), |v| v.to_string())
                });
                changed |= widgets::text(ui, "Note", &mut element.note, 480.0);
            });
        });
    }
    changed
}

/// What the options section did: renames and removals go through the model after.
struct OptionsEdit {
    changed: bool,
    renamed: Option<(usize, String)>,
    remove: Option<usize>,
}

/// Options against business as usual, each with its own lines.
fn options(
    ui: &mut Ui,
    p: &mut crate::model::Partnership,
    names: &Names,
    diagnostics: &[Diagnostic],
    index: usize,
    focus: Option<Location>,
) -> OptionsEdit {
    use crate::appraisal::uncertainty::CURRENT_ARRANGEMENT;
    use crate::model::{Alternative, AlternativeKind};
    let mut changed = false;
    widgets::heading(ui, "Options against business as usual");
    ui.label(
        "The partnership's own costs and benefits are the current arrangement. Each option below has its own lines; \
         results are compared side by side in Uncertainty.",
    );
    let mut choices = vec![String::new(), CURRENT_ARRANGEMENT.to_owned()];
    choices.extend(p.options.iter().map(|o| o.name.clone()));
    let mut preferred = p.preferred_option.clone().unwrap_or_default();
    ui.horizontal_wrapped(|ui| {
        if widgets::name_choice(
            ui,
            "Preferred option (blank: highest net value)",
            &mut preferred,
            &choices,
        ) {
            p.preferred_option = Some(preferred.clone()).filter(|s| !s.is_empty());
            changed = true;
        }
    });
    let mut remove = None;
    let mut renamed = None;
    let option_names: Vec<String> = p.options.iter().map(|o| o.name.clone()).collect();
    for (oi, option) in p.options.iter_mut().enumerate() {
        ui.push_id(("option", oi), |ui| {
            ui.group(|ui| {
                ui.horizontal_wrapped(|ui| {
                    let me = Named::Option {
                        partnership: index,
                        option: oi,
                    };
                    let others: Vec<&str> = (option_names.iter().enumerate())
                        .filter(|(i, _)| *i != oi)
                        .map(|(_, n)| n.as_str())
                        .collect();
                    let mut name = option.name.clone();
                    if widgets::unique_name(ui, "Option name", &mut name, |t| {
                        name_problem_among(&me, &others, t)
                    }) {
                        renamed = Some((oi, name));
                    }
                    changed |=
                        widgets::choice(ui, "Kind", &mut option.kind, &AlternativeKind::ALL, |k| {
                            k.label().to_owned()
                        });
                    if widgets::remove_button(ui, "option") {
                        remove = Some(oi);
                    }
                });
                changed |= widgets::text(ui, "Note", &mut option.note, 480.0);
                let cost_at = |line| Location::OptionCost {
                    partnership: index,
                    option: oi,
                    line,
                };
                let benefit_at = |line| Location::OptionBenefit {
                    partnership: index,
                    option: oi,
                    line,
                };
                CollapsingHeader::new(format!(
                    "Costs of '{}' ({})",
                    option.name,
                    format::count(option.costs.len(), "line", "lines")
                ))
                .id_salt("option_costs")
                .show(ui, |ui| {
                    changed |= costs(
                        ui,
                        &mut option.costs,
                        names,
                        diagnostics,
                        &cost_at,
                        focus,
                        &[],
                    )
                });
                CollapsingHeader::new(format!(
                    "Benefits of '{}' ({} lines)",
                    option.name,
                    option.benefits.len()
                ))
                .id_salt("option_benefits")
                .show(ui, |ui| {
                    changed |= benefits(
                        ui,
                        &mut option.benefits,
                        names,
                        diagnostics,
                        &benefit_at,
                        focus,
                        &[],
                    )
                });
            });
        });
    }
    ui.horizontal_wrapped(|ui| {
        for kind in [
            AlternativeKind::ScaleDown,
            AlternativeKind::Merge,
            AlternativeKind::Stop,
            AlternativeKind::Other,
        ] {
            if ui
                .button(format!("Add option: {}", kind.label().to_lowercase()))
                .clicked()
            {
                // Stop starts empty; the others start as a copy of the current lines to edit.
                let (costs, benefits) = if kind == AlternativeKind::Stop {
                    (Vec::new(), Vec::new())
                } else {
                    (p.costs.clone(), p.benefits.clone())
                };
                let taken: Vec<&str> = p.options.iter().map(|o| o.name.as_str()).collect();
                let mut name = kind.label().to_owned();
                let mut n = 2;
                while taken.contains(&name.as_str()) {
                    name = format!("{} {n}", kind.label());
                    n += 1;
                }
                p.options.push(Alternative {
                    name,
                    kind,
                    note: String::new(),
                    costs,
                    benefits,
                });
                changed = true;
            }
        }
    });
    OptionsEdit {
        changed,
        renamed,
        remove,
    }
}

/// Renames or removes an option through the model, so the preferred option follows it.
/// An option that is the preferred one is removed only once the app has asked.
fn edit_option(project: &mut Project, index: usize, edit: OptionsEdit) -> Outcome {
    use crate::model::{delete_with_references, references_to, rename};
    let mut changed = edit.changed;
    if let Some((option, new)) = edit.renamed {
        let me = Named::Option {
            partnership: index,
            option,
        };
        changed |= rename(project, &me, &new).is_ok();
    }
    if let Some(option) = edit.remove {
        let me = Named::Option {
            partnership: index,
            option,
        };
        if !references_to(project, &me).is_empty() {
            return Outcome::DeleteOption(option);
        }
        delete_with_references(project, &me);
        changed = true;
    }
    if changed {
        Outcome::Changed
    } else {
        Outcome::None
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum PasteKind {
    OtherCosts,
    StaffTime,
    Benefits,
}

impl PasteKind {
    fn columns(self) -> &'static str {
        match self {
            PasteKind::OtherCosts => {
                "Columns: name, partner, category, cost type, layer, then one amount per year."
            }
            PasteKind::StaffTime => {
                "Columns: name, partner, grade, layer, then hours in each year."
            }
            PasteKind::Benefits => {
                "Columns: name, type (fiscal, economic, social), partner, cashable share, then one amount per year."
            }
        }
    }
}

/// Rows copied from a spreadsheet, pasted into a box and added as lines. Cells that do
/// not read are listed; the rest is kept.
fn paste_rows(ui: &mut Ui, project: &mut Project, index: usize, costs: bool) -> bool {
    let mut changed = false;
    let id = ui.make_persistent_id(("paste", costs));
    CollapsingHeader::new("Paste rows from a spreadsheet")
        .id_salt(("paste_header", costs))
        .show(ui, |ui| {
            let (mut text, mut kind, mut report): (String, PasteKind, Vec<String>) =
                ui.data(|d| d.get_temp(id)).unwrap_or((
                    String::new(),
                    if costs {
                        PasteKind::OtherCosts
                    } else {
                        PasteKind::Benefits
                    },
                    Vec::new(),
                ));
            if costs {
                widgets::choice(
                    ui,
                    "Rows are",
                    &mut kind,
                    &[PasteKind::OtherCosts, PasteKind::StaffTime],
                    |k| {
                        if k == PasteKind::StaffTime {
                            "Staff time".to_owned()
                        } else {
                            "Other costs".to_owned()
                        }
                    },
                );
            }
            ui.label(kind.columns());
            let label = ui.label("Cells copied from a spreadsheet (Ctrl+V here)");
            ui.add(
                egui::TextEdit::multiline(&mut text)
                    .desired_rows(4)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            if ui.button("Add the rows").clicked() && !text.trim().is_empty() {
                let rows = crate::import::paste::parse_block(&text);
                let (added, errors) = match kind {
                    PasteKind::OtherCosts | PasteKind::StaffTime => {
                        let pasted = if kind == PasteKind::StaffTime {
                            crate::import::paste::staff_time(project, &rows)
                        } else {
                            crate::import::paste::other_costs(project, &rows)
                        };
                        let n = pasted.lines.len();
                        project.partnerships[index].costs.extend(pasted.lines);
                        (n, pasted.errors)
                    }
                    PasteKind::Benefits => {
                        let pasted = crate::import::paste::direct_benefits(project, &rows);
                        let n = pasted.lines.len();
                        project.partnerships[index].benefits.extend(pasted.lines);
                        (n, pasted.errors)
                    }
                };
                changed = added > 0;
                report =
                    std::iter::once(format!("Added {}.", format::count(added, "line", "lines")))
                        .chain(errors.iter().map(|e| e.to_string()))
                        .collect();
                if errors.is_empty() {
                    text.clear();
                }
            }
            for (i, line) in report.iter().enumerate() {
                let colour = if i == 0 {
                    ui.visuals().text_color()
                } else {
                    widgets::ERROR_COLOUR
                };
                ui.label(RichText::new(line).color(colour));
            }
            ui.data_mut(|d| d.insert_temp(id, (text, kind, report)));
        });
    changed
}
