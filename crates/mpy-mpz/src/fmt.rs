//! Formatting to ASCII digits in radix 2..=36, like Python's `str()`,
//! `hex()`, `oct()`, `bin()` and `format(n, 'x')` without their prefixes:
//! power-of-two radixes by bit extraction, others by repeated division by
//! the largest power of the radix that fits a digit (`10**9` for decimal).

use crate::recip::Divisor;
use core::num::NonZeroU32;
use crate::{trim, Digit, Error, MpzRef};

/// `ceil(2**16 * 32 / log2(radix))` for radix 2..=36: characters per digit
/// in 16.16 fixed point, rounded up.
const CHARS_PER_DIGIT: [u32; 35] = [
    2097152, 1323156, 1048576, 903195, 811290, 747021, 699051, 661578, 631306, 606213, 584986, 566731,
    550816, 536783, 524288, 513070, 502924, 493689, 485236, 477460, 470274, 463607, 457398, 451598,
    446161, 441052, 436239, 431693, 427390, 423309, 419431, 415740, 412220, 408859, 405645,
];

/// Output length in bytes sufficient for [`to_str`] of a value of `len`
/// digits in `radix`, the `-` sign included.
pub fn to_str_len(len: usize, radix: u32) -> usize {
    let idx = (radix.clamp(2, 36) - 2) as usize;
    let per = CHARS_PER_DIGIT.get(idx).copied().unwrap_or(2097152) as u64;
    let chars = (len as u64).saturating_mul(per) >> 16;
    usize::try_from(chars).unwrap_or(usize::MAX).saturating_add(2)
}

/// Scratch length for [`to_str`]: the value's `len` digits for radixes
/// that are not powers of two, else 0.
pub fn to_str_scratch_len(len: usize, radix: u32) -> usize {
    if radix.is_power_of_two() {
        0
    } else {
        len
    }
}

/// The ASCII character of digit value `v` (< 36).
#[inline]
fn digit_char(v: u32, upper: bool) -> u8 {
    let v = v as u8;
    match v {
        0..=9 => b'0' + v,
        _ if upper => b'A' + (v - 10),
        _ => b'a' + (v - 10),
    }
}

/// Writes `a` in `radix` (2..=36) at the start of `out`: a `-` for negative
/// values, then the digits (`a-z` above 9, or `A-Z` if `upper`), no prefix;
/// `"0"` for zero. Returns the number of bytes written. `out` needs
/// [`to_str_len`] bytes and `scratch` [`to_str_scratch_len`] digits.
/// Errors: [`Error::InvalidDigit`] for a radix outside 2..=36.
pub fn to_str(out: &mut [u8], a: MpzRef<'_>, radix: u32, upper: bool, scratch: &mut [Digit]) -> Result<usize, Error> {
    if !(2..=36).contains(&radix) {
        return Err(Error::InvalidDigit);
    }
    let a = a.trimmed();
    let start = a.neg as usize;
    if a.neg {
        *out.first_mut().ok_or(Error::BufferTooSmall)? = b'-';
    }
    let body = out.get_mut(start..).ok_or(Error::BufferTooSmall)?;
    let n = if a.mag.is_empty() {
        *body.first_mut().ok_or(Error::BufferTooSmall)? = b'0';
        1
    } else if radix.is_power_of_two() {
        fmt_pow2(body, a.mag, radix.trailing_zeros(), upper)?
    } else {
        fmt_div(body, a.mag, radix, upper, scratch)?
    };
    Ok(start + n)
}

/// Power-of-two radix: `bits` bits per character, most significant first.
fn fmt_pow2(out: &mut [u8], a: &[Digit], bits: u32, upper: bool) -> Result<usize, Error> {
    let total = crate::bits::bit_length(a);
    let per = core::num::NonZeroU64::new(bits as u64).ok_or(Error::InvalidDigit)?;
    let n = usize::try_from((total + (bits as u64 - 1)) / per).map_err(|_| Error::BufferTooSmall)?;
    let out = out.get_mut(..n).ok_or(Error::BufferTooSmall)?;
    let mask = (1u64 << bits) - 1;
    // Character i from the end holds bits [i*bits, (i+1)*bits).
    for (i, o) in out.iter_mut().rev().enumerate() {
        let pos = i as u64 * bits as u64;
        let d = (pos / 32) as usize;
        let lo = a.get(d).copied().unwrap_or(0) as u64;
        let hi = a.get(d + 1).copied().unwrap_or(0) as u64;
        let v = (((hi << 32) | lo) >> (pos % 32)) & mask;
        *o = digit_char(v as u32, upper);
    }
    Ok(n)
}

/// Chunks extracted per sweep over the digits in [`fmt_div`].
const SWEEP: usize = 4;

/// Other radixes: repeated division of a copy of `a` by `radix**k` (`SWEEP`
/// times per sweep), filling `out` from the end, then moving the text to
/// the front.
fn fmt_div(out: &mut [u8], a: &[Digit], radix: u32, upper: bool, scratch: &mut [Digit]) -> Result<usize, Error> {
    let a = trim(a);
    let (big, k) = crate::parse::big_base(radix);
    let divisor = Divisor::new(NonZeroU32::new(big).ok_or(Error::InvalidDigit)?);
    let work = scratch.get_mut(..a.len()).ok_or(Error::BufferTooSmall)?;
    crate::digits::copy(work, a);
    let mut len = a.len();
    let mut pos = out.len();
    while len > 0 {
        let body = work.get_mut(..len).ok_or(Error::BufferTooSmall)?;
        let rems = divisor.div_digits_in_place_k::<SWEEP>(body);
        len = crate::digits::norm(work, len);
        for (j, &chunk) in rems.iter().enumerate() {
            // Past the top of the value: only its significant characters.
            let last = len == 0 && rems.get(j + 1..).is_none_or(|hi| hi.iter().all(|&r| r == 0));
            let mut rem = chunk;
            let mut emitted = 0;
            while emitted < k && (!last || rem > 0) {
                pos = pos.checked_sub(1).ok_or(Error::BufferTooSmall)?;
                let slot = out.get_mut(pos).ok_or(Error::BufferTooSmall)?;
                *slot = digit_char(rem % radix, upper);
                rem /= radix;
                emitted += 1;
            }
            if last {
                break;
            }
        }
    }
    let n = out.len() - pos;
    crate::digits::move_down(out, pos);
    Ok(n)
}
