//! Checked arithmetic on user data: overflow is an error value, never a panic.

use rust_decimal::Decimal;

mod exact;

/// A computation on user data went beyond what a Decimal can hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Overflow;

pub type Checked<T> = Result<T, Overflow>;

/// `a + b`, exactly as rust_decimal computes it (the same digits and scale).
#[inline]
pub fn add(a: Decimal, b: Decimal) -> Checked<Decimal> {
    // rust_decimal gives back the other operand, unchanged, when one is zero.
    if a.is_zero() {
        return Ok(b);
    }
    if b.is_zero() {
        return Ok(a);
    }
    exact::add(a, b).ok_or(Overflow)
}

pub fn sub(a: Decimal, b: Decimal) -> Checked<Decimal> {
    a.checked_sub(b).ok_or(Overflow)
}

/// `a × b`, exactly as rust_decimal computes it (the same digits and scale).
#[inline]
pub fn mul(a: Decimal, b: Decimal) -> Checked<Decimal> {
    // rust_decimal's product with a zero is zero at scale 0.
    if a.is_zero() || b.is_zero() {
        return Ok(Decimal::ZERO);
    }
    exact::mul(a, b).ok_or(Overflow)
}

/// `a / b`, or `None` when `b` is zero; overflow is an error.
pub fn ratio(a: Decimal, b: Decimal) -> Checked<Option<Decimal>> {
    if b.is_zero() {
        return Ok(None);
    }
    a.checked_div(b).map(Some).ok_or(Overflow)
}

/// Adds `b` into `a` year by year; `a` grows to the longer length.
pub fn add_series(a: &mut Vec<Decimal>, b: &[Decimal]) -> Checked<()> {
    if a.len() < b.len() {
        a.resize(b.len(), Decimal::ZERO);
    }
    // Level series repeat the same sum year after year: it is worked out once.
    let mut last: Option<(Decimal, Decimal, Decimal)> = None;
    for (x, y) in a.iter_mut().zip(b) {
        *x = match last {
            Some((px, py, sum)) if identical(px, *x) && identical(py, *y) => sum,
            _ => {
                let sum = add(*x, *y)?;
                last = Some((*x, *y, sum));
                sum
            }
        };
    }
    Ok(())
}

/// The same digits, scale and sign (`==` compares values, and 1.0 equals 1).
#[inline(always)]
pub fn identical(a: Decimal, b: Decimal) -> bool {
    let (a, b) = (a.unpack(), b.unpack());
    a.lo == b.lo && a.mid == b.mid && a.hi == b.hi && a.scale == b.scale && a.negative == b.negative
}

/// Multiplies every year by `k`.
pub fn scale_series(a: &[Decimal], k: Decimal) -> Checked<Vec<Decimal>> {
    let mut scaled = a.to_vec();
    scale_in_place(&mut scaled, k)?;
    Ok(scaled)
}

/// The series of `years` values `value(0)`, `value(1)`, …, allocated once.
pub fn series_by_year(
    years: usize,
    mut value: impl FnMut(usize) -> Checked<Decimal>,
) -> Checked<Vec<Decimal>> {
    let mut series = Vec::with_capacity(years);
    for t in 0..years {
        series.push(value(t)?);
    }
    Ok(series)
}

/// Multiplies every year by `k` where the series is (no new allocation).
pub fn scale_in_place(a: &mut [Decimal], k: Decimal) -> Checked<()> {
    // Level series repeat the same product year after year: it is worked out once.
    let mut last: Option<(Decimal, Decimal)> = None;
    for x in a {
        *x = match last {
            Some((px, product)) if identical(px, *x) => product,
            _ => {
                let product = mul(*x, k)?;
                last = Some((*x, product));
                product
            }
        };
    }
    Ok(())
}

/// The present value of a series under the given discount factors.
pub fn present_value(series: &[Decimal], factors: &[Decimal]) -> Checked<Decimal> {
    let mut total = Decimal::ZERO;
    for (x, f) in series.iter().zip(factors) {
        total = add(total, mul(*x, *f)?)?;
    }
    Ok(total)
}

pub fn sum(values: impl IntoIterator<Item = Decimal>) -> Checked<Decimal> {
    values.into_iter().try_fold(Decimal::ZERO, add)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sums and products worked out once for a level series are those of each year.
    #[test]
    fn level_series_sum_and_scale_as_each_year_on_its_own() {
        let level = Decimal::new(1_234_567, 2) / Decimal::from(7);
        let other = Decimal::new(-89, 1) / Decimal::from(3);
        let a = vec![level, level, level, Decimal::ZERO, level, level];
        let b = vec![other, other, Decimal::ONE, Decimal::ONE, other, other];
        let mut sum = a.clone();
        add_series(&mut sum, &b).expect("no overflow");
        let mut scaled = a.clone();
        scale_in_place(&mut scaled, other).expect("no overflow");
        for t in 0..a.len() {
            assert!(
                identical(sum[t], a[t].checked_add(b[t]).expect("sum")),
                "{t}"
            );
            assert!(
                identical(scaled[t], a[t].checked_mul(other).expect("product")),
                "{t}"
            );
        }
        assert!(!identical(Decimal::new(10, 1), Decimal::ONE));
        assert!(identical(Decimal::new(10, 1), Decimal::new(10, 1)));
    }
}
