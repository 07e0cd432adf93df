//! Actual outturn: what a partnership's lines really cost and delivered, by financial
//! year (file format 2). Kept beside the forecast and never replacing it: the appraisal
//! reads none of it; the re-forecast (`appraisal::actuals`) reads it and says so.

use super::{FinancialYear, Money, Prices};
use serde::{Deserialize, Serialize};

/// A partnership's actuals, one entry per line and financial year.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actuals {
    /// Cost outturn, by cost line (named) and year, in the order entered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub costs: Vec<CostActual>,
    /// Measured benefits, by benefit line (named) and year, where known.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub benefits: Vec<BenefitActual>,
}

impl Actuals {
    pub fn is_empty(&self) -> bool {
        self.costs.is_empty() && self.benefits.is_empty()
    }

    /// The cost actual of the line named `line` for `year`, if one is entered.
    pub fn cost(&self, line: &str, year: FinancialYear) -> Option<&CostActual> {
        self.costs.iter().find(|a| a.line == line && a.year == year)
    }

    /// The benefit actual of the line named `line` for `year`, if one is entered.
    pub fn benefit(&self, line: &str, year: FinancialYear) -> Option<&BenefitActual> {
        self.benefits
            .iter()
            .find(|a| a.line == line && a.year == year)
    }

    /// The latest year with any actual entered: the years up to it have passed.
    pub fn last_year(&self) -> Option<FinancialYear> {
        let costs = self.costs.iter().map(|a| a.year);
        let benefits = self.benefits.iter().map(|a| a.year);
        costs.chain(benefits).max()
    }
}

/// What a cost line actually cost in one financial year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CostActual {
    /// The cost line's name, as it is in the partnership.
    pub line: String,
    pub year: FinancialYear,
    /// Real (at the price base year) or cash (that year's prices, deflated with the
    /// project's deflators).
    #[serde(default, skip_serializing_if = "Prices::is_real")]
    pub prices: Prices,
    /// The line's whole outturn that year.
    pub amount: Money,
    /// What each partner bore, where the line's cost falls on several (a pooled fund, a
    /// meeting); these add up to `amount`. Empty: the outturn falls on the partners in
    /// the shares the current forecast gives them that year.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub by_partner: Vec<PartnerAmount>,
}

/// One partner's part of an actual.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartnerAmount {
    pub partner: String,
    pub amount: Money,
}

/// A benefit line's measured value in one financial year: net of deadweight,
/// displacement and attribution as measured, with no optimism bias (it is an outturn).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BenefitActual {
    /// The benefit line's name, as it is in the partnership.
    pub line: String,
    pub year: FinancialYear,
    #[serde(default, skip_serializing_if = "Prices::is_real")]
    pub prices: Prices,
    /// The value measured; entered as zero or more, and counted against the benefits
    /// when the line is a disbenefit.
    pub amount: Money,
    /// Outcomes counted that year (people, cases), where they were: shown beside the
    /// value, never valued again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcomes: Option<rust_decimal::Decimal>,
}
