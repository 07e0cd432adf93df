//! The approved appraisal, kept as a named baseline (file format 2): the project's inputs
//! as they stood when the board approved them, frozen, so the engine appraises it again
//! exactly and actuals are measured against it (docs/DECISIONS.md, baseline).

use super::{Actuals, Date, Project};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// What it is, as the board minuted it: "Approved by the board on 14 March 2027".
    pub name: String,
    /// When it was approved.
    pub date: Date,
    /// The project's inputs as approved, without a baseline of its own or actuals.
    pub project: Project,
}

impl Baseline {
    /// The baseline of `project` as it stands: its inputs, with the baseline and the
    /// actuals left out (neither is part of an appraisal).
    pub fn of(project: &Project, name: impl Into<String>, date: Date) -> Baseline {
        let mut frozen = project.clone();
        frozen.baseline = None;
        for p in &mut frozen.partnerships {
            p.actuals = Actuals::default();
        }
        Baseline {
            name: name.into(),
            date,
            project: frozen,
        }
    }

    /// "Approved by the board on 14 March 2027 (2027-03-14)": its name and date.
    pub fn label(&self) -> String {
        format!("{} ({})", self.name.trim(), self.date)
    }
}
