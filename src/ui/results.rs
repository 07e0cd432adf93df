//! The results panel beside every screen, with the selected partnership's charts.
//! (The portfolio's table is the dashboard in `board/`.)

use super::charts;
use super::widgets::incomplete_mark;
use crate::appraisal::{
    AllCompleteness, Appraisal, ByType, Completeness, Measures, PartnerPosition, PartnershipResult,
};
use crate::format;
use crate::model::{FinancialYear, Project};
use eframe::egui::{self, Color32, Grid, RichText, Ui};
use rust_decimal::Decimal;

/// Vermillion (Okabe–Ito family, darkened) for negative values and errors: 4.7:1 on a
/// light background, and never the only signal (negatives are in brackets, errors named).
pub const NEGATIVE: Color32 = Color32::from_rgb(0xC2, 0x52, 0x00);

fn value_text(value: Decimal, text: String) -> RichText {
    let t = RichText::new(text);
    if value < Decimal::ZERO {
        t.color(NEGATIVE)
    } else {
        t
    }
}

/// A headline figure: a caption above a large number.
fn headline(ui: &mut Ui, caption: &str, text: RichText, hover: &str) {
    // Never broken inside a figure: one that does not fit the row goes to the next.
    ui.vertical(|ui| {
        ui.add(egui::Label::new(RichText::new(caption).small()).extend());
        ui.add(egui::Label::new(text.size(22.0).strong()).extend())
            .on_hover_text(hover);
    });
}

fn headlines(ui: &mut Ui, m: &Measures, symbol: &str) {
    ui.horizontal_wrapped(|ui| {
        headline(
            ui,
            "Net value",
            value_text(m.net_value, format::money_whole(m.net_value, symbol)),
            "Net present social value: present value of all benefits less present value of costs",
        );
        ui.add_space(12.0);
        headline(
            ui,
            "Benefit-cost ratio",
            RichText::new(format::ratio(m.bcr)),
            "PVB / PVC",
        );
        ui.add_space(12.0);
        headline(
            ui,
            "Fiscal return",
            RichText::new(format::ratio(m.fiscal_roi)),
            "Fiscal benefits / PVC",
        );
        ui.add_space(12.0);
        headline(
            ui,
            "Payback",
            RichText::new(format::payback(m.payback)),
            "When cumulative discounted net benefit reaches zero",
        );
    });
}

fn measures_grid(ui: &mut Ui, id: &str, m: &Measures, symbol: &str) {
    let money = |v: Decimal| value_text(v, format::money(v, symbol));
    Grid::new(id).num_columns(2).striped(true).show(ui, |ui| {
        let rows: [(&str, RichText); 12] = [
            ("Present value of costs (PVC)", money(m.pvc)),
            ("Fiscal benefits", money(m.pvb.fiscal)),
            ("Economic benefits", money(m.pvb.economic)),
            ("Social benefits", money(m.pvb.social)),
            ("All benefits (PVB)", money(m.pvb_total)),
            ("Net present social value", money(m.net_value)),
            ("Net budget impact", money(m.net_budget_impact)),
            (
                "Fiscal return (cashable)",
                RichText::new(format::ratio(m.fiscal_roi_cashable)),
            ),
            (
                "Public value return",
                RichText::new(format::ratio(m.public_value_roi)),
            ),
            ("Benefit-cost ratio", RichText::new(format::ratio(m.bcr))),
            (
                "Fiscal payback",
                RichText::new(format::payback(m.fiscal_payback)),
            ),
            ("SROI ratio", RichText::new(format::ratio(m.sroi_ratio))),
        ];
        for (label, value) in rows {
            let hover = match label {
                "Fiscal payback" => Some("Payback on the fiscal case: when cumulative discounted fiscal benefits less costs reach zero (HM Treasury's 2014 guidance for local partnerships)"),
                "SROI ratio" => Some("SROI practice: present value of impact, discounted from year 1, over the value of inputs, not discounted. Not the Green Book benefit-cost ratio"),
                _ => None,
            };
            let response = ui.label(label);
            if let Some(hover) = hover {
                response.on_hover_text(hover);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.label(value)
            });
            ui.end_row();
        }
    });
}

