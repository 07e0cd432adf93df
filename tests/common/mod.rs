//! Helpers shared by the integration tests: small projects written as RON text, and
//! comparison at reporting precision.
#![allow(dead_code)]

pub mod care;

use partnership_appraisal::{file, format, model::Project};
use rust_decimal::Decimal;

/// Settings with the default staff costing (15% NI above £5,000, pension 19%,
/// overheads 25%, 1,650 productive hours), first year and price base 2026/27.
pub fn settings(horizon: u32, discount: &str, year0: &str) -> String {
    format!(
        r#"(
            first_year: 2026,
            horizon_years: {horizon},
            price_base_year: 2026,
            discount: {discount},
            year0: {year0},
            staff_costing: (
                convention: WithOnCosts,
                employer_ni_rate: "0.15",
                ni_threshold: "5000",
                pension_rate: "0.19",
                overhead_rate: "0.25",
                productive_hours_per_year: "1650",
            ),
            currency_symbol: "£",
        )"#
    )
}

/// Undiscounted settings (custom flat rate 0%), so expected values are plain sums.
pub fn undiscounted(horizon: u32) -> String {
    settings(horizon, r#"Custom("0")"#, "GreenBook")
}

/// A whole project file: `body` holds the fields after `settings` (partners, partnerships, ...).
pub fn project(settings: &str, body: &str) -> String {
    format!(
        "(\n    format_version: 1,\n    project: (\n        name: \"Test project\",\n        settings: {settings},\n        {body}\n    ),\n)\n"
    )
}

/// Four partners used by most examples. Hourly rates are given directly, so they hold
/// under every costing convention.
pub const PARTNERS: &str = r#"partners: [
    (name: "Council", kind: Council, grades: [
        (name: "Director", pay: Hourly("60")),
        (name: "Officer", pay: Hourly("30")),
    ]),
    (name: "NHS", kind: Nhs, grades: [(name: "Manager", pay: Hourly("45"))]),
    (name: "Police", kind: Police, grades: [(name: "Inspector", pay: Hourly("40"))]),
    (name: "Residents", kind: ResidentsAndSociety),
],"#;

/// Parses project text, failing the test with the error and the text.
pub fn load(text: &str) -> Project {
    file::parse(text).unwrap_or_else(|e| panic!("the test project does not parse: {e}\n{text}"))
}

/// Rounded as money is shown: to the penny, half away from zero.
pub fn pence(value: Decimal) -> Decimal {
    format::round(value, 2)
}

/// Rounded as ratios and factors are shown: 4 places.
pub fn dp4(value: Decimal) -> Decimal {
    format::round(value, 4)
}

/// Equal at reporting precision: the same when rounded to `places`, or so close
/// (within 1e-20) that only the order of summation can explain the difference and the
/// rounding straddles a midpoint by chance.
pub fn same_at(a: Decimal, b: Decimal, places: u32) -> bool {
    format::round(a, places) == format::round(b, places)
        || a.checked_sub(b)
            .is_some_and(|d| d.abs() < Decimal::new(1, 20))
}

/// The text of a DOCX file's main part (`word/document.xml`).
pub fn document_xml(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a DOCX is a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("word/document.xml is in the file")
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

/// An RFC 4180 reader for the tests; the text must end with a newline.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(
        field.is_empty() && row.is_empty(),
        "the file ends with a newline"
    );
    rows
}
