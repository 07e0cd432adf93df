//! The Actuals tab: what each cost and benefit line actually cost or delivered in a year,
//! typed beside its plan; the variance, and the baseline, current forecast and
//! re-forecast side by side, with the plan-against-actual chart.
//!
//! The appraisal's figures never read actuals: they stay the forecast. What is shown
//! here comes from `appraisal::actuals`, computed from the results already in hand.

use crate::appraisal::actuals::{Against, LineSide, PartnershipActuals};
use crate::appraisal::{Diagnostic, Measures};
use crate::format;
use crate::model::{BenefitActual, CostActual, FinancialYear, Money, Partnership, Prices};
use crate::ui::widgets;
use eframe::egui::{self, RichText, Ui};
use rust_decimal::Decimal;

/// What the tab shows besides the model: the partnership's actuals against plan, and
/// the problems found computing them.
pub struct Shown {
    pub actuals: PartnershipActuals,
    pub diagnostics: Vec<Diagnostic>,
}

/// The tab. Returns true when an actual changed.
pub(super) fn actuals(
    ui: &mut Ui,
    p: &mut Partnership,
    first_year: FinancialYear,
    horizon: u32,
    symbol: &str,
    shown: Option<&Shown>,
) -> bool {
    let mut changed = false;
    widgets::heading(ui, "Actuals");
    ui.label(
        "What each line actually cost or delivered, year by year. The appraisal's figures \
         stay the forecast; the re-forecast below takes these actuals for the years that \
         have passed (up to the latest year with an actual) and the forecast after.",
    );
    if let Some(s) = shown {
        let against = match &s.actuals.against {
            Against::Baseline(_) => format!("Variance {}.", s.actuals.against.label()),
            Against::CurrentForecast => "No baseline holds this partnership: variance is \
                 against the current forecast. Set one with File › Set as baseline…"
                .to_owned(),
        };
        ui.label(RichText::new(against).strong());
    }

    // The year being entered.
    let id = ui.scope_id().with("actuals year");
    let mut year: FinancialYear = ui.data(|d| d.get_temp(id)).unwrap_or(first_year);
    let years: Vec<FinancialYear> = (0..horizon.max(1)).map(|t| first_year.plus(t)).collect();
    if !years.contains(&year) {
        year = first_year;
    }
    ui.horizontal(|ui| {
        widgets::choice(ui, "Year", &mut year, &years, |y| y.to_string());
    });
    ui.data_mut(|d| d.insert_temp(id, year));

    let plan_of = |side: LineSide, line: &str| -> (Decimal, Option<Decimal>) {
        let Some(s) = shown else {
            return (Decimal::ZERO, None);
        };
        let t = usize::try_from(i64::from(year.0) - i64::from(first_year.0)).unwrap_or(0);
        let mut plan = Decimal::ZERO;
        let mut variance = None;
        for l in s
            .actuals
            .lines
            .iter()
            .filter(|l| l.side == side && l.line == line)
        {
            plan = plan.saturating_add(l.plan_by_year.get(t).copied().unwrap_or_default());
            for y in l.years.iter().filter(|y| y.year == year) {
                if let Some(v) = y.variance {
                    variance = Some(variance.unwrap_or(Decimal::ZERO).saturating_add(v));
                }
            }
        }
        (plan, variance)
    };

    let cost_names: Vec<String> = p.costs.iter().map(|c| c.name.clone()).collect();
    let benefit_names: Vec<String> = p.benefits.iter().map(|b| b.name.clone()).collect();
    for (side, names, title) in [
        (LineSide::Cost, &cost_names, "Costs"),
        (LineSide::Benefit, &benefit_names, "Benefits measured"),
    ] {
        ui.add_space(6.0);
        ui.label(RichText::new(format!("{title}, {year}")).strong());
        if names.is_empty() {
            ui.label("No lines.");
            continue;
        }
        for (k, name) in names.iter().enumerate() {
            // One row a line, wrapping on a narrow window rather than running off it.
            ui.push_id((side == LineSide::Cost, k), |ui| {
                ui.horizontal_wrapped(|ui| {
                    changed |= actual_row(ui, p, side, name, year);
                    let (plan, variance) = plan_of(side, name);
                    ui.label(format!("Plan {}", format::money(plan, symbol)))
                        .on_hover_text("The baseline's figure for the year (or the current forecast's without a baseline), real terms; the variance shows once an actual is entered");
                    if let Some(v) = variance {
                        ui.label(format!("Variance {}", format::money(v, symbol)));
                    }
                });
                if side == LineSide::Cost {
                    let partners = partners_of(shown, name);
                    if partners.len() > 1 {
                        changed |= partner_split(ui, p, name, year, &partners);
                    }
                }
            });
        }
    }

    changed |= orphans(ui, p, symbol);

    if let Some(s) = shown {
        ui.add_space(8.0);
        comparison(ui, &s.actuals, symbol);
        for d in &s.diagnostics {
            let colour = if d.is_error() {
                widgets::error_colour(ui.visuals())
            } else {
                egui::Color32::from_rgb(0x9A, 0x6A, 0x00)
            };
            ui.label(RichText::new(format!("{}: {}", d.field, d.message)).color(colour));
        }
        let plan = match s.actuals.against {
            Against::Baseline(_) => "Baseline",
            Against::CurrentForecast => "Current forecast",
        };
        ui.add_space(6.0);
        crate::ui::charts::plan_against_actual(
            ui,
            &s.actuals.name,
            &s.actuals.years,
            plan,
            symbol,
            260.0,
        );
    }
    changed
}

