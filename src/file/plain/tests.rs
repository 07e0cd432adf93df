use super::read;
use crate::model::Partnership;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Debug;
use std::path::{Path, PathBuf};

/// What `ron` reads from the start of `text`, and the length of text it took.
fn ron_reads<'de, T: Deserialize<'de>>(text: &'de str) -> Option<(T, usize)> {
    let mut de = ron::Deserializer::from_str_with_options(text, &ron::Options::default()).ok()?;
    let value = T::deserialize(&mut de).ok()?;
    Some((value, text.len() - de.remainder().len()))
}

/// Whenever the plain reader reads `text`, `ron` reads the same value from it, ending at
/// the same place; returns whether the plain reader read it.
fn agrees<'de, T: Deserialize<'de> + PartialEq + Debug>(text: &'de str) -> bool {
    let Some(plain) = read::<T>(text) else {
        return false;
    };
    assert_eq!(Some(&plain), ron_reads::<T>(text).as_ref(), "{text:?}");
    true
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Record {
    name: String,
    #[serde(default)]
    year: Option<i32>,
    count: u8,
    kind: Kind,
    #[serde(default)]
    by_year: BTreeMap<i32, String>,
    #[serde(default)]
    pair: Option<(u32, bool)>,
}

#[derive(Debug, PartialEq, Deserialize)]
enum Kind {
    Plain,
    Amount(String),
    Pair(i64, i64),
    Shaped { low: u16, high: u16 },
}

/// Texts that the plain reader reads, and what it reads from them, as `ron` does.
#[test]
fn plain_text_is_read_as_ron_reads_it() {
    let read_plain = [
        r#"(name: "a", count: 0, kind: Plain)"#,
        "(\n  name: \"a b\",\n\tyear: Some(2026),\r\n count: 255, kind: Plain,\n)",
        r#"(name: "", count: 1, kind: Amount("12.50"), year: None)"#,
        r#"(name: "x", count: 1, kind: Amount( "1" , ))"#,
        r#"(name: "x", count: 1, kind: Pair(-9223372036854775808, 9223372036854775807))"#,
        r#"(name: "x", count: 1, kind: Shaped(low: 1, high: 65535))"#,
        r#"(name: "x", count: 1, kind: Plain, by_year: {2026: "a", -1: "b",})"#,
        r#"(name: "x", count: 1, kind: Plain, by_year: {})"#,
        r#"(name: "x", count: 1, kind: Plain, pair: Some((7, true)))"#,
        r#"(name: "x", count: 1, kind: Plain, pair: Some((0, false,)),)"#,
        // Escapes, and text written as it stands (newlines, tabs, other scripts).
        r#"(name: "q\"b\\n\nr\rt\t0\0'\'", count: 1, kind: Plain)"#,
        "(name: \"line one\n    line two\tö ₤ 日本\", count: 1, kind: Plain)",
        r#"(name: "\\", count: 1, kind: Plain)"#,
    ];
    for text in read_plain {
        assert!(agrees::<Record>(text), "not read plain: {text}");
    }
    // What the plain reader leaves to `ron`, valid or not.
    let left_to_ron = [
        r#"Record(name: "a", count: 0, kind: Plain)"#,
        r#"(name: r"a", count: 0, kind: Plain)"#,
        r##"(name: r#"a"#, count: 0, kind: Plain)"##,
        r#"(name: "\u{e9}", count: 0, kind: Plain)"#,
        r#"(name: "\x41", count: 0, kind: Plain)"#,
        "(name: \"a\\\n   b\", count: 0, kind: Plain)",
        r#"(name: "a", count: 0x10, kind: Plain)"#,
        r#"(name: "a", count: 1_0, kind: Plain)"#,
        r#"(name: "a", count: +1, kind: Plain)"#,
        r#"(name: "a", count: 1u8, kind: Plain)"#,
        r#"(name: "a", count: 01, kind: Plain)"#,
        r#"(name: "a", count: -0, kind: Plain)"#,
        r#"(name: "a", count: 256, kind: Plain)"#,
        r#"(name: "a", count: -1, kind: Plain)"#,
        r#"(name: "a", count: 1.0, kind: Plain)"#,
        r#"(name: "a", count: 1, kind: Plain, year: Some(2026i32))"#,
        r#"(name: "a", count: 1, kind: r#Plain)"#,
        r#"(name: "a", count: 1, kind: Plaín)"#,
        r#"(name: "a", count: 1, kind: Plain, extra: 1)"#,
        r#"(name: "a", count: 1, kind: Plain /* note */)"#,
        "(name: \"a\", count: 1, // note\n kind: Plain)",
        "(name: \"a\",\u{0B}count: 1, kind: Plain)",
        "(name: \"a\",\u{2028}count: 1, kind: Plain)",
        r#"(name: "a", count: 1, kind: Plain, year: 2026)"#,
        r#"(name: "a", count: 1, kind: Plain, pair: Some((1, true, 3)))"#,
        r#"(name: "a" count: 1, kind: Plain)"#,
        r#"(name: "a", count: 1, kind: Plain,,)"#,
        r#"(name: "a", count: 1, kind: Plain"#,
        r#"(name: "a, count: 1, kind: Plain)"#,
        r#"(name: "a", name: "b", count: 1, kind: Plain)"#,
    ];
    for text in left_to_ron {
        assert!(read::<Record>(text).is_none(), "read plain: {text}");
    }
}

/// Every `.ron` file under `dir`.
fn ron_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            ron_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "ron") {
            found.push(path);
        }
    }
}

