//! `int.to_bytes` / `int.from_bytes`: fixed-length byte strings, little or
//! big endian, unsigned or two's-complement signed (CPython's rules).

use crate::{trim, Digit, Error, MpzRef, SignedLen};

/// Output length in digits sufficient for [`from_bytes`] of `n` bytes:
/// `ceil(n / 4)`.
#[inline]
pub fn from_bytes_len(n: usize) -> usize {
    n.div_ceil(4)
}

/// Writes `a` into all of `out` (its length is the byte count), like
/// CPython's `a.to_bytes(len(out), 'big' if big_endian else 'little',
/// signed=signed)`: negative values in two's complement.
/// Errors: [`Error::Overflow`] if `a` does not fit (CPython:
/// `OverflowError: int too big to convert`) or is negative while
/// `!signed` (`OverflowError: can't convert negative int to unsigned`);
/// `out` is unspecified then.
pub fn to_bytes(out: &mut [u8], a: MpzRef<'_>, big_endian: bool, signed: bool) -> Result<(), Error> {
    let a = a.trimmed();
    if a.neg && !signed {
        return Err(Error::Overflow);
    }
    let fill: u8 = if a.neg { 0xff } else { 0 };
    // Two's complement digits: ~(|a| - 1) for negatives.
    let mut borrow = a.neg;
    let mut oi = out.iter_mut();
    for &d in a.mag {
        let v = if a.neg {
            let (v, b) = d.overflowing_sub(borrow as Digit);
            borrow = b;
            !v
        } else {
            d
        };
        for byte in v.to_le_bytes() {
            match oi.next() {
                Some(o) => *o = byte,
                // Past the end: what is left must be sign extension.
                None if byte == fill => {}
                None => return Err(Error::Overflow),
            }
        }
    }
    for o in oi {
        *o = fill;
    }
    if signed {
        // The top bit must agree with the sign (no room: only 0 fits).
        match out.last() {
            Some(&top) if (top >> 7 != 0) == a.neg => {}
            None if a.mag.is_empty() => {}
            _ => return Err(Error::Overflow),
        }
    }
    if big_endian {
        crate::digits::reverse(out);
    }
    Ok(())
}

/// `out = int.from_bytes(bytes, 'big' if big_endian else 'little',
/// signed=signed)`; returns the sign and length. `out` needs
/// [`from_bytes_len`]`(bytes.len())` digits.
pub fn from_bytes(out: &mut [Digit], bytes: &[u8], big_endian: bool, signed: bool) -> Result<SignedLen, Error> {
    let n = from_bytes_len(bytes.len());
    let area = out.get_mut(..n).ok_or(Error::BufferTooSmall)?;
    let top_byte = if big_endian { bytes.first() } else { bytes.last() };
    let neg = signed && top_byte.is_some_and(|&b| b & 0x80 != 0);
    let fill = if neg { 0xff } else { 0 };
    // Little-endian byte i lands in digit i / 4; missing high bytes are
    // sign extension.
    let byte_at = |i: usize| -> u8 {
        let b = if big_endian {
            bytes.len().checked_sub(i + 1).and_then(|j| bytes.get(j))
        } else {
            bytes.get(i)
        };
        b.copied().unwrap_or(fill)
    };
    for (k, d) in area.iter_mut().enumerate() {
        let i = k * 4;
        *d = u32::from_le_bytes([byte_at(i), byte_at(i + 1), byte_at(i + 2), byte_at(i + 3)]);
    }
    if neg {
        // |value| = ~raw + 1 over the sign-extended digits.
        let mut carry = true;
        for d in area.iter_mut() {
            let (v, c) = (!*d).overflowing_add(carry as Digit);
            *d = v;
            carry = c;
        }
    }
    Ok(SignedLen::new(neg, trim(area).len()))
}
