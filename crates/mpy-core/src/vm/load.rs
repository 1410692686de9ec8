//! Loading compiled modules: mapping a module's qstr table to run-time
//! qstrs, its constants to objects, and checking every raw code (prelude
//! within bounds, operands in range, jumps inside the code) so the dispatch
//! loop never meets malformed bytecode it cannot handle.

use crate::obj::Obj;
use crate::objdata::ObjData;
use crate::qstr::Qstr;
use crate::state::Vm;
use crate::vmobj::{CodeBytes, CodeContext, FunCode, Function};
use crate::PyResult;
use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::vec::Vec;
use mpy_bytecode::opcode::{self as op, Operand};
use mpy_bytecode::{varint, CompiledModule, Const, Prelude, RawCode, RawCodeKind};
use num_bigint::BigInt;

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
        Const::Int(t) => match t.parse::<i64>() {
            Ok(v) => vm.new_int(v)?,
            Err(_) => match BigInt::parse_bytes(t.as_bytes(), 10) {
                Some(b) => vm.new_bigint(b)?,
                None => return Err(vm.value_error("incompatible .mpy file")),
            },
        },
        Const::Float(f) => vm.new_float(*f)?,
        Const::Complex(im) => vm.new_complex(0.0, *im)?,
        Const::Tuple(items) => {
            let base = vm.roots.len();
            for it in items {
                match const_to_obj(vm, it) {
                    Ok(o) => vm.roots.push(o),
                    Err(e) => {
                        vm.roots.truncate(base);
                        return Err(e);
                    }
                }
            }
            let objs: Vec<Obj> = vm.roots[base..].to_vec();
            let r = vm.new_tuple(&objs);
            vm.roots.truncate(base);
            r?
        }
    })
}

/// Loads `m` to run with `globals` (a dict object): returns the module's
/// top-level function (call it with no arguments to run the module body).
///
/// Errors: `ValueError: incompatible .mpy file` when the code is malformed
/// (bad prelude, operand out of range, jump outside the code, native code),
/// `MemoryError`.
pub fn load_module(vm: &mut Vm, m: &CompiledModule, globals: Obj) -> PyResult<Obj> {
    let qstrs: Vec<Qstr> = m.qstrs.iter().map(|s| vm.intern(s)).collect();
    let qstrs: Rc<[Qstr]> = Rc::from(qstrs);
    let file = qstrs.first().copied().unwrap_or(crate::q::angle_string);
    let root = match load_raw_code(&m.raw_code, &qstrs, m.consts.len(), file) {
        Some(c) => c,
        None => return Err(vm.value_error("incompatible .mpy file")),
    };
    let base = vm.roots.len();
    vm.roots.push(globals);
    let r = (|| {
        for c in &m.consts {
            let o = const_to_obj(vm, c)?;
            vm.roots.push(o);
        }
        let consts = vm.roots[base + 1..].to_vec();
        let code_bytes = code_size(&m.raw_code);
        let ctx = CodeContext { qstrs: qstrs.clone(), consts, globals, code_bytes };
        let ctx = vm.alloc(ObjData::CodeContext(Box::new(ctx)))?;
        vm.roots.push(ctx);
        make_function(vm, root, ctx, globals, Obj::NULL, Obj::NULL, Box::new([]))
    })();
    vm.roots.truncate(base);
    r
}

/// Total `fun_data` bytes of a raw code tree (what loading copies to RAM).
fn code_size(rc: &RawCode) -> usize {
    rc.fun_data.len() + rc.children.iter().map(code_size).sum::<usize>()
}

/// Allocates a function object.
pub fn make_function(
    vm: &mut Vm,
    code: Rc<FunCode>,
    context: Obj,
    globals: Obj,
    defaults: Obj,
    kw_defaults: Obj,
    closure: Box<[Obj]>,
) -> PyResult<Obj> {
    vm.alloc(ObjData::Function(Box::new(Function { code, context, globals, defaults, kw_defaults, closure })))
}

/// Decodes and checks one raw code and its children; None if malformed.
fn load_raw_code(rc: &RawCode, qstrs: &Rc<[Qstr]>, n_consts: usize, file: Qstr) -> Option<Rc<FunCode>> {
    if rc.kind != RawCodeKind::Bytecode {
        return None;
    }
    let bytes: Rc<[u8]> = Rc::from(rc.fun_data.as_slice());
    let mut children = Vec::with_capacity(rc.children.len());
    for c in &rc.children {
        children.push(load_raw_code(c, qstrs, n_consts, file)?);
    }
    build_fun_code(CodeBytes::Shared(bytes), qstrs, n_consts, file, children.into_boxed_slice())
}

