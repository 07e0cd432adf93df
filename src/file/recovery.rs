//! The format of recovery files: an ordinary project file with a comment header naming the
//! project file the unsaved changes belong to, when they were written and by which run.
//! Pure text in and out; the folder, the autosave timing and the offer to restore them are
//! in `ui::recovery`.

use super::{FormatError, lock::LockOwner};
use crate::model::Project;
use std::path::PathBuf;
use thiserror::Error;

/// The first line of every recovery file starts with this.
pub const MAGIC: &str = "// Partnership Appraisal recovery file";
/// The header is a few comment lines; no more than this many are read.
const MAX_HEADER_LINES: usize = 16;

/// Where the recovery file came from: the project file it belongs to, when, and which run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meta {
    /// The project file the changes are to; `None` for a project never saved.
    pub original: Option<PathBuf>,
    /// When it was written, in seconds since 1970 (UTC).
    pub saved_at: u64,
    pub owner: LockOwner,
}

/// Why the bytes of a recovery file could not be read back.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ParseError {
    #[error("the recovery file has no recovery header (it may be damaged)")]
    NoHeader,
    #[error("the project in the recovery file cannot be read: {0}")]
    Format(FormatError),
}

/// The text of a recovery file: the header, then the project as `super::to_ron` writes it.
pub fn text(meta: &Meta, project_ron: &str) -> String {
    format!("{}{project_ron}", header(meta))
}

/// Reads the bytes of a recovery file: UTF-8, the header, then the project with the
/// project file's nesting and version checks (the caller checks the size first).
pub fn parse(bytes: &[u8]) -> Result<(Meta, Project), ParseError> {
    let text = std::str::from_utf8(bytes).map_err(|_| ParseError::Format(FormatError::NotText))?;
    let meta = parse_header(text).ok_or(ParseError::NoHeader)?;
    let project = super::parse(text).map_err(ParseError::Format)?;
    Ok((meta, project))
}

/// The comment lines at the head of a recovery file.
pub fn header(meta: &Meta) -> String {
    let original = match &meta.original {
        None => "untitled".to_owned(),
        Some(path) => match path.to_str() {
            Some(s) => serde_json::to_string(s).unwrap_or_else(|_| "untitled".to_owned()),
            None => format!("hex {}", path_hex(path)),
        },
    };
    let mut text = format!(
        "{MAGIC}: unsaved changes kept in case the app stopped.\n\
         // It is an ordinary project file: File > Open reads it as it is.\n\
         // original: {original}\n// saved-at: {}\n// pid: {}\n",
        meta.saved_at, meta.owner.pid
    );
    if let Some(started) = meta.owner.started {
        text.push_str(&format!("// started: {started}\n"));
    }
    text.push_str(&format!(
        "// host: {}\n",
        meta.owner.host.replace('\n', " ")
    ));
    text
}

/// Reads the header's fields; `None` when the text does not start as a recovery file does.
pub fn parse_header(text: &str) -> Option<Meta> {
    let mut lines = text.lines();
    if !lines.next()?.starts_with(MAGIC) {
        return None;
    }
    let mut original = None;
    let mut saved_at = None;
    let mut owner = LockOwner {
        pid: 0,
        started: None,
        host: String::new(),
    };
    for line in lines.take(MAX_HEADER_LINES) {
        let Some(rest) = line.strip_prefix("// ") else {
            break;
        };
        let Some((key, value)) = rest.split_once(": ") else {
            continue;
        };
        match key {
            "original" if value == "untitled" => original = Some(None),
            "original" => {
                original = if let Some(hex) = value.strip_prefix("hex ") {
                    Some(Some(path_from_hex(hex)?))
                } else {
                    Some(Some(PathBuf::from(
                        serde_json::from_str::<String>(value).ok()?,
                    )))
                }
            }
            "saved-at" => saved_at = value.parse().ok(),
            "pid" => owner.pid = value.parse().ok()?,
            "started" => owner.started = value.parse().ok(),
            "host" => owner.host = value.to_owned(),
            _ => {}
        }
    }
    Some(Meta {
        original: original?,
        saved_at: saved_at?,
        owner,
    })
}

/// A path that is not UTF-8, as hex of its bytes (Unix), so it comes back exactly.
fn path_hex(path: &std::path::Path) -> String {
    #[cfg(unix)]
    let bytes = {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes().to_vec()
    };
    #[cfg(not(unix))]
    let bytes = path.to_string_lossy().as_bytes().to_vec();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn path_from_hex(hex: &str) -> Option<PathBuf> {
    if !hex.len().is_multiple_of(2) {
        return None;
    }
    let bytes: Option<Vec<u8>> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect();
    let bytes = bytes?;
    #[cfg(unix)]
    {
        use std::ffi::OsString;
        use std::os::unix::ffi::OsStringExt;
        Some(PathBuf::from(OsString::from_vec(bytes)))
    }
    #[cfg(not(unix))]
    {
        String::from_utf8(bytes).ok().map(PathBuf::from)
    }
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
    fn a_path_that_is_not_utf8_comes_back_exactly() {
        #[cfg(unix)]
        {
            use std::ffi::OsString;
            use std::os::unix::ffi::OsStringExt;
            let odd = PathBuf::from(OsString::from_vec(b"/p/caf\xe9.ron".to_vec()));
            let m = Meta {
                original: Some(odd.clone()),
                ..meta(None)
            };
            assert_eq!(parse_header(&header(&m)).unwrap().original, Some(odd));
        }
        let quoted = meta(Some("/p/a \"b\"\n.ron"));
        assert_eq!(parse_header(&header(&quoted)), Some(quoted));
    }

    #[test]
    fn the_text_reads_back_as_its_header_and_project() {
        let project = Project::new("Kept");
        let body = super::super::to_ron(&project).unwrap();
        let written = text(&meta(Some("/p/borough.ron")), &body);
        assert_eq!(
            parse(written.as_bytes()),
            Ok((meta(Some("/p/borough.ron")), project))
        );
        assert_eq!(parse(body.as_bytes()), Err(ParseError::NoHeader));
        assert_eq!(
            parse(&[0xff, 0xfe]),
            Err(ParseError::Format(FormatError::NotText))
        );
        assert!(matches!(
            parse(&written.as_bytes()[..written.len() / 2]),
            Err(ParseError::Format(FormatError::Syntax { .. }))
        ));
    }
}
