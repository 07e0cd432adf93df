//! `compare`: what changed between two versions of a project, and each change's share of
//! each partnership's change in net value. The expected shares are computed here by
//! appraising the halfway projects by hand, not copied from the program's output.

use partnership_appraisal::appraisal::appraise;
use partnership_appraisal::appraisal::compare::Share;
use partnership_appraisal::appraisal::compare::{Comparison, Step, compare};
use partnership_appraisal::model::{
    BenefitDetail, CostDetail, DiscountSchedule, Partnership, Profile, Project, Rate,
};
use partnership_appraisal::{file, report};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_partnership-appraisal");

fn example(name: &str) -> Project {
    match file::load(&Path::new("saves").join(name)) {
        Ok(project) => project,
        Err(e) => panic!("{name}: {e}"),
    }
}

fn net(project: &Project, partnership: usize) -> Decimal {
    appraise(project).partnerships[partnership]
        .measures
        .net_value
}

fn shares_of(c: &Comparison, name: &str) -> Vec<(Step, Decimal)> {
    let p = c
        .partnerships
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("{name} is not in the comparison"));
    p.shares.iter().map(|s| (s.step, s.amount)).collect()
}

/// Multiplies the hours of the partnership's first staff-time line by `factor`.
fn more_staff_time(p: &mut Partnership, factor: Decimal) {
    let line = p
        .costs
        .iter_mut()
        .find_map(|c| match &mut c.detail {
            CostDetail::StaffTime(s) => Some(s),
            _ => None,
        })
        .expect("the example partnership has a staff-time line");
    match &mut line.hours {
        Profile::Constant { value, .. } => *value *= factor,
        Profile::PerYear(values) => values.iter_mut().for_each(|v| *v *= factor),
    }
}

fn add_up(shares: &[(Step, Decimal)]) -> Decimal {
    shares.iter().map(|(_, a)| *a).sum()
}

#[test]
fn a_project_compared_with_itself_has_no_change() {
    for name in [
        "example.ron",
        "borough-portfolio.ron",
        "county-health-and-care.ron",
    ] {
        let project = example(name);
        let c = compare(&project, &project);
        assert!(c.changes.is_empty(), "{name}: {:?}", c.changes);
        assert!(c.change.is_zero() && c.shares.is_empty(), "{name}");
        assert_eq!(c.partnerships.len(), project.partnerships.len());
        assert!(
            c.partnerships
                .iter()
                .all(|p| p.change.is_zero() && p.shares.is_empty())
        );
        assert_eq!(c.moved().count(), 0);
        assert!(c.is_complete());
    }
}

#[test]
fn each_step_is_what_it_changes_after_the_steps_before_it() {
    let old = example("borough-portfolio.ron");
    let mut new = old.clone();
    new.settings.discount = DiscountSchedule::Health;
    more_staff_time(&mut new.partnerships[0], dec!(2));

    let c = compare(&old, &new);
    // Halfway: the new discount rates with the old staff time.
    let mut halfway = old.clone();
    halfway.settings.discount = DiscountSchedule::Health;
    let name = &old.partnerships[0].name;
    assert_eq!(
        shares_of(&c, name),
        vec![
            (Step::Discounting, net(&halfway, 0) - net(&old, 0)),
            (Step::StaffTime, net(&new, 0) - net(&halfway, 0)),
        ]
    );
    // Staff time costs money: more of it lowers net value.
    assert!(shares_of(&c, name)[1].1 < Decimal::ZERO);
    // The other partnerships moved only with the discount rates.
    for (i, p) in old.partnerships.iter().enumerate().skip(1) {
        assert_eq!(
            shares_of(&c, &p.name),
            vec![(Step::Discounting, net(&new, i) - net(&old, i))],
            "{}",
            p.name
        );
    }
    let places: Vec<(&str, Option<Step>)> = c
        .changes
        .iter()
        .map(|x| (x.place.as_str(), x.step))
        .collect();
    assert_eq!(
        places,
        vec![
            ("Settings", Some(Step::Discounting)),
            (
                format!("Partnership \"{name}\"").as_str(),
                Some(Step::StaffTime)
            ),
        ]
    );
}

