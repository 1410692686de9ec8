//! `set` and `frozenset`: the built-in types (slots and methods).
//!
//! Both keep their items in an insertion-ordered table (values unused).
//! Follows MicroPython: operators `| & - ^` (and in-place forms on sets)
//! need both operands to be sets or frozensets and give the left operand's
//! type; the named methods accept any iterables. Comparisons are subset
//! tests; `set() == frozenset()` is True. Errors: `KeyError(x)` from
//! `remove`, `KeyError: pop from an empty set`; sets are unhashable,
//! frozensets hash from their items (order-independently). Reprs: `{1, 2}`,
//! `set()`, `frozenset({1})`, `frozenset()`.

use crate::typ::Entry;
use super::dict::{dict_entry_at, new_map_copy, DictObj};
use super::seq::{check_recursion, native_of};
use crate::map::Map;
use crate::obj::{Obj, ObjBase};
use crate::qstr::q;
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{flags, BinaryOp, BuiltinFun, PrintKind, Rom, TypeObj, UnaryOp};
use crate::PyResult;

/// Is `o` (or its native part) a set or frozenset?
pub fn is_anyset(vm: &Vm, o: Obj) -> bool {
    native_of(vm, o)
        .ptr_type()
        .is_some_and(|t| core::ptr::eq(t, &SET_TYPE) || core::ptr::eq(t, &FROZENSET_TYPE))
}

fn is_frozen(vm: &Vm, o: Obj) -> bool {
    native_of(vm, o).ptr_type().is_some_and(|t| core::ptr::eq(t, &FROZENSET_TYPE))
}

/// The first item of set `s` (a set or frozenset object, not a subclass
/// instance) at table position `pos` or later, with its position:
/// iterate with `while let Some((p, x)) = set_item_at(vm, s, pos) { ...;
/// pos = p + 1 }`.
#[inline]
pub fn set_item_at(vm: &Vm, s: Obj, pos: usize) -> Option<(usize, Obj)> {
    dict_entry_at(vm, s, pos).map(|(p, k, _)| (p, k))
}

fn set_len(vm: &Vm, o: Obj) -> usize {
    vm.table(native_of(vm, o)).map_or(0, |t| t.len())
}

/// A new empty set (or frozenset).
///
/// Errors: `MemoryError`.
pub fn new_set(vm: &mut Vm, frozen: bool) -> PyResult<Obj> {
    let ty = if frozen { &FROZENSET_TYPE } else { &SET_TYPE };
    vm.alloc_obj(DictObj { base: ObjBase::new(ty), map: Map::new() })
}

/// A new empty set with room for `n` items when `n` is small (at most
/// [`crate::map::LINEAR_MAX`]: BUILD_SET's count, as
/// [`Vm::new_dict_sized`] for BUILD_MAP).
///
/// Errors: `MemoryError`.
#[cfg(not(target_os = "none"))]
pub fn new_set_sized(vm: &mut Vm, n: usize) -> PyResult<Obj> {
    let mut map = Map::new();
    if n <= crate::map::LINEAR_MAX {
        vm.map_reserve_local(&mut map, n)?;
    }
    // The table's buffer is a local until the set holds it: the gc scans
    // the native stack.
    vm.alloc_obj(DictObj { base: ObjBase::new(&SET_TYPE), map })
}

/// A copy of set/frozenset `o`, as a set or a frozenset.
fn copy_as(vm: &mut Vm, o: Obj, frozen: bool) -> PyResult<Obj> {
    let o = native_of(vm, o);
    new_map_copy(vm, if frozen { &FROZENSET_TYPE } else { &SET_TYPE }, o)
}

/// Adds `x` to set (or frozenset under construction) `s`.
///
/// Errors: `TypeError` for unhashable items, `MemoryError`.
pub fn set_add(vm: &mut Vm, s: Obj, x: Obj) -> PyResult<()> {
    let s = native_of(vm, s);
    vm.dict_store(s, x, Obj::NONE)
}

/// Is `x` in set `s`?
fn has(vm: &mut Vm, s: Obj, x: Obj) -> PyResult<bool> {
    let s = native_of(vm, s);
    Ok(super::dict::lookup(vm, s, x)?.is_some())
}

