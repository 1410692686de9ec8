//! Per-instruction inline caches for attributes of instances of user
//! classes (LOAD_ATTR and STORE_ATTR), and LOAD_METHOD's direct path to
//! a method of an instance's class.
//!
//! Each entry remembers, for one instruction (keyed by its address in the
//! code), the position in the instance's attribute table where the name
//! was last found. The next execution checks that the entry at that
//! position still has the name as its key (keys are unique, so it is then
//! the attribute) and uses it without searching; any other outcome (a
//! deleted or moved key, an instance of another shape, another
//! instruction sharing the cache slot) just misses and takes the general
//! path, which refills the entry. The cache holds only code addresses
//! (inverted, so they never look like heap pointers to the conservative
//! collector) and positions: no object is kept alive or reached through
//! it, and a stale entry is merely a wrong guess.

use super::class::{
    class_flags, class_of_instance, describe, find_cached, ClassObj, Desc, Found, InstanceObj, CF_PROPERTY, CF_SETATTR,
};
use crate::qstr::q;
use crate::obj::Obj;
use crate::qstr::Qstr;
use crate::state::Vm;
use crate::typ::{Rom, TypeObj};
use crate::PyResult;

/// Number of entries (a power of two).
pub const SIZE: usize = 1024;

/// The cache: `(!instruction address, position)` pairs, direct-mapped.
pub type AttrCache = [(usize, u32); SIZE];

/// An empty cache.
pub const EMPTY: AttrCache = [(0, 0); SIZE];

/// The cache slot of the instruction at `ip`.
#[inline(always)]
fn slot(ip: usize) -> usize {
    (ip ^ (ip >> 6)) % SIZE
}

/// The remembered position for the instruction at `ip`, if any.
#[inline(always)]
fn hint(vm: &Vm, ip: usize) -> Option<usize> {
    let (k, p) = vm.vmstate.attr_cache[slot(ip)];
    if k == !ip {
        Some(p as usize)
    } else {
        None
    }
}

/// Remembers position `p` for the instruction at `ip`.
#[inline(always)]
fn remember(vm: &mut Vm, ip: usize, p: usize) {
    if let Ok(p) = u32::try_from(p) {
        vm.vmstate.attr_cache[slot(ip)] = (!ip, p);
    }
}

/// LOAD_ATTR at instruction address `ip`: `o.name`.
///
/// Errors: as [`Vm::load_attr`].
#[inline(always)]
pub fn load_attr(vm: &mut Vm, ip: usize, o: Obj, name: Qstr) -> PyResult<Obj> {
    if let Some(i) = vm.heap.get::<InstanceObj>(o) {
        if let Some(v) = hint(vm, ip).and_then(|p| i.members.value_if_key(p, Obj::qstr(name))) {
            return Ok(v);
        }
        return load_instance_attr(vm, ip, o, name);
    }
    vm.load_attr(o, name)
}

/// [`load_attr`] on an instance past the cache: finds the name in the
/// instance's table (remembering where; skipped for a name no instance
/// ever had), else a property's Python getter or a plain value of the
/// class (what the general lookup returns for them), else the general
/// lookup.
#[inline(never)]
fn load_instance_attr(vm: &mut Vm, ip: usize, o: Obj, name: Qstr) -> PyResult<Obj> {
    if may_be_inst_name(vm, name) {
        let h = vm.qstr_hash(name);
        let found = vm.heap.get::<InstanceObj>(o).and_then(|i| {
            let p = i.members.find_identical(Obj::qstr(name), h)?;
            Some((p, i.members.entry(p)?.value))
        });
        if let Some((p, v)) = found {
            remember(vm, ip, p);
            return Ok(v);
        }
    }
    // (Past the names the general lookup answers itself.)
    if name != q::__class__ && name != q::__dict__ {
        if let Some(Found::Plain(v)) = class_find(vm, o, name) {
            match describe(vm, v) {
                Desc::Property(g, _, _) if crate::vmobj::is_function(g) => return call_fast(vm, g, &[o]),
                Desc::Other => return Ok(v),
                _ => {}
            }
        }
    }
    vm.load_attr(o, name)
}

/// `name` along the MRO of instance `o`'s class, as [`find_cached`]
/// finds it: the class's lookup cache read in place (an entry of the
/// current epoch whose key still matches is the MRO's answer, as
/// [`find_cached`] decides), else [`find_cached`] itself.
#[inline(always)]
pub(crate) fn class_find(vm: &mut Vm, o: Obj, name: Qstr) -> Option<Found> {
    if let Some(r) = vm.heap.class_of(o).and_then(|c| mcache_probe(vm, c, name)) {
        return r.map(Found::Plain);
    }
    find_cached(vm, class_of_instance(o), name)
}

