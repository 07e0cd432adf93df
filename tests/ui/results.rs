use eframe::egui::{self, Key, Modifiers, accesskit::Role};
use egui_kittest::{Harness, kittest::Queryable};
use partnership_appraisal::model::*;
use partnership_appraisal::ui::PartnershipApp;
use partnership_appraisal::ui::app::View;
use partnership_appraisal::ui::document::Document;
use partnership_appraisal::{appraisal, file, format};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::{combo, harness, pockets_project, retype};

#[test]
fn monte_carlo_runs_off_the_ui_thread_and_shows_the_engines_numbers() {
    use partnership_appraisal::appraisal::uncertainty;
    use partnership_appraisal::ui::app::Section;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/borough-portfolio.ron");
    let mut project = file::load(&path).unwrap();
    project.settings.simulation.draws = 2_000;
    let mut h = harness(Document::untitled(project.clone()), vec![]);
    // Tall enough that the whole section is on screen without scrolling.
    h.set_size(egui::vec2(1500.0, 3000.0));
    h.state_mut().view = View::Partnership(0);
    h.state_mut().section = Section::Uncertainty;
    h.step();
    h.step();
    h.get_by_label("Run simulation").click();
    let mut shown = false;
    for _ in 0..500 {
        h.step();
        if h.query_by_label_contains("Benefits exceed costs in")
            .is_some()
        {
            shown = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(shown, "the simulation finished and its result is shown");
    let expected = uncertainty::simulate(
        &project,
        0,
        2_000,
        project.settings.simulation.seed,
        &mut |_| true,
    )
    .unwrap();
    assert!(expected.varying_inputs > 0);
    // The probability is stated with the draws and the number of inputs varying.
    h.get_by_label(&format!(
        "Benefits exceed costs in {} of 2,000 draws, with {} inputs varying",
        format::percent(format::round(expected.probability_positive.unwrap(), 4)),
        expected.varying_inputs
    ));
    h.get_by_label(&format::money_whole(expected.p50, "£"));
    assert_eq!(
        h.state().doc.project,
        project,
        "running a simulation changes nothing in the project"
    );
}

/// Runs the Monte Carlo simulation on the Uncertainty tab of partnership 0 and waits for
/// `shown` (a label) to appear.
fn run_simulation(h: &mut Harness<'static, PartnershipApp>, shown: &str) {
    use partnership_appraisal::ui::app::Section;
    h.set_size(egui::vec2(1500.0, 3000.0));
    h.state_mut().view = View::Partnership(0);
    h.state_mut().section = Section::Uncertainty;
    h.step();
    h.step();
    h.get_by_label("Run simulation").click();
    for _ in 0..500 {
        h.step();
        if h.query_by_label(shown).is_some() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("{shown:?} was not shown");
}

#[test]
fn uncertainty_tab_says_there_is_nothing_to_simulate_when_no_input_has_a_range() {
    use partnership_appraisal::appraisal::uncertainty::NOTHING_TO_SIMULATE;
    // Before this, a project without ranges showed "Benefits exceed costs with
    // probability 100%": a certainty that only meant nothing had been drawn.
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/example.ron");
    let mut project = file::load(&path).unwrap();
    project.settings.simulation.draws = 1_000;
    let net = appraisal::appraise(&project).partnerships[0]
        .measures
        .net_value;
    let mut h = harness(Document::untitled(project), vec![]);
    run_simulation(&mut h, NOTHING_TO_SIMULATE);
    for absent in ["Benefits exceed costs", "Probability", "chance of gaining"] {
        assert_eq!(
            h.query_all_by_label_contains(absent).count(),
            0,
            "{absent:?} is shown"
        );
    }
    // The one figure shown is the net value, the same in every draw.
    let y = h.get_by_label("Net value (every draw)").rect().center().y;
    let figure = format::money_whole(net, "£");
    assert!(
        h.get_all_by_label(&figure)
            .any(|n| (n.rect().center().y - y).abs() < 2.0),
        "{figure} beside the net value"
    );
}

#[test]
fn results_panel_keeps_economic_and_social_value_out_of_budget_savings() {
    const PARTNER_COLUMNS: [&str; 6] = [
        "Partner",
        "Costs borne",
        "Cashable savings",
        "Non-cashable savings",
        "Net to budget",
        "Economic and social value",
    ];
    // Before this, the panel showed residents' social value and wider society under
    // "Saves" and "Net to budget".
    let mut h = harness(Document::untitled(pockets_project()), vec![]);
    h.set_size(egui::vec2(1800.0, 2000.0));
    h.state_mut().view = View::Partnership(0);
    h.run();
    assert!(h.query_by_label("Saves").is_none());
    // Every label on screen with its text and place.
    let labels: Vec<(String, egui::Rect)> = h
        .query_all_by_role(Role::Label)
        .filter_map(|n| n.value().map(|t| (t, n.rect())))
        .collect();
    let header_y = labels
        .iter()
        .find(|(t, _)| t == "Economic and social value")
        .expect("the who-pays table has an economic and social value column")
        .1
        .center()
        .y;
    let same_row = |y: f32| {
        labels
            .iter()
            .filter(move |(_, r)| (r.center().y - y).abs() < 2.0)
            .collect::<Vec<_>>()
    };
    // The header's columns, left to right, by their left edges.
    let columns: Vec<f32> = PARTNER_COLUMNS
        .iter()
        .map(|c| {
            same_row(header_y)
                .into_iter()
                .find(|(t, _)| t == c)
                .unwrap_or_else(|| panic!("no column {c}"))
                .1
                .left()
        })
        .collect();
    // A row's cells by column, "" where a cell is empty.
    let row = |name: &str| -> Vec<String> {
        let y = labels
            .iter()
            .find(|(t, r)| {
                t == name && r.center().y > header_y && (r.left() - columns[0]).abs() < 2.0
            })
            .unwrap_or_else(|| panic!("no row {name}"))
            .1
            .center()
            .y;
        let cells = same_row(y);
        columns
            .iter()
            .map(|x| {
                cells
                    .iter()
                    .find(|(_, r)| (r.left() - x).abs() < 2.0)
                    .map_or(String::new(), |(t, _)| t.clone())
            })
            .collect()
    };
    // Costs, cashable, non-cashable, net to budget (60,000 − 50,000), value received.
    assert_eq!(
        row("Council")[1..],
        ["£50,000", "£30,000", "£30,000", "£10,000", "£0"]
    );
    // Residents' social value is value received, not a saving and not budget.
    assert_eq!(row("Residents")[1..], ["£0", "£0", "£0", "£0", "£2,000"]);
    assert_eq!(row("Wider society")[1..], ["", "", "", "", "£5,000"]);
    // The rows add up to the partnership: PVC 50,000; fiscal 60,000; economic and
    // social 7,000 (the engine's totals).
    let m = &h.state_mut().doc.results().appraisal.partnerships[0]
        .measures
        .clone();
    assert_eq!((m.pvc, m.pvb.fiscal), (dec!(50000), dec!(60000)));
    assert_eq!(m.pvb.economic + m.pvb.social, dec!(7000));
    let money = |t: &str| -> Decimal {
        let digits: String = t.chars().filter(char::is_ascii_digit).collect();
        if digits.is_empty() {
            Decimal::ZERO
        } else {
            digits.parse().unwrap()
        }
    };
    let rows = [row("Council"), row("Residents"), row("Wider society")];
    let sum = |c: usize| rows.iter().map(|r| money(&r[c])).sum::<Decimal>();
    assert_eq!(sum(1), m.pvc);
    assert_eq!(sum(2) + sum(3), m.pvb.fiscal);
    assert_eq!(sum(5), m.pvb.economic + m.pvb.social);
}

#[test]
fn a_cost_takes_its_uplift_from_a_project_type_and_shows_the_working() {
    // HM Treasury's standard buildings: upper bound 24%, lower 2%. With 92% of the
    // contributory factors mitigated, 24% × 8% = 1.92%, below the lower bound, so 2%.
    // The team's cost runs three years, so cash prices need deflators for 2027/28 on.
    let mut project = pockets_project();
    if let CostDetail::Other(o) = &mut project.partnerships[0].costs[0].detail {
        o.amounts = Profile::constant(dec!(50000), 3);
    }
    let pvc = |h: &mut Harness<'_, PartnershipApp>| {
        h.state_mut().doc.results().appraisal.partnerships[0]
            .measures
            .pvc
    };
    let mut h = harness(Document::untitled(project), vec![]);
    h.set_size(egui::vec2(1600.0, 1400.0));
    h.state_mut().view = View::Partnership(0);
    h.run();
    let unbiased = pvc(&mut h);
    h.get_by_label("Costs").click();
    h.run();
    h.get_by_label_contains("Team").click();
    h.run();
    combo(&h, "Optimism bias from", 0).click();
    h.run();
    h.get_by_label("Project type (HM Treasury bounds)").click();
    h.run();
    let line =
        |h: &Harness<'_, PartnershipApp>| h.state().doc.project.partnerships[0].costs[0].clone();
    assert_eq!(
        line(&h).optimism,
        Optimism::ProjectType {
            project_type: "Standard buildings".into(),
            mitigation: Rate::ZERO,
        }
    );
    assert_eq!((pvc(&mut h) / unbiased).round_dp(10), dec!(1.24));
    retype(&mut h, "Mitigation (share of factors managed)", "92");
    h.get_by_label_contains("24% × (1 − 92% mitigated) = 1.92%, below the lower bound, so 2%");
    assert_eq!((pvc(&mut h) / unbiased).round_dp(10), dec!(1.02));

    // Cash prices: without deflators for its years the line is an error, left out, and
    // the card says why.
    combo(&h, "Amounts in", 0).click();
    h.run();
    h.get_by_label("Cash prices (deflated with the GDP deflators)")
        .click();
    h.run();
    assert_eq!(line(&h).prices, Prices::Cash);
    assert_eq!(pvc(&mut h), Decimal::ZERO);
    h.get_by_label_contains("no GDP deflator for 2026/27, 2027/28, 2028/29");
}

#[test]
fn a_benefit_marked_as_a_disbenefit_counts_against_the_benefits() {
    let mut h = harness(Document::untitled(pockets_project()), vec![]);
    h.set_size(egui::vec2(1600.0, 1400.0));
    h.state_mut().view = View::Partnership(0);
    h.run();
    // The results panel states the SROI ratio and fiscal payback beside the Green Book's.
    h.get_by_label("SROI ratio");
    h.get_by_label("Fiscal payback");
    h.get_by_label("Benefits").click();
    h.run();
    h.get_by_label_contains("Fewer evictions").click();
    h.run();
    combo(&h, "Counts as", 0).click();
    h.run();
    h.get_by_label("A disbenefit (counts against the benefits)")
        .click();
    h.run();
    assert!(h.state().doc.project.partnerships[0].benefits[0].disbenefit);
    let m = h.state_mut().doc.results().appraisal.partnerships[0]
        .measures
        .clone();
    assert_eq!(m.pvb.fiscal, dec!(-60000));
    assert_eq!(format::ratio(m.fiscal_roi), "(1.2000)");
    // Undo puts it back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(!h.state().doc.project.partnerships[0].benefits[0].disbenefit);
}
