//! Comparisons of magnitudes and of signed integers.

use crate::{trim, Digit, MpzRef};
use core::cmp::Ordering;

/// Compares two magnitudes (high zero digits ignored).
pub fn cmp_mag(a: &[Digit], b: &[Digit]) -> Ordering {
    let a = trim(a);
    let b = trim(b);
    match a.len().cmp(&b.len()) {
        Ordering::Equal => {}
        o => return o,
    }
    for (x, y) in a.iter().rev().zip(b.iter().rev()) {
        match x.cmp(y) {
            Ordering::Equal => {}
            o => return o,
        }
    }
    Ordering::Equal
}

/// [`cmp_mag`] for normalised magnitudes (no high zero digits, as a big
/// int's are): no trimming first. A high zero digit gives a wrong order
/// (never a panic).
#[inline]
pub fn cmp_mag_norm(a: &[Digit], b: &[Digit]) -> Ordering {
    if a.len() != b.len() {
        return a.len().cmp(&b.len());
    }
    for (x, y) in a.iter().rev().zip(b.iter().rev()) {
        if x != y {
            return x.cmp(y);
        }
    }
    Ordering::Equal
}

/// [`cmp`] for normalised values (no high zero digits, and zero never
/// negative): no trimming first.
#[inline]
pub fn cmp_norm(a: MpzRef<'_>, b: MpzRef<'_>) -> Ordering {
    match (a.neg, b.neg) {
        (false, true) => Ordering::Greater,
        (true, false) => Ordering::Less,
        (false, false) => cmp_mag_norm(a.mag, b.mag),
        (true, true) => cmp_mag_norm(b.mag, a.mag),
    }
}

/// Compares two signed integers (`-0` equals `0`), as Python's `<`, `==`
/// and `>` on ints do.
pub fn cmp(a: MpzRef<'_>, b: MpzRef<'_>) -> Ordering {
    let a = a.trimmed();
    let b = b.trimmed();
    match (a.neg, b.neg) {
        (false, true) => Ordering::Greater,
        (true, false) => Ordering::Less,
        (false, false) => cmp_mag(a.mag, b.mag),
        (true, true) => cmp_mag(b.mag, a.mag),
    }
}

/// Compares a signed integer with an `i64`, without building a digit
/// buffer for it.
pub fn cmp_i64(a: MpzRef<'_>, b: i64) -> Ordering {
    let (d, n) = crate::conv::u64_digits(b.unsigned_abs());
    cmp(a, MpzRef::new(b < 0, d.get(..n).unwrap_or(&d)))
}

/// Whether a magnitude is zero.
#[inline]
pub fn is_zero(a: &[Digit]) -> bool {
    trim(a).is_empty()
}
