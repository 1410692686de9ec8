//! The unix port's REPL: the shared `mpy-repl` crate on the terminal
//! ([`crate::console`]), with the VM behind its [`Interpreter`] trait.
//! Ctrl-D on an empty line (or `sys.exit()`) quits; Ctrl-D on an empty
//! raw-REPL command soft resets (a fresh VM), so host tools can reset as
//! on a board.
//!
//! Tab completion collects its candidates in the gc heap (a `GcVec` of
//! name objects), so REPL input reaches no global allocation either.

use crate::console::{self, TermConsole};
use crate::run::{banner, guarded, handle_uncaught, ErrOut};
use mpy_core::runtime::print::Out;
use mpy_core::types::exception::SYSTEM_EXIT_TYPE;
use mpy_core::vm::complete::{complete, NameScope};
use mpy_core::vm::{exec_source, print_exception, CompileMode};
use mpy_core::{Obj, Vm};
use mpy_repl::{CompletionScope, ExecMode, Exit, Interpreter, Outcome, Repl};

/// Longest line the REPL editor holds, and its history size, in bytes.
const LINE_MAX: usize = 4096;
const HISTORY_BYTES: usize = 16 * 1024;

/// The VM as the REPL sees it.
pub struct VmInterp<'a> {
    vm: &'a mut Vm,
    /// The exception of the last failed command, until printed (this
    /// struct lives on the native stack, which the collector scans).
    pending: Obj,
    /// Makes a fresh VM for a soft reset.
    remake: &'a dyn Fn() -> Option<Vm>,
    banner: String,
}

impl Interpreter for VmInterp<'_> {
    fn execute(&mut self, src: &[u8], mode: ExecMode) -> Outcome {
        let mode = match mode {
            ExecMode::Single => CompileMode::Single,
            ExecMode::File => CompileMode::Exec,
        };
        let vm = &mut *self.vm;
        match guarded(|| exec_source(vm, src, "<stdin>", mode)) {
            Ok(_) => Outcome::Ok,
            Err(e) => {
                let sys_exit = Obj::from_type(&SYSTEM_EXIT_TYPE);
                if self.vm.exception_match(e.0, sys_exit).unwrap_or(false) {
                    return Outcome::SystemExit(handle_uncaught(self.vm, e, ErrOut::Stdout));
                }
                self.pending = e.0;
                Outcome::Exception
            }
        }
    }

    fn print_exception(&mut self) {
        let exc = core::mem::replace(&mut self.pending, Obj::NULL);
        if !exc.is_null() {
            let _ = print_exception(self.vm, exc, &mut Out::Stdout);
        }
    }

    fn complete(&mut self, scope: CompletionScope<'_>, prefix: &str, visit: &mut dyn FnMut(&str)) {
        let scope = match scope {
            CompletionScope::Names => NameScope::Names,
            CompletionScope::Attributes(p) => NameScope::Attributes(p),
            CompletionScope::Modules => NameScope::Modules,
        };
        // Guarded: attribute lookups can run Python code (properties,
        // `__getattr__`).
        complete(self.vm, scope, prefix, &mut |f| guarded(f), visit);
    }

    fn soft_reset(&mut self) {
        self.pending = Obj::NULL;
        if let Some(mut fresh) = mpy_core::alloc_guard::permit(self.remake) {
            // The interpreter thread's stack base stays valid: frames
            // above it hold no objects of the new heap.
            fresh.stack_base = self.vm.stack_base;
            *self.vm = fresh;
        }
    }

    fn banner(&self) -> &str {
        &self.banner
    }
}

/// Runs the REPL on the terminal until the user quits or input ends;
/// returns the exit code. `remake` builds a fresh VM for soft resets.
pub fn repl(vm: &mut Vm, remake: &dyn Fn() -> Option<Vm>) -> i32 {
    console::start();
    let mut interp = VmInterp {
        vm,
        pending: Obj::NULL,
        remake,
        banner: banner(),
    };
    let mut repl: Box<Repl<LINE_MAX, HISTORY_BYTES>> = Box::new(Repl::new(true));
    let code = match repl.run(&mut TermConsole, &mut interp) {
        Exit::Quit(code) => code,
        Exit::EndOfInput => 0,
    };
    console::restore();
    code
}
