//! The annual review of a partnership: who reviewed it and when, how it rates, what was
//! decided and the actions that follow. Review data only: nothing here enters a figure.

use super::Date;
use serde::{Deserialize, Serialize};

/// How a review rates one aspect of a partnership.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rating {
    #[default]
    NotRated,
    Good,
    Adequate,
    Poor,
}

impl Rating {
    pub const ALL: [Rating; 4] = [
        Rating::NotRated,
        Rating::Good,
        Rating::Adequate,
        Rating::Poor,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Rating::NotRated => "Not rated",
            Rating::Good => "Good",
            Rating::Adequate => "Adequate",
            Rating::Poor => "Poor",
        }
    }
}

/// What the review decided to do with the partnership (the Audit Commission, 2005:
/// review each partnership and scale down where costs outweigh benefits).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    #[default]
    Continue,
    Improve,
    ScaleDown,
    Exit,
}

impl Decision {
    pub const ALL: [Decision; 4] = [
        Decision::Continue,
        Decision::Improve,
        Decision::ScaleDown,
        Decision::Exit,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Decision::Continue => "Continue",
            Decision::Improve => "Improve",
            Decision::ScaleDown => "Scale down",
            Decision::Exit => "Exit",
        }
    }

    /// Scaling down or leaving must say why.
    pub fn needs_reason(self) -> bool {
        matches!(self, Decision::ScaleDown | Decision::Exit)
    }
}

/// Where an action stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActionStatus {
    #[default]
    Open,
    Done,
    Dropped,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 3] = [
        ActionStatus::Open,
        ActionStatus::Done,
        ActionStatus::Dropped,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::Open => "Open",
            ActionStatus::Done => "Done",
            ActionStatus::Dropped => "Dropped",
        }
    }
}

/// Something the review asks someone to do by a date.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Who is to do it: a person or a body.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    #[serde(default, skip_serializing_if = "is_open")]
    pub status: ActionStatus,
}

fn is_open(s: &ActionStatus) -> bool {
    *s == ActionStatus::Open
}

fn not_rated(r: &Rating) -> bool {
    *r == Rating::NotRated
}

fn is_continue(d: &Decision) -> bool {
    *d == Decision::Continue
}

/// One review of a partnership (file format 2), usually one a year. Every field may be
/// left out of the file; `validate` says what a review lacks.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reviewer: String,
    #[serde(default, skip_serializing_if = "not_rated")]
    pub value_for_money: Rating,
    #[serde(default, skip_serializing_if = "not_rated")]
    pub performance: Rating,
    #[serde(default, skip_serializing_if = "not_rated")]
    pub governance: Rating,
    #[serde(default, skip_serializing_if = "not_rated")]
    pub risk: Rating,
    #[serde(default, skip_serializing_if = "is_continue")]
    pub decision: Decision,
    /// Why the decision was taken (required to scale down or exit).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Action>,
}

impl Review {
    /// A review held on `date`: to continue, nothing rated yet.
    pub fn on(date: Date) -> Review {
        Review {
            date: Some(date),
            ..Review::default()
        }
    }

    /// The four ratings with their labels, in the order the app shows them.
    pub fn ratings_mut(&mut self) -> [(&'static str, &mut Rating); 4] {
        [
            ("Value for money", &mut self.value_for_money),
            ("Performance", &mut self.performance),
            ("Governance", &mut self.governance),
            ("Risk", &mut self.risk),
        ]
    }

    /// The four ratings with their labels.
    pub fn ratings(&self) -> [(&'static str, Rating); 4] {
        [
            ("Value for money", self.value_for_money),
            ("Performance", self.performance),
            ("Governance", self.governance),
            ("Risk", self.risk),
        ]
    }
}

/// The reviews' positions, newest first: dated reviews by date (latest first, and of
/// the same date the one entered later first), then undated ones, last entered first.
pub fn newest_first(reviews: &[Review]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..reviews.len()).collect();
    order.sort_by(|&a, &b| {
        let (da, db) = (reviews[a].date, reviews[b].date);
        match (da, db) {
            (Some(x), Some(y)) => y.cmp(&x).then(b.cmp(&a)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => b.cmp(&a),
        }
    });
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn reviews_are_listed_newest_first_and_undated_ones_last() {
        let reviews = vec![
            Review::on(d("2026-03-01")),
            Review::default(),
            Review::on(d("2027-03-01")),
            Review::on(d("2026-03-01")),
        ];
        assert_eq!(newest_first(&reviews), vec![2, 3, 0, 1]);
    }

    #[test]
    fn only_scaling_down_or_exit_needs_a_reason() {
        let needs: Vec<bool> = Decision::ALL.iter().map(|d| d.needs_reason()).collect();
        assert_eq!(needs, vec![false, false, true, true]);
    }
}
