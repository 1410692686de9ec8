//! Attribute access: `o.name` load, store and delete, and LOAD_METHOD's
//! allocation-free method lookup. Instances, classes and modules go
//! through [`crate::vm`]; built-in types use their `locals` and `attr` slot.

use crate::obj::Obj;
use crate::objdata::ObjData;
use crate::qstr::{q, Qstr};
use crate::state::Vm;
use crate::typ::Rom;
use crate::PyResult;
use alloc::format;

impl Vm {
    /// The object for a ROM locals entry (allocating floats).
    pub fn rom_to_obj(&mut self, r: Rom) -> PyResult<Obj> {
        match r {
            Rom::Float(f) => self.new_float(f),
            other => Ok(other.to_obj().unwrap_or(Obj::NONE)),
        }
    }

    /// `o.name`, or NULL if there is no such attribute.
    pub fn load_attr_maybe(&mut self, o: Obj, name: Qstr) -> PyResult<Obj> {
        let (m, s) = self.load_method_maybe(o, name)?;
        if m.is_null() || s.is_null() {
            return Ok(m);
        }
        self.alloc(ObjData::BoundMethod(m, s))
    }

    /// `o.name`.
    ///
    /// Errors: `AttributeError: 'int' object has no attribute 'x'`.
    pub fn load_attr(&mut self, o: Obj, name: Qstr) -> PyResult<Obj> {
        // Fast path: an attribute in an instance's own namespace.
        if let Some(ObjData::Instance(i)) = self.heap.get(o) {
            let h = self.qstrs.hash(name);
            if let Some(e) = i.dict.find_identical(Obj::qstr(name), h).and_then(|p| i.dict.entry(p)) {
                return Ok(e.value);
            }
            let (m, s) = crate::vm::class::instance_load(self, o, name, false)?;
            if m.is_null() {
                return Err(self.no_attr_error(o, name));
            }
            if s.is_null() {
                return Ok(m);
            }
            return self.alloc(ObjData::BoundMethod(m, s));
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
        let msg = if self.is_type(o) {
            format!("type object '{}' has no attribute '{}'", self.class_name(o), self.qstrs.str(name))
        } else if let Some(ObjData::Module(m)) = self.heap.get(o) {
            format!("module '{}' has no attribute '{}'", self.qstrs.str(m.name), self.qstrs.str(name))
        } else {
            format!("'{}' object has no attribute '{}'", self.type_name(o), self.qstrs.str(name))
        };
        self.attribute_error(&msg)
    }

    /// LOAD_METHOD: returns `(method, self)` when `o.name` is a method that
    /// should receive `o` as its first argument, `(value, NULL)` for a plain
    /// attribute, and `(NULL, NULL)` when absent.
    pub fn load_method_maybe(&mut self, o: Obj, name: Qstr) -> PyResult<(Obj, Obj)> {
        match self.heap.get(o) {
            Some(ObjData::Instance(_)) => return crate::vm::class::instance_load(self, o, name, true),
            Some(ObjData::Class(_) | ObjData::Module(_) | ObjData::Exception(_)) => {
                return crate::vm::load_method_special(self, o, name);
            }
            _ => {}
        }
        if name == q::__class__ {
            return Ok((self.type_of(o), Obj::NULL));
        }
        if let Some(t) = o.as_type() {
            // Attribute of a built-in type object itself.
            if let Some(r) = t.lookup(name) {
                return Ok(match r {
                    Rom::ClassMethod(f) => (f.obj(), o),
                    other => (self.rom_to_obj(other)?, Obj::NULL),
                });
            }
            if name == q::__name__ {
                return Ok((Obj::qstr(t.name), Obj::NULL));
            }
            if name == q::__bases__ {
                // `()` for object, else the one base (object by default).
                let object = &crate::typ::OBJECT_TYPE;
                let bases = match t.base {
                    _ if core::ptr::eq(t, object) => self.new_tuple(&[])?,
                    Some(b) => self.new_tuple(&[Obj::from_type(b)])?,
                    None => self.new_tuple(&[Obj::from_type(object)])?,
                };
                return Ok((bases, Obj::NULL));
            }
        }
        let t = self.builtin_type(o);
        if let Some(r) = t.lookup(name) {
            return Ok(match r {
                Rom::Fun(f) => (f.obj(), o),
                Rom::ClassMethod(f) => (f.obj(), Obj::from_type(t)),
                other => (self.rom_to_obj(other)?, Obj::NULL),
            });
        }
        let mut ty = Some(t);
        while let Some(tt) = ty {
            if let Some(a) = tt.attr {
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
    /// Errors: `AttributeError: 'int' object has no attribute 'x'`.
    pub fn store_attr(&mut self, o: Obj, name: Qstr, value: Obj) -> PyResult<()> {
        match self.heap.get(o) {
            Some(ObjData::Instance(_) | ObjData::Class(_) | ObjData::Module(_) | ObjData::Exception(_)) => {
                return crate::vm::store_attr_special(self, o, name, value);
            }
            _ => {}
        }
        let t = self.builtin_type(o);
        if let Some(a) = t.attr {
            let r = a(self, o, name, Some(value))?;
            if !r.is_null() {
                return Ok(());
            }
        }
        Err(self.no_attr_error(o, name))
    }
}
