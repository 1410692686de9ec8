//! Interpreter start-up: the objects every run needs before any code.

use crate::obj::Obj;
use crate::state::Vm;
use crate::types::exception::{ExceptionObj, TracebackEntry, MEMORY_ERROR_TYPE};
use crate::PyResult;

/// Traceback entries kept for the preallocated `MemoryError` (deeper
/// frames are dropped, as in MicroPython's emergency exception buffer).
pub const MEMORY_ERROR_TRACEBACK: usize = 8;

/// Creates the preallocated `MemoryError` (with room for
/// [`MEMORY_ERROR_TRACEBACK`] traceback entries reserved up front: when it
/// is raised the heap is full, and MicroPython still prints where it
/// happened) and its args for a locked heap, `sys.modules` (an empty dict), `sys.path` and `sys.argv`
/// (empty lists). Call once, right after [`Vm::new`].
///
/// Errors: `MemoryError` if even these do not fit the heap.
pub fn init(vm: &mut Vm) -> PyResult<()> {
    // Everything made here goes straight into a `Vm` field (a gc root):
    // this may run before the native stack base is known, when locals are
    // not scanned.
    if vm.memory_error.is_null() {
        let args = vm.new_tuple(&[])?;
        vm.memory_error = vm.new_exception_obj(Obj::from_type(&MEMORY_ERROR_TYPE), args)?;
        let tb = vm.new_vec::<TracebackEntry>(MEMORY_ERROR_TRACEBACK)?;
        if let Some(x) = vm.heap.get_mut::<ExceptionObj>(vm.memory_error) {
            x.traceback = tb;
        }
        vm.heap_locked_args = vm.new_tuple(&[Obj::qstr(crate::q::heap_locked_msg)])?;
    }
    vm.modules = vm.new_dict()?;
    vm.sys_path = vm.new_list(&[])?;
    vm.sys_argv = vm.new_list(&[])?;
    Ok(())
}
