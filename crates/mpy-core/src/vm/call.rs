//! Calling Python functions: argument binding (MicroPython's rules and
//! error messages), cells, the recursion guard, and running the frame
//! (or creating the generator object for generator functions).

use super::dispatch::{self, Outcome};
use super::frame::{pop_frame_slots, push_frame_slots, Frame, FunView};
use crate::obj::{Obj, ObjBase};
use crate::qstr::Qstr;
use crate::state::Vm;
use crate::types::misc::CellObj;
use crate::vmobj::{Code, GenHead};
#[cfg(not(target_os = "none"))]
use crate::vmobj::SCOPE_PLAIN;
use crate::{PyErr, PyResult};
use mpy_bytecode::prelude::{SCOPE_FLAG_GENERATOR, SCOPE_FLAG_VARARGS, SCOPE_FLAG_VARKEYWORDS};

/// Python call depth at which `RuntimeError: maximum recursion depth
/// exceeded` is raised when the native stack base is unknown.
pub const MAX_DEPTH: usize = 10_000;

/// Desktop: Python call depth (calls and generator resumes) past which a
/// generator resume raises `RuntimeError: maximum recursion depth
/// exceeded`. A generator's frame lives in the gc heap, not on the value
/// stack that bounds plain calls (about 2,000 deep), and the desktop's
/// native stack allows tens of thousands of resumes: without this cap,
/// generators resuming generators ran until the heap was full
/// (`MemoryError`, where official MicroPython and CPython raise a
/// recursion error).
#[cfg(not(target_os = "none"))]
pub const MAX_RESUME_DEPTH: usize = 2_500;

/// Calls a Python function object with positional args and flattened
/// keyword pairs (`[name0, value0, ...]`).
///
/// Errors: argument-binding `TypeError`s in MicroPython's words,
/// `RuntimeError: maximum recursion depth exceeded`, and whatever the
/// function raises.
pub fn call_function(vm: &mut Vm, f: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    call_function_locals(vm, f, args, kw, Obj::NULL)
}

/// `RuntimeError: maximum recursion depth exceeded`.
pub fn recursion_error(vm: &mut Vm) -> PyErr {
    vm.runtime_error(crate::msg!("maximum recursion depth exceeded"))
}

/// Checks the recursion guard.
///
/// Errors: `RuntimeError: maximum recursion depth exceeded`.
#[cfg_attr(not(target_os = "none"), inline(always))]
#[cfg_attr(target_os = "none", inline)]
pub fn check_recursion(vm: &mut Vm) -> PyResult<()> {
    let over = if vm.stack_base != 0 {
        vm.stack_used() > vm.config.stack_limit
    } else {
        vm.vmstate.depth > MAX_DEPTH
    };
    if over {
        return Err(recursion_error(vm));
    }
    Ok(())
}

/// Fast path of a call without keywords: when `f` is a plain Python
/// function or closure (no `*args`, `**kw`, keyword-only parameters, not
/// a generator) taking `args.len()` positional arguments, the missing
/// last ones having defaults, binds them straight into its new frame and
/// runs it. Returns None when the general path is needed (nothing has
/// been done then).
///
/// Out of line, with the frame setup inlined into it (the callers'
/// registers stay free, the function view stays in registers). Desktop
/// only: the boards bind every call in [`call_general`] (one binding
/// body in flash).
#[cfg(not(target_os = "none"))]
#[inline(never)]
pub fn call_simple(vm: &mut Vm, f: Obj, args: &[Obj]) -> Option<PyResult<Obj>> {
    let v = FunView::of(vm, f)?;
    let h = v.code.head;
    // A plain function passed exactly its parameters (a closure's cells
    // are its first ones) needs none of the checks below.
    if h.scope_flags & SCOPE_PLAIN != 0 {
        let n = args.len().wrapping_add(v.cells.len());
        if h.n_pos_args as usize == n {
            return Some(call_simple_inner::<true>(vm, f, &v, Obj::NULL, args, &[]));
        }
        // Fewer arguments, the missing last ones having defaults (the
        // checks below hold for a plain function).
        if let Some(d) = plain_defaults(vm, &v, n) {
            return Some(call_simple_inner::<true>(vm, f, &v, Obj::NULL, args, d));
        }
    }
    // A closure's cells are its first parameters.
    let np = (h.n_pos_args as usize).checked_sub(v.cells.len())?;
    if args.len() > np
        || h.n_kwonly_args != 0
        || (h.n_state as usize) < h.n_pos_args as usize
        || h.scope_flags & (SCOPE_FLAG_VARARGS | SCOPE_FLAG_VARKEYWORDS) != 0
    {
        return None;
    }
    let generator = h.scope_flags & SCOPE_FLAG_GENERATOR != 0;
    if generator && !v.code.cells().is_empty() {
        return None;
    }
    let defaults: &[Obj] = if args.len() == np {
        &[]
    } else {
        // The defaults of the last `ndef` parameters.
        let ndef = (h.n_def_pos_args as usize).min(np);
        let d = vm.tuple_pinned(v.head.defaults)?;
        if np - args.len() > ndef || d.len() < ndef {
            return None;
        }
        // Those for the parameters not passed.
        &d[ndef - (np - args.len())..ndef]
    };
    if generator {
        return Some(new_generator_simple(vm, f, v.code, v.cells, args, defaults));
    }
    Some(call_simple_inner::<false>(vm, f, &v, Obj::NULL, args, defaults))
}

