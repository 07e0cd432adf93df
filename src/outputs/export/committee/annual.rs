//! The annual review report for the audit committee or scrutiny: the register's
//! significant partnerships, where each stands in the review cycle, those whose costs
//! outweigh their benefits, each partner's resources, governance gaps, high risks, and
//! the decisions and actions of the reviews. Every figure comes from
//! [`AnnualReview`](crate::appraisal::portfolio::annual::AnnualReview), printed through
//! `format.rs`; nothing here computes money.

use super::sections::{contact_table, or_placeholder, report_front_page};
use super::{Block, TableBlock};
use crate::appraisal::portfolio::annual::{AnnualReview, ReviewedPartnership};
use crate::format;
use crate::model::{AreaStatus, Project};
use rust_decimal::Decimal;

/// The report's numbered sections, as printed.
pub const ANNUAL_SECTIONS: [&str; 11] = [
    "Purpose of the report",
    "Recommendations",
    "The portfolio at a glance",
    "Significant partnerships",
    "The review cycle",
    "Value for money: where costs outweigh benefits",
    "Achievements against objectives",
    "Resources each partner gives",
    "Governance health check",
    "Risks rated high",
    "Decisions and actions",
];

/// The number a section is printed with: its place in [`ANNUAL_SECTIONS`], from 1.
fn section_number(heading: &str) -> usize {
    ANNUAL_SECTIONS
        .iter()
        .position(|h| *h == heading)
        .map_or(0, |i| i + 1)
}

struct Ctx<'a> {
    project: &'a Project,
    review: &'a AnnualReview,
    sym: &'a str,
}

impl Ctx<'_> {
    fn money(&self, value: Decimal) -> String {
        format::money_whole(value, self.sym)
    }

    /// A partnership's net value, marked when its figures are incomplete.
    fn net_value(&self, p: &ReviewedPartnership) -> String {
        let figure = self.money(p.net_value);
        match p.completeness.summary() {
            Some(missing) => format!("{figure} (incomplete: {missing})"),
            None => figure,
        }
    }

    fn committee(&self) -> String {
        let c = self.project.report.committee.trim();
        if c.is_empty() {
            "the committee".to_owned()
        } else {
            c.to_owned()
        }
    }
}

/// The annual review report as blocks, for the project file named `project_file`.
pub fn annual_blocks(
    project: &Project,
    review: &AnnualReview,
    project_file: Option<&str>,
) -> Vec<Block> {
    let ctx = Ctx {
        project,
        review,
        sym: &project.settings.currency_symbol,
    };
    let mut out = front_page(&ctx);
    let bodies: [fn(&Ctx, &mut Vec<Block>); 11] = [
        purpose,
        recommendations,
        at_a_glance,
        significant,
        cycle,
        value_for_money,
        objectives,
        resources,
        governance,
        risks,
        decisions,
    ];
    for (number, (heading, body)) in ANNUAL_SECTIONS.iter().zip(bodies).enumerate() {
        out.push(Block::Heading(format!("{}. {heading}", number + 1)));
        body(&ctx, &mut out);
    }
    let n = ANNUAL_SECTIONS.len();
    out.push(Block::Heading(format!("{}. Contact officer", n + 1)));
    out.push(Block::Table(contact_table(&project.report)));
    out.push(Block::Heading(format!("{}. Background papers", n + 2)));
    let mut t = TableBlock::new(&["Document", "Where it is held"], 2);
    t.row(
        vec![
            format!(
                "Partnership appraisal project file, with the register and the reviews: {}",
                project_file.unwrap_or("(not yet saved)")
            ),
            or_placeholder(&project.report.author, "contact officer"),
        ],
        false,
    );
    out.push(Block::Table(t));
    out
}

fn front_page(ctx: &Ctx) -> Vec<Block> {
    report_front_page(
        &ctx.project.report,
        format!("{}: annual review of partnerships", ctx.project.name),
        &[("Position as at", ctx.review.as_of.uk())],
        ctx.review.completeness,
    )
}

fn purpose(ctx: &Ctx, out: &mut Vec<Block>) {
    out.push(Block::Para(format!(
        "To report the annual review of the {} in the register of {} as at {}. The Audit \
         Commission (Governing partnerships, 2005) asked every public body to review each \
         of its partnerships every year and to scale down where costs outweigh benefits; \
         this report gives {} what it needs to challenge that review.",
        format::count(ctx.review.partnerships.len(), "partnership", "partnerships"),
        ctx.project.name,
        ctx.review.as_of.uk(),
        ctx.committee(),
    )));
}

