//! Pending callbacks: `micropython.schedule` and the port's interrupt
//! callbacks, run by the VM at its pending checks.
//!
//! The VM is a `&mut Vm` owned by the main loop, so an interrupt handler
//! cannot run Python itself: it records what happened (the port keeps that
//! in its own statics) and the VM runs the Python side at the next
//! *pending check*: every 32nd backward jump of the dispatch loop (where
//! Ctrl-C is polled; a `schedule` call makes the very next one a check),
//! between the slices of `time.sleep*` and at the end of each top-level
//! command. There [`run`] calls the port's hook ([`Pending::port_hook`],
//! which runs "hard" callbacks with the heap locked), then the scheduled
//! functions, oldest first, with the heap unlocked. Callbacks do not nest:
//! checks inside a running callback do nothing.
//!
//! Difference from MicroPython: a hard callback runs at the next pending
//! check, not inside the interrupt, so it is delayed while the VM is in a
//! long native operation (a big sort, a collection, a blocking read) and
//! never pre-empts a bytecode; a scheduled function can run only after
//! the hard callbacks due at the same check.

use crate::obj::Obj;
use crate::state::Vm;
use crate::types::exception::RUNTIME_ERROR_TYPE;
use crate::PyResult;

/// Scheduled functions that can wait at once (MicroPython's default depth).
pub const SCHED_DEPTH: usize = 8;

/// The port's part of a pending check: runs the callbacks its interrupt
/// handlers recorded (returns quickly when there are none).
pub type PortHook = fn(&mut Vm) -> PyResult<()>;

/// The queue of scheduled functions and the port's hook. A field of the
/// `Vm`, so the queued objects are gc roots.
pub struct Pending {
    /// `(function, argument)` pairs; `len` of them from `head`, wrapping.
    queue: [(Obj, Obj); SCHED_DEPTH],
    head: u8,
    len: u8,
    /// A callback is running: checks inside it do nothing.
    running: bool,
    /// The port's check (None: the port has no interrupt callbacks).
    pub port_hook: Option<PortHook>,
}

impl Pending {
    /// An empty queue without a port hook.
    pub const fn new() -> Pending {
        Pending { queue: [(Obj::NULL, Obj::NULL); SCHED_DEPTH], head: 0, len: 0, running: false, port_hook: None }
    }

    /// Is a callback running now (inside a pending check)?
    pub fn running(&self) -> bool {
        self.running
    }

    /// Is anything to be done at a check (a scheduled function, or a port
    /// hook that may have work)?
    pub fn active(&self) -> bool {
        self.len > 0 || self.port_hook.is_some()
    }
}

impl Default for Pending {
    fn default() -> Pending {
        Pending::new()
    }
}

/// `micropython.schedule(f, arg)`: queues `f(arg)` for the next pending
/// check (and makes the next backward jump one).
///
/// Errors: `RuntimeError: schedule queue full`.
pub fn schedule(vm: &mut Vm, f: Obj, arg: Obj) -> PyResult<()> {
    let p = &mut vm.vmstate.pending;
    if p.len as usize >= SCHED_DEPTH {
        return Err(vm.error(&RUNTIME_ERROR_TYPE, msg!("schedule queue full")));
    }
    let i = (p.head as usize + p.len as usize) % SCHED_DEPTH;
    p.queue[i] = (f, arg);
    p.len += 1;
    vm.vmstate.poll_countdown = 0;
    Ok(())
}

/// A pending check: runs the port's hook, then every scheduled function
/// (those a callback schedules too). Does nothing inside a callback.
///
/// Errors: whatever a callback raises (the rest stay queued for the next
/// check); the port hook's errors.
pub fn run(vm: &mut Vm) -> PyResult<()> {
    if vm.vmstate.pending.running || !vm.vmstate.pending.active() {
        return Ok(());
    }
    vm.vmstate.pending.running = true;
    let r = run_all(vm);
    vm.vmstate.pending.running = false;
    r
}

fn run_all(vm: &mut Vm) -> PyResult<()> {
    if let Some(hook) = vm.vmstate.pending.port_hook {
        hook(vm)?;
    }
    while vm.vmstate.pending.len > 0 {
        let p = &mut vm.vmstate.pending;
        let h = p.head as usize;
        let (f, arg) = core::mem::replace(&mut p.queue[h], (Obj::NULL, Obj::NULL));
        p.head = ((h + 1) % SCHED_DEPTH) as u8;
        p.len -= 1;
        vm.call(f, &[arg], &[])?;
    }
    Ok(())
}

/// Sleeps `us` microseconds through the HAL (`time.sleep*`,
/// `pyb.delay`), then raises `KeyboardInterrupt` if Ctrl-C came meanwhile (the HAL may cut the sleep short for it). With pending
/// callbacks possible (a port hook or a scheduled function) it sleeps in
/// slices of at most a millisecond with a pending check after each.
///
/// Errors: `KeyboardInterrupt`; what a pending callback raises.
pub fn sleep_us(vm: &mut Vm, us: u64) -> PyResult<Obj> {
    let end = vm.hal.ticks_us().saturating_add(us);
    let mut left = us;
    loop {
        let slice = if vm.vmstate.pending.active() { left.min(1000) } else { left };
        vm.hal.sleep_us(slice);
        if vm.hal.take_interrupt() {
            return Err(vm.error_noargs(&crate::types::exception::KEYBOARD_INTERRUPT_TYPE));
        }
        crate::vm::pending::run(vm)?;
        let now = vm.hal.ticks_us();
        if slice == left || now >= end {
            return Ok(Obj::NONE);
        }
        left = end - now;
    }
}