/// The defaults that complete a call of the plain function `v` (no
/// `*args`, `**kw`, keyword-only parameters) passed `n` values, its cells
/// counted: the last `missing` of its positional defaults, or None when
/// more are missing than have defaults (or `n` is too many).
#[cfg(not(target_os = "none"))]
#[inline(always)]
fn plain_defaults<'a>(vm: &Vm, v: &FunView<'a>, n: usize) -> Option<&'a [Obj]> {
    let h = v.code.head;
    let np = (h.n_pos_args as usize).wrapping_sub(v.cells.len());
    let missing = (h.n_pos_args as usize).wrapping_sub(n);
    let ndef = (h.n_def_pos_args as usize).min(np);
    if missing > ndef {
        return None;
    }
    vm.tuple_pinned(v.head.defaults)?.get(ndef - missing..ndef)
}

/// The CALL opcodes' entry to [`call_simple`]. Desktop: a plain
/// function passed exactly its parameters is called inline (in the
/// dispatch loop, whose registers are saved already), the other cases
/// out of line.
#[cfg(not(target_os = "none"))]
#[inline(always)]
pub fn call_fast(vm: &mut Vm, f: Obj, args: &[Obj]) -> Option<PyResult<Obj>> {
    let v = FunView::of(vm, f)?;
    let h = v.code.head;
    if h.scope_flags & SCOPE_PLAIN != 0 && h.n_pos_args as usize == args.len().wrapping_add(v.cells.len()) {
        return Some(call_simple_inner::<true>(vm, f, &v, Obj::NULL, args, &[]));
    }
    // (A Python function: the general binding when the simple one does
    // not apply, without trying that again.)
    Some(match call_simple(vm, f, args) {
        Some(r) => r,
        None => call_general(vm, f, args, &[], Obj::NULL),
    })
}

/// Calls `f` with positional arguments `first` (none if NULL) then
/// `args` (desktop: the native callers' entry, e.g. special methods,
/// properties and `__init__`): a plain Python function passed exactly
/// its parameters is bound and run here, others go through
/// [`call_simple`] or [`Vm::call`].
///
/// Errors: whatever the call raises.
#[cfg(not(target_os = "none"))]
#[inline(never)]
pub fn call_positional(vm: &mut Vm, f: Obj, first: Obj, args: &[Obj]) -> PyResult<Obj> {
    call_positional_inline(vm, f, first, args)
}

/// [`call_positional`] inlined into its caller (desktop: a class's
/// instantiation runs `__init__` without a native frame in between).
///
/// Errors: whatever the call raises.
#[cfg(not(target_os = "none"))]
#[inline(always)]
pub(super) fn call_positional_inline(vm: &mut Vm, f: Obj, first: Obj, args: &[Obj]) -> PyResult<Obj> {
    if let Some(v) = FunView::of(vm, f) {
        let h = v.code.head;
        let n = args.len() + usize::from(!first.is_null());
        if h.scope_flags & SCOPE_PLAIN != 0 && h.n_pos_args as usize == n.wrapping_add(v.cells.len()) {
            return call_simple_inner::<true>(vm, f, &v, first, args, &[]);
        }
    }
    call_positional_other(vm, f, first, args)
}

