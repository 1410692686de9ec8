//! The `select` module: `poll()` objects (`register`, `unregister`,
//! `modify`, `poll`, `ipoll`) and the `POLL*` flags, as MicroPython has
//! them. Standard input (`sys.stdin` or `sys.stdin.buffer`) waits through
//! [`crate::hal::Hal::stdin_poll`]; other console streams, files and
//! in-memory streams are always ready; any other object is asked through
//! its `ioctl(3, flags)` method (MicroPython's `MP_STREAM_POLL`), as a
//! stream written in Python provides. `poll`/`ipoll` return a list of
//! `(obj, events)` tuples (an iterator over it for `ipoll`); a timeout is
//! in milliseconds, negative or None for no limit. Ctrl-C while waiting
//! raises `KeyboardInterrupt`.

use crate::typ::Entry;
use super::args::int_arg;
use crate::heap::GcVec;
use crate::obj::{Obj, ObjBase};
use crate::qstr::q;
use crate::state::Vm;
use crate::typ::{BuiltinFun, ModuleDef, Rom, TypeObj};
use crate::types::exception::{KEYBOARD_INTERRUPT_TYPE, OS_ERROR_TYPE};
use crate::types::list::ListObj;
use crate::PyResult;

/// Data to read.
pub const POLLIN: u32 = 0x01;
/// Room to write.
pub const POLLOUT: u32 = 0x04;
/// An error (always reported).
pub const POLLERR: u32 = 0x08;
/// Hang-up (always reported).
pub const POLLHUP: u32 = 0x10;

/// `ioctl` request number that asks a stream for its readiness.
const STREAM_POLL: isize = 3;

/// A poll object: the registered objects and their event masks, as
/// flattened pairs `[obj, mask (small int), obj, mask, ...]`.
#[repr(C)]
pub struct PollObj {
    /// Header ([`POLL_TYPE`]).
    pub base: ObjBase,
    /// `(obj, mask)` pairs, flattened.
    pub entries: GcVec<Obj>,
}

fn entries_mut(p: &mut PollObj) -> &mut GcVec<Obj> {
    &mut p.entries
}

fn poll_new(vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    vm.alloc_obj(PollObj { base: ObjBase::new(&POLL_TYPE), entries: GcVec::new() })
}

fn mask_arg(vm: &mut Vm, o: Option<&Obj>) -> PyResult<u32> {
    match o {
        None => Ok(POLLIN | POLLOUT),
        Some(&m) => Ok(int_arg(vm, m)? as u32),
    }
}

/// The `i`-th registered `(obj, mask)` of poll object `p`.
fn entry(vm: &Vm, p: Obj, i: usize) -> Option<(Obj, u32)> {
    let e = vm.heap.get::<PollObj>(p)?.entries.as_slice();
    let (&o, &m) = (e.get(2 * i)?, e.get(2 * i + 1)?);
    Some((o, m.as_small_int().unwrap_or(0) as u32))
}

/// Position of `o` among the registered objects of `p`.
fn position(vm: &Vm, p: Obj, o: Obj) -> Option<usize> {
    let e = vm.heap.get::<PollObj>(p)?.entries.as_slice();
    e.chunks_exact(2).position(|c| c[0] == o)
}

/// Sets the mask of registered entry `i`.
fn set_mask(vm: &mut Vm, p: Obj, i: usize, mask: u32) {
    if let Some(m) = vm.heap.get_mut::<PollObj>(p).and_then(|x| x.entries.as_mut_slice().get_mut(2 * i + 1)) {
        *m = Obj::small_int(mask as isize);
    }
}

