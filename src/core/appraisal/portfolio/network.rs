//! The partner network: partners × partnerships, who sits where and what it costs them
//! in money and in time.

use super::super::{Appraisal, flows, num};
use crate::model::{CostDetail, Project};
use rust_decimal::Decimal;

/// One partner in one partnership.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cell {
    /// Named as a member, or bearing costs or giving time.
    pub member: bool,
    /// Present value of the costs it bears.
    pub pv_costs: Decimal,
    /// Present value of the benefits it receives (fiscal, and economic or social).
    pub pv_benefits: Decimal,
    pub net_budget: Decimal,
    /// Staff and meeting hours a year, averaged over the horizon, as entered (before
    /// optimism bias, which applies to money).
    pub hours_per_year: Decimal,
}

/// One partner across all partnerships.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PartnerTotal {
    pub memberships: usize,
    pub pv_costs: Decimal,
    pub hours_per_year: Decimal,
    pub net_budget: Decimal,
}

/// What the network is measured by: money or time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NetworkMeasure {
    /// The present value of the costs a partner bears.
    #[default]
    Costs,
    /// The hours a year a partner gives.
    Hours,
}

impl Cell {
    /// The cell's figure by `measure`.
    pub fn value(&self, measure: NetworkMeasure) -> Decimal {
        match measure {
            NetworkMeasure::Costs => self.pv_costs,
            NetworkMeasure::Hours => self.hours_per_year,
        }
    }
}

/// Partners × partnerships: who sits where, and what it costs them in money and time.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Network {
    pub partners: Vec<String>,
    /// `cells[partnership][partner]`.
    pub cells: Vec<Vec<Cell>>,
    pub totals: Vec<PartnerTotal>,
    /// (partner, partnership) for every membership, by partner then partnership.
    pub memberships: Vec<(usize, usize)>,
    pub max_costs: Decimal,
    pub max_hours: Decimal,
}

impl Network {
    /// The largest cell by `measure`.
    pub fn largest(&self, measure: NetworkMeasure) -> Decimal {
        match measure {
            NetworkMeasure::Costs => self.max_costs,
            NetworkMeasure::Hours => self.max_hours,
        }
    }

    /// `cell`'s figure by `measure` as a fraction of the largest cell's: from 0 to 1, and
    /// 0 when every cell is nothing.
    pub fn share_of_largest(&self, cell: &Cell, measure: NetworkMeasure) -> Decimal {
        num::ratio(cell.value(measure), self.largest(measure))
            .ok()
            .flatten()
            .unwrap_or(Decimal::ZERO)
    }

    /// This network, of an earlier version of the project, brought up to `project` and
    /// its `appraisal`: only the rows of partnerships for which `changed(i)` is true are
    /// computed again. `changed` must be true for every partnership that changed, and
    /// nothing but partnerships may have changed; the whole network is computed again
    /// when the partners or the number of partnerships differ. The answer is exactly
    /// [`network`]`(project, appraisal)`.
    pub fn updated(
        self,
        project: &Project,
        appraisal: &Appraisal,
        changed: &dyn Fn(usize) -> bool,
    ) -> Network {
        let count = project.partnerships.len().min(appraisal.partnerships.len());
        if self.cells.len() != count || partners(project, appraisal) != self.partners {
            return network(project, appraisal);
        }
        let mut cells = self.cells;
        for (i, row) in cells.iter_mut().enumerate() {
            if changed(i) {
                *row = row_of(project, appraisal, &self.partners, i);
            }
        }
        assemble(self.partners, cells)
    }
}

