//! Interpreter start-up: the objects every run needs before any code.

use crate::obj::Obj;
use crate::state::Vm;
use crate::types::exception::MEMORY_ERROR_TYPE;
use crate::PyResult;
use alloc::vec::Vec;
use crate::objdata::{ObjData, TracebackEntry};

/// Traceback entries kept for the preallocated `MemoryError` (deeper
/// frames are dropped, as in MicroPython's emergency exception buffer).
pub const MEMORY_ERROR_TRACEBACK: usize = 8;

/// Creates `sys.modules`, `sys.path` (empty), `sys.argv` (empty) and the
/// preallocated `MemoryError`. Call once, right after [`Vm::new`].
///
/// Errors: `MemoryError` if even these do not fit the heap.
pub fn init(vm: &mut Vm) -> PyResult<()> {
    if vm.memory_error.is_null() {
        let args = vm.new_tuple(&[])?;
        vm.memory_error = vm.new_exception_obj(Obj::from_type(&MEMORY_ERROR_TYPE), args)?;
        // Room for its traceback up front: when it is raised the heap is
        // full, and MicroPython still prints where it happened.
        let room = MEMORY_ERROR_TRACEBACK * core::mem::size_of::<TracebackEntry>();
        vm.make_room(room)?;
        if let Some(ObjData::Exception(e)) = vm.heap.get_mut(vm.memory_error) {
            e.traceback.reserve_exact(MEMORY_ERROR_TRACEBACK);
        }
        vm.charge(room);
    }
    vm.modules = vm.new_dict()?;
    vm.sys_path = vm.new_list(Vec::new())?;
    vm.sys_argv = vm.new_list(Vec::new())?;
    Ok(())
}
