use eframe::egui::{Key, Modifiers, accesskit::Role};
use egui_kittest::{Harness, kittest::Queryable};
use partnership_appraisal::appraisal;
use partnership_appraisal::format::{self, InputError};
use partnership_appraisal::model::*;
use partnership_appraisal::ui::PartnershipApp;
use partnership_appraisal::ui::app::View;
use partnership_appraisal::ui::document::Document;
use partnership_appraisal::ui::files::ScriptedPicker;
use rust_decimal_macros::dec;

// ---------------------------------------------------------------------------------------
// 1. Typing numbers.

const TOO_LARGE: &str = "the value is too large (the limit is 1,000,000,000,000)";

fn settings_app() -> Harness<'static, PartnershipApp> {
    let mut h = Harness::builder()
        .with_size([1500.0, 1400.0])
        .build_eframe(|cc| {
            partnership_appraisal::ui::configure_style(&cc.egui_ctx);
            PartnershipApp::new(
                Document::untitled(Project::new("Typing")),
                Box::new(ScriptedPicker::default()),
            )
        });
    h.state_mut().view = View::Settings;
    h.run();
    h
}

/// Types `text` into the field labelled `label` and presses Enter.
fn type_into(h: &mut Harness<'static, PartnershipApp>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.key_press(Key::Delete);
    if !text.is_empty() {
        h.get_by_role_and_label(Role::TextInput, label)
            .type_text(text);
    }
    h.run();
    h.key_press(Key::Enter);
    h.run();
}

/// Each settings field, bad text, and the message it must show; the project must not change.
#[test]
fn every_kind_of_numeric_field_refuses_bad_text_with_a_message_and_keeps_its_value() {
    let cases: &[(&str, &str, &str)] = &[
        // Money: pounds and pence, zero or more.
        ("NI threshold (a year)", "12a", "'12a' is not a number"),
        ("NI threshold (a year)", "", "enter a value"),
        ("NI threshold (a year)", "-5", "enter zero or more"),
        ("NI threshold (a year)", "(5.00)", "enter zero or more"),
        ("NI threshold (a year)", "99999999999999", TOO_LARGE),
        ("NI threshold (a year)", "1000000000000.01", TOO_LARGE),
        (
            "NI threshold (a year)",
            "12.345",
            "use at most 2 decimal places",
        ),
        // Amount: hours, counts, people; zero or more, up to 6 decimal places.
        ("Productive hours a year", "lots", "'lots' is not a number"),
        ("Productive hours a year", "", "enter a value"),
        ("Productive hours a year", "-1650", "enter zero or more"),
        ("Productive hours a year", "1e6", "'1e6' is not a number"),
        ("Productive hours a year", "12345678901234", TOO_LARGE),
        (
            "Productive hours a year",
            "1.1234567",
            "use at most 6 decimal places",
        ),
        // Share: a percentage from 0% to 100%, up to 4 decimal places.
        ("Employer NI rate", "fifteen", "'fifteen' is not a number"),
        ("Employer NI rate", "", "enter a value"),
        ("Employer NI rate", "%", "enter a value"),
        ("Employer NI rate", "-1", "enter zero or more"),
        (
            "Employer NI rate",
            "150%",
            "enter a percentage from 0% to 100%",
        ),
        ("Employer NI rate", "99999999999999", TOO_LARGE),
        (
            "Employer NI rate",
            "12.34567",
            "use at most 4 decimal places",
        ),
        // A percentage that may exceed 100% (overheads up to 1000%). The message names 100%:
        // see docs/BAD_INPUT.md, "Messages to improve".
        (
            "Overhead rate (full cost)",
            "1001",
            "enter a percentage from 0% to 1000%",
        ),
        ("Overhead rate (full cost)", "-0.5", "enter zero or more"),
        // Whole years (the horizon, 0 to 300).
        ("Horizon (years)", "ten", "'ten' is not a number"),
        ("Horizon (years)", "", "enter a value"),
        ("Horizon (years)", "-1", "enter zero or more"),
        ("Horizon (years)", "2.5", "enter a whole number"),
        ("Horizon (years)", "301", "enter a whole number up to 300"),
        ("Horizon (years)", "99999999999999", TOO_LARGE),
        // Financial years.
        (
            "First year",
            "twenty26",
            "'twenty26' is not a financial year: type it as 2026/27",
        ),
        (
            "First year",
            "",
            "'' is not a financial year: type it as 2026/27",
        ),
        (
            "First year",
            "-2026",
            "'-2026' is not a financial year: type it as 2026/27",
        ),
        (
            "First year",
            "2026/28",
            "'2026/28' is not a financial year: type it as 2026/27",
        ),
        (
            "First year",
            "1899",
            "'1899' is not a financial year: type it as 2026/27",
        ),
        (
            "First year",
            "99999",
            "'99999' is not a financial year: type it as 2026/27",
        ),
        (
            "First year",
            "2026.5",
            "'2026.5' is not a financial year: type it as 2026/27",
        ),
    ];
    for (label, text, message) in cases {
        let mut h = settings_app();
        let before = h.state().doc.project.clone();
        type_into(&mut h, label, text);
        assert!(
            h.query_by_label(message).is_some(),
            "{label} = {text:?}: expected the message {message:?}"
        );
        assert_eq!(
            h.state().doc.project,
            before,
            "{label} = {text:?}: the project changed"
        );
        assert!(!h.state().doc.is_dirty());
    }
}

