//! `range`: the built-in type and its iterator.
//!
//! Follows MicroPython: `range(stop)`, `range(start, stop[, step])` with
//! machine-word ints (`ValueError: zero step`); `len`, indexing (`range
//! index out of range`), slicing to a new range, `in`, iteration,
//! `.start/.stop/.step`, repr `range(0, 5)` / `range(1, 10, 2)`. Ranges
//! compare by identity and are unhashable, as in MicroPython.

use super::slice::{int_clamped, is_slice, seq_index, slice_indices};
use crate::obj::{Obj, ObjBase};
use crate::qstr::{q, Qstr};
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{flags, BinaryOp, PrintKind, Subscr, TypeObj, UnaryOp};
use crate::PyResult;

/// A range object (4 words).
#[repr(C)]
pub struct RangeObj {
    /// Header (`range`).
    pub base: ObjBase,
    /// First value.
    pub start: isize,
    /// Bound (exclusive).
    pub stop: isize,
    /// Step (never 0).
    pub step: isize,
}

/// The values of a range, as plain numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    /// First value.
    pub start: isize,
    /// Bound (exclusive).
    pub stop: isize,
    /// Step (never 0).
    pub step: isize,
}
/// An integer type holding any `isize` sum or product of a range's
/// parts: `i64` where `isize` has 32 bits (no 128-bit arithmetic on the
/// boards), else `i128`.
#[cfg(target_pointer_width = "32")]
type Wide = i64;
#[cfg(not(target_pointer_width = "32"))]
type Wide = i128;

impl Range {
    /// Number of values.
    pub fn len(&self) -> usize {
        // Two `isize`s are at most `usize::MAX` apart: one unsigned
        // division of the word (no 64-bit division on 32-bit boards).
        let (lo, hi) = if self.step > 0 { (self.start, self.stop) } else { (self.stop, self.start) };
        if hi <= lo {
            return 0;
        }
        let n = (hi.wrapping_sub(lo) as usize - 1) / self.step.unsigned_abs() + 1;
        n.min(isize::MAX as usize)
    }

    /// Is it empty?
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `i`-th value (i < len).
    pub fn get(&self, i: usize) -> Wide {
        self.start as Wide + self.step as Wide * i as Wide
    }
}

/// The values of range object `o` (None if `o` is not a range).
#[inline]
pub fn range_parts(vm: &Vm, o: Obj) -> Option<Range> {
    vm.heap.get::<RangeObj>(o).map(|r| Range { start: r.start, stop: r.stop, step: r.step })
}

fn range_of(vm: &Vm, o: Obj) -> Range {
    range_parts(vm, o).unwrap_or(Range { start: 0, stop: 0, step: 1 })
}

/// A new range object.
///
/// Errors: `MemoryError`.
pub fn new_range(vm: &mut Vm, start: isize, stop: isize, step: isize) -> PyResult<Obj> {
    vm.alloc_obj(RangeObj { base: ObjBase::new(&RANGE_TYPE), start, stop, step })
}

fn range_make_new(vm: &mut Vm, _cls: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    if !kw.is_empty() {
        return Err(super::strutil::no_kw(vm));
    }
    match args.len() {
        0 => return Err(super::strutil::missing_one(vm)),
        1..=3 => {}
        n => return Err(super::strutil::too_many_args(vm, 3, n)),
    }
    // start, stop, step; `range(n)` is `range(0, n)`.
    let mut v = [0, 0, 1];
    let first = (args.len() == 1) as usize;
    for (slot, &a) in v[first..].iter_mut().zip(args) {
        *slot = super::strutil::int_arg(vm, a)?;
    }
    let [start, stop, step] = v;
    if step == 0 {
        return Err(vm.value_error(msg!("zero step")));
    }
    new_range(vm, start, stop, step)
}

fn range_print(vm: &mut Vm, o: Obj, out: &mut Out, _kind: PrintKind) -> PyResult<()> {
    let r = range_of(vm, o);
    out.fmt(vm, crate::msg!("range({}, {}"), &[r.start.into(), r.stop.into()])?;
    if r.step != 1 {
        out.fmt(vm, ", {}", &[r.step.into()])?;
    }
    out.str(vm, ")")
}

fn range_unary(vm: &mut Vm, op: UnaryOp, o: Obj) -> PyResult<Obj> {
    let n = range_of(vm, o).len();
    super::seq::sized_unary(vm, op, o, n, false)
}

