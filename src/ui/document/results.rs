//! The results of a revision, computed again only for the blocks of partnerships an
//! edit changed (`appraisal::reappraise`).

use super::{Document, Snapshot};
use crate::appraisal::{self, Appraisal, Diagnostic};
use crate::model::Project;
use std::sync::Arc;

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

impl Document {
    /// The appraisal and diagnostics of the current revision, computed once per revision.
    pub fn results(&mut self) -> &Results {
        let stale = self
            .cache
            .as_ref()
            .is_none_or(|c| c.revision != self.revision);
        if stale {
            // The results are computed from the project as of the last commit, which
            // the baseline records (edits are committed before the next results are
            // asked for). What the cached results were computed from tells which
            // partnerships are unchanged, and those keep their results. The old results
            // are taken, never copied, so two sets are never held at once.
            let now = &self.baseline;
            let previous = self.cache.take().filter(|c| {
                c.of.as_ref()
                    .is_some_and(|then| Arc::ptr_eq(&then.rest, &now.rest))
            });
            let (appraisal, (mut diagnostics, findings)) = match previous {
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
                    (
                        appraisal::reappraise(&self.project, old, &unchanged),
                        appraisal::revalidate(&self.project, findings, &unchanged),
                    )
                }
                _ => {
                    let none = |_: usize| false;
                    (
                        appraisal::appraise(&self.project),
                        appraisal::revalidate(&self.project, appraisal::Findings::default(), &none),
                    )
                }
            };
            diagnostics.extend(appraisal.diagnostics.iter().cloned());
            self.cache = Some(Results {
                revision: self.revision,
                completeness: Arc::new(appraisal::AllCompleteness::new(&appraisal, &diagnostics)),
                appraisal,
                diagnostics: Arc::new(diagnostics),
                findings,
                of: Some(self.baseline.clone()),
            });
        }
        self.cache
            .get_or_insert_with(|| unreachable_results(&self.project))
    }

    /// The project with its results, for screens that read both.
    pub fn project_and_results(&mut self) -> (&Project, &Results) {
        self.results();
        let results = self
            .cache
            .get_or_insert_with(|| unreachable_results(&self.project));
        (&self.project, results)
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