/// Actuals naming a line the partnership no longer has (removed or renamed elsewhere):
/// listed with what they hold, each with a button to remove it, so an actual left out of
/// the re-forecast can always be seen and dealt with here. Returns true when one was
/// removed.
fn orphans(ui: &mut Ui, p: &mut Partnership, symbol: &str) -> bool {
    let costs: Vec<usize> = (0..p.actuals.costs.len())
        .filter(|&i| !p.costs.iter().any(|c| c.name == p.actuals.costs[i].line))
        .collect();
    let benefits: Vec<usize> = (0..p.actuals.benefits.len())
        .filter(|&i| {
            !p.benefits
                .iter()
                .any(|b| b.name == p.actuals.benefits[i].line)
        })
        .collect();
    if costs.is_empty() && benefits.is_empty() {
        return false;
    }
    ui.add_space(6.0);
    ui.label(
        RichText::new("Actuals of lines this partnership no longer has")
            .strong()
            .color(widgets::error_colour(ui.visuals())),
    );
    ui.label(
        "Left out of the re-forecast. Rename a line back to keep one, or remove it here \
         (Ctrl+Z undoes it).",
    );
    let mut remove: Option<(bool, usize)> = None;
    let rows = costs
        .iter()
        .map(|&i| {
            (
                true,
                i,
                &p.actuals.costs[i].line,
                p.actuals.costs[i].year,
                p.actuals.costs[i].amount,
            )
        })
        .chain(benefits.iter().map(|&i| {
            let a = &p.actuals.benefits[i];
            (false, i, &a.line, a.year, a.amount)
        }));
    for (cost, i, line, year, amount) in rows {
        ui.push_id(("orphan", cost, i), |ui| {
            ui.horizontal_wrapped(|ui| {
                let kind = if cost { "Cost" } else { "Benefit" };
                ui.label(format!(
                    "{kind} \"{line}\", {year}: {}",
                    format::money(amount.0, symbol)
                ));
                if widgets::remove_button(ui, "actual") {
                    remove = Some((cost, i));
                }
            });
        });
    }
    match remove {
        Some((true, i)) => {
            p.actuals.costs.remove(i);
            true
        }
        Some((false, i)) => {
            p.actuals.benefits.remove(i);
            true
        }
        None => false,
    }
}

