//! What a board sees across all partnerships: the portfolio dashboard (a sortable,
//! filterable row per partnership, totals, each partner's exposure, the cost of joint
//! working by layer and kind) and the partner network (who sits in which partnership
//! and what it costs them in money and time).
//!
//! Tables are virtualised (only the rows in view are laid out), and the sorted, filtered
//! row order and the network are cached per project revision, so a portfolio of
//! thousands of partnerships stays responsive.

use super::charts;
use super::document::Committed;
use super::widgets;
use crate::appraisal::{self, AllCompleteness, Appraisal, Payback, num};
use crate::format;
use crate::model::{CostDetail, FundingArrangement, Project, Status};
use eframe::egui::{self, Align, Color32, Layout, RichText, Sense, Ui};
use egui_extras::{Column, TableBuilder};
use rust_decimal::Decimal;
use std::cmp::Ordering;

/// A column the dashboard can be sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortColumn {
    Name,
    Status,
    Funding,
    Pvc,
    Pvb,
    NetValue,
    Bcr,
    Payback,
}

impl SortColumn {
    pub const ALL: [SortColumn; 8] = [
        SortColumn::Name,
        SortColumn::Status,
        SortColumn::Funding,
        SortColumn::Pvc,
        SortColumn::Pvb,
        SortColumn::NetValue,
        SortColumn::Bcr,
        SortColumn::Payback,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SortColumn::Name => "Partnership",
            SortColumn::Status => "Status",
            SortColumn::Funding => "Funding",
            SortColumn::Pvc => "PVC",
            SortColumn::Pvb => "PVB",
            SortColumn::NetValue => "Net value",
            SortColumn::Bcr => "BCR",
            SortColumn::Payback => "Payback",
        }
    }

    fn explain(self) -> &'static str {
        match self {
            SortColumn::Name => "Name of the partnership",
            SortColumn::Status => "Proposed, active, under review or closing",
            SortColumn::Funding => "Funding arrangement (Audit Commission 2009)",
            SortColumn::Pvc => "Present value of costs, after optimism bias",
            SortColumn::Pvb => "Present value of all benefits, after adjustments",
            SortColumn::NetValue => "Net present social value: PVB less PVC",
            SortColumn::Bcr => "Benefit-cost ratio: PVB / PVC",
            SortColumn::Payback => "Years until cumulative discounted net value reaches zero",
        }
    }

    /// Amounts are first sorted largest first; words A to Z.
    fn starts_descending(self) -> bool {
        !matches!(
            self,
            SortColumn::Name | SortColumn::Status | SortColumn::Funding | SortColumn::Payback
        )
    }

    fn numeric(self) -> bool {
        !matches!(
            self,
            SortColumn::Name | SortColumn::Status | SortColumn::Funding
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort {
    pub column: SortColumn,
    pub descending: bool,
}

impl Default for Sort {
    /// Highest net value first: the Audit Commission's ranking.
    fn default() -> Self {
        Sort {
            column: SortColumn::NetValue,
            descending: true,
        }
    }
}

/// What the partner network shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NetworkView {
    #[default]
    Chart,
    Table,
}

/// What the network chart shades its cells by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NetworkMeasure {
    #[default]
    Costs,
    Hours,
}

/// The dashboard's and the network's view state, kept by the app between frames.
#[derive(Default)]
pub struct Board {
    pub sort: Sort,
    /// Text a partnership's name, status or funding must contain.
    pub filter: String,
    pub status: Option<Status>,
    pub funding: Option<FundingArrangement>,
    pub negative_only: bool,
    pub network_view: NetworkView,
    pub network_measure: NetworkMeasure,
    /// The mark of incomplete figures was clicked: the app shows the problems.
    pub show_problems: bool,
    rows: Option<Rows>,
    network: Option<(u64, Network)>,
    /// The project as committed when the network was computed, and at the revision shown.
    network_of: Option<Committed>,
    committed: Option<Committed>,
    /// The conventions line under the heading, per revision (it reads every line).
    conventions: Option<(u64, String)>,
}

#[derive(Clone, Debug, PartialEq)]
struct RowsKey {
    revision: u64,
    sort: Sort,
    filter: String,
    status: Option<Status>,
    funding: Option<FundingArrangement>,
    negative_only: bool,
}

struct Rows {
    key: RowsKey,
    visible: Vec<usize>,
    totals: Option<Totals>,
}

/// Sums over a set of partnerships.
#[derive(Clone, Debug, PartialEq)]
pub struct Totals {
    pub pvc: Decimal,
    pub pvb: Decimal,
    pub net_value: Decimal,
    pub bcr: Option<Decimal>,
    pub payback: Payback,
    pub negative: usize,
}

impl Board {
    fn key(&self, revision: u64) -> RowsKey {
        RowsKey {
            revision,
            sort: self.sort,
            filter: self.filter.clone(),
            status: self.status,
            funding: self.funding,
            negative_only: self.negative_only,
        }
    }

    fn filtered(&self) -> bool {
        !self.filter.trim().is_empty()
            || self.status.is_some()
            || self.funding.is_some()
            || self.negative_only
    }

    /// The partnerships shown, in the order shown, computed once per revision and setting.
    pub fn visible(&mut self, project: &Project, appraisal: &Appraisal, revision: u64) -> &[usize] {
        self.rows(project, appraisal, revision).visible.as_slice()
    }

    fn rows(&mut self, project: &Project, appraisal: &Appraisal, revision: u64) -> &Rows {
        let key = self.key(revision);
        if self.rows.as_ref().is_none_or(|r| r.key != key) {
            let visible = visible_rows(project, appraisal, self);
            let totals = totals(appraisal, &visible);
            self.rows = Some(Rows {
                key,
                visible,
                totals,
            });
        }
        self.rows.get_or_insert_with(|| Rows {
            key: RowsKey {
                revision,
                sort: Sort::default(),
                filter: String::new(),
                status: None,
                funding: None,
                negative_only: false,
            },
            visible: Vec::new(),
            totals: None,
        })
    }

    /// Clicking a header sorts by it; clicking it again reverses the order.
    pub fn sort_by(&mut self, column: SortColumn) {
        if self.sort.column == column {
            self.sort.descending = !self.sort.descending;
        } else {
            self.sort = Sort {
                column,
                descending: column.starts_descending(),
            };
        }
    }

    /// The project as committed at the revision about to be shown: with it, the network
    /// of a new revision recomputes only the rows of partnerships that changed.
    pub fn set_committed(&mut self, committed: Committed) {
        self.committed = Some(committed);
    }