/// Adds every item of iterable `it` to `s`.
fn add_all(vm: &mut Vm, s: Obj, it: Obj) -> PyResult<()> {
    if is_anyset(vm, it) {
        let src = native_of(vm, it);
        let mut pos = 0;
        while let Some((p, x)) = set_item_at(vm, src, pos) {
            set_add(vm, s, x)?;
            pos = p + 1;
        }
        return Ok(());
    }
    let iter = vm.get_iter(it)?;
    while let Some(x) = vm.iter_next(iter)? {
        set_add(vm, s, x)?;
    }
    Ok(())
}

/// `o` as a set object: itself if it is one, else a new set of its items.
fn as_set(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    if is_anyset(vm, o) {
        return Ok(native_of(vm, o));
    }
    let s = new_set(vm, false)?;
    add_all(vm, s, o)?;
    Ok(s)
}

/// `set(...)` and `frozenset(...)` (`cls` tells which).
fn set_make_new(vm: &mut Vm, cls: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    let frozen = cls == Obj::from_type(&FROZENSET_TYPE);
    if !kw.is_empty() {
        return Err(super::strutil::no_kw(vm));
    }
    if args.len() > 1 {
        return Err(super::strutil::too_many_args(vm, 1, args.len()));
    }
    if frozen {
        if let Some(&a) = args.first() {
            if a.ptr_type().is_some_and(|t| core::ptr::eq(t, &FROZENSET_TYPE)) {
                return Ok(a);
            }
        }
    }
    let s = new_set(vm, frozen)?;
    if let Some(&a) = args.first() {
        add_all(vm, s, a)?;
    }
    Ok(s)
}

fn set_print(vm: &mut Vm, o: Obj, out: &mut Out, _kind: PrintKind) -> PyResult<()> {
    check_recursion(vm)?;
    let s = native_of(vm, o);
    let frozen = is_frozen(vm, o);
    if set_len(vm, s) == 0 {
        return out.str(vm, if frozen { "frozenset()" } else { "set()" });
    }
    let (open, close) = if frozen { ("frozenset({", "})") } else { ("{", "}") };
    super::seq::print_entries(vm, s, dict_entry_at, usize::MAX, super::seq::Entry::Key, open, close, out)
}

fn set_unary(vm: &mut Vm, op: UnaryOp, o: Obj) -> PyResult<Obj> {
    Ok(match op {
        UnaryOp::Hash if is_frozen(vm, o) => {
            // Order-independent: a sum of mixed item hashes.
            let s = native_of(vm, o);
            let mut acc = 0x1b2c3d4u32;
            let mut pos = 0;
            while let Some((p, x)) = set_item_at(vm, s, pos) {
                let h = match vm.table(s).and_then(|t| t.hash_at(p)) {
                    Some(h) => h,
                    None => vm.hash(x)?,
                };
                acc = acc.wrapping_add((h ^ (h << 16) ^ 89_869_747).wrapping_mul(3_644_798_167));
                pos = p + 1;
            }
            // 30 bits: a small int on 32-bit targets too.
            Obj::small_int((acc >> 2) as isize)
        }
        _ => return super::seq::sized_unary(vm, op, o, set_len(vm, o), false),
    })
}

/// Is every item of `a` in `b`?
fn subset(vm: &mut Vm, a: Obj, b: Obj) -> PyResult<bool> {
    if set_len(vm, a) > set_len(vm, b) {
        return Ok(false);
    }
    let a = native_of(vm, a);
    let mut pos = 0;
    while let Some((p, x)) = set_item_at(vm, a, pos) {
        if !has(vm, b, x)? {
            return Ok(false);
        }
        pos = p + 1;
    }
    Ok(true)
}

/// Items of `a` whose membership in `b` equals `keep_if_in`, as a new set
/// of type `frozen`.
fn filter_items(vm: &mut Vm, a: Obj, b: Obj, keep_if_in: bool, frozen: bool) -> PyResult<Obj> {
    let r = new_set(vm, frozen)?;
    let a = native_of(vm, a);
    let mut pos = 0;
    while let Some((p, x)) = set_item_at(vm, a, pos) {
        if has(vm, b, x)? == keep_if_in {
            set_add(vm, r, x)?;
        }
        pos = p + 1;
    }
    Ok(r)
}

