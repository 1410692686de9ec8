//! Loading compiled modules into the gc heap: the module's qstr table
//! becomes a qstr-table object of run-time qstrs, its constants a tuple,
//! and every raw code a raw-code object (prelude decoded, `fun_data`
//! copied inline) after checking it (prelude within bounds, operands in
//! range, jumps inside the code) so the dispatch loop never meets
//! malformed bytecode it cannot handle.
//!
//! The `CompiledModule` (from the compiler or the `.mpy` reader) is the
//! boundary: it lives in Rust's allocator; everything made from it here
//! lives in the gc heap.

use crate::heap::GcVec;
use crate::obj::{Obj, ObjBase};
use crate::qstr::Qstr;
use crate::state::Vm;
use crate::vmobj::{qstr_table, ContextObj, FunHead, QstrTableHead, RawCodeHead, CONTEXT_TYPE, QSTR_TABLE_TYPE, RAW_CODE_TYPE};
use crate::{PyErr, PyResult};
use mpy_bytecode::prelude::{decode_prelude_size, Signature};
use mpy_bytecode::{varint, CompiledModule, Const, RawCode, RawCodeKind};

/// A module loaded into the heap, not yet bound to globals: its qstr
/// table, constants and top-level raw code (hold it in a local: the
/// native stack keeps the objects alive).
#[derive(Clone, Copy, Debug)]
pub struct Loaded {
    /// The qstr table object.
    pub qstrs: Obj,
    /// The constants (a tuple).
    pub consts: Obj,
    /// The top-level raw code object.
    pub root: Obj,
}

/// `ValueError: incompatible .mpy file`.
pub fn incompatible(vm: &mut Vm) -> PyErr {
    vm.value_error(msg!("incompatible .mpy file"))
}

/// `ValueError: decimal numbers not supported`: a float or complex
/// constant in a build without the `float` feature (official's words for
/// one read from a `.mpy` file without MICROPY_PY_BUILTINS_FLOAT).
#[cfg(not(feature = "float"))]
#[cold]
pub fn no_float(vm: &mut Vm) -> PyErr {
    vm.value_error(msg!("decimal numbers not supported"))
}

/// `SyntaxError: invalid syntax for number`: a complex constant (`1j`) in
/// a build without the `complex` feature, as official MicroPython's
/// parser says for one without complex numbers.
#[cfg(all(feature = "float", not(feature = "complex")))]
pub fn no_complex(vm: &mut Vm) -> PyErr {
    vm.error(&crate::types::exception::SYNTAX_ERROR_TYPE, msg!("invalid syntax for number"))
}

/// An int object from decimal text (an optional `-`, then digits).
///
/// Errors: `ValueError: incompatible .mpy file` for anything else,
/// `MemoryError`.
pub fn int_from_decimal(vm: &mut Vm, text: &str) -> PyResult<Obj> {
    let digits = text.strip_prefix('-').unwrap_or(text).as_bytes();
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return Err(incompatible(vm));
    }
    // `int(text)`'s parser (the text is valid for it: only MemoryError).
    crate::types::int_parse::parse_int(vm, text.as_bytes(), 10)
}

/// Turns a constant into an object (ints from decimal text: small int or
/// big int; tuples nest).
///
/// Errors: `ValueError` for a malformed int text, `MemoryError`.
pub fn const_to_obj(vm: &mut Vm, c: &Const) -> PyResult<Obj> {
    Ok(match c {
        Const::None => Obj::NONE,
        Const::False => Obj::FALSE,
        Const::True => Obj::TRUE,
        Const::Ellipsis => Obj::ELLIPSIS,
        Const::Str(s) => vm.new_str(s)?,
        Const::Bytes(b) => vm.new_bytes(b)?,
        Const::Int(t) => int_from_decimal(vm, t)?,
        #[cfg(feature = "float")]
        Const::Float(f) => vm.new_float(crate::flt::from_f64(*f))?,
        #[cfg(feature = "complex")]
        Const::Complex(im) => vm.new_complex(0.0, crate::flt::from_f64(*im))?,
        #[cfg(all(feature = "float", not(feature = "complex")))]
        Const::Complex(_) => return Err(no_complex(vm)),
        #[cfg(not(feature = "float"))]
        Const::Float(_) | Const::Complex(_) => return Err(no_float(vm)),
        Const::Tuple(items) => tuple_from_fn(vm, items.len(), &mut |vm, i| const_to_obj(vm, &items[i]))?,
    })
}

