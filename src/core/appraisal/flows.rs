//! Yearly flows of each cost and benefit line, in real terms, after optimism bias.

use super::num::{Checked, Overflow, add, identical, mul, scale_in_place, series_by_year, sub};
use crate::model::{
    Attendee, BenefitDetail, BenefitLine, CostDetail, CostLine, CostingConvention, FinancialYear,
    Grade, Meeting, Optimism, OutcomeChain, Pay, PooledFund, Profile, Project, RiskShare, Settings,
    UnitValueSource,
};
use rust_decimal::Decimal;

/// Year-by-year values over the horizon, index 0 first.
pub type Series = Vec<Decimal>;

/// Expands a profile to one value per year of the horizon. Years beyond the horizon are dropped.
pub fn expand(profile: &Profile, horizon: u32) -> Checked<Series> {
    let n = horizon as usize;
    let mut out = vec![Decimal::ZERO; n];
    match profile {
        Profile::Constant {
            value,
            start_year,
            years,
            growth,
        } => {
            let factor = Decimal::ONE.checked_add(growth.0).ok_or(Overflow)?;
            let mut current = *value;
            let start = *start_year as usize;
            let end = start.saturating_add(*years as usize).min(n);
            for slot in out.iter_mut().take(end).skip(start) {
                *slot = current;
                current = mul(current, factor)?;
            }
        }
        Profile::PerYear(values) => {
            for (slot, v) in out.iter_mut().zip(values) {
                *slot = *v;
            }
        }
    }
    Ok(out)
}

/// The hours a staff time line gives each year: its profile, or its full-time
/// equivalents times the project's productive hours a year.
pub fn staff_hours(
    settings: &Settings,
    s: &crate::model::StaffTime,
    horizon: u32,
) -> Checked<Series> {
    let mut series = expand(&s.hours, horizon)?;
    if s.unit == crate::model::TimeUnit::Fte {
        scale_in_place(
            &mut series,
            settings.staff_costing.productive_hours_per_year,
        )?;
    }
    Ok(series)
}

/// The hours one person gives each meeting of a meeting line: the meeting itself, its
/// preparation and travel.
pub fn hours_per_meeting(m: &Meeting) -> Checked<Decimal> {
    add(add(m.meeting_hours, m.preparation_hours)?, m.travel_hours)
}

/// The hours an attendee row gives a meeting line over the horizon, as entered: its
/// people times the hours per meeting ([`hours_per_meeting`]) times the meetings of every
/// year.
pub fn attendee_hours(m: &Meeting, attendee: &Attendee, horizon: u32) -> Checked<Decimal> {
    let meetings = super::num::sum(expand(&m.meetings, horizon)?)?;
    mul(mul(attendee.count, hours_per_meeting(m)?)?, meetings)
}

/// For each year of the horizon, whether the profile gives a value for it.
pub fn covered(profile: &Profile, horizon: u32) -> Vec<bool> {
    let n = horizon as usize;
    match profile {
        Profile::Constant {
            start_year, years, ..
        } => {
            let start = *start_year as usize;
            let end = start.saturating_add(*years as usize);
            (0..n).map(|t| t >= start && t < end).collect()
        }
        Profile::PerYear(values) => (0..n).map(|t| t < values.len()).collect(),
    }
}

/// A staff grade's cost per hour under the project's costing convention.
pub fn hourly_rate(settings: &Settings, grade: &Grade) -> Checked<Decimal> {
    let salary = match grade.pay {
        Pay::Hourly(rate) => return Ok(rate.0),
        Pay::Salary(salary) => salary.0,
    };
    let costing = &settings.staff_costing;
    let employment_cost = match costing.convention {
        CostingConvention::SalaryOnly => salary,
        CostingConvention::WithOnCosts | CostingConvention::FullCost => {
            let above_threshold = sub(salary, costing.ni_threshold.0)?.max(Decimal::ZERO);
            let ni = mul(costing.employer_ni_rate.0, above_threshold)?;
            let pension = mul(costing.pension_rate.0, salary)?;
            let with_on_costs = add(add(salary, ni)?, pension)?;
            if costing.convention == CostingConvention::FullCost {
                mul(with_on_costs, add(Decimal::ONE, costing.overhead_rate.0)?)?
            } else {
                with_on_costs
            }
        }
    };
    if costing.productive_hours_per_year <= Decimal::ZERO {
        return Err(Overflow);
    }
    employment_cost
        .checked_div(costing.productive_hours_per_year)
        .ok_or(Overflow)
}