    fn network(&mut self, project: &Project, appraisal: &Appraisal, revision: u64) -> &Network {
        if self.network.as_ref().is_none_or(|(r, _)| *r != revision) {
            let count = project.partnerships.len().min(appraisal.partnerships.len());
            let updated = match (self.network.take(), &self.network_of, &self.committed) {
                (Some((_, old)), Some(then), Some(now))
                    if then.same_rest(now)
                        && now.partnerships() == count
                        && old.cells.len() == count
                        && network_partners(project, appraisal) == old.partners =>
                {
                    let mut cells = old.cells;
                    for (i, row) in cells.iter_mut().enumerate() {
                        if !then.same_partnership(now, i) {
                            *row = network_row(project, appraisal, &old.partners, i);
                        }
                    }
                    assemble(old.partners, cells)
                }
                _ => network(project, appraisal),
            };
            self.network = Some((revision, updated));
            self.network_of = self.committed.clone();
        }
        &self
            .network
            .get_or_insert_with(|| (revision, network(project, appraisal)))
            .1
    }
}

/// The partnerships that pass the board's filters, in its sort order.
pub fn visible_rows(project: &Project, appraisal: &Appraisal, board: &Board) -> Vec<usize> {
    let needle = board.filter.trim().to_lowercase();
    let count = project.partnerships.len().min(appraisal.partnerships.len());
    let mut rows: Vec<usize> = (0..count)
        .filter(|&i| {
            let p = &project.partnerships[i];
            let r = &appraisal.partnerships[i];
            board.status.is_none_or(|s| p.status == s)
                && board.funding.is_none_or(|f| p.funding == f)
                && (!board.negative_only || r.negative)
                && (needle.is_empty()
                    || p.name.to_lowercase().contains(&needle)
                    || p.status.label().to_lowercase().contains(&needle)
                    || p.funding.label().to_lowercase().contains(&needle))
        })
        .collect();
    let Sort { column, descending } = board.sort;
    let direct = |o: Ordering| if descending { o.reverse() } else { o };
    let m = |i: usize| &appraisal.partnerships[i].measures;
    match column {
        SortColumn::Name => {
            rows.sort_by_cached_key(|&i| project.partnerships[i].name.to_lowercase());
            if descending {
                rows.reverse();
            }
        }
        SortColumn::Status => rows.sort_by(|&a, &b| {
            direct(
                project.partnerships[a]
                    .status
                    .cmp(&project.partnerships[b].status),
            )
        }),
        SortColumn::Funding => rows.sort_by(|&a, &b| {
            direct(
                project.partnerships[a]
                    .funding
                    .label()
                    .cmp(project.partnerships[b].funding.label()),
            )
        }),
        SortColumn::Pvc => rows.sort_by(|&a, &b| direct(m(a).pvc.cmp(&m(b).pvc))),
        SortColumn::Pvb => rows.sort_by(|&a, &b| direct(m(a).pvb_total.cmp(&m(b).pvb_total))),
        SortColumn::NetValue => rows.sort_by(|&a, &b| direct(m(a).net_value.cmp(&m(b).net_value))),
        // "n/a" (no costs) goes last either way.
        SortColumn::Bcr => rows.sort_by(|&a, &b| match (m(a).bcr, m(b).bcr) {
            (Some(x), Some(y)) => direct(x.cmp(&y)),
            (None, Some(_)) => Ordering::Greater,
            (Some(_), None) => Ordering::Less,
            (None, None) => Ordering::Equal,
        }),
        // "never" counts as the longest payback.
        SortColumn::Payback => rows.sort_by(|&a, &b| {
            let key = |p: Payback| match p {
                Payback::Years(y) => (0, y),
                Payback::Never => (1, Decimal::ZERO),
            };
            direct(key(m(a).payback).cmp(&key(m(b).payback)))
        }),
    }
    rows
}

/// Totals over `rows`; `None` if they are too large to add up.
pub fn totals(appraisal: &Appraisal, rows: &[usize]) -> Option<Totals> {
    let years = appraisal.years.len();
    let mut pvc = Decimal::ZERO;
    let mut pvb = Decimal::ZERO;
    let mut cumulative = vec![Decimal::ZERO; years];
    let mut negative = 0;
    for &i in rows {
        let r = appraisal.partnerships.get(i)?;
        pvc = pvc.checked_add(r.measures.pvc)?;
        pvb = pvb.checked_add(r.measures.pvb_total)?;
        num::add_series(&mut cumulative, &r.cumulative_net).ok()?;
        negative += usize::from(r.negative);
    }
    let net_value = pvb.checked_sub(pvc)?;
    let payback = if net_value > Decimal::ZERO {
        appraisal::payback(&cumulative).ok()?
    } else {
        Payback::Never
    };
    Some(Totals {
        pvc,
        pvb,
        net_value,
        bcr: num::ratio(pvb, pvc).ok()?,
        payback,
        negative,
    })
}

/// Money as finance officers write it, in vermillion when negative (and in brackets).
pub(super) fn money_text(ui: &Ui, value: Decimal, symbol: &str) -> RichText {
    let text = RichText::new(format::money_whole(value, symbol));
    if value < Decimal::ZERO {
        text.color(charts::negative_text(ui.visuals()))
    } else {
        text
    }
}

/// A right-aligned figure in a grid column `width` wide (a grid's last column would
/// otherwise stretch to the edge of the panel).
fn figure_cell(ui: &mut Ui, width: f32, text: impl Into<egui::WidgetText>) {
    let height = ui.spacing().interact_size.y;
    ui.allocate_ui_with_layout(
        egui::vec2(width, height),
        Layout::right_to_left(Align::Center),
        |ui| {
            ui.label(text);
        },
    );
}

/// A name in a grid column at most `width` wide: cut with "…" where it is longer, the
/// whole name on hover.
fn name_cell(ui: &mut Ui, width: f32, name: &str) {
    let height = ui.spacing().interact_size.y;
    let wanted = widgets::text_width(ui, name);
    ui.allocate_ui_with_layout(
        egui::vec2(wanted.min(width), height),
        Layout::left_to_right(Align::Center),
        |ui| {
            ui.add(egui::Label::new(name).truncate())
                .on_hover_text(name);
        },
    );
}

fn right(ui: &mut Ui, text: impl Into<egui::WidgetText>) -> egui::Response {
    ui.with_layout(Layout::right_to_left(Align::Center), |ui| ui.label(text))
        .inner
}

/// The flag shown where net value is negative: a word on a dark vermillion badge.
pub(super) fn negative_badge(ui: &mut Ui, size: f32) {
    egui::Frame::new()
        .fill(charts::colour(crate::palette::COST_TEXT_LIGHT))
        .corner_radius(4)
        .inner_margin(egui::Margin::symmetric(6, 1))
        .show(ui, |ui| {
            ui.label(
                RichText::new("Negative")
                    .color(Color32::WHITE)
                    .strong()
                    .size(size),
            )
        })
        .response
        .on_hover_text(
            "Net value is negative: the Audit Commission advises considering scaling down involvement",
        );
}

