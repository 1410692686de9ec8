//! Math functions in `f32` for single-precision builds (the boards'
//! mpy-core, whose `M` this is apart from a few `libm` ones, and float
//! folding in mpy-compiler), small in flash and without soft-double code.
//!
//! The exponential and logarithm family (`exp`, `expm1`, `log`, `log2`,
//! `log10`, `pow`, `sinh`, `cosh`, `tanh`, `asinh`, `acosh`, `atanh`) and
//! `atan`/`atan2` are computed in the wide float of `wide.rs` from one
//! exponential ([`exp_w`]), one logarithm (`ln_parts`) and one arc tangent
//! series and rounded once to `f32`: within an `f32` ulp of the `libm`
//! crate's double functions (the tests compare), exact where the result is
//! (`2 ** 10`, `log10(1000)`, `log2(8)`). `sqrt` and `fmod` are exact
//! integer algorithms, the roundings use the FPU's conversions. The `libm`
//! crate's `f32` versions took ~5 KB of flash (`powf` alone 1.4 KB).

use crate::wide::W;

const HALF: W = W::c(0.5);
const LN_2: W = W::c(core::f64::consts::LN_2);
const LOG2_E: W = W::c(core::f64::consts::LOG2_E);
const LOG10_E: W = W::c(core::f64::consts::LOG10_E);
const LOG10_2: W = W::c(core::f64::consts::LOG10_2);
const SQRT_2: W = W::c(core::f64::consts::SQRT_2);
const SQRT_3: W = W::c(1.732_050_807_568_877_2);
const TAN_PI_12: W = W::c(0.267_949_192_431_122_7);
const PI_2: W = W::c(core::f64::consts::FRAC_PI_2);
const PI_6: W = W::c(core::f64::consts::FRAC_PI_6);
const TWO: W = W::c(2.0);
const BIG: W = W::c(4096.0);
const TINY: W = W::c(1.0 / (1u64 << 40) as f64);
/// Beyond these `e**x` is infinite or zero as an `f32`.
const EXP_MAX: W = W::c(89.0);
const EXP_MIN: W = W::c(-105.0);

/// `e**x - 1` for `|x| <= 1/2` by its Taylor series (relative error below
/// 1e-16).
fn expm1_small(x: W) -> W {
    let mut t = W::ONE;
    let mut n = 15;
    while n > 1 {
        t = W::ONE.add(x.mul(t).div(W::from_i64(n)));
        n -= 1;
    }
    x.mul(t)
}

/// `e**x` for `|x| <= 2**20` (relative error about 1e-16): `x = k ln 2 +
/// r` with `|r| <= ln(2)/2`, so `e**x = 2**k (1 + expm1(r))`.
pub fn exp_w(x: W) -> W {
    let t = x.mul(LOG2_E);
    let k = t.add(if t.is_neg() { HALF.neg() } else { HALF }).trunc_i64();
    let r = x.sub(W::from_i64(k).mul(LN_2));
    expm1_small(r).add(W::ONE).scale(k as i32)
}

/// `e**x - 1` for `|x| <= 2**20`, without cancellation near 0.
fn expm1_w(x: W) -> W {
    if HALF.lt(x.abs()) {
        exp_w(x).sub(W::ONE)
    } else {
        expm1_small(x)
    }
}

/// `(e, ln(m))` for a positive finite `x = m · 2**e`, `m` in `[sqrt(1/2),
/// sqrt(2))`: `ln(m) = 2 atanh(s)` for `s = (m-1)/(m+1)` as a series in
/// `s**2 <= 0.03` (relative error below 1e-15).
fn ln_parts(x: W) -> (i32, W) {
    let mut e = x.ilog2();
    let mut m = x.scale(-e);
    if SQRT_2.lt(m) {
        m = m.scale(-1);
        e += 1;
    }
    let s = m.sub(W::ONE).div(m.add(W::ONE));
    let s2 = s.mul(s);
    let mut t = W::ZERO;
    let mut k = 19;
    while k > 1 {
        t = t.add(W::ONE.div(W::from_i64(k))).mul(s2);
        k -= 2;
    }
    (e, s.scale(1).mul(W::ONE.add(t)))
}

