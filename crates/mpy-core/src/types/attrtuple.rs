//! `attrtuple`: a tuple whose items also have names (MicroPython's
//! `sys.implementation`, printed as `(name='micropython', ...)`).

use crate::obj::Obj;
use crate::objdata::{NativeObj, ObjData};
use crate::qstr::{q, Qstr};
use crate::state::Vm;
use crate::typ::{PrintKind, Subscr, TypeObj, UnaryOp};
use crate::PyResult;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::any::Any;

/// The items and their field names.
pub struct AttrTuple {
    /// Field names, one per item.
    pub fields: &'static [Qstr],
    /// The items.
    pub items: Vec<Obj>,
}

impl NativeObj for AttrTuple {
    fn type_obj(&self) -> &'static TypeObj {
        &ATTRTUPLE_TYPE
    }
    fn trace(&self, f: &mut dyn FnMut(Obj)) {
        self.items.iter().for_each(|&o| f(o));
    }
    fn heap_bytes(&self) -> usize {
        self.items.capacity() * core::mem::size_of::<Obj>()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

fn get(vm: &Vm, o: Obj) -> Option<&AttrTuple> {
    match vm.get(o)? {
        ObjData::Native(n) => n.as_any().downcast_ref::<AttrTuple>(),
        _ => None,
    }
}

/// Makes an attrtuple.
pub fn new(vm: &mut Vm, fields: &'static [Qstr], items: Vec<Obj>) -> PyResult<Obj> {
    vm.alloc(ObjData::Native(Box::new(AttrTuple { fields, items })))
}

fn print(vm: &mut Vm, o: Obj, out: &mut String, _k: PrintKind) -> PyResult<()> {
    let Some(t) = get(vm, o) else { return Ok(()) };
    let (fields, items) = (t.fields, t.items.clone());
    out.push('(');
    for (i, (f, v)) in fields.iter().zip(items).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(vm.qstrs.str(*f));
        out.push('=');
        vm.print_obj(v, out, PrintKind::Repr)?;
    }
    out.push(')');
    Ok(())
}

fn attr(vm: &mut Vm, o: Obj, name: Qstr, store: Option<Obj>) -> PyResult<Obj> {
    if store.is_some() {
        return Ok(Obj::NULL);
    }
    let Some(t) = get(vm, o) else { return Ok(Obj::NULL) };
    Ok(t.fields.iter().position(|f| *f == name).and_then(|i| t.items.get(i).copied()).unwrap_or(Obj::NULL))
}

fn subscr(vm: &mut Vm, o: Obj, index: Obj, op: Subscr) -> PyResult<Obj> {
    let (Subscr::Load, Some(i)) = (op, index.as_small_int()) else { return Ok(Obj::NULL) };
    let n = get(vm, o).map_or(0, |t| t.items.len()) as isize;
    let j = if i < 0 { i + n } else { i };
    match get(vm, o).and_then(|t| t.items.get(j as usize).copied()) {
        Some(v) if j >= 0 => Ok(v),
        _ => Err(vm.index_error("tuple index out of range")),
    }
}

fn unary(vm: &mut Vm, op: UnaryOp, o: Obj) -> PyResult<Obj> {
    match op {
        UnaryOp::Len => Ok(Obj::small_int(get(vm, o).map_or(0, |t| t.items.len()) as isize)),
        _ => Ok(Obj::NULL),
    }
}

/// The `attrtuple` type (shows as `tuple`).
pub static ATTRTUPLE_TYPE: TypeObj = TypeObj {
    name: q::tuple,
    print: Some(print),
    attr: Some(attr),
    subscr: Some(subscr),
    unary_op: Some(unary),
    ..TypeObj::EMPTY
};
