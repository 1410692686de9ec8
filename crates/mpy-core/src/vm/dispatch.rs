//! The dispatch loop: executes one frame's bytecode until it returns,
//! yields or lets an exception escape.

use super::frame::Frame;
use crate::heap::GcVec;
use crate::obj::{Obj, ObjBase};
use crate::qstr::{q, Qstr};
use crate::state::Vm;
use crate::typ::{BinaryOp, Subscr, UnaryOp};
use crate::types::dict::DictObj;
use crate::types::exception as exc;
use crate::types::list::ListObj;
use crate::types::misc::CellObj;
use crate::{PyErr, PyResult};
use mpy_bytecode::opcode as op;
use mpy_bytecode::varint;

/// How a frame stopped running.
pub enum Outcome {
    /// RETURN_VALUE.
    Return(Obj),
    /// YIELD_VALUE / YIELD_FROM suspended a generator frame.
    Yield(Obj),
}

#[inline(always)]
fn read_uint(code: &[u8], pos: &mut usize) -> usize {
    if let Some(&b) = code.get(*pos) {
        if b < 0x80 {
            *pos += 1;
            return b as usize;
        }
    }
    varint::decode_vuint(code, pos).unwrap_or(0) as usize
}

#[inline(always)]
fn read_jump(code: &[u8], pos: &mut usize, signed: bool) -> usize {
    let (off, len) = match (code.get(*pos), code.get(*pos + 1)) {
        (Some(&b0), _) if b0 < 0x80 => (b0 as isize - if signed { 0x40 } else { 0 }, 1),
        (Some(&b0), Some(&b1)) => (((b0 & 0x7f) as isize | ((b1 as isize) << 7)) - if signed { 0x4000 } else { 0 }, 2),
        _ => (0, 0),
    };
    *pos += len;
    (*pos as isize + off).max(0) as usize
}

/// Looks `name` up in a namespace dict object by qstr identity, falling
/// back to full equality only when a same-hash key is not a qstr.
#[inline]
pub fn ns_lookup(vm: &mut Vm, d: Obj, name: Qstr) -> PyResult<Option<Obj>> {
    let h = vm.qstr_hash(name);
    let key = Obj::qstr(name);
    if let Some(t) = vm.table(d) {
        if let Some(p) = t.find_identical(key, h) {
            return Ok(t.entry(p).map(|e| e.value));
        }
        if t.candidates(h).all(|p| t.entry(p).is_none_or(|e| e.key.as_qstr().is_some())) {
            return Ok(None);
        }
    }
    vm.dict_lookup(d, key)
}

/// Stores `name = v` in a namespace dict object (fast when the qstr key
/// is already there).
#[inline]
pub fn ns_store(vm: &mut Vm, d: Obj, name: Qstr, v: Obj) -> PyResult<()> {
    let h = vm.qstr_hash(name);
    let key = Obj::qstr(name);
    if let Some(t) = vm.table_mut(d) {
        if let Some(p) = t.find_identical(key, h) {
            t.set_value(p, v);
            return Ok(());
        }
    }
    vm.dict_store(d, key, v)
}

/// The "malformed bytecode" error (the loader rejects most of it upfront).
pub fn bad_code(vm: &mut Vm) -> PyErr {
    vm.runtime_error("invalid bytecode")
}

/// Small-int fast path of a bytecode binary op: None when the result does
/// not fit or the op needs the general path.
#[inline(always)]
fn small_binop(opn: u8, a: isize, b: isize) -> Option<Obj> {
    // Match on the op number directly (in-place ops map to the plain op
    // 13 numbers further on), avoiding the enum conversion tables.
    const IOR: u8 = BinaryOp::InplaceOr as u8;
    const IPOW: u8 = BinaryOp::InplacePower as u8;
    const LT: u8 = BinaryOp::Less as u8;
    const GT: u8 = BinaryOp::More as u8;
    const EQ: u8 = BinaryOp::Equal as u8;
    const IS: u8 = BinaryOp::Is as u8;
    const LE: u8 = BinaryOp::LessEqual as u8;
    const GE: u8 = BinaryOp::MoreEqual as u8;
    const NE: u8 = BinaryOp::NotEqual as u8;
    const ADD: u8 = BinaryOp::Add as u8;
    const SUB: u8 = BinaryOp::Subtract as u8;
    const MUL: u8 = BinaryOp::Multiply as u8;
    const OR: u8 = BinaryOp::Or as u8;
    const XOR: u8 = BinaryOp::Xor as u8;
    const AND: u8 = BinaryOp::And as u8;
    const FDIV: u8 = BinaryOp::FloorDivide as u8;
    const MOD: u8 = BinaryOp::Modulo as u8;
    const RSH: u8 = BinaryOp::Rshift as u8;
    const LSH: u8 = BinaryOp::Lshift as u8;
    const _: () = assert!(BinaryOp::InplaceOr as u8 + 13 == BinaryOp::Or as u8);
    const _: () = assert!(BinaryOp::InplacePower as u8 + 13 == BinaryOp::Power as u8);
    let n = if (IOR..=IPOW).contains(&opn) { opn + 13 } else { opn };
    let r = match n {
        LT => return Some(Obj::bool(a < b)),
        GT => return Some(Obj::bool(a > b)),
        EQ | IS => return Some(Obj::bool(a == b)),
        LE => return Some(Obj::bool(a <= b)),
        GE => return Some(Obj::bool(a >= b)),
        NE => return Some(Obj::bool(a != b)),
        ADD => a.checked_add(b)?,
        SUB => a.checked_sub(b)?,
        MUL => a.checked_mul(b)?,
        OR => a | b,
        XOR => a ^ b,
        AND => a & b,
        FDIV => {
            if b == 0 {
                return None;
            }
            let d = a.checked_div(b)?;
            if (a % b != 0) && ((a < 0) != (b < 0)) {
                d - 1
            } else {
                d
            }
        }
        MOD => {
            if b == 0 {
                return None;
            }
            let m = a.checked_rem(b)?;
            if m != 0 && ((m < 0) != (b < 0)) {
                m + b
            } else {
                m
            }
        }
        RSH => {
            if b < 0 {
                return None;
            }
            a >> b.min(isize::BITS as isize - 1)
        }
        LSH => {
            if !(0..isize::BITS as isize - 1).contains(&b) {
                return None;
            }
            let r = a << b;
            if (r >> b) != a {
                return None;
            }
            r
        }
        _ => return None,
    };
    if (Obj::SMALL_INT_MIN..=Obj::SMALL_INT_MAX).contains(&r) {
        Some(Obj::small_int(r))
    } else {
        None
    }
}

