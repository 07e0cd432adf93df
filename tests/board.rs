//! The board views driven as a user would, headless (egui_kittest): the portfolio
//! dashboard, the partner network, presentation mode and its what-if panel.

use eframe::egui::{Key, accesskit::Role};
use egui_kittest::{Harness, kittest::Queryable};
use partnership_appraisal::model::Project;
use partnership_appraisal::ui::PartnershipApp;
use partnership_appraisal::ui::app::View;
use partnership_appraisal::ui::board::{self, SortColumn};
use partnership_appraisal::ui::document::Document;
use partnership_appraisal::ui::files::ScriptedPicker;
use partnership_appraisal::ui::present::WhatIf;
use partnership_appraisal::{appraisal, file, format};
use rust_decimal_macros::dec;
use std::path::Path;
use std::time::Instant;

const SAFER: &str = "Safer Northbridge Partnership";
const HEALTH: &str = "Health and Wellbeing Board and Better Care Fund";
const WORKS: &str = "Northbridge Works employment partnership";
const YOUTH: &str = "Northbridge Youth Partnership";

fn borough() -> Project {
    file::load(Path::new("saves/borough-portfolio.ron")).expect("the example loads")
}

fn harness(project: Project) -> Harness<'static, PartnershipApp> {
    Harness::builder()
        .with_size([1366.0, 768.0])
        .build_eframe(move |cc| {
            partnership_appraisal::ui::configure_style(&cc.egui_ctx);
            let picker = ScriptedPicker {
                answers: Vec::new().into(),
            };
            PartnershipApp::new(Document::untitled(project), Box::new(picker))
        })
}

fn slide(h: &Harness<'_, PartnershipApp>) -> usize {
    h.state().presentation.as_ref().expect("presenting").slide
}

