//! The results of a revision, computed again only for the blocks of partnerships an
//! edit changed (`appraisal::reappraise`).
//!
//! A change to what every partnership draws on (the settings, a partner's rate card, the
//! library) means appraising every partnership again: about 0.4 s at 5,500. In a project
//! of [`BACKGROUND_FROM`] partnerships or more that runs on another thread, and until it
//! is done the screens draw the last results with the window saying the figures are
//! being computed again ([`Document::computing`]).

use super::{Committed, Document, Snapshot};
use crate::appraisal::{self, Appraisal, Diagnostic};
use crate::model::Project;
use std::sync::Arc;
use std::thread::JoinHandle;

/// Projects with at least this many partnerships appraise a change to the whole project
/// on another thread (at about 0.07 ms a partnership, 300 take about two frames).
pub const BACKGROUND_FROM: usize = 300;

/// The appraisal and the diagnostics of one revision.
pub struct Results {
    pub(super) revision: u64,
    pub appraisal: Appraisal,
    /// Shared, so a screen can hold them through a frame without copying them.
    pub diagnostics: Arc<Vec<Diagnostic>>,
    /// Whether each partnership's figures and the portfolio's are complete.
    pub completeness: Arc<appraisal::AllCompleteness>,
    /// Each partnership's own validation findings, and the project they are of (the
    /// baseline when they were computed), so that the next revision computes again only
    /// what changed.
    findings: appraisal::Findings,
    of: Option<Snapshot>,
}

impl Results {
    /// The revision these results are of: the document's, unless newer figures are being
    /// computed ([`Document::computing`]). Screens that keep what they derive from the
    /// results keep it against this.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The project as committed when these results were computed: what a screen that
    /// recomputes only what changed compares the next results' project with.
    pub fn committed(&self) -> Option<Committed> {
        self.of.clone().map(Committed)
    }
}

/// Every partnership appraised again on another thread, for one committed revision.
pub(super) struct Pending {
    revision: u64,
    of: Snapshot,
    job: JoinHandle<Option<Computed>>,
}

struct Computed {
    appraisal: Appraisal,
    diagnostics: Vec<Diagnostic>,
    completeness: appraisal::AllCompleteness,
    findings: appraisal::Findings,
}

/// Every partnership appraised and validated, one after the other on this thread: with
/// validation on a thread of its own beside the appraisal (as the command line does),
/// the window held about 8 MB more at 5,500 partnerships for no gain a user could see
/// (docs/PERFORMANCE.md, fourth round).
///
/// `threads` is how many threads the appraisal may use (`None`: as many as it likes).
fn compute_whole(project: &Project, threads: Option<usize>) -> Computed {
    let appraisal = match threads {
        Some(threads) => appraisal::appraise_on_threads(project, threads),
        None => appraisal::appraise(project),
    };
    checked(project, appraisal, appraisal::Findings::default(), &|_| {
        false
    })
}

/// `appraisal` of `project` with its problems (validation's, reusing `findings` where
/// `unchanged` allows, then the appraisal's) and the completeness they make.
fn checked(
    project: &Project,
    appraisal: Appraisal,
    findings: appraisal::Findings,
    unchanged: &dyn Fn(usize) -> bool,
) -> Computed {
    let (mut diagnostics, findings) = appraisal::revalidate(project, findings, unchanged);
    diagnostics.extend(appraisal.diagnostics.iter().cloned());
    Computed {
        completeness: appraisal::AllCompleteness::new(&appraisal, &diagnostics),
        appraisal,
        diagnostics,
        findings,
    }
}

/// The parts of the block of the partnership on screen, worked out on another thread
/// ahead of an edit to it, for the results of one revision ([`Document::ready_for_edit`]).
pub(super) struct Ahead {
    revision: u64,
    job: JoinHandle<Option<appraisal::BlockParts>>,
}

/// Lets go of results no longer drawn on another thread: at 5,500 partnerships freeing
/// an appraisal takes tens of milliseconds, more than a frame can spare.
fn let_go(old: Option<Results>) {
    if let Some(old) = old {
        let freeing = std::thread::Builder::new()
            .name("freeing results".into())
            .spawn(move || drop(old));
        // With no thread to spare, it is dropped here, as before.
        drop(freeing);
    }
}