/// Runs `f` until it returns or yields. `throw`, for a resumed generator,
/// is an exception to raise at the resume point instead of continuing.
pub fn run(vm: &mut Vm, f: &mut Frame<'_>, mut throw: Option<Obj>) -> PyResult<Outcome> {
    loop {
        if let Some(r) = run_until_caught(vm, f, throw.take()) {
            return r;
        }
        // An exception was caught: it may be garbage by the time it is
        // handled, but copies of it linger in the dead native frames that
        // carried it here, where the conservative collector would find
        // them. Zero that stack area before running on, and again when the
        // frame returns to a calling dispatch loop (`scrub_after_call`).
        scrub_native_stack(vm);
        vm.vmstate.scrub_pending = true;
    }
}

/// Runs `f` until it returns, yields, or an exception is caught by one of
/// its handlers (None: run it again from the handler). The exception
/// value lives only in this function's (then dead) frame.
#[inline(never)]
fn run_until_caught(vm: &mut Vm, f: &mut Frame<'_>, throw: Option<Obj>) -> Option<PyResult<Outcome>> {
    let r = match throw {
        Some(e) => {
            let at_yield_from = f.code.code().get(f.ip) == Some(&op::YIELD_FROM);
            if at_yield_from {
                // Forward into the delegate: handled by YIELD_FROM.
                if f.sp < f.blocks_base() {
                    vm.stack[f.sp] = Obj::NONE;
                    f.sp += 1;
                }
                execute(vm, f, e)
            } else {
                Err(PyErr(e))
            }
        }
        None => execute(vm, f, Obj::NULL),
    };
    match r {
        Ok(o) => Some(Ok(o)),
        Err(PyErr(e)) => {
            if f.catch(vm, e) {
                None
            } else {
                Some(Err(PyErr(e)))
            }
        }
    }
}

/// After a call whose frame caught an exception (typically a MemoryError
/// after which the function dropped its data): the callee's dead native
/// frames, all below this dispatch loop's frame, may still hold copies of
/// what it dropped, which the next calls from here would leave in place
/// for the conservative collector. Zero them.
#[cold]
#[inline(never)]
fn scrub_after_call(vm: &mut Vm) {
    vm.vmstate.scrub_pending = false;
    scrub_native_stack(vm);
}

/// Overwrites up to 16 KiB of native stack below the caller's frame with
/// zeros (dead frames only: nothing live is below the current stack
/// pointer), staying within the interpreter's stack limit. Values that
/// dead frames left there would otherwise be seen by the conservative
/// collector when later frames reuse the area without overwriting them.
#[inline(never)]
pub(crate) fn scrub_native_stack(vm: &Vm) {
    const CHUNK: usize = 128 * core::mem::size_of::<usize>();
    let room = vm.config.stack_limit.saturating_sub(vm.stack_used()).saturating_sub(2 * 1024);
    scrub_chunks((16 * 1024).min(room) / (CHUNK + 64));
}

/// Zeroes one chunk of stack per level, `levels` deep.
#[inline(never)]
fn scrub_chunks(levels: usize) {
    let z = [0usize; 128];
    if levels > 1 {
        scrub_chunks(levels - 1);
    }
    // After the call, so the recursion is not turned into a loop.
    core::hint::black_box(&z);
}

/// Backward jumps between two HAL interrupt polls.
const POLL_EVERY: u32 = 32;

/// Called at each backward jump: true when an interrupt (Ctrl-C) is
/// pending. The HAL (a dynamic call, an atomic swap on unix) is asked only
/// every [`POLL_EVERY`] jumps, counted across frames in `VmState`.
#[inline(always)]
fn poll_interrupt(vm: &mut Vm) -> bool {
    match vm.vmstate.poll_countdown.checked_sub(1) {
        Some(n) => {
            vm.vmstate.poll_countdown = n;
            false
        }
        None => {
            vm.vmstate.poll_countdown = POLL_EVERY - 1;
            vm.hal.take_interrupt()
        }
    }
}

