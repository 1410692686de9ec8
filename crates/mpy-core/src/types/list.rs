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

use crate::typ::given;
use crate::typ::Entry;
use super::seq::{self, native_of};
use super::slice::{is_slice, seq_index, slice_indices};
use crate::heap::GcVec;
use crate::obj::{Obj, ObjBase};
use crate::qstr::q;
use crate::state::Vm;
use crate::typ::{flags, BinaryOp, BuiltinFun, Rom, Subscr, TypeObj, UnaryOp};
use crate::types::exception::NOT_IMPLEMENTED_ERROR_TYPE;
use crate::PyResult;

/// The item vector of a list (the accessor `Vm::vec_reserve` takes).
#[inline(always)]
fn items_field(l: &mut ListObj) -> &mut GcVec<Obj> {
    &mut l.items
}

/// The items of list `o` (or a list subclass instance), borrowed (empty
/// for anything else).
#[inline]
pub fn list_items(vm: &Vm, o: Obj) -> &[Obj] {
    vm.list_items(native_of(vm, o)).unwrap_or(&[])
}

/// Number of items of list `o` (or a list subclass instance).
#[inline]
pub fn list_len(vm: &Vm, o: Obj) -> usize {
    list_items(vm, o).len()
}

/// The item vector of list `o` (or a list subclass instance), mutably.
#[inline]
fn items_mut(vm: &mut Vm, o: Obj) -> Option<&mut GcVec<Obj>> {
    let o = native_of(vm, o);
    vm.heap.get_mut::<ListObj>(o).map(|l| &mut l.items)
}

/// Replaces the items of list `o` by `v` (the old buffer is given back to
/// the heap at once: only the list refers to it).
fn set_items(vm: &mut Vm, o: Obj, v: GcVec<Obj>) {
    match items_mut(vm, o) {
        Some(items) => {
            let old = core::mem::replace(items, v);
            vm.heap.free_vec(old);
        }
        None => vm.heap.free_vec(v),
    }
}

/// Makes room for `extra` more items in list `o`, growing its buffer in
/// place when the blocks after it are free (else moving it, about 1.5x).
///
/// Errors: `MemoryError` if the growth does not fit.
pub fn list_reserve(vm: &mut Vm, o: Obj, extra: usize) -> PyResult<()> {
    let o = native_of(vm, o);
    vm.vec_reserve::<ListObj, Obj>(o, items_field, extra)
}

/// `l.append(x)` (also used by the VM's LIST_APPEND): amortised O(1).
///
/// Errors: `MemoryError`.
#[inline]
pub fn list_append(vm: &mut Vm, l: Obj, x: Obj) -> PyResult<()> {
    let l = native_of(vm, l);
    vm.vec_push::<ListObj, Obj>(l, items_field, x)
}

/// Appends `items` (a Rust slice, not borrowed from the heap) to list `l`.
///
/// Errors: `MemoryError`.
pub fn list_extend_items(vm: &mut Vm, l: Obj, items: &[Obj]) -> PyResult<()> {
    list_reserve(vm, l, items.len())?;
    if let Some(v) = items_mut(vm, l) {
        v.extend_within_capacity(items);
    }
    Ok(())
}

/// Appends the items of list or tuple `src` (not a subclass instance) to
/// list `l`; `src` may be `l` itself (`l.extend(l)` doubles it).
///
/// Errors: `MemoryError`.
pub fn list_extend_from_seq(vm: &mut Vm, l: Obj, src: Obj) -> PyResult<()> {
    let n = seq::seq_len(vm, src);
    list_reserve(vm, l, n)?;
    // Desktop: another list's items copied at once into `l`'s vector
    // (taken out of `l` meanwhile; nothing allocates until it is back).
    #[cfg(not(target_os = "none"))]
    if let Some(ln) = Some(native_of(vm, l)).filter(|&ln| ln != src && vm.list_items(src).is_some()) {
        if let Some(mut v) = vm.heap.get_mut::<ListObj>(ln).map(|x| core::mem::take(&mut x.items)) {
            v.extend_within_capacity(vm.list_items(src).unwrap_or(&[]));
            match vm.heap.get_mut::<ListObj>(ln) {
                Some(x) => x.items = v,
                None => vm.heap.free_vec(v),
            }
            return Ok(());
        }
    }
    if let Some(t) = vm.tuple_pinned(src) {
        if let Some(v) = items_mut(vm, l) {
            v.extend_within_capacity(t);
        }
        return Ok(());
    }
    for i in 0..n {
        let Some(x) = vm.seq_get(src, i) else { break };
        if let Some(v) = items_mut(vm, l) {
            let _ = v.push_within_capacity(x);
        }
    }
    Ok(())
}

