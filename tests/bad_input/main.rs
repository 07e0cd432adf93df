//! The bad-input catalogue (docs/BAD_INPUT.md), proved: what every kind of bad typing and
//! every kind of bad file gets, and that nothing already entered or saved is lost.
//!
//! 1. Numbers typed into fields: each kind of numeric field, through the app's real fields
//!    (egui_kittest), and the same rules on the parsing functions behind them.
//! 2. Files: truncated at every byte, wrong or newer versions, wrong types, duplicates,
//!    dangling references, enormous and deeply nested files.
//! 3. Mutated copies of the example files (proptest): parsing never panics, always ends
//!    quickly, and whatever loads also validates, appraises and saves back the same.
//! 4. The other readers of outside text (pasted cells, unit-cost CSV files): regressions
//!    found while fuzzing them (docs/FUZZING.md).

mod files;
mod imports;
mod mutations;
mod typing;
