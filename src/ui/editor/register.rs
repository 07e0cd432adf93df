//! The Register tab: the partnership's name, status, purpose and members; its entry in
//! the register of partnerships (lead partner, accountable body, legal basis, dates); the
//! significance finding in words; the governance health check; and its risks. Nothing on
//! this tab but the name and members is read by a figure.

use super::Names;
use crate::appraisal::{Diagnostic, Location};
use crate::model::{
    AreaStatus, Date, FundingArrangement, GovernanceArea, Named, Partnership, RISK_SCALE, Risk,
    RiskLevel, Status, name_problem_among,
};
use crate::ui::widgets::{self, notes};
use eframe::egui::{Grid, RichText, Ui};

pub(super) fn register(
    ui: &mut Ui,
    p: &mut Partnership,
    names: &Names,
    diagnostics: &[Diagnostic],
    index: usize,
    others: &[String],
    finding: Option<&str>,
) -> bool {
    let mut changed = details(ui, p, names, diagnostics, index, others);
    widgets::heading(ui, "Register entry");
    ui.label("For the annual review: none of this changes a figure.");
    notes(ui, diagnostics, Location::Register { partnership: index });
    changed |= entry(ui, p, names);
    if let Some(finding) = finding {
        ui.label(RichText::new(finding).strong());
    }
    widgets::heading(ui, "Governance health check");
    ui.label("The eight areas of the Audit Commission's checklist (Governing partnerships, 2005).");
    changed |= governance(ui, p);
    widgets::heading(ui, "Risks");
    changed |= risks(ui, &mut p.register.risks);
    changed
}

/// Name, status, funding, purpose, business as usual and members.
fn details(
    ui: &mut Ui,
    p: &mut Partnership,
    names: &Names,
    diagnostics: &[Diagnostic],
    index: usize,
    others: &[String],
) -> bool {
    let mut changed = false;
    notes(
        ui,
        diagnostics,
        Location::Partnership { partnership: index },
    );
    Grid::new("register")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            let others: Vec<&str> = others.iter().map(String::as_str).collect();
            let me = Named::Partnership(index);
            changed |= widgets::unique_name(ui, "Partnership name", &mut p.name, |t| {
                name_problem_among(&me, &others, t)
            });
            ui.end_row();
            changed |= widgets::choice(ui, "Status", &mut p.status, &Status::ALL, |s| {
                s.label().to_owned()
            });
            ui.end_row();
            changed |= widgets::choice(
                ui,
                "Funding arrangement",
                &mut p.funding,
                &FundingArrangement::ALL,
                |f| f.label().to_owned(),
            );
            ui.end_row();
        });
    changed |= widgets::paragraph(ui, "Purpose", &mut p.purpose);
    changed |= widgets::paragraph(
        ui,
        "Business as usual: what would happen without the partnership",
        &mut p.bau,
    );
    widgets::heading(ui, "Members");
    if names.partners.is_empty() {
        ui.label("Add partners first (Edit, Add partner).");
    }
    ui.horizontal_wrapped(|ui| {
        for partner in &names.partners {
            let mut member = p.members.contains(partner);
            if widgets::tick(ui, partner, &mut member) {
                if member {
                    p.members.push(partner.clone());
                } else {
                    p.members.retain(|m| m != partner);
                }
                changed = true;
            }
        }
    });
    changed
}

/// Today, from the computer's clock: the engine has none, so "overdue" is said here.
fn today() -> Option<Date> {
    use chrono::Datelike;
    let now = chrono::Local::now().date_naive();
    let (month, day) = (
        u8::try_from(now.month()).ok()?,
        u8::try_from(now.day()).ok()?,
    );
    Date::new(u16::try_from(now.year()).ok()?, month, day)
}