/// Appends every item of iterable `it` to list `l` (`l.extend(it)`).
/// Lists and tuples are copied whole (so `l.extend(l)` doubles `l`);
/// other iterables are appended item by item, so the heap limit applies
/// as they grow (`list(range(10**10))` is a `MemoryError`).
///
/// Errors: `MemoryError`; `TypeError` if `it` is not iterable; whatever
/// the iterator raises.
pub fn list_extend(vm: &mut Vm, l: Obj, it: Obj) -> PyResult<()> {
    let src = native_of(vm, it);
    if vm.seq_items(src).is_some() {
        return list_extend_from_seq(vm, l, src);
    }
    #[cfg(not(target_os = "none"))]
    if extend_from_table(vm, l, it)? {
        return Ok(());
    }
    // Desktop: a generator drained straight into `l`.
    #[cfg(not(target_os = "none"))]
    if it.ptr_type().is_some_and(|t| core::ptr::eq(t, &super::misc::GENERATOR_TYPE)) {
        return crate::vm::gen::drain_into(vm, it, l);
    }
    let iter = vm.get_iter(it)?;
    while let Some(x) = vm.iter_next(iter)? {
        list_append(vm, l, x)?;
    }
    Ok(())
}

/// Desktop [`list_extend`] from a dict, set or frozenset (its keys) or a
/// dict's keys or values view: the entries copied straight from the
/// table, in the order its iterator yields them (no code runs between
/// them). False (nothing done) for any other iterable.
///
/// Errors: `MemoryError`.
#[cfg(not(target_os = "none"))]
fn extend_from_table(vm: &mut Vm, l: Obj, it: Obj) -> PyResult<bool> {
    use super::dict_views::{DictViewObj, ViewKind, DICT_VIEW_TYPE};
    let Some(t) = it.ptr_type() else { return Ok(false) };
    let (d, values) = if super::dict::has_map_layout(t) {
        (it, false)
    } else if core::ptr::eq(t, &DICT_VIEW_TYPE) {
        match vm.heap.get::<DictViewObj>(it).map(|v| (v.dict, v.kind)) {
            Some((d, ViewKind::Keys)) => (d, false),
            Some((d, ViewKind::Values)) => (d, true),
            _ => return Ok(false),
        }
    } else {
        return Ok(false);
    };
    let n = vm.table(d).map_or(0, |m| m.len());
    list_reserve(vm, l, n)?;
    let ln = native_of(vm, l);
    let Some(mut v) = vm.heap.get_mut::<ListObj>(ln).map(|x| core::mem::take(&mut x.items)) else { return Ok(false) };
    if let Some(m) = vm.table(d) {
        for e in m.iter() {
            let _ = v.push_within_capacity(if values { e.value } else { e.key });
        }
    }
    match vm.heap.get_mut::<ListObj>(ln) {
        Some(x) => x.items = v,
        None => vm.heap.free_vec(v),
    }
    Ok(true)
}

/// A new list of the items of iterable `it` (see [`list_extend`]).
///
/// Errors: as [`list_extend`].
pub fn list_from_iter(vm: &mut Vm, it: Obj) -> PyResult<Obj> {
    let n = vm.seq_items(native_of(vm, it)).map_or(0, |v| v.len());
    let l = vm.new_list_with_capacity(n)?;
    list_extend(vm, l, it)?;
    Ok(l)
}

