//! The `math` module: MicroPython's full set for a double-precision build
//! (the names `dir(math)` lists on the unix/wasm ports), computed with the
//! `libm` crate.
//!
//! As MicroPython, one- and two-argument functions raise `ValueError: math
//! domain error` when a finite argument gives an infinite result or a
//! non-NaN argument gives NaN (so `exp(1000)`, `log(0)`, `sqrt(-1)`,
//! `cos(inf)`, `pow(10, 400)` all raise it, while `ldexp(1, 2000)` is
//! inf). `ceil`/`floor`/`trunc` return ints; `factorial` is exact.

use crate::typ::Entry;
use crate::flt::Float;
use crate::flt::M;
use crate::types::int::obj_to_f64 as float_arg;
use crate::obj::Obj;
use crate::qstr::q;
use crate::state::Vm;
use crate::typ::{BuiltinFun, ModuleDef, Rom};
use crate::types::float_acc as acc;
use crate::types::int::{int_from_f64, obj_to_i64};
use crate::types::int_ops::{num_of, Num};
use crate::PyResult;
#[cfg(feature = "bigint")]
use mpy_mpz::{self as mpz, SignedLen};

fn domain_error(vm: &mut Vm) -> crate::PyErr {
    vm.value_error(msg!("math domain error"))
}

/// Checks a one-argument result (see the module docs) and boxes it.
fn ret1(vm: &mut Vm, x: Float, r: Float) -> PyResult<Obj> {
    if (r.is_infinite() && !x.is_infinite()) || (r.is_nan() && !x.is_nan()) {
        return Err(domain_error(vm));
    }
    vm.new_float(r)
}

/// Checks a two-argument result and boxes it.
fn ret2(vm: &mut Vm, x: Float, y: Float, r: Float) -> PyResult<Obj> {
    if (r.is_infinite() && !x.is_infinite() && !y.is_infinite())
        || (r.is_nan() && !x.is_nan() && !y.is_nan())
    {
        return Err(domain_error(vm));
    }
    vm.new_float(r)
}

/// The one-argument functions' shared body: `f(float(a))` for the
/// `i`-th function of [`FUN1`], checked. (Every one of them is a
/// [`BuiltinFun::new1_at`] of this body: no entry point per function.)
fn call1(vm: &mut Vm, a: Obj, i: usize) -> PyResult<Obj> {
    let x = float_arg(vm, a)?;
    let r = FUN1.get(i).map_or(Float::NAN, |f| f(x));
    ret1(vm, x, r)
}

macro_rules! math_fun1 {
    ($($stat:ident = $name:ident => $f:expr),* $(,)?) => {
        /// The one-argument functions' positions in [`FUN1`].
        #[allow(non_camel_case_types)]
        enum Fun1 {
            $($name,)*
        }

        /// The one-argument functions, by [`Fun1`].
        static FUN1: &[fn(Float) -> Float] = &[$($f,)*];

        $(static $stat: BuiltinFun = BuiltinFun::new1_at(q::$name, call1, Fun1::$name as u8);)*
    };
}

math_fun1! {
    SQRT = sqrt => M::sqrt,
    EXP = exp => acc::exp,
    EXPM1 = expm1 => M::expm1,
    // (Zero gives -inf and negatives NaN: a domain error, as `ret1` checks.)
    LOG2 = log2 => acc::log2,
    LOG10 = log10 => M::log10,
    COS = cos => super::trig::cos,
    SIN = sin => super::trig::sin,
    TAN = tan => super::trig::tan,
    ACOS = acos => super::trig::acos,
    ASIN = asin => super::trig::asin,
    ATAN = atan => M::atan,
    COSH = cosh => acc::cosh,
    SINH = sinh => M::sinh,
    TANH = tanh => M::tanh,
    ACOSH = acosh => M::acosh,
    ASINH = asinh => acc::asinh,
    ATANH = atanh => M::atanh,
    ERF = erf => erf,
    ERFC = erfc => erfc,
    GAMMA = gamma => gamma,
    LGAMMA = lgamma => lgamma,
    FABS = fabs => M::fabs,
    DEGREES = degrees => |x| x * (180.0 / crate::flt::consts::PI),
    RADIANS = radians => |x| x * (crate::flt::consts::PI / 180.0),
}

