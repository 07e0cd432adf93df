use super::common::{PARTNERS, load, pence, project, settings, undiscounted};
use super::results::results_project;
use super::{appraise, direct_benefit, one_partnership, other_cost, partnership};
use partnership_appraisal::appraisal::{self, Appraisal, Location, Payback, Severity};
use rust_decimal_macros::dec;
use std::sync::mpsc;
use std::time::Duration;

// ---------------------------------------------------------------------------------
// Diagnostics

/// A project with one instance of each problem validate() should find.
fn faulty_project() -> String {
    project(
        &settings(10, "Standard", "GreenBook"),
        &format!(
            r#"{PARTNERS}
            partnerships: [(name: "Faulty", status: Proposed, funding: AlignedBudget,
                costs: [
                    (name: "Negative hours", cost_type: InKind, optimism: Direct("0"),
                     detail: StaffTime((partner: "Council", grade: "Officer", layer: Operational,
                        hours: PerYear(["-10"])))),
                    (name: "Empty meeting", cost_type: InKind, optimism: Direct("0"),
                     detail: Meeting((layer: Strategic, meetings: PerYear(["4"]),
                        meeting_hours: "2", preparation_hours: "0", travel_hours: "0"))),
                    (name: "Wrong grade", cost_type: InKind, optimism: Direct("0"),
                     detail: Meeting((layer: Strategic, meetings: PerYear(["4"]),
                        meeting_hours: "2", preparation_hours: "0", travel_hours: "0",
                        attendees: [(partner: "NHS", grade: "Director", count: "1")]))),
                    (name: "Too large", cost_type: Capital, optimism: Direct("0"),
                     detail: Other((category: It, partner: "Council", amounts: PerYear(["1000000000001"])))),
                    (name: "Runs on", cost_type: Revenue, optimism: Direct("0"),
                     detail: Other((category: It, partner: "Council",
                        amounts: Constant(value: "10", start_year: 8, years: 5, growth: "0")))),
                    (name: "Unknown grade", cost_type: Revenue, optimism: Grade("Z"),
                     detail: Other((category: It, partner: "Council", amounts: PerYear(["10"])))),
                ],
                benefits: [
                    (name: "Over 100%", benefit_type: Social, optimism: Direct("0"),
                     detail: Outcome((cohort: PerYear(["10"]), engagement_rate: "1.5", success_rate: "0.5",
                        unit_value: Typed(value: "100", price_year: 2026),
                        deadweight: "1.2", displacement: "0", attribution: "0",
                        lag_years: 0, duration_years: 1, drop_off: "0"))),
                    (name: "Nobody's saving", benefit_type: Fiscal, optimism: Direct("0"),
                     detail: Direct(PerYear(["10"]))),
                    (name: "No such unit value", benefit_type: Social, optimism: Direct("0"),
                     detail: Outcome((cohort: PerYear(["10"]), engagement_rate: "1", success_rate: "1",
                        unit_value: Library("Nope"),
                        deadweight: "0", displacement: "0", attribution: "0",
                        lag_years: 0, duration_years: 1, drop_off: "0"))),
                    (name: "No deflator", benefit_type: Social, optimism: Direct("0"),
                     detail: Outcome((cohort: PerYear(["10"]), engagement_rate: "1", success_rate: "1",
                        unit_value: Typed(value: "100", price_year: 2019),
                        deadweight: "0", displacement: "0", attribution: "0",
                        lag_years: 0, duration_years: 1, drop_off: "0"))),
                    (name: "Too long", benefit_type: Social, optimism: Direct("0"),
                     detail: Direct(PerYear(["1","1","1","1","1","1","1","1","1","1","1","1"]))),
                ])],
            deflators: [(year: 2026, index: "100")],"#
        ),
    )
}

