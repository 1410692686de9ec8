//! Numeric binary operations shared by `int`, `bool`, `float` and
//! `complex`: operand coercion ([`Num`]), the small-int fast path
//! ([`small_int_binary_op`]) and big-int arithmetic with Python semantics
//! (floor division, sign of the modulo, two's complement bitwise ops).
//!
//! Mixed operands are promoted as MicroPython does: int op float -> float,
//! anything op complex -> complex; int/float comparisons convert the int to
//! a float (so `2**70 + 1 == 2.0**70` is True, as in MicroPython).

use crate::obj::Obj;
use crate::objdata::ObjData;
use crate::state::Vm;
use crate::typ::BinaryOp;
use crate::PyResult;
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

/// A numeric operand, copied out of its object.
#[derive(Clone, Debug)]
pub enum Num {
    /// A small int or bool.
    Small(isize),
    /// A big int (never in the small range when it comes from an object).
    Big(BigInt),
    /// A float.
    Float(f64),
    /// A complex (real, imag).
    Complex(f64, f64),
}

impl Num {
    /// The value as a float (ints convert, big ints may become +-inf).
    pub fn to_f64(&self) -> f64 {
        match self {
            Num::Small(i) => *i as f64,
            Num::Big(b) => big_to_f64(b),
            Num::Float(f) => *f,
            Num::Complex(re, _) => *re,
        }
    }

    /// The value as a big int (ints only; None for float/complex).
    pub fn to_bigint(&self) -> Option<BigInt> {
        match self {
            Num::Small(i) => Some(BigInt::from(*i)),
            Num::Big(b) => Some(b.clone()),
            _ => None,
        }
    }

    /// The value as (real, imag).
    pub fn to_complex(&self) -> (f64, f64) {
        match self {
            Num::Complex(re, im) => (*re, *im),
            other => (other.to_f64(), 0.0),
        }
    }
}

/// A big int as the nearest float, +-inf when out of range.
pub fn big_to_f64(b: &BigInt) -> f64 {
    match b.to_f64() {
        Some(f) => f,
        None => {
            if b.is_negative() {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            }
        }
    }
}

/// The numeric value of `o` if it is an int, bool, float or complex (or an
/// instance of a user subclass of one of those).
pub fn num_of(vm: &Vm, o: Obj) -> Option<Num> {
    if let Some(i) = o.as_small_int() {
        return Some(Num::Small(i));
    }
    match o {
        Obj::TRUE => return Some(Num::Small(1)),
        Obj::FALSE => return Some(Num::Small(0)),
        _ => {}
    }
    match vm.get(o)? {
        ObjData::Int(b) => Some(Num::Big((**b).clone())),
        ObjData::Float(f) => Some(Num::Float(*f)),
        ObjData::Complex(re, im) => Some(Num::Complex(*re, *im)),
        ObjData::Instance(i) if !i.native.is_null() => num_of(vm, i.native),
        _ => None,
    }
}

/// Binary op dispatch for any numeric left operand `lhs` of the type whose
/// slot called us: returns NULL when `rhs` is not a number (or the op is not
/// numeric), so the runtime can try the reflected op or raise TypeError.
pub fn num_binary_slot(vm: &mut Vm, op: BinaryOp, lhs: Obj, rhs: Obj) -> PyResult<Obj> {
    if let (Some(a), Some(b)) = (lhs.as_small_int(), rhs.as_small_int()) {
        let plain = op.non_inplace();
        if !is_reverse(plain) {
            return small_int_binary_op(vm, plain, a, b);
        }
    }
    let Some(a) = num_of(vm, lhs) else { return Ok(Obj::NULL) };
    let Some(b) = num_of(vm, rhs) else { return Ok(Obj::NULL) };
    let plain = op.non_inplace();
    match unreverse(plain) {
        Some(p) => num_binary_op(vm, p, b, a),
        None => num_binary_op(vm, plain, a, b),
    }
}