/// `erf`: on single-precision builds the compact one of `math_erf32`.
fn erf(x: Float) -> Float {
    #[cfg(feature = "float-single")]
    return super::math_erf32::erf(x);
    #[cfg(not(feature = "float-single"))]
    M::erf(x)
}

/// `erfc`: on single-precision builds the compact one of `math_erf32`.
fn erfc(x: Float) -> Float {
    #[cfg(feature = "float-single")]
    return super::math_erf32::erfc(x);
    #[cfg(not(feature = "float-single"))]
    M::erfc(x)
}

/// Gamma with poles (0 and negative integers) as NaN, so they raise.
fn gamma(x: Float) -> Float {
    if x == M::floor(x) && x <= 0.0 {
        return Float::NAN;
    }
    if x == Float::NEG_INFINITY {
        return Float::NAN;
    }
    #[cfg(feature = "float-single")]
    return super::math_gamma32::gamma(x);
    #[cfg(not(feature = "float-single"))]
    M::tgamma(x)
}

/// log|Gamma| with poles as +inf (raising a domain error).
fn lgamma(x: Float) -> Float {
    if x == M::floor(x) && x <= 0.0 {
        return Float::INFINITY;
    }
    #[cfg(feature = "float-single")]
    return super::math_gamma32::lgamma(x);
    #[cfg(not(feature = "float-single"))]
    M::lgamma(x)
}

/// The two-argument functions' shared body: `f(float(a), float(b))` for
/// `pow` (`which` 0), `atan2` (1), `fmod` (2) and `copysign` (3),
/// checked (a [`BuiltinFun::new2_at`] each).
fn call2(vm: &mut Vm, a: Obj, b: Obj, which: usize) -> PyResult<Obj> {
    let x = float_arg(vm, a)?;
    let y = float_arg(vm, b)?;
    let f: fn(Float, Float) -> Float = match which {
        0 => crate::types::float::float_pow,
        1 => M::atan2,
        2 => M::fmod,
        _ => M::copysign,
    };
    ret2(vm, x, y, f(x, y))
}

static POW: BuiltinFun = BuiltinFun::new2_at(q::pow, call2, 0);
static ATAN2: BuiltinFun = BuiltinFun::new2_at(q::atan2, call2, 1);
static FMOD: BuiltinFun = BuiltinFun::new2_at(q::fmod, call2, 2);
static COPYSIGN: BuiltinFun = BuiltinFun::new2_at(q::copysign, call2, 3);

/// `log(x[, base])`.
fn m_log(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let x = float_arg(vm, a[0])?;
    if x <= 0.0 {
        return Err(domain_error(vm));
    }
    let l = acc::log(x);
    if a.len() < 2 {
        return vm.new_float(l);
    }
    let b = float_arg(vm, a[1])?;
    if b <= 0.0 {
        return Err(domain_error(vm));
    }
    let lb = acc::log(b);
    if lb == 0.0 {
        return Err(crate::types::int_ops::zero_div(vm));
    }
    vm.new_float(l / lb)
}

/// `ceil` (`which` 0), `floor` (1) and `trunc` (2): ints stay as they
/// are, floats round to ints.
fn rounding(vm: &mut Vm, o: Obj, which: usize) -> PyResult<Obj> {
    match num_of(vm, o) {
        Some(Num::Small(i)) => Ok(Obj::small_int(i)),
        #[cfg(feature = "bigint")]
        Some(Num::Big(_)) => Ok(o),
        _ => {
            let x = float_arg(vm, o)?;
            let r = match which {
                0 => M::ceil(x),
                1 => M::floor(x),
                _ => M::trunc(x),
            };
            int_from_f64(vm, r)
        }
    }
}

/// `isfinite` (`which` 0), `isinf` (1) and `isnan` (2): one body.
fn classify(vm: &mut Vm, a: Obj, which: usize) -> PyResult<Obj> {
    let x = float_arg(vm, a)?;
    Ok(Obj::bool(match which {
        0 => x.is_finite(),
        1 => x.is_infinite(),
        _ => x.is_nan(),
    }))
}

/// `ldexp(x, exp)` (no range check, as MicroPython).
fn m_ldexp(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let x = float_arg(vm, a[0])?;
    let e = obj_to_i64(vm, a[1])?;
    let e = e.clamp(-100_000, 100_000) as i32;
    vm.new_float(M::ldexp(x, e))
}