/// `a ^ b` as a new set of type `frozen`.
fn sym_diff(vm: &mut Vm, a: Obj, b: Obj, frozen: bool) -> PyResult<Obj> {
    let r = filter_items(vm, a, b, false, frozen)?;
    let bn = native_of(vm, b);
    let mut pos = 0;
    while let Some((p, x)) = set_item_at(vm, bn, pos) {
        if !has(vm, a, x)? {
            set_add(vm, r, x)?;
        }
        pos = p + 1;
    }
    Ok(r)
}

/// Gives set `dst` the table of `src` (a fresh result set nothing else
/// refers to: its table is moved, not copied).
fn replace_table(vm: &mut Vm, dst: Obj, src: Obj) {
    let dst = native_of(vm, dst);
    let t = vm.table_mut(src).map(core::mem::take).unwrap_or_default();
    if let Some(d) = vm.table_mut(dst) {
        *d = t;
    }
}

fn set_binary(vm: &mut Vm, op: BinaryOp, a: Obj, b: Obj) -> PyResult<Obj> {
    use BinaryOp::*;
    if op == Contains {
        return Ok(Obj::bool(has(vm, a, b)?));
    }
    if !is_anyset(vm, b) {
        return Ok(Obj::NULL);
    }
    let frozen = is_frozen(vm, a);
    let inplace = matches!(op, InplaceOr | InplaceAnd | InplaceSubtract | InplaceXor) && !frozen;
    let r = match op.non_inplace() {
        Or => {
            let r = copy_as(vm, a, frozen)?;
            add_all(vm, r, b)?;
            r
        }
        And => filter_items(vm, a, b, true, frozen)?,
        Subtract => filter_items(vm, a, b, false, frozen)?,
        Xor => sym_diff(vm, a, b, frozen)?,
        cmp @ (Equal | LessEqual | Less | MoreEqual | More) => {
            // `x <= y` (or `<`, `==`) with `x, y` the operands, swapped
            // for `>=` and `>`.
            let (x, y) = if matches!(cmp, MoreEqual | More) { (b, a) } else { (a, b) };
            let (lx, ly) = (set_len(vm, x), set_len(vm, y));
            let sizes = match cmp {
                Equal => lx == ly,
                Less | More => lx < ly,
                _ => true,
            };
            return Ok(Obj::bool(sizes && subset(vm, x, y)?));
        }
        _ => return Ok(Obj::NULL),
    };
    if inplace {
        replace_table(vm, a, r);
        return Ok(a);
    }
    Ok(r)
}

fn m_add(vm: &mut Vm, a0: Obj, a1: Obj) -> PyResult<Obj> {
    let args = &[a0, a1];
    set_add(vm, args[0], args[1])?;
    Ok(Obj::NONE)
}

fn m_copy(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let args = &[a0];
    let frozen = is_frozen(vm, args[0]);
    copy_as(vm, args[0], frozen)
}

fn m_discard(vm: &mut Vm, a0: Obj, a1: Obj) -> PyResult<Obj> {
    let args = &[a0, a1];
    let s = native_of(vm, args[0]);
    super::dict::remove(vm, s, args[1])?;
    Ok(Obj::NONE)
}

/// `set.__contains__(s, x)` (also on the built-in part of a subclass
/// instance, so an override can call it without recursing).
fn m_contains(vm: &mut Vm, a0: Obj, a1: Obj) -> PyResult<Obj> {
    let args = &[a0, a1];
    let s = native_of(vm, args[0]);
    if !is_anyset(vm, s) {
        return Err(vm.type_error(msg!("argument should be a 'set'")));
    }
    Ok(Obj::bool(has(vm, s, args[1])?))
}

fn m_remove(vm: &mut Vm, a0: Obj, a1: Obj) -> PyResult<Obj> {
    let args = &[a0, a1];
    let s = native_of(vm, args[0]);
    match super::dict::remove(vm, s, args[1])? {
        Some(_) => Ok(Obj::NONE),
        None => Err(vm.key_error(args[1])),
    }
}

fn m_pop(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let args = &[a0];
    let s = native_of(vm, args[0]);
    let e = vm.table_mut(s).and_then(|t| {
        let p = t.next_at(0)?.0;
        t.remove_at(p)
    });
    match e {
        Some(e) => Ok(e.key),
        None => {
            let m = vm.new_str("pop from an empty set")?;
            Err(vm.key_error(m))
        }
    }
}

