//! Digit-vector primitives shared by the operations.
//!
//! All loops run over iterators (zipped with the shortest slice first, so no
//! element of a longer one is skipped by accident), so none of them can
//! index out of bounds. Preconditions on lengths are the callers' to keep;
//! violating one gives a wrong value, never a panic.

use crate::Digit;

/// `acc += b`, with the carry propagated through all of `acc`. Requires
/// `b.len() <= acc.len()` (extra digits of `b` are ignored). Returns the
/// carry out of `acc` (0 or 1).
#[inline]
pub(crate) fn add_assign(acc: &mut [Digit], b: &[Digit]) -> Digit {
    #[cfg(target_pointer_width = "64")]
    return crate::limb::add_assign(acc, b);
    #[cfg(not(target_pointer_width = "64"))]
    {
        let b = b.get(..acc.len()).unwrap_or(b);
        let Some((lo, hi)) = acc.split_at_mut_checked(b.len()) else { return 0 };
        let mut carry = false;
        for (x, &y) in lo.iter_mut().zip(b) {
            let (s1, c1) = x.overflowing_add(y);
            let (s2, c2) = s1.overflowing_add(carry as Digit);
            *x = s2;
            carry = c1 | c2;
    }
    if !carry {
        return 0;
    }
    for x in hi {
        let (s, c) = x.overflowing_add(1);
        *x = s;
        if !c {
            return 0;
        }
    }
    1
    }
}

/// `acc -= b`, with the borrow propagated through all of `acc`. Requires
/// `b.len() <= acc.len()`. Returns the borrow out of `acc` (0 or 1).
#[inline]
pub(crate) fn sub_assign(acc: &mut [Digit], b: &[Digit]) -> Digit {
    #[cfg(target_pointer_width = "64")]
    return crate::limb::sub_assign(acc, b);
    #[cfg(not(target_pointer_width = "64"))]
    {
        let b = b.get(..acc.len()).unwrap_or(b);
        let Some((lo, hi)) = acc.split_at_mut_checked(b.len()) else { return 0 };
        let mut borrow = false;
        for (x, &y) in lo.iter_mut().zip(b) {
            let (s1, c1) = x.overflowing_sub(y);
            let (s2, c2) = s1.overflowing_sub(borrow as Digit);
            *x = s2;
            borrow = c1 | c2;
    }
    if !borrow {
        return 0;
    }
    for x in hi {
        let (s, c) = x.overflowing_sub(1);
        *x = s;
        if !c {
            return 0;
        }
    }
    1
    }
}

/// `acc = b - acc` over `acc.len()` digits, with `b.len() <= acc.len()`
/// (missing digits of `b` are zero). Returns the borrow (1 if `acc > b`).
pub(crate) fn rsub_assign(acc: &mut [Digit], b: &[Digit]) -> Digit {
    let mut borrow = false;
    let mut bi = b.iter();
    for x in acc.iter_mut() {
        let y = bi.next().copied().unwrap_or(0);
        let (s1, c1) = y.overflowing_sub(*x);
        let (s2, c2) = s1.overflowing_sub(borrow as Digit);
        *x = s2;
        borrow = c1 | c2;
    }
    borrow as Digit
}

/// `out = a + b` over `a.len()` digits, requiring `b.len() <= a.len() <=
/// out.len()`. Returns the carry out of digit `a.len() - 1`.
#[inline]
pub(crate) fn add_to(out: &mut [Digit], a: &[Digit], b: &[Digit]) -> Digit {
    #[cfg(target_pointer_width = "64")]
    return crate::limb::add_to(out, a, b);
    #[cfg(not(target_pointer_width = "64"))]
    {
        let n = a.len().min(out.len());
        let Some(out) = out.get_mut(..n) else { return 0 };
        let b = b.get(..out.len()).unwrap_or(b);
        let (Some((o_lo, o_hi)), Some((a_lo, a_hi))) = (out.split_at_mut_checked(b.len()), a.split_at_checked(b.len())) else {
            return 0;
        };
        // Two digits at a time as one 64-bit word (one add-with-carry on
        // 64-bit hosts), then the odd digit.
        let mut carry = false;
        let (o2, o_rest) = o_lo.as_chunks_mut::<2>();
        let (a2, a_rest) = a_lo.as_chunks::<2>();
        let (b2, b_rest) = b.as_chunks::<2>();
        for ((o, x), y) in o2.iter_mut().zip(a2).zip(b2) {
            let xx = x[0] as u64 | (x[1] as u64) << 32;
            let yy = y[0] as u64 | (y[1] as u64) << 32;
            let (s1, c1) = xx.overflowing_add(yy);
            let (s2, c2) = s1.overflowing_add(carry as u64);
            *o = [s2 as Digit, (s2 >> 32) as Digit];
            carry = c1 | c2;
    }
    for ((o, &x), &y) in o_rest.iter_mut().zip(a_rest).zip(b_rest) {
        let (s1, c1) = x.overflowing_add(y);
        let (s2, c2) = s1.overflowing_add(carry as Digit);
        *o = s2;
        carry = c1 | c2;
    }
    propagate_to(o_hi, a_hi, carry, Digit::overflowing_add) as Digit
    }
}

