//! A scenario: a partnership's inputs varied, each group of them by a factor. The one
//! way the engine varies inputs: sensitivity, switching values (of the partnership and
//! of its options) and the presentation's what-if all go through [`Scenario::apply_to`].
//!
//! A varied input is capped where `validate` caps what is typed, so that a varied line is
//! never left out of the results as invalid part-way through: amounts, quantities and
//! hours at the largest amount accepted ([`MAX_INPUT`], or the input itself if it is
//! already above); rates never below 0, shares (engagement, success, deadweight, benefit
//! reductions) at most 100% and cost uplifts at most 1000%.
//!
//! Monte Carlo varies no group: it sets each ranged chain input to a neutral value and
//! multiplies each line's present value by its draw (`monte_carlo.rs`).

use crate::appraisal::flows;
use crate::appraisal::validate::MAX_UPLIFT;
use crate::model::{
    BenefitDetail, CostDetail, CostKind, MAX_INPUT, Optimism, OutcomeChain, Partnership, Profile,
    Project, Rate,
};
use rust_decimal::Decimal;

/// A group of inputs a scenario multiplies by one factor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Group {
    /// The quantities of every cost line of one kind: staff time (hours or FTE), meetings
    /// a year, pooled fund contributions and forecast outturns, other costs' amounts.
    Costs(CostKind),
    /// One benefit line's amounts (or its outcome chain's cohort), by its position in the
    /// partnership.
    Benefit(usize),
    /// Every benefit line's amounts and every outcome chain's cohort.
    Benefits,
    /// Every outcome chain's engagement rate.
    EngagementRates,
    /// Every outcome chain's success rate.
    SuccessRates,
    /// Every outcome chain's deadweight.
    Deadweight,
    /// Staff time and the hours of every meeting (meeting, preparation and travel hours;
    /// not how many meetings there are).
    StaffHours,
    /// The costs entered as money: pooled fund contributions and forecast outturns, other
    /// costs, and meetings' fixed costs (venue, refreshments, printing, other).
    CostAmounts,
    /// Every year's discount rate. Not an input of any line: the measures that read a
    /// scenario discount at [`Scenario::discount_scale`] times each year's rate.
    DiscountRates,
    /// Every line's optimism bias (cost uplifts and benefit reductions), each taken as
    /// the rate it resolves to (its confidence grade's, its project type's, or its own).
    OptimismBias,
}

/// One group of inputs times a factor (1 is as entered).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Adjustment {
    pub group: Group,
    pub factor: Decimal,
}

/// Inputs varied: each adjustment applied in turn. The empty scenario is the project as
/// entered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scenario {
    pub adjustments: Vec<Adjustment>,
}

impl FromIterator<Adjustment> for Scenario {
    fn from_iter<I: IntoIterator<Item = Adjustment>>(iter: I) -> Self {
        Scenario {
            adjustments: iter.into_iter().collect(),
        }
    }
}

impl Scenario {
    /// One group times `factor`.
    pub fn one(group: Group, factor: Decimal) -> Self {
        Scenario {
            adjustments: vec![Adjustment { group, factor }],
        }
    }

    /// The discount rates' multiplier, when the scenario moves them (the product of its
    /// discount-rate factors); `None` when it leaves them as they are.
    pub fn discount_scale(&self) -> Option<Decimal> {
        self.adjustments
            .iter()
            .filter(|a| a.group == Group::DiscountRates)
            .map(|a| a.factor)
            .reduce(|a, b| a.checked_mul(b).unwrap_or(a))
    }

    /// A copy of `project` with every partnership's own lines varied (not its options');
    /// `project` itself is not touched.
    pub fn apply(&self, project: &Project) -> Project {
        let mut copy = project.clone();
        if self.adjustments.is_empty() {
            return copy;
        }
        let mut partnerships = std::mem::take(&mut copy.partnerships);
        for p in &mut partnerships {
            self.apply_to(&copy, p);
        }
        copy.partnerships = partnerships;
        copy
    }

    /// Varies the lines of `p` (not its options'), reading `project` for what a line
    /// refers to (confidence grades and project types, for optimism bias).
    pub fn apply_to(&self, project: &Project, p: &mut Partnership) {
        for a in &self.adjustments {
            adjust(project, p, &a.group, a.factor);
        }
    }
}

