//! Opcodes run out of line by the dispatch loop: the rare ones, block
//! handling and unwinding (`return`/`break`/`continue` through `finally`
//! and `with`), and the general paths of calls and unpacking. They work on
//! the frame's saved state (`f.ip` at the instruction, `f.sp`) through
//! its checked accessors, and leave `f.ip` at the next instruction to run.
//!
//! The stack effect of each opcode here is the one `vm::verify` assumes;
//! keep the two in step.

use super::dispatch::bad_code;
use super::frame::{Frame, PENDING_RETURN};
use super::verify::{self, kind};
use crate::heap::GcVec;
use crate::obj::{Obj, ObjBase};
use crate::qstr::q;
use crate::state::Vm;
use crate::typ::Subscr;
use crate::types::dict::DictObj;
use crate::types::list::ListObj;
use crate::types::misc::CellObj;
use crate::{PyErr, PyResult};
use mpy_bytecode::opcode as op;

/// The decoded operands of the instruction at `f.ip`: (vuint or child
/// index, extra byte, jump target, next instruction). Checked decoding
/// (these opcodes are rare). Desktop: decoded here, without the
/// verifier's checks (boards share the verifier's decoder).
#[cfg(not(target_os = "none"))]
fn operands(vm: &mut Vm, f: &Frame<'_>, opc: u8) -> PyResult<(usize, u8, usize, usize)> {
    use mpy_bytecode::opcode::Operand;
    let code = f.code.code();
    let mut pos = f.ip + 1;
    let (mut arg, mut extra, mut target) = (0, 0, 0);
    let ok = (|| {
        match op::operand(opc)? {
            Operand::None => {}
            Operand::Qstr | Operand::Uint | Operand::ConstIdx | Operand::Child => arg = verify::vuint(code, &mut pos)?,
            Operand::ChildAndByte => {
                arg = verify::vuint(code, &mut pos)?;
                extra = *code.get(pos)?;
                pos += 1;
            }
            o @ (Operand::JumpSigned | Operand::JumpUnsigned | Operand::JumpSignedAndByte) => {
                let off = verify::jump(code, &mut pos, o != Operand::JumpUnsigned)?;
                target = usize::try_from(pos as isize + off).ok()?;
                if o == Operand::JumpSignedAndByte {
                    extra = *code.get(pos)?;
                    pos += 1;
                }
            }
            Operand::SmallInt => return None,
        }
        Some(())
    })();
    match ok {
        Some(()) => Ok((arg, extra, target, pos)),
        None => Err(bad_code(vm)),
    }
}

/// Pops the value stack's top.
///
/// Errors: `RuntimeError: invalid bytecode` if it is empty (the verifier
/// rules that out).
fn pop(vm: &mut Vm, f: &mut Frame<'_>) -> PyResult<Obj> {
    if f.sp == 0 {
        return Err(bad_code(vm));
    }
    Ok(f.pop())
}

/// Pushes onto the value stack.
///
/// Errors: `RuntimeError: invalid bytecode` if it is full (the verifier
/// rules that out).
fn push(vm: &mut Vm, f: &mut Frame<'_>, v: Obj) -> PyResult<()> {
    if f.push(v) {
        Ok(())
    } else {
        Err(bad_code(vm))
    }
}

/// The local slot of local `i`.
fn local_slot(f: &Frame<'_>, i: usize) -> usize {
    f.code.n_state().wrapping_sub(1).wrapping_sub(i)
}

