//! Sums and products of Decimals in 128-bit integers, with exactly rust_decimal's results.
//!
//! A Decimal is a coefficient below 2^96 and a scale of 0 to 28. The engine's amounts are
//! mostly full 28-digit values (discount factors, hourly rates and everything multiplied by
//! them), and rust_decimal adds and multiplies those on 32-bit words, dividing word by word
//! to round the result back into 96 bits. Here the exact sum or product is formed in one or
//! two `u128`s and divided once. The result is the one rust_decimal gives, digit for digit
//! and scale for scale: the exact value, rounded half to even to the fewest dropped digits
//! that bring the coefficient below 2^96 and the scale to 28 or less. The few cases where
//! rust_decimal does something else (a result of zero, which keeps a scale; overflow; a
//! rounding that carries up to 2^96, which it rounds a second time) are left to it.
//! The tests below compare the two on a wide spread of operands.

use rust_decimal::Decimal;

/// 10^0 to 10^38, every power of ten a `u128` holds.
const POWERS_OF_TEN: [u128; 39] = {
    let mut table = [1; 39];
    let mut i = 1;
    while i < table.len() {
        table[i] = table[i - 1] * 10;
        i += 1;
    }
    table
};

/// A Decimal's coefficient is below 2^96.
const COEFFICIENT_BITS: u32 = 96;
const COEFFICIENT_LIMIT: u128 = 1 << COEFFICIENT_BITS;
const MAX_SCALE: u32 = Decimal::MAX_SCALE;
/// 10^19 is the largest power of ten below 2^64.
const MAX_POWER_IN_U64: u32 = 19;
/// Below this difference of scales, a coefficient scaled to the other's scale is below
/// 2^96 × 10^9 < 2^126, and a sum of two such below 2^127.
const NARROW_SCALE_GAP: u32 = 10;

/// Coefficient, scale and sign.
#[inline(always)]
fn parts(d: Decimal) -> (u128, u32, bool) {
    let d = d.unpack();
    let coefficient = u128::from(d.lo) | (u128::from(d.mid) << 32) | (u128::from(d.hi) << 64);
    (coefficient, d.scale, d.negative)
}

/// `a + b` for non-zero `a` and `b`, as `Decimal::checked_add`.
#[inline]
pub fn add(a: Decimal, b: Decimal) -> Option<Decimal> {
    let (ma, sa, na) = parts(a);
    let (mb, sb, nb) = parts(b);
    let gap = sa.abs_diff(sb);
    if gap >= NARROW_SCALE_GAP {
        return add_wide(a, b);
    }
    // Both at the larger scale.
    let power = POWERS_OF_TEN[gap as usize];
    let (x, y, scale) = if sa >= sb {
        (ma, mb * power, sa)
    } else {
        (ma * power, mb, sb)
    };
    let (sum, negative) = if na == nb {
        (x + y, na)
    } else if x >= y {
        (x - y, na)
    } else {
        (y - x, nb)
    };
    fit(sum, scale, negative).or_else(|| library_add(a, b))
}

/// `a × b` for non-zero `a` and `b`, as `Decimal::checked_mul`.
#[inline]
pub fn mul(a: Decimal, b: Decimal) -> Option<Decimal> {
    let (ma, sa, na) = parts(a);
    let (mb, sb, nb) = parts(b);
    // A product with exactly 1 (not 1.0) is the other factor, digits and scale: the
    // discount factor of year 0, a line with no optimism bias, the start of a chain.
    if mb == 1 && sb == 0 && !nb {
        return Some(a);
    }
    if ma == 1 && sa == 0 && !na {
        return Some(b);
    }
    if ma.leading_zeros() + mb.leading_zeros() < 128 {
        // The product may need more than 128 bits.
        return mul_wide(a, b);
    }
    fit(ma * mb, sa + sb, na != nb).or_else(|| library_mul(a, b))
}

/// The value `coefficient / 10^scale` as a Decimal.
#[inline(always)]
fn fit(coefficient: u128, scale: u32, negative: bool) -> Option<Decimal> {
    if coefficient < COEFFICIENT_LIMIT && scale <= MAX_SCALE {
        // Exact; a zero is left to rust_decimal, for its scale and sign.
        return (coefficient != 0).then(|| decimal(coefficient, scale, negative));
    }
    round(coefficient, scale, negative)
}

