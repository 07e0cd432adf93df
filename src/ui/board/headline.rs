//! The top of the dashboard: the conventions line under the heading and the
//! portfolio's headline figures.

use super::{charts, money_text};
use crate::appraisal::portfolio::Headline;
use crate::format;
use crate::model::Project;
use crate::report::Conventions;
use eframe::egui::{RichText, TextStyle, TextWrapMode, Ui, WidgetText};

/// "4 partnerships. Present values in 2026/27 prices (real terms); …; optimism bias
/// applied line by line (12 lines adjusted)."
pub(super) fn conventions_line(project: &Project) -> String {
    let c = Conventions::of(project);
    format!(
        "{}. Present values in {}; {}; {}; optimism bias {}.",
        format::count(project.partnerships.len(), "partnership", "partnerships"),
        c.price_base_year,
        c.discounting,
        c.years,
        c.optimism_bias.applied
    )
}

/// The portfolio's headline figures, in a row that wraps.
pub(super) fn headlines(ui: &mut Ui, m: &Headline, symbol: &str) {
    let negative = m.negative;
    ui.horizontal_wrapped(|ui| {
        let figure = |ui: &mut Ui, caption: &str, text: RichText, hover: &str| {
            let caption = RichText::new(caption).small();
            let value = text.size(22.0).strong();
            // Each figure stays whole: one that the row has no room left for starts the
            // next row, rather than standing a letter to a line in what room is left.
            let width = [caption.clone(), value.clone()]
                .map(|t| {
                    WidgetText::from(t)
                        .into_galley(ui, Some(TextWrapMode::Extend), f32::INFINITY, TextStyle::Body)
                        .size()
                        .x
                })
                .into_iter()
                .fold(0.0, f32::max);
            if ui.available_size_before_wrap().x < width {
                ui.end_row();
            }
            ui.vertical(|ui| {
                ui.set_min_width(width);
                ui.label(caption);
                ui.label(value).on_hover_text(hover);
            });
            ui.add_space(14.0);
        };
        figure(
            ui,
            "Portfolio net value",
            money_text(ui, m.net_value, symbol),
            "Net present social value of all partnerships: PVB less PVC",
        );
        figure(
            ui,
            "Benefit-cost ratio",
            RichText::new(format::ratio(m.bcr)),
            "PVB / PVC across the portfolio",
        );
        figure(
            ui,
            "Costs (PVC)",
            RichText::new(format::money_whole(m.pvc, symbol)),
            "Present value of costs after optimism bias",
        );
        figure(
            ui,
            "Benefits (PVB)",
            RichText::new(format::money_whole(m.pvb, symbol)),
            "Present value of fiscal, economic and social benefits",
        );
        figure(
            ui,
            "Payback",
            RichText::new(format::payback(m.payback)),
            "When the portfolio's cumulative discounted net value reaches zero",
        );
        figure(
            ui,
            "Fiscal payback",
            RichText::new(format::payback(m.fiscal_payback)),
            "Payback on the fiscal case: when cumulative discounted fiscal benefits less costs reach zero (HM Treasury's 2014 guidance for local partnerships)",
        );
        figure(
            ui,
            "SROI ratio",
            RichText::new(format::ratio(m.sroi_ratio)),
            "SROI practice: present value of impact, discounted from year 1, over inputs not discounted. Not the benefit-cost ratio",
        );
        let text = RichText::new(format!("{negative}"));
        let text = if negative > 0 {
            text.color(charts::negative_text(ui.visuals()))
        } else {
            text
        };
        figure(
            ui,
            "With negative net value",
            text,
            "Partnerships whose costs outweigh their benefits: consider scaling down",
        );
    });
}
