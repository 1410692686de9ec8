//! Iterator objects (all [`NativeObj`]s): the sequence iterator for lists
//! and tuples, the generic `__getitem__` iterator, and the built-in types
//! `enumerate`, `zip`, `map`, `filter` and `reversed`.
//!
//! Reprs follow MicroPython: `<iterator>`, `<enumerate>`, `<zip>`,
//! `<map>`, `<filter>`, `<reversed>`. Iterators return themselves from
//! `iter()` and report exhaustion with `Obj::STOP_ITERATION`.

use super::seq::{kw_check, kw_get};
use crate::obj::Obj;
use crate::objdata::{NativeObj, ObjData};
use crate::qstr::{q, Qstr};
use crate::state::Vm;
use crate::typ::{flags, BuiltinFun, PrintKind, Rom, Subscr, TypeObj};
use crate::types::exception::INDEX_ERROR_TYPE;
use crate::PyResult;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::any::Any;

/// Implements the boilerplate of [`NativeObj`] for an iterator struct.
macro_rules! native_impl {
    ($t:ty, $ty:expr, |$s:ident, $f:ident| $trace:block) => {
        impl NativeObj for $t {
            fn type_obj(&self) -> &'static TypeObj {
                $ty
            }
            fn trace(&self, $f: &mut dyn FnMut(Obj)) {
                let $s = self;
                $trace
            }
            fn heap_bytes(&self) -> usize {
                core::mem::size_of_val(self)
            }
            fn as_any(&self) -> &dyn Any {
                self
            }
            fn as_any_mut(&mut self) -> &mut dyn Any {
                self
            }
        }
    };
}
pub(crate) use native_impl;

/// The native object of type `T` behind `o`, mutably.
pub fn native_mut<T: 'static>(vm: &mut Vm, o: Obj) -> Option<&mut T> {
    match vm.heap.get_mut(o) {
        Some(ObjData::Native(n)) => n.as_any_mut().downcast_mut::<T>(),
        _ => None,
    }
}

/// The native object of type `T` behind `o`.
pub fn native_ref<T: 'static>(vm: &Vm, o: Obj) -> Option<&T> {
    match vm.heap.get(o) {
        Some(ObjData::Native(n)) => n.as_any().downcast_ref::<T>(),
        _ => None,
    }
}

/// `it.__next__()`: the next item.
///
/// Errors: `StopIteration` when exhausted.
fn next_meth(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    match vm.iter_next(args[0])? {
        Some(x) => Ok(x),
        None => Err(vm.error_noargs(&crate::types::exception::STOP_ITERATION_TYPE)),
    }
}

/// `__next__` for iterator types.
pub static NEXT_METH: BuiltinFun = BuiltinFun::new(q::__next__, 1, 1, next_meth);

/// The locals of every iterator type: `__next__` (as MicroPython's
/// iterators have).
pub static ITER_LOCALS: [(Qstr, Rom); 1] = [(q::__next__, Rom::Fun(&NEXT_METH))];

/// Prints `<name>` for an iterator object.
fn print_name(vm: &mut Vm, o: Obj, out: &mut String, _kind: PrintKind) -> PyResult<()> {
    out.push('<');
    out.push_str(vm.type_name(o));
    out.push('>');
    Ok(())
}

/// The item `i` of a list or tuple, None past the end.
fn seq_get(vm: &Vm, seq: Obj, i: usize) -> Option<Obj> {
    match vm.heap.get(seq)? {
        ObjData::List(l) => l.get(i).copied(),
        ObjData::Tuple(t) => t.get(i).copied(),
        _ => None,
    }
}

// ---- sequence iterator -------------------------------------------------

/// Iterator over a list or tuple by position (sees appends while running).
struct SeqIter {
    seq: Obj,
    index: usize,
}
native_impl!(SeqIter, &ITERATOR_TYPE, |s, f| { f(s.seq) });

/// A new iterator over list or tuple `seq`.
pub fn new_seq_iter(vm: &mut Vm, seq: Obj) -> PyResult<Obj> {
    vm.alloc(ObjData::Native(Box::new(SeqIter { seq, index: 0 })))
}

