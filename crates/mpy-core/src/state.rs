//! `Vm`: the interpreter state every native function receives.
//!
//! Holds the heap, the qstr pool, the VM value stack (locals and operand
//! stacks of every active frame), the module registry and the port's HAL.
//! Allocation goes through [`Vm::alloc`], which collects garbage when the
//! heap is full (roots: see [`crate::gc`]) and raises `MemoryError` when a
//! collection does not make room.

use crate::error::PyErr;
use crate::hal::Hal;
use crate::heap::Heap;
use crate::obj::Obj;
use crate::objdata::ObjData;
use crate::qstr::QstrPool;
use crate::PyResult;
use alloc::boxed::Box;
use alloc::vec::Vec;

/// Start-up settings (from the command line on unix, the build on boards).
#[derive(Clone, Debug)]
pub struct Config {
    /// Heap size in bytes.
    pub heap_size: usize,
    /// Optimisation level (`-O`): 1+ makes `__debug__` False, 3 drops lines.
    pub opt_level: u8,
    /// Native stack bytes the interpreter may use before raising
    /// `RuntimeError: maximum recursion depth exceeded`.
    pub stack_limit: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config { heap_size: 2 * 1024 * 1024, opt_level: 0, stack_limit: 64 * 1024 }
    }
}

/// The interpreter state.
pub struct Vm {
    /// The object heap.
    pub heap: Heap,
    /// Interned strings created at run time.
    pub qstrs: QstrPool,
    /// The VM value stack: every active frame's locals and operands.
    pub stack: Vec<Obj>,
    /// Extra gc roots pushed by native code for temporaries that are not on
    /// the native stack (truncate back to the length you found).
    pub roots: Vec<Obj>,
    /// `sys.modules` (a dict object; NULL before start-up finishes).
    pub modules: Obj,
    /// `sys.path` (a list object; NULL before `runtime::init::init`).
    pub sys_path: Obj,
    /// `sys.argv` (a list object; NULL before `runtime::init::init`).
    pub sys_argv: Obj,
    /// The preallocated `MemoryError` raised when the heap is exhausted.
    pub memory_error: Obj,
    /// Address near the base of the native stack, for the gc's conservative
    /// scan and the recursion guard (0 until [`Vm::set_stack_base`]).
    pub stack_base: usize,
    /// Settings.
    pub config: Config,
    /// The port.
    pub hal: Box<dyn Hal>,
    /// The bytecode VM's own state (builtins overrides, compile hook, ...).
    pub vmstate: crate::vm::VmState,
}

impl Vm {
    /// A fresh interpreter (no modules loaded yet; see `runtime::init`).
    pub fn new(config: Config, hal: Box<dyn Hal>) -> Vm {
        Vm {
            heap: Heap::new(config.heap_size),
            qstrs: QstrPool::default(),
            stack: Vec::with_capacity(256),
            roots: Vec::new(),
            modules: Obj::NULL,
            sys_path: Obj::NULL,
            sys_argv: Obj::NULL,
            memory_error: Obj::NULL,
            stack_base: 0,
            config,
            hal,
            vmstate: crate::vm::VmState::default(),
        }
    }

    /// Records the native stack's base: call from the outermost function
    /// that will run Python code, before running any.
    #[inline(never)]
    pub fn set_stack_base(&mut self) {
        let marker = 0usize;
        self.stack_base = core::hint::black_box(&marker) as *const usize as usize;
    }

    /// Native stack bytes in use below [`Vm::stack_base`] (0 if unknown).
    #[inline(always)]
    pub fn stack_used(&self) -> usize {
        let marker = 0usize;
        let here = core::hint::black_box(&marker) as *const usize as usize;
        self.stack_base.saturating_sub(here)
    }

    /// Allocates a heap object, collecting first if the heap is full.
    ///
    /// Errors: `MemoryError` if the object does not fit after a collection
    /// or the heap is locked (`micropython.heap_lock()`).
    #[inline]
    pub fn alloc(&mut self, data: ObjData) -> PyResult<Obj> {
        let bytes = data.heap_bytes();
        if self.would_collect(bytes) {
            // The new object's references (e.g. a list built from a Rust
            // `Vec`) are reachable from no root until it is inserted: keep
            // them alive across the collection.
            let base = self.roots.len();
            let roots = &mut self.roots;
            data.trace(&mut |o| roots.push(o));
            let r = self.make_room(bytes);
            self.roots.truncate(base);
            r?;
        } else {
            self.make_room(bytes)?;
        }
        Ok(self.heap.insert(data, bytes))
    }

    /// Would charging `bytes` now run a collection?
    fn would_collect(&self, bytes: usize) -> bool {
        let over_threshold = self.heap.enabled
            && self.heap.threshold > 0
            && self.heap.since_gc + bytes > self.heap.threshold;
        self.heap.lock_depth == 0 && (cfg!(feature = "gc-stress") || over_threshold || !self.heap.fits(bytes))
    }

    /// Ensures `bytes` can be charged (collecting if needed), or raises
    /// `MemoryError`. Call before growing an object's buffer, then
    /// [`Vm::charge`] the growth.
    pub fn make_room(&mut self, bytes: usize) -> PyResult<()> {
        if self.heap.lock_depth > 0 {
            return Err(self.memory_error());
        }
        let stress = cfg!(feature = "gc-stress");
        let over_threshold = self.heap.enabled
            && self.heap.threshold > 0
            && self.heap.since_gc + bytes > self.heap.threshold;
        if stress || over_threshold || !self.heap.fits(bytes) {
            crate::gc::collect(self);
            if !self.heap.fits(bytes) {
                return Err(self.memory_error());
            }
        }
        Ok(())
    }

    /// Charges `bytes` of growth of an existing object's buffers (after
    /// [`Vm::make_room`] succeeded).
    pub fn charge(&mut self, bytes: usize) {
        self.heap.charge(bytes);
    }

    /// The preallocated `MemoryError` as an error value.
    /// Its traceback is cleared: each raise starts a fresh one.
    pub fn memory_error(&mut self) -> PyErr {
        if let Some(crate::objdata::ObjData::Exception(e)) = self.heap.get_mut(self.memory_error) {
            e.traceback.clear();
        }
        PyErr(self.memory_error)
    }

    /// The object behind a heap handle.
    #[inline(always)]
    pub fn get(&self, o: Obj) -> Option<&ObjData> {
        self.heap.get(o)
    }

    /// The object behind a heap handle, mutably.
    #[inline(always)]
    pub fn get_mut(&mut self, o: Obj) -> Option<&mut ObjData> {
        self.heap.get_mut(o)
    }
}
