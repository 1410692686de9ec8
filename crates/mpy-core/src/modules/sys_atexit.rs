//! `sys.atexit(func)`: the function the port calls when the interpreter
//! ends (after the main script, `-c`, `-m` or the REPL), MicroPython's
//! replacement for CPython's `atexit` module. The function is kept in
//! the VM's builtins-override dict under an int key no name can reach
//! (so the gc keeps it).

use crate::obj::Obj;
use crate::state::Vm;
use crate::PyResult;

const ATEXIT_KEY: isize = 3;

/// `sys.atexit(func)`: registers `func` (a callable taking no arguments,
/// or None to clear); returns the previous one (initially None).
///
/// Errors: `TypeError` when `func` is neither callable nor None.
pub fn atexit(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let f = a[0];
    if f != Obj::NONE && !vm.is_callable(f) {
        return Err(vm.type_error("'atexit' argument must be callable"));
    }
    if vm.vmstate.builtins_dict.is_null() {
        vm.vmstate.builtins_dict = vm.new_dict()?;
    }
    let d = vm.vmstate.builtins_dict;
    let prev = vm.dict_lookup(d, Obj::small_int(ATEXIT_KEY))?.unwrap_or(Obj::NONE);
    vm.dict_store(d, Obj::small_int(ATEXIT_KEY), f)?;
    Ok(prev)
}

/// Calls the registered function, if any (once: it is cleared first).
/// The port calls this at exit and reports an exception it raises.
pub fn run_atexit(vm: &mut Vm) -> PyResult<()> {
    let d = vm.vmstate.builtins_dict;
    if d.is_null() {
        return Ok(());
    }
    let f = vm.dict_lookup(d, Obj::small_int(ATEXIT_KEY))?.unwrap_or(Obj::NONE);
    if f == Obj::NONE {
        return Ok(());
    }
    vm.dict_store(d, Obj::small_int(ATEXIT_KEY), Obj::NONE)?;
    vm.call(f, &[], &[])?;
    Ok(())
}
