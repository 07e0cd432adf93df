//! Importing unit values from a CSV shaped like a unit cost database export
//! (the GMCA / New Economy Unit Cost Database, PSSRU tables, a council's own list).
//!
//! The header row names the columns; spellings are matched ignoring case, spaces and
//! punctuation ("Unit cost (£)", "unit_cost" and "UnitCost" are the same). A row that
//! cannot be read is reported with its line number and the rest are kept. A name that
//! is already in the project's library is skipped and reported: the library's value
//! may already feed outcome chains, so an import never changes it silently.
//! [`rebase`] converts imported values to the price base year with the project's
//! deflators. See docs/EXPORTS.md.

use crate::appraisal::flows::{LineError, rebase_factor};
use crate::format;
use crate::model::{FinancialYear, Money, Project, UnitValue};
use std::collections::HashMap;
use std::fmt;

/// Why a file could not be read as unit costs at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UnitCostError {
    #[error("the file has no header row")]
    Empty,
    #[error("line {line}: the header has no {column} column (expected one of: {expected})")]
    MissingColumn {
        line: usize,
        column: &'static str,
        expected: String,
    },
}

/// Something to report about one row of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowNote {
    /// Line in the file where the row starts, from 1.
    pub line: usize,
    /// The row's name, if it has one.
    pub name: String,
    pub message: String,
}

impl fmt::Display for RowNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.name.is_empty() {
            write!(f, "line {}: {}", self.line, self.message)
        } else {
            write!(f, "line {} ('{}'): {}", self.line, self.name, self.message)
        }
    }
}

/// A unit value read from the file, with the line it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub line: usize,
    pub value: UnitValue,
}

/// What an import found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UnitCostImport {
    /// New unit values, ready to add to the library, in file order.
    pub values: Vec<Imported>,
    /// Rows whose name is already in the library (ignoring case): skipped, the
    /// library's value kept.
    pub existing: Vec<RowNote>,
    /// Rows left out: no name, a value or price year that cannot be read, or a name
    /// repeated earlier in the file.
    pub errors: Vec<RowNote>,
    /// Rows imported with something to check, such as an agency that is not one of
    /// the project's partners, or a value that could not be rebased.
    pub notes: Vec<RowNote>,
}

impl UnitCostImport {
    /// The imported unit values, to append to `Project::unit_values`.
    pub fn unit_values(&self) -> Vec<UnitValue> {
        self.values.iter().map(|i| i.value.clone()).collect()
    }
}

/// Header spellings accepted for each column, after `key` (lower case letters and digits).
const NAME: [&str; 9] = [
    "name",
    "unitcostname",
    "unitvaluename",
    "item",
    "costitem",
    "description",
    "outcome",
    "outcomedetail",
    "title",
];
const VALUE: [&str; 10] = [
    "value",
    "unitcost",
    "cost",
    "unitvalue",
    "amount",
    "costgbp",
    "unitcostgbp",
    "valuegbp",
    "unitcostvalue",
    "price",
];
const YEAR: [&str; 9] = [
    "priceyear",
    "year",
    "pricebase",
    "pricebaseyear",
    "financialyear",
    "prices",
    "pricesyear",
    "baseyear",
    "costyear",
];
const PARTNER: [&str; 9] = [
    "partner",
    "agency",
    "agencybearingcost",
    "bearingagency",
    "organisation",
    "organization",
    "body",
    "partneroragency",
    "agencyorpartner",
];
const SOURCE: [&str; 5] = [
    "source",
    "sources",
    "reference",
    "sourcereference",
    "evidence",
];