fn recommendations(ctx: &Ctx, out: &mut Vec<Block>) {
    let r = ctx.review;
    let mut points = vec![format!(
        "notes the annual review of {} as at {};",
        format::count(r.partnerships.len(), "partnership", "partnerships"),
        r.as_of.uk()
    )];
    let overdue = r.summary.overdue + r.summary.never_reviewed;
    if overdue > 0 {
        points.push(format!(
            "asks for the {} overdue or never held to be held before its next meeting;",
            format::count(overdue, "review", "reviews")
        ));
    }
    let challenge = r
        .partnerships
        .iter()
        .filter(|p| p.needs_challenge())
        .count();
    if challenge > 0 {
        points.push(format!(
            "challenges the {} whose costs outweigh their benefits and whose latest review \
             has not decided to scale down or exit (section {});",
            format::count(challenge, "partnership", "partnerships"),
            section_number("Value for money: where costs outweigh benefits")
        ));
    }
    if r.summary.overdue_actions > 0 {
        points.push(format!(
            "asks the owners of the {} to report progress (section 10);",
            format::count(
                r.summary.overdue_actions,
                "overdue action",
                "overdue actions"
            )
        ));
    }
    let gaps = r.governance_gaps().count();
    if gaps > 0 {
        points.push(format!(
            "asks the lead partners of the {} with governance areas not met in full to \
             set out how they will be met (section {}).",
            format::count(gaps, "partnership", "partnerships"),
            section_number("Governance health check")
        ));
    }
    out.push(Block::Para(format!("That {}:", ctx.committee())));
    for (i, point) in points.iter().enumerate() {
        let letter = char::from(b'a' + u8::try_from(i % 26).unwrap_or(0));
        out.push(Block::Para(format!("({letter}) {point}")));
    }
}

fn at_a_glance(ctx: &Ctx, out: &mut Vec<Block>) {
    let r = ctx.review;
    let s = &r.summary;
    let mut t = TableBlock::new(&["Measure", "Partnerships"], 1);
    let rows = [
        ("In the register", r.partnerships.len()),
        ("Significant", r.significant().count()),
        ("Reviewed, next review not yet due", s.reviewed),
        (
            &*format!("Review due within {} days", r.due_within_days),
            s.due,
        ),
        ("Review overdue", s.overdue),
        ("Never reviewed", s.never_reviewed),
        ("Costs outweigh benefits", r.costs_outweigh_benefits().len()),
        (
            "With governance areas partly met or not met",
            r.governance_gaps().count(),
        ),
    ];
    for (label, n) in rows {
        t.row(vec![label.to_owned(), n.to_string()], false);
    }
    out.push(Block::Table(t));
    out.push(Block::Para(format!(
        "The reviews have {} open, of which {} overdue.",
        format::count(s.open_actions, "action", "actions"),
        s.overdue_actions
    )));
}

fn significant(ctx: &Ctx, out: &mut Vec<Block>) {
    let list: Vec<_> = ctx.review.significant().collect();
    if list.is_empty() {
        out.push(Block::Para(
            "No partnership meets the significance test the project sets.".into(),
        ));
        return;
    }
    out.push(Block::Para(format!(
        "{} of the {} {} significant under the project's test.",
        list.len(),
        ctx.review.partnerships.len(),
        if list.len() == 1 { "is" } else { "are" }
    )));
    let mut t = TableBlock::new(
        &[
            "Partnership",
            "Lead partner",
            "Accountable body",
            "Why significant",
        ],
        4,
    );
    for p in list {
        let register = ctx
            .project
            .partnerships
            .get(p.index)
            .map(|ship| &ship.register);
        t.row(
            vec![
                p.name.clone(),
                register
                    .and_then(|r| r.lead_partner.clone())
                    .unwrap_or_else(|| "Not recorded".into()),
                register
                    .map(|r| r.accountable_body.trim())
                    .filter(|b| !b.is_empty())
                    .unwrap_or("Not recorded")
                    .to_owned(),
                p.significance.reasons.join("; "),
            ],
            false,
        );
    }
    out.push(Block::Table(t));
}

fn cycle(ctx: &Ctx, out: &mut Vec<Block>) {
    let r = ctx.review;
    out.push(Block::Para(format!(
        "A review is due when its date falls within {} days of {}: the register's next \
         review date where set, otherwise a year after the last review.",
        r.due_within_days,
        r.as_of.uk()
    )));
    let flagged = r.due_or_overdue();
    let never: Vec<_> = r.never_reviewed().collect();
    if flagged.is_empty() && never.is_empty() {
        out.push(Block::Para(
            "Every partnership has been reviewed and none is yet due.".into(),
        ));
        return;
    }
    let mut t = TableBlock::new(&["Partnership", "Last review", "Where it stands"], 3);
    for p in flagged.into_iter().chain(never) {
        t.row(
            vec![
                p.name.clone(),
                p.status
                    .last_review
                    .map_or_else(|| "None".to_owned(), |d| d.uk()),
                p.status.describe(),
            ],
            p.status.state == crate::appraisal::review::ReviewState::Overdue,
        );
    }
    out.push(Block::Table(t));
}

