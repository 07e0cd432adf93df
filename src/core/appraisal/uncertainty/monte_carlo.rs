//! Monte Carlo: draws of the partnership's net value and each partner's net budget
//! position, linear in each ranged input, seeded by `random.rs`, each draw summed in fixed
//! point.

use super::sub_project;
use crate::appraisal::appraise;
use crate::appraisal::flows;
use crate::appraisal::num::present_value;
use crate::appraisal::random::Rng;
use crate::model::{
    BenefitDetail, BenefitType, Distribution, Money, Project, Rate, UnitValueSource,
};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;

/// What every view says in place of a probability when no input varies.
pub const NOTHING_TO_SIMULATE: &str = "No input has a range, so there is nothing to simulate: add ranges to lines to see how sure the result is";

/// The most draws a simulation runs.
pub const MAX_DRAWS: u32 = 1_000_000;

/// The Monte Carlo results for one partnership.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Simulation {
    pub draws: u32,
    pub seed: u64,
    /// How many inputs vary from draw to draw: ranges with a width (a triangular range
    /// whose low is below its high, a normal one with a standard deviation above zero).
    /// Every view states it beside a probability.
    pub varying_inputs: usize,
    pub mean: Decimal,
    pub p10: Decimal,
    pub p50: Decimal,
    pub p90: Decimal,
    /// Share of draws in which benefits exceed costs (net value above zero); `None` when
    /// no input varies, since every draw is then the same and there is no chance to state.
    pub probability_positive: Option<Decimal>,
    pub partners: Vec<PartnerChance>,
    pub histogram: Vec<Bin>,
}

/// A partner's chance of coming out ahead on its budget (fiscal benefits above its costs).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PartnerChance {
    pub partner: String,
    pub mean_net_budget: Decimal,
    /// `None` when no input varies.
    pub probability_positive: Option<Decimal>,
}

impl Simulation {
    /// True when no input varies, so there is nothing to simulate.
    pub fn nothing_varies(&self) -> bool {
        self.varying_inputs == 0
    }
}

/// Whether a range has a width, so that draws from it differ.
fn varies(d: &Distribution) -> bool {
    match *d {
        Distribution::Triangular { low, high, .. } => low < high,
        Distribution::Normal { sd, .. } => sd > Decimal::ZERO,
    }
}

