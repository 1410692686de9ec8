//! A small wide float for the single-precision builds' transcendental
//! functions ([`crate::math32`]; mpy-core's `trig32`, `math_gamma32`,
//! `math_erf32`): a sign, a 64-bit
//! mantissa and an exponent, with truncating (not IEEE) arithmetic, about
//! 2**-63 relative error per operation, and one correctly rounded
//! conversion to `f32` at the end. It replaces `f64` arithmetic there, so
//! the boards (whose FPU has single precision only) link none of the
//! soft-double routines (`__adddf3`, `__muldf3`, `__divdf3`, ...: 4 KB).
//! No infinities or nans: the callers handle those first.
//!
//! The arithmetic methods take their operands by value for the callers'
//! sake, then hand references to one out-of-line body per operation
//! (`*_ref`): on Thumb a 16-byte `W` passed by value is copied to the
//! stack at every call site, which cost ~100 B of flash in all.

/// `(-1)**neg · m · 2**e`, `m` with its top bit set (or `m == 0`: zero).
#[derive(Clone, Copy, Debug)]
pub struct W {
    m: u64,
    e: i32,
    /// 1 for negative, else 0 (a word, not a `bool`: no padding bytes,
    /// which the copies of a `W` would carry along byte by byte).
    neg: u32,
}

/// The high 64 bits of `a · b`.
fn mul_hi(a: u64, b: u64) -> (u64, u64) {
    let p = a as u128 * b as u128;
    ((p >> 64) as u64, p as u64)
}

impl W {
    /// Zero.
    pub const ZERO: W = W { m: 0, e: 0, neg: 0 };
    /// One.
    pub const ONE: W = W::from_u64(1);

    /// `m · 2**e`, `m` with its top bit set.
    pub const fn raw(m: u64, e: i32) -> W {
        W { m, e, neg: 0 }
    }

    /// `m · 2**e` normalised.
    #[inline(never)]
    const fn norm(m: u64, e: i32, neg: u32) -> W {
        if m == 0 {
            return W { m: 0, e: 0, neg };
        }
        let z = m.leading_zeros();
        W { m: m << z, e: e - z as i32, neg }
    }

    /// A finite `f64` constant, exactly (for compile-time constants: no
    /// float arithmetic happens).
    pub const fn c(x: f64) -> W {
        let b = x.to_bits();
        let neg = (b >> 63) as u32;
        let ex = ((b >> 52) & 0x7ff) as i32;
        let f = b & ((1 << 52) - 1);
        if ex == 0 {
            W::norm(f, -1074, neg)
        } else {
            W::norm(f | 1 << 52, ex - 1075, neg)
        }
    }

    /// A finite `f32`, exactly.
    pub fn f(x: f32) -> W {
        let b = x.to_bits();
        let ex = ((b >> 23) & 0xff) as i32;
        let f = (b & 0x7f_ffff) as u64;
        let neg = b >> 31;
        if ex == 0 {
            W::norm(f, -149, neg)
        } else {
            W::norm(f | 1 << 23, ex - 150, neg)
        }
    }

    /// `v`, exactly.
    pub const fn from_u64(v: u64) -> W {
        W::norm(v, 0, 0)
    }

    /// `v`, exactly.
    #[inline(never)]
    pub fn from_i64(v: i64) -> W {
        W::norm(v.unsigned_abs(), 0, (v < 0) as u32)
    }

    /// `-self`.
    pub fn neg(self) -> W {
        W { neg: self.neg ^ 1, ..self }
    }

    /// `|self|`.
    pub fn abs(self) -> W {
        W { neg: 0, ..self }
    }

    /// Whether `self < 0`.
    pub fn is_neg(self) -> bool {
        self.neg != 0
    }

    /// `self · 2**k`.
    #[inline(always)]
    pub fn scale(self, k: i32) -> W {
        W::scale_ref(&self, k)
    }

