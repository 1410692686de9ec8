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
        return resume_plain(vm, g, send);
    }
    resume_general(vm, g, send, throw)
}

/// How [`resume_fast`] resumes a generator (desktop).
#[cfg(not(target_os = "none"))]
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// As `resume`: a generator suspended at `yield from` another
    /// generator resumes that one directly ([`resume_through`]).
    Delegating,
    /// As `resume`, running the frame itself even at a `yield from`.
    Direct,
    /// After [`resume_through`]'s delegate returned `send`: the frame
    /// goes on past its YIELD_FROM with `send` in place of the delegate
    /// (no recursion check: [`resume_through`] checked at this depth).
    AfterDelegate,
}

/// [`resume`] with nothing thrown in (desktop builds).
#[cfg(not(target_os = "none"))]
#[inline(always)]
fn resume_plain(vm: &mut Vm, g: Obj, send: Obj) -> PyResult<Step> {
    match resume_fast(vm, g, send, Mode::Delegating) {
        Some(r) => r,
        None => resume_general(vm, g, send, Obj::NULL),
    }
}

/// [`resume`] of a suspended (or not yet started, when `send` is None)
/// generator with nothing thrown in: one checked access to the header
/// reads its state and marks it running (desktop builds; boards keep the
/// flash). None when another case applies (nothing has been done then).
#[cfg(not(target_os = "none"))]
#[inline(always)]
fn resume_fast(vm: &mut Vm, g: Obj, send: Obj, mode: Mode) -> Option<PyResult<Step>> {
    if !is_generator(g) {
        return None;
    }
    // SAFETY: checked just above.
    unsafe { resume_generator(vm, g, send, mode) }
}

/// Is `o` a generator?
#[cfg(not(target_os = "none"))]
#[inline(always)]
fn is_generator(o: Obj) -> bool {
    o.ptr_type().is_some_and(|t| core::ptr::eq(t, &crate::types::misc::GENERATOR_TYPE))
}

