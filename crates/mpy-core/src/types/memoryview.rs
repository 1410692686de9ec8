//! `memoryview`: a window onto the bytes of another object (bytes,
//! bytearray, str, or any object exporting a buffer through its type's
//! slots), without copying.
//! Format is always `'B'` (unsigned bytes). Slicing makes a new view; item
//! and slice assignment write through to a bytearray base.

use crate::typ::Entry;
use super::strutil::{
    buffer_ref, int_arg, new_seq_iter, pinned,
    unwrap_native,
};
use crate::heap::Heap;
use crate::obj::{Obj, ObjBase};
use crate::qstr::q;
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{BinaryOp, PrintKind, Rom, Subscr, TypeObj, UnaryOp};
use crate::PyResult;

/// A memoryview: `len` bytes of `obj`'s buffer starting at byte `start`,
/// format `'B'`. Reads clamp to the base's current size, so a shrunk
/// bytearray base never causes out-of-bounds access. 5 words.
#[repr(C)]
pub struct MemViewObj {
    /// Header (`memoryview`).
    pub base: ObjBase,
    /// The object whose bytes are viewed: never a memoryview, a qstr or a
    /// subclass instance (those are resolved when the view is made).
    pub obj: Obj,
    /// Offset of the first byte.
    pub start: usize,
    /// Number of bytes.
    pub len: usize,
    /// True unless the base is writable (bytearray, writable buffers).
    pub readonly: bool,
    /// The struct format of the items (always `b'B'`).
    pub format: u8,
}

/// The view behind `o`, copied out: (base object, start, len, readonly).
fn view(vm: &Vm, o: Obj) -> Option<(Obj, usize, usize, bool)> {
    vm.heap.get::<MemViewObj>(o).map(|m| (m.obj, m.start, m.len, m.readonly))
}

/// `buf[start..start + len]`, clamped to `buf`.
fn window(buf: &[u8], start: usize, len: usize) -> &[u8] {
    let end = start.saturating_add(len).min(buf.len());
    buf.get(start.min(end)..end).unwrap_or(&[])
}

/// The `buffer` slot: the viewed window of the base's bytes.
fn mv_buffer(heap: &Heap, o: Obj) -> Option<&[u8]> {
    let m = heap.get::<MemViewObj>(o)?;
    let (obj, start, len) = (m.obj, m.start, m.len);
    let f = obj.ptr_type()?.ext.buffer?;
    Some(window(f(heap, obj)?, start, len))
}

/// The `buffer_mut` slot: the viewed window, writable (None if read-only).
fn mv_buffer_mut(heap: &mut Heap, o: Obj) -> Option<&mut [u8]> {
    let m = heap.get::<MemViewObj>(o)?;
    let (obj, start, len, readonly) = (m.obj, m.start, m.len, m.readonly);
    if readonly {
        return None;
    }
    let f = obj.ptr_type()?.ext.buffer_mut?;
    let buf = f(heap, obj)?;
    let end = start.saturating_add(len).min(buf.len());
    buf.get_mut(start.min(end)..end)
}

fn alloc_view(vm: &mut Vm, obj: Obj, start: usize, len: usize, readonly: bool) -> PyResult<Obj> {
    vm.alloc_obj(MemViewObj { base: ObjBase::new(&MEMORYVIEW_TYPE), obj, start, len, readonly, format: b'B' })
}

/// Makes a memoryview of `o`'s whole buffer (or a copy of a view).
///
/// Errors: `TypeError: object with buffer protocol required`,
/// `MemoryError`.
pub fn new_memoryview(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    if let Some((obj, start, len, readonly)) = view(vm, o) {
        return alloc_view(vm, obj, start, len, readonly);
    }
    let Some(len) = buffer_ref(vm, o).map(<[u8]>::len) else {
        return Err(vm.type_error(crate::runtime::exc::msg::BUFFER));
    };
    let mut base = unwrap_native(vm, o);
    if base.as_qstr().is_some() || base.ptr_type().and_then(|t| t.ext.buffer).is_none() {
        // An interned str (its text has no object to point at): view a
        // heap copy of it.
        let text = pinned(vm, base).unwrap_or(&[]);
        base = vm.new_bytes(text)?;
    }
    let writable = base.ptr_type().is_some_and(|t| t.ext.buffer_mut.is_some());
    alloc_view(vm, base, 0, len, !writable)
}

