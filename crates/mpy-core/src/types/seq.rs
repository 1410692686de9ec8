//! Helpers shared by the sequence types (tuple, list) and the containers:
//! lexicographic comparison, printing with a recursion guard, repetition
//! with heap checks, searching, keyword parsing, and access to the
//! built-in part of instances of user subclasses.
//!
//! Sequences are read item by item through `vm.seq_get` (lists may change
//! while Python code runs between items), never copied to a Rust vector.

use crate::heap::{GcVec, Heap};
use crate::obj::{Obj, ObjBase};
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::qstr::q;
use crate::typ::{BinaryOp, BuiltinFun, PrintKind, UnaryOp};
use crate::types::list::ListObj;
use crate::types::tuple::{TupleHead, TUPLE_TYPE};
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
/// self-referencing containers, which MicroPython also reports this way):
/// the calls' one check.
pub use crate::vm::call::check_recursion;

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

/// How [`print_entries`] writes an entry `(k, v)`.
#[derive(Clone, Copy)]
pub enum Entry<'a> {
    /// `repr(k)` (sequence and set items, dict keys).
    Key,
    /// `repr(v)` (dict values).
    Value,
    /// `repr(k): repr(v)` (dicts).
    KeyValue,
    /// `(repr(k), repr(v))` (dict items).
    Pair,
    /// `str(k)=repr(v)` (attrtuple fields).
    Named,
    /// JSON `k` (json arrays), entries apart by the item separator
    /// `.0[0]` (see [`crate::modules::json::print_json`]).
    Json(&'a [&'a str; 2]),
    /// JSON `k`, then the key separator `.0[1]`, then JSON `v`, a non-str
    /// key in quotes (json objects).
    JsonKeyValue(&'a [&'a str; 2]),
}

/// The entry of a container at position `pos` or later, with its
/// position: `(position, k, v)`.
pub type EntryAt = fn(&Vm, Obj, usize) -> Option<(usize, Obj, Obj)>;

/// The item of list or tuple `seq` at `i`, as an [`EntryAt`] entry.
pub fn seq_entry_at(vm: &Vm, seq: Obj, i: usize) -> Option<(usize, Obj, Obj)> {
    vm.seq_get(seq, i).map(|x| (i, x, Obj::NULL))
}

/// Prints the entries of container `c` (read with `at`, positions below
/// `end`) as `open` entry, entry, ... `close`, each entry written as
/// `fmt`: the one body behind the list, tuple, dict, set, dict-view and
/// attrtuple reprs and `json.dumps`' arrays and objects (their separators
/// in the [`Entry`]). Entries are read live, so a container changed by an
/// item's `__repr__` is printed as it then is.
///
/// Errors: `RuntimeError` on runaway recursion; an item's `__repr__`;
/// `MemoryError`.
#[allow(clippy::too_many_arguments)]
pub fn print_entries(
    vm: &mut Vm,
    c: Obj,
    at: EntryAt,
    end: usize,
    fmt: Entry<'_>,
    open: &str,
    close: &str,
    out: &mut Out,
) -> PyResult<()> {
    let seps = match fmt {
        Entry::Json(s) | Entry::JsonKeyValue(s) => s,
        // Desktop: the reprs through their own tighter loop.
        #[cfg(not(target_os = "none"))]
        _ => return repr_entries(vm, c, at, end, fmt, open, close, out),
        #[cfg(target_os = "none")]
        _ => &[", ", ": "],
    };
    check_recursion(vm)?;
    out.str(vm, open)?;
    let mut pos = 0;
    while let Some((p, k, v)) = at(vm, c, pos).filter(|e| e.0 < end) {
        if pos > 0 {
            out.str(vm, seps[0])?;
        }
        pos = p + 1;
        let json = matches!(fmt, Entry::Json(_) | Entry::JsonKeyValue(_));
        let (pre, mid, post) = match fmt {
            Entry::Pair => ("(", ", ", ")"),
            Entry::Named => ("", "=", ""),
            // A non-str JSON object key is written as its JSON text in quotes.
            Entry::JsonKeyValue(_) if vm.str_pinned(k).is_none() => ("\"", "\"", ""),
            _ => ("", "", ""),
        };
        put(vm, out, pre)?;
        if !matches!(fmt, Entry::Value) {
            let kind = if matches!(fmt, Entry::Named) { PrintKind::Str } else { PrintKind::Repr };
            print_entry(vm, k, out, json, kind, seps)?;
        }
        put(vm, out, mid)?;
        if matches!(fmt, Entry::KeyValue | Entry::JsonKeyValue(_)) {
            out.str(vm, seps[1])?;
        }
        if !matches!(fmt, Entry::Key | Entry::Json(_)) {
            print_entry(vm, v, out, json, PrintKind::Repr, seps)?;
        }
        put(vm, out, post)?;
    }
    out.str(vm, close)
}

