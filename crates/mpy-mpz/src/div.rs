//! Division: Knuth's algorithm D (TAOCP vol. 2, 4.3.1) on normalised
//! copies, a one-digit fast path, and Python's floor semantics on top.
//!
//! Python's `a // b` is `floor(a / b)` and `a % b` is `a - b*(a // b)`, so
//! the remainder takes the sign of the divisor: `-7 // 2 == -4`,
//! `-7 % 2 == 1`, `7 % -2 == -1`.

use crate::digits;
#[cfg(not(target_pointer_width = "64"))]
use crate::recip::Divisor;
use core::num::NonZeroU32;
use crate::{trim, Digit, Error, MpzRef, SignedLen};

/// Quotient length sufficient for [`divmod`] / [`floordiv`] (and for
/// [`divmod_mag`]) with a dividend of `la` and a divisor of `lb` digits:
/// `la - lb + 2` (at least 2): the magnitude quotient plus a carry from the
/// floor adjustment.
#[inline]
pub fn divmod_q_len(la: usize, lb: usize) -> usize {
    la.saturating_sub(lb).saturating_add(2)
}

/// Remainder length sufficient for [`divmod`] / [`modulo`] (and
/// [`divmod_mag`]) with a divisor of `lb` digits: `lb` (the floor
/// adjustment `|b| - r` needs all of them even when `|a|` is shorter).
#[inline]
pub fn divmod_r_len(lb: usize) -> usize {
    lb
}

/// Scratch length for every division function: room for a working copy
/// of the dividend (the running remainder) when the divisor is longer
/// than one machine word and not longer than the dividend, else 0. That
/// is `la + 1` digits when the divisor has two digits or more on 32-bit
/// targets, and `2*ceil(la/2) + 2` (at most `la + 3`) when it has three
/// or more on 64-bit hosts, which divide by 64-bit limbs.
#[inline]
pub fn divmod_scratch_len(la: usize, lb: usize) -> usize {
    if lb <= LIMB_DIGITS || la < lb {
        0
    } else if LIMB_DIGITS == 2 {
        la.div_ceil(2).saturating_add(1).saturating_mul(2)
    } else {
        la.saturating_add(1)
    }
}

/// Scratch length for [`floordiv`]: [`divmod_scratch_len`], except none
/// on 64-bit hosts when the quotient is a single 64-bit limb (the
/// dividend has no more limbs than the divisor): that quotient is found
/// without a working copy of the dividend.
#[inline]
pub fn floordiv_scratch_len(la: usize, lb: usize) -> usize {
    if LIMB_DIGITS == 2 && lb > LIMB_DIGITS && la.div_ceil(2) <= lb.div_ceil(2) {
        0
    } else {
        divmod_scratch_len(la, lb)
    }
}

/// Digits per machine word: the divisor length up to which division is
/// by a single word.
const LIMB_DIGITS: usize = if cfg!(target_pointer_width = "64") { 2 } else { 1 };

/// `(q, r) = divmod(|a|, |b|)` on magnitudes (truncating; the same as
/// floor for non-negative values). Writes the quotient into `q` (which
/// needs `la - lb + 1` digits, at least 1) and the remainder into `r`
/// (`min(la, lb)` digits); returns their normalised lengths.
pub fn divmod_mag(
    q: &mut [Digit],
    r: &mut [Digit],
    a: &[Digit],
    b: &[Digit],
    scratch: &mut [Digit],
) -> Result<(usize, usize), Error> {
    let d = divide(Some(q), Some(r), a, b, scratch)?;
    Ok((d.q_len, d.r_len))
}