/// Applies `f(result, other_as_set)` for each other argument, on a copy of
/// `args[0]` (or in place when `in_place`). As MicroPython, `union`,
/// `intersection[_update]` and `symmetric_difference[_update]` take one
/// other argument, `difference[_update]` and `update` any number.
fn multi(
    vm: &mut Vm,
    args: &[Obj],
    in_place: bool,
    f: fn(&mut Vm, Obj, Obj, bool) -> PyResult<Obj>,
) -> PyResult<Obj> {
    let frozen = is_frozen(vm, args[0]);
    let mut r = copy_as(vm, args[0], frozen)?;
    for &o in &args[1..] {
        let other = as_set(vm, o)?;
        r = f(vm, r, other, frozen)?;
    }
    if in_place {
        replace_table(vm, args[0], r);
        return Ok(Obj::NONE);
    }
    Ok(r)
}

fn op_union(vm: &mut Vm, a: Obj, b: Obj, _frozen: bool) -> PyResult<Obj> {
    add_all(vm, a, b)?;
    Ok(a)
}
fn op_inter(vm: &mut Vm, a: Obj, b: Obj, frozen: bool) -> PyResult<Obj> {
    filter_items(vm, a, b, true, frozen)
}
fn op_diff(vm: &mut Vm, a: Obj, b: Obj, frozen: bool) -> PyResult<Obj> {
    filter_items(vm, a, b, false, frozen)
}
fn op_symdiff(vm: &mut Vm, a: Obj, b: Obj, frozen: bool) -> PyResult<Obj> {
    sym_diff(vm, a, b, frozen)
}

fn m_union(vm: &mut Vm, args: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    multi(vm, args, false, op_union)
}
fn m_update(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    for &o in &args[1..] {
        add_all(vm, args[0], o)?;
    }
    Ok(Obj::NONE)
}
fn m_intersection(vm: &mut Vm, args: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    multi(vm, args, false, op_inter)
}
fn m_intersection_update(vm: &mut Vm, args: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    multi(vm, args, true, op_inter)
}
fn m_difference(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    multi(vm, args, false, op_diff)
}
fn m_difference_update(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    multi(vm, args, true, op_diff)
}
fn m_symmetric_difference(vm: &mut Vm, args: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    multi(vm, args, false, op_symdiff)
}
fn m_symmetric_difference_update(vm: &mut Vm, args: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    multi(vm, args, true, op_symdiff)
}

/// `issubset` (`sup` 0) and `issuperset` (1): one body.
fn subset_meth(vm: &mut Vm, h0: Obj, h1: Obj, sup: usize) -> PyResult<Obj> {
    let sup = sup != 0;
    let args = &[h0, h1];
    let b = as_set(vm, args[1])?;
    let (x, y) = if sup { (b, args[0]) } else { (args[0], b) };
    Ok(Obj::bool(subset(vm, x, y)?))
}
fn m_isdisjoint(vm: &mut Vm, a0: Obj, a1: Obj) -> PyResult<Obj> {
    let args = &[a0, a1];
    let b = as_set(vm, args[1])?;
    let mut pos = 0;
    while let Some((p, x)) = set_item_at(vm, b, pos) {
        if has(vm, args[0], x)? {
            return Ok(Obj::FALSE);
        }
        pos = p + 1;
    }
    Ok(Obj::TRUE)
}

const ANY: u16 = u16::MAX;
static S_ADD: BuiltinFun = BuiltinFun::new2(q::add, m_add);
static S_COPY: BuiltinFun = BuiltinFun::new1(q::copy, m_copy);
static S_DIFFERENCE: BuiltinFun = BuiltinFun::new(q::difference, 1, ANY, m_difference);
static S_DIFFERENCE_UPDATE: BuiltinFun = BuiltinFun::new(q::difference_update, 1, ANY, m_difference_update);
static S_DISCARD: BuiltinFun = BuiltinFun::new2(q::discard, m_discard);
static S_INTERSECTION: BuiltinFun = BuiltinFun::new(q::intersection, 2, 2, m_intersection);
static S_INTERSECTION_UPDATE: BuiltinFun = BuiltinFun::new(q::intersection_update, 2, 2, m_intersection_update);
static S_ISDISJOINT: BuiltinFun = BuiltinFun::new2(q::isdisjoint, m_isdisjoint);
static S_ISSUBSET: BuiltinFun = BuiltinFun::new2_at(q::issubset, subset_meth, 0);
static S_ISSUPERSET: BuiltinFun = BuiltinFun::new2_at(q::issuperset, subset_meth, 1);
static S_POP: BuiltinFun = BuiltinFun::new1(q::pop, m_pop);
static S_REMOVE: BuiltinFun = BuiltinFun::new2(q::remove, m_remove);
static S_SYMMETRIC_DIFFERENCE: BuiltinFun = BuiltinFun::new(q::symmetric_difference, 2, 2, m_symmetric_difference);
static S_SYMMETRIC_DIFFERENCE_UPDATE: BuiltinFun =
    BuiltinFun::new(q::symmetric_difference_update, 2, 2, m_symmetric_difference_update);
