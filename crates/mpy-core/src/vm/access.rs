//! What the dispatch loop (`vm::dispatch`) calls out of line for calls of
//! non-Python callables, subscripts, list appends and name/global lookups.

#[cfg(not(target_os = "none"))]
use super::fastpath::*;
use crate::obj::Obj;
use crate::qstr::Qstr;
use crate::state::Vm;
use crate::typ::Subscr;
use crate::types::exception as exc;
use crate::types::list::ListObj;
use crate::{PyErr, PyResult};

/// CALL_FUNCTION/CALL_METHOD with positional arguments only, of anything
/// but a plain Python function (those go through
/// [`super::call::call_simple`]): built-in functions are called without
/// the generic [`Vm::call`] dispatch.
#[inline(never)]
pub(super) fn call_other(vm: &mut Vm, fun: Obj, args: &[Obj]) -> PyResult<Obj> {
    match fun.as_builtin_fun() {
        // Desktop: an argument count in range calls the function here
        // (what `call_builtin` does, inlined).
        #[cfg(not(target_os = "none"))]
        Some(bf) => bf.call_checked(vm, args, &[]),
        #[cfg(target_os = "none")]
        Some(bf) => vm.call_builtin(bf, args, &[]),
        // Desktop: `type(x)` is one load (what `type_make_new` answers).
        #[cfg(not(target_os = "none"))]
        None if fun == Obj::from_type(&crate::typ::TYPE_TYPE) && args.len() == 1 => Ok(vm.type_of(args[0])),
        // Desktop: a user class straight to its instantiation (what
        // `Vm::call` reaches for it after its other checks).
        #[cfg(not(target_os = "none"))]
        // (The class flag only: the instantiation makes the full test,
        // anything else going on to `Vm::call` there.)
        None if fun.as_type().is_some_and(|t| t.flags & crate::typ::flags::IS_CLASS != 0) => {
            super::class::call_class_positional(vm, fun, args)
        }
        None => vm.call(fun, args, &[]),
    }
}

/// `o[i]` with fast paths for small-int indices (see [`index_small`]).
#[inline]
pub(super) fn subscr_load(vm: &mut Vm, o: Obj, i: Obj) -> PyResult<Obj> {
    if let Some(k) = i.as_small_int() {
        if let Some(r) = index_small(vm, o, k) {
            return Ok(r);
        }
    }
    #[cfg(not(target_os = "none"))]
    return subscr_load_general(vm, o, i);
    #[cfg(target_os = "none")]
    vm.subscr(o, i, Subscr::Load)
}

/// [`subscr_load`] past the small-int paths (out of line: the dispatch
/// loop's registers stay free). A dict's value comes straight from its
/// table (a missing key takes the general path, which raises the
/// KeyError).
#[cfg(not(target_os = "none"))]
#[inline(never)]
pub(super) fn subscr_load_general(vm: &mut Vm, o: Obj, i: Obj) -> PyResult<Obj> {
    if exact_dict(o) {
        if let Some(m) = vm.table(o) {
            // (A position past the entries, absent or undecided, has none.)
            let p = vm.table_probe(m, i).0;
            if let Some(e) = m.entry(p) {
                // (`d[k] += 1` stores to the same place next.)
                vm.vmstate.dict_hint = p;
                return Ok(e.value);
            }
        }
        if let Some(v) = crate::types::dict::lookup(vm, o, i)? {
            return Ok(v);
        }
    }
    vm.subscr(o, i, Subscr::Load)
}

/// `o[a:b:c]` (BUILD_SLICE then LOAD_SUBSCR, desktop) of an exact list or
/// tuple with each part a small int or None (`c` None for `o[a:b]`): the
/// selected items straight into the new list or tuple, as the types'
/// subscripts select them, without the slice object. None for anything
/// else (the slice object's path).
///
/// Errors: `MemoryError`.
#[cfg(not(target_os = "none"))]
#[inline(never)]
pub(super) fn slice_load(vm: &mut Vm, o: Obj, a: Obj, b: Obj, c: Obj) -> Option<PyResult<Obj>> {
    let part = |x: Obj| x == Obj::NONE || x.is_small_int();
    if !(part(a) && part(b) && part(c)) || c == Obj::small_int(0) {
        return None;
    }
    let (list, len) = match vm.heap.get::<ListObj>(o) {
        Some(l) => (true, l.items.len()),
        None => (false, vm.tuple_pinned(o)?.len()),
    };
    // (Small ints or None and a non-zero step: no error.)
    let (start, stop, step) = match crate::types::slice::parts_indices(vm, a, b, c, len, false) {
        Ok(t) => t,
        Err(e) => return Some(Err(e)),
    };
    Some(crate::types::seq::slice_exact(vm, list, o, start, stop, step))
}

