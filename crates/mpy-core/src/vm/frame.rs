//! Frames: a running function's state is `frame_size` slots, on
//! `Vm::stack` for plain calls (no gc-heap allocation per call) or inside
//! the generator object for generators (which run in place).
//!
//! Layout from the frame pointer `fp`: the value stack grows up from slot
//! 0; local `i` is at `n_state - 1 - i` (MicroPython's order); after the
//! `n_state` slots come `n_exc_stack` handler blocks of 3 slots each:
//! `[small int handler << 2 | kind, small int recorded depth, state]`,
//! where the state is NULL, the exception being handled, or the pending
//! unwind that entered a finally/with handler (small int -1 for `return`,
//! `dest << 8 | count` for a jump). Everything is an `Obj`, so the gc
//! scans it with the rest of the stack (or of the generator object).
//!
//! This module and the dispatch loop are the only code outside the heap
//! that reads memory through raw pointers: the frame's slots, at offsets
//! the bytecode verifier (`vm::verify`) proved to be inside the frame.
//! Everything here that is reached from outside the dispatch loop's hot
//! path checks its indices.
//!
//! The frame itself (a Rust local) holds the function object (and the
//! generator, when it runs one), which keep its raw code, qstr table,
//! constants and slots alive while the pinned slices into them are used.

use super::verify::kind;
use crate::obj::Obj;
use crate::qstr::Qstr;
use crate::state::Vm;
use crate::types::exception::{ExceptionObj, TracebackEntry};
#[cfg(not(target_os = "none"))]
use crate::types::tuple::TupleHead;
use crate::vmobj::{Code, ContextObj, FunHead};
#[cfg(not(target_os = "none"))]
use crate::vmobj::{QstrTableHead, RawCodeHead};
use crate::PyResult;
use mpy_bytecode::opcode as op;

/// A running (or suspended, for a generator) frame.
pub struct Frame<'a> {
    /// The function object being run (keeps everything below alive).
    pub fun: Obj,
    /// The generator whose object holds the slots, or NULL.
    pub gen: Obj,
    /// Its raw code, pinned.
    pub code: Code<'a>,
    /// The start of the module's qstr table, pinned (the dispatch loop
    /// reads verified indices; other code takes the table, bounds and
    /// all, from [`Frame::qstrs`]). Only the start: a smaller frame is
    /// quicker to set up on every call.
    pub qstrs: *const Qstr,
    /// The start of the module's constants, pinned (as `qstrs`).
    pub consts: *const Obj,
    /// Globals dict.
    pub globals: Obj,
    /// Locals dict for LOAD_NAME/STORE_NAME (module and class bodies).
    pub locals: Obj,
    /// Offset (into the opcodes) of the current instruction.
    pub ip: usize,
    /// Value-stack depth: slots `0..sp` are in use.
    pub sp: usize,
    /// Number of active handler blocks.
    pub exc_sp: usize,
    /// Slot 0 of the frame's `frame_size` slots.
    fp: *mut Obj,
}

/// A handler block as stored in the frame.
#[derive(Clone, Copy)]
pub struct Block {
    /// Code offset of the handler.
    pub handler: usize,
    /// [`kind`]: except, finally or with.
    pub kind: usize,
    /// Value-stack depth when the block was set up.
    pub sp: usize,
    /// NULL, the exception being handled, or a pending unwind (small int).
    pub state: Obj,
}

impl Block {
    /// A finally or with block (its handler runs on every exit)?
    #[inline]
    pub fn is_finally(&self) -> bool {
        self.kind != kind::EXCEPT
    }
}