/// `q = |a| / d`, truncating, for one nonzero digit `d`; returns the
/// quotient's normalised length and the remainder. `q` needs `a.len()`
/// digits.
pub fn divmod_digit_mag(q: &mut [Digit], a: &[Digit], d: Digit) -> Result<(usize, Digit), Error> {
    if d == 0 {
        return Err(Error::ZeroDivision);
    }
    let a = trim(a);
    let q = q.get_mut(..a.len()).ok_or(Error::BufferTooSmall)?;
    let rem = div_digit_to(Some(q), a, d);
    Ok((digits::norm(q, a.len()), rem))
}

/// `|a| mod d` for one nonzero digit `d`, without a quotient buffer.
pub fn rem_digit_mag(a: &[Digit], d: Digit) -> Result<Digit, Error> {
    if d == 0 {
        return Err(Error::ZeroDivision);
    }
    Ok(div_digit_to(None, trim(a), d))
}

/// In place, `a[..len] = a[..len] / d` (truncating) for a nonzero digit
/// `d`; returns the new normalised length and the remainder (`(len, 0)`
/// unchanged for `d == 0`, which callers must exclude).
pub fn div_digit_in_place(a: &mut [Digit], len: usize, d: Digit) -> (usize, Digit) {
    let (Some(body), Some(d)) = (a.get_mut(..len), NonZeroU32::new(d)) else { return (len, 0) };
    #[cfg(target_pointer_width = "64")]
    let rem = crate::recip::Divisor64::new(d.into()).div_digits_in_place(body) as Digit;
    #[cfg(not(target_pointer_width = "64"))]
    let rem = Divisor::new(d).div_digits_in_place(body);
    (digits::norm(a, len), rem)
}

/// Python's `divmod(a, b)`: `q = a // b` (floor) into `q`
/// ([`divmod_q_len`] digits) and `r = a % b` (sign of `b`) into `r`
/// ([`divmod_r_len`] digits); `scratch` needs [`divmod_scratch_len`].
/// Errors: [`Error::ZeroDivision`] for `b == 0`.
pub fn divmod(
    q: &mut [Digit],
    r: &mut [Digit],
    a: MpzRef<'_>,
    b: MpzRef<'_>,
    scratch: &mut [Digit],
) -> Result<(SignedLen, SignedLen), Error> {
    floor_div(Some(q), Some(r), a, b, scratch)
}

/// Python's `a // b` (floor) into `q` ([`divmod_q_len`] digits); `scratch`
/// needs [`divmod_scratch_len`]. Errors: [`Error::ZeroDivision`].
pub fn floordiv(q: &mut [Digit], a: MpzRef<'_>, b: MpzRef<'_>, scratch: &mut [Digit]) -> Result<SignedLen, Error> {
    Ok(floor_div(Some(q), None, a, b, scratch)?.0)
}

/// Python's `a % b` (the result has the sign of `b`) into `r`
/// ([`divmod_r_len`] digits); `scratch` needs [`divmod_scratch_len`].
/// Errors: [`Error::ZeroDivision`].
pub fn modulo(r: &mut [Digit], a: MpzRef<'_>, b: MpzRef<'_>, scratch: &mut [Digit]) -> Result<SignedLen, Error> {
    Ok(floor_div(None, Some(r), a, b, scratch)?.1)
}

/// Python's `a // b` when the top bits decide it: `Some((neg, q))` for
/// the result `-q` if `neg`, else `q` (`q <= 2^61`), for a divisor of
/// more than 64 bits and a quotient below `2^61`. None when the top bits
/// do not settle the quotient (about one case in `2^60`): the caller then
/// divides in full. No buffers, no loops over the digits, one machine
/// division.
///
/// With `k` the bit length of `b` minus 64, `|a| = U * 2^k + A'` and
/// `|b| = D * 2^k + B'` (`A'`, `B' < 2^k`, so `2^63 <= D < 2^64`), and
/// `U = q*D + r` (`r < D`): the remainder `R = |a| - q*|b|` is
/// `r * 2^k + A' - q*B'`, below `(r + 1) * 2^k <= |b|`, and above
/// `(r - q) * 2^k` for `q > 0` (it is `|a|` for `q == 0`). So `r >= q`
/// proves that `q` is the truncated quotient and that the remainder is
/// nonzero (which the floor adjustment of a negative quotient needs).
#[inline]
pub fn floordiv_small(a: MpzRef<'_>, b: MpzRef<'_>) -> Option<(bool, u64)> {
    floordiv_small_norm(a.trimmed(), b.trimmed())
}

