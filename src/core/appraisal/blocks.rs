//! The portfolio a block of partnerships at a time: each block's totals are added up in
//! project order, so an edit to one partnership appraises only its block again
//! ([`super::reappraise`]), and the figures are the same to the last digit however the
//! work was split between threads.

use super::{
    Appraisal, Diagnostic, Discount, LeftOut, Location, PartnerFlowTable, PartnershipResult,
    PortfolioTotals, Severity, appraise_partnership, discount, empty_portfolio, horizon, portfolio,
};
use crate::model::{Partnership, Project};
use rust_decimal::Decimal;

/// The threads an appraisal may use: the cores available, at most 8. Asked of the
/// system once: on Linux each asking reads the control group's files, and the analyses
/// (switching values, sensitivity) appraise one partnership hundreds of times each.
pub(super) fn threads() -> usize {
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *THREADS.get_or_init(|| {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8)
    })
}

/// Partnerships whose portfolio totals are kept together (see [`super::reappraise`]).
pub const BLOCK: usize = 128;

/// One block's part of the portfolio: its partnerships' totals, added in order, and the
/// problems found computing them.
#[derive(Clone)]
pub(crate) struct Block {
    totals: PortfolioTotals,
    diagnostics: Vec<Diagnostic>,
    /// Each partnership's partner flows and problems, kept only for the block or two an
    /// edit last changed (about 0.7 MB a block at national scale), so that the next edit
    /// in the same block appraises only the partnerships it changed and adds the block's
    /// totals up again in the same order; or for the block of the partnership on
    /// screen, worked out ahead of an edit ([`Appraisal::keep_parts`]).
    parts: Option<Vec<Part>>,
    /// Whether the parts were worked out ahead of an edit: only one block keeps such.
    ahead: bool,
}

/// What a block's totals need of one partnership besides its results.
type Part = (PartnerFlowTable, Vec<Diagnostic>);

/// Blocks are equal when their figures and problems are: the parts kept for the next
/// edit are a cache, not a result.
impl PartialEq for Block {
    fn eq(&self, other: &Self) -> bool {
        self.totals == other.totals && self.diagnostics == other.diagnostics
    }
}

impl std::fmt::Debug for Block {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Block")
            .field("totals", &self.totals)
            .field("diagnostics", &self.diagnostics)
            .finish_non_exhaustive()
    }
}

/// What an earlier appraisal gives a block besides the results of its unchanged
/// partnerships (left in place): its totals, when none of its partnerships changed; or,
/// when its parts were kept, the parts of those that did not change.
enum Reuse {
    Whole(Box<Block>),
    Parts(Vec<Part>),
}

/// At most this many blocks keep their parts after a reappraisal: an edit changes one
/// partnership, and a change to many (settings, partners) would keep too much.
pub const PARTS_KEPT: usize = 2;

