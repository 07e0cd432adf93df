//! Project files: RON text with a format version, read with limits and written atomically.
//!
//! The model types are the current format (version 2). Version 2 only added fields that
//! default (the partnership register, the significance test), so a version 1 file is read
//! by the same types and is written as version 2 only when it is saved. When a change
//! cannot default, the old version's types move here and migrate forward; a newer version
//! is refused.

// No `unwrap` or `expect` outside tests (ARCHITECTURE.md, invariants).
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

use partnership_appraisal_core::model;

mod atomic;
mod explain;
mod lean;
pub mod lock;
mod nesting;
mod pieces;
mod plain;
pub mod recovery;

pub use atomic::{backup_path, write_atomic, write_atomic_with};

use crate::model::Project;
use nesting::check_nesting;
use serde::{Deserialize, Serialize};
use std::io;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The format version this build writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 2;
/// The oldest format version this build reads (docs/FILE_FORMAT.md, migration).
pub const OLDEST_FORMAT_VERSION: u32 = 1;
/// A project file larger than this is refused before it is parsed.
pub const MAX_FILE_BYTES: u64 = 128 * 1024 * 1024;
/// Brackets nested deeper than this are refused before parsing (the format needs about 15).
pub const MAX_NESTING: usize = 64;
/// Files at least this large have their partnerships read on two threads (about 200
/// partnerships); smaller ones are read whole on one.
pub const PARALLEL_FROM_BYTES: usize = 4 * 1024 * 1024;
/// While a large file is read, its partnerships are handed to the threads that parse them
/// whenever this many bytes of it have been copied lean (about 250 partnerships).
pub const RUN_BYTES: usize = 2 << 20;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProjectFile {
    format_version: u32,
    project: Project,
}

/// Only the version of a file, the rest skipped: to recognise a newer file that this
/// version cannot read.
#[derive(Deserialize)]
struct VersionOnly {
    format_version: u32,
}

#[derive(Serialize)]
struct ProjectFileRef<'a> {
    format_version: u32,
    project: &'a Project,
}

/// Why text could not be read as a project.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum FormatError {
    #[error("the file is {size} bytes, more than the {limit} bytes a project file may be")]
    TooLarge { size: u64, limit: u64 },
    #[error("line {line}, column {column}: brackets are nested more than {limit} deep")]
    TooDeep {
        line: usize,
        column: usize,
        limit: usize,
    },
    #[error("this is not a text file (it is not UTF-8)")]
    NotText,
    #[error(
        "the file was saved by a newer version of Partnership Appraisal (file format {found}); \
         this version reads format {supported} and older, so update the app to open it"
    )]
    Newer { found: u32, supported: u32 },
    #[error("file format {found} is not one this app has ever written")]
    UnknownVersion { found: u32 },
    /// `message` says what is wrong and where in plain English, with the line and column.
    #[error("{message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
}

#[derive(Debug, Error)]
pub enum LoadError {
    #[error("cannot read the file: {error}: {}", path.display())]
    Read {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("{error}: {}", path.display())]
    Format { path: PathBuf, error: FormatError },
}

#[derive(Debug, Error)]
pub enum SaveError {
    #[error("cannot write the project as RON: {0}")]
    Encode(String),
    #[error("cannot save: {error}: {}", path.display())]
    Write {
        path: PathBuf,
        error: std::io::Error,
    },
}

/// Reads a project file from text. A leading byte-order mark is ignored.
pub fn parse(text: &str) -> Result<Project, FormatError> {
    parse_with(text, true)
}

/// [`parse`] of text whose list items begin at `cuts` (as [`lean`] notes them): the
/// partnerships list is cut at one of those. The text must be the lean read's, which
/// nests no deeper than [`MAX_NESTING`].
fn parse_with_cuts(text: &str, cuts: &[usize]) -> Result<Project, FormatError> {
    parse_inner(text, Some(Some(cuts)))
}

fn parse_with(text: &str, threads: bool) -> Result<Project, FormatError> {
    parse_inner(text, threads.then_some(None))
}

