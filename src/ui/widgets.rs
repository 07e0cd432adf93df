//! Labelled input fields. Numbers are typed as text and read as Decimal when the
//! user presses Enter or leaves the field; bad text shows a message and the last
//! valid value stays. Every field is labelled for screen readers (AccessKit).

use crate::format::{self, InputError};
use crate::model::{Date, FinancialYear, Money, Rate};
use eframe::egui::{self, Color32, Key, RichText, TextEdit, Ui};
use rust_decimal::Decimal;

/// What a text field holds while the user is typing in it, or after bad text.
#[derive(Clone, Default)]
struct Draft {
    text: String,
    error: Option<String>,
    /// The field shows the value as it was (a refused name), not the text refused.
    reverted: bool,
}

pub const ERROR_COLOUR: Color32 = Color32::from_rgb(0xC0, 0x1C, 0x28);

/// The error colour for the theme: [`ERROR_COLOUR`] on light backgrounds, a lighter red
/// on dark ones (about 6:1 on egui's dark panel, where the darker red is under 3:1).
pub fn error_colour(visuals: &egui::Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(0xFF, 0x7A, 0x7A)
    } else {
        ERROR_COLOUR
    }
}

/// The widest a field grows to show its figure whole: enough for the largest amount the
/// app accepts (£1,000,000,000,000.00); text longer than that scrolls in its field.
const MOST_GROWN: f32 = 220.0;

/// The width `text` takes on one line in the body style.
pub fn text_width(ui: &Ui, text: &str) -> f32 {
    egui::WidgetText::from(text)
        .into_galley(
            ui,
            Some(egui::TextWrapMode::Extend),
            f32::INFINITY,
            egui::TextStyle::Body,
        )
        .size()
        .x
}

fn focus_key(label: &str) -> egui::Id {
    egui::Id::unique(("focus the next field labelled", label))
}

/// Gives the keyboard to the next field drawn with this label (a new line's first field).
pub fn focus_next_field(ui: &Ui, label: &str) {
    ui.data_mut(|d| d.insert_temp(focus_key(label), true));
}

/// A field whose text is read by `parse` on commit and shown by `show` otherwise.
/// Returns true when the value changed. Text that does not read stays in red with the
/// reason.
pub(crate) fn committed_field<T: PartialEq>(
    ui: &mut Ui,
    label: &str,
    width: f32,
    value: &mut T,
    show: impl Fn(&T) -> String,
    parse: impl Fn(&str) -> Result<T, String>,
) -> bool {
    field_reverting(ui, label, width, value, show, parse, false)
}

