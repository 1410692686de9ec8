//! Small built-in types: cell, bound method, staticmethod, classmethod,
//! property, function, generator, module, code context, NoneType, bool,
//! ellipsis, NotImplemented.

use crate::typ::Entry;
use crate::obj::{Obj, ObjBase};
use crate::qstr::{q, Qstr};
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{flags, BuiltinFun, PrintKind, Rom, TypeObj};
use crate::PyResult;

/// Closure cells (internal).
pub static CELL_TYPE: TypeObj = TypeObj { name: q::cell.tn(), ..TypeObj::EMPTY };

/// A new closure cell holding `value` (NULL for an empty cell).
///
/// Errors: `MemoryError`.
pub fn new_cell(vm: &mut Vm, value: Obj) -> PyResult<Obj> {
    vm.alloc_obj(CellObj { base: ObjBase::new(&CELL_TYPE), value })
}

/// The function and `self` of bound method `o`.
#[inline]
pub fn bound_method_parts(vm: &Vm, o: Obj) -> Option<(Obj, Obj)> {
    vm.heap.get::<BoundMethObj>(o).map(|b| (b.fun, b.self_obj))
}

fn bound_print(vm: &mut Vm, o: Obj, out: &mut Out, _k: PrintKind) -> PyResult<()> {
    let Some((m, s)) = bound_method_parts(vm, o) else { return Ok(()) };
    out.fmt(vm, crate::msg!("<bound_method {} "), &[crate::runtime::print::Arg::Hex(o.raw(), 0)])?;
    vm.print_obj(s, out, PrintKind::Repr)?;
    out.str(vm, ".")?;
    vm.print_obj(m, out, PrintKind::Repr)?;
    out.str(vm, ">")
}

fn bound_attr(vm: &mut Vm, o: Obj, name: Qstr, store: Option<Obj>) -> PyResult<Obj> {
    if store.is_some() {
        return Ok(Obj::NULL);
    }
    // As MicroPython: the function's attributes (`__name__`, ...).
    let Some((m, _)) = bound_method_parts(vm, o) else { return Ok(Obj::NULL) };
    vm.load_attr_maybe(m, name)
}

/// Bound methods.
pub static BOUND_METHOD_TYPE: TypeObj =
    TypeObj { name: q::bound_method.tn(), print: Some(bound_print), ext: &crate::typ::TypeExt { attr: Some(bound_attr), ..crate::typ::TypeExt::NONE }, ..TypeObj::EMPTY };

/// `staticmethod(f)` and `classmethod(f)` (`c` tells which).
fn funwrap_new(vm: &mut Vm, c: Obj, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    if args.len() != 1 {
        return Err(super::strutil::positional_count(vm, 1, args.len()));
    }
    let ty = if c == Obj::from_type(&CLASSMETHOD_TYPE) { &CLASSMETHOD_TYPE } else { &STATICMETHOD_TYPE };
    vm.alloc_obj(FunWrapObj { base: ObjBase::new(ty), fun: args[0] })
}

/// `staticmethod`.
pub static STATICMETHOD_TYPE: TypeObj = TypeObj { name: q::staticmethod.tn(), make_new: Some(funwrap_new), ..TypeObj::EMPTY };
/// `classmethod`.
pub static CLASSMETHOD_TYPE: TypeObj = TypeObj { name: q::classmethod.tn(), make_new: Some(funwrap_new), ..TypeObj::EMPTY };

/// A new `property(fget, fset, fdel)` (NULL for absent accessors).
///
/// Errors: `MemoryError`.
pub fn new_property(vm: &mut Vm, fget: Obj, fset: Obj, fdel: Obj) -> PyResult<Obj> {
    vm.alloc_obj(PropertyObj { base: ObjBase::new(&PROPERTY_TYPE), fget, fset, fdel })
}

fn property_new(vm: &mut Vm, _c: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    use super::seq::kw_get;
    let g = args.first().copied().or_else(|| kw_get(vm, kw, "fget")).unwrap_or(Obj::NULL);
    let s = args.get(1).copied().or_else(|| kw_get(vm, kw, "fset")).unwrap_or(Obj::NULL);
    let d = args.get(2).copied().or_else(|| kw_get(vm, kw, "fdel")).unwrap_or(Obj::NULL);
    new_property(vm, g, s, d)
}

