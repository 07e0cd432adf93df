//! The annual review's significance test applied to each partnership: whether it is
//! significant, and why, in words. Reads the register and the appraisal's present value
//! of costs; changes neither.

use super::Appraisal;
use crate::format;
use crate::model::{Project, RiskLevel};
use serde::Serialize;

/// One partnership's finding under the project's significance test.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SignificanceFinding {
    /// The partnership's index in the project.
    pub partnership: usize,
    pub significant: bool,
    /// Each test the project applies, as found for this partnership: "PVC £1,200,000 is
    /// above the £500,000 threshold", "statutory", "strategic risk is not high".
    pub reasons: Vec<String>,
}

impl SignificanceFinding {
    /// The finding in one line: "Significant: PVC £1,200,000 is above the £500,000
    /// threshold; statutory".
    pub fn describe(&self) -> String {
        let head = if self.significant {
            "Significant"
        } else {
            "Not significant"
        };
        if self.reasons.is_empty() {
            format!("{head}: the project's significance test applies no test")
        } else {
            format!("{head}: {}", self.reasons.join("; "))
        }
    }
}

/// Each partnership's finding, in project order. The spend test compares the present
/// value of costs as appraised (over the appraisal period, optimism bias included); a
/// partnership without results (the appraisal is of another revision) is tested on its
/// register alone. The reasons that make a partnership significant come first.
pub fn significance(project: &Project, appraisal: &Appraisal) -> Vec<SignificanceFinding> {
    (0..project.partnerships.len())
        .filter_map(|index| significance_of(project, appraisal, index))
        .collect()
}

/// One partnership's finding, as [`significance`] gives it; `None` for no such partnership.
pub fn significance_of(
    project: &Project,
    appraisal: &Appraisal,
    index: usize,
) -> Option<SignificanceFinding> {
    let test = &project.significance;
    let symbol = &project.settings.currency_symbol;
    project.partnerships.get(index).map(|ship| {
        let mut met = Vec::new();
        let mut unmet = Vec::new();
        if let Some(threshold) = test.spend_threshold {
            let limit = format::money_whole(threshold.0, symbol);
            match appraisal.partnerships.get(index) {
                Some(result) => {
                    let pvc = result.measures.pvc;
                    let shown = format::money_whole(pvc, symbol);
                    let partial = if result.left_out.is_nothing() {
                        ""
                    } else {
                        " (of the lines that could be computed)"
                    };
                    if pvc > threshold.0 {
                        met.push(format!(
                            "PVC {shown}{partial} is above the {limit} threshold"
                        ));
                    } else {
                        unmet.push(format!(
                            "PVC {shown}{partial} is not above the {limit} threshold"
                        ));
                    }
                }
                None => unmet.push("PVC not yet appraised".to_owned()),
            }
        }
        let register = &ship.register;
        if test.statutory {
            if register.statutory {
                met.push("statutory".to_owned());
            } else {
                unmet.push("not statutory".to_owned());
            }
        }
        if test.high_risk {
            if register.strategic_risk == RiskLevel::High {
                met.push("strategic risk is high".to_owned());
            } else {
                unmet.push(format!(
                    "strategic risk is {}",
                    register.strategic_risk.label().to_lowercase()
                ));
            }
        }
        let significant = !met.is_empty();
        met.extend(unmet);
        SignificanceFinding {
            partnership: index,
            significant,
            reasons: met,
        }
    })
}
