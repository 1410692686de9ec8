//! The bytecode emitter: one [`Emitter`] per scope and pass writes opcodes
//! into a buffer, resolves labels, sizes jumps, tracks the value-stack
//! depth and records the line-number table.
//!
//! Pass structure (as in MicroPython): the scope pass only gathers facts;
//! the stack-size pass lays out code with every jump in its 3-byte form;
//! from the code-size pass on, a jump takes the 2-byte form when
//! `label - (here + 2)` fits, reading one label table updated in place (a
//! forward jump sees the previous pass's offset, a backward jump this
//! pass's); emit passes repeat until the code size stops changing.

pub mod tables;

use crate::mem::Mem;
use alloc::vec::Vec;
use mpy_bytecode::opcode as op;
use mpy_bytecode::varint::{encode_jump, encode_small_int, encode_vuint};

/// The most bytes one instruction takes: opcode, a 10-byte signed
/// operand or a 5-byte vuint plus a byte, or a jump (opcode, 2-byte
/// offset, 1 extra byte). Room for this is reserved before each write so
/// the bytecode crate's encoders never grow the buffer themselves.
const MAX_INSN: usize = 16;

/// Compiler pass, in execution order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Pass {
    /// Scope analysis: names are recorded in scopes, no real code.
    Scope,
    /// Maximum value-stack depth is measured.
    StackSize,
    /// Code is laid out with long jumps, giving first label offsets.
    CodeSize,
    /// Final emission (repeated until the code size is stable).
    Emit,
}

/// A label id, allocated per scope in traversal order (identical in every
/// pass).
pub type Label = u32;

/// Bytecode buffer and bookkeeping for one scope during one pass.
///
/// Every buffer grows through the compilation's [`Mem`]; a write that
/// does not fit is dropped (the `Mem` records the failure and the pass
/// reports `MemoryError` when it ends).
///
/// (`repr(C)`: the fields read most, the byte-sized first, at the
/// offsets the short Thumb loads reach.)
#[derive(Debug)]
#[repr(C)]
pub struct Emitter<'m> {
    /// The current pass.
    pub pass: Pass,
    /// Code is unreachable (after a return, raise or unconditional jump)
    /// until the next label: bytes are not written, but stack depth, line
    /// numbers and table entries are still tracked (as MicroPython does).
    pub suppress: bool,
    /// Whether line numbers are recorded (off at `-O3`).
    pub record_lines: bool,
    mem: &'m Mem,
    /// Current value-stack depth.
    pub stack: i32,
    /// Maximum value-stack depth seen.
    pub max_stack: i32,
    /// Opcodes written so far (no prelude).
    pub code: Vec<u8>,
    /// Label offsets, updated in place as labels are placed: a forward
    /// jump sees the previous pass's offset, a backward jump this pass's
    /// (`u32::MAX` = never placed).
    labels: Vec<u32>,
    /// Line-number entries `(bytecode offset, line)`, increasing lines.
    pub lines: Vec<(u32, u32)>,
    last_line: u32,
    /// Index of the next child raw code (MAKE_FUNCTION ordinal).
    pub next_child: u32,
    /// Scope indexes of the children in MAKE_FUNCTION order.
    pub children: Vec<u32>,
}

impl<'m> Emitter<'m> {
    /// A fresh emitter for the first pass of a scope (allocates nothing).
    pub fn new(mem: &'m Mem) -> Self {
        Emitter {
            mem,
            pass: Pass::Scope,
            code: Vec::new(),
            stack: 0,
            max_stack: 0,
            labels: Vec::new(),
            lines: Vec::new(),
            last_line: 1,
            record_lines: true,
            next_child: 0,
            children: Vec::new(),
            suppress: false,
        }
    }

    /// Frees the code buffer and the line entries of the scope just
    /// finished (their contents were copied into its raw code), and
    /// forgets its label offsets, ready for the next scope.
    pub fn finish_scope(&mut self) {
        let mem = self.mem;
        let code = core::mem::take(&mut self.code);
        let lines = core::mem::take(&mut self.lines);
        mem.credit(code.capacity() + lines.capacity() * core::mem::size_of::<(u32, u32)>());
        self.labels.clear();
    }

    /// Starts `pass`: clears the buffer and keeps the previous pass's
    /// label offsets for jump sizing.
    pub fn start_pass(&mut self, pass: Pass) {
        self.pass = pass;
        self.code.clear();
        self.stack = 0;
        self.max_stack = 0;
        self.lines.clear();
        self.last_line = 1;
        self.next_child = 0;
        self.children.clear();
        self.suppress = false;
    }

    /// Current bytecode offset.
    pub fn offset(&self) -> u32 {
        self.code.len() as u32
    }

    /// Records that code from here on comes from source `line` (only when
    /// the line increases, as MicroPython's table can only go forward).
    pub fn set_line(&mut self, line: u32) {
        if self.record_lines && line > self.last_line {
            if self.pass != Pass::Scope {
                let off = self.offset();
                let _ = self.mem.push(&mut self.lines, (off, line));
            }
            self.last_line = line;
        }
    }

