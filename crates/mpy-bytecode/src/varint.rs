//! Variable-length integer encodings used by `.mpy` files and bytecode:
//! unsigned vuints (MSB group first), signed small-int operands, and jump
//! offsets (short/long forms, signed with bias or unsigned).
//!
//! All decoders take a byte slice and a position, advance the position past
//! what they read, and return [`DecodeError`] on truncation or overflow —
//! they never panic.

use alloc::vec::Vec;
use core::fmt;

/// Why a decoder rejected its input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The input ended in the middle of a value.
    Truncated,
    /// The value does not fit the decoder's integer type.
    Overflow,
    /// A decoded field is inconsistent (e.g. lengths past the end of a block).
    Invalid,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DecodeError::Truncated => "truncated data",
            DecodeError::Overflow => "integer overflow",
            DecodeError::Invalid => "invalid data",
        })
    }
}

fn next(data: &[u8], pos: &mut usize) -> Result<u8, DecodeError> {
    let b = *data.get(*pos).ok_or(DecodeError::Truncated)?;
    *pos += 1;
    Ok(b)
}

/// Number of bytes [`encode_vuint`] writes for `v`.
pub fn vuint_len(v: u32) -> usize {
    let mut n = 1;
    let mut v = v >> 7;
    while v != 0 {
        n += 1;
        v >>= 7;
    }
    n
}

/// Append `v` as a vuint: 7 bits per byte, most-significant group first,
/// 0x80 set on every byte but the last (247 → `81 77`, 484 → `83 64`).
pub fn encode_vuint(out: &mut Vec<u8>, v: u32) {
    let n = vuint_len(v);
    for i in (0..n).rev() {
        let group = ((v >> (7 * i)) & 0x7f) as u8;
        out.push(if i == 0 { group } else { group | 0x80 });
    }
}

/// Append a `usize` as a vuint (same encoding as [`encode_vuint`]; used for
/// lengths, which may exceed `u32` in principle).
pub fn encode_vuint_usize(out: &mut Vec<u8>, v: usize) {
    let mut n = 1;
    while n < 10 && (v >> (7 * n)) != 0 {
        n += 1;
    }
    for i in (0..n).rev() {
        let group = ((v >> (7 * i)) & 0x7f) as u8;
        out.push(if i == 0 { group } else { group | 0x80 });
    }
}

/// Decode a vuint at `data[*pos]`, advancing `*pos`.
///
/// Errors: [`DecodeError::Truncated`] if the input ends before a byte without
/// 0x80, [`DecodeError::Overflow`] if the value exceeds `u32::MAX`. Redundant
/// leading `0x80` groups are accepted (as MicroPython's loader does).
pub fn decode_vuint(data: &[u8], pos: &mut usize) -> Result<u32, DecodeError> {
    let mut v: u32 = 0;
    loop {
        let b = next(data, pos)?;
        if v > (u32::MAX >> 7) {
            return Err(DecodeError::Overflow);
        }
        v = (v << 7) | u32::from(b & 0x7f);
        if b & 0x80 == 0 {
            return Ok(v);
        }
    }
}

/// Decode a vuint and convert it to `usize` (convenience for lengths).
pub fn decode_vuint_usize(data: &[u8], pos: &mut usize) -> Result<usize, DecodeError> {
    let v = decode_vuint(data, pos)?;
    usize::try_from(v).map_err(|_| DecodeError::Overflow)
}

/// Append `v` in the signed small-int operand encoding of
/// LOAD_CONST_SMALL_INT: 7-bit groups most-significant first, 0x80 on all
/// but the last byte, bit 0x40 of the first byte is the sign; a leading
/// 0x00 (positive) or 0x7f (negative) group is added when the top group's
/// 0x40 bit would otherwise give the wrong sign. −100 → `ff 1c`.
pub fn encode_small_int(out: &mut Vec<u8>, v: i64) {
    let mut groups = [0u8; 10];
    let mut n = 0;
    let mut x = v;
    loop {
        groups[n] = (x & 0x7f) as u8;
        n += 1;
        x >>= 7;
        if x == 0 || x == -1 {
            break;
        }
    }
    let top = groups[n - 1];
    if v >= 0 && top & 0x40 != 0 {
        groups[n] = 0x00;
        n += 1;
    } else if v < 0 && top & 0x40 == 0 {
        groups[n] = 0x7f;
        n += 1;
    }
    for i in (0..n).rev() {
        out.push(if i == 0 { groups[i] } else { groups[i] | 0x80 });
    }
}

/// Number of bytes [`encode_small_int`] writes for `v`.
pub fn small_int_len(v: i64) -> usize {
    let mut buf = Vec::new();
    encode_small_int(&mut buf, v);
    buf.len()
}

