//! The domain types of an appraisal: a [`Project`] holds its settings, partners,
//! partnerships, unit-value library, confidence grades and assumptions log.
//!
//! Pure data: nothing here touches egui, files or clocks. Partners and grades are
//! referred to by name, so a hand-edited file stays readable; `appraisal::validate`
//! reports a name that refers to nothing.

mod actuals;
mod baseline;
mod benefit;
mod committee;
mod cost;
mod delete;
mod governance;
mod num;
mod objective;
mod partner;
mod partnership;
mod project;
mod references;
mod register;
mod review;
mod settings;

pub use actuals::*;
pub use baseline::*;
pub use benefit::*;
pub use committee::*;
pub use cost::*;
pub use delete::*;
pub use governance::*;
pub use num::*;
pub use objective::*;
pub use partner::*;
pub use partnership::*;
pub use project::*;
pub use references::*;
pub use register::*;
pub use review::*;
pub use settings::*;