/// `ln(x)` for a positive finite `x`.
pub fn ln(x: W) -> W {
    let (e, l) = ln_parts(x);
    l.add(W::from_i64(e as i64).mul(LN_2))
}

/// `ln(1 + x)` for `x > -1` (`x` exact in `W` plus one: `|x| >= 2**-40`
/// or tiny enough to give `x` itself).
fn ln1p(x: W) -> W {
    if x.abs().lt(TINY) {
        return x;
    }
    ln(W::ONE.add(x))
}

/// `|x| = m · 2**e` for a finite nonzero `x`, `m` in `[2**23, 2**24)`.
fn parts(x: f32) -> (u32, i32) {
    let b = x.to_bits() & 0x7fff_ffff;
    match b >> 23 {
        0 => {
            // Subnormal: normalised, the top bit moved to bit 23.
            let z = b.leading_zeros() - 8;
            (b << z, -149 - z as i32)
        }
        e => (b & 0x7f_ffff | 0x80_0000, e as i32 - 150),
    }
}

/// `√x`, correctly rounded (`-0` stays, NaN below zero): the FPU's
/// `vsqrt.f32` on the boards (Cortex-M4F, feature `fpu-sqrt`), else a
/// software root.
pub fn sqrt(x: f32) -> f32 {
    if x.is_nan() || x < 0.0 {
        return f32::NAN;
    }
    sqrt_pos(x)
}

/// [`sqrt`] of a number that is not NaN nor below zero on a Cortex-M4F:
/// its `vsqrt.f32` instruction (IEEE, so correctly rounded too; 360 bytes
/// of flash less than the software root, and faster).
#[cfg(feature = "fpu-sqrt")]
fn sqrt_pos(x: f32) -> f32 {
    core::f32::math::sqrt(x)
}

/// [`sqrt`] of a number that is not NaN nor below zero, in software:
/// three Newton steps in the FPU's `f32` arithmetic give the 25-bit
/// integer square root of the scaled mantissa within a few units, exact
/// integer arithmetic settles it and rounds (libm's table-driven `sqrtf`
/// takes 0.5 KB of flash; a bit-by-bit root was 8% slower on the
/// raytracing benchmark).
#[cfg(not(feature = "fpu-sqrt"))]
fn sqrt_pos(x: f32) -> f32 {
    if x == 0.0 || x.is_infinite() {
        return x;
    }
    let (m, ex) = parts(x);
    // x = m · 2**ex = v · 2**(ex - s), ex - s even, v in [2**48, 2**50).
    let s = 25 + (ex & 1 == 0) as i32;
    let v = (m as u64) << s;
    // √(v / 2**48) in [1, 2) from a linear start (within 8%).
    let f = m as f32 * if s == 25 { 1.0 / 8_388_608.0 } else { 1.0 / 4_194_304.0 };
    let mut y = 0.6 + 0.35 * f;
    for _ in 0..3 {
        y = 0.5 * (y + f / y);
    }
    let mut r = (y * 16_777_216.0) as u64;
    while r * r > v {
        r -= 1;
    }
    while (r + 1) * (r + 1) <= v {
        r += 1;
    }
    let rem = v - r * r;
    // r = floor(√v) has 25 bits: 24 of mantissa and a rounding bit.
    let q = (r >> 1) as u32 + (r & 1 == 1 && (rem != 0 || r & 2 != 0)) as u32;
    f32::from_bits(((((ex - s) / 2 + 150) as u32) << 23) + q)
}

/// `sqrt(v)` for `0 < v < 2**120`: `f32` square root, then one Newton step.
fn sqrt_w(v: W) -> W {
    let s = W::f(sqrt(v.to_f32()));
    s.add(v.div(s)).scale(-1)
}

