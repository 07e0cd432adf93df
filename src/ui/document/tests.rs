use super::snapshot::{CHUNK, Kept};
use super::undo::UNDO_DEPTH;
use super::*;
use crate::appraisal;
use crate::model::Partnership;

#[test]
fn undo_back_to_the_saved_state_is_clean_again() {
    let mut doc = Document::opened(Project::new("A"), PathBuf::from("a.ron"));
    doc.project.name = "B".into();
    doc.commit();
    assert!(doc.is_dirty());
    doc.undo();
    assert_eq!(doc.project.name, "A");
    assert!(!doc.is_dirty());
    doc.redo();
    assert_eq!(doc.project.name, "B");
    assert!(doc.is_dirty());
}

#[test]
fn a_new_edit_clears_the_redo_branch() {
    let mut doc = Document::untitled(Project::new("A"));
    doc.apply(|p| p.name = "B".into());
    doc.undo();
    doc.apply(|p| p.name = "C".into());
    assert!(!doc.can_redo());
    doc.undo();
    assert_eq!(doc.project.name, "A");
}

/// Regression (issue 8): every undo step kept a whole copy of the project, so 200
/// edits to a 5,500-partnership project held about 14 GB.
#[test]
fn undo_steps_share_the_partnerships_an_edit_did_not_change() {
    let original = crate::generate::project(60, 8);
    let mut doc = Document::opened(original.clone(), PathBuf::from("a.ron"));
    let one = original
        .partnerships
        .iter()
        .map(|p| {
            let mut bytes = Vec::new();
            compact::encode_into(p, &mut bytes).map_or(0, |()| bytes.len())
        })
        .max()
        .unwrap_or(0);
    // 200 edits, each to one of the first 30 partnerships.
    for k in 0..UNDO_DEPTH {
        let ship = &mut doc.project.partnerships[(k * 7) % 30];
        ship.purpose.push('.');
        doc.commit();
    }
    assert_eq!(doc.undo.len(), UNDO_DEPTH);
    // Each step holds one partnership (and a piece of the shared list), not 60.
    let chunk = CHUNK * std::mem::size_of::<Kept>() + 64;
    assert!(
        doc.history_bytes() < UNDO_DEPTH * (one + chunk),
        "{} bytes for {UNDO_DEPTH} steps; one partnership is about {one}",
        doc.history_bytes()
    );
    let oldest = &doc.undo[0].snapshot;
    let shared = (0..60)
        .filter(|&i| {
            oldest
                .get(i)
                .zip(doc.baseline.get(i))
                .is_some_and(|(a, b)| a.ptr_eq(b))
        })
        .count();
    assert_eq!(shared, 30, "the 30 partnerships never edited are shared");
    assert!(Arc::ptr_eq(&oldest.rest, &doc.baseline.rest));

    let edited = doc.project.clone();
    while doc.can_undo() {
        doc.undo();
    }
    assert_eq!(doc.project, original);
    assert!(!doc.is_dirty());
    while doc.can_redo() {
        doc.redo();
    }
    assert_eq!(doc.project, edited);
    assert!(doc.is_dirty());
}

/// Issue 16: an edit on a partnership's screen is recorded by comparing only that
/// partnership; undo and redo then give back each project exactly.
#[test]
fn an_edit_recorded_for_one_partnership_undoes_and_redoes_exactly() {
    let original = crate::generate::project(200, 5);
    let mut doc = Document::opened(original.clone(), PathBuf::from("a.ron"));
    let ship = &mut doc.project.partnerships[150];
    ship.purpose.push_str(" (revised)");
    if let Some(line) = ship.costs.first_mut() {
        line.name.push_str(" (edited)");
    }
    ship.costs.pop();
    doc.commit_partnership(150);
    let first = doc.project.clone();
    assert!(doc.can_undo() && doc.is_dirty());
    // The step holds that one partnership: every other is shared with the baseline.
    let before = &doc.undo[0].snapshot;
    let shared = (0..200)
        .filter(|&i| {
            before
                .get(i)
                .zip(doc.baseline.get(i))
                .is_some_and(|(a, b)| a.ptr_eq(b))
        })
        .count();
    assert_eq!(shared, 199);
    assert!(Arc::ptr_eq(&before.rest, &doc.baseline.rest));

    // A setting changed on the same screen as a partnership is recorded with it.
    doc.project.partnerships[3].name.push('!');
    doc.project.settings.simulation.seed += 1;
    doc.commit_partnership(3);
    let second = doc.project.clone();
    // Committing again with nothing changed makes no step.
    doc.commit_partnership(3);
    assert_eq!(doc.undo.len(), 2);

    doc.undo();
    assert_eq!(doc.project, first);
    doc.undo();
    assert_eq!(doc.project, original);
    assert!(!doc.is_dirty());
    doc.redo();
    assert_eq!(doc.project, first);
    doc.redo();
    assert_eq!(doc.project, second);
    // The results follow: those of a fresh appraisal of the project as it is.
    let project = doc.project.clone();
    assert!(doc.results().appraisal == appraisal::appraise(&project));
}

