//! Loading a large project file without its indentation: 60% of a file the app writes is
//! spaces at the starts of lines, which parsing skips anyway. The file is read a block at
//! a time and copied without them (outside strings), so the text held while parsing is
//! less than half the file, and the places where list items begin and lists end are noted
//! on the way, for handing the partnerships to other threads in runs while the copy goes
//! on (`lean/chunks.rs`), or for cutting the list in two (`pieces.rs`).
//!
//! The copy reads exactly as the file does: only spaces at the start of a line outside
//! any string are left out, and RON ignores those. With no comment or raw string to skip,
//! the copy also keeps the brackets' depth, so the text it gives is known to nest no
//! deeper than [`MAX_NESTING`] and is not scanned again for it. Anything that might make that untrue
//! (a raw string, a character literal, a comment) gives `None`, as does any error, and the
//! caller loads the file as it stands, so errors keep their line and column.

use super::{MAX_NESTING, Project};
use std::path::Path;

mod chunks;

/// Bytes read at a time.
const BLOCK: usize = 1 << 20;

/// The project in the file at `path`, of `size` bytes, read lean, its partnerships
/// parsed in runs of about `run` bytes while the rest is read (`chunks.rs`); `None` to
/// read it as it stands.
pub(super) fn load(path: &Path, size: u64, run: usize) -> Option<Project> {
    chunks::load(path, size, run)
}

/// The file without the spaces that start its lines outside strings, and where each
/// item of a list at the third level of brackets begins in that text.
#[cfg(test)]
fn read_lean(path: &Path, size: u64) -> Option<(String, Vec<usize>)> {
    match chunks::read(path, size, None, &|_| {})? {
        chunks::Lean::Whole(text, cuts) => Some((text, cuts)),
        chunks::Lean::Runs { .. } => None,
    }
}

#[derive(Default)]
struct State {
    in_string: bool,
    escaped: bool,
    /// At the start of a line, where spaces are left out.
    line_start: bool,
    depth: usize,
    /// Where in the text copied a list (or record) at the third level of brackets ends:
    /// the place of its closing bracket.
    closes: Vec<usize>,
}

/// The bytes that need more than copying outside a string: a quote, what makes the lean
/// read give up, a bracket, a newline.
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let bytes = b"\"'/#([{)]}\n";
    let mut k = 0;
    while k < bytes.len() {
        table[bytes[k] as usize] = true;
        k += 1;
    }
    table
};

fn special(b: u8) -> bool {
    SPECIAL[usize::from(b)]
}

impl State {
    /// Copies `bytes` (the next block of the file) without the spaces that start its
    /// lines outside strings: each line is copied whole from its first other byte, then
    /// read for its quotes, escapes and brackets. This reads the whole file before any of
    /// it is parsed, on one thread.
    fn copy(&mut self, mut bytes: &[u8], out: &mut Vec<u8>, cuts: &mut Vec<usize>) -> Option<()> {
        while !bytes.is_empty() {
            if self.line_start && !self.in_string {
                let text = bytes.iter().position(|&b| b != b' ').unwrap_or(bytes.len());
                bytes = &bytes[text..];
                if bytes.is_empty() {
                    break;
                }
            }
            let end = memchr::memchr(b'\n', bytes).map_or(bytes.len(), |n| n + 1);
            let from = out.len();
            out.extend_from_slice(&bytes[..end]);
            self.track(out, from, cuts)?;
            // A newline inside a string starts no line that loses its spaces.
            self.line_start = out.last() == Some(&b'\n') && !self.in_string;
            bytes = &bytes[end..];
        }
        Some(())
    }

