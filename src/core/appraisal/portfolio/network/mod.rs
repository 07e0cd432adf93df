//! The partner network: partners × partnerships, who sits where and what it costs them
//! in money and in time.

use super::super::{Appraisal, flows, num};
use crate::model::{CostDetail, Project};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap, HashSet};

mod kept;

pub use kept::KeptNetwork;

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
    /// The part of `hours_per_year` given at meetings (attendees' meeting, preparation
    /// and travel hours).
    pub meeting_hours_per_year: Decimal,
    /// Staff and meeting hours a year by grade, in the order first met.
    pub grades: Vec<(String, Decimal)>,
}

/// One partner across all partnerships.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PartnerTotal {
    /// The partnerships it sits in (cells marked `member`).
    pub memberships: usize,
    pub pv_costs: Decimal,
    pub hours_per_year: Decimal,
    /// Meeting hours a year across the partnerships it sits in.
    pub meeting_hours_per_year: Decimal,
    pub net_budget: Decimal,
    /// Its degree: the number of other partners it sits with in at least one partnership.
    pub degree: usize,
}

/// Two partners who sit together: the partnerships both are members of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SharedMembership {
    /// Indices into [`Network::partners`], `first < second`.
    pub first: usize,
    pub second: usize,
    pub partnerships: usize,
}

/// One grade of officer of one partner, across the portfolio.
#[derive(Clone, Debug, PartialEq)]
pub struct Officers {
    /// Index into [`Network::partners`].
    pub partner: usize,
    pub grade: String,
    /// Staff and meeting hours a year, summed over the partnerships.
    pub hours_per_year: Decimal,
    /// The partnerships in which the grade gives any time.
    pub partnerships: usize,
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
    /// Every pair of partners who sit together in at least one partnership: most
    /// partnerships shared first, then by the partners' order.
    pub shared: Vec<SharedMembership>,
    /// The number of pairs of partners, whether they sit together or not.
    pub pairs: usize,
    /// Each partner's grades across the portfolio: most hours a year first, then most
    /// partnerships, then by partner and grade.
    pub officers: Vec<Officers>,
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

    /// The network's density: the share of pairs of partners who sit together in at
    /// least one partnership; none when there are fewer than two partners.
    pub fn density(&self) -> Option<Decimal> {
        num::ratio(Decimal::from(self.shared.len()), Decimal::from(self.pairs))
            .ok()
            .flatten()
    }

    /// The `n` grades most in demand across the portfolio.
    pub fn most_in_demand(&self, n: usize) -> &[Officers] {
        &self.officers[..n.min(self.officers.len())]
    }

    /// Partner `k`'s grades: the hours a year each gives and the partnerships it is in.
    pub fn grades_of(&self, k: usize) -> impl Iterator<Item = &Officers> {
        self.officers.iter().filter(move |o| o.partner == k)
    }

    /// This network, of an earlier version of the project, brought up to `project` and
    /// its `appraisal` ([`KeptNetwork::updated`]), and added up: exactly
    /// [`network`]`(project, appraisal)`.
    pub fn updated(
        self,
        project: &Project,
        appraisal: &Appraisal,
        changed: &dyn Fn(usize) -> bool,
    ) -> Network {
        KeptNetwork::whole_from(self)
            .updated(project, appraisal, changed)
            .into_whole()
    }
}

/// Time one grade of one partner gives a partnership over the horizon: one staff time
/// line, or one attendee row of a meeting line.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeGiven {
    pub partner: String,
    pub grade: String,
    /// An attendee row of a meeting line, rather than staff time.
    pub meeting: bool,
    /// Hours over the horizon, as entered (before optimism bias).
    pub hours: Decimal,
}

