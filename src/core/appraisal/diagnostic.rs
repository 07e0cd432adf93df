//! Problems found in a project, with where they are.

use serde::Serialize;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Severity {
    /// The results are affected: a line is left out or a value is impossible.
    Error,
    /// Worth a look; the results are computed as stated.
    Warning,
}

/// Where in the project a diagnostic points, by position, so the app can go there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Location {
    Settings,
    Partner {
        partner: usize,
    },
    Grade {
        partner: usize,
        grade: usize,
    },
    Partnership {
        partnership: usize,
    },
    Cost {
        partnership: usize,
        line: usize,
    },
    Benefit {
        partnership: usize,
        line: usize,
    },
    Impact {
        partnership: usize,
        impact: usize,
    },
    OptionCost {
        partnership: usize,
        option: usize,
        line: usize,
    },
    OptionBenefit {
        partnership: usize,
        option: usize,
        line: usize,
    },
    Proposal {
        partnership: usize,
        proposal: usize,
    },
    /// The partnership's register entry: review data, which no figure depends on.
    Register {
        partnership: usize,
    },
    /// One of the partnership's reviews, by its position as entered: review data, which
    /// no figure depends on (its findings are warnings).
    Review {
        partnership: usize,
        review: usize,
    },
    /// One of the partnership's objectives (with its indicators and contributions), by
    /// its position: review data, which no figure depends on.
    Objective {
        partnership: usize,
        objective: usize,
    },
    /// A priority of the community strategy: review data, which no figure depends on.
    Priority {
        index: usize,
    },
    UnitValue {
        index: usize,
    },
    Deflator {
        index: usize,
    },
    ConfidenceGrade {
        index: usize,
    },
    ProjectType {
        index: usize,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub location: Location,
    /// What the location is, in words: "Community safety partnership, cost 'Analyst time'".
    pub context: String,
    /// The field concerned, as labelled in the app: "Hours a year".
    pub field: String,
    pub message: String,
}

impl Diagnostic {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{severity}: {}", self.context)?;
        if !self.field.is_empty() {
            write!(f, ", {}", self.field)?;
        }
        write!(f, ": {}", self.message)
    }
}
