//! The Options tab: options against business as usual, each with its own lines.

use super::Names;
use super::Outcome;
use super::benefits::benefits;
use super::costs::costs;
use crate::appraisal::{Diagnostic, Location};
use crate::format;
use crate::model::{Named, Project, name_problem_among};
use crate::ui::widgets;
use eframe::egui::{CollapsingHeader, Ui};

/// What the options section did: renames and removals go through the model after.
pub(super) struct OptionsEdit {
    changed: bool,
    renamed: Option<(usize, String)>,
    remove: Option<usize>,
}

/// Options against business as usual, each with its own lines.
pub(super) fn options(
    ui: &mut Ui,
    p: &mut crate::model::Partnership,
    names: &Names,
    diagnostics: &[Diagnostic],
    index: usize,
    focus: Option<Location>,
) -> OptionsEdit {
    use crate::appraisal::uncertainty::CURRENT_ARRANGEMENT;
    use crate::model::{Alternative, AlternativeKind};
    let mut changed = false;
    widgets::heading(ui, "Options against business as usual");
    ui.label(
        "The partnership's own costs and benefits are the current arrangement. Each option below has its own lines; \
         results are compared side by side in Uncertainty.",
    );
    let mut choices = vec![String::new(), CURRENT_ARRANGEMENT.to_owned()];
    choices.extend(p.options.iter().map(|o| o.name.clone()));
    let mut preferred = p.preferred_option.clone().unwrap_or_default();
    ui.horizontal_wrapped(|ui| {
        if widgets::name_choice(
            ui,
            "Preferred option (blank: highest net value)",
            &mut preferred,
            &choices,
        ) {
            p.preferred_option = Some(preferred.clone()).filter(|s| !s.is_empty());
            changed = true;
        }
    });
    let mut remove = None;
    let mut renamed = None;
    let option_names: Vec<String> = p.options.iter().map(|o| o.name.clone()).collect();
    for (oi, option) in p.options.iter_mut().enumerate() {
        ui.push_id(("option", oi), |ui| {
            ui.group(|ui| {
                ui.horizontal_wrapped(|ui| {
                    let me = Named::Option {
                        partnership: index,
                        option: oi,
                    };
                    let others: Vec<&str> = (option_names.iter().enumerate())
                        .filter(|(i, _)| *i != oi)
                        .map(|(_, n)| n.as_str())
                        .collect();
                    let mut name = option.name.clone();
                    if widgets::unique_name(ui, "Option name", &mut name, |t| {
                        name_problem_among(&me, &others, t)
                    }) {
                        renamed = Some((oi, name));
                    }
                    changed |=
                        widgets::choice(ui, "Kind", &mut option.kind, &AlternativeKind::ALL, |k| {
                            k.label().to_owned()
                        });
                    if widgets::remove_button(ui, "option") {
                        remove = Some(oi);
                    }
                });
                changed |= widgets::text(ui, "Note", &mut option.note, 480.0);
                let cost_at = |line| Location::OptionCost {
                    partnership: index,
                    option: oi,
                    line,
                };
                let benefit_at = |line| Location::OptionBenefit {
                    partnership: index,
                    option: oi,
                    line,
                };
                CollapsingHeader::new(format!(
                    "Costs of '{}' ({})",
                    option.name,
                    format::count(option.costs.len(), "line", "lines")
                ))
                .id_salt("option_costs")
                .show(ui, |ui| {
                    changed |= costs(
                        ui,
                        &mut option.costs,
                        names,
                        diagnostics,
                        &cost_at,
                        focus,
                        &[],
                    )
                });
                CollapsingHeader::new(format!(
                    "Benefits of '{}' ({} lines)",
                    option.name,
                    option.benefits.len()
                ))
                .id_salt("option_benefits")
                .show(ui, |ui| {
                    changed |= benefits(
                        ui,
                        &mut option.benefits,
                        names,
                        diagnostics,
                        &benefit_at,
                        focus,
                        &[],
                    )
                });
            });
        });
    }
    ui.horizontal_wrapped(|ui| {
        for kind in [
            AlternativeKind::ScaleDown,
            AlternativeKind::Merge,
            AlternativeKind::Stop,
            AlternativeKind::Other,
        ] {
            if ui
                .button(format!("Add option: {}", kind.label().to_lowercase()))
                .clicked()
            {
                // Stop starts empty; the others start as a copy of the current lines to edit.
                let (costs, benefits) = if kind == AlternativeKind::Stop {
                    (Vec::new(), Vec::new())
                } else {
                    (p.costs.clone(), p.benefits.clone())
                };
                let taken: Vec<&str> = p.options.iter().map(|o| o.name.as_str()).collect();
                let mut name = kind.label().to_owned();
                let mut n = 2;
                while taken.contains(&name.as_str()) {
                    name = format!("{} {n}", kind.label());
                    n += 1;
                }
                p.options.push(Alternative {
                    name,
                    kind,
                    note: String::new(),
                    costs,
                    benefits,
                });
                changed = true;
            }
        }
    });
    OptionsEdit {
        changed,
        renamed,
        remove,
    }
}

/// Renames or removes an option through the model, so the preferred option follows it.
/// An option that is the preferred one is removed only once the app has asked.
pub(super) fn edit_option(project: &mut Project, index: usize, edit: OptionsEdit) -> Outcome {
    use crate::model::{delete_with_references, references_to, rename};
    let mut changed = edit.changed;
    if let Some((option, new)) = edit.renamed {
        let me = Named::Option {
            partnership: index,
            option,
        };
        changed |= rename(project, &me, &new).is_ok();
    }
    if let Some(option) = edit.remove {
        let me = Named::Option {
            partnership: index,
            option,
        };
        if !references_to(project, &me).is_empty() {
            return Outcome::DeleteOption(option);
        }
        delete_with_references(project, &me);
        changed = true;
    }
    if changed {
        Outcome::Changed
    } else {
        Outcome::None
    }
}
