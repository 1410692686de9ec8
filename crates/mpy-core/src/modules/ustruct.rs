//! The `struct` module: packing values into bytes and back.
//!
//! Formats: an optional byte-order prefix (`<` little, `>`/`!` big, `=`
//! native order standard sizes, `@` native order, sizes and alignment; the
//! default is `@`) then items `[count]code` with codes
//! `b B h H i I l L q Q f d s P x ?`. As in MicroPython, surplus arguments
//! to `pack` are ignored and missing ones pack as zero; a count before `s`
//! is the string length (padded with zeros / truncated).

use super::args::int_arg;
use crate::obj::Obj;
use crate::objdata::ObjData;
use crate::qstr::{q, Qstr};
use crate::state::Vm;
use crate::typ::{BuiltinFun, ModuleDef, Rom};
use crate::types::int::obj_to_bigint;
use crate::types::strutil::{buffer_ref, get_buffer};
use crate::PyResult;
use alloc::vec::Vec;
use num_bigint::BigInt;
use num_traits::ToPrimitive;

/// One parsed format item: `count` repetitions of `code` (for `s`, one
/// string of `count` bytes).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Item {
    /// The type code.
    pub code: u8,
    /// Repeat count (string length for `s`).
    pub count: usize,
}

/// A parsed format: byte order, native alignment and items.
#[derive(Debug, PartialEq)]
pub struct Format {
    /// Big-endian values.
    pub big: bool,
    /// `@` mode: native sizes and alignment.
    pub native: bool,
    /// The items in order.
    pub items: Vec<Item>,
}

/// Size of one value of `code`; None for an unknown code.
pub fn code_size(code: u8, native: bool) -> Option<usize> {
    let word = core::mem::size_of::<usize>();
    Some(match code {
        b'b' | b'B' | b'x' | b's' | b'?' => 1,
        b'h' | b'H' => 2,
        b'i' | b'I' | b'f' => 4,
        b'l' | b'L' => {
            if native {
                word
            } else {
                4
            }
        }
        b'q' | b'Q' | b'd' => 8,
        b'P' => word,
        _ => return None,
    })
}

