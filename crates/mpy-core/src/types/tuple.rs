//! `tuple`: the built-in type (slots and methods).
//!
//! Follows MicroPython: `tuple(iterable)`, `(1,)` repr, lexicographic
//! comparisons only between tuples (`unsupported types for __lt__:
//! 'tuple', 'list'` otherwise), `+` only with tuples, `*` with ints,
//! hashing from the items, `count` and `index` (`ValueError: object not in
//! sequence`).

use super::seq::{self, native_of};
use super::slice::{is_slice, seq_index, slice_indices};
use crate::obj::Obj;
use crate::objdata::ObjData;
use crate::qstr::{q, Qstr};
use crate::state::Vm;
use crate::typ::{flags, BinaryOp, BuiltinFun, PrintKind, Rom, Subscr, TypeObj, UnaryOp};
use crate::PyResult;
use alloc::string::String;
use alloc::vec::Vec;

/// The items of tuple `o` (or a tuple subclass instance), copied out.
fn items(vm: &Vm, o: Obj) -> Vec<Obj> {
    match vm.heap.get(native_of(vm, o)) {
        Some(ObjData::Tuple(t)) => t.to_vec(),
        _ => Vec::new(),
    }
}

/// Number of items of tuple `o`.
fn tuple_len(vm: &Vm, o: Obj) -> usize {
    match vm.heap.get(native_of(vm, o)) {
        Some(ObjData::Tuple(t)) => t.len(),
        _ => 0,
    }
}

fn tuple_make_new(vm: &mut Vm, _cls: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    if !kw.is_empty() {
        return Err(vm.type_error("function doesn't take keyword arguments"));
    }
    match args {
        [] => vm.new_tuple(&[]),
        [x] => {
            if seq::is_tuple(vm, *x) && native_of(vm, *x) == *x {
                return Ok(*x);
            }
            let l = super::list::list_from_iter(vm, *x)?;
            let v = super::list::list_items(vm, l);
            vm.new_tuple(&v)
        }
        _ => {
            let msg = alloc::format!("function expected at most 1 arguments, got {}", args.len());
            Err(vm.type_error(&msg))
        }
    }
}

fn tuple_print(vm: &mut Vm, o: Obj, out: &mut String, _kind: PrintKind) -> PyResult<()> {
    let v = items(vm, o);
    if v.len() == 1 {
        seq::print_items(vm, &v, "(", ",)", out)
    } else {
        seq::print_items(vm, &v, "(", ")", out)
    }
}

/// The hash of a tuple: a combination of its items' hashes.
///
/// Errors: `TypeError` if an item is unhashable.
pub fn tuple_hash(vm: &mut Vm, o: Obj) -> PyResult<u32> {
    let v = items(vm, o);
    let mut h: u32 = 0x345678;
    for x in v {
        let hx = vm.hash(x)?;
        h = (h ^ hx).wrapping_mul(1_000_003) ^ (h >> 7);
    }
    Ok(h)
}

fn tuple_unary(vm: &mut Vm, op: UnaryOp, o: Obj) -> PyResult<Obj> {
    Ok(match op {
        UnaryOp::Bool => Obj::bool(tuple_len(vm, o) != 0),
        UnaryOp::Len => Obj::small_int(tuple_len(vm, o) as isize),
        UnaryOp::Hash => {
            let h = tuple_hash(vm, o)?;
            Obj::small_int((h >> 1) as isize)
        }
        _ => Obj::NULL,
    })
}

fn tuple_binary(vm: &mut Vm, op: BinaryOp, a: Obj, b: Obj) -> PyResult<Obj> {
    match op {
        BinaryOp::Add | BinaryOp::InplaceAdd => {
            if !seq::is_tuple(vm, b) {
                return Ok(Obj::NULL);
            }
            let mut v = items(vm, a);
            v.extend(items(vm, b));
            vm.make_room(v.len() * core::mem::size_of::<Obj>())?;
            vm.new_tuple(&v)
        }
        BinaryOp::Multiply | BinaryOp::ReverseMultiply | BinaryOp::InplaceMultiply => {
            let Some(n) = seq::repeat_count(vm, b)? else { return Ok(Obj::NULL) };
            let v = items(vm, a);
            let r = seq::repeat_items(vm, &v, n)?;
            vm.new_tuple(&r)
        }
        BinaryOp::Equal | BinaryOp::Less | BinaryOp::LessEqual | BinaryOp::More | BinaryOp::MoreEqual => {
            if !seq::is_tuple(vm, b) {
                return Ok(Obj::NULL);
            }
            let (x, y) = (items(vm, a), items(vm, b));
            Ok(Obj::bool(seq::seq_compare(vm, op, &x, &y)?))
        }
        BinaryOp::Contains => Ok(Obj::bool(seq_contains(vm, native_of(vm, a), b)?)),
        _ => Ok(Obj::NULL),
    }
}

fn tuple_subscr(vm: &mut Vm, o: Obj, index: Obj, op: Subscr) -> PyResult<Obj> {
    if !matches!(op, Subscr::Load) {
        return Ok(Obj::NULL);
    }
    let t = native_of(vm, o);
    if let (Some(i), Some(ObjData::Tuple(v))) = (index.as_small_int(), vm.heap.get(t)) {
        let j = if i < 0 { i + v.len() as isize } else { i };
        if j >= 0 && (j as usize) < v.len() {
            return Ok(v[j as usize]);
        }
    }
    if is_slice(vm, index) {
        let v = items(vm, o);
        let (start, stop, step) = slice_indices(vm, index, v.len())?;
        let r = slice_select(&v, start, stop, step);
        return vm.new_tuple(&r);
    }
    let len = tuple_len(vm, o);
    let i = seq_index(vm, index, len, "tuple")?;
    Ok(seq_item(vm, t, i).unwrap_or(Obj::NONE))
}

/// Item `i` of a list or tuple (None past the end).
pub fn seq_item(vm: &Vm, seq: Obj, i: usize) -> Option<Obj> {
    match vm.heap.get(seq)? {
        ObjData::Tuple(t) => t.get(i).copied(),
        ObjData::List(l) => l.get(i).copied(),
        _ => None,
    }
}

/// `x in seq` for a list or tuple, re-reading the sequence at each step
/// (an `__eq__` may mutate it) and comparing identical items without
/// calling `__eq__` (except floats, for NaN).
pub fn seq_contains(vm: &mut Vm, seq: Obj, x: Obj) -> PyResult<bool> {
    let mut i = 0;
    while let Some(y) = seq_item(vm, seq, i) {
        if vm.eq(y, x)? {
            return Ok(true);
        }
        i += 1;
    }
    Ok(false)
}

/// The items a resolved slice selects from `v`.
pub fn slice_select(v: &[Obj], start: isize, stop: isize, step: isize) -> Vec<Obj> {
    let mut r = Vec::with_capacity(super::slice::slice_len(start, stop, step));
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        if let Some(&x) = v.get(i as usize) {
            r.push(x);
        }
        i += step;
    }
    r
}

fn tuple_iter(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    super::iterators::new_seq_iter(vm, native_of(vm, o))
}

fn tuple_count(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let v = items(vm, args[0]);
    let n = seq::count_items(vm, &v, args[1])?;
    Ok(Obj::small_int(n as isize))
}

fn tuple_index(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let v = items(vm, args[0]);
    match seq::find_index(vm, &v, args[1], args.get(2).copied(), args.get(3).copied())? {
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
    unary_op: Some(tuple_unary),
    binary_op: Some(tuple_binary),
    subscr: Some(tuple_subscr),
    iter: Some(tuple_iter),
    locals: &TUPLE_LOCALS,
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
