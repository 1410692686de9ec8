//! `list`: the built-in type (slots and methods).
//!
//! Follows MicroPython: `list(iterable)`; `+` only with lists, `+=` with
//! any iterable; `*`/`*=` with ints; comparisons only between lists;
//! slicing with any step; slice assignment and deletion with step 1 (other
//! steps raise `NotImplementedError`, as MicroPython does); assigned slices
//! must be tuples or lists (`TypeError: object 'range' isn't a tuple or
//! list`). Errors: `list index out of range`, `pop from empty list`,
//! `object not in sequence`. `sort` is a stable merge sort (see
//! [`sort_items`]).

use super::seq::{self, native_of};
use super::slice::{is_slice, seq_index, slice_indices};
use crate::obj::Obj;
use crate::objdata::ObjData;
use crate::qstr::{q, Qstr};
use crate::state::Vm;
use crate::typ::{flags, BinaryOp, BuiltinFun, PrintKind, Rom, Subscr, TypeObj, UnaryOp};
use crate::types::exception::NOT_IMPLEMENTED_ERROR_TYPE;
use crate::PyResult;
use alloc::string::String;
use alloc::vec::Vec;

const W: usize = core::mem::size_of::<Obj>();

/// The items of list `o` (or a list subclass instance), copied out.
pub fn list_items(vm: &Vm, o: Obj) -> Vec<Obj> {
    match vm.heap.get(native_of(vm, o)) {
        Some(ObjData::List(l)) => l.clone(),
        _ => Vec::new(),
    }
}

fn list_len(vm: &Vm, o: Obj) -> usize {
    match vm.heap.get(native_of(vm, o)) {
        Some(ObjData::List(l)) => l.len(),
        _ => 0,
    }
}

/// Runs `f` on the vector inside list `o` (None if `o` is not a list).
fn with_list<R>(vm: &mut Vm, o: Obj, f: impl FnOnce(&mut Vec<Obj>) -> R) -> Option<R> {
    let o = native_of(vm, o);
    match vm.heap.get_mut(o) {
        Some(ObjData::List(l)) => Some(f(l)),
        _ => None,
    }
}

/// Makes room for `extra` more items in list `o`, charging the heap for
/// the capacity growth.
///
/// Errors: `MemoryError` if the growth does not fit.
pub fn list_reserve(vm: &mut Vm, o: Obj, extra: usize) -> PyResult<()> {
    let Some((len, cap)) = with_list(vm, o, |l| (l.len(), l.capacity())) else { return Ok(()) };
    let Some(need) = len.checked_add(extra) else { return Err(vm.memory_error()) };
    if need <= cap {
        return Ok(());
    }
    let new_cap = need.max(cap * 2).max(4);
    let Some(bytes) = (new_cap - cap).checked_mul(W) else { return Err(vm.memory_error()) };
    vm.make_room(bytes)?;
    let r = with_list(vm, o, |l| {
        let before = l.capacity();
        let ok = l.try_reserve_exact(new_cap - l.len()).is_ok();
        (ok, l.capacity().saturating_sub(before))
    });
    match r {
        Some((true, grown)) => {
            vm.charge(grown * W);
            Ok(())
        }
        Some((false, _)) => Err(vm.memory_error()),
        None => Ok(()),
    }
}

/// `l.append(x)` (also used by the VM's LIST_APPEND).
///
/// Errors: `MemoryError`.
pub fn list_append(vm: &mut Vm, l: Obj, x: Obj) -> PyResult<()> {
    list_reserve(vm, l, 1)?;
    with_list(vm, l, |v| v.push(x));
    Ok(())
}

/// Appends `items` to list `l`.
///
/// Errors: `MemoryError`.
pub fn list_extend_items(vm: &mut Vm, l: Obj, items: &[Obj]) -> PyResult<()> {
    list_reserve(vm, l, items.len())?;
    with_list(vm, l, |v| v.extend_from_slice(items));
    Ok(())
}