fn range_binary(vm: &mut Vm, op: BinaryOp, a: Obj, b: Obj) -> PyResult<Obj> {
    if op != BinaryOp::Contains {
        return Ok(Obj::NULL);
    }
    let r = range_of(vm, a);
    let is_int = b.is_small_int() || b.is_bool() || vm.int_digits_pinned(b).is_some();
    if is_int {
        let Some(v) = int_clamped(vm, b) else { return Ok(Obj::FALSE) };
        if v == isize::MIN || v == isize::MAX {
            return Ok(Obj::FALSE);
        }
        // The distance from the start when inside (fits the word, as in
        // `Range::len`).
        let (s, e) = (r.start, r.stop);
        let dist = if r.step > 0 {
            (v >= s && v < e).then(|| v.wrapping_sub(s))
        } else {
            (v <= s && v > e).then(|| s.wrapping_sub(v))
        };
        return Ok(Obj::bool(dist.is_some_and(|d| d as usize % r.step.unsigned_abs() == 0)));
    }
    // Other objects (floats, ...): compare with each value.
    let n = r.len();
    for i in 0..n {
        let x = vm.new_int(r.get(i) as i64)?;
        if vm.eq(x, b)? {
            return Ok(Obj::TRUE);
        }
    }
    Ok(Obj::FALSE)
}

fn range_subscr(vm: &mut Vm, o: Obj, index: Obj, op: Subscr) -> PyResult<Obj> {
    if !matches!(op, Subscr::Load) {
        return Ok(Obj::NULL);
    }
    let r = range_of(vm, o);
    let len = r.len();
    if is_slice(vm, index) {
        let (a, b, c) = slice_indices(vm, index, len)?;
        let at = |i: isize| -> isize {
            (r.start as Wide + r.step as Wide * i as Wide).clamp(isize::MIN as Wide, isize::MAX as Wide) as isize
        };
        let (start, stop, step) = (at(a), at(b), r.step.saturating_mul(c));
        return new_range(vm, start, stop, step);
    }
    let i = seq_index(vm, index, len, "range")?;
    vm.new_int(r.get(i) as i64)
}

fn range_attr(vm: &mut Vm, o: Obj, name: Qstr, store: Option<Obj>) -> PyResult<Obj> {
    if store.is_some() {
        return Ok(Obj::NULL);
    }
    let r = range_of(vm, o);
    Ok(match name {
        q::start => Obj::small_int(r.start),
        q::stop => Obj::small_int(r.stop),
        q::step => Obj::small_int(r.step),
        _ => Obj::NULL,
    })
}

/// Iterator over a range (4 words).
#[repr(C)]
pub struct RangeIterObj {
    /// Header (the range iterator type).
    pub base: ObjBase,
    /// The next value.
    pub cur: isize,
    /// Bound (exclusive).
    pub stop: isize,
    /// Step (never 0).
    pub step: isize,
}

fn range_iter(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    let r = range_of(vm, o);
    vm.alloc_obj(RangeIterObj { base: ObjBase::new(&RANGE_ITERATOR_TYPE), cur: r.start, stop: r.stop, step: r.step })
}

fn range_iter_next(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    let Some(it) = vm.heap.get_mut::<RangeIterObj>(o) else { return Ok(Obj::STOP_ITERATION) };
    let cur = it.cur;
    let more = if it.step > 0 { cur < it.stop } else { cur > it.stop };
    if !more {
        return Ok(Obj::STOP_ITERATION);
    }
    match cur.checked_add(it.step) {
        Some(n) => it.cur = n,
        None => it.cur = it.stop,
    }
    vm.new_int(cur as i64)
}

/// Desktop: one step of `o` if it is a range iterator whose next value is
/// a small int (None otherwise: the caller takes the `iternext` slot):
/// `Some(None)` once exhausted. For FOR_ITER over an iterator made
/// elsewhere (a generator expression's argument), without the slot call
/// and its STOP_ITERATION marker.
#[cfg(not(target_os = "none"))]
#[inline(always)]
pub fn range_iter_step(vm: &mut Vm, o: Obj) -> Option<Option<Obj>> {
    if !o.ptr_type().is_some_and(|t| core::ptr::eq(t, &RANGE_ITERATOR_TYPE)) {
        return None;
    }
    let it = vm.heap.get_mut::<RangeIterObj>(o)?;
    let cur = it.cur;
    if !(Obj::SMALL_INT_MIN..=Obj::SMALL_INT_MAX).contains(&cur) {
        return None;
    }
    if !(if it.step > 0 { cur < it.stop } else { cur > it.stop }) {
        return Some(None);
    }
    it.cur = cur.checked_add(it.step).unwrap_or(it.stop);
    Some(Some(Obj::small_int(cur)))
}

/// The type of range iterators (named `iterator`, as in MicroPython).
pub static RANGE_ITERATOR_TYPE: TypeObj = TypeObj {
    name: q::iterator.tn(),
    flags: flags::ITER_IS_SELF,
    print: Some(super::iterators::print_name),
    iternext: Some(range_iter_next),
    locals: crate::typ::Locals::of(&super::iterators::ITER_LOCALS),
    ..TypeObj::EMPTY
};

/// The `range` type.
pub static RANGE_TYPE: TypeObj = TypeObj {
    name: q::range.tn(),
    make_new: Some(range_make_new),
    print: Some(range_print),
    binary_op: Some(range_binary),
    subscr: Some(range_subscr),
    ext: &crate::typ::TypeExt { unary_op: Some(range_unary), attr: Some(range_attr), iter: Some(range_iter), ..crate::typ::TypeExt::NONE },
    ..TypeObj::EMPTY
};
