//! Iterator objects: the sequence iterator for lists and tuples, the
//! generic `__getitem__` iterator, and the built-in types `enumerate`,
//! `zip`, `map`, `filter` and `reversed`. Each is a `#[repr(C)]` heap
//! object registered in `heap/registry.rs`.
//!
//! Reprs follow MicroPython: `<iterator>`, `<enumerate>`, `<zip>`,
//! `<map>`, `<filter>`, `<reversed>`. Iterators return themselves from
//! `iter()` and report exhaustion with `Obj::STOP_ITERATION`.

use crate::typ::Entry;
use super::seq::{kw_check, kw_get};
use crate::heap::GcVec;
use crate::obj::{Obj, ObjBase};
use crate::qstr::q;
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{flags, BuiltinFun, PrintKind, Rom, Subscr, TypeObj};
use crate::types::exception::INDEX_ERROR_TYPE;
use crate::PyResult;

/// `it.__next__()`: the next item.
///
/// Errors: `StopIteration` when exhausted.
fn next_meth(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let args = &[a0];
    match vm.iter_next(args[0])? {
        Some(x) => Ok(x),
        None => Err(vm.error_noargs(&crate::types::exception::STOP_ITERATION_TYPE)),
    }
}

/// `__next__` for iterator types.
pub static NEXT_METH: BuiltinFun = BuiltinFun::new1(q::__next__, next_meth);

/// The locals of every iterator type: `__next__` (as MicroPython's
/// iterators have).
pub static ITER_LOCALS: [Entry; 1] = [Entry::new(q::__next__, Rom::Fun(&NEXT_METH))];

/// Prints `<name>` for an iterator object (`name` its type's).
pub fn print_name(vm: &mut Vm, o: Obj, out: &mut Out, _kind: PrintKind) -> PyResult<()> {
    let name = super::strutil::type_name(vm, o);
    out.str(vm, "<")?;
    out.str(vm, name)?;
    out.str(vm, ">")
}

/// Is `o` an instance of a user class?
fn is_instance_obj(o: Obj) -> bool {
    o.ptr_type().is_some_and(|t| t.flags & flags::IS_CLASS != 0)
}

// ---- sequence iterators ------------------------------------------------

/// Iterator over a list or tuple by position (sees appends while
/// running), over a str/bytes/bytearray/memoryview by byte offset or
/// index, or over any object by `seq[0]`, `seq[1]`, ... (the type tells
/// which: [`SUBSCR_ITERATOR_TYPE`] for the last).
#[repr(C)]
pub struct SeqIterObj {
    /// Header ([`ITERATOR_TYPE`] or [`SUBSCR_ITERATOR_TYPE`]).
    pub base: ObjBase,
    /// The sequence.
    pub seq: Obj,
    /// The next index (`usize::MAX` once a subscript iterator has ended).
    pub index: usize,
}

/// A new iterator over list, tuple, str, bytes, bytearray or memoryview
/// `seq`.
///
/// Errors: `MemoryError`.
pub fn new_seq_iter(vm: &mut Vm, seq: Obj) -> PyResult<Obj> {
    vm.alloc_obj(SeqIterObj { base: ObjBase::new(&ITERATOR_TYPE), seq, index: 0 })
}

/// A new iterator calling `seq[i]` for i = 0, 1, ... until `IndexError`
/// (Python's fallback iteration for objects with `__getitem__` only).
///
/// Errors: `MemoryError`.
pub fn new_subscr_iter(vm: &mut Vm, seq: Obj) -> PyResult<Obj> {
    vm.alloc_obj(SeqIterObj { base: ObjBase::new(&SUBSCR_ITERATOR_TYPE), seq, index: 0 })
}

fn seq_iter_parts(vm: &Vm, o: Obj) -> Option<(Obj, usize)> {
    vm.heap.get::<SeqIterObj>(o).map(|it| (it.seq, it.index))
}

// (Desktop: inlined into the iterator fast paths.)
#[cfg_attr(not(target_os = "none"), inline(always))]
fn set_index(vm: &mut Vm, o: Obj, i: usize) {
    if let Some(it) = vm.heap.get_mut::<SeqIterObj>(o) {
        it.index = i;
    }
}

