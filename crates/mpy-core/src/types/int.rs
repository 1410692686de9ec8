//! `int`: the built-in type (slots and methods) and the int conversion
//! helpers other modules use.
//!
//! Values are small ints (`Obj::small_int`, `usize::BITS - 1` bits) or,
//! outside that range, heap big ints (`ObjData::Int`), always normalised
//! back to small ints when they fit (via `Vm::new_bigint`). Arithmetic is in
//! [`super::int_ops`], text parsing in [`super::int_parse`].

use super::int_ops::{big_to_f64, num_binary_slot, num_of, Num};
use super::int_parse::{parse_int, IntParseError};
use crate::obj::Obj;
use crate::objdata::ObjData;
use crate::qstr::q;
use crate::state::Vm;
use crate::typ::{flags, BuiltinFun, PrintKind, Rom, TypeObj, UnaryOp};
use crate::types::exception::OVERFLOW_ERROR_TYPE;
use crate::types::exception::VALUE_ERROR_TYPE;
use crate::PyResult;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;
use num_bigint::{BigInt, Sign};
use num_traits::{FromPrimitive, Signed, ToPrimitive, Zero};

static INT_FROM_BYTES: BuiltinFun = BuiltinFun::new(q::from_bytes, 2, 4, int_from_bytes);
static INT_TO_BYTES: BuiltinFun = BuiltinFun::new(q::to_bytes, 2, 4, int_to_bytes);

static INT_LOCALS: [(crate::Qstr, Rom); 2] = [
    (q::from_bytes, Rom::ClassMethod(&INT_FROM_BYTES)),
    (q::to_bytes, Rom::Fun(&INT_TO_BYTES)),
];

/// The `int` type.
pub static INT_TYPE: TypeObj = TypeObj {
    name: q::int,
    flags: flags::BASETYPE,
    make_new: Some(int_make_new),
    print: Some(int_print),
    unary_op: Some(int_unary_op),
    binary_op: Some(num_binary_slot),
    locals: &INT_LOCALS,
    ..TypeObj::EMPTY
};

/// The bytes of a str, bytes or bytearray object (copied out).
pub(crate) fn text_bytes(vm: &Vm, o: Obj) -> Option<Vec<u8>> {
    if let Some(s) = vm.str_of(o) {
        return Some(s.as_bytes().to_vec());
    }
    match vm.get(o)? {
        ObjData::Bytes(b) => Some(b.to_vec()),
        ObjData::ByteArray(b) => Some(b.clone()),
        _ => None,
    }
}

/// Turns a parse error into MicroPython's ValueError.
fn parse_error(vm: &mut Vm, e: IntParseError) -> crate::PyErr {
    match e {
        IntParseError::BadBase => vm.value_error("int() arg 2 must be >= 2 and <= 36"),
        IntParseError::Syntax(m) => vm.value_error(&m),
    }
}

/// An int object from a float, truncating toward zero.
///
/// Errors: `OverflowError: can't convert inf to int`, `ValueError: can't
/// convert NaN to int`.
pub fn int_from_f64(vm: &mut Vm, f: f64) -> PyResult<Obj> {
    if f.is_nan() {
        return Err(vm.value_error("can't convert NaN to int"));
    }
    if f.is_infinite() {
        return Err(vm.overflow_error("can't convert inf to int"));
    }
    let t = libm::trunc(f);
    if t.abs() < 4.0e18 {
        return vm.new_int(t as i64);
    }
    let b = BigInt::from_f64(t).unwrap_or_default();
    vm.new_bigint(b)
}

/// `int(x)` / `int(s, base)` (positional only, as MicroPython).
fn int_make_new(vm: &mut Vm, _cls: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    if !kw.is_empty() {
        return Err(vm.type_error("function doesn't take keyword arguments"));
    }
    match args.len() {
        0 => Ok(Obj::small_int(0)),
        1 => int_of(vm, args[0]),
        2 => {
            let base = obj_to_i64(vm, args[1])?;
            let Some(text) = text_bytes(vm, args[0]) else {
                let msg = format!("can't convert '{}' object to str implicitly", vm.type_name(args[0]));
                return Err(vm.type_error(&msg));
            };
            let v = parse_int(&text, base).map_err(|e| parse_error(vm, e))?;
            vm.new_bigint(v)
        }
        n => {
            let msg = format!("function expected at most 2 arguments, got {n}");
            Err(vm.type_error(&msg))
        }
    }
}