/// Runs one of the rare opcodes (the dispatch loop lists which) at
/// `f.ip`, leaving `f.ip` at the next instruction.
///
/// Errors: whatever the operation raises.
#[inline(never)]
pub fn cold(vm: &mut Vm, f: &mut Frame<'_>, opc: u8) -> PyResult<()> {
    #[cfg(not(target_os = "none"))]
    let (arg, extra, target, next) = operands(vm, f, opc)?;
    // Boards: checked decoding by the verifier's decoder (these opcodes
    // are rare).
    #[cfg(target_os = "none")]
    let Some(verify::Instr { arg, extra, target, next, .. }) = verify::decode(f.code.code(), f.ip, &verify::Limits::NONE) else {
        return Err(bad_code(vm));
    };
    let qstr = |f: &Frame<'_>| f.qstr_table(vm).get(arg).copied();
    match opc {
        op::LOAD_SUPER_METHOD => {
            // (3 popped, 2 pushed)
            let Some(name) = qstr(f) else { return Err(bad_code(vm)) };
            let self_obj = pop(vm, f)?;
            let cls = f.top();
            let (m, s) = super::class::super_lookup(vm, cls, self_obj, name)?;
            let _ = pop(vm, f)?;
            let _ = pop(vm, f)?;
            push(vm, f, m)?;
            push(vm, f, s)?;
        }
        op::DELETE_NAME | op::DELETE_GLOBAL => {
            let Some(name) = qstr(f) else { return Err(bad_code(vm)) };
            let d = if opc == op::DELETE_NAME { f.locals } else { f.globals };
            // (`exec` into a fixed `__dict__` snapshot: `TypeError`.)
            crate::types::dict::check_not_fixed(vm, d)?;
            if vm.dict_remove(d, Obj::qstr(name))?.is_none() {
                return Err(super::dispatch::name_error(vm, name));
            }
        }
        op::IMPORT_NAME => {
            // (2 popped, 1 pushed)
            let Some(name) = qstr(f) else { return Err(bad_code(vm)) };
            let fromlist = pop(vm, f)?;
            let level = f.top();
            let m = super::import::import_name(vm, name, fromlist, level, f.globals)?;
            let _ = pop(vm, f)?;
            push(vm, f, m)?;
        }
        op::IMPORT_FROM => {
            // (1 needed, 1 pushed)
            let Some(name) = qstr(f) else { return Err(bad_code(vm)) };
            let m = f.top();
            let v = super::import::import_from(vm, m, name)?;
            push(vm, f, v)?;
        }
        op::IMPORT_STAR => {
            let m = pop(vm, f)?;
            super::import::import_star(vm, m, f.locals)?;
        }
        op::MAKE_FUNCTION | op::MAKE_FUNCTION_DEFARGS | op::MAKE_CLOSURE | op::MAKE_CLOSURE_DEFARGS => {
            // (closed-over values, then defaults and keyword defaults for
            // the DEFARGS forms, popped; 1 pushed)
            let Some(c) = f.code.child(vm, arg) else { return Err(bad_code(vm)) };
            let n_closed = if opc == op::MAKE_CLOSURE || opc == op::MAKE_CLOSURE_DEFARGS { extra as usize } else { 0 };
            let defargs = opc == op::MAKE_FUNCTION_DEFARGS || opc == op::MAKE_CLOSURE_DEFARGS;
            let n = n_closed + if defargs { 2 } else { 0 };
            if f.sp < n {
                return Err(bad_code(vm));
            }
            let s = f.sp - n;
            let (defaults, kw_defaults) = if defargs { (f.slot(s), f.slot(s + 1)) } else { (Obj::NULL, Obj::NULL) };
            // The popped values stay in their slots (so reachable) while
            // allocating; cleared after.
            let ctx = f.context(vm);
            let r = super::load::make_function(vm, c, ctx, defaults, kw_defaults, f.slots(f.sp - n_closed, f.sp));
            let fun = r?;
            f.clear(s, f.sp);
            f.sp = s;
            push(vm, f, fun)?;
        }
        op::BUILD_SET => {
            // (n popped, 1 pushed)
            if f.sp < arg {
                return Err(bad_code(vm));
            }
            let s = f.sp - arg;
            // (Desktop: room for the items at once.)
            #[cfg(not(target_os = "none"))]
            let set = crate::types::set::new_set_sized(vm, arg)?;
            #[cfg(target_os = "none")]
            let set = crate::types::set::new_set(vm, false)?;
            for k in s..f.sp {
                let item = f.slot(k);
                vm.dict_store(set, item, Obj::NONE)?;
            }
            f.clear(s, f.sp);
            f.sp = s;
            push(vm, f, set)?;
        }
        op::BUILD_SLICE => {
            // (3 popped for n == 3, else 2; 1 pushed)
            let step = if arg == 3 { pop(vm, f)? } else { Obj::NONE };
            let stop = pop(vm, f)?;
            let start = f.top();
            let s = vm.alloc_obj(crate::types::slice::SliceObj {
                base: ObjBase::new(&crate::types::slice::SLICE_TYPE),
                start,
                stop,
                step,
            })?;
            let _ = pop(vm, f)?;
            push(vm, f, s)?;
        }
        op::UNPACK_EX => {
            // (1 popped, left + right + 1 pushed)
            let (left, right) = (arg & 0xff, (arg >> 8) & 0xff);
            let seq = f.top();
            if f.sp + left + right > f.code.n_state() {
                return Err(bad_code(vm));
            }
            unpack_ex(vm, f, seq, left, right)?;
        }
        op::CALL_FUNCTION_VAR_KW | op::CALL_METHOD_VAR_KW => {
            // (npos + 2 nkw + 2 (+ 1 for a method) popped, 1 pushed)
            let npos = arg & 0xff;
            let nkw = (arg >> 8) & 0xff;
            let method = opc == op::CALL_METHOD_VAR_KW;
            let n = npos + 2 * nkw + 2 + usize::from(method);
            if f.sp < n {
                return Err(bad_code(vm));
            }
            let s = f.sp - n;
            let r = call_var_kw(vm, f, s, npos, nkw, method)?;
            if vm.vmstate.scrub_pending {
                vm.vmstate.scrub_pending = false;
                super::scrub::scrub_native_stack(vm);
            }
            f.clear(s, f.sp);
            f.sp = s;
            push(vm, f, r)?;
        }
        op::SETUP_WITH => {
            // (1 popped, 3 pushed; the block records the depth after the
            // first 2)
            let mgr = f.top();
            let (exit, exit_self) = vm.load_method_maybe(mgr, q::__exit__)?;
            if exit.is_null() {
                return Err(vm.no_attr_error(mgr, q::__exit__));
            }
            let (enter, enter_self) = vm.load_method_maybe(mgr, q::__enter__)?;
            if enter.is_null() {
                return Err(vm.no_attr_error(mgr, q::__enter__));
            }
            let _ = pop(vm, f)?;
            push(vm, f, exit)?;
            push(vm, f, if exit_self.is_null() { Obj::NONE } else { exit_self })?;
            if !f.push_block(target, kind::WITH, f.sp) {
                return Err(bad_code(vm));
            }
            let r = if enter_self.is_null() { vm.call(enter, &[], &[])? } else { vm.call_with_self(enter, enter_self, &[], &[])? };
            push(vm, f, r)?;
        }
        op::WITH_CLEANUP => with_cleanup(vm, f)?,
        op::RAISE_LAST => {
            let e = f.active_exc();
            if e.is_null() {
                return Err(vm.runtime_error(msg!("no active exception to reraise")));
            }
            return Err(PyErr(e));
        }
        op::RAISE_OBJ => {
            let o = pop(vm, f)?;
            return Err(PyErr(super::exc::make_raise_obj(vm, o)?));
        }
        op::RAISE_FROM => {
            let _cause = pop(vm, f)?;
            let o = pop(vm, f)?;
            vm.hal.stderr_write(b"Warning: exception chaining not supported\n");
            return Err(PyErr(super::exc::make_raise_obj(vm, o)?));
        }
        op::DELETE_FAST => {
            let i = local_slot(f, arg);
            if f.slot(i).is_null() {
                return Err(vm.name_error(msg!("local variable referenced before assignment")));
            }
            f.set_slot(i, Obj::NULL);
        }
        op::STORE_DEREF | op::DELETE_DEREF => {
            let v = if opc == op::STORE_DEREF { pop(vm, f)? } else { Obj::NULL };
            let c = f.slot(local_slot(f, arg));
            match vm.heap.get_mut::<CellObj>(c) {
                Some(cell) => cell.value = v,
                None => return Err(bad_code(vm)),
            }
        }
        _ => return Err(bad_code(vm)),
    }
    f.ip = next;
    Ok(())
}

