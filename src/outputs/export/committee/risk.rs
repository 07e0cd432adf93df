//! Risk assessment implications: sensitivity, switching values and the Monte Carlo
//! probability, each from `appraisal::uncertainty`.

use super::sections::{Chosen, Ctx, named};
use super::{Block, TableBlock};
use crate::appraisal::uncertainty::{self, Basis};
use crate::format;
use rust_decimal::Decimal;

/// The most rows of the sensitivity and switching-value tables.
const ROWS: usize = 8;

pub(super) fn risk(ctx: &Ctx, out: &mut Vec<Block>) {
    let percent = ctx.project.settings.simulation.sensitivity.0;
    out.push(Block::Para(format!(
        "The figures rest on estimates. Sensitivity analysis moves each key input {} either way and shows net value with the input lower and higher, largest change first. A switching value is how far an input would have to change for net value to fall to zero.",
        format::percent(percent)
    )));
    for c in &ctx.chosen {
        named(ctx, c, out);
        sensitivity(ctx, c, out);
        switching(c, out);
        monte_carlo(ctx, c, out);
        if c.result.negative {
            out.push(Block::Strong(
                "Net value is negative: the Audit Commission advises partners to consider scaling down their involvement where costs outweigh benefits."
                    .into(),
            ));
        }
    }
}

fn sensitivity(ctx: &Ctx, c: &Chosen, out: &mut Vec<Block>) {
    let rows = &c.analysed.sensitivity;
    if rows.is_empty() {
        out.push(Block::Para(
            "No inputs to vary: the partnership has no lines.".into(),
        ));
        return;
    }
    let mut t = TableBlock::new(
        &[
            "Input",
            "Net value, input lower",
            "Net value, input higher",
            "Change",
        ],
        1,
    );
    for r in rows.iter().take(ROWS) {
        t.row(
            vec![
                r.label.clone(),
                ctx.money(r.low),
                ctx.money(r.high),
                ctx.money(r.change),
            ],
            false,
        );
    }
    out.push(Block::Table(t));
}

fn switching(c: &Chosen, out: &mut Vec<Block>) {
    let mut values = c.analysed.switching.clone();
    if values.is_empty() {
        return;
    }
    // The inputs nearest to turning the result come first; those that never do last.
    values.sort_by_key(|v| v.change(Basis::NetValue).map_or(Decimal::MAX, |d| d.abs()));
    let mut t = TableBlock::new(
        &[
            "Input",
            crate::report::SWITCH_NET_VALUE,
            crate::report::SWITCH_FISCAL,
        ],
        1,
    );
    for v in values.iter().take(ROWS) {
        t.row(
            vec![
                v.label.clone(),
                crate::report::switching_change(v.change(Basis::NetValue)),
                crate::report::switching_change(v.change(Basis::FiscalReturn)),
            ],
            false,
        );
    }
    out.push(Block::Table(t));
}

fn monte_carlo(ctx: &Ctx, c: &Chosen, out: &mut Vec<Block>) {
    match &c.simulation {
        Some(sim) if !sim.nothing_varies() => out.push(Block::Para(format!(
            "Monte Carlo simulation (seed {}): {}. Net value: mean {}, P10 {}, P50 {}, P90 {}.",
            sim.seed,
            crate::report::simulation_summary(sim),
            ctx.money(sim.mean),
            ctx.money(sim.p10),
            ctx.money(sim.p50),
            ctx.money(sim.p90),
        ))),
        _ => out.push(Block::Para(format!(
            "{}. The probability that benefits exceed costs is not estimated.",
            uncertainty::NOTHING_TO_SIMULATE
        ))),
    }
}
