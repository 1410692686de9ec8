//! `int`: the built-in type (slots and methods) and the int conversion
//! helpers other modules use.
//!
//! Values are small ints (`Obj::small_int`) or, outside that range, heap
//! big ints: a [`IntHead`] (sign) followed by the magnitude's 32-bit
//! digits inline, little-endian, normalised (`heap::Var`), always turned
//! back into small ints when they fit (`Vm::new_int_mag`). Arithmetic is
//! in [`super::int_ops`], text parsing in [`super::int_parse`]; the digit
//! algorithms are the `mpy-mpz` crate's (allocation-free).
//!
//! Without the `bigint` feature there are small ints only (official's
//! MICROPY_LONGINT_IMPL_NONE): results outside their range raise
//! `OverflowError: small int overflow` ([`small_int_overflow`]).

#[cfg(feature = "float")]
use crate::flt::Float;
#[cfg(all(feature = "float", feature = "bigint", not(feature = "float-single")))]
use crate::flt::M;
#[cfg(feature = "bigint")]
use super::int_ops::big::{self, build};
#[cfg(all(feature = "float", feature = "bigint"))]
use super::int_ops::big_to_f64;
#[cfg(feature = "bigint")]
use super::int_ops::small_mpz;
use super::int_ops::{num_binary_slot, num_of, Num};
use super::int_parse::parse_int;
use super::strutil::Data;
use crate::obj::Obj;
use crate::qstr::q;
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{flags, BuiltinFun, PrintKind, Rom, TypeObj, UnaryOp};
use crate::types::exception::OVERFLOW_ERROR_TYPE;
use crate::types::exception::VALUE_ERROR_TYPE;
use crate::PyResult;
#[cfg(feature = "bigint")]
use mpy_mpz::{self as mpz, MpzRef};

static INT_FROM_BYTES: BuiltinFun = BuiltinFun::new(q::from_bytes, 2, 4, int_from_bytes).class_method();
static INT_TO_BYTES: BuiltinFun = BuiltinFun::new(q::to_bytes, 2, 4, int_to_bytes);

static INT_LOCALS: [crate::typ::Entry; 2] = [
    crate::typ::Entry::new(q::from_bytes, Rom::ClassMethod(&INT_FROM_BYTES)),
    crate::typ::Entry::new(q::to_bytes, Rom::Fun(&INT_TO_BYTES)),
];

/// The `int` type.
pub static INT_TYPE: TypeObj = TypeObj {
    name: q::int.tn(),
    flags: flags::BASETYPE,
    make_new: Some(int_make_new),
    print: Some(int_print),
    binary_op: Some(num_binary_slot),
    locals: crate::typ::Locals::of(&INT_LOCALS),
    ext: &crate::typ::TypeExt { unary_op: Some(int_unary_op), ..crate::typ::TypeExt::NONE },
    ..TypeObj::EMPTY
};

/// The header of a big int (outside the small-int range; never a value
/// that fits one); its magnitude's 32-bit digits follow inline,
/// little-endian, normalised (`heap::Var`).
#[cfg(feature = "bigint")]
#[repr(C)]
pub struct IntHead {
    /// Header (`int`).
    pub base: crate::obj::ObjBase,
    /// Negative?
    pub neg: bool,
}