#[test]
fn an_edit_outside_the_partnerships_shares_every_one_and_undoes_exactly() {
    let original = crate::generate::project(200, 6);
    let mut doc = Document::opened(original.clone(), PathBuf::from("a.ron"));
    doc.project.settings.horizon_years += 1;
    doc.project.description.push_str(" Revised.");
    doc.commit_outside_partnerships();
    let edited = doc.project.clone();
    assert_eq!(doc.undo.len(), 1);
    assert!(doc.is_dirty());
    // Every partnership of the new step is the one before it, shared, not encoded anew.
    let before = &doc.undo[0].snapshot;
    assert_eq!(before.len, doc.baseline.len);
    assert!(
        before
            .chunks
            .iter()
            .zip(&doc.baseline.chunks)
            .all(|(a, b)| Arc::ptr_eq(a, b))
    );
    assert!(!Arc::ptr_eq(&before.rest, &doc.baseline.rest));
    // Nothing changed: no step.
    doc.commit_outside_partnerships();
    assert_eq!(doc.undo.len(), 1);
    doc.undo();
    assert_eq!(doc.project, original);
    assert!(!doc.is_dirty());
    doc.redo();
    assert_eq!(doc.project, edited);
    let project = doc.project.clone();
    assert!(doc.results_now().appraisal == appraisal::appraise(&project));
}

#[test]
fn a_rename_on_the_partner_screen_is_recorded_with_the_partnerships_it_renamed_in() {
    let original = crate::generate::project(60, 7);
    let mut doc = Document::opened(original.clone(), PathBuf::from("a.ron"));
    let old = doc.project.partners[0].name.clone();
    let renamed = crate::model::rename_partner(&mut doc.project, &old, "Renamed partner");
    assert!(renamed > 0, "the generated partner is referred to");
    doc.commit_outside_partnerships();
    let edited = doc.project.clone();
    doc.undo();
    assert_eq!(doc.project, original);
    doc.redo();
    assert_eq!(doc.project, edited);
}

#[test]
#[should_panic(expected = "a partnership was changed without being committed")]
fn a_partnership_changed_on_a_screen_that_cannot_change_one_is_caught_in_tests() {
    let mut doc = Document::opened(crate::generate::project(20, 6), PathBuf::from("a.ron"));
    doc.project.settings.horizon_years += 1;
    doc.project.partnerships[4].name.push('!');
    doc.commit_outside_partnerships();
}

#[test]
fn an_edit_that_changed_the_number_of_partnerships_is_compared_whole() {
    let original = crate::generate::project(20, 6);
    let mut doc = Document::untitled(original.clone());
    doc.project.partnerships.remove(7);
    doc.project.partnerships[2].name.push('!');
    doc.commit_partnership(2);
    assert_eq!(doc.project.partnerships.len(), 19);
    doc.undo();
    assert_eq!(doc.project, original);
    // An index past the end is compared whole too.
    doc.project.partnerships[4].name.push('?');
    doc.commit_partnership(99);
    doc.undo();
    assert_eq!(doc.project, original);
}

#[test]
fn inserting_and_deleting_partnerships_undoes_and_keeps_the_others_shared() {
    let original = crate::generate::project(20, 3);
    let mut doc = Document::untitled(original.clone());
    doc.apply(|p| p.partnerships.insert(5, Partnership::new("Inserted")));
    let after_insert = doc.project.clone();
    // The partnerships after the new one moved along but are still the shared copies.
    let before = &doc.undo[0].snapshot;
    let shared = |i: usize, j: usize| {
        before
            .get(i)
            .zip(doc.baseline.get(j))
            .is_some_and(|(a, b)| a.ptr_eq(b))
    };
    assert!(shared(4, 4) && shared(5, 6) && shared(19, 20));
    doc.apply(|p| {
        p.partnerships.remove(0);
    });
    doc.apply(|p| p.settings.horizon_years = 12);
    doc.undo();
    doc.undo();
    assert_eq!(doc.project, after_insert);
    doc.undo();
    assert_eq!(doc.project, original);
    doc.redo();
    doc.redo();
    doc.redo();
    assert_eq!(doc.project.settings.horizon_years, 12);
    assert_eq!(doc.project.partnerships[4].name, "Inserted");
    assert_eq!(doc.project.partnerships.len(), 20);
}

