//! Tests for float ops, parsing, hashing, round() and complex arithmetic
//! (expected values from the MicroPython 1.27 wasm build).
use super::*;
use crate::typ::BinaryOp::*;
use crate::types::round::round;
use alloc::string::String;
use crate::types::num_testutil::{bin, call, cpx, flt, int, show, un, with_vm};

fn fb(a: f64, op: BinaryOp, b: f64) -> String {
    with_vm(|mut vm| {
        let (x, y) = (flt(&mut vm, a), flt(&mut vm, b));
        bin(&mut vm, op, x, y)
    })
}

#[test]
fn arithmetic() {
    assert_eq!(fb(1.5, Add, 2.25), "3.75");
    assert_eq!(fb(7.0, FloorDivide, -2.0), "-4.0");
    assert_eq!(fb(-7.5, FloorDivide, 2.0), "-4.0");
    assert_eq!(fb(-7.5, Modulo, 2.0), "0.5");
    assert_eq!(fb(7.5, Modulo, -2.0), "-0.5");
    assert_eq!(fb(-0.0, Modulo, 1.0), "0.0");
    assert_eq!(fb(0.0, Modulo, -1.0), "-0.0");
    assert_eq!(fb(-7.5, Divmod, 2.0), "(-4.0, 0.5)");
    assert_eq!(fb(7.0, Divmod, 2.5), "(2.0, 2.0)");
    assert_eq!(fb(-7.5, Divmod, -2.0), "(3.0, -1.5)");
    assert_eq!(fb(1e300, Modulo, 7.0), "1.0");
    assert_eq!(fb(f64::INFINITY, Modulo, 3.0), "nan");
    assert_eq!(fb(3.0, Modulo, f64::INFINITY), "3.0");
    assert_eq!(fb(-3.0, Modulo, f64::INFINITY), "inf");
    assert_eq!(fb(f64::INFINITY, FloorDivide, 1.0), "nan");
    assert_eq!(fb(0.1, Add, 0.2), "0.30000000000000004");
    assert_eq!(fb(2.0, Power, 0.5), "1.4142135623730951");
    assert_eq!(fb(2.0, Power, -1.0), "0.5");
    assert_eq!(fb(-2.0, Power, 2.0), "4.0");
    assert_eq!(fb(0.0, Power, 0.0), "1.0");
    assert_eq!(fb(1e308, Power, 2.0), "inf");
    assert_eq!(fb(-1e308, Power, 3.0), "-inf");
    assert_eq!(fb(-8.0, Power, 1.0 / 3.0), "(1+1.732050807568877j)");
    assert_eq!(fb(-2.0, Power, 0.5), "(8.659560562354932e-17+1.414213562373095j)");
    assert_eq!(fb(1e308, Multiply, 10.0), "inf");
    assert_eq!(fb(f64::NAN, Less, 1.0), "False");
    assert_eq!(fb(f64::NAN, Equal, f64::NAN), "False");
    assert_eq!(fb(1.0, Lshift, 1.0), "TypeError: unsupported types for __lshift__: 'float', 'float'");
}

#[test]
fn division_by_zero() {
    for op in [TrueDivide, FloorDivide, Modulo, Divmod] {
        assert_eq!(fb(1.0, op, 0.0), "ZeroDivisionError: divide by zero");
    }
    assert_eq!(fb(0.0, Power, -1.0), "ZeroDivisionError: divide by zero");
    assert_eq!(fb(0.0, Power, f64::NEG_INFINITY), "inf");
    assert_eq!(fb(-0.0, Power, f64::NEG_INFINITY), "inf");
    assert_eq!(fb(f64::NEG_INFINITY, Power, 0.5), "(nan+nanj)");
    assert_eq!(fb(f64::NEG_INFINITY, Power, 3.0), "-inf");
    assert_eq!(fb(-0.0, Power, 0.5), "0.0");
    with_vm(|mut vm| {
        let f = flt(&mut vm, 5.0);
        let z = flt(&mut vm, 0.0);
        assert_eq!(bin(&mut vm, Modulo, Obj::small_int(5), z), "ZeroDivisionError: divide by zero");
        assert_eq!(bin(&mut vm, TrueDivide, f, Obj::small_int(0)), "ZeroDivisionError: divide by zero");
    })
}

#[test]
fn unary_ops() {
    with_vm(|mut vm| {
        let x = flt(&mut vm, -2.5);
        assert_eq!(un(&mut vm, UnaryOp::Abs, x), "2.5");
        assert_eq!(un(&mut vm, UnaryOp::Negative, x), "2.5");
        assert_eq!(un(&mut vm, UnaryOp::Invert, x), "TypeError: unsupported type for __invert__: 'float'");
        let z = flt(&mut vm, 0.0);
        assert_eq!(un(&mut vm, UnaryOp::Negative, z), "-0.0");
        assert_eq!(un(&mut vm, UnaryOp::Bool, z), "False");
        let h = flt(&mut vm, 1.5);
        assert_eq!(vm.hash(h).ok(), Some(1));
        let inf = flt(&mut vm, f64::INFINITY);
        assert_eq!(un(&mut vm, UnaryOp::Hash, inf), "-1");
    })
}

