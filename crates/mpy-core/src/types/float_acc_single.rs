//! `exp`, `log`, `log2`, `pow`, `cosh` and `asinh` for single-precision
//! builds (feature `float-single`): the `libm` crate's `f32` functions,
//! which stay within about one unit in the last place, as the libm of
//! official MicroPython's single-precision ports does. (The double build
//! uses the correctly rounded double-double versions of `float_acc.rs`,
//! needed there to print CPython's 17 digits; 7 digits need no such
//! care, and skipping them keeps `f64` code out of single-precision
//! firmware.)

use crate::flt::{Float, M};

/// `e**x`.
#[inline]
pub fn exp(x: Float) -> Float {
    M::exp(x)
}

/// Natural logarithm.
#[inline]
pub fn log(x: Float) -> Float {
    M::log(x)
}

/// Base-2 logarithm.
#[inline]
pub fn log2(x: Float) -> Float {
    M::log2(x)
}

/// Hyperbolic cosine.
#[inline]
pub fn cosh(x: Float) -> Float {
    M::cosh(x)
}

/// Inverse hyperbolic sine.
#[inline]
pub fn asinh(x: Float) -> Float {
    M::asinh(x)
}

/// `x ** y` with C99's special cases (`x ** 0 == 1`, `1 ** y == 1`).
#[inline]
pub fn pow(x: Float, y: Float) -> Float {
    M::pow(x, y)
}