/// [`floordiv_small`] for normalised operands (no high zero digits, as a
/// big int's are; a zero `a` may say negative): no trimming first. A high
/// zero digit gives a wrong answer or None, never a panic.
#[inline]
pub fn floordiv_small_norm(a: MpzRef<'_>, b: MpzRef<'_>) -> Option<(bool, u64)> {
    // The divisor's top three digits (its top one nonzero: more than 64
    // bits).
    let (nb, &[b0, b1, bt]) = (b.mag.len(), b.mag.last_chunk::<3>()?);
    let lz = bt.leading_zeros();
    let bits_b = 32 * nb as u64 - lz as u64;
    let Some(&at) = a.mag.last() else { return Some((false, 0)) };
    let bits_a = 32 * a.mag.len() as u64 - at.leading_zeros() as u64;
    if bits_a > bits_b + 60 {
        return None;
    }
    // `k = 32 * (nb - 3) + s`, `1 <= s <= 32`.
    let s = 32 - lz;
    let d = ((bt as u64) << 32 | b1 as u64) << lz | (b0 as u64) >> s;
    // U from the five digits of `a` from digit `nb - 3` (the rest are
    // zero: U < 2^124), as three 64-bit words shifted right by `s`.
    let i = nb - 3;
    let digit = |j: usize| a.mag.get(i + j).copied().unwrap_or(0) as u64;
    let (w0, w1, w2) = (digit(1) << 32 | digit(0), digit(3) << 32 | digit(2), digit(4));
    let u_lo = w0 >> s | w1 << (64 - s);
    let u_hi = w1 >> s | w2 << (64 - s);
    let u = (u_hi as u128) << 64 | u_lo as u128;
    // (`u_hi < 2^60 < d`: the quotient fits 64 bits, and `r < d` too.)
    let q = (u / d as u128) as u64;
    let r = u_lo.wrapping_sub(q.wrapping_mul(d));
    if r < q {
        return None;
    }
    if a.neg == b.neg {
        Some((false, q))
    } else {
        Some((true, q + 1))
    }
}

/// Output length for [`mod_from_quotient`] with a divisor of `lb`
/// digits: `lb + 1`.
#[inline]
pub fn mod_from_quotient_len(lb: usize) -> usize {
    lb.saturating_add(1)
}

/// Python's `a % b` (the sign of `b`) into `r` ([`mod_from_quotient_len`]
/// digits) when the floor quotient `a // b` is known to be `q` or `-q`
/// (a digit), as [`floordiv_small`] finds it: `a - (a // b) * b` is
/// `|a| - q*|b|` (signs alike) or `q*|b| - |a|` (signs differ), one
/// multiplication by a digit and one subtraction, no division. A `q` that
/// is not the quotient gives a wrong value (never a panic).
/// Errors: [`Error::ZeroDivision`]; [`Error::BufferTooSmall`] (also when
/// `|a|` is too long for `q` to be its quotient).
pub fn mod_from_quotient(r: &mut [Digit], a: MpzRef<'_>, b: MpzRef<'_>, q: Digit) -> Result<SignedLen, Error> {
    let (a, b) = (a.trimmed(), b.trimmed());
    let lb = b.mag.len();
    if lb == 0 {
        return Err(Error::ZeroDivision);
    }
    let n = mod_from_quotient_len(lb);
    let area = r.get_mut(..n).ok_or(Error::BufferTooSmall)?;
    if a.mag.len() > n {
        return Err(Error::BufferTooSmall);
    }
    // area = q * |b|
    let c = digits::mul_digit_to(area, b.mag, q, 0);
    if let Some(top) = area.last_mut() {
        *top = c;
    }
    // area = q*|b| - |a| (modulo 2^(32n): the fast subtraction even when
    // it is the negative of the answer, which a negation then fixes).
    digits::sub_assign(area, a.mag);
    if a.neg == b.neg {
        digits::negate(area);
    }
    Ok(SignedLen::new(b.neg, digits::norm(area, n)))
}

