//! Frames: a running function's state lives on `Vm::stack` (no gc-heap
//! allocation per call).
//!
//! Layout from `base`: the value stack grows up from `base`; local `i` is
//! at `base + n_state - 1 - i` (MicroPython's order); after the `n_state`
//! slots come `n_exc_stack` handler blocks of 3 slots each:
//! `[small int (handler << 1) | is_finally, small int sp - base, the
//! exception being handled or NULL]`. Everything is an `Obj`, so the gc
//! scans it with the rest of the stack.
//!
//! The frame itself (a Rust local) holds the function object, which keeps
//! its raw code, qstr table and constants alive while the pinned slices
//! into them are used.

use crate::obj::Obj;
use crate::qstr::Qstr;
use crate::state::Vm;
use crate::types::exception::{ExceptionObj, TracebackEntry};
use crate::vmobj::{qstr_table, Code, ContextObj, FunHead};
use mpy_bytecode::opcode as op;

/// A running (or suspended, when copied into a generator) frame.
pub struct Frame<'a> {
    /// The function object being run (keeps everything below alive).
    pub fun: Obj,
    /// Its raw code, pinned.
    pub code: Code<'a>,
    /// The module's qstr table, pinned.
    pub qstrs: &'a [Qstr],
    /// The module's constants, pinned.
    pub consts: &'a [Obj],
    /// The module's code context (for the functions this code makes).
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

/// What a function object gives a frame: its raw code, pinned
/// qstrs/constants and globals. None if `fun` is not a Python function.
pub struct FunView<'a> {
    /// The raw code.
    pub code: Code<'a>,
    /// The closed-over cells.
    pub cells: &'a [Obj],
    /// The function's header (defaults, context).
    pub head: &'a FunHead,
    /// The module's qstr table.
    pub qstrs: &'a [Qstr],
    /// The module's constants.
    pub consts: &'a [Obj],
    /// The module's globals.
    pub globals: Obj,
}

impl<'a> FunView<'a> {
    /// Reads Python function `fun` (pinned: valid while `fun` is alive).
    #[inline]
    pub fn of(vm: &Vm, fun: Obj) -> Option<FunView<'a>> {
        let (head, cells) = vm.heap.var_pinned::<FunHead>(fun)?;
        let code = Code::of(vm, head.code)?;
        let ctx = vm.heap.get::<ContextObj>(head.context)?;
        let (globals, qstrs, consts) = (ctx.globals, ctx.qstrs, ctx.consts);
        Some(FunView { code, cells, head, qstrs: qstr_table(vm, qstrs), consts: vm.tuple_pinned(consts).unwrap_or(&[]), globals })
    }
}

impl<'a> Frame<'a> {
    /// A frame for function `fun` (seen through `v`) whose slots start at
    /// `base`, with `locals` for name lookups (the globals if NULL).
    #[inline]
    pub fn new(fun: Obj, v: &FunView<'a>, locals: Obj, base: usize) -> Frame<'a> {
        Frame {
            fun,
            code: v.code,
            qstrs: v.qstrs,
            consts: v.consts,
            context: v.head.context,
            globals: v.globals,
            locals: if locals.is_null() { v.globals } else { locals },
            ip: 0,
            base,
            sp: base,
            exc_sp: 0,
        }
    }

    /// Index of the first handler-block slot.
    #[inline(always)]
    pub fn blocks_base(&self) -> usize {
        self.base + self.code.n_state()
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
        if self.exc_sp >= self.code.head.n_exc_stack as usize {
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

    /// Pops the top block, clearing the exception it recorded (a stale
    /// reference would keep it and its traceback alive).
    #[inline]
    pub fn pop_block(&mut self, vm: &mut Vm) {
        if self.exc_sp > 0 {
            self.exc_sp -= 1;
            let i = self.blocks_base() + 3 * self.exc_sp + 2;
            if let Some(s) = vm.stack.get_mut(i) {
                *s = Obj::NULL;
            }
        }
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
        TracebackEntry { file: self.code.head.file, line: self.code.line_for(self.ip), block: self.code.head.name }
    }

    /// Handles exception `exc` raised at the current instruction: records a
    /// traceback entry (unless it is a re-raise), drops blocks whose handler
    /// is already running, and jumps to the innermost remaining handler
    /// with the exception pushed; the dead value-stack slots between it and
    /// the stack top at the raise (`self.sp` on entry) are cleared, so they
    /// pin no garbage. Returns false if no handler is left (the exception
    /// leaves the frame).
    pub fn catch(&mut self, vm: &mut Vm, exc: Obj) -> bool {
        let opc = self.code.code().get(self.ip).copied().unwrap_or(0);
        if opc != op::END_FINALLY && opc != op::RAISE_LAST {
            add_traceback(vm, exc, self.tb_entry());
        }
        while let Some(b) = self.top_block(vm) {
            if self.ip >= b.handler {
                // That handler is the code now running: leave it.
                self.pop_block(vm);
                continue;
            }
            // The value-stack top when the exception was raised: what lies
            // between the handler's depth and it is dead.
            let old_sp = self.sp;
            self.sp = self.base + b.sp;
            let limit = self.blocks_base();
            if self.sp >= limit || limit > vm.stack.len() {
                return false;
            }
            vm.stack[self.sp] = exc;
            self.sp += 1;
            if old_sp > self.sp && old_sp <= limit {
                vm.stack[self.sp..old_sp].fill(Obj::NULL);
            }
            self.set_block_exc(vm, exc);
            self.ip = b.handler;
            return true;
        }
        false
    }
}

/// Appends a traceback entry to an exception object, growing its
/// traceback in the heap. When the heap is full the entry is dropped, as
/// MicroPython drops traceback data it cannot allocate; the preallocated
/// `MemoryError` only uses the capacity reserved for it at start-up.
pub fn add_traceback(vm: &mut Vm, exc: Obj, e: TracebackEntry) {
    let Some(x) = vm.heap.get_mut::<ExceptionObj>(exc) else { return };
    if x.traceback.push_within_capacity(e).is_ok() || exc == vm.memory_error {
        return;
    }
    if vm.vec_reserve(exc, |x: &mut ExceptionObj| &mut x.traceback, 1).is_ok() {
        if let Some(x) = vm.heap.get_mut::<ExceptionObj>(exc) {
            let _ = x.traceback.push_within_capacity(e);
        }
    }
}