/// Appends every item of iterable `it` to list `l` (`l.extend(it)`).
/// Lists and tuples are copied first (so `l.extend(l)` doubles `l`);
/// other iterables are appended item by item, so the heap limit applies
/// as they grow (`list(range(10**10))` is a `MemoryError`).
pub fn list_extend(vm: &mut Vm, l: Obj, it: Obj) -> PyResult<()> {
    if let Some(items) = seq::items_of(vm, it) {
        return list_extend_items(vm, l, &items);
    }
    let iter = vm.get_iter(it)?;
    while let Some(x) = vm.iter_next(iter)? {
        list_append(vm, l, x)?;
    }
    Ok(())
}

/// A new list of the items of iterable `it` (see [`list_extend`]).
pub fn list_from_iter(vm: &mut Vm, it: Obj) -> PyResult<Obj> {
    let l = vm.new_list(Vec::new())?;
    list_extend(vm, l, it)?;
    Ok(l)
}

fn list_make_new(vm: &mut Vm, _cls: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    if !kw.is_empty() {
        return Err(vm.type_error("function doesn't take keyword arguments"));
    }
    match args {
        [] => vm.new_list(Vec::new()),
        [x] => {
            list_from_iter(vm, *x)
        }
        _ => {
            let msg = alloc::format!("function expected at most 1 arguments, got {}", args.len());
            Err(vm.type_error(&msg))
        }
    }
}

fn list_print(vm: &mut Vm, o: Obj, out: &mut String, _kind: PrintKind) -> PyResult<()> {
    let v = list_items(vm, o);
    seq::print_items(vm, &v, "[", "]", out)
}

fn list_unary(vm: &mut Vm, op: UnaryOp, o: Obj) -> PyResult<Obj> {
    Ok(match op {
        UnaryOp::Bool => Obj::bool(list_len(vm, o) != 0),
        UnaryOp::Len => Obj::small_int(list_len(vm, o) as isize),
        UnaryOp::Hash => {
            let msg = alloc::format!("unsupported type for __hash__: '{}'", vm.type_name(o));
            return Err(vm.type_error(&msg));
        }
        _ => Obj::NULL,
    })
}

fn list_binary(vm: &mut Vm, op: BinaryOp, a: Obj, b: Obj) -> PyResult<Obj> {
    match op {
        BinaryOp::Add => {
            if !seq::is_list(vm, b) {
                return Ok(Obj::NULL);
            }
            let mut v = list_items(vm, a);
            v.extend(list_items(vm, b));
            vm.make_room(v.len() * W)?;
            vm.new_list(v)
        }
        BinaryOp::InplaceAdd => {
            list_extend(vm, a, b)?;
            Ok(a)
        }
        BinaryOp::Multiply | BinaryOp::ReverseMultiply | BinaryOp::InplaceMultiply => {
            let Some(n) = seq::repeat_count(vm, b)? else { return Ok(Obj::NULL) };
            let v = list_items(vm, a);
            let r = seq::repeat_items(vm, &v, n)?;
            if op == BinaryOp::InplaceMultiply {
                let old = with_list(vm, a, |l| l.capacity()).unwrap_or(0);
                let cap = r.capacity();
                with_list(vm, a, |l| *l = r);
                vm.charge(cap.saturating_sub(old) * W);
                return Ok(a);
            }
            vm.new_list(r)
        }
        BinaryOp::Equal | BinaryOp::Less | BinaryOp::LessEqual | BinaryOp::More | BinaryOp::MoreEqual => {
            if !seq::is_list(vm, b) {
                return Ok(Obj::NULL);
            }
            let (x, y) = (list_items(vm, a), list_items(vm, b));
            Ok(Obj::bool(seq::seq_compare(vm, op, &x, &y)?))
        }
        BinaryOp::Contains => Ok(Obj::bool(super::tuple::seq_contains(vm, native_of(vm, a), b)?)),
        _ => Ok(Obj::NULL),
    }
}

