//! Attribute access: `o.name` load, store and delete, and LOAD_METHOD's
//! allocation-free method lookup. Instances, classes, user modules and
//! exceptions go through [`crate::vm::members`]; built-in types (and the
//! static built-in modules) use their `locals` and `attr` slot.

use crate::obj::{Obj, ObjBase};
use crate::qstr::{q, Qstr};
use crate::state::Vm;
use crate::typ::{Rom, RomKind, TYPE_TYPE};
use crate::types::misc::{BoundMethObj, BOUND_METHOD_TYPE};
use crate::vm::class::is_class;
#[cfg(not(target_os = "none"))]
use crate::vm::class::InstanceObj;
use crate::PyResult;

impl Vm {
    /// The object for a ROM locals entry (allocating floats).
    ///
    /// Errors: `MemoryError` (boxed floats only).
    pub fn rom_to_obj(&mut self, r: Rom) -> PyResult<Obj> {
        #[cfg(feature = "float")]
        if let Some(f) = r.heap_float() {
            return self.new_float(f);
        }
        Ok(r.to_obj().unwrap_or(Obj::NONE))
    }

    /// A bound method object `m` bound to `s`.
    ///
    /// Errors: `MemoryError`.
    pub fn new_bound_method(&mut self, m: Obj, s: Obj) -> PyResult<Obj> {
        self.alloc_obj(BoundMethObj { base: ObjBase::new(&BOUND_METHOD_TYPE), fun: m, self_obj: s })
    }

    /// `o.name`, or NULL if there is no such attribute.
    ///
    /// Errors: whatever a descriptor or `__getattr__` raises; `MemoryError`.
    pub fn load_attr_maybe(&mut self, o: Obj, name: Qstr) -> PyResult<Obj> {
        let (m, s) = self.load_method_maybe(o, name)?;
        if m.is_null() || s.is_null() {
            return Ok(m);
        }
        self.new_bound_method(m, s)
    }

    /// `o.name`.
    ///
    /// Errors: `AttributeError: 'int' object has no attribute 'x'`, and as
    /// [`Vm::load_attr_maybe`].
    pub fn load_attr(&mut self, o: Obj, name: Qstr) -> PyResult<Obj> {
        // Desktop fast path: an attribute in the instance's own namespace,
        // then the rest of the instance's lookup. (Boards: instances take
        // `load_attr_maybe`, which reaches the same `instance_load`.)
        #[cfg(not(target_os = "none"))]
        if let Some(i) = self.heap.get::<InstanceObj>(o) {
            let h = self.qstr_hash(name);
            if let Some(e) = i.members.find_identical(Obj::qstr(name), h).and_then(|p| i.members.entry(p)) {
                return Ok(e.value);
            }
            let (m, s) = crate::vm::members::instance_load(self, o, name, false)?;
            if m.is_null() {
                return Err(self.no_attr_error(o, name));
            }
            if s.is_null() {
                return Ok(m);
            }
            return self.new_bound_method(m, s);
        }
        let r = self.load_attr_maybe(o, name)?;
        if r.is_null() {
            return Err(self.no_attr_error(o, name));
        }
        Ok(r)
    }

    /// The `AttributeError` for a missing attribute, in MicroPython's
    /// words (types and modules have their own forms).
    pub fn no_attr_error(&mut self, o: Obj, name: Qstr) -> crate::PyErr {
        let n = self.qstr_str(name);
        let module = crate::vm::module::module_name(self, o).or_else(|| o.as_builtin_module().map(|m| m.name));
        // One formatting call: the template and the name of the owner.
        let (tpl, owner) = if let Some(t) = o.as_type() {
            (msg!("type object '{}' has no attribute '{}'"), self.qstr_str(t.name()))
        } else if let Some(mn) = module {
            (msg!("module '{}' has no attribute '{}'"), self.qstr_str(mn))
        } else {
            (msg!("'{}' object has no attribute '{}'"), self.type_name(o))
        };
        self.attribute_error_fmt(tpl, &[owner.into(), n.into()])
    }

