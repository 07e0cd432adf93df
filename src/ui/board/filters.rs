//! The dashboard's filters: which partnerships the table shows.

use super::{Board, widgets};
use crate::appraisal::Appraisal;
use crate::format;
use crate::model::{FundingArrangement, Project, Status};
use eframe::egui::{self, RichText, Ui};
use rust_decimal::Decimal;

/// The filter bar: text, status, funding, negative only, and how many are shown.
pub(super) fn filters(
    ui: &mut Ui,
    board: &mut Board,
    project: &Project,
    appraisal: &Appraisal,
    revision: u64,
) {
    let total = project.partnerships.len();
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
