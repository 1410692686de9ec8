//! Helpers shared by `str`, `bytes`, `bytearray` and `memoryview`: the
//! buffer protocol, argument conversion, slice indices, reprs, building
//! results without losing temporaries to the gc, and the sequence iterator.
//!
//! # Buffer protocol
//!
//! Code anywhere in the runtime reads the bytes of a bytes-like object
//! with one of:
//! - [`buffer_ref`]`(vm, o) -> Option<&[u8]>`: a borrow (no copy) valid
//!   until the next `&mut Vm` use;
//! - [`with_buffer`]`(vm, o, |b| ...)`: the same as a callback;
//! - [`get_buffer`]`(vm, o) -> Option<Vec<u8>>`: a copy, safe to keep
//!   across calls that may run Python code or collect;
//! - [`get_bytes_like`]: like `get_buffer` but rejecting `str`.
//!
//! They accept `bytes`, `bytearray`, `memoryview` (its window), `str` (its
//! UTF-8, as MicroPython's str exports a buffer) and any `NativeObj` whose
//! `buffer()` returns Some (e.g. an `array`); writable natives also
//! implement `buffer_mut()` so memoryviews over them can assign.

use crate::obj::Obj;
use crate::objdata::{NativeObj, ObjData};
use crate::qstr::q;
use crate::state::Vm;
use crate::typ::{flags, TypeObj};
use crate::types::exception::NOT_IMPLEMENTED_ERROR_TYPE;
use crate::PyResult;
use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::any::Any;
use core::fmt::Write;

/// Which of the byte-sequence types an object is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    /// `str` (UTF-8 text; positions are code points).
    Str,
    /// `bytes`.
    Bytes,
    /// `bytearray`.
    ByteArray,
}

impl Kind {
    /// The kind of a str/bytes/bytearray object (None for anything else;
    /// instances of subclasses count as their native base).
    pub fn of(vm: &Vm, o: Obj) -> Option<Kind> {
        if o.as_qstr().is_some() {
            return Some(Kind::Str);
        }
        match vm.heap.get(o)? {
            ObjData::Str(_) => Some(Kind::Str),
            ObjData::Bytes(_) => Some(Kind::Bytes),
            ObjData::ByteArray(_) => Some(Kind::ByteArray),
            ObjData::Instance(i) if !i.native.is_null() => Kind::of(vm, i.native),
            _ => None,
        }
    }
}

/// The contents of a str (UTF-8), bytes or bytearray object, copied, with
/// its kind. None for other objects.
pub fn seq_data(vm: &Vm, o: Obj) -> Option<(Kind, Vec<u8>)> {
    let k = Kind::of(vm, o)?;
    let d = with_buffer(vm, o, |b| b.to_vec())?;
    Some((k, d))
}

/// The buffer protocol (read side): calls `f` with the bytes of a `bytes`,
/// `bytearray`, `memoryview` (its window), `str` (UTF-8 bytes, as
/// MicroPython's str exports a buffer) or a native object whose
/// [`NativeObj::buffer`] returns Some. Returns None if `o` has no buffer.
/// The borrow ends before returning, so `f` must not (and cannot) touch the
/// VM.
pub fn with_buffer<R>(vm: &Vm, o: Obj, f: impl FnOnce(&[u8]) -> R) -> Option<R> {
    buffer_ref(vm, o).map(f)
}

/// The buffer protocol as a borrow: the bytes [`with_buffer`] would pass.
pub fn buffer_ref(vm: &Vm, o: Obj) -> Option<&[u8]> {
    if let Some(q) = o.as_qstr() {
        return Some(vm.qstrs.str(q).as_bytes());
    }
    match vm.heap.get(o)? {
        ObjData::Str(s) => Some(s.s.as_bytes()),
        ObjData::Bytes(b) => Some(b),
        ObjData::ByteArray(b) => Some(b),
        ObjData::Instance(i) if !i.native.is_null() => buffer_ref(vm, i.native),
        ObjData::Native(n) => {
            if let Some(mv) = n.as_any().downcast_ref::<super::memoryview::MemView>() {
                let (base, start, len) = (mv.base, mv.start, mv.len);
                if base == o {
                    return None;
                }
                let b = buffer_ref(vm, base)?;
                let end = start.saturating_add(len).min(b.len());
                return b.get(start.min(end)..end);
            }
            n.buffer()
        }
        _ => None,
    }
}

