//! Tests for float repr and format_float (expected values from the
//! MicroPython 1.27 wasm build).
use super::*;

#[path = "float_format_cases.rs"]
mod cases;

use alloc::string::String;

fn repr(x: f64) -> String {
    let mut s = FloatText::new();
    float_repr(x, &mut s);
    String::from(s.as_str())
}

#[test]
fn tricky_reprs() {
    assert_eq!(repr(0.1), "0.1");
    assert_eq!(repr(1e16), "1e+16");
    assert_eq!(repr(1.5e-7), "1.5e-07");
    assert_eq!(repr(f64::INFINITY), "inf");
    assert_eq!(repr(f64::NEG_INFINITY), "-inf");
    assert_eq!(repr(f64::NAN), "nan");
    assert_eq!(repr(-0.0), "-0.0");
    assert_eq!(repr(0.0), "0.0");
    assert_eq!(repr(1e100), "1e+100");
    assert_eq!(repr(123456789012345.0), "123456789012345.0");
    assert_eq!(repr(1e22), "1e+22");
    assert_eq!(repr(1e15), "1000000000000000.0");
    assert_eq!(repr(0.30000000000000004), "0.30000000000000004");
    assert_eq!(repr(5e-324), "4.940656458412465e-324");
    assert_eq!(repr(12345678901234568.0), "1.2345678901234568e+16");
    assert_eq!(repr(9999999999999998.0), "9999999999999998.0");
    assert_eq!(repr(1e-5), "1e-05");
    assert_eq!(repr(0.0001), "0.0001");
    assert_eq!(repr(78486620042.1318), "78486620042.13181");
    assert_eq!(repr(1e-320), "0.999988867182683e-320");
    assert_eq!(repr(1e-310), "0.999999999999997e-310");
    assert_eq!(repr(2e-320), "1.999977734365366e-320");
    assert_eq!(repr(5e-321), "4.999944335913415e-321");
    assert_eq!(repr(1.5e-315), "1.500000000192854e-315");
    assert_eq!(repr(1e-319), "0.999988867182683e-319");
    assert_eq!(repr(9e-321), "9.001876067227512e-321");
    assert_eq!(repr(1e-321), "0.998012604599318e-321");
    assert_eq!(repr(1e-322), "0.988131291682493e-322");
    assert_eq!(repr(1e-323), "0.988131291682493e-323");
    assert_eq!(repr(1e+23), "1e+23");
    assert_eq!(repr(1e-05), "1e-05");

}

#[test]
fn repr_matches_oracle_table() {
    let mut bad = alloc::vec::Vec::new();
    for &(bits, want) in cases::REPR_CASES {
        let got = repr(f64::from_bits(bits));
        if got != want {
            bad.push((f64::from_bits(bits), got, want));
        }
    }
    assert!(bad.is_empty(), "{} mismatches, e.g. {:?}", bad.len(), &bad[..bad.len().min(5)]);
    assert!(cases::REPR_CASES.len() > 300);
}

#[test]
fn format_matches_oracle_table() {
    let mut bad = alloc::vec::Vec::new();
    for &(bits, t, prec, want) in cases::FORMAT_CASES {
        let p = if prec < 0 { None } else { Some(prec as usize) };
        let got = format_float(f64::from_bits(bits), t, p, false);
        if got != want {
            bad.push((f64::from_bits(bits), t, prec, got, want));
        }
    }
    assert!(bad.is_empty(), "{} mismatches, e.g. {:?}", bad.len(), &bad[..bad.len().min(8)]);
    assert!(cases::FORMAT_CASES.len() > 2000);
}

#[test]
fn format_specials() {
    assert_eq!(format_float(0.125, 'f', Some(2), false), "0.13");
    assert_eq!(format_float(2.5, 'f', Some(0), false), "3");
    assert_eq!(format_float(0.5, 'f', Some(0), false), "1");
    assert_eq!(format_float(0.45, 'f', Some(0), false), "0");
    assert_eq!(format_float(0.1, 'f', Some(20), false), "0.10000000000000000000");
    assert_eq!(format_float(2.0 / 3.0, 'g', Some(17), false), "0.6666666666666666");
    assert_eq!(format_float(1e16, 'g', None, false), "1e+16");
    assert_eq!(format_float(0.5, '%', Some(1), false), "50.0%");
    assert_eq!(format_float(1.0 / 3.0, '%', Some(2), false), "33.33%");
    assert_eq!(format_float(0.5, '%', None, false), "50.000000%");
    assert_eq!(format_float(-0.0, 'f', Some(1), false), "-0.0");
    assert_eq!(format_float(f64::INFINITY, 'f', None, false), "inf");
    assert_eq!(format_float(f64::NEG_INFINITY, 'g', None, false), "-inf");
    assert_eq!(format_float(f64::NAN, 'e', None, false), "nan");
    assert_eq!(format_float(f64::NAN, 'E', None, false), "NAN");
    assert_eq!(format_float(0.0, 'e', None, false), "0.000000e+00");
    assert_eq!(format_float(0.0, 'g', None, false), "0");
    assert_eq!(format_float(100000.0, 'g', None, false), "100000");
    assert_eq!(format_float(1.5, '\0', None, false), "1.5");
    assert_eq!(format_float(1e16, 'r', None, false), "1e+16");
    assert_eq!(format_float(0.006, 'f', Some(2), false), "0.01");
    assert_eq!(format_float(0.004, 'f', Some(2), false), "0.00");
    assert_eq!(format_float(9.96, 'f', Some(1), false), "10.0");
    assert_eq!(format_float(1.0, 'g', Some(0), true), "1");
}

