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

/// Scratch length for every division function: room for normalised
/// copies of both operands when the divisor is longer than one machine
/// word and not longer than the dividend, else 0. That is `la + lb + 1`
/// digits when the divisor has two digits or more on 32-bit targets, and
/// `2*ceil(la/2) + 2*ceil(lb/2) + 2` (at most `la + lb + 4`) when it has
/// three or more on 64-bit hosts, which divide by 64-bit limbs.
#[inline]
pub fn divmod_scratch_len(la: usize, lb: usize) -> usize {
    if lb <= LIMB_DIGITS || la < lb {
        0
    } else if LIMB_DIGITS == 2 {
        la.div_ceil(2).saturating_add(lb.div_ceil(2)).saturating_add(1).saturating_mul(2)
    } else {
        la.saturating_add(lb).saturating_add(1)
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
    let (a, b) = (a.trimmed(), b.trimmed());
    let d = divide(Some(&mut *q), Some(&mut *r), a.mag, b.mag, scratch)?;
    let neg = a.neg != b.neg;
    let (mut ql, mut rl) = (d.q_len, d.r_len);
    if neg && d.rem_nonzero {
        ql = crate::add::add_mag_in_place(q, ql, &[1])?;
        rl = rem_complement(r, rl, b.mag)?;
    }
    Ok((SignedLen::new(neg, ql), SignedLen::new(b.neg, rl)))
}

/// Python's `a // b` (floor) into `q` ([`divmod_q_len`] digits); `scratch`
/// needs [`divmod_scratch_len`]. Errors: [`Error::ZeroDivision`].
pub fn floordiv(q: &mut [Digit], a: MpzRef<'_>, b: MpzRef<'_>, scratch: &mut [Digit]) -> Result<SignedLen, Error> {
    let (a, b) = (a.trimmed(), b.trimmed());
    let d = divide(Some(&mut *q), None, a.mag, b.mag, scratch)?;
    let neg = a.neg != b.neg;
    let mut ql = d.q_len;
    if neg && d.rem_nonzero {
        ql = crate::add::add_mag_in_place(q, ql, &[1])?;
    }
    Ok(SignedLen::new(neg, ql))
}

/// Python's `a % b` (the result has the sign of `b`) into `r`
/// ([`divmod_r_len`] digits); `scratch` needs [`divmod_scratch_len`].
/// Errors: [`Error::ZeroDivision`].
pub fn modulo(r: &mut [Digit], a: MpzRef<'_>, b: MpzRef<'_>, scratch: &mut [Digit]) -> Result<SignedLen, Error> {
    let (a, b) = (a.trimmed(), b.trimmed());
    let d = divide(None, Some(&mut *r), a.mag, b.mag, scratch)?;
    let mut rl = d.r_len;
    if a.neg != b.neg && d.rem_nonzero {
        rl = rem_complement(r, rl, b.mag)?;
    }
    Ok(SignedLen::new(b.neg, rl))
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

/// Algorithm D on 64-bit limbs for normalised `a` and `b` with `la >= lb
/// >= 3` digits, dividing three limbs by two for each quotient limb. `q`,
/// if given, has exactly `la - lb + 1` digits, `r`, if given, exactly
/// `lb`; the quotient and remainder limbs are written as far as they fit
/// (the digits dropped are zero, since both values fit).
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
    let (un, rest) = scratch.split_at_mut_checked(2 * na + 2).ok_or(Error::BufferTooSmall)?;
    let vn = rest.get_mut(..2 * nb).ok_or(Error::BufferTooSmall)?;
    // D1: shift so the divisor's top limb has its top bit set: by a whole
    // digit (`off`) and then `bits`. The dividend gets a limb more.
    let top = match b {
        [.., lo, hi] if lb % 2 == 0 => *lo as u64 | (*hi as u64) << 32,
        [.., hi] => *hi as u64,
        [] => 0,
    };
    let s = top.leading_zeros();
    let (off, bits) = ((s / 32) as usize, s % 32);
    normalise(vn, b, off, bits);
    normalise(un, a, off, bits);
    let (unl, _) = un.as_chunks_mut::<2>();
    let (vnl, _) = vn.as_chunks::<2>();
    let (vlow, vtop) = vnl.split_at_checked(nb - 2).ok_or(Error::BufferTooSmall)?;
    let (d0, d1) = match vtop {
        [d0, d1] => (ld(d0), ld(d1)),
        _ => return Err(Error::BufferTooSmall),
    };
    let inv = crate::recip::Divisor3by2::new(d1, d0);
    // D2..D7: one quotient limb per window unl[j..=j+nb], from the top.
    for j in (0..=na - nb).rev() {
        let win = unl.get_mut(j..=j + nb).ok_or(Error::BufferTooSmall)?;
        let (low, top3) = win.split_at_mut_checked(nb - 2).ok_or(Error::BufferTooSmall)?;
        let [t0, t1, t2] = top3 else { return Err(Error::BufferTooSmall) };
        let (u2, u1, u0) = (ld(t2), ld(t1), ld(t0));
        let qd = if u2 == d1 && u1 == d0 {
            // The top two limbs equal the divisor's: the quotient limb is
            // 2^64 - 1 (the window minus (2^64 - 1) times the divisor is
            // the divisor less something below 2^(64*(nb-1)), so
            // positive; the add-back below is only a safeguard).

            let (body, topl) = win.split_at_mut_checked(nb).ok_or(Error::BufferTooSmall)?;
            let borrow = limb::submul_1(body, vnl, u64::MAX);
            let t = topl.first_mut().ok_or(Error::BufferTooSmall)?;
            let (v, negative) = ld(t).overflowing_sub(borrow);
            st(t, v);
            if negative {
                let c = limb::add_n_assign(body, vnl, 0);
                st(t, ld(t).wrapping_add(c as u64));
                u64::MAX - 1
            } else {
                u64::MAX
            }
        } else {
            let (qh, r1, r0) = inv.div_3by2(u2, u1, u0);
            // The top three limbs are now the remainder (r1, r0) and 0;
            // subtract qh times the divisor's lower limbs from the rest.
            let borrow = limb::submul_1(low, vlow, qh);
            let (r0, b0) = r0.overflowing_sub(borrow);
            let (r1, b1) = r1.overflowing_sub(b0 as u64);
            st(t0, r0);
            st(t1, r1);
            st(t2, 0);
            if b1 {
                // D6: qh was one too large (rare): add the divisor back.
                let body = win.get_mut(..nb).ok_or(Error::BufferTooSmall)?;
                limb::add_n_assign(body, vnl, 0);
                qh.wrapping_sub(1)
            } else {
                qh
            }
        };
        if let Some(dst) = q.as_deref_mut().and_then(|q| q.get_mut(2 * j..)) {
            put(dst, qd);
        }
    }
    // D8: the remainder is un[off..off + lb] shifted back.
    let rem = un.get(..2 * nb).ok_or(Error::BufferTooSmall)?;
    let rem_nonzero = rem.iter().any(|&x| x != 0);
    let q_len = q.map_or(0, |q| digits::norm(q, la - lb + 1));
    let r_len = match r {
        Some(r) => {
            let src = rem.get(off..off + lb).ok_or(Error::BufferTooSmall)?;
            digits::shr_bits_to(r, src, bits, 0);
            digits::norm(r, lb)
        }
        None => 0,
    };
    Ok(Division { q_len, r_len, rem_nonzero })
}

/// `dst = src << (32*off + bits)`, every digit of `dst` written (`dst`
/// long enough for the shifted value).
#[cfg(target_pointer_width = "64")]
fn normalise(dst: &mut [Digit], src: &[Digit], off: usize, bits: u32) {
    let Some((low, high)) = dst.split_at_mut_checked(off) else { return };
    digits::zero(low);
    let c = digits::shl_bits_to(high, src, bits);
    if let Some(rest) = high.get_mut(src.len()..) {
        digits::zero(rest);
        if let Some(slot) = rest.first_mut() {
            *slot = c;
        }
    }
}

/// Algorithm D for normalised `a` and `b` with `la >= lb >= 2`. `q`, if
/// given, has exactly `la - lb + 1` digits, `r`, if given, exactly `lb`.
#[cfg(not(target_pointer_width = "64"))]
fn knuth(
    mut q: Option<&mut [Digit]>,
    r: Option<&mut [Digit]>,
    a: &[Digit],
    b: &[Digit],
    scratch: &mut [Digit],
) -> Result<Division, Error> {
    let (la, lb) = (a.len(), b.len());
    let (un, rest) = scratch.split_at_mut_checked(la + 1).ok_or(Error::BufferTooSmall)?;
    let vn = rest.get_mut(..lb).ok_or(Error::BufferTooSmall)?;
    // D1: shift so the divisor's top bit is set; the dividend gets one more
    // digit for the bits shifted out.
    let top = b.last().copied().unwrap_or(1);
    let shift = top.leading_zeros();
    digits::shl_bits_to(vn, b, shift);
    let carry = digits::shl_bits_to(un, a, shift);
    if let Some(slot) = un.get_mut(la) {
        *slot = carry;
    }
    let (v1, v0) = match vn {
        [.., v0, v1] => (*v1 as u64, *v0 as u64),
        _ => return Err(Error::BufferTooSmall),
    };
    let inv = Divisor::new(NonZeroU32::new(v1 as Digit).ok_or(Error::ZeroDivision)?);
    // D2..D7: one quotient digit per window un[j..=j+lb], from the top.
    for j in (0..=la - lb).rev() {
        let win = un.get_mut(j..=j + lb).ok_or(Error::BufferTooSmall)?;
        let (u2, u1, u0) = match &*win {
            [.., u0, u1, u2] => (*u2 as u64, *u1 as u64, *u0 as u64),
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
        // D4: subtract qhat * vn from the window.
        let (low, high) = win.split_at_mut_checked(lb).ok_or(Error::BufferTooSmall)?;
        let borrow = digits::mul_digit_sub(low, vn, qhat as Digit);
        let mut qd = qhat as Digit;
        if let Some(h) = high.first_mut() {
            let (v, negative) = (*h as u64).overflowing_sub(borrow);
            *h = v as Digit;
            // D6: the estimate was one too large (rare): add back.
            if negative {
                qd = qd.wrapping_sub(1);
                let c = digits::add_assign(low, vn);
                *h = h.wrapping_add(c);
            }
        }
        if let Some(slot) = q.as_deref_mut().and_then(|q| q.get_mut(j)) {
            *slot = qd;
        }
    }
    // D8: the remainder is un[..lb] shifted back.
    let rem = un.get_mut(..lb).ok_or(Error::BufferTooSmall)?;
    let rem_nonzero = rem.iter().any(|&x| x != 0);
    let q_len = q.map_or(0, |q| digits::norm(q, la - lb + 1));
    let r_len = match r {
        Some(r) => {
            digits::shr_bits_to(r, rem, shift, 0);
            digits::norm(r, lb)
        }
        None => 0,
    };
    Ok(Division { q_len, r_len, rem_nonzero })
}
