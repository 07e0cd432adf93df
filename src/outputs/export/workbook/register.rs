//! The sheet of the partnership register: each partnership's entry, its significance
//! under the project's test, the governance check's counts and its latest review. Review
//! data, as entered: no figure on other sheets depends on it. Written only when the
//! project keeps a register or reviews.

use super::{REGISTER, Sheet, Styles, double};
use crate::appraisal::{Appraisal, significance};
use crate::export::ExportError;
use crate::model::{Project, newest_first};
use rust_xlsxwriter::Worksheet;

/// The sheet's column headings, in order.
pub const REGISTER_HEADERS: [&str; 18] = [
    "Partnership",
    "Lead partner",
    "Accountable body",
    "Lead officer",
    "Legal basis or agreement",
    "Start",
    "End or break",
    "Next review",
    "Significant",
    "Why",
    "Governance areas met",
    "Partly met",
    "Not met",
    "Not assessed",
    "Latest review",
    "Decision",
    "Reason",
    "Present value of costs",
];

pub(super) fn register_sheet(
    project: &Project,
    appraisal: &Appraisal,
    styles: &Styles,
) -> Result<Worksheet, ExportError> {
    let mut s = Sheet::new(REGISTER)?;
    s.page(None)?;
    s.width(0, 32.0)?;
    for col in 1..=4 {
        s.width(col, 22.0)?;
    }
    for col in 5..=7 {
        s.width(col, 12.0)?;
    }
    s.width(9, 40.0)?;
    s.width(16, 40.0)?;
    s.width(17, 17.0)?;
    s.text_with(0, 0, "Partnership register", &styles.title)?;
    s.paragraph(
        1,
        9,
        "Each partnership's register entry and latest review, as entered, with its \
         significance under the project's test. Dates are day/month/year. Review data: no \
         figure on the other sheets depends on it. The present value of costs is the \
         appraisal's, optimism bias included.",
        &styles.wrap,
        160,
    )?;
    for (col, text) in (0u16..).zip(REGISTER_HEADERS) {
        s.text_with(3, col, text, &styles.header)?;
    }
    s.height(3, 30.0)?;
    let findings = significance(project, appraisal);
    let date = |d: Option<crate::model::Date>| d.map(|d| d.uk()).unwrap_or_default();
    for (row, (i, p)) in (4u32..).zip(project.partnerships.iter().enumerate()) {
        let r = &p.register;
        let [met, partly, not, unassessed] = r.governance.counts();
        let finding = findings.iter().find(|f| f.partnership == i);
        let latest = newest_first(&p.reviews)
            .into_iter()
            .filter_map(|k| p.reviews.get(k))
            .find(|review| review.date.is_some());
        let texts = [
            p.name.clone(),
            r.lead_partner.clone().unwrap_or_default(),
            r.accountable_body.clone(),
            r.lead_officer.clone(),
            r.legal_basis.clone(),
            date(r.start),
            date(r.end_or_break),
            date(r.next_review),
            if finding.is_some_and(|f| f.significant) {
                "Yes".into()
            } else {
                "No".into()
            },
            finding.map(|f| f.reasons.join("; ")).unwrap_or_default(),
        ];
        for (col, text) in (0u16..).zip(&texts) {
            s.text(row, col, text)?;
        }
        for (col, n) in (10u16..).zip([met, partly, not, unassessed]) {
            s.number(row, col, n as f64)?;
        }
        if let Some(review) = latest {
            s.text(row, 14, &date(review.date))?;
            s.text(row, 15, review.decision.label())?;
            s.text(row, 16, &review.reason)?;
        }
        if let Some(result) = appraisal.partnerships.get(i) {
            s.number_with(row, 17, double(result.measures.pvc), &styles.money)?;
        }
    }
    s.done()
}
