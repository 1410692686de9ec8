//! User classes: `__build_class__`, C3 method resolution order, instance
//! creation (`__new__`/`__init__`, native bases), attribute lookup and
//! assignment on instances, classes, modules and exceptions (descriptors:
//! functions, staticmethod, classmethod, property; `__getattr__`,
//! `__setattr__`, `__delattr__`), and `super`.

use crate::map::Dict;
use crate::obj::Obj;
use crate::objdata::{Class, Instance, NativeObj, ObjData};
use crate::qstr::{q, Qstr};
use crate::state::Vm;
use crate::typ::{flags, BuiltinFun, Rom, TypeObj, OBJECT_TYPE};
use crate::types::exception as exc;
use crate::{PyErr, PyResult};
use alloc::boxed::Box;
use alloc::format;
use alloc::vec::Vec;
use core::any::Any;
use core::sync::atomic::{AtomicUsize, Ordering};

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

/// Finds `name` in a Dict by qstr identity.
pub fn dict_get_q(vm: &Vm, d: &Dict, name: Qstr) -> Option<Obj> {
    d.find_identical(Obj::qstr(name), vm.qstrs.hash(name)).and_then(|p| d.entry(p)).map(|e| e.value)
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
    if matches!(vm.heap.get(value), Some(ObjData::Property(..))) {
        f |= CF_PROPERTY;
    }
    f
}

/// The flags of class `cls` (every bit for anything that is not a user
/// class, so callers take the general path).
#[inline]
pub fn class_flags(vm: &Vm, cls: Obj) -> u32 {
    match vm.heap.get(cls) {
        Some(ObjData::Class(c)) => c.flags,
        _ => u32::MAX,
    }
}

/// After `name = value` was stored in class `cls`'s namespace: adds the
/// entry's flags to `cls` and to every class whose MRO contains it (a heap
/// walk, only when a bit is new, which is rare: defining `__setattr__` or
/// a property on an existing class).
fn class_stored(vm: &mut Vm, cls: Obj, name: Qstr, value: Obj) {
    let f = entry_flags(vm, Obj::qstr(name), value);
    if f == 0 || class_flags(vm, cls) & f == f {
        return;
    }
    for i in 0..vm.heap.n_slots() {
        let o = Obj::heap(i as u32);
        if let Some(ObjData::Class(c)) = vm.heap.get_mut(o) {
            if c.mro.contains(&cls) {
                c.flags |= f;
            }
        }
    }
}

/// What a lookup along an MRO found, before converting ROM entries to
/// objects.
#[derive(Clone, Copy)]
enum Found {
    /// A value from a class dict.
    Plain(Obj),
    /// An entry of a built-in type's locals.
    Rom(Rom),
}

/// Finds `name` along `cls`'s MRO from position `from` (a user class),
/// without allocating. None when absent or `cls` is not a user class.
#[inline]
fn find_in_mro(vm: &Vm, cls: Obj, name: Qstr, from: usize) -> Option<Found> {
    let Some(ObjData::Class(c)) = vm.heap.get(cls) else { return None };
    let key = Obj::qstr(name);
    let h = vm.qstrs.hash(name);
    for &e in c.mro.get(from..)? {
        match vm.heap.get(e) {
            Some(ObjData::Class(k)) => {
                if let Some(p) = k.dict.find_identical(key, h) {
                    if let Some(en) = k.dict.entry(p) {
                        return Some(Found::Plain(en.value));
                    }
                }
            }
            _ => {
                if let Some(t) = e.as_type() {
                    if let Some((_, r)) = t.locals.iter().find(|(n, _)| *n == name) {
                        return Some(Found::Rom(*r));
                    }
                }
            }
        }
    }
    None
}

/// Bumped whenever a class namespace gains a new key after creation (which
/// may shadow a cached lookup result of any subclass): every class's
/// `mcache` filled in an older epoch is ignored. Shared by all VMs, which
/// only costs them refills.
static MCACHE_EPOCH: AtomicUsize = AtomicUsize::new(0);

/// The cache slot of `name`.
#[inline(always)]
fn mcache_slot(name: Qstr) -> usize {
    (name.0.wrapping_mul(0x9e37_79b9) >> 28) as usize
}

