//! The appraisal of many partnerships: split between threads and into blocks that are
//! kept and reused after an edit, yet always exactly the single-threaded, fresh answer.
//! (They load the borough example, so they live here rather than in the engine crate,
//! which cannot read files.)

use partnership_appraisal::appraisal::{
    BATCH, BLOCK, Findings, appraise, appraise_on_threads, reappraise, revalidate, validate,
};
use partnership_appraisal::model::{Optimism, Project};
use partnership_appraisal::{appraisal, file};
use rust_decimal::Decimal;

/// Partnerships are appraised on several threads, a batch at a time, but the answer is
/// the single-threaded one to the last digit and scale, problems in the same order.
#[test]
fn appraising_on_several_threads_gives_exactly_the_single_threaded_answer() {
    let example = include_str!("../saves/borough-portfolio.ron");
    let mut project = file::parse(example).expect("the example loads");
    // The example's partnerships over and over, each copy a little different, to more
    // than a batch (so several batches, each split between threads).
    let originals = project.partnerships.clone();
    project.partnerships = (0..BATCH + 90)
        .map(|i| {
            let mut p = originals[i % originals.len()].clone();
            p.name = format!("{} {i}", p.name);
            p.costs.truncate(1 + i % p.costs.len().max(1));
            p
        })
        .collect();
    for i in [3, BATCH - 1, BATCH + 80] {
        if let Some(line) = project.partnerships[i].costs.first_mut() {
            line.optimism = Optimism::Grade("no such grade".into());
        }
    }
    let one = appraise_on_threads(&project, 1);
    assert_eq!(one.portfolio.left_out.lines, 3);
    for threads in [2, 3, 8] {
        let many = appraise_on_threads(&project, threads);
        assert!(many == one, "{threads} threads");
        assert_eq!(format!("{many:?}"), format!("{one:?}"), "{threads} threads");
    }
}

/// The example's partnerships copied to `count`, each copy a little different.
fn many(count: usize) -> Project {
    let example = include_str!("../saves/borough-portfolio.ron");
    let mut project = file::parse(example).expect("the example loads");
    let originals = project.partnerships.clone();
    project.partnerships = (0..count)
        .map(|i| {
            let mut p = originals[i % originals.len()].clone();
            p.name = format!("{} {i}", p.name);
            p.costs.truncate(1 + i % p.costs.len().max(1));
            p
        })
        .collect();
    project
}

/// Which partnerships of `after` are as they were in `before`, with everything but
/// the partnerships: what `reappraise` and `revalidate` may be told.
fn unchanged(before: &Project, after: &Project) -> Vec<bool> {
    let rest = |p: &Project| Project {
        partnerships: Vec::new(),
        ..p.clone()
    };
    let same_rest = rest(before) == rest(after);
    (0..after.partnerships.len())
        .map(|i| same_rest && before.partnerships.get(i) == after.partnerships.get(i))
        .collect()
}

#[test]
fn reappraising_after_edits_gives_exactly_a_fresh_appraisal() {
    let before = many(3 * BLOCK + 17);
    type Edit = fn(&mut Project);
    let edits: [(&str, Edit); 8] = [
        // The check for blank and duplicate names is reused when no name changed: these
        // two change one.
        ("a partnership given another's name", |p| {
            p.partnerships[2 * BLOCK + 3].name = p.partnerships[4].name.clone();
        }),
        ("a partnership's name cleared", |p| {
            p.partnerships[9].name.clear()
        }),
        ("a cost in the second block", |p| {
            if let Some(line) = p.partnerships[BLOCK + 5].costs.first_mut() {
                line.name.push_str(" (revised)");
                line.optimism = Optimism::Grade("no such grade".into());
            }
        }),
        ("a partnership removed from the first block", |p| {
            p.partnerships.remove(3);
        }),
        ("a partnership added at the end", |p| {
            let copy = p.partnerships[0].clone();
            p.partnerships.push(copy);
        }),
        ("the last partnership removed", |p| {
            p.partnerships.pop();
        }),
        ("the horizon", |p| {
            p.settings.horizon_years += 1;
        }),
        ("every partnership removed", |p| p.partnerships.clear()),
    ];
    for (what, edit) in edits {
        let mut after = before.clone();
        edit(&mut after);
        let fresh = appraise(&after);
        let same = unchanged(&before, &after);
        let reused = reappraise(&after, appraise(&before), &|i| same[i]);
        assert!(reused == fresh, "{what}");
        assert_eq!(format!("{reused:?}"), format!("{fresh:?}"), "{what}");
        // And validation likewise.
        let (_, findings) = revalidate(&before, Findings::default(), &|_| false);
        let again = revalidate(&after, findings, &|i| same[i]);
        assert_eq!(again.0, validate(&after), "{what}");
    }
}