/// [`call_positional`] of anything but a plain Python function passed
/// exactly its parameters.
///
/// Errors: whatever the call raises.
#[cfg(not(target_os = "none"))]
#[inline(never)]
fn call_positional_other(vm: &mut Vm, f: Obj, first: Obj, args: &[Obj]) -> PyResult<Obj> {
    // A plain function passed fewer arguments, the missing last ones
    // having defaults (`__init__(self, x, y=0)`): bound here, `first`
    // included.
    if let Some(v) = FunView::of(vm, f) {
        if v.code.head.scope_flags & SCOPE_PLAIN != 0 {
            let n = (args.len() + usize::from(!first.is_null())).wrapping_add(v.cells.len());
            if let Some(d) = plain_defaults(vm, &v, n) {
                return call_simple_inner::<true>(vm, f, &v, first, args, d);
            }
        }
    }
    if first.is_null() {
        return match call_simple(vm, f, args) {
            Some(r) => r,
            // (`Vm::call` of a function comes back here.)
            None if crate::vmobj::is_function(f) => call_general(vm, f, args, &[], Obj::NULL),
            None => vm.call(f, args, &[]),
        };
    }
    let mut buf = [Obj::NULL; 9];
    buf[0] = first;
    let Some(rest) = buf.get_mut(1..=args.len()) else {
        let mut all = vm.new_vec::<Obj>(args.len() + 1)?;
        let _ = all.push_within_capacity(first);
        for &a in args {
            let _ = all.push_within_capacity(a);
        }
        return call_positional_other(vm, f, Obj::NULL, all.as_mut_slice());
    };
    rest.copy_from_slice(args);
    call_positional_other(vm, f, Obj::NULL, &buf[..=args.len()])
}

/// The CALL opcodes' entry for a Python function (boards: the general
/// binding, [`call_general`]); None for anything else.
#[cfg(target_os = "none")]
#[inline(always)]
pub fn call_fast(vm: &mut Vm, f: Obj, args: &[Obj]) -> Option<PyResult<Obj>> {
    if !crate::vmobj::is_function(f) {
        return None;
    }
    Some(call_general(vm, f, args, &[], Obj::NULL))
}

/// [`call_simple`] of a generator function without cell locals: the
/// generator object, its slots bound straight from the arguments.
///
/// Errors: `RuntimeError: maximum recursion depth exceeded` (as a call),
/// `MemoryError`.
#[cfg(not(target_os = "none"))]
fn new_generator_simple(vm: &mut Vm, f: Obj, code: Code<'_>, cells: &[Obj], args: &[Obj], defaults: &[Obj]) -> PyResult<Obj> {
    check_recursion(vm)?;
    let size = code.frame_size();
    let top = code.n_state().wrapping_sub(1);
    let head = GenHead { base: ObjBase::new(&crate::types::misc::GENERATOR_TYPE), fun: f, ip: 0, sp: 0, exc_sp: 0, flags: 0 };
    let g = vm.alloc_var(head, size)?;
    // Written straight (the slots were just made).
    // SAFETY: `g` was just made a generator of `size` slots.
    let (_, items) = unsafe { vm.heap.var_mut_unchecked::<GenHead>(g) };
    // Local i is slot `n_state - 1 - i`: the cells, arguments and
    // defaults are `n_pos_args <= n_state <= size` locals (checked by
    // `call_simple`); the other slots stay NULL.
    let d = items.as_mut_ptr().wrapping_add(top);
    // SAFETY: as just said.
    unsafe { put_locals(put_locals(put_locals(d, cells), args), defaults) };
    Ok(g)
}