/// Block state of a finally handler entered by `return`.
pub const PENDING_RETURN: isize = -1;

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
    /// A function's raw code was verified against the qstr table and
    /// constants of the context it is made with (`vm::load`: a raw code
    /// only ever meets its own module's context).
    ///
    /// Boards check every type here (smaller code).
    #[cfg(target_os = "none")]
    #[inline]
    pub fn of(vm: &Vm, fun: Obj) -> Option<FunView<'a>> {
        let (head, cells) = vm.heap.var_pinned::<FunHead>(fun)?;
        let code = Code::of(vm, head.code)?;
        let ctx = vm.heap.get::<ContextObj>(head.context)?;
        let (globals, qstrs, consts) = (ctx.globals, ctx.qstrs, ctx.consts);
        let qstrs = crate::vmobj::qstr_table(vm, qstrs);
        Some(FunView { code, cells, head, qstrs, consts: vm.tuple_pinned(consts).unwrap_or(&[]), globals })
    }

    /// Reads Python function `fun` (pinned: valid while `fun` is alive;
    /// see the board version), checking only `fun`'s type: on the desktop
    /// `vm::load::make_function` (the only maker of function objects,
    /// which are immutable) checks that its code is a raw code object and
    /// its context a [`ContextObj`], and `vm::load::module_function` (the
    /// only maker of contexts, also immutable) that a context's qstr table
    /// and constants are a [`QstrTableHead`] and a tuple.
    #[cfg(not(target_os = "none"))]
    #[inline(always)]
    pub fn of(vm: &Vm, fun: Obj) -> Option<FunView<'a>> {
        let _ = vm.heap.var_pinned::<FunHead>(fun)?;
        // SAFETY: `fun` is a function object (checked above), which holds
        // a raw code object and a context (the invariant above).
        Some(unsafe { Self::of_function(vm, fun) })
    }

    /// [`FunView::of`] of what is known to be a Python function (desktop:
    /// a generator's, which `vm::call` made it with), without the type
    /// check.
    ///
    /// # Safety
    /// `fun` must be a live function object.
    #[cfg(not(target_os = "none"))]
    #[inline(always)]
    pub unsafe fn of_function(vm: &Vm, fun: Obj) -> FunView<'a> {
        // SAFETY: the caller's contract.
        let (head, cells) = unsafe { vm.heap.var_pinned_unchecked::<FunHead>(fun) };
        // SAFETY: `head.code` is a raw code object and `head.context` a
        // context, which `fun` keeps alive (the invariant in `of`).
        let (rc, bytes) = unsafe { vm.heap.var_pinned_unchecked::<RawCodeHead>(head.code) };
        let code = Code::from_parts(rc, bytes);
        // SAFETY: as above.
        let ctx: &ContextObj = unsafe { vm.heap.get_unchecked::<ContextObj>(head.context) };
        let (globals, qstrs, consts) = (ctx.globals, ctx.qstrs, ctx.consts);
        // SAFETY: a context's qstr table and constants are of these types
        // (the invariant in `of`), kept alive by the context.
        let ((_, qstrs), (_, consts)) = unsafe {
            (vm.heap.var_pinned_unchecked::<QstrTableHead>(qstrs), vm.heap.var_pinned_unchecked::<TupleHead>(consts))
        };
        FunView { code, cells, head, qstrs, consts, globals }
    }
}

impl<'a> Frame<'a> {
    /// A frame for function `fun` (seen through `v`) whose slots start at
    /// `fp`, with `locals` for name lookups (the globals if NULL); `gen`
    /// is the generator holding the slots, or NULL.
    ///
    /// # Safety
    /// `fp` must point to `v.code.frame_size()` initialised slots that stay
    /// allocated, and are accessed only through this frame (and the frames
    /// it calls, above it), until the frame is dropped: a region of
    /// `Vm::stack` below its length (whose buffer never moves), or the
    /// items of generator `gen` while it is marked running.
    #[inline]
    pub unsafe fn new(fun: Obj, v: &FunView<'a>, locals: Obj, fp: *mut Obj, gen: Obj) -> Frame<'a> {
        Frame {
            fun,
            gen,
            code: v.code,
            qstrs: v.qstrs.as_ptr(),
            consts: v.consts.as_ptr(),
            globals: v.globals,
            locals: if locals.is_null() { v.globals } else { locals },
            ip: 0,
            sp: 0,
            exc_sp: 0,
            fp,
        }
    }

    /// The module's qstr table (read again through the function; for the
    /// out-of-line code, which checks its indices).
    pub fn qstr_table(&self, vm: &Vm) -> &'a [Qstr] {
        match vm.heap.get::<ContextObj>(self.context(vm)) {
            Some(c) => crate::vmobj::qstr_table(vm, c.qstrs),
            None => &[],
        }
    }

