//! `sys.atexit(func)`: the function the port calls when the interpreter
//! ends (after the main script, `-c`, `-m` or the REPL), MicroPython's
//! replacement for CPython's `atexit` module. The function is kept in
//! [`crate::vm::VmState::atexit`] (a field of the `Vm`, so a gc root).

use crate::obj::Obj;
use crate::state::Vm;
use crate::PyResult;

/// `sys.atexit(func)`: registers `func` (a callable taking no arguments,
/// or None to clear); returns the previous one (initially None).
///
/// Errors: `TypeError` when `func` is neither callable nor None.
pub fn atexit(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let a = &[a0];
    let f = a[0];
    if f != Obj::NONE && !vm.is_callable(f) {
        return Err(vm.type_error(msg!("'atexit' argument must be callable")));
    }
    let prev = vm.vmstate.atexit;
    vm.vmstate.atexit = if f == Obj::NONE { Obj::NULL } else { f };
    Ok(if prev.is_null() { Obj::NONE } else { prev })
}

/// Calls the registered function, if any (once: it is cleared first).
/// The port calls this at exit and reports an exception it raises.
///
/// Errors: whatever the function raises.
pub fn run_atexit(vm: &mut Vm) -> PyResult<()> {
    let f = vm.vmstate.atexit;
    if f.is_null() {
        return Ok(());
    }
    vm.vmstate.atexit = Obj::NULL;
    vm.call(f, &[], &[])?;
    Ok(())
}
