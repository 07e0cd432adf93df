//! The guard that runs before any parse: brackets nested deeper than [`MAX_NESTING`]
//! (outside strings and comments) are refused, so a damaged or hostile file cannot
//! exhaust the parser's stack.
//!
//! It reads every byte of every file opened, so it skips what cannot matter a run at a
//! time: between brackets only the bytes that open a string or a comment count, inside a
//! string only its quote and backslash. The line and column are worked out only when a
//! file is refused.

use super::{FormatError, MAX_NESTING};

/// The bytes that can change the depth or start something whose brackets do not count.
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut k = 0;
    let bytes = b"r\"/([{)]}";
    while k < bytes.len() {
        table[bytes[k] as usize] = true;
        k += 1;
    }
    table
};

/// Refuses text whose brackets nest deeper than [`MAX_NESTING`], outside strings and
/// comments.
pub(crate) fn check_nesting(text: &str) -> Result<(), FormatError> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let Some(skip) = bytes[i..].iter().position(|b| SPECIAL[usize::from(*b)]) else {
            break;
        };
        i += skip;
        match bytes[i] {
            // A raw string, r"…" or r#"…"#: no escapes; it ends at a quote and as many #.
            b'r' => {
                if let Some((hashes, open)) = raw_string_start(bytes, i) {
                    i = raw_string_end(bytes, open + 1, hashes);
                    continue;
                }
            }
            // A string: it ends at a quote not escaped by a backslash, or with the text.
            b'"' => {
                i += 1;
                loop {
                    match bytes
                        .get(i..)
                        .and_then(|rest| memchr::memchr2(b'"', b'\\', rest))
                    {
                        Some(at) if bytes[i + at] == b'"' => {
                            i += at;
                            break;
                        }
                        Some(at) => i += at + 2,
                        None => return Ok(()),
                    }
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |at| i + at);
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = memchr::memmem::find(&bytes[i + 2..], b"*/")
                    .map_or(bytes.len(), |at| i + 2 + at + 2);
                continue;
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    let line_start = memchr::memrchr(b'\n', &bytes[..i]).map_or(0, |at| at + 1);
                    return Err(FormatError::TooDeep {
                        line: memchr::memchr_iter(b'\n', &bytes[..i]).count() + 1,
                        column: text[line_start..i].chars().count() + 1,
                        limit: MAX_NESTING,
                    });
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

/// At `i`, the start of a raw string (`r`, any `#`, then `"`) that is not the end of a
/// name: how many `#` and where the opening quote is.
fn raw_string_start(bytes: &[u8], i: usize) -> Option<(usize, usize)> {
    if i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_') {
        return None;
    }
    let hashes = bytes[i + 1..].iter().take_while(|b| **b == b'#').count();
    (bytes.get(i + 1 + hashes) == Some(&b'"')).then_some((hashes, i + 1 + hashes))
}

/// Just past the raw string whose text starts at `from`: its closing quote and `hashes`
/// #, or the end of the text.
fn raw_string_end(bytes: &[u8], from: usize, hashes: usize) -> usize {
    let mut i = from;
    while let Some(at) = memchr::memchr(b'"', &bytes[i..]) {
        i += at + 1;
        if bytes[i..]
            .iter()
            .take(hashes)
            .filter(|b| **b == b'#')
            .count()
            == hashes
        {
            return i + hashes;
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn nesting_inside_strings_and_comments_is_not_counted() {
        let deep = "(".repeat(MAX_NESTING + 1);
        assert!(check_nesting(&format!("\"{deep}\" // {deep}\n")).is_ok());
        assert!(check_nesting(&format!("r#\"{deep}\"# /* {deep} */")).is_ok());
        assert!(matches!(
            check_nesting(&deep),
            Err(FormatError::TooDeep {
                line: 1,
                column: 65,
                ..
            })
        ));
        // After a string with an escaped quote, a comment and a raw string across lines.
        let text = format!("\"a\\\"(\" /* (\n( */ r\"\n(\"\n é{deep}");
        assert!(matches!(
            check_nesting(&text),
            Err(FormatError::TooDeep {
                line: 4,
                column: 67,
                ..
            })
        ));
    }

    /// The guard as first written, a byte at a time: what the one above must agree with.
    fn bytewise(text: &str) -> Result<(), FormatError> {
        let bytes = text.as_bytes();
        let (mut depth, mut line, mut line_start) = (0usize, 1usize, 0usize);
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => {
                    line += 1;
                    line_start = i + 1;
                }
                b'r' if raw_string_start(bytes, i).is_some() => {
                    let (hashes, open) = raw_string_start(bytes, i).unwrap_or((0, i));
                    i = open + 1;
                    while i < bytes.len()
                        && !(bytes[i] == b'"'
                            && bytes[i + 1..]
                                .iter()
                                .take(hashes)
                                .filter(|b| **b == b'#')
                                .count()
                                == hashes)
                    {
                        if bytes[i] == b'\n' {
                            line += 1;
                            line_start = i + 1;
                        }
                        i += 1;
                    }
                    i += hashes;
                }
                b'"' => {
                    i += 1;
                    while i < bytes.len() && bytes[i] != b'"' {
                        if bytes[i] == b'\\' {
                            i += 1;
                        } else if bytes[i] == b'\n' {
                            line += 1;
                            line_start = i + 1;
                        }
                        i += 1;
                    }
                }
                b'/' if bytes.get(i + 1) == Some(&b'/') => {
                    while i < bytes.len() && bytes[i] != b'\n' {
                        i += 1;
                    }
                    continue;
                }
                b'/' if bytes.get(i + 1) == Some(&b'*') => {
                    i += 2;
                    while i < bytes.len() && !(bytes[i] == b'*' && bytes.get(i + 1) == Some(&b'/'))
                    {
                        if bytes[i] == b'\n' {
                            line += 1;
                            line_start = i + 1;
                        }
                        i += 1;
                    }
                    i += 2;
                    continue;
                }
                b'(' | b'[' | b'{' => {
                    depth += 1;
                    if depth > MAX_NESTING {
                        let column = text[line_start..i].chars().count() + 1;
                        return Err(FormatError::TooDeep {
                            line,
                            column,
                            limit: MAX_NESTING,
                        });
                    }
                }
                b')' | b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            }
            i += 1;
        }
        Ok(())
    }

    /// Text made of the pieces that matter to the guard, deep enough to be refused often.
    fn texts() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            6 => Just("(".to_owned()),
            2 => Just("[{".to_owned()),
            3 => Just(")".to_owned()),
            1 => Just("]}".to_owned()),
            1 => Just("\"".to_owned()),
            1 => Just("\\".to_owned()),
            1 => Just("\n".to_owned()),
            1 => Just("//".to_owned()),
            1 => Just("/*".to_owned()),
            1 => Just("*/".to_owned()),
            1 => Just("r\"".to_owned()),
            1 => Just("r#".to_owned()),
            1 => Just("#".to_owned()),
            1 => Just("r".to_owned()),
            1 => Just("é".to_owned()),
            2 => "[a-z_ ]{1,4}",
        ];
        prop::collection::vec(piece, 0..400).prop_map(|p| p.concat())
    }

    proptest! {
        #[test]
        fn agrees_with_the_bytewise_guard_on_any_text(text in texts()) {
            prop_assert_eq!(check_nesting(&text), bytewise(&text));
        }
    }
}
