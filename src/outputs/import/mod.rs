//! Imports from spreadsheets: cells pasted into a table of cost or benefit lines
//! (`paste`), and a unit-cost CSV file read into the unit-value library (`unit_costs`).
//!
//! Each reads text against the project and returns what it read with the problems it
//! found, cell by cell; nothing here changes the project or panics on odd text. The
//! app adds what was read as one undoable step. Both are fuzzed (docs/FUZZING.md).

pub mod paste;
pub mod unit_costs;
