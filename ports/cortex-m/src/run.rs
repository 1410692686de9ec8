//! Boot and recovery: bring up the time base, console and arena, then run
//! the shared REPL (friendly, paste, raw and raw-paste modes; without the
//! compiler only the friendly and raw REPLs, see `mpy_repl`) on the UART
//! for as long as the board is powered; soft resets happen inside the
//! REPL (a fresh interpreter), faults and panics re-enter here.

use crate::board::Board;
use crate::hal::UartConsole;
use crate::interp::BoardInterp;
use mpy_repl::Repl;

/// Longest line the REPL's editor holds, and its history size, in bytes
/// (no history without the compiler; `input()`'s editor has the same
/// shape: one copy of the editor's code).
pub(crate) const LINE_MAX: usize = 256;
pub(crate) const HISTORY_BYTES: usize = 512;

/// Boots board `B`: never returns. Call from the reset entry point.
pub fn start<B: Board>() -> ! {
    crate::fault::install(crate::fault::Hooks { write: B::console_write, restart: restart::<B> });
    restart::<B>()
}

/// (Re)initialises the board and runs the REPL; also the continuation of
/// a fault or panic recovery (which abandons the old stack and heap).
fn restart<B: Board>() -> ! {
    cortex_m::interrupt::disable();
    crate::cpu::guard_stack();
    crate::systick::init(B::CPU_HZ);
    crate::cpu::cycle_counter_init();
    crate::console::set_interrupt_char(-1);
    crate::console::clear_input();
    B::console_init();
    // Everything in the arena was the abandoned interpreter's.
    let (start, size) = B::arena_region();
    crate::heap::reset_arena(start, size);
    crate::cpu::enable_interrupts();
    loop {
        session::<B>();
    }
}

/// Runs the REPL; returns only if the heap is too small to start.
#[inline(never)]
fn session<B: Board>() {
    let marker = 0u32;
    let stack_base = core::hint::black_box(&marker) as *const u32 as usize;
    let mut interp = BoardInterp::<B>::new(stack_base);
    if !interp.start() {
        B::console_write(b"MemoryError: heap too small to start\r\n");
        loop {
            crate::cpu::idle();
        }
    }
    // In this frame, not boxed: building it in the arena meant copying
    // all ~800 bytes there.
    let mut repl = Repl::<LINE_MAX, HISTORY_BYTES>::new(false);
    let mut con = UartConsole::<B>::new();
    // Boards never quit and a UART never ends, so run returns only if the
    // REPL is asked to quit anyway; start over then.
    let _ = repl.run(&mut con, &mut interp);
}