/// The position of index `k` (negative counts from the end) in a
/// sequence of `n` items; None when out of range. (Desktop only.)
#[cfg(not(target_os = "none"))]
#[inline(always)]
pub(super) fn seq_pos(k: isize, n: usize) -> Option<usize> {
    let n = n as isize;
    let k2 = if k < 0 { k + n } else { k };
    (0..n).contains(&k2).then_some(k2 as usize)
}

/// `s[k]` (negative `k` counts from the end); None when out of range.
/// [`seq_pos`] for the hot paths: a non-negative `k` in range passes one
/// unsigned compare (a negative one, as usize, is past any length), and
/// the item is read in that branch (no second bounds check); else
/// `k + len` is tried, in range only for a negative `k` that is (a
/// wrapped sum is huge as usize, so out of range too).
#[inline(always)]
pub(super) fn seq_item<T: Copy>(s: &[T], k: isize) -> Option<T> {
    if (k as usize) < s.len() {
        return Some(s[k as usize]);
    }
    s.get(k.wrapping_add(s.len() as isize) as usize).copied()
}

/// [`seq_item`] for a store: `s[k] = v`; false when out of range.
#[cfg_attr(not(target_os = "none"), inline(always))]
#[cfg_attr(target_os = "none", inline(never))]
pub(super) fn seq_store<T>(s: &mut [T], k: isize, v: T) -> bool {
    let n = s.len();
    if (k as usize) < n {
        s[k as usize] = v;
        return true;
    }
    match s.get_mut(k.wrapping_add(n as isize) as usize) {
        Some(slot) => {
            *slot = v;
            true
        }
        None => false,
    }
}

/// `s[k]` for the UTF-8 text `s` of a str when it can be read off the
/// bytes: the indexed byte is ASCII and so is all text between it and the
/// end `k` counts from (then byte and code point positions agree). The
/// result is the built-in 1-char qstr. None for the general path
/// (non-ASCII text there, out of range).
/// (Desktop only: boards index strs by the general path.)
#[cfg(not(target_os = "none"))]
#[inline(always)]
pub(super) fn str_index_small(s: &[u8], k: isize) -> Option<Obj> {
    let j = seq_pos(k, s.len())?;
    let b = s[j];
    let plain = if k < 0 { crate::types::strutil::all_ascii(&s[j..]) } else { b < 0x80 && crate::types::strutil::all_ascii(&s[..j]) };
    if !plain {
        return None;
    }
    crate::qstr::ascii_char(b).map(Obj::qstr)
}

/// `o[k]` for a small int `k` when `o` is a list, tuple, bytes, bytearray
/// or str (exactly: not a subclass instance) and `k` is in range; str
/// only where [`str_index_small`] applies. None for everything else
/// (the caller takes the general path, which also raises the errors).
#[inline(always)]
pub(super) fn index_small(vm: &Vm, o: Obj, k: isize) -> Option<Obj> {
    use crate::types::tuple;
    #[cfg(not(target_os = "none"))]
    if let Some(q) = o.as_qstr() {
        return str_index_small(vm.qstr_str(q).as_bytes(), k);
    }
    let ty = o.ptr_type()?;
    if core::ptr::eq(ty, &crate::types::list::LIST_TYPE) {
        return seq_item(vm.heap.get::<ListObj>(o)?.items.as_slice(), k);
    }
    if core::ptr::eq(ty, &tuple::TUPLE_TYPE) {
        return seq_item(vm.tuple_pinned(o)?, k);
    }
    // Boards: lists and tuples only; the rest take the general path (same
    // results).
    #[cfg(target_os = "none")]
    return None;
    #[cfg(not(target_os = "none"))]
    index_small_buffer(vm, o, ty, k)
}

