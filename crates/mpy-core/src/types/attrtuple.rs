//! `attrtuple`: a tuple whose items also have names (MicroPython's
//! `sys.implementation`, printed as `(name='micropython', ...)`).

use crate::obj::{Obj, ObjBase};
use crate::qstr::{q, Qstr};
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{PrintKind, Subscr, TypeObj, UnaryOp};
use crate::PyResult;

/// The header of an attrtuple; its items follow inline (`heap::Var`).
#[repr(C)]
pub struct AttrTupleHead {
    /// Header (`attrtuple`, shown as `tuple`).
    pub base: ObjBase,
    /// Field names, one per item.
    pub fields: &'static [Qstr],
}

/// The field names and items of attrtuple `o`, pinned.
fn get<'a>(vm: &Vm, o: Obj) -> Option<(&'static [Qstr], &'a [Obj])> {
    vm.heap.var_pinned::<AttrTupleHead>(o).map(|(h, items)| (h.fields, items))
}

/// Makes an attrtuple of `items` named by `fields` (extra items or names
/// are dropped).
///
/// Errors: `MemoryError`.
pub fn new(vm: &mut Vm, fields: &'static [Qstr], items: &[Obj]) -> PyResult<Obj> {
    let n = fields.len().min(items.len());
    vm.alloc_var_with(AttrTupleHead { base: ObjBase::new(&ATTRTUPLE_TYPE), fields }, n, |d| {
        d.copy_from_slice(&items[..n]);
        n
    })
}

/// Field `i` of attrtuple `o` as an entry (name, value) for
/// [`print_entries`](super::seq::print_entries).
fn field_at(vm: &Vm, o: Obj, i: usize) -> Option<(usize, Obj, Obj)> {
    let (fields, items) = get(vm, o)?;
    Some((i, Obj::qstr(*fields.get(i)?), *items.get(i)?))
}

fn print(vm: &mut Vm, o: Obj, out: &mut Out, _k: PrintKind) -> PyResult<()> {
    super::seq::print_entries(vm, o, field_at, usize::MAX, super::seq::Entry::Named, "(", ")", out)
}

fn attr(vm: &mut Vm, o: Obj, name: Qstr, store: Option<Obj>) -> PyResult<Obj> {
    if store.is_some() {
        return Ok(Obj::NULL);
    }
    let Some((fields, items)) = get(vm, o) else { return Ok(Obj::NULL) };
    Ok(fields.iter().position(|f| *f == name).and_then(|i| items.get(i).copied()).unwrap_or(Obj::NULL))
}

fn subscr(vm: &mut Vm, o: Obj, index: Obj, op: Subscr) -> PyResult<Obj> {
    let (Subscr::Load, Some(i)) = (op, index.as_small_int()) else { return Ok(Obj::NULL) };
    let items = get(vm, o).map_or(&[][..], |(_, items)| items);
    let n = items.len() as isize;
    let j = if i < 0 { i + n } else { i };
    match items.get(j as usize).copied() {
        Some(v) if j >= 0 => Ok(v),
        _ => Err(super::strutil::index_range_error(vm, "tuple")),
    }
}

fn unary(vm: &mut Vm, op: UnaryOp, o: Obj) -> PyResult<Obj> {
    match op {
        UnaryOp::Len => Ok(Obj::small_int(get(vm, o).map_or(0, |(_, items)| items.len()) as isize)),
        _ => Ok(Obj::NULL),
    }
}

/// The `attrtuple` type (shows as `tuple`).
pub static ATTRTUPLE_TYPE: TypeObj = TypeObj {
    name: q::tuple.tn(),
    print: Some(print),
    subscr: Some(subscr),
    ext: &crate::typ::TypeExt { attr: Some(attr), unary_op: Some(unary), ..crate::typ::TypeExt::NONE },
    ..TypeObj::EMPTY
};
