//! Per-instruction inline caches for attributes of instances of user
//! classes (LOAD_ATTR, STORE_ATTR and LOAD_METHOD), and LOAD_METHOD's
//! cache of built-in types' methods.
//!
//! Each [`Site`] remembers, for one instruction (keyed by its address in
//! the code) and one class of instance (keyed by the address of its
//! type), what the instruction found last time: where in the instance's
//! attribute table the name was, or what the class's MRO gave (a plain
//! class value, a property's Python getter or setter, a Python method),
//! or that a store is a plain write of the instance's table. The cache is
//! two-way set-associative, so that two hot instructions meeting in a
//! set do not evict each other, and a site seeing instances of several
//! classes keeps an entry per class.
//!
//! Entries are checked on use. A position in an instance's table counts
//! only if the entry there still has the name as its key (keys are
//! unique, so it is then the attribute): any other outcome (a deleted or
//! moved key, an instance of another shape) just misses and takes the
//! general path, which refills the entry. Everything else an entry says
//! about a class holds only while `VmState::class_version` is the one it
//! was filled in (see [`class_changed`]): no class was made since (none
//! sits where a freed one was, so a type at the remembered address is
//! that class, alive for the instance in hand), and no class namespace
//! gained a key or had a non-plain value replaced or deleted (nothing
//! shadows what the MRO gave, and functions and properties stand). A
//! plain class value is read live from its class's table, by position
//! and key, as it may be replaced by another plain value meanwhile. What
//! the class gives counts only while the instance's own table lacks the
//! name (a name no instance ever had, see [`InstNames`], is not looked
//! for). The cache holds only addresses, inverted so they never look
//! like heap pointers to the conservative collector, and positions: no
//! object is kept alive or reached through it except while the checks
//! above prove it alive.

use super::class::{
    class_flags, class_of_instance, describe, find_cached, mcache_find, ClassObj, Desc, Found, InstanceObj,
    CF_PROPERTY, CF_SETATTR, MCACHE_MISS,
};
use crate::obj::Obj;
use crate::qstr::q;
use crate::qstr::Qstr;
use crate::state::Vm;
use crate::typ::{flags, Rom, TypeObj};
use crate::PyResult;

/// One entry of [`Sites`]: at instruction `!ip`, on an instance whose
/// type is at `!ty`, in class version `ver`, the instruction found what
/// `kind` says (`K_*`), with `pos` and `val` (`!` an object's address).
#[derive(Clone, Copy)]
pub struct Site {
    ip: usize,
    ty: usize,
    ver: usize,
    kind: u32,
    pos: u32,
    val: usize,
}

/// The instance's own attribute, at `pos` in its table (any version:
/// the key at `pos` is checked). LOAD_METHOD (LOAD_ATTR keeps these in
/// [`AttrCache`]).
const K_INST: u32 = 0;
/// A plain class value (returned as is), at `pos` in the table of the
/// class at `!val` along the MRO (read live). LOAD_ATTR (on an instance,
/// or on the class itself, keyed then by its address plus one, where a
/// function is returned as is too).
const K_CLASS_VALUE: u32 = 1;
/// A property whose getter is Python function `!val`. LOAD_ATTR.
const K_GETTER: u32 = 2;
/// Python function `!val` along the MRO, bound to the instance.
/// LOAD_METHOD.
const K_METHOD: u32 = 3;
/// A plain store into the instance's table (no `__setattr__`, no
/// property of that name along the MRO); the name was last at `pos`.
/// STORE_ATTR.
const K_STORE: u32 = 4;
/// A property whose setter is Python function `!val`. STORE_ATTR.
const K_SETTER: u32 = 5;
/// `__name__` of the class itself (keyed by its address plus one) when
/// its namespace lacks that key: the class's name, qstr `pos`. LOAD_ATTR
/// (a key gained bumps the class version).
const K_CLASS_NAME: u32 = 6;
/// A store into the class itself (keyed by its address plus one) whose
/// name was at `pos` in its namespace holding a plain value (a class
/// counter): another plain value replacing it is written there (what
/// `members::ns_store` does, no class fact depending on such a value; any
/// version: the key at `pos` is checked). STORE_ATTR.
const K_CLASS_STORE: u32 = 7;

