//! Numeric binary operations shared by `int`, `bool`, `float` and
//! `complex`: operand coercion ([`Num`]), the small-int fast path
//! ([`small_int_binary_op`]) and three-argument `pow`. Big-int arithmetic
//! (on `mpy-mpz`'s slice API, results built straight into gc-heap int
//! objects) is in [`big`] (feature `bigint`; without it a result outside
//! the small-int range raises `OverflowError: small int overflow`).
//!
//! Mixed operands are promoted as MicroPython does: int op float -> float,
//! anything op complex -> complex; int/float comparisons convert the int to
//! a float (so `2**70 + 1 == 2.0**70` is True, as in MicroPython).

#[cfg(feature = "float")]
use crate::flt::Float;
use crate::obj::Obj;
use crate::state::Vm;
use crate::typ::BinaryOp;
use crate::PyResult;
#[cfg(all(feature = "bigint", not(target_os = "none")))]
use mpy_mpz as mpz;
#[cfg(feature = "bigint")]
use mpy_mpz::MpzRef;

#[cfg(feature = "bigint")]
#[path = "int_big.rs"]
pub mod big;

#[cfg(feature = "bigint")]
pub use big::big_binary_op;

/// A numeric operand, read out of its object. Big ints borrow the digits
/// of their (immutable) object, pinned: valid across allocations while
/// the `Num` is held on the native stack (see the gc contract in
/// [`crate::heap`]).
#[derive(Clone, Copy, Debug)]
pub enum Num<'a> {
    /// A small int or bool.
    Small(isize),
    /// A big int (never in the small range when it comes from an object).
    #[cfg(feature = "bigint")]
    Big(MpzRef<'a>),
    /// A float.
    #[cfg(feature = "float")]
    Float(Float),
    /// A complex (real, imag).
    #[cfg(feature = "complex")]
    Complex(Float, Float),
    /// (Ties the lifetime without big ints; never made.)
    #[cfg(not(feature = "bigint"))]
    #[doc(hidden)]
    _Never(core::convert::Infallible, core::marker::PhantomData<&'a ()>),
}

impl<'a> Num<'a> {
    /// The value as a float (ints convert, big ints may become +-inf).
    #[cfg(feature = "float")]
    pub fn to_f64(&self) -> Float {
        match *self {
            Num::Small(i) => i as Float,
            #[cfg(feature = "bigint")]
            Num::Big(b) => big_to_f64(b),
            Num::Float(f) => f,
            #[cfg(feature = "complex")]
            Num::Complex(re, _) => re,
            #[cfg(not(feature = "bigint"))]
            Num::_Never(n, _) => match n {},
        }
    }

    /// Is this an int (or bool)?
    pub fn is_int(&self) -> bool {
        #[cfg(feature = "bigint")]
        return matches!(self, Num::Small(_) | Num::Big(_));
        #[cfg(not(feature = "bigint"))]
        return matches!(self, Num::Small(_));
    }

    /// The value as a signed big integer (ints only; None for float and
    /// complex). Small values are written into `buf`.
    #[cfg(feature = "bigint")]
    pub fn int_ref<'b>(&self, buf: &'b mut [u32; 2]) -> Option<MpzRef<'b>>
    where
        'a: 'b,
    {
        match *self {
            Num::Small(i) => Some(small_mpz(i as i64, buf)),
            Num::Big(b) => Some(b),
            #[cfg(feature = "float")]
            _ => None,
        }
    }

    /// The value as (real, imag).
    #[cfg(feature = "complex")]
    pub fn to_complex(&self) -> (Float, Float) {
        match *self {
            Num::Complex(re, im) => (re, im),
            other => (other.to_f64(), 0.0),
        }
    }
}

/// `v` as a signed big integer whose digits are written into `buf`.
/// (One body on the boards: the callers' big-int paths are cold.)
#[cfg(feature = "bigint")]
#[cfg_attr(target_os = "none", inline(never))]
#[cfg_attr(not(target_os = "none"), inline)]
pub fn small_mpz(v: i64, buf: &mut [u32; 2]) -> MpzRef<'_> {
    let m = v.unsigned_abs();
    *buf = [m as u32, (m >> 32) as u32];
    MpzRef::new(v < 0, &buf[..])
}

/// A big int as the nearest float (round half to even), +-inf when out of
/// range (MicroPython's `float(10**400)` is `inf`).
#[cfg(all(feature = "float", feature = "bigint"))]
pub fn big_to_f64(b: MpzRef<'_>) -> Float {
    match crate::flt::from_mpz(b) {
        Ok(f) => f,
        Err(_) => {
            if b.is_negative() {
                Float::NEG_INFINITY
            } else {
                Float::INFINITY
            }
        }
    }
}

