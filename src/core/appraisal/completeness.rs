//! Whether figures are complete: what an appraisal left out and the errors that stand.
//! Every place that shows a headline figure asks this one type, so a figure shown is
//! either complete or marked incomplete in the same words everywhere.

use super::{Appraisal, Diagnostic, Location};
use crate::format::count;
use serde::Serialize;

/// What a set of figures leaves out: whole lines, and parts of lines (a meeting's
/// attendee or fixed costs, a pooled fund's contribution) that could not be computed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LeftOut {
    pub lines: usize,
    pub parts: usize,
}

impl LeftOut {
    pub fn add(&mut self, other: LeftOut) {
        self.lines = self.lines.saturating_add(other.lines);
        self.parts = self.parts.saturating_add(other.parts);
    }

    pub fn is_nothing(&self) -> bool {
        self.lines == 0 && self.parts == 0
    }
}

/// Whether a partnership's or the portfolio's figures are complete.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Completeness {
    pub lines_left_out: usize,
    pub parts_left_out: usize,
    /// Errors that stand: each may make a figure wrong, so each marks it incomplete.
    pub errors: usize,
}

/// The completeness of the portfolio and of every partnership, found in one pass over
/// the project's problems (`validate`'s and the appraisal's together).
///
/// The portfolio's figures count everything left out and every error. A partnership's
/// count what it left out, the errors in it, and the errors in what every partnership
/// draws on (settings, partners and their rate cards, the libraries), which may change
/// any of its figures. Errors in a register, an objective or a priority are not counted:
/// no figure depends on them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AllCompleteness {
    pub portfolio: Completeness,
    pub partnerships: Vec<Completeness>,
}

impl AllCompleteness {
    pub fn new(appraisal: &Appraisal, diagnostics: &[Diagnostic]) -> Self {
        let count = appraisal.partnerships.len();
        let mut own = vec![0usize; count];
        let mut shared = 0usize;
        let mut all = 0usize;
        // An error in the register cannot make a figure wrong: it marks nothing incomplete.
        // Nor can one in the objectives or the priorities they serve.
        let marks = |d: &&Diagnostic| {
            d.is_error()
                && !matches!(
                    d.location,
                    Location::Register { .. }
                        | Location::Objective { .. }
                        | Location::Priority { .. }
                )
        };
        for d in diagnostics.iter().filter(marks) {
            all += 1;
            match d.location.partnership() {
                Some(i) => {
                    if let Some(n) = own.get_mut(i) {
                        *n += 1;
                    }
                }
                None => shared += 1,
            }
        }
        AllCompleteness {
            portfolio: Completeness::new(appraisal.portfolio.left_out, all),
            partnerships: appraisal
                .partnerships
                .iter()
                .zip(own)
                .map(|(p, n)| Completeness::new(p.left_out, n + shared))
                .collect(),
        }
    }

    /// One partnership's; complete for an index out of range.
    pub fn partnership(&self, index: usize) -> Completeness {
        self.partnerships.get(index).copied().unwrap_or_default()
    }
}

impl Completeness {
    fn new(left_out: LeftOut, errors: usize) -> Self {
        Completeness {
            lines_left_out: left_out.lines,
            parts_left_out: left_out.parts,
            errors,
        }
    }

    pub fn is_complete(&self) -> bool {
        self.lines_left_out == 0 && self.parts_left_out == 0 && self.errors == 0
    }

    /// What is missing, in words: "2 lines left out, 1 error"; `None` when complete.
    pub fn summary(&self) -> Option<String> {
        if self.is_complete() {
            return None;
        }
        let mut said = Vec::new();
        if self.lines_left_out > 0 {
            said.push(format!(
                "{} left out",
                count(self.lines_left_out, "line", "lines")
            ));
        }
        if self.parts_left_out > 0 {
            said.push(format!(
                "{} left out",
                count(self.parts_left_out, "part of a line", "parts of lines")
            ));
        }
        if self.errors > 0 {
            said.push(count(self.errors, "error", "errors"));
        }
        Some(said.join(", "))
    }

    /// The mark shown next to a headline figure: "Incomplete: 2 lines left out, 1 error";
    /// `None` when complete.
    pub fn mark(&self) -> Option<String> {
        self.summary().map(|s| format!("Incomplete: {s}"))
    }
}

impl Location {
    /// The partnership the location is in, if it is in one.
    pub fn partnership(&self) -> Option<usize> {
        match *self {
            Location::Partnership { partnership }
            | Location::Cost { partnership, .. }
            | Location::Benefit { partnership, .. }
            | Location::Impact { partnership, .. }
            | Location::OptionCost { partnership, .. }
            | Location::OptionBenefit { partnership, .. }
            | Location::Proposal { partnership, .. }
            | Location::Register { partnership }
            | Location::Review { partnership, .. }
            | Location::Objective { partnership, .. } => Some(partnership),
            Location::Settings
            | Location::Partner { .. }
            | Location::Grade { .. }
            | Location::UnitValue { .. }
            | Location::Deflator { .. }
            | Location::ConfidenceGrade { .. }
            | Location::ProjectType { .. }
            | Location::Priority { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mark_says_what_is_missing_in_plain_words() {
        let c = |lines, parts, errors| Completeness {
            lines_left_out: lines,
            parts_left_out: parts,
            errors,
        };
        assert_eq!(c(0, 0, 0).mark(), None);
        assert_eq!(
            c(1, 0, 1).mark().as_deref(),
            Some("Incomplete: 1 line left out, 1 error")
        );
        assert_eq!(
            c(2, 3, 0).mark().as_deref(),
            Some("Incomplete: 2 lines left out, 3 parts of lines left out")
        );
        assert_eq!(
            c(0, 1, 4).summary().as_deref(),
            Some("1 part of a line left out, 4 errors")
        );
    }
}