/// Desktop: [`print_entries`] for the repr formats (not JSON), with no
/// per-entry decision on separators.
#[cfg(not(target_os = "none"))]
#[allow(clippy::too_many_arguments)]
fn repr_entries(vm: &mut Vm, c: Obj, at: EntryAt, end: usize, fmt: Entry<'_>, open: &str, close: &str, out: &mut Out) -> PyResult<()> {
    check_recursion(vm)?;
    out.str(vm, open)?;
    let mut pos = 0;
    while let Some((p, k, v)) = at(vm, c, pos).filter(|e| e.0 < end) {
        if pos > 0 {
            out.str(vm, ", ")?;
        }
        pos = p + 1;
        if matches!(fmt, Entry::Pair) {
            out.str(vm, "(")?;
        }
        if !matches!(fmt, Entry::Value) {
            vm.print_obj(k, out, if matches!(fmt, Entry::Named) { PrintKind::Str } else { PrintKind::Repr })?;
        }
        match fmt {
            Entry::KeyValue => out.str(vm, ": ")?,
            Entry::Pair => out.str(vm, ", ")?,
            Entry::Named => out.str(vm, "=")?,
            _ => {}
        }
        if !matches!(fmt, Entry::Key) {
            vm.print_obj(v, out, PrintKind::Repr)?;
        }
        if matches!(fmt, Entry::Pair) {
            out.str(vm, ")")?;
        }
    }
    out.str(vm, close)
}

/// Writes `s`; desktop: not if it is empty (most entries' decorations
/// are: a write costs a buffer check).
fn put(vm: &mut Vm, out: &mut Out, s: &str) -> PyResult<()> {
    #[cfg(not(target_os = "none"))]
    if s.is_empty() {
        return Ok(());
    }
    out.str(vm, s)
}

/// Writes one part of an entry: as JSON if `json`, else as `kind`.
fn print_entry(vm: &mut Vm, o: Obj, out: &mut Out, json: bool, kind: PrintKind, seps: &[&str; 2]) -> PyResult<()> {
    #[cfg(feature = "json")]
    if json {
        return crate::modules::json::print_json(vm, o, seps, out);
    }
    let _ = (json, seps);
    vm.print_obj(o, out, kind)
}

/// The `print` slot of lists and tuples: `[a, b]`, `(a, b)`, `(a,)`.
///
/// Errors: `RuntimeError` on runaway recursion; an item's `__repr__`;
/// `MemoryError`.
pub fn seq_print(vm: &mut Vm, o: Obj, out: &mut Out, _kind: PrintKind) -> PyResult<()> {
    let s = native_of(vm, o);
    let (open, close) = match vm.tuple_pinned(s) {
        None => ("[", "]"),
        Some([_]) => ("(", ",)"),
        Some(_) => ("(", ")"),
    };
    print_entries(vm, s, seq_entry_at, usize::MAX, Entry::Key, open, close, out)
}

