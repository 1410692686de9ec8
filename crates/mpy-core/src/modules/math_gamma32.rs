//! `gamma` and `lgamma` for single-precision builds (the boards), small in
//! flash: computed in `f64` from the Taylor series of `1/Γ(1+y)` on
//! `|y| <= 1/2`, the recurrence `Γ(z+1) = zΓ(z)` and, for large arguments,
//! Stirling's series, then rounded once to `f32`. The `libm` crate's
//! `tgammaf` is its double `tgamma` (4.7 KB with its sine kernels); these
//! are well within an `f32` ulp of it (the tests compare).
//!
//! Poles (0 and the negative integers) and `-inf` are the caller's (see
//! `math.rs`); `nan` gives `nan`.

/// Taylor coefficients of `1/Γ(1+y)` at 0 (`y**1` .. `y**14`; the next
/// terms add less than 2e-13 on `|y| <= 1/2`).
const RGAMMA: [f64; 14] = [
    0.577_215_664_901_532_9,
    -0.655_878_071_520_253_9,
    -0.042_002_635_034_095_24,
    0.166_538_611_382_291_5,
    -0.042_197_734_555_544_34,
    -0.009_621_971_527_876_974,
    0.007_218_943_246_663_1,
    -0.001_165_167_591_859_065,
    -0.000_215_241_674_114_951,
    0.000_128_050_282_388_116_2,
    -0.000_020_134_854_780_788_24,
    -0.000_001_250_493_482_142_671,
    0.000_001_133_027_231_981_696,
    -0.000_000_205_633_841_697_760_7,
];

/// `Γ(x)` for a finite `x` in `[-190, 40]` that is not a pole (or nan),
/// as `num / den` (kept apart so neither overflows before `ln`).
fn gamma_parts(x: f64) -> (f64, f64) {
    let mut z = x;
    let mut num = 1.0;
    let mut den = 1.0;
    while z < 0.5 {
        den *= z;
        z += 1.0;
    }
    while z > 1.5 {
        z -= 1.0;
        num *= z;
    }
    let y = z - 1.0;
    let mut r = 0.0;
    for c in RGAMMA.iter().rev() {
        r = (r + c) * y;
    }
    (num, den * (1.0 + r))
}

/// `Γ(x)` rounded to `f32` (`inf` beyond its range, `±0` below it).
pub fn gamma(x: f32) -> f32 {
    if x > 36.0 {
        return f32::INFINITY;
    }
    if x < -190.0 {
        // |Γ| < 1e-300: only the sign is left, negative when floor(x) is
        // odd (x is no integer: trunc(x) is even then).
        return if (x as i32) & 1 == 0 { -0.0 } else { 0.0 };
    }
    let (num, den) = gamma_parts(x as f64);
    (num / den) as f32
}

/// `ln(x)` for a positive finite normal double, within 1e-15 relative:
/// `x = m * 2**e` with `m` in `[sqrt(1/2), sqrt(2))`, and `ln(m) =
/// 2 atanh(s)` for `s = (m-1)/(m+1)` as a series in `s**2 <= 0.03`.
fn ln(x: f64) -> f64 {
    let bits = x.to_bits();
    let mut e = ((bits >> 52) & 0x7ff) as i32 - 1023;
    let mut m = f64::from_bits((bits & ((1 << 52) - 1)) | (1023 << 52));
    if m > core::f64::consts::SQRT_2 {
        m *= 0.5;
        e += 1;
    }
    let s = (m - 1.0) / (m + 1.0);
    let s2 = s * s;
    let mut t = 0.0;
    let mut k = 19.0;
    while k > 1.0 {
        t = (t + 1.0 / k) * s2;
        k -= 2.0;
    }
    2.0 * s * (1.0 + t) + e as f64 * core::f64::consts::LN_2
}

/// `ln|Γ(x)|` rounded to `f32` (`inf` for `±inf`, `nan` for `nan`).
pub fn lgamma(x: f32) -> f32 {
    if !x.is_finite() {
        return x.abs();
    }
    lgamma64(x as f64) as f32
}

fn lgamma64(x: f64) -> f64 {
    if x >= 10.0 {
        // Stirling: (x - 1/2) ln x - x + ln(2π)/2 + 1/(12x) - 1/(360x³)
        // + 1/(1260x⁵), within 1e-10 here.
        let r = 1.0 / x;
        let r2 = r * r;
        let series = r * (1.0 / 12.0 - r2 * (1.0 / 360.0 - r2 * (1.0 / 1260.0)));
        return (x - 0.5) * ln(x) - x + 0.918_938_533_204_672_8 + series;
    }
    if x > -150.0 {
        let (num, den) = gamma_parts(x);
        return ln(num) - ln(den.abs());
    }
    // Reflection: |Γ(x)| = π / (|sin(πx)| Γ(1-x)); x is no integer, and
    // sin(πx) = ±sin(π(x - round(x))), exact to f32 precision.
    let r = x - (x as i64) as f64;
    let r = if r < -0.5 { r + 1.0 } else { r };
    let s = super::trig32::sin((core::f64::consts::PI * r) as f32) as f64;
    LN_PI - ln(s.abs()) - lgamma64(1.0 - x)
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
