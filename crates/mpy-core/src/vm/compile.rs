//! The built-in source compiler hook (feature `compiler`): compiles with
//! `mpy_compiler` and turns compile errors into Python exceptions with
//! MicroPython's traceback line (`File "x.py", line 3` then
//! `SyntaxError: invalid syntax`).
//!
//! The compiler allocates from Rust's global allocator (inside
//! [`crate::alloc_guard::permit`]), but fallibly and within a budget
//! charged like a bounded arena: [`COMPILE_MEM_FACTOR`] times the gc
//! heap's free memory, so a source far too big for the heap gets
//! `MemoryError` instead of the compiler growing the process without
//! bound or aborting. Its native stack is bounded by what is left of the
//! interpreter's stack limit, so deeply nested source gives
//! `RuntimeError: maximum recursion depth exceeded`.

use super::CompileMode;
use crate::types::exception::TracebackEntry;
use crate::state::Vm;
use crate::types::exception as exc;
use crate::{PyErr, PyResult};
use mpy_bytecode::CompiledModule;

/// Native stack kept free below the compiler for the calls it makes back
/// into the runtime and for the error path.
const STACK_MARGIN: usize = 4 * 1024;

/// The compiler's budget per free byte of the gc heap. MicroPython
/// compiles in its gc heap, with parse nodes of one or two words per
/// token; the compiler here builds a Rust tree of owned nodes, which holds
/// about 11-17 bytes per source byte at its peak on 64-bit hosts and 6-9
/// on 32-bit targets (`tools/compiler_mem.sh`), more than MicroPython's
/// parse tree. With this factor a source
/// that MicroPython compiles in a given heap compiles here too (the
/// corpus's 12-16 KiB heap tests), and one far beyond it is a
/// `MemoryError`.
pub const COMPILE_MEM_FACTOR: usize = 4;

/// The compiler's memory budget: [`COMPILE_MEM_FACTOR`] times the free
/// bytes of the gc heap, after a collection if `collect` or if the source
/// is large compared with them.
fn memory_budget(vm: &mut Vm, src_len: usize, collect: bool) -> usize {
    let mut free = vm.heap.mem_free();
    if collect || free / 8 < src_len {
        vm.collect();
        free = vm.heap.mem_free();
    }
    free.saturating_mul(COMPILE_MEM_FACTOR)
}

/// Whether `s` is a qstr the compiler treats as already interned (an
/// equal long str literal is then a qstr): on the desktop what official
/// `mpy-cross` holds (the static qstrs `.mpy` files share,
/// `mpy_bytecode::static_qstr`, found in the built-in qstr table, and
/// [`mpy_compiler::is_mpy_cross_pool_qstr`]), so the unix port compiles
/// as `mpy-cross` does.
#[cfg(not(target_os = "none"))]
fn is_mpy_static(s: &str) -> bool {
    crate::qstr::find_static(s).is_some_and(|q| crate::qstr::MPY_STATIC.iter().any(|&m| u32::from(m) == q.0))
        || mpy_compiler::is_mpy_cross_pool_qstr(s)
}

/// Whether `s` is a qstr the compiler treats as already interned: on the
/// boards any built-in qstr, as official MicroPython's parser looks a long
/// literal up in its whole qstr pool (and the image needs no list of
/// `mpy-cross`'s own).
#[cfg(target_os = "none")]
fn is_mpy_static(s: &str) -> bool {
    crate::qstr::find_static(s).is_some()
}

/// Compiles `src` with the built-in compiler (the default
/// [`super::VmState::compile`] when the `compiler` feature is on).
///
/// Errors: `SyntaxError`, `IndentationError` or `NotImplementedError` with
/// the compiler's message, carrying a traceback entry for the file/line;
/// `MemoryError` when the compilation does not fit the heap's free memory;
/// `RuntimeError: maximum recursion depth exceeded` when the source nests
/// deeper than the native stack left allows.
pub fn compile_builtin(vm: &mut Vm, src: &[u8], filename: &str, mode: CompileMode) -> PyResult<CompiledModule> {
    let stack_left = if vm.stack_base == 0 {
        vm.config.stack_limit
    } else {
        vm.config.stack_limit.saturating_sub(vm.stack_used())
    };
    let stack_limit = stack_left.saturating_sub(STACK_MARGIN);
    let mut opts = mpy_compiler::CompileOptions {
        mode: match mode {
            CompileMode::Exec => mpy_compiler::Mode::Exec,
            CompileMode::Eval => mpy_compiler::Mode::Eval,
            CompileMode::Single => mpy_compiler::Mode::Single,
        },
        opt_level: vm.config.opt_level,
        small_int_bits: (crate::obj::Obj::SMALL_INT_BITS).min(63) as u8,
        // A port that lends the compiler free gc heap (boards, through
        // `alloc_catcher`) bounds it by that loan: the heap's free memory
        // is then the loan's margin, not a budget.
        mem_limit: if vm.vmstate.lent != 0 { usize::MAX } else { memory_budget(vm, src.len(), false) },
        stack_limit,
        // Nesting is bounded by the stack alone (official MicroPython
        // compiles thousands of nested brackets).
        max_depth: u32::MAX,
        is_static_qstr: is_mpy_static,
    };
    let mut r = mpy_compiler::compile_traced(src, filename, &opts);
    if matches!(&r, Err(f) if f.error.kind == mpy_compiler::ErrorKind::MemoryError) {
        // Out of budget: once more if a collection frees heap memory.
        let budget = memory_budget(vm, src.len(), true);
        if budget > opts.mem_limit {
            opts.mem_limit = budget;
            r = mpy_compiler::compile_traced(src, filename, &opts);
        }
    }
    match r {
        Ok(m) => Ok(m),
        Err(f) => {
            let ty = match f.error.kind {
                mpy_compiler::ErrorKind::SyntaxError => &exc::SYNTAX_ERROR_TYPE,
                mpy_compiler::ErrorKind::IndentationError => &exc::INDENTATION_ERROR_TYPE,
                mpy_compiler::ErrorKind::NotImplementedError => &exc::NOT_IMPLEMENTED_ERROR_TYPE,
                mpy_compiler::ErrorKind::MemoryError => return Err(vm.memory_error()),
                mpy_compiler::ErrorKind::RuntimeError => return Err(super::call::recursion_error(vm)),
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

#[cfg(test)]
mod tests {
    #[test]
    fn mpy_statics_are_found_in_the_builtin_table() {
        for id in 1..=165u16 {
            let s = mpy_bytecode::static_qstr::static_qstr_str(id).unwrap_or("?");
            assert!(super::is_mpy_static(s), "{s:?}");
        }
        for s in ["<lambda>", "f", "no such builtin qstr text", "__repl_print__"] {
            assert_eq!(super::is_mpy_static(s), mpy_compiler::is_static_qstr(s), "{s:?}");
        }
    }
}