/// Every staff time line and meeting attendee row of partnership `index`, in the order
/// entered, with its hours over `years`: staff hours from [`flows::staff_hours`], an
/// attendee's from [`flows::attendee_hours`]. A line whose hours cannot be computed
/// (an overflow, which `validate` reports) is left out.
pub fn time_given(project: &Project, index: usize, years: u32) -> Vec<TimeGiven> {
    let mut out = Vec::new();
    let Some(p) = project.partnerships.get(index) else {
        return out;
    };
    for line in &p.costs {
        match &line.detail {
            CostDetail::StaffTime(s) => {
                if let Some(hours) = flows::staff_hours(&project.settings, s, years)
                    .ok()
                    .and_then(|series| num::sum(series).ok())
                {
                    out.push(TimeGiven {
                        partner: s.partner.clone(),
                        grade: s.grade.clone(),
                        meeting: false,
                        hours,
                    });
                }
            }
            CostDetail::Meeting(m) => {
                for a in &m.attendees {
                    if let Ok(hours) = flows::attendee_hours(m, a, years) {
                        out.push(TimeGiven {
                            partner: a.partner.clone(),
                            grade: a.grade.clone(),
                            meeting: true,
                            hours,
                        });
                    }
                }
            }
            CostDetail::PooledFund(_) | CostDetail::Other(_) => {}
        }
    }
    out
}

/// Adds `hours` to `key`'s entry of `out`, or adds the entry: in the order first met, an
/// overflow leaving the sum as it was.
fn add_to<K: PartialEq>(out: &mut Vec<(K, Decimal)>, key: K, hours: Decimal) {
    match out.iter_mut().find(|(k, _)| *k == key) {
        Some((_, h)) => *h = h.checked_add(hours).unwrap_or(*h),
        None => out.push((key, hours)),
    }
}

/// Total staff and meeting hours each partner gives partnership `index` over `years`,
/// as entered (before optimism bias), in the order first met.
pub fn hours_by_partner(project: &Project, index: usize, years: u32) -> Vec<(String, Decimal)> {
    let mut out = Vec::new();
    for t in time_given(project, index, years) {
        add_to(&mut out, t.partner, t.hours);
    }
    out
}

/// The partners of the network: the project's, then any other the appraisal names.
fn partners(project: &Project, appraisal: &Appraisal) -> Vec<String> {
    let mut partners: Vec<String> = project.partners.iter().map(|p| p.name.clone()).collect();
    let mut known: HashSet<&str> = project.partners.iter().map(|p| p.name.as_str()).collect();
    for r in &appraisal.partnerships {
        for row in &r.partners {
            if known.insert(row.partner.as_str()) {
                partners.push(row.partner.clone());
            }
        }
    }
    partners
}

/// Equal to the last digit and scale (`==` on decimals compares values only). Every
/// field is named, so a field added to [`Cell`] cannot be left out.
fn same_row(a: &[Cell], b: &[Cell]) -> bool {
    let exact = |x: &Decimal, y: &Decimal| x == y && x.scale() == y.scale();
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            let Cell {
                member,
                pv_costs,
                pv_benefits,
                net_budget,
                hours_per_year,
                meeting_hours_per_year,
                grades,
            } = x;
            *member == y.member
                && exact(pv_costs, &y.pv_costs)
                && exact(pv_benefits, &y.pv_benefits)
                && exact(net_budget, &y.net_budget)
                && exact(hours_per_year, &y.hours_per_year)
                && exact(meeting_hours_per_year, &y.meeting_hours_per_year)
                && grades.len() == y.grades.len()
                && grades
                    .iter()
                    .zip(&y.grades)
                    .all(|((g, h), (k, j))| g == k && exact(h, j))
        })
}

/// Hours over `years` as hours a year; nothing when there are no years.
fn per_year(hours: Decimal, years: u32) -> Decimal {
    if years == 0 {
        Decimal::ZERO
    } else {
        hours
            .checked_div(Decimal::from(years))
            .unwrap_or(Decimal::ZERO)
    }
}

