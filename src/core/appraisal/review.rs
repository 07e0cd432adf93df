//! The annual review cycle over the project: what each partnership's reviews lack, where
//! each partnership stands in the cycle on a given day, and the portfolio's count.
//!
//! Pure: the day is a parameter (`today`), never read from a clock, so the same project
//! and day give the same answer. Reads reviews and the register; changes no figure, and
//! what it finds are warnings, which mark no figure incomplete.

use super::{Diagnostic, Location, Severity};
use crate::model::{ActionStatus, DATE_FORMAT_HINT, Date, Partnership, Project};
use serde::Serialize;

/// A partnership whose next review falls within this many days of today is due.
pub const DUE_WITHIN_DAYS: i64 = 60;

/// Days since 1 January 1970 (proleptic Gregorian), for differences between dates.
pub fn day_number(date: Date) -> i64 {
    // H. Hinnant's days_from_civil: the year is counted from March, so the leap day ends it.
    let (y, m, d) = (
        i64::from(date.year()),
        i64::from(date.month()),
        i64::from(date.day()),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let month_from_march = (m + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + d - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Days from `from` to `to`: positive when `to` is later.
pub fn days_between(from: Date, to: Date) -> i64 {
    day_number(to) - day_number(from)
}

/// The same day a year later; 29 February gives 28 February. None past the year 9999.
pub fn a_year_after(date: Date) -> Option<Date> {
    let year = date.year().checked_add(1)?;
    Date::new(year, date.month(), date.day()).or_else(|| Date::new(year, date.month(), 28))
}

/// What each of the partnership's reviews lacks, as warnings: a review without a date or
/// reviewer; scaling down or exit without a reason; an action without an owner or a due
/// date. Review data: nothing here leaves out a line or marks a figure incomplete.
pub fn check(project: &Project, index: usize) -> Vec<Diagnostic> {
    let Some(p) = project.partnerships.get(index) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (r, review) in p.reviews.iter().enumerate() {
        let on = review.date.map_or_else(|| "undated".to_owned(), |d| d.uk());
        let context = format!("{}, review ({on})", p.name);
        let mut warn = |field: &str, message: String| {
            out.push(Diagnostic {
                severity: Severity::Warning,
                location: Location::Review {
                    partnership: index,
                    review: r,
                },
                context: context.clone(),
                field: field.to_owned(),
                message,
            });
        };
        if review.date.is_none() {
            warn(
                "Date",
                format!("the review has no date: {DATE_FORMAT_HINT}"),
            );
        }
        if review.reviewer.trim().is_empty() {
            warn("Reviewer", "say who reviewed the partnership".to_owned());
        }
        if review.decision.needs_reason() && review.reason.trim().is_empty() {
            warn(
                "Reason",
                format!(
                    "a decision to {} needs a reason",
                    review.decision.label().to_lowercase()
                ),
            );
        }
        for (a, action) in review.actions.iter().enumerate() {
            let what = if action.description.trim().is_empty() {
                format!("action {}", a + 1)
            } else {
                format!("action {} '{}'", a + 1, action.description.trim())
            };
            if action.owner.trim().is_empty() {
                warn("Owner", format!("{what} has no owner"));
            }
            if action.due.is_none() {
                warn("Due date", format!("{what} has no due date"));
            }
        }
    }
    out
}

/// Where a partnership stands in the review cycle on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ReviewState {
    /// Reviewed, and the next review is more than the window away.
    Reviewed,
    /// The next review falls within the window (today included).
    Due,
    /// The next review's date has passed.
    Overdue,
    /// No review held yet, and no review date that has come due.
    NeverReviewed,
}

impl ReviewState {
    pub fn label(self) -> &'static str {
        match self {
            ReviewState::Reviewed => "Reviewed",
            ReviewState::Due => "Review due",
            ReviewState::Overdue => "Review overdue",
            ReviewState::NeverReviewed => "Never reviewed",
        }
    }

    /// Due or overdue: the dashboard flags it.
    pub fn flagged(self) -> bool {
        matches!(self, ReviewState::Due | ReviewState::Overdue)
    }
}

/// Where the next review date comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum NextFrom {
    /// The register's next review date.
    Register,
    /// A year after the last review.
    LastReview,
}

/// An open action whose due date has passed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OverdueAction {
    /// The review's and the action's positions, as entered.
    pub review: usize,
    pub action: usize,
    pub description: String,
    pub owner: String,
    pub due: Date,
    pub days_late: i64,
}

