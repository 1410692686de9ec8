//! The `struct` module: packing values into bytes and back.
//!
//! Formats: an optional byte-order prefix (`<` little, `>`/`!` big, `=`
//! native order standard sizes, `@` native order, sizes and alignment; the
//! default is `@`) then items `[count]code` with codes
//! `b B h H i I l L q Q f d s P x ?`. As in MicroPython, surplus arguments
//! to `pack` are ignored and missing ones pack as zero; a count before `s`
//! is the string length (padded with zeros / truncated).

use crate::typ::Entry;
use super::args::{buffer_of, int_arg};
use crate::heap::GcVec;
use crate::obj::Obj;
use crate::qstr::q;
use crate::state::Vm;
use crate::typ::{BuiltinFun, ModuleDef, Rom};
use crate::types::bytearray::ByteArrayObj;
use crate::types::int::obj_to_int_val;
use crate::types::strutil::Data;
use crate::PyResult;

/// One parsed format item: `count` repetitions of `code` (for `s`, one
/// string of `count` bytes).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Item {
    /// The type code.
    pub code: u8,
    /// Repeat count (string length for `s`).
    pub count: usize,
}

/// A checked format: byte order, native alignment and the item text,
/// read item by item ([`Format::items`]) without a list.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Format<'a> {
    /// Big-endian values.
    pub big: bool,
    /// `@` mode: native sizes and alignment.
    pub native: bool,
    /// The items' text (after the byte-order prefix).
    rest: &'a [u8],
    /// Total byte size (None on overflow), found by [`parse`].
    size: Option<usize>,
    /// Number of values packed/unpacked, found by [`parse`].
    nvalues: usize,
}

/// Size of one value of `code`; None for an unknown code.
pub fn code_size(code: u8, native: bool) -> Option<usize> {
    // Looked up in a table (0: a machine word) rather than a match.
    const CODES: &[u8; 16] = b"bBxs?hHiIflLqQdP";
    const SIZES: [u8; 16] = [1, 1, 1, 1, 1, 2, 2, 4, 4, 4, 4, 4, 8, 8, 8, 0];
    let i = CODES.iter().position(|&c| c == code)?;
    let word = core::mem::size_of::<usize>();
    Some(match SIZES[i] {
        0 => word,
        _ if native && (code | 0x20) == b'l' => word,
        n => n as usize,
    })
}

/// The items of a format's text, in order; an `Err(())` item for a bad
/// type code or count.
pub struct Items<'a> {
    rest: &'a [u8],
    native: bool,
    i: usize,
}

impl Iterator for Items<'_> {
    type Item = Result<Item, ()>;

    fn next(&mut self) -> Option<Result<Item, ()>> {
        let rest = self.rest;
        while self.i < rest.len() && rest[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
        if self.i >= rest.len() {
            return None;
        }
        let mut count: Option<usize> = None;
        while self.i < rest.len() && rest[self.i].is_ascii_digit() {
            let d = (rest[self.i] - b'0') as usize;
            match count.unwrap_or(0).checked_mul(10).and_then(|c| c.checked_add(d)) {
                Some(c) => count = Some(c),
                None => {
                    self.i = rest.len();
                    return Some(Err(()));
                }
            }
            self.i += 1;
        }
        let Some(&code) = rest.get(self.i) else { return Some(Err(())) };
        self.i += 1;
        if code_size(code, self.native).is_none() {
            self.i = rest.len();
            return Some(Err(()));
        }
        Some(Ok(Item { code, count: count.unwrap_or(1) }))
    }
}

/// Parses a format string; None for a bad type code (or a count without
/// one, or one too large).
pub fn parse(fmt: &[u8]) -> Option<Format<'_>> {
    let (big, native, rest) = match fmt.first() {
        Some(b'<') => (false, false, &fmt[1..]),
        Some(b'>') | Some(b'!') => (true, false, &fmt[1..]),
        Some(b'=') => (cfg!(target_endian = "big"), false, &fmt[1..]),
        Some(b'@') => (cfg!(target_endian = "big"), true, &fmt[1..]),
        _ => (cfg!(target_endian = "big"), true, fmt),
    };
    let mut f = Format { big, native, rest, size: Some(0), nvalues: 0 };
    // One walk checks the items and adds up the size and value count.
    for it in f.items() {
        let it = it.ok()?;
        let sz = code_size(it.code, native)?;
        f.size = f.size.and_then(|mut n| {
            if native && sz > 1 && it.count > 0 && it.code != b's' {
                n = n.checked_add(sz - 1)? / sz * sz;
            }
            n.checked_add(sz.checked_mul(it.count)?)
        });
        let values = match it.code {
            b'x' => 0,
            b's' => 1,
            _ => it.count,
        };
        f.nvalues = f.nvalues.saturating_add(values);
    }
    Some(f)
}

