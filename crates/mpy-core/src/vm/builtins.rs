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
        if vm.vmstate.builtins_index.len() != m.locals.len() {
            let mut idx: alloc::vec::Vec<(Qstr, u16)> =
                m.locals.iter().enumerate().map(|(i, (n, _))| (*n, i as u16)).collect();
            idx.sort_by_key(|e| e.0);
            vm.vmstate.builtins_index = idx;
        }
        if let Ok(i) = vm.vmstate.builtins_index.binary_search_by_key(&name, |e| e.0) {
            let k = vm.vmstate.builtins_index[i].1 as usize;
            if let Some((_, r)) = m.locals.get(k) {
                return Ok(Some(vm.rom_to_obj(*r)?));
            }
        }
    }
    if let Some(t) = exception::ALL.iter().find(|t| t.name == name) {
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