/// [`index_small`] for bytes, bytearray and str (desktop).
#[cfg(not(target_os = "none"))]
#[inline(always)]
fn index_small_buffer(vm: &Vm, o: Obj, ty: &crate::typ::TypeObj, k: isize) -> Option<Obj> {
    use crate::types::{bytearray, bytes, str as pstr};
    if core::ptr::eq(ty, &bytes::BYTES_TYPE) {
        let b = vm.heap.str_bytes_pinned(o)?;
        return seq_pos(k, b.len()).map(|j| Obj::small_int(b[j] as isize));
    }
    if core::ptr::eq(ty, &bytearray::BYTEARRAY_TYPE) {
        let b = vm.heap.get::<bytearray::ByteArrayObj>(o)?.data.as_slice();
        return seq_pos(k, b.len()).map(|j| Obj::small_int(b[j] as isize));
    }
    if core::ptr::eq(ty, &pstr::STR_TYPE) {
        return str_index_small(vm.heap.str_bytes_pinned(o)?, k);
    }
    None
}

/// `o[i] = v` with fast paths for lists and bytearrays (exactly: not
/// subclass instances) indexed by small ints in range (for a bytearray,
/// `v` a small int in `0..=255`).
#[inline]
pub(super) fn store_subscr(vm: &mut Vm, o: Obj, i: Obj, v: Obj) -> PyResult<()> {
    if let Some(k) = i.as_small_int() {
        if let Some(l) = vm.heap.get_mut::<ListObj>(o) {
            if seq_store(l.items.as_mut_slice(), k, v) {
                return Ok(());
            }
        } else if let Some(x) = v.as_small_int().and_then(|x| u8::try_from(x).ok()).filter(|_| cfg!(not(target_os = "none"))) {
            // (Boards: bytearrays take the general path, same results.)
            if let Some(b) = vm.heap.get_mut::<crate::types::bytearray::ByteArrayObj>(o) {
                if seq_store(b.data.as_mut_slice(), k, x) {
                    return Ok(());
                }
            }
        }
    }
    #[cfg(not(target_os = "none"))]
    return store_subscr_general(vm, o, i, v);
    #[cfg(target_os = "none")]
    {
        vm.subscr(o, i, Subscr::Store(v))?;
        Ok(())
    }
}

/// [`store_subscr`] past the small-int paths (out of line, as
/// [`subscr_load_general`]): a dict stores straight into its table.
#[cfg(not(target_os = "none"))]
#[inline(never)]
pub(super) fn store_subscr_general(vm: &mut Vm, o: Obj, i: Obj, v: Obj) -> PyResult<()> {
    if exact_dict(o) {
        // The key of the last lookup (`d[k] += 1`, `d[k] = d.get(k, 0) +
        // 1`): its value replaced in place.
        if vm.dict_set_at_hint(o, i, v) {
            return Ok(());
        }
        // (`Vm::dict_store` probes once: a key already there gets its value
        // replaced in place, an absent one is appended.)
        return vm.dict_store(o, i, v);
    }
    vm.subscr(o, i, Subscr::Store(v))?;
    Ok(())
}

/// Appends to a list object (STORE_COMP), growing it in the heap
/// (amortised: see `Vm::vec_reserve`).
///
/// Errors: `MemoryError`; for a non-list target, whatever its `append`
/// raises.
pub fn list_append(vm: &mut Vm, l: Obj, item: Obj) -> PyResult<()> {
    if let Some(lo) = vm.heap.get::<ListObj>(l) {
        // Desktop: a fresh list's first buffer straight from the allocator.
        #[cfg(not(target_os = "none"))]
        if lo.items.capacity() == 0 {
            return crate::types::list::first_append(vm, l, item).map(|_| ());
        }
        #[cfg(target_os = "none")]
        let _ = lo;
        return vm.vec_push(l, |x: &mut ListObj| &mut x.items, item);
    }
    let m = vm.load_attr(l, crate::qstr::q::append)?;
    vm.call(m, &[item], &[])?;
    Ok(())
}

