//! `dict`: the built-in type (slots and methods).
//!
//! Insertion-ordered (the table in [`crate::map`]). Follows MicroPython:
//! `dict(mapping_or_pairs, **kw)` (`ValueError: dict update sequence has
//! wrong length`), `d[k]` raises `KeyError(k)`, `popitem()` takes the last
//! entry (`KeyError: popitem(): dictionary is empty`), `==` compares
//! contents, ordering comparisons are unsupported, unhashable
//! (`unsupported type for __hash__: 'dict'`), repr `{'a': 1}`.
//!
//! `o.__dict__` and `C.__dict__` are snapshots of type [`FIXED_DICT_TYPE`]:
//! dicts to Python (`type(d) is dict`) whose table never changes (every
//! mutation raises a bare `TypeError`, as MicroPython's fixed maps do).
//! The store fast paths test `ty == DICT_TYPE`, so they miss a fixed dict
//! at no extra cost and reach the `subscr` slot, which checks.

use crate::typ::given;
use crate::typ::Entry;
use super::seq::{check_recursion, native_of};
use crate::map::Map;
use crate::obj::{Obj, ObjBase};
use crate::qstr::q;
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{flags, BinaryOp, BuiltinFun, PrintKind, Rom, Subscr, TypeObj, UnaryOp};
use crate::PyResult;

/// The first live entry of the table of dict (or set) `d` at position
/// `pos` or later: `(position, key, value)`. Iterate with
/// `while let Some((p, k, v)) = dict_entry_at(vm, d, pos) { ...; pos = p + 1 }`
/// (tolerates mutation between steps).
#[inline]
pub fn dict_entry_at(vm: &Vm, d: Obj, pos: usize) -> Option<(usize, Obj, Obj)> {
    vm.table(d)?.next_at(pos).map(|(p, e)| (p, e.key, e.value))
}

/// Number of entries of dict `d` (or a dict subclass instance).
pub fn dict_len(vm: &Vm, d: Obj) -> usize {
    vm.table(native_of(vm, d)).map_or(0, |t| t.len())
}

/// A new dict (or set/frozenset, per `ty`) whose table is a copy of the
/// table of `src` (a dict, set or frozenset object).
///
/// Errors: `MemoryError`.
pub fn new_map_copy(vm: &mut Vm, ty: &'static TypeObj, src: Obj) -> PyResult<Obj> {
    let words = vm.table(src).map_or(0, |t| t.buffer_words());
    let buf = vm.new_vec::<usize>(words)?;
    let map = match vm.table(src) {
        Some(t) => Map::copy_from(t, buf).unwrap_or_default(),
        None => Map::new(),
    };
    vm.alloc_obj(DictObj { base: ObjBase::new(ty), map })
}

/// `d[key]` lookup that, like MicroPython, does not hash the key when the
/// table is empty (so `{}[[]]` is a KeyError, not a TypeError).
///
/// Errors: `TypeError` for unhashable keys; a key's `__eq__`.
pub fn lookup(vm: &mut Vm, d: Obj, key: Obj) -> PyResult<Option<Obj>> {
    if vm.table(d).is_none_or(|t| t.is_empty()) {
        return Ok(None);
    }
    vm.dict_lookup(d, key)
}

/// Removes `key` from table `d` (no hashing when empty, see [`lookup`]).
///
/// Errors: as [`lookup`].
pub fn remove(vm: &mut Vm, d: Obj, key: Obj) -> PyResult<Option<Obj>> {
    if vm.table(d).is_none_or(|t| t.is_empty()) {
        return Ok(None);
    }
    vm.dict_remove(d, key)
}

/// Is `t` the type of dicts, fixed ones (see [`FIXED_DICT_TYPE`])
/// included?
#[inline]
pub fn is_dict_type(t: &TypeObj) -> bool {
    core::ptr::eq(t, &DICT_TYPE) || core::ptr::eq(t, &FIXED_DICT_TYPE)
}

