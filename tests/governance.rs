//! The register's governance health check (the eight areas of the Audit Commission's
//! 2005 checklist) and risks (likelihood × impact): their checks, that nothing in them
//! changes a figure, the file, and `appraise --format json`.

mod common;

use common::{PARTNERS, load, project, undiscounted};
use partnership_appraisal::appraisal::{self, AllCompleteness, Location, Severity};
use partnership_appraisal::model::*;
use partnership_appraisal::{file, report};
use serde_json::Value;

const OTHER: &str = r#"(name: "Analyst", cost_type: Revenue, optimism: Direct("0"),
    detail: Other((category: It, partner: "Police", amounts: PerYear(["300000", "300000"]))))"#;

/// One partnership with £600,000 of costs undiscounted.
fn csp() -> Project {
    let body = format!(
        r#"{PARTNERS}
        partnerships: [
            (name: "CSP", status: Active, funding: AlignedBudget, members: ["Council", "Police"],
             costs: [{OTHER}]),
        ],"#
    );
    load(&project(&undiscounted(2), &body))
}

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn risk(description: &str, likelihood: u8, impact: u8, owner: &str) -> Risk {
    Risk {
        description: description.into(),
        likelihood,
        impact,
        owner: owner.into(),
        mitigation: "Quarterly report to the board".into(),
    }
}

/// A register filled in every part: each of the eight areas assessed with evidence, and
/// two risks.
fn filled(mut p: Project) -> Project {
    let r = &mut p.partnerships[0].register;
    r.lead_partner = Some("Council".into());
    r.accountable_body = "Northbridge Council".into();
    r.lead_officer = "Head of Community Safety".into();
    r.legal_basis = "Crime and Disorder Act 1998 s.5".into();
    r.start = Some(date("01/04/2019"));
    r.end_or_break = Some(date("31/03/2029"));
    r.next_review = Some(date("2027-03-14"));
    r.statutory = true;
    for (i, area) in GovernanceArea::ALL.into_iter().enumerate() {
        let check = r.governance.area_mut(area);
        check.status = AreaStatus::ALL[1 + i % 3];
        check.evidence = format!("Board minutes, item {}", i + 1);
    }
    r.risks = vec![
        risk(
            "A partner withdraws its funding",
            2,
            4,
            "Chief Finance Officer",
        ),
        risk("Data sharing stops", 4, 4, "Information Governance Lead"),
    ];
    p
}

fn register_problems(p: &Project) -> Vec<String> {
    appraisal::validate(p)
        .into_iter()
        .map(|d| {
            assert_eq!(d.location, Location::Register { partnership: 0 }, "{d}");
            d.to_string()
        })
        .collect()
}

#[test]
fn a_filled_register_governance_check_and_risks_leave_every_figure_identical() {
    let plain = csp();
    let before = appraisal::appraise(&plain);
    let mut full = filled(csp());
    full.significance.spend_threshold = None;
    assert_eq!(appraisal::appraise(&full), before);
    assert!(register_problems(&full).is_empty());
    // The same with a register full of mistakes: the figures stay, and none is marked.
    full.partnerships[0].register.risks.push(risk("", 0, 9, ""));
    full.partnerships[0]
        .register
        .governance
        .rationale
        .evidence
        .clear();
    let after = appraisal::appraise(&full);
    assert_eq!(after, before);
    let marks = AllCompleteness::new(&after, &appraisal::problems(&full, &after));
    assert!(marks.portfolio.is_complete(), "{marks:?}");
    let table = |p: &Project, a| report::table(p, a, &[]);
    assert_eq!(table(&full, &after), table(&plain, &before));
}

#[test]
fn a_risk_without_an_owner_or_off_the_scale_and_a_rating_without_evidence_are_said_clearly() {
    let mut p = filled(csp());
    let r = &mut p.partnerships[0].register;
    r.risks.push(risk("Key officer leaves", 3, 3, " "));
    r.risks.push(risk("", 0, 6, "Director of Public Health"));
    r.governance.added_value.evidence.clear();
    // A review date long past is not a problem the engine can see: it has no clock.
    r.next_review = Some(date("01/01/2001"));
    // Errors come first, as everywhere.
    let problems = register_problems(&p);
    assert_eq!(
        problems,
        [
            "error: CSP, Risk 4 likelihood: 0 is not on the scale: score it from 1 to 5",
            "error: CSP, Risk 4 impact: 6 is not on the scale: score it from 1 to 5",
            "warning: CSP, Added value: is rated 'Partly met' with no evidence note: say what the rating rests on",
            "warning: CSP, Risk 3 owner: no one is named: a risk needs an owner to manage it",
            "warning: CSP, Risk 4 description: is empty: say what might happen",
        ]
    );
    let errors = appraisal::validate(&p)
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    assert_eq!(errors, 2);
    // "Not assessed" needs no evidence.
    let mut p = filled(csp());
    p.partnerships[0].register.governance.added_value = AreaCheck::default();
    assert!(register_problems(&p).is_empty());
}

