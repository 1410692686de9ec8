//! `complex`: the built-in type (slots, `.real`/`.imag`) and complex
//! arithmetic, as MicroPython's double build does it (no `conjugate`;
//! powers via `exp(b * log(a))`; repr `(1+2j)`, `1j`, `-0j`).

use crate::flt::Float;
use crate::flt::M;
use super::float::{float_hash, parse_float};
use super::float_format::{float_repr_short, FloatText};
use super::int::with_bytes_of;
use super::int_ops::{num_binary_slot, num_of, Num};
use crate::obj::Obj;
use crate::qstr::{q, Qstr};
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{BinaryOp, PrintKind, TypeObj, UnaryOp};
use crate::PyResult;

/// The `complex` type.
pub static COMPLEX_TYPE: TypeObj = TypeObj {
    name: q::complex.tn(),
    make_new: Some(complex_make_new),
    print: Some(complex_print),
    binary_op: Some(num_binary_slot),
    ext: &crate::typ::TypeExt { unary_op: Some(complex_unary_op), attr: Some(complex_attr), ..crate::typ::TypeExt::NONE },
    ..TypeObj::EMPTY
};

/// A complex number.
#[repr(C)]
pub struct ComplexObj {
    /// Header (`complex`).
    pub base: crate::obj::ObjBase,
    /// Real part.
    pub real: Float,
    /// Imaginary part.
    pub imag: Float,
}

fn parts(vm: &Vm, o: Obj) -> Option<(Float, Float)> {
    match num_of(vm, o)? {
        Num::Complex(re, im) => Some((re, im)),
        _ => None,
    }
}

/// Appends the repr of `re + im*j`: `1j` when the real part is zero
/// (either sign), else `(re+imj)`.
pub fn complex_repr(re: Float, im: Float, out: &mut FloatText) {
    if re == 0.0 {
        float_repr_short(im, out);
        out.push('j');
        return;
    }
    out.push('(');
    float_repr_short(re, out);
    if im.is_nan() || !im.is_sign_negative() {
        out.push('+');
    }
    float_repr_short(im, out);
    out.push_str("j)");
}

fn complex_print(vm: &mut Vm, o: Obj, out: &mut Out, _kind: PrintKind) -> PyResult<()> {
    if let Some((re, im)) = parts(vm, o) {
        let mut t = FloatText::new();
        complex_repr(re, im, &mut t);
        return out.str(vm, t.as_str());
    }
    Ok(())
}

fn complex_attr(vm: &mut Vm, o: Obj, name: Qstr, store: Option<Obj>) -> PyResult<Obj> {
    if store.is_some() {
        return Ok(Obj::NULL);
    }
    let Some((re, im)) = parts(vm, o) else { return Ok(Obj::NULL) };
    if name == q::real {
        vm.new_float(re)
    } else if name == q::imag {
        vm.new_float(im)
    } else {
        Ok(Obj::NULL)
    }
}

/// `complex()`, `complex(x)`, `complex(s)`, `complex(re, im)`.
fn complex_make_new(vm: &mut Vm, _cls: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    if !kw.is_empty() {
        return Err(super::strutil::no_kw(vm));
    }
    match args.len() {
        0 => vm.new_complex(0.0, 0.0),
        1 => {
            if let Some(n) = num_of(vm, args[0]) {
                let (re, im) = n.to_complex();
                return vm.new_complex(re, im);
            }
            let parsed = with_bytes_of(vm, args[0], false, |vm, text| match parse_complex(text) {
                Some((re, im)) => vm.new_complex(re, im),
                None => Err(super::strutil::number_syntax(vm)),
            });
            if let Some(r) = parsed {
                return r;
            }
            // MicroPython converts other objects through `__float__`.
            let re = super::float::float_via_method(vm, args[0], "complex")?;
            vm.new_complex(re, 0.0)
        }
        2 => {
            let (a, b) = (arg_complex(vm, args[0])?, arg_complex(vm, args[1])?);
            // a + b*j
            vm.new_complex(a.0 - b.1, a.1 + b.0)
        }
        n => Err(super::strutil::too_many_args(vm, 2, n)),
    }
}

fn arg_complex(vm: &mut Vm, o: Obj) -> PyResult<(Float, Float)> {
    match num_of(vm, o) {
        Some(n) => Ok(n.to_complex()),
        None => {
            Err(super::strutil::cant_convert(vm, o, "float"))
        }
    }
}

/// Parses `'1+2j'`, `'2j'`, `'j'`, `'3'`, `' 1.5-2.5j '` into (re, im).
pub fn parse_complex(text: &[u8]) -> Option<(Float, Float)> {
    let s = text.trim_ascii();
    let Some(b) = s.strip_suffix(b"j").or_else(|| s.strip_suffix(b"J")) else {
        return Some((parse_float(s)?, 0.0));
    };
    let split = (1..b.len())
        .rev()
        .find(|&i| (b[i] == b'+' || b[i] == b'-') && !matches!(b[i - 1], b'e' | b'E'));
    let imag = |t: &[u8]| -> Option<Float> {
        match t {
            b"" | b"+" => Some(1.0),
            b"-" => Some(-1.0),
            _ => parse_float(t),
        }
    };
    match split {
        Some(i) => Some((parse_float(b.get(..i)?)?, imag(b.get(i..)?)?)),
        None => Some((0.0, imag(b)?)),
    }
}

