//! Decimal text and binary floats (`f32`, `f64`) without core's float
//! formatting and parsing machinery (no `dec2flt` power tables, no
//! Grisu/Dragon): correctly rounded parsing ([`parse`], [`from_decimal`])
//! and the exact decimal digits of a float rounded to up to 17
//! significant digits ([`decimal`]), which is all MicroPython's float
//! formatting needs.
//!
//! Both directions reduce to one exact operation: the quotient of two
//! small big integers (a float's mantissa or the decimal digits times a
//! power of 5, over a power of 5, both shifted by powers of 2) to at most
//! 63 bits, with how the remainder compares with half the divisor.
//! Numbers that are exact in the float's arithmetic (at most 15 digits
//! times a power of ten up to 10**22 for `f64`, 7 digits and 10**10 for
//! `f32`) take one float multiplication or division instead. Nothing
//! allocates or panics; the big integers live in fixed stack buffers (at
//! most 2 × 352 bytes for `f64`, 2 × 80 for `f32`).
#![no_std]
// The boards' `sqrt` instruction (`core::f32::math::sqrt`; they build with nightly).
#![cfg_attr(feature = "fpu-sqrt", feature(core_float_math))]
#![warn(missing_docs)]

mod big;
mod conv;
mod digits;
pub mod math32;
mod parse;
pub mod wide;
#[cfg(test)]
mod tests;

pub use conv::{f32_to_f64, f64_to_f32, round_f32};
pub use digits::{decimal, div10, Round};
pub use parse::{from_decimal, from_u64, parse, parse_python};

/// The operations of Python's float floor-divmod at one precision
/// ([`floor_divmod`]): `f32` with [`math32`]'s, `f64` with `libm`'s.
pub(crate) trait DivmodOps:
    Copy + PartialOrd + core::ops::Add<Output = Self> + core::ops::Sub<Output = Self> + core::ops::Div<Output = Self>
{
    /// `0.0`.
    const ZERO: Self;
    /// `1.0`.
    const ONE: Self;
    /// `0.5`.
    const HALF: Self;
    /// C's `fmod` (exact, the sign of `a`).
    fn fmod(a: Self, b: Self) -> Self;
    /// The largest integer not above `x`.
    fn floor(x: Self) -> Self;
    /// `x`'s magnitude with `s`'s sign.
    fn copysign(x: Self, s: Self) -> Self;
}

impl DivmodOps for f32 {
    const ZERO: f32 = 0.0;
    const ONE: f32 = 1.0;
    const HALF: f32 = 0.5;
    fn fmod(a: f32, b: f32) -> f32 {
        math32::fmod(a, b)
    }
    fn floor(x: f32) -> f32 {
        math32::floor(x)
    }
    fn copysign(x: f32, s: f32) -> f32 {
        libm::copysignf(x, s)
    }
}

impl DivmodOps for f64 {
    const ZERO: f64 = 0.0;
    const ONE: f64 = 1.0;
    const HALF: f64 = 0.5;
    fn fmod(a: f64, b: f64) -> f64 {
        libm::fmod(a, b)
    }
    fn floor(x: f64) -> f64 {
        libm::floor(x)
    }
    fn copysign(x: f64, s: f64) -> f64 {
        libm::copysign(x, s)
    }
}

/// Python's float floor division and modulo, `(a // b, a % b)`: the
/// modulo exact (`fmod`) and taking the divisor's sign, the quotient
/// floored (CPython's results). `b` must be nonzero.
#[inline(always)]
pub(crate) fn floor_divmod<F: DivmodOps>(a: F, b: F) -> (F, F) {
    let mut m = F::fmod(a, b);
    let mut div = (a - m) / b;
    if m != F::ZERO {
        if (b < F::ZERO) != (m < F::ZERO) {
            m = m + b;
            div = div - F::ONE;
        }
    } else {
        m = F::copysign(F::ZERO, b);
    }
    let fd = if div != F::ZERO {
        let mut fd = F::floor(div);
        if div - fd > F::HALF {
            fd = fd + F::ONE;
        }
        fd
    } else {
        F::copysign(F::ZERO, a / b)
    };
    (fd, m)
}

/// [`floor_divmod`] in double precision, `(a // b, a % b)`; `b` must be
/// nonzero. One copy for the run time's `//`, `%` and `divmod` and the
/// compiler's constant folds (single precision: [`math32::divmod`]).
pub fn divmod_f64(a: f64, b: f64) -> (f64, f64) {
    floor_divmod(a, b)
}

/// `b**k` (wrapping; the callers' powers fit). Boards: one small loop
/// for the powers of 5 and 10 here instead of `pow`'s squaring inlined at
/// each (`k` is small); the desktop keeps `pow`.
#[cfg_attr(not(target_os = "none"), inline)]
#[cfg_attr(target_os = "none", inline(never))]
pub(crate) fn ipow(b: u64, k: u32) -> u64 {
    #[cfg(not(target_os = "none"))]
    return b.wrapping_pow(k);
    #[cfg(target_os = "none")]
    {
        let mut r = 1u64;
        for _ in 0..k {
            r = r.wrapping_mul(b);
        }
        r
    }
}