#[test]
fn validate_finds_each_problem_where_it_is() {
    let diagnostics = appraisal::validate(&load(&faulty_project()));
    let find = |location: Location, field: &str, severity: Severity, words: &str| {
        assert!(
            diagnostics.iter().any(|d| d.location == location
                && d.field == field
                && d.severity == severity
                && d.message.contains(words)),
            "expected {severity:?} on {field} at {location:?} saying '{words}', got:\n{}",
            diagnostics
                .iter()
                .map(|d| format!("{d} @ {:?}", d.location))
                .collect::<Vec<_>>()
                .join("\n")
        );
    };
    let cost = |line| Location::Cost {
        partnership: 0,
        line,
    };
    let benefit = |line| Location::Benefit {
        partnership: 0,
        line,
    };
    use Severity::{Error, Warning};
    find(cost(0), "Hours a year", Error, "negative");
    find(cost(1), "Attendees", Warning, "no attendees");
    find(cost(2), "Attendee grade", Error, "not on NHS's rate card");
    find(cost(3), "Amount", Error, "too large");
    find(cost(4), "Amount", Warning, "beyond the 10-year horizon");
    find(cost(5), "Confidence grade", Error, "'Z'");
    find(benefit(0), "Engagement rate", Error, "150%");
    find(benefit(0), "Deadweight", Error, "120%");
    find(
        benefit(1),
        "Partner",
        Error,
        "fiscal benefit must name the partner",
    );
    find(benefit(2), "Unit value", Error, "'Nope'");
    find(
        benefit(3),
        "Price year",
        Error,
        "no GDP deflator for 2019/20",
    );
    find(benefit(4), "Amount", Warning, "beyond the 10-year horizon");
    // Errors come first.
    let first_warning = diagnostics
        .iter()
        .position(|d| d.severity == Warning)
        .unwrap();
    assert!(
        diagnostics[first_warning..]
            .iter()
            .all(|d| d.severity == Warning)
    );
}

#[test]
fn a_clean_project_has_no_diagnostics() {
    let project = load(&results_project(&settings(10, "Standard", "GreenBook")));
    assert_eq!(appraisal::validate(&project), vec![]);
    assert_eq!(appraisal::appraise(&project).diagnostics, vec![]);
}

/// Every problem with an appraisal's figures, as the app and the command line list them.
fn appraised(text: &str) -> (Appraisal, Vec<appraisal::Diagnostic>) {
    let project = load(text);
    let a = appraisal::appraise(&project);
    let problems = appraisal::problems(&project, &a);
    (a, problems)
}

#[test]
fn appraise_leaves_out_every_line_with_an_error_and_counts_none_of_it() {
    let (a, problems) = appraised(&faulty_project());
    let r = &a.partnerships[0];
    let said = |location: Location, words: &str| {
        assert!(
            problems.iter().any(|d| d.location == location
                && d.is_error()
                && d.message.contains(words)
                && d.message.contains("left out of the results")),
            "expected {location:?} left out for {words}: {problems:#?}"
        );
    };
    let cost = |line| Location::Cost {
        partnership: 0,
        line,
    };
    let benefit = |line| Location::Benefit {
        partnership: 0,
        line,
    };
    // Negative hours, an amount over the limit and a confidence grade that does not exist
    // leave their lines out; so do shares over 100%, a fiscal benefit with no partner, a
    // unit value and a deflator that do not exist. None of them is counted: the officer's
    // -10 hours used to count as -£300.
    said(cost(0), "is negative (-10)");
    said(cost(3), "is too large to compute");
    said(cost(5), "grade 'Z' is not in the confidence-grade table");
    said(benefit(0), "is 150%");
    said(benefit(1), "a fiscal benefit must name the partner");
    said(benefit(2), "'Nope' is not in the unit-value library");
    said(benefit(3), "there is no GDP deflator for 2019/20");
    let included =
        |lines: &[appraisal::LineValue]| lines.iter().map(|l| l.included).collect::<Vec<_>>();
    assert_eq!(
        included(&r.cost_lines),
        [false, true, true, false, true, false]
    );
    assert_eq!(
        included(&r.benefit_lines),
        [false, false, false, false, true]
    );
    // The meeting whose only attendee has a grade NHS does not have keeps the line and
    // leaves out the attendee: it costs nothing, and says why.
    said(cost(2), "this attendee is left out");
    assert_eq!(r.cost_lines[2].pv, dec!(0));
    assert_eq!(
        (r.left_out.lines, r.left_out.parts),
        (7, 1),
        "{problems:#?}"
    );
    // Only lines with warnings are counted: "Runs on" (beyond the horizon) and "Too long".
    assert_eq!(r.measures.pvc, r.cost_lines[4].pv);
    assert_eq!(r.measures.pvb_total, r.benefit_lines[4].pv);
    // What the appraisal met itself adds nothing that validate did not already say.
    assert!(a.diagnostics.is_empty(), "{:#?}", a.diagnostics);
}