/// [`find_in_mro`] from position 0 for a user class, through the class's
/// lookup cache. A cached `(MRO index, dict position)` is used only if the
/// entry there still has key `name` (values replaced in place are read
/// live; deleted or moved entries fail the check), and only within the
/// epoch it was filled in (new keys anywhere start a new epoch).
fn find_cached(vm: &mut Vm, cls: Obj, name: Qstr) -> Option<Found> {
    let key = Obj::qstr(name);
    let slot = mcache_slot(name);
    let epoch = MCACHE_EPOCH.load(Ordering::Relaxed);
    let Some(ObjData::Class(c)) = vm.heap.get(cls) else { return None };
    let (cn, ci, cp) = c.mcache[slot];
    if cn == name.0 && c.mcache_epoch == epoch {
        if let Some(&e) = c.mro.get(ci as usize) {
            if let Some(ObjData::Class(k)) = vm.heap.get(e) {
                if let Some(en) = k.dict.entry(cp as usize) {
                    if en.key == key {
                        return Some(Found::Plain(en.value));
                    }
                }
            }
        }
    }
    // Walk the MRO, remembering where a class-dict hit was.
    let h = vm.qstrs.hash(name);
    let mut hit = None;
    for (idx, &e) in c.mro.iter().enumerate() {
        match vm.heap.get(e) {
            Some(ObjData::Class(k)) => {
                if let Some(p) = k.dict.find_identical(key, h) {
                    if let Some(en) = k.dict.entry(p) {
                        hit = Some((idx, p, en.value));
                        break;
                    }
                }
            }
            _ => {
                if let Some(t) = e.as_type() {
                    if let Some((_, r)) = t.locals.iter().find(|(n, _)| *n == name) {
                        return Some(Found::Rom(*r));
                    }
                }
            }
        }
    }
    let (idx, p, v) = hit?;
    if let Some(ObjData::Class(c)) = vm.heap.get_mut(cls) {
        if c.mcache_epoch != epoch {
            c.mcache = [(u32::MAX, 0, 0); 16];
            c.mcache_epoch = epoch;
        }
        c.mcache[slot] = (name.0, idx as u32, p as u32);
    }
    Some(Found::Plain(v))
}

/// Converts a [`Found`] to the `(value, kind)` pair lookups return.
fn found_obj(vm: &mut Vm, f: Found) -> PyResult<(Obj, Kind)> {
    match f {
        Found::Plain(v) => Ok((v, Kind::Plain)),
        Found::Rom(r) => {
            let k = match r {
                Rom::Fun(_) => Kind::RomFun,
                Rom::ClassMethod(_) => Kind::RomClassMethod,
                _ => Kind::RomOther,
            };
            Ok((vm.rom_to_obj(r)?, k))
        }
    }
}

/// Looks `name` up in one MRO entry (a class's dict, or a built-in type's
/// own locals).
fn lookup_in(vm: &mut Vm, entry: Obj, name: Qstr) -> PyResult<Option<(Obj, Kind)>> {
    if let Some(ObjData::Class(c)) = vm.heap.get(entry) {
        return Ok(dict_get_q(vm, &c.dict, name).map(|v| (v, Kind::Plain)));
    }
    if let Some(t) = entry.as_type() {
        if let Some((_, r)) = t.locals.iter().find(|(n, _)| *n == name) {
            let r = *r;
            let k = match r {
                Rom::Fun(_) => Kind::RomFun,
                Rom::ClassMethod(_) => Kind::RomClassMethod,
                _ => Kind::RomOther,
            };
            return Ok(Some((vm.rom_to_obj(r)?, k)));
        }
    }
    Ok(None)
}

