//! `bytearray`: the built-in type (slots and `append`/`extend`; the
//! reading methods are shared with `bytes`/`str`, see `str_methods.rs`).

use super::bytes::{bytes_from_args, bytes_unary_op};
use super::str::{seq_binary_op, seq_subscr_load};
use super::str_methods as m;
use super::strutil::{
    buffer_ref, get_buffer, indices_error, Data, int_arg, is_int, not_implemented, repr_bytes, seq_index,
    slice_indices, unwrap_native, Kind,
};
use crate::heap::{GcVec, Heap};
use crate::obj::Obj;
use crate::qstr::q;
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{flags, BinaryOp, BuiltinFun, PrintKind, Subscr, TypeObj};
use crate::PyResult;

fn ba_make_new(vm: &mut Vm, _cls: Obj, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    bytes_from_args(vm, Kind::ByteArray, args)
}

fn ba_print(vm: &mut Vm, o: Obj, out: &mut Out, _kind: PrintKind) -> PyResult<()> {
    out.str(vm, "bytearray(")?;
    // A snapshot: printing into a buffer allocates.
    if let Some(d) = get_buffer(vm, o)? {
        let r = repr_bytes(vm, d.get(), out);
        d.free(vm);
        r?;
    }
    out.char(vm, ')')
}

/// The byte vector of a bytearray (for [`Vm::vec_reserve`]).
pub fn data_mut(b: &mut ByteArrayObj) -> &mut GcVec<u8> {
    &mut b.data
}

/// The `buffer` slot: a bytearray's bytes.
fn ba_buffer(heap: &Heap, o: Obj) -> Option<&[u8]> {
    heap.get::<ByteArrayObj>(o).map(|b| b.data.as_slice())
}

/// The `buffer_mut` slot: a bytearray's bytes, writable.
fn ba_buffer_mut(heap: &mut Heap, o: Obj) -> Option<&mut [u8]> {
    heap.get_mut::<ByteArrayObj>(o).map(|b| b.data.as_mut_slice())
}

/// The byte vector of bytearray `o` (the object itself, or the native
/// part of an instance of a subclass), mutably.
fn vec_of(vm: &mut Vm, o: Obj) -> Option<&mut GcVec<u8>> {
    vm.heap.get_mut::<ByteArrayObj>(o).map(|b| &mut b.data)
}

/// Appends `b` (bytes that do not borrow the `Vm`) to bytearray `o`
/// (already unwrapped), growing it in place when the heap allows.
///
/// Errors: `MemoryError`.
fn append_bytes(vm: &mut Vm, o: Obj, b: &[u8]) -> PyResult<()> {
    vm.vec_reserve(o, data_mut, b.len())?;
    if let Some(v) = vec_of(vm, o) {
        v.extend_within_capacity(b);
    }
    Ok(())
}

/// Appends the bytes of buffer `src` to bytearray `o` (for `+=` and
/// `extend`; `src` may be `o` itself).
///
/// Errors: `MemoryError`.
pub fn extend_from_buffer(vm: &mut Vm, o: Obj, src: Obj) -> PyResult<()> {
    let o = unwrap_native(vm, o);
    let Some(d) = get_buffer(vm, src)? else { return Ok(()) };
    let r = append_bytes(vm, o, d.get());
    d.free(vm);
    r
}

/// `ba *= n`: repeats the content in place.
///
/// Errors: `MemoryError`, `OverflowError` for big-int counts.
pub fn repeat_in_place(vm: &mut Vm, o: Obj, n: Obj) -> PyResult<()> {
    let o = unwrap_native(vm, o);
    let n = int_arg(vm, n)?.max(0) as usize;
    let len = vec_of(vm, o).map_or(0, |v| v.len());
    let Some(total) = len.checked_mul(n) else { return Err(vm.memory_error()) };
    if total > len {
        vm.vec_reserve(o, data_mut, total - len)?;
    }
    if let Some(v) = vec_of(vm, o) {
        v.resize_within_capacity(total, 0);
        let s = v.as_mut_slice();
        for k in 1..n {
            s.copy_within(0..len, k * len);
        }
    }
    Ok(())
}

