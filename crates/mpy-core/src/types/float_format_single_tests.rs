//! Single-precision repr and formatting (features `float-single`,
//! `float-stuffed`): `%.7g` (stuffed: `%.6g`) with `.0` for integral
//! values, as official MicroPython's single-precision ports print.

use super::*;
use crate::Float;

fn repr(x: Float) -> FloatText {
    let mut t = FloatText::new();
    float_repr(x, &mut t);
    t
}

#[cfg(not(feature = "float-stuffed"))]
#[test]
fn repr_seven_digits() {
    assert_eq!(repr(1.0 / 3.0), "0.3333333");
    assert_eq!(repr(0.1), "0.1");
    assert_eq!(repr(1e10), "1e+10");
    assert_eq!(repr(crate::flt::M::pow(2.0, 100.0)), "1.267651e+30");
    assert_eq!(repr(1234567.0), "1234567.0");
    assert_eq!(repr(12345678.0), "1.234568e+07");
    assert_eq!(repr(0.0001), "0.0001");
    assert_eq!(repr(0.00001), "1e-05");
    assert_eq!(repr(core::f32::consts::PI), "3.141593");
    assert_eq!(format_float(0.1, 'f', Some(12), false), "0.100000001000");
    assert_eq!(format_float(2.5, 'e', Some(3), false), "2.500e+00");
}

#[cfg(feature = "float-stuffed")]
#[test]
fn repr_six_digits() {
    // The values as they come out of the object word (30 bits).
    let s = |x: f32| crate::obj::unstuff_f32(crate::obj::stuff_f32(x));
    assert_eq!(repr(s(1.0 / 3.0)), "0.333333");
    assert_eq!(repr(s(0.1)), "0.1");
    assert_eq!(repr(s(1e10)), "1e+10");
    assert_eq!(repr(s(crate::flt::M::pow(2.0, 100.0))), "1.26765e+30");
    assert_eq!(repr(s(123456.0)), "123456.0");
    assert_eq!(repr(s(1234567.0)), "1.23457e+06");
    assert_eq!(repr(s(core::f32::consts::PI)), "3.14159");
}

#[test]
fn repr_specials() {
    assert_eq!(repr(Float::INFINITY), "inf");
    assert_eq!(repr(-Float::INFINITY), "-inf");
    assert_eq!(repr(Float::NAN), "nan");
    assert_eq!(repr(-0.0), "-0.0");
    assert_eq!(repr(1.5), "1.5");
    assert_eq!(repr(-2.0), "-2.0");
    assert_eq!(repr(1e38), "1e+38");
}

#[path = "float_format_single_cases.rs"]
mod cases;

/// CPython's `%g` text as a repr (`.0` added to integral values).
fn as_repr(g: &str) -> alloc::string::String {
    let mut s = alloc::string::String::from(g);
    if !g.contains(['.', 'e', 'n']) {
        s.push_str(".0");
    }
    s
}

#[test]
fn cpython_digits() {
    let stuffed = cfg!(feature = "float-stuffed");
    for &(bits, g7, g6, e3, f4) in cases::CASES {
        let x = f32::from_bits(bits);
        #[cfg(feature = "float-stuffed")]
        if crate::obj::unstuff_f32(crate::obj::stuff_f32(x)) != x {
            continue;
        }
        let want = as_repr(if stuffed { g6 } else { g7 });
        assert_eq!(repr(x).as_str(), want.as_str(), "repr of {bits:#x}");
        assert_eq!(repr(-x).as_str(), alloc::format!("-{want}").as_str());
        // An exact tie at that many digits: CPython rounds to even, an
        // explicit precision here rounds away from zero (as MicroPython).
        let tie = |n: u32| flt::decimal(x, n, Round::HalfEven) != flt::decimal(x, n, Round::HalfAway);
        if !tie(7) {
            assert_eq!(format_float(x, 'g', Some(7), false), g7, "%.7g of {bits:#x}");
        }
        if !tie(6) {
            assert_eq!(format_float(x, 'g', Some(6), false), g6, "%.6g of {bits:#x}");
        }
        if !e3.is_empty() {
            assert_eq!(format_float(x, 'e', Some(3), false), e3, "%.3e of {bits:#x}");
        }
        if !f4.is_empty() {
            assert_eq!(format_float(x, 'f', Some(4), false), f4, "%.4f of {bits:#x}");
        }
    }
}

#[test]
fn parse_round_trips() {
    use crate::types::float::parse_float;
    for &(bits, g7, ..) in cases::CASES {
        let x = f32::from_bits(bits);
        // 9 significant digits always read back.
        let t = format_float(x, 'e', Some(8), false);
        assert_eq!(parse_float(t.as_bytes()).map(f32::to_bits), Some(bits), "{t:?}");
        // The 7-digit text reads back as the nearest single.
        let want: f32 = g7.parse().unwrap_or(f32::NAN);
        assert_eq!(parse_float(g7.as_bytes()).map(f32::to_bits), Some(want.to_bits()), "{g7}");
    }
    assert_eq!(parse_float(b" -1_000.5e-1_0 "), Some(-1000.5e-10));
    assert_eq!(parse_float(b"1e39"), Some(f32::INFINITY));
    assert_eq!(parse_float(b"-1e-50").map(f32::to_bits), Some((-0.0f32).to_bits()));
    assert_eq!(parse_float(b"7.006492321624086e-46"), Some(f32::from_bits(1)));
    assert_eq!(parse_float(b"16777217"), Some(16777216.0));
    assert_eq!(parse_float(b"."), Some(0.0));
    assert_eq!(parse_float(b"1e"), None);
    assert!(parse_float(b"-NaN").is_some_and(f32::is_nan));
}
