//! User classes: `__build_class__`, C3 method resolution order, the
//! class's `TypeObj` (slots dispatching to special methods), lookups along
//! the MRO (with a per-class cache), instance creation (`__new__`,
//! `__init__`, native bases) and `super`'s lookup rule. Attribute access
//! on instances, classes and modules is in [`super::members`].

use crate::heap::GcVec;
use crate::map::Map;
use crate::obj::{Obj, ObjBase};
use crate::qstr::{q, Qstr};
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{flags, BuiltinFun, Rom, TypeExt, TypeObj, OBJECT_TYPE, TYPE_TYPE};
use crate::types::exception as exc;
use crate::types::misc::{FunWrapObj, PropertyObj, CELL_TYPE, CLASSMETHOD_TYPE, STATICMETHOD_TYPE};
use crate::PyResult;

pub use super::sup::{super_lookup, SuperObj, SUPER_TYPE};

/// How a class attribute was found.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    /// A value from a class dict.
    Plain,
    /// A method of a built-in type (binds to the native part).
    RomFun,
    /// A classmethod of a built-in type.
    RomClassMethod,
    /// A staticmethod of a built-in type or a constant.
    RomOther,
}

/// Finds `name` in a namespace table by qstr identity.
#[inline]
pub fn dict_get_q(vm: &Vm, d: &Map, name: Qstr) -> Option<Obj> {
    d.find_identical(Obj::qstr(name), vm.qstr_hash(name)).and_then(|p| d.entry(p)).map(|e| e.value)
}

/// Class flag: a user class in the MRO defines `__setattr__`.
pub const CF_SETATTR: u32 = 1;
/// Class flag: a user class in the MRO defines `__delattr__`.
pub const CF_DELATTR: u32 = 2;
/// Class flag: a user class in the MRO holds a `property` (any name).
pub const CF_PROPERTY: u32 = 4;
/// Class flag: a user class in the MRO defines `__new__`.
pub const CF_NEW: u32 = 8;

/// The flag bits one namespace entry contributes.
fn entry_flags(vm: &Vm, key: Obj, value: Obj) -> u32 {
    let mut f = match key.as_qstr() {
        Some(q::__setattr__) => CF_SETATTR,
        Some(q::__delattr__) => CF_DELATTR,
        Some(q::__new__) => CF_NEW,
        _ => 0,
    };
    if vm.heap.get::<PropertyObj>(value).is_some() {
        f |= CF_PROPERTY;
    }
    f
}

/// Is `o` a user class?
#[inline(always)]
pub fn is_class(vm: &Vm, o: Obj) -> bool {
    vm.heap.class(o).is_some()
}

/// The user class of instance-like object `o` (an instance of a user
/// class, or an exception whose class is a user class), or NULL.
#[inline(always)]
pub fn class_of_instance(o: Obj) -> Obj {
    match o.ptr_type() {
        Some(t) if t.flags & flags::IS_CLASS != 0 => Obj::from_type(t),
        _ => Obj::NULL,
    }
}

/// The flags of class `cls` (every bit for anything that is not a user
/// class, so callers take the general path).
#[inline]
pub fn class_flags(vm: &Vm, cls: Obj) -> u32 {
    match vm.heap.class(cls) {
        Some(c) => c.st.flags | vm.vmstate.class_flags_extra,
        None => u32::MAX,
    }
}

/// The MRO of user class `cls` (a pinned tuple: itself first, `object`
/// excluded); empty for anything else.
#[inline]
pub fn class_mro<'a>(vm: &Vm, cls: Obj) -> &'a [Obj] {
    vm.heap.class(cls).and_then(|c| vm.tuple_pinned(c.st.mro)).unwrap_or(&[])
}

/// When `name = value` is stored in class `cls`'s namespace: adds the
/// entry's flags to `cls`. Subclasses cannot be found without a heap
/// walk, so a new bit is also set VM-wide (a set bit only means "look":
/// the general paths stay correct, merely slower).
pub fn note_class_entry(vm: &mut Vm, cls: Obj, name: Qstr, value: Obj) {
    let f = entry_flags(vm, Obj::qstr(name), value);
    if f == 0 || class_flags(vm, cls) & f == f {
        return;
    }
    if let Some(st) = vm.heap.class_state_mut(cls) {
        st.flags |= f;
    }
    vm.vmstate.class_flags_extra |= f;
}

/// What a lookup along an MRO found, before converting ROM entries to
/// objects.
#[derive(Clone, Copy)]
pub(crate) enum Found {
    /// A value from a class dict.
    Plain(Obj),
    /// An entry of a built-in type's locals.
    Rom(Rom),
}

/// `name` in one MRO entry: a user class's namespace or a built-in
/// type's own locals.
#[inline]
fn find_in_entry(vm: &Vm, e: Obj, name: Qstr, h: u32) -> Option<Found> {
    if let Some(k) = vm.heap.class(e) {
        let p = k.st.dict.find_identical(Obj::qstr(name), h)?;
        return k.st.dict.entry(p).map(|en| Found::Plain(en.value));
    }
    let t = e.as_type()?;
    crate::typ::find(t.locals(), name).map(Found::Rom)
}