/// The value of `name` along class `c`'s MRO when `c`'s lookup cache has
/// a valid entry for it (of the current epoch, its key still in place:
/// what [`find_cached`] would answer), read in place; None otherwise.
#[inline(always)]
pub(crate) fn mcache_hit(vm: &Vm, c: &ClassObj, name: Qstr) -> Option<Obj> {
    mcache_probe(vm, c, name).flatten()
}

/// What class `c`'s lookup cache says of `name`, read in place:
/// `Some(Some(value))` for a valid entry of a class-dict value (as
/// [`mcache_hit`]), `Some(None)` for a valid entry saying no MRO entry
/// has it, None when the cache cannot tell.
#[inline(always)]
pub(crate) fn mcache_probe(vm: &Vm, c: &ClassObj, name: Qstr) -> Option<Option<Obj>> {
    let &(_, ci, cp) = super::class::mcache_find(&c.st, name)?;
    if c.st.mcache_epoch != vm.vmstate.mcache_epoch {
        return None;
    }
    if ci == super::class::MCACHE_MISS {
        return Some(None);
    }
    // The class itself (the common case) without a second lookup.
    let k = if ci == 0 {
        c
    } else {
        vm.tuple_pinned(c.st.mro).and_then(|m| m.get(ci as usize)).and_then(|&e| vm.heap.class(e))?
    };
    k.st.dict.value_if_key(cp as usize, Obj::qstr(name)).map(Some)
}

/// Calls Python function `f` with positional `args`: straight into its
/// frame when [`super::call::call_simple`] applies, else [`Vm::call`].
///
/// Errors: whatever the call raises.
#[inline(always)]
pub fn call_fast(vm: &mut Vm, f: Obj, args: &[Obj]) -> PyResult<Obj> {
    super::call::call_positional(vm, f, Obj::NULL, args)
}

/// STORE_ATTR at instruction address `ip`: `o.name = value`, or `del
/// o.name` when `value` is NULL.
///
/// Errors: as [`Vm::store_attr`].
#[inline(always)]
pub fn store_attr(vm: &mut Vm, ip: usize, o: Obj, name: Qstr, value: Obj) -> PyResult<()> {
    if value.is_null() {
        return vm.store_attr(o, name, value);
    }
    if let Some(p) = hint(vm, ip) {
        // Plain stores only: no `__setattr__` and no property (which
        // could be a data descriptor for this name) in the class's MRO.
        // The class's flags first, read off the instance's type.
        let simple = vm.heap.class_of(o).is_some_and(|c| {
            (c.st.flags | vm.vmstate.class_flags_extra) & (CF_SETATTR | CF_PROPERTY) == 0
        });
        if simple {
            if let Some(i) = vm.heap.get_mut::<InstanceObj>(o) {
                if i.members.set_value_if_key(p, Obj::qstr(name), value) {
                    return Ok(());
                }
            }
            return store_attr_append(vm, ip, p, o, name, value);
        }
        let plain = vm.heap.get::<InstanceObj>(o).is_some() && plain_store(vm, o, name);
        if plain {
            if let Some(i) = vm.heap.get_mut::<InstanceObj>(o) {
                if i.members.set_value_if_key(p, Obj::qstr(name), value) {
                    return Ok(());
                }
            }
            return store_attr_append(vm, ip, p, o, name, value);
        }
    }
    store_attr_slow(vm, ip, o, name, value)
}

/// [`store_attr`] of a plain store (no `__setattr__`, not a property) whose
/// remembered position `p` did not hold the name: when the instruction
/// appended its name last time and this (new) instance's small table has
/// as many entries as that one had then, appends again if the name is
/// absent (what `members::ns_store` does, minus its layers); else
/// [`store_attr_slow`].
///
/// Errors: as [`store_attr_slow`].
#[inline(never)]
fn store_attr_append(vm: &mut Vm, ip: usize, p: usize, o: Obj, name: Qstr, value: Obj) -> PyResult<()> {
    if let Some(i) = vm.heap.get_mut::<InstanceObj>(o) {
        let m = &mut i.members;
        if p == m.end_pos() && m.push_small_if_absent(Obj::qstr(name), value) {
            new_inst_attr(vm, o, name, p + 1);
            return Ok(());
        }
    }
    store_attr_slow(vm, ip, o, name, value)
}

