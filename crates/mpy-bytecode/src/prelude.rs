//! The bytecode function prelude: the packed signature, the prelude size
//! (n_info, n_cell), and the info block (function name, argument names,
//! line-number table) and cell list that precede the opcodes in a bytecode
//! raw code's `fun_data` (see `shared/spec/mpy-format.md`, "Bytecode
//! function body").

use alloc::vec::Vec;

use crate::varint::{self, DecodeError};

/// Scope flag: the function is a generator.
pub const SCOPE_FLAG_GENERATOR: u32 = 0x01;
/// Scope flag: the function takes `**kwargs`.
pub const SCOPE_FLAG_VARKEYWORDS: u32 = 0x02;
/// Scope flag: the function takes `*args`.
pub const SCOPE_FLAG_VARARGS: u32 = 0x04;
/// Scope flag: the function has keyword-only defaults (a kw-default dict).
pub const SCOPE_FLAG_DEFKWARGS: u32 = 0x08;

/// The six values packed in the signature bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Signature {
    /// Number of state slots: locals + maximum stack depth (at least 1).
    pub n_state: u32,
    /// Maximum depth of the exception-handler stack.
    pub n_exc_stack: u32,
    /// `SCOPE_FLAG_*` bits.
    pub scope_flags: u32,
    /// Positional parameters, including closed-over free variables (passed first).
    pub n_pos_args: u32,
    /// Keyword-only parameters.
    pub n_kwonly_args: u32,
    /// Positional parameters with a default value.
    pub n_def_pos_args: u32,
}

/// OR `bits << shift` into `acc`, failing if significant bits would be lost.
fn put_bits(acc: &mut u32, bits: u32, shift: u32) -> Result<(), DecodeError> {
    if bits == 0 {
        return Ok(());
    }
    if shift >= 32 || (bits << shift) >> shift != bits {
        return Err(DecodeError::Overflow);
    }
    *acc |= bits << shift;
    Ok(())
}

fn next(data: &[u8], pos: &mut usize) -> Result<u8, DecodeError> {
    let b = *data.get(*pos).ok_or(DecodeError::Truncated)?;
    *pos += 1;
    Ok(b)
}

impl Signature {
    /// Append the signature bytes: first byte `xSSSSEAA`, each further byte
    /// `xFSSKAED` (x = more follows; S = n_state − 1, 4 bits then 2 per
    /// byte; E = n_exc_stack; F = scope flags; A = n_pos_args;
    /// K = n_kwonly_args; D = n_def_pos_args), low bits first; bytes
    /// continue while any remaining bit is non-zero. An `n_state` of 0 is
    /// written as 1.
    pub fn encode(&self, out: &mut Vec<u8>) {
        let mut s = self.n_state.saturating_sub(1);
        let mut e = self.n_exc_stack;
        let mut f = self.scope_flags;
        let mut a = self.n_pos_args;
        let mut k = self.n_kwonly_args;
        let mut d = self.n_def_pos_args;
        let mut z = (((s & 0xf) << 3) | ((e & 1) << 2) | (a & 3)) as u8;
        s >>= 4;
        e >>= 1;
        a >>= 2;
        while (s | e | f | a | k | d) != 0 {
            out.push(0x80 | z);
            z = (((f & 1) << 6)
                | ((s & 3) << 4)
                | ((k & 1) << 3)
                | ((a & 1) << 2)
                | ((e & 1) << 1)
                | (d & 1)) as u8;
            s >>= 2;
            e >>= 1;
            f >>= 1;
            a >>= 1;
            k >>= 1;
            d >>= 1;
        }
        out.push(z);
    }

    /// Decode signature bytes at `data[*pos]`, advancing `*pos`.
    /// Errors: [`DecodeError::Truncated`]; [`DecodeError::Overflow`] if a
    /// field exceeds 32 bits.
    pub fn decode(data: &[u8], pos: &mut usize) -> Result<Signature, DecodeError> {
        let mut z = next(data, pos)?;
        let mut s = u32::from((z >> 3) & 0xf);
        let mut e = u32::from((z >> 2) & 1);
        let mut f = 0;
        let mut a = u32::from(z & 3);
        let mut k = 0;
        let mut d = 0;
        let mut n = 0u32;
        while z & 0x80 != 0 {
            z = next(data, pos)?;
            put_bits(&mut f, u32::from((z >> 6) & 1), n)?;
            put_bits(&mut s, u32::from((z >> 4) & 3), 4 + 2 * n.min(100))?;
            put_bits(&mut k, u32::from((z >> 3) & 1), n)?;
            put_bits(&mut a, u32::from((z >> 2) & 1), 2 + n)?;
            put_bits(&mut e, u32::from((z >> 1) & 1), 1 + n)?;
            put_bits(&mut d, u32::from(z & 1), n)?;
            n = n.saturating_add(1);
        }
        let n_state = s.checked_add(1).ok_or(DecodeError::Overflow)?;
        Ok(Signature {
            n_state,
            n_exc_stack: e,
            scope_flags: f,
            n_pos_args: a,
            n_kwonly_args: k,
            n_def_pos_args: d,
        })
    }
}

