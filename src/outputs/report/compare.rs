//! `compare OLD NEW`: what changed between two versions of a project and what each change
//! did to net value, as a table for people and as JSON.
//!
//! Money is rounded to pence. A change's shares are rounded so that they add up to the
//! rounded change (the largest remainders take the odd penny), so a board never sees
//! parts that do not add up to their whole.

use super::json::CompletenessReport;
use crate::appraisal::compare::{Comparison, InputChange, PartnershipChange, Share, Step};
use crate::format::{self, round};
use rust_decimal::Decimal;
use serde::Serialize;

/// `shares` rounded to pence so that they add up to `total` rounded to pence.
pub fn rounded_shares(total: Decimal, shares: &[Share]) -> Vec<Decimal> {
    let mut rounded: Vec<Decimal> = shares.iter().map(|s| round(s.amount, 2)).collect();
    let penny = Decimal::new(1, 2);
    let mut gap = round(total, 2) - rounded.iter().copied().sum::<Decimal>();
    // Largest remainder first: the shares rounding took furthest the other way from the gap.
    let residual = |i: usize| shares[i].amount - rounded[i];
    let mut order: Vec<usize> = (0..shares.len()).collect();
    if gap > Decimal::ZERO {
        order.sort_by_key(|&i| std::cmp::Reverse(residual(i)));
    } else {
        order.sort_by_key(|&i| residual(i));
    }
    let mut at = 0;
    while !gap.is_zero() && !order.is_empty() && at < order.len() * 4 {
        let i = order[at % order.len()];
        let step = if gap > Decimal::ZERO { penny } else { -penny };
        rounded[i] += step;
        gap -= step;
        at += 1;
    }
    rounded
}

/// "rose £1,200.00, from £10,000.00 to £11,200.00"; "no change"; an absent side reads
/// "none". In words, not arrows, so that every font the window may have can draw it.
pub fn movement(
    before: Option<Decimal>,
    after: Option<Decimal>,
    change: Decimal,
    symbol: &str,
) -> String {
    let side = |v: Option<Decimal>| {
        v.map_or_else(|| "none".to_owned(), |v| format::money(round(v, 2), symbol))
    };
    let words = change_in_words(change, symbol);
    if round(change, 2).is_zero() {
        format!("{words}, {}", side(after))
    } else {
        format!("{words}, from {} to {}", side(before), side(after))
    }
}

/// "rose £1,200.00", "fell £210,000.00" or "no change".
pub fn change_in_words(change: Decimal, symbol: &str) -> String {
    let change = round(change, 2);
    if change.is_zero() {
        "no change".to_owned()
    } else if change > Decimal::ZERO {
        format!("rose {}", format::money(change, symbol))
    } else {
        format!("fell {}", format::money(-change, symbol))
    }
}

fn share_lines(out: &mut String, indent: &str, total: Decimal, shares: &[Share], symbol: &str) {
    let rounded = rounded_shares(total, shares);
    let width = shares.iter().map(|s| s.label.len()).max().unwrap_or(0);
    for (s, amount) in shares.iter().zip(rounded) {
        out.push_str(&format!(
            "{indent}{:<width$}  {:>16}\n",
            s.label,
            format::money(amount, symbol)
        ));
    }
}

fn incomplete(c: &PartnershipChange) -> Option<String> {
    let marks: Vec<String> = [
        ("old", &c.before_completeness),
        ("new", &c.after_completeness),
    ]
    .iter()
    .filter_map(|(side, c)| c.summary().map(|s| format!("{side}: {s}")))
    .collect();
    (!marks.is_empty()).then(|| format!("INCOMPLETE ({})", marks.join("; ")))
}

/// What each version's figures leave out, named as `old` and `new` name them: "the old
/// version: 1 error; the new version: 2 lines left out"; `None` when both are complete.
pub fn incompleteness(c: &Comparison, old: &str, new: &str) -> Option<String> {
    let sides: Vec<String> = [(old, &c.before_completeness), (new, &c.after_completeness)]
        .iter()
        .filter_map(|(side, x)| x.summary().map(|s| format!("{side}: {s}")))
        .collect();
    (!sides.is_empty()).then(|| sides.join("; "))
}

