//! The Benefits tab: direct amounts and outcome chains, line by line.

use super::Names;
use super::fields::{
    Scale, line_card, line_fields, line_header, opened_next_frame, optimism, prices_choice,
    profile, range,
};
use crate::appraisal::{Diagnostic, Location};
use crate::model::{
    BenefitDetail, BenefitLine, BenefitType, Optimism, OutcomeChain, Profile, Rate, UnitValueSource,
};
use crate::ui::widgets;
use eframe::egui::{CollapsingHeader, Grid, Ui};
use rust_decimal::Decimal;

pub(super) fn benefits(
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
                changed |= line_fields(ui, "benefit", &mut line.name, &mut line.source, |ui| {
                    let mut changed = widgets::choice(
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
                        changed |= widgets::share(ui, "Cashable share", &mut line.cashable_share);
                        ui.end_row();
                    }
                    changed
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