/// The type Python sees for built-in type `t`: `dict` for a fixed dict.
#[inline(always)]
pub fn visible_type(t: &'static TypeObj) -> &'static TypeObj {
    if core::ptr::eq(t, &FIXED_DICT_TYPE) {
        &DICT_TYPE
    } else {
        t
    }
}

/// Is `o` exactly a dict (not a subclass instance)?
#[cfg(not(target_os = "none"))]
fn is_exact_dict(o: Obj) -> bool {
    o.ptr_type().is_some_and(is_dict_type)
}

/// Is `o` (or its native part) a dict?
pub fn is_dict(vm: &Vm, o: Obj) -> bool {
    native_of(vm, o).ptr_type().is_some_and(is_dict_type)
}

/// Is `d` a fixed dict ([`FIXED_DICT_TYPE`])?
#[inline]
fn is_fixed(d: Obj) -> bool {
    d.ptr_type().is_some_and(|t| core::ptr::eq(t, &FIXED_DICT_TYPE))
}

/// `Err(TypeError())` if `d` is a fixed dict (before any mutation, even
/// one that would change nothing, as MicroPython).
///
/// Errors: that `TypeError`.
#[cfg_attr(not(target_os = "none"), inline)]
#[cfg_attr(target_os = "none", inline(never))]
pub fn check_not_fixed(vm: &mut Vm, d: Obj) -> PyResult<()> {
    if is_fixed(d) {
        return Err(vm.error_noargs(&super::exception::TYPE_ERROR_TYPE));
    }
    Ok(())
}

/// The table of `d` if it is exactly a dict (not a fixed one, nor a set),
/// for replacing values of existing keys (see `Vm::table_values_mut`).
/// (Boards: any table; `ns_store` refused a fixed dict already.)
#[inline(always)]
pub fn plain_table_values_mut(vm: &mut Vm, d: Obj) -> Option<&mut Map> {
    #[cfg(not(target_os = "none"))]
    if !d.ptr_type().is_some_and(|t| core::ptr::eq(t, &DICT_TYPE)) {
        return None;
    }
    vm.table_values_mut(d)
}

/// Makes dict `d` (fresh, not yet seen by Python code) fixed: a
/// read-only snapshot (`o.__dict__`).
pub fn freeze(vm: &mut Vm, d: Obj) {
    if let Some(x) = vm.heap.get_mut::<DictObj>(d) {
        if core::ptr::eq(x.base.ty, &DICT_TYPE) {
            x.base.ty = &FIXED_DICT_TYPE;
        }
    }
}

/// `d.update(other)`, as MicroPython: a dict's entries (not a subclass
/// instance's), else `other` iterated as 2-item iterables (its `keys()`
/// unused).
///
/// Errors: `ValueError: dict update sequence has wrong length`, and
/// whatever iteration raises.
pub fn dict_update_from(vm: &mut Vm, d: Obj, other: Obj) -> PyResult<()> {
    let d = native_of(vm, d);
    if other.ptr_type().is_some_and(is_dict_type) {
        let mut pos = 0;
        while let Some((p, k, v)) = dict_entry_at(vm, other, pos) {
            vm.dict_store(d, k, v)?;
            pos = p + 1;
        }
        return Ok(());
    }
    let it = vm.get_iter(other)?;
    while let Some(pair) = vm.iter_next(it)? {
        let kv = vm.collect_iter(pair)?;
        let (k, v) = match vm.seq_items(kv) {
            Some(&[k, v]) => (k, v),
            _ => return Err(vm.value_error(crate::msg!("dict update sequence has wrong length"))),
        };
        vm.dict_store(d, k, v)?;
    }
    Ok(())
}

/// Stores flattened keyword pairs `kw` into dict `d`.
///
/// Errors: `MemoryError`.
pub fn dict_update_kw(vm: &mut Vm, d: Obj, kw: &[Obj]) -> PyResult<()> {
    let d = native_of(vm, d);
    for p in kw.chunks_exact(2) {
        vm.dict_store(d, p[0], p[1])?;
    }
    Ok(())
}

fn dict_make_new(vm: &mut Vm, _cls: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    if args.len() > 1 {
        return Err(super::strutil::too_many_args(vm, 1, args.len()));
    }
    // Desktop: room for the keyword pairs (and a plain dict's entries)
    // at once.
    #[cfg(not(target_os = "none"))]
    let d = {
        let n = kw.len() / 2 + args.first().map_or(0, |&o| if is_exact_dict(o) { dict_len(vm, o) } else { 0 });
        vm.new_dict_sized(n)?
    };
    #[cfg(target_os = "none")]
    let d = vm.new_dict()?;
    if let Some(&o) = args.first() {
        dict_update_from(vm, d, o)?;
    }
    dict_update_kw(vm, d, kw)?;
    Ok(d)
}

fn dict_print(vm: &mut Vm, o: Obj, out: &mut Out, _kind: PrintKind) -> PyResult<()> {
    let d = native_of(vm, o);
    super::seq::print_entries(vm, d, dict_entry_at, usize::MAX, super::seq::Entry::KeyValue, "{", "}", out)
}

fn dict_unary(vm: &mut Vm, op: UnaryOp, o: Obj) -> PyResult<Obj> {
    super::seq::sized_unary(vm, op, o, dict_len(vm, o), false)
}

/// `a == b` for two dicts: same keys with equal values.
///
/// Errors: `RuntimeError` on runaway recursion; a key's `__hash__` or
/// `__eq__`, a value's `__eq__`.
pub fn dict_equal(vm: &mut Vm, a: Obj, b: Obj) -> PyResult<bool> {
    check_recursion(vm)?;
    let (a, b) = (native_of(vm, a), native_of(vm, b));
    if dict_len(vm, a) != dict_len(vm, b) {
        return Ok(false);
    }
    let mut pos = 0;
    while let Some((p, k, v)) = dict_entry_at(vm, a, pos) {
        match vm.dict_lookup(b, k)? {
            Some(w) => {
                if !vm.eq(v, w)? {
                    return Ok(false);
                }
            }
            None => return Ok(false),
        }
        pos = p + 1;
    }
    Ok(true)
}

fn dict_binary(vm: &mut Vm, op: BinaryOp, a: Obj, b: Obj) -> PyResult<Obj> {
    match op {
        BinaryOp::Equal => {
            if !is_dict(vm, b) {
                return Ok(Obj::NULL);
            }
            Ok(Obj::bool(dict_equal(vm, a, b)?))
        }
        BinaryOp::Contains => {
            let a = native_of(vm, a);
            Ok(Obj::bool(lookup(vm, a, b)?.is_some()))
        }
        // `d | other` / `d |= other`: like MicroPython, `other` may be
        // anything `update()` accepts.
        BinaryOp::Or | BinaryOp::InplaceOr => {
            if op == BinaryOp::InplaceOr {
                check_not_fixed(vm, a)?;
            }
            let d = if op == BinaryOp::Or { dict_copy(vm, a)? } else { a };
            dict_update_from(vm, d, b)?;
            Ok(d)
        }
        _ => Ok(Obj::NULL),
    }
}

fn dict_subscr(vm: &mut Vm, o: Obj, index: Obj, op: Subscr) -> PyResult<Obj> {
    let d = native_of(vm, o);
    match op {
        Subscr::Load => match lookup(vm, d, index)? {
            Some(v) => Ok(v),
            None => Err(vm.key_error(index)),
        },
        // (A fixed dict: `TypeError`. Desktop dict stores reach this slot
        // only past the fast paths, which test `ty == DICT_TYPE`.)
        Subscr::Store(v) => {
            check_not_fixed(vm, d)?;
            vm.dict_store(d, index, v)?;
            Ok(Obj::NONE)
        }
        Subscr::Delete => {
            check_not_fixed(vm, d)?;
            match remove(vm, d, index)? {
                Some(_) => Ok(Obj::NONE),
                None => Err(vm.key_error(index)),
            }
        }
    }
}

/// The iterator of dict, set or frozenset `o` (or a subclass instance)
/// over its keys: the `iter` slot of all three.
///
/// Errors: `MemoryError`.
pub fn dict_iter(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    let d = native_of(vm, o);
    super::dict_views::new_dict_iter(vm, d, super::dict_views::ViewKind::Keys)
}

fn dict_clear(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let args = &[a0];
    let d = native_of(vm, args[0]);
    check_not_fixed(vm, d)?;
    if let Some(t) = vm.table_mut(d) {
        t.clear();
    }
    Ok(Obj::NONE)
}

fn dict_copy(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let args = &[a0];
    let d = native_of(vm, args[0]);
    new_map_copy(vm, &DICT_TYPE, d)
}

fn dict_fromkeys(vm: &mut Vm, _a0: Obj, a1: Obj, a2: Obj) -> PyResult<Obj> {
    let value = given(&a2).copied().unwrap_or(Obj::NONE);
    let keys = vm.collect_iter(a1)?;
    let d = vm.new_dict()?;
    let mut i = 0;
    while let Some(k) = vm.seq_get(keys, i) {
        vm.dict_store(d, k, value)?;
        i += 1;
    }
    Ok(d)
}

fn dict_get(vm: &mut Vm, a0: Obj, a1: Obj, a2: Obj) -> PyResult<Obj> {
    // Desktop: an exact dict and a key decided without running code.
    #[cfg(not(target_os = "none"))]
    if let Some(m) = vm.table(a0) {
        use crate::runtime::dict::{PROBE_ABSENT, PROBE_UNKNOWN};
        match vm.table_probe(m, a1).0 {
            PROBE_UNKNOWN => {}
            PROBE_ABSENT => return Ok(given(&a2).copied().unwrap_or(Obj::NONE)),
            p => {
                if let Some(e) = m.entry(p) {
                    // (`d[k] = d.get(k, 0) + 1` stores to the same place.)
                    vm.vmstate.dict_hint = p;
                    return Ok(e.value);
                }
            }
        }
    }
    let d = native_of(vm, a0);
    Ok(lookup(vm, d, a1)?.unwrap_or(given(&a2).copied().unwrap_or(Obj::NONE)))
}

/// `dict.__getitem__` / `__setitem__` / `__delitem__` called explicitly:
/// the dict's own item access on `args[0]` (or on the built-in part of a
/// subclass instance, so an override can call it without recursing).
///
/// Errors: `TypeError: argument should be a 'dict'` for a non-dict self;
/// otherwise as `d[k]` (`KeyError`).
fn dict_item(vm: &mut Vm, h0: Obj, h1: Obj, op: Subscr) -> PyResult<Obj> {
    let args = &[h0, h1];
    let d = native_of(vm, args[0]);
    if !is_dict(vm, d) {
        return Err(vm.type_error(crate::msg!("argument should be a 'dict'")));
    }
    vm.subscr(d, args[1], op)
}

fn dict_getitem(vm: &mut Vm, a0: Obj, a1: Obj) -> PyResult<Obj> {
    let args = &[a0, a1];
    dict_item(vm, args[0], args[1], Subscr::Load)
}

fn dict_setitem(vm: &mut Vm, a0: Obj, a1: Obj, a2: Obj) -> PyResult<Obj> {
    let args = &[a0, a1, a2];
    dict_item(vm, args[0], args[1], Subscr::Store(args[2]))
}

fn dict_delitem(vm: &mut Vm, a0: Obj, a1: Obj) -> PyResult<Obj> {
    let args = &[a0, a1];
    dict_item(vm, args[0], args[1], Subscr::Delete)
}

fn dict_pop(vm: &mut Vm, a0: Obj, a1: Obj, a2: Obj) -> PyResult<Obj> {
    let d = native_of(vm, a0);
    check_not_fixed(vm, d)?;
    match remove(vm, d, a1)? {
        Some(v) => Ok(v),
        None => match given(&a2) {
            Some(&def) => Ok(def),
            None => Err(vm.key_error(a1)),
        },
    }
}

fn dict_popitem(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let args = &[a0];
    let d = native_of(vm, args[0]);
    check_not_fixed(vm, d)?;
    let e = vm.table_mut(d).and_then(|t| {
        let p = t.last_pos()?;
        t.remove_at(p)
    });
    match e {
        Some(e) => vm.new_tuple(&[e.key, e.value]),
        None => {
            let m = vm.new_str("popitem(): dictionary is empty")?;
            Err(vm.key_error(m))
        }
    }
}

fn dict_setdefault(vm: &mut Vm, a0: Obj, a1: Obj, a2: Obj) -> PyResult<Obj> {
    let d = native_of(vm, a0);
    check_not_fixed(vm, d)?;
    if let Some(v) = vm.dict_lookup(d, a1)? {
        return Ok(v);
    }
    let v = given(&a2).copied().unwrap_or(Obj::NONE);
    vm.dict_store(d, a1, v)?;
    Ok(v)
}

fn dict_update(vm: &mut Vm, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    if args.len() > 2 {
        return Err(super::strutil::too_many_args(vm, 2, args.len()));
    }
    if let Some(&d) = args.first() {
        check_not_fixed(vm, d)?;
    }
    if let Some(&o) = args.get(1) {
        dict_update_from(vm, args[0], o)?;
    }
    dict_update_kw(vm, args[0], kw)?;
    Ok(Obj::NONE)
}

fn dict_keys(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let args = &[a0];
    let d = native_of(vm, args[0]);
    super::dict_views::new_view(vm, d, super::dict_views::ViewKind::Keys)
}

fn dict_values(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let args = &[a0];
    let d = native_of(vm, args[0]);
    super::dict_views::new_view(vm, d, super::dict_views::ViewKind::Values)
}

fn dict_items(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let args = &[a0];
    let d = native_of(vm, args[0]);
    super::dict_views::new_view(vm, d, super::dict_views::ViewKind::Items)
}

static DICT_GETITEM: BuiltinFun = BuiltinFun::new2(q::__getitem__, dict_getitem);
static DICT_SETITEM: BuiltinFun = BuiltinFun::new3(q::__setitem__, dict_setitem);
static DICT_DELITEM: BuiltinFun = BuiltinFun::new2(q::__delitem__, dict_delitem);
/// `clear` of dicts, sets (one method object for both).
pub static CLEAR: BuiltinFun = BuiltinFun::new1(q::clear, dict_clear);
static DICT_COPY: BuiltinFun = BuiltinFun::new1(q::copy, dict_copy);
static DICT_FROMKEYS: BuiltinFun = BuiltinFun::new_opt(q::fromkeys, 2, 3, dict_fromkeys).class_method();
static DICT_GET: BuiltinFun = BuiltinFun::new_opt(q::get, 2, 3, dict_get);
static DICT_ITEMS: BuiltinFun = BuiltinFun::new1(q::items, dict_items);
static DICT_KEYS: BuiltinFun = BuiltinFun::new1(q::keys, dict_keys);
static DICT_POP: BuiltinFun = BuiltinFun::new_opt(q::pop, 2, 3, dict_pop);
static DICT_POPITEM: BuiltinFun = BuiltinFun::new1(q::popitem, dict_popitem);
static DICT_SETDEFAULT: BuiltinFun = BuiltinFun::new_opt(q::setdefault, 2, 3, dict_setdefault);
static DICT_UPDATE: BuiltinFun = BuiltinFun::new_kw(q::update, 1, dict_update);
static DICT_VALUES: BuiltinFun = BuiltinFun::new1(q::values, dict_values);

static DICT_LOCALS: [Entry; 14] = [
    Entry::new(q::__delitem__, Rom::Fun(&DICT_DELITEM)),
    Entry::new(q::__getitem__, Rom::Fun(&DICT_GETITEM)),
    Entry::new(q::__setitem__, Rom::Fun(&DICT_SETITEM)),
    Entry::new(q::clear, Rom::Fun(&CLEAR)),
    Entry::new(q::copy, Rom::Fun(&DICT_COPY)),
    Entry::new(q::fromkeys, Rom::ClassMethod(&DICT_FROMKEYS)),
    Entry::new(q::get, Rom::Fun(&DICT_GET)),
    Entry::new(q::items, Rom::Fun(&DICT_ITEMS)),
    Entry::new(q::keys, Rom::Fun(&DICT_KEYS)),
    Entry::new(q::pop, Rom::Fun(&DICT_POP)),
    Entry::new(q::popitem, Rom::Fun(&DICT_POPITEM)),
    Entry::new(q::setdefault, Rom::Fun(&DICT_SETDEFAULT)),
    Entry::new(q::update, Rom::Fun(&DICT_UPDATE)),
    Entry::new(q::values, Rom::Fun(&DICT_VALUES)),
];

/// The `dict` type.
pub static DICT_TYPE: TypeObj = TypeObj {
    name: q::dict.tn(),
    flags: flags::BASETYPE | flags::MAP_LAYOUT,
    make_new: Some(dict_make_new),
    print: Some(dict_print),
    binary_op: Some(dict_binary),
    subscr: Some(dict_subscr),
    locals: crate::typ::Locals::of(&DICT_LOCALS),
    ext: &DICT_EXT,
    ..TypeObj::EMPTY
};

static DICT_EXT: crate::typ::TypeExt =
    crate::typ::TypeExt { unary_op: Some(dict_unary), iter: Some(dict_iter), ..crate::typ::TypeExt::NONE };

/// The type of fixed dicts (`o.__dict__`, `C.__dict__`): a dict to Python
/// (`type()` and `__class__` give `dict`, see [`visible_type`]) whose
/// mutations raise `TypeError` (the `subscr` slot and the methods check
/// for it). Not subclassable, never a `make_new` target.
pub static FIXED_DICT_TYPE: TypeObj = TypeObj {
    name: q::dict.tn(),
    flags: flags::MAP_LAYOUT,
    base: Some(&DICT_TYPE),
    print: Some(dict_print),
    binary_op: Some(dict_binary),
    subscr: Some(dict_subscr),
    locals: crate::typ::Locals::of(&DICT_LOCALS),
    ext: &DICT_EXT,
    ..TypeObj::EMPTY
};

/// A dict, set or frozenset: header and a [`Map`] (4 words).
#[repr(C)]
pub struct DictObj {
    /// Header (`dict`, `set`, `frozenset`, ...).
    pub base: ObjBase,
    /// The table.
    pub map: Map,
}

/// Do objects of type `ty` have the [`DictObj`] layout? (Exactly the
/// types flagged [`flags::MAP_LAYOUT`]: dict, set, frozenset and fixed
/// dicts; user classes never carry the flag.)
#[inline(always)]
pub fn has_map_layout(ty: &TypeObj) -> bool {
    ty.flags & flags::MAP_LAYOUT != 0
}
