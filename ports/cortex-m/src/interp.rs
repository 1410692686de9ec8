//! The VM behind the shared REPL's [`Interpreter`] trait, on a board:
//! runs commands, prints their exceptions, completes names, and makes a
//! fresh interpreter on soft reset (the old one is dropped first, so its
//! whole heap is free again).

use crate::board::Board;
use crate::hal::BoardHal;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::marker::PhantomData;
use mpy_core::objdata::ObjData;
use mpy_core::types::exception::SYSTEM_EXIT_TYPE;
use mpy_core::vm::{exec_source, print_exception, CompileMode};
use mpy_core::{Config, Obj, PyResult, Vm};
use mpy_repl::{CompletionScope, ExecMode, Interpreter, Outcome};

/// Native stack bytes kept below the deepest recursion check, for the
/// native code that runs between two checks (builtins, printing, an
/// interrupt).
pub const STACK_HEADROOM: usize = 8 * 1024;

/// Heap bytes kept out of the core's byte budget: what the core allocates
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

/// A fresh interpreter for board `B` (modules, `sys.path`), whose native
/// stack starts at `stack_base`. None if the heap is too small to start.
pub fn new_vm<B: Board>(stack_base: usize) -> Option<Vm> {
    let (bottom, _) = crate::cpu::stack_bounds();
    let stack_limit = stack_base.saturating_sub(bottom + STACK_HEADROOM);
    let region = B::HEAP_SIZE;
    let config = Config { heap_size: region - heap_reserve(region), opt_level: 0, stack_limit };
    let mut vm = Vm::new(config, Box::new(BoardHal::<B>::new(stack_limit)));
    vm.stack_base = stack_base;
    mpy_core::runtime::init::init(&mut vm).ok()?;
    set_path(&mut vm).ok()?;
    Some(vm)
}

/// `sys.path`: the current directory, frozen modules, then `/lib`.
fn set_path(vm: &mut Vm) -> PyResult<()> {
    let path = vm.sys_path;
    for p in ["", ".frozen", "/lib"] {
        let s = vm.new_str(p)?;
        if let Some(ObjData::List(l)) = vm.get_mut(path) {
            l.push(s);
        }
    }
    Ok(())
}

/// The interpreter of board `B` as the REPL sees it.
pub struct BoardInterp<B: Board> {
    /// The VM (None only if a soft reset could not make a new one).
    vm: Option<Vm>,
    stack_base: usize,
    /// The exception of the last failed command, rooted until printed.
    pending: Option<Obj>,
    banner: String,
    _board: PhantomData<B>,
}

impl<B: Board> BoardInterp<B> {
    /// Wraps `vm`; `banner` is the banner's first line.
    pub fn new(vm: Vm, banner: String) -> Self {
        BoardInterp { stack_base: vm.stack_base, vm: Some(vm), pending: None, banner, _board: PhantomData }
    }

    /// The `__main__` globals dict, if `__main__` exists.
    fn main_globals(vm: &mut Vm) -> Option<Obj> {
        let md = vm.modules;
        if md.is_null() {
            return None;
        }
        let m = vm.dict_lookup_qstr(md, mpy_core::q::__main__).ok()??;
        mpy_core::vm::import::module_globals(vm, m)
    }

    /// String keys of dict `d`.
    fn dict_names(vm: &mut Vm, d: Obj) -> Vec<String> {
        let keys: Vec<Obj> = vm.table(d).map(|t| t.iter().map(|e| e.key).collect()).unwrap_or_default();
        keys.into_iter().filter_map(|k| vm.str_of(k).map(String::from)).collect()
    }

    /// The object named by dotted `path` (globals, then builtins, then
    /// attributes), calling nothing but attribute lookups.
    fn resolve(vm: &mut Vm, path: &str) -> Option<Obj> {
        let mut parts = path.split('.');
        let first = vm.intern(parts.next()?);
        let found = match Self::main_globals(vm) {
            Some(g) => vm.dict_lookup_qstr(g, first).ok().flatten(),
            None => None,
        };
        let mut o = match found {
            Some(o) => o,
            None => mpy_core::vm::builtins::lookup_builtin(vm, first).ok()??,
        };
        for p in parts {
            let q = vm.intern(p);
            o = vm.load_attr_maybe(o, q).ok()?;
            if o.is_null() {
                return None;
            }
        }
        Some(o)
    }
}

impl<B: Board> Interpreter for BoardInterp<B> {
    fn execute(&mut self, src: &[u8], mode: ExecMode) -> Outcome {
        crate::fault::healthy();
        let Some(vm) = self.vm.as_mut() else {
            B::console_write(b"MemoryError: heap too small to start\r\n");
            return Outcome::Ok;
        };
        let mode = match mode {
            ExecMode::Single => CompileMode::Single,
            ExecMode::File => CompileMode::Exec,
        };
        match exec_source(vm, src, "<stdin>", mode) {
            Ok(_) => Outcome::Ok,
            Err(e) => {
                if vm.exception_match(e.0, Obj::from_type(&SYSTEM_EXIT_TYPE)).unwrap_or(false) {
                    // On a board SystemExit soft-resets; the code is unused.
                    return Outcome::SystemExit(0);
                }
                vm.roots.push(e.0);
                self.pending = Some(e.0);
                Outcome::Exception
            }
        }
    }

    fn print_exception(&mut self) {
        let (Some(exc), Some(vm)) = (self.pending.take(), self.vm.as_mut()) else { return };
        let mut s = String::new();
        print_exception(vm, exc, &mut s);
        if let Some(p) = vm.roots.iter().rposition(|&o| o == exc) {
            vm.roots.remove(p);
        }
        vm.hal.stdout_write(s.as_bytes());
    }

    fn complete(&mut self, scope: CompletionScope<'_>, prefix: &str, visit: &mut dyn FnMut(&str)) {
        let Some(vm) = self.vm.as_mut() else { return };
        let mut names: Vec<String> = match scope {
            CompletionScope::Names => {
                let mut g = match Self::main_globals(vm) {
                    Some(d) => Self::dict_names(vm, d),
                    None => Vec::new(),
                };
                g.retain(|n| n.starts_with(prefix) && (!prefix.is_empty() || !n.starts_with('_')));
                if g.is_empty() && !prefix.is_empty() {
                    g = mpy_core::modules::builtins::BUILTINS_MODULE
                        .locals
                        .iter()
                        .map(|(n, _)| String::from(vm.qstrs.str(*n)))
                        .collect();
                }
                g
            }
            CompletionScope::Attributes(path) => match Self::resolve(vm, path) {
                Some(o) => mpy_core::modules::builtins::dir_names(vm, o)
                    .into_iter()
                    .map(|q| String::from(vm.qstrs.str(q)))
                    .collect(),
                None => Vec::new(),
            },
            CompletionScope::Modules => {
                mpy_core::modules::BUILTIN_MODULES.iter().map(|m| String::from(vm.qstrs.str(m.name))).collect()
            }
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
        // Drop the old interpreter first: the new one gets the whole heap.
        self.vm = None;
        self.vm = new_vm::<B>(self.stack_base);
        if self.vm.is_none() {
            B::console_write(b"MemoryError: heap too small to start\r\n");
        }
    }

    fn banner(&self) -> &str {
        &self.banner
    }
}
