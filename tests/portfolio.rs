//! The engine's portfolio view models (`appraisal::portfolio`), checked against figures
//! worked out here from each partnership's own results: the totals a filter shows, the
//! headline, each partner's exposure, the cost of joint working and the partner network.

use partnership_appraisal::appraisal::portfolio::{
    self, Filter, Headline, NetworkMeasure, Sort, SortColumn, Totals,
};
use partnership_appraisal::appraisal::{self, Appraisal, Payback};
use partnership_appraisal::model::{Project, Status};
use partnership_appraisal::report::{self, Conventions};
use partnership_appraisal::{file, format, generate};
use rust_decimal::Decimal;
use std::path::Path;

/// The examples, and a generated portfolio large enough to span several blocks.
fn projects() -> Vec<Project> {
    let mut out: Vec<Project> = ["borough-portfolio", "county-health-and-care", "example"]
        .iter()
        .map(|name| file::load(Path::new(&format!("saves/{name}.ron"))).expect("the example loads"))
        .collect();
    out.push(generate::project(300, 11));
    out
}

/// Money at reporting precision.
fn pence(value: Decimal) -> Decimal {
    format::round(value, 2)
}

fn total(values: impl IntoIterator<Item = Decimal>) -> Decimal {
    values.into_iter().fold(Decimal::ZERO, |a, b| a + b)
}

fn all(appraisal: &Appraisal) -> Vec<usize> {
    (0..appraisal.partnerships.len()).collect()
}

#[test]
fn totals_of_a_set_of_partnerships_are_their_sums() {
    for project in projects() {
        let a = appraisal::appraise(&project);
        // Every other partnership, so the set is not the portfolio.
        let rows: Vec<usize> = (0..a.partnerships.len()).step_by(2).collect();
        let t = Totals::of(&a, &rows).expect("adds up");
        let pvc = total(rows.iter().map(|&i| a.partnerships[i].measures.pvc));
        let pvb = total(rows.iter().map(|&i| a.partnerships[i].measures.pvb_total));
        assert_eq!(t.pvc, pvc, "{}", project.name);
        assert_eq!(t.pvb, pvb);
        assert_eq!(t.net_value, pvb - pvc);
        assert_eq!(t.bcr, (!pvc.is_zero()).then(|| pvb / pvc));
        let negative = rows
            .iter()
            .filter(|&&i| a.partnerships[i].measures.net_value < Decimal::ZERO)
            .count();
        assert_eq!(t.negative, negative);
        // Payback: the first year from which the summed cumulative net value is at or
        // above zero, interpolated within it (the Green Book's formula, worked here).
        let years = a.years.len();
        let cumulative: Vec<Decimal> = (0..years)
            .map(|y| total(rows.iter().map(|&i| a.partnerships[i].cumulative_net[y])))
            .collect();
        let expected = match cumulative.iter().position(|c| !c.is_zero()) {
            Some(first) if t.net_value > Decimal::ZERO => (first..years)
                .find(|&y| cumulative[y] >= Decimal::ZERO)
                .map_or(Payback::Never, |y| {
                    let before = if y == 0 {
                        Decimal::ZERO
                    } else {
                        cumulative[y - 1]
                    };
                    let after = cumulative[y];
                    Payback::Years(format::round(
                        Decimal::from(y) + (-before) / (after - before),
                        2,
                    ))
                }),
            _ => Payback::Never,
        };
        let got = match t.payback {
            Payback::Years(y) => Payback::Years(format::round(y, 2)),
            Payback::Never => Payback::Never,
        };
        assert_eq!(got, expected, "{}", project.name);
        // No partnership at all adds up to nothing.
        let none = Totals::of(&a, &[]).expect("adds up");
        assert_eq!(
            (none.pvc, none.pvb, none.negative),
            (Decimal::ZERO, Decimal::ZERO, 0)
        );
        assert_eq!(none.payback, Payback::Never);
        assert!(Totals::of(&a, &[a.partnerships.len()]).is_none());
    }
}

#[test]
fn totals_of_every_partnership_are_the_portfolios() {
    for project in projects() {
        let a = appraisal::appraise(&project);
        let every = Totals::of(&a, &all(&a)).expect("adds up");
        let portfolio = Totals::portfolio(&a);
        assert_eq!(pence(every.pvc), pence(portfolio.pvc), "{}", project.name);
        assert_eq!(pence(every.pvb), pence(portfolio.pvb));
        assert_eq!(pence(every.net_value), pence(portfolio.net_value));
        assert_eq!(
            every.bcr.map(|r| format::round(r, 4)),
            portfolio.bcr.map(|r| format::round(r, 4))
        );
        assert_eq!(every.negative, portfolio.negative);
        let headline = Headline::of(&a);
        assert_eq!(headline.negative, portfolio.negative);
        assert_eq!(headline.net_value, portfolio.net_value);
        assert_eq!(
            pence(headline.pvb),
            pence(total(a.partnerships.iter().map(|r| r.measures.pvb_total)))
        );
    }
}