    /// Follows strings and brackets through `out[from..]`, just copied: notes where
    /// list items begin (`cuts`) and lists end, and gives up where the lean read must.
    fn track(&mut self, out: &[u8], from: usize, cuts: &mut Vec<usize>) -> Option<()> {
        let mut at = from;
        while at < out.len() {
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                    at += 1;
                    continue;
                }
                let Some(found) = memchr::memchr2(b'"', b'\\', &out[at..]) else {
                    return Some(());
                };
                at += found;
                if out[at] == b'"' {
                    self.in_string = false;
                } else {
                    self.escaped = true;
                }
                at += 1;
                continue;
            }
            let Some(found) = out[at..].iter().position(|&b| special(b)) else {
                return Some(());
            };
            at += found;
            match out[at] {
                b'"' => {
                    // `r"` or `r#"` is a raw string, read differently.
                    if at > 0 && matches!(out[at - 1], b'r' | b'#') {
                        return None;
                    }
                    self.in_string = true;
                }
                b'\'' | b'/' | b'#' => return None,
                b'(' | b'[' | b'{' => {
                    if self.depth == 3 {
                        cuts.push(at);
                    }
                    // Too deep: read as it stands, which refuses it with the place.
                    if self.depth == MAX_NESTING {
                        return None;
                    }
                    self.depth += 1;
                }
                b')' | b']' | b'}' => {
                    self.depth = self.depth.checked_sub(1)?;
                    if self.depth == 2 {
                        self.closes.push(at);
                    }
                }
                _ => {}
            }
            at += 1;
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The lean copy a byte at a time, as it was first written: what [`State::copy`]
    /// must give for every text, however the file's blocks fall.
    fn copy_bytewise(
        state: &mut State,
        bytes: &[u8],
        out: &mut Vec<u8>,
        cuts: &mut Vec<usize>,
    ) -> Option<()> {
        for &b in bytes {
            if state.in_string {
                if state.escaped {
                    state.escaped = false;
                } else if b == b'\\' {
                    state.escaped = true;
                } else if b == b'"' {
                    state.in_string = false;
                }
                out.push(b);
                continue;
            }
            if state.line_start && b == b' ' {
                continue;
            }
            state.line_start = b == b'\n';
            match b {
                b'"' => {
                    if matches!(out.last(), Some(b'r' | b'#')) {
                        return None;
                    }
                    state.in_string = true;
                }
                b'\'' | b'/' | b'#' => return None,
                b'(' | b'[' | b'{' => {
                    if state.depth == 3 {
                        cuts.push(out.len());
                    }
                    if state.depth == MAX_NESTING {
                        return None;
                    }
                    state.depth += 1;
                }
                b')' | b']' | b'}' => {
                    state.depth = state.depth.checked_sub(1)?;
                    if state.depth == 2 {
                        state.closes.push(out.len());
                    }
                }
                _ => {}
            }
            out.push(b);
        }
        Some(())
    }

    /// A way of copying one block, the fast one or the bytewise one.
    type Copy = fn(&mut State, &[u8], &mut Vec<u8>, &mut Vec<usize>) -> Option<()>;

    /// The copy's text, where list items begin and where lists end, and whether it
    /// ended inside a string.
    type Copied = (Vec<u8>, Vec<usize>, Vec<usize>, bool);

    /// Copies `text` in blocks of `block` bytes with `copy`; `None` where it gives up.
    fn lean_in_blocks(text: &[u8], block: usize, copy: Copy) -> Option<Copied> {
        let mut state = State {
            line_start: true,
            ..State::default()
        };
        let (mut out, mut cuts) = (Vec::new(), Vec::new());
        for piece in text.chunks(block.max(1)) {
            copy(&mut state, piece, &mut out, &mut cuts)?;
        }
        Some((out, cuts, state.closes, state.in_string))
    }

    proptest! {
        /// Texts made of the bytes the copy treats differently (spaces at line starts,
        /// quotes, escapes, brackets, raw-string and comment starters), cut into blocks
        /// anywhere: the fast copy gives the bytewise copy's text, cuts and answer.
        #[test]
        fn the_lean_copy_is_the_bytewise_copy(
            text in proptest::collection::vec(
                proptest::sample::select(b" \n\"\\([{}])r#'/ab,:0".to_vec()),
                0..400,
            ),
            block in 1usize..64,
        ) {
            let fast = lean_in_blocks(&text, block, |s, b, o, c| s.copy(b, o, c));
            let slow = lean_in_blocks(&text, block, copy_bytewise);
            prop_assert_eq!(fast, slow);
        }
    }

