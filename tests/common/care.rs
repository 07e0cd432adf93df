//! The care pool with actuals, shared by the tests of actuals and of the annual review:
//! its figures are worked by hand in the comments, and in the tests that use them.

use super::{PARTNERS, load, project};
use partnership_appraisal::model::*;
use rust_decimal_macros::dec;

/// A pooled fund (Council 600, NHS 400 a year), an officer's cost to the Council (100 a
/// year with a 20% optimism uplift: 120) and a fiscal benefit to the NHS (1,500 a year,
/// half cashable), over three years from 2026/27; deflators 100 in 2026/27, 125 in 2027/28.
pub fn care(settings: &str) -> Project {
    load(&project(
        settings,
        &format!(
            r#"{PARTNERS}
            partnerships: [(name: "Care pool", status: Active, funding: PooledBudget,
                members: ["Council", "NHS"],
                costs: [
                    (name: "Pool", cost_type: Revenue, optimism: Direct("0"),
                     detail: PooledFund((host: "Council", risk_share: ProRata, contributions: [
                        (partner: "Council", amounts: PerYear(["600", "600", "600"])),
                        (partner: "NHS", amounts: PerYear(["400", "400", "400"])),
                     ]))),
                    (name: "Officer", cost_type: Revenue, optimism: Direct("0.2"),
                     detail: Other((category: SupportTeam, partner: "Council",
                        amounts: PerYear(["100", "100", "100"])))),
                ],
                benefits: [(name: "Fewer admissions", benefit_type: Fiscal, partner: Some("NHS"),
                    cashable_share: "0.5", optimism: Direct("0"),
                    detail: Direct(PerYear(["1500", "1500", "1500"])))])],
            deflators: [(year: 2026, index: "100"), (year: 2027, index: "125")],"#
        ),
    ))
}

pub fn money(text: &str) -> Money {
    Money(text.parse().unwrap())
}

pub fn cost(line: &str, year: i32, prices: Prices, amount: &str) -> CostActual {
    CostActual {
        line: line.into(),
        year: FinancialYear(year),
        prices,
        amount: money(amount),
        by_partner: Vec::new(),
    }
}

/// The care pool with a baseline set as first approved, then the officer's forecast
/// raised to 150 in 2028/29, and two years of actuals:
/// - Pool 2026/27: 1,100 (no partner named: split 600:400 as forecast, 660 and 440);
/// - Pool 2027/28: 1,000, named 500 Council and 500 NHS;
/// - Officer 2026/27: 90 real; 2027/28: 125 in cash prices, deflated × 100/125 = 100;
/// - Fewer admissions 2026/27: 1,200 measured; none for 2027/28 (the forecast stands).
pub fn with_actuals(settings: &str) -> Project {
    let mut p = care(settings);
    p.baseline = Some(Shared::new(Baseline::of(
        &p,
        "Approved by the board on 14 March 2027",
        Date::parse("14/03/2027").unwrap(),
    )));
    let ship = &mut p.partnerships[0];
    if let CostDetail::Other(o) = &mut ship.costs[1].detail {
        o.amounts = Profile::PerYear(vec![dec!(100), dec!(100), dec!(150)]);
    }
    let mut pool_2027 = cost("Pool", 2027, Prices::Real, "1000");
    pool_2027.by_partner = vec![
        PartnerAmount {
            partner: "Council".into(),
            amount: money("500"),
        },
        PartnerAmount {
            partner: "NHS".into(),
            amount: money("500"),
        },
    ];
    ship.actuals = Actuals {
        costs: vec![
            cost("Pool", 2026, Prices::Real, "1100"),
            pool_2027,
            cost("Officer", 2026, Prices::Real, "90"),
            cost("Officer", 2027, Prices::Cash, "125"),
        ],
        benefits: vec![BenefitActual {
            line: "Fewer admissions".into(),
            year: FinancialYear(2026),
            prices: Prices::Real,
            amount: money("1200"),
            outcomes: Some(dec!(40)),
        }],
    };
    p
}