/// `frexp(x)` -> `(mantissa, exponent)`.
fn m_frexp(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let x = float_arg(vm, a[0])?;
    let (m, e) = if x.is_finite() { M::frexp(x) } else { (x, 0) };
    let m = vm.new_float(m)?;
    vm.new_tuple(&[m, Obj::small_int(e as isize)])
}

/// `modf(x)` -> `(fraction, integer part)`, both floats.
fn m_modf(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let x = float_arg(vm, a[0])?;
    let (fr, ip) = if x.is_infinite() { (0.0, x) } else { (x - M::trunc(x), M::trunc(x)) };
    let fr = M::copysign(fr, x);
    let f = vm.new_float(fr)?;
    let i = vm.new_float(ip)?;
    vm.new_tuple(&[f, i])
}

/// `isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)`.
///
/// Errors: `TypeError: extra positional arguments given` (or keyword
/// arguments), `ValueError: math domain error` for negative tolerances.
fn m_isclose(vm: &mut Vm, a: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    if a.len() > 2 {
        return Err(crate::types::strutil::extra_args(vm));
    }
    crate::types::seq::kw_check(vm, kw, &["rel_tol", "abs_tol"])?;
    let x = float_arg(vm, a[0])?;
    let y = float_arg(vm, a[1])?;
    let mut rel = 1e-9;
    let mut abs = 0.0;
    if let Some(v) = crate::types::seq::kw_get(vm, kw, "rel_tol") {
        rel = float_arg(vm, v)?;
    }
    if let Some(v) = crate::types::seq::kw_get(vm, kw, "abs_tol") {
        abs = float_arg(vm, v)?;
    }
    if rel < 0.0 || abs < 0.0 {
        return Err(domain_error(vm));
    }
    if x == y {
        return Ok(Obj::TRUE);
    }
    if x.is_infinite() || y.is_infinite() {
        return Ok(Obj::FALSE);
    }
    let d = (y - x).abs();
    Ok(Obj::bool(d <= (rel * y).abs() || d <= (rel * x).abs() || d <= abs))
}

/// `factorial(n)` for ints >= 0, exact (computed straight into the
/// result's digits, small factors multiplied together first).
///
/// Errors: `ValueError: negative factorial`, `TypeError: can't convert
/// float to int`, `MemoryError` for absurd n.
fn m_factorial(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let n = obj_to_i64(vm, a[0])?;
    if n < 0 {
        return Err(vm.value_error(msg!("negative factorial")));
    }
    // (The boards with big ints make small results through the big path
    // too, which normalises them: no 64-bit product code.)
    #[cfg(any(not(feature = "bigint"), not(target_os = "none")))]
    if n <= 20 {
        let f: u64 = (2..=n as u64).product();
        return vm.new_int_i128(f as i128);
    }
    #[cfg(not(feature = "bigint"))]
    return Err(crate::types::int::small_int_overflow(vm));
    #[cfg(feature = "bigint")]
    {
        // log2(n!) < n * log2(n): the digits needed (two at least).
        let digits = (n as Float) * M::log2(n.max(1) as Float) / 32.0 + 2.0;
        if n > u32::MAX as i64 || digits > (isize::MAX / 8) as Float {
            return Err(vm.memory_error());
        }
        let bound = digits as usize;
        crate::types::int_ops::big::build(vm, false, bound, 0, |out, _| {
            let first = out.first_mut().ok_or(mpz::Error::BufferTooSmall)?;
            *first = 1;
            let mut len = 1;
            let mut small: u32 = 1;
            for i in 2..=n as u32 {
                match small.checked_mul(i) {
                    Some(v) => small = v,
                    None => {
                        len = mpz::mul::mul_small_add_in_place(out, len, small, 0)?;
                        small = i;
                    }
                }
            }
            len = mpz::mul::mul_small_add_in_place(out, len, small, 0)?;
            Ok(SignedLen::new(false, len))
        })
    }
}

macro_rules! funs {
    ($($stat:ident = $name:ident, $min:expr, $max:expr, $f:ident;)*) => {
        $(static $stat: BuiltinFun = BuiltinFun::new(q::$name, $min, $max, $f);)*
    };
}

funs! {
    LOG = log, 1, 2, m_log;
    MODF = modf, 1, 1, m_modf;
    FREXP = frexp, 1, 1, m_frexp;
    LDEXP = ldexp, 2, 2, m_ldexp;
    FACTORIAL = factorial, 1, 1, m_factorial;
}

