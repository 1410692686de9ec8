//! Parsing magnitudes from ASCII digits in radix 2..=36.
//!
//! Only the digits are parsed here: the caller strips whitespace, the sign
//! and any `0x`/`0o`/`0b` prefix (Python's `int(s, base)` syntax, where
//! base 0 means "from the prefix", belongs to the caller). Digits are
//! `0-9`, then `a-z` or `A-Z` for 10..35. Underscores are skipped wherever
//! they appear, which is MicroPython's rule; a caller that wants CPython's
//! stricter rule (one underscore, only between digits) checks that first.

#[cfg(not(target_pointer_width = "64"))]
use crate::mul::mul_small_add_in_place;
use crate::{Digit, Error};

/// `ceil(2**16 * log2(radix))` for radix 2..=36: bits per character in
/// 16.16 fixed point, rounded up.
const BITS_PER_CHAR: [u32; 35] = [
    65536, 103873, 131072, 152170, 169409, 183983, 196608, 207745, 217706, 226718, 234945, 242513, 249519,
    256042, 262144, 267876, 273281, 278393, 283242, 287855, 292254, 296457, 300481, 304340, 308049,
    311617, 315055, 318373, 321578, 324679, 327680, 330590, 333412, 336153, 338817,
];

/// Output length sufficient for [`parse`] of `n_chars` characters in
/// `radix`: `floor(n_chars * log2(radix)) / 32 + 1` digits (rounded up
/// slightly; underscores count as characters).
#[inline]
pub fn parse_len(n_chars: usize, radix: u32) -> usize {
    let idx = (radix.clamp(2, 36) - 2) as usize;
    let per = BITS_PER_CHAR.get(idx).copied().unwrap_or(338817) as u64;
    let bits = (n_chars as u64).saturating_mul(per) >> 16;
    usize::try_from(bits / 32).unwrap_or(usize::MAX).saturating_add(1)
}

/// The value of ASCII digit `c` (`0-9`, `a-z`, `A-Z`), if below `radix`.
#[inline]
pub fn digit_value(c: u8, radix: u32) -> Option<u32> {
    let v = match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'z' => c - b'a' + 10,
        b'A'..=b'Z' => c - b'A' + 10,
        _ => return None,
    } as u32;
    (v < radix).then_some(v)
}

/// The largest power of `radix` that fits a digit, and its exponent.
#[cfg(not(target_pointer_width = "64"))]
pub(crate) fn big_base(radix: u32) -> (Digit, u32) {
    let mut p: u64 = radix as u64;
    let mut k = 1;
    while p * radix as u64 <= u32::MAX as u64 {
        p *= radix as u64;
        k += 1;
    }
    (p as Digit, k)
}

/// Parses `text` (digits of `radix`, underscores skipped) into `out`;
/// returns the normalised length. `out` needs [`parse_len`] digits.
/// Errors: [`Error::InvalidDigit`] for any other character, or a radix
/// outside 2..=36. An empty `text` (or only underscores) is zero; callers
/// that require a digit check for one.
pub fn parse(out: &mut [Digit], text: &[u8], radix: u32) -> Result<usize, Error> {
    if !(2..=36).contains(&radix) {
        return Err(Error::InvalidDigit);
    }
    if radix.is_power_of_two() {
        return parse_pow2(out, text, radix.trailing_zeros());
    }
    #[cfg(target_pointer_width = "64")]
    if radix == 10 {
        return parse_decimal(out, text);
    }
    #[cfg(target_pointer_width = "64")]
    let (big, k) = crate::fmt::big_base64(radix);
    #[cfg(not(target_pointer_width = "64"))]
    let (big, k) = big_base(radix);
    let mut len = 0;
    let (mut chunk, mut count) = (0, 0u32);
    for &c in text {
        if c == b'_' {
            continue;
        }
        let v = digit_value(c, radix).ok_or(Error::InvalidDigit)?;
        chunk = chunk * radix as Chunk + v as Chunk;
        count += 1;
        if count == k {
            len = mul_add(out, len, big, chunk)?;
            chunk = 0;
            count = 0;
        }
    }
    if count > 0 {
        len = mul_add(out, len, (radix as Chunk).pow(count), chunk)?;
    }
    Ok(len)
}

