//! The open project: its undo history, whether it is saved, and its cached results.

use super::compact;
use crate::appraisal::{self, Appraisal, Diagnostic};
use crate::model::{Partnership, Project};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How many edits can be undone.
const UNDO_DEPTH: usize = 200;
/// About how much memory the undo and redo history may hold beyond the project itself:
/// the oldest steps are forgotten first (the latest step is always kept). Ordinary edits
/// take a few kilobytes a step; a change to every partnership of a 5,500-partnership
/// project about 12 MB.
const UNDO_BUDGET_BYTES: usize = 32 * 1024 * 1024;

pub struct Document {
    pub project: Project,
    /// The project as of the last committed edit: what an undo goes back from.
    baseline: Snapshot,
    /// The project as last saved or opened; unsaved when it differs.
    saved: Snapshot,
    pub path: Option<PathBuf>,
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// [`UNDO_BUDGET_BYTES`], or less in tests.
    undo_budget: usize,
    /// Goes up with every change to `project`; the results are cached against it.
    revision: u64,
    dirty: bool,
    cache: Option<Results>,
}

/// The appraisal and the diagnostics of one revision.
pub struct Results {
    revision: u64,
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
    /// A project that has never been saved.
    pub fn untitled(project: Project) -> Self {
        Document::with_path(project, None)
    }

    /// A project just read from `path`.
    pub fn opened(project: Project, path: PathBuf) -> Self {
        Document::with_path(project, Some(path))
    }

    /// A project restored from a recovery file: unsaved changes to `path`, whose content
    /// on disk is `on_disk` (`None` when it is missing, unreadable or never saved, in
    /// which case the project counts as unsaved until it is saved).
    pub fn recovered(project: Project, path: Option<PathBuf>, on_disk: Option<Project>) -> Self {
        let mut doc = Document::with_path(project, path);
        // A project that cannot equal anything a user makes: names are never blank-prefixed.
        let mut saved = on_disk.unwrap_or_else(|| Project::new("\u{0}no saved version"));
        doc.saved = Snapshot::of(&mut saved, Some(&doc.baseline)).0;
        doc.dirty = !doc.saved.same_as(&doc.baseline);
        doc
    }

