//! References by name never dangle: renaming a partner, grade, unit value, confidence
//! grade, option, proposal or partnership changes every reference to it and nothing in
//! the results but names; deleting one moves what refers to it, or deletes that too.

mod common;

#[path = "common/strategies.rs"]
mod strategies;

use common::{PARTNERS, dp4, load, project, same_at, undiscounted};
use partnership_appraisal::appraisal::{self, Appraisal, PartnerPosition, Severity, uncertainty};
use partnership_appraisal::model::*;
use proptest::prelude::*;
use proptest::test_runner::Config;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use strategies::{tame_project_with, tame_with_extras};

// ---------------------------------------------------------------------------------
// A small project where Police is named in every kind of place.

const STAFF: &str = r#"(name: "Inspector time", cost_type: InKind, optimism: Grade("3"),
    detail: StaffTime((partner: "Police", grade: "Inspector", layer: Operational,
        hours: PerYear(["100", "100"]))))"#;

const BOARD: &str = r#"(name: "Board", cost_type: InKind, optimism: Direct("0"),
    detail: Meeting((
        layer: Strategic,
        meetings: PerYear(["4", "4"]),
        meeting_hours: "2", preparation_hours: "0", travel_hours: "0",
        attendees: [
            (partner: "Council", grade: "Director", count: "1"),
            (partner: "Police", grade: "Inspector", count: "1"),
        ],
        fixed_costs: (paid_by: "Council", venue: "100", refreshments: "0", printing: "0", other: "0"),
    )))"#;

const POOL: &str = r#"(name: "Pool", cost_type: Revenue, optimism: Direct("0"),
    detail: PooledFund((host: "Council", risk_share: ProRata, contributions: [
        (partner: "Council", amounts: PerYear(["600", "600"])),
        (partner: "Police", amounts: PerYear(["400", "400"])),
    ])))"#;

const POLICE_IT: &str = r#"(name: "Police IT", cost_type: Revenue, optimism: Direct("0"),
    detail: Other((category: It, partner: "Police", amounts: PerYear(["50", "50"]))))"#;

const SAVING: &str = r#"(name: "Fewer call-outs", benefit_type: Fiscal, partner: Some("Police"),
    optimism: Direct("0"), detail: Direct(PerYear(["5000", "5000"])))"#;

const CHAIN: &str = r#"(name: "Into work", benefit_type: Economic, partner: Some("Residents"),
    optimism: Grade("3"), detail: Outcome((
        cohort: PerYear(["10", "10"]), engagement_rate: "1", success_rate: "0.5",
        unit_value: Library("Earnings gain"), deadweight: "0", displacement: "0",
        attribution: "0", lag_years: 0, duration_years: 1, drop_off: "0")))"#;

fn police_everywhere() -> Project {
    let csp = format!(
        r#"(name: "CSP", status: Active, funding: AlignedBudget,
            members: ["Council", "Police"],
            costs: [{STAFF}, {BOARD}, {POOL}, {POLICE_IT}],
            benefits: [{SAVING}, {CHAIN}],
            options: [(name: "Scale down", kind: ScaleDown, costs: [{STAFF}], benefits: [{SAVING}])],
            preferred_option: Some("Scale down"),
            proposals: [(name: "Equal", basis: Equal, shares: [
                (partner: "Council", share: "0.5"), (partner: "Police", share: "0.5")])],
        )"#
    );
    let health = format!(
        r#"(name: "Health", status: Active, funding: AlignedBudget,
            members: ["NHS"], benefits: [{SAVING}])"#
    );
    let body = format!(
        r#"{PARTNERS}
        partnerships: [{csp}, {health}],
        unit_values: [
            (name: "Earnings gain", value: "1000", price_year: 2026),
            (name: "Arrest avoided", value: "300", price_year: 2026, partner: Some("Police")),
        ],
        deflators: [(year: 2026, index: "100")],"#
    );
    load(&project(&undiscounted(2), &body))
}

fn police(p: &Project) -> Named {
    Named::Partner(p.partners.iter().position(|x| x.name == "Police").unwrap())
}

fn errors(p: &Project) -> Vec<String> {
    appraisal::validate(p)
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{}: {} {}", d.context, d.field, d.message))
        .collect()
}

/// Every name in a saved project, as the file holds it.
fn file_text(p: &Project) -> String {
    partnership_appraisal::file::to_ron(p).unwrap()
}

