//! What a slide holds: its headline figures, who pays and who benefits, its chart, and
//! the portfolio's and a partnership's slides laid out from them.

use super::SlideChart;
use crate::appraisal::{Appraisal, Measures, PartnerPosition};
use crate::format;
use crate::model::{Direction, Project};
use crate::ui::board::{money_text, negative_badge};
use crate::ui::charts;
use eframe::egui::{self, Align, Layout, RichText, Ui};
use rust_decimal::Decimal;

/// A headline figure: caption, a large number, and the saved figure under a what-if.
fn figure(ui: &mut Ui, caption: &str, text: RichText, saved: Option<String>, k: f32) {
    ui.vertical(|ui| {
        ui.label(RichText::new(caption).size(18.0 * k).weak());
        ui.label(text.size(40.0 * k).strong());
        if let Some(saved) = saved {
            ui.label(
                RichText::new(format!("saved: {saved}"))
                    .size(16.0 * k)
                    .weak(),
            );
        }
    });
    ui.add_space(36.0 * k);
}

fn headlines(ui: &mut Ui, m: &Measures, base: Option<&Measures>, symbol: &str, k: f32) {
    ui.vertical(|ui| headline_figures(ui, m, base, symbol, k));
}

fn headline_figures(ui: &mut Ui, m: &Measures, base: Option<&Measures>, symbol: &str, k: f32) {
    ui.horizontal(|ui| {
        figure(
            ui,
            "Net value",
            money_text(ui, m.net_value, symbol),
            base.filter(|b| b.net_value != m.net_value)
                .map(|b| format::money_whole(b.net_value, symbol)),
            k,
        );
        figure(
            ui,
            "Benefit-cost ratio",
            RichText::new(format::ratio(m.bcr)),
            base.filter(|b| b.bcr != m.bcr)
                .map(|b| format::ratio(b.bcr)),
            k,
        );
        figure(
            ui,
            "Payback",
            RichText::new(format::payback(m.payback)),
            base.filter(|b| b.payback != m.payback)
                .map(|b| format::payback(b.payback)),
            k,
        );
    });
    // The measures beside the Green Book's, smaller: each with its convention.
    ui.label(
        RichText::new(format!(
            "Fiscal payback (fiscal benefits against costs): {}.  SROI ratio (SROI practice, not the BCR): {}.",
            format::payback(m.fiscal_payback),
            format::ratio(m.sroi_ratio)
        ))
        .size(18.0 * k)
        .weak(),
    );
    ui.add_space(12.0 * k);
}

fn chart_choice(ui: &mut Ui, chart: &mut SlideChart, choices: &[SlideChart]) {
    if !choices.contains(chart) {
        *chart = SlideChart::Payback;
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Chart").weak());
        for c in choices {
            ui.selectable_value(chart, *c, c.label());
        }
    });
}

/// One line: the value on the right, a badge before it if any, and the name in the
/// space left, cut short with "…" (the whole name on hover) rather than overflowing.
fn name_and_value(ui: &mut Ui, name: &str, value: RichText, badge: Option<f32>) {
    let height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    ui.allocate_ui_with_layout(
        egui::vec2(ui.available_width(), height),
        Layout::right_to_left(Align::Center),
        |ui| {
            ui.label(value);
            if let Some(size) = badge {
                negative_badge(ui, size);
            }
            ui.with_layout(Layout::left_to_right(Align::Center), |ui| {
                // Cut short, it shows whole on hover (egui's own tooltip).
                ui.add(egui::Label::new(name).truncate());
            });
        },
    );
}

/// A list of partners with an amount each, largest first, at most `limit` rows.
fn ranked(ui: &mut Ui, rows: &mut Vec<(String, Decimal)>, symbol: &str, limit: usize) {
    rows.retain(|(_, v)| !v.is_zero());
    rows.sort_by_key(|row| std::cmp::Reverse(row.1));
    if rows.is_empty() {
        ui.label(RichText::new("Nobody").weak());
        return;
    }
    for (name, value) in rows.iter().take(limit) {
        name_and_value(ui, name, money_text(ui, *value, symbol), None);
    }
    if rows.len() > limit {
        let rest = rows
            .iter()
            .skip(limit)
            .try_fold(Decimal::ZERO, |acc, (_, v)| acc.checked_add(*v));
        ui.label(
            RichText::new(format!(
                "and {} more{}",
                rows.len() - limit,
                rest.map(|r| format!(": {}", format::money_whole(r, symbol)))
                    .unwrap_or_default()
            ))
            .weak(),
        );
    }
}