/// Desktop: the next item of `o` if it is a sequence iterator over a list
/// or tuple with an item left; None otherwise (the caller takes the
/// `iternext` slot, which also ends the iteration). For `for` over an
/// iterator made elsewhere (a generator expression's argument).
#[cfg(not(target_os = "none"))]
#[inline(always)]
pub fn seq_iter_step(vm: &mut Vm, o: Obj) -> Option<Obj> {
    if !o.ptr_type().is_some_and(|t| core::ptr::eq(t, &ITERATOR_TYPE)) {
        return None;
    }
    let (seq, i) = seq_iter_parts(vm, o)?;
    let x = vm.seq_get(seq, i)?;
    set_index(vm, o, i + 1);
    Some(x)
}

fn iterator_next(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    let Some((seq, i)) = seq_iter_parts(vm, o) else { return Ok(Obj::STOP_ITERATION) };
    if let Some(x) = vm.seq_get(seq, i) {
        set_index(vm, o, i + 1);
        return Ok(x);
    }
    buffer_iter_next(vm, o, seq, i)
}

/// [`iterator_next`] past a list's or tuple's items: the next item of a
/// str, bytes, bytearray or memoryview (out of line: the list path stays
/// small).
#[inline(never)]
fn buffer_iter_next(vm: &mut Vm, o: Obj, seq: Obj, i: usize) -> PyResult<Obj> {
    let Some((x, next)) = super::strutil::seq_iter_step(vm, seq, i)? else { return Ok(Obj::STOP_ITERATION) };
    set_index(vm, o, next);
    Ok(x)
}

fn subscr_iter_next(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    let Some((seq, i)) = seq_iter_parts(vm, o) else { return Ok(Obj::STOP_ITERATION) };
    if i == usize::MAX {
        return Ok(Obj::STOP_ITERATION);
    }
    let idx = vm.new_int(i as i64)?;
    match vm.subscr(seq, idx, Subscr::Load) {
        Ok(x) => {
            set_index(vm, o, i + 1);
            Ok(x)
        }
        Err(e) => {
            if vm.exception_match(e.0, Obj::from_type(&INDEX_ERROR_TYPE))? {
                set_index(vm, o, usize::MAX);
                Ok(Obj::STOP_ITERATION)
            } else {
                Err(e)
            }
        }
    }
}

/// The type of list, tuple, str, bytes, bytearray and memoryview
/// iterators (`<iterator>`).
pub static ITERATOR_TYPE: TypeObj = TypeObj {
    name: q::iterator.tn(),
    flags: flags::ITER_IS_SELF,
    print: Some(print_name),
    locals: crate::typ::Locals::of(&ITER_LOCALS),
    iternext: Some(iterator_next),
    ..TypeObj::EMPTY
};

/// The type of `__getitem__` iterators (also `<iterator>`).
pub static SUBSCR_ITERATOR_TYPE: TypeObj = TypeObj {
    name: q::iterator.tn(),
    flags: flags::ITER_IS_SELF,
    print: Some(print_name),
    locals: crate::typ::Locals::of(&ITER_LOCALS),
    iternext: Some(subscr_iter_next),
    ..TypeObj::EMPTY
};

// ---- enumerate ---------------------------------------------------------

/// `enumerate(iterable, start)`.
#[repr(C)]
pub struct EnumerateObj {
    /// Header (`enumerate`).
    pub base: ObjBase,
    /// The underlying iterator.
    pub iter: Obj,
    /// The next count (an int).
    pub count: Obj,
}

fn enumerate_make_new(vm: &mut Vm, _cls: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    kw_check(vm, kw, &["iterable", "start"])?;
    let iterable = match args.first().copied().or_else(|| kw_get(vm, kw, "iterable")) {
        Some(x) => x,
        None => return Err(vm.type_error(msg!("'iterable' argument required"))),
    };
    if args.len() > 2 {
        return Err(super::strutil::extra_args(vm));
    }
    let start = args.get(1).copied().or_else(|| kw_get(vm, kw, "start")).unwrap_or(Obj::small_int(0));
    if super::slice::int_clamped(vm, start).is_none() {
        return Err(super::strutil::cant_convert(vm, start, "int"));
    }
    let iter = vm.get_iter(iterable)?;
    vm.alloc_obj(EnumerateObj { base: ObjBase::new(&ENUMERATE_TYPE), iter, count: start })
}

fn enumerate_next(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    let Some((iter, count)) = vm.heap.get::<EnumerateObj>(o).map(|e| (e.iter, e.count)) else {
        return Ok(Obj::STOP_ITERATION);
    };
    let Some(x) = vm.iter_next(iter)? else { return Ok(Obj::STOP_ITERATION) };
    let next = match count.as_small_int() {
        Some(c) if c < Obj::SMALL_INT_MAX => Obj::small_int(c + 1),
        _ => vm.binary_op(crate::typ::BinaryOp::Add, count, Obj::small_int(1))?,
    };
    if let Some(e) = vm.heap.get_mut::<EnumerateObj>(o) {
        e.count = next;
    }
    vm.new_tuple(&[count, x])
}

