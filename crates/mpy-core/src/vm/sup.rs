//! `super`: LOAD_SUPER_METHOD's lookup and `super(cls, obj)` objects.

use super::class::{bind_for_instance, class_lookup_from, class_mro, describe, is_class, Desc};
use crate::obj::{Obj, ObjBase};
use crate::qstr::{q, Qstr};
use crate::state::Vm;
use crate::typ::{TypeObj, OBJECT_TYPE};
use crate::types::misc::{BoundMethObj, BOUND_METHOD_TYPE};
use crate::PyResult;

/// LOAD_SUPER_METHOD and `super(cls, obj).name`: finds `name` in the C3
/// MRO of `obj`'s type (or of `obj` when it is a class) after `cls`, as
/// CPython does (falling back to `cls`'s own bases when `cls` is not in that
/// MRO), then in `object`; returns `(method, self)` or `(value, NULL)`.
///
/// Errors: `AttributeError: 'super' object has no attribute 'x'`.
pub fn super_lookup(vm: &mut Vm, cls: Obj, obj: Obj, name: Qstr) -> PyResult<(Obj, Obj)> {
    let is_cls = obj.as_type().is_some();
    let t = if is_cls { obj } else { vm.type_of(obj) };
    let native = vm.heap.get::<super::class::InstanceNativeObj>(obj).map_or(obj, |i| i.native);
    let native = if native.is_null() { obj } else { native };
    // CPython's rule: search the MRO of `obj`'s type (or of `obj` itself
    // when it is a class) after `cls`.
    let at = class_mro(vm, t).iter().position(|&e| e == cls);
    let found = if let Some(k) = at {
        class_lookup_from(vm, t, name, k + 1)?
    } else if !is_class(vm, cls) {
        match cls.as_type().and_then(|bt| bt.base) {
            Some(b) => class_lookup_from(vm, Obj::from_type(b), name, 0)?,
            None => None,
        }
    } else {
        class_lookup_from(vm, cls, name, 1)?
    };
    if let Some((v, k)) = found {
        if is_cls {
            return Ok(match describe(vm, v) {
                Desc::Class(f) => (f, obj),
                Desc::Static(f) => (f, Obj::NULL),
                _ => (v, Obj::NULL),
            });
        }
        return bind_for_instance(vm, v, k, obj, native, t);
    }
    if let Some(r) = OBJECT_TYPE.lookup(name) {
        let v = vm.rom_to_obj(r)?;
        return Ok((v, if is_cls { Obj::NULL } else { obj }));
    }
    let n = vm.qstr_str(name);
    Err(vm.error_fmt(&crate::types::exception::ATTRIBUTE_ERROR_TYPE, msg!("'super' object has no attribute '{}'"), &[n.into()]))
}

/// A `super(cls, obj)` object.
#[repr(C)]
pub struct SuperObj {
    /// Header (`super`).
    pub base: ObjBase,
    /// The class whose successors are searched.
    pub cls: Obj,
    /// The bound object.
    pub obj: Obj,
}

fn super_make_new(vm: &mut Vm, _cls: Obj, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    if args.len() != 2 {
        return Err(vm.type_error(msg!("super() requires 2 arguments")));
    }
    vm.alloc_obj(SuperObj { base: ObjBase::new(&SUPER_TYPE), cls: args[0], obj: args[1] })
}

fn super_attr(vm: &mut Vm, o: Obj, name: Qstr, store: Option<Obj>) -> PyResult<Obj> {
    if store.is_some() {
        return Ok(Obj::NULL);
    }
    let Some((cls, obj)) = vm.heap.get::<SuperObj>(o).map(|s| (s.cls, s.obj)) else { return Ok(Obj::NULL) };
    let (m, s) = match super_lookup(vm, cls, obj, name) {
        Ok(r) => r,
        Err(_) => return Ok(Obj::NULL),
    };
    if s.is_null() {
        return Ok(m);
    }
    vm.alloc_obj(BoundMethObj { base: ObjBase::new(&BOUND_METHOD_TYPE), fun: m, self_obj: s })
}

/// `super`.
pub static SUPER_TYPE: TypeObj =
    TypeObj { name: q::kw_super.tn(), make_new: Some(super_make_new), ext: &crate::typ::TypeExt { attr: Some(super_attr), ..crate::typ::TypeExt::NONE }, ..TypeObj::EMPTY };