/// RETURN_VALUE (and END_FINALLY finishing a `finally` entered by a
/// return) of `ret`: runs the innermost finally/with handler that is not
/// running yet, with `ret` and the sentinel -1 at its recorded depth (as
/// MicroPython), else returns `ret` (Some).
///
/// Errors: `RuntimeError: invalid bytecode` if the block's depth leaves no
/// room (the verifier rules that out).
pub fn unwind_return(vm: &mut Vm, f: &mut Frame<'_>, ret: Obj) -> PyResult<Option<Obj>> {
    while let Some(b) = f.top_block() {
        if b.is_finally() && b.handler > f.ip {
            f.sp = b.sp;
            if !(f.push(ret) && f.push(Obj::small_int(PENDING_RETURN))) {
                return Err(bad_code(vm));
            }
            f.set_block_state(Obj::small_int(PENDING_RETURN));
            f.ip = b.handler;
            return Ok(None);
        }
        f.pop_block();
    }
    Ok(Some(ret))
}

/// UNWIND_JUMP (and END_FINALLY resuming one): leaves `count & 0x7f`
/// handler blocks, running finally handlers on the way (each entered with
/// the destination and the remaining count pushed, which the block also
/// records), then jumps to `dest` (popping a for-iterator when bit 0x80 is
/// set). `vm::verify::Verifier::unwind_jump` mirrors this.
///
/// Errors: `RuntimeError: invalid bytecode` for too few blocks or stack
/// slots (the verifier rules that out).
pub fn unwind_jump(vm: &mut Vm, f: &mut Frame<'_>, dest: usize, mut count: usize) -> PyResult<()> {
    let old_sp = f.sp;
    while count & 0x7f > 0 {
        count -= 1;
        let Some(b) = f.top_block() else { return Err(bad_code(vm)) };
        if b.is_finally() && b.handler > f.ip {
            if !(f.push(Obj::small_int(dest as isize)) && f.push(Obj::small_int(count as isize))) {
                return Err(bad_code(vm));
            }
            f.set_block_state(Obj::small_int(((dest << 8) | count) as isize));
            f.ip = b.handler;
            return Ok(());
        }
        if b.handler <= f.ip {
            // Leaving a handler that is running: drop what it pushed.
            f.sp = b.sp;
        }
        f.pop_block();
    }
    if count & 0x80 != 0 {
        if f.sp < 4 {
            return Err(bad_code(vm));
        }
        f.sp -= 4;
    }
    f.clear(f.sp, old_sp);
    f.ip = dest;
    Ok(())
}

