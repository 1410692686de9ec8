//! `sin`, `cos` and `tan` of single-precision floats (the boards), small in
//! flash: the argument is reduced modulo π/2 exactly with the bits of 2/π,
//! then Taylor polynomials in the wide float of `wide.rs` on `|r| <= π/4`
//! and one rounding to `f32`. The `libm` crate's `sinf`/`cosf`/`tanf` need
//! 4 KB, most of it their general reduction. Infinities and nan give nan.

use super::wide::W;

/// The bits of 2/π after the point, 32 zero bits first (bit `j` of the
/// big-endian sequence is bit `j - 31` after the point).
const FRAC_2_PI: [u32; 8] =
    [0, 0xa2f9836e, 0x4e441529, 0xfc2757d1, 0xf534ddc0, 0xdb629599, 0x3c439041, 0xfe5163ab];

/// π/2 · 2**-64 (64 bits of π/2).
const PIO2_SCALED: W = W::raw(0xc90f_daa2_2168_c235, -63 - 64);

/// `x = q·π/2 + r` with `|r| <= π/4`: `(r, q mod 4)`, for a finite `x`.
fn reduce(x: f32) -> (W, u32) {
    if x.abs() <= core::f32::consts::FRAC_PI_4 {
        return (W::f(x), 0);
    }
    // |x| = m·2**e (e >= -24 here); x·2/π mod 4 from the 96 bits of 2/π
    // that matter: m·W·2**-94, W = bits e-1 ..= e+94 after the point.
    let bits = x.to_bits();
    // (e may be negative: wrapping, then j = e + 30 is back in range.)
    let e = (((bits >> 23) & 0xff) as usize).wrapping_sub(150);
    let m = ((bits & 0x7f_ffff) | 0x80_0000) as u64;
    let j = e.wrapping_add(30);
    let (w, sh) = (j / 32, j % 32);
    let word = |k: usize| {
        let pair = (FRAC_2_PI[w + k] as u64) << 32 | FRAC_2_PI[w + k + 1] as u64;
        (pair << sh >> 32) as u32 as u64
    };
    let p0 = m * word(2);
    let p1 = m * word(1) + (p0 >> 32);
    let p2 = m * word(0) + (p1 >> 32);
    let mut q = (p2 >> 30) as u32 & 3;
    // The fraction's top 64 bits, rounded to the nearest quadrant.
    let frac = (p2 & 0x3fff_ffff) << 34 | (p1 as u32 as u64) << 2 | (p0 as u32 >> 30) as u64;
    let mut f = W::from_u64(frac);
    if frac >> 63 != 0 {
        f = W::from_u64(frac.wrapping_neg()).neg();
        q += 1;
    }
    let r = f.mul(PIO2_SCALED);
    if x < 0.0 {
        (r.neg(), q.wrapping_neg() & 3)
    } else {
        (r, q & 3)
    }
}

/// Taylor coefficients of `(sin(r)/r - 1)/r²` and `(cos(r) - 1)/r²` in
/// `z = r²`, highest first (to r**11 and r**12: within 1e-11 relative on
/// `|r| <= π/4`; the same terms as the earlier `f64` version, so results
/// round the same).
const SIN: [W; 5] = [
    W::c(-1.0 / 39_916_800.0),
    W::c(1.0 / 362_880.0),
    W::c(-1.0 / 5040.0),
    W::c(1.0 / 120.0),
    W::c(-1.0 / 6.0),
];
const COS: [W; 6] = [
    W::c(1.0 / 479_001_600.0),
    W::c(-1.0 / 3_628_800.0),
    W::c(1.0 / 40_320.0),
    W::c(-1.0 / 720.0),
    W::c(1.0 / 24.0),
    W::c(-0.5),
];

/// The polynomial with coefficients `c` (highest first) at `z`.
#[inline(never)]
fn horner(c: &[W], z: W) -> W {
    c.iter().fold(W::ZERO, |p, &k| p.mul(z).add(k))
}

/// (sin x, cos x) for a finite `x`.
fn sin_cos(x: f32) -> (W, W) {
    let (r, q) = reduce(x);
    let z = r.mul(r);
    let s = r.add(r.mul(z).mul(horner(&SIN, z)));
    let c = W::ONE.add(z.mul(horner(&COS, z)));
    match q {
        0 => (s, c),
        1 => (c, s.neg()),
        2 => (s.neg(), c.neg()),
        _ => (c.neg(), s),
    }
}

