//! The XLSX workbook: a summary, one sheet of yearly flows per partnership (and one for
//! the portfolio), and who pays and who benefits.
//!
//! Inputs (costs and benefits by year, discount rates) are written as numbers; every
//! derived figure (discount factors, discounted values, present values, ratios,
//! payback, partner positions, totals) is a live formula with the engine's value
//! cached beside it, so the workbook shows the app's numbers before it is recalculated
//! and recalculates to them. This is the one place where a `Decimal` becomes an `f64`:
//! a workbook stores doubles.

use super::ExportError;
use super::yearly::{PartnerYearly, partner_yearly};
use crate::appraisal::discount::{discount_factors, rate_for_year};
use crate::appraisal::num::present_value;
use crate::appraisal::{
    AllCompleteness, Appraisal, Flows, Measures, Payback, cumulative_discounted,
};
use crate::model::{Project, Year0Convention, first_free_name};
use crate::palette;
use crate::report;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    Chart, ChartFormat, ChartLegendPosition, ChartLine, ChartSolidFill, ChartType, Color,
    DocProperties, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError,
    column_number_to_name,
};

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
const RESERVED: [&str; 5] = [SUMMARY, WHO_PAYS, PORTFOLIO, ANALYSIS, "History"];

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
        })
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
        named(&self.name, self.ws.write_number(row, col, value))
    }

    fn number_with(
        &mut self,
        row: u32,
        col: u16,
        value: f64,
        format: &Format,
    ) -> Result<(), ExportError> {
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
        let f = Formula::new(formula).set_result(result);
        named(
            &self.name,
            self.ws.write_formula_with_format(row, col, f, format),
        )
    }

    fn width(&mut self, col: u16, width: f64) -> Result<(), ExportError> {
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

    workbook.save_to_buffer().map_err(ExportError::Package)
}

// ---------------------------------------------------------------------------
// Sensitivity and switching values

/// Each partnership's sensitivity (net value with each input group lower and higher)
/// and switching values on both bases, as the engine computes them: values, not
/// formulas, since each is an appraisal of its own.
fn analysis_sheet(project: &Project, styles: &Styles) -> Result<Worksheet, ExportError> {
    use crate::appraisal::uncertainty::{self, Basis};
    let mut s = Sheet::new(ANALYSIS)?;
    s.page(None)?;
    s.width(0, 36.0)?;
    s.width(1, 30.0)?;
    for col in 2..=8 {
        s.width(col, 17.0)?;
    }
    s.text_with(0, 0, "Sensitivity and switching values", &styles.title)?;
    let range = project.settings.simulation.sensitivity.0;
    s.paragraph(
        1,
        8,
        &format!(
            "Net value with each input group {} lower and {} higher, all else as entered; and the multiplier on the input (1 is as entered) at which net value reaches zero, and at which the fiscal return (PV of fiscal benefits / PVC) reaches 1. Exact where the input enters linearly, found by search from 0 to 20 times otherwise; blank where no multiplier does it. Computed by the app: each value is an appraisal of its own, not a formula.",
            crate::format::percent(range),
            crate::format::percent(range)
        ),
        &styles.wrap,
        200,
    )?;
    let headers = [
        "Partnership",
        "Input",
        "Net value, input lower",
        "Net value, input higher",
        "Change",
        "Multiplier for net value to reach zero",
        report::SWITCH_NET_VALUE,
        "Multiplier for the fiscal return to reach 1",
        report::SWITCH_FISCAL,
    ];
    for (col, text) in (0u16..).zip(headers) {
        s.text_with(3, col, text, &styles.header)?;
    }
    s.height(3, 45.0)?;
    let mut row = 4;
    for (index, p) in project.partnerships.iter().enumerate() {
        let sensitivity = uncertainty::sensitivity(project, index, range);
        for v in uncertainty::switching_values(project, index) {
            s.text(row, 0, &p.name)?;
            s.text(row, 1, &v.label)?;
            if let Some(r) = sensitivity.iter().find(|r| r.lever == v.lever) {
                s.number_with(row, 2, double(r.low), &styles.money)?;
                s.number_with(row, 3, double(r.high), &styles.money)?;
                s.number_with(row, 4, double(r.change), &styles.money)?;
            }
            for (col, basis) in [(5, Basis::NetValue), (7, Basis::FiscalReturn)] {
                let factor = match basis {
                    Basis::NetValue => v.net_value,
                    Basis::FiscalReturn => v.fiscal_return,
                };
                if let Some(f) = factor {
                    s.number_with(row, col, double(f), &styles.ratio)?;
                }
                s.text(row, col + 1, &report::switching_change(v.change(basis)))?;
            }
            row += 1;
        }
    }
    Ok(s.ws)
}

// ---------------------------------------------------------------------------
// Flows sheets: one per partnership and one for the portfolio

struct FlowsSheet<'a> {
    name: &'a str,
    title: String,
    subtitle: String,
    flows: &'a Flows,
    cumulative: &'a [Decimal],
    measures: &'a Measures,
    partners: &'a [PartnerYearly],
    partner_columns: bool,
    /// For the portfolio: the partnership sheets whose yearly flows it adds up.
    sum_of: Option<&'a [&'a str]>,
}