    fn with_path(mut project: Project, path: Option<PathBuf>) -> Self {
        let baseline = Snapshot::of(&mut project, None).0;
        Document {
            saved: baseline.clone(),
            baseline,
            project,
            path,
            undo: Vec::new(),
            redo: Vec::new(),
            undo_budget: UNDO_BUDGET_BYTES,
            revision: 0,
            dirty: false,
            cache: None,
        }
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// True when the project differs from the file (or, if never saved, from how it started).
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Records the edits made to `project` since the last commit as one undo step.
    ///
    /// This compares every partnership with the last commit (about 36 ms at 5,500
    /// partnerships). An edit that knows it changed one partnership (and perhaps the
    /// settings, partners or libraries) calls [`Self::commit_partnership`] instead.
    pub fn commit(&mut self) {
        let (next, bytes) = Snapshot::of(&mut self.project, Some(&self.baseline));
        self.record(next, bytes);
    }

    /// Records an edit that changed partnership `index` and nothing in any other
    /// partnership as one undo step: only that partnership is compared and encoded, and
    /// everything but the partnerships is compared as [`Self::commit`] does. The list
    /// having grown or shrunk means the edit did more, and everything is compared.
    pub fn commit_partnership(&mut self, index: usize) {
        if self.project.partnerships.len() != self.baseline.len || index >= self.baseline.len {
            return self.commit();
        }
        let (next, bytes) = Snapshot::with_one(&mut self.project, &self.baseline, index);
        self.check_nothing_else_changed(&next);
        self.record(next, bytes);
    }

    /// Before an undo, redo, whole change or save: records anything left uncommitted. Every
    /// edit to a partnership is committed (by [`Self::commit`] or
    /// [`Self::commit_partnership`]) in the frame it is made, before any command runs, so
    /// only the cheap checks are made here: the number of partnerships and everything but
    /// them. (Tests and debug builds check the partnerships too.)
    pub fn commit_pending(&mut self) {
        if self.project.partnerships.len() != self.baseline.len {
            return self.commit();
        }
        let partnerships = std::mem::take(&mut self.project.partnerships);
        let rest_same = *self.baseline.rest == self.project;
        self.project.partnerships = partnerships;
        if !rest_same {
            return self.commit();
        }
        let baseline = self.baseline.clone();
        self.check_nothing_else_changed(&baseline);
    }

    /// In debug builds (and so in every test), that `project` is exactly `expected`: an
    /// edit that changed a partnership without committing it is a bug in the caller.
    fn check_nothing_else_changed(&mut self, expected: &Snapshot) {
        if cfg!(debug_assertions) {
            let (full, _) = Snapshot::of(&mut self.project, Some(expected));
            debug_assert!(
                full.shares_all(expected),
                "a partnership was changed without being committed"
            );
        }
    }

    /// Makes `next` the baseline, with the old baseline as an undo step of `bytes`.
    fn record(&mut self, next: Snapshot, bytes: usize) {
        if next.shares_all(&self.baseline) {
            return;
        }
        let before = std::mem::replace(&mut self.baseline, next);
        self.undo.push(Step {
            snapshot: before,
            bytes,
        });
        self.redo.clear();
        self.trim_history();
        self.changed();
    }

    /// Forgets the oldest undo steps beyond [`UNDO_DEPTH`] or [`UNDO_BUDGET_BYTES`].
    fn trim_history(&mut self) {
        let latest = self.undo.len().saturating_sub(1);
        let mut forget = self.undo.len().saturating_sub(UNDO_DEPTH);
        let mut held = self.history_bytes();
        for step in &self.undo[..forget] {
            held = held.saturating_sub(step.bytes);
        }
        while forget < latest && held > self.undo_budget {
            held = held.saturating_sub(self.undo[forget].bytes);
            forget += 1;
        }
        self.undo.drain(..forget);
    }

    /// Estimated bytes the undo and redo history holds beyond the current project.
    pub fn history_bytes(&self) -> usize {
        self.undo.iter().chain(&self.redo).map(|s| s.bytes).sum()
    }

    /// Applies a whole change as one undo step.
    pub fn apply(&mut self, edit: impl FnOnce(&mut Project)) {
        self.commit_pending();
        edit(&mut self.project);
        self.commit();
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo(&mut self) {
        self.commit_pending();
        if let Some(step) = self.undo.pop() {
            if let Some(step) = self.go_to_step(step) {
                self.redo.push(step);
            } else {
                self.undo.clear();
            }
        }
    }

    pub fn redo(&mut self) {
        self.commit_pending();
        if let Some(step) = self.redo.pop() {
            if let Some(step) = self.go_to_step(step) {
                self.undo.push(step);
            } else {
                self.redo.clear();
            }
        }
    }

    /// Makes the project the state `step` holds; returns the step back to where it was.
    /// `None` (the project unchanged) only if the step could not be read back, which the
    /// tests of the compact form rule out.
    fn go_to_step(&mut self, step: Step) -> Option<Step> {
        if let Err(e) = step
            .snapshot
            .restore_into(&mut self.project, &self.baseline)
        {
            eprintln!("error: an undo step could not be read back ({e}); the project is unchanged");
            return None;
        }
        let current = std::mem::replace(&mut self.baseline, step.snapshot);
        self.changed();
        Some(Step {
            snapshot: current,
            bytes: step.bytes,
        })
    }

    /// After `project` changed and `baseline` was brought up to date with it.
    fn changed(&mut self) {
        self.revision += 1;
        self.dirty = !self.baseline.same_as(&self.saved);
    }

    /// The project as of the last commit, to be written out on another thread: taking it
    /// copies no partnership (it shares the undo baseline's pieces). Edits are committed
    /// in the frame they are made, so between frames this is the project as it stands.
    pub fn committed(&self) -> Committed {
        Committed(self.baseline.clone())
    }

    /// `what` (taken by [`Self::committed`]) is now the content of `path`: the project is
    /// saved unless it was changed after `what` was taken.
    pub fn mark_saved_as(&mut self, path: &Path, what: &Committed) {
        self.commit_pending();
        self.saved = what.0.clone();
        self.path = Some(path.to_owned());
        self.dirty = !self.baseline.same_as(&self.saved);
    }

    /// The project is now the content of `path`.
    pub fn mark_saved(&mut self, path: &Path) {
        self.commit_pending();
        self.saved = self.baseline.clone();
        self.path = Some(path.to_owned());
        self.dirty = false;
    }

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

    /// The name the window title shows.
    pub fn display_name(&self) -> String {
        self.path
            .as_deref()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| format!("{} (not saved)", self.project.name))
    }
}

/// The project at one commit, sharing its pieces with the document: cheap to take and to
/// send to a thread, which reads it back whole with [`Committed::to_project`].
#[derive(Clone)]
pub struct Committed(Snapshot);

impl Committed {
    /// The project itself, every partnership read back from its compact form.
    pub fn to_project(&self) -> Result<Project, compact::CodecError> {
        let snapshot = &self.0;
        let mut project = (*snapshot.rest).clone();
        let mut partnerships = Vec::with_capacity(snapshot.len);
        for chunk in &snapshot.chunks {
            for kept in chunk.iter() {
                partnerships.push(kept.restore()?);
            }
        }
        project.partnerships = partnerships;
        Ok(project)
    }