/// Partnership `i`'s row of the network.
fn row_of(project: &Project, appraisal: &Appraisal, partners: &[String], i: usize) -> Vec<Cell> {
    let years = appraisal.years.len() as u32;
    let p = &project.partnerships[i];
    let r = &appraisal.partnerships[i];
    let given = time_given(project, i, years);
    partners
        .iter()
        .map(|name| {
            let position = r.partners.iter().find(|row| row.partner == *name);
            let mut total = Decimal::ZERO;
            let mut meeting = Decimal::ZERO;
            let mut grades = Vec::new();
            for t in given.iter().filter(|t| t.partner == *name) {
                total = total.checked_add(t.hours).unwrap_or(total);
                if t.meeting {
                    meeting = meeting.checked_add(t.hours).unwrap_or(meeting);
                }
                add_to(&mut grades, t.grade.clone(), t.hours);
            }
            let hours_per_year = per_year(total, years);
            let pv_costs = position.map_or(Decimal::ZERO, |x| x.pv_costs);
            Cell {
                member: p.members.contains(name)
                    || !pv_costs.is_zero()
                    || !hours_per_year.is_zero(),
                pv_costs,
                pv_benefits: position.map_or(Decimal::ZERO, |x| x.pv_benefits()),
                net_budget: position.map_or(Decimal::ZERO, |x| x.net_budget),
                hours_per_year,
                meeting_hours_per_year: per_year(meeting, years),
                grades: grades
                    .into_iter()
                    .map(|(grade, hours)| (grade, per_year(hours, years)))
                    .collect(),
            }
        })
        .collect()
}

/// The partner network of `project` and its `appraisal`.
pub fn network(project: &Project, appraisal: &Appraisal) -> Network {
    KeptNetwork::of(project, appraisal).into_whole()
}

/// Below this many partnerships the rows are worked out on one thread.
const PARALLEL_FROM: usize = 256;

/// `row(i)` for each partnership `i` below `count`, in order, worked out on every core
/// (the window works the whole network out on the first visit to the dashboard, about
/// 20 ms at 5,500 partnerships on one core). Each row is its partnership's alone, so
/// the rows, and the network assembled from them, are the same however they are split.
fn rows(count: usize, row: impl Fn(usize) -> Vec<Cell> + Copy + Send) -> Vec<Vec<Cell>> {
    super::super::blocks::in_order(0..count, super::super::threads(), PARALLEL_FROM, row)
}

/// The network of these rows: each partner's totals, the memberships, the largest cells,
/// the pairs who sit together and the grades in demand.
///
/// Each partner's column is read once, in row order, each cell adding to its totals
/// and grades; most cells are empty (a partner outside the partnership), and their
/// exact zeros are not added at all, which changes no total (not even its scale). The
/// window computes this again after an edit that moves money at 5,500 partnerships, so
/// from [`PARALLEL_FROM`] rows half the columns, and the pairs who sit together, are
/// worked out on a second thread. Each total is its own partner's, added in row order as ever, so the
/// network is the same to the last digit and scale.
fn assemble(partners: Vec<String>, cells: Vec<Vec<Cell>>) -> Network {
    let n = partners.len();
    let columns_and_pairs = |cells: &[Vec<Cell>]| -> (Vec<Column>, Vec<SharedMembership>) {
        if cells.len() < PARALLEL_FROM || super::super::threads() < 2 {
            return (
                (0..n).map(|k| column(cells, k)).collect(),
                sitting_together(cells, n),
            );
        }
        // The first half of the columns here; the pairs, then the other half, on a
        // second thread.
        let half = n / 2;
        std::thread::scope(|scope| {
            let other = scope.spawn(move || {
                let shared = sitting_together(cells, n);
                let columns: Vec<Column> = (half..n).map(|k| column(cells, k)).collect();
                (columns, shared)
            });
            let mut columns: Vec<Column> = (0..half).map(|k| column(cells, k)).collect();
            // A worker cannot panic (the engine does not); if one ever did, its share
            // is worked out here instead.
            let (rest, shared) = other.join().unwrap_or_else(|_| {
                let rest = (half..n).map(|k| column(cells, k)).collect();
                (rest, sitting_together(cells, n))
            });
            columns.extend(rest);
            (columns, shared)
        })
    };
    let (columns, shared) = columns_and_pairs(&cells);
    // The largest cell as reading every row in order would leave it: of equal values
    // (`==` ignores the scale), the last read.
    let largest = |of: fn(&Column) -> Option<(Decimal, usize)>| {
        let mut found: Vec<(usize, usize, Decimal)> = columns
            .iter()
            .enumerate()
            .filter_map(|(k, c)| of(c).map(|(value, i)| (i, k, value)))
            .collect();
        found.sort_by_key(|&(i, k, _)| (i, k));
        found
            .into_iter()
            .fold(Decimal::ZERO, |max, (_, _, value)| max.max(value))
    };
    let max_costs = largest(|c| c.max_costs);
    let max_hours = largest(|c| c.max_hours);
    let mut totals = Vec::with_capacity(n);
    let mut memberships = Vec::new();
    let mut officers: Vec<Officers> = Vec::new();
    for (k, c) in columns.into_iter().enumerate() {
        totals.push(c.total);
        memberships.extend(c.member_of.into_iter().map(|i| (k, i)));
        officers.extend(c.grades);
    }
    officers.sort_by(|a, b| {
        b.hours_per_year
            .cmp(&a.hours_per_year)
            .then(b.partnerships.cmp(&a.partnerships))
            .then(a.partner.cmp(&b.partner))
            .then(a.grade.cmp(&b.grade))
    });
    for pair in &shared {
        totals[pair.first].degree += 1;
        totals[pair.second].degree += 1;
    }
    Network {
        partners,
        cells,
        totals,
        memberships,
        max_costs,
        max_hours,
        shared,
        pairs: n * n.saturating_sub(1) / 2,
        officers,
    }
}