/// The `unary_op` answers of a container `o` of `n` items: truth and
/// `len`, and for an unhashable one (not `hashable`) `TypeError:
/// unsupported type for __hash__`; NULL for the other ops. One body for
/// the container types.
///
/// Errors: the hash `TypeError`.
#[cfg_attr(target_os = "none", inline(never))]
#[cfg_attr(not(target_os = "none"), inline(always))]
pub fn sized_unary(vm: &mut Vm, op: UnaryOp, o: Obj, n: usize, hashable: bool) -> PyResult<Obj> {
    Ok(match op {
        UnaryOp::Bool => Obj::bool(n != 0),
        UnaryOp::Len => Obj::small_int(n.min(Obj::SMALL_INT_MAX as usize) as isize),
        UnaryOp::Hash if !hashable => return Err(super::strutil::unhashable(vm, o)),
        _ => Obj::NULL,
    })
}

/// The repeat count of `seq * n`: an int (bools count; negative means 0),
/// or None if `n` is not an int (so the operator can report the types).
///
/// Errors: `OverflowError: overflow converting long int to machine word`
/// for counts beyond a machine word.
pub fn repeat_count(vm: &mut Vm, n: Obj) -> PyResult<Option<usize>> {
    if !super::strutil::is_int(vm, n) {
        return Ok(None);
    }
    let v = super::strutil::int_arg(vm, n)?;
    Ok(Some(v.max(0) as usize))
}

/// The items of list or tuple `o` (not a subclass instance) read through
/// the heap (empty for anything else): what [`new_seq_with`]'s fillers
/// copy from.
#[inline]
fn heap_items(h: &Heap, o: Obj) -> &[Obj] {
    match h.var_pinned::<TupleHead>(o) {
        Some((_, t)) => t,
        None => h.get::<ListObj>(o).map_or(&[], |l| l.items.as_slice()),
    }
}

/// A new list (`list`) or tuple of at most `n` items written by `fill`,
/// which reads other objects through the `&Heap` it gets and returns how
/// many items it wrote: the one allocation body behind the list and tuple
/// copies, slices, concatenations and repetitions.
///
/// Errors: `MemoryError`.
#[cfg_attr(target_os = "none", inline(never))]
#[cfg_attr(not(target_os = "none"), inline(always))]
pub fn new_seq_with(vm: &mut Vm, list: bool, n: usize, fill: &mut dyn FnMut(&Heap, &mut [Obj]) -> usize) -> PyResult<Obj> {
    if !list {
        if n == 0 {
            return vm.new_tuple(&[]);
        }
        return vm.alloc_var_with_heap(TupleHead { base: ObjBase::new(&TUPLE_TYPE) }, n, fill);
    }
    let mut v: GcVec<Obj> = vm.new_vec(n)?;
    v.resize_within_capacity(n, Obj::NONE);
    let k = fill(&vm.heap, v.as_mut_slice());
    v.truncate(k);
    vm.new_list_from_vec(v)
}

/// A new list (`list`) or tuple of items `a..b` (clamped) of list or
/// tuple `seq` (not a subclass instance).
///
/// Errors: `MemoryError`.
pub fn seq_copy(vm: &mut Vm, list: bool, seq: Obj, a: usize, b: usize) -> PyResult<Obj> {
    let n = seq_len(vm, seq);
    let (a, b) = (a.min(n), b.min(n).max(a.min(n)));
    seq_slice(vm, list, seq, a as isize, b as isize, 1)
}

/// A new list (`list`) or tuple of the items of list or tuple `seq` (not
/// a subclass instance) that the resolved slice `(start, stop, step)`
/// selects.
///
/// Errors: `MemoryError`.
pub fn seq_slice(vm: &mut Vm, list: bool, seq: Obj, start: isize, stop: isize, step: isize) -> PyResult<Obj> {
    let n = super::slice::slice_len(start, stop, step);
    new_seq_with(vm, list, n, &mut |h, d| super::tuple::slice_select(heap_items(h, seq), start, stop, step, d))
}

