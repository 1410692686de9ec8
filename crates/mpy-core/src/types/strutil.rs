//! Helpers shared by `str`, `bytes`, `bytearray` and `memoryview`: the
//! buffer protocol, argument conversion, slice indices, building results
//! in the gc heap, code-point positions, reprs, and iteration over
//! str/bytes/bytearray/memoryview.
//!
//! # Buffer protocol
//!
//! A type exports its bytes through the `TypeObj::buffer` slot (and, if
//! writable, `buffer_mut`): bytes, str, bytearray and memoryview fill them
//! here, other types (e.g. `array`) in their own files. Code anywhere reads
//! the bytes of a bytes-like object with:
//! - [`buffer_ref`]`(vm, o) -> Option<&[u8]>`: a borrow of the `Vm` (no
//!   copy), for work that allocates nothing while reading;
//! - [`get_buffer`]`(vm, o) -> PyResult<Option<Data>>`: bytes that stay
//!   readable across allocations: pinned for str and bytes (immutable),
//!   a snapshot in a gc-heap buffer for mutable objects (give it back with
//!   [`Data::free`] when done, or leave it to the collector);
//! - [`get_bytes_like`]: like `get_buffer` but rejecting `str`;
//! - [`buffer_mut_ref`]: the writable side.
//!
//! They accept `bytes`, `bytearray`, `memoryview` (its window), `str` (its
//! UTF-8, as MicroPython's str exports a buffer), any object whose type
//! fills the slot, and instances of subclasses of those.

use crate::heap::{GcVec, Heap};
use crate::obj::{Obj, ObjBase};
use crate::state::Vm;
use crate::types::bytearray::{ByteArrayObj, BYTEARRAY_TYPE};
use crate::types::bytes::BYTES_TYPE;
use crate::types::exception::{INDEX_ERROR_TYPE, NOT_IMPLEMENTED_ERROR_TYPE};
use crate::types::list::ListObj;
use crate::types::str::STR_TYPE;
use crate::runtime::print::Out;
use crate::PyResult;

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
    #[inline]
    pub fn of(vm: &Vm, o: Obj) -> Option<Kind> {
        if o.as_qstr().is_some() {
            return Some(Kind::Str);
        }
        let t = o.ptr_type()?;
        if core::ptr::eq(t, &STR_TYPE) {
            Some(Kind::Str)
        } else if core::ptr::eq(t, &BYTES_TYPE) {
            Some(Kind::Bytes)
        } else if core::ptr::eq(t, &BYTEARRAY_TYPE) {
            Some(Kind::ByteArray)
        } else {
            let n = native_part(vm, o)?;
            Kind::of(vm, n)
        }
    }
}

/// Whether `b` holds the byte `c`: core's `contains` (memchr) on the
/// desktop, a plain loop on the boards (memchr's word-at-a-time routine
/// costs ~180 B of flash there).
#[inline]
pub fn has_byte(b: &[u8], c: u8) -> bool {
    #[cfg(not(target_os = "none"))]
    {
        b.contains(&c)
    }
    #[cfg(target_os = "none")]
    {
        b.iter().any(|&x| x == c)
    }
}

/// Whether `b` is all ASCII: core's word-at-a-time `is_ascii` on the
/// desktop, a plain loop on the boards (one small copy).
#[cfg_attr(not(target_os = "none"), inline)]
pub fn all_ascii(b: &[u8]) -> bool {
    #[cfg(not(target_os = "none"))]
    {
        b.is_ascii()
    }
    #[cfg(target_os = "none")]
    {
        b.iter().all(|&x| x < 0x80)
    }
}

/// The text of `o` if it is exactly a str (a qstr or a heap str, not a
/// subclass instance); the desktop fast paths of `%` and `str.split` use it.
#[cfg(not(target_os = "none"))]
#[inline(always)]
pub fn exact_str<'a>(vm: &Vm, o: Obj) -> Option<&'a str> {
    match o.as_qstr() {
        Some(q) => Some(vm.qstr_str(q)),
        None => vm.heap.str_pinned(o),
    }
}
/// (None for other objects).
#[inline]
pub fn native_part(vm: &Vm, o: Obj) -> Option<Obj> {
    let n = vm.heap.get::<crate::vm::class::InstanceNativeObj>(o)?.native;
    (!n.is_null() && n != o).then_some(n)
}

