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

use crate::obj::Obj;
use crate::objdata::{NativeObj, ObjData};
use crate::qstr::{q, Qstr};
use crate::state::Vm;
use crate::typ::{BuiltinFun, ModuleDef, Rom, TypeObj};
use crate::types::exception::KEYBOARD_INTERRUPT_TYPE;
use crate::types::iterators::{native_mut, native_ref};
use crate::PyResult;
use alloc::boxed::Box;
use alloc::vec::Vec;
use core::any::Any;

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

/// A poll object: the registered objects and their event masks.
pub struct Poller {
    entries: Vec<(Obj, u32)>,
}

impl NativeObj for Poller {
    fn type_obj(&self) -> &'static TypeObj {
        &POLL_TYPE
    }
    fn trace(&self, f: &mut dyn FnMut(Obj)) {
        for &(o, _) in &self.entries {
            f(o);
        }
    }
    fn heap_bytes(&self) -> usize {
        core::mem::size_of::<Poller>() + self.entries.capacity() * core::mem::size_of::<(Obj, u32)>()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

fn poll_new(vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    vm.alloc(ObjData::Native(Box::new(Poller { entries: Vec::new() })))
}

fn mask_arg(vm: &mut Vm, o: Option<&Obj>) -> PyResult<u32> {
    match o {
        None => Ok(POLLIN | POLLOUT),
        Some(&m) => Ok(super::args::int_arg(vm, m)? as u32),
    }
}

fn entries(vm: &Vm, p: Obj) -> Vec<(Obj, u32)> {
    native_ref::<Poller>(vm, p).map(|p| p.entries.clone()).unwrap_or_default()
}

/// `register(obj[, eventmask])`: adds `obj`, or replaces its mask.
fn register(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let mask = mask_arg(vm, a.get(2))?;
    if let Some(p) = native_mut::<Poller>(vm, a[0]) {
        match p.entries.iter_mut().find(|(o, _)| *o == a[1]) {
            Some(e) => e.1 = mask,
            None => p.entries.push((a[1], mask)),
        }
    }
    Ok(Obj::NONE)
}

/// `unregister(obj)`.
fn unregister(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    if let Some(p) = native_mut::<Poller>(vm, a[0]) {
        p.entries.retain(|(o, _)| *o != a[1]);
    }
    Ok(Obj::NONE)
}

/// `modify(obj, eventmask)`.
///
/// Errors: `OSError(ENOENT)` when `obj` is not registered.
fn modify(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let mask = mask_arg(vm, a.get(2))?;
    let found = match native_mut::<Poller>(vm, a[0]) {
        Some(p) => match p.entries.iter_mut().find(|(o, _)| *o == a[1]) {
            Some(e) => {
                e.1 = mask;
                true
            }
            None => false,
        },
        None => false,
    };
    if !found {
        return Err(vm.error_arg(&crate::types::exception::OS_ERROR_TYPE, Obj::small_int(2)));
    }
    Ok(Obj::NONE)
}

/// Is standard input among the objects waiting for input?
fn waits_on_stdin(vm: &Vm, es: &[(Obj, u32)]) -> bool {
    es.iter().any(|&(o, m)| m & POLLIN != 0 && super::sys_io::console_fd(vm, o) == Some(0))
}

/// Current events of `o` for `mask`, without waiting.
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
    if native_ref::<super::builtins_io::FileObj>(vm, o).is_some() || native_ref::<super::io::MemIO>(vm, o).is_some() {
        return Ok(mask & (POLLIN | POLLOUT));
    }
    let m = vm.load_attr_maybe(o, q::ioctl)?;
    if m.is_null() {
        return Ok(POLLERR);
    }
    let r = vm.call(m, &[Obj::small_int(STREAM_POLL), Obj::small_int(mask as isize)], &[])?;
    let r = super::args::int_arg(vm, r)?;
    Ok(r as u32 & (mask | POLLERR | POLLHUP))
}

/// Waits up to `timeout` ms (negative: no limit) for an event; returns
/// the ready `(obj, events)` pairs.
fn wait(vm: &mut Vm, p: Obj, timeout: i64) -> PyResult<Vec<(Obj, u32)>> {
    let start = vm.hal.ticks_us();
    loop {
        let es = entries(vm, p);
        let mut out = Vec::new();
        for &(o, m) in &es {
            let ev = ready(vm, o, m)?;
            if ev != 0 {
                out.push((o, ev));
            }
        }
        if !out.is_empty() || timeout == 0 {
            return Ok(out);
        }
        let waited_ms = (vm.hal.ticks_us().saturating_sub(start) / 1000) as i64;
        if timeout > 0 && waited_ms >= timeout {
            return Ok(out);
        }
        let slice = if timeout > 0 { (timeout - waited_ms).clamp(1, 10) as u64 } else { 10 };
        if waits_on_stdin(vm, &es) {
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
        Some(&t) => super::args::int_arg(vm, t),
    }
}

fn result_list(vm: &mut Vm, pairs: Vec<(Obj, u32)>) -> PyResult<Obj> {
    let list = vm.new_list(Vec::new())?;
    for (o, ev) in pairs {
        let t = vm.new_tuple(&[o, Obj::small_int(ev as isize)])?;
        crate::types::list::list_append(vm, list, t)?;
    }
    Ok(list)
}

/// `poll([timeout])`: the list of ready `(obj, events)`.
fn poll(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let t = timeout_arg(vm, a)?;
    let r = wait(vm, a[0], t)?;
    result_list(vm, r)
}

/// `ipoll([timeout[, flags]])`: an iterator over the ready `(obj,
/// events)`.
fn ipoll(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let l = poll(vm, &a[..a.len().min(2)], &[])?;
    vm.get_iter(l)
}

static REGISTER: BuiltinFun = BuiltinFun::new(q::register, 2, 3, register);
static UNREGISTER: BuiltinFun = BuiltinFun::new(q::unregister, 2, 2, unregister);
static MODIFY: BuiltinFun = BuiltinFun::new(q::modify, 3, 3, modify);
static POLL_METH: BuiltinFun = BuiltinFun::new(q::poll, 1, 2, poll);
static IPOLL: BuiltinFun = BuiltinFun::new(q::ipoll, 1, 3, ipoll);

static POLL_LOCALS: [(Qstr, Rom); 5] = [
    (q::ipoll, Rom::Fun(&IPOLL)),
    (q::modify, Rom::Fun(&MODIFY)),
    (q::poll, Rom::Fun(&POLL_METH)),
    (q::register, Rom::Fun(&REGISTER)),
    (q::unregister, Rom::Fun(&UNREGISTER)),
];

/// The type of `select.poll()` objects.
pub static POLL_TYPE: TypeObj = TypeObj { name: q::poll, locals: &POLL_LOCALS, ..TypeObj::EMPTY };

static POLL: BuiltinFun = BuiltinFun::new(q::poll, 0, 0, poll_new);

static LOCALS: [(Qstr, Rom); 6] = [
    (q::__name__, Rom::Str(q::select)),
    (q::POLLERR, Rom::Int(POLLERR as isize)),
    (q::POLLHUP, Rom::Int(POLLHUP as isize)),
    (q::POLLIN, Rom::Int(POLLIN as isize)),
    (q::POLLOUT, Rom::Int(POLLOUT as isize)),
    (q::poll, Rom::Fun(&POLL)),
];

/// The `select` module.
pub static SELECT_MODULE: ModuleDef = ModuleDef { name: q::select, locals: &LOCALS, init: None };
