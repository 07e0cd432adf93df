//! Partnership Appraisal: the cost–benefit appraisal of joint working between public
//! bodies, by the HM Treasury Green Book method. See ARCHITECTURE.md for the map.
//!
//! The pure engine (`model`, `appraisal`, `format`) is its own crate,
//! `partnership_appraisal_core` in src/core, re-exported here so that every layer above
//! names it as `crate::model`, `crate::appraisal` and `crate::format`.

// No `unwrap` or `expect` outside tests: a panic on user input or a loaded file would be
// a bug (ARCHITECTURE.md, invariants). Tests may unwrap.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub use partnership_appraisal_core::{appraisal, format, model};

pub mod bench;
pub mod cli;
pub mod export;
pub mod file;
pub mod generate;
pub mod import;
pub mod palette;
pub mod report;
pub mod ui;
