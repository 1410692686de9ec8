//! Tests for int: arithmetic through the runtime, conversions, bytes.
//! Expected strings were obtained from the MicroPython 1.27 wasm build.
use super::*;
use crate::typ::BinaryOp::{self, *};
use alloc::string::String;
use crate::types::num_testutil::{bin, call, cpx, flt, int, show, un, with_vm};

fn bi(a: &str, op: BinaryOp, b: &str) -> String {
    with_vm(|mut vm| {
        let (x, y) = (int(&mut vm, a), int(&mut vm, b));
        bin(&mut vm, op, x, y)
    })
}

#[test]
#[cfg_attr(feature = "float-single", ignore = "double-precision digits")]
fn small_int_arithmetic() {
    assert_eq!(bi("7", Add, "5"), "12");
    assert_eq!(bi("-7", FloorDivide, "2"), "-4");
    assert_eq!(bi("-7", Modulo, "2"), "1");
    assert_eq!(bi("7", Modulo, "-2"), "-1");
    assert_eq!(bi("-7", TrueDivide, "2"), "-3.5");
    assert_eq!(bi("-7", Divmod, "2"), "(-4, 1)");
    assert_eq!(bi("2", Power, "-2"), "0.25");
    assert_eq!(bi("10", Power, "-1"), "0.1");
    assert_eq!(bi("3", Power, "-2"), "0.1111111111111111");
    assert_eq!(bi("-3", Power, "3"), "-27");
    assert_eq!(bi("0", Power, "0"), "1");
    assert_eq!(bi("-5", And, "3"), "3");
    assert_eq!(bi("-5", Or, "3"), "-5");
    assert_eq!(bi("-5", Xor, "3"), "-8");
    assert_eq!(bi("-5", Rshift, "1"), "-3");
    assert_eq!(bi("5", Lshift, "0"), "5");
    assert_eq!(bi("0", Lshift, "100"), "0");
    assert_eq!(bi("7", Less, "8"), "True");
    assert_eq!(bi("7", MoreEqual, "8"), "False");
    assert_eq!(bi("7", InplaceAdd, "1"), "8");
}

#[test]
fn overflow_into_big_ints() {
    assert_eq!(bi("4611686018427387903", Add, "1"), "4611686018427387904");
    assert_eq!(bi("4611686018427387904", Multiply, "2"), "9223372036854775808");
    assert_eq!(bi("-9223372036854775808", FloorDivide, "-1"), "9223372036854775808");
    assert_eq!(bi("1", Lshift, "64"), "18446744073709551616");
    assert_eq!(bi("-1", Lshift, "64"), "-18446744073709551616");
    assert_eq!(bi("1", Lshift, "100"), "1267650600228229401496703205376");
    assert_eq!(bi("2", Power, "100"), "1267650600228229401496703205376");
    assert_eq!(bi("-2", Power, "63"), "-9223372036854775808");
    assert_eq!(bi("-2", Power, "64"), "18446744073709551616");
    // Results that fit go back to small ints.
    with_vm(|mut vm| {
        let a = int(&mut vm, "18446744073709551616");
        let b = int(&mut vm, "4294967296");
        let r = vm.binary_op(FloorDivide, a, b).unwrap_or(Obj::NULL);
        // 2**32: a small int on 64-bit targets only.
        if usize::BITS == 64 {
            assert_eq!(r.as_small_int().map(|v| v as i64), Some(4294967296));
        } else {
            assert!(r.as_small_int().is_none());
        }
        let c = int(&mut vm, "18446744073709551617");
        let r = vm.binary_op(Subtract, c, a).unwrap_or(Obj::NULL);
        assert_eq!(r.as_small_int(), Some(1));
    })
}

