//! Who else has a project file open, and whether the file changed on disk since it was read.
//!
//! **Lock files.** While the app has `NAME.ron` open it keeps a small text file
//! `.NAME.ron.lock` beside it, naming the process and the computer. Another copy of the
//! app that opens the same file reads it and warns. The lock is advice, not enforcement:
//! nothing stops a second copy, a text editor or a sync tool from writing the file, which is
//! why saving also compares the file with what was read ([`FileStamp`]). A lock whose process
//! is no longer running (the app was killed or the computer stopped) is stale and ignored.
//!
//! The decisions are pure functions ([`holder`], [`disk_state`]) over what was read, so they
//! are tested without processes or clocks; the functions that touch the disk are thin.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;
use thiserror::Error;

/// Who a lock file names: one process on one computer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LockOwner {
    pub pid: u32,
    /// When the process started, in the operating system's own units (Linux: clock ticks
    /// since boot; Windows: the creation time in 100-nanosecond steps since 1601), so a
    /// process id reused after a crash is not taken for the app.
    pub started: Option<u64>,
    pub host: String,
}

impl LockOwner {
    /// This process on this computer.
    pub fn current() -> Self {
        let pid = std::process::id();
        LockOwner {
            pid,
            started: process_start_time(pid),
            host: host_name(),
        }
    }

    /// The lock file's text: one `key=value` a line.
    pub fn to_text(&self) -> String {
        let mut text = format!(
            "# Partnership Appraisal has this project open.\napp=partnership-appraisal\npid={}\n",
            self.pid
        );
        if let Some(started) = self.started {
            text.push_str(&format!("started={started}\n"));
        }
        text.push_str(&format!("host={}\n", self.host.replace('\n', " ")));
        text
    }

    /// Reads a lock file's text; `None` when it does not name a process.
    pub fn parse(text: &str) -> Option<Self> {
        let mut pid = None;
        let mut started = None;
        let mut host = String::new();
        for line in text.lines() {
            match line.split_once('=') {
                Some(("pid", v)) => pid = v.trim().parse().ok(),
                Some(("started", v)) => started = v.trim().parse().ok(),
                Some(("host", v)) => host = v.trim().to_owned(),
                _ => {}
            }
        }
        Some(LockOwner {
            pid: pid?,
            started,
            host,
        })
    }

    /// "process 1234 on laptop-7", for messages.
    pub fn describe(&self) -> String {
        if self.host.is_empty() {
            format!("process {}", self.pid)
        } else {
            format!("process {} on {}", self.pid, self.host)
        }
    }
}

/// What a lock file beside a project says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Holder {
    /// No lock file.
    Nobody,
    /// This process holds it.
    Us,
    /// Another running copy of the app (or one on another computer, which cannot be checked).
    Other(LockOwner),
    /// A lock left by a process that is no longer running: ignored and replaced.
    Stale(LockOwner),
    /// A lock file that names no process (damaged, or written by something else): ignored.
    Unreadable,
}

/// Decides who holds a lock from the lock file's text (`None`: there is none), this
/// process, and a way to ask whether a process is running (`None`: cannot tell).
pub fn holder(
    text: Option<&str>,
    me: &LockOwner,
    running: impl Fn(u32, Option<u64>) -> Option<bool>,
) -> Holder {
    let Some(text) = text else {
        return Holder::Nobody;
    };
    let Some(owner) = LockOwner::parse(text) else {
        return Holder::Unreadable;
    };
    if owner.host != me.host {
        // A process on another computer (a shared drive) cannot be checked: assume it is there.
        return Holder::Other(owner);
    }
    if owner.pid == me.pid && (owner.started.is_none() || owner.started == me.started) {
        return Holder::Us;
    }
    match running(owner.pid, owner.started) {
        Some(false) => Holder::Stale(owner),
        // Running, or cannot tell: warn rather than risk two copies saving over each other.
        Some(true) | None => Holder::Other(owner),
    }
}

/// `.NAME.lock` beside `project`.
pub fn lock_path(project: &Path) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(project.file_name().unwrap_or_default());
    name.push(".lock");
    project.with_file_name(name)
}

/// Reads the lock beside `project` and says who holds it.
pub fn check(project: &Path) -> Holder {
    let text = match fs::read(lock_path(project)) {
        Ok(bytes) if bytes.len() <= 4096 => Some(String::from_utf8_lossy(&bytes).into_owned()),
        Ok(_) => return Holder::Unreadable,
        Err(_) => None,
    };
    holder(text.as_deref(), &LockOwner::current(), process_alive)
}

#[derive(Debug, Error)]
#[error("cannot create the lock file that tells other copies of the app this project is open: {source}: {}", path.display())]
pub struct LockError {
    pub path: PathBuf,
    pub source: io::Error,
}