fn value_for_money(ctx: &Ctx, out: &mut Vec<Block>) {
    let list = ctx.review.costs_outweigh_benefits();
    if list.is_empty() {
        out.push(Block::Para(
            "No partnership's appraised costs outweigh its benefits.".into(),
        ));
        return;
    }
    out.push(Block::Para(format!(
        "The appraisal (present values, Green Book discounting, optimism bias included) finds \
         that the costs of {} outweigh their benefits. The Audit Commission advises \
         considering scaling these down; the latest decision of each is shown.",
        format::count(list.len(), "partnership", "partnerships")
    )));
    let mut t = TableBlock::new(
        &[
            "Partnership",
            "Latest decision",
            "Present value of costs",
            "Present value of benefits",
            "Net present value",
        ],
        2,
    );
    for p in list {
        let decision = p.latest.as_ref().map_or_else(
            || "Not yet reviewed".to_owned(),
            |l| format!("{} ({})", l.decision.label(), l.date.uk()),
        );
        t.row(
            vec![
                p.name.clone(),
                decision,
                ctx.money(p.pv_costs),
                ctx.money(p.pv_benefits),
                ctx.net_value(p),
            ],
            p.needs_challenge(),
        );
    }
    out.push(Block::Table(t));
    out.push(Block::Para(
        "Rows in bold have no decision to scale down or exit since the appraisal.".into(),
    ));
}

fn objectives(ctx: &Ctx, out: &mut Vec<Block>) {
    let all: Vec<_> = ctx.review.objectives().collect();
    if all.is_empty() {
        out.push(Block::Para(
            "No partnership records objectives towards the community strategy's priorities.".into(),
        ));
        return;
    }
    out.push(Block::Para(format!(
        "Each objective is rated by its indicators' latest year with both a target and an \
         actual; the worst rates the objective. {}",
        crate::appraisal::objectives::RATING_RULE
    )));
    let mut t = TableBlock::new(&["Partnership", "Objective", "Priority", "Rating"], 4);
    for (p, o) in all {
        t.row(
            vec![
                p.name.clone(),
                o.name.clone(),
                o.priority.clone().unwrap_or_else(|| "None".into()),
                o.rating.describe(),
            ],
            o.rating.worst == Some(crate::appraisal::objectives::IndicatorRating::OffTarget),
        );
    }
    out.push(Block::Table(t));
    out.push(Block::Para("Objectives off target are in bold.".into()));
}

fn resources(ctx: &Ctx, out: &mut Vec<Block>) {
    outturn(ctx, out);
    if ctx.review.partners.is_empty() {
        out.push(Block::Para("The project has no partners.".into()));
        return;
    }
    out.push(Block::Para(
        "What each partner puts into the portfolio as appraised: the present value of the \
         costs it bears (a forecast, optimism bias included) and the staff and meeting hours \
         it gives a year, averaged over the appraisal period."
            .into(),
    ));
    let mut t = TableBlock::new(
        &[
            "Partner",
            "Partnerships",
            "Significant",
            "Present value of costs",
            "Hours a year",
            "Meeting hours a year",
        ],
        1,
    );
    for p in &ctx.review.partners {
        t.row(
            vec![
                p.partner.clone(),
                p.partnerships.to_string(),
                p.significant.to_string(),
                ctx.money(p.pv_costs),
                format::number(p.hours_per_year, 0),
                format::number(p.meeting_hours_per_year, 0),
            ],
            false,
        );
    }
    out.push(Block::Table(t));
}

/// The resources each partner actually used, where actuals are entered.
fn outturn(ctx: &Ctx, out: &mut Vec<Block>) {
    let r = ctx.review;
    if r.outturn.is_empty() {
        return;
    }
    let against = r.outturn_against.as_ref().map_or_else(
        || "the current forecast (no baseline is set)".to_owned(),
        |b| format!("the baseline {b}"),
    );
    out.push(Block::Subheading("Resources actually used".into()));
    out.push(Block::Para(format!(
        "The costs each partner bore in the years with actuals entered, against {against}: \
         real terms at the price base year, not discounted; actuals carry no optimism bias."
    )));
    if r.outturn_errors > 0 {
        out.push(Block::Strong(format!(
            "Incomplete: {} could not be used and {} left out; the forecast stands for {}.",
            format::count(r.outturn_errors, "actual", "actuals"),
            if r.outturn_errors == 1 { "is" } else { "are" },
            if r.outturn_errors == 1 { "it" } else { "them" },
        )));
    }
    let mut t = TableBlock::new(&["Partner", "Planned", "Actual", "Variance"], 1);
    for o in &r.outturn {
        t.row(
            vec![
                o.partner.clone(),
                ctx.money(o.plan),
                ctx.money(o.actual),
                ctx.money(o.variance),
            ],
            false,
        );
    }
    out.push(Block::Table(t));
    out.push(Block::Subheading("Resources as appraised".into()));
}

