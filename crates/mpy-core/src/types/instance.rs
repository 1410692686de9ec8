//! Instances of user classes: slots that dispatch to special methods
//! (`__add__`, `__getitem__`, `__iter__`, ...) found in the class's MRO,
//! falling back to the instance's native part (for subclasses of built-in
//! types) and then to the runtime's defaults.

use crate::obj::Obj;
use crate::objdata::ObjData;
use crate::qstr::{q, Qstr};
use crate::state::Vm;
use crate::typ::{BinaryOp, PrintKind, Subscr, TypeObj, UnaryOp};
use crate::types::exception as exc;
use crate::vm::class::user_special_cached;
use crate::{PyErr, PyResult};
use alloc::format;
use alloc::string::String;

fn parts(vm: &Vm, o: Obj) -> (Obj, Obj) {
    match vm.heap.get(o) {
        Some(ObjData::Instance(i)) => (i.class, i.native),
        _ => (Obj::NULL, Obj::NULL),
    }
}

/// The user-defined special method `name` of `o`'s class, if any.
fn special(vm: &mut Vm, o: Obj, name: Qstr) -> Option<Obj> {
    let (cls, _) = parts(vm, o);
    user_special_cached(vm, cls, name)
}

fn inst_print(vm: &mut Vm, o: Obj, out: &mut String, kind: PrintKind) -> PyResult<()> {
    let f = if kind == PrintKind::Str {
        special(vm, o, q::__str__).or_else(|| special(vm, o, q::__repr__))
    } else {
        special(vm, o, q::__repr__)
    };
    if let Some(f) = f {
        let r = vm.call(f, &[o], &[])?;
        if vm.str_of(r).is_none() {
            return Err(vm.type_error("__str__ returned non-string"));
        }
        let s = vm.str_string(r)?;
        out.push_str(&s);
        return Ok(());
    }
    let (cls, native) = parts(vm, o);
    if !native.is_null() {
        return vm.print_obj(native, out, kind);
    }
    let name = String::from(vm.class_name(cls));
    out.push_str(&format!("<{} object at {:x}>", name, o.raw()));
    Ok(())
}

fn unary_special(op: UnaryOp) -> Option<Qstr> {
    Some(match op {
        UnaryOp::Positive => q::__pos__,
        UnaryOp::Negative => q::__neg__,
        UnaryOp::Invert => q::__invert__,
        UnaryOp::Bool => q::__bool__,
        UnaryOp::Len => q::__len__,
        UnaryOp::Hash => q::__hash__,
        UnaryOp::Abs => q::__abs__,
        UnaryOp::IntMaybe => q::__int__,
        UnaryOp::FloatMaybe => q::__float__,
        UnaryOp::ComplexMaybe => q::__complex__,
        UnaryOp::Sizeof => q::__sizeof__,
        UnaryOp::Not => return None,
    })
}

fn inst_unary(vm: &mut Vm, op: UnaryOp, o: Obj) -> PyResult<Obj> {
    if let Some(name) = unary_special(op) {
        if let Some(f) = special(vm, o, name) {
            let r = vm.call(f, &[o], &[])?;
            return Ok(match op {
                UnaryOp::Bool => Obj::bool(vm.is_true(r)?),
                UnaryOp::Len if !r.is_small_int() => {
                    return Err(vm.type_error("object cannot be interpreted as an integer"));
                }
                _ => r,
            });
        }
        if op == UnaryOp::Bool {
            if let Some(f) = special(vm, o, q::__len__) {
                let r = vm.call(f, &[o], &[])?;
                return Ok(Obj::bool(r != Obj::small_int(0)));
            }
        }
        if op == UnaryOp::Hash && special(vm, o, q::__eq__).is_some() {
            let msg = format!("unhashable type: '{}'", vm.type_name(o));
            return Err(vm.type_error(&msg));
        }
    }
    let (_, native) = parts(vm, o);
    if !native.is_null() {
        let t = vm.builtin_type(native);
        if let Some(f) = t.unary_op {
            return f(vm, op, native);
        }
    }
    Ok(Obj::NULL)
}

/// The special method name of a binary op (`__add__`, `__radd__`,
/// `__iadd__`, `__contains__`, ...); None for `is` and exception matching.
fn binary_qstr(op: BinaryOp) -> Option<Qstr> {
    use BinaryOp::*;
    Some(match op {
        Less => q::__lt__, More => q::__gt__, Equal => q::__eq__, LessEqual => q::__le__,
        MoreEqual => q::__ge__, NotEqual => q::__ne__, In | Contains => q::__contains__,
        Is | ExceptionMatch => return None,
        InplaceOr => q::__ior__, InplaceXor => q::__ixor__, InplaceAnd => q::__iand__,
        InplaceLshift => q::__ilshift__, InplaceRshift => q::__irshift__, InplaceAdd => q::__iadd__,
        InplaceSubtract => q::__isub__, InplaceMultiply => q::__imul__,
        InplaceMatMultiply => q::__imatmul__, InplaceFloorDivide => q::__ifloordiv__,
        InplaceTrueDivide => q::__itruediv__, InplaceModulo => q::__imod__, InplacePower => q::__ipow__,
        Or => q::__or__, Xor => q::__xor__, And => q::__and__, Lshift => q::__lshift__,
        Rshift => q::__rshift__, Add => q::__add__, Subtract => q::__sub__, Multiply => q::__mul__,
        MatMultiply => q::__matmul__, FloorDivide => q::__floordiv__, TrueDivide => q::__truediv__,
        Modulo => q::__mod__, Power => q::__pow__, Divmod => q::__divmod__,
        ReverseOr => q::__ror__, ReverseXor => q::__rxor__, ReverseAnd => q::__rand__,
        ReverseLshift => q::__rlshift__, ReverseRshift => q::__rrshift__, ReverseAdd => q::__radd__,
        ReverseSubtract => q::__rsub__, ReverseMultiply => q::__rmul__,
        ReverseMatMultiply => q::__rmatmul__, ReverseFloorDivide => q::__rfloordiv__,
        ReverseTrueDivide => q::__rtruediv__, ReverseModulo => q::__rmod__, ReversePower => q::__rpow__,
    })
}