/// Append the prelude-size bytes `xIIIIIIC`: 6 bits of `n_info` and 1 bit
/// of `n_cell` per byte, low bits first, while any remaining bit is set.
pub fn encode_prelude_size(out: &mut Vec<u8>, n_info: u32, n_cell: u32) {
    let mut i = n_info;
    let mut c = n_cell;
    let mut z = (((i & 0x3f) << 1) | (c & 1)) as u8;
    i >>= 6;
    c >>= 1;
    while (i | c) != 0 {
        out.push(0x80 | z);
        z = (((i & 0x3f) << 1) | (c & 1)) as u8;
        i >>= 6;
        c >>= 1;
    }
    out.push(z);
}

/// Decode the prelude-size bytes at `data[*pos]`, advancing `*pos`;
/// returns `(n_info, n_cell)`. Errors: truncation or overflow.
pub fn decode_prelude_size(data: &[u8], pos: &mut usize) -> Result<(u32, u32), DecodeError> {
    let mut z = next(data, pos)?;
    let mut i = u32::from((z >> 1) & 0x3f);
    let mut c = u32::from(z & 1);
    let mut n = 0u32;
    while z & 0x80 != 0 {
        z = next(data, pos)?;
        put_bits(
            &mut i,
            u32::from((z >> 1) & 0x3f),
            6u32.saturating_add(n.saturating_mul(6)),
        )?;
        put_bits(&mut c, u32::from(z & 1), 1u32.saturating_add(n))?;
        n = n.saturating_add(1);
    }
    Ok((i, c))
}

/// A fully decoded prelude of a bytecode `fun_data`. Offsets are byte
/// positions within that `fun_data`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prelude {
    /// The packed signature.
    pub sig: Signature,
    /// Size in bytes of the info block (name, argument names, line table).
    pub n_info: u32,
    /// Number of cell bytes after the info block.
    pub n_cell: u32,
    /// Offset where the info block starts (just after the prelude size).
    pub info_start: usize,
    /// Qstr index (into the module's qstr table) of the function's name.
    pub name: u32,
    /// Qstr indices of the `n_pos_args + n_kwonly_args` argument names
    /// (a closure's free-variable slots are named `*`).
    pub arg_names: Vec<u32>,
    /// Offset of the line-number table (its end is `cells_start`).
    pub line_table_start: usize,
    /// Offset of the cell list (end of the info block).
    pub cells_start: usize,
    /// Offset of the first opcode (end of the cell list).
    pub code_start: usize,
}

impl Prelude {
    /// Decode the prelude at the start of `fun_data`.
    ///
    /// Errors: [`DecodeError::Truncated`] if the blocks run past the end of
    /// `fun_data`; [`DecodeError::Invalid`] if the name/argument names run
    /// past the info block; [`DecodeError::Overflow`] on oversized fields.
    /// Allocation is bounded by the input size.
    pub fn decode(fun_data: &[u8]) -> Result<Prelude, DecodeError> {
        let mut arg_names = Vec::new();
        let p = Self::scan(fun_data, Some(&mut arg_names))?;
        Ok(Prelude { arg_names, ..p })
    }

    /// Checks that the prelude at the start of `fun_data` decodes (as
    /// [`Prelude::decode`], with the same errors) without allocating.
    pub fn check(fun_data: &[u8]) -> Result<(), DecodeError> {
        Self::scan(fun_data, None).map(|_| ())
    }

    /// [`Prelude::decode`] with the argument names pushed onto `names`
    /// (skipped if None); the result's `arg_names` is empty.
    fn scan(fun_data: &[u8], mut names: Option<&mut Vec<u32>>) -> Result<Prelude, DecodeError> {
        let mut pos = 0;
        let sig = Signature::decode(fun_data, &mut pos)?;
        let (n_info, n_cell) = decode_prelude_size(fun_data, &mut pos)?;
        let info_start = pos;
        let cells_start = info_start
            .checked_add(n_info as usize)
            .ok_or(DecodeError::Overflow)?;
        let code_start = cells_start
            .checked_add(n_cell as usize)
            .ok_or(DecodeError::Overflow)?;
        if code_start > fun_data.len() {
            return Err(DecodeError::Truncated);
        }
        let info = &fun_data[..cells_start];
        let name = varint::decode_vuint(info, &mut pos).map_err(trunc_to_invalid)?;
        let n_args = u64::from(sig.n_pos_args) + u64::from(sig.n_kwonly_args);
        // Each name takes at least one byte: reject before allocating.
        if n_args > (cells_start - pos) as u64 {
            return Err(DecodeError::Invalid);
        }
        if let Some(v) = names.as_deref_mut() {
            v.reserve_exact(n_args as usize);
        }
        for _ in 0..n_args {
            let q = varint::decode_vuint(info, &mut pos).map_err(trunc_to_invalid)?;
            if let Some(v) = names.as_deref_mut() {
                v.push(q);
            }
        }
        Ok(Prelude {
            sig,
            n_info,
            n_cell,
            info_start,
            name,
            arg_names: Vec::new(),
            line_table_start: pos,
            cells_start,
            code_start,
        })
    }

