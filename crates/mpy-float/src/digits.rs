//! Binary to decimal: a float's exact value rounded to `p` significant
//! digits.

use crate::big::{ratio, Big};
use crate::{Ex, Float, Spec};
use core::cmp::Ordering;

/// How [`decimal`] rounds the exact value to its digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Round {
    /// To nearest, ties to even (C's `printf`, CPython's `%g`).
    HalfEven,
    /// To nearest, ties away from zero.
    HalfAway,
    /// Toward zero (truncate).
    Down,
}

/// `|x|` (finite, nonzero) rounded to `p` significant digits (`p` is
/// clamped to 1..=17): `(q, k)` with `10**(p-1) <= q < 10**p` and `|x| ≈ q
/// × 10**(k - p + 1)`, so `k` is the decimal exponent of the first digit
/// (`decimal(0.125, 2, Round::HalfEven) == (12, -1)`). `(0, 0)` for zero,
/// infinities and NaN.
pub fn decimal<F: Float>(x: F, p: u32, round: Round) -> (u64, i32) {
    let spec = F::SPEC;
    let bits = x.bits64() & !spec.sign;
    if bits == 0 || bits >= spec.inf {
        return (0, 0);
    }
    let frac_bits = spec.p - 1;
    let frac = bits & ((1 << frac_bits) - 1);
    let field = (bits >> frac_bits) as Ex;
    let (m, e2) = if field == 0 {
        (frac, spec.min_lsb)
    } else {
        (frac | 1 << frac_bits, spec.min_lsb + field - 1)
    };
    F::with_scratch(|a, b| digits(&spec, m, e2, p.clamp(1, 17), round, a, b)).unwrap_or((0, 0))
}

fn digits(spec: &Spec, m: u64, e2: Ex, p: u32, round: Round, a: &mut [u32], b: &mut [u32]) -> Option<(u64, i32)> {
    let _ = spec;
    let e_lead = 63 - m.leading_zeros() as Ex + e2;
    // floor(log10(x)) is k or k + 1 (78913 / 2**18 is log10(2) to within
    // what exponents up to 1650 need).
    let mut k = (e_lead * 78913) >> 18;
    let pw = crate::ipow(10, p);
    // q = floor(x / 10**s) is in [10**(p-1), 10**(p+1)).
    let s = k - p as Ex + 1;
    let mut n = Big::from_u64(a, m)?;
    let mut d = Big::from_u64(b, 1)?;
    if s >= 0 {
        d.mul_pow5(s as u32)?;
    } else {
        n.mul_pow5(s.unsigned_abs() as u32)?;
    }
    let b2 = e2 - s;
    if b2 >= 0 {
        n.shl(b2 as u32)?;
    } else {
        d.shl(b2.unsigned_abs() as u32)?;
    }
    let nbits = 64 - (pw * 10 - 1).leading_zeros();
    let (mut q, mut half, nonzero) = ratio(&mut n, &mut d, nbits)?;
    if q >= pw {
        // One digit too many: round at the next one.
        let (q10, last) = div10(q);
        half = match last {
            0..=4 => Ordering::Less,
            5 if !nonzero => Ordering::Equal,
            _ => Ordering::Greater,
        };
        q = q10;
        k += 1;
    }
    let up = match round {
        Round::HalfEven => half == Ordering::Greater || (half == Ordering::Equal && q & 1 == 1),
        Round::HalfAway => half != Ordering::Less,
        Round::Down => false,
    };
    if up {
        q += 1;
        if q == pw {
            q = div10(q).0;
            k += 1;
        }
    }
    Some((q, k as i32))
}

/// `(q / 10, q % 10)`; on 32-bit targets by word divisions (the high
/// word, then 16 bits at a time, each a multiplication by a constant), so
/// the boards link no 64-bit division routine (for this and mpy-core's
/// float digits: -460 B).
#[inline]
pub fn div10(q: u64) -> (u64, u32) {
    #[cfg(target_pointer_width = "64")]
    {
        (q / 10, (q % 10) as u32)
    }
    #[cfg(not(target_pointer_width = "64"))]
    {
        div10_words(q)
    }
}

/// [`div10`] by 32-bit word divisions.
#[cfg(any(test, not(target_pointer_width = "64")))]
fn div10_words(q: u64) -> (u64, u32) {
    let (hi, lo) = ((q >> 32) as u32, q as u32);
    // Each step's dividend is below `10 << 16`.
    let (q2, r) = (hi / 10, hi % 10);
    let cur = (r << 16) | (lo >> 16);
    let (q1, r) = (cur / 10, cur % 10);
    let cur = (r << 16) | (lo & 0xffff);
    let (q0, r) = (cur / 10, cur % 10);
    ((u64::from(q2) << 32) | u64::from((q1 << 16) | q0), r)
}

#[cfg(test)]
mod div_tests {
    #[test]
    fn div10_words_as_division() {
        let mut s = 0x2545_f491_4f6c_dd1du64;
        for q in [0u64, 9, 10, 11, u32::MAX as u64, 1 << 32, 99_999_999_999_999_999, u64::MAX] {
            assert_eq!(super::div10_words(q), (q / 10, (q % 10) as u32), "{q}");
        }
        for _ in 0..100_000 {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            let q = s >> (s % 64);
            assert_eq!(super::div10_words(q), (q / 10, (q % 10) as u32), "{q}");
        }
    }
}
