//! The XLSX workbook: a summary, one sheet of yearly flows per partnership (and one for
//! the portfolio), and who pays and who benefits.
//!
//! Inputs (costs and benefits by year, discount rates) are written as numbers; every
//! derived figure (discount factors, discounted values, present values, ratios,
//! payback, partner positions, totals) is a live formula with the engine's value
//! cached beside it, so the workbook shows the app's numbers before it is recalculated
//! and recalculates to them. This is the one place where a `Decimal` becomes an `f64`:
//! a workbook stores doubles.
//!
//! This module holds the layout (rows and columns), sheet names, styles, the `Sheet`
//! writer and `build`; each kind of sheet has its own file: `flows.rs`, `summary.rs`,
//! `who_pays.rs`, `analysis.rs`.

use super::ExportError;
use super::yearly::{PartnerYearly, partner_yearly};
use crate::appraisal::{Appraisal, Payback};
use crate::model::{Project, first_free_name};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    Chart, DocProperties, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet,
    XlsxError, column_number_to_name,
};

mod actuals;
mod analysis;
mod flows;
mod register;
mod summary;
mod who_pays;

use actuals::actuals_sheet;
use analysis::analysis_sheet;
use flows::FlowsSheet;
use summary::summary_sheet;
use who_pays::who_pays_sheet;

/// Excel's limit on a sheet name, in UTF-16 code units.
pub const MAX_SHEET_NAME: usize = 31;
/// Excel's limit on the text of one formula.
const MAX_FORMULA: usize = 8000;
/// Excel's limit on the characters in one cell (a little under, to be safe).
const MAX_CELL_TEXT: usize = 32_000;
/// The last column Excel has (XFD), zero-based.
const LAST_COLUMN: u32 = 16_383;

const SUMMARY: &str = "Summary";
const WHO_PAYS: &str = "Who pays";
const PORTFOLIO: &str = "Portfolio";
/// Names the workbook uses itself, and "History", which Excel reserves.
const ANALYSIS: &str = "Switching values";
/// The sheet of plan against actual, when a baseline is set or an actual entered.
const PLAN_VS_ACTUAL: &str = "Plan vs actual";
/// The register's sheet, where the project keeps a register or reviews.
const REGISTER: &str = "Register";
const RESERVED: [&str; 7] = [
    SUMMARY,
    WHO_PAYS,
    PORTFOLIO,
    ANALYSIS,
    PLAN_VS_ACTUAL,
    REGISTER,
    "History",
];

const NEGATIVE_FLAG: &str = "Negative net value: consider scaling down";
/// What a flag cell shows otherwise. Never an empty string: LibreOffice, which by
/// default shows cached values without recalculating, reads a cached "" as 0.
const NO_FLAG: &str = "-";
/// What the payback helper shows in a year where payback is not reached (not "", as above).
const NOT_THIS_YEAR: &str = "no";

// Rows of a flows sheet (zero-based).
const R_PVC: u32 = 4;
const R_PV_FISCAL: u32 = 5;
const R_PV_CASHABLE: u32 = 6;
const R_PV_ECONOMIC: u32 = 7;
const R_PV_SOCIAL: u32 = 8;
const R_PVB: u32 = 9;
const R_NET: u32 = 10;
const R_BCR: u32 = 11;
const R_BUDGET: u32 = 12;
const R_FISCAL_ROI: u32 = 13;
const R_CASHABLE_ROI: u32 = 14;
const R_PUBLIC_ROI: u32 = 15;
const R_PAYBACK: u32 = 16;
const R_FLAG: u32 = 17;
const R_FISCAL_PAYBACK: u32 = 18;
const R_SROI_IMPACT: u32 = 19;
const R_SROI_INPUTS: u32 = 20;
const R_SROI: u32 = 21;
const R_GROUP: u32 = 23;
const R_HEAD: u32 = 24;
const R_FIRST: u32 = 25;

// Columns of a flows sheet (zero-based).
const C_YEAR: u16 = 0;
const C_INDEX: u16 = 1;
const C_RATE: u16 = 2;
const C_FACTOR: u16 = 3;
const C_COSTS: u16 = 4;
const C_FISCAL: u16 = 5;
const C_CASHABLE: u16 = 6;
const C_ECONOMIC: u16 = 7;
const C_SOCIAL: u16 = 8;
const C_NET: u16 = 9;
const C_DISCOUNTED: u16 = 10;
const C_CUMULATIVE: u16 = 11;
const C_PAYBACK: u16 = 12;
const C_SROI_FACTOR: u16 = 13;
const C_FISCAL_CUMULATIVE: u16 = 14;
const C_FISCAL_PAYBACK: u16 = 15;
const C_PARTNERS: u16 = 17;

