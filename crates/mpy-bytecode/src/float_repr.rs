//! Float and complex constant text as the official `mpy-cross` 1.29 writes
//! it in `.mpy` files (observed, not derived from its source):
//!
//! - 16 significant digits (`%.16g`-like), or 17 when 16 do not read back
//!   to the same double; exact decimal ties round half away from zero
//!   (`925503777977760.25` → `925503777977760.3`);
//! - trailing zeros dropped; fixed notation when the decimal exponent is in
//!   −4..16, else `d.ddde±XX` (at least two exponent digits);
//! - floats get `.0` when the text has no `.`/`e` (`2.0`, `100000.0`);
//!   `inf`, `-inf`, `nan`, `-0.0`;
//! - complex constants are the imaginary part in the same digits without
//!   the `.0` suffix, then `j` (`3j`, `1.5j`, `infj`, `0j`).
//!
//! Known divergence: for some doubles with very large or small exponents
//! the official tool's last digit differs from the correctly rounded one
//! (e.g. it writes `3.0207537547780337e+262` where the exact value rounds
//! to `…336e+262`); such constants are not reproduced byte for byte.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// Significant digits (no leading zeros, trailing zeros stripped, at least
/// one digit) and decimal exponent of |x| rounded to `prec` digits, ties
/// away from zero. `x` must be finite and non-zero.
fn digits(x: f64, prec: usize) -> (Vec<u8>, i32) {
    // 40 extra digits let us see whether the value is an exact tie.
    let s = format!("{:.*e}", prec + 39, x.abs());
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let mut exp: i32 = exp.parse().unwrap_or(0);
    let all: Vec<u8> = mant.bytes().filter(u8::is_ascii_digit).collect();
    let mut d: Vec<u8> = all.iter().take(prec).copied().collect();
    let rest = &all[prec.min(all.len())..];
    let round_up = match rest.first() {
        Some(&b) if b > b'5' => true,
        Some(&b'5') => true, // above half or exact tie: both round up
        _ => false,
    };
    if round_up {
        let mut i = d.len();
        loop {
            if i == 0 {
                d.insert(0, b'1');
                d.pop();
                exp += 1;
                break;
            }
            i -= 1;
            if d[i] == b'9' {
                d[i] = b'0';
            } else {
                d[i] += 1;
                break;
            }
        }
    }
    while d.len() > 1 && d.last() == Some(&b'0') {
        d.pop();
    }
    (d, exp)
}

fn parse_back(neg: bool, d: &[u8], exp: i32) -> Option<f64> {
    let mut s = String::new();
    if neg {
        s.push('-');
    }
    s.push(char::from(d[0]));
    s.push('.');
    for &c in &d[1..] {
        s.push(char::from(c));
    }
    s.push_str(&format!("e{exp}"));
    s.parse().ok()
}

/// Append the `.mpy` text of a finite/infinite/NaN `x`; `float_suffix`
/// adds `.0` to integral fixed-notation results.
fn write_number(out: &mut String, x: f64, float_suffix: bool) {
    if x.is_nan() {
        out.push_str("nan");
        return;
    }
    if x.is_sign_negative() {
        out.push('-');
    }
    if x.is_infinite() {
        out.push_str("inf");
        return;
    }
    if x == 0.0 {
        out.push_str(if float_suffix { "0.0" } else { "0" });
        return;
    }
    let (mut d, mut exp) = digits(x, 16);
    // The rounding in `digits` is approximate only with respect to "above
    // half"; anything other than the exact double falls back to 17 digits.
    if parse_back(false, &d, exp) != Some(x.abs()) {
        (d, exp) = digits(x, 17);
    }
    let start = out.len();
    if (-4..16).contains(&exp) {
        if exp >= 0 {
            let e = exp as usize;
            for i in 0..=e {
                out.push(char::from(*d.get(i).unwrap_or(&b'0')));
            }
            if d.len() > e + 1 {
                out.push('.');
                for &c in &d[e + 1..] {
                    out.push(char::from(c));
                }
            }
        } else {
            out.push_str("0.");
            for _ in 0..(-exp - 1) {
                out.push('0');
            }
            for &c in &d {
                out.push(char::from(c));
            }
        }
        if float_suffix && !out[start..].contains('.') {
            out.push_str(".0");
        }
    } else {
        out.push(char::from(d[0]));
        if d.len() > 1 {
            out.push('.');
            for &c in &d[1..] {
                out.push(char::from(c));
            }
        }
        out.push_str(&format!(
            "e{}{:02}",
            if exp < 0 { '-' } else { '+' },
            exp.unsigned_abs()
        ));
    }
}

