//! The pure engine of Partnership Appraisal: the domain types of a project (`model`),
//! the appraisal that turns them into results and diagnostics (`appraisal`), and the
//! one place for display and input rules (`format`).
//!
//! Nothing here touches egui, files, the environment or clocks: this crate's
//! dependencies do not include them, and `clippy.toml` beside it forbids the standard
//! library's ways to reach them. See ARCHITECTURE.md.

// No `unwrap` or `expect` outside tests: a panic on user input or a loaded file would be
// a bug (ARCHITECTURE.md, invariants). Tests may unwrap.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod appraisal;
pub mod format;
pub mod model;