/// An int stored into a bytearray: its low 8 bits (MicroPython stores
/// array items unchecked, so `ba.append(256)` appends 0).
///
/// Errors: `TypeError: can't convert str to int` for non-ints.
fn byte_value(vm: &mut Vm, o: Obj) -> PyResult<u8> {
    Ok(int_arg(vm, o)? as u8)
}

/// The ints of an iterable as bytes in a gc-heap vector; an int outside
/// 0..256 raises `ValueError(range_msg)`, or is truncated to its low 8
/// bits when `range_msg` is empty (MicroPython's bytearray). One body for
/// `bytes(iterable)`, `bytearray(iterable)` and `extend`.
///
/// Errors: that `ValueError`, `TypeError` for non-ints, whatever iteration
/// raises, `MemoryError`.
pub fn ints_vec(vm: &mut Vm, o: Obj, range_msg: &'static str) -> PyResult<GcVec<u8>> {
    let n = vm.seq_items(o).map_or(0, <[Obj]>::len);
    let mut v = vm.new_vec::<u8>(n)?;
    let it = vm.get_iter(o)?;
    while let Some(x) = vm.iter_next(it)? {
        let b = int_arg(vm, x)?;
        if !range_msg.is_empty() && !(0..256).contains(&b) {
            return Err(vm.value_error(range_msg));
        }
        vm.vec_push_local(&mut v, b as u8)?;
    }
    Ok(v)
}

fn ba_binary_op(vm: &mut Vm, op: BinaryOp, lhs: Obj, rhs: Obj) -> PyResult<Obj> {
    seq_binary_op(vm, Kind::ByteArray, op, lhs, rhs)
}

/// `ba[a:b] = data` (step 1): replaces the range, growing or shrinking.
fn splice(vm: &mut Vm, o: Obj, a: usize, b: usize, d: &[u8]) -> PyResult<()> {
    let len = vec_of(vm, o).map_or(0, |v| v.len());
    let b = b.min(len);
    let a = a.min(b);
    let new_len = len - (b - a) + d.len();
    if new_len > len {
        vm.vec_reserve(o, data_mut, new_len - len)?;
    }
    if let Some(v) = vec_of(vm, o) {
        if new_len > len {
            v.resize_within_capacity(new_len, 0);
            v.as_mut_slice().copy_within(b..len, a + d.len());
        } else {
            v.as_mut_slice().copy_within(b..len, a + d.len());
            v.truncate(new_len);
        }
        v.as_mut_slice()[a..a + d.len()].copy_from_slice(d);
    }
    Ok(())
}

/// Item and slice assignment as MicroPython's arrays: a slice takes step 1
/// only and a buffer (not a str) on the right, an item the low 8 bits of an
/// int; no deletion (`TypeError: 'bytearray' object doesn't support item
/// deletion`).
fn ba_subscr(vm: &mut Vm, o: Obj, index: Obj, op: Subscr) -> PyResult<Obj> {
    let o = unwrap_native(vm, o);
    let value = match op {
        Subscr::Load => return seq_subscr_load(vm, Kind::ByteArray, o, index),
        Subscr::Store(v) => v,
        Subscr::Delete => return Ok(Obj::NULL),
    };
    let len = buffer_ref(vm, o).map_or(0, <[u8]>::len);
    match buf_place(vm, index, len, "bytearray")? {
        Ok((a, b)) => {
            let data = rhs_buffer(vm, value)?;
            let r = splice(vm, o, a, b, data.get());
            data.free(vm);
            r.map(|()| Obj::NONE)
        }
        Err(i) => {
            let x = byte_value(vm, value)?;
            if let Some(p) = vec_of(vm, o).and_then(|v| v.as_mut_slice().get_mut(i)) {
                *p = x;
            }
            Ok(Obj::NONE)
        }
    }
}