    /// How many partnerships it holds.
    pub fn partnerships(&self) -> usize {
        self.0.len
    }

    /// True when everything but the partnerships is the very same (shared) as in `other`
    /// (so no change there since), and the two hold as many partnerships.
    pub fn same_rest(&self, other: &Committed) -> bool {
        Arc::ptr_eq(&self.0.rest, &other.0.rest) && self.0.len == other.0.len
    }

    /// True when partnership `i` is the very same (shared) in `other`: unchanged since.
    pub fn same_partnership(&self, other: &Committed, i: usize) -> bool {
        match (self.0.get(i), other.0.get(i)) {
            (Some(a), Some(b)) => a.ptr_eq(b),
            _ => false,
        }
    }
}

/// One undo (or redo) step: the project as it was, and about how many bytes it holds
/// that the states either side of it do not share.
struct Step {
    snapshot: Snapshot,
    bytes: usize,
}

/// Partnerships per shared piece of a snapshot's list.
const CHUNK: usize = 64;

/// A partnership as a snapshot keeps it.
#[derive(Clone)]
enum Kept {
    /// The usual form: a few times smaller than the struct (see `compact`).
    Compact(Arc<[u8]>),
    /// Only if the compact form could not be written, which should never happen.
    Whole(Arc<Partnership>),
}

impl Kept {
    /// True when this is `p`, whose compact form (if it has one) is `encoded`.
    fn is(&self, p: &Partnership, encoded: Option<&[u8]>) -> bool {
        match (self, encoded) {
            (Kept::Compact(bytes), Some(encoded)) => **bytes == *encoded,
            (Kept::Whole(whole), _) => **whole == *p,
            (Kept::Compact(_), None) => false,
        }
    }

    fn same(&self, other: &Kept) -> bool {
        match (self, other) {
            (Kept::Compact(a), Kept::Compact(b)) => Arc::ptr_eq(a, b) || a == b,
            (Kept::Whole(a), Kept::Whole(b)) => Arc::ptr_eq(a, b) || a == b,
            (a, b) => a.restore().ok() == b.restore().ok(),
        }
    }