/// `o`'s built-in part if it is an instance of a subclass of a built-in
/// type, else `o` itself.
#[inline]
pub fn unwrap_native(vm: &Vm, o: Obj) -> Obj {
    native_part(vm, o).unwrap_or(o)
}

/// The Python-visible type name of `o` (`'int'`, a class's name), not
/// tied to the `Vm` borrow (type names are qstrs). Not inlined: error
/// paths call it, one copy serves them all.
#[inline(never)]
pub fn type_name<'a>(vm: &Vm, o: Obj) -> &'a str {
    vm.qstr_str(vm.builtin_type(o).name())
}

/// `TypeError: can't convert T to {to}` for `o` (`to` is `int`, `float`
/// or `complex`): one out-of-line body for the many call sites.
#[inline(never)]
pub fn cant_convert(vm: &mut Vm, o: Obj, to: &str) -> crate::PyErr {
    let t = type_name(vm, o);
    vm.type_error_fmt(msg!("can't convert {} to {}"), &[t.into(), to.into()])
}

/// `TypeError: {what} indices must be integers, not T` for index `o`
/// (`what` names the sequence type: `list`, `string`, ...).
#[inline(never)]
pub fn indices_error(vm: &mut Vm, what: &str, o: Obj) -> crate::PyErr {
    let t = type_name(vm, o);
    vm.type_error_fmt(msg!("{} indices must be integers, not {}"), &[what.into(), t.into()])
}

/// `IndexError: {what} index out of range`.
#[inline(never)]
pub fn index_range_error(vm: &mut Vm, what: &str) -> crate::PyErr {
    vm.error_fmt(&INDEX_ERROR_TYPE, msg!("{} index out of range"), &[what.into()])
}

/// `TypeError: can't convert 'T' object to str implicitly` for `o`.
#[inline(never)]
pub fn not_str_implicitly(vm: &mut Vm, o: Obj) -> crate::PyErr {
    let t = type_name(vm, o);
    vm.type_error_fmt(msg!("can't convert '{}' object to str implicitly"), &[t.into()])
}

/// `TypeError: unsupported type for __hash__: 'T'` for `o`.
#[inline(never)]
pub fn unhashable(vm: &mut Vm, o: Obj) -> crate::PyErr {
    let t = type_name(vm, o);
    let h = vm.qstr_str(crate::qstr::q::__hash__);
    vm.type_error_fmt(crate::runtime::exc::msg::UNSUPPORTED_TYPE, &[h.into(), t.into()])
}

/// `TypeError: extra positional arguments given`.
#[inline(never)]
pub fn extra_args(vm: &mut Vm) -> crate::PyErr {
    vm.type_error(msg!("extra positional arguments given"))
}

/// `TypeError: function missing 1 required positional arguments`.
#[inline(never)]
pub fn missing_one(vm: &mut Vm) -> crate::PyErr {
    vm.type_error(msg!("function missing 1 required positional arguments"))
}

/// `ValueError: invalid syntax for number`.
#[inline(never)]
pub fn number_syntax(vm: &mut Vm) -> crate::PyErr {
    vm.value_error(msg!("invalid syntax for number"))
}

/// `ValueError: object not in sequence` (`index`, `remove`).
#[inline(never)]
pub fn not_in_sequence(vm: &mut Vm) -> crate::PyErr {
    vm.value_error(msg!("object not in sequence"))
}

/// `TypeError: unhashable type: 'T'` for `o` (instances with `__eq__` but
/// no `__hash__`, and the mutable built-in types).
#[inline(never)]
pub fn unhashable_type(vm: &mut Vm, o: Obj) -> crate::PyErr {
    let t = type_name(vm, o);
    vm.type_error_fmt(msg!("unhashable type: '{}'"), &[t.into()])
}

/// `TypeError: function takes {want} positional arguments but {got} were
/// given` (the runtime's text for native functions, one string).
#[inline(never)]
pub fn positional_count(vm: &mut Vm, want: usize, got: usize) -> crate::PyErr {
    vm.type_error_fmt(msg!("function takes {} positional arguments but {} were given"), &[want.into(), got.into()])
}

/// `TypeError: function expected at most {max} arguments, got {got}`.
#[inline(never)]
pub fn too_many_args(vm: &mut Vm, max: usize, got: usize) -> crate::PyErr {
    vm.type_error_fmt(msg!("function expected at most {} arguments, got {}"), &[max.into(), got.into()])
}

