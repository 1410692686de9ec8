//! FOR_ITER's and GET_ITER_STACK's helpers: the str and range slots.

use crate::obj::Obj;
use crate::state::Vm;
#[cfg(not(target_os = "none"))]
use crate::vm::fastpath::plain_str;
#[cfg(not(target_os = "none"))]
use crate::PyResult;

/// Is `o` a plain str (a qstr or an exact heap str)? Always false on
/// the boards (no str fast path in FOR_ITER there).
#[inline(always)]
pub(super) fn plain_str_any(vm: &Vm, o: Obj) -> bool {
    #[cfg(not(target_os = "none"))]
    return plain_str(vm, o).is_some();
    #[cfg(target_os = "none")]
    {
        let _ = (vm, o);
        false
    }
}

/// FOR_ITER over a plain str, whose slots from `s0` are `[3, str, byte
/// offset, NULL]`: the next character (an ASCII one is its built-in
/// qstr), advancing the offset; None at the end.
///
/// Errors: `MemoryError` (a non-ASCII character's str).
#[cfg(not(target_os = "none"))]
#[inline(never)]
pub(super) fn str_iter_next(vm: &mut Vm, s0: *mut Obj) -> PyResult<Option<Obj>> {
    // SAFETY: FOR_ITER's 4 slots from `s0` are in use (verified).
    let (o, off) = unsafe { (s0.add(1).read(), s0.add(2).read()) };
    let Some(text) = plain_str(vm, o) else { return Ok(None) };
    let i = off.as_small_int().unwrap_or(isize::MAX) as usize;
    let Some(&b) = text.as_bytes().get(i) else { return Ok(None) };
    let (item, n) = match crate::qstr::ascii_char(b) {
        Some(q) if b < 0x80 => (Obj::qstr(q), 1),
        _ => str_iter_char(vm, text, i)?,
    };
    // SAFETY: as above.
    unsafe { s0.add(2).write(Obj::small_int((i + n) as isize)) };
    Ok(Some(item))
}

/// [`str_iter_next`]'s non-ASCII character at byte `i` of `text`: its str
/// and byte length (out of line: the ASCII path saves no registers).
///
/// Errors: `MemoryError`.
#[cfg(not(target_os = "none"))]
#[inline(never)]
fn str_iter_char(vm: &mut Vm, text: &str, i: usize) -> PyResult<(Obj, usize)> {
    let n = text.get(i..).and_then(|t| t.chars().next()).map_or(1, char::len_utf8);
    let c = text.get(i..i + n).unwrap_or("");
    Ok((vm.new_str(c)?, n))
}

/// The FOR_ITER slots `[1, start, stop, step]` for a range of small ints.
#[inline]
pub(super) fn range_slots(vm: &Vm, o: Obj) -> Option<[Obj; 4]> {
    let r = vm.heap.get::<crate::types::range::RangeObj>(o)?;
    let ok = |v: isize| (Obj::SMALL_INT_MIN..=Obj::SMALL_INT_MAX).contains(&v);
    (ok(r.start) && ok(r.stop) && ok(r.step) && r.step != 0)
        .then(|| [Obj::small_int(1), Obj::small_int(r.start), Obj::small_int(r.stop), Obj::small_int(r.step)])
}