/// The blocks said to be unchanged really are reused, not computed again: told
/// (wrongly) that nothing changed, `reappraise` keeps the old figures.
#[test]
fn reappraising_reuses_the_blocks_said_to_be_unchanged() {
    let before = many(2 * BLOCK);
    let mut after = before.clone();
    for i in [1, BLOCK + 1] {
        after.partnerships[i].costs.clear();
    }
    let previous = appraise(&before);
    let old = |i: usize| previous.partnerships[i].measures.pvc;
    let (first, second) = (old(1), old(BLOCK + 1));
    let reused = reappraise(&after, previous.clone(), &|i| i < BLOCK);
    assert_eq!(reused.partnerships[1].measures.pvc, first);
    assert_ne!(second, Decimal::ZERO);
    assert_eq!(reused.partnerships[BLOCK + 1].measures.pvc, Decimal::ZERO);
}

/// One edit after another: the block an edit changed keeps what the next edit in it
/// needs, and every answer is still exactly a fresh appraisal's, in the same block, in
/// another block, and back again.
#[test]
fn edit_after_edit_gives_exactly_a_fresh_appraisal() {
    let mut project = many(3 * BLOCK + 5);
    let mut results = appraise(&project);
    for (step, index) in [7, 7, 9, BLOCK + 2, 7, 3 * BLOCK + 1, 3 * BLOCK + 1]
        .into_iter()
        .enumerate()
    {
        let before = project.clone();
        let line = &mut project.partnerships[index].costs;
        if step % 2 == 0 {
            line.truncate(line.len().saturating_sub(1));
        } else if let Some(first) = line.first_mut() {
            first.name.push_str(" (revised)");
            first.optimism = Optimism::Grade("no such grade".into());
        }
        let same = unchanged(&before, &project);
        results = reappraise(&project, results, &|i| same[i]);
        let fresh = appraise(&project);
        assert!(results == fresh, "edit {step}, partnership {index}");
        assert_eq!(format!("{results:?}"), format!("{fresh:?}"), "edit {step}");
    }
}

/// The second edit in a block appraises only the partnerships said to have changed:
/// told (wrongly) that only one of two changed, `reappraise` keeps the other's old
/// figures, though the block is the one last edited.
#[test]
fn a_second_edit_in_a_block_appraises_only_what_changed() {
    let first = many(2 * BLOCK);
    let mut second = first.clone();
    second.partnerships[4].costs.clear();
    let previous = reappraise(&second, appraise(&first), &|i| i != 4);
    let old = previous.partnerships[5].measures.pvc;
    assert_ne!(old, Decimal::ZERO);
    let mut third = second.clone();
    third.partnerships[5].costs.clear();
    third.partnerships[6].costs.clear();
    let reused = reappraise(&third, previous, &|i| i != 6);
    assert_eq!(reused.partnerships[5].measures.pvc, old);
    assert_eq!(reused.partnerships[6].measures.pvc, Decimal::ZERO);
}

/// Appraising and validating at once, validation on a thread beside the appraisal's,
/// gives what the two give one after the other: the same appraisal, the same problems
/// in the same order (validation's first), the same findings to reuse.
#[test]
fn appraising_and_validating_at_once_is_both_one_after_the_other() {
    let example = include_str!("../saves/borough-portfolio.ron");
    let mut project = file::parse(example).expect("the example loads");
    // Problems of both kinds: validation's (a blank name) and the appraisal's (an
    // optimism grade that is not in the table).
    project.partnerships[0].name.clear();
    if let Some(line) = project.partnerships[1].costs.first_mut() {
        line.optimism = Optimism::Grade("no such grade".into());
    }
    let (appraisal, problems, findings) = appraisal::appraise_and_validate(&project);
    let alone = appraise(&project);
    assert!(appraisal == alone);
    assert_eq!(problems, appraisal::problems(&project, &alone));
    assert!(problems.len() >= 2, "{problems:#?}");
    assert_eq!(
        findings,
        revalidate(&project, Findings::default(), &|_| false).1
    );
    assert_eq!(
        &problems[..problems.len() - alone.diagnostics.len()],
        &validate(&project)[..]
    );
}

