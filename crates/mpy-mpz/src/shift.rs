//! Bit shifts with Python's semantics: `a << n == a * 2**n` and
//! `a >> n == floor(a / 2**n)`, so right shifts of negative values round
//! towards minus infinity (`-5 >> 1 == -3`, `-1 >> 100 == -1`). Negative
//! shift counts are the caller's `ValueError: negative shift count`.

use crate::digits;
use crate::{trim, Digit, Error, MpzRef, SignedLen};

/// Output length sufficient for `a << n` with `a` of `la` digits:
/// `la + n/32 + 1` (saturating; a caller should treat a huge value as
/// `MemoryError`/`OverflowError`).
#[inline]
pub fn shl_len(la: usize, n: usize) -> usize {
    la.saturating_add(n / 32).saturating_add(1)
}

/// Output length sufficient for `a >> n` with `a` of `la` digits:
/// `la - n/32 + 1` (at least 1, for the `-1` of a negative value shifted
/// out completely, or the carry of the floor adjustment).
#[inline]
pub fn shr_len(la: usize, n: usize) -> usize {
    la.saturating_sub(n / 32).saturating_add(1)
}

/// `out = |a| << n`; returns the normalised length. `out` needs
/// [`shl_len`] digits (one fewer if no bits leave the top digit).
pub fn shl_mag(out: &mut [Digit], a: &[Digit], n: usize) -> Result<usize, Error> {
    let a = trim(a);
    if a.is_empty() {
        return Ok(0);
    }
    let (d, bits) = (n / 32, (n % 32) as u32);
    let (low, high) = out.split_at_mut_checked(d).ok_or(Error::BufferTooSmall)?;
    if high.len() < a.len() {
        return Err(Error::BufferTooSmall);
    }
    digits::zero(low);
    let carry = digits::shl_bits_to(high, a, bits);
    if carry == 0 {
        return Ok(d + a.len());
    }
    let top = high.get_mut(a.len()).ok_or(Error::BufferTooSmall)?;
    *top = carry;
    Ok(d + a.len() + 1)
}

/// `out = a << n` (signed, `n` bits); see [`shl_mag`] for lengths.
pub fn shl(out: &mut [Digit], a: MpzRef<'_>, n: usize) -> Result<SignedLen, Error> {
    let len = shl_mag(out, a.mag, n)?;
    Ok(SignedLen::new(a.neg, len))
}

/// `out = a >> n` (signed, flooring like Python); `out` needs [`shr_len`]
/// digits.
pub fn shr(out: &mut [Digit], a: MpzRef<'_>, n: usize) -> Result<SignedLen, Error> {
    let a = a.trimmed();
    let (d, bits) = (n / 32, (n % 32) as u32);
    let Some((dropped, kept)) = a.mag.split_at_checked(d) else {
        // Every bit is shifted out: 0, or -1 for a negative value.
        if a.neg {
            let slot = out.first_mut().ok_or(Error::BufferTooSmall)?;
            *slot = 1;
            return Ok(SignedLen::new(true, 1));
        }
        return Ok(SignedLen::new(false, 0));
    };
    let area = out.get_mut(..kept.len()).ok_or(Error::BufferTooSmall)?;
    digits::shr_bits_to(area, kept, bits, 0);
    let mut len = digits::norm(out, kept.len());
    if a.neg {
        let low_mask = if bits == 0 { 0 } else { (1u32 << bits) - 1 };
        let lost = dropped.iter().any(|&x| x != 0) || kept.first().is_some_and(|&x| x & low_mask != 0);
        if lost {
            len = crate::add::add_mag_in_place(out, len, &[1])?;
        }
    }
    Ok(SignedLen::new(a.neg, len))
}