/// The `(fget, fset, fdel)` of property `p` (NULLs if `p` is not one).
pub fn property_parts(vm: &Vm, p: Obj) -> (Obj, Obj, Obj) {
    match vm.heap.get::<PropertyObj>(p) {
        Some(p) => (p.fget, p.fset, p.fdel),
        None => (Obj::NULL, Obj::NULL, Obj::NULL),
    }
}

/// A copy of property `args[0]` with accessor `which` (0 get, 1 set,
/// 2 delete) replaced by `args[1]`: one body for the three methods.
fn property_with(vm: &mut Vm, h0: Obj, h1: Obj, which: usize) -> PyResult<Obj> {
    let args = &[h0, h1];
    let (g, s, d) = property_parts(vm, args[0]);
    let mut f = [g, s, d];
    f[which % 3] = args[1];
    new_property(vm, f[0], f[1], f[2])
}

static PROPERTY_GETTER: BuiltinFun = BuiltinFun::new2_at(q::getter, property_with, 0);
static PROPERTY_SETTER: BuiltinFun = BuiltinFun::new2_at(q::setter, property_with, 1);
static PROPERTY_DELETER: BuiltinFun = BuiltinFun::new2_at(q::deleter, property_with, 2);
static PROPERTY_LOCALS: [Entry; 3] = [
    Entry::new(q::getter, Rom::Fun(&PROPERTY_GETTER)),
    Entry::new(q::setter, Rom::Fun(&PROPERTY_SETTER)),
    Entry::new(q::deleter, Rom::Fun(&PROPERTY_DELETER)),
];

/// `property`.
pub static PROPERTY_TYPE: TypeObj =
    TypeObj { name: q::property.tn(), make_new: Some(property_new), locals: crate::typ::Locals::of(&PROPERTY_LOCALS), ..TypeObj::EMPTY };

fn function_print(vm: &mut Vm, o: Obj, out: &mut Out, _k: PrintKind) -> PyResult<()> {
    let name = crate::vmobj::function_name(vm, o).unwrap_or(q::function);
    let name = vm.qstr_str(name);
    out.fmt(vm, crate::msg!("<function {} at 0x{}>"), &[name.into(), crate::runtime::print::Arg::Hex(o.raw(), 0)])
}

fn function_attr(vm: &mut Vm, o: Obj, name: Qstr, store: Option<Obj>) -> PyResult<Obj> {
    if store.is_some() {
        return Ok(Obj::NULL);
    }
    Ok(match name {
        q::__name__ => crate::vmobj::function_name(vm, o).map_or(Obj::NULL, Obj::qstr),
        q::__globals__ => crate::vmobj::function_globals(vm, o).unwrap_or(Obj::NULL),
        _ => Obj::NULL,
    })
}

/// Python functions.
pub static FUNCTION_TYPE: TypeObj =
    TypeObj { name: q::function.tn(), print: Some(function_print), ext: &crate::typ::TypeExt { attr: Some(function_attr), ..crate::typ::TypeExt::NONE }, ..TypeObj::EMPTY };

/// Generators and coroutines.
pub static GENERATOR_TYPE: TypeObj = TypeObj {
    name: q::generator.tn(),
    flags: flags::ITER_IS_SELF,
    iternext: Some(crate::vm::gen::gen_iternext),
    print: Some(crate::vm::gen::gen_print),
    locals: crate::typ::Locals::of(&crate::vm::gen::GEN_LOCALS),
    ..TypeObj::EMPTY
};

fn module_print(vm: &mut Vm, o: Obj, out: &mut Out, _k: PrintKind) -> PyResult<()> {
    let name = crate::vm::module::module_name(vm, o).unwrap_or(q::module);
    let name = vm.qstr_str(name);
    out.fmt(vm, crate::msg!("<module '{}'>"), &[name.into()])
}

/// Modules.
pub static MODULE_TYPE: TypeObj = TypeObj { name: q::module.tn(), print: Some(module_print), ..TypeObj::EMPTY };
/// Code contexts (internal).
pub static CODE_CONTEXT_TYPE: TypeObj = TypeObj { name: q::code.tn(), ..TypeObj::EMPTY };

