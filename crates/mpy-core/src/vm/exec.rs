//! Entry points: running a compiled module, running source text, and the
//! support behind the `exec`, `eval` and `compile` builtins.

use super::load::{load_compiled, module_function, Loaded};
use super::module::{module_globals, new_module};
use crate::obj::{Obj, ObjBase};
use crate::qstr::Qstr;
use crate::state::Vm;
use crate::typ::TypeObj;
use crate::PyResult;
use mpy_bytecode::CompiledModule;

/// What source text is compiled as.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CompileMode {
    /// A module / `exec`: statements; the result is None.
    Exec,
    /// `eval`: one expression; the result is its value.
    Eval,
    /// The REPL: one statement; expression values are printed.
    Single,
}

/// Runs `compiled` as module `name` (e.g. `__main__`): creates the module,
/// registers it in `sys.modules`, runs its body and returns the module.
///
/// Errors: whatever the module body raises (print it with
/// [`super::print_exception`]); `ValueError` for malformed code.
pub fn exec_module(vm: &mut Vm, compiled: &CompiledModule, name: Qstr) -> PyResult<Obj> {
    if vm.stack_base == 0 {
        vm.set_stack_base();
    }
    let m = new_module(vm, name)?;
    let md = super::import::modules_dict(vm)?;
    vm.dict_store(md, Obj::qstr(name), m)?;
    let g = module_globals(vm, m).unwrap_or(Obj::NULL);
    run_compiled(vm, compiled, g, g)?;
    Ok(m)
}

/// Loads `compiled` with `globals` and runs it with `locals` for name
/// lookups, returning the body's result (None for modules, the value for
/// eval-mode code).
pub fn run_compiled(vm: &mut Vm, compiled: &CompiledModule, globals: Obj, locals: Obj) -> PyResult<Obj> {
    let l = load_compiled(vm, compiled)?;
    run_loaded(vm, &l, globals, locals)
}

/// Runs a loaded module body with `globals`, and `locals` for name
/// lookups.
pub fn run_loaded(vm: &mut Vm, l: &Loaded, globals: Obj, locals: Obj) -> PyResult<Obj> {
    let f = module_function(vm, l, globals)?;
    super::call::call_function_locals(vm, f, &[], &[], locals)
}

/// Compiles source text with the installed compiler ([`super::VmState::compile`]).
///
/// Errors: `SyntaxError`; `RuntimeError: compiler not available` when the
/// build has no compiler.
pub fn compile_source(vm: &mut Vm, src: &[u8], filename: &str, mode: CompileMode) -> PyResult<CompiledModule> {
    match vm.vmstate.compile {
        Some(c) => match with_compile_memory(vm, &|vm| c(vm, src, filename, mode)) {
            Some(r) => r,
            // The port's compiler memory ran out.
            None => Err(vm.memory_error()),
        },
        None => Err(vm.runtime_error(crate::msg!("compiler not available"))),
    }
}

/// Runs `f` (the compiler or the `.mpy` reader, which use Rust's global
/// allocator) through the port's `alloc_catcher` when it has one, lending
/// it the largest block of free gc heap it can get (boards' own arena is
/// small); the result is moved out of the block before it is given back.
/// A run that ran out of memory is retried once after a collection. None:
/// out of memory (the caller raises `MemoryError`).
/// Both users (the compiler and the `.mpy` reader) return a
/// `PyResult<CompiledModule>` through a `dyn` closure: one copy of this,
/// of the catcher glue and of the result's `Clone`.
pub(crate) fn with_compile_memory(
    vm: &mut Vm,
    f: &dyn Fn(&mut Vm) -> PyResult<CompiledModule>,
) -> Option<PyResult<CompiledModule>> {
    let Some(catcher) = vm.vmstate.alloc_catcher else {
        return Some(crate::alloc_guard::permit(|| f(vm)));
    };
    for attempt in 0..2 {
        if attempt > 0 {
            vm.collect();
        }
        let lend = lend_block(vm);
        // A `Vm` field: the collector keeps the block while error paths
        // inside `f` allocate.
        vm.vmstate.lent = lend.map_or(0, |(a, _)| a);
        let r = crate::alloc_guard::permit_fallible(Some(catcher), lend, || f(vm));
        vm.vmstate.lent = 0;
        if let Some((a, _)) = lend {
            vm.heap.free_addr(a);
        }
        if r.is_some() {
            return r;
        }
    }
    None
}

/// Heap kept out of a loan to the compiler, for the objects its error
/// path makes.
const LEND_MARGIN: usize = 4096;
/// The most lent (big heaps: the compiler needs far less).
const LEND_MAX: usize = 1 << 20;

/// A block of free gc heap for the compiler, as large as one allocation
/// can get (no collection), or None.
fn lend_block(vm: &mut Vm) -> Option<(usize, usize)> {
    let mut want = vm.heap.mem_free().saturating_sub(LEND_MARGIN).min(LEND_MAX);
    while want >= 8 * 1024 {
        // Unzeroed and unscanned: the compiler's allocator writes before
        // it reads and keeps no objects there.
        if let Some(p) = vm.heap.alloc_raw_unzeroed(want) {
            return Some((p.as_ptr() as usize, want));
        }
        want = want / 4 * 3;
    }
    None
}

