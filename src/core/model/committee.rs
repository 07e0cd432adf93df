//! The committee report's settings: who it goes to, when, from whom, and the text of
//! the sections the user writes. Stored in the project so they are kept across saves;
//! left out of the file while they are all empty, so older files save unchanged.

use serde::{Deserialize, Serialize};

/// Whether the report may be published with the agenda.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportStatus {
    #[default]
    ForPublication,
    /// Exempt from publication (Schedule 12A of the Local Government Act 1972).
    Exempt,
}

impl ReportStatus {
    pub const ALL: [ReportStatus; 2] = [ReportStatus::ForPublication, ReportStatus::Exempt];

    pub fn label(self) -> &'static str {
        match self {
            ReportStatus::ForPublication => "For publication",
            ReportStatus::Exempt => "Exempt from publication",
        }
    }
}

/// The settings of the committee report (`export --docx`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportSettings {
    #[serde(default)]
    pub council: String,
    /// The committee, board or cabinet the report goes to.
    #[serde(default)]
    pub committee: String,
    /// The date of the meeting, as the user writes it (e.g. 14 January 2027).
    #[serde(default)]
    pub meeting_date: String,
    /// The officer the report is from (and the contact officer).
    #[serde(default)]
    pub author: String,
    /// How to reach the author: telephone, email.
    #[serde(default)]
    pub contact: String,
    #[serde(default)]
    pub portfolio_holder: String,
    #[serde(default)]
    pub status: ReportStatus,
    /// The sections the user writes; an empty one is filled from the appraisal or left
    /// for the officer to complete.
    #[serde(default)]
    pub sections: ReportTexts,
}

impl ReportSettings {
    /// Nothing set: the project file then leaves the field out.
    pub fn is_empty(&self) -> bool {
        *self == ReportSettings::default()
    }
}

/// The text the user writes for each section of the report. Paragraphs are separated
/// by blank lines. Where the report fills a section from the appraisal, this text comes
/// first and the figures follow.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportTexts {
    #[serde(default)]
    pub purpose: String,
    #[serde(default)]
    pub corporate_priorities: String,
    #[serde(default)]
    pub risk: String,
    #[serde(default)]
    pub background: String,
    #[serde(default)]
    pub options: String,
    #[serde(default)]
    pub financial: String,
    #[serde(default)]
    pub legal: String,
    #[serde(default)]
    pub human_resources: String,
    #[serde(default)]
    pub conclusion: String,
    #[serde(default)]
    pub recommendations: String,
    #[serde(default)]
    pub consultation: String,
    #[serde(default)]
    pub background_papers: String,
}

/// The sections of a committee report, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportSection {
    Purpose,
    CorporatePriorities,
    Risk,
    Background,
    Options,
    Financial,
    Legal,
    HumanResources,
    Conclusion,
    Recommendations,
    Consultation,
    ContactOfficer,
    BackgroundPapers,
}

impl ReportSection {
    pub const ALL: [ReportSection; 13] = [
        ReportSection::Purpose,
        ReportSection::CorporatePriorities,
        ReportSection::Risk,
        ReportSection::Background,
        ReportSection::Options,
        ReportSection::Financial,
        ReportSection::Legal,
        ReportSection::HumanResources,
        ReportSection::Conclusion,
        ReportSection::Recommendations,
        ReportSection::Consultation,
        ReportSection::ContactOfficer,
        ReportSection::BackgroundPapers,
    ];

    /// The section's heading in the report.
    pub fn heading(self) -> &'static str {
        match self {
            ReportSection::Purpose => "Purpose of report",
            ReportSection::CorporatePriorities => "Corporate priorities and objectives",
            ReportSection::Risk => "Risk assessment implications",
            ReportSection::Background => "Background and reason for report",
            ReportSection::Options => "Options considered",
            ReportSection::Financial => "Comments of the head of financial services",
            ReportSection::Legal => "Comments of the head of legal services",
            ReportSection::HumanResources => "Comments of the head of human resources",
            ReportSection::Conclusion => "Conclusion",
            ReportSection::Recommendations => "Recommendations",
            ReportSection::Consultation => "Consultation carried out",
            ReportSection::ContactOfficer => "Contact officer",
            ReportSection::BackgroundPapers => "Background papers",
        }
    }

    /// Whether the report fills the section from the project when the user wrote nothing.
    pub fn filled_from_project(self) -> bool {
        !matches!(
            self,
            ReportSection::CorporatePriorities
                | ReportSection::Legal
                | ReportSection::HumanResources
        )
    }

    /// The user's text for this section; `None` for the contact officer, which comes
    /// from the author and contact fields.
    pub fn text(self, texts: &ReportTexts) -> Option<&String> {
        Some(match self {
            ReportSection::Purpose => &texts.purpose,
            ReportSection::CorporatePriorities => &texts.corporate_priorities,
            ReportSection::Risk => &texts.risk,
            ReportSection::Background => &texts.background,
            ReportSection::Options => &texts.options,
            ReportSection::Financial => &texts.financial,
            ReportSection::Legal => &texts.legal,
            ReportSection::HumanResources => &texts.human_resources,
            ReportSection::Conclusion => &texts.conclusion,
            ReportSection::Recommendations => &texts.recommendations,
            ReportSection::Consultation => &texts.consultation,
            ReportSection::ContactOfficer => return None,
            ReportSection::BackgroundPapers => &texts.background_papers,
        })
    }

    /// The user's text for this section, to edit; `None` for the contact officer.
    pub fn text_mut(self, texts: &mut ReportTexts) -> Option<&mut String> {
        Some(match self {
            ReportSection::Purpose => &mut texts.purpose,
            ReportSection::CorporatePriorities => &mut texts.corporate_priorities,
            ReportSection::Risk => &mut texts.risk,
            ReportSection::Background => &mut texts.background,
            ReportSection::Options => &mut texts.options,
            ReportSection::Financial => &mut texts.financial,
            ReportSection::Legal => &mut texts.legal,
            ReportSection::HumanResources => &mut texts.human_resources,
            ReportSection::Conclusion => &mut texts.conclusion,
            ReportSection::Recommendations => &mut texts.recommendations,
            ReportSection::Consultation => &mut texts.consultation,
            ReportSection::ContactOfficer => return None,
            ReportSection::BackgroundPapers => &mut texts.background_papers,
        })
    }
}