/// A sortable column header: the name, and a triangle showing the order when sorted by it.
/// True when clicked.
fn sort_header(ui: &mut Ui, sort: Sort, column: SortColumn) -> bool {
    let sorted = sort.column == column;
    let layout = if column.numeric() {
        Layout::right_to_left(Align::Center)
    } else {
        Layout::left_to_right(Align::Center)
    };
    ui.with_layout(layout, |ui| {
        ui.spacing_mut().item_spacing.x = 3.0;
        let order = if !sorted {
            "Click to sort by this column".to_owned()
        } else if sort.descending {
            "Sorted high to low (Z to A); click to reverse".to_owned()
        } else {
            "Sorted low to high (A to Z); click to reverse".to_owned()
        };
        let paint_marker = |ui: &mut Ui| {
            if sorted {
                let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), Sense::hover());
                let c = rect.center();
                let colour = ui.visuals().strong_text_color();
                let points = if sort.descending {
                    vec![
                        c + egui::vec2(-5.0, -3.0),
                        c + egui::vec2(5.0, -3.0),
                        c + egui::vec2(0.0, 4.0),
                    ]
                } else {
                    vec![
                        c + egui::vec2(-5.0, 4.0),
                        c + egui::vec2(5.0, 4.0),
                        c + egui::vec2(0.0, -3.0),
                    ]
                };
                ui.painter().add(egui::Shape::convex_polygon(
                    points,
                    colour,
                    egui::Stroke::NONE,
                ));
            }
        };
        if column.numeric() {
            paint_marker(ui);
        }
        let clicked = ui
            .add(egui::Button::new(RichText::new(column.label()).strong()).frame(false))
            .on_hover_text(format!("{}. {order}", column.explain()))
            .clicked();
        if !column.numeric() {
            paint_marker(ui);
        }
        clicked
    })
    .inner
}

fn table_columns<'a>(builder: TableBuilder<'a>) -> TableBuilder<'a> {
    builder
        .column(Column::remainder().at_least(170.0).clip(true))
        .column(Column::exact(96.0))
        .column(Column::exact(138.0).clip(true))
        .column(Column::exact(112.0))
        .column(Column::exact(112.0))
        .column(Column::exact(118.0))
        .column(Column::exact(62.0))
        .column(Column::exact(92.0))
        .column(Column::exact(84.0))
}

/// The portfolio dashboard. Returns a partnership the user chose to open.
pub fn dashboard(
    ui: &mut Ui,
    project: &Project,
    (appraisal, completeness): (&Appraisal, &AllCompleteness),
    revision: u64,
    board: &mut Board,
) -> Option<usize> {
    let mut open = None;
    let symbol = project.settings.currency_symbol.as_str();
    egui::ScrollArea::vertical()
        .id_salt("dashboard_page")
        .show(ui, |ui| {
            // The page's right edge, before a wide table can widen the content past it,
            // clear of the scroll bar that floats over it.
            let scroll = &ui.spacing().scroll;
            let right = ui.max_rect().right() - scroll.bar_width - scroll.bar_outer_margin;
            ui.add_space(4.0);
            ui.heading("Portfolio dashboard");
            if board
                .conventions
                .as_ref()
                .is_none_or(|(r, _)| *r != revision)
            {
                board.conventions = Some((revision, conventions_line(project)));
            }
            if let Some((_, line)) = &board.conventions {
                ui.label(RichText::new(line).small());
            }
            ui.add_space(4.0);
            board.show_problems |= widgets::incomplete_mark(ui, completeness.portfolio, 16.0);
            portfolio_headlines(ui, appraisal, symbol);
            ui.add_space(6.0);
            filters(
                ui,
                board,
                project.partnerships.len(),
                appraisal,
                project,
                revision,
            );
            ui.add_space(4.0);
            open = partnership_table(ui, project, (appraisal, completeness), revision, board);
            ui.add_space(10.0);
            exposure(ui, project, appraisal, revision, board);
            ui.add_space(10.0);
            joint_working(ui, right, appraisal, symbol);
            ui.add_space(10.0);
            egui::CollapsingHeader::new("Portfolio charts")
                .default_open(true)
                .show(ui, |ui| portfolio_charts(ui, right, appraisal, symbol));
        });
    open
}

fn conventions_line(project: &Project) -> String {
    let conventions = crate::report::conventions(project);
    let value = |name: &str| {
        conventions
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    format!(
        "{}. Present values in {}; {}; {}; optimism bias {}.",
        format::count(project.partnerships.len(), "partnership", "partnerships"),
        value("Price base year"),
        value("Discounting"),
        value("Years"),
        value("Optimism bias").split(':').next().unwrap_or_default()
    )
}

fn portfolio_headlines(ui: &mut Ui, appraisal: &Appraisal, symbol: &str) {
    let m = &appraisal.portfolio.measures;
    let negative = appraisal.partnerships.iter().filter(|r| r.negative).count();
    ui.horizontal_wrapped(|ui| {
        let figure = |ui: &mut Ui, caption: &str, text: RichText, hover: &str| {
            ui.vertical(|ui| {
                ui.label(RichText::new(caption).small());
                ui.label(text.size(22.0).strong()).on_hover_text(hover);
            });
            ui.add_space(14.0);
        };
        figure(
            ui,
            "Portfolio net value",
            money_text(ui, m.net_value, symbol),
            "Net present social value of all partnerships: PVB less PVC",
        );
        figure(
            ui,
            "Benefit-cost ratio",
            RichText::new(format::ratio(m.bcr)),
            "PVB / PVC across the portfolio",
        );
        figure(
            ui,
            "Costs (PVC)",
            RichText::new(format::money_whole(m.pvc, symbol)),
            "Present value of costs after optimism bias",
        );
        figure(
            ui,
            "Benefits (PVB)",
            RichText::new(format::money_whole(m.pvb_total, symbol)),
            "Present value of fiscal, economic and social benefits",
        );
        figure(
            ui,
            "Payback",
            RichText::new(format::payback(m.payback)),
            "When the portfolio's cumulative discounted net value reaches zero",
        );
        figure(
            ui,
            "Fiscal payback",
            RichText::new(format::payback(m.fiscal_payback)),
            "Payback on the fiscal case: when cumulative discounted fiscal benefits less costs reach zero (HM Treasury's 2014 guidance for local partnerships)",
        );
        figure(
            ui,
            "SROI ratio",
            RichText::new(format::ratio(m.sroi_ratio)),
            "SROI practice: present value of impact, discounted from year 1, over inputs not discounted. Not the benefit-cost ratio",
        );
        let text = RichText::new(format!("{negative}"));
        let text = if negative > 0 {
            text.color(charts::negative_text(ui.visuals()))
        } else {
            text
        };
        figure(
            ui,
            "With negative net value",
            text,
            "Partnerships whose costs outweigh their benefits: consider scaling down",
        );
    });
}

fn filters(
    ui: &mut Ui,
    board: &mut Board,
    total: usize,
    appraisal: &Appraisal,
    project: &Project,
    revision: u64,
) {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Filter");
        ui.add(
            egui::TextEdit::singleline(&mut board.filter)
                .hint_text("Name, status or funding")
                .desired_width(200.0),
        )
        .labelled_by(label.id);
        ui.add_space(8.0);
        let mut statuses = vec![None];
        statuses.extend(Status::ALL.map(Some));
        widgets::choice(ui, "Status", &mut board.status, &statuses, |s| {
            s.map_or("Any status".to_owned(), |s| s.label().to_owned())
        });
        ui.add_space(8.0);
        let mut fundings = vec![None];
        fundings.extend(FundingArrangement::ALL.map(Some));
        widgets::choice(ui, "Funding", &mut board.funding, &fundings, |f| {
            f.map_or("Any funding".to_owned(), |f| f.label().to_owned())
        });
        ui.add_space(8.0);
        ui.checkbox(&mut board.negative_only, "Negative only")
            .on_hover_text("Show only partnerships whose net value is negative");
        if board.filtered() && ui.button("Clear filters").clicked() {
            board.filter.clear();
            board.status = None;
            board.funding = None;
            board.negative_only = false;
        }
        let shown = board.visible(project, appraisal, revision).len();
        ui.label(
            RichText::new(format!(
                "Showing {} of {}",
                format::number(Decimal::from(shown), 0),
                format::number(Decimal::from(total), 0)
            ))
            .weak(),
        );
    });
}