/// The column of a partner block's series: 0 costs, 1 fiscal, 2 cashable, 3 economic and social.
fn partner_col(partner: usize, series: u16) -> u16 {
    let col = u32::from(C_PARTNERS) + 4 * partner as u32 + u32::from(series);
    u16::try_from(col).unwrap_or(u16::MAX)
}

/// The value in a year of a series, zero where the series is short.
fn at(series: &[Decimal], t: usize) -> Decimal {
    series.get(t).copied().unwrap_or_default()
}

/// `SUMPRODUCT(factors, column)` over the yearly rows, or `0` when there are none.
fn sumproduct(sheet: Option<&str>, col: u16, n: usize) -> String {
    if n == 0 {
        return "0".to_owned();
    }
    let prefix = sheet
        .map(|s| format!("{}!", sheet_ref(s)))
        .unwrap_or_default();
    let last = R_FIRST + n as u32 - 1;
    format!(
        "SUMPRODUCT({prefix}{}:{},{prefix}{}:{})",
        abs(R_FIRST, C_FACTOR),
        abs(last, C_FACTOR),
        abs(R_FIRST, col),
        abs(last, col)
    )
}

fn ratio_formula(numerator: u32, denominator: u32) -> String {
    let d = abs(denominator, 1);
    format!("IF({d}=0,\"n/a\",{}/{d})", abs(numerator, 1))
}

/// The payback helper of year `t`: the interpolated payback if cumulative discounted
/// net value first turns non-negative in that year, as the engine defines it.
fn payback_point(cumulative: &[Decimal], t: usize) -> Option<Decimal> {
    let after = at(cumulative, t);
    let before = if t == 0 {
        Decimal::ZERO
    } else {
        at(cumulative, t - 1)
    };
    let index = Decimal::from(t as u64);
    if after < Decimal::ZERO {
        return None;
    }
    if before < Decimal::ZERO {
        let within = (-before).checked_div(after.checked_sub(before)?)?;
        index.checked_add(within)
    } else if before.is_zero() && after > Decimal::ZERO {
        Some(index)
    } else {
        None
    }
}