/// The partnerships' names in the order the dashboard shows them, top first.
fn dashboard_order(h: &Harness<'_, PartnershipApp>) -> Vec<&'static str> {
    let mut shown: Vec<(f32, &'static str)> = [SAFER, HEALTH, WORKS, YOUTH]
        .into_iter()
        .filter_map(|name| {
            h.query_by_role_and_label(Role::Link, name)
                .map(|node| (node.rect().top(), name))
        })
        .collect();
    shown.sort_by(|a, b| a.0.total_cmp(&b.0));
    shown.into_iter().map(|(_, name)| name).collect()
}

#[test]
fn f5_enters_presentation_and_escape_leaves_it() {
    let mut h = harness(borough());
    h.run();
    assert!(h.state().presentation.is_none());
    h.key_press(Key::F5);
    h.run();
    assert_eq!(slide(&h), 0);
    // The portfolio slide: the project's name, the headline, the conventions, no edit widgets.
    // The portfolio, then each partnership's slide and its Monte Carlo slide.
    h.get_by_label("Slide 1 of 9");
    h.get_all_by_label("London Borough of Northbridge: partnership portfolio 2026/27")
        .next()
        .expect("the project's name");
    h.get_by_label("£32,141,964");
    h.get_by_label_contains("Price base year: 2026/27 prices (real terms)");
    h.get_by_label_contains("Optimism bias: applied line by line");
    assert_eq!(h.query_all_by_role(Role::TextInput).count(), 0);
    assert!(h.query_by_label("Add partnership").is_none());

    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().presentation.is_none());
    h.get_by_label("Add partnership");
}

#[test]
fn arrows_page_keys_and_buttons_move_between_slides() {
    let mut h = harness(borough());
    h.run();
    h.key_press(Key::F5);
    h.run();
    h.key_press(Key::ArrowRight);
    h.run();
    assert_eq!(slide(&h), 1);
    h.get_by_label("Slide 2 of 9");
    // The partnership's slide: headline, who pays and who benefits, impacts beside them.
    h.get_by_label(SAFER);
    h.get_by_label("£6,505,415");
    h.get_by_role_and_label(Role::Label, "Who pays");
    h.get_by_role_and_label(Role::Label, "Who benefits");
    h.get_by_label("Not in the numbers");
    h.get_by_label_contains("Better information sharing between police");

    h.key_press(Key::PageDown);
    // A Monte Carlo slide runs its simulation on a thread and repaints while it
    // does: a fixed number of frames, not "until nothing repaints".
    h.run_steps(8);
    assert_eq!(slide(&h), 2);
    h.get_by_label(&format!("{SAFER}: how sure is the result"));
    h.key_press(Key::PageDown);
    h.run_steps(8);
    assert_eq!(slide(&h), 3);
    h.get_by_label(HEALTH);
    for _ in 0..4 {
        h.get_by_label("Next").click();
        h.run_steps(8);
    }
    assert_eq!(slide(&h), 7);
    // The youth partnership is flagged on its slide.
    h.get_by_label(YOUTH);
    h.get_by_label("(£2,428,022)");
    h.get_by_label_contains("Costs outweigh benefits");
    // The last slide stays the last.
    h.key_press(Key::End);
    h.run_steps(8);
    assert_eq!(slide(&h), 8);
    h.key_press(Key::ArrowRight);
    h.run_steps(8);
    assert_eq!(slide(&h), 8);
    h.key_press(Key::PageUp);
    h.run_steps(8);
    assert_eq!(slide(&h), 7);
    h.key_press(Key::ArrowLeft);
    h.run_steps(8);
    h.get_by_label("Previous").click();
    h.run_steps(8);
    assert_eq!(slide(&h), 5);
    h.key_press(Key::Home);
    h.run_steps(8);
    assert_eq!(slide(&h), 0);
}

#[test]
fn a_what_if_changes_the_numbers_shown_but_never_the_project() {
    let loaded = borough();
    let mut h = harness(loaded.clone());
    h.run();
    h.key_press(Key::F5);
    h.run();
    h.key_press(Key::ArrowRight);
    h.run();
    let saved_net = format::money_whole(
        h.state_mut().doc.results().appraisal.partnerships[0]
            .measures
            .net_value,
        "£",
    );
    assert_eq!(saved_net, "£6,505,415");
    h.get_by_label(&saved_net);

    h.get_by_label("What if…").click();
    h.run();
    h.get_by_role_and_label(Role::Slider, "Benefits")
        .set_value_accesskit(-50.0);
    h.run();
    h.get_by_role_and_label(Role::Slider, "Staff time")
        .set_value_accesskit(20.0);
    h.run();

    let what_if = WhatIf {
        benefits: -50,
        staff_time: 20,
        ..WhatIf::default()
    };
    assert_eq!(
        h.state().presentation.as_ref().map(|p| p.what_if),
        Some(what_if)
    );
    let expected = appraisal::appraise(&what_if.apply(&loaded)).partnerships[0]
        .measures
        .net_value;
    let expected = format::money_whole(expected, "£");
    assert_ne!(expected, saved_net);
    // The what-if figure is shown, the saved one beside it, and a banner says what changed.
    h.get_by_label(&expected);
    h.get_by_label(&format!("saved: {saved_net}"));
    h.get_by_label_contains("What if: benefits \u{2212}50%, staff time +20%");
    // The project is exactly as loaded, and not marked as changed.
    assert_eq!(h.state().doc.project, loaded);
    assert!(!h.state().doc.is_dirty());
    assert!(!h.state().doc.can_undo());

    // Leaving resets the what-if: presenting again shows the saved figures.
    h.key_press(Key::Escape);
    h.run();
    h.key_press(Key::F5);
    h.run();
    assert_eq!(
        h.state().presentation.as_ref().map(|p| p.what_if),
        Some(WhatIf::default())
    );
    h.key_press(Key::ArrowRight);
    h.run();
    h.get_by_label(&saved_net);
    assert!(h.query_by_label_contains("What if: ").is_none());
    assert_eq!(h.state().doc.project, loaded);
}

#[test]
fn the_dashboard_sorts_by_net_value_both_ways_when_its_header_is_clicked() {
    let mut h = harness(borough());
    h.run();
    assert_eq!(h.state().view, View::Portfolio);
    // Highest net value first by default.
    assert_eq!(dashboard_order(&h), [HEALTH, WORKS, SAFER, YOUTH]);
    h.get_by_role_and_label(Role::Button, "Net value").click();
    h.run();
    assert_eq!(h.state().board.sort.column, SortColumn::NetValue);
    assert!(!h.state().board.sort.descending);
    assert_eq!(dashboard_order(&h), [YOUTH, SAFER, WORKS, HEALTH]);
    h.get_by_role_and_label(Role::Button, "Net value").click();
    h.run();
    assert_eq!(dashboard_order(&h), [HEALTH, WORKS, SAFER, YOUTH]);
    // Another column: names A to Z.
    h.get_by_role_and_label(Role::Button, "Partnership").click();
    h.run();
    assert_eq!(dashboard_order(&h), [HEALTH, WORKS, YOUTH, SAFER]);
    // Totals stay the portfolio's whatever the order.
    h.get_by_label("Portfolio total");
    h.get_all_by_label("£32,141,964")
        .next()
        .expect("the total net value");
}

#[test]
fn negative_only_shows_just_the_youth_partnership() {
    let mut h = harness(borough());
    h.run();
    h.get_by_role_and_label(Role::CheckBox, "Negative only")
        .click();
    h.run();
    assert!(h.state().board.negative_only);
    assert_eq!(dashboard_order(&h), [YOUTH]);
    h.get_by_label("Showing 1 of 4");
    h.get_by_label("Total of the 1 shown");
    h.get_by_label("Negative");
    // Opening it from the dashboard goes to its editor.
    h.get_by_role_and_label(Role::Link, YOUTH).click();
    h.run();
    assert_eq!(h.state().view, View::Partnership(3));
}

#[test]
fn the_text_filter_matches_names_status_and_funding() {
    let mut h = harness(borough());
    h.run();
    let filter = h.get_by_role_and_label(Role::TextInput, "Filter");
    filter.focus();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Filter")
        .type_text("pooled");
    h.run();
    assert_eq!(dashboard_order(&h), [HEALTH]);
    h.get_by_label("Clear filters").click();
    h.run();
    assert_eq!(dashboard_order(&h).len(), 4);
}

#[test]
fn the_partner_network_counts_memberships_money_and_hours() {
    let project = borough();
    let results = appraisal::appraise(&project);
    let network = board::network(&project, &results);
    let fire = network
        .partners
        .iter()
        .position(|p| p == "London Fire Brigade")
        .expect("fire brigade");
    // Safer Northbridge: 300 staff hours a year, a quarterly board of 2 + 1.5 + 0.5 hours
    // and a monthly joint action group of 2 + 1 + 0.5 hours, one watch manager at each.
    let cell = &network.cells[0][fire];
    assert!(cell.member);
    assert_eq!(
        cell.hours_per_year,
        dec!(300) + dec!(4) * dec!(4) + dec!(12) * dec!(3.5)
    );
    assert_eq!(format::money_whole(cell.pv_costs, "£"), "£136,829");
    assert_eq!(network.totals[fire].memberships, 1);
    let council = network
        .partners
        .iter()
        .position(|p| p == "Northbridge Council")
        .expect("council");
    assert_eq!(network.totals[council].memberships, 4);
    assert_eq!(
        format::money_whole(network.totals[council].pv_costs, "£"),
        "£25,730,162"
    );

    // The view: a chart by default, and a table of who sits where.
    let mut h = harness(project);
    h.run();
    h.get_by_label("Partner network").click();
    h.run();
    assert_eq!(h.state().view, View::Network);
    h.get_by_role_and_label(Role::Link, SAFER);
    h.get_by_label("Table").click();
    h.run();
    h.get_by_label("Who sits in which partnership");
    h.get_all_by_label("358 h")
        .next()
        .expect("the fire brigade's hours");
    h.get_all_by_label("£25,730,162")
        .next()
        .expect("the council's costs");
}

#[test]
fn the_partner_network_shows_who_sits_together_and_the_officers_most_in_demand() {
    let project = borough();
    let results = appraisal::appraise(&project);
    let network = board::network(&project, &results);
    let density = format!(
        "{} of {} pairs of partners sit together on at least one partnership",
        network.shared.len(),
        network.pairs
    );
    let mut h = harness(project);
    h.run();
    h.get_by_label("Partner network").click();
    h.run();
    // The density in words, over the chart and over the tables.
    h.get_by_label_contains(&density);
    h.get_by_label("Table").click();
    h.run();
    h.get_by_label_contains(&density);
    h.get_by_label("Meeting hours a year");
    h.get_by_label("Degree");
    h.get_by_label("Shared memberships");
    h.get_by_label("Partnerships shared");
    let more = network.shared.len().saturating_sub(15);
    assert_eq!(
        h.query_by_label_contains(&format!("and {more} more pairs"))
            .is_some(),
        more > 1
    );
    h.get_by_label("Officers most in demand");
    let top = network.officers.first().expect("officers give time");
    h.get_all_by_label(&top.grade)
        .next()
        .expect("the grade most in demand");
    h.get_all_by_label(&format!("{} h", format::number(top.hours_per_year, 0)))
        .next()
        .expect("its hours a year");
}

#[test]
fn the_selected_partnership_shows_its_charts_in_the_results_panel() {
    let mut h = harness(borough());
    h.state_mut().view = View::Partnership(0);
    h.run();
    h.get_by_label("Charts");
    h.get_by_label("Cumulative discounted net value, by year");
    h.get_by_label("Who pays and who benefits, by partner (present values)");
    h.get_by_label("Cost of joint working by governance layer");
    h.get_by_label("Cost of joint working by kind");
    h.get_by_label("Benefits by type");
    h.get_by_label("7S profile (self-assessment, 1 to 5)");
}

#[test]
fn a_portfolio_of_5500_partnerships_lays_out_only_the_rows_in_view() {
    let borough = borough();
    let mut big = borough.clone();
    big.partnerships.clear();
    for n in 0..5_500 {
        let mut p = borough.partnerships[n % 4].clone();
        p.name = format!("{} {}", p.name, n + 1);
        big.partnerships.push(p);
    }
    let mut h = harness(big);
    let started = Instant::now();
    h.run();
    let links = h.query_all_by_role(Role::Link).count();
    assert!(
        links < 80,
        "{links} links laid out: the table is not virtualised"
    );
    h.get_by_label("Showing 5,500 of 5,500");
    let one = Instant::now();
    h.step();
    let dashboard_frame = one.elapsed();
    h.state_mut().view = View::Settings;
    h.run();
    let one = Instant::now();
    h.step();
    eprintln!(
        "one frame: dashboard {dashboard_frame:?}, settings (navigator only) {:?}",
        one.elapsed()
    );
    h.state_mut().view = View::Portfolio;
    h.run();
    // Sorting 5,500 rows and drawing again.
    let frame = Instant::now();
    h.get_by_role_and_label(Role::Button, "PVC").click();
    h.run();
    eprintln!(
        "5,500 partnerships: first frames {:?}, sort and redraw {:?}",
        started.elapsed(),
        frame.elapsed()
    );
    h.get_by_label("Partner network").click();
    h.run();
    let links = h.query_all_by_role(Role::Link).count();
    assert!(links < 80, "{links} links laid out in the network");
}

/// Issue 16: a large project's what-if is appraised on a thread, from the project as it
/// was when the presentation began, and gives the figures the window's thread would.
#[test]
fn a_large_projects_what_if_is_appraised_on_a_thread_to_the_same_figures() {
    let project = partnership_appraisal::generate::project(120, 9);
    let mut h = harness(project.clone());
    h.run();
    h.key_press(Key::F5);
    h.run();
    let what_if = WhatIf {
        benefits: 10,
        other_costs: -20,
        ..WhatIf::default()
    };
    if let Some(presentation) = &mut h.state_mut().presentation {
        presentation.what_if = what_if;
    }
    h.run();
    let started = Instant::now();
    while h
        .state()
        .presentation
        .as_ref()
        .is_some_and(|p| p.what_if_appraisal().is_none())
    {
        assert!(started.elapsed().as_secs() < 120, "the what-if never came");
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.run();
    }
    let shown = h
        .state()
        .presentation
        .as_ref()
        .and_then(|p| p.what_if_appraisal().cloned());
    let expected = appraisal::appraise(&what_if.apply(&project));
    assert!(shown == Some(expected), "the what-if figures differ");
    assert_eq!(h.state().doc.project, project);
    assert!(!h.state().doc.is_dirty());
}

/// Whether a node labelled `value` sits on the same row as the node labelled `name`.
fn on_the_row_of(h: &Harness<'_, PartnershipApp>, name: &str, value: &str) -> bool {
    let row = h.get_by_label(name).rect();
    h.query_all_by_label(value).any(|node| {
        let y = node.rect().center().y;
        y > row.top() && y < row.bottom()
    })
}

/// Runs frames until a label containing `text` is shown, or two minutes pass.
fn wait_for_label(h: &mut Harness<'_, PartnershipApp>, text: &str) {
    let started = Instant::now();
    while h.query_by_label_contains(text).is_none() {
        assert!(started.elapsed().as_secs() < 120, "{text} never came");
        std::thread::sleep(std::time::Duration::from_millis(20));
        let _ = h.try_run();
    }
}

fn present_slide(project: Project, slide: usize) -> Harness<'static, PartnershipApp> {
    let mut h = harness(project);
    h.run();
    h.key_press(Key::F5);
    h.run();
    for _ in 0..slide {
        h.key_press(Key::ArrowRight);
        let _ = h.try_run();
    }
    h
}

