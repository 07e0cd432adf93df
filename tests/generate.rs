//! The synthetic project generator: deterministic, valid, and a faithful file.

use partnership_appraisal::appraisal::{appraise, validate};
use partnership_appraisal::file;
use partnership_appraisal::generate::project;
use partnership_appraisal::model::{BenefitDetail, CostDetail, PartnerKind, Project};

fn ron(p: &Project) -> String {
    file::to_ron(p).unwrap_or_else(|e| panic!("the generated project cannot be written: {e}"))
}

fn errors(p: &Project) -> Vec<String> {
    validate(p)
        .into_iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect()
}

#[test]
fn the_same_seed_gives_byte_identical_files() {
    assert_eq!(ron(&project(50, 7)), ron(&project(50, 7)));
}

#[test]
fn a_different_seed_gives_a_different_project() {
    assert_ne!(ron(&project(50, 7)), ron(&project(50, 8)));
    assert_ne!(project(1, 1), project(1, 2));
}

#[test]
fn generated_projects_of_every_size_validate_without_errors() {
    for (size, seed) in [(0, 1), (1, 1), (50, 1), (50, 99), (200, 12345)] {
        let p = project(size, seed);
        assert_eq!(p.partnerships.len(), size);
        let errors = errors(&p);
        assert!(
            errors.is_empty(),
            "size {size}, seed {seed}: {} errors, first: {:?}",
            errors.len(),
            errors.first()
        );
        // Nothing is left out of the results either.
        let result = appraise(&p);
        assert!(
            result.diagnostics.is_empty(),
            "size {size}, seed {seed}: {:?}",
            result.diagnostics.first()
        );
    }
}

#[test]
fn many_seeds_validate_without_errors() {
    for seed in 0..40 {
        let p = project(5, seed);
        assert_eq!(errors(&p), Vec::<String>::new(), "seed {seed}");
    }
}

#[test]
fn generated_projects_round_trip_through_the_file_format() {
    for size in [0, 1, 50] {
        let p = project(size, 3);
        let text = ron(&p);
        let back = file::parse(&text).unwrap_or_else(|e| panic!("size {size}: {e}"));
        assert_eq!(back, p, "size {size}");
        assert_eq!(
            ron(&back),
            text,
            "size {size}: saving again changes the file"
        );
    }
}

#[test]
fn a_generated_project_is_realistic() {
    let p = project(300, 5);
    assert!(
        (8..=30).contains(&p.partners.len()),
        "{} partners",
        p.partners.len()
    );
    for kind in [
        PartnerKind::Council,
        PartnerKind::Nhs,
        PartnerKind::Police,
        PartnerKind::FireAndRescue,
        PartnerKind::CentralGovernment,
        PartnerKind::Voluntary,
        PartnerKind::ResidentsAndSociety,
    ] {
        assert!(p.partners.iter().any(|x| x.kind == kind), "no {kind:?}");
    }
    assert!(p.partners.iter().filter(|x| !x.grades.is_empty()).count() >= 7);
    assert!(p.unit_values.len() >= 20 && p.deflators.len() >= 10);

    let ships = p.partnerships.len() as f64;
    let costs: usize = p.partnerships.iter().map(|s| s.costs.len()).sum();
    let benefits: usize = p.partnerships.iter().map(|s| s.benefits.len()).sum();
    let mean_costs = costs as f64 / ships;
    let mean_benefits = benefits as f64 / ships;
    assert!(
        (8.0..=12.0).contains(&mean_costs),
        "{mean_costs} cost lines on average"
    );
    assert!(
        (4.0..=6.0).contains(&mean_benefits),
        "{mean_benefits} benefit lines on average"
    );
    // The line counts vary.
    let fewest = p.partnerships.iter().map(|s| s.costs.len()).min();
    let most = p.partnerships.iter().map(|s| s.costs.len()).max();
    assert!(
        fewest < Some(5) && most > Some(15),
        "{fewest:?} to {most:?} cost lines"
    );

    let all_costs = || p.partnerships.iter().flat_map(|s| &s.costs);
    let all_benefits = || p.partnerships.iter().flat_map(|s| &s.benefits);
    assert!(all_costs().any(|c| matches!(c.detail, CostDetail::StaffTime(_))));
    assert!(all_costs().any(|c| matches!(&c.detail, CostDetail::Meeting(m)
        if m.attendees.iter().map(|a| &a.partner).collect::<std::collections::BTreeSet<_>>().len() >= 2)));
    assert!(
        all_costs().any(|c| matches!(&c.detail, CostDetail::PooledFund(f)
        if f.contributions.iter().any(|x| x.forecast_outturn.is_some())))
    );
    assert!(all_costs().any(|c| matches!(c.detail, CostDetail::Other(_))));
    assert!(all_benefits().any(|b| matches!(b.detail, BenefitDetail::Direct(_))));
    assert!(all_benefits().any(|b| matches!(b.detail, BenefitDetail::Outcome(_))));
    assert!(p.partnerships.iter().any(|s| !s.impacts.is_empty()));
    assert!(p.partnerships.iter().any(|s| s.seven_s.scs.score.is_some()));
    // Partnership names are unique.
    let names: std::collections::BTreeSet<_> = p.partnerships.iter().map(|s| &s.name).collect();
    assert_eq!(names.len(), p.partnerships.len());
}