/// The comparison for people: what changed, the portfolio's net value and its change by
/// step, then each partnership that moved.
pub fn comparison_table(c: &Comparison, old: &str, new: &str, symbol: &str) -> String {
    let mut out = String::new();
    if let Some(missing) = incompleteness(c, "the old version", "the new version") {
        out.push_str(&format!(
            "INCOMPLETE: these figures are incomplete ({missing}); run `validate` on each file for the list.\n\n"
        ));
    }
    out.push_str(&format!("Comparing {old} with {new}\n\n"));
    let (shaping, other): (Vec<&InputChange>, Vec<&InputChange>) =
        c.changes.iter().partition(|x| x.step.is_some());
    if c.changes.is_empty() {
        out.push_str("No input changed.\n");
    } else {
        out.push_str(&format!(
            "What changed ({}):\n",
            format::count(
                shaping.len(),
                "input the figures use",
                "inputs the figures use"
            )
        ));
        for x in &shaping {
            out.push_str(&format!("  {}: {}\n", x.place, x.what));
        }
        if !other.is_empty() {
            out.push_str(&format!(
                "And {} no figure depends on:\n",
                format::count(other.len(), "change", "changes")
            ));
            for x in &other {
                out.push_str(&format!("  {}: {}\n", x.place, x.what));
            }
        }
    }
    out.push_str(&format!(
        "\nNet value of the portfolio: {}\n",
        movement(Some(c.before), Some(c.after), c.change, symbol)
    ));
    share_lines(&mut out, "  ", c.change, &c.shares, symbol);
    let moved_ones: Vec<&PartnershipChange> = c.moved().collect();
    if !moved_ones.is_empty() {
        out.push_str("\nBy partnership:\n");
    }
    for p in moved_ones {
        out.push_str(&format!(
            "  {}: {}{}\n",
            p.name,
            movement(p.before, p.after, p.change, symbol),
            incomplete(p).map(|m| format!("  {m}")).unwrap_or_default()
        ));
        if p.shares.len() > 1 || p.shares.iter().any(|s| s.step == Step::Together) {
            share_lines(&mut out, "    ", p.change, &p.shares, symbol);
        } else if let Some(s) = p.shares.first() {
            out.push_str(&format!("    {}\n", s.label));
        }
    }
    out
}

/// `compare --format json`.
#[derive(Serialize)]
pub struct ComparisonReport {
    pub old: String,
    pub new: String,
    /// False when either version's figures are incomplete.
    pub complete: bool,
    pub old_completeness: CompletenessReport,
    pub new_completeness: CompletenessReport,
    pub changes: Vec<InputChange>,
    pub portfolio: ChangeReport,
    pub partnerships: Vec<PartnershipChangeReport>,
}

/// A net value before and after, its change and the change's shares, rounded to pence.
#[derive(Serialize)]
pub struct ChangeReport {
    pub before: Option<Decimal>,
    pub after: Option<Decimal>,
    pub change: Decimal,
    pub shares: Vec<ShareReport>,
}

#[derive(Serialize)]
pub struct ShareReport {
    pub step: Step,
    pub label: &'static str,
    pub amount: Decimal,
}

#[derive(Serialize)]
pub struct PartnershipChangeReport {
    pub name: String,
    pub complete: bool,
    #[serde(flatten)]
    pub net_value: ChangeReport,
}

impl ChangeReport {
    fn new(
        before: Option<Decimal>,
        after: Option<Decimal>,
        change: Decimal,
        shares: &[Share],
    ) -> Self {
        ChangeReport {
            before: before.map(|v| round(v, 2)),
            after: after.map(|v| round(v, 2)),
            change: round(change, 2),
            shares: shares
                .iter()
                .zip(rounded_shares(change, shares))
                .map(|(s, amount)| ShareReport {
                    step: s.step,
                    label: s.label,
                    amount,
                })
                .collect(),
        }
    }
}

impl ComparisonReport {
    pub fn new(c: &Comparison, old: &str, new: &str) -> Self {
        ComparisonReport {
            old: old.to_owned(),
            new: new.to_owned(),
            complete: c.is_complete(),
            old_completeness: CompletenessReport::new(&c.before_completeness),
            new_completeness: CompletenessReport::new(&c.after_completeness),
            changes: c.changes.clone(),
            portfolio: ChangeReport::new(Some(c.before), Some(c.after), c.change, &c.shares),
            partnerships: c
                .partnerships
                .iter()
                .map(|p| PartnershipChangeReport {
                    name: p.name.clone(),
                    complete: p.before_completeness.is_complete()
                        && p.after_completeness.is_complete(),
                    net_value: ChangeReport::new(p.before, p.after, p.change, &p.shares),
                })
                .collect(),
        }
    }
}