/// `out = a + carry` (with `op` = add) or `a - borrow` (sub): ripples the
/// carry only as far as it goes, then copies. Returns the final carry.
#[cfg(not(target_pointer_width = "64"))]
#[inline]
fn propagate_to(out: &mut [Digit], a: &[Digit], mut carry: bool, op: fn(Digit, Digit) -> (Digit, bool)) -> bool {
    let mut done = 0;
    for (o, &x) in out.iter_mut().zip(a) {
        if !carry {
            break;
        }
        let (s, c) = op(x, 1);
        *o = s;
        carry = c;
        done += 1;
    }
    if let (Some(o), Some(x)) = (out.get_mut(done..), a.get(done..)) {
        copy(o, x);
    }
    carry
}

/// `out = a - b` over `a.len()` digits, requiring `b.len() <= a.len() <=
/// out.len()`. Returns the borrow (1 if `b > a`).
#[inline]
pub(crate) fn sub_to(out: &mut [Digit], a: &[Digit], b: &[Digit]) -> Digit {
    #[cfg(target_pointer_width = "64")]
    return crate::limb::sub_to(out, a, b);
    #[cfg(not(target_pointer_width = "64"))]
    {
        let n = a.len().min(out.len());
        let Some(out) = out.get_mut(..n) else { return 0 };
        let b = b.get(..out.len()).unwrap_or(b);
        let (Some((o_lo, o_hi)), Some((a_lo, a_hi))) = (out.split_at_mut_checked(b.len()), a.split_at_checked(b.len())) else {
            return 0;
        };
        let mut borrow = false;
        for ((o, &x), &y) in o_lo.iter_mut().zip(a_lo).zip(b) {
            let (s1, c1) = x.overflowing_sub(y);
            let (s2, c2) = s1.overflowing_sub(borrow as Digit);
            *o = s2;
            borrow = c1 | c2;
    }
    propagate_to(o_hi, a_hi, borrow, Digit::overflowing_sub) as Digit
    }
}

/// `acc[..a.len()] += a * d + carry`; returns the final carry digit (not
/// added to `acc`). Requires `a.len() <= acc.len()`.
#[cfg(not(target_pointer_width = "64"))]
#[inline]
pub(crate) fn mul_digit_add(acc: &mut [Digit], a: &[Digit], d: Digit) -> Digit {
    let mut carry: u64 = 0;
    let d = d as u64;
    for (&x, r) in a.iter().zip(acc.iter_mut()) {
        // (2^32-1)^2 + 2*(2^32-1) = 2^64-1: never overflows.
        let t = (x as u64) * d + (*r as u64) + carry;
        *r = t as Digit;
        carry = t >> 32;
    }
    carry as Digit
}

/// `out[..a.len()] = a * d + carry_in`; returns the final carry digit.
/// Requires `a.len() <= out.len()`.
#[inline]
pub(crate) fn mul_digit_to(out: &mut [Digit], a: &[Digit], d: Digit, carry_in: Digit) -> Digit {
    #[cfg(target_pointer_width = "64")]
    return crate::limb::mul_digit_to(out, a, d, carry_in);
    #[cfg(not(target_pointer_width = "64"))]
    {
        let mut carry = carry_in as u64;
        let d = d as u64;
        for (&x, r) in a.iter().zip(out.iter_mut()) {
            let t = (x as u64) * d + carry;
            *r = t as Digit;
            carry = t >> 32;
    }
    carry as Digit
    }
}

/// In place, `a = a * d + carry_in`; returns the carry digit.
#[inline]
pub(crate) fn mul_digit_to_in_place(a: &mut [Digit], d: Digit, carry_in: Digit) -> Digit {
    #[cfg(target_pointer_width = "64")]
    return crate::limb::mul_limb_add_in_place(a, d as u64, carry_in as u64) as Digit;
    #[cfg(not(target_pointer_width = "64"))]
    {
        let mut carry = carry_in as u64;
        let d = d as u64;
        for x in a.iter_mut() {
            let t = (*x as u64) * d + carry;
            *x = t as Digit;
            carry = t >> 32;
        }
        carry as Digit
    }
}

