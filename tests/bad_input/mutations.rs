use partnership_appraisal::appraisal;
use partnership_appraisal::file;
use partnership_appraisal::format;
use partnership_appraisal::model::*;
use proptest::prelude::*;
use std::path::Path;
use std::time::{Duration, Instant};

use super::files::small_text;

// ---------------------------------------------------------------------------------------
// 3. Mutated example files.

fn seeds() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut seeds: Vec<Vec<u8>> = ["saves/example.ron", "saves/county-health-and-care.ron"]
        .iter()
        .map(|p| std::fs::read(root.join(p)).unwrap())
        .collect();
    seeds.push(small_text().into_bytes());
    seeds
}

/// Tokens a mutation may insert: the format's own words and some troublemakers.
const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "r#\"",
    "\"#",
    "//",
    "/*",
    "*/",
    "\\",
    "Some(",
    "None",
    "-",
    "1e30",
    "\"-0.00\"",
    "\"79228162514264337593543950335\"",
    "4294967296",
    "18446744073709551616",
    "\u{feff}",
    "\u{0}",
    "£",
    "format_version: 2,",
    "PerYear([",
    "Constant(value: \"1\", start_year: 4294967295, years: 4294967295, growth: \"0\")",
    "horizon_years: 4294967295,",
    "lag_years: 4294967295,",
    "duration_years: 4294967295,",
    "StaffTime((",
    "Outcome((",
    "Library(",
    "Grade(\"",
    "Direct(\"",
    "\"1000000000000\"",
];

#[derive(Clone, Debug)]
enum Mutation {
    SetByte(usize, u8),
    Insert(usize, usize),
    Delete(usize, usize),
    Truncate(usize),
    DuplicateLines(usize, usize, usize),
    SwapLines(usize, usize),
    DeleteLine(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mutation::SetByte(at, b)),
        (any::<usize>(), 0..TOKENS.len()).prop_map(|(at, t)| Mutation::Insert(at, t)),
        (any::<usize>(), 1usize..200).prop_map(|(at, n)| Mutation::Delete(at, n)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), 1usize..40, 1usize..4)
            .prop_map(|(at, n, times)| Mutation::DuplicateLines(at, n, times)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        any::<usize>().prop_map(Mutation::DeleteLine),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len().max(1);
    let line_spans = |bytes: &[u8]| -> Vec<(usize, usize)> {
        let mut spans = Vec::new();
        let mut start = 0;
        for (i, b) in bytes.iter().enumerate() {
            if *b == b'\n' {
                spans.push((start, i + 1));
                start = i + 1;
            }
        }
        if start < bytes.len() {
            spans.push((start, bytes.len()));
        }
        spans
    };
    match *m {
        Mutation::SetByte(at, b) => {
            if !bytes.is_empty() {
                let at = at % bytes.len();
                bytes[at] = b;
            }
        }
        Mutation::Insert(at, t) => {
            let at = at % (bytes.len() + 1);
            bytes.splice(at..at, TOKENS[t].bytes());
        }
        Mutation::Delete(at, n) => {
            let at = at % len;
            let end = (at + n).min(bytes.len());
            if at < end {
                bytes.drain(at..end);
            }
        }
        Mutation::Truncate(at) => bytes.truncate(at % len),
        Mutation::DuplicateLines(at, n, times) => {
            let spans = line_spans(bytes);
            if !spans.is_empty() {
                let first = at % spans.len();
                let last = (first + n).min(spans.len()) - 1;
                let (s, e) = (spans[first].0, spans[last].1);
                let chunk: Vec<u8> = bytes[s..e].to_vec();
                for _ in 0..times {
                    bytes.splice(e..e, chunk.iter().copied());
                }
            }
        }
        Mutation::SwapLines(a, b) => {
            let spans = line_spans(bytes);
            if spans.len() >= 2 {
                let (mut a, mut b) = (a % spans.len(), b % spans.len());
                if a > b {
                    std::mem::swap(&mut a, &mut b);
                }
                if a != b {
                    let la = bytes[spans[a].0..spans[a].1].to_vec();
                    let lb = bytes[spans[b].0..spans[b].1].to_vec();
                    bytes.splice(spans[b].0..spans[b].1, la);
                    bytes.splice(spans[a].0..spans[a].1, lb);
                }
            }
        }
        Mutation::DeleteLine(at) => {
            let spans = line_spans(bytes);
            if !spans.is_empty() {
                let (s, e) = spans[at % spans.len()];
                bytes.drain(s..e);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Whatever happens to a file, loading ends quickly with a project or an error; a project
    /// that loads validates, appraises, and saves to text that loads back the same.
    #[test]
    fn a_mutated_example_never_panics_and_loads_quickly(
        seed in 0usize..3,
        mutations in prop::collection::vec(mutation(), 1..8),
    ) {
        let mut bytes = seeds().swap_remove(seed);
        for m in &mutations {
            apply(&mut bytes, m);
        }
        let started = Instant::now();
        let loaded = file::parse_bytes(&bytes);
        prop_assert!(started.elapsed() < Duration::from_secs(3), "slow: {:?}", started.elapsed());
        if let Ok(project) = loaded {
            let _ = appraisal::validate(&project);
            let _ = appraisal::appraise(&project);
            let text = file::to_ron(&project).unwrap();
            prop_assert_eq!(file::parse(&text).unwrap(), project);
        }
    }
}

/// Saved work is not lost to a bad number: anything the app accepts as typed, it saves and
/// loads back exactly (the typed scale included).
#[test]
fn every_accepted_amount_saves_and_loads_back_exactly() {
    let mut project = Project::new("Round trip");
    for text in [
        "0",
        "0.01",
        "1,234.56",
        "£999,999,999,999.99",
        "1000000000000",
        "10.50",
    ] {
        let value = format::parse_number(text, 2).unwrap();
        project.unit_values.push(UnitValue {
            name: text.into(),
            value: Money(value),
            price_year: FinancialYear(2026),
            partner: None,
            source: String::new(),
        });
    }
    let text = file::to_ron(&project).unwrap();
    let back = file::parse(&text).unwrap();
    for (a, b) in project.unit_values.iter().zip(&back.unit_values) {
        assert_eq!(a.value.0.to_string(), b.value.0.to_string());
    }
    // More decimal places than Decimal holds (28) are rounded at the 28th: far below a penny.
    let fine = small_text().replacen("\"0.19\"", "\"0.12345678901234567890123456789\"", 1);
    let rate = file::parse(&fine)
        .unwrap()
        .settings
        .staff_costing
        .pension_rate
        .0;
    assert_eq!(rate.to_string(), "0.1234567890123456789012345679");
}