/// How many of these factors vary from draw to draw.
fn count_varying(factors: &[Factor]) -> usize {
    factors
        .iter()
        .filter(|f| match f {
            Factor::Value(d) | Factor::Complement(d) => varies(d),
        })
        .count()
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bin {
    pub low: Decimal,
    pub high: Decimal,
    pub count: u32,
}

/// What a benefit line's value is multiplied by in a draw.
#[derive(Clone, Copy)]
enum Factor {
    /// The drawn value itself (engagement, success, unit value, a line multiplier).
    Value(Distribution),
    /// One minus the drawn value (deadweight, displacement, attribution).
    Complement(Distribution),
}

/// One line's present value split by partner, with what multiplies it in a draw.
struct Term {
    /// (partner row, PV of costs, PV of fiscal benefits); row `None` is wider society.
    parts: Vec<(Option<usize>, Decimal, Decimal)>,
    /// PV to the partnership's net value: negative for costs.
    net: Decimal,
    factors: Vec<Factor>,
}

/// A factor's distribution with its parameters read once, before the draws, as the
/// floating-point numbers the draws are made in.
#[derive(Clone, Copy)]
enum Sampler {
    /// A triangular range with no width: always its likely value, and draws nothing.
    Fixed(f64),
    Triangular {
        a: f64,
        b: f64,
        c: f64,
        fc: f64,
    },
    Normal {
        mean: f64,
        sd: f64,
    },
}

impl Sampler {
    fn new(d: &Distribution) -> Self {
        let f = |x: Decimal| x.to_f64().unwrap_or(0.0);
        match *d {
            Distribution::Triangular { low, likely, high } => {
                let (a, c, b) = (f(low), f(likely), f(high));
                if b <= a {
                    Sampler::Fixed(c)
                } else {
                    Sampler::Triangular {
                        a,
                        b,
                        c,
                        fc: (c - a) / (b - a),
                    }
                }
            }
            Distribution::Normal { mean, sd } => Sampler::Normal {
                mean: f(mean),
                sd: f(sd).max(0.0),
            },
        }
    }

    fn draw(&self, rng: &mut Rng) -> f64 {
        match *self {
            Sampler::Fixed(c) => c,
            Sampler::Triangular { a, b, c, fc } => {
                let u = rng.uniform();
                if u < fc {
                    a + ((b - a) * (c - a) * u).sqrt()
                } else {
                    b - ((b - a) * (b - c) * (1.0 - u)).sqrt()
                }
            }
            Sampler::Normal { mean, sd } => mean + sd * rng.standard_normal(),
        }
    }
}

/// A line whose value is multiplied by a draw, ready for the draw loop.
struct Ranged {
    /// Each factor, and whether it is taken as one minus the draw.
    samplers: Vec<(Sampler, bool)>,
    /// Net value and each partner's (fiscal − cost), as [`Fixed`] money.
    net: Fixed,
    partners: Vec<(usize, Fixed)>,
    /// The same in Decimal, for a draw too large for the fixed-point sums.
    exact_net: Decimal,
    exact_partners: Vec<(usize, Decimal)>,
}

impl Ranged {
    /// The line's multiplier in one draw.
    fn multiplier(&self, rng: &mut Rng) -> f64 {
        let mut m = 1.0f64;
        for (sampler, complement) in &self.samplers {
            let x = sampler.draw(rng);
            m *= if *complement {
                1.0 - x.clamp(0.0, 1.0)
            } else {
                x.max(0.0)
            };
        }
        m
    }
}

/// Money in the draw loop: a whole number of units in an `i128`, so a draw is a few
/// integer multiplications and additions rather than Decimal ones. A line's present
/// value is rounded to a millionth of a pound and its multiplier to 15 decimal places
/// (about as fine as the floating-point draw itself), so a product is in units of
/// 10⁻²¹ of a pound, exact, and a draw of 50 lines is within a ten-thousandth of a pound
/// of the Decimal sum.
type Fixed = i128;
/// Decimal places of a line's value, and of its multiplier, as [`Fixed`].
const VALUE_DP: u32 = 6;
const MULTIPLIER_DP: i32 = 15;

/// `d` as [`Fixed`] with [`VALUE_DP`] places, or `None` if it is beyond about 10²².
fn fixed(d: Decimal) -> Option<Fixed> {
    d.checked_mul(Decimal::from(10u64.pow(VALUE_DP)))?
        .round()
        .to_i128()
}

/// A multiplier as [`Fixed`] with [`MULTIPLIER_DP`] places; `None` when it is beyond
/// 10¹⁵ or not a number.
fn fixed_multiplier(m: f64) -> Option<Fixed> {
    let x = (m * 10f64.powi(MULTIPLIER_DP)).round();
    (x.is_finite() && x.abs() < 1e30).then_some(x as i128)
}

/// A product of a [`Fixed`] value and multiplier (in units of 10⁻²¹) as Decimal,
/// rounded to fewer places (half away from zero) only if it needs more than 96 bits.
fn product_to_decimal(x: Fixed) -> Decimal {
    const SCALE: u32 = VALUE_DP + MULTIPLIER_DP as u32;
    const LARGEST: u128 = (1 << 96) - 1;
    let mut drop = 0;
    let mut divisor: u128 = 1;
    while x.unsigned_abs() / divisor > LARGEST {
        drop += 1;
        divisor *= 10;
    }
    let magnitude = x.unsigned_abs() / divisor
        + u128::from(x.unsigned_abs() % divisor >= divisor.div_ceil(2) && divisor > 1);
    let mantissa = i128::try_from(magnitude).unwrap_or(i128::MAX);
    let signed = if x < 0 { -mantissa } else { mantissa };
    Decimal::try_from_i128_with_scale(signed, SCALE - drop).unwrap_or(if x < 0 {
        Decimal::MIN
    } else {
        Decimal::MAX
    })
}

/// A multiplier as Decimal, to [`MULTIPLIER_DP`] places; not a number counts as zero.
fn to_decimal(x: f64) -> Decimal {
    if x.is_finite() {
        Decimal::from_f64_retain(x).map_or(Decimal::ZERO, |d| d.round_dp(MULTIPLIER_DP as u32))
    } else {
        Decimal::ZERO
    }
}

/// One draw's net value, with each partner's net added into `partner_net` (which starts
/// as the unranged lines' shares), given each ranged line's multiplier. In fixed point
/// when `fixed_point` and the sums fit, else in Decimal.
fn draw_total(
    ranged: &[Ranged],
    multipliers: &[f64],
    fixed_point: bool,
    fixed_total: Decimal,
    partner_net: &mut [Decimal],
    partner_fixed: &mut [Fixed],
) -> Decimal {
    partner_fixed.iter_mut().for_each(|x| *x = 0);
    let mut total: Fixed = 0;
    let fits = fixed_point
        && ranged.iter().zip(multipliers).all(|(line, m)| {
            let Some(m) = fixed_multiplier(*m) else {
                return false;
            };
            let Some(sum) = line.net.checked_mul(m).and_then(|v| total.checked_add(v)) else {
                return false;
            };
            total = sum;
            line.partners.iter().all(|(r, delta)| {
                match delta
                    .checked_mul(m)
                    .and_then(|v| partner_fixed[*r].checked_add(v))
                {
                    Some(sum) => {
                        partner_fixed[*r] = sum;
                        true
                    }
                    None => false,
                }
            })
        });
    if fits {
        for (net, x) in partner_net.iter_mut().zip(partner_fixed.iter()) {
            *net = net.saturating_add(product_to_decimal(*x));
        }
        return fixed_total.saturating_add(product_to_decimal(total));
    }
    let mut total = fixed_total;
    for (line, m) in ranged.iter().zip(multipliers) {
        let m = to_decimal(*m);
        total = total.saturating_add(line.exact_net.checked_mul(m).unwrap_or(Decimal::ZERO));
        for (r, delta) in &line.exact_partners {
            let v = delta.checked_mul(m).unwrap_or(Decimal::ZERO);
            partner_net[*r] = partner_net[*r].saturating_add(v);
        }
    }
    total
}

/// The line with every ranged chain input set to its neutral value, and the factors
/// that restore them in a draw. Present value is proportional to each of them.
fn neutral_benefit(
    project: &Project,
    line: &crate::model::BenefitLine,
) -> (crate::model::BenefitLine, Vec<Factor>) {
    let mut neutral = line.clone();
    let mut factors: Vec<Factor> = line.range.iter().map(|d| Factor::Value(*d)).collect();
    if let BenefitDetail::Outcome(chain) = &mut neutral.detail {
        let r = chain.ranges.clone();
        let mut value = |rate: &mut Rate, d: Option<Distribution>| {
            if let Some(d) = d {
                rate.0 = Decimal::ONE;
                factors.push(Factor::Value(d));
            }
        };
        value(&mut chain.engagement_rate, r.engagement_rate);
        value(&mut chain.success_rate, r.success_rate);
        let mut complement = |rate: &mut Rate, d: Option<Distribution>| {
            if let Some(d) = d {
                rate.0 = Decimal::ZERO;
                factors.push(Factor::Complement(d));
            }
        };
        complement(&mut chain.deadweight, r.deadweight);
        complement(&mut chain.displacement, r.displacement);
        complement(&mut chain.attribution, r.attribution);
        if let Some(d) = r.unit_value {
            let price_year = match &chain.unit_value {
                UnitValueSource::Typed { price_year, .. } => *price_year,
                UnitValueSource::Library(name) => project
                    .unit_value(name)
                    .map_or(project.settings.price_base_year, |u| u.price_year),
            };
            chain.unit_value = UnitValueSource::Typed {
                value: Money(Decimal::ONE),
                price_year,
            };
            factors.push(Factor::Value(d));
        }
    }
    (neutral, factors)
}

/// Runs `draws` Monte Carlo draws of the partnership's net value and each partner's
/// net budget position, with the seed given. `progress(done)` is called every 500
/// draws and stops the run (returning `None`) when it returns false.
pub fn simulate(
    project: &Project,
    index: usize,
    draws: u32,
    seed: u64,
    progress: &mut dyn FnMut(u32) -> bool,
) -> Option<Simulation> {
    let p = project.partnerships.get(index)?;
    let mut base = p.clone();
    base.options.clear();
    let sub = sub_project(project, base.clone());
    let appraisal = appraise(&sub);
    let result = appraisal.partnerships.first()?;
    let factors = &appraisal.discount_factors;
    let partners: Vec<String> = result.partners.iter().map(|x| x.partner.clone()).collect();
    let row = |name: &str| partners.iter().position(|x| x == name);

    let mut terms = Vec::new();
    let mut varying_inputs = 0;
    for line in &base.costs {
        let Ok(flows::CostFlows { borne, .. }) = flows::cost_line(&sub, line) else {
            continue;
        };
        let mut parts = Vec::new();
        let mut net = Decimal::ZERO;
        for b in borne {
            let pv = present_value(&b.series, factors).unwrap_or(Decimal::ZERO);
            net = net.saturating_sub(pv);
            parts.push((row(&b.partner), pv, Decimal::ZERO));
        }
        let line_factors: Vec<Factor> = line.range.iter().map(|d| Factor::Value(*d)).collect();
        varying_inputs += count_varying(&line_factors);
        terms.push(Term {
            parts,
            net,
            factors: line_factors,
        });
    }
    for line in &base.benefits {
        let (neutral, line_factors) = neutral_benefit(&sub, line);
        let Ok(series) = flows::benefit_line(&sub, &neutral) else {
            continue;
        };
        let pv = present_value(&series, factors).unwrap_or(Decimal::ZERO);
        let partner = line.partner.as_deref().and_then(row);
        let fiscal = if line.benefit_type == BenefitType::Fiscal && partner.is_some() {
            pv
        } else {
            Decimal::ZERO
        };
        varying_inputs += count_varying(&line_factors);
        terms.push(Term {
            parts: vec![(partner, Decimal::ZERO, fiscal)],
            net: pv,
            factors: line_factors,
        });
    }

    // Lines without a range add the same to every draw: sum them once.
    let mut fixed_total = Decimal::ZERO;
    let mut fixed_partners = vec![Decimal::ZERO; partners.len()];
    let mut ranged = Vec::new();
    // Whether every line fits fixed point (else every draw is summed in Decimal).
    let mut fixed_point = true;
    for term in terms {
        let mut shares: Vec<(usize, Decimal)> = Vec::new();
        for (row, cost, fiscal) in &term.parts {
            if let Some(r) = row {
                let delta = fiscal.saturating_sub(*cost);
                match shares.iter_mut().find(|(x, _)| x == r) {
                    Some((_, sum)) => *sum = sum.saturating_add(delta),
                    None => shares.push((*r, delta)),
                }
            }
        }
        shares.retain(|(_, d)| !d.is_zero());
        if term.factors.is_empty() {
            fixed_total = fixed_total.saturating_add(term.net);
            for (r, d) in &shares {
                fixed_partners[*r] = fixed_partners[*r].saturating_add(*d);
            }
            continue;
        }
        let net = fixed(term.net);
        let fixed_shares: Option<Vec<(usize, Fixed)>> =
            shares.iter().map(|(r, d)| Some((*r, fixed(*d)?))).collect();
        fixed_point &= net.is_some() && fixed_shares.is_some();
        ranged.push(Ranged {
            samplers: term
                .factors
                .iter()
                .map(|f| match f {
                    Factor::Value(d) => (Sampler::new(d), false),
                    Factor::Complement(d) => (Sampler::new(d), true),
                })
                .collect(),
            net: net.unwrap_or(0),
            partners: fixed_shares.unwrap_or_default(),
            exact_net: term.net,
            exact_partners: shares,
        });
    }

    let mut rng = Rng::new(seed);
    let mut values = Vec::with_capacity(draws as usize);
    let mut partner_sums = vec![Decimal::ZERO; partners.len()];
    let mut partner_wins = vec![0u32; partners.len()];
    let mut partner_net = vec![Decimal::ZERO; partners.len()];
    let mut partner_fixed = vec![0 as Fixed; partners.len()];
    let mut multipliers = vec![0.0f64; ranged.len()];
    for i in 0..draws {
        if i % 500 == 0 && !progress(i) {
            return None;
        }
        for (m, line) in multipliers.iter_mut().zip(&ranged) {
            *m = line.multiplier(&mut rng);
        }
        partner_net.copy_from_slice(&fixed_partners);
        let total = draw_total(
            &ranged,
            &multipliers,
            fixed_point,
            fixed_total,
            &mut partner_net,
            &mut partner_fixed,
        );
        values.push(total);
        for (r, net) in partner_net.iter().enumerate() {
            partner_sums[r] = partner_sums[r].saturating_add(*net);
            partner_wins[r] += u32::from(*net > Decimal::ZERO);
        }
    }
    progress(draws);
    let n = Decimal::from(draws.max(1));
    let chance = |wins: usize| (varying_inputs > 0).then(|| Decimal::from(wins) / n);
    let positive = values.iter().filter(|v| **v > Decimal::ZERO).count();
    let mean = values
        .iter()
        .fold(Decimal::ZERO, |a, v| a.saturating_add(*v))
        / n;
    values.sort();
    let percentile = |k: u32| -> Decimal {
        if values.is_empty() {
            return Decimal::ZERO;
        }
        // Nearest rank: the smallest value with at least k% of draws at or below it.
        let rank = (u64::from(k) * values.len() as u64).div_ceil(100).max(1) as usize;
        values[rank.min(values.len()) - 1]
    };
    Some(Simulation {
        draws,
        seed,
        varying_inputs,
        mean,
        p10: percentile(10),
        p50: percentile(50),
        p90: percentile(90),
        probability_positive: chance(positive),
        partners: partners
            .iter()
            .enumerate()
            .map(|(r, name)| PartnerChance {
                partner: name.clone(),
                mean_net_budget: partner_sums[r] / n,
                probability_positive: chance(partner_wins[r] as usize),
            })
            .collect(),
        histogram: histogram(&values, 20),
    })
}

/// Equal-width bins from the smallest to the largest of sorted `values`.
fn histogram(values: &[Decimal], bins: u32) -> Vec<Bin> {
    let (Some(first), Some(last)) = (values.first(), values.last()) else {
        return Vec::new();
    };
    let single = || {
        vec![Bin {
            low: *first,
            high: *last,
            count: values.len() as u32,
        }]
    };
    let Some(width) = last
        .checked_sub(*first)
        .and_then(|span| span.checked_div(Decimal::from(bins)))
    else {
        return single();
    };
    if width.is_zero() {
        return single();
    }
    let edge = |i: u32| {
        width
            .checked_mul(Decimal::from(i))
            .and_then(|w| first.checked_add(w))
            .unwrap_or(*last)
    };
    let mut out: Vec<Bin> = (0..bins)
        .map(|i| Bin {
            low: edge(i),
            high: edge(i + 1),
            count: 0,
        })
        .collect();
    for v in values {
        let offset = v
            .checked_sub(*first)
            .and_then(|d| d.checked_div(width))
            .unwrap_or(Decimal::ZERO);
        let i = offset.floor().to_u32().unwrap_or(0).min(bins - 1);
        out[i as usize].count += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(net: Decimal, partners: Vec<(usize, Decimal)>) -> Ranged {
        Ranged {
            samplers: Vec::new(),
            net: fixed(net).unwrap(),
            partners: partners
                .iter()
                .map(|(r, d)| (*r, fixed(*d).unwrap()))
                .collect(),
            exact_net: net,
            exact_partners: partners,
        }
    }

    #[test]
    fn fixed_point_draws_agree_with_decimal_ones() {
        let (mut rng, mut draws) = (Rng::new(5), Rng::new(6));
        for _ in 0..200 {
            // Up to £10⁸ either way, to the hundredth of a penny.
            let mut money = || Decimal::new(rng.below(2_000_000_000_000) as i64 - 10i64.pow(12), 4);
            let lines: Vec<Ranged> = (0..20)
                .map(|_| line(money(), vec![(0, money()), (1, money())]))
                .collect();
            let multipliers: Vec<f64> = (0..20).map(|_| draws.uniform() * 3.0).collect();
            let base = money();
            let (mut a, mut b) = (vec![money(), money()], vec![Decimal::ZERO; 2]);
            b.copy_from_slice(&a);
            let mut scratch = vec![0; 2];
            let fast = draw_total(&lines, &multipliers, true, base, &mut a, &mut scratch);
            let slow = draw_total(&lines, &multipliers, false, base, &mut b, &mut scratch);
            // Each line's value is within half a millionth of a pound (times a multiplier
            // of at most 3) and its multiplier within 5 × 10⁻¹⁶ (times at most £10⁸).
            let near = |x: Decimal, y: Decimal| (x - y).abs() < Decimal::new(1, 4);
            assert!(near(fast, slow), "{fast} against {slow}");
            assert!(
                a.iter().zip(&b).all(|(x, y)| near(*x, *y)),
                "{a:?} against {b:?}"
            );
        }
    }

    #[test]
    fn a_sum_too_large_for_fixed_point_is_done_in_decimal() {
        let huge = Decimal::from_i128_with_scale(7 * 10i128.pow(22), 0);
        let lines = vec![line(huge, vec![(0, huge)]), line(huge, vec![(0, huge)])];
        let mut partner = vec![Decimal::ZERO];
        let total = draw_total(
            &lines,
            &[2.0, 3.0],
            true,
            Decimal::ONE,
            &mut partner,
            &mut [0],
        );
        assert_eq!(total, huge * Decimal::from(5) + Decimal::ONE);
        assert_eq!(partner[0], huge * Decimal::from(5));
    }

    #[test]
    fn products_convert_exactly_and_large_ones_lose_only_places() {
        assert_eq!(
            product_to_decimal(1_500_000_000_000_000_000_000),
            Decimal::new(15, 1)
        );
        assert_eq!(product_to_decimal(-25), Decimal::new(-25, 21));
        let big = product_to_decimal(i128::MAX);
        // i128::MAX × 10⁻²¹ = 170,141,183,460,469,231.731687…
        assert_eq!(big.round(), Decimal::from(170_141_183_460_469_232i128));
        assert!(big.scale() > 0);
        assert_eq!(product_to_decimal(i128::MIN + 1), -big);
        assert_eq!(fixed_multiplier(f64::NAN), None);
        assert_eq!(fixed_multiplier(1e15), None);
        assert_eq!(fixed_multiplier(0.25), Some(250_000_000_000_000));
    }
}