/// [`resume_fast`] of what is known to be a generator.
///
/// # Safety
/// `g` must be a generator.
#[cfg(not(target_os = "none"))]
#[inline(always)]
unsafe fn resume_generator(vm: &mut Vm, g: Obj, send: Obj, mode: Mode) -> Option<PyResult<Step>> {
    // SAFETY: a generator (the caller's contract) is a heap object:
    // `vm::call` allocates every one.
    let (h, items) = unsafe { vm.heap.var_mut_unchecked::<GenHead>(g) };
    let flags = h.flags;
    let started = flags & gen_flags::STARTED != 0;
    let at_yield_from = if mode == Mode::Delegating { gen_flags::AT_YIELD_FROM } else { 0 };
    if flags & (gen_flags::RUNNING | gen_flags::FINISHED | at_yield_from) != 0 || (!started && send != Obj::NONE) {
        if flags & (gen_flags::RUNNING | gen_flags::FINISHED | at_yield_from) == gen_flags::AT_YIELD_FROM {
            // Suspended at YIELD_FROM: its delegate is the top of the stack.
            let d = items.get((h.sp as usize).wrapping_sub(1)).copied().unwrap_or(Obj::NULL);
            let (fun, ip) = (h.fun, h.ip as usize);
            h.flags = flags | gen_flags::RUNNING;
            let hp = core::ptr::with_exposed_provenance_mut::<GenHead>((h as *mut GenHead).expose_provenance());
            return Some(resume_through(vm, g, hp, d, fun, ip, send));
        }
        return None;
    }
    let (fun, ip, sp, exc_sp) = (h.fun, h.ip as usize, h.sp as usize, h.exc_sp as usize);
    // Marked running now; the flags are put back if it does not run.
    h.flags = flags | gen_flags::RUNNING | gen_flags::STARTED;
    // The header is written through this pointer when the frame yields
    // (`run_frame`: no second checked access).
    let hp = core::ptr::with_exposed_provenance_mut::<GenHead>((h as *mut GenHead).expose_provenance());
    let n_items = items.len();
    // The slots are used through this pointer while the generator runs
    // (other code only reaches its header meanwhile).
    let fp = core::ptr::with_exposed_provenance_mut::<Obj>(items.as_mut_ptr().expose_provenance());
    // SAFETY: a generator's function is the Python function `vm::call`
    // made it for (never changed after), and its slots are that
    // function's `frame_size` (allocated so, never truncated on the
    // desktop): neither is checked again here.
    let v = unsafe { FunView::of_function(vm, fun) };
    debug_assert_eq!(n_items, v.code.frame_size());
    // SAFETY: `fp` points to the generator's `n_items == frame_size`
    // slots; `g` is held by the frame (so it stays alive) and is marked
    // running until this function returns, so nothing truncates or
    // re-enters it meanwhile.
    let mut frame = unsafe { Frame::new(fun, &v, Obj::NULL, fp, g) };
    if mode != Mode::AfterDelegate {
        // The recursion guard measures the native stack at the frame (a
        // local that lives in memory anyway, as in `call::call_simple`):
        // one comparison in the common case, where an unknown base (0)
        // or a frame above it wraps to a large distance, which the cold
        // check sorts out.
        let here = core::ptr::addr_of!(frame).addr();
        if (vm.stack_base.wrapping_sub(here) > vm.config.stack_limit && super::call::native_stack_over(vm, here))
            || vm.vmstate.depth > super::call::MAX_RESUME_DEPTH
        {
            restore_flags(vm, g, flags);
            return Some(Err(super::call::recursion_error(vm)));
        }
    }
    frame.exc_sp = exc_sp;
    if mode == Mode::AfterDelegate {
        // Past the 1-byte YIELD_FROM (`resume_through` checked that it is
        // one; it falls through to a verified instruction), the
        // delegate's slot popped for its result.
        frame.ip = ip + 1;
        frame.sp = sp.wrapping_sub(1);
    } else {
        frame.ip = ip;
        frame.sp = sp;
    }
    if started {
        if flags & gen_flags::AT_POP_TOP != 0 && mode != Mode::AfterDelegate {
            // Suspended by a `yield` statement: its POP_TOP (1 byte,
            // falling through to a verified instruction, which cannot
            // raise) would pop `send` straight away; it is done here.
            frame.ip += 1;
            #[cfg(feature = "opcode-stats")]
            {
                vm.vmstate.op_count += 1;
            }
        } else if !frame.push(send) {
            set_finished(vm, g);
            return Some(Err(dispatch::bad_code(vm)));
        }
    }
    Some(run_frame(vm, g, hp, &mut frame, None))
}