impl FlowsSheet<'_> {
    fn write(
        &self,
        project: &Project,
        appraisal: &Appraisal,
        styles: &Styles,
    ) -> Result<Worksheet, ExportError> {
        let mut s = Sheet::new(self.name)?;
        let n = appraisal.years.len();
        let last = R_FIRST + n as u32; // the total row
        s.text_with(0, 0, &self.title, &styles.title)?;
        s.paragraph(
            1,
            C_PAYBACK,
            &format!(
                "{} Amounts in {} prices (real terms), {}; year 0 convention: {}.",
                self.subtitle,
                project.settings.price_base_year,
                project.settings.discount.label(),
                project.settings.year0.label()
            ),
            &styles.wrap,
            200,
        )?;
        s.page(Some((C_FISCAL_PAYBACK, last)))?;
        s.width(C_YEAR, 36.0)?;
        s.width(C_INDEX, 17.0)?;
        for col in C_RATE..=C_FISCAL_PAYBACK {
            s.width(col, 15.0)?;
        }

        self.results(&mut s, n, styles)?;
        self.yearly(&mut s, project, appraisal, styles)?;

        if n > 0 {
            let mut chart = Chart::new(ChartType::Line);
            chart
                .add_series()
                .set_name("Cumulative discounted net value")
                .set_categories((self.name, R_FIRST, C_YEAR, last - 1, C_YEAR))
                .set_values((self.name, R_FIRST, C_CUMULATIVE, last - 1, C_CUMULATIVE))
                .set_format(
                    ChartFormat::new().set_line(
                        ChartLine::new()
                            .set_color(Color::RGB(palette::BENEFIT.number()))
                            .set_width(2.25),
                    ),
                );
            chart.title().set_name("Cumulative discounted net value");
            chart.x_axis().set_name("Financial year");
            chart
                .y_axis()
                .set_name(&format!(
                    "{} ({} prices)",
                    project.settings.currency_symbol, project.settings.price_base_year
                ))
                .set_num_format(money_format(&project.settings.currency_symbol));
            chart.legend().set_hidden();
            chart.set_alt_text(format!(
                "Line chart of the cumulative discounted net value of {} by year",
                self.title
            ));
            chart.set_width(640).set_height(300);
            s.chart(3, C_FACTOR, &chart)?;
        }
        Ok(s.ws)
    }

    fn results(&self, s: &mut Sheet, n: usize, styles: &Styles) -> Result<(), ExportError> {
        let m = self.measures;
        s.text_with(3, 0, "Results (present values)", &styles.bold)?;
        let b = |row: u32| abs(row, 1);
        let money_rows: [(u32, &str, String, Decimal); 8] = [
            (
                R_PVC,
                "Present value of costs (PVC)",
                sumproduct(None, C_COSTS, n),
                m.pvc,
            ),
            (
                R_PV_FISCAL,
                "PV of fiscal benefits",
                sumproduct(None, C_FISCAL, n),
                m.pvb.fiscal,
            ),
            (
                R_PV_CASHABLE,
                "  of which cashable",
                sumproduct(None, C_CASHABLE, n),
                m.pvb_cashable,
            ),
            (
                R_PV_ECONOMIC,
                "PV of economic benefits",
                sumproduct(None, C_ECONOMIC, n),
                m.pvb.economic,
            ),
            (
                R_PV_SOCIAL,
                "PV of social benefits",
                sumproduct(None, C_SOCIAL, n),
                m.pvb.social,
            ),
            (
                R_PVB,
                "Present value of benefits (PVB)",
                format!("{}+{}+{}", b(R_PV_FISCAL), b(R_PV_ECONOMIC), b(R_PV_SOCIAL)),
                m.pvb_total,
            ),
            (
                R_NET,
                "Net present social value (PVB - PVC)",
                format!("{}-{}", b(R_PVB), b(R_PVC)),
                m.net_value,
            ),
            (
                R_BUDGET,
                "Net budget impact (PV fiscal - PVC)",
                format!("{}-{}", b(R_PV_FISCAL), b(R_PVC)),
                m.net_budget_impact,
            ),
        ];
        for (row, label, formula, value) in money_rows {
            s.text(row, 0, label)?;
            let format = if row == R_NET {
                &styles.money_bold
            } else {
                &styles.money
            };
            s.formula(row, 1, &formula, cached(value), format)?;
        }
        let ratio_rows: [(u32, &str, String, Option<Decimal>); 4] = [
            (
                R_BCR,
                "Benefit-cost ratio (PVB / PVC)",
                ratio_formula(R_PVB, R_PVC),
                m.bcr,
            ),
            (
                R_FISCAL_ROI,
                "Fiscal return on investment (PV fiscal / PVC)",
                ratio_formula(R_PV_FISCAL, R_PVC),
                m.fiscal_roi,
            ),
            (
                R_CASHABLE_ROI,
                "Cashable fiscal return (PV cashable / PVC)",
                ratio_formula(R_PV_CASHABLE, R_PVC),
                m.fiscal_roi_cashable,
            ),
            (
                R_PUBLIC_ROI,
                "Public value return on investment",
                ratio_formula(R_PVB, R_PVC),
                m.public_value_roi,
            ),
        ];
        for (row, label, formula, value) in ratio_rows {
            s.text(row, 0, label)?;
            s.formula(row, 1, &formula, cached_ratio(value), &styles.ratio)?;
        }
        s.text(R_PAYBACK, 0, "Payback (years from the start)")?;
        let payback = if n == 0 {
            "\"never\"".to_owned()
        } else {
            let helper = format!(
                "{}:{}",
                abs(R_FIRST, C_PAYBACK),
                abs(R_FIRST + n as u32 - 1, C_PAYBACK)
            );
            format!(
                "IF({}>0,IF(COUNT({helper})=0,\"never\",MIN({helper})),\"never\")",
                b(R_NET)
            )
        };
        s.formula(
            R_PAYBACK,
            1,
            &payback,
            cached_payback(m.payback),
            &styles.years,
        )?;
        s.text(R_FLAG, 0, "Flag")?;
        s.formula(
            R_FLAG,
            1,
            &format!("IF({}<0,\"{NEGATIVE_FLAG}\",\"{NO_FLAG}\")", b(R_NET)),
            if m.net_value < Decimal::ZERO {
                NEGATIVE_FLAG.to_owned()
            } else {
                NO_FLAG.to_owned()
            },
            &styles.flag,
        )?;

        // Beside the Green Book measures: payback on the fiscal case, and the SROI ratio
        // as SROI practice defines it.
        let helper_range = |col: u16| {
            format!(
                "{}:{}",
                abs(R_FIRST, col),
                abs(R_FIRST + n.max(1) as u32 - 1, col)
            )
        };
        s.text(R_FISCAL_PAYBACK, 0, "Fiscal payback (years, fiscal case)")?;
        let fiscal_payback = if n == 0 {
            "\"never\"".to_owned()
        } else {
            let helper = helper_range(C_FISCAL_PAYBACK);
            format!(
                "IF({}>0,IF(COUNT({helper})=0,\"never\",MIN({helper})),\"never\")",
                b(R_BUDGET)
            )
        };
        s.formula(
            R_FISCAL_PAYBACK,
            1,
            &fiscal_payback,
            cached_payback(m.fiscal_payback),
            &styles.years,
        )?;
        let benefits = [C_FISCAL, C_ECONOMIC, C_SOCIAL];
        let impact = if n == 0 {
            "0".to_owned()
        } else {
            benefits
                .iter()
                .map(|col| {
                    format!(
                        "SUMPRODUCT({},{})",
                        helper_range(C_SROI_FACTOR),
                        helper_range(*col)
                    )
                })
                .collect::<Vec<_>>()
                .join("+")
        };
        s.text(R_SROI_IMPACT, 0, "SROI: PV of impact from year 1")?;
        s.formula(
            R_SROI_IMPACT,
            1,
            &impact,
            cached(m.sroi_impact),
            &styles.money,
        )?;
        s.text(R_SROI_INPUTS, 0, "SROI: inputs, not discounted")?;
        let inputs = if n == 0 {
            "0".to_owned()
        } else {
            format!("SUM({})", helper_range(C_COSTS))
        };
        s.formula(
            R_SROI_INPUTS,
            1,
            &inputs,
            cached(m.sroi_inputs),
            &styles.money,
        )?;
        s.text(R_SROI, 0, "SROI ratio (not the Green Book BCR)")?;
        s.formula(
            R_SROI,
            1,
            &ratio_formula(R_SROI_IMPACT, R_SROI_INPUTS),
            cached_ratio(m.sroi_ratio),
            &styles.ratio,
        )?;
        Ok(())
    }

    fn yearly(
        &self,
        s: &mut Sheet,
        project: &Project,
        appraisal: &Appraisal,
        styles: &Styles,
    ) -> Result<(), ExportError> {
        let n = appraisal.years.len();
        let settings = &project.settings;
        // The rate column reproduces the engine's factors unless the engine could not
        // compute them (it then discounts nothing and says so in its diagnostics).
        let live_factors = discount_factors(settings).is_ok();
        let net = self.flows.net().unwrap_or_default();
        let fiscal_net: Vec<Decimal> = self
            .flows
            .benefits
            .fiscal
            .iter()
            .zip(&self.flows.costs)
            .map(|(b, c)| b.saturating_sub(*c))
            .collect();
        let fiscal_cumulative_values =
            cumulative_discounted(&fiscal_net, &appraisal.discount_factors).unwrap_or_default();

        s.text_with(
            R_GROUP,
            0,
            "Yearly flows (real terms, undiscounted unless stated)",
            &styles.bold,
        )?;
        let headers: [(u16, &str); 16] = [
            (C_YEAR, "Financial year"),
            (C_INDEX, "Year index"),
            (C_RATE, "Discount rate this year"),
            (C_FACTOR, "Discount factor"),
            (C_COSTS, "Costs"),
            (C_FISCAL, "Fiscal benefits"),
            (C_CASHABLE, "of which cashable"),
            (C_ECONOMIC, "Economic benefits"),
            (C_SOCIAL, "Social benefits"),
            (C_NET, "Net benefit"),
            (C_DISCOUNTED, "Discounted net benefit"),
            (C_CUMULATIVE, "Cumulative discounted net"),
            (C_PAYBACK, "Payback if reached this year"),
            (C_SROI_FACTOR, "SROI discount factor (from year 1)"),
            (C_FISCAL_CUMULATIVE, "Cumulative discounted fiscal net"),
            (C_FISCAL_PAYBACK, "Fiscal payback if reached this year"),
        ];
        for (col, text) in headers {
            s.text_with(R_HEAD, col, text, &styles.header)?;
        }
        s.height(R_HEAD, 45.0)?;
        if self.partner_columns {
            for (i, p) in self.partners.iter().enumerate() {
                s.text_with(R_GROUP, partner_col(i, 0), &p.partner, &styles.bold)?;
                let labels = [
                    "Costs borne",
                    "Fiscal benefits",
                    "of which cashable",
                    "Economic and social",
                ];
                for (k, label) in (0u16..).zip(labels) {
                    s.text_with(R_HEAD, partner_col(i, k), label, &styles.header)?;
                    s.width(partner_col(i, k), 15.0)?;
                }
            }
        }

        for (t, year) in appraisal.years.iter().enumerate() {
            let row = R_FIRST + t as u32;
            s.text(row, C_YEAR, &year.to_string())?;
            s.number(row, C_INDEX, t as f64)?;
            let factor = at(&appraisal.discount_factors, t);
            if live_factors {
                // The rate that discounts this year from the one before. Under the Green
                // Book convention year 0 is not discounted; under the SROI convention
                // year index t takes the schedule's factor for t + 1.
                let schedule_year = match settings.year0 {
                    Year0Convention::GreenBook => t as u32,
                    Year0Convention::DiscountFirstYear => t as u32 + 1,
                };
                let rate = if schedule_year == 0 {
                    Decimal::ZERO
                } else {
                    rate_for_year(settings.discount, schedule_year)
                };
                s.number_with(row, C_RATE, double(rate), &styles.percent)?;
                let previous = if t == 0 {
                    "1".to_owned()
                } else {
                    rel(row - 1, C_FACTOR)
                };
                s.formula(
                    row,
                    C_FACTOR,
                    &format!("{previous}/(1+{})", rel(row, C_RATE)),
                    cached(factor),
                    &styles.factor,
                )?;
            } else {
                s.number_with(row, C_FACTOR, double(factor), &styles.factor)?;
            }
            // SROI practice discounts from year 1: the schedule's factor for t + 1.
            let sroi_factor = at(&appraisal.sroi_factors, t);
            if live_factors {
                let formula = match settings.year0 {
                    Year0Convention::GreenBook => format!(
                        "{}/(1+{})",
                        rel(row, C_FACTOR),
                        rate_for_year(settings.discount, t as u32 + 1).normalize()
                    ),
                    Year0Convention::DiscountFirstYear => rel(row, C_FACTOR),
                };
                s.formula(
                    row,
                    C_SROI_FACTOR,
                    &formula,
                    cached(sroi_factor),
                    &styles.factor,
                )?;
            } else {
                s.number_with(row, C_SROI_FACTOR, double(sroi_factor), &styles.factor)?;
            }

            let inputs = [
                (C_COSTS, &self.flows.costs),
                (C_FISCAL, &self.flows.benefits.fiscal),
                (C_CASHABLE, &self.flows.cashable),
                (C_ECONOMIC, &self.flows.benefits.economic),
                (C_SOCIAL, &self.flows.benefits.social),
            ];
            for (col, series) in inputs {
                let value = at(series, t);
                match self.sum_of {
                    Some(sheets) if !sheets.is_empty() => {
                        let cell = abs(row, col);
                        let formula = sheets
                            .iter()
                            .map(|sheet| format!("{}!{cell}", sheet_ref(sheet)))
                            .collect::<Vec<_>>()
                            .join("+");
                        if formula.len() <= MAX_FORMULA {
                            s.formula(row, col, &formula, cached(value), &styles.money)?;
                        } else {
                            s.number_with(row, col, double(value), &styles.money)?;
                        }
                    }
                    _ => s.number_with(row, col, double(value), &styles.money)?,
                }
            }
            let r = |col: u16| rel(row, col);
            let net_t = at(&net, t);
            s.formula(
                row,
                C_NET,
                &format!(
                    "{}+{}+{}-{}",
                    r(C_FISCAL),
                    r(C_ECONOMIC),
                    r(C_SOCIAL),
                    r(C_COSTS)
                ),
                cached(net_t),
                &styles.money,
            )?;
            s.formula(
                row,
                C_DISCOUNTED,
                &format!("{}*{}", r(C_NET), r(C_FACTOR)),
                cached(net_t.checked_mul(factor).unwrap_or_default()),
                &styles.money,
            )?;
            let cumulative = if t == 0 {
                r(C_DISCOUNTED)
            } else {
                format!("{}+{}", rel(row - 1, C_CUMULATIVE), r(C_DISCOUNTED))
            };
            s.formula(
                row,
                C_CUMULATIVE,
                &cumulative,
                cached(at(self.cumulative, t)),
                &styles.money,
            )?;
            let helper = if t == 0 {
                format!(
                    "IF({}>0,{},\"{NOT_THIS_YEAR}\")",
                    r(C_CUMULATIVE),
                    r(C_INDEX)
                )
            } else {
                let (after, before) = (r(C_CUMULATIVE), rel(row - 1, C_CUMULATIVE));
                format!(
                    "IF(AND({after}>=0,OR({before}<0,AND({before}=0,{after}>0))),{}+IF({before}<0,-{before}/({after}-{before}),0),\"{NOT_THIS_YEAR}\")",
                    r(C_INDEX)
                )
            };
            s.formula(
                row,
                C_PAYBACK,
                &helper,
                payback_point(self.cumulative, t).map_or_else(|| NOT_THIS_YEAR.to_owned(), cached),
                &styles.years,
            )?;
            // The same on the fiscal case: fiscal benefits less costs.
            let fiscal_discounted = format!("({}-{})*{}", r(C_FISCAL), r(C_COSTS), r(C_FACTOR));
            let fiscal_cumulative = if t == 0 {
                fiscal_discounted
            } else {
                format!("{}+{fiscal_discounted}", rel(row - 1, C_FISCAL_CUMULATIVE))
            };
            s.formula(
                row,
                C_FISCAL_CUMULATIVE,
                &fiscal_cumulative,
                cached(at(&fiscal_cumulative_values, t)),
                &styles.money,
            )?;
            let fiscal_helper = if t == 0 {
                format!(
                    "IF({}>0,{},\"{NOT_THIS_YEAR}\")",
                    r(C_FISCAL_CUMULATIVE),
                    r(C_INDEX)
                )
            } else {
                let (after, before) = (r(C_FISCAL_CUMULATIVE), rel(row - 1, C_FISCAL_CUMULATIVE));
                format!(
                    "IF(AND({after}>=0,OR({before}<0,AND({before}=0,{after}>0))),{}+IF({before}<0,-{before}/({after}-{before}),0),\"{NOT_THIS_YEAR}\")",
                    r(C_INDEX)
                )
            };
            s.formula(
                row,
                C_FISCAL_PAYBACK,
                &fiscal_helper,
                payback_point(&fiscal_cumulative_values, t)
                    .map_or_else(|| NOT_THIS_YEAR.to_owned(), cached),
                &styles.years,
            )?;

            if self.partner_columns {
                for (i, p) in self.partners.iter().enumerate() {
                    let series = [&p.costs, &p.fiscal, &p.cashable, &p.economic_and_social];
                    for (k, values) in (0u16..).zip(series) {
                        s.number_with(
                            row,
                            partner_col(i, k),
                            double(at(values, t)),
                            &styles.money,
                        )?;
                    }
                }
            }
        }

        // Totals over the horizon.
        let total_row = R_FIRST + n as u32;
        s.text_with(total_row, C_YEAR, "Total over the horizon", &styles.bold)?;
        let mut total_cols: Vec<(u16, Decimal)> = vec![
            (C_COSTS, sum(&self.flows.costs)),
            (C_FISCAL, sum(&self.flows.benefits.fiscal)),
            (C_CASHABLE, sum(&self.flows.cashable)),
            (C_ECONOMIC, sum(&self.flows.benefits.economic)),
            (C_SOCIAL, sum(&self.flows.benefits.social)),
            (C_NET, sum(&net)),
            (C_DISCOUNTED, at(self.cumulative, n.saturating_sub(1))),
        ];
        if self.partner_columns {
            for (i, p) in self.partners.iter().enumerate() {
                let series = [&p.costs, &p.fiscal, &p.cashable, &p.economic_and_social];
                for (k, values) in (0u16..).zip(series) {
                    total_cols.push((partner_col(i, k), sum(values)));
                }
            }
        }
        for (col, value) in total_cols {
            let formula = if n == 0 {
                "0".to_owned()
            } else {
                format!("SUM({}:{})", rel(R_FIRST, col), rel(total_row - 1, col))
            };
            s.formula(total_row, col, &formula, cached(value), &styles.money_bold)?;
        }
        Ok(())
    }
}