    #[test]
    fn a_file_the_app_wrote_is_read_lean_and_in_pieces() {
        let dir = tempfile::tempdir().unwrap();
        let mut project = partnership_appraisal_generate::project(220, 24);
        project.partnerships[50].bau = "Line one\n    line two, indented".into();
        let text = crate::to_ron(&project).unwrap();
        let path = dir.path().join("p.ron");
        std::fs::write(&path, &text).unwrap();
        let (lean, cuts) = read_lean(&path, text.len() as u64).unwrap();
        assert!(
            lean.len() * 2 < text.len(),
            "{} of {}",
            lean.len(),
            text.len()
        );
        assert!(lean.contains("Line one\n    line two, indented"));
        assert!(crate::pieces::parse(&lean, Some(&cuts)).is_some());
        assert_eq!(
            load(&path, text.len() as u64, crate::RUN_BYTES),
            Some(project)
        );
        // Brackets nested too deep are not read lean: the file is read as it stands and
        // refused with the place, as a parse of the text is.
        let deep = text.replacen("bau: \"", &format!("bau: {}\"", "(".repeat(MAX_NESTING)), 1);
        std::fs::write(&path, &deep).unwrap();
        assert!(read_lean(&path, deep.len() as u64).is_none());
        let Err(crate::LoadError::Format { error, .. }) = crate::load(&path) else {
            panic!("a file nested too deep was read");
        };
        assert!(
            matches!(error, crate::FormatError::TooDeep { .. }),
            "{error}"
        );
        assert_eq!(error, crate::parse(&deep).unwrap_err());
        // A comment is not read lean (it could hold a quote).
        std::fs::write(&path, format!("// note\n{text}")).unwrap();
        assert!(read_lean(&path, text.len() as u64).is_none());
    }
    /// A file of format 2, every partnership with a register (its dates and text with
    /// slashes, inside strings) and a significance test, is read lean and in
    /// pieces to the same project.
    #[test]
    fn a_file_with_a_register_is_read_lean_and_in_pieces() {
        use crate::model::{AreaStatus, Date, GovernanceArea, Money, Register, Risk, RiskLevel};
        let dir = tempfile::tempdir().unwrap();
        let mut project = partnership_appraisal_generate::project(220, 25);
        for (i, ship) in project.partnerships.iter_mut().enumerate() {
            let lead = ship.members.first().cloned();
            ship.register = Register {
                lead_partner: lead,
                accountable_body: "Northbridge Council".into(),
                lead_officer: format!("Officer {i} / Head of Service"),
                legal_basis: "Section 75 agreement (NHS Act 2006)".into(),
                start: Date::new(2020, 4, 1),
                end_or_break: Date::new(2031, 3, 31),
                next_review: Date::new(2027, 3, 14),
                statutory: i % 2 == 0,
                strategic_risk: RiskLevel::ALL[i % 3],
                ..Register::default()
            };
            let area = ship
                .register
                .governance
                .area_mut(GovernanceArea::ALL[i % 8]);
            area.status = AreaStatus::PartlyMet;
            area.evidence = "Terms of reference (2024/25) not yet signed".into();
            ship.register.risks.push(Risk {
                description: "A partner withdraws its funding".into(),
                likelihood: 2,
                impact: 4,
                owner: "Chief Finance Officer".into(),
                mitigation: "Twelve months' notice in the agreement".into(),
            });
        }
        project.significance.spend_threshold = Some(Money(rust_decimal::Decimal::new(250_000, 0)));
        let text = crate::to_ron(&project).unwrap();
        assert!(text.contains("next_review: Some(\"2027-03-14\")"));
        let path = dir.path().join("p.ron");
        std::fs::write(&path, &text).unwrap();
        let (lean, cuts) = read_lean(&path, text.len() as u64).unwrap();
        assert_eq!(
            crate::pieces::parse(&lean, Some(&cuts)).map(|f| f.project),
            Some(project.clone())
        );
        assert!(crate::pieces::parse(&text, None).is_some());
        assert_eq!(
            load(&path, text.len() as u64, crate::RUN_BYTES),
            Some(project.clone())
        );
        assert_eq!(crate::load(&path).unwrap(), project);
    }
}
