//! The committee report: a Word document (DOCX) in the structure of a UK council
//! committee report, filled from the project and the appraisal.
//!
//! `sections.rs` decides what the report says, as a list of [`Block`]s; this file lays
//! the blocks out with docx-rs. Every figure comes from the engine (`appraise`, and the
//! sensitivity, switching values, options and Monte Carlo of `appraisal::uncertainty`)
//! and is printed through `format.rs`; nothing here computes money.

mod annual;
mod money;
mod risk;
mod sections;

pub use annual::{ANNUAL_SECTIONS, annual_blocks};
pub use money::NET_VALUE_ROW;
pub use sections::OPTIONS_HEADER;

use super::ExportError;
use crate::appraisal::Appraisal;
use crate::model::{Project, ReportSection};
use docx_rs::{
    AlignmentType, Docx, Paragraph, RunFonts, Style, StyleType, Table, TableCell, TableRow,
    WidthType,
};

/// Which report to write, and what to list among the background papers.
#[derive(Clone, Debug, Default)]
pub struct CommitteeReport {
    /// One partnership (by index), or the whole portfolio when `None` (an index out of
    /// range is also the portfolio).
    pub partnership: Option<usize>,
    /// The project file's name, for the background papers.
    pub project_file: Option<String>,
}

/// One piece of the report, before layout.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Title(String),
    /// A numbered section heading.
    Heading(String),
    /// A heading within a section (a partnership's name in a portfolio report).
    Subheading(String),
    Para(String),
    /// A paragraph in bold: the incomplete mark, warnings.
    Strong(String),
    Table(TableBlock),
}

/// A table: the first column is text, the others are figures (right-aligned) unless
/// `text_columns` says otherwise. Rows marked in `bold` are set in bold (the
/// recommended option, totals).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TableBlock {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub bold: Vec<bool>,
    /// How many leading columns are text (left-aligned).
    pub text_columns: usize,
}

impl TableBlock {
    pub fn new(header: &[&str], text_columns: usize) -> Self {
        TableBlock {
            header: header.iter().map(|h| (*h).to_owned()).collect(),
            rows: Vec::new(),
            bold: Vec::new(),
            text_columns,
        }
    }

    pub fn row(&mut self, cells: Vec<String>, bold: bool) {
        self.rows.push(cells);
        self.bold.push(bold);
    }
}

/// The headings of the report's sections, numbered as they are printed.
pub fn section_headings() -> Vec<String> {
    ReportSection::ALL
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{}. {}", i + 1, s.heading()))
        .collect()
}

/// The report as blocks: what [`build`] lays out. Public for tests.
pub fn blocks(project: &Project, appraisal: &Appraisal, report: &CommitteeReport) -> Vec<Block> {
    sections::blocks(project, appraisal, report)
}

/// The DOCX file's bytes.
pub fn build(
    project: &Project,
    appraisal: &Appraisal,
    report: &CommitteeReport,
) -> Result<Vec<u8>, ExportError> {
    layout(blocks(project, appraisal, report))
}

/// The annual review report's DOCX bytes, for the project file named `project_file`.
pub fn build_annual(
    project: &Project,
    review: &crate::appraisal::portfolio::annual::AnnualReview,
    project_file: Option<&str>,
) -> Result<Vec<u8>, ExportError> {
    layout(annual_blocks(project, review, project_file))
}

