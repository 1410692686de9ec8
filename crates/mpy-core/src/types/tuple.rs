//! `tuple`: the built-in type (slots and methods).
//!
//! Follows MicroPython: `tuple(iterable)`, `(1,)` repr, lexicographic
//! comparisons only between tuples (`unsupported types for __lt__:
//! 'tuple', 'list'` otherwise), `+` only with tuples, `*` with ints,
//! hashing from the items, `count` and `index` (`ValueError: object not in
//! sequence`).

use super::seq::{self, native_of};
use super::slice::{is_slice, seq_index, slice_indices};
use crate::heap::Heap;
use crate::obj::{Obj, ObjBase};
use crate::qstr::{q, Qstr};
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{flags, BinaryOp, BuiltinFun, PrintKind, Rom, Subscr, TypeObj, UnaryOp};
use crate::PyResult;

/// The items of tuple `o` (or a tuple subclass instance), pinned (empty
/// for anything else).
fn items<'a>(vm: &Vm, o: Obj) -> &'a [Obj] {
    vm.tuple_pinned(native_of(vm, o)).unwrap_or(&[])
}

/// A new tuple of `n` items written by `init`, which may read other heap
/// objects (e.g. copy a list's items) through the `&Heap` it gets; it
/// returns how many items it wrote.
///
/// Errors: `MemoryError`.
pub fn new_tuple_from_heap(vm: &mut Vm, n: usize, init: impl FnOnce(&Heap, &mut [Obj]) -> usize) -> PyResult<Obj> {
    if n == 0 {
        return vm.new_tuple(&[]);
    }
    vm.alloc_var_with_heap(TupleHead { base: ObjBase::new(&TUPLE_TYPE) }, n, init)
}