/// The Python function `!val` that a binary op calls on an instance of
/// the class as its left operand (its `__add__`, ...), found along the
/// class's MRO; keyed by the op's number in place of an instruction
/// address (op numbers are below any code's address). See
/// [`special_hit`].
#[cfg(not(target_os = "none"))]
const K_SPECIAL: u32 = 8;

/// log2 of the sets of [`Sites`].
const SET_BITS: u32 = 9;

/// Entries of [`Sites`] (two per set).
pub const SITES: usize = 2 << SET_BITS;

/// The per-instruction cache (see the module docs): two-way
/// set-associative, the newest entry of a set first.
pub type Sites = [Site; SITES];

/// An empty [`Sites`] (an `ip` word of 0 is never `!` an address).
pub const SITES_EMPTY: Sites = [Site { ip: 0, ty: 0, ver: 0, kind: 0, pos: 0, val: 0 }; SITES];

/// The first entry of the set of instruction `ip` on instances of the
/// type at `ta` (even; the set is it and the next).
#[inline(always)]
fn set_of(ip: usize, ta: usize) -> usize {
    let h = ((ip ^ (ta >> 4)) as u32).wrapping_mul(0x9e37_79b9);
    (h >> (32 - SET_BITS)) as usize * 2 & (SITES - 2)
}

/// The entry of instruction `ip` on instances of the type at `ta`, if
/// any (whatever its version).
#[inline(always)]
fn site(vm: &Vm, ip: usize, ta: usize) -> Option<Site> {
    let s = set_of(ip, ta);
    let set = vm.vmstate.sites.get(s..s + 2)?;
    set.iter().find(|e| e.ip == !ip && e.ty == !ta).copied()
}

/// Remembers what instruction `ip` found on an instance of the type at
/// `ta` in class version `ver`: replaces the set's entry for them, else
/// becomes the set's first (the first moving to second).
#[inline(never)]
fn fill(vm: &mut Vm, ip: usize, ta: usize, ver: usize, kind: u32, pos: usize, val: Obj) {
    let Ok(pos) = u32::try_from(pos) else { return };
    let e = Site { ip: !ip, ty: !ta, ver, kind, pos, val: !val.raw() };
    let s = set_of(ip, ta);
    let Some(set) = vm.vmstate.sites.get_mut(s..s + 2) else { return };
    if let Some(old) = set.iter_mut().find(|x| x.ip == !ip && x.ty == !ta) {
        *old = e;
        return;
    }
    set[1] = set[0];
    set[0] = e;
}

/// The Python function that binary op number `opn` calls on an instance
/// of user class `t` as its left operand, as [`special_fill`] remembered
/// it in this class version (no class made since, so `t` is that class;
/// no namespace along its MRO gained the name or had the function
/// replaced). None: not remembered.
#[cfg(not(target_os = "none"))]
#[inline(always)]
pub fn special_hit(vm: &Vm, opn: u8, t: &TypeObj) -> Option<Obj> {
    let e = site(vm, opn as usize, addr(t))?;
    (e.ver == vm.vmstate.class_version).then_some(Obj::from_raw(!e.val))
}

/// Remembers Python function `f` as what binary op number `opn` calls on
/// an instance of user class `t` (without a built-in base) as its left
/// operand (see [`special_hit`]).
#[cfg(not(target_os = "none"))]
#[inline]
pub fn special_fill(vm: &mut Vm, opn: u8, t: &TypeObj, f: Obj) {
    let ver = vm.vmstate.class_version;
    fill(vm, opn as usize, addr(t), ver, K_SPECIAL, 0, f);
}

/// The address of type `t`.
#[inline(always)]
fn addr(t: &TypeObj) -> usize {
    t as *const TypeObj as usize
}

/// The type of `o` when it is a user class (its instances, and
/// instances of user exception classes).
#[inline(always)]
fn class_type(o: Obj) -> Option<&'static TypeObj> {
    o.ptr_type().filter(|t| t.flags & flags::IS_CLASS != 0)
}