/// The buffer protocol, copying: the bytes of any object [`with_buffer`]
/// accepts, or None. This is what other modules (e.g. `struct`, files,
/// `hashlib`) use to read bytes-like arguments.
pub fn get_buffer(vm: &Vm, o: Obj) -> Option<Vec<u8>> {
    with_buffer(vm, o, |b| b.to_vec())
}

/// Like [`get_buffer`] but excluding `str` (for APIs that want bytes-like
/// objects only).
pub fn get_bytes_like(vm: &Vm, o: Obj) -> Option<Vec<u8>> {
    if vm.str_of(o).is_some() {
        return None;
    }
    get_buffer(vm, o)
}

/// Converts an integer argument (int, bool) to `isize`.
///
/// Errors: `OverflowError: overflow converting long int to machine word`
/// for big ints, `TypeError: can't convert float to int` otherwise.
pub fn int_arg(vm: &mut Vm, o: Obj) -> PyResult<isize> {
    if let Some(i) = o.as_small_int() {
        return Ok(i);
    }
    match o {
        Obj::TRUE => return Ok(1),
        Obj::FALSE => return Ok(0),
        _ => {}
    }
    match vm.heap.get(o) {
        Some(ObjData::Int(b)) => {
            use num_traits::ToPrimitive;
            match b.to_isize() {
                Some(v) => Ok(v),
                None => Err(vm.overflow_error("overflow converting long int to machine word")),
            }
        }
        Some(ObjData::Instance(i)) if !i.native.is_null() => {
            let n = i.native;
            int_arg(vm, n)
        }
        _ => {
            let msg = format!("can't convert {} to int", vm.type_name(o));
            Err(vm.type_error(&msg))
        }
    }
}

/// Is `o` an int (small, big or bool)?
pub fn is_int(vm: &Vm, o: Obj) -> bool {
    o.is_small_int() || o.is_bool() || matches!(vm.heap.get(o), Some(ObjData::Int(_)))
}

/// `(start, stop, step)` of a slice object applied to a sequence of `len`
/// items, normalised as CPython's `slice.indices`; None if `o` is not a
/// slice.
///
/// Errors: `ValueError: slice step cannot be zero`, argument conversion.
pub fn slice_indices(vm: &mut Vm, o: Obj, len: usize) -> PyResult<Option<(isize, isize, isize)>> {
    let (a, b, c) = match vm.heap.get(o) {
        Some(ObjData::Slice(a, b, c)) => (*a, *b, *c),
        _ => return Ok(None),
    };
    let len = len as isize;
    let step = if c == Obj::NONE || c.is_null() { 1 } else { int_arg(vm, c)? };
    if step == 0 {
        return Err(vm.value_error("slice step cannot be zero"));
    }
    let conv = |vm: &mut Vm, x: Obj, dflt: isize| -> PyResult<isize> {
        if x == Obj::NONE || x.is_null() {
            return Ok(dflt);
        }
        let v = match int_arg(vm, x) {
            Ok(v) => v,
            Err(e) => {
                // Huge bounds clamp rather than fail.
                if matches!(vm.heap.get(x), Some(ObjData::Int(_))) {
                    use num_traits::Signed;
                    let neg = matches!(vm.heap.get(x), Some(ObjData::Int(b)) if b.is_negative());
                    if neg { isize::MIN / 2 } else { isize::MAX / 2 }
                } else {
                    return Err(e);
                }
            }
        };
        Ok(v)
    };
    let (lo, hi) = if step < 0 { (-1, len - 1) } else { (0, len) };
    let fix = |v: isize| -> isize {
        if v < 0 {
            (v + len).max(lo)
        } else {
            v.min(hi)
        }
    };
    let start = if a == Obj::NONE || a.is_null() {
        if step < 0 { hi } else { lo }
    } else {
        fix(conv(vm, a, 0)?)
    };
    let stop = if b == Obj::NONE || b.is_null() {
        if step < 0 { lo } else { hi }
    } else {
        fix(conv(vm, b, 0)?)
    };
    Ok(Some((start, stop, step)))
}

