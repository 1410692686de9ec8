//! `.mpy` v6.3 reader: bounds-checked, allocation bounded by the input
//! size, recursion bounded by [`MAX_NESTING`]; never panics.

use alloc::string::String;
use alloc::vec::Vec;

use super::{obj_type, MpyError, MPY_ARCH_RV32IMC, MPY_MAGIC, MPY_SUB_VERSION, MPY_VERSION};
#[cfg(feature = "float")]
use crate::float_repr::{parse_complex, parse_float};
#[cfg(not(any(target_os = "none", feature = "board-reader")))]
use crate::prelude::Prelude;
use crate::raw_code::{CompiledModule, Const, RawCode, RawCodeKind};
use crate::static_qstr::static_qstr_str;
use crate::varint::{self, DecodeError};

/// Deepest nesting of raw codes (functions in functions) or tuple constants
/// accepted; deeper files are rejected as malformed.
pub const MAX_NESTING: usize = 200;

struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    /// The text of a static qstr id.
    static_str: StaticStr,
}

/// Resolves a static qstr id (1..=165) to its text (None: unknown id).
pub type StaticStr = fn(u16) -> Option<&'static str>;

/// [`MpyError::Malformed`] saying `why`. The boards report every
/// malformed file as `ValueError: incompatible .mpy file` and keep none of
/// these texts.
#[inline(always)]
fn malformed(why: &'static str) -> MpyError {
    MpyError::Malformed(if cfg!(target_os = "none") { "" } else { why })
}

fn from_decode(e: DecodeError) -> MpyError {
    match e {
        DecodeError::Truncated => MpyError::Truncated,
        DecodeError::Overflow => malformed("integer too large"),
        DecodeError::Invalid => malformed("invalid field"),
    }
}

impl<'a> Reader<'a> {
    fn remaining(&self) -> usize {
        self.data.len().saturating_sub(self.pos)
    }

    fn byte(&mut self) -> Result<u8, MpyError> {
        let b = *self.data.get(self.pos).ok_or(MpyError::Truncated)?;
        self.pos += 1;
        Ok(b)
    }

    fn vuint(&mut self) -> Result<usize, MpyError> {
        varint::decode_vuint_usize(self.data, &mut self.pos).map_err(from_decode)
    }

    /// A count of items each taking at least one byte: checked against the
    /// remaining input before anything is allocated for it.
    fn count(&mut self) -> Result<usize, MpyError> {
        let n = self.vuint()?;
        if n > self.remaining() {
            return Err(MpyError::Truncated);
        }
        Ok(n)
    }

    fn bytes(&mut self, n: usize) -> Result<&'a [u8], MpyError> {
        if n > self.remaining() {
            return Err(MpyError::Truncated);
        }
        let s = &self.data[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    /// `n` bytes followed by a 0x00 terminator.
    fn nul_terminated(&mut self, n: usize) -> Result<&'a [u8], MpyError> {
        let s = self.bytes(n)?;
        if self.byte()? != 0 {
            return Err(malformed("missing string terminator"));
        }
        Ok(s)
    }

    fn utf8(bytes: &[u8]) -> Result<String, MpyError> {
        crate::utf8::str(bytes)
            .map(String::from)
            .ok_or(malformed("invalid UTF-8 in string"))
    }

    fn qstr(&mut self) -> Result<String, MpyError> {
        let l = self.vuint()?;
        if l & 1 == 1 {
            let id =
                u16::try_from(l >> 1).map_err(|_| malformed("unknown static qstr"))?;
            (self.static_str)(id)
                .map(String::from)
                .ok_or(malformed("unknown static qstr"))
        } else {
            let s = self.nul_terminated(l >> 1)?;
            Self::utf8(s)
        }
    }