/// One line's actual for `year`: the amount (empty for none) and its prices.
fn actual_row(
    ui: &mut Ui,
    p: &mut Partnership,
    side: LineSide,
    name: &str,
    year: FinancialYear,
) -> bool {
    let (mut amount, mut prices) = match side {
        LineSide::Cost => p
            .actuals
            .cost(name, year)
            .map_or((None, Prices::Real), |a| (Some(a.amount), a.prices)),
        LineSide::Benefit => p
            .actuals
            .benefit(name, year)
            .map_or((None, Prices::Real), |a| (Some(a.amount), a.prices)),
    };
    let mut changed = false;
    {
        changed |= widgets::committed_field(
            ui,
            name,
            110.0,
            &mut amount,
            |v| v.map(|m| format::number(m.0, 2)).unwrap_or_default(),
            parse_actual,
        );
        if amount.is_some() {
            changed |= widgets::choice(
                ui,
                "Prices",
                &mut prices,
                &[Prices::Real, Prices::Cash],
                |p| match p {
                    Prices::Real => "Real".to_owned(),
                    Prices::Cash => "Cash (deflated)".to_owned(),
                },
            );
        }
    }
    if changed {
        set_actual(p, side, name, year, amount, prices);
    }
    changed
}

/// The partners a cost line falls on, as the forecast has them.
fn partners_of(shown: Option<&Shown>, line: &str) -> Vec<String> {
    shown.map_or_else(Vec::new, |s| {
        s.actuals
            .lines
            .iter()
            .filter(|l| l.side == LineSide::Cost && l.line == line)
            .map(|l| l.partner.clone())
            .collect()
    })
}

/// Each partner's part of a cost line's actual, where the cost falls on several (a
/// pooled fund, a meeting). Without parts, the whole falls on them as the forecast shares it.
fn partner_split(
    ui: &mut Ui,
    p: &mut Partnership,
    name: &str,
    year: FinancialYear,
    partners: &[String],
) -> bool {
    let mut changed = false;
    egui::CollapsingHeader::new("Each partner's part")
        .id_salt(("split", name))
        .show(ui, |ui| {
            ui.label(
                "Optional: what each partner bore. The actual is then their sum; without \
                 parts it falls on the partners as the forecast shares it that year.",
            );
            for partner in partners {
                let mut part = p.actuals.cost(name, year).and_then(|a| {
                    a.by_partner
                        .iter()
                        .find(|b| &b.partner == partner)
                        .map(|b| b.amount)
                });
                ui.horizontal_wrapped(|ui| {
                    if widgets::committed_field(
                        ui,
                        &format!("{partner}'s part"),
                        110.0,
                        &mut part,
                        |v| v.map(|m| format::number(m.0, 2)).unwrap_or_default(),
                        parse_actual,
                    ) {
                        set_partner_part(p, name, year, partner, part);
                        changed = true;
                    }
                });
            }
        });
    changed
}

/// An actual as typed: empty for none, otherwise money, zero or more.
fn parse_actual(t: &str) -> Result<Option<Money>, String> {
    if t.trim().is_empty() {
        return Ok(None);
    }
    let v = format::parse_number(t, 2).map_err(|e| e.to_string())?;
    if v < Decimal::ZERO {
        Err("enter zero or more".to_owned())
    } else {
        Ok(Some(Money(v)))
    }
}

/// Sets or removes one partner's part of a cost line's actual for a year; the actual is
/// then the sum of the parts (it is created, in real prices, if there was none).
pub(crate) fn set_partner_part(
    p: &mut Partnership,
    name: &str,
    year: FinancialYear,
    partner: &str,
    part: Option<Money>,
) {
    let at = match p
        .actuals
        .costs
        .iter()
        .position(|a| a.line == name && a.year == year)
    {
        Some(i) => i,
        None if part.is_none() => return,
        None => {
            p.actuals.costs.push(CostActual {
                line: name.to_owned(),
                year,
                prices: Prices::Real,
                amount: Money(Decimal::ZERO),
                by_partner: Vec::new(),
            });
            p.actuals.costs.len() - 1
        }
    };
    let actual = &mut p.actuals.costs[at];
    let existing = actual.by_partner.iter().position(|b| b.partner == partner);
    match (existing, part) {
        (Some(k), Some(m)) => actual.by_partner[k].amount = m,
        (Some(k), None) => {
            actual.by_partner.remove(k);
        }
        (None, Some(m)) => actual.by_partner.push(crate::model::PartnerAmount {
            partner: partner.to_owned(),
            amount: m,
        }),
        (None, None) => {}
    }
    if !actual.by_partner.is_empty() {
        let total = actual
            .by_partner
            .iter()
            .try_fold(Decimal::ZERO, |t, b| t.checked_add(b.amount.0));
        // Parts are each at most the input limit, so their sum fits; if it ever did not,
        // the parts are kept and the engine reports that they do not add up.
        if let Some(total) = total {
            actual.amount = Money(total);
        }
    }
}