    /// The module's code context (for the functions this code makes), or
    /// NULL if the frame's function is not one (it always is).
    pub fn context(&self, vm: &Vm) -> Obj {
        vm.heap.var_pinned::<FunHead>(self.fun).map_or(Obj::NULL, |(h, _)| h.context)
    }

    /// Sets slot 0 (for a frame made before its slots).
    ///
    /// # Safety
    /// As for `fp` in [`Frame::new`].
    #[inline(always)]
    pub unsafe fn set_fp(&mut self, fp: *mut Obj) {
        self.fp = fp;
    }

    /// Slot 0 (for the dispatch loop).
    #[inline(always)]
    pub fn fp(&self) -> *mut Obj {
        self.fp
    }

    /// Number of slots.
    #[inline(always)]
    pub fn size(&self) -> usize {
        self.code.frame_size()
    }

    /// Slot `i` (NULL if out of range).
    #[inline]
    pub fn slot(&self, i: usize) -> Obj {
        if i < self.size() {
            // SAFETY: in range of the frame's slots (see `new`).
            unsafe { *self.fp.add(i) }
        } else {
            Obj::NULL
        }
    }

    /// Slots `from..to` (clamped to the frame) as a slice, e.g. for
    /// values popped but still in place.
    pub fn slots(&self, from: usize, to: usize) -> &[Obj] {
        let to = to.min(self.size());
        let from = from.min(to);
        // SAFETY: in range of the frame's slots (see `new`), which do not
        // move while the frame exists (a fixed-capacity value stack or a
        // gc block); the borrow of `self` keeps them from being written
        // through the frame while the slice lives.
        unsafe { core::slice::from_raw_parts(self.fp.add(from), to - from) }
    }

    /// Sets slot `i` (ignored if out of range).
    #[inline]
    pub fn set_slot(&mut self, i: usize, v: Obj) {
        if i < self.size() {
            // SAFETY: in range of the frame's slots (see `new`).
            unsafe { *self.fp.add(i) = v }
        }
    }

    /// Clears slots `from..to` (clamped to the value-stack area).
    #[inline]
    pub fn clear(&mut self, from: usize, to: usize) {
        let to = to.min(self.code.n_state());
        let mut i = from;
        while i < to {
            // SAFETY: `i < n_state <= frame_size`.
            unsafe { *self.fp.add(i) = Obj::NULL };
            i += 1;
        }
    }

    /// The top of the value stack (NULL if empty).
    #[inline]
    pub fn top(&self) -> Obj {
        match self.sp.checked_sub(1) {
            Some(i) => self.slot(i),
            None => Obj::NULL,
        }
    }

    /// Pushes `v` (false if the value stack is full).
    #[inline]
    pub fn push(&mut self, v: Obj) -> bool {
        if self.sp >= self.code.n_state() {
            return false;
        }
        self.set_slot(self.sp, v);
        self.sp += 1;
        true
    }

    /// Pops the top value (NULL if empty).
    #[inline]
    pub fn pop(&mut self) -> Obj {
        match self.sp.checked_sub(1) {
            Some(i) => {
                self.sp = i;
                self.slot(i)
            }
            None => Obj::NULL,
        }
    }

    /// Index of slot `j` of handler block `k`.
    #[inline(always)]
    fn block_slot(&self, k: usize, j: usize) -> usize {
        self.code.n_state() + 3 * k + j
    }

