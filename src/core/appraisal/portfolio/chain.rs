//! The delivery chain: from each community strategy priority, to the objectives that
//! serve it, the partnerships that hold them and the partners that contribute (with the
//! cost lines they draw on and their hours a year); and each partner's part across the
//! chain. Plain data from the model; no figure depends on it, and nothing is drawn here.

use crate::appraisal::objectives::{ObjectiveRating, rate_objective};
use crate::model::Project;
use rust_decimal::Decimal;
use serde::Serialize;

/// The whole chain.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DeliveryChain {
    /// The priorities in the project's order, each with the objectives that serve it.
    pub priorities: Vec<ChainPriority>,
    /// Objectives that serve no priority, or one the project does not have.
    pub unlinked: Vec<ChainObjective>,
    /// Each partner's part: the project's partners in order, then any name a
    /// contribution gives that is no partner's.
    pub partners: Vec<PartnerDelivery>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ChainPriority {
    pub name: String,
    pub description: String,
    pub objectives: Vec<ChainObjective>,
}

/// An objective in the chain, with where it is and who contributes.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ChainObjective {
    /// The partnership's index in the project, and the objective's in the partnership.
    pub partnership: usize,
    pub objective: usize,
    pub partnership_name: String,
    pub name: String,
    /// The priority named, as written (empty for none).
    pub priority: String,
    pub rating: ObjectiveRating,
    pub contributors: Vec<ChainContributor>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ChainContributor {
    pub partner: String,
    pub lines: Vec<String>,
    pub hours_per_year: Option<Decimal>,
}

/// One partner's part in the chain.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PartnerDelivery {
    pub partner: String,
    /// Objectives it contributes to, and in how many partnerships they are.
    pub objectives: usize,
    pub partnerships: usize,
    /// The priorities its objectives serve, in the project's order.
    pub priorities: Vec<String>,
    /// Its hours a year across all its contributions (those that give hours).
    pub hours_per_year: Decimal,
    /// False when it is named by a contribution but is not a partner of the project.
    pub known: bool,
}

/// The delivery chain of `project`.
pub fn delivery_chain(project: &Project) -> DeliveryChain {
    let mut chain = DeliveryChain {
        priorities: project
            .priorities
            .iter()
            .map(|p| ChainPriority {
                name: p.name.clone(),
                description: p.description.clone(),
                objectives: Vec::new(),
            })
            .collect(),
        ..DeliveryChain::default()
    };
    for (pi, ship) in project.partnerships.iter().enumerate() {
        for (oi, o) in ship.objectives.iter().enumerate() {
            let priority = o.priority.clone().unwrap_or_default();
            let item = ChainObjective {
                partnership: pi,
                objective: oi,
                partnership_name: ship.name.clone(),
                name: o.name.clone(),
                priority: priority.clone(),
                rating: rate_objective(o),
                contributors: o
                    .contributions
                    .iter()
                    .map(|c| ChainContributor {
                        partner: c.partner.clone(),
                        lines: c.lines.clone(),
                        hours_per_year: c.hours_per_year,
                    })
                    .collect(),
            };
            // The first priority so called, as every name resolves.
            match chain.priorities.iter_mut().find(|p| p.name == priority) {
                Some(p) if !priority.is_empty() => p.objectives.push(item),
                _ => chain.unlinked.push(item),
            }
        }
    }
    chain.partners = partners(project, &chain);
    chain
}

fn partners(project: &Project, chain: &DeliveryChain) -> Vec<PartnerDelivery> {
    let mut out: Vec<PartnerDelivery> = project
        .partners
        .iter()
        .map(|p| PartnerDelivery {
            partner: p.name.clone(),
            known: true,
            ..PartnerDelivery::default()
        })
        .collect();
    let linked = chain
        .priorities
        .iter()
        .flat_map(|p| p.objectives.iter().map(move |o| (Some(p.name.as_str()), o)));
    let all = linked.chain(chain.unlinked.iter().map(|o| (None, o)));
    let mut ships: Vec<Vec<usize>> = vec![Vec::new(); out.len()];
    for (priority, objective) in all {
        let mut counted: Vec<usize> = Vec::new();
        for c in &objective.contributors {
            if c.partner.trim().is_empty() {
                continue;
            }
            let at = match out.iter().position(|p| p.partner == c.partner) {
                Some(at) => at,
                None => {
                    out.push(PartnerDelivery {
                        partner: c.partner.clone(),
                        known: false,
                        ..PartnerDelivery::default()
                    });
                    ships.push(Vec::new());
                    out.len() - 1
                }
            };
            let entry = &mut out[at];
            if let Some(h) = c.hours_per_year {
                entry.hours_per_year = entry.hours_per_year.saturating_add(h);
            }
            // A partner named twice in one objective counts it once.
            if counted.contains(&at) {
                continue;
            }
            counted.push(at);
            entry.objectives += 1;
            if let Some(name) = priority
                && !entry.priorities.iter().any(|p| p == name)
            {
                entry.priorities.push(name.to_owned());
            }
            if !ships[at].contains(&objective.partnership) {
                ships[at].push(objective.partnership);
            }
        }
    }
    for (entry, ships) in out.iter_mut().zip(ships) {
        entry.partnerships = ships.len();
    }
    out
}