/// The one body of [`divmod`], [`floordiv`] and [`modulo`]: the floor
/// quotient into `q` and the remainder (sign of `b`) into `r`, each only
/// where wanted (a missing one's length is 0).
#[inline(never)]
fn floor_div(
    mut q: Option<&mut [Digit]>,
    mut r: Option<&mut [Digit]>,
    a: MpzRef<'_>,
    b: MpzRef<'_>,
    scratch: &mut [Digit],
) -> Result<(SignedLen, SignedLen), Error> {
    let (a, b) = (a.trimmed(), b.trimmed());
    let d = divide(q.as_deref_mut(), r.as_deref_mut(), a.mag, b.mag, scratch)?;
    let neg = a.neg != b.neg;
    let (mut ql, mut rl) = (d.q_len, d.r_len);
    if neg && d.rem_nonzero {
        if let Some(q) = q {
            ql = crate::add::add_mag_in_place(q, ql, &[1])?;
        }
        if let Some(r) = r {
            rl = rem_complement(r, rl, b.mag)?;
        }
    }
    Ok((SignedLen::new(neg, ql), SignedLen::new(b.neg, rl)))
}

/// `r = |b| - r` for a remainder `0 < r < |b|`; returns the new length.
fn rem_complement(r: &mut [Digit], rl: usize, b: &[Digit]) -> Result<usize, Error> {
    let area = r.get_mut(..b.len()).ok_or(Error::BufferTooSmall)?;
    if let Some(high) = area.get_mut(rl..) {
        digits::zero(high);
    }
    digits::rsub_assign(area, b);
    Ok(digits::norm(r, b.len()))
}

/// What [`divide`] produced.
struct Division {
    q_len: usize,
    r_len: usize,
    rem_nonzero: bool,
}

