//! Parsing integers from text (`int(s, base)`), with MicroPython's
//! accepted syntax and error messages.
//!
//! Accepted: leading/trailing whitespace, one sign right before the digits
//! (or prefix), a `0x`/`0o`/`0b` prefix (any case) when the base is 0 or
//! matches, and underscores anywhere among the digits (MicroPython skips
//! them). With base 0 and no prefix, a number with a leading zero must be
//! all zeros. Errors quote the text after the sign and prefix:
//! `ValueError: invalid syntax for integer with base 10: '12a'`.

use crate::obj::Obj;
use crate::state::Vm;
use crate::PyResult;
#[cfg(feature = "bigint")]
use mpy_mpz::{self as mpz, SignedLen};

/// The value of digit `c` in `base` (2..=36), if it is one.
#[cfg(feature = "bigint")]
#[inline]
fn digit_value(c: u8, base: u32) -> Option<u32> {
    mpz::parse::digit_value(c, base)
}

/// The value of digit `c` in `base` (2..=36), if it is one.
#[cfg(not(feature = "bigint"))]
#[inline]
fn digit_value(c: u8, base: u32) -> Option<u32> {
    (c as char).to_digit(base)
}

/// Why [`scan_int`] failed.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub enum IntParseError {
    /// `base` is not 0 or 2..=36 (`int() arg 2 must be >= 2 and <= 36`).
    BadBase,
    /// Bad syntax: MicroPython's message names `base` and quotes the text
    /// from byte `rest` on (quoted as [`crate::runtime::print::Arg::Quoted`]).
    Syntax {
        /// The base the message names.
        base: u32,
        /// Where the quoted text starts.
        rest: usize,
    },
}

/// Where the digits of a well-formed int literal are: `s[start..end]`
/// (digits of `base`, possibly with underscores; empty for `'_'`).
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub struct IntText {
    /// A `-` sign came first.
    pub neg: bool,
    /// The base of the digits (2..=36).
    pub base: u32,
    /// Start of the digits.
    pub start: usize,
    /// End of the digits.
    pub end: usize,
}