#[test]
fn a_missing_partner_or_grade_on_staff_time_leaves_the_line_out() {
    let costs = [
        r#"(name: "Ghost", cost_type: InKind, optimism: Direct("0"),
            detail: StaffTime((partner: "Fire", grade: "Officer", layer: Operational, hours: PerYear(["10"]))))"#.to_owned(),
        r#"(name: "Bad grade", cost_type: InKind, optimism: Direct("0"),
            detail: StaffTime((partner: "Council", grade: "Mayor", layer: Operational, hours: PerYear(["10"]))))"#.to_owned(),
        other_cost("Fine", "Council", r#""100""#, r#"Direct("0")"#),
    ];
    let a = appraise(&one_partnership(&undiscounted(1), &costs, &[]));
    let r = &a.partnerships[0];
    assert_eq!(
        r.cost_lines.iter().map(|l| l.included).collect::<Vec<_>>(),
        [false, false, true]
    );
    assert_eq!(r.measures.pvc, dec!(100));
    let project = load(&one_partnership(&undiscounted(1), &costs, &[]));
    let errors: Vec<_> = appraisal::validate(&project)
        .into_iter()
        .filter(|d| d.is_error())
        .collect();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors[0]
            .message
            .contains("partner 'Fire' does not exist; the line is left out")
    );
    assert!(
        errors[1]
            .message
            .contains("grade 'Mayor' is not on Council's rate card; the line")
    );
    assert!(r.partners.iter().all(|p| p.partner != "Fire"));
}

#[test]
fn an_other_cost_naming_a_missing_partner_is_left_out() {
    // A staff-time line naming a partner that does not exist is left out with a
    // diagnostic (above); an "other" cost or a pooled-fund contribution naming one should
    // be too, rather than being charged to a partner the project does not have.
    let costs = [
        other_cost("Deleted partner's IT", "Fire", r#""100""#, r#"Direct("0")"#),
        r#"(name: "Pool", cost_type: Revenue, optimism: Direct("0"),
            detail: PooledFund((host: "Council", risk_share: ProRata, contributions: [
                (partner: "Fire", amounts: PerYear(["50"]))])))"#
            .to_owned(),
        other_cost("Fine", "Council", r#""100""#, r#"Direct("0")"#),
    ];
    let a = appraise(&one_partnership(&undiscounted(1), &costs, &[]));
    let r = &a.partnerships[0];
    // The other cost is left out whole; the pool keeps its line but leaves out the one
    // contribution that names 'Fire', so it costs nothing.
    assert_eq!(
        r.cost_lines.iter().map(|l| l.included).collect::<Vec<_>>(),
        [false, true, true],
        "a line naming partner 'Fire', which does not exist, was counted"
    );
    assert_eq!(r.cost_lines[1].pv, dec!(0));
    assert_eq!((r.left_out.lines, r.left_out.parts), (1, 1));
    assert_eq!(r.measures.pvc, dec!(100));
    assert!(
        r.partners.iter().all(|p| p.partner != "Fire"),
        "{:#?}",
        r.partners
    );
    let (_, problems) = appraised(&one_partnership(&undiscounted(1), &costs, &[]));
    let errors: Vec<_> = problems.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors[1]
            .message
            .ends_with("this contribution is left out of the results")
    );
}

