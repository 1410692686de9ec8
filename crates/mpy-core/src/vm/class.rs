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

fn mro_len(vm: &Vm, cls: Obj) -> usize {
    match vm.heap.get(cls) {
        Some(ObjData::Class(c)) => c.mro.len(),
        _ => 0,
    }
}

fn mro_at(vm: &Vm, cls: Obj, i: usize) -> Obj {
    match vm.heap.get(cls) {
        Some(ObjData::Class(c)) => c.mro.get(i).copied().unwrap_or(Obj::NULL),
        _ => Obj::NULL,
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
    let n = mro_len(vm, cls);
    for i in from..n {
        let e = mro_at(vm, cls, i);
        if let Some(r) = lookup_in(vm, e, name)? {
            return Ok(Some(r));
        }
    }
    Ok(None)
}

/// Looks `name` up along `cls`'s MRO.
pub fn class_lookup(vm: &mut Vm, cls: Obj, name: Qstr) -> PyResult<Option<(Obj, Kind)>> {
    class_lookup_from(vm, cls, name, 0)
}

/// Does a user class in `cls`'s MRO define `name` (no allocation)?
pub fn class_has(vm: &Vm, cls: Obj, name: Qstr) -> bool {
    match vm.heap.get(cls) {
        Some(ObjData::Class(c)) => c.mro.iter().any(|&e| match vm.heap.get(e) {
            Some(ObjData::Class(k)) => dict_get_q(vm, &k.dict, name).is_some(),
            _ => false,
        }),
        _ => false,
    }
}

/// A special method defined by a user class in `cls`'s MRO (not by
/// built-in types), as `(function, kind)`.
pub fn user_special(vm: &Vm, cls: Obj, name: Qstr) -> Option<Obj> {
    match vm.heap.get(cls) {
        Some(ObjData::Class(c)) => c.mro.iter().find_map(|&e| match vm.heap.get(e) {
            Some(ObjData::Class(k)) => dict_get_q(vm, &k.dict, name),
            _ => None,
        }),
        _ => None,
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

/// LOAD_METHOD/LOAD_ATTR on instances, classes, modules and exceptions:
/// `(method, self)`, `(value, NULL)` or `(NULL, NULL)` when absent.
pub fn load_method_special(vm: &mut Vm, o: Obj, name: Qstr) -> PyResult<(Obj, Obj)> {
    match vm.heap.get(o) {
        Some(ObjData::Instance(i)) => {
            let (cls, native) = (i.class, i.native);
            if let Some(v) = dict_get_q(vm, &i.dict, name) {
                return Ok((v, Obj::NULL));
            }
            if name == q::__class__ {
                return Ok((cls, Obj::NULL));
            }
            if name == q::__dict__ {
                return Ok((instance_dict_copy(vm, o)?, Obj::NULL));
            }
            if let Some((v, k)) = class_lookup(vm, cls, name)? {
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
        Some(ObjData::Class(c)) => {
            let dict_hit = dict_get_q(vm, &c.dict, name);
            let cname = c.name;
            if dict_hit.is_none() {
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
            let hook = if value.is_null() { q::__delattr__ } else { q::__setattr__ };
            if let Some(f) = user_special(vm, cls, hook) {
                if value.is_null() {
                    vm.call(f, &[o, Obj::qstr(name)], &[])?;
                } else {
                    vm.call(f, &[o, Obj::qstr(name), value], &[])?;
                }
                return Ok(());
            }
            if let Some(p) = user_special(vm, cls, name) {
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
    let init = user_special(vm, cls, q::__init__);
    let obj = if let Some(newf) = user_special(vm, cls, q::__new__) {
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

/// The MRO of a base: a class's own, or a built-in type and its bases
/// (object excluded).
fn linearization(vm: &Vm, b: Obj) -> Vec<Obj> {
    if let Some(ObjData::Class(c)) = vm.heap.get(b) {
        return c.mro.clone();
    }
    let mut v = Vec::new();
    let mut t = b.as_type();
    while let Some(tt) = t {
        if core::ptr::eq(tt, &OBJECT_TYPE) {
            break;
        }
        v.push(Obj::from_type(tt));
        t = tt.base;
    }
    v
}

/// MicroPython's lookup order for `bases` (object excluded), without the
/// class itself: depth-first, left to right, keeping each class's first
/// occurrence (MicroPython deliberately does not use C3: in a diamond
/// `D(B, C)` with `B(A)`, `C(A)`, attributes of `A` win over `C`'s).
fn dfs_order(vm: &Vm, bases: &[Obj]) -> Vec<Obj> {
    let obj = Obj::from_type(&OBJECT_TYPE);
    let mut out: Vec<Obj> = Vec::new();
    for &b in bases.iter().filter(|&&b| b != obj) {
        for c in linearization(vm, b) {
            if !out.contains(&c) {
                out.push(c);
            }
        }
    }
    out
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
    let rest = dfs_order(vm, bases);
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
        inst_attrs: 0,
    })))?;
    if let Some(ObjData::Class(c)) = vm.heap.get_mut(cls) {
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

/// LOAD_SUPER_METHOD and `super(cls, obj).name`: finds `name` in the
/// bases of `cls` (MicroPython's depth-first order, not the MRO of `obj`'s
/// type), then in `object`; returns `(method, self)` or `(value, NULL)`.
///
/// Errors: `AttributeError: 'super' object has no attribute 'x'`.
pub fn super_lookup(vm: &mut Vm, cls: Obj, obj: Obj, name: Qstr) -> PyResult<(Obj, Obj)> {
    let is_cls = vm.is_type(obj);
    let t = if is_cls { obj } else { vm.type_of(obj) };
    let native = match vm.heap.get(obj) {
        Some(ObjData::Instance(i)) if !i.native.is_null() => i.native,
        _ => obj,
    };
    let found = if let Some(bt) = cls.as_type() {
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
