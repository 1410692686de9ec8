//! The precision of Python floats, chosen at build time: [`Float`] is
//! `f64`, or `f32` with feature `float-single` (feature `float-stuffed`
//! implies it). Code handling float values uses [`Float`], the math
//! functions of [`M`] (the `libm` crate's functions at that precision) and
//! the few conversions below, so no other file needs a precision `cfg`.
//! Builds without feature `float` have no floats and no such module (code
//! handling floats is `#[cfg(feature = "float")]`).

/// A Python float's value.
#[cfg(not(feature = "float-single"))]
pub type Float = f64;
/// A Python float's value.
#[cfg(feature = "float-single")]
pub type Float = f32;

/// `libm`'s functions at the precision of [`Float`] (`M::sqrt(x)`, ...).
#[cfg(not(feature = "float-single"))]
pub type M = libm::Libm<Float>;
/// The math functions at the precision of [`Float`] (`M::sqrt(x)`, ...):
/// on single-precision builds mostly the compact ones of
/// `mpy_float::math32` (see `modules/explog32.rs`).
#[cfg(feature = "float-single")]
pub use crate::modules::explog32 as M;

/// Whether floats are single precision.
pub const SINGLE: bool = cfg!(feature = "float-single");

/// Significant digits of `repr(float)`: 16 (or 17 when needed to read
/// back) for doubles; 7 for single precision (`%.7g`), 6 for floats
/// stuffed into the object word, which keep only 22 bits of mantissa
/// (as official MicroPython's single-precision ports print).
pub const REPR_DIGITS: usize = if cfg!(feature = "float-stuffed") {
    6
} else if SINGLE {
    7
} else {
    16
};

/// Mathematical constants at the precision of [`Float`].
pub mod consts {
    use super::Float;
    /// π.
    pub const PI: Float = core::f64::consts::PI as Float;
    /// e.
    pub const E: Float = core::f64::consts::E as Float;
    /// τ = 2π.
    pub const TAU: Float = core::f64::consts::TAU as Float;
    /// ln 10.
    pub const LN_10: Float = core::f64::consts::LN_10 as Float;
}

/// A double rounded to the nearest [`Float`] (exact for doubles; on
/// single-precision builds in integer code, so the boards link no
/// soft-double conversion).
#[inline(always)]
#[allow(clippy::unnecessary_cast)]
pub fn from_f64(x: f64) -> Float {
    #[cfg(feature = "float-single")]
    return mpy_float::f64_to_f32(x);
    #[cfg(not(feature = "float-single"))]
    x
}

/// A [`Float`] as a double (exact; in integer code on single-precision
/// builds).
#[inline(always)]
#[allow(clippy::unnecessary_cast)]
pub fn to_f64(x: Float) -> f64 {
    #[cfg(feature = "float-single")]
    return mpy_float::f32_to_f64(x);
    #[cfg(not(feature = "float-single"))]
    x
}

/// A [`Float`] rounded to the nearest `f32` (exact on single-precision
/// builds).
#[inline(always)]
#[allow(clippy::unnecessary_cast)]
pub fn to_f32(x: Float) -> f32 {
    x as f32
}

/// An `f32` as a [`Float`] (exact).
#[inline(always)]
#[allow(clippy::unnecessary_cast)]
pub fn from_f32(x: f32) -> Float {
    x as Float
}

/// A machine integer as the nearest [`Float`] (rounded once).
#[inline(always)]
pub fn from_i64(x: i64) -> Float {
    x as Float
}

/// A big int as the nearest [`Float`] (rounded once, half to even).
///
/// Errors: `Overflow` when it rounds beyond the largest finite float.
#[cfg(feature = "bigint")]
#[inline]
pub fn from_mpz(b: mpy_mpz::MpzRef<'_>) -> Result<Float, mpy_mpz::Error> {
    #[cfg(feature = "float-single")]
    {
        mpy_mpz::conv::to_f32(b)
    }
    #[cfg(not(feature = "float-single"))]
    {
        mpy_mpz::conv::to_f64(b)
    }
}

/// Decimal text (Rust's float syntax: digits, `.`, `e`, `inf`, `nan`) as
/// the correctly rounded [`Float`].
#[inline]
pub fn parse(text: &str) -> Option<Float> {
    mpy_float::parse::<Float>(text.as_bytes())
}

/// The [`Float`] nearest `±D × 10**e10` (ties to even), `D` spelled by the
/// ASCII `digits` (see [`mpy_float::from_decimal`]).
#[inline]
pub fn from_decimal(neg: bool, digits: impl Iterator<Item = u8>, e10: i64) -> Option<Float> {
    mpy_float::from_decimal::<Float>(neg, digits, e10)
}

pub use mpy_float::Round;

/// `|x|` (finite, nonzero) rounded to `p` (1..=17) significant digits:
/// `(q, k)` with `q` of exactly `p` digits and `|x| ≈ q × 10**(k - p + 1)`
/// (see [`mpy_float::decimal`]).
#[inline]
pub fn decimal(x: Float, p: u32, round: Round) -> (u64, i32) {
    mpy_float::decimal(x, p, round)
}

/// The [`Float`] nearest `d × 10**e10`.
#[inline]
pub fn from_u64(d: u64, e10: i64) -> Option<Float> {
    mpy_float::from_u64::<Float>(d, e10)
}