/// A new list of items `a..b` of list or tuple `seq` (clamped).
///
/// Errors: `MemoryError`.
pub fn list_from_range(vm: &mut Vm, seq: Obj, a: usize, b: usize) -> PyResult<Obj> {
    seq::seq_copy(vm, true, seq, a, b)
}

fn list_make_new(vm: &mut Vm, _cls: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    if !kw.is_empty() {
        return Err(super::strutil::no_kw(vm));
    }
    match args {
        [] => vm.new_list(&[]),
        [x] => list_from_iter(vm, *x),
        _ => Err(super::strutil::too_many_args(vm, 1, args.len())),
    }
}

fn list_unary(vm: &mut Vm, op: UnaryOp, o: Obj) -> PyResult<Obj> {
    seq::sized_unary(vm, op, o, list_len(vm, o), false)
}

fn list_binary(vm: &mut Vm, op: BinaryOp, a: Obj, b: Obj) -> PyResult<Obj> {
    match op {
        BinaryOp::InplaceAdd => {
            list_extend(vm, a, b)?;
            Ok(a)
        }
        // `l *= n` makes a new list, as MicroPython.
        _ => seq::seq_binary(vm, op, a, b, true),
    }
}

fn not_implemented(vm: &mut Vm) -> crate::PyErr {
    vm.error_noargs(&NOT_IMPLEMENTED_ERROR_TYPE)
}

/// `l[start:stop] = value` (step 1): `value` must be a tuple or list (a
/// snapshot is taken first, so `l[:] = l` works).
///
/// Errors: `TypeError: object 'range' isn't a tuple or list`;
/// `MemoryError`.
fn list_store_slice(vm: &mut Vm, o: Obj, start: isize, stop: isize, value: Obj) -> PyResult<()> {
    let src = native_of(vm, value);
    let mut tmp: GcVec<Obj> = GcVec::new();
    let new: &[Obj] = if let Some(t) = vm.tuple_pinned(src) {
        t
    } else if let Some(items) = vm.list_items(src) {
        let n = items.len();
        tmp = vm.new_vec(n)?;
        tmp.extend_within_capacity(vm.list_items(src).unwrap_or(&[]));
        tmp.as_slice()
    } else {
        let tn = super::strutil::type_name(vm, value);
        return Err(vm.type_error_fmt(msg!("object '{}' isn't a tuple or list"), &[tn.into()]));
    };
    let m = new.len();
    let (s, e) = (start.max(0) as usize, stop.max(start).max(0) as usize);
    let removed = e - s;
    if m > removed {
        list_reserve(vm, o, m - removed)?;
    }
    if let Some(v) = items_mut(vm, o) {
        let n = v.len();
        let e = e.min(n);
        let s = s.min(e);
        let new_len = n - (e - s) + m;
        if new_len > n {
            v.resize_within_capacity(new_len, Obj::NONE);
        }
        let all = v.full_slice_mut();
        all.copy_within(e..n, s + m);
        all[s..s + m].copy_from_slice(new);
        v.truncate(new_len);
    }
    vm.heap.free_vec(tmp);
    Ok(())
}

fn list_subscr(vm: &mut Vm, o: Obj, index: Obj, op: Subscr) -> PyResult<Obj> {
    let len = list_len(vm, o);
    if is_slice(vm, index) {
        let (start, stop, step) = slice_indices(vm, index, len)?;
        return match op {
            Subscr::Load => {
                let l = native_of(vm, o);
                seq::seq_slice(vm, true, l, start, stop, step)
            }
            Subscr::Store(_) | Subscr::Delete => {
                if step != 1 {
                    return Err(not_implemented(vm));
                }
                // `del l[a:b]` stores an empty slice.
                let value = match op {
                    Subscr::Store(v) => v,
                    _ => vm.new_tuple(&[])?,
                };
                list_store_slice(vm, o, start, stop, value)?;
                Ok(Obj::NONE)
            }
        };
    }
    let i = seq_index(vm, index, len, "list")?;
    match op {
        Subscr::Load => Ok(list_items(vm, o).get(i).copied().unwrap_or(Obj::NONE)),
        Subscr::Store(value) => {
            if let Some(slot) = items_mut(vm, o).and_then(|v| v.as_mut_slice().get_mut(i)) {
                *slot = value;
            }
            Ok(Obj::NONE)
        }
        Subscr::Delete => {
            if let Some(v) = items_mut(vm, o) {
                v.remove(i);
            }
            Ok(Obj::NONE)
        }
    }
}