/// The numeric value of `o` if it is an int, bool, float or complex (or an
/// instance of a user subclass of one of those). Allocates nothing.
pub fn num_of<'a>(vm: &Vm, o: Obj) -> Option<Num<'a>> {
    if let Some(i) = o.as_small_int() {
        return Some(Num::Small(i));
    }
    #[cfg(feature = "float")]
    if let Some(f) = vm.float_of(o) {
        return Some(Num::Float(f));
    }
    match o {
        Obj::TRUE => return Some(Num::Small(1)),
        Obj::FALSE => return Some(Num::Small(0)),
        _ => {}
    }
    let t = o.ptr_type()?;
    #[cfg(not(any(feature = "bigint", feature = "complex")))]
    let _ = t;
    #[cfg(feature = "bigint")]
    if core::ptr::eq(t, &super::int::INT_TYPE) {
        let (neg, d) = vm.int_digits_pinned(o)?;
        return Some(Num::Big(MpzRef::new(neg, d)));
    }
    #[cfg(feature = "complex")]
    if core::ptr::eq(t, &super::complex::COMPLEX_TYPE) {
        let c = vm.heap.get::<super::complex::ComplexObj>(o)?;
        return Some(Num::Complex(c.real, c.imag));
    }
    let native = vm.heap.get::<crate::vm::class::InstanceNativeObj>(o)?.native;
    if native.is_null() || native == o {
        return None;
    }
    num_of(vm, native)
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
pub fn num_binary_op(vm: &mut Vm, op: BinaryOp, a: Num<'_>, b: Num<'_>) -> PyResult<Obj> {
    match (a, b) {
        #[cfg(feature = "complex")]
        (Num::Complex(..), _) | (_, Num::Complex(..)) => {
            super::complex::complex_binary_op(vm, op, a.to_complex(), b.to_complex())
        }
        #[cfg(feature = "float")]
        (Num::Float(_), _) | (_, Num::Float(_)) => super::float::float_binary_op(vm, op, a.to_f64(), b.to_f64()),
        (Num::Small(x), Num::Small(y)) => small_int_binary_op(vm, op, x, y),
        #[cfg(feature = "bigint")]
        _ => {
            let (mut ba, mut bb) = ([0u32; 2], [0u32; 2]);
            let (Some(x), Some(y)) = (a.int_ref(&mut ba), b.int_ref(&mut bb)) else { return Ok(Obj::NULL) };
            big_binary_op(vm, op, x, y)
        }
    }
}

/// The error of an int to a negative power without floats (official's
/// MICROPY_PY_BUILTINS_FLOAT=0).
#[cold]
pub fn no_float_power(vm: &mut Vm) -> crate::PyErr {
    vm.value_error(msg!("negative power with no float support"))
}

/// The ZeroDivisionError MicroPython raises for every division by zero.
pub fn zero_div(vm: &mut Vm) -> crate::PyErr {
    vm.zero_division_error(msg!("divide by zero"))
}

/// An integer type holding any sum, difference or product of two small
/// ints: `i64` where small ints have at most 31 bits (32-bit boards: no
/// 128-bit arithmetic there), else `i128`.
#[cfg(target_pointer_width = "32")]
type Wide = i64;
#[cfg(not(target_pointer_width = "32"))]
type Wide = i128;

/// An int object from a [`Wide`] value.
///
/// Errors: `MemoryError`.
#[inline]
fn new_wide(vm: &mut Vm, v: Wide) -> PyResult<Obj> {
    #[cfg(target_pointer_width = "32")]
    return vm.new_int(v);
    #[cfg(not(target_pointer_width = "32"))]
    return vm.new_int_i128(v);
}

/// Shifts `x << y` with `y` below this fit [`Wide`] for any `isize` `x`.
const WIDE_SHIFT: i64 = {
    let room = Wide::BITS as i64 - isize::BITS as i64;
    if room < 62 {
        room
    } else {
        62
    }
};

/// Floor division of two small ints (`b != 0`). In machine words: a small
/// int has fewer bits than `isize`, so neither this nor [`mod_floor`]
/// overflows (and a board divides in one instruction, no 64-bit helper).
#[inline]
fn div_floor(a: isize, b: isize) -> isize {
    let q = a.wrapping_div(b);
    if a.wrapping_rem(b) != 0 && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    }
}

/// Python's `a % b` for two small ints (`b != 0`): the sign of `b`.
#[inline]
fn mod_floor(a: isize, b: isize) -> isize {
    let r = a.wrapping_rem(b);
    if r != 0 && ((r < 0) != (b < 0)) {
        r + b
    } else {
        r
    }
}