#[test]
#[cfg_attr(feature = "float-single", ignore = "double-precision digits")]
fn big_int_arithmetic() {
    let p70 = "1180591620717411303424";
    assert_eq!(bi("18446744073709551616", Modulo, "7"), "2");
    assert_eq!(bi("-18446744073709551616", FloorDivide, "3"), "-6148914691236517206");
    assert_eq!(bi("-18446744073709551616", Modulo, "3"), "2");
    assert_eq!(bi("18446744073709551616", Modulo, "-3"), "-2");
    assert_eq!(bi(p70, Divmod, "-3"), "(-393530540239137101142, -2)");
    assert_eq!(bi("-1180591620717411303424", Divmod, "7"), "(-168655945816773043347, 5)");
    assert_eq!(bi("7", Divmod, "-1180591620717411303424"), "(-1, -1180591620717411303417)");
    assert_eq!(bi("7", FloorDivide, p70), "0");
    assert_eq!(bi("-7", FloorDivide, p70), "-1");
    assert_eq!(bi(p70, And, "-1"), p70);
    assert_eq!(bi(p70, Or, "-1180591620717411303424"), "-1180591620717411303424");
    assert_eq!(bi(p70, Xor, "2361183241434822606848"), "3541774862152233910272");
    assert_eq!(bi("-1180591620717411303424", And, "255"), "0");
    assert_eq!(bi("-1180591620717411303424", Rshift, "3"), "-147573952589676412928");
    assert_eq!(bi("-1180591620717411303424", Rshift, "1000"), "-1");
    assert_eq!(bi(p70, Rshift, "1000"), "0");
    assert_eq!(bi(p70, Lshift, "2"), "4722366482869645213696");
    assert_eq!(bi("1267650600228229401496703205376", TrueDivide, "633825300114114700748351602688"), "2.0");
    assert_eq!(bi(p70, Power, "-1"), "8.470329472543003e-22");
    assert_eq!(bi("-1", Power, p70), "1");
    assert_eq!(bi(p70, Equal, p70), "True");
    assert_eq!(bi(p70, More, "590295810358705651712"), "True");
    assert_eq!(bi("-1180591620717411303424", Less, "5"), "True");
    assert_eq!(bi("5", Less, p70), "True");
    let p = "1798465042647412146620280340569649349251249";
    assert_eq!(bi("7", Power, "50"), p);
    assert_eq!(bi(p, Modulo, "10000000000"), "9349251249");
}

#[test]
fn zero_division_and_shift_errors() {
    assert_eq!(bi("1", FloorDivide, "0"), "ZeroDivisionError: divide by zero");
    assert_eq!(bi("1", Modulo, "0"), "ZeroDivisionError: divide by zero");
    assert_eq!(bi("1", TrueDivide, "0"), "ZeroDivisionError: divide by zero");
    assert_eq!(bi("0", Power, "-1"), "ZeroDivisionError: divide by zero");
    assert_eq!(bi("1", Divmod, "0"), "ZeroDivisionError: divide by zero");
    assert_eq!(bi("1180591620717411303424", FloorDivide, "0"), "ZeroDivisionError: divide by zero");
    assert_eq!(bi("1", Lshift, "-1"), "ValueError: negative shift count");
    assert_eq!(bi("1", Rshift, "-1"), "ValueError: negative shift count");
    assert_eq!(
        bi("1", Rshift, "1180591620717411303424"),
        "OverflowError: overflow converting long int to machine word"
    );
    assert!(bi("2", Power, "1180591620717411303424").starts_with("OverflowError"));
    let r = bi("3", Power, "100000000000");
    // The exponent is a big int on 32-bit targets (as on MicroPython).
    assert!(r.starts_with("MemoryError") || (usize::BITS == 32 && r.starts_with("OverflowError")), "{r}");
}