/// One partnership's place in the review cycle on `today`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReviewStatus {
    pub partnership: usize,
    pub state: ReviewState,
    /// The latest review held on or before today.
    pub last_review: Option<Date>,
    pub next_review: Option<Date>,
    pub next_from: Option<NextFrom>,
    /// Days from today to the next review: negative when overdue.
    pub days_to_next: Option<i64>,
    pub overdue_actions: Vec<OverdueAction>,
    /// Actions still open, overdue or not.
    pub open_actions: usize,
}

impl ReviewStatus {
    /// In words: "Review overdue by 12 days (due 01/03/2027, a year after the last review)".
    pub fn describe(&self) -> String {
        let Some(next) = self.next_review else {
            return self.state.label().to_owned();
        };
        let from = match self.next_from {
            Some(NextFrom::Register) => "the register's next review date",
            _ => "a year after the last review",
        };
        let days = self.days_to_next.unwrap_or_default();
        let plural = |n: i64| if n == 1 { "day" } else { "days" };
        match self.state {
            ReviewState::Overdue => format!(
                "Review overdue by {} {} (due {}, {from})",
                -days,
                plural(-days),
                next.uk()
            ),
            ReviewState::Due if days == 0 => format!("Review due today ({from})"),
            ReviewState::Due => format!(
                "Review due in {days} {} on {} ({from})",
                plural(days),
                next.uk()
            ),
            ReviewState::Reviewed | ReviewState::NeverReviewed => {
                format!("{}; next review {} ({from})", self.state.label(), next.uk())
            }
        }
    }
}

/// The partnership's place in the cycle on `today`. The next review is the register's
/// date when it is set and later than the last review held, otherwise a year after the
/// last review. Reviews dated after today are not yet held; undated ones are not counted.
pub fn status(index: usize, p: &Partnership, today: Date, due_within_days: i64) -> ReviewStatus {
    let last_review = p
        .reviews
        .iter()
        .filter_map(|r| r.date)
        .filter(|d| *d <= today)
        .max();
    let register = p
        .register
        .next_review
        .filter(|next| last_review.is_none_or(|last| *next > last));
    let (next_review, next_from) = match (register, last_review.and_then(a_year_after)) {
        (Some(d), _) => (Some(d), Some(NextFrom::Register)),
        (None, Some(d)) => (Some(d), Some(NextFrom::LastReview)),
        (None, None) => (None, None),
    };
    let days_to_next = next_review.map(|next| days_between(today, next));
    let state = match days_to_next {
        Some(days) if days < 0 => ReviewState::Overdue,
        Some(days) if days <= due_within_days => ReviewState::Due,
        _ if last_review.is_some() => ReviewState::Reviewed,
        _ => ReviewState::NeverReviewed,
    };
    let mut overdue_actions = Vec::new();
    let mut open_actions = 0;
    for (r, review) in p.reviews.iter().enumerate() {
        for (a, action) in review.actions.iter().enumerate() {
            if action.status != ActionStatus::Open {
                continue;
            }
            open_actions += 1;
            if let Some(due) = action.due.filter(|due| *due < today) {
                overdue_actions.push(OverdueAction {
                    review: r,
                    action: a,
                    description: action.description.clone(),
                    owner: action.owner.clone(),
                    due,
                    days_late: days_between(due, today),
                });
            }
        }
    }
    ReviewStatus {
        partnership: index,
        state,
        last_review,
        next_review,
        next_from,
        days_to_next,
        overdue_actions,
        open_actions,
    }
}

/// Every partnership's place in the cycle on `today`, in project order.
pub fn statuses(project: &Project, today: Date, due_within_days: i64) -> Vec<ReviewStatus> {
    project
        .partnerships
        .iter()
        .enumerate()
        .map(|(i, p)| status(i, p, today, due_within_days))
        .collect()
}

/// The portfolio's count of the cycle on a day.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ReviewSummary {
    pub today: Option<Date>,
    pub due_within_days: i64,
    pub reviewed: usize,
    pub due: usize,
    pub overdue: usize,
    pub never_reviewed: usize,
    pub open_actions: usize,
    pub overdue_actions: usize,
}