/// Builds a [`FunCode`] from `fun_data`, validating it.
pub fn build_fun_code(
    bytes: CodeBytes,
    qstrs: &Rc<[Qstr]>,
    n_consts: usize,
    file: Qstr,
    children: Box<[Rc<FunCode>]>,
) -> Option<Rc<FunCode>> {
    let p = Prelude::decode(&bytes).ok()?;
    let nq = qstrs.len();
    let q = |i: u32| -> Option<Qstr> { qstrs.get(i as usize).copied() };
    let name = q(p.name)?;
    let mut arg_names = Vec::with_capacity(p.arg_names.len());
    for &a in &p.arg_names {
        arg_names.push(q(a)?);
    }
    let n_state = p.sig.n_state as usize;
    if n_state > 0x10000 || p.sig.n_exc_stack > 0x1000 {
        return None;
    }
    let flags = p.sig.scope_flags;
    let n_locals_min = p.sig.n_pos_args as usize
        + p.sig.n_kwonly_args as usize
        + usize::from(flags & mpy_bytecode::prelude::SCOPE_FLAG_VARARGS != 0)
        + usize::from(flags & mpy_bytecode::prelude::SCOPE_FLAG_VARKEYWORDS != 0);
    if n_locals_min > n_state || p.sig.n_def_pos_args > p.sig.n_pos_args {
        return None;
    }
    let cells = p.cells(&bytes);
    if cells.iter().any(|&c| c as usize >= n_state) {
        return None;
    }
    let code = p.code(&bytes);
    validate_code(code, nq, n_consts, children.len(), n_state)?;
    Some(Rc::new(FunCode {
        code_start: p.code_start,
        line_table: (p.line_table_start, p.cells_start),
        cells: (p.cells_start, p.code_start),
        n_state,
        n_exc_stack: p.sig.n_exc_stack as usize,
        scope_flags: flags,
        n_pos_args: p.sig.n_pos_args as usize,
        n_kwonly_args: p.sig.n_kwonly_args as usize,
        n_def_pos_args: p.sig.n_def_pos_args as usize,
        name,
        arg_names: arg_names.into_boxed_slice(),
        qstrs: qstrs.clone(),
        file,
        children,
        bytes,
    }))
}

/// Walks every instruction: each must decode within the code, operands
/// must index existing qstrs/constants/children/locals, and jumps must land
/// inside the code.
fn validate_code(code: &[u8], nq: usize, nc: usize, nchild: usize, n_state: usize) -> Option<()> {
    let mut ip = 0;
    if code.is_empty() {
        return None;
    }
    while ip < code.len() {
        let opc = code[ip];
        let size = op::opcode_size(code, ip)?;
        let mut pos = ip + 1;
        match op::operand(opc)? {
            Operand::Qstr => {
                if varint::decode_vuint(code, &mut pos).ok()? as usize >= nq {
                    return None;
                }
            }
            Operand::ConstIdx => {
                if varint::decode_vuint(code, &mut pos).ok()? as usize >= nc {
                    return None;
                }
            }
            Operand::Child | Operand::ChildAndByte => {
                if varint::decode_vuint(code, &mut pos).ok()? as usize >= nchild {
                    return None;
                }
            }
            Operand::Uint => {
                let v = varint::decode_vuint(code, &mut pos).ok()? as usize;
                if matches!(opc, op::LOAD_FAST_N | op::STORE_FAST_N | op::DELETE_FAST | op::LOAD_DEREF | op::STORE_DEREF | op::DELETE_DEREF)
                    && v >= n_state
                {
                    return None;
                }
            }
            Operand::JumpSigned | Operand::JumpUnsigned | Operand::JumpSignedAndByte => {
                let signed = !matches!(op::operand(opc)?, Operand::JumpUnsigned);
                let off = varint::decode_jump(code, &mut pos, signed).ok()? as isize;
                let target = pos as isize + off;
                if target < 0 || target as usize >= code.len() {
                    return None;
                }
            }
            Operand::None | Operand::SmallInt => {}
        }
        if let Some(l) = op::load_fast_multi(opc).or_else(|| op::store_fast_multi(opc)) {
            if l as usize >= n_state {
                return None;
            }
        }
        ip += size;
    }
    Some(())
}