/// `TypeError: function doesn't take keyword arguments`.
#[inline(never)]
pub fn no_kw(vm: &mut Vm) -> crate::PyErr {
    vm.type_error(msg!("function doesn't take keyword arguments"))
}

/// `OverflowError: overflow converting long int to machine word`.
#[inline(never)]
pub fn word_overflow(vm: &mut Vm) -> crate::PyErr {
    vm.overflow_error(msg!("overflow converting long int to machine word"))
}

// ---------------------------------------------------------------------
// Buffer protocol
// ---------------------------------------------------------------------

/// The `buffer` slot of str and bytes: their bytes.
pub fn str_bytes_buffer(heap: &Heap, o: Obj) -> Option<&[u8]> {
    heap.str_bytes_pinned(o)
}

/// The buffer protocol as a borrow: the bytes of `o` (see the module
/// docs), or None if it exports no buffer.
#[inline]
pub fn buffer_ref(vm: &Vm, o: Obj) -> Option<&[u8]> {
    if let Some(q) = o.as_qstr() {
        return Some(vm.qstr_str(q).as_bytes());
    }
    let t = o.ptr_type()?;
    if let Some(f) = t.ext.buffer {
        if let Some(b) = f(&vm.heap, o) {
            return Some(b);
        }
    }
    let n = native_part(vm, o)?;
    buffer_ref(vm, n)
}

/// Calls `f` with the bytes of `o` (see [`buffer_ref`]); None if `o`
/// exports no buffer.
#[inline]
pub fn with_buffer<R>(vm: &Vm, o: Obj, f: impl FnOnce(&[u8]) -> R) -> Option<R> {
    buffer_ref(vm, o).map(f)
}

/// The buffer protocol, writable side: the bytes of a bytearray, of a
/// writable memoryview, or of any object whose type fills `buffer_mut`.
pub fn buffer_mut_ref(vm: &mut Vm, o: Obj) -> Option<&mut [u8]> {
    let o = unwrap_native(vm, o);
    let f = o.ptr_type()?.ext.buffer_mut?;
    f(&mut vm.heap, o)
}

/// The bytes of a str or bytes object (or of a subclass instance of one),
/// pinned: valid across allocations while `o` is alive (see
/// `runtime/new.rs`). None for anything else, including bytearrays.
#[inline]
pub fn pinned<'a>(vm: &Vm, o: Obj) -> Option<&'a [u8]> {
    if let Some(q) = o.as_qstr() {
        return Some(vm.qstr_str(q).as_bytes());
    }
    if let Some(b) = vm.heap.str_bytes_pinned(o) {
        return Some(b);
    }
    let n = native_part(vm, o)?;
    pinned(vm, n)
}

/// Bytes of a bytes-like object that stay readable while the code that
/// holds them allocates: pinned (str, bytes) or a snapshot in a gc-heap
/// buffer (bytearray, memoryview and other mutable exporters).
pub enum Data<'a> {
    /// The object's own immutable bytes.
    Pinned(&'a [u8]),
    /// A copy in a gc-heap buffer owned by this value.
    Copy(GcVec<u8>),
}

impl Data<'_> {
    /// The bytes.
    #[inline]
    pub fn get(&self) -> &[u8] {
        match self {
            Data::Pinned(b) => b,
            Data::Copy(v) => v.as_slice(),
        }
    }

    /// Gives a snapshot's buffer back to the heap at once (nothing for
    /// pinned bytes).
    #[inline]
    pub fn free(self, vm: &mut Vm) {
        if let Data::Copy(v) = self {
            vm.heap.free_vec(v);
        }
    }
}

/// The buffer protocol for work that allocates while reading: the bytes
/// of `o` as [`Data`] (pinned, or a snapshot), None if `o` exports no
/// buffer.
///
/// Errors: `MemoryError` (making a snapshot).
pub fn get_buffer<'a>(vm: &mut Vm, o: Obj) -> PyResult<Option<Data<'a>>> {
    if let Some(b) = pinned(vm, o) {
        return Ok(Some(Data::Pinned(b)));
    }
    let Some(n) = buffer_ref(vm, o).map(<[u8]>::len) else { return Ok(None) };
    let mut v = vm.new_vec::<u8>(n)?;
    if let Some(b) = buffer_ref(vm, o) {
        v.extend_within_capacity(b);
    }
    Ok(Some(Data::Copy(v)))
}