/// NaN for NaN arguments, else None: the shared start of most functions.
fn nan(x: f32) -> Option<f32> {
    x.is_nan().then_some(x)
}

/// `e**x`.
pub fn exp(x: f32) -> f32 {
    if let Some(n) = nan(x) {
        return n;
    }
    if x > 89.0 {
        return f32::INFINITY;
    }
    if x < -105.0 {
        return 0.0;
    }
    exp_w(W::f(x)).to_f32()
}

/// `e**x - 1`.
pub fn expm1(x: f32) -> f32 {
    if let Some(n) = nan(x) {
        return n;
    }
    if x > 89.0 {
        return f32::INFINITY;
    }
    if x < -30.0 {
        return -1.0;
    }
    if x.abs() < 1.0 / (1u32 << 30) as f32 {
        return x;
    }
    expm1_w(W::f(x)).to_f32()
}

/// A logarithm of `x`: `-inf` for zero, NaN below, `inf` for `inf`, else
/// `f(e, ln(m))` (see [`ln_parts`]).
fn log_with(x: f32, f: fn(i32, W) -> W) -> f32 {
    if x.is_nan() || x < 0.0 {
        return f32::NAN;
    }
    if x == 0.0 {
        return f32::NEG_INFINITY;
    }
    if x.is_infinite() {
        return x;
    }
    let (e, l) = ln_parts(W::f(x));
    f(e, l).to_f32()
}

/// Natural logarithm.
pub fn log(x: f32) -> f32 {
    log_with(x, |e, l| l.add(W::from_i64(e as i64).mul(LN_2)))
}

/// Base-2 logarithm.
pub fn log2(x: f32) -> f32 {
    log_with(x, |e, l| l.mul(LOG2_E).add(W::from_i64(e as i64)))
}

/// Base-10 logarithm.
pub fn log10(x: f32) -> f32 {
    log_with(x, |e, l| l.mul(LOG10_E).add(W::from_i64(e as i64).mul(LOG10_2)))
}

/// `x ** y` with C99's special cases (`x ** 0 == 1`, `1 ** y == 1`, even
/// for NaN; `(-8) ** (1/3)` NaN; signed zeros and infinities for zero
/// and infinite bases).
pub fn pow(x: f32, y: f32) -> f32 {
    if y == 0.0 || x == 1.0 {
        return 1.0;
    }
    if x.is_nan() || y.is_nan() {
        return f32::NAN;
    }
    let integral = y == trunc(y);
    // Every f32 of magnitude 2**24 or more is even.
    let odd = integral && y.abs() < 16_777_216.0 && (y as i32) & 1 == 1;
    let sign = |r: f32| if x.is_sign_negative() && odd { -r } else { r };
    if y.is_infinite() {
        if x == -1.0 {
            return 1.0;
        }
        return if (x.abs() < 1.0) == (y < 0.0) { f32::INFINITY } else { 0.0 };
    }
    if x == 0.0 || x.is_infinite() {
        // 0 ** -y and inf ** y are infinite, 0 ** y and inf ** -y zero.
        return sign(if (x == 0.0) == (y < 0.0) { f32::INFINITY } else { 0.0 });
    }
    if x < 0.0 && !integral {
        return f32::NAN;
    }
    if integral && y.abs() <= 65_536.0 {
        // Integral powers (`x ** 20`) by repeated squaring: a few wide
        // multiplications, not the logarithm and exponential series.
        let (mut n, mut b, mut r) = (y.abs() as u32, W::f(x.abs()), W::ONE);
        loop {
            if n & 1 == 1 {
                r = r.mul(b);
            }
            n >>= 1;
            if n == 0 {
                break;
            }
            b = b.mul(b);
        }
        return sign(if y < 0.0 { W::ONE.div(r) } else { r }.to_f32());
    }
    let l = ln(W::f(x.abs())).mul(W::f(y));
    let r = if EXP_MAX.lt(l) {
        f32::INFINITY
    } else if l.lt(EXP_MIN) {
        0.0
    } else {
        exp_w(l).to_f32()
    };
    sign(r)
}

