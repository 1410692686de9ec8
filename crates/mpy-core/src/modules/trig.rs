//! `sin`, `cos` and `tan` at the precision of [`Float`]: the `libm`
//! crate's for doubles, `trig32.rs`'s (small) for single precision.

use crate::flt::Float;

/// `sin(x)`.
pub fn sin(x: Float) -> Float {
    #[cfg(feature = "float-single")]
    return super::trig32::sin(x);
    #[cfg(not(feature = "float-single"))]
    libm::sin(x)
}

/// `cos(x)`.
pub fn cos(x: Float) -> Float {
    #[cfg(feature = "float-single")]
    return super::trig32::cos(x);
    #[cfg(not(feature = "float-single"))]
    libm::cos(x)
}

/// `tan(x)`.
pub fn tan(x: Float) -> Float {
    #[cfg(feature = "float-single")]
    return super::trig32::tan(x);
    #[cfg(not(feature = "float-single"))]
    libm::tan(x)
}

/// `asin(x)`.
pub fn asin(x: Float) -> Float {
    #[cfg(feature = "float-single")]
    return super::trig32::asin(x);
    #[cfg(not(feature = "float-single"))]
    libm::asin(x)
}

/// `acos(x)`.
pub fn acos(x: Float) -> Float {
    #[cfg(feature = "float-single")]
    return super::trig32::acos(x);
    #[cfg(not(feature = "float-single"))]
    libm::acos(x)
}