/// [`call_simple`]'s call proper (inlined, so that the function view
/// stays in registers). `PLAIN`: the code has [`SCOPE_PLAIN`] (no cell
/// locals to make). `first`, unless NULL, is an argument before `args`.
#[cfg(not(target_os = "none"))]
#[inline(always)]
fn call_simple_inner<const PLAIN: bool>(vm: &mut Vm, f: Obj, v: &FunView<'_>, first: Obj, args: &[Obj], defaults: &[Obj]) -> PyResult<Obj> {
    // The frame is written first, straight from the function view (not
    // kept in registers or spilled across the slot set-up).
    // SAFETY: its slot pointer is set below, before the frame is used.
    let mut frame = unsafe { Frame::new(f, v, Obj::NULL, core::ptr::null_mut(), Obj::NULL) };
    let (base, fp) = push_frame_slots(vm, v.code.frame_size())?;
    // SAFETY: `fp` points to `frame_size` fresh slots that stay on the
    // value stack until `run_new_frame` pops them.
    unsafe {
        frame.set_fp(fp)
    };
    // The recursion guard measures the native stack at the frame (a local
    // that lives in memory anyway) instead of at a marker. One comparison
    // in the common case: an unknown base (0) or a frame above it wraps
    // to a large distance, which the cold `native_stack_over` sorts out.
    {
        let here = core::ptr::addr_of!(frame).addr();
        if vm.stack_base.wrapping_sub(here) > vm.config.stack_limit && native_stack_over(vm, here) {
            pop_frame_slots(vm, base);
            return Err(recursion_error(vm));
        }
    }
    // Local i lives at `n_state - 1 - i`; cells, arguments and defaults
    // make `n_pos_args <= n_state` locals (checked by `call_simple`), so
    // every slot written below is one of the frame's.
    let mut d = fp.wrapping_add(v.code.n_state()).wrapping_sub(1);
    if !v.cells.is_empty() {
        // SAFETY: at most `n_state` slots, from `n_state - 1` down.
        d = unsafe { put_locals(d, v.cells) };
    }
    if !first.is_null() {
        // SAFETY: as above (`first` counts as an argument).
        unsafe { d.write(first) };
        d = d.wrapping_sub(1);
    }
    // SAFETY: as above.
    d = unsafe { put_locals(d, args) };
    if !defaults.is_empty() {
        // SAFETY: as above.
        unsafe { put_locals(d, defaults) };
    }
    if !PLAIN && !v.code.cells().is_empty() {
        if let Err(e) = wrap_cells(vm, &mut frame) {
            pop_frame_slots(vm, base);
            return Err(e);
        }
    }
    // Whether the caller runs in the callee's module, tested against the
    // globals still in a register.
    let same = vm.vmstate.globals == v.globals && vm.vmstate.locals == v.globals;
    run_frame(vm, &mut frame, base, same)
}

/// The recursion guard at native stack address `here` (desktop, out of
/// line: only reached near the limit, or when the stack base is unknown
/// and the Python call depth counts instead).
#[cfg(not(target_os = "none"))]
#[cold]
#[inline(never)]
pub(super) fn native_stack_over(vm: &Vm, here: usize) -> bool {
    if vm.stack_base != 0 {
        vm.stack_base.saturating_sub(here) > vm.config.stack_limit
    } else {
        vm.vmstate.depth > MAX_DEPTH
    }
}

/// Writes `src` to the consecutive locals from slot `d` down and returns
/// the slot below the last one written. The lists are short: up to 3 are
/// written straight (a generic copy loop's set-up costs more).
///
/// # Safety
/// The `src.len()` slots from `d` down must be slots of one frame.
#[cfg(not(target_os = "none"))]
#[inline(always)]
unsafe fn put_locals(d: *mut Obj, src: &[Obj]) -> *mut Obj {
    // SAFETY (all of them): per the contract.
    unsafe {
        match *src {
            [] => d,
            [a] => {
                d.write(a);
                d.wrapping_sub(1)
            }
            [a, b] => {
                d.write(a);
                d.sub(1).write(b);
                d.wrapping_sub(2)
            }
            [a, b, c] => {
                d.write(a);
                d.sub(1).write(b);
                d.sub(2).write(c);
                d.wrapping_sub(3)
            }
            _ => {
                let mut d = d;
                for &a in src {
                    d.write_volatile(a);
                    d = d.wrapping_sub(1);
                }
                d
            }
        }
    }
}

