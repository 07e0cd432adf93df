//! Reading a large project file on two threads: the partnerships list is cut in two at a
//! partnership's first line, each half is read on its own thread, and the rest of the file
//! (settings, partners, libraries) is read with the list left empty.
//!
//! Only a file laid out as the app writes it is read this way; anything else (a comment
//! between partnerships, RON extensions, a list where none is expected, any error at all)
//! gives `None`, and the caller reads the file whole on one thread. So an error is always
//! that parse's, with its line and column, and a file read in pieces is exactly the
//! project the whole parse gives: each half is a run of complete partnerships separated
//! by commas, the halves meet where one partnership ends and the next begins, and the rest
//! parses as the same record with an empty list.

use super::{ProjectFile, plain};
use crate::model::Partnership;
use serde::Deserialize;

/// Reads `text` in pieces, or `None` to have it read whole. `cuts`, if given, are where
/// the items of lists at the third level of brackets begin: the list is cut at one of
/// them; otherwise where a partnership begins as the app lays files out.
pub(super) fn parse(text: &str, cuts: Option<&[usize]>) -> Option<ProjectFile> {
    let list = find_list(text)?;
    let first = list + 1 + skip_space(&text[list + 1..]);
    let split = match cuts {
        Some(cuts) => {
            let middle = first + (text.len() - first) / 2;
            let at = cuts.partition_point(|&c| c < middle);
            *cuts.get(at).filter(|&&c| c > first)?
        }
        None => {
            // An empty list, or one not starting with a partnership laid out as written.
            let indent = item_indent(text, first)?;
            split_point(text, first, &indent)?
        }
    };
    let (head, tail) = std::thread::scope(|scope| {
        let head = scope.spawn(|| items(text, first, Some(split)));
        let tail = items(text, split, None);
        (head.join().ok().flatten(), tail)
    });
    let (mut partnerships, _) = head?;
    let (tail, end) = tail?;
    // The rest of the file, with the list left empty.
    let mut rest = String::with_capacity(list + 2 + text.len() - end);
    rest.push_str(&text[..list]);
    rest.push_str("[]");
    rest.push_str(&text[end + 1..]);
    let mut file: ProjectFile = ron::Options::default().from_str(&rest).ok()?;
    if !file.project.partnerships.is_empty() {
        return None;
    }
    partnerships.extend(tail);
    file.project.partnerships = partnerships;
    Some(file)
}

/// The position of the `[` opening the project's `partnerships` list: the field at the
/// second level of brackets. `None` for a file with RON extensions, or without the list.
pub(crate) fn find_list(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            // Extensions (`#![enable(…)]`) change how every value reads.
            b'#' => return None,
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            // Raw strings, comments and characters: not worth reading in pieces.
            b'/' | b'\'' => return None,
            b'r' if matches!(bytes.get(i + 1), Some(b'"' | b'#')) => return None,
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.checked_sub(1)?,
            b'p' if depth == 2
                && text[i..].starts_with("partnerships")
                && (i == 0 || !is_name(bytes[i - 1])) =>
            {
                let after = &text[i + "partnerships".len()..];
                if after.bytes().next().is_some_and(is_name) {
                    i += 1;
                    continue;
                }
                let after_space = skip_space(after);
                let colon = &after[after_space..];
                let value = colon.strip_prefix(':')?;
                let at = text.len() - value.len() + skip_space(value);
                return (bytes.get(at) == Some(&b'[')).then_some(at);
            }
            _ => {}
        }
        i += 1;
    }
    None
}

fn is_name(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Spaces, tabs and line ends at the start of `text`.
fn skip_space(text: &str) -> usize {
    text.len() - text.trim_start_matches([' ', '\t', '\n', '\r']).len()
}

/// The indentation of the first partnership, at `first`: a `(` alone on its line.
fn item_indent(text: &str, first: usize) -> Option<String> {
    if !text[first..].starts_with("(\n") {
        return None;
    }
    let line_start = text[..first].rfind('\n')? + 1;
    let indent = &text[line_start..first];
    indent.bytes().all(|b| b == b' ').then(|| indent.to_owned())
}

/// Where a partnership begins about halfway through the rest of the file: the `(` of a
/// line holding only it, at the first partnership's indentation, after a line ending `),`.
fn split_point(text: &str, first: usize, indent: &str) -> Option<usize> {
    let middle = first + (text.len() - first) / 2;
    let mut from = text.ceil_char_boundary(middle);
    let marker = format!("),\n{indent}(\n");
    loop {
        let found = text[from..].find(&marker)? + from;
        let at = found + marker.len() - 2;
        if at > first {
            return Some(at);
        }
        from = found + 1;
    }
}

/// Reads partnerships from `start` one after another, each followed by a comma, until
/// the list's `]` (returning its position) or, given `stop`, until the next partnership
/// would begin there. `None` if anything else is found.
pub(crate) fn items(
    text: &str,
    start: usize,
    stop: Option<usize>,
) -> Option<(Vec<Partnership>, usize)> {
    let options = ron::Options::default();
    let mut read = Vec::new();
    let mut at = start;
    loop {
        if Some(at) == stop {
            return Some((read, at));
        }
        if stop.is_some_and(|stop| at > stop) {
            return None;
        }
        if text[at..].starts_with(']') {
            // Reading up to the list's end was not asked for, when a stop was given.
            return stop.is_none().then_some((read, at));
        }
        let rest = match plain::read::<Partnership>(&text[at..]) {
            Some((partnership, length)) => {
                read.push(partnership);
                &text[at + length..]
            }
            None => {
                let mut de =
                    ron::Deserializer::from_str_with_options(&text[at..], &options).ok()?;
                read.push(Partnership::deserialize(&mut de).ok()?);
                de.remainder()
            }
        };
        let rest = &rest[skip_space(rest)..];
        let rest = match rest.strip_prefix(',') {
            Some(after) => &after[skip_space(after)..],
            // The last partnership needs no comma.
            None if rest.starts_with(']') => rest,
            None => return None,
        };
        at = text.len() - rest.len();
    }
}