/// `register(obj[, eventmask])`: adds `obj`, or replaces its mask.
fn register(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let mask = mask_arg(vm, a.get(2))?;
    if vm.heap.get::<PollObj>(a[0]).is_none() {
        return Err(vm.type_error(msg!("expected a poll object")));
    }
    match position(vm, a[0], a[1]) {
        Some(i) => set_mask(vm, a[0], i, mask),
        None => {
            vm.vec_reserve(a[0], entries_mut, 2)?;
            if let Some(p) = vm.heap.get_mut::<PollObj>(a[0]) {
                p.entries.extend_within_capacity(&[a[1], Obj::small_int(mask as isize)]);
            }
        }
    }
    Ok(Obj::NONE)
}

/// `unregister(obj)`.
fn unregister(vm: &mut Vm, a0: Obj, a1: Obj) -> PyResult<Obj> {
    let a = &[a0, a1];
    if let Some(i) = position(vm, a[0], a[1]) {
        if let Some(p) = vm.heap.get_mut::<PollObj>(a[0]) {
            p.entries.remove(2 * i + 1);
            p.entries.remove(2 * i);
        }
    }
    Ok(Obj::NONE)
}

/// `modify(obj, eventmask)`.
///
/// Errors: `OSError(ENOENT)` when `obj` is not registered.
fn modify(vm: &mut Vm, a0: Obj, a1: Obj, a2: Obj) -> PyResult<Obj> {
    let a = &[a0, a1, a2];
    let mask = mask_arg(vm, a.get(2))?;
    match position(vm, a[0], a[1]) {
        Some(i) => {
            set_mask(vm, a[0], i, mask);
            Ok(Obj::NONE)
        }
        None => Err(vm.error_arg(&OS_ERROR_TYPE, Obj::small_int(2))),
    }
}

/// Current events of `o` for `mask`, without waiting.
///
/// Errors: whatever the object's `ioctl` raises.
fn ready(vm: &mut Vm, o: Obj, mask: u32) -> PyResult<u32> {
    if let Some(fd) = super::sys_io::console_fd(vm, o) {
        return Ok(if fd == 0 {
            if mask & POLLIN != 0 && vm.hal.stdin_poll(Some(0)) {
                POLLIN
            } else {
                0
            }
        } else {
            mask & POLLOUT
        });
    }
    #[cfg(feature = "io")]
    let mem_io = vm.heap.get::<super::io::MemIoObj>(o).is_some();
    #[cfg(not(feature = "io"))]
    let mem_io = false;
    #[cfg(feature = "os")]
    let file = vm.heap.get::<super::file::FileObj>(o).is_some();
    #[cfg(not(feature = "os"))]
    let file = false;
    if file || mem_io {
        return Ok(mask & (POLLIN | POLLOUT));
    }
    let Some(r) = super::args::call_method_maybe(vm, o, q::ioctl, &[Obj::small_int(STREAM_POLL), Obj::small_int(mask as isize)])? else {
        return Ok(POLLERR);
    };
    let r = int_arg(vm, r)?;
    Ok(r as u32 & (mask | POLLERR | POLLHUP))
}

/// One pass over the registered objects: a list of the ready `(obj,
/// events)` tuples (NULL when none is ready), and whether standard input
/// is among those waited for.
///
/// Errors: whatever an `ioctl` raises; `MemoryError`.
fn scan(vm: &mut Vm, p: Obj) -> PyResult<(Obj, bool)> {
    let mut list = Obj::NULL;
    let mut stdin = false;
    let mut i = 0;
    while let Some((o, m)) = entry(vm, p, i) {
        i += 1;
        stdin |= m & POLLIN != 0 && super::sys_io::console_fd(vm, o) == Some(0);
        let ev = ready(vm, o, m)?;
        if ev == 0 {
            continue;
        }
        if list.is_null() {
            list = vm.new_list_with_capacity(1)?;
        }
        let t = vm.new_tuple(&[o, Obj::small_int(ev as isize)])?;
        vm.vec_push(list, |l: &mut ListObj| &mut l.items, t)?;
    }
    Ok((list, stdin))
}