/// [`committed_field`]; with `revert`, refused text gives way to the value as it was,
/// with the reason beside it (a name another thing has).
fn field_reverting<T: PartialEq>(
    ui: &mut Ui,
    label: &str,
    width: f32,
    value: &mut T,
    show: impl Fn(&T) -> String,
    parse: impl Fn(&str) -> Result<T, String>,
    revert: bool,
) -> bool {
    let id = ui.scope_id().with(("field", label));
    let mut draft: Option<Draft> = ui.data(|d| d.get_temp(id));
    // A refused name shows the name as it is now, not as it was when refused.
    let mut text = draft
        .as_ref()
        .filter(|d| !d.reverted)
        .map_or_else(|| show(value), |d| d.text.clone());
    let has_error = draft
        .as_ref()
        .is_some_and(|d| d.error.is_some() && !d.reverted);
    // Wide enough for what it holds: the largest amount the app accepts shows whole;
    // never wider than the row it is in, so it wraps rather than running off-screen.
    let needed = text_width(ui, &text) + 2.0 * ui.spacing().button_padding.x;
    let desired = width
        .max(needed.min(MOST_GROWN))
        .min((ui.max_rect().width() - 48.0).max(60.0));
    // The box is its text's width and its margins (4 points each side).
    keep_together(ui, label, desired + 8.0);
    let label_response = ui.label(label);
    let mut edit = TextEdit::singleline(&mut text)
        .id(id.with("text"))
        .desired_width(desired);
    if has_error {
        edit = edit.text_color(ERROR_COLOUR);
    }
    let response = ui.add(edit).labelled_by(label_response.id);
    if ui.data_mut(|d| d.remove_temp::<bool>(focus_key(label)).is_some()) {
        response.request_focus();
    }
    let mut changed = false;
    if response.has_focus() {
        let error = draft
            .as_ref()
            .and_then(|d| d.error.clone())
            .filter(|_| !response.changed());
        let reverted = error.is_some() && draft.as_ref().is_some_and(|d| d.reverted);
        draft = Some(Draft {
            text: text.clone(),
            error,
            reverted,
        });
    }
    if response.lost_focus() {
        if ui.input(|i| i.key_pressed(Key::Escape)) {
            draft = None;
        } else {
            match parse(&text) {
                Ok(v) => {
                    // A refused name committed again unchanged keeps its message.
                    let kept = v == *value && draft.as_ref().is_some_and(|d| d.reverted);
                    if v != *value {
                        *value = v;
                        changed = true;
                    }
                    if !kept {
                        draft = None;
                    }
                }
                Err(message) => {
                    draft = Some(Draft {
                        text: if revert { show(value) } else { text },
                        error: Some(message),
                        reverted: revert,
                    })
                }
            }
        }
    }
    if let Some(d) = draft.as_ref().filter(|d| d.error.is_some()) {
        let hover = if d.reverted {
            "The name was not changed."
        } else {
            "The last valid value is kept until this is corrected. Press Escape in the field to go back to it."
        };
        let message = d.error.as_deref().unwrap_or_default();
        // Under the field, over what follows: the layout does not move when a message
        // appears or clears, so a click never lands on a row that has just moved.
        let colour = error_colour(ui.visuals());
        egui::Area::new(id.with("message"))
            .order(egui::Order::Foreground)
            .fixed_pos(response.rect.left_bottom() + egui::vec2(0.0, 2.0))
            .interactable(false)
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_max_width(340.0);
                    ui.label(RichText::new(message).color(colour));
                });
            });
        response
            .clone()
            .on_hover_text(format!("{message}. {hover}"));
    }
    ui.data_mut(|d| match draft {
        Some(draft) => {
            d.insert_temp(id, draft);
        }
        None => d.remove::<Draft>(id),
    });
    changed
}

fn message(e: InputError) -> String {
    e.to_string()
}

/// Money, at most 2 decimal places, zero or more.
pub fn money(ui: &mut Ui, label: &str, value: &mut Money) -> bool {
    money_value(ui, label, &mut value.0)
}

/// A money amount held as a plain Decimal (in a year profile).
pub fn money_value(ui: &mut Ui, label: &str, value: &mut Decimal) -> bool {
    committed_field(
        ui,
        label,
        110.0,
        value,
        |v| format::number(*v, 2),
        |t| {
            let v = format::parse_number(t, 2).map_err(message)?;
            if v < Decimal::ZERO {
                Err(message(InputError::Negative))
            } else {
                Ok(v)
            }
        },
    )
}

/// A quantity (hours, people, meetings): zero or more.
pub fn amount(ui: &mut Ui, label: &str, value: &mut Decimal) -> bool {
    committed_field(
        ui,
        label,
        80.0,
        value,
        |v| v.normalize().to_string(),
        |t| format::parse_amount(t).map_err(message),
    )
}

/// A share from 0% to 100%, typed as a percentage.
pub fn share(ui: &mut Ui, label: &str, value: &mut Rate) -> bool {
    percent_up_to(ui, label, value, Decimal::ONE_HUNDRED)
}

/// A percentage up to `max_percent` (an uplift may exceed 100%).
pub fn percent_up_to(ui: &mut Ui, label: &str, value: &mut Rate, max_percent: Decimal) -> bool {
    committed_field(
        ui,
        label,
        60.0,
        &mut value.0,
        |v| format::percent(*v),
        |t| format::parse_percent(t, max_percent).map_err(message),
    )
}

/// A growth rate, which may be negative: from -99.99% to 100%.
pub fn growth(ui: &mut Ui, label: &str, value: &mut Rate) -> bool {
    committed_field(
        ui,
        label,
        60.0,
        &mut value.0,
        |v| format::percent(*v),
        |t| {
            let v = format::parse_number(t.trim().trim_end_matches('%'), 4).map_err(message)?;
            if v <= -Decimal::ONE_HUNDRED || v > Decimal::ONE_HUNDRED {
                return Err("enter a growth rate above -100% and at most 100%".into());
            }
            Ok((v / Decimal::ONE_HUNDRED).normalize())
        },
    )
}