/// After instance `o` gained attribute `name`, its `n`-th: what
/// `members::ns_store` records for a new instance key (the name in
/// [`InstNames`], the most attributes the class's instances have had).
#[inline(always)]
fn new_inst_attr(vm: &mut Vm, o: Obj, name: Qstr, n: usize) {
    note_inst_name(vm, name);
    if vm.heap.class_of(o).is_some_and(|c| (c.st.inst_attrs as usize) < n.min(64)) {
        note_inst_attrs(vm, o, n);
    }
}

/// Instance `o` has `n` attributes, more than any of its class's before.
#[cold]
#[inline(never)]
fn note_inst_attrs(vm: &mut Vm, o: Obj, n: usize) {
    if let Some(st) = vm.heap.class_state_mut(class_of_instance(o)) {
        st.inst_attrs = st.inst_attrs.max(n.min(64) as u32);
    }
}

/// [`store_attr`] past the cache: an instance without `__setattr__` or
/// properties stores straight into its table, a property of its class
/// with a Python setter calls that directly, anything else takes the
/// general path; then remembers where the name is in an instance's table
/// (a new name was appended last).
#[inline(never)]
fn store_attr_slow(vm: &mut Vm, ip: usize, o: Obj, name: Qstr, value: Obj) -> PyResult<()> {
    if vm.heap.get::<InstanceObj>(o).is_none() {
        return vm.store_attr(o, name, value);
    }
    // What `members::store_attr_special` checks, in the same order.
    let flags = class_flags(vm, class_of_instance(o));
    if flags & CF_SETATTR != 0 {
        return vm.store_attr(o, name, value);
    }
    if flags & CF_PROPERTY != 0 {
        match class_find(vm, o, name) {
            None => {}
            Some(Found::Plain(p)) => {
                if let Desc::Property(_, set, _) = describe(vm, p) {
                    if crate::vmobj::is_function(set) {
                        call_fast(vm, set, &[o, value])?;
                        return Ok(());
                    }
                    return vm.store_attr(o, name, value);
                }
            }
            Some(Found::Rom(_)) => return vm.store_attr(o, name, value),
        }
    }
    super::members::ns_store(vm, o, name, value)?;
    let key = Obj::qstr(name);
    let Some(m) = vm.heap.get::<InstanceObj>(o).map(|i| &i.members) else { return Ok(()) };
    let last = m.end_pos().wrapping_sub(1);
    let p = if m.entry(last).is_some_and(|e| e.key == key) {
        Some(last)
    } else {
        m.find_identical(key, vm.qstr_hash(name))
    };
    if let Some(p) = p {
        remember(vm, ip, p);
    }
    Ok(())
}

/// Does storing attribute `name` on instance `o` of a user class just
/// write the instance's namespace? Not when the class has `__setattr__`,
/// nor when `name` may be a property of it (what
/// `members::store_attr_special` checks, in the same order).
#[inline]
fn plain_store(vm: &mut Vm, o: Obj, name: Qstr) -> bool {
    let flags = class_flags(vm, class_of_instance(o));
    if flags & CF_SETATTR != 0 {
        return false;
    }
    if flags & CF_PROPERTY == 0 {
        return true;
    }
    match class_find(vm, o, name) {
        None => true,
        Some(Found::Plain(p)) => !matches!(describe(vm, p), Desc::Property(..)),
        Some(Found::Rom(_)) => false,
    }
}

/// LOAD_METHOD: `(method, self)`, `(value, NULL)` or `(NULL, NULL)` as
/// [`Vm::load_method_maybe`]. An instance of a plain user class (no
/// built-in part) whose own namespace lacks `name`, finding a Python
/// function along its class's MRO (through the class's lookup cache),
/// gets it bound without the general lookup's layers; a name in the
/// instance's namespace is returned as is (as the general path does).
///
/// Errors: as [`Vm::load_method_maybe`].
#[inline(always)]
pub fn load_method(vm: &mut Vm, ip: usize, o: Obj, name: Qstr) -> PyResult<(Obj, Obj)> {
    let plain = o.ptr_type().is_some_and(|t| {
        super::class::has_instance_layout(t) && t.flags & crate::typ::flags::NATIVE_INSTANCE == 0
    });
    if plain {
        // The method this instruction last found for an instance of the
        // same class (see [`MethodSite`]).
        let s = &vm.vmstate.method_sites[site_slot(ip)];
        if s.ip == !ip
            && s.ty == !type_addr(o)
            && s.ver == vm.vmstate.class_version
            && s.name == name.0
            && !may_be_inst_name(vm, name)
        {
            return Ok((Obj::from_raw(!s.fun), o));
        }
        if name != q::__class__ && name != q::__dict__ {
            if let Some(r) = instance_method(vm, ip, o, name) {
                return Ok(r);
            }
        }
        return vm.load_method_maybe(o, name);
    }
    let t = vm.builtin_type(o);
    let ta = t as *const TypeObj as usize;
    let s = method_slot(ta, name);
    for &(ct, cq, f) in &vm.vmstate.method_cache[s..s + 2] {
        if ct == ta && cq == name.0 {
            return Ok((Obj::from_raw(f), o));
        }
    }
    builtin_method(vm, o, t, name)
}

