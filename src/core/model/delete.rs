//! Deleting a thing that others name: moving what refers to it to another of its kind,
//! or deleting that too (see `references.rs` for the one walk over every name).

use super::references::{Key, Slot, each_reference, walk};
use super::{
    BenefitLine, CURRENT_ARRANGEMENT, CostDetail, CostLine, Grade, Holder, Named, Partnership,
    Project, Row, Site, references_to,
};
use std::collections::{BTreeMap, BTreeSet};

/// The names the references to a thing can be moved to before it is deleted: the other
/// partners, the partner's other grades, the other unit values or confidence grades, or
/// for an option the current arrangement and the other options.
pub fn replacements(project: &Project, named: &Named) -> Vec<String> {
    let own = named.name(project).unwrap_or_default();
    let mut names: Vec<String> = Vec::new();
    if matches!(named, Named::Option { .. }) {
        names.push(CURRENT_ARRANGEMENT.to_owned());
    }
    if !matches!(named, Named::Partnership(_) | Named::Proposal { .. }) {
        for n in named.siblings(project) {
            if n != own && !n.trim().is_empty() && !names.iter().any(|x| x == n) {
                names.push(n.to_owned());
            }
        }
    }
    names
}

/// Deletes a thing and everything that refers to it. A line goes when it is the deleted
/// thing's: a partner's staff time, other cost, pooled fund it hosts, meeting whose fixed
/// costs it pays, or benefit it receives; a staff line or a line graded with a deleted
/// grade; an outcome chain valued with a deleted unit value. A row within a line goes
/// alone (an attendee, a contribution, a member, a proposal's share); a meeting with no
/// fixed costs forgets who pays them; a unit value forgets its agency; a deleted
/// preferred option leaves no preference; a deleted lead partner leaves none in the register;
/// a deleted priority leaves its objectives serving none; a deleted partner's contributions
/// to objectives go, and contributions forget the cost lines deleted with it; its parts of
/// actuals go, leaving the rest short of the actual (an error the re-forecast reports).
/// Returns how many references there were.
pub fn delete_with_references(project: &mut Project, named: &Named) -> usize {
    let references = references_to(project, named);
    cut(project, &references.sites);
    remove_named(project, named);
    references.sites.len()
}

/// Moves everything that refers to a thing to `to` (one of [`replacements`]), then deletes
/// the thing. Staff time moved to another partner keeps its grade: where that partner has
/// no grade of the name, the grade is copied to its rate card with its pay, so the costs
/// stay as they were. Returns how many references were moved.
pub fn delete_moving_references(
    project: &mut Project,
    named: &Named,
    to: &str,
) -> Result<usize, String> {
    if !replacements(project, named).iter().any(|r| r == to) {
        return Err(format!("there is no other {} called '{to}'", named.what()));
    }
    if let Named::Partner(i) = *named {
        copy_missing_grades(project, i, to);
    }
    let to_owned = to.to_owned();
    let count = each_reference(project, named, |_, name| name.clone_from(&to_owned));
    if matches!(named, Named::Partner(_)) {
        merge_partner(project, to);
        for ship in &mut project.partnerships {
            super::objective::merge_commitments(ship, to);
        }
    }
    remove_named(project, named);
    Ok(count)
}

/// Copies to partner `to`'s rate card the grades of partner `from` that lines name and
/// `to` does not have.
fn copy_missing_grades(project: &mut Project, from: usize, to: &str) {
    let Some(Key::Partner(from_name)) = Key::of(project, &Named::Partner(from)) else {
        return;
    };
    let mut used = BTreeSet::new();
    walk(project, &mut |_, slot| {
        if let Slot::Grade { partner, grade } = slot
            && *partner == from_name
        {
            used.insert(grade.clone());
        }
    });
    let copies: Vec<Grade> = project.partners[from]
        .grades
        .iter()
        .filter(|g| used.contains(&g.name))
        .cloned()
        .collect();
    if let Some(target) = project.partners.iter_mut().find(|p| p.name == to) {
        for grade in copies {
            if target.grade(&grade.name).is_none() {
                target.grades.push(grade);
            }
        }
    }
}

/// After references moved to partner `to`: one membership each, and one share in each
/// proposal (the shares added together).
fn merge_partner(project: &mut Project, to: &str) {
    for ship in &mut project.partnerships {
        let mut seen = false;
        ship.members.retain(|m| {
            let keep = m != to || !seen;
            seen |= m == to;
            keep
        });
        for proposal in &mut ship.proposals {
            let mut first: Option<usize> = None;
            let mut extra = rust_decimal::Decimal::ZERO;
            let mut i = 0;
            proposal.shares.retain(|s| {
                let keep = s.partner != to || first.is_none();
                if s.partner == to {
                    if first.is_none() {
                        first = Some(i);
                    } else {
                        extra = extra.saturating_add(s.share.0);
                    }
                }
                i += 1;
                keep
            });
            if let Some(share) = first.and_then(|f| proposal.shares.get_mut(f)) {
                share.share.0 = share.share.0.saturating_add(extra);
            }
        }
    }
}

/// Removes the thing itself (not what refers to it).
fn remove_named(project: &mut Project, named: &Named) {
    fn remove<T>(items: &mut Vec<T>, i: usize) {
        if i < items.len() {
            items.remove(i);
        }
    }
    let ships = &mut project.partnerships;
    match *named {
        Named::Partner(i) => remove(&mut project.partners, i),
        Named::Grade { partner, grade } => {
            if let Some(p) = project.partners.get_mut(partner) {
                remove(&mut p.grades, grade);
            }
        }
        Named::UnitValue(i) => remove(&mut project.unit_values, i),
        Named::ConfidenceGrade(i) => remove(&mut project.confidence_grades, i),
        Named::Option {
            partnership,
            option,
        } => {
            if let Some(s) = ships.get_mut(partnership) {
                remove(&mut s.options, option);
            }
        }
        Named::Partnership(i) => remove(ships, i),
        Named::Priority(i) => remove(&mut project.priorities, i),
        Named::Proposal {
            partnership,
            proposal,
        } => {
            if let Some(s) = ships.get_mut(partnership) {
                remove(&mut s.proposals, proposal);
            }
        }
    }
}