impl<'a> Format<'a> {
    /// The items in order (all `Ok` for a format made by [`parse`]).
    pub fn items(&self) -> Items<'a> {
        Items { rest: self.rest, native: self.native, i: 0 }
    }

    /// Total byte size (None on overflow).
    pub fn size(&self) -> Option<usize> {
        self.size
    }

    /// Number of values packed/unpacked.
    pub fn nvalues(&self) -> usize {
        self.nvalues
    }
}

/// The format argument's bytes: pinned for str and bytes; other buffers
/// are copied into `holder` (their bytes could change).
fn fmt_bytes<'a>(vm: &mut Vm, o: Obj, holder: &'a mut GcVec<u8>) -> PyResult<&'a [u8]> {
    match crate::types::strutil::get_buffer(vm, o)? {
        Some(Data::Pinned(b)) => Ok(b),
        Some(Data::Copy(v)) => {
            *holder = v;
            Ok(holder.as_slice())
        }
        None => Err(super::args::str_required(vm)),
    }
}

/// The format argument parsed, and its total size.
///
/// Errors: `TypeError` (not a buffer), `ValueError: bad typecode`,
/// `MemoryError` (a size beyond memory).
fn parse_fmt<'a>(vm: &mut Vm, o: Obj, holder: &'a mut GcVec<u8>) -> PyResult<(Format<'a>, usize)> {
    let b = fmt_bytes(vm, o, holder)?;
    let Some(f) = parse(b) else { return Err(vm.value_error(msg!("bad typecode"))) };
    match f.size() {
        Some(n) => Ok((f, n)),
        None => Err(vm.memory_error()),
    }
}

/// One value's place in packed data: its type code, byte offset and byte
/// length (for `s`, the whole string).
type Slot = (u8, usize, usize);

/// The value slots of a format in order (`x` padding skipped), aligned
/// in `@` mode: the one walk `pack` and `unpack` share.
struct Slots<'a> {
    items: Items<'a>,
    native: bool,
    pos: usize,
    /// The current item's code, value size and values left.
    code: u8,
    sz: usize,
    left: usize,
}

impl Iterator for Slots<'_> {
    type Item = Slot;

    fn next(&mut self) -> Option<Slot> {
        loop {
            if self.left == 0 {
                let it = self.items.next()?.ok()?;
                let sz = code_size(it.code, self.native).unwrap_or(1);
                if self.native && sz > 1 && it.count > 0 && it.code != b's' {
                    self.pos = self.pos.div_ceil(sz) * sz;
                }
                if it.code == b's' {
                    let p = self.pos;
                    self.pos += it.count;
                    return Some((b's', p, it.count));
                }
                (self.code, self.sz, self.left) = (it.code, sz, it.count);
                continue;
            }
            self.left -= 1;
            let p = self.pos;
            self.pos += self.sz;
            if self.code != b'x' {
                return Some((self.code, p, self.sz));
            }
        }
    }
}

impl Format<'_> {
    fn slots(&self) -> Slots<'_> {
        Slots { items: self.items(), native: self.native, pos: 0, code: 0, sz: 0, left: 0 }
    }
}

fn put_int(out: &mut [u8], mut v: u64, big: bool) {
    let n = out.len();
    for k in 0..n {
        out[if big { n - 1 - k } else { k }] = v as u8;
        v >>= 8;
    }
}

/// The integer in `data` (sign-extended from its top bit if `signed`).
fn get_int(data: &[u8], big: bool, signed: bool) -> u64 {
    let n = data.len();
    let mut v: u64 = 0;
    for k in 0..n {
        let b = if big { data[k] } else { data[n - 1 - k] };
        if k == 0 && signed && b & 0x80 != 0 {
            v = u64::MAX;
        }
        v = (v << 8) | b as u64;
    }
    v
}