    /// The last line recorded (for error messages).
    pub fn last_line_hint(&self) -> u32 {
        self.last_line
    }

    /// Adjusts the tracked stack depth by `n` (may be negative).
    #[cfg_attr(target_os = "none", inline(never))]
    pub fn adjust_stack(&mut self, n: i32) {
        self.stack += n;
        if self.stack > self.max_stack {
            self.max_stack = self.stack;
        }
    }

    /// Places `label` at the current offset.
    pub fn label(&mut self, label: Label) {
        self.suppress = false;
        if self.pass == Pass::Scope {
            return;
        }
        let i = label as usize;
        let n = self.labels.len();
        if n <= i && self.mem.reserve(&mut self.labels, i + 1 - n).is_ok() {
            self.labels.resize(i + 1, u32::MAX);
        }
        let off = self.offset();
        if let Some(l) = self.labels.get_mut(i) {
            *l = off;
        }
    }

    /// Adjusts the stack depth; true if the instruction is to be written
    /// (reachable code in a pass after the scope pass, which writes no
    /// code, and room reserved for it).
    fn begin(&mut self, stack: i32) -> bool {
        self.adjust_stack(stack);
        self.writes() && self.mem.reserve(&mut self.code, MAX_INSN).is_ok()
    }

    /// Whether code is written here: reachable, and not the scope pass.
    fn writes(&self) -> bool {
        !self.suppress && self.pass != Pass::Scope
    }

    /// Writes raw bytes (at most [`MAX_INSN`]) as reachable code.
    pub fn raw(&mut self, bytes: &[u8]) {
        if self.writes() && bytes.len() <= MAX_INSN && self.mem.reserve(&mut self.code, MAX_INSN).is_ok() {
            self.code.extend_from_slice(bytes);
        }
    }

    /// Writes an opcode without argument (its stack effect is
    /// [`stack_effect`]'s).
    pub fn op(&mut self, opcode: u8) {
        if self.begin(stack_effect(opcode)) {
            self.code.push(opcode);
        }
        if matches!(opcode, op::RETURN_VALUE | op::RAISE_LAST | op::RAISE_OBJ | op::RAISE_FROM) {
            self.suppress = true;
        }
    }

    /// Writes an opcode with a vuint argument (qstr index, count, local
    /// number, constant index, ...).
    pub fn op_uint(&mut self, opcode: u8, arg: u32, stack: i32) {
        if self.begin(stack) {
            self.code.push(opcode);
            encode_vuint(&mut self.code, arg);
        }
    }

    /// Writes an opcode with a vuint argument then one raw byte
    /// (MAKE_CLOSURE, MAKE_CLOSURE_DEFARGS).
    pub fn op_uint_byte(&mut self, opcode: u8, arg: u32, byte: u8, stack: i32) {
        if self.begin(stack) {
            self.code.push(opcode);
            encode_vuint(&mut self.code, arg);
            self.code.push(byte);
        }
    }

    /// Loads a small int (compact form for −16..47, else
    /// LOAD_CONST_SMALL_INT with a signed operand).
    pub fn load_small_int(&mut self, v: i64) {
        if (-16..48).contains(&v) {
            self.op((i64::from(op::LOAD_CONST_SMALL_INT_MULTI) + 16 + v) as u8);
        } else if self.begin(1) {
            self.code.push(op::LOAD_CONST_SMALL_INT);
            encode_small_int(&mut self.code, v);
        }
    }

    /// Writes a jump-like opcode to `label` (its stack effect is
    /// [`stack_effect`]'s), sizing the offset from the previous pass's
    /// label offsets (3-byte form before the emit passes).
    pub fn jump(&mut self, opcode: u8, label: Label) {
        self.jump_extra(opcode, label, None);
    }

    /// UNWIND_JUMP to `label`, with its unwind byte.
    pub fn unwind_jump(&mut self, label: Label, byte: u8) {
        self.jump_extra(op::UNWIND_JUMP, label, Some(byte));
    }

    /// [`Emitter::jump`], then the byte `extra` if given.
    fn jump_extra(&mut self, opcode: u8, label: Label, extra: Option<u8>) {
        if !self.begin(stack_effect(opcode)) {
            return;
        }
        if matches!(opcode, op::JUMP | op::UNWIND_JUMP) {
            self.suppress = true;
        }
        let signed = opcode <= op::POP_JUMP_IF_FALSE;
        // Offsets in 32-bit arithmetic (cheaper on the boards; code
        // offsets are far below 2^31).
        let here = self.offset() as i32;
        self.code.push(opcode);
        let target = self.labels.get(label as usize).copied().unwrap_or(u32::MAX);
        let known = target != u32::MAX;
        let target = target as i32;
        let mut long = true;
        if self.pass >= Pass::CodeSize && known {
            let off = target.wrapping_sub(here.wrapping_add(2));
            long = if signed { !(-64..=63).contains(&off) } else { !(0..=127).contains(&off) };
        }
        let end = here.wrapping_add(if long { 3 } else { 2 });
        let off = if known { target.wrapping_sub(end).clamp(-0x4000, 0x3fff) } else { 0 };
        if !encode_jump(&mut self.code, off, signed, long) {
            // Out of range in an intermediate pass: keep the size right.
            self.code.push(0x80);
            if long {
                self.code.push(0);
            }
        }
        if let Some(b) = extra {
            self.code.push(b);
        }
    }

}