fn key(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Reads RFC 4180 records: fields separated by `delimiter`, quoted fields with `""`
/// for a quote and line breaks inside, CRLF, LF or CR line ends. Each record comes
/// with the line it starts on.
fn records(text: &str, delimiter: char) -> Vec<(usize, Vec<String>)> {
    let chars: Vec<char> = text.trim_start_matches('\u{feff}').chars().collect();
    let mut out = Vec::new();
    let mut record: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut line = 1;
    let mut start_line = 1;
    let mut in_quotes = false;
    let mut at_field_start = true;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if in_quotes {
            match c {
                '"' if chars.get(i + 1) == Some(&'"') => {
                    field.push('"');
                    i += 1;
                }
                '"' => in_quotes = false,
                '\r' | '\n' => {
                    if c == '\r' && chars.get(i + 1) == Some(&'\n') {
                        i += 1;
                    }
                    line += 1;
                    field.push('\n');
                }
                c => field.push(c),
            }
        } else if c == '"' && at_field_start {
            in_quotes = true;
            at_field_start = false;
        } else if c == delimiter {
            record.push(std::mem::take(&mut field));
            at_field_start = true;
        } else if c == '\r' || c == '\n' {
            if c == '\r' && chars.get(i + 1) == Some(&'\n') {
                i += 1;
            }
            record.push(std::mem::take(&mut field));
            out.push((start_line, std::mem::take(&mut record)));
            line += 1;
            start_line = line;
            at_field_start = true;
        } else {
            field.push(c);
            at_field_start = false;
        }
        i += 1;
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        out.push((start_line, record));
    }
    out
}

/// Comma-separated, unless the header line has more tabs than commas.
fn delimiter(text: &str) -> char {
    let first = text.lines().next().unwrap_or("");
    if first.matches('\t').count() > first.matches(',').count() {
        '\t'
    } else {
        ','
    }
}

fn find_column(header: &[String], spellings: &[&str]) -> Option<usize> {
    spellings
        .iter()
        .find_map(|s| header.iter().position(|h| key(h) == *s))
}

/// Reads a unit-cost CSV against the project's library and partners.
pub fn read(text: &str, project: &Project) -> Result<UnitCostImport, UnitCostError> {
    let mut rows = records(text, delimiter(text))
        .into_iter()
        .filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()));
    let (header_line, header) = rows.next().ok_or(UnitCostError::Empty)?;
    let required = |column: &'static str, spellings: &[&str]| {
        find_column(&header, spellings).ok_or_else(|| UnitCostError::MissingColumn {
            line: header_line,
            column,
            expected: spellings.join(", "),
        })
    };
    let name_col = required("name", &NAME)?;
    let value_col = required("value", &VALUE)?;
    let year_col = required("price year", &YEAR)?;
    let partner_col = find_column(&header, &PARTNER);
    let source_col = find_column(&header, &SOURCE);

    let mut import = UnitCostImport::default();
    // Names imported so far (folded) and their lines: a map, so a file of many rows is
    // read in time proportional to its length.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (line, row) in rows {
        let cell = |col: usize| row.get(col).map_or("", |c| c.trim());
        let name = cell(name_col).to_owned();
        let note = |message: String| RowNote {
            line,
            name: name.clone(),
            message,
        };
        if name.is_empty() {
            import
                .errors
                .push(note("the row has no name; it is left out".into()));
            continue;
        }
        let folded = name.to_lowercase();
        if let Some(existing) = project
            .unit_values
            .iter()
            .find(|u| u.name.trim().to_lowercase() == folded)
        {
            import.existing.push(note(format!(
                "the library already has '{}'; skipped, the library's value is kept",
                existing.name
            )));
            continue;
        }
        if let Some(first) = seen.get(&folded) {
            import.errors.push(note(format!(
                "the name repeats line {first}; this row is left out"
            )));
            continue;
        }
        let value_text = cell(value_col);
        let value = match format::parse_amount(value_text) {
            Ok(v) => v,
            Err(format::InputError::NotNumber(_)) => {
                import.errors.push(note(format!(
                    "the value '{value_text}' is not a number; the row is left out"
                )));
                continue;
            }
            Err(e) => {
                import.errors.push(note(format!(
                    "the value '{value_text}' cannot be used ({e}); the row is left out"
                )));
                continue;
            }
        };
        let year_text = cell(year_col);
        let Some(price_year) = FinancialYear::parse(year_text) else {
            import.errors.push(note(if year_text.is_empty() {
                "the row has no price year; it is left out".to_owned()
            } else {
                format!(
                    "the price year '{year_text}' is not a year like 2019/20 or 2019; the row is left out"
                )
            }));
            continue;
        };
        let mut source = source_col.map_or("", cell).to_owned();
        let agency = partner_col.map_or("", cell);
        let partner = if agency.is_empty() {
            None
        } else if let Some(p) = project
            .partners
            .iter()
            .find(|p| p.name == agency || key(&p.name) == key(agency))
        {
            Some(p.name.clone())
        } else {
            import.notes.push(note(format!(
                "'{agency}' is not one of the project's partners; imported without a partner, with the agency kept in the source"
            )));
            source = if source.is_empty() {
                format!("agency: {agency}")
            } else {
                format!("{source} (agency: {agency})")
            };
            None
        };
        seen.insert(folded, line);
        import.values.push(Imported {
            line,
            value: UnitValue {
                name,
                value: Money(value),
                price_year,
                partner,
                source,
            },
        });
    }
    Ok(import)
}

