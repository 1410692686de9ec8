//! Helpers shared by the sequence types (tuple, list) and the containers:
//! lexicographic comparison, printing with a recursion guard, repetition
//! with heap checks, searching, keyword parsing, and access to the
//! built-in part of instances of user subclasses.
//!
//! Sequences are read item by item through `vm.seq_get` (lists may change
//! while Python code runs between items), never copied to a Rust vector.

use crate::heap::GcVec;
use crate::obj::Obj;
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{BinaryOp, PrintKind};
use crate::types::list::ListObj;
use crate::vm::class::InstanceNativeObj;
use crate::PyResult;

/// For an instance of a user subclass of a built-in type (e.g. `class
/// L(list)`), the built-in part; otherwise `o` itself.
#[inline]
pub fn native_of(vm: &Vm, o: Obj) -> Obj {
    match vm.heap.get::<InstanceNativeObj>(o) {
        Some(i) if !i.native.is_null() => i.native,
        _ => o,
    }
}

/// The items of a tuple or list (or the native part of a subclass
/// instance), borrowed; None for anything else.
#[inline]
pub fn items_of(vm: &Vm, o: Obj) -> Option<&[Obj]> {
    vm.seq_items(native_of(vm, o))
}

/// Is `o` (or its native part) a list?
#[inline]
pub fn is_list(vm: &Vm, o: Obj) -> bool {
    vm.heap.get::<ListObj>(native_of(vm, o)).is_some()
}

/// Is `o` (or its native part) a tuple?
#[inline]
pub fn is_tuple(vm: &Vm, o: Obj) -> bool {
    vm.tuple_pinned(native_of(vm, o)).is_some()
}