/// Total staff and meeting hours each partner gives partnership `index` over `years`,
/// as entered (before optimism bias), in the order first met.
pub fn hours_by_partner(project: &Project, index: usize, years: u32) -> Vec<(String, Decimal)> {
    let mut out: Vec<(String, Decimal)> = Vec::new();
    let mut add = |partner: &str, hours: Decimal| match out.iter_mut().find(|(p, _)| p == partner) {
        Some((_, h)) => *h = h.checked_add(hours).unwrap_or(*h),
        None => out.push((partner.to_owned(), hours)),
    };
    let Some(p) = project.partnerships.get(index) else {
        return out;
    };
    for line in &p.costs {
        match &line.detail {
            CostDetail::StaffTime(s) => {
                if let Some(total) = flows::staff_hours(&project.settings, s, years)
                    .ok()
                    .and_then(|series| num::sum(series).ok())
                {
                    add(&s.partner, total);
                }
            }
            CostDetail::Meeting(m) => {
                let per_meeting = m
                    .meeting_hours
                    .checked_add(m.preparation_hours)
                    .and_then(|h| h.checked_add(m.travel_hours));
                let meetings = flows::expand(&m.meetings, years)
                    .ok()
                    .and_then(|series| num::sum(series).ok());
                let (Some(per_meeting), Some(meetings)) = (per_meeting, meetings) else {
                    continue;
                };
                for a in &m.attendees {
                    if let Some(hours) = a
                        .count
                        .checked_mul(per_meeting)
                        .and_then(|h| h.checked_mul(meetings))
                    {
                        add(&a.partner, hours);
                    }
                }
            }
            CostDetail::PooledFund(_) | CostDetail::Other(_) => {}
        }
    }
    out
}

/// The partners of the network: the project's, then any other the appraisal names.
fn partners(project: &Project, appraisal: &Appraisal) -> Vec<String> {
    let mut partners: Vec<String> = project.partners.iter().map(|p| p.name.clone()).collect();
    for r in &appraisal.partnerships {
        for row in &r.partners {
            if !partners.contains(&row.partner) {
                partners.push(row.partner.clone());
            }
        }
    }
    partners
}

/// Partnership `i`'s row of the network.
fn row_of(project: &Project, appraisal: &Appraisal, partners: &[String], i: usize) -> Vec<Cell> {
    let years = appraisal.years.len() as u32;
    let p = &project.partnerships[i];
    let r = &appraisal.partnerships[i];
    let hours = hours_by_partner(project, i, years);
    partners
        .iter()
        .map(|name| {
            let position = r.partners.iter().find(|row| row.partner == *name);
            let total_hours = hours
                .iter()
                .find(|(p, _)| p == name)
                .map_or(Decimal::ZERO, |(_, h)| *h);
            let hours_per_year = if years == 0 {
                Decimal::ZERO
            } else {
                total_hours
                    .checked_div(Decimal::from(years))
                    .unwrap_or(Decimal::ZERO)
            };
            let pv_costs = position.map_or(Decimal::ZERO, |x| x.pv_costs);
            Cell {
                member: p.members.contains(name)
                    || !pv_costs.is_zero()
                    || !hours_per_year.is_zero(),
                pv_costs,
                pv_benefits: position.map_or(Decimal::ZERO, |x| x.pv_benefits()),
                net_budget: position.map_or(Decimal::ZERO, |x| x.net_budget),
                hours_per_year,
            }
        })
        .collect()
}

/// The partner network of `project` and its `appraisal`.
pub fn network(project: &Project, appraisal: &Appraisal) -> Network {
    let partners = partners(project, appraisal);
    let count = project.partnerships.len().min(appraisal.partnerships.len());
    let cells = (0..count)
        .map(|i| row_of(project, appraisal, &partners, i))
        .collect();
    assemble(partners, cells)
}

/// The network of these rows: each partner's totals, the memberships and the largest cells.
fn assemble(partners: Vec<String>, cells: Vec<Vec<Cell>>) -> Network {
    let mut totals = vec![PartnerTotal::default(); partners.len()];
    let mut memberships = Vec::new();
    let mut max_costs = Decimal::ZERO;
    let mut max_hours = Decimal::ZERO;
    for (k, total) in totals.iter_mut().enumerate() {
        for (i, row) in cells.iter().enumerate() {
            let Some(cell) = row.get(k) else { continue };
            if cell.member {
                total.memberships += 1;
                memberships.push((k, i));
            }
            total.pv_costs = total
                .pv_costs
                .checked_add(cell.pv_costs)
                .unwrap_or(total.pv_costs);
            total.hours_per_year = total
                .hours_per_year
                .checked_add(cell.hours_per_year)
                .unwrap_or(total.hours_per_year);
            total.net_budget = total
                .net_budget
                .checked_add(cell.net_budget)
                .unwrap_or(total.net_budget);
            max_costs = max_costs.max(cell.pv_costs);
            max_hours = max_hours.max(cell.hours_per_year);
        }
    }
    Network {
        partners,
        cells,
        totals,
        memberships,
        max_costs,
        max_hours,
    }
}