#[test]
#[cfg_attr(feature = "float-single", ignore = "double-precision digits")]
fn mixed_operands() {
    with_vm(|mut vm| {
        let (one, f) = (Obj::small_int(1), flt(&mut vm, 1.0));
        assert_eq!(bin(&mut vm, Equal, one, f), "True");
        assert_eq!(bin(&mut vm, Equal, Obj::TRUE, f), "True");
        let p70 = int(&mut vm, "1180591620717411303425");
        let f70 = flt(&mut vm, 1180591620717411303424.0);
        // MicroPython compares via float.
        assert_eq!(bin(&mut vm, Equal, p70, f70), "True");
        let h = flt(&mut vm, 1.5);
        assert_eq!(bin(&mut vm, Multiply, p70, h), "1.770887431076117e+21");
        assert_eq!(bin(&mut vm, Less, one, h), "True");
        let s = Obj::qstr(crate::qstr::q::int);
        assert_eq!(bin(&mut vm, Add, one, s), "TypeError: unsupported types for __add__: 'int', 'str'");
        let c = cpx(&mut vm, 0.0, 1.0);
        assert_eq!(bin(&mut vm, Add, Obj::TRUE, c), "(1+1j)");
        assert_eq!(bin(&mut vm, Add, Obj::TRUE, Obj::TRUE), "2");
        assert_eq!(bin(&mut vm, And, Obj::TRUE, Obj::TRUE), "1");
        assert_eq!(bin(&mut vm, Subtract, one, Obj::TRUE), "0");
        assert_eq!(bin(&mut vm, Lshift, Obj::TRUE, one), "2");
        assert_eq!(bin(&mut vm, TrueDivide, Obj::TRUE, Obj::small_int(2)), "0.5");
        assert_eq!(bin(&mut vm, FloorDivide, Obj::TRUE, Obj::small_int(0)), "ZeroDivisionError: divide by zero");
        assert_eq!(bin(&mut vm, Power, Obj::small_int(3), Obj::TRUE), "3");
        assert_eq!(bin(&mut vm, Less, Obj::TRUE, Obj::small_int(2)), "True");
        let big = int(&mut vm, "100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000");
        let big2 = int(&mut vm, "10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000");
        assert_eq!(bin(&mut vm, TrueDivide, big, one), "inf");
        assert_eq!(bin(&mut vm, TrueDivide, big, big2), "nan");
        let fmax = flt(&mut vm, crate::Float::MAX);
        assert_eq!(bin(&mut vm, More, big, fmax), "True");
    })
}

#[test]
fn unary_and_hash() {
    with_vm(|mut vm| {
        let five = Obj::small_int(5);
        assert_eq!(un(&mut vm, UnaryOp::Invert, five), "-6");
        assert_eq!(un(&mut vm, UnaryOp::Invert, Obj::TRUE), "-2");
        assert_eq!(un(&mut vm, UnaryOp::Negative, Obj::TRUE), "-1");
        assert_eq!(un(&mut vm, UnaryOp::Positive, Obj::TRUE), "1");
        assert_eq!(un(&mut vm, UnaryOp::Abs, Obj::TRUE), "1");
        let m = int(&mut vm, "-1180591620717411303424");
        assert_eq!(un(&mut vm, UnaryOp::Invert, m), "1180591620717411303423");
        assert_eq!(un(&mut vm, UnaryOp::Abs, m), "1180591620717411303424");
        let min = int(&mut vm, "-4611686018427387904");
        assert_eq!(un(&mut vm, UnaryOp::Negative, min), "4611686018427387904");
        assert_eq!(un(&mut vm, UnaryOp::Bool, m), "True");
        let one_f = flt(&mut vm, 1.0);
        let h1 = vm.hash(Obj::small_int(1)).ok();
        assert_eq!(vm.hash(one_f).ok(), h1);
        assert_eq!(vm.hash(Obj::TRUE).ok(), h1);
        let big = int(&mut vm, "1180591620717411303424");
        let bigf = flt(&mut vm, 1180591620717411303424.0);
        let hb = vm.hash(big).ok();
        assert_eq!(vm.hash(bigf).ok(), hb);
        let c = cpx(&mut vm, 1.0, 0.0);
        assert_eq!(vm.hash(c).ok(), h1);
    })
}

