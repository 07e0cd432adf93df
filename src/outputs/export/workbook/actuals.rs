//! The sheet of plan against actual: each partnership's baseline, current forecast and
//! re-forecast, and the variance by line, partner and passed year, the variance a live
//! formula (actual − plan) with the app's value cached.

use super::{PLAN_VS_ACTUAL, Sheet, Styles, cached, double, rel};
use crate::appraisal::actuals::{ActualsReport, LineSide};
use crate::export::ExportError;
use crate::report::REFORECAST_RULE;
use rust_xlsxwriter::Worksheet;

/// Columns of the variance table.
const HEADERS: [&str; 9] = [
    "Partnership",
    "Line",
    "Cost or benefit",
    "Partner",
    "Year",
    "Plan",
    "Current forecast",
    "Actual",
    "Variance (actual − plan)",
];

pub(super) fn actuals_sheet(
    report: &ActualsReport,
    styles: &Styles,
) -> Result<Worksheet, ExportError> {
    let mut s = Sheet::new(PLAN_VS_ACTUAL)?;
    s.page(None)?;
    s.width(0, 34.0)?;
    s.width(1, 30.0)?;
    s.width(2, 12.0)?;
    s.width(3, 24.0)?;
    for col in 4..=8 {
        s.width(col, 16.0)?;
    }
    s.text_with(0, 0, "Plan against actual", &styles.title)?;
    s.paragraph(1, 8, REFORECAST_RULE, &styles.wrap, 200)?;
    let baseline = report.baseline.as_deref().map_or_else(
        || "No baseline is set: the plan is the current forecast.".to_owned(),
        |b| format!("Baseline: {b}."),
    );
    s.text(2, 0, &baseline)?;

    // Net value in the three views, one row per partnership.
    let mut row = 4;
    for (col, text) in (0u16..).zip([
        "Partnership",
        "Variance against",
        "Baseline net value",
        "Forecast net value",
        "Re-forecast net value",
        "Complete",
    ]) {
        s.text_with(row, col, text, &styles.header)?;
    }
    row += 1;
    for a in &report.partnerships {
        s.text(row, 0, &a.name)?;
        s.text(row, 1, &a.against.label())?;
        if let Some(b) = &a.baseline {
            s.number_with(row, 2, double(b.net_value), &styles.money)?;
        }
        s.number_with(row, 3, double(a.forecast.net_value), &styles.money)?;
        s.number_with(row, 4, double(a.reforecast.net_value), &styles.money)?;
        s.text(
            row,
            5,
            if a.is_complete() {
                "yes"
            } else {
                "no: an actual or a line is left out"
            },
        )?;
        row += 1;
    }

    row += 1;
    for (col, text) in (0u16..).zip(HEADERS) {
        s.text_with(row, col, text, &styles.header)?;
    }
    row += 1;
    for a in &report.partnerships {
        for l in &a.lines {
            for y in &l.years {
                s.text(row, 0, &a.name)?;
                s.text(row, 1, &l.line)?;
                s.text(
                    row,
                    2,
                    match l.side {
                        LineSide::Cost => "Cost",
                        LineSide::Benefit => "Benefit",
                    },
                )?;
                s.text(row, 3, &l.partner)?;
                s.text(row, 4, &y.year.to_string())?;
                s.number_with(row, 5, double(y.plan), &styles.money)?;
                s.number_with(row, 6, double(y.forecast), &styles.money)?;
                if let (Some(actual), Some(variance)) = (y.actual, y.variance) {
                    s.number_with(row, 7, double(actual), &styles.money)?;
                    let formula = format!("={}-{}", rel(row, 7), rel(row, 5));
                    s.formula(row, 8, &formula, cached(variance), &styles.money)?;
                } else {
                    s.text(row, 7, "none entered")?;
                }
                row += 1;
            }
        }
    }
    s.done()
}
