//! The project at one moment, each partnership kept in its compact form and shared
//! with the other moments that hold it unchanged.

use crate::model::{Partnership, Project};
use crate::ui::compact;
use std::sync::Arc;

/// Partnerships per shared piece of a snapshot's list.
pub(super) const CHUNK: usize = 64;

/// A partnership as a snapshot keeps it.
#[derive(Clone)]
pub(super) enum Kept {
    /// The usual form: a few times smaller than the struct (see `compact`).
    Compact(Arc<[u8]>),
    /// Only if the compact form could not be written, which should never happen.
    Whole(Arc<Partnership>),
}

impl Kept {
    /// True when this is `p`, whose compact form (if it has one) is `encoded`.
    pub(super) fn is(&self, p: &Partnership, encoded: Option<&[u8]>) -> bool {
        match (self, encoded) {
            (Kept::Compact(bytes), Some(encoded)) => **bytes == *encoded,
            (Kept::Whole(whole), _) => **whole == *p,
            (Kept::Compact(_), None) => false,
        }
    }

    pub(super) fn same(&self, other: &Kept) -> bool {
        match (self, other) {
            (Kept::Compact(a), Kept::Compact(b)) => Arc::ptr_eq(a, b) || a == b,
            (Kept::Whole(a), Kept::Whole(b)) => Arc::ptr_eq(a, b) || a == b,
            (a, b) => a.restore().ok() == b.restore().ok(),
        }
    }

    pub(super) fn ptr_eq(&self, other: &Kept) -> bool {
        match (self, other) {
            (Kept::Compact(a), Kept::Compact(b)) => Arc::ptr_eq(a, b),
            (Kept::Whole(a), Kept::Whole(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }

    pub(super) fn restore(&self) -> Result<Partnership, compact::CodecError> {
        match self {
            Kept::Compact(bytes) => compact::decode(bytes),
            Kept::Whole(whole) => Ok((**whole).clone()),
        }
    }

    pub(super) fn bytes(&self) -> usize {
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
pub(super) struct Snapshot {
    /// Everything but the partnerships (its `partnerships` is empty).
    pub(super) rest: Arc<Project>,
    /// The partnerships, [`CHUNK`] to a piece.
    pub(super) chunks: Vec<Arc<Vec<Kept>>>,
    pub(super) len: usize,
}

impl Snapshot {
    pub(super) fn get(&self, i: usize) -> Option<&Kept> {
        self.chunks.get(i / CHUNK)?.get(i % CHUNK)
    }

    /// A snapshot of `project` (which is left as it was), sharing every partnership, and
    /// the rest, that is equal in `like`. Returns with it the estimated bytes of what
    /// `like` held that the new snapshot does not share: what an undo step to `like` costs.
    pub(super) fn of(project: &mut Project, like: Option<&Snapshot>) -> (Snapshot, usize) {
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

    /// `project` with every partnership taken to be as in `like`, shared with it: only
    /// what is outside the partnerships is compared (and copied if it changed). With the
    /// bytes the step keeps that `like` does not.
    pub(super) fn with_rest(project: &mut Project, like: &Snapshot) -> (Snapshot, usize) {
        let partnerships = std::mem::take(&mut project.partnerships);
        let (rest, bytes) = if *like.rest == *project {
            (like.rest.clone(), 0)
        } else {
            (Arc::new(project.clone()), rest_bytes(&like.rest))
        };
        project.partnerships = partnerships;
        let next = Snapshot {
            rest,
            chunks: like.chunks.clone(),
            len: like.len,
        };
        (next, bytes)
    }

    /// A snapshot of `project`, which differs from `like` at most in partnership `index`
    /// and in everything but the partnerships (the list is as long as `like`'s). Only that
    /// partnership is encoded. Returns the bytes an undo step to `like` costs, as
    /// [`Snapshot::of`] does.
    pub(super) fn with_one(
        project: &mut Project,
        like: &Snapshot,
        index: usize,
    ) -> (Snapshot, usize) {
        let (mut next, mut bytes) = Snapshot::with_rest(project, like);
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
    pub(super) fn shares_all(&self, other: &Snapshot) -> bool {
        Arc::ptr_eq(&self.rest, &other.rest)
            && self.len == other.len
            && self
                .chunks
                .iter()
                .zip(&other.chunks)
                .all(|(a, b)| Arc::ptr_eq(a, b))
    }

    /// True when the two snapshots hold equal projects (shared parts are not compared).
    pub(super) fn same_as(&self, other: &Snapshot) -> bool {
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
    pub(super) fn restore_into(
        &self,
        project: &mut Project,
        current: &Snapshot,
    ) -> Result<(), compact::CodecError> {
        if project.partnerships.len() != current.len {
            return Err(compact::CodecError::new(
                "the project does not match the snapshot",
            ));
        }
        if self.len == current.len {
            return self.restore_in_place(project, current);
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

impl Snapshot {
    /// [`Self::restore_into`] when no partnership was added or removed: only those not
    /// shared with `current` are read back (a whole shared chunk is passed over at
    /// once), and each is put in its place; the thousands of others are not moved.
    fn restore_in_place(
        &self,
        project: &mut Project,
        current: &Snapshot,
    ) -> Result<(), compact::CodecError> {
        let mut restored = Vec::new();
        for (c, chunk) in self.chunks.iter().enumerate() {
            let shared = current.chunks.get(c).is_some_and(|o| Arc::ptr_eq(o, chunk));
            if shared {
                continue;
            }
            for (k, wanted) in chunk.iter().enumerate() {
                let i = c * CHUNK + k;
                if !current.get(i).is_some_and(|live| live.ptr_eq(wanted)) {
                    restored.push((i, wanted.restore()?));
                }
            }
        }
        if !Arc::ptr_eq(&self.rest, &current.rest) {
            let partnerships = std::mem::take(&mut project.partnerships);
            *project = (*self.rest).clone();
            project.partnerships = partnerships;
        }
        for (i, partnership) in restored {
            if let Some(place) = project.partnerships.get_mut(i) {
                *place = partnership;
            }
        }
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