fn complex_unary_op(vm: &mut Vm, op: UnaryOp, o: Obj) -> PyResult<Obj> {
    let Some((re, im)) = parts(vm, o) else { return Ok(Obj::NULL) };
    match op {
        UnaryOp::Bool => Ok(Obj::bool(re != 0.0 || im != 0.0)),
        UnaryOp::Positive => Ok(o),
        UnaryOp::Negative => vm.new_complex(-re, -im),
        UnaryOp::Abs => vm.new_float(M::sqrt(re * re + im * im)),
        UnaryOp::Hash => {
            if im == 0.0 {
                return float_hash(vm, re);
            }
            let h = float_hash(vm, re)?.as_small_int().unwrap_or(0);
            let g = float_hash(vm, im)?.as_small_int().unwrap_or(0);
            Ok(Obj::small_int((h ^ g.wrapping_mul(1000003)) & 0x3fff_ffff))
        }
        _ => Ok(Obj::NULL),
    }
}

/// `exp(z)`.
fn cexp(re: Float, im: Float) -> (Float, Float) {
    let m = super::float_acc::exp(re);
    (m * crate::modules::trig::cos(im), m * crate::modules::trig::sin(im))
}

/// `log(z)` (principal branch).
fn clog(re: Float, im: Float) -> (Float, Float) {
    (super::float_acc::log(M::sqrt(re * re + im * im)), M::atan2(im, re))
}

/// `a op b` for complex numbers given as (re, im) (plain op). NULL for
/// ops complex doesn't have (ordering, `%`, divmod, bitwise).
///
/// Errors: `ZeroDivisionError: complex divide by zero`, `TypeError: can't
/// truncate-divide a complex number`, `ZeroDivisionError: 0.0 to a complex
/// power`.
pub fn complex_binary_op(vm: &mut Vm, op: BinaryOp, a: (Float, Float), b: (Float, Float)) -> PyResult<Obj> {
    use BinaryOp::*;
    let (ar, ai) = a;
    let (br, bi) = b;
    let (r, i) = match op.non_inplace() {
        Equal => return Ok(Obj::bool(ar == br && ai == bi)),
        NotEqual => return Ok(Obj::bool(ar != br || ai != bi)),
        Add => (ar + br, ai + bi),
        Subtract => (ar - br, ai - bi),
        Multiply => (ar * br - ai * bi, ar * bi + ai * br),
        TrueDivide => {
            if br == 0.0 && bi == 0.0 {
                return Err(vm.zero_division_error(msg!("complex divide by zero")));
            }
            // MicroPython's formulas (they fix the last digits printed).
            if bi == 0.0 {
                (ar / br, ai / br)
            } else if br == 0.0 {
                (ai / bi, -ar / bi)
            } else {
                let inv = 1.0 / (br * br + bi * bi);
                ((ar * br + ai * bi) * inv, (ai * br - ar * bi) * inv)
            }
        }
        FloorDivide => return Err(vm.type_error(msg!("can't truncate-divide a complex number"))),
        Power => {
            if ar == 0.0 && ai == 0.0 {
                if br == 0.0 && bi == 0.0 {
                    (1.0, 0.0)
                } else if bi != 0.0 || br < 0.0 {
                    return Err(vm.zero_division_error(msg!("0.0 to a complex power")));
                } else {
                    (0.0, 0.0)
                }
            } else {
                let (lr, li) = clog(ar, ai);
                cexp(br * lr - bi * li, br * li + bi * lr)
            }
        }
        _ => return Ok(Obj::NULL),
    };
    vm.new_complex(r, i)
}

#[cfg(test)]
mod tests {
    use super::*;

    use alloc::string::String;

    fn repr(re: Float, im: Float) -> String {
        let mut s = FloatText::new();
        complex_repr(re, im, &mut s);
        String::from(s.as_str())
    }

    #[test]
    #[cfg_attr(feature = "float-single", ignore = "double-precision digits")]
    fn reprs_match_micropython() {
        assert_eq!(repr(1.0, 2.0), "(1+2j)");
        assert_eq!(repr(0.0, 1.0), "1j");
        assert_eq!(repr(-0.0, -1.0), "-1j");
        assert_eq!(repr(-0.0, -0.0), "-0j");
        assert_eq!(repr(0.0, 0.0), "0j");
        assert_eq!(repr(1.5, -2.5), "(1.5-2.5j)");
        assert_eq!(repr(0.0, Float::INFINITY), "infj");
        assert_eq!(repr(Float::INFINITY, Float::NAN), "(inf+nanj)");
        assert_eq!(repr(1e-5, 1e16), "(1e-05+1e+16j)");
        assert_eq!(repr(0.0, 1e20), "1e+20j");
        assert_eq!(repr(-3.0, 4.000000000000002), "(-3+4.000000000000002j)");
    }

    #[test]
    fn parse() {
        assert_eq!(parse_complex(b"1+2j"), Some((1.0, 2.0)));
        assert_eq!(parse_complex(b"3"), Some((3.0, 0.0)));
        assert_eq!(parse_complex(b"2j"), Some((0.0, 2.0)));
        assert_eq!(parse_complex(b" 1.5-2.5j "), Some((1.5, -2.5)));
        assert_eq!(parse_complex(b"j"), Some((0.0, 1.0)));
        assert_eq!(parse_complex(b"1+j"), Some((1.0, 1.0)));
        assert_eq!(parse_complex(b"1e-5-1e+2j"), Some((1e-5, -100.0)));
        assert_eq!(parse_complex(b"abc"), None);
        assert_eq!(parse_complex(b""), None);
    }
}