/// `NameError: local variable referenced before assignment`.
#[cold]
#[inline(never)]
pub(super) fn unbound_local(vm: &mut Vm) -> PyErr {
    vm.name_error(msg!("local variable referenced before assignment"))
}

/// `NameError: name 'x' isn't defined`.
pub fn name_error(vm: &mut Vm, q: Qstr) -> PyErr {
    let name = vm.qstr_str(q);
    vm.error_fmt(&exc::NAME_ERROR_TYPE, msg!("name '{}' isn't defined"), &[name.into()])
}

/// LOAD_NAME: locals dict, globals, builtins.
pub(super) fn load_name(vm: &mut Vm, locals: Obj, globals: Obj, name: Qstr) -> PyResult<Obj> {
    if locals != globals {
        if let Some(v) = ns_lookup(vm, locals, name)? {
            return Ok(v);
        }
    }
    load_global(vm, globals, name)
}

/// `global_cache` position meaning "not in the globals dict, found among
/// the builtins" (see `VmState::builtin_hits`).
pub const IN_BUILTINS: u32 = u32::MAX;

/// LOAD_GLOBAL: globals, then builtins.
///
/// Names found in the globals dict are remembered with their table
/// position in `VmState::global_cache`; a later lookup checks that the
/// entry at that position still has the name as its key (keys are
/// unique, so it is then the binding), which holds across any change to
/// the dict (a moved or deleted key just misses). On desktop builds,
/// names missing from the globals dict and found among the builtins are
/// remembered with their value and [`Vm::ns_stamp`], which changes when
/// the globals dict gains a key or the builtins change (see
/// `Vm::ns_changed_in`).
///
/// Errors: `NameError: name 'x' isn't defined`.
#[inline]
pub fn load_global(vm: &mut Vm, globals: Obj, name: Qstr) -> PyResult<Obj> {
    #[cfg(not(target_os = "none"))]
    if let Some(v) = global_hit(vm, globals, name) {
        return Ok(v);
    }
    #[cfg(target_os = "none")]
    {
        let slot = global_slot(globals, name);
        let (cd, cq, cp) = vm.vmstate.global_cache[slot];
        if cd == !globals.raw() && cq == name.0 {
            if let Some(e) = vm.table(globals).and_then(|t| t.entry(cp as usize)) {
                if e.key == Obj::qstr(name) {
                    return Ok(e.value);
                }
            }
        }
    }
    load_global_slow(vm, globals, name, global_slot(globals, name))
}

/// The `global_cache` slot of `name` in the globals dict `globals`.
#[inline(always)]
pub(super) fn global_slot(globals: Obj, name: Qstr) -> usize {
    ((name.0 ^ (globals.raw() >> 5) as u32).wrapping_mul(0x9e37_79b9) >> super::GLOBAL_CACHE_SHIFT) as usize
        % super::GLOBAL_CACHE_LEN
}

/// [`load_global`]'s answer from the cache alone (desktop; the
/// LOAD_GLOBAL arm's hit path, taking [`load_global_slow`] on None): the
/// value beside the key at the remembered position (one bounds check),
/// or a builtin's value while the stamp holds (for the globals dict and
/// name the entry is for).
#[cfg(not(target_os = "none"))]
#[inline(always)]
pub(super) fn global_hit(vm: &Vm, globals: Obj, name: Qstr) -> Option<Obj> {
    let slot = global_slot(globals, name);
    let (cd, cq, cp) = vm.vmstate.global_cache[slot];
    // A position in the globals dict needs no other check than its key
    // (whichever dict and name stored it: a wrong guess just misses).
    if cp != IN_BUILTINS {
        return vm.table(globals)?.value_if_key(cp as usize, Obj::qstr(name));
    }
    if cd != !globals.raw() || cq != name.0 {
        return None;
    }
    let (stamp, v) = vm.vmstate.builtin_hits[slot];
    (stamp == vm.ns_stamp()).then_some(Obj::from_raw(!v))
}