/// Lays the blocks out as a DOCX document.
fn layout(blocks: Vec<Block>) -> Result<Vec<u8>, ExportError> {
    let mut docx = styled(Docx::new());
    for block in blocks {
        docx = match block {
            Block::Title(text) => docx.add_paragraph(para(&text, false).style("Title")),
            Block::Heading(text) => docx.add_paragraph(para(&text, false).style("Heading1")),
            Block::Subheading(text) => docx.add_paragraph(para(&text, false).style("Heading2")),
            Block::Para(text) => docx.add_paragraph(para(&text, false)),
            Block::Strong(text) => docx.add_paragraph(para(&text, true)),
            Block::Table(table) => docx
                .add_table(layout_table(&table))
                .add_paragraph(Paragraph::new()),
        };
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    docx.build()
        .pack(&mut bytes)
        .map_err(|e| ExportError::Docx(e.to_string()))?;
    Ok(bytes.into_inner())
}

/// A4 portrait, Arial 11 point, and the heading styles Word and LibreOffice know.
fn styled(docx: Docx) -> Docx {
    let arial = || RunFonts::new().ascii("Arial").hi_ansi("Arial").cs("Arial");
    let heading = |id: &str, name: &str, size: usize, level: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .size(size)
            .bold()
            .fonts(arial())
            .line_spacing(docx_rs::LineSpacing::new().before(240).after(120))
            .outline_lvl(level)
    };
    let margin = 1_134; // 2 cm
    docx.page_size(11_906, 16_838)
        .page_margin(
            docx_rs::PageMargin::new()
                .top(margin)
                .bottom(margin)
                .left(margin)
                .right(margin),
        )
        .default_fonts(arial())
        .default_size(22)
        .default_line_spacing(docx_rs::LineSpacing::new().after(120))
        .add_style(Style::new("Normal", StyleType::Paragraph).name("Normal"))
        .add_style(heading("Title", "Title", 32, 0))
        .add_style(heading("Heading1", "heading 1", 26, 0))
        .add_style(heading("Heading2", "heading 2", 23, 1))
}

/// A paragraph of one run; bold is set on the run (a paragraph's own run properties
/// style only its mark).
fn para(text: &str, bold: bool) -> Paragraph {
    let run = docx_rs::Run::new().add_text(text);
    Paragraph::new().add_run(if bold { run.bold() } else { run })
}

/// The width of the text on the page, in twentieths of a point: A4 less 2 cm margins.
const TEXT_WIDTH: usize = 11_906 - 2 * 1_134;

/// Column widths: text columns at least 2,200 wide (about 3.9 cm) share what the
/// figure columns (at most 1,900 each) leave; a figure column whose longest figure needs
/// more at the table's `size` (in half-points) is widened to fit it on one line, from the
/// text columns' share (text wraps; a figure broken across lines misreads), down to
/// 1,500 each. The widths never add up to more than the text's width on the page.
fn grid(t: &TableBlock, size: usize) -> Vec<usize> {
    let columns = t.header.len().max(1);
    let text = t.text_columns.clamp(1, columns);
    let figures = columns - text;
    let figure = TEXT_WIDTH
        .saturating_sub(2_200 * text)
        .checked_div(figures)
        .map_or(0, |w| w.min(1_900));
    let mut widths: Vec<usize> = (0..columns)
        .map(|i| {
            if i < text {
                return 0;
            }
            let widest = t
                .rows
                .iter()
                .filter_map(|row| row.get(i))
                // A figure is one word ("(£35,225,309,717.00)", "12.5%"); words in
                // these columns ("99.97% lower", "never, from 0 to …") wrap at spaces.
                .filter(|cell| !cell.contains(char::is_whitespace))
                .map(|cell| figure_width(cell, size))
                .max()
                .unwrap_or(0);
            figure.max(widest)
        })
        .collect();
    // Figures too wide for the page even so share what the text columns leave alike.
    let most = TEXT_WIDTH.saturating_sub(1_500 * text);
    if widths.iter().sum::<usize>() > most {
        let share = most.checked_div(figures).unwrap_or(0);
        widths.iter_mut().skip(text).for_each(|w| *w = share);
    }
    let room = TEXT_WIDTH.saturating_sub(widths.iter().sum::<usize>());
    let rest = room / text;
    widths.iter_mut().take(text).for_each(|w| *w = rest);
    widths
}

