//! Parsing integers from text (`int(s, base)`), with MicroPython's
//! accepted syntax and error messages.
//!
//! Accepted: leading/trailing whitespace, one sign right before the digits
//! (or prefix), a `0x`/`0o`/`0b` prefix (any case) when the base is 0 or
//! matches, and underscores anywhere among the digits (MicroPython skips
//! them). With base 0 and no prefix, a number with a leading zero must be
//! all zeros. Errors quote the text after the sign and prefix:
//! `ValueError: invalid syntax for integer with base 10: '12a'`.

use alloc::format;
use alloc::string::String;
use num_bigint::BigInt;

/// Why [`parse_int`] failed.
#[derive(Debug, PartialEq, Eq)]
pub enum IntParseError {
    /// `base` is not 0 or 2..=36 (`int() arg 2 must be >= 2 and <= 36`).
    BadBase,
    /// Bad syntax: the full MicroPython message.
    Syntax(String),
}

/// Parses `s` (bytes of a str or bytes object) as an int in `base`
/// (0 = from prefix, else 2..=36).
pub fn parse_int(s: &[u8], base: i64) -> Result<BigInt, IntParseError> {
    if base != 0 && !(2..=36).contains(&base) {
        return Err(IntParseError::BadBase);
    }
    let mut base = base as u32;
    let mut i = 0;
    while i < s.len() && s[i].is_ascii_whitespace() {
        i += 1;
    }
    let mut neg = false;
    if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
        neg = s[i] == b'-';
        i += 1;
    }
    let mut msg_base = base;
    if i + 1 < s.len() && s[i] == b'0' {
        let p = s[i + 1].to_ascii_lowercase();
        let pb = match p {
            b'x' => 16,
            b'o' => 8,
            b'b' => 2,
            _ => 0,
        };
        if pb != 0 && (base == 0 || base == pb) {
            base = pb;
            msg_base = pb;
            i += 2;
        }
    }
    let start = i;
    let check_leading_zero = base == 0;
    if base == 0 {
        base = 10;
    }
    let mut digits: alloc::vec::Vec<u8> = alloc::vec::Vec::new();
    // MicroPython counts underscores as consumed text: `int('_')` is 0.
    let mut consumed = false;
    while i < s.len() {
        let c = s[i];
        if c == b'_' {
            consumed = true;
            i += 1;
            continue;
        }
        let d = match c {
            b'0'..=b'9' => (c - b'0') as u32,
            b'a'..=b'z' => (c - b'a') as u32 + 10,
            b'A'..=b'Z' => (c - b'A') as u32 + 10,
            _ => break,
        };
        if d >= base {
            break;
        }
        digits.push(d as u8);
        consumed = true;
        i += 1;
    }
    let mut j = i;
    while j < s.len() && s[j].is_ascii_whitespace() {
        j += 1;
    }
    let bad_zero = check_leading_zero
        && digits.len() > 1
        && digits[0] == 0
        && digits.iter().any(|&d| d != 0);
    if !consumed || j != s.len() || bad_zero {
        // Base 0 without a prefix reports base 10, except for the
        // leading-zero error.
        let shown = if msg_base == 0 && !bad_zero { 10 } else { msg_base };
        return Err(IntParseError::Syntax(format!(
            "invalid syntax for integer with base {}: {}",
            shown,
            quote_bytes(&s[start..])
        )));
    }
    if digits.is_empty() {
        return Ok(BigInt::default());
    }
    let v = BigInt::from_radix_be(num_bigint::Sign::Plus, &digits, base).unwrap_or_default();
    Ok(if neg { -v } else { v })
}

/// The fast path of [`parse_int`] for base 10: optional ASCII whitespace
/// around an optional sign and 1 to 18 decimal digits (no underscores).
/// Returns the value when the text has exactly that shape (so it always
/// agrees with `parse_int(s, 10)`), else None: use [`parse_int`].
pub fn parse_small_decimal(s: &[u8]) -> Option<i64> {
    let mut i = 0;
    while i < s.len() && s[i].is_ascii_whitespace() {
        i += 1;
    }
    let mut neg = false;
    if let Some(&c @ (b'+' | b'-')) = s.get(i) {
        neg = c == b'-';
        i += 1;
    }
    let start = i;
    let mut v: i64 = 0;
    while let Some(&c @ b'0'..=b'9') = s.get(i) {
        v = v * 10 + (c - b'0') as i64;
        i += 1;
        if i - start > 18 {
            return None;
        }
    }
    if i == start {
        return None;
    }
    while i < s.len() && s[i].is_ascii_whitespace() {
        i += 1;
    }
    (i == s.len()).then_some(if neg { -v } else { v })
}