/// A lock this process holds; dropping it removes the lock file (if it still names us).
#[derive(Debug)]
pub struct ProjectLock {
    path: PathBuf,
    me: LockOwner,
}

impl ProjectLock {
    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for ProjectLock {
    fn drop(&mut self) {
        let ours = fs::read_to_string(&self.path)
            .ok()
            .and_then(|t| LockOwner::parse(&t))
            .is_some_and(|owner| owner == self.me);
        if ours {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Takes the lock beside `project` unless another running copy of the app holds it.
/// Returns the lock (if taken) and who held it before.
pub fn acquire(project: &Path) -> (Result<Option<ProjectLock>, LockError>, Holder) {
    let before = check(project);
    let result = match &before {
        Holder::Other(_) => Ok(None),
        Holder::Nobody | Holder::Us | Holder::Stale(_) | Holder::Unreadable => {
            let me = LockOwner::current();
            let path = lock_path(project);
            match fs::write(&path, me.to_text()) {
                Ok(()) => Ok(Some(ProjectLock { path, me })),
                Err(source) => Err(LockError { path, source }),
            }
        }
    };
    (result, before)
}

/// Whether process `pid` (which started at `started`, if known) is still running:
/// `None` when this system cannot tell.
///
/// A process id can be reused: after a crash another program may get the id the app had.
/// On Linux and Windows the start time recorded in the lock tells the two apart. Elsewhere
/// only the id can be checked, so a reused id reads as running and the lock warns: the
/// safe side, as "if you are sure no one has the file open, delete the lock file" then
/// applies.
///
/// - Linux: `/proc/PID/stat` (is there a process, and did it start when the lock says);
///   without `/proc` (some locked-down systems), as other Unix systems.
/// - Other Unix (macOS, the BSDs): `kill(pid, 0)`, which sends nothing and only checks.
/// - Windows: `OpenProcess` and `GetExitCodeProcess`, then `GetProcessTimes` for the
///   start time.
/// - Anything else: `None`, so the lock warns.
pub fn process_alive(pid: u32, started: Option<u64>) -> Option<bool> {
    if pid == 0 {
        return Some(false);
    }
    if cfg!(target_os = "linux") && proc_available() {
        return match (process_start_time(pid), started) {
            (None, _) => Some(false),
            (Some(now), Some(then)) => Some(now == then),
            (Some(_), None) => Some(true),
        };
    }
    match os::process_exists(pid) {
        // A process has the id: the one that wrote the lock only if it started then too.
        Some(true) => Some(match (process_start_time(pid), started) {
            (Some(now), Some(then)) => now == then,
            _ => true,
        }),
        other => other,
    }
}

/// Whether `/proc` answers for this process (it is mounted and readable).
fn proc_available() -> bool {
    process_start_time(std::process::id()).is_some()
}

#[cfg(unix)]
mod os {
    unsafe extern "C" {
        /// POSIX `kill`; `pid_t` is a 32-bit signed integer on every Unix Rust supports.
        fn kill(pid: i32, signal: i32) -> i32;
    }

    /// `kill(pid, 0)`: 0 if the process exists and could be signalled, else `ESRCH` (no
    /// such process) or `EPERM` (it exists but belongs to another user).
    pub fn process_exists(pid: u32) -> Option<bool> {
        // A pid that does not fit, or 0 and negative ones (process groups), is no process.
        let pid = i32::try_from(pid).ok().filter(|p| *p > 0)?;
        // SAFETY: signal 0 sends nothing; `kill` only reads its two integer arguments.
        if unsafe { kill(pid, 0) } == 0 {
            return Some(true);
        }
        const EPERM: i32 = 1;
        const ESRCH: i32 = 3;
        match std::io::Error::last_os_error().raw_os_error() {
            Some(ESRCH) => Some(false),
            Some(EPERM) => Some(true),
            _ => None,
        }
    }
}

#[cfg(windows)]
mod os {
    use std::ffi::c_void;

    const PROCESS_QUERY_LIMITED_INFORMATION: u32 = 0x1000;
    const STILL_ACTIVE: u32 = 259;
    const ERROR_ACCESS_DENIED: i32 = 5;
    const ERROR_INVALID_PARAMETER: i32 = 87;

    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn OpenProcess(access: u32, inherit: i32, pid: u32) -> *mut c_void;
        fn GetExitCodeProcess(process: *mut c_void, code: *mut u32) -> i32;
        fn CloseHandle(handle: *mut c_void) -> i32;
        fn GetProcessTimes(
            process: *mut c_void,
            creation: *mut u64,
            exit: *mut u64,
            kernel: *mut u64,
            user: *mut u64,
        ) -> i32;
    }

    /// When the process started: its creation time (a `FILETIME`, 100-nanosecond steps
    /// since 1601), or `None` when it cannot be opened.
    pub fn start_time(pid: u32) -> Option<u64> {
        // SAFETY: plain Win32 calls on a handle this function opens and closes itself;
        // each FILETIME is two 32-bit halves, low first, laid out as a little-endian u64.
        unsafe {
            let handle = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid);
            if handle.is_null() {
                return None;
            }
            let (mut creation, mut exit, mut kernel, mut user) = (0u64, 0u64, 0u64, 0u64);
            let asked = GetProcessTimes(handle, &mut creation, &mut exit, &mut kernel, &mut user);
            CloseHandle(handle);
            (asked != 0 && creation != 0).then_some(creation)
        }
    }

    /// Opens the process to ask for its exit code: `STILL_ACTIVE` while it runs. No such
    /// process gives `ERROR_INVALID_PARAMETER`; one of another user may be refused.
    pub fn process_exists(pid: u32) -> Option<bool> {
        // SAFETY: plain Win32 calls on a handle this function opens and closes itself.
        unsafe {
            let handle = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid);
            if handle.is_null() {
                return match std::io::Error::last_os_error().raw_os_error() {
                    Some(ERROR_INVALID_PARAMETER) => Some(false),
                    Some(ERROR_ACCESS_DENIED) => Some(true),
                    _ => None,
                };
            }
            let mut code = 0u32;
            let asked = GetExitCodeProcess(handle, &mut code);
            CloseHandle(handle);
            (asked != 0).then_some(code == STILL_ACTIVE)
        }
    }
}

#[cfg(not(any(unix, windows)))]
mod os {
    /// No way to ask here: the lock warns.
    pub fn process_exists(_pid: u32) -> Option<bool> {
        None
    }
}

/// When process `pid` started (Linux: field 22 of /proc/PID/stat, clock ticks since boot;
/// Windows: its creation time; `None` elsewhere).
pub fn process_start_time(pid: u32) -> Option<u64> {
    #[cfg(windows)]
    {
        os::start_time(pid)
    }
    #[cfg(not(windows))]
    {
        if !cfg!(target_os = "linux") {
            return None;
        }
        let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        // The command name (field 2) is in brackets and may hold spaces: count after the last ')'.
        let after_name = &stat[stat.rfind(')')? + 1..];
        after_name.split_whitespace().nth(19)?.parse().ok()
    }
}

/// This computer's name, as well as it can be found without a system call.
pub fn host_name() -> String {
    let from_file = |path: &str| {
        fs::read_to_string(path)
            .ok()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    from_file("/proc/sys/kernel/hostname")
        .or_else(|| from_file("/etc/hostname"))
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_default()
}

/// The size and modification time of a file, recorded when it was read or written, to
/// tell whether another program has changed it since.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileStamp {
    pub len: u64,
    pub modified: Option<SystemTime>,
}

impl FileStamp {
    /// The file's stamp now; `Ok(None)` when there is no file.
    pub fn read(path: &Path) -> io::Result<Option<FileStamp>> {
        match fs::metadata(path) {
            Ok(m) => Ok(Some(FileStamp {
                len: m.len(),
                modified: m.modified().ok(),
            })),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// The file on disk compared with what the app read or wrote last.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiskState {
    /// As the app left it.
    Unchanged,
    /// Another program wrote it since: saving would replace its changes.
    Changed,
    /// It is gone (deleted or moved away): saving creates it again.
    Deleted,
}

/// Compares the stamp recorded at open or save with the file's stamp now.
pub fn disk_state(recorded: &FileStamp, now: Option<&FileStamp>) -> DiskState {
    match now {
        None => DiskState::Deleted,
        Some(now) if now == recorded => DiskState::Unchanged,
        Some(_) => DiskState::Changed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn me() -> LockOwner {
        LockOwner {
            pid: 100,
            started: Some(5),
            host: "desk".into(),
        }
    }

    #[test]
    fn the_lock_file_sits_beside_the_project_as_a_hidden_file() {
        assert_eq!(
            lock_path(Path::new("/a/borough.ron")),
            PathBuf::from("/a/.borough.ron.lock")
        );
        assert_eq!(
            lock_path(Path::new("borough.ron")),
            PathBuf::from(".borough.ron.lock")
        );
    }

    #[test]
    fn lock_text_round_trips_and_rubbish_names_no_one() {
        let owner = me();
        assert_eq!(LockOwner::parse(&owner.to_text()), Some(owner));
        assert_eq!(LockOwner::parse("hello"), None);
        assert_eq!(LockOwner::parse("pid=twelve\n"), None);
        let no_start = LockOwner::parse("pid=7\nhost=x\n").unwrap();
        assert_eq!(no_start.started, None);
    }

    #[test]
    fn a_lock_is_ours_another_copys_or_stale() {
        let mine = me();
        let other = |pid, started| {
            LockOwner {
                pid,
                started,
                host: "desk".into(),
            }
            .to_text()
        };
        let alive = |_: u32, _: Option<u64>| Some(true);
        let dead = |_: u32, _: Option<u64>| Some(false);
        let unknown = |_: u32, _: Option<u64>| None;
        assert_eq!(holder(None, &mine, alive), Holder::Nobody);
        assert_eq!(holder(Some(&mine.to_text()), &mine, dead), Holder::Us);
        assert!(matches!(
            holder(Some(&other(200, Some(1))), &mine, alive),
            Holder::Other(o) if o.pid == 200
        ));
        assert!(matches!(
            holder(Some(&other(200, Some(1))), &mine, dead),
            Holder::Stale(_)
        ));
        // Cannot tell: warn.
        assert!(matches!(
            holder(Some(&other(200, None)), &mine, unknown),
            Holder::Other(_)
        ));
        // Our process id, but an earlier process that had it (reused after a crash): stale.
        assert!(matches!(
            holder(Some(&other(100, Some(4))), &mine, dead),
            Holder::Stale(_)
        ));
        // Another computer cannot be checked, so it is taken as holding the file.
        let elsewhere = LockOwner {
            pid: 100,
            started: Some(5),
            host: "laptop".into(),
        };
        assert!(matches!(
            holder(Some(&elsewhere.to_text()), &mine, dead),
            Holder::Other(_)
        ));
        assert_eq!(holder(Some("garbage"), &mine, alive), Holder::Unreadable);
    }

    #[test]
    fn a_changed_or_deleted_file_is_told_apart_from_an_unchanged_one() {
        let t = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let recorded = FileStamp {
            len: 10,
            modified: Some(t),
        };
        assert_eq!(disk_state(&recorded, Some(&recorded)), DiskState::Unchanged);
        let longer = FileStamp {
            len: 11,
            ..recorded
        };
        assert_eq!(disk_state(&recorded, Some(&longer)), DiskState::Changed);
        let later = FileStamp {
            modified: Some(t + Duration::from_nanos(1)),
            ..recorded
        };
        assert_eq!(disk_state(&recorded, Some(&later)), DiskState::Changed);
        assert_eq!(disk_state(&recorded, None), DiskState::Deleted);
    }

    #[test]
    fn this_process_is_running_and_a_made_up_start_time_is_not() {
        let me = LockOwner::current();
        if cfg!(any(target_os = "linux", windows)) {
            assert!(me.started.is_some());
            assert_eq!(process_alive(me.pid, me.started), Some(true));
            assert_eq!(
                process_alive(me.pid, me.started.map(|s| s + 1)),
                Some(false)
            );
            assert_eq!(process_alive(0, None), Some(false));
        }
    }

    #[cfg(unix)]
    #[test]
    fn the_unix_fallback_finds_this_process_and_not_an_ended_one() {
        assert_eq!(os::process_exists(std::process::id()), Some(true));
        // A child that has exited and been waited for: its id names no process any more
        // (until the system gives it to another, which it does not do at once).
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        assert_eq!(os::process_exists(pid), Some(false));
        assert_eq!(os::process_exists(0), None);
        assert_eq!(os::process_exists(u32::MAX), None);
    }

    #[test]
    fn acquiring_writes_a_lock_and_dropping_it_removes_it() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("p.ron");
        let (lock, before) = acquire(&project);
        let lock = lock.unwrap().unwrap();
        assert_eq!(before, Holder::Nobody);
        assert!(lock.path().exists());
        assert_eq!(check(&project), Holder::Us);
        drop(lock);
        assert!(!lock_path(&project).exists());
    }

    #[test]
    fn a_stale_lock_is_replaced_and_a_live_one_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("p.ron");
        let me = LockOwner::current();
        let stale = LockOwner {
            started: me.started.map(|s| s + 1).or(Some(1)),
            ..me.clone()
        };
        fs::write(lock_path(&project), stale.to_text()).unwrap();
        let (lock, before) = acquire(&project);
        if cfg!(any(target_os = "linux", windows)) {
            assert!(matches!(before, Holder::Stale(_)), "{before:?}");
        }
        let lock = lock.unwrap();
        assert!(lock.is_some());
        drop(lock);

        let elsewhere = LockOwner {
            host: format!("{}-elsewhere", me.host),
            ..me
        };
        fs::write(lock_path(&project), elsewhere.to_text()).unwrap();
        let (lock, before) = acquire(&project);
        assert!(matches!(before, Holder::Other(_)));
        assert!(lock.unwrap().is_none());
        assert_eq!(
            fs::read_to_string(lock_path(&project)).unwrap(),
            elsewhere.to_text(),
            "another copy's lock is not touched"
        );
    }
}
