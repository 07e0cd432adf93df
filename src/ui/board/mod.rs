//! What a board sees across all partnerships: the portfolio dashboard (a sortable,
//! filterable row per partnership, totals, each partner's exposure, the cost of joint
//! working by layer and kind) and the partner network (who sits in which partnership
//! and what it costs them in money and time).
//!
//! The figures are the engine's view models (`appraisal::portfolio`); these rooms only
//! draw them: `headline.rs` (the conventions line and the headline figures),
//! `filters.rs`, `table.rs` (the partnerships and their totals), `portfolio.rs` (each
//! partner's exposure, joint working, the charts), `reviews.rs` (the review cycle's count
//! and badges), `network.rs` and `annual.rs` (the annual review for the audit committee).
//!
//! Tables are virtualised (only the rows in view are laid out), and the sorted, filtered
//! row order and the network are cached per project revision, so a portfolio of
//! thousands of partnerships stays responsive.

mod annual;
mod filters;
mod headline;
mod network;
mod portfolio;
mod reviews;
mod table;

pub use crate::appraisal::portfolio::{
    Cell, Network, NetworkMeasure, PartnerTotal, Sort, SortColumn, Totals, network,
};
pub use annual::{Annual, Asked, annual_export, annual_view};
pub use network::network_view;

use super::charts;
use super::document::Committed;
use super::widgets;
use crate::appraisal::portfolio::{self as view, Filter, KeptNetwork, Shown};
use crate::appraisal::{AllCompleteness, Appraisal};
use crate::format;
use crate::model::{FundingArrangement, Project, Status};
use eframe::egui::{self, Align, Color32, Layout, RichText, Ui};
use rust_decimal::Decimal;

/// What the partner network shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NetworkView {
    #[default]
    Chart,
    Table,
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
    /// What the network chart shades its cells by.
    pub network_measure: NetworkMeasure,
    /// The mark of incomplete figures was clicked: the app shows the problems.
    pub show_problems: bool,
    /// The annual review's day and the review last worked out.
    pub annual: Annual,
    rows: Option<Rows>,
    network: Option<(u64, KeptNetwork)>,
    /// The project as committed when the network was computed, and at the revision shown.
    network_of: Option<Committed>,
    committed: Option<Committed>,
    /// The conventions line under the heading, per revision (it reads every line).
    conventions: Option<(u64, String)>,
    /// What the table's figure columns must fit, per revision (it reads every row).
    figure_texts: Option<(u64, table::FigureTexts)>,
}

/// What the shown rows were computed for.
#[derive(Clone, Debug, PartialEq)]
struct RowsKey {
    revision: u64,
    sort: Sort,
    filter: Filter,
}

struct Rows {
    key: RowsKey,
    shown: Shown,
}

impl Board {
    /// The filter the board's fields make.
    fn filter_of(&self) -> Filter {
        Filter {
            text: self.filter.clone(),
            status: self.status,
            funding: self.funding,
            negative_only: self.negative_only,
        }
    }

    fn filtered(&self) -> bool {
        self.filter_of().is_active()
    }

    /// The partnerships shown, in the order shown, computed once per revision and setting.
    pub fn visible(&mut self, project: &Project, appraisal: &Appraisal, revision: u64) -> &[usize] {
        self.shown(project, appraisal, revision).visible.as_slice()
    }

    /// What the table's figure columns must fit, worked out once per revision.
    fn figure_texts(
        &mut self,
        appraisal: &Appraisal,
        symbol: &str,
        revision: u64,
    ) -> &table::FigureTexts {
        if self
            .figure_texts
            .as_ref()
            .is_none_or(|(r, _)| *r != revision)
        {
            self.figure_texts = Some((revision, table::figure_texts(appraisal, symbol)));
        }
        &self
            .figure_texts
            .get_or_insert_with(|| (revision, table::figure_texts(appraisal, symbol)))
            .1
    }

    /// The partnerships shown and their totals, computed once per revision and setting.
    fn shown(&mut self, project: &Project, appraisal: &Appraisal, revision: u64) -> &Shown {
        let key = RowsKey {
            revision,
            sort: self.sort,
            filter: self.filter_of(),
        };
        if self.rows.as_ref().is_none_or(|r| r.key != key) {
            let shown = view::shown(project, appraisal, &key.filter, key.sort);
            self.rows = Some(Rows { key, shown });
        }
        &self
            .rows
            .get_or_insert_with(|| Rows {
                key: RowsKey {
                    revision,
                    sort: Sort::default(),
                    filter: Filter::default(),
                },
                shown: Shown {
                    visible: Vec::new(),
                    totals: None,
                },
            })
            .shown
    }

    /// Clicking a header sorts by it; clicking it again reverses the order.
    pub fn sort_by(&mut self, column: SortColumn) {
        self.sort = self.sort.by(column);
    }

    /// The project as committed at the revision about to be shown: with it, the network
    /// of a new revision recomputes only the rows of partnerships that changed.
    pub fn set_committed(&mut self, committed: Committed) {
        self.committed = Some(committed);
    }