#[test]
fn a_filter_shows_exactly_the_partnerships_that_match_it() {
    let project = generate::project(300, 11);
    let a = appraisal::appraise(&project);
    let sort = Sort::default();
    let negative = Filter {
        negative_only: true,
        ..Filter::default()
    };
    let shown = portfolio::shown(&project, &a, &negative, sort);
    let expected: Vec<usize> = all(&a)
        .into_iter()
        .filter(|&i| a.partnerships[i].measures.net_value < Decimal::ZERO)
        .collect();
    let mut got = shown.visible.clone();
    got.sort_unstable();
    assert_eq!(got, expected);
    assert_eq!(shown.totals, Totals::of(&a, &shown.visible));
    assert!(negative.is_active() && !Filter::default().is_active());

    // Status, and text in any case.
    let active = Filter {
        status: Some(Status::Active),
        ..Filter::default()
    };
    let got = portfolio::visible(&project, &a, &active, sort);
    let count = project
        .partnerships
        .iter()
        .filter(|p| p.status == Status::Active)
        .count();
    assert_eq!(got.len(), count);
    let name = &project.partnerships[17].name;
    let text = Filter {
        text: format!("  {}  ", name.to_uppercase()),
        ..Filter::default()
    };
    let got = portfolio::visible(&project, &a, &text, sort);
    assert!(got.contains(&17));
    assert!(got.iter().all(|&i| {
        project.partnerships[i]
            .name
            .to_lowercase()
            .contains(&name.to_lowercase())
            || project.partnerships[i]
                .status
                .label()
                .to_lowercase()
                .contains(&name.to_lowercase())
            || project.partnerships[i]
                .funding
                .label()
                .to_lowercase()
                .contains(&name.to_lowercase())
    }));
}

#[test]
fn the_sort_orders_rows_by_its_column_both_ways() {
    let project = generate::project(300, 11);
    let a = appraisal::appraise(&project);
    let net = |i: usize| a.partnerships[i].measures.net_value;
    let down = portfolio::visible(&project, &a, &Filter::default(), Sort::default());
    assert_eq!(down.len(), project.partnerships.len());
    assert!(down.windows(2).all(|w| net(w[0]) >= net(w[1])));
    let up = Sort::default().by(SortColumn::NetValue);
    assert!(!up.descending);
    let rows = portfolio::visible(&project, &a, &Filter::default(), up);
    assert!(rows.windows(2).all(|w| net(w[0]) <= net(w[1])));
    // Another column starts in its own order: names A to Z.
    let names = Sort::default().by(SortColumn::Name);
    assert!(!names.descending);
    let rows = portfolio::visible(&project, &a, &Filter::default(), names);
    let name = |i: usize| project.partnerships[i].name.to_lowercase();
    assert!(rows.windows(2).all(|w| name(w[0]) <= name(w[1])));
    // BCR: partnerships without one last.
    let bcr = Sort::default().by(SortColumn::Bcr);
    let rows = portfolio::visible(&project, &a, &Filter::default(), bcr);
    let first_none = rows
        .iter()
        .position(|&i| a.partnerships[i].measures.bcr.is_none())
        .unwrap_or(rows.len());
    assert!(
        rows[first_none..]
            .iter()
            .all(|&i| a.partnerships[i].measures.bcr.is_none())
    );
}