/// A tuple of the `n` objects `item(vm, 0..n)` makes (held in a gc buffer
/// meanwhile); the loaders' one copy of this loop.
///
/// Errors: `MemoryError`, and what `item` returns.
pub(crate) fn tuple_from_fn(vm: &mut Vm, n: usize, item: &mut dyn FnMut(&mut Vm, usize) -> PyResult<Obj>) -> PyResult<Obj> {
    let mut v: GcVec<Obj> = vm.new_vec(n)?;
    let r = (|| {
        for i in 0..n {
            let o = item(vm, i)?;
            let _ = v.push_within_capacity(o);
        }
        vm.new_tuple(v.as_slice())
    })();
    vm.heap.free_vec(v);
    r
}

/// A qstr-table object of the `n` qstrs `name(vm, 0..n)` interns.
///
/// Errors: `MemoryError`.
pub(crate) fn qstr_table_from_fn(vm: &mut Vm, n: usize, name: &mut dyn FnMut(&mut Vm, usize) -> PyResult<Qstr>) -> PyResult<Obj> {
    let mut v: GcVec<Qstr> = vm.new_vec(n)?;
    let r = (|| {
        for i in 0..n {
            let q = name(vm, i)?;
            let _ = v.push_within_capacity(q);
        }
        new_qstr_table(vm, v.as_slice())
    })();
    vm.heap.free_vec(v);
    r
}

/// A qstr-table object holding `qstrs`.
///
/// Errors: `MemoryError`.
pub fn new_qstr_table(vm: &mut Vm, qstrs: &[Qstr]) -> PyResult<Obj> {
    vm.alloc_var_with(QstrTableHead { base: ObjBase::new(&QSTR_TABLE_TYPE) }, qstrs.len(), |it| {
        it.copy_from_slice(qstrs);
        it.len()
    })
}

/// Loads `m` into the heap (qstrs interned, constants made, every raw code
/// checked and copied).
///
/// Errors: `ValueError: incompatible .mpy file` when the code is malformed
/// (bad prelude, operand out of range, jump outside the code, native code),
/// `MemoryError`.
pub fn load_compiled(vm: &mut Vm, m: &CompiledModule) -> PyResult<Loaded> {
    let qstrs = qstr_table_from_fn(vm, m.qstrs.len(), &mut |vm, i| vm.intern(&m.qstrs[i]))?;
    let consts = tuple_from_fn(vm, m.consts.len(), &mut |vm, i| const_to_obj(vm, &m.consts[i]))?;
    let file = qstr_table(vm, qstrs).first().copied().unwrap_or(crate::q::angle_string);
    let root = load_raw_code(vm, &m.raw_code, qstrs, m.consts.len(), file)?;
    Ok(Loaded { qstrs, consts, root })
}

/// Binds a loaded module to `globals`: makes its code context and returns
/// its top-level function (call it with no arguments to run the body).
///
/// Errors: `MemoryError`.
pub fn module_function(vm: &mut Vm, l: &Loaded, globals: Obj) -> PyResult<Obj> {
    // The invariant `FunView::of` relies on: a context's qstr table and
    // constants are of those types
    // (desktop only: boards check on each call instead, which is smaller).
    #[cfg(not(target_os = "none"))]
    if vm.heap.var::<QstrTableHead>(l.qstrs).is_none() || vm.tuple_pinned(l.consts).is_none() {
        return Err(incompatible(vm));
    }
    let ctx = vm.alloc_obj(ContextObj { base: ObjBase::new(&CONTEXT_TYPE), globals, qstrs: l.qstrs, consts: l.consts })?;
    make_function(vm, l.root, ctx, Obj::NULL, Obj::NULL, &[])
}