fn is_reverse(op: BinaryOp) -> bool {
    (op as u8) >= BinaryOp::ReverseOr as u8
}

/// For a reflected op, the plain op (`ReverseAdd` -> `Add`).
fn unreverse(op: BinaryOp) -> Option<BinaryOp> {
    let n = op as u8;
    if n >= BinaryOp::ReverseOr as u8 {
        BinaryOp::from_u8(n - 15)
    } else {
        None
    }
}

/// `a op b` for two numbers (plain, non-reflected `op`), promoting to the
/// wider kind. Returns NULL for ops numbers don't support (e.g. `@`).
pub fn num_binary_op(vm: &mut Vm, op: BinaryOp, a: Num, b: Num) -> PyResult<Obj> {
    match (&a, &b) {
        (Num::Complex(..), _) | (_, Num::Complex(..)) => {
            let (x, y) = (a.to_complex(), b.to_complex());
            super::complex::complex_binary_op(vm, op, x, y)
        }
        (Num::Float(_), _) | (_, Num::Float(_)) => {
            super::float::float_binary_op(vm, op, a.to_f64(), b.to_f64())
        }
        (Num::Small(x), Num::Small(y)) => small_int_binary_op(vm, op, *x, *y),
        _ => {
            let (Some(x), Some(y)) = (a.to_bigint(), b.to_bigint()) else { return Ok(Obj::NULL) };
            big_binary_op(vm, op, x, y)
        }
    }
}

/// The ZeroDivisionError MicroPython raises for every division by zero.
pub fn zero_div(vm: &mut Vm) -> crate::PyErr {
    vm.zero_division_error("divide by zero")
}

/// The fast path for two small ints (what the VM calls when both operands
/// of a BINARY_OP are small ints). `op` may be an in-place op (treated as
/// the plain op); reflected ops are not expected. Only allocates when the
/// result overflows into a big int or is a float (true division, negative
/// power) or a tuple (divmod).
///
/// Errors: `ZeroDivisionError: divide by zero`, `ValueError: negative shift
/// count`, `MemoryError` for absurd powers/shifts; unsupported ops give NULL.
pub fn small_int_binary_op(vm: &mut Vm, op: BinaryOp, a: isize, b: isize) -> PyResult<Obj> {
    use BinaryOp::*;
    let (x, y) = (a as i64, b as i64);
    let r: i64 = match op.non_inplace() {
        Less => return Ok(Obj::bool(a < b)),
        More => return Ok(Obj::bool(a > b)),
        Equal => return Ok(Obj::bool(a == b)),
        NotEqual => return Ok(Obj::bool(a != b)),
        LessEqual => return Ok(Obj::bool(a <= b)),
        MoreEqual => return Ok(Obj::bool(a >= b)),
        Or => x | y,
        Xor => x ^ y,
        And => x & y,
        Add => return int_from_i128(vm, x as i128 + y as i128),
        Subtract => return int_from_i128(vm, x as i128 - y as i128),
        Multiply => return int_from_i128(vm, x as i128 * y as i128),
        FloorDivide => {
            if y == 0 {
                return Err(zero_div(vm));
            }
            return int_from_i128(vm, Integer::div_floor(&(x as i128), &(y as i128)));
        }
        Modulo => {
            if y == 0 {
                return Err(zero_div(vm));
            }
            x.mod_floor(&y)
        }
        Divmod => {
            if y == 0 {
                return Err(zero_div(vm));
            }
            let (d, m) = (x as i128).div_mod_floor(&(y as i128));
            let d = int_from_i128(vm, d)?;
            let m = int_from_i128(vm, m)?;
            return vm.new_tuple(&[d, m]);
        }
        TrueDivide => {
            if y == 0 {
                return Err(zero_div(vm));
            }
            return vm.new_float(x as f64 / y as f64);
        }
        Lshift => {
            if y < 0 {
                return Err(vm.value_error("negative shift count"));
            }
            if x == 0 {
                return Ok(Obj::small_int(0));
            }
            if y < 62 {
                let r = (x as i128) << y;
                return int_from_i128(vm, r);
            }
            return big_binary_op(vm, Lshift, BigInt::from(x), BigInt::from(y));
        }
        Rshift => {
            if y < 0 {
                return Err(vm.value_error("negative shift count"));
            }
            x >> y.min(63)
        }
        Power => {
            if y < 0 {
                return super::float::float_binary_op(vm, Power, x as f64, y as f64);
            }
            match checked_pow(x, y) {
                Some(v) => v,
                None => return big_binary_op(vm, Power, BigInt::from(x), BigInt::from(y)),
            }
        }
        _ => return Ok(Obj::NULL),
    };
    vm.new_int(r)
}