/// Why a line could not be computed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineError {
    /// A partner, grade, unit value or confidence grade it names does not exist.
    Missing(String),
    /// One of its inputs has an error, which `validate` reports.
    Invalid,
    Overflow,
}

/// A part of a cost line that is left out on its own when it has an error, so that one
/// bad attendee or contribution does not take the rest of the line with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Part {
    /// A meeting's attendee row, by position.
    Attendee(usize),
    /// A meeting's fixed costs (venue, refreshments, printing, other).
    FixedCosts,
    /// A pooled fund's contribution, by position.
    Contribution(usize),
    /// A Monte Carlo range, which the central figures do not use.
    Range,
}

/// A cost line's yearly cost to each partner, and the parts of it left out.
#[derive(Clone, Debug, PartialEq)]
pub struct CostFlows {
    pub borne: Vec<Borne>,
    /// Parts with errors, left out of `borne` (never [`Part::Range`]).
    pub left_out: Vec<Part>,
}

impl From<Overflow> for LineError {
    fn from(_: Overflow) -> Self {
        LineError::Overflow
    }
}

/// One partner's share of a cost line, by year, after optimism bias.
#[derive(Clone, Debug, PartialEq)]
pub struct Borne {
    pub partner: String,
    pub series: Series,
}

/// The cost uplift of a line: its grade's uplift, its own rate, or its project type's
/// bound less the mitigation.
pub fn cost_uplift(project: &Project, optimism: &Optimism) -> Result<Decimal, LineError> {
    match optimism {
        Optimism::Direct(rate) => Ok(rate.0),
        Optimism::Grade(grade) => project
            .confidence_grade(grade)
            .map(|g| g.cost_uplift.0)
            .ok_or_else(|| LineError::Missing(format!("confidence grade '{grade}'"))),
        Optimism::ProjectType {
            project_type,
            mitigation,
        } => Ok(type_uplift(project, project_type, *mitigation)?.resultant),
    }
}

/// The benefit reduction of a line: its grade's reduction, or its own rate. Project types
/// bound cost overruns only, so a benefit line cannot use one (`validate` says so).
pub fn benefit_reduction(project: &Project, optimism: &Optimism) -> Result<Decimal, LineError> {
    match optimism {
        Optimism::Direct(rate) => Ok(rate.0),
        Optimism::Grade(grade) => project
            .confidence_grade(grade)
            .map(|g| g.benefit_reduction.0)
            .ok_or_else(|| LineError::Missing(format!("confidence grade '{grade}'"))),
        Optimism::ProjectType { .. } => Err(LineError::Invalid),
    }
}

/// A cost uplift from the project-type table, with its working.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeUplift {
    pub upper: Decimal,
    pub lower: Decimal,
    pub mitigation: Decimal,
    /// upper × (1 − mitigation).
    pub mitigated: Decimal,
    /// The uplift applied: `mitigated`, or `lower` where that is higher.
    pub resultant: Decimal,
    /// The same working for works duration, where the type has bounds for it: stated,
    /// not applied.
    pub duration: Option<Decimal>,
}

impl TypeUplift {
    /// Whether the lower bound, not the mitigated upper bound, is applied.
    pub fn at_lower_bound(&self) -> bool {
        self.mitigated < self.lower
    }
}

