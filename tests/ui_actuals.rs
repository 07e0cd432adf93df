//! The Actuals tab and Set as baseline, driven as a user would, headless (egui_kittest).

use eframe::egui::{Key, Modifiers, accesskit::Role};
use egui_kittest::{Harness, kittest::Queryable};
use partnership_appraisal::model::*;
use partnership_appraisal::ui::PartnershipApp;
use partnership_appraisal::ui::app::{Section, View};
use partnership_appraisal::ui::commands::Command;
use partnership_appraisal::ui::document::Document;
use partnership_appraisal::ui::files::NoDialogs;
use rust_decimal_macros::dec;

/// One partnership with one cost line: the Council's support officer, £1,000 a year with
/// no optimism uplift, over the default ten years from 2026/27, undiscounted.
fn project() -> Project {
    let mut p = Project::new("Test borough");
    p.settings.discount = DiscountSchedule::Custom(Rate::ZERO);
    p.partners = vec![Partner::new("Council", PartnerKind::Council)];
    let mut ship = Partnership::new("CSP");
    ship.costs = vec![CostLine {
        name: "Support officer".into(),
        cost_type: CostType::Revenue,
        optimism: Optimism::Direct(Rate::ZERO),
        source: String::new(),
        detail: CostDetail::Other(OtherCost {
            category: OtherCategory::SupportTeam,
            partner: "Council".into(),
            layer: None,
            amounts: Profile::constant(dec!(1000), 10),
        }),
        range: None,
        prices: Prices::Real,
    }];
    p.partnerships = vec![ship];
    p
}

fn harness(project: Project) -> Harness<'static, PartnershipApp> {
    Harness::builder()
        .with_size([1366.0, 768.0])
        .build_eframe(move |cc| {
            partnership_appraisal::ui::configure_style(&cc.egui_ctx);
            PartnershipApp::new(Document::untitled(project.clone()), Box::new(NoDialogs))
        })
}

/// Types `text` into the field labelled `label` and presses Enter.
fn retype(h: &mut Harness<'_, PartnershipApp>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.run();
}

#[test]
fn type_an_actual_see_the_variance_and_re_forecast_refuse_a_bad_number_and_undo() {
    let mut h = harness(project());
    h.state_mut().view = View::Partnership(0);
    h.state_mut().section = Section::Actuals;
    h.run();
    h.run();
    // No baseline: the variance is against the current forecast, which the tab says.
    h.get_by_label_contains("variance is against the current forecast");
    let net = |h: &mut Harness<'_, PartnershipApp>| {
        h.state_mut()
            .doc
            .results()
            .appraisal
            .portfolio
            .measures
            .net_value
    };
    let before = net(&mut h);
    // The plan for 2026/27 is beside the field before an actual is typed.
    h.get_by_label("Plan £1,000.00");

    // 2026/27's actual: £1,200 against a plan of £1,000, so a variance of £200, and the
    // re-forecast's costs are 1,200 + 9 × 1,000 = £10,200 (net value −£10,200).
    retype(&mut h, "Support officer", "1,200");
    assert_eq!(
        h.state().doc.project.partnerships[0].actuals.costs,
        vec![CostActual {
            line: "Support officer".into(),
            year: FinancialYear(2026),
            prices: Prices::Real,
            amount: Money(dec!(1200)),
            by_partner: Vec::new(),
        }]
    );
    h.get_by_label("Variance £200.00");
    // Net value, in the re-forecast and for the Council, the one partner.
    assert_eq!(h.get_all_by_label("(£10,200)").count(), 2);
    // The appraisal's own figures are unchanged: they are the forecast.
    assert_eq!(net(&mut h), before);
    assert_eq!(h.get_all_by_label("(£10,000)").count(), 4);

    // A bad number is refused on the field, and the actual entered is kept.
    retype(&mut h, "Support officer", "12a");
    h.get_by_label_contains("'12a' is not a number");
    assert_eq!(
        h.state().doc.project.partnerships[0].actuals.costs[0].amount,
        Money(dec!(1200))
    );
    h.key_press(Key::Escape);
    h.run();

    // Undo takes the actual away again, back to the project as it was.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.run();
    assert!(h.state().doc.project.partnerships[0].actuals.is_empty());
    assert_eq!(h.state().doc.project, project());
}

