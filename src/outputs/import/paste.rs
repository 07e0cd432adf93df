//! Pasting a block of cells copied from a spreadsheet into the cost and benefit tables.
//!
//! [`parse_block`] reads the tab-separated text a spreadsheet puts on the clipboard
//! (quoted cells with tabs, newlines or doubled quotes inside; Windows CRLF, old Mac CR
//! or Unix LF line endings; a trailing newline; empty cells). The functions
//! [`other_costs`], [`staff_time`] and [`direct_benefits`] then turn rows into lines of
//! the model, one line a row, by the column layouts in docs/EXPORTS.md.
//!
//! A cell that does not parse is reported with its row and column (both counted from 1
//! within the pasted block) and the reason; the rest of the row is kept, the cell taking
//! a stated default (zero for an amount). Only a row without a name is left out.
//! Numbers follow the app's own input rules (`format::parse_amount`,
//! `format::parse_percent`).

use crate::format::{self, InputError};
use crate::model::{
    BenefitDetail, BenefitLine, BenefitType, CostDetail, CostLine, CostType, FinancialYear, Layer,
    Optimism, OtherCategory, OtherCost, Profile, Project, Rate, StaffTime,
};
use rust_decimal::Decimal;
use std::fmt;

/// A cell that could not be read as its column asks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellError {
    /// Row within the pasted block, from 1 (the header row, if any, is row 1).
    pub row: usize,
    /// Column within the pasted block, from 1.
    pub column: usize,
    /// The cell as pasted.
    pub text: String,
    /// Why it was not read, and what was done instead.
    pub reason: String,
}

impl fmt::Display for CellError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "row {}, column {}: {}",
            self.row, self.column, self.reason
        )
    }
}

/// The lines read from a pasted block and the cells that could not be read.
#[derive(Clone, Debug, PartialEq)]
pub struct Pasted<T> {
    pub lines: Vec<T>,
    pub errors: Vec<CellError>,
    /// The first row was taken as a header (its first cell is "Name").
    pub header: bool,
}

/// Reads a tab-separated block into rows of cells.
///
/// A cell that starts with `"` is quoted: it runs to the next `"` not doubled, and may
/// hold tabs and line breaks (`""` is one `"`). A quote that is never closed is taken
/// as an ordinary character. Line breaks inside a quoted cell become `\n`. A trailing
/// line break does not make an empty last row; a byte-order mark is ignored.
pub fn parse_block(text: &str) -> Vec<Vec<String>> {
    let chars: Vec<char> = text.trim_start_matches('\u{feff}').chars().collect();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut at_cell_start = true;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if at_cell_start
            && c == '"'
            && let Some((content, next)) = quoted(&chars, i)
        {
            cell.push_str(&content);
            i = next;
            at_cell_start = false;
            continue;
        }
        at_cell_start = false;
        match c {
            '\t' => {
                row.push(std::mem::take(&mut cell));
                at_cell_start = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.get(i + 1) == Some(&'\n') {
                    i += 1;
                }
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
                at_cell_start = true;
            }
            c => cell.push(c),
        }
        i += 1;
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

/// The content of a quoted cell starting at `start` and the index after its closing
/// quote, or `None` if the quote is never closed.
fn quoted(chars: &[char], start: usize) -> Option<(String, usize)> {
    let mut content = String::new();
    let mut j = start + 1;
    while j < chars.len() {
        match chars[j] {
            '"' if chars.get(j + 1) == Some(&'"') => {
                content.push('"');
                j += 2;
            }
            '"' => return Some((content, j + 1)),
            '\r' => {
                content.push('\n');
                j += if chars.get(j + 1) == Some(&'\n') {
                    2
                } else {
                    1
                };
            }
            c => {
                content.push(c);
                j += 1;
            }
        }
    }
    None
}

// ---------------------------------------------------------------------------
// Reading cells

/// Lower case letters and digits only: "In kind", "in-kind" and "InKind" all read "inkind".
fn key(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The option whose label or variant name matches `text`, ignoring case, spaces and punctuation.
fn choose<T: Copy + fmt::Debug>(
    text: &str,
    options: &[T],
    label: impl Fn(T) -> &'static str,
) -> Option<T> {
    let wanted = key(text);
    options
        .iter()
        .copied()
        .find(|o| key(label(*o)) == wanted || key(&format!("{o:?}")) == wanted)
}

fn labels<T: Copy>(options: &[T], label: impl Fn(T) -> &'static str) -> String {
    options
        .iter()
        .map(|o| label(*o))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A spreadsheet's accounting zero: "-", "£ -", "–".
fn is_accounting_zero(text: &str) -> bool {
    let rest: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '£' | '$' | '€'))
        .collect();
    rest == "-" || rest == "–" || rest == "—"
}

/// One pasted row being read: its cells and where to report problems.
struct RowReader<'a> {
    row: usize,
    cells: &'a [String],
    errors: &'a mut Vec<CellError>,
}