/// Does instance `o`'s own table lack `name`? (A name no instance ever
/// had is not looked for.)
#[inline(always)]
fn not_own(vm: &Vm, o: Obj, name: Qstr) -> bool {
    !may_be_inst_name(vm, name) || own_attr(vm, o, name).is_none()
}

/// Instance `o`'s own attribute `name` and its position, if it has it.
#[inline(never)]
fn own_attr(vm: &Vm, o: Obj, name: Qstr) -> Option<(usize, Obj)> {
    let m = &vm.heap.get::<InstanceObj>(o)?.members;
    if m.is_empty() {
        return None;
    }
    // (A small table is searched without the hash.)
    let h = if m.hash_at(0).is_some() { vm.qstr_hash(name) } else { 0 };
    let p = m.find_identical(Obj::qstr(name), h)?;
    Some((p, m.entry(p)?.value))
}

/// log2 of the sets of [`AttrCache`].
const ATTR_BITS: u32 = 9;

/// Entries of [`AttrCache`] (two per set).
pub const ATTR_SIZE: usize = 2 << ATTR_BITS;

/// LOAD_ATTR's and STORE_ATTR's cache of positions in instances' own
/// tables: `(!instruction address, position, qstr id)` triples (the name
/// stored or found there), two-way set-associative by
/// instruction (the newest entry of a set first), whatever the instance's
/// class (the key at the position is checked, and instances of related
/// classes tend to share their layout).
pub type AttrCache = [(usize, u32, u32); ATTR_SIZE];

/// An empty [`AttrCache`].
pub const ATTR_EMPTY: AttrCache = [(0, 0, 0); ATTR_SIZE];

/// The first [`AttrCache`] entry of the set of the instruction at `ip`.
#[inline(always)]
fn attr_set(ip: usize) -> usize {
    // (The low bits of the address: instructions a few bytes apart fall
    // in different sets, and the second way takes most of the rest.)
    ip * 2 & (ATTR_SIZE - 2)
}

/// The remembered position for the instruction at `ip`, if any.
#[inline(always)]
fn hint(vm: &Vm, ip: usize) -> Option<usize> {
    let s = attr_set(ip);
    let set = vm.vmstate.attr_cache.get(s..s + 2)?;
    set.iter().find(|e| e.0 == !ip).map(|e| e.1 as usize)
}

/// The remembered position for the instruction at `ip` if it was
/// remembered for `name` (an entry left by code freed since, at the same
/// address, may be for another name).
#[inline(always)]
fn name_hint(vm: &Vm, ip: usize, name: Qstr) -> Option<usize> {
    let s = attr_set(ip);
    let set = vm.vmstate.attr_cache.get(s..s + 2)?;
    set.iter().find(|e| e.0 == !ip && e.2 == name.0).map(|e| e.1 as usize)
}

/// Remembers position `p` of `name` for the instruction at `ip`.
#[inline(always)]
fn remember(vm: &mut Vm, ip: usize, p: usize, name: Qstr) {
    let Ok(p) = u32::try_from(p) else { return };
    let s = attr_set(ip);
    let Some(set) = vm.vmstate.attr_cache.get_mut(s..s + 2) else { return };
    if set[1].0 == !ip {
        set[1] = (!ip, p, name.0);
    } else {
        if set[0].0 != !ip {
            set[1] = set[0];
        }
        set[0] = (!ip, p, name.0);
    }
}

/// LOAD_ATTR at instruction address `ip`: `o.name`, except that a
/// property with a Python getter found through an instance is answered
/// NULL, the getter left in `VmState::attr_getter` (see [`getter`]) for
/// the caller (the dispatch loop) to call with the instance, straight
/// into its frame as a CALL does (no native frames between the loop and
/// the getter's).
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
    load_attr_other(vm, ip, o, name)
}

/// The getter that [`load_attr`] last answered NULL for (or the setter
/// that [`store_attr`] answered true for).
#[inline(always)]
pub fn getter(vm: &Vm) -> Obj {
    Obj::from_raw(!vm.vmstate.attr_getter)
}

