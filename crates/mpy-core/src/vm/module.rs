//! User module objects (`.py`, `.mpy` and frozen modules, `__main__`).
//! Built-in modules are static [`crate::typ::ModuleDef`]s instead.

use crate::obj::{Obj, ObjBase};
use crate::qstr::{q, Qstr};
use crate::state::Vm;
use crate::PyResult;

/// A module made at run time: its name and its globals dict
/// (MicroPython's `mp_obj_module_t`; 3 words).
#[repr(C)]
pub struct ModuleObj {
    /// Header (`module`).
    pub base: ObjBase,
    /// `__name__`.
    pub name: Qstr,
    /// The module's globals (a dict object).
    pub globals: Obj,
}

/// Creates an empty module object named `name` (globals hold `__name__`).
///
/// Errors: `MemoryError`.
pub fn new_module(vm: &mut Vm, name: Qstr) -> PyResult<Obj> {
    let g = vm.new_dict()?;
    vm.dict_store(g, Obj::qstr(q::__name__), Obj::qstr(name))?;
    vm.alloc_obj(ModuleObj { base: ObjBase::new(&crate::types::misc::MODULE_TYPE), name, globals: g })
}

/// The globals dict of user module `m` (None if `m` is not one).
#[inline]
pub fn module_globals(vm: &Vm, m: Obj) -> Option<Obj> {
    vm.heap.get::<ModuleObj>(m).map(|md| md.globals)
}

/// The name of user module `m` (None if `m` is not one).
#[inline]
pub fn module_name(vm: &Vm, m: Obj) -> Option<Qstr> {
    vm.heap.get::<ModuleObj>(m).map(|md| md.name)
}