#[test]
fn the_options_slide_lists_each_option_with_the_engines_figures() {
    use partnership_appraisal::appraisal::uncertainty;
    use partnership_appraisal::model::{Alternative, AlternativeKind};
    let mut project = borough();
    let p = &mut project.partnerships[0];
    let scaled_down = Alternative {
        name: "Scale down to the strategic board and the analysts".into(),
        kind: AlternativeKind::ScaleDown,
        note: String::new(),
        costs: p.costs.iter().take(2).cloned().collect(),
        benefits: p.benefits.iter().take(1).cloned().collect(),
    };
    p.options.push(scaled_down);
    let expected = uncertainty::options(&project, 0);
    assert_eq!(expected.len(), 2);
    assert_ne!(
        expected[0].measures.net_value,
        expected[1].measures.net_value
    );

    // The portfolio, the partnership, then its options.
    let mut h = present_slide(project, 2);
    h.get_by_label("Slide 3 of 10");
    h.get_by_label(&format!("{SAFER}: the options side by side"));
    for o in &expected {
        let m = &o.measures;
        for value in [
            format::money_whole(m.pvc, "£"),
            format::money_whole(m.pvb_total, "£"),
            format::money_whole(m.net_value, "£"),
            format::ratio(m.bcr),
        ] {
            assert!(on_the_row_of(&h, &o.name, &value), "{}: {value}", o.name);
        }
        assert_eq!(on_the_row_of(&h, &o.name, "Preferred"), o.preferred);
    }
    assert_eq!(expected.iter().filter(|o| o.preferred).count(), 1);
    // The current arrangement's net value is the partnership's own.
    assert!(on_the_row_of(&h, "Current arrangement", "£6,505,415"));
    // The slide after the options is the Monte Carlo slide.
    h.key_press(Key::ArrowRight);
    let _ = h.try_run();
    h.get_by_label(&format!("{SAFER}: how sure is the result"));
}