/// Entries of [`VmState::method_cache`](super::VmState::method_cache)
/// (a power of two): sets of two.
pub const METHOD_SIZE: usize = 128;

/// The method cache: `(static type address, qstr, function object)`
/// triples, two-way set-associative (a set is an even slot and the one
/// after it; the newest entry first), so that two hot type/name pairs
/// meeting in a set do not evict each other: a built-in type's method found by
/// [`Vm::load_method_maybe`]'s table search. Only static types and their
/// static function objects are entered, so an entry never goes stale and
/// holds nothing of the heap.
pub type MethodCache = [(usize, u32, usize); METHOD_SIZE];

/// An empty method cache.
pub const METHOD_EMPTY: MethodCache = [(0, u32::MAX, 0); METHOD_SIZE];

/// The first method cache slot of the set of `name` on the type at
/// address `ta` (even; the set is it and the next).
#[inline(always)]
fn method_slot(ta: usize, name: Qstr) -> usize {
    (((ta >> 4) as u32 ^ name.0).wrapping_mul(0x9e37_79b9) >> 26) as usize * 2 & (METHOD_SIZE - 2)
}

/// [`load_method`] on an object of built-in type `t` past the method
/// cache: the general lookup; a method of a static type's own table (the
/// general lookup's answer for every instance of such a type, which has
/// no namespace) is remembered.
#[inline(never)]
fn builtin_method(vm: &mut Vm, o: Obj, t: &'static TypeObj, name: Qstr) -> PyResult<(Obj, Obj)> {
    let ta = t as *const TypeObj as usize;
    // The types whose instances (or which themselves) take other paths
    // in `load_method_maybe`, and the names it answers first.
    let special = t.flags & crate::typ::flags::IS_CLASS != 0
        || core::ptr::eq(t, &crate::typ::TYPE_TYPE)
        || core::ptr::eq(t, &crate::types::misc::MODULE_TYPE)
        || t.is_subtype_any(&crate::types::exception::BASE_EXCEPTION_TYPE)
        || name == q::__class__
        || vm.heap.is_heap_obj(Obj::from_raw(ta));
    if !special {
        if let Some(crate::typ::RomKind::Fun(f)) = t.lookup(name).map(Rom::kind) {
            let fo = f.obj();
            if !vm.heap.is_heap_obj(fo) {
                let s = method_slot(ta, name);
                let c = &mut vm.vmstate.method_cache;
                c[s + 1] = c[s];
                c[s] = (ta, name.0, fo.raw());
            }
            return Ok((fo, o));
        }
    }
    vm.load_method_maybe(o, name)
}

/// Words of [`InstNames`].
pub const INST_NAME_WORDS: usize = 16;

/// A bit per qstr id (modulo the bits there are): set when an instance
/// of a user class gains a new attribute of that name (`members::ns_store`,
/// the one place instance tables gain keys), never cleared. A clear bit
/// means no instance has an attribute of that name, so LOAD_METHOD need
/// not search the instance's own table before its class (usually a
/// method name, which instances seldom share).
pub type InstNames = [u64; INST_NAME_WORDS];

/// The word and bit of `name` in [`InstNames`].
#[inline(always)]
fn inst_name_bit(name: Qstr) -> (usize, u64) {
    let b = name.0 as usize % (64 * INST_NAME_WORDS);
    (b / 64, 1 << (b % 64))
}

/// Records that an instance gained attribute `name`.
#[inline]
pub fn note_inst_name(vm: &mut Vm, name: Qstr) {
    let (w, b) = inst_name_bit(name);
    vm.vmstate.inst_names[w] |= b;
}

/// May an instance have attribute `name` (see [`InstNames`])?
#[inline(always)]
fn may_be_inst_name(vm: &Vm, name: Qstr) -> bool {
    let (w, b) = inst_name_bit(name);
    vm.vmstate.inst_names[w] & b != 0
}