/// Lead partner, accountable body, lead officer, legal basis, dates, statutory, risk.
fn entry(ui: &mut Ui, p: &mut Partnership, names: &Names) -> bool {
    let mut changed = false;
    let r = &mut p.register;
    Grid::new("register entry")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            let mut offered = vec![String::new()];
            offered.extend(names.partners.iter().cloned());
            let mut lead = r.lead_partner.clone().unwrap_or_default();
            if widgets::name_choice(ui, "Lead partner", &mut lead, &offered) {
                r.lead_partner = (!lead.is_empty()).then_some(lead);
                changed = true;
            }
            ui.end_row();
            let texts = [
                ("Accountable body", &mut r.accountable_body),
                ("Lead officer", &mut r.lead_officer),
                ("Legal basis or agreement", &mut r.legal_basis),
            ];
            for (label, value) in texts {
                changed |= widgets::text(ui, label, value, 320.0);
                ui.end_row();
            }
            changed |= widgets::date(ui, "Start date", &mut r.start);
            ui.end_row();
            changed |= widgets::date(ui, "End or break date", &mut r.end_or_break);
            ui.end_row();
            changed |= widgets::date(ui, "Next review date", &mut r.next_review);
            if let (Some(next), Some(today)) = (r.next_review, today())
                && next < today
            {
                let colour = widgets::error_colour(ui.visuals());
                ui.label(
                    RichText::new(format!("Review overdue since {}", next.uk())).color(colour),
                );
            }
            ui.end_row();
            changed |= widgets::choice(
                ui,
                "Strategic risk",
                &mut r.strategic_risk,
                &RiskLevel::ALL,
                |l| l.label().to_owned(),
            );
            ui.end_row();
        });
    ui.label("Type dates as 14/03/2027 or 2027-03-14.");
    changed |= widgets::tick(ui, "Required by statute", &mut r.statutory);
    changed
}

/// One row per area: its status and the evidence for it.
fn governance(ui: &mut Ui, p: &mut Partnership) -> bool {
    let mut changed = false;
    for area in GovernanceArea::ALL {
        let check = p.register.governance.area_mut(area);
        ui.push_id(("governance", area), |ui| {
            ui.horizontal_wrapped(|ui| {
                changed |=
                    widgets::choice(ui, area.label(), &mut check.status, &AreaStatus::ALL, |s| {
                        s.label().to_owned()
                    });
                changed |= widgets::text(ui, "Evidence", &mut check.evidence, 320.0);
            })
            .response
            .on_hover_text(area.question());
        });
    }
    changed
}

/// The risks, each with its score and rating; a button adds one, each has Remove.
fn risks(ui: &mut Ui, risks: &mut Vec<Risk>) -> bool {
    let mut changed = false;
    let mut remove = None;
    let scale: Vec<u8> = RISK_SCALE.collect();
    for (i, risk) in risks.iter_mut().enumerate() {
        ui.push_id(("risk", i), |ui| {
            ui.group(|ui| {
                ui.horizontal_wrapped(|ui| {
                    changed |= widgets::text(ui, "Risk", &mut risk.description, 300.0);
                    changed |=
                        widgets::choice(ui, "Likelihood", &mut risk.likelihood, &scale, |v| {
                            v.to_string()
                        });
                    changed |=
                        widgets::choice(ui, "Impact", &mut risk.impact, &scale, |v| v.to_string());
                    let score = match (risk.score(), risk.rating()) {
                        (Some(score), Some(rating)) => {
                            format!("Score {score} ({})", rating.label().to_lowercase())
                        }
                        _ => "No score: likelihood and impact are from 1 to 5".to_owned(),
                    };
                    ui.label(RichText::new(score).strong());
                    if widgets::remove_button(ui, "risk") {
                        remove = Some(i);
                    }
                });
                ui.horizontal_wrapped(|ui| {
                    changed |= widgets::text(ui, "Owner", &mut risk.owner, 200.0);
                    changed |= widgets::text(ui, "Mitigation", &mut risk.mitigation, 320.0);
                });
            });
        });
    }
    if let Some(i) = remove {
        risks.remove(i);
        changed = true;
    }
    if ui
        .button("Add risk")
        .on_hover_text("Add a risk, scored 3 × 3 until you assess it")
        .clicked()
    {
        risks.push(Risk::default());
        changed = true;
    }
    changed
}