#[test]
#[cfg_attr(feature = "float-single", ignore = "double-precision digits")]
fn constructor() {
    with_vm(|mut vm| {
        let int_t = Obj::from_type(&INT_TYPE);
        let s = |vm: &mut Vm, text: &str| vm.new_str(text).unwrap_or(Obj::NONE);
        let a = s(&mut vm, " 12 ");
        assert_eq!(call(&mut vm, int_t, &[a]), "12");
        let a = s(&mut vm, "0x1f");
        assert_eq!(call(&mut vm, int_t, &[a, Obj::small_int(0)]), "31");
        let a = s(&mut vm, "12a");
        assert_eq!(call(&mut vm, int_t, &[a]), "ValueError: invalid syntax for integer with base 10: '12a'");
        let a = s(&mut vm, "12");
        assert_eq!(call(&mut vm, int_t, &[a, Obj::small_int(1)]), "ValueError: int() arg 2 must be >= 2 and <= 36");
        assert_eq!(call(&mut vm, int_t, &[a, Obj::TRUE]), "ValueError: int() arg 2 must be >= 2 and <= 36");
        let f = flt(&mut vm, 2.0);
        assert_eq!(call(&mut vm, int_t, &[a, f]), "TypeError: can't convert float to int");
        assert_eq!(
            call(&mut vm, int_t, &[Obj::small_int(12), Obj::small_int(10)]),
            "TypeError: can't convert 'int' object to str implicitly"
        );
        let nine = s(&mut vm, "999999999999999999999999999999");
        assert_eq!(call(&mut vm, int_t, &[nine]), "999999999999999999999999999999");
        let f = flt(&mut vm, -2.5);
        assert_eq!(call(&mut vm, int_t, &[f]), "-2");
        let f = flt(&mut vm, 1e30);
        assert_eq!(call(&mut vm, int_t, &[f]), "1000000000000000019884624838656");
        let f = flt(&mut vm, -1e19);
        assert_eq!(call(&mut vm, int_t, &[f]), "-10000000000000000000");
        let f = flt(&mut vm, crate::Float::INFINITY);
        assert_eq!(call(&mut vm, int_t, &[f]), "OverflowError: can't convert inf to int");
        let f = flt(&mut vm, crate::Float::NAN);
        assert_eq!(call(&mut vm, int_t, &[f]), "ValueError: can't convert NaN to int");
        assert_eq!(call(&mut vm, int_t, &[Obj::TRUE]), "1");
        assert_eq!(call(&mut vm, int_t, &[Obj::NONE]), "TypeError: can't convert NoneType to int");
        let c = cpx(&mut vm, 1.0, 2.0);
        assert_eq!(call(&mut vm, int_t, &[c]), "TypeError: can't convert complex to int");
        let b = vm.new_bytes(b"12").unwrap_or(Obj::NONE);
        assert_eq!(call(&mut vm, int_t, &[b]), "12");
        assert_eq!(call(&mut vm, int_t, &[]), "0");
        let r = vm.call(int_t, &[a], &[a, a]);
        assert_eq!(show(&mut vm, r), "TypeError: function doesn't take keyword arguments");
    })
}

fn method(vm: &mut Vm, o: Obj, name: crate::Qstr, args: &[Obj]) -> String {
    let r = vm.load_attr(o, name).and_then(|m| vm.call(m, args, &[]));
    show(vm, r)
}