/// Desktop: calls the property getter or setter that `attrcache` left
/// in `attr_getter` with `args` (the instance, and the value for a
/// setter), as a CALL would (fast path, then the general one, then the
/// stack scrub a deep call asks for).
#[cfg(not(target_os = "none"))]
#[inline(always)]
pub(super) fn call_accessor(vm: &mut Vm, args: &[Obj]) -> PyResult<Obj> {
    let g = getter(vm);
    let r = match super::call::call_fast(vm, g, args) {
        Some(r) => r,
        None => super::access::call_other(vm, g, args),
    };
    if vm.vmstate.scrub_pending {
        super::scrub::scrub_after_call(vm);
    }
    r
}

/// [`load_attr`]'s NULL answer for Python getter `g`.
#[inline(always)]
fn defer_getter(vm: &mut Vm, g: Obj) -> PyResult<Obj> {
    vm.vmstate.attr_getter = !g.raw();
    Ok(Obj::NULL)
}

/// [`load_attr`]'s hit on what the class gives (None: the general path).
#[inline(always)]
fn load_class_site(vm: &mut Vm, e: Site, o: Obj, name: Qstr) -> Option<PyResult<Obj>> {
    if !not_own(vm, o, name) {
        return None;
    }
    if e.kind == K_GETTER {
        return Some(defer_getter(vm, Obj::from_raw(!e.val)));
    }
    let c = vm.heap.class_live(Obj::from_raw(!e.val))?;
    c.st.dict.value_if_key(e.pos as usize, Obj::qstr(name)).map(Ok)
}

/// [`load_attr`] on an instance past the position cache: what the
/// class gives as [`Sites`] remember it (a plain value, a property's
/// Python getter); else the name in the instance's own table (its
/// position remembered), else a property's Python getter or a plain
/// value of the class (what the general lookup returns for them, each
/// remembered), else the general lookup.
#[inline(never)]
fn load_instance_attr(vm: &mut Vm, ip: usize, o: Obj, name: Qstr) -> PyResult<Obj> {
    // A name no instance ever had (no own attribute to look for, so no
    // call: this frame saves no registers): the entry's answer.
    if !may_be_inst_name(vm, name) {
        if let Some(t) = class_type(o) {
            if let Some(e) = site(vm, ip, addr(t)).filter(|e| e.ver == vm.vmstate.class_version) {
                if e.kind == K_GETTER {
                    vm.vmstate.attr_getter = e.val;
                    return Ok(Obj::NULL);
                }
                let c = vm.heap.class_live(Obj::from_raw(!e.val));
                if let Some(v) = c.and_then(|c| c.st.dict.value_if_key(e.pos as usize, Obj::qstr(name))) {
                    return Ok(v);
                }
            }
        }
    }
    load_instance_slow(vm, ip, o, name)
}

/// [`load_instance_attr`] past its quick [`Sites`] hit: the entry for a
/// name instances may have (their own table checked first), else the
/// lookups.
#[inline(never)]
fn load_instance_slow(vm: &mut Vm, ip: usize, o: Obj, name: Qstr) -> PyResult<Obj> {
    let Some(t) = class_type(o) else { return vm.load_attr(o, name) };
    let ver = vm.vmstate.class_version;
    if let Some(e) = site(vm, ip, addr(t)).filter(|e| e.ver == ver) {
        if let Some(r) = load_class_site(vm, e, o, name) {
            return r;
        }
    }
    if may_be_inst_name(vm, name) {
        if let Some((p, v)) = own_attr(vm, o, name) {
            remember(vm, ip, p, name);
            return Ok(v);
        }
    }
    // (Past the names the general lookup answers itself.)
    if name != q::__class__ && name != q::__dict__ {
        if let Some((v, at)) = class_locate(vm, class_of_instance(o), name) {
            match describe(vm, v) {
                Desc::Property(g, _, _) if crate::vmobj::is_function(g) => {
                    fill(vm, ip, addr(t), ver, K_GETTER, 0, g);
                    return defer_getter(vm, g);
                }
                Desc::Other => {
                    if let Some((c, p)) = at {
                        fill(vm, ip, addr(t), ver, K_CLASS_VALUE, p, c);
                    }
                    return Ok(v);
                }
                _ => {}
            }
        }
    }
    vm.load_attr(o, name)
}

