//! Allocation-free arbitrary-precision integers for MicroPython's `int`.
//!
//! # Representation
//! An integer is a sign and a magnitude, like Python's own `int`: the
//! magnitude is a little-endian slice of [`Digit`]s (`u32`, so a
//! [`DoubleDigit`] is `u64`); digit `i` has weight `2^(32*i)`. A *normalised*
//! magnitude has no high zero digits, and zero is the empty slice (it is
//! never negative). [`MpzRef`] pairs a sign with a magnitude.
//!
//! # Calling convention
//! Nothing here allocates, panics or recurses deeper than `O(log n)`.
//! Every operation writes its result into a caller-provided `&mut [u32]`
//! output (and, where needed, a scratch slice) and returns the result's
//! normalised length (and sign). For each operation a `*_len` function
//! computes, from the input lengths, an output (or scratch) length that is
//! always sufficient, so the caller can allocate exactly that much from its
//! own heap first. A slice shorter than its bound gives
//! [`Error::BufferTooSmall`] (some functions accept less when the actual
//! result fits; each says so). Output digits past the returned length, and
//! all scratch contents, are unspecified afterwards.
//!
//! Inputs need not be normalised (high zero digits are ignored), but
//! outputs always are.
//!
//! The bounds depend only on the lengths (and radix), but some are
//! target-dependent: 64-bit hosts divide by 64-bit limbs (a few more
//! scratch digits, and none for a two-digit divisor) and format long
//! values by divide and conquer (more scratch). Always size buffers with
//! the `*_len` functions of the running build.
//!
//! # Speed
//! Digits stay `u32` on every target (the Cortex-M4 multiplies them with
//! `UMULL`). On 64-bit hosts the inner loops of addition, subtraction,
//! multiplication, division, shifts, parsing and formatting read and write
//! the digits two at a time as 64-bit limbs with 128-bit products (an odd
//! last digit gets a 32-bit step), values of up to 64 bits take machine
//! arithmetic, division uses reciprocals of one- and two-limb divisors,
//! `pow` with an odd modulus uses Montgomery multiplication, and long
//! values are formatted by divide and conquer. All of that is
//! `cfg(target_pointer_width = "64")`, so the 32-bit build keeps its size.
//!
//! # Example
//! ```
//! use mpy_mpz::{fmt, mul, MpzRef};
//! // -(2**64 - 1)**2, with every buffer sized by its bound function.
//! let a = [u32::MAX, u32::MAX];
//! let mut out = vec![0; mul::mul_len(a.len(), a.len())];
//! let mut scratch = vec![0; mul::mul_scratch_len(a.len(), a.len())];
//! let r = mul::mul(&mut out, MpzRef::pos(&a), MpzRef::new(true, &a), &mut scratch).unwrap();
//! let v = MpzRef::from_result(&out, r);
//! let mut text = vec![0u8; fmt::to_str_len(r.len, 10)];
//! let mut scratch = vec![0; fmt::to_str_scratch_len(r.len, 10)];
//! let n = fmt::to_str(&mut text, v, 10, false, &mut scratch).unwrap();
//! assert_eq!(&text[..n], b"-340282366920938463426481119284349108225");
//! ```
//!
//! # Modules
//! - [`cmp`]: comparisons. [`add`]: addition and subtraction.
//! - [`mul`]: schoolbook and Karatsuba multiplication.
//! - [`div`]: Knuth division with Python's floor semantics.
//! - [`pow`]: powers and modular powers. [`shift`]: `<<` and `>>`.
//! - [`bits`]: `& | ^ ~` with two's-complement semantics, bit counts.
//! - [`conv`]: machine integers and floats. [`bytes`]: `to_bytes`/`from_bytes`.
//! - [`parse`] / [`fmt`]: text in radix 2..36. [`hash`]: CPython's int hash.
//! - [`gcd`]: greatest common divisor. [`sqrt`]: integer square root.
//! - [`buf`]: [`MpzBuf`], a fixed-capacity owned integer for tests and
//!   small values.
#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![deny(clippy::indexing_slicing)]