    fn text(&mut self) -> Result<&'a str, MpyError> {
        let n = self.vuint()?;
        let s = self.bytes(n)?;
        crate::utf8::str(s).ok_or(malformed("non-ASCII number text"))
    }

    fn object(&mut self, depth: usize) -> Result<Const, MpyError> {
        if depth > MAX_NESTING {
            return Err(malformed("constants nested too deeply"));
        }
        Ok(match self.byte()? {
            obj_type::FUN_TABLE => return Err(MpyError::NativeCode),
            obj_type::NONE => Const::None,
            obj_type::FALSE => Const::False,
            obj_type::TRUE => Const::True,
            obj_type::ELLIPSIS => Const::Ellipsis,
            obj_type::STR => {
                let n = self.vuint()?;
                let s = self.nul_terminated(n)?;
                Const::Str(Self::utf8(s)?)
            }
            obj_type::BYTES => {
                let n = self.vuint()?;
                Const::Bytes(self.nul_terminated(n)?.to_vec())
            }
            obj_type::INT => {
                let t = self.text()?;
                // (The boards' loader checks the digits again:
                // `mpy_core::vm::load::int_from_decimal`.)
                #[cfg(not(any(target_os = "none", feature = "board-reader")))]
                {
                    let digits = t.strip_prefix('-').unwrap_or(t);
                    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                        return Err(malformed("bad int constant"));
                    }
                }
                Const::Int(String::from(t))
            }
            #[cfg(not(feature = "float"))]
            obj_type::FLOAT | obj_type::COMPLEX => return Err(MpyError::NoFloat),
            #[cfg(feature = "float")]
            obj_type::FLOAT => {
                let t = self.text()?;
                Const::Float(parse_float(t).ok_or(malformed("bad float constant"))?)
            }
            #[cfg(feature = "float")]
            obj_type::COMPLEX => {
                let t = self.text()?;
                Const::Complex(parse_complex(t).ok_or(malformed("bad complex constant"))?)
            }
            obj_type::TUPLE => {
                let n = self.count()?;
                let mut items = Vec::with_capacity(n);
                for _ in 0..n {
                    items.push(self.object(depth + 1)?);
                }
                Const::Tuple(items)
            }
            _ => return Err(malformed("unknown constant type")),
        })
    }

    fn raw_code(&mut self, depth: usize) -> Result<RawCode, MpyError> {
        if depth > MAX_NESTING {
            return Err(malformed("raw codes nested too deeply"));
        }
        let kind_len = self.vuint()?;
        if kind_len & 3 != RawCodeKind::Bytecode as usize {
            return Err(MpyError::NativeCode);
        }
        let has_children = kind_len & 4 != 0;
        let fun_data = self.bytes(kind_len >> 3)?.to_vec();
        // (The boards load every module they read at once, and loading
        // decodes and checks each prelude again: `mpy_core::vm::load`.)
        #[cfg(not(any(target_os = "none", feature = "board-reader")))]
        Prelude::check(&fun_data).map_err(|_| malformed("bad bytecode prelude"))?;
        let mut children = Vec::new();
        if has_children {
            let n = self.count()?;
            children.reserve(n);
            for _ in 0..n {
                children.push(self.raw_code(depth + 1)?);
            }
        }
        Ok(RawCode {
            kind: RawCodeKind::Bytecode,
            fun_data,
            children,
        })
    }
}

/// Read a `.mpy` v6.3 file, accepting any small-int width (no runtime
/// limit). See [`read_mpy_checked`] for the rules and errors.
pub fn read_mpy(data: &[u8]) -> Result<CompiledModule, MpyError> {
    read_mpy_checked(data, u8::MAX)
}

/// Read a `.mpy` v6.3 file for a runtime whose small ints have
/// `runtime_small_int_bits` bits.
///
/// Header rules (MicroPython's loader): byte 0 must be `M`, byte 1 the
/// version 6, byte 2 bit 7 clear; a non-zero native arch (bits 5..2)
/// requires sub-version (bits 1..0) 3; an arch-flags vuint (bit 6) is
/// accepted only for RV32IMC; byte 3 (small-int bits) must not exceed
/// `runtime_small_int_bits`. Any violation is [`MpyError::Incompatible`].
///
/// Body errors: [`MpyError::Truncated`] when input ends early,
/// [`MpyError::NativeCode`] for native/viper/asm raw codes or a native
/// function table, [`MpyError::Malformed`] for impossible values (unknown
/// static qstr, invalid UTF-8, bad number text, bad bytecode prelude,
/// nesting deeper than [`MAX_NESTING`], trailing bytes). Odd-length qstr
/// entries are resolved to their static strings.
pub fn read_mpy_checked(
    data: &[u8],
    runtime_small_int_bits: u8,
) -> Result<CompiledModule, MpyError> {
    read_mpy_with(data, runtime_small_int_bits, static_qstr_str)
}

/// [`read_mpy_checked`] with static qstr ids resolved by `static_str`
/// (a runtime that holds the static qstrs' texts in its own table passes
/// a lookup into it, so the image needs no second copy of them).
pub fn read_mpy_with(
    data: &[u8],
    runtime_small_int_bits: u8,
    static_str: StaticStr,
) -> Result<CompiledModule, MpyError> {
    let mut r = Reader { data, pos: 0, static_str };
    if r.byte()? != MPY_MAGIC || r.byte()? != MPY_VERSION {
        return Err(MpyError::Incompatible);
    }
    let features = r.byte()?;
    let arch = (features >> 2) & 0xf;
    let sub_version = features & 3;
    if features & 0x80 != 0 || (arch != 0 && sub_version != MPY_SUB_VERSION) {
        return Err(MpyError::Incompatible);
    }
    let small_int_bits = r.byte()?;
    if small_int_bits > runtime_small_int_bits {
        return Err(MpyError::Incompatible);
    }
    if features & 0x40 != 0 {
        if arch != MPY_ARCH_RV32IMC {
            return Err(MpyError::Incompatible);
        }
        r.vuint()?;
    }
    let n_qstr = r.count()?;
    let n_obj = r.count()?;
    let mut qstrs = Vec::with_capacity(n_qstr);
    for _ in 0..n_qstr {
        qstrs.push(r.qstr()?);
    }
    let mut consts = Vec::with_capacity(n_obj);
    for _ in 0..n_obj {
        consts.push(r.object(0)?);
    }
    let raw_code = r.raw_code(0)?;
    if r.remaining() != 0 {
        return Err(malformed("trailing data after the module"));
    }
    Ok(CompiledModule {
        qstrs,
        consts,
        raw_code,
        small_int_bits,
    })
}
