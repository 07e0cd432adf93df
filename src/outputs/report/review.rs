//! The reviews in `appraise --format json`: each partnership's reviews as entered, and,
//! when the command is given the day (`--as-of`), where each partnership stands in the
//! review cycle on that day and the portfolio's count. The day is never read here.

use super::{PartnershipReports, Report};
use crate::appraisal::review::{DUE_WITHIN_DAYS, ReviewStatus, ReviewSummary, statuses};
use crate::model::{Action, Date, Review};
use serde::Serialize;

/// A review as written in the JSON: every field present, words as the app shows them.
#[derive(Serialize)]
pub struct ReviewReport {
    /// ISO 8601, or null when the review has no date.
    pub date: Option<Date>,
    pub reviewer: String,
    pub value_for_money: &'static str,
    pub performance: &'static str,
    pub governance: &'static str,
    pub risk: &'static str,
    pub decision: &'static str,
    pub reason: String,
    pub actions: Vec<ActionReport>,
}

#[derive(Serialize)]
pub struct ActionReport {
    pub description: String,
    pub owner: String,
    pub due: Option<Date>,
    pub status: &'static str,
}

impl ActionReport {
    fn new(a: &Action) -> Self {
        ActionReport {
            description: a.description.clone(),
            owner: a.owner.clone(),
            due: a.due,
            status: a.status.label(),
        }
    }
}

impl ReviewReport {
    pub fn new(r: &Review) -> Self {
        ReviewReport {
            date: r.date,
            reviewer: r.reviewer.clone(),
            value_for_money: r.value_for_money.label(),
            performance: r.performance.label(),
            governance: r.governance.label(),
            risk: r.risk.label(),
            decision: r.decision.label(),
            reason: r.reason.clone(),
            actions: r.actions.iter().map(ActionReport::new).collect(),
        }
    }
}

/// The partnership's reviews, in the order entered.
pub fn reviews_of(reviews: &[Review]) -> Vec<ReviewReport> {
    reviews.iter().map(ReviewReport::new).collect()
}

impl Report {
    /// Adds the portfolio's count of the review cycle on `as_of`, and has `partnerships`
    /// say where each stands (next review due within `DUE_WITHIN_DAYS` days counts as due).
    pub fn add_review_status(&mut self, partnerships: &mut PartnershipReports<'_>, as_of: Date) {
        let all: Vec<ReviewStatus> = statuses(partnerships.project, as_of, DUE_WITHIN_DAYS);
        self.review_summary = Some(ReviewSummary::of(&all, as_of, DUE_WITHIN_DAYS));
        partnerships.review_status = Some(all);
    }
}
