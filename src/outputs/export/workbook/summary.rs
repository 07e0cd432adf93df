//! The summary sheet: each partnership's measures beside the portfolio's, read by
//! formula from the flows sheets.

use super::{
    NEGATIVE_FLAG, NO_FLAG, PORTFOLIO, Placed, R_BCR, R_FISCAL_ROI, R_FLAG, R_NET, R_PAYBACK,
    R_PV_ECONOMIC, R_PV_FISCAL, R_PV_SOCIAL, R_PVB, R_PVC, SUMMARY, Sheet, Styles, abs, cached,
    cached_payback, cached_ratio, rel, sheet_ref,
};
use crate::appraisal::{AllCompleteness, Appraisal, Measures};
use crate::export::ExportError;
use crate::model::Project;
use crate::report;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Worksheet};

pub(super) fn summary_sheet(
    project: &Project,
    appraisal: &Appraisal,
    placed: &[Placed],
    styles: &Styles,
) -> Result<Worksheet, ExportError> {
    let mut s = Sheet::new(SUMMARY)?;
    s.width(0, 44.0)?;
    s.width(1, 16.0)?;
    s.width(2, 22.0)?;
    for col in 3..=11 {
        s.width(col, 16.0)?;
    }
    s.width(12, 40.0)?;
    s.width(13, 44.0)?;
    s.page(None)?;
    s.text_with(0, 0, &project.name, &styles.title)?;
    if !project.description.is_empty() {
        s.paragraph(1, 12, &project.description, &styles.wrap, 220)?;
    }
    let problems = crate::appraisal::problems(project, appraisal);
    let all = AllCompleteness::new(appraisal, &problems);
    if let Some(missing) = all.portfolio.summary() {
        s.text_with(
            2,
            0,
            &format!(
                "INCOMPLETE: {missing}. These figures leave something out or rest on an error: see the problems at the foot of this sheet."
            ),
            &styles.flag,
        )?;
    }
    s.text_with(3, 0, "Conventions", &styles.bold)?;
    let mut row = 4;
    for (name, value) in report::conventions(project) {
        s.text(row, 0, name)?;
        s.text(row, 1, &value)?;
        row += 1;
    }
    s.text(
        row,
        0,
        &format!(
            "Produced by Partnership Appraisal {}. Every derived figure is a live formula; the partnership sheets hold the yearly inputs.",
            env!("CARGO_PKG_VERSION")
        ),
    )?;
    row += 2;

    s.text_with(row, 0, "Partnerships", &styles.bold)?;
    row += 1;
    let headers = [
        "Partnership",
        "Status",
        "Funding",
        "PVC",
        "PV fiscal",
        "PV economic",
        "PV social",
        "PVB",
        "Net value",
        "Benefit-cost ratio",
        "Fiscal ROI",
        "Payback (years)",
        "Flag",
        "Completeness",
    ];
    for (col, text) in (0u16..).zip(headers) {
        s.text_with(row, col, text, &styles.header)?;
    }
    s.height(row, 30.0)?;
    row += 1;
    let first = row;
    // Summary column, the partnership sheet's result row, and how it is shown.
    let links: [(u16, u32); 10] = [
        (3, R_PVC),
        (4, R_PV_FISCAL),
        (5, R_PV_ECONOMIC),
        (6, R_PV_SOCIAL),
        (7, R_PVB),
        (8, R_NET),
        (9, R_BCR),
        (10, R_FISCAL_ROI),
        (11, R_PAYBACK),
        (12, R_FLAG),
    ];
    for (i, ((p, r), place)) in project
        .partnerships
        .iter()
        .zip(&appraisal.partnerships)
        .zip(placed)
        .enumerate()
    {
        match all.partnership(i).mark() {
            Some(mark) => s.text_with(row, 13, &mark, &styles.flag)?,
            None => s.text(row, 13, "Complete")?,
        }
        s.text(row, 0, &p.name)?;
        s.text(row, 1, p.status.label())?;
        s.text(row, 2, p.funding.label())?;
        let m = &r.measures;
        for (col, source_row) in links {
            let formula = format!("{}!{}", sheet_ref(&place.sheet), abs(source_row, 1));
            let (result, format) = summary_value(m, source_row, r.negative, styles);
            s.formula(row, col, &formula, result, format)?;
        }
        row += 1;
    }
    let last = row; // exclusive
    let pm = &appraisal.portfolio.measures;
    s.text_with(row, 0, "Portfolio", &styles.bold)?;
    let total = |col: u16| {
        if last > first {
            format!("SUM({}:{})", rel(first, col), rel(last - 1, col))
        } else {
            "0".to_owned()
        }
    };
    let sums: [(u16, Decimal); 6] = [
        (3, pm.pvc),
        (4, pm.pvb.fiscal),
        (5, pm.pvb.economic),
        (6, pm.pvb.social),
        (7, pm.pvb_total),
        (8, pm.net_value),
    ];
    for (col, value) in sums {
        s.formula(row, col, &total(col), cached(value), &styles.money_bold)?;
    }
    let (pvc, pvb, fiscal, net) = (rel(row, 3), rel(row, 7), rel(row, 4), rel(row, 8));
    s.formula(
        row,
        9,
        &format!("IF({pvc}=0,\"n/a\",{pvb}/{pvc})"),
        cached_ratio(pm.bcr),
        &styles.ratio,
    )?;
    s.formula(
        row,
        10,
        &format!("IF({pvc}=0,\"n/a\",{fiscal}/{pvc})"),
        cached_ratio(pm.fiscal_roi),
        &styles.ratio,
    )?;
    s.formula(
        row,
        11,
        &format!("{}!{}", sheet_ref(PORTFOLIO), abs(R_PAYBACK, 1)),
        cached_payback(pm.payback),
        &styles.years,
    )?;
    s.formula(
        row,
        12,
        &format!("IF({net}<0,\"{NEGATIVE_FLAG}\",\"{NO_FLAG}\")"),
        if pm.net_value < Decimal::ZERO {
            NEGATIVE_FLAG.to_owned()
        } else {
            NO_FLAG.to_owned()
        },
        &styles.flag,
    )?;
    row += 2;

    if let Some(mark) = all.portfolio.mark() {
        s.text_with(row - 2, 13, &mark, &styles.flag)?;
    }
    if !problems.is_empty() {
        s.text_with(
            row,
            0,
            "Problems: errors, lines left out and warnings",
            &styles.bold,
        )?;
        row += 1;
        for d in &problems {
            s.text(row, 0, &d.context)?;
            let severity = if d.is_error() { "Error" } else { "Warning" };
            let field = if d.field.is_empty() {
                String::new()
            } else {
                format!("{}: ", d.field)
            };
            s.text(row, 1, &format!("{severity}: {field}{}", d.message))?;
            row += 1;
        }
    }
    s.done()
}

fn summary_value<'a>(
    m: &Measures,
    source_row: u32,
    negative: bool,
    styles: &'a Styles,
) -> (String, &'a Format) {
    match source_row {
        R_PVC => (cached(m.pvc), &styles.money),
        R_PV_FISCAL => (cached(m.pvb.fiscal), &styles.money),
        R_PV_ECONOMIC => (cached(m.pvb.economic), &styles.money),
        R_PV_SOCIAL => (cached(m.pvb.social), &styles.money),
        R_PVB => (cached(m.pvb_total), &styles.money),
        R_NET => (cached(m.net_value), &styles.money_bold),
        R_BCR => (cached_ratio(m.bcr), &styles.ratio),
        R_FISCAL_ROI => (cached_ratio(m.fiscal_roi), &styles.ratio),
        R_PAYBACK => (cached_payback(m.payback), &styles.years),
        _ => (
            if negative {
                NEGATIVE_FLAG.to_owned()
            } else {
                NO_FLAG.to_owned()
            },
            &styles.flag,
        ),
    }
}