    /// [`W::scale`]'s one body (by reference, see the module docs).
    #[inline(never)]
    fn scale_ref(&self, k: i32) -> W {
        if self.m == 0 {
            return *self;
        }
        W { e: self.e + k, ..*self }
    }

    /// The exponent of the top bit (`x` is in `[2**k, 2**(k+1))`); zero
    /// gives a very small one.
    pub fn ilog2(self) -> i32 {
        if self.m == 0 {
            return i32::MIN / 2;
        }
        self.e + 63
    }

    /// `self · o`.
    #[inline(always)]
    pub fn mul(self, o: W) -> W {
        W::mul_ref(&self, &o)
    }

    #[inline(never)]
    fn mul_ref(&self, o: &W) -> W {
        let o = *o;
        let s = *self;
        s.mul_val(o)
    }

    #[inline(always)]
    fn mul_val(self, o: W) -> W {
        if self.m == 0 || o.m == 0 {
            return W::ZERO;
        }
        let (hi, lo) = mul_hi(self.m, o.m);
        let e = self.e + o.e + 64;
        let neg = self.neg ^ o.neg;
        if hi >> 63 == 0 {
            W { m: hi << 1 | lo >> 63, e: e - 1, neg }
        } else {
            W { m: hi, e, neg }
        }
    }

    /// `self + o`.
    #[inline(always)]
    pub fn add(self, o: W) -> W {
        W::add_ref(&self, &o)
    }

    #[inline(never)]
    fn add_ref(&self, o: &W) -> W {
        let o = *o;
        let s = *self;
        s.add_val(o)
    }

    #[inline(always)]
    fn add_val(self, o: W) -> W {
        if o.m == 0 {
            return self;
        }
        if self.m == 0 {
            return o;
        }
        // `a` the larger magnitude.
        let (a, b) = if (self.e, self.m) >= (o.e, o.m) { (self, o) } else { (o, self) };
        let d = (a.e - b.e) as u32;
        if d >= 64 {
            return a;
        }
        let bm = b.m >> d;
        if a.neg == b.neg {
            let (s, carry) = a.m.overflowing_add(bm);
            if carry {
                W { m: s >> 1 | 1 << 63, e: a.e + 1, neg: a.neg }
            } else {
                W { m: s, ..a }
            }
        } else {
            let d = a.m - bm;
            W::norm(d, a.e, a.neg & (d != 0) as u32)
        }
    }

    /// `self - o`.
    pub fn sub(self, o: W) -> W {
        self.add(o.neg())
    }

    /// `self / o` (`o` nonzero).
    #[inline(always)]
    pub fn div(self, o: W) -> W {
        W::div_ref(&self, &o)
    }

    #[inline(never)]
    fn div_ref(&self, o: &W) -> W {
        let o = *o;
        let s = *self;
        s.div_val(o)
    }

    #[inline(always)]
    fn div_val(self, o: W) -> W {
        if self.m == 0 || o.m == 0 {
            return W::ZERO;
        }
        // 64 quotient bits of a.m / o.m by restoring division.
        let mut r = self.m;
        let mut e = self.e - o.e - 63;
        if r < o.m {
            // The quotient is below 1: its first bit is that of 2a/b.
            e -= 1;
            r = (r << 1).wrapping_sub(o.m);
        } else {
            r -= o.m;
        }
        let mut q: u64 = 1;
        for _ in 0..63 {
            let top = r >> 63;
            r <<= 1;
            q <<= 1;
            if top != 0 || r >= o.m {
                r = r.wrapping_sub(o.m);
                q |= 1;
            }
        }
        W { m: q, e, neg: self.neg ^ o.neg }
    }

    /// Whether `self < o`.
    #[inline(always)]
    pub fn lt(self, o: W) -> bool {
        W::lt_ref(&self, &o)
    }