#[test]
fn an_absurd_horizon_neither_hangs_nor_allocates_without_bound() {
    // horizon_years: u32::MAX in a hand-edited file. The engine caps the horizon at 300
    // years and validate() reports it. Run in a thread so a hang fails the test instead
    // of stalling the suite.
    for year0 in ["GreenBook", "DiscountFirstYear"] {
        let text = project(
            &settings(u32::MAX, "Standard", year0),
            &format!(
                "{PARTNERS}\npartnerships: [{}],",
                partnership(
                    "Forever",
                    &[other_cost("c", "Council", r#""100""#, r#"Direct("0")"#)],
                    &[direct_benefit("b", "Social", "None", r#""200""#)]
                )
            ),
        );
        let project = load(&text);
        assert_eq!(project.settings.horizon_years, u32::MAX);
        let (send, receive) = mpsc::channel();
        let p = project.clone();
        std::thread::spawn(move || {
            let _ = send.send(appraisal::appraise(&p));
        });
        let a = receive
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("appraise did not finish within 60 s ({year0})"));
        assert_eq!(a.years.len(), appraisal::MAX_HORIZON_YEARS as usize);
        assert_eq!(
            a.discount_factors.len(),
            appraisal::MAX_HORIZON_YEARS as usize
        );
        assert_eq!(a.partnerships[0].flows.costs.len(), 300);
        // £100 in year index 0: undiscounted under the Green Book convention, 100/1.035
        // = £96.62 when the first year is discounted.
        let expected = if year0 == "GreenBook" {
            dec!(100)
        } else {
            dec!(96.62)
        };
        assert_eq!(pence(a.partnerships[0].measures.pvc), expected);
        let diagnostics = appraisal::validate(&project);
        assert!(
            diagnostics.iter().any(|d| d.is_error()
                && d.field == "Horizon"
                && d.message.contains("from 1 to 300")),
            "{diagnostics:#?}"
        );
    }
}

#[test]
fn a_zero_horizon_gives_empty_results_without_failing() {
    let text = results_project(&settings(0, "Standard", "GreenBook"));
    let project = load(&text);
    let a = appraisal::appraise(&project);
    assert!(a.discount_factors.is_empty());
    assert_eq!(a.partnerships[0].measures.pvc, dec!(0));
    assert_eq!(a.partnerships[0].measures.payback, Payback::Never);
    assert!(
        appraisal::validate(&project)
            .iter()
            .any(|d| d.field == "Horizon" && d.is_error())
    );
}

/// Decimal::MAX, about 7.9e28: a file may hold it even though validate() refuses it.
const HUGE: &str = "79228162514264337593543950335";

#[test]
fn appraise_does_not_panic_on_a_benefit_reduction_beyond_range() {
    // A direct benefit reduction of −7.9e28: 1 − reduction cannot be held in a Decimal.
    let benefits = [format!(
        r#"(name: "b", benefit_type: Social, optimism: Direct("-{HUGE}"), detail: Direct(PerYear(["1"])))"#
    )];
    let project = load(&one_partnership(&undiscounted(1), &[], &benefits));
    let a = std::panic::catch_unwind(|| appraisal::appraise(&project))
        .expect("appraise panicked on a benefit reduction of -7.9e28");
    assert!(!a.partnerships[0].benefit_lines[0].included);
    assert!(
        appraisal::problems(&project, &a)
            .iter()
            .any(|d| d.is_error())
    );
}

#[test]
fn appraise_does_not_panic_on_outcome_rates_beyond_range() {
    // A deadweight (or displacement, attribution, drop-off) of −7.9e28: 1 − rate overflows.
    for field in ["deadweight", "displacement", "attribution", "drop_off"] {
        let chain = r#"(name: "b", benefit_type: Social, optimism: Direct("0"),
                detail: Outcome((cohort: PerYear(["1"]), engagement_rate: "1", success_rate: "1",
                    unit_value: Typed(value: "1", price_year: 2026),
                    deadweight: "0", displacement: "0", attribution: "0",
                    lag_years: 0, duration_years: 1, drop_off: "0")))"#
            .to_string()
            .replace(
                &format!(r#"{field}: "0""#),
                &format!(r#"{field}: "-{HUGE}""#),
            );
        let project = load(&one_partnership(&undiscounted(1), &[], &[chain]));
        let result = std::panic::catch_unwind(|| appraisal::appraise(&project));
        assert!(result.is_ok(), "appraise panicked on {field} = -{HUGE}");
    }
}

#[test]
fn validate_does_not_panic_on_a_rate_beyond_range() {
    // A share far out of range is reported as an error, not a panic while writing it as
    // a percentage (rate × 100 overflows a Decimal).
    let chain = format!(
        r#"(name: "b", benefit_type: Social, optimism: Direct("0"),
            detail: Outcome((cohort: PerYear(["1"]), engagement_rate: "{HUGE}", success_rate: "1",
                unit_value: Typed(value: "1", price_year: 2026),
                deadweight: "0", displacement: "0", attribution: "0",
                lag_years: 0, duration_years: 1, drop_off: "0")))"#
    );
    let project = load(&one_partnership(&undiscounted(1), &[], &[chain]));
    let diagnostics = std::panic::catch_unwind(|| appraisal::validate(&project))
        .expect("validate panicked on an engagement rate of 7.9e28");
    assert!(
        diagnostics
            .iter()
            .any(|d| d.is_error() && d.field == "Engagement rate")
    );
}

#[test]
fn amounts_too_large_to_compute_leave_the_line_out_without_panicking() {
    // £7.9e28 a year uplifted by 50% overflows; the line is left out with a diagnostic.
    let costs = [
        other_cost(
            "Huge",
            "Council",
            &format!(r#""{HUGE}""#),
            r#"Direct("0.5")"#,
        ),
        other_cost("Fine", "Council", r#""100""#, r#"Direct("0")"#),
    ];
    let (a, problems) = appraised(&one_partnership(&undiscounted(1), &costs, &[]));
    let r = &a.partnerships[0];
    assert!(!r.cost_lines[0].included);
    assert!(r.cost_lines[1].included);
    assert_eq!(r.measures.pvc, dec!(100));
    assert!(problems.iter().any(|d| d.location
        == Location::Cost {
            partnership: 0,
            line: 0
        }
        && d.message.contains("too large")));
    // Two meetings within every input limit, each costing £6 × 10^28 (10^12 attendees for
    // 10^12 hours at £60, 1,000 times): each fits alone but not together, so the
    // partnership's totals overflow and it is shown as zero, with a diagnostic, and its
    // lines are counted as left out.
    let huge_meeting = |name: &str| {
        format!(
            r#"(name: "{name}", cost_type: InKind, optimism: Direct("0"),
                detail: Meeting((layer: Strategic, meetings: PerYear(["1000"]),
                    meeting_hours: "1000000000000", preparation_hours: "0", travel_hours: "0",
                    attendees: [(partner: "Council", grade: "Director", count: "1000000000000")])))"#
        )
    };
    let text = one_partnership(
        &undiscounted(1),
        &[huge_meeting("Huge 1"), huge_meeting("Huge 2")],
        &[],
    );
    let (a, problems) = appraised(&text);
    assert_eq!(a.partnerships[0].measures.pvc, dec!(0));
    assert_eq!(a.partnerships[0].left_out.lines, 2);
    assert!(
        problems
            .iter()
            .any(|d| d.is_error() && d.message.contains("its totals are too large to compute"))
    );
}

#[test]
fn validate_does_not_panic_on_proposal_shares_beyond_range() {
    // A cost-split proposal whose shares add up beyond what a Decimal holds: validate()
    // sums them (saturating) and then compares the total with 100%.
    let proposal = format!(
        r#"proposals: [(name: "Split", basis: Equal, shares: [
            (partner: "Council", share: "-{HUGE}"),
            (partner: "NHS", share: "-{HUGE}"),
        ])],"#
    );
    let text = one_partnership(&undiscounted(1), &[], &[])
        .replace("benefits: [])", &format!("benefits: [], {proposal})"));
    assert!(text.contains("proposals"), "{text}");
    let project = load(&text);
    let diagnostics = std::panic::catch_unwind(|| appraisal::validate(&project))
        .expect("validate panicked on proposal shares of -7.9e28");
    assert!(
        diagnostics
            .iter()
            .any(|d| d.is_error() && d.field == "Share")
    );
}

#[test]
fn the_last_financial_year_an_i32_holds_displays_without_overflow() {
    // A hand-edited first_year of 2147483647 is refused by validate(), but results still
    // name their years; 2147483647/48 must not overflow computing the year after.
    let year = partnership_appraisal::model::FinancialYear(i32::MAX);
    let shown = std::panic::catch_unwind(|| year.to_string())
        .expect("FinancialYear(i32::MAX) panicked when displayed");
    assert_eq!(shown, "2147483647/48");
    assert_eq!(
        partnership_appraisal::model::FinancialYear(-1).to_string(),
        "-1/00"
    );
}