/// The value of the eight ASCII decimal digits at `text[i..i + 8]`, if
/// there are eight and all are `0-9` (one word test and three multiplies
/// instead of a step per character).
#[cfg(target_pointer_width = "64")]
#[inline]
pub fn eight_digits(text: &[u8], i: usize) -> Option<u64> {
    let b: [u8; 8] = text.get(i..i.checked_add(8)?)?.try_into().ok()?;
    // The first character is the low byte.
    let x = u64::from_le_bytes(b);
    const HI: u64 = 0xf0f0_f0f0_f0f0_f0f0;
    // Every byte is 0x30..=0x3f, and adding 6 keeps it below 0x40 (so
    // its low nibble is at most 9; no byte carries into the next then).
    if (x & HI) | ((x.wrapping_add(0x0606_0606_0606_0606) & HI) >> 4) != 0x3333_3333_3333_3333 {
        return None;
    }
    let v = x - 0x3030_3030_3030_3030;
    // Pairs of digits, then fours, then the eight: each step multiplies
    // the earlier (more significant, lower) field by its weight and adds
    // the later one into the upper half.
    let v = (v.wrapping_mul(10 * 256 + 1) >> 8) & 0x00ff_00ff_00ff_00ff;
    let v = (v.wrapping_mul(100 * 65536 + 1) >> 16) & 0x0000_ffff_0000_ffff;
    Some(v.wrapping_mul(10000 * (1 << 32) + 1) >> 32)
}

/// [`parse`] for radix 10 on 64-bit hosts: runs of sixteen digits are
/// taken eight at a time ([`eight_digits`]); anything else (underscores,
/// the last few digits) a character at a time in chunks of up to 19.
#[cfg(target_pointer_width = "64")]
fn parse_decimal(out: &mut [Digit], text: &[u8]) -> Result<usize, Error> {
    const E16: u64 = 10_000_000_000_000_000;
    const E19: u64 = 10_000_000_000_000_000_000;
    let mut len = 0;
    let (mut chunk, mut count) = (0u64, 0u32);
    let mut i = 0;
    while let Some(&c) = text.get(i) {
        if count == 0 {
            if let (Some(a), Some(b)) = (eight_digits(text, i), eight_digits(text, i + 8)) {
                len = mul_add(out, len, E16, a * 100_000_000 + b)?;
                i += 16;
                continue;
            }
        }
        i += 1;
        if c == b'_' {
            continue;
        }
        let v = digit_value(c, 10).ok_or(Error::InvalidDigit)?;
        chunk = chunk * 10 + v as u64;
        count += 1;
        if count == 19 {
            len = mul_add(out, len, E19, chunk)?;
            chunk = 0;
            count = 0;
        }
    }
    if count > 0 {
        len = mul_add(out, len, 10u64.pow(count), chunk)?;
    }
    Ok(len)
}

/// A machine word of characters.
#[cfg(target_pointer_width = "64")]
type Chunk = u64;
#[cfg(not(target_pointer_width = "64"))]
type Chunk = Digit;

/// In place, `out[..len] = out[..len] * m + add`; returns the new
/// normalised length.
#[cfg(target_pointer_width = "64")]
fn mul_add(out: &mut [Digit], len: usize, m: u64, add: u64) -> Result<usize, Error> {
    let body = out.get_mut(..len).ok_or(Error::BufferTooSmall)?;
    let carry = crate::limb::mul_limb_add_in_place(body, m, add);
    if carry == 0 {
        return Ok(crate::digits::norm(out, len));
    }
    let n = len + if carry >> 32 == 0 { 1 } else { 2 };
    let top = out.get_mut(len..n).ok_or(Error::BufferTooSmall)?;
    crate::limb::put(top, carry);
    Ok(n)
}

#[cfg(not(target_pointer_width = "64"))]
use mul_small_add_in_place as mul_add;

/// [`parse`] for radix `2**bits`: digits are packed from the end.
fn parse_pow2(out: &mut [Digit], text: &[u8], bits: u32) -> Result<usize, Error> {
    let radix = 1 << bits;
    let mut len = 0;
    let (mut acc, mut filled) = (0u64, 0u32);
    for &c in text.iter().rev() {
        if c == b'_' {
            continue;
        }
        let v = digit_value(c, radix).ok_or(Error::InvalidDigit)?;
        acc |= (v as u64) << filled;
        filled += bits;
        if filled >= 32 {
            let slot = out.get_mut(len).ok_or(Error::BufferTooSmall)?;
            *slot = acc as Digit;
            len += 1;
            acc >>= 32;
            filled -= 32;
        }
    }
    if filled > 0 {
        let slot = out.get_mut(len).ok_or(Error::BufferTooSmall)?;
        *slot = acc as Digit;
        len += 1;
    }
    Ok(crate::digits::norm(out, len))
}