fn governance(ctx: &Ctx, out: &mut Vec<Block>) {
    out.push(Block::Para(
        "The health check covers the eight areas of the Audit Commission's 2005 checklist.".into(),
    ));
    let mut t = TableBlock::new(
        &[
            "Partnership",
            "Met",
            "Partly met",
            "Not met",
            "Not assessed",
        ],
        1,
    );
    for p in &ctx.review.partnerships {
        let [met, partly, not, unassessed] = p.governance_counts;
        t.row(
            vec![
                p.name.clone(),
                met.to_string(),
                partly.to_string(),
                not.to_string(),
                unassessed.to_string(),
            ],
            not > 0,
        );
    }
    out.push(Block::Table(t));
    let mut gaps = TableBlock::new(&["Partnership", "Area", "Status", "Evidence"], 4);
    for p in ctx.review.governance_gaps() {
        for g in p
            .governance_gaps
            .iter()
            .filter(|g| g.status != AreaStatus::NotAssessed)
        {
            gaps.row(
                vec![
                    p.name.clone(),
                    g.area.label().to_owned(),
                    g.status.label().to_owned(),
                    or_none(&g.evidence),
                ],
                g.status == AreaStatus::NotMet,
            );
        }
    }
    if gaps.rows.is_empty() {
        out.push(Block::Para(
            "No area assessed is partly met or not met.".into(),
        ));
    } else {
        out.push(Block::Subheading("Areas partly met or not met".into()));
        out.push(Block::Table(gaps));
    }
}

fn risks(ctx: &Ctx, out: &mut Vec<Block>) {
    let mut t = TableBlock::new(&["Partnership", "Risk", "Owner", "Mitigation", "Score"], 4);
    for p in &ctx.review.partnerships {
        for r in &p.high_risks {
            t.row(
                vec![
                    p.name.clone(),
                    r.description.clone(),
                    or_none(&r.owner),
                    or_none(&r.mitigation),
                    r.score.to_string(),
                ],
                false,
            );
        }
    }
    if t.rows.is_empty() {
        out.push(Block::Para(
            "No risk in the register scores 15 or more (likelihood × impact).".into(),
        ));
    } else {
        out.push(Block::Para(
            "Risks scoring 15 or more (likelihood × impact, each from 1 to 5).".into(),
        ));
        out.push(Block::Table(t));
    }
}

fn decisions(ctx: &Ctx, out: &mut Vec<Block>) {
    let mut t = TableBlock::new(&["Partnership", "Reviewed", "Decision", "Reason"], 4);
    for p in &ctx.review.partnerships {
        if let Some(l) = &p.latest {
            t.row(
                vec![
                    p.name.clone(),
                    format!("{} by {}", l.date.uk(), or_none(&l.reviewer)),
                    l.decision.label().to_owned(),
                    or_none(&l.reason),
                ],
                false,
            );
        }
    }
    if t.rows.is_empty() {
        out.push(Block::Para(format!(
            "No review has been held on or before {}.",
            ctx.review.as_of.uk()
        )));
    } else {
        out.push(Block::Subheading("The latest review's decision".into()));
        out.push(Block::Table(t));
    }
    let overdue = ctx.review.overdue_actions();
    if overdue.is_empty() {
        out.push(Block::Para(format!(
            "No action is overdue on {}.",
            ctx.review.as_of.uk()
        )));
        return;
    }
    out.push(Block::Subheading("Overdue actions".into()));
    let mut t = TableBlock::new(&["Partnership", "Action", "Owner", "Due", "Days late"], 3);
    for (p, a) in overdue {
        t.row(
            vec![
                p.name.clone(),
                a.description.clone(),
                or_none(&a.owner),
                a.due.uk(),
                a.days_late.to_string(),
            ],
            false,
        );
    }
    out.push(Block::Table(t));
}

fn or_none(text: &str) -> String {
    let t = text.trim();
    if t.is_empty() {
        "Not recorded".to_owned()
    } else {
        t.to_owned()
    }
}