/// `a op b` for a list (`list`) or tuple `a` (or a subclass instance):
/// `+` with the same kind, `*` by an int, the orderings and `==` with the
/// same kind, `in`; NULL for anything else. (A list's in-place `+=` and
/// `*=` are its own; a tuple's are the plain ops.)
///
/// Errors: `MemoryError`; `OverflowError` for huge repeat counts; whatever
/// item comparisons raise.
pub fn seq_binary(vm: &mut Vm, op: BinaryOp, a: Obj, b: Obj, list: bool) -> PyResult<Obj> {
    use BinaryOp::*;
    let (x, y) = (native_of(vm, a), native_of(vm, b));
    let same = if list { vm.list_items(y).is_some() } else { vm.tuple_pinned(y).is_some() };
    match op {
        Add | InplaceAdd if same => seq_concat_repeat(vm, list, x, y, 1),
        Multiply | ReverseMultiply | InplaceMultiply => {
            let Some(k) = repeat_count(vm, b)? else { return Ok(Obj::NULL) };
            seq_concat_repeat(vm, list, Obj::NULL, x, k)
        }
        Equal | Less | LessEqual | More | MoreEqual if same => Ok(Obj::bool(seq_compare(vm, op, x, y)?)),
        Contains => Ok(Obj::bool(super::tuple::seq_contains(vm, x, b)?)),
        _ => Ok(Obj::NULL),
    }
}

/// `a + b` of two exact lists (only for `plain`, the `+` op: a list's
/// `+=` extends it) or two exact tuples, as [`seq_binary`] makes it; None
/// for any other pair (desktop: the dispatch loop's binary-op path, past
/// the type slots).
///
/// Errors: `MemoryError`.
#[cfg(not(target_os = "none"))]
#[inline(always)]
pub fn concat_exact(vm: &mut Vm, plain: bool, a: Obj, b: Obj) -> Option<PyResult<Obj>> {
    let list = if vm.list_items(a).is_some() {
        if !plain || vm.list_items(b).is_none() {
            return None;
        }
        true
    } else {
        if vm.tuple_pinned(a).is_none() || vm.tuple_pinned(b).is_none() {
            return None;
        }
        false
    };
    let (p, q) = (heap_items(&vm.heap, a), heap_items(&vm.heap, b));
    if p.len() + q.len() <= SMALL_SEQ {
        let mut buf = [Obj::NULL; SMALL_SEQ];
        let mut n = 0;
        for (d, &x) in buf.iter_mut().zip(p.iter().chain(q)) {
            *d = x;
            n += 1;
        }
        return Some(new_seq_of(vm, list, &buf[..n]));
    }
    Some(seq_concat_repeat(vm, list, a, b, 1))
}

/// The longest result [`concat_exact`] and [`slice_exact`] gather on the
/// native stack (then one copy into a list or tuple from the allocator's
/// fast path).
#[cfg(not(target_os = "none"))]
const SMALL_SEQ: usize = 8;

/// A new list (`list`) or tuple of `items` (desktop).
///
/// Errors: `MemoryError`.
#[cfg(not(target_os = "none"))]
#[inline(always)]
fn new_seq_of(vm: &mut Vm, list: bool, items: &[Obj]) -> PyResult<Obj> {
    if list {
        vm.new_list(items)
    } else {
        vm.new_tuple(items)
    }
}

/// [`seq_slice`] of an exact list (`list`) or tuple `seq` (desktop): a
/// short result gathered on the native stack first.
///
/// Errors: `MemoryError`.
#[cfg(not(target_os = "none"))]
pub fn slice_exact(vm: &mut Vm, list: bool, seq: Obj, start: isize, stop: isize, step: isize) -> PyResult<Obj> {
    if super::slice::slice_len(start, stop, step) <= SMALL_SEQ {
        let mut buf = [Obj::NULL; SMALL_SEQ];
        let n = super::tuple::slice_select(heap_items(&vm.heap, seq), start, stop, step, &mut buf);
        return new_seq_of(vm, list, &buf[..n]);
    }
    seq_slice(vm, list, seq, start, stop, step)
}

