//! Writing a file so that a crash leaves the complete old or the complete new version.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// `NAME.bak` beside `path`: the previous version of a saved file.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

fn temp_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(format!(".{}.tmp", std::process::id()));
    path.with_file_name(name)
}

/// Writes `bytes` to a temporary file beside `path`, flushes and syncs it, keeps the
/// current `path` as `NAME.bak`, then renames the temporary file over `path`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |file| file.write_all(bytes))
}

/// [`write_atomic`] of what `write` writes, as it writes it: a large project is never
/// held whole as text. If `write` fails, the temporary file is removed and `path` is as
/// it was.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    if path.file_name().is_none() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the path names no file",
        ));
    }
    let temp = temp_path(path);
    let result = write_then_rename(path, &temp, write);
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

fn write_then_rename(
    path: &Path,
    temp: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let _ = fs::remove_file(temp);
    let mut file = OpenOptions::new().write(true).create_new(true).open(temp)?;
    {
        let mut buffered = io::BufWriter::with_capacity(1 << 16, &mut file);
        write(&mut buffered)?;
        buffered.flush()?;
    }
    file.flush()?;
    file.sync_all()?;
    drop(file);
    if fs::symlink_metadata(path).is_ok_and(|m| m.is_file()) {
        keep_backup(path)?;
    }
    rename_over(temp, path)?;
    sync_folder(path);
    Ok(())
}

/// Makes `NAME.bak` the current content of `path`: a hard link where the file system
/// allows one (instant, and the old file's data stays whole), otherwise a copy.
///
/// The new backup is made under a temporary name and renamed over the old one, so a crash
/// at any moment leaves a complete `NAME.bak` (the old one or the new one), never none and
/// never half a copy. (Removing the old backup first left a moment with no backup at all:
/// found by tests/crash.rs.)
fn keep_backup(path: &Path) -> io::Result<()> {
    let backup = backup_path(path);
    let staged = temp_path(&backup);
    let _ = fs::remove_file(&staged);
    let result = stage_backup(path, &staged).and_then(|()| rename_over(&staged, &backup));
    if result.is_err() {
        let _ = fs::remove_file(&staged);
    }
    result
}

fn stage_backup(path: &Path, staged: &Path) -> io::Result<()> {
    if fs::hard_link(path, staged).is_err() {
        fs::copy(path, staged)?;
        File::open(staged)?.sync_all()?;
    }
    Ok(())
}

/// Renames `from` over `to` (an existing `to` is replaced, on Windows too). On Windows a
/// virus scanner, the search indexer or a sync client (OneDrive) can hold `to` open for a
/// moment, and the rename is refused with "access denied" or a sharing violation: it is
/// tried again for up to about half a second before the error is shown.
fn rename_over(from: &Path, to: &Path) -> io::Result<()> {
    const SHARING_VIOLATION: i32 = 32;
    const LOCK_VIOLATION: i32 = 33;
    let mut tries = 0;
    loop {
        match fs::rename(from, to) {
            Err(e)
                if cfg!(windows)
                    && tries < 10
                    && (e.kind() == io::ErrorKind::PermissionDenied
                        || matches!(
                            e.raw_os_error(),
                            Some(SHARING_VIOLATION | LOCK_VIOLATION)
                        )) =>
            {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            result => return result,
        }
    }
}

/// Syncs the folder so the rename itself survives a power cut (where the OS allows it).
fn sync_folder(path: &Path) {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if let Ok(dir) = File::open(folder) {
        let _ = dir.sync_all();
    }
}