/// Number of items of list or tuple `seq` (0 for anything else).
#[inline]
pub fn seq_len(vm: &Vm, seq: Obj) -> usize {
    vm.seq_items(seq).map_or(0, |v| v.len())
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

/// Does ordering `c` (None: unordered, a NaN) satisfy comparison `op`
/// (`<`, `>`, `==`, `<=`, `>=` or `!=`)? One table lookup instead of a
/// match at every comparison site.
#[inline(never)]
pub fn cmp_op(op: BinaryOp, c: Option<core::cmp::Ordering>) -> bool {
    // Per op (4 bits each, from `Less` = 0): which of Less, Equal,
    // Greater, unordered satisfy it.
    const MASKS: u32 = 0x00D6_3241;
    let i = match c {
        Some(o) => (o as i8 + 1) as u32,
        None => 3,
    };
    (op as u32) < 6 && (MASKS >> (op as u32 * 4 + i)) & 1 != 0
}

/// Lexicographic comparison of two lists or tuples `a` and `b` (not
/// subclass instances) for `op` (one of the four orderings or `Equal`), as
/// Python compares sequences: the first unequal pair decides, else the
/// lengths do. Items are read live (an `__eq__` may change a list).
///
/// Errors: `RuntimeError` on runaway recursion; whatever item comparisons
/// raise.
pub fn seq_compare(vm: &mut Vm, op: BinaryOp, a: Obj, b: Obj) -> PyResult<bool> {
    check_recursion(vm)?;
    if op == BinaryOp::Equal && seq_len(vm, a) != seq_len(vm, b) {
        return Ok(false);
    }
    let mut i = 0;
    while let (Some(x), Some(y)) = (vm.seq_get(a, i), vm.seq_get(b, i)) {
        if !vm.eq(x, y)? {
            if op == BinaryOp::Equal {
                return Ok(false);
            }
            #[cfg(not(target_os = "none"))]
            if let (Some(x), Some(y)) = (x.as_small_int(), y.as_small_int()) {
                return Ok(cmp_op(op, Some(x.cmp(&y))));
            }
            let r = vm.binary_op(op, x, y)?;
            return vm.is_true(r);
        }
        i += 1;
    }
    let (la, lb) = (seq_len(vm, a), seq_len(vm, b));
    Ok(cmp_op(op, Some(la.cmp(&lb))))
}

/// Prints the items of list or tuple `seq` as `open` repr, repr, ...
/// `close` (the caller passes `",)"` for a one-tuple).
///
/// Errors: `RuntimeError` on runaway recursion; an item's `__repr__`;
/// `MemoryError`.
pub fn print_items(vm: &mut Vm, seq: Obj, open: &str, close: &str, out: &mut Out) -> PyResult<()> {
    check_recursion(vm)?;
    out.str(vm, open)?;
    let mut i = 0;
    while let Some(x) = vm.seq_get(seq, i) {
        if i > 0 {
            out.str(vm, ", ")?;
        }
        vm.print_obj(x, out, PrintKind::Repr)?;
        i += 1;
    }
    out.str(vm, close)
}

/// The repeat count of `seq * n`: an int (bools count; negative means 0),
/// or None if `n` is not an int (so the operator can report the types).
///
/// Errors: `OverflowError: overflow converting long int to machine word`
/// for counts beyond a machine word.
pub fn repeat_count(vm: &mut Vm, n: Obj) -> PyResult<Option<usize>> {
    if n.as_small_int().is_none() && !n.is_bool() && vm.int_digits_pinned(n).is_none() {
        return Ok(None);
    }
    let v = super::slice::int_exact(vm, n)?;
    Ok(Some(v.max(0) as usize))
}

/// The items of list or tuple `seq` repeated `n` times, as a new vector
/// (for a list's new items).
///
/// Errors: `MemoryError` when the result cannot fit.
pub fn repeat_items(vm: &mut Vm, seq: Obj, n: usize) -> PyResult<GcVec<Obj>> {
    let len = seq_len(vm, seq);
    let Some(total) = len.checked_mul(n) else { return Err(vm.memory_error()) };
    let mut v: GcVec<Obj> = vm.new_vec(total)?;
    if let Some(items) = vm.seq_items(seq) {
        let items = &items[..len.min(items.len())];
        for _ in 0..n {
            if !v.extend_within_capacity(items) {
                break;
            }
        }
    }
    Ok(v)
}

/// Clamps a `start`/`stop` argument of `index`/`count`-style methods to
/// `0..=len` (negative counts from the end).
///
/// Errors: `TypeError: can't convert str to int`.
fn clamp_arg(vm: &mut Vm, o: Option<Obj>, def: isize, len: isize) -> PyResult<isize> {
    let Some(o) = o else { return Ok(def) };
    let Some(v) = super::slice::int_clamped(vm, o) else {
        return Err(super::strutil::cant_convert(vm, o, "int"));
    };
    Ok(if v < 0 { (v.saturating_add(len)).max(0) } else { v.min(len) })
}

/// Finds `x` in list or tuple `seq` between `start` and `stop` (indices
/// as Python's `list.index` arguments, negative from the end, clamped)
/// using Python equality.
///
/// Errors: `TypeError` for non-int bounds; whatever `__eq__` raises.
pub fn find_index(vm: &mut Vm, seq: Obj, x: Obj, start: Option<Obj>, stop: Option<Obj>) -> PyResult<Option<usize>> {
    let len = seq_len(vm, seq) as isize;
    let s = clamp_arg(vm, start, 0, len)?;
    let e = clamp_arg(vm, stop, len, len)?;
    let mut i = s;
    while i < e {
        let Some(y) = vm.seq_get(seq, i as usize) else { break };
        if vm.eq(y, x)? {
            return Ok(Some(i as usize));
        }
        i += 1;
    }
    Ok(None)
}

/// Counts the items of list or tuple `seq` equal to `x`.
///
/// Errors: whatever `__eq__` raises.
pub fn count_items(vm: &mut Vm, seq: Obj, x: Obj) -> PyResult<usize> {
    let mut n = 0;
    let mut i = 0;
    while let Some(y) = vm.seq_get(seq, i) {
        if vm.eq(y, x)? {
            n += 1;
        }
        i += 1;
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
