//! Pretty JSON written as it is made, a long list's items made on two threads.
//!
//! `appraise --format json` of 5,500 partnerships writes about 38 MB, nearly all of it the
//! partnerships; made on one thread that took about 0.1 s of its second. The record is
//! made with the list left empty, and the list's items are made (from the values they
//! describe as well as into JSON) a batch at a time, half of each batch on another
//! thread, and written in between, so no more than a batch is held. The bytes are exactly those of `serde_json::to_writer_pretty` of the whole record
//! (tests compare them): an item made on its own is indented as at the top, and in the
//! list its lines are two levels deeper. serde_json writes a line break only as layout,
//! never inside a string (where it is `\n`), so every line break of an item made alone
//! is followed by four more spaces.

use anyhow::{Context, Result};
use serde::Serialize;
use std::io::Write;

/// Items made at a time, half of them on another thread.
const BATCH: usize = 128;

/// `value` as pretty JSON and a newline, written to `out` as it is serialised: the same
/// bytes as `serde_json::to_string_pretty` and a newline, without holding them all.
pub fn write(value: &impl Serialize, out: &mut dyn Write) -> Result<()> {
    let mut buffered = std::io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut buffered, value)
        .context("could not write the results as JSON")?;
    buffered.write_all(b"\n")?;
    buffered.flush()?;
    Ok(())
}

/// Exactly [`write`] of a record whose top-level field `key` is a list of `count` items:
/// `record` is that record with the list left empty, and `make(i)` the list's item `i`.
pub fn write_with_list<T: Serialize>(
    record: &impl Serialize,
    key: &str,
    count: usize,
    make: impl Fn(usize) -> T + Sync,
    out: &mut dyn Write,
) -> Result<()> {
    let failed = "could not write the results as JSON";
    let outline = serde_json::to_vec_pretty(record).context(failed)?;
    // A key at the top level is the only text indented by exactly two spaces after a
    // line break; quotes inside strings are escaped, so this is the key and no value.
    let empty = format!("\n  \"{key}\": []");
    let at = outline
        .windows(empty.len())
        .position(|w| w == empty.as_bytes())
        .context("the record has no such list")?
        + empty.len()
        - "[]".len();
    let mut buffered = std::io::BufWriter::with_capacity(1 << 16, out);
    buffered.write_all(&outline[..at])?;
    if count == 0 {
        buffered.write_all(b"[]")?;
    } else {
        buffered.write_all(b"[")?;
        for start in (0..count).step_by(BATCH) {
            let end = (start + BATCH).min(count);
            let middle = start + (end - start).div_ceil(2);
            let make = &make;
            let (first, second) = std::thread::scope(|scope| {
                let other = scope.spawn(move || made(middle..end, make));
                let here = made(start..middle, make);
                // Making JSON does not panic; if it ever did, that half is made here.
                (
                    here,
                    other.join().unwrap_or_else(|_| made(middle..end, make)),
                )
            });
            for (j, item) in [first?, second?].iter().enumerate() {
                if !item.is_empty() {
                    let separator: &[u8] = if start == 0 && j == 0 {
                        b"\n    "
                    } else {
                        b",\n    "
                    };
                    buffered.write_all(separator)?;
                    buffered.write_all(item)?;
                }
            }
        }
        buffered.write_all(b"\n  ]")?;
    }
    buffered.write_all(&outline[at + "[]".len()..])?;
    buffered.write_all(b"\n")?;
    buffered.flush()?;
    Ok(())
}

/// The items `range` as they stand in a top-level list of a pretty record, separated by
/// commas: each made alone, its lines indented two levels deeper.
fn made<T: Serialize>(
    range: std::ops::Range<usize>,
    make: &impl Fn(usize) -> T,
) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut item = Vec::new();
    let first = range.start;
    for i in range {
        let value = make(i);
        if i > first {
            out.extend_from_slice(b",\n    ");
        }
        item.clear();
        serde_json::to_writer_pretty(&mut item, &value)
            .context("could not write the results as JSON")?;
        for line in item.split_inclusive(|&b| b == b'\n') {
            out.extend_from_slice(line);
            if line.ends_with(b"\n") {
                out.extend_from_slice(b"    ");
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Record {
        name: String,
        list: Vec<Item>,
        nested: Nested,
        after: Vec<u32>,
    }

    #[derive(Serialize)]
    struct Nested {
        list: Vec<u32>,
        empty: Vec<u32>,
    }

    #[derive(Clone, Serialize)]
    struct Item {
        name: String,
        figures: Vec<Option<String>>,
        inner: Option<Box<Item>>,
        none: Vec<u32>,
    }

    fn item(i: usize) -> Item {
        Item {
            // Line breaks, quotes, the list's own layout and non-ASCII inside strings.
            name: format!("Item {i}\nline two \"quoted\" é ✓\n  \"list\": [] ],"),
            figures: vec![Some(format!("{i}.50")), None],
            inner: i.is_multiple_of(3).then(|| Box::new(item(i + 1))),
            none: Vec::new(),
        }
    }

    fn both(count: usize) -> (Vec<u8>, Vec<u8>) {
        let record = Record {
            name: "\n  \"list\": []".into(),
            list: (0..count).map(item).collect(),
            nested: Nested {
                list: vec![1, 2],
                empty: Vec::new(),
            },
            after: vec![7],
        };
        let mut whole = Vec::new();
        write(&record, &mut whole).unwrap();
        let items = record.list;
        let outline = Record {
            list: Vec::new(),
            ..record
        };
        let mut made = Vec::new();
        write_with_list(
            &outline,
            "list",
            items.len(),
            |i| items[i].clone(),
            &mut made,
        )
        .unwrap();
        (whole, made)
    }

    /// The list made in batches on two threads is byte for byte the record made whole,
    /// however many items (none, one, an odd number, batches and part of one).
    #[test]
    fn a_list_made_on_two_threads_is_the_record_made_whole() {
        for count in [0, 1, 2, 3, BATCH - 1, BATCH, BATCH + 1, 2 * BATCH + 7] {
            let (whole, made) = both(count);
            assert_eq!(
                String::from_utf8(made).unwrap(),
                String::from_utf8(whole).unwrap(),
                "{count} items"
            );
        }
    }

    #[test]
    fn a_record_without_the_list_is_refused() {
        let mut out = Vec::new();
        let error = write_with_list(&vec![1], "list", 1, |_| 1, &mut out).unwrap_err();
        assert!(error.to_string().contains("no such list"), "{error}");
    }
}
