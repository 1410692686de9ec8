//! Decimal to binary: the float nearest `digits × 10**e10` (ties to even).

use crate::big::{ratio, Big};
use crate::{Ex, Float, Spec};
use core::cmp::Ordering;

/// Parses Rust's float syntax as `str::parse` does: an optional sign, then
/// `inf`, `infinity` or `nan` in any case, or digits with an optional `.`
/// (at least one digit in all) and an optional exponent (`e`/`E`, sign,
/// at least one digit). No spaces or underscores. The nearest float, ties
/// to even; None on bad syntax.
pub fn parse<F: Float>(text: &[u8]) -> Option<F> {
    scan(text, false)
}

/// Parses Python's `float()` syntax as MicroPython does: [`parse`]'s, but
/// with ASCII whitespace around, underscores anywhere among the digits
/// (mantissa and exponent), an empty mantissa reading as 0 (`'.'`, `'e5'`)
/// and the sign applying to `nan` too. None on bad syntax.
pub fn parse_python<F: Float>(text: &[u8]) -> Option<F> {
    scan(text, true)
}

/// Where the parser's decimal exponent saturates (beyond any float's
/// range either way; small enough that `10 * cap + 9` fits [`Ex`]).
#[cfg(not(target_os = "none"))]
const EXP_CAP: Ex = 1 << 40;
#[cfg(target_os = "none")]
const EXP_CAP: Ex = 1 << 26;
/// Where [`from_decimal`] clamps its exponent (see [`EXP_CAP`]).
#[cfg(not(target_os = "none"))]
const E10_CAP: i64 = 1 << 41;
#[cfg(target_os = "none")]
const E10_CAP: i64 = 1 << 28;

/// The one body of [`parse`] and [`parse_python`].
#[inline(never)]
fn scan<F: Float>(text: &[u8], python: bool) -> Option<F> {
    let text = if python { text.trim_ascii() } else { text };
    let (neg, b) = match text.first() {
        Some(b'-') => (true, text.get(1..)?),
        Some(b'+') => (false, text.get(1..)?),
        _ => (false, text),
    };
    if b.eq_ignore_ascii_case(b"inf") || b.eq_ignore_ascii_case(b"infinity") {
        let v = F::from_bits64(F::SPEC.inf);
        return Some(if neg { -v } else { v });
    }
    if b.eq_ignore_ascii_case(b"nan") {
        let v = F::from_bits64(F::SPEC.inf | 1 << (F::SPEC.p - 2));
        return Some(if neg && python { -v } else { v });
    }
    // value = mantissa digits * 10**(exp - frac)
    let (mut i, mut frac, mut ndigits, mut in_frac) = (0, 0 as Ex, 0usize, false);
    while let Some(&c) = b.get(i) {
        match c {
            b'0'..=b'9' => {
                ndigits += 1;
                frac += in_frac as Ex;
            }
            b'_' if python => {}
            b'.' if !in_frac => in_frac = true,
            _ => break,
        }
        i += 1;
    }
    let mant = b.get(..i)?;
    let mut consumed = ndigits > 0 || (python && in_frac);
    let mut exp: Ex = 0;
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        consumed |= python;
        let mut eneg = false;
        if let Some(&c @ (b'+' | b'-')) = b.get(i) {
            eneg = c == b'-';
            i += 1;
        }
        let mut any = false;
        while let Some(&c) = b.get(i) {
            if c.is_ascii_digit() {
                exp = (exp * 10 + (c - b'0') as Ex).min(EXP_CAP);
                any = true;
            } else if !(python && c == b'_') {
                break;
            }
            i += 1;
        }
        if !any {
            return None;
        }
        if eneg {
            exp = -exp;
        }
    }
    if !consumed || i != b.len() {
        return None;
    }
    from_decimal(neg, mant.iter().copied().filter(u8::is_ascii_digit), (exp - frac) as i64)
}

/// The float nearest `d × 10**e10` (ties to even).
pub fn from_u64<F: Float>(d: u64, e10: i64) -> Option<F> {
    let mut buf = [0u8; 20];
    let mut n = 0;
    let mut v = d;
    for slot in buf.iter_mut().rev() {
        *slot = b'0' + (v % 10) as u8;
        v /= 10;
        n += 1;
        if v == 0 {
            break;
        }
    }
    from_decimal(false, buf.get(20 - n..)?.iter().copied(), e10)
}

