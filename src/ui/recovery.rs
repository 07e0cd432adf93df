//! Keeping a finance officer's work when things go wrong: autosave to a recovery file and
//! the offer to restore it after a crash, the lock that warns when another copy of the app
//! has the file open, the check that the file was not changed by another program before
//! saving over it, and plain words for a save that fails. What the app shell does with
//! them (offering and restoring at start, autosave each frame, the lock and the file's
//! stamp around opening and saving) is `app/recovery_actions.rs`; its dialogs are in
//! `app/dialogs.rs`.
//!
//! **Recovery files.** While the project has unsaved changes, the app writes it (atomically,
//! with `file::to_ron` and `file::write_atomic`) to `recovery-PID-TIME.ron` in the recovery
//! folder: 30 seconds after the first change not yet written, and at once when the window
//! loses focus. The file is an ordinary project file with a comment header naming the
//! project file it belongs to (or "untitled") and when it was written, so File > Open
//! reads it too. It is removed when the project is saved, when the user discards the
//! changes, and when a restored copy has been written again under this run's name.
//! The check happens in `logic()`, timed by egui's clock; a large project (see
//! [`super::writing`]) is written on a thread from the project as last committed, so the
//! window does not pause, and the file is byte for byte what writing it at once gives.

use super::document::{Committed, Document};
use super::writing::{self, Poll, Writing};
use crate::file::lock::{self, FileStamp, Holder, LockOwner, ProjectLock};
pub use crate::file::recovery::Meta;
use crate::file::recovery::ParseError;
use crate::file::{self, FormatError, SaveError};
use crate::model::Project;
use std::ffi::OsString;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;
use thiserror::Error;

/// Overrides where recovery files are kept (tests point it at a temporary folder).
pub const DIR_ENV: &str = "PARTNERSHIP_APPRAISAL_RECOVERY_DIR";
/// Unsaved changes are written at most this long after they are made.
pub const AUTOSAVE_SECONDS: f64 = 30.0;

const PREFIX: &str = "recovery-";

#[derive(Debug, Error)]
pub enum RecoveryError {
    #[error("cannot write the recovery file: {0}")]
    Encode(String),
    #[error("cannot write the recovery file: {source}: {}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error("cannot read the recovery file: {source}: {}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("the recovery file has no recovery header (it may be damaged): {}", path.display())]
    NoHeader { path: PathBuf },
    #[error("the project in the recovery file cannot be read: {source}: {}", path.display())]
    Format { path: PathBuf, source: FormatError },
    #[error("cannot remove the recovery file: {source}: {}", path.display())]
    Remove { path: PathBuf, source: io::Error },
    #[error("cannot list the recovery folder: {source}: {}", path.display())]
    List { path: PathBuf, source: io::Error },
}

impl RecoveryError {
    /// The recovery file the error is about, if it is about one.
    pub fn path(&self) -> Option<&Path> {
        match self {
            RecoveryError::Encode(_) => None,
            RecoveryError::Write { path, .. }
            | RecoveryError::Read { path, .. }
            | RecoveryError::NoHeader { path }
            | RecoveryError::Format { path, .. }
            | RecoveryError::Remove { path, .. }
            | RecoveryError::List { path, .. } => Some(path),
        }
    }
}

/// A recovery file that was read back.
#[derive(Clone, Debug)]
pub struct Recovered {
    pub file: PathBuf,
    pub meta: Meta,
    pub project: Project,
}

impl Recovered {
    /// "borough.ron", or "an untitled project (NAME)".
    pub fn describe(&self) -> String {
        match self.meta.original.as_deref().and_then(Path::file_name) {
            Some(name) => name.to_string_lossy().into_owned(),
            None => format!("an untitled project ('{}')", self.project.name),
        }
    }
}

/// The folder of recovery files.
#[derive(Clone, Debug)]
pub struct RecoveryStore {
    dir: PathBuf,
}