/// Value-stack effects of the opcodes 0x10..0x6a that have a fixed one
/// (0 for those whose effect depends on their operand, which are written
/// with an explicit effect).
const EFFECTS: [i8; 0x5a] = [
    // 0x10 LOAD_CONST_STRING, LOAD_NAME, LOAD_GLOBAL, LOAD_ATTR, LOAD_METHOD,
    // LOAD_SUPER_METHOD, STORE_NAME, STORE_GLOBAL, STORE_ATTR, DELETE_NAME,
    // DELETE_GLOBAL, IMPORT_NAME, IMPORT_FROM
    1, 1, 1, 0, 1, -1, -1, -1, -2, 0, 0, -1, 1, 0, 0, 0,
    // 0x20 -, -, LOAD_CONST_SMALL_INT, LOAD_CONST_OBJ, LOAD_FAST_N,
    // LOAD_DEREF, STORE_FAST_N, STORE_DEREF, DELETE_FAST, DELETE_DEREF;
    // 0x20..0x3f otherwise operand-dependent
    0, 0, 1, 1, 1, 1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    // 0x40 UNWIND_JUMP, -, JUMP, POP_JUMP_IF_TRUE, POP_JUMP_IF_FALSE,
    // JUMP_IF_TRUE_OR_POP, JUMP_IF_FALSE_OR_POP, SETUP_WITH, SETUP_EXCEPT,
    // SETUP_FINALLY, POP_EXCEPT_JUMP, FOR_ITER
    0, 0, 0, -1, -1, -1, -1, 2, 0, 0, 0, 1, 0, 0, 0, 0,
    // 0x50 LOAD_CONST_FALSE, _NONE, _TRUE, LOAD_NULL, LOAD_BUILD_CLASS,
    // LOAD_SUBSCR, STORE_SUBSCR, DUP_TOP, DUP_TOP_TWO, POP_TOP, ROT_TWO,
    // ROT_THREE, WITH_CLEANUP, END_FINALLY, GET_ITER, GET_ITER_STACK
    1, 1, 1, 1, 1, -1, -3, 1, 2, -1, 0, 0, 2, -1, 0, 3,
    // 0x60 -, -, STORE_MAP, RETURN_VALUE, RAISE_LAST, RAISE_OBJ,
    // RAISE_FROM, YIELD_VALUE, YIELD_FROM, IMPORT_STAR
    0, 0, -2, -1, 0, -1, -2, 0, -1, -1,
];

/// The value-stack effect of `opcode` when it does not depend on its
/// operand: the opcodes written by [`Emitter::op`] and
/// [`Emitter::jump`], and those with a qstr operand.
pub fn stack_effect(opcode: u8) -> i32 {
    match opcode {
        // LOAD_CONST_SMALL_INT_MULTI, LOAD_FAST_MULTI
        0x70..=0xbf => 1,
        // STORE_FAST_MULTI
        0xc0..=0xcf => -1,
        // UNARY_OP_MULTI
        0xd0..=0xd6 => 0,
        // BINARY_OP_MULTI
        0xd7..=0xff => -1,
        _ => EFFECTS.get(usize::from(opcode.wrapping_sub(0x10))).map_or(0, |&e| i32::from(e)),
    }
}

/// Encodes the line-number table from `(offset, line)` entries (as the
/// bytecode crate's [`mpy_bytecode::line_table::LineTableBuilder`] does:
/// an entry only when the line increases), reserving each entry's bytes
/// first.
pub fn encode_lines(mem: &Mem, entries: &[(u32, u32)]) -> Result<Vec<u8>, crate::mem::Oom> {
    let mut out = Vec::new();
    let (mut last_off, mut last_line) = (0u32, 1u32);
    for &(off, line) in entries {
        if line > last_line {
            let bytes = off.saturating_sub(last_off);
            let lines = line - last_line;
            // At most 3 bytes over one per 31 code bytes and two per
            // 2047 lines (a bound, cheaper than encode_delta_len).
            mem.reserve(&mut out, (bytes / 31 + lines / 1023 + 6) as usize)?;
            mpy_bytecode::line_table::encode_delta(&mut out, bytes, lines);
            last_off = off;
            last_line = line;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn line_delta_fits_the_reserved_bound() {
        let mut v = alloc::vec::Vec::new();
        let lines = (0..40).chain((1..5).flat_map(|k| (2039..2056).map(move |j| k * 2047 + j - 2047)));
        for l in lines.chain([20_000, 1 << 20]) {
            for b in (0..200).chain([1000, 4099, 65_537]) {
                v.clear();
                mpy_bytecode::line_table::encode_delta(&mut v, b, l);
                assert!(v.len() <= (b / 31 + l / 1023 + 6) as usize, "{b} {l}");
            }
        }
    }
}