/// Like [`get_buffer`] but excluding `str` (for APIs that want bytes-like
/// objects only).
///
/// Errors: `MemoryError`.
pub fn get_bytes_like<'a>(vm: &mut Vm, o: Obj) -> PyResult<Option<Data<'a>>> {
    if vm.str_pinned(o).is_some() {
        return Ok(None);
    }
    get_buffer(vm, o)
}

/// The kind and bytes of a str, bytes or bytearray object (or a subclass
/// instance of one), borrowed; None for anything else (memoryviews too).
#[inline]
pub fn kind_and_buffer(vm: &Vm, o: Obj) -> Option<(Kind, &[u8])> {
    let k = Kind::of(vm, o)?;
    Some((k, buffer_ref(vm, o)?))
}

// ---------------------------------------------------------------------
// Arguments
// ---------------------------------------------------------------------

/// Converts an integer argument (int, bool) to `isize`.
///
/// Errors: `OverflowError: overflow converting long int to machine word`
/// for big ints, `TypeError: can't convert float to int` otherwise.
pub fn int_arg(vm: &mut Vm, o: Obj) -> PyResult<isize> {
    if let Some(i) = o.as_small_int() {
        return Ok(i);
    }
    use super::str_format::IntVal;
    // Bools, big ints, int subclass instances: one decoder for them all.
    match super::str_format::int_value(vm, o) {
        Some(IntVal::Small(i)) => Ok(i as isize),
        #[cfg(feature = "bigint")]
        Some(IntVal::Big(neg, d)) => {
            match mpy_mpz::conv::to_i64(mpy_mpz::MpzRef::new(neg, d)).and_then(|v| isize::try_from(v).ok()) {
                Some(v) => Ok(v),
                None => Err(word_overflow(vm)),
            }
        }
        None => Err(cant_convert(vm, o, "int")),
    }
}

/// Is `o` an int (small, big or bool)?
#[inline]
pub fn is_int(vm: &Vm, o: Obj) -> bool {
    o.is_small_int() || o.is_bool() || vm.int_digits_pinned(o).is_some()
}

/// `(start, stop, step)` of a slice object applied to a sequence of `len`
/// items, normalised as CPython's `slice.indices`; None if `o` is not a
/// slice.
///
/// Errors: `ValueError: slice step cannot be zero`, argument conversion.
pub fn slice_indices(vm: &mut Vm, o: Obj, len: usize) -> PyResult<Option<(isize, isize, isize)>> {
    crate::types::slice::indices_of(vm, o, len, true)
}