/// `coefficient / 10^scale`, rounded as rust_decimal rounds it.
#[inline(never)]
fn round(coefficient: u128, scale: u32, negative: bool) -> Option<Decimal> {
    let drop = digits_to_drop(coefficient >> COEFFICIENT_BITS, scale)?;
    if drop > MAX_POWER_IN_U64 {
        return round_wide(0, coefficient, scale, negative);
    }
    let power = POWERS_OF_TEN[drop as usize];
    let quotient = coefficient / power;
    let remainder = coefficient - quotient * power;
    round_half_even(quotient, remainder, drop, scale, negative)
}

/// The fewest digits to drop from a coefficient whose bits from the 96th up are `excess`
/// so that it fits in 96 bits with a scale of at most 28; `None` when that is more digits
/// than the scale has (overflow).
#[inline(always)]
fn digits_to_drop(excess: u128, scale: u32) -> Option<u32> {
    // The coefficient is below 2^96 × 10^k exactly when `excess` is below 10^k.
    let drop = digits(excess).max(scale.saturating_sub(MAX_SCALE));
    (drop <= scale).then_some(drop)
}

/// The number of decimal digits of `n`; 0 for 0.
#[inline(always)]
fn digits(n: u128) -> u32 {
    // floor(bits × log10 2), by 1233 / 4096, is the count or one less.
    let estimate = ((u128::BITS - n.leading_zeros()) * 1233) >> 12;
    estimate + u32::from(n >= POWERS_OF_TEN[estimate as usize])
}

/// `quotient`, rounded half to even by `remainder` out of 10^drop, as a Decimal of scale
/// `scale − drop`. `drop` is 1 to 19.
#[inline(always)]
fn round_half_even(
    quotient: u128,
    remainder: u128,
    drop: u32,
    scale: u32,
    negative: bool,
) -> Option<Decimal> {
    let half = POWERS_OF_TEN[drop as usize] / 2;
    let up = remainder > half || (remainder == half && quotient & 1 == 1);
    checked_decimal(quotient + u128::from(up), scale - drop, negative)
}

/// A Decimal, or `None` for the cases left to rust_decimal: zero, and a coefficient that
/// rounded up to 2^96.
#[inline(always)]
fn checked_decimal(coefficient: u128, scale: u32, negative: bool) -> Option<Decimal> {
    (coefficient != 0 && coefficient < COEFFICIENT_LIMIT)
        .then(|| decimal(coefficient, scale, negative))
}

/// `a + b` where one coefficient is scaled up by 10^10 or more: up to 192 bits.
#[inline(never)]
fn add_wide(a: Decimal, b: Decimal) -> Option<Decimal> {
    let (ma, sa, na) = parts(a);
    let (mb, sb, nb) = parts(b);
    // Scales are at most 28, and 2^96 × 10^28 < 2^192.
    let (x, y, scale) = if sa >= sb {
        (
            Wide::from(ma),
            Wide::product(mb, POWERS_OF_TEN[(sa - sb) as usize]),
            sa,
        )
    } else {
        (
            Wide::product(ma, POWERS_OF_TEN[(sb - sa) as usize]),
            Wide::from(mb),
            sb,
        )
    };
    let (sum, negative) = if na == nb {
        (x.plus(y), na)
    } else if x >= y {
        (x.minus(y), na)
    } else {
        (y.minus(x), nb)
    };
    round_wide(sum.high, sum.low, scale, negative).or_else(|| library_add(a, b))
}

/// `a × b` where the product may need more than 128 bits.
#[inline(never)]
fn mul_wide(a: Decimal, b: Decimal) -> Option<Decimal> {
    let (ma, sa, na) = parts(a);
    let (mb, sb, nb) = parts(b);
    let product = Wide::product(ma, mb);
    round_wide(product.high, product.low, sa + sb, na != nb).or_else(|| library_mul(a, b))
}

/// [`round`] of the value `high × 2^128 + low`.
fn round_wide(high: u64, low: u128, scale: u32, negative: bool) -> Option<Decimal> {
    let value = Wide { high, low };
    let excess = (u128::from(high) << (128 - COEFFICIENT_BITS)) | (low >> COEFFICIENT_BITS);
    let drop = digits_to_drop(excess, scale)?;
    if drop == 0 {
        return checked_decimal(low, scale, negative);
    }
    if drop <= MAX_POWER_IN_U64 {
        let (quotient, remainder) = value.div_rem(POWERS_OF_TEN[drop as usize] as u64);
        if quotient.high != 0 {
            return None;
        }
        return round_half_even(quotient.low, u128::from(remainder), drop, scale, negative);
    }
    // 10^drop in two steps: 10^19, then 10^(drop − 19), which is at most 10^19 too.
    let second = drop - MAX_POWER_IN_U64;
    if second > MAX_POWER_IN_U64 {
        return None;
    }
    let (first_quotient, first_remainder) =
        value.div_rem(POWERS_OF_TEN[MAX_POWER_IN_U64 as usize] as u64);
    if first_quotient.high != 0 {
        return None;
    }
    let power = POWERS_OF_TEN[second as usize];
    let quotient = first_quotient.low / power;
    let remainder = first_quotient.low - quotient * power;
    // The whole remainder is remainder × 10^19 + first_remainder, and half of 10^drop is
    // (power / 2) × 10^19, power being even.
    let half = power / 2;
    let up = remainder > half || (remainder == half && (first_remainder != 0 || quotient & 1 == 1));
    checked_decimal(quotient + u128::from(up), scale - drop, negative)
}