/// Multiplies an amount, quantity or number of hours, up to the largest amount
/// `validate` accepts (or the amount itself, if it is already above that); an amount
/// that cannot be multiplied stays as it is.
fn scale_amount(value: &mut Decimal, factor: Decimal) {
    *value = value
        .checked_mul(factor)
        .unwrap_or(*value)
        .min(MAX_INPUT.max(*value));
}

fn scale_profile(profile: &mut Profile, factor: Decimal) {
    match profile {
        Profile::Constant { value, .. } => scale_amount(value, factor),
        Profile::PerYear(values) => values.iter_mut().for_each(|v| scale_amount(v, factor)),
    }
}

/// Multiplies a rate, never below zero, and up to 100% (`share`) or to the largest cost
/// uplift `validate` accepts (or the rate itself, if it is already above that).
fn scale_rate(rate: &mut Rate, factor: Decimal, share: bool) {
    let scaled = rate
        .0
        .checked_mul(factor)
        .unwrap_or(rate.0)
        .max(Decimal::ZERO);
    rate.0 = if share {
        scaled.min(Decimal::ONE)
    } else {
        scaled.min(MAX_UPLIFT.max(rate.0))
    };
}

fn chains_mut(p: &mut Partnership) -> impl Iterator<Item = &mut OutcomeChain> {
    p.benefits.iter_mut().filter_map(|b| match &mut b.detail {
        BenefitDetail::Outcome(c) => Some(c),
        BenefitDetail::Direct(_) => None,
    })
}

fn scale_benefit(detail: &mut BenefitDetail, factor: Decimal) {
    match detail {
        BenefitDetail::Direct(profile) => scale_profile(profile, factor),
        BenefitDetail::Outcome(chain) => scale_profile(&mut chain.cohort, factor),
    }
}

/// The quantities of a cost line: what [`Group::Costs`] multiplies.
fn scale_quantities(detail: &mut CostDetail, factor: Decimal) {
    match detail {
        CostDetail::StaffTime(s) => scale_profile(&mut s.hours, factor),
        CostDetail::Meeting(m) => scale_profile(&mut m.meetings, factor),
        CostDetail::PooledFund(_) | CostDetail::Other(_) => scale_money(detail, factor),
    }
}

/// The costs entered as money: what [`Group::CostAmounts`] multiplies.
fn scale_money(detail: &mut CostDetail, factor: Decimal) {
    match detail {
        CostDetail::StaffTime(_) => {}
        CostDetail::Meeting(m) => {
            let f = &mut m.fixed_costs;
            for money in [
                &mut f.venue,
                &mut f.refreshments,
                &mut f.printing,
                &mut f.other,
            ] {
                scale_amount(&mut money.0, factor);
            }
        }
        CostDetail::PooledFund(fund) => {
            for c in &mut fund.contributions {
                scale_profile(&mut c.amounts, factor);
                if let Some(outturn) = &mut c.forecast_outturn {
                    scale_profile(outturn, factor);
                }
            }
        }
        CostDetail::Other(o) => scale_profile(&mut o.amounts, factor),
    }
}

/// Staff time and meetings' hours: what [`Group::StaffHours`] multiplies.
fn scale_hours(detail: &mut CostDetail, factor: Decimal) {
    match detail {
        CostDetail::StaffTime(s) => scale_profile(&mut s.hours, factor),
        CostDetail::Meeting(m) => {
            for hours in [
                &mut m.meeting_hours,
                &mut m.preparation_hours,
                &mut m.travel_hours,
            ] {
                scale_amount(hours, factor);
            }
        }
        CostDetail::PooledFund(_) | CostDetail::Other(_) => {}
    }
}