    #[inline(never)]
    fn lt_ref(&self, o: &W) -> bool {
        let o = *o;
        let s = *self;
        s.lt_val(o)
    }

    #[inline(always)]
    fn lt_val(self, o: W) -> bool {
        if self.neg != o.neg {
            return self.neg != 0;
        }
        let mag = |w: W| if w.m == 0 { (i32::MIN, 0) } else { (w.e, w.m) };
        if self.neg != 0 {
            mag(o) < mag(self)
        } else {
            mag(self) < mag(o)
        }
    }

    /// `self` truncated towards zero to an integer (`|self| < 2**62`).
    pub fn trunc_i64(self) -> i64 {
        let v = if self.e >= 0 {
            0
        } else if self.e <= -64 {
            0
        } else {
            (self.m >> -self.e) as i64
        };
        if self.neg != 0 {
            -v
        } else {
            v
        }
    }

    /// `self` rounded to the nearest `f32` (ties to even; `±inf` beyond
    /// the range, subnormals and `±0` below it).
    pub fn to_f32(self) -> f32 {
        crate::conv::round_f32(self.neg != 0, self.m, self.e)
    }

    /// The bits of `self` as an `f64`, rounded to nearest (for values
    /// within the `f64` normal range; for tests).
    pub fn to_f64_bits(self) -> u64 {
        let sign = (self.neg as u64) << 63;
        if self.m == 0 {
            return sign;
        }
        let top = (self.e + 63) as i64;
        let mut q = self.m >> 11;
        let rem = self.m & 0x7ff;
        if rem > 0x400 || (rem == 0x400 && q & 1 == 1) {
            q += 1;
        }
        sign | (((top + 1022) as u64) << 52).wrapping_add(q)
    }
}

#[cfg(test)]
mod tests {
    extern crate alloc;
    use super::*;

    fn gen(n: usize) -> alloc::vec::Vec<f64> {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut v = alloc::vec::Vec::new();
        for _ in 0..n {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let ex = 1023 - 60 + (seed >> 40) % 120;
            v.push(f64::from_bits((seed & 1 << 63) | ex << 52 | (seed & ((1 << 52) - 1))));
        }
        v
    }

    fn close(a: W, b: f64) -> bool {
        let x = f64::from_bits(a.to_f64_bits());
        x == b || ((x - b) / b).abs() < 4e-16
    }

    #[test]
    fn arithmetic() {
        let v = gen(20_000);
        for p in v.windows(2) {
            let (x, y) = (p[0], p[1]);
            let (a, b) = (W::c(x), W::c(y));
            assert!(close(a.mul(b), x * y), "{x} * {y}");
            assert!(close(a.div(b), x / y), "{x} / {y}");
            if (x + y).abs() > (x.abs() + y.abs()) * 1e-3 {
                assert!(close(a.add(b), x + y), "{x} + {y}");
                assert!(close(a.sub(b), x - y), "{x} - {y}");
            }
            assert_eq!(a.lt(b), x < y);
            assert_eq!(W::c(x).to_f64_bits(), x.to_bits());
        }
        assert_eq!(W::c(5.0).sub(W::c(5.0)).to_f32().to_bits(), 0);
        assert_eq!(W::from_i64(-7).trunc_i64(), -7);
        assert_eq!(W::c(-7.9).trunc_i64(), -7);
        assert_eq!(W::c(0.9).trunc_i64(), 0);
    }

    #[test]
    fn to_f32_rounds_as_f64_does() {
        for x in gen(200_000) {
            assert_eq!(W::c(x).to_f32().to_bits(), (x as f32).to_bits(), "{x:e}");
            let tiny = x * 1e-30;
            assert_eq!(W::c(tiny).to_f32().to_bits(), (tiny as f32).to_bits(), "{tiny:e}");
            let big = x * 1e30;
            assert_eq!(W::c(big).to_f32().to_bits(), (big as f32).to_bits(), "{big:e}");
        }
    }
}