static CEIL: BuiltinFun = BuiltinFun::new1_at(q::ceil, rounding, 0);
static FLOOR: BuiltinFun = BuiltinFun::new1_at(q::floor, rounding, 1);
static TRUNC: BuiltinFun = BuiltinFun::new1_at(q::trunc, rounding, 2);
static ISFINITE: BuiltinFun = BuiltinFun::new1_at(q::isfinite, classify, 0);
static ISINF: BuiltinFun = BuiltinFun::new1_at(q::isinf, classify, 1);
static ISNAN: BuiltinFun = BuiltinFun::new1_at(q::isnan, classify, 2);
static ISCLOSE: BuiltinFun = BuiltinFun::new_kw(q::isclose, 2, m_isclose);

static MATH_LOCALS: [Entry; 46] = [
    Entry::new(q::__name__, Rom::Str(q::math)),
    Entry::new(q::e, Rom::Float(crate::flt::consts::E)),
    Entry::new(q::pi, Rom::Float(crate::flt::consts::PI)),
    Entry::new(q::tau, Rom::Float(crate::flt::consts::TAU)),
    Entry::new(q::inf, Rom::Float(Float::INFINITY)),
    Entry::new(q::nan, Rom::Float(Float::NAN)),
    Entry::new(q::sqrt, Rom::Fun(&SQRT)),
    Entry::new(q::pow, Rom::Fun(&POW)),
    Entry::new(q::exp, Rom::Fun(&EXP)),
    Entry::new(q::expm1, Rom::Fun(&EXPM1)),
    Entry::new(q::log, Rom::Fun(&LOG)),
    Entry::new(q::log2, Rom::Fun(&LOG2)),
    Entry::new(q::log10, Rom::Fun(&LOG10)),
    Entry::new(q::cos, Rom::Fun(&COS)),
    Entry::new(q::sin, Rom::Fun(&SIN)),
    Entry::new(q::tan, Rom::Fun(&TAN)),
    Entry::new(q::acos, Rom::Fun(&ACOS)),
    Entry::new(q::asin, Rom::Fun(&ASIN)),
    Entry::new(q::atan, Rom::Fun(&ATAN)),
    Entry::new(q::atan2, Rom::Fun(&ATAN2)),
    Entry::new(q::cosh, Rom::Fun(&COSH)),
    Entry::new(q::sinh, Rom::Fun(&SINH)),
    Entry::new(q::tanh, Rom::Fun(&TANH)),
    Entry::new(q::acosh, Rom::Fun(&ACOSH)),
    Entry::new(q::asinh, Rom::Fun(&ASINH)),
    Entry::new(q::atanh, Rom::Fun(&ATANH)),
    Entry::new(q::ceil, Rom::Fun(&CEIL)),
    Entry::new(q::floor, Rom::Fun(&FLOOR)),
    Entry::new(q::trunc, Rom::Fun(&TRUNC)),
    Entry::new(q::fabs, Rom::Fun(&FABS)),
    Entry::new(q::fmod, Rom::Fun(&FMOD)),
    Entry::new(q::modf, Rom::Fun(&MODF)),
    Entry::new(q::frexp, Rom::Fun(&FREXP)),
    Entry::new(q::ldexp, Rom::Fun(&LDEXP)),
    Entry::new(q::copysign, Rom::Fun(&COPYSIGN)),
    Entry::new(q::isfinite, Rom::Fun(&ISFINITE)),
    Entry::new(q::isinf, Rom::Fun(&ISINF)),
    Entry::new(q::isnan, Rom::Fun(&ISNAN)),
    Entry::new(q::isclose, Rom::Fun(&ISCLOSE)),
    Entry::new(q::degrees, Rom::Fun(&DEGREES)),
    Entry::new(q::radians, Rom::Fun(&RADIANS)),
    Entry::new(q::erf, Rom::Fun(&ERF)),
    Entry::new(q::erfc, Rom::Fun(&ERFC)),
    Entry::new(q::gamma, Rom::Fun(&GAMMA)),
    Entry::new(q::lgamma, Rom::Fun(&LGAMMA)),
    Entry::new(q::factorial, Rom::Fun(&FACTORIAL)),
];

/// The `math` module.
pub static MATH_MODULE: ModuleDef = ModuleDef::new(q::math, &MATH_LOCALS);

// Double-precision digits and values.
#[cfg(all(test, not(feature = "float-single")))]
#[path = "math_tests.rs"]
mod tests;
