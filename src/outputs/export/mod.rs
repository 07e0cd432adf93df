//! Exports for board papers and finance systems: XLSX, CSV, the HTML board pack and
//! the committee report in Word. (Imports from spreadsheets are in `crate::import`.)
//!
//! Every function here builds the bytes; callers write them with `file::write_atomic`.
//! Nothing here panics on odd project content: an empty project, a partnership the
//! engine could not compute, a 300-year horizon or names full of quotes all export.
//! See docs/EXPORTS.md for what each export holds.

mod actuals_pack;
mod board_pack;
pub mod committee;
mod csv;
mod svg;
mod workbook;
mod yearly;

pub use workbook::{MAX_SHEET_NAME, sheet_names};
pub use yearly::{PartnerYearly, WIDER_SOCIETY, partner_yearly};

use crate::appraisal::Appraisal;
use crate::appraisal::portfolio::annual::AnnualReview;
use crate::model::Date;
use crate::model::Project;

/// Why an export could not be built.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("the workbook could not be written: {0}")]
    Xlsx(String),
    /// A cell, chart or setting of one sheet was refused by the workbook writer.
    #[error("the workbook could not be written: sheet '{sheet}': {source}")]
    Sheet {
        sheet: String,
        #[source]
        source: rust_xlsxwriter::XlsxError,
    },
    /// The committee report could not be packaged as a .docx file.
    #[error("the committee report could not be written: {0}")]
    Docx(String),
    /// The finished workbook could not be packaged as an .xlsx file.
    #[error("the workbook could not be packaged: {0}")]
    Package(#[source] rust_xlsxwriter::XlsxError),
}

/// The workbook: summary, one sheet per partnership with live formulas, who pays and who benefits.
pub fn xlsx(project: &Project, appraisal: &Appraisal) -> Result<Vec<u8>, ExportError> {
    workbook::build(project, appraisal)
}

/// CSV files by name: yearly flows per partnership and per partner, and the results table.
pub fn csv_files(project: &Project, appraisal: &Appraisal) -> Vec<(String, String)> {
    let problems = crate::appraisal::problems(project, appraisal);
    vec![
        (
            "results.csv".to_owned(),
            crate::report::csv(project, appraisal, &problems),
        ),
        (
            "flows_by_partnership.csv".to_owned(),
            csv::flows_by_partnership(project, appraisal),
        ),
        (
            "flows_by_partner.csv".to_owned(),
            csv::flows_by_partner(project, appraisal),
        ),
    ]
}

/// The board pack: one self-contained HTML file, printable on A4.
pub fn html(project: &Project, appraisal: &Appraisal) -> String {
    board_pack::build(project, appraisal, None)
}

/// The board pack with the date it is issued (as 2026-11-22) in its footer.
pub fn html_issued(project: &Project, appraisal: &Appraisal, issued: &str) -> String {
    board_pack::build(project, appraisal, Some(issued))
}

/// The committee report (DOCX): one partnership's, or the portfolio's.
pub fn docx(
    project: &Project,
    appraisal: &Appraisal,
    report: &committee::CommitteeReport,
) -> Result<Vec<u8>, ExportError> {
    committee::build(project, appraisal, report)
}

/// The annual review of `project` on `day`, worked out whole: its appraisal's problems and
/// completeness, the partner network and, where actuals are entered or a baseline set,
/// the actuals against plan. What the command line and the exports draw on.
pub fn annual_review_on(project: &Project, appraisal: &Appraisal, day: Date) -> AnnualReview {
    let problems = crate::appraisal::problems(project, appraisal);
    let completeness = crate::appraisal::AllCompleteness::new(appraisal, &problems);
    let network = crate::appraisal::portfolio::network(project, appraisal);
    annual_review_with(project, appraisal, &completeness, &network, day)
}

/// [`annual_review_on`] with the completeness of the appraisal's figures and its partner
/// network already in hand, as the window keeps them.
pub fn annual_review_with(
    project: &Project,
    appraisal: &Appraisal,
    completeness: &crate::appraisal::AllCompleteness,
    network: &crate::appraisal::portfolio::Network,
    day: Date,
) -> AnnualReview {
    use crate::appraisal::portfolio::annual::{Sources, annual_review};
    let actuals = crate::report::ActualsJson::wanted(project)
        .then(|| crate::appraisal::actuals::actuals(project, appraisal));
    let sources = Sources {
        appraisal,
        completeness,
        network,
        actuals: actuals.as_ref(),
    };
    annual_review(
        project,
        sources,
        day,
        crate::appraisal::review::DUE_WITHIN_DAYS,
    )
}

/// The annual review report for the audit committee (DOCX), for the project file named
/// `project_file`.
pub fn annual_docx(
    project: &Project,
    review: &AnnualReview,
    project_file: Option<&str>,
) -> Result<Vec<u8>, ExportError> {
    committee::build_annual(project, review, project_file)
}

/// The annual review as CSV, one row per partnership.
pub fn annual_csv(project: &Project, review: &AnnualReview) -> String {
    csv::annual_review(project, review)
}

/// Today's date on the computer's clock, local time, as YYYY-MM-DD, for the board pack.
/// Read here, at the edge, never in the engine.
pub fn today() -> String {
    chrono::Local::now().format("%Y-%m-%d").to_string()
}