/// The total of a series; on overflow (which the engine would have reported) the
/// doubles' sum, which is what the workbook will compute anyway.
fn sum(series: &[Decimal]) -> Decimal {
    series
        .iter()
        .try_fold(Decimal::ZERO, |a, b| a.checked_add(*b))
        .unwrap_or_else(|| {
            Decimal::from_f64_retain(series.iter().map(|d| double(*d)).sum()).unwrap_or_default()
        })
}

// ---------------------------------------------------------------------------
// Summary

fn summary_sheet(
    project: &Project,
    appraisal: &Appraisal,
    placed: &[Placed],
    styles: &Styles,
) -> Result<Worksheet, ExportError> {
    let mut s = Sheet::new(SUMMARY)?;
    s.width(0, 44.0)?;
    s.width(1, 16.0)?;
    s.width(2, 22.0)?;
    for col in 3..=11 {
        s.width(col, 16.0)?;
    }
    s.width(12, 40.0)?;
    s.width(13, 44.0)?;
    s.page(None)?;
    s.text_with(0, 0, &project.name, &styles.title)?;
    if !project.description.is_empty() {
        s.paragraph(1, 12, &project.description, &styles.wrap, 220)?;
    }
    let problems = crate::appraisal::problems(project, appraisal);
    let all = AllCompleteness::new(appraisal, &problems);
    if let Some(missing) = all.portfolio.summary() {
        s.text_with(
            2,
            0,
            &format!(
                "INCOMPLETE: {missing}. These figures leave something out or rest on an error: see the problems at the foot of this sheet."
            ),
            &styles.flag,
        )?;
    }
    s.text_with(3, 0, "Conventions", &styles.bold)?;
    let mut row = 4;
    for (name, value) in report::conventions(project) {
        s.text(row, 0, name)?;
        s.text(row, 1, &value)?;
        row += 1;
    }
    s.text(
        row,
        0,
        &format!(
            "Produced by Partnership Appraisal {}. Every derived figure is a live formula; the partnership sheets hold the yearly inputs.",
            env!("CARGO_PKG_VERSION")
        ),
    )?;
    row += 2;

    s.text_with(row, 0, "Partnerships", &styles.bold)?;
    row += 1;
    let headers = [
        "Partnership",
        "Status",
        "Funding",
        "PVC",
        "PV fiscal",
        "PV economic",
        "PV social",
        "PVB",
        "Net value",
        "Benefit-cost ratio",
        "Fiscal ROI",
        "Payback (years)",
        "Flag",
        "Completeness",
    ];
    for (col, text) in (0u16..).zip(headers) {
        s.text_with(row, col, text, &styles.header)?;
    }
    s.height(row, 30.0)?;
    row += 1;
    let first = row;
    // Summary column, the partnership sheet's result row, and how it is shown.
    let links: [(u16, u32); 10] = [
        (3, R_PVC),
        (4, R_PV_FISCAL),
        (5, R_PV_ECONOMIC),
        (6, R_PV_SOCIAL),
        (7, R_PVB),
        (8, R_NET),
        (9, R_BCR),
        (10, R_FISCAL_ROI),
        (11, R_PAYBACK),
        (12, R_FLAG),
    ];
    for (i, ((p, r), place)) in project
        .partnerships
        .iter()
        .zip(&appraisal.partnerships)
        .zip(placed)
        .enumerate()
    {
        match all.partnership(i).mark() {
            Some(mark) => s.text_with(row, 13, &mark, &styles.flag)?,
            None => s.text(row, 13, "Complete")?,
        }
        s.text(row, 0, &p.name)?;
        s.text(row, 1, p.status.label())?;
        s.text(row, 2, p.funding.label())?;
        let m = &r.measures;
        for (col, source_row) in links {
            let formula = format!("{}!{}", sheet_ref(&place.sheet), abs(source_row, 1));
            let (result, format) = summary_value(m, source_row, r.negative, styles);
            s.formula(row, col, &formula, result, format)?;
        }
        row += 1;
    }
    let last = row; // exclusive
    let pm = &appraisal.portfolio.measures;
    s.text_with(row, 0, "Portfolio", &styles.bold)?;
    let total = |col: u16| {
        if last > first {
            format!("SUM({}:{})", rel(first, col), rel(last - 1, col))
        } else {
            "0".to_owned()
        }
    };
    let sums: [(u16, Decimal); 6] = [
        (3, pm.pvc),
        (4, pm.pvb.fiscal),
        (5, pm.pvb.economic),
        (6, pm.pvb.social),
        (7, pm.pvb_total),
        (8, pm.net_value),
    ];
    for (col, value) in sums {
        s.formula(row, col, &total(col), cached(value), &styles.money_bold)?;
    }
    let (pvc, pvb, fiscal, net) = (rel(row, 3), rel(row, 7), rel(row, 4), rel(row, 8));
    s.formula(
        row,
        9,
        &format!("IF({pvc}=0,\"n/a\",{pvb}/{pvc})"),
        cached_ratio(pm.bcr),
        &styles.ratio,
    )?;
    s.formula(
        row,
        10,
        &format!("IF({pvc}=0,\"n/a\",{fiscal}/{pvc})"),
        cached_ratio(pm.fiscal_roi),
        &styles.ratio,
    )?;
    s.formula(
        row,
        11,
        &format!("{}!{}", sheet_ref(PORTFOLIO), abs(R_PAYBACK, 1)),
        cached_payback(pm.payback),
        &styles.years,
    )?;
    s.formula(
        row,
        12,
        &format!("IF({net}<0,\"{NEGATIVE_FLAG}\",\"{NO_FLAG}\")"),
        if pm.net_value < Decimal::ZERO {
            NEGATIVE_FLAG.to_owned()
        } else {
            NO_FLAG.to_owned()
        },
        &styles.flag,
    )?;
    row += 2;

    if let Some(mark) = all.portfolio.mark() {
        s.text_with(row - 2, 13, &mark, &styles.flag)?;
    }
    if !problems.is_empty() {
        s.text_with(
            row,
            0,
            "Problems: errors, lines left out and warnings",
            &styles.bold,
        )?;
        row += 1;
        for d in &problems {
            s.text(row, 0, &d.context)?;
            let severity = if d.is_error() { "Error" } else { "Warning" };
            let field = if d.field.is_empty() {
                String::new()
            } else {
                format!("{}: ", d.field)
            };
            s.text(row, 1, &format!("{severity}: {field}{}", d.message))?;
            row += 1;
        }
    }
    Ok(s.ws)
}

