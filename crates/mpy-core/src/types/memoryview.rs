//! `memoryview`: a window onto the bytes of another object (bytes,
//! bytearray, str, or a native object exporting a buffer), without copying.
//! Format is always `'B'` (unsigned bytes). Slicing makes a new view; item
//! and slice assignment write through to a bytearray base.

use super::strutil::{
    int_arg, is_int, new_seq_iter, not_implemented, seq_index, slice_indices, with_buffer, Kind,
};
use crate::obj::Obj;
use crate::objdata::{NativeObj, ObjData};
use crate::qstr::{q, Qstr};
use crate::state::Vm;
use crate::typ::{BinaryOp, BuiltinFun, PrintKind, Rom, Subscr, TypeObj, UnaryOp};
use crate::PyResult;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::any::Any;

/// A memoryview: `len` bytes of `base` starting at byte `start`. Reads
/// through [`super::strutil::with_buffer`] clamp to the base's current
/// size, so a shrunk bytearray base never causes out-of-bounds access.
pub struct MemView {
    /// The object whose bytes are viewed (never itself a memoryview).
    pub base: Obj,
    /// Offset of the first byte.
    pub start: usize,
    /// Number of bytes.
    pub len: usize,
    /// True unless the base is a bytearray (or a writable native buffer).
    pub readonly: bool,
}