impl Document {
    /// The results to draw this frame: the current revision's, or, while every
    /// partnership is appraised again on another thread, the last ones (their
    /// [`Results::revision`] is then older, and [`Self::computing`] says so).
    pub fn results(&mut self) -> &Results {
        self.collect(false);
        self.take_ahead();
        self.refresh(true);
        self.cache
            .get_or_insert_with(|| unreachable_results(&self.project))
    }

    /// The current revision's results, computed (or waited for) now: for what is written
    /// out, which is never of an older revision.
    pub fn results_now(&mut self) -> &Results {
        self.collect(true);
        self.take_ahead();
        self.refresh(false);
        self.cache
            .get_or_insert_with(|| unreachable_results(&self.project))
    }

    /// True while the figures of a change to the whole project are computed on another
    /// thread: the results drawn are of the revision before it.
    pub fn computing(&self) -> bool {
        self.pending.is_some()
            && self
                .cache
                .as_ref()
                .is_none_or(|c| c.revision != self.revision)
    }

    /// The project with the results to draw, for screens that read both.
    pub fn project_and_results(&mut self) -> (&Project, &Results) {
        self.results();
        let results = self
            .cache
            .get_or_insert_with(|| unreachable_results(&self.project));
        (&self.project, results)
    }

    /// The project with the current revision's results ([`Self::results_now`]).
    pub fn project_and_results_now(&mut self) -> (&Project, &Results) {
        self.results_now();
        let results = self
            .cache
            .get_or_insert_with(|| unreachable_results(&self.project));
        (&self.project, results)
    }

    /// Takes the other thread's results once it is done (or, with `wait`, waits for it).
    fn collect(&mut self, wait: bool) {
        let Some(pending) = self.pending.take() else {
            return;
        };
        if !wait && !pending.job.is_finished() {
            self.pending = Some(pending);
            return;
        }
        // A job that could not read the project back, or that panicked, leaves the
        // results to be computed here.
        // Results older than the cached ones (an undo came back to those meanwhile) are
        // dropped.
        let newer = self
            .cache
            .as_ref()
            .is_none_or(|c| c.revision < pending.revision);
        if let Ok(Some(done)) = pending.job.join()
            && newer
        {
            let old = self.cache.replace(Results {
                revision: pending.revision,
                completeness: Arc::new(done.completeness),
                appraisal: done.appraisal,
                diagnostics: Arc::new(done.diagnostics),
                findings: done.findings,
                of: Some(pending.of),
            });
            let_go(old);
        }
    }

    /// Brings the cached results up to the current revision; with `background`, a change
    /// to the whole of a large project is appraised on another thread instead.
    fn refresh(&mut self, background: bool) {
        let stale = self
            .cache
            .as_ref()
            .is_none_or(|c| c.revision != self.revision);
        if !stale {
            return;
        }
        // The results are computed from the project as of the last commit, which the
        // baseline records (edits are committed before the next results are asked
        // for). What the cached results were computed from tells which partnerships
        // are unchanged, and those keep their results.
        let now = &self.baseline;
        let reusable = self.cache.as_ref().is_some_and(|c| {
            c.of.as_ref()
                .is_some_and(|then| Arc::ptr_eq(&then.rest, &now.rest))
        });
        let partnerships = self.project.partnerships.len();
        if background && self.cache.is_some() && !reusable && partnerships >= BACKGROUND_FROM {
            if self.pending.is_none() {
                self.start_whole();
            }
            // While the other thread works the last results are drawn, as long as they
            // have a result for each partnership; after a partnership is added or
            // removed meanwhile, the new figures are waited for.
            let same_shape = self
                .cache
                .as_ref()
                .is_some_and(|c| c.appraisal.partnerships.len() == partnerships);
            if self.pending.is_some() && same_shape {
                return;
            }
            self.collect(true);
            return self.refresh(false);
        }
        // The old results are taken, never copied; those that cannot be reused are let go
        // on another thread.
        let (previous, stale) = match self.cache.take() {
            old if reusable => (old, None),
            old => (None, old),
        };
        let_go(stale);
        let done = match previous {
            Some(Results {
                appraisal: old,
                findings,
                of: Some(then),
                ..
            }) => {
                let unchanged = |i: usize| match (then.get(i), now.get(i)) {
                    (Some(a), Some(b)) => a.ptr_eq(b),
                    _ => false,
                };
                let appraisal = appraisal::reappraise(&self.project, old, &unchanged);
                checked(&self.project, appraisal, findings, &unchanged)
            }
            _ => compute_whole(&self.project, None),
        };
        self.cache = Some(Results {
            revision: self.revision,
            completeness: Arc::new(done.completeness),
            appraisal: done.appraisal,
            diagnostics: Arc::new(done.diagnostics),
            findings: done.findings,
            of: Some(self.baseline.clone()),
        });
    }

