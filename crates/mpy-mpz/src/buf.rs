//! [`MpzBuf`]: a signed integer owning a fixed-capacity digit array, for
//! tests, constants and small values held on the stack.

use crate::{cmp, conv, Digit, Error, MpzRef, SignedLen};
use core::cmp::Ordering;

/// A signed integer of at most `N` digits, stored inline (no allocation).
/// Its digits past `len` are zero. Build one from a primitive, from text,
/// or with [`MpzBuf::compute`] from any slice operation.
#[derive(Clone, Copy)]
pub struct MpzBuf<const N: usize> {
    neg: bool,
    len: usize,
    digits: [Digit; N],
}

impl<const N: usize> Default for MpzBuf<N> {
    fn default() -> Self {
        Self::zero()
    }
}

impl<const N: usize> MpzBuf<N> {
    /// Zero.
    pub const fn zero() -> Self {
        MpzBuf { neg: false, len: 0, digits: [0; N] }
    }

    /// The value computed by `f` into an `N`-digit output (any operation of
    /// this crate returning a [`SignedLen`]), e.g.
    /// `MpzBuf::<8>::compute(|out| add::add(out, a, b))`.
    pub fn compute(f: impl FnOnce(&mut [Digit]) -> Result<SignedLen, Error>) -> Result<Self, Error> {
        let mut b = Self::zero();
        let r = f(&mut b.digits)?;
        b.set_result(r);
        Ok(b)
    }

    /// Like [`MpzBuf::compute`] for magnitude operations returning a length.
    pub fn compute_mag(f: impl FnOnce(&mut [Digit]) -> Result<usize, Error>) -> Result<Self, Error> {
        Self::compute(|out| f(out).map(|len| SignedLen::new(false, len)))
    }

    /// Takes `r` as the description of the digits now in the buffer,
    /// clearing any digits above it.
    fn set_result(&mut self, r: SignedLen) {
        self.len = r.len.min(N);
        self.len = crate::digits::norm(&self.digits, self.len);
        self.neg = r.neg && self.len != 0;
        if let Some(high) = self.digits.get_mut(self.len..) {
            crate::digits::zero(high);
        }
    }

    /// A copy of `a`. Errors: [`Error::BufferTooSmall`] if it has more than
    /// `N` digits.
    pub fn from_ref(a: MpzRef<'_>) -> Result<Self, Error> {
        let a = a.trimmed();
        Self::compute(|out| {
            let dst = out.get_mut(..a.mag.len()).ok_or(Error::BufferTooSmall)?;
            crate::digits::copy(dst, a.mag);
            Ok(SignedLen::new(a.neg, a.mag.len()))
        })
    }

    /// `v` (needs `N >= 2` for values of 32 bits or more).
    pub fn from_i64(v: i64) -> Result<Self, Error> {
        Self::compute(|out| conv::from_i64(out, v))
    }

    /// `v` (needs `N >= 2` for values of 32 bits or more).
    pub fn from_u64(v: u64) -> Result<Self, Error> {
        Self::compute_mag(|out| conv::from_u64(out, v))
    }

    /// `v` (needs up to 4 digits).
    pub fn from_i128(v: i128) -> Result<Self, Error> {
        Self::compute(|out| conv::from_i128(out, v))
    }

    /// Parses an optional `-`/`+` sign then digits of `radix` (see
    /// [`crate::parse::parse`]).
    pub fn parse(text: &[u8], radix: u32) -> Result<Self, Error> {
        let (neg, digits) = match text {
            [b'-', rest @ ..] => (true, rest),
            [b'+', rest @ ..] => (false, rest),
            _ => (false, text),
        };
        Self::compute(|out| crate::parse::parse(out, digits, radix).map(|len| SignedLen::new(neg, len)))
    }

    /// The value as a borrowed integer.
    pub fn as_ref(&self) -> MpzRef<'_> {
        MpzRef::new(self.neg, self.mag())
    }

    /// The normalised magnitude.
    pub fn mag(&self) -> &[Digit] {
        self.digits.get(..self.len).unwrap_or(&self.digits)
    }

    /// Whether the value is negative.
    pub fn is_negative(&self) -> bool {
        self.neg
    }

    /// The value as an `i64`, if in range.
    pub fn to_i64(&self) -> Option<i64> {
        conv::to_i64(self.as_ref())
    }
}

/// The value negated.
impl<const N: usize> core::ops::Neg for MpzBuf<N> {
    type Output = Self;
    fn neg(mut self) -> Self {
        self.neg = !self.neg && self.len != 0;
        self
    }
}

impl<const N: usize> PartialEq for MpzBuf<N> {
    fn eq(&self, other: &Self) -> bool {
        cmp::cmp(self.as_ref(), other.as_ref()) == Ordering::Equal
    }
}

impl<const N: usize> Eq for MpzBuf<N> {}

impl<const N: usize> PartialOrd for MpzBuf<N> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<const N: usize> Ord for MpzBuf<N> {
    fn cmp(&self, other: &Self) -> Ordering {
        cmp::cmp(self.as_ref(), other.as_ref())
    }
}

/// Decimal, like Python's `str(int)`.
impl<const N: usize> core::fmt::Display for MpzBuf<N> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        // Chunks of 18 decimal digits (two divisions by 10**9 each), least
        // significant first: at most N of them for N >= 2 (and 1 for N=1).
        let mut work = self.digits;
        let mut chunks = [0u64; N];
        let mut len = self.len;
        let mut n = 0;
        while len > 0 {
            let (l1, r1) = crate::div::div_digit_in_place(&mut work, len, 1_000_000_000);
            let (l2, r2) = crate::div::div_digit_in_place(&mut work, l1, 1_000_000_000);
            len = l2;
            match chunks.get_mut(n) {
                Some(slot) => *slot = r2 as u64 * 1_000_000_000 + r1 as u64,
                None => return Err(core::fmt::Error),
            }
            n += 1;
        }
        if self.neg {
            f.write_str("-")?;
        }
        let mut it = chunks.iter().take(n).rev();
        match it.next() {
            None => f.write_str("0"),
            Some(top) => {
                write!(f, "{top}")?;
                it.try_for_each(|c| write!(f, "{c:018}"))
            }
        }
    }
}

impl<const N: usize> core::fmt::Debug for MpzBuf<N> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Display::fmt(self, f)
    }
}