/// Iterator calling `seq[0]`, `seq[1]`, ... until `IndexError` (Python's
/// fallback iteration for objects with `__getitem__` only).
struct SubscrIter {
    seq: Obj,
    index: usize,
}
native_impl!(SubscrIter, &ITERATOR_TYPE, |s, f| { f(s.seq) });

/// A new iterator calling `seq[i]` for i = 0, 1, ... until `IndexError`.
pub fn new_subscr_iter(vm: &mut Vm, seq: Obj) -> PyResult<Obj> {
    vm.alloc(ObjData::Native(Box::new(SubscrIter { seq, index: 0 })))
}

fn iterator_next(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    if let Some(it) = native_mut::<SeqIter>(vm, o) {
        let (seq, i) = (it.seq, it.index);
        return Ok(match seq_get(vm, seq, i) {
            Some(x) => {
                if let Some(it) = native_mut::<SeqIter>(vm, o) {
                    it.index += 1;
                }
                x
            }
            None => Obj::STOP_ITERATION,
        });
    }
    if let Some(it) = native_mut::<SubscrIter>(vm, o) {
        let (seq, i) = (it.seq, it.index);
        if i == usize::MAX {
            return Ok(Obj::STOP_ITERATION);
        }
        let idx = vm.new_int(i as i64)?;
        return match vm.subscr(seq, idx, Subscr::Load) {
            Ok(x) => {
                if let Some(it) = native_mut::<SubscrIter>(vm, o) {
                    it.index += 1;
                }
                Ok(x)
            }
            Err(e) => {
                if vm.exception_match(e.0, Obj::from_type(&INDEX_ERROR_TYPE))? {
                    if let Some(it) = native_mut::<SubscrIter>(vm, o) {
                        it.index = usize::MAX;
                    }
                    Ok(Obj::STOP_ITERATION)
                } else {
                    Err(e)
                }
            }
        };
    }
    Ok(Obj::STOP_ITERATION)
}

/// The type of list, tuple and generic sequence iterators (`<iterator>`).
pub static ITERATOR_TYPE: TypeObj = TypeObj {
    name: q::iterator,
    flags: flags::ITER_IS_SELF,
    print: Some(print_name),
    locals: &ITER_LOCALS,
    iternext: Some(iterator_next),
    ..TypeObj::EMPTY
};

// ---- enumerate ---------------------------------------------------------

struct Enumerate {
    iter: Obj,
    count: Obj,
}
native_impl!(Enumerate, &ENUMERATE_TYPE, |s, f| {
    f(s.iter);
    f(s.count)
});

fn enumerate_make_new(vm: &mut Vm, _cls: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    kw_check(vm, kw, &["iterable", "start"])?;
    let iterable = match args.first().copied().or_else(|| kw_get(vm, kw, "iterable")) {
        Some(x) => x,
        None => return Err(vm.type_error("'iterable' argument required")),
    };
    if args.len() > 2 {
        return Err(vm.type_error("extra positional arguments given"));
    }
    let start = args.get(1).copied().or_else(|| kw_get(vm, kw, "start")).unwrap_or(Obj::small_int(0));
    if super::slice::int_clamped(vm, start).is_none() {
        let msg = alloc::format!("can't convert {} to int", vm.type_name(start));
        return Err(vm.type_error(&msg));
    }
    let iter = vm.get_iter(iterable)?;
    vm.alloc(ObjData::Native(Box::new(Enumerate { iter, count: start })))
}

fn enumerate_next(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    let Some(e) = native_ref::<Enumerate>(vm, o) else { return Ok(Obj::STOP_ITERATION) };
    let (iter, count) = (e.iter, e.count);
    let Some(x) = vm.iter_next(iter)? else { return Ok(Obj::STOP_ITERATION) };
    let next = match count.as_small_int() {
        Some(c) if c < Obj::SMALL_INT_MAX => Obj::small_int(c + 1),
        _ => vm.binary_op(crate::typ::BinaryOp::Add, count, Obj::small_int(1))?,
    };
    if let Some(e) = native_mut::<Enumerate>(vm, o) {
        e.count = next;
    }
    vm.new_tuple(&[count, x])
}