/// HM Treasury's resultant optimism bias for a project type: the upper bound reduced by
/// the share of its contributory factors mitigated, (1 − mitigation) × upper, and never
/// below the lower bound.
pub fn type_uplift(
    project: &Project,
    name: &str,
    mitigation: crate::model::Rate,
) -> Result<TypeUplift, LineError> {
    let t = project
        .project_type(name)
        .ok_or_else(|| LineError::Missing(format!("project type '{name}'")))?;
    Ok(type_uplift_of(t, mitigation)?)
}

/// [`type_uplift`] for a row of the table.
pub fn type_uplift_of(
    t: &crate::model::ProjectType,
    mitigation: crate::model::Rate,
) -> Checked<TypeUplift> {
    let keep = mitigation.complement();
    let mitigated = mul(t.capital_upper.0, keep)?;
    let duration = match t.duration_upper {
        Some(upper) => {
            let lower = t.duration_lower.map_or(Decimal::ZERO, |l| l.0);
            Some(mul(upper.0, keep)?.max(lower))
        }
        None => None,
    };
    Ok(TypeUplift {
        upper: t.capital_upper.0,
        lower: t.capital_lower.0,
        mitigation: mitigation.0,
        mitigated,
        resultant: mitigated.max(t.capital_lower.0),
        duration,
    })
}

/// For a line in cash prices, each year's factor to the price base year,
/// deflator(base) / deflator(year); none for a line in real terms. A year whose amount is
/// zero needs no deflator: its factor is taken as one.
fn cash_factors(
    project: &Project,
    prices: crate::model::Prices,
    amounts: &[&Profile],
) -> Result<Option<Series>, LineError> {
    if prices.is_real() {
        return Ok(None);
    }
    let horizon = super::horizon(&project.settings);
    let nonzero = years_with_amounts(amounts, horizon);
    let first = project.settings.first_year;
    let factors = nonzero
        .iter()
        .enumerate()
        .map(|(t, used)| {
            if *used {
                rebase_factor(project, first.plus(t as u32))
            } else {
                Ok(Decimal::ONE)
            }
        })
        .collect::<Result<Series, LineError>>()?;
    Ok(Some(factors))
}

/// For each year of the horizon, whether any of the profiles has an amount in it. A
/// profile too large to expand is passed over: its own check reports it, and the line
/// is left out when it is costed.
pub(crate) fn years_with_amounts(amounts: &[&Profile], horizon: u32) -> Vec<bool> {
    let mut used = vec![false; horizon as usize];
    for series in amounts.iter().filter_map(|p| expand(p, horizon).ok()) {
        for (slot, v) in used.iter_mut().zip(series) {
            *slot |= !v.is_zero();
        }
    }
    used
}

/// Multiplies each year's amount by its cash-price factor, if any.
fn deflate(series: &mut [Decimal], factors: Option<&Series>) -> Checked<()> {
    if let Some(factors) = factors {
        for (v, f) in series.iter_mut().zip(factors) {
            if !v.is_zero() {
                *v = mul(*v, *f)?;
            }
        }
    }
    Ok(())
}

/// The amount profiles of a cost line that cash prices apply to.
pub(crate) fn money_profiles(detail: &CostDetail) -> Vec<&Profile> {
    match detail {
        CostDetail::PooledFund(f) => f
            .contributions
            .iter()
            .flat_map(|c| std::iter::once(&c.amounts).chain(c.forecast_outturn.as_ref()))
            .collect(),
        CostDetail::Other(o) => vec![&o.amounts],
        CostDetail::StaffTime(_) | CostDetail::Meeting(_) => Vec::new(),
    }
}

/// The partner, or the reason the line is left out.
fn known_partner(project: &Project, name: &str) -> Result<(), LineError> {
    project
        .partner(name)
        .map(|_| ())
        .ok_or_else(|| LineError::Missing(format!("partner '{name}'")))
}