/// The growth field of a year profile (in the line editor): a share that may be negative.
#[test]
fn the_growth_field_refuses_a_fall_of_100_percent_or_more_and_bad_text() {
    let mut project = Project::new("Growth");
    let mut council = Partner::new("Council", PartnerKind::Council);
    council.grades.push(Grade {
        name: "Officer".into(),
        pay: Pay::Hourly(Money(dec!(30))),
    });
    project.partners.push(council);
    let mut ship = Partnership::new("Team");
    ship.costs.push(CostLine {
        name: "Officer time".into(),
        cost_type: CostType::Revenue,
        optimism: Optimism::default(),
        source: String::new(),
        range: None,
        detail: CostDetail::StaffTime(StaffTime {
            partner: "Council".into(),
            grade: "Officer".into(),
            layer: Layer::Operational,
            hours: Profile::constant(dec!(100), 10),
            unit: partnership_appraisal::model::TimeUnit::Hours,
        }),
        prices: partnership_appraisal::model::Prices::Real,
    });
    project.partnerships.push(ship);
    for (text, message) in [
        ("-100", "enter a growth rate above -100% and at most 100%"),
        ("101%", "enter a growth rate above -100% and at most 100%"),
        ("abc", "'abc' is not a number"),
        ("", "enter a value"),
        ("2.12345", "use at most 4 decimal places"),
        ("99999999999999", TOO_LARGE),
    ] {
        let mut h = Harness::builder()
            .with_size([1500.0, 1400.0])
            .build_eframe({
                let project = project.clone();
                move |cc| {
                    partnership_appraisal::ui::configure_style(&cc.egui_ctx);
                    PartnershipApp::new(
                        Document::untitled(project),
                        Box::new(ScriptedPicker::default()),
                    )
                }
            });
        h.state_mut().go_to(appraisal::Location::Cost {
            partnership: 0,
            line: 0,
        });
        h.run();
        type_into(&mut h, "Growth a year", text);
        assert!(
            h.query_by_label(message).is_some(),
            "growth {text:?}: expected {message:?}"
        );
        assert_eq!(h.state().doc.project, project, "growth {text:?}");
    }
}

#[test]
fn good_text_is_taken_after_bad_text_was_refused() {
    let mut h = settings_app();
    type_into(&mut h, "NI threshold (a year)", "£5,0x0");
    type_into(&mut h, "NI threshold (a year)", "£5,000.50");
    type_into(&mut h, "Employer NI rate", "13.8%");
    type_into(&mut h, "Horizon (years)", "25");
    type_into(&mut h, "First year", "2027/28");
    type_into(&mut h, "Productive hours a year", "1,600.5");
    let s = &h.state().doc.project.settings;
    assert_eq!(s.staff_costing.ni_threshold, Money(dec!(5000.50)));
    assert_eq!(s.staff_costing.employer_ni_rate, Rate(dec!(0.138)));
    assert_eq!(s.horizon_years, 25);
    assert_eq!(s.first_year, FinancialYear(2027));
    assert_eq!(s.staff_costing.productive_hours_per_year, dec!(1600.5));
    assert!(h.query_by_label("'£5,0x0' is not a number").is_none());
}

/// The parsing rules behind the fields, on more inputs than are worth typing.
#[test]
fn the_parsing_rules_behind_the_fields() {
    use InputError::*;
    let not = |s: &str| Err(NotNumber(s.trim().to_owned()));
    // Money (2 places).
    for (text, expected) in [
        ("abc", not("abc")),
        ("", Err(Empty)),
        ("   ", Err(Empty)),
        ("£", not("£")),
        ("NaN", not("NaN")),
        ("inf", not("inf")),
        ("1e5", not("1e5")),
        ("0x10", not("0x10")),
        ("--5", not("--5")),
        ("1.2.3", not("1.2.3")),
        ("１２", not("１２")),
        ("12.", Ok(dec!(12))),
        ("99999999999999999999999999999999999", Err(TooLarge)),
        ("1000000000000", Ok(dec!(1000000000000))),
        ("1000000000000.01", Err(TooLarge)),
        ("0.001", Err(TooPrecise(2))),
        ("0.1000000000000000000000000000001", Err(TooPrecise(2))),
        ("(250)", Ok(dec!(-250))),
        ("£1,234.50", Ok(dec!(1234.50))),
    ] {
        assert_eq!(format::parse_number(text, 2), expected, "money {text:?}");
    }
    assert_eq!(format::parse_amount("-0.5"), Err(Negative));
    assert_eq!(format::parse_amount("0.0000001"), Err(TooPrecise(6)));
    assert_eq!(
        format::parse_percent("100.00001", dec!(100)),
        Err(TooPrecise(4))
    );
    assert_eq!(
        format::parse_percent("100.0001", dec!(100)),
        Err(OutOfRange(dec!(100)))
    );
    assert_eq!(format::parse_percent("-0", dec!(100)), Ok(dec!(0)));
    assert_eq!(format::parse_whole("4294967296", u32::MAX), Err(TooLarge));
    assert_eq!(
        format::parse_whole("1e3", 300),
        Err(NotNumber("1e3".into()))
    );
    assert_eq!(format::parse_whole("(3)", 300), Err(Negative));
    assert_eq!(FinancialYear::parse("２０２６"), None);
    assert_eq!(FinancialYear::parse("2026/2028"), None);
    assert_eq!(FinancialYear::parse("2026-27"), Some(FinancialYear(2026)));
}