/// A class-dict value of `name` along the MRO of class `cls` (as
/// [`find_cached`]), with the class whose table holds it and its position
/// there when the class's lookup cache tells them.
fn class_locate(vm: &mut Vm, cls: Obj, name: Qstr) -> Option<(Obj, Option<(Obj, usize)>)> {
    let Found::Plain(v) = find_cached(vm, cls, name)? else { return None };
    let c = vm.heap.class(cls)?;
    let at = mcache_find(&c.st, name)
        .filter(|e| c.st.mcache_epoch == vm.vmstate.mcache_epoch && e.1 != MCACHE_MISS)
        .and_then(|&(_, ci, cp)| {
            let k = *vm.tuple_pinned(c.st.mro)?.get(ci as usize)?;
            Some((k, cp as usize))
        });
    Some((v, at))
}

/// STORE_ATTR at instruction address `ip`: `o.name = value`, or `del
/// o.name` when `value` is NULL. True: not done, a property's Python
/// setter (as a [`K_SETTER`] site remembers it) is left in
/// `VmState::attr_getter` (see [`getter`]) for the caller (the dispatch
/// loop) to call with the instance and the value.
///
/// Errors: as [`Vm::store_attr`].
#[inline(always)]
pub fn store_attr(vm: &mut Vm, ip: usize, o: Obj, name: Qstr, value: Obj) -> PyResult<bool> {
    if !value.is_null() {
        if let Some(t) = class_type(o) {
            if let Some((p, n)) = plain_store_hint(vm, ip, o, t, name) {
                // A class without `__setattr__` or properties: the name
                // where this instruction stored it last; else, appended
                // where it was then when that is where the next entry of
                // this (new) instance's small table goes and its class
                // has recorded as many attributes (see `store_attr_slow`).
                let key = Obj::qstr(name);
                if let Some(i) = vm.heap.get_mut::<InstanceObj>(o) {
                    if i.members.set_or_push_small_at(p, key, value, p < n) {
                        return Ok(false);
                    }
                }
            }
            if let Some(e) = site(vm, ip, addr(t)).filter(|e| e.ver == vm.vmstate.class_version) {
                if e.kind == K_STORE {
                    // The name where it was; else, when this (new) instance's
                    // small table has as many entries as the one the name was
                    // appended to last, appended again if absent (what
                    // `members::ns_store` does, minus its layers).
                    let (p, key) = (e.pos as usize, Obj::qstr(name));
                    let append = may_be_inst_name(vm, name);
                    let Some(i) = vm.heap.get_mut::<InstanceObj>(o) else {
                        return store_attr_slow(vm, ip, o, name, value).map(|_| false);
                    };
                    if i.members.set_value_if_key(p, key, value) {
                        return Ok(false);
                    }
                    // (The class's `inst_attrs` is at least `p + 1` already:
                    // see `store_attr_slow`, which filled the site; the
                    // name's bit is checked as in the quick hit above.)
                    if append && i.members.push_small_at(p, key, value) {
                        return Ok(false);
                    }
                    return store_attr_slow(vm, ip, o, name, value).map(|_| false);
                }
                if e.kind == K_SETTER {
                    vm.vmstate.attr_getter = e.val;
                    return Ok(true);
                }
            }
            return store_attr_slow(vm, ip, o, name, value).map(|_| false);
        }
        return store_attr_other(vm, ip, o, name, value).map(|_| false);
    }
    vm.store_attr(o, name, value).map(|_| false)
}

/// [`store_attr`]'s quick hit: for an instance of user class `t` with the
/// instance layout whose class and bases have no `__setattr__` and no
/// property (so a store is [`members::ns_store`](super::members::ns_store)
/// into the instance's own table, what `store_attr_slow` does for them),
/// (`t`, the type of instance `o`) the position instruction `ip` stored
/// `name` at last (remembered by `store_attr_slow` after such a store:
/// the name is in [`InstNames`])
/// and the class's `inst_attrs`.
#[inline(always)]
fn plain_store_hint(vm: &Vm, ip: usize, o: Obj, t: &TypeObj, name: Qstr) -> Option<(usize, usize)> {
    if !super::class::has_instance_layout(t) {
        return None;
    }
    let c = vm.heap.class_of(o)?;
    if (c.st.flags | vm.vmstate.class_flags_extra) & (CF_SETATTR | CF_PROPERTY) != 0 {
        return None;
    }
    let n = c.st.inst_attrs as usize;
    Some((name_hint(vm, ip, name)?, n))
}