#[test]
fn constructor_and_parsing() {
    with_vm(|mut vm| {
        let ft = Obj::from_type(&FLOAT_TYPE);
        let cases = [
            (" 1.5 ", "1.5"),
            ("1_0.5", "10.5"),
            ("-Infinity", "-inf"),
            ("nan", "nan"),
            ("-nan", "nan"),
            ("1e500", "inf"),
            (".5", "0.5"),
            ("5.", "5.0"),
            ("INF", "inf"),
            ("+inF", "inf"),
            ("1e-400", "0.0"),
            ("abc", "ValueError: invalid syntax for number"),
            ("", "ValueError: invalid syntax for number"),
            ("1e", "ValueError: invalid syntax for number"),
            ("0x10", "ValueError: invalid syntax for number"),
            ("in_f", "ValueError: invalid syntax for number"),
            (".", "0.0"),
            ("e5", "0.0"),
            ("1e1_0", "10000000000.0"),
            ("1e+", "ValueError: invalid syntax for number"),
            ("+", "ValueError: invalid syntax for number"),
            ("1.e5", "100000.0"),
            ("2.4703282292062328e-324", "4.940656458412465e-324"),
        ];
        for (text, want) in cases {
            let s = vm.new_str(text).unwrap_or(Obj::NONE);
            assert_eq!(call(&mut vm, ft, &[s]), want, "float({text:?})");
        }
        assert_eq!(call(&mut vm, ft, &[Obj::NONE]), "TypeError: can't convert NoneType to float");
        assert_eq!(call(&mut vm, ft, &[Obj::TRUE]), "1.0");
        assert_eq!(call(&mut vm, ft, &[]), "0.0");
        let big = int(&mut vm, "1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000");
        assert_eq!(call(&mut vm, ft, &[big]), "inf");
        let c = cpx(&mut vm, 0.0, 2.0);
        assert_eq!(call(&mut vm, ft, &[c]), "TypeError: can't convert complex to float");
        let b = vm.new_bytes(b"1.5").unwrap_or(Obj::NONE);
        assert_eq!(call(&mut vm, ft, &[b]), "1.5");
    })
}

fn rnd(vm: &mut Vm, x: Obj, n: Obj) -> String {
    let r = round(vm, x, n);
    show(vm, r)
}

#[test]
fn rounding() {
    with_vm(|mut vm| {
        let f = |vm: &mut Vm, x: f64, n: Option<isize>| {
            let o = flt(vm, x);
            rnd(vm, o, n.map_or(Obj::NULL, Obj::small_int))
        };
        assert_eq!(f(&mut vm, 2.675, Some(2)), "2.68");
        assert_eq!(f(&mut vm, 1.005, Some(2)), "1.0");
        assert_eq!(f(&mut vm, 0.285, Some(2)), "0.28");
        assert_eq!(f(&mut vm, 1.115, Some(2)), "1.12");
        assert_eq!(f(&mut vm, 2.5, Some(0)), "2.0");
        assert_eq!(f(&mut vm, 3.5, Some(0)), "4.0");
        assert_eq!(f(&mut vm, -2.5, None), "-2");
        assert_eq!(f(&mut vm, 2.5, None), "2");
        assert_eq!(f(&mut vm, -3.5, None), "-4");
        assert_eq!(f(&mut vm, 0.49999999999999994, None), "0");
        assert_eq!(f(&mut vm, 1e16, None), "10000000000000000");
        assert_eq!(f(&mut vm, 1234.5678, Some(-2)), "1200.0");
        assert_eq!(f(&mut vm, 1e300, Some(2)), "1e+300");
        assert_eq!(f(&mut vm, 1.5e-300, Some(300)), "2e-300");
        assert_eq!(f(&mut vm, 0.1, Some(20)), "0.1");
        assert_eq!(f(&mut vm, 0.1, Some(400)), "nan");
        assert_eq!(f(&mut vm, 1e300, Some(10)), "inf");
        assert_eq!(f(&mut vm, 123.5, Some(-400)), "nan");
        assert_eq!(f(&mut vm, 1.23456, Some(-1)), "0.0");
        assert_eq!(f(&mut vm, f64::INFINITY, Some(2)), "inf");
        assert_eq!(f(&mut vm, f64::INFINITY, None), "OverflowError: can't convert inf to int");
        assert_eq!(f(&mut vm, f64::NAN, None), "ValueError: can't convert NaN to int");
        assert_eq!(f(&mut vm, 8.345, Some(2)), "8.35");
        assert_eq!(f(&mut vm, 0.045, Some(2)), "0.04");
        let i = |v: isize| Obj::small_int(v);
        assert_eq!(rnd(&mut vm, i(5), i(-1)), "0");
        assert_eq!(rnd(&mut vm, i(15), i(-1)), "20");
        assert_eq!(rnd(&mut vm, i(25), i(-1)), "20");
        assert_eq!(rnd(&mut vm, i(-15), i(-1)), "-20");
        assert_eq!(rnd(&mut vm, i(7), i(-5)), "0");
        assert_eq!(rnd(&mut vm, i(2), i(2)), "2");
        let big = int(&mut vm, "12345678901234567890123");
        assert_eq!(rnd(&mut vm, big, i(-5)), "12345678901234567900000");
        assert_eq!(rnd(&mut vm, Obj::TRUE, Obj::NULL), "1");
        let x = flt(&mut vm, 2.5);
        assert_eq!(rnd(&mut vm, x, Obj::NONE), "TypeError: can't convert NoneType to int");
    })
}