/// Is `o` a slice object?
#[inline]
pub fn is_slice(vm: &Vm, o: Obj) -> bool {
    vm.heap.get::<crate::types::slice::SliceObj>(o).is_some()
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

pub use super::slice::slice_len;

/// Normalises a sequence index (negative counts from the end).
///
/// Errors: `IndexError: <what> index out of range`.
pub fn seq_index(vm: &mut Vm, idx: isize, len: usize, what: &str) -> PyResult<usize> {
    let i = if idx < 0 { idx + len as isize } else { idx };
    if i < 0 || i as usize >= len {
        return Err(index_range_error(vm, what));
    }
    Ok(i as usize)
}

/// `NotImplementedError(msg)`.
pub fn not_implemented(vm: &mut Vm, msg: &str) -> crate::PyErr {
    vm.error(&NOT_IMPLEMENTED_ERROR_TYPE, msg)
}

// ---------------------------------------------------------------------
// Building results
// ---------------------------------------------------------------------

/// A new empty bytearray with room for `n` bytes. The object is made
/// before its buffer, so the buffer comes last and can later grow in
/// place (as MicroPython's bytearrays do).
///
/// Errors: `MemoryError`.
pub fn new_bytearray_with_capacity(vm: &mut Vm, n: usize) -> PyResult<Obj> {
    let o = vm.alloc_obj(ByteArrayObj { base: ObjBase::new(&BYTEARRAY_TYPE), data: GcVec::new() })?;
    vm.vec_reserve(o, super::bytearray::data_mut, n)?;
    Ok(o)
}

/// A new bytearray taking over the gc-heap vector `v`.
///
/// Errors: `MemoryError`.
pub fn new_bytearray_from_vec(vm: &mut Vm, v: GcVec<u8>) -> PyResult<Obj> {
    vm.alloc_obj(ByteArrayObj { base: ObjBase::new(&BYTEARRAY_TYPE), data: v })
}

/// A new object of `kind` holding `b` (which must not borrow the `Vm`:
/// pinned or local bytes). For `Str`, `b` must be UTF-8, else
/// `UnicodeError`.
///
/// Errors: `MemoryError`, `UnicodeError`.
pub fn new_of_kind(vm: &mut Vm, kind: Kind, b: &[u8]) -> PyResult<Obj> {
    match kind {
        Kind::Str => vm.new_str_from_utf8(b),
        Kind::Bytes => vm.new_bytes(b),
        Kind::ByteArray => new_of_kind_with(vm, kind, b.len(), |out| {
            out.copy_from_slice(b);
            b.len()
        }),
    }
}

/// A new object of `kind` of at most `n` bytes written straight into it
/// by `init` (which returns how many it wrote and cannot touch the `Vm`:
/// read pinned or local bytes).
///
/// Errors: `MemoryError`; `UnicodeError` if a str's bytes are not UTF-8.
#[inline]
pub fn new_of_kind_with(vm: &mut Vm, kind: Kind, n: usize, mut init: impl FnMut(&mut [u8]) -> usize) -> PyResult<Obj> {
    build_dyn(vm, kind, n, &mut |_, out| init(out))
}

/// A new object of `kind` of at most `n` bytes written by `fill`, which
/// may read other objects through the `Vm` (e.g. a bytearray's bytes).
/// A str or bytes result is written in place (the new object is not yet
/// reachable from the `Vm`); a bytearray's bytes go into a gc-heap buffer
/// that the new bytearray takes over.
///
/// Errors: `MemoryError`; `UnicodeError` if a str's bytes are not UTF-8.
#[inline]
pub fn build(vm: &mut Vm, kind: Kind, n: usize, mut fill: impl FnMut(&Vm, &mut [u8]) -> usize) -> PyResult<Obj> {
    build_dyn(vm, kind, n, &mut fill)
}

/// [`build`]'s (and [`new_of_kind_with`]'s) one non-generic body.
#[inline(never)]
fn build_dyn(vm: &mut Vm, kind: Kind, n: usize, fill: &mut dyn FnMut(&Vm, &mut [u8]) -> usize) -> PyResult<Obj> {
    if kind != Kind::ByteArray {
        return vm.new_str_with_vm(kind == Kind::Str, n, |vm, b| fill(vm, b));
    }
    // The bytearray's object first, so its buffer comes last (see
    // `new_bytearray_with_capacity`).
    let ba = new_bytearray_with_capacity(vm, 0)?;
    let mut v = vm.new_vec::<u8>(n)?;
    v.resize_within_capacity(n, 0);
    let k = fill(vm, v.as_mut_slice()).min(n);
    v.truncate(k);
    if let Some(b) = vm.heap.get_mut::<ByteArrayObj>(ba) {
        b.data = v;
    }
    Ok(ba)
}

/// Turns a gc-heap byte vector into an object of `kind`: a bytearray
/// takes it over, a str or bytes copies it (and the vector is given back).
///
/// Errors: `MemoryError`; `UnicodeError` for a str whose bytes are not
/// UTF-8.
pub fn finish_vec(vm: &mut Vm, kind: Kind, v: GcVec<u8>) -> PyResult<Obj> {
    let r = match kind {
        Kind::ByteArray => return new_bytearray_from_vec(vm, v),
        Kind::Str => vm.new_str_from_utf8(v.as_slice()),
        Kind::Bytes => vm.new_bytes(v.as_slice()),
    };
    vm.heap.free_vec(v);
    r
}

/// A new object of `kind` holding bytes `a..b` of the str, bytes,
/// bytearray or other buffer `src` (for str, a char-boundary range of a
/// str; see [`Vm::new_str_slice`]).
///
/// Errors: `MemoryError`.
pub fn part_of(vm: &mut Vm, kind: Kind, src: Obj, a: usize, b: usize) -> PyResult<Obj> {
    if kind == Kind::Str {
        let src = if src.as_qstr().is_some() { src } else { unwrap_native(vm, src) };
        return vm.new_str_slice(src, a, b);
    }
    copy_part(vm, kind, src, a, b)
}

/// A new object of `kind` holding bytes `a..b` of any buffer `src` (none
/// if out of range); for `Str` they must be UTF-8.
///
/// Errors: `MemoryError`, `UnicodeError`.
pub fn copy_part(vm: &mut Vm, kind: Kind, src: Obj, a: usize, b: usize) -> PyResult<Obj> {
    build(vm, kind, b.saturating_sub(a), |vm, out| {
        let s = buffer_ref(vm, src).and_then(|s| s.get(a..b)).unwrap_or(&[]);
        let n = s.len().min(out.len());
        out[..n].copy_from_slice(&s[..n]);
        n
    })
}

/// The items of list `l`, mutably (for [`Vm::vec_push`]).
pub fn list_items_mut(l: &mut ListObj) -> &mut GcVec<Obj> {
    &mut l.items
}

/// Appends `x` to list `l`.
///
/// Errors: `MemoryError`.
#[inline]
pub fn list_push(vm: &mut Vm, l: Obj, x: Obj) -> PyResult<()> {
    vm.vec_push(l, list_items_mut, x)
}

/// A list of the items of any iterable (a list or tuple is returned as
/// is); the items are collected by iterating, so this may run Python
/// code.
///
/// Errors: whatever iteration raises; `MemoryError`.
pub fn items_seq(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    if vm.seq_items(o).is_some() {
        return Ok(o);
    }
    // A temporary list (`str.join`'s): room for a short line's parts
    // upfront (desktop), instead of growing from 4 by halves.
    let l = vm.new_list_with_capacity(if cfg!(target_os = "none") { 0 } else { 16 })?;
    // Desktop: a generator drained straight into the list.
    #[cfg(not(target_os = "none"))]
    if o.ptr_type().is_some_and(|t| core::ptr::eq(t, &super::misc::GENERATOR_TYPE)) {
        crate::vm::gen::drain_into(vm, o, l)?;
        return Ok(l);
    }
    let it = vm.get_iter(o)?;
    while let Some(x) = vm.iter_next(it)? {
        list_push(vm, l, x)?;
    }
    Ok(l)
}

// ---------------------------------------------------------------------
// Code points
// ---------------------------------------------------------------------

/// Byte offset of code point `ci` in UTF-8 `s` (clamped to `s.len()`).
pub fn char_to_byte(s: &[u8], ci: usize) -> usize {
    // Desktop: ASCII text at once (boards: the count below gives the same,
    // stopping at `ci`).
    if cfg!(not(target_os = "none")) && all_ascii(s) {
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
#[cfg_attr(target_os = "none", inline(never))]
pub fn byte_to_char(s: &[u8], bi: usize) -> usize {
    let p = s.get(..bi).unwrap_or(s);
    p.iter().filter(|&&b| b & 0xc0 != 0x80).count()
}

/// Number of code points in UTF-8 `s`.
#[cfg_attr(target_os = "none", inline(never))]
pub fn char_len(s: &[u8]) -> usize {
    byte_to_char(s, s.len())
}

// ---------------------------------------------------------------------
// Reprs
// ---------------------------------------------------------------------

/// Writes the repr of a str (MicroPython's rules: single quotes unless the
/// text has `'` and no `"`; `\\`, `\n`, `\r`, `\t` and the quote
/// escaped; other chars below 0x20, 0x7f and every non-ASCII code point as
/// `\xNN`, `\uNNNN` or `\UNNNNNNNN`). Plain runs are written whole.
///
/// Errors: `MemoryError` (buffers only).
pub fn repr_str(vm: &mut Vm, s: &str, out: &mut Out) -> PyResult<()> {
    repr_quoted(vm, s.as_bytes(), 1, out)
}

/// Writes `b'...'` for bytes content (CPython's quoting: printable ASCII
/// as is, `\\ \n \r \t` and the quote escaped, the rest `\xNN`). `b`
/// must not borrow the `Vm` (pinned or a snapshot).
///
/// Errors: `MemoryError` (buffers only).
pub fn repr_bytes(vm: &mut Vm, b: &[u8], out: &mut Out) -> PyResult<()> {
    out.bytes(vm, b"b")?;
    repr_quoted(vm, b, 0, out)
}

/// [`repr_str`] and [`repr_bytes`]'s one body (and that of
/// [`crate::runtime::print::Arg::Quoted`]): the quoted text of `b`, read as
/// UTF-8 code points when `mode` is 1 (then valid UTF-8), else as bytes;
/// mode 2 always quotes with `'`; mode 3 is a JSON string (`b` UTF-8
/// text in `"`, only `"`, `\\` and control characters escaped, those
/// without a letter as `\u00XX`).
pub fn repr_quoted(vm: &mut Vm, b: &[u8], mode: u8, out: &mut Out) -> PyResult<()> {
    let text = mode == 1;
    let json = mode == 3;
    let q = if json || (mode < 2 && has_byte(b, b'\'') && !has_byte(b, b'"')) { b'"' } else { b'\'' };
    out.bytes(vm, &[q])?;
    let mut run = 0;
    let mut i = 0;
    while let Some(&c0) = b.get(i) {
        // The code point at `i` and its length.
        let (n, len) = if text && c0 >= 0x80 {
            let len = if c0 < 0xe0 {
                2
            } else if c0 < 0xf0 {
                3
            } else {
                4
            };
            let lead = (c0 as u32) & (0x7f >> len);
            let n = b.iter().skip(i + 1).take(len - 1).fold(lead, |a, &x| (a << 6) | (x as u32 & 0x3f));
            (n, len)
        } else {
            (c0 as u32, 1)
        };
        let at = i;
        i += len;
        if n >= 0x20 && (json || n < 0x7f) && c0 != b'\\' && c0 != q {
            continue;
        }
        out.bytes(vm, &b[run..at])?;
        run = i;
        // `\\` and one char: the escape's letter, or the hex form's with its
        // digits.
        let (c, digits) = match n {
            0x5c => (b'\\', 0),
            0x0a => (b'n', 0),
            0x0d => (b'r', 0),
            0x09 => (b't', 0),
            _ if n == q as u32 => (q, 0),
            0..0x100 if !json => (b'x', 2),
            0..0x10000 => (b'u', 4),
            _ => (b'U', 8),
        };
        out.bytes(vm, &[b'\\', c])?;
        if digits > 0 {
            out.fmt(vm, "{}", &[crate::runtime::print::Arg::Hex(n as usize, digits)])?;
        }
    }
    out.bytes(vm, &b[run..])?;
    out.bytes(vm, &[q])
}

// ---------------------------------------------------------------------
// Iteration
// ---------------------------------------------------------------------

/// The iterator of str (yielding 1-char strs), bytes, bytearray and
/// memoryview (yielding ints): the one `<iterator>` type of lists and
/// tuples too (as MicroPython's), which reads these with
/// [`seq_iter_step`].
pub use super::iterators::new_seq_iter;

/// The item of str/bytes/bytearray/memoryview `seq` at `pos` (a byte
/// offset for str, an index for the others) and the next position: a
/// str's char as a 1-char str (ASCII ones are built-in qstrs), a byte as
/// an int. None at the end (or for an object without a buffer).
///
/// Errors: `MemoryError` (a non-ASCII char's str).
pub fn seq_iter_step(vm: &mut Vm, seq: Obj, pos: usize) -> PyResult<Option<(Obj, usize)>> {
    let mut c = [0u8; 4];
    let n = match kind_and_buffer(vm, seq) {
        Some((Kind::Str, b)) => {
            let Some(&lead) = b.get(pos) else { return Ok(None) };
            if lead < 0x80 {
                return Ok(crate::qstr::ascii_char(lead).map(|q| (Obj::qstr(q), pos + 1)));
            }
            let n = match lead {
                0xc0..=0xdf => 2,
                0xe0..=0xef => 3,
                _ => 4,
            };
            let Some(src) = b.get(pos..pos + n) else { return Ok(None) };
            c[..n].copy_from_slice(src);
            n
        }
        // bytes, bytearray, memoryview and other buffers yield ints.
        _ => {
            let v = buffer_ref(vm, seq).and_then(|b| b.get(pos).copied());
            return Ok(v.map(|v| (Obj::small_int(v as isize), pos + 1)));
        }
    };
    Ok(Some((vm.new_str_from_utf8(&c[..n])?, pos + n)))
}