fn grade_rate(project: &Project, partner: &str, grade: &str) -> Result<Decimal, LineError> {
    let p = project
        .partner(partner)
        .ok_or_else(|| LineError::Missing(format!("partner '{partner}'")))?;
    let g = p
        .grade(grade)
        .ok_or_else(|| LineError::Missing(format!("grade '{grade}' of {partner}")))?;
    Ok(hourly_rate(&project.settings, g)?)
}

/// The yearly cost of a line to each partner who bears part of it, before optimism bias,
/// leaving out the parts in `left_out`.
fn cost_before_bias(
    project: &Project,
    detail: &CostDetail,
    left_out: &[Part],
    cash: Option<&Series>,
) -> Result<Vec<Borne>, LineError> {
    let horizon = super::horizon(&project.settings);
    match detail {
        CostDetail::StaffTime(s) => {
            let rate = grade_rate(project, &s.partner, &s.grade)?;
            let mut series = staff_hours(&project.settings, s, horizon)?;
            scale_in_place(&mut series, rate)?;
            Ok(vec![Borne {
                partner: s.partner.clone(),
                series,
            }])
        }
        CostDetail::Meeting(m) => meeting_cost(project, m, left_out),
        CostDetail::PooledFund(fund) => {
            known_partner(project, &fund.host)?;
            let fund = without_contributions(fund, left_out);
            for c in &fund.contributions {
                known_partner(project, &c.partner)?;
            }
            Ok(pooled_fund_cost(&fund, horizon, cash)?.borne)
        }
        CostDetail::Other(o) => {
            known_partner(project, &o.partner)?;
            let mut series = expand(&o.amounts, horizon)?;
            deflate(&mut series, cash)?;
            Ok(vec![Borne {
                partner: o.partner.clone(),
                series,
            }])
        }
    }
}

/// The pooled fund less the contributions left out.
pub fn without_contributions(fund: &PooledFund, left_out: &[Part]) -> PooledFund {
    let mut fund = fund.clone();
    let mut index = 0;
    fund.contributions.retain(|_| {
        index += 1;
        !left_out.contains(&Part::Contribution(index - 1))
    });
    fund
}

/// Cost of one meeting by partner, times meetings a year, leaving out the attendees and
/// fixed costs in `left_out`.
fn meeting_cost(
    project: &Project,
    m: &Meeting,
    left_out: &[Part],
) -> Result<Vec<Borne>, LineError> {
    let horizon = super::horizon(&project.settings);
    let meetings = expand(&m.meetings, horizon)?;
    let hours_each = hours_per_meeting(m)?;
    let mut per_meeting: Vec<(String, Decimal)> = Vec::new();
    let mut charge = |partner: &str, amount: Decimal| -> Checked<()> {
        match per_meeting.iter_mut().find(|(p, _)| p == partner) {
            Some((_, total)) => *total = add(*total, amount)?,
            None => per_meeting.push((partner.to_owned(), amount)),
        }
        Ok(())
    };
    for (i, a) in m.attendees.iter().enumerate() {
        if left_out.contains(&Part::Attendee(i)) {
            continue;
        }
        let rate = grade_rate(project, &a.partner, &a.grade)?;
        charge(&a.partner, mul(mul(a.count, hours_each)?, rate)?)?;
    }
    let f = &m.fixed_costs;
    let fixed = add(
        add(add(f.venue.0, f.refreshments.0)?, f.printing.0)?,
        f.other.0,
    )?;
    if !fixed.is_zero() && !left_out.contains(&Part::FixedCosts) {
        if project.partner(&f.paid_by).is_none() {
            return Err(LineError::Missing(format!(
                "partner '{}' paying the fixed costs",
                f.paid_by
            )));
        }
        charge(&f.paid_by, fixed)?;
    }
    let mut borne = Vec::with_capacity(per_meeting.len());
    for (partner, each) in per_meeting {
        let mut series = meetings.clone();
        scale_in_place(&mut series, each)?;
        borne.push(Borne { partner, series });
    }
    Ok(borne)
}

