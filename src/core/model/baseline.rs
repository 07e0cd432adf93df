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

/// A value shared, not copied, when the project is cloned (an undo step, the snapshot
/// handed to another thread): a baseline holds a whole project, so copying or comparing
/// it with every edit would cost as much as the project itself. Two are equal when they
/// are the very same value, or hold equal values. In the file it is written as the value
/// itself.
#[derive(Debug)]
pub struct Shared<T>(std::sync::Arc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Shared(std::sync::Arc::new(value))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(std::sync::Arc::clone(&self.0))
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: PartialEq> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0) || *self.0 == *other.0
    }
}

impl<T: Serialize> Serialize for Shared<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Shared<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(d).map(Shared::new)
    }
}