/// [`store_attr`] of a value on anything but an instance: `C.name = v`
/// replacing a plain value of user class `C`'s own namespace by another
/// in place, as a [`K_CLASS_STORE`] site remembers (filled after the
/// general store made such a replacement); else the general store.
///
/// Errors: as [`Vm::store_attr`].
#[inline(never)]
fn store_attr_other(vm: &mut Vm, ip: usize, o: Obj, name: Qstr, value: Obj) -> PyResult<()> {
    let ta = o.raw() | 1;
    let key = Obj::qstr(name);
    let plain = plain_class_value(vm, value);
    if vm.heap.class(o).is_none() {
        return vm.store_attr(o, name, value);
    }
    if plain {
        if let Some(e) = site(vm, ip, ta).filter(|e| e.kind == K_CLASS_STORE) {
            let p = e.pos as usize;
            let old = vm.heap.class(o).and_then(|c| c.st.dict.value_if_key(p, key));
            if old.is_some_and(|v| plain_class_value(vm, v)) {
                if let Some(st) = vm.heap.class_state_mut(o) {
                    st.dict.set_value(p, value);
                    return Ok(());
                }
            }
        }
    }
    // (A replaced plain value left no class fact to void; names whose
    // mere presence sets class flags are left to the general store.)
    let old = match vm.heap.class(o) {
        Some(c) if plain && !matches!(name, q::__setattr__ | q::__delattr__ | q::__new__) => {
            c.st.dict.find_identical(key, vm.qstr_hash(name)).filter(|&p| c.st.dict.value_if_key(p, key).is_some_and(|v| plain_class_value(vm, v)))
        }
        _ => None,
    };
    vm.store_attr(o, name, value)?;
    if let Some(p) = old {
        fill(vm, ip, ta, vm.vmstate.class_version, K_CLASS_STORE, p, Obj::NULL);
    }
    Ok(())
}

/// Before a [`K_STORE`] site remembers position `n - 1` for instances of
/// `o`'s class: makes its `inst_attrs` (the most attributes its
/// instances have had, which only grows) at least `n`, what
/// `members::ns_store` records for a new instance key; so a hit that
/// appends the name at that position has nothing to record (the name is
/// in [`InstNames`] already, as the store that filled the site put it
/// there). A hit is in the same class: making a class voids the sites.
#[inline(always)]
fn new_inst_attr(vm: &mut Vm, o: Obj, n: usize) {
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
/// general path; the first two are remembered (a plain store with where
/// the name is in the instance's table: a new name was appended last).
#[inline(never)]
fn store_attr_slow(vm: &mut Vm, ip: usize, o: Obj, name: Qstr, value: Obj) -> PyResult<()> {
    let Some(t) = class_type(o).filter(|t| super::class::has_instance_layout(t)) else {
        return vm.store_attr(o, name, value);
    };
    let ver = vm.vmstate.class_version;
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
                        fill(vm, ip, addr(t), ver, K_SETTER, 0, set);
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
        new_inst_attr(vm, o, p + 1);
        fill(vm, ip, addr(t), ver, K_STORE, p, Obj::NULL);
        remember(vm, ip, p, name);
    }
    Ok(())
}