/// A pooled fund's split between partners, by year.
#[derive(Clone, Debug, PartialEq)]
pub struct PoolFlows {
    /// What each partner bears: its contribution plus its share of any variance.
    pub borne: Vec<Borne>,
    /// Each partner's contribution, by year.
    pub contributions: Vec<Borne>,
    /// Each partner's share of the over- (positive) or underspend (negative), by year.
    pub variance: Vec<Borne>,
}

/// A pooled fund's flows; `cash` deflates amounts entered in cash prices (see
/// [`line_cash_factors`]).
pub fn pooled_fund_cost(
    fund: &PooledFund,
    horizon: u32,
    cash: Option<&Series>,
) -> Checked<PoolFlows> {
    let n = horizon as usize;
    let mut contributions = Vec::new();
    let mut own_variance = Vec::new();
    for c in &fund.contributions {
        let mut paid = expand(&c.amounts, horizon)?;
        deflate(&mut paid, cash)?;
        // Years the outturn profile does not cover are taken as spent as paid: no variance.
        let variance = match &c.forecast_outturn {
            Some(outturn) => {
                let mut spent = expand(outturn, horizon)?;
                deflate(&mut spent, cash)?;
                for ((slot, known), p) in spent.iter_mut().zip(covered(outturn, horizon)).zip(&paid)
                {
                    *slot = if known {
                        sub(*slot, *p)?
                    } else {
                        Decimal::ZERO
                    };
                }
                spent
            }
            None => vec![Decimal::ZERO; n],
        };
        contributions.push(Borne {
            partner: c.partner.clone(),
            series: paid,
        });
        own_variance.push(variance);
    }
    let total_variance = series_by_year(n, |t| {
        own_variance
            .iter()
            .try_fold(Decimal::ZERO, |acc, v| add(acc, v[t]))
    })?;
    let total_paid = series_by_year(n, |t| {
        contributions
            .iter()
            .try_fold(Decimal::ZERO, |acc, c| add(acc, c.series[t]))
    })?;

    let mut variance: Vec<Borne> = Vec::new();
    match fund.risk_share {
        RiskShare::EachBearsOwn => {
            for (c, v) in contributions.iter().zip(own_variance) {
                variance.push(Borne {
                    partner: c.partner.clone(),
                    series: v,
                });
            }
        }
        RiskShare::HostBears => {
            for c in &contributions {
                variance.push(Borne {
                    partner: c.partner.clone(),
                    series: vec![Decimal::ZERO; n],
                });
            }
            match variance.iter_mut().find(|b| b.partner == fund.host) {
                Some(host) => host.series = total_variance,
                None => variance.push(Borne {
                    partner: fund.host.clone(),
                    series: total_variance,
                }),
            }
        }
        RiskShare::ProRata => {
            let count = Decimal::from(contributions.len().max(1));
            for c in &contributions {
                let series = series_by_year(n, |t| {
                    // With nothing paid in a year, a variance is shared equally.
                    let share = if total_paid[t].is_zero() {
                        Decimal::ONE.checked_div(count).ok_or(Overflow)?
                    } else {
                        c.series[t].checked_div(total_paid[t]).ok_or(Overflow)?
                    };
                    mul(total_variance[t], share)
                })?;
                variance.push(Borne {
                    partner: c.partner.clone(),
                    series,
                });
            }
        }
    }

    let mut borne: Vec<Borne> = Vec::new();
    for b in contributions.iter().chain(&variance) {
        match borne.iter_mut().find(|x| x.partner == b.partner) {
            Some(x) => super::num::add_series(&mut x.series, &b.series)?,
            None => borne.push(b.clone()),
        }
    }
    Ok(PoolFlows {
        borne,
        contributions,
        variance,
    })
}