/// Packs `args` by `f` into `out` (exactly `f.size()` bytes, zeroed).
fn pack_values(vm: &mut Vm, f: &Format<'_>, args: &[Obj], out: &mut [u8]) -> PyResult<()> {
    for ((code, pos, len), &a) in f.slots().zip(args) {
        let dst = out.get_mut(pos..pos + len).unwrap_or(&mut []);
        let bits: u64 = match code {
            b's' => {
                let Some(src) = buffer_of(&vm.qstrs, &vm.heap, a) else {
                    return Err(super::args::buffer_error(vm));
                };
                let k = src.len().min(dst.len());
                dst[..k].copy_from_slice(&src[..k]);
                continue;
            }
            // (Without floats, as official's, `f` and `d` hold ints.)
            #[cfg(feature = "float")]
            b'f' => {
                let v = super::args::float_arg(vm, a)?;
                crate::flt::to_f32(v).to_bits() as u64
            }
            #[cfg(feature = "float")]
            b'd' => crate::flt::to_f64(super::args::float_arg(vm, a)?).to_bits(),
            b'?' => vm.is_true(a)? as u64,
            _ => {
                #[cfg(feature = "float")]
                if vm.float_of(a).is_some() {
                    return Err(vm.type_error(msg!("can't convert float to int")));
                }
                // Two's complement truncation to 64 bits.
                obj_to_int_val(vm, a)?.to_u64_wrapping()
            }
        };
        put_int(dst, bits, f.big);
    }
    Ok(())
}

/// Unpacks `data` (at least `f.size()` bytes, not in the heap or pinned)
/// into a tuple.
///
/// Errors: `MemoryError`.
fn unpack_values(vm: &mut Vm, f: &Format<'_>, data: &[u8]) -> PyResult<Obj> {
    let mut items: GcVec<Obj> = vm.new_vec(f.nvalues())?;
    let r = (|| {
        for (code, pos, len) in f.slots() {
            let chunk = data.get(pos..pos + len).unwrap_or(&[]);
            let signed = matches!(code, b'b' | b'h' | b'i' | b'l' | b'q');
            let v = if code == b's' { 0 } else { get_int(chunk, f.big, signed) };
            let o = match code {
                b's' => vm.new_bytes(chunk)?,
                #[cfg(feature = "float")]
                b'f' => vm.new_float(crate::flt::from_f32(f32::from_bits(v as u32)))?,
                #[cfg(feature = "float")]
                b'd' => vm.new_float(crate::flt::from_f64(f64::from_bits(v)))?,
                b'?' => Obj::bool(v != 0),
                _ if signed => vm.new_int(v as i64)?,
                _ => vm.new_int_i128(v as i128)?,
            };
            vm.vec_push_local(&mut items, o)?;
        }
        vm.new_tuple(items.as_slice())
    })();
    vm.heap.free_vec(items);
    r
}

fn calcsize(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let a = &[a0];
    let mut holder = GcVec::new();
    let (_, n) = parse_fmt(vm, a[0], &mut holder)?;
    vm.new_int(n as i64)
}

/// Packs into a zeroed buffer of `n` bytes (the stack when small, else a
/// temporary heap buffer) and passes it to `done`.
fn with_packed(
    vm: &mut Vm,
    f: &Format<'_>,
    n: usize,
    args: &[Obj],
    done: &mut dyn FnMut(&mut Vm, &[u8]) -> PyResult<Obj>,
) -> PyResult<Obj> {
    if n <= 64 {
        let mut out = [0u8; 64];
        pack_values(vm, f, args, &mut out[..n])?;
        return done(vm, &out[..n]);
    }
    let mut tmp: GcVec<u8> = vm.new_vec(n)?;
    tmp.resize_within_capacity(n, 0);
    let r = match pack_values(vm, f, args, tmp.as_mut_slice()) {
        Ok(()) => done(vm, tmp.as_slice()),
        Err(e) => Err(e),
    };
    vm.heap.free_vec(tmp);
    r
}

fn pack(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let mut holder = GcVec::new();
    let (f, n) = parse_fmt(vm, a[0], &mut holder)?;
    with_packed(vm, &f, n, &a[1..], &mut |vm, b| vm.new_bytes(b))
}

/// Where `n` packed bytes go in a buffer of `len` bytes: at `off` (from
/// the end when negative).
///
/// Errors: `ValueError: buffer too small`.
fn place(vm: &mut Vm, off: i64, n: usize, len: usize) -> PyResult<usize> {
    let start = if off < 0 { off + len as i64 } else { off };
    if start < 0 || (start as u64).saturating_add(n as u64) > len as u64 {
        return Err(vm.value_error(msg!("buffer too small")));
    }
    Ok(start as usize)
}

fn pack_into(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let mut holder = GcVec::new();
    let (f, n) = parse_fmt(vm, a[0], &mut holder)?;
    let buf = a[1];
    let off = int_arg(vm, a[2])?;
    let Some(len) = vm.heap.get::<ByteArrayObj>(buf).map(|b| b.data.len()) else {
        return Err(super::args::buffer_error(vm));
    };
    let start = place(vm, off, n, len)?;
    with_packed(vm, &f, n, &a[3..], &mut |vm, b| {
        if let Some(dst) = vm.heap.get_mut::<ByteArrayObj>(buf).and_then(|x| x.data.as_mut_slice().get_mut(start..start + n)) {
            dst.copy_from_slice(b);
        }
        Ok(Obj::NONE)
    })
}