/// Multiplies one group of the lines of `p` by `factor`.
fn adjust(project: &Project, p: &mut Partnership, group: &Group, factor: Decimal) {
    match group {
        Group::Costs(kind) => p
            .costs
            .iter_mut()
            .filter(|c| c.detail.kind() == *kind)
            .for_each(|c| scale_quantities(&mut c.detail, factor)),
        Group::Benefit(line) => {
            if let Some(b) = p.benefits.get_mut(*line) {
                scale_benefit(&mut b.detail, factor);
            }
        }
        Group::Benefits => p
            .benefits
            .iter_mut()
            .for_each(|b| scale_benefit(&mut b.detail, factor)),
        Group::EngagementRates => {
            chains_mut(p).for_each(|c| scale_rate(&mut c.engagement_rate, factor, true));
        }
        Group::SuccessRates => {
            chains_mut(p).for_each(|c| scale_rate(&mut c.success_rate, factor, true));
        }
        Group::Deadweight => {
            chains_mut(p).for_each(|c| scale_rate(&mut c.deadweight, factor, true));
        }
        Group::StaffHours => p
            .costs
            .iter_mut()
            .for_each(|c| scale_hours(&mut c.detail, factor)),
        Group::CostAmounts => p
            .costs
            .iter_mut()
            .for_each(|c| scale_money(&mut c.detail, factor)),
        Group::DiscountRates => {}
        Group::OptimismBias => {
            for line in &mut p.costs {
                let uplift = flows::cost_uplift(project, &line.optimism).unwrap_or(Decimal::ZERO);
                let mut rate = Rate(uplift);
                scale_rate(&mut rate, factor, false);
                line.optimism = Optimism::Direct(rate);
            }
            for line in &mut p.benefits {
                let reduction =
                    flows::benefit_reduction(project, &line.optimism).unwrap_or(Decimal::ZERO);
                let mut rate = Rate(reduction);
                scale_rate(&mut rate, factor, true);
                line.optimism = Optimism::Direct(rate);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        BenefitLine, BenefitType, Contribution, CostLine, CostType, FinancialYear, FixedCosts,
        Layer, Meeting, Money, OtherCategory, OtherCost, PooledFund, Prices, RiskShare, StaffTime,
        TimeUnit, UnitValueSource,
    };
    use rust_decimal_macros::dec;

    fn cost(name: &str, optimism: Optimism, detail: CostDetail) -> CostLine {
        CostLine {
            name: name.into(),
            cost_type: CostType::Revenue,
            optimism,
            source: String::new(),
            detail,
            range: None,
            prices: Prices::Real,
        }
    }

    fn benefit(name: &str, optimism: Optimism, detail: BenefitDetail) -> BenefitLine {
        BenefitLine {
            name: name.into(),
            benefit_type: BenefitType::Social,
            partner: None,
            cashable_share: Rate::ZERO,
            optimism,
            source: String::new(),
            detail,
            range: None,
            disbenefit: false,
            prices: Prices::Real,
        }
    }

    fn chain(cohort: Decimal, engagement: Decimal, success: Decimal) -> OutcomeChain {
        OutcomeChain {
            cohort: Profile::constant(cohort, 5),
            engagement_rate: Rate(engagement),
            success_rate: Rate(success),
            unit_value: UnitValueSource::Typed {
                value: Money(dec!(500)),
                price_year: FinancialYear(2026),
            },
            deadweight: Rate(dec!(0.2)),
            displacement: Rate(dec!(0.1)),
            attribution: Rate(dec!(0.3)),
            lag_years: 0,
            duration_years: 1,
            drop_off: Rate::ZERO,
            ranges: Default::default(),
        }
    }

    /// A partnership with a line of every kind: staff time, a meeting with fixed costs, a
    /// pooled fund with an outturn, another cost, a direct benefit and two outcome chains.
    fn partnership() -> Partnership {
        let direct = |r: Decimal| Optimism::Direct(Rate(r));
        let mut p = Partnership::new("Community safety");
        p.costs = vec![
            cost(
                "Analyst",
                direct(dec!(0.1)),
                CostDetail::StaffTime(StaffTime {
                    partner: "Council".into(),
                    grade: "Officer".into(),
                    layer: Layer::Operational,
                    hours: Profile::PerYear(vec![dec!(100), dec!(200)]),
                    unit: TimeUnit::Hours,
                }),
            ),
            cost(
                "Board",
                direct(dec!(0.2)),
                CostDetail::Meeting(Meeting {
                    layer: Layer::Strategic,
                    meetings: Profile::constant(dec!(6), 5),
                    meeting_hours: dec!(2),
                    preparation_hours: dec!(1),
                    travel_hours: dec!(0.5),
                    attendees: Vec::new(),
                    fixed_costs: FixedCosts {
                        paid_by: "Council".into(),
                        venue: Money(dec!(100)),
                        refreshments: Money(dec!(20)),
                        printing: Money(dec!(5)),
                        other: Money(dec!(1)),
                    },
                }),
            ),
            cost(
                "Pool",
                direct(dec!(0.3)),
                CostDetail::PooledFund(PooledFund {
                    host: "Council".into(),
                    risk_share: RiskShare::ProRata,
                    contributions: vec![Contribution {
                        partner: "Police".into(),
                        amounts: Profile::constant(dec!(1000), 3),
                        forecast_outturn: Some(Profile::PerYear(vec![dec!(900)])),
                    }],
                }),
            ),
            cost(
                "Website",
                direct(dec!(0.4)),
                CostDetail::Other(OtherCost {
                    category: OtherCategory::Website,
                    partner: "Council".into(),
                    layer: None,
                    amounts: Profile::PerYear(vec![dec!(50), dec!(60)]),
                }),
            ),
        ];
        p.benefits = vec![
            benefit(
                "Savings",
                direct(dec!(0.05)),
                BenefitDetail::Direct(Profile::PerYear(vec![dec!(300), dec!(400)])),
            ),
            benefit(
                "Fewer offences",
                direct(dec!(0.15)),
                BenefitDetail::Outcome(chain(dec!(40), dec!(0.5), dec!(0.4))),
            ),
            benefit(
                "Jobs",
                direct(dec!(0.25)),
                BenefitDetail::Outcome(chain(dec!(10), dec!(0.8), dec!(0.6))),
            ),
        ];
        p
    }

    fn varied(group: Group, factor: Decimal) -> Partnership {
        let mut p = partnership();
        Scenario::one(group, factor).apply_to(&Project::new("Test"), &mut p);
        p
    }

    fn staff(p: &mut Partnership) -> &mut StaffTime {
        match &mut p.costs[0].detail {
            CostDetail::StaffTime(s) => s,
            _ => unreachable!("line 0 is staff time"),
        }
    }

    fn meeting(p: &mut Partnership) -> &mut Meeting {
        match &mut p.costs[1].detail {
            CostDetail::Meeting(m) => m,
            _ => unreachable!("line 1 is a meeting"),
        }
    }

    fn pool(p: &mut Partnership) -> &mut Contribution {
        match &mut p.costs[2].detail {
            CostDetail::PooledFund(f) => &mut f.contributions[0],
            _ => unreachable!("line 2 is a pooled fund"),
        }
    }

    fn other(p: &mut Partnership) -> &mut Profile {
        match &mut p.costs[3].detail {
            CostDetail::Other(o) => &mut o.amounts,
            _ => unreachable!("line 3 is another cost"),
        }
    }

    fn direct(p: &mut Partnership) -> &mut Profile {
        match &mut p.benefits[0].detail {
            BenefitDetail::Direct(profile) => profile,
            BenefitDetail::Outcome(_) => unreachable!("benefit 0 is direct"),
        }
    }

    fn outcome(p: &mut Partnership, line: usize) -> &mut OutcomeChain {
        match &mut p.benefits[line].detail {
            BenefitDetail::Outcome(c) => c,
            BenefitDetail::Direct(_) => unreachable!("benefits 1 and 2 are chains"),
        }
    }

    fn every_group() -> Vec<Group> {
        let mut groups: Vec<Group> = CostKind::ALL.into_iter().map(Group::Costs).collect();
        groups.extend([
            Group::Benefit(0),
            Group::Benefit(1),
            Group::Benefits,
            Group::EngagementRates,
            Group::SuccessRates,
            Group::Deadweight,
            Group::StaffHours,
            Group::CostAmounts,
            Group::DiscountRates,
            Group::OptimismBias,
        ]);
        groups
    }

    #[test]
    fn each_group_doubles_what_it_names_and_nothing_else() {
        // What doubling each group should give, written out field by field.
        let expect = |group: &Group| {
            let mut p = partnership();
            match group {
                Group::Costs(CostKind::StaffTime) => {
                    staff(&mut p).hours = Profile::PerYear(vec![dec!(200), dec!(400)]);
                }
                Group::Costs(CostKind::Meetings) => {
                    meeting(&mut p).meetings = Profile::constant(dec!(12), 5);
                }
                Group::Costs(CostKind::PooledFunds) => {
                    pool(&mut p).amounts = Profile::constant(dec!(2000), 3);
                    pool(&mut p).forecast_outturn = Some(Profile::PerYear(vec![dec!(1800)]));
                }
                Group::Costs(CostKind::Other) => {
                    *other(&mut p) = Profile::PerYear(vec![dec!(100), dec!(120)]);
                }
                Group::Benefit(0) => {
                    *direct(&mut p) = Profile::PerYear(vec![dec!(600), dec!(800)]);
                }
                Group::Benefit(1) => outcome(&mut p, 1).cohort = Profile::constant(dec!(80), 5),
                Group::Benefit(_) => unreachable!("only lines 0 and 1 are tried"),
                Group::Benefits => {
                    *direct(&mut p) = Profile::PerYear(vec![dec!(600), dec!(800)]);
                    outcome(&mut p, 1).cohort = Profile::constant(dec!(80), 5);
                    outcome(&mut p, 2).cohort = Profile::constant(dec!(20), 5);
                }
                Group::EngagementRates => {
                    outcome(&mut p, 1).engagement_rate = Rate(dec!(1.0));
                    outcome(&mut p, 2).engagement_rate = Rate(Decimal::ONE); // 1.6, capped
                }
                Group::SuccessRates => {
                    outcome(&mut p, 1).success_rate = Rate(dec!(0.8));
                    outcome(&mut p, 2).success_rate = Rate(Decimal::ONE); // 1.2, capped
                }
                Group::Deadweight => {
                    outcome(&mut p, 1).deadweight = Rate(dec!(0.4));
                    outcome(&mut p, 2).deadweight = Rate(dec!(0.4));
                }
                Group::StaffHours => {
                    staff(&mut p).hours = Profile::PerYear(vec![dec!(200), dec!(400)]);
                    let m = meeting(&mut p);
                    (m.meeting_hours, m.preparation_hours, m.travel_hours) =
                        (dec!(4), dec!(2), dec!(1));
                }
                Group::CostAmounts => {
                    let f = &mut meeting(&mut p).fixed_costs;
                    (f.venue, f.refreshments, f.printing, f.other) = (
                        Money(dec!(200)),
                        Money(dec!(40)),
                        Money(dec!(10)),
                        Money(dec!(2)),
                    );
                    pool(&mut p).amounts = Profile::constant(dec!(2000), 3);
                    pool(&mut p).forecast_outturn = Some(Profile::PerYear(vec![dec!(1800)]));
                    *other(&mut p) = Profile::PerYear(vec![dec!(100), dec!(120)]);
                }
                Group::DiscountRates => {}
                Group::OptimismBias => {
                    let uplifts = [dec!(0.2), dec!(0.4), dec!(0.6), dec!(0.8)];
                    for (line, r) in p.costs.iter_mut().zip(uplifts) {
                        line.optimism = Optimism::Direct(Rate(r));
                    }
                    let reductions = [dec!(0.1), dec!(0.3), dec!(0.5)];
                    for (line, r) in p.benefits.iter_mut().zip(reductions) {
                        line.optimism = Optimism::Direct(Rate(r));
                    }
                }
            }
            p
        };
        for group in every_group() {
            assert_eq!(varied(group.clone(), dec!(2)), expect(&group), "{group:?}");
        }
    }

    #[test]
    fn a_factor_of_one_leaves_the_partnership_as_entered() {
        for group in every_group() {
            assert_eq!(
                varied(group.clone(), Decimal::ONE),
                partnership(),
                "{group:?}"
            );
        }
        let mut project = Project::new("Test");
        project.partnerships = vec![partnership(), partnership()];
        let all_at_one: Scenario = every_group()
            .into_iter()
            .map(|group| Adjustment {
                group,
                factor: Decimal::ONE,
            })
            .collect();
        assert_eq!(all_at_one.apply(&project), project);
        assert_eq!(Scenario::default().apply(&project), project);
    }

    #[test]
    fn varied_amounts_stop_at_the_largest_amount_accepted() {
        let mut p = partnership();
        *other(&mut p) = Profile::PerYear(vec![MAX_INPUT / dec!(2) + dec!(1), MAX_INPUT * dec!(3)]);
        meeting(&mut p).meeting_hours = MAX_INPUT;
        meeting(&mut p).fixed_costs.venue = Money(dec!(0.6) * MAX_INPUT);
        let scenario = Scenario {
            adjustments: vec![
                Adjustment {
                    group: Group::StaffHours,
                    factor: dec!(2),
                },
                Adjustment {
                    group: Group::CostAmounts,
                    factor: dec!(2),
                },
            ],
        };
        scenario.apply_to(&Project::new("Test"), &mut p);
        // Up to the limit; an amount already above it is not lowered to it.
        assert_eq!(
            *other(&mut p),
            Profile::PerYear(vec![MAX_INPUT, MAX_INPUT * dec!(3)])
        );
        assert_eq!(meeting(&mut p).meeting_hours, MAX_INPUT);
        assert_eq!(meeting(&mut p).fixed_costs.venue, Money(MAX_INPUT));
        // An amount that cannot be multiplied at all stays as it is.
        let mut p = partnership();
        *direct(&mut p) = Profile::PerYear(vec![Decimal::MAX]);
        Scenario::one(Group::Benefits, dec!(2)).apply_to(&Project::new("Test"), &mut p);
        assert_eq!(*direct(&mut p), Profile::PerYear(vec![Decimal::MAX]));
    }

    #[test]
    fn varied_rates_stay_between_zero_and_their_limit() {
        let p = varied(Group::OptimismBias, dec!(100));
        let uplifts: Vec<&Optimism> = p.costs.iter().map(|c| &c.optimism).collect();
        // Cost uplifts stop at 1000%, benefit reductions at 100%.
        assert!(
            uplifts
                .iter()
                .all(|o| **o == Optimism::Direct(Rate(MAX_UPLIFT)))
        );
        assert!(
            p.benefits
                .iter()
                .all(|b| b.optimism == Optimism::Direct(Rate(Decimal::ONE)))
        );
        let mut p = varied(Group::Deadweight, dec!(-1));
        assert_eq!(outcome(&mut p, 1).deadweight, Rate::ZERO);
        assert_eq!(outcome(&mut p, 2).deadweight, Rate::ZERO);
    }

    #[test]
    fn optimism_bias_is_varied_as_each_line_resolves_it() {
        let project = Project::new("Test");
        let grade = project.confidence_grades[3].clone();
        let mut p = partnership();
        p.costs[0].optimism = Optimism::Grade(grade.grade.clone());
        p.benefits[0].optimism = Optimism::Grade(grade.grade.clone());
        Scenario::one(Group::OptimismBias, dec!(0.5)).apply_to(&project, &mut p);
        let half = |r: Rate| Optimism::Direct(Rate(r.0 * dec!(0.5)));
        assert_eq!(p.costs[0].optimism, half(grade.cost_uplift));
        assert_eq!(p.benefits[0].optimism, half(grade.benefit_reduction));
    }

    #[test]
    fn a_project_scenario_varies_every_partnership_but_not_options() {
        let mut project = Project::new("Test");
        let mut with_option = partnership();
        with_option.options = vec![crate::model::Alternative {
            name: "Bigger".into(),
            kind: crate::model::AlternativeKind::Merge,
            note: String::new(),
            costs: partnership().costs,
            benefits: partnership().benefits,
        }];
        project.partnerships = vec![with_option.clone(), partnership()];
        let before = project.clone();
        let copy = Scenario::one(Group::Benefit(0), dec!(3)).apply(&project);
        assert_eq!(project, before, "the project itself is not touched");
        for p in &copy.partnerships {
            assert_eq!(
                p.benefits[0].detail,
                varied(Group::Benefit(0), dec!(3)).benefits[0].detail
            );
            assert_eq!(p.benefits[1..], partnership().benefits[1..]);
        }
        assert_eq!(copy.partnerships[0].options, with_option.options);
    }

    #[test]
    fn discount_rates_are_a_scale_not_a_line() {
        assert_eq!(Scenario::default().discount_scale(), None);
        assert_eq!(
            Scenario::one(Group::Benefits, dec!(2)).discount_scale(),
            None
        );
        assert_eq!(
            Scenario::one(Group::DiscountRates, Decimal::ONE).discount_scale(),
            Some(Decimal::ONE)
        );
        let both: Scenario = [dec!(1.5), dec!(0.5)]
            .into_iter()
            .map(|factor| Adjustment {
                group: Group::DiscountRates,
                factor,
            })
            .collect();
        assert_eq!(both.discount_scale(), Some(dec!(0.75)));
        assert_eq!(varied(Group::DiscountRates, dec!(7)), partnership());
    }
}