    /// The network of `revision`, brought up from the one kept (only the rows of the
    /// partnerships that changed are worked out again), and not yet added up if an edit
    /// moved a row: the dashboard needs only the memberships.
    fn kept_network(
        &mut self,
        project: &Project,
        appraisal: &Appraisal,
        revision: u64,
    ) -> &mut KeptNetwork {
        if self.network.as_ref().is_none_or(|(r, _)| *r != revision) {
            let updated = match (self.network.take(), &self.network_of, &self.committed) {
                (Some((_, old)), Some(then), Some(now))
                    if then.same_rest(now)
                        && now.partnerships()
                            == project.partnerships.len().min(appraisal.partnerships.len()) =>
                {
                    old.updated(project, appraisal, &|i| !then.same_partnership(now, i))
                }
                _ => KeptNetwork::of(project, appraisal),
            };
            self.network = Some((revision, updated));
            self.network_of = self.committed.clone();
        }
        &mut self
            .network
            .get_or_insert_with(|| (revision, KeptNetwork::of(project, appraisal)))
            .1
    }

    /// The whole network of `revision`, added up.
    fn network(&mut self, project: &Project, appraisal: &Appraisal, revision: u64) -> &Network {
        self.kept_network(project, appraisal, revision).whole()
    }
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
                board.conventions = Some((revision, headline::conventions_line(project)));
            }
            if let Some((_, line)) = &board.conventions {
                ui.label(RichText::new(line).small());
            }
            ui.add_space(4.0);
            board.show_problems |= widgets::incomplete_mark(ui, completeness.portfolio, 16.0);
            headline::headlines(ui, &view::Headline::of(appraisal), symbol);
            let today = reviews::today();
            let review_statuses = reviews::statuses(project, today);
            reviews::headline(ui, &review_statuses, today);
            ui.add_space(6.0);
            filters::filters(ui, board, project, appraisal, revision);
            ui.add_space(4.0);
            open = table::partnership_table(
                ui,
                project,
                (appraisal, completeness),
                revision,
                board,
                &review_statuses,
            );
            ui.add_space(10.0);
            let network = board.kept_network(project, appraisal, revision);
            let exposure = view::exposure(appraisal, network);
            portfolio::exposure(ui, &exposure, symbol);
            ui.add_space(10.0);
            portfolio::joint_working(ui, right, &view::joint_working(appraisal), symbol);
            ui.add_space(10.0);
            egui::CollapsingHeader::new("Portfolio charts")
                .default_open(true)
                .show(ui, |ui| portfolio::charts(ui, right, appraisal, symbol));
        });
    open
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

/// The width of a figure column: `usual`, or wider where one of `texts` would not fit
/// whole (a figure cut short with "…" would mislead a board).
pub(super) fn wide_enough<T: AsRef<str>>(
    ui: &Ui,
    usual: f32,
    texts: impl IntoIterator<Item = T>,
) -> f32 {
    // The room a label needs besides its text, so it is never cut short.
    let room = 4.0;
    texts.into_iter().fold(usual, |width, text| {
        width.max(widgets::text_width(ui, text.as_ref()) + room)
    })
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
            // A name cut short shows whole on hover (egui's own tooltip for elided text).
            ui.add(egui::Label::new(name).truncate());
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::document::Document;

    /// Issue 16: after an edit, the network recomputes only the changed partnerships' rows;
    /// the memberships the dashboard reads from them, and the network once added up, are
    /// exactly those computed afresh.
    #[test]
    fn the_network_after_edits_is_the_network_computed_afresh() {
        let mut doc = Document::untitled(crate::generate::project(40, 31));
        let mut board = Board::default();
        let mut check = |doc: &mut Document, what: &str| {
            board.set_committed(doc.committed());
            let revision = doc.revision();
            let (project, results) = doc.project_and_results();
            let fresh = network(project, &results.appraisal);
            // What the dashboard reads, before anything adds the network up.
            let memberships = board
                .kept_network(project, &results.appraisal, revision)
                .memberships();
            let added_up: Vec<usize> = fresh.totals.iter().map(|t| t.memberships).collect();
            assert_eq!(memberships, added_up, "{what}");
            let kept = board.network(project, &results.appraisal, revision).clone();
            assert_eq!(kept, fresh, "{what}");
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
        // Every partner on one board: the pairs who sit together, the degrees and the
        // density change with it.
        let before = {
            let (project, results) = doc.project_and_results();
            network(project, &results.appraisal)
        };
        doc.apply(|p| {
            p.partnerships[13].members = p.partners.iter().map(|x| x.name.clone()).collect()
        });
        check(&mut doc, "every partner on one board");
        let (project, results) = doc.project_and_results();
        let after = network(project, &results.appraisal);
        assert_eq!(after.shared.len(), after.pairs, "every pair sits together");
        assert_ne!(before.shared, after.shared);
        doc.apply(|p| p.partners[0].name.push_str(" (renamed)"));
        check(&mut doc, "a partner renamed");
        doc.undo();
        check(&mut doc, "undone");
    }
}
