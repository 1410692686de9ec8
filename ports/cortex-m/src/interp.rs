//! The VM behind the shared REPL's [`Interpreter`] trait, on a board:
//! runs commands, prints their exceptions, completes names (with the
//! compiler; candidates gathered in the gc heap, as on unix), makes a fresh interpreter on
//! soft reset (the old one is dropped, then a new heap is laid over the
//! same static region), and runs `boot.py` and `main.py` from the
//! filesystem at start and after each soft reset.

use crate::board::Board;
use crate::hal::BoardHal;
use alloc::boxed::Box;
use core::marker::PhantomData;
use mpy_core::runtime::print::Out;
use mpy_core::types::exception::SYSTEM_EXIT_TYPE;
#[cfg(feature = "compiler")]
use mpy_core::vm::complete::{complete, NameScope};
use mpy_core::vm::exec::{compile_source, run_compiled};
use mpy_core::vm::{exec_source, print_exception, CompileMode};
use mpy_core::{Config, Obj, PyResult, Vm};
#[cfg(feature = "compiler")]
use mpy_repl::CompletionScope;
use mpy_repl::{ExecMode, Interpreter, Outcome};

/// Native stack bytes kept below the deepest recursion check, for the
/// native code that runs between two checks (builtins, printing, the
/// compiler's deepest expression, an interrupt).
pub const STACK_HEADROOM: usize = 8 * 1024;

/// Puts a fresh interpreter for board `B` (modules, `sys.path`) on a
/// fresh gc heap over the board's region, whose native stack starts at
/// `stack_base`, into `slot` (dropping what it held first). False (and
/// `slot` None) if the heap is too small to start.
///
/// The `Vm` is built in `slot` itself, not returned: each move of it (it
/// is ~1 KB) costs hundreds of instructions of the boot and every soft
/// reset.
///
/// Callers make sure no earlier interpreter is alive other than the one
/// in `slot` (boot, fault recovery, or a soft reset).
#[inline(never)]
pub(crate) fn new_vm<B: Board>(slot: &mut Option<Vm>, stack_base: usize) -> bool {
    // The old interpreter goes first: the new heap reuses its region.
    *slot = None;
    let (bottom, _) = crate::cpu::stack_bounds();
    let stack_limit = stack_base.saturating_sub(bottom + STACK_HEADROOM);
    #[cfg(feature = "machine")]
    stop_peripherals::<B>();
    let (start, size) = B::heap_region();
    // SAFETY: the board's static gc region, and (this function's
    // contract) no heap made from it earlier is in use any more.
    let heap = unsafe { crate::heap::gc_heap(start, size) };
    let config = Config {
        heap_size: size,
        opt_level: 0,
        stack_limit,
        value_stack: B::VALUE_STACK,
    };
    // SAFETY: as for the heap: no earlier interpreter's filesystem is in
    // use any more.
    #[cfg(feature = "fs")]
    let fs = unsafe { crate::fs::BoardFs::<B>::new() };
    let hal = BoardHal::<B>::new(
        stack_limit,
        #[cfg(feature = "fs")]
        fs,
    );
    let vm = slot.insert(Vm::with_heap(config, Box::new(hal), heap));
    vm.stack_base = stack_base;
    vm.vmstate.alloc_catcher = Some(crate::catch::catcher);
    vm.vmstate.port_modules = B::MODULES;
    #[cfg(feature = "machine")]
    {
        vm.vmstate.pending.port_hook = Some(crate::hw::pending_hook);
    }
    vm.vmstate.frozen = crate::frozen::FROZEN;
    if mpy_core::runtime::init::init(vm).is_err() || set_path(vm).is_err() {
        *slot = None;
        return false;
    }
    crate::frozen::run_boot(vm);
    true
}

/// Stops what an earlier interpreter's `machine`/`pyb` objects started.
#[cfg(feature = "machine")]
fn stop_peripherals<B: Board>() {
    // Timers of an earlier interpreter must not call into this one.
    for slot in 0..B::OPS.timer_ids.len() {
        crate::hw::stop_timer(slot);
    }
    // So do pin interrupts; UARTs stop receiving.
    for line in 0..crate::extint::LINES as u8 {
        (B::OPS.pin_irq)(line, 0);
    }
    for &id in B::OPS.uart_ids {
        (B::OPS.uart_deinit)(id);
    }
    // Their rings leave buffers in the old heap.
    crate::uartrx::release_all();
}

/// `sys.path`: the current directory, frozen modules, then `/lib`.
fn set_path(vm: &mut Vm) -> PyResult<()> {
    let path = vm.sys_path;
    for p in ["", ".frozen", "/lib"] {
        let s = vm.new_str(p)?;
        mpy_core::types::list::list_append(vm, path, s)?;
    }
    Ok(())
}

/// The interpreter of board `B` as the REPL sees it.
pub struct BoardInterp<B: Board> {
    /// The VM (None only if a soft reset could not make a new one).
    slot: Option<Vm>,
    stack_base: usize,
    _board: PhantomData<B>,
}

