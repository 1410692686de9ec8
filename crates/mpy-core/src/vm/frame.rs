//! Frames: a running function's state lives on `Vm::stack` (no gc-heap
//! allocation per call).
//!
//! Layout from `base`: the value stack grows up from `base`; local `i` is
//! at `base + n_state - 1 - i` (MicroPython's order); after the `n_state`
//! slots come `n_exc_stack` handler blocks of 3 slots each:
//! `[small int (handler << 1) | is_finally, small int sp - base, the
//! exception being handled or NULL]`. Everything is an `Obj`, so the gc
//! scans it with the rest of the stack.

use crate::obj::Obj;
use crate::objdata::{ObjData, TracebackEntry};
use crate::state::Vm;
use crate::vmobj::FunCode;
use alloc::rc::Rc;
use mpy_bytecode::opcode as op;

/// A running (or suspended, when copied into a generator) frame.
pub struct Frame {
    /// The code.
    pub code: Rc<FunCode>,
    /// The module's code context (constants).
    pub context: Obj,
    /// Globals dict.
    pub globals: Obj,
    /// Locals dict for LOAD_NAME/STORE_NAME (module and class bodies).
    pub locals: Obj,
    /// Offset (into the opcodes) of the current instruction.
    pub ip: usize,
    /// Index in `Vm::stack` of state slot 0.
    pub base: usize,
    /// Index in `Vm::stack` of the next free value-stack slot.
    pub sp: usize,
    /// Number of active handler blocks.
    pub exc_sp: usize,
}

/// A handler block as stored on the stack.
#[derive(Clone, Copy)]
pub struct Block {
    /// Code offset of the handler.
    pub handler: usize,
    /// SETUP_FINALLY/SETUP_WITH (runs on unwind) rather than SETUP_EXCEPT.
    pub finally: bool,
    /// Value-stack depth (relative to `base`) when the block was set up.
    pub sp: usize,
}

impl Frame {
    /// Index of the first handler-block slot.
    #[inline(always)]
    pub fn blocks_base(&self) -> usize {
        self.base + self.code.n_state
    }

    /// Total slots the frame occupies.
    pub fn size(code: &FunCode) -> usize {
        code.n_state + 3 * code.n_exc_stack
    }

    /// Reads block `k`.
    pub fn block(&self, vm: &Vm, k: usize) -> Block {
        let i = self.blocks_base() + 3 * k;
        let h = vm.stack.get(i).and_then(|o| o.as_small_int()).unwrap_or(0) as usize;
        let sp = vm.stack.get(i + 1).and_then(|o| o.as_small_int()).unwrap_or(0) as usize;
        Block { handler: h >> 1, finally: h & 1 != 0, sp }
    }

    /// The top block, if any.
    pub fn top_block(&self, vm: &Vm) -> Option<Block> {
        if self.exc_sp == 0 {
            None
        } else {
            Some(self.block(vm, self.exc_sp - 1))
        }
    }

    /// Pushes a block; false if the frame's block area is full.
    pub fn push_block(&mut self, vm: &mut Vm, handler: usize, finally: bool) -> bool {
        if self.exc_sp >= self.code.n_exc_stack {
            return false;
        }
        let i = self.blocks_base() + 3 * self.exc_sp;
        if i + 2 >= vm.stack.len() {
            return false;
        }
        vm.stack[i] = Obj::small_int(((handler << 1) | finally as usize) as isize);
        vm.stack[i + 1] = Obj::small_int((self.sp - self.base) as isize);
        vm.stack[i + 2] = Obj::NULL;
        self.exc_sp += 1;
        true
    }

    /// Records `exc` as being handled by the top block.
    pub fn set_block_exc(&self, vm: &mut Vm, exc: Obj) {
        if self.exc_sp > 0 {
            let i = self.blocks_base() + 3 * (self.exc_sp - 1) + 2;
            if let Some(s) = vm.stack.get_mut(i) {
                *s = exc;
            }
        }
    }

    /// The innermost exception being handled in this frame (for a bare
    /// `raise`), or NULL.
    pub fn active_exc(&self, vm: &Vm) -> Obj {
        for k in (0..self.exc_sp).rev() {
            let i = self.blocks_base() + 3 * k + 2;
            let e = vm.stack.get(i).copied().unwrap_or(Obj::NULL);
            if !e.is_null() {
                return e;
            }
        }
        Obj::NULL
    }

    /// The traceback entry for the current instruction.
    pub fn tb_entry(&self) -> TracebackEntry {
        TracebackEntry { file: self.code.file, line: self.code.line_for(self.ip), block: self.code.name }
    }

    /// Handles exception `exc` raised at the current instruction: records a
    /// traceback entry (unless it is a re-raise), drops blocks whose handler
    /// is already running, and jumps to the innermost remaining handler
    /// with the exception pushed. Returns false if no handler is left (the
    /// exception leaves the frame).
    pub fn catch(&mut self, vm: &mut Vm, exc: Obj) -> bool {
        let opc = self.code.code().get(self.ip).copied().unwrap_or(0);
        if opc != op::END_FINALLY && opc != op::RAISE_LAST {
            add_traceback(vm, exc, self.tb_entry());
        }
        while let Some(b) = self.top_block(vm) {
            if self.ip >= b.handler {
                // That handler is the code now running: leave it.
                self.exc_sp -= 1;
                continue;
            }
            self.sp = self.base + b.sp;
            if self.sp >= self.blocks_base() {
                return false;
            }
            vm.stack[self.sp] = exc;
            self.sp += 1;
            self.set_block_exc(vm, exc);
            self.ip = b.handler;
            return true;
        }
        false
    }
}

/// Appends a traceback entry to an exception object. Entries are charged
/// to the heap; when the heap is full (or for the preallocated
/// `MemoryError`, past 8 entries) further entries are dropped, as
/// MicroPython drops traceback data it cannot allocate.
pub fn add_traceback(vm: &mut Vm, exc: Obj, e: TracebackEntry) {
    let cap = if exc == vm.memory_error { crate::runtime::init::MEMORY_ERROR_TRACEBACK } else { usize::MAX };
    let target = match vm.heap.get(exc) {
        Some(ObjData::Instance(i)) => i.native,
        _ => exc,
    };
    let entry = core::mem::size_of::<TracebackEntry>();
    let (len, capacity) = match vm.heap.get(target) {
        Some(ObjData::Exception(x)) => (x.traceback.len(), x.traceback.capacity()),
        _ => return,
    };
    if len >= cap {
        return;
    }
    let grow = if len == capacity { capacity.max(4) * entry } else { 0 };
    if grow > 0 && !vm.heap.fits(grow) {
        return;
    }
    if let Some(ObjData::Exception(x)) = vm.heap.get_mut(target) {
        if grow > 0 {
            x.traceback.reserve_exact(capacity.max(4));
        }
        x.traceback.push(e);
    }
    vm.charge(grow);
}