#[test]
fn to_and_from_bytes() {
    with_vm(|mut vm| {
        let big = Obj::qstr(q::big);
        let little = Obj::qstr(q::little);
        let n255 = Obj::small_int(255);
        assert_eq!(method(&mut vm, n255, q::to_bytes, &[Obj::small_int(2), big]), "b'\\x00\\xff'");
        assert_eq!(method(&mut vm, n255, q::to_bytes, &[Obj::small_int(1), little]), "b'\\xff'");
        let n256 = Obj::small_int(256);
        assert_eq!(method(&mut vm, n256, q::to_bytes, &[Obj::small_int(1), big]), "OverflowError: buffer too small");
        let m1 = Obj::small_int(-1);
        assert_eq!(method(&mut vm, m1, q::to_bytes, &[Obj::small_int(2), big]), "b'\\xff\\xff'");
        let m129 = Obj::small_int(-129);
        assert_eq!(method(&mut vm, m129, q::to_bytes, &[Obj::small_int(1), big, Obj::TRUE]), "OverflowError: buffer too small");
        let n128 = Obj::small_int(128);
        assert_eq!(method(&mut vm, n128, q::to_bytes, &[Obj::small_int(1), big, Obj::TRUE]), "b'\\x80'");
        let five = Obj::small_int(5);
        assert_eq!(method(&mut vm, five, q::to_bytes, &[Obj::small_int(2)]), "b'\\x00\\x05'");
        assert_eq!(method(&mut vm, five, q::to_bytes, &[Obj::small_int(-1), big]), "ValueError: ");
        let p100 = int(&mut vm, "1267650600228229401496703205376");
        assert_eq!(
            method(&mut vm, p100, q::to_bytes, &[Obj::small_int(20), little]),
            "b'\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x10\\x00\\x00\\x00\\x00\\x00\\x00\\x00'"
        );
        let p64 = int(&mut vm, "18446744073709551616");
        assert_eq!(method(&mut vm, p64, q::to_bytes, &[Obj::small_int(8), big]), "OverflowError: buffer too small");
        let int_t = Obj::from_type(&INT_TYPE);
        let b = vm.new_bytes(b"\x01\x00").unwrap_or(Obj::NONE);
        assert_eq!(method(&mut vm, int_t, q::from_bytes, &[b, big]), "256");
        assert_eq!(method(&mut vm, int_t, q::from_bytes, &[b, little]), "1");
        let b = vm.new_bytes(b"\xff\xff").unwrap_or(Obj::NONE);
        assert_eq!(method(&mut vm, int_t, q::from_bytes, &[b, big, Obj::TRUE]), "65535");
        let b = vm.new_bytes(&[1u8; 20]).unwrap_or(Obj::NONE);
        assert_eq!(method(&mut vm, int_t, q::from_bytes, &[b, big]), "5731378969925109483151705226338364782964441345");
        assert_eq!(
            method(&mut vm, int_t, q::from_bytes, &[five, big]),
            "TypeError: object with buffer protocol required"
        );
    })
}

#[test]
fn helpers() {
    with_vm(|mut vm| {
        let f = flt(&mut vm, 2.5);
        let r = obj_to_i64(&mut vm, f).map(|_| Obj::NONE);
        assert_eq!(show(&mut vm, r), "TypeError: can't convert float to int");
        let big = int(&mut vm, "1180591620717411303424");
        let r = obj_to_i64(&mut vm, big).map(|_| Obj::NONE);
        assert_eq!(show(&mut vm, r), "OverflowError: overflow converting long int to machine word");
        assert_eq!(obj_to_i64(&mut vm, Obj::TRUE).ok(), Some(1));
        assert_eq!(obj_to_f64(&mut vm, big).ok(), Some(1180591620717411303424.0));
        let s = Obj::qstr(q::int);
        let r = obj_to_f64(&mut vm, s).map(|_| Obj::NONE);
        assert_eq!(show(&mut vm, r), "TypeError: can't convert str to float");
        let r = index_of_for(&mut vm, f, "list").map(|_| Obj::NONE);
        assert_eq!(show(&mut vm, r), "TypeError: list indices must be integers, not float");
        assert_eq!(index_of(&mut vm, Obj::small_int(-3)).ok(), Some(-3));
        assert_eq!(index_of(&mut vm, Obj::TRUE).ok(), Some(1));
        let radix = |vm: &mut Vm, o: Obj, base: u32, prefix: &str| {
            let r = int_to_str_radix(vm, o, base, prefix);
            show(vm, r)
        };
        assert_eq!(radix(&mut vm, Obj::small_int(-255), 16, "0x"), "'-0xff'");
        assert_eq!(radix(&mut vm, Obj::small_int(0), 2, "0b"), "'0b0'");
        assert_eq!(radix(&mut vm, Obj::small_int(8), 8, "0o"), "'0o10'");
        assert_eq!(radix(&mut vm, big, 16, ""), "'400000000000000000'");
        let nbig = int(&mut vm, "-1180591620717411303424");
        assert_eq!(radix(&mut vm, nbig, 2, "0b"), "'-0b10000000000000000000000000000000000000000000000000000000000000000000000'");
        assert_eq!(obj_to_int_val(&mut vm, Obj::FALSE).ok().and_then(|v| v.to_i64()), Some(0));
    })
}