/// The columns of the who-pays table, in order.
pub const PARTNER_COLUMNS: [&str; 6] = [
    "Partner",
    "Costs borne",
    "Cashable savings",
    "Non-cashable savings",
    "Net to budget",
    "Economic and social value",
];

/// Who pays and who benefits: a row per partner, then wider society. Savings are fiscal
/// benefits to the partner's own budget; net to budget is savings less costs; economic
/// and social value received is apart from the budget, never a saving. Every figure is
/// the engine's.
pub fn partner_table(
    ui: &mut Ui,
    id: &str,
    partners: &[PartnerPosition],
    wider_society: &ByType<Decimal>,
    symbol: &str,
) {
    let money = |v: Decimal| value_text(v, format::money_whole(v, symbol));
    // Six columns are wider than the panel at laptop sizes: the table scrolls sideways
    // rather than widening the panel over the editor.
    egui::ScrollArea::horizontal().id_salt(id).show(ui, |ui| {
        Grid::new(id).num_columns(6).striped(true).show(ui, |ui| {
            for h in PARTNER_COLUMNS {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for p in partners {
                ui.label(&p.partner);
                ui.label(money(p.pv_costs));
                ui.label(money(p.pv_cashable));
                ui.label(money(p.pv_non_cashable()));
                ui.label(money(p.net_budget));
                ui.label(money(p.pv_other));
                ui.end_row();
            }
            if *wider_society != ByType::default() {
                ui.label("Wider society")
                    .on_hover_text("Benefits attributed to no partner: not a saving to any budget");
                ui.label("");
                ui.label("");
                if wider_society.fiscal.is_zero() {
                    ui.label("");
                } else {
                    ui.label(money(wider_society.fiscal))
                        .on_hover_text("Fiscal benefits that name no partner's budget");
                }
                ui.label("");
                ui.label(money(wider_society.economic_and_social()));
                ui.end_row();
            }
        });
    });
}

/// The selected partnership's charts, in a section that can be folded away.
fn partnership_charts(
    ui: &mut Ui,
    r: &PartnershipResult,
    project: &Project,
    index: usize,
    years: &[FinancialYear],
    symbol: &str,
) {
    egui::CollapsingHeader::new("Charts")
        .id_salt("results_charts")
        .default_open(true)
        .show(ui, |ui| {
            let id = format!("panel_{index}");
            let id = id.as_str();
            // One chart to a row, each in a cell of its own (so clipped to the panel).
            let right = ui.max_rect().right().min(ui.clip_rect().right());
            let mut list: Vec<charts::ChartFn<'_>> = vec![
                Box::new(|ui: &mut Ui| {
                    charts::cumulative(
                        ui,
                        id,
                        years,
                        &r.cumulative_net,
                        r.measures.payback,
                        symbol,
                        210.0,
                    );
                }),
                Box::new(|ui: &mut Ui| {
                    charts::who_pays(ui, id, &r.partners, r.wider_society, symbol, None);
                }),
                Box::new(|ui: &mut Ui| {
                    charts::cost_by_layer(ui, id, &r.cost_by_layer, symbol, 190.0);
                }),
                Box::new(|ui: &mut Ui| {
                    charts::cost_by_kind(ui, id, &r.cost_by_kind, symbol, 190.0);
                }),
                Box::new(|ui: &mut Ui| {
                    charts::benefits_by_type(ui, id, &r.measures.pvb, symbol, 190.0);
                }),
            ];
            if let Some(p) = project.partnerships.get(index) {
                list.push(Box::new(|ui: &mut Ui| {
                    charts::seven_s(ui, id, &p.seven_s, 240.0);
                }));
            }
            charts::rows(ui, right, f32::INFINITY, f32::INFINITY, list);
        });
}