/// Finds `name` along `cls`'s MRO from position `from` (a user class),
/// without allocating. None when absent or `cls` is not a user class.
#[inline]
fn find_in_mro(vm: &Vm, cls: Obj, name: Qstr, from: usize) -> Option<Found> {
    let h = vm.qstr_hash(name);
    class_mro(vm, cls).get(from..)?.iter().find_map(|&e| find_in_entry(vm, e, name, h))
}

/// The first cache slot of `name`'s set (its [`MCACHE_WAYS`] slots are
/// consecutive). The low bits of the qstr number: a program's names are
/// numbered in the order they are first interned, so the names of one
/// class tend to be consecutive and fall in distinct sets, and renumbering
/// (a built-in name added or removed) shifts them together.
#[inline(always)]
pub(crate) fn mcache_slot(name: Qstr) -> usize {
    (name.0 as usize & (MCACHE_SLOTS / MCACHE_WAYS - 1)) * MCACHE_WAYS
}

/// Slots per set of a class's lookup cache: desktop builds keep two, so
/// two names a loop alternates between cannot evict each other; boards
/// keep one (a direct-mapped cache, the smaller code).
pub const MCACHE_WAYS: usize = if cfg!(target_os = "none") { 1 } else { 2 };

/// The slot of `name`'s set whose entry is for `name`, if any (whatever
/// its epoch and validity).
#[inline(always)]
pub(crate) fn mcache_find(st: &ClassState, name: Qstr) -> Option<&(u32, u32, u32)> {
    let s = mcache_slot(name);
    let e = &st.mcache[s];
    if e.0 == name.0 {
        return Some(e);
    }
    #[cfg(not(target_os = "none"))]
    {
        let e = &st.mcache[s | 1];
        if e.0 == name.0 {
            return Some(e);
        }
    }
    None
}

/// Entries of a class's lookup cache (a power of two, [`MCACHE_WAYS`]
/// per set). Desktop builds have room for the many names a class of a
/// large program is asked for; boards keep classes small.
pub const MCACHE_SLOTS: usize = if cfg!(target_os = "none") { 16 } else { 64 };

/// [`find_in_mro`] from position 0 for a user class, through the class's
/// lookup cache. A cached `(MRO index, dict position)` is used only if the
/// entry there still has key `name` (values replaced in place are read
/// live; deleted or moved entries fail the check), and only within the
/// epoch it was filled in (new keys in any class namespace start a new
/// epoch); so is a cached miss.
pub(crate) fn find_cached(vm: &mut Vm, cls: Obj, name: Qstr) -> Option<Found> {
    let key = Obj::qstr(name);
    let slot = mcache_slot(name);
    let epoch = vm.vmstate.mcache_epoch;
    let c = vm.heap.class(cls)?;
    let mro = vm.tuple_pinned(c.st.mro).unwrap_or(&[]);
    if let (Some(&(_, ci, cp)), true) = (mcache_find(&c.st, name), c.st.mcache_epoch == epoch) {
        #[cfg(not(target_os = "none"))]
        if ci == MCACHE_MISS {
            return None;
        }
        if let Some(k) = mro.get(ci as usize).and_then(|&e| vm.heap.class(e)) {
            if let Some(en) = k.st.dict.entry(cp as usize) {
                if en.key == key {
                    return Some(Found::Plain(en.value));
                }
            }
        }
    }
    // Walk the MRO, remembering where a class-dict hit was.
    let h = vm.qstr_hash(name);
    let mut hit = None;
    for (idx, &e) in mro.iter().enumerate() {
        if let Some(k) = vm.heap.class(e) {
            if let Some(p) = k.st.dict.find_identical(key, h) {
                if let Some(en) = k.st.dict.entry(p) {
                    hit = Some((idx, p, en.value));
                    break;
                }
            }
        } else if let Some(t) = e.as_type() {
            if let Some(r) = crate::typ::find(t.locals(), name) {
                return Some(Found::Rom(r));
            }
        }
    }
    // On desktop builds a miss is remembered too (names looked up on
    // classes that lack them: instance attributes behind a class with
    // properties): no MRO entry can gain the name within the epoch.
    let entry = match hit {
        Some((idx, p, _)) => (name.0, idx as u32, p as u32),
        #[cfg(not(target_os = "none"))]
        None => (name.0, MCACHE_MISS, 0),
        #[cfg(target_os = "none")]
        None => return None,
    };
    if let Some(st) = vm.heap.class_state_mut(cls) {
        if st.mcache_epoch != epoch {
            st.mcache = [(u32::MAX, 0, 0); MCACHE_SLOTS];
            st.mcache_epoch = epoch;
        }
        // Into the set's first free slot, else (name's stale entry or
        // not) the first, the one it held moving to the second.
        #[cfg_attr(target_os = "none", allow(unused_mut))]
        let mut i = slot;
        #[cfg(not(target_os = "none"))]
        if st.mcache[slot].0 != u32::MAX && st.mcache[slot].0 != name.0 {
            if st.mcache[slot | 1].0 != u32::MAX && st.mcache[slot | 1].0 != name.0 {
                st.mcache[slot | 1] = st.mcache[slot];
            } else {
                i = slot | 1;
            }
        }
        st.mcache[i] = entry;
    }
    hit.map(|(_, _, v)| Found::Plain(v))
}