/// The yearly cost of a line to each partner, after its optimism bias uplift. A line with
/// an error that `validate` finds is left out whole, or only the parts of it (an attendee,
/// a contribution, a meeting's fixed costs) that the error concerns.
pub fn cost_line(project: &Project, line: &CostLine) -> Result<CostFlows, LineError> {
    let check = super::validate::check_cost(project, line);
    if check.whole {
        return Err(LineError::Invalid);
    }
    let mut left_out = check.parts;
    left_out.retain(|part| *part != Part::Range);
    let factor = add(Decimal::ONE, cost_uplift(project, &line.optimism)?)?;
    let cash = line_cash_factors(project, line, &left_out)?;
    let mut borne = cost_before_bias(project, &line.detail, &left_out, cash.as_ref())?;
    for b in &mut borne {
        scale_in_place(&mut b.series, factor)?;
    }
    Ok(CostFlows { borne, left_out })
}

/// The cash-price factors of a cost line's amounts, leaving out the contributions left out.
pub fn line_cash_factors(
    project: &Project,
    line: &CostLine,
    left_out: &[Part],
) -> Result<Option<Series>, LineError> {
    if line.prices.is_real() {
        return Ok(None);
    }
    match &line.detail {
        CostDetail::PooledFund(fund) => {
            let fund = without_contributions(fund, left_out);
            cash_factors(
                project,
                line.prices,
                &money_profiles(&CostDetail::PooledFund(fund.clone())),
            )
        }
        detail => cash_factors(project, line.prices, &money_profiles(detail)),
    }
}

/// A benefit line's value by year after all adjustments; a disbenefit's value is
/// negative. A line with an error that `validate` finds is left out.
pub fn benefit_line(project: &Project, line: &BenefitLine) -> Result<Series, LineError> {
    if super::validate::check_benefit(project, line).whole {
        return Err(LineError::Invalid);
    }
    if let Some(partner) = line.partner.as_deref().filter(|p| !p.trim().is_empty()) {
        known_partner(project, partner)?;
    }
    let horizon = super::horizon(&project.settings);
    let keep = sub(Decimal::ONE, benefit_reduction(project, &line.optimism)?)?;
    let mut series = match &line.detail {
        BenefitDetail::Direct(profile) => {
            let mut series = expand(profile, horizon)?;
            let cash = cash_factors(project, line.prices, &[profile])?;
            deflate(&mut series, cash.as_ref())?;
            scale_in_place(&mut series, keep)?;
            series
        }
        BenefitDetail::Outcome(chain) => outcome_chain(project, chain, keep)?,
    };
    if line.disbenefit {
        series.iter_mut().for_each(|v| *v = -*v);
    }
    Ok(series)
}

/// The value of a unit value in the prices of the price base year.
pub fn rebased_unit_value(
    project: &Project,
    source: &UnitValueSource,
) -> Result<Decimal, LineError> {
    let (value, price_year) = match source {
        UnitValueSource::Typed { value, price_year } => (value.0, *price_year),
        UnitValueSource::Library(name) => {
            let uv = project
                .unit_value(name)
                .ok_or_else(|| LineError::Missing(format!("unit value '{name}'")))?;
            (uv.value.0, uv.price_year)
        }
    };
    Ok(mul(value, rebase_factor(project, price_year)?)?)
}

/// deflator(base) / deflator(year): converts prices of `year` to the price base year.
pub fn rebase_factor(project: &Project, year: FinancialYear) -> Result<Decimal, LineError> {
    let base = project.settings.price_base_year;
    if year == base {
        return Ok(Decimal::ONE);
    }
    let index = |y: FinancialYear| {
        project
            .deflators
            .iter()
            .find(|d| d.year == y)
            .map(|d| d.index)
            .filter(|i| *i > Decimal::ZERO)
            .ok_or_else(|| LineError::Missing(format!("a GDP deflator for {y}")))
    };
    index(base)?
        .checked_div(index(year)?)
        .ok_or(LineError::Overflow)
}