#[test]
fn undo_history_is_capped_by_memory_but_keeps_the_latest_step() {
    let mut doc = Document::untitled(crate::generate::project(150, 4));
    doc.undo_budget = 1024 * 1024;
    let whole = doc
        .project
        .partnerships
        .iter()
        .map(|p| {
            let mut bytes = Vec::new();
            compact::encode_into(p, &mut bytes).map_or(0, |()| bytes.len() + 16)
        })
        .sum::<usize>();
    // Every edit changes every partnership, as a rename used everywhere would.
    let steps = doc.undo_budget / whole + 5;
    for k in 0..steps {
        for ship in &mut doc.project.partnerships {
            ship.purpose = format!("Version {k}");
        }
        doc.commit();
    }
    assert!(doc.undo.len() < steps, "{} steps kept", doc.undo.len());
    assert!(doc.history_bytes() <= doc.undo_budget + 2 * whole);
    doc.undo();
    assert_eq!(
        doc.project.partnerships[0].purpose,
        format!("Version {}", steps - 2)
    );
}

#[test]
fn editing_back_to_the_saved_content_is_clean() {
    let mut doc = Document::opened(crate::generate::project(5, 1), PathBuf::from("a.ron"));
    let name = doc.project.partnerships[2].name.clone();
    doc.apply(|p| p.partnerships[2].name.push('!'));
    assert!(doc.is_dirty());
    doc.apply(|p| p.partnerships[2].name = name.clone());
    assert!(!doc.is_dirty());
}

#[test]
fn results_are_recomputed_only_when_the_revision_changes() {
    let mut doc = Document::untitled(Project::new("A"));
    let first = doc.results().revision;
    assert_eq!(doc.results().revision, first);
    doc.apply(|p| p.name = "B".into());
    assert_ne!(doc.results().revision, first);
}

/// After each kind of change, the results reused from the revision before are exactly
/// those of a fresh appraisal and validation.
#[test]
fn results_after_edits_and_undo_are_those_of_a_fresh_appraisal() {
    let mut doc = Document::opened(crate::generate::project(300, 3), PathBuf::from("a.ron"));
    let check = |doc: &mut Document, what: &str| {
        let project = doc.project.clone();
        let results = doc.results();
        assert!(results.appraisal == appraisal::appraise(&project), "{what}");
        let mut expected = appraisal::validate(&project);
        expected.extend(results.appraisal.diagnostics.iter().cloned());
        assert_eq!(*results.diagnostics, expected, "{what}");
    };
    check(&mut doc, "opened");
    doc.apply(|p| p.partnerships[200].name.clear());
    check(&mut doc, "a partnership's name cleared");
    doc.apply(|p| {
        if let Some(line) = p.partnerships[5].costs.first_mut() {
            line.optimism = crate::model::Optimism::Grade("no such grade".into());
        }
    });
    check(&mut doc, "a cost given an unknown grade");
    doc.apply(|p| {
        p.partnerships.remove(1);
    });
    check(&mut doc, "a partnership deleted");
    doc.apply(|p| p.settings.horizon_years = 12);
    check(&mut doc, "the horizon changed");
    doc.apply(|p| p.partners[0].name.push_str(" (renamed)"));
    check(&mut doc, "a partner renamed without its references");
    while doc.can_undo() {
        doc.undo();
        check(&mut doc, "undone");
    }
    doc.redo();
    check(&mut doc, "redone");
}

/// The figures of `doc` as they stand, as a fresh appraisal gives them.
fn fresh(doc: &Document) -> (appraisal::Appraisal, Vec<appraisal::Diagnostic>) {
    let a = appraisal::appraise(&doc.project);
    let d = appraisal::problems(&doc.project, &a);
    (a, d)
}

fn assert_current(doc: &mut Document, what: &str) {
    let (a, d) = fresh(doc);
    let revision = doc.revision();
    let results = doc.results_now();
    assert_eq!(results.revision(), revision, "{what}");
    assert!(results.appraisal == a, "{what}: the appraisal differs");
    assert!(*results.diagnostics == d, "{what}: the problems differ");
}