/// The positions selected by normalised slice indices.
pub fn slice_positions(start: isize, stop: isize, step: isize) -> impl Iterator<Item = usize> {
    let mut i = start;
    core::iter::from_fn(move || {
        if (step > 0 && i < stop) || (step < 0 && i > stop) {
            let r = i as usize;
            i += step;
            Some(r)
        } else {
            None
        }
    })
}

/// Number of items selected by normalised slice indices.
pub fn slice_len(start: isize, stop: isize, step: isize) -> usize {
    if step > 0 && stop > start {
        ((stop - start - 1) / step + 1) as usize
    } else if step < 0 && start > stop {
        ((start - stop - 1) / (-step) + 1) as usize
    } else {
        0
    }
}

/// Normalises a sequence index (negative counts from the end).
///
/// Errors: `IndexError: <what> index out of range`.
pub fn seq_index(vm: &mut Vm, idx: isize, len: usize, what: &str) -> PyResult<usize> {
    let i = if idx < 0 { idx + len as isize } else { idx };
    if i < 0 || i as usize >= len {
        let msg = format!("{what} index out of range");
        return Err(vm.index_error(&msg));
    }
    Ok(i as usize)
}

/// `NotImplementedError(msg)`.
pub fn not_implemented(vm: &mut Vm, msg: &str) -> crate::PyErr {
    vm.error(&NOT_IMPLEMENTED_ERROR_TYPE, msg)
}

/// Ensures `n` bytes can be allocated before building a Rust buffer of
/// that size (so huge results raise `MemoryError` instead of aborting).
pub fn reserve(vm: &mut Vm, n: usize) -> PyResult<()> {
    vm.make_room(n.saturating_add(crate::heap::SLOT_BYTES))
}

/// A new object of `kind` holding `b` (for `Str`, `b` must be UTF-8; an
/// invalid sequence raises `UnicodeError`).
pub fn new_of_kind(vm: &mut Vm, kind: Kind, b: &[u8]) -> PyResult<Obj> {
    match kind {
        Kind::Str => match core::str::from_utf8(b) {
            Ok(s) => vm.new_str(s),
            Err(_) => Err(vm.error_noargs(&crate::types::exception::UNICODE_ERROR_TYPE)),
        },
        Kind::Bytes => vm.new_bytes(b),
        Kind::ByteArray => vm.alloc(ObjData::ByteArray(b.to_vec())),
    }
}

/// Like [`new_of_kind`] but taking ownership of the buffer, which a new
/// str/bytes/bytearray keeps without copying (a buffer with spare
/// capacity is shrunk for str and bytes: build it with the exact
/// capacity where possible).
pub fn new_of_kind_vec(vm: &mut Vm, kind: Kind, b: Vec<u8>) -> PyResult<Obj> {
    match kind {
        Kind::Str => vm.new_str_from_utf8(b),
        Kind::Bytes => vm.alloc(ObjData::Bytes(b.into_boxed_slice())),
        Kind::ByteArray => vm.alloc(ObjData::ByteArray(b)),
    }
}

/// The kind and bytes of a str, bytes or bytearray object (or a subclass
/// instance of one); None for anything else (including memoryviews).
#[inline]
pub fn kind_and_buffer(vm: &Vm, o: Obj) -> Option<(Kind, &[u8])> {
    if let Some(q) = o.as_qstr() {
        return Some((Kind::Str, vm.qstrs.str(q).as_bytes()));
    }
    match vm.heap.get(o)? {
        ObjData::Str(s) => Some((Kind::Str, s.s.as_bytes())),
        ObjData::Bytes(b) => Some((Kind::Bytes, b)),
        ObjData::ByteArray(b) => Some((Kind::ByteArray, b)),
        ObjData::Instance(i) if !i.native.is_null() => kind_and_buffer(vm, i.native),
        _ => None,
    }
}

/// A list of new objects of `kind`, one per part. Items are kept on
/// `vm.roots` while the rest are allocated.
pub fn new_list_of(vm: &mut Vm, kind: Kind, parts: &[&[u8]]) -> PyResult<Obj> {
    let base = vm.roots.len();
    let r = (|| {
        for p in parts {
            let o = new_of_kind(vm, kind, p)?;
            vm.roots.push(o);
        }
        list_from_roots(vm, base)
    })();
    vm.roots.truncate(base);
    r
}