/// [`super::appraise`] on up to `threads` threads, reusing blocks of `previous` that
/// `unchanged` allows: the result is the same for any number of threads, and the same
/// with or without `previous`.
pub(super) fn appraise_on(
    project: &Project,
    threads: usize,
    previous: Option<(Appraisal, &dyn Fn(usize) -> bool)>,
) -> Appraisal {
    let n = horizon(&project.settings) as usize;
    let mut diagnostics = Vec::new();
    let (factors, sroi) = discounting(project, Some(&mut diagnostics));
    let years = (0..n as u32)
        .map(|t| project.settings.first_year.plus(t))
        .collect();
    let discount = Discount {
        factors: &factors,
        sroi: &sroi,
    };

    let count = project.partnerships.len();
    let wanted = count.div_ceil(BLOCK);
    let block_range = |k: usize| k * BLOCK..count.min((k + 1) * BLOCK);
    // What the earlier appraisal gives each block: all of it when its partnerships are
    // all unchanged; the unchanged partnerships' results when the block kept its parts.
    let mut kept: Vec<Option<Reuse>> = (0..wanted).map(|_| None).collect();
    let mut unchanged_at: &dyn Fn(usize) -> bool = &|_| false;
    let reappraising = previous.is_some();
    // Each partnership's results, in project order. Those of a reappraisal start as the
    // earlier ones, where they are: a partnership unchanged is at the same place (see
    // `reappraise`), so only the changed blocks' places are written again, and the
    // thousands of results around them are not moved.
    let mut partnerships = Vec::new();
    if let Some((previous, unchanged)) = previous
        && previous.discount_factors == factors
        && previous.sroi_factors == sroi
    {
        unchanged_at = unchanged;
        let before = previous.partnerships.len();
        partnerships = previous.partnerships;
        partnerships.truncate(count);
        for (k, block) in previous.blocks.into_iter().enumerate().take(wanted) {
            let range = block_range(k);
            // The block is of the same partnerships' places as before.
            if before.min((k + 1) * BLOCK) != range.end {
                continue;
            }
            if range.clone().all(unchanged) {
                kept[k] = Some(Reuse::Whole(Box::new(block)));
            } else if let Some(parts) = block.parts
                && parts.len() == range.len()
            {
                kept[k] = Some(Reuse::Parts(parts));
            }
        }
    }
    partnerships.reserve(count.saturating_sub(partnerships.len()));
    // Blocks appraised again in a reappraisal keep their parts for the next edit, unless
    // so many changed that keeping them all would cost too much memory.
    let keep_parts = reappraising
        && kept
            .iter()
            .filter(|k| !matches!(k, Some(Reuse::Whole(..))))
            .count()
            <= PARTS_KEPT;

    // The other blocks are appraised a batch at a time, each batch's partnerships
    // independently on every core; each block's totals are then added up in project
    // order, so they (and their last digits) are the same however the work was split,
    // and only one batch's partner flows are held at once.
    let mut blocks = Vec::with_capacity(wanted);
    let mut was_whole = vec![false; wanted];
    let mut k = 0;
    while k < wanted {
        match kept[k].take() {
            Some(Reuse::Whole(block)) => {
                was_whole[k] = true;
                blocks.push(*block);
                k += 1;
                continue;
            }
            Some(Reuse::Parts(parts)) => {
                // Only the partnerships that changed are appraised again; the block's
                // totals are added up in the same order as a whole appraisal's.
                let mut block = Block {
                    totals: PortfolioTotals::new(n),
                    diagnostics: Vec::new(),
                    parts: Some(Vec::with_capacity(parts.len())),
                    ahead: false,
                };
                for (index, part) in block_range(k).zip(parts) {
                    let part = if unchanged_at(index) {
                        part
                    } else {
                        let mut found = Vec::new();
                        let (result, flows) = appraise_partnership(
                            project,
                            (index, &project.partnerships[index]),
                            &discount,
                            &mut found,
                        );
                        put(&mut partnerships, index, result);
                        (flows, found)
                    };
                    block.add(&partnerships[index], part);
                }
                if !keep_parts {
                    block.parts = None;
                }
                blocks.push(block);
                k += 1;
                continue;
            }
            None => {}
        }
        let mut end = k + 1;
        while end < wanted && end - k < BATCH / BLOCK && kept[end].is_none() {
            end += 1;
        }
        let range = block_range(k).start..block_range(end - 1).end;
        let mut appraised = appraise_batch(project, range, &discount, threads).into_iter();
        for b in k..end {
            let mut block = Block {
                totals: PortfolioTotals::new(n),
                diagnostics: Vec::new(),
                parts: keep_parts.then(|| Vec::with_capacity(BLOCK)),
                ahead: false,
            };
            for (index, (result, partner_flows, found)) in block_range(b).zip(appraised.by_ref()) {
                put(&mut partnerships, index, result);
                block.add(&partnerships[index], (partner_flows, found));
            }
            blocks.push(block);
        }
        k = end;
    }

    // Blocks left as they were keep the parts they had only while no more than
    // [`PARTS_KEPT`] blocks keep any: those appraised again now come first.
    let mut with_parts = blocks.iter().filter(|b| b.parts.is_some()).count();
    for (k, block) in blocks.iter_mut().enumerate() {
        if with_parts > PARTS_KEPT && block.parts.is_some() && was_whole[k] {
            block.parts = None;
            with_parts -= 1;
        }
    }

    let mut totals = PortfolioTotals::new(n);
    for block in &blocks {
        diagnostics.extend(block.diagnostics.iter().cloned());
        totals.merge(&block.totals);
    }
    let portfolio = portfolio(project, &partnerships, totals, &discount).unwrap_or_else(|_| {
        diagnostics.push(Diagnostic {
            severity: Severity::Error,
            location: Location::Settings,
            context: "Portfolio".into(),
            field: String::new(),
            message: "the portfolio totals are too large to compute; they are shown as zero".into(),
        });
        let lines = project
            .partnerships
            .iter()
            .map(|p| p.costs.len() + p.benefits.len())
            .sum();
        empty_portfolio(n, &discount, LeftOut { lines, parts: 0 })
    });
    Appraisal {
        years,
        discount_factors: factors,
        sroi_factors: sroi,
        partnerships,
        portfolio,
        diagnostics,
        blocks,
    }
}