/// The fast path for two small ints (what the VM calls when both operands
/// of a BINARY_OP are small ints). `op` may be an in-place op (treated as
/// the plain op); reflected ops are not expected. Only allocates when the
/// result overflows into a big int or is a float (true division, negative
/// power, boxed floats only) or a tuple (divmod).
///
/// Errors: `ZeroDivisionError: divide by zero`, `ValueError: negative shift
/// count`, `MemoryError` for absurd powers/shifts; unsupported ops give NULL.
pub fn small_int_binary_op(vm: &mut Vm, op: BinaryOp, a: isize, b: isize) -> PyResult<Obj> {
    use BinaryOp::*;
    let (x, y) = (a as i64, b as i64);
    let r: i64 = match op.non_inplace() {
        // Boards: one comparison and the op's table lookup.
        #[cfg(target_os = "none")]
        c @ (Less | More | Equal | NotEqual | LessEqual | MoreEqual) => return Ok(Obj::bool(super::seq::cmp_op(c, Some(a.cmp(&b))))),
        #[cfg(not(target_os = "none"))]
        Less => return Ok(Obj::bool(a < b)),
        #[cfg(not(target_os = "none"))]
        More => return Ok(Obj::bool(a > b)),
        #[cfg(not(target_os = "none"))]
        Equal => return Ok(Obj::bool(a == b)),
        #[cfg(not(target_os = "none"))]
        NotEqual => return Ok(Obj::bool(a != b)),
        #[cfg(not(target_os = "none"))]
        LessEqual => return Ok(Obj::bool(a <= b)),
        #[cfg(not(target_os = "none"))]
        MoreEqual => return Ok(Obj::bool(a >= b)),
        Or => x | y,
        Xor => x ^ y,
        And => x & y,
        Add => return new_wide(vm, x as Wide + y as Wide),
        Subtract => return new_wide(vm, x as Wide - y as Wide),
        Multiply => return new_wide(vm, x as Wide * y as Wide),
        FloorDivide => {
            if y == 0 {
                return Err(zero_div(vm));
            }
            return vm.new_int(div_floor(a, b) as i64);
        }
        Modulo => {
            if y == 0 {
                return Err(zero_div(vm));
            }
            mod_floor(a, b) as i64
        }
        Divmod => {
            if y == 0 {
                return Err(zero_div(vm));
            }
            let d = vm.new_int(div_floor(a, b) as i64)?;
            let m = vm.new_int(mod_floor(a, b) as i64)?;
            return vm.new_tuple(&[d, m]);
        }
        #[cfg(feature = "float")]
        TrueDivide => {
            if y == 0 {
                return Err(zero_div(vm));
            }
            return vm.new_float(x as Float / y as Float);
        }
        Lshift => {
            if y < 0 {
                return Err(vm.value_error(msg!("negative shift count")));
            }
            if x == 0 {
                return Ok(Obj::small_int(0));
            }
            if y < WIDE_SHIFT {
                return new_wide(vm, (x as Wide) << y);
            }
            #[cfg(not(feature = "bigint"))]
            return Err(super::int::small_int_overflow(vm));
            #[cfg(feature = "bigint")]
            {
                let (mut ba, mut bb) = ([0u32; 2], [0u32; 2]);
                return big_binary_op(vm, Lshift, small_mpz(x, &mut ba), small_mpz(y, &mut bb));
            }
        }
        Rshift => {
            if y < 0 {
                return Err(vm.value_error(msg!("negative shift count")));
            }
            (a >> b.min(isize::BITS as isize - 1)) as i64
        }
        Power => {
            if y < 0 {
                #[cfg(feature = "float")]
                return super::float::float_binary_op(vm, Power, x as Float, y as Float);
                #[cfg(not(feature = "float"))]
                return Err(no_float_power(vm));
            }
            // (Boards: in machine words; a result past them takes the
            // big-int path, which gives the same value.)
            #[cfg(target_os = "none")]
            let p = u32::try_from(b).ok().and_then(|e| a.checked_pow(e)).map(|v| v as i64);
            #[cfg(not(target_os = "none"))]
            let p = checked_pow(x, y);
            match p {
                Some(v) => v,
                #[cfg(not(feature = "bigint"))]
                None => return Err(super::int::small_int_overflow(vm)),
                #[cfg(feature = "bigint")]
                None => {
                    let (mut ba, mut bb) = ([0u32; 2], [0u32; 2]);
                    return big_binary_op(vm, Power, small_mpz(x, &mut ba), small_mpz(y, &mut bb));
                }
            }
        }
        _ => return Ok(Obj::NULL),
    };
    vm.new_int(r)
}

#[cfg(not(target_os = "none"))]
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