/// `project` with its partnerships of block `block` only: what the window's thread has
/// to hand to another thread to work a block's parts out ahead of an edit.
fn parts_ahead(project: &Project, block: usize) -> appraisal::BlockParts {
    let rest = Project {
        partnerships: Vec::new(),
        ..project.clone()
    };
    let end = project.partnerships.len().min((block + 1) * BLOCK);
    appraisal::block_parts(&rest, block, &project.partnerships[block * BLOCK..end])
}

/// Parts worked out ahead of an edit, from the block's partnerships alone, are those a
/// reappraisal keeps: the first edit in the block then appraises only the partnership
/// it changed (told wrongly that another did not change, that one keeps its old
/// figures), and with the truth told the answer is exactly a fresh appraisal's, problems
/// and all, in a full block and in the short last one.
#[test]
fn parts_worked_out_ahead_serve_the_first_edit_in_a_block() {
    let mut before = many(2 * BLOCK + 40);
    // Problems the appraisal finds, in the blocks edited, so their places must be right.
    for i in [BLOCK + 3, 2 * BLOCK + 7] {
        if let Some(line) = before.partnerships[i].costs.first_mut() {
            line.optimism = Optimism::Grade("no such grade".into());
        }
    }
    for (block, edited, also) in [
        (1, BLOCK + 9, BLOCK + 10),
        (2, 2 * BLOCK + 30, 2 * BLOCK + 1),
    ] {
        let mut previous = appraise(&before);
        assert!(!previous.keeps_parts(block));
        assert!(previous.keep_parts(parts_ahead(&before, block)));
        assert!(previous.keeps_parts(block));
        let mut after = before.clone();
        for i in [edited, also] {
            after.partnerships[i].costs.clear();
        }
        let old = previous.partnerships[also].measures.pvc;
        assert_ne!(old, Decimal::ZERO);
        let told_wrongly = reappraise(&after, previous.clone(), &|i| i != edited);
        assert_eq!(told_wrongly.partnerships[also].measures.pvc, old);
        assert_eq!(
            told_wrongly.partnerships[edited].measures.pvc,
            Decimal::ZERO
        );

        let same = unchanged(&before, &after);
        let reused = reappraise(&after, previous, &|i| same[i]);
        let fresh = appraise(&after);
        assert!(reused == fresh, "block {block}");
        assert_eq!(format!("{reused:?}"), format!("{fresh:?}"), "block {block}");
    }
}

/// Parts that do not fit the appraisal are refused: of another horizon, of a block
/// that keeps its own, of a block it does not have, or of a block of another length.
#[test]
fn parts_that_do_not_fit_are_refused() {
    let project = many(BLOCK + 20);
    let mut appraisal = appraise(&project);
    let mut longer = project.clone();
    longer.settings.horizon_years += 1;
    assert!(!appraisal.keep_parts(parts_ahead(&longer, 0)));
    assert!(!appraisal.keep_parts(parts_ahead(&many(3 * BLOCK), 2)));
    let mut shorter = project.clone();
    shorter.partnerships.truncate(BLOCK + 5);
    assert!(!appraisal.keep_parts(parts_ahead(&shorter, 1)));
    assert!(!appraisal.keeps_parts(1));
    assert!(appraisal.keep_parts(parts_ahead(&project, 1)));
    assert!(!appraisal.keep_parts(parts_ahead(&project, 1)));
}

/// Edits in one block after another keep parts in at most `PARTS_KEPT` blocks, the
/// last edited among them: the parts are a cache of about 0.7 MB a block at national
/// scale, not something to grow with every block ever edited.
#[test]
fn parts_are_kept_in_only_a_few_blocks() {
    let mut project = many(5 * BLOCK);
    let mut results = appraise(&project);
    for block in 0..5 {
        let before = project.clone();
        project.partnerships[block * BLOCK + 1].costs.clear();
        let same = unchanged(&before, &project);
        results = reappraise(&project, results, &|i| same[i]);
        let kept = (0..5).filter(|&k| results.keeps_parts(k)).count();
        assert!(kept <= appraisal::PARTS_KEPT, "after block {block}: {kept}");
        assert!(results.keeps_parts(block), "after block {block}");
    }
    assert!(results == appraise(&project));
}

/// Browsing partnership after partnership works out one block's parts after another:
/// only the last block given parts ahead keeps them.
#[test]
fn only_the_last_block_given_parts_ahead_keeps_them() {
    let project = many(4 * BLOCK);
    let mut appraisal = appraise(&project);
    for block in 0..4 {
        assert!(appraisal.keep_parts(parts_ahead(&project, block)));
        let kept: Vec<usize> = (0..4).filter(|&k| appraisal.keeps_parts(k)).collect();
        assert_eq!(kept, [block]);
    }
}