/// `sin(x)` (`which` 0), `cos(x)` (1) or `tan(x)` (2): one body (NaN for
/// infinities and NaN, `±0` stays for `sin` and `tan`).
#[inline(never)]
fn trig(x: f32, which: u8) -> f32 {
    if !x.is_finite() {
        return x - x;
    }
    if x == 0.0 && which != 1 {
        return x;
    }
    let (s, c) = sin_cos(x);
    match which {
        0 => s,
        1 => c,
        _ => s.div(c),
    }
    .to_f32()
}

/// `sin(x)`.
pub fn sin(x: f32) -> f32 {
    trig(x, 0)
}

/// `cos(x)`.
pub fn cos(x: f32) -> f32 {
    trig(x, 1)
}

/// `tan(x)`.
pub fn tan(x: f32) -> f32 {
    trig(x, 2)
}

/// `asin(x) = atan2(x, sqrt((1-x)(1+x)))`: within two ulps, with the
/// `atan2` and `sqrt` the boards have anyway (libm's `asinf` is 1 KB).
pub fn asin(x: f32) -> f32 {
    mpy_float::math32::atan2(x, mpy_float::math32::sqrt((1.0 - x) * (1.0 + x)))
}

/// `acos(x) = atan2(sqrt((1-x)(1+x)), x)`, as [`asin`].
pub fn acos(x: f32) -> f32 {
    mpy_float::math32::atan2(mpy_float::math32::sqrt((1.0 - x) * (1.0 + x)), x)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f32, b: f32) -> bool {
        a.to_bits() == b.to_bits() || (a.to_bits() as i64 - b.to_bits() as i64).abs() <= 1
    }

    #[test]
    fn as_libm_f64() {
        // Every exponent, mantissas from a simple generator, both signs,
        // plus the f32s nearest multiples of π/2.
        let mut seed = 0x1234_5678u32;
        let mut xs: alloc::vec::Vec<f32> = alloc::vec::Vec::new();
        for _ in 0..400_000 {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            let exp = 70 + (seed >> 8) % 184; // 2**-57 .. 2**127
            let bits = (exp << 23) | (seed.rotate_left(11) & 0x7f_ffff) | (seed & 0x8000_0000);
            xs.push(f32::from_bits(bits));
        }
        for k in 1..3000 {
            let v = (k as f64 * core::f64::consts::FRAC_PI_2) as f32;
            xs.extend([v, -v, f32::from_bits(v.to_bits() + 1), f32::from_bits(v.to_bits() - 1)]);
        }
        xs.extend([0.0, -0.0, 1e-30, 1_048_576.0, 1_048_575.9, 3.4e38, -3.4e38, 16_777_216.0]);
        for x in xs {
            let xd = x as f64;
            for (got, want, name) in [
                (sin(x), libm::sin(xd) as f32, "sin"),
                (cos(x), libm::cos(xd) as f32, "cos"),
                (tan(x), libm::tan(xd) as f32, "tan"),
            ] {
                assert!(close(got, want), "{name}({x:e}) = {got:e}, not {want:e}");
            }
        }
        assert_eq!(sin(-0.0).to_bits(), (-0.0f32).to_bits());
        assert_eq!(asin(-0.0).to_bits(), (-0.0f32).to_bits());
        assert_eq!(tan(-0.0).to_bits(), (-0.0f32).to_bits());
        assert!(sin(f32::INFINITY).is_nan() && cos(f32::NEG_INFINITY).is_nan() && tan(f32::NAN).is_nan());
    }

    #[test]
    fn asin_acos() {
        let ulps = |a: f32, b: f32| (a.to_bits() as i64 - b.to_bits() as i64).abs();
        for i in -100_000..=100_000 {
            let x = i as f32 / 100_000.0;
            let (s, c) = (libm::asin(x as f64) as f32, libm::acos(x as f64) as f32);
            assert!(ulps(asin(x), s) <= 2, "asin({x}) = {}, not {s}", asin(x));
            assert!(ulps(acos(x), c) <= 2, "acos({x}) = {}, not {c}", acos(x));
        }
        for x in [1.0000001f32, -1.0000001, 2.0, f32::INFINITY, f32::NAN] {
            assert!(asin(x).is_nan() && acos(x).is_nan(), "{x}");
        }
    }
}
