//! The `cmath` module, as MicroPython's double build has it: `cos`, `e`,
//! `exp`, `log`, `log10`, `phase`, `pi`, `polar`, `rect`, `sin`, `sqrt`
//! (computed through polar form, so `cmath.sqrt(-1)` is
//! `(6.123233995736766e-17+1j)` as on MicroPython).

use crate::typ::Entry;
use crate::flt::Float;
use crate::flt::M;
use super::trig;
use crate::obj::Obj;
use crate::qstr::q;
use crate::state::Vm;
use crate::typ::{BuiltinFun, ModuleDef, Rom};
use crate::types::float_acc as acc;
use crate::types::int_ops::num_of;
use crate::PyResult;

/// A number argument as (re, im).
///
/// Errors: `TypeError: can't convert str to complex`.
fn carg(vm: &mut Vm, o: Obj) -> PyResult<(Float, Float)> {
    match num_of(vm, o) {
        Some(n) => Ok(n.to_complex()),
        None => Err(crate::types::strutil::cant_convert(vm, o, "complex")),
    }
}

fn abs(z: (Float, Float)) -> Float {
    M::sqrt(z.0 * z.0 + z.1 * z.1)
}

fn c_phase(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let a = &[a0];
    let z = carg(vm, a[0])?;
    vm.new_float(M::atan2(z.1, z.0))
}

fn c_polar(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let a = &[a0];
    let z = carg(vm, a[0])?;
    let r = vm.new_float(abs(z))?;
    let p = vm.new_float(M::atan2(z.1, z.0))?;
    vm.new_tuple(&[r, p])
}

/// The complex number of modulus `r` and phase `t`.
///
/// Errors: `MemoryError`.
fn from_polar(vm: &mut Vm, r: Float, t: Float) -> PyResult<Obj> {
    vm.new_complex(r * trig::cos(t), r * trig::sin(t))
}

fn c_rect(vm: &mut Vm, a0: Obj, a1: Obj) -> PyResult<Obj> {
    let a = &[a0, a1];
    let r = crate::types::int::obj_to_f64(vm, a[0])?;
    let p = crate::types::int::obj_to_f64(vm, a[1])?;
    from_polar(vm, r, p)
}

fn c_exp(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let a = &[a0];
    let (re, im) = carg(vm, a[0])?;
    from_polar(vm, crate::types::float_acc::exp(re), im)
}

fn c_log(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let a = &[a0];
    let z = carg(vm, a[0])?;
    vm.new_complex(crate::types::float_acc::log(abs(z)), M::atan2(z.1, z.0))
}

fn c_log10(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let a = &[a0];
    let z = carg(vm, a[0])?;
    vm.new_complex(M::log10(abs(z)), M::atan2(z.1, z.0) / crate::flt::consts::LN_10)
}

fn c_sqrt(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let a = &[a0];
    let z = carg(vm, a[0])?;
    from_polar(vm, M::sqrt(abs(z)), M::atan2(z.1, z.0) / 2.0)
}

/// `cmath.cos` (`sin` false) and `cmath.sin`.
fn cos_sin(vm: &mut Vm, o: Obj, sin: bool) -> PyResult<Obj> {
    let (re, im) = carg(vm, o)?;
    let (c, s, ch, sh) = (trig::cos(re), trig::sin(re), acc::cosh(im), M::sinh(im));
    if sin {
        vm.new_complex(s * ch, c * sh)
    } else {
        vm.new_complex(c * ch, -s * sh)
    }
}

fn c_cos(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let a = &[a0];
    cos_sin(vm, a[0], false)
}

fn c_sin(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let a = &[a0];
    cos_sin(vm, a[0], true)
}

static PHASE: BuiltinFun = BuiltinFun::new1(q::phase, c_phase);
static POLAR: BuiltinFun = BuiltinFun::new1(q::polar, c_polar);
static RECT: BuiltinFun = BuiltinFun::new2(q::rect, c_rect);
static EXP: BuiltinFun = BuiltinFun::new1(q::exp, c_exp);
static LOG: BuiltinFun = BuiltinFun::new1(q::log, c_log);
static LOG10: BuiltinFun = BuiltinFun::new1(q::log10, c_log10);
static SQRT: BuiltinFun = BuiltinFun::new1(q::sqrt, c_sqrt);
static COS: BuiltinFun = BuiltinFun::new1(q::cos, c_cos);
static SIN: BuiltinFun = BuiltinFun::new1(q::sin, c_sin);

static CMATH_LOCALS: [Entry; 12] = [
    Entry::new(q::__name__, Rom::Str(q::cmath)),
    Entry::new(q::e, Rom::Float(crate::flt::consts::E)),
    Entry::new(q::pi, Rom::Float(crate::flt::consts::PI)),
    Entry::new(q::phase, Rom::Fun(&PHASE)),
    Entry::new(q::polar, Rom::Fun(&POLAR)),
    Entry::new(q::rect, Rom::Fun(&RECT)),
    Entry::new(q::exp, Rom::Fun(&EXP)),
    Entry::new(q::log, Rom::Fun(&LOG)),
    Entry::new(q::log10, Rom::Fun(&LOG10)),
    Entry::new(q::sqrt, Rom::Fun(&SQRT)),
    Entry::new(q::cos, Rom::Fun(&COS)),
    Entry::new(q::sin, Rom::Fun(&SIN)),
];

/// The `cmath` module.
pub static CMATH_MODULE: ModuleDef = ModuleDef::new(q::cmath, &CMATH_LOCALS);
