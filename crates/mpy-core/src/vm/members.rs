//! Attribute access on the VM's objects: instances of user classes,
//! classes, user modules and exceptions (descriptors: functions,
//! staticmethod, classmethod, property; `__getattr__`, `__setattr__`,
//! `__delattr__`), and their namespaces.

use super::class::{
    bind_for_instance, class_flags, class_lookup, class_of_instance, describe, is_class, user_special,
    user_special_cached, Desc, InstanceNativeObj, InstanceObj, Kind, CF_DELATTR, CF_PROPERTY, CF_SETATTR,
};
use super::module::ModuleObj;
use crate::map::Map;
use crate::obj::Obj;
use crate::qstr::{q, Qstr};
use crate::state::Vm;
use crate::typ::{OBJECT_TYPE, TYPE_TYPE};
use crate::types::exception::ExceptionObj;
use crate::PyResult;

/// The value of `name` in a namespace table, by qstr identity.
#[inline]
fn ns_get(vm: &Vm, m: &Map, name: Qstr) -> Option<Obj> {
    super::class::dict_get_q(vm, m, name)
}

/// The built-in part of an instance of a subclass of a built-in type
/// (NULL for other objects).
#[inline]
pub fn native_part(vm: &Vm, o: Obj) -> Obj {
    vm.heap.get::<InstanceNativeObj>(o).map_or(Obj::NULL, |i| i.native)
}

