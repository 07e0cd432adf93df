//! A partnership's options side by side, and the multiplier on each input at which the
//! preferred option stops being the best.

use super::sensitivity::{SwitchingValue, find_root};
use super::{Lever, levers, net_value_with, sub_project};
use crate::appraisal::{Measures, appraise};
use crate::model::{AlternativeKind, Partnership, Project};
use rust_decimal::Decimal;
use serde::Serialize;

/// One option's results, side by side with the others.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OptionResult {
    pub name: String,
    /// `None` for the current arrangement.
    pub kind: Option<AlternativeKind>,
    pub measures: Measures,
    pub preferred: bool,
}

pub use crate::model::CURRENT_ARRANGEMENT;

/// The partnership as each of its options: the current arrangement first.
fn option_partnerships(p: &Partnership) -> Vec<(String, Option<AlternativeKind>, Partnership)> {
    let mut base = p.clone();
    base.options.clear();
    let mut out = vec![(CURRENT_ARRANGEMENT.to_owned(), None, base.clone())];
    for o in &p.options {
        let mut alt = base.clone();
        alt.costs = o.costs.clone();
        alt.benefits = o.benefits.clone();
        out.push((o.name.clone(), Some(o.kind), alt));
    }
    out
}

/// The index of the preferred option: the one named, else the highest net value.
fn preferred(p: &Partnership, values: &[Decimal]) -> usize {
    let named = p.preferred_option.as_deref().and_then(|name| {
        if name == CURRENT_ARRANGEMENT {
            Some(0)
        } else {
            p.options.iter().position(|o| o.name == name).map(|i| i + 1)
        }
    });
    named.unwrap_or_else(|| {
        values
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0)))
            .map_or(0, |(i, _)| i)
    })
}

/// Every option's results, the current arrangement first, the preferred one marked.
pub fn options(project: &Project, index: usize) -> Vec<OptionResult> {
    let Some(p) = project.partnerships.get(index) else {
        return Vec::new();
    };
    let mut results: Vec<OptionResult> = option_partnerships(p)
        .into_iter()
        .filter_map(|(name, kind, alt)| {
            let r = appraise(&sub_project(project, alt));
            r.partnerships.into_iter().next().map(|r| OptionResult {
                name,
                kind,
                measures: r.measures,
                preferred: false,
            })
        })
        .collect();
    let values: Vec<Decimal> = results.iter().map(|r| r.measures.net_value).collect();
    let best = preferred(p, &values);
    if let Some(r) = results.get_mut(best) {
        r.preferred = true;
    }
    results
}

/// For each input, the multiplier at which the preferred option stops being the best
/// (its net value meets the next best option's). Empty without options.
pub fn option_switching_values(project: &Project, index: usize) -> Vec<SwitchingValue> {
    let Some(p) = project.partnerships.get(index) else {
        return Vec::new();
    };
    if p.options.is_empty() {
        return Vec::new();
    }
    let alts = option_partnerships(p);
    let base: Vec<Decimal> = alts
        .iter()
        .map(|(_, _, a)| net_value_with(project, a, &Lever::DiscountRate, Decimal::ONE))
        .collect();
    let best = preferred(p, &base);
    let runner_up = (0..alts.len())
        .filter(|i| *i != best)
        .max_by(|a, b| base[*a].cmp(&base[*b]))
        .unwrap_or(best);
    levers(p)
        .into_iter()
        .map(|lever| {
            let gap =
                |f: Decimal| {
                    net_value_with(project, &alts[best].2, &lever, f)
                        .saturating_sub(net_value_with(project, &alts[runner_up].2, &lever, f))
                };
            SwitchingValue {
                label: lever.label(),
                factor: find_root(gap),
                lever,
            }
        })
        .collect()
}