impl RowReader<'_> {
    /// The trimmed cell in `column` (from 1), empty where the row is short.
    fn cell(&self, column: usize) -> &str {
        self.cells
            .get(column.wrapping_sub(1))
            .map_or("", |c| c.trim())
    }

    fn error(&mut self, column: usize, reason: String) {
        let text = self.cell(column).to_owned();
        self.errors.push(CellError {
            row: self.row,
            column,
            text,
            reason,
        });
    }

    /// A choice from a list; empty gives `default` silently, anything unknown gives
    /// `default` with an error.
    fn choice<T: Copy + fmt::Debug>(
        &mut self,
        column: usize,
        what: &str,
        options: &[T],
        label: impl Fn(T) -> &'static str + Copy,
        default: T,
    ) -> T {
        let text = self.cell(column);
        if text.is_empty() {
            return default;
        }
        match choose(text, options, label) {
            Some(v) => v,
            None => {
                let reason = format!(
                    "'{text}' is not a {what} (one of {}); taken as {}",
                    labels(options, label),
                    label(default)
                );
                self.error(column, reason);
                default
            }
        }
    }

    fn optional_layer(&mut self, column: usize) -> Option<Layer> {
        let text = self.cell(column);
        if text.is_empty() || key(text) == "none" {
            return None;
        }
        let found = choose(text, &Layer::ALL, Layer::label);
        if found.is_none() {
            let reason = format!(
                "'{text}' is not a governance layer (one of {}); left without a layer",
                labels(&Layer::ALL, Layer::label)
            );
            self.error(column, reason);
        }
        found
    }

    /// A partner's name, checked against the project; an unknown name is kept (so it
    /// can be added or corrected) and reported.
    fn partner(&mut self, column: usize, project: &Project, required: bool) -> Option<String> {
        let text = self.cell(column).to_owned();
        if text.is_empty() {
            if required {
                self.error(
                    column,
                    "enter the partner who bears this cost; the line is kept without one".into(),
                );
                return Some(String::new());
            }
            return None;
        }
        if let Some(p) = project.partners.iter().find(|p| p.name == text) {
            return Some(p.name.clone());
        }
        // Forgive case and spacing, which spreadsheets often change.
        if let Some(p) = project.partners.iter().find(|p| key(&p.name) == key(&text)) {
            return Some(p.name.clone());
        }
        self.error(
            column,
            format!("there is no partner '{text}' in this project; the line is kept, and is left out of the results until the partner is added or the name corrected"),
        );
        Some(text)
    }

    /// An amount or quantity: zero or more, at the app's precision.
    fn amount(&mut self, column: usize, what: &str) -> Decimal {
        let text = self.cell(column);
        if text.is_empty() || is_accounting_zero(text) {
            return Decimal::ZERO;
        }
        match format::parse_amount(text) {
            Ok(v) => v,
            Err(e) => {
                let reason = format!("{what}: {}; taken as 0", input_reason(&e, text));
                self.error(column, reason);
                Decimal::ZERO
            }
        }
    }

    /// A share from 0% to 100%, typed "60%" or "60" (as the app's fields read it).
    fn share(&mut self, column: usize, what: &str) -> Rate {
        let text = self.cell(column);
        if text.is_empty() {
            return Rate::ZERO;
        }
        match format::parse_percent(text, Decimal::ONE_HUNDRED) {
            Ok(v) => Rate(v),
            Err(e) => {
                let reason = format!("{what}: {}; taken as 0%", input_reason(&e, text));
                self.error(column, reason);
                Rate::ZERO
            }
        }
    }
}

fn input_reason(e: &InputError, text: &str) -> String {
    match e {
        InputError::NotNumber(_) => format!("'{text}' is not a number"),
        other => other.to_string(),
    }
}

/// Where one value column goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    /// Into this year index.
    Year(usize),
    /// Nowhere: its header names a year outside the appraisal or a year already taken
    /// (the header cell is reported once).
    Ignored,
    /// Nowhere: it is past the longest horizon the app computes (each filled cell is reported).
    Beyond,
}

/// Where each value column's year falls: from a header of financial years if there is
/// one, otherwise consecutive years from year index 0.
struct Years {
    /// One slot for each value column, by position after the fixed columns.
    slots: Vec<Slot>,
}