/// `enumerate(iterable, start=0)`.
pub static ENUMERATE_TYPE: TypeObj = TypeObj {
    name: q::enumerate,
    flags: flags::ITER_IS_SELF,
    make_new: Some(enumerate_make_new),
    print: Some(print_name),
    locals: &ITER_LOCALS,
    iternext: Some(enumerate_next),
    ..TypeObj::EMPTY
};

// ---- zip ---------------------------------------------------------------

struct Zip {
    iters: Vec<Obj>,
}
native_impl!(Zip, &ZIP_TYPE, |s, f| {
    s.iters.iter().for_each(|&o| f(o))
});

/// Gets an iterator for each of `args`, keeping them rooted meanwhile.
fn iters_of(vm: &mut Vm, args: &[Obj]) -> PyResult<Vec<Obj>> {
    let base = vm.roots.len();
    let r = (|| {
        for &a in args {
            let it = vm.get_iter(a)?;
            vm.roots.push(it);
        }
        Ok(())
    })();
    let v = vm.roots.split_off(base);
    r.map(|()| v)
}

fn zip_make_new(vm: &mut Vm, _cls: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    if !kw.is_empty() {
        return Err(vm.type_error("function doesn't take keyword arguments"));
    }
    let iters = iters_of(vm, args)?;
    let base = vm.roots.len();
    vm.roots.extend_from_slice(&iters);
    let r = vm.alloc(ObjData::Native(Box::new(Zip { iters })));
    vm.roots.truncate(base);
    r
}

/// The next item of each iterator in `iters` (None once any is exhausted),
/// rooted on `vm.roots` from `base` while collecting.
fn next_of_each(vm: &mut Vm, iters: &[Obj]) -> PyResult<Option<Vec<Obj>>> {
    let base = vm.roots.len();
    let r = (|| {
        for &it in iters {
            match vm.iter_next(it)? {
                Some(x) => vm.roots.push(x),
                None => return Ok(false),
            }
        }
        Ok(true)
    })();
    let v = vm.roots.split_off(base);
    Ok(if r? { Some(v) } else { None })
}

fn zip_next(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    let Some(z) = native_ref::<Zip>(vm, o) else { return Ok(Obj::STOP_ITERATION) };
    let iters = z.iters.clone();
    if iters.is_empty() {
        return Ok(Obj::STOP_ITERATION);
    }
    match next_of_each(vm, &iters)? {
        Some(items) => vm.new_tuple(&items),
        None => Ok(Obj::STOP_ITERATION),
    }
}

/// `zip(*iterables)`.
pub static ZIP_TYPE: TypeObj = TypeObj {
    name: q::zip,
    flags: flags::ITER_IS_SELF,
    make_new: Some(zip_make_new),
    print: Some(print_name),
    locals: &ITER_LOCALS,
    iternext: Some(zip_next),
    ..TypeObj::EMPTY
};

// ---- map ---------------------------------------------------------------

struct Map {
    fun: Obj,
    iters: Vec<Obj>,
}
native_impl!(Map, &MAP_TYPE, |s, f| {
    f(s.fun);
    s.iters.iter().for_each(|&o| f(o))
});

fn map_make_new(vm: &mut Vm, _cls: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    if !kw.is_empty() {
        return Err(vm.type_error("function doesn't take keyword arguments"));
    }
    if args.len() < 2 {
        return Err(vm.type_error("function missing 1 required positional arguments"));
    }
    let iters = iters_of(vm, &args[1..])?;
    let base = vm.roots.len();
    vm.roots.extend_from_slice(&iters);
    let r = vm.alloc(ObjData::Native(Box::new(Map { fun: args[0], iters })));
    vm.roots.truncate(base);
    r
}

fn map_next(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    let Some(m) = native_ref::<Map>(vm, o) else { return Ok(Obj::STOP_ITERATION) };
    let (fun, iters) = (m.fun, m.iters.clone());
    match next_of_each(vm, &iters)? {
        Some(items) => {
            let base = vm.roots.len();
            vm.roots.extend_from_slice(&items);
            let r = vm.call(fun, &items, &[]);
            vm.roots.truncate(base);
            r
        }
        None => Ok(Obj::STOP_ITERATION),
    }
}