    fn ptr_eq(&self, other: &Kept) -> bool {
        match (self, other) {
            (Kept::Compact(a), Kept::Compact(b)) => Arc::ptr_eq(a, b),
            (Kept::Whole(a), Kept::Whole(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }

    fn restore(&self) -> Result<Partnership, compact::CodecError> {
        match self {
            Kept::Compact(bytes) => compact::decode(bytes),
            Kept::Whole(whole) => Ok((**whole).clone()),
        }
    }

    fn bytes(&self) -> usize {
        match self {
            Kept::Compact(bytes) => bytes.len() + 16,
            Kept::Whole(whole) => partnership_bytes(whole),
        }
    }
}

/// The project at one moment, for undo and for comparison with the saved file.
///
/// Each partnership is kept in the compact form, and shared (`Arc`) between snapshots
/// that have it in common, as are whole chunks of the list and the rest of the project
/// (settings, partners, library). An undo step holds only what its edit changed. Whole
/// copies of a 5,500-partnership project would take about 50 MB each (14 GB for 200
/// steps); this way the baseline takes about a fifth of that and a step a few kilobytes.
#[derive(Clone)]
struct Snapshot {
    /// Everything but the partnerships (its `partnerships` is empty).
    rest: Arc<Project>,
    /// The partnerships, [`CHUNK`] to a piece.
    chunks: Vec<Arc<Vec<Kept>>>,
    len: usize,
}

impl Snapshot {
    fn get(&self, i: usize) -> Option<&Kept> {
        self.chunks.get(i / CHUNK)?.get(i % CHUNK)
    }

    /// A snapshot of `project` (which is left as it was), sharing every partnership, and
    /// the rest, that is equal in `like`. Returns with it the estimated bytes of what
    /// `like` held that the new snapshot does not share: what an undo step to `like` costs.
    fn of(project: &mut Project, like: Option<&Snapshot>) -> (Snapshot, usize) {
        let partnerships = std::mem::take(&mut project.partnerships);
        let (rest, mut bytes) = match like {
            Some(like) if *like.rest == *project => (like.rest.clone(), 0),
            Some(like) => (Arc::new(project.clone()), rest_bytes(&like.rest)),
            None => (Arc::new(project.clone()), 0),
        };
        project.partnerships = partnerships;
        let old_len = like.map_or(0, |l| l.len);
        let mut reused = vec![false; old_len];
        let shift = old_len as isize - project.partnerships.len() as isize;
        let mut scratch = Vec::new();
        let mut kept: Vec<Kept> = Vec::with_capacity(project.partnerships.len());
        for (i, p) in project.partnerships.iter().enumerate() {
            let encoded = compact::encode_into(p, &mut scratch).is_ok();
            let encoded = encoded.then_some(scratch.as_slice());
            // The same position, or where it was before partnerships were inserted or
            // deleted ahead of it.
            let found = [i as isize, i as isize + shift].into_iter().find_map(|j| {
                let j = usize::try_from(j).ok()?;
                let candidate = like?.get(j)?;
                (!reused[j] && candidate.is(p, encoded)).then(|| {
                    reused[j] = true;
                    candidate.clone()
                })
            });
            kept.push(match (found, encoded) {
                (Some(k), _) => k,
                (None, Some(encoded)) => Kept::Compact(Arc::from(encoded)),
                (None, None) => Kept::Whole(Arc::new(p.clone())),
            });
        }
        if let Some(like) = like {
            for (j, kept) in reused.iter().enumerate() {
                if !kept {
                    bytes = bytes.saturating_add(like.get(j).map_or(0, Kept::bytes));
                }
            }
        }
        let len = kept.len();
        let mut chunks = Vec::with_capacity(len.div_ceil(CHUNK));
        let mut items = kept.into_iter();
        for c in 0..len.div_ceil(CHUNK) {
            let chunk: Vec<Kept> = items.by_ref().take(CHUNK).collect();
            let old = like.and_then(|l| l.chunks.get(c));
            match old {
                Some(old)
                    if old.len() == chunk.len()
                        && old.iter().zip(&chunk).all(|(a, b)| a.ptr_eq(b)) =>
                {
                    chunks.push(old.clone());
                }
                _ => {
                    if old.is_some() {
                        bytes = bytes.saturating_add(CHUNK * std::mem::size_of::<Kept>());
                    }
                    chunks.push(Arc::new(chunk));
                }
            }
        }
        let list = std::mem::size_of::<Arc<Vec<Kept>>>() * like.map_or(0, |l| l.chunks.len());
        (Snapshot { rest, chunks, len }, bytes.saturating_add(list))
    }

    /// A snapshot of `project`, which differs from `like` at most in partnership `index`
    /// and in everything but the partnerships (the list is as long as `like`'s). Only that
    /// partnership is encoded. Returns the bytes an undo step to `like` costs, as
    /// [`Snapshot::of`] does.
    fn with_one(project: &mut Project, like: &Snapshot, index: usize) -> (Snapshot, usize) {
        let partnerships = std::mem::take(&mut project.partnerships);
        let (rest, mut bytes) = if *like.rest == *project {
            (like.rest.clone(), 0)
        } else {
            (Arc::new(project.clone()), rest_bytes(&like.rest))
        };
        project.partnerships = partnerships;
        let mut next = Snapshot {
            rest,
            chunks: like.chunks.clone(),
            len: like.len,
        };
        let (Some(p), Some(old)) = (project.partnerships.get(index), like.get(index)) else {
            return (next, bytes);
        };
        let mut scratch = Vec::new();
        let encoded = compact::encode_into(p, &mut scratch).is_ok();
        let encoded = encoded.then_some(scratch.as_slice());
        if old.is(p, encoded) {
            return (next, bytes);
        }
        let kept = match encoded {
            Some(encoded) => Kept::Compact(Arc::from(encoded)),
            None => Kept::Whole(Arc::new(p.clone())),
        };
        bytes = bytes.saturating_add(old.bytes());
        if let Some(chunk) = next.chunks.get_mut(index / CHUNK) {
            let mut items: Vec<Kept> = chunk.as_ref().clone();
            if let Some(slot) = items.get_mut(index % CHUNK) {
                *slot = kept;
            }
            *chunk = Arc::new(items);
            bytes = bytes.saturating_add(CHUNK * std::mem::size_of::<Kept>());
        }
        let list = std::mem::size_of::<Arc<Vec<Kept>>>() * like.chunks.len();
        (next, bytes.saturating_add(list))
    }

    /// True when every part is the very same (shared) as in `other`.
    fn shares_all(&self, other: &Snapshot) -> bool {
        Arc::ptr_eq(&self.rest, &other.rest)
            && self.len == other.len
            && self
                .chunks
                .iter()
                .zip(&other.chunks)
                .all(|(a, b)| Arc::ptr_eq(a, b))
    }

    /// True when the two snapshots hold equal projects (shared parts are not compared).
    fn same_as(&self, other: &Snapshot) -> bool {
        (Arc::ptr_eq(&self.rest, &other.rest) || self.rest == other.rest)
            && self.len == other.len
            && self
                .chunks
                .iter()
                .zip(&other.chunks)
                .all(|(a, b)| Arc::ptr_eq(a, b) || a.iter().zip(b.iter()).all(|(x, y)| x.same(y)))
    }

    /// Makes `project`, which equals `current`, equal to this snapshot, moving the
    /// partnerships the two share rather than reading them back. Leaves `project` as it
    /// was if a partnership cannot be read back (which would be a bug).
    fn restore_into(
        &self,
        project: &mut Project,
        current: &Snapshot,
    ) -> Result<(), compact::CodecError> {
        if project.partnerships.len() != current.len {
            return Err(compact::CodecError::new(
                "the project does not match the snapshot",
            ));
        }
        let shift = current.len as isize - self.len as isize;
        // First read back everything not shared, so a failure changes nothing.
        let mut from_live: Vec<Option<usize>> = Vec::with_capacity(self.len);
        let mut restored: Vec<Option<Partnership>> = Vec::with_capacity(self.len);
        let mut taken = vec![false; current.len];
        for i in 0..self.len {
            let Some(wanted) = self.get(i) else {
                return Err(compact::CodecError::new("a partnership is missing"));
            };
            let live = [i as isize, i as isize + shift].into_iter().find_map(|j| {
                let j = usize::try_from(j).ok()?;
                let same = current.get(j)?.ptr_eq(wanted) && !taken[j];
                same.then_some(j)
            });
            match live {
                Some(j) => {
                    taken[j] = true;
                    from_live.push(Some(j));
                    restored.push(None);
                }
                None => {
                    from_live.push(None);
                    restored.push(Some(wanted.restore()?));
                }
            }
        }
        let mut live: Vec<Option<Partnership>> = std::mem::take(&mut project.partnerships)
            .into_iter()
            .map(Some)
            .collect();
        if !Arc::ptr_eq(&self.rest, &current.rest) {
            *project = (*self.rest).clone();
        }
        project.partnerships = from_live
            .into_iter()
            .zip(restored)
            .filter_map(|(j, restored)| {
                restored.or_else(|| j.and_then(|j| live.get_mut(j).and_then(Option::take)))
            })
            .collect();
        Ok(())
    }
}

/// A rough count of the bytes a partnership holds as a struct.
fn partnership_bytes(p: &Partnership) -> usize {
    let lines = p.costs.len()
        + p.benefits.len()
        + p.options
            .iter()
            .map(|o| o.costs.len() + o.benefits.len())
            .sum::<usize>();
    std::mem::size_of::<Partnership>()
        + p.name.len()
        + p.purpose.len()
        + p.bau.len()
        + p.members.iter().map(|m| 32 + m.len()).sum::<usize>()
        + p.impacts
            .iter()
            .map(|i| 96 + i.description.len())
            .sum::<usize>()
        + p.seven_s
            .elements()
            .iter()
            .map(|e| e.note.len())
            .sum::<usize>()
        + lines * 1024
}

/// A rough count of the bytes of everything but the partnerships, for the undo budget.
fn rest_bytes(p: &Project) -> usize {
    std::mem::size_of::<Project>()
        + p.description.len()
        + p.partners
            .iter()
            .map(|x| 64 + x.name.len() + x.grades.len() * 96)
            .sum::<usize>()
        + (p.unit_values.len() + p.deflators.len() + p.confidence_grades.len()) * 160
        + p.assumptions
            .iter()
            .map(|a| 96 + a.text.len() + a.source.len())
            .sum::<usize>()
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