/// `acc[..a.len()] -= a * d`; returns what must still be subtracted from
/// `acc[a.len()]` (up to `2^32`). Requires `a.len() <= acc.len()`.
#[cfg(not(target_pointer_width = "64"))]
#[inline]
pub(crate) fn mul_digit_sub(acc: &mut [Digit], a: &[Digit], d: Digit) -> u64 {
    let mut borrow: u64 = 0;
    let d = d as u64;
    for (&x, r) in a.iter().zip(acc.iter_mut()) {
        // At most (2^32-1)^2 + 2^32 < 2^64.
        let p = (x as u64) * d + borrow;
        let (s, b) = r.overflowing_sub(p as Digit);
        *r = s;
        borrow = (p >> 32) + b as u64;
    }
    borrow
}

/// `out[..a.len()] = a << shift` for `shift < 32`; returns the bits shifted
/// out of the top digit. Requires `a.len() <= out.len()`.
#[inline]
pub(crate) fn shl_bits_to(out: &mut [Digit], a: &[Digit], shift: u32) -> Digit {
    #[cfg(target_pointer_width = "64")]
    return crate::limb::shl_bits_to(out, a, shift);
    #[cfg(not(target_pointer_width = "64"))]
    {
        if shift == 0 {
            for (&x, o) in a.iter().zip(out.iter_mut()) {
                *o = x;
            }
            return 0;
    }
    let back = 32 - shift;
    let mut carry: Digit = 0;
    for (&x, o) in a.iter().zip(out.iter_mut()) {
        *o = (x << shift) | carry;
        carry = x >> back;
    }
    carry
    }
}

/// `out[..a.len()] = (a >> shift) | (high << (32 - shift))` for `shift <
/// 32`, where `high` is the digit above `a`. Requires `a.len() <=
/// out.len()`.
#[inline]
pub(crate) fn shr_bits_to(out: &mut [Digit], a: &[Digit], shift: u32, high: Digit) {
    #[cfg(target_pointer_width = "64")]
    return crate::limb::shr_bits_to(out, a, shift, high);
    #[cfg(not(target_pointer_width = "64"))]
    {
        if shift == 0 {
            for (&x, o) in a.iter().zip(out.iter_mut()) {
                *o = x;
            }
            return;
    }
    let back = 32 - shift;
    let mut upper = high;
    for (&x, o) in a.iter().zip(out.iter_mut()).rev() {
        *o = (x >> shift) | (upper << back);
        upper = x;
    }
    }
}

/// Shifts `a` right in place by `shift < 32` bits, bringing zeros in at the
/// top.
pub(crate) fn shr_bits_in_place(a: &mut [Digit], shift: u32) {
    if shift == 0 {
        return;
    }
    let back = 32 - shift;
    let mut upper: Digit = 0;
    for x in a.iter_mut().rev() {
        let v = *x;
        *x = (v >> shift) | (upper << back);
        upper = v;
    }
}

/// In place, `a = -a` modulo `2^(32 * a.len())` (two's complement: every
/// bit flipped, then one added).
pub(crate) fn negate(a: &mut [Digit]) {
    for x in a.iter_mut() {
        *x = !*x;
    }
    for x in a.iter_mut() {
        let (s, c) = x.overflowing_add(1);
        *x = s;
        if !c {
            return;
        }
    }
}

/// Copies `src` to the start of `dst` (as many digits as fit).
#[inline]
pub(crate) fn copy(dst: &mut [Digit], src: &[Digit]) {
    for (d, &s) in dst.iter_mut().zip(src.iter()) {
        *d = s;
    }
}

/// Sets every digit of `a` to zero.
#[inline]
pub(crate) fn zero(a: &mut [Digit]) {
    for x in a.iter_mut() {
        *x = 0;
    }
}

/// `out[..n]` as a normalised length: `n` less its high zero digits.
#[inline]
pub(crate) fn norm(out: &[Digit], n: usize) -> usize {
    crate::normalized_len(out.get(..n).unwrap_or(out))
}

/// Moves `a[from..]` to the start of `a` (an overlapping copy downwards,
/// what `copy_within(from.., 0)` does, but with no panic path).
pub(crate) fn move_down<T: Copy>(a: &mut [T], from: usize) {
    for i in 0..a.len().saturating_sub(from) {
        if let Some(v) = a.get(i.wrapping_add(from)).copied() {
            if let Some(d) = a.get_mut(i) {
                *d = v;
            }
        }
    }
}

/// Reverses `a` in place (like `reverse()`, with no panic path).
pub(crate) fn reverse<T>(a: &mut [T]) {
    let half = a.len() / 2;
    if let Some((lo, hi)) = a.split_at_mut_checked(half) {
        for (x, y) in lo.iter_mut().zip(hi.iter_mut().rev()) {
            core::mem::swap(x, y);
        }
    }
}