/// Converts each imported value to the project's price base year:
/// real = value × deflator(base) / deflator(price year), rounded to the penny (half
/// away from zero). The source records the original price year. A value whose year
/// (or the base year) has no deflator is left in its own prices and reported in
/// `notes`; the appraisal rebases it once the deflator is added.
pub fn rebase(project: &Project, import: &mut UnitCostImport) {
    let base = project.settings.price_base_year;
    for item in &mut import.values {
        let uv = &mut item.value;
        if uv.price_year == base {
            continue;
        }
        match rebase_factor(project, uv.price_year) {
            Ok(factor) => match uv.value.0.checked_mul(factor) {
                Some(real) => {
                    let from = uv.price_year;
                    let original = format::money(uv.value.0, &project.settings.currency_symbol);
                    uv.value = Money(format::round(real, 2));
                    uv.price_year = base;
                    let rebased = format!("rebased from {original} in {from} prices");
                    uv.source = if uv.source.is_empty() {
                        rebased
                    } else {
                        format!("{}; {rebased}", uv.source)
                    };
                }
                None => import.notes.push(RowNote {
                    line: item.line,
                    name: uv.name.clone(),
                    message: "the value is too large to rebase; kept in its own prices".into(),
                }),
            },
            Err(e) => {
                let message = match e {
                    LineError::Missing(what) => format!(
                        "there is no {} to rebase it with; kept in {} prices (the appraisal rebases it once the deflator is added)",
                        what.trim_start_matches("a "),
                        uv.price_year
                    ),
                    LineError::Overflow | LineError::Invalid => {
                        "the deflators are too large to rebase with; kept in its own prices".into()
                    }
                };
                import.notes.push(RowNote {
                    line: item.line,
                    name: uv.name.clone(),
                    message,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_follow_rfc_4180() {
        let r = records("a,\"b,\"\"c\"\"\",\r\n\"two\nlines\",x\n", ',');
        assert_eq!(
            r,
            vec![
                (1, vec!["a".to_owned(), "b,\"c\"".into(), String::new()]),
                (2, vec!["two\nlines".to_owned(), "x".into()]),
            ]
        );
    }

    #[test]
    fn header_spellings_are_forgiving() {
        let header: Vec<String> = ["Outcome", "Unit cost (£)", "Price base", "Agency", "Source"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        assert_eq!(find_column(&header, &NAME), Some(0));
        assert_eq!(find_column(&header, &VALUE), Some(1));
        assert_eq!(find_column(&header, &YEAR), Some(2));
        assert_eq!(find_column(&header, &PARTNER), Some(3));
        assert_eq!(find_column(&header, &SOURCE), Some(4));
    }
}