    /// Reads block `k`.
    pub fn block(&self, k: usize) -> Block {
        let h = self.slot(self.block_slot(k, 0)).as_small_int().unwrap_or(0) as usize;
        let sp = self.slot(self.block_slot(k, 1)).as_small_int().unwrap_or(0) as usize;
        Block { handler: h >> 2, kind: h & 3, sp, state: self.slot(self.block_slot(k, 2)) }
    }

    /// The top block, if any.
    #[inline]
    pub fn top_block(&self) -> Option<Block> {
        self.exc_sp.checked_sub(1).map(|k| self.block(k))
    }

    /// Pushes a block of `kind` recording depth `sp`; false if the frame's
    /// block area is full.
    pub fn push_block(&mut self, handler: usize, kind: usize, sp: usize) -> bool {
        if self.exc_sp >= self.code.head.n_exc_stack as usize {
            return false;
        }
        let k = self.exc_sp;
        self.set_slot(self.block_slot(k, 0), Obj::small_int(((handler << 2) | kind) as isize));
        self.set_slot(self.block_slot(k, 1), Obj::small_int(sp as isize));
        self.set_slot(self.block_slot(k, 2), Obj::NULL);
        self.exc_sp += 1;
        true
    }

    /// Pops the top block, clearing the state it recorded (a stale
    /// exception would keep it and its traceback alive).
    #[inline]
    pub fn pop_block(&mut self) -> Option<Block> {
        let b = self.top_block()?;
        self.exc_sp -= 1;
        self.set_slot(self.block_slot(self.exc_sp, 2), Obj::NULL);
        Some(b)
    }

    /// Sets the state of the top block.
    pub fn set_block_state(&mut self, state: Obj) {
        if let Some(k) = self.exc_sp.checked_sub(1) {
            self.set_slot(self.block_slot(k, 2), state);
        }
    }