/// The byte range `(start, end)` of `part` within `s` (`part` must be a
/// subslice of `s`, as the splitting helpers return).
pub fn range_in(s: &[u8], part: &[u8]) -> (usize, usize) {
    let a = (part.as_ptr() as usize).wrapping_sub(s.as_ptr() as usize).min(s.len());
    (a, a + part.len().min(s.len() - a))
}

/// A new object of `kind` holding bytes `a..b` of the str/bytes/bytearray
/// `src` (for str, a char-boundary range; see [`Vm::new_str_slice`]).
pub fn part_of(vm: &mut Vm, kind: Kind, src: Obj, a: usize, b: usize) -> PyResult<Obj> {
    match kind {
        Kind::Str => vm.new_str_slice(src, a, b),
        _ => {
            let v = buffer_ref(vm, src).and_then(|s| s.get(a..b)).unwrap_or(&[]).to_vec();
            new_of_kind_vec(vm, kind, v)
        }
    }
}

/// A list of new objects of `kind`, one per byte range of `src` (see
/// [`part_of`]). The list is made first (with room for every part) and
/// kept on `vm.roots` while the parts are allocated into it.
pub fn new_list_of_ranges(vm: &mut Vm, kind: Kind, src: Obj, ranges: &[(usize, usize)]) -> PyResult<Obj> {
    let l = vm.new_list(Vec::with_capacity(ranges.len()))?;
    let base = vm.roots.len();
    vm.roots.push(l);
    let r = (|| {
        for &(a, b) in ranges {
            let o = part_of(vm, kind, src, a, b)?;
            if let Some(ObjData::List(v)) = vm.get_mut(l) {
                v.push(o);
            }
        }
        Ok(l)
    })();
    vm.roots.truncate(base);
    r
}

/// Makes a list of `vm.roots[base..]` and truncates the roots to `base`
/// (the list's allocation keeps the items alive if it collects).
pub fn list_from_roots(vm: &mut Vm, base: usize) -> PyResult<Obj> {
    let items = vm.roots.get(base..).unwrap_or(&[]).to_vec();
    vm.roots.truncate(base);
    vm.new_list(items)
}

/// A tuple of three new objects of `kind` (for `partition`).
pub fn new_triple(vm: &mut Vm, kind: Kind, parts: [&[u8]; 3]) -> PyResult<Obj> {
    let a = new_of_kind(vm, kind, parts[0])?;
    let b = new_of_kind(vm, kind, parts[1])?;
    let c = new_of_kind(vm, kind, parts[2])?;
    vm.new_tuple(&[a, b, c])
}

/// Appends the repr of a str (MicroPython's rules: single quotes unless the
/// text has `'` and no `"`; `\\`, `\n`, `\r`, `\t` and the quote escaped;
/// other chars below 0x20, 0x7f and every non-ASCII code point as `\xNN`,
/// `\uNNNN` or `\UNNNNNNNN`).
pub fn repr_str(s: &str, out: &mut String) {
    let q = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    out.push(q);
    for c in s.chars() {
        let n = c as u32;
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            _ if c == q => {
                out.push('\\');
                out.push(c);
            }
            _ if (0x20..0x7f).contains(&n) => out.push(c),
            _ if n < 0x100 => {
                let _ = write!(out, "\\x{n:02x}");
            }
            _ if n < 0x10000 => {
                let _ = write!(out, "\\u{n:04x}");
            }
            _ => {
                let _ = write!(out, "\\U{n:08x}");
            }
        }
    }
    out.push(q);
}

/// Appends `b'...'` for bytes content (same quoting rules as CPython:
/// printable ASCII as is, `\\ \n \r \t` and the quote escaped, the rest
/// `\xNN`).
pub fn repr_bytes(b: &[u8], out: &mut String) {
    let q = if b.contains(&b'\'') && !b.contains(&b'"') { b'"' } else { b'\'' };
    out.push('b');
    out.push(q as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            _ if c == q => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            _ => {
                let _ = write!(out, "\\x{c:02x}");
            }
        }
    }
    out.push(q as char);
}

