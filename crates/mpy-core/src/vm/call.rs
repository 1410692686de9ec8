//! Calling Python functions: argument binding (MicroPython's rules and
//! error messages), cells, the recursion guard, and running the frame
//! (or creating the generator object for generator functions).

use super::dispatch::{self, Outcome};
use super::frame::Frame;
use crate::obj::Obj;
use crate::objdata::ObjData;
use crate::qstr::Qstr;
use crate::state::Vm;
use crate::vmobj::{FunCode, Generator};
use crate::{PyErr, PyResult};
use alloc::boxed::Box;
use alloc::format;
use alloc::rc::Rc;
use alloc::vec::Vec;
use mpy_bytecode::prelude::{SCOPE_FLAG_GENERATOR, SCOPE_FLAG_VARARGS, SCOPE_FLAG_VARKEYWORDS};

/// Python call depth at which `RuntimeError: maximum recursion depth
/// exceeded` is raised when the native stack base is unknown.
pub const MAX_DEPTH: usize = 10_000;

/// What a function object holds, copied out of the heap.
struct FunParts {
    code: Rc<FunCode>,
    context: Obj,
    globals: Obj,
    defaults: Obj,
    kw_defaults: Obj,
    /// Number of closed-over cells (copied from the function object).
    n_closure: usize,
}

fn fun_parts(vm: &Vm, f: Obj) -> Option<FunParts> {
    match vm.heap.get(f)? {
        ObjData::Function(fun) => Some(FunParts {
            code: fun.code.clone(),
            context: fun.context,
            globals: fun.globals,
            defaults: fun.defaults,
            kw_defaults: fun.kw_defaults,
            n_closure: fun.closure.len(),
        }),
        _ => None,
    }
}

/// Calls a Python function object with positional args and flattened
/// keyword pairs (`[name0, value0, ...]`).
///
/// Errors: argument-binding `TypeError`s in MicroPython's words,
/// `RuntimeError: maximum recursion depth exceeded`, and whatever the
/// function raises.
pub fn call_function(vm: &mut Vm, f: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    call_function_locals(vm, f, args, kw, Obj::NULL)
}

/// Checks the recursion guard.
pub fn check_recursion(vm: &mut Vm) -> PyResult<()> {
    let over = if vm.stack_base != 0 {
        vm.stack_used() > vm.config.stack_limit
    } else {
        vm.vmstate.depth > MAX_DEPTH
    };
    if over {
        return Err(vm.runtime_error("maximum recursion depth exceeded"));
    }
    Ok(())
}

/// Fast path of a CALL_FUNCTION/CALL_METHOD without keywords: when `f`
/// is a plain Python function (no closure, `*args`, `**kw`, keyword-only
/// parameters, not a generator) taking exactly `n` positional arguments,
/// binds them straight from `vm.stack[first..first + n]` (the caller's
/// value stack, which keeps them reachable) and runs it. Returns None
/// when the general path is needed (nothing has been done then).
#[inline]
pub fn call_simple_on_stack(vm: &mut Vm, f: Obj, first: usize, n: usize) -> Option<PyResult<Obj>> {
    let (code, context, globals) = match vm.heap.get(f) {
        Some(ObjData::Function(fun))
            if fun.closure.is_empty()
                && fun.code.n_pos_args == n
                && fun.code.n_kwonly_args == 0
                && fun.code.n_state > 0
                && fun.code.n_state >= n
                && fun.code.scope_flags & (SCOPE_FLAG_GENERATOR | SCOPE_FLAG_VARARGS | SCOPE_FLAG_VARKEYWORDS) == 0 =>
        {
            (fun.code.clone(), fun.context, fun.globals)
        }
        _ => return None,
    };
    Some(call_simple_inner(vm, code, context, globals, first, n))
}