#[test]
fn the_count_says_how_many_lines_in_how_many_partnerships_and_where() {
    let p = police_everywhere();
    let refs = references_to(&p, &police(&p));
    // CSP: staff, board (attendee), pool (contribution), IT, saving; the option's staff
    // and saving; Health: saving. 8 lines in 2 partnerships, besides a member, a proposal
    // share and a unit value's agency.
    assert_eq!(refs.lines().len(), 8);
    assert_eq!(refs.partnerships().len(), 2);
    assert_eq!(
        refs.describe(&p, "Police"),
        "8 lines in 2 partnerships refer to Police: 'CSP' (5 lines, 2 lines of options, a member, \
         1 proposal); 'Health' (1 line); 1 unit value in the library."
    );
    assert_eq!(references_to_partner(&p, "Police"), refs);
    assert!(references_to_partner(&p, "Nobody").is_empty());
}

#[test]
fn renaming_a_partner_reaches_option_lines_proposals_members_and_the_library() {
    let mut p = police_everywhere();
    let before = appraisal::appraise(&p);
    let me = police(&p);
    let references = references_to(&p, &me).sites.len();
    assert_eq!(rename(&mut p, &me, "Constabulary"), Ok(references));
    assert_eq!(references, 11);
    let text = file_text(&p);
    assert!(
        !text.contains("\"Police\""),
        "Police is still named:\n{text}"
    );
    let csp = &p.partnerships[0];
    match &csp.options[0].costs[0].detail {
        CostDetail::StaffTime(s) => assert_eq!(s.partner, "Constabulary"),
        other => panic!("expected staff time, got {other:?}"),
    }
    assert_eq!(
        csp.options[0].benefits[0].partner.as_deref(),
        Some("Constabulary")
    );
    assert_eq!(csp.proposals[0].shares[1].partner, "Constabulary");
    assert_eq!(csp.members, ["Council", "Constabulary"]);
    assert_eq!(p.unit_values[1].partner.as_deref(), Some("Constabulary"));
    assert!(errors(&p).is_empty(), "{:#?}", errors(&p));
    let after = appraisal::appraise(&p);
    assert_eq!(
        after.portfolio.measures.net_value,
        before.portfolio.measures.net_value
    );
}

#[test]
fn a_name_already_taken_is_refused_and_nothing_changes() {
    let mut p = police_everywhere();
    let before = p.clone();
    let me = police(&p);
    assert_eq!(
        rename(&mut p, &me, "NHS"),
        Err("another partner is already called 'NHS'".to_owned())
    );
    let grade = Named::Grade {
        partner: 0,
        grade: 1,
    };
    assert_eq!(
        rename(&mut p, &grade, " Director "),
        Err("another grade is already called 'Director'".to_owned())
    );
    let option = Named::Option {
        partnership: 0,
        option: 0,
    };
    assert!(rename(&mut p, &option, "Current arrangement").is_err());
    assert!(rename(&mut p, &Named::Partnership(1), "CSP").is_err());
    assert!(rename(&mut p, &Named::UnitValue(1), "").is_err());
    assert_eq!(p, before);
    // A grade may share its name with another partner's grade.
    assert_eq!(rename(&mut p, &grade, "Manager"), Ok(0));
}

#[test]
fn renaming_an_option_carries_the_preference_with_it() {
    let mut p = police_everywhere();
    let option = Named::Option {
        partnership: 0,
        option: 0,
    };
    rename(&mut p, &option, "Smaller board").unwrap();
    assert_eq!(
        p.partnerships[0].preferred_option.as_deref(),
        Some("Smaller board")
    );
    assert!(errors(&p).is_empty(), "{:#?}", errors(&p));
}