/// `f(|x|)` with the sign of `x` for odd functions: NaN stays, `|x| >
/// 2**-30` (below, the result is `x` itself) up to `big` gives `f`,
/// beyond `at_big`.
fn odd_fn(x: f32, big: f32, at_big: f32, f: fn(W) -> W) -> f32 {
    if let Some(n) = nan(x) {
        return n;
    }
    let a = x.abs();
    let r = if a < 1.0 / (1u32 << 30) as f32 {
        a
    } else if a > big {
        at_big
    } else {
        f(W::f(a)).to_f32()
    };
    if x.is_sign_negative() {
        -r
    } else {
        r
    }
}

/// Hyperbolic sine: `(m + m/(m+1)) / 2` for `m = expm1(|x|)`.
pub fn sinh(x: f32) -> f32 {
    odd_fn(x, 90.0, f32::INFINITY, |a| {
        let m = expm1_w(a);
        m.add(m.div(m.add(W::ONE))).scale(-1)
    })
}

/// Hyperbolic cosine: `(e**|x| + e**-|x|) / 2`.
pub fn cosh(x: f32) -> f32 {
    if let Some(n) = nan(x) {
        return n;
    }
    let a = x.abs();
    if a > 90.0 {
        return f32::INFINITY;
    }
    let e = exp_w(W::f(a));
    e.add(W::ONE.div(e)).scale(-1).to_f32()
}

/// Hyperbolic tangent: `m / (m + 2)` for `m = expm1(2|x|)`.
pub fn tanh(x: f32) -> f32 {
    odd_fn(x, 10.0, 1.0, |a| {
        let m = expm1_w(a.scale(1));
        m.div(m.add(TWO))
    })
}

/// Inverse hyperbolic sine: `ln1p(a + a²/(1 + sqrt(1 + a²)))`, or `ln(2a)`
/// for large `a = |x|`.
pub fn asinh(x: f32) -> f32 {
    odd_fn(x, f32::MAX, f32::INFINITY, |a| {
        if BIG.lt(a) {
            return ln(a).add(LN_2);
        }
        let a2 = a.mul(a);
        ln1p(a.add(a2.div(W::ONE.add(sqrt_w(W::ONE.add(a2))))))
    })
}

/// Inverse hyperbolic cosine: `ln1p(t + sqrt(t (x + 1)))` for `t = x - 1`,
/// or `ln(2x)` for large `x`; NaN below 1.
pub fn acosh(x: f32) -> f32 {
    if x.is_nan() || x < 1.0 {
        return f32::NAN;
    }
    if x.is_infinite() {
        return x;
    }
    let w = W::f(x);
    if BIG.lt(w) {
        return ln(w).add(LN_2).to_f32();
    }
    let t = w.sub(W::ONE);
    if t.ilog2() < -200 {
        return 0.0;
    }
    ln1p(t.add(sqrt_w(t.mul(w.add(W::ONE))))).to_f32()
}

/// Inverse hyperbolic tangent: `ln1p(2a / (1 - a)) / 2`; `±inf` at `±1`,
/// NaN beyond.
pub fn atanh(x: f32) -> f32 {
    if x.abs() > 1.0 {
        return f32::NAN;
    }
    odd_fn(x, 0.999_999_94, f32::INFINITY, |a| ln1p(a.scale(1).div(W::ONE.sub(a))).scale(-1))
}