impl Block {
    /// Adds the next partnership of the block to its totals and problems, keeping its
    /// part if the block keeps them.
    fn add(&mut self, result: &PartnershipResult, (flows, found): Part) {
        self.diagnostics.extend(found.iter().cloned());
        self.totals.add(result, &flows);
        if let Some(parts) = &mut self.parts {
            parts.push((flows, found));
        }
    }
}

/// Puts partnership `index`'s results in their place: over the earlier ones, or after
/// the last (the blocks are worked through in project order, so `index` is then the
/// length of the list).
fn put(partnerships: &mut Vec<PartnershipResult>, index: usize, result: PartnershipResult) {
    match partnerships.get_mut(index) {
        Some(place) => *place = result,
        None => partnerships.push(result),
    }
}

/// Partnerships appraised together, on every core, before their totals join the portfolio.
pub const BATCH: usize = 4 * BLOCK;
/// Below this many partnerships a batch is appraised on one thread.
const PARALLEL_FROM: usize = 64;

/// One partnership's results, its partners' flows and the problems found computing it.
type Appraised = (PartnershipResult, PartnerFlowTable, Vec<Diagnostic>);

/// Appraises the partnerships in `range`, in order, splitting them between threads.
fn appraise_batch(
    project: &Project,
    range: std::ops::Range<usize>,
    discount: &Discount,
    threads: usize,
) -> Vec<Appraised> {
    let one = |index: usize| {
        let mut found = Vec::new();
        let (result, flows) = appraise_partnership(
            project,
            (index, &project.partnerships[index]),
            discount,
            &mut found,
        );
        (result, flows, found)
    };
    in_order(range, threads, PARALLEL_FROM, one)
}

/// `each(i)` for every `i` in `range`, in order, split between up to `threads` threads
/// (on this one alone below `parallel_from` items). Each item is its own, so the answer
/// is the same however the work was split.
pub(super) fn in_order<T: Send>(
    range: std::ops::Range<usize>,
    threads: usize,
    parallel_from: usize,
    each: impl Fn(usize) -> T + Copy + Send,
) -> Vec<T> {
    if threads < 2 || range.len() < parallel_from.max(1) {
        return range.map(each).collect();
    }
    let chunk = range.len().div_ceil(threads);
    let part = |k: usize| {
        let from = range.start + k * chunk;
        from.min(range.end)..(from + chunk).min(range.end)
    };
    std::thread::scope(|scope| {
        let workers: Vec<_> = (1..threads)
            .map(|k| scope.spawn(move || part(k).map(each).collect::<Vec<_>>()))
            .collect();
        let mut all: Vec<T> = part(0).map(each).collect();
        for (k, worker) in (1..threads).zip(workers) {
            // A worker cannot panic (the engine does not); if one ever did, its share is
            // computed here instead, as on one thread.
            match worker.join() {
                Ok(done) => all.extend(done),
                Err(_) => all.extend(part(k).map(each)),
            }
        }
        all
    })
}