/// The value of an int object (or bool, or int-subclass instance): a
/// small int, or a big int's sign and digits (pinned: see
/// [`super::int_ops::Num`]).
#[derive(Clone, Copy, Debug)]
pub enum IntVal<'a> {
    /// A small int or bool.
    Small(isize),
    /// A big int.
    #[cfg(feature = "bigint")]
    Big(MpzRef<'a>),
    /// (Ties the lifetime without big ints; never made.)
    #[cfg(not(feature = "bigint"))]
    #[doc(hidden)]
    _Never(core::convert::Infallible, core::marker::PhantomData<&'a ()>),
}

impl<'a> IntVal<'a> {
    /// The value as an `i64`, if it fits.
    pub fn to_i64(self) -> Option<i64> {
        match self {
            IntVal::Small(i) => Some(i as i64),
            #[cfg(feature = "bigint")]
            IntVal::Big(b) => mpz::conv::to_i64(b),
        }
    }

    /// The low 64 bits in two's complement (`v & (2**64 - 1)`), what a
    /// wrapping conversion to a machine word gives.
    pub fn to_u64_wrapping(self) -> u64 {
        match self {
            IntVal::Small(i) => i as i64 as u64,
            #[cfg(feature = "bigint")]
            IntVal::Big(b) => mpz::conv::to_u64_wrapping(b),
        }
    }

    /// The nearest float (+-inf beyond the float range).
    #[cfg(feature = "float")]
    pub fn to_f64(self) -> Float {
        match self {
            IntVal::Small(i) => i as Float,
            #[cfg(feature = "bigint")]
            IntVal::Big(b) => big_to_f64(b),
        }
    }

    /// Is it below zero?
    pub fn is_negative(self) -> bool {
        match self {
            IntVal::Small(i) => i < 0,
            #[cfg(feature = "bigint")]
            IntVal::Big(b) => b.is_negative(),
        }
    }

    /// The value as a signed big integer (small values written into
    /// `buf`), for the `mpy-mpz` functions.
    #[cfg(feature = "bigint")]
    pub fn as_mpz<'b>(&self, buf: &'b mut [u32; 2]) -> MpzRef<'b>
    where
        'a: 'b,
    {
        match *self {
            IntVal::Small(i) => small_mpz(i as i64, buf),
            IntVal::Big(b) => b,
        }
    }
}

/// The value of `o` if it is an int or bool (or an int-subclass instance).
pub fn int_val<'a>(vm: &Vm, o: Obj) -> Option<IntVal<'a>> {
    match num_of(vm, o)? {
        Num::Small(i) => Some(IntVal::Small(i)),
        #[cfg(feature = "bigint")]
        Num::Big(b) => Some(IntVal::Big(b)),
        #[cfg(any(feature = "float", not(feature = "bigint")))]
        _ => None,
    }
}

/// The bytes of a buffer object that can change (bytearray, memoryview,
/// arrays), borrowed; str and bytes are handled before (pinned).
fn mutable_buffer(vm: &Vm, o: Obj, any_buffer: bool) -> Option<&[u8]> {
    if let Some(b) = vm.heap.get::<super::bytearray::ByteArrayObj>(o) {
        return Some(b.data.as_slice());
    }
    if let Some(n) = vm.heap.get::<crate::vm::class::InstanceNativeObj>(o) {
        let native = n.native;
        if !native.is_null() && native != o {
            if let Some(b) = vm.bytes_pinned(native) {
                return Some(b);
            }
            return mutable_buffer(vm, native, any_buffer);
        }
    }
    if !any_buffer {
        return None;
    }
    let f = vm.builtin_type(o).ext.buffer?;
    f(&vm.heap, o)
}

/// Runs `f` with the bytes of `o`: a str's UTF-8, a bytes object's or a
/// bytearray's bytes (and, with `any_buffer`, those of any object with
/// the buffer protocol). None if `o` has none. Immutable objects are read
/// in place; mutable buffers are copied to a gc-heap temporary first (so
/// `f` may allocate).
#[inline]
pub(crate) fn with_bytes_of<R>(
    vm: &mut Vm,
    o: Obj,
    any_buffer: bool,
    f: impl FnOnce(&mut Vm, &[u8]) -> PyResult<R>,
) -> Option<PyResult<R>> {
    let d = match bytes_of(vm, o, any_buffer)? {
        Ok(d) => d,
        Err(e) => return Some(Err(e)),
    };
    let r = f(vm, d.get());
    d.free(vm);
    Some(r)
}

/// [`with_bytes_of`]'s non-generic part: the bytes, pinned or copied.
fn bytes_of<'a>(vm: &mut Vm, o: Obj, any_buffer: bool) -> Option<PyResult<Data<'a>>> {
    if let Some(s) = vm.str_pinned(o) {
        return Some(Ok(Data::Pinned(s.as_bytes())));
    }
    if let Some(b) = vm.bytes_pinned(o) {
        return Some(Ok(Data::Pinned(b)));
    }
    let n = mutable_buffer(vm, o, any_buffer)?.len();
    let mut tmp = match vm.new_vec::<u8>(n) {
        Ok(t) => t,
        Err(e) => return Some(Err(e)),
    };
    if let Some(b) = mutable_buffer(vm, o, any_buffer) {
        tmp.extend_within_capacity(b);
    }
    Some(Ok(Data::Copy(tmp)))
}

