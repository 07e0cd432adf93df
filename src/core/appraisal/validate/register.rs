//! The register's checks: its lead partner, its dates, its governance check and its
//! risks. Review data: an error here leaves nothing out of a figure and marks none
//! incomplete (`Location::Register`). A review date in the past is no error: the engine
//! has no clock, so "overdue" is for the app to say.

use super::{At, Validator};
use crate::appraisal::Location;
use crate::model::{AreaStatus, GovernanceArea, RISK_SCALE};

impl Validator<'_> {
    pub(super) fn register(&mut self, index: usize) {
        let p = &self.project.partnerships[index];
        let r = &p.register;
        let at = At::new(Location::Register { partnership: index }, p.name.clone());
        if let Some(lead) = &r.lead_partner {
            self.partner_ref(&at, "Lead partner", lead);
        }
        if let (Some(start), Some(end)) = (r.start, r.end_or_break)
            && end < start
        {
            self.error(
                &at,
                "End or break date",
                format!("{} is before the start date {}", end.uk(), start.uk()),
            );
        }
        for area in GovernanceArea::ALL {
            let check = r.governance.area(area);
            if check.status != AreaStatus::NotAssessed && check.evidence.trim().is_empty() {
                self.warn(
                    &at,
                    area.label(),
                    format!(
                        "is rated '{}' with no evidence note: say what the rating rests on",
                        check.status.label()
                    ),
                );
            }
        }
        for (i, risk) in r.risks.iter().enumerate() {
            let field = |what: &str| format!("Risk {} {what}", i + 1);
            if risk.description.trim().is_empty() {
                self.warn(
                    &at,
                    &field("description"),
                    "is empty: say what might happen",
                );
            }
            for (what, value) in [("likelihood", risk.likelihood), ("impact", risk.impact)] {
                if !RISK_SCALE.contains(&value) {
                    self.error(
                        &at,
                        &field(what),
                        format!("{value} is not on the scale: score it from 1 to 5"),
                    );
                }
            }
            if risk.owner.trim().is_empty() {
                self.warn(
                    &at,
                    &field("owner"),
                    "no one is named: a risk needs an owner to manage it",
                );
            }
        }
    }
}