/// [`Vm::iter_next`] with a list's or tuple's iterator read in place
/// (for [`next_pair`]).
///
/// Errors: as [`Vm::iter_next`].
#[cfg(not(target_os = "none"))]
#[inline(always)]
fn next_direct(vm: &mut Vm, it: Obj) -> PyResult<Option<Obj>> {
    if it.ptr_type().is_some_and(|t| core::ptr::eq(t, &ITERATOR_TYPE)) {
        if let Some((seq, i)) = seq_iter_parts(vm, it) {
            if let Some(items) = vm.seq_items(seq) {
                // (Past the end of a list or tuple: exhausted, as in
                // `iterator_next`.)
                let x = items.get(i).copied();
                if x.is_some() {
                    set_index(vm, it, i + 1);
                }
                return Ok(x);
            }
        }
    }
    vm.iter_next(it)
}

/// The next item of `it` as a pair, without making its tuple, when `it`
/// is an enumerate with a small-int count, a zip of two iterables or a
/// dict items iterator (desktop FOR_ITER followed by `UNPACK_SEQUENCE 2`:
/// the tuple would be unpacked at once). Two words, returned in
/// registers: `(x, y)` the pair; `(NULL, NULL)` another iterator (take
/// [`Vm::iter_next`] and unpack); `(NULL, STOP_ITERATION)` exhausted;
/// `(NULL, e)` exception `e` raised by an underlying iterator (as
/// `iter_next` raises it).
#[cfg(not(target_os = "none"))]
#[inline(never)]
pub fn next_pair(vm: &mut Vm, it: Obj) -> (Obj, Obj) {
    match next_pair_of(vm, it) {
        Ok(Some(Some(p))) => p,
        Ok(Some(None)) => (Obj::NULL, Obj::STOP_ITERATION),
        Ok(None) => (Obj::NULL, Obj::NULL),
        Err(e) => (Obj::NULL, e.0),
    }
}

/// [`next_pair`]'s step: `None` for another iterator, `Some(None)` when
/// exhausted.
#[cfg(not(target_os = "none"))]
#[inline(always)]
fn next_pair_of(vm: &mut Vm, it: Obj) -> PyResult<Option<Option<(Obj, Obj)>>> {
    let Some(t) = it.ptr_type() else { return Ok(None) };
    if core::ptr::eq(t, &ENUMERATE_TYPE) {
        let Some((iter, count)) = vm.heap.get::<EnumerateObj>(it).map(|e| (e.iter, e.count)) else { return Ok(None) };
        let c = match count.as_small_int() {
            Some(c) if c < Obj::SMALL_INT_MAX => c,
            _ => return Ok(None),
        };
        let Some(x) = next_direct(vm, iter)? else { return Ok(Some(None)) };
        if let Some(e) = vm.heap.get_mut::<EnumerateObj>(it) {
            e.count = Obj::small_int(c + 1);
        }
        return Ok(Some(Some((count, x))));
    }
    if core::ptr::eq(t, &ZIP_TYPE) {
        let Some(iters) = vm.heap.get::<ZipObj>(it).map(|z| z.iters) else { return Ok(None) };
        let Some(&[i1, i2]) = vm.tuple_pinned(iters) else { return Ok(None) };
        let Some(x) = next_direct(vm, i1)? else { return Ok(Some(None)) };
        let Some(y) = next_direct(vm, i2)? else { return Ok(Some(None)) };
        return Ok(Some(Some((x, y))));
    }
    if core::ptr::eq(t, &super::dict_views::DICT_ITERATOR_TYPE) {
        use super::dict_views::{dict_iter_step, DictIterObj, ViewKind};
        // Only items (checked before stepping: a step advances).
        if vm.heap.get::<DictIterObj>(it).is_none_or(|d| d.end_kind & 3 != ViewKind::Items as usize) {
            return Ok(None);
        }
        return Ok(Some(dict_iter_step(vm, it).map(|(_, k, v)| (k, v))));
    }
    Ok(None)
}