/// Checks the syntax of `s` (bytes of a str or bytes object) as an int in
/// `base` (0 = from prefix, else 2..=36) and finds its digits. Allocates
/// nothing.
pub fn scan_int(s: &[u8], base: i64) -> Result<IntText, IntParseError> {
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
        let pb = match s[i + 1].to_ascii_lowercase() {
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
    // MicroPython counts underscores as consumed text: `int('_')` is 0.
    let mut consumed = false;
    let (mut ndigits, mut first, mut nonzero) = (0usize, 0u32, false);
    while i < s.len() {
        // Desktop: decimal digits eight at a time.
        #[cfg(all(feature = "bigint", target_pointer_width = "64", not(target_os = "none")))]
        if base == 10 {
            if let Some(v) = mpz::parse::eight_digits(s, i) {
                if ndigits == 0 {
                    first = u32::from(s[i] - b'0');
                }
                nonzero |= v != 0;
                ndigits += 8;
                consumed = true;
                i += 8;
                continue;
            }
        }
        let c = s[i];
        if c == b'_' {
            consumed = true;
            i += 1;
            continue;
        }
        let Some(d) = digit_value(c, base) else { break };
        if ndigits == 0 {
            first = d;
        }
        nonzero |= d != 0;
        ndigits += 1;
        consumed = true;
        i += 1;
    }
    let end = i;
    let mut j = i;
    while j < s.len() && s[j].is_ascii_whitespace() {
        j += 1;
    }
    let bad_zero = check_leading_zero && ndigits > 1 && first == 0 && nonzero;
    if !consumed || j != s.len() || bad_zero {
        // Base 0 without a prefix reports base 10, except for the
        // leading-zero error.
        let shown = if msg_base == 0 && !bad_zero { 10 } else { msg_base };
        return Err(IntParseError::Syntax { base: shown, rest: start });
    }
    Ok(IntText { neg, base, start, end })
}

/// The `ValueError` for a [`scan_int`] failure on `s`.
pub fn parse_error(vm: &mut Vm, s: &[u8], e: IntParseError) -> crate::PyErr {
    match e {
        IntParseError::BadBase => vm.value_error(msg!("int() arg 2 must be >= 2 and <= 36")),
        IntParseError::Syntax { base, rest } => {
            let q = crate::runtime::print::Arg::Quoted(s.get(rest..).unwrap_or(&[]));
            vm.value_error_fmt(crate::runtime::exc::msg::INT_SYNTAX_BASE, &[base.into(), q])
        }
    }
}

/// Parses `s` (bytes of a str or bytes object) as an int in `base`
/// (0 = from prefix, else 2..=36), as `int(s, base)` does.
///
/// Errors: `ValueError` with MicroPython's messages (see the module
/// docs), `MemoryError`; without big ints (feature `bigint`),
/// `OverflowError: long int not supported in this build` for values
/// outside the small-int range (as official's
/// MICROPY_LONGINT_IMPL_NONE).
pub fn parse_int(vm: &mut Vm, s: &[u8], base: i64) -> PyResult<Obj> {
    let t = match scan_int(s, base) {
        Ok(t) => t,
        Err(e) => return Err(parse_error(vm, s, e)),
    };
    let digits = s.get(t.start..t.end).unwrap_or(&[]);
    // Desktop: values that fit 64 bits without a big-int temporary
    // (boards: one path; the result is a small int when it fits).
    #[cfg(any(not(target_os = "none"), not(feature = "bigint")))]
    {
        let mut v: u64 = 0;
        let mut fits = true;
        for &c in digits {
            let Some(d) = digit_value(c, 36) else { continue };
            match v.checked_mul(t.base as u64).and_then(|x| x.checked_add(d as u64)) {
                Some(x) => v = x,
                None => {
                    fits = false;
                    break;
                }
            }
        }
        #[cfg(not(feature = "bigint"))]
        if !fits || v > Obj::SMALL_INT_MAX as u64 + t.neg as u64 {
            return Err(vm.overflow_error(msg!("long int not supported in this build")));
        }
        if fits {
            return vm.new_int_i128(if t.neg { -(v as i128) } else { v as i128 });
        }
    }
    #[cfg(feature = "bigint")]
    let bound = mpz::parse::parse_len(digits.len(), t.base);
    #[cfg(feature = "bigint")]
    return super::int_ops::big::build(vm, t.neg, bound, 0, |out, _| {
        mpz::parse::parse(out, digits, t.base).map(|len| SignedLen::new(t.neg, len))
    });
    #[cfg(not(feature = "bigint"))]
    Err(vm.overflow_error(msg!("long int not supported in this build")))
}

/// The fast path of [`parse_int`] for base 10: optional ASCII whitespace
/// around an optional sign and 1 to 18 decimal digits (no underscores).
/// Returns the value when the text has exactly that shape (so it always
/// agrees with `parse_int(s, 10)`), else None: use [`parse_int`].
pub fn parse_small_decimal(s: &[u8]) -> Option<i64> {
    // Desktop: the usual text, digits only, in one plain pass (the
    // early exit keeps it a short scalar loop).
    #[cfg(not(target_os = "none"))]
    if (1..=18).contains(&s.len()) {
        let mut v: i64 = 0;
        let mut ok = true;
        for &c in s {
            let d = c.wrapping_sub(b'0');
            if d >= 10 {
                ok = false;
                break;
            }
            v = v * 10 + i64::from(d);
        }
        if ok {
            return Some(v);
        }
    }
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
        if i - start >= 18 {
            return None;
        }
        v = v * 10 + (c - b'0') as i64;
        i += 1;
    }
    if i == start {
        return None;
    }
    while i < s.len() && s[i].is_ascii_whitespace() {
        i += 1;
    }
    (i == s.len()).then_some(if neg { -v } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;

    use alloc::string::String;

    fn ok(s: &str, base: i64) -> String {
        crate::types::num_testutil::with_vm(|mut vm| match scan_int(s.as_bytes(), base) {
            Err(IntParseError::BadBase) => String::from("badbase"),
            Err(e) => {
                let r = Err(parse_error(&mut vm, s.as_bytes(), e));
                crate::types::num_testutil::show(&mut vm, r).trim_start_matches("ValueError: ").into()
            }
            Ok(_) => {
                let r = parse_int(&mut vm, s.as_bytes(), base);
                crate::types::num_testutil::show(&mut vm, r)
            }
        })
    }

    #[test]
    fn small_decimal_agrees_with_parse_int() {
        for t in [
            "0", "000123", " -42 ", "+7", "\t12\n", "999999999999999999", "1000000000000000000", "12a",
            "", " ", "-", "1_0", "0x10", "١", "1 2", "--1",
        ] {
            let fast = parse_small_decimal(t.as_bytes());
            if let Some(v) = fast {
                assert_eq!(alloc::format!("{v}"), ok(t, 10), "{t:?}");
            }
        }
        assert_eq!(parse_small_decimal(b" -42 "), Some(-42));
        assert_eq!(parse_small_decimal(b"1000000000000000000"), None);
        assert_eq!(parse_small_decimal(b"1_0"), None);
        assert_eq!(parse_small_decimal(b"-"), None);
        assert_eq!(parse_small_decimal(b"000123"), Some(123));
        assert_eq!(parse_small_decimal(b"999999999999999999"), Some(999_999_999_999_999_999));
        assert_eq!(parse_small_decimal(b"12a"), None);
        assert_eq!(parse_small_decimal(b"/9"), None);
        assert_eq!(parse_small_decimal(b"9:"), None);
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
