//! Tests for the math and cmath modules (expected values from
//! MicroPython 1.27's wasm build).
use super::*;
use crate::types::num_testutil::{show, with_vm};
use alloc::string::String;

fn m(vm: &mut Vm, f: &'static BuiltinFun, args: &[f64]) -> String {
    // On the Rust stack, where the gc sees them (not in a Vec).
    let mut objs = [Obj::NONE; 2];
    for (o, &x) in objs.iter_mut().zip(args) {
        *o = vm.new_float(x).unwrap_or(Obj::NONE);
    }
    let r = vm.call(f.obj(), &objs[..args.len().min(2)], &[]);
    show(vm, r)
}

#[test]
fn values() {
    with_vm(|mut vm| {
        let v = &mut vm;
        assert_eq!(m(v, &SQRT, &[2.0]), "1.4142135623730951");
        assert_eq!(m(v, &SQRT, &[-0.0]), "-0.0");
        assert_eq!(m(v, &LOG, &[8.0, 2.0]), "3.0");
        assert_eq!(m(v, &LOG, &[100.0, 10.0]), "2.0");
        assert_eq!(m(v, &LOG, &[1e-320]), "-736.8272408909739");
        assert_eq!(m(v, &LOG2, &[8.0]), "3.0");
        assert_eq!(m(v, &LOG10, &[1000.0]), "3.0");
        assert_eq!(m(v, &EXP, &[1.0]), "2.718281828459045");
        assert_eq!(m(v, &EXP, &[-1000.0]), "0.0");
        assert_eq!(m(v, &EXPM1, &[1e-10]), "1.00000000005e-10");
        assert_eq!(m(v, &GAMMA, &[0.5]), "1.7724538509055159");
        assert_eq!(m(v, &GAMMA, &[171.0]), "7.257415615307998e+306");
        assert_eq!(m(v, &GAMMA, &[5.0]), "24.0");
        assert_eq!(m(v, &LGAMMA, &[0.1]), "2.2527126517342055");
        assert_eq!(m(v, &ERF, &[0.5]), "0.5204998778130465");
        assert_eq!(m(v, &ERFC, &[0.5]), "0.4795001221869535");
        assert_eq!(m(v, &COS, &[0.0]), "1.0");
        assert_eq!(m(v, &SIN, &[core::f64::consts::PI]), "1.2246467991473532e-16");
        assert_eq!(m(v, &TAN, &[1.0]), "1.5574077246549023");
        assert_eq!(m(v, &ATAN2, &[1.0, -1.0]), "2.356194490192345");
        assert_eq!(m(v, &COSH, &[1.0]), "1.5430806348152437");
        assert_eq!(m(v, &SINH, &[1.0]), "1.1752011936438014");
        assert_eq!(m(v, &TANH, &[1.0]), "0.7615941559557649");
        assert_eq!(m(v, &ASINH, &[1.0]), "0.881373587019543");
        assert_eq!(m(v, &ACOSH, &[2.0]), "1.3169578969248166");
        assert_eq!(m(v, &ATANH, &[0.5]), "0.5493061443340548");
        assert_eq!(m(v, &DEGREES, &[1.0]), "57.29577951308232");
        assert_eq!(m(v, &RADIANS, &[1.0]), "0.017453292519943295");
        assert_eq!(m(v, &FMOD, &[-7.0, 3.0]), "-1.0");
        assert_eq!(m(v, &FMOD, &[5.0, f64::INFINITY]), "5.0");
        assert_eq!(m(v, &LDEXP, &[1.5, 3.0]), "TypeError: can't convert float to int");
        assert_eq!(m(v, &FREXP, &[-0.1]), "(-0.8, -3)");
        assert_eq!(m(v, &FREXP, &[f64::INFINITY]), "(inf, 0)");
        assert_eq!(m(v, &MODF, &[-2.5]), "(-0.5, -2.0)");
        assert_eq!(m(v, &MODF, &[f64::INFINITY]), "(0.0, inf)");
        assert_eq!(m(v, &CEIL, &[-0.5]), "0");
        assert_eq!(m(v, &FLOOR, &[-0.5]), "-1");
        assert_eq!(m(v, &TRUNC, &[-2.7]), "-2");
        assert_eq!(m(v, &CEIL, &[1e20]), "100000000000000000000");
        assert_eq!(m(v, &COPYSIGN, &[1.0, -0.0]), "-1.0");
        assert_eq!(m(v, &COPYSIGN, &[3.0, f64::NAN]), "3.0");
        assert_eq!(m(v, &POW, &[f64::NAN, 0.0]), "1.0");
        assert_eq!(m(v, &ISFINITE, &[f64::INFINITY]), "False");
        assert_eq!(m(v, &ISNAN, &[f64::NAN]), "True");
        let r = vm.call(LDEXP.obj(), &[Obj::small_int(1), Obj::small_int(2000)], &[]);
        assert_eq!(show(&mut vm, r), "inf");
    })
}