/// Truncating division of magnitudes, writing the quotient and remainder
/// where wanted.
fn divide(
    q: Option<&mut [Digit]>,
    r: Option<&mut [Digit]>,
    a: &[Digit],
    b: &[Digit],
    scratch: &mut [Digit],
) -> Result<Division, Error> {
    let (a, b) = (trim(a), trim(b));
    let (la, lb) = (a.len(), b.len());
    if lb == 0 {
        return Err(Error::ZeroDivision);
    }
    if la < lb {
        // q = 0, r = a.
        let r_len = match r {
            Some(r) => {
                let r = r.get_mut(..la).ok_or(Error::BufferTooSmall)?;
                digits::copy(r, a);
                la
            }
            None => 0,
        };
        return Ok(Division { q_len: 0, r_len, rem_nonzero: la != 0 });
    }
    let nq = la - lb + 1;
    // Both of up to 64 bits: the machine's division.
    #[cfg(target_pointer_width = "64")]
    if let (Some(x), Some(y)) = (crate::limb::small(a), core::num::NonZeroU64::new(crate::limb::small(b).unwrap_or(0))) {
        let (qv, rv) = (x / y, x % y);
        let q_len = match q {
            Some(q) => crate::limb::write_small(q, qv as u128)?,
            None => 0,
        };
        let r_len = match r {
            Some(r) => crate::limb::write_small(r, rv as u128)?,
            None => 0,
        };
        return Ok(Division { q_len, r_len, rem_nonzero: rv != 0 });
    }
    let mut q = match q {
        Some(q) => Some(q.get_mut(..nq).ok_or(Error::BufferTooSmall)?),
        None => None,
    };
    let r = match r {
        Some(r) => Some(r.get_mut(..lb).ok_or(Error::BufferTooSmall)?),
        None => None,
    };
    #[cfg(target_pointer_width = "64")]
    {
        let d = match *b {
            [d] => d as u64,
            [lo, hi] => lo as u64 | (hi as u64) << 32,
            _ if r.is_none() && la.div_ceil(2) == lb.div_ceil(2) => return one_limb_quotient(q, a, b),
            _ => return knuth64(q, r, a, b, scratch),
        };
        let d = core::num::NonZeroU64::new(d).ok_or(Error::ZeroDivision)?;
        let rem = crate::recip::Divisor64::new(d).div_digits(q.as_deref_mut(), a);
        let q_len = q.map_or(0, |q| digits::norm(q, nq));
        let r_len = match r {
            Some(r) => {
                crate::limb::put(r, rem);
                digits::norm(r, lb)
            }
            None => 0,
        };
        Ok(Division { q_len, r_len, rem_nonzero: rem != 0 })
    }
    #[cfg(not(target_pointer_width = "64"))]
    if let &[d] = b {
        let rem = div_digit_to(q.as_deref_mut(), a, d);
        let q_len = q.map_or(0, |q| digits::norm(q, nq));
        let r_len = match r {
            Some(r) => {
                if let Some(slot) = r.first_mut() {
                    *slot = rem;
                }
                (rem != 0) as usize
            }
            None => 0,
        };
        return Ok(Division { q_len, r_len, rem_nonzero: rem != 0 });
    }
    #[cfg(not(target_pointer_width = "64"))]
    knuth(q, r, a, b, scratch)
}

/// One-digit division from the top: returns the remainder and writes the
/// quotient digits to `q` when given (`q.len() >= a.len()`).
fn div_digit_to(q: Option<&mut [Digit]>, a: &[Digit], d: Digit) -> Digit {
    #[cfg(target_pointer_width = "64")]
    return match core::num::NonZeroU64::new(d as u64) {
        Some(d) => crate::recip::Divisor64::new(d).div_digits(q, a) as Digit,
        None => 0,
    };
    #[cfg(not(target_pointer_width = "64"))]
    match NonZeroU32::new(d) {
        Some(d) => Divisor::new(d).div_digits(q, a),
        None => 0,
    }
}

/// The top two limbs of `b << s` and of `a << s` below its zero-padded
/// limb `top` (three limbs: the window of Algorithm D's estimate), with
/// `s` the shift that sets the top bit of `b`'s top limb; `b` has at least
/// three digits, its limbs read as in [`knuth64`].
#[cfg(target_pointer_width = "64")]
#[inline(always)]
fn estimate_parts(a: &[Digit], top: usize, b: &[Digit]) -> ((u64, u64), (u64, u64, u64)) {
    let limb_of = |x: &[Digit], i: Option<usize>| -> u64 {
        let Some(i) = i else { return 0 };
        let lo = x.get(2 * i).copied().unwrap_or(0) as u64;
        let hi = x.get(2 * i + 1).copied().unwrap_or(0) as u64;
        lo | hi << 32
    };
    let nb = b.len().div_ceil(2);
    let (b2, b1, b0) = (limb_of(b, nb.checked_sub(1)), limb_of(b, nb.checked_sub(2)), limb_of(b, nb.checked_sub(3)));
    let s = b2.leading_zeros();
    let shl = |hi: u64, lo: u64| ((((hi as u128) << 64) | lo as u128) << s >> 64) as u64;
    let (w3, w2, w1, w0) = (limb_of(a, Some(top)), limb_of(a, top.checked_sub(1)), limb_of(a, top.checked_sub(2)), limb_of(a, top.checked_sub(3)));
    ((shl(b2, b1), shl(b1, b0)), (shl(w3, w2), shl(w2, w1), shl(w1, w0)))
}

