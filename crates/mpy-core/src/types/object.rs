//! `object` and `type` behaviour: `object()`, `object.__init__`,
//! `object.__new__`, `object.__setattr__`/`__delattr__`; `type(x)`,
//! `type(name, bases, dict)` and printing type objects (`<class 'int'>`).

use crate::obj::Obj;
use crate::qstr::q;
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{BuiltinFun, PrintKind, Rom};
use crate::PyResult;

/// `object()`: a plain instance.
pub fn object_make_new(vm: &mut Vm, cls: Obj, _args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    crate::vm::class::new_instance(vm, cls, &[], &[], true)
}

fn object_init(_vm: &mut Vm, _args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    Ok(Obj::NONE)
}

fn object_new(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let cls = args[0];
    if let Some(t) = cls.as_type() {
        if let Some(mk) = t.make_new {
            return mk(vm, cls, &[], &[]);
        }
    }
    crate::vm::class::new_instance(vm, cls, &[], &[], true)
}

fn attr_name(vm: &mut Vm, n: Obj) -> PyResult<crate::Qstr> {
    match n.as_qstr() {
        Some(q) => Ok(q),
        None => match vm.str_pinned(n) {
            Some(s) => vm.intern(s),
            None => Err(vm.type_error(msg!("attribute name must be string"))),
        },
    }
}

fn object_setattr(vm: &mut Vm, a0: Obj, a1: Obj, a2: Obj) -> PyResult<Obj> {
    let args = &[a0, a1, a2];
    let name = attr_name(vm, args[1])?;
    if !crate::vm::members::ns_store(vm, args[0], name, args[2])? {
        return Err(vm.no_attr_error(args[0], name));
    }
    Ok(Obj::NONE)
}

fn object_delattr(vm: &mut Vm, a0: Obj, a1: Obj) -> PyResult<Obj> {
    let args = &[a0, a1];
    let name = attr_name(vm, args[1])?;
    if !crate::vm::members::ns_store(vm, args[0], name, Obj::NULL)? {
        return Err(vm.no_attr_error(args[0], name));
    }
    Ok(Obj::NONE)
}

static OBJECT_INIT: BuiltinFun = BuiltinFun::new_kw(q::__init__, 1, object_init);
static OBJECT_NEW: BuiltinFun = BuiltinFun::new_kw(q::__new__, 1, object_new).static_method();
static OBJECT_SETATTR: BuiltinFun = BuiltinFun::new3(q::__setattr__, object_setattr);
static OBJECT_DELATTR: BuiltinFun = BuiltinFun::new2(q::__delattr__, object_delattr);

/// `object`'s methods (as MicroPython: no `__repr__`, `__eq__`,
/// `__hash__`).
pub static OBJECT_LOCALS: [crate::typ::Entry; 4] = [
    crate::typ::Entry::new(q::__init__, Rom::Fun(&OBJECT_INIT)),
    crate::typ::Entry::new(q::__new__, Rom::StaticMethod(&OBJECT_NEW)),
    crate::typ::Entry::new(q::__setattr__, Rom::Fun(&OBJECT_SETATTR)),
    crate::typ::Entry::new(q::__delattr__, Rom::Fun(&OBJECT_DELATTR)),
];

/// `type(x)` -> the type of x; `type(name, bases, dict)` -> a new class.
///
/// Errors: `TypeError: function takes 1 or 3 arguments`.
pub fn type_make_new(vm: &mut Vm, _cls: Obj, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    match args {
        [x] => Ok(vm.type_of(*x)),
        [name, bases, dict] => {
            let nq = attr_name(vm, *name)?;
            let bases = if vm.list_items(*bases).is_some() {
                super::tuple::tuple_from_seq(vm, *bases)?
            } else {
                *bases
            };
            let b = vm.tuple_pinned(bases).unwrap_or(&[]);
            crate::vm::class::make_class(vm, nq, b, *dict)
        }
        _ => Err(vm.type_error(msg!("function takes 1 or 3 arguments"))),
    }
}

/// Prints a type object: `<class 'name'>`.
///
/// Errors: `MemoryError` (printing to a buffer).
pub fn type_print(vm: &mut Vm, t: Obj, out: &mut Out, _k: PrintKind) -> PyResult<()> {
    let name = vm.class_name(t);
    out.fmt(vm, crate::msg!("<class '{}'>"), &[name.into()])
}
