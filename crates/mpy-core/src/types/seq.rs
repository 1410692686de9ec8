//! Helpers shared by the sequence types (tuple, list) and the containers:
//! lexicographic comparison, printing with a recursion guard, repetition
//! with heap checks, and access to the built-in part of instances of user
//! subclasses.

use crate::obj::Obj;
use crate::objdata::ObjData;
use crate::state::Vm;
use crate::typ::{BinaryOp, PrintKind};
use crate::PyResult;
use alloc::string::String;
use alloc::vec::Vec;

/// For an instance of a user subclass of a built-in type (e.g. `class
/// L(list)`), the built-in part; otherwise `o` itself.
#[inline]
pub fn native_of(vm: &Vm, o: Obj) -> Obj {
    match vm.heap.get(o) {
        Some(ObjData::Instance(i)) if !i.native.is_null() => i.native,
        _ => o,
    }
}

/// The items of a tuple or list (or the native part of a subclass
/// instance), copied out; None for anything else.
pub fn items_of(vm: &Vm, o: Obj) -> Option<Vec<Obj>> {
    vm.seq_items(native_of(vm, o))
}

/// Is `o` (or its native part) a list?
pub fn is_list(vm: &Vm, o: Obj) -> bool {
    matches!(vm.heap.get(native_of(vm, o)), Some(ObjData::List(_)))
}

/// Is `o` (or its native part) a tuple?
pub fn is_tuple(vm: &Vm, o: Obj) -> bool {
    matches!(vm.heap.get(native_of(vm, o)), Some(ObjData::Tuple(_)))
}

/// Raises `RuntimeError: maximum recursion depth exceeded` when the native
/// stack use passes the configured limit (guards printing and comparing
/// self-referencing containers, which MicroPython also reports this way).
pub fn check_recursion(vm: &mut Vm) -> PyResult<()> {
    if vm.stack_base != 0 && vm.stack_used() > vm.config.stack_limit {
        return Err(vm.runtime_error("maximum recursion depth exceeded"));
    }
    Ok(())
}

/// Lexicographic comparison of two item sequences for `op` (one of the
/// four orderings or `Equal`), as Python compares lists and tuples: the
/// first unequal pair decides, else the lengths do.
pub fn seq_compare(vm: &mut Vm, op: BinaryOp, a: &[Obj], b: &[Obj]) -> PyResult<bool> {
    check_recursion(vm)?;
    if op == BinaryOp::Equal && a.len() != b.len() {
        return Ok(false);
    }
    let n = a.len().min(b.len());
    for i in 0..n {
        if !vm.eq(a[i], b[i])? {
            if op == BinaryOp::Equal {
                return Ok(false);
            }
            if let (Some(x), Some(y)) = (a[i].as_small_int(), b[i].as_small_int()) {
                return Ok(match op {
                    BinaryOp::Less => x < y,
                    BinaryOp::LessEqual => x <= y,
                    BinaryOp::More => x > y,
                    _ => x >= y,
                });
            }
            let r = vm.binary_op(op, a[i], b[i])?;
            return vm.is_true(r);
        }
    }
    let (la, lb) = (a.len(), b.len());
    Ok(match op {
        BinaryOp::Less => la < lb,
        BinaryOp::LessEqual => la <= lb,
        BinaryOp::More => la > lb,
        BinaryOp::MoreEqual => la >= lb,
        _ => la == lb,
    })
}

/// Prints `items` as `open` repr, repr, ... `close` (the caller adds the
/// one-tuple comma).
pub fn print_items(vm: &mut Vm, items: &[Obj], open: &str, close: &str, out: &mut String) -> PyResult<()> {
    check_recursion(vm)?;
    out.push_str(open);
    for (i, &x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        vm.print_obj(x, out, PrintKind::Repr)?;
    }
    out.push_str(close);
    Ok(())
}

/// The repeat count of `seq * n`: an int (bools count; negative means 0),
/// or None if `n` is not an int (so the operator can report the types).
///
/// Errors: `OverflowError: overflow converting long int to machine word`
/// for counts beyond a machine word.
pub fn repeat_count(vm: &mut Vm, n: Obj) -> PyResult<Option<usize>> {
    if n.as_small_int().is_none() && !n.is_bool() && !matches!(vm.heap.get(n), Some(ObjData::Int(_))) {
        return Ok(None);
    }
    let v = super::slice::int_exact(vm, n)?;
    Ok(Some(v.max(0) as usize))
}

/// `items * n` as a new vector, checking the result fits the heap first.
///
/// Errors: `MemoryError` when the result cannot fit.
pub fn repeat_items(vm: &mut Vm, items: &[Obj], n: usize) -> PyResult<Vec<Obj>> {
    let total = items.len().checked_mul(n);
    let bytes = total.and_then(|t| t.checked_mul(core::mem::size_of::<Obj>()));
    let (Some(total), Some(bytes)) = (total, bytes) else {
        return Err(vm.memory_error());
    };
    vm.make_room(bytes)?;
    let mut v = Vec::new();
    if v.try_reserve_exact(total).is_err() {
        return Err(vm.memory_error());
    }
    for _ in 0..n {
        v.extend_from_slice(items);
    }
    Ok(v)
}

/// Finds `x` in `items[start..stop]` (indices as Python's `list.index`
/// arguments, negative from the end, clamped) using Python equality.
pub fn find_index(vm: &mut Vm, items: &[Obj], x: Obj, start: Option<Obj>, stop: Option<Obj>) -> PyResult<Option<usize>> {
    let len = items.len() as isize;
    let clamp = |vm: &mut Vm, o: Option<Obj>, def: isize| -> PyResult<isize> {
        let Some(o) = o else { return Ok(def) };
        let Some(v) = super::slice::int_clamped(vm, o) else {
            let msg = alloc::format!("can't convert {} to int", vm.type_name(o));
            return Err(vm.type_error(&msg));
        };
        Ok(if v < 0 { (v.saturating_add(len)).max(0) } else { v.min(len) })
    };
    let s = clamp(vm, start, 0)?;
    let e = clamp(vm, stop, len)?;
    let mut i = s;
    while i < e {
        if vm.eq(items[i as usize], x)? {
            return Ok(Some(i as usize));
        }
        i += 1;
    }
    Ok(None)
}

/// Counts items equal to `x`.
pub fn count_items(vm: &mut Vm, items: &[Obj], x: Obj) -> PyResult<usize> {
    let mut n = 0;
    for &y in items {
        if vm.eq(y, x)? {
            n += 1;
        }
    }
    Ok(n)
}

/// The value of keyword argument `name` in flattened pairs `kw`.
pub fn kw_get(vm: &Vm, kw: &[Obj], name: &str) -> Option<Obj> {
    kw.chunks_exact(2).find(|p| vm.str_of(p[0]) == Some(name)).map(|p| p[1])
}

/// Checks every keyword in `kw` is one of `allowed`.
///
/// Errors: `TypeError: extra keyword arguments given` (MicroPython's
/// words for natives taking a fixed set of keywords).
pub fn kw_check(vm: &mut Vm, kw: &[Obj], allowed: &[&str]) -> PyResult<()> {
    for p in kw.chunks_exact(2) {
        let name = vm.str_of(p[0]).unwrap_or("");
        if !allowed.contains(&name) {
            return Err(vm.type_error("extra keyword arguments given"));
        }
    }
    Ok(())
}