fn not_implemented(vm: &mut Vm) -> crate::PyErr {
    vm.error_noargs(&NOT_IMPLEMENTED_ERROR_TYPE)
}

fn list_subscr(vm: &mut Vm, o: Obj, index: Obj, op: Subscr) -> PyResult<Obj> {
    let len = list_len(vm, o);
    if is_slice(vm, index) {
        let (start, stop, step) = slice_indices(vm, index, len)?;
        return match op {
            Subscr::Load => {
                let r = with_list(vm, o, |v| super::tuple::slice_select(v, start, stop, step)).unwrap_or_default();
                vm.new_list(r)
            }
            Subscr::Store(value) => {
                if step != 1 {
                    return Err(not_implemented(vm));
                }
                let Some(new) = seq::items_of(vm, value) else {
                    let msg = alloc::format!("object '{}' isn't a tuple or list", vm.type_name(value));
                    return Err(vm.type_error(&msg));
                };
                let (s, e) = (start as usize, (stop.max(start)) as usize);
                let removed = e - s;
                if new.len() > removed {
                    list_reserve(vm, o, new.len() - removed)?;
                }
                with_list(vm, o, |l| {
                    let e = e.min(l.len());
                    let s = s.min(e);
                    l.splice(s..e, new);
                });
                Ok(Obj::NONE)
            }
            Subscr::Delete => {
                if step != 1 {
                    return Err(not_implemented(vm));
                }
                with_list(vm, o, |l| {
                    let e = (stop.max(start) as usize).min(l.len());
                    let s = (start as usize).min(e);
                    l.drain(s..e);
                });
                Ok(Obj::NONE)
            }
        };
    }
    let i = seq_index(vm, index, len, "list")?;
    match op {
        Subscr::Load => Ok(with_list(vm, o, |l| l.get(i).copied()).flatten().unwrap_or(Obj::NONE)),
        Subscr::Store(value) => {
            with_list(vm, o, |l| {
                if let Some(slot) = l.get_mut(i) {
                    *slot = value;
                }
            });
            Ok(Obj::NONE)
        }
        Subscr::Delete => {
            with_list(vm, o, |l| {
                if i < l.len() {
                    l.remove(i);
                }
            });
            Ok(Obj::NONE)
        }
    }
}

fn list_iter(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    super::iterators::new_seq_iter(vm, native_of(vm, o))
}

fn list_append_meth(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    list_append(vm, args[0], args[1])?;
    Ok(Obj::NONE)
}

fn list_extend_meth(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    list_extend(vm, args[0], args[1])?;
    Ok(Obj::NONE)
}

fn list_insert(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let Some(i) = super::slice::int_clamped(vm, args[1]) else {
        let msg = alloc::format!("can't convert {} to int", vm.type_name(args[1]));
        return Err(vm.type_error(&msg));
    };
    list_reserve(vm, args[0], 1)?;
    let x = args[2];
    with_list(vm, args[0], |l| {
        let n = l.len() as isize;
        let j = if i < 0 { (i.saturating_add(n)).max(0) } else { i.min(n) };
        l.insert(j as usize, x);
    });
    Ok(Obj::NONE)
}

fn list_pop(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let len = list_len(vm, args[0]);
    if len == 0 {
        return Err(vm.index_error("pop from empty list"));
    }
    let i = match args.get(1) {
        Some(&ix) => seq_index(vm, ix, len, "list")?,
        None => len - 1,
    };
    let r = with_list(vm, args[0], |l| if i < l.len() { Some(l.remove(i)) } else { None }).flatten();
    match r {
        Some(x) => Ok(x),
        None => Err(vm.index_error("list index out of range")),
    }
}

