//! HardFault and panic handling: print what happened on the console, then
//! soft-reset into a fresh interpreter, so a board never hangs silently.
//!
//! A fault handler cannot trust the stack (the fault may be a stack
//! overflow into the MPU guard), so the `HardFault` vector is a few
//! instructions of assembly that move MSP back to the top of the stack
//! before any Rust code runs. Recovery from handler mode performs an
//! exception return into a fresh thread-mode frame whose PC is the restart
//! entry; from thread mode (a panic) it jumps there directly. The restart
//! entry resets MSP and calls the board's boot function (installed by
//! `run::start`). Three faults without the REPL running a command in between
//! end in a full system reset instead.

use crate::reg::Reg;
use core::cell::Cell;
use core::sync::atomic::{AtomicU32, Ordering};
use critical_section::Mutex;

/// What recovery needs from the board: console output and the boot
/// function to re-enter.
#[derive(Clone, Copy)]
pub struct Hooks {
    /// Blocking console write.
    pub write: fn(&[u8]),
    /// Boots the interpreter again (never returns).
    pub restart: fn() -> !,
}

static HOOKS: Mutex<Cell<Option<Hooks>>> = Mutex::new(Cell::new(None));
/// Faults and panics since the REPL last ran a command.
static STRIKES: AtomicU32 = AtomicU32::new(0);
/// Strikes after which recovery is a full system reset.
const MAX_STRIKES: u32 = 3;

/// Installs the recovery hooks (at boot).
pub fn install(hooks: Hooks) {
    critical_section::with(|cs| HOOKS.borrow(cs).set(Some(hooks)));
}

/// Is the CPU in thread mode (no exception handler running)?
pub fn thread_mode() -> bool {
    ICSR.read() & 0x1ff == 0
}

/// Records that the REPL is healthy again (it read and runs a command).
pub fn healthy() {
    STRIKES.store(0, Ordering::Relaxed);
}

fn hooks() -> Option<Hooks> {
    critical_section::with(|cs| HOOKS.borrow(cs).get())
}

/// Writes `data` with `write` (the console), each `\n` as `\r\n` (what
/// a terminal on a UART needs; MicroPython's "cooked" output). One body
/// for `sys.stdout` (the HAL) and the fault reports.
pub fn write_cooked(write: fn(&[u8]), mut data: &[u8]) {
    // (A byte loop: no `str::split` instance in this crate.)
    while let Some(i) = data.iter().position(|&b| b == b'\n') {
        if i > 0 {
            write(&data[..i]);
        }
        write(b"\r\n");
        data = &data[i + 1..];
    }
    if !data.is_empty() {
        write(data);
    }
}

/// Console output for fault reports (dropped before hooks are installed):
/// text pieces and numbers, without `core::fmt` (whose machinery would
/// otherwise be linked into every image for this one use).
struct Out;

impl Out {
    /// Writes `s`, each `\n` as `\r\n`.
    fn str(&mut self, s: &str) -> &mut Self {
        if let Some(h) = hooks() {
            write_cooked(h.write, s.as_bytes());
        }
        self
    }

