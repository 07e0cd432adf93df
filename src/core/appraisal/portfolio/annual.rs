//! The annual review of the portfolio on a day: what an audit committee or scrutiny is
//! asked to look at (the Audit Commission, 2005: review each partnership every year and
//! scale down where costs outweigh benefits). Drawn from the register, the reviews, the
//! objectives, the appraisal and the actuals against plan; computes no money of its own
//! beyond adding up the actuals report's variances by partner, and changes nothing.

use super::network::Network;
use crate::appraisal::actuals::{ActualsReport, LineSide};
use crate::appraisal::objectives::{ObjectiveRating, rate_objective};
use crate::appraisal::review::{OverdueAction, ReviewState, ReviewStatus, ReviewSummary, status};
use crate::appraisal::{
    AllCompleteness, Appraisal, Completeness, SignificanceFinding, significance_of,
};
use crate::model::{
    AreaStatus, Date, Decision, GovernanceArea, Project, Rating, RiskRating, newest_first,
};
use rust_decimal::Decimal;
use serde::Serialize;

/// The latest review held on or before the day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LatestReview {
    pub date: Date,
    pub reviewer: String,
    /// Value for money, performance, governance and risk, as rated.
    pub ratings: [(&'static str, Rating); 4],
    pub decision: Decision,
    pub reason: String,
}

/// An area of the governance check that is not met in full: partly met, not met, or not
/// yet assessed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GovernanceGap {
    pub area: GovernanceArea,
    pub status: AreaStatus,
    pub evidence: String,
}

/// A risk rated high (a score of 15 or more).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HighRisk {
    pub description: String,
    pub score: u8,
    pub owner: String,
    pub mitigation: String,
}

/// An objective and how its indicators stand against their targets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ObjectiveProgress {
    pub name: String,
    /// The community strategy's priority it serves.
    pub priority: Option<String>,
    pub rating: ObjectiveRating,
}

/// One partner's costs in the years that have passed, as planned and as they turned out
/// (real terms at the price base year, undiscounted, no optimism bias on the actuals):
/// the resources it actually used.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PartnerOutturn {
    pub partner: String,
    /// The plan (the baseline, or the current forecast where no baseline holds the
    /// partnership) for the lines and years with an actual.
    pub plan: Decimal,
    pub actual: Decimal,
    /// Actual − plan: more spent than planned is positive.
    pub variance: Decimal,
}

/// One partnership as the annual review sees it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReviewedPartnership {
    /// The partnership's index in the project.
    pub index: usize,
    pub name: String,
    pub significance: SignificanceFinding,
    pub status: ReviewStatus,
    pub latest: Option<LatestReview>,
    /// The areas not met in full, in the checklist's order.
    pub governance_gaps: Vec<GovernanceGap>,
    /// Areas met, partly met, not met and not assessed.
    pub governance_counts: [usize; 4],
    /// High risks, highest score first.
    pub high_risks: Vec<HighRisk>,
    /// Its objectives, in the order entered, each rated by its indicators.
    pub objectives: Vec<ObjectiveProgress>,
    pub pv_costs: Decimal,
    pub pv_benefits: Decimal,
    pub net_value: Decimal,
    /// Whether the figures above are complete; a figure shown is marked when not.
    pub completeness: Completeness,
}

impl ReviewedPartnership {
    /// Costs outweigh benefits: the net present value is below zero.
    pub fn costs_outweigh_benefits(&self) -> bool {
        self.net_value < Decimal::ZERO
    }

    /// The latest review decided to scale down or to exit.
    pub fn decided_to_reduce(&self) -> bool {
        self.latest
            .as_ref()
            .is_some_and(|l| matches!(l.decision, Decision::ScaleDown | Decision::Exit))
    }

    /// Costs outweigh benefits, and no review since has decided to scale down or exit:
    /// what the Audit Commission asked committees to challenge.
    pub fn needs_challenge(&self) -> bool {
        self.costs_outweigh_benefits() && !self.decided_to_reduce()
    }
}

/// One partner's resources across the portfolio, as appraised (a forecast, optimism bias
/// included), and the time it gives.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PartnerResources {
    pub partner: String,
    /// The partnerships it is a member of.
    pub partnerships: usize,
    /// The partnerships among them found significant.
    pub significant: usize,
    pub pv_costs: Decimal,
    pub hours_per_year: Decimal,
    pub meeting_hours_per_year: Decimal,
    pub net_budget: Decimal,
}

