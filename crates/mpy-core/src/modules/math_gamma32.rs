//! `gamma` and `lgamma` for single-precision builds (the boards), small in
//! flash: computed in the wide float of `wide.rs` (no soft-double code on
//! the boards) from the Taylor series of `1/Γ(1+y)` on `|y| <= 1/2`, the
//! recurrence `Γ(z+1) = zΓ(z)` and, for large arguments, Stirling's
//! series, then rounded once to `f32`. The `libm` crate's `tgammaf` is its
//! double `tgamma` (4.7 KB with its sine kernels); these are well within
//! an `f32` ulp of it (the tests compare).
//!
//! Poles (0 and the negative integers) and `-inf` are the caller's (see
//! `math.rs`); `nan` gives `nan`.

use super::explog32::ln;
use super::wide::W;

/// Taylor coefficients of `1/Γ(1+y)` at 0 (`y**1` .. `y**14`; the next
/// terms add less than 2e-13 on `|y| <= 1/2`).
const RGAMMA: [W; 14] = [
    W::c(0.577_215_664_901_532_9),
    W::c(-0.655_878_071_520_253_9),
    W::c(-0.042_002_635_034_095_24),
    W::c(0.166_538_611_382_291_5),
    W::c(-0.042_197_734_555_544_34),
    W::c(-0.009_621_971_527_876_974),
    W::c(0.007_218_943_246_663_1),
    W::c(-0.001_165_167_591_859_065),
    W::c(-0.000_215_241_674_114_951),
    W::c(0.000_128_050_282_388_116_2),
    W::c(-0.000_020_134_854_780_788_24),
    W::c(-0.000_001_250_493_482_142_671),
    W::c(0.000_001_133_027_231_981_696),
    W::c(-0.000_000_205_633_841_697_760_7),
];

const HALF: W = W::c(0.5);

/// `Γ(x)` for a finite `x` in `[-190, 40]` that is not a pole (or nan),
/// as `num / den` (kept apart so neither overflows before `ln`).
fn gamma_parts(x: W) -> (W, W) {
    let mut z = x;
    let mut num = W::ONE;
    let mut den = W::ONE;
    while z.lt(HALF) {
        den = den.mul(z);
        z = z.add(W::ONE);
    }
    while const { W::c(1.5) }.lt(z) {
        z = z.sub(W::ONE);
        num = num.mul(z);
    }
    let y = z.sub(W::ONE);
    let mut r = W::ZERO;
    for c in RGAMMA.iter().rev() {
        r = r.add(*c).mul(y);
    }
    (num, den.mul(W::ONE.add(r)))
}

/// `Γ(x)` rounded to `f32` (`inf` beyond its range, `±0` below it).
pub fn gamma(x: f32) -> f32 {
    if x.is_nan() {
        return x;
    }
    if x > 36.0 {
        return f32::INFINITY;
    }
    if x < -190.0 {
        // |Γ| < 1e-300: only the sign is left, negative when floor(x) is
        // odd (x is no integer: trunc(x) is even then).
        return if (x as i32) & 1 == 0 { -0.0 } else { 0.0 };
    }
    let (num, den) = gamma_parts(W::f(x));
    num.div(den).to_f32()
}

/// `ln|Γ(x)|` rounded to `f32` (`inf` for `±inf`, `nan` for `nan`).
pub fn lgamma(x: f32) -> f32 {
    if !x.is_finite() {
        return x.abs();
    }
    lgamma_w(W::f(x)).to_f32()
}

fn lgamma_w(x: W) -> W {
    if !x.lt(const { W::c(10.0) }) {
        // Stirling: (x - 1/2) ln x - x + ln(2π)/2 + 1/(12x) - 1/(360x³)
        // + 1/(1260x⁵), within 1e-10 here.
        let r = W::ONE.div(x);
        let r2 = r.mul(r);
        let series =
            r.mul(const { W::c(1.0 / 12.0) }.sub(r2.mul(const { W::c(1.0 / 360.0) }.sub(r2.mul(const { W::c(1.0 / 1260.0) })))));
        return x.sub(HALF).mul(ln(x)).sub(x).add(const { W::c(0.918_938_533_204_672_8) }).add(series);
    }
    if const { W::c(-150.0) }.lt(x) {
        let (num, den) = gamma_parts(x);
        return ln(num.abs()).sub(ln(den.abs()));
    }
    // Reflection: |Γ(x)| = π / (|sin(πx)| Γ(1-x)); x is no integer, and
    // sin(πx) = ±sin(π(x - round(x))), exact to f32 precision.
    let r = x.sub(W::from_i64(x.trunc_i64()));
    let r = if r.lt(HALF.neg()) { r.add(W::ONE) } else { r };
    let s = W::f(super::trig32::sin(const { W::c(core::f64::consts::PI) }.mul(r).to_f32()));
    const { W::c(LN_PI) }.sub(ln(s.abs())).sub(lgamma_w(W::ONE.sub(x)))
}

/// `ln(π)`.
const LN_PI: f64 = 1.144_729_885_849_400_2;

#[cfg(test)]
mod tests {
    use super::*;

    /// Arguments from -200 to 40 in small steps, plus points near the
    /// poles and the roots of lgamma.
    fn args() -> impl Iterator<Item = f32> {
        let grid = (-20_000..4_000).map(|i| i as f32 * 0.01 + 0.003);
        let near = [
            1.0, 2.0, 1.0000001, 0.99999994, 2.0000002, 1.9999999, -0.9999999, -1.0000001,
            -2.5, -0.5, 0.5, 1.5, 1e-30, -1e-30, 1e-7, 35.0, 35.04, 35.1, -150.5, -170.3,
            -189.9, -190.5, -1e6 - 0.5, 100.5, 1e10, 3e38,
        ];
        grid.chain(near)
    }

    fn close(a: f32, b: f32, ulps: u32) -> bool {
        if a.is_nan() || b.is_nan() {
            return a.is_nan() && b.is_nan();
        }
        if a == b {
            return true;
        }
        if a.is_infinite() || b.is_infinite() || a.signum() != b.signum() {
            // libm's f32 rounding at the edge of the range.
            return a.abs() > 3.4e38 || b.abs() > 3.4e38;
        }
        (a.to_bits() as i64 - b.to_bits() as i64).unsigned_abs() <= ulps as u64
    }

    #[test]
    fn gamma_as_libm() {
        for x in args() {
            if x <= 0.0 && x == libm::floorf(x) {
                continue;
            }
            let want = libm::tgamma(x as f64) as f32;
            let got = gamma(x);
            assert!(close(got, want, 1), "gamma({x}): {got} != {want}");
        }
        assert!(gamma(f32::NAN).is_nan());
        assert_eq!(gamma(f32::INFINITY), f32::INFINITY);
        assert_eq!(gamma(-200.5).to_bits(), (-0.0f32).to_bits());
        assert_eq!(gamma(-201.5).to_bits(), 0.0f32.to_bits());
        assert_eq!(gamma(5.0), 24.0);
    }

    #[test]
    fn lgamma_as_libm() {
        for x in args() {
            if x <= 0.0 && x == libm::floorf(x) {
                continue;
            }
            let want = libm::lgamma(x as f64) as f32;
            let got = lgamma(x);
            assert!(close(got, want, 2), "lgamma({x}): {got} != {want}");
        }
        assert!(lgamma(f32::NAN).is_nan());
        assert_eq!(lgamma(f32::INFINITY), f32::INFINITY);
        assert_eq!(lgamma(1.0), 0.0);
        assert_eq!(lgamma(2.0), 0.0);
    }
}