impl ReviewSummary {
    pub fn of(statuses: &[ReviewStatus], today: Date, due_within_days: i64) -> Self {
        let mut s = ReviewSummary {
            today: Some(today),
            due_within_days,
            ..ReviewSummary::default()
        };
        for st in statuses {
            match st.state {
                ReviewState::Reviewed => s.reviewed += 1,
                ReviewState::Due => s.due += 1,
                ReviewState::Overdue => s.overdue += 1,
                ReviewState::NeverReviewed => s.never_reviewed += 1,
            }
            s.open_actions += st.open_actions;
            s.overdue_actions += st.overdue_actions.len();
        }
        s
    }

    /// Partnerships due or overdue: what the dashboard flags.
    pub fn flagged(&self) -> usize {
        self.due + self.overdue
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Action, Decision, Review};

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn ship(reviews: Vec<Review>, next: Option<Date>) -> Partnership {
        let mut p = Partnership::new("Community safety");
        p.reviews = reviews;
        p.register.next_review = next;
        p
    }

    #[test]
    fn day_numbers_count_real_days() {
        // 1 January 1970 is day 0; 2000 was a leap year (366 days), 2100 will not be.
        assert_eq!(day_number(d("1970-01-01")), 0);
        assert_eq!(day_number(d("1971-01-01")), 365);
        assert_eq!(days_between(d("2000-02-28"), d("2000-03-01")), 2);
        assert_eq!(days_between(d("2100-02-28"), d("2100-03-01")), 1);
        // 2027-03-14 to 2028-03-14 crosses 29 February 2028.
        assert_eq!(days_between(d("2027-03-14"), d("2028-03-14")), 366);
        assert_eq!(days_between(d("2028-03-14"), d("2027-03-14")), -366);
        assert_eq!(a_year_after(d("2028-02-29")), Some(d("2029-02-28")));
        assert_eq!(a_year_after(d("2026-06-30")), Some(d("2027-06-30")));
    }

    #[test]
    fn a_partnership_never_reviewed_and_with_no_date_set_is_never_reviewed() {
        let s = status(0, &ship(vec![], None), d("2027-01-10"), 60);
        assert_eq!(s.state, ReviewState::NeverReviewed);
        assert_eq!((s.next_review, s.days_to_next), (None, None));
    }

    #[test]
    fn the_next_review_is_a_year_after_the_last_and_its_state_follows_the_day() {
        // Reviewed 15/03/2026: next 15/03/2027. On 10/01/2027 that is 21 + 28 + 15 = 64
        // days away (more than 60: reviewed); on 14/01/2027, 60 days (due); on
        // 15/03/2027 itself, 0 (due today); on 20/03/2027, 5 days late (overdue).
        let p = ship(vec![Review::on(d("2026-03-15"))], None);
        let on = |day: &str| status(0, &p, d(day), 60);
        let s = on("2027-01-10");
        assert_eq!(s.state, ReviewState::Reviewed);
        assert_eq!(s.next_review, Some(d("2027-03-15")));
        assert_eq!(s.next_from, Some(NextFrom::LastReview));
        assert_eq!(s.days_to_next, Some(64));
        assert_eq!(on("2027-01-14").state, ReviewState::Due);
        assert_eq!(on("2027-01-14").days_to_next, Some(60));
        assert_eq!(
            on("2027-03-15").describe(),
            "Review due today (a year after the last review)"
        );
        let late = on("2027-03-20");
        assert_eq!(late.state, ReviewState::Overdue);
        assert_eq!(
            late.describe(),
            "Review overdue by 5 days (due 15/03/2027, a year after the last review)"
        );
    }

    #[test]
    fn the_registers_date_comes_first_unless_a_review_has_been_held_since() {
        // The register says 01/02/2027; the last review was 15/03/2026.
        let p = ship(vec![Review::on(d("2026-03-15"))], Some(d("2027-02-01")));
        let s = status(0, &p, d("2027-01-10"), 60);
        assert_eq!(s.next_review, Some(d("2027-02-01")));
        assert_eq!(s.next_from, Some(NextFrom::Register));
        assert_eq!(s.state, ReviewState::Due);
        assert_eq!(s.days_to_next, Some(22));
        // Reviewed on 05/02/2027, after the register's date: a year after that, 05/02/2028.
        let mut p = p;
        p.reviews.push(Review::on(d("2027-02-05")));
        let s = status(0, &p, d("2027-02-10"), 60);
        assert_eq!(s.next_review, Some(d("2028-02-05")));
        assert_eq!(s.state, ReviewState::Reviewed);
        // Never reviewed, but the register's date has passed: overdue.
        let s = status(0, &ship(vec![], Some(d("2027-01-01"))), d("2027-01-10"), 60);
        assert_eq!((s.state, s.days_to_next), (ReviewState::Overdue, Some(-9)));
        // Never reviewed, the register's date far off: never reviewed, with the date.
        let s = status(0, &ship(vec![], Some(d("2028-01-01"))), d("2027-01-10"), 60);
        assert_eq!(s.state, ReviewState::NeverReviewed);
    }