/// Resumes generator `g` (marked running), suspended at `yield from`
/// `d` (its top of stack) at code offset `ip` of function `fun`, by
/// resuming `d` directly with `send` when it is a generator (desktop
/// builds): YIELD_FROM would only pass `send` on and `d`'s step back, so
/// `g`'s frame is entered only when `d` returns (its value is
/// YIELD_FROM's result) or raises (thrown in at the YIELD_FROM, which
/// raises it there, as when YIELD_FROM itself resumed `d`). `g` stays
/// marked running meanwhile, as it would be. A `d` that did not run
/// (running already, or too deep), or another delegate, leaves
/// everything to `g`'s own YIELD_FROM.
#[cfg(not(target_os = "none"))]
#[inline(never)]
fn resume_through(vm: &mut Vm, g: Obj, hp: *mut GenHead, d: Obj, fun: Obj, ip: usize, send: Obj) -> PyResult<Step> {
    // The flag is only a hint: the opcode is checked before the frame is
    // resumed past it.
    let at_yield_from = d.ptr_type().is_some_and(|t| core::ptr::eq(t, &crate::types::misc::GENERATOR_TYPE))
        // SAFETY: `fun` is generator `g`'s function (see `resume_fast`).
        && unsafe { FunView::of_function(vm, fun) }.code.code().get(ip) == Some(&mpy_bytecode::opcode::YIELD_FROM);
    // The recursion guard at a local's address (as in `resume_fast`).
    let here = core::ptr::addr_of!(at_yield_from).addr();
    if !at_yield_from
        || (vm.stack_base.wrapping_sub(here) > vm.config.stack_limit && super::call::native_stack_over(vm, here))
        || vm.vmstate.depth > super::call::MAX_RESUME_DEPTH
    {
        set_running(vm, g, false);
        return resume_direct(vm, g, send);
    }
    let r = resume_plain(vm, d, send);
    // SAFETY: `hp` is `g`'s header (from `resume_fast`, which marked it
    // running); `g` is alive (its frame's slots hold `d`, and the caller
    // holds `g`), objects do not move, and a running generator keeps its
    // header; no other reference into the heap is live here.
    unsafe { (*hp).flags &= !gen_flags::RUNNING };
    match r {
        Ok(Step::Yield(v)) => Ok(Step::Yield(v)),
        Ok(Step::Return(v)) => match resume_fast(vm, g, v, Mode::AfterDelegate) {
            Some(r) => r,
            None => Err(dispatch::bad_code(vm)),
        },
        Err(e) if is_finished(vm, d) => resume_general(vm, g, Obj::NONE, e.0),
        Err(_) => resume_direct(vm, g, send),
    }
}

/// [`resume`] with nothing thrown in, running `g`'s own frame.
#[cfg(not(target_os = "none"))]
#[inline(never)]
fn resume_direct(vm: &mut Vm, g: Obj, send: Obj) -> PyResult<Step> {
    match resume_fast(vm, g, send, Mode::Direct) {
        Some(r) => r,
        None => resume_general(vm, g, send, Obj::NULL),
    }
}

/// Marks generator `g` running or not (desktop: [`resume_through`]).
#[cfg(not(target_os = "none"))]
fn set_running(vm: &mut Vm, g: Obj, on: bool) {
    if let Some((h, _)) = vm.heap.var_mut::<GenHead>(g) {
        h.flags = if on { h.flags | gen_flags::RUNNING } else { h.flags & !gen_flags::RUNNING };
    }
}