impl<B: Board> BoardInterp<B> {
    /// No interpreter yet ([`BoardInterp::start`] makes it) whose native
    /// stack starts at `stack_base`.
    /// (Inlined: the value is built where it stays, not moved.)
    #[inline(always)]
    pub fn new(stack_base: usize) -> Self {
        BoardInterp { slot: None, stack_base, _board: PhantomData }
    }

    /// Makes the interpreter (see [`new_vm`]); false if the heap is too
    /// small to start.
    pub fn start(&mut self) -> bool {
        new_vm::<B>(&mut self.slot, self.stack_base)
    }
}

impl<B: Board> BoardInterp<B> {
    /// Runs `f` on the VM with the native stack base (the collector's scan
    /// and the recursion limit) moved down to this call: the REPL's own
    /// frames above hold no objects, only stale words, which the
    /// conservative scan would otherwise take for pointers (after a soft
    /// reset they point into the new heap, and keep whatever lands there,
    /// such as a list a script just dropped after MemoryError, alive).
    /// False without a VM.
    /// The stack below is scrubbed first (see [`scrub_stack`]) if
    /// `scrub`; without, `f` scrubs it before it runs Python code.
    fn enter(&mut self, scrub: bool, f: &mut dyn FnMut(&mut Vm)) -> bool {
        let marker = 0u32;
        let base = core::hint::black_box(&marker) as *const u32 as usize;
        let Some(vm) = self.slot.as_mut() else { return false };
        run_below(vm, base, scrub, f);
        true
    }
}

/// Runs `f` with the stack base at `base` (a marker in the caller's
/// frame), scrubbing the stack below first if `scrub` (`f` is dynamic:
/// one copy of this code).
#[inline(never)]
fn run_below(vm: &mut Vm, base: usize, scrub: bool, f: &mut dyn FnMut(&mut Vm)) {
    let (bottom, _) = crate::cpu::stack_bounds();
    let (old_base, old_limit) = (vm.stack_base, vm.config.stack_limit);
    vm.stack_base = base;
    vm.config.stack_limit = base.saturating_sub(bottom + STACK_HEADROOM);
    if scrub {
        scrub_stack(vm);
    }
    f(vm);
    vm.stack_base = old_base;
    vm.config.stack_limit = old_limit;
}

/// Zeroes the dead native stack below the caller (up to [`SCRUB_BYTES`]):
/// dead frames of earlier commands (the REPL's, a soft reset's, the last
/// script's) leave words there that the conservative collector would see
/// when the next command's frames reuse the area without overwriting
/// them. ~1 instruction per byte: only before Python code runs. (The
/// core's scrub, with the board's depth.)
fn scrub_stack(vm: &Vm) {
    mpy_core::vm::scrub_stack_bytes(vm, SCRUB_BYTES);
}

/// Bytes of dead native stack zeroed before each command.
const SCRUB_BYTES: usize = 24 * 1024;

/// `Vm::port_roots` slot of the exception waiting to be printed.
const PENDING: usize = 0;

impl<B: Board> Interpreter for BoardInterp<B> {
    fn execute(&mut self, src: &[u8], mode: ExecMode) -> Outcome {
        crate::fault::healthy();
        let mode = match mode {
            ExecMode::Single => CompileMode::Single,
            ExecMode::File => CompileMode::Exec,
        };
        let mut out = Outcome::Ok;
        let entered = self.enter(true, &mut |vm| {
            let r = guarded::<B, _>(|| exec_source(vm, src, "<stdin>", mode));
            out = match r {
                Ok(_) => Outcome::Ok,
                Err(e) => {
                    if vm
                        .exception_match(e.0, Obj::from_type(&SYSTEM_EXIT_TYPE))
                        .unwrap_or(false)
                    {
                        // On a board SystemExit soft-resets; the code is unused.
                        Outcome::SystemExit(0)
                    } else {
                        // A `Vm` field: kept by the collector until printed.
                        vm.port_roots[PENDING] = e.0;
                        Outcome::Exception
                    }
                }
            };
        });
        if !entered {
            B::console_write(b"MemoryError: heap too small to start\r\n");
        }
        out
    }

    fn print_exception(&mut self) {
        self.enter(true, &mut |vm| {
            let exc = core::mem::replace(&mut vm.port_roots[PENDING], Obj::NULL);
            if !exc.is_null() {
                let _ = print_exception(vm, exc, &mut Out::Stdout);
            }
        });
    }

    #[cfg(feature = "compiler")]
    fn complete(&mut self, scope: CompletionScope<'_>, prefix: &str, visit: &mut dyn FnMut(&str)) {
        self.enter(true, &mut |vm| complete(vm, name_scope(scope), prefix, &mut |f| f(), visit));
    }

