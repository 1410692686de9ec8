//! Heap objects owned by the VM: loaded code (raw code, qstr tables,
//! module code contexts), functions and generators.
//!
//! Shapes (all in the gc heap, registered in `heap/registry.rs`):
//!
//! * [`RawCodeHead`] + bytes: one loaded bytecode function body
//!   (MicroPython's `mp_raw_code_t` with its prelude decoded). Immutable.
//!   The `fun_data` bytes are the object's items when loaded from source
//!   or a `.mpy` file; frozen code keeps them in read-only memory
//!   ([`RawCodeHead::rom`]) and has no items. Children are a tuple of raw
//!   code objects.
//! * [`QstrTableHead`] + qstrs: a module's qstr table mapped to run-time
//!   qstrs (bytecode qstr operands index it). Immutable.
//! * [`ContextObj`]: a module's code context (MicroPython's
//!   `mp_module_context_t`): globals, qstr table and constants (a tuple).
//! * [`FunHead`] + cells: a Python function; a closure keeps its cells
//!   inline (1 cell: 8 words = 32 bytes on 32-bit). Immutable.
//! * [`GenHead`] + slots: a generator (or coroutine), its suspended frame
//!   state inline.

use crate::obj::{Obj, ObjBase};
use crate::qstr::{q, Qstr};
use crate::state::Vm;
use crate::typ::TypeObj;
use mpy_bytecode::varint;

/// The internal type of raw code objects.
pub static RAW_CODE_TYPE: TypeObj = TypeObj { name: q::code.tn(), ..TypeObj::EMPTY };
/// The internal type of qstr tables.
pub static QSTR_TABLE_TYPE: TypeObj = TypeObj { name: q::code.tn(), ..TypeObj::EMPTY };
/// The internal type of module code contexts.
pub static CONTEXT_TYPE: TypeObj = TypeObj { name: q::code.tn(), ..TypeObj::EMPTY };

/// The header of a loaded bytecode function body; the items are its
/// `fun_data` (signature, prelude, opcodes) unless it is frozen. Every
/// offset was checked by the loader (`vm::load`).
#[repr(C)]
pub struct RawCodeHead {
    /// Header ([`RAW_CODE_TYPE`]).
    pub base: ObjBase,
    /// Frozen `fun_data` in read-only memory (empty when the object's
    /// items hold the bytes).
    pub rom: &'static [u8],
    /// Nested raw codes (a tuple; MAKE_FUNCTION/MAKE_CLOSURE index it).
    pub children: Obj,
    /// The function name (run-time qstr).
    pub name: Qstr,
    /// Source file name (run-time qstr).
    pub file: Qstr,
    /// Offset of the first opcode in `fun_data`.
    pub code_start: u32,
    /// Offset of the line-number table (it ends at `cells_start`).
    pub line_start: u32,
    /// Offset of the cell list (it ends at `code_start`).
    pub cells_start: u32,
    /// Offset of the argument names (module qstr indices, vuints).
    pub args_start: u32,
    /// Number of state slots (locals + value stack).
    pub n_state: u32,
    /// Depth of the exception-handler stack.
    pub n_exc_stack: u32,
    /// `SCOPE_FLAG_*` bits (generator, *args, **kw, kw defaults), plus
    /// [`SCOPE_PLAIN`] (set by the loader, desktop builds).
    pub scope_flags: u32,
    /// Positional parameters (closed-over cells first).
    pub n_pos_args: u32,
    /// Keyword-only parameters.
    pub n_kwonly_args: u32,
    /// Positional parameters with defaults.
    pub n_def_pos_args: u32,
}

/// Run-time bit of [`RawCodeHead::scope_flags`] (never in a `.mpy`
/// file; the loader clears it there): a plain function, with no `*args`,
/// `**kw` or keyword-only parameters, no cell locals, not a generator, so
/// that a positional call passing exactly its parameters binds them by
/// copying (desktop builds set it; boards never).
pub const SCOPE_PLAIN: u32 = 1 << 31;

/// A loaded raw code as seen through a pinned borrow: the header and the
/// whole `fun_data`. Valid while the raw code object is alive (holding
/// this on the native stack keeps it alive).
#[derive(Clone, Copy)]
pub struct Code<'a> {
    /// The decoded prelude.
    pub head: &'a RawCodeHead,
    /// The whole `fun_data`.
    pub bytes: &'a [u8],
}

