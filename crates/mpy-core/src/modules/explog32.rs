//! The math functions at `f32` precision for single-precision builds:
//! this module is [`crate::flt::M`] there (a module, so `M::sqrt` as a
//! function pointer is the function itself, not a forwarding thunk). The
//! exponentials, logarithms, inverse tangents, `sqrt`, `fmod` and the
//! roundings are the compact ones of [`mpy_float::math32`] (in the wide
//! float and integer code; the `libm` crate's `f32` ones took ~5 KB of
//! flash), `ldexp` the wide float's exact scaling, the rest `libm`'s.

pub use libm::{copysignf as copysign, fabsf as fabs, frexpf as frexp};
pub use mpy_float::math32::{
    acosh, asinh, atan, atan2, atanh, ceil, cosh, exp, exp_w, expm1, floor, fmod, ln, log, log10, log2, pow, rint,
    sinh, sqrt, tanh, trunc,
};

/// `x · 2**e` (`|e|` at most 2**30), correctly rounded as `libm`'s
/// `ldexpf`: the wide float scales exactly, then rounds once (without
/// `ldexpf`'s own rounding code).
pub fn ldexp(x: f32, e: i32) -> f32 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    mpy_float::wide::W::f(x).scale(e).to_f32()
}

#[cfg(test)]
mod tests {
    #[test]
    fn ldexp_as_libm() {
        let xs = [1.0f32, -1.5, 3.0e38, 1.0e-38, 1.0e-45, -7.3e-42, 0.1, 123_456.79, f32::MAX, f32::MIN_POSITIVE];
        for &x in &xs {
            for e in (-400..400).chain([-100_000, 100_000, -1 << 30, 1 << 30]) {
                assert_eq!(super::ldexp(x, e).to_bits(), libm::ldexpf(x, e).to_bits(), "{x} {e}");
            }
        }
        for x in [0.0f32, -0.0, f32::INFINITY, f32::NEG_INFINITY] {
            assert_eq!(super::ldexp(x, 5).to_bits(), libm::ldexpf(x, 5).to_bits());
        }
        assert!(super::ldexp(f32::NAN, 3).is_nan());
        // Subnormal inputs and ties at the subnormal boundary.
        let mut b = 1u32;
        while b < 0x0100_0000 {
            let x = f32::from_bits(b | 0x0000_0001);
            for e in [-30, -3, -1, 0, 1, 5, 40, 300] {
                assert_eq!(super::ldexp(x, e).to_bits(), libm::ldexpf(x, e).to_bits(), "{b:x} {e}");
            }
            b = b.wrapping_mul(3).wrapping_add(1);
        }
        let mut b = 0x0080_0001u32;
        while b < 0x7f00_0000 {
            let x = f32::from_bits(b);
            for e in [-300, -160, -150, -149, -140, -127, -126, -1, 1, 127] {
                assert_eq!(super::ldexp(x, e).to_bits(), libm::ldexpf(x, e).to_bits(), "{b:x} {e}");
            }
            b = b.wrapping_add(0x0013_5795);
        }
    }
}