/// [`load_method`]'s direct path (None: take the general one). The
/// instance's own namespace (a name there is returned as
/// is; skipped for a name no instance ever had), then the class's MRO
/// through [`class_find`]: a Python function binds to the instance, a
/// plain value is returned as is (as the general lookup does).
#[inline(never)]
fn instance_method(vm: &mut Vm, ip: usize, o: Obj, name: Qstr) -> Option<(Obj, Obj)> {
    let i = vm.heap.get::<InstanceObj>(o)?;
    let key = Obj::qstr(name);
    if !i.members.is_empty() && may_be_inst_name(vm, name) {
        // (A small table is searched without the hash.)
        let h = if i.members.hash_at(0).is_some() { vm.qstr_hash(name) } else { 0 };
        if let Some(e) = i.members.find_identical(key, h).and_then(|p| i.members.entry(p)) {
            return Some((e.value, Obj::NULL));
        }
    }
    match class_find(vm, o, name)? {
        Found::Plain(v) => match describe(vm, v) {
            Desc::Function => {
                remember_method(vm, ip, o, name, v);
                Some((v, o))
            }
            Desc::Other => Some((v, Obj::NULL)),
            _ => None,
        },
        Found::Rom(_) => None,
    }
}

/// One entry of [`MethodSites`]: at instruction `!ip`, LOAD_METHOD `name`
/// on an instance of the class whose type is at `!ty` found Python
/// function `!fun` along the class's MRO, in class version `ver` (see
/// `VmState::class_version`). Words are inverted so that they never look
/// like heap pointers: nothing is kept alive through the cache. While the
/// version stands no class was made (none sits where a freed one was, so
/// a type at `!ty` is that class), and no class namespace gained a key
/// (none shadows the function) or had a function replaced or deleted
/// (see [`note_class_store`]): the class, alive for the instance in hand,
/// still finds the function.
#[derive(Clone, Copy)]
pub struct MethodSite {
    ip: usize,
    ty: usize,
    ver: usize,
    name: u32,
    fun: usize,
}

/// Entries of [`MethodSites`] (a power of two).
pub const SITES: usize = 256;

/// LOAD_METHOD's cache of instance methods per instruction,
/// direct-mapped (see [`MethodSite`]).
pub type MethodSites = [MethodSite; SITES];

/// An empty [`MethodSites`] (an `ip` word of 0 is never `!` an address).
pub const SITES_EMPTY: MethodSites = [MethodSite { ip: 0, ty: 0, ver: 0, name: 0, fun: 0 }; SITES];

/// The [`MethodSites`] slot of the instruction at `ip`.
#[inline(always)]
fn site_slot(ip: usize) -> usize {
    (ip ^ (ip >> 8)) % SITES
}

/// The address of `o`'s type (0 for a non-pointer).
#[inline(always)]
fn type_addr(o: Obj) -> usize {
    o.ptr_type().map_or(0, |t| t as *const TypeObj as usize)
}

/// After LOAD_METHOD at `ip` found Python function `v` along the MRO of
/// instance `o`'s class: remembers it, unless the slot holds a valid
/// entry of this instruction (for another class: a call site seeing
/// several classes keeps the first rather than thrash).
#[inline(always)]
fn remember_method(vm: &mut Vm, ip: usize, o: Obj, name: Qstr, v: Obj) {
    let ver = vm.vmstate.class_version;
    let s = &mut vm.vmstate.method_sites[site_slot(ip)];
    if s.ip == !ip && s.ver == ver && s.name == name.0 {
        return;
    }
    *s = MethodSite { ip: !ip, ty: !type_addr(o), ver, name: name.0, fun: !v.raw() };
}

/// Is class attribute value `v` returned as is through an instance (no
/// function, property, ...)? No [`MethodSite`] holds such a value.
#[inline]
fn plain_class_value(vm: &Vm, v: Obj) -> bool {
    matches!(describe(vm, v), Desc::Other)
}

/// Before `name = value` is stored in (or, `value` NULL, deleted from)
/// class `cls`'s namespace: voids [`MethodSites`] unless an existing
/// plain value is replaced by another (e.g. a class counter), which
/// nothing there depends on.
#[inline(never)]
pub fn note_class_store(vm: &mut Vm, cls: Obj, name: Qstr, value: Obj) {
    let old = vm.heap.class(cls).and_then(|c| super::class::dict_get_q(vm, &c.st.dict, name));
    match old {
        Some(old) if !value.is_null() && plain_class_value(vm, old) && plain_class_value(vm, value) => {}
        _ => class_changed(vm),
    }
}

/// A class namespace gained a key (or changed as [`note_class_store`]
/// says), or a class was made: the entries of [`MethodSites`] are void.
#[inline]
pub fn class_changed(vm: &mut Vm) {
    vm.vmstate.class_version = vm.vmstate.class_version.wrapping_add(1);
}
