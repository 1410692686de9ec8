//! Generators and coroutines: resuming a suspended frame (it runs in place
//! in the generator object's slots), `send`/`throw`/`close`, and `yield
//! from` delegation.

use super::dispatch::{self, Outcome};
use super::frame::{Frame, FunView};
use crate::obj::Obj;
use crate::qstr::q;
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{BuiltinFun, PrintKind, Rom};
use crate::types::exception::{self as exc, ExceptionObj};
use crate::vmobj::{gen_flags, GenHead};
use crate::{PyErr, PyResult};

/// One step of a generator or delegated iterator.
pub enum Step {
    /// It yielded a value.
    Yield(Obj),
    /// It finished, returning a value.
    Return(Obj),
}

/// Resumes generator `g` sending `send` (or throwing `throw`, if not NULL).
/// The frame runs in place in the generator object's slots.
///
/// Errors: `ValueError: generator already executing`, `TypeError: can't
/// send non-None value to a just-started generator`, and whatever the
/// generator raises (it is then finished).
pub fn resume(vm: &mut Vm, g: Obj, send: Obj, throw: Obj) -> PyResult<Step> {
    #[cfg(not(target_os = "none"))]
    if throw.is_null() {
        if let Some(r) = resume_fast(vm, g, send) {
            return r;
        }
    }
    resume_general(vm, g, send, throw)
}

/// [`resume`] of a suspended (or not yet started, when `send` is None)
/// generator with nothing thrown in: one checked access to the header
/// reads its state and marks it running (desktop builds; boards keep the
/// flash). None when another case applies (nothing has been done then).
#[cfg(not(target_os = "none"))]
#[inline]
fn resume_fast(vm: &mut Vm, g: Obj, send: Obj) -> Option<PyResult<Step>> {
    let (h, items) = vm.heap.var_mut::<GenHead>(g)?;
    let flags = h.flags;
    let started = flags & gen_flags::STARTED != 0;
    if flags & (gen_flags::RUNNING | gen_flags::FINISHED) != 0 || (!started && send != Obj::NONE) {
        return None;
    }
    let (fun, ip, sp, exc_sp) = (h.fun, h.ip as usize, h.sp as usize, h.exc_sp as usize);
    // Marked running now; the flags are put back if it does not run.
    h.flags = flags | gen_flags::RUNNING | gen_flags::STARTED;
    let n_items = items.len();
    // The slots are used through this pointer while the generator runs
    // (other code only reaches its header meanwhile).
    let fp = core::ptr::with_exposed_provenance_mut::<Obj>(items.as_mut_ptr().expose_provenance());
    let v = match FunView::of(vm, fun) {
        Some(v) if n_items == v.code.frame_size() => v,
        _ => {
            restore_flags(vm, g, flags);
            return None;
        }
    };
    if let Err(e) = super::call::check_recursion(vm) {
        restore_flags(vm, g, flags);
        return Some(Err(e));
    }
    // SAFETY: `fp` points to the generator's `n_items == frame_size`
    // slots; `g` is held by the frame (so it stays alive) and is marked
    // running until this function returns, so nothing truncates or
    // re-enters it meanwhile.
    let mut frame = unsafe { Frame::new(fun, &v, Obj::NULL, fp, g) };
    frame.ip = ip;
    frame.sp = sp;
    frame.exc_sp = exc_sp;
    if started && !frame.push(send) {
        set_finished(vm, g);
        return Some(Err(dispatch::bad_code(vm)));
    }
    Some(run_frame(vm, g, &mut frame, None))
}

/// Puts generator `g`'s flags back to `flags` (it did not run after all).
#[cfg(not(target_os = "none"))]
#[cold]
fn restore_flags(vm: &mut Vm, g: Obj, flags: u32) {
    if let Some((h, _)) = vm.heap.var_mut::<GenHead>(g) {
        h.flags = flags;
    }
}