fn checked_pow(mut base: i64, mut exp: i64) -> Option<i64> {
    let mut acc: i64 = 1;
    while exp > 0 {
        if exp & 1 == 1 {
            acc = acc.checked_mul(base)?;
        }
        exp >>= 1;
        if exp > 0 {
            base = base.checked_mul(base)?;
        }
    }
    Some(acc)
}

fn int_from_i128(vm: &mut Vm, v: i128) -> PyResult<Obj> {
    if v >= Obj::SMALL_INT_MIN as i128 && v <= Obj::SMALL_INT_MAX as i128 {
        Ok(Obj::small_int(v as isize))
    } else {
        vm.new_bigint(BigInt::from(v))
    }
}

/// Largest number of result bits we try to build before raising
/// MemoryError (checked against the heap before allocating).
fn check_bits(vm: &mut Vm, bits: u64) -> PyResult<()> {
    let bytes = bits / 8 + 16;
    if bytes > vm.heap.limit() as u64 {
        return Err(vm.memory_error());
    }
    vm.make_room(bytes as usize)
}

/// A shift count or exponent as usize.
///
/// Errors: `OverflowError: overflow converting long int to machine word`.
fn machine_word(vm: &mut Vm, b: &BigInt) -> PyResult<usize> {
    match b.to_usize() {
        Some(v) if v <= isize::MAX as usize => Ok(v),
        _ => Err(vm.overflow_error("overflow converting long int to machine word")),
    }
}

