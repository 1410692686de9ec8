//! Multiplication: schoolbook (with a squaring variant), and Karatsuba
//! above [`KARATSUBA_THRESHOLD`] digits using caller scratch.
//!
//! Karatsuba here splits `a` (the longer, `la` digits) at `m = ceil(la/2)`
//! and uses the subtractive form
//! `a0*b1 + a1*b0 = a0*b0 + a1*b1 + (a0 - a1)*(b1 - b0)`, so every partial
//! product has at most `m` digits per factor. When `b` is too short for that
//! split (`lb <= m`) the longer factor is cut into `lb`-digit chunks, each
//! multiplied as a balanced product. Recursion depth is `O(log n)`.

use crate::digits;
use crate::{trim, Digit, Error, MpzRef, SignedLen};

/// Below this many digits in the shorter factor, multiplication is
/// schoolbook: 32 on 32-bit targets, 64 on 64-bit hosts (whose schoolbook
/// works on 64-bit limbs, so Karatsuba pays off later).
pub const KARATSUBA_THRESHOLD: usize = if cfg!(target_pointer_width = "64") { 64 } else { 32 };

/// Whether products use Karatsuba at all: not on bare-metal targets (the
/// boards), where its 1.2 KB of flash buy little (a board's heap holds
/// ints of a few thousand digits at most) and schoolbook needs no scratch.
const KARATSUBA: bool = !cfg!(target_os = "none");

/// Output length sufficient for `a * b` with factors of `la` and `lb`
/// digits: `la + lb`.
#[inline]
pub fn mul_len(la: usize, lb: usize) -> usize {
    la.saturating_add(lb)
}

/// Output length sufficient for `a * b`, from the factors' bit lengths
/// (high zero digits ignored): the product of a `p`-bit and a `q`-bit
/// number has `p + q` or `p + q - 1` bits, so this is the real length
/// except when those two bit counts need different digit counts (one time
/// in 32). At most [`mul_len`]; [`mul`] and [`mul_mag`] accept an output
/// of this length (products this short go through schoolbook), except on
/// bare-metal targets.
#[inline]
pub fn mul_len_tight(a: &[Digit], b: &[Digit]) -> usize {
    let (pa, pb) = (crate::bits::bit_length(a), crate::bits::bit_length(b));
    if pa == 0 || pb == 0 {
        return 0;
    }
    (pa + pb).div_ceil(crate::DIGIT_BITS as u64) as usize
}

/// Scratch length that lets [`mul`] / [`mul_mag`] use Karatsuba for factors
/// of `la` and `lb` digits (0 when the product is schoolbook anyway). At
/// most about `2 * min(max(la, lb), 2 * min(la, lb))` digits.
pub fn mul_scratch_len(la: usize, lb: usize) -> usize {
    let lo = la.min(lb);
    if !KARATSUBA || lo < KARATSUBA_THRESHOLD {
        return 0;
    }
    scratch_bound(la.max(lb).min(lo.saturating_mul(2)))
}

/// Scratch sufficient for any product whose longer factor has at most `n`
/// digits (see the module docs): `W(n) = 2*ceil(n/2) + W(ceil(n/2))`, so
/// at most about `2n`.
fn scratch_bound(mut n: usize) -> usize {
    let mut total: usize = 0;
    while n >= KARATSUBA_THRESHOLD {
        let h = n - n / 2;
        total = total.saturating_add(h.saturating_mul(2));
        n = h;
    }
    total
}