fn list_append_meth(vm: &mut Vm, a0: Obj, a1: Obj) -> PyResult<Obj> {
    let args = &[a0, a1];
    // Desktop: a list (exactly) with room in its buffer.
    #[cfg(not(target_os = "none"))]
    if let Some(l) = vm.heap.get_mut::<ListObj>(args[0]) {
        if l.items.push_within_capacity(args[1]).is_ok() {
            return Ok(Obj::NONE);
        }
        if l.items.capacity() == 0 {
            return first_append(vm, args[0], args[1]);
        }
    }
    list_append(vm, args[0], args[1])?;
    Ok(Obj::NONE)
}

/// Appends `x` to list `l` (exactly a list) that has no buffer yet
/// (desktop: `append` and comprehensions): a buffer of 4 items (what
/// growing gives it) from the allocator's fast path, without the general
/// growth's search for room in place and move of the items.
///
/// Returns None (`append`'s result). Errors: `MemoryError`.
#[cfg(not(target_os = "none"))]
#[inline(never)]
pub(crate) fn first_append(vm: &mut Vm, l: Obj, x: Obj) -> PyResult<Obj> {
    if let Ok(mut v) = vm.new_vec::<Obj>(4) {
        let _ = v.push_within_capacity(x);
        match vm.heap.get_mut::<ListObj>(l) {
            Some(lo) if lo.items.capacity() == 0 => {
                lo.items = v;
                return Ok(Obj::NONE);
            }
            _ => vm.heap.free_vec(v),
        }
    }
    list_append(vm, l, x)?;
    Ok(Obj::NONE)
}

fn list_extend_meth(vm: &mut Vm, a0: Obj, a1: Obj) -> PyResult<Obj> {
    let args = &[a0, a1];
    list_extend(vm, args[0], args[1])?;
    Ok(Obj::NONE)
}

fn list_insert(vm: &mut Vm, a0: Obj, a1: Obj, a2: Obj) -> PyResult<Obj> {
    let args = &[a0, a1, a2];
    let Some(i) = super::slice::int_clamped(vm, args[1]) else {
        return Err(super::strutil::cant_convert(vm, args[1], "int"));
    };
    list_reserve(vm, args[0], 1)?;
    let x = args[2];
    if let Some(v) = items_mut(vm, args[0]) {
        let n = v.len() as isize;
        let j = if i < 0 { (i.saturating_add(n)).max(0) } else { i.min(n) };
        let _ = v.insert_within_capacity(j as usize, x);
    }
    Ok(Obj::NONE)
}

fn list_pop(vm: &mut Vm, a0: Obj, a1: Obj, _a2: Obj) -> PyResult<Obj> {
    let len = list_len(vm, a0);
    if len == 0 {
        return Err(vm.index_error(msg!("pop from empty list")));
    }
    let i = match given(&a1) {
        Some(&ix) => seq_index(vm, ix, len, "list")?,
        None => len - 1,
    };
    match items_mut(vm, a0).and_then(|v| v.remove(i)) {
        Some(x) => Ok(x),
        None => Err(super::strutil::index_range_error(vm, "list")),
    }
}

