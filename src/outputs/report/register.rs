//! The register in `appraise --format json`: each partnership's register entry, its
//! governance check, its risks and the significance finding; the project's significance
//! test. Review data: none of it is a figure of the appraisal.

use crate::appraisal::SignificanceFinding;
use crate::format::round;
use crate::model::{Date, GovernanceArea, Register, SignificanceTest};
use rust_decimal::Decimal;
use serde::Serialize;

/// The project's significance test.
#[derive(Serialize)]
pub struct SignificanceTestReport {
    /// Present value of costs above which a partnership is significant; null for no spend test.
    pub spend_threshold: Option<Decimal>,
    pub statutory: bool,
    pub high_risk: bool,
}

impl SignificanceTestReport {
    pub fn new(test: &SignificanceTest) -> Self {
        SignificanceTestReport {
            spend_threshold: test.spend_threshold.map(|m| round(m.0, 2)),
            statutory: test.statutory,
            high_risk: test.high_risk,
        }
    }
}

/// A partnership's finding under the significance test.
#[derive(Serialize)]
pub struct SignificanceReport {
    pub significant: bool,
    /// Each test applied, as found: "statutory", "PVC £600,000 is above the £500,000 threshold".
    pub reasons: Vec<String>,
    /// The finding in one line, as the app shows it.
    pub summary: String,
}

#[derive(Serialize)]
pub struct AreaReport {
    /// The area's key: `rationale`, `added_value`, … (the file's field name).
    pub area: GovernanceArea,
    /// The area in words: "Added value".
    pub name: &'static str,
    pub status: &'static str,
    pub evidence: String,
}

#[derive(Serialize)]
pub struct RiskReport {
    pub description: String,
    pub likelihood: u8,
    pub impact: u8,
    /// Likelihood × impact; null while either is outside 1 to 5.
    pub score: Option<u8>,
    /// "Low", "Medium" or "High"; null with the score.
    pub rating: Option<&'static str>,
    pub owner: String,
    pub mitigation: String,
}

#[derive(Serialize)]
pub struct RegisterReport {
    pub lead_partner: Option<String>,
    pub accountable_body: String,
    pub lead_officer: String,
    pub legal_basis: String,
    /// ISO 8601 dates ("2027-03-14"), or null.
    pub start: Option<Date>,
    pub end_or_break: Option<Date>,
    pub next_review: Option<Date>,
    pub statutory: bool,
    pub strategic_risk: &'static str,
    pub significance: Option<SignificanceReport>,
    pub governance: Vec<AreaReport>,
    pub risks: Vec<RiskReport>,
}

impl RegisterReport {
    pub fn new(r: &Register, finding: Option<&SignificanceFinding>) -> Self {
        RegisterReport {
            lead_partner: r.lead_partner.clone(),
            accountable_body: r.accountable_body.clone(),
            lead_officer: r.lead_officer.clone(),
            legal_basis: r.legal_basis.clone(),
            start: r.start,
            end_or_break: r.end_or_break,
            next_review: r.next_review,
            statutory: r.statutory,
            strategic_risk: r.strategic_risk.label(),
            significance: finding.map(|f| SignificanceReport {
                significant: f.significant,
                reasons: f.reasons.clone(),
                summary: f.describe(),
            }),
            governance: GovernanceArea::ALL
                .iter()
                .map(|&area| {
                    let check = r.governance.area(area);
                    AreaReport {
                        area,
                        name: area.label(),
                        status: check.status.label(),
                        evidence: check.evidence.clone(),
                    }
                })
                .collect(),
            risks: r
                .risks
                .iter()
                .map(|risk| RiskReport {
                    description: risk.description.clone(),
                    likelihood: risk.likelihood,
                    impact: risk.impact,
                    score: risk.score(),
                    rating: risk.rating().map(|x| x.label()),
                    owner: risk.owner.clone(),
                    mitigation: risk.mitigation.clone(),
                })
                .collect(),
        }
    }
}
