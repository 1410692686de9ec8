//! `bool`: the built-in type. True and False are immediates; as numbers
//! they act as the ints 1 and 0 (`True + True == 2`, `True & True == 1`
//! in MicroPython: bitwise ops on bools give ints).

use super::int::int_unary_op;
use super::int_ops::num_binary_slot;
use crate::obj::Obj;
use crate::qstr::q;
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{PrintKind, TypeObj, UnaryOp};
use crate::PyResult;

/// `bool`. As on MicroPython it has no base type: `isinstance(True, int)`
/// and `issubclass(bool, int)` are False and bools have no int methods,
/// though they act as 0/1 in arithmetic.
pub static BOOL_TYPE: TypeObj = TypeObj {
    name: q::bool.tn(),
    make_new: Some(bool_make_new),
    print: Some(bool_print),
    binary_op: Some(num_binary_slot),
    ext: &crate::typ::TypeExt { unary_op: Some(bool_unary_op), ..crate::typ::TypeExt::NONE },
    ..TypeObj::EMPTY
};

fn bool_make_new(vm: &mut Vm, _cls: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    if !kw.is_empty() {
        return Err(super::strutil::no_kw(vm));
    }
    match args.len() {
        0 => Ok(Obj::FALSE),
        1 => Ok(Obj::bool(vm.is_true(args[0])?)),
        n => Err(super::strutil::too_many_args(vm, 1, n)),
    }
}

fn bool_print(vm: &mut Vm, o: Obj, out: &mut Out, _kind: PrintKind) -> PyResult<()> {
    out.str(vm, if o == Obj::TRUE { "True" } else { "False" })
}

fn bool_unary_op(vm: &mut Vm, op: UnaryOp, o: Obj) -> PyResult<Obj> {
    match op {
        UnaryOp::Bool => Ok(o),
        _ => int_unary_op(vm, op, o),
    }
}