    #[test]
    fn reviews_dated_after_today_or_undated_are_not_held_yet() {
        let p = ship(vec![Review::on(d("2027-06-01")), Review::default()], None);
        let s = status(0, &p, d("2027-01-10"), 60);
        assert_eq!(s.state, ReviewState::NeverReviewed);
        assert_eq!(s.last_review, None);
    }

    #[test]
    fn open_actions_past_their_due_date_are_overdue_and_others_are_not() {
        let action = |due: Option<&str>, status| Action {
            description: "Agree exit terms".into(),
            owner: "Head of finance".into(),
            due: due.map(d),
            status,
        };
        let mut review = Review::on(d("2026-03-15"));
        review.actions = vec![
            action(Some("2026-12-31"), ActionStatus::Open), // 10 days late on 10/01/2027
            action(Some("2026-12-31"), ActionStatus::Done),
            action(Some("2027-01-10"), ActionStatus::Open), // due today: not late
            action(None, ActionStatus::Open),
            action(Some("2026-06-30"), ActionStatus::Dropped),
        ];
        let s = status(0, &ship(vec![review], None), d("2027-01-10"), 60);
        assert_eq!(s.open_actions, 3);
        assert_eq!(s.overdue_actions.len(), 1);
        assert_eq!(s.overdue_actions[0].action, 0);
        assert_eq!(s.overdue_actions[0].days_late, 10);
    }

    #[test]
    fn the_summary_counts_each_state_and_the_actions() {
        let mut project = Project::new("Borough");
        let mut late = Review::on(d("2025-01-01"));
        late.actions.push(Action {
            description: "Refresh the agreement".into(),
            owner: "Legal".into(),
            due: Some(d("2026-01-01")),
            status: ActionStatus::Open,
        });
        project.partnerships = vec![
            ship(vec![late], None),                        // next 01/01/2026: overdue
            ship(vec![Review::on(d("2026-02-01"))], None), // next 01/02/2027: due in 22 days
            ship(vec![Review::on(d("2026-12-01"))], None), // next 01/12/2027: reviewed
            ship(vec![], None),                            // never reviewed
        ];
        let today = d("2027-01-10");
        let all = statuses(&project, today, DUE_WITHIN_DAYS);
        let s = ReviewSummary::of(&all, today, DUE_WITHIN_DAYS);
        assert_eq!(
            (s.overdue, s.due, s.reviewed, s.never_reviewed),
            (1, 1, 1, 1)
        );
        assert_eq!((s.open_actions, s.overdue_actions, s.flagged()), (1, 1, 2));
    }

    #[test]
    fn a_review_lacking_date_reviewer_reason_owner_or_due_date_is_warned_of() {
        let mut project = Project::new("Borough");
        let mut review = Review {
            decision: Decision::Exit,
            ..Review::default()
        };
        review.actions.push(Action::default());
        project.partnerships = vec![ship(vec![review], None)];
        let found = check(&project, 0);
        let fields: Vec<&str> = found.iter().map(|d| d.field.as_str()).collect();
        assert_eq!(
            fields,
            vec!["Date", "Reviewer", "Reason", "Owner", "Due date"]
        );
        assert!(found.iter().all(|d| d.severity == Severity::Warning));
        assert!(
            found[0].message.contains("14/03/2027"),
            "{}",
            found[0].message
        );
        assert_eq!(found[2].message, "a decision to exit needs a reason");
        assert_eq!(found[3].message, "action 1 has no owner");
        // A complete review is not warned of.
        let r = &mut project.partnerships[0].reviews[0];
        r.date = Some(d("2027-01-10"));
        r.reviewer = "Audit committee".into();
        r.reason = "Costs outweigh benefits".into();
        r.actions[0].owner = "Chief executive".into();
        r.actions[0].due = Some(d("2027-03-31"));
        assert!(check(&project, 0).is_empty());
    }
}