/// A whole number from 0 to `max`.
pub fn whole(ui: &mut Ui, label: &str, value: &mut u32, max: u32) -> bool {
    committed_field(
        ui,
        label,
        70.0,
        value,
        |v| v.to_string(),
        |t| format::parse_whole(t, max).map_err(message),
    )
}

/// A financial year, typed as 2026/27 or 2026.
pub fn year(ui: &mut Ui, label: &str, value: &mut FinancialYear) -> bool {
    committed_field(
        ui,
        label,
        70.0,
        value,
        |v| v.to_string(),
        |t| {
            FinancialYear::parse(t)
                .filter(|y| (1900..=2200).contains(&y.0))
                .ok_or_else(|| {
                    format!("'{}' is not a financial year: type it as 2026/27", t.trim())
                })
        },
    )
}

/// A date typed as 14/03/2027 or 2027-03-14, shown in the UK form; an empty field is no
/// date. Text that is not a date stays in red with the format shown, and the date as it
/// was is kept.
pub fn date(ui: &mut Ui, label: &str, value: &mut Option<Date>) -> bool {
    committed_field(
        ui,
        label,
        90.0,
        value,
        |d| d.map(Date::uk).unwrap_or_default(),
        |t| {
            if t.trim().is_empty() {
                Ok(None)
            } else {
                Date::parse(t).map(Some)
            }
        },
    )
}

/// One line of text, committed on Enter or leaving the field.
pub fn text(ui: &mut Ui, label: &str, value: &mut String, width: f32) -> bool {
    committed_field(ui, label, width, value, Clone::clone, |t| {
        Ok(t.trim().to_owned())
    })
}

/// A name that must not be empty.
pub fn name(ui: &mut Ui, label: &str, value: &mut String) -> bool {
    committed_field(ui, label, 260.0, value, Clone::clone, |t| {
        let t = t.trim();
        if t.is_empty() {
            Err("enter a name".to_owned())
        } else {
            Ok(t.to_owned())
        }
    })
}

/// A name that must not be empty nor another's: `problem` says why a typed name cannot
/// be taken (see `model::name_problem`); the field then keeps the old name and shows the
/// message beside it until the name is next committed.
pub fn unique_name(
    ui: &mut Ui,
    label: &str,
    value: &mut String,
    problem: impl Fn(&str) -> Option<String>,
) -> bool {
    let own = value.clone();
    let parse = |t: &str| {
        let t = t.trim();
        if t == own {
            return Ok(own.clone());
        }
        match problem(t) {
            Some(message) => Err(message),
            None => Ok(t.to_owned()),
        }
    };
    field_reverting(ui, label, 260.0, value, Clone::clone, parse, true)
}

/// Several lines of text, committed when the field loses focus.
pub fn paragraph(ui: &mut Ui, label: &str, value: &mut String) -> bool {
    let label_response = ui.label(label);
    let id = ui.scope_id().with(("paragraph", label));
    let mut text: String = ui.data(|d| d.get_temp(id)).unwrap_or_else(|| value.clone());
    let response = ui
        .add(
            TextEdit::multiline(&mut text)
                .id(id.with("text"))
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label_response.id);
    let mut changed = false;
    if response.has_focus() {
        ui.data_mut(|d| d.insert_temp(id, text.clone()));
    }
    if response.lost_focus() {
        ui.data_mut(|d| d.remove::<String>(id));
        if text != *value {
            *value = text;
            changed = true;
        }
    }
    changed
}

/// A drop-down of fixed choices.
pub fn choice<T: Copy + PartialEq>(
    ui: &mut Ui,
    label: &str,
    value: &mut T,
    all: &[T],
    name: impl Fn(T) -> String,
) -> bool {
    keep_together(ui, label, combo_width(ui, &name(*value)));
    let label_response = ui.label(label);
    let before = *value;
    let response = egui::ComboBox::from_id_salt(ui.scope_id().with(("choice", label)))
        .selected_text(name(*value))
        .show_ui(ui, |ui| {
            for v in all {
                ui.selectable_value(value, *v, name(*v));
            }
        });
    response.response.labelled_by(label_response.id);
    *value != before
}