#[test]
fn pow3() {
    with_vm(|mut vm| {
        let i = |v: isize| Obj::small_int(v);
        let p = |vm: &mut Vm, a: Obj, b: Obj, c: Obj| {
            let r = super::super::int_ops::int_pow3(vm, a, b, c);
            show(vm, r)
        };
        assert_eq!(p(&mut vm, i(2), i(10), i(7)), "2");
        assert_eq!(p(&mut vm, i(2), i(-1), i(7)), "0");
        assert_eq!(p(&mut vm, i(2), i(2), i(0)), "ValueError: divide by zero");
        assert_eq!(p(&mut vm, i(-3), i(3), i(5)), "3");
        assert_eq!(p(&mut vm, i(3), i(3), i(-5)), "-3");
        assert_eq!(p(&mut vm, i(3), i(0), i(7)), "1");
        assert_eq!(p(&mut vm, i(0), i(0), i(7)), "0");
        assert_eq!(p(&mut vm, i(5), i(0), i(1)), "0");
        assert_eq!(p(&mut vm, i(-2), i(3), i(7)), "6");
        assert_eq!(p(&mut vm, i(2), i(3), i(-7)), "-6");
        let m = int(&mut vm, "1180591620717411303424");
        assert_eq!(p(&mut vm, i(3), i(100), m), "993139557134778242001");
        assert_eq!(p(&mut vm, i(2), m, i(10)), "6");
        let f = flt(&mut vm, 2.0);
        assert_eq!(p(&mut vm, f, i(2), i(3)), "TypeError: pow() with 3 arguments requires integers");
    })
}

#[test]
fn small_int_fast_path_direct() {
    with_vm(|mut vm| {
        let r = super::super::int_ops::small_int_binary_op(&mut vm, Add, 2, 3);
        assert_eq!(r.ok().and_then(|o| o.as_small_int()), Some(5));
        let r = super::super::int_ops::small_int_binary_op(&mut vm, Multiply, Obj::SMALL_INT_MAX, Obj::SMALL_INT_MAX);
        let m = Obj::SMALL_INT_MAX as i128;
        assert_eq!(show(&mut vm, r), alloc::format!("{}", m * m));
        let r = super::super::int_ops::small_int_binary_op(&mut vm, Power, 3, 40);
        assert_eq!(show(&mut vm, r), "12157665459056928801");
        let r = super::super::int_ops::small_int_binary_op(&mut vm, Lshift, 3, 61);
        assert_eq!(show(&mut vm, r), "6917529027641081856");
        let r = super::super::int_ops::small_int_binary_op(&mut vm, Rshift, -1, 1000);
        assert_eq!(show(&mut vm, r), "-1");
    })
}


#[test]
fn div_radix_without_u64_division() {
    let ns = [0u64, 1, 35, 36, 65535, 65536, 0xffff_ffff, 0x1_0000_0000, 12157665459056928801, u64::MAX, 1 << 63];
    for &n in &ns {
        for d in 2..=36u32 {
            assert_eq!(super::div_radix(n, d), (n / d as u64, (n % d as u64) as u32), "{n} / {d}");
        }
    }
}