#[test]
fn shares_add_up_to_each_change_and_the_ends_are_the_two_appraisals() {
    let old = example("borough-portfolio.ron");
    let mut new = old.clone();
    new.settings.horizon_years += 2;
    new.settings.discount = DiscountSchedule::Custom(Rate(dec!(0.05)));
    more_staff_time(&mut new.partnerships[1], dec!(0.5));
    if let Some(b) = new.partnerships[2].benefits.first_mut()
        && let BenefitDetail::Direct(Profile::Constant { value, .. }) = &mut b.detail
    {
        *value *= dec!(1.3);
    }
    new.partnerships[3].benefits.truncate(1);
    let removed = new.partnerships.remove(0);
    let mut added = old.partnerships[1].clone();
    added.name = "A new partnership".into();
    new.partnerships.push(added);
    new.description.push_str(" Revised.");

    let c = compare(&old, &new);
    let (old_result, new_result) = (appraise(&old), appraise(&new));
    assert_eq!(c.before, old_result.portfolio.measures.net_value);
    assert_eq!(c.after, new_result.portfolio.measures.net_value);
    assert_eq!(c.change, c.after - c.before);
    // The portfolio's shares are sums over partnerships, added in another order than its
    // net value: equal to Decimal's 28 significant digits, far below a penny.
    let summed: Decimal = c.shares.iter().map(|s| s.amount).sum();
    assert!(
        (summed - c.change).abs() < dec!(0.000000000001),
        "{summed} {}",
        c.change
    );
    for p in &c.partnerships {
        let shares: Vec<(Step, Decimal)> = p.shares.iter().map(|s| (s.step, s.amount)).collect();
        assert_eq!(add_up(&shares), p.change, "{}", p.name);
        assert_eq!(
            p.change,
            p.after.unwrap_or_default() - p.before.unwrap_or_default()
        );
        // Steps come in their fixed order.
        assert!(shares.windows(2).all(|w| w[0].0 < w[1].0), "{}", p.name);
    }
    assert_eq!(
        shares_of(&c, &removed.name),
        vec![(
            Step::Removed,
            -old_result.partnerships[0].measures.net_value
        )]
    );
    let last = new_result.partnerships.len() - 1;
    assert_eq!(
        shares_of(&c, "A new partnership"),
        vec![(
            Step::Added,
            new_result.partnerships[last].measures.net_value
        )]
    );
    // Period and discounting came first and moved every kept partnership.
    let kept = &shares_of(&c, &old.partnerships[1].name);
    assert_eq!(
        kept.iter().map(|s| s.0).collect::<Vec<_>>(),
        [Step::Period, Step::Discounting, Step::StaffTime]
    );
    assert!(
        shares_of(&c, &old.partnerships[3].name)
            .iter()
            .any(|s| s.0 == Step::Benefits)
    );
    // The description is listed, as moving no figure.
    assert!(
        c.changes
            .iter()
            .any(|x| x.what == "description" && x.step.is_none())
    );
}

#[test]
fn a_partner_renamed_with_the_lines_naming_it_is_one_share_said_so() {
    let old = example("borough-portfolio.ron");
    let mut new = old.clone();
    let partner = old.partners[0].name.clone();
    assert!(
        partnership_appraisal::model::rename_partner(&mut new, &partner, "Renamed council") > 0
    );
    new.settings.discount = DiscountSchedule::Health;
    let c = compare(&old, &new);
    // Halfway through, the old lines name a partner that is no longer there: the split
    // would be wrong, so a partnership with such lines moves in one share.
    let together: Vec<_> = c
        .partnerships
        .iter()
        .filter(|p| p.shares.iter().any(|s| s.step == Step::Together))
        .collect();
    assert!(!together.is_empty());
    for p in together {
        assert_eq!(p.shares.len(), 1);
        assert_eq!(p.shares[0].amount, p.change);
    }
    assert!(
        c.changes
            .iter()
            .any(|x| x.what == format!("partner \"{partner}\" removed")
                && x.step == Some(Step::StaffRates))
    );
}

fn penny_share(step: Step, amount: Decimal) -> Share {
    Share {
        step,
        label: step.label(),
        amount,
    }
}

#[test]
fn rounded_shares_add_up_to_the_rounded_change() {
    // Three shares of half a penny each: each rounds to a penny (half away from zero),
    // but the change, 1.5p, rounds to 2p: one share gives a penny back.
    let shares = [
        penny_share(Step::Period, dec!(0.005)),
        penny_share(Step::Discounting, dec!(0.005)),
        penny_share(Step::StaffTime, dec!(0.005)),
    ];
    let rounded = report::rounded_shares(dec!(0.015), &shares);
    assert_eq!(rounded.iter().copied().sum::<Decimal>(), dec!(0.02));
    assert!(rounded.iter().all(|r| *r == dec!(0.01) || r.is_zero()));
    // A negative change the same way.
    let negative: Vec<Share> = shares
        .iter()
        .map(|s| penny_share(s.step, -s.amount))
        .collect();
    let rounded = report::rounded_shares(dec!(-0.015), &negative);
    assert_eq!(rounded.iter().copied().sum::<Decimal>(), dec!(-0.02));
    // Shares already in pence are left as they are.
    let exact = [
        penny_share(Step::Period, dec!(12.34)),
        penny_share(Step::Benefits, dec!(-2.30)),
    ];
    assert_eq!(
        report::rounded_shares(dec!(10.04), &exact),
        vec![dec!(12.34), dec!(-2.30)]
    );
}

