//! Running a frame: [`run`] enters the loop ([`super::execute`]) and
//! hands an exception that leaves it to the frame's handlers, going on
//! from the one that catches it; and the interrupt poll at backward jumps.

#[cfg(not(target_os = "none"))]
use super::EXIT_RAISE;
use super::{execute, Outcome};
use crate::obj::Obj;
use crate::state::Vm;
use crate::types::exception as exc;
use crate::vm::dispatch::bad_code;
use crate::vm::frame::Frame;
use crate::vm::scrub::scrub_native_stack;
use crate::{PyErr, PyResult};
use mpy_bytecode::opcode as op;

/// Runs `f` until it returns or yields. `throw`, for a resumed generator,
/// is an exception to raise at the resume point instead of continuing.
#[cfg_attr(not(target_os = "none"), inline(always))]
pub fn run(vm: &mut Vm, f: &mut Frame<'_>, throw: Option<Obj>) -> PyResult<Outcome> {
    // Desktop: a fresh run goes straight into the loop; only an exception
    // takes the out-of-line path (which catches it, or lets it out).
    #[cfg(not(target_os = "none"))]
    if throw.is_none() {
        let x = execute(vm, f, Obj::NULL);
        if x.kind == EXIT_RAISE {
            let mut r = x.result();
            return run_after_raise(vm, f, &mut r);
        }
        return x.result();
    }
    run_catching(vm, f, throw)
}

/// [`run`] after the loop let an exception out of `f` (desktop): `r` is
/// the loop's result. The exception's handler runs on (as in
/// [`run_catching`]), or it leaves the frame.
#[cfg(not(target_os = "none"))]
#[cold]
#[inline(never)]
fn run_after_raise(vm: &mut Vm, f: &mut Frame<'_>, r: &mut PyResult<Outcome>) -> PyResult<Outcome> {
    if let Some(e) = uncaught(vm, f, r) {
        return Err(e);
    }
    scrub_native_stack(vm);
    vm.vmstate.scrub_pending = true;
    run_catching(vm, f, None)
}

/// Takes the exception out of the loop's result `r` (overwriting it: `r`
/// lives in the caller's native frame, which runs on, and the conservative
/// collector would keep the exception alive through it) and hands it to
/// `f`'s handlers: None if one caught it (the frame goes on there; the
/// exception stays only in this function's, then dead, frame), else the
/// exception, which leaves the frame.
#[cfg(not(target_os = "none"))]
#[inline(never)]
fn uncaught(vm: &mut Vm, f: &mut Frame<'_>, r: &mut PyResult<Outcome>) -> Option<PyErr> {
    let Err(e) = core::mem::replace(r, Ok(Outcome::Return(Obj::NULL))) else { return None };
    if f.catch(vm, e.0) {
        None
    } else {
        Some(e)
    }
}

/// [`run`]'s general path: runs `f` (raising `throw` first, if any) until
/// it returns or yields, going on from each handler that catches an
/// exception.
#[cfg_attr(target_os = "none", inline(always))]
fn run_catching(vm: &mut Vm, f: &mut Frame<'_>, mut throw: Option<Obj>) -> PyResult<Outcome> {
    loop {
        if let Some(r) = run_until_caught(vm, f, throw.take()) {
            return r;
        }
        // An exception was caught: it may be garbage by the time it is
        // handled, but copies of it linger in the dead native frames that
        // carried it here, where the conservative collector would find
        // them. Zero that stack area before running on, and again when the
        // frame returns to a calling dispatch loop (`scrub_after_call`).
        scrub_native_stack(vm);
        vm.vmstate.scrub_pending = true;
    }
}

/// Runs `f` until it returns, yields, or an exception is caught by one of
/// its handlers (None: run it again from the handler). The exception
/// value lives only in this function's (then dead) frame.
#[inline(never)]
fn run_until_caught(vm: &mut Vm, f: &mut Frame<'_>, throw: Option<Obj>) -> Option<PyResult<Outcome>> {
    let r = match throw {
        Some(e) => {
            let at_yield_from = f.code.code().get(f.ip) == Some(&op::YIELD_FROM);
            if at_yield_from {
                // Forward into the delegate: handled by YIELD_FROM, which
                // pops a sent value (the verified depth includes it).
                if !f.push(Obj::NONE) {
                    return Some(Err(bad_code(vm)));
                }
                execute(vm, f, e).result()
            } else {
                Err(PyErr(e))
            }
        }
        None => execute(vm, f, Obj::NULL).result(),
    };
    match r {
        Ok(o) => Some(Ok(o)),
        Err(PyErr(e)) => {
            if f.catch(vm, e) {
                None
            } else {
                Some(Err(PyErr(e)))
            }
        }
    }
}

/// Backward jumps between two HAL interrupt polls.
const POLL_EVERY: u32 = 32;

/// Called at each backward jump: every [`POLL_EVERY`] jumps (counted
/// across frames in `VmState`) a pending check: the HAL is asked for an
/// interrupt (Ctrl-C: `KeyboardInterrupt`), then pending callbacks run
/// ([`super::pending`]). Errors: what they raise.
#[inline(always)]
pub(super) fn poll_interrupt(vm: &mut Vm) -> PyResult<()> {
    // Desktop: one decrement in memory and a branch on its borrow (the
    // countdown was 0), `sub [mem], 1; jb` (boards: unmeasured there, as
    // before).
    #[cfg(not(target_os = "none"))]
    {
        let (n, borrow) = vm.vmstate.poll_countdown.overflowing_sub(1);
        vm.vmstate.poll_countdown = n;
        if borrow {
            return poll_hal(vm);
        }
        Ok(())
    }
    #[cfg(target_os = "none")]
    match vm.vmstate.poll_countdown.checked_sub(1) {
        Some(n) => {
            vm.vmstate.poll_countdown = n;
            Ok(())
        }
        None => poll_hal(vm),
    }
}

#[cold]
#[inline(never)]
fn poll_hal(vm: &mut Vm) -> PyResult<()> {
    vm.vmstate.poll_countdown = POLL_EVERY - 1;
    if vm.hal.take_interrupt() {
        return Err(vm.error_noargs(&exc::KEYBOARD_INTERRUPT_TYPE));
    }
    crate::vm::pending::run(vm)
}