/// The recovery folder: `$PARTNERSHIP_APPRAISAL_RECOVERY_DIR`, else (Windows)
/// `%LOCALAPPDATA%\Partnership Appraisal\recovery` (or under `%APPDATA%`), else
/// `$XDG_DATA_HOME/partnership-appraisal/recovery`, else
/// `~/.local/share/partnership-appraisal/recovery`. `env` looks up a variable; `windows`
/// puts Windows' own folders first, as a `HOME` set by Git Bash or Cygwin is not where
/// Windows programs keep their data.
pub fn default_dir(env: impl Fn(&str) -> Option<OsString>, windows: bool) -> Option<PathBuf> {
    let set = |k: &str| env(k).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(dir) = set(DIR_ENV) {
        return Some(dir);
    }
    let app_data = || {
        set("LOCALAPPDATA")
            .or_else(|| set("APPDATA"))
            .map(|d| d.join("Partnership Appraisal").join("recovery"))
    };
    if windows && let Some(dir) = app_data() {
        return Some(dir);
    }
    if let Some(data) = set("XDG_DATA_HOME").filter(|p| p.is_absolute()) {
        return Some(data.join("partnership-appraisal").join("recovery"));
    }
    if let Some(home) = set("HOME") {
        return Some(
            home.join(".local")
                .join("share")
                .join("partnership-appraisal")
                .join("recovery"),
        );
    }
    app_data()
}

impl RecoveryStore {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        RecoveryStore { dir: dir.into() }
    }

    /// The store in the folder the environment names (see [`default_dir`]).
    pub fn from_env() -> Option<Self> {
        default_dir(|k| std::env::var_os(k), cfg!(windows)).map(RecoveryStore::new)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes `project` to the recovery file `name` atomically, creating the folder.
    pub fn write(
        &self,
        name: &str,
        meta: &Meta,
        project: &Project,
    ) -> Result<PathBuf, RecoveryError> {
        let path = self.dir.join(name);
        let write_error = |source| RecoveryError::Write {
            path: path.clone(),
            source,
        };
        let body = file::to_ron(project).map_err(|e| RecoveryError::Encode(e.to_string()))?;
        std::fs::create_dir_all(&self.dir).map_err(write_error)?;
        let text = file::recovery::text(meta, &body);
        file::write_atomic(&path, text.as_bytes()).map_err(write_error)?;
        Ok(path)
    }

    /// [`Self::write`] for the project `what` holds (on a thread, for a large project).
    pub fn write_committed(
        &self,
        name: &str,
        meta: &Meta,
        what: &Committed,
    ) -> Result<PathBuf, RecoveryError> {
        let project =
            writing::project_of(what).map_err(|e| RecoveryError::Encode(e.to_string()))?;
        self.write(name, meta, &project)
    }

    /// Every recovery file in the folder, read back; a damaged one is an error in the list
    /// (never a panic). A folder that does not exist holds none.
    pub fn list(&self) -> Result<Vec<Result<Recovered, RecoveryError>>, RecoveryError> {
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => {
                return Err(RecoveryError::List {
                    path: self.dir.clone(),
                    source,
                });
            }
        };
        let all: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        delete_quietly(all.iter().filter(|p| is_discarded(p)).cloned().collect());
        let mut paths: Vec<PathBuf> = all.into_iter().filter(|p| is_recovery_file(p)).collect();
        paths.sort();
        Ok(paths.iter().map(|p| read(p)).collect())
    }

    /// Removes a recovery file and its backup; one already gone is not an error.
    ///
    /// Each is first renamed aside (at once), then deleted on another thread: deleting
    /// a file of 100 MB takes the file system tens of milliseconds, more than a frame
    /// can spare. A file set aside and not yet deleted when the app stopped is deleted
    /// the next time the folder is listed; it is never offered for recovery.
    pub fn remove(&self, path: &Path) -> Result<(), RecoveryError> {
        let mut aside = Vec::new();
        for p in [path.to_owned(), file::backup_path(path)] {
            let discarded = discarded_path(&p);
            let result = match std::fs::rename(&p, &discarded) {
                Ok(()) => {
                    aside.push(discarded);
                    Ok(())
                }
                // Not renamed (a file another program holds open, on Windows): deleted
                // here, as before.
                Err(e) if e.kind() != io::ErrorKind::NotFound => std::fs::remove_file(&p),
                Err(e) => Err(e),
            };
            match result {
                Err(e) if e.kind() != io::ErrorKind::NotFound => {
                    return Err(RecoveryError::Remove { path: p, source: e });
                }
                _ => {}
            }
        }
        delete_quietly(aside);
        Ok(())
    }

    /// Renames a damaged recovery file to `NAME.corrupt`, so it is not offered again but
    /// nothing is deleted. Returns the new name.
    pub fn set_aside(&self, path: &Path) -> Result<PathBuf, RecoveryError> {
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(".corrupt");
        let aside = path.with_file_name(name);
        std::fs::rename(path, &aside).map_err(|source| RecoveryError::Remove {
            path: path.to_owned(),
            source,
        })?;
        Ok(aside)
    }
}