/// `pow(base, exp, modulus)` for ints, as MicroPython computes it: a
/// negative exponent or a base divisible by the modulus gives 0, otherwise
/// the result takes the modulus's sign (Python's `%`).
///
/// Errors: `TypeError: pow() with 3 arguments requires integers`,
/// `ValueError: divide by zero` for a zero modulus, `MemoryError`.
#[cfg(all(feature = "bigint", not(target_os = "none")))]
pub fn int_pow3(vm: &mut Vm, base: Obj, exp: Obj, modulus: Obj) -> PyResult<Obj> {
    let nums = (num_of(vm, base), num_of(vm, exp), num_of(vm, modulus));
    let (Some(b), Some(e), Some(m)) = nums else {
        return Err(vm.type_error(msg!("pow() with 3 arguments requires integers")));
    };
    let (mut bb, mut be, mut bm) = ([0u32; 2], [0u32; 2], [0u32; 2]);
    let (Some(b), Some(e), Some(m)) = (b.int_ref(&mut bb), e.int_ref(&mut be), m.int_ref(&mut bm)) else {
        return Err(vm.type_error(msg!("pow() with 3 arguments requires integers")));
    };
    let (b, e, m) = (b.trimmed(), e.trimmed(), m.trimmed());
    if m.is_zero() {
        return Err(vm.value_error(msg!("divide by zero")));
    }
    if e.neg || b.is_zero() {
        return Ok(Obj::small_int(0));
    }
    let (lb, lm) = (b.mag.len(), m.mag.len());
    if e.is_zero() {
        // 1 % m, unless the base is a multiple of the modulus.
        let n = mpz::div::divmod_r_len(lm) + mpz::div::divmod_scratch_len(lb, lm);
        let divisible = big::with_digits(vm, n, |vm, buf| {
            let (r, s) = buf.split_at_mut(lm.min(buf.len()));
            match mpz::div::modulo(r, b, m, s) {
                Ok(x) => Ok(x.len == 0),
                Err(err) => Err(big::mpz_error(vm, err)),
            }
        })?;
        if divisible || m.mag == [1] {
            return Ok(Obj::small_int(0));
        }
        if !m.neg {
            return Ok(Obj::small_int(1));
        }
        // 1 % m == 1 + m for a negative modulus.
        let mut one = [0u32; 2];
        return big_binary_op(vm, BinaryOp::Add, small_mpz(1, &mut one), m);
    }
    let out = mpz::pow::pow_mod_len(lm);
    let scratch = mpz::pow::pow_mod_scratch_len(lb, lm);
    big::build(vm, m.neg, out, scratch, |o, s| mpz::pow::pow_mod(o, b, e.mag, m, s))
}

/// [`int_pow3`] on the boards (and without big ints): square-and-multiply
/// on int objects (one small body; no modular-power digit code in the
/// image).
///
/// Errors: as [`int_pow3`] (without big ints, also `OverflowError: small
/// int overflow` when a product overflows a small int).
#[cfg(any(target_os = "none", not(feature = "bigint")))]
pub fn int_pow3(vm: &mut Vm, base: Obj, exp: Obj, modulus: Obj) -> PyResult<Obj> {
    use BinaryOp::*;
    if ![base, exp, modulus].iter().all(|&o| num_of(vm, o).is_some_and(|n| n.is_int())) {
        return Err(vm.type_error(msg!("pow() with 3 arguments requires integers")));
    }
    let (zero, one) = (Obj::small_int(0), Obj::small_int(1));
    // (Comparisons through the slot: bools and int subclasses included.)
    if num_binary_slot(vm, Equal, modulus, zero)? == Obj::TRUE {
        return Err(vm.value_error(msg!("divide by zero")));
    }
    if num_binary_slot(vm, Equal, base, zero)? == Obj::TRUE || num_binary_slot(vm, Less, exp, zero)? == Obj::TRUE {
        return Ok(zero);
    }
    let mut r = num_binary_slot(vm, Modulo, one, modulus)?;
    let mut b = num_binary_slot(vm, Modulo, base, modulus)?;
    let mut e = exp;
    if b == zero {
        // A base divisible by the modulus.
        return Ok(b);
    }
    while num_binary_slot(vm, NotEqual, e, zero)? == Obj::TRUE {
        if num_binary_slot(vm, And, e, one)? == one {
            r = mul_mod(vm, r, b, modulus)?;
        }
        e = num_binary_slot(vm, Rshift, e, one)?;
        b = mul_mod(vm, b, b, modulus)?;
    }
    Ok(r)
}

/// `(x * y) % m` for [`int_pow3`] (ints).
///
/// Errors: `MemoryError`.
#[cfg(any(target_os = "none", not(feature = "bigint")))]
#[inline(never)]
fn mul_mod(vm: &mut Vm, x: Obj, y: Obj, m: Obj) -> PyResult<Obj> {
    let t = num_binary_slot(vm, BinaryOp::Multiply, x, y)?;
    num_binary_slot(vm, BinaryOp::Modulo, t, m)
}