impl Years {
    fn new(
        header: Option<&[String]>,
        first_value_column: usize,
        width: usize,
        project: &Project,
        errors: &mut Vec<CellError>,
    ) -> Self {
        let first_year = project.settings.first_year;
        let max = crate::appraisal::MAX_HORIZON_YEARS as usize;
        let mut taken: Vec<(usize, usize)> = Vec::new(); // (year index, column)
        let mut slots = Vec::new();
        for (k, column) in (first_value_column..=width).enumerate() {
            let label = header
                .and_then(|h| h.get(column - 1))
                .map_or("", |s| s.trim());
            let mut report = |reason: String| {
                errors.push(CellError {
                    row: 1,
                    column,
                    text: label.to_owned(),
                    reason,
                })
            };
            let slot = match FinancialYear::parse(label) {
                Some(year) => {
                    let offset = i64::from(year.0) - i64::from(first_year.0);
                    match usize::try_from(offset).ok().filter(|t| *t < max) {
                        None => {
                            report(format!(
                                "{year} is outside the appraisal, which starts in {first_year}; this column is ignored"
                            ));
                            Slot::Ignored
                        }
                        Some(t) => match taken.iter().find(|(year, _)| *year == t) {
                            Some((_, earlier)) => {
                                report(format!(
                                    "{year} is already column {earlier}; this column is ignored"
                                ));
                                Slot::Ignored
                            }
                            None => {
                                taken.push((t, column));
                                Slot::Year(t)
                            }
                        },
                    }
                }
                None if k < max => Slot::Year(k),
                None => Slot::Beyond,
            };
            slots.push(slot);
        }
        Years { slots }
    }

    /// The values of a row's value columns as a profile by year.
    fn profile(&self, reader: &mut RowReader<'_>, first: usize, what: &str) -> Profile {
        // Only the row's own cells can be filled: looking no further keeps a block with
        // one very wide row from costing its width on every row.
        let end = (first + self.slots.len()).min(reader.cells.len() + 1);
        let last_filled = (first..end).rev().find(|c| !reader.cell(*c).is_empty());
        let mut values: Vec<Decimal> = Vec::new();
        if let Some(last) = last_filled {
            for (slot, column) in self.slots.iter().zip(first..=last) {
                match *slot {
                    Slot::Year(t) => {
                        let v = reader.amount(column, what);
                        if values.len() <= t {
                            values.resize(t + 1, Decimal::ZERO);
                        }
                        values[t] = v;
                    }
                    Slot::Ignored => {}
                    Slot::Beyond => {
                        if !reader.cell(column).is_empty() {
                            let reason = format!(
                                "past the {} years the app appraises; ignored",
                                crate::appraisal::MAX_HORIZON_YEARS
                            );
                            reader.error(column, reason);
                        }
                    }
                }
            }
        }
        Profile::PerYear(values)
    }
}