impl<'a> Code<'a> {
    /// The raw code object `o` (None if it is not one).
    #[inline(always)]
    pub fn of(vm: &Vm, o: Obj) -> Option<Code<'a>> {
        let (head, items) = vm.heap.var_pinned::<RawCodeHead>(o)?;
        Some(Code::from_parts(head, items))
    }

    /// The raw code whose header and items are `head` and `items`.
    #[inline(always)]
    pub fn from_parts(head: &'a RawCodeHead, items: &'a [u8]) -> Code<'a> {
        Code { head, bytes: if items.is_empty() { head.rom } else { items } }
    }

    /// The opcodes.
    #[inline(always)]
    pub fn code(&self) -> &'a [u8] {
        self.bytes.get(self.head.code_start as usize..).unwrap_or(&[])
    }

    /// The cell list: local indices to turn into cells on entry.
    #[inline]
    pub fn cells(&self) -> &'a [u8] {
        self.bytes.get(self.head.cells_start as usize..self.head.code_start as usize).unwrap_or(&[])
    }

    /// Number of state slots.
    #[inline(always)]
    pub fn n_state(&self) -> usize {
        self.head.n_state as usize
    }

    /// Slots a frame of this code occupies on the value stack: the state
    /// then 3 per handler block.
    #[inline(always)]
    pub fn frame_size(&self) -> usize {
        self.head.n_state as usize + 3 * self.head.n_exc_stack as usize
    }

    /// The line of the instruction at code offset `off`.
    pub fn line_for(&self, off: usize) -> u32 {
        let t = self.bytes.get(self.head.line_start as usize..self.head.cells_start as usize).unwrap_or(&[]);
        mpy_bytecode::line_table::line_for_offset(t, off as u32).unwrap_or(0)
    }

    /// The module qstr index of parameter `i` (positional then
    /// keyword-only), decoded from the prelude (no allocation).
    pub fn arg_name_index(&self, i: usize) -> Option<usize> {
        let mut pos = self.head.args_start as usize;
        let mut v = 0;
        for _ in 0..=i {
            v = varint::decode_vuint(self.bytes, &mut pos).ok()?;
        }
        Some(v as usize)
    }

    /// The nested raw code `i`.
    #[inline]
    pub fn child(&self, vm: &Vm, i: usize) -> Option<Obj> {
        vm.tuple_pinned(self.head.children)?.get(i).copied()
    }
}

/// The header of a module's qstr table (items: run-time qstrs).
#[repr(C)]
pub struct QstrTableHead {
    /// Header ([`QSTR_TABLE_TYPE`]).
    pub base: ObjBase,
}

/// The qstr table `o`, pinned (empty if `o` is not one).
#[cfg_attr(not(target_os = "none"), inline(always))]
#[cfg_attr(target_os = "none", inline(never))]
pub fn qstr_table<'a>(vm: &Vm, o: Obj) -> &'a [Qstr] {
    vm.heap.var_pinned::<QstrTableHead>(o).map(|(_, q)| q).unwrap_or(&[])
}

/// A module's code context: what every function of one loaded module
/// shares (MicroPython's `mp_module_context_t`).
#[repr(C)]
pub struct ContextObj {
    /// Header ([`CONTEXT_TYPE`]).
    pub base: ObjBase,
    /// The module's globals dict.
    pub globals: Obj,
    /// The module's qstr table (a [`QstrTableHead`] object).
    pub qstrs: Obj,
    /// The module's constants (a tuple).
    pub consts: Obj,
}

/// The header of a Python function; the items are the closed-over cells
/// (passed as the first positional arguments).
#[repr(C)]
pub struct FunHead {
    /// Header (`function`).
    pub base: ObjBase,
    /// The raw code object.
    pub code: Obj,
    /// The module's [`ContextObj`] (globals, qstrs, constants).
    pub context: Obj,
    /// Default positional values (a tuple) or NULL.
    pub defaults: Obj,
    /// Default keyword-only values (a dict) or NULL.
    pub kw_defaults: Obj,
}

/// The name of Python function `f` (None if `f` is not one).
pub fn function_name(vm: &Vm, f: Obj) -> Option<Qstr> {
    let (h, _) = vm.heap.var_pinned::<FunHead>(f)?;
    Code::of(vm, h.code).map(|c| c.head.name)
}

/// The globals dict of Python function `f` (None if `f` is not one).
pub fn function_globals(vm: &Vm, f: Obj) -> Option<Obj> {
    let (h, _) = vm.heap.var_pinned::<FunHead>(f)?;
    vm.heap.get::<ContextObj>(h.context).map(|c| c.globals)
}

/// Is `o` a Python (bytecode) function?
#[inline(always)]
pub fn is_function(o: Obj) -> bool {
    o.ptr_type().is_some_and(|t| core::ptr::eq(t, &crate::types::misc::FUNCTION_TYPE))
}

/// Generator state bits ([`GenHead::flags`]).
pub mod gen_flags {
    /// It has finished (returned or raised).
    pub const FINISHED: u32 = 1;
    /// It is executing now (re-entry raises ValueError).
    pub const RUNNING: u32 = 2;
    /// It has been started (a non-None send before start is a TypeError).
    pub const STARTED: u32 = 4;
    /// Desktop: suspended with YIELD_FROM next (its delegate on top of
    /// the stack; `vm::gen` resumes a generator delegate directly).
    pub const AT_YIELD_FROM: u32 = 8;
    /// Desktop: suspended by YIELD_VALUE with POP_TOP next (the value sent
    /// in is unused: `vm::gen` resumes past the POP_TOP).
    pub const AT_POP_TOP: u32 = 16;
}

/// The header of a generator (or coroutine); the items are its saved
/// frame: `n_state` slots then 3 slots per handler block (once it has
/// finished: no items on the boards, all NULL on the desktop).
#[repr(C)]
pub struct GenHead {
    /// Header (`generator`).
    pub base: ObjBase,
    /// The generator function.
    pub fun: Obj,
    /// Code offset to resume at.
    pub ip: u32,
    /// Value-stack top, relative to the state start.
    pub sp: u32,
    /// Active handler blocks.
    pub exc_sp: u32,
    /// [`gen_flags`] bits.
    pub flags: u32,
}
