//! `slice`: the built-in type (slots and methods), and the shared index
//! helpers every sequence uses: [`slice_indices`] (resolve a slice against a
//! length), [`seq_index`] (check and normalise `seq[i]`) and
//! [`int_clamped`] (an int object as a saturated `isize`).
//!
//! MicroPython behaviour followed: `slice(...)` cannot be called from
//! Python (`TypeError: can't create 'slice' instances`); slice objects come
//! from `x[a:b:c]`. They have `.start`, `.stop`, `.step` and `indices(len)`,
//! print as `slice(1, 2, None)`, and compare by identity.

use crate::typ::Entry;
use crate::obj::{Obj, ObjBase};
use crate::qstr::{q, Qstr};
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{BuiltinFun, PrintKind, Rom, TypeObj};
use super::str_format::IntVal;
use crate::PyResult;

/// The int value of `o` as an `isize`, saturating big ints at
/// `isize::MIN`/`isize::MAX`. `True`/`False` count as 1/0. None if `o` is
/// not an int.
pub fn int_clamped(vm: &Vm, o: Obj) -> Option<isize> {
    if let Some(i) = o.as_small_int() {
        return Some(i);
    }
    // Bools, big ints, int subclass instances: one decoder for them all.
    match super::str_format::int_value(vm, o)? {
        IntVal::Small(i) => Some(i as isize),
        #[cfg(feature = "bigint")]
        IntVal::Big(neg, digits) => Some(big_clamped(neg, digits)),
    }
}

/// A big int's value (sign and little-endian 32-bit digits) saturated to
/// an `isize`.
#[cfg(feature = "bigint")]
fn big_clamped(neg: bool, digits: &[u32]) -> isize {
    // Through `mpy-mpz`'s i64 conversion (in the image anyway; no 128-bit
    // arithmetic, costly on the 32-bit boards).
    match mpy_mpz::conv::to_i64(mpy_mpz::MpzRef::new(neg, digits)) {
        Some(v) => v.clamp(isize::MIN as i64, isize::MAX as i64) as isize,
        None if neg => isize::MIN,
        None => isize::MAX,
    }
}

/// Resolves slice object `slice` (start, stop, step: ints or None) against
/// a sequence of length `len`, as CPython's `slice.indices(len)`: returns
/// `(start, stop, step)` with start/stop clamped to `0..=len` (or
/// `-1..=len-1` for negative steps). The selected items are `start`,
/// `start+step`, ... while before `stop`.
///
/// Errors: `ValueError: slice step can't be zero`; `TypeError` for
/// non-int bounds (`slice indices must be integers or None`).
/// For anything but a slice: the empty selection `(0, 0, 1)`.
pub fn slice_indices(vm: &mut Vm, slice: Obj, len: usize) -> PyResult<(isize, isize, isize)> {
    Ok(indices_of(vm, slice, len, false)?.unwrap_or((0, 0, 1)))
}

/// [`slice_indices`] (with `strs`, [`parts_indices`]'s errors for str,
/// bytes, bytearray and memoryview); None if `o` is not a slice.
///
/// Errors: as [`parts_indices`].
pub fn indices_of(vm: &mut Vm, o: Obj, len: usize, strs: bool) -> PyResult<Option<(isize, isize, isize)>> {
    let Some((a, b, c)) = slice_parts(vm, o) else { return Ok(None) };
    parts_indices(vm, a, b, c, len, strs).map(Some)
}

/// [`slice_indices`] on the three parts of a slice (each an int or None).
pub fn slice_parts_indices(vm: &mut Vm, a: Obj, b: Obj, c: Obj, len: usize) -> PyResult<(isize, isize, isize)> {
    parts_indices(vm, a, b, c, len, false)
}

