//! Reading a large file's partnerships while the rest of it is still being read.
//!
//! Copying the file lean takes about a third of the time of reading it, and the copy
//! must run from the file's start to its end on one thread. So the partnerships are not
//! left waiting for it: whenever the copy has grown by [`crate::RUN_BYTES`] bytes, the run of whole
//! partnerships in it is handed to the threads that parse, and the copy goes on. When the
//! file has been read, this thread parses too, from the other end of the queue, then the
//! last run (which ends the list), and the rest of the file with the list left empty.
//!
//! A run starts where a partnership begins (a bracket the copy noted at the list's level,
//! after the list opened and before it closed) and ends where the next run starts, so each
//! is whole partnerships separated by commas, and they are joined in the order read. Any
//! doubt about that (the list not found near the start, a run that does not read as such,
//! a version this build does not read) gives `None`, and the file is read as it stands.

use super::{BLOCK, State};
use crate::model::Partnership;
use crate::pieces::{find_list, items};
use crate::{FORMAT_VERSION, OLDEST_FORMAT_VERSION, Project, ProjectFile};
use std::collections::VecDeque;
use std::io::Read;
use std::path::Path;
use std::sync::{Condvar, Mutex, PoisonError};

/// The partnerships list is looked for in at most this much of the file's start (the
/// settings, partners and libraries before it are a few hundred kilobytes at most).
const LIST_WITHIN: usize = 16 << 20;

/// What the copy gave: the whole of a file too small (or too unusual) to be handed out in
/// runs, with where list items begin; or the start of the file before the partnerships
/// list, and the last run with what follows the list.
pub(super) enum Lean {
    Whole(String, Vec<usize>),
    Runs { before_list: String, last: String },
}

/// Runs of partnerships waiting to be parsed, each with its place in the list.
#[derive(Default)]
struct Queue {
    work: Mutex<Work>,
    ready: Condvar,
}

#[derive(Default)]
struct Work {
    waiting: VecDeque<(usize, String)>,
    read_to_end: bool,
}

impl Queue {
    fn push(&self, run: (usize, String)) {
        let mut work = self.work.lock().unwrap_or_else(PoisonError::into_inner);
        work.waiting.push_back(run);
        self.ready.notify_one();
    }

    /// No more runs will come.
    fn close(&self) {
        let mut work = self.work.lock().unwrap_or_else(PoisonError::into_inner);
        work.read_to_end = true;
        self.ready.notify_all();
    }