/// Looks `name` up along `cls`'s MRO starting at position `from`
/// (built-in types in the MRO contribute their locals).
pub fn class_lookup_from(vm: &mut Vm, cls: Obj, name: Qstr, from: usize) -> PyResult<Option<(Obj, Kind)>> {
    if let Some(t) = cls.as_type() {
        let mut ty = Some(t);
        while let Some(tt) = ty {
            if let Some(r) = lookup_in(vm, Obj::from_type(tt), name)? {
                return Ok(Some(r));
            }
            ty = tt.base;
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
    class_lookup_from(vm, cls, name, 0)
}

/// Does a user class in `cls`'s MRO define `name` (no allocation)?
pub fn class_has(vm: &Vm, cls: Obj, name: Qstr) -> bool {
    user_special(vm, cls, name).is_some()
}

/// A special method defined by a user class in `cls`'s MRO (not by
/// built-in types).
pub fn user_special(vm: &Vm, cls: Obj, name: Qstr) -> Option<Obj> {
    let Some(ObjData::Class(c)) = vm.heap.get(cls) else { return None };
    let key = Obj::qstr(name);
    let h = vm.qstrs.hash(name);
    c.mro.iter().find_map(|&e| match vm.heap.get(e) {
        Some(ObjData::Class(k)) => k.dict.find_identical(key, h).and_then(|p| k.dict.entry(p)).map(|en| en.value),
        _ => None,
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

/// Binds a value found on a class for access through an instance `inst`
/// (`native` is its built-in part, or `inst`). Returns the LOAD_METHOD
/// pair `(method, self)` or `(value, NULL)`.
fn bind_for_instance(vm: &mut Vm, v: Obj, kind: Kind, inst: Obj, native: Obj, cls: Obj) -> PyResult<(Obj, Obj)> {
    match kind {
        Kind::RomFun => return Ok((v, native)),
        Kind::RomClassMethod => return Ok((v, cls)),
        Kind::RomOther => return Ok((v, Obj::NULL)),
        Kind::Plain => {}
    }
    match vm.heap.get(v) {
        Some(ObjData::Function(_)) => Ok((v, inst)),
        Some(ObjData::StaticMethod(f)) => Ok((*f, Obj::NULL)),
        Some(ObjData::ClassMethod(f)) => Ok((*f, cls)),
        Some(ObjData::Property(g, _, _)) => {
            let g = *g;
            if g.is_null() || g == Obj::NONE {
                return Err(vm.attribute_error("unreadable attribute"));
            }
            Ok((vm.call(g, &[inst], &[])?, Obj::NULL))
        }
        _ => {
            if v.as_builtin_fun().is_some() {
                // A built-in function stored in a class dict binds like a method.
                return Ok((v, inst));
            }
            Ok((v, Obj::NULL))
        }
    }
}

/// LOAD_METHOD/LOAD_ATTR on an instance of a user class: its namespace
/// (unless `probe_dict` is false because the caller already missed there),
/// `__class__`/`__dict__`, the class MRO (binding functions, classmethods,
/// staticmethods, properties), the native part, then `__getattr__`.
/// Returns `(method, self)`, `(value, NULL)` or `(NULL, NULL)`.
pub fn instance_load(vm: &mut Vm, o: Obj, name: Qstr, probe_dict: bool) -> PyResult<(Obj, Obj)> {
    let Some(ObjData::Instance(i)) = vm.heap.get(o) else { return Ok((Obj::NULL, Obj::NULL)) };
    let (cls, native) = (i.class, i.native);
    if probe_dict {
        if let Some(v) = dict_get_q(vm, &i.dict, name) {
            return Ok((v, Obj::NULL));
        }
    }
    if name == q::__class__ {
        return Ok((cls, Obj::NULL));
    }
    if name == q::__dict__ {
        return Ok((instance_dict_copy(vm, o)?, Obj::NULL));
    }
    if let Some(f) = find_cached(vm, cls, name) {
        if let Found::Plain(v) = f {
            // The common case (a method or class attribute from a class
            // dict), bound without another lookup.
            match vm.heap.get(v) {
                Some(ObjData::Function(_)) => return Ok((v, o)),
                Some(ObjData::StaticMethod(_) | ObjData::ClassMethod(_) | ObjData::Property(..)) => {}
                _ if v.as_builtin_fun().is_none() => return Ok((v, Obj::NULL)),
                _ => {}
            }
        }
        let (v, k) = found_obj(vm, f)?;
        let nat = if native.is_null() { o } else { native };
        return bind_for_instance(vm, v, k, o, nat, cls);
    }
    if !native.is_null() {
        let r = vm.load_method_maybe(native, name)?;
        if !r.0.is_null() {
            return Ok(r);
        }
    }
    if let Some(ga) = user_special(vm, cls, q::__getattr__) {
        let r = vm.call(ga, &[o, Obj::qstr(name)], &[])?;
        return Ok((r, Obj::NULL));
    }
    Ok((Obj::NULL, Obj::NULL))
}

/// LOAD_METHOD/LOAD_ATTR on instances, classes, modules and exceptions:
/// `(method, self)`, `(value, NULL)` or `(NULL, NULL)` when absent.
pub fn load_method_special(vm: &mut Vm, o: Obj, name: Qstr) -> PyResult<(Obj, Obj)> {
    match vm.heap.get(o) {
        Some(ObjData::Instance(_)) => instance_load(vm, o, name, true),
        Some(ObjData::Class(c)) => {
            let dict_hit = dict_get_q(vm, &c.dict, name);
            let cname = c.name;
            if let Some(v) = dict_hit {
                // Found in the class's own namespace (the first MRO entry).
                return Ok(match vm.heap.get(v) {
                    Some(ObjData::StaticMethod(f)) => (*f, Obj::NULL),
                    Some(ObjData::ClassMethod(f)) => (*f, o),
                    _ => (v, Obj::NULL),
                });
            } else {
                match name {
                    q::__name__ => return Ok((Obj::qstr(cname), Obj::NULL)),
                    q::__bases__ => return Ok((class_bases_tuple(vm, o)?, Obj::NULL)),
                    q::__class__ => return Ok((Obj::from_type(&crate::typ::TYPE_TYPE), Obj::NULL)),
                    q::__dict__ => return Ok((instance_dict_copy(vm, o)?, Obj::NULL)),
                    _ => {}
                }
            }
            match class_lookup(vm, o, name)? {
                Some((v, Kind::RomClassMethod)) => Ok((v, o)),
                Some((v, Kind::Plain)) => match vm.heap.get(v) {
                    Some(ObjData::StaticMethod(f)) => Ok((*f, Obj::NULL)),
                    Some(ObjData::ClassMethod(f)) => Ok((*f, o)),
                    _ => Ok((v, Obj::NULL)),
                },
                Some((v, _)) => Ok((v, Obj::NULL)),
                None => {
                    // Methods of `object` (e.g. `object.__init__` via a class).
                    if let Some(r) = OBJECT_TYPE.lookup(name) {
                        return Ok((vm.rom_to_obj(r)?, Obj::NULL));
                    }
                    Ok((Obj::NULL, Obj::NULL))
                }
            }
        }
        Some(ObjData::Module(m)) => {
            let (g, mname) = (m.globals, m.name);
            if let Some(v) = vm.dict_lookup_qstr(g, name)? {
                return Ok((v, Obj::NULL));
            }
            match name {
                q::__name__ => Ok((Obj::qstr(mname), Obj::NULL)),
                q::__dict__ => Ok((g, Obj::NULL)),
                _ => Ok((Obj::NULL, Obj::NULL)),
            }
        }
        Some(ObjData::Exception(e)) => {
            let cls = e.class;
            if let Some(v) = dict_get_q(vm, &e.dict, name) {
                return Ok((v, Obj::NULL));
            }
            if name == q::__class__ {
                return Ok((cls, Obj::NULL));
            }
            if matches!(vm.heap.get(cls), Some(ObjData::Class(_))) {
                if let Some((v, k)) = class_lookup(vm, cls, name)? {
                    return bind_for_instance(vm, v, k, o, o, cls);
                }
            }
            let v = crate::types::exception::exc_attr(vm, o, name)?;
            Ok((v, Obj::NULL))
        }
        _ => Ok((Obj::NULL, Obj::NULL)),
    }
}

/// `C.__bases__` (`(object,)` for a class without bases).
fn class_bases_tuple(vm: &mut Vm, c: Obj) -> PyResult<Obj> {
    let b = match vm.heap.get(c) {
        Some(ObjData::Class(k)) => k.bases.clone(),
        _ => Vec::new(),
    };
    if b.is_empty() {
        return vm.new_tuple(&[Obj::from_type(&OBJECT_TYPE)]);
    }
    vm.new_tuple(&b)
}

/// A dict object copying an instance's or class's attributes.
fn instance_dict_copy(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    let d = match vm.heap.get(o) {
        Some(ObjData::Instance(i)) => i.dict.clone(),
        Some(ObjData::Class(c)) => c.dict.clone(),
        Some(ObjData::Exception(e)) => e.dict.clone(),
        _ => Dict::new(),
    };
    vm.alloc(ObjData::Dict(d))
}

/// The namespace table inside an instance, class or exception.
fn ns_mut(vm: &mut Vm, o: Obj) -> Option<&mut Dict> {
    match vm.heap.get_mut(o)? {
        ObjData::Instance(i) => Some(&mut i.dict),
        ObjData::Class(c) => Some(&mut c.dict),
        ObjData::Exception(e) => Some(&mut e.dict),
        _ => None,
    }
}

/// Stores (value not NULL) or deletes `name` in the namespace of `o`;
/// false when deleting an absent name.
pub fn ns_store(vm: &mut Vm, o: Obj, name: Qstr, value: Obj) -> PyResult<bool> {
    if !value.is_null() && matches!(vm.heap.get(o), Some(ObjData::Class(_))) {
        class_stored(vm, o, name, value);
    }
    let key = Obj::qstr(name);
    let h = vm.qstrs.hash(name);
    if value.is_null() {
        let Some(d) = ns_mut(vm, o) else { return Ok(false) };
        return Ok(match d.find_identical(key, h) {
            Some(p) => d.remove_at(p).is_some(),
            None => false,
        });
    }
    if let Some(d) = ns_mut(vm, o) {
        if let Some(p) = d.find_identical(key, h) {
            d.set_value(p, value);
            return Ok(true);
        }
    }
    let need = ns_mut(vm, o).map_or(0, |d| d.push_growth());
    if need > 0 {
        vm.make_room(need)?;
    }
    if matches!(vm.heap.get(o), Some(ObjData::Class(_))) {
        // A new class attribute may shadow cached lookups of subclasses.
        MCACHE_EPOCH.fetch_add(1, Ordering::Relaxed);
    }
    match ns_mut(vm, o) {
        Some(d) => d.push(key, value, h),
        None => return Ok(false),
    }
    vm.charge(need);
    if need > 0 {
        note_instance_size(vm, o);
    }
    Ok(true)
}

/// Records in the class of instance `o` how many attributes it now has
/// (see [`Class::inst_attrs`]).
fn note_instance_size(vm: &mut Vm, o: Obj) {
    let (cls, n) = match vm.heap.get(o) {
        Some(ObjData::Instance(i)) => (i.class, i.dict.len()),
        _ => return,
    };
    if let Some(ObjData::Class(c)) = vm.heap.get_mut(cls) {
        c.inst_attrs = c.inst_attrs.max(n.min(64) as u16);
    }
}

/// STORE_ATTR / DELETE_ATTR (value NULL) on instances, classes, modules
/// and exceptions.
///
/// Errors: `AttributeError` for deleting a missing attribute or setting a
/// read-only property.
pub fn store_attr_special(vm: &mut Vm, o: Obj, name: Qstr, value: Obj) -> PyResult<()> {
    match vm.heap.get(o) {
        Some(ObjData::Instance(i)) => {
            let cls = i.class;
            let flags = class_flags(vm, cls);
            let hook_flag = if value.is_null() { CF_DELATTR } else { CF_SETATTR };
            if flags & hook_flag != 0 {
                let hook = if value.is_null() { q::__delattr__ } else { q::__setattr__ };
                if let Some(f) = user_special(vm, cls, hook) {
                    if value.is_null() {
                        vm.call(f, &[o, Obj::qstr(name)], &[])?;
                    } else {
                        vm.call(f, &[o, Obj::qstr(name), value], &[])?;
                    }
                    return Ok(());
                }
            }
            if flags & CF_PROPERTY != 0 {
                if let Some(p) = user_special_cached(vm, cls, name) {
                    if let Some(ObjData::Property(_, s, d)) = vm.heap.get(p) {
                        let f = if value.is_null() { *d } else { *s };
                        if f.is_null() || f == Obj::NONE {
                            return Err(vm.no_attr_error(o, name));
                        }
                        if value.is_null() {
                            vm.call(f, &[o], &[])?;
                        } else {
                            vm.call(f, &[o, value], &[])?;
                        }
                        return Ok(());
                    }
                }
            }
            if !value.is_null() {
                // A plain store into the instance namespace.
                let key = Obj::qstr(name);
                let h = vm.qstrs.hash(name);
                if let Some(ObjData::Instance(i)) = vm.heap.get_mut(o) {
                    if let Some(p) = i.dict.find_identical(key, h) {
                        i.dict.set_value(p, value);
                        return Ok(());
                    }
                }
            }
            object_setattr(vm, o, name, value)
        }
        Some(ObjData::Module(m)) => {
            let g = m.globals;
            if value.is_null() {
                if vm.dict_remove(g, Obj::qstr(name))?.is_none() {
                    return Err(vm.no_attr_error(o, name));
                }
                return Ok(());
            }
            vm.dict_store(g, Obj::qstr(name), value)
        }
        _ => object_setattr(vm, o, name, value),
    }
}

/// `object.__setattr__`: stores directly in the namespace (plain
/// `object()` instances have none).
fn object_setattr(vm: &mut Vm, o: Obj, name: Qstr, value: Obj) -> PyResult<()> {
    if matches!(vm.heap.get(o), Some(ObjData::Instance(i)) if i.class == Obj::from_type(&OBJECT_TYPE)) {
        return Err(vm.no_attr_error(o, name));
    }
    if !ns_store(vm, o, name, value)? {
        return Err(vm.no_attr_error(o, name));
    }
    Ok(())
}

/// Does this instance's class define `__call__`?
pub fn instance_is_callable(vm: &Vm, o: Obj) -> bool {
    match vm.heap.get(o) {
        Some(ObjData::Instance(i)) => class_has(vm, i.class, q::__call__),
        _ => false,
    }
}

/// The built-in type a class derives from (other than object), if any.
pub fn native_base(vm: &Vm, cls: Obj) -> Option<&'static TypeObj> {
    if let Some(t) = cls.as_type() {
        return if core::ptr::eq(t, &OBJECT_TYPE) { None } else { Some(t) };
    }
    match vm.heap.get(cls) {
        Some(ObjData::Class(c)) => c.native_base,
        _ => None,
    }
}

/// Instantiates a user class (`C(*args, **kw)`): `__new__` (or a fresh
/// instance with its native part), then `__init__`.
///
/// Errors: `TypeError: __init__() should return None`, and whatever
/// `__new__`/`__init__` raise.
pub fn call_class(vm: &mut Vm, cls: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    let init = user_special_cached(vm, cls, q::__init__);
    let newf = if class_flags(vm, cls) & CF_NEW != 0 { user_special(vm, cls, q::__new__) } else { None };
    let obj = if let Some(newf) = newf {
        let f = match vm.heap.get(newf) {
            Some(ObjData::StaticMethod(f)) => *f,
            _ => newf,
        };
        vm.call_with_self(f, cls, args, kw)?
    } else {
        new_instance(vm, cls, args, kw, init.is_some())?
    };
    if let Some(init) = init {
        let ot = vm.type_of(obj);
        if vm.is_subclass(ot, cls) {
            let base = vm.roots.len();
            vm.roots.push(obj);
            let r = vm.call_with_self(init, obj, args, kw);
            vm.roots.truncate(base);
            if r? != Obj::NONE {
                return Err(vm.type_error("__init__() should return None"));
            }
        }
    }
    Ok(obj)
}

/// A new, uninitialised instance of `cls` (with its native part made from
/// `args` when the class has no `__init__` of its own).
pub fn new_instance(vm: &mut Vm, cls: Obj, args: &[Obj], kw: &[Obj], has_init: bool) -> PyResult<Obj> {
    let nb = native_base(vm, cls);
    if let Some(nb) = nb {
        if nb.is_subtype(&exc::BASE_EXCEPTION_TYPE) {
            let t = vm.new_tuple(args)?;
            return vm.new_exception_obj(cls, t);
        }
    }
    let native = match nb {
        Some(nb) => match nb.make_new {
            Some(mk) => {
                if has_init {
                    mk(vm, Obj::from_type(nb), &[], &[])?
                } else {
                    mk(vm, Obj::from_type(nb), args, kw)?
                }
            }
            None => Obj::NULL,
        },
        None => Obj::NULL,
    };
    let cap = match vm.heap.get(cls) {
        Some(ObjData::Class(c)) => c.inst_attrs as usize,
        _ => 0,
    };
    vm.alloc(ObjData::Instance(Box::new(Instance { class: cls, dict: Dict::with_capacity(cap), native })))
}

/// The full linearisation of a base, `object` included: a class's stored
/// MRO plus `object`, or a built-in type and its bases.
fn linearization(vm: &Vm, b: Obj) -> Vec<Obj> {
    let obj = Obj::from_type(&OBJECT_TYPE);
    if let Some(ObjData::Class(c)) = vm.heap.get(b) {
        let mut v = Vec::with_capacity(c.mro.len() + 1);
        v.extend_from_slice(&c.mro);
        v.push(obj);
        return v;
    }
    let mut v = Vec::new();
    let mut t = b.as_type();
    while let Some(tt) = t {
        v.push(Obj::from_type(tt));
        t = tt.base;
    }
    if v.last() != Some(&obj) {
        v.push(obj);
    }
    v
}

/// The C3 linearisation of a new class with `bases`, without the class
/// itself and without the final `object` (CPython's order: merge the
/// bases' linearisations and the bases list, each step taking the first
/// head that is in no list's tail).
///
/// Errors (CPython's): `TypeError: duplicate base class A`, and
/// `TypeError: Cannot create a consistent method resolution\norder (MRO)
/// for bases A, B` (the unmergeable heads, in order).
fn c3_order(vm: &mut Vm, bases: &[Obj]) -> PyResult<Vec<Obj>> {
    for (i, &b) in bases.iter().enumerate() {
        if bases[..i].contains(&b) {
            let msg = format!("duplicate base class {}", vm.class_name(b));
            return Err(vm.type_error(&msg));
        }
    }
    let obj = Obj::from_type(&OBJECT_TYPE);
    let mut lists: Vec<Vec<Obj>> = bases.iter().map(|&b| linearization(vm, b)).collect();
    lists.push(bases.to_vec());
    // `pos[i]`: how much of `lists[i]` is already merged.
    let mut pos: Vec<usize> = alloc::vec![0; lists.len()];
    let mut out: Vec<Obj> = Vec::new();
    loop {
        let mut any_left = false;
        let mut pick = None;
        for (i, l) in lists.iter().enumerate() {
            let Some(&head) = l.get(pos[i]) else { continue };
            any_left = true;
            let in_tail = lists.iter().enumerate().any(|(j, m)| m.get(pos[j] + 1..).is_some_and(|t| t.contains(&head)));
            if !in_tail {
                pick = Some(head);
                break;
            }
        }
        if !any_left {
            break;
        }
        let Some(head) = pick else {
            let mut heads: Vec<Obj> = Vec::new();
            for (i, l) in lists.iter().enumerate() {
                if let Some(&h) = l.get(pos[i]) {
                    if !heads.contains(&h) {
                        heads.push(h);
                    }
                }
            }
            let mut msg = alloc::string::String::from("Cannot create a consistent method resolution\norder (MRO) for bases ");
            for (k, &h) in heads.iter().enumerate() {
                if k > 0 {
                    msg.push_str(", ");
                }
                msg.push_str(vm.class_name(h));
            }
            return Err(vm.type_error(&msg));
        };
        for (i, l) in lists.iter().enumerate() {
            if l.get(pos[i]) == Some(&head) {
                pos[i] += 1;
            }
        }
        if head != obj {
            out.push(head);
        }
    }
    Ok(out)
}

/// Creates a class object named `name` with `bases` and the namespace in
/// dict object `ns` (as `type(name, bases, ns)` and class statements do).
///
/// Errors: `TypeError` for a base that is not a type or not subclassable.
pub fn make_class(vm: &mut Vm, name: Qstr, bases: &[Obj], ns: Obj) -> PyResult<Obj> {
    let mut nb: Option<&'static TypeObj> = None;
    for &b in bases {
        if let Some(t) = b.as_type() {
            if t.flags & flags::BASETYPE == 0 {
                let msg = format!("type '{}' is not an acceptable base type", vm.qstrs.str(t.name));
                return Err(vm.type_error(&msg));
            }
            if !core::ptr::eq(t, &OBJECT_TYPE) && nb.is_none() {
                nb = Some(t);
            }
        } else if let Some(ObjData::Class(c)) = vm.heap.get(b) {
            if nb.is_none() {
                nb = c.native_base;
            }
        } else {
            return Err(vm.type_error("bases must be types"));
        }
    }
    let rest = c3_order(vm, bases)?;
    let mut dict = Dict::new();
    let entries: Vec<(Obj, Obj)> = match vm.table(ns) {
        Some(t) => t.iter().map(|e| (e.key, e.value)).collect(),
        None => Vec::new(),
    };
    for (k, v) in entries {
        let kq = match k.as_qstr() {
            Some(qq) => qq,
            None => match vm.str_of(k) {
                Some(s) => {
                    let s = alloc::string::String::from(s);
                    vm.intern(&s)
                }
                None => continue,
            },
        };
        dict.push(Obj::qstr(kq), v, vm.qstrs.hash(kq));
    }
    let cls = vm.alloc(ObjData::Class(Box::new(Class {
        name,
        bases: bases.to_vec(),
        mro: Vec::new(),
        dict,
        native_base: nb,
        flags: 0,
        inst_attrs: 0,
        mcache: [(u32::MAX, 0, 0); 16],
        mcache_epoch: MCACHE_EPOCH.load(Ordering::Relaxed),
    })))?;
    let mut fl = match vm.heap.get(cls) {
        Some(ObjData::Class(c)) => c.dict.iter().fold(0, |f, e| f | entry_flags(vm, e.key, e.value)),
        _ => 0,
    };
    for &b in rest.iter() {
        if let Some(ObjData::Class(k)) = vm.heap.get(b) {
            fl |= k.flags;
        }
    }
    if let Some(ObjData::Class(c)) = vm.heap.get_mut(cls) {
        c.flags = fl;
        let mut mro = Vec::with_capacity(rest.len() + 1);
        mro.push(cls);
        mro.extend(rest);
        c.mro = mro;
    }
    Ok(cls)
}

/// `__build_class__(body, name, *bases)`: runs the class body with a fresh
/// namespace, creates the class and fills the body's `__class__` cell.
fn build_class(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let (body, name) = (args[0], args[1]);
    let Some(nq) = name.as_qstr().or_else(|| vm.str_of(name).map(alloc::string::String::from).map(|s| vm.intern(&s))) else {
        return Err(vm.type_error("class name must be a str"));
    };
    let ns = vm.new_dict()?;
    let base = vm.roots.len();
    vm.roots.push(ns);
    let r = (|| {
        let cell = super::call::call_function_locals(vm, body, &[], &[], ns)?;
        vm.roots.push(cell);
        let cls = make_class(vm, nq, &args[2..], ns)?;
        if let Some(ObjData::Cell(c)) = vm.heap.get_mut(cell) {
            *c = cls;
        }
        Ok(cls)
    })();
    vm.roots.truncate(base);
    r
}

/// The `__build_class__` builtin that LOAD_BUILD_CLASS pushes.
pub static BUILD_CLASS: BuiltinFun = BuiltinFun::new_kw(q::__build_class__, 2, build_class);

/// LOAD_SUPER_METHOD and `super(cls, obj).name`: finds `name` in the C3
/// MRO of `obj`'s type (or of `obj` when it is a class) after `cls`, as
/// CPython does (falling back to `cls`'s own bases when `cls` is not in that
/// MRO), then in `object`; returns `(method, self)` or `(value, NULL)`.
///
/// Errors: `AttributeError: 'super' object has no attribute 'x'`.
pub fn super_lookup(vm: &mut Vm, cls: Obj, obj: Obj, name: Qstr) -> PyResult<(Obj, Obj)> {
    let is_cls = vm.is_type(obj);
    let t = if is_cls { obj } else { vm.type_of(obj) };
    let native = match vm.heap.get(obj) {
        Some(ObjData::Instance(i)) if !i.native.is_null() => i.native,
        _ => obj,
    };
    // CPython's rule: search the MRO of `obj`'s type (or of `obj` itself
    // when it is a class) after `cls`.
    let at = match vm.heap.get(t) {
        Some(ObjData::Class(c)) => c.mro.iter().position(|&e| e == cls),
        _ => None,
    };
    let found = if let Some(k) = at {
        class_lookup_from(vm, t, name, k + 1)?
    } else if let Some(bt) = cls.as_type() {
        match bt.base {
            Some(b) => class_lookup_from(vm, Obj::from_type(b), name, 0)?,
            None => None,
        }
    } else {
        class_lookup_from(vm, cls, name, 1)?
    };
    if let Some((v, k)) = found {
        if is_cls {
            return Ok(match vm.heap.get(v) {
                Some(ObjData::ClassMethod(f)) => (*f, obj),
                Some(ObjData::StaticMethod(f)) => (*f, Obj::NULL),
                _ => (v, Obj::NULL),
            });
        }
        return bind_for_instance(vm, v, k, obj, native, t);
    }
    if let Some(r) = OBJECT_TYPE.lookup(name) {
        let v = vm.rom_to_obj(r)?;
        return Ok((v, if is_cls { Obj::NULL } else { obj }));
    }
    let msg = format!("'super' object has no attribute '{}'", vm.qstrs.str(name));
    Err(vm.attribute_error(&msg))
}

/// A `super(cls, obj)` object.
pub struct SuperObj {
    /// The class whose successors are searched.
    pub cls: Obj,
    /// The bound object.
    pub obj: Obj,
}

impl NativeObj for SuperObj {
    fn type_obj(&self) -> &'static TypeObj {
        &SUPER_TYPE
    }
    fn trace(&self, f: &mut dyn FnMut(Obj)) {
        f(self.cls);
        f(self.obj);
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

fn super_make_new(vm: &mut Vm, _cls: Obj, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    if args.len() != 2 {
        return Err(vm.type_error("super() requires 2 arguments"));
    }
    vm.alloc(ObjData::Native(Box::new(SuperObj { cls: args[0], obj: args[1] })))
}

fn super_attr(vm: &mut Vm, o: Obj, name: Qstr, store: Option<Obj>) -> PyResult<Obj> {
    if store.is_some() {
        return Ok(Obj::NULL);
    }
    let (cls, obj) = match vm.heap.get(o) {
        Some(ObjData::Native(n)) => match n.as_any().downcast_ref::<SuperObj>() {
            Some(s) => (s.cls, s.obj),
            None => return Ok(Obj::NULL),
        },
        _ => return Ok(Obj::NULL),
    };
    let (m, s) = match super_lookup(vm, cls, obj, name) {
        Ok(r) => r,
        Err(PyErr(_)) => return Ok(Obj::NULL),
    };
    if s.is_null() {
        return Ok(m);
    }
    vm.alloc(ObjData::BoundMethod(m, s))
}

/// `super`.
pub static SUPER_TYPE: TypeObj =
    TypeObj { name: q::kw_super, make_new: Some(super_make_new), attr: Some(super_attr), ..TypeObj::EMPTY };

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
    pub mcache: [(u32, u32, u32); 16],
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
pub fn has_instance_layout(ty: &TypeObj) -> bool {
    ty.flags & crate::typ::flags::IS_CLASS != 0 && !crate::types::exception::has_exception_layout(ty)
}

/// Do objects of type `ty` have the [`InstanceNativeObj`] layout?
pub fn has_native_instance_layout(ty: &TypeObj) -> bool {
    has_instance_layout(ty) && ty.flags & crate::typ::flags::NATIVE_INSTANCE != 0
}
