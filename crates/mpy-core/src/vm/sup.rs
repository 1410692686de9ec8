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
#[cfg_attr(not(target_os = "none"), inline(always))]
pub fn super_lookup(vm: &mut Vm, cls: Obj, obj: Obj, name: Qstr) -> PyResult<(Obj, Obj)> {
    // Desktop: a Python function found for an instance of a user class
    // before (see `SuperCache`).
    #[cfg(not(target_os = "none"))]
    let ta = match obj.ptr_type() {
        Some(t) if t.flags & crate::typ::flags::IS_CLASS != 0 => {
            let ta = t as *const TypeObj as usize;
            let e = &vm.vmstate.super_cache[super_slot(ta, cls, name)];
            if e.ty == !ta && e.cls == !cls.raw() && e.name == name.0 && e.ver == vm.vmstate.class_version {
                return Ok((Obj::from_raw(!e.fun), obj));
            }
            ta
        }
        _ => 0,
    };
    #[cfg(target_os = "none")]
    let ta = 0;
    super_lookup_mro(vm, cls, obj, name, ta)
}

/// Desktop: LOAD_SUPER_METHOD from the dispatch loop's own arm (the
/// cold path decodes and checks what the verifier proved): [`super_lookup`]
/// of `name` after class `cls` for `obj`, kept out of the loop.
///
/// Errors: as [`super_lookup`].
#[cfg(not(target_os = "none"))]
#[inline(never)]
pub fn load_super_method(vm: &mut Vm, cls: Obj, obj: Obj, name: Qstr) -> PyResult<(Obj, Obj)> {
    super_lookup(vm, cls, obj, name)
}

/// [`super_lookup`] past its cache: the MRO search (desktop: a Python
/// function found for an instance of a user class at `ta`, unless 0, is
/// remembered).
///
/// Errors: as [`super_lookup`].
#[cfg_attr(not(target_os = "none"), inline(never))]
#[cfg_attr(target_os = "none", inline(always))]
fn super_lookup_mro(vm: &mut Vm, cls: Obj, obj: Obj, name: Qstr, ta: usize) -> PyResult<(Obj, Obj)> {
    #[cfg(target_os = "none")]
    let _ = ta;
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
        #[cfg(not(target_os = "none"))]
        if ta != 0 && matches!(k, super::class::Kind::Plain) && crate::vmobj::is_function(v) && vm.heap.class(cls).is_some() {
            let ver = vm.vmstate.class_version;
            vm.vmstate.super_cache[super_slot(ta, cls, name)] = SuperEntry { ty: !ta, cls: !cls.raw(), name: name.0, ver, fun: !v.raw() };
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

/// One entry of [`SuperCache`]: on an instance whose type is at `!ty`,
/// `super()` of the user class at `!cls` gave Python function `!fun` for
/// `name` in class version `ver`.
#[cfg(not(target_os = "none"))]
#[derive(Clone, Copy)]
pub struct SuperEntry {
    ty: usize,
    cls: usize,
    name: u32,
    ver: usize,
    fun: usize,
}

/// Entries of [`SuperCache`] (a power of two).
#[cfg(not(target_os = "none"))]
const SUPER_SIZE: usize = 64;

/// Desktop: [`super_lookup`]'s direct-mapped cache of Python functions
/// found along the MRO of an instance's user class (what the lookup binds
/// to the instance). An entry holds while `VmState::class_version` is the
/// one it was filled in, as the `attrcache` sites' K_METHOD entries do (no
/// class was made, so the addresses are the same classes; no class
/// namespace gained a key or had a function replaced or deleted, so the
/// MRO still gives that function). Addresses are stored inverted, so the
/// cache keeps nothing alive (and lives outside the gc heap anyway).
#[cfg(not(target_os = "none"))]
pub type SuperCache = [SuperEntry; SUPER_SIZE];

/// An empty [`SuperCache`] (a `ty` word of 0 is never `!` an address).
#[cfg(not(target_os = "none"))]
pub const SUPER_EMPTY: SuperCache = [SuperEntry { ty: 0, cls: 0, name: 0, ver: 0, fun: 0 }; SUPER_SIZE];

/// The [`SuperCache`] slot of `name` looked up after class `cls` for an
/// instance of the type at `ta`.
#[cfg(not(target_os = "none"))]
#[inline(always)]
fn super_slot(ta: usize, cls: Obj, name: Qstr) -> usize {
    let h = ((ta ^ (cls.raw() >> 3)) as u32 ^ name.0).wrapping_mul(0x9e37_79b9);
    (h >> 26) as usize & (SUPER_SIZE - 1)
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