/// `enumerate(iterable, start=0)`.
pub static ENUMERATE_TYPE: TypeObj = TypeObj {
    name: q::enumerate.tn(),
    flags: flags::ITER_IS_SELF,
    make_new: Some(enumerate_make_new),
    print: Some(print_name),
    locals: crate::typ::Locals::of(&ITER_LOCALS),
    iternext: Some(enumerate_next),
    ..TypeObj::EMPTY
};

// ---- zip and map -------------------------------------------------------

/// `zip(*iterables)` (no function) or `map(function, *iterables)`.
#[repr(C)]
pub struct ZipObj {
    /// Header (`zip` or `map`).
    pub base: ObjBase,
    /// The function (`map`; NULL for `zip`).
    pub fun: Obj,
    /// The iterators (a tuple).
    pub iters: Obj,
}

/// A tuple of an iterator for each of `args`.
fn iters_of(vm: &mut Vm, args: &[Obj]) -> PyResult<Obj> {
    let mut v: GcVec<Obj> = vm.new_vec(args.len())?;
    for &a in args {
        let it = vm.get_iter(a)?;
        let _ = v.push_within_capacity(it);
    }
    let t = vm.new_tuple(v.as_slice());
    vm.heap.free_vec(v);
    t
}

/// `zip(*iterables)` and `map(function, *iterables)` (`cls` tells which).
fn zip_map_make_new(vm: &mut Vm, cls: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    if !kw.is_empty() {
        return Err(super::strutil::no_kw(vm));
    }
    let (ty, fun, its) = if cls == Obj::from_type(&MAP_TYPE) {
        if args.len() < 2 {
            return Err(super::strutil::missing_one(vm));
        }
        (&MAP_TYPE, args[0], &args[1..])
    } else {
        (&ZIP_TYPE, Obj::NULL, args)
    };
    let iters = iters_of(vm, its)?;
    vm.alloc_obj(ZipObj { base: ObjBase::new(ty), fun, iters })
}

/// Takes the next item of each iterator in tuple `iters` and makes them
/// a tuple (`fun` NULL: zip) or calls `fun` with them (map);
/// `Obj::STOP_ITERATION` once any is exhausted.
fn next_of_each(vm: &mut Vm, iters: Obj, fun: Obj) -> PyResult<Obj> {
    let its = vm.tuple_pinned(iters).unwrap_or(&[]);
    let n = its.len();
    let mut small = [Obj::NULL; 8];
    let mut big: GcVec<Obj> = GcVec::new();
    let items: &mut [Obj] = match small.get_mut(..n) {
        Some(s) => s,
        None => {
            big = vm.new_vec(n)?;
            big.resize_within_capacity(n, Obj::NULL);
            big.as_mut_slice()
        }
    };
    for (slot, &it) in items.iter_mut().zip(its) {
        let Some(x) = vm.iter_next(it)? else { return Ok(Obj::STOP_ITERATION) };
        *slot = x;
    }
    let r = if fun.is_null() { vm.new_tuple(items) } else { vm.call(fun, items, &[]) };
    vm.heap.free_vec(big);
    r
}

/// The next item of a zip or map (a zip of no iterables has none).
fn zip_map_next(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    let Some((fun, iters)) = vm.heap.get::<ZipObj>(o).map(|m| (m.fun, m.iters)) else {
        return Ok(Obj::STOP_ITERATION);
    };
    let n = vm.tuple_pinned(iters).map_or(0, |t| t.len());
    if n == 0 {
        return Ok(Obj::STOP_ITERATION);
    }
    // Desktop: a map of one iterable calls its function with the item
    // directly (no argument array to gather).
    #[cfg(not(target_os = "none"))]
    if n == 1 && !fun.is_null() {
        let Some(&[it]) = vm.tuple_pinned(iters) else { return Ok(Obj::STOP_ITERATION) };
        let Some(x) = next_direct(vm, it)? else { return Ok(Obj::STOP_ITERATION) };
        return vm.call(fun, &[x], &[]);
    }
    next_of_each(vm, iters, fun)
}

/// `zip(*iterables)`.
pub static ZIP_TYPE: TypeObj = TypeObj {
    name: q::zip.tn(),
    flags: flags::ITER_IS_SELF,
    make_new: Some(zip_map_make_new),
    print: Some(print_name),
    locals: crate::typ::Locals::of(&ITER_LOCALS),
    iternext: Some(zip_map_next),
    ..TypeObj::EMPTY
};

