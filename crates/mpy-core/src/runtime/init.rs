//! Interpreter start-up: the objects every run needs before any code.

use crate::obj::Obj;
use crate::state::Vm;
use crate::types::exception::MEMORY_ERROR_TYPE;
use crate::PyResult;
use alloc::vec::Vec;

/// Creates `sys.modules`, `sys.path` (empty), `sys.argv` (empty) and the
/// preallocated `MemoryError`. Call once, right after [`Vm::new`].
///
/// Errors: `MemoryError` if even these do not fit the heap.
pub fn init(vm: &mut Vm) -> PyResult<()> {
    if vm.memory_error.is_null() {
        let args = vm.new_tuple(&[])?;
        vm.memory_error = vm.new_exception_obj(Obj::from_type(&MEMORY_ERROR_TYPE), args)?;
    }
    vm.modules = vm.new_dict()?;
    vm.sys_path = vm.new_list(Vec::new())?;
    vm.sys_argv = vm.new_list(Vec::new())?;
    Ok(())
}
