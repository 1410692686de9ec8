//! `bytes`: the built-in type (slots; the methods are shared with `str`,
//! see `str_methods.rs`).

use super::str::{seq_binary_op, seq_subscr_load, str_sizeof};
use super::str_methods as m;
use super::strutil::{
    buffer_ref, char_len, finish_vec, int_arg, is_int, new_of_kind, new_of_kind_with,
    new_seq_iter, part_of, pinned, repr_bytes, str_bytes_buffer, Kind,
};
use crate::obj::Obj;
use crate::qstr::{hash_bytes, q};
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{flags, BinaryOp, PrintKind, Subscr, TypeObj, UnaryOp};
use crate::PyResult;

/// A new object of `kind` (bytes or bytearray) for `bytes(...)` /
/// `bytearray(...)` arguments: nothing (empty), an int size (zeros), a
/// str with an encoding (UTF-8), a buffer (copied) or an iterable of ints
/// in `0..256`.
///
/// Errors: `TypeError: string argument without an encoding`, `ValueError`
/// for a negative size, `ValueError: bytes value out of range`,
/// `TypeError: can't convert str to int` for non-int items, `MemoryError`
/// for sizes that cannot fit the heap.
pub fn bytes_from_args(vm: &mut Vm, kind: Kind, args: &[Obj]) -> PyResult<Obj> {
    let Some(&a) = args.first() else { return new_of_kind(vm, kind, b"") };
    let text = vm.str_pinned(a);
    if args.len() > 1 && text.is_none() {
        return Err(vm.type_error(msg!("wrong number of arguments")));
    }
    if let Some(t) = text {
        if args.len() < 2 {
            return Err(vm.type_error(msg!("string argument without an encoding")));
        }
        return new_of_kind(vm, kind, t.as_bytes());
    }
    if is_int(vm, a) {
        let n = int_arg(vm, a)?;
        if n < 0 {
            return Err(vm.value_error(msg!("")));
        }
        return new_of_kind_with(vm, kind, n as usize, |out| out.len());
    }
    if let Some(len) = buffer_ref(vm, a).map(<[u8]>::len) {
        return part_of(vm, kind, a, 0, len);
    }
    let v = super::bytearray::ints_vec(vm, a, msg!("bytes value out of range"))?;
    finish_vec(vm, kind, v)
}

fn bytes_make_new(vm: &mut Vm, _cls: Obj, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    if args.len() == 1 && vm.bytes_pinned(args[0]).is_some() {
        return Ok(args[0]);
    }
    bytes_from_args(vm, Kind::Bytes, args)
}

fn bytes_print(vm: &mut Vm, o: Obj, out: &mut Out, _kind: PrintKind) -> PyResult<()> {
    let b = pinned(vm, o).unwrap_or(&[]);
    repr_bytes(vm, b, out)
}

/// Unary ops of str, bytes and bytearray (one body for the three slots):
/// `len` (code points for str), truth, `sys.getsizeof`, and the hash of a
/// str (`hash_bytes >> 2`) or bytes (`hash_bytes >> 1`, as `hash()`
/// reports them).
pub fn bytes_unary_op(vm: &mut Vm, op: UnaryOp, o: Obj) -> PyResult<Obj> {
    let s = vm.str_pinned(o);
    // Desktop: `len` of a str first.
    #[cfg(not(target_os = "none"))]
    if let (UnaryOp::Len, Some(t)) = (op, s) {
        return Ok(Obj::small_int(char_len(t.as_bytes()) as isize));
    }
    let Some(b) = s.map(str::as_bytes).or_else(|| buffer_ref(vm, o)) else { return Ok(Obj::NULL) };
    let n = b.len();
    let kind = if s.is_some() { Some(Kind::Str) } else { Kind::of(vm, o) };
    Ok(match op {
        UnaryOp::Len if s.is_some() => Obj::small_int(char_len(b) as isize),
        UnaryOp::Len => Obj::small_int(n as isize),
        UnaryOp::Bool => Obj::bool(n != 0),
        UnaryOp::Hash if kind != Some(Kind::ByteArray) => {
            let h = vm.str_hash(o).unwrap_or_else(|| hash_bytes(b));
            if s.is_some() {
                // 30 bits: a small int on every target.
                return Ok(Obj::small_int((h >> 2) as isize));
            }
            return vm.new_int((h >> 1) as i64);
        }
        UnaryOp::Sizeof if kind == Some(Kind::ByteArray) => {
            let cap = vm.heap.get::<super::bytearray::ByteArrayObj>(o).map_or(n, |b| b.data.capacity());
            Obj::small_int((core::mem::size_of::<super::bytearray::ByteArrayObj>() + cap) as isize)
        }
        UnaryOp::Sizeof => Obj::small_int(str_sizeof(vm, o, n) as isize),
        _ => Obj::NULL,
    })
}

fn bytes_binary_op(vm: &mut Vm, op: BinaryOp, lhs: Obj, rhs: Obj) -> PyResult<Obj> {
    seq_binary_op(vm, Kind::Bytes, op, lhs, rhs)
}

fn bytes_subscr(vm: &mut Vm, o: Obj, index: Obj, op: Subscr) -> PyResult<Obj> {
    match op {
        Subscr::Load => seq_subscr_load(vm, Kind::Bytes, o, index),
        _ => Ok(Obj::NULL),
    }
}



/// The `bytes` type: `Var<StrHead>` objects (`heap/strs.rs`), exporting
/// their bytes through the buffer slot.
pub static BYTES_TYPE: TypeObj = TypeObj {
    name: q::bytes.tn(),
    flags: flags::BASETYPE,
    make_new: Some(bytes_make_new),
    print: Some(bytes_print),
    binary_op: Some(bytes_binary_op),
    subscr: Some(bytes_subscr),
    ext: &crate::typ::TypeExt { unary_op: Some(bytes_unary_op), iter: Some(new_seq_iter), buffer: Some(str_bytes_buffer), ..crate::typ::TypeExt::NONE },
    locals: crate::typ::Locals::of(m::BYTES_LOCALS),
    ..TypeObj::EMPTY
};
