//! The built-in source compiler hook (feature `compiler`): compiles with
//! `mpy_compiler` and turns compile errors into Python exceptions with
//! MicroPython's traceback line (`File "x.py", line 3` then
//! `SyntaxError: invalid syntax`).

use super::CompileMode;
use crate::types::exception::TracebackEntry;
use crate::state::Vm;
use crate::types::exception as exc;
use crate::{PyErr, PyResult};
use mpy_bytecode::CompiledModule;

/// Compiles `src` with the built-in compiler (the default
/// [`super::VmState::compile`] when the `compiler` feature is on).
///
/// Errors: `SyntaxError`, `IndentationError` or `NotImplementedError` with
/// the compiler's message, carrying a traceback entry for the file/line.
pub fn compile_builtin(vm: &mut Vm, src: &[u8], filename: &str, mode: CompileMode) -> PyResult<CompiledModule> {
    let opts = mpy_compiler::CompileOptions {
        mode: match mode {
            CompileMode::Exec => mpy_compiler::Mode::Exec,
            CompileMode::Eval => mpy_compiler::Mode::Eval,
            CompileMode::Single => mpy_compiler::Mode::Single,
        },
        opt_level: vm.config.opt_level,
        small_int_bits: (crate::obj::Obj::SMALL_INT_BITS).min(63) as u8,
    };
    match mpy_compiler::compile_traced(src, filename, &opts) {
        Ok(m) => Ok(m),
        Err(f) => {
            let ty = match f.error.kind {
                mpy_compiler::ErrorKind::SyntaxError => &exc::SYNTAX_ERROR_TYPE,
                mpy_compiler::ErrorKind::IndentationError => &exc::INDENTATION_ERROR_TYPE,
                mpy_compiler::ErrorKind::NotImplementedError => &exc::NOT_IMPLEMENTED_ERROR_TYPE,
            };
            let e = vm.error(ty, &f.error.msg);
            let file = vm.intern(filename)?;
            let block = match &f.block {
                Some(b) => vm.intern(b)?,
                None => crate::qstr::q::empty,
            };
            super::frame::add_traceback(vm, e.0, TracebackEntry { file, line: f.error.line, block });
            Err(PyErr(e.0))
        }
    }
}