fn partnership_table(
    ui: &mut Ui,
    project: &Project,
    (appraisal, completeness): (&Appraisal, &AllCompleteness),
    revision: u64,
    board: &mut Board,
) -> Option<usize> {
    let mut show_problems = false;
    let symbol = project.settings.currency_symbol.as_str();
    let mut open = None;
    let mut clicked_header = None;
    let visible: Vec<usize> = board.visible(project, appraisal, revision).to_vec();
    let max_height = (ui.ctx().content_rect().height() * 0.45).max(180.0);
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    ui.push_id("dashboard_table", |ui| {
        let builder = TableBuilder::new(ui)
            .id_salt("partnerships")
            .striped(true)
            .resizable(false)
            .cell_layout(Layout::left_to_right(Align::Center))
            .max_scroll_height(max_height)
            .auto_shrink([false, true]);
        table_columns(builder)
            .header(row_height + 4.0, |mut header| {
                for column in SortColumn::ALL {
                    header.col(|ui| {
                        if sort_header(ui, board.sort, column) {
                            clicked_header = Some(column);
                        }
                    });
                }
                header.col(|ui| {
                    ui.label(RichText::new("Flag").strong()).on_hover_text(
                        "Partnerships whose figures are incomplete or whose net value is negative",
                    );
                });
            })
            .body(|body| {
                body.rows(row_height, visible.len(), |mut row| {
                    let Some(&i) = visible.get(row.index()) else {
                        return;
                    };
                    let (Some(p), Some(r)) =
                        (project.partnerships.get(i), appraisal.partnerships.get(i))
                    else {
                        return;
                    };
                    let m = &r.measures;
                    row.col(|ui| {
                        // A long name is cut with "…" (the whole name on hover), not clipped.
                        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                        if ui
                            .link(&p.name)
                            .on_hover_text(format!("Open {}", p.name))
                            .clicked()
                        {
                            open = Some(i);
                        }
                    });
                    row.col(|ui| {
                        ui.label(p.status.label());
                    });
                    row.col(|ui| {
                        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                        ui.label(p.funding.label()).on_hover_text(p.funding.label());
                    });
                    row.col(|ui| {
                        right(ui, format::money_whole(m.pvc, symbol));
                    });
                    row.col(|ui| {
                        right(ui, format::money_whole(m.pvb_total, symbol));
                    });
                    row.col(|ui| {
                        let text = money_text(ui, m.net_value, symbol).strong();
                        right(ui, text);
                    });
                    row.col(|ui| {
                        right(ui, format::ratio(m.bcr));
                    });
                    row.col(|ui| {
                        right(ui, format::payback(m.payback));
                    });
                    row.col(|ui| {
                        if let Some(mark) = completeness.partnership(i).mark() {
                            let text = RichText::new("Incomplete")
                                .strong()
                                .color(widgets::error_colour(ui.visuals()));
                            if ui
                                .link(text)
                                .on_hover_text(format!("{mark}: click to see the problems"))
                                .clicked()
                            {
                                show_problems = true;
                            }
                        }
                        if r.negative {
                            negative_badge(ui, 13.0);
                        }
                    });
                });
            });
    });
    board.show_problems |= show_problems;
    if let Some(column) = clicked_header {
        board.sort_by(column);
        ui.ctx().request_repaint();
    }
    totals_table(ui, project, appraisal, revision, board, row_height);
    if visible.is_empty() {
        ui.label("No partnership matches these filters.");
    }
    open
}

fn totals_table(
    ui: &mut Ui,
    project: &Project,
    appraisal: &Appraisal,
    revision: u64,
    board: &mut Board,
    row_height: f32,
) {
    let symbol = project.settings.currency_symbol.as_str();
    let filtered = board.filtered();
    let shown = board.rows(project, appraisal, revision);
    let count = shown.visible.len();
    let shown_totals = shown.totals.clone();
    let mut lines: Vec<(String, Option<Totals>)> = Vec::new();
    if filtered {
        lines.push((format!("Total of the {count} shown"), shown_totals));
    }
    let all: Vec<usize> = (0..appraisal.partnerships.len()).collect();
    let m = &appraisal.portfolio.measures;
    lines.push((
        "Portfolio total".to_owned(),
        Some(Totals {
            pvc: m.pvc,
            pvb: m.pvb_total,
            net_value: m.net_value,
            bcr: m.bcr,
            payback: m.payback,
            negative: appraisal.partnerships.iter().filter(|r| r.negative).count(),
        })
        .or_else(|| totals(appraisal, &all)),
    ));
    ui.separator();
    ui.push_id("dashboard_totals", |ui| {
        let builder = TableBuilder::new(ui)
            .id_salt("totals")
            .resizable(false)
            .vscroll(false)
            .cell_layout(Layout::left_to_right(Align::Center));
        table_columns(builder).body(|mut body| {
            for (label, totals) in &lines {
                body.row(row_height, |mut row| {
                    row.col(|ui| {
                        ui.label(RichText::new(label).strong());
                    });
                    let Some(t) = totals else {
                        row.col(|ui| {
                            ui.label("too large to add up");
                        });
                        return;
                    };
                    row.col(|_| {});
                    row.col(|_| {});
                    row.col(|ui| {
                        right(
                            ui,
                            RichText::new(format::money_whole(t.pvc, symbol)).strong(),
                        );
                    });
                    row.col(|ui| {
                        right(
                            ui,
                            RichText::new(format::money_whole(t.pvb, symbol)).strong(),
                        );
                    });
                    row.col(|ui| {
                        let text = money_text(ui, t.net_value, symbol).strong();
                        right(ui, text);
                    });
                    row.col(|ui| {
                        right(ui, RichText::new(format::ratio(t.bcr)).strong());
                    });
                    row.col(|ui| {
                        right(ui, RichText::new(format::payback(t.payback)).strong());
                    });
                    row.col(|ui| {
                        if t.negative > 0 {
                            ui.label(format!("{} negative", t.negative));
                        }
                    });
                });
            }
        });
    });
}