/// Every partnership of the example projects, of every project file among the tests
/// (format 1 among them), and of a generated project, written as the app writes it, is
/// read plain, to the partnership `ron` reads.
#[test]
fn every_partnership_the_app_writes_is_read_plain() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    ron_files(&root.join("saves"), &mut files);
    ron_files(&root.join("tests"), &mut files);
    let projects: Vec<_> = files
        .iter()
        .filter_map(|path| crate::load_on_one_thread(path).ok())
        .collect();
    // The three example projects and the seeds of the fuzzing runs, at least.
    assert!(projects.len() >= 5, "{files:?}");
    let mut partnerships: Vec<Partnership> =
        projects.into_iter().flat_map(|p| p.partnerships).collect();
    assert!(partnerships.len() >= 10, "{}", partnerships.len());
    partnerships.extend(partnership_appraisal_generate::project(60, 7).partnerships);
    for ship in &partnerships {
        let pretty = ron::ser::to_string_pretty(ship, crate::pretty()).unwrap();
        let compact = ron::to_string(ship).unwrap();
        for text in [pretty, compact] {
            let (read, length) = read::<Partnership>(&text).expect("read plain");
            assert_eq!(&read, ship);
            assert_eq!(length, text.len());
        }
    }
}

/// A small generator of pseudo-random numbers, so the damaged texts are the same on
/// every run.
struct Draws(u64);

impl Draws {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// Pieces of text that RON gives meaning to, or that the plain reader must not misread.
const PIECES: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "\\",
    "\\\"",
    "\\n",
    "\\u{e9}",
    "\\x41",
    "-",
    "+",
    "0",
    "7",
    "9",
    "01",
    "0x1",
    "1_0",
    "1e3",
    ".5",
    "u8",
    "i32",
    "a",
    "Z",
    "_",
    "é",
    " ",
    "\n",
    "\t",
    "\r",
    "\u{0B}",
    "\u{2028}",
    "#",
    "r#",
    "r\"",
    "b\"",
    "'",
    "/",
    "//",
    "/*",
    "*/",
    "Some(",
    "None",
    "true",
    "false",
    "Partnership",
    "name",
    "Plain",
];

/// Damaged partnership texts (bytes cut, pieces of RON put in, a span moved), thousands
/// of them: whenever the plain reader reads one, `ron` reads the same partnership from it,
/// ending at the same place. Some are read plain and some left to `ron`, so both sides of
/// the property are tried.
#[test]
fn a_damaged_partnership_is_read_plain_only_as_ron_reads_it() {
    let project = crate::load_on_one_thread(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../saves/borough-portfolio.ron"),
    )
    .unwrap();
    let texts: Vec<String> = project
        .partnerships
        .iter()
        .take(3)
        .map(|ship| ron::ser::to_string_pretty(ship, crate::pretty()).unwrap())
        .collect();
    let mut draws = Draws(0x5eed_2026);
    let (mut plain, mut left) = (0, 0);
    for case in 0..6000 {
        let mut text = texts[case % texts.len()].clone();
        for _ in 0..=draws.below(3) {
            let at = draws.below(text.len());
            if !text.is_char_boundary(at) {
                continue;
            }
            match draws.below(3) {
                0 => text.insert_str(at, PIECES[draws.below(PIECES.len())]),
                1 => {
                    let end = (at + 1 + draws.below(12)).min(text.len());
                    if text.is_char_boundary(end) {
                        text.replace_range(at..end, "");
                    }
                }
                _ => {
                    let end = (at + 1 + draws.below(6)).min(text.len());
                    if text.is_char_boundary(end) {
                        let piece = PIECES[draws.below(PIECES.len())];
                        text.replace_range(at..end, piece);
                    }
                }
            }
        }
        if agrees::<Partnership>(&text) {
            plain += 1;
        } else {
            left += 1;
        }
    }
    // Many damaged texts are still whole partnerships (a letter more in a name), and
    // many are not.
    assert!(plain > 600 && left > 600, "read plain {plain}, left {left}");
}