/// A [`find_cached`] entry's MRO index for a name no MRO entry has.
#[cfg(not(target_os = "none"))]
pub(crate) const MCACHE_MISS: u32 = u32::MAX;

/// The kind of a ROM locals entry.
fn rom_kind(r: Rom) -> Kind {
    match r.kind() {
        crate::typ::RomKind::Fun(_) => Kind::RomFun,
        crate::typ::RomKind::ClassMethod(_) => Kind::RomClassMethod,
        crate::typ::RomKind::Value => Kind::RomOther,
    }
}

/// Converts a [`Found`] to the `(value, kind)` pair lookups return.
fn found_obj(vm: &mut Vm, f: Found) -> PyResult<(Obj, Kind)> {
    match f {
        Found::Plain(v) => Ok((v, Kind::Plain)),
        Found::Rom(r) => Ok((vm.rom_to_obj(r)?, rom_kind(r))),
    }
}

/// Looks `name` up along `cls`'s MRO starting at position `from`
/// (built-in types in the MRO contribute their locals; for a built-in
/// type `cls`, its base chain).
pub fn class_lookup_from(vm: &mut Vm, cls: Obj, name: Qstr, from: usize) -> PyResult<Option<(Obj, Kind)>> {
    if !is_class(vm, cls) {
        let mut ty = cls.as_type();
        while let Some(t) = ty {
            if let Some(r) = crate::typ::find(t.locals(), name) {
                return Ok(Some((vm.rom_to_obj(r)?, rom_kind(r))));
            }
            ty = t.base;
        }
        return Ok(None);
    }
    match find_in_mro(vm, cls, name, from) {
        Some(f) => Ok(Some(found_obj(vm, f)?)),
        None => Ok(None),
    }
}

/// Looks `name` up along `cls`'s MRO.
pub fn class_lookup(vm: &mut Vm, cls: Obj, name: Qstr) -> PyResult<Option<(Obj, Kind)>> {
    if is_class(vm, cls) {
        return match find_cached(vm, cls, name) {
            Some(f) => Ok(Some(found_obj(vm, f)?)),
            None => Ok(None),
        };
    }
    class_lookup_from(vm, cls, name, 0)
}

/// Does a user class in `cls`'s MRO define `name` (no allocation)?
pub fn class_has(vm: &Vm, cls: Obj, name: Qstr) -> bool {
    user_special(vm, cls, name).is_some()
}

/// A special method defined by a user class in `cls`'s MRO (not by
/// built-in types).
pub fn user_special(vm: &Vm, cls: Obj, name: Qstr) -> Option<Obj> {
    let key = Obj::qstr(name);
    let h = vm.qstr_hash(name);
    class_mro(vm, cls).iter().find_map(|&e| {
        let k = vm.heap.class(e)?;
        k.st.dict.find_identical(key, h).and_then(|p| k.st.dict.entry(p)).map(|en| en.value)
    })
}

/// [`user_special`] through the class's lookup cache (the first MRO hit
/// is the first user-class hit unless a built-in type's locals come first,
/// in which case the uncached search decides).
pub fn user_special_cached(vm: &mut Vm, cls: Obj, name: Qstr) -> Option<Obj> {
    match find_cached(vm, cls, name) {
        Some(Found::Plain(v)) => Some(v),
        Some(Found::Rom(_)) => user_special(vm, cls, name),
        None => None,
    }
}

/// What a value found on a class is, for binding.
#[derive(Clone, Copy)]
pub enum Desc {
    /// A Python function (binds to the instance).
    Function,
    /// `staticmethod(f)`.
    Static(Obj),
    /// `classmethod(f)`.
    Class(Obj),
    /// `property(fget, fset, fdel)`.
    Property(Obj, Obj, Obj),
    /// A built-in function (binds like a method).
    Builtin,
    /// Anything else (returned as is).
    Other,
}

/// Classifies a class attribute for binding.
#[inline]
pub fn describe(vm: &Vm, v: Obj) -> Desc {
    if crate::vmobj::is_function(v) {
        return Desc::Function;
    }
    let Some(t) = v.ptr_type() else { return Desc::Other };
    if core::ptr::eq(t, &STATICMETHOD_TYPE) || core::ptr::eq(t, &CLASSMETHOD_TYPE) {
        let f = vm.heap.get::<FunWrapObj>(v).map_or(Obj::NONE, |w| w.fun);
        return if core::ptr::eq(t, &STATICMETHOD_TYPE) { Desc::Static(f) } else { Desc::Class(f) };
    }
    if let Some(p) = vm.heap.get::<PropertyObj>(v) {
        return Desc::Property(p.fget, p.fset, p.fdel);
    }
    if v.as_builtin_fun().is_some() {
        return Desc::Builtin;
    }
    Desc::Other
}