/// Each partner's net exposure across all partnerships.
fn exposure(
    ui: &mut Ui,
    project: &Project,
    appraisal: &Appraisal,
    revision: u64,
    board: &mut Board,
) {
    let symbol = project.settings.currency_symbol.as_str();
    ui.label(
        RichText::new("Each partner's net exposure across all partnerships (present values)")
            .strong(),
    );
    let memberships: Vec<(String, usize)> = {
        let network = board.network(project, appraisal, revision);
        network
            .partners
            .iter()
            .zip(&network.totals)
            .map(|(n, t)| (n.clone(), t.memberships))
            .collect()
    };
    egui::Grid::new("exposure_grid")
        .num_columns(7)
        .striped(true)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            for h in [
                "Partner",
                "Partnerships",
                "Costs borne",
                "Fiscal benefits",
                "Economic and social",
                "Net to budget",
                "Own return",
            ] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for p in &appraisal.portfolio.partners {
                let count = memberships
                    .iter()
                    .find(|(n, _)| *n == p.partner)
                    .map_or(0, |(_, c)| *c);
                name_cell(ui, 260.0, &p.partner);
                figure_cell(ui, 90.0, format!("{count}"));
                figure_cell(ui, 110.0, format::money_whole(p.pv_costs, symbol));
                figure_cell(ui, 110.0, format::money_whole(p.pv_fiscal, symbol));
                figure_cell(ui, 110.0, format::money_whole(p.pv_other, symbol));
                let net = money_text(ui, p.net_budget, symbol).strong();
                figure_cell(ui, 110.0, net);
                figure_cell(ui, 110.0, format::ratio(p.fiscal_roi));
                ui.end_row();
            }
            let society = &appraisal.portfolio.wider_society_by_type;
            if !appraisal.portfolio.wider_society.is_zero() {
                ui.label("Wider society")
                    .on_hover_text("Benefits attributed to no partner: not a saving to any budget");
                figure_cell(ui, 110.0, "");
                figure_cell(ui, 110.0, format::money_whole(Decimal::ZERO, symbol));
                figure_cell(ui, 110.0, format::money_whole(society.fiscal, symbol));
                figure_cell(
                    ui,
                    110.0,
                    format::money_whole(society.economic_and_social(), symbol),
                );
                figure_cell(ui, 110.0, "");
                figure_cell(ui, 110.0, "");
                ui.end_row();
            }
        });
}

/// The cost of joint working across the portfolio, by governance layer and by kind.
fn joint_working(ui: &mut Ui, page_right: f32, appraisal: &Appraisal, symbol: &str) {
    ui.label(RichText::new("Cost of joint working across the portfolio (present values)").strong());
    let total = appraisal.portfolio.measures.pvc;
    // The two tables side by side where the page is wide enough, else one under the other.
    let table_width = 100.0 + 100.0 + 58.0 + 124.0 + 4.0 * ui.spacing().item_spacing.x;
    let layout = if page_right - ui.cursor().min.x >= 2.0 * (table_width + 30.0) {
        Layout::left_to_right(Align::Min)
    } else {
        Layout::top_down(Align::Min)
    };
    ui.with_layout(layout, |ui| {
        for (id, title, breakdowns, colours) in [
            (
                "by_layer",
                "By governance layer",
                &appraisal.portfolio.cost_by_layer,
                &charts::LAYER_COLOURS,
            ),
            (
                "by_kind",
                "By kind",
                &appraisal.portfolio.cost_by_kind,
                &charts::KIND_COLOURS,
            ),
        ] {
            ui.vertical(|ui| {
                ui.label(title);
                let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
                ui.push_id(id, |ui| {
                    TableBuilder::new(ui)
                        .id_salt(id)
                        .striped(true)
                        .resizable(false)
                        .vscroll(false)
                        .cell_layout(Layout::left_to_right(Align::Center))
                        .column(Column::exact(100.0))
                        .column(Column::exact(100.0))
                        .column(Column::exact(58.0))
                        .column(Column::exact(124.0))
                        .body(|mut body| {
                            for (i, b) in breakdowns.iter().enumerate() {
                                let share = num::ratio(b.pv, total).ok().flatten();
                                body.row(row_height, |mut row| {
                                    row.col(|ui| {
                                        ui.label(&b.label);
                                    });
                                    row.col(|ui| {
                                        right(ui, format::money_whole(b.pv, symbol));
                                    });
                                    row.col(|ui| {
                                        right(
                                            ui,
                                            share.map_or_else(
                                                || "n/a".to_owned(),
                                                |s| format::percent(format::round(s, 3)),
                                            ),
                                        );
                                    });
                                    row.col(|ui| {
                                        let (rect, _) = ui.allocate_exact_size(
                                            egui::vec2(116.0, 12.0),
                                            Sense::hover(),
                                        );
                                        let fraction = share
                                            .map(charts::to_f64)
                                            .unwrap_or(0.0)
                                            .clamp(0.0, 1.0)
                                            as f32;
                                        ui.painter().rect_filled(
                                            rect,
                                            2,
                                            ui.visuals().faint_bg_color,
                                        );
                                        let mut bar = rect;
                                        bar.set_width(rect.width() * fraction);
                                        ui.painter().rect_filled(
                                            bar,
                                            2,
                                            colours.get(i).copied().unwrap_or(charts::GREY),
                                        );
                                    });
                                });
                            }
                        });
                });
            });
            ui.add_space(30.0);
        }
    });
}

fn portfolio_charts(ui: &mut Ui, right: f32, appraisal: &Appraisal, symbol: &str) {
    let p = &appraisal.portfolio;
    charts::rows(
        ui,
        right,
        300.0,
        f32::INFINITY,
        vec![
            Box::new(|ui: &mut Ui| {
                charts::cumulative(
                    ui,
                    "portfolio",
                    &appraisal.years,
                    &p.cumulative_net,
                    p.measures.payback,
                    symbol,
                    260.0,
                );
            }),
            Box::new(|ui: &mut Ui| {
                charts::who_pays(
                    ui,
                    "portfolio",
                    &p.partners,
                    p.wider_society,
                    symbol,
                    Some(260.0),
                );
            }),
        ],
    );
    charts::rows(
        ui,
        right,
        260.0,
        f32::INFINITY,
        vec![
            Box::new(|ui: &mut Ui| {
                charts::cost_by_layer(ui, "portfolio", &p.cost_by_layer, symbol, 220.0);
            }),
            Box::new(|ui: &mut Ui| {
                charts::cost_by_kind(ui, "portfolio", &p.cost_by_kind, symbol, 220.0);
            }),
            Box::new(|ui: &mut Ui| {
                charts::benefits_by_type(ui, "portfolio", &p.measures.pvb, symbol, 220.0);
            }),
        ],
    );
}

