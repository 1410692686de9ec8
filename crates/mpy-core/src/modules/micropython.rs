//! The `micropython` module: access to interpreter internals.

use crate::typ::Entry;
use super::args::int_arg;
use crate::obj::Obj;
use crate::qstr::q;
#[cfg(feature = "mem-info")]
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{BuiltinFun, ModuleDef, Rom};
use crate::PyResult;

/// `micropython.const(x)`: x (the compiler folds it where it can).
fn const_(_vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let a = &[a0];
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

/// Block statistics of the heap: (1-block allocations, 2-block
/// allocations, largest allocation in blocks, largest free run in blocks).
#[cfg(feature = "mem-info")]
fn block_stats(vm: &Vm) -> (usize, usize, usize, usize) {
    use crate::heap::blocks::{FREE, HEAD, MARK};
    let b = &vm.heap.blocks;
    let (mut n1, mut n2, mut max_blk, mut max_free, mut run) = (0, 0, 0, 0, 0);
    for i in 0..b.n_blocks() {
        let t = b.atb(i);
        if t == FREE {
            run += 1;
            max_free = max_free.max(run);
            continue;
        }
        run = 0;
        if t == HEAD || t == MARK {
            let k = b.alloc_blocks(i);
            match k {
                1 => n1 += 1,
                2 => n2 += 1,
                _ => {}
            }
            max_blk = max_blk.max(k);
        }
    }
    (n1, n2, max_blk, max_free)
}

/// The character `mem_info(1)` shows for a block (MicroPython's letters
/// for the common types, `h` for other heads, `=` for tails, `.` free).
#[cfg(feature = "mem-info")]
fn block_char(vm: &Vm, i: usize) -> u8 {
    use crate::heap::blocks::{FREE, TAIL};
    use crate::types;
    let b = &vm.heap.blocks;
    match b.atb(i) {
        FREE => return b'.',
        TAIL => return b'=',
        _ => {}
    }
    let ty = b.word(i, 0);
    let is = |t: &crate::typ::TypeObj| ty == t as *const crate::typ::TypeObj as usize;
    #[cfg(feature = "float")]
    let float = is(&types::float::FLOAT_TYPE);
    #[cfg(not(feature = "float"))]
    let float = false;
    if is(&types::tuple::TUPLE_TYPE) {
        b'T'
    } else if is(&types::list::LIST_TYPE) {
        b'L'
    } else if is(&types::dict::DICT_TYPE) || is(&types::dict::FIXED_DICT_TYPE) {
        b'D'
    } else if is(&types::str::STR_TYPE) || is(&types::bytes::BYTES_TYPE) {
        b'S'
    } else if is(&types::bytearray::BYTEARRAY_TYPE) {
        b'A'
    } else if float {
        b'F'
    } else {
        b'h'
    }
}

/// Prints stack and heap usage in MicroPython's layout; with an argument,
/// also the block map (64 blocks a line; runs of free lines summarised).
#[cfg(feature = "mem-info")]
fn mem_info(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let (n1, n2, max_blk, max_free) = block_stats(vm);
    let (used, limit) = (vm.stack_used(), vm.config.stack_limit);
    let (total, alloc, free) = (vm.heap.size(), vm.heap.mem_alloc(), vm.heap.mem_free());
    let mut out = Out::Stdout;
    out.fmt(
        vm,
        crate::msg!("stack: {} out of {}\nGC: total: {}, used: {}, free: {}\n No. of 1-blocks: {}, 2-blocks: {}, max blk sz: {}, max free sz: {}\n"),
        &[used.into(), limit.into(), total.into(), alloc.into(), free.into(), n1.into(), n2.into(), max_blk.into(), max_free.into()],
    )?;
    if !a.is_empty() {
        const PER_LINE: usize = 64;
        let n = vm.heap.blocks.n_blocks();
        let start = vm.heap.blocks.pool_addr();
        out.fmt(vm, crate::msg!("GC memory layout; from {}:"), &[crate::runtime::print::Arg::Hex(start, 0)])?;
        let mut i = 0;
        while i < n {
            let rest_free = (i..n).all(|k| vm.heap.blocks.atb(k) == crate::heap::blocks::FREE);
            if rest_free && n - i > PER_LINE {
                let lines = (n - i).div_ceil(PER_LINE);
                out.fmt(vm, crate::msg!("\n       ({} lines all free)"), &[lines.into()])?;
                break;
            }
            out.fmt(vm, crate::msg!("\n{}: "), &[crate::runtime::print::Arg::Hex(i * crate::heap::BLOCK, 8)])?;
            let end = n.min(i + PER_LINE);
            while i < end {
                let c = block_char(vm, i);
                out.bytes(vm, &[c])?;
                i += 1;
            }
        }
        out.str(vm, "\n")?;
    }
    Ok(Obj::NONE)
}

/// Prints qstr pool statistics in MicroPython's layout.
#[cfg(feature = "mem-info")]
fn qstr_info(vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let n = vm.qstrs.len_dynamic();
    let bytes = vm.qstrs.bytes;
    let total = bytes + n * core::mem::size_of::<Obj>() * 2;
    Out::Stdout.fmt(
        vm,
        crate::msg!("qstr pool: n_pool={}, n_qstr={}, n_str_data_bytes={}, n_total_bytes={}\n"), &[usize::from(n > 0).into(), n.into(), bytes.into(), total.into()],
    )?;
    Ok(Obj::NONE)
}

/// `heap_lock()`: allocation raises MemoryError until unlocked; returns the
/// previous depth.
fn heap_lock(vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let d = vm.heap.stats.lock_depth;
    vm.heap.stats.lock_depth = d.saturating_add(1);
    Ok(Obj::small_int(d as isize))
}

/// `heap_unlock()`: returns the new depth.
fn heap_unlock(vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    vm.heap.stats.lock_depth = vm.heap.stats.lock_depth.saturating_sub(1);
    Ok(Obj::small_int(vm.heap.stats.lock_depth as isize))
}

/// `kbd_intr(c)`: sets the console byte that raises `KeyboardInterrupt`
/// while code runs (-1: none), through the port
/// ([`crate::hal::Hal::set_interrupt_char`]).
fn kbd_intr(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let a = &[a0];
    let c = int_arg(vm, a[0])?;
    vm.hal.set_interrupt_char(c.clamp(-1, 255) as i32);
    Ok(Obj::NONE)
}

/// `stack_use()`: native stack bytes in use.
#[cfg(feature = "mem-info")]
fn stack_use(vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    vm.new_int(vm.stack_used() as i64)
}

/// `schedule(f, arg)`: queues `f(arg)` to run at the next pending check
/// ([`crate::vm::pending`]).
///
/// Errors: `RuntimeError: schedule queue full`.
fn schedule(vm: &mut Vm, a0: Obj, a1: Obj) -> PyResult<Obj> {
    let a = &[a0, a1];
    crate::vm::pending::schedule(vm, a[0], a[1])?;
    Ok(Obj::NONE)
}

/// `alloc_emergency_exception_buf(size)`: nothing to do, callbacks run
/// outside interrupts and `MemoryError` is preallocated.
fn alloc_emergency_exception_buf(_vm: &mut Vm, _: Obj) -> PyResult<Obj> {
    Ok(Obj::NONE)
}

static CONST: BuiltinFun = BuiltinFun::new1(q::r#const, const_);
static OPT_LEVEL: BuiltinFun = BuiltinFun::new(q::opt_level, 0, 1, opt_level);
#[cfg(feature = "mem-info")]
static MEM_INFO: BuiltinFun = BuiltinFun::new(q::mem_info, 0, 1, mem_info);
#[cfg(feature = "mem-info")]
static QSTR_INFO: BuiltinFun = BuiltinFun::new(q::qstr_info, 0, 1, qstr_info);
static HEAP_LOCK: BuiltinFun = BuiltinFun::new(q::heap_lock, 0, 0, heap_lock);
static HEAP_UNLOCK: BuiltinFun = BuiltinFun::new(q::heap_unlock, 0, 0, heap_unlock);
static KBD_INTR: BuiltinFun = BuiltinFun::new1(q::kbd_intr, kbd_intr);
#[cfg(feature = "mem-info")]
static STACK_USE: BuiltinFun = BuiltinFun::new(q::stack_use, 0, 0, stack_use);
static SCHEDULE: BuiltinFun = BuiltinFun::new2(q::schedule, schedule);
static ALLOC_EMERGENCY_EXCEPTION_BUF: BuiltinFun =
    BuiltinFun::new1(q::alloc_emergency_exception_buf, alloc_emergency_exception_buf);

static LOCALS: &[Entry] = &[
    Entry::new(q::__name__, Rom::Str(q::micropython)),
    Entry::new(q::alloc_emergency_exception_buf, Rom::Fun(&ALLOC_EMERGENCY_EXCEPTION_BUF)),
    Entry::new(q::r#const, Rom::Fun(&CONST)),
    Entry::new(q::heap_lock, Rom::Fun(&HEAP_LOCK)),
    Entry::new(q::heap_unlock, Rom::Fun(&HEAP_UNLOCK)),
    Entry::new(q::kbd_intr, Rom::Fun(&KBD_INTR)),
    #[cfg(feature = "mem-info")]
    Entry::new(q::mem_info, Rom::Fun(&MEM_INFO)),
    Entry::new(q::opt_level, Rom::Fun(&OPT_LEVEL)),
    #[cfg(feature = "mem-info")]
    Entry::new(q::qstr_info, Rom::Fun(&QSTR_INFO)),
    Entry::new(q::schedule, Rom::Fun(&SCHEDULE)),
    #[cfg(feature = "mem-info")]
    Entry::new(q::stack_use, Rom::Fun(&STACK_USE)),
];

/// The `micropython` module.
pub static MICROPYTHON_MODULE: ModuleDef = ModuleDef::new(q::micropython, LOCALS);
