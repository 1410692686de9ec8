//! The math functions at `f32` precision for single-precision builds:
//! [`Libm32`] is [`crate::flt::M`] there. The exponentials and logarithms
//! are the compact ones of [`mpy_float::math32`] (in the wide float; the
//! `libm` crate's `f32` ones take ~4 KB of flash), the rest `libm`'s.

pub use mpy_float::math32::{exp_w, ln};
use mpy_float::math32 as m32;

/// The math functions at `f32` precision, by the names of
/// `libm::Libm<f32>` (which has the ones not defined here).
pub struct Libm32;

macro_rules! from_libm {
    ($($name:ident => $f:ident ($($a:ident : $t:ty),*) -> $r:ty;)*) => {
        impl Libm32 {
            $(
                #[doc = concat!("`libm::", stringify!($f), "`.")]
                #[inline(always)]
                pub fn $name($($a: $t),*) -> $r {
                    libm::$f($($a),*)
                }
            )*
        }
    };
}

from_libm! {
    copysign => copysignf(x: f32, y: f32) -> f32;
    fabs => fabsf(x: f32) -> f32;
    ldexp => ldexpf(x: f32, n: i32) -> f32;
    frexp => frexpf(x: f32) -> (f32, i32);
}

macro_rules! from_here {
    ($($name:ident ($($a:ident),*);)*) => {
        impl Libm32 {
            $(
                #[doc = concat!("`", stringify!($name), "` (see the module docs).")]
                #[inline(always)]
                pub fn $name($($a: f32),*) -> f32 {
                    m32::$name($($a),*)
                }
            )*
        }
    };
}

from_here! {
    sqrt(x);
    trunc(x);
    floor(x);
    ceil(x);
    rint(x);
    atan(x);
    atan2(y, x);
    fmod(x, y);
    exp(x);
    expm1(x);
    log(x);
    log2(x);
    log10(x);
    pow(x, y);
    sinh(x);
    cosh(x);
    tanh(x);
    asinh(x);
    acosh(x);
    atanh(x);
}