static S_CONTAINS: BuiltinFun = BuiltinFun::new2(q::__contains__, m_contains);
static S_UNION: BuiltinFun = BuiltinFun::new(q::union, 2, 2, m_union);
static S_UPDATE: BuiltinFun = BuiltinFun::new(q::update, 1, ANY, m_update);

/// `set`'s methods: `frozenset`'s first (its locals are that prefix),
/// then the mutating ones.
static SET_LOCALS: [Entry; 18] = [
    Entry::new(q::__contains__, Rom::Fun(&S_CONTAINS)),
    Entry::new(q::copy, Rom::Fun(&S_COPY)),
    Entry::new(q::difference, Rom::Fun(&S_DIFFERENCE)),
    Entry::new(q::intersection, Rom::Fun(&S_INTERSECTION)),
    Entry::new(q::isdisjoint, Rom::Fun(&S_ISDISJOINT)),
    Entry::new(q::issubset, Rom::Fun(&S_ISSUBSET)),
    Entry::new(q::issuperset, Rom::Fun(&S_ISSUPERSET)),
    Entry::new(q::symmetric_difference, Rom::Fun(&S_SYMMETRIC_DIFFERENCE)),
    Entry::new(q::union, Rom::Fun(&S_UNION)),
    Entry::new(q::add, Rom::Fun(&S_ADD)),
    Entry::new(q::clear, Rom::Fun(&super::dict::CLEAR)),
    Entry::new(q::difference_update, Rom::Fun(&S_DIFFERENCE_UPDATE)),
    Entry::new(q::discard, Rom::Fun(&S_DISCARD)),
    Entry::new(q::intersection_update, Rom::Fun(&S_INTERSECTION_UPDATE)),
    Entry::new(q::pop, Rom::Fun(&S_POP)),
    Entry::new(q::remove, Rom::Fun(&S_REMOVE)),
    Entry::new(q::symmetric_difference_update, Rom::Fun(&S_SYMMETRIC_DIFFERENCE_UPDATE)),
    Entry::new(q::update, Rom::Fun(&S_UPDATE)),
];

/// `frozenset`'s methods: the non-mutating prefix of [`SET_LOCALS`].
const FROZENSET_LOCALS: &[Entry] = SET_LOCALS.split_at(9).0;

/// The `set` type.
pub static SET_TYPE: TypeObj = TypeObj {
    name: q::set.tn(),
    flags: flags::BASETYPE | flags::MAP_LAYOUT,
    make_new: Some(set_make_new),
    print: Some(set_print),
    binary_op: Some(set_binary),
    locals: crate::typ::Locals::of(&SET_LOCALS),
    ext: &crate::typ::TypeExt { unary_op: Some(set_unary), iter: Some(super::dict::dict_iter), ..crate::typ::TypeExt::NONE },
    ..TypeObj::EMPTY
};

/// The `frozenset` type.
pub static FROZENSET_TYPE: TypeObj = TypeObj {
    name: q::frozenset.tn(),
    flags: flags::BASETYPE | flags::MAP_LAYOUT,
    make_new: Some(set_make_new),
    print: Some(set_print),
    binary_op: Some(set_binary),
    locals: crate::typ::Locals::of(FROZENSET_LOCALS),
    ext: &crate::typ::TypeExt { unary_op: Some(set_unary), iter: Some(super::dict::dict_iter), ..crate::typ::TypeExt::NONE },
    ..TypeObj::EMPTY
};
