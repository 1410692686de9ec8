//! Division of a double digit by a digit through a precomputed
//! reciprocal (Möller and Granlund, "Improved division by invariant
//! integers", IEEE Trans. Computers 2011, algorithm 4): two digit
//! multiplications instead of a double-digit hardware division (which the
//! Cortex-M4 lacks, calling a slow library routine, and which is slow on
//! most 64-bit hosts too).

use crate::Digit;
#[cfg(not(target_pointer_width = "64"))]
use core::num::NonZeroU32;

/// `floor((2^64 - 1) / dn) - 2^32` for a normalised `dn` (top bit set;
/// the quotient is in `[2^32, 2^33)`, so this fits a digit): the 2-by-1
/// division `(!dn * 2^32 + 2^32 - 1) / dn` (`!dn < dn`, so the quotient
/// fits 32 bits) by shift and subtract, so the boards link no 64-bit
/// division routine (-460 B; 32 short steps per divisor prepared).
#[cfg(any(test, not(target_pointer_width = "64")))]
fn reciprocal(dn: Digit) -> Digit {
    let (mut r, mut q): (Digit, Digit) = (!dn, 0);
    for _ in 0..32 {
        // The running remainder is below `dn`; doubled plus one it may
        // reach 2^33 - 1 (`top` is its bit 32), then at most one `dn`
        // comes off.
        let top = r >> 31;
        r = (r << 1) | 1;
        q <<= 1;
        if top != 0 || r >= dn {
            r = r.wrapping_sub(dn);
            q |= 1;
        }
    }
    q
}

/// A divisor prepared for repeated division: normalised (top bit set) by
/// `shift`, with its reciprocal `v = floor((2^64 - 1) / d) - 2^32`.
#[cfg(not(target_pointer_width = "64"))]
#[derive(Clone, Copy)]
pub(crate) struct Divisor {
    /// The divisor shifted left until its top bit is set.
    pub d: Digit,
    /// The shift applied (0..=31).
    pub shift: u32,
    v: Digit,
}

#[cfg(not(target_pointer_width = "64"))]
impl Divisor {
    /// Prepares `d` for division.
    #[inline]
    pub fn new(d: NonZeroU32) -> Self {
        let shift = d.leading_zeros();
        let dn = d.get() << shift;
        Divisor { d: dn, shift, v: reciprocal(dn) }
    }

    /// `(q, r)` with `q * d + r == u1 * 2^32 + u0` and `r < d`, for the
    /// normalised divisor `d` and `u1 < d`.
    #[inline]
    pub fn div_2by1(&self, u1: Digit, u0: Digit) -> (Digit, Digit) {
        let p = (self.v as u64) * (u1 as u64);
        let p = p.wrapping_add(((u1 as u64) << 32) | u0 as u64);
        let mut q1 = ((p >> 32) as Digit).wrapping_add(1);
        let q0 = p as Digit;
        let mut r = u0.wrapping_sub(q1.wrapping_mul(self.d));
        if r > q0 {
            q1 = q1.wrapping_sub(1);
            r = r.wrapping_add(self.d);
        }
        if r >= self.d {
            q1 = q1.wrapping_add(1);
            r -= self.d;
        }
        (q1, r)
    }

    /// One step of long division by the unnormalised divisor: `(q, r)`
    /// with `q * divisor + r == rem * 2^32 + u`, for `rem < divisor`. The
    /// dividend is normalised on the fly, so no lookahead is needed.
    #[inline]
    pub fn step(&self, rem: Digit, u: Digit) -> (Digit, Digit) {
        let s = self.shift;
        let (u1, u0) = if s == 0 { (rem, u) } else { ((rem << s) | (u >> (32 - s)), u << s) };
        let (q, r) = self.div_2by1(u1, u0);
        (q, r >> s)
    }

    /// Divides the magnitude `a` (most significant digit last) by the
    /// divisor, writing quotient digits to `q` when given (`q.len() >=
    /// a.len()`), and returns the remainder.
    #[cfg(not(target_pointer_width = "64"))]
    #[inline]
    pub fn div_digits(&self, q: Option<&mut [Digit]>, a: &[Digit]) -> Digit {
        let mut r = 0;
        match q {
            Some(q) => {
                for (&x, o) in a.iter().zip(q.iter_mut()).rev() {
                    (*o, r) = self.step(r, x);
                }
            }
            None => {
                for &x in a.iter().rev() {
                    r = self.step(r, x).1;
                }
            }
        }
        r
    }

