//! Bitwise operations with Python's semantics: a negative int behaves as
//! its infinite two's-complement bit string (`-1` is all ones), so
//! `-6 & 0xff == 0xfa`, `~5 == -6` and `-8 | 3 == -5`. Also bit counts.

use crate::digits;
use crate::{trim, Digit, Error, MpzRef, SignedLen};

/// Output length sufficient for `a & b`, `a | b` and `a ^ b` with operands
/// of `la` and `lb` digits: `max(la, lb) + 1`.
#[inline]
pub fn bitop_len(la: usize, lb: usize) -> usize {
    la.max(lb).saturating_add(1)
}

/// Output length sufficient for `~a` with `a` of `la` digits: `la + 1`.
#[inline]
pub fn invert_len(la: usize) -> usize {
    la.saturating_add(1)
}

/// Board builds: [`bitop`] runs its digit-by-digit loop over all digits
/// (same result, less code than the plain loops after it).
const SMALL: bool = cfg!(target_os = "none");

/// A bitwise operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BitOp {
    /// `a & b`.
    And,
    /// `a | b`.
    Or,
    /// `a ^ b`.
    Xor,
}

/// The two's-complement digits of a signed value, least significant first,
/// sign-extended forever: for a negative value `~(|x| - 1)`, computed
/// without branches as `(d - borrow) ^ mask` with `mask` all ones and the
/// initial borrow 1 for negatives, zero and 0 otherwise.
struct Twos<'a> {
    mag: core::slice::Iter<'a, Digit>,
    mask: Digit,
    borrow: bool,
}

impl<'a> Twos<'a> {
    fn new(x: MpzRef<'a>) -> Self {
        Twos { mag: x.mag.iter(), mask: if x.neg { Digit::MAX } else { 0 }, borrow: x.neg }
    }

    #[inline]
    fn next_digit(&mut self) -> Digit {
        let d = self.mag.next().copied().unwrap_or(0);
        let (v, b) = d.overflowing_sub(self.borrow as Digit);
        self.borrow = b;
        v ^ self.mask
    }
}

/// The operation as three selection masks, so one loop (small code, no
/// per-digit dispatch) serves all three: `(x & y & and) | ((x | y) & or) |
/// ((x ^ y) & xor)`.
#[derive(Clone, Copy)]
struct Sel {
    and: Digit,
    or: Digit,
    xor: Digit,
}

impl Sel {
    fn new(op: BitOp) -> Self {
        let m = |b: bool| if b { Digit::MAX } else { 0 };
        Sel { and: m(op == BitOp::And), or: m(op == BitOp::Or), xor: m(op == BitOp::Xor) }
    }

    #[inline]
    fn apply(self, x: Digit, y: Digit) -> Digit {
        (x & y & self.and) | ((x | y) & self.or) | ((x ^ y) & self.xor)
    }
}