fn who_pays_and_benefits(
    ui: &mut Ui,
    partners: &[PartnerPosition],
    wider_society: Decimal,
    symbol: &str,
    limit: usize,
) {
    ui.label(
        RichText::new("Who pays")
            .strong()
            .color(charts::negative_text(ui.visuals())),
    );
    let mut pays: Vec<(String, Decimal)> = partners
        .iter()
        .map(|p| (p.partner.clone(), p.pv_costs))
        .collect();
    ranked(ui, &mut pays, symbol, limit);
    ui.add_space(6.0);
    ui.label(
        RichText::new("Who benefits")
            .strong()
            .color(charts::benefit_text(ui.visuals())),
    );
    let mut gains: Vec<(String, Decimal)> = partners
        .iter()
        .map(|p| (p.partner.clone(), p.pv_benefits()))
        .collect();
    if !wider_society.is_zero() {
        gains.push(("Wider society".to_owned(), wider_society));
    }
    ranked(ui, &mut gains, symbol, limit);
    ui.label(
        RichText::new("Present values over the appraisal period.")
            .small()
            .weak(),
    );
}

fn chart(
    ui: &mut Ui,
    choice: SlideChart,
    shown: &Appraisal,
    slide: Option<usize>,
    project: &Project,
    height: f32,
) {
    let symbol = project.settings.currency_symbol.as_str();
    let p = &shown.portfolio;
    let result = slide.and_then(|i| shown.partnerships.get(i));
    let (cumulative, payback, partners, society, layers, kinds, pvb) = match result {
        Some(r) => (
            &r.cumulative_net,
            r.measures.payback,
            &r.partners,
            r.wider_society,
            &r.cost_by_layer,
            &r.cost_by_kind,
            &r.measures.pvb,
        ),
        None => (
            &p.cumulative_net,
            p.measures.payback,
            &p.partners,
            p.wider_society,
            &p.cost_by_layer,
            &p.cost_by_kind,
            &p.measures.pvb,
        ),
    };
    let id = format!("slide_{}", slide.map_or(0, |i| i + 1));
    let height = height.max(120.0);
    match choice {
        SlideChart::Payback => {
            charts::cumulative(ui, &id, &shown.years, cumulative, payback, symbol, height)
        }
        SlideChart::WhoPays => charts::who_pays(ui, &id, partners, society, symbol, Some(height)),
        SlideChart::JointWorking => {
            // Always side by side, each in a cell of its own.
            let right = ui.max_rect().right();
            let room = ui.available_height();
            charts::rows(
                ui,
                right,
                1.0,
                room,
                vec![
                    Box::new(|ui: &mut Ui| {
                        charts::cost_by_layer(ui, &id, layers, symbol, height);
                    }),
                    Box::new(|ui: &mut Ui| charts::cost_by_kind(ui, &id, kinds, symbol, height)),
                ],
            );
        }
        SlideChart::Benefits => charts::benefits_by_type(ui, &id, pvb, symbol, height),
        SlideChart::SevenS => match slide.and_then(|i| project.partnerships.get(i)) {
            Some(partnership) => charts::seven_s(ui, &id, &partnership.seven_s, height),
            None => {
                ui.label("The 7S profile belongs to each partnership.");
            }
        },
    }
}

/// Two columns below the headline: the chart on the left, the words on the right.
pub(in crate::ui) fn two_columns(
    ui: &mut Ui,
    left: impl FnOnce(&mut Ui),
    right: impl FnOnce(&mut Ui),
) {
    // Laid out by hand in the space left, so neither column can reach past the panel
    // (under the what-if panel, say).
    let rect = ui.available_rect_before_wrap();
    let gap = ui.spacing().item_spacing.x;
    let left_width = ((rect.width() - gap) * 0.58).max(0.0);
    let left_rect = egui::Rect::from_min_size(rect.min, egui::vec2(left_width, rect.height()));
    let right_rect = egui::Rect::from_min_max(
        egui::pos2((left_rect.right() + gap).min(rect.right()), rect.top()),
        rect.max,
    );
    let clip = ui.clip_rect();
    charts::cell(ui, left_rect.min, left_rect.size(), left);
    let mut right_ui = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(right_rect)
            .layout(Layout::top_down(Align::Min)),
    );
    right_ui.set_clip_rect(right_rect.intersect(clip));
    egui::ScrollArea::vertical()
        .id_salt("slide_words")
        .show(&mut right_ui, |ui| {
            // Clear of the scroll bar, which floats over the column's right edge.
            let bar = ui.spacing().scroll.bar_width + ui.spacing().scroll.bar_outer_margin;
            ui.set_max_width((ui.available_width() - bar).max(1.0));
            ui.spacing_mut().item_spacing.y *= 0.45;
            ui.add_space(2.0);
            right(ui);
        });
    ui.allocate_rect(rect, egui::Sense::hover());
}

