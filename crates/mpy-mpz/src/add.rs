//! Addition and subtraction.
//!
//! Outputs may be one digit shorter than [`add_len`] when the caller knows
//! the final carry is zero; the functions report
//! [`Error::BufferTooSmall`] only when the actual result does not fit.

use crate::cmp::cmp_mag;
use crate::digits;
use crate::{trim, Digit, Error, MpzRef, SignedLen};
use core::cmp::Ordering;

/// Output length sufficient for `a + b` or `a - b` with inputs of `la` and
/// `lb` digits: `max(la, lb) + 1`.
#[inline]
pub fn add_len(la: usize, lb: usize) -> usize {
    la.max(lb).saturating_add(1)
}

/// Output length sufficient for `a + b` (signed; for `a - b` pass `b`
/// negated), from the bit lengths: a sum of two numbers of the same sign
/// has at most one bit more than the longer, a difference at most as many
/// as the longer. Unlike [`add_len`] usually the real length (a
/// difference can be shorter when the operands are close); [`add`] and
/// [`sub`] accept an output of this length.
#[inline]
pub fn add_len_tight(a: MpzRef<'_>, b: MpzRef<'_>) -> usize {
    let (pa, pb) = (crate::bits::bit_length(a.mag), crate::bits::bit_length(b.mag));
    let same = a.neg == b.neg && pa != 0 && pb != 0;
    (pa.max(pb) + same as u64).div_ceil(crate::DIGIT_BITS as u64) as usize
}

/// `out = |a| + |b|`; returns the normalised length.
#[cfg_attr(not(target_os = "none"), inline)]
pub fn add_mag(out: &mut [Digit], a: &[Digit], b: &[Digit]) -> Result<usize, Error> {
    let (a, b) = (trim(a), trim(b));
    let (a, b) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    add_mag_norm(out, a, b)
}

/// [`add_mag`] for normalised `a` and `b` (no high zero digits, as a big
/// int's digits are) with `a` the longer: no trimming or ordering first.
/// A high zero digit gives an unnormalised length (a wrong value, never a
/// panic).
///
/// Errors: [`Error::BufferTooSmall`] as [`add_mag`], and for `a` shorter
/// than `b`.
#[cfg_attr(not(target_os = "none"), inline)]
pub fn add_mag_norm(out: &mut [Digit], a: &[Digit], b: &[Digit]) -> Result<usize, Error> {
    if out.len() < a.len() || a.len() < b.len() {
        return Err(Error::BufferTooSmall);
    }
    let carry = digits::add_to(out, a, b);
    if carry == 0 {
        return Ok(a.len());
    }
    let top = out.get_mut(a.len()).ok_or(Error::BufferTooSmall)?;
    *top = carry;
    Ok(a.len() + 1)
}

/// `out = ||a| - |b||`; returns `(|a| < |b|, normalised length)`.
pub fn sub_mag(out: &mut [Digit], a: &[Digit], b: &[Digit]) -> Result<(bool, usize), Error> {
    let (a, b) = (trim(a), trim(b));
    let (swap, a, b) = match cmp_mag(a, b) {
        Ordering::Less => (true, b, a),
        _ => (false, a, b),
    };
    Ok((swap, sub_mag_norm(out, a, b)?))
}

/// `out = |a| - |b|` for `|a| >= |b|` (as the caller knows, e.g. from
/// [`crate::cmp::cmp_mag`]; otherwise the digits are wrong, but nothing
/// panics); returns the normalised length. `out` needs `a`'s length.
///
/// Errors: [`Error::BufferTooSmall`] for a shorter `out`, or a trimmed `a`
/// shorter than `b`.
#[cfg_attr(not(target_os = "none"), inline)]
pub fn sub_mag_ordered(out: &mut [Digit], a: &[Digit], b: &[Digit]) -> Result<usize, Error> {
    sub_mag_norm(out, trim(a), trim(b))
}

/// [`sub_mag_ordered`] for normalised `a` and `b` (no high zero digits,
/// as a big int's digits are), `|a| >= |b|`: no trimming first. Otherwise
/// the digits are wrong, but nothing panics.
///
/// Errors: [`Error::BufferTooSmall`] as [`sub_mag_ordered`], and for `a`
/// shorter than `b`.
#[cfg_attr(not(target_os = "none"), inline)]
pub fn sub_mag_norm(out: &mut [Digit], a: &[Digit], b: &[Digit]) -> Result<usize, Error> {
    if out.len() < a.len() || a.len() < b.len() {
        return Err(Error::BufferTooSmall);
    }
    digits::sub_to(out, a, b);
    Ok(digits::norm(out, a.len()))
}

/// `out = a + b` (signed); returns the result's sign and length. `out`
/// needs [`add_len`]`(a.len(), b.len())` digits (one fewer suffices when
/// there is no final carry).
pub fn add(out: &mut [Digit], a: MpzRef<'_>, b: MpzRef<'_>) -> Result<SignedLen, Error> {
    // Values of up to 64 bits: in machine words.
    #[cfg(target_pointer_width = "64")]
    if let (Some(x), Some(y)) = (crate::limb::small(a.mag), crate::limb::small(b.mag)) {
        let (neg, v) = if a.neg == b.neg {
            (a.neg, x as u128 + y as u128)
        } else if x >= y {
            (a.neg, (x - y) as u128)
        } else {
            (b.neg, (y - x) as u128)
        };
        let n = crate::limb::write_small(out, v)?;
        return Ok(SignedLen::new(neg, n));
    }
    let (a, b) = (a.trimmed(), b.trimmed());
    if a.neg == b.neg {
        let n = add_mag(out, a.mag, b.mag)?;
        Ok(SignedLen::new(a.neg, n))
    } else {
        let (swap, n) = sub_mag(out, a.mag, b.mag)?;
        Ok(SignedLen::new(a.neg != swap, n))
    }
}

/// `out = a - b` (signed); returns the result's sign and length. `out`
/// needs [`add_len`]`(a.len(), b.len())` digits.
pub fn sub(out: &mut [Digit], a: MpzRef<'_>, b: MpzRef<'_>) -> Result<SignedLen, Error> {
    add(out, a, MpzRef::new(!b.neg, b.mag))
}

/// `acc += |b|` in place, where `acc[..len]` holds a magnitude and `acc`
/// has room for the result (`max(len, b.len()) + 1` digits suffice).
/// Returns the new normalised length. For accumulating loops that should
/// not copy.
pub fn add_mag_in_place(acc: &mut [Digit], len: usize, b: &[Digit]) -> Result<usize, Error> {
    let b = trim(b);
    let n = len.max(b.len());
    let (area, _) = acc.split_at_mut_checked(n).ok_or(Error::BufferTooSmall)?;
    // Digits between the old length and `n` are garbage: clear them first.
    if let Some(tail) = area.get_mut(len.min(n)..) {
        digits::zero(tail);
    }
    let carry = digits::add_assign(area, b);
    if carry == 0 {
        return Ok(digits::norm(acc, n));
    }
    match acc.get_mut(n) {
        Some(top) => {
            *top = carry;
            Ok(n + 1)
        }
        None => Err(Error::BufferTooSmall),
    }
}
