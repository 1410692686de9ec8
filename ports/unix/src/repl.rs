//! The unix port's REPL: the shared `mpy-repl` crate on the terminal
//! ([`crate::console`]), with the VM behind its [`Interpreter`] trait.
//! Ctrl-D on an empty line (or `sys.exit()`) quits; Ctrl-D on an empty
//! raw-REPL command soft resets (a fresh VM), so host tools can reset as
//! on a board.

use crate::console::{self, TermConsole};
use crate::run::{banner, handle_uncaught, ErrOut};
use mpy_core::types::exception::SYSTEM_EXIT_TYPE;
use mpy_core::vm::{exec_source, print_exception, CompileMode};
use mpy_core::{Obj, Vm};
use mpy_repl::{CompletionScope, ExecMode, Exit, Interpreter, Outcome, Repl};

/// Longest line the REPL editor holds, and its history size, in bytes.
const LINE_MAX: usize = 4096;
const HISTORY_BYTES: usize = 16 * 1024;

/// The VM as the REPL sees it.
pub struct VmInterp<'a> {
    vm: &'a mut Vm,
    /// The exception of the last failed command, rooted until printed.
    pending: Option<Obj>,
    /// Makes a fresh VM for a soft reset.
    remake: &'a dyn Fn() -> Option<Vm>,
    banner: String,
}

impl VmInterp<'_> {
    /// The `__main__` globals dict, if `__main__` exists.
    fn main_globals(&mut self) -> Option<Obj> {
        let md = self.vm.modules;
        if md.is_null() {
            return None;
        }
        let m = self.vm.dict_lookup_qstr(md, mpy_core::q::__main__).ok()??;
        mpy_core::vm::import::module_globals(self.vm, m)
    }

    /// Names of the `__main__` globals (str keys).
    fn global_names(&mut self) -> Vec<String> {
        let Some(g) = self.main_globals() else { return Vec::new() };
        let keys: Vec<Obj> = self.vm.table(g).map(|t| t.iter().map(|e| e.key).collect()).unwrap_or_default();
        keys.into_iter().filter_map(|k| self.vm.str_of(k).map(String::from)).collect()
    }

    /// Names of the builtins (the module table and any overrides).
    fn builtin_names(&mut self) -> Vec<String> {
        let mut v: Vec<String> = mpy_core::modules::builtins::BUILTINS_MODULE
            .locals
            .iter()
            .map(|(n, _)| String::from(self.vm.qstrs.str(*n)))
            .collect();
        let d = self.vm.vmstate.builtins_dict;
        if !d.is_null() {
            let keys: Vec<Obj> = self.vm.table(d).map(|t| t.iter().map(|e| e.key).collect()).unwrap_or_default();
            v.extend(keys.into_iter().filter_map(|k| self.vm.str_of(k).map(String::from)));
        }
        v
    }

    /// The object named by dotted `path` (globals, then builtins, then
    /// attributes), without calling anything but attribute lookups.
    fn resolve(&mut self, path: &str) -> Option<Obj> {
        let mut parts = path.split('.');
        let first = self.vm.intern(parts.next()?);
        let g = self.main_globals();
        let mut o = match g.and_then(|g| self.vm.dict_lookup_qstr(g, first).ok().flatten()) {
            Some(o) => o,
            None => mpy_core::vm::builtins::lookup_builtin(self.vm, first).ok()??,
        };
        for p in parts {
            let q = self.vm.intern(p);
            o = self.vm.load_attr_maybe(o, q).ok()?;
            if o.is_null() {
                return None;
            }
        }
        Some(o)
    }
}

impl Interpreter for VmInterp<'_> {
    fn execute(&mut self, src: &[u8], mode: ExecMode) -> Outcome {
        let mode = match mode {
            ExecMode::Single => CompileMode::Single,
            ExecMode::File => CompileMode::Exec,
        };
        match exec_source(self.vm, src, "<stdin>", mode) {
            Ok(_) => Outcome::Ok,
            Err(e) => {
                let sys_exit = Obj::from_type(&SYSTEM_EXIT_TYPE);
                if self.vm.exception_match(e.0, sys_exit).unwrap_or(false) {
                    return Outcome::SystemExit(handle_uncaught(self.vm, e, ErrOut::Stdout));
                }
                self.vm.roots.push(e.0);
                self.pending = Some(e.0);
                Outcome::Exception
            }
        }
    }

    fn print_exception(&mut self) {
        let Some(exc) = self.pending.take() else { return };
        let mut s = String::new();
        print_exception(self.vm, exc, &mut s);
        if let Some(p) = self.vm.roots.iter().rposition(|&o| o == exc) {
            self.vm.roots.remove(p);
        }
        self.vm.hal.stdout_write(s.as_bytes());
    }

    fn complete(&mut self, scope: CompletionScope<'_>, prefix: &str, visit: &mut dyn FnMut(&str)) {
        let mut names: Vec<String> = match scope {
            CompletionScope::Names => {
                let mut g = self.global_names();
                g.retain(|n| n.starts_with(prefix) && (!prefix.is_empty() || !n.starts_with('_')));
                if g.is_empty() && !prefix.is_empty() {
                    g = self.builtin_names();
                }
                g
            }
            CompletionScope::Attributes(path) => match self.resolve(path) {
                Some(o) => mpy_core::modules::builtins::dir_names(self.vm, o)
                    .into_iter()
                    .map(|q| String::from(self.vm.qstrs.str(q)))
                    .collect(),
                None => Vec::new(),
            },
            CompletionScope::Modules => mpy_core::modules::BUILTIN_MODULES
                .iter()
                .map(|m| String::from(self.vm.qstrs.str(m.name)))
                .collect(),
        };
        names.retain(|n| n.starts_with(prefix));
        names.sort();
        names.dedup();
        for n in &names {
            visit(n);
        }
    }

    fn soft_reset(&mut self) {
        self.pending = None;
        if let Some(mut fresh) = (self.remake)() {
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
    let mut interp = VmInterp { vm, pending: None, remake, banner: banner() };
    let mut repl: Box<Repl<LINE_MAX, HISTORY_BYTES>> = Box::new(Repl::new(true));
    let code = match repl.run(&mut TermConsole, &mut interp) {
        Exit::Quit(code) => code,
        Exit::EndOfInput => 0,
    };
    console::restore();
    code
}