/// The `.mpy` text of a float constant (`0.1`, `1e+100`, `-0.0`, `2.0`, `inf`).
pub fn float_repr(x: f64) -> String {
    let mut s = String::new();
    write_number(&mut s, x, true);
    s
}

/// The `.mpy` text of a purely imaginary complex constant with imaginary
/// part `im` (`3j`, `1.5j`, `infj`).
pub fn complex_repr(im: f64) -> String {
    let mut s = String::new();
    write_number(&mut s, im, false);
    s.push('j');
    s
}

/// Parse float-constant text (decimal, exponent, `inf`, `-inf`, `nan`).
/// Returns `None` on anything else.
#[cfg(feature = "float")]
pub fn parse_float(text: &str) -> Option<f64> {
    let ok = !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'+' | b'-'));
    if !ok {
        return None;
    }
    // The boards' floats are single precision: parsing straight to `f32`
    // (one rounding, as a single-float MicroPython does) shares the VM's
    // `float()` parser instead of linking a second, `f64` one (-0.8 KB).
    #[cfg(target_os = "none")]
    return mpy_float::parse::<f32>(text.as_bytes()).map(mpy_float::f32_to_f64);
    #[cfg(not(target_os = "none"))]
    mpy_float::parse(text.as_bytes())
}

/// Parse complex-constant text (a float text followed by `j` or `J`); returns
/// the imaginary part.
#[cfg(feature = "float")]
pub fn parse_complex(text: &str) -> Option<f64> {
    let t = text.strip_suffix('j').or_else(|| text.strip_suffix('J'))?;
    parse_float(t)
}

#[cfg(all(test, feature = "float"))]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::excessive_precision)]
    fn observed_official_texts() {
        let cases: &[(f64, &str)] = &[
            (0.1, "0.1"),
            (1e100, "1e+100"),
            (1e-7, "1e-07"),
            (2.0, "2.0"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (1234567890123456.0, "1234567890123456.0"),
            (12345678901234567.0, "1.2345678901234568e+16"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "nan"),
            (1.5e300, "1.5e+300"),
            (5e-324, "4.940656458412465e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
            (0.3, "0.3"),
            (1.0 / 3.0, "0.3333333333333333"),
            (1e22, "1e+22"),
            (123.456, "123.456"),
            (2.5e-5, "2.5e-05"),
            (100.0, "100.0"),
            (1e5, "100000.0"),
            (-0.0, "-0.0"),
            (0.0, "0.0"),
            (-2.0, "-2.0"),
            (925503777977760.25, "925503777977760.3"),
            (75378941227680.125, "75378941227680.13"),
        ];
        for &(x, t) in cases {
            assert_eq!(float_repr(x), t);
            if !x.is_nan() {
                assert_eq!(parse_float(t).map(f64::to_bits), Some(x.to_bits()), "{t}");
            }
        }
        assert_eq!(complex_repr(3.0), "3j");
        assert_eq!(complex_repr(1.5), "1.5j");
        assert_eq!(complex_repr(f64::INFINITY), "infj");
        assert_eq!(complex_repr(0.0), "0j");
        assert_eq!(parse_complex("1.5j"), Some(1.5));
        assert_eq!(parse_complex("1.5"), None);
        assert_eq!(parse_float(""), None);
        assert_eq!(parse_float("1 "), None);
        assert!(parse_float("nan").is_some_and(f64::is_nan));
    }

    #[test]
    fn roundtrips_through_text() {
        let mut x: u64 = 0x1234_5678_9abc_def0;
        for _ in 0..20000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let f = f64::from_bits(x);
            let t = float_repr(f);
            let back = parse_float(&t).unwrap_or(0.5);
            assert!(back.to_bits() == f.to_bits() || f.is_nan(), "{f:e} -> {t}");
        }
    }
}
