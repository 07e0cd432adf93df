//! The board pack's annual review: where each partnership stands in the review cycle on
//! the day the pack is issued, the latest decisions, governance gaps and overdue actions.
//! Shown only when the project keeps a register or reviews, so a pack of a project that
//! keeps neither is as it was.

use super::{Table, esc, or_none};
use crate::appraisal::portfolio::annual::AnnualReview;
use crate::format;
use crate::model::AreaStatus;

pub(super) fn section(out: &mut String, review: &AnnualReview) {
    out.push_str(
        "<section class=\"annual-review\" aria-labelledby=\"annual-review\">\n\
         <h2 id=\"annual-review\">Annual review</h2>\n",
    );
    let s = &review.summary;
    out.push_str(&format!(
        "<p>On {}: {} significant; reviews {} overdue, {} due within {} days, {} never held; \
         {} open, {} of them overdue; {} whose costs outweigh {} benefits.</p>\n",
        esc(&review.as_of.uk()),
        format::count(review.significant().count(), "partnership", "partnerships"),
        s.overdue,
        s.due,
        review.due_within_days,
        s.never_reviewed,
        format::count(s.open_actions, "action", "actions"),
        s.overdue_actions,
        format::count(
            review.costs_outweigh_benefits().len(),
            "partnership",
            "partnerships"
        ),
        if review.costs_outweigh_benefits().len() == 1 {
            "its"
        } else {
            "their"
        },
    ));
    let rows: Vec<Vec<String>> = review
        .partnerships
        .iter()
        .map(|p| {
            vec![
                esc(&p.name),
                if p.significance.significant {
                    "Significant".into()
                } else {
                    "Not significant".into()
                },
                esc(&p.status.describe()),
                p.latest.as_ref().map_or_else(
                    || or_none("", "Not yet reviewed"),
                    |l| format!("{} ({})", esc(l.decision.label()), esc(&l.date.uk())),
                ),
                p.governance_counts[2].to_string(),
                p.status.overdue_actions.len().to_string(),
            ]
        })
        .collect();
    out.push_str(
        &Table {
            caption: "The review cycle, partnership by partnership".into(),
            wide: false,
            headers: &[
                ("Partnership", false),
                ("Significance", false),
                ("Where it stands", false),
                ("Latest decision", false),
                ("Governance areas not met", true),
                ("Overdue actions", true),
            ],
            rows,
            footer: None,
        }
        .html(),
    );
    let objectives: Vec<Vec<String>> = review
        .objectives()
        .map(|(p, o)| {
            vec![
                esc(&p.name),
                esc(&o.name),
                o.priority
                    .as_deref()
                    .map_or_else(|| or_none("", "None"), esc),
                esc(&o.rating.describe()),
            ]
        })
        .collect();
    if !objectives.is_empty() {
        out.push_str(
            &Table {
                caption:
                    "Achievements against objectives (the worst of each objective's indicators, \
                          latest year with a target and an actual)"
                        .into(),
                wide: false,
                headers: &[
                    ("Partnership", false),
                    ("Objective", false),
                    ("Priority", false),
                    ("Rating", false),
                ],
                rows: objectives,
                footer: None,
            }
            .html(),
        );
    }
    let mut gaps = Vec::new();
    for p in review.governance_gaps() {
        for g in p
            .governance_gaps
            .iter()
            .filter(|g| g.status != AreaStatus::NotAssessed)
        {
            gaps.push(vec![
                esc(&p.name),
                esc(g.area.label()),
                esc(g.status.label()),
                or_none(&g.evidence, "No evidence recorded"),
            ]);
        }
    }
    if !gaps.is_empty() {
        out.push_str(
            &Table {
                caption: "Governance areas partly met or not met".into(),
                wide: false,
                headers: &[
                    ("Partnership", false),
                    ("Area", false),
                    ("Status", false),
                    ("Evidence", false),
                ],
                rows: gaps,
                footer: None,
            }
            .html(),
        );
    }
    let actions: Vec<Vec<String>> = review
        .overdue_actions()
        .into_iter()
        .map(|(p, a)| {
            vec![
                esc(&p.name),
                esc(&a.description),
                or_none(&a.owner, "No owner"),
                esc(&a.due.uk()),
                a.days_late.to_string(),
            ]
        })
        .collect();
    if !actions.is_empty() {
        out.push_str(
            &Table {
                caption: "Actions past their due date".into(),
                wide: false,
                headers: &[
                    ("Partnership", false),
                    ("Action", false),
                    ("Owner", false),
                    ("Due", false),
                    ("Days late", true),
                ],
                rows: actions,
                footer: None,
            }
            .html(),
        );
    }
    out.push_str("</section>\n");
}