/// `out = |a| * |b|`; returns the normalised length.
///
/// `out` needs [`mul_len`]`(a.len(), b.len())` digits (of the normalised
/// inputs), or at least [`mul_len_tight`]`(a, b)` (one fewer when the top
/// digit of the product is zero: then the product is schoolbook).
/// `scratch` should have [`mul_scratch_len`] digits; with less, the
/// product is computed by the (slower, quadratic) schoolbook method instead.
/// Passing the same slice as `a` and `b` selects squaring, which is faster.
pub fn mul_mag(out: &mut [Digit], a: &[Digit], b: &[Digit], scratch: &mut [Digit]) -> Result<usize, Error> {
    #[cfg(target_pointer_width = "64")]
    if let (Some(x), Some(y)) = (crate::limb::small(a), crate::limb::small(b)) {
        return crate::limb::write_small(out, x as u128 * y as u128);
    }
    let same = core::ptr::eq(a, b);
    let (a, b) = (trim(a), trim(b));
    let n = a.len() + b.len();
    // A short output (by one digit) is enough when the product's top digit
    // is zero, which the bit lengths prove. (Not on the boards, whose
    // callers size outputs by the digit counts: less code.)
    #[cfg(target_os = "none")]
    let (full, out) = (true, out.get_mut(..n).ok_or(Error::BufferTooSmall)?);
    #[cfg(not(target_os = "none"))]
    let (full, out) = {
        let full = out.len() >= n;
        if !full && out.len() < mul_len_tight(a, b) {
            return Err(Error::BufferTooSmall);
        }
        let len = out.len().min(n);
        (full, out.get_mut(..len).unwrap_or_default())
    };
    if a.is_empty() || b.is_empty() {
        return Ok(0);
    }
    let (a, b) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    if let &[d] = b {
        // (The top digit only if there is room: a short output means the
        // carry is zero.)
        let c = digits::mul_digit_to(out, a, d, 0);
        if let Some(top) = out.get_mut(a.len()) {
            *top = c;
        }
    } else if !full {
        // (Schoolbook drops only the zero top digit; squaring and
        // Karatsuba need the whole output.)
        school(out, a, b);
    } else if cfg!(target_pointer_width = "64") && b.len() < KARATSUBA_THRESHOLD {
        // (Straight to schoolbook: short products are frequent on hosts.)
        if same {
            sqr_school(out, a);
        } else {
            school(out, a, b);
        }
    } else if KARATSUBA && scratch.len() >= mul_scratch_len(a.len(), b.len()) {
        // The squaring path needs the identical slice for both factors.
        let b = if same { a } else { b };
        mul_rec(out, a, b, scratch);
    } else {
        note_fallback(b.len());
        if same {
            sqr_school(out, a);
        } else {
            school(out, a, b);
        }
    }
    Ok(digits::norm(out, out.len()))
}

/// `out = a * b` (signed); returns the result's sign and length. Lengths
/// and scratch as for [`mul_mag`].
pub fn mul(out: &mut [Digit], a: MpzRef<'_>, b: MpzRef<'_>, scratch: &mut [Digit]) -> Result<SignedLen, Error> {
    let n = mul_mag(out, a.mag, b.mag, scratch)?;
    Ok(SignedLen::new(a.neg != b.neg, n))
}

/// `out = |a| * d` for one digit `d`; returns the normalised length. `out`
/// needs `a.len() + 1` digits (`a.len()` suffice when the product does not
/// carry into a new digit).
#[cfg_attr(not(target_os = "none"), inline)]
pub fn mul_digit_mag(out: &mut [Digit], a: &[Digit], d: Digit) -> Result<usize, Error> {
    // An empty (zero) `a` needs no room: the product is 0.
    mul_digit_norm(out, trim(a), d)
}

/// [`mul_digit_mag`] for a normalised `a` (no high zero digits, as a big
/// int's digits are): no trimming first, so only the product's own loop
/// reads `a`. A high zero digit in `a` gives an unnormalised length (a
/// wrong value, never a panic).
///
/// Errors: [`Error::BufferTooSmall`] as [`mul_digit_mag`].
#[cfg_attr(not(target_os = "none"), inline)]
pub fn mul_digit_norm(out: &mut [Digit], a: &[Digit], d: Digit) -> Result<usize, Error> {
    if d == 0 {
        return Ok(0);
    }
    if out.len() < a.len() {
        return Err(Error::BufferTooSmall);
    }
    let c = digits::mul_digit_to(out, a, d, 0);
    if c == 0 {
        return Ok(a.len());
    }
    let top = out.get_mut(a.len()).ok_or(Error::BufferTooSmall)?;
    *top = c;
    Ok(a.len() + 1)
}