    /// Gets the figures ready for an edit to partnership `index`, which is on screen:
    /// unless its block already keeps its parts (`appraisal::reappraise`), they are
    /// worked out on another thread from the committed project, so that the first edit
    /// in the block appraises only that partnership and reaches the screen within a
    /// frame (docs/PERFORMANCE.md). One block at a time; nothing is started while the
    /// figures are out of date.
    pub fn ready_for_edit(&mut self, index: usize) {
        self.take_ahead();
        let block = index / appraisal::BLOCK;
        let Some(cache) = self.cache.as_ref() else {
            return;
        };
        let current = cache.revision == self.revision && self.pending.is_none();
        if !current
            || self.ahead.is_some()
            || index >= cache.appraisal.partnerships.len()
            || cache.appraisal.keeps_parts(block)
        {
            return;
        }
        let Some(of) = cache.of.clone() else {
            return;
        };
        let revision = cache.revision;
        let job = std::thread::Builder::new()
            .name("parts ahead of an edit".into())
            .spawn(move || {
                let first = block * appraisal::BLOCK;
                let partnerships = (first..of.len.min(first + appraisal::BLOCK))
                    .map(|i| of.get(i).and_then(|kept| kept.restore().ok()))
                    .collect::<Option<Vec<_>>>()?;
                Some(appraisal::block_parts(&of.rest, block, &partnerships))
            });
        // With no thread to spare, the edit appraises the block as before.
        if let Ok(job) = job {
            self.ahead = Some(Ahead { revision, job });
        }
    }

    /// Gives the cached results the parts worked out ahead of an edit, once they are
    /// done, if the results are still those of the revision they were worked out from
    /// (a revision's results are computed once, from that revision's committed project).
    fn take_ahead(&mut self) {
        let Some(ahead) = self.ahead.take() else {
            return;
        };
        if !ahead.job.is_finished() {
            self.ahead = Some(ahead);
            return;
        }
        if let Ok(Some(parts)) = ahead.job.join()
            && let Some(cache) = self.cache.as_mut()
            && cache.revision == ahead.revision
        {
            cache.appraisal.keep_parts(parts);
        }
    }

    /// Appraises the committed project on another thread; if no thread can be started,
    /// nothing is pending and the results are computed here.
    fn start_whole(&mut self) {
        let of = self.baseline.clone();
        let committed = Committed(of.clone());
        let job = std::thread::Builder::new()
            .name("appraisal".into())
            .spawn(move || {
                // One thread fewer than the cores, so that the window keeps a core to
                // itself and its frames stay as quick while the figures are computed
                // (docs/PERFORMANCE.md, fifth round).
                let threads = std::thread::available_parallelism().map_or(1, |n| n.get() - 1);
                committed
                    .to_project()
                    .ok()
                    .map(|p| compute_whole(&p, Some(threads)))
            });
        if let Ok(job) = job {
            self.pending = Some(Pending {
                revision: self.revision,
                of,
                job,
            });
        }
    }
}

/// Only reached if the cache were empty after filling it, which cannot happen;
/// computing afresh keeps this free of panics all the same.
fn unreachable_results(project: &Project) -> Results {
    let appraisal = appraisal::appraise(project);
    let diagnostics = appraisal::problems(project, &appraisal);
    Results {
        revision: 0,
        completeness: Arc::new(appraisal::AllCompleteness::new(&appraisal, &diagnostics)),
        diagnostics: Arc::new(diagnostics),
        appraisal,
        findings: appraisal::Findings::default(),
        of: None,
    }
}
