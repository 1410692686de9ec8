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