/// Returns whether the mark of incomplete figures was clicked.
fn partnership_results(
    ui: &mut Ui,
    r: &PartnershipResult,
    completeness: Completeness,
    symbol: &str,
) -> bool {
    ui.heading(&r.name);
    let show_problems = incomplete_mark(ui, completeness, 15.0);
    if r.negative {
        ui.label(
            RichText::new("Costs outweigh benefits: the Audit Commission advises considering scaling down involvement.")
                .color(NEGATIVE)
                .strong(),
        );
    }
    headlines(ui, &r.measures, symbol);
    ui.separator();
    measures_grid(ui, "measures", &r.measures, symbol);
    ui.separator();
    ui.label(RichText::new("Who pays and who benefits (present values)").strong());
    partner_table(
        ui,
        "who_pays",
        &r.partners,
        &r.wider_society_by_type,
        symbol,
    );
    for pool in &r.pools {
        ui.separator();
        ui.label(RichText::new(format!("Pooled fund: {}", pool.line)).strong());
        ui.label(format!(
            "{} contributed over the horizon; {} {}; risk share: {}",
            format::money_whole(pool.total_contributions, symbol),
            if pool.total_variance < Decimal::ZERO {
                "underspend"
            } else {
                "overspend"
            },
            format::money_whole(pool.total_variance.abs(), symbol),
            pool.risk_share.label()
        ));
        Grid::new(("pool", &pool.line))
            .num_columns(4)
            .striped(true)
            .show(ui, |ui| {
                for h in ["Partner", "Contributed", "Share", "Variance borne"] {
                    ui.label(RichText::new(h).strong());
                }
                ui.end_row();
                for s in &pool.shares {
                    ui.label(&s.partner);
                    ui.label(format::money_whole(s.contributed, symbol));
                    ui.label(
                        s.share
                            .map_or_else(|| "n/a".into(), |v| format::percent(format::round(v, 4))),
                    );
                    ui.label(format::money_whole(s.variance_borne, symbol));
                    ui.end_row();
                }
            });
    }
    ui.separator();
    ui.label(RichText::new("Cost of joint working (present values)").strong());
    Grid::new("breakdowns")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            for b in r
                .cost_by_kind
                .iter()
                .chain(&r.cost_by_layer)
                .filter(|b| !b.pv.is_zero())
            {
                ui.label(&b.label);
                ui.label(format::money_whole(b.pv, symbol));
                ui.end_row();
            }
        });
    show_problems
}

/// The panel beside every screen: the selected partnership's results, or the portfolio's.
/// The results panel; returns whether the mark of incomplete figures was clicked, to
/// show the problems.
pub fn panel(
    ui: &mut Ui,
    project: &Project,
    (appraisal, completeness): (&Appraisal, &AllCompleteness),
    selected: Option<usize>,
    symbol: &str,
) -> bool {
    let mut show_problems = false;
    egui::ScrollArea::vertical()
        .id_salt("results_panel")
        .show(ui, |ui| {
            ui.add_space(6.0);
            match selected.and_then(|i| appraisal.partnerships.get(i).map(|r| (i, r))) {
                Some((i, r)) => {
                    show_problems = partnership_results(ui, r, completeness.partnership(i), symbol);
                    ui.separator();
                    partnership_charts(ui, r, project, i, &appraisal.years, symbol);
                }
                None => {
                    ui.heading("Portfolio");
                    ui.label(format::count(
                        project.partnerships.len(),
                        "partnership",
                        "partnerships",
                    ));
                    show_problems = incomplete_mark(ui, completeness.portfolio, 15.0);
                    headlines(ui, &appraisal.portfolio.measures, symbol);
                    ui.separator();
                    measures_grid(
                        ui,
                        "portfolio_measures",
                        &appraisal.portfolio.measures,
                        symbol,
                    );
                    ui.separator();
                    ui.label(RichText::new("Each partner's net exposure").strong());
                    partner_table(
                        ui,
                        "exposure",
                        &appraisal.portfolio.partners,
                        &appraisal.portfolio.wider_society_by_type,
                        symbol,
                    );
                }
            }
        });
    show_problems
}