/// Shared plumbing: header detection, blank rows, names; `make` builds a line from a
/// row whose name is present.
fn read_lines<T>(
    project: &Project,
    rows: &[Vec<String>],
    first_value_column: usize,
    mut make: impl FnMut(&mut RowReader<'_>, &Years, String) -> T,
) -> Pasted<T> {
    let mut errors = Vec::new();
    let header = rows
        .first()
        .and_then(|r| r.first())
        .is_some_and(|c| key(c) == "name");
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let years = Years::new(
        if header {
            rows.first().map(Vec::as_slice)
        } else {
            None
        },
        first_value_column,
        width,
        project,
        &mut errors,
    );
    let mut lines = Vec::new();
    for (i, cells) in rows.iter().enumerate().skip(usize::from(header)) {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut reader = RowReader {
            row: i + 1,
            cells,
            errors: &mut errors,
        };
        let name = reader.cell(1).to_owned();
        if name.is_empty() {
            reader.error(1, "a line needs a name; this row is left out".into());
            continue;
        }
        lines.push(make(&mut reader, &years, name));
    }
    Pasted {
        lines,
        errors,
        header,
    }
}

/// Other costs. Columns: 1 name, 2 partner, 3 category, 4 cost type, 5 governance
/// layer, 6 onwards the amount in each year from the first year (or in the financial
/// years a header row names). Empty category: Other; empty cost type: Revenue; empty
/// layer: none.
pub fn other_costs(project: &Project, rows: &[Vec<String>]) -> Pasted<CostLine> {
    read_lines(project, rows, 6, |r, years, name| {
        let partner = r.partner(2, project, true).unwrap_or_default();
        let category = r.choice(
            3,
            "category",
            &OtherCategory::ALL,
            OtherCategory::label,
            OtherCategory::Other,
        );
        let cost_type = r.choice(
            4,
            "cost type",
            &CostType::ALL,
            CostType::label,
            CostType::Revenue,
        );
        let layer = r.optional_layer(5);
        let amounts = years.profile(r, 6, "amount");
        CostLine {
            name,
            cost_type,
            optimism: Optimism::default(),
            source: String::new(),
            detail: CostDetail::Other(OtherCost {
                category,
                partner,
                layer,
                amounts,
            }),
            range: None,
            prices: crate::model::Prices::Real,
        }
    })
}

/// Staff time. Columns: 1 name, 2 partner, 3 grade (on that partner's rate card),
/// 4 governance layer, 5 onwards hours a year in each year. Empty layer: Operational.
/// The cost type is In kind, as for staff time added in the app.
pub fn staff_time(project: &Project, rows: &[Vec<String>]) -> Pasted<CostLine> {
    read_lines(project, rows, 5, |r, years, name| {
        let partner = r.partner(2, project, true).unwrap_or_default();
        let grade_text = r.cell(3).to_owned();
        let grade = match project.partner(&partner) {
            _ if grade_text.is_empty() => {
                r.error(
                    3,
                    "enter the staff grade; the line is kept without one".into(),
                );
                String::new()
            }
            Some(p) => match p
                .grades
                .iter()
                .find(|g| g.name == grade_text || key(&g.name) == key(&grade_text))
            {
                Some(g) => g.name.clone(),
                None => {
                    r.error(
                        3,
                        format!("{partner} has no grade '{grade_text}'; the line is kept, and is left out of the results until the grade is added or the name corrected"),
                    );
                    grade_text
                }
            },
            None => grade_text,
        };
        let layer = r.choice(
            4,
            "governance layer",
            &Layer::ALL,
            Layer::label,
            Layer::Operational,
        );
        let hours = years.profile(r, 5, "hours");
        CostLine {
            name,
            cost_type: CostType::InKind,
            optimism: Optimism::default(),
            source: String::new(),
            detail: CostDetail::StaffTime(StaffTime {
                partner,
                grade,
                layer,
                hours,
                unit: crate::model::TimeUnit::Hours,
            }),
            range: None,
            prices: crate::model::Prices::Real,
        }
    })
}

/// Benefits by amount (direct benefits). Columns: 1 name, 2 type (fiscal, economic or
/// social), 3 partner (whose budget a fiscal benefit saves, or who an economic or
/// social benefit accrues to; may be empty for those), 4 cashable share (fiscal only;
/// "60%" or "60"), 5 onwards the amount in each year. Empty type: Fiscal.
pub fn direct_benefits(project: &Project, rows: &[Vec<String>]) -> Pasted<BenefitLine> {
    read_lines(project, rows, 5, |r, years, name| {
        let benefit_type = r.choice(
            2,
            "benefit type",
            &BenefitType::ALL,
            BenefitType::label,
            BenefitType::Fiscal,
        );
        let fiscal = benefit_type == BenefitType::Fiscal;
        let partner = r.partner(3, project, false);
        if fiscal && partner.is_none() {
            r.error(
                3,
                "a fiscal benefit names the partner whose budget it saves; the line is kept without one".into(),
            );
        }
        let cashable_share = r.share(4, "cashable share");
        if !fiscal && !cashable_share.0.is_zero() {
            r.error(
                4,
                "only a fiscal benefit can be cashable; the share is ignored".into(),
            );
        }
        let amounts = years.profile(r, 5, "amount");
        BenefitLine {
            name,
            benefit_type,
            partner,
            cashable_share: if fiscal { cashable_share } else { Rate::ZERO },
            optimism: Optimism::default(),
            source: String::new(),
            detail: BenefitDetail::Direct(amounts),
            range: None,
            disbenefit: false,
            prices: crate::model::Prices::Real,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_cells_keep_tabs_newlines_and_quotes() {
        let rows = parse_block("a\t\"b\tc\"\t\"say \"\"hi\"\"\"\r\n\"two\r\nlines\"\t\t3\r\n");
        assert_eq!(
            rows,
            vec![
                vec!["a".to_owned(), "b\tc".into(), "say \"hi\"".into()],
                vec!["two\nlines".to_owned(), String::new(), "3".into()],
            ]
        );
    }

    #[test]
    fn an_unclosed_quote_is_an_ordinary_character() {
        assert_eq!(
            parse_block("\"open\tx\ny"),
            vec![vec!["\"open".to_owned(), "x".into()], vec!["y".to_owned()]]
        );
    }

    #[test]
    fn old_mac_line_endings_and_no_trailing_newline() {
        assert_eq!(
            parse_block("a\tb\rc\td"),
            vec![
                vec!["a".to_owned(), "b".into()],
                vec!["c".to_owned(), "d".into()]
            ]
        );
        assert!(parse_block("").is_empty());
        assert_eq!(parse_block("\n"), vec![vec![String::new()]]);
    }

    #[test]
    fn choices_ignore_case_and_spacing() {
        assert_eq!(
            choose("in-kind", &CostType::ALL, CostType::label),
            Some(CostType::InKind)
        );
        assert_eq!(
            choose(
                "researchandintelligence",
                &OtherCategory::ALL,
                OtherCategory::label
            ),
            Some(OtherCategory::ResearchAndIntelligence)
        );
        assert!(is_accounting_zero(" £ -   "));
    }
}