    /// The oldest run, waiting for one while the file is still being read.
    fn oldest(&self) -> Option<(usize, String)> {
        let mut work = self.work.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            if let Some(run) = work.waiting.pop_front() {
                return Some(run);
            }
            if work.read_to_end {
                return None;
            }
            work = self
                .ready
                .wait(work)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// The newest run, without waiting.
    fn newest(&self) -> Option<(usize, String)> {
        let mut work = self.work.lock().unwrap_or_else(PoisonError::into_inner);
        work.waiting.pop_back()
    }
}

/// Partnerships parsed from one run, with the run's place; `None` if it did not read as
/// whole partnerships separated by commas.
type Parsed = (usize, Option<Vec<Partnership>>);

fn parse_run((place, text): (usize, String)) -> Parsed {
    let parsed = items(&text, 0, Some(text.len())).map(|(mut read, _)| {
        read.iter_mut().for_each(crate::release_partnership);
        read
    });
    (place, parsed)
}

/// The project in the file at `path`, of `size` bytes, copied lean and handed out in runs
/// of about `chunk` bytes as it is copied; `None` to read the file as it stands.
pub(super) fn load(path: &Path, size: u64, chunk: usize) -> Option<Project> {
    let queue = Queue::default();
    let helpers = std::thread::available_parallelism().map_or(1, |n| n.get().max(2) - 1);
    let (lean, mut parsed) = std::thread::scope(|scope| {
        let parsing: Vec<_> = (0..helpers)
            .filter_map(|k| {
                std::thread::Builder::new()
                    .name(format!("reading partnerships {k}"))
                    .spawn_scoped(scope, || {
                        let mut parsed = Vec::new();
                        while let Some(run) = queue.oldest() {
                            parsed.push(parse_run(run));
                        }
                        parsed
                    })
                    .ok()
            })
            .collect();
        let lean = read(path, size, Some(chunk), &|run| queue.push(run));
        queue.close();
        // With no thread to parse (none could be started), this one parses every run.
        let mut parsed = Vec::new();
        while let Some(run) = queue.newest() {
            parsed.push(parse_run(run));
        }
        for thread in parsing {
            // A thread cannot panic (parsing gives errors, not panics); if one ever did,
            // the file is read as it stands.
            match thread.join() {
                Ok(theirs) => parsed.extend(theirs),
                Err(_) => parsed.push((0, None)),
            }
        }
        (lean, parsed)
    });
    let (before_list, last) = match lean? {
        Lean::Whole(text, cuts) => return crate::parse_with_cuts(&text, &cuts).ok(),
        Lean::Runs { before_list, last } => (before_list, last),
    };
    // The last run ends the list; the rest of the file is read with the list empty.
    let (tail, end) = items(&last, 0, None)?;
    let rest = format!("{before_list}[]{}", &last[end + 1..]);
    let file: ProjectFile = ron::Options::default().from_str(&rest).ok()?;
    let version = file.format_version;
    if !(OLDEST_FORMAT_VERSION..=FORMAT_VERSION).contains(&version)
        || !file.project.partnerships.is_empty()
    {
        return None;
    }
    parsed.sort_unstable_by_key(|(place, _)| *place);
    // Every run, each once, in the order read.
    if parsed.iter().enumerate().any(|(k, (place, _))| *place != k) {
        return None;
    }
    let count = parsed
        .iter()
        .map(|(_, run)| run.as_ref().map_or(0, Vec::len))
        .sum::<usize>()
        + tail.len();
    let mut partnerships = Vec::with_capacity(count);
    for (_, run) in parsed {
        partnerships.extend(run?);
    }
    partnerships.extend(tail.into_iter().map(|mut p| {
        crate::release_partnership(&mut p);
        p
    }));
    let mut project = file.project;
    project.partnerships = partnerships;
    crate::release_outside_partnerships(&mut project);
    Some(project)
}

/// Copies the file at `path` (of `size` bytes) without the spaces that start its lines
/// outside strings. With `chunk`, each time the copy has grown by that much, the whole
/// partnerships in it are given to `hand_out` with their place.
pub(super) fn read(
    path: &Path,
    size: u64,
    chunk: Option<usize>,
    hand_out: &dyn Fn((usize, String)),
) -> Option<Lean> {
    let mut file = std::fs::File::open(path).ok()?;
    let whole = usize::try_from(size / 2).ok()?;
    let mut out: Vec<u8> =
        Vec::with_capacity(chunk.map_or(whole, |c| c.saturating_add(BLOCK)).min(whole));
    let mut cuts = Vec::new();
    let mut block = vec![0u8; BLOCK];
    let mut state = State::default();
    let mut runs = Runs::default();
    let mut first = true;
    loop {
        let n = file.read(&mut block).ok()?;
        if n == 0 {
            break;
        }
        let mut bytes = &block[..n];
        if first {
            bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            first = false;
        }
        state.copy(bytes, &mut out, &mut cuts)?;
        if let Some(chunk) = chunk
            && out.len() >= chunk
        {
            runs.hand_out(&mut out, &mut cuts, &mut state.closes, hand_out)?;
        }
    }
    if state.in_string {
        return None;
    }
    out.shrink_to_fit();
    let text = String::from_utf8(out).ok()?;
    Some(match runs.before_list {
        None => Lean::Whole(text, cuts),
        Some(before_list) => Lean::Runs {
            before_list,
            last: text,
        },
    })
}

/// What the copy knows of the partnerships list so far.
#[derive(Default)]
struct Runs {
    /// The file before the list's `[`, once the first run has been handed out.
    before_list: Option<String>,
    /// Runs handed out so far.
    count: usize,
    /// The list has ended (or was not found near the start): no more runs.
    done: bool,
}

impl Runs {
    /// Hands out the whole partnerships at the end of `out`, keeping the partnership the
    /// copy is in (and anything after the list) in `out`.
    fn hand_out(
        &mut self,
        out: &mut Vec<u8>,
        cuts: &mut Vec<usize>,
        closes: &mut Vec<usize>,
        hand_out: &dyn Fn((usize, String)),
    ) -> Option<()> {
        if self.done {
            return Some(());
        }
        // Where the run may start: after the list opens, in the first run.
        let (from, list) = match self.before_list {
            Some(_) => (0, None),
            None => {
                let Some(list) = list_in(out) else {
                    self.done = out.len() > LIST_WITHIN;
                    return Some(());
                };
                let space = out[list + 1..]
                    .iter()
                    .take_while(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
                    .count();
                (list + 1 + space, Some(list))
            }
        };
        // The list's end, if the copy has passed it: no run goes beyond it.
        let end = closes.iter().copied().find(|&c| c > from);
        let Some(&at) = cuts
            .iter()
            .rev()
            .find(|&&c| c > from && end.is_none_or(|end| c < end))
        else {
            self.done = end.is_some();
            return Some(());
        };
        let rest = out.split_off(at);
        let mut run = std::mem::replace(out, rest);
        // Room for the next run, as the first had.
        out.reserve(run.len() + BLOCK);
        if let Some(list) = list {
            self.before_list = Some(String::from_utf8(run[..list].to_vec()).ok()?);
            run.drain(..from);
        }
        hand_out((self.count, String::from_utf8(run).ok()?));
        self.count += 1;
        let rebase = |marks: &mut Vec<usize>| {
            marks.retain(|&m| m >= at);
            marks.iter_mut().for_each(|m| *m -= at);
        };
        rebase(cuts);
        rebase(closes);
        self.done = end.is_some();
        Some(())
    }
}

/// Where the partnerships list opens in the copy so far, if it does.
fn list_in(out: &[u8]) -> Option<usize> {
    let text = match std::str::from_utf8(out) {
        Ok(text) => text,
        // The copy may stop within a character.
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&out[..e.valid_up_to()]).ok()?,
        Err(_) => return None,
    };
    find_list(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file the app wrote is handed out in runs as it is copied, in order, each run
    /// whole partnerships; read so, it is the project, whatever the runs' size.
    #[test]
    fn a_file_is_handed_out_in_runs_and_read_as_the_project() {
        let dir = tempfile::tempdir().unwrap();
        let project = partnership_appraisal_generate::project(220, 24);
        let text = crate::to_ron(&project).unwrap();
        let path = dir.path().join("p.ron");
        std::fs::write(&path, &text).unwrap();
        let size = text.len() as u64;
        let handed = Mutex::new(Vec::new());
        let lean = read(&path, size, Some(1), &|run| {
            handed.lock().unwrap().push(run)
        })
        .unwrap();
        let handed = handed.into_inner().unwrap();
        assert!(handed.len() >= 3, "{} runs", handed.len());
        let mut count = 0;
        for (k, (place, run)) in handed.iter().enumerate() {
            assert_eq!(*place, k);
            assert!(run.starts_with("(\nname: "), "run {k}");
            assert!(run.ends_with("),\n"), "run {k}");
            count += items(run, 0, Some(run.len())).unwrap().0.len();
        }
        let Lean::Runs { before_list, last } = lean else {
            panic!("the file was not handed out in runs");
        };
        assert!(before_list.ends_with("partnerships: "));
        let (tail, _) = items(&last, 0, None).unwrap();
        assert_eq!(count + tail.len(), project.partnerships.len());
        for run in [1, 100_000, 1_000_000] {
            assert_eq!(load(&path, size, run).as_ref(), Some(&project), "{run}");
        }
        // Runs larger than the copy: one piece, read as before.
        assert!(matches!(
            read(&path, size, Some(usize::MAX), &|_| panic!("handed out")),
            Some(Lean::Whole(..))
        ));
        assert_eq!(load(&path, size, usize::MAX), Some(project));
    }
}
