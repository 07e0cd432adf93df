//! Exports and imports: the workbook read back with calamine and compared with the
//! engine, the CSV files parsed back, the board pack checked for its sections and for
//! anything external, spreadsheet paste and unit-cost import.

mod board_pack;
#[path = "../common/mod.rs"]
mod common;
mod csv_files;
mod imports;
mod workbook;

use partnership_appraisal::appraisal::{self, Appraisal};
use partnership_appraisal::file;
use partnership_appraisal::model::Project;
use std::path::Path;

fn load(name: &str) -> Project {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("saves")
        .join(name);
    file::load(&path).unwrap_or_else(|e| panic!("{name} does not load: {e}"))
}

fn borough() -> (Project, Appraisal) {
    let project = load("borough-portfolio.ron");
    let result = appraisal::appraise(&project);
    (project, result)
}