#[test]
fn deleting_a_partner_with_its_lines_leaves_no_trace_of_it() {
    let mut p = police_everywhere();
    let me = police(&p);
    let n = delete_with_references(&mut p, &me);
    assert_eq!(n, 11);
    assert!(p.partner("Police").is_none());
    assert!(!file_text(&p).contains("\"Police\""));
    let csp = &p.partnerships[0];
    // Its own lines went; the meeting and the pool stay without its attendee or contribution.
    let names: Vec<&str> = csp.costs.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Board", "Pool"]);
    match (&csp.costs[0].detail, &csp.costs[1].detail) {
        (CostDetail::Meeting(m), CostDetail::PooledFund(f)) => {
            assert_eq!(m.attendees.len(), 1);
            assert_eq!(f.contributions.len(), 1);
        }
        other => panic!("unexpected lines {other:?}"),
    }
    assert_eq!(csp.benefits.len(), 1, "the chain to residents stays");
    assert!(csp.options[0].costs.is_empty() && csp.options[0].benefits.is_empty());
    assert_eq!(csp.proposals[0].shares.len(), 1);
    assert_eq!(csp.members, ["Council"]);
    assert!(p.partnerships[1].benefits.is_empty());
    assert_eq!(p.unit_values[1].partner, None);
    assert!(errors(&p).is_empty(), "{:#?}", errors(&p));
    // Nowhere in the results, not even as a row of zeros.
    let a = appraisal::appraise(&p);
    assert!(!a.portfolio.partners.iter().any(|x| x.partner == "Police"));
}

#[test]
fn deleting_a_partner_moving_its_lines_keeps_every_figure() {
    let mut p = police_everywhere();
    let before = appraisal::appraise(&p);
    let me = police(&p);
    assert_eq!(
        replacements(&p, &me),
        ["Council", "NHS", "Residents"].map(String::from)
    );
    let moved = delete_moving_references(&mut p, &me, "Council").unwrap();
    assert_eq!(moved, 11);
    assert!(p.partner("Police").is_none());
    assert!(!file_text(&p).contains("\"Police\""));
    // The inspector grade came across with its pay, so the costs are the same.
    let council = p.partner("Council").unwrap();
    assert_eq!(
        council.grade("Inspector").unwrap().pay,
        Pay::Hourly(Money(dec!(40)))
    );
    let csp = &p.partnerships[0];
    assert_eq!(csp.members, ["Council"], "one membership each");
    assert_eq!(csp.proposals[0].shares.len(), 1);
    assert_eq!(csp.proposals[0].shares[0].share.0, Decimal::ONE);
    assert!(errors(&p).is_empty(), "{:#?}", errors(&p));
    let after = appraisal::appraise(&p);
    assert_eq!(
        after.portfolio.measures.net_value,
        before.portfolio.measures.net_value
    );
    let total = |a: &Appraisal, who: &[&str]| -> Decimal {
        a.portfolio
            .partners
            .iter()
            .filter(|x| who.contains(&x.partner.as_str()))
            .map(|x| x.net_budget)
            .sum()
    };
    assert_eq!(
        total(&after, &["Council"]),
        total(&before, &["Council", "Police"])
    );
    assert!(
        !after
            .portfolio
            .partners
            .iter()
            .any(|x| x.partner == "Police")
    );
}

#[test]
fn moving_to_something_that_is_not_a_replacement_is_refused() {
    let mut p = police_everywhere();
    let before = p.clone();
    let me = police(&p);
    assert!(delete_moving_references(&mut p, &me, "Police").is_err());
    assert!(delete_moving_references(&mut p, &me, "Nobody").is_err());
    assert_eq!(p, before);
}

#[test]
fn deleting_a_grade_moves_its_staff_time_or_deletes_it() {
    let grade = Named::Grade {
        partner: 0,
        grade: 0,
    };
    let mut moved = police_everywhere();
    assert_eq!(
        references_to(&moved, &grade).sites.len(),
        1,
        "the board's director"
    );
    assert_eq!(
        delete_moving_references(&mut moved, &grade, "Officer"),
        Ok(1)
    );
    match &moved.partnerships[0].costs[1].detail {
        CostDetail::Meeting(m) => assert_eq!(m.attendees[0].grade, "Officer"),
        other => panic!("expected the board, got {other:?}"),
    }
    assert!(errors(&moved).is_empty(), "{:#?}", errors(&moved));

    let mut gone = police_everywhere();
    assert_eq!(delete_with_references(&mut gone, &grade), 1);
    match &gone.partnerships[0].costs[1].detail {
        CostDetail::Meeting(m) => assert_eq!(m.attendees.len(), 1),
        other => panic!("expected the board, got {other:?}"),
    }
    assert!(gone.partners[0].grade("Director").is_none());
    assert!(errors(&gone).is_empty(), "{:#?}", errors(&gone));
}