fn call_simple_inner(vm: &mut Vm, code: Rc<FunCode>, context: Obj, globals: Obj, first: usize, n: usize) -> PyResult<Obj> {
    check_recursion(vm)?;
    let base = vm.stack.len();
    let size = Frame::size(&code);
    if first + n > base {
        return Err(dispatch::bad_code(vm));
    }
    if vm.stack.try_reserve(size).is_err() {
        return Err(vm.memory_error());
    }
    vm.stack.resize(base + size, Obj::NULL);
    // Local i lives at `base + n_state - 1 - i`.
    let top = base + code.n_state - 1;
    for i in 0..n {
        vm.stack[top - i] = vm.stack[first + i];
    }
    if code.cells.0 < code.cells.1 {
        if let Err(e) = wrap_cells(vm, &code, top) {
            vm.stack.truncate(base);
            return Err(e);
        }
    }
    run_new_frame(vm, code, context, globals, globals, base)
}

/// [`call_function`] with an explicit locals dict for LOAD_NAME/STORE_NAME
/// (class bodies, `exec`); NULL means the function's globals.
pub fn call_function_locals(vm: &mut Vm, f: Obj, args: &[Obj], kw: &[Obj], locals: Obj) -> PyResult<Obj> {
    let Some(p) = fun_parts(vm, f) else { return Err(vm.type_error("not a function")) };
    check_recursion(vm)?;
    let base = vm.stack.len();
    let size = Frame::size(&p.code);
    if vm.stack.try_reserve(size).is_err() {
        return Err(vm.memory_error());
    }
    vm.stack.resize(base + size, Obj::NULL);
    if p.n_closure > 0 {
        // Closed-over cells are the first locals (copied without allocating).
        let top = base + p.code.n_state - 1;
        if p.n_closure > p.code.n_state {
            vm.stack.truncate(base);
            return Err(dispatch::bad_code(vm));
        }
        if let Some(ObjData::Function(fun)) = vm.heap.get(f) {
            for (i, &c) in fun.closure.iter().enumerate() {
                vm.stack[top - i] = c;
            }
        }
    }
    if let Err(e) = bind_args(vm, &p, base, args, kw) {
        vm.stack.truncate(base);
        return Err(e);
    }
    if p.code.scope_flags & SCOPE_FLAG_GENERATOR != 0 {
        let state = vm.stack[base..].to_vec();
        let r = vm.alloc(ObjData::Generator(Box::new(Generator {
            fun: f,
            state,
            ip: 0,
            sp: 0,
            exc_sp: 0,
            finished: false,
            running: false,
            started: false,
        })));
        vm.stack.truncate(base);
        return r;
    }
    let locals = if locals.is_null() { p.globals } else { locals };
    run_new_frame(vm, p.code, p.context, p.globals, locals, base)
}

/// Runs a fresh frame whose slots (`Frame::size`) are already on
/// `vm.stack` from `base` with the arguments bound, then pops it.
#[inline]
fn run_new_frame(vm: &mut Vm, code: Rc<FunCode>, context: Obj, globals: Obj, locals: Obj, base: usize) -> PyResult<Obj> {
    let mut frame = Frame { code, context, globals, locals, ip: 0, base, sp: base, exc_sp: 0 };
    vm.vmstate.depth += 1;
    let saved = (vm.vmstate.globals, vm.vmstate.locals);
    vm.vmstate.globals = frame.globals;
    vm.vmstate.locals = frame.locals;
    let r = dispatch::run(vm, &mut frame, None);
    (vm.vmstate.globals, vm.vmstate.locals) = saved;
    vm.vmstate.depth -= 1;
    vm.stack.truncate(frame.base);
    match r? {
        Outcome::Return(v) => Ok(v),
        Outcome::Yield(_) => Err(vm.runtime_error("yield outside generator")),
    }
}

fn arg_error(vm: &mut Vm, msg: &str) -> PyErr {
    vm.type_error(msg)
}

