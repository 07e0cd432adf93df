//! The desktop app driven as a user would, headless (egui_kittest): find fields by
//! label, click, type, and check what the app shows and holds.

mod editing;
mod files;
mod references;
mod results;

use eframe::egui::{Key, Modifiers, accesskit::Role};
use egui_kittest::{Harness, kittest::Queryable};
use partnership_appraisal::model::*;
use partnership_appraisal::ui::PartnershipApp;
use partnership_appraisal::ui::document::Document;
use partnership_appraisal::ui::files::ScriptedPicker;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use std::path::PathBuf;

/// Two partners with one grade each, and one partnership with a fiscal benefit.
fn project() -> Project {
    let mut p = Project::new("Test borough");
    let mut council = Partner::new("Council", PartnerKind::Council);
    council.grades.push(Grade {
        name: "Officer".into(),
        pay: Pay::Salary(Money(dec!(35000))),
    });
    let mut police = Partner::new("Police", PartnerKind::Police);
    police.grades.push(Grade {
        name: "Sergeant".into(),
        pay: Pay::Hourly(Money(dec!(40))),
    });
    p.partners = vec![council, police];
    p
}

fn harness(doc: Document, answers: Vec<Option<PathBuf>>) -> Harness<'static, PartnershipApp> {
    Harness::builder()
        .with_size([1500.0, 1000.0])
        .build_eframe(move |cc| {
            partnership_appraisal::ui::configure_style(&cc.egui_ctx);
            let picker = ScriptedPicker {
                answers: answers.into(),
            };
            PartnershipApp::new(doc, Box::new(picker))
        })
}

fn net_value(app: &mut PartnershipApp, i: usize) -> Decimal {
    app.doc.results().appraisal.partnerships[i]
        .measures
        .net_value
}

fn combo<'a>(
    h: &'a Harness<'_, PartnershipApp>,
    label: &'a str,
    nth: usize,
) -> egui_kittest::Node<'a> {
    h.get_all_by_role_and_label(Role::ComboBox, label)
        .nth(nth)
        .unwrap_or_else(|| panic!("no combo box '{label}' #{nth}"))
}

/// Types `text` into the text field labelled `label` and presses Enter.
fn retype(h: &mut Harness<'_, PartnershipApp>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    h.run();
    h.key_press(Key::Enter);
    h.run();
}

/// A partnership in year 0 only (so present values are the amounts): the Council pays
/// £50,000 and saves £60,000 (half cashable); residents receive £2,000 of social value;
/// £5,000 of economic value goes to no partner.
fn pockets_project() -> Project {
    let mut p = project();
    p.partners
        .push(Partner::new("Residents", PartnerKind::ResidentsAndSociety));
    let mut ship = Partnership::new("Joint working");
    ship.members = vec!["Council".into()];
    ship.costs.push(CostLine {
        name: "Team".into(),
        cost_type: CostType::Revenue,
        optimism: Optimism::Direct(Rate(dec!(0))),
        source: String::new(),
        detail: CostDetail::Other(OtherCost {
            category: OtherCategory::SupportTeam,
            partner: "Council".into(),
            layer: None,
            amounts: Profile::constant(dec!(50000), 1),
        }),
        range: None,
        prices: partnership_appraisal::model::Prices::Real,
    });
    let benefit = |name: &str, t: BenefitType, partner: Option<&str>, amount| BenefitLine {
        name: name.into(),
        benefit_type: t,
        partner: partner.map(Into::into),
        cashable_share: Rate(dec!(0.5)),
        optimism: Optimism::Direct(Rate(dec!(0))),
        source: String::new(),
        detail: BenefitDetail::Direct(Profile::constant(amount, 1)),
        range: None,
        disbenefit: false,
        prices: partnership_appraisal::model::Prices::Real,
    };
    ship.benefits.extend([
        benefit(
            "Fewer evictions",
            BenefitType::Fiscal,
            Some("Council"),
            dec!(60000),
        ),
        benefit(
            "Wellbeing",
            BenefitType::Social,
            Some("Residents"),
            dec!(2000),
        ),
        benefit("Earnings", BenefitType::Economic, None, dec!(5000)),
    ]);
    p.partnerships.push(ship);
    p
}