/// Waits for the other thread's figures the way the window does: a frame at a time.
fn frames_until_current(doc: &mut Document) -> usize {
    let mut frames = 0;
    while doc.results().revision() != doc.revision() {
        frames += 1;
        assert!(frames < 20_000, "the figures never came");
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    frames
}

/// Issue 16: a change to the settings of a large project is appraised on another thread;
/// meanwhile the last figures are drawn, said to be computing, and the new ones are
/// exactly a fresh appraisal's.
#[test]
fn a_settings_change_in_a_large_project_is_appraised_on_another_thread() {
    let mut doc = Document::untitled(crate::generate::project(BACKGROUND_FROM, 5));
    let before = doc.results().revision();
    assert!(!doc.computing());
    doc.apply(|p| p.settings.horizon_years += 1);
    // The frame after the change draws the last figures, marked as computing.
    assert_eq!(doc.results().revision(), before);
    assert!(doc.computing());
    frames_until_current(&mut doc);
    assert!(!doc.computing());
    assert_current(&mut doc, "after the settings change");
}

#[test]
fn edits_made_while_figures_are_computed_are_in_the_figures_that_follow() {
    let mut doc = Document::untitled(crate::generate::project(BACKGROUND_FROM, 6));
    doc.results();
    doc.apply(|p| p.partners[0].grades.clear());
    assert!(doc.results().revision() < doc.revision());
    // A partnership edited meanwhile: the last figures are still drawn.
    doc.apply(|p| p.partnerships[3].costs.clear());
    doc.results();
    frames_until_current(&mut doc);
    assert_current(&mut doc, "a partnership edited while computing");

    // Another change to the whole project, then one that removes a partnership: with a
    // result fewer than partnerships the figures are waited for, never drawn short.
    doc.apply(|p| p.settings.horizon_years += 2);
    assert!(doc.computing() || doc.results().revision() < doc.revision());
    doc.apply(|p| {
        p.partnerships.remove(0);
    });
    let revision = doc.revision();
    let count = doc.project.partnerships.len();
    let results = doc.results();
    assert_eq!(results.revision(), revision);
    assert_eq!(results.appraisal.partnerships.len(), count);
    assert_current(&mut doc, "a partnership removed while computing");

    // An undo back across a change to the whole project ends at the fresh figures too.
    doc.undo();
    doc.undo();
    frames_until_current(&mut doc);
    assert_current(&mut doc, "undone");
}

#[test]
fn what_is_written_out_waits_for_the_current_figures() {
    let mut doc = Document::untitled(crate::generate::project(BACKGROUND_FROM, 7));
    doc.results();
    doc.apply(|p| p.settings.horizon_years -= 1);
    assert_current(&mut doc, "results_now straight after the change");
    assert!(!doc.computing());
}

#[test]
fn a_small_project_computes_every_change_in_the_frame() {
    let mut doc = Document::untitled(crate::generate::project(BACKGROUND_FROM - 1, 8));
    doc.results();
    doc.apply(|p| p.settings.horizon_years += 1);
    assert_eq!(doc.results().revision(), doc.revision());
    assert!(!doc.computing());
}

/// Issue 16: with a partnership on screen, its block's parts are worked out on another
/// thread, so that the first edit in the block appraises only that partnership; the
/// figures after it are exactly a fresh appraisal's. Parts worked out for a revision an
/// edit has since replaced are never given to other figures.
#[test]
fn the_block_on_screen_is_made_ready_for_its_first_edit() {
    let block = appraisal::BLOCK;
    let mut doc = Document::opened(crate::generate::project(3 * block, 9), "a.ron".into());
    let index = block + 5;
    let mut frames = 0;
    while !doc.results().appraisal.keeps_parts(1) {
        doc.ready_for_edit(index);
        frames += 1;
        assert!(frames < 20_000, "the parts never came");
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    assert!(!doc.results().appraisal.keeps_parts(2));
    doc.apply(|p| p.partnerships[index].costs.clear());
    assert_current(&mut doc, "the first edit in the block");

    // Parts started for one revision, then an edit: whether they are taken before the
    // edit's figures (and serve it) or after (and are dropped), the figures are exactly
    // fresh ones.
    doc.ready_for_edit(2 * block + 1);
    doc.apply(|p| p.partnerships[2 * block + 1].costs.clear());
    assert_current(&mut doc, "an edit while the parts were worked out");
    std::thread::sleep(std::time::Duration::from_millis(200));
    doc.apply(|p| p.partnerships[2 * block + 2].costs.clear());
    assert_current(&mut doc, "the next edit");
}