/// Binds a value found on a class for access through an instance `inst`
/// (`native` is its built-in part, or `inst`). Returns the LOAD_METHOD
/// pair `(method, self)` or `(value, NULL)`.
///
/// Errors: `AttributeError: unreadable attribute` for a property without
/// a getter; whatever the getter raises.
pub fn bind_for_instance(vm: &mut Vm, v: Obj, kind: Kind, inst: Obj, native: Obj, cls: Obj) -> PyResult<(Obj, Obj)> {
    match kind {
        Kind::RomFun => return Ok((v, native)),
        Kind::RomClassMethod => return Ok((v, cls)),
        Kind::RomOther => return Ok((v, Obj::NULL)),
        Kind::Plain => {}
    }
    match describe(vm, v) {
        Desc::Function | Desc::Builtin => Ok((v, inst)),
        Desc::Static(f) => Ok((f, Obj::NULL)),
        Desc::Class(f) => Ok((f, cls)),
        Desc::Property(g, _, _) => {
            if g.is_null() || g == Obj::NONE {
                return Err(vm.attribute_error(msg!("unreadable attribute")));
            }
            Ok((vm.call(g, &[inst], &[])?, Obj::NULL))
        }
        Desc::Other => Ok((v, Obj::NULL)),
    }
}

/// Does this instance's class define `__call__`?
pub fn instance_is_callable(vm: &Vm, o: Obj) -> bool {
    let cls = class_of_instance(o);
    !cls.is_null() && class_has(vm, cls, q::__call__)
}

/// The built-in type a class derives from (other than object), if any.
pub fn native_base(vm: &Vm, cls: Obj) -> Option<&'static TypeObj> {
    let t = cls.as_type()?;
    if is_class(vm, cls) {
        return t.base;
    }
    if core::ptr::eq(t, &OBJECT_TYPE) {
        None
    } else {
        Some(t)
    }
}

/// Instantiates a user class (`C(*args, **kw)`): `__new__` (or a fresh
/// instance with its native part), then `__init__`.
///
/// Errors: `TypeError: __init__() should return None`, and whatever
/// `__new__`/`__init__` raise.
///
/// Desktop: inline, a plain class's instantiation one native call from
/// the caller, which passes the fallback on without a frame of its own.
#[cfg_attr(not(target_os = "none"), inline(always))]
pub fn call_class(vm: &mut Vm, cls: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    #[cfg(not(target_os = "none"))]
    if kw.is_empty() {
        return call_class_positional(vm, cls, args);
    }
    call_class_general(vm, cls, args, kw)
}

/// [`call_class`] without keywords, out of line (desktop: the CALL
/// opcodes' entry, which then passes the call on without a frame of its
/// own). `cls` may be any callable but a built-in function: what is not
/// a user class goes to [`Vm::call`] (the class test made once, here).
///
/// Errors: as [`call_class`].
#[cfg(not(target_os = "none"))]
#[inline(never)]
pub(super) fn call_class_positional(vm: &mut Vm, cls: Obj, args: &[Obj]) -> PyResult<Obj> {
    match call_plain_class(vm, cls, args) {
        Some(r) => r,
        None if vm.heap.class(cls).is_some() => call_class_general(vm, cls, args, &[]),
        None => vm.call(cls, args, &[]),
    }
}

/// [`call_class`]'s general path: `__new__`, then `__init__`.
///
/// Errors: as [`call_class`].
#[cfg_attr(not(target_os = "none"), inline(never))]
#[cfg_attr(target_os = "none", inline(always))]
fn call_class_general(vm: &mut Vm, cls: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    let init = user_special_cached(vm, cls, q::__init__);
    let newf = if class_flags(vm, cls) & CF_NEW != 0 { user_special(vm, cls, q::__new__) } else { None };
    let obj = if let Some(newf) = newf {
        let f = match describe(vm, newf) {
            Desc::Static(f) => f,
            _ => newf,
        };
        vm.call_with_self(f, cls, args, kw)?
    } else {
        new_instance(vm, cls, args, kw, init.is_some())?
    };
    if let Some(init) = init {
        let ot = vm.type_of(obj);
        if vm.is_subclass(ot, cls) {
            let r = vm.call_with_self(init, obj, args, kw)?;
            if r != Obj::NONE {
                return Err(vm.type_error(msg!("__init__() should return None")));
            }
        }
    }
    Ok(obj)
}