#[test]
fn micropython_buffer_caps() {
    assert_eq!(format_float(1e23, 'f', None, false), "100000000000000000000000.000000");
    assert_eq!(format_float(0.1, 'f', Some(30), false), "0.10000000000000000000000000000");
    assert_eq!(format_float(-1.0 / 3.0, 'f', Some(30), false), "-0.3333333333333333000000000000");
    assert_eq!(format_float(5e-324, 'f', Some(40), false), "0.000000000000000000000000000000");
    assert_eq!(format_float(2.0 / 3.0, 'e', Some(25), false), "6.666666666666666000000000e-01");
    assert_eq!(format_float(-1.0 / 3.0, 'e', Some(25), false), "-3.33333333333333300000000e-01");
    assert_eq!(format_float(1e23, 'e', Some(30), false), "1.000000000000000000000000e+23");
    assert_eq!(format_float(1e23, 'g', Some(30), false), "100000000000000000000000");
    assert_eq!(format_float(1e24, 'f', None, false), "1000000000000000000000000.00000");
    assert_eq!(format_float(-1e24, 'f', None, false), "-1000000000000000000000000.0000");
    assert_eq!(format_float(1e25, 'f', Some(3), false), "10000000000000000000000000.000");
    assert_eq!(format_float(1e22, '%', None, false), "1000000000000000000000000.00000%");
    assert_eq!(format_float(1e23, 'f', Some(29), false), "100000000000000000000000");
    assert_eq!(format_float(12.5, 'f', Some(29), false), "12.5000000000000000000000000000");
    assert_eq!(format_float(1e10, 'f', Some(1_000_000_000), false), "10000000000");
    assert_eq!(format_float(0.5, 'f', Some(1_000_000_000), false).len(), 31);
    assert_eq!(format_float(0.5, 'g', Some(1_000_000_000), false), "0.5");
    assert_eq!(format_float(0.5, 'e', Some(1_000_000_000), false).len(), 30);
}

/// MicroPython's repr digits computed with core's exact formatting (the
/// oracle; the library does not use it): `%.16g` when it reads back, else
/// `%.17g`.
fn repr_reference(x: f64) -> String {
    let s16 = alloc::format!("{x:.15e}");
    let s = if s16.parse::<f64>() == Ok(x) { s16 } else { alloc::format!("{x:.16e}") };
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let mant = mant.trim_end_matches('0').trim_end_matches('.');
    alloc::format!("{mant}e{exp}")
}

#[test]
fn repr_digits_match_reference() {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    for i in 0..40_000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let x = match i % 3 {
            0 => f64::from_bits(state >> 1),
            1 => (state % 1_000_000) as f64 / 1024.0,
            _ => f64::from_bits((state >> 1) & 0x3fff_ffff_ffff_ffff | 0x3000_0000_0000_0000),
        };
        if !x.is_finite() || x == 0.0 || x < f64::MIN_POSITIVE {
            continue;
        }
        let (d, n, e) = repr_digits(x);
        let digits = core::str::from_utf8(&d[..n]).unwrap_or("");
        let mut got = String::from(&digits[..1]);
        if n > 1 {
            got.push('.');
            got.push_str(&digits[1..]);
        }
        let got = alloc::format!("{got}e{e}");
        let want = repr_reference(x);
        if got != want {
            // Only the double just below a power of ten prints as that power.
            assert!(got.starts_with("1e") && want.starts_with('9'), "{x:e}: {got} vs {want}");
        }
        let mut t = FloatText::new();
        float_repr(x, &mut t);
        assert_eq!(t.parse::<f64>(), Ok(x), "{t:?}");
    }
}
