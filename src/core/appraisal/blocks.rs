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

pub(super) fn threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8)
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
    /// totals up again in the same order.
    parts: Option<Vec<Part>>,
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

/// What an earlier appraisal gives a block: everything, when none of its partnerships
/// changed; or, when its parts were kept, the results of those that did not change.
enum Reuse {
    Whole(Box<Block>, Vec<PartnershipResult>),
    Parts(Vec<PartnershipResult>, Vec<Part>),
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
    if let Some((previous, unchanged)) = previous
        && previous.discount_factors == factors
        && previous.sroi_factors == sroi
    {
        unchanged_at = unchanged;
        let mut results = previous.partnerships.into_iter();
        for (k, block) in previous.blocks.into_iter().enumerate() {
            let taken: Vec<PartnershipResult> = results.by_ref().take(BLOCK).collect();
            if k < wanted {
                let range = block_range(k);
                if taken.len() != range.len() {
                    continue;
                }
                if range.clone().all(unchanged) {
                    kept[k] = Some(Reuse::Whole(Box::new(block), taken));
                } else if let Some(parts) = block.parts
                    && parts.len() == taken.len()
                {
                    kept[k] = Some(Reuse::Parts(taken, parts));
                }
            }
        }
    }
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
    let mut partnerships = Vec::with_capacity(count);
    let mut blocks = Vec::with_capacity(wanted);
    let mut was_whole = vec![false; wanted];
    let mut k = 0;
    while k < wanted {
        match kept[k].take() {
            Some(Reuse::Whole(block, results)) => {
                was_whole[k] = true;
                partnerships.extend(results);
                blocks.push(*block);
                k += 1;
                continue;
            }
            Some(Reuse::Parts(results, parts)) => {
                // Only the partnerships that changed are appraised again; the block's
                // totals are added up in the same order as a whole appraisal's.
                let mut block = Block {
                    totals: PortfolioTotals::new(n),
                    diagnostics: Vec::new(),
                    parts: Some(Vec::with_capacity(parts.len())),
                };
                for ((index, old), part) in block_range(k).zip(results).zip(parts) {
                    let (result, part) = if unchanged_at(index) {
                        (old, part)
                    } else {
                        let mut found = Vec::new();
                        let (result, flows) = appraise_partnership(
                            project,
                            (index, &project.partnerships[index]),
                            &discount,
                            &mut found,
                        );
                        (result, (flows, found))
                    };
                    block.add(result, part, &mut partnerships);
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
            };
            for (result, partner_flows, found) in appraised.by_ref().take(block_range(b).len()) {
                block.add(result, (partner_flows, found), &mut partnerships);
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
    /// Adds the next partnership of the block to its totals and problems, and its results
    /// to `partnerships`, keeping its part if the block keeps them.
    fn add(
        &mut self,
        result: PartnershipResult,
        (flows, found): Part,
        partnerships: &mut Vec<PartnershipResult>,
    ) {
        self.diagnostics.extend(found.iter().cloned());
        self.totals.add(&result, &flows);
        partnerships.push(result);
        if let Some(parts) = &mut self.parts {
            parts.push((flows, found));
        }
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
    if threads < 2 || range.len() < PARALLEL_FROM {
        return range.map(one).collect();
    }
    let chunk = range.len().div_ceil(threads);
    let chunks: Vec<std::ops::Range<usize>> = (0..threads)
        .map(|k| {
            let from = range.start + k * chunk;
            from.min(range.end)..(from + chunk).min(range.end)
        })
        .filter(|r| !r.is_empty())
        .collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = chunks[1..]
            .iter()
            .map(|r| {
                let r = r.clone();
                scope.spawn(move || r.map(one).collect::<Vec<_>>())
            })
            .collect();
        let mut all: Vec<Appraised> = chunks[0].clone().map(one).collect();
        for (worker, r) in workers.into_iter().zip(&chunks[1..]) {
            // A worker cannot panic (the engine does not); if one ever did, its share is
            // computed here instead, as a single-threaded appraisal would have.
            match worker.join() {
                Ok(part) => all.extend(part),
                Err(_) => all.extend(r.clone().map(one)),
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

    /// Gives a block the parts worked out for it ahead of an edit. The caller must make
    /// sure they were worked out from the very project this appraisal is of (its
    /// settings, partners and library, and the block's partnerships): nothing here can
    /// tell. Parts of another horizon or discounting, or of a block of another length,
    /// or for a block that already keeps its own, are refused (false).
    pub fn keep_parts(&mut self, parts: BlockParts) -> bool {
        let count = self.partnerships.len();
        let first = parts.block.saturating_mul(BLOCK);
        let len = count.min(first.saturating_add(BLOCK)).saturating_sub(first);
        let fits = self.discount_factors == parts.factors
            && self.sroi_factors == parts.sroi
            && parts.parts.len() == len;
        match self.blocks.get_mut(parts.block) {
            Some(block) if fits && block.parts.is_none() => {
                block.parts = Some(parts.parts);
                true
            }
            _ => false,
        }
    }
}