/// Removes what holds each of `sites` (see [`delete_with_references`]).
fn cut(project: &mut Project, sites: &[Site]) {
    let mut by_ship: BTreeMap<usize, Vec<Holder>> = BTreeMap::new();
    for site in sites {
        match *site {
            Site::UnitValue(i) => {
                if let Some(u) = project.unit_values.get_mut(i) {
                    u.partner = None;
                }
            }
            Site::Partnership { index, at } => by_ship.entry(index).or_default().push(at),
        }
    }
    for (index, holders) in by_ship {
        if let Some(ship) = project.partnerships.get_mut(index) {
            cut_in(ship, &holders);
        }
    }
}

fn costs_of(ship: &mut Partnership, option: Option<usize>) -> Option<&mut Vec<CostLine>> {
    match option {
        None => Some(&mut ship.costs),
        Some(o) => ship.options.get_mut(o).map(|o| &mut o.costs),
    }
}

fn benefits_of(ship: &mut Partnership, option: Option<usize>) -> Option<&mut Vec<BenefitLine>> {
    match option {
        None => Some(&mut ship.benefits),
        Some(o) => ship.options.get_mut(o).map(|o| &mut o.benefits),
    }
}

fn has_fixed_costs(line: &CostLine) -> bool {
    match &line.detail {
        CostDetail::Meeting(m) => {
            let f = &m.fixed_costs;
            [f.venue, f.refreshments, f.printing, f.other]
                .iter()
                .any(|m| !m.0.is_zero())
        }
        _ => false,
    }
}

fn cut_in(ship: &mut Partnership, holders: &[Holder]) {
    let mut lines: BTreeSet<(Option<usize>, bool, usize)> = BTreeSet::new();
    let mut rows: BTreeSet<(Option<usize>, usize, Row)> = BTreeSet::new();
    let mut members = BTreeSet::new();
    let mut shares = BTreeSet::new();
    let mut commitments = BTreeSet::new();
    let mut parts = BTreeSet::new();
    let line_names: Vec<String> = ship.costs.iter().map(|c| c.name.clone()).collect();
    for &holder in holders {
        match holder {
            Holder::Cost { option, line, row } => {
                let paid = costs_of(ship, option)
                    .and_then(|c| c.get(line))
                    .is_some_and(has_fixed_costs);
                if row == Row::Line || (row == Row::PaidBy && paid) {
                    lines.insert((option, false, line));
                } else {
                    rows.insert((option, line, row));
                }
            }
            Holder::Benefit { option, line } => {
                lines.insert((option, true, line));
            }
            Holder::Member(m) => {
                members.insert(m);
            }
            Holder::ProposalShare { proposal, share } => {
                shares.insert((proposal, share));
            }
            Holder::PreferredOption => ship.preferred_option = None,
            Holder::LeadPartner => ship.register.lead_partner = None,
            Holder::ObjectivePriority { objective } => {
                if let Some(o) = ship.objectives.get_mut(objective) {
                    o.priority = None;
                }
            }
            Holder::Contributor {
                objective,
                contribution,
            } => {
                commitments.insert((objective, contribution));
            }
            Holder::ActualPart { actual, part } => {
                parts.insert((actual, part));
            }
        }
    }
    for &(option, line, row) in rows.iter().rev() {
        if lines.contains(&(option, false, line)) {
            continue;
        }
        let Some(cost) = costs_of(ship, option).and_then(|c| c.get_mut(line)) else {
            continue;
        };
        match (row, &mut cost.detail) {
            (Row::Attendee(a), CostDetail::Meeting(m)) if a < m.attendees.len() => {
                m.attendees.remove(a);
            }
            (Row::Contribution(c), CostDetail::PooledFund(p)) if c < p.contributions.len() => {
                p.contributions.remove(c);
            }
            (Row::PaidBy, CostDetail::Meeting(m)) => m.fixed_costs.paid_by.clear(),
            _ => {}
        }
    }
    for &(option, benefit, line) in lines.iter().rev() {
        if benefit {
            if let Some(b) = benefits_of(ship, option).filter(|b| line < b.len()) {
                b.remove(line);
            }
        } else if let Some(c) = costs_of(ship, option).filter(|c| line < c.len()) {
            c.remove(line);
        }
    }
    for &m in members.iter().rev() {
        if m < ship.members.len() {
            ship.members.remove(m);
        }
    }
    for &(p, s) in shares.iter().rev() {
        if let Some(proposal) = ship.proposals.get_mut(p).filter(|x| s < x.shares.len()) {
            proposal.shares.remove(s);
        }
    }
    for &(o, c) in commitments.iter().rev() {
        if let Some(objective) = ship
            .objectives
            .get_mut(o)
            .filter(|x| c < x.contributions.len())
        {
            objective.contributions.remove(c);
        }
    }
    // A part of an actual borne by the partner deleted goes; the parts left then fall short
    // of the actual, which the re-forecast reports as an error rather than guess.
    for &(a, k) in parts.iter().rev() {
        if let Some(actual) = ship
            .actuals
            .costs
            .get_mut(a)
            .filter(|x| k < x.by_partner.len())
        {
            actual.by_partner.remove(k);
        }
    }
    // Cost lines that went with the thing are forgotten by the contributions drawing on them.
    super::objective::follow_cost_lines(ship, &line_names);
}