    /// In place, `a = a / divisor`; returns the remainder.
    #[cfg(not(target_pointer_width = "64"))]
    #[inline]
    pub fn div_digits_in_place(&self, a: &mut [Digit]) -> Digit {
        let mut r = 0;
        for x in a.iter_mut().rev() {
            (*x, r) = self.step(r, *x);
        }
        r
    }

    /// In place, divides `a` by the divisor `K` times in one sweep (the
    /// divisions form independent dependency chains, so they overlap);
    /// returns the `K` remainders, least significant first.
    #[inline]
    pub fn div_digits_in_place_k<const K: usize>(&self, a: &mut [Digit]) -> [Digit; K] {
        let mut rems = [0; K];
        for x in a.iter_mut().rev() {
            let mut v = *x;
            for r in rems.iter_mut() {
                (v, *r) = self.step(*r, v);
            }
            *x = v;
        }
        rems
    }
}

/// A one-limb divisor for 64-bit hosts: [`Divisor`] with 64-bit limbs and
/// 128-bit products, `v = floor((2^128 - 1) / d) - 2^64`.
#[cfg(target_pointer_width = "64")]
#[derive(Clone, Copy)]
pub(crate) struct Divisor64 {
    /// The divisor shifted left until its top bit is set.
    pub d: u64,
    /// The shift applied (0..=63).
    pub shift: u32,
    v: u64,
}

#[cfg(target_pointer_width = "64")]
impl Divisor64 {
    /// Prepares `d` for division.
    #[inline]
    pub fn new(d: core::num::NonZeroU64) -> Self {
        let shift = d.leading_zeros();
        let dn = d.get() << shift;
        let v = (u128::MAX / core::num::NonZeroU128::new(dn as u128).map_or(1, |x| x.get())) as u64;
        Divisor64 { d: dn, shift, v }
    }

    /// `(q, r)` with `q * d + r == u1 * 2^64 + u0` and `r < d`, for the
    /// normalised divisor `d` and `u1 < d`.
    #[inline(always)]
    pub fn div_2by1(&self, u1: u64, u0: u64) -> (u64, u64) {
        let p = (self.v as u128) * (u1 as u128);
        let p = p.wrapping_add(((u1 as u128) << 64) | u0 as u128);
        let mut q1 = ((p >> 64) as u64).wrapping_add(1);
        let q0 = p as u64;
        let mut r = u0.wrapping_sub(q1.wrapping_mul(self.d));
        if r > q0 {
            q1 = q1.wrapping_sub(1);
            r = r.wrapping_add(self.d);
        }
        if r >= self.d {
            // Rare: a branch, off the remainder's dependency chain.
            core::hint::cold_path();
            q1 = q1.wrapping_add(1);
            r -= self.d;
        }
        (q1, r)
    }

    /// One step of long division by the unnormalised divisor: `(q, r)`
    /// with `q * divisor + r == rem * 2^64 + u`, for `rem < divisor`.
    #[cfg(test)]
    pub fn step(&self, rem: u64, u: u64) -> (u64, u64) {
        let (q, r) = self.step_n(rem << self.shift, u);
        (q, r >> self.shift)
    }

    /// [`Divisor64::step`] with the remainders kept shifted left by
    /// `shift` (as they come out of the normalised division), which takes
    /// the shifts off the chain from one step to the next: `rn` is
    /// `rem << shift`, and so is the remainder returned.
    #[inline(always)]
    pub fn step_n(&self, rn: u64, u: u64) -> (u64, u64) {
        let s = self.shift;
        let (u1, u0) = if s == 0 { (rn, u) } else { (rn | (u >> (64 - s)), u << s) };
        self.div_2by1(u1, u0)
    }