/// Parses a format string. Errors: `None` for a bad type code.
pub fn parse(fmt: &[u8]) -> Option<Format> {
    let (big, native, rest) = match fmt.first() {
        Some(b'<') => (false, false, &fmt[1..]),
        Some(b'>') | Some(b'!') => (true, false, &fmt[1..]),
        Some(b'=') => (cfg!(target_endian = "big"), false, &fmt[1..]),
        Some(b'@') => (cfg!(target_endian = "big"), true, &fmt[1..]),
        _ => (cfg!(target_endian = "big"), true, fmt),
    };
    let mut items = Vec::new();
    let mut i = 0;
    while i < rest.len() {
        let c = rest[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let mut count: Option<usize> = None;
        while i < rest.len() && rest[i].is_ascii_digit() {
            let d = (rest[i] - b'0') as usize;
            count = Some(count.unwrap_or(0).checked_mul(10)?.checked_add(d)?);
            i += 1;
        }
        let code = *rest.get(i)?;
        code_size(code, native)?;
        items.push(Item { code, count: count.unwrap_or(1) });
        i += 1;
    }
    Some(Format { big, native, items })
}

impl Format {
    /// Total byte size (None on overflow).
    pub fn size(&self) -> Option<usize> {
        let mut n: usize = 0;
        for it in &self.items {
            let sz = code_size(it.code, self.native)?;
            if self.native && sz > 1 && it.count > 0 && it.code != b's' {
                n = n.checked_add(sz - 1)? / sz * sz;
            }
            n = n.checked_add(sz.checked_mul(it.count)?)?;
        }
        Some(n)
    }

    /// Number of values packed/unpacked.
    pub fn nvalues(&self) -> usize {
        self.items
            .iter()
            .map(|it| match it.code {
                b'x' => 0,
                b's' => 1,
                _ => it.count,
            })
            .fold(0usize, |a, b| a.saturating_add(b))
    }
}

fn parse_fmt(vm: &mut Vm, o: Obj) -> PyResult<Format> {
    let f = match buffer_ref(vm, o) {
        Some(b) => parse(b),
        None => return Err(vm.type_error("can't convert to str implicitly")),
    };
    match f {
        Some(f) => Ok(f),
        None => Err(vm.value_error("bad typecode")),
    }
}

fn fmt_size(vm: &mut Vm, f: &Format) -> PyResult<usize> {
    match f.size() {
        Some(n) => Ok(n),
        None => Err(vm.memory_error()),
    }
}

fn put_int(out: &mut [u8], v: u64, big: bool) {
    let n = out.len();
    for (k, b) in out.iter_mut().enumerate() {
        let shift = if big { n - 1 - k } else { k } * 8;
        *b = if shift < 64 { (v >> shift) as u8 } else { 0 };
    }
}

fn get_int(data: &[u8], big: bool) -> u64 {
    let mut v: u64 = 0;
    for k in 0..data.len() {
        let b = if big { data[k] } else { data[data.len() - 1 - k] };
        v = (v << 8) | b as u64;
    }
    v
}

/// Packs `args` by `f` into `out` (exactly `f.size()` bytes).
fn pack_values(vm: &mut Vm, f: &Format, args: &[Obj], out: &mut [u8]) -> PyResult<()> {
    let mut pos = 0usize;
    let mut ai = 0usize;
    for it in &f.items {
        let sz = code_size(it.code, f.native).unwrap_or(1);
        if f.native && sz > 1 && it.count > 0 && it.code != b's' {
            pos = pos.div_ceil(sz) * sz;
        }
        if it.code == b's' {
            let arg = args.get(ai).copied();
            ai += 1;
            let src = match arg {
                Some(a) => match get_buffer(vm, a) {
                    Some(b) => b,
                    None => return Err(vm.type_error("object with buffer protocol required")),
                },
                None => Vec::new(),
            };
            let dst = &mut out[pos..pos + it.count];
            for (k, d) in dst.iter_mut().enumerate() {
                *d = src.get(k).copied().unwrap_or(0);
            }
            pos += it.count;
            continue;
        }
        for _ in 0..it.count {
            let dst_range = pos..pos + sz;
            pos += sz;
            if it.code == b'x' {
                continue;
            }
            let arg = args.get(ai).copied();
            ai += 1;
            let Some(a) = arg else { continue };
            let bits: u64 = match it.code {
                b'f' => {
                    let v = super::args::float_arg(vm, a)? as f32;
                    v.to_bits() as u64
                }
                b'd' => super::args::float_arg(vm, a)?.to_bits(),
                b'?' => vm.is_true(a)? as u64,
                _ => {
                    if vm.float_of(a).is_some() {
                        return Err(vm.type_error("can't convert float to int"));
                    }
                    let b = obj_to_bigint(vm, a)?;
                    // Two's complement truncation to 64 bits.
                    let m = b & BigInt::from(u64::MAX);
                    m.to_u64().unwrap_or(0)
                }
            };
            put_int(&mut out[dst_range], bits, f.big);
        }
    }
    Ok(())
}

/// Unpacks `data` (at least `f.size()` bytes) into a tuple.
fn unpack_values(vm: &mut Vm, f: &Format, data: &[u8]) -> PyResult<Obj> {
    let mut items: Vec<Obj> = Vec::new();
    let mut pos = 0usize;
    let base = vm.roots.len();
    let r = (|| {
        for it in &f.items {
            let sz = code_size(it.code, f.native).unwrap_or(1);
            if f.native && sz > 1 && it.count > 0 && it.code != b's' {
                pos = pos.div_ceil(sz) * sz;
            }
            if it.code == b's' {
                let o = vm.new_bytes(&data[pos..pos + it.count])?;
                vm.roots.push(o);
                items.push(o);
                pos += it.count;
                continue;
            }
            for _ in 0..it.count {
                let chunk = &data[pos..pos + sz];
                pos += sz;
                let v = get_int(chunk, f.big);
                let signed = |v: u64| -> i64 {
                    let shift = 64 - 8 * sz as u32;
                    ((v << shift) as i64) >> shift
                };
                let o = match it.code {
                    b'x' => continue,
                    b'f' => vm.new_float(f32::from_bits(v as u32) as f64)?,
                    b'd' => vm.new_float(f64::from_bits(v))?,
                    b'?' => Obj::bool(v != 0),
                    b'b' | b'h' | b'i' | b'l' | b'q' => vm.new_int(signed(v))?,
                    _ => {
                        if v <= i64::MAX as u64 {
                            vm.new_int(v as i64)?
                        } else {
                            vm.new_bigint(BigInt::from(v))?
                        }
                    }
                };
                vm.roots.push(o);
                items.push(o);
            }
        }
        vm.new_tuple(&items)
    })();
    vm.roots.truncate(base);
    r
}

fn calcsize(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let f = parse_fmt(vm, a[0])?;
    let n = fmt_size(vm, &f)?;
    vm.new_int(n as i64)
}

fn pack(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let f = parse_fmt(vm, a[0])?;
    let n = fmt_size(vm, &f)?;
    vm.make_room(n)?;
    let mut out = Vec::new();
    if out.try_reserve_exact(n).is_err() {
        return Err(vm.memory_error());
    }
    out.resize(n, 0u8);
    pack_values(vm, &f, &a[1..], &mut out)?;
    vm.new_bytes(&out)
}

fn pack_into(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let f = parse_fmt(vm, a[0])?;
    let n = fmt_size(vm, &f)?;
    let buf = a[1];
    let off = int_arg(vm, a[2])?;
    let len = match vm.get(buf) {
        Some(ObjData::ByteArray(b)) => b.len(),
        _ => return Err(vm.type_error("object with buffer protocol required")),
    };
    let start = if off < 0 { off + len as i64 } else { off };
    if start < 0 || (start as u64).saturating_add(n as u64) > len as u64 {
        return Err(vm.value_error("buffer too small"));
    }
    let start = start as usize;
    let mut out = alloc::vec![0u8; n];
    pack_values(vm, &f, &a[3..], &mut out)?;
    if let Some(ObjData::ByteArray(b)) = vm.get_mut(buf) {
        if let Some(dst) = b.get_mut(start..start + n) {
            dst.copy_from_slice(&out);
        }
    }
    Ok(Obj::NONE)
}

fn unpack_common(vm: &mut Vm, fmt: Obj, data: Obj, off: Option<Obj>) -> PyResult<Obj> {
    let f = parse_fmt(vm, fmt)?;
    let n = fmt_size(vm, &f)?;
    let Some(bytes) = get_buffer(vm, data) else {
        return Err(vm.type_error("object with buffer protocol required"));
    };
    let mut start = 0usize;
    if let Some(o) = off {
        let v = int_arg(vm, o)?;
        let v = if v < 0 { v + bytes.len() as i64 } else { v };
        if v < 0 || v as u64 > bytes.len() as u64 {
            return Err(vm.value_error("buffer too small"));
        }
        start = v as usize;
    }
    let avail = bytes.len() - start;
    if avail < n {
        return Err(vm.value_error("buffer too small"));
    }
    unpack_values(vm, &f, &bytes[start..])
}

fn unpack(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    unpack_common(vm, a[0], a[1], None)
}

fn unpack_from(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    unpack_common(vm, a[0], a[1], a.get(2).copied())
}

static CALCSIZE: BuiltinFun = BuiltinFun::new(q::calcsize, 1, 1, calcsize);
static PACK: BuiltinFun = BuiltinFun::new(q::pack, 1, u16::MAX, pack);
static PACK_INTO: BuiltinFun = BuiltinFun::new(q::pack_into, 3, u16::MAX, pack_into);
static UNPACK: BuiltinFun = BuiltinFun::new(q::unpack, 2, 2, unpack);
static UNPACK_FROM: BuiltinFun = BuiltinFun::new(q::unpack_from, 2, 3, unpack_from);

static LOCALS: [(Qstr, Rom); 6] = [
    (q::__name__, Rom::Str(q::r#struct)),
    (q::calcsize, Rom::Fun(&CALCSIZE)),
    (q::pack, Rom::Fun(&PACK)),
    (q::pack_into, Rom::Fun(&PACK_INTO)),
    (q::unpack, Rom::Fun(&UNPACK)),
    (q::unpack_from, Rom::Fun(&UNPACK_FROM)),
];

/// The `struct` module.
pub static STRUCT_MODULE: ModuleDef = ModuleDef { name: q::r#struct, locals: &LOCALS, init: None };

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_size() {
        let f = parse(b"<iiH").unwrap();
        assert_eq!(f.size(), Some(10));
        assert_eq!(parse(b"<2H").unwrap().nvalues(), 2);
        assert_eq!(parse(b"@bi").unwrap().size(), Some(8));
        assert_eq!(parse(b"<bi").unwrap().size(), Some(5));
        assert_eq!(parse(b"3s").unwrap().nvalues(), 1);
        assert!(parse(b"<Z").is_none());
        assert!(parse(b"<5").is_none());
        assert_eq!(parse(b"99999999999999999999999b"), None);
    }

    #[test]
    fn int_bytes() {
        let mut o = [0u8; 2];
        put_int(&mut o, 258, true);
        assert_eq!(o, [1, 2]);
        assert_eq!(get_int(&o, true), 258);
        assert_eq!(get_int(&o, false), 513);
    }
}
