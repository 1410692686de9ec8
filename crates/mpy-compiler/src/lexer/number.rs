//! Number literals: scanning the token text and converting it the way
//! MicroPython does (observed on `mpy-cross` 1.29).
//!
//! Scanning is greedy: after the first digit (or `.digit`) the token takes
//! every ASCII letter, digit, `_` and `.`, plus a sign right after `e`/`E`
//! unless the literal has a `0x`/`0o`/`0b` prefix. So `1if` is one (bad)
//! token, exactly like MicroPython (`invalid syntax for integer with base
//! 10: '1if'`). Underscores are dropped before conversion, anywhere
//! (`1__0`, `1_`, `0x_1` are all accepted, as MicroPython does).
//!
//! Conversion:
//! * `0x`/`0o`/`0b` prefix (any case): integer in that base; error message
//!   `invalid syntax for integer with base N: 'rest'`.
//! * otherwise, if the text has `.`, `e`, `E`, `j` or `J`: a float, or an
//!   imaginary number when it ends in `j`/`J`; error
//!   `invalid syntax for number`.
//! * otherwise a decimal integer: `0`-led literals must be all zeros
//!   (`invalid syntax for integer with base 0: '09'`), other invalid text
//!   gives base 10.

use alloc::vec::Vec;

#[cfg(feature = "float")]
use crate::ast::F64;
use crate::ast::{Constant, I64};
use crate::error::CompileError;
use crate::int::Int;
use crate::mem::Mem;