/// The float nearest `±D × 10**e10` (ties to even), where `D` is the
/// integer the ASCII decimal `digits` spell (any number of them, leading
/// zeros allowed; digits beyond [`Float::MAX_DIGITS`] significant ones only
/// count as nonzero or not). Infinite beyond the largest float, zero
/// (signed) below half the smallest. None only if an internal buffer is
/// too small (never, for the formats here).
pub fn from_decimal<F: Float>(neg: bool, digits: impl Iterator<Item = u8>, e10: i64) -> Option<F> {
    let spec = F::SPEC;
    let e10 = e10.clamp(-E10_CAP, E10_CAP) as Ex;
    F::with_scratch(|a, b| {
        let mut big = Big::from_u64(a, 0)?;
        let (mut nd, mut small, mut chunk, mut chunk_len) = (0usize, 0u64, 0u32, 0u32);
        let (mut extra, mut sticky) = (0 as Ex, false);
        for c in digits {
            let v = c.wrapping_sub(b'0') as u32;
            if nd == 0 && v == 0 {
                continue;
            }
            if nd >= F::MAX_DIGITS {
                extra += 1;
                sticky |= v != 0;
                continue;
            }
            nd += 1;
            small = small.wrapping_mul(10).wrapping_add(v as u64);
            chunk = chunk * 10 + v;
            chunk_len += 1;
            if chunk_len == 9 {
                big.mul_add(1_000_000_000, chunk)?;
                (chunk, chunk_len) = (0, 0);
            }
        }
        let mut e = e10 + extra;
        if sticky {
            // A digit 1 past the kept ones stands for the rest.
            chunk = chunk * 10 + 1;
            chunk_len += 1;
            nd += 1;
            e -= 1;
        }
        big.mul_add(crate::ipow(10, chunk_len) as u32, chunk)?;
        if nd <= 19 {
            if let Some(v) = F::exact(small, e, neg) {
                return Some(v);
            }
        }
        let bits = binary(&spec, &mut big, nd as Ex, e, b)?;
        let v = F::from_bits64(bits);
        Some(if neg { -v } else { v })
    })
}

/// The bits of the float nearest `n × 10**e` (`n` has `nd` digits).
fn binary(spec: &Spec, n: &mut Big<'_>, nd: Ex, e: Ex, mbuf: &mut [u32]) -> Option<u64> {
    if n.is_zero() {
        return Some(0);
    }
    let k10 = nd - 1 + e;
    if k10 >= spec.max_dec {
        return Some(spec.inf);
    }
    if k10 < spec.min_dec {
        return Some(0);
    }
    // value = n / m × 2**e
    let mut m = Big::from_u64(mbuf, 1)?;
    if e >= 0 {
        n.mul_pow5(e as u32)?;
    } else {
        m.mul_pow5(e.unsigned_abs() as u32)?;
    }
    // floor(log2(value)) is e_hi or e_hi - 1.
    let e_hi = n.bit_len() - m.bit_len() + e;
    let p = spec.p as Ex;
    let mut lsb = (e_hi - p).max(spec.min_lsb);
    let nbits = e_hi - lsb + 1;
    if nbits < 0 {
        return Some(0);
    }
    // q = floor(value / 2**lsb) < 2**nbits
    let shift = e - lsb;
    if shift >= 0 {
        n.shl(shift as u32)?;
    } else {
        m.shl(shift.unsigned_abs() as u32)?;
    }
    let (mut q, mut half, nonzero) = ratio(n, &mut m, nbits as u32)?;
    if q >> p != 0 {
        // One bit more than the mantissa has: round at the next bit.
        half = match (q & 1, nonzero) {
            (0, _) => Ordering::Less,
            (_, false) => Ordering::Equal,
            _ => Ordering::Greater,
        };
        q >>= 1;
        lsb += 1;
    }
    if half == Ordering::Greater || (half == Ordering::Equal && q & 1 == 1) {
        q += 1;
        if q >> p != 0 {
            q >>= 1;
            lsb += 1;
        }
    }
    let bits = (((lsb - spec.min_lsb) as u64) << (p - 1)).wrapping_add(q);
    Some(bits.min(spec.inf))
}