/// One partner's column of the network: its totals, the rows it is a member of, its
/// grades in the order first met, and its largest cells with the last row each was
/// met in (of equal values, the last read).
struct Column {
    total: PartnerTotal,
    member_of: Vec<usize>,
    grades: Vec<Officers>,
    max_costs: Option<(Decimal, usize)>,
    max_hours: Option<(Decimal, usize)>,
}

/// Partner `k`'s column of `cells`, read in row order.
fn column(cells: &[Vec<Cell>], k: usize) -> Column {
    let mut c = Column {
        total: PartnerTotal::default(),
        member_of: Vec::new(),
        grades: Vec::new(),
        max_costs: None,
        max_hours: None,
    };
    let mut found: HashMap<&str, usize> = HashMap::new();
    let keep_largest = |largest: &mut Option<(Decimal, usize)>, value: Decimal, i: usize| {
        if !exact_zero(value) && largest.is_none_or(|(max, _)| max <= value) {
            *largest = Some((value, i));
        }
    };
    for (i, cell) in cells
        .iter()
        .enumerate()
        .filter_map(|(i, row)| Some((i, row.get(k)?)))
    {
        let total = &mut c.total;
        if cell.member {
            total.memberships += 1;
            c.member_of.push(i);
        }
        add(&mut total.pv_costs, cell.pv_costs);
        add(&mut total.hours_per_year, cell.hours_per_year);
        add(
            &mut total.meeting_hours_per_year,
            cell.meeting_hours_per_year,
        );
        add(&mut total.net_budget, cell.net_budget);
        keep_largest(&mut c.max_costs, cell.pv_costs, i);
        keep_largest(&mut c.max_hours, cell.hours_per_year, i);
        for (grade, hours) in cell.grades.iter().filter(|(_, h)| !h.is_zero()) {
            match found.get(grade.as_str()) {
                Some(&at) => {
                    let o = &mut c.grades[at];
                    o.hours_per_year = o
                        .hours_per_year
                        .checked_add(*hours)
                        .unwrap_or(o.hours_per_year);
                    o.partnerships += 1;
                }
                None => {
                    found.insert(grade.as_str(), c.grades.len());
                    c.grades.push(Officers {
                        partner: k,
                        grade: grade.clone(),
                        hours_per_year: *hours,
                        partnerships: 1,
                    });
                }
            }
        }
    }
    c
}

/// Zero written as `0`: adding it to a total changes nothing, not even the total's scale.
fn exact_zero(value: Decimal) -> bool {
    value.is_zero() && value.scale() == 0
}