/// `'text'` with non-printable and non-ASCII bytes as `\xNN` (as
/// MicroPython quotes the rest of a bad int literal).
pub fn quote_bytes(b: &[u8]) -> String {
    let mut out = String::from("'");
    for &c in b {
        match c {
            b'\'' => out.push_str("\\'"),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x20..=0x7e => out.push(c as char),
            _ => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push('\'');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str, base: i64) -> String {
        match parse_int(s.as_bytes(), base) {
            Ok(v) => alloc::format!("{v}"),
            Err(IntParseError::Syntax(m)) => m,
            Err(IntParseError::BadBase) => String::from("badbase"),
        }
    }

    #[test]
    fn small_decimal_agrees_with_parse_int() {
        for t in [
            "0", "000123", " -42 ", "+7", "\t12\n", "999999999999999999", "1000000000000000000", "12a",
            "", " ", "-", "1_0", "0x10", "١", "1 2", "--1",
        ] {
            let fast = parse_small_decimal(t.as_bytes());
            let full = parse_int(t.as_bytes(), 10).ok();
            if let Some(v) = fast {
                assert_eq!(Some(BigInt::from(v)), full, "{t:?}");
            }
        }
        assert_eq!(parse_small_decimal(b" -42 "), Some(-42));
        assert_eq!(parse_small_decimal(b"1000000000000000000"), None);
        assert_eq!(parse_small_decimal(b"1_0"), None);
        assert_eq!(parse_small_decimal(b"-"), None);
    }

    #[test]
    fn accepted_syntax() {
        assert_eq!(ok("12", 10), "12");
        assert_eq!(ok(" 12 ", 10), "12");
        assert_eq!(ok("1_000", 10), "1000");
        assert_eq!(ok("0x1f", 0), "31");
        assert_eq!(ok("0x1f", 16), "31");
        assert_eq!(ok("1f", 16), "31");
        assert_eq!(ok("0o17", 0), "15");
        assert_eq!(ok("0b101", 0), "5");
        assert_eq!(ok("z", 36), "35");
        assert_eq!(ok("1__0", 10), "10");
        assert_eq!(ok("_1", 10), "1");
        assert_eq!(ok("+1", 10), "1");
        assert_eq!(ok("0X10", 0), "16");
        assert_eq!(ok("0x_10", 0), "16");
        assert_eq!(ok("-0b11", 0), "-3");
        assert_eq!(ok("00", 0), "0");
        assert_eq!(ok("0", 0), "0");
        assert_eq!(ok("999999999999999999999999999999", 10), "999999999999999999999999999999");
    }

    #[test]
    fn errors_match_micropython() {
        assert_eq!(ok("12a", 10), "invalid syntax for integer with base 10: '12a'");
        assert_eq!(ok("", 10), "invalid syntax for integer with base 10: ''");
        assert_eq!(ok("0x", 16), "invalid syntax for integer with base 16: ''");
        assert_eq!(ok("010", 0), "invalid syntax for integer with base 0: '010'");
        assert_eq!(ok("0_10", 0), "invalid syntax for integer with base 0: '0_10'");
        assert_eq!(ok("-  1", 10), "invalid syntax for integer with base 10: '  1'");
        assert_eq!(ok("  12a", 10), "invalid syntax for integer with base 10: '12a'");
        assert_eq!(ok("12 3", 10), "invalid syntax for integer with base 10: '12 3'");
        assert_eq!(ok("--1", 10), "invalid syntax for integer with base 10: '-1'");
        assert_eq!(ok("0o", 0), "invalid syntax for integer with base 8: ''");
        assert_eq!(ok("0b12", 2), "invalid syntax for integer with base 2: '12'");
        assert_eq!(ok("1e3", 10), "invalid syntax for integer with base 10: '1e3'");
        assert_eq!(
            ok("\u{661}\u{662}", 10),
            "invalid syntax for integer with base 10: '\\xd9\\xa1\\xd9\\xa2'"
        );
        assert_eq!(ok("1 0", 0), "invalid syntax for integer with base 10: '1 0'");
        assert_eq!(ok("_", 0), "0");
        assert_eq!(ok("0x_", 16), "0");
        assert_eq!(ok("1", 1), "badbase");
        assert_eq!(ok("1", 37), "badbase");
    }
}