/// The width `figure` takes on one line at `size` half-points, with the cell's margins
/// and a little to spare, from Arial's widths: figures and currency symbols 0.556 of the
/// size, separators 0.278, brackets and signs 0.333, anything else 0.6 (a guess on the
/// wide side).
fn figure_width(figure: &str, size: usize) -> usize {
    let thousandths: usize = figure
        .chars()
        .map(|c| match c {
            '0'..='9' | '£' | '$' | '€' => 556,
            ',' | '.' => 278,
            '(' | ')' | '-' | '+' => 333,
            '%' => 889,
            _ => 600,
        })
        .sum();
    // A half-point is 10 twentieths of a point; the cell's margins are 108 each side.
    thousandths * size * 10 / 1_000 + 2 * 108 + 60
}

fn cell(text: &str, width: usize, right: bool, bold: bool, size: usize) -> TableCell {
    let run = docx_rs::Run::new().add_text(text).size(size);
    let mut p = Paragraph::new().add_run(if bold { run.bold() } else { run });
    if right {
        p = p.align(AlignmentType::Right);
    }
    TableCell::new()
        .width(width, WidthType::Dxa)
        .add_paragraph(p)
}

fn layout_table(t: &TableBlock) -> Table {
    // Nine point where four or more columns of figures share the width, else ten.
    let size = if t.header.len().saturating_sub(t.text_columns) >= 4 {
        18
    } else {
        20
    };
    let widths = grid(t, size);
    let mut rows = Vec::with_capacity(t.rows.len() + 1);
    let cells = |texts: &[String], bold: bool| -> TableRow {
        TableRow::new(
            texts
                .iter()
                .enumerate()
                .map(|(i, text)| {
                    let width = widths.get(i).copied().unwrap_or(1_900);
                    cell(text, width, i >= t.text_columns, bold, size)
                })
                .collect(),
        )
    };
    rows.push(cells(&t.header, true));
    for (i, row) in t.rows.iter().enumerate() {
        rows.push(cells(row, t.bold.get(i).copied().unwrap_or(false)));
    }
    Table::new(rows)
        .set_grid(widths.clone())
        .width(TEXT_WIDTH, WidthType::Dxa)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(figures: &[&str]) -> TableBlock {
        let mut t = TableBlock::new(&["Line", "Low", "High", "Swing", "Rank"], 1);
        let mut row = vec!["Other costs".to_owned()];
        row.extend(figures.iter().map(|f| (*f).to_owned()));
        t.row(row, false);
        t
    }

    #[test]
    fn a_figure_column_is_widened_to_fit_its_longest_figure_on_one_line() {
        // Figures that fit: the widths as they always were, the text column at least
        // 2,200 and the four figure columns sharing the rest, at most 1,900 each.
        let base = ((TEXT_WIDTH - 2_200) / 4).min(1_900);
        let plain = grid(&table(&["£1,250.00", "£2,500.00", "£1,250.00", "1"]), 18);
        assert_eq!(plain, vec![TEXT_WIDTH - 4 * base, base, base, base, base]);
        // A national-scale figure with pence needs more than 1,900 at nine point.
        let long = "(£35,225,309,717.00)";
        assert!(figure_width(long, 18) > 1_900);
        assert!(figure_width("£1,928,588.16", 18) < base);
        let wide = grid(&table(&[long, "£2,500.00", "£1,250.00", "1"]), 18);
        assert_eq!(wide[1], figure_width(long, 18));
        assert_eq!(&wide[2..], &[base, base, base]);
        assert!(wide[0] >= 1_500, "{wide:?}");
        assert_eq!(wide.iter().sum::<usize>(), TEXT_WIDTH);
        // Words wrap at their spaces: only a figure, one word, widens its column.
        let words = grid(
            &table(&[
                "never, from 0 to 20 times the value entered",
                "£2,500.00",
                "£1,250.00",
                "1",
            ]),
            18,
        );
        assert_eq!(words, plain);
        // Too many to fit the page: they share what the text column leaves, alike.
        let all = grid(&table(&[long, long, long, long]), 18);
        assert!(all[0] >= 1_500, "{all:?}");
        assert!(all[1..].iter().all(|w| *w == all[1]), "{all:?}");
        assert!(all.iter().sum::<usize>() <= TEXT_WIDTH, "{all:?}");
    }
}
