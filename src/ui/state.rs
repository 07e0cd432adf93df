//! The words the app shell and its screens share: what the window shows (`View`, and the
//! `Section` of a partnership), what waits for an answer (`Dialog`, `Deletion`) and what
//! to do once unsaved changes are dealt with (`Then`). Nothing here depends on the shell
//! or on a screen, so both can name these without importing each other.

use crate::model::{Named, Project, references_to, replacements};
use std::path::PathBuf;

/// What the central area shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Start,
    Portfolio,
    /// Partners × partnerships: who sits where, and what it costs them.
    Network,
    /// The annual review of the portfolio for the audit committee.
    Annual,
    /// From each priority to the objectives, partnerships and partners that deliver it.
    DeliveryChain,
    Settings,
    Library,
    /// The committee report's settings and sections.
    Report,
    Partner(usize),
    Partnership(usize),
}

/// The part of a partnership being edited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Register,
    Costs,
    Benefits,
    Impacts,
    SevenS,
    Options,
    Uncertainty,
    FairShares,
    /// The annual reviews: ratings, decision and actions.
    Review,
    /// Actual outturn by line and year, the variance and the re-forecast.
    Actuals,
    /// Objectives towards the community strategy's priorities, their indicators and
    /// who contributes what.
    Objectives,
}

impl Section {
    pub const ALL: [Section; 11] = [
        Section::Register,
        Section::Costs,
        Section::Benefits,
        Section::Impacts,
        Section::SevenS,
        Section::Options,
        Section::Uncertainty,
        Section::FairShares,
        Section::Objectives,
        Section::Actuals,
        Section::Review,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Section::Register => "Register",
            Section::Costs => "Costs",
            Section::Benefits => "Benefits",
            Section::Impacts => "Non-monetised impacts",
            Section::SevenS => "7S assessment",
            Section::Options => "Options",
            Section::Uncertainty => "Uncertainty",
            Section::FairShares => "Fair shares",
            Section::Review => "Review",
            Section::Actuals => "Actuals",
            Section::Objectives => "Objectives",
        }
    }
}

/// What to do once unsaved changes are dealt with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Then {
    New,
    /// Open a file; `None` asks which.
    Open(Option<PathBuf>),
    OpenExample(usize),
    Quit,
}

/// A question or message in front of the window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dialog {
    Unsaved(Then),
    /// Delete a partner, or a grade, unit value, confidence grade or option that lines
    /// refer to: what refers to it, and move them or delete them too.
    Delete(Deletion),
    DeletePartnership(usize),
    /// A message; `save_as` offers Save as… (after a failed save).
    Message {
        title: String,
        text: String,
        save_as: bool,
    },
    Help,
    /// Restore or discard the first of `recovery.offers` (see recovery.rs).
    Recover,
    /// The file was changed by another program: overwrite it?
    FileChanged(PathBuf),
    /// Keep the project as it stands as the approved baseline: its name and date.
    SetBaseline(BaselineDraft),
}

/// The baseline's name and date as typed in the dialog, and why the date was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaselineDraft {
    pub name: String,
    pub date: String,
    pub error: Option<String>,
    /// The baseline this one replaces, in words, if one is set.
    pub replaces: Option<String>,
}

impl BaselineDraft {
    /// Today's date (read here, in the UI) and a name saying it was approved then.
    pub fn new(current: Option<&crate::model::Baseline>) -> Self {
        let today = crate::model::Date::parse(&crate::export::today()).ok();
        BaselineDraft {
            name: "Approved by the board".to_owned(),
            date: today.map(crate::model::Date::uk).unwrap_or_default(),
            error: None,
            replaces: current.map(crate::model::Baseline::label),
        }
    }
}

/// A deletion waiting for an answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deletion {
    pub named: Named,
    pub name: String,
    /// What refers to it, in words (`References::describe`).
    pub summary: String,
    /// How many names refer to it.
    pub references: usize,
    /// Where the references can move to.
    pub replacements: Vec<String>,
    /// The replacement chosen.
    pub to: String,
}

impl Deletion {
    /// None if there is nothing at that position.
    pub fn of(project: &Project, named: Named) -> Option<Deletion> {
        let name = named.name(project)?.to_owned();
        let references = references_to(project, &named);
        let replacements = replacements(project, &named);
        Some(Deletion {
            summary: references.describe(project, &name),
            references: references.sites.len(),
            to: replacements.first().cloned().unwrap_or_default(),
            replacements,
            name,
            named,
        })
    }
}
