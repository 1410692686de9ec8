//! Fixed opcode sequences written as data: the long straight-line runs
//! of `async with`, `async for`, `with` and `try` cost a byte or a few
//! each in a table instead of a call each in code (board flash).
//!
//! A sequence is a byte string read by [`Compiler::seq`]: a byte below
//! [`LABEL`]` + 8` and the markers below take operands, every other byte
//! is an opcode written with [`crate::emit::Emitter::op`] (its stack
//! effect from the opcode table). Labels are numbered from a base label
//! the caller allocated with its neighbours.

use super::Compiler;
use mpy_bytecode::opcode as op;

/// `LABEL + k`: places label `base + k` (k < 8).
pub(crate) const LABEL: u8 = 0x00;
/// `JUMP, opcode, k`: a jump-like opcode to label `base + k`.
pub(crate) const JUMP: u8 = 0x08;
/// `NAME, opcode, i`: an opcode with the qstr operand [`NAMES`]`[i]`.
pub(crate) const NAME: u8 = 0x09;
/// `CALL_METHOD_N, n`: CALL_METHOD with `n` positional arguments.
pub(crate) const CALL_METHOD_N: u8 = 0x0a;
/// `ADJUST, n as u8`: adjusts the tracked stack depth by `n` (an `i8`).
pub(crate) const ADJUST: u8 = 0x0b;
/// Enters an exception handler level.
pub(crate) const EXC_UP: u8 = 0x0c;
/// Leaves an exception handler level.
pub(crate) const EXC_DOWN: u8 = 0x0d;
/// `exception match` (BINARY_OP_MULTI + 8).
pub(crate) const EXC_MATCH: u8 = op::BINARY_OP_MULTI + 8;

/// Qstr operands of [`NAME`].
const NAMES: [&str; 7] = ["__aenter__", "BaseException", "__aexit__", "__class__", "__aiter__", "__anext__", "StopAsyncIteration"];
pub(crate) const N_AENTER: u8 = 0;
pub(crate) const N_BASE_EXCEPTION: u8 = 1;
pub(crate) const N_AEXIT: u8 = 2;
pub(crate) const N_CLASS: u8 = 3;
pub(crate) const N_AITER: u8 = 4;
pub(crate) const N_ANEXT: u8 = 5;
pub(crate) const N_STOP_ASYNC_ITERATION: u8 = 6;

impl<'a> Compiler<'a> {
    /// Writes the sequence `s` (see the module docs), its labels numbered
    /// from `base`.
    #[inline(never)]
    pub(crate) fn seq(&mut self, s: &[u8], base: u32) {
        let mut i = 0;
        let arg = |k: usize| u32::from(s.get(k).copied().unwrap_or(0));
        while let Some(&b) = s.get(i) {
            i += 1;
            match b {
                JUMP => {
                    self.e.jump(arg(i) as u8, base + arg(i + 1));
                    i += 2;
                }
                NAME => {
                    let name = NAMES.get(arg(i + 1) as usize).copied().unwrap_or("");
                    self.op_q(arg(i) as u8, name);
                    i += 2;
                }
                CALL_METHOD_N => {
                    let n = arg(i);
                    self.e.op_uint(op::CALL_METHOD, n, -1 - n as i32);
                    i += 1;
                }
                ADJUST => {
                    self.e.adjust_stack(i32::from(arg(i) as u8 as i8));
                    i += 1;
                }
                EXC_UP => self.increase_except_level(),
                EXC_DOWN => self.decrease_except_level(),
                _ if b < JUMP => self.e.label(base + u32::from(b)),
                _ => self.e.op(b),
            }
        }
    }

    /// `n` fresh consecutive labels; the first is returned.
    pub(crate) fn new_labels(&mut self, n: u32) -> u32 {
        let l = self.next_label;
        self.next_label += n;
        l
    }
}