// ---------------------------------------------------------------------------------------
// The partner network

/// One partner in one partnership.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cell {
    /// Named as a member, or bearing costs or giving time.
    pub member: bool,
    /// Present value of the costs it bears.
    pub pv_costs: Decimal,
    /// Present value of the benefits it receives (fiscal, and economic or social).
    pub pv_benefits: Decimal,
    pub net_budget: Decimal,
    /// Staff and meeting hours a year, averaged over the horizon, as entered (before
    /// optimism bias, which applies to money).
    pub hours_per_year: Decimal,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PartnerTotal {
    pub memberships: usize,
    pub pv_costs: Decimal,
    pub hours_per_year: Decimal,
    pub net_budget: Decimal,
}

/// Partners × partnerships: who sits where, and what it costs them in money and time.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Network {
    pub partners: Vec<String>,
    /// `cells[partnership][partner]`.
    pub cells: Vec<Vec<Cell>>,
    pub totals: Vec<PartnerTotal>,
    /// (partner, partnership) for every membership, by partner then partnership.
    pub memberships: Vec<(usize, usize)>,
    pub max_costs: Decimal,
    pub max_hours: Decimal,
}

/// Total staff and meeting hours each partner gives a partnership over the horizon.
fn hours_by_partner(project: &Project, index: usize, years: u32) -> Vec<(String, Decimal)> {
    let mut out: Vec<(String, Decimal)> = Vec::new();
    let mut add = |partner: &str, hours: Decimal| match out.iter_mut().find(|(p, _)| p == partner) {
        Some((_, h)) => *h = h.checked_add(hours).unwrap_or(*h),
        None => out.push((partner.to_owned(), hours)),
    };
    let Some(p) = project.partnerships.get(index) else {
        return out;
    };
    for line in &p.costs {
        match &line.detail {
            CostDetail::StaffTime(s) => {
                if let Some(total) = appraisal::flows::staff_hours(&project.settings, s, years)
                    .ok()
                    .and_then(|series| num::sum(series).ok())
                {
                    add(&s.partner, total);
                }
            }
            CostDetail::Meeting(m) => {
                let per_meeting = m
                    .meeting_hours
                    .checked_add(m.preparation_hours)
                    .and_then(|h| h.checked_add(m.travel_hours));
                let meetings = appraisal::flows::expand(&m.meetings, years)
                    .ok()
                    .and_then(|series| num::sum(series).ok());
                let (Some(per_meeting), Some(meetings)) = (per_meeting, meetings) else {
                    continue;
                };
                for a in &m.attendees {
                    if let Some(hours) = a
                        .count
                        .checked_mul(per_meeting)
                        .and_then(|h| h.checked_mul(meetings))
                    {
                        add(&a.partner, hours);
                    }
                }
            }
            CostDetail::PooledFund(_) | CostDetail::Other(_) => {}
        }
    }
    out
}

/// The partners of the network: the project's, then any other the appraisal names.
fn network_partners(project: &Project, appraisal: &Appraisal) -> Vec<String> {
    let mut partners: Vec<String> = project.partners.iter().map(|p| p.name.clone()).collect();
    for r in &appraisal.partnerships {
        for row in &r.partners {
            if !partners.contains(&row.partner) {
                partners.push(row.partner.clone());
            }
        }
    }
    partners
}

/// Partnership `i`'s row of the network.
fn network_row(
    project: &Project,
    appraisal: &Appraisal,
    partners: &[String],
    i: usize,
) -> Vec<Cell> {
    let years = appraisal.years.len() as u32;
    let p = &project.partnerships[i];
    let r = &appraisal.partnerships[i];
    let hours = hours_by_partner(project, i, years);
    partners
        .iter()
        .map(|name| {
            let position = r.partners.iter().find(|row| row.partner == *name);
            let total_hours = hours
                .iter()
                .find(|(p, _)| p == name)
                .map_or(Decimal::ZERO, |(_, h)| *h);
            let hours_per_year = if years == 0 {
                Decimal::ZERO
            } else {
                total_hours
                    .checked_div(Decimal::from(years))
                    .unwrap_or(Decimal::ZERO)
            };
            let pv_costs = position.map_or(Decimal::ZERO, |x| x.pv_costs);
            Cell {
                member: p.members.contains(name)
                    || !pv_costs.is_zero()
                    || !hours_per_year.is_zero(),
                pv_costs,
                pv_benefits: position.map_or(Decimal::ZERO, |x| x.pv_benefits()),
                net_budget: position.map_or(Decimal::ZERO, |x| x.net_budget),
                hours_per_year,
            }
        })
        .collect()
}

/// Builds the partner network from the project and its appraisal.
pub fn network(project: &Project, appraisal: &Appraisal) -> Network {
    let partners = network_partners(project, appraisal);
    let count = project.partnerships.len().min(appraisal.partnerships.len());
    let cells = (0..count)
        .map(|i| network_row(project, appraisal, &partners, i))
        .collect();
    assemble(partners, cells)
}

/// The network of these rows: each partner's totals, the memberships and the largest cells.
fn assemble(partners: Vec<String>, cells: Vec<Vec<Cell>>) -> Network {
    let mut totals = vec![PartnerTotal::default(); partners.len()];
    let mut memberships = Vec::new();
    let mut max_costs = Decimal::ZERO;
    let mut max_hours = Decimal::ZERO;
    for (k, total) in totals.iter_mut().enumerate() {
        for (i, row) in cells.iter().enumerate() {
            let Some(cell) = row.get(k) else { continue };
            if cell.member {
                total.memberships += 1;
                memberships.push((k, i));
            }
            total.pv_costs = total
                .pv_costs
                .checked_add(cell.pv_costs)
                .unwrap_or(total.pv_costs);
            total.hours_per_year = total
                .hours_per_year
                .checked_add(cell.hours_per_year)
                .unwrap_or(total.hours_per_year);
            total.net_budget = total
                .net_budget
                .checked_add(cell.net_budget)
                .unwrap_or(total.net_budget);
            max_costs = max_costs.max(cell.pv_costs);
            max_hours = max_hours.max(cell.hours_per_year);
        }
    }
    Network {
        partners,
        cells,
        totals,
        memberships,
        max_costs,
        max_hours,
    }
}