/// [`divide`] on 64-bit hosts for normalised `a` and `b` of at least
/// three digits and the same number of limbs (so a quotient of one limb),
/// without the remainder: Algorithm D's estimate from the top limbs,
/// usually proved right by its own remainder; else `a - q*b` is computed
/// only for its sign and whether it is zero (no working copy of `a`, no
/// scratch), a negative one meaning the estimate was one too large. `q`,
/// if given, has exactly `la - lb + 1` digits.
#[cfg(target_pointer_width = "64")]
fn one_limb_quotient(q: Option<&mut [Digit]>, a: &[Digit], b: &[Digit]) -> Result<Division, Error> {
    let ((d1, d0), (u2, u1, u0)) = estimate_parts(a, b.len().div_ceil(2), b);
    let (mut qd, proved) = if u2 == d1 && u1 == d0 {
        (u64::MAX, false)
    } else {
        // With `A = a << s = U * 2^(64m) + A'` and `B = b << s = D * 2^(64m)
        // + B'` (`U`, `D` the windows, `A'`, `B' < 2^(64m)`) and `U = qd*D +
        // R`: `A - qd*B = R * 2^(64m) + A' - qd*B'` exceeds
        // `(R - qd) * 2^(64m)`, so `R > qd` proves the quotient `qd` (it is
        // never below the true one) and a nonzero remainder.
        let (qd, r1, r0) = crate::recip::Divisor3by2::new(d1, d0).div_3by2(u2, u1, u0);
        (qd, r1 != 0 || r0 > qd)
    };
    let rem_nonzero = if proved {
        true
    } else {
        loop {
            let (negative, nonzero) = crate::limb::submul_sign(a, b, qd);
            // (Ends: with qd == 0 the difference is a itself.)
            if !negative || qd == 0 {
                break nonzero;
            }
            qd -= 1;
        }
    };
    let q_len = match q {
        Some(q) => {
            crate::limb::put(q, qd);
            digits::norm(q, q.len())
        }
        None => 0,
    };
    Ok(Division { q_len, r_len: 0, rem_nonzero })
}