fn list_remove(vm: &mut Vm, a0: Obj, a1: Obj) -> PyResult<Obj> {
    let args = &[a0, a1];
    let l = native_of(vm, args[0]);
    match seq::find_index(vm, l, args[1], None, None)? {
        Some(i) => {
            let Some(x) = vm.seq_get(l, i) else { return Ok(Obj::NONE) };
            // Remove by identity at or near `i` (the list may have changed).
            if let Some(v) = items_mut(vm, l) {
                if v.as_slice().get(i) == Some(&x) {
                    v.remove(i);
                } else if let Some(j) = v.as_slice().iter().position(|&y| y == x) {
                    v.remove(j);
                }
            }
            Ok(Obj::NONE)
        }
        None => Err(super::strutil::not_in_sequence(vm)),
    }
}

fn list_clear(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let args = &[a0];
    set_items(vm, args[0], GcVec::new());
    Ok(Obj::NONE)
}

fn list_copy(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let args = &[a0];
    let l = native_of(vm, args[0]);
    list_from_range(vm, l, 0, usize::MAX)
}

fn list_reverse(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let args = &[a0];
    if let Some(v) = items_mut(vm, args[0]) {
        v.as_mut_slice().reverse();
    }
    Ok(Obj::NONE)
}

/// Sorts list `l` (or a list subclass instance) in place, stably, by
/// `key(item)` (or the items themselves when `key` is None), comparing
/// with `vm.less`, descending when `reverse`. The sort works on a copy of
/// the items (and of the keys) in the gc heap and stores the result when
/// it is done: if a key function or a comparison raises, the error is
/// returned and the list is left as it was.
///
/// Errors: `MemoryError` if the working buffers do not fit; whatever the
/// key function or the comparisons raise.
pub fn sort_items(vm: &mut Vm, l: Obj, key: Obj, reverse: bool) -> PyResult<()> {
    let n = list_len(vm, l);
    if n < 2 {
        return Ok(());
    }
    let mut items: GcVec<Obj> = vm.new_vec(n)?;
    items.extend_within_capacity(list_items(vm, l));
    let mut keys: GcVec<Obj> = GcVec::new();
    if key != Obj::NONE {
        keys = vm.new_vec(n)?;
        for i in 0..n {
            let x = items.as_slice()[i];
            let k = vm.call(key, &[x], &[])?;
            let _ = keys.push_within_capacity(k);
        }
    }
    let r = merge_sort(vm, &mut items, &mut keys, reverse);
    vm.heap.free_vec(keys);
    match r {
        Ok(()) => {
            set_items(vm, l, items);
            Ok(())
        }
        Err(e) => {
            vm.heap.free_vec(items);
            Err(e)
        }
    }
}