/// Sets, changes or removes (with `None`) one line's actual for a year.
pub(crate) fn set_actual(
    p: &mut Partnership,
    side: LineSide,
    name: &str,
    year: FinancialYear,
    amount: Option<Money>,
    prices: Prices,
) {
    match side {
        LineSide::Cost => {
            let at = p
                .actuals
                .costs
                .iter()
                .position(|a| a.line == name && a.year == year);
            match (at, amount) {
                (Some(i), Some(m)) => {
                    p.actuals.costs[i].amount = m;
                    p.actuals.costs[i].prices = prices;
                }
                (Some(i), None) => {
                    p.actuals.costs.remove(i);
                }
                (None, Some(m)) => p.actuals.costs.push(CostActual {
                    line: name.to_owned(),
                    year,
                    prices,
                    amount: m,
                    by_partner: Vec::new(),
                }),
                (None, None) => {}
            }
        }
        LineSide::Benefit => {
            let at = p
                .actuals
                .benefits
                .iter()
                .position(|a| a.line == name && a.year == year);
            match (at, amount) {
                (Some(i), Some(m)) => {
                    p.actuals.benefits[i].amount = m;
                    p.actuals.benefits[i].prices = prices;
                }
                (Some(i), None) => {
                    p.actuals.benefits.remove(i);
                }
                (None, Some(m)) => p.actuals.benefits.push(BenefitActual {
                    line: name.to_owned(),
                    year,
                    prices,
                    amount: m,
                    outcomes: None,
                }),
                (None, None) => {}
            }
        }
    }
}

/// Baseline, current forecast and re-forecast side by side.
fn comparison(ui: &mut Ui, a: &PartnershipActuals, symbol: &str) {
    ui.label(RichText::new("Baseline, forecast and re-forecast (present values)").strong());
    if !a.is_complete() {
        ui.label(
            RichText::new(
                "Incomplete: an actual or a line is left out of the re-forecast (see below)",
            )
            .color(widgets::error_colour(ui.visuals())),
        );
    }
    if a.deflated > 0 {
        ui.label(format!(
            "{} in cash prices deflated to the price base year with the project's deflators.",
            format::count(a.deflated, "actual", "actuals")
        ));
    }
    let money = |v: Decimal| format::money_whole(v, symbol);
    egui::Grid::new(("three views", &a.name))
        .num_columns(4)
        .striped(true)
        .show(ui, |ui| {
            ui.label("");
            ui.label(RichText::new("Baseline").strong());
            ui.label(RichText::new("Current forecast").strong());
            ui.label(RichText::new("Re-forecast").strong());
            ui.end_row();
            let line = |ui: &mut Ui, label: &str, f: &dyn Fn(&Measures) -> String| {
                ui.label(label);
                ui.label(a.baseline.as_ref().map_or_else(|| "none set".to_owned(), f));
                ui.label(f(&a.forecast));
                ui.label(f(&a.reforecast));
                ui.end_row();
            };
            line(ui, "Costs", &|m| money(m.pvc));
            line(ui, "Benefits", &|m| money(m.pvb_total));
            line(ui, "Net value", &|m| money(m.net_value));
            line(ui, "Benefit–cost ratio", &|m| format::ratio(m.bcr));
        });
    ui.label(format!(
        "Variance over the passed years: costs {}, benefits {}.",
        format::money(a.total_variance(LineSide::Cost), symbol),
        format::money(a.total_variance(LineSide::Benefit), symbol)
    ));
    if !a.partners.is_empty() {
        egui::Grid::new(("partner views", &a.name))
            .num_columns(4)
            .striped(true)
            .show(ui, |ui| {
                ui.label(RichText::new("Net value to").strong());
                ui.label(RichText::new("Baseline").strong());
                ui.label(RichText::new("Current forecast").strong());
                ui.label(RichText::new("Re-forecast").strong());
                ui.end_row();
                for r in &a.partners {
                    ui.label(&r.partner);
                    ui.label(
                        r.baseline
                            .as_ref()
                            .map_or_else(|| "—".to_owned(), |b| money(b.net_value)),
                    );
                    ui.label(money(r.forecast.net_value));
                    ui.label(money(r.reforecast.net_value));
                    ui.end_row();
                }
            });
    }
}

