//! The papers: what the appraisal is turned into for people and other programs.
//!
//! - `report`: text, JSON and CSV reports, the conventions every output states.
//! - `export`: the workbook, the board pack, the committee report, SVG charts.
//! - `import`: what comes back in (pasted tables, unit-cost libraries), beside the exports.
//! - `palette`: the colours the charts share with the window.
//!
//! This crate sits on the engine and the file layer; it cannot reach the window, because
//! it does not depend on egui (ARCHITECTURE.md).

// No `unwrap` or `expect` outside tests (ARCHITECTURE.md, invariants).
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

use partnership_appraisal_core::{appraisal, format, model};
use partnership_appraisal_file as file;

pub mod export;
pub mod import;
pub mod palette;
pub mod report;