/// Decode a signed small-int operand at `data[*pos]`, advancing `*pos`.
///
/// Errors: [`DecodeError::Truncated`], or [`DecodeError::Overflow`] if the
/// value does not fit an `i64`.
pub fn decode_small_int(data: &[u8], pos: &mut usize) -> Result<i64, DecodeError> {
    let first = next(data, pos)?;
    let mut v: i64 = if first & 0x40 != 0 { -1 } else { 0 };
    let mut b = first;
    loop {
        // Shifting left by 7 must not lose significant bits.
        if !(-(1i64 << 56)..(1i64 << 56)).contains(&v) {
            return Err(DecodeError::Overflow);
        }
        v = (v << 7) | i64::from(b & 0x7f);
        if b & 0x80 == 0 {
            return Ok(v);
        }
        b = next(data, pos)?;
    }
}

/// Bias added to a signed jump offset in the short (1-byte) form.
pub const JUMP_SHORT_BIAS: i32 = 0x40;
/// Bias added to a signed jump offset in the long (2-byte) form.
pub const JUMP_LONG_BIAS: i32 = 0x4000;

/// Whether `offset` fits the 1-byte jump form (signed: −64..=63; unsigned:
/// 0..=127).
pub fn jump_fits_short(offset: i32, signed: bool) -> bool {
    if signed {
        (-JUMP_SHORT_BIAS..JUMP_SHORT_BIAS).contains(&offset)
    } else {
        (0..0x80).contains(&offset)
    }
}

/// Whether `offset` fits the 2-byte jump form (signed: −16384..=16383;
/// unsigned: 0..=32767).
pub fn jump_fits_long(offset: i32, signed: bool) -> bool {
    if signed {
        (-JUMP_LONG_BIAS..JUMP_LONG_BIAS).contains(&offset)
    } else {
        (0..0x8000).contains(&offset)
    }
}

/// Append a jump offset (relative to the address just after the offset
/// bytes). Short form: one byte < 0x80 (`offset + 0x40` if signed). Long
/// form: `0x80 | (v & 0x7f)` then `v >> 7`, with `v = offset + 0x4000` if
/// signed (least-significant group first). Returns `false` and writes
/// nothing if `offset` does not fit the requested form.
pub fn encode_jump(out: &mut Vec<u8>, offset: i32, signed: bool, long: bool) -> bool {
    if long {
        if !jump_fits_long(offset, signed) {
            return false;
        }
        let v = if signed {
            offset + JUMP_LONG_BIAS
        } else {
            offset
        };
        out.push(0x80 | (v & 0x7f) as u8);
        out.push((v >> 7) as u8);
    } else {
        if !jump_fits_short(offset, signed) {
            return false;
        }
        let v = if signed {
            offset + JUMP_SHORT_BIAS
        } else {
            offset
        };
        out.push(v as u8);
    }
    true
}