/// `a op b` on big ints (plain `op`), with Python semantics.
pub fn big_binary_op(vm: &mut Vm, op: BinaryOp, a: BigInt, b: BigInt) -> PyResult<Obj> {
    use BinaryOp::*;
    let r = match op.non_inplace() {
        Less => return Ok(Obj::bool(a < b)),
        More => return Ok(Obj::bool(a > b)),
        Equal => return Ok(Obj::bool(a == b)),
        NotEqual => return Ok(Obj::bool(a != b)),
        LessEqual => return Ok(Obj::bool(a <= b)),
        MoreEqual => return Ok(Obj::bool(a >= b)),
        Or => a | b,
        Xor => a ^ b,
        And => a & b,
        Add => a + b,
        Subtract => a - b,
        Multiply => {
            check_bits(vm, a.bits() + b.bits())?;
            a * b
        }
        FloorDivide | Modulo | Divmod => {
            if b.is_zero() {
                return Err(zero_div(vm));
            }
            let (d, m) = a.div_mod_floor(&b);
            match op.non_inplace() {
                FloorDivide => d,
                Modulo => m,
                _ => {
                    let d = vm.new_bigint(d)?;
                    let m = vm.new_bigint(m)?;
                    return vm.new_tuple(&[d, m]);
                }
            }
        }
        TrueDivide => {
            if b.is_zero() {
                return Err(zero_div(vm));
            }
            return vm.new_float(big_to_f64(&a) / big_to_f64(&b));
        }
        Lshift => {
            if b.to_i64().is_none() {
                return Err(vm.overflow_error("overflow converting long int to machine word"));
            }
            if b.is_negative() {
                return Err(vm.value_error("negative shift count"));
            }
            let n = machine_word(vm, &b)?;
            if a.is_zero() {
                return Ok(Obj::small_int(0));
            }
            check_bits(vm, a.bits() + n as u64)?;
            a << n
        }
        Rshift => {
            if b.to_i64().is_none() {
                return Err(vm.overflow_error("overflow converting long int to machine word"));
            }
            if b.is_negative() {
                return Err(vm.value_error("negative shift count"));
            }
            let n = machine_word(vm, &b)?;
            if n as u64 >= a.bits() {
                return Ok(Obj::small_int(if a.is_negative() { -1 } else { 0 }));
            }
            a >> n
        }
        Power => {
            if b.is_negative() {
                return super::float::float_binary_op(vm, Power, big_to_f64(&a), big_to_f64(&b));
            }
            if a.is_zero() || a == BigInt::from(1) {
                return vm.new_bigint(if b.is_zero() { BigInt::from(1) } else { a });
            }
            if a == BigInt::from(-1) {
                let odd = b.is_odd();
                return Ok(Obj::small_int(if odd { -1 } else { 1 }));
            }
            let e = machine_word(vm, &b)?;
            let bits = (a.bits() as u128) * (e as u128);
            if bits > u64::MAX as u128 {
                return Err(vm.memory_error());
            }
            check_bits(vm, bits as u64)?;
            let Ok(e32) = u32::try_from(e) else { return Err(vm.memory_error()) };
            num_traits::Pow::pow(a, e32)
        }
        _ => return Ok(Obj::NULL),
    };
    vm.new_bigint(r)
}

/// `pow(base, exp, modulus)` for ints, as MicroPython computes it: a
/// negative exponent or a base divisible by the modulus gives 0, otherwise
/// the result takes the modulus's sign (Python's `%`).
///
/// Errors: `TypeError: pow() with 3 arguments requires integers`,
/// `ValueError: divide by zero` for a zero modulus.
pub fn int_pow3(vm: &mut Vm, base: Obj, exp: Obj, modulus: Obj) -> PyResult<Obj> {
    let nums = (num_of(vm, base), num_of(vm, exp), num_of(vm, modulus));
    let (Some(b), Some(e), Some(m)) = nums else {
        return Err(vm.type_error("pow() with 3 arguments requires integers"));
    };
    let (Some(b), Some(e), Some(m)) = (b.to_bigint(), e.to_bigint(), m.to_bigint()) else {
        return Err(vm.type_error("pow() with 3 arguments requires integers"));
    };
    if m.is_zero() {
        return Err(vm.value_error("divide by zero"));
    }
    let bm = b.mod_floor(&m);
    if e.is_negative() || bm.is_zero() {
        return Ok(Obj::small_int(0));
    }
    let am = m.abs();
    let r = bm.mod_floor(&am).modpow(&e, &am);
    let r = if m.is_negative() && !r.is_zero() { r + &m } else { r };
    vm.new_bigint(r)
}

/// Two's complement bytes of `v` (little-endian), sign-extended/truncated
/// to at least the minimal length MicroPython needs: returns None when
/// `v` does not fit `len` bytes (positive values may use the top bit).
pub fn int_to_le_bytes(v: &BigInt, len: usize) -> Option<alloc::vec::Vec<u8>> {
    let needed = if v.is_negative() {
        let m: BigInt = -v - 1u32;
        (m.bits() as usize + 1).div_ceil(8)
    } else {
        (v.bits() as usize).div_ceil(8)
    };
    if needed > len {
        return None;
    }
    let mut bytes = v.to_signed_bytes_le();
    let fill = if v.sign() == Sign::Minus { 0xff } else { 0 };
    bytes.resize(len.max(bytes.len()), fill);
    bytes.truncate(len);
    Some(bytes)
}