/// [`slice_parts_indices`] with, for `strs`, the errors of str, bytes,
/// bytearray and memoryview slicing: the step and non-int bounds convert
/// as `strutil::int_arg` does (`TypeError: can't convert str to int`,
/// `OverflowError` for a big-int step) and a zero step is `ValueError:
/// slice step cannot be zero`. Bounds saturate either way.
pub fn parts_indices(vm: &mut Vm, a: Obj, b: Obj, c: Obj, len: usize, strs: bool) -> PyResult<(isize, isize, isize)> {
    let len = len.min(isize::MAX as usize) as isize;
    let get = |vm: &mut Vm, o: Obj, is_step: bool| -> PyResult<Option<isize>> {
        if o == Obj::NONE || o.is_null() {
            return Ok(None);
        }
        if strs && (is_step || !super::strutil::is_int(vm, o)) {
            return super::strutil::int_arg(vm, o).map(Some);
        }
        match int_clamped(vm, o) {
            Some(i) => Ok(Some(i)),
            None => Err(vm.type_error(msg!("slice indices must be integers or None"))),
        }
    };
    let step = get(vm, c, true)?.unwrap_or(1);
    if step == 0 {
        return Err(vm.value_error(if strs { msg!("slice step cannot be zero") } else { msg!("slice step can't be zero") }));
    }
    let start = get(vm, a, false)?;
    let stop = get(vm, b, false)?;
    let (lo, hi) = if step < 0 { (-1, len - 1) } else { (0, len) };
    let fix = |v: Option<isize>, default: isize| -> isize {
        match v {
            None => default,
            Some(v) if v < 0 => v.saturating_add(len).max(lo),
            Some(v) => v.min(hi),
        }
    };
    let (ds, de) = if step < 0 { (hi, lo) } else { (lo, hi) };
    Ok((fix(start, ds), fix(stop, de), step))
}

/// Number of items a resolved slice `(start, stop, step)` selects.
pub fn slice_len(start: isize, stop: isize, step: isize) -> usize {
    if step > 0 {
        if stop > start {
            ((stop - start - 1) / step + 1) as usize
        } else {
            0
        }
    } else if start > stop {
        ((start - stop - 1) / (-step) + 1) as usize
    } else {
        0
    }
}

/// Checks and normalises a sequence index: `index` must be an int (bools
/// count), negative values count from the end.
///
/// Errors: `TypeError: list indices must be integers, not str` and
/// `IndexError: list index out of range`, with `what` naming the sequence
/// type (`list`, `tuple`, `range`, ...).
pub fn seq_index(vm: &mut Vm, index: Obj, len: usize, what: &str) -> PyResult<usize> {
    let Some(i) = int_clamped(vm, index) else {
        return Err(super::strutil::indices_error(vm, what, index));
    };
    let j = if i < 0 { i.checked_add(len as isize) } else { Some(i) };
    match j {
        Some(j) if j >= 0 && (j as usize) < len => Ok(j as usize),
        _ => Err(super::strutil::index_range_error(vm, what)),
    }
}

/// Is `o` a slice object?
#[inline]
pub fn is_slice(vm: &Vm, o: Obj) -> bool {
    vm.heap.get::<SliceObj>(o).is_some()
}

/// The `(start, stop, step)` of slice object `o`.
#[inline]
pub fn slice_parts(vm: &Vm, o: Obj) -> Option<(Obj, Obj, Obj)> {
    vm.heap.get::<SliceObj>(o).map(|s| (s.start, s.stop, s.step))
}

/// A new slice object `slice(start, stop, step)` (None for absent parts).
///
/// Errors: `MemoryError`.
pub fn new_slice(vm: &mut Vm, start: Obj, stop: Obj, step: Obj) -> PyResult<Obj> {
    vm.alloc_obj(SliceObj { base: ObjBase::new(&SLICE_TYPE), start, stop, step })
}

/// Part `i` (start, stop, step) of slice `o`, as a `print_entries` entry.
fn slice_part_at(vm: &Vm, o: Obj, i: usize) -> Option<(usize, Obj, Obj)> {
    let (a, b, c) = slice_parts(vm, o)?;
    [a, b, c].get(i).map(|&x| (i, x, Obj::NULL))
}

/// `slice(1, None, 2)`.
fn slice_print(vm: &mut Vm, o: Obj, out: &mut Out, _kind: PrintKind) -> PyResult<()> {
    super::seq::print_entries(vm, o, slice_part_at, 3, super::seq::Entry::Key, "slice(", ")", out)
}

fn slice_attr(vm: &mut Vm, o: Obj, name: Qstr, store: Option<Obj>) -> PyResult<Obj> {
    if store.is_some() {
        return Ok(Obj::NULL);
    }
    let Some((a, b, c)) = slice_parts(vm, o) else { return Ok(Obj::NULL) };
    Ok(match name {
        q::start => a,
        q::stop => b,
        q::step => c,
        _ => Obj::NULL,
    })
}