#[test]
fn the_monte_carlo_slide_shows_the_engines_chance_and_draws() {
    use partnership_appraisal::appraisal::uncertainty;
    use partnership_appraisal::report;
    let mut project = borough();
    project.settings.simulation.draws = 2000;
    let seed = project.settings.simulation.seed;
    let expected =
        uncertainty::simulate(&project, 0, 2000, seed, &mut |_| true).expect("it simulates");
    assert!(!expected.nothing_varies());
    let summary = report::simulation_summary(&expected);
    assert!(summary.contains("2,000 draws"), "{summary}");

    let mut h = present_slide(project.clone(), 2);
    h.get_by_label(&format!("{SAFER}: how sure is the result"));
    wait_for_label(&mut h, &summary);
    h.get_by_label(&summary);
    h.get_by_label_contains(&format!("seed {seed}"));
    assert!(on_the_row_of(
        &h,
        "P50 (median)",
        &format::money_whole(expected.p50, "£")
    ));
    assert!(on_the_row_of(
        &h,
        "Mean net value",
        &format::money_whole(expected.mean, "£")
    ));
    for partner in &expected.partners {
        if let Some(chance) = partner.probability_positive {
            let chance = format::percent(format::round(chance, 4));
            assert!(
                on_the_row_of(&h, &partner.partner, &chance),
                "{}",
                partner.partner
            );
        }
    }
    // The slide shows the saved project's simulation, and never changes the project.
    assert_eq!(h.state().doc.project, project);
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn the_monte_carlo_slide_says_when_there_is_nothing_to_simulate() {
    use partnership_appraisal::appraisal::uncertainty::{self, NOTHING_TO_SIMULATE};
    let project = file::load(Path::new("saves/example.ron")).expect("the example loads");
    assert!(project.partnerships[0].options.is_empty());
    let s = &project.settings.simulation;
    let expected =
        uncertainty::simulate(&project, 0, s.draws, s.seed, &mut |_| true).expect("it simulates");
    assert!(expected.nothing_varies());
    let mut h = present_slide(project.clone(), 2);
    h.get_by_label(&format!(
        "{}: how sure is the result",
        project.partnerships[0].name
    ));
    wait_for_label(&mut h, NOTHING_TO_SIMULATE);
    h.get_by_label_contains(&format!(
        "Net value in every draw: {}",
        format::money_whole(expected.mean, "£")
    ));
}

/// Issue 14: with the what-if panel open, the business-as-usual text was cut off at the
/// foot of a partnership's slide.
#[test]
fn the_business_as_usual_text_stays_on_the_slide_with_what_if_open() {
    for size in [[1366.0, 768.0], [1280.0, 720.0]] {
        let project = borough();
        let bau = project.partnerships[0].bau.clone();
        let mut h = Harness::builder().with_size(size).build_eframe(move |cc| {
            partnership_appraisal::ui::configure_style(&cc.egui_ctx);
            let picker = ScriptedPicker {
                answers: Vec::new().into(),
            };
            PartnershipApp::new(Document::untitled(project), Box::new(picker))
        });
        h.run();
        h.key_press(Key::F5);
        h.run();
        h.key_press(Key::ArrowRight);
        h.run();
        h.get_by_label("What if…").click();
        h.run();
        let panel = h.get_by_label("What if").rect();
        let footer = h
            .get_by_label_contains("Price base year: 2026/27 prices")
            .rect();
        h.get_by_label("Compared with business as usual");
        let text = h.get_by_label(&bau).rect();
        assert!(
            text.bottom() <= footer.top() + 1.0,
            "{size:?}: the text ends at {} below the slide's foot at {}",
            text.bottom(),
            footer.top()
        );
        assert!(
            text.right() <= panel.left(),
            "{size:?}: under the what-if panel"
        );
        assert!(text.top() > 0.0);
    }
}