fn list_remove(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let v = list_items(vm, args[0]);
    match seq::find_index(vm, &v, args[1], None, None)? {
        Some(i) => {
            let x = v[i];
            // Remove by identity at or near `i` (the list may have changed).
            with_list(vm, args[0], |l| {
                if l.get(i) == Some(&x) {
                    l.remove(i);
                } else if let Some(j) = l.iter().position(|&y| y == x) {
                    l.remove(j);
                }
            });
            Ok(Obj::NONE)
        }
        None => Err(vm.value_error("object not in sequence")),
    }
}

fn list_index(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let v = list_items(vm, args[0]);
    for &a in &args[2..] {
        if super::slice::int_clamped(vm, a).is_none() {
            let msg = alloc::format!("list indices must be integers, not {}", vm.type_name(a));
            return Err(vm.type_error(&msg));
        }
    }
    match seq::find_index(vm, &v, args[1], args.get(2).copied(), args.get(3).copied())? {
        Some(i) => Ok(Obj::small_int(i as isize)),
        None => Err(vm.value_error("object not in sequence")),
    }
}

fn list_count(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let v = list_items(vm, args[0]);
    let n = seq::count_items(vm, &v, args[1])?;
    Ok(Obj::small_int(n as isize))
}

fn list_clear(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    with_list(vm, args[0], |l| l.clear());
    Ok(Obj::NONE)
}

fn list_copy(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let v = list_items(vm, args[0]);
    vm.new_list(v)
}

fn list_reverse(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    with_list(vm, args[0], |l| l.reverse());
    Ok(Obj::NONE)
}

/// Sorts `items` stably by `key(item)` (or the items themselves when `key`
/// is None), comparing with `vm.less`, descending when `reverse`. Keys and
/// items are kept on `vm.roots` while Python code runs. If a key function
/// or a comparison raises, the error is returned and `items` is left as it
/// was.
pub fn sort_items(vm: &mut Vm, items: &mut [Obj], key: Obj, reverse: bool) -> PyResult<()> {
    let n = items.len();
    if n < 2 {
        return Ok(());
    }
    let base = vm.roots.len();
    vm.roots.extend_from_slice(items);
    let r = (|| -> PyResult<Vec<usize>> {
        let keys_at = if key == Obj::NONE {
            base
        } else {
            let kb = vm.roots.len();
            for i in 0..n {
                let x = vm.roots[base + i];
                let k = vm.call(key, &[x], &[])?;
                vm.roots.push(k);
            }
            kb
        };
        merge_sort(vm, keys_at, n, reverse)
    })();
    let roots = vm.roots.split_off(base);
    let order = r?;
    for (dst, &src) in items.iter_mut().zip(order.iter()) {
        *dst = roots[src];
    }
    Ok(())
}

/// Bottom-up merge sort of positions `0..n`, comparing `vm.roots[keys_at +
/// i]`. A right-run element moves before a left-run one only when strictly
/// smaller (larger when `reverse`), so equal keys keep their order.
fn merge_sort(vm: &mut Vm, keys_at: usize, n: usize, reverse: bool) -> PyResult<Vec<usize>> {
    let mut a: Vec<usize> = (0..n).collect();
    let mut b: Vec<usize> = alloc::vec![0; n];
    let mut width = 1;
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            let (mut i, mut j, mut k) = (lo, mid, lo);
            while i < mid && j < hi {
                let (ki, kj) = (vm.roots[keys_at + a[i]], vm.roots[keys_at + a[j]]);
                let take_right = if reverse {
                    vm.less(ki, kj)?
                } else {
                    match vm.less(kj, ki) {
                        Ok(b) => b,
                        // Report unorderable items in list order, as
                        // MicroPython's sort (which compares earlier < later)
                        // does.
                        Err(e) => return Err(vm.less(ki, kj).err().unwrap_or(e)),
                    }
                };
                if take_right {
                    b[k] = a[j];
                    j += 1;
                } else {
                    b[k] = a[i];
                    i += 1;
                }
                k += 1;
            }
            b[k..k + (mid - i)].copy_from_slice(&a[i..mid]);
            k += mid - i;
            b[k..k + (hi - j)].copy_from_slice(&a[j..hi]);
            lo = hi;
        }
        core::mem::swap(&mut a, &mut b);
        width *= 2;
    }
    Ok(a)
}