fn hours_text(hours: Decimal) -> String {
    format!("{} h", format::number(hours, 0))
}

/// The colour of a cell whose value is `fraction` of the largest: from the panel's
/// background to vermillion, by lightness, so it reads in grey scale too.
fn shade(visuals: &egui::Visuals, fraction: f32) -> Color32 {
    let base = visuals.extreme_bg_color;
    let t = fraction.clamp(0.0, 1.0).sqrt();
    let mix = |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * t).round() as u8;
    let end = charts::negative_text(visuals);
    Color32::from_rgb(
        mix(base.r(), end.r()),
        mix(base.g(), end.g()),
        mix(base.b(), end.b()),
    )
}

/// Black or white, whichever reads better on `fill`.
fn ink(fill: Color32) -> Color32 {
    let lum =
        0.2126 * f32::from(fill.r()) + 0.7152 * f32::from(fill.g()) + 0.0722 * f32::from(fill.b());
    if lum > 140.0 {
        Color32::BLACK
    } else {
        Color32::WHITE
    }
}

/// The partner network view. Returns a partnership the user chose to open.
pub fn network_view(
    ui: &mut Ui,
    project: &Project,
    (appraisal, completeness): (&Appraisal, &AllCompleteness),
    revision: u64,
    board: &mut Board,
) -> Option<usize> {
    ui.add_space(4.0);
    ui.heading("Partner network");
    board.show_problems |= widgets::incomplete_mark(ui, completeness.portfolio, 16.0);
    ui.label(
        "Who sits in which partnership, and what it costs them: the present value of the costs each partner bears, and the staff and meeting hours it gives each year (averaged over the horizon, as entered).",
    );
    ui.horizontal(|ui| {
        ui.label("Show");
        ui.selectable_value(&mut board.network_view, NetworkView::Chart, "Chart");
        ui.selectable_value(&mut board.network_view, NetworkView::Table, "Table");
        if board.network_view == NetworkView::Chart {
            ui.separator();
            ui.label("Shade by");
            ui.selectable_value(
                &mut board.network_measure,
                NetworkMeasure::Costs,
                "Costs borne",
            );
            ui.selectable_value(
                &mut board.network_measure,
                NetworkMeasure::Hours,
                "Hours a year",
            );
        }
    });
    ui.add_space(4.0);
    let view = board.network_view;
    let measure = board.network_measure;
    let symbol = project.settings.currency_symbol.clone();
    let network = board.network(project, appraisal, revision);
    match view {
        NetworkView::Chart => heat_map(ui, project, network, measure, &symbol),
        NetworkView::Table => network_tables(ui, project, network, &symbol),
    }
}

fn heat_map(
    ui: &mut Ui,
    project: &Project,
    network: &Network,
    measure: NetworkMeasure,
    symbol: &str,
) -> Option<usize> {
    let mut open = None;
    let visuals = ui.visuals().clone();
    let max = match measure {
        NetworkMeasure::Costs => network.max_costs,
        NetworkMeasure::Hours => network.max_hours,
    };
    // Legend.
    let width = ui.available_width();
    ui.horizontal_wrapped(|ui| {
        ui.set_max_width(width);
        let (rect, _) = ui.allocate_exact_size(egui::vec2(160.0, 16.0), Sense::hover());
        let steps = 16;
        for s in 0..steps {
            let mut r = rect;
            r.set_left(rect.left() + rect.width() * s as f32 / steps as f32);
            r.set_width(rect.width() / steps as f32 + 0.5);
            ui.painter()
                .rect_filled(r, 0, shade(&visuals, s as f32 / (steps - 1) as f32));
        }
        let largest = match measure {
            NetworkMeasure::Costs => format::money_whole(max, symbol),
            NetworkMeasure::Hours => hours_text(max),
        };
        ui.label(format!(
            "The stronger the colour, the {}: from nothing to {largest}. Each cell states its figure; an empty cell means not a member. Hover a cell for details; click a name to open it.",
            match measure {
                NetworkMeasure::Costs => "more it costs the partner (present value of costs borne)",
                NetworkMeasure::Hours => "more of the partner's time it takes (hours a year)",
            }
        ));
    });
    ui.add_space(4.0);
    let partners = network.partners.len().max(1);
    let name_width = 250.0;
    let available = ui.available_width() - name_width - 16.0;
    let cell_width = (available / partners as f32).clamp(76.0, 150.0);
    let header_height = 62.0;
    let row_height = 30.0;
    let font = egui::TextStyle::Small.resolve(ui.style());
    let body_font = egui::TextStyle::Body.resolve(ui.style());
    let total_width = name_width + cell_width * partners as f32;
    egui::ScrollArea::horizontal()
        .id_salt("network_h")
        .show(ui, |ui| {
            ui.set_min_width(total_width);
            // Column headers: the partners' names.
            let (rect, _) =
                ui.allocate_exact_size(egui::vec2(total_width, header_height), Sense::hover());
            let painter = ui.painter_at(rect);
            painter.text(
                rect.left_bottom() + egui::vec2(2.0, -4.0),
                egui::Align2::LEFT_BOTTOM,
                "Partnership / partner",
                font.clone(),
                visuals.weak_text_color(),
            );
            for (k, name) in network.partners.iter().enumerate() {
                let left = rect.left() + name_width + cell_width * k as f32;
                let galley = painter.layout(
                    name.clone(),
                    font.clone(),
                    visuals.strong_text_color(),
                    cell_width - 6.0,
                );
                let pos = egui::pos2(left + 3.0, rect.bottom() - galley.size().y - 3.0);
                painter.galley(pos, galley, visuals.strong_text_color());
            }
            egui::ScrollArea::vertical()
                .id_salt("network_v")
                .max_height((ui.available_height() - 8.0).max(200.0))
                .show_rows(ui, row_height, network.cells.len(), |ui, range| {
                    for i in range {
                        let (Some(row), Some(p)) =
                            (network.cells.get(i), project.partnerships.get(i))
                        else {
                            continue;
                        };
                        let (rect, response) = ui.allocate_exact_size(
                            egui::vec2(total_width, row_height),
                            Sense::hover(),
                        );
                        let name_rect = egui::Rect::from_min_size(
                            rect.min,
                            egui::vec2(name_width - 8.0, row_height),
                        );
                        let mut name_ui = ui.new_child(
                            egui::UiBuilder::new()
                                .max_rect(name_rect)
                                .layout(Layout::left_to_right(Align::Center)),
                        );
                        name_ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                        let link = name_ui
                            .link(RichText::new(&p.name).font(body_font.clone()))
                            .on_hover_text(format!("Open {}", p.name));
                        if link.clicked() {
                            open = Some(i);
                        }
                        let painter = ui.painter_at(rect);
                        for (k, cell) in row.iter().enumerate() {
                            let cell_rect = egui::Rect::from_min_size(
                                egui::pos2(rect.left() + name_width + cell_width * k as f32, rect.top()),
                                egui::vec2(cell_width, row_height),
                            )
                            .shrink(1.5);
                            let value = match measure {
                                NetworkMeasure::Costs => cell.pv_costs,
                                NetworkMeasure::Hours => cell.hours_per_year,
                            };
                            if !cell.member && value.is_zero() {
                                painter.rect_stroke(
                                    cell_rect,
                                    2,
                                    egui::Stroke::new(1.0, visuals.faint_bg_color),
                                    egui::StrokeKind::Inside,
                                );
                                continue;
                            }
                            let fraction = num::ratio(value, max)
                                .ok()
                                .flatten()
                                .map_or(0.0, charts::to_f64) as f32;
                            let fill = shade(&visuals, fraction);
                            painter.rect_filled(cell_rect, 2, fill);
                            let text = if value.is_zero() {
                                "member".to_owned()
                            } else {
                                match measure {
                                    NetworkMeasure::Costs => charts::money_short(value, symbol),
                                    NetworkMeasure::Hours => hours_text(value),
                                }
                            };
                            painter.text(
                                cell_rect.center(),
                                egui::Align2::CENTER_CENTER,
                                text,
                                font.clone(),
                                ink(fill),
                            );
                        }
                        if let Some(pos) = response.hover_pos() {
                            let k = ((pos.x - rect.left() - name_width) / cell_width).floor();
                            if k >= 0.0 {
                                let k = k as usize;
                                if let (Some(cell), Some(partner)) =
                                    (row.get(k), network.partners.get(k))
                                {
                                    let text = format!(
                                        "{partner} in {}\n{}\nCosts borne (PV): {}\nBenefits received (PV): {}\nNet to budget (PV): {}\nStaff and meeting time: {} a year",
                                        p.name,
                                        if cell.member { "Member" } else { "Not a member" },
                                        format::money_whole(cell.pv_costs, symbol),
                                        format::money_whole(cell.pv_benefits, symbol),
                                        format::money_whole(cell.net_budget, symbol),
                                        hours_text(cell.hours_per_year),
                                    );
                                    response.on_hover_text_at_pointer(text);
                                }
                            }
                        }
                    }
                });
        });
    open
}

