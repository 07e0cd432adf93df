//! Sensitivity (each input group moved up and down) and switching values (the multiplier
//! on an input at which net value reaches zero, or the fiscal return 1).

use super::{Basis, Lever, levers, net_value_with, value_of};
use crate::model::{Partnership, Project};
use rust_decimal::Decimal;
use serde::Serialize;

/// One row of the sensitivity table: net value with the input moved down and up.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SensitivityRow {
    pub lever: Lever,
    pub label: String,
    /// Net value with the input lowered by the chosen percentage.
    pub low: Decimal,
    /// Net value with the input raised by the chosen percentage.
    pub high: Decimal,
    /// high − low.
    pub change: Decimal,
}

/// Net value with each input moved by ±`percent` (0.1 is 10%), largest swing first.
pub fn sensitivity(project: &Project, index: usize, percent: Decimal) -> Vec<SensitivityRow> {
    let Some(p) = project.partnerships.get(index) else {
        return Vec::new();
    };
    let mut rows: Vec<SensitivityRow> = levers(p)
        .into_iter()
        .map(|lever| {
            let low = net_value_with(project, p, &lever, Decimal::ONE.saturating_sub(percent));
            let high = net_value_with(project, p, &lever, Decimal::ONE.saturating_add(percent));
            SensitivityRow {
                label: lever.label(),
                lever,
                low,
                high,
                change: high.saturating_sub(low),
            }
        })
        .collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.change.abs()));
    rows
}

/// The factor on an input at which a quantity reaches zero.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SwitchingValue {
    pub lever: Lever,
    pub label: String,
    /// The multiplier on the input (1 is as entered); `None` when no value from 0 to 20 times does it.
    pub factor: Option<Decimal>,
}

impl SwitchingValue {
    /// The change from the input as entered: factor − 1 (−0.25 is "25% lower").
    pub fn change(&self) -> Option<Decimal> {
        self.factor.map(|f| f.saturating_sub(Decimal::ONE))
    }
}

const SEARCH_MAX: i64 = 20;

/// Finds f in [0, 20] with g(f) = 0, nearest to 1: a scan outward from 1 in steps of
/// 0.25, both ways in turn, stops at the first step over which g changes sign (the
/// bracket nearest to 1, the one a whole grid would pick), then bisection to 10⁻¹².
pub(super) fn find_root(g: impl Fn(Decimal) -> Decimal) -> Option<Decimal> {
    let step = Decimal::new(25, 2);
    let point = |i: i64| Decimal::from(i) * step;
    let one = 4; // 1 = 4 steps of 0.25
    let last = SEARCH_MAX * 4;
    let at_one = g(point(one));
    if at_one.is_zero() {
        return Some(Decimal::ONE);
    }
    let (mut up, mut down) = ((one, at_one), (one, at_one));
    let mut bracket = None;
    for k in 1..=last {
        // Downward then upward from 1, one step each, so the nearer bracket is met
        // first (and, of two as near, the lower).
        if down.0 > 0 {
            let i = down.0 - 1;
            let v = g(point(i));
            if v.is_zero() {
                return Some(point(i));
            }
            if v.is_sign_negative() != down.1.is_sign_negative() {
                bracket = Some((point(i), point(down.0), v));
                break;
            }
            down = (i, v);
        }
        if up.0 < last {
            let i = up.0 + 1;
            let v = g(point(i));
            if v.is_zero() {
                return Some(point(i));
            }
            if v.is_sign_negative() != up.1.is_sign_negative() {
                bracket = Some((point(up.0), point(i), up.1));
                break;
            }
            up = (i, v);
        }
        if (up.0 >= last && down.0 == 0) || k == last {
            break;
        }
    }
    let (mut lo, mut hi, mut g_lo) = bracket?;
    let tolerance = Decimal::new(1, 12);
    while hi - lo > tolerance {
        let mid = (lo + hi) / Decimal::TWO;
        let g_mid = g(mid);
        if g_mid.is_zero() {
            return Some(mid);
        }
        if g_mid.is_sign_negative() == g_lo.is_sign_negative() {
            lo = mid;
            g_lo = g_mid;
        } else {
            hi = mid;
        }
    }
    Some((lo + hi) / Decimal::TWO)
}

/// The factor on one input at which net value reaches zero, and at which the fiscal
/// return reaches 1.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Switching {
    pub lever: Lever,
    pub label: String,
    /// The multiplier at which net value reaches zero (1 is as entered); `None` when no
    /// multiplier from 0 up (to 20 times, where it is searched for) does it.
    pub net_value: Option<Decimal>,
    /// The multiplier at which the net budget impact reaches zero, so the fiscal return
    /// (PV fiscal / PVC) is 1.
    pub fiscal_return: Option<Decimal>,
}

impl Switching {
    /// The change from the input as entered on `basis`: factor − 1 (−0.25 is "25% lower").
    pub fn change(&self, basis: Basis) -> Option<Decimal> {
        match basis {
            Basis::NetValue => self.net_value,
            Basis::FiscalReturn => self.fiscal_return,
        }
        .map(|f| f.saturating_sub(Decimal::ONE))
    }
}

/// The multiplier on `lever` at which the quantity of `basis` reaches zero: exactly
/// where the input enters linearly (the quantity is then a + b·f), by search otherwise.
fn switching_factor(
    project: &Project,
    p: &Partnership,
    lever: &Lever,
    basis: Basis,
) -> Option<Decimal> {
    let at = |f: Decimal| value_of(project, p, &lever.at(f), basis);
    if lever.is_linear() {
        let (a, one) = (at(Decimal::ZERO), at(Decimal::ONE));
        let b = one.saturating_sub(a);
        (-a).checked_div(b).filter(|f| *f >= Decimal::ZERO)
    } else {
        find_root(at)
    }
}

/// For each input, the multipliers at which the partnership's net value reaches zero and
/// its fiscal return reaches 1.
pub fn switching_values(project: &Project, index: usize) -> Vec<Switching> {
    let Some(p) = project.partnerships.get(index) else {
        return Vec::new();
    };
    levers(p)
        .into_iter()
        .map(|lever| Switching {
            label: lever.label(),
            net_value: switching_factor(project, p, &lever, Basis::NetValue),
            fiscal_return: switching_factor(project, p, &lever, Basis::FiscalReturn),
            lever,
        })
        .collect()
}

/// One partnership's sensitivity, at the project's own percentage, and its switching
/// values.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysed {
    pub sensitivity: Vec<SensitivityRow>,
    pub switching: Vec<Switching>,
}

/// [`sensitivity`] at the project's own percentage and [`switching_values`] of every
/// partnership, in order, worked out on every core: each appraises its partnership
/// hundreds of times, and a paper with every partnership's (the board pack, the
/// workbook) would otherwise take minutes at a few hundred partnerships. Each is its
/// partnership's alone, so they are exactly those worked out one after the other.
pub fn every_partnership(project: &Project) -> Vec<Analysed> {
    super::super::each_on_every_core(0..project.partnerships.len(), |index| {
        analysed(project, index)
    })
}

/// [`sensitivity`] at the project's own percentage and [`switching_values`] of the
/// partnership at `index`.
pub fn analysed(project: &Project, index: usize) -> Analysed {
    Analysed {
        sensitivity: sensitivity(project, index, project.settings.simulation.sensitivity.0),
        switching: switching_values(project, index),
    }
}
