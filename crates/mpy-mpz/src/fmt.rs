//! Formatting to ASCII digits in radix 2..=36, like Python's `str()`,
//! `hex()`, `oct()`, `bin()` and `format(n, 'x')` without their prefixes:
//! power-of-two radixes by bit extraction, others by repeated division by
//! the largest power of the radix that fits a digit (`10**9` for decimal).

#[cfg(not(target_pointer_width = "64"))]
use crate::recip::Divisor;
#[cfg(not(target_pointer_width = "64"))]
use core::num::NonZeroU32;
use crate::{trim, Digit, Error, MpzRef};
use core::num::NonZero;

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

/// Scratch length for [`to_str`]: 0 for power-of-two radixes; else the
/// value's `len` digits, except on 64-bit hosts for values of 120 digits
/// or more, whose divide-and-conquer conversion needs powers of the radix
/// and room for divisions (about `3.5 * len` digits).
pub fn to_str_scratch_len(len: usize, radix: u32) -> usize {
    if radix.is_power_of_two() {
        return 0;
    }
    #[cfg(target_pointer_width = "64")]
    if len >= DC_MIN && (2..=36).contains(&radix) {
        return dc::scratch_len(len, radix);
    }
    len
}

/// The ASCII character of digit value `v` (< 36).
#[inline]
fn digit_char(v: u32, upper: bool) -> u8 {
    // On 64-bit hosts a table, not a branch on v < 10, which random
    // digits mispredict; the branch is smaller code for the Cortex-M4.
    #[cfg(target_pointer_width = "64")]
    {
        const CHARS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
        let c = CHARS.get(v as usize).copied().unwrap_or(b'?');
        if upper {
            c.to_ascii_uppercase()
        } else {
            c
        }
    }
    #[cfg(not(target_pointer_width = "64"))]
    {
        let v = v as u8;
        match v {
            0..=9 => b'0' + v,
            _ if upper => b'A' + (v - 10),
            _ => b'a' + (v - 10),
        }
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
    // In machine words: no 64-bit division helper on 32-bit targets.
    let total = usize::try_from(crate::bits::bit_length(a)).map_err(|_| Error::BufferTooSmall)?;
    let per = core::num::NonZeroUsize::new(bits as usize).ok_or(Error::InvalidDigit)?;
    let n = total.div_ceil(per.get());
    let out = out.get_mut(..n).ok_or(Error::BufferTooSmall)?;
    let mask = (1u64 << bits) - 1;
    #[cfg(target_pointer_width = "64")]
    {
        // From the end: `have` bits of the value wait in `acc`, refilled a
        // digit at a time.
        let mut digits = a.iter();
        let (mut acc, mut have) = (0u64, 0u32);
        for o in out.iter_mut().rev() {
            if have < bits {
                acc |= (digits.next().copied().unwrap_or(0) as u64) << have;
                have += 32;
            }
            *o = digit_char((acc & mask) as u32, upper);
            acc >>= bits;
            have -= bits;
        }
    }
    #[cfg(not(target_pointer_width = "64"))]
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
const SWEEP: usize = if cfg!(target_pointer_width = "64") { 8 } else { 4 };

/// A remainder of [`base`]'s division: a machine word.
#[cfg(target_pointer_width = "64")]
type Chunk = u64;
#[cfg(not(target_pointer_width = "64"))]
type Chunk = Digit;

/// Ten, for the decimal copy of [`emit`].
const TEN: NonZero<Chunk> = match NonZero::new(10) {
    Some(v) => v,
    None => NonZero::<Chunk>::MIN,
};

/// Writes the digits of `chunk` in `radix` backwards ending at `out[pos]`:
/// exactly `width` characters (leading zeros included), or only the
/// significant ones if `width` is 0. Returns the new start position.
#[inline(always)]
#[allow(clippy::unnecessary_cast)] // Chunk is a u32 on 32-bit targets.
fn emit(out: &mut [u8], mut pos: usize, mut chunk: Chunk, width: u32, radix: NonZero<Chunk>, upper: bool) -> Result<usize, Error> {
    let mut emitted = 0;
    while if width == 0 { chunk > 0 } else { emitted < width } {
        pos = pos.checked_sub(1).ok_or(Error::BufferTooSmall)?;
        let slot = out.get_mut(pos).ok_or(Error::BufferTooSmall)?;
        *slot = digit_char((chunk % radix) as u32, upper);
        chunk /= radix;
        emitted += 1;
    }
    Ok(pos)
}

/// Writes the 19 decimal digits of `chunk < 10**19` backwards ending at
/// `out[pos]`; returns the start. Three independent parts of at most 8
/// digits, two digits per step, so the divisions overlap.
#[cfg(target_pointer_width = "64")]
fn emit_dec19(out: &mut [u8], pos: usize, chunk: u64) -> Result<usize, Error> {
    const PAIRS: &[u8; 200] = b"00010203040506070809101112131415161718192021222324252627282930313233343536373839\
        40414243444546474849505152535455565758596061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899";
    /// The `N` digits of `v < 10**N` (`N` even) into `dst`.
    fn digits<const N: usize>(dst: &mut [u8; N], mut v: u32) {
        for pair in dst.rchunks_exact_mut(2) {
            let i = (v % 100) as usize * 2;
            if let (Some(p), Some(&[a, b])) = (pair.first_chunk_mut::<2>(), PAIRS.get(i..i + 2)) {
                *p = [a, b];
            }
            v /= 100;
        }
    }
    let start = pos.checked_sub(19).ok_or(Error::BufferTooSmall)?;
    let dst = out.get_mut(start..pos).ok_or(Error::BufferTooSmall)?;
    let (top, rest) = dst.split_at_mut(3);
    let (mid, low) = rest.split_at_mut(8);
    let (hi, r) = (chunk / 10_000_000_000_000_000, chunk % 10_000_000_000_000_000);
    if let (Some(mid), Some(low)) = (mid.first_chunk_mut::<8>(), low.first_chunk_mut::<8>()) {
        digits(mid, (r / 100_000_000) as u32);
        digits(low, (r % 100_000_000) as u32);
    }
    let mut hi = hi as u32;
    for c in top.iter_mut().rev() {
        *c = b'0' + (hi % 10) as u8;
        hi /= 10;
    }
    Ok(start)
}

/// The largest power of `radix` that fits a `u64`, and its exponent.
#[cfg(target_pointer_width = "64")]
pub(crate) fn big_base64(radix: u32) -> (u64, u32) {
    let r = radix as u128;
    let (mut p, mut k) = (r, 1);
    while p * r <= u64::MAX as u128 {
        p *= r;
        k += 1;
    }
    (p as u64, k)
}

/// Other radixes: [`base`] conversion, or on 64-bit hosts for long
/// values the divide-and-conquer [`dc`], filling `out` from the end; then
/// the text moves to the front.
fn fmt_div(out: &mut [u8], a: &[Digit], radix: u32, upper: bool, scratch: &mut [Digit]) -> Result<usize, Error> {
    let a = trim(a);
    let end = out.len();
    #[cfg(target_pointer_width = "64")]
    let pos = if a.len() >= DC_MIN {
        dc::to_str_dc(out, a, radix, upper, scratch)?
    } else {
        base(out, end, a, 0, radix, upper, scratch)?
    };
    #[cfg(not(target_pointer_width = "64"))]
    let pos = base(out, end, a, 0, radix, upper, scratch)?;
    // (The plain loop is smaller where size matters; copy_within is a
    // memmove, and provably in bounds here on 64-bit hosts.)
    #[cfg(target_pointer_width = "64")]
    if pos <= end {
        out.copy_within(pos..end, 0);
    }
    #[cfg(not(target_pointer_width = "64"))]
    crate::digits::move_down(out, pos);
    Ok(end - pos)
}

/// Writes `x` in `radix` backwards ending at `out[end]` by repeated
/// division of a copy (in `work`, `x.len()` digits) by the largest power
/// of the radix that fits a machine word, `SWEEP` times per sweep:
/// exactly `pad` characters (leading zeros included, the value being known
/// to fit), or only the significant ones if `pad` is 0. Returns the start.
#[allow(clippy::unnecessary_cast)] // Chunk is a u32 on 32-bit targets.
fn base(
    out: &mut [u8],
    end: usize,
    x: &[Digit],
    pad: usize,
    radix: u32,
    upper: bool,
    work: &mut [Digit],
) -> Result<usize, Error> {
    let x = trim(x);
    #[cfg(target_pointer_width = "64")]
    let (divisor, k) = {
        let (big, k) = big_base64(radix);
        (crate::recip::Divisor64::new(core::num::NonZeroU64::new(big).ok_or(Error::InvalidDigit)?), k)
    };
    #[cfg(not(target_pointer_width = "64"))]
    let (divisor, k) = {
        let (big, k) = crate::parse::big_base(radix);
        (Divisor::new(NonZeroU32::new(big).ok_or(Error::InvalidDigit)?), k)
    };
    let work = work.get_mut(..x.len()).ok_or(Error::BufferTooSmall)?;
    crate::digits::copy(work, x);
    let mut len = x.len();
    let mut pos = end;
    while len > 0 {
        let body = work.get_mut(..len).ok_or(Error::BufferTooSmall)?;
        let rems = divisor.div_digits_in_place_k::<SWEEP>(body);
        len = crate::digits::norm(work, len);
        for (j, &chunk) in rems.iter().enumerate() {
            // Past the top of the value: only its significant characters.
            let last = len == 0 && rems.get(j + 1..).is_none_or(|hi| hi.iter().all(|&r| r == 0));
            let width = if last { 0 } else { k };
            let r = NonZero::<Chunk>::new(radix as Chunk).ok_or(Error::InvalidDigit)?;
            // On 64-bit hosts decimal gets its own copy, where division
            // by 10 is a multiplication (the Cortex-M4 divides in a few
            // cycles anyway).
            pos = if cfg!(target_pointer_width = "64") && r == TEN {
                #[cfg(target_pointer_width = "64")]
                if width == 19 {
                    emit_dec19(out, pos, chunk)?
                } else {
                    emit(out, pos, chunk, width, TEN, upper)?
                }
                #[cfg(not(target_pointer_width = "64"))]
                emit(out, pos, chunk, width, TEN, upper)?
            } else {
                emit(out, pos, chunk, width, r, upper)?
            };
            if last {
                break;
            }
        }
    }
    // Only the divide-and-conquer conversion pads.
    #[cfg(not(target_pointer_width = "64"))]
    let _ = pad;
    #[cfg(target_pointer_width = "64")]
    {
        let start = end.saturating_sub(pad);
        if pad > 0 && pos > start {
            out.get_mut(start..pos).ok_or(Error::BufferTooSmall)?.fill(b'0');
            pos = start;
        }
    }
    Ok(pos)
}

/// Values of at least this many digits are formatted by [`dc`].
#[cfg(target_pointer_width = "64")]
const DC_MIN: usize = 120;

/// Divide-and-conquer conversion for long values on 64-bit hosts.
///
/// With `B` the largest power of the radix that fits a `u64` (`k`
/// characters), the powers `P_0 = B`, `P_i = P_(i-1)^2` (`k * 2^i`
/// characters) are computed until `P_K^2` exceeds the value. A value `x <
/// P_i^2` splits as `x = q * P_i + r` with `q, r < P_i`: the text of `q`
/// then that of `r` padded to `k * 2^i` characters, each converted the
/// same way at level `i - 1` (recursion depth `K + 1`, that is
/// `O(log n)`), down to [`base`] for short values. Division is Knuth's,
/// so the total is still quadratic, but with multi-limb divisors it does
/// several times less work than repeated division by `B`.
#[cfg(target_pointer_width = "64")]
mod dc {
    use super::{base, big_base64};
    use crate::{digits, trim, Digit, Error};

    /// Values of at most this many digits go to [`base`].
    const LEAF: usize = 40;

    /// Most levels of powers there can be (their lengths double).
    const MAX_LEVELS: usize = 64;

    /// Upper and lower bounds on the length in digits of `P_i`, from the
    /// bit length `b` of `B` (`2^(b-1) <= B < 2^b`).
    fn len_bounds(b: u32, i: usize) -> (usize, usize) {
        let scale = 1usize.checked_shl(i as u32).unwrap_or(usize::MAX);
        let hi = scale.saturating_mul(b as usize).div_ceil(32);
        let lo = scale.saturating_mul(b as usize - 1) / 32 + 1;
        (hi, lo)
    }

    /// Scratch digits sufficient for [`to_str_dc`] of an `n`-digit value:
    /// the powers, then per level the quotient, remainder and division
    /// scratch (the lower levels reuse the division's).
    pub(super) fn scratch_len(n: usize, radix: u32) -> usize {
        let (big, _) = big_base64(radix);
        let b = 64 - big.leading_zeros();
        // Levels computed: until 2 * len(P_K) - 2 >= n, which the lower
        // bound reaches no later than the real length.
        let mut top = 0;
        while top < MAX_LEVELS && 2 * len_bounds(b, top).1 < n.saturating_add(2) {
            top += 1;
        }
        // P_0 takes 2 digits, P_i a buffer of twice P_(i-1)'s length.
        let mut powers: usize = 2;
        for i in 1..=top {
            powers = powers.saturating_add(2 * len_bounds(b, i - 1).0);
        }
        // need(i) for a value below P_i^2 of at most x digits; the top
        // value has n digits.
        let mut need = LEAF.max(2 * len_bounds(b, 0).0);
        for i in 1..=top {
            let x = if i == top { n } else { 2 * len_bounds(b, i).0 }.min(n);
            let lp = len_bounds(b, i).0.min(x);
            let div = crate::div::divmod_scratch_len(x, lp);
            need = x.saturating_add(1).saturating_add(div.max(need)).max(x);
        }
        powers.saturating_add(need).max(n)
    }

    /// Writes `a` (at least [`super::DC_MIN`] digits) backwards ending at
    /// the end of `out`; returns the start. `scratch` has
    /// [`scratch_len`] digits.
    pub(super) fn to_str_dc(out: &mut [u8], a: &[Digit], radix: u32, upper: bool, scratch: &mut [Digit]) -> Result<usize, Error> {
        let (big, k) = big_base64(radix);
        let n = a.len();
        // The powers, each at its offset in scratch: (start, len).
        let mut table = [(0usize, 0usize); MAX_LEVELS];
        let p0 = scratch.get_mut(..2).ok_or(Error::BufferTooSmall)?;
        crate::limb::put(p0, big);
        let mut last = (0, digits::norm(p0, 2));
        let mut used = 2;
        let mut top = 0;
        for (i, slot) in table.iter_mut().enumerate() {
            *slot = last;
            top = i;
            let (start, len) = last;
            if 2 * len >= n + 2 {
                break;
            }
            let (done, free) = scratch.split_at_mut_checked(used).ok_or(Error::BufferTooSmall)?;
            let p = done.get(start..start + len).ok_or(Error::BufferTooSmall)?;
            let dst = free.get_mut(..2 * len).ok_or(Error::BufferTooSmall)?;
            last = (used, crate::mul::mul_mag(dst, p, p, &mut [])?);
            used += 2 * len;
        }
        let (powers, rest) = scratch.split_at_mut_checked(used).ok_or(Error::BufferTooSmall)?;
        let ctx = Ctx { powers, table: &table, k, radix, upper };
        ctx.conv(out, out.len(), a, top, 0, rest)
    }

    /// What every level of the conversion shares.
    struct Ctx<'a> {
        powers: &'a [Digit],
        table: &'a [(usize, usize); MAX_LEVELS],
        k: u32,
        radix: u32,
        upper: bool,
    }

    impl Ctx<'_> {
        /// `P_i`.
        fn power(&self, i: usize) -> Result<&[Digit], Error> {
            let &(start, len) = self.table.get(i).ok_or(Error::BufferTooSmall)?;
            self.powers.get(start..start + len).ok_or(Error::BufferTooSmall)
        }

        /// Writes `x < P_i^2` backwards ending at `out[end]`, padded to
        /// `pad` characters if nonzero; returns the start.
        fn conv(&self, out: &mut [u8], end: usize, x: &[Digit], i: usize, pad: usize, scratch: &mut [Digit]) -> Result<usize, Error> {
            let x = trim(x);
            if i == 0 || x.len() <= LEAF {
                return base(out, end, x, pad, self.radix, self.upper, scratch);
            }
            let p = self.power(i)?;
            if crate::cmp::cmp_mag(x, p) == core::cmp::Ordering::Less {
                return self.conv(out, end, x, i - 1, pad, scratch);
            }
            let (lq, lr) = (x.len() - p.len() + 1, p.len());
            let (qbuf, tail) = scratch.split_at_mut_checked(lq).ok_or(Error::BufferTooSmall)?;
            let (ql, rl) = {
                let (rbuf, rest) = tail.split_at_mut_checked(lr).ok_or(Error::BufferTooSmall)?;
                crate::div::divmod_mag(qbuf, rbuf, x, p, rest)?
            };
            // The low half: exactly k * 2^i characters.
            let width = (self.k as usize) << i;
            let (rbuf, rest) = tail.split_at_mut_checked(lr).ok_or(Error::BufferTooSmall)?;
            let r = rbuf.get(..rl).ok_or(Error::BufferTooSmall)?;
            let mid = self.conv(out, end, r, i - 1, width, rest)?;
            let q = qbuf.get(..ql).ok_or(Error::BufferTooSmall)?;
            let pad = if pad == 0 { 0 } else { pad.saturating_sub(width) };
            self.conv(out, mid, q, i - 1, pad, tail)
        }
    }
}