/// Binds arguments into the fresh frame at `base` (locals are at
/// `base + n_state - 1 - i`): closed-over cells first, positionals,
/// `*args`, keywords, `**kw`, defaults, then wraps the cell locals.
fn bind_args(vm: &mut Vm, p: &FunParts, base: usize, args: &[Obj], kw: &[Obj]) -> PyResult<()> {
    let code = &*p.code;
    let top = base + code.n_state - 1;
    let slot = |i: usize| top - i;
    let nc = p.n_closure;
    let n_pos = code.n_pos_args;
    if nc > n_pos {
        return Err(dispatch::bad_code(vm));
    }
    let np = n_pos - nc;
    let n_kwonly = code.n_kwonly_args;
    let varargs = code.scope_flags & SCOPE_FLAG_VARARGS != 0;
    let varkw = code.scope_flags & SCOPE_FLAG_VARKEYWORDS != 0;
    let fname = code.name;
    let n = args.len();
    if n > np && !varargs {
        let msg = format!("{}() takes {} positional arguments but {} were given", vm.qstrs.str(fname), np, n);
        return Err(arg_error(vm, &msg));
    }
    for (i, &a) in args.iter().take(np).enumerate() {
        vm.stack[slot(nc + i)] = a;
    }
    let mut extra = n_pos + n_kwonly;
    if varargs {
        let rest = if n > np { &args[np..] } else { &[][..] };
        let t = vm.new_tuple(rest)?;
        vm.stack[slot(extra)] = t;
        extra += 1;
    }
    let kw_dict = if varkw {
        let d = vm.new_dict()?;
        vm.stack[slot(extra)] = d;
        d
    } else {
        Obj::NULL
    };
    // Fast path: exact positional call without keywords or defaults.
    if kw.is_empty() && n == np && n_kwonly == 0 {
        return wrap_cells(vm, code, top);
    }
    for pair in kw.chunks(2) {
        let (k, v) = (pair[0], *pair.get(1).unwrap_or(&Obj::NONE));
        let kq: Option<Qstr> = match k.as_qstr() {
            Some(q) => Some(q),
            None => match vm.str_of(k) {
                Some(s) => vm.qstrs.lookup(s),
                None => return Err(arg_error(vm, "keywords must be strings")),
            },
        };
        let idx = kq.and_then(|q| {
            code.arg_names.iter().enumerate().skip(nc).find(|(_, &n)| n == q).map(|(i, _)| i)
        });
        match idx {
            Some(i) => {
                if !vm.stack[slot(i)].is_null() {
                    let msg = format!("function got multiple values for argument '{}'", vm.str_of(k).unwrap_or(""));
                    return Err(arg_error(vm, &msg));
                }
                vm.stack[slot(i)] = v;
            }
            None if varkw => vm.dict_store(kw_dict, k, v)?,
            None => {
                let msg = format!("unexpected keyword argument '{}'", vm.str_of(k).unwrap_or(""));
                return Err(arg_error(vm, &msg));
            }
        }
    }
    // Positional defaults.
    let ndef = code.n_def_pos_args.min(np);
    let defaults: Vec<Obj> = vm.seq_items(p.defaults).unwrap_or_default();
    for i in 0..np {
        if !vm.stack[slot(nc + i)].is_null() {
            continue;
        }
        let d = (i + ndef).checked_sub(np).and_then(|k| defaults.get(k).copied());
        match d {
            Some(d) => vm.stack[slot(nc + i)] = d,
            None => {
                let msg = if kw.is_empty() {
                    format!("{}() takes {} positional arguments but {} were given", vm.qstrs.str(fname), np - ndef, n)
                } else {
                    format!("function missing required positional argument #{}", i)
                };
                return Err(arg_error(vm, &msg));
            }
        }
    }
    // Keyword-only parameters.
    for i in n_pos..n_pos + n_kwonly {
        if !vm.stack[slot(i)].is_null() {
            continue;
        }
        let name = code.arg_names.get(i).copied();
        let d = match (name, p.kw_defaults.is_null()) {
            (Some(nm), false) => vm.dict_lookup_qstr(p.kw_defaults, nm)?,
            _ => None,
        };
        match d {
            Some(d) => vm.stack[slot(i)] = d,
            None => {
                let _ = name;
                let msg = "function missing keyword-only argument";
                return Err(arg_error(vm, msg));
            }
        }
    }
    wrap_cells(vm, code, top)
}

/// Turns the locals listed in the prelude's cell list into cells.
fn wrap_cells(vm: &mut Vm, code: &FunCode, top: usize) -> PyResult<()> {
    let (a, b) = code.cells;
    for k in a..b {
        let Some(&l) = code.bytes.get(k) else { break };
        let i = top - l as usize;
        let v = vm.stack[i];
        let c = vm.alloc(ObjData::Cell(v))?;
        vm.stack[i] = c;
    }
    Ok(())
}