/// The globals dict of the `__main__` module, which is created (and
/// entered in `sys.modules`) if needed.
///
/// Errors: `MemoryError`.
pub fn main_globals(vm: &mut Vm) -> PyResult<Obj> {
    let main = crate::qstr::q::__main__;
    let md = super::import::modules_dict(vm)?;
    let m = match vm.dict_lookup_qstr(md, main)? {
        Some(m) => m,
        None => {
            let m = new_module(vm, main)?;
            vm.dict_store(md, Obj::qstr(main), m)?;
            m
        }
    };
    Ok(module_globals(vm, m).unwrap_or(Obj::NULL))
}

/// Compiles and runs source text in the `__main__` module (created if
/// needed), returning the result (None in exec mode).
pub fn exec_source(vm: &mut Vm, src: &[u8], filename: &str, mode: CompileMode) -> PyResult<Obj> {
    if vm.stack_base == 0 {
        vm.set_stack_base();
    }
    let g = main_globals(vm)?;
    let r = exec_source_in(vm, src, filename, mode, g, g)?;
    // A pending check at the end of each top-level command.
    super::pending::run(vm)?;
    Ok(r)
}

/// Compiles `src` and runs it with the given globals and locals dicts:
/// the support for `exec(src, g, l)` / `eval(src, g, l)`.
pub fn exec_source_in(vm: &mut Vm, src: &[u8], filename: &str, mode: CompileMode, globals: Obj, locals: Obj) -> PyResult<Obj> {
    let c = compile_source(vm, src, filename, mode)?;
    run_compiled(vm, &c, globals, locals)
}

/// A code object made by `compile()`: the module loaded into the heap,
/// bound to globals each time it is run.
#[repr(C)]
pub struct CodeObj {
    /// Header ([`CODE_TYPE`]).
    pub base: ObjBase,
    /// The loaded module's qstr table.
    pub qstrs: Obj,
    /// The loaded module's constants.
    pub consts: Obj,
    /// The loaded module's top-level raw code.
    pub root: Obj,
    /// How it was compiled (0 exec, 1 eval, 2 single).
    pub mode: usize,
}

/// The type of code objects.
pub static CODE_TYPE: TypeObj = TypeObj { name: crate::qstr::q::code.tn(), ..TypeObj::EMPTY };

/// `compile(src, filename, mode)`: `mode` is `"exec"`, `"eval"` or
/// `"single"`.
///
/// Errors: `ValueError` for a bad mode, `SyntaxError`.
pub fn builtin_compile(vm: &mut Vm, src: &[u8], filename: &str, mode: &str) -> PyResult<Obj> {
    let mode = match mode {
        "exec" => CompileMode::Exec,
        "eval" => CompileMode::Eval,
        "single" => CompileMode::Single,
        _ => return Err(vm.value_error(crate::msg!("bad compile mode"))),
    };
    let c = compile_source(vm, src, filename, mode)?;
    let l = load_compiled(vm, &c)?;
    drop(c);
    vm.alloc_obj(CodeObj { base: ObjBase::new(&CODE_TYPE), qstrs: l.qstrs, consts: l.consts, root: l.root, mode: mode as usize })
}

/// `exec(code, globals, locals)` / `eval(...)`: `code` is a str, bytes or
/// code object; NULL `globals`/`locals` mean the running frame's
/// namespaces (`__main__`'s when no frame runs). Returns None for exec, the value for eval.
pub fn builtin_exec_eval(vm: &mut Vm, code: Obj, globals: Obj, locals: Obj, mode: CompileMode) -> PyResult<Obj> {
    let cur = super::current_globals(vm);
    let g = if (globals.is_null() || globals == Obj::NONE) && !cur.is_null() {
        if locals.is_null() || locals == Obj::NONE {
            let l = super::current_locals(vm);
            let l = if l.is_null() { cur } else { l };
            return exec_with(vm, code, cur, l, mode);
        }
        cur
    } else if globals.is_null() || globals == Obj::NONE {
        let md = vm.modules;
        let main = match vm.dict_lookup_qstr(md, crate::qstr::q::__main__)? {
            Some(m) => m,
            None => return Err(vm.runtime_error(crate::msg!("no __main__ module"))),
        };
        module_globals(vm, main).unwrap_or(Obj::NULL)
    } else {
        globals
    };
    let l = if locals.is_null() || locals == Obj::NONE { g } else { locals };
    exec_with(vm, code, g, l, mode)
}

/// Runs a str/bytes/code object with resolved globals and locals.
fn exec_with(vm: &mut Vm, code: Obj, g: Obj, l: Obj, mode: CompileMode) -> PyResult<Obj> {
    if let Some(c) = vm.heap.get::<CodeObj>(code) {
        let loaded = Loaded { qstrs: c.qstrs, consts: c.consts, root: c.root };
        return run_loaded(vm, &loaded, g, l);
    }
    // Pinned: the text stays valid while `code` (held here) lives.
    let src: &[u8] = if let Some(s) = vm.str_pinned(code) {
        s.as_bytes()
    } else if let Some(b) = vm.bytes_pinned(code) {
        b
    } else {
        return Err(vm.type_error(crate::msg!("exec/eval expects a str or code object")));
    };
    exec_source_in(vm, src, "<string>", mode, g, l)
}