/// Waits up to `timeout` ms (negative: no limit) for an event; returns
/// the list of ready `(obj, events)` tuples (empty on timeout).
///
/// Errors: `KeyboardInterrupt`; whatever an `ioctl` raises; `MemoryError`.
fn wait(vm: &mut Vm, p: Obj, timeout: i64) -> PyResult<Obj> {
    let start = vm.hal.ticks_us();
    // The limit in ms (no limit: more than any wait reaches).
    let limit = u64::try_from(timeout).unwrap_or(u64::MAX);
    loop {
        let (list, stdin) = scan(vm, p)?;
        if !list.is_null() {
            return Ok(list);
        }
        let waited_ms = super::div_u64(vm.hal.ticks_us().saturating_sub(start), 1000);
        if waited_ms >= limit {
            return vm.new_list_with_capacity(0);
        }
        let slice = (limit - waited_ms).min(10);
        if stdin {
            vm.hal.stdin_poll(Some(slice));
        } else {
            vm.hal.sleep_us(slice * 1000);
        }
        if vm.hal.take_interrupt() {
            return Err(vm.error_noargs(&KEYBOARD_INTERRUPT_TYPE));
        }
    }
}

fn timeout_arg(vm: &mut Vm, a: &[Obj]) -> PyResult<i64> {
    match a.get(1) {
        None => Ok(-1),
        Some(&t) if t == Obj::NONE => Ok(-1),
        Some(&t) => int_arg(vm, t),
    }
}

/// `poll([timeout])`: the list of ready `(obj, events)`.
fn poll(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    if vm.heap.get::<PollObj>(a[0]).is_none() {
        return Err(vm.type_error(msg!("expected a poll object")));
    }
    let t = timeout_arg(vm, a)?;
    wait(vm, a[0], t)
}

/// `ipoll([timeout[, flags]])`: an iterator over the ready `(obj,
/// events)`.
fn ipoll(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let l = poll(vm, &a[..a.len().min(2)], &[])?;
    vm.get_iter(l)
}

static REGISTER: BuiltinFun = BuiltinFun::new(q::register, 2, 3, register);
static UNREGISTER: BuiltinFun = BuiltinFun::new2(q::unregister, unregister);
static MODIFY: BuiltinFun = BuiltinFun::new3(q::modify, modify);
static POLL_METH: BuiltinFun = BuiltinFun::new(q::poll, 1, 2, poll);
static IPOLL: BuiltinFun = BuiltinFun::new(q::ipoll, 1, 3, ipoll);

static POLL_LOCALS: [Entry; 5] = [
    Entry::new(q::ipoll, Rom::Fun(&IPOLL)),
    Entry::new(q::modify, Rom::Fun(&MODIFY)),
    Entry::new(q::poll, Rom::Fun(&POLL_METH)),
    Entry::new(q::register, Rom::Fun(&REGISTER)),
    Entry::new(q::unregister, Rom::Fun(&UNREGISTER)),
];

/// The type of `select.poll()` objects.
pub static POLL_TYPE: TypeObj = TypeObj { name: q::poll.tn(), locals: crate::typ::Locals::of(&POLL_LOCALS), ..TypeObj::EMPTY };

static POLL: BuiltinFun = BuiltinFun::new(q::poll, 0, 0, poll_new);

static LOCALS: [Entry; 6] = [
    Entry::new(q::__name__, Rom::Str(q::select)),
    Entry::new(q::POLLERR, Rom::Int(POLLERR as isize)),
    Entry::new(q::POLLHUP, Rom::Int(POLLHUP as isize)),
    Entry::new(q::POLLIN, Rom::Int(POLLIN as isize)),
    Entry::new(q::POLLOUT, Rom::Int(POLLOUT as isize)),
    Entry::new(q::poll, Rom::Fun(&POLL)),
];

/// The `select` module.
pub static SELECT_MODULE: ModuleDef = ModuleDef::new(q::select, &LOCALS);
