//! Benefit lines: direct amounts and outcome chains.

use super::{FinancialYear, Money, Optimism, Prices, Profile, Rate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum BenefitType {
    /// Savings to the public purse.
    Fiscal,
    /// Gains to individuals or the economy.
    Economic,
    /// Wellbeing, cohesion.
    Social,
}

impl BenefitType {
    pub const ALL: [BenefitType; 3] = [
        BenefitType::Fiscal,
        BenefitType::Economic,
        BenefitType::Social,
    ];

    pub fn label(self) -> &'static str {
        match self {
            BenefitType::Fiscal => "Fiscal",
            BenefitType::Economic => "Economic",
            BenefitType::Social => "Social",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BenefitLine {
    pub name: String,
    pub benefit_type: BenefitType,
    /// The partner whose budget a fiscal benefit saves; for economic and social
    /// benefits, optionally the partner (such as residents) they accrue to.
    #[serde(default)]
    pub partner: Option<String>,
    /// Share of a fiscal benefit that can be taken out of a budget.
    #[serde(default)]
    pub cashable_share: Rate,
    pub optimism: Optimism,
    #[serde(default)]
    pub source: String,
    pub detail: BenefitDetail,
    /// Uncertainty about the line for Monte Carlo: a multiplier on its value, 1 being the line as entered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<Distribution>,
    /// A disbenefit: the line's value, entered as zero or more, counts against the
    /// benefits (crime displaced to a neighbouring area, say). Said explicitly, so a
    /// negative amount typed by mistake is still refused.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub disbenefit: bool,
    /// The prices a direct line's amounts are in (an outcome chain's unit value carries
    /// its own price year).
    #[serde(default, skip_serializing_if = "Prices::is_real")]
    pub prices: Prices,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[expect(
    clippy::large_enum_variant,
    reason = "most benefit lines are outcome chains, so boxing would save little and add an allocation to each"
)]
pub enum BenefitDetail {
    /// Amounts by year, already net of deadweight and attribution.
    Direct(Profile),
    Outcome(OutcomeChain),
}

/// outcomes = cohort × engagement × success; gross = outcomes × unit value;
/// net = gross × (1 − deadweight) × (1 − displacement) × (1 − attribution) × (1 − optimism bias).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeChain {
    /// People (or cases) starting each year.
    pub cohort: Profile,
    pub engagement_rate: Rate,
    pub success_rate: Rate,
    pub unit_value: UnitValueSource,
    pub deadweight: Rate,
    pub displacement: Rate,
    pub attribution: Rate,
    /// Years from a cohort's start to its first benefit.
    pub lag_years: u32,
    /// Years a cohort's benefit lasts.
    pub duration_years: u32,
    /// Share of the benefit lost each year after the first.
    pub drop_off: Rate,
    /// Uncertainty about the chain's inputs for Monte Carlo, in their own units.
    #[serde(default, skip_serializing_if = "ChainRanges::is_empty")]
    pub ranges: ChainRanges,
}

/// Ranges for an outcome chain's inputs: rates as fractions, the unit value as money
/// in its own price year.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChainRanges {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engagement_rate: Option<Distribution>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success_rate: Option<Distribution>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadweight: Option<Distribution>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub displacement: Option<Distribution>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<Distribution>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_value: Option<Distribution>,
}

impl ChainRanges {
    pub fn is_empty(&self) -> bool {
        self == &ChainRanges::default()
    }
}

/// A range an uncertain input is drawn from.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Distribution {
    /// Low, most likely and high values.
    Triangular {
        low: Decimal,
        likely: Decimal,
        high: Decimal,
    },
    /// Mean and standard deviation.
    Normal { mean: Decimal, sd: Decimal },
}

impl Distribution {
    /// The expected value.
    pub fn mean(&self) -> Decimal {
        match *self {
            Distribution::Triangular { low, likely, high } => {
                (low.saturating_add(likely).saturating_add(high)) / Decimal::from(3)
            }
            Distribution::Normal { mean, .. } => mean,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum UnitValueSource {
    /// A value from the project's unit-value library, by name.
    Library(String),
    /// A value typed for this line, in the prices of `price_year`.
    Typed {
        value: Money,
        price_year: FinancialYear,
    },
}

/// A unit value with its source: the fiscal value of one fewer A&E attendance, say.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitValue {
    pub name: String,
    pub value: Money,
    pub price_year: FinancialYear,
    /// The partner (agency) whose budget the value belongs to, if any.
    #[serde(default)]
    pub partner: Option<String>,
    #[serde(default)]
    pub source: String,
}

/// A GDP deflator index for one year, for rebasing to the price base year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deflator {
    pub year: FinancialYear,
    pub index: Decimal,
}