    /// Divides the digits `a` by the divisor, writing the quotient to `q`
    /// when given (`q.len() >= a.len()`); returns the remainder.
    pub fn div_digits(&self, q: Option<&mut [Digit]>, a: &[Digit]) -> u64 {
        use crate::limb::{ld, put, split, split_mut, st};
        let (ap, at) = split(a);
        let mut r = 0;
        match q {
            Some(q) => {
                // q may be shorter than a when the top quotient digits are
                // known to be zero: the limbs past its whole pairs are
                // written as far as they fit.
                if let Some(x) = at {
                    let (qd, rd) = self.step_n(0, x as u64);
                    put(q.get_mut(2 * ap.len()..).unwrap_or_default(), qd);
                    r = rd;
                }
                let k = ap.len().min(q.len() / 2);
                let (a_lo, a_hi) = ap.split_at_checked(k).unwrap_or((ap, &[]));
                for (i, x) in a_hi.iter().enumerate().rev() {
                    let (qd, rd) = self.step_n(r, ld(x));
                    put(q.get_mut(2 * (k + i)..).unwrap_or_default(), qd);
                    r = rd;
                }
                let (qp, _) = split_mut(q.get_mut(..2 * k).unwrap_or_default());
                for (o, x) in qp.iter_mut().zip(a_lo).rev() {
                    let (qd, rd) = self.step_n(r, ld(x));
                    st(o, qd);
                    r = rd;
                }
            }
            None => {
                if let Some(x) = at {
                    r = self.step_n(0, x as u64).1;
                }
                for x in ap.iter().rev() {
                    r = self.step_n(r, ld(x)).1;
                }
            }
        }
        r >> self.shift
    }

    /// In place, divides the digits `a` by the divisor `K` times in one
    /// sweep (the divisions form independent dependency chains, so they
    /// overlap); returns the `K` remainders, least significant first.
    #[inline]
    pub fn div_digits_in_place_k<const K: usize>(&self, a: &mut [Digit]) -> [u64; K] {
        use crate::limb::{ld, split_mut, st};
        let (ap, at) = split_mut(a);
        let mut rems = [0; K];
        if let Some(x) = at {
            let mut v = *x as u64;
            for r in rems.iter_mut() {
                (v, *r) = self.step_n(*r, v);
            }
            *x = v as Digit;
        }
        for x in ap.iter_mut().rev() {
            let mut v = ld(x);
            for r in rems.iter_mut() {
                (v, *r) = self.step_n(*r, v);
            }
            st(x, v);
        }
        rems.map(|r| r >> self.shift)
    }

    /// In place, `a = a / divisor`; returns the remainder.
    pub fn div_digits_in_place(&self, a: &mut [Digit]) -> u64 {
        use crate::limb::{ld, split_mut, st};
        let (ap, at) = split_mut(a);
        let mut r = 0;
        if let Some(x) = at {
            let (qd, rd) = self.step_n(0, *x as u64);
            *x = qd as Digit;
            r = rd;
        }
        for x in ap.iter_mut().rev() {
            let (qd, rd) = self.step_n(r, ld(x));
            st(x, qd);
            r = rd;
        }
        r >> self.shift
    }
}

/// A normalised two-limb divisor `d1 * 2^64 + d0` (top bit of `d1` set)
/// with its reciprocal `v = floor((2^192 - 1) / d) - 2^64`, for dividing
/// three limbs by two with two multiplications (Möller and Granlund,
/// algorithms 5 and 6).
#[cfg(target_pointer_width = "64")]
#[derive(Clone, Copy)]
pub(crate) struct Divisor3by2 {
    d1: u64,
    d0: u64,
    v: u64,
}

#[cfg(target_pointer_width = "64")]
impl Divisor3by2 {
    /// Prepares `(d1, d0)`, which must have the top bit of `d1` set.
    pub fn new(d1: u64, d0: u64) -> Self {
        let mut v = Divisor64::new(core::num::NonZeroU64::new(d1).unwrap_or(core::num::NonZeroU64::MIN)).v;
        // v is the reciprocal of d1 alone; lower it for d0 until
        // (2^64 + v) * d < 2^192 holds with the largest such v.
        let mut p = d1.wrapping_mul(v);
        let (p2, c) = p.overflowing_add(d0);
        p = p2;
        if c {
            v = v.wrapping_sub(1);
            if p >= d1 {
                v = v.wrapping_sub(1);
                p = p.wrapping_sub(d1);
            }
            p = p.wrapping_sub(d1);
        }
        let t = (v as u128) * (d0 as u128);
        let (t1, t0) = ((t >> 64) as u64, t as u64);
        let (p2, c) = p.overflowing_add(t1);
        p = p2;
        if c {
            v = v.wrapping_sub(1);
            if p > d1 || (p == d1 && t0 >= d0) {
                v = v.wrapping_sub(1);
            }
        }
        Divisor3by2 { d1, d0, v }
    }