/// `map(function, *iterables)`.
pub static MAP_TYPE: TypeObj = TypeObj {
    name: q::map.tn(),
    flags: flags::ITER_IS_SELF,
    make_new: Some(zip_map_make_new),
    print: Some(print_name),
    locals: crate::typ::Locals::of(&ITER_LOCALS),
    iternext: Some(zip_map_next),
    ..TypeObj::EMPTY
};

// ---- filter ------------------------------------------------------------

/// `filter(function_or_None, iterable)`.
#[repr(C)]
pub struct FilterObj {
    /// Header (`filter`).
    pub base: ObjBase,
    /// The predicate (or None).
    pub fun: Obj,
    /// The underlying iterator.
    pub iter: Obj,
}

fn filter_make_new(vm: &mut Vm, _cls: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    if !kw.is_empty() {
        return Err(super::strutil::no_kw(vm));
    }
    if args.len() != 2 {
        return Err(super::strutil::positional_count(vm, 2, args.len()));
    }
    let iter = vm.get_iter(args[1])?;
    vm.alloc_obj(FilterObj { base: ObjBase::new(&FILTER_TYPE), fun: args[0], iter })
}

fn filter_next(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    let Some((fun, iter)) = vm.heap.get::<FilterObj>(o).map(|f| (f.fun, f.iter)) else {
        return Ok(Obj::STOP_ITERATION);
    };
    #[cfg(not(target_os = "none"))]
    let next = next_direct;
    #[cfg(target_os = "none")]
    let next = Vm::iter_next;
    while let Some(x) = next(vm, iter)? {
        let keep = if fun == Obj::NONE {
            vm.is_true(x)?
        } else {
            let r = vm.call(fun, &[x], &[])?;
            vm.is_true(r)?
        };
        if keep {
            return Ok(x);
        }
    }
    Ok(Obj::STOP_ITERATION)
}

/// `filter(function_or_None, iterable)`.
pub static FILTER_TYPE: TypeObj = TypeObj {
    name: q::filter.tn(),
    flags: flags::ITER_IS_SELF,
    make_new: Some(filter_make_new),
    print: Some(print_name),
    locals: crate::typ::Locals::of(&ITER_LOCALS),
    iternext: Some(filter_next),
    ..TypeObj::EMPTY
};

// ---- reversed ----------------------------------------------------------

/// `reversed(seq)` over a sequence with `len()` and indexing.
#[repr(C)]
pub struct ReversedObj {
    /// Header (`reversed`).
    pub base: ObjBase,
    /// The sequence.
    pub seq: Obj,
    /// Items left: the next one is at `left - 1`.
    pub left: usize,
}

fn reversed_make_new(vm: &mut Vm, _cls: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    if !kw.is_empty() {
        return Err(super::strutil::no_kw(vm));
    }
    if args.len() != 1 {
        return Err(super::strutil::positional_count(vm, 1, args.len()));
    }
    let seq = args[0];
    if is_instance_obj(seq) {
        let (m, s) = vm.load_method_maybe(seq, q::__reversed__)?;
        if !m.is_null() {
            return if s.is_null() { vm.call(m, &[], &[]) } else { vm.call(m, &[s], &[]) };
        }
    }
    let seq = super::seq::native_of(vm, seq);
    let left = vm.len(seq)?;
    vm.alloc_obj(ReversedObj { base: ObjBase::new(&REVERSED_TYPE), seq, left })
}

fn reversed_next(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    let Some((seq, left)) = vm.heap.get::<ReversedObj>(o).map(|r| (r.seq, r.left)) else {
        return Ok(Obj::STOP_ITERATION);
    };
    if left == 0 {
        return Ok(Obj::STOP_ITERATION);
    }
    if let Some(r) = vm.heap.get_mut::<ReversedObj>(o) {
        r.left = left - 1;
    }
    if let Some(x) = vm.seq_get(seq, left - 1) {
        return Ok(x);
    }
    if vm.list_items(seq).is_some() {
        // The list shrank under us.
        return Ok(Obj::STOP_ITERATION);
    }
    let idx = vm.new_int((left - 1) as i64)?;
    vm.subscr(seq, idx, Subscr::Load)
}

/// `reversed(seq)`: uses `__reversed__` if the object defines it, else
/// `len()` and indexing.
pub static REVERSED_TYPE: TypeObj = TypeObj {
    name: q::reversed.tn(),
    flags: flags::ITER_IS_SELF,
    make_new: Some(reversed_make_new),
    print: Some(print_name),
    locals: crate::typ::Locals::of(&ITER_LOCALS),
    iternext: Some(reversed_next),
    ..TypeObj::EMPTY
};