pub(super) fn portfolio_slide(
    ui: &mut Ui,
    project: &Project,
    shown: &Appraisal,
    base: Option<&Appraisal>,
    choice: &mut SlideChart,
    k: f32,
) {
    let symbol = project.settings.currency_symbol.as_str();
    ui.label(RichText::new(&project.name).size(36.0 * k).strong());
    let negative = shown.partnerships.iter().filter(|r| r.negative).count();
    ui.label(
        RichText::new(format!(
            "Portfolio of {}; {} with negative net value",
            format::count(shown.partnerships.len(), "partnership", "partnerships"),
            negative
        ))
        .weak(),
    );
    ui.add_space(4.0);
    headlines(
        ui,
        &shown.portfolio.measures,
        base.map(|b| &b.portfolio.measures),
        symbol,
        k,
    );
    ui.add_space(4.0);
    two_columns(
        ui,
        |ui| {
            chart_choice(
                ui,
                choice,
                &[
                    SlideChart::Payback,
                    SlideChart::WhoPays,
                    SlideChart::JointWorking,
                    SlideChart::Benefits,
                ],
            );
            let line = ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y;
            let height = ui.available_height() - 2.0 * line - 12.0 * k;
            chart(ui, *choice, shown, None, project, height);
        },
        |ui| {
            ui.label(RichText::new("Partnerships by net value").strong());
            let limit = 6;
            let ranking = &shown.portfolio.ranking;
            let picks: Vec<usize> = if ranking.len() <= limit {
                ranking.clone()
            } else {
                ranking
                    .iter()
                    .take(limit / 2)
                    .chain(ranking.iter().skip(ranking.len() - limit / 2))
                    .copied()
                    .collect()
            };
            for (n, &i) in picks.iter().enumerate() {
                if ranking.len() > limit && n == limit / 2 {
                    ui.label(RichText::new(format!("and {} more", ranking.len() - limit)).weak());
                }
                let Some(r) = shown.partnerships.get(i) else {
                    continue;
                };
                let value = money_text(ui, r.measures.net_value, symbol);
                name_and_value(ui, &r.name, value, r.negative.then_some(15.0 * k));
            }
            ui.add_space(8.0);
            who_pays_and_benefits(
                ui,
                &shown.portfolio.partners,
                shown.portfolio.wider_society,
                symbol,
                3,
            );
            ui.add_space(8.0);
            let impacts: usize = project.partnerships.iter().map(|p| p.impacts.len()).sum();
            ui.label(RichText::new("Not in the numbers").strong());
            ui.label(format!(
                "{impacts} non-monetised impacts are recorded across the partnerships; each partnership's slide lists its own."
            ));
        },
    );
}