/// `pieces`: `None` reads the text whole on one thread; `Some(cuts)` reads a large text in
/// pieces, cut at one of `cuts` or, without them, where a partnership begins as the app
/// lays files out.
fn parse_inner(text: &str, pieces: Option<Option<&[usize]>>) -> Result<Project, FormatError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    check_size(text.len() as u64)?;
    // The lean read's text (with cuts) has had its depth kept within the limit already.
    if !matches!(pieces, Some(Some(_))) {
        check_nesting(text)?;
    }
    match declared_version(text) {
        Some(found) if found > FORMAT_VERSION => {
            return Err(FormatError::Newer {
                found,
                supported: FORMAT_VERSION,
            });
        }
        Some(0) => return Err(FormatError::UnknownVersion { found: 0 }),
        _ => {}
    }
    // A large file's partnerships are read on two threads; anything unusual about the
    // file (or any error) reads it whole on one, so errors are exactly that parse's.
    let parallel = match pieces {
        Some(Some(cuts)) => pieces::parse(text, Some(cuts)),
        Some(None) if text.len() >= PARALLEL_FROM_BYTES => pieces::parse(text, None),
        _ => None,
    };
    let parsed = match parallel {
        Some(file) => Ok(file),
        None => ron::Options::default().from_str::<ProjectFile>(text),
    };
    let file: ProjectFile = match parsed {
        Ok(file) => file,
        Err(e) => {
            // A newer file may have fields this version does not know, and its version
            // anywhere in the outer record: say "newer" rather than "unexpected field".
            if let Ok(VersionOnly { format_version }) = ron::Options::default().from_str(text)
                && format_version > FORMAT_VERSION
            {
                return Err(FormatError::Newer {
                    found: format_version,
                    supported: FORMAT_VERSION,
                });
            }
            return Err(explain::syntax_error(text, &e));
        }
    };
    // A newer version whose `format_version` is not the first field gets here, not above.
    if file.format_version > FORMAT_VERSION {
        return Err(FormatError::Newer {
            found: file.format_version,
            supported: FORMAT_VERSION,
        });
    }
    if file.format_version < OLDEST_FORMAT_VERSION {
        return Err(FormatError::UnknownVersion {
            found: file.format_version,
        });
    }
    let mut project = file.project;
    release_spare_capacity(&mut project);
    Ok(project)
}

/// Gives back the room lists grew into while the file was read (a list read item by item
/// can end with up to twice the memory it needs): the app holds about 15 MB less with a
/// 5,500-partnership project open (docs/PERFORMANCE.md).
fn release_spare_capacity(project: &mut Project) {
    project
        .partnerships
        .iter_mut()
        .for_each(release_partnership);
    project.partnerships.shrink_to_fit();
    release_outside_partnerships(project);
}

/// [`release_spare_capacity`] of one partnership.
fn release_partnership(ship: &mut crate::model::Partnership) {
    use crate::model::{BenefitDetail, BenefitLine, CostDetail, CostLine, Profile};
    fn profile(p: &mut Profile) {
        if let Profile::PerYear(values) = p {
            values.shrink_to_fit();
        }
    }
    fn costs(lines: &mut Vec<CostLine>) {
        lines.shrink_to_fit();
        for line in lines {
            match &mut line.detail {
                CostDetail::StaffTime(s) => profile(&mut s.hours),
                CostDetail::Meeting(m) => {
                    profile(&mut m.meetings);
                    m.attendees.shrink_to_fit();
                }
                CostDetail::PooledFund(f) => {
                    f.contributions.shrink_to_fit();
                    for c in &mut f.contributions {
                        profile(&mut c.amounts);
                        if let Some(o) = &mut c.forecast_outturn {
                            profile(o);
                        }
                    }
                }
                CostDetail::Other(o) => profile(&mut o.amounts),
            }
        }
    }
    fn benefits(lines: &mut Vec<BenefitLine>) {
        lines.shrink_to_fit();
        for line in lines {
            match &mut line.detail {
                BenefitDetail::Direct(p) => profile(p),
                BenefitDetail::Outcome(chain) => profile(&mut chain.cohort),
            }
        }
    }
    ship.members.shrink_to_fit();
    ship.impacts.shrink_to_fit();
    costs(&mut ship.costs);
    benefits(&mut ship.benefits);
    ship.options.shrink_to_fit();
    for option in &mut ship.options {
        costs(&mut option.costs);
        benefits(&mut option.benefits);
    }
    ship.proposals.shrink_to_fit();
}