/// Loads `m` to run with `globals` (a dict object): returns the module's
/// top-level function (call it with no arguments to run the module body).
///
/// Errors: as [`load_compiled`].
pub fn load_module(vm: &mut Vm, m: &CompiledModule, globals: Obj) -> PyResult<Obj> {
    let l = load_compiled(vm, m)?;
    module_function(vm, &l, globals)
}

/// Allocates a function object for raw code `code` in context `context`
/// with closed-over `cells` (copied inline).
///
/// Errors: `MemoryError`.
pub fn make_function(vm: &mut Vm, code: Obj, context: Obj, defaults: Obj, kw_defaults: Obj, cells: &[Obj]) -> PyResult<Obj> {
    // The invariant `FunView::of` relies on: a function's code is a raw
    // code object and its context a code context
    // (desktop only: boards check on each call instead, which is smaller).
    #[cfg(not(target_os = "none"))]
    if vm.heap.var::<RawCodeHead>(code).is_none() || vm.heap.get::<ContextObj>(context).is_none() {
        return Err(super::dispatch::bad_code(vm));
    }
    let head = FunHead { base: ObjBase::new(&crate::types::misc::FUNCTION_TYPE), code, context, defaults, kw_defaults };
    vm.alloc_var_with(head, cells.len(), |it| {
        it.copy_from_slice(cells);
        it.len()
    })
}

/// Loads one raw code and its children.
fn load_raw_code(vm: &mut Vm, rc: &RawCode, qstrs: Obj, n_consts: usize, file: Qstr) -> PyResult<Obj> {
    if rc.kind != RawCodeKind::Bytecode {
        return Err(incompatible(vm));
    }
    let child = &mut |vm: &mut Vm, i| load_raw_code(vm, &rc.children[i], qstrs, n_consts, file);
    raw_code_obj(vm, &rc.fun_data, &[], qstrs, n_consts, file, rc.children.len(), child)
}

/// A raw-code object for `data` (a `fun_data`) whose `n` children `child`
/// makes, decoded and checked by [`decode_head`]: the bytecode is copied
/// into the object, or, when `rom` (the same bytes in read-only memory,
/// frozen code) is not empty, run from there. The loaders' one body.
///
/// Errors: as [`decode_head`], and what `child` returns.
#[allow(clippy::too_many_arguments)]
pub(crate) fn raw_code_obj(
    vm: &mut Vm,
    data: &[u8],
    rom: &'static [u8],
    qstrs: Obj,
    n_consts: usize,
    file: Qstr,
    n: usize,
    child: &mut dyn FnMut(&mut Vm, usize) -> PyResult<Obj>,
) -> PyResult<Obj> {
    let children = tuple_from_fn(vm, n, child)?;
    let mut head = decode_head(vm, data, qstrs, n_consts, file, children, n)?;
    head.rom = rom;
    let copy: &[u8] = if rom.is_empty() { data } else { &[] };
    vm.alloc_var_with(head, copy.len(), |it| {
        it.copy_from_slice(copy);
        it.len()
    })
}

