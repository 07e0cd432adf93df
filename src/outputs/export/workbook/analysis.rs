//! The sheet of sensitivity and switching values.

use super::{ANALYSIS, Sheet, Styles, double};
use crate::export::ExportError;
use crate::model::Project;
use crate::report;
use rust_xlsxwriter::Worksheet;

/// Each partnership's sensitivity (net value with each input group lower and higher)
/// and switching values on both bases, as the engine computes them: values, not
/// formulas, since each is an appraisal of its own.
pub(super) fn analysis_sheet(project: &Project, styles: &Styles) -> Result<Worksheet, ExportError> {
    use crate::appraisal::uncertainty::{self, Basis};
    let mut s = Sheet::new(ANALYSIS)?;
    s.page(None)?;
    s.width(0, 36.0)?;
    s.width(1, 30.0)?;
    for col in 2..=8 {
        s.width(col, 17.0)?;
    }
    s.text_with(0, 0, "Sensitivity and switching values", &styles.title)?;
    let range = project.settings.simulation.sensitivity.0;
    s.paragraph(
        1,
        8,
        &format!(
            "Net value with each input group {} lower and {} higher, all else as entered; and the multiplier on the input (1 is as entered) at which net value reaches zero, and at which the fiscal return (PV of fiscal benefits / PVC) reaches 1. Exact where the input enters linearly, found by search from 0 to 20 times otherwise; blank where no multiplier does it. Computed by the app: each value is an appraisal of its own, not a formula.",
            crate::format::percent(range),
            crate::format::percent(range)
        ),
        &styles.wrap,
        200,
    )?;
    let headers = [
        "Partnership",
        "Input",
        "Net value, input lower",
        "Net value, input higher",
        "Change",
        "Multiplier for net value to reach zero",
        report::SWITCH_NET_VALUE,
        "Multiplier for the fiscal return to reach 1",
        report::SWITCH_FISCAL,
    ];
    for (col, text) in (0u16..).zip(headers) {
        s.text_with(3, col, text, &styles.header)?;
    }
    s.height(3, 45.0)?;
    let mut row = 4;
    let analyses = uncertainty::every_partnership(project);
    for (p, analysed) in project.partnerships.iter().zip(analyses) {
        let sensitivity = analysed.sensitivity;
        for v in analysed.switching {
            s.text(row, 0, &p.name)?;
            s.text(row, 1, &v.label)?;
            if let Some(r) = sensitivity.iter().find(|r| r.lever == v.lever) {
                s.number_with(row, 2, double(r.low), &styles.money)?;
                s.number_with(row, 3, double(r.high), &styles.money)?;
                s.number_with(row, 4, double(r.change), &styles.money)?;
            }
            for (col, basis) in [(5, Basis::NetValue), (7, Basis::FiscalReturn)] {
                let factor = match basis {
                    Basis::NetValue => v.net_value,
                    Basis::FiscalReturn => v.fiscal_return,
                };
                if let Some(f) = factor {
                    s.number_with(row, col, double(f), &styles.ratio)?;
                }
                s.text(row, col + 1, &report::switching_change(v.change(basis)))?;
            }
            row += 1;
        }
    }
    s.done()
}