fn unpack_common(vm: &mut Vm, fmt: Obj, data: Obj, off: Option<Obj>) -> PyResult<Obj> {
    let mut holder = GcVec::new();
    let (f, n) = parse_fmt(vm, fmt, &mut holder)?;
    let Some(len) = buffer_of(&vm.qstrs, &vm.heap, data).map(|b| b.len()) else {
        return Err(super::args::buffer_error(vm));
    };
    let off = match off {
        Some(o) => int_arg(vm, o)?,
        None => 0,
    };
    let start = place(vm, off, n, len)?;
    if let Some(b) = vm.heap.str_bytes_pinned(data) {
        return unpack_values(vm, &f, &b[start..]);
    }
    // A buffer that can change: copy the bytes used first.
    let mut tmp: GcVec<u8> = vm.new_vec(n)?;
    if let Some(b) = buffer_of(&vm.qstrs, &vm.heap, data).and_then(|b| b.get(start..start + n)) {
        tmp.extend_within_capacity(b);
    }
    let r = unpack_values(vm, &f, tmp.as_slice());
    vm.heap.free_vec(tmp);
    r
}

/// `unpack(fmt, data)` and `unpack_from(fmt, data[, offset])`.
fn unpack_from(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    unpack_common(vm, a[0], a[1], a.get(2).copied())
}

static CALCSIZE: BuiltinFun = BuiltinFun::new1(q::calcsize, calcsize);
static PACK: BuiltinFun = BuiltinFun::new(q::pack, 1, u16::MAX, pack);
static PACK_INTO: BuiltinFun = BuiltinFun::new(q::pack_into, 3, u16::MAX, pack_into);
static UNPACK: BuiltinFun = BuiltinFun::new(q::unpack, 2, 2, unpack_from);
static UNPACK_FROM: BuiltinFun = BuiltinFun::new(q::unpack_from, 2, 3, unpack_from);

static LOCALS: [Entry; 6] = [
    Entry::new(q::__name__, Rom::Str(q::r#struct)),
    Entry::new(q::calcsize, Rom::Fun(&CALCSIZE)),
    Entry::new(q::pack, Rom::Fun(&PACK)),
    Entry::new(q::pack_into, Rom::Fun(&PACK_INTO)),
    Entry::new(q::unpack, Rom::Fun(&UNPACK)),
    Entry::new(q::unpack_from, Rom::Fun(&UNPACK_FROM)),
];

/// The `struct` module.
pub static STRUCT_MODULE: ModuleDef = ModuleDef::new(q::r#struct, &LOCALS);

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
        assert_eq!(parse(b"<2hx").unwrap().items().flatten().collect::<alloc::vec::Vec<_>>(), [Item { code: b'h', count: 2 }, Item { code: b'x', count: 1 }]);
        assert!(parse(b"<5").is_none());
        assert_eq!(parse(b"99999999999999999999999b"), None);
    }

    #[test]
    fn code_sizes() {
        let word = core::mem::size_of::<usize>();
        for c in 0..=255u8 {
            for native in [false, true] {
                let want = match c {
                    b'b' | b'B' | b'x' | b's' | b'?' => Some(1),
                    b'h' | b'H' => Some(2),
                    b'i' | b'I' | b'f' => Some(4),
                    b'l' | b'L' => Some(if native { word } else { 4 }),
                    b'q' | b'Q' | b'd' => Some(8),
                    b'P' => Some(word),
                    _ => None,
                };
                assert_eq!(code_size(c, native), want, "{c} {native}");
            }
        }
    }

    #[test]
    fn int_bytes() {
        let mut o = [0u8; 2];
        put_int(&mut o, 258, true);
        assert_eq!(o, [1, 2]);
        assert_eq!(get_int(&o, true, false), 258);
        assert_eq!(get_int(&o, false, false), 513);
        assert_eq!(get_int(&[0xfe, 0xff], false, true) as i64, -2);
        let f = parse(b"@b2xhs3sx?").unwrap();
        assert_eq!(f.slots().collect::<alloc::vec::Vec<_>>(), [(b'b', 0, 1), (b'h', 4, 2), (b's', 6, 1), (b's', 7, 3), (b'?', 11, 1)]);
    }
}