    /// The innermost exception being handled in this frame (for a bare
    /// `raise`), or NULL.
    pub fn active_exc(&self) -> Obj {
        for k in (0..self.exc_sp).rev() {
            let e = self.slot(self.block_slot(k, 2));
            if !e.is_null() && !e.is_small_int() {
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
    /// with the stack at the block's depth plus the exception; the dead
    /// value-stack slots between it and the stack top at the raise
    /// (`self.sp` on entry) are cleared, so they pin no garbage. Returns
    /// false if no handler is left (the exception leaves the frame).
    pub fn catch(&mut self, vm: &mut Vm, exc: Obj) -> bool {
        let opc = self.code.code().get(self.ip).copied().unwrap_or(0);
        if opc != op::END_FINALLY && opc != op::RAISE_LAST {
            add_traceback(vm, exc, self.tb_entry());
        }
        while let Some(b) = self.top_block() {
            if self.ip >= b.handler {
                // That handler is the code now running: leave it.
                self.pop_block();
                continue;
            }
            let old_sp = self.sp;
            self.sp = b.sp;
            if !self.push(exc) {
                return false;
            }
            if old_sp > self.sp {
                self.clear(self.sp, old_sp);
            }
            self.set_block_state(exc);
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

/// Reserves `size` slots on top of the value stack, all NULL, and returns
/// the index of the first and a pointer to it. The stack's capacity is
/// fixed at start-up: its buffer never moves, so the pointer stays valid
/// until [`pop_frame_slots`] releases the slots.
///
/// A frame larger than a quarter of the whole value stack (a function
/// building a list display of thousands of items, say) gets its slots in a
/// gc-heap block instead, as MicroPython puts large code states in its
/// heap; the value stack is left as it was, so [`pop_frame_slots`] of the
/// returned `base` releases nothing, and the block is garbage once the
/// frame is gone.
///
/// Errors: `RuntimeError: maximum recursion depth exceeded` when the value
/// stack is full; `MemoryError` when a large frame's block does not fit.
#[cfg_attr(not(target_os = "none"), inline(always))]
#[cfg_attr(target_os = "none", inline)]
pub fn push_frame_slots(vm: &mut Vm, size: usize) -> PyResult<(usize, *mut Obj)> {
    let base = vm.stack.len();
    let cap = vm.stack.capacity();
    // Desktop, a small frame (most are): 8 or 16 slots cleared by a few
    // wide stores, past the frame into the spare capacity (harmless),
    // instead of a loop (or a call to `memset`). The slots are reached
    // through a raw pointer (`as_mut_ptr` makes no reference to the
    // buffer), which stays valid across `set_len`.
    #[cfg(not(target_os = "none"))]
    {
        let room = cap.wrapping_sub(base);
        let fp = vm.stack.as_mut_ptr().wrapping_add(base);
        if size <= 8 && room >= 8 {
            // SAFETY: 8 <= room slots past the length, aligned.
            unsafe { fp.cast::<[Obj; 8]>().write([Obj::NULL; 8]) };
            // SAFETY: the `size` slots after the old length were just
            // initialised and are within the capacity.
            unsafe { vm.stack.set_len(base + size) };
            return Ok((base, fp));
        }
        if size <= 16 && room >= 16 {
            // SAFETY: 16 <= room slots past the length, aligned.
            unsafe { fp.cast::<[Obj; 16]>().write([Obj::NULL; 16]) };
            // SAFETY: as above.
            unsafe { vm.stack.set_len(base + size) };
            return Ok((base, fp));
        }
    }
    #[cfg(target_os = "none")]
    let _ = (base, cap);
    push_frame_slots_other(vm, size)
}

/// [`push_frame_slots`] in general (desktop: a frame of more than 16
/// slots, or one near the value stack's end; boards: every frame).
///
/// Errors: as [`push_frame_slots`].
#[cfg_attr(not(target_os = "none"), inline(never))]
#[cfg_attr(target_os = "none", inline(always))]
fn push_frame_slots_other(vm: &mut Vm, size: usize) -> PyResult<(usize, *mut Obj)> {
    let base = vm.stack.len();
    let cap = vm.stack.capacity();
    let spare = vm.stack.spare_capacity_mut();
    let Some(slots) = spare.get_mut(..size) else {
        if size > cap / 4 {
            return heap_frame_slots(vm, size, base);
        }
        return Err(super::call::recursion_error(vm));
    };
    for s in slots.iter_mut() {
        s.write(Obj::NULL);
    }
    // SAFETY: the `size` slots after the old length were just initialised
    // and are within the capacity.
    unsafe { vm.stack.set_len(base + size) };
    // SAFETY: `base <= len`: in bounds of the buffer (a raw pointer, so no
    // reference to the buffer is created: the slots below remain usable
    // through the callers' frame pointers).
    let fp = unsafe { vm.stack.as_mut_ptr().add(base) };
    Ok((base, fp))
}

/// The slots of a large frame: a gc-heap buffer of `size` NULL words
/// (a [`crate::heap::GcVec`]'s, never shown to Python). Buffers do not
/// move; the frame's pointer into it, on the native stack while the frame
/// runs, keeps it alive (the collector honours interior pointers there and
/// scans the buffer's words as the frame's roots).
#[cold]
#[inline(never)]
fn heap_frame_slots(vm: &mut Vm, size: usize, base: usize) -> PyResult<(usize, *mut Obj)> {
    let mut slots = vm.new_vec::<Obj>(size)?;
    if !slots.resize_within_capacity(size, Obj::NULL) {
        return Err(vm.memory_error());
    }
    Ok((base, slots.as_mut_slice().as_mut_ptr()))
}

/// Releases the value-stack slots from `base` up (a frame's, when it
/// returns). Their contents stay in the buffer but are no longer scanned
/// by the gc; the next [`push_frame_slots`] clears them.
#[inline]
pub fn pop_frame_slots(vm: &mut Vm, base: usize) {
    vm.stack.truncate(base);
}