#[test]
fn domain_errors() {
    with_vm(|mut vm| {
        let v = &mut vm;
        let de = "ValueError: math domain error";
        assert_eq!(m(v, &SQRT, &[-1.0]), de);
        assert_eq!(m(v, &LOG, &[0.0]), de);
        assert_eq!(m(v, &LOG, &[-0.0]), de);
        assert_eq!(m(v, &LOG, &[10.0, 0.0]), de);
        assert_eq!(m(v, &LOG, &[1.0, 1.0]), "ZeroDivisionError: divide by zero");
        assert_eq!(m(v, &LOG2, &[0.0]), de);
        assert_eq!(m(v, &ACOS, &[2.0]), de);
        assert_eq!(m(v, &ATANH, &[1.0]), de);
        assert_eq!(m(v, &ACOSH, &[0.0]), de);
        assert_eq!(m(v, &GAMMA, &[0.0]), de);
        assert_eq!(m(v, &GAMMA, &[-1.0]), de);
        assert_eq!(m(v, &GAMMA, &[172.0]), de);
        assert_eq!(m(v, &GAMMA, &[f64::NEG_INFINITY]), de);
        assert_eq!(m(v, &GAMMA, &[f64::INFINITY]), "inf");
        assert_eq!(m(v, &LGAMMA, &[0.0]), de);
        assert_eq!(m(v, &POW, &[0.0, -1.0]), de);
        assert_eq!(m(v, &POW, &[-8.0, 1.0 / 3.0]), de);
        assert_eq!(m(v, &POW, &[10.0, 400.0]), de);
        assert_eq!(m(v, &FMOD, &[1.0, 0.0]), de);
        assert_eq!(m(v, &FMOD, &[f64::INFINITY, 1.0]), de);
        assert_eq!(m(v, &EXP, &[1000.0]), de);
        assert_eq!(m(v, &COSH, &[1000.0]), de);
        assert_eq!(m(v, &EXPM1, &[1000.0]), de);
        assert_eq!(m(v, &COS, &[f64::INFINITY]), de);
        assert_eq!(m(v, &EXP, &[f64::NAN]), "nan");
        assert_eq!(m(v, &CEIL, &[f64::INFINITY]), "OverflowError: can't convert inf to int");
        assert_eq!(m(v, &FLOOR, &[f64::NAN]), "ValueError: can't convert NaN to int");
    })
}