fn outcome_chain(
    project: &Project,
    chain: &OutcomeChain,
    keep_after_bias: Decimal,
) -> Result<Series, LineError> {
    let horizon = super::horizon(&project.settings);
    let n = horizon as usize;
    let unit_value = rebased_unit_value(project, &chain.unit_value)?;
    let per_person = [
        chain.engagement_rate.0,
        chain.success_rate.0,
        unit_value,
        chain.deadweight.complement(),
        chain.displacement.complement(),
        chain.attribution.complement(),
        keep_after_bias,
    ]
    .into_iter()
    .try_fold(Decimal::ONE, mul)?;
    let cohorts = expand(&chain.cohort, horizon)?;
    let retained = chain.drop_off.complement();
    // A cohort starting in year c is worth per_person × retained^k in year c + lag + k,
    // each year's worth the year before's times retained. A level cohort's worth, year by
    // year, is the same from every starting year: it is worked out once.
    let mut out = vec![Decimal::ZERO; n];
    let mut worth: Vec<Decimal> = Vec::new();
    let mut worth_of = None;
    for (c, cohort) in cohorts.iter().enumerate() {
        if cohort.is_zero() {
            continue;
        }
        let first = c.saturating_add(chain.lag_years as usize);
        let years = (chain.duration_years as usize).min(n.saturating_sub(first));
        if !worth_of.is_some_and(|of| identical(of, *cohort)) {
            worth.clear();
            worth.push(mul(*cohort, per_person)?);
            worth_of = Some(*cohort);
        }
        // Each year's worth and the next (as computed year by year).
        while worth.len() <= years {
            let last = worth[worth.len() - 1];
            worth.push(mul(last, retained)?);
        }
        for (slot, value) in out[first.min(n)..].iter_mut().zip(&worth[..years]) {
            *slot = add(*slot, *value)?;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Money, Rate};
    use rust_decimal_macros::dec;

    #[test]
    fn constant_profile_grows_from_its_start_year_and_stops_at_the_horizon() {
        let p = Profile::Constant {
            value: dec!(100),
            start_year: 2,
            years: 5,
            growth: Rate(dec!(0.1)),
        };
        assert_eq!(
            expand(&p, 5).unwrap(),
            vec![dec!(0), dec!(0), dec!(100), dec!(110), dec!(121)]
        );
    }

    #[test]
    fn hourly_rate_follows_the_costing_convention() {
        // Salary £35,000; NI 15% above £5,000 = £4,500; pension 19% = £6,650;
        // with on-costs £46,150 over 1,650 hours = £27.9697 an hour.
        let mut settings = Settings::default();
        let grade = Grade {
            name: "Officer".into(),
            pay: Pay::Salary(Money(dec!(35000))),
        };
        settings.staff_costing.convention = CostingConvention::SalaryOnly;
        assert_eq!(
            hourly_rate(&settings, &grade).unwrap().round_dp(4),
            dec!(21.2121)
        );
        settings.staff_costing.convention = CostingConvention::WithOnCosts;
        assert_eq!(
            hourly_rate(&settings, &grade).unwrap().round_dp(4),
            dec!(27.9697)
        );
        settings.staff_costing.convention = CostingConvention::FullCost;
        // £46,150 × 1.25 = £57,687.50 over 1,650 hours.
        assert_eq!(
            hourly_rate(&settings, &grade).unwrap().round_dp(4),
            dec!(34.9621)
        );
    }

    #[test]
    fn salary_below_the_ni_threshold_pays_no_ni() {
        let settings = Settings::default();
        let grade = Grade {
            name: "Apprentice".into(),
            pay: Pay::Salary(Money(dec!(4000))),
        };
        // 4,000 + 0 NI + 760 pension = 4,760 over 1,650 hours.
        assert_eq!(
            hourly_rate(&settings, &grade).unwrap(),
            dec!(4760) / dec!(1650)
        );
    }
}
