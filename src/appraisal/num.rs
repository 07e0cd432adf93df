//! Checked arithmetic on user data: overflow is an error value, never a panic.

use rust_decimal::Decimal;

/// A computation on user data went beyond what a Decimal can hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Overflow;

pub type Checked<T> = Result<T, Overflow>;

pub fn add(a: Decimal, b: Decimal) -> Checked<Decimal> {
    a.checked_add(b).ok_or(Overflow)
}

pub fn sub(a: Decimal, b: Decimal) -> Checked<Decimal> {
    a.checked_sub(b).ok_or(Overflow)
}

pub fn mul(a: Decimal, b: Decimal) -> Checked<Decimal> {
    a.checked_mul(b).ok_or(Overflow)
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
    for (x, y) in a.iter_mut().zip(b) {
        *x = add(*x, *y)?;
    }
    Ok(())
}

/// Multiplies every year by `k`.
pub fn scale_series(a: &[Decimal], k: Decimal) -> Checked<Vec<Decimal>> {
    a.iter().map(|x| mul(*x, k)).collect()
}

/// Multiplies every year by `k` where the series is (no new allocation).
pub fn scale_in_place(a: &mut [Decimal], k: Decimal) -> Checked<()> {
    for x in a {
        *x = mul(*x, k)?;
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