/// `int(o)` for one argument.
///
/// Errors: `TypeError: can't convert NoneType to int`, parse errors.
pub fn int_of(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    if o.is_small_int() {
        return Ok(o);
    }
    match num_of(vm, o) {
        Some(Num::Small(i)) => return Ok(Obj::small_int(i)),
        Some(Num::Big(b)) => return vm.new_bigint(b),
        Some(Num::Float(f)) => return int_from_f64(vm, f),
        Some(Num::Complex(..)) => return Err(vm.type_error("can't convert complex to int")),
        None => {}
    }
    // Short decimal text (the common case) without big-int temporaries.
    if let Some(v) = vm.str_of(o).and_then(|s| super::int_parse::parse_small_decimal(s.as_bytes())) {
        return vm.new_int(v);
    }
    if let Some(text) = text_bytes(vm, o) {
        let v = parse_int(&text, 10).map_err(|e| parse_error(vm, e))?;
        return vm.new_bigint(v);
    }
    let t = vm.builtin_type(o);
    if let Some(f) = t.unary_op {
        let r = f(vm, UnaryOp::IntMaybe, o)?;
        if !r.is_null() {
            return Ok(r);
        }
    }
    let msg = format!("can't convert {} to int", vm.type_name(o));
    Err(vm.type_error(&msg))
}

fn int_print(vm: &mut Vm, o: Obj, out: &mut String, _kind: PrintKind) -> PyResult<()> {
    match num_of(vm, o) {
        Some(Num::Small(i)) => {
            let _ = write!(out, "{i}");
        }
        Some(Num::Big(b)) => {
            let _ = write!(out, "{b}");
        }
        _ => {}
    }
    Ok(())
}

/// Unary ops shared by int and bool (bool operands act as 0/1).
pub(crate) fn int_unary_op(vm: &mut Vm, op: UnaryOp, o: Obj) -> PyResult<Obj> {
    let v = match num_of(vm, o) {
        Some(Num::Small(i)) => BigIntOrSmall::Small(i),
        Some(Num::Big(b)) => BigIntOrSmall::Big(b),
        _ => return Ok(Obj::NULL),
    };
    match (op, v) {
        (UnaryOp::Bool, BigIntOrSmall::Small(i)) => Ok(Obj::bool(i != 0)),
        (UnaryOp::Bool, BigIntOrSmall::Big(_)) => Ok(Obj::TRUE),
        (UnaryOp::Positive | UnaryOp::IntMaybe, BigIntOrSmall::Small(i)) => Ok(Obj::small_int(i)),
        (UnaryOp::Positive | UnaryOp::IntMaybe, BigIntOrSmall::Big(_)) => Ok(o),
        (UnaryOp::Hash, BigIntOrSmall::Small(i)) => Ok(Obj::small_int(i)),
        (UnaryOp::Hash, BigIntOrSmall::Big(b)) => Ok(Obj::small_int(bigint_hash(&b))),
        (UnaryOp::Negative, BigIntOrSmall::Small(i)) => vm.new_int(-(i as i64)),
        (UnaryOp::Negative, BigIntOrSmall::Big(b)) => vm.new_bigint(-b),
        (UnaryOp::Invert, BigIntOrSmall::Small(i)) => vm.new_int(!(i as i64)),
        (UnaryOp::Invert, BigIntOrSmall::Big(b)) => vm.new_bigint(!b),
        (UnaryOp::Abs, BigIntOrSmall::Small(i)) => vm.new_int((i as i64).abs()),
        (UnaryOp::Abs, BigIntOrSmall::Big(b)) => vm.new_bigint(b.abs()),
        (UnaryOp::FloatMaybe, BigIntOrSmall::Small(i)) => vm.new_float(i as f64),
        (UnaryOp::FloatMaybe, BigIntOrSmall::Big(b)) => vm.new_float(big_to_f64(&b)),
        _ => Ok(Obj::NULL),
    }
}