#[test]
fn deleting_a_unit_value_or_confidence_grade_moves_or_deletes_the_lines_using_it() {
    let uv = Named::UnitValue(0);
    let mut moved = police_everywhere();
    assert_eq!(
        references_to(&moved, &uv).describe(&moved, "Earnings gain"),
        "1 line in 1 partnership refers to Earnings gain: 'CSP' (1 line)."
    );
    assert_eq!(
        references_to(&moved, &Named::UnitValue(1)).describe(&moved, "Arrest avoided"),
        "Nothing refers to Arrest avoided."
    );
    assert_eq!(
        delete_moving_references(&mut moved, &uv, "Arrest avoided"),
        Ok(1)
    );
    assert!(errors(&moved).is_empty(), "{:#?}", errors(&moved));
    let mut gone = police_everywhere();
    assert_eq!(delete_with_references(&mut gone, &uv), 1);
    assert_eq!(gone.partnerships[0].benefits.len(), 1);
    assert!(errors(&gone).is_empty(), "{:#?}", errors(&gone));

    let three = Named::ConfidenceGrade(2);
    let mut p = police_everywhere();
    // The staff line twice (its own and the option's copy) and the chain.
    assert_eq!(references_to(&p, &three).lines().len(), 3);
    assert_eq!(delete_moving_references(&mut p, &three, "4"), Ok(3));
    assert_eq!(
        p.partnerships[0].costs[0].optimism,
        Optimism::Grade("4".into())
    );
    assert!(errors(&p).is_empty(), "{:#?}", errors(&p));
}

#[test]
fn deleting_the_preferred_option_moves_or_clears_the_preference() {
    let option = Named::Option {
        partnership: 0,
        option: 0,
    };
    let mut p = police_everywhere();
    let refs = references_to(&p, &option);
    assert_eq!(
        refs.describe(&p, "Scale down"),
        "Scale down is named in 1 place: 'CSP' (the preferred option)."
    );
    assert_eq!(
        replacements(&p, &option),
        ["Current arrangement".to_owned()]
    );
    delete_moving_references(&mut p, &option, "Current arrangement").unwrap();
    assert_eq!(
        p.partnerships[0].preferred_option.as_deref(),
        Some("Current arrangement")
    );
    let mut q = police_everywhere();
    delete_with_references(&mut q, &option);
    assert!(q.partnerships[0].options.is_empty());
    assert_eq!(q.partnerships[0].preferred_option, None);
    assert!(errors(&q).is_empty(), "{:#?}", errors(&q));
}

#[test]
fn a_second_thing_with_the_same_name_has_no_references() {
    // Only a hand-edited file can hold two partners called Police; lines name the first.
    let mut p = police_everywhere();
    p.partners.push(Partner::new("Police", PartnerKind::Police));
    let second = Named::Partner(p.partners.len() - 1);
    assert!(references_to(&p, &second).is_empty());
    assert!(!references_to(&p, &police(&p)).is_empty());
}

// ---------------------------------------------------------------------------------
// Property: renaming anything to a fresh name changes nothing but names.

fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        max_shrink_time: 60_000,
        ..Config::default()
    }
}

/// A tame project with options and proposals; sometimes the first option is preferred.
/// Each proposal's shares add up to 100%, as one saved from a split does.
fn project_with_options() -> BoxedStrategy<Project> {
    (tame_project_with(tame_with_extras()), any::<bool>())
        .prop_map(|(mut p, prefer_first)| {
            for ship in &mut p.partnerships {
                if prefer_first {
                    ship.preferred_option = ship.options.first().map(|o| o.name.clone());
                }
                for proposal in &mut ship.proposals {
                    let n = proposal.shares.len();
                    let each = Decimal::ONE
                        .checked_div(Decimal::from(n.max(1)))
                        .unwrap_or(Decimal::ONE)
                        .round_dp_with_strategy(4, rust_decimal::RoundingStrategy::ToZero);
                    for (i, share) in proposal.shares.iter_mut().enumerate() {
                        share.share = Rate(if i + 1 == n {
                            Decimal::ONE - each * Decimal::from(n - 1)
                        } else {
                            each
                        });
                    }
                }
            }
            p
        })
        .boxed()
}