/// LOAD_METHOD's hits, inlined into the dispatch loop's arm (which
/// pushes the pair itself, so it never goes through memory): `(method,
/// self)` or `(value, NULL)` as [`load_method`] answers from its caches
/// (a remembered Python method or own attribute of a user-class
/// instance, a built-in type's or module's remembered method); None:
/// [`load_method`].
#[inline(always)]
pub fn method_hit(vm: &Vm, ip: usize, o: Obj, name: Qstr) -> Option<(Obj, Obj)> {
    if let Some(t) = class_type(o) {
        let e = site(vm, ip, addr(t))?;
        if e.kind == K_METHOD && e.ver == vm.vmstate.class_version && not_own(vm, o, name) {
            return Some((Obj::from_raw(!e.val), o));
        }
        if e.kind == K_INST {
            let own = vm.heap.get::<InstanceObj>(o).and_then(|i| i.members.value_if_key(e.pos as usize, Obj::qstr(name)));
            return own.map(|v| (v, Obj::NULL));
        }
        return None;
    }
    let t = vm.builtin_type(o);
    // (A built-in module's attributes are entered under the module.)
    let module = core::ptr::eq(t, &crate::typ::BUILTIN_MODULE_TYPE);
    let ta = if module { o.raw() } else { addr(t) };
    let s = method_slot(ta, name);
    let set = vm.vmstate.method_cache.get(s..s + 2)?;
    let &(_, _, f) = set.iter().find(|&&(ct, cq, _)| ct == ta && cq == name.0)?;
    Some((Obj::from_raw(f), if module { Obj::NULL } else { o }))
}

/// LOAD_METHOD: `(method, self)`, `(value, NULL)` or `(NULL, NULL)` as
/// [`Vm::load_method_maybe`]. An instance of a plain user class (no
/// built-in part) whose own namespace lacks `name`, finding a Python
/// function along its class's MRO, gets it bound without the general
/// lookup's layers; a name in the instance's namespace is returned as is
/// (as the general path does); both are remembered (see [`method_hit`]).
///
/// Errors: as [`Vm::load_method_maybe`].
#[inline(never)]
pub fn load_method(vm: &mut Vm, ip: usize, o: Obj, name: Qstr) -> PyResult<(Obj, Obj)> {
    if let Some(r) = method_hit(vm, ip, o, name) {
        return Ok(r);
    }
    if let Some(t) = class_type(o) {
        return instance_method(vm, ip, o, t, name);
    }
    builtin_method(vm, o, vm.builtin_type(o), name)
}

/// LOAD_ATTR on anything but an instance of a user class: a user class's
/// attribute as [`class_attr`], a built-in module's static attribute
/// from the method cache (see [`module_value`]), else the general
/// lookup.
///
/// Errors: as [`Vm::load_attr`].
#[inline(never)]
fn load_attr_other(vm: &mut Vm, ip: usize, o: Obj, name: Qstr) -> PyResult<Obj> {
    if o.as_builtin_module().is_none() {
        if vm.heap.class(o).is_some() {
            return class_attr(vm, ip, o, name);
        }
        return vm.load_attr(o, name);
    }
    let s = method_slot(o.raw(), name);
    for &(ct, cq, f) in &vm.vmstate.method_cache[s..s + 2] {
        if ct == o.raw() && cq == name.0 {
            return Ok(Obj::from_raw(f));
        }
    }
    let v = vm.load_attr(o, name)?;
    module_value(vm, o, name, v);
    Ok(v)
}

/// LOAD_ATTR at instruction address `ip` on user class `o`: a plain value
/// or a function along its MRO (returned as is) as a [`K_CLASS_VALUE`]
/// site remembers it (keyed by the class's address plus one, never a
/// type's address that instances are keyed by); else the general lookup,
/// whose answer for such a value is remembered.
///
/// Errors: as [`Vm::load_attr`].
fn class_attr(vm: &mut Vm, ip: usize, o: Obj, name: Qstr) -> PyResult<Obj> {
    let ta = o.raw() | 1;
    let ver = vm.vmstate.class_version;
    if let Some(e) = site(vm, ip, ta).filter(|e| e.ver == ver) {
        if e.kind == K_CLASS_NAME {
            return Ok(Obj::qstr(Qstr(e.pos)));
        }
        if e.kind == K_CLASS_VALUE {
            let c = vm.heap.class_live(Obj::from_raw(!e.val));
            if let Some(v) = c.and_then(|c| c.st.dict.value_if_key(e.pos as usize, Obj::qstr(name))) {
                return Ok(v);
            }
        }
    }
    // `C.__name__` (what `members::class_load` answers when the class's
    // namespace lacks the key).
    if name == q::__name__ {
        if let Some(c) = vm.heap.class(o) {
            if super::class::dict_get_q(vm, &c.st.dict, name).is_none() {
                let n = c.ty.name();
                fill(vm, ip, ta, ver, K_CLASS_NAME, n.0 as usize, Obj::NULL);
                return Ok(Obj::qstr(n));
            }
        }
    }
    // (Past the names `members::class_load` answers before the MRO.)
    if !matches!(name, q::__name__ | q::__bases__ | q::__class__ | q::__dict__) {
        if let Some((v, at)) = class_locate(vm, o, name) {
            if matches!(describe(vm, v), Desc::Other | Desc::Function) {
                if let Some((c, p)) = at {
                    fill(vm, ip, ta, ver, K_CLASS_VALUE, p, c);
                }
                return Ok(v);
            }
        }
    }
    vm.load_attr(o, name)
}

