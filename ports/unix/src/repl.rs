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
use mpy_core::heap::GcVec;
use mpy_core::runtime::print::Out;
use mpy_core::types::dict::DictObj;
use mpy_core::types::exception::SYSTEM_EXIT_TYPE;
use mpy_core::vm::{exec_source, print_exception, CompileMode};
use mpy_core::{Obj, PyResult, Vm};
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

impl VmInterp<'_> {
    /// The `__main__` globals dict, if `__main__` exists.
    fn main_globals(&mut self) -> Option<Obj> {
        let md = self.vm.modules;
        if md.is_null() {
            return None;
        }
        let m = self.vm.dict_lookup_qstr(md, mpy_core::q::__main__).ok()??;
        mpy_core::vm::module::module_globals(self.vm, m)
    }

    /// Appends the keys of dict `d` to `out`.
    fn dict_keys(&mut self, d: Obj, out: &mut GcVec<Obj>) -> PyResult<()> {
        let mut pos = 0;
        while let Some((p, en)) = self.vm.heap.get::<DictObj>(d).and_then(|x| x.map.next_at(pos)) {
            pos = p + 1;
            self.vm.vec_push_local(out, en.key)?;
        }
        Ok(())
    }

    /// The object named by dotted `path` (globals, then builtins, then
    /// attributes), without calling anything but attribute lookups. Names
    /// that are not qstrs yet cannot name anything, so none is created.
    fn resolve(&mut self, path: &str) -> Option<Obj> {
        let mut parts = path.split('.');
        let first = self.vm.qstrs.lookup(&self.vm.heap, parts.next()?)?;
        let g = self.main_globals();
        let mut o = match g.and_then(|g| self.vm.dict_lookup_qstr(g, first).ok().flatten()) {
            Some(o) => o,
            None => mpy_core::vm::builtins::lookup_builtin(self.vm, first).ok()??,
        };
        for p in parts {
            let q = self.vm.qstrs.lookup(&self.vm.heap, p)?;
            o = self.vm.load_attr_maybe(o, q).ok()?;
            if o.is_null() {
                return None;
            }
        }
        Some(o)
    }

    /// The candidate names of `scope` starting with `prefix`, as name
    /// objects (unsorted, maybe repeated).
    fn candidates(&mut self, scope: CompletionScope<'_>, prefix: &str, out: &mut GcVec<Obj>) -> PyResult<()> {
        match scope {
            CompletionScope::Names => {
                if let Some(g) = self.main_globals() {
                    self.dict_keys(g, out)?;
                }
                // Private names only when asked for.
                self.keep(out, |n| n.starts_with(prefix) && (!prefix.is_empty() || !n.starts_with('_')));
                if out.is_empty() && !prefix.is_empty() {
                    for &(n, _) in mpy_core::modules::builtins::BUILTINS_MODULE.locals {
                        self.vm.vec_push_local(out, Obj::qstr(n))?;
                    }
                    let d = self.vm.vmstate.builtins_dict;
                    if !d.is_null() {
                        self.dict_keys(d, out)?;
                    }
                }
            }
            CompletionScope::Attributes(path) => {
                if let Some(o) = self.resolve(path) {
                    let l = mpy_core::modules::builtins::dir_names(self.vm, o)?;
                    let n = self.vm.list_items(l).map_or(0, |x| x.len());
                    for i in 0..n {
                        let Some(&x) = self.vm.list_items(l).and_then(|x| x.get(i)) else { break };
                        self.vm.vec_push_local(out, x)?;
                    }
                }
            }
            CompletionScope::Modules => {
                for m in mpy_core::modules::BUILTIN_MODULES {
                    self.vm.vec_push_local(out, Obj::qstr(m.name))?;
                }
            }
        }
        self.keep(out, |n| n.starts_with(prefix));
        Ok(())
    }

    /// Keeps the names of `v` (str objects) for which `f` holds.
    fn keep(&self, v: &mut GcVec<Obj>, f: impl Fn(&str) -> bool) {
        let mut k = 0;
        for i in 0..v.len() {
            let o = v.as_slice()[i];
            if self.vm.str_pinned(o).is_some_and(&f) {
                v.as_mut_slice()[k] = o;
                k += 1;
            }
        }
        v.truncate(k);
    }
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
        let mut names: GcVec<Obj> = GcVec::new();
        // Out of memory: no candidates. Guarded: attribute lookups can
        // run Python code (properties, `__getattr__`).
        let _ = guarded(|| self.candidates(scope, prefix, &mut names));
        let vm = &*self.vm;
        names.as_mut_slice().sort_unstable_by(|&a, &b| vm.str_pinned(a).cmp(&vm.str_pinned(b)));
        let mut last: Option<&str> = None;
        for &o in names.as_slice() {
            let Some(n) = vm.str_pinned(o) else { continue };
            if last != Some(n) {
                visit(n);
                last = Some(n);
            }
        }
        self.vm.heap.free_vec(names);
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
    let mut interp = VmInterp { vm, pending: Obj::NULL, remake, banner: banner() };
    let mut repl: Box<Repl<LINE_MAX, HISTORY_BYTES>> = Box::new(Repl::new(true));
    let code = match repl.run(&mut TermConsole, &mut interp) {
        Exit::Quit(code) => code,
        Exit::EndOfInput => 0,
    };
    console::restore();
    code
}