fn network_tables(
    ui: &mut Ui,
    project: &Project,
    network: &Network,
    symbol: &str,
) -> Option<usize> {
    let mut open = None;
    ui.label(RichText::new("Each partner's time and money across the portfolio").strong());
    egui::Grid::new("network_partners")
        .num_columns(6)
        .striped(true)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            for h in [
                "Partner",
                "Kind",
                "Partnerships",
                "Costs borne (PV)",
                "Hours a year",
                "Net to budget (PV)",
            ] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for (k, name) in network.partners.iter().enumerate() {
                let Some(t) = network.totals.get(k) else {
                    continue;
                };
                ui.label(name);
                ui.label(
                    project
                        .partners
                        .iter()
                        .find(|p| p.name == *name)
                        .map_or("not in the project", |p| p.kind.label()),
                );
                figure_cell(ui, 90.0, format!("{}", t.memberships));
                figure_cell(ui, 110.0, format::money_whole(t.pv_costs, symbol));
                figure_cell(ui, 110.0, hours_text(t.hours_per_year));
                let net = money_text(ui, t.net_budget, symbol).strong();
                figure_cell(ui, 110.0, net);
                ui.end_row();
            }
        });
    ui.add_space(10.0);
    ui.label(RichText::new("Who sits in which partnership").strong());
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    ui.push_id("memberships", |ui| {
        let max_height = (ui.available_height() - 8.0).max(200.0);
        TableBuilder::new(ui)
            .id_salt("memberships_table")
            .striped(true)
            .resizable(false)
            .cell_layout(Layout::left_to_right(Align::Center))
            .max_scroll_height(max_height)
            .column(Column::exact(240.0).clip(true))
            .column(Column::remainder().at_least(200.0).clip(true))
            .column(Column::exact(130.0))
            .column(Column::exact(110.0))
            .column(Column::exact(170.0))
            .column(Column::exact(140.0))
            .header(row_height, |mut header| {
                for h in [
                    "Partner",
                    "Partnership",
                    "Costs borne (PV)",
                    "Hours a year",
                    "Benefits received (PV)",
                    "Net to budget (PV)",
                ] {
                    header.col(|ui| {
                        ui.label(RichText::new(h).strong());
                    });
                }
            })
            .body(|body| {
                body.rows(row_height, network.memberships.len(), |mut row| {
                    let Some(&(k, i)) = network.memberships.get(row.index()) else {
                        return;
                    };
                    let (Some(partner), Some(cell), Some(p)) = (
                        network.partners.get(k),
                        network.cells.get(i).and_then(|r| r.get(k)),
                        project.partnerships.get(i),
                    ) else {
                        return;
                    };
                    row.col(|ui| {
                        ui.label(partner);
                    });
                    row.col(|ui| {
                        if ui.link(&p.name).clicked() {
                            open = Some(i);
                        }
                    });
                    row.col(|ui| {
                        right(ui, format::money_whole(cell.pv_costs, symbol));
                    });
                    row.col(|ui| {
                        right(ui, hours_text(cell.hours_per_year));
                    });
                    row.col(|ui| {
                        right(ui, format::money_whole(cell.pv_benefits, symbol));
                    });
                    row.col(|ui| {
                        let net = money_text(ui, cell.net_budget, symbol);
                        right(ui, net);
                    });
                });
            });
    });
    open
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::document::Document;

    /// Issue 16: after an edit, the network recomputes only the changed partnerships' rows,
    /// and is exactly the network computed afresh.
    #[test]
    fn the_network_after_edits_is_the_network_computed_afresh() {
        let mut doc = Document::untitled(crate::generate::project(40, 31));
        let mut board = Board::default();
        let mut check = |doc: &mut Document, what: &str| {
            board.set_committed(doc.committed());
            let revision = doc.revision();
            let (project, results) = doc.project_and_results();
            let kept = board.network(project, &results.appraisal, revision).clone();
            assert_eq!(kept, network(project, &results.appraisal), "{what}");
        };
        check(&mut doc, "opened");
        doc.apply(|p| {
            if let Some(line) = p.partnerships[7].costs.first_mut() {
                line.name.push('!');
            }
            p.partnerships[8].members.clear();
        });
        check(&mut doc, "two partnerships changed");
        doc.project.partnerships[12].costs.clear();
        doc.commit_partnership(12);
        check(&mut doc, "a partnership's costs removed");
        doc.apply(|p| p.partners[0].name.push_str(" (renamed)"));
        check(&mut doc, "a partner renamed");
        doc.undo();
        check(&mut doc, "undone");
    }
}