/// After an edit on the Costs (`costs`) or Benefits tab: a line renamed in place takes
/// its actuals with it. Only a rename is followed (the same number of lines, one name
/// changed at its position, the new name not already taken by actuals); anything else
/// leaves the actuals as they are, and one naming no line is reported, never dropped.
pub(super) fn follow_renames<'a>(
    actuals: &mut crate::model::Actuals,
    costs: bool,
    before: &[String],
    after: impl Iterator<Item = &'a str>,
) {
    let after: Vec<&str> = after.collect();
    if after.len() != before.len() {
        return;
    }
    let renamed: Vec<(&str, &str)> = before
        .iter()
        .zip(&after)
        .filter(|(old, new)| old.as_str() != **new)
        .map(|(old, new)| (old.as_str(), *new))
        .collect();
    let [(old, new)] = renamed[..] else {
        return;
    };
    let lines: Vec<&mut String> = if costs {
        actuals.costs.iter_mut().map(|a| &mut a.line).collect()
    } else {
        actuals.benefits.iter_mut().map(|a| &mut a.line).collect()
    };
    if lines.iter().any(|l| l.as_str() == new) {
        return;
    }
    for line in lines {
        if line.as_str() == old {
            *line = new.to_owned();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Actuals;

    fn cost(line: &str) -> CostActual {
        CostActual {
            line: line.into(),
            year: FinancialYear(2026),
            prices: Prices::Real,
            amount: Money(Decimal::ONE),
            by_partner: Vec::new(),
        }
    }

    #[test]
    fn partners_parts_make_up_the_actual_and_removing_them_all_keeps_the_whole() {
        let mut p = Partnership::new("Pool");
        let year = FinancialYear(2026);
        set_partner_part(
            &mut p,
            "Pool",
            year,
            "Council",
            Some(Money(Decimal::from(500))),
        );
        set_partner_part(&mut p, "Pool", year, "NHS", Some(Money(Decimal::from(400))));
        let a = p.actuals.cost("Pool", year).unwrap();
        assert_eq!(a.amount, Money(Decimal::from(900)));
        assert_eq!(a.by_partner.len(), 2);
        set_partner_part(&mut p, "Pool", year, "NHS", None);
        assert_eq!(
            p.actuals.cost("Pool", year).unwrap().amount,
            Money(Decimal::from(500))
        );
        set_partner_part(&mut p, "Pool", year, "Council", None);
        let a = p.actuals.cost("Pool", year).unwrap();
        assert!(a.by_partner.is_empty());
        assert_eq!(a.amount, Money(Decimal::from(500)));
    }

    #[test]
    fn a_line_renamed_takes_its_actuals_and_nothing_else_moves_them() {
        let mut a = Actuals {
            costs: vec![cost("Officer"), cost("Pool")],
            benefits: Vec::new(),
        };
        let before = ["Officer".to_owned(), "Pool".to_owned()];
        follow_renames(
            &mut a,
            true,
            &before,
            ["Support officer", "Pool"].into_iter(),
        );
        assert_eq!(a.costs[0].line, "Support officer");
        assert_eq!(a.costs[1].line, "Pool");
        // A line deleted (fewer lines) moves nothing: its actuals are reported instead.
        let before = ["Support officer".to_owned(), "Pool".to_owned()];
        follow_renames(&mut a, true, &before, ["Pool"].into_iter());
        assert_eq!(a.costs[0].line, "Support officer");
        // A benefit renamed does not move a cost's actuals.
        follow_renames(&mut a, false, &before, ["Officer", "Pool"].into_iter());
        assert_eq!(a.costs[0].line, "Support officer");
    }
}