/// `atan(a)` for `a >= 0`: `π/2 - atan(1/a)` above 1, then `π/6 +
/// atan((a√3 - 1)/(a + √3))` above `tan(π/12)`, then the Taylor series
/// (`t² <= 0.072`, relative error below 1e-17).
fn atan_w(a: W) -> W {
    let big = W::ONE.lt(a);
    let a = if big { W::ONE.div(a) } else { a };
    let (t, base) = if TAN_PI_12.lt(a) {
        (a.mul(SQRT_3).sub(W::ONE).div(a.add(SQRT_3)), PI_6)
    } else {
        (a, W::ZERO)
    };
    let t2 = t.mul(t);
    let mut s = W::ZERO;
    let mut k = 29;
    while k > 1 {
        s = W::ONE.div(W::from_i64(k)).sub(t2.mul(s));
        k -= 2;
    }
    let r = base.add(t.mul(W::ONE.sub(t2.mul(s))));
    if big {
        PI_2.sub(r)
    } else {
        r
    }
}

/// Arc tangent.
pub fn atan(x: f32) -> f32 {
    odd_fn(x, f32::MAX, core::f32::consts::FRAC_PI_2, atan_w)
}

/// The angle of the point `(x, y)`, in `[-π, π]`, with C99's special
/// cases for zeros (signed) and infinities.
pub fn atan2(y: f32, x: f32) -> f32 {
    if x.is_nan() || y.is_nan() {
        return f32::NAN;
    }
    let (ax, ay) = (x.abs(), y.abs());
    let left = x.is_sign_negative();
    // The angle of (|x|, |y|), then mirrored for a negative x.
    let a = if ay == 0.0 {
        W::ZERO
    } else if ax == 0.0 {
        PI_2
    } else if ay.is_infinite() {
        if ax.is_infinite() {
            PI_2.scale(-1)
        } else {
            PI_2
        }
    } else if ax.is_infinite() {
        W::ZERO
    } else {
        atan_w(W::f(ay).div(W::f(ax)))
    };
    let a = if left { PI_2.scale(1).sub(a) } else { a };
    let r = a.to_f32();
    if y.is_sign_negative() {
        -r
    } else {
        r
    }
}

/// `x - n·y` for `n = trunc(x/y)`, exactly, with the sign of `x` (NaN for
/// an infinite `x` or a zero `y`; `x` for an infinite `y`): the shift and
/// subtract long division of the mantissas.
pub fn fmod(x: f32, y: f32) -> f32 {
    if x.is_nan() || y.is_nan() || x.is_infinite() || y == 0.0 {
        return f32::NAN;
    }
    if y.is_infinite() || x.abs() < y.abs() {
        return x;
    }
    let ((mx, ex), (my, ey)) = (parts(x), parts(y));
    // |x| >= |y|, so ex >= ey.
    let mut r = mx;
    let mut n = ex - ey;
    loop {
        if r >= my {
            r -= my;
        }
        if n <= 0 {
            break;
        }
        r <<= 1;
        n -= 1;
    }
    let v = W::from_u64(r as u64).scale(ey).to_f32();
    if x.is_sign_negative() {
        -v
    } else {
        v
    }
}

/// Python's float floor division and modulo, `(a // b, a % b)`, the
/// modulo taking the divisor's sign (CPython's algorithm); `b` must be
/// nonzero. One copy for the run time's `//`, `%` and `divmod` and the
/// compiler's constant folding on single-precision builds.
#[inline(never)]
pub fn divmod(a: f32, b: f32) -> (f32, f32) {
    crate::floor_divmod(a, b)
}

/// 2**23: every `f32` of this magnitude or more is an integer.
const TWO_23: f32 = 8_388_608.0;

/// `x` rounded towards zero (through the FPU's `f32`→`i32` conversion).
pub fn trunc(x: f32) -> f32 {
    if !(x.abs() < TWO_23) {
        return x;
    }
    let t = x as i32 as f32;
    if x.is_sign_negative() {
        -t.abs()
    } else {
        t
    }
}

/// `x` rounded down.
pub fn floor(x: f32) -> f32 {
    let t = trunc(x);
    if t > x {
        t - 1.0
    } else {
        t
    }
}