/// An iterator over a str (yielding 1-char strs), bytes/bytearray or
/// memoryview (yielding ints). The type prints as `<iterator>`.
pub struct SeqIter {
    /// The sequence.
    pub seq: Obj,
    /// Next byte offset (str) or index (others).
    pub pos: usize,
}

impl NativeObj for SeqIter {
    fn type_obj(&self) -> &'static TypeObj {
        &ITERATOR_TYPE
    }
    fn trace(&self, f: &mut dyn FnMut(Obj)) {
        f(self.seq);
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// Makes an iterator over `seq` (see [`SeqIter`]).
pub fn new_seq_iter(vm: &mut Vm, seq: Obj) -> PyResult<Obj> {
    vm.alloc(ObjData::Native(Box::new(SeqIter { seq, pos: 0 })))
}

fn seq_iter_next(vm: &mut Vm, it: Obj) -> PyResult<Obj> {
    let (seq, pos) = match vm.heap.get(it) {
        Some(ObjData::Native(n)) => match n.as_any().downcast_ref::<SeqIter>() {
            Some(s) => (s.seq, s.pos),
            None => return Ok(Obj::STOP_ITERATION),
        },
        _ => return Ok(Obj::STOP_ITERATION),
    };
    // (next item, new position)
    let step = match kind_and_buffer(vm, seq) {
        Some((Kind::Str, b)) => match b.get(pos) {
            None => None,
            Some(&lead) if lead < 0x80 => {
                crate::qstr::ascii_char(lead).map(|q| (Ok(Obj::qstr(q)), pos + 1))
            }
            Some(&lead) => {
                let n = match lead {
                    0xc0..=0xdf => 2,
                    0xe0..=0xef => 3,
                    _ => 4,
                };
                let c = b
                    .get(pos..pos + n)
                    .and_then(|x| core::str::from_utf8(x).ok())
                    .and_then(|s| s.chars().next());
                c.map(|c| (Err(c), pos + c.len_utf8()))
            }
        },
        Some((_, b)) => b.get(pos).map(|&v| (Ok(Obj::small_int(v as isize)), pos + 1)),
        // A memoryview or buffer-protocol native yields ints.
        None => buffer_ref(vm, seq)
            .and_then(|b| b.get(pos))
            .map(|&v| (Ok(Obj::small_int(v as isize)), pos + 1)),
    };
    let Some((item, npos)) = step else { return Ok(Obj::STOP_ITERATION) };
    if let Some(ObjData::Native(n)) = vm.get_mut(it) {
        if let Some(s) = n.as_any_mut().downcast_mut::<SeqIter>() {
            s.pos = npos;
        }
    }
    match item {
        Ok(o) => Ok(o),
        Err(c) => {
            let mut buf = [0u8; 4];
            vm.new_str(c.encode_utf8(&mut buf))
        }
    }
}

fn iter_print(_vm: &mut Vm, _o: Obj, out: &mut String, _k: crate::typ::PrintKind) -> PyResult<()> {
    out.push_str("<iterator>");
    Ok(())
}

/// The type of str/bytes/bytearray/memoryview iterators.
pub static ITERATOR_TYPE: TypeObj = TypeObj {
    name: q::iterator,
    flags: flags::ITER_IS_SELF,
    iternext: Some(seq_iter_next),
    print: Some(iter_print),
    ..TypeObj::EMPTY
};

/// Byte offset of code point `ci` in UTF-8 `s` (clamped to `s.len()`).
pub fn char_to_byte(s: &[u8], ci: usize) -> usize {
    if s.is_ascii() {
        return ci.min(s.len());
    }
    let mut n = 0;
    for (i, &b) in s.iter().enumerate() {
        if b & 0xc0 != 0x80 {
            if n == ci {
                return i;
            }
            n += 1;
        }
    }
    s.len()
}

/// Number of code points in UTF-8 `s[..bi]`.
pub fn byte_to_char(s: &[u8], bi: usize) -> usize {
    let p = s.get(..bi).unwrap_or(s);
    p.iter().filter(|&&b| b & 0xc0 != 0x80).count()
}

/// Number of code points in UTF-8 `s`.
pub fn char_len(s: &[u8]) -> usize {
    byte_to_char(s, s.len())
}