/// Length in bytes of the number token starting at `src[0]` (which is a
/// digit, or `.` followed by a digit).
pub(crate) fn scan(src: &[u8]) -> usize {
    let prefixed = src.len() >= 2
        && src[0] == b'0'
        && matches!(src[1], b'x' | b'X' | b'o' | b'O' | b'b' | b'B');
    let mut i = 0;
    while i < src.len() {
        let c = src[i];
        if (c == b'e' || c == b'E')
            && !prefixed
            && i + 1 < src.len()
            && (src[i + 1] == b'+' || src[i + 1] == b'-')
        {
            i += 2;
        } else if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// Converts the scanned token text (underscores included) to a constant, or
/// the error MicroPython raises for it (`MemoryError` if `mem` runs out).
#[inline(never)]
pub(crate) fn convert(text: &[u8], line: u32, mem: &Mem) -> Result<Constant, CompileError> {
    let mut clean: Vec<u8> = mem.with_capacity(text.len())?;
    clean.extend(text.iter().copied().filter(|&c| c != b'_'));
    let r = convert_clean(&clean, line, mem);
    mem.credit(clean.capacity());
    r
}

fn convert_clean(clean: &[u8], line: u32, mem: &Mem) -> Result<Constant, CompileError> {
    if let [b'0', p, rest @ ..] = clean {
        let base = match p {
            b'x' | b'X' => 16,
            b'o' | b'O' => 8,
            b'b' | b'B' => 2,
            _ => 0,
        };
        if base != 0 {
            return int_in_base(rest, base, base, line, mem);
        }
    }
    if clean
        .iter()
        .any(|c| matches!(c, b'.' | b'e' | b'E' | b'j' | b'J'))
    {
        return float(clean, line);
    }
    if clean.len() > 1 && clean[0] == b'0' {
        if clean.iter().all(|&c| c == b'0') {
            return Ok(Constant::Int(I64::new(0)));
        }
        return Err(int_error(0, clean, line, mem));
    }
    int_in_base(clean, 10, 10, line, mem)
}

fn int_error(base: u32, digits: &[u8], line: u32, mem: &Mem) -> CompileError {
    // The digits are ASCII (see `scan`), copied as they are. The base is
    // 2, 8, 10 or 16: two digits at most (no core::fmt).
    let b = [b'0' + (base / 10) as u8, b'0' + (base % 10) as u8];
    let b = if base < 10 { &b[1..] } else { &b[..] };
    let mut msg = alloc::string::String::new();
    let parts: [&[u8]; 5] = [b"invalid syntax for integer with base ", b, b": '", digits, b"'"];
    for p in parts {
        if mem.push_str(&mut msg, mpy_bytecode::utf8::str(p).unwrap_or("")).is_err() {
            return CompileError::memory();
        }
    }
    CompileError::syntax_owned(msg, line)
}

/// The value of digit `c` (any radix up to 36), or 99.
fn digit(c: u8) -> u32 {
    match c {
        b'0'..=b'9' => (c - b'0') as u32,
        b'a'..=b'z' => (c - b'a') as u32 + 10,
        b'A'..=b'Z' => (c - b'A') as u32 + 10,
        _ => 99,
    }
}

/// Parses `digits` (no prefix, no underscores) in `base`; `shown_base` is the
/// base named in the error message.
fn int_in_base(
    digits: &[u8],
    base: u32,
    shown_base: u32,
    line: u32,
    mem: &Mem,
) -> Result<Constant, CompileError> {
    // Validate first so the error does not depend on magnitude.
    if digits.is_empty() || digits.iter().any(|&c| digit(c) >= base) {
        return Err(int_error(shown_base, digits, line, mem));
    }
    // The desktop reads an `i64` here (no allocation); the boards let
    // `mpy-mpz` parse every literal (a checked 64-bit multiply loop is
    // code of its own there).
    #[cfg(not(target_os = "none"))]
    {
        let mut acc: i64 = 0;
        for &c in digits {
            match acc.checked_mul(base as i64).and_then(|a| a.checked_add(digit(c) as i64)) {
                Some(a) => acc = a,
                None => return big_int(digits, base, mem),
            }
        }
        Ok(Constant::Int(I64::new(acc)))
    }
    #[cfg(target_os = "none")]
    big_int(digits, base, mem)
}

/// The literal `digits` in `base` (valid digits), as `Int` if it fits an
/// `i64`, else as `BigInt`.
fn big_int(digits: &[u8], base: u32, mem: &Mem) -> Result<Constant, CompileError> {
    let v = Int::parse(digits, base, mem)?;
    if let Some(i) = v.as_i64() {
        return Ok(Constant::Int(I64::new(i)));
    }
    let d = v.to_decimal(mem)?;
    Ok(Constant::BigInt(mem.own_str(d)?))
}

/// Without floats every float or imaginary literal, well formed or not, is
/// the error official's parser raises for one (MICROPY_PY_BUILTINS_FLOAT=0).
#[cfg(not(feature = "float"))]
fn float(_text: &[u8], line: u32) -> Result<Constant, CompileError> {
    Err(CompileError::syntax("decimal numbers not supported", line))
}

/// Parses a decimal float / imaginary literal (underscores removed).
#[cfg(feature = "float")]
fn float(text: &[u8], line: u32) -> Result<Constant, CompileError> {
    let err = || CompileError::syntax("invalid syntax for number", line);
    let (body, imag) = match text.last() {
        Some(b'j') | Some(b'J') => (&text[..text.len() - 1], true),
        _ => (text, false),
    };
    if !valid_float_syntax(body) {
        return Err(err());
    }
    let v = parse(body).ok_or_else(err)?;
    Ok(if imag {
        Constant::Imag(F64::new(v))
    } else {
        Constant::Float(F64::new(v))
    })
}

/// The literal's value. With `float-single` (the boards) it is parsed
/// straight to `f32` by the run time's parser, as `float("...")` and the
/// `.mpy` loader do (a double parse then narrowed could round differently,
/// and would link a second parser), and held widened (exactly) in the `f64`.
#[cfg(all(feature = "float", feature = "float-single"))]
fn parse(body: &[u8]) -> Option<f64> {
    mpy_float::parse::<f32>(body).map(mpy_float::f32_to_f64)
}

/// The literal's value (double precision run time).
#[cfg(all(feature = "float", not(feature = "float-single")))]
fn parse(body: &[u8]) -> Option<f64> {
    mpy_float::parse::<f64>(body)
}

/// `digits [. digits] [e [+-] digits]` or `. digits ...`, at least one
/// mantissa digit, at least one exponent digit if `e` is present.
#[cfg(feature = "float")]
fn valid_float_syntax(s: &[u8]) -> bool {
    let mut i = 0;
    let mut mant = 0;
    while i < s.len() && s[i].is_ascii_digit() {
        i += 1;
        mant += 1;
    }
    if i < s.len() && s[i] == b'.' {
        i += 1;
        while i < s.len() && s[i].is_ascii_digit() {
            i += 1;
            mant += 1;
        }
    }
    if mant == 0 {
        return false;
    }
    if i < s.len() && (s[i] == b'e' || s[i] == b'E') {
        i += 1;
        if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
            i += 1;
        }
        let start = i;
        while i < s.len() && s[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    i == s.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conv(s: &str) -> Result<Constant, alloc::string::String> {
        let n = scan(s.as_bytes());
        convert(&s.as_bytes()[..n], 1, &Mem::new(usize::MAX)).map_err(|e| alloc::string::ToString::to_string(&e.msg))
    }

    #[test]
    fn boards_parse_alike() {
        // The boards' path (every literal through `mpy-mpz`) gives what the
        // desktop's `i64` loop gives.
        let m = Mem::new(usize::MAX);
        for (d, b) in [("0", 10), ("7", 8), ("9223372036854775807", 10), ("9223372036854775808", 10), ("ff", 16),
            ("7fffffffffffffff", 16), ("10000000000000000", 16), ("1", 2), ("123456789012345678901234567890", 10)] {
            assert_eq!(big_int(d.as_bytes(), b, &m), int_in_base(d.as_bytes(), b, b, 1, &m), "{d}");
        }
    }

    #[test]
    fn ints() {
        assert_eq!(conv("0"), Ok(Constant::Int(I64::new(0))));
        assert_eq!(conv("00"), Ok(Constant::Int(I64::new(0))));
        assert_eq!(conv("0_0"), Ok(Constant::Int(I64::new(0))));
        assert_eq!(conv("1_000_"), Ok(Constant::Int(I64::new(1000))));
        assert_eq!(conv("1__2"), Ok(Constant::Int(I64::new(12))));
        assert_eq!(conv("0x_1F"), Ok(Constant::Int(I64::new(31))));
        assert_eq!(conv("0O17"), Ok(Constant::Int(I64::new(15))));
        assert_eq!(conv("0b101"), Ok(Constant::Int(I64::new(5))));
        assert_eq!(conv("9223372036854775807"), Ok(Constant::Int(I64::new(i64::MAX))));
        assert_eq!(
            conv("9223372036854775808"),
            Ok(Constant::BigInt("9223372036854775808".into()))
        );
        assert_eq!(
            conv("0x10000000000000000"),
            Ok(Constant::BigInt("18446744073709551616".into()))
        );
        assert_eq!(
            conv("0b1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"),
            Ok(Constant::BigInt("79228162514264337593543950336".into()))
        );
        assert_eq!(
            conv("0o7777777777777777777777777"),
            Ok(Constant::BigInt("37778931862957161709567".into()))
        );
    }

    #[test]
    fn int_errors() {
        assert_eq!(
            conv("0x"),
            Err("invalid syntax for integer with base 16: ''".into())
        );
        assert_eq!(
            conv("0x__"),
            Err("invalid syntax for integer with base 16: ''".into())
        );
        assert_eq!(
            conv("0xg"),
            Err("invalid syntax for integer with base 16: 'g'".into())
        );
        assert_eq!(
            conv("0o8"),
            Err("invalid syntax for integer with base 8: '8'".into())
        );
        assert_eq!(
            conv("0b102"),
            Err("invalid syntax for integer with base 2: '102'".into())
        );
        assert_eq!(
            conv("0b1e+5"),
            Err("invalid syntax for integer with base 2: '1e'".into())
        );
        assert_eq!(
            conv("09"),
            Err("invalid syntax for integer with base 0: '09'".into())
        );
        assert_eq!(
            conv("0_7"),
            Err("invalid syntax for integer with base 0: '07'".into())
        );
        assert_eq!(
            conv("1if"),
            Err("invalid syntax for integer with base 10: '1if'".into())
        );
        assert_eq!(
            conv("5L"),
            Err("invalid syntax for integer with base 10: '5L'".into())
        );
    }

    #[test]
    #[cfg(not(feature = "float"))]
    fn no_floats() {
        for t in ["1.5", "1e3", "2j", "1.2.3", ".5", "1_0.0"] {
            assert_eq!(conv(t), Err("decimal numbers not supported".into()), "{}", t);
        }
        assert_eq!(conv("0x1e3"), Ok(Constant::Int(I64::new(0x1e3))));
    }

    #[test]
    #[cfg(feature = "float")]
    fn floats() {
        // The value as the run time's precision holds it.
        #[cfg(feature = "float-single")]
        let w = |x: f64| mpy_float::f32_to_f64(mpy_float::f64_to_f32(x));
        #[cfg(not(feature = "float-single"))]
        let w = |x: f64| x;
        assert_eq!(conv("1.5"), Ok(Constant::Float(F64::new(w(1.5)))));
        assert_eq!(conv("1."), Ok(Constant::Float(F64::new(w(1.0)))));
        assert_eq!(conv(".5"), Ok(Constant::Float(F64::new(w(0.5)))));
        assert_eq!(conv("1e5"), Ok(Constant::Float(F64::new(w(1e5)))));
        assert_eq!(conv("1E+_5"), Ok(Constant::Float(F64::new(w(1e5)))));
        assert_eq!(conv("1_e5"), Ok(Constant::Float(F64::new(w(1e5)))));
        assert_eq!(conv("1.e5"), Ok(Constant::Float(F64::new(w(1e5)))));
        assert_eq!(conv("09.5"), Ok(Constant::Float(F64::new(w(9.5)))));
        assert_eq!(conv("0e1"), Ok(Constant::Float(F64::new(w(0.0)))));
        assert_eq!(conv("1e-7"), Ok(Constant::Float(F64::new(w(1e-7)))));
        assert_eq!(conv("1e400"), Ok(Constant::Float(F64::new(w(f64::INFINITY)))));
        assert_eq!(conv("2j"), Ok(Constant::Imag(F64::new(w(2.0)))));
        assert_eq!(conv("1.5e3J"), Ok(Constant::Imag(F64::new(w(1500.0)))));
        assert_eq!(conv(".5j"), Ok(Constant::Imag(F64::new(w(0.5)))));
        for bad in [
            "1e",
            "1e+",
            "1.2.3",
            "1..5",
            "1jj",
            "0jj",
            "1.5L",
            "1else",
            "1e-+5",
            "1.__class__",
            "1.e",
        ] {
            assert_eq!(
                conv(bad),
                Err("invalid syntax for number".into()),
                "{}",
                bad
            );
        }
    }

    /// Boards parse float literals straight to `f32` (no double rounding:
    /// `1.0000000596046447753906250001` is just above the midpoint between
    /// 1 and the next `f32`, but its nearest double is that midpoint).
    #[cfg(all(feature = "float", feature = "float-single"))]
    #[test]
    fn floats_single() {
        let f = |x: f32| Ok(Constant::Float(F64::new(mpy_float::f32_to_f64(x))));
        assert_eq!(conv("1e-7"), f(1e-7));
        assert_eq!(conv("0.1"), f(0.1));
        assert_eq!(conv("1.0000000596046447753906250001"), f(1.000_000_1));
        assert_eq!(conv("1.000000059604644775390625"), f(1.0));
        assert_eq!(conv("1e39"), f(f32::INFINITY));
        assert_eq!(conv("2.5j"), Ok(Constant::Imag(F64::new(2.5))));
    }

    #[test]
    fn scan_stops() {
        assert_eq!(scan(b"0x1e+5"), 4);
        assert_eq!(scan(b"1e+5+"), 4);
        assert_eq!(scan(b"1 .real"), 1);
        assert_eq!(scan(b"12)"), 2);
    }
}