fn inst_binary(vm: &mut Vm, op: BinaryOp, a: Obj, b: Obj) -> PyResult<Obj> {
    if let Some(nq) = binary_qstr(op) {
        if let Some(f) = special(vm, a, nq) {
            let r = vm.call(f, &[a, b], &[])?;
            if r == Obj::NOT_IMPLEMENTED {
                return Ok(Obj::NULL);
            }
            return Ok(match op {
                BinaryOp::Contains => Obj::bool(vm.is_true(r)?),
                _ => r,
            });
        }
    }
    if op == BinaryOp::NotEqual {
        if let Some(f) = special(vm, a, q::__eq__) {
            let r = vm.call(f, &[a, b], &[])?;
            if r == Obj::NOT_IMPLEMENTED {
                return Ok(Obj::NULL);
            }
            return Ok(Obj::bool(!vm.is_true(r)?));
        }
    }
    let (_, native) = parts(vm, a);
    if !native.is_null() {
        let t = vm.builtin_type(native);
        if let Some(f) = t.binary_op {
            let b2 = match vm.heap.get(b) {
                Some(ObjData::Instance(i)) if !i.native.is_null() => i.native,
                _ => b,
            };
            return f(vm, op, native, b2);
        }
    }
    Ok(Obj::NULL)
}

fn inst_subscr(vm: &mut Vm, o: Obj, index: Obj, op: Subscr) -> PyResult<Obj> {
    let (name, args_store) = match op {
        Subscr::Load => (q::__getitem__, None),
        Subscr::Store(v) => (q::__setitem__, Some(v)),
        Subscr::Delete => (q::__delitem__, None),
    };
    if let Some(f) = special(vm, o, name) {
        let r = match args_store {
            Some(v) => vm.call(f, &[o, index, v], &[])?,
            None => vm.call(f, &[o, index], &[])?,
        };
        return Ok(if matches!(op, Subscr::Load) { r } else { Obj::NONE });
    }
    let (_, native) = parts(vm, o);
    if !native.is_null() {
        return vm.subscr(native, index, op);
    }
    Ok(Obj::NULL)
}

fn inst_iter(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    if let Some(f) = special(vm, o, q::__iter__) {
        return vm.call(f, &[o], &[]);
    }
    let (_, native) = parts(vm, o);
    if !native.is_null() {
        return vm.get_iter(native);
    }
    if let Some(f) = special(vm, o, q::__await__) {
        return vm.call(f, &[o], &[]);
    }
    if special(vm, o, q::__next__).is_some() {
        return Ok(o);
    }
    if special(vm, o, q::__getitem__).is_some() {
        // The sequence protocol: o[0], o[1], ... until IndexError.
        return crate::types::iterators::new_subscr_iter(vm, o);
    }
    let msg = format!("'{}' object isn't iterable", vm.type_name(o));
    Err(vm.type_error(&msg))
}

fn inst_iternext(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    if let Some(f) = special(vm, o, q::__next__) {
        return match vm.call(f, &[o], &[]) {
            Ok(v) => Ok(v),
            Err(PyErr(e)) if crate::vm::gen::exc_is(vm, e, &exc::STOP_ITERATION_TYPE) => Ok(Obj::STOP_ITERATION),
            Err(e) => Err(e),
        };
    }
    let (_, native) = parts(vm, o);
    if !native.is_null() {
        return Ok(vm.iter_next(native)?.unwrap_or(Obj::STOP_ITERATION));
    }
    let msg = format!("'{}' object isn't an iterator", vm.type_name(o));
    Err(vm.type_error(&msg))
}

fn inst_call(vm: &mut Vm, o: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    if let Some(f) = special(vm, o, q::__call__) {
        return vm.call_with_self(f, o, args, kw);
    }
    let msg = format!("'{}' object isn't callable", vm.type_name(o));
    Err(vm.type_error(&msg))
}

/// The native type behind every instance of a user class.
pub static INSTANCE_TYPE: TypeObj = TypeObj {
    name: q::object,
    print: Some(inst_print),
    unary_op: Some(inst_unary),
    binary_op: Some(inst_binary),
    subscr: Some(inst_subscr),
    iter: Some(inst_iter),
    iternext: Some(inst_iternext),
    call: Some(inst_call),
    ..TypeObj::EMPTY
};