/// An int object from a float, truncating toward zero.
///
/// Errors: `OverflowError: can't convert inf to int`, `ValueError: can't
/// convert NaN to int`, `MemoryError`.
#[cfg(feature = "float")]
pub fn int_from_f64(vm: &mut Vm, f: Float) -> PyResult<Obj> {
    if f.is_nan() {
        return Err(vm.value_error(msg!("can't convert NaN to int")));
    }
    if f.is_infinite() {
        return Err(vm.overflow_error(msg!("can't convert inf to int")));
    }
    #[cfg(not(feature = "bigint"))]
    {
        // Small ints only (as official's `mp_obj_new_int_from_float`
        // without long ints).
        let t = crate::flt::M::trunc(f);
        let lim = -(Obj::SMALL_INT_MIN as Float);
        if t >= -lim && t < lim {
            return Ok(Obj::small_int(t as isize));
        }
        Err(vm.value_error(msg!("float too big")))
    }
    #[cfg(all(feature = "bigint", feature = "float-single"))]
    {
        // Single precision: from the bits (no 64-bit or double-precision
        // conversions), a shift for the large values.
        let (neg, m, e) = f32_parts(f);
        if e <= 0 {
            let v = m.checked_shr(e.unsigned_abs()).unwrap_or(0) as isize;
            return Ok(Obj::small_int(if neg { -v } else { v }));
        }
        let v = m as isize;
        super::int_ops::small_int_binary_op(vm, crate::typ::BinaryOp::Lshift, if neg { -v } else { v }, e as isize)
    }
    #[cfg(all(feature = "bigint", not(feature = "float-single")))]
    {
        let t = M::trunc(f);
        if t.abs() < 4.0e18 {
            return vm.new_int(t as i64);
        }
        let mut d = [0u32; mpz::conv::F64_LEN];
        match mpz::conv::from_f64(&mut d, crate::flt::to_f64(t)) {
            Ok(r) => vm.new_int_mag(r.neg, d.get(..r.len).unwrap_or(&[])),
            Err(_) => Err(vm.overflow_error(msg!("can't convert inf to int"))),
        }
    }
}

/// A finite single-precision float as `(negative, m, e)` with `|f| = m *
/// 2**e` (`m < 2**24`).
#[cfg(all(feature = "float", feature = "float-single"))]
pub(crate) fn f32_parts(f: Float) -> (bool, u32, i32) {
    let b = f.to_bits();
    let exp = ((b >> 23) & 0xff) as i32;
    let frac = b & 0x7f_ffff;
    if exp == 0 {
        (b >> 31 != 0, frac, -149)
    } else {
        (b >> 31 != 0, frac | 0x80_0000, exp - 150)
    }
}

/// `int(x)` / `int(s, base)` (positional only, as MicroPython).
fn int_make_new(vm: &mut Vm, _cls: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    if !kw.is_empty() {
        return Err(super::strutil::no_kw(vm));
    }
    match args.len() {
        0 => Ok(Obj::small_int(0)),
        1 => int_of(vm, args[0]),
        2 => {
            let base = obj_to_i64(vm, args[1])?;
            match parse_text(vm, args[0], base) {
                Some(r) => r,
                None => Err(super::strutil::not_str_implicitly(vm, args[0])),
            }
        }
        n => Err(super::strutil::too_many_args(vm, 2, n)),
    }
}

/// `int(text, base)` for a str/bytes-like `o` (None for other objects).
fn parse_text(vm: &mut Vm, o: Obj, base: i64) -> Option<PyResult<Obj>> {
    with_bytes_of(vm, o, false, |vm, text| parse_int(vm, text, base))
}