/// Where END_FINALLY goes on.
pub enum Next {
    /// To the next instruction.
    Fall,
    /// To `f.ip` (a pending jump, or a finally handler further out).
    Jumped,
    /// Out of the frame, returning the value.
    Return(Obj),
}

/// END_FINALLY: pops the block whose handler ends here. If the handler
/// was entered by `return` or UNWIND_JUMP (the block says so), pops the
/// sentinel (and the destination) and goes on unwinding; else pops the
/// top value: None falls through, an exception is re-raised.
///
/// Errors: the exception; `RuntimeError: invalid bytecode` for anything
/// else.
pub fn end_finally(vm: &mut Vm, f: &mut Frame<'_>) -> PyResult<Next> {
    let Some(b) = f.pop_block() else { return Err(bad_code(vm)) };
    if let Some(st) = b.state.as_small_int() {
        let _ = pop(vm, f)?;
        if st == PENDING_RETURN {
            // The returned value is the new top.
            if f.sp == 0 {
                return Err(bad_code(vm));
            }
            let ret = f.top();
            return Ok(match unwind_return(vm, f, ret)? {
                Some(v) => Next::Return(v),
                None => Next::Jumped,
            });
        }
        let _ = pop(vm, f)?;
        let st = st as usize;
        unwind_jump(vm, f, st >> 8, st & 0xff)?;
        return Ok(Next::Jumped);
    }
    let t = pop(vm, f)?;
    if t == Obj::NONE {
        Ok(Next::Fall)
    } else if t.is_small_int() || t.is_null() {
        Err(bad_code(vm))
    } else {
        Err(PyErr(t))
    }
}