fn summary_value<'a>(
    m: &Measures,
    source_row: u32,
    negative: bool,
    styles: &'a Styles,
) -> (String, &'a Format) {
    match source_row {
        R_PVC => (cached(m.pvc), &styles.money),
        R_PV_FISCAL => (cached(m.pvb.fiscal), &styles.money),
        R_PV_ECONOMIC => (cached(m.pvb.economic), &styles.money),
        R_PV_SOCIAL => (cached(m.pvb.social), &styles.money),
        R_PVB => (cached(m.pvb_total), &styles.money),
        R_NET => (cached(m.net_value), &styles.money_bold),
        R_BCR => (cached_ratio(m.bcr), &styles.ratio),
        R_FISCAL_ROI => (cached_ratio(m.fiscal_roi), &styles.ratio),
        R_PAYBACK => (cached_payback(m.payback), &styles.years),
        _ => (
            if negative {
                NEGATIVE_FLAG.to_owned()
            } else {
                NO_FLAG.to_owned()
            },
            &styles.flag,
        ),
    }
}

// ---------------------------------------------------------------------------
// Who pays and who benefits

const W_FIRST: u32 = 4;

fn who_pays_sheet(
    project: &Project,
    appraisal: &Appraisal,
    placed: &[Placed],
    styles: &Styles,
) -> Result<Worksheet, ExportError> {
    let n = appraisal.years.len();
    let factors = &appraisal.discount_factors;
    let mut s = Sheet::new(WHO_PAYS)?;
    s.width(0, 40.0)?;
    s.width(1, 40.0)?;
    for col in 2..=8 {
        s.width(col, 17.0)?;
    }
    s.page(None)?;
    s.text_with(0, 0, "Who pays and who benefits", &styles.title)?;
    s.paragraph(
        1,
        8,
        &format!(
            "Present values in {} prices. Net to budget = fiscal benefits - costs borne; net value adds economic and social benefits; own return = fiscal benefits / costs borne.",
            project.settings.price_base_year
        ),
        &styles.wrap,
        200,
    )?;
    let headers = [
        "Partnership",
        "Partner",
        "PV of costs borne",
        "PV of fiscal benefits",
        "of which cashable",
        "PV of economic and social benefits",
        "Net to budget",
        "Net value",
        "Own fiscal return",
    ];
    for (col, text) in (0u16..).zip(headers) {
        s.text_with(3, col, text, &styles.header)?;
    }
    s.height(3, 30.0)?;

    // Each row's present values, kept for the portfolio block's cached values.
    let mut rows: Vec<(String, bool, [Decimal; 4])> = Vec::new();
    let mut row = W_FIRST;
    for (p, place) in project.partnerships.iter().zip(placed) {
        for (i, partner) in place.partners.iter().enumerate() {
            let pv = |series: &[Decimal]| present_value(series, factors).unwrap_or_default();
            let values = [
                pv(&partner.costs),
                pv(&partner.fiscal),
                pv(&partner.cashable),
                pv(&partner.economic_and_social),
            ];
            s.text(row, 0, &p.name)?;
            s.text(row, 1, &partner.partner)?;
            let cols: [u16; 4] = [2, 3, 4, 5];
            for ((col, k), value) in cols.into_iter().zip(0u16..).zip(values) {
                if partner.society && (k == 0 || k == 2) {
                    continue; // wider society bears no costs and has no budget to cash
                }
                if place.partner_columns {
                    let formula = sumproduct(Some(&place.sheet), partner_col(i, k), n);
                    s.formula(row, col, &formula, cached(value), &styles.money)?;
                } else {
                    s.number_with(row, col, double(value), &styles.money)?;
                }
            }
            position_formulas(&mut s, row, &values, partner.society, styles)?;
            rows.push((partner.partner.clone(), partner.society, values));
            row += 1;
        }
    }
    let table_end = row; // exclusive

    // Each partner's exposure across the portfolio.
    row += 1;
    s.text_with(
        row,
        0,
        "Each partner's exposure across the portfolio",
        &styles.bold,
    )?;
    row += 1;
    let block_headers = [
        "Partner",
        "",
        "PV of costs borne",
        "PV of fiscal benefits",
        "of which cashable",
        "PV of economic and social benefits",
        "Net to budget",
        "Net value",
        "Own fiscal return",
    ];
    for (col, text) in (0u16..).zip(block_headers) {
        s.text_with(row, col, text, &styles.header)?;
    }
    s.height(row, 30.0)?;
    row += 1;
    let block_first = row;
    let mut exposure: Vec<(String, bool)> = appraisal
        .portfolio
        .partners
        .iter()
        .map(|p| (p.partner.clone(), false))
        .collect();
    if rows.iter().any(|(_, society, _)| *society) {
        exposure.push((super::WIDER_SOCIETY.to_owned(), true));
    }
    for (name, society) in &exposure {
        s.text(row, 0, name)?;
        let mut values = [Decimal::ZERO; 4];
        for (_, _, v) in rows.iter().filter(|(n, s, _)| n == name && s == society) {
            for (total, x) in values.iter_mut().zip(v) {
                *total = total.checked_add(*x).unwrap_or(*total);
            }
        }
        if !society
            && let Some(engine) = appraisal
                .portfolio
                .partners
                .iter()
                .find(|p| &p.partner == name)
        {
            values = [
                engine.pv_costs,
                engine.pv_fiscal,
                engine.pv_cashable,
                engine.pv_other,
            ];
        }
        for (col, value) in [2u16, 3, 4, 5].into_iter().zip(values) {
            if *society && (col == 2 || col == 4) {
                continue;
            }
            if table_end > W_FIRST {
                let names = format!("{}:{}", abs(W_FIRST, 1), abs(table_end - 1, 1));
                let amounts = format!("{}:{}", abs(W_FIRST, col), abs(table_end - 1, col));
                let formula = format!("SUMPRODUCT(--EXACT({names},{}),{amounts})", rel(row, 0));
                s.formula(row, col, &formula, cached(value), &styles.money)?;
            } else {
                s.number_with(row, col, double(value), &styles.money)?;
            }
        }
        position_formulas(&mut s, row, &values, *society, styles)?;
        row += 1;
    }

    let partners_in_chart = appraisal.portfolio.partners.len() as u32;
    if partners_in_chart > 0 {
        let last = block_first + partners_in_chart - 1;
        let mut chart = Chart::new(ChartType::Bar);
        // The palette of every chart: costs vermillion, fiscal benefits blue, economic
        // and social benefits bluish green.
        let series: [(u16, &str, palette::Rgb); 3] = [
            (2, "Costs borne", palette::COST),
            (3, "Fiscal benefits", palette::BENEFIT),
            (5, "Economic and social benefits", palette::GREEN),
        ];
        for (col, name, colour) in series {
            chart
                .add_series()
                .set_name(name)
                .set_categories((WHO_PAYS, block_first, 0, last, 0))
                .set_values((WHO_PAYS, block_first, col, last, col))
                .set_format(
                    ChartFormat::new().set_solid_fill(
                        ChartSolidFill::new().set_color(Color::RGB(colour.number())),
                    ),
                );
        }
        chart
            .title()
            .set_name("Who pays and who benefits (present values)");
        chart
            .x_axis()
            .set_num_format(money_format(&project.settings.currency_symbol));
        chart.y_axis().set_reverse();
        chart.legend().set_position(ChartLegendPosition::Bottom);
        chart.set_alt_text(
            "Bar chart of each partner's present value of costs borne and benefits received across the portfolio",
        );
        chart
            .set_width(720)
            .set_height(120 + 40 * partners_in_chart.min(40));
        s.chart(row + 1, 0, &chart)?;
    }
    Ok(s.ws)
}