/// [`load_global`] past the cache (`slot`: [`global_slot`]).
#[inline(never)]
pub(super) fn load_global_slow(vm: &mut Vm, globals: Obj, name: Qstr, slot: usize) -> PyResult<Obj> {
    let found = ns_find(vm, globals, name)?;
    match found {
        Found::At(p, v) => {
            if let Ok(p) = u32::try_from(p) {
                if p != IN_BUILTINS {
                    vm.vmstate.global_cache[slot] = (!globals.raw(), name.0, p);
                }
            }
            return Ok(v);
        }
        Found::Other(v) => return Ok(v),
        Found::Missing | Found::Unmatched => {}
    }
    // Only when the globals dict's own walk proved the name missing
    // (`ns_find` found only qstr keys to compare: no Python equality that
    // could answer otherwise next time). The stamp is taken before the
    // lookup, which may allocate (and so collect).
    #[cfg(not(target_os = "none"))]
    let stamp = match found {
        Found::Missing => {
            vm.ns_watch(globals);
            Some(vm.ns_stamp())
        }
        _ => None,
    };
    match super::builtins::lookup_builtin(vm, name)? {
        Some(v) => {
            #[cfg(not(target_os = "none"))]
            // (Not a heap object: the cache does not hold it.)
            if let Some(stamp) = stamp.filter(|_| !vm.heap.is_heap_obj(v)) {
                vm.vmstate.global_cache[slot] = (!globals.raw(), name.0, IN_BUILTINS);
                vm.vmstate.builtin_hits[slot] = (stamp, !v.raw());
            }
            Ok(v)
        }
        None => Err(name_error(vm, name)),
    }
}

/// Looks `name` up in a namespace dict object by qstr identity, falling
/// back to full equality only when a same-hash key is not a qstr.
#[inline]
pub fn ns_lookup(vm: &mut Vm, d: Obj, name: Qstr) -> PyResult<Option<Obj>> {
    Ok(match ns_find(vm, d, name)? {
        Found::At(_, v) | Found::Other(v) => Some(v),
        Found::Missing | Found::Unmatched => None,
    })
}

/// What [`ns_find`] found.
#[derive(Clone, Copy)]
pub(super) enum Found {
    /// The qstr key itself, at this table position.
    At(usize, Obj),
    /// An equal key of another kind (a heap str).
    Other(Obj),
    /// No such key, proven by the walk over qstr keys alone.
    Missing,
    /// No such key, per the general lookup (with Python equality).
    Unmatched,
}

/// [`ns_lookup`], telling where the key was.
#[inline]
pub(super) fn ns_find(vm: &mut Vm, d: Obj, name: Qstr) -> PyResult<Found> {
    let h = vm.qstr_hash(name);
    let key = Obj::qstr(name);
    if let Some(t) = vm.table(d) {
        // One walk over the same-hash positions: the key itself, or proof
        // that no other key can equal it (all qstrs, or deleted).
        let mut c = t.candidates(h);
        let mut only_qstrs = true;
        while let Some(p) = c.next_pos() {
            if let Some(e) = t.entry(p) {
                if e.key == key {
                    return Ok(Found::At(p, e.value));
                }
                only_qstrs &= e.key.is_null() || e.key.as_qstr().is_some();
            }
        }
        if only_qstrs {
            return Ok(Found::Missing);
        }
    }
    Ok(match vm.dict_lookup(d, key)? {
        Some(v) => Found::Other(v),
        None => Found::Unmatched,
    })
}

/// Stores `name = v` in a namespace dict object (fast when the qstr key
/// is already there).
#[inline]
pub fn ns_store(vm: &mut Vm, d: Obj, name: Qstr, v: Obj) -> PyResult<()> {
    let h = vm.qstr_hash(name);
    let key = Obj::qstr(name);
    // (Boards: a fixed dict refused at once, in less code.)
    #[cfg(target_os = "none")]
    crate::types::dict::check_not_fixed(vm, d)?;
    if let Some(t) = crate::types::dict::plain_table_values_mut(vm, d) {
        if let Some(p) = t.find_identical(key, h) {
            t.set_value(p, v);
            return Ok(());
        }
    }
    // (A fixed dict as `exec`'s globals or locals: `TypeError`.)
    #[cfg(not(target_os = "none"))]
    crate::types::dict::check_not_fixed(vm, d)?;
    vm.dict_store(d, key, v)
}