/// [`call_class`] of a class without a built-in base or `__new__` whose
/// `__init__` is a Python function (found through the class's lookup
/// cache, as `call_class` finds it) or absent (no arguments then): the
/// instance (its table presized as `new_instance` does) and the call of
/// `__init__` without the general layers. None: take the general path
/// (nothing done yet).
///
/// Errors: as [`call_class`].
#[cfg(not(target_os = "none"))]
#[inline(always)]
fn call_plain_class(vm: &mut Vm, cls: Obj, args: &[Obj]) -> Option<PyResult<Obj>> {
    let t: &'static TypeObj = cls.as_type()?;
    let c = vm.heap.class(cls)?;
    if c.ty.base.is_some() || (c.st.flags | vm.vmstate.class_flags_extra) & CF_NEW != 0 || args.len() >= 8 {
        return None;
    }
    let inst_attrs = c.st.inst_attrs as usize;
    let init = match super::attrcache::mcache_probe(vm, c, q::__init__) {
        Some(f) => f,
        // (Past the cache: the lookup `call_class` makes, filling it.)
        None => match find_cached(vm, cls, q::__init__) {
            Some(Found::Plain(f)) => Some(f),
            Some(Found::Rom(_)) => return None,
            None => None,
        },
    };
    // No `__init__`: a bare instance when there are no arguments (with
    // some, the general path raises the error).
    match init {
        Some(f) if crate::vmobj::is_function(f) => {}
        None if args.is_empty() => {}
        _ => return None,
    }
    // A table of up to LINEAR_MAX entries: in the instance's own blocks,
    // their count a constant in each arm (the allocator's fast path and
    // the table's set-up fold to straight-line code).
    let obj = match inst_attrs {
        0 => new_plain_instance::<1>(vm, t),
        1..=2 => new_plain_instance::<2>(vm, t),
        3..=4 => new_plain_instance::<3>(vm, t),
        5..=6 => new_plain_instance::<4>(vm, t),
        7..=crate::map::LINEAR_MAX => new_plain_instance::<5>(vm, t),
        _ => first_table(vm, inst_attrs).and_then(|(members, words)| {
            let base = ObjBase::new(t);
            vm.alloc_obj_with_table(words, members, |members| InstanceObj { base, members })
        }),
    };
    let obj = match obj {
        Ok(o) => o,
        Err(e) => return Some(Err(e)),
    };
    let Some(init) = init else { return Some(Ok(obj)) };
    Some(match super::call::call_positional_inline(vm, init, obj, args) {
        Ok(Obj::NONE) => Ok(obj),
        Ok(_) => Err(vm.type_error(msg!("__init__() should return None"))),
        Err(e) => Err(e),
    })
}

/// A new [`InstanceObj`] of class `t` in `N` blocks: the header's block
/// and, after it, an empty small attribute table over the other `N - 1`
/// (as [`first_table`] sizes it: 4 words, 2 entries, per block). Desktop:
/// [`call_plain_class`]'s allocation with `N` a constant.
///
/// Errors: `MemoryError`.
#[cfg(not(target_os = "none"))]
#[inline(always)]
fn new_plain_instance<const N: usize>(vm: &mut Vm, t: &'static TypeObj) -> PyResult<Obj> {
    use crate::heap::{vec::vec_in_tail, BLOCK};
    const HEAD: usize = core::mem::size_of::<InstanceObj>();
    const { assert!(HEAD == BLOCK && N >= 1 && N <= 5) };
    let finish = |f: crate::heap::Fresh| {
        let v = vec_in_tail::<usize>(&f, HEAD, (N - 1) * (BLOCK / core::mem::size_of::<usize>()));
        crate::heap::write_obj(f, InstanceObj { base: ObjBase::new(t), members: Map::small_in(v, Map::new()) })
    };
    match vm.alloc_room_fast::<N>(false) {
        Some(f) => Ok(finish(f)),
        None => vm.alloc_room(N * BLOCK, false, false).map(finish),
    }
}

/// A plain `object()` instance (just the header).
#[repr(C)]
pub struct BareObj {
    /// Header (`object`).
    pub base: ObjBase,
}

/// A new, uninitialised instance of `cls` (with its native part made from
/// `args` when the class has no `__init__` of its own): an
/// [`InstanceObj`], an [`InstanceNativeObj`] for subclasses of built-in
/// types, an exception for exception classes; a bare object for `object`.
///
/// Errors: `MemoryError`; whatever the native part's constructor raises.
pub fn new_instance(vm: &mut Vm, cls: Obj, args: &[Obj], kw: &[Obj], has_init: bool) -> PyResult<Obj> {
    let Some(t) = cls.as_type() else { return Err(vm.type_error(msg!("not a class"))) };
    let Some(inst_attrs) = vm.heap.class(cls).map(|c| c.st.inst_attrs as usize) else {
        if core::ptr::eq(t, &OBJECT_TYPE) {
            return vm.alloc_obj(BareObj { base: ObjBase::new(&OBJECT_TYPE) });
        }
        return Err(vm.type_error(msg!("not a class")));
    };
    if t.is_subtype_any(&exc::BASE_EXCEPTION_TYPE) {
        let a = vm.new_tuple(args)?;
        return vm.new_exception_obj(cls, a);
    }
    let native = match t.base {
        Some(nb) => match nb.make_new {
            Some(mk) if has_init => mk(vm, Obj::from_type(nb), &[], &[])?,
            Some(mk) => mk(vm, Obj::from_type(nb), args, kw)?,
            None => Obj::NULL,
        },
        None => Obj::NULL,
    };
    let (members, words) = first_table(vm, inst_attrs)?;
    let base = ObjBase::new(t);
    // (One allocation call for both layouts: flash.)
    let with_native = t.flags & flags::NATIVE_INSTANCE != 0;
    let head = if with_native { core::mem::size_of::<InstanceNativeObj>() } else { core::mem::size_of::<InstanceObj>() };
    let (f, members) = vm.alloc_with_table(head, words, members)?;
    // (Tested again after the call, not duplicating the call per layout.)
    Ok(if core::hint::black_box(with_native) {
        crate::heap::write_obj(f, InstanceNativeObj { base, members, native })
    } else {
        crate::heap::write_obj(f, InstanceObj { base, members })
    })
}