/// A new tuple of the items of list or tuple `seq` (a copy of a list's
/// current items; a tuple is returned as it is).
///
/// Errors: `MemoryError`.
pub fn tuple_from_seq(vm: &mut Vm, seq: Obj) -> PyResult<Obj> {
    if vm.tuple_pinned(seq).is_some() {
        return Ok(seq);
    }
    let n = seq::seq_len(vm, seq);
    new_tuple_from_heap(vm, n, |heap, d| {
        let src = heap.get::<super::list::ListObj>(seq).map(|l| l.items.as_slice()).unwrap_or(&[]);
        let k = src.len().min(d.len());
        d[..k].copy_from_slice(&src[..k]);
        k
    })
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

fn tuple_print(vm: &mut Vm, o: Obj, out: &mut Out, _kind: PrintKind) -> PyResult<()> {
    let t = native_of(vm, o);
    if items(vm, t).len() == 1 {
        seq::print_items(vm, t, "(", ",)", out)
    } else {
        seq::print_items(vm, t, "(", ")", out)
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
    Ok(match op {
        UnaryOp::Bool => Obj::bool(!items(vm, o).is_empty()),
        UnaryOp::Len => Obj::small_int(items(vm, o).len() as isize),
        UnaryOp::Hash => {
            let h = tuple_hash(vm, o)?;
            Obj::small_int((h >> 2) as isize)
        }
        _ => Obj::NULL,
    })
}

/// A new tuple of at most `n` items written by `fill` (which returns how
/// many it wrote): one non-generic copy of the allocation for the
/// tuple operators.
///
/// Errors: `MemoryError`.
#[inline(never)]
fn tuple_filled(vm: &mut Vm, n: usize, fill: &mut dyn FnMut(&mut [Obj]) -> usize) -> PyResult<Obj> {
    vm.new_tuple_with(n, fill)
}

fn tuple_binary(vm: &mut Vm, op: BinaryOp, a: Obj, b: Obj) -> PyResult<Obj> {
    match op {
        BinaryOp::Add | BinaryOp::InplaceAdd => {
            if !seq::is_tuple(vm, b) {
                return Ok(Obj::NULL);
            }
            let (x, y) = (items(vm, a), items(vm, b));
            let Some(n) = x.len().checked_add(y.len()) else { return Err(vm.memory_error()) };
            tuple_filled(vm, n, &mut |d| {
                d[..x.len()].copy_from_slice(x);
                d[x.len()..].copy_from_slice(y);
                n
            })
        }
        BinaryOp::Multiply | BinaryOp::ReverseMultiply | BinaryOp::InplaceMultiply => {
            let Some(n) = seq::repeat_count(vm, b)? else { return Ok(Obj::NULL) };
            let x = items(vm, a);
            let Some(total) = x.len().checked_mul(n) else { return Err(vm.memory_error()) };
            if total == 0 {
                return vm.new_tuple(&[]);
            }
            tuple_filled(vm, total, &mut |d| {
                for c in d.chunks_exact_mut(x.len()) {
                    c.copy_from_slice(x);
                }
                total
            })
        }
        BinaryOp::Equal | BinaryOp::Less | BinaryOp::LessEqual | BinaryOp::More | BinaryOp::MoreEqual => {
            if !seq::is_tuple(vm, b) {
                return Ok(Obj::NULL);
            }
            let (x, y) = (native_of(vm, a), native_of(vm, b));
            Ok(Obj::bool(seq::seq_compare(vm, op, x, y)?))
        }
        BinaryOp::Contains => Ok(Obj::bool(seq_contains(vm, native_of(vm, a), b)?)),
        _ => Ok(Obj::NULL),
    }
}

fn tuple_subscr(vm: &mut Vm, o: Obj, index: Obj, op: Subscr) -> PyResult<Obj> {
    if !matches!(op, Subscr::Load) {
        return Ok(Obj::NULL);
    }
    let v = items(vm, o);
    if let Some(i) = index.as_small_int() {
        let j = if i < 0 { i + v.len() as isize } else { i };
        if j >= 0 && (j as usize) < v.len() {
            return Ok(v[j as usize]);
        }
    }
    if is_slice(vm, index) {
        let (start, stop, step) = slice_indices(vm, index, v.len())?;
        let n = super::slice::slice_len(start, stop, step);
        if n == 0 {
            return vm.new_tuple(&[]);
        }
        return tuple_filled(vm, n, &mut |d| slice_select(v, start, stop, step, d));
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

fn tuple_iter(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    super::iterators::new_seq_iter(vm, native_of(vm, o))
}

fn tuple_count(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let t = native_of(vm, args[0]);
    let n = seq::count_items(vm, t, args[1])?;
    Ok(Obj::small_int(n as isize))
}

fn tuple_index(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let t = native_of(vm, args[0]);
    match seq::find_index(vm, t, args[1], args.get(2).copied(), args.get(3).copied())? {
        Some(i) => Ok(Obj::small_int(i as isize)),
        None => Err(vm.value_error("object not in sequence")),
    }
}

static TUPLE_COUNT: BuiltinFun = BuiltinFun::new(q::count, 2, 2, tuple_count);
static TUPLE_INDEX: BuiltinFun = BuiltinFun::new(q::index, 2, 4, tuple_index);
static TUPLE_LOCALS: [(Qstr, Rom); 2] = [(q::count, Rom::Fun(&TUPLE_COUNT)), (q::index, Rom::Fun(&TUPLE_INDEX))];

/// The `tuple` type.
pub static TUPLE_TYPE: TypeObj = TypeObj {
    name: q::tuple,
    flags: flags::BASETYPE,
    make_new: Some(tuple_make_new),
    print: Some(tuple_print),
    binary_op: Some(tuple_binary),
    subscr: Some(tuple_subscr),
    locals: &TUPLE_LOCALS,
    ext: &crate::typ::TypeExt { unary_op: Some(tuple_unary), iter: Some(tuple_iter), ..crate::typ::TypeExt::NONE },
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