pub mod add;
pub mod bits;
pub mod buf;
pub mod bytes;
pub mod cmp;
pub mod conv;
pub(crate) mod digits;
pub mod div;
pub mod fmt;
pub mod gcd;
pub mod hash;
#[cfg(target_pointer_width = "64")]
pub(crate) mod limb;
pub mod mul;
pub mod parse;
pub mod pow;
pub(crate) mod recip;
pub mod shift;
pub mod sqrt;

pub use buf::MpzBuf;

/// One digit of a magnitude: 32 bits.
pub type Digit = u32;
/// Two digits, wide enough for a digit product plus two digits.
pub type DoubleDigit = u64;
/// Bits in a [`Digit`].
pub const DIGIT_BITS: u32 = 32;

/// Why an operation could not produce its result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Error {
    /// An output or scratch slice is shorter than the operation needs (see
    /// the operation's `*_len` bound functions).
    BufferTooSmall,
    /// Division or modulo by zero (Python: `ZeroDivisionError`).
    ZeroDivision,
    /// The value does not fit the requested target: a float (Python:
    /// `OverflowError: int too large to convert to float`), a byte count in
    /// `to_bytes` (`OverflowError: int too big to convert`), or a negative
    /// value for an unsigned target.
    Overflow,
    /// A float that is NaN or infinite cannot become an int (Python:
    /// `ValueError: cannot convert float NaN to integer` /
    /// `OverflowError: cannot convert float infinity to integer`).
    NotFinite,
    /// A character that is not a digit of the radix (or a radix outside
    /// 2..=36) in [`parse`].
    InvalidDigit,
}

/// The sign and normalised length of a result written into an output slice:
/// the value is `-out[..len]` if `neg`, else `out[..len]`. `neg` is never set
/// for zero (`len == 0`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SignedLen {
    /// The result is negative.
    pub neg: bool,
    /// Number of significant digits written at the start of the output.
    pub len: usize,
}

impl SignedLen {
    /// A result of `len` digits, negative if `neg` and nonzero.
    #[inline]
    pub fn new(neg: bool, len: usize) -> Self {
        SignedLen { neg: neg && len != 0, len }
    }
}

/// A borrowed signed integer: `-mag` if `neg`, else `mag`. The magnitude
/// may carry high zero digits; a zero magnitude is zero whatever `neg` says.
#[derive(Clone, Copy, Debug)]
pub struct MpzRef<'a> {
    /// The value is negative (ignored when the magnitude is zero).
    pub neg: bool,
    /// Little-endian magnitude digits.
    pub mag: &'a [Digit],
}

impl<'a> MpzRef<'a> {
    /// A signed integer from a sign and a magnitude.
    #[inline]
    pub fn new(neg: bool, mag: &'a [Digit]) -> Self {
        MpzRef { neg, mag }
    }

    /// A non-negative integer with magnitude `mag`.
    #[inline]
    pub fn pos(mag: &'a [Digit]) -> Self {
        MpzRef { neg: false, mag }
    }

    /// The result described by `r` in the output slice `out`.
    #[inline]
    pub fn from_result(out: &'a [Digit], r: SignedLen) -> Self {
        MpzRef { neg: r.neg, mag: out.get(..r.len).unwrap_or(out) }
    }

    /// The same value with its magnitude normalised and the sign of zero
    /// cleared.
    #[inline]
    pub fn trimmed(self) -> Self {
        let mag = trim(self.mag);
        MpzRef { neg: self.neg && !mag.is_empty(), mag }
    }

    /// The value is zero.
    #[inline]
    pub fn is_zero(&self) -> bool {
        trim(self.mag).is_empty()
    }

    /// The value is negative (nonzero with `neg` set).
    #[inline]
    pub fn is_negative(&self) -> bool {
        self.neg && !self.is_zero()
    }
}

/// `a` without its high zero digits.
#[inline]
pub fn trim(a: &[Digit]) -> &[Digit] {
    let mut n = a.len();
    while let Some(&0) = a.get(n.wrapping_sub(1)) {
        n -= 1;
    }
    a.get(..n).unwrap_or(a)
}

/// The number of digits of `a` without its high zero digits.
#[inline]
pub fn normalized_len(a: &[Digit]) -> usize {
    trim(a).len()
}
