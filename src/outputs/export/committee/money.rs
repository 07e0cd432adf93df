//! The comments of the head of financial services: the appraisal's figures, who pays
//! and who benefits, pooled funds, and the conventions. Every amount is the engine's,
//! printed by `format.rs`.

use super::sections::{Chosen, Ctx, named};
use super::{Block, TableBlock};
use crate::appraisal::{Measures, PartnerPosition};
use crate::export::WIDER_SOCIETY;
use crate::format;
use rust_decimal::Decimal;

/// The label of the net value row in each results table; the test reads it by name.
pub const NET_VALUE_ROW: &str = "Net present social value (net value)";

pub(super) fn financial(ctx: &Ctx, out: &mut Vec<Block>) {
    out.push(Block::Para(format!(
        "All amounts are in real terms at {} prices, discounted by the HM Treasury Green Book method; the conventions are stated at the end of this section.",
        ctx.project.settings.price_base_year
    )));
    if ctx.portfolio {
        out.push(Block::Table(portfolio_table(ctx)));
    }
    for c in &ctx.chosen {
        named(ctx, c, out);
        out.push(Block::Table(measures_table(ctx, &c.result.measures)));
        out.push(Block::Para(
            "Who pays and who benefits: each partner's present value of costs borne and benefits received."
                .into(),
        ));
        out.push(Block::Table(who_pays(
            ctx,
            &c.result.partners,
            c.result.wider_society,
        )));
        pools(ctx, c, out);
    }
    let mut t = TableBlock::new(&["Convention", "Used here"], 2);
    for (name, value) in crate::report::conventions(ctx.project) {
        t.row(vec![name.to_owned(), value], false);
    }
    out.push(Block::Para(
        "Conventions used for every figure in this report:".into(),
    ));
    out.push(Block::Table(t));
}

/// One row per partnership and the portfolio's total, bold.
fn portfolio_table(ctx: &Ctx) -> TableBlock {
    let mut t = TableBlock::new(
        &[
            "Partnership",
            "Present value of costs",
            "Present value of benefits",
            "Net value",
            "Benefit-cost ratio",
        ],
        1,
    );
    let row = |name: &str, m: &Measures| {
        vec![
            name.to_owned(),
            ctx.money(m.pvc),
            ctx.money(m.pvb_total),
            ctx.money(m.net_value),
            format::ratio(m.bcr),
        ]
    };
    for c in &ctx.chosen {
        t.row(row(&c.partnership.name, &c.result.measures), false);
    }
    t.row(row("Portfolio", &ctx.appraisal.portfolio.measures), true);
    t
}

fn measures_table(ctx: &Ctx, m: &Measures) -> TableBlock {
    let mut t = TableBlock::new(&["Result", "Value"], 1);
    let non_cashable = m.pvb.fiscal.checked_sub(m.pvb_cashable);
    let rows: Vec<(&str, String, bool)> = vec![
        ("Present value of costs", ctx.money(m.pvc), false),
        (
            "Present value of fiscal benefits",
            ctx.money(m.pvb.fiscal),
            false,
        ),
        ("  of which cashable", ctx.money(m.pvb_cashable), false),
        (
            "  of which non-cashable",
            non_cashable.map_or_else(|| "n/a".to_owned(), |v| ctx.money(v)),
            false,
        ),
        (
            "Present value of economic benefits",
            ctx.money(m.pvb.economic),
            false,
        ),
        (
            "Present value of social benefits",
            ctx.money(m.pvb.social),
            false,
        ),
        ("Present value of benefits", ctx.money(m.pvb_total), false),
        (NET_VALUE_ROW, ctx.money(m.net_value), true),
        ("Benefit-cost ratio", format::ratio(m.bcr), false),
        (
            "Net budget impact (fiscal benefits less costs)",
            ctx.money(m.net_budget_impact),
            false,
        ),
        (
            "Fiscal return on investment",
            format::ratio(m.fiscal_roi),
            false,
        ),
        (
            "Cashable fiscal return",
            format::ratio(m.fiscal_roi_cashable),
            false,
        ),
        (
            "Payback (Green Book, on net value)",
            format::payback(m.payback),
            false,
        ),
        (
            "Fiscal payback (fiscal benefits against costs)",
            format::payback(m.fiscal_payback),
            false,
        ),
        (
            "SROI ratio (SROI practice; not the benefit-cost ratio)",
            format::ratio(m.sroi_ratio),
            false,
        ),
    ];
    for (label, value, bold) in rows {
        t.row(vec![label.to_owned(), value], bold);
    }
    t
}

fn who_pays(ctx: &Ctx, partners: &[PartnerPosition], wider_society: Decimal) -> TableBlock {
    let mut t = TableBlock::new(
        &[
            "Partner",
            "Costs borne",
            "Fiscal benefits",
            "Of which cashable",
            "Economic and social",
            "Net to budget",
        ],
        1,
    );
    for p in partners {
        t.row(
            vec![
                p.partner.clone(),
                ctx.money(p.pv_costs),
                ctx.money(p.pv_fiscal),
                ctx.money(p.pv_cashable),
                ctx.money(p.pv_other),
                ctx.money(p.net_budget),
            ],
            false,
        );
    }
    if !wider_society.is_zero() {
        t.row(
            vec![
                WIDER_SOCIETY.to_owned(),
                "-".into(),
                "-".into(),
                "-".into(),
                ctx.money(wider_society),
                "-".into(),
            ],
            false,
        );
    }
    t
}

fn pools(ctx: &Ctx, c: &Chosen, out: &mut Vec<Block>) {
    for pool in &c.result.pools {
        out.push(Block::Para(format!(
            "Pooled fund '{}', hosted by {}: contributions {} over the horizon (undiscounted), variance {}; an over- or underspend is shared: {}.",
            pool.line,
            pool.host,
            ctx.money(pool.total_contributions),
            ctx.money(pool.total_variance),
            pool.risk_share.label().to_lowercase()
        )));
        let mut t = TableBlock::new(
            &[
                "Partner",
                "Contributed",
                "Share of the pool",
                "Variance borne",
            ],
            1,
        );
        for s in &pool.shares {
            t.row(
                vec![
                    s.partner.clone(),
                    ctx.money(s.contributed),
                    s.share.map_or_else(
                        || "n/a".to_owned(),
                        |v| format::percent(format::round(v, 4)),
                    ),
                    ctx.money(s.variance_borne),
                ],
                false,
            );
        }
        out.push(Block::Table(t));
    }
}