/// In place, `acc[..len] = acc[..len] * m + add`; returns the new
/// normalised length. Needs `acc.len() > len` when the result grows by a
/// digit. The building block of text parsing and of the fast
/// `small * big + small` paths.
pub fn mul_small_add_in_place(acc: &mut [Digit], len: usize, m: Digit, add: Digit) -> Result<usize, Error> {
    let body = acc.get_mut(..len).ok_or(Error::BufferTooSmall)?;
    let carry = digits::mul_digit_to_in_place(body, m, add);
    if carry == 0 {
        return Ok(digits::norm(acc, len));
    }
    let top = acc.get_mut(len).ok_or(Error::BufferTooSmall)?;
    *top = carry as Digit;
    Ok(len + 1)
}

/// `out[..a.len() + b.len()] = a * b`, every digit of that range written.
/// `scratch` holds at least `scratch_bound(max(la, lb))` digits (checked
/// at the top level); if a split fails anyway the product falls back to
/// schoolbook. `a` and `b` being the identical slice means squaring.
fn mul_rec(out: &mut [Digit], a: &[Digit], b: &[Digit], scratch: &mut [Digit]) {
    let same = core::ptr::eq(a, b);
    let full = a.len() + b.len();
    let (ta, tb) = (trim(a), trim(b));
    if ta.is_empty() || tb.is_empty() {
        if let Some(all) = out.get_mut(..full) {
            digits::zero(all);
        }
        return;
    }
    let n = ta.len() + tb.len();
    if let Some(high) = out.get_mut(n..full) {
        digits::zero(high);
    }
    let Some(out) = out.get_mut(..n) else { return };
    if same {
        if ta.len() < KARATSUBA_THRESHOLD || !karatsuba(out, ta, ta, scratch) {
            note_fallback(ta.len());
            sqr_school(out, ta);
        }
        return;
    }
    let (a, b) = if ta.len() >= tb.len() { (ta, tb) } else { (tb, ta) };
    if b.len() < KARATSUBA_THRESHOLD {
        school(out, a, b);
    } else if b.len() > a.len().div_ceil(2) {
        if !karatsuba(out, a, b, scratch) {
            note_fallback(b.len());
            school(out, a, b);
        }
    } else if !chunked(out, a, b, scratch) {
        note_fallback(b.len());
        school(out, a, b);
    }
}

/// Products that fell back to schoolbook for want of scratch, for the
/// unit test that checks the scratch bound suffices at every level.
#[cfg(test)]
pub(crate) static FALLBACKS: core::sync::atomic::AtomicUsize = core::sync::atomic::AtomicUsize::new(0);

/// Counts a fallback to schoolbook at or above the Karatsuba threshold
/// (in unit tests; nothing otherwise).
#[inline(always)]
fn note_fallback(_len: usize) {
    #[cfg(test)]
    if _len >= KARATSUBA_THRESHOLD {
        FALLBACKS.fetch_add(1, core::sync::atomic::Ordering::Relaxed);
    }
}

