//! `bytearray`: the built-in type (slots and `append`/`extend`; the
//! reading methods are shared with `bytes`/`str`, see `str_methods.rs`).

use super::bytes::{bytes_from_args, bytes_iter, bytes_unary_op};
use super::str::{seq_binary_op, seq_subscr_load};
use super::str_methods as m;
use super::strutil::{
    int_arg, is_int, not_implemented, repr_bytes, seq_index, slice_indices, slice_positions,
    with_buffer, Kind,
};
use crate::obj::Obj;
use crate::objdata::ObjData;
use crate::qstr::{q, Qstr};
use crate::state::Vm;
use crate::typ::{flags, BinaryOp, BuiltinFun, PrintKind, Rom, Subscr, TypeObj};
use crate::PyResult;
use alloc::string::String;
use alloc::vec::Vec;

fn ba_make_new(vm: &mut Vm, _cls: Obj, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let b = bytes_from_args(vm, args)?;
    vm.alloc(ObjData::ByteArray(b))
}

fn ba_print(vm: &mut Vm, o: Obj, out: &mut String, _kind: PrintKind) -> PyResult<()> {
    out.push_str("bytearray(");
    with_buffer(vm, o, |b| repr_bytes(b, out));
    out.push(')');
    Ok(())
}

/// The bytearray object behind `o` (itself, or the native part of an
/// instance of a subclass).
fn target(vm: &Vm, o: Obj) -> Obj {
    match vm.heap.get(o) {
        Some(ObjData::Instance(i)) if !i.native.is_null() => i.native,
        _ => o,
    }
}

/// Runs `f` on the bytearray's vector, accounting buffer growth on the
/// heap (`make_room` for `extra` bytes first, then charging the capacity
/// growth).
pub fn with_vec<R>(vm: &mut Vm, o: Obj, extra: usize, f: impl FnOnce(&mut Vec<u8>) -> R) -> PyResult<Option<R>> {
    let o = target(vm, o);
    if extra > 0 {
        vm.make_room(extra)?;
    }
    let Some(ObjData::ByteArray(v)) = vm.get_mut(o) else { return Ok(None) };
    let before = v.capacity();
    let r = f(v);
    let after = v.capacity();
    if after > before {
        vm.charge(after - before);
    }
    Ok(Some(r))
}

/// Appends `b` to bytearray `o` (for `+=` and `extend`).
pub fn extend_with(vm: &mut Vm, o: Obj, b: &[u8]) -> PyResult<()> {
    let extra = b.len();
    with_vec(vm, o, extra, |v| v.extend_from_slice(b))?;
    Ok(())
}

fn byte_value(vm: &mut Vm, o: Obj) -> PyResult<u8> {
    let v = int_arg(vm, o)?;
    if !(0..256).contains(&v) {
        return Err(vm.value_error("byte must be in range(0, 256)"));
    }
    Ok(v as u8)
}

fn ba_binary_op(vm: &mut Vm, op: BinaryOp, lhs: Obj, rhs: Obj) -> PyResult<Obj> {
    seq_binary_op(vm, Kind::ByteArray, op, lhs, rhs)
}

/// Bytes for a slice assignment's right side: a buffer or an iterable of
/// ints.
fn rhs_bytes(vm: &mut Vm, v: Obj) -> PyResult<Vec<u8>> {
    if vm.str_of(v).is_none() {
        if let Some(b) = with_buffer(vm, v, |b| b.to_vec()) {
            return Ok(b);
        }
    }
    if is_int(vm, v) || vm.str_of(v).is_some() {
        return Err(not_implemented(vm, "array/bytes required on right side"));
    }
    let items = vm.collect_iter(v)?;
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        out.push(byte_value(vm, it)?);
    }
    Ok(out)
}

fn ba_subscr(vm: &mut Vm, o: Obj, index: Obj, op: Subscr) -> PyResult<Obj> {
    let len = with_buffer(vm, o, |b| b.len()).unwrap_or(0);
    match op {
        Subscr::Load => seq_subscr_load(vm, Kind::ByteArray, o, index),
        Subscr::Store(value) => {
            if let Some((a, b, c)) = slice_indices(vm, index, len)? {
                let data = rhs_bytes(vm, value)?;
                if c != 1 {
                    let pos: Vec<usize> = slice_positions(a, b, c).collect();
                    if pos.len() != data.len() {
                        return Err(vm.value_error("lhs and rhs should be compatible"));
                    }
                    with_vec(vm, o, 0, |v| {
                        for (p, d) in pos.iter().zip(data.iter()) {
                            if let Some(x) = v.get_mut(*p) {
                                *x = *d;
                            }
                        }
                    })?;
                    return Ok(Obj::NONE);
                }
                let (a, b) = (a.max(0) as usize, b.max(a).max(0) as usize);
                with_vec(vm, o, data.len(), |v| {
                    let b = b.min(v.len());
                    let a = a.min(b);
                    v.splice(a..b, data.iter().copied());
                })?;
                return Ok(Obj::NONE);
            }
            let i = int_arg(vm, index)?;
            let i = seq_index(vm, i, len, "bytearray")?;
            let x = byte_value(vm, value)?;
            with_vec(vm, o, 0, |v| {
                if let Some(p) = v.get_mut(i) {
                    *p = x;
                }
            })?;
            Ok(Obj::NONE)
        }
        Subscr::Delete => {
            if let Some((a, b, c)) = slice_indices(vm, index, len)? {
                let pos: Vec<usize> = slice_positions(a, b, c).collect();
                with_vec(vm, o, 0, |v| {
                    let mut k = 0;
                    let mut i = 0;
                    v.retain(|_| {
                        let drop = pos.contains(&i);
                        i += 1;
                        if drop {
                            k += 1;
                        }
                        !drop
                    });
                })?;
                return Ok(Obj::NONE);
            }
            let i = int_arg(vm, index)?;
            let i = seq_index(vm, i, len, "bytearray")?;
            with_vec(vm, o, 0, |v| {
                if i < v.len() {
                    v.remove(i);
                }
            })?;
            Ok(Obj::NONE)
        }
    }
}

