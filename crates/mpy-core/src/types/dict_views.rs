//! Dict views (`d.keys()`, `d.values()`, `d.items()`) and the dict
//! iterator.
//!
//! Follows MicroPython: views are of type `dict_view`, print as
//! `dict_keys(['a'])` / `dict_values([1])` / `dict_items([('a', 1)])`,
//! support `len`, `in` and iteration, and compare by identity; their
//! iterators are of type `iterator`. Iteration walks table positions, so it
//! tolerates (and may observe) mutation instead of crashing.

use crate::obj::{Obj, ObjBase};
use crate::qstr::q;
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{flags, BinaryOp, PrintKind, TypeObj, UnaryOp};
use crate::PyResult;

/// Which part of the entries a view or iterator yields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(usize)]
pub enum ViewKind {
    /// Keys.
    Keys = 0,
    /// Values.
    Values = 1,
    /// (key, value) tuples.
    Items = 2,
}

impl ViewKind {
    fn from_bits(b: usize) -> ViewKind {
        match b & 3 {
            0 => ViewKind::Keys,
            1 => ViewKind::Values,
            _ => ViewKind::Items,
        }
    }
}

/// A dict view object (3 words).
#[repr(C)]
pub struct DictViewObj {
    /// Header (`dict_view`).
    pub base: ObjBase,
    /// The dict.
    pub dict: Obj,
    /// What it yields.
    pub kind: ViewKind,
}

/// An iterator over a dict's (or set's) table (4 words). It stops at the
/// table end it saw when created, so adding entries while iterating
/// terminates (as in MicroPython, which raises no error for it).
#[repr(C)]
pub struct DictIterObj {
    /// Header (`iterator`).
    pub base: ObjBase,
    /// The dict, set or frozenset.
    pub dict: Obj,
    /// The next table position to look at.
    pub pos: usize,
    /// The table end when created, shifted left 2, with the
    /// [`ViewKind`] in the low bits.
    pub end_kind: usize,
}

/// A new view of dict `d`.
///
/// Errors: `MemoryError`.
pub fn new_view(vm: &mut Vm, d: Obj, kind: ViewKind) -> PyResult<Obj> {
    vm.alloc_obj(DictViewObj { base: ObjBase::new(&DICT_VIEW_TYPE), dict: d, kind })
}

/// A new iterator over dict (or set/frozenset) `d` yielding `kind`.
///
/// Errors: `MemoryError`.
pub fn new_dict_iter(vm: &mut Vm, d: Obj, kind: ViewKind) -> PyResult<Obj> {
    let end = vm.table(d).map(|t| t.end_pos()).unwrap_or(0);
    vm.alloc_obj(DictIterObj {
        base: ObjBase::new(&DICT_ITERATOR_TYPE),
        dict: d,
        pos: 0,
        end_kind: (end << 2) | kind as usize,
    })
}

fn view_parts(vm: &Vm, o: Obj) -> Option<(Obj, ViewKind)> {
    vm.heap.get::<DictViewObj>(o).map(|v| (v.dict, v.kind))
}

/// The next item of a [`DictIterObj`] (advancing it), or None at the end.
pub(crate) fn dict_iter_step(vm: &mut Vm, o: Obj) -> Option<(ViewKind, Obj, Obj)> {
    let it = vm.heap.get::<DictIterObj>(o)?;
    let (d, pos, end, kind) = (it.dict, it.pos, it.end_kind >> 2, ViewKind::from_bits(it.end_kind));
    let (p, e) = vm.table(d)?.next_at(pos).filter(|(p, _)| *p < end)?;
    if let Some(it) = vm.heap.get_mut::<DictIterObj>(o) {
        it.pos = p + 1;
    }
    Some((kind, e.key, e.value))
}

fn view_print(vm: &mut Vm, o: Obj, out: &mut Out, _kind: PrintKind) -> PyResult<()> {
    use super::seq::Entry;
    let Some((d, kind)) = view_parts(vm, o) else { return Ok(()) };
    // Entries up to the table end seen now, as the view's iterator walks.
    let end = vm.table(d).map_or(0, |t| t.end_pos());
    let (open, fmt) = match kind {
        ViewKind::Keys => ("dict_keys([", Entry::Key),
        ViewKind::Values => ("dict_values([", Entry::Value),
        ViewKind::Items => ("dict_items([", Entry::Pair),
    };
    super::seq::print_entries(vm, d, super::dict::dict_entry_at, end, fmt, open, "])", out)
}

fn view_unary(vm: &mut Vm, op: UnaryOp, o: Obj) -> PyResult<Obj> {
    let Some((d, _)) = view_parts(vm, o) else { return Ok(Obj::NULL) };
    let n = super::dict::dict_len(vm, d);
    super::seq::sized_unary(vm, op, o, n, true)
}

/// `x in d.keys()` looks the key up; the other views (and operators)
/// are not supported here, so `in` iterates and compares, as MicroPython.
fn view_binary(vm: &mut Vm, op: BinaryOp, a: Obj, b: Obj) -> PyResult<Obj> {
    match view_parts(vm, a) {
        Some((d, ViewKind::Keys)) if op == BinaryOp::Contains => Ok(Obj::bool(super::dict::lookup(vm, d, b)?.is_some())),
        _ => Ok(Obj::NULL),
    }
}

fn view_iter(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    let Some((d, kind)) = view_parts(vm, o) else { return Ok(Obj::NULL) };
    new_dict_iter(vm, d, kind)
}

/// The type of dict views (`dict_view`).
pub static DICT_VIEW_TYPE: TypeObj = TypeObj {
    name: q::dict_view.tn(),
    print: Some(view_print),
    binary_op: Some(view_binary),
    ext: &crate::typ::TypeExt { unary_op: Some(view_unary), iter: Some(view_iter), ..crate::typ::TypeExt::NONE },
    ..TypeObj::EMPTY
};

fn dict_iter_next(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    match dict_iter_step(vm, o) {
        None => Ok(Obj::STOP_ITERATION),
        Some((ViewKind::Keys, k, _)) => Ok(k),
        Some((ViewKind::Values, _, v)) => Ok(v),
        Some((ViewKind::Items, k, v)) => vm.new_tuple(&[k, v]),
    }
}

fn print_iterator(vm: &mut Vm, _o: Obj, out: &mut Out, _kind: PrintKind) -> PyResult<()> {
    out.str(vm, "<iterator>")
}

/// The type of dict and set iterators (named `iterator`, as in
/// MicroPython).
pub static DICT_ITERATOR_TYPE: TypeObj = TypeObj {
    name: q::iterator.tn(),
    flags: flags::ITER_IS_SELF,
    print: Some(print_iterator),
    iternext: Some(dict_iter_next),
    locals: crate::typ::Locals::of(&super::iterators::ITER_LOCALS),
    ..TypeObj::EMPTY
};