/// The binary formats: `f32` and `f64` (sealed).
pub trait Float: Copy + core::ops::Neg<Output = Self> + sealed::Sealed {
    /// Significant decimal digits kept when parsing; the rest only count
    /// as nonzero or not. More than any halfway point between two floats
    /// has (112 for `f32`, 767 for `f64`).
    const MAX_DIGITS: usize;
    #[doc(hidden)]
    const SPEC: Spec;
    #[doc(hidden)]
    fn from_bits64(bits: u64) -> Self;
    #[doc(hidden)]
    fn bits64(self) -> u64;
    #[doc(hidden)]
    fn exact(d: u64, e10: Ex, neg: bool) -> Option<Self>;
    #[doc(hidden)]
    fn with_scratch<R>(f: impl FnOnce(&mut [u32], &mut [u32]) -> R) -> R;
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for f32 {}
    impl Sealed for f64 {}
}

/// The exponent arithmetic of the exact conversions: `i64` on the desktop,
/// `i32` on the boards (half the code there; their inputs fit: the
/// parser caps exponents at `2**26`, and no text on a board holds
/// `2**26` digits).
#[doc(hidden)]
#[cfg(not(target_os = "none"))]
pub type Ex = i64;
/// See the desktop's `Ex`.
#[doc(hidden)]
#[cfg(target_os = "none")]
pub type Ex = i32;

/// The parameters of a binary format.
#[doc(hidden)]
#[derive(Clone, Copy)]
pub struct Spec {
    /// Mantissa bits, with the implicit one (24, 53).
    pub p: u32,
    /// Exponent of the smallest subnormal's bit (-149, -1074).
    pub min_lsb: Ex,
    /// Bit pattern of +infinity.
    pub inf: u64,
    /// The sign bit.
    pub sign: u64,
    /// Decimal exponents (of the first digit) beyond which values are
    /// infinite or zero for sure.
    pub max_dec: Ex,
    /// See `max_dec`.
    pub min_dec: Ex,
}

/// Digits of the stack buffers: enough for every intermediate value
/// (checked by the tests at the extremes).
const WORDS_F64: usize = 88;
const WORDS_F32: usize = 20;

/// Exact powers of ten in `f64`.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
    1e20, 1e21, 1e22,
];

impl Float for f64 {
    const MAX_DIGITS: usize = 780;
    const SPEC: Spec = Spec { p: 53, min_lsb: -1074, inf: 0x7ff0_0000_0000_0000, sign: 1 << 63, max_dec: 309, min_dec: -325 };
    fn from_bits64(bits: u64) -> f64 {
        f64::from_bits(bits)
    }
    fn bits64(self) -> u64 {
        self.to_bits()
    }
    fn exact(d: u64, e10: Ex, neg: bool) -> Option<f64> {
        // The boards have no double-precision FPU: the exact path (same
        // result) instead of linking the soft-double multiply and divide.
        if cfg!(target_os = "none") || d >= 1 << 53 {
            return None;
        }
        let p = *POW10.get(e10.unsigned_abs() as usize)?;
        let v = if e10 < 0 { d as f64 / p } else { d as f64 * p };
        Some(if neg { -v } else { v })
    }
    fn with_scratch<R>(f: impl FnOnce(&mut [u32], &mut [u32]) -> R) -> R {
        f(&mut [0; WORDS_F64], &mut [0; WORDS_F64])
    }
}

impl Float for f32 {
    const MAX_DIGITS: usize = 128;
    const SPEC: Spec = Spec { p: 24, min_lsb: -149, inf: 0x7f80_0000, sign: 1 << 31, max_dec: 39, min_dec: -47 };
    fn from_bits64(bits: u64) -> f32 {
        f32::from_bits(bits as u32)
    }
    fn bits64(self) -> u64 {
        self.to_bits() as u64
    }
    fn exact(d: u64, e10: Ex, neg: bool) -> Option<f32> {
        // The boards take the exact path (same result) for every number:
        // the fast path's flash is worth more there than its speed.
        if cfg!(target_os = "none") || d >= 1 << 24 || e10.unsigned_abs() > 10 {
            return None;
        }
        let p = ipow(10, e10.unsigned_abs() as u32) as f32;
        let v = if e10 < 0 { d as f32 / p } else { d as f32 * p };
        Some(if neg { -v } else { v })
    }
    fn with_scratch<R>(f: impl FnOnce(&mut [u32], &mut [u32]) -> R) -> R {
        f(&mut [0; WORDS_F32], &mut [0; WORDS_F32])
    }
}