fn ba_append(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let x = byte_value(vm, args[1])?;
    with_vec(vm, args[0], 1, |v| v.push(x))?;
    Ok(Obj::NONE)
}

fn ba_extend(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let data = if vm.str_of(args[1]).is_none() { with_buffer(vm, args[1], |b| b.to_vec()) } else { None };
    let data = match data {
        Some(d) => d,
        None => {
            let items = vm.collect_iter(args[1])?;
            let mut out = Vec::with_capacity(items.len());
            for it in items {
                out.push(byte_value(vm, it)?);
            }
            out
        }
    };
    extend_with(vm, args[0], &data)?;
    Ok(Obj::NONE)
}

/// `bytearray.append(x)`.
pub static APPEND: BuiltinFun = BuiltinFun::new(q::append, 2, 2, ba_append);
/// `bytearray.extend(iterable)`.
pub static EXTEND: BuiltinFun = BuiltinFun::new(q::extend, 2, 2, ba_extend);

static BYTEARRAY_LOCALS: [(Qstr, Rom); 31] = [
    (q::append, Rom::Fun(&APPEND)),
    (q::center, Rom::Fun(&m::CENTER)),
    (q::count, Rom::Fun(&m::COUNT)),
    (q::decode, Rom::Fun(&m::DECODE)),
    (q::endswith, Rom::Fun(&m::ENDSWITH)),
    (q::extend, Rom::Fun(&EXTEND)),
    (q::find, Rom::Fun(&m::FIND)),
    (q::format, Rom::Fun(&m::FORMAT)),
    (q::fromhex, Rom::ClassMethod(&m::FROMHEX)),
    (q::hex, Rom::Fun(&m::HEX)),
    (q::index, Rom::Fun(&m::INDEX)),
    (q::isalpha, Rom::Fun(&m::ISALPHA)),
    (q::isdigit, Rom::Fun(&m::ISDIGIT)),
    (q::islower, Rom::Fun(&m::ISLOWER)),
    (q::isspace, Rom::Fun(&m::ISSPACE)),
    (q::isupper, Rom::Fun(&m::ISUPPER)),
    (q::join, Rom::Fun(&m::JOIN)),
    (q::lower, Rom::Fun(&m::LOWER)),
    (q::lstrip, Rom::Fun(&m::LSTRIP)),
    (q::partition, Rom::Fun(&m::PARTITION)),
    (q::replace, Rom::Fun(&m::REPLACE)),
    (q::rfind, Rom::Fun(&m::RFIND)),
    (q::rindex, Rom::Fun(&m::RINDEX)),
    (q::rpartition, Rom::Fun(&m::RPARTITION)),
    (q::rsplit, Rom::Fun(&m::RSPLIT)),
    (q::rstrip, Rom::Fun(&m::RSTRIP)),
    (q::split, Rom::Fun(&m::SPLIT)),
    (q::splitlines, Rom::Fun(&m::SPLITLINES)),
    (q::startswith, Rom::Fun(&m::STARTSWITH)),
    (q::strip, Rom::Fun(&m::STRIP)),
    (q::upper, Rom::Fun(&m::UPPER)),
];

/// The `bytearray` type.
pub static BYTEARRAY_TYPE: TypeObj = TypeObj {
    name: q::bytearray,
    flags: flags::BASETYPE,
    make_new: Some(ba_make_new),
    print: Some(ba_print),
    unary_op: Some(bytes_unary_op),
    binary_op: Some(ba_binary_op),
    subscr: Some(ba_subscr),
    iter: Some(bytes_iter),
    locals: &BYTEARRAY_LOCALS,
    ..TypeObj::EMPTY
};

/// A bytearray: header and a growable byte vector (4 words).
#[repr(C)]
pub struct ByteArrayObj {
    /// Header (`bytearray`).
    pub base: crate::obj::ObjBase,
    /// The bytes.
    pub data: crate::heap::GcVec<u8>,
}