/// Binary insertion sort of `items` by `keys` (or by the items
/// themselves when `keys` is empty), in place, moving both together: the
/// boards' small body (O(n log n) comparisons, as [`merge_sort`], but
/// O(n^2) moves). An item goes before an earlier one only when strictly
/// smaller (larger when `reverse`), so equal keys keep their order.
///
/// Errors: whatever comparisons raise.
#[cfg(target_os = "none")]
fn merge_sort(vm: &mut Vm, items: &mut GcVec<Obj>, keys: &mut GcVec<Obj>, reverse: bool) -> PyResult<()> {
    let keyed = !keys.is_empty();
    for i in 1..items.len() {
        let kx = if keyed { keys.as_slice()[i] } else { items.as_slice()[i] };
        let (mut lo, mut hi) = (0, i);
        while lo < hi {
            let mid = (lo + hi) / 2;
            let km = if keyed { keys.as_slice()[mid] } else { items.as_slice()[mid] };
            // Report unorderable items in list order (earlier < later), as
            // MicroPython's sort does.
            let before = if reverse {
                vm.less(km, kx)?
            } else {
                match vm.less(kx, km) {
                    Ok(b) => b,
                    Err(e) => return Err(vm.less(km, kx).err().unwrap_or(e)),
                }
            };
            if before {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        for v in [&mut *items, &mut *keys] {
            if let Some(s) = v.as_mut_slice().get_mut(lo..=i) {
                let last = s.len() - 1;
                let x = s[last];
                s.copy_within(..last, 1);
                s[0] = x;
            }
        }
    }
    Ok(())
}

/// Bottom-up merge sort of `items` by `keys` (or by the items themselves
/// when `keys` is empty), moving both together through temporary buffers
/// in the gc heap. A right-run element moves before a left-run one only
/// when strictly smaller (larger when `reverse`), so equal keys keep their
/// order.
///
/// Errors: `MemoryError` for the buffers; whatever comparisons raise.
#[cfg(not(target_os = "none"))]
fn merge_sort(vm: &mut Vm, items: &mut GcVec<Obj>, keys: &mut GcVec<Obj>, reverse: bool) -> PyResult<()> {
    let n = items.len();
    let keyed = !keys.is_empty();
    let mut ti: GcVec<Obj> = vm.new_vec(n)?;
    ti.resize_within_capacity(n, Obj::NONE);
    let mut tk: GcVec<Obj> = GcVec::new();
    if keyed {
        tk = match vm.new_vec(n) {
            Ok(v) => v,
            Err(e) => {
                vm.heap.free_vec(ti);
                return Err(e);
            }
        };
        tk.resize_within_capacity(n, Obj::NONE);
    }
    let r = merge_passes(vm, items, keys, &mut ti, &mut tk, keyed, reverse);
    vm.heap.free_vec(ti);
    vm.heap.free_vec(tk);
    r
}

/// The merge passes of [`merge_sort`]; on success the sorted items are in
/// `items` (buffers are swapped between passes).
#[cfg(not(target_os = "none"))]
fn merge_passes(
    vm: &mut Vm,
    items: &mut GcVec<Obj>,
    keys: &mut GcVec<Obj>,
    ti: &mut GcVec<Obj>,
    tk: &mut GcVec<Obj>,
    keyed: bool,
    reverse: bool,
) -> PyResult<()> {
    let n = items.len();
    let key_at = |items: &GcVec<Obj>, keys: &GcVec<Obj>, i: usize| {
        if keyed {
            keys.as_slice()[i]
        } else {
            items.as_slice()[i]
        }
    };
    let mut width = 1;
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            // Two runs already in order (the last of the left one not
            // after the first of the right one: one comparison) are
            // copied as they are; this comparison is the whole merge of
            // two single items. Mostly sorted input (a dict's values in
            // near insertion order) then takes about n comparisons.
            if mid >= hi || !merge_takes_right(vm, key_at(items, keys, mid - 1), key_at(items, keys, mid), reverse)? {
                ti.as_mut_slice()[lo..hi].copy_from_slice(&items.as_slice()[lo..hi]);
                if keyed {
                    tk.as_mut_slice()[lo..hi].copy_from_slice(&keys.as_slice()[lo..hi]);
                }
                lo = hi;
                continue;
            }
            if width == 1 {
                // Out of order: the right item first.
                ti.as_mut_slice()[lo] = items.as_slice()[mid];
                ti.as_mut_slice()[mid] = items.as_slice()[lo];
                if keyed {
                    tk.as_mut_slice()[lo] = keys.as_slice()[mid];
                    tk.as_mut_slice()[mid] = keys.as_slice()[lo];
                }
                lo = hi;
                continue;
            }
            let (mut i, mut j, mut k) = (lo, mid, lo);
            while i < mid && j < hi {
                let (ki, kj) = (key_at(items, keys, i), key_at(items, keys, j));
                let take_right = merge_takes_right(vm, ki, kj, reverse)?;
                let from = if take_right {
                    j += 1;
                    j - 1
                } else {
                    i += 1;
                    i - 1
                };
                ti.as_mut_slice()[k] = items.as_slice()[from];
                if keyed {
                    tk.as_mut_slice()[k] = keys.as_slice()[from];
                }
                k += 1;
            }
            for (a, b) in [(i, mid), (j, hi)] {
                let m = b - a;
                ti.as_mut_slice()[k..k + m].copy_from_slice(&items.as_slice()[a..b]);
                if keyed {
                    tk.as_mut_slice()[k..k + m].copy_from_slice(&keys.as_slice()[a..b]);
                }
                k += m;
            }
            lo = hi;
        }
        core::mem::swap(items, ti);
        if keyed {
            core::mem::swap(keys, tk);
        }
        width *= 2;
    }
    Ok(())
}