/// The portfolio's annual review on a day.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AnnualReview {
    pub as_of: Date,
    pub due_within_days: i64,
    pub summary: ReviewSummary,
    /// Every partnership, in project order.
    pub partnerships: Vec<ReviewedPartnership>,
    /// Every partner, in the project's order.
    pub partners: Vec<PartnerResources>,
    /// The partners with a cost actual entered, in the order first met: the resources
    /// actually used. Empty when no actual is entered.
    pub outturn: Vec<PartnerOutturn>,
    /// What the outturn is measured against: the baseline's name, or none when no
    /// baseline is set (the plan is then the current forecast).
    pub outturn_against: Option<String>,
    /// Actuals left out of the outturn (no deflator, no such line): it is then
    /// incomplete, and says so.
    pub outturn_errors: usize,
    /// Whether the portfolio's figures are complete.
    pub completeness: Completeness,
}

impl AnnualReview {
    pub fn significant(&self) -> impl Iterator<Item = &ReviewedPartnership> {
        self.partnerships
            .iter()
            .filter(|p| p.significance.significant)
    }

    /// Reviews overdue, most overdue first, then reviews due, soonest first.
    pub fn due_or_overdue(&self) -> Vec<&ReviewedPartnership> {
        let mut out: Vec<_> = self
            .partnerships
            .iter()
            .filter(|p| p.status.state.flagged())
            .collect();
        out.sort_by_key(|p| (p.status.days_to_next.unwrap_or(i64::MIN), p.index));
        out
    }

    pub fn never_reviewed(&self) -> impl Iterator<Item = &ReviewedPartnership> {
        self.partnerships
            .iter()
            .filter(|p| p.status.state == ReviewState::NeverReviewed)
    }

    /// Partnerships whose costs outweigh their benefits, lowest net value first.
    pub fn costs_outweigh_benefits(&self) -> Vec<&ReviewedPartnership> {
        let mut out: Vec<_> = self
            .partnerships
            .iter()
            .filter(|p| p.costs_outweigh_benefits())
            .collect();
        out.sort_by(|a, b| a.net_value.cmp(&b.net_value).then(a.index.cmp(&b.index)));
        out
    }

    /// Every overdue action with its partnership, most days late first.
    pub fn overdue_actions(&self) -> Vec<(&ReviewedPartnership, &OverdueAction)> {
        let mut out: Vec<_> = self
            .partnerships
            .iter()
            .flat_map(|p| p.status.overdue_actions.iter().map(move |a| (p, a)))
            .collect();
        out.sort_by(|(p, a), (q, b)| b.days_late.cmp(&a.days_late).then(p.index.cmp(&q.index)));
        out
    }

    /// Partnerships with an area partly met or not met (areas not assessed are counted
    /// apart, in `governance_counts`).
    pub fn governance_gaps(&self) -> impl Iterator<Item = &ReviewedPartnership> {
        self.partnerships.iter().filter(|p| {
            p.governance_gaps
                .iter()
                .any(|g| g.status != AreaStatus::NotAssessed)
        })
    }
}

impl AnnualReview {
    /// Every objective with its partnership, in project order.
    pub fn objectives(&self) -> impl Iterator<Item = (&ReviewedPartnership, &ObjectiveProgress)> {
        self.partnerships
            .iter()
            .flat_map(|p| p.objectives.iter().map(move |o| (p, o)))
    }
}

/// What the annual review is drawn from besides the project: its appraisal, the
/// completeness of the appraisal's figures, its partner network
/// ([`network`](super::network)) and, where actuals are entered or a baseline set, the
/// actuals against plan ([`actuals`](crate::appraisal::actuals::actuals)).
pub struct Sources<'a> {
    pub appraisal: &'a Appraisal,
    pub completeness: &'a AllCompleteness,
    pub network: &'a Network,
    pub actuals: Option<&'a ActualsReport>,
}

/// Each partner's costs in the passed years, planned and actual, from the actuals
/// report's variances: partners in the order first met.
fn outturn(report: &ActualsReport) -> Vec<PartnerOutturn> {
    let mut out: Vec<PartnerOutturn> = Vec::new();
    let lines = report.partnerships.iter().flat_map(|p| &p.lines);
    for line in lines.filter(|l| l.side == LineSide::Cost) {
        for year in &line.years {
            let Some(actual) = year.actual else { continue };
            let at = match out.iter().position(|o| o.partner == line.partner) {
                Some(at) => at,
                None => {
                    out.push(PartnerOutturn {
                        partner: line.partner.clone(),
                        plan: Decimal::ZERO,
                        actual: Decimal::ZERO,
                        variance: Decimal::ZERO,
                    });
                    out.len() - 1
                }
            };
            let o = &mut out[at];
            o.plan = o.plan.saturating_add(year.plan);
            o.actual = o.actual.saturating_add(actual);
            o.variance = o.actual.saturating_sub(o.plan);
        }
    }
    out
}