/// After the general lookup found `v` for attribute `name` of built-in
/// module `o`: remembers it in the method cache under the module when it
/// is the module's static attribute (the general lookup's answer for
/// ever: a module's `locals` come first and never change) and not a heap
/// object.
fn module_value(vm: &mut Vm, o: Obj, name: Qstr, v: Obj) {
    let Some(m) = o.as_builtin_module() else { return };
    // What `load_method_maybe` answers before the module's own attributes.
    if name == q::__class__ || crate::typ::BUILTIN_MODULE_TYPE.lookup(name).is_some() {
        return;
    }
    let fixed = m.lookup(name).and_then(Rom::to_obj).is_some_and(|r| r == v);
    if fixed && !vm.heap.is_heap_obj(v) {
        let s = method_slot(o.raw(), name);
        let c = &mut vm.vmstate.method_cache;
        c[s + 1] = c[s];
        c[s] = (o.raw(), name.0, v.raw());
    }
}

/// [`load_method`] on an instance of user class `t` past the cache. An
/// instance of a plain user class (no built-in part): its own namespace
/// (a name there is returned as is; skipped for a name no instance ever
/// had), then the class's MRO through [`class_find`]: a Python function
/// binds to the instance, a plain value is returned as is (as the general
/// lookup does). Anything else: the general lookup.
///
/// Errors: as [`Vm::load_method_maybe`].
#[inline(never)]
fn instance_method(vm: &mut Vm, ip: usize, o: Obj, t: &TypeObj, name: Qstr) -> PyResult<(Obj, Obj)> {
    let plain = super::class::has_instance_layout(t) && t.flags & flags::NATIVE_INSTANCE == 0;
    if plain && name != q::__class__ && name != q::__dict__ {
        let ver = vm.vmstate.class_version;
        if may_be_inst_name(vm, name) {
            if let Some((p, v)) = own_attr(vm, o, name) {
                fill(vm, ip, addr(t), ver, K_INST, p, Obj::NULL);
                return Ok((v, Obj::NULL));
            }
        }
        match class_find(vm, o, name) {
            Some(Found::Plain(v)) => match describe(vm, v) {
                Desc::Function => {
                    fill(vm, ip, addr(t), ver, K_METHOD, 0, v);
                    return Ok((v, o));
                }
                Desc::Other => return Ok((v, Obj::NULL)),
                _ => {}
            },
            Some(Found::Rom(_)) | None => {}
        }
    }
    vm.load_method_maybe(o, name)
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
        vm.tuple_pinned(c.st.mro).and_then(|m| m.get(ci as usize)).and_then(|&e| vm.heap.class_live(e))?
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
    let r = vm.load_method_maybe(o, name)?;
    if r.1.is_null() && !r.0.is_null() {
        module_value(vm, o, name, r.0);
    }
    Ok(r)
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


/// Is class attribute value `v` returned as is through an instance (no
/// function, property, ...)? Only such [`Site`]s are read live.
#[inline]
fn plain_class_value(vm: &Vm, v: Obj) -> bool {
    matches!(describe(vm, v), Desc::Other)
}

/// Before `name = value` is stored in (or, `value` NULL, deleted from)
/// class `cls`'s namespace: voids the class facts of [`Sites`] unless an existing
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
/// says), or a class was made: what [`Sites`] say of classes is void.
#[inline]
pub fn class_changed(vm: &mut Vm) {
    vm.vmstate.class_version = vm.vmstate.class_version.wrapping_add(1);
}