#[test]
fn each_partners_exposure_is_its_positions_added_up() {
    for project in projects() {
        let a = appraisal::appraise(&project);
        // As the dashboard reads it: the network's rows, not added up.
        let network = portfolio::KeptNetwork::of(&project, &a);
        let exposure = portfolio::exposure(&a, &network);
        assert_eq!(exposure.partners.len(), a.portfolio.partners.len());
        for e in &exposure.partners {
            let rows = a
                .partnerships
                .iter()
                .flat_map(|r| &r.partners)
                .filter(|p| p.partner == e.partner);
            let costs = total(rows.clone().map(|p| p.pv_costs));
            let fiscal = total(rows.clone().map(|p| p.pv_fiscal));
            let net = total(rows.map(|p| p.net_budget));
            assert_eq!(
                pence(e.pv_costs),
                pence(costs),
                "{}: {}",
                project.name,
                e.partner
            );
            assert_eq!(pence(e.pv_fiscal), pence(fiscal));
            assert_eq!(pence(e.net_budget), pence(net));
            // A member of every partnership that names it or where it bears costs.
            let named = project
                .partnerships
                .iter()
                .zip(&a.partnerships)
                .filter(|(p, r)| {
                    p.members.contains(&e.partner)
                        || r.partners
                            .iter()
                            .any(|x| x.partner == e.partner && !x.pv_costs.is_zero())
                })
                .count();
            assert!(
                e.partnerships >= named,
                "{}: {} < {named}",
                e.partner,
                e.partnerships
            );
            assert!(e.partnerships <= project.partnerships.len());
        }
        let society = &a.portfolio.wider_society_by_type;
        match &exposure.wider_society {
            None => assert!(a.portfolio.wider_society.is_zero()),
            Some(w) => {
                let by_type = |f: fn(&appraisal::PartnershipResult) -> Decimal| {
                    total(a.partnerships.iter().map(f))
                };
                assert_eq!(
                    pence(w.fiscal),
                    pence(by_type(|r| r.wider_society_by_type.fiscal))
                );
                assert_eq!(
                    pence(w.economic_and_social),
                    pence(by_type(|r| {
                        r.wider_society_by_type.economic + r.wider_society_by_type.social
                    }))
                );
                assert_eq!(w.fiscal, society.fiscal);
            }
        }
    }
}

#[test]
fn joint_working_shares_are_parts_of_the_portfolios_costs() {
    for project in projects() {
        let a = appraisal::appraise(&project);
        let joint = portfolio::joint_working(&a);
        let pvc = a.portfolio.measures.pvc;
        type Parts = fn(&appraisal::PartnershipResult) -> Vec<appraisal::Breakdown>;
        let layers: Parts = |r| r.cost_by_layer.clone();
        let kinds: Parts = |r| r.cost_by_kind.clone();
        for (shares, of) in [(&joint.by_layer, layers), (&joint.by_kind, kinds)] {
            for s in shares.iter() {
                let pv = total(
                    a.partnerships
                        .iter()
                        .flat_map(of)
                        .filter(|b| b.label == s.label)
                        .map(|b| b.pv),
                );
                assert_eq!(pence(s.pv), pence(pv), "{}: {}", project.name, s.label);
                assert_eq!(s.share, (!pvc.is_zero()).then(|| s.pv / pvc));
            }
            if !pvc.is_zero() {
                let whole = total(shares.iter().filter_map(|s| s.share));
                assert_eq!(format::round(whole, 6), Decimal::ONE, "{}", project.name);
            }
        }
    }
}

#[test]
fn the_network_adds_up_each_partners_cells() {
    for project in projects() {
        let a = appraisal::appraise(&project);
        let network = portfolio::network(&project, &a);
        assert_eq!(network.cells.len(), project.partnerships.len());
        for (k, t) in network.totals.iter().enumerate() {
            let column = || network.cells.iter().map(|row| &row[k]);
            assert_eq!(t.memberships, column().filter(|c| c.member).count());
            assert_eq!(t.pv_costs, total(column().map(|c| c.pv_costs)));
            assert_eq!(t.hours_per_year, total(column().map(|c| c.hours_per_year)));
            // A cell's costs are the partner's position in that partnership.
            for (i, cell) in column().enumerate() {
                let position = a.partnerships[i]
                    .partners
                    .iter()
                    .find(|p| p.partner == network.partners[k]);
                assert_eq!(
                    cell.pv_costs,
                    position.map_or(Decimal::ZERO, |p| p.pv_costs)
                );
                let share = network.share_of_largest(cell, NetworkMeasure::Hours);
                assert!(share >= Decimal::ZERO && share <= Decimal::ONE);
            }
        }
        let cells = network.cells.iter().flatten();
        assert_eq!(
            network.largest(NetworkMeasure::Costs),
            cells.clone().map(|c| c.pv_costs).max().unwrap_or_default()
        );
        assert_eq!(
            network.largest(NetworkMeasure::Hours),
            cells.map(|c| c.hours_per_year).max().unwrap_or_default()
        );
    }
}

#[test]
fn a_network_updated_after_an_edit_is_the_network_computed_afresh() {
    let mut project = generate::project(60, 5);
    let a = appraisal::appraise(&project);
    let before = portfolio::network(&project, &a);
    project.partnerships[9].costs.clear();
    project.partnerships[40].members.clear();
    let a = appraisal::appraise(&project);
    let changed = |i: usize| i == 9 || i == 40;
    let updated = before.clone().updated(&project, &a, &changed);
    assert_eq!(updated, portfolio::network(&project, &a));
    assert_ne!(updated, before);
    // A partner renamed: computed again whole.
    project.partners[0].name.push_str(" (renamed)");
    let a = appraisal::appraise(&project);
    let updated = before.updated(&project, &a, &|_| false);
    assert_eq!(updated, portfolio::network(&project, &a));
}