/// Decodes and checks the `fun_data` of one raw code of the module with
/// qstr table `qstrs` (an object) whose children (a tuple of `n_children`
/// raw codes) are already loaded; the header returned has an empty `rom`
/// (the caller sets it for frozen code). The prelude must decode within
/// the data and the opcodes pass [`super::verify::verify`].
///
/// Errors: `ValueError: incompatible .mpy file` if the code is malformed;
/// `MemoryError` for the verifier's temporary tables.
pub fn decode_head(
    vm: &mut Vm,
    data: &[u8],
    qstrs: Obj,
    n_consts: usize,
    file: Qstr,
    children: Obj,
    n_children: usize,
) -> PyResult<RawCodeHead> {
    let qstrs = qstr_table(vm, qstrs);
    let Some((head, code_start, n_exc)) = decode_prelude(data, qstrs, file, children) else { return Err(incompatible(vm)) };
    let lim = super::verify::Limits {
        n_qstrs: qstrs.len(),
        n_consts,
        n_children,
        n_state: head.n_state as usize,
        n_exc_stack: n_exc,
    };
    if !super::verify::verify(vm, data.get(code_start..).unwrap_or(&[]), &lim)? {
        return Err(incompatible(vm));
    }
    Ok(head)
}

/// Decodes the prelude: the header, the offset of the opcodes and the
/// number of handler blocks. None if malformed.
fn decode_prelude(data: &[u8], qstrs: &[Qstr], file: Qstr, children: Obj) -> Option<(RawCodeHead, usize, usize)> {
    // Decoded by hand (no allocation): signature, prelude size, then the
    // info block (name, argument names, line table) and the cell list.
    let mut pos = 0;
    let sig = Signature::decode(data, &mut pos).ok()?;
    let (n_info, n_cell) = decode_prelude_size(data, &mut pos).ok()?;
    let cells_start = pos.checked_add(n_info as usize)?;
    let code_start = cells_start.checked_add(n_cell as usize)?;
    if code_start > data.len() {
        return None;
    }
    let info = &data[..cells_start];
    let name = qstrs.get(varint::decode_vuint(info, &mut pos).ok()? as usize).copied()?;
    let args_start = pos;
    for _ in 0..u64::from(sig.n_pos_args) + u64::from(sig.n_kwonly_args) {
        if varint::decode_vuint(info, &mut pos).ok()? as usize >= qstrs.len() {
            return None;
        }
    }
    let line_start = pos;
    let cells = &data[cells_start..code_start];
    let n_state = sig.n_state as usize;
    if n_state > 0x10000 || sig.n_exc_stack > 0x1000 {
        return None;
    }
    let mut flags = sig.scope_flags & !crate::vmobj::SCOPE_PLAIN;
    let n_locals_min = sig.n_pos_args as usize
        + sig.n_kwonly_args as usize
        + usize::from(flags & mpy_bytecode::prelude::SCOPE_FLAG_VARARGS != 0)
        + usize::from(flags & mpy_bytecode::prelude::SCOPE_FLAG_VARKEYWORDS != 0);
    if n_locals_min > n_state || sig.n_def_pos_args > sig.n_pos_args {
        return None;
    }
    if cells.iter().any(|&c| c as usize >= n_state) {
        return None;
    }
    // Desktop: mark plain functions for the call fast path.
    let not_plain = mpy_bytecode::prelude::SCOPE_FLAG_GENERATOR
        | mpy_bytecode::prelude::SCOPE_FLAG_VARARGS
        | mpy_bytecode::prelude::SCOPE_FLAG_VARKEYWORDS;
    if cfg!(not(target_os = "none")) && flags & not_plain == 0 && sig.n_kwonly_args == 0 && cells.is_empty() {
        flags |= crate::vmobj::SCOPE_PLAIN;
    }
    let off = |x: usize| u32::try_from(x).ok();
    let head = RawCodeHead {
        base: ObjBase::new(&RAW_CODE_TYPE),
        rom: &[],
        children,
        name,
        file,
        code_start: off(code_start)?,
        line_start: off(line_start)?,
        cells_start: off(cells_start)?,
        args_start: off(args_start)?,
        n_state: n_state as u32,
        n_exc_stack: sig.n_exc_stack,
        scope_flags: flags,
        n_pos_args: sig.n_pos_args,
        n_kwonly_args: sig.n_kwonly_args,
        n_def_pos_args: sig.n_def_pos_args,
    };
    Some((head, code_start, sig.n_exc_stack as usize))
}