/// Does right-run key `kj` go before left-run key `ki` in a merge (strictly
/// smaller; larger when `reverse`)?
///
/// Errors: as the comparison; unorderable items are reported in list
/// order, as MicroPython's sort (which compares earlier < later) does.
#[cfg(not(target_os = "none"))]
fn merge_takes_right(vm: &mut Vm, ki: Obj, kj: Obj, reverse: bool) -> PyResult<bool> {
    if reverse {
        return vm.less(ki, kj);
    }
    match vm.less(kj, ki) {
        Ok(b) => Ok(b),
        Err(e) => Err(vm.less(ki, kj).err().unwrap_or(e)),
    }
}

/// Parses `key=`/`reverse=` keywords for `sort`/`sorted`.
///
/// Errors: `TypeError: extra keyword arguments given`; `__bool__` of the
/// `reverse` value.
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
        return Err(super::strutil::extra_args(vm));
    }
    let (key, reverse) = sort_kw(vm, kw)?;
    sort_items(vm, args[0], key, reverse)?;
    Ok(Obj::NONE)
}

static LIST_APPEND: BuiltinFun = BuiltinFun::new2(q::append, list_append_meth);
static LIST_CLEAR: BuiltinFun = BuiltinFun::new1(q::clear, list_clear);
static LIST_COPY: BuiltinFun = BuiltinFun::new1(q::copy, list_copy);
static LIST_EXTEND: BuiltinFun = BuiltinFun::new2(q::extend, list_extend_meth);
static LIST_INSERT: BuiltinFun = BuiltinFun::new3(q::insert, list_insert);
static LIST_POP: BuiltinFun = BuiltinFun::new_opt(q::pop, 1, 2, list_pop);
static LIST_REMOVE: BuiltinFun = BuiltinFun::new2(q::remove, list_remove);
static LIST_REVERSE: BuiltinFun = BuiltinFun::new1(q::reverse, list_reverse);
static LIST_SORT: BuiltinFun = BuiltinFun::new_kw(q::sort, 1, list_sort);

static LIST_LOCALS: [Entry; 11] = [
    Entry::new(q::append, Rom::Fun(&LIST_APPEND)),
    Entry::new(q::clear, Rom::Fun(&LIST_CLEAR)),
    Entry::new(q::copy, Rom::Fun(&LIST_COPY)),
    Entry::new(q::count, Rom::Fun(&seq::COUNT)),
    Entry::new(q::extend, Rom::Fun(&LIST_EXTEND)),
    Entry::new(q::index, Rom::Fun(&seq::INDEX)),
    Entry::new(q::insert, Rom::Fun(&LIST_INSERT)),
    Entry::new(q::pop, Rom::Fun(&LIST_POP)),
    Entry::new(q::remove, Rom::Fun(&LIST_REMOVE)),
    Entry::new(q::reverse, Rom::Fun(&LIST_REVERSE)),
    Entry::new(q::sort, Rom::Fun(&LIST_SORT)),
];

/// The `list` type.
pub static LIST_TYPE: TypeObj = TypeObj {
    name: q::list.tn(),
    flags: flags::BASETYPE,
    make_new: Some(list_make_new),
    print: Some(seq::seq_print),
    binary_op: Some(list_binary),
    subscr: Some(list_subscr),
    locals: crate::typ::Locals::of(&LIST_LOCALS),
    ext: &crate::typ::TypeExt { unary_op: Some(list_unary), iter: Some(seq::seq_iter), ..crate::typ::TypeExt::NONE },
    ..TypeObj::EMPTY
};

/// A list: header and a growable item vector (4 words).
#[repr(C)]
pub struct ListObj {
    /// Header (`list`).
    pub base: ObjBase,
    /// The items.
    pub items: crate::heap::GcVec<Obj>,
}