/// `int(o)` for one argument.
///
/// Errors: `TypeError: can't convert NoneType to int`, parse errors.
pub fn int_of(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    if o.is_small_int() {
        return Ok(o);
    }
    // Desktop: a one-digit str is a qstr whose id is its character.
    #[cfg(not(target_os = "none"))]
    if let Some(d) = o.as_qstr().and_then(|q| q.0.checked_sub(u32::from(b'0'))).filter(|&d| d < 10) {
        return Ok(Obj::small_int(d as isize));
    }
    // Desktop: a plain str of short decimal text (what the general path
    // below reaches after finding it is no number).
    #[cfg(not(target_os = "none"))]
    if let Some(v) = super::strutil::exact_str(vm, o).and_then(|t| super::int_parse::parse_small_decimal(t.as_bytes())) {
        return vm.new_int(v);
    }
    match num_of(vm, o) {
        Some(Num::Small(i)) => return Ok(Obj::small_int(i)),
        #[cfg(feature = "bigint")]
        Some(Num::Big(b)) => {
            if vm.int_digits_pinned(o).is_some() {
                return Ok(o);
            }
            return vm.new_int_mag(b.neg, b.mag);
        }
        #[cfg(feature = "float")]
        Some(Num::Float(f)) => return int_from_f64(vm, f),
        #[cfg(feature = "complex")]
        // (complex has no subclasses: its name is `complex`.)
        Some(Num::Complex(..)) => return Err(super::strutil::cant_convert(vm, o, "int")),
        None => {}
    }
    // Desktop: short decimal text first (boards: one parser).
    #[cfg(not(target_os = "none"))]
    let parsed = with_bytes_of(vm, o, false, |vm, text| match super::int_parse::parse_small_decimal(text) {
        Some(v) => vm.new_int(v),
        None => parse_int(vm, text, 10),
    });
    #[cfg(target_os = "none")]
    let parsed = parse_text(vm, o, 10);
    if let Some(r) = parsed {
        return r;
    }
    let t = vm.builtin_type(o);
    if let Some(f) = t.ext.unary_op {
        let r = f(vm, UnaryOp::IntMaybe, o)?;
        if !r.is_null() {
            return Ok(r);
        }
    }
    Err(super::strutil::cant_convert(vm, o, "int"))
}

fn int_print(vm: &mut Vm, o: Obj, out: &mut Out, _kind: PrintKind) -> PyResult<()> {
    match int_val(vm, o) {
        Some(IntVal::Small(i)) => out.int(vm, i),
        #[cfg(feature = "bigint")]
        Some(IntVal::Big(b)) => big::write_radix(vm, out, b, 10, false),
        _ => Ok(()),
    }
}

/// Unary ops shared by int and bool (bool operands act as 0/1).
pub(crate) fn int_unary_op(vm: &mut Vm, op: UnaryOp, o: Obj) -> PyResult<Obj> {
    let Some(v) = int_val(vm, o) else { return Ok(Obj::NULL) };
    match (op, v) {
        (UnaryOp::Bool, IntVal::Small(i)) => Ok(Obj::bool(i != 0)),
        #[cfg(feature = "bigint")]
        (UnaryOp::Bool, IntVal::Big(_)) => Ok(Obj::TRUE),
        (UnaryOp::Positive | UnaryOp::IntMaybe, IntVal::Small(i)) => Ok(Obj::small_int(i)),
        #[cfg(feature = "bigint")]
        (UnaryOp::Positive | UnaryOp::IntMaybe, IntVal::Big(_)) => Ok(o),
        (UnaryOp::Hash, IntVal::Small(i)) => Ok(Obj::small_int(i)),
        #[cfg(feature = "bigint")]
        (UnaryOp::Hash, IntVal::Big(b)) => Ok(Obj::small_int(bigint_hash(b))),
        (UnaryOp::Negative, IntVal::Small(i)) => vm.new_int(-(i as i64)),
        #[cfg(feature = "bigint")]
        (UnaryOp::Negative, IntVal::Big(b)) => vm.new_int_mag(!b.neg, b.mag),
        (UnaryOp::Invert, IntVal::Small(i)) => vm.new_int(!(i as i64)),
        #[cfg(all(feature = "bigint", not(target_os = "none")))]
        (UnaryOp::Invert, IntVal::Big(b)) => {
            build(vm, !b.neg, mpz::bits::invert_len(b.mag.len()), 0, |out, _| mpz::bits::invert(out, b))
        }
        // The boards: `~x == -x - 1`, no code of its own.
        #[cfg(all(feature = "bigint", target_os = "none"))]
        (UnaryOp::Invert, IntVal::Big(b)) => {
            let mut one = [0u32; 2];
            let one = super::int_ops::small_mpz(1, &mut one);
            super::int_ops::big_binary_op(vm, crate::typ::BinaryOp::Subtract, MpzRef::new(!b.neg, b.mag), one)
        }
        (UnaryOp::Abs, IntVal::Small(i)) => vm.new_int((i as i64).abs()),
        #[cfg(feature = "bigint")]
        (UnaryOp::Abs, IntVal::Big(b)) => {
            if !b.neg && vm.int_digits_pinned(o).is_some() {
                return Ok(o);
            }
            vm.new_int_mag(false, b.mag)
        }
        #[cfg(feature = "float")]
        (UnaryOp::FloatMaybe, IntVal::Small(i)) => vm.new_float(i as Float),
        #[cfg(all(feature = "float", feature = "bigint"))]
        (UnaryOp::FloatMaybe, IntVal::Big(b)) => vm.new_float(big_to_f64(b)),
        _ => Ok(Obj::NULL),
    }
}