/// The thing to rename: its kind and two numbers that choose which one.
fn pick(p: &Project, kind: u8, a: usize, b: usize) -> Named {
    let ships = p.partnerships.len();
    let ship = a % ships;
    match kind % 7 {
        1 => {
            let partner = a % p.partners.len();
            match p.partners[partner].grades.len() {
                0 => Named::Partner(partner),
                n => Named::Grade {
                    partner,
                    grade: b % n,
                },
            }
        }
        2 => Named::UnitValue(a % p.unit_values.len()),
        3 => Named::ConfidenceGrade(a % p.confidence_grades.len()),
        4 if !p.partnerships[ship].options.is_empty() => Named::Option {
            partnership: ship,
            option: b % p.partnerships[ship].options.len(),
        },
        5 => Named::Partnership(ship),
        6 if !p.partnerships[ship].proposals.is_empty() => Named::Proposal {
            partnership: ship,
            proposal: b % p.partnerships[ship].proposals.len(),
        },
        _ => Named::Partner(a % p.partners.len()),
    }
}

/// Partner positions keyed by name, a renamed partner under its old name.
fn positions(rows: &[PartnerPosition], old: &str, new: &str) -> Vec<PartnerPosition> {
    let mut rows: Vec<PartnerPosition> = rows.to_vec();
    for row in &mut rows {
        if row.partner == new {
            row.partner = old.to_owned();
        }
    }
    rows.sort_by(|x, y| x.partner.cmp(&y.partner));
    rows
}

fn same_positions(a: &[PartnerPosition], b: &[PartnerPosition]) -> Result<(), TestCaseError> {
    prop_assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(b) {
        prop_assert_eq!(&x.partner, &y.partner);
        for (what, m, n) in [
            ("costs", x.pv_costs, y.pv_costs),
            ("fiscal", x.pv_fiscal, y.pv_fiscal),
            ("other", x.pv_other, y.pv_other),
            ("net", x.net_value, y.net_value),
            ("budget", x.net_budget, y.net_budget),
        ] {
            prop_assert!(
                same_at(m, n, 2),
                "{} {}: {} against {}",
                x.partner,
                what,
                m,
                n
            );
        }
    }
    Ok(())
}

/// Errors by where they are and which field, without their wording (which names things).
fn error_places(p: &Project) -> Vec<String> {
    let mut places: Vec<String> = appraisal::validate(p)
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{:?} {}", d.location, d.field))
        .collect();
    places.sort();
    places
}

fn same_options(
    before: &Project,
    after: &Project,
    old: &str,
    new: &str,
    ship: usize,
) -> Result<(), TestCaseError> {
    let a = uncertainty::options(before, ship);
    let b = uncertainty::options(after, ship);
    prop_assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        let name = if y.name == new { old } else { y.name.as_str() };
        prop_assert_eq!(x.name.as_str(), name);
        prop_assert_eq!(x.preferred, y.preferred, "preferred option of {}", x.name);
        prop_assert_eq!(x.measures.net_value, y.measures.net_value);
    }
    Ok(())
}