/// An unsigned integer below 2^192: `high × 2^128 + low`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Wide {
    high: u64,
    low: u128,
}

impl From<u128> for Wide {
    fn from(low: u128) -> Wide {
        Wide { high: 0, low }
    }
}

impl Wide {
    /// `a × b`, for `a` and `b` below 2^96.
    #[inline(always)]
    fn product(a: u128, b: u128) -> Wide {
        let (a1, a0) = ((a >> 64) as u64, a as u64);
        let (b1, b0) = ((b >> 64) as u64, b as u64);
        let cross = u128::from(a0) * u128::from(b1) + u128::from(a1) * u128::from(b0);
        let (low, carry) = (u128::from(a0) * u128::from(b0)).overflowing_add(cross << 64);
        let high = u128::from(a1) * u128::from(b1) + (cross >> 64) + u128::from(carry);
        Wide {
            high: high as u64,
            low,
        }
    }

    /// `self + other`, for a sum below 2^192.
    fn plus(self, other: Wide) -> Wide {
        let (low, carry) = self.low.overflowing_add(other.low);
        Wide {
            high: self.high + other.high + u64::from(carry),
            low,
        }
    }

    /// `self − other`, for `other` at most `self`.
    fn minus(self, other: Wide) -> Wide {
        let (low, borrow) = self.low.overflowing_sub(other.low);
        Wide {
            high: self.high - other.high - u64::from(borrow),
            low,
        }
    }

    /// Quotient and remainder by a non-zero divisor of 64 bits.
    #[inline(always)]
    fn div_rem(self, divisor: u64) -> (Wide, u64) {
        let d = u128::from(divisor);
        if self.high == 0 {
            let quotient = self.low / d;
            return (Wide::from(quotient), (self.low - quotient * d) as u64);
        }
        let top = (u128::from(self.high) << 64) | (self.low >> 64);
        let top_quotient = top / d;
        let bottom = ((top - top_quotient * d) << 64) | u128::from(self.low as u64);
        let bottom_quotient = bottom / d;
        let quotient = Wide {
            high: (top_quotient >> 64) as u64,
            low: (top_quotient << 64) | bottom_quotient,
        };
        (quotient, (bottom - bottom_quotient * d) as u64)
    }
}

/// A Decimal from a coefficient below 2^96 and a scale of at most 28.
#[inline(always)]
fn decimal(coefficient: u128, scale: u32, negative: bool) -> Decimal {
    Decimal::from_parts(
        coefficient as u32,
        (coefficient >> 32) as u32,
        (coefficient >> 64) as u32,
        negative,
        scale,
    )
}

#[cold]
#[inline(never)]
fn library_add(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_add(b)
}