/// Algorithm D on 64-bit limbs for normalised `a` and `b` of at least
/// three digits with `la >= lb`, dividing three limbs by two for each
/// quotient limb. `q`, if given, has exactly `la - lb + 1` digits, `r`, if
/// given, exactly `lb`; the quotient limbs are written as far as they fit
/// (the digits dropped are zero, since the quotient fits).
///
/// Only the estimates are normalised: the top limbs of the divisor once,
/// and the top of the running remainder at each step, shifted on the fly.
/// The remainder itself is the working copy of `a` in `scratch` (one limb
/// longer), reduced by unshifted multiples of `b`, so no copy of `b` is
/// needed and the remainder needs no shift back.
#[cfg(target_pointer_width = "64")]
fn knuth64(
    mut q: Option<&mut [Digit]>,
    r: Option<&mut [Digit]>,
    a: &[Digit],
    b: &[Digit],
    scratch: &mut [Digit],
) -> Result<Division, Error> {
    use crate::limb::{self, ld, put, st};
    let (la, lb) = (a.len(), b.len());
    let (na, nb) = (la.div_ceil(2), lb.div_ceil(2));
    // The remainder: a, zero-padded to na + 1 limbs.
    let rem = scratch.get_mut(..2 * na + 2).ok_or(Error::BufferTooSmall)?;
    digits::copy(rem, a);
    if let Some(high) = rem.get_mut(la..) {
        digits::zero(high);
    }
    // The divisor's limbs, the odd top digit zero-padded.
    let limb_of = |x: &[Digit], i: usize| -> u64 {
        let lo = x.get(2 * i).copied().unwrap_or(0) as u64;
        let hi = x.get(2 * i + 1).copied().unwrap_or(0) as u64;
        lo | hi << 32
    };
    let (b2, b1, b0) = (limb_of(b, nb - 1), limb_of(b, nb - 2), if nb >= 3 { limb_of(b, nb - 3) } else { 0 });
    // D1: the shift that sets the top bit of the divisor's top limb.
    let s = b2.leading_zeros();
    let shl = |hi: u64, lo: u64| ((((hi as u128) << 64) | lo as u128) << s >> 64) as u64;
    let (d1, d0) = (shl(b2, b1), shl(b1, b0));
    let inv = crate::recip::Divisor3by2::new(d1, d0);
    let (bl, _) = b.as_chunks::<2>();
    // The divisor as whole limbs, and its odd top digit, if any.
    let b_top = if lb % 2 == 1 { b.last().copied() } else { None };
    let (rl, _) = rem.as_chunks_mut::<2>();
    // D2..D7: one quotient limb per window rl[j..=j+nb], from the top.
    for j in (0..=na - nb).rev() {
        let top = j + nb;
        let get = |rl: &[limb::L2], i: Option<usize>| i.and_then(|i| rl.get(i)).map_or(0, ld);
        let (w3, w2, w1, w0) = (get(rl, Some(top)), get(rl, Some(top - 1)), get(rl, Some(top - 2)), get(rl, top.checked_sub(3)));
        let (u2, u1, u0) = (shl(w3, w2), shl(w2, w1), shl(w1, w0));
        let mut qd = if u2 == d1 && u1 == d0 {
            // The estimate would be 2^64 or more: the quotient limb is at
            // most 2^64 - 1.
            u64::MAX
        } else {
            inv.div_3by2(u2, u1, u0).0
        };
        // D4: subtract qd * b from the window (at most one too much).
        let win = rl.get_mut(j..=top).ok_or(Error::BufferTooSmall)?;
        let (body, high) = win.split_at_mut_checked(nb).ok_or(Error::BufferTooSmall)?;
        let mut borrow = limb::submul_1(body, bl, qd);
        if let Some(t) = b_top {
            // The odd top digit of b, as the low half of limb nb - 1.
            if let Some(x) = body.last_mut() {
                let p = (t as u128) * (qd as u128) + borrow as u128;
                let (v, k) = ld(x).overflowing_sub(p as u64);
                st(x, v);
                borrow = ((p >> 64) as u64).wrapping_add(k as u64);
            }
        }
        let h = high.first_mut().ok_or(Error::BufferTooSmall)?;
        let (v, negative) = ld(h).overflowing_sub(borrow);
        st(h, v);
        if negative {
            // D6: the estimate was one too large (rare): add b back.
            qd = qd.wrapping_sub(1);
            let mut c = limb::add_n_assign(body, bl, 0);
            if let (Some(t), Some(x)) = (b_top, body.last_mut()) {
                let (v, k) = ld(x).overflowing_add(t as u64 + c as u64);
                st(x, v);
                c = k as u8;
            }
            st(h, ld(h).wrapping_add(c as u64));
        }
        if let Some(dst) = q.as_deref_mut().and_then(|q| q.get_mut(2 * j..)) {
            put(dst, qd);
        }
    }
    // D8: the remainder is rem[..lb].
    let rest = rem.get(..lb).ok_or(Error::BufferTooSmall)?;
    let rem_nonzero = rest.iter().any(|&x| x != 0);
    let q_len = q.map_or(0, |q| digits::norm(q, la - lb + 1));
    let r_len = match r {
        Some(r) => {
            digits::copy(r, rest);
            digits::norm(r, lb)
        }
        None => 0,
    };
    Ok(Division { q_len, r_len, rem_nonzero })
}

