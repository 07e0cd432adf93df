//! The central area: the screen for the view chosen, and what its answers do (delete,
//! duplicate, open a partnership); going to the place a problem points to.

use super::{Dialog, PartnershipApp, Section, View};
use crate::appraisal::Location;
use crate::model::{Named, Project, unique_name};
use crate::ui::commands::Command;
use crate::ui::{board, editor, partners, settings, start};
use eframe::egui::Ui;

impl PartnershipApp {
    pub(super) fn central(&mut self, ui: &mut Ui) -> bool {
        let diagnostics = self.doc.results().diagnostics.clone();
        let mut changed = false;
        match self.view {
            View::Start => {
                if let Some(then) = start::show(ui, &self.recent) {
                    self.guard(then);
                }
            }
            View::Portfolio | View::Network => {
                let (project, results) = self.doc.project_and_results();
                // What the board keeps it keeps against the results' revision and the
                // project they were computed from, so figures computed on another thread
                // replace what it drew from the last ones. With the project as committed
                // the network recomputes only the partnerships an edit changed.
                let revision = results.revision();
                if let Some(committed) = results.committed() {
                    self.board.set_committed(committed);
                }
                let shown = (&results.appraisal, results.completeness.as_ref());
                let open = if self.view == View::Network {
                    board::network_view(ui, project, shown, revision, &mut self.board)
                } else {
                    board::dashboard(ui, project, shown, revision, &mut self.board)
                };
                if let Some(i) = open {
                    self.view = View::Partnership(i);
                }
                if std::mem::take(&mut self.board.show_problems) {
                    self.show_problems = true;
                }
            }
            View::Annual => {
                let (project, results) = self.doc.project_and_results();
                let revision = results.revision();
                if let Some(committed) = results.committed() {
                    self.board.set_committed(committed);
                }
                let shown = (&results.appraisal, results.completeness.as_ref());
                let asked = board::annual_view(ui, project, shown, revision, &mut self.board);
                if let Some(i) = asked.open {
                    self.view = View::Partnership(i);
                }
                if let Some(command) = asked.export {
                    self.queued.push(command);
                }
                if std::mem::take(&mut self.board.show_problems) {
                    self.show_problems = true;
                }
            }
            View::DeliveryChain => {
                if let Some(i) = crate::ui::chain::show(ui, &self.doc.project) {
                    self.view = View::Partnership(i);
                    self.section = Section::Objectives;
                }
            }
            View::Settings => {
                let mut delete = None;
                changed |= settings::show(ui, &mut self.doc.project, &diagnostics, &mut delete);
                if let Some(named) = delete {
                    self.ask_to_delete(named);
                }
            }
            View::Report => {
                let shown =
                    crate::ui::report::show(ui, &mut self.doc.project, &mut self.report_for);
                changed |= shown.changed;
                if shown.export {
                    self.queued.push(Command::ExportDocx);
                }
            }
            View::Library => {
                let mut delete = None;
                let (edited, import) =
                    settings::library(ui, &mut self.doc.project, &diagnostics, &mut delete);
                changed |= edited;
                if import {
                    self.import_unit_costs();
                }
                if let Some(named) = delete {
                    self.ask_to_delete(named);
                }
            }
            View::Partner(i) if i < self.doc.project.partners.len() => {
                match partners::show(ui, &mut self.doc.project, i, &diagnostics) {
                    partners::Outcome::Changed => changed = true,
                    partners::Outcome::Delete => self.ask_to_delete(Named::Partner(i)),
                    partners::Outcome::DeleteGrade(grade) => {
                        self.ask_to_delete(Named::Grade { partner: i, grade })
                    }
                    partners::Outcome::None => {}
                }
            }
            View::Partnership(i) if i < self.doc.project.partnerships.len() => {
                let focus = self.focus.take();
                let (project, results) = self.doc.project_and_results();
                let appraisal = &results.appraisal;
                let mut values =
                    appraisal
                        .partnerships
                        .get(i)
                        .map_or_else(editor::LineValues::default, |r| editor::LineValues {
                            costs: r.cost_lines.iter().map(|l| l.pv).collect(),
                            benefits: r.benefit_lines.iter().map(|l| l.pv).collect(),
                            significance: None,
                            actuals: None,
                        });
                if self.section == Section::Register {
                    values.significance = crate::appraisal::significance_of(project, appraisal, i)
                        .map(|f| f.describe());
                }
                if self.section == Section::Actuals {
                    values.actuals = crate::appraisal::actuals::one_partnership(
                        project, appraisal, i,
                    )
                    .map(|(actuals, diagnostics)| editor::ActualsShown {
                        actuals,
                        diagnostics,
                    });
                }
                let revision = self.doc.results().revision();
                // The uncertainty and fair-shares sections start from the results already
                // computed for this revision, rather than appraising the project again.
                let result = matches!(self.section, Section::Uncertainty | Section::FairShares)
                    .then(|| self.doc.results().appraisal.partnerships.get(i).cloned())
                    .flatten();
                let state = &mut self.analysis;
                let mut analysis =
                    |ui: &mut Ui, project: &mut Project, index: usize, section: Section| {
                        let result = result.as_ref().filter(|_| index == i);
                        crate::ui::analysis::show(
                            ui,
                            project,
                            (index, revision),
                            section,
                            result,
                            state,
                        )
                    };
                match editor::show(
                    ui,
                    &mut self.doc.project,
                    i,
                    &mut self.section,
                    &diagnostics,
                    focus,
                    &values,
                    &mut analysis,
                ) {
                    editor::Outcome::Changed => changed = true,
                    editor::Outcome::Delete => self.dialog = Some(Dialog::DeletePartnership(i)),
                    editor::Outcome::DeleteOption(option) => self.ask_to_delete(Named::Option {
                        partnership: i,
                        option,
                    }),
                    editor::Outcome::Duplicate => {
                        let mut copy = self.doc.project.partnerships[i].clone();
                        copy.name = unique_name(
                            &format!("{} (copy)", copy.name),
                            self.doc
                                .project
                                .partnerships
                                .iter()
                                .map(|p| p.name.as_str()),
                        );
                        self.doc.apply(|p| p.partnerships.insert(i + 1, copy));
                        self.view = View::Partnership(i + 1);
                    }
                    editor::Outcome::None => {}
                }
            }
            View::Partner(_) | View::Partnership(_) => self.view = View::Portfolio,
        }
        changed
    }
    /// Shows the place a diagnostic points to.
    pub fn go_to(&mut self, location: Location) {
        self.focus = Some(location);
        match location {
            Location::Settings
            | Location::ConfidenceGrade { .. }
            | Location::ProjectType { .. }
            | Location::Priority { .. } => self.view = View::Settings,
            Location::UnitValue { .. } | Location::Deflator { .. } => self.view = View::Library,
            Location::Partner { partner } | Location::Grade { partner, .. } => {
                self.view = View::Partner(partner)
            }
            Location::Partnership { partnership } => {
                self.view = View::Partnership(partnership);
                self.section = Section::Register;
            }
            Location::Cost { partnership, .. } => {
                self.view = View::Partnership(partnership);
                self.section = Section::Costs;
            }
            Location::Benefit { partnership, .. } => {
                self.view = View::Partnership(partnership);
                self.section = Section::Benefits;
            }
            Location::Impact { partnership, .. } => {
                self.view = View::Partnership(partnership);
                self.section = Section::Impacts;
            }
            Location::OptionCost { partnership, .. }
            | Location::OptionBenefit { partnership, .. } => {
                self.view = View::Partnership(partnership);
                self.section = Section::Options;
            }
            Location::Proposal { partnership, .. } => {
                self.view = View::Partnership(partnership);
                self.section = Section::FairShares;
            }
            Location::Register { partnership } => {
                self.view = View::Partnership(partnership);
                self.section = Section::Register;
            }
            Location::Review { partnership, .. } => {
                self.view = View::Partnership(partnership);
                self.section = Section::Review;
            }
            Location::Objective { partnership, .. } => {
                self.view = View::Partnership(partnership);
                self.section = Section::Objectives;
            }
        }
    }
}
