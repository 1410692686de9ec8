//! Dict views (`d.keys()`, `d.values()`, `d.items()`) and the dict
//! iterator.
//!
//! Follows MicroPython: views are of type `dict_view`, print as
//! `dict_keys(['a'])` / `dict_values([1])` / `dict_items([('a', 1)])`,
//! support `len`, `in` and iteration, and compare by identity; their
//! iterators are of type `iterator`. Iteration walks table positions, so it
//! tolerates (and may observe) mutation instead of crashing.

use super::iterators::{native_impl, native_mut, native_ref};
use crate::obj::Obj;
use crate::objdata::{NativeObj, ObjData};
use crate::qstr::q;
use crate::state::Vm;
use crate::typ::{flags, BinaryOp, PrintKind, TypeObj, UnaryOp};
use crate::PyResult;
use alloc::boxed::Box;
use alloc::string::String;
use core::any::Any;

/// Which part of the entries a view or iterator yields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewKind {
    /// Keys.
    Keys,
    /// Values.
    Values,
    /// (key, value) tuples.
    Items,
}

/// A dict view object.
struct DictView {
    dict: Obj,
    kind: ViewKind,
}
native_impl!(DictView, &DICT_VIEW_TYPE, |s, f| { f(s.dict) });

/// An iterator over a dict's (or set's) table. It stops at the table end
/// it saw when created, so adding entries while iterating terminates (as
/// in MicroPython, which raises no error for it).
struct DictIter {
    dict: Obj,
    pos: usize,
    end: usize,
    kind: ViewKind,
}
native_impl!(DictIter, &DICT_ITERATOR_TYPE, |s, f| { f(s.dict) });

/// A new view of dict `d`.
pub fn new_view(vm: &mut Vm, d: Obj, kind: ViewKind) -> PyResult<Obj> {
    vm.alloc(ObjData::Native(Box::new(DictView { dict: d, kind })))
}

/// A new iterator over dict (or set/frozenset) `d` yielding `kind`.
pub fn new_dict_iter(vm: &mut Vm, d: Obj, kind: ViewKind) -> PyResult<Obj> {
    let end = vm.table(d).map(|t| t.end_pos()).unwrap_or(0);
    vm.alloc(ObjData::Native(Box::new(DictIter { dict: d, pos: 0, end, kind })))
}

fn view_parts(vm: &Vm, o: Obj) -> Option<(Obj, ViewKind)> {
    native_ref::<DictView>(vm, o).map(|v| (v.dict, v.kind))
}

fn view_print(vm: &mut Vm, o: Obj, out: &mut String, _kind: PrintKind) -> PyResult<()> {
    let Some((d, kind)) = view_parts(vm, o) else { return Ok(()) };
    out.push_str(match kind {
        ViewKind::Keys => "dict_keys(",
        ViewKind::Values => "dict_values(",
        ViewKind::Items => "dict_items(",
    });
    let it = new_dict_iter(vm, d, kind)?;
    let items = vm.collect_iter(it)?;
    let base = vm.roots.len();
    vm.roots.extend_from_slice(&items);
    let r = super::seq::print_items(vm, &items, "[", "]", out);
    vm.roots.truncate(base);
    r?;
    out.push(')');
    Ok(())
}

fn view_unary(vm: &mut Vm, op: UnaryOp, o: Obj) -> PyResult<Obj> {
    let Some((d, _)) = view_parts(vm, o) else { return Ok(Obj::NULL) };
    let n = super::dict::dict_len(vm, d);
    Ok(match op {
        UnaryOp::Bool => Obj::bool(n != 0),
        UnaryOp::Len => Obj::small_int(n as isize),
        _ => Obj::NULL,
    })
}

fn view_binary(vm: &mut Vm, op: BinaryOp, a: Obj, b: Obj) -> PyResult<Obj> {
    if op != BinaryOp::Contains {
        return Ok(Obj::NULL);
    }
    let Some((d, kind)) = view_parts(vm, a) else { return Ok(Obj::NULL) };
    match kind {
        ViewKind::Keys => Ok(Obj::bool(super::dict::lookup(vm, d, b)?.is_some())),
        ViewKind::Items => {
            let Some(kv) = vm.seq_items(b) else { return Ok(Obj::FALSE) };
            if kv.len() != 2 || !matches!(vm.heap.get(b), Some(ObjData::Tuple(_))) {
                return Ok(Obj::FALSE);
            }
            match vm.dict_lookup(d, kv[0])? {
                Some(v) => Ok(Obj::bool(vm.eq(v, kv[1])?)),
                None => Ok(Obj::FALSE),
            }
        }
        ViewKind::Values => {
            for (_, v) in super::dict::dict_entries(vm, d) {
                if vm.eq(v, b)? {
                    return Ok(Obj::TRUE);
                }
            }
            Ok(Obj::FALSE)
        }
    }
}

fn view_iter(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    let Some((d, kind)) = view_parts(vm, o) else { return Ok(Obj::NULL) };
    new_dict_iter(vm, d, kind)
}

/// The type of dict views (`dict_view`).
pub static DICT_VIEW_TYPE: TypeObj = TypeObj {
    name: q::dict_view,
    print: Some(view_print),
    unary_op: Some(view_unary),
    binary_op: Some(view_binary),
    iter: Some(view_iter),
    ..TypeObj::EMPTY
};

fn dict_iter_next(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    let Some(it) = native_ref::<DictIter>(vm, o) else { return Ok(Obj::STOP_ITERATION) };
    let (d, pos, end, kind) = (it.dict, it.pos, it.end, it.kind);
    let found = vm.table(d).and_then(|t| t.next_at(pos)).filter(|(p, _)| *p < end).map(|(p, e)| (p, e.key, e.value));
    let Some((p, k, v)) = found else { return Ok(Obj::STOP_ITERATION) };
    if let Some(it) = native_mut::<DictIter>(vm, o) {
        it.pos = p + 1;
    }
    match kind {
        ViewKind::Keys => Ok(k),
        ViewKind::Values => Ok(v),
        ViewKind::Items => vm.new_tuple(&[k, v]),
    }
}

fn print_iterator(_vm: &mut Vm, _o: Obj, out: &mut String, _kind: PrintKind) -> PyResult<()> {
    out.push_str("<iterator>");
    Ok(())
}

/// The type of dict and set iterators (named `iterator`, as in
/// MicroPython).
pub static DICT_ITERATOR_TYPE: TypeObj = TypeObj {
    name: q::iterator,
    flags: flags::ITER_IS_SELF,
    print: Some(print_iterator),
    iternext: Some(dict_iter_next),
    locals: &super::iterators::ITER_LOCALS,
    ..TypeObj::EMPTY
};