    /// The line-number table bytes of `fun_data` (the one this was decoded from).
    pub fn line_table<'a>(&self, fun_data: &'a [u8]) -> &'a [u8] {
        fun_data
            .get(self.line_table_start..self.cells_start)
            .unwrap_or(&[])
    }

    /// The cell list of `fun_data`: local indices to turn into cells.
    pub fn cells<'a>(&self, fun_data: &'a [u8]) -> &'a [u8] {
        fun_data
            .get(self.cells_start..self.code_start)
            .unwrap_or(&[])
    }

    /// The opcodes of `fun_data`.
    pub fn code<'a>(&self, fun_data: &'a [u8]) -> &'a [u8] {
        fun_data.get(self.code_start..).unwrap_or(&[])
    }
}

fn trunc_to_invalid(e: DecodeError) -> DecodeError {
    match e {
        DecodeError::Truncated => DecodeError::Invalid,
        other => other,
    }
}

/// Append a complete prelude: signature, prelude size, then the info block
/// (name qstr index, argument-name qstr indices, `line_table`) and the cell
/// list. `n_info`/`n_cell` are computed from the parts.
pub fn encode_prelude(
    out: &mut Vec<u8>,
    sig: &Signature,
    name: u32,
    arg_names: &[u32],
    line_table: &[u8],
    cells: &[u8],
) {
    let mut info = Vec::new();
    varint::encode_vuint(&mut info, name);
    for &a in arg_names {
        varint::encode_vuint(&mut info, a);
    }
    info.extend_from_slice(line_table);
    sig.encode(out);
    encode_prelude_size(out, info.len() as u32, cells.len() as u32);
    out.extend_from_slice(&info);
    out.extend_from_slice(cells);
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    fn sig(n_state: u32, e: u32, f: u32, a: u32, k: u32, d: u32) -> Signature {
        Signature {
            n_state,
            n_exc_stack: e,
            scope_flags: f,
            n_pos_args: a,
            n_kwonly_args: k,
            n_def_pos_args: d,
        }
    }

    #[test]
    fn worked_example_signatures() {
        let mut p = 0;
        assert_eq!(
            Signature::decode(&[0x10], &mut p),
            Ok(sig(3, 0, 0, 0, 0, 0))
        );
        let mut p = 0;
        assert_eq!(
            Signature::decode(&[0x11], &mut p),
            Ok(sig(3, 0, 0, 1, 0, 0))
        );
        let mut o = Vec::new();
        sig(3, 0, 0, 1, 0, 0).encode(&mut o);
        assert_eq!(o, [0x11]);
        let mut p = 0;
        assert_eq!(decode_prelude_size(&[0x04], &mut p), Ok((2, 0)));
        let mut p = 0;
        assert_eq!(decode_prelude_size(&[0x06], &mut p), Ok((3, 0)));
    }

    #[test]
    fn signature_roundtrip() {
        let vals = [
            0u32, 1, 2, 3, 4, 5, 7, 8, 15, 16, 17, 31, 100, 255, 256, 1000, 65535,
        ];
        for &s in &vals {
            for &a in &vals {
                for &x in &[0u32, 1, 2, 3, 9, 15, 200] {
                    let g = sig(s.max(1), x, x & 0xf, a, x, a.min(x));
                    let mut o = Vec::new();
                    g.encode(&mut o);
                    let mut p = 0;
                    assert_eq!(Signature::decode(&o, &mut p), Ok(g));
                    assert_eq!(p, o.len());
                    for cut in 0..o.len() {
                        let mut p = 0;
                        assert_eq!(
                            Signature::decode(&o[..cut], &mut p),
                            Err(DecodeError::Truncated)
                        );
                    }
                }
            }
        }
        let big = sig(u32::MAX, u32::MAX, u32::MAX, u32::MAX, u32::MAX, u32::MAX);
        let mut o = Vec::new();
        big.encode(&mut o);
        let mut p = 0;
        assert_eq!(Signature::decode(&o, &mut p), Ok(big));
    }

    #[test]
    fn signature_specific_bytes() {
        // n_state 17 → S = 16: low 4 bits 0, next two bits 1.
        let mut o = Vec::new();
        sig(17, 0, 0, 0, 0, 0).encode(&mut o);
        assert_eq!(o, [0x80, 0x10]);
        // generator flag only.
        let mut o = Vec::new();
        sig(1, 0, SCOPE_FLAG_GENERATOR, 0, 0, 0).encode(&mut o);
        assert_eq!(o, [0x80, 0x40]);
        // 4 positional args: low 2 bits 0, next bit 1.
        let mut o = Vec::new();
        sig(1, 0, 0, 4, 0, 0).encode(&mut o);
        assert_eq!(o, [0x80, 0x04]);
        // one exception handler, one default, one kw-only.
        let mut o = Vec::new();
        sig(1, 1, 0, 1, 1, 1).encode(&mut o);
        assert_eq!(o, [0x85, 0x09]);
    }

    #[test]
    fn signature_overflow_is_error() {
        let data = [0xffu8; 64];
        let mut p = 0;
        assert!(Signature::decode(&data, &mut p).is_err());
        let mut d = vec![0x80u8; 1000];
        d.push(0x00);
        let mut p = 0;
        assert_eq!(Signature::decode(&d, &mut p), Ok(sig(1, 0, 0, 0, 0, 0)));
    }

    #[test]
    fn prelude_size_roundtrip() {
        for &i in &[0u32, 1, 2, 63, 64, 65, 4095, 4096, 100_000, u32::MAX] {
            for &c in &[0u32, 1, 2, 3, 8, 255, u32::MAX] {
                let mut o = Vec::new();
                encode_prelude_size(&mut o, i, c);
                let mut p = 0;
                assert_eq!(decode_prelude_size(&o, &mut p), Ok((i, c)));
                assert_eq!(p, o.len());
                for cut in 0..o.len() {
                    let mut p = 0;
                    assert_eq!(
                        decode_prelude_size(&o[..cut], &mut p),
                        Err(DecodeError::Truncated)
                    );
                }
            }
        }
        let mut p = 0;
        assert!(decode_prelude_size(&[0xff; 64], &mut p).is_err());
    }

    #[test]
    fn worked_example_prelude() {
        let f = [0x11, 0x06, 0x02, 0x04, 0x20, 0xb0, 0x81, 0xf2, 0x63];
        let pr = Prelude::decode(&f).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(pr.sig, sig(3, 0, 0, 1, 0, 0));
        assert_eq!((pr.n_info, pr.n_cell), (3, 0));
        assert_eq!(pr.name, 2);
        assert_eq!(pr.arg_names, [4]);
        assert_eq!(pr.line_table(&f), [0x20]);
        assert_eq!(pr.cells(&f), [] as [u8; 0]);
        assert_eq!(pr.code(&f), [0xb0, 0x81, 0xf2, 0x63]);
        let mut o = Vec::new();
        encode_prelude(&mut o, &pr.sig, 2, &[4], &[0x20], &[]);
        assert_eq!(o, f[..5]);

        let m = [0x10, 0x04, 0x01, 0x44, 0x32, 0x00];
        let pr = Prelude::decode(&m).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(pr.name, 1);
        assert!(pr.arg_names.is_empty());
        assert_eq!(pr.line_table(&m), [0x44]);
        assert_eq!(pr.code_start, 4);

        for cut in 0..5 {
            assert!(Prelude::decode(&f[..cut]).is_err(), "cut {cut}");
        }
    }

    #[test]
    fn prelude_with_cells_and_bad_info() {
        let mut o = Vec::new();
        encode_prelude(
            &mut o,
            &sig(4, 0, 0, 2, 1, 0),
            300,
            &[5, 6, 200],
            &[0x41, 0x22],
            &[0, 2],
        );
        o.push(0x63);
        let pr = Prelude::decode(&o).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(pr.name, 300);
        assert_eq!(pr.arg_names, [5, 6, 200]);
        assert_eq!(pr.line_table(&o), [0x41, 0x22]);
        assert_eq!(pr.cells(&o), [0, 2]);
        assert_eq!(pr.code(&o), [0x63]);
        // Names running past the info block.
        assert_eq!(
            Prelude::decode(&[0x13, 0x02, 0x01, 0x05, 0x05]),
            Err(DecodeError::Invalid)
        );
        // Huge arg count: no allocation, clean error.
        let mut o = Vec::new();
        sig(1, 0, 0, u32::MAX, u32::MAX, 0).encode(&mut o);
        encode_prelude_size(&mut o, 2, 0);
        o.extend_from_slice(&[0, 0]);
        assert_eq!(Prelude::decode(&o), Err(DecodeError::Invalid));
    }
}