/// [`release_spare_capacity`] of all but the partnerships.
fn release_outside_partnerships(project: &mut Project) {
    project.partners.shrink_to_fit();
    for partner in &mut project.partners {
        partner.grades.shrink_to_fit();
    }
    project.unit_values.shrink_to_fit();
    project.deflators.shrink_to_fit();
    project.confidence_grades.shrink_to_fit();
    project.assumptions.shrink_to_fit();
}

/// [`parse`] reading the file whole on one thread, however large: what the parallel read
/// must agree with to the last detail (tests compare the two).
pub fn parse_on_one_thread(text: &str) -> Result<Project, FormatError> {
    parse_with(text, false)
}

/// The parallel read alone, for tests: the project, or `None` where [`parse`] reads the
/// file whole on one thread instead (an unusual layout or any error).
pub fn parse_in_pieces(text: &str) -> Option<Project> {
    pieces::parse(text, None).map(|file| file.project)
}

/// Reads a project file from bytes that may not be text.
pub fn parse_bytes(bytes: &[u8]) -> Result<Project, FormatError> {
    check_size(bytes.len() as u64)?;
    parse(std::str::from_utf8(bytes).map_err(|_| FormatError::NotText)?)
}

/// Loads a project file, refusing one over the size limit before reading it.
pub fn load(path: &Path) -> Result<Project, LoadError> {
    load_in_runs_of(path, RUN_BYTES)
}

/// [`load`], a large file's partnerships handed to the threads that parse them whenever
/// the lean copy has grown by `run` bytes ([`RUN_BYTES`] for [`load`]): what tests use to
/// cut a file of a few hundred partnerships into many runs.
pub fn load_in_runs_of(path: &Path, run: usize) -> Result<Project, LoadError> {
    let read_error = |error| LoadError::Read {
        path: path.to_owned(),
        error,
    };
    let size = std::fs::metadata(path).map_err(read_error)?.len();
    let format_error = |error| LoadError::Format {
        path: path.to_owned(),
        error,
    };
    check_size(size).map_err(format_error)?;
    // A large file is read without its indentation, and in pieces; any problem reads it
    // again as it stands, so an error says what the whole parse says.
    if size >= PARALLEL_FROM_BYTES as u64
        && let Some(project) = lean::load(path, size, run)
    {
        return Ok(project);
    }
    let bytes = std::fs::read(path).map_err(read_error)?;
    parse_bytes(&bytes).map_err(format_error)
}

/// [`load`] reading the file as it stands, on one thread: what the lean read in pieces
/// must agree with (tests compare the two).
pub fn load_on_one_thread(path: &Path) -> Result<Project, LoadError> {
    let read_error = |error| LoadError::Read {
        path: path.to_owned(),
        error,
    };
    let bytes = std::fs::read(path).map_err(read_error)?;
    check_size(bytes.len() as u64)
        .and_then(|()| std::str::from_utf8(&bytes).map_err(|_| FormatError::NotText))
        .and_then(parse_on_one_thread)
        .map_err(|error| LoadError::Format {
            path: path.to_owned(),
            error,
        })
}

/// How project files are laid out: pretty RON, "\n" newlines, four-space indents.
fn pretty() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .new_line("\n")
        .indentor("    ")
        .escape_strings(false)
}

/// The project as file text: pretty RON with "\n" newlines, fields in a fixed order.
pub fn to_ron(project: &Project) -> Result<String, SaveError> {
    let mut text = ron::ser::to_string_pretty(
        &ProjectFileRef {
            format_version: FORMAT_VERSION,
            project,
        },
        pretty(),
    )
    .map_err(|e| SaveError::Encode(e.to_string()))?;
    text.push('\n');
    Ok(text)
}

/// Saves atomically: the target is always the complete old or the complete new file,
/// and the old file is kept beside it as `NAME.bak`. The text is written as it is
/// made, byte for byte [`to_ron`]'s, never held whole (110 MB at 5,500 partnerships).
pub fn save(project: &Project, path: &Path) -> Result<(), SaveError> {
    let mut encoding = None;
    write_atomic_with(path, |out| match write_ron(project, out) {
        Ok(()) => Ok(()),
        Err(Failed::Write(error)) => Err(error),
        Err(Failed::Encode(message)) => {
            encoding = Some(message);
            Err(io::Error::other("the project could not be written as text"))
        }
    })
    .map_err(|error| match encoding.take() {
        Some(message) => SaveError::Encode(message),
        None => SaveError::Write {
            path: path.to_owned(),
            error,
        },
    })
}