/// `x` rounded up.
pub fn ceil(x: f32) -> f32 {
    let t = trunc(x);
    if t < x {
        t + 1.0
    } else {
        t
    }
}

/// `x` rounded to the nearest integer, ties to even (the FPU's rounding
/// of `|x| + 2**23`).
pub fn rint(x: f32) -> f32 {
    if !(x.abs() < TWO_23) {
        return x;
    }
    let r = (x.abs() + TWO_23) - TWO_23;
    if x.is_sign_negative() {
        -r
    } else {
        r
    }
}

#[cfg(test)]
mod tests {
    extern crate alloc;
    use super::*;

    /// Within `ulps` of `want` (or both NaN, or equal infinities/zeros).
    fn close(got: f32, want: f32, ulps: u32) -> bool {
        if got.is_nan() || want.is_nan() {
            return got.is_nan() && want.is_nan();
        }
        if got == want {
            return got.is_sign_negative() == want.is_sign_negative() || got != 0.0;
        }
        got.is_sign_negative() == want.is_sign_negative() && got.to_bits().abs_diff(want.to_bits()) <= ulps
    }

    fn args() -> impl Iterator<Item = f32> {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let random = (0..40_000).map(move |_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            f32::from_bits(seed as u32)
        });
        let grid = (-3000..3000).map(|i| i as f32 * 0.037 + 0.001);
        let special = [0.0, -0.0, 1.0, -1.0, 0.5, 2.0, 10.0, 1e-30, -1e-30, 1e-8, 88.7, 89.5, -103.9, -104.5, 1e30,
                       f32::INFINITY, f32::NEG_INFINITY, f32::NAN, f32::MIN_POSITIVE, 1e-45, 0.999_999_9, 1.000_000_1];
        random.chain(grid).chain(special)
    }

    fn check1(name: &str, f: fn(f32) -> f32, want: fn(f64) -> f64) {
        for x in args() {
            let w = want(x as f64) as f32;
            let g = f(x);
            assert!(close(g, w, 1), "{name}({x:e}): {g:e} != {w:e}");
        }
    }

    #[test]
    fn divmod_is_pythons() {
        // (a, b, a // b, a % b) as CPython gives them.
        let cases = [(7.0f32, 2.0f32, 3.0f32, 1.0f32), (-7.0, 2.0, -4.0, 1.0), (7.0, -2.0, -4.0, -1.0),
            (-7.0, -2.0, 3.0, -1.0), (0.0, 5.0, 0.0, 0.0), (-0.0, 5.0, -0.0, 0.0), (0.0, -5.0, -0.0, -0.0),
            (1.5, 0.5, 3.0, 0.0), (-1.5, 0.5, -3.0, 0.0), (5.5, 2.0, 2.0, 1.5)];
        for (a, b, d, m) in cases {
            let (gd, gm) = divmod(a, b);
            assert!(gd.to_bits() == d.to_bits() && gm.to_bits() == m.to_bits(), "{a} {b}: {gd} {gm}");
        }
    }

    #[test]
    fn as_libm_f64() {
        check1("exp", exp, libm::exp);
        check1("expm1", expm1, libm::expm1);
        check1("log", log, libm::log);
        check1("log2", log2, libm::log2);
        check1("log10", log10, libm::log10);
        check1("sinh", sinh, libm::sinh);
        check1("cosh", cosh, libm::cosh);
        check1("tanh", tanh, libm::tanh);
        check1("asinh", asinh, libm::asinh);
        // (libm's double `acosh` is not NaN for every argument below 1.)
        check1("acosh", acosh, |x| if x < 1.0 { f64::NAN } else { libm::acosh(x) });
        check1("atanh", atanh, libm::atanh);
    }

    #[test]
    fn pow_as_libm_f64() {
        let xs: alloc::vec::Vec<f32> = args().step_by(97).collect();
        let ys = [0.0, -0.0, 1.0, -1.0, 2.0, 3.0, -3.0, 0.5, -0.5, 1.0 / 3.0, 10.0, 100.5, -77.0, 1e10, 1e-10,
                  16_777_217.0, f32::INFINITY, f32::NEG_INFINITY, f32::NAN, 2.5, -2.5, 0.1, 20.0, -20.0, 7.0,
                  65_536.0, 65_537.0, -65_535.0, 127.0, -149.0, 150.0];
        for &x in xs.iter().chain(&[0.0, -0.0, 1.0, -1.0, 2.0, -2.0, 10.0, 0.5, -0.5, f32::INFINITY,
                                    f32::NEG_INFINITY, f32::NAN, 1e-40, -8.0]) {
            for &y in ys.iter().chain(&xs[..40]) {
                let w = libm::pow(x as f64, y as f64) as f32;
                let g = pow(x, y);
                assert!(close(g, w, 1), "pow({x:e}, {y:e}): {g:e} != {w:e}");
            }
        }
    }

    #[test]
    fn sqrt_as_libm() {
        for x in args().chain((0..0x7f80_0000u32).step_by(251).map(f32::from_bits)) {
            let (g, w) = (sqrt(x), libm::sqrtf(x));
            assert!(g.to_bits() == w.to_bits() || (g.is_nan() && w.is_nan()), "sqrt({x:e}): {g:e} != {w:e}");
        }
    }

    #[test]
    fn atan_fmod_as_libm() {
        check1("atan", atan, libm::atan);
        let xs: alloc::vec::Vec<f32> = args().step_by(53).collect();
        for &x in &xs {
            for &y in xs.iter().step_by(7).chain(&[0.0, -0.0, 1.0, -1.0, f32::INFINITY, f32::NEG_INFINITY, 3.0]) {
                let (g, w) = (atan2(y, x), libm::atan2(y as f64, x as f64) as f32);
                assert!(close(g, w, 1), "atan2({y:e}, {x:e}): {g:e} != {w:e}");
                let (g, w) = (atan2(x, y), libm::atan2(x as f64, y as f64) as f32);
                assert!(close(g, w, 1), "atan2({x:e}, {y:e}): {g:e} != {w:e}");
                let (g, w) = (fmod(x, y), libm::fmodf(x, y));
                assert!(close(g, w, 0), "fmod({x:e}, {y:e}): {g:e} != {w:e}");
                let (g, w) = (fmod(y, x), libm::fmodf(y, x));
                assert!(close(g, w, 0), "fmod({y:e}, {x:e}): {g:e} != {w:e}");
            }
        }
    }

    #[test]
    fn rounding_as_libm() {
        for x in args().chain((-2000..2000).map(|i| i as f32 * 0.25)).chain([8_388_607.5, -8_388_607.5, 0.49999997]) {
            for (name, f, want) in [("trunc", trunc as fn(f32) -> f32, libm::truncf as fn(f32) -> f32),
                                    ("floor", floor, libm::floorf), ("ceil", ceil, libm::ceilf), ("rint", rint, libm::rintf)] {
                let (g, w) = (f(x), want(x));
                assert!(g.to_bits() == w.to_bits() || (g.is_nan() && w.is_nan()), "{name}({x:e}): {g:e} != {w:e}");
            }
        }
    }

    #[test]
    fn exact_results() {
        assert_eq!(pow(2.0, 10.0), 1024.0);
        assert_eq!(pow(10.0, 2.0), 100.0);
        assert_eq!(pow(-2.0, 3.0), -8.0);
        assert_eq!(pow(10.0, -1.0), 0.1);
        assert_eq!(log10(1000.0), 3.0);
        assert_eq!(log2(8.0), 3.0);
        assert_eq!(log(1.0), 0.0);
        assert_eq!(exp(0.0), 1.0);
        assert_eq!(exp(1.0), core::f32::consts::E);
    }
}