/// A workbook stores doubles: the one conversion from `Decimal`.
fn double(value: Decimal) -> f64 {
    value.to_f64().unwrap_or(0.0)
}

/// The cached result of a formula, as the workbook stores it.
fn cached(value: Decimal) -> String {
    double(value).to_string()
}

fn cached_ratio(value: Option<Decimal>) -> String {
    value.map_or_else(|| "n/a".to_owned(), cached)
}

fn cached_payback(payback: Payback) -> String {
    match payback {
        Payback::Years(y) => cached(y),
        Payback::Never => "never".to_owned(),
    }
}

/// Text as a cell can hold it.
fn cell_text(text: &str) -> String {
    if text.chars().count() <= MAX_CELL_TEXT {
        text.to_owned()
    } else {
        text.chars().take(MAX_CELL_TEXT).collect()
    }
}

/// A1-style reference, absolute: `$B$5`.
fn abs(row: u32, col: u16) -> String {
    format!("${}${}", column_number_to_name(col), row + 1)
}

/// A1-style reference, relative: `B5`.
fn rel(row: u32, col: u16) -> String {
    format!("{}{}", column_number_to_name(col), row + 1)
}

/// A sheet name as a formula refers to it: always quoted, apostrophes doubled.
fn sheet_ref(name: &str) -> String {
    format!("'{}'", name.replace('\'', "''"))
}

// ---------------------------------------------------------------------------
// Sheet names

