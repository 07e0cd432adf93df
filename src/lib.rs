//! Partnership Appraisal: the cost–benefit appraisal of joint working between public
//! bodies, by the HM Treasury Green Book method. See ARCHITECTURE.md for the map.

pub mod appraisal;
pub mod bench;
pub mod cli;
pub mod export;
pub mod file;
pub mod format;
pub mod generate;
pub mod model;
pub mod palette;
pub mod report;
pub mod ui;