/// [`resume`]'s general path: every state and a thrown exception.
fn resume_general(vm: &mut Vm, g: Obj, send: Obj, throw: Obj) -> PyResult<Step> {
    let Some((h, _)) = vm.heap.var::<GenHead>(g) else { return Err(vm.type_error(crate::msg!("not a generator"))) };
    let (fun, ip, sp, exc_sp, flags) = (h.fun, h.ip as usize, h.sp as usize, h.exc_sp as usize, h.flags);
    if flags & gen_flags::RUNNING != 0 {
        return Err(vm.value_error(crate::msg!("generator already executing")));
    }
    if flags & gen_flags::FINISHED != 0 {
        if !throw.is_null() {
            return Err(PyErr(throw));
        }
        return Ok(Step::Return(Obj::NONE));
    }
    let started = flags & gen_flags::STARTED != 0;
    if !started && throw.is_null() && send != Obj::NONE {
        return Err(vm.type_error(crate::msg!("can't send non-None value to a just-started generator")));
    }
    let Some(v) = FunView::of(vm, fun) else { return Err(dispatch::bad_code(vm)) };
    if !started && !throw.is_null() {
        set_finished(vm, g);
        return Err(PyErr(throw));
    }
    super::call::check_recursion(vm)?;
    let size = v.code.frame_size();
    let fp = match vm.heap.var_mut::<GenHead>(g) {
        Some((h, items)) if items.len() == size => {
            h.flags |= gen_flags::RUNNING | gen_flags::STARTED;
            // The slots are used through this pointer while the generator
            // runs (other code only reaches its header meanwhile).
            core::ptr::with_exposed_provenance_mut::<Obj>(items.as_mut_ptr().expose_provenance())
        }
        _ => return Err(dispatch::bad_code(vm)),
    };
    // SAFETY: `fp` points to the generator's `size` slots; `g` is held by
    // the frame (so it stays alive) and is marked running until this
    // function returns, so nothing truncates or re-enters it meanwhile.
    let mut frame = unsafe { Frame::new(fun, &v, Obj::NULL, fp, g) };
    frame.ip = ip;
    frame.sp = sp;
    frame.exc_sp = exc_sp;
    if started && throw.is_null() && !frame.push(send) {
        set_finished(vm, g);
        return Err(dispatch::bad_code(vm));
    }
    run_frame(vm, g, &mut frame, if throw.is_null() { None } else { Some(throw) })
}

/// Runs generator `g`'s resumed frame (marked running) until it yields,
/// returns or raises, and records the outcome in the generator.
#[inline(always)]
fn run_frame(vm: &mut Vm, g: Obj, frame: &mut Frame<'_>, throw: Option<Obj>) -> PyResult<Step> {
    vm.vmstate.depth += 1;
    let saved = (vm.vmstate.globals, vm.vmstate.locals);
    vm.vmstate.globals = frame.globals;
    vm.vmstate.locals = frame.globals;
    let r = dispatch::run(vm, frame, throw);
    (vm.vmstate.globals, vm.vmstate.locals) = saved;
    vm.vmstate.depth -= 1;
    match r {
        Ok(Outcome::Yield(y)) => {
            if let Some((h, _)) = vm.heap.var_mut::<GenHead>(g) {
                h.ip = frame.ip as u32;
                h.sp = frame.sp as u32;
                h.exc_sp = frame.exc_sp as u32;
                h.flags &= !gen_flags::RUNNING;
            }
            Ok(Step::Yield(y))
        }
        Ok(Outcome::Return(r)) => {
            set_finished(vm, g);
            Ok(Step::Return(r))
        }
        Err(e) => {
            set_finished(vm, g);
            Err(e)
        }
    }
}

