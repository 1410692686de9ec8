//! Decimal to binary: the float nearest `digits × 10**e10` (ties to even).

use crate::big::{ratio, Big};
use crate::{Float, Spec};
use core::cmp::Ordering;

/// Parses Rust's float syntax as `str::parse` does: an optional sign, then
/// `inf`, `infinity` or `nan` in any case, or digits with an optional `.`
/// (at least one digit in all) and an optional exponent (`e`/`E`, sign,
/// at least one digit). No spaces or underscores. The nearest float, ties
/// to even; None on bad syntax.
pub fn parse<F: Float>(text: &[u8]) -> Option<F> {
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
        return Some(F::from_bits64(F::SPEC.inf | 1 << (F::SPEC.p - 2)));
    }
    let int_len = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let (frac, mant_len) = match b.get(int_len) {
        Some(b'.') => {
            let n = b.get(int_len + 1..)?.iter().take_while(|c| c.is_ascii_digit()).count();
            (n, int_len + 1 + n)
        }
        _ => (0, int_len),
    };
    let (mant, rest) = b.split_at_checked(mant_len)?;
    if int_len + frac == 0 {
        return None;
    }
    let mut exp: i64 = 0;
    if let Some((&c, e)) = rest.split_first() {
        if c != b'e' && c != b'E' {
            return None;
        }
        let (eneg, e) = match e.first() {
            Some(b'-') => (true, e.get(1..)?),
            Some(b'+') => (false, e.get(1..)?),
            _ => (false, e),
        };
        if e.is_empty() || !e.iter().all(u8::is_ascii_digit) {
            return None;
        }
        for &c in e {
            exp = (exp * 10 + (c - b'0') as i64).min(1 << 40);
        }
        if eneg {
            exp = -exp;
        }
    }
    from_decimal(neg, mant.iter().copied().filter(u8::is_ascii_digit), exp - frac as i64)
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
    let e10 = e10.clamp(-(1 << 41), 1 << 41);
    F::with_scratch(|a, b| {
        let mut big = Big::from_u64(a, 0)?;
        let (mut nd, mut small, mut chunk, mut chunk_len) = (0usize, 0u64, 0u32, 0u32);
        let (mut extra, mut sticky) = (0i64, false);
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
        big.mul_add(10u32.pow(chunk_len), chunk)?;
        if nd <= 19 {
            if let Some(v) = F::exact(small, e, neg) {
                return Some(v);
            }
        }
        let bits = binary(&spec, &mut big, nd as i64, e, b)?;
        let v = F::from_bits64(bits);
        Some(if neg { -v } else { v })
    })
}

/// The bits of the float nearest `n × 10**e` (`n` has `nd` digits).
fn binary(spec: &Spec, n: &mut Big<'_>, nd: i64, e: i64, mbuf: &mut [u32]) -> Option<u64> {
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
        n.mul_pow5(e as u64)?;
    } else {
        m.mul_pow5(e.unsigned_abs())?;
    }
    // floor(log2(value)) is e_hi or e_hi - 1.
    let e_hi = n.bit_len() - m.bit_len() + e;
    let p = spec.p as i64;
    let mut lsb = (e_hi - p).max(spec.min_lsb);
    let nbits = e_hi - lsb + 1;
    if nbits < 0 {
        return Some(0);
    }
    // q = floor(value / 2**lsb) < 2**nbits
    let shift = e - lsb;
    if shift >= 0 {
        n.shl(shift as u64)?;
    } else {
        m.shl(shift.unsigned_abs())?;
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
