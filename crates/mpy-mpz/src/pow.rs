//! Powers: `a ** e` by left-to-right square-and-multiply, and Python's
//! three-argument `pow(a, e, m)`.
//!
//! Negative exponents are the caller's: `a ** -e` is a float in Python, and
//! `pow(a, -e, m)` (a modular inverse in CPython 3.8+) is not computed here.

use crate::bits::{bit_length, test_bit};
use crate::div::{divmod_scratch_len, modulo};
use crate::mul::{mul_mag, mul_scratch_len};
use crate::{digits, trim, Digit, Error, MpzRef, SignedLen};

/// Output length sufficient for `a ** e` with magnitude `a`:
/// `ceil(bit_length(a) * e / 32) + 1` (1 for `|a| <= 1`), or `None` if that does not fit a
/// `usize` (the caller's `MemoryError`/`OverflowError`).
pub fn pow_len(a: &[Digit], e: u64) -> Option<usize> {
    if bit_length(a) <= 1 {
        // 0 ** e and (+-1) ** e: one digit at most.
        return Some(1);
    }
    let bits = bit_length(a).checked_mul(e)?;
    usize::try_from(bits.div_ceil(32)).ok()?.checked_add(1)
}

/// Scratch length for [`pow`]: a second result buffer plus the scratch of
/// the largest multiplication, or `None` on `usize` overflow.
pub fn pow_scratch_len(a: &[Digit], e: u64) -> Option<usize> {
    let n = pow_len(a, e)?;
    n.checked_add(mul_scratch_len(n, n))
}

/// `out = a ** e`; returns the sign and length. `out` needs [`pow_len`]
/// digits and `scratch` [`pow_scratch_len`] (a power of two as base needs
/// no scratch). `0 ** 0 == 1`, as in Python.
pub fn pow(out: &mut [Digit], a: MpzRef<'_>, e: u64, scratch: &mut [Digit]) -> Result<SignedLen, Error> {
    let a = a.trimmed();
    let neg = a.neg && e & 1 == 1;
    if e == 0 {
        *out.first_mut().ok_or(Error::BufferTooSmall)? = 1;
        return Ok(SignedLen::new(false, 1));
    }
    if a.mag.is_empty() {
        return Ok(SignedLen::new(false, 0));
    }
    let n = pow_len(a.mag, e).ok_or(Error::BufferTooSmall)?;
    // A power of two: a single shift.
    let bl = bit_length(a.mag);
    if crate::bits::bit_count(a.mag) == 1 {
        let shift = (bl - 1).checked_mul(e).and_then(|s| usize::try_from(s).ok()).ok_or(Error::BufferTooSmall)?;
        let len = crate::shift::shl_mag(out, &[1], shift)?;
        return Ok(SignedLen::new(neg, len));
    }
    let x = out.get_mut(..n).ok_or(Error::BufferTooSmall)?;
    let (y, rest) = scratch.split_at_mut_checked(n).ok_or(Error::BufferTooSmall)?;
    digits::copy(x, a.mag);
    let mut len = a.mag.len();
    // The current value lives in x (in_x) or y; each step writes the other.
    let mut in_x = true;
    let top = 63 - e.leading_zeros();
    for bit in (0..top).rev() {
        let (src, dst): (&[Digit], &mut [Digit]) = if in_x { (&*x, &mut *y) } else { (&*y, &mut *x) };
        let cur = src.get(..len).ok_or(Error::BufferTooSmall)?;
        len = mul_mag(dst, cur, cur, rest)?;
        in_x = !in_x;
        if (e >> bit) & 1 == 1 {
            let (src, dst): (&[Digit], &mut [Digit]) = if in_x { (&*x, &mut *y) } else { (&*y, &mut *x) };
            let cur = src.get(..len).ok_or(Error::BufferTooSmall)?;
            len = mul_mag(dst, cur, a.mag, rest)?;
            in_x = !in_x;
        }
    }
    if !in_x {
        digits::copy(x, y.get(..len).unwrap_or(y));
    }
    Ok(SignedLen::new(neg, len))
}

/// Output length for [`pow_mod`] with a modulus of `lm` digits: `lm`.
#[inline]
pub fn pow_mod_len(lm: usize) -> usize {
    lm
}

/// Scratch length for [`pow_mod`] with a base of `la` and a modulus of
/// `lm` digits: the reduced base, the accumulator, a double-length product
/// and the larger of the division and multiplication scratch.
pub fn pow_mod_scratch_len(la: usize, lm: usize) -> usize {
    let prod = lm.saturating_mul(2);
    let work = divmod_scratch_len(la.max(prod), lm).max(mul_scratch_len(lm, lm));
    lm.saturating_mul(4).saturating_add(work)
}

/// Python's `pow(a, e, m)` for `e >= 0` (magnitude `e`) and `m != 0`:
/// `(a ** e) % m`, with the sign of `m` like `%`. `out` needs
/// [`pow_mod_len`] digits, `scratch` [`pow_mod_scratch_len`].
/// Errors: [`Error::ZeroDivision`] for `m == 0` (Python:
/// `ValueError: pow() 3rd argument cannot be 0`).
pub fn pow_mod(
    out: &mut [Digit],
    a: MpzRef<'_>,
    e: &[Digit],
    m: MpzRef<'_>,
    scratch: &mut [Digit],
) -> Result<SignedLen, Error> {
    let (a, e, m) = (a.trimmed(), trim(e), m.trimmed());
    let lm = m.mag.len();
    if lm == 0 {
        return Err(Error::ZeroDivision);
    }
    let modulus = MpzRef::pos(m.mag);
    let (base, rest) = scratch.split_at_mut_checked(lm).ok_or(Error::BufferTooSmall)?;
    let (acc, rest) = rest.split_at_mut_checked(lm).ok_or(Error::BufferTooSmall)?;
    let (prod, work) = rest.split_at_mut_checked(2 * lm).ok_or(Error::BufferTooSmall)?;
    // base = a mod |m|, in [0, |m|).
    let bl = modulo(base, a, modulus, work)?.len;
    let base = base.get(..bl).ok_or(Error::BufferTooSmall)?;
    // acc = 1 mod |m|, then square-and-multiply from the top bit of e.
    let mut len = if m.mag == [1] { 0 } else { 1 };
    if let Some(slot) = acc.first_mut() {
        *slot = 1;
    }
    let top = bit_length(e);
    for bit in (0..top).rev() {
        if len != 0 {
            let cur = acc.get(..len).ok_or(Error::BufferTooSmall)?;
            let pl = mul_mag(prod, cur, cur, work)?;
            len = modulo(acc, MpzRef::pos(prod.get(..pl).unwrap_or(prod)), modulus, work)?.len;
        }
        if test_bit(e, bit) {
            let cur = acc.get(..len).ok_or(Error::BufferTooSmall)?;
            let pl = mul_mag(prod, cur, base, work)?;
            len = modulo(acc, MpzRef::pos(prod.get(..pl).unwrap_or(prod)), modulus, work)?.len;
        }
    }
    let res = acc.get(..len).ok_or(Error::BufferTooSmall)?;
    let dst = out.get_mut(..lm).ok_or(Error::BufferTooSmall)?;
    if m.neg && len != 0 {
        // Python's sign rule: r - |m|, i.e. -(|m| - r).
        digits::sub_to(dst, m.mag, res);
        return Ok(SignedLen::new(true, digits::norm(dst, lm)));
    }
    digits::copy(dst, res);
    Ok(SignedLen::new(false, len))
}