fn run(args: &[&str]) -> (i32, String) {
    let output = Command::new(BIN)
        .args(args)
        .output()
        .expect("the program runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

fn json_decimal(v: &serde_json::Value) -> Decimal {
    v.as_str()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("not a decimal string: {v}"))
}

#[test]
fn the_command_says_what_changed_and_its_json_adds_up() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let old = example("borough-portfolio.ron");
    let mut new = old.clone();
    new.settings.discount = DiscountSchedule::Health;
    more_staff_time(&mut new.partnerships[0], dec!(1.5));
    let (old_path, new_path) = (dir.path().join("old.ron"), dir.path().join("new.ron"));
    for (path, project) in [(&old_path, &old), (&new_path, &new)] {
        std::fs::write(path, file::to_ron(project).expect("saves")).expect("writes");
    }
    let (o, n) = (
        old_path.to_string_lossy().into_owned(),
        new_path.to_string_lossy().into_owned(),
    );

    let (code, text) = run(&["compare", &o, &n]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("Settings: discount rates"), "{text}");
    assert!(text.contains("Net value of the portfolio:"), "{text}");
    assert!(
        text.contains("Discounting") && text.contains("Staff time"),
        "{text}"
    );
    assert!(!text.contains("INCOMPLETE"), "{text}");

    let (code, json) = run(&["compare", &o, &n, "--format", "json"]);
    assert_eq!(code, 0);
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(value["complete"], true);
    let portfolio = &value["portfolio"];
    let shares: Decimal = portfolio["shares"]
        .as_array()
        .expect("shares")
        .iter()
        .map(|s| json_decimal(&s["amount"]))
        .sum();
    assert_eq!(shares, json_decimal(&portfolio["change"]));
    assert_eq!(
        json_decimal(&portfolio["change"]),
        json_decimal(&portfolio["after"]) - json_decimal(&portfolio["before"])
    );
    assert_eq!(portfolio["shares"][0]["step"], "discounting");

    // An error in the new version marks the figures incomplete and exits 3.
    let mut broken = new.clone();
    broken.partnerships[0].costs[0].name.clear();
    if let CostDetail::StaffTime(s) = &mut broken.partnerships[0].costs[0].detail {
        s.partner = "Nobody at all".into();
    }
    std::fs::write(&new_path, file::to_ron(&broken).expect("saves")).expect("writes");
    let (code, text) = run(&["compare", &o, &n]);
    assert_eq!(code, 3, "{text}");
    assert!(text.starts_with("INCOMPLETE"), "{text}");
    let (code, _) = run(&["compare", &o, &n, "--allow-incomplete"]);
    assert_eq!(code, 0);
}

#[test]
fn a_changed_register_is_listed_with_no_step_and_moves_no_figure() {
    let old = example("borough-portfolio.ron");
    let mut new = old.clone();
    let name = new.partnerships[0].name.clone();
    new.partnerships[0].register.lead_officer = "Head of Community Safety".into();
    new.partnerships[0].register.statutory = !old.partnerships[0].register.statutory;
    new.significance.spend_threshold = None;
    let c = compare(&old, &new);
    let listed: Vec<(String, String, Option<Step>)> = c
        .changes
        .iter()
        .map(|x| (x.place.clone(), x.what.clone(), x.step))
        .collect();
    assert_eq!(
        listed,
        [
            ("Project".to_owned(), "significance test".to_owned(), None),
            (
                format!("Partnership \"{name}\""),
                "register".to_owned(),
                None
            ),
        ]
    );
    assert_eq!(c.change, Decimal::ZERO);
    assert!(c.shares.is_empty(), "{:?}", c.shares);
    assert_eq!(c.moved().count(), 0);
    let table = report::comparison_table(&c, "old.ron", "new.ron", "£");
    assert!(table.contains("no figure depends on"), "{table}");
}