/// The hash of a big int: its low bits (two's complement) as a small
/// int, so `hash(2**64) == 0` as on MicroPython; equal floats hash alike.
pub fn bigint_hash(b: &BigInt) -> isize {
    let low = b.iter_u64_digits().next().unwrap_or(0);
    let v = if b.is_negative() { (!low).wrapping_add(1) } else { low } as i64;
    ((v << 2) >> 2) as isize
}

enum BigIntOrSmall {
    Small(isize),
    Big(BigInt),
}

/// `int.from_bytes(bytes, byteorder='big', signed=False)`, positional only.
/// As MicroPython: any byteorder other than `'little'` means big, and the
/// result is unsigned whatever `signed` says.
///
/// Errors: `TypeError: object with buffer protocol required`.
fn int_from_bytes(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let Some(data) = super::strutil::get_buffer(vm, args[1]) else {
        return Err(vm.type_error("object with buffer protocol required"));
    };
    let little = args.len() > 2 && is_little(vm, args[2]);
    let v = if little {
        BigInt::from_bytes_le(Sign::Plus, &data)
    } else {
        BigInt::from_bytes_be(Sign::Plus, &data)
    };
    vm.new_bigint(v)
}

fn is_little(vm: &Vm, o: Obj) -> bool {
    vm.str_of(o) == Some("little")
}

/// `int.to_bytes(length, byteorder='big', signed=False)`, positional only.
/// Negative values are written in two's complement whether or not `signed`
/// is set (as MicroPython).
///
/// Errors: `OverflowError: buffer too small`, `ValueError` (no message) for
/// a negative length, `MemoryError` for huge lengths.
fn int_to_bytes(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let v = obj_to_bigint(vm, args[0])?;
    let len = obj_to_i64(vm, args[1])?;
    if len < 0 {
        return Err(vm.error_noargs(&VALUE_ERROR_TYPE));
    }
    let len = len as usize;
    if len > vm.heap.limit() {
        return Err(vm.memory_error());
    }
    vm.make_room(len)?;
    let little = args.len() > 2 && is_little(vm, args[2]);
    let Some(mut bytes) = super::int_ops::int_to_le_bytes(&v, len) else {
        return Err(vm.error(&OVERFLOW_ERROR_TYPE, "buffer too small"));
    };
    if !little {
        bytes.reverse();
    }
    vm.new_bytes(&bytes)
}

/// For objects that aren't numbers: the value their `__int__`
/// (`IntMaybe`) or `__float__` (`FloatMaybe`) gives, as MicroPython's
/// `mp_obj_get_int`/`mp_obj_get_float` do for instances.
fn converted(vm: &mut Vm, o: Obj, op: UnaryOp) -> PyResult<Option<Num>> {
    if num_of(vm, o).is_some() || vm.str_of(o).is_some() {
        return Ok(None);
    }
    let t = vm.builtin_type(o);
    let Some(f) = t.unary_op else { return Ok(None) };
    let r = f(vm, op, o)?;
    if r.is_null() {
        return Ok(None);
    }
    Ok(num_of(vm, r))
}

/// An int (or bool) argument as `i64`.
///
/// Errors: `TypeError: can't convert float to int` (MicroPython's words,
/// with the argument's type name), `OverflowError: overflow converting long
/// int to machine word` for big ints outside `i64`.
pub fn obj_to_i64(vm: &mut Vm, o: Obj) -> PyResult<i64> {
    if let Some(i) = o.as_small_int() {
        return Ok(i as i64);
    }
    let n = match num_of(vm, o) {
        Some(n) => Some(n),
        None => converted(vm, o, UnaryOp::IntMaybe)?,
    };
    match n {
        Some(Num::Small(i)) => Ok(i as i64),
        Some(Num::Big(b)) => match b.to_i64() {
            Some(v) => Ok(v),
            None => Err(vm.overflow_error("overflow converting long int to machine word")),
        },
        _ => {
            let msg = format!("can't convert {} to int", vm.type_name(o));
            Err(vm.type_error(&msg))
        }
    }
}