/// Why [`write_ron`] stopped.
#[derive(Debug)]
enum Failed {
    /// The writer refused (a full disk, a lost connection).
    Write(io::Error),
    /// The project could not be put as text.
    Encode(String),
}

/// Writes the project's file text to `out` as it is made: byte for byte [`to_ron`]'s.
fn write_ron(project: &Project, out: &mut dyn io::Write) -> Result<(), Failed> {
    let mut kept = KeepError { out, error: None };
    let file = ProjectFileRef {
        format_version: FORMAT_VERSION,
        project,
    };
    let written = ron::Options::default().to_io_writer_pretty(&mut kept, &file, pretty());
    match (kept.error.take(), written) {
        (Some(error), _) => Err(Failed::Write(error)),
        (None, Err(e)) => Err(Failed::Encode(e.to_string())),
        (None, Ok(())) => kept.out.write_all(b"\n").map_err(Failed::Write),
    }
}

/// A writer that keeps the first error it meets, which the serialiser would otherwise
/// turn into text: a full disk stays a full disk, with the system's own error.
struct KeepError<'a> {
    out: &'a mut dyn io::Write,
    error: Option<io::Error>,
}

impl io::Write for KeepError<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.out.write(bytes).map_err(|e| {
            let kind = e.kind();
            self.error.get_or_insert(e);
            io::Error::from(kind)
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

fn check_size(size: u64) -> Result<(), FormatError> {
    if size > MAX_FILE_BYTES {
        return Err(FormatError::TooLarge {
            size,
            limit: MAX_FILE_BYTES,
        });
    }
    Ok(())
}

/// The `format_version` a file declares at its start, if it can be read cheaply.
fn declared_version(text: &str) -> Option<u32> {
    let rest = text
        .trim_start()
        .strip_prefix("ProjectFile")
        .unwrap_or(text.trim_start());
    let rest = rest.trim_start().strip_prefix('(')?.trim_start();
    let rest = rest
        .strip_prefix("format_version")?
        .trim_start()
        .strip_prefix(':')?
        .trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_version_is_read_without_parsing_the_rest() {
        assert_eq!(
            declared_version("(\n    format_version: 7,\n project: garbage"),
            Some(7)
        );
        assert_eq!(declared_version("ProjectFile(format_version:2)"), Some(2));
        assert_eq!(declared_version("nonsense"), None);
    }

    #[test]
    fn a_save_writes_the_file_text_byte_for_byte() {
        let mut project = partnership_appraisal_generate::project(40, 3);
        project.partnerships[7].name = "Quotes \" and \\ and é ✓\nnew line".into();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        save(&project, &path).unwrap();
        let written = std::fs::read_to_string(&path).unwrap();
        assert_eq!(written, to_ron(&project).unwrap());
        assert_eq!(parse(&written).unwrap(), project);
    }

    /// A writer that takes `room` bytes, then refuses as a full disk does.
    struct Full {
        room: usize,
    }

    impl io::Write for Full {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            if self.room == 0 {
                return Err(io::Error::new(io::ErrorKind::StorageFull, "no space left"));
            }
            let n = bytes.len().min(self.room);
            self.room -= n;
            Ok(n)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_writer_that_fails_part_way_gives_its_own_error() {
        let project = partnership_appraisal_generate::project(5, 3);
        let length = to_ron(&project).unwrap().len();
        // The last byte is the newline after the text: a disk one byte short refuses it.
        for room in [0, 1, 1000, length - 1] {
            match write_ron(&project, &mut Full { room }) {
                Err(Failed::Write(e)) => {
                    assert_eq!(e.kind(), io::ErrorKind::StorageFull, "{room}");
                    assert_eq!(e.to_string(), "no space left");
                }
                other => panic!("{room} bytes of room: {other:?}"),
            }
        }
        assert!(write_ron(&project, &mut Full { room: length }).is_ok());
    }
}
