//! The `micropython` module: access to interpreter internals.

use super::args::int_arg;
use crate::obj::Obj;
use crate::qstr::{q, Qstr, N_STATIC};
use crate::state::Vm;
use crate::typ::{BuiltinFun, ModuleDef, Rom};
use crate::PyResult;
use alloc::format;

/// `micropython.const(x)`: x (the compiler folds it where it can).
fn const_(_vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    Ok(a[0])
}

/// `opt_level()` returns the level; `opt_level(n)` sets it.
fn opt_level(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    match a.first() {
        None => Ok(Obj::small_int(vm.config.opt_level as isize)),
        Some(&n) => {
            let n = int_arg(vm, n)?;
            vm.config.opt_level = n.clamp(0, 3) as u8;
            Ok(Obj::NONE)
        }
    }
}

/// Prints stack and heap usage in MicroPython's layout.
fn mem_info(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let used = vm.heap.mem_alloc();
    let s = format!(
        "stack: {} out of {}\nGC: total: {}, used: {}, free: {}\n No. of objects: {}, collections: {}\n",
        vm.stack_used(),
        vm.config.stack_limit,
        vm.heap.limit(),
        used,
        vm.heap.mem_free(),
        vm.heap.n_slots(),
        vm.heap.collections
    );
    vm.write_stdout(&s);
    if !a.is_empty() {
        vm.write_stdout("GC memory layout: one slot arena; no block map\n");
    }
    Ok(Obj::NONE)
}

/// Prints qstr pool statistics in MicroPython's layout.
fn qstr_info(vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let n = vm.qstrs.len_dynamic();
    let bytes = vm.qstrs.bytes;
    let s = format!(
        "qstr pool: n_pool={}, n_qstr={}, n_str_data_bytes={}, n_total_bytes={}\n",
        usize::from(n > 0),
        n,
        bytes,
        bytes + n * 16
    );
    vm.write_stdout(&s);
    let _ = N_STATIC;
    Ok(Obj::NONE)
}

/// `heap_lock()`: allocation raises MemoryError until unlocked; returns the
/// previous depth.
fn heap_lock(vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let d = vm.heap.lock_depth;
    vm.heap.lock_depth = d.saturating_add(1);
    Ok(Obj::small_int(d as isize))
}

/// `heap_unlock()`: returns the new depth.
fn heap_unlock(vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    vm.heap.lock_depth = vm.heap.lock_depth.saturating_sub(1);
    Ok(Obj::small_int(vm.heap.lock_depth as isize))
}

/// `kbd_intr(c)`: sets the console byte that raises `KeyboardInterrupt`
/// while code runs (-1: none), through the port
/// ([`crate::hal::Hal::set_interrupt_char`]).
fn kbd_intr(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let c = int_arg(vm, a[0])?;
    vm.hal.set_interrupt_char(c.clamp(-1, 255) as i32);
    Ok(Obj::NONE)
}

/// `stack_use()`: native stack bytes in use.
fn stack_use(vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    vm.new_int(vm.stack_used() as i64)
}

/// `schedule(f, arg)`: runs `f(arg)` (immediately: there are no
/// interrupt handlers that could be pre-empted on this port).
fn schedule(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    vm.call(a[0], &a[1..2], &[])?;
    Ok(Obj::NONE)
}

static CONST: BuiltinFun = BuiltinFun::new(q::r#const, 1, 1, const_);
static OPT_LEVEL: BuiltinFun = BuiltinFun::new(q::opt_level, 0, 1, opt_level);
static MEM_INFO: BuiltinFun = BuiltinFun::new(q::mem_info, 0, 1, mem_info);
static QSTR_INFO: BuiltinFun = BuiltinFun::new(q::qstr_info, 0, 1, qstr_info);
static HEAP_LOCK: BuiltinFun = BuiltinFun::new(q::heap_lock, 0, 0, heap_lock);
static HEAP_UNLOCK: BuiltinFun = BuiltinFun::new(q::heap_unlock, 0, 0, heap_unlock);
static KBD_INTR: BuiltinFun = BuiltinFun::new(q::kbd_intr, 1, 1, kbd_intr);
static STACK_USE: BuiltinFun = BuiltinFun::new(q::stack_use, 0, 0, stack_use);
static SCHEDULE: BuiltinFun = BuiltinFun::new(q::schedule, 2, 2, schedule);

static LOCALS: [(Qstr, Rom); 10] = [
    (q::__name__, Rom::Str(q::micropython)),
    (q::r#const, Rom::Fun(&CONST)),
    (q::heap_lock, Rom::Fun(&HEAP_LOCK)),
    (q::heap_unlock, Rom::Fun(&HEAP_UNLOCK)),
    (q::kbd_intr, Rom::Fun(&KBD_INTR)),
    (q::mem_info, Rom::Fun(&MEM_INFO)),
    (q::opt_level, Rom::Fun(&OPT_LEVEL)),
    (q::qstr_info, Rom::Fun(&QSTR_INFO)),
    (q::schedule, Rom::Fun(&SCHEDULE)),
    (q::stack_use, Rom::Fun(&STACK_USE)),
];

/// The `micropython` module.
pub static MICROPYTHON_MODULE: ModuleDef = ModuleDef { name: q::micropython, locals: &LOCALS, init: None };
