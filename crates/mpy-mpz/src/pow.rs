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
/// the largest multiplication, or `None` on `usize` overflow. A value
/// squared is at most `a ** (e/2)`, so of at most `ceil((n-1)/2)` digits
/// for a result bound of `n`; a value multiplied by `a` is below the result.
pub fn pow_scratch_len(a: &[Digit], e: u64) -> Option<usize> {
    let n = pow_len(a, e)?;
    let half = (n - 1).div_ceil(2);
    let la = trim(a).len();
    n.checked_add(mul_scratch_len(half, half).max(mul_scratch_len(n, la)))
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
    let plain = lm.saturating_mul(4).saturating_add(work);
    #[cfg(target_pointer_width = "64")]
    let plain = plain.max(lm.saturating_mul(2).saturating_add(monty::scratch_len(lm)));
    plain
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
    // base = a mod |m|, in [0, |m|).
    let bl = modulo(base, a, modulus, rest)?.len;
    let base = base.get(..bl).ok_or(Error::BufferTooSmall)?;
    // An odd modulus on a 64-bit host: Montgomery multiplication, with
    // no division in the loop.
    #[cfg(target_pointer_width = "64")]
    let len = if m.mag.first().is_some_and(|&d| d & 1 == 1) && m.mag != [1] {
        monty::pow(acc, base, e, m.mag, rest)?
    } else {
        plain_pow_mod(acc, base, e, m.mag, rest)?
    };
    #[cfg(not(target_pointer_width = "64"))]
    let len = plain_pow_mod(acc, base, e, m.mag, rest)?;
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

/// `acc = base ** e mod m` (`base < m`, `m` normalised, `acc` of `lm`
/// digits) by square-and-multiply with a division after each product;
/// returns the normalised length.
fn plain_pow_mod(acc: &mut [Digit], base: &[Digit], e: &[Digit], m: &[Digit], rest: &mut [Digit]) -> Result<usize, Error> {
    let lm = m.len();
    let modulus = MpzRef::pos(m);
    let (prod, work) = rest.split_at_mut_checked(2 * lm).ok_or(Error::BufferTooSmall)?;
    // acc = 1 mod |m|, then square-and-multiply from the top bit of e.
    let mut len = if m == [1] { 0 } else { 1 };
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
    Ok(len)
}

/// Montgomery exponentiation for an odd modulus on 64-bit hosts.
///
/// With `n` limbs of 64 bits for the modulus and `R = 2^(64n)`, values are
/// kept as `x*R mod m`; a product `x*y` (of `2n` limbs, by [`mul_mag`],
/// so squares and long values get the faster paths) is reduced by
/// Montgomery's REDC, `t*R^-1 mod m`: for each low limb, add the multiple
/// of `m` that clears it, then drop the cleared limbs and subtract `m`
/// once if needed.
#[cfg(target_pointer_width = "64")]
mod monty {
    use super::*;
    use crate::limb::{self, ld, st, L2};

    /// Scratch digits for [`pow`] with a modulus of `lm` digits: the
    /// padded modulus, the base and accumulator (`2n` digits each), the
    /// product (`4n + 2`, which also holds the values converted into
    /// Montgomery form), then the larger of the product's scratch and the
    /// conversions' division scratch.
    pub(super) fn scratch_len(lm: usize) -> usize {
        let l = lm.div_ceil(2).saturating_mul(2);
        let conv = divmod_scratch_len(lm + l + 1, lm);
        let prod = l.saturating_mul(2).saturating_add(2);
        l.saturating_mul(3).saturating_add(prod).saturating_add(mul_scratch_len(l, l).max(conv))
    }

    /// `-m0^-1 mod 2^64` for an odd `m0`, by Newton's iteration (each
    /// step doubles the correct low bits, from 3).
    fn neg_inverse(m0: u64) -> u64 {
        let mut x = m0;
        for _ in 0..5 {
            x = x.wrapping_mul(2u64.wrapping_sub(m0.wrapping_mul(x)));
        }
        x.wrapping_neg()
    }

    /// REDC: `t` (`2n + 1` limbs, value below `m * R`) becomes `t * R^-1
    /// mod m` in `t[n..2n]`.
    fn redc(t: &mut [L2], m: &[L2], minv: u64) {
        let n = m.len();
        for i in 0..n {
            let Some(win) = t.get_mut(i..) else { return };
            let u = win.first().map_or(0, ld).wrapping_mul(minv);
            let Some((low, high)) = win.split_at_mut_checked(n) else { return };
            let mut c = limb::addmul_1(low, m, u, 0);
            for x in high.iter_mut() {
                let (v, k) = ld(x).overflowing_add(c);
                st(x, v);
                if !k {
                    break;
                }
                c = 1;
            }
        }
        // t[n..=2n] < 2m: subtract m once if it is not below.
        let Some(r) = t.get_mut(n..) else { return };
        let (body, top) = r.split_at_mut(n.min(r.len()));
        let over = top.first().is_some_and(|x| ld(x) != 0) || crate::cmp::cmp_mag(body.as_flattened(), m.as_flattened()) != core::cmp::Ordering::Less;
        if over {
            limb::sub_n_assign(body, m, 0);
            if let Some(x) = top.first_mut() {
                st(x, 0);
            }
        }
    }

    /// `x = x * y * R^-1 mod m` (or `x * x * R^-1` without `y`; all `2n`
    /// digits, below `m`), with `t` for the product and `work` for its
    /// scratch.
    fn mont_mul(x: &mut [Digit], y: Option<&[Digit]>, m: &[L2], minv: u64, t: &mut [Digit], work: &mut [Digit]) -> Result<(), Error> {
        let xs: &[Digit] = x;
        let l = xs.len();
        if l < crate::mul::KARATSUBA_THRESHOLD {
            // Schoolbook writes all 2l digits of the product.
            match y {
                Some(y) => crate::mul::school(t, xs, y),
                None => crate::mul::sqr_school(t, xs),
            }
            if let Some(top) = t.get_mut(2 * l..) {
                digits::zero(top);
            }
        } else {
            digits::zero(t);
            mul_mag(t, xs, y.unwrap_or(xs), work)?;
        }
        let (tl, _) = t.as_chunks_mut::<2>();
        redc(tl, m, minv);
        let n = m.len();
        let res = t.get(2 * n..4 * n).ok_or(Error::BufferTooSmall)?;
        digits::copy(x, res);
        Ok(())
    }

    /// `acc = base ** e mod m` for an odd `m > 1` of `lm` digits and `base
    /// < m`; returns the normalised length.
    pub(super) fn pow(acc: &mut [Digit], base: &[Digit], e: &[Digit], m: &[Digit], scratch: &mut [Digit]) -> Result<usize, Error> {
        let lm = m.len();
        let n = lm.div_ceil(2);
        let l = 2 * n;
        let (mp, rest) = scratch.split_at_mut_checked(l).ok_or(Error::BufferTooSmall)?;
        let (bt, rest) = rest.split_at_mut_checked(l).ok_or(Error::BufferTooSmall)?;
        let (at, rest) = rest.split_at_mut_checked(l).ok_or(Error::BufferTooSmall)?;
        let (t, work) = rest.split_at_mut_checked(2 * l + 2).ok_or(Error::BufferTooSmall)?;
        digits::zero(mp);
        digits::copy(mp, m);
        let minv = neg_inverse(mp.as_chunks::<2>().0.first().map_or(1, ld));
        // Into Montgomery form: bt = base * R mod m, at = R mod m (one).
        {
            // The shifted values (lm + l + 1 digits) in the product's room.
            let tmp = t.get_mut(..lm + l + 1).ok_or(Error::BufferTooSmall)?;
            digits::zero(tmp);
            if let Some(dst) = tmp.get_mut(l..) {
                digits::copy(dst, base);
            }
            digits::zero(bt);
            modulo(bt, MpzRef::pos(tmp), MpzRef::pos(m), work)?;
            digits::zero(tmp);
            if let Some(one) = tmp.get_mut(l) {
                *one = 1;
            }
            digits::zero(at);
            modulo(at, MpzRef::pos(tmp), MpzRef::pos(m), work)?;
        }
        let (ml, _) = mp.as_chunks::<2>();
        let top = bit_length(e);
        for bit in (0..top).rev() {
            mont_mul(at, None, ml, minv, t, work)?;
            if test_bit(e, bit) {
                mont_mul(at, Some(bt), ml, minv, t, work)?;
            }
        }
        // Out of Montgomery form: REDC of the plain value.
        digits::zero(t);
        digits::copy(t, at);
        let (tl, _) = t.as_chunks_mut::<2>();
        redc(tl, ml, minv);
        let res = t.get(l..2 * l).ok_or(Error::BufferTooSmall)?;
        digits::copy(acc, res);
        Ok(digits::norm(acc, lm))
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::unwrap_used)]
mod tests {
    use super::*;
    use core::sync::atomic::Ordering;

    /// With exactly `pow_scratch_len` digits of scratch, no product of
    /// `pow` falls back to schoolbook for want of scratch.
    #[test]
    fn pow_scratch_bound_suffices() {
        let long: [Digit; 70] = core::array::from_fn(|i| 0x9E37_79B9u32.wrapping_mul(i as u32 + 1) | 1);
        let bases: [&[Digit]; 5] = [&[3], &[u32::MAX - 4], &[7, 9, 11], &long[..40], &long[..]];
        for a in bases {
            for e in [2u64, 3, 5, 17, 64, 100, 255, 256, 257, 700, 4097, 5000, 20000, 65537] {
                let (Some(n), Some(need)) = (pow_len(a, e), pow_scratch_len(a, e)) else { continue };
                if n > 40_000 {
                    continue;
                }
                let mut out = [0; 40_000];
                let mut scratch = [0; 80_000];
                let before = crate::mul::FALLBACKS.load(Ordering::Relaxed);
                pow(&mut out[..n], MpzRef::pos(a), e, &mut scratch[..need]).unwrap();
                assert_eq!(crate::mul::FALLBACKS.load(Ordering::Relaxed), before, "{} digits ** {e}", a.len());
            }
        }
    }

    /// Likewise for `pow_mod`, with odd (Montgomery) and even moduli long
    /// enough for Karatsuba.
    #[test]
    fn pow_mod_scratch_bound_suffices() {
        let long: [Digit; 140] = core::array::from_fn(|i| 0x9E37_79B9u32.wrapping_mul(i as u32 + 3) | 1);
        for lm in [63, 64, 65, 70, 129, 130] {
            for odd in [true, false] {
                let mut m = [0; 140];
                m[..lm].copy_from_slice(&long[..lm]);
                m[0] = if odd { m[0] | 1 } else { m[0] & !1 };
                let m = &m[..lm];
                let a = &long[..lm + 3];
                let e = [0xdead_beefu32];
                let mut out = [0; 140];
                let mut scratch = [0; 4000];
                let need = pow_mod_scratch_len(a.len(), lm);
                let before = crate::mul::FALLBACKS.load(Ordering::Relaxed);
                pow_mod(&mut out[..lm], MpzRef::pos(a), &e, MpzRef::pos(m), &mut scratch[..need]).unwrap();
                assert_eq!(crate::mul::FALLBACKS.load(Ordering::Relaxed), before, "modulus of {lm} digits, odd: {odd}");
            }
        }
    }
}