/// A drop-down of names (partners, grades); `None` shows as "(choose)".
/// How a choice of nothing is shown in a drop-down.
pub const NONE: &str = "— none —";

pub fn name_choice(ui: &mut Ui, label: &str, value: &mut String, names: &[String]) -> bool {
    // An empty name offered as a choice means "none" (a benefit that accrues to no
    // partner); one not offered means nothing is chosen yet.
    let none_offered = names.iter().any(String::is_empty);
    let shown = match value.as_str() {
        "" if none_offered => NONE.to_owned(),
        "" => "(choose)".to_owned(),
        v => v.to_owned(),
    };
    keep_together(ui, label, combo_width(ui, &shown));
    let label_response = ui.label(label);
    let before = value.clone();
    let response = egui::ComboBox::from_id_salt(ui.scope_id().with(("names", label)))
        .selected_text(shown)
        .show_ui(ui, |ui| {
            for n in names {
                let text = if n.is_empty() { NONE } else { n.as_str() };
                ui.selectable_value(value, n.clone(), text);
            }
        });
    response.response.labelled_by(label_response.id);
    *value != before
}

/// In a row that wraps, starts a new line unless the label and a field `field_width` wide
/// both fit on this one, so a field never leaves its label behind at the row's end.
/// Elsewhere (a grid, a row that does not wrap) it does nothing.
pub fn keep_together(ui: &mut Ui, label: &str, field_width: f32) {
    let layout = ui.layout();
    if !(layout.main_wrap && layout.is_horizontal()) {
        return;
    }
    let gap = ui.spacing().item_spacing.x;
    let needed = text_width(ui, label) + field_width + 2.0 * gap;
    // At the row's start a new line would not help.
    let at_start = ui.cursor().min.x <= ui.max_rect().left() + 0.5;
    if !at_start && ui.available_size_before_wrap().x < needed {
        ui.end_row();
    }
}

/// About the width a drop-down showing `shown` takes.
pub fn combo_width(ui: &Ui, shown: &str) -> f32 {
    let sp = ui.spacing();
    sp.combo_width.max(text_width(ui, shown)) + sp.icon_width + 2.0 * sp.button_padding.x
}

/// A checkbox.
pub fn tick(ui: &mut Ui, label: &str, value: &mut bool) -> bool {
    ui.checkbox(value, label).changed()
}

/// A heading sized for reading at a distance.
pub fn heading(ui: &mut Ui, text: &str) {
    ui.add_space(4.0);
    ui.label(RichText::new(text).heading().strong());
    ui.add_space(2.0);
}

/// Shows the diagnostics that point at `location`, beside the fields they concern.
pub fn notes(
    ui: &mut Ui,
    diagnostics: &[crate::appraisal::Diagnostic],
    location: crate::appraisal::Location,
) {
    for d in diagnostics.iter().filter(|d| d.location == location) {
        let colour = if d.is_error() {
            ERROR_COLOUR
        } else {
            Color32::from_rgb(0x9A, 0x6A, 0x00)
        };
        let text = if d.field.is_empty() {
            d.message.clone()
        } else {
            format!("{}: {}", d.field, d.message)
        };
        ui.label(RichText::new(text).color(colour));
    }
}

/// A small button that removes a row.
pub fn remove_button(ui: &mut Ui, what: &str) -> bool {
    ui.small_button("Remove")
        .on_hover_text(format!("Remove this {what} (Ctrl+Z undoes it)"))
        .clicked()
}

/// The mark beside headline figures that are incomplete ("Incomplete: 2 lines left out,
/// 1 error"), in the error colour, as a link to the list of problems; nothing when they
/// are complete. Returns whether it was clicked. `size` is the text size.
pub fn incomplete_mark(
    ui: &mut Ui,
    completeness: crate::appraisal::Completeness,
    size: f32,
) -> bool {
    let Some(mark) = completeness.mark() else {
        return false;
    };
    let colour = error_colour(ui.visuals());
    ui.add(
        egui::Button::new(RichText::new(mark).size(size).strong().color(colour))
            .stroke(egui::Stroke::new(2.0, colour)),
    )
    .on_hover_text(
        "These figures leave out lines or parts of lines, or rest on an error: \
         click to see the problems",
    )
    .clicked()
}
