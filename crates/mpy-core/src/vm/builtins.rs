//! Looking up builtins for LOAD_GLOBAL/LOAD_NAME: the VM's override dict
//! (ports, tests, user assignments to `builtins`), then the `builtins`
//! module table in [`crate::modules::BUILTIN_MODULES`], then the built-in
//! exception types (so they resolve before the builtins module lands).

use crate::obj::Obj;
use crate::qstr::{q, Qstr};
use crate::state::Vm;
use crate::typ::ModuleDef;
use crate::types::exception;
use crate::PyResult;

/// The `builtins` module definition, if registered.
pub fn builtins_module() -> Option<&'static ModuleDef> {
    crate::modules::BUILTIN_MODULES.iter().copied().find(|m| m.name == q::builtins)
}

/// The builtin named `name`, if any.
pub fn lookup_builtin(vm: &mut Vm, name: Qstr) -> PyResult<Option<Obj>> {
    let d = vm.vmstate.builtins_dict;
    if !d.is_null() {
        if let Some(v) = vm.dict_lookup_qstr(d, name)? {
            return Ok(Some(v));
        }
    }
    if let Some(m) = builtins_module() {
        // A small direct-mapped cache of positions in the table (no
        // allocation), then a linear search.
        let slot = (name.0.wrapping_mul(0x9e37_79b9) >> 27) as usize % vm.vmstate.builtins_cache.len();
        let (cq, ci) = vm.vmstate.builtins_cache[slot];
        if cq == name.0 && ci > 0 {
            if let Some(e) = m.locals.get(ci as usize - 1) {
                if e.name() == name {
                    return Ok(Some(vm.rom_to_obj(e.rom())?));
                }
            }
        }
        if let Some(k) = m.locals.iter().position(|e| e.name() == name) {
            if k < u16::MAX as usize {
                vm.vmstate.builtins_cache[slot] = (name.0, k as u16 + 1);
            }
            return Ok(Some(vm.rom_to_obj(m.locals[k].rom())?));
        }
    }
    if let Some(t) = exception::ALL.iter().find(|t| t.name() == name) {
        return Ok(Some(Obj::from_type(t)));
    }
    Ok(match name {
        q::object => Some(Obj::from_type(&crate::typ::OBJECT_TYPE)),
        q::r#type => Some(Obj::from_type(&crate::typ::TYPE_TYPE)),
        q::kw_super => Some(Obj::from_type(&super::class::SUPER_TYPE)),
        q::staticmethod => Some(Obj::from_type(&crate::types::misc::STATICMETHOD_TYPE)),
        q::classmethod => Some(Obj::from_type(&crate::types::misc::CLASSMETHOD_TYPE)),
        q::property => Some(Obj::from_type(&crate::types::misc::PROPERTY_TYPE)),
        q::__build_class__ => Some(super::class::BUILD_CLASS.obj()),
        q::NotImplemented => Some(Obj::NOT_IMPLEMENTED),
        q::Ellipsis => Some(Obj::ELLIPSIS),
        _ => None,
    })
}