/// A new list (`list`) or tuple of the items of list or tuple `a` (none
/// for NULL) then those of `b` `n` times: the one body of `+` and `*`.
///
/// Errors: `MemoryError`.
fn seq_concat_repeat(vm: &mut Vm, list: bool, a: Obj, b: Obj, n: usize) -> PyResult<Obj> {
    let (la, lb) = (seq_len(vm, a), seq_len(vm, b));
    let Some(total) = lb.checked_mul(n).and_then(|t| t.checked_add(la)) else { return Err(vm.memory_error()) };
    new_seq_with(vm, list, total, &mut |h, d| {
        let (p, q) = (heap_items(h, a), heap_items(h, b));
        if p.len() != la || q.len() != lb || d.len() != total {
            return 0;
        }
        let (dp, dq) = d.split_at_mut(la);
        dp.copy_from_slice(p);
        if lb > 0 {
            for c in dq.chunks_exact_mut(lb) {
                c.copy_from_slice(q);
            }
        }
        total
    })
}

/// Clamps a `start`/`stop` argument of `index` (an int, checked by the
/// caller) to `0..=len` (negative counts from the end).
fn clamp_arg(vm: &Vm, o: Option<Obj>, def: isize, len: isize) -> isize {
    let Some(v) = o.and_then(|o| super::slice::int_clamped(vm, o)) else { return def };
    if v < 0 {
        (v.saturating_add(len)).max(0)
    } else {
        v.min(len)
    }
}

/// Finds `x` in list or tuple `seq` between `start` and `stop` (ints, as
/// Python's `list.index` arguments, negative from the end, clamped)
/// using Python equality.
///
/// Errors: whatever `__eq__` raises.
pub fn find_index(vm: &mut Vm, seq: Obj, x: Obj, start: Option<Obj>, stop: Option<Obj>) -> PyResult<Option<usize>> {
    let len = seq_len(vm, seq) as isize;
    let s = clamp_arg(vm, start, 0, len);
    let e = clamp_arg(vm, stop, len, len);
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

/// `list.index(x[, start[, stop]])` and `tuple.index(...)`.
///
/// Errors: `TypeError: list indices must be integers, not str` (or
/// `tuple`) for non-int bounds, as MicroPython; `ValueError: object not in
/// sequence`; whatever `__eq__` raises.
fn index_meth(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let s = native_of(vm, args[0]);
    for &a in &args[2..] {
        if super::slice::int_clamped(vm, a).is_none() {
            let what = if vm.list_items(s).is_some() { "list" } else { "tuple" };
            return Err(super::strutil::indices_error(vm, what, a));
        }
    }
    match find_index(vm, s, args[1], args.get(2).copied(), args.get(3).copied())? {
        Some(i) => Ok(Obj::small_int(i as isize)),
        None => Err(super::strutil::not_in_sequence(vm)),
    }
}

/// `list.count(x)` and `tuple.count(x)`: the items equal to `x`.
///
/// Errors: whatever `__eq__` raises.
fn count_meth(vm: &mut Vm, a0: Obj, a1: Obj) -> PyResult<Obj> {
    let args = &[a0, a1];
    let seq = native_of(vm, args[0]);
    let mut n = 0;
    let mut i = 0;
    while let Some(y) = vm.seq_get(seq, i) {
        if vm.eq(y, args[1])? {
            n += 1;
        }
        i += 1;
    }
    Ok(Obj::small_int(n as isize))
}

/// `count` of lists and tuples (one method object for both).
pub static COUNT: BuiltinFun = BuiltinFun::new2(q::count, count_meth);
/// `index` of lists and tuples (one method object for both).
pub static INDEX: BuiltinFun = BuiltinFun::new(q::index, 2, 4, index_meth);

/// The iterator of list or tuple `o` (or a subclass instance): the `iter`
/// slot of both types.
///
/// Errors: `MemoryError`.
pub fn seq_iter(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    super::iterators::new_seq_iter(vm, native_of(vm, o))
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
            return Err(vm.type_error(msg!("extra keyword arguments given")));
        }
    }
    Ok(())
}