/// Karatsuba step for `la >= lb > ceil(la/2)` (or `a`, `b` identical).
/// Returns false, with `out` unspecified, if `scratch` is too short.
///
/// Uses `2m` digits of scratch (plus the recursion's): the differences
/// `|a0 - a1|` and `|b1 - b0|` go into `out` first, their product `t`
/// into the scratch, then `z0` and `z2` into `out`, and the middle term
/// `(z0 + z2 -/+ t) << m` is added in place.
fn karatsuba(out: &mut [Digit], a: &[Digit], b: &[Digit], scratch: &mut [Digit]) -> bool {
    let same = core::ptr::eq(a, b);
    let m = a.len().div_ceil(2);
    let total = a.len() + b.len();
    let (Some((a0, a1)), Some((b0, b1))) = (a.split_at_checked(m), b.split_at_checked(m)) else {
        return false;
    };
    let Some(out) = out.get_mut(..total) else { return false };
    let Some((t, rest)) = scratch.split_at_mut_checked(2 * m) else { return false };

    // d_a = |a0 - a1| and d_b = |b1 - b0| in out[..2m] (m digits each),
    // t = d_a * d_b in the scratch.
    let neg = {
        let Some((da, db)) = out.split_at_mut_checked(m) else { return false };
        let Some(db) = db.get_mut(..m) else { return false };
        let neg_a = abs_diff_to(da, a0, a1);
        if same {
            mul_rec(t, da, da, rest);
            neg_a
        } else {
            let neg_b = abs_diff_to(db, b1, b0);
            mul_rec(t, da, db, rest);
            neg_a != neg_b
        }
    };
    // (a0 - a1)(b1 - b0) is negative when exactly one difference is; for a
    // square it is -(a0 - a1)^2, always subtracted.
    let subtract = same || neg;

    // z0 = a0*b0 into out[..2m], z2 = a1*b1 into out[2m..].
    let Some((lo, hi)) = out.split_at_mut_checked(2 * m) else { return false };
    if same {
        mul_rec(lo, a0, a0, rest);
        mul_rec(hi, a1, a1, rest);
    } else {
        mul_rec(lo, a0, b0, rest);
        mul_rec(hi, a1, b1, rest);
    }

    // out += (z0 + z2) << m, in place. With z0 = z0l + z0h << m and z2 =
    // z2l + z2h << m, and x = z0h + z2l: digits m..2m become z0l + x and
    // digits 2m..3m become x + z2h, plus the carries.
    let (Some((z0l, z0h)), Some((x, z2h))) = (lo.split_at_mut_checked(m), hi.split_at_mut_checked(m)) else {
        return false;
    };
    let cx = digits::add_assign(x, z0h);
    let c1 = digits::add_to(z0h, z0l, x);
    let c2 = digits::add_assign(x, z2h);
    if let Some(upper) = out.get_mut(2 * m..) {
        digits::add_assign(upper, &[cx + c1]);
    }
    if let Some(upper) = out.get_mut(3 * m..) {
        digits::add_assign(upper, &[cx + c2]);
    }
    // out -/+= t << m. The intermediate sums may wrap past the top; the
    // true product fits, so the wrapped carries cancel.
    if let Some(upper) = out.get_mut(m..) {
        let t = trim(t);
        if subtract {
            digits::sub_assign(upper, t);
        } else {
            digits::add_assign(upper, t);
        }
    }
    true
}

/// `out = |x - y|` over `out.len()` digits (`x`, `y` at most that long);
/// returns whether `x < y`.
fn abs_diff_to(out: &mut [Digit], x: &[Digit], y: &[Digit]) -> bool {
    let (x, y) = (trim(x), trim(y));
    let swap = crate::cmp::cmp_mag(x, y) == core::cmp::Ordering::Less;
    let (x, y) = if swap { (y, x) } else { (x, y) };
    digits::zero(out);
    digits::sub_to(out, x, y);
    swap
}

/// Product of a long `a` by a `b` of at most `ceil(la/2)` digits, one
/// `lb`-digit chunk of `a` at a time. Returns false if scratch is short.
fn chunked(out: &mut [Digit], a: &[Digit], b: &[Digit], scratch: &mut [Digit]) -> bool {
    let lb = b.len();
    let Some((tmp, rest)) = scratch.split_at_mut_checked(2 * lb) else { return false };
    let Some(out) = out.get_mut(..a.len() + lb) else { return false };
    digits::zero(out);
    for (i, chunk) in a.chunks(lb).enumerate() {
        let Some(t) = tmp.get_mut(..chunk.len() + lb) else { return false };
        mul_rec(t, chunk, b, rest);
        if let Some(dst) = out.get_mut(i * lb..) {
            digits::add_assign(dst, t);
        }
    }
    true
}

/// Schoolbook `out[..la+lb] = a * b`. `out` may be one digit short when
/// the product's top digit is zero (the write of that digit is dropped).
pub(crate) fn school(out: &mut [Digit], a: &[Digit], b: &[Digit]) {
    #[cfg(target_pointer_width = "64")]
    return crate::limb::school(out, a, b);
    #[cfg(not(target_pointer_width = "64"))]
    school32(out, a, b)
}