/// The hash of a big int: its low bits (two's complement) as a small int,
/// as MicroPython's `MP_OBJ_NEW_SMALL_INT(mpz_hash(..))` keeps them (so
/// `hash(2**64) == 0`); integral floats of the same value hash alike.
#[cfg(feature = "bigint")]
pub fn bigint_hash(b: MpzRef<'_>) -> isize {
    hash_low(mpz::conv::to_u64_wrapping(b))
}

/// The hash of an int whose low 64 bits (two's complement) are `low`
/// (see [`bigint_hash`]).
pub fn hash_low(low: u64) -> isize {
    let sh = 64 - Obj::SMALL_INT_BITS;
    (((low << sh) as i64) >> sh) as isize
}

/// `int.from_bytes(bytes, byteorder='big', signed=False)`, positional only.
/// As MicroPython: any byteorder other than `'little'` means big, and the
/// result is unsigned whatever `signed` says.
///
/// Errors: `TypeError: object with buffer protocol required`, `MemoryError`.
fn int_from_bytes(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let little = args.len() > 2 && is_little(vm, args[2]);
    #[cfg(feature = "bigint")]
    let r = with_bytes_of(vm, args[1], true, |vm, data| {
        let n = mpz::bytes::from_bytes_len(data.len());
        build(vm, false, n, 0, |out, _| mpz::bytes::from_bytes(out, data, !little, false))
    });
    // Small ints only: `OverflowError: small int overflow` beyond them.
    #[cfg(not(feature = "bigint"))]
    let r = with_bytes_of(vm, args[1], true, |vm, data| {
        let mut v: u64 = 0;
        for i in 0..data.len() {
            let b = if little { data[data.len() - 1 - i] } else { data[i] };
            if v >> 56 != 0 {
                return Err(small_int_overflow(vm));
            }
            v = (v << 8) | b as u64;
        }
        vm.new_int_i128(v as i128)
    });
    match r {
        Some(r) => r,
        None => Err(vm.type_error(crate::runtime::exc::msg::BUFFER)),
    }
}

fn is_little(vm: &Vm, o: Obj) -> bool {
    vm.str_pinned(o) == Some("little")
}

/// `int.to_bytes(length, byteorder='big', signed=False)`, positional only.
/// Negative values are written in two's complement whether or not `signed`
/// is set (as MicroPython).
///
/// Errors: `OverflowError: buffer too small`, `ValueError` (no message) for
/// a negative length, `MemoryError` for huge lengths.
fn int_to_bytes(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let v = obj_to_int_val(vm, args[0])?;
    let len = obj_to_i64(vm, args[1])?;
    if len < 0 {
        return Err(vm.error_noargs(&VALUE_ERROR_TYPE));
    }
    let Ok(len) = usize::try_from(len) else { return Err(vm.memory_error()) };
    let little = args.len() > 2 && is_little(vm, args[2]);
    #[cfg(feature = "bigint")]
    let mut buf = [0u32; 2];
    #[cfg(feature = "bigint")]
    let a = v.as_mpz(&mut buf);
    let mut fits = true;
    let o = super::strutil::new_of_kind_with(vm, super::strutil::Kind::Bytes, len, |out| {
        #[cfg(feature = "bigint")]
        {
            fits = mpz::bytes::to_bytes(out, a, !little, a.is_negative()).is_ok();
        }
        #[cfg(not(feature = "bigint"))]
        {
            fits = small_to_bytes(out, v, little);
        }
        out.len()
    })?;
    if !fits {
        return Err(vm.error(&OVERFLOW_ERROR_TYPE, msg!("buffer too small")));
    }
    Ok(o)
}