fn is_recovery_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.starts_with(PREFIX) && name.ends_with(".ron")
}

/// Where a recovery file is set aside to be deleted: `NAME.discarded`.
fn discarded_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(DISCARDED);
    path.with_file_name(name)
}

const DISCARDED: &str = ".discarded";

fn is_discarded(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    name.starts_with(PREFIX) && name.ends_with(DISCARDED)
}

/// Deletes `paths` on another thread (or here, with no thread to be had); a file that
/// cannot be deleted stays set aside until the folder is next listed.
fn delete_quietly(paths: Vec<PathBuf>) {
    if paths.is_empty() {
        return;
    }
    let here = paths.clone();
    let deleting = std::thread::Builder::new()
        .name("removing recovery files".into())
        .spawn(move || {
            for p in paths {
                let _ = std::fs::remove_file(p);
            }
        });
    if deleting.is_err() {
        for p in here {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// Reads one recovery file, with the project file's size and nesting limits.
pub fn read(path: &Path) -> Result<Recovered, RecoveryError> {
    let read_error = |source| RecoveryError::Read {
        path: path.to_owned(),
        source,
    };
    let format_error = |source| RecoveryError::Format {
        path: path.to_owned(),
        source,
    };
    let size = std::fs::metadata(path).map_err(read_error)?.len();
    if size > file::MAX_FILE_BYTES + 4096 {
        return Err(format_error(FormatError::TooLarge {
            size,
            limit: file::MAX_FILE_BYTES,
        }));
    }
    let bytes = std::fs::read(path).map_err(read_error)?;
    let (meta, project) = file::recovery::parse(&bytes).map_err(|e| match e {
        ParseError::NoHeader => RecoveryError::NoHeader {
            path: path.to_owned(),
        },
        ParseError::Format(source) => format_error(source),
    })?;
    Ok(Recovered {
        file: path.to_owned(),
        meta,
        project,
    })
}

/// Seconds since 1970 now.
fn now_unix() -> u64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// "22 Nov 2026 at 14:03" for seconds since 1970, in the computer's local time (as the
/// user's clock shows it, summer time included).
pub fn describe_time(unix_seconds: u64) -> String {
    describe_time_in(unix_seconds, &chrono::Local)
}

/// [`describe_time`] in the time zone given.
pub fn describe_time_in<Tz: chrono::TimeZone>(unix_seconds: u64, zone: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    let seconds = i64::try_from(unix_seconds).unwrap_or(i64::MAX);
    match chrono::DateTime::from_timestamp(seconds, 0) {
        Some(utc) => utc
            .with_timezone(zone)
            .format("%-d %b %Y at %H:%M")
            .to_string(),
        None => "an unknown time".to_owned(),
    }
}

/// What one autosave check did.
#[derive(Debug)]
pub enum Tick {
    Idle,
    Wrote(PathBuf),
    Removed,
    Failed(RecoveryError),
}

/// This run's recovery file, and when the unsaved changes in it are due to be written.
pub struct Autosave {
    store: RecoveryStore,
    me: LockOwner,
    name: String,
    written: bool,
    /// The document as last checked: revision, file and whether it had unsaved changes.
    seen: Option<(u64, Option<PathBuf>, bool)>,
    /// When the oldest change not yet in the recovery file was seen (egui seconds).
    pending_since: Option<f64>,
    was_focused: bool,
    /// Projects of at least this many partnerships are written on a thread.
    pub thread_from: usize,
    /// A write on a thread, not yet finished.
    in_flight: Option<Writing<Result<PathBuf, RecoveryError>>>,
}

impl Autosave {
    pub fn new(store: RecoveryStore) -> Self {
        let me = LockOwner::current();
        let nanos = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        Autosave {
            store,
            name: format!("{PREFIX}{}-{nanos}.ron", me.pid),
            me,
            written: false,
            seen: None,
            pending_since: None,
            was_focused: true,
            thread_from: writing::THREAD_FROM_PARTNERSHIPS,
            in_flight: None,
        }
    }

    pub fn store(&self) -> &RecoveryStore {
        &self.store
    }

    /// This run's recovery file (it exists only while there are unsaved changes).
    pub fn file(&self) -> PathBuf {
        self.store.dir.join(&self.name)
    }

    /// Looks at the document at egui time `now` (seconds) with the window's focus, and
    /// writes or removes the recovery file when it is time to.
    pub fn tick(&mut self, now: f64, focused: Option<bool>, doc: &Document) -> Tick {
        let finished = self
            .in_flight
            .as_ref()
            .and_then(|writing| match writing.poll() {
                Poll::Waiting => None,
                Poll::Done(result) => Some(result),
                Poll::Lost => Some(Err(RecoveryError::Encode(
                    "the write stopped before it finished".into(),
                ))),
            });
        if let Some(result) = &finished {
            self.in_flight = None;
            self.written |= result.is_ok();
        }
        let seen = (doc.revision(), doc.path.clone(), doc.is_dirty());
        if self.seen.as_ref() != Some(&seen) {
            self.seen = Some(seen);
            if doc.is_dirty() {
                self.pending_since.get_or_insert(now);
            } else {
                self.pending_since = None;
                if self.written {
                    return match self.clear() {
                        Ok(()) => Tick::Removed,
                        Err(e) => Tick::Failed(e),
                    };
                }
            }
        }
        let focused = focused.unwrap_or(true);
        let lost_focus = self.was_focused && !focused;
        self.was_focused = focused;
        // A write on a thread finished: report it (changes since wait for the next tick).
        match finished {
            Some(Ok(path)) => return Tick::Wrote(path),
            Some(Err(e)) => {
                // Try again after another interval, not every frame.
                self.pending_since = Some(now);
                return Tick::Failed(e);
            }
            None => {}
        }
        match self.pending_since {
            // One write at a time: a change made while one is written waits for it.
            Some(_) if self.in_flight.is_some() => Tick::Idle,
            Some(since) if lost_focus || now - since >= AUTOSAVE_SECONDS => {
                if writing::on_thread(doc, self.thread_from) {
                    match self.start_writing(doc) {
                        Ok(()) => return Tick::Idle,
                        Err(e) => eprintln!("note: autosaving on the window's thread ({e})"),
                    }
                }
                match self.write_now(doc) {
                    Ok(path) => Tick::Wrote(path),
                    Err(e) => {
                        // Try again after another interval, not every frame.
                        self.pending_since = Some(now);
                        Tick::Failed(e)
                    }
                }
            }
            _ => Tick::Idle,
        }
    }

    /// Starts writing the document as last committed on a thread; [`Self::tick`] reports
    /// when it is written.
    fn start_writing(&mut self, doc: &Document) -> std::io::Result<()> {
        let meta = self.meta(doc);
        let (store, name, what) = (self.store.clone(), self.name.clone(), doc.committed());
        let writing = Writing::start("autosave", None, move || {
            store.write_committed(&name, &meta, &what)
        })?;
        self.in_flight = Some(writing);
        self.pending_since = None;
        Ok(())
    }

    /// Whether a write is running on a thread (the app looks again soon).
    pub fn is_writing(&self) -> bool {
        self.in_flight.is_some()
    }

    /// Waits for a write on a thread to finish, so nothing else writes or removes the
    /// file meanwhile; notes it as written if it was.
    fn settle(&mut self) {
        if let Some(writing) = self.in_flight.take()
            && let Some(Ok(_)) = writing.wait()
        {
            self.written = true;
        }
    }

    fn meta(&self, doc: &Document) -> Meta {
        Meta {
            original: doc.path.clone(),
            saved_at: now_unix(),
            owner: self.me.clone(),
        }
    }

    /// Seconds until the pending changes are due to be written, if there are any.
    pub fn due_in(&self, now: f64) -> Option<f64> {
        self.pending_since
            .map(|since| (since + AUTOSAVE_SECONDS - now).max(0.0))
    }

    /// Writes the document to this run's recovery file now.
    pub fn write_now(&mut self, doc: &Document) -> Result<PathBuf, RecoveryError> {
        self.settle();
        let meta = self.meta(doc);
        let path = self.store.write(&self.name, &meta, &doc.project)?;
        self.written = true;
        self.pending_since = None;
        Ok(path)
    }

    /// Removes this run's recovery file (the changes were saved or discarded).
    pub fn clear(&mut self) -> Result<(), RecoveryError> {
        // A write still running would bring the file back after it is removed.
        self.settle();
        self.pending_since = None;
        let result = self.store.remove(&self.file());
        if result.is_ok() {
            self.written = false;
        }
        result
    }

    /// Whether a recovery file belongs to another copy of the app that is still running
    /// (its changes are that copy's to keep, not this one's to restore).
    pub fn belongs_to_running_copy(&self, meta: &Meta) -> bool {
        matches!(
            lock::holder(Some(&meta.owner.to_text()), &self.me, lock::process_alive),
            Holder::Other(_) | Holder::Us
        )
    }
}

/// The app's recovery state: its autosave (none in tests that do not ask for one) and the
/// recovery files found at start that have not been restored or discarded yet.
#[derive(Default)]
pub struct Recovery {
    pub autosave: Option<Autosave>,
    /// Offered newest first.
    pub offers: Vec<Recovered>,
    /// Recovery files that could not be read, set aside as NAME.corrupt.
    pub problems: Vec<String>,
}

impl Recovery {
    pub fn new(store: Option<RecoveryStore>) -> Self {
        Recovery {
            autosave: store.map(Autosave::new),
            ..Recovery::default()
        }
    }
}

/// The lock on the open file and its size and time when it was last read or written.
#[derive(Debug, Default)]
pub struct FileGuard {
    pub(super) lock: Option<ProjectLock>,
    pub(super) stamp: Option<FileStamp>,
}

impl FileGuard {
    /// The file's stamp as last read or written by this app.
    pub fn stamp(&self) -> Option<FileStamp> {
        self.stamp
    }
}

/// A save failure in words a finance officer can act on, with the error and path last.
pub fn save_failure_text(error: &SaveError) -> String {
    let advice = match error {
        SaveError::Write { error, .. } => match error.kind() {
            io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => {
                "The disk is full (or your storage quota is used up)."
            }
            io::ErrorKind::ReadOnlyFilesystem => "The folder is on a read-only disk or share.",
            io::ErrorKind::PermissionDenied => {
                "You do not have permission to write in that folder, or the file is locked by another program."
            }
            io::ErrorKind::NotFound | io::ErrorKind::NotADirectory => {
                "The folder does not exist any more: it may have been moved, renamed or disconnected."
            }
            io::ErrorKind::FileTooLarge => "The file is larger than that disk allows.",
            _ => "",
        },
        SaveError::Encode(_) => "",
    };
    let mut text = String::new();
    if !advice.is_empty() {
        text.push_str(advice);
        text.push_str("\n\n");
    }
    text.push_str(&format!(
        "{error}\n\nNothing is lost: the project is still open here, and the file on disk is as it was \
         before. Try Save as… to choose another folder."
    ));
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(original: Option<&str>) -> Meta {
        Meta {
            original: original.map(PathBuf::from),
            saved_at: 1_795_000_000,
            owner: LockOwner {
                pid: 4_000_000,
                started: Some(12),
                host: "desk".into(),
            },
        }
    }

    #[test]
    fn the_folder_comes_from_the_override_then_windows_or_xdg_then_home() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                vars.iter()
                    .find(|(name, _)| *name == k)
                    .map(|(_, v)| OsString::from(*v))
            }
        };
        assert_eq!(
            default_dir(env(&[(DIR_ENV, "/t/r"), ("HOME", "/h")]), false),
            Some(PathBuf::from("/t/r"))
        );
        assert_eq!(
            default_dir(env(&[("XDG_DATA_HOME", "/d"), ("HOME", "/h")]), false),
            Some(PathBuf::from("/d/partnership-appraisal/recovery"))
        );
        // A relative XDG_DATA_HOME is ignored, as the XDG specification says.
        assert_eq!(
            default_dir(env(&[("XDG_DATA_HOME", "d"), ("HOME", "/h")]), false),
            Some(PathBuf::from(
                "/h/.local/share/partnership-appraisal/recovery"
            ))
        );
        assert_eq!(default_dir(env(&[]), false), None);
        // Without a home, Windows' folder.
        let windows_folder = PathBuf::from("L")
            .join("Partnership Appraisal")
            .join("recovery");
        assert_eq!(
            default_dir(env(&[("LOCALAPPDATA", "L")]), false),
            Some(windows_folder.clone())
        );
        // On Windows its own folder comes first, even with a HOME set by Git Bash.
        assert_eq!(
            default_dir(env(&[("HOME", "/h"), ("LOCALAPPDATA", "L")]), true),
            Some(windows_folder)
        );
        assert_eq!(
            default_dir(env(&[(DIR_ENV, "/t/r"), ("LOCALAPPDATA", "L")]), true),
            Some(PathBuf::from("/t/r"))
        );
    }

    #[test]
    fn the_store_writes_lists_and_removes() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(dir.path().join("recovery"));
        assert!(store.list().unwrap().is_empty(), "no folder yet: nothing");
        let project = Project::new("Kept");
        let a = store
            .write("recovery-1-1.ron", &meta(Some("/p/borough.ron")), &project)
            .unwrap();
        store
            .write("recovery-2-2.ron", &meta(None), &Project::new("Other"))
            .unwrap();
        // A second write keeps a .bak, which is not listed.
        store
            .write("recovery-1-1.ron", &meta(Some("/p/borough.ron")), &project)
            .unwrap();
        let listed: Vec<Recovered> = store
            .list()
            .unwrap()
            .into_iter()
            .map(Result::unwrap)
            .collect();
        assert_eq!(listed.len(), 2);
        assert_eq!(listed[0].project, project);
        assert_eq!(listed[0].meta, meta(Some("/p/borough.ron")));
        assert_eq!(listed[0].describe(), "borough.ron");
        assert_eq!(listed[1].meta.original, None);
        assert_eq!(listed[1].describe(), "an untitled project ('Other')");
        // The recovery file is a project file as it stands.
        assert_eq!(file::load(&a).unwrap(), project);
        store.remove(&a).unwrap();
        assert!(!a.exists() && !file::backup_path(&a).exists());
        store.remove(&a).unwrap();
        assert_eq!(store.list().unwrap().len(), 1);
    }

    /// Waits (a few seconds at most) for `path` to be deleted by the thread that does it.
    fn gone_soon(path: &Path) -> bool {
        (0..500).any(|_| {
            std::thread::sleep(std::time::Duration::from_millis(10));
            !path.exists()
        })
    }

    #[test]
    fn a_removed_recovery_file_is_gone_at_once_and_its_bytes_soon_after() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(dir.path());
        let written = store
            .write("recovery-7-7.ron", &meta(None), &Project::new("Kept"))
            .unwrap();
        std::fs::write(file::backup_path(&written), "the backup").unwrap();
        store.remove(&written).unwrap();
        assert!(!written.exists());
        assert!(!file::backup_path(&written).exists());
        assert!(store.list().unwrap().is_empty());
        assert!(gone_soon(&discarded_path(&written)));
        assert!(gone_soon(&discarded_path(&file::backup_path(&written))));
        // Removing it again is not an error.
        store.remove(&written).unwrap();
    }

    #[test]
    fn a_file_set_aside_by_an_app_that_stopped_is_never_offered_and_is_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(dir.path());
        let written = store
            .write("recovery-8-8.ron", &meta(None), &Project::new("Left"))
            .unwrap();
        let left = discarded_path(&written);
        std::fs::rename(&written, &left).unwrap();
        let other = dir.path().join("notes.discarded");
        std::fs::write(&other, "not ours").unwrap();
        assert!(store.list().unwrap().is_empty());
        assert!(gone_soon(&left));
        assert!(other.exists(), "only recovery files are deleted");
    }

    #[test]
    fn damaged_recovery_files_are_reported_not_panicked_on() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(dir.path());
        let good = store
            .write("recovery-1-1.ron", &meta(None), &Project::new("Fine"))
            .unwrap();
        let text = std::fs::read_to_string(&good).unwrap();
        std::fs::write(dir.path().join("recovery-2-2.ron"), &text[..text.len() / 2]).unwrap();
        std::fs::write(dir.path().join("recovery-3-3.ron"), "not a recovery file").unwrap();
        std::fs::write(dir.path().join("recovery-4-4.ron"), [0xff, 0xfe, 0x00]).unwrap();
        let no_time = text.replace("// saved-at: ", "// saved: ");
        std::fs::write(dir.path().join("recovery-5-5.ron"), no_time).unwrap();
        std::fs::write(dir.path().join("notes.txt"), "ignored").unwrap();
        let listed = store.list().unwrap();
        assert_eq!(listed.len(), 5);
        assert!(listed[0].is_ok());
        assert!(matches!(listed[1], Err(RecoveryError::Format { .. })));
        assert!(matches!(listed[2], Err(RecoveryError::NoHeader { .. })));
        assert!(matches!(
            listed[3],
            Err(RecoveryError::Format {
                source: FormatError::NotText,
                ..
            })
        ));
        assert!(matches!(listed[4], Err(RecoveryError::NoHeader { .. })));
        let bad = listed[1].as_ref().unwrap_err().path().unwrap().to_owned();
        let aside = store.set_aside(&bad).unwrap();
        assert!(aside.exists() && !bad.exists());
        assert_eq!(store.list().unwrap().len(), 4);
    }

    #[test]
    fn times_are_shown_as_dates_in_the_zone_given() {
        let utc = chrono::Utc;
        assert_eq!(describe_time_in(0, &utc), "1 Jan 1970 at 00:00");
        assert_eq!(
            describe_time_in(1_795_345_380, &utc),
            "22 Nov 2026 at 11:03"
        );
        assert_eq!(describe_time_in(951_782_400, &utc), "29 Feb 2000 at 00:00");
        // British Summer Time is an hour ahead: 11:03 UTC on a July day is 12:03.
        let bst = chrono::FixedOffset::east_opt(3600).unwrap();
        assert_eq!(
            describe_time_in(1_783_940_580, &utc),
            "13 Jul 2026 at 11:03"
        );
        assert_eq!(
            describe_time_in(1_783_940_580, &bst),
            "13 Jul 2026 at 12:03"
        );
        // Beyond what a date can hold, no panic.
        assert_eq!(describe_time_in(u64::MAX, &utc), "an unknown time");
    }

    #[test]
    fn autosave_waits_thirty_seconds_or_for_focus_to_go_then_removes_when_saved() {
        let dir = tempfile::tempdir().unwrap();
        let mut autosave = Autosave::new(RecoveryStore::new(dir.path()));
        let mut doc = Document::untitled(Project::new("A"));
        assert!(matches!(autosave.tick(0.0, Some(true), &doc), Tick::Idle));
        doc.apply(|p| p.name = "B".into());
        assert!(matches!(autosave.tick(1.0, Some(true), &doc), Tick::Idle));
        assert!(matches!(autosave.tick(30.9, Some(true), &doc), Tick::Idle));
        assert_eq!(autosave.due_in(30.9).map(|d| (d * 10.0).round()), Some(1.0));
        assert!(matches!(
            autosave.tick(31.0, Some(true), &doc),
            Tick::Wrote(_)
        ));
        assert_eq!(read(&autosave.file()).unwrap().project.name, "B");
        assert_eq!(autosave.due_in(31.0), None, "nothing pending once written");
        // A new change is written as soon as the window loses focus.
        doc.apply(|p| p.name = "C".into());
        assert!(matches!(autosave.tick(32.0, Some(true), &doc), Tick::Idle));
        assert!(matches!(
            autosave.tick(33.0, Some(false), &doc),
            Tick::Wrote(_)
        ));
        assert_eq!(read(&autosave.file()).unwrap().project.name, "C");
        // Staying unfocused writes nothing more.
        assert!(matches!(autosave.tick(34.0, Some(false), &doc), Tick::Idle));
        // Saved: the recovery file goes.
        doc.mark_saved(&dir.path().join("a.ron"));
        assert!(matches!(
            autosave.tick(35.0, Some(true), &doc),
            Tick::Removed
        ));
        assert!(!autosave.file().exists());
        assert!(matches!(autosave.tick(99.0, Some(false), &doc), Tick::Idle));
    }

    #[test]
    fn a_failing_autosave_is_reported_and_tried_again_later() {
        let dir = tempfile::tempdir().unwrap();
        // The "folder" is a file, so nothing can be written in it.
        let blocker = dir.path().join("blocker");
        std::fs::write(&blocker, "").unwrap();
        let mut autosave = Autosave::new(RecoveryStore::new(&blocker));
        let mut doc = Document::untitled(Project::new("A"));
        doc.apply(|p| p.name = "B".into());
        autosave.tick(0.0, Some(true), &doc);
        assert!(matches!(
            autosave.tick(30.0, Some(true), &doc),
            Tick::Failed(RecoveryError::Write { .. })
        ));
        assert!(matches!(autosave.tick(31.0, Some(true), &doc), Tick::Idle));
        assert!(matches!(
            autosave.tick(60.0, Some(true), &doc),
            Tick::Failed(_)
        ));
    }

    #[test]
    fn save_failures_say_what_to_do() {
        let failure = |kind| SaveError::Write {
            path: PathBuf::from("/x/p.ron"),
            error: io::Error::from(kind),
        };
        let full = save_failure_text(&failure(io::ErrorKind::StorageFull));
        assert!(full.starts_with("The disk is full"), "{full}");
        assert!(full.contains("Save as…") && full.contains("/x/p.ron"));
        let denied = save_failure_text(&failure(io::ErrorKind::PermissionDenied));
        assert!(denied.starts_with("You do not have permission"), "{denied}");
        let ro = save_failure_text(&failure(io::ErrorKind::ReadOnlyFilesystem));
        assert!(ro.starts_with("The folder is on a read-only"), "{ro}");
    }
}