/// A new instance's attribute table with room for `inst_attrs` entries,
/// and the words of buffer to put right after the instance in its
/// allocation (see [`Vm::alloc_obj_with_table`]): one
/// allocation instead of two for a small table; when it grows, the old
/// buffer stays unused inside the instance. A larger table gets its own
/// buffer at once.
///
/// Errors: `MemoryError`; whatever a key's `__hash__` raises (none: the
/// table is empty).
#[cfg_attr(not(target_os = "none"), inline)]
fn first_table(vm: &mut Vm, inst_attrs: usize) -> PyResult<(Map, usize)> {
    let mut members = Map::new();
    if inst_attrs <= crate::map::LINEAR_MAX {
        // Key and value words, rounded up to the block (4 words); none
        // for no attributes.
        return Ok((members, (2 * inst_attrs + 3) & !3));
    }
    vm.map_reserve_local(&mut members, inst_attrs)?;
    Ok((members, 0))
}

/// The name of a type or class object (`?` for anything else), pinned.
pub fn type_name_of<'a>(vm: &Vm, t: Obj) -> &'a str {
    match t.as_type() {
        Some(ty) => vm.qstr_str(ty.name()),
        None => "?",
    }
}

/// Appends to `out` the full linearisation of base `b`, `object`
/// included: a class's stored MRO plus `object`, or a built-in type and
/// its bases.
fn push_linearization(vm: &mut Vm, out: &mut GcVec<Obj>, b: Obj) -> PyResult<()> {
    let obj = Obj::from_type(&OBJECT_TYPE);
    if is_class(vm, b) {
        let mro = class_mro(vm, b);
        vm.vec_extend_local(out, mro)?;
        return vm.vec_push_local(out, obj);
    }
    let mut t = b.as_type();
    let mut last = Obj::NULL;
    while let Some(tt) = t {
        last = Obj::from_type(tt);
        vm.vec_push_local(out, last)?;
        t = tt.base;
    }
    if last != obj {
        vm.vec_push_local(out, obj)?;
    }
    Ok(())
}

/// The head of the merge's list at `f[*at]` (see [`c3_order`]; NULL if
/// it is empty), moving `at` to the next list; None past the last.
fn c3_head(f: &[Obj], at: &mut usize) -> Option<Obj> {
    let mut h = Obj::NULL;
    loop {
        let o = *f.get(*at)?;
        *at += 1;
        if o == Obj::NULL {
            return Some(h);
        }
        if h == Obj::NULL && o != Obj::NONE {
            h = o;
        }
    }
}

/// Whether `x` is in the tail of one of the merge's lists: found more
/// often than as a head (each list holds it at most once).
fn c3_in_tail(f: &[Obj], x: Obj) -> bool {
    let mut n = f.iter().filter(|&&o| o == x).count();
    let mut at = 0;
    while let Some(h) = c3_head(f, &mut at) {
        n -= usize::from(h == x);
    }
    n != 0
}

/// The C3 linearisation of a new class with `bases`, without the class
/// itself and without the final `object`, appended to `out` (CPython's
/// order: merge the bases' linearisations and the bases list, each step
/// taking the first head that is in no list's tail).
///
/// Errors (CPython's): `TypeError: duplicate base class A`, and
/// `TypeError: Cannot create a consistent method resolution\norder (MRO)
/// for bases A, B` (the unmergeable heads, in order).
fn c3_order(vm: &mut Vm, bases: &[Obj], out: &mut GcVec<Obj>) -> PyResult<()> {
    for (i, &b) in bases.iter().enumerate() {
        if bases[..i].contains(&b) {
            let n = type_name_of(vm, b);
            return Err(vm.type_error_fmt(msg!("duplicate base class {}"), &[n.into()]));
        }
    }
    let obj = Obj::from_type(&OBJECT_TYPE);
    // All the lists, each ended by NULL; a merged element becomes None
    // (no base is None), so a list's head is its first other element.
    let mut flat: GcVec<Obj> = GcVec::new();
    let r = (|| {
        for k in 0..=bases.len() {
            match bases.get(k) {
                Some(&b) => push_linearization(vm, &mut flat, b)?,
                None => vm.vec_extend_local(&mut flat, bases)?,
            }
            vm.vec_push_local(&mut flat, Obj::NULL)?;
        }
        loop {
            let f = flat.as_slice();
            let (mut at, mut pick, mut any_left) = (0, Obj::NULL, false);
            while let Some(h) = c3_head(f, &mut at) {
                if h != Obj::NULL {
                    any_left = true;
                    if !c3_in_tail(f, h) {
                        pick = h;
                        break;
                    }
                }
            }
            if !any_left {
                return Ok(());
            }
            if pick == Obj::NULL {
                let mut msg = Out::buf();
                msg.str(vm, "Cannot create a consistent method resolution\norder (MRO) for bases ")?;
                let (mut at, mut sep) = (0, "");
                loop {
                    let start = at;
                    let Some(h) = c3_head(f, &mut at) else { break };
                    // (Each head once: not if an earlier list has it.)
                    let (mut j, mut seen) = (0, false);
                    while j < start {
                        seen |= c3_head(f, &mut j) == Some(h);
                    }
                    if h == Obj::NULL || seen {
                        continue;
                    }
                    msg.str(vm, sep)?;
                    sep = ", ";
                    let n = type_name_of(vm, h);
                    msg.str(vm, n)?;
                }
                let m = msg.into_str(vm)?;
                return Err(vm.error_arg(&exc::TYPE_ERROR_TYPE, m));
            }
            // Every copy of `pick` heads its list.
            for o in flat.as_mut_slice() {
                if *o == pick {
                    *o = Obj::NONE;
                }
            }
            if pick != obj {
                vm.vec_push_local(out, pick)?;
            }
        }
    })();
    vm.heap.free_vec(flat);
    r
}