/// Replaces what Excel refuses in a sheet name and trims it.
fn clean_sheet_name(name: &str) -> String {
    let mapped: String = name
        .chars()
        .map(|c| match c {
            '[' => '(',
            ']' => ')',
            ':' | '/' | '\\' => '-',
            '*' | '?' => ' ',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let collapsed = mapped.split_whitespace().collect::<Vec<_>>().join(" ");
    trim_name(&collapsed)
}

/// A sheet name may not start or end with an apostrophe.
fn trim_name(name: &str) -> String {
    name.trim_matches(|c: char| c == '\'' || c.is_whitespace())
        .to_owned()
}

/// The longest prefix of `name` within `max` UTF-16 code units, trimmed again.
fn truncate_name(name: &str, max: usize) -> String {
    let mut used = 0;
    let mut out = String::new();
    for c in name.chars() {
        used += c.len_utf16();
        if used > max {
            break;
        }
        out.push(c);
    }
    trim_name(&out)
}

/// A valid name not yet `taken` (Excel compares names ignoring case): "Name", "Name (2)", ...
fn unique_name(base: &str, taken: &mut Vec<String>) -> String {
    let name = first_free_name(
        truncate_name(base, MAX_SHEET_NAME),
        |k| {
            let suffix = format!(" ({k})");
            let room = MAX_SHEET_NAME.saturating_sub(suffix.len());
            format!("{}{suffix}", truncate_name(base, room))
        },
        |candidate| {
            let lower = candidate.to_lowercase();
            candidate.is_empty() || taken.iter().any(|t| t.to_lowercase() == lower)
        },
    );
    taken.push(name.clone());
    name
}

/// The sheet name of each partnership, in project order: Excel's forbidden characters
/// `[ ] : * ? / \` replaced, at most 31 characters, no leading or trailing apostrophe,
/// unique ignoring case, and never one of the workbook's own sheet names.
pub fn sheet_names(project: &Project) -> Vec<String> {
    let mut taken: Vec<String> = RESERVED.iter().map(|s| (*s).to_owned()).collect();
    project
        .partnerships
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut base = clean_sheet_name(&p.name);
            if base.is_empty() {
                base = format!("Partnership {}", i + 1);
            }
            unique_name(&base, &mut taken)
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Formats

struct Styles {
    title: Format,
    wrap: Format,
    bold: Format,
    header: Format,
    money: Format,
    money_bold: Format,
    ratio: Format,
    factor: Format,
    percent: Format,
    years: Format,
    flag: Format,
}

impl Styles {
    fn new(symbol: &str) -> Self {
        let money = money_format(symbol);
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            bold: Format::new().set_bold(),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_border_bottom(FormatBorder::Thin),
            money: Format::new().set_num_format(&money),
            money_bold: Format::new().set_num_format(&money).set_bold(),
            ratio: Format::new()
                .set_num_format("0.0000;(0.0000)")
                .set_align(FormatAlign::Right),
            factor: Format::new().set_num_format("0.0000"),
            percent: Format::new().set_num_format("0.00%"),
            years: Format::new()
                .set_num_format("0.00")
                .set_align(FormatAlign::Right),
            flag: Format::new().set_bold().set_font_color(0x00B0_0020),
        }
    }
}

/// `"£"#,##0.00;("£"#,##0.00)`: the project's currency symbol, negatives in brackets.
pub(super) fn money_format(symbol: &str) -> String {
    let symbol: String = symbol.chars().filter(|c| *c != '"').collect();
    if symbol.is_empty() {
        "#,##0.00;(#,##0.00)".to_owned()
    } else {
        format!("\"{symbol}\"#,##0.00;(\"{symbol}\"#,##0.00)")
    }
}

// ---------------------------------------------------------------------------
// A worksheet with errors that name it

fn named<T>(sheet: &str, result: Result<T, XlsxError>) -> Result<(), ExportError> {
    result.map(|_| ()).map_err(|source| ExportError::Sheet {
        sheet: sheet.to_owned(),
        source,
    })
}

struct Sheet {
    name: String,
    ws: Worksheet,
    /// Each column's width as set, in characters.
    widths: Vec<Option<f64>>,
    /// The widest figure written in each column, in characters as shown.
    figures: Vec<f64>,
}

/// A column's width when none is set: Excel's and LibreOffice's default.
const DEFAULT_WIDTH: f64 = 8.43;

/// The characters `value` takes at most as any of the workbook's number formats shows it:
/// money with the symbol, thousands separators, pence and brackets, or a ratio's four
/// decimal places. Counted as whole characters (separators and brackets are narrower in
/// fact), so a column this wide shows the figure, never "###".
fn shown_chars(value: f64, symbol_chars: usize) -> f64 {
    if !value.is_finite() {
        return 0.0;
    }
    let digits = format!("{:.0}", value.abs().trunc()).len();
    let brackets = if value < 0.0 { 2 } else { 0 };
    let money = symbol_chars + digits + (digits - 1) / 3 + ".00".len() + brackets;
    let ratio = digits + ".0000".len() + brackets;
    money.max(ratio) as f64
}

impl Sheet {
    fn new(name: &str) -> Result<Self, ExportError> {
        let mut ws = Worksheet::new();
        ws.set_name(name).map_err(|source| ExportError::Sheet {
            sheet: name.to_owned(),
            source,
        })?;
        Ok(Sheet {
            name: name.to_owned(),
            ws,
            widths: Vec::new(),
            figures: Vec::new(),
        })
    }

    /// Notes a figure written in column `col`, for [`Self::done`].
    fn figure(&mut self, col: u16, value: f64) {
        let col = usize::from(col);
        if self.figures.len() <= col {
            self.figures.resize(col + 1, 0.0);
        }
        // The symbol is at most a few characters ("£", "€", "CHF").
        self.figures[col] = self.figures[col].max(shown_chars(value, 3));
    }

    /// The worksheet, each column at least as wide as the widest figure written in it
    /// needs, with a character to spare: a narrower column shows "###" in place of the
    /// figure (the plan and actual sheet's baseline net value did, in the borough
    /// example, and every total of a portfolio in the billions).
    fn done(mut self) -> Result<Worksheet, ExportError> {
        for (col, &figure) in (0u16..).zip(&self.figures) {
            let set = self.widths.get(usize::from(col)).copied().flatten();
            let needed = figure + 1.0;
            if needed > set.unwrap_or(DEFAULT_WIDTH) {
                named(&self.name, self.ws.set_column_width(col, needed))?;
            }
        }
        Ok(self.ws)
    }

    fn text(&mut self, row: u32, col: u16, text: &str) -> Result<(), ExportError> {
        named(&self.name, self.ws.write_string(row, col, cell_text(text)))
    }

    fn text_with(
        &mut self,
        row: u32,
        col: u16,
        text: &str,
        format: &Format,
    ) -> Result<(), ExportError> {
        named(
            &self.name,
            self.ws
                .write_string_with_format(row, col, cell_text(text), format),
        )
    }

    fn number(&mut self, row: u32, col: u16, value: f64) -> Result<(), ExportError> {
        self.figure(col, value);
        named(&self.name, self.ws.write_number(row, col, value))
    }

    fn number_with(
        &mut self,
        row: u32,
        col: u16,
        value: f64,
        format: &Format,
    ) -> Result<(), ExportError> {
        self.figure(col, value);
        named(
            &self.name,
            self.ws.write_number_with_format(row, col, value, format),
        )
    }

    fn formula(
        &mut self,
        row: u32,
        col: u16,
        formula: &str,
        result: String,
        format: &Format,
    ) -> Result<(), ExportError> {
        if let Ok(value) = result.parse::<f64>() {
            self.figure(col, value);
        }
        let f = Formula::new(formula).set_result(result);
        named(
            &self.name,
            self.ws.write_formula_with_format(row, col, f, format),
        )
    }

    fn width(&mut self, col: u16, width: f64) -> Result<(), ExportError> {
        let index = usize::from(col);
        if self.widths.len() <= index {
            self.widths.resize(index + 1, None);
        }
        self.widths[index] = Some(width);
        named(&self.name, self.ws.set_column_width(col, width))
    }

    /// Long text wrapped across columns `0..=last_col` of one row, tall enough to show it.
    fn paragraph(
        &mut self,
        row: u32,
        last_col: u16,
        text: &str,
        format: &Format,
        chars_per_line: usize,
    ) -> Result<(), ExportError> {
        let text = cell_text(text);
        let lines = text
            .chars()
            .count()
            .div_ceil(chars_per_line.max(1))
            .clamp(1, 20);
        named(
            &self.name,
            self.ws.merge_range(row, 0, row, last_col, &text, format),
        )?;
        self.height(row, 15.0 * lines as f64)
    }

    fn height(&mut self, row: u32, height: f64) -> Result<(), ExportError> {
        named(&self.name, self.ws.set_row_height(row, height))
    }

    /// A4 landscape, one page wide; optionally only columns `0..=last_col` to `last_row`.
    fn page(&mut self, print_area: Option<(u16, u32)>) -> Result<(), ExportError> {
        self.ws
            .set_paper_size(9)
            .set_landscape()
            .set_print_fit_to_pages(1, 0);
        if let Some((last_col, last_row)) = print_area {
            named(&self.name, self.ws.set_print_area(0, 0, last_row, last_col))?;
        }
        Ok(())
    }

    fn chart(&mut self, row: u32, col: u16, chart: &Chart) -> Result<(), ExportError> {
        named(&self.name, self.ws.insert_chart(row, col, chart))
    }
}

// ---------------------------------------------------------------------------
// The workbook

/// Where one partnership's figures sit in the workbook.
struct Placed {
    sheet: String,
    partners: Vec<PartnerYearly>,
    /// Whether the per-partner yearly columns were written (they are unless there
    /// are more partners than Excel has columns).
    partner_columns: bool,
}

pub fn build(project: &Project, appraisal: &Appraisal) -> Result<Vec<u8>, ExportError> {
    let styles = Styles::new(&project.settings.currency_symbol);
    let n = appraisal.years.len();
    let names = sheet_names(project);
    let placed: Vec<Placed> = names
        .iter()
        .enumerate()
        .zip(&appraisal.partnerships)
        .map(|((i, name), result)| {
            let partners = partner_yearly(project, i, result, n);
            let blocks = u32::try_from(partners.len()).unwrap_or(u32::MAX);
            let last = u32::from(C_PARTNERS).saturating_add(blocks.saturating_mul(4));
            Placed {
                sheet: name.clone(),
                partner_columns: last <= LAST_COLUMN,
                partners,
            }
        })
        .collect();

    let mut workbook = Workbook::new();
    workbook.set_properties(
        &DocProperties::new()
            .set_title(cell_text(&project.name))
            .set_comment(format!(
                "Produced by Partnership Appraisal {}; figures are live formulas with the app's values cached",
                env!("CARGO_PKG_VERSION")
            )),
    );

    workbook.push_worksheet(summary_sheet(project, appraisal, &placed, &styles)?);
    workbook.push_worksheet(who_pays_sheet(project, appraisal, &placed, &styles)?);

    let portfolio_sources: Vec<&str> = placed.iter().map(|p| p.sheet.as_str()).collect();
    let portfolio = FlowsSheet {
        name: PORTFOLIO,
        title: format!("{}: portfolio", project.name),
        subtitle: "All partnerships together; yearly flows are the sum of the partnership sheets"
            .to_owned(),
        flows: &appraisal.portfolio.flows,
        cumulative: &appraisal.portfolio.cumulative_net,
        measures: &appraisal.portfolio.measures,
        partners: &[],
        partner_columns: false,
        sum_of: Some(&portfolio_sources),
    };
    workbook.push_worksheet(portfolio.write(project, appraisal, &styles)?);

    for ((p, result), place) in project
        .partnerships
        .iter()
        .zip(&appraisal.partnerships)
        .zip(&placed)
    {
        let sheet = FlowsSheet {
            name: &place.sheet,
            title: p.name.clone(),
            subtitle: format!(
                "Status: {}. Funding: {}. Members: {}.",
                p.status.label(),
                p.funding.label(),
                if p.members.is_empty() {
                    "none listed".to_owned()
                } else {
                    p.members.join(", ")
                }
            ),
            flows: &result.flows,
            cumulative: &result.cumulative_net,
            measures: &result.measures,
            partners: &place.partners,
            partner_columns: place.partner_columns,
            sum_of: None,
        };
        workbook.push_worksheet(sheet.write(project, appraisal, &styles)?);
    }
    workbook.push_worksheet(analysis_sheet(project, &styles)?);
    if crate::report::ActualsJson::wanted(project) {
        let report = crate::appraisal::actuals::actuals(project, appraisal);
        workbook.push_worksheet(actuals_sheet(&report, &styles)?);
    }
    if project.keeps_review_data() {
        workbook.push_worksheet(register::register_sheet(project, appraisal, &styles)?);
    }

    workbook.save_to_buffer().map_err(ExportError::Package)
}
#[cfg(test)]
mod tests {
    use super::flows::payback_point;
    use super::*;

    #[test]
    fn sheet_names_are_valid_unique_and_short() {
        let mut project = Project::new("p");
        for name in [
            "Health/Care: [pilot]*?",
            "health-care- (pilot)",
            "'quoted'",
            "",
            "Summary",
            "A very long partnership name that goes on and on and on",
            "A very long partnership name that goes on and on and on",
        ] {
            project
                .partnerships
                .push(crate::model::Partnership::new(name));
        }
        let names = sheet_names(&project);
        assert_eq!(names[0], "Health-Care- (pilot)");
        assert_eq!(names[1], "health-care- (pilot) (2)");
        assert_eq!(names[2], "quoted");
        assert_eq!(names[3], "Partnership 4");
        assert_eq!(names[4], "Summary (2)");
        assert_eq!(names[5].encode_utf16().count(), 31);
        assert_eq!(names[6], "A very long partnership nam (2)");
    }

    #[test]
    fn payback_points_follow_the_engine_rule() {
        use crate::appraisal::payback;
        use rust_decimal_macros::dec;
        let cumulative = [
            dec!(0),
            dec!(-100),
            dec!(-20),
            dec!(60),
            dec!(-10),
            dec!(30),
        ];
        assert_eq!(payback_point(&cumulative, 0), None);
        assert_eq!(payback_point(&cumulative, 1), None);
        assert_eq!(payback_point(&cumulative, 3), Some(dec!(3.25)));
        assert_eq!(payback_point(&cumulative, 5), Some(dec!(5.25)));
        // The workbook's MIN over the helper column is the engine's payback.
        let series: [&[Decimal]; 6] = [
            &cumulative,
            &[dec!(0), dec!(5)],
            &[dec!(5)],
            &[dec!(0), dec!(0), dec!(-3), dec!(0), dec!(4)],
            &[dec!(-3), dec!(-1)],
            &[dec!(0), dec!(0)],
        ];
        for c in series {
            let min = (0..c.len()).filter_map(|t| payback_point(c, t)).min();
            let engine = match payback(c).expect("no overflow") {
                Payback::Years(y) => Some(y),
                Payback::Never => None,
            };
            assert_eq!(min, engine, "{c:?}");
        }
    }

    #[test]
    fn money_format_quotes_the_symbol() {
        assert_eq!(money_format("£"), "\"£\"#,##0.00;(\"£\"#,##0.00)");
        assert_eq!(money_format(""), "#,##0.00;(#,##0.00)");
        assert_eq!(money_format("\""), "#,##0.00;(#,##0.00)");
    }
}