/// Net to budget, net value and own return of one row, from its present values.
fn position_formulas(
    s: &mut Sheet,
    row: u32,
    values: &[Decimal; 4],
    society: bool,
    styles: &Styles,
) -> Result<(), ExportError> {
    let [costs, fiscal, _, other] = *values;
    let (c, f, o) = (rel(row, 2), rel(row, 3), rel(row, 5));
    let net_value = fiscal
        .checked_add(other)
        .and_then(|b| b.checked_sub(costs))
        .unwrap_or_default();
    if society {
        s.formula(
            row,
            7,
            &format!("{f}+{o}"),
            cached(net_value),
            &styles.money_bold,
        )?;
        return Ok(());
    }
    s.formula(
        row,
        6,
        &format!("{f}-{c}"),
        cached(fiscal.checked_sub(costs).unwrap_or_default()),
        &styles.money,
    )?;
    s.formula(
        row,
        7,
        &format!("{f}+{o}-{c}"),
        cached(net_value),
        &styles.money_bold,
    )?;
    let own = if costs.is_zero() {
        None
    } else {
        fiscal.checked_div(costs)
    };
    s.formula(
        row,
        8,
        &format!("IF({c}=0,\"n/a\",{f}/{c})"),
        cached_ratio(own),
        &styles.ratio,
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
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