#[test]
fn set_as_baseline_asks_before_replacing_one_and_undoes() {
    let mut h = harness(project());
    h.state_mut().view = View::Partnership(0);
    h.state_mut().section = Section::Actuals;
    h.run();
    h.state_mut().run(Command::SetBaseline);
    h.run();
    h.run();
    retype(
        &mut h,
        "Baseline name",
        "Approved by the board on 14 March 2027",
    );
    retype(&mut h, "Date approved", "31/02/2027");
    h.get_by_role_and_label(Role::Button, "Set as baseline")
        .click();
    h.run();
    h.run();
    // The date that does not exist is refused, and nothing is set.
    h.get_by_label_contains("'31/02/2027' is not a date: that month has no day 31");
    assert!(h.state().doc.project.baseline.is_none());
    retype(&mut h, "Date approved", "14/03/2027");
    h.get_by_role_and_label(Role::Button, "Set as baseline")
        .click();
    h.run();
    h.run();
    let baseline = h
        .state()
        .doc
        .project
        .baseline
        .clone()
        .expect("a baseline is set");
    assert_eq!(baseline.name, "Approved by the board on 14 March 2027");
    assert_eq!(baseline.date, Date::parse("2027-03-14").unwrap());
    h.get_by_label_contains("Variance against the baseline Approved by the board on 14 March 2027");

    // Setting another asks first, naming the one it replaces.
    h.state_mut().run(Command::SetBaseline);
    h.run();
    h.run();
    h.get_by_label_contains("This replaces the baseline Approved by the board on 14 March 2027");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(h.state().doc.project.baseline.as_deref(), Some(&*baseline));

    // Undo takes the baseline away.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.state().doc.project.baseline.is_none());
}

#[test]
fn a_pooled_funds_actual_is_entered_partner_by_partner() {
    // A pool of £600 a year from the Council and £400 from the NHS.
    let mut p = project();
    p.partners.push(Partner::new("NHS", PartnerKind::Nhs));
    let contribution = |partner: &str, amount| Contribution {
        partner: partner.into(),
        amounts: Profile::constant(amount, 10),
        forecast_outturn: None,
    };
    p.partnerships[0].costs[0].detail = CostDetail::PooledFund(PooledFund {
        host: "Council".into(),
        risk_share: RiskShare::ProRata,
        contributions: vec![
            contribution("Council", dec!(600)),
            contribution("NHS", dec!(400)),
        ],
    });
    let mut h = harness(p);
    h.state_mut().view = View::Partnership(0);
    h.state_mut().section = Section::Actuals;
    h.run();
    h.run();
    h.get_by_label("Each partner's part").click();
    h.run();
    retype(&mut h, "Council's part", "500");
    retype(&mut h, "NHS's part", "450");
    let actual = h.state().doc.project.partnerships[0]
        .actuals
        .cost("Support officer", FinancialYear(2026))
        .cloned()
        .expect("an actual is entered");
    // The whole is the sum of the parts: 500 + 450.
    assert_eq!(actual.amount, Money(dec!(950)));
    assert_eq!(actual.by_partner.len(), 2);
    // Against the pool's plan of 1,000: a variance of −50 (the Council −100, the NHS +50).
    h.get_by_label("Variance (£50.00)");
}

/// An actual of a line removed on the Costs tab is not lost from sight: the Actuals tab
/// lists it as left out of the re-forecast, with a button to remove it, which Ctrl+Z
/// undoes.
#[test]
fn an_actual_of_a_removed_line_is_listed_and_can_be_removed() {
    let mut p = project();
    p.partnerships[0].actuals.costs.push(CostActual {
        line: "Support officer".into(),
        year: FinancialYear(2026),
        prices: Prices::Real,
        amount: Money(dec!(1100)),
        by_partner: Vec::new(),
    });
    p.partnerships[0].costs.clear();
    let mut h = harness(p);
    h.state_mut().view = View::Partnership(0);
    h.state_mut().section = Section::Actuals;
    h.run();
    h.run();
    h.get_by_label("Actuals of lines this partnership no longer has");
    h.get_by_label_contains("Cost \"Support officer\", 2026/27: £1,100.00");
    h.get_by_label("Remove").click();
    h.run();
    h.run();
    assert!(
        h.state().doc.project.partnerships[0]
            .actuals
            .costs
            .is_empty()
    );
    assert!(
        h.query_by_label("Actuals of lines this partnership no longer has")
            .is_none()
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.run();
    assert_eq!(h.state().doc.project.partnerships[0].actuals.costs.len(), 1);
}

/// A baseline set by mistake can be removed from the File menu, and Ctrl+Z brings it back.
#[test]
fn remove_the_baseline_and_undo_it() {
    let mut p = project();
    p.baseline = Some(Shared::new(Baseline::of(
        &p,
        "Approved by the board on 14 March 2027",
        Date::parse("14/03/2027").unwrap(),
    )));
    let mut h = harness(p);
    h.run();
    h.state_mut().run(Command::RemoveBaseline);
    h.run();
    assert!(h.state().doc.project.baseline.is_none());
    h.get_by_label_contains("Baseline removed");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let kept = h
        .state()
        .doc
        .project
        .baseline
        .as_deref()
        .map(|b| b.name.clone());
    assert_eq!(
        kept.as_deref(),
        Some("Approved by the board on 14 March 2027")
    );
}