/// An edit that changes no cell of the network (a line renamed) leaves it as it was, and
/// one that does (an amount) is added up again: either way, to the last digit and scale,
/// the network computed afresh (`==` on decimals compares values only, so the debug text,
/// which shows every digit, is compared too).
#[test]
fn a_network_updated_after_an_edit_is_exactly_the_fresh_one_digit_for_digit() {
    let mut project = generate::project(80, 8);
    let a = appraisal::appraise(&project);
    let before = portfolio::network(&project, &a);
    let fresh = |project: &Project| {
        let a = appraisal::appraise(project);
        (portfolio::network(project, &a), a)
    };
    let line = project.partnerships[12]
        .costs
        .first_mut()
        .expect("a cost line");
    line.name.push_str(" (renamed)");
    let (expected, a) = fresh(&project);
    let updated = before.clone().updated(&project, &a, &|i| i == 12);
    assert_eq!(format!("{updated:?}"), format!("{expected:?}"));
    assert_eq!(format!("{updated:?}"), format!("{before:?}"));
    // Costs taken away: the partnership's cells move, and the totals with them.
    let ship = &mut project.partnerships[30];
    assert!(ship.costs.len() > 1);
    ship.costs.truncate(1);
    let (expected, a) = fresh(&project);
    let updated = before
        .clone()
        .updated(&project, &a, &|i| i == 12 || i == 30);
    assert_eq!(format!("{updated:?}"), format!("{expected:?}"));
    assert_ne!(updated.totals, before.totals);
}

#[test]
fn the_conventions_text_is_made_from_their_fields() {
    for project in projects() {
        let c = Conventions::of(&project);
        let text = report::conventions(&project);
        let value = |name: &str| {
            text.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.clone())
                .expect(name)
        };
        assert_eq!(value("Price base year"), c.price_base_year);
        assert_eq!(
            value("Staff costing"),
            format!("{}; {}", c.staff_costing.basis, c.staff_costing.rates)
        );
        assert_eq!(
            value("Optimism bias"),
            format!("{}: {}", c.optimism_bias.applied, c.optimism_bias.method)
        );
        assert!(c.optimism_bias.applied.contains(&format::count(
            c.optimism_bias.lines_adjusted,
            "line",
            "lines"
        )));
        let names: Vec<&str> = text.iter().map(|(n, _)| *n).collect();
        assert_eq!(
            names,
            [
                "Price base year",
                "Years",
                "Discounting",
                "Year 0",
                "Staff costing",
                "Optimism bias",
                "Prices",
                "Rounding"
            ]
        );
    }
}

/// Hours partner `name` gives partnership `p` over `years`, worked from its lines: staff
/// time (hours, or full-time equivalents times productive hours), and meeting attendance
/// (people × meeting, preparation and travel hours × meetings). (All, at meetings), and
/// by grade.
fn hours_given(
    project: &Project,
    p: &partnership_appraisal::model::Partnership,
    name: &str,
    years: u32,
) -> (Decimal, Decimal, Vec<(String, Decimal)>) {
    use partnership_appraisal::model::{CostDetail, TimeUnit};
    let mut all = Decimal::ZERO;
    let mut meetings = Decimal::ZERO;
    let mut grades: Vec<(String, Decimal)> = Vec::new();
    let add = |grades: &mut Vec<(String, Decimal)>, grade: &str, hours: Decimal| match grades
        .iter_mut()
        .find(|(g, _)| g == grade)
    {
        Some((_, h)) => *h += hours,
        None => grades.push((grade.to_owned(), hours)),
    };
    for line in &p.costs {
        match &line.detail {
            CostDetail::StaffTime(s) if s.partner == name => {
                let entered = total(appraisal::flows::expand(&s.hours, years).expect("expands"));
                let hours = match s.unit {
                    TimeUnit::Hours => entered,
                    TimeUnit::Fte => {
                        entered * project.settings.staff_costing.productive_hours_per_year
                    }
                };
                all += hours;
                add(&mut grades, &s.grade, hours);
            }
            CostDetail::Meeting(m) => {
                let count = total(appraisal::flows::expand(&m.meetings, years).expect("expands"));
                let each = m.meeting_hours + m.preparation_hours + m.travel_hours;
                for at in m.attendees.iter().filter(|at| at.partner == name) {
                    let hours = at.count * each * count;
                    all += hours;
                    meetings += hours;
                    add(&mut grades, &at.grade, hours);
                }
            }
            _ => {}
        }
    }
    (all, meetings, grades)
}

