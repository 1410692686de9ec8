//! Conversions to and from machine integers and `f64`.

use crate::{trim, Digit, Error, MpzRef, SignedLen};

/// Output length sufficient for [`from_f64`]: every finite `f64` is below
/// `2**1024`, i.e. 32 digits.
pub const F64_LEN: usize = 32;

/// The digits of `v` and how many are significant (0, 1 or 2).
#[inline]
pub fn u64_digits(v: u64) -> ([Digit; 2], usize) {
    let d = [v as Digit, (v >> 32) as Digit];
    let n = if v == 0 {
        0
    } else if v >> 32 == 0 {
        1
    } else {
        2
    };
    (d, n)
}

/// The digits of `v` and how many are significant (0 to 4).
#[inline]
pub fn u128_digits(v: u128) -> ([Digit; 4], usize) {
    let d = [v as Digit, (v >> 32) as Digit, (v >> 64) as Digit, (v >> 96) as Digit];
    let n = (128 - v.leading_zeros() as usize).div_ceil(32);
    (d, n)
}

/// `out = v`; returns the normalised length (`out` needs up to 2 digits).
pub fn from_u64(out: &mut [Digit], v: u64) -> Result<usize, Error> {
    let (d, n) = u64_digits(v);
    let area = out.get_mut(..n).ok_or(Error::BufferTooSmall)?;
    crate::digits::copy(area, &d);
    Ok(n)
}

/// `out = v`; returns the sign and length (`out` needs up to 2 digits).
pub fn from_i64(out: &mut [Digit], v: i64) -> Result<SignedLen, Error> {
    let n = from_u64(out, v.unsigned_abs())?;
    Ok(SignedLen::new(v < 0, n))
}

/// `out = v`; returns the normalised length (`out` needs up to 4 digits).
pub fn from_u128(out: &mut [Digit], v: u128) -> Result<usize, Error> {
    let (d, n) = u128_digits(v);
    let area = out.get_mut(..n).ok_or(Error::BufferTooSmall)?;
    crate::digits::copy(area, &d);
    Ok(n)
}

/// `out = v`; returns the sign and length (`out` needs up to 4 digits).
pub fn from_i128(out: &mut [Digit], v: i128) -> Result<SignedLen, Error> {
    let n = from_u128(out, v.unsigned_abs())?;
    Ok(SignedLen::new(v < 0, n))
}

/// `|a|` as a `u128`, or `None` if it has more than 128 bits.
pub fn mag_to_u128(a: &[Digit]) -> Option<u128> {
    let a = trim(a);
    if a.len() > 4 {
        return None;
    }
    Some(a.iter().rev().fold(0u128, |acc, &d| (acc << 32) | d as u128))
}

/// `|a|` as a `u64`, or `None` if it has more than 64 bits.
pub fn mag_to_u64(a: &[Digit]) -> Option<u64> {
    let a = trim(a);
    if a.len() > 2 {
        return None;
    }
    Some(a.iter().rev().fold(0u64, |acc, &d| (acc << 32) | d as u64))
}

/// `a` as a `u64`, or `None` if negative or too large.
pub fn to_u64(a: MpzRef<'_>) -> Option<u64> {
    if a.is_negative() {
        return None;
    }
    mag_to_u64(a.mag)
}

/// `a` as an `i64`, or `None` if out of range.
pub fn to_i64(a: MpzRef<'_>) -> Option<i64> {
    let m = mag_to_u64(a.mag)?;
    if a.neg {
        0i64.checked_sub_unsigned(m)
    } else {
        i64::try_from(m).ok()
    }
}

/// `a` as a `u128`, or `None` if negative or too large.
pub fn to_u128(a: MpzRef<'_>) -> Option<u128> {
    if a.is_negative() {
        return None;
    }
    mag_to_u128(a.mag)
}

/// `a` as an `i128`, or `None` if out of range.
pub fn to_i128(a: MpzRef<'_>) -> Option<i128> {
    let m = mag_to_u128(a.mag)?;
    if a.neg {
        0i128.checked_sub_unsigned(m)
    } else {
        i128::try_from(m).ok()
    }
}