impl NativeObj for MemView {
    fn type_obj(&self) -> &'static TypeObj {
        &MEMORYVIEW_TYPE
    }
    fn trace(&self, f: &mut dyn FnMut(Obj)) {
        f(self.base);
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// The view behind `o`, copied out.
fn view(vm: &Vm, o: Obj) -> Option<(Obj, usize, usize, bool)> {
    match vm.heap.get(o)? {
        ObjData::Native(n) => n.as_any().downcast_ref::<MemView>().map(|m| (m.base, m.start, m.len, m.readonly)),
        _ => None,
    }
}

/// Makes a memoryview of `o`'s whole buffer (or a copy of a view).
///
/// Errors: `TypeError: object with buffer protocol required`.
pub fn new_memoryview(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    let mv = if let Some((base, start, len, readonly)) = view(vm, o) {
        MemView { base, start, len, readonly }
    } else {
        let Some(len) = with_buffer(vm, o, |b| b.len()) else {
            return Err(vm.type_error("object with buffer protocol required"));
        };
        let writable = Kind::of(vm, o) == Some(Kind::ByteArray)
            || match vm.heap.get_mut(o) {
                Some(ObjData::Native(n)) => n.buffer_mut().is_some(),
                _ => false,
            };
        MemView { base: o, start: 0, len, readonly: !writable }
    };
    vm.alloc(ObjData::Native(Box::new(mv)))
}

fn mv_make_new(vm: &mut Vm, _cls: Obj, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    if args.len() != 1 {
        return Err(vm.type_error("function takes 1 positional arguments"));
    }
    new_memoryview(vm, args[0])
}

fn mv_print(_vm: &mut Vm, _o: Obj, out: &mut String, _kind: PrintKind) -> PyResult<()> {
    out.push_str("<memoryview>");
    Ok(())
}

fn mv_unary_op(vm: &mut Vm, op: UnaryOp, o: Obj) -> PyResult<Obj> {
    let n = with_buffer(vm, o, |b| b.len()).unwrap_or(0);
    Ok(match op {
        UnaryOp::Len => Obj::small_int(n as isize),
        UnaryOp::Bool => Obj::bool(n != 0),
        _ => Obj::NULL,
    })
}

fn mv_binary_op(vm: &mut Vm, op: BinaryOp, lhs: Obj, rhs: Obj) -> PyResult<Obj> {
    match op {
        BinaryOp::Equal | BinaryOp::NotEqual => {
            let a = with_buffer(vm, lhs, |b| b.to_vec());
            let b = if vm.str_of(rhs).is_none() { with_buffer(vm, rhs, |b| b.to_vec()) } else { None };
            match (a, b) {
                (Some(a), Some(b)) => Ok(Obj::bool((a == b) == (op == BinaryOp::Equal))),
                _ => Ok(Obj::NULL),
            }
        }
        _ => Ok(Obj::NULL),
    }
}

/// Writes `data` at `pos..` of the view's base (which must be writable).
fn write_base(vm: &mut Vm, base: Obj, pos: usize, data: &[u8]) {
    let slot: Option<&mut [u8]> = match vm.get_mut(base) {
        Some(ObjData::ByteArray(v)) => Some(v.as_mut_slice()),
        Some(ObjData::Native(n)) => n.buffer_mut(),
        _ => None,
    };
    if let Some(buf) = slot {
        for (i, d) in data.iter().enumerate() {
            if let Some(x) = buf.get_mut(pos + i) {
                *x = *d;
            }
        }
    }
}

/// Writes `data` into the writable buffer `o` (a bytearray, a writable
/// memoryview or a native object with a mutable buffer) from byte `pos`,
/// cut at the buffer's end; returns how many bytes were written, or
/// `None` when `o` has no writable buffer (the `readinto` support).
pub fn buffer_write(vm: &mut Vm, o: Obj, pos: usize, data: &[u8]) -> Option<usize> {
    if let Some((base, start, len, readonly)) = view(vm, o) {
        if readonly {
            return None;
        }
        let n = data.len().min(len.saturating_sub(pos));
        write_base(vm, base, start + pos, &data[..n]);
        return Some(n);
    }
    let len = match vm.get_mut(o) {
        Some(ObjData::ByteArray(v)) => v.len(),
        Some(ObjData::Native(n)) => n.buffer_mut()?.len(),
        _ => return None,
    };
    let n = data.len().min(len.saturating_sub(pos));
    write_base(vm, o, pos, &data[..n]);
    Some(n)
}

fn mv_subscr(vm: &mut Vm, o: Obj, index: Obj, op: Subscr) -> PyResult<Obj> {
    let Some((base, start, len, readonly)) = view(vm, o) else { return Ok(Obj::NULL) };
    if let Some((a, b, c)) = slice_indices(vm, index, len)? {
        if c != 1 {
            return Err(not_implemented(vm, "only slices with step=1 (aka None) are supported"));
        }
        let (a, b) = (a.max(0) as usize, b.max(a).max(0) as usize);
        return match op {
            Subscr::Load => {
                let mv = MemView { base, start: start + a, len: b - a, readonly };
                vm.alloc(ObjData::Native(Box::new(mv)))
            }
            Subscr::Store(v) => {
                if readonly {
                    return Err(vm.type_error("'memoryview' object doesn't support item assignment"));
                }
                let data = with_buffer(vm, v, |d| d.to_vec()).unwrap_or_default();
                if data.len() != b - a {
                    return Err(vm.value_error("lhs and rhs should be compatible"));
                }
                write_base(vm, base, start + a, &data);
                Ok(Obj::NONE)
            }
            Subscr::Delete => Ok(Obj::NULL),
        };
    }
    if !is_int(vm, index) {
        let msg = alloc::format!("memoryview indices must be integers, not {}", vm.type_name(index));
        return Err(vm.type_error(&msg));
    }
    let i = int_arg(vm, index)?;
    let i = seq_index(vm, i, len, "memoryview")?;
    match op {
        Subscr::Load => {
            let v = with_buffer(vm, o, |b| b.get(i).copied()).flatten().unwrap_or(0);
            Ok(Obj::small_int(v as isize))
        }
        Subscr::Store(v) => {
            if readonly {
                return Err(vm.type_error("'memoryview' object doesn't support item assignment"));
            }
            let x = int_arg(vm, v)?;
            if !(0..256).contains(&x) {
                return Err(vm.value_error("memoryview: invalid value for format 'B'"));
            }
            write_base(vm, base, start + i, &[x as u8]);
            Ok(Obj::NONE)
        }
        Subscr::Delete => Ok(Obj::NULL),
    }
}

fn mv_iter(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    new_seq_iter(vm, o)
}

fn mv_tobytes(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let b: Vec<u8> = with_buffer(vm, args[0], |b| b.to_vec()).unwrap_or_default();
    vm.new_bytes(&b)
}

/// `memoryview.tobytes()` (CPython; MicroPython builds may lack it).
pub static TOBYTES: BuiltinFun = BuiltinFun::new(q::tobytes, 1, 1, mv_tobytes);

static MEMORYVIEW_LOCALS: [(Qstr, Rom); 2] =
    [(q::hex, Rom::Fun(&super::str_methods::HEX)), (q::tobytes, Rom::Fun(&TOBYTES))];

/// The `memoryview` type (register it in `builtins`).
pub static MEMORYVIEW_TYPE: TypeObj = TypeObj {
    name: q::memoryview,
    make_new: Some(mv_make_new),
    print: Some(mv_print),
    unary_op: Some(mv_unary_op),
    binary_op: Some(mv_binary_op),
    subscr: Some(mv_subscr),
    iter: Some(mv_iter),
    locals: &MEMORYVIEW_LOCALS,
    ..TypeObj::EMPTY
};