/// Has generator `g` finished?
#[cfg(not(target_os = "none"))]
fn is_finished(vm: &Vm, g: Obj) -> bool {
    vm.heap.var::<GenHead>(g).is_some_and(|(h, _)| h.flags & gen_flags::FINISHED != 0)
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
    #[cfg(not(target_os = "none"))]
    if vm.vmstate.depth > super::call::MAX_RESUME_DEPTH {
        return Err(super::call::recursion_error(vm));
    }
    let size = v.code.frame_size();
    let (fp, hp) = match vm.heap.var_mut::<GenHead>(g) {
        Some((h, items)) if items.len() == size => {
            h.flags |= gen_flags::RUNNING | gen_flags::STARTED;
            // The slots are used through this pointer while the generator
            // runs (other code only reaches its header meanwhile); the
            // header through the other when it yields.
            (
                core::ptr::with_exposed_provenance_mut::<Obj>(items.as_mut_ptr().expose_provenance()),
                core::ptr::with_exposed_provenance_mut::<GenHead>((h as *mut GenHead).expose_provenance()),
            )
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
    run_frame(vm, g, hp, &mut frame, if throw.is_null() { None } else { Some(throw) })
}

/// Runs generator `g`'s resumed frame (marked running) until it yields,
/// returns or raises, and records the outcome in the generator, whose
/// header is at `hp`.
#[inline(always)]
fn run_frame(vm: &mut Vm, g: Obj, hp: *mut GenHead, frame: &mut Frame<'_>, throw: Option<Obj>) -> PyResult<Step> {
    vm.vmstate.depth += 1;
    let saved = (vm.vmstate.globals, vm.vmstate.locals);
    vm.vmstate.globals = frame.globals;
    vm.vmstate.locals = frame.globals;
    let r = dispatch::run(vm, frame, throw);
    #[cfg(not(target_os = "none"))]
    let at = core::mem::take(&mut vm.vmstate.suspend_flags);
    (vm.vmstate.globals, vm.vmstate.locals) = saved;
    vm.vmstate.depth -= 1;
    match r {
        Ok(Outcome::Yield(y)) => {
            // Desktop: note a suspension at YIELD_FROM (for
            // `resume_through`) or POP_TOP (for `resume_fast`).
            #[cfg(target_os = "none")]
            let at = 0;
            // SAFETY: `hp` is `g`'s header, taken when it was marked
            // running; `g` is alive (the frame holds it), the heap does
            // not move objects, and a running generator keeps its header
            // (only finishing truncates its items), so it is still valid;
            // no other reference into the heap is live here.
            let h = unsafe { &mut *hp };
            h.ip = frame.ip as u32;
            h.sp = frame.sp as u32;
            h.exc_sp = frame.exc_sp as u32;
            h.flags = (h.flags & !(gen_flags::RUNNING | gen_flags::AT_YIELD_FROM | gen_flags::AT_POP_TOP)) | at;
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

/// Marks generator `g` finished and lets go of its saved frame: boards
/// give the slots back to the heap; the desktop clears them (its frame
/// stays allocated until the generator dies, as official MicroPython's
/// does: giving a few blocks back cost more than the rest of a short
/// generator expression).
fn set_finished(vm: &mut Vm, g: Obj) {
    if let Some((h, items)) = vm.heap.var_mut::<GenHead>(g) {
        h.flags = (h.flags | gen_flags::FINISHED) & !gen_flags::RUNNING;
        #[cfg(not(target_os = "none"))]
        items.fill(Obj::NULL);
        #[cfg(target_os = "none")]
        let _ = items;
    }
    #[cfg(target_os = "none")]
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
    let r = delegate_step(vm, it, send, thrown);
    // Desktop: YIELD_FROM suspends its generator on a yield (noted for
    // `resume_through`, which checks the opcode before relying on it).
    #[cfg(not(target_os = "none"))]
    if let Ok(Step::Yield(_)) = r {
        vm.vmstate.suspend_flags = gen_flags::AT_YIELD_FROM;
    }
    r
}

/// [`delegate`]'s step.
#[inline(always)]
fn delegate_step(vm: &mut Vm, it: Obj, send: Obj, thrown: Obj) -> PyResult<Step> {
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

fn gen_send(vm: &mut Vm, a0: Obj, a1: Obj) -> PyResult<Obj> {
    let args = &[a0, a1];
    let s = resume(vm, args[0], args[1], Obj::NULL)?;
    step_to_result(vm, s)
}

fn gen_throw(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let e = super::exc::make_raise_obj(vm, args[1])?;
    let s = resume(vm, args[0], Obj::NONE, e)?;
    step_to_result(vm, s)
}

fn gen_close(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let args = &[a0];
    close(vm, args[0])
}

fn gen_next(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let args = &[a0];
    let s = resume(vm, args[0], Obj::NONE, Obj::NULL)?;
    step_to_result(vm, s)
}

static GEN_SEND: BuiltinFun = BuiltinFun::new2(q::send, gen_send);
static GEN_THROW: BuiltinFun = BuiltinFun::new(q::throw, 2, 4, gen_throw);
static GEN_CLOSE: BuiltinFun = BuiltinFun::new1(q::close, gen_close);
static GEN_NEXT: BuiltinFun = BuiltinFun::new1(q::__next__, gen_next);

/// The generator type's methods.
pub static GEN_LOCALS: [crate::typ::Entry; 4] = [
    crate::typ::Entry::new(q::send, Rom::Fun(&GEN_SEND)),
    crate::typ::Entry::new(q::throw, Rom::Fun(&GEN_THROW)),
    crate::typ::Entry::new(q::close, Rom::Fun(&GEN_CLOSE)),
    crate::typ::Entry::new(q::__next__, Rom::Fun(&GEN_NEXT)),
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

/// The next item of generator `g` for iteration (`for`, [`Vm::iter_next`]
/// and the built-ins that consume iterators): None once it has returned
/// (whatever the value) or raised StopIteration, without the type's
/// `iternext` slot, a `Step` in memory or a StopIteration object (desktop
/// builds). Inlined: the step itself ([`next_step`]) comes back in
/// registers.
///
/// Errors: as [`resume`].
#[cfg(not(target_os = "none"))]
#[inline(always)]
pub fn next_item(vm: &mut Vm, g: Obj) -> PyResult<Option<Obj>> {
    if !is_generator(g) {
        return Err(vm.type_error(crate::msg!("not a generator")));
    }
    // SAFETY: checked just above (the callers checked already: this
    // check folds into theirs).
    let s = unsafe { next_step(vm, g) };
    match s.kind {
        NEXT_ITEM => Ok(Some(s.v)),
        NEXT_END => Ok(None),
        _ => Err(PyErr(s.v)),
    }
}

/// [`next_step`]'s result (two words, returned in registers): `kind`
/// [`NEXT_ITEM`], [`NEXT_END`] or [`NEXT_RAISE`], and the item or the
/// exception.
#[cfg(not(target_os = "none"))]
#[derive(Clone, Copy)]
pub struct NextStep {
    /// What happened.
    pub kind: usize,
    /// The item, or the exception.
    pub v: Obj,
}

/// [`NextStep::kind`]: an item.
#[cfg(not(target_os = "none"))]
const NEXT_ITEM: usize = 0;
/// [`NextStep::kind`]: the end of the iteration.
#[cfg(not(target_os = "none"))]
const NEXT_END: usize = 1;
/// [`NextStep::kind`]: an exception.
#[cfg(not(target_os = "none"))]
const NEXT_RAISE: usize = 2;

/// [`next_item`]'s step, with [`resume_fast`] inlined here.
///
/// # Safety
/// `g` must be a generator.
#[cfg(not(target_os = "none"))]
#[inline(never)]
unsafe fn next_step(vm: &mut Vm, g: Obj) -> NextStep {
    // SAFETY: the caller's contract.
    let r = match unsafe { resume_generator(vm, g, Obj::NONE, Mode::Delegating) } {
        Some(r) => r,
        None => resume_general(vm, g, Obj::NONE, Obj::NULL),
    };
    match r {
        Ok(Step::Yield(v)) => NextStep { kind: NEXT_ITEM, v },
        Ok(Step::Return(_)) => NextStep { kind: NEXT_END, v: Obj::NULL },
        Err(e) => match stop_or_raise(vm, e) {
            Ok(_) => NextStep { kind: NEXT_END, v: Obj::NULL },
            Err(e) => NextStep { kind: NEXT_RAISE, v: e.0 },
        },
    }
}

/// [`next_item`]'s error path: a StopIteration raised out of the generator
/// ends the iteration (as [`Vm::iter_next`] treats it), anything else
/// propagates.
#[cfg(not(target_os = "none"))]
#[cold]
#[inline(never)]
fn stop_or_raise(vm: &mut Vm, e: PyErr) -> PyResult<Option<Obj>> {
    if exc_is(vm, e.0, &exc::STOP_ITERATION_TYPE) {
        Ok(None)
    } else {
        Err(e)
    }
}

/// [`drain_step`]'s consumer: appending to a list.
#[cfg(not(target_os = "none"))]
pub const DRAIN_LIST: u32 = 0;
/// [`drain_step`]'s consumer: `sum` (small ints added in place).
#[cfg(not(target_os = "none"))]
pub const DRAIN_SUM: u32 = 1;
/// [`drain_step`]'s consumer: `all` (true values passed over in place).
#[cfg(not(target_os = "none"))]
pub const DRAIN_ALL: u32 = 2;
/// [`drain_step`]'s consumer: `any` (false values passed over in place).
#[cfg(not(target_os = "none"))]
pub const DRAIN_ANY: u32 = 3;

/// Resumes generator `g` for a consumer that takes all its items in
/// turn (`kind`, with state `acc`: the list appended to, the running
/// sum), desktop builds: as [`next_item`], but while `g` runs its
/// YIELD_VALUE takes what the consumer would do with the value in place
/// when that runs no code and cannot fail ([`drain_push`]) and runs on
/// (with None as the yield's value, as `next` sends); nothing else runs
/// between the items in either case, so this is not observable. Returns
/// the next item left to the consumer (None at the end) and the state.
/// The consumer keeps `acc` alive.
///
/// Errors: as [`next_item`].
#[cfg(not(target_os = "none"))]
pub fn drain_step(vm: &mut Vm, g: Obj, kind: u32, acc: Obj) -> PyResult<(Option<Obj>, Obj)> {
    let st = &mut vm.vmstate;
    let saved = (st.drain_gen, st.drain_acc, st.drain_kind);
    (st.drain_gen, st.drain_acc, st.drain_kind) = (g, acc, kind);
    let r = next_item(vm, g);
    let st = &mut vm.vmstate;
    let acc = st.drain_acc;
    (st.drain_gen, st.drain_acc, st.drain_kind) = saved;
    Ok((r?, acc))
}

/// Appends every item generator `g` yields to list `l` (`list(g)`,
/// `l.extend(g)`, `str.join`'s items) through [`drain_step`].
///
/// Errors: as [`next_item`]; `MemoryError`.
#[cfg(not(target_os = "none"))]
pub fn drain_into(vm: &mut Vm, g: Obj, l: Obj) -> PyResult<()> {
    while let (Some(v), _) = drain_step(vm, g, DRAIN_LIST, l)? {
        crate::types::list::list_append(vm, l, v)?;
    }
    Ok(())
}

/// YIELD_VALUE of the generator being drained ([`drain_step`]): does the
/// consumer's step with `v` in place if it can. False if not (the frame
/// then yields `v` as usual, for the consumer).
#[cfg(not(target_os = "none"))]
#[inline(never)]
pub fn drain_push(vm: &mut Vm, v: Obj) -> bool {
    let acc = vm.vmstate.drain_acc;
    match vm.vmstate.drain_kind {
        DRAIN_LIST => crate::types::list::list_append(vm, acc, v).is_ok(),
        DRAIN_SUM => match (acc.as_small_int(), v.as_small_int()) {
            (Some(a), Some(b)) if Obj::fits_small_int(a as i64 + b as i64) => {
                vm.vmstate.drain_acc = Obj::small_int(a + b);
                true
            }
            _ => false,
        },
        DRAIN_ALL => v == Obj::TRUE || v.as_small_int().is_some_and(|i| i != 0),
        DRAIN_ANY => v == Obj::FALSE || v == Obj::NONE || v == Obj::small_int(0),
        _ => false,
    }
}

/// FOR_ITER's step of iterator `it`: [`Vm::iter_next`] (which steps list
/// and tuple iterators in place on desktop builds), with a generator
/// resumed directly ([`next_item`]) and a range iterator stepped here.
///
/// Errors: as [`Vm::iter_next`].
#[inline(always)]
pub fn for_iter_next(vm: &mut Vm, it: Obj) -> PyResult<Option<Obj>> {
    #[cfg(not(target_os = "none"))]
    if let Some(t) = it.ptr_type() {
        if core::ptr::eq(t, &crate::types::misc::GENERATOR_TYPE) {
            return next_item(vm, it);
        }
        if let Some(r) = crate::types::range::range_iter_step(vm, it) {
            return Ok(r);
        }
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