    /// Writes `v` in decimal.
    fn dec(&mut self, mut v: u32) -> &mut Self {
        let mut buf = [0u8; 10];
        let mut i = buf.len();
        loop {
            i -= 1;
            buf[i] = b'0' + (v % 10) as u8;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        self.bytes(&buf[i..])
    }

    /// Writes `v` as `0x` and eight hex digits.
    fn hex(&mut self, v: u32) -> &mut Self {
        let mut buf = *b"0x00000000";
        for (i, d) in buf[2..].iter_mut().enumerate() {
            let n = (v >> (28 - 4 * i)) & 0xf;
            *d = if n < 10 { b'0' + n as u8 } else { b'a' + n as u8 - 10 };
        }
        self.bytes(&buf)
    }

    /// Writes ASCII digits.
    fn bytes(&mut self, b: &[u8]) -> &mut Self {
        if let Some(h) = hooks() {
            (h.write)(b);
        }
        self
    }
}

// SAFETY (all four): architectural System Control Block fault status and
// address registers of ARMv7-M, always present; read and cleared only here.
const CFSR: Reg = unsafe { Reg::at(0xE000_ED28) };
// SAFETY: see above.
const HFSR: Reg = unsafe { Reg::at(0xE000_ED2C) };
// SAFETY: see above.
const MMFAR: Reg = unsafe { Reg::at(0xE000_ED34) };
// SAFETY: see above.
const BFAR: Reg = unsafe { Reg::at(0xE000_ED38) };
// SAFETY: the Interrupt Control and State Register, read only.
const ICSR: Reg = unsafe { Reg::at(0xE000_ED04) };

/// Panics of a build with an unwinding-free strategy (`panic = "abort"`).
/// The images `tools/firmware.sh` builds use `immediate-abort`: a panic
/// there is a trap instruction that arrives as a HardFault instead.
#[panic_handler]
fn panic(info: &core::panic::PanicInfo) -> ! {
    // The message only when it is a plain string: formatting arguments
    // would link `core::fmt` for every panic site's message.
    let o = &mut Out;
    o.str("\nFATAL: panicked");
    if let Some(l) = info.location() {
        o.str(" at ").str(l.file()).str(":").dec(l.line()).str(":").dec(l.column());
    }
    if let Some(m) = info.message().as_str() {
        o.str(": ").str(m);
    }
    let (used, _, size) = crate::heap::arena_usage();
    o.str("\narena: ").dec(used as u32).str(" of ").dec(size as u32).str(" bytes allocated\n");
    recover()
}

/// Called by the `HardFault` vector with the fresh stack in place:
/// `frame` is where the faulting context's exception frame was pushed
/// (possibly nowhere valid), `exc_return` the handler's LR.
#[no_mangle]
extern "C" fn mpy_cortex_m_hard_fault(frame: usize, exc_return: u32) -> ! {
    let (cfsr, hfsr) = (CFSR.read(), HFSR.read());
    Out.str("\nFATAL: HardFault cfsr=").hex(cfsr).str(" hfsr=").hex(hfsr);
    if cfsr & (1 << 7) != 0 {
        Out.str(" mmfar=").hex(MMFAR.read());
    }
    if cfsr & (1 << 15) != 0 {
        Out.str(" bfar=").hex(BFAR.read());
    }
    let (bottom, top) = crate::cpu::stack_bounds();
    let frame_ok = frame % 4 == 0 && frame >= bottom && frame + 32 <= top && exc_return & 4 == 0;
    if frame_ok {
        // SAFETY: `frame` is word aligned and its 8 words lie inside the
        // main stack's RAM (checked just above); plain reads.
        let (lr, pc) = unsafe {
            (core::ptr::read_volatile((frame + 20) as *const u32), core::ptr::read_volatile((frame + 24) as *const u32))
        };
        Out.str(" pc=").hex(pc).str(" lr=").hex(lr);
    } else {
        Out.str(" sp=").hex(frame as u32).str(" (stack overflow?)");
    }
    Out.str("\n");
    // The status bits are write-one-to-clear.
    CFSR.write(cfsr);
    HFSR.write(hfsr);
    recover()
}

/// Soft-resets from wherever a fault or panic happened.
fn recover() -> ! {
    let strikes = STRIKES.fetch_add(1, Ordering::Relaxed) + 1;
    let ipsr = ICSR.read() & 0x1ff;
    // In handler mode, returning to thread mode is only clean when no
    // other exception is active (RETTOBASE, ICSR bit 11).
    let nested = ipsr != 0 && ICSR.read() & (1 << 11) == 0;
    if strikes > MAX_STRIKES || nested || hooks().is_none() {
        Out.str("FATAL: cannot recover, resetting the board\n");
        cortex_m::peripheral::SCB::sys_reset();
    }
    Out.str("MPY: soft reboot\n");
    let (_, top) = crate::cpu::stack_bounds();
    let entry = mpy_cortex_m_restart_entry as *const () as usize;
    if ipsr == 0 {
        // SAFETY: abandons the current stack and jumps to the restart
        // entry (which resets MSP itself and never returns); no Rust state
        // on the old stack is used again.
        unsafe { core::arch::asm!("bx {e}", e = in(reg) entry, options(noreturn)) }
    }
    // Lazy FP state preservation (FPCCR.LSPACT) would later write into
    // the abandoned stack: clear it (FPCCR at 0xE000EF34, bit 0).
    // SAFETY: architectural FP context control register of the M4F.
    let fpccr = unsafe { Reg::at(0xE000_EF34) };
    fpccr.write(fpccr.read() & !1);
    let frame = top - 32;
    // SAFETY: writes a basic exception frame (r0-r3, r12, lr = 0; pc =
    // restart entry; xPSR = Thumb) into the top 32 bytes of the main
    // stack, points MSP at it and returns from the exception to thread
    // mode on MSP (EXC_RETURN 0xFFFFFFF9). All values are in registers;
    // the old stack contents are abandoned.
    unsafe {
        core::arch::asm!(
            "msr msp, {frame}",
            "str {zero}, [{frame}]",
            "str {zero}, [{frame}, #4]",
            "str {zero}, [{frame}, #8]",
            "str {zero}, [{frame}, #12]",
            "str {zero}, [{frame}, #16]",
            "str {zero}, [{frame}, #20]",
            "str {pc}, [{frame}, #24]",
            "str {xpsr}, [{frame}, #28]",
            "bx {exc}",
            frame = in(reg) frame,
            zero = in(reg) 0u32,
            pc = in(reg) entry & !1,
            xpsr = in(reg) 0x0100_0000u32,
            exc = in(reg) 0xFFFF_FFF9u32,
            options(noreturn)
        )
    }
}

/// Thread-mode continuation of a recovery: the boot function.
#[no_mangle]
extern "C" fn mpy_cortex_m_restart() -> ! {
    match hooks() {
        Some(h) => (h.restart)(),
        None => cortex_m::peripheral::SCB::sys_reset(),
    }
}

extern "C" {
    fn mpy_cortex_m_restart_entry();
}

// The HardFault vector and the restart entry. HardFault: keep the fault's
// SP and EXC_RETURN as arguments, drop any lazily preserved FP state
// (FPCCR.LSPACT) before FP registers can be touched, move MSP to the top of
// the stack, and continue in Rust. The restart entry resets MSP likewise.
core::arch::global_asm!(
    ".section .text.HardFault,\"ax\",%progbits",
    ".global HardFault",
    ".type HardFault,%function",
    ".thumb_func",
    "HardFault:",
    "    mrs r0, msp",
    "    mov r1, lr",
    "    ldr r2, =0xE000EF34",
    "    ldr r3, [r2]",
    "    bic r3, r3, #1",
    "    str r3, [r2]",
    "    ldr r2, =_stack_start",
    "    msr msp, r2",
    "    b mpy_cortex_m_hard_fault",
    ".ltorg",
    ".section .text.mpy_cortex_m_restart_entry,\"ax\",%progbits",
    ".global mpy_cortex_m_restart_entry",
    ".type mpy_cortex_m_restart_entry,%function",
    ".thumb_func",
    "mpy_cortex_m_restart_entry:",
    "    ldr r0, =_stack_start",
    "    msr msp, r0",
    "    b mpy_cortex_m_restart",
    ".ltorg",
);
