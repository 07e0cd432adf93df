//! A partnership's sensitivity and switching values, as report types for JSON and as
//! text tables.

use super::{SWITCH_FISCAL, SWITCH_NET_VALUE, switching_change, text_table};
use crate::format::{self, round};
use crate::model::Project;
use rust_decimal::Decimal;
use serde::Serialize;

/// A partnership's sensitivity analysis and switching values.
#[derive(Clone, Serialize)]
pub struct AnalysisReport {
    /// How far each input moves (0.1 is 10% either way).
    pub sensitivity_range: Decimal,
    /// Largest change first.
    pub sensitivity: Vec<SensitivityReport>,
    pub switching_values: Vec<SwitchingReport>,
}

#[derive(Clone, Serialize)]
pub struct SensitivityReport {
    pub input: String,
    pub net_value_low: Decimal,
    pub net_value_high: Decimal,
    pub change: Decimal,
}

/// The multiplier on an input (1 is as entered) at which net value reaches zero, and at
/// which the fiscal return reaches 1; null where no multiplier from 0 to 20 does it.
#[derive(Clone, Serialize)]
pub struct SwitchingReport {
    pub input: String,
    pub net_value_factor: Option<Decimal>,
    pub fiscal_return_factor: Option<Decimal>,
}

impl AnalysisReport {
    /// Every partnership's, in order (worked out on every core:
    /// `uncertainty::every_partnership`).
    pub fn every(project: &Project) -> Vec<Self> {
        let range = project.settings.simulation.sensitivity.0;
        crate::appraisal::uncertainty::every_partnership(project)
            .into_iter()
            .map(|analysed| AnalysisReport::of(range, analysed))
            .collect()
    }

    /// One partnership's, from its sensitivity at `range` and its switching values.
    fn of(range: Decimal, analysed: crate::appraisal::uncertainty::Analysed) -> Self {
        let factor = |f: Option<Decimal>| f.map(|v| round(v, 4));
        AnalysisReport {
            sensitivity_range: range,
            sensitivity: analysed
                .sensitivity
                .into_iter()
                .map(|r| SensitivityReport {
                    input: r.label,
                    net_value_low: round(r.low, 2),
                    net_value_high: round(r.high, 2),
                    change: round(r.change, 2),
                })
                .collect(),
            switching_values: analysed
                .switching
                .into_iter()
                .map(|s| SwitchingReport {
                    input: s.label,
                    net_value_factor: factor(s.net_value),
                    fiscal_return_factor: factor(s.fiscal_return),
                })
                .collect(),
        }
    }
}

/// Each partnership's sensitivity and switching values as text tables.
pub fn analysis_table(project: &Project) -> String {
    let sym = &project.settings.currency_symbol;
    let m = |v: Decimal| format::money(v, sym);
    let mut out = String::new();
    for (p, a) in project
        .partnerships
        .iter()
        .zip(AnalysisReport::every(project))
    {
        let range = format::percent(a.sensitivity_range);
        out.push_str(&format!(
            "\nSensitivity: {} (net value with each input {range} lower and higher)\n",
            p.name
        ));
        let rows: Vec<Vec<String>> = a
            .sensitivity
            .iter()
            .map(|r| {
                vec![
                    r.input.clone(),
                    m(r.net_value_low),
                    m(r.net_value_high),
                    m(r.change),
                ]
            })
            .collect();
        out.push_str(&text_table(
            &["Input", "Input lower", "Input higher", "Change"],
            &rows,
        ));
        out.push_str(&format!("\nSwitching values: {}\n", p.name));
        let change = |f: Option<Decimal>| switching_change(f.map(|f| f - Decimal::ONE));
        let rows: Vec<Vec<String>> = a
            .switching_values
            .iter()
            .map(|s| {
                vec![
                    s.input.clone(),
                    change(s.net_value_factor),
                    change(s.fiscal_return_factor),
                ]
            })
            .collect();
        out.push_str(&text_table(
            &["Input", SWITCH_NET_VALUE, SWITCH_FISCAL],
            &rows,
        ));
    }
    out
}
