//! Numeric builtins: `abs`, `divmod`, `pow`, `round`, `hex`, `oct`,
//! `bin`, `chr`, `ord`.
//!
//! `abs`/`divmod`/2-argument `pow` dispatch to the operand types' slots.
//! 3-argument `pow` and `round` use the numeric types' helpers
//! (`types::int_ops::int_pow3`, `types::round::round`).

use crate::typ::given;
#[cfg(feature = "float")]
use crate::flt::Float;
use super::args::str_conv_error;
use crate::obj::Obj;
use crate::state::Vm;
use crate::typ::{BinaryOp, UnaryOp};
use crate::types::bytearray::ByteArrayObj;
#[cfg(feature = "float")]
use crate::types::int::int_from_f64;
use crate::types::int::int_to_str_radix;
use crate::PyResult;

/// `abs(x)`.
pub fn b_abs(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let args = &[a0];
    if args[0].is_bool() {
        return Ok(Obj::small_int((args[0] == Obj::TRUE) as isize));
    }
    vm.unary_op(UnaryOp::Abs, args[0])
}

/// `divmod(a, b)`.
pub fn b_divmod(vm: &mut Vm, a0: Obj, a1: Obj) -> PyResult<Obj> {
    let args = &[a0, a1];
    vm.binary_op(BinaryOp::Divmod, args[0], args[1])
}

/// `pow(base, exp[, mod])`.
pub fn b_pow(vm: &mut Vm, a0: Obj, a1: Obj, a2: Obj) -> PyResult<Obj> {
    if a2.is_null() {
        return vm.binary_op(BinaryOp::Power, a0, a1);
    }
    #[cfg(feature = "pow3")]
    return crate::types::int_ops::int_pow3(vm, a0, a1, a2);
    // As official builds without MICROPY_PY_BUILTINS_POW3.
    #[cfg(not(feature = "pow3"))]
    Err(vm.error(&crate::types::exception::NOT_IMPLEMENTED_ERROR_TYPE, msg!("3-arg pow() not supported")))
}

/// A float truncated to an int object.
#[cfg(feature = "float")]
///
/// Errors: `OverflowError: can't convert inf to int`, `ValueError: can't
/// convert NaN to int`.
pub fn float_to_int(vm: &mut Vm, f: Float) -> PyResult<Obj> {
    int_from_f64(vm, f)
}

/// `round(x[, ndigits])`: ints stay ints; floats round half to even (to an
/// int without `ndigits`, to a float with it).
pub fn b_round(vm: &mut Vm, a0: Obj, a1: Obj, _a2: Obj) -> PyResult<Obj> {
    crate::types::round::round(vm, a0, given(&a1).copied().unwrap_or(Obj::NULL))
}

/// `bin(int)` (`which` 0: `0b101`), `oct(int)` (1: `0o17`) and
/// `hex(int)` (2: `0xff`, `-0xff`): one body (a
/// [`crate::typ::BuiltinFun::new1_at`] each).
pub fn b_radix(vm: &mut Vm, o: Obj, which: usize) -> PyResult<Obj> {
    let (base, prefix) = match which {
        0 => (2, "0b"),
        1 => (8, "0o"),
        _ => (16, "0x"),
    };
    int_to_str_radix(vm, o, base, prefix)
}

/// `chr(i)`: the one-character str with code point `i`.
///
/// Errors: `ValueError: chr() arg not in range(0x110000)` (surrogates
/// too: strs hold valid UTF-8 here).
pub fn b_chr(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let args = &[a0];
    // (Beyond a machine word: OverflowError, as MicroPython.)
    let v = crate::types::int::obj_to_i64(vm, args[0])?;
    let c = u32::try_from(v).ok().and_then(char::from_u32);
    match c {
        Some(c) => {
            let mut buf = [0u8; 4];
            let s = c.encode_utf8(&mut buf);
            vm.new_str(s)
        }
        None => Err(vm.value_error(msg!("chr() arg not in range(0x110000)"))),
    }
}

/// `ord(c)`: the code point of a one-character str, or the value of a
/// one-byte bytes/bytearray.
///
/// Errors: `TypeError: ord() expected a character, but string of length 2
/// found`.
pub fn b_ord(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let args = &[a0];
    let o = args[0];
    let n = if let Some(s) = vm.str_pinned(o) {
        let mut it = s.chars();
        match (it.next(), it.next()) {
            (Some(c), None) => return Ok(Obj::small_int(c as isize)),
            _ => crate::types::strutil::char_len(s.as_bytes()),
        }
    } else {
        let b = match vm.bytes_pinned(o) {
            Some(b) => Some(b),
            None => vm.heap.get::<ByteArrayObj>(o).map(|b| b.data.as_slice()),
        };
        match b {
            Some(&[x]) => return Ok(Obj::small_int(x as isize)),
            Some(b) => b.len(),
            None => return Err(str_conv_error(vm, o)),
        }
    };
    Err(vm.type_error_fmt(msg!("ord() expected a character, but string of length {} found"), &[n.into()]))
}