/// [`school`] a digit at a time, for 32-bit targets.
#[cfg(not(target_pointer_width = "64"))]
fn school32(out: &mut [Digit], a: &[Digit], b: &[Digit]) {
    let la = a.len();
    let n = la + b.len();
    let m = if out.len() >= n { n } else { n.saturating_sub(1) };
    let Some(out) = out.get_mut(..m) else { return };
    // The shorter factor drives the outer loop, the longer the inner one.
    let (a, b) = if la >= b.len() { (a, b) } else { (b, a) };
    digits::zero(out);
    for (i, &d) in b.iter().enumerate() {
        if d == 0 {
            continue;
        }
        if let Some(row) = out.get_mut(i..) {
            let c = digits::mul_digit_add(row, a, d);
            if let Some(top) = row.get_mut(a.len()) {
                *top = c;
            }
        }
    }
}

/// Schoolbook square `out[..2*la] = a * a`: the cross products once,
/// doubled, plus the diagonal squares.
pub(crate) fn sqr_school(out: &mut [Digit], a: &[Digit]) {
    #[cfg(target_pointer_width = "64")]
    return crate::limb::sqr_school(out, a);
    #[cfg(not(target_pointer_width = "64"))]
    sqr_school32(out, a)
}

/// [`sqr_school`] a digit at a time, for 32-bit targets.
#[cfg(not(target_pointer_width = "64"))]
fn sqr_school32(out: &mut [Digit], a: &[Digit]) {
    let la = a.len();
    let Some(out) = out.get_mut(..2 * la) else { return };
    digits::zero(out);
    // Cross products a[i]*a[j] for i < j, at digit i + j.
    for (i, &d) in a.iter().enumerate() {
        let (Some(rest), Some(row)) = (a.get(i + 1..), out.get_mut(2 * i + 1..)) else { continue };
        if d == 0 || rest.is_empty() {
            continue;
        }
        let c = digits::mul_digit_add(row, rest, d);
        if let Some(top) = row.get_mut(rest.len()) {
            *top = c;
        }
    }
    // Double them (the sum is below 2^(64*la - 1), so no bit is lost).
    let mut carry = 0;
    for x in out.iter_mut() {
        let v = *x;
        *x = (v << 1) | carry;
        carry = v >> 31;
    }
    // Add the squares a[i]^2 at digit 2i.
    let mut carry: u64 = 0;
    let (pairs, _) = out.as_chunks_mut::<2>();
    for ([lo, hi], &d) in pairs.iter_mut().zip(a.iter()) {
        let sq = (d as u64) * (d as u64);
        let t0 = (*lo as u64) + (sq & 0xffff_ffff) + carry;
        *lo = t0 as Digit;
        let t1 = (*hi as u64) + (sq >> 32) + (t0 >> 32);
        *hi = t1 as Digit;
        carry = t1 >> 32;
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::unwrap_used)]
mod tests {
    use super::*;
    use core::sync::atomic::Ordering;

    /// With exactly `mul_scratch_len` digits of scratch, Karatsuba runs at
    /// every level (no schoolbook fallback) and the products are right.
    #[test]
    fn scratch_bound_suffices_at_every_level() {
        let t = KARATSUBA_THRESHOLD;
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut digit = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as u32 | 1
        };
        let shapes = [(t, t), (t + 1, t), (2 * t - 1, t), (2 * t, t), (2 * t + 1, t + 1), (3 * t + 5, t + 2), (4 * t + 3, 4 * t + 3), (7 * t + 3, 2 * t + 1), (9 * t + 1, 8 * t + 5), (33 * t, 2 * t + 7)];
        for (la, lb) in shapes {
            let a: [u32; 2200] = core::array::from_fn(|_| digit());
            let b: [u32; 2200] = core::array::from_fn(|_| digit());
            let (a, b) = (&a[..la], &b[..lb]);
            for square in [false, true] {
                let b = if square { a } else { b };
                let before = FALLBACKS.load(Ordering::Relaxed);
                let mut out = [0u32; 4400];
                let mut scratch = [0u32; 5000];
                let need = mul_scratch_len(a.len(), b.len());
                let n = mul_mag(&mut out[..la + b.len()], a, b, &mut scratch[..need]).unwrap();
                assert_eq!(FALLBACKS.load(Ordering::Relaxed), before, "fallback for {la} x {} digits", b.len());
                let mut want = [0u32; 4400];
                school(&mut want, a, b);
                assert_eq!(&out[..n], crate::trim(&want[..la + b.len()]), "{la} x {} digits", b.len());
            }
        }
    }
}