fn mv_make_new(vm: &mut Vm, _cls: Obj, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    if args.len() != 1 {
        return Err(vm.type_error(crate::runtime::exc::msg::TAKES_1));
    }
    new_memoryview(vm, args[0])
}

fn mv_print(vm: &mut Vm, _o: Obj, out: &mut Out, _kind: PrintKind) -> PyResult<()> {
    out.str(vm, "<memoryview>")
}

fn mv_unary_op(vm: &mut Vm, op: UnaryOp, o: Obj) -> PyResult<Obj> {
    let n = buffer_ref(vm, o).map_or(0, <[u8]>::len);
    super::seq::sized_unary(vm, op, o, n, true)
}

fn mv_binary_op(vm: &mut Vm, op: BinaryOp, lhs: Obj, rhs: Obj) -> PyResult<Obj> {
    match op {
        BinaryOp::Equal | BinaryOp::NotEqual => {
            let b = if vm.str_pinned(rhs).is_none() { buffer_ref(vm, rhs) } else { None };
            match (buffer_ref(vm, lhs), b) {
                (Some(a), Some(b)) => Ok(Obj::bool((a == b) == (op == BinaryOp::Equal))),
                _ => Ok(Obj::NULL),
            }
        }
        _ => Ok(Obj::NULL),
    }
}

/// Writes `data` (bytes not borrowing the `Vm`) at `pos..` of view `o`.
fn write_view(vm: &mut Vm, o: Obj, pos: usize, data: &[u8]) {
    if let Some(buf) = mv_buffer_mut(&mut vm.heap, o) {
        for (i, d) in data.iter().enumerate() {
            if let Some(x) = buf.get_mut(pos + i) {
                *x = *d;
            }
        }
    }
}

fn mv_subscr(vm: &mut Vm, o: Obj, index: Obj, op: Subscr) -> PyResult<Obj> {
    let Some((obj, start, len, readonly)) = view(vm, o) else { return Ok(Obj::NULL) };
    let place = super::bytearray::buf_place(vm, index, len, "memoryview")?;
    match (place, op) {
        (Ok((a, b)), Subscr::Load) => alloc_view(vm, obj, start + a, b - a, readonly),
        (Err(i), Subscr::Load) => {
            let v = buffer_ref(vm, o).and_then(|b| b.get(i).copied()).unwrap_or(0);
            Ok(Obj::small_int(v as isize))
        }
        // Read-only: `TypeError: 'memoryview' object doesn't support item
        // assignment`.
        (_, Subscr::Store(_)) if readonly => Ok(Obj::NULL),
        (Ok((a, b)), Subscr::Store(v)) => {
            let data = super::bytearray::rhs_buffer(vm, v)?;
            let r = if data.get().len() != b - a {
                Err(vm.value_error(msg!("lhs and rhs should be compatible")))
            } else {
                write_view(vm, o, a, data.get());
                Ok(Obj::NONE)
            };
            data.free(vm);
            r
        }
        (Err(i), Subscr::Store(v)) => {
            // The low 8 bits, unchecked (as MicroPython's arrays).
            let x = int_arg(vm, v)?;
            write_view(vm, o, i, &[x as u8]);
            Ok(Obj::NONE)
        }
        (_, Subscr::Delete) => Ok(Obj::NULL),
    }
}

fn mv_iter(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    new_seq_iter(vm, o)
}

static MEMORYVIEW_LOCALS: &[Entry] = &[
    #[cfg(feature = "bytes-hex")]
    Entry::new(q::hex, Rom::Fun(&super::str_methods::HEX)),
];

/// The `memoryview` type (register it in `builtins`).
pub static MEMORYVIEW_TYPE: TypeObj = TypeObj {
    name: q::memoryview.tn(),
    make_new: Some(mv_make_new),
    print: Some(mv_print),
    binary_op: Some(mv_binary_op),
    subscr: Some(mv_subscr),
    ext: &crate::typ::TypeExt { unary_op: Some(mv_unary_op), iter: Some(mv_iter), buffer: Some(mv_buffer), buffer_mut: Some(mv_buffer_mut), ..crate::typ::TypeExt::NONE },
    locals: crate::typ::Locals::of(MEMORYVIEW_LOCALS),
    ..TypeObj::EMPTY
};