/// The low 64 bits of `a` in two's complement (Python's `a & (2**64-1)`
/// reinterpreted): what a wrapping conversion to a machine word gives.
pub fn to_u64_wrapping(a: MpzRef<'_>) -> u64 {
    let a = a.trimmed();
    let lo = a.mag.first().copied().unwrap_or(0) as u64;
    let hi = a.mag.get(1).copied().unwrap_or(0) as u64;
    let m = (hi << 32) | lo;
    if a.neg {
        m.wrapping_neg()
    } else {
        m
    }
}

/// `a` as the nearest `f64` (round-half-even, like Python's `float(int)`).
/// Errors: [`Error::Overflow`] if the rounded value is `2**1024` or more in
/// magnitude (CPython: `OverflowError: int too large to convert to float`).
pub fn to_f64(a: MpzRef<'_>) -> Result<f64, Error> {
    let a = a.trimmed();
    let bl = crate::bits::bit_length(a.mag);
    let mag = if bl <= 64 {
        mag_to_u64(a.mag).unwrap_or(0) as f64
    } else if bl > 1024 {
        return Err(Error::Overflow);
    } else {
        // The top 64 bits, with a sticky bit for anything nonzero below:
        // bit 0 is far below the rounding position of a 53-bit mantissa,
        // so the cast rounds the whole value correctly.
        let e = bl - 64;
        let (top, sticky) = bits_from(a.mag, e);
        let f = (top | sticky as u64) as f64;
        // e <= 960, so 2**e is a normal float and the product is exact
        // unless it overflows.
        f * f64::from_bits((e + 1023) << 52)
    };
    if mag.is_infinite() {
        return Err(Error::Overflow);
    }
    Ok(if a.neg { -mag } else { mag })
}

/// `a` as the nearest `f32` (round-half-even, rounded once: no detour
/// through `f64`). Errors: [`Error::Overflow`] if the rounded value is
/// `2**128` or more in magnitude.
pub fn to_f32(a: MpzRef<'_>) -> Result<f32, Error> {
    let a = a.trimmed();
    let bl = crate::bits::bit_length(a.mag);
    if bl > 128 {
        return Err(Error::Overflow);
    }
    // The top 64 bits (all of them up to 64) with a sticky bit (far below
    // a 24-bit mantissa's rounding position), scaled by 2**e (e <= 64:
    // exact, or inf).
    let e = bl.saturating_sub(64);
    let (top, sticky) = bits_from(a.mag, e);
    let f = (top | sticky as u64) as f32;
    let mag = f * f32::from_bits(((e + 127) as u32) << 23);
    if mag.is_infinite() {
        return Err(Error::Overflow);
    }
    Ok(if a.neg { -mag } else { mag })
}

/// 64 bits of `a` starting at bit `e`, and whether any bit below `e` is
/// set.
fn bits_from(a: &[Digit], e: u64) -> (u64, bool) {
    let d = usize::try_from(e / 32).unwrap_or(usize::MAX);
    let s = (e % 32) as u32;
    let at = |i: usize| a.get(d.saturating_add(i)).copied().unwrap_or(0) as u128;
    let window = at(0) | (at(1) << 32) | (at(2) << 64);
    let top = (window >> s) as u64;
    let low_mask = (1u32 << s).wrapping_sub(1);
    let sticky = a.get(..d).is_some_and(|lo| lo.iter().any(|&x| x != 0))
        || a.get(d).is_some_and(|&x| x & low_mask != 0);
    (top, sticky)
}

/// `out = trunc(f)`, as Python's `int(float)`; returns the sign and
/// length. `out` needs [`F64_LEN`] digits (fewer for smaller values).
/// Errors: [`Error::NotFinite`] for NaN and infinities.
pub fn from_f64(out: &mut [Digit], f: f64) -> Result<SignedLen, Error> {
    if !f.is_finite() {
        return Err(Error::NotFinite);
    }
    let bits = f.to_bits();
    let neg = bits >> 63 != 0;
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp < 1023 {
        // |f| < 1 (including zeros and subnormals).
        return Ok(SignedLen::new(false, 0));
    }
    let mant = (bits & ((1u64 << 52) - 1)) | (1u64 << 52);
    // f = mant * 2**(exp - 1075).
    let e = exp - 1075;
    let len = if e <= 0 {
        from_u64(out, mant >> (-e) as u32)?
    } else {
        let (d, n) = u64_digits(mant);
        crate::shift::shl_mag(out, d.get(..n).unwrap_or(&d), e as usize)?
    };
    Ok(SignedLen::new(neg, len))
}