/// WITH_CLEANUP: calls `__exit__` for a normal exit (`[exit, self, None]`),
/// an exception (`[exit, self, exc]`: swallowed if `__exit__` returns
/// true) or an unwind (`[exit, self, x, y]` with the block's pending
/// state: the two values move down); the stack shrinks by 2.
fn with_cleanup(vm: &mut Vm, f: &mut Frame<'_>) -> PyResult<()> {
    let sp = f.sp;
    let unwinding = f.top_block().is_some_and(|b| b.state.is_small_int());
    if unwinding {
        if sp < 4 {
            return Err(bad_code(vm));
        }
        let (exit, s) = (f.slot(sp - 4), f.slot(sp - 3));
        call_exit(vm, exit, s, [Obj::NONE, Obj::NONE, Obj::NONE])?;
        f.set_slot(sp - 4, f.slot(sp - 2));
        f.set_slot(sp - 3, f.slot(sp - 1));
    } else {
        if sp < 3 {
            return Err(bad_code(vm));
        }
        let (exit, s, t) = (f.slot(sp - 3), f.slot(sp - 2), f.slot(sp - 1));
        if t == Obj::NONE {
            call_exit(vm, exit, s, [Obj::NONE, Obj::NONE, Obj::NONE])?;
            f.set_slot(sp - 3, Obj::NONE);
        } else {
            let ty = vm.type_of(t);
            let r = call_exit(vm, exit, s, [ty, t, Obj::NONE])?;
            let swallow = vm.is_true(r)?;
            f.set_slot(sp - 3, if swallow { Obj::NONE } else { t });
        }
    }
    f.clear(sp - 2, sp);
    f.sp = sp - 2;
    Ok(())
}

fn call_exit(vm: &mut Vm, exit: Obj, s: Obj, args: [Obj; 3]) -> PyResult<Obj> {
    if s == Obj::NONE {
        vm.call(exit, &args, &[])
    } else {
        vm.call_with_self(exit, s, &args, &[])
    }
}