/// An int (or bool) argument as a big int.
///
/// Errors: `TypeError: can't convert float to int`.
pub fn obj_to_bigint(vm: &mut Vm, o: Obj) -> PyResult<BigInt> {
    let n = match num_of(vm, o) {
        Some(n) => Some(n),
        None => converted(vm, o, UnaryOp::IntMaybe)?,
    };
    match n {
        Some(Num::Small(i)) => Ok(BigInt::from(i)),
        Some(Num::Big(b)) => Ok(b),
        _ => {
            let msg = format!("can't convert {} to int", vm.type_name(o));
            Err(vm.type_error(&msg))
        }
    }
}

/// An int, bool or float argument as `f64` (big ints round to nearest,
/// +-inf beyond the float range).
///
/// Errors: `TypeError: can't convert str to float`.
pub fn obj_to_f64(vm: &mut Vm, o: Obj) -> PyResult<f64> {
    let n = match num_of(vm, o) {
        Some(n) => Some(n),
        None => converted(vm, o, UnaryOp::FloatMaybe)?,
    };
    match n {
        Some(n @ (Num::Small(_) | Num::Big(_) | Num::Float(_))) => Ok(n.to_f64()),
        _ => {
            let msg = format!("can't convert {} to float", vm.type_name(o));
            Err(vm.type_error(&msg))
        }
    }
}

/// An int or bool used as an index (for `range`, `str.index` bounds,
/// ...). Use [`index_of_for`] for `seq[o]` to get the container's message.
///
/// Errors: `TypeError: can't convert float to int`, `OverflowError` for
/// big ints.
pub fn index_of(vm: &mut Vm, o: Obj) -> PyResult<isize> {
    if let Some(i) = o.as_small_int() {
        return Ok(i);
    }
    let v = obj_to_i64(vm, o)?;
    match isize::try_from(v) {
        Ok(i) => Ok(i),
        Err(_) => Err(vm.overflow_error("overflow converting long int to machine word")),
    }
}

/// `seq[o]`'s index: an int or bool.
///
/// Errors: `TypeError: list indices must be integers, not float` (with
/// `seq_name` as the container type name, as MicroPython), `OverflowError`
/// for big ints.
pub fn index_of_for(vm: &mut Vm, o: Obj, seq_name: &str) -> PyResult<isize> {
    if let Some(i) = o.as_small_int() {
        return Ok(i);
    }
    let n = match num_of(vm, o) {
        Some(n) => Some(n),
        None => converted(vm, o, UnaryOp::IntMaybe)?,
    };
    match n {
        Some(Num::Small(i)) => Ok(i),
        Some(Num::Big(_)) => Err(vm.overflow_error("overflow converting long int to machine word")),
        _ => {
            let msg = format!("{} indices must be integers, not {}", seq_name, vm.type_name(o));
            Err(vm.type_error(&msg))
        }
    }
}

/// The digits of int `o` in `base` (2..=36, lowercase letters) after
/// `prefix` (e.g. `"0x"`), with the sign in front of the prefix:
/// `int_to_str_radix(vm, -255, 16, "0x") == "-0xff"`. For `hex()`, `oct()`,
/// `bin()` and the `x`/`o`/`b`/`d` format specs.
///
/// Errors: `TypeError: can't convert float to int` for non-ints.
pub fn int_to_str_radix(vm: &mut Vm, o: Obj, base: u32, prefix: &str) -> PyResult<String> {
    let v = obj_to_bigint(vm, o)?;
    let base = base.clamp(2, 36);
    let mut s = String::new();
    if v.is_negative() {
        s.push('-');
    }
    s.push_str(prefix);
    let mag = v.magnitude();
    if mag.is_zero() {
        s.push('0');
    } else {
        s.push_str(&mag.to_str_radix(base));
    }
    Ok(s)
}

#[cfg(test)]
#[path = "int_tests.rs"]
mod tests;

/// The header of a big int (outside the small-int range; never a value
/// that fits one); its magnitude's 32-bit digits follow inline,
/// little-endian, normalised (`heap::Var`).
#[repr(C)]
pub struct IntHead {
    /// Header (`int`).
    pub base: crate::obj::ObjBase,
    /// Negative?
    pub neg: bool,
}