/// Algorithm D for normalised `a` and `b` with `la >= lb >= 2`. `q`, if
/// given, has exactly `la - lb + 1` digits, `r`, if given, exactly `lb`.
/// As on 64-bit hosts, the remainder is an unshifted working copy of `a` and
/// only the estimates are normalised.
#[cfg(not(target_pointer_width = "64"))]
fn knuth(
    mut q: Option<&mut [Digit]>,
    r: Option<&mut [Digit]>,
    a: &[Digit],
    b: &[Digit],
    scratch: &mut [Digit],
) -> Result<Division, Error> {
    let (la, lb) = (a.len(), b.len());
    // The remainder: a with a zero digit on top. Only the estimates are
    // normalised (shifted so the divisor's top bit is set), on the fly.
    let un = scratch.get_mut(..la + 1).ok_or(Error::BufferTooSmall)?;
    digits::copy(un, a);
    if let Some(slot) = un.get_mut(la) {
        *slot = 0;
    }
    // D1: the shift, and the divisor's top two digits shifted.
    let (b2, b1, b0) = match b {
        [.., b1, b2] => (*b2, *b1, b.len().checked_sub(3).and_then(|i| b.get(i)).copied().unwrap_or(0)),
        _ => return Err(Error::BufferTooSmall),
    };
    let shift = b2.leading_zeros();
    let shl = |hi: Digit, lo: Digit| (((hi as u64) << 32) | lo as u64) << shift >> 32;
    let (v1, v0) = (shl(b2, b1), shl(b1, b0));
    let inv = Divisor::new(NonZeroU32::new(v1 as Digit).ok_or(Error::ZeroDivision)?);
    // D2..D7: one quotient digit per window un[j..=j+lb], from the top.
    for j in (0..=la - lb).rev() {
        let w0 = (j + lb).checked_sub(3).and_then(|i| un.get(i)).copied().unwrap_or(0);
        let win = un.get_mut(j..=j + lb).ok_or(Error::BufferTooSmall)?;
        let (u2, u1, u0) = match &*win {
            [.., w1, w2, w3] => (shl(*w3, *w2), shl(*w2, *w1), shl(*w1, w0)),
            _ => return Err(Error::BufferTooSmall),
        };
        // D3: estimate qhat from the top two digits, then correct it with
        // the next one so it is at most one too large.
        // u2 <= v1 always; u2 == v1 would give a quotient of 2^32, so
        // clamp it to 2^32 - 1.
        let (mut qhat, mut rhat) = if u2 < v1 {
            let (qd, rd) = inv.div_2by1(u2 as Digit, u1 as Digit);
            (qd as u64, rd as u64)
        } else {
            (0xffff_ffff, u1 + v1)
        };
        while rhat <= 0xffff_ffff && qhat * v0 > ((rhat << 32) | u0) {
            qhat -= 1;
            rhat += v1;
        }
        // D4: subtract qhat * b from the window.
        let (low, high) = win.split_at_mut_checked(lb).ok_or(Error::BufferTooSmall)?;
        let borrow = digits::mul_digit_sub(low, b, qhat as Digit);
        let mut qd = qhat as Digit;
        if let Some(h) = high.first_mut() {
            let (v, negative) = (*h as u64).overflowing_sub(borrow);
            *h = v as Digit;
            // D6: the estimate was one too large (rare): add back.
            if negative {
                qd = qd.wrapping_sub(1);
                let c = digits::add_assign(low, b);
                *h = h.wrapping_add(c);
            }
        }
        if let Some(slot) = q.as_deref_mut().and_then(|q| q.get_mut(j)) {
            *slot = qd;
        }
    }
    // D8: the remainder is un[..lb].
    let rem = un.get(..lb).ok_or(Error::BufferTooSmall)?;
    let rem_nonzero = rem.iter().any(|&x| x != 0);
    let q_len = q.map_or(0, |q| digits::norm(q, la - lb + 1));
    let r_len = match r {
        Some(r) => {
            digits::copy(r, rem);
            digits::norm(r, lb)
        }
        None => 0,
    };
    Ok(Division { q_len, r_len, rem_nonzero })
}
