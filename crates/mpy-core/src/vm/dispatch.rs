//! The dispatch loop: executes one frame's bytecode until it returns,
//! yields or lets an exception escape.
//!
//! The loop keeps `ip` (a pointer into the opcodes) and `sp` (a pointer
//! to the next free value-stack slot) in locals and reads operands, locals
//! and the value stack without bounds checks: `vm::verify` proved, for the
//! code it runs, that every instruction decodes inside the code, that
//! operand indices are inside their tables, that jumps land on
//! instructions, that no path runs off the end, and that the value stack
//! stays within `0..n_state` at every instruction (given the stack effects
//! implemented here and the block handling in [`super::ops`]). Rare
//! opcodes run out of line in [`super::ops`], on the frame's checked
//! accessors.

use super::frame::Frame;
use super::ops;
use crate::obj::Obj;
use crate::qstr::Qstr;
use crate::state::Vm;
use crate::typ::{Subscr, UnaryOp};
use crate::types::list::ListObj;
use crate::types::misc::CellObj;
use crate::{PyErr, PyResult};
use mpy_bytecode::opcode as op;
use super::access::*;
pub use super::access::{list_append, load_global, name_error, ns_lookup, ns_store};
use super::fastpath::*;
#[cfg(not(target_os = "none"))]
use super::fastpath::bin_op::*;
use super::scrub::scrub_after_call;
mod iter;
mod operand;
mod run;
mod slots;
#[cfg(not(target_os = "none"))]
use iter::str_iter_next;
use iter::{plain_str_any, range_slots};
#[cfg(not(target_os = "none"))]
use operand::read_small_int_multi;
use operand::{read_jump, read_uint};
use run::poll_interrupt;
use slots::clear;
#[cfg(not(target_os = "none"))]
use slots::SMALL_INT_OPS;
pub use run::run;

/// How a frame stopped running.
pub enum Outcome {
    /// RETURN_VALUE.
    Return(Obj),
    /// YIELD_VALUE / YIELD_FROM suspended a generator frame.
    Yield(Obj),
}

/// [`bad_code`] for an opcode byte outside the table (kept a separate
/// function so that the dispatch table spans all byte values).
#[cfg(not(target_os = "none"))]
#[cold]
#[inline(never)]
fn bad_opcode(vm: &mut Vm, opc: u8) -> PyErr {
    core::hint::black_box(opc);
    bad_code(vm)
}

/// The "malformed bytecode" error (the verifier rejects most of it
/// upfront; what remains is caught at run time by the rare opcodes that
/// check). Desktop: cold and out of line, away from the loop's hot paths
/// (boards: inlined, which their dispatch loop's size prefers).
#[cfg_attr(not(target_os = "none"), cold, inline(never))]
pub fn bad_code(vm: &mut Vm) -> PyErr {
    vm.runtime_error(crate::msg!("invalid bytecode"))
}

/// How [`execute`] left the loop: [`EXIT_RETURN`], [`EXIT_YIELD`] or
/// [`EXIT_RAISE`], and the value, exception or yielded value. Two words,
/// returned in registers (a `PyResult<Outcome>` goes through memory).
#[derive(Clone, Copy)]
struct Exit {
    /// How it left.
    kind: usize,
    /// The returned or yielded value, or the exception.
    v: Obj,
}

/// [`Exit::kind`]: RETURN_VALUE (or a finally's pending return).
const EXIT_RETURN: usize = 0;
/// [`Exit::kind`]: YIELD_VALUE / YIELD_FROM suspended the frame.
const EXIT_YIELD: usize = 1;
/// [`Exit::kind`]: an exception left the loop (the frame's handlers have
/// not seen it yet).
const EXIT_RAISE: usize = 2;

impl Exit {
    /// As a [`run`] result.
    #[inline(always)]
    fn result(self) -> PyResult<Outcome> {
        match self.kind {
            EXIT_RETURN => Ok(Outcome::Return(self.v)),
            EXIT_YIELD => Ok(Outcome::Yield(self.v)),
            _ => Err(PyErr(self.v)),
        }
    }
}