fn const_print(vm: &mut Vm, o: Obj, out: &mut Out, _k: PrintKind) -> PyResult<()> {
    let s = match o {
        Obj::NONE => "None",
        Obj::TRUE => "True",
        Obj::FALSE => "False",
        Obj::ELLIPSIS => "Ellipsis",
        Obj::NOT_IMPLEMENTED => "NotImplemented",
        _ => "?",
    };
    out.str(vm, s)
}

/// `NoneType`.
pub static NONE_TYPE: TypeObj = TypeObj { name: q::NoneType.tn(), print: Some(const_print), ..TypeObj::EMPTY };
/// `bool` (derives from `int`): now in [`super::bool`].
pub use super::bool::BOOL_TYPE;
/// The type of `...`.
pub static ELLIPSIS_TYPE: TypeObj = TypeObj { name: q::ellipsis.tn(), print: Some(const_print), ..TypeObj::EMPTY };
/// The type of `NotImplemented`.
pub static NOT_IMPLEMENTED_TYPE: TypeObj =
    TypeObj { name: q::NotImplementedType.tn(), print: Some(const_print), ..TypeObj::EMPTY };

fn bool_to_int(o: Obj) -> Obj {
    match o {
        Obj::TRUE => Obj::small_int(1),
        Obj::FALSE => Obj::small_int(0),
        other => other,
    }
}

/// bool arithmetic: as the ints 0 and 1.
pub fn bool_binary(vm: &mut Vm, op: crate::typ::BinaryOp, a: Obj, b: Obj) -> PyResult<Obj> {
    use crate::typ::BinaryOp as B;
    if matches!(op, B::And | B::Or | B::Xor | B::InplaceAnd | B::InplaceOr | B::InplaceXor) && a.is_bool() && b.is_bool() {
        let (x, y) = (a == Obj::TRUE, b == Obj::TRUE);
        return Ok(Obj::bool(match op.non_inplace() {
            B::And => x & y,
            B::Or => x | y,
            _ => x ^ y,
        }));
    }
    if op == B::Contains {
        return Ok(Obj::NULL);
    }
    let op = match op {
        B::ReverseOr | B::ReverseXor | B::ReverseAnd | B::ReverseLshift | B::ReverseRshift | B::ReverseAdd
        | B::ReverseSubtract | B::ReverseMultiply | B::ReverseMatMultiply | B::ReverseFloorDivide
        | B::ReverseTrueDivide | B::ReverseModulo | B::ReversePower => {
            let plain = B::ALL[(op as u8 - 15) as usize];
            return vm.binary_op(plain, bool_to_int(b), bool_to_int(a));
        }
        other => other,
    };
    vm.binary_op(op, bool_to_int(a), bool_to_int(b))
}

/// bool unary ops: as the ints 0 and 1.
pub fn bool_unary(vm: &mut Vm, op: crate::typ::UnaryOp, a: Obj) -> PyResult<Obj> {
    use crate::typ::UnaryOp as U;
    match op {
        U::Bool | U::Not | U::Hash | U::Len => Ok(Obj::NULL),
        _ => vm.unary_op(op, bool_to_int(a)),
    }
}

/// A closure cell.
#[repr(C)]
pub struct CellObj {
    /// Header (`cell`).
    pub base: ObjBase,
    /// The content (NULL when empty).
    pub value: Obj,
}

/// A bound method: a function and the object it is bound to.
#[repr(C)]
pub struct BoundMethObj {
    /// Header (`bound_method`).
    pub base: ObjBase,
    /// The function.
    pub fun: Obj,
    /// `self`.
    pub self_obj: Obj,
}

/// `staticmethod(f)` or `classmethod(f)` (the type tells which).
#[repr(C)]
pub struct FunWrapObj {
    /// Header (`staticmethod` or `classmethod`).
    pub base: ObjBase,
    /// The wrapped function.
    pub fun: Obj,
}

/// `property(fget, fset, fdel)` (NULL for absent accessors).
#[repr(C)]
pub struct PropertyObj {
    /// Header (`property`).
    pub base: ObjBase,
    /// Getter.
    pub fget: Obj,
    /// Setter.
    pub fset: Obj,
    /// Deleter.
    pub fdel: Obj,
}