/// The rare slots of user classes without a native base.
static CLASS_EXT: TypeExt = TypeExt {
    unary_op: Some(crate::types::instance::inst_unary),
    iter: Some(crate::types::instance::inst_iter),
    call: Some(crate::types::instance::inst_call),
    ..TypeExt::NONE
};

/// The rare slots of user classes with a native base (its buffer, if any).
static NATIVE_CLASS_EXT: TypeExt = TypeExt {
    unary_op: Some(crate::types::instance::inst_unary),
    attr: None,
    iter: Some(crate::types::instance::inst_iter),
    call: Some(crate::types::instance::inst_call),
    buffer: Some(crate::types::instance::inst_buffer),
    buffer_mut: Some(crate::types::instance::inst_buffer_mut),
    finalise: None,
};

/// The slots of every user class's `TypeObj`: special methods first, then
/// the native part (see `types::instance`).
fn class_type(name: crate::typ::TypeName, nb: Option<&'static TypeObj>) -> TypeObj {
    use crate::types::instance as inst;
    let is_exc = nb.is_some_and(|b| b.is_subtype_any(&exc::BASE_EXCEPTION_TYPE));
    let native = nb.is_some() && !is_exc;
    TypeObj {
        header: ObjBase::new(&TYPE_TYPE),
        name,
        base: nb,
        flags: flags::IS_CLASS
            | flags::BASETYPE
            | if native { flags::NATIVE_INSTANCE } else { 0 }
            | if is_exc { 0 } else { flags::INST_LAYOUT },
        // Calling a class is `call_class` (`Vm::call` checks for classes);
        // `object.__new__(C)` sees no `make_new` and makes a bare instance.
        make_new: None,
        print: Some(if is_exc { exc::exc_print } else { inst::inst_print }),
        binary_op: Some(inst::inst_binary),
        subscr: Some(inst::inst_subscr),
        iternext: Some(inst::inst_iternext),
        ext: if native { &NATIVE_CLASS_EXT } else { &CLASS_EXT },
        locals: crate::typ::Locals::of(&[]),
    }
}

/// Creates a class object named `name` with `bases` and the namespace in
/// dict object `ns` (as `type(name, bases, ns)` and class statements do).
///
/// Errors: `TypeError` for a base that is not a type or not subclassable,
/// and the MRO errors of CPython; `MemoryError`.
pub fn make_class(vm: &mut Vm, name: Qstr, bases: &[Obj], ns: Obj) -> PyResult<Obj> {
    let mut nb: Option<&'static TypeObj> = None;
    for &b in bases {
        if let Some(c) = vm.heap.class(b) {
            if nb.is_none() {
                nb = c.ty.base;
            }
        } else if let Some(t) = b.as_type() {
            if t.flags & flags::BASETYPE == 0 {
                let n = vm.qstr_str(t.name());
                return Err(vm.type_error_fmt(msg!("type '{}' is not an acceptable base type"), &[n.into()]));
            }
            if !core::ptr::eq(t, &OBJECT_TYPE) && nb.is_none() {
                nb = Some(t);
            }
        } else {
            return Err(vm.type_error(msg!("bases must be types")));
        }
    }
    let mut mro: GcVec<Obj> = GcVec::new();
    vm.vec_push_local(&mut mro, Obj::NULL)?; // the class itself, set below
    c3_order(vm, bases, &mut mro)?;
    // The namespace, keys interned.
    let mut dict = Map::new();
    let mut p = 0;
    while let Some((pos, e)) = vm.table(ns).and_then(|t| t.next_at(p)) {
        p = pos + 1;
        let kq = match e.key.as_qstr() {
            Some(qq) => qq,
            None => match vm.str_pinned(e.key) {
                Some(s) => vm.intern(s)?,
                None => continue,
            },
        };
        let h = vm.qstr_hash(kq);
        if let Some(at) = dict.find_identical(Obj::qstr(kq), h) {
            dict.set_value(at, e.value);
            continue;
        }
        vm.map_reserve_local(&mut dict, 1)?;
        let _ = dict.push_within_capacity(Obj::qstr(kq), e.value, h);
    }
    let mut fl = dict.iter().fold(0, |f, e| f | entry_flags(vm, e.key, e.value));
    for &b in mro.as_slice().iter().skip(1) {
        if let Some(k) = vm.heap.class(b) {
            fl |= k.st.flags;
        }
    }
    // (A name a board's type cannot hold: more qstrs than its heap fits.)
    let tn = name.try_tn().ok_or_else(|| vm.memory_error())?;
    let bases_t = vm.new_tuple(bases)?;
    let cls = vm.alloc_class(class_type(tn, nb), bases_t, dict, fl)?;
    // (It may sit where a freed class was.)
    #[cfg(not(target_os = "none"))]
    super::attrcache::class_changed(vm);
    mro.as_mut_slice()[0] = cls;
    let mro_t = vm.new_tuple(mro.as_slice());
    vm.heap.free_vec(mro);
    let mro_t = mro_t?;
    if let Some(st) = vm.heap.class_state_mut(cls) {
        st.mro = mro_t;
    }
    Ok(cls)
}

