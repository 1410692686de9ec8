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
/// schoolbook.
pub const KARATSUBA_THRESHOLD: usize = 32;

/// Output length sufficient for `a * b` with factors of `la` and `lb`
/// digits: `la + lb`.
#[inline]
pub fn mul_len(la: usize, lb: usize) -> usize {
    la.saturating_add(lb)
}

/// Scratch length that lets [`mul`] / [`mul_mag`] use Karatsuba for factors
/// of `la` and `lb` digits (0 when the product is schoolbook anyway). At
/// most about `4 * min(max(la, lb), 2 * min(la, lb))` digits.
pub fn mul_scratch_len(la: usize, lb: usize) -> usize {
    let lo = la.min(lb);
    if lo < KARATSUBA_THRESHOLD {
        return 0;
    }
    scratch_bound(la.max(lb).min(lo.saturating_mul(2)))
}

/// Scratch sufficient for any product whose longer factor has at most `n`
/// digits (see the module docs): `W(n) = 4*ceil(n/2) + 2 + W(ceil(n/2))`.
fn scratch_bound(mut n: usize) -> usize {
    let mut total: usize = 0;
    while n >= KARATSUBA_THRESHOLD {
        let h = n - n / 2;
        total = total.saturating_add(h.saturating_mul(4).saturating_add(2));
        n = h;
    }
    total
}

/// `out = |a| * |b|`; returns the normalised length.
///
/// `out` needs [`mul_len`]`(a.len(), b.len())` digits (of the normalised
/// inputs). `scratch` should have [`mul_scratch_len`] digits; with less, the
/// product is computed by the (slower, quadratic) schoolbook method instead.
/// Passing the same slice as `a` and `b` selects squaring, which is faster.
pub fn mul_mag(out: &mut [Digit], a: &[Digit], b: &[Digit], scratch: &mut [Digit]) -> Result<usize, Error> {
    let same = core::ptr::eq(a, b);
    let (a, b) = (trim(a), trim(b));
    let n = a.len() + b.len();
    let out = out.get_mut(..n).ok_or(Error::BufferTooSmall)?;
    if a.is_empty() || b.is_empty() {
        return Ok(0);
    }
    let (a, b) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    if let &[d] = b {
        let c = digits::mul_digit_to(out, a, d, 0);
        if let Some(top) = out.last_mut() {
            *top = c;
        }
    } else if scratch.len() >= mul_scratch_len(a.len(), b.len()) {
        // The squaring path needs the identical slice for both factors.
        let b = if same { a } else { b };
        mul_rec(out, a, b, scratch);
    } else if same {
        sqr_school(out, a);
    } else {
        school(out, a, b);
    }
    Ok(digits::norm(out, n))
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
pub fn mul_digit_mag(out: &mut [Digit], a: &[Digit], d: Digit) -> Result<usize, Error> {
    let a = trim(a);
    if d == 0 || a.is_empty() {
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
            sqr_school(out, ta);
        }
        return;
    }
    let (a, b) = if ta.len() >= tb.len() { (ta, tb) } else { (tb, ta) };
    if b.len() < KARATSUBA_THRESHOLD {
        school(out, a, b);
    } else if b.len() > a.len().div_ceil(2) {
        if !karatsuba(out, a, b, scratch) {
            school(out, a, b);
        }
    } else if !chunked(out, a, b, scratch) {
        school(out, a, b);
    }
}

/// Karatsuba step for `la >= lb > ceil(la/2)` (or `a`, `b` identical).
/// Returns false, with `out` unspecified, if `scratch` is too short.
fn karatsuba(out: &mut [Digit], a: &[Digit], b: &[Digit], scratch: &mut [Digit]) -> bool {
    let same = core::ptr::eq(a, b);
    let m = a.len().div_ceil(2);
    let total = a.len() + b.len();
    let (Some((a0, a1)), Some((b0, b1))) = (a.split_at_checked(m), b.split_at_checked(m)) else {
        return false;
    };
    if scratch.len() < 4 * m + 2 {
        return false;
    }
    let Some(out) = out.get_mut(..total) else { return false };
    let Some((lo, hi)) = out.split_at_mut_checked(2 * m) else { return false };

    // z0 = a0*b0 into out[..2m], z2 = a1*b1 into out[2m..]; these may use
    // all of the scratch, which holds nothing yet.
    if same {
        mul_rec(lo, a0, a0, scratch);
        mul_rec(hi, a1, a1, scratch);
    } else {
        mul_rec(lo, a0, b0, scratch);
        mul_rec(hi, a1, b1, scratch);
    }
    let Some((s1, rest)) = scratch.split_at_mut_checked(2 * m + 1) else { return false };
    let Some((s2, rest)) = rest.split_at_mut_checked(2 * m + 1) else { return false };

    // d_a = |a0 - a1| and d_b = |b1 - b0| in s1 (m digits each).
    let Some((da, db)) = s1.split_at_mut_checked(m) else { return false };
    let Some(db) = db.get_mut(..m) else { return false };
    let neg_a = abs_diff_to(da, a0, a1);
    let neg_b = if same { neg_a } else { abs_diff_to(db, b1, b0) };
    // t = d_a * d_b into s2[..2m].
    let Some(t) = s2.get_mut(..2 * m) else { return false };
    if same {
        mul_rec(t, da, da, rest);
    } else {
        mul_rec(t, da, db, rest);
    }
    // (a0 - a1)(b1 - b0) is negative when exactly one difference is; for a
    // square it is -(a0 - a1)^2, always subtracted.
    let subtract = if same { true } else { neg_a != neg_b };

    // mid = z0 + z2 -/+ t in s1 (2m+1 digits).
    digits::copy(s1, lo);
    if let Some(top) = s1.get_mut(2 * m) {
        *top = 0;
    }
    digits::add_assign(s1, hi);
    if subtract {
        digits::sub_assign(s1, t);
    } else {
        digits::add_assign(s1, t);
    }
    // out += mid << (32*m); the true product fits, so no carry leaves out.
    if let Some(upper) = out.get_mut(m..) {
        digits::add_assign(upper, trim(s1));
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

/// Schoolbook `out[..la+lb] = a * b`.
fn school(out: &mut [Digit], a: &[Digit], b: &[Digit]) {
    #[cfg(target_pointer_width = "64")]
    return crate::limb::school(out, a, b);
    #[cfg(not(target_pointer_width = "64"))]
    school32(out, a, b)
}

/// [`school`] a digit at a time, for 32-bit targets.
#[cfg(not(target_pointer_width = "64"))]
fn school32(out: &mut [Digit], a: &[Digit], b: &[Digit]) {
    let la = a.len();
    let Some(out) = out.get_mut(..la + b.len()) else { return };
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
fn sqr_school(out: &mut [Digit], a: &[Digit]) {
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