    /// `(q, r)` with `q * d + r == (u2, u1, u0)` and `r < d`, for
    /// `(u2, u1) < (d1, d0)`; `r` as `(r1, r0)`.
    #[inline(always)]
    pub fn div_3by2(&self, u2: u64, u1: u64, u0: u64) -> (u64, u64, u64) {
        let d = ((self.d1 as u128) << 64) | self.d0 as u128;
        let q = (self.v as u128) * (u2 as u128);
        let q = q.wrapping_add(((u2 as u128) << 64) | u1 as u128);
        let (mut q1, q0) = ((q >> 64) as u64, q as u64);
        let r1 = u1.wrapping_sub(q1.wrapping_mul(self.d1));
        let t = (self.d0 as u128) * (q1 as u128);
        let mut r = (((r1 as u128) << 64) | u0 as u128).wrapping_sub(t).wrapping_sub(d);
        q1 = q1.wrapping_add(1);
        if (r >> 64) as u64 >= q0 {
            q1 = q1.wrapping_sub(1);
            r = r.wrapping_add(d);
        }
        if r >= d {
            core::hint::cold_path();
            q1 = q1.wrapping_add(1);
            r -= d;
        }
        (q1, (r >> 64) as u64, r as u64)
    }
}

#[cfg(all(test, target_pointer_width = "64"))]
#[allow(clippy::indexing_slicing, clippy::unwrap_used)]
mod tests {
    use super::*;
    use num_bigint::BigUint;

    #[test]
    fn reciprocal_as_division() {
        let mut s = 0x9e37_79b9_7f4a_7c15u64;
        let mut check = |dn: u32| assert_eq!(reciprocal(dn), (u64::MAX / dn as u64) as u32, "{dn:x}");
        for dn in [0x8000_0000u32, 0x8000_0001, 0xffff_ffff, 0xffff_fffe, 0xc000_0000, 0xaaaa_aaaa] {
            check(dn);
        }
        for _ in 0..100_000 {
            check((rng(&mut s) as u32) | 0x8000_0000);
        }
    }

    fn rng(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }

    fn big(limbs: &[u64]) -> BigUint {
        limbs.iter().rev().fold(BigUint::from(0u32), |acc, &l| (acc << 64) + BigUint::from(l))
    }

    #[test]
    fn reciprocals_and_3by2() {
        let mut s = 0x1234_5678_9abc_def1u64;
        let edge = [0u64, 1, 2, u64::MAX, u64::MAX - 1, 1 << 63, (1 << 63) + 1, u64::MAX >> 1];
        for i in 0..20000 {
            let pick = |s: &mut u64, k: usize| if i % 3 == 0 { edge[(rng(s) as usize + k) % edge.len()] } else { rng(s) };
            let d1 = pick(&mut s, 0) | 1 << 63;
            let d0 = pick(&mut s, 1);
            let r = Divisor3by2::new(d1, d0);
            let d = big(&[d0, d1]);
            let want = (big(&[u64::MAX, u64::MAX, u64::MAX]) / &d) - big(&[0, 1]);
            assert_eq!(big(&[r.v]), want, "v for {d1:x} {d0:x}");
            // (u2, u1) < (d1, d0).
            let mut u2 = pick(&mut s, 2) % d1.max(1);
            let u1 = pick(&mut s, 3);
            if i % 5 == 0 {
                u2 = d1;
            }
            let u1 = if u2 == d1 { u1.min(d0.wrapping_sub(1)).min(d0) } else { u1 };
            if u2 == d1 && d0 == 0 {
                continue;
            }
            let u0 = pick(&mut s, 4);
            let (q, r1, r0) = r.div_3by2(u2, u1, u0);
            let u = big(&[u0, u1, u2]);
            assert_eq!(big(&[q]), &u / &d, "q of {u2:x} {u1:x} {u0:x} / {d1:x} {d0:x}");
            assert_eq!(big(&[r0, r1]), &u % &d);
            let one = Divisor64::new(core::num::NonZeroU64::new(d0 | 1).unwrap());
            let (q, rr) = one.step(u1 % (d0 | 1), u0);
            let uu = big(&[u0, u1 % (d0 | 1)]);
            assert_eq!(big(&[q]), &uu / BigUint::from(d0 | 1));
            assert_eq!(big(&[rr]), &uu % BigUint::from(d0 | 1));
        }
    }
}