#[test]
fn scores_are_likelihood_times_impact_rated_low_medium_high() {
    let p = filled(csp());
    let risks = &p.partnerships[0].register.risks;
    assert_eq!(risks[0].score(), Some(8));
    assert_eq!(risks[0].rating(), Some(RiskRating::Medium));
    assert_eq!(risks[1].score(), Some(16));
    assert_eq!(risks[1].rating(), Some(RiskRating::High));
    assert_eq!(risk("x", 2, 2, "y").rating(), Some(RiskRating::Low));
    assert_eq!(risk("x", 0, 2, "y").score(), None);
}

#[test]
fn the_governance_check_and_risks_save_and_load_back_the_same() {
    let p = filled(csp());
    let text = file::to_ron(&p).unwrap();
    assert!(
        text.contains("rationale: (\n                            status: Met,"),
        "{text}"
    );
    assert!(text.contains("likelihood: 4,"), "{text}");
    assert_eq!(file::parse(&text).unwrap(), p);
    // An area left "Not assessed" with no note is left out of the file.
    let mut q = p.clone();
    q.partnerships[0].register.governance.rationale = AreaCheck::default();
    let text = file::to_ron(&q).unwrap();
    assert!(!text.contains("rationale:"), "{text}");
    assert_eq!(file::parse(&text).unwrap(), q);
    // A status that is no status is refused naming it.
    let bad = file::to_ron(&p)
        .unwrap()
        .replacen("status: Met,", "status: Done,", 1);
    let message = file::parse(&bad).unwrap_err().to_string();
    assert!(message.contains("Done"), "{message}");
}

fn json(p: &Project) -> Value {
    let a = appraisal::appraise(p);
    let r = report::Report::new(p, &a, appraisal::problems(p, &a));
    serde_json::to_value(&r).unwrap()
}

#[test]
fn the_json_carries_the_register_governance_check_risks_and_significance() {
    let p = filled(csp());
    let v = json(&p);
    let reg = &v["partnerships"][0]["register"];
    assert_eq!(reg["lead_partner"], "Council");
    assert_eq!(reg["legal_basis"], "Crime and Disorder Act 1998 s.5");
    assert_eq!(reg["start"], "2019-04-01");
    assert_eq!(reg["next_review"], "2027-03-14");
    assert_eq!(reg["strategic_risk"], "Low");
    assert_eq!(reg["significance"]["significant"], true);
    assert_eq!(
        reg["significance"]["summary"],
        "Significant: PVC £600,000 is above the £500,000 threshold; statutory; strategic risk is low"
    );
    let areas = reg["governance"].as_array().unwrap();
    assert_eq!(areas.len(), 8);
    assert_eq!(areas[0]["area"], "rationale");
    assert_eq!(areas[0]["name"], "Rationale");
    assert_eq!(areas[0]["status"], "Met");
    assert_eq!(areas[7]["area"], "serving_the_public");
    assert_eq!(areas[1]["evidence"], "Board minutes, item 2");
    let risks = reg["risks"].as_array().unwrap();
    assert_eq!(risks[1]["score"], 16);
    assert_eq!(risks[1]["rating"], "High");
    assert_eq!(risks[0]["owner"], "Chief Finance Officer");
    assert_eq!(v["significance_test"]["spend_threshold"], "500000");
    assert_eq!(v["significance_test"]["statutory"], true);
    // An empty register is there too, every area "Not assessed".
    let v = json(&csp());
    let reg = &v["partnerships"][0]["register"];
    assert_eq!(reg["lead_partner"], Value::Null);
    assert_eq!(reg["governance"][3]["status"], "Not assessed");
    assert_eq!(reg["risks"], Value::Array(vec![]));
}
