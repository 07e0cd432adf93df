//! Project-wide assumptions: years, discounting and staff costing.

use super::{FinancialYear, Money, Rate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Year index 0 of the appraisal.
    pub first_year: FinancialYear,
    /// Number of years appraised, year index 0 to `horizon_years - 1`.
    pub horizon_years: u32,
    /// All amounts are in real terms at this year's prices.
    pub price_base_year: FinancialYear,
    pub discount: DiscountSchedule,
    pub year0: Year0Convention,
    pub staff_costing: StaffCosting,
    pub currency_symbol: String,
    /// Monte Carlo and sensitivity settings, stored so a board pack can be reproduced.
    #[serde(default)]
    pub simulation: Simulation,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Simulation {
    /// Monte Carlo draws.
    pub draws: u32,
    /// The random seed: the same seed gives the same results.
    pub seed: u64,
    /// How far each input moves either way in the sensitivity analysis.
    pub sensitivity: Rate,
}

impl Default for Simulation {
    fn default() -> Self {
        Simulation {
            draws: 10_000,
            seed: 2026,
            sensitivity: Rate(Decimal::new(10, 2)),
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            first_year: FinancialYear(2026),
            horizon_years: 10,
            price_base_year: FinancialYear(2026),
            discount: DiscountSchedule::Standard,
            year0: Year0Convention::GreenBook,
            staff_costing: StaffCosting::default(),
            currency_symbol: "£".to_owned(),
            simulation: Simulation::default(),
        }
    }
}

/// Which social time preference rates discount the flows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DiscountSchedule {
    /// Green Book standard schedule: 3.5% for years 0 to 30, falling by band after.
    Standard,
    /// Green Book health schedule: 1.5% for years 0 to 30, falling by band after.
    Health,
    /// One flat rate for every year.
    Custom(Rate),
}

impl DiscountSchedule {
    pub fn label(&self) -> String {
        match self {
            DiscountSchedule::Standard => {
                "Green Book standard (3.5% to year 30, then declining)".into()
            }
            DiscountSchedule::Health => {
                "Green Book health (1.5% to year 30, then declining)".into()
            }
            DiscountSchedule::Custom(r) => format!(
                "custom flat rate {}%",
                r.0.saturating_mul(Decimal::ONE_HUNDRED).normalize()
            ),
        }
    }
}

/// How year index 0 is discounted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Year0Convention {
    /// Year 0 is not discounted (discount factor 1), as the Green Book does.
    #[default]
    GreenBook,
    /// Year 0 is discounted by one period, as much SROI practice does.
    DiscountFirstYear,
}

impl Year0Convention {
    pub fn label(self) -> &'static str {
        match self {
            Year0Convention::GreenBook => "year 0 undiscounted (Green Book)",
            Year0Convention::DiscountFirstYear => "first year discounted one period (SROI)",
        }
    }
}

/// Which elements of employment cost make a staff hourly rate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum CostingConvention {
    SalaryOnly,
    /// Salary plus employer National Insurance and employer pension.
    #[default]
    WithOnCosts,
    /// Salary plus on-costs plus an overhead rate on that total.
    FullCost,
}

impl CostingConvention {
    pub const ALL: [CostingConvention; 3] = [
        CostingConvention::SalaryOnly,
        CostingConvention::WithOnCosts,
        CostingConvention::FullCost,
    ];

    pub fn label(self) -> &'static str {
        match self {
            CostingConvention::SalaryOnly => "salary only",
            CostingConvention::WithOnCosts => "salary with on-costs (NI and pension)",
            CostingConvention::FullCost => "full cost (on-costs and overheads)",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffCosting {
    pub convention: CostingConvention,
    /// Employer National Insurance rate on salary above the threshold.
    pub employer_ni_rate: Rate,
    /// Annual secondary threshold for employer National Insurance.
    pub ni_threshold: Money,
    /// Employer pension contribution as a share of salary.
    pub pension_rate: Rate,
    /// Overheads as a share of salary plus on-costs (full cost convention only).
    pub overhead_rate: Rate,
    /// Productive hours a year: contracted hours less leave, bank holidays and training.
    pub productive_hours_per_year: Decimal,
}

impl Default for StaffCosting {
    fn default() -> Self {
        StaffCosting {
            convention: CostingConvention::WithOnCosts,
            employer_ni_rate: Rate(Decimal::new(15, 2)),
            ni_threshold: Money(Decimal::new(5000, 0)),
            pension_rate: Rate(Decimal::new(19, 2)),
            overhead_rate: Rate(Decimal::new(25, 2)),
            productive_hours_per_year: Decimal::new(1650, 0),
        }
    }
}