/// The arguments of a CALL_*_VAR_KW laid out from slot `s`, expanded
/// (starred positionals per the bitmap, `**` mappings) into temporary heap
/// vectors, then the call.
fn call_var_kw(vm: &mut Vm, f: &Frame<'_>, s: usize, npos: usize, nkw: usize, method: bool) -> PyResult<Obj> {
    let fun = f.slot(s);
    let has_self = method && !f.slot(s + 1).is_null();
    let first = if method && !has_self { s + 2 } else { s + 1 };
    let npos = npos + usize::from(has_self);
    let self_shift = usize::from(has_self);
    let bitmap = f.slot(first + npos + 2 * nkw).as_small_int().unwrap_or(0) as usize;
    let mut args: GcVec<Obj> = vm.new_vec(npos + 4)?;
    let mut kw: GcVec<Obj> = GcVec::new();
    let r = (|| {
        for i in 0..npos {
            let a = f.slot(first + i);
            let star = i >= self_shift && bitmap & (1usize << ((i - self_shift) & 63)) != 0;
            if star {
                extend_from_iterable(vm, &mut args, a)?;
            } else {
                vm.vec_push_local(&mut args, a)?;
            }
        }
        vm.vec_reserve_local(&mut kw, 2 * nkw)?;
        for i in 0..nkw {
            let k = f.slot(first + npos + 2 * i);
            let v = f.slot(first + npos + 2 * i + 1);
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

/// Appends the items of iterable `o` to the vector `out` (tuples, and
/// on the desktop lists, copied directly).
///
/// Errors: `TypeError` for a non-iterable, `MemoryError`, whatever the
/// iterator raises.
pub fn extend_from_iterable(vm: &mut Vm, out: &mut GcVec<Obj>, o: Obj) -> PyResult<()> {
    if let Some(t) = vm.tuple_pinned(o) {
        return vm.vec_extend_local(out, t);
    }
    // (Desktop: lists copied at once; the boards iterate them.)
    #[cfg(not(target_os = "none"))]
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
        if crate::types::dict::is_dict_type(vm.builtin_type(m)) {
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
    vm.value_error_fmt(msg!("need more than {} values to unpack"), &[got.into()])
}

/// `ValueError: too many values to unpack (expected N)`.
#[inline(never)]
fn unpack_long(vm: &mut Vm, n: usize) -> PyErr {
    vm.value_error_fmt(msg!("too many values to unpack (expected {})"), &[n.into()])
}

/// UNPACK_SEQUENCE of anything but a tuple or list of the right length
/// (already popped as `seq`): pushes its `n` items, last item lowest (so
/// the first is on top).
///
/// Errors: `ValueError` when `seq` has fewer or more than `n` items,
/// `TypeError` for a non-iterable, whatever the iterator raises.
#[inline(never)]
pub fn unpack_sequence(vm: &mut Vm, f: &mut Frame<'_>, seq: Obj, n: usize) -> PyResult<()> {
    let dst = f.sp;
    if dst + n > f.code.n_state() {
        return Err(bad_code(vm));
    }
    let len = match vm.tuple_pinned(seq) {
        Some(t) => Some(t.len()),
        None => vm.heap.get::<ListObj>(seq).map(|l| l.items.len()),
    };
    match len {
        Some(g) if g < n => return Err(unpack_short(vm, g)),
        Some(g) if g > n => return Err(unpack_long(vm, n)),
        _ => {}
    }
    // Keep `seq` reachable in its slot while iterating.
    f.set_slot(dst, seq);
    let it = vm.get_iter(seq)?;
    for k in 0..n {
        match vm.iter_next(it)? {
            Some(x) => f.set_slot(dst + n - 1 - k, x),
            None => {
                f.clear(dst, dst + n);
                return Err(unpack_short(vm, k));
            }
        }
    }
    if vm.iter_next(it)?.is_some() {
        f.clear(dst, dst + n);
        return Err(unpack_long(vm, n));
    }
    f.sp = dst + n;
    Ok(())
}

/// UNPACK_EX (`a, *b, c = seq`, `seq` on top): replaces it with the
/// `right` last items (last lowest), a list of the middle items, then the
/// `left` first items (first on top).
///
/// Errors: `ValueError` when `seq` has fewer than `left + right` items,
/// `TypeError` for a non-iterable, `MemoryError`.
fn unpack_ex(vm: &mut Vm, f: &mut Frame<'_>, seq: Obj, left: usize, right: usize) -> PyResult<()> {
    // A snapshot of the items (a tuple is read in place).
    let mut tmp: GcVec<Obj> = GcVec::new();
    let items: &[Obj] = match vm.tuple_pinned(seq) {
        Some(t) => t,
        None => {
            if let Err(e) = extend_from_iterable(vm, &mut tmp, seq) {
                vm.heap.free_vec(tmp);
                return Err(e);
            }
            tmp.as_slice()
        }
    };
    let n = items.len();
    if n < left + right {
        vm.heap.free_vec(tmp);
        return Err(unpack_short(vm, n));
    }
    let mid = match vm.new_list(&items[left..n - right]) {
        Ok(m) => m,
        Err(e) => {
            vm.heap.free_vec(tmp);
            return Err(e);
        }
    };
    let mut at = f.sp - 1;
    for &it in items[n - right..].iter().rev() {
        f.set_slot(at, it);
        at += 1;
    }
    f.set_slot(at, mid);
    at += 1;
    for &it in items[..left].iter().rev() {
        f.set_slot(at, it);
        at += 1;
    }
    f.sp = at;
    vm.heap.free_vec(tmp);
    Ok(())
}