pub(super) fn partnership_slide(
    ui: &mut Ui,
    project: &Project,
    index: usize,
    shown: &Appraisal,
    base: Option<&Appraisal>,
    choice: &mut SlideChart,
    k: f32,
) {
    let symbol = project.settings.currency_symbol.as_str();
    let (Some(p), Some(r)) = (
        project.partnerships.get(index),
        shown.partnerships.get(index),
    ) else {
        return;
    };
    ui.label(RichText::new(&p.name).size(36.0 * k).strong());
    ui.label(
        RichText::new(format!(
            "{}  |  {}  |  {} members",
            p.status.label(),
            p.funding.label(),
            p.members.len()
        ))
        .weak(),
    );
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        headlines(
            ui,
            &r.measures,
            base.and_then(|b| b.partnerships.get(index))
                .map(|b| &b.measures),
            symbol,
            k,
        );
    });
    if r.negative {
        ui.horizontal(|ui| {
            negative_badge(ui, 18.0 * k);
            ui.label(
                RichText::new("Costs outweigh benefits: the Audit Commission advises considering scaling down involvement.")
                    .color(charts::negative_text(ui.visuals()))
                    .strong(),
            );
        });
    }
    ui.add_space(4.0);
    let columns = |ui: &mut Ui| {
        two_columns(
            ui,
            |ui| {
                chart_choice(
                    ui,
                    choice,
                    &[
                        SlideChart::Payback,
                        SlideChart::WhoPays,
                        SlideChart::JointWorking,
                        SlideChart::Benefits,
                        SlideChart::SevenS,
                    ],
                );
                let line =
                    ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y;
                let height = ui.available_height() - 2.0 * line - 12.0 * k;
                chart(ui, *choice, shown, Some(index), project, height);
            },
            |ui| {
                who_pays_and_benefits(ui, &r.partners, r.wider_society, symbol, 3);
                ui.add_space(8.0);
                ui.label(RichText::new("Not in the numbers").strong());
                if p.impacts.is_empty() {
                    ui.label(RichText::new("No non-monetised impacts recorded.").weak());
                }
                let limit = 3;
                let mut impacts: Vec<_> = p.impacts.iter().collect();
                impacts.sort_by_key(|i| std::cmp::Reverse(i.significance));
                for impact in impacts.iter().take(limit) {
                    let (word, colour) = match impact.direction {
                        Direction::Positive => ("Positive", charts::benefit_text(ui.visuals())),
                        Direction::Negative => ("Negative", charts::negative_text(ui.visuals())),
                    };
                    ui.horizontal_wrapped(|ui| {
                        ui.label(
                            RichText::new(format!(
                                "{word}, {}:",
                                impact.significance.label().to_lowercase()
                            ))
                            .color(colour)
                            .strong(),
                        );
                        ui.label(&impact.description);
                    });
                }
                if impacts.len() > limit {
                    ui.label(RichText::new(format!("and {} more", impacts.len() - limit)).weak());
                }
            },
        );
    };
    below_bau(ui, &p.bau, columns);
}

/// The slide's columns, with the business-as-usual comparison across the whole width
/// below them, given the height its text needs (at most two fifths of the slide, and
/// then scrolled): so it is never pushed off the slide by the columns, however narrow
/// they are with the what-if panel open.
fn below_bau(ui: &mut Ui, bau: &str, columns: impl FnOnce(&mut Ui)) {
    let bau = bau.trim();
    if bau.is_empty() {
        columns(ui);
        return;
    }
    let width = ui.available_width();
    let heading = RichText::new("Compared with business as usual").strong();
    let text = RichText::new(bau).small();
    let wrap = Some(egui::TextWrapMode::Wrap);
    let height = egui::WidgetText::from(heading.clone())
        .into_galley(ui, wrap, width, egui::TextStyle::Body)
        .size()
        .y
        + egui::WidgetText::from(text.clone())
            .into_galley(ui, wrap, width, egui::TextStyle::Small)
            .size()
            .y
        + 3.0 * ui.spacing().item_spacing.y;
    let rect = ui.available_rect_before_wrap();
    let height = height.min(rect.height() * 0.45);
    let gap = ui.spacing().item_spacing.y;
    let top = egui::Rect::from_min_max(
        rect.min,
        egui::pos2(rect.right(), (rect.bottom() - height - gap).max(rect.top())),
    );
    let bottom = egui::Rect::from_min_max(egui::pos2(rect.left(), top.bottom() + gap), rect.max);
    let clip = ui.clip_rect();
    let mut top_ui = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(top)
            .layout(Layout::top_down(Align::Min)),
    );
    top_ui.set_clip_rect(top.intersect(clip));
    columns(&mut top_ui);
    let mut bottom_ui = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(bottom)
            .layout(Layout::top_down(Align::Min)),
    );
    bottom_ui.set_clip_rect(bottom.intersect(clip));
    egui::ScrollArea::vertical()
        .id_salt("slide_bau")
        .show(&mut bottom_ui, |ui| {
            ui.label(heading);
            ui.add(egui::Label::new(text).wrap());
        });
    ui.allocate_rect(rect, egui::Sense::hover());
}