fn same_proposals(
    before: &Project,
    after: &Project,
    ra: &Appraisal,
    rb: &Appraisal,
    old: &str,
    new: &str,
) -> Result<(), TestCaseError> {
    for (i, (sa, sb)) in before
        .partnerships
        .iter()
        .zip(&after.partnerships)
        .enumerate()
    {
        for (pa, pb) in sa.proposals.iter().zip(&sb.proposals) {
            let x = uncertainty::proposal_split(pa, &ra.partnerships[i]);
            let y = uncertainty::proposal_split(pb, &rb.partnerships[i]);
            prop_assert_eq!(x.is_some(), y.is_some());
            for (m, n) in x
                .unwrap_or_default()
                .iter()
                .zip(y.unwrap_or_default().iter())
            {
                let name = if n.partner == new {
                    old
                } else {
                    n.partner.as_str()
                };
                prop_assert_eq!(m.partner.as_str(), name);
                prop_assert!(
                    same_at(m.net, n.net, 2),
                    "{} net {} against {}",
                    m.partner,
                    m.net,
                    n.net
                );
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn renaming_anything_to_a_fresh_name_changes_nothing_but_names(
        project in project_with_options(),
        (kind, a, b) in (any::<u8>(), any::<usize>(), any::<usize>()),
        fresh in 1u32..1000,
    ) {
        let named = pick(&project, kind, a, b);
        let old = named.name(&project).unwrap().to_owned();
        let new = format!("Fresh name {fresh}");
        let mut renamed = project.clone();
        let references = references_to(&project, &named).sites.len();
        prop_assert_eq!(rename(&mut renamed, &named, &new), Ok(references));
        prop_assert_eq!(named.name(&renamed), Some(new.as_str()));
        // The same places refer to it, under its new name.
        prop_assert_eq!(references_to(&renamed, &named), references_to(&project, &named));
        if let Named::Partner(_) = named {
            // The old name is nowhere: nothing a file holds still says it.
            prop_assert!(references_to_partner(&renamed, &old).is_empty());
        }

        let before = appraisal::appraise(&project);
        let after = appraisal::appraise(&renamed);
        prop_assert_eq!(before.diagnostics.len(), after.diagnostics.len());
        prop_assert_eq!(before.partnerships.len(), after.partnerships.len());
        for (x, y) in before.partnerships.iter().zip(&after.partnerships) {
            let (m, n) = (&x.measures, &y.measures);
            for (what, u, v) in [
                ("net value", m.net_value, n.net_value),
                ("PVC", m.pvc, n.pvc),
                ("PVB fiscal", m.pvb.fiscal, n.pvb.fiscal),
                ("PVB cashable", m.pvb_cashable, n.pvb_cashable),
                ("net budget impact", m.net_budget_impact, n.net_budget_impact),
            ] {
                prop_assert!(same_at(u, v, 2), "{}: {} against {}", what, u, v);
            }
            prop_assert_eq!(m.bcr.map(dp4), n.bcr.map(dp4));
            same_positions(&positions(&x.partners, &old, &new), &positions(&y.partners, &old, &new))?;
        }
        same_positions(
            &positions(&before.portfolio.partners, &old, &new),
            &positions(&after.portfolio.partners, &old, &new),
        )?;
        if let Named::Option { partnership, .. } = named {
            same_options(&project, &renamed, &old, &new, partnership)?;
        } else if !project.partnerships.is_empty() {
            same_options(&project, &renamed, &old, &new, a % project.partnerships.len())?;
        }
        same_proposals(&project, &renamed, &before, &after, &old, &new)?;
        // No new error (a rename may only mend one, such as a blank name).
        let mut was = error_places(&project);
        for place in error_places(&renamed) {
            let found = was.iter().position(|w| *w == place);
            prop_assert!(found.is_some(), "a new error at {}", place);
            if let Some(i) = found {
                was.remove(i);
            }
        }
    }
}

fn error_count(p: &Project) -> usize {
    error_places(p).len()
}

/// A partner, grade, unit value, confidence grade or option to delete.
fn pick_deletable(p: &Project, kind: u8, a: usize, b: usize) -> Named {
    match pick(p, kind % 5, a, b) {
        Named::Partnership(_) | Named::Proposal { .. } => Named::Partner(a % p.partners.len()),
        named => named,
    }
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn deleting_leaves_no_reference_and_no_new_error(
        project in project_with_options(),
        (kind, a, b) in (any::<u8>(), any::<usize>(), any::<usize>()),
        moving in any::<bool>(),
    ) {
        let named = pick_deletable(&project, kind, a, b);
        let old = named.name(&project).unwrap().to_owned();
        let to = replacements(&project, &named).first().cloned();
        let mut after = project.clone();
        let count = references_to(&project, &named).sites.len();
        match (&to, moving) {
            (Some(to), true) => {
                prop_assert_eq!(delete_moving_references(&mut after, &named, to), Ok(count));
                if let Named::Partner(_) = named {
                    // Lines moved to another partner cost and bring the same.
                    let x = appraisal::appraise(&project);
                    let y = appraisal::appraise(&after);
                    for (m, n) in x.partnerships.iter().zip(&y.partnerships) {
                        let (m, n) = (&m.measures, &n.measures);
                        prop_assert!(same_at(m.net_value, n.net_value, 2), "{} against {}", m.net_value, n.net_value);
                        prop_assert!(same_at(m.pvc, n.pvc, 2), "{} against {}", m.pvc, n.pvc);
                    }
                }
            }
            _ => prop_assert_eq!(delete_with_references(&mut after, &named), count),
        }
        if let Named::Partner(_) = named {
            prop_assert!(after.partner(&old).is_none());
            prop_assert!(references_to_partner(&after, &old).is_empty());
            let rows = appraisal::appraise(&after).portfolio.partners;
            prop_assert!(!rows.iter().any(|r| r.partner == old));
        }
        prop_assert!(
            error_count(&after) <= error_count(&project),
            "new errors: {:#?}",
            appraisal::validate(&after)
        );
    }
}