/// Where a subscript of a byte buffer of `len` bytes (a bytearray or a
/// memoryview, named `what` in errors) lands: `Ok((a, b))` for a step-1
/// slice `a..b` (`a <= b`), `Err(i)` for the item at `i`. One body for
/// both types.
///
/// Errors: `NotImplementedError` for another step, `TypeError` for an
/// index that is no int or slice, `IndexError` out of range.
pub(crate) fn buf_place(vm: &mut Vm, index: Obj, len: usize, what: &str) -> PyResult<Result<(usize, usize), usize>> {
    if let Some((a, b, c)) = slice_indices(vm, index, len)? {
        if c != 1 {
            return Err(not_implemented(vm, msg!("only slices with step=1 (aka None) are supported")));
        }
        return Ok(Ok((a.max(0) as usize, b.max(a).max(0) as usize)));
    }
    if !is_int(vm, index) {
        return Err(indices_error(vm, what, index));
    }
    let i = int_arg(vm, index)?;
    Ok(Err(seq_index(vm, i, len, what)?))
}

/// The bytes of the right side of a slice store into a byte buffer: a
/// buffer, not a str (as MicroPython's arrays). Free it after use.
///
/// Errors: `NotImplementedError: array/bytes required on right side`,
/// `MemoryError`.
pub(crate) fn rhs_buffer<'a>(vm: &mut Vm, v: Obj) -> PyResult<Data<'a>> {
    let data = match vm.str_pinned(v) {
        None => get_buffer(vm, v)?,
        Some(_) => None,
    };
    data.ok_or_else(|| not_implemented(vm, msg!("array/bytes required on right side")))
}

fn ba_append(vm: &mut Vm, a0: Obj, a1: Obj) -> PyResult<Obj> {
    let args = &[a0, a1];
    let x = byte_value(vm, args[1])?;
    let o = unwrap_native(vm, args[0]);
    vm.vec_push(o, data_mut, x)?;
    Ok(Obj::NONE)
}

fn ba_extend(vm: &mut Vm, a0: Obj, a1: Obj) -> PyResult<Obj> {
    let args = &[a0, a1];
    let o = unwrap_native(vm, args[0]);
    if vm.str_pinned(args[1]).is_none() && buffer_ref(vm, args[1]).is_some() {
        extend_from_buffer(vm, o, args[1])?;
        return Ok(Obj::NONE);
    }
    let v = ints_vec(vm, args[1], "")?;
    let r = append_bytes(vm, o, v.as_slice());
    vm.heap.free_vec(v);
    r.map(|()| Obj::NONE)
}

/// `bytearray.append(x)`.
pub static APPEND: BuiltinFun = BuiltinFun::new2(q::append, ba_append);
/// `bytearray.extend(iterable)`.
pub static EXTEND: BuiltinFun = BuiltinFun::new2(q::extend, ba_extend);


/// The `bytearray` type.
pub static BYTEARRAY_TYPE: TypeObj = TypeObj {
    name: q::bytearray.tn(),
    flags: flags::BASETYPE,
    make_new: Some(ba_make_new),
    print: Some(ba_print),
    binary_op: Some(ba_binary_op),
    subscr: Some(ba_subscr),
    ext: &crate::typ::TypeExt { unary_op: Some(bytes_unary_op), iter: Some(super::strutil::new_seq_iter), buffer: Some(ba_buffer), buffer_mut: Some(ba_buffer_mut), ..crate::typ::TypeExt::NONE },
    locals: crate::typ::Locals::of(m::BYTEARRAY_LOCALS),
    ..TypeObj::EMPTY
};

/// A bytearray: header and a growable byte vector (4 words), grown with
/// `Vm::vec_reserve` (in place when the next blocks are free).
#[repr(C)]
pub struct ByteArrayObj {
    /// Header (`bytearray`).
    pub base: crate::obj::ObjBase,
    /// The bytes.
    pub data: GcVec<u8>,
}
