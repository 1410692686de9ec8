//! The bridge to the compiler crate (feature `compiler`): source text to
//! raw code, with compile errors turned into Python `SyntaxError` /
//! `IndentationError` exceptions carrying a traceback line.

use crate::obj::Obj;
use crate::objdata::{ObjData, TracebackEntry};
use crate::state::Vm;
use crate::types::exception::{INDENTATION_ERROR_TYPE, SYNTAX_ERROR_TYPE};
use crate::vm::CompileMode;
use crate::PyResult;
use mpy_bytecode::CompiledModule;
use mpy_compiler::{CompileOptions, ErrorKind, Mode};

/// Compiles `src` (named `filename`) in `mode` at the VM's optimisation
/// level. Installed as the VM's compile hook by `runtime::init::init`.
///
/// Errors: `SyntaxError`/`IndentationError` with MicroPython's message and a
/// traceback entry `File "<filename>", line N` (plus `, in f` when the
/// error is inside a function).
pub fn compile(vm: &mut Vm, src: &[u8], filename: &str, mode: CompileMode) -> PyResult<CompiledModule> {
    let opts = CompileOptions {
        mode: match mode {
            CompileMode::Exec => Mode::Exec,
            CompileMode::Eval => Mode::Eval,
            CompileMode::Single => Mode::Single,
        },
        opt_level: vm.config.opt_level,
        ..CompileOptions::default()
    };
    match mpy_compiler::compile_traced(src, filename, &opts) {
        Ok(m) => Ok(m),
        Err(f) => {
            let ty = match f.error.kind {
                ErrorKind::IndentationError => &INDENTATION_ERROR_TYPE,
                _ => &SYNTAX_ERROR_TYPE,
            };
            let e = vm.error(ty, &f.error.msg);
            let file = vm.intern(filename);
            let block = match &f.block {
                Some(b) => vm.intern(b),
                None => crate::q::empty,
            };
            if let Some(ObjData::Exception(x)) = vm.get_mut(e.0) {
                x.traceback.push(TracebackEntry { file, line: f.error.line, block });
            }
            let _ = Obj::NULL;
            Err(e)
        }
    }
}