#[test]
fn factorial_and_isclose() {
    with_vm(|mut vm| {
        let f = |vm: &mut Vm, n: Obj| {
            let r = vm.call(FACTORIAL.obj(), &[n], &[]);
            show(vm, r)
        };
        assert_eq!(f(&mut vm, Obj::small_int(20)), "2432902008176640000");
        assert_eq!(f(&mut vm, Obj::small_int(30)), "265252859812191058636308480000000");
        assert_eq!(f(&mut vm, Obj::small_int(0)), "1");
        assert_eq!(f(&mut vm, Obj::TRUE), "1");
        assert_eq!(f(&mut vm, Obj::small_int(-1)), "ValueError: negative factorial");
        let x = vm.new_float(5.0).unwrap_or(Obj::NONE);
        assert_eq!(f(&mut vm, x), "TypeError: can't convert float to int");
        assert_eq!(f(&mut vm, Obj::small_int(171)), "1241018070217667823424840524103103992616605577501693185388951803611996075221691752992751978120487585576464959501670387052809889858690710767331242032218484364310473577889968548278290754541561964852153468318044293239598173696899657235903947616152278558180061176365108428800000000000000000000000000000000000000000");
        let c = |vm: &mut Vm, a: f64, b: f64, kw: &[(crate::Qstr, f64)]| {
            let (x, y) = (vm.new_float(a).unwrap_or(Obj::NONE), vm.new_float(b).unwrap_or(Obj::NONE));
            let mut k = alloc::vec::Vec::new();
            for &(n, v) in kw {
                k.push(Obj::qstr(n));
                k.push(vm.new_float(v).unwrap_or(Obj::NONE));
            }
            let r = vm.call(ISCLOSE.obj(), &[x, y], &k);
            show(vm, r)
        };
        assert_eq!(c(&mut vm, 1.0, 1.0000001, &[]), "False");
        assert_eq!(c(&mut vm, 1.0, 1.000000001, &[]), "False");
        assert_eq!(c(&mut vm, 1.0, 1.1, &[(q::rel_tol, 0.2)]), "True");
        assert_eq!(c(&mut vm, 0.0, 1e-10, &[(q::abs_tol, 1e-9)]), "True");
        assert_eq!(c(&mut vm, f64::INFINITY, f64::INFINITY, &[]), "True");
        assert_eq!(c(&mut vm, 1.0, 1.0, &[(q::rel_tol, -1.0)]), "ValueError: math domain error");
        let r = vm.call(ISCLOSE.obj(), &[Obj::small_int(1), Obj::small_int(2), Obj::small_int(3)], &[]);
        assert_eq!(show(&mut vm, r), "TypeError: extra positional arguments given");
    })
}

#[test]
fn cmath_values() {
    use super::super::cmath::CMATH_MODULE;
    with_vm(|mut vm| {
        let get = |name: crate::Qstr| {
            crate::typ::find(CMATH_MODULE.locals, name).and_then(|r| r.to_obj()).unwrap_or(Obj::NONE)
        };
        let run = |vm: &mut Vm, name: crate::Qstr, re: f64, im: f64| {
            let z = vm.new_complex(re, im).unwrap_or(Obj::NONE);
            let r = vm.call(get(name), &[z], &[]);
            show(vm, r)
        };
        assert_eq!(run(&mut vm, q::sqrt, -1.0, 0.0), "(6.123233995736766e-17+1j)");
        assert_eq!(run(&mut vm, q::sqrt, -0.0, 0.0), "0j");
        assert_eq!(run(&mut vm, q::exp, 0.0, 1.0), "(0.5403023058681398+0.8414709848078965j)");
        assert_eq!(run(&mut vm, q::log, -1.0, 0.0), "3.141592653589793j");
        assert_eq!(run(&mut vm, q::log, 0.0, 0.0), "(-inf+0j)");
        assert_eq!(run(&mut vm, q::log10, 100.0, 0.0), "(2+0j)");
        assert_eq!(run(&mut vm, q::phase, -1.0, 0.0), "3.141592653589793");
        assert_eq!(run(&mut vm, q::polar, 0.0, 1.0), "(1.0, 1.5707963267948966)");
        assert_eq!(run(&mut vm, q::cos, 0.0, 1.0), "(1.5430806348152437-0j)");
        assert_eq!(run(&mut vm, q::sin, 1.0, 1.0), "(1.2984575814159773+0.6349639147847361j)");
        assert_eq!(run(&mut vm, q::exp, 1000.0, 0.0), "(inf+nanj)");
    })
}