/// The discount factors of `project` and the SROI ones; if they cannot be computed, ones
/// (undiscounted), with a diagnostic saying so added to `diagnostics`.
fn discounting(
    project: &Project,
    diagnostics: Option<&mut Vec<Diagnostic>>,
) -> (Vec<Decimal>, Vec<Decimal>) {
    let n = horizon(&project.settings) as usize;
    let factors = discount::discount_factors(&project.settings).unwrap_or_else(|_| {
        if let Some(diagnostics) = diagnostics {
            diagnostics.push(Diagnostic {
                severity: Severity::Error,
                location: Location::Settings,
                context: "Settings".into(),
                field: "Discount rate".into(),
                message: "the discount factors cannot be computed; results are shown undiscounted"
                    .into(),
            });
        }
        vec![Decimal::ONE; n]
    });
    // If the factors cannot be computed, neither can these: the diagnostic above says so.
    let sroi = discount::sroi_factors(&project.settings).unwrap_or_else(|_| vec![Decimal::ONE; n]);
    (factors, sroi)
}

/// What block `block` of an appraisal keeps so that the next edit in it appraises only
/// the partnership the edit changed, worked out before the edit ([`block_parts`]): the
/// app does it on another thread while a partnership is on screen, so that even the
/// first edit in a block reaches the screen within a frame.
pub struct BlockParts {
    block: usize,
    factors: Vec<Decimal>,
    sroi: Vec<Decimal>,
    parts: Vec<Part>,
}

/// The parts of block `block` of `project`, whose partnerships in that block are
/// `partnerships` (partnership `block * BLOCK + i` is `partnerships[i]`); the project's
/// own list of partnerships is not read, so it may be left empty.
pub fn block_parts(project: &Project, block: usize, partnerships: &[Partnership]) -> BlockParts {
    let (factors, sroi) = discounting(project, None);
    let discount = Discount {
        factors: &factors,
        sroi: &sroi,
    };
    let first = block.saturating_mul(BLOCK);
    let parts = partnerships
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut found = Vec::new();
            let (_, flows) = appraise_partnership(project, (first + i, p), &discount, &mut found);
            (flows, found)
        })
        .collect();
    BlockParts {
        block,
        factors,
        sroi,
        parts,
    }
}

impl Appraisal {
    /// Whether block `block` keeps its parts: the next edit in it appraises only the
    /// partnership the edit changed.
    pub fn keeps_parts(&self, block: usize) -> bool {
        self.blocks.get(block).is_some_and(|b| b.parts.is_some())
    }

    /// Gives a block the parts worked out for it ahead of an edit, in place of any other
    /// block's given so (only one block keeps parts given ahead, besides the
    /// [`PARTS_KEPT`] an edit leaves). The caller must make sure they were worked out
    /// from the very project this appraisal is of (its settings, partners and library,
    /// and the block's partnerships): nothing here can tell. Parts of another horizon or
    /// discounting, or of a block of another length, or for a block that already keeps
    /// its own, are refused (false).
    pub fn keep_parts(&mut self, parts: BlockParts) -> bool {
        let count = self.partnerships.len();
        let first = parts.block.saturating_mul(BLOCK);
        let len = count.min(first.saturating_add(BLOCK)).saturating_sub(first);
        let fits = self.discount_factors == parts.factors
            && self.sroi_factors == parts.sroi
            && parts.parts.len() == len
            && self
                .blocks
                .get(parts.block)
                .is_some_and(|b| b.parts.is_none());
        if !fits {
            return false;
        }
        for block in self.blocks.iter_mut().filter(|b| b.ahead) {
            block.parts = None;
            block.ahead = false;
        }
        match self.blocks.get_mut(parts.block) {
            Some(block) => {
                block.parts = Some(parts.parts);
                block.ahead = true;
                true
            }
            None => false,
        }
    }
}
