//! `tuple`: the built-in type (slots and methods).
//!
//! Follows MicroPython: `tuple(iterable)`, `(1,)` repr, lexicographic
//! comparisons only between tuples (`unsupported types for __lt__:
//! 'tuple', 'list'` otherwise), `+` only with tuples, `*` with ints,
//! hashing from the items, `count` and `index` (`ValueError: object not in
//! sequence`).

use crate::typ::Entry;
use super::seq::{self, native_of};
use super::slice::{is_slice, seq_index, slice_indices};
use crate::obj::Obj;
use crate::qstr::q;
use crate::state::Vm;
use crate::typ::{flags, BinaryOp, Rom, Subscr, TypeObj, UnaryOp};
use crate::PyResult;

/// The items of tuple `o` (or a tuple subclass instance), pinned (empty
/// for anything else).
fn items<'a>(vm: &Vm, o: Obj) -> &'a [Obj] {
    vm.tuple_pinned(native_of(vm, o)).unwrap_or(&[])
}

/// A new tuple of the items of list or tuple `seq` (a copy of a list's
/// current items; a tuple is returned as it is).
///
/// Errors: `MemoryError`.
pub fn tuple_from_seq(vm: &mut Vm, seq: Obj) -> PyResult<Obj> {
    if vm.tuple_pinned(seq).is_some() {
        return Ok(seq);
    }
    seq::seq_copy(vm, false, seq, 0, usize::MAX)
}

fn tuple_make_new(vm: &mut Vm, _cls: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    if !kw.is_empty() {
        return Err(super::strutil::no_kw(vm));
    }
    match args {
        [] => vm.new_tuple(&[]),
        [x] => {
            if vm.tuple_pinned(*x).is_some() || vm.heap.get::<super::list::ListObj>(*x).is_some() {
                return tuple_from_seq(vm, *x);
            }
            let l = super::list::list_from_iter(vm, *x)?;
            let t = tuple_from_seq(vm, l);
            if let Some(old) = vm.heap.get_mut::<super::list::ListObj>(l).map(|l| core::mem::take(&mut l.items)) {
                vm.heap.free_vec(old);
            }
            t
        }
        _ => Err(super::strutil::too_many_args(vm, 1, args.len())),
    }
}

/// The hash of a tuple: a combination of its items' hashes.
///
/// Errors: `TypeError` if an item is unhashable.
pub fn tuple_hash(vm: &mut Vm, o: Obj) -> PyResult<u32> {
    let v = items(vm, o);
    let mut h: u32 = 0x345678;
    for &x in v {
        let hx = vm.hash(x)?;
        h = (h ^ hx).wrapping_mul(1_000_003) ^ (h >> 7);
    }
    Ok(h)
}

fn tuple_unary(vm: &mut Vm, op: UnaryOp, o: Obj) -> PyResult<Obj> {
    if op == UnaryOp::Hash {
        let h = tuple_hash(vm, o)?;
        return Ok(Obj::small_int((h >> 2) as isize));
    }
    seq::sized_unary(vm, op, o, items(vm, o).len(), true)
}

fn tuple_binary(vm: &mut Vm, op: BinaryOp, a: Obj, b: Obj) -> PyResult<Obj> {
    seq::seq_binary(vm, op, a, b, false)
}

fn tuple_subscr(vm: &mut Vm, o: Obj, index: Obj, op: Subscr) -> PyResult<Obj> {
    if !matches!(op, Subscr::Load) {
        return Ok(Obj::NULL);
    }
    let v = items(vm, o);
    // Desktop: a small-int index first (boards: `seq_index` below).
    #[cfg(not(target_os = "none"))]
    if let Some(i) = index.as_small_int() {
        let j = if i < 0 { i + v.len() as isize } else { i };
        if j >= 0 && (j as usize) < v.len() {
            return Ok(v[j as usize]);
        }
    }
    if is_slice(vm, index) {
        let (start, stop, step) = slice_indices(vm, index, v.len())?;
        let t = native_of(vm, o);
        return seq::seq_slice(vm, false, t, start, stop, step);
    }
    let i = seq_index(vm, index, v.len(), "tuple")?;
    Ok(v.get(i).copied().unwrap_or(Obj::NONE))
}

/// Item `i` of a list or tuple (None past the end).
#[inline]
pub fn seq_item(vm: &Vm, seq: Obj, i: usize) -> Option<Obj> {
    vm.seq_get(seq, i)
}

/// `x in seq` for a list or tuple, re-reading the sequence at each step
/// (an `__eq__` may mutate it) and comparing identical items without
/// calling `__eq__` (except floats, for NaN).
///
/// Errors: whatever `__eq__` raises.
pub fn seq_contains(vm: &mut Vm, seq: Obj, x: Obj) -> PyResult<bool> {
    let mut i = 0;
    while let Some(y) = vm.seq_get(seq, i) {
        if vm.eq(y, x)? {
            return Ok(true);
        }
        i += 1;
    }
    Ok(false)
}

/// Copies the items a resolved slice `(start, stop, step)` selects from
/// `v` into `dst` (which has room for `slice_len` of them); returns how
/// many it wrote.
pub fn slice_select(v: &[Obj], start: isize, stop: isize, step: isize, dst: &mut [Obj]) -> usize {
    if step == 1 {
        // A run: one copy.
        let src = v.get(start.max(0) as usize..stop.max(start).max(0) as usize).unwrap_or(&[]);
        let k = src.len().min(dst.len());
        dst[..k].copy_from_slice(&src[..k]);
        return k;
    }
    let mut n = 0;
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        if let (Some(&x), Some(slot)) = (v.get(i as usize), dst.get_mut(n)) {
            *slot = x;
            n += 1;
        }
        i += step;
    }
    n
}

static TUPLE_LOCALS: [Entry; 2] = [Entry::new(q::count, Rom::Fun(&seq::COUNT)), Entry::new(q::index, Rom::Fun(&seq::INDEX))];

/// The `tuple` type.
pub static TUPLE_TYPE: TypeObj = TypeObj {
    name: q::tuple.tn(),
    flags: flags::BASETYPE,
    make_new: Some(tuple_make_new),
    print: Some(seq::seq_print),
    binary_op: Some(tuple_binary),
    subscr: Some(tuple_subscr),
    locals: crate::typ::Locals::of(&TUPLE_LOCALS),
    ext: &crate::typ::TypeExt { unary_op: Some(tuple_unary), iter: Some(seq::seq_iter), ..crate::typ::TypeExt::NONE },
    ..TypeObj::EMPTY
};

/// The header of a tuple; its items follow inline (`heap::Var`).
#[repr(C)]
pub struct TupleHead {
    /// Header (`tuple`).
    pub base: crate::obj::ObjBase,
}

/// The empty tuple: a static, so `()` never allocates.
pub static EMPTY_TUPLE: crate::heap::Var<TupleHead> =
    crate::heap::Var::empty(TupleHead { base: crate::obj::ObjBase { ty: &TUPLE_TYPE } });