/// LOAD_METHOD/LOAD_ATTR on an instance of a user class: its namespace
/// (unless `probe_dict` is false because the caller already missed there),
/// `__class__`/`__dict__`, the class MRO (binding functions, classmethods,
/// staticmethods, properties), the native part, then `__getattr__`.
/// Returns `(method, self)`, `(value, NULL)` or `(NULL, NULL)`.
///
/// Errors: whatever a property getter or `__getattr__` raises.
pub fn instance_load(vm: &mut Vm, o: Obj, name: Qstr, probe_dict: bool) -> PyResult<(Obj, Obj)> {
    let Some(i) = vm.heap.get::<InstanceObj>(o) else { return Ok((Obj::NULL, Obj::NULL)) };
    if probe_dict {
        if let Some(v) = ns_get(vm, &i.members, name) {
            return Ok((v, Obj::NULL));
        }
    }
    let cls = class_of_instance(o);
    let native = native_part(vm, o);
    if name == q::__class__ {
        return Ok((cls, Obj::NULL));
    }
    if name == q::__dict__ {
        return Ok((namespace_dict_copy(vm, o)?, Obj::NULL));
    }
    if let Some((v, k)) = class_lookup(vm, cls, name)? {
        if k == Kind::Plain {
            // The common case (a method or class attribute from a class
            // dict), bound without another lookup.
            match describe(vm, v) {
                Desc::Function => return Ok((v, o)),
                Desc::Other => return Ok((v, Obj::NULL)),
                _ => {}
            }
        }
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

/// LOAD_METHOD/LOAD_ATTR on a user class: its own namespace, `__name__`,
/// `__bases__`, `__class__`, `__dict__`, then the MRO and `object`.
fn class_load(vm: &mut Vm, o: Obj, name: Qstr) -> PyResult<(Obj, Obj)> {
    let Some(c) = vm.heap.class(o) else { return Ok((Obj::NULL, Obj::NULL)) };
    let (hit, cname, bases) = (ns_get(vm, &c.st.dict, name), c.ty.name(), c.st.bases);
    if let Some(v) = hit {
        // Found in the class's own namespace (the first MRO entry).
        return Ok(match describe(vm, v) {
            Desc::Static(f) => (f, Obj::NULL),
            Desc::Class(f) => (f, o),
            _ => (v, Obj::NULL),
        });
    }
    match name {
        q::__name__ => return Ok((Obj::qstr(cname), Obj::NULL)),
        q::__bases__ => {
            if vm.tuple_pinned(bases).is_some_and(|b| b.is_empty()) {
                return Ok((vm.new_tuple(&[Obj::from_type(&OBJECT_TYPE)])?, Obj::NULL));
            }
            return Ok((bases, Obj::NULL));
        }
        q::__class__ => return Ok((Obj::from_type(&TYPE_TYPE), Obj::NULL)),
        q::__dict__ => return Ok((namespace_dict_copy(vm, o)?, Obj::NULL)),
        _ => {}
    }
    match class_lookup(vm, o, name)? {
        Some((v, Kind::RomClassMethod)) => Ok((v, o)),
        Some((v, Kind::Plain)) => Ok(match describe(vm, v) {
            Desc::Static(f) => (f, Obj::NULL),
            Desc::Class(f) => (f, o),
            _ => (v, Obj::NULL),
        }),
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

/// LOAD_METHOD/LOAD_ATTR on an exception: its own attributes,
/// `__class__`, a user class's MRO, then the exception data attributes.
fn exception_load(vm: &mut Vm, o: Obj, name: Qstr) -> PyResult<(Obj, Obj)> {
    let Some(e) = vm.heap.get::<ExceptionObj>(o) else { return Ok((Obj::NULL, Obj::NULL)) };
    if let Some(v) = ns_get(vm, &e.members, name) {
        return Ok((v, Obj::NULL));
    }
    let cls = vm.type_of(o);
    if name == q::__class__ {
        return Ok((cls, Obj::NULL));
    }
    if is_class(vm, cls) {
        if let Some((v, k)) = class_lookup(vm, cls, name)? {
            return bind_for_instance(vm, v, k, o, o, cls);
        }
    }
    let v = crate::types::exception::exc_attr(vm, o, name)?;
    Ok((v, Obj::NULL))
}

/// LOAD_METHOD/LOAD_ATTR on instances, classes, user modules and
/// exceptions: `(method, self)`, `(value, NULL)` or `(NULL, NULL)` when
/// absent (or when `o` is none of those).
///
/// Errors: whatever descriptors and `__getattr__` raise.
pub fn load_method_special(vm: &mut Vm, o: Obj, name: Qstr) -> PyResult<(Obj, Obj)> {
    if vm.heap.get::<InstanceObj>(o).is_some() {
        return instance_load(vm, o, name, true);
    }
    if is_class(vm, o) {
        return class_load(vm, o, name);
    }
    if let Some(m) = vm.heap.get::<ModuleObj>(o) {
        let (g, mname) = (m.globals, m.name);
        if let Some(v) = vm.dict_lookup_qstr(g, name)? {
            return Ok((v, Obj::NULL));
        }
        return Ok(match name {
            q::__name__ => (Obj::qstr(mname), Obj::NULL),
            q::__dict__ => (g, Obj::NULL),
            _ => (Obj::NULL, Obj::NULL),
        });
    }
    if vm.heap.get::<ExceptionObj>(o).is_some() {
        return exception_load(vm, o, name);
    }
    Ok((Obj::NULL, Obj::NULL))
}

/// A fixed dict object copying an instance's, class's or exception's
/// attributes (`o.__dict__`: a read-only snapshot, as MicroPython's).
///
/// Errors: `MemoryError`.
fn namespace_dict_copy(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    let d = vm.new_dict()?;
    let mut p = 0;
    while let Some((pos, e)) = ns_ref(vm, o).and_then(|m| m.next_at(p)) {
        p = pos + 1;
        vm.dict_store(d, e.key, e.value)?;
    }
    crate::types::dict::freeze(vm, d);
    Ok(d)
}

/// Which namespace an object has.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ns {
    Instance,
    Class,
    Exception,
}

fn ns_kind(vm: &Vm, o: Obj) -> Option<Ns> {
    if vm.heap.get::<InstanceObj>(o).is_some() {
        Some(Ns::Instance)
    } else if is_class(vm, o) {
        Some(Ns::Class)
    } else if vm.heap.get::<ExceptionObj>(o).is_some() {
        Some(Ns::Exception)
    } else {
        None
    }
}

/// The namespace table inside an instance, class or exception.
fn ns_ref(vm: &Vm, o: Obj) -> Option<&Map> {
    if let Some(i) = vm.heap.get::<InstanceObj>(o) {
        return Some(&i.members);
    }
    if let Some(c) = vm.heap.class(o) {
        return Some(&c.st.dict);
    }
    vm.heap.get::<ExceptionObj>(o).map(|e| &e.members)
}

/// The namespace table inside an instance, class or exception, mutably.
fn ns_mut(vm: &mut Vm, o: Obj) -> Option<&mut Map> {
    match ns_kind(vm, o)? {
        Ns::Instance => vm.heap.get_mut::<InstanceObj>(o).map(|i| &mut i.members),
        Ns::Class => vm.heap.class_state_mut(o).map(|st| &mut st.dict),
        Ns::Exception => vm.heap.get_mut::<ExceptionObj>(o).map(|e| &mut e.members),
    }
}

/// Makes room for one more entry in the namespace of `o`: grows a
/// moved-out copy of its table (held in this local, so the collector sees
/// its buffer). Namespace keys are qstrs, so growing runs no Python code
/// that could see the object meanwhile; one body for all three kinds.
///
/// Errors: `MemoryError`.
fn ns_reserve(vm: &mut Vm, o: Obj) -> PyResult<()> {
    let Some(d) = ns_mut(vm, o) else { return Ok(()) };
    let mut m = core::mem::take(d);
    let r = vm.map_reserve_local(&mut m, 1);
    if let Some(d) = ns_mut(vm, o) {
        *d = m;
    }
    r
}

/// Stores (value not NULL) or deletes `name` in the namespace of `o` (an
/// instance, class or exception); false when deleting an absent name or
/// when `o` has no namespace.
///
/// Errors: `MemoryError`.
pub fn ns_store(vm: &mut Vm, o: Obj, name: Qstr, value: Obj) -> PyResult<bool> {
    let Some(kind) = ns_kind(vm, o) else { return Ok(false) };
    if kind == Ns::Class {
        #[cfg(not(target_os = "none"))]
        super::attrcache::note_class_store(vm, o, name, value);
        if !value.is_null() {
            super::class::note_class_entry(vm, o, name, value);
        }
    }
    let key = Obj::qstr(name);
    let h = vm.qstr_hash(name);
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
        if d.push_within_capacity(key, value, h) {
            new_key_stored(vm, o, kind, name);
            return Ok(true);
        }
    }
    ns_reserve(vm, o)?;
    match ns_mut(vm, o) {
        Some(d) => {
            let _ = d.push_within_capacity(key, value, h);
        }
        None => return Ok(false),
    }
    new_key_stored(vm, o, kind, name);
    Ok(true)
}

/// After a new key went into the namespace of `o`: a new class attribute
/// may shadow cached lookups of subclasses (start a new cache epoch); an
/// instance's class remembers how many attributes its instances reach
/// (and desktop LOAD_METHOD that an instance may have attribute `name`).
#[cfg_attr(target_os = "none", allow(unused_variables))]
fn new_key_stored(vm: &mut Vm, o: Obj, kind: Ns, name: Qstr) {
    match kind {
        Ns::Class => {
            vm.vmstate.mcache_epoch = vm.vmstate.mcache_epoch.wrapping_add(1);
            #[cfg(not(target_os = "none"))]
            super::attrcache::class_changed(vm);
        }
        Ns::Instance => {
            #[cfg(not(target_os = "none"))]
            super::attrcache::note_inst_name(vm, name);
            let n = vm.heap.get::<InstanceObj>(o).map_or(0, |i| i.members.len());
            let cls = class_of_instance(o);
            if let Some(st) = vm.heap.class_state_mut(cls) {
                st.inst_attrs = st.inst_attrs.max(n.min(64) as u32);
            }
        }
        Ns::Exception => {}
    }
}

/// STORE_ATTR / DELETE_ATTR (value NULL) on instances, classes, user
/// modules and exceptions.
///
/// Errors: `AttributeError` for deleting a missing attribute or setting a
/// read-only property; whatever `__setattr__`/`__delattr__`/property
/// setters raise.
pub fn store_attr_special(vm: &mut Vm, o: Obj, name: Qstr, value: Obj) -> PyResult<()> {
    if vm.heap.get::<InstanceObj>(o).is_some() {
        let cls = class_of_instance(o);
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
                if let Desc::Property(_, s, d) = describe(vm, p) {
                    let f = if value.is_null() { d } else { s };
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
        return object_setattr(vm, o, name, value);
    }
    if let Some(g) = vm.heap.get::<ModuleObj>(o).map(|m| m.globals) {
        if value.is_null() {
            if vm.dict_remove(g, Obj::qstr(name))?.is_none() {
                return Err(vm.no_attr_error(o, name));
            }
            return Ok(());
        }
        return vm.dict_store(g, Obj::qstr(name), value);
    }
    object_setattr(vm, o, name, value)
}

/// `object.__setattr__`: stores directly in the namespace (plain
/// `object()` instances have none).
///
/// Errors: `AttributeError` when `o` has no namespace, or when deleting
/// an absent attribute.
pub fn object_setattr(vm: &mut Vm, o: Obj, name: Qstr, value: Obj) -> PyResult<()> {
    if !ns_store(vm, o, name, value)? {
        return Err(vm.no_attr_error(o, name));
    }
    Ok(())
}
