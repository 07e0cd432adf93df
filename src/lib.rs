//! Partnership Appraisal: the cost–benefit appraisal of joint working between public
//! bodies, by the HM Treasury Green Book method. See ARCHITECTURE.md for the map.
//!
//! This crate is the app: the window (`ui`) and the bench that times it. The layers below
//! are crates of their own, re-exported here so that the app and the tests name them as
//! `crate::model` or `partnership_appraisal::file`:
//!
//! - `partnership_appraisal_core` (src/core): `model`, `appraisal`, `format`, the pure engine;
//! - `partnership_appraisal_file` (src/file): project files, locks and the recovery store;
//! - `partnership_appraisal_generate` (src/generate): synthetic projects;
//! - `partnership_appraisal_outputs` (src/outputs): `report`, `export`, `import`, `palette`;
//! - `partnership_appraisal_cli` (src/cli): the headless commands, which do not need the window.

// No `unwrap` or `expect` outside tests: a panic on user input or a loaded file would be
// a bug (ARCHITECTURE.md, invariants). Tests may unwrap.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub use partnership_appraisal_cli as cli;
pub use partnership_appraisal_core::{appraisal, format, model};
pub use partnership_appraisal_file as file;
pub use partnership_appraisal_generate as generate;
pub use partnership_appraisal_outputs::{export, import, palette, report};

pub mod bench;
pub mod ui;
