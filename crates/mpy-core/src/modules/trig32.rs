//! `sin`, `cos` and `tan` of single-precision floats (the boards), small in
//! flash: the argument is reduced modulo π/2 in `f64` (Cody-Waite below
//! 2**20, exactly with the bits of 2/π above), then Taylor polynomials in
//! `f64` on `|r| <= π/4` and one rounding to `f32`. The `libm` crate's
//! `sinf`/`cosf`/`tanf` need 4 KB, most of it their general reduction.
//! Infinities and nan give nan.

/// The bits of 2/π after the point, 32 zero bits first (bit `j` of the
/// big-endian sequence is bit `j - 31` after the point).
const FRAC_2_PI: [u32; 8] =
    [0, 0xa2f9836e, 0x4e441529, 0xfc2757d1, 0xf534ddc0, 0xdb629599, 0x3c439041, 0xfe5163ab];

/// π/2 in three parts: 33 bits, 33 more, the rest.
const PIO2_1: f64 = 1.5707963267341256;
const PIO2_2: f64 = 6.077100506303966e-11;
const PIO2_3: f64 = 2.0222662487959506e-21;

/// `x = q·π/2 + r` with `|r| <= π/4`: `(r, q mod 4)`, for a finite `x`.
fn reduce(x: f32) -> (f64, u32) {
    let xd = x as f64;
    if xd.abs() < 1_048_576.0 {
        let n = (xd * core::f64::consts::FRAC_2_PI + if xd < 0.0 { -0.5 } else { 0.5 }) as i32;
        let nd = n as f64;
        return (xd - nd * PIO2_1 - nd * PIO2_2 - nd * PIO2_3, n as u32 & 3);
    }
    // |x| = m·2**e; x·2/π mod 4 from the 96 bits of 2/π that matter:
    // m·W·2**-94, W = bits e-1 ..= e+94 after the point.
    let bits = x.to_bits();
    let e = ((bits >> 23) & 0xff) as usize - 150;
    let m = ((bits & 0x7f_ffff) | 0x80_0000) as u64;
    let j = e + 30;
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
    let mut f = frac as f64;
    if frac >> 63 != 0 {
        f = -(frac.wrapping_neg() as f64);
        q += 1;
    }
    let r = f * (core::f64::consts::FRAC_PI_2 / 18_446_744_073_709_551_616.0);
    if x < 0.0 {
        (-r, q.wrapping_neg() & 3)
    } else {
        (r, q & 3)
    }
}

/// Taylor coefficients of `(sin(r)/r - 1)/r²` and `(cos(r) - 1)/r²` in
/// `z = r²`, highest first (to r**11 and r**12: within 1e-11 relative on
/// `|r| <= π/4`).
const SIN: [f64; 5] = [-1.0 / 39_916_800.0, 1.0 / 362_880.0, -1.0 / 5040.0, 1.0 / 120.0, -1.0 / 6.0];
const COS: [f64; 6] =
    [1.0 / 479_001_600.0, -1.0 / 3_628_800.0, 1.0 / 40_320.0, -1.0 / 720.0, 1.0 / 24.0, -0.5];

/// The polynomial with coefficients `c` (highest first) at `z` (one loop
/// for both: soft-float code is large).
#[inline(never)]
fn horner(c: &[f64], z: f64) -> f64 {
    c.iter().fold(0.0, |p, &k| p * z + k)
}

/// sin(r) and cos(r) for `|r| <= π/4`.
fn kernels(r: f64) -> (f64, f64) {
    let z = r * r;
    (r + r * z * horner(&SIN, z), 1.0 + z * horner(&COS, z))
}

/// (sin x, cos x) in `f64` for a finite `x`.
fn sin_cos(x: f32) -> (f64, f64) {
    let (r, q) = reduce(x);
    let (s, c) = kernels(r);
    match q {
        0 => (s, c),
        1 => (c, -s),
        2 => (-s, -c),
        _ => (-c, s),
    }
}

/// `sin(x)`.
pub fn sin(x: f32) -> f32 {
    if !x.is_finite() {
        return x - x;
    }
    if x == 0.0 {
        return x;
    }
    sin_cos(x).0 as f32
}

/// `cos(x)`.
pub fn cos(x: f32) -> f32 {
    if !x.is_finite() {
        return x - x;
    }
    sin_cos(x).1 as f32
}

/// `tan(x)`.
pub fn tan(x: f32) -> f32 {
    if !x.is_finite() {
        return x - x;
    }
    if x == 0.0 {
        return x;
    }
    let (s, c) = sin_cos(x);
    (s / c) as f32
}

/// `asin(x) = atan2(x, sqrt((1-x)(1+x)))`: within two ulps, with the
/// `atan2f` and `sqrtf` the boards have anyway (libm's `asinf` is 1 KB).
pub fn asin(x: f32) -> f32 {
    libm::atan2f(x, libm::sqrtf((1.0 - x) * (1.0 + x)))
}

/// `acos(x) = atan2(sqrt((1-x)(1+x)), x)`, as [`asin`].
pub fn acos(x: f32) -> f32 {
    libm::atan2f(libm::sqrtf((1.0 - x) * (1.0 + x)), x)
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