/// `value` added to `total`, which stays as it is if the sum would overflow.
fn add(total: &mut Decimal, value: Decimal) {
    if !exact_zero(value) {
        *total = total.checked_add(value).unwrap_or(*total);
    }
}

/// Every pair of the `n` partners who are members of at least one row together, most
/// partnerships shared first, then by the partners' order.
fn sitting_together(cells: &[Vec<Cell>], n: usize) -> Vec<SharedMembership> {
    // (a, b), a < b: the partnerships both a and b are members of.
    let mut together: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let mut members: Vec<usize> = Vec::new();
    for row in cells {
        members.clear();
        members.extend((0..n).filter(|&k| row.get(k).is_some_and(|c| c.member)));
        for (x, &a) in members.iter().enumerate() {
            for &b in &members[x + 1..] {
                *together.entry((a, b)).or_default() += 1;
            }
        }
    }
    let mut shared: Vec<SharedMembership> = together
        .into_iter()
        .map(|((first, second), partnerships)| SharedMembership {
            first,
            second,
            partnerships,
        })
        .collect();
    // Stable: pairs sharing as many partnerships stay in the partners' order.
    shared.sort_by_key(|s| std::cmp::Reverse(s.partnerships));
    shared
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::appraisal::appraise;
    use crate::model::{
        Attendee, CostLine, CostType, FixedCosts, Grade, Layer, Meeting, Money, Optimism, Partner,
        PartnerKind, Partnership, Pay, Prices, Profile, Rate, StaffTime, TimeUnit,
    };
    use rust_decimal_macros::dec;

    pub(super) fn line(detail: CostDetail) -> CostLine {
        CostLine {
            name: "Time".into(),
            cost_type: CostType::Revenue,
            optimism: Optimism::Direct(Rate::ZERO),
            source: String::new(),
            detail,
            range: None,
            prices: Prices::default(),
        }
    }

    /// `per_year` meetings of `meeting + preparation + travel` hours, with these
    /// (partner, grade, people).
    fn meeting(
        per_year: Decimal,
        hours: [Decimal; 3],
        attendees: &[(&str, &str, u32)],
    ) -> CostLine {
        line(CostDetail::Meeting(Meeting {
            layer: Layer::Strategic,
            meetings: Profile::constant(per_year, 3),
            meeting_hours: hours[0],
            preparation_hours: hours[1],
            travel_hours: hours[2],
            attendees: attendees
                .iter()
                .map(|(partner, grade, count)| Attendee {
                    partner: (*partner).into(),
                    grade: (*grade).into(),
                    count: Decimal::from(*count),
                })
                .collect(),
            fixed_costs: FixedCosts::default(),
        }))
    }

    fn staff(partner: &str, grade: &str, hours: Decimal) -> CostLine {
        line(CostDetail::StaffTime(StaffTime {
            partner: partner.into(),
            grade: grade.into(),
            layer: Layer::Operational,
            hours: Profile::constant(hours, 3),
            unit: TimeUnit::Hours,
        }))
    }

    fn partnership(name: &str, members: &[&str], costs: Vec<CostLine>) -> Partnership {
        let mut p = Partnership::new(name);
        p.members = members.iter().map(|m| (*m).to_owned()).collect();
        p.costs = costs;
        p
    }

    /// Four partners over three years: A and B sit on One and Two, B and C on One (C only
    /// through its time) and Four, D alone on Three.
    pub(super) fn project() -> Project {
        let mut project = Project::new("Sitting together");
        project.settings.horizon_years = 3;
        project.partners = [
            ("A", "Director"),
            ("B", "Inspector"),
            ("C", "Manager"),
            ("D", "Clerk"),
        ]
        .iter()
        .map(|(name, grade)| {
            let mut p = Partner::new(*name, PartnerKind::Council);
            p.grades.push(Grade {
                name: (*grade).into(),
                pay: Pay::Hourly(Money(dec!(30))),
            });
            p
        })
        .collect();
        let h = [dec!(2), dec!(1), dec!(0.5)];
        project.partnerships = vec![
            partnership(
                "One",
                &["A", "B"],
                vec![meeting(
                    dec!(4),
                    h,
                    &[
                        ("A", "Director", 1),
                        ("B", "Inspector", 2),
                        ("C", "Manager", 1),
                    ],
                )],
            ),
            partnership(
                "Two",
                &["A", "B"],
                vec![
                    staff("A", "Director", dec!(100)),
                    staff("B", "Inspector", dec!(50)),
                ],
            ),
            partnership("Three", &["D"], Vec::new()),
            partnership(
                "Four",
                &["B", "C"],
                vec![meeting(
                    dec!(2),
                    [dec!(1), dec!(0), dec!(1)],
                    &[("B", "Inspector", 1), ("C", "Manager", 3)],
                )],
            ),
        ];
        project
    }

    #[test]
    fn shared_memberships_degree_density_and_grades_by_hand() {
        let project = project();
        let a = appraise(&project);
        let network = network(&project, &a);
        assert_eq!(network.partners, ["A", "B", "C", "D"]);
        let memberships: Vec<usize> = network.totals.iter().map(|t| t.memberships).collect();
        assert_eq!(memberships, [2, 3, 2, 1]);
        // One: 4 meetings of 3.5 hours; Four: 2 meetings of 2 hours.
        let meeting: Vec<Decimal> = network
            .totals
            .iter()
            .map(|t| t.meeting_hours_per_year)
            .collect();
        assert_eq!(
            meeting,
            [
                dec!(4) * dec!(3.5),
                dec!(4) * dec!(3.5) * dec!(2) + dec!(2) * dec!(2),
                dec!(4) * dec!(3.5) + dec!(2) * dec!(2) * dec!(3),
                dec!(0)
            ]
        );
        let hours: Vec<Decimal> = network.totals.iter().map(|t| t.hours_per_year).collect();
        assert_eq!(
            hours,
            [
                meeting[0] + dec!(100),
                meeting[1] + dec!(50),
                meeting[2],
                dec!(0)
            ]
        );
        let pairs: Vec<(usize, usize, usize)> = network
            .shared
            .iter()
            .map(|s| (s.first, s.second, s.partnerships))
            .collect();
        assert_eq!(pairs, [(0, 1, 2), (1, 2, 2), (0, 2, 1)]);
        let degree: Vec<usize> = network.totals.iter().map(|t| t.degree).collect();
        assert_eq!(degree, [2, 2, 2, 0]);
        assert_eq!(network.pairs, 6);
        assert_eq!(network.density(), Some(dec!(0.5)));
        let officers: Vec<(usize, &str, Decimal, usize)> = network
            .officers
            .iter()
            .map(|o| {
                (
                    o.partner,
                    o.grade.as_str(),
                    o.hours_per_year,
                    o.partnerships,
                )
            })
            .collect();
        assert_eq!(
            officers,
            [
                (0, "Director", hours[0], 2),
                (1, "Inspector", hours[1], 3),
                (2, "Manager", hours[2], 2)
            ]
        );
        assert_eq!(network.most_in_demand(1).len(), 1);
        assert_eq!(network.grades_of(2).count(), 1);
    }

    #[test]
    fn one_partner_has_no_density() {
        let mut project = project();
        project.partners.truncate(1);
        project.partnerships.truncate(1);
        project.partnerships[0].costs.clear();
        let network = network(&project, &appraise(&project));
        assert_eq!((network.pairs, network.density()), (0, None));
        assert!(network.shared.is_empty());
    }

    #[test]
    fn an_updated_network_is_the_network_afresh() {
        let before = project();
        let old = network(&before, &appraise(&before));
        let mut after = before.clone();
        // D joins Three's neighbour Four, and One loses its meeting.
        after.partnerships[3].members.push("D".into());
        after.partnerships[0].costs.clear();
        let a = appraise(&after);
        let updated = old.updated(&after, &a, &|i| i == 0 || i == 3);
        let fresh = network(&after, &a);
        assert_eq!(updated, fresh);
        assert_eq!(fresh.totals[3].degree, 2);
        assert_eq!(fresh.shared[0].partnerships, 2);
    }
}