/// The annual review of `project` on `today`, from `sources` of this revision of the
/// project; a partnership the appraisal does not cover is shown with no figures and
/// marked incomplete.
pub fn annual_review(
    project: &Project,
    sources: Sources,
    today: Date,
    due_within_days: i64,
) -> AnnualReview {
    let Sources {
        appraisal,
        completeness,
        network: net,
        actuals,
    } = sources;
    let partnerships: Vec<ReviewedPartnership> = project
        .partnerships
        .iter()
        .enumerate()
        .map(|(index, p)| {
            let result = appraisal.partnerships.get(index);
            let significance =
                significance_of(project, appraisal, index).unwrap_or(SignificanceFinding {
                    partnership: index,
                    significant: false,
                    reasons: Vec::new(),
                });
            let latest = newest_first(&p.reviews)
                .into_iter()
                .filter_map(|i| p.reviews.get(i))
                .find_map(|r| {
                    r.date.filter(|d| *d <= today).map(|date| LatestReview {
                        date,
                        reviewer: r.reviewer.clone(),
                        ratings: r.ratings(),
                        decision: r.decision,
                        reason: r.reason.clone(),
                    })
                });
            let check = &p.register.governance;
            let governance_gaps = GovernanceArea::ALL
                .into_iter()
                .filter(|a| check.area(*a).status != AreaStatus::Met)
                .map(|area| GovernanceGap {
                    area,
                    status: check.area(area).status,
                    evidence: check.area(area).evidence.clone(),
                })
                .collect();
            let mut high_risks: Vec<HighRisk> = p
                .register
                .risks
                .iter()
                .filter_map(|r| {
                    let score = r.score()?;
                    (RiskRating::of_score(score) == RiskRating::High).then(|| HighRisk {
                        description: r.description.clone(),
                        score,
                        owner: r.owner.clone(),
                        mitigation: r.mitigation.clone(),
                    })
                })
                .collect();
            high_risks.sort_by_key(|r| std::cmp::Reverse(r.score));
            let objectives = p
                .objectives
                .iter()
                .map(|o| ObjectiveProgress {
                    name: o.name.clone(),
                    priority: o.priority.clone(),
                    rating: rate_objective(o),
                })
                .collect();
            let mut completeness = completeness.partnership(index);
            if result.is_none() {
                completeness.errors = completeness.errors.max(1);
            }
            ReviewedPartnership {
                index,
                name: p.name.clone(),
                significance,
                status: status(index, p, today, due_within_days),
                latest,
                governance_gaps,
                governance_counts: check.counts(),
                high_risks,
                objectives,
                pv_costs: result.map_or(Decimal::ZERO, |r| r.measures.pvc),
                pv_benefits: result.map_or(Decimal::ZERO, |r| r.measures.pvb_total),
                net_value: result.map_or(Decimal::ZERO, |r| r.measures.net_value),
                completeness,
            }
        })
        .collect();
    let statuses: Vec<ReviewStatus> = partnerships.iter().map(|p| p.status.clone()).collect();
    let summary = ReviewSummary::of(&statuses, today, due_within_days);
    let partners = net
        .partners
        .iter()
        .zip(&net.totals)
        .enumerate()
        .map(|(k, (partner, total))| PartnerResources {
            partner: partner.clone(),
            partnerships: total.memberships,
            significant: net
                .memberships
                .iter()
                .filter(|(who, ship)| {
                    *who == k
                        && partnerships
                            .get(*ship)
                            .is_some_and(|p| p.significance.significant)
                })
                .count(),
            pv_costs: total.pv_costs,
            hours_per_year: total.hours_per_year,
            meeting_hours_per_year: total.meeting_hours_per_year,
            net_budget: total.net_budget,
        })
        .collect();
    let errors = |r: &ActualsReport| r.partnerships.iter().map(|p| p.errors).sum();
    AnnualReview {
        as_of: today,
        due_within_days,
        summary,
        partnerships,
        partners,
        outturn: actuals.map(outturn).unwrap_or_default(),
        outturn_against: actuals.and_then(|r| r.baseline.clone()),
        outturn_errors: actuals.map_or(0, errors),
        completeness: completeness.portfolio,
    }
}
