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

/// The one-argument functions' one body: `phase` (`which` 0), `polar`
/// (1), `log` (2), `log10` (3), `sqrt` (4) from the argument's modulus
/// and phase, `exp` (5), `cos` (6) and `sin` (7) (each a
/// [`BuiltinFun::new1_at`] of it).
fn cm(vm: &mut Vm, o: Obj, which: usize) -> PyResult<Obj> {
    let (re, im) = carg(vm, o)?;
    if which >= 5 {
        if which == 5 {
            return from_polar(vm, acc::exp(re), im);
        }
        let (c, s, ch, sh) = (trig::cos(re), trig::sin(re), acc::cosh(im), M::sinh(im));
        return if which == 7 { vm.new_complex(s * ch, c * sh) } else { vm.new_complex(c * ch, -s * sh) };
    }
    let (r, t) = (M::sqrt(re * re + im * im), M::atan2(im, re));
    match which {
        0 => vm.new_float(t),
        1 => {
            let r = vm.new_float(r)?;
            let p = vm.new_float(t)?;
            vm.new_tuple(&[r, p])
        }
        2 => vm.new_complex(acc::log(r), t),
        3 => vm.new_complex(M::log10(r), t / crate::flt::consts::LN_10),
        _ => from_polar(vm, M::sqrt(r), t / 2.0),
    }
}

/// The complex number of modulus `r` and phase `t`.
///
/// Errors: `MemoryError`.
fn from_polar(vm: &mut Vm, r: Float, t: Float) -> PyResult<Obj> {
    vm.new_complex(r * trig::cos(t), r * trig::sin(t))
}

fn c_rect(vm: &mut Vm, a0: Obj, a1: Obj) -> PyResult<Obj> {
    let r = crate::types::int::obj_to_f64(vm, a0)?;
    let p = crate::types::int::obj_to_f64(vm, a1)?;
    from_polar(vm, r, p)
}

static PHASE: BuiltinFun = BuiltinFun::new1_at(q::phase, cm, 0);
static POLAR: BuiltinFun = BuiltinFun::new1_at(q::polar, cm, 1);
static RECT: BuiltinFun = BuiltinFun::new2(q::rect, c_rect);
static EXP: BuiltinFun = BuiltinFun::new1_at(q::exp, cm, 5);
static LOG: BuiltinFun = BuiltinFun::new1_at(q::log, cm, 2);
static LOG10: BuiltinFun = BuiltinFun::new1_at(q::log10, cm, 3);
static SQRT: BuiltinFun = BuiltinFun::new1_at(q::sqrt, cm, 4);
static COS: BuiltinFun = BuiltinFun::new1_at(q::cos, cm, 6);
static SIN: BuiltinFun = BuiltinFun::new1_at(q::sin, cm, 7);

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