/// `map(function, *iterables)`.
pub static MAP_TYPE: TypeObj = TypeObj {
    name: q::map,
    flags: flags::ITER_IS_SELF,
    make_new: Some(map_make_new),
    print: Some(print_name),
    locals: &ITER_LOCALS,
    iternext: Some(map_next),
    ..TypeObj::EMPTY
};

// ---- filter ------------------------------------------------------------

struct Filter {
    fun: Obj,
    iter: Obj,
}
native_impl!(Filter, &FILTER_TYPE, |s, f| {
    f(s.fun);
    f(s.iter)
});

fn filter_make_new(vm: &mut Vm, _cls: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    if !kw.is_empty() {
        return Err(vm.type_error("function doesn't take keyword arguments"));
    }
    if args.len() != 2 {
        let msg = alloc::format!("function takes 2 positional arguments but {} were given", args.len());
        return Err(vm.type_error(&msg));
    }
    let iter = vm.get_iter(args[1])?;
    vm.alloc(ObjData::Native(Box::new(Filter { fun: args[0], iter })))
}

fn filter_next(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    let Some(fl) = native_ref::<Filter>(vm, o) else { return Ok(Obj::STOP_ITERATION) };
    let (fun, iter) = (fl.fun, fl.iter);
    while let Some(x) = vm.iter_next(iter)? {
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
    name: q::filter,
    flags: flags::ITER_IS_SELF,
    make_new: Some(filter_make_new),
    print: Some(print_name),
    locals: &ITER_LOCALS,
    iternext: Some(filter_next),
    ..TypeObj::EMPTY
};

// ---- reversed ----------------------------------------------------------

struct Reversed {
    seq: Obj,
    /// Items left: the next one is at `left - 1`.
    left: usize,
}
native_impl!(Reversed, &REVERSED_TYPE, |s, f| { f(s.seq) });

fn reversed_make_new(vm: &mut Vm, _cls: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    if !kw.is_empty() {
        return Err(vm.type_error("function doesn't take keyword arguments"));
    }
    if args.len() != 1 {
        let msg = alloc::format!("function takes 1 positional arguments but {} were given", args.len());
        return Err(vm.type_error(&msg));
    }
    let seq = args[0];
    if matches!(vm.heap.get(seq), Some(ObjData::Instance(_))) {
        let (m, s) = vm.load_method_maybe(seq, q::__reversed__)?;
        if !m.is_null() {
            return if s.is_null() { vm.call(m, &[], &[]) } else { vm.call(m, &[s], &[]) };
        }
    }
    let seq = super::seq::native_of(vm, seq);
    let left = vm.len(seq)?;
    vm.alloc(ObjData::Native(Box::new(Reversed { seq, left })))
}

fn reversed_next(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    let Some(r) = native_ref::<Reversed>(vm, o) else { return Ok(Obj::STOP_ITERATION) };
    let (seq, left) = (r.seq, r.left);
    if left == 0 {
        return Ok(Obj::STOP_ITERATION);
    }
    if let Some(r) = native_mut::<Reversed>(vm, o) {
        r.left = left - 1;
    }
    if let Some(x) = seq_get(vm, seq, left - 1) {
        return Ok(x);
    }
    if matches!(vm.heap.get(seq), Some(ObjData::List(_))) {
        // The list shrank under us.
        return Ok(Obj::STOP_ITERATION);
    }
    let idx = vm.new_int((left - 1) as i64)?;
    vm.subscr(seq, idx, Subscr::Load)
}

/// `reversed(seq)`: uses `__reversed__` if the object defines it, else
/// `len()` and indexing.
pub static REVERSED_TYPE: TypeObj = TypeObj {
    name: q::reversed,
    flags: flags::ITER_IS_SELF,
    make_new: Some(reversed_make_new),
    print: Some(print_name),
    locals: &ITER_LOCALS,
    iternext: Some(reversed_next),
    ..TypeObj::EMPTY
};