/// The instruction loop proper. `pending` is an exception thrown into a
/// generator suspended at YIELD_FROM (NULL normally).
fn execute(vm: &mut Vm, f: &mut Frame<'_>, mut pending: Obj) -> Exit {
    // Pinned views of the code, qstrs and constants: the frame's function
    // keeps them alive.
    let fcode = f.code;
    // The first opcode (`fcode.code()`'s start, without its bounds check:
    // the loader checked that `code_start` is within the bytes).
    let cp: *const u8 = fcode.bytes.as_ptr().wrapping_add(fcode.head.code_start as usize);
    let qstrs: *const Qstr = f.qstrs;
    let consts: *const Obj = f.consts;
    let fp: *mut Obj = f.fp();
    // Local i is `fast_end - 1 - i` (only dereferenced for verified
    // i < n_state): one base for every local (with local 0 at `fast_end -
    // 1` as a separate base, the loop kept two, each stored on entry).
    let fast_end: *mut Obj = fp.wrapping_add(fcode.n_state());
    // Boards: local 0's address as the base (smaller code there).
    #[cfg(target_os = "none")]
    let fastn: *mut Obj = fast_end.wrapping_sub(1);
    // SAFETY: a frame's `ip` is always an instruction of its code (the
    // entry, a verified jump or handler target, or the next instruction),
    // and `sp <= n_state <= frame_size` (verified depth).
    let (mut ip, mut sp): (*const u8, *mut Obj) = unsafe { (cp.add(f.ip), fp.add(f.sp)) };
    // Writes the current instruction's offset and the stack depth back to
    // the frame (for tracebacks, handlers and the out-of-line opcodes).
    macro_rules! save {
        () => {{
            f.ip = ip.addr() - cp.addr();
            f.sp = (sp.addr() - fp.addr()) / core::mem::size_of::<Obj>();
        }};
    }
    // Reloads them after an out-of-line opcode changed them.
    macro_rules! load {
        () => {{
            // SAFETY: the out-of-line opcodes leave `f.ip` at an
            // instruction and `f.sp` within the frame (as above).
            unsafe {
                ip = cp.add(f.ip);
                sp = fp.add(f.sp);
            }
        }};
    }
    // Reloads only the stack depth (the instruction goes on normally).
    macro_rules! load_sp {
        () => {{
            // SAFETY: the out-of-line opcodes leave `f.sp` within the frame.
            sp = unsafe { fp.add(f.sp) };
        }};
    }
    macro_rules! fail {
        ($e:expr) => {{
            let e: PyErr = $e;
            save!();
            return Exit { kind: EXIT_RAISE, v: e.0 };
        }};
    }
    macro_rules! tri {
        ($e:expr) => {
            match $e {
                Ok(v) => v,
                Err(e) => fail!(e),
            }
        };
    }
    // Value-stack access. SAFETY (all of them): the verifier proved that
    // every instruction finds the slots it pops (`sp - k >= fp`) and that
    // what it pushes stays within `n_state` slots, for the stack effects
    // written in each arm below.
    macro_rules! push {
        ($v:expr) => {{
            let v = $v;
            // SAFETY: see above.
            unsafe {
                sp.write(v);
                sp = sp.add(1);
            }
        }};
    }
    macro_rules! pop {
        () => {{
            // SAFETY: see above.
            unsafe {
                sp = sp.sub(1);
                sp.read()
            }
        }};
    }
    macro_rules! peek {
        ($k:expr) => {{
            // SAFETY: see above (`$k` slots are in use).
            unsafe { sp.sub($k).read() }
        }};
    }
    macro_rules! top {
        () => {
            peek!(1)
        };
    }
    macro_rules! set_top {
        ($v:expr) => {{
            let v = $v;
            // SAFETY: see above.
            unsafe { sp.sub(1).write(v) }
        }};
    }
    macro_rules! local {
        ($i:expr) => {
            // Only dereferenced for a verified local index (< n_state).
            {
                #[cfg(not(target_os = "none"))]
                let p = fast_end.wrapping_sub(1 + $i);
                #[cfg(target_os = "none")]
                let p = fastn.wrapping_sub($i);
                p
            }
        };
    }
    #[cfg(not(target_os = "none"))]
    macro_rules! load_fast {
        ($i:expr) => {{
            // SAFETY: the verifier checked the local index < n_state.
            let v = unsafe { *local!($i) };
            if v.is_null() {
                fail!(unbound_local(vm));
            }
            push!(v);
        }};
    }
    #[cfg(not(target_os = "none"))]
    macro_rules! store_fast {
        ($i:expr) => {{
            let v = pop!();
            // SAFETY: the verifier checked the local index < n_state.
            unsafe { *local!($i) = v };
        }};
    }
    // The desktop binary-op arms (2 popped, 1 pushed): the small-int
    // result if there is one, else the out-of-line op.
    #[cfg(not(target_os = "none"))]
    macro_rules! bin_slow {
        ($opc:ident, $a:ident, $b:ident) => {{
            let _ = pop!();
            let r = tri!(binary_op_slow(vm, $opc - 0xd7, $a, $b));
            set_top!(r);
        }};
    }
    #[cfg(not(target_os = "none"))]
    macro_rules! bin_cmp {
        ($opc:ident, $op:tt) => {{
            let b = top!();
            let a = peek!(2);
            if both_small(a, b) {
                let _ = pop!();
                set_top!(Obj::bool(tagged_key(a) $op tagged_key(b)));
            } else {
                bin_slow!($opc, a, b);
            }
        }};
    }
    #[cfg(not(target_os = "none"))]
    macro_rules! bin_eq {
        ($opc:ident, $eq:expr) => {{
            let b = top!();
            let a = peek!(2);
            // Two qstrs are equal exactly when they are the same one
            // (interned text).
            if both_small(a, b) || (a.as_qstr().is_some() && b.as_qstr().is_some()) {
                let _ = pop!();
                set_top!(Obj::bool((a == b) == $eq));
            } else {
                bin_slow!($opc, a, b);
            }
        }};
    }
    #[cfg(not(target_os = "none"))]
    macro_rules! bin_arith {
        ($opc:ident, $f:ident) => {{
            let b = top!();
            let a = peek!(2);
            match if both_small(a, b) { $f(a, b) } else { None } {
                Some(r) => {
                    let _ = pop!();
                    set_top!(r);
                }
                None => bin_slow!($opc, a, b),
            }
        }};
    }
    // POP_JUMP_IF_TRUE (`$sense` true) / POP_JUMP_IF_FALSE.
    #[cfg(not(target_os = "none"))]
    macro_rules! pop_jump_if {
        ($pc:ident, $sense:expr) => {{
            let dest = jump_arg!($pc, true);
            let v = top!();
            let t = truth!(v);
            let _ = pop!();
            if t == $sense {
                if dest <= ip {
                    tri!(poll_interrupt(vm));
                }
                ip = dest;
                continue;
            }
        }};
    }
    // The truth of `$v`: True, False, None and small ints inline.
    #[cfg(not(target_os = "none"))]
    macro_rules! truth {
        ($v:expr) => {{
            let v: Obj = $v;
            v == Obj::TRUE
                || (v != Obj::FALSE
                    && v != Obj::NONE
                    && if v.is_small_int() { v != Obj::small_int(0) } else { tri!(vm.is_true(v)) })
        }};
    }
    // JUMP_IF_TRUE_OR_POP (`$sense` true) / JUMP_IF_FALSE_OR_POP.
    #[cfg(not(target_os = "none"))]
    macro_rules! jump_if_or_pop {
        ($pc:ident, $sense:expr) => {{
            let dest = jump_arg!($pc, false);
            let v = top!();
            let t = truth!(v);
            if t == $sense {
                ip = dest;
                continue;
            }
            let _ = pop!();
        }};
    }
    macro_rules! qstr_arg {
        ($pc:ident) => {{
            // SAFETY: a verified qstr operand, below the table's length.
            unsafe { *qstrs.add(read_uint(&mut $pc)) }
        }};
    }
    macro_rules! uint_arg {
        ($pc:ident) => {{
            // SAFETY: a verified vuint operand.
            unsafe { read_uint(&mut $pc) }
        }};
    }
    macro_rules! jump_arg {
        ($pc:ident, $signed:expr) => {{
            // SAFETY: a verified jump operand.
            unsafe { read_jump(&mut $pc, $signed) }
        }};
    }
    // CALL_FUNCTION / CALL_METHOD (`$method`). Desktop: an arm each (the
    // kind a constant); boards: one arm.
    macro_rules! call_op {
        ($pc:ident, $method:expr) => {{
            // (npos + 2 nkw + 1 (+ 1 for a method) popped, 1 pushed)
            let a = uint_arg!($pc);
            let npos = a & 0xff;
            let nkw = (a >> 8) & 0xff;
            let method: bool = $method;
            // SAFETY: the verifier checked that these slots are in use.
            let s = unsafe { sp.sub(npos + 2 * nkw + 1 + usize::from(method)) };
            // SAFETY: as above.
            let fun = unsafe { *s };
            // SAFETY: as above (a method call has the self slot).
            let (first, nargs) = unsafe {
                if !method {
                    (s.add(1), npos)
                } else if (*s.add(1)).is_null() {
                    (s.add(2), npos)
                } else {
                    (s.add(1), npos + 1)
                }
            };
            // SAFETY: initialised slots of this frame, below `sp`; no
            // code writes them during the call (callees only push
            // frames above this one).
            let args = unsafe { core::slice::from_raw_parts(first, nargs + 2 * nkw) };
            // Desktop: only a Python function tries the direct path
            // (the others skip its out-of-line call).
            let r = if nkw == 0 {
                if cfg!(target_os = "none") || crate::vmobj::is_function(fun) {
                    match super::call::call_fast(vm, fun, args) {
                        Some(r) => tri!(r),
                        None => tri!(call_other(vm, fun, args)),
                    }
                } else {
                    tri!(call_other(vm, fun, args))
                }
            } else {
                tri!(vm.call(fun, &args[..nargs], &args[nargs..]))
            };
            if vm.vmstate.scrub_pending {
                scrub_after_call(vm);
            }
            // Clear the dead argument slots (they would pin garbage).
            // SAFETY: `s + 1 <= sp`.
            clear(unsafe { s.add(1) }, sp);
            sp = s;
            push!(r);
        }};
    }
    // Out of line: save the state, run, reload.
    macro_rules! out_of_line {
        ($e:expr) => {{
            save!();
            tri!($e);
            load!();
        }};
    }
    loop {
        #[cfg(feature = "opcode-stats")]
        {
            vm.vmstate.op_count += 1;
        }
        // Desktop: `fast_end` named in a register at every instruction, so
        // that the register allocator keeps it in one (it spilled it, and
        // every LOAD_FAST/STORE_FAST reloaded it from the stack).
        #[cfg(all(not(target_os = "none"), target_arch = "x86_64"))]
        // SAFETY: an empty instruction sequence: it reads the register and
        // changes nothing.
        unsafe {
            core::arch::asm!("/* {0} */", in(reg) fast_end, options(nomem, nostack, preserves_flags));
        }
        // SAFETY: `ip` is an instruction (see above).
        let opc = unsafe { *ip };
        // SAFETY: the opcode's operands (if any) follow it inside the code.
        let mut pc = unsafe { ip.add(1) };
        // Multi-opcode groups are listed value by value (not as ranges):
        // rustc lowers range patterns to compare chains ahead of the jump
        // table, or-patterns of constants join the single table.
        match opc {
            // Desktop: one arm per local (a constant offset from `fast_end`
            // instead of computing it from the opcode; they cost flash).
            #[cfg(not(target_os = "none"))]
            0xb0 => load_fast!(0),
            #[cfg(not(target_os = "none"))]
            0xb1 => load_fast!(1),
            #[cfg(not(target_os = "none"))]
            0xb2 => load_fast!(2),
            #[cfg(not(target_os = "none"))]
            0xb3 => load_fast!(3),
            #[cfg(not(target_os = "none"))]
            0xb4 => load_fast!(4),
            #[cfg(not(target_os = "none"))]
            0xb5 => load_fast!(5),
            #[cfg(not(target_os = "none"))]
            0xb6 => load_fast!(6),
            #[cfg(not(target_os = "none"))]
            0xb7 => load_fast!(7),
            #[cfg(not(target_os = "none"))]
            0xb8 => load_fast!(8),
            #[cfg(not(target_os = "none"))]
            0xb9 => load_fast!(9),
            #[cfg(not(target_os = "none"))]
            0xba => load_fast!(10),
            #[cfg(not(target_os = "none"))]
            0xbb => load_fast!(11),
            #[cfg(not(target_os = "none"))]
            0xbc => load_fast!(12),
            #[cfg(not(target_os = "none"))]
            0xbd => load_fast!(13),
            #[cfg(not(target_os = "none"))]
            0xbe => load_fast!(14),
            #[cfg(not(target_os = "none"))]
            0xbf => load_fast!(15),
            #[cfg(not(target_os = "none"))]
            0xc0 => store_fast!(0),
            #[cfg(not(target_os = "none"))]
            0xc1 => store_fast!(1),
            #[cfg(not(target_os = "none"))]
            0xc2 => store_fast!(2),
            #[cfg(not(target_os = "none"))]
            0xc3 => store_fast!(3),
            #[cfg(not(target_os = "none"))]
            0xc4 => store_fast!(4),
            #[cfg(not(target_os = "none"))]
            0xc5 => store_fast!(5),
            #[cfg(not(target_os = "none"))]
            0xc6 => store_fast!(6),
            #[cfg(not(target_os = "none"))]
            0xc7 => store_fast!(7),
            #[cfg(not(target_os = "none"))]
            0xc8 => store_fast!(8),
            #[cfg(not(target_os = "none"))]
            0xc9 => store_fast!(9),
            #[cfg(not(target_os = "none"))]
            0xca => store_fast!(10),
            #[cfg(not(target_os = "none"))]
            0xcb => store_fast!(11),
            #[cfg(not(target_os = "none"))]
            0xcc => store_fast!(12),
            #[cfg(not(target_os = "none"))]
            0xcd => store_fast!(13),
            #[cfg(not(target_os = "none"))]
            0xce => store_fast!(14),
            #[cfg(not(target_os = "none"))]
            0xcf => store_fast!(15),
            #[cfg(target_os = "none")]
            0xb0 | 0xb1 | 0xb2 | 0xb3 | 0xb4 | 0xb5 | 0xb6 | 0xb7 | 0xb8 | 0xb9 | 0xba | 0xbb
            | 0xbc | 0xbd | 0xbe | 0xbf => {
                // SAFETY: the verifier checked the local index < n_state.
                let v = unsafe { *local!((opc - 0xb0) as usize) };
                if v.is_null() {
                    fail!(unbound_local(vm));
                }
                push!(v);
            }
            #[cfg(target_os = "none")]
            0xc0 | 0xc1 | 0xc2 | 0xc3 | 0xc4 | 0xc5 | 0xc6 | 0xc7 | 0xc8 | 0xc9 | 0xca | 0xcb
            | 0xcc | 0xcd | 0xce | 0xcf => {
                let v = pop!();
                // SAFETY: the verifier checked the local index < n_state.
                unsafe { *local!((opc - 0xc0) as usize) = v };
            }
            0x70 | 0x71 | 0x72 | 0x73 | 0x74 | 0x75 | 0x76 | 0x77 | 0x78 | 0x79 | 0x7a | 0x7b
            | 0x7c | 0x7d | 0x7e | 0x7f | 0x80 | 0x81 | 0x82 | 0x83 | 0x84 | 0x85 | 0x86 | 0x87
            | 0x88 | 0x89 | 0x8a | 0x8b | 0x8c | 0x8d | 0x8e | 0x8f | 0x90 | 0x91 | 0x92 | 0x93
            | 0x94 | 0x95 | 0x96 | 0x97 | 0x98 | 0x99 | 0x9a | 0x9b | 0x9c | 0x9d | 0x9e | 0x9f
            | 0xa0 | 0xa1 | 0xa2 | 0xa3 | 0xa4 | 0xa5 | 0xa6 | 0xa7 | 0xa8 | 0xa9 | 0xaa | 0xab
            | 0xac | 0xad | 0xae | 0xaf => {
                // Desktop: the word from a table (one load instead of the
                // tagging arithmetic).
                #[cfg(not(target_os = "none"))]
                push!(SMALL_INT_OPS[usize::from(opc & 0x3f)].obj());
                #[cfg(target_os = "none")]
                push!(Obj::small_int(opc as isize - 0x80));
            }
            // The commonest small-int ops get their own arms (one jump
            // instead of two; desktop only, they cost flash): compare,
            // add, subtract, on the tagged words. Anything else takes the
            // out-of-line path.
            #[cfg(not(target_os = "none"))]
            BIN_LT => bin_cmp!(opc, <),
            #[cfg(not(target_os = "none"))]
            BIN_GT => bin_cmp!(opc, >),
            #[cfg(not(target_os = "none"))]
            BIN_LE => bin_cmp!(opc, <=),
            #[cfg(not(target_os = "none"))]
            BIN_GE => bin_cmp!(opc, >=),
            #[cfg(not(target_os = "none"))]
            BIN_EQ => bin_eq!(opc, true),
            #[cfg(not(target_os = "none"))]
            BIN_NE => bin_eq!(opc, false),
            #[cfg(not(target_os = "none"))]
            BIN_ADD | BIN_IADD => bin_arith!(opc, small_add),
            #[cfg(not(target_os = "none"))]
            BIN_SUB | BIN_ISUB => bin_arith!(opc, small_sub),
            // `is`: identity (desktop only, as above).
            #[cfg(not(target_os = "none"))]
            BIN_IS => {
                // (2 popped, 1 pushed)
                let b = pop!();
                let a = top!();
                set_top!(Obj::bool(a == b));
            }
            // `x in d` for a dict, set or frozenset: the table lookup
            // (desktop only, as above).
            #[cfg(not(target_os = "none"))]
            BIN_IN => {
                // (2 popped, 1 pushed)
                let b = pop!();
                let a = top!();
                let r = tri!(contains_op(vm, a, b));
                set_top!(r);
            }
            // (The values with arms of their own above are unreachable here.)
            #[cfg_attr(not(target_os = "none"), allow(unreachable_patterns))]
            0xd7 | 0xd8 | 0xd9 | 0xda | 0xdb | 0xdc | 0xdd | 0xde | 0xdf | 0xe0 | 0xe1 | 0xe2
            | 0xe3 | 0xe4 | 0xe5 | 0xe6 | 0xe7 | 0xe8 | 0xe9 | 0xea | 0xeb | 0xec | 0xed | 0xee
            | 0xef | 0xf0 | 0xf1 | 0xf2 | 0xf3 | 0xf4 | 0xf5 | 0xf6 | 0xf7 | 0xf8 | 0xf9 => {
                // (2 popped, 1 pushed)
                let opn = opc - 0xd7;
                let b = pop!();
                let a = top!();
                if a.is_small_int() && b.is_small_int() {
                    if let Some(r) = small_binop(opn, a.small_int_unchecked(), b.small_int_unchecked()) {
                        set_top!(r);
                        ip = pc;
                        continue;
                    }
                }
                #[cfg(not(target_os = "none"))]
                let r = tri!(binary_op_slow(vm, opn, a, b));
                #[cfg(target_os = "none")]
                let r = {
                    let Some(bop) = crate::typ::BinaryOp::from_u8(opn) else { fail!(bad_code(vm)) };
                    tri!(vm.binary_op(bop, a, b))
                };
                set_top!(r);
            }
            // Desktop: `not` has an arm of its own (no second jump on the
            // operator).
            #[cfg(not(target_os = "none"))]
            0xd3 => {
                let a = top!();
                let r = if a == Obj::TRUE || a == Obj::FALSE || a == Obj::NONE {
                    Obj::bool(a != Obj::TRUE)
                } else if a.is_small_int() {
                    Obj::bool(a == Obj::small_int(0))
                } else {
                    Obj::bool(!tri!(vm.is_true(a)))
                };
                set_top!(r);
            }
            #[cfg_attr(not(target_os = "none"), allow(unreachable_patterns))]
            0xd0 | 0xd1 | 0xd2 | 0xd3 => {
                let a = top!();
                let r = match opc - 0xd0 {
                    0 if a.is_small_int() => a,
                    1 if a.is_small_int() && a.small_int_unchecked() != Obj::SMALL_INT_MIN => {
                        Obj::small_int(-a.small_int_unchecked())
                    }
                    2 if a.is_small_int() => Obj::small_int(!a.small_int_unchecked()),
                    // Desktop: `not` of a bool or None, `-` of a NaN-boxed
                    // float.
                    #[cfg(not(target_os = "none"))]
                    3 if a == Obj::TRUE || a == Obj::FALSE || a == Obj::NONE => Obj::bool(a != Obj::TRUE),
                    #[cfg(not(target_os = "none"))]
                    1 if float_neg(a).is_some() => float_neg(a).unwrap_or(a),
                    0 => tri!(vm.unary_op(UnaryOp::Positive, a)),
                    1 => tri!(vm.unary_op(UnaryOp::Negative, a)),
                    2 => tri!(vm.unary_op(UnaryOp::Invert, a)),
                    _ => Obj::bool(!tri!(vm.is_true(a))),
                };
                set_top!(r);
            }
            op::LOAD_CONST_STRING => {
                let q = qstr_arg!(pc);
                push!(Obj::qstr(q));
            }
            op::LOAD_NAME => {
                let q = qstr_arg!(pc);
                let v = tri!(load_name(vm, f.locals, f.globals, q));
                push!(v);
            }
            op::LOAD_GLOBAL => {
                let q = qstr_arg!(pc);
                // Desktop: the cache hit inline, past the error check.
                #[cfg(not(target_os = "none"))]
                let v = match super::access::global_hit(vm, f.globals, q) {
                    Some(v) => v,
                    None => {
                        let slot = super::access::global_slot(f.globals, q);
                        tri!(super::access::load_global_slow(vm, f.globals, q, slot))
                    }
                };
                #[cfg(target_os = "none")]
                let v = tri!(load_global(vm, f.globals, q));
                push!(v);
            }
            op::LOAD_ATTR => {
                let q = qstr_arg!(pc);
                let o = top!();
                #[cfg(not(target_os = "none"))]
                let mut v = tri!(super::attrcache::load_attr(vm, ip.addr(), o, q));
                // Desktop: a property's Python getter, called here as a
                // CALL would (see `attrcache::load_attr`).
                #[cfg(not(target_os = "none"))]
                if v.is_null() {
                    v = tri!(super::attrcache::call_accessor(vm, &[o]));
                }
                #[cfg(target_os = "none")]
                let v = tri!(vm.load_attr(o, q));
                set_top!(v);
            }
            op::LOAD_METHOD => {
                // (1 popped, 2 pushed)
                let q = qstr_arg!(pc);
                let o = top!();
                // Desktop: a cache hit pushed here (the miss out of line).
                #[cfg(not(target_os = "none"))]
                if let Some((m, s)) = super::attrcache::method_hit(vm, ip.addr(), o, q) {
                    set_top!(m);
                    push!(s);
                    ip = pc;
                    continue;
                }
                #[cfg(not(target_os = "none"))]
                let (m, s) = tri!(super::attrcache::load_method(vm, ip.addr(), o, q));
                #[cfg(target_os = "none")]
                let (m, s) = tri!(vm.load_method_maybe(o, q));
                if m.is_null() {
                    fail!(vm.no_attr_error(o, q));
                }
                set_top!(m);
                push!(s);
            }
            op::STORE_NAME => {
                let q = qstr_arg!(pc);
                let v = pop!();
                tri!(ns_store(vm, f.locals, q, v));
            }
            op::STORE_GLOBAL => {
                let q = qstr_arg!(pc);
                let v = pop!();
                tri!(ns_store(vm, f.globals, q, v));
            }
            op::STORE_ATTR => {
                let q = qstr_arg!(pc);
                let o = pop!();
                let v = pop!();
                // Desktop: a property's Python setter, called here as a
                // CALL would (see `attrcache::store_attr`).
                #[cfg(not(target_os = "none"))]
                if tri!(super::attrcache::store_attr(vm, ip.addr(), o, q, v)) {
                    tri!(super::attrcache::call_accessor(vm, &[o, v]));
                }
                #[cfg(target_os = "none")]
                tri!(vm.store_attr(o, q, v));
            }
            // Desktop: `o[a:b]` / `o[a:b:c]` (LOAD_SUBSCR next) of a list or
            // tuple without the slice object (`access::slice_load`), else
            // the slice object as below.
            #[cfg(not(target_os = "none"))]
            op::BUILD_SLICE => {
                let mut q = pc;
                let n = if uint_arg!(q) == 3 { 3 } else { 2 };
                // SAFETY: BUILD_SLICE falls through to an instruction inside
                // the code (verified).
                if unsafe { *q } == op::LOAD_SUBSCR {
                    // (The verifier checked `n` slots in use for BUILD_SLICE,
                    // and one more below them for the LOAD_SUBSCR after it.)
                    let (o, a, b) = (peek!(n + 1), peek!(n), peek!(n - 1));
                    let c = if n == 3 { top!() } else { Obj::NONE };
                    if let Some(r) = slice_load(vm, o, a, b, c) {
                        let r = tri!(r);
                        // (The dead slots held small ints or None.)
                        // SAFETY: `n` slots are in use (see above).
                        sp = unsafe { sp.sub(n) };
                        set_top!(r);
                        #[cfg(feature = "opcode-stats")]
                        {
                            vm.vmstate.op_count += 1;
                        }
                        // SAFETY: past the 1-byte LOAD_SUBSCR, an instruction
                        // follows inside the code (verified).
                        ip = unsafe { q.add(1) };
                        continue;
                    }
                }
                out_of_line!(ops::cold(vm, f, opc));
                continue;
            }
            // Desktop: `super().name` straight to the cached lookup
            // (`sup::load_super_method`), not the cold path's checked decoding.
            #[cfg(not(target_os = "none"))]
            op::LOAD_SUPER_METHOD => {
                // (3 popped, 2 pushed: the method and self over `super`)
                let q = qstr_arg!(pc);
                let (m, s) = tri!(super::sup::load_super_method(vm, peek!(2), top!(), q));
                let _ = pop!();
                set_top!(s);
                // SAFETY: see above (3 slots were in use).
                unsafe { sp.sub(2).write(m) };
            }
            // (BUILD_SLICE and LOAD_SUPER_METHOD have arms of their own above
            // on desktop builds.)
            #[cfg_attr(not(target_os = "none"), allow(unreachable_patterns))]
            op::LOAD_SUPER_METHOD
            | op::DELETE_NAME
            | op::DELETE_GLOBAL
            | op::IMPORT_NAME
            | op::IMPORT_FROM
            | op::IMPORT_STAR
            | op::MAKE_FUNCTION
            | op::MAKE_FUNCTION_DEFARGS
            | op::MAKE_CLOSURE
            | op::MAKE_CLOSURE_DEFARGS
            | op::BUILD_SET
            | op::BUILD_SLICE
            | op::UNPACK_EX
            | op::CALL_FUNCTION_VAR_KW
            | op::CALL_METHOD_VAR_KW
            | op::SETUP_WITH
            | op::WITH_CLEANUP
            | op::RAISE_LAST
            | op::RAISE_OBJ
            | op::RAISE_FROM
            | op::DELETE_FAST
            | op::STORE_DEREF
            | op::DELETE_DEREF => {
                // Rare opcodes (their stack effects are in `ops`).
                out_of_line!(ops::cold(vm, f, opc));
                continue;
            }
            op::LOAD_CONST_SMALL_INT => {
                // SAFETY: a verified operand: at most 9 bytes, inside the
                // code, the last with bit 7 clear.
                let b = unsafe { *pc };
                let o = if b < 0x80 {
                    // SAFETY: see above.
                    pc = unsafe { pc.add(1) };
                    Obj::small_int(if b & 0x40 != 0 { b as isize - 0x80 } else { b as isize })
                } else {
                    // Desktop: up to 5 bytes straight-line.
                    #[cfg(not(target_os = "none"))]
                    // SAFETY: see above (the first byte has bit 7 set).
                    let v = unsafe { read_small_int_multi(&mut pc) };
                    // Multi-byte: MSB group first, sign in bit 6 of the first.
                    #[cfg(target_os = "none")]
                    let mut v: i64 = if b & 0x40 != 0 { -1 } else { 0 };
                    #[cfg(target_os = "none")]
                    loop {
                        // SAFETY: see above.
                        let b = unsafe { *pc };
                        // SAFETY: see above.
                        pc = unsafe { pc.add(1) };
                        v = (v << 7) | (b & 0x7f) as i64;
                        if b & 0x80 == 0 {
                            break;
                        }
                    }
                    tri!(vm.new_int(v))
                };
                push!(o);
            }
            op::LOAD_CONST_OBJ => {
                let i = uint_arg!(pc);
                // SAFETY: a verified constant index, below the tuple's length.
                let o = unsafe { *consts.add(i) };
                push!(o);
            }
            op::LOAD_FAST_N => {
                let i = uint_arg!(pc);
                // SAFETY: the verifier checked the local index < n_state.
                let v = unsafe { *local!(i) };
                if v.is_null() {
                    fail!(unbound_local(vm));
                }
                push!(v);
            }
            op::STORE_FAST_N => {
                let i = uint_arg!(pc);
                let v = pop!();
                // SAFETY: the verifier checked the local index < n_state.
                unsafe { *local!(i) = v };
            }
            op::LOAD_DEREF => {
                let i = uint_arg!(pc);
                // SAFETY: the verifier checked the local index < n_state.
                let c = unsafe { *local!(i) };
                let v = match vm.heap.get::<CellObj>(c) {
                    Some(cell) => cell.value,
                    None => fail!(bad_code(vm)),
                };
                if v.is_null() {
                    fail!(unbound_local(vm));
                }
                push!(v);
            }
            op::BUILD_TUPLE | op::BUILD_LIST => {
                // (n popped, 1 pushed)
                let n = uint_arg!(pc);
                // SAFETY: the verifier checked that `n` slots are in use.
                let s = unsafe { sp.sub(n) };
                // SAFETY: the `n` slots from `s` are initialised frame slots;
                // nothing writes them while the slice lives (the calls below
                // only allocate, which reads them in the gc).
                let items = unsafe { core::slice::from_raw_parts(s, n) };
                let o = if opc == op::BUILD_TUPLE { tri!(vm.new_tuple(items)) } else { tri!(vm.new_list(items)) };
                clear(s, sp);
                sp = s;
                push!(o);
            }
            op::BUILD_MAP => {
                let n = uint_arg!(pc);
                // Desktop: presized from the hint (on the boards the extra
                // call in this arm slowed the whole loop more than it saved).
                #[cfg(not(target_os = "none"))]
                let d = tri!(vm.new_dict_sized(n));
                #[cfg(target_os = "none")]
                let d = {
                    let _ = n;
                    tri!(vm.new_dict())
                };
                push!(d);
            }
            op::STORE_MAP => {
                // (3 needed, 2 popped)
                let k = pop!();
                let v = pop!();
                let d = top!();
                tri!(vm.dict_store(d, k, v));
            }
            op::STORE_COMP => {
                // (depth + 1 needed; 1 popped, 2 for a dict)
                let a = uint_arg!(pc);
                let target = peek!(1 + (a >> 2));
                match a & 3 {
                    0 => {
                        let item = pop!();
                        tri!(list_append(vm, target, item));
                    }
                    1 => {
                        let k = pop!();
                        let v = pop!();
                        tri!(vm.dict_store(target, k, v));
                    }
                    _ => {
                        let item = pop!();
                        tri!(vm.dict_store(target, item, Obj::NONE));
                    }
                }
            }
            op::UNPACK_SEQUENCE => {
                // (1 popped, n pushed)
                let n = uint_arg!(pc);
                let seq = pop!();
                let done = match vm.tuple_pinned(seq) {
                    Some(t) => Some(t),
                    None => vm.heap.get::<ListObj>(seq).map(|l| l.items.as_slice()),
                };
                match done {
                    Some(items) if items.len() == n => {
                        for &x in items.iter().rev() {
                            push!(x);
                        }
                    }
                    _ => {
                        save!();
                        tri!(ops::unpack_sequence(vm, f, seq, n));
                        load_sp!();
                    }
                }
            }
            // (npos + 2 nkw + 1 (+ 1 for a method) popped, 1 pushed)
            #[cfg(not(target_os = "none"))]
            op::CALL_FUNCTION => call_op!(pc, false),
            #[cfg(not(target_os = "none"))]
            op::CALL_METHOD => call_op!(pc, true),
            #[cfg(target_os = "none")]
            op::CALL_FUNCTION | op::CALL_METHOD => call_op!(pc, opc == op::CALL_METHOD),
            op::UNWIND_JUMP => {
                let dest = jump_arg!(pc, true);
                // SAFETY: the extra byte follows the jump operand.
                let count = unsafe { *pc } as usize;
                save!();
                tri!(ops::unwind_jump(vm, f, dest.addr() - cp.addr(), count));
                load!();
                continue;
            }
            op::JUMP => {
                let dest = jump_arg!(pc, true);
                if dest <= ip {
                    tri!(poll_interrupt(vm));
                }
                ip = dest;
                continue;
            }
            // Desktop: an arm per sense (no test of the opcode).
            #[cfg(not(target_os = "none"))]
            op::POP_JUMP_IF_TRUE => pop_jump_if!(pc, true),
            #[cfg(not(target_os = "none"))]
            op::POP_JUMP_IF_FALSE => pop_jump_if!(pc, false),
            #[cfg(target_os = "none")]
            op::POP_JUMP_IF_TRUE | op::POP_JUMP_IF_FALSE => {
                let dest = jump_arg!(pc, true);
                let v = top!();
                let t = v == Obj::TRUE || (v != Obj::FALSE && tri!(vm.is_true(v)));
                let _ = pop!();
                if t == (opc == op::POP_JUMP_IF_TRUE) {
                    if dest <= ip {
                        tri!(poll_interrupt(vm));
                    }
                    ip = dest;
                    continue;
                }
            }
            #[cfg(not(target_os = "none"))]
            op::JUMP_IF_TRUE_OR_POP => jump_if_or_pop!(pc, true),
            #[cfg(not(target_os = "none"))]
            op::JUMP_IF_FALSE_OR_POP => jump_if_or_pop!(pc, false),
            #[cfg(target_os = "none")]
            op::JUMP_IF_TRUE_OR_POP | op::JUMP_IF_FALSE_OR_POP => {
                let dest = jump_arg!(pc, false);
                let v = top!();
                let t = v == Obj::TRUE || (v != Obj::FALSE && tri!(vm.is_true(v)));
                if t == (opc == op::JUMP_IF_TRUE_OR_POP) {
                    ip = dest;
                    continue;
                }
                let _ = pop!();
            }
            op::SETUP_EXCEPT | op::SETUP_FINALLY => {
                let handler = jump_arg!(pc, false);
                save!();
                let k = if opc == op::SETUP_EXCEPT { super::verify::kind::EXCEPT } else { super::verify::kind::FINALLY };
                if !f.push_block(handler.addr() - cp.addr(), k, f.sp) {
                    fail!(bad_code(vm));
                }
            }
            op::POP_EXCEPT_JUMP => {
                let dest = jump_arg!(pc, false);
                save!();
                if f.pop_block().is_none() {
                    fail!(bad_code(vm));
                }
                // The handled exception (and its duplicate for matching)
                // sat just above this depth: drop those dead references so
                // a caught MemoryError's garbage can be reclaimed.
                f.clear(f.sp, f.sp + 2);
                ip = dest;
                continue;
            }
            op::FOR_ITER => {
                // (4 needed; 1 pushed, or 4 popped at the end)
                let dest = jump_arg!(pc, false);
                // SAFETY: the verifier checked that 4 slots are in use.
                let s0 = unsafe { sp.sub(4) };
                // SAFETY: as above.
                let [kind, a, b, c] = unsafe { s0.cast::<[Obj; 4]>().read() };
                // The list/tuple fast path: [2, seq, index, NULL].
                macro_rules! seq_next {
                    () => {{
                        let i = b.small_int_unchecked() as usize;
                        let item = match vm.heap.get::<ListObj>(a) {
                            Some(l) => l.items.as_slice().get(i).copied(),
                            None => vm.tuple_pinned(a).and_then(|t| t.get(i).copied()),
                        };
                        if item.is_some() {
                            // The next index, `i + 1 <= len <= SMALL_INT_MAX`:
                            // the small int's word plus 2 (`2 n + 1` for n >= 0).
                            // SAFETY: as above.
                            unsafe { s0.add(2).write(Obj::from_raw(b.raw() + 2)) };
                        }
                        item
                    }};
                }
                // Desktop: the commonest kind (list/tuple) tested first.
                let next = if cfg!(not(target_os = "none")) && kind == Obj::small_int(2) {
                    seq_next!()
                } else if kind.is_null() {
                    // Desktop: an enumerate, zip of two or dict items
                    // unpacked at once (`for i, x in ...`) yields its
                    // pair without the tuple.
                    #[cfg(not(target_os = "none"))]
                    // SAFETY: FOR_ITER falls through to an instruction
                    // inside the code (verified); an UNPACK_SEQUENCE has
                    // its operand byte after it.
                    if unsafe { *pc == op::UNPACK_SEQUENCE && *pc.add(1) == 2 } {
                        let (x, y) = crate::types::iterators::next_pair(vm, a);
                        if !x.is_null() {
                            #[cfg(feature = "opcode-stats")]
                            {
                                vm.vmstate.op_count += 1;
                            }
                            push!(y);
                            push!(x);
                            // SAFETY: past UNPACK_SEQUENCE 2 (2 bytes).
                            ip = unsafe { pc.add(2) };
                            continue;
                        }
                        if y == Obj::STOP_ITERATION {
                            clear(s0, sp);
                            sp = s0;
                            ip = dest;
                            continue;
                        }
                        if !y.is_null() {
                            fail!(PyErr(y));
                        }
                    }
                    tri!(super::gen::for_iter_next(vm, a))
                } else if kind == Obj::small_int(1) {
                    // range fast path: [1, current, stop, step]
                    let cur = a.small_int_unchecked();
                    let stop = b.small_int_unchecked();
                    let step = c.small_int_unchecked();
                    if (step > 0 && cur < stop) || (step < 0 && cur > stop) {
                        let n = match cur.checked_add(step) {
                            Some(n) if (Obj::SMALL_INT_MIN..=Obj::SMALL_INT_MAX).contains(&n) => Obj::small_int(n),
                            _ => b,
                        };
                        // SAFETY: as above.
                        unsafe { s0.add(1).write(n) };
                        Some(Obj::small_int(cur))
                    } else {
                        None
                    }
                } else if cfg!(not(target_os = "none")) && kind == Obj::small_int(3) {
                    // str: [3, str, byte offset, NULL] (desktop only)
                    #[cfg(not(target_os = "none"))]
                    let r = tri!(str_iter_next(vm, s0));
                    #[cfg(target_os = "none")]
                    let r = None;
                    r
                } else {
                    seq_next!()
                };
                match next {
                    Some(x) => push!(x),
                    None => {
                        clear(s0, sp);
                        sp = s0;
                        ip = dest;
                        continue;
                    }
                }
            }
            op::LOAD_CONST_FALSE => push!(Obj::FALSE),
            op::LOAD_CONST_NONE => push!(Obj::NONE),
            op::LOAD_CONST_TRUE => push!(Obj::TRUE),
            op::LOAD_NULL => push!(Obj::NULL),
            op::LOAD_BUILD_CLASS => push!(super::class::BUILD_CLASS.obj()),
            op::LOAD_SUBSCR => {
                let i = pop!();
                let o = top!();
                let r = tri!(subscr_load(vm, o, i));
                set_top!(r);
            }
            op::STORE_SUBSCR => {
                let i = pop!();
                let o = pop!();
                let v = pop!();
                if v.is_null() {
                    tri!(vm.subscr(o, i, Subscr::Delete));
                } else {
                    tri!(store_subscr(vm, o, i, v));
                }
            }
            op::DUP_TOP => {
                let v = top!();
                push!(v);
            }
            op::DUP_TOP_TWO => {
                let a = peek!(2);
                let b = peek!(1);
                push!(a);
                push!(b);
            }
            op::POP_TOP => {
                let _ = pop!();
            }
            // Checked: MicroPython's `async with` code reaches these on a
            // path the verifier cannot rule out (see `vm::verify`).
            // Desktop: an arm each, without a memmove.
            #[cfg(not(target_os = "none"))]
            op::ROT_TWO => {
                if sp.addr() - fp.addr() < 2 * core::mem::size_of::<Obj>() {
                    fail!(bad_code(vm));
                }
                let (a, b) = (peek!(2), peek!(1));
                set_top!(a);
                // SAFETY: 2 slots are in use (checked just above).
                unsafe { sp.sub(2).write(b) };
            }
            #[cfg(not(target_os = "none"))]
            op::ROT_THREE => {
                if sp.addr() - fp.addr() < 3 * core::mem::size_of::<Obj>() {
                    fail!(bad_code(vm));
                }
                let (a, b, c) = (peek!(3), peek!(2), peek!(1));
                // SAFETY: 3 slots are in use (checked just above).
                unsafe {
                    sp.sub(3).write(c);
                    sp.sub(2).write(a);
                }
                set_top!(b);
            }
            #[cfg(target_os = "none")]
            op::ROT_TWO | op::ROT_THREE => {
                let n = if opc == op::ROT_TWO { 2 } else { 3 };
                if (sp.addr() - fp.addr()) / core::mem::size_of::<Obj>() < n {
                    fail!(bad_code(vm));
                }
                let t = peek!(1);
                // SAFETY: `n` slots are in use (checked just above).
                unsafe {
                    let base = sp.sub(n);
                    core::ptr::copy(base, base.add(1), n - 1);
                    base.write(t);
                }
            }
            op::END_FINALLY => {
                save!();
                match tri!(ops::end_finally(vm, f)) {
                    ops::Next::Fall => {
                        load_sp!();
                        ip = pc;
                    }
                    ops::Next::Jumped => load!(),
                    ops::Next::Return(v) => return Exit { kind: EXIT_RETURN, v },
                }
                continue;
            }
            op::GET_ITER => {
                let o = top!();
                let it = tri!(vm.get_iter(o));
                set_top!(it);
            }
            op::GET_ITER_STACK => {
                // (1 popped, 4 pushed)
                let o = pop!();
                let slots = if vm.heap.get::<ListObj>(o).is_some() || vm.tuple_pinned(o).is_some() {
                    [Obj::small_int(2), o, Obj::small_int(0), Obj::NULL]
                } else if cfg!(not(target_os = "none")) && plain_str_any(vm, o) {
                    [Obj::small_int(3), o, Obj::small_int(0), Obj::NULL]
                } else {
                    match range_slots(vm, o) {
                        Some(sl) => sl,
                        None => {
                            // Keep `o` on the stack while iter() allocates.
                            push!(o);
                            let it = tri!(vm.get_iter(o));
                            let _ = pop!();
                            [Obj::NULL, it, Obj::NULL, Obj::NULL]
                        }
                    }
                };
                for x in slots {
                    push!(x);
                }
            }
            op::RETURN_VALUE => {
                let v = top!();
                if cfg!(not(target_os = "none")) && f.exc_sp == 0 {
                    // No handler blocks: nothing to unwind (a shortcut of
                    // desktop builds; boards keep the flash). Nothing
                    // reads a returned frame's `ip` and `sp`.
                    return Exit { kind: EXIT_RETURN, v };
                }
                save!();
                match tri!(ops::unwind_return(vm, f, v)) {
                    Some(v) => return Exit { kind: EXIT_RETURN, v },
                    None => load!(),
                }
                continue;
            }
            op::YIELD_VALUE => {
                // (1 popped, 1 pushed on resume)
                let v = pop!();
                // Desktop: a generator drained into a list appends there
                // and runs on, given None as `next` would (`gen::drain_into`).
                #[cfg(not(target_os = "none"))]
                if f.gen == vm.vmstate.drain_gen && super::gen::drain_push(vm, v) {
                    push!(Obj::NONE);
                    ip = pc;
                    continue;
                }
                // SAFETY: the slot just popped.
                unsafe { sp.write(Obj::NULL) };
                // Desktop: a `yield` statement (POP_TOP next) is resumed
                // past its POP_TOP (`gen::resume_fast`).
                // SAFETY: YIELD_VALUE falls through to an instruction
                // inside the code (verified).
                #[cfg(not(target_os = "none"))]
                if unsafe { *pc } == op::POP_TOP {
                    vm.vmstate.suspend_flags = crate::vmobj::gen_flags::AT_POP_TOP;
                }
                ip = pc;
                save!();
                return Exit { kind: EXIT_YIELD, v };
            }
            op::YIELD_FROM => {
                // (2 popped, 1 pushed; re-executed on resume with the
                // sent value pushed again)
                let send = pop!();
                let it = top!();
                let thrown = core::mem::replace(&mut pending, Obj::NULL);
                match tri!(super::gen::delegate(vm, it, send, thrown)) {
                    super::gen::Step::Yield(v) => {
                        save!();
                        return Exit { kind: EXIT_YIELD, v };
                    }
                    super::gen::Step::Return(v) => set_top!(v),
                }
            }
            // The byte values no opcode has, listed so that the match is
            // exhaustive: the jump table spans all 256 values, with no
            // default (a default left a flag test in the loop head).
            #[cfg(not(target_os = "none"))]
            0x00 | 0x01 | 0x02 | 0x03 | 0x04 | 0x05 | 0x06 | 0x07 | 0x08 | 0x09 | 0x0a | 0x0b | 0x0c | 0x0d | 0x0e | 0x0f
            | 0x1d | 0x1e | 0x1f | 0x38 | 0x39 | 0x3a | 0x3b | 0x3c | 0x3d | 0x3e | 0x3f | 0x41 | 0x4c | 0x4d
            | 0x4e | 0x4f | 0x60 | 0x61 | 0x6a | 0x6b | 0x6c | 0x6d | 0x6e | 0x6f | 0xd4 | 0xd5 | 0xd6
            | 0xfa | 0xfb | 0xfc | 0xfd | 0xfe | 0xff => fail!(bad_opcode(vm, opc)),
            #[cfg(target_os = "none")]
            _ => fail!(bad_code(vm)),
        }
        ip = pc;
    }
}