    fn soft_reset(&mut self) {
        if !new_vm::<B>(&mut self.slot, self.stack_base) {
            B::console_write(b"MemoryError: heap too small to start\r\n");
        }
    }

    fn banner(&self) -> &str {
        B::BANNER
    }

    /// `boot.py`, then (in the friendly REPL) `main.py`, from the current
    /// directory (`/` after a reset) if they exist; an exception is
    /// printed and the REPL follows. `SystemExit` ends the script quietly.
    fn startup(&mut self, friendly: bool) {
        crate::fault::healthy();
        // After a power-on the filesystem is made at its first access: no
        // scripts yet, so no lookup (which would format it at boot).
        #[cfg(feature = "fs")]
        let has_files = crate::fs::has_files();
        #[cfg(not(feature = "fs"))]
        let has_files = false;
        let scripts: &[&str] = match (has_files, friendly) {
            (false, _) => &[],
            (true, true) => &["boot.py", "main.py"],
            (true, false) => &["boot.py"],
        };
        if scripts.is_empty() {
            // (Nor the stack scrub of entering the interpreter.)
            return;
        }
        crate::console::set_interrupt_char(i32::from(mpy_repl::pyexec::INTERRUPT_CHAR));
        // No scrub unless a script has code to run (see `run_file`): the
        // default `boot.py` is only a comment.
        self.enter(false, &mut |vm| {
            for name in scripts {
                run_script::<B>(vm, name);
            }
        });
        crate::console::set_interrupt_char(-1);
    }
}

/// Runs script `name` from the filesystem in `__main__` if it can be
/// read, printing an exception it raises.
fn run_script<B: Board>(vm: &mut Vm, name: &str) {
    if let Err(e) = guarded::<B, _>(|| run_file(vm, name)) {
        let exit = vm.exception_match(e.0, Obj::from_type(&SYSTEM_EXIT_TYPE)).unwrap_or(false);
        if !exit {
            let _ = print_exception(vm, e.0, &mut Out::Stdout);
        }
    }
}

/// Runs `f` (a script) with the board's alloc guard on: every object a
/// script makes belongs in the gc heap, so an arena allocation outside
/// the core's permitted ones is reported loudly (the firmware tests look
/// for it).
fn guarded<B: Board, R>(f: impl FnOnce() -> R) -> R {
    guard_on();
    let r = f();
    guard_off::<B>();
    r
}

/// The start of [`guarded`] (one copy).
#[inline(never)]
fn guard_on() {
    use core::sync::atomic::Ordering::Relaxed;
    crate::heap::VIOLATIONS.store(0, Relaxed);
    crate::heap::GUARDED.store(true, Relaxed);
}

/// The end of [`guarded`] (one copy).
#[inline(never)]
fn guard_off<B: Board>() {
    use core::sync::atomic::Ordering::Relaxed;
    // `machine.disable_irq()` must not outlive the command: the console
    // needs its receive interrupt.
    crate::cpu::enable_interrupts();
    crate::heap::GUARDED.store(false, Relaxed);
    if crate::heap::VIOLATIONS.swap(0, Relaxed) > 0 {
        B::console_write(b"\r\nFATAL: alloc-guard: global allocation while the script ran\r\n");
    }
}

/// Is `src` only blank lines and comment lines? (One byte loop: no line
/// splitting and trimming iterators on the board.)
fn only_comments(src: &[u8]) -> bool {
    let mut comment = false;
    for &b in src {
        match b {
            b'\n' | b'\r' => comment = false,
            _ if comment => {}
            b'#' => comment = true,
            // The rest of `u8::is_ascii_whitespace`.
            b' ' | b'\t' | 0x0c => {}
            _ => return false,
        }
    }
    true
}

/// Reads, compiles and runs file `path` in `__main__` (the source goes
/// back to the heap before the code runs); nothing if it cannot be read.
///
/// Errors: whatever compiling or running raises.
fn run_file(vm: &mut Vm, path: &str) -> PyResult<()> {
    let Some(src) = vm.read_file(path)? else { return Ok(()) };
    if only_comments(src.as_slice()) {
        // Nothing to run (the default `boot.py`): skip the compiler, whose
        // loan of free heap costs ~1 instruction per lent byte.
        vm.heap.free_vec(src);
        return Ok(());
    }
    scrub_stack(vm);
    let c = compile_source(vm, src.as_slice(), path, CompileMode::Exec);
    vm.heap.free_vec(src);
    let c = c?;
    let g = mpy_core::vm::exec::main_globals(vm)?;
    run_compiled(vm, &c, g, g).map(|_| ())
}

/// The core's name for a completion scope.
#[cfg(feature = "compiler")]
fn name_scope(scope: CompletionScope<'_>) -> NameScope<'_> {
    match scope {
        CompletionScope::Names => NameScope::Names,
        CompletionScope::Attributes(p) => NameScope::Attributes(p),
        CompletionScope::Modules => NameScope::Modules,
    }
}