/// Writes small int `v` into `out` in two's complement (sign-extended),
/// big-endian unless `little`. False if it does not fit (`out` then holds
/// the low bytes).
#[cfg(not(feature = "bigint"))]
fn small_to_bytes(out: &mut [u8], v: IntVal<'_>, little: bool) -> bool {
    let IntVal::Small(v) = v;
    let n = out.len();
    let mut x = v as i64;
    for i in 0..n {
        let k = if little { i } else { n - 1 - i };
        out[k] = x as u8;
        x >>= 8;
    }
    // Fits: a non-negative value unsigned (nothing left over), a
    // negative one signed (only sign bits left, the top bit written set).
    let top = if n == 0 { 0 } else { out[if little { n - 1 } else { 0 }] };
    if v < 0 {
        x == -1 && n > 0 && top & 0x80 != 0
    } else {
        x == 0
    }
}

/// `OverflowError: small int overflow`: a result outside the small-int
/// range in a build without big ints (official's
/// MICROPY_LONGINT_IMPL_NONE).
#[cfg(not(feature = "bigint"))]
#[cold]
#[inline(never)]
pub fn small_int_overflow(vm: &mut Vm) -> crate::PyErr {
    vm.overflow_error(msg!("small int overflow"))
}

/// For objects that aren't numbers: the value their `__int__`
/// (`IntMaybe`) or `__float__` (`FloatMaybe`) gives, as MicroPython's
/// `mp_obj_get_int`/`mp_obj_get_float` do for instances.
fn converted<'a>(vm: &mut Vm, o: Obj, op: UnaryOp) -> PyResult<Option<Num<'a>>> {
    if num_of(vm, o).is_some() || vm.str_pinned(o).is_some() {
        return Ok(None);
    }
    let t = vm.builtin_type(o);
    let Some(f) = t.ext.unary_op else { return Ok(None) };
    let r = f(vm, op, o)?;
    if r.is_null() {
        return Ok(None);
    }
    Ok(num_of(vm, r))
}

/// `o` as a number, converting instances through `op` (see [`converted`]).
fn num_or_converted<'a>(vm: &mut Vm, o: Obj, op: UnaryOp) -> PyResult<Option<Num<'a>>> {
    match num_of(vm, o) {
        Some(n) => Ok(Some(n)),
        None => converted(vm, o, op),
    }
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
    match obj_to_int_val(vm, o)? {
        IntVal::Small(i) => Ok(i as i64),
        #[cfg(feature = "bigint")]
        IntVal::Big(b) => match mpz::conv::to_i64(b) {
            Some(v) => Ok(v),
            None => Err(super::strutil::word_overflow(vm)),
        },
    }
}

/// An int (or bool) argument's value (instances convert through
/// `__int__`). Replaces the old `obj_to_bigint`.
///
/// Errors: `TypeError: can't convert float to int`.
pub fn obj_to_int_val<'a>(vm: &mut Vm, o: Obj) -> PyResult<IntVal<'a>> {
    match num_or_converted(vm, o, UnaryOp::IntMaybe)? {
        Some(Num::Small(i)) => Ok(IntVal::Small(i)),
        #[cfg(feature = "bigint")]
        Some(Num::Big(b)) => Ok(IntVal::Big(b)),
        _ => {
            Err(super::strutil::cant_convert(vm, o, "int"))
        }
    }
}