/// Decode a jump offset at `data[*pos]`, advancing `*pos` past it (1 byte
/// for the short form, 2 for the long form). Returns the relative offset
/// with the bias removed for signed jumps. Errors: [`DecodeError::Truncated`].
pub fn decode_jump(data: &[u8], pos: &mut usize, signed: bool) -> Result<i32, DecodeError> {
    let b0 = next(data, pos)?;
    if b0 & 0x80 == 0 {
        let v = i32::from(b0);
        Ok(if signed { v - JUMP_SHORT_BIAS } else { v })
    } else {
        let b1 = next(data, pos)?;
        let v = i32::from(b0 & 0x7f) | (i32::from(b1) << 7);
        Ok(if signed { v - JUMP_LONG_BIAS } else { v })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    fn enc_u(v: u32) -> Vec<u8> {
        let mut o = Vec::new();
        encode_vuint(&mut o, v);
        o
    }

    fn enc_s(v: i64) -> Vec<u8> {
        let mut o = Vec::new();
        encode_small_int(&mut o, v);
        o
    }

    #[test]
    fn vuint_spec_examples() {
        assert_eq!(enc_u(0), [0x00]);
        assert_eq!(enc_u(127), [0x7f]);
        assert_eq!(enc_u(128), [0x81, 0x00]);
        assert_eq!(enc_u(247), [0x81, 0x77]);
        assert_eq!(enc_u(484), [0x83, 0x64]);
        assert_eq!(enc_u(u32::MAX), [0x8f, 0xff, 0xff, 0xff, 0x7f]);
    }

    #[test]
    fn vuint_roundtrip() {
        let mut vals = vec![
            0u32,
            1,
            63,
            64,
            127,
            128,
            255,
            16383,
            16384,
            2_097_151,
            2_097_152,
            u32::MAX,
        ];
        for s in 0..32 {
            vals.push(1 << s);
            vals.push((1u32 << s).wrapping_sub(1));
        }
        for v in vals {
            let e = enc_u(v);
            assert_eq!(e.len(), vuint_len(v));
            let mut p = 0;
            assert_eq!(decode_vuint(&e, &mut p), Ok(v));
            assert_eq!(p, e.len());
            for cut in 0..e.len() {
                let mut p = 0;
                assert_eq!(decode_vuint(&e[..cut], &mut p), Err(DecodeError::Truncated));
            }
        }
    }

    #[test]
    fn vuint_overflow_and_padding() {
        let mut p = 0;
        assert_eq!(
            decode_vuint(&[0x90, 0x80, 0x80, 0x80, 0x00], &mut p),
            Err(DecodeError::Overflow)
        );
        let mut p = 0;
        assert_eq!(decode_vuint(&[0x80, 0x80, 0x05], &mut p), Ok(5));
        assert_eq!(p, 3);
        let mut p = 0;
        assert_eq!(
            decode_vuint(&[0xff; 100], &mut p),
            Err(DecodeError::Overflow)
        );
        let mut p = 0;
        assert_eq!(
            decode_vuint(&[0x80; 100], &mut p),
            Err(DecodeError::Truncated)
        );
        let mut p = 5;
        assert_eq!(decode_vuint(&[0x01], &mut p), Err(DecodeError::Truncated));
    }

    #[test]
    fn small_int_spec_examples() {
        assert_eq!(enc_s(-100), [0xff, 0x1c]);
        assert_eq!(enc_s(0), [0x00]);
        assert_eq!(enc_s(63), [0x3f]);
        assert_eq!(enc_s(64), [0x80, 0x40]);
        assert_eq!(enc_s(-1), [0x7f]);
        assert_eq!(enc_s(-64), [0x40]);
        assert_eq!(enc_s(-65), [0xff, 0x3f]);
        assert_eq!(enc_s(100), [0x80, 0x64]);
        assert_eq!(enc_s(8191), [0xbf, 0x7f]);
        assert_eq!(enc_s(8192), [0x80, 0xc0, 0x00]);
    }

    #[test]
    fn small_int_roundtrip() {
        let mut vals = vec![
            0i64,
            1,
            -1,
            47,
            48,
            -16,
            -17,
            63,
            64,
            -64,
            -65,
            i64::MAX,
            i64::MIN,
        ];
        for s in 0..63 {
            vals.push(1 << s);
            vals.push((1i64 << s) - 1);
            vals.push(-(1i64 << s));
            vals.push(-(1i64 << s) - 1);
        }
        for v in vals {
            let e = enc_s(v);
            assert_eq!(e.len(), small_int_len(v));
            let mut p = 0;
            assert_eq!(decode_small_int(&e, &mut p), Ok(v), "{v} {e:x?}");
            assert_eq!(p, e.len());
            for cut in 0..e.len() {
                let mut p = 0;
                assert_eq!(
                    decode_small_int(&e[..cut], &mut p),
                    Err(DecodeError::Truncated)
                );
            }
        }
    }

    #[test]
    fn small_int_overflow() {
        let mut p = 0;
        assert_eq!(
            decode_small_int(&[0xbf; 100], &mut p),
            Err(DecodeError::Overflow)
        );
        let mut p = 0;
        assert_eq!(
            decode_small_int(&[0xc0; 100], &mut p),
            Err(DecodeError::Overflow)
        );
    }

    #[test]
    fn jump_spec_examples() {
        let mut p = 0;
        assert_eq!(decode_jump(&[0x56], &mut p, true), Ok(22));
        let mut p = 0;
        assert_eq!(decode_jump(&[0x25], &mut p, true), Ok(-27));
        let mut o = Vec::new();
        assert!(encode_jump(&mut o, 22, true, false));
        assert!(encode_jump(&mut o, -27, true, false));
        assert_eq!(o, [0x56, 0x25]);
    }

    #[test]
    fn jump_roundtrip_all() {
        for signed in [false, true] {
            for long in [false, true] {
                for off in -20000..20000 {
                    let mut o = Vec::new();
                    let fits = if long {
                        jump_fits_long(off, signed)
                    } else {
                        jump_fits_short(off, signed)
                    };
                    assert_eq!(encode_jump(&mut o, off, signed, long), fits);
                    if !fits {
                        assert!(o.is_empty());
                        continue;
                    }
                    assert_eq!(o.len(), if long { 2 } else { 1 });
                    let mut p = 0;
                    assert_eq!(decode_jump(&o, &mut p, signed), Ok(off));
                    assert_eq!(p, o.len());
                    let mut p = 0;
                    assert_eq!(
                        decode_jump(&o[..o.len() - 1], &mut p, signed),
                        Err(DecodeError::Truncated)
                    );
                }
            }
        }
        assert!(jump_fits_short(63, true) && !jump_fits_short(64, true));
        assert!(jump_fits_short(-64, true) && !jump_fits_short(-65, true));
        assert!(jump_fits_short(127, false) && !jump_fits_short(-1, false));
        assert!(jump_fits_long(32767, false) && !jump_fits_long(32768, false));
    }
}
