//! The Costs tab: staff time, meetings, pooled funds and other costs, line by line.

use super::Names;
use super::fields::{
    Scale, line_card, line_fields, line_header, opened_next_frame, optimism, partner_and_grade,
    prices_choice, profile, range,
};
use crate::appraisal::{Diagnostic, Location};
use crate::format;
use crate::model::{
    Attendee, Contribution, CostDetail, CostKind, CostLine, CostType, FixedCosts, Layer, Meeting,
    Optimism, OtherCategory, OtherCost, PooledFund, Profile, RiskShare, StaffTime,
};
use crate::ui::widgets;
use eframe::egui::{RichText, Ui};
use rust_decimal::Decimal;

pub(super) fn costs(
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
                    changed |= line_fields(ui, "common", &mut line.name, &mut line.source, |ui| {
                        let mut changed = widgets::choice(
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
                        changed
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