/// `__build_class__(body, name, *bases)`: runs the class body with a fresh
/// namespace, creates the class and fills the body's `__class__` cell.
fn build_class(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let (body, name) = (args[0], args[1]);
    let nq = match name.as_qstr() {
        Some(q) => q,
        None => match vm.str_pinned(name) {
            Some(s) => vm.intern(s)?,
            None => return Err(vm.type_error(msg!("class name must be a str"))),
        },
    };
    let ns = vm.new_dict()?;
    let cell = super::call::call_function_locals(vm, body, &[], &[], ns)?;
    let cls = make_class(vm, nq, &args[2..], ns)?;
    if cell.ptr_type().is_some_and(|t| core::ptr::eq(t, &CELL_TYPE)) {
        if let Some(c) = vm.heap.get_mut::<crate::types::misc::CellObj>(cell) {
            c.value = cls;
        }
    }
    Ok(cls)
}

/// The `__build_class__` builtin that LOAD_BUILD_CLASS pushes.
pub static BUILD_CLASS: BuiltinFun = BuiltinFun::new_kw(q::__build_class__, 2, build_class);

/// A user class (made by a `class` statement or `type(name, bases, dict)`):
/// a `TypeObj` (so instances can point at it as their type, and its slots
/// dispatch to the special methods) followed by the class's own state.
/// Reached with `Heap::class` / `Heap::class_state_mut`: the `TypeObj`
/// part is never written after the class is made.
#[repr(C)]
pub struct ClassObj {
    /// The class as a type: header `type`, `name`, flags with
    /// `flags::IS_CLASS`, slots dispatching to special methods, `base` =
    /// the built-in type it derives from (None for `object`).
    pub ty: TypeObj,
    /// Everything that can change.
    pub st: ClassState,
}

/// The mutable part of a [`ClassObj`].
#[repr(C)]
pub struct ClassState {
    /// `__bases__` (a tuple).
    pub bases: Obj,
    /// The C3 linearisation (a tuple), starting with this class, ending
    /// before `object`.
    pub mro: Obj,
    /// The class namespace.
    pub dict: crate::map::Map,
    /// Facts about the namespaces along the MRO that let attribute access
    /// skip lookups (`CF_*` bits; a clear bit is a guarantee, a set bit
    /// only means "look").
    pub flags: u32,
    /// The most attributes an instance of this class has had: new
    /// instances' tables start with that capacity.
    pub inst_attrs: u32,
    /// Lookup cache: `(qstr, MRO index, dict position)` slots, checked
    /// against the namespace on use; holds no objects.
    pub mcache: [(u32, u32, u32); MCACHE_SLOTS],
    /// The epoch `mcache` was filled in.
    pub mcache_epoch: usize,
}

/// An instance of a user class (4 words: type, attribute table).
#[repr(C)]
pub struct InstanceObj {
    /// Header: the class's `TypeObj`.
    pub base: crate::obj::ObjBase,
    /// Instance attributes.
    pub members: crate::map::Map,
}

/// An instance of a user class deriving from a built-in type other than
/// `object` and exceptions (e.g. `class L(list)`): an [`InstanceObj`] plus
/// the built-in part.
#[repr(C)]
pub struct InstanceNativeObj {
    /// Header: the class's `TypeObj`.
    pub base: crate::obj::ObjBase,
    /// Instance attributes.
    pub members: crate::map::Map,
    /// The built-in part (e.g. the list holding the items).
    pub native: Obj,
}

/// Do objects of type `ty` have the [`InstanceObj`] layout (instances of
/// user classes not deriving from an exception)?
///
/// (`flags::INST_LAYOUT`, set by `class_type` on such classes only.)
#[inline(always)]
pub fn has_instance_layout(ty: &TypeObj) -> bool {
    ty.flags & crate::typ::flags::INST_LAYOUT != 0
}

/// Desktop: `isinstance(o, classinfo)` when `o` is an instance of a user
/// class and `classinfo` a user class or a tuple of them: whether one of
/// them is in the MRO of `o`'s class (where every user-class base is; no
/// checks or errors apply to such a `classinfo`). None: anything else.
#[cfg(not(target_os = "none"))]
pub fn isinstance_user(vm: &Vm, o: Obj, classinfo: Obj) -> Option<bool> {
    let c = vm.heap.class_of(o)?;
    let mro = vm.tuple_pinned(c.st.mro)?;
    let t = Obj::from_type(&c.ty);
    let one = |k: Obj| vm.heap.class(k).map(|_| k == t || mro.contains(&k));
    if let Some(items) = vm.tuple_pinned(classinfo) {
        let mut r = false;
        for &k in items {
            r |= one(k)?;
        }
        return Some(r);
    }
    one(classinfo)
}

/// Do objects of type `ty` have the [`InstanceNativeObj`] layout?
pub fn has_native_instance_layout(ty: &TypeObj) -> bool {
    has_instance_layout(ty) && ty.flags & crate::typ::flags::NATIVE_INSTANCE != 0
}
