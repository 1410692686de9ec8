//! Boot and soft reset: bring up the time base, console and heap, then run
//! interpreters one after another, each in a fresh heap, for as long as
//! the board is powered.

use crate::board::Board;
use crate::hal::{BoardHal, UartConsole};
use crate::repl::{friendly, ReplExit};
use alloc::boxed::Box;
use mpy_core::{Config, Vm};

/// Native stack bytes kept below the deepest recursion check, for the
/// native code that runs between two checks (builtins, printing, the
/// compiler's parser, an interrupt).
pub const STACK_HEADROOM: usize = 8 * 1024;

/// Heap bytes kept out of the core's budget: what the core allocates
/// without charging it (compiler working memory, the VM stack, qstr
/// tables, spare capacity of growing vectors, a vector's old and new
/// buffers while it grows) plus allocator overhead and fragmentation.
/// 11/16 of the region: the core's slot arena is one vector that
/// doubles, so while it grows from c to 2c slots it holds 3c slots' worth
/// for c charged; a growing buffer likewise holds old and new. With 5/16
/// of the region charged, filling the heap gives `MemoryError` instead of
/// an allocation failure (measured: lists of strs, lists, nested lists,
/// dicts, strs). The core's one-region gc heap removes this reserve.
pub fn heap_reserve(region: usize) -> usize {
    (region / 16 * 11).max(6 * 1024)
}

/// Writes the two banner lines through `out`.
pub fn banner<B: Board>(out: &mut dyn FnMut(&[u8])) {
    out(b"MicroPython v1.27.0-rs");
    out(env!("CARGO_PKG_VERSION").as_bytes());
    out(b" on ");
    out(option_env!("MPY_BUILD_DATE").unwrap_or("2026-11-21").as_bytes());
    out(b"; ");
    out(B::MACHINE.as_bytes());
    out(b"\r\nType \"help()\" for more information.\r\n");
}

/// Boots board `B`: never returns. Call from the reset entry point.
pub fn start<B: Board>() -> ! {
    crate::fault::install(crate::fault::Hooks { write: B::console_write, restart: restart::<B> });
    restart::<B>()
}

/// (Re)initialises the board and runs interpreters forever; also the
/// continuation of a fault or panic recovery.
fn restart<B: Board>() -> ! {
    cortex_m::interrupt::disable();
    crate::cpu::guard_stack();
    crate::systick::init(B::CPU_HZ);
    crate::console::set_interrupt_char(false);
    crate::console::take_interrupt();
    B::console_init();
    crate::cpu::enable_interrupts();
    loop {
        session::<B>();
        B::console_write(b"MPY: soft reboot\r\n");
    }
}

/// One interpreter lifetime: fresh heap, banner, REPL until soft reset.
#[inline(never)]
fn session<B: Board>() {
    let (start, size) = B::heap_region();
    crate::heap::reset(start, size);
    let config = Config { heap_size: size - heap_reserve(size), opt_level: 0, stack_limit: 0 };
    let mut vm = Vm::new(config, Box::new(BoardHal::<B>::new(0)));
    vm.set_stack_base();
    let (bottom, _) = crate::cpu::stack_bounds();
    vm.config.stack_limit = vm.stack_base.saturating_sub(bottom + STACK_HEADROOM);
    vm.hal = Box::new(BoardHal::<B>::new(vm.config.stack_limit));
    if mpy_core::runtime::init::init(&mut vm).is_err() {
        B::console_write(b"MemoryError: heap too small to start\r\n");
        return;
    }
    if set_path(&mut vm).is_err() {
        B::console_write(b"MemoryError: heap too small to start\r\n");
        return;
    }
    banner::<B>(&mut |b| B::console_write(b));
    let mut con = UartConsole::<B>::new();
    match friendly(&mut vm, &mut con, &|out| banner::<B>(out)) {
        ReplExit::SoftReset => {}
    }
}

/// `sys.path`: the current directory, frozen modules, then `/lib`.
fn set_path(vm: &mut Vm) -> mpy_core::PyResult<()> {
    for p in ["", ".frozen", "/lib"] {
        let s = vm.new_str(p)?;
        if let Some(mpy_core::objdata::ObjData::List(l)) = vm.get_mut(vm.sys_path) {
            l.push(s);
        }
    }
    Ok(())
}