#[test]
fn complex_arithmetic() {
    with_vm(|mut vm| {
        let a = cpx(&mut vm, 1.0, 2.0);
        let b = cpx(&mut vm, 3.0, -4.0);
        assert_eq!(bin(&mut vm, Multiply, a, b), "(11+2j)");
        assert_eq!(bin(&mut vm, TrueDivide, a, b), "(-0.2+0.4j)");
        assert_eq!(bin(&mut vm, TrueDivide, a, Obj::small_int(0)), "ZeroDivisionError: complex divide by zero");
        assert_eq!(bin(&mut vm, FloorDivide, a, Obj::small_int(2)), "TypeError: can't truncate-divide a complex number");
        assert_eq!(bin(&mut vm, Modulo, a, Obj::small_int(2)), "TypeError: unsupported types for __mod__: 'complex', 'int'");
        assert_eq!(bin(&mut vm, Power, a, Obj::small_int(2)), "(-3+4.000000000000002j)");
        let h = flt(&mut vm, 0.5);
        assert_eq!(bin(&mut vm, Power, a, h), "(1.272019649514069+0.7861513777574233j)");
        let e = cpx(&mut vm, 1.0, 1.0);
        assert_eq!(bin(&mut vm, Power, Obj::small_int(2), e), "(1.5384778027279442+1.2779225526272695j)");
        let z = cpx(&mut vm, 0.0, 0.0);
        assert_eq!(bin(&mut vm, Power, z, Obj::small_int(0)), "(1+0j)");
        assert_eq!(bin(&mut vm, Power, z, Obj::small_int(-1)), "ZeroDivisionError: 0.0 to a complex power");
        let j = cpx(&mut vm, 0.0, 1.0);
        assert_eq!(bin(&mut vm, Power, Obj::small_int(0), j), "ZeroDivisionError: 0.0 to a complex power");
        assert_eq!(bin(&mut vm, Equal, a, a), "True");
        let one = cpx(&mut vm, 1.0, 0.0);
        assert_eq!(bin(&mut vm, Equal, one, Obj::small_int(1)), "True");
        assert_eq!(bin(&mut vm, Less, a, b), "TypeError: unsupported types for __lt__: 'complex', 'complex'");
        let c = cpx(&mut vm, 3.0, 4.0);
        assert_eq!(un(&mut vm, UnaryOp::Abs, c), "5.0");
        assert_eq!(un(&mut vm, UnaryOp::Negative, a), "(-1-2j)");
        assert_eq!(un(&mut vm, UnaryOp::Bool, z), "False");
        let r = vm.load_attr(a, crate::qstr::q::real);
        assert_eq!(show(&mut vm, r), "1.0");
        let r = vm.load_attr(a, crate::qstr::q::imag);
        assert_eq!(show(&mut vm, r), "2.0");
        let r = vm.load_attr(a, crate::qstr::q::conjugate);
        assert_eq!(show(&mut vm, r), "AttributeError: 'complex' object has no attribute 'conjugate'");
        let ct = Obj::from_type(&crate::types::complex::COMPLEX_TYPE);
        assert_eq!(call(&mut vm, ct, &[j, Obj::small_int(2)]), "3j");
        assert_eq!(call(&mut vm, ct, &[j, j]), "(-1+1j)");
        assert_eq!(call(&mut vm, ct, &[]), "0j");
        assert_eq!(call(&mut vm, ct, &[Obj::NONE]), "TypeError: can't convert NoneType to complex");
        let s = vm.new_str("1").unwrap_or(Obj::NONE);
        assert_eq!(call(&mut vm, ct, &[s, Obj::small_int(2)]), "TypeError: can't convert str to float");
        let s = vm.new_str(" 1.5-2.5j ").unwrap_or(Obj::NONE);
        assert_eq!(call(&mut vm, ct, &[s]), "(1.5-2.5j)");
        let big = flt(&mut vm, 1e300);
        let bj = cpx(&mut vm, 0.0, 1e300);
        assert_eq!(bin(&mut vm, Multiply, bj, big), "infj");
    })
}