/// An int, bool or float argument as `Float` (big ints round to nearest,
/// +-inf beyond the float range).
///
/// Errors: `TypeError: can't convert str to float`.
#[cfg(feature = "float")]
pub fn obj_to_f64(vm: &mut Vm, o: Obj) -> PyResult<Float> {
    if let Some(f) = vm.float_of(o) {
        return Ok(f);
    }
    match num_or_converted(vm, o, UnaryOp::FloatMaybe)? {
        #[cfg(feature = "bigint")]
        Some(n @ (Num::Small(_) | Num::Big(_) | Num::Float(_))) => Ok(n.to_f64()),
        #[cfg(not(feature = "bigint"))]
        Some(n @ (Num::Small(_) | Num::Float(_))) => Ok(n.to_f64()),
        _ => {
            Err(super::strutil::cant_convert(vm, o, "float"))
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
        Err(_) => Err(super::strutil::word_overflow(vm)),
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
    match num_or_converted(vm, o, UnaryOp::IntMaybe)? {
        Some(Num::Small(i)) => Ok(i),
        #[cfg(feature = "bigint")]
        Some(Num::Big(_)) => Err(super::strutil::word_overflow(vm)),
        _ => {
            Err(super::strutil::indices_error(vm, seq_name, o))
        }
    }
}

/// Writes the digits of int `o` in `base` (2..=36, lowercase letters)
/// after `prefix` (e.g. `"0x"`), with the sign in front of the prefix:
/// `-255` in base 16 with `"0x"` is `-0xff`. For `hex()`, `oct()`, `bin()`
/// and the `x`/`o`/`b`/`d` format specs.
///
/// Errors: `TypeError: can't convert float to int` for non-ints;
/// `MemoryError`.
pub fn write_int_radix(vm: &mut Vm, out: &mut Out, o: Obj, base: u32, prefix: &str) -> PyResult<()> {
    let v = obj_to_int_val(vm, o)?;
    if v.is_negative() {
        out.str(vm, "-")?;
    }
    out.str(vm, prefix)?;
    write_mag_radix(vm, out, v, base, false)
}

/// Writes the digits of `|v|` in `base` (2..=36; `A-Z` above 9 if
/// `upper`), no sign or prefix (`"0"` for zero).
///
/// Errors: `MemoryError`.
#[cfg(feature = "bigint")]
pub fn write_mag_radix(vm: &mut Vm, out: &mut Out, v: IntVal<'_>, base: u32, upper: bool) -> PyResult<()> {
    let mut buf = [0u32; 2];
    let a = v.as_mpz(&mut buf);
    big::write_radix(vm, out, MpzRef::pos(a.mag), base, upper)
}

/// Writes the digits of `|v|` in `base` (2..=36; `A-Z` above 9 if
/// `upper`), no sign or prefix (`"0"` for zero).
///
/// Errors: `MemoryError`.
#[cfg(not(feature = "bigint"))]
pub fn write_mag_radix(vm: &mut Vm, out: &mut Out, v: IntVal<'_>, base: u32, upper: bool) -> PyResult<()> {
    let IntVal::Small(v) = v;
    let mut buf = [0u8; 64];
    out.bytes(vm, u64_digits(&mut buf, v.unsigned_abs() as u64, base, upper))
}

/// The digits of `n` in `radix` (2..=36, clamped; `A-Z` above 9 if
/// `upper`), written at the end of `buf`.
#[cfg(any(not(target_os = "none"), not(feature = "bigint")))]
pub(crate) fn u64_digits(buf: &mut [u8; 64], mut n: u64, radix: u32, upper: bool) -> &[u8] {
    let radix = radix.clamp(2, 36);
    let mut k = buf.len();
    loop {
        let (q, d) = div_radix(n, radix);
        let d = d as u8;
        k -= 1;
        buf[k] = match d {
            0..=9 => b'0' + d,
            _ if upper => b'A' + d - 10,
            _ => b'a' + d - 10,
        };
        n = q;
        if n == 0 {
            break;
        }
    }
    &buf[k..]
}

/// `(n / d, n % d)` for a radix `d` (2..=36).
#[cfg(all(not(target_os = "none"), not(test)))]
#[inline(always)]
fn div_radix(n: u64, d: u32) -> (u64, u32) {
    (n / d as u64, (n % d as u64) as u32)
}

/// `(n / d, n % d)` for a radix `d` (2..=36), boards: three 32-bit
/// divisions instead of the 64-bit division routine (~550 B): each
/// remainder is below `d`, so every step's dividend (remainder and the
/// next 16 bits) fits 32 bits.
#[cfg(any(all(target_os = "none", not(feature = "bigint")), test))]
#[inline(always)]
fn div_radix(n: u64, d: u32) -> (u64, u32) {
    let hi = (n >> 32) as u32;
    let lo = n as u32;
    let (qh, r) = (hi / d, hi % d);
    let x = (r << 16) | (lo >> 16);
    let (q1, r) = (x / d, x % d);
    let x = (r << 16) | (lo & 0xffff);
    let (q0, r) = (x / d, x % d);
    (((qh as u64) << 32) | ((q1 << 16) | q0) as u64, r)
}

/// [`write_int_radix`] into a new str object (`hex(-255) == '-0xff'`).
///
/// Errors: as [`write_int_radix`].
pub fn int_to_str_radix(vm: &mut Vm, o: Obj, base: u32, prefix: &str) -> PyResult<Obj> {
    #[cfg(all(feature = "bigint", not(target_os = "none")))]
    if let Some(r) = big::radix_str(vm, o, prefix, base) {
        return r;
    }
    let mut out = Out::buf();
    write_int_radix(vm, &mut out, o, base, prefix)?;
    out.into_str(vm)
}

#[cfg(test)]
#[path = "int_tests.rs"]
mod tests;