    /// `AttributeError` with a formatted message.
    fn attribute_error_fmt(&mut self, tpl: &str, args: &[crate::runtime::print::Arg<'_>]) -> crate::PyErr {
        self.error_fmt(&crate::types::exception::ATTRIBUTE_ERROR_TYPE, tpl, args)
    }

    /// LOAD_METHOD: returns `(method, self)` when `o.name` is a method that
    /// should receive `o` as its first argument, `(value, NULL)` for a plain
    /// attribute, and `(NULL, NULL)` when absent.
    ///
    /// Errors: whatever a descriptor, `__getattr__` or an `attr` slot
    /// raises; `MemoryError`.
    pub fn load_method_maybe(&mut self, o: Obj, name: Qstr) -> PyResult<(Obj, Obj)> {
        let t = self.builtin_type(o);
        // Instances of user classes (and exceptions, user modules and
        // classes themselves) have namespaces.
        if t.flags & crate::typ::flags::IS_CLASS != 0
            || core::ptr::eq(t, &crate::types::misc::MODULE_TYPE)
            || t.is_subtype_any(&crate::types::exception::BASE_EXCEPTION_TYPE)
            || (core::ptr::eq(t, &TYPE_TYPE) && is_class(self, o))
        {
            return crate::vm::load_method_special(self, o, name);
        }
        if name == q::__class__ {
            return Ok((self.type_of(o), Obj::NULL));
        }
        if let Some(ty) = o.as_type() {
            // Attribute of a built-in type object itself.
            if let Some(r) = ty.lookup(name) {
                return Ok(match r.kind() {
                    RomKind::ClassMethod(f) => (f.obj(), o),
                    _ => (self.rom_to_obj(r)?, Obj::NULL),
                });
            }
            if name == q::__name__ {
                return Ok((Obj::qstr(ty.name()), Obj::NULL));
            }
            if name == q::__bases__ {
                // `()` for object, else the one base (object by default).
                let object = &crate::typ::OBJECT_TYPE;
                let base = [Obj::from_type(ty.base.unwrap_or(object))];
                let bases = self.new_tuple(if core::ptr::eq(ty, object) { &[] } else { &base })?;
                return Ok((bases, Obj::NULL));
            }
        }
        if let Some(r) = t.lookup(name) {
            return Ok(match r.kind() {
                RomKind::Fun(f) => (f.obj(), o),
                RomKind::ClassMethod(f) => (f.obj(), Obj::from_type(t)),
                RomKind::Value => (self.rom_to_obj(r)?, Obj::NULL),
            });
        }
        let mut ty = Some(t);
        while let Some(tt) = ty {
            if let Some(a) = tt.ext.attr {
                let r = a(self, o, name, None)?;
                if !r.is_null() {
                    return Ok((r, Obj::NULL));
                }
            }
            ty = tt.base;
        }
        Ok((Obj::NULL, Obj::NULL))
    }

    /// `o.name = value`, or `del o.name` when `value` is NULL.
    ///
    /// Errors: `AttributeError: 'int' object has no attribute 'x'`, and
    /// whatever `__setattr__`/`__delattr__`/setters raise.
    pub fn store_attr(&mut self, o: Obj, name: Qstr, value: Obj) -> PyResult<()> {
        let t = self.builtin_type(o);
        if t.flags & crate::typ::flags::IS_CLASS != 0
            || core::ptr::eq(t, &crate::types::misc::MODULE_TYPE)
            || t.is_subtype_any(&crate::types::exception::BASE_EXCEPTION_TYPE)
            || (core::ptr::eq(t, &TYPE_TYPE) && is_class(self, o))
        {
            return crate::vm::store_attr_special(self, o, name, value);
        }
        if let Some(a) = t.ext.attr {
            let r = a(self, o, name, Some(value))?;
            if !r.is_null() {
                return Ok(());
            }
        }
        Err(self.no_attr_error(o, name))
    }
}