#[test]
fn the_network_counts_who_sits_together_from_the_lines() {
    for project in projects() {
        let a = appraisal::appraise(&project);
        let network = portfolio::network(&project, &a);
        let years = a.years.len() as u32;
        let per_year = |hours: Decimal| hours / Decimal::from(years);
        let n = network.partners.len();
        // Who sits in each partnership: named as a member, bearing costs or giving time.
        let sits: Vec<Vec<bool>> = project
            .partnerships
            .iter()
            .zip(&a.partnerships)
            .map(|(p, r)| {
                network
                    .partners
                    .iter()
                    .map(|name| {
                        p.members.contains(name)
                            || r.partners
                                .iter()
                                .any(|x| x.partner == *name && !x.pv_costs.is_zero())
                            || !hours_given(&project, p, name, years).0.is_zero()
                    })
                    .collect()
            })
            .collect();
        let mut linked = 0;
        for x in 0..n {
            let t = &network.totals[x];
            assert_eq!(t.memberships, sits.iter().filter(|row| row[x]).count());
            let mut degree = 0;
            for y in 0..n {
                if x == y {
                    continue;
                }
                let both = sits.iter().filter(|row| row[x] && row[y]).count();
                let (first, second) = (x.min(y), x.max(y));
                let listed = network
                    .shared
                    .iter()
                    .find(|s| s.first == first && s.second == second)
                    .map_or(0, |s| s.partnerships);
                assert_eq!(listed, both, "{}: pair {x}, {y}", project.name);
                if both > 0 {
                    degree += 1;
                    linked += usize::from(x < y);
                }
            }
            assert_eq!(t.degree, degree, "{}", project.name);
            // Meeting hours a year, and each grade's hours, summed over the partnerships.
            let mut meetings = Decimal::ZERO;
            let mut grades: Vec<(String, Decimal, usize)> = Vec::new();
            for p in &project.partnerships {
                let (_, m, by_grade) = hours_given(&project, p, &network.partners[x], years);
                meetings += per_year(m);
                for (grade, hours) in by_grade.into_iter().filter(|(_, h)| !h.is_zero()) {
                    match grades.iter_mut().find(|(g, _, _)| *g == grade) {
                        Some((_, h, count)) => {
                            *h += per_year(hours);
                            *count += 1;
                        }
                        None => grades.push((grade, per_year(hours), 1)),
                    }
                }
            }
            assert_eq!(pence(t.meeting_hours_per_year), pence(meetings));
            assert!(t.meeting_hours_per_year <= t.hours_per_year);
            let listed: Vec<_> = network.grades_of(x).collect();
            assert_eq!(listed.len(), grades.len(), "{}", project.name);
            for (grade, hours, count) in grades {
                let o = listed
                    .iter()
                    .find(|o| o.grade == grade)
                    .expect("the grade is listed");
                assert_eq!(pence(o.hours_per_year), pence(hours), "{grade}");
                assert_eq!(o.partnerships, count, "{grade}");
            }
        }
        assert_eq!(network.shared.len(), linked);
        assert_eq!(network.pairs, n * (n - 1) / 2);
        assert_eq!(
            network.density(),
            Some(Decimal::from(linked) / Decimal::from(n * (n - 1) / 2))
        );
        // Most shared first, and most hours first.
        assert!(
            network
                .shared
                .windows(2)
                .all(|w| w[0].partnerships >= w[1].partnerships)
        );
        assert!(
            network
                .officers
                .windows(2)
                .all(|w| w[0].hours_per_year >= w[1].hours_per_year)
        );
    }
}

/// The network of a national-scale portfolio works its rows out on every core; brought
/// up to date row by row, one after the other, from an older version's network, it is
/// the same network to the last digit and scale.
#[test]
fn the_network_worked_out_on_every_core_is_the_one_worked_out_row_by_row() {
    let project = generate::project(700, 31);
    let results = appraisal::appraise(&project);
    let mut older = project.clone();
    for p in &mut older.partnerships {
        p.costs.truncate(1);
    }
    let old = portfolio::network(&older, &appraisal::appraise(&older));
    let whole = portfolio::network(&project, &results);
    assert_ne!(old, whole);
    // The same partners, so every row is worked out again one by one (not the whole).
    assert_eq!(old.partners, whole.partners);
    let row_by_row = old.updated(&project, &results, &|_| true);
    assert!(row_by_row == whole);
    assert_eq!(format!("{row_by_row:?}"), format!("{whole:?}"));
}
