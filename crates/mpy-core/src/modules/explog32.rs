//! The math functions at `f32` precision for single-precision builds:
//! this module is [`crate::flt::M`] there (a module, so `M::sqrt` as a
//! function pointer is the function itself, not a forwarding thunk). The
//! exponentials, logarithms, inverse tangents, `sqrt`, `fmod` and the
//! roundings are the compact ones of [`mpy_float::math32`] (in the wide
//! float and integer code; the `libm` crate's `f32` ones took ~5 KB of
//! flash), the rest `libm`'s.

pub use libm::{copysignf as copysign, fabsf as fabs, frexpf as frexp, ldexpf as ldexp};
pub use mpy_float::math32::{
    acosh, asinh, atan, atan2, atanh, ceil, cosh, exp, exp_w, expm1, floor, fmod, ln, log, log10, log2, pow, rint,
    sinh, sqrt, tanh, trunc,
};
