//! `bytes`: the built-in type (slots; the methods are shared with `str`,
//! see `str_methods.rs`).

use super::str::{seq_binary_op, seq_subscr_load};
use super::str_methods as m;
use super::strutil::{int_arg, is_int, new_seq_iter, repr_bytes, reserve, with_buffer, Kind};
use crate::obj::Obj;
use crate::qstr::{hash_bytes, q, Qstr};
use crate::state::Vm;
use crate::typ::{flags, BinaryOp, PrintKind, Rom, Subscr, TypeObj, UnaryOp};
use crate::PyResult;
use alloc::string::String;
use alloc::vec::Vec;

/// The bytes for `bytes(...)` / `bytearray(...)` arguments: nothing (empty),
/// an int size (zeros), a str with an encoding (UTF-8), a buffer (copied)
/// or an iterable of ints in `0..256`.
///
/// Errors: `TypeError: string argument without an encoding`, `ValueError`
/// for a negative size, `ValueError: bytes value out of range`,
/// `TypeError: can't convert str to int` for non-int items, `MemoryError`
/// for sizes that cannot fit the heap.
pub fn bytes_from_args(vm: &mut Vm, args: &[Obj]) -> PyResult<Vec<u8>> {
    let Some(&a) = args.first() else { return Ok(Vec::new()) };
    if args.len() > 1 && vm.str_of(a).is_none() {
        return Err(vm.type_error("wrong number of arguments"));
    }
    if vm.str_of(a).is_some() {
        if args.len() < 2 {
            return Err(vm.type_error("string argument without an encoding"));
        }
        return Ok(vm.str_of(a).unwrap_or("").as_bytes().to_vec());
    }
    if is_int(vm, a) {
        let n = int_arg(vm, a)?;
        if n < 0 {
            return Err(vm.value_error(""));
        }
        reserve(vm, n as usize)?;
        return Ok(alloc::vec![0u8; n as usize]);
    }
    if let Some(b) = with_buffer(vm, a, |b| b.to_vec()) {
        return Ok(b);
    }
    let items = vm.collect_iter(a)?;
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        let v = int_arg(vm, it)?;
        if !(0..256).contains(&v) {
            return Err(vm.value_error("bytes value out of range"));
        }
        out.push(v as u8);
    }
    Ok(out)
}

fn bytes_make_new(vm: &mut Vm, _cls: Obj, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    if args.len() == 1 && matches!(vm.heap.get(args[0]), Some(crate::objdata::ObjData::Bytes(_))) {
        return Ok(args[0]);
    }
    let b = bytes_from_args(vm, args)?;
    vm.new_bytes(&b)
}

fn bytes_print(vm: &mut Vm, o: Obj, out: &mut String, _kind: PrintKind) -> PyResult<()> {
    with_buffer(vm, o, |b| repr_bytes(b, out));
    Ok(())
}

/// Unary ops shared by bytes and bytearray (hash only for bytes: the
/// value `hash()` reports for a str of the same bytes, `hash_bytes >> 1`).
pub fn bytes_unary_op(vm: &mut Vm, op: UnaryOp, o: Obj) -> PyResult<Obj> {
    let hashable = Kind::of(vm, o) == Some(Kind::Bytes);
    if op == UnaryOp::Hash && hashable {
        let h = with_buffer(vm, o, hash_bytes).unwrap_or(0) >> 1;
        return vm.new_int(h as i64);
    }
    let r = with_buffer(vm, o, |b| match op {
        UnaryOp::Len => Obj::small_int(b.len() as isize),
        UnaryOp::Bool => Obj::bool(!b.is_empty()),
        UnaryOp::Sizeof => Obj::small_int((b.len() + crate::heap::SLOT_BYTES) as isize),
        _ => Obj::NULL,
    });
    Ok(r.unwrap_or(Obj::NULL))
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

/// `iter()` for bytes-like objects.
pub fn bytes_iter(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    new_seq_iter(vm, o)
}

static BYTES_LOCALS: [(Qstr, Rom); 29] = [
    (q::center, Rom::Fun(&m::CENTER)),
    (q::count, Rom::Fun(&m::COUNT)),
    (q::decode, Rom::Fun(&m::DECODE)),
    (q::endswith, Rom::Fun(&m::ENDSWITH)),
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

/// The `bytes` type.
pub static BYTES_TYPE: TypeObj = TypeObj {
    name: q::bytes,
    flags: flags::BASETYPE,
    make_new: Some(bytes_make_new),
    print: Some(bytes_print),
    unary_op: Some(bytes_unary_op),
    binary_op: Some(bytes_binary_op),
    subscr: Some(bytes_subscr),
    iter: Some(bytes_iter),
    locals: &BYTES_LOCALS,
    ..TypeObj::EMPTY
};