/// `out = a op b` with two's-complement semantics; returns the sign and
/// length. `out` needs [`bitop_len`] digits.
pub fn bitop(out: &mut [Digit], op: BitOp, a: MpzRef<'_>, b: MpzRef<'_>) -> Result<SignedLen, Error> {
    let sel = Sel::new(op);
    let op = |x, y| sel.apply(x, y);
    let (a, b) = (a.trimmed(), b.trimmed());
    let n = a.mag.len().max(b.mag.len());
    // The sign bits combine like any other bit.
    let neg = op(a.neg as Digit, b.neg as Digit) != 0;
    let area = out.get_mut(..n).ok_or(Error::BufferTooSmall)?;
    let (mut ta, mut tb) = (Twos::new(a), Twos::new(b));
    // A negative result is stored as its magnitude, ~r + 1, on the fly.
    let mask = if neg { Digit::MAX } else { 0 };
    let mut carry = neg;
    // While a borrow or carry is live (through low zero digits only),
    // digit by digit (on the boards, every digit: less code).
    let mut k = 0;
    for o in area.iter_mut() {
        if !SMALL && !(ta.borrow || tb.borrow || carry) {
            break;
        }
        let r = op(ta.next_digit(), tb.next_digit());
        let (v, c) = (r ^ mask).overflowing_add(carry as Digit);
        *o = v;
        carry = c;
        k += 1;
    }
    // Then every digit is just `d ^ mask`: plain loops over the common
    // part and the longer operand's tail (the other sign-extended).
    let (ma, mb) = (ta.mask, tb.mask);
    let (ar, br) = (a.mag.get(k..).unwrap_or(&[]), b.mag.get(k..).unwrap_or(&[]));
    if let Some(rest) = area.get_mut(k..).filter(|_| !SMALL) {
        let common = ar.len().min(br.len());
        for ((o, &x), &y) in rest.iter_mut().zip(ar).zip(br) {
            *o = op(x ^ ma, y ^ mb) ^ mask;
        }
        let tail = rest.get_mut(common..).unwrap_or(&mut []);
        if ar.len() > common {
            for (o, &x) in tail.iter_mut().zip(ar.get(common..).unwrap_or(&[])) {
                *o = op(x ^ ma, mb) ^ mask;
            }
        } else {
            for (o, &y) in tail.iter_mut().zip(br.get(common..).unwrap_or(&[])) {
                *o = op(ma, y ^ mb) ^ mask;
            }
        }
    }
    if carry {
        // Past `n` digits r is all ones, so ~r + carry is exactly 1.
        let slot = out.get_mut(n).ok_or(Error::BufferTooSmall)?;
        *slot = 1;
        return Ok(SignedLen::new(neg, n + 1));
    }
    Ok(SignedLen::new(neg, digits::norm(out, n)))
}

/// `out = a & b` (two's complement); `out` needs [`bitop_len`] digits.
pub fn and(out: &mut [Digit], a: MpzRef<'_>, b: MpzRef<'_>) -> Result<SignedLen, Error> {
    bitop(out, BitOp::And, a, b)
}

/// `out = a | b` (two's complement); `out` needs [`bitop_len`] digits.
pub fn or(out: &mut [Digit], a: MpzRef<'_>, b: MpzRef<'_>) -> Result<SignedLen, Error> {
    bitop(out, BitOp::Or, a, b)
}

/// `out = a ^ b` (two's complement); `out` needs [`bitop_len`] digits.
pub fn xor(out: &mut [Digit], a: MpzRef<'_>, b: MpzRef<'_>) -> Result<SignedLen, Error> {
    bitop(out, BitOp::Xor, a, b)
}

/// `out = ~a == -a - 1`; `out` needs [`invert_len`] digits.
pub fn invert(out: &mut [Digit], a: MpzRef<'_>) -> Result<SignedLen, Error> {
    let a = a.trimmed();
    let one = MpzRef::pos(&[1]);
    // ~a = -(a + 1): for a >= 0 the magnitude grows by one; for a < 0 it is
    // |a| - 1.
    crate::add::sub(out, MpzRef::new(!a.neg, a.mag), one)
}

/// Python's `int.bit_length()`: bits in `|a|` without leading zeros (0 for
/// zero).
#[cfg_attr(not(target_os = "none"), inline)]
pub fn bit_length(a: &[Digit]) -> u64 {
    let a = trim(a);
    match a.last() {
        None => 0,
        Some(&top) => (a.len() as u64 - 1) * 32 + (32 - top.leading_zeros()) as u64,
    }
}

/// Python's `int.bit_count()`: the number of one bits in `|a|`.
pub fn bit_count(a: &[Digit]) -> u64 {
    a.iter().map(|x| x.count_ones() as u64).sum()
}

/// The number of trailing zero bits of `|a|` (`None` for zero).
pub fn trailing_zeros(a: &[Digit]) -> Option<u64> {
    let mut bits = 0u64;
    for &x in a {
        if x != 0 {
            return Some(bits + x.trailing_zeros() as u64);
        }
        bits += 32;
    }
    None
}

/// Whether bit `n` of `|a|` is set.
pub fn test_bit(a: &[Digit], n: u64) -> bool {
    let Ok(i) = usize::try_from(n / 32) else { return false };
    a.get(i).is_some_and(|&x| (x >> (n % 32)) & 1 != 0)
}