/// The instruction loop proper. `pending` is an exception thrown into a
/// generator suspended at YIELD_FROM (NULL normally).
fn execute(vm: &mut Vm, f: &mut Frame<'_>, mut pending: Obj) -> PyResult<Outcome> {
    // Pinned views of the code, qstrs and constants: the frame's function
    // keeps them alive.
    let fcode = f.code;
    let code: &[u8] = fcode.code();
    let qstrs: &[Qstr] = f.qstrs;
    let consts: &[Obj] = f.consts;
    let base = f.base;
    // The hot state lives in locals: `f.ip` is written when an error
    // escapes (tracebacks and handlers read it), and `f.ip`/`f.sp` before
    // anything else that reads them (block setup, unwinding, with-cleanup,
    // yields). The gc scans all of `vm.stack`, so it never needs `f.sp`.
    let mut ip = f.ip;
    let mut sp = f.sp;
    // Errors leave through these, recording the failing instruction in
    // `f.ip` (`ip` still holds it: it only moves at the instruction end)
    // and the value-stack top in `f.sp` (so a handler can clear the dead
    // slots above its own depth).
    macro_rules! fail {
        ($e:expr) => {{
            let e = $e;
            (f.ip, f.sp) = (ip, sp);
            return Err(e);
        }};
    }
    macro_rules! tri {
        ($e:expr) => {
            match $e {
                Ok(v) => v,
                Err(e) => {
                    (f.ip, f.sp) = (ip, sp);
                    return Err(e);
                }
            }
        };
    }
    macro_rules! ensure {
        ($vm:ident, $c:expr) => {
            if !$c {
                fail!(bad_code($vm));
            }
        };
    }
    let limit = f.blocks_base();
    let n_state = fcode.n_state();
    if vm.stack.len() < base + fcode.frame_size() || sp < base || sp > limit {
        fail!(bad_code(vm));
    }
    macro_rules! push {
        ($v:expr) => {{
            let v = $v;
            ensure!(vm, sp < limit);
            vm.stack[sp] = v;
            sp += 1;
        }};
    }
    macro_rules! pop {
        () => {{
            ensure!(vm, sp > base);
            sp -= 1;
            vm.stack[sp]
        }};
    }
    macro_rules! top {
        () => {{
            ensure!(vm, sp > base);
            vm.stack[sp - 1]
        }};
    }
    macro_rules! set_top {
        ($v:expr) => {{
            let v = $v;
            ensure!(vm, sp > base);
            vm.stack[sp - 1] = v;
        }};
    }
    macro_rules! local_idx {
        ($i:expr) => {{
            let i: usize = $i;
            ensure!(vm, i < n_state);
            base + n_state - 1 - i
        }};
    }
    macro_rules! qstr_arg {
        ($pos:ident) => {{
            let i = read_uint(code, &mut $pos);
            match qstrs.get(i) {
                Some(&q) => q,
                None => fail!(bad_code(vm)),
            }
        }};
    }
    loop {
        #[cfg(feature = "opcode-stats")]
        {
            vm.vmstate.op_count += 1;
        }
        let ip0 = ip;
        let Some(&opc) = code.get(ip0) else { fail!(bad_code(vm)) };
        let mut pos = ip0 + 1;
        // Multi-opcode groups are listed value by value (not as ranges):
        // rustc lowers range patterns to compare chains ahead of the jump
        // table, or-patterns of constants join the single table.
        match opc {
            0xb0 | 0xb1 | 0xb2 | 0xb3 | 0xb4 | 0xb5 | 0xb6 | 0xb7 | 0xb8 | 0xb9 | 0xba | 0xbb
            | 0xbc | 0xbd | 0xbe | 0xbf => {
                let i = local_idx!((opc - 0xb0) as usize);
                let v = vm.stack[i];
                if v.is_null() {
                    fail!(unbound_local(vm));
                }
                push!(v);
            }
            0xc0 | 0xc1 | 0xc2 | 0xc3 | 0xc4 | 0xc5 | 0xc6 | 0xc7 | 0xc8 | 0xc9 | 0xca | 0xcb
            | 0xcc | 0xcd | 0xce | 0xcf => {
                let i = local_idx!((opc - 0xc0) as usize);
                let v = pop!();
                vm.stack[i] = v;
            }
            0x70 | 0x71 | 0x72 | 0x73 | 0x74 | 0x75 | 0x76 | 0x77 | 0x78 | 0x79 | 0x7a | 0x7b
            | 0x7c | 0x7d | 0x7e | 0x7f | 0x80 | 0x81 | 0x82 | 0x83 | 0x84 | 0x85 | 0x86 | 0x87
            | 0x88 | 0x89 | 0x8a | 0x8b | 0x8c | 0x8d | 0x8e | 0x8f | 0x90 | 0x91 | 0x92 | 0x93
            | 0x94 | 0x95 | 0x96 | 0x97 | 0x98 | 0x99 | 0x9a | 0x9b | 0x9c | 0x9d | 0x9e | 0x9f
            | 0xa0 | 0xa1 | 0xa2 | 0xa3 | 0xa4 | 0xa5 | 0xa6 | 0xa7 | 0xa8 | 0xa9 | 0xaa | 0xab
            | 0xac | 0xad | 0xae | 0xaf => push!(Obj::small_int(opc as isize - 0x80)),
            0xd7 | 0xd8 | 0xd9 | 0xda | 0xdb | 0xdc | 0xdd | 0xde | 0xdf | 0xe0 | 0xe1 | 0xe2
            | 0xe3 | 0xe4 | 0xe5 | 0xe6 | 0xe7 | 0xe8 | 0xe9 | 0xea | 0xeb | 0xec | 0xed | 0xee
            | 0xef | 0xf0 | 0xf1 | 0xf2 | 0xf3 | 0xf4 | 0xf5 | 0xf6 | 0xf7 | 0xf8 | 0xf9 => {
                let opn = opc - 0xd7;
                let b = pop!();
                let a = top!();
                if a.is_small_int() && b.is_small_int() {
                    if let Some(r) = small_binop(opn, a.small_int_unchecked(), b.small_int_unchecked()) {
                        set_top!(r);
                        ip = pos;
                        continue;
                    }
                }
                let Some(bop) = BinaryOp::from_u8(opn) else { fail!(bad_code(vm)) };
                let r = tri!(vm.binary_op(bop, a, b));
                set_top!(r);
            }
            0xd0 | 0xd1 | 0xd2 | 0xd3 => {
                let a = top!();
                let r = match opc - 0xd0 {
                    0 if a.is_small_int() => a,
                    1 if a.is_small_int() && a.small_int_unchecked() != Obj::SMALL_INT_MIN => {
                        Obj::small_int(-a.small_int_unchecked())
                    }
                    2 if a.is_small_int() => Obj::small_int(!a.small_int_unchecked()),
                    0 => tri!(vm.unary_op(UnaryOp::Positive, a)),
                    1 => tri!(vm.unary_op(UnaryOp::Negative, a)),
                    2 => tri!(vm.unary_op(UnaryOp::Invert, a)),
                    _ => Obj::bool(!tri!(vm.is_true(a))),
                };
                set_top!(r);
            }
            op::LOAD_CONST_STRING => {
                let q = qstr_arg!(pos);
                push!(Obj::qstr(q));
            }
            op::LOAD_NAME => {
                let q = qstr_arg!(pos);
                let v = tri!(load_name(vm, f.locals, f.globals, q));
                push!(v);
            }
            op::LOAD_GLOBAL => {
                let q = qstr_arg!(pos);
                let v = tri!(load_global(vm, f.globals, q));
                push!(v);
            }
            op::LOAD_ATTR => {
                let q = qstr_arg!(pos);
                let o = top!();
                let v = tri!(vm.load_attr(o, q));
                set_top!(v);
            }
            op::LOAD_METHOD => {
                let q = qstr_arg!(pos);
                let o = top!();
                let (m, s) = tri!(vm.load_method_maybe(o, q));
                if m.is_null() {
                    fail!(vm.no_attr_error(o, q));
                }
                set_top!(m);
                push!(s);
            }
            op::LOAD_SUPER_METHOD => {
                let q = qstr_arg!(pos);
                let self_obj = pop!();
                let cls = top!();
                let (m, s) = tri!(super::class::super_lookup(vm, cls, self_obj, q));
                ensure!(vm, sp >= base + 2);
                vm.stack[sp - 2] = m;
                vm.stack[sp - 1] = s;
            }
            op::STORE_NAME => {
                let q = qstr_arg!(pos);
                let v = pop!();
                tri!(ns_store(vm, f.locals, q, v));
            }
            op::STORE_GLOBAL => {
                let q = qstr_arg!(pos);
                let v = pop!();
                tri!(ns_store(vm, f.globals, q, v));
            }
            op::STORE_ATTR => {
                let q = qstr_arg!(pos);
                let o = pop!();
                let v = pop!();
                tri!(vm.store_attr(o, q, v));
            }
            op::DELETE_NAME | op::DELETE_GLOBAL => {
                let q = qstr_arg!(pos);
                let d = if opc == op::DELETE_NAME { f.locals } else { f.globals };
                if tri!(vm.dict_remove(d, Obj::qstr(q))).is_none() {
                    fail!(name_error(vm, q));
                }
            }
            op::IMPORT_NAME => {
                let q = qstr_arg!(pos);
                let fromlist = pop!();
                let level = top!();
                let m = tri!(super::import::import_name(vm, q, fromlist, level, f.globals));
                set_top!(m);
            }
            op::IMPORT_FROM => {
                let q = qstr_arg!(pos);
                let m = top!();
                let v = tri!(super::import::import_from(vm, m, q));
                push!(v);
            }
            op::IMPORT_STAR => {
                let m = pop!();
                tri!(super::import::import_star(vm, m, f.locals));
            }
            op::MAKE_FUNCTION | op::MAKE_FUNCTION_DEFARGS | op::MAKE_CLOSURE | op::MAKE_CLOSURE_DEFARGS => {
                let child = read_uint(code, &mut pos);
                let Some(c) = fcode.child(vm, child) else { fail!(bad_code(vm)) };
                let mut n_closed = 0usize;
                if opc == op::MAKE_CLOSURE || opc == op::MAKE_CLOSURE_DEFARGS {
                    n_closed = code.get(pos).copied().unwrap_or(0) as usize;
                    pos += 1;
                }
                ensure!(vm, sp >= base + n_closed);
                let cells_at = sp - n_closed;
                sp -= n_closed;
                let (defaults, kw_defaults) = if opc == op::MAKE_FUNCTION_DEFARGS || opc == op::MAKE_CLOSURE_DEFARGS {
                    let k = pop!();
                    let d = pop!();
                    (d, k)
                } else {
                    (Obj::NULL, Obj::NULL)
                };
                // The popped values stay in their (dead) stack slots, so
                // they are reachable while allocating; cleared after.
                let ctx = f.context;
                let r = with_stack_copy(vm, cells_at, cells_at + n_closed, |vm, cells| {
                    super::load::make_function(vm, c, ctx, defaults, kw_defaults, cells)
                });
                let fun = tri!(r);
                vm.stack[sp..cells_at + n_closed].fill(Obj::NULL);
                push!(fun);
            }
            op::LOAD_CONST_SMALL_INT => {
                let o = match code.get(pos) {
                    Some(&b) if b < 0x80 => {
                        pos += 1;
                        Obj::small_int(if b & 0x40 != 0 { b as isize - 0x80 } else { b as isize })
                    }
                    Some(&b0) => {
                        // Multi-byte: MSB group first, sign in bit 6 of the first.
                        let mut v: i64 = if b0 & 0x40 != 0 { -1 } else { 0 };
                        let mut ok = false;
                        for _ in 0..9 {
                            let Some(&b) = code.get(pos) else { break };
                            pos += 1;
                            v = (v << 7) | (b & 0x7f) as i64;
                            if b & 0x80 == 0 {
                                ok = true;
                                break;
                            }
                        }
                        if !ok {
                            fail!(bad_code(vm));
                        }
                        tri!(vm.new_int(v))
                    }
                    None => fail!(bad_code(vm)),
                };
                push!(o);
            }
            op::LOAD_CONST_OBJ => {
                let i = read_uint(code, &mut pos);
                let Some(&o) = consts.get(i) else { fail!(bad_code(vm)) };
                push!(o);
            }
            op::LOAD_FAST_N => {
                let i = local_idx!(read_uint(code, &mut pos));
                let v = vm.stack[i];
                if v.is_null() {
                    fail!(unbound_local(vm));
                }
                push!(v);
            }
            op::STORE_FAST_N => {
                let i = local_idx!(read_uint(code, &mut pos));
                let v = pop!();
                vm.stack[i] = v;
            }
            op::DELETE_FAST => {
                let i = local_idx!(read_uint(code, &mut pos));
                if vm.stack[i].is_null() {
                    fail!(unbound_local(vm));
                }
                vm.stack[i] = Obj::NULL;
            }
            op::LOAD_DEREF => {
                let i = local_idx!(read_uint(code, &mut pos));
                let c = vm.stack[i];
                let v = match vm.heap.get::<CellObj>(c) {
                    Some(cell) => cell.value,
                    None => fail!(bad_code(vm)),
                };
                if v.is_null() {
                    fail!(unbound_local(vm));
                }
                push!(v);
            }
            op::STORE_DEREF | op::DELETE_DEREF => {
                let i = local_idx!(read_uint(code, &mut pos));
                let v = if opc == op::STORE_DEREF { pop!() } else { Obj::NULL };
                let c = vm.stack[i];
                match vm.heap.get_mut::<CellObj>(c) {
                    Some(cell) => cell.value = v,
                    None => fail!(bad_code(vm)),
                }
            }
            op::BUILD_TUPLE | op::BUILD_LIST | op::BUILD_SET => {
                let n = read_uint(code, &mut pos);
                ensure!(vm, sp >= base + n);
                let s = sp - n;
                let o = if opc == op::BUILD_TUPLE {
                    tri!(with_stack_copy(vm, s, sp, |vm, items| vm.new_tuple(items)))
                } else if opc == op::BUILD_LIST {
                    tri!(with_stack_copy(vm, s, sp, |vm, items| vm.new_list(items)))
                } else {
                    let set = tri!(crate::types::set::new_set(vm, false));
                    for k in s..sp {
                        let item = vm.stack[k];
                        tri!(vm.dict_store(set, item, Obj::NONE));
                    }
                    set
                };
                vm.stack[s..sp].fill(Obj::NULL);
                sp = s;
                push!(o);
            }
            op::BUILD_MAP => {
                let _ = read_uint(code, &mut pos);
                let d = tri!(vm.new_dict());
                push!(d);
            }
            op::BUILD_SLICE => {
                let n = read_uint(code, &mut pos);
                let step = if n == 3 { pop!() } else { Obj::NONE };
                let stop = pop!();
                let start = top!();
                let s = tri!(vm.alloc_obj(crate::types::slice::SliceObj {
                    base: ObjBase::new(&crate::types::slice::SLICE_TYPE),
                    start,
                    stop,
                    step
                }));
                set_top!(s);
            }
            op::STORE_MAP => {
                let k = pop!();
                let v = pop!();
                let d = top!();
                tri!(vm.dict_store(d, k, v));
            }
            op::STORE_COMP => {
                let a = read_uint(code, &mut pos);
                let depth = a >> 2;
                ensure!(vm, sp > base + depth);
                let target = vm.stack[sp - 1 - depth];
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
                let n = read_uint(code, &mut pos);
                let seq = pop!();
                ensure!(vm, sp + n <= limit);
                tri!(unpack_into_stack(vm, seq, sp, n));
                sp += n;
            }
            op::UNPACK_EX => {
                let a = read_uint(code, &mut pos);
                let (left, right) = (a & 0xff, (a >> 8) & 0xff);
                let seq = top!();
                ensure!(vm, sp + left + right <= limit);
                tri!(unpack_ex_into_stack(vm, seq, sp - 1, left, right));
                sp += left + right;
            }
            op::CALL_FUNCTION | op::CALL_FUNCTION_VAR_KW | op::CALL_METHOD | op::CALL_METHOD_VAR_KW => {
                let a = read_uint(code, &mut pos);
                let npos = a & 0xff;
                let nkw = (a >> 8) & 0xff;
                let method = opc == op::CALL_METHOD || opc == op::CALL_METHOD_VAR_KW;
                let var = opc == op::CALL_FUNCTION_VAR_KW || opc == op::CALL_METHOD_VAR_KW;
                let n = npos + 2 * nkw + usize::from(var) + 1 + usize::from(method);
                ensure!(vm, sp >= base + n);
                let s = sp - n;
                // Fast path: a plain Python function called with positional
                // arguments only binds them straight from this stack.
                if nkw == 0 && !var {
                    let fun = vm.stack[s];
                    let (first, nargs) = if !method {
                        (s + 1, npos)
                    } else if vm.stack[s + 1].is_null() {
                        (s + 2, npos)
                    } else {
                        (s + 1, npos + 1)
                    };
                    let r = match super::call::call_simple_on_stack(vm, fun, first, nargs) {
                        Some(r) => tri!(r),
                        None => tri!(call_positional(vm, fun, first, nargs)),
                    };
                    if vm.vmstate.scrub_pending {
                        scrub_after_call(vm);
                    }
                    // Clear the dead argument slots (they would pin garbage).
                    vm.stack[s + 1..sp].fill(Obj::NULL);
                    sp = s;
                    push!(r);
                    ip = pos;
                    continue;
                }
                let r = tri!(call_from_stack(vm, s, npos, nkw, method, var));
                if vm.vmstate.scrub_pending {
                    scrub_after_call(vm);
                }
                vm.stack[s + 1..sp].fill(Obj::NULL);
                sp = s;
                push!(r);
            }
            op::UNWIND_JUMP => {
                let dest = read_jump(code, &mut pos, true);
                let count = code.get(pos).copied().unwrap_or(0) as usize;
                (f.ip, f.sp) = (ip, sp);
                if let Some(o) = tri!(unwind_jump(vm, f, dest, count)) {
                    return Ok(o);
                }
                (ip, sp) = (f.ip, f.sp);
                continue;
            }
            op::JUMP => {
                let dest = read_jump(code, &mut pos, true);
                if dest <= ip0 && poll_interrupt(vm) {
                    fail!(vm.error_noargs(&exc::KEYBOARD_INTERRUPT_TYPE));
                }
                ip = dest;
                continue;
            }
            op::POP_JUMP_IF_TRUE | op::POP_JUMP_IF_FALSE => {
                let dest = read_jump(code, &mut pos, true);
                let v = top!();
                let t = v == Obj::TRUE || (v != Obj::FALSE && tri!(vm.is_true(v)));
                sp -= 1;
                if t == (opc == op::POP_JUMP_IF_TRUE) {
                    if dest <= ip0 && poll_interrupt(vm) {
                        fail!(vm.error_noargs(&exc::KEYBOARD_INTERRUPT_TYPE));
                    }
                    ip = dest;
                    continue;
                }
            }
            op::JUMP_IF_TRUE_OR_POP | op::JUMP_IF_FALSE_OR_POP => {
                let dest = read_jump(code, &mut pos, false);
                let v = top!();
                let t = tri!(vm.is_true(v));
                if t == (opc == op::JUMP_IF_TRUE_OR_POP) {
                    ip = dest;
                    continue;
                }
                sp -= 1;
            }
            op::SETUP_WITH => {
                let handler = read_jump(code, &mut pos, false);
                let mgr = top!();
                let (exit, exit_self) = tri!(vm.load_method_maybe(mgr, q::__exit__));
                if exit.is_null() {
                    fail!(vm.no_attr_error(mgr, q::__exit__));
                }
                let (enter, enter_self) = tri!(vm.load_method_maybe(mgr, q::__enter__));
                if enter.is_null() {
                    fail!(vm.no_attr_error(mgr, q::__enter__));
                }
                set_top!(exit);
                push!(if exit_self.is_null() { Obj::NONE } else { exit_self });
                if !{
                    f.sp = sp;
                    f.push_block(vm, handler, true)
                } {
                    fail!(bad_code(vm));
                }
                let r = if enter_self.is_null() { tri!(vm.call(enter, &[], &[])) } else { tri!(vm.call_with_self(enter, enter_self, &[], &[])) };
                push!(r);
            }
            op::SETUP_EXCEPT | op::SETUP_FINALLY => {
                let handler = read_jump(code, &mut pos, false);
                if !{
                    f.sp = sp;
                    f.push_block(vm, handler, opc == op::SETUP_FINALLY)
                } {
                    fail!(bad_code(vm));
                }
            }
            op::POP_EXCEPT_JUMP => {
                let dest = read_jump(code, &mut pos, false);
                ensure!(vm, f.exc_sp > 0);
                f.pop_block(vm);
                // The handled exception (and its duplicate for matching)
                // sat just above this depth: drop those dead references so
                // a caught MemoryError's garbage can be reclaimed.
                let end = (sp + 2).min(limit);
                vm.stack[sp..end].fill(Obj::NULL);
                ip = dest;
                continue;
            }
            op::FOR_ITER => {
                let dest = read_jump(code, &mut pos, false);
                ensure!(vm, sp >= base + 4);
                let s0 = sp - 4;
                let kind = vm.stack[s0];
                let next = if kind.is_null() {
                    let it = vm.stack[s0 + 1];
                    tri!(vm.iter_next(it))
                } else if kind == Obj::small_int(1) {
                    // range fast path: [1, current, stop, step]
                    let cur = vm.stack[s0 + 1].small_int_unchecked();
                    let stop = vm.stack[s0 + 2].small_int_unchecked();
                    let step = vm.stack[s0 + 3].small_int_unchecked();
                    if (step > 0 && cur < stop) || (step < 0 && cur > stop) {
                        match cur.checked_add(step) {
                            Some(n) if (Obj::SMALL_INT_MIN..=Obj::SMALL_INT_MAX).contains(&n) => {
                                vm.stack[s0 + 1] = Obj::small_int(n)
                            }
                            _ => vm.stack[s0 + 1] = vm.stack[s0 + 2],
                        }
                        Some(Obj::small_int(cur))
                    } else {
                        None
                    }
                } else {
                    // list/tuple fast path: [2, seq, index, NULL]
                    let seq = vm.stack[s0 + 1];
                    let i = vm.stack[s0 + 2].small_int_unchecked() as usize;
                    let item = match vm.heap.get::<ListObj>(seq) {
                        Some(l) => l.items.as_slice().get(i).copied(),
                        None => vm.tuple_pinned(seq).and_then(|t| t.get(i).copied()),
                    };
                    if item.is_some() {
                        vm.stack[s0 + 2] = Obj::small_int(i as isize + 1);
                    }
                    item
                };
                match next {
                    Some(x) => push!(x),
                    None => {
                        sp -= 4;
                        vm.stack[sp..sp + 4].fill(Obj::NULL);
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
                ensure!(vm, sp >= base + 2);
                let a = vm.stack[sp - 2];
                let b = vm.stack[sp - 1];
                push!(a);
                push!(b);
            }
            op::POP_TOP => {
                let _ = pop!();
            }
            op::ROT_TWO => {
                ensure!(vm, sp >= base + 2);
                vm.stack.swap(sp - 1, sp - 2);
            }
            op::ROT_THREE => {
                ensure!(vm, sp >= base + 3);
                let t = vm.stack[sp - 1];
                vm.stack[sp - 1] = vm.stack[sp - 2];
                vm.stack[sp - 2] = vm.stack[sp - 3];
                vm.stack[sp - 3] = t;
            }
            op::WITH_CLEANUP => {
                f.sp = sp;
                tri!(with_cleanup(vm, f));
                sp = f.sp;
            }
            op::END_FINALLY => {
                ensure!(vm, f.exc_sp > 0);
                f.pop_block(vm);
                let t = pop!();
                if t == Obj::NONE {
                } else if let Some(c) = t.as_small_int() {
                    if c < 0 {
                        (f.ip, f.sp) = (ip, sp);
                        if let Some(o) = tri!(unwind_return(vm, f)) {
                            return Ok(o);
                        }
                        (ip, sp) = (f.ip, f.sp);
                        continue;
                    }
                    let dest = pop!();
                    let dest = dest.as_small_int().unwrap_or(0) as usize;
                    (f.ip, f.sp) = (ip, sp);
                    if let Some(o) = tri!(unwind_jump(vm, f, dest, c as usize)) {
                        return Ok(o);
                    }
                    (ip, sp) = (f.ip, f.sp);
                    continue;
                } else {
                    fail!(PyErr(t));
                }
            }
            op::GET_ITER => {
                let o = top!();
                let it = tri!(vm.get_iter(o));
                set_top!(it);
            }
            op::GET_ITER_STACK => {
                let o = top!();
                ensure!(vm, sp + 3 <= limit);
                let s0 = sp - 1;
                let fast = if vm.heap.get::<ListObj>(o).is_some() || vm.tuple_pinned(o).is_some() {
                    Some([Obj::small_int(2), o, Obj::small_int(0), Obj::NULL])
                } else if let Some(r) = vm.heap.get::<crate::types::range::RangeObj>(o) {
                    let ok = |v: isize| (Obj::SMALL_INT_MIN..=Obj::SMALL_INT_MAX).contains(&v);
                    (ok(r.start) && ok(r.stop) && ok(r.step) && r.step != 0).then(|| {
                        [Obj::small_int(1), Obj::small_int(r.start), Obj::small_int(r.stop), Obj::small_int(r.step)]
                    })
                } else {
                    None
                };
                let slots = match fast {
                    Some(sl) => sl,
                    None => {
                        let it = tri!(vm.get_iter(o));
                        [Obj::NULL, it, Obj::NULL, Obj::NULL]
                    }
                };
                vm.stack[s0..s0 + 4].copy_from_slice(&slots);
                sp = s0 + 4;
            }
            op::RETURN_VALUE => {
                (f.ip, f.sp) = (ip, sp);
                if let Some(o) = tri!(unwind_return(vm, f)) {
                    return Ok(o);
                }
                (ip, sp) = (f.ip, f.sp);
                continue;
            }
            op::RAISE_LAST => {
                let e = f.active_exc(vm);
                if e.is_null() {
                    fail!(vm.runtime_error("no active exception to reraise"));
                }
                fail!(PyErr(e));
            }
            op::RAISE_OBJ => {
                let o = pop!();
                fail!(PyErr(tri!(super::exc::make_raise_obj(vm, o))));
            }
            op::RAISE_FROM => {
                let _cause = pop!();
                let o = pop!();
                vm.hal.stderr_write(b"Warning: exception chaining not supported\n");
                fail!(PyErr(tri!(super::exc::make_raise_obj(vm, o))));
            }
            op::YIELD_VALUE => {
                let v = pop!();
                f.ip = pos;
                f.sp = sp;
                return Ok(Outcome::Yield(v));
            }
            op::YIELD_FROM => {
                let send = pop!();
                let it = top!();
                let thrown = core::mem::replace(&mut pending, Obj::NULL);
                match tri!(super::gen::delegate(vm, it, send, thrown)) {
                    super::gen::Step::Yield(v) => {
                        f.ip = ip0;
                        f.sp = sp;
                        return Ok(Outcome::Yield(v));
                    }
                    super::gen::Step::Return(v) => set_top!(v),
                }
            }
            _ => fail!(bad_code(vm)),
        }
        ip = pos;
    }
}

/// RETURN_VALUE (and END_FINALLY finishing a finally run by a return):
/// runs enclosing finally handlers not yet running, else returns TOS.
fn unwind_return(vm: &mut Vm, f: &mut Frame<'_>) -> PyResult<Option<Outcome>> {
    while let Some(b) = f.top_block(vm) {
        if b.finally && b.handler > f.ip {
            if f.sp <= f.base {
                return Err(bad_code(vm));
            }
            let ret = vm.stack[f.sp - 1];
            let at = f.base + b.sp;
            if at + 2 > f.blocks_base() {
                return Err(bad_code(vm));
            }
            vm.stack[at] = ret;
            vm.stack[at + 1] = Obj::small_int(-1);
            f.sp = at + 2;
            f.ip = b.handler;
            return Ok(None);
        }
        f.pop_block(vm);
    }
    if f.sp <= f.base {
        return Err(bad_code(vm));
    }
    Ok(Some(Outcome::Return(vm.stack[f.sp - 1])))
}

/// UNWIND_JUMP (and END_FINALLY resuming one): leaves `count & 0x7f`
/// handler blocks, running finally handlers on the way, then jumps to
/// `dest` (popping a for-iterator when bit 0x80 is set).
fn unwind_jump(vm: &mut Vm, f: &mut Frame<'_>, dest: usize, mut count: usize) -> PyResult<Option<Outcome>> {
    while count & 0x7f > 0 {
        count -= 1;
        let Some(b) = f.top_block(vm) else { return Err(bad_code(vm)) };
        if b.finally && b.handler > f.ip {
            if f.sp + 2 > f.blocks_base() {
                return Err(bad_code(vm));
            }
            vm.stack[f.sp] = Obj::small_int(dest as isize);
            vm.stack[f.sp + 1] = Obj::small_int(count as isize);
            f.sp += 2;
            f.ip = b.handler;
            return Ok(None);
        }
        if b.handler <= f.ip {
            // Leaving a handler that is running: drop what it pushed.
            f.sp = f.base + b.sp;
        }
        f.pop_block(vm);
    }
    if count & 0x80 != 0 {
        if f.sp < f.base + 4 {
            return Err(bad_code(vm));
        }
        f.sp -= 4;
    }
    f.ip = dest;
    Ok(None)
}

/// WITH_CLEANUP: calls `__exit__` for a normal exit, an unwind (return,
/// break, continue) or an exception (swallowed if `__exit__` is true).
fn with_cleanup(vm: &mut Vm, f: &mut Frame<'_>) -> PyResult<()> {
    let sp = f.sp;
    if sp < f.base + 3 {
        return Err(bad_code(vm));
    }
    let t = vm.stack[sp - 1];
    if t == Obj::NONE {
        let (exit, s) = (vm.stack[sp - 3], vm.stack[sp - 2]);
        call_exit(vm, exit, s, [Obj::NONE, Obj::NONE, Obj::NONE])?;
        vm.stack[sp - 3] = Obj::NONE;
        f.sp = sp - 2;
    } else if t.is_small_int() {
        if sp < f.base + 4 {
            return Err(bad_code(vm));
        }
        let (exit, s) = (vm.stack[sp - 4], vm.stack[sp - 3]);
        call_exit(vm, exit, s, [Obj::NONE, Obj::NONE, Obj::NONE])?;
        vm.stack[sp - 4] = vm.stack[sp - 2];
        vm.stack[sp - 3] = vm.stack[sp - 1];
        f.sp = sp - 2;
    } else {
        let (exit, s) = (vm.stack[sp - 3], vm.stack[sp - 2]);
        let ty = vm.type_of(t);
        let r = call_exit(vm, exit, s, [ty, t, Obj::NONE])?;
        let swallow = vm.is_true(r)?;
        vm.stack[sp - 3] = if swallow { Obj::NONE } else { t };
        f.sp = sp - 2;
    }
    Ok(())
}

fn call_exit(vm: &mut Vm, exit: Obj, s: Obj, args: [Obj; 3]) -> PyResult<Obj> {
    if s == Obj::NONE {
        vm.call(exit, &args, &[])
    } else {
        vm.call_with_self(exit, s, &args, &[])
    }
}

/// Runs `f` with a copy of `vm.stack[s..e]` (a local array when small, a
/// temporary heap vector otherwise), so `f` can allocate while reading
/// the items.
///
/// Errors: `MemoryError` for the temporary; whatever `f` raises.
#[inline]
fn with_stack_copy<R>(vm: &mut Vm, s: usize, e: usize, f: impl FnOnce(&mut Vm, &[Obj]) -> PyResult<R>) -> PyResult<R> {
    let Some(src) = vm.stack.get(s..e) else { return Err(bad_code(vm)) };
    let n = src.len();
    let mut buf = [Obj::NULL; 16];
    if let Some(dst) = buf.get_mut(..n) {
        dst.copy_from_slice(src);
        return f(vm, &buf[..n]);
    }
    let mut v: GcVec<Obj> = vm.new_vec(n)?;
    v.extend_within_capacity(&vm.stack[s..e]);
    let r = f(vm, v.as_slice());
    vm.heap.free_vec(v);
    r
}

/// CALL_FUNCTION/CALL_METHOD with positional arguments only, found at
/// `vm.stack[first..first + n]`, of anything but a plain Python function
/// (those go through [`super::call::call_simple_on_stack`]): built-in
/// functions are called without the generic [`Vm::call`] dispatch.
#[inline(never)]
fn call_positional(vm: &mut Vm, fun: Obj, first: usize, n: usize) -> PyResult<Obj> {
    with_stack_copy(vm, first, first + n, |vm, args| match fun.as_builtin_fun() {
        Some(bf) => vm.call_builtin(bf, args, &[]),
        None => vm.call(fun, args, &[]),
    })
}

/// Calls the callable laid out at `vm.stack[s..]` by one of the CALL_*
/// opcodes, returning its result.
#[inline(never)]
fn call_from_stack(vm: &mut Vm, s: usize, npos: usize, nkw: usize, method: bool, var: bool) -> PyResult<Obj> {
    let fun = vm.stack[s];
    let has_self = method && !vm.stack[s + 1].is_null();
    let first = if method && !has_self { s + 2 } else { s + 1 };
    let npos = npos + usize::from(has_self);
    let self_shift = usize::from(has_self);
    let n = npos + 2 * nkw;
    if !var {
        return with_stack_copy(vm, first, first + n, |vm, a| vm.call(fun, &a[..npos], &a[npos..]));
    }
    // *args / **kw: expand starred positionals (bitmap) and ** mappings
    // into temporary heap vectors (held here, so the gc sees them).
    let bitmap = vm.stack[first + n].as_small_int().unwrap_or(0) as usize;
    let mut args: GcVec<Obj> = vm.new_vec(npos + 4)?;
    let mut kw: GcVec<Obj> = GcVec::new();
    let r = (|| {
        for i in 0..npos {
            let a = vm.stack[first + i];
            let star = i >= self_shift && bitmap & (1usize << ((i - self_shift) & 63)) != 0;
            if star {
                extend_from_iterable(vm, &mut args, a)?;
            } else {
                vm.vec_push_local(&mut args, a)?;
            }
        }
        vm.vec_reserve_local(&mut kw, 2 * nkw)?;
        for i in 0..nkw {
            let k = vm.stack[first + npos + 2 * i];
            let v = vm.stack[first + npos + 2 * i + 1];
            if k.is_null() {
                mapping_pairs(vm, &mut kw, v)?;
            } else {
                vm.vec_push_local(&mut kw, k)?;
                vm.vec_push_local(&mut kw, v)?;
            }
        }
        vm.call(fun, args.as_slice(), kw.as_slice())
    })();
    vm.heap.free_vec(args);
    vm.heap.free_vec(kw);
    r
}

/// Appends the items of iterable `o` to the vector `out` (tuples and
/// lists copied directly).
///
/// Errors: `TypeError` for a non-iterable, `MemoryError`, whatever the
/// iterator raises.
pub fn extend_from_iterable(vm: &mut Vm, out: &mut GcVec<Obj>, o: Obj) -> PyResult<()> {
    if let Some(t) = vm.tuple_pinned(o) {
        return vm.vec_extend_local(out, t);
    }
    if let Some(n) = vm.heap.get::<ListObj>(o).map(|l| l.items.len()) {
        vm.vec_reserve_local(out, n)?;
        if let Some(l) = vm.heap.get::<ListObj>(o) {
            out.extend_within_capacity(l.items.as_slice());
        }
        return Ok(());
    }
    let it = vm.get_iter(o)?;
    while let Some(x) = vm.iter_next(it)? {
        vm.vec_push_local(out, x)?;
    }
    Ok(())
}

/// Appends the (key, value) pairs of a `**` argument (a dict, or any
/// object with `keys()` and subscription) to `out`.
fn mapping_pairs(vm: &mut Vm, out: &mut GcVec<Obj>, m: Obj) -> PyResult<()> {
    if let Some(n) = vm.heap.get::<DictObj>(m).map(|d| d.map.len()) {
        if core::ptr::eq(vm.builtin_type(m), &crate::types::dict::DICT_TYPE) {
            vm.vec_reserve_local(out, 2 * n)?;
            if let Some(d) = vm.heap.get::<DictObj>(m) {
                for e in d.map.iter() {
                    let _ = out.push_within_capacity(e.key);
                    let _ = out.push_within_capacity(e.value);
                }
            }
            return Ok(());
        }
    }
    let keys_m = vm.load_attr(m, q::keys)?;
    let keys = vm.call(keys_m, &[], &[])?;
    let it = vm.get_iter(keys)?;
    while let Some(k) = vm.iter_next(it)? {
        let v = vm.subscr(m, k, Subscr::Load)?;
        vm.vec_push_local(out, k)?;
        vm.vec_push_local(out, v)?;
    }
    Ok(())
}

/// `ValueError: need more than N values to unpack`.
fn unpack_short(vm: &mut Vm, got: usize) -> PyErr {
    vm.value_error_fmt(format_args!("need more than {} values to unpack", got))
}

/// UNPACK_SEQUENCE: writes the `n` items of `seq` to `vm.stack[dst..dst +
/// n]`, last item lowest (so the first is on top).
///
/// Errors: `ValueError` when `seq` has fewer or more than `n` items,
/// `TypeError` for a non-iterable, whatever the iterator raises.
fn unpack_into_stack(vm: &mut Vm, seq: Obj, dst: usize, n: usize) -> PyResult<()> {
    let got = if let Some(t) = vm.tuple_pinned(seq) {
        if t.len() == n {
            for (k, &x) in t.iter().enumerate() {
                vm.stack[dst + n - 1 - k] = x;
            }
        }
        Some(t.len())
    } else if let Some(l) = vm.heap.get::<ListObj>(seq) {
        let t = l.items.as_slice();
        if t.len() == n {
            for (k, &x) in t.iter().enumerate() {
                vm.stack[dst + n - 1 - k] = x;
            }
        }
        Some(t.len())
    } else {
        None
    };
    match got {
        Some(g) if g < n => return Err(unpack_short(vm, g)),
        Some(g) if g > n => return Err(vm.value_error_fmt(format_args!("too many values to unpack (expected {})", n))),
        Some(_) => return Ok(()),
        None => {}
    }
    let it = vm.get_iter(seq)?;
    for k in 0..n {
        match vm.iter_next(it)? {
            Some(x) => vm.stack[dst + n - 1 - k] = x,
            None => {
                vm.stack[dst..dst + n].fill(Obj::NULL);
                return Err(unpack_short(vm, k));
            }
        }
    }
    if vm.iter_next(it)?.is_some() {
        vm.stack[dst..dst + n].fill(Obj::NULL);
        return Err(vm.value_error_fmt(format_args!("too many values to unpack (expected {})", n)));
    }
    Ok(())
}

/// UNPACK_EX (`a, *b, c = seq`): writes, from `vm.stack[dst]` up, the
/// `right` last items (last lowest), a list of the middle items, then the
/// `left` first items (first on top).
///
/// Errors: `ValueError` when `seq` has fewer than `left + right` items,
/// `TypeError` for a non-iterable, `MemoryError`.
fn unpack_ex_into_stack(vm: &mut Vm, seq: Obj, dst: usize, left: usize, right: usize) -> PyResult<()> {
    // A snapshot of the items (a tuple is read in place).
    let mut tmp: GcVec<Obj> = GcVec::new();
    let items: &[Obj] = match vm.tuple_pinned(seq) {
        Some(t) => t,
        None => {
            extend_from_iterable(vm, &mut tmp, seq)?;
            tmp.as_slice()
        }
    };
    let n = items.len();
    if n < left + right {
        vm.heap.free_vec(tmp);
        return Err(unpack_short(vm, n));
    }
    let mid = vm.new_list(&items[left..n - right]);
    let mid = match mid {
        Ok(m) => m,
        Err(e) => {
            vm.heap.free_vec(tmp);
            return Err(e);
        }
    };
    let mut at = dst;
    for &it in items[n - right..].iter().rev() {
        vm.stack[at] = it;
        at += 1;
    }
    vm.stack[at] = mid;
    at += 1;
    for &it in items[..left].iter().rev() {
        vm.stack[at] = it;
        at += 1;
    }
    vm.heap.free_vec(tmp);
    Ok(())
}

/// `o[i]` with fast paths for lists and tuples indexed by small ints.
#[inline]
fn subscr_load(vm: &mut Vm, o: Obj, i: Obj) -> PyResult<Obj> {
    if let Some(k) = i.as_small_int() {
        let items: Option<&[Obj]> = match vm.heap.get::<ListObj>(o) {
            Some(l) => Some(l.items.as_slice()),
            None => vm.tuple_pinned(o),
        };
        if let Some(items) = items {
            let n = items.len() as isize;
            let k2 = if k < 0 { k + n } else { k };
            if (0..n).contains(&k2) {
                return Ok(items[k2 as usize]);
            }
        }
    }
    vm.subscr(o, i, Subscr::Load)
}

/// `o[i] = v` with a fast path for lists indexed by small ints.
#[inline]
fn store_subscr(vm: &mut Vm, o: Obj, i: Obj, v: Obj) -> PyResult<()> {
    if let Some(k) = i.as_small_int() {
        if let Some(l) = vm.heap.get_mut::<ListObj>(o) {
            let items = l.items.as_mut_slice();
            let n = items.len() as isize;
            let k2 = if k < 0 { k + n } else { k };
            if (0..n).contains(&k2) {
                items[k2 as usize] = v;
                return Ok(());
            }
        }
    }
    vm.subscr(o, i, Subscr::Store(v))?;
    Ok(())
}

/// Appends to a list object (STORE_COMP), growing it in the heap
/// (amortised: see `Vm::vec_reserve`).
///
/// Errors: `MemoryError`; for a non-list target, whatever its `append`
/// raises.
pub fn list_append(vm: &mut Vm, l: Obj, item: Obj) -> PyResult<()> {
    if vm.heap.get::<ListObj>(l).is_some() {
        return vm.vec_push(l, |x: &mut ListObj| &mut x.items, item);
    }
    let m = vm.load_attr(l, q::append)?;
    vm.call(m, &[item], &[])?;
    Ok(())
}

/// `NameError: local variable referenced before assignment`.
fn unbound_local(vm: &mut Vm) -> PyErr {
    vm.name_error("local variable referenced before assignment")
}

/// `NameError: name 'x' isn't defined`.
pub fn name_error(vm: &mut Vm, q: Qstr) -> PyErr {
    let name = vm.qstr_str(q);
    vm.error_fmt(&exc::NAME_ERROR_TYPE, format_args!("name '{}' isn't defined", name))
}

/// LOAD_NAME: locals dict, globals, builtins.
fn load_name(vm: &mut Vm, locals: Obj, globals: Obj, name: Qstr) -> PyResult<Obj> {
    if locals != globals {
        if let Some(v) = ns_lookup(vm, locals, name)? {
            return Ok(v);
        }
    }
    load_global(vm, globals, name)
}

/// LOAD_GLOBAL: globals, then builtins.
///
/// Errors: `NameError: name 'x' isn't defined`.
pub fn load_global(vm: &mut Vm, globals: Obj, name: Qstr) -> PyResult<Obj> {
    if let Some(v) = ns_lookup(vm, globals, name)? {
        return Ok(v);
    }
    match super::builtins::lookup_builtin(vm, name)? {
        Some(v) => Ok(v),
        None => Err(name_error(vm, name)),
    }
}
