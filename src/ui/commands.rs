//! Every user command, in one list that drives the menus, the shortcuts and the tooltips.

use eframe::egui::{Key, KeyboardShortcut, Modifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    New,
    Open,
    Save,
    SaveAs,
    Quit,
    Undo,
    Redo,
    AddPartnership,
    AddPartner,
    ShowPortfolio,
    ShowNetwork,
    ShowAnnualReview,
    ShowDeliveryChain,
    ShowSettings,
    ToggleTheme,
    ToggleResults,
    Present,
    ExportXlsx,
    ExportCsv,
    ExportHtml,
    ExportDocx,
    ExportReviewDocx,
    ExportReviewCsv,
    ShowReport,
    CompareWithSaved,
    CompareWithBaseline,
    CompareWithFile,
    SetBaseline,
    RemoveBaseline,
    Help,
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

impl Command {
    pub const ALL: [Command; 30] = [
        Command::New,
        Command::Open,
        Command::Save,
        Command::SaveAs,
        Command::Quit,
        Command::Undo,
        Command::Redo,
        Command::AddPartnership,
        Command::AddPartner,
        Command::ShowPortfolio,
        Command::ShowNetwork,
        Command::ShowAnnualReview,
        Command::ShowDeliveryChain,
        Command::ShowSettings,
        Command::ToggleTheme,
        Command::ToggleResults,
        Command::Present,
        Command::ExportXlsx,
        Command::ExportCsv,
        Command::ExportHtml,
        Command::ExportDocx,
        Command::ExportReviewDocx,
        Command::ExportReviewCsv,
        Command::ShowReport,
        Command::CompareWithSaved,
        Command::CompareWithBaseline,
        Command::CompareWithFile,
        Command::SetBaseline,
        Command::RemoveBaseline,
        Command::Help,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Command::New => "New",
            Command::Open => "Open…",
            Command::Save => "Save",
            Command::SaveAs => "Save as…",
            Command::Quit => "Quit",
            Command::Undo => "Undo",
            Command::Redo => "Redo",
            Command::AddPartnership => "Add partnership",
            Command::AddPartner => "Add partner",
            Command::ShowPortfolio => "Portfolio results",
            Command::ShowNetwork => "Partner network",
            Command::ShowAnnualReview => "Annual review",
            Command::ShowDeliveryChain => "Delivery chain",
            Command::ShowSettings => "Project settings",
            Command::ToggleTheme => "Switch light or dark theme",
            Command::ToggleResults => "Show or hide the results panel",
            Command::Present => "Present to the board",
            Command::ExportXlsx => "Workbook (XLSX)…",
            Command::ExportCsv => "CSV files…",
            Command::ExportHtml => "Board pack (HTML)…",
            Command::ExportDocx => "Committee report (Word)…",
            Command::ExportReviewDocx => "Annual review report (Word)…",
            Command::ExportReviewCsv => "Annual review (CSV)…",
            Command::ShowReport => "Committee report",
            Command::CompareWithSaved => "Compare with the saved file",
            Command::CompareWithBaseline => "Compare with the baseline",
            Command::CompareWithFile => "Compare with another file…",
            Command::SetBaseline => "Set as baseline…",
            Command::RemoveBaseline => "Remove the baseline",
            Command::Help => "How to use this app",
        }
    }

    pub fn tooltip(self) -> &'static str {
        match self {
            Command::New => "Start a new, empty project",
            Command::Open => "Open a project file (.ron)",
            Command::Save => "Save the project to its file",
            Command::SaveAs => "Save the project to a new file",
            Command::Quit => "Close the app, asking first if there are unsaved changes",
            Command::Undo => "Undo the last change",
            Command::Redo => "Redo the change just undone",
            Command::AddPartnership => "Add a partnership to appraise",
            Command::AddPartner => "Add a partner body with its rate card",
            Command::ShowPortfolio => "Show results across all partnerships",
            Command::ShowNetwork => {
                "Who sits in which partnership, and what it costs them in money and time"
            }
            Command::ShowAnnualReview => {
                "The portfolio's annual review for the audit committee: significance, reviews due, value for money, governance, risks and actions"
            }
            Command::ShowDeliveryChain => {
                "From each priority of the community strategy to the objectives, partnerships and partners that deliver it"
            }
            Command::ShowSettings => "Years, discounting, staff costing, grades and assumptions",
            Command::ToggleTheme => "Switch between the light and dark colour themes",
            Command::ToggleResults => {
                "Hide the results on the right to give the editor the whole width, or show them again"
            }
            Command::Present => "Full-screen slides for the board: arrow keys move, Esc leaves",
            Command::ExportXlsx => "A workbook with live formulas for finance to audit",
            Command::ExportCsv => "Yearly flows and results as CSV files in a folder",
            Command::ExportHtml => "One HTML file to print or attach to a board paper",
            Command::ExportDocx => {
                "The report a committee receives, as a Word document to edit before publication"
            }
            Command::ExportReviewDocx => {
                "The annual review report for the audit committee or scrutiny, as a Word document, on the day the Annual review screen sets"
            }
            Command::ExportReviewCsv => {
                "The annual review as one CSV row per partnership, on the day the Annual review screen sets"
            }
            Command::ShowReport => "Who the committee report goes to, and the sections you write",
            Command::CompareWithSaved => {
                "What changed since the file was last saved, and what each change did to net value"
            }
            Command::CompareWithBaseline => {
                "What changed since the appraisal the board approved (the baseline), and what each change did to net value"
            }
            Command::CompareWithFile => {
                "What changed since another version (last year's file, the one the board approved), and what each change did to net value"
            }
            Command::RemoveBaseline => {
                "Forget the approved appraisal kept as the baseline: variance is then against the current forecast (Ctrl+Z undoes it)"
            }
            Command::SetBaseline => {
                "Keep the appraisal as it stands now as the approved baseline that actuals are measured against"
            }
            Command::Help => "The method, the conventions and the keyboard shortcuts",
        }
    }

    /// The shortcuts that run this command; the first is the one menus show.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        const NEW: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CTRL, Key::N)];
        const OPEN: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CTRL, Key::O)];
        const SAVE: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CTRL, Key::S)];
        const SAVE_AS: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CTRL_SHIFT, Key::S)];
        const QUIT: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CTRL, Key::Q)];
        const UNDO: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CTRL, Key::Z)];
        const REDO: [KeyboardShortcut; 2] = [
            KeyboardShortcut::new(CTRL_SHIFT, Key::Z),
            KeyboardShortcut::new(CTRL, Key::Y),
        ];
        const HELP: [KeyboardShortcut; 1] = [KeyboardShortcut::new(Modifiers::NONE, Key::F1)];
        const PRESENT: [KeyboardShortcut; 1] = [KeyboardShortcut::new(Modifiers::NONE, Key::F5)];
        const RESULTS: [KeyboardShortcut; 1] = [KeyboardShortcut::new(Modifiers::NONE, Key::F9)];
        match self {
            Command::New => &NEW,
            Command::Open => &OPEN,
            Command::Save => &SAVE,
            Command::SaveAs => &SAVE_AS,
            Command::Quit => &QUIT,
            Command::Undo => &UNDO,
            Command::Redo => &REDO,
            Command::Help => &HELP,
            Command::Present => &PRESENT,
            Command::ToggleResults => &RESULTS,
            _ => &[],
        }
    }
}