#[cold]
#[inline(never)]
fn library_mul(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_mul(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::appraisal::num;
    use crate::appraisal::random::Rng;

    fn digits_by_log(n: u128) -> u32 {
        n.checked_ilog10().map_or(0, |d| d + 1)
    }

    #[test]
    fn digits_counts_decimal_digits_at_every_boundary() {
        for n in 0..10_000 {
            assert_eq!(digits(n), digits_by_log(n), "{n}");
        }
        for bit in 0..128 {
            let p = 1u128 << bit;
            for n in [p - 1, p, p + 1] {
                assert_eq!(digits(n), digits_by_log(n), "{n}");
            }
        }
        for p in POWERS_OF_TEN {
            for n in [p - 1, p, p + 1] {
                assert_eq!(digits(n), digits_by_log(n), "{n}");
            }
        }
    }

    /// A coefficient of any size, often one near a boundary: a power of ten, a multiple of
    /// five (a tie when rounded), 2^96 or a fraction of it.
    fn coefficient(rng: &mut Rng) -> u128 {
        let below = |rng: &mut Rng, n: u64| u128::from(rng.next_u64() % n);
        let value = match rng.next_u64() % 8 {
            0 => {
                let power = POWERS_OF_TEN[below(rng, 29) as usize];
                let multiple = [1, 5, 25, below(rng, 10), below(rng, 1000)][below(rng, 5) as usize];
                let base = power.saturating_mul(multiple.max(1));
                [base, base + 1, base.saturating_sub(1)][below(rng, 3) as usize]
            }
            1 => COEFFICIENT_LIMIT - 1 - below(rng, 1000),
            2 => COEFFICIENT_LIMIT / 10 * (below(rng, 10) + 1) + below(rng, 20),
            _ => {
                let bits = (rng.next_u64() % 97) as u32;
                let random = (u128::from(rng.next_u64()) << 64) | u128::from(rng.next_u64());
                random.checked_shr(128 - bits).unwrap_or(0)
            }
        };
        value % COEFFICIENT_LIMIT
    }

    fn decimal_of(rng: &mut Rng) -> Decimal {
        let c = coefficient(rng);
        let scale = match rng.next_u64() % 4 {
            0 => MAX_SCALE,
            1 => (rng.next_u64() % 5) as u32,
            _ => (rng.next_u64() % 29) as u32,
        };
        Decimal::from_parts(
            c as u32,
            (c >> 32) as u32,
            (c >> 64) as u32,
            rng.next_u64().is_multiple_of(2),
            scale,
        )
    }

    /// The same digits, scale and sign, or both overflow.
    fn same(a: Option<Decimal>, b: Option<Decimal>) -> bool {
        a.map(|d| d.serialize()) == b.map(|d| d.serialize())
    }

    #[test]
    fn sums_and_products_are_rust_decimals_to_the_last_digit_and_scale() {
        let mut rng = Rng::new(96);
        for i in 0..200_000 {
            let a = decimal_of(&mut rng);
            let mut b = decimal_of(&mut rng);
            if i % 7 == 0 {
                // Nearly opposite, so that the sum cancels down to a few digits.
                let nudge = Decimal::new(
                    (rng.next_u64() % 100) as i64 - 50,
                    (rng.next_u64() % 29) as u32,
                );
                if let Some(near) = (-a).checked_add(nudge) {
                    b = near;
                }
            }
            let sum = num::add(a, b).ok();
            assert!(same(sum, a.checked_add(b)), "{a:?} + {b:?}: {sum:?}");
            let product = num::mul(a, b).ok();
            assert!(
                same(product, a.checked_mul(b)),
                "{a:?} × {b:?}: {product:?}"
            );
        }
    }

    #[test]
    fn discounting_a_money_series_matches_rust_decimal() {
        // The engine's own shapes: a discount factor of 28 digits times an amount that is
        // an hourly rate times hours, summed into a present value.
        let factors = crate::appraisal::discount::schedule_factors(
            crate::model::DiscountSchedule::Standard,
            60,
        )
        .expect("factors");
        let rate = Decimal::from(46_150) / Decimal::from(1_650);
        let mut ours = Decimal::ZERO;
        let mut theirs = Decimal::ZERO;
        for (t, f) in factors.iter().enumerate() {
            let hours = Decimal::from(37 * (t as i64 + 1));
            let cost = num::mul(hours, rate).expect("no overflow");
            assert_eq!(cost.serialize(), (hours * rate).serialize());
            let discounted = num::mul(cost, *f).expect("no overflow");
            assert_eq!(discounted.serialize(), (cost * f).serialize());
            ours = num::add(ours, discounted).expect("no overflow");
            theirs += cost * f;
            assert_eq!(ours.serialize(), theirs.serialize(), "year {t}");
        }
    }

    #[test]
    fn a_product_with_exactly_one_keeps_the_other_factor() {
        let x = Decimal::new(-123_450, 4);
        assert_eq!(
            num::mul(x, Decimal::ONE).ok().map(|d| d.serialize()),
            Some(x.serialize())
        );
        assert_eq!(
            num::mul(Decimal::ONE, x).ok().map(|d| d.serialize()),
            Some(x.serialize())
        );
        // 1.0 is not 1: the product's scale grows.
        let one_point_zero = Decimal::new(10, 1);
        assert_eq!(
            num::mul(x, one_point_zero).ok(),
            Some(Decimal::new(-1_234_500, 5))
        );
        assert_eq!(num::mul(x, one_point_zero).ok().map(|d| d.scale()), Some(5));
    }
}