fn slice_indices_meth(vm: &mut Vm, a0: Obj, a1: Obj) -> PyResult<Obj> {
    let args = &[a0, a1];
    let n = super::strutil::int_arg(vm, args[1])?;
    if n < 0 {
        return Err(vm.value_error(msg!("length should not be negative")));
    }
    let (a, b, c) = slice_indices(vm, args[0], n as usize)?;
    let items = [Obj::small_int(a), Obj::small_int(b), Obj::small_int(c)];
    vm.new_tuple(&items)
}

static SLICE_INDICES: BuiltinFun = BuiltinFun::new2(q::indices, slice_indices_meth);
static SLICE_LOCALS: [Entry; 1] = [Entry::new(q::indices, Rom::Fun(&SLICE_INDICES))];

/// The `slice` type.
pub static SLICE_TYPE: TypeObj = TypeObj {
    name: q::slice.tn(),
    print: Some(slice_print),
    locals: crate::typ::Locals::of(&SLICE_LOCALS),
    ext: &crate::typ::TypeExt { attr: Some(slice_attr), ..crate::typ::TypeExt::NONE },
    ..TypeObj::EMPTY
};

/// A slice object.
#[repr(C)]
pub struct SliceObj {
    /// Header (`slice`).
    pub base: crate::obj::ObjBase,
    /// `start` (None if absent).
    pub start: Obj,
    /// `stop`.
    pub stop: Obj,
    /// `step`.
    pub step: Obj,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::types::testutil::with_vm;

    fn sl(vm: &mut Vm, a: Obj, b: Obj, c: Obj) -> Obj {
        new_slice(vm, a, b, c).unwrap()
    }

    #[test]
    fn big_ints_saturate() {
        assert_eq!(big_clamped(false, &[5]), 5);
        assert_eq!(big_clamped(true, &[5]), -5);
        assert_eq!(big_clamped(false, &[0, 0, 0, 1]), isize::MAX);
        assert_eq!(big_clamped(true, &[0, 0, 0, 1]), isize::MIN);
        let max = isize::MAX as u64;
        assert_eq!(big_clamped(false, &[max as u32, (max >> 32) as u32]), isize::MAX);
    }

    #[test]
    fn indices_match_cpython() {
        with_vm(|mut vm, _| indices_match_cpython_in(&mut vm));
    }

    fn indices_match_cpython_in(vm: &mut Vm) {
        let n = Obj::NONE;
        let i = Obj::small_int;
        let s = sl(vm, n, n, i(-1));
        assert_eq!(slice_indices(vm, s, 10).unwrap(), (9, -1, -1));
        let s = sl(vm, i(-100), i(100), n);
        assert_eq!(slice_indices(vm, s, 5).unwrap(), (0, 5, 1));
        let s = sl(vm, n, n, i(2));
        assert_eq!(slice_indices(vm, s, 7).unwrap(), (0, 7, 2));
        let s = sl(vm, i(-2), n, n);
        assert_eq!(slice_indices(vm, s, 7).unwrap(), (5, 7, 1));
        let s = sl(vm, n, n, i(0));
        assert!(slice_indices(vm, s, 7).is_err());
        assert_eq!(slice_len(9, -1, -1), 10);
        assert_eq!(slice_len(0, 7, 2), 4);
        assert_eq!(slice_len(5, 2, 1), 0);
    }

    #[test]
    fn seq_index_checks() {
        with_vm(|mut vm, _| seq_index_checks_in(&mut vm));
    }

    fn seq_index_checks_in(vm: &mut Vm) {
        assert_eq!(seq_index(vm, Obj::small_int(-1), 3, "list").unwrap(), 2);
        assert_eq!(seq_index(vm, Obj::TRUE, 3, "list").unwrap(), 1);
        assert!(seq_index(vm, Obj::small_int(3), 3, "list").is_err());
        assert!(seq_index(vm, Obj::small_int(-4), 3, "list").is_err());
        assert!(seq_index(vm, Obj::NONE, 3, "list").is_err());
    }
}