/// Marks generator `g` finished and gives its saved frame back to the heap.
fn set_finished(vm: &mut Vm, g: Obj) {
    if let Some((h, _)) = vm.heap.var_mut::<GenHead>(g) {
        h.flags = (h.flags | gen_flags::FINISHED) & !gen_flags::RUNNING;
    }
    vm.heap.var_truncate::<GenHead>(g, 0);
}

/// Is `e` an instance of built-in exception type `t` (or a subclass)?
pub fn exc_is(vm: &Vm, e: Obj, t: &'static crate::typ::TypeObj) -> bool {
    // A class's `base` is the built-in type it derives from, so the base
    // chain of any exception's type reaches the built-in exception types.
    vm.builtin_type(e).is_subtype_any(t)
}

/// The value of a StopIteration exception (its first arg or None).
pub fn stop_value(vm: &Vm, e: Obj) -> Obj {
    match vm.heap.get::<ExceptionObj>(e) {
        Some(x) => vm.tuple_pinned(x.args).and_then(|t| t.first().copied()).unwrap_or(Obj::NONE),
        None => Obj::NONE,
    }
}

/// One step of `yield from it` (also `await`): send `send` into `it`, or
/// throw `thrown` (NULL if none) into it.
pub fn delegate(vm: &mut Vm, it: Obj, send: Obj, thrown: Obj) -> PyResult<Step> {
    if vm.heap.var::<GenHead>(it).is_some() {
        if !thrown.is_null() && exc_is(vm, thrown, &exc::GENERATOR_EXIT_TYPE) {
            close(vm, it)?;
            return Err(PyErr(thrown));
        }
        return resume(vm, it, send, thrown);
    }
    let r = if !thrown.is_null() {
        if exc_is(vm, thrown, &exc::GENERATOR_EXIT_TYPE) {
            let c = vm.load_attr_maybe(it, q::close)?;
            if !c.is_null() {
                vm.call(c, &[], &[])?;
            }
            return Err(PyErr(thrown));
        }
        let t = vm.load_attr_maybe(it, q::throw)?;
        if t.is_null() {
            return Err(PyErr(thrown));
        }
        vm.call(t, &[thrown], &[])
    } else if send == Obj::NONE {
        return Ok(match vm.iter_next(it)? {
            Some(v) => Step::Yield(v),
            None => Step::Return(Obj::NONE),
        });
    } else {
        let s = vm.load_attr(it, q::send)?;
        vm.call(s, &[send], &[])
    };
    match r {
        Ok(v) => Ok(Step::Yield(v)),
        Err(PyErr(e)) if exc_is(vm, e, &exc::STOP_ITERATION_TYPE) => Ok(Step::Return(stop_value(vm, e))),
        Err(e) => Err(e),
    }
}

/// `gen.close()`: throws GeneratorExit in; fine if it finishes or raises
/// GeneratorExit/StopIteration.
///
/// Errors: `RuntimeError: generator ignored GeneratorExit`.
pub fn close(vm: &mut Vm, g: Obj) -> PyResult<Obj> {
    let live = vm
        .heap
        .var::<GenHead>(g)
        .is_some_and(|(h, _)| h.flags & gen_flags::STARTED != 0 && h.flags & gen_flags::FINISHED == 0);
    if !live {
        set_finished(vm, g);
        return Ok(Obj::NONE);
    }
    let e = vm.error_noargs(&exc::GENERATOR_EXIT_TYPE).0;
    match resume(vm, g, Obj::NONE, e) {
        Ok(Step::Yield(_)) => Err(vm.runtime_error(crate::msg!("generator ignored GeneratorExit"))),
        Ok(Step::Return(_)) => Ok(Obj::NONE),
        Err(PyErr(x)) if exc_is(vm, x, &exc::GENERATOR_EXIT_TYPE) || exc_is(vm, x, &exc::STOP_ITERATION_TYPE) => Ok(Obj::NONE),
        Err(e) => Err(e),
    }
}