/// Parses `key=`/`reverse=` keywords for `sort`/`sorted`.
pub fn sort_kw(vm: &mut Vm, kw: &[Obj]) -> PyResult<(Obj, bool)> {
    seq::kw_check(vm, kw, &["key", "reverse"])?;
    let key = seq::kw_get(vm, kw, "key").unwrap_or(Obj::NONE);
    let reverse = match seq::kw_get(vm, kw, "reverse") {
        Some(r) => vm.is_true(r)?,
        None => false,
    };
    Ok((key, reverse))
}

fn list_sort(vm: &mut Vm, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    if args.len() > 1 {
        return Err(vm.type_error("extra positional arguments given"));
    }
    let (key, reverse) = sort_kw(vm, kw)?;
    let mut v = list_items(vm, args[0]);
    sort_items(vm, &mut v, key, reverse)?;
    with_list(vm, args[0], |l| *l = v);
    Ok(Obj::NONE)
}

static LIST_APPEND: BuiltinFun = BuiltinFun::new(q::append, 2, 2, list_append_meth);
static LIST_CLEAR: BuiltinFun = BuiltinFun::new(q::clear, 1, 1, list_clear);
static LIST_COPY: BuiltinFun = BuiltinFun::new(q::copy, 1, 1, list_copy);
static LIST_COUNT: BuiltinFun = BuiltinFun::new(q::count, 2, 2, list_count);
static LIST_EXTEND: BuiltinFun = BuiltinFun::new(q::extend, 2, 2, list_extend_meth);
static LIST_INDEX: BuiltinFun = BuiltinFun::new(q::index, 2, 4, list_index);
static LIST_INSERT: BuiltinFun = BuiltinFun::new(q::insert, 3, 3, list_insert);
static LIST_POP: BuiltinFun = BuiltinFun::new(q::pop, 1, 2, list_pop);
static LIST_REMOVE: BuiltinFun = BuiltinFun::new(q::remove, 2, 2, list_remove);
static LIST_REVERSE: BuiltinFun = BuiltinFun::new(q::reverse, 1, 1, list_reverse);
static LIST_SORT: BuiltinFun = BuiltinFun::new_kw(q::sort, 1, list_sort);

static LIST_LOCALS: [(Qstr, Rom); 11] = [
    (q::append, Rom::Fun(&LIST_APPEND)),
    (q::clear, Rom::Fun(&LIST_CLEAR)),
    (q::copy, Rom::Fun(&LIST_COPY)),
    (q::count, Rom::Fun(&LIST_COUNT)),
    (q::extend, Rom::Fun(&LIST_EXTEND)),
    (q::index, Rom::Fun(&LIST_INDEX)),
    (q::insert, Rom::Fun(&LIST_INSERT)),
    (q::pop, Rom::Fun(&LIST_POP)),
    (q::remove, Rom::Fun(&LIST_REMOVE)),
    (q::reverse, Rom::Fun(&LIST_REVERSE)),
    (q::sort, Rom::Fun(&LIST_SORT)),
];

/// The `list` type.
pub static LIST_TYPE: TypeObj = TypeObj {
    name: q::list,
    flags: flags::BASETYPE,
    make_new: Some(list_make_new),
    print: Some(list_print),
    unary_op: Some(list_unary),
    binary_op: Some(list_binary),
    subscr: Some(list_subscr),
    iter: Some(list_iter),
    locals: &LIST_LOCALS,
    ..TypeObj::EMPTY
};

/// A list: header and a growable item vector (4 words).
#[repr(C)]
pub struct ListObj {
    /// Header (`list`).
    pub base: crate::obj::ObjBase,
    /// The items.
    pub items: crate::heap::GcVec<Obj>,
}