/// [`call_function`] with an explicit locals dict for LOAD_NAME/STORE_NAME
/// (class bodies, `exec`); NULL means the function's globals.
pub fn call_function_locals(vm: &mut Vm, f: Obj, args: &[Obj], kw: &[Obj], locals: Obj) -> PyResult<Obj> {
    // Desktop: the simple binding first (boards: one binding body).
    #[cfg(not(target_os = "none"))]
    if kw.is_empty() && locals.is_null() {
        if let Some(r) = call_simple(vm, f, args) {
            return r;
        }
    }
    // Desktop: keywords naming parameters of a plain function.
    #[cfg(not(target_os = "none"))]
    if !kw.is_empty() && locals.is_null() {
        if let Some(r) = call_keywords(vm, f, args, kw) {
            return r;
        }
    }
    call_general(vm, f, args, kw, locals)
}

/// Desktop fast path of a call with keywords: when `f` is a plain Python
/// function ([`SCOPE_PLAIN`]), every keyword is a qstr naming one of its
/// positional parameters not passed otherwise, and every parameter left
/// has a default, binds them straight into its new frame and runs it.
/// None when the general path is needed (nothing has been done then:
/// [`call_general`] binds again and raises the errors).
///
/// The parameter names are read from the prelude in place (one byte
/// each, the usual case; longer indices decoded) and compared as qstrs.
#[cfg(not(target_os = "none"))]
#[inline(never)]
fn call_keywords(vm: &mut Vm, f: Obj, args: &[Obj], kw: &[Obj]) -> Option<PyResult<Obj>> {
    let v = FunView::of(vm, f)?;
    let h = v.code.head;
    let n_pos = h.n_pos_args as usize;
    let nc = v.cells.len();
    let np = n_pos.checked_sub(nc)?;
    if h.scope_flags & SCOPE_PLAIN == 0 || args.len() > np || (h.n_state as usize) < n_pos || kw.len() % 2 != 0 {
        return None;
    }
    // The names of parameters `nc..n_pos` (module qstr indices, vuints).
    let names = v.code.bytes.get(h.args_start as usize..)?;
    if let Err(e) = check_recursion(vm) {
        return Some(Err(e));
    }
    let (base, fp) = match push_frame_slots(vm, v.code.frame_size()) {
        Ok(x) => x,
        Err(e) => return Some(Err(e)),
    };
    // SAFETY: `fp` points to `frame_size` fresh (NULL) slots that stay
    // on the value stack until `run_new_frame` (or the bail-out below)
    // pops them.
    let mut frame = unsafe { Frame::new(f, &v, Obj::NULL, fp, Obj::NULL) };
    let top = v.code.n_state().wrapping_sub(1);
    for (i, &c) in v.cells.iter().chain(args.iter()).enumerate() {
        frame.set_slot(top.wrapping_sub(i), c);
    }
    let ndef = (h.n_def_pos_args as usize).min(np);
    let bound = 'bind: {
        for pair in kw.chunks_exact(2) {
            let Some(q) = pair[0].as_qstr() else { break 'bind false };
            let Some(i) = param_named(names, v.qstrs, q, n_pos) else { break 'bind false };
            let s = top.wrapping_sub(i);
            if i < nc || !frame.slot(s).is_null() {
                break 'bind false;
            }
            frame.set_slot(s, pair[1]);
        }
        // The positional defaults of the parameters still unbound.
        let mut defaults: &[Obj] = &[];
        for i in args.len()..np {
            let s = top.wrapping_sub(nc + i);
            if !frame.slot(s).is_null() {
                continue;
            }
            if defaults.is_empty() {
                defaults = vm.tuple_pinned(v.head.defaults).unwrap_or(&[]);
            }
            match (i + ndef).checked_sub(np).and_then(|k| defaults.get(k)) {
                Some(&d) => frame.set_slot(s, d),
                None => break 'bind false,
            }
        }
        true
    };
    if !bound {
        pop_frame_slots(vm, base);
        return None;
    }
    Some(run_new_frame(vm, &mut frame, base))
}

/// The index (below `n`) of the parameter named `q`, its names being the
/// prelude's vuints `names` (module qstr indices into `qstrs`): one byte
/// each in the usual case.
#[cfg(not(target_os = "none"))]
#[inline(always)]
fn param_named(names: &[u8], qstrs: &[Qstr], q: Qstr, n: usize) -> Option<usize> {
    for (i, &b) in names.iter().take(n).enumerate() {
        if b >= 0x80 {
            return param_named_long(names, qstrs, q, n);
        }
        if qstrs.get(usize::from(b)) == Some(&q) {
            return Some(i);
        }
    }
    None
}

/// [`param_named`] when a name index takes more than one byte.
#[cfg(not(target_os = "none"))]
#[cold]
#[inline(never)]
fn param_named_long(names: &[u8], qstrs: &[Qstr], q: Qstr, n: usize) -> Option<usize> {
    let mut pos = 0;
    for i in 0..n {
        let k = mpy_bytecode::varint::decode_vuint(names, &mut pos).ok()?;
        if qstrs.get(k as usize) == Some(&q) {
            return Some(i);
        }
    }
    None
}

/// [`call_function_locals`] past [`call_simple`]: the full argument
/// binding (boards: every call of a Python function).
#[inline(never)]
fn call_general(vm: &mut Vm, f: Obj, args: &[Obj], kw: &[Obj], locals: Obj) -> PyResult<Obj> {
    let Some(v) = FunView::of(vm, f) else { return Err(vm.type_error(crate::msg!("not a function"))) };
    check_recursion(vm)?;
    let size = v.code.frame_size();
    let (base, fp) = push_frame_slots(vm, size)?;
    // SAFETY: `fp` points to `size` fresh slots that stay on the value
    // stack until this function pops them.
    let mut frame = unsafe { Frame::new(f, &v, locals, fp, Obj::NULL) };
    if let Err(e) = bind_args(vm, &v, &mut frame, args, kw) {
        pop_frame_slots(vm, base);
        return Err(e);
    }
    if v.code.head.scope_flags & SCOPE_FLAG_GENERATOR != 0 {
        let r = new_generator(vm, f, &frame);
        pop_frame_slots(vm, base);
        return r;
    }
    run_new_frame(vm, &mut frame, base)
}

/// A generator object for generator function `f` whose bound frame is
/// `frame` (its slots are copied into the generator).
fn new_generator(vm: &mut Vm, f: Obj, frame: &Frame<'_>) -> PyResult<Obj> {
    let size = frame.size();
    let head = GenHead { base: ObjBase::new(&crate::types::misc::GENERATOR_TYPE), fun: f, ip: 0, sp: 0, exc_sp: 0, flags: 0 };
    let g = vm.alloc_var(head, size)?;
    if let Some((_, items)) = vm.heap.var_mut::<GenHead>(g) {
        for (i, it) in items.iter_mut().enumerate() {
            *it = frame.slot(i);
        }
    }
    Ok(g)
}

/// Runs a fresh frame whose slots (from value-stack index `base`) hold
/// the bound arguments, then pops it.
#[cfg_attr(not(target_os = "none"), inline(always))]
#[cfg_attr(target_os = "none", inline)]
fn run_new_frame(vm: &mut Vm, frame: &mut Frame<'_>, base: usize) -> PyResult<Obj> {
    #[cfg(not(target_os = "none"))]
    let same = vm.vmstate.globals == frame.globals && vm.vmstate.locals == frame.locals;
    #[cfg(target_os = "none")]
    let same = false;
    run_frame(vm, frame, base, same)
}

/// [`run_new_frame`] given `same`: whether the running globals and
/// locals are the frame's already (always false on boards).
#[cfg_attr(not(target_os = "none"), inline(always))]
#[cfg_attr(target_os = "none", inline)]
fn run_frame(vm: &mut Vm, frame: &mut Frame<'_>, base: usize, same: bool) -> PyResult<Obj> {
    #[cfg(target_os = "none")]
    let _ = same;
    vm.vmstate.depth += 1;
    // Desktop: a call within the module (the globals and locals already
    // the callee's) leaves them alone; every frame run restores what it
    // changed, so they are the same again when it returns.
    #[cfg(not(target_os = "none"))]
    if same {
        let r = dispatch::run(vm, frame, None);
        vm.vmstate.depth -= 1;
        pop_frame_slots(vm, base);
        return match r? {
            Outcome::Return(v) => Ok(v),
            Outcome::Yield(_) => Err(vm.runtime_error(crate::msg!("yield outside generator"))),
        };
    }
    let saved = (vm.vmstate.globals, vm.vmstate.locals);
    vm.vmstate.globals = frame.globals;
    vm.vmstate.locals = frame.locals;
    let r = dispatch::run(vm, frame, None);
    (vm.vmstate.globals, vm.vmstate.locals) = saved;
    vm.vmstate.depth -= 1;
    pop_frame_slots(vm, base);
    match r? {
        Outcome::Return(v) => Ok(v),
        Outcome::Yield(_) => Err(vm.runtime_error(crate::msg!("yield outside generator"))),
    }
}

/// The run-time qstr naming parameter `i` of `code`.
fn arg_name(code: Code<'_>, qstrs: &[Qstr], i: usize) -> Option<Qstr> {
    code.arg_name_index(i).and_then(|k| qstrs.get(k).copied())
}

/// The index (in `from..to`) of the parameter of `code` named `q`: the
/// names are decoded from the prelude in one pass.
fn param_index(code: Code<'_>, qstrs: &[Qstr], q: Qstr, from: usize, to: usize) -> Option<usize> {
    let mut pos = code.head.args_start as usize;
    for i in 0..to {
        let k = mpy_bytecode::varint::decode_vuint(code.bytes, &mut pos).ok()?;
        if i >= from && qstrs.get(k as usize) == Some(&q) {
            return Some(i);
        }
    }
    None
}

/// Binds arguments into the fresh frame `fr` (local i is slot
/// `n_state - 1 - i`): closed-over cells first, positionals, `*args`,
/// keywords, `**kw`, defaults, then wraps the cell locals.
fn bind_args(vm: &mut Vm, v: &FunView<'_>, fr: &mut Frame<'_>, args: &[Obj], kw: &[Obj]) -> PyResult<()> {
    let code = v.code;
    let h = code.head;
    let n_state = code.n_state();
    if n_state == 0 {
        // No locals at all (hand-made code): nothing can be bound.
        if !args.is_empty() {
            return Err(count_error(vm, h.name, 0, args.len()));
        }
        if let Some(&k) = kw.first() {
            return Err(keyword_error(vm, UNEXPECTED_KW, k));
        }
        return if v.cells.is_empty() { Ok(()) } else { Err(dispatch::bad_code(vm)) };
    }
    let top = n_state - 1;
    let slot = |i: usize| top - i;
    let nc = v.cells.len();
    let n_pos = h.n_pos_args as usize;
    if nc > n_pos {
        return Err(dispatch::bad_code(vm));
    }
    // Closed-over cells are the first locals (copied without allocating).
    for (i, &c) in v.cells.iter().enumerate() {
        fr.set_slot(slot(i), c);
    }
    let np = n_pos - nc;
    let n_kwonly = h.n_kwonly_args as usize;
    let varargs = h.scope_flags & SCOPE_FLAG_VARARGS != 0;
    let varkw = h.scope_flags & SCOPE_FLAG_VARKEYWORDS != 0;
    let n = args.len();
    if n > np && !varargs {
        return Err(count_error(vm, h.name, np, n));
    }
    for (i, &a) in args.iter().take(np).enumerate() {
        fr.set_slot(slot(nc + i), a);
    }
    let mut extra = n_pos + n_kwonly;
    if varargs {
        let rest = if n > np { &args[np..] } else { &[][..] };
        let t = vm.new_tuple(rest)?;
        fr.set_slot(slot(extra), t);
        extra += 1;
    }
    let kw_dict = if varkw {
        let d = vm.new_dict()?;
        fr.set_slot(slot(extra), d);
        d
    } else {
        Obj::NULL
    };
    // Fast path: exact positional call without keywords or defaults.
    if kw.is_empty() && n == np && n_kwonly == 0 {
        return wrap_cells(vm, fr);
    }
    for pair in kw.chunks(2) {
        let (k, val) = (pair[0], *pair.get(1).unwrap_or(&Obj::NONE));
        let kq: Option<Qstr> = match k.as_qstr() {
            Some(q) => Some(q),
            None => match vm.str_pinned(k) {
                Some(s) => vm.qstrs.lookup(&vm.heap, s),
                None => return Err(vm.type_error(crate::msg!("keywords must be strings"))),
            },
        };
        let idx = kq.and_then(|q| param_index(code, v.qstrs, q, nc, n_pos + n_kwonly));
        match idx {
            Some(i) => {
                if !fr.slot(slot(i)).is_null() {
                    return Err(keyword_error(vm, crate::runtime::exc::msg::MULTIPLE_VALUES_NAMED, k));
                }
                fr.set_slot(slot(i), val);
            }
            None if varkw => vm.dict_store(kw_dict, k, val)?,
            None => return Err(keyword_error(vm, UNEXPECTED_KW, k)),
        }
    }
    // Positional defaults.
    let ndef = (h.n_def_pos_args as usize).min(np);
    let defaults: &[Obj] = vm.tuple_pinned(v.head.defaults).unwrap_or(&[]);
    for i in 0..np {
        if !fr.slot(slot(nc + i)).is_null() {
            continue;
        }
        let d = (i + ndef).checked_sub(np).and_then(|k| defaults.get(k).copied());
        match d {
            Some(d) => fr.set_slot(slot(nc + i), d),
            None => {
                return Err(if kw.is_empty() {
                    count_error(vm, h.name, np - ndef, n)
                } else {
                    vm.type_error_fmt(crate::runtime::exc::msg::MISSING_ARG_N, &[i.into()])
                });
            }
        }
    }
    // Keyword-only parameters.
    let kw_defaults = v.head.kw_defaults;
    for i in n_pos..n_pos + n_kwonly {
        if !fr.slot(slot(i)).is_null() {
            continue;
        }
        let d = match (arg_name(code, v.qstrs, i), kw_defaults.is_null()) {
            (Some(nm), false) => vm.dict_lookup_qstr(kw_defaults, nm)?,
            _ => None,
        };
        match d {
            Some(d) => fr.set_slot(slot(i), d),
            None => return Err(vm.type_error(crate::msg!("function missing keyword-only argument"))),
        }
    }
    wrap_cells(vm, fr)
}

/// The message for a keyword argument that names no parameter.
const UNEXPECTED_KW: &str = crate::runtime::exc::msg::UNEXPECTED_KW_NAMED;

/// `TypeError: f() takes N positional arguments but M were given`.
#[inline(never)]
fn count_error(vm: &mut Vm, name: Qstr, takes: usize, given: usize) -> PyErr {
    let fname = vm.qstr_str(name);
    vm.type_error_fmt(crate::msg!("{}() takes {} positional arguments but {} were given"), &[fname.into(), takes.into(), given.into()])
}

/// `TypeError` with template `tpl` naming keyword `k` (a str).
#[inline(never)]
fn keyword_error(vm: &mut Vm, tpl: &str, k: Obj) -> PyErr {
    let ks = vm.str_pinned(k).unwrap_or("");
    vm.type_error_fmt(tpl, &[ks.into()])
}

/// Turns the locals listed in the prelude's cell list into cells.
///
/// Errors: `MemoryError`.
/// Desktop: the test for none is inline.
#[cfg_attr(not(target_os = "none"), inline)]
fn wrap_cells(vm: &mut Vm, fr: &mut Frame<'_>) -> PyResult<()> {
    #[cfg(not(target_os = "none"))]
    if fr.code.cells().is_empty() {
        return Ok(());
    }
    wrap_cells_slow(vm, fr)
}

/// [`wrap_cells`]' loop.
///
/// Errors: `MemoryError`.
#[cfg_attr(not(target_os = "none"), inline(never))]
#[cfg_attr(target_os = "none", inline(always))]
fn wrap_cells_slow(vm: &mut Vm, fr: &mut Frame<'_>) -> PyResult<()> {
    let top = fr.code.n_state().wrapping_sub(1);
    for &l in fr.code.cells() {
        let i = top.wrapping_sub(l as usize);
        let value = fr.slot(i);
        let c = vm.alloc_obj(CellObj { base: ObjBase::new(&crate::types::misc::CELL_TYPE), value })?;
        fr.set_slot(i, c);
    }
    Ok(())
}