fn step_to_result(vm: &mut Vm, s: Step) -> PyResult<Obj> {
    match s {
        Step::Yield(v) => Ok(v),
        Step::Return(v) => {
            if v == Obj::NONE {
                Err(vm.error_noargs(&exc::STOP_ITERATION_TYPE))
            } else {
                Err(vm.error_arg(&exc::STOP_ITERATION_TYPE, v))
            }
        }
    }
}

fn gen_send(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let s = resume(vm, args[0], args[1], Obj::NULL)?;
    step_to_result(vm, s)
}

fn gen_throw(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let e = super::exc::make_raise_obj(vm, args[1])?;
    let s = resume(vm, args[0], Obj::NONE, e)?;
    step_to_result(vm, s)
}

fn gen_close(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    close(vm, args[0])
}

fn gen_next(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let s = resume(vm, args[0], Obj::NONE, Obj::NULL)?;
    step_to_result(vm, s)
}

static GEN_SEND: BuiltinFun = BuiltinFun::new(q::send, 2, 2, gen_send);
static GEN_THROW: BuiltinFun = BuiltinFun::new(q::throw, 2, 4, gen_throw);
static GEN_CLOSE: BuiltinFun = BuiltinFun::new(q::close, 1, 1, gen_close);
static GEN_NEXT: BuiltinFun = BuiltinFun::new(q::__next__, 1, 1, gen_next);

/// The generator type's methods.
pub static GEN_LOCALS: [(crate::Qstr, Rom); 4] = [
    (q::send, Rom::Fun(&GEN_SEND)),
    (q::throw, Rom::Fun(&GEN_THROW)),
    (q::close, Rom::Fun(&GEN_CLOSE)),
    (q::__next__, Rom::Fun(&GEN_NEXT)),
];

/// The generator type's `iternext` slot: STOP_ITERATION when finished
/// returning None, `StopIteration(value)` raised for another return value
/// (consumers such as `for` and `Vm::iter_next` treat both as the end).
pub fn gen_iternext(vm: &mut Vm, g: Obj) -> PyResult<Obj> {
    match resume(vm, g, Obj::NONE, Obj::NULL)? {
        Step::Yield(v) => Ok(v),
        Step::Return(v) if v == Obj::NONE => Ok(Obj::STOP_ITERATION),
        Step::Return(v) => Err(vm.error_arg(&exc::STOP_ITERATION_TYPE, v)),
    }
}

/// FOR_ITER's step of iterator `it`: [`Vm::iter_next`], resuming a
/// generator directly (desktop builds; the same outcomes without the
/// type's `iternext` slot and its StopIteration round trip).
///
/// Errors: as [`Vm::iter_next`].
#[inline(always)]
pub fn for_iter_next(vm: &mut Vm, it: Obj) -> PyResult<Option<Obj>> {
    #[cfg(not(target_os = "none"))]
    if it.ptr_type().is_some_and(|t| core::ptr::eq(t, &crate::types::misc::GENERATOR_TYPE)) {
        return match resume(vm, it, Obj::NONE, Obj::NULL) {
            Ok(Step::Yield(v)) => Ok(Some(v)),
            Ok(Step::Return(_)) => Ok(None),
            Err(e) if exc_is(vm, e.0, &exc::STOP_ITERATION_TYPE) => Ok(None),
            Err(e) => Err(e),
        };
    }
    vm.iter_next(it)
}

/// The generator type's `print` slot: `<generator object 'f' at 0x...>`.
pub fn gen_print(vm: &mut Vm, g: Obj, out: &mut Out, _k: PrintKind) -> PyResult<()> {
    let name = vm
        .heap
        .var::<GenHead>(g)
        .and_then(|(h, _)| crate::vmobj::function_name(vm, h.fun))
        .unwrap_or(q::generator);
    let name = vm.qstr_str(name);
    out.fmt(vm, "<generator object '{}' at {}>", &[name.into(), crate::runtime::print::Arg::Hex(g.raw(), 0)])
}
