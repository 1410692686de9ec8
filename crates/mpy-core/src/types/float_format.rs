//! Float to text: `repr()`/`str()` of floats and the digits behind the
//! `e`/`f`/`g`/`%` format specs, as MicroPython's unix (double) build
//! prints them.
//!
//! Single precision (feature `float-single`): repr is `%.7g` (`%.6g` for
//! stuffed floats, whose 22 mantissa bits don't determine a 7th digit),
//! laid out as below with the exponent form from 10**7 (10**6) up, as
//! official MicroPython's single-precision ports print (`1/3` →
//! `0.3333333`, `2.0**100` → `1.267651e+30`); explicit precisions give the
//! exact value's digits up to 9 significant ones, then zeros.
//!
//! MicroPython's repr is `%.16g` when that reads back as the same double,
//! else `%.17g`, laid out like CPython's repr (exponent form when the
//! decimal exponent is < -4 or >= 16, `.0` added to integral values). So it
//! matches CPython's shortest repr except for a few values (e.g. `5e-324`
//! prints `4.940656458412465e-324`).
//!
//! With an explicit precision, digits are the exact value rounded to the
//! requested number of significant digits, with exact ties rounded away
//! from zero (`'%.2f' % 0.125 == '0.13'`, `'%.0f' % 2.5 == '3'`), except
//! that asking for more significant digits than the repr has pads the
//! repr's digits with zeros (`'%.20f' % 0.1 == '0.10000000000000000000'`).
//! Digits come from [`flt::decimal`] (the exact value rounded to at most
//! 17 significant digits, `mpy-float`), never from `core::fmt`'s float
//! formatting: no libc, allocation or power tables.

use crate::flt::Float;
use crate::flt::M;
use crate::flt::{self, Round, REPR_DIGITS, SINGLE};
use core::fmt::Write;

/// Capacity of a [`FloatText`]: the longest text any format produces
/// (`'%f' % 1e308` is 316 characters).
pub const FLOAT_TEXT_CAP: usize = 400;

/// The text of a formatted float, in a fixed buffer on the Rust stack
/// (ASCII only). Writes past the capacity are dropped (no format needs
/// that much).
#[derive(Clone)]
pub struct FloatText {
    buf: [u8; FLOAT_TEXT_CAP],
    len: usize,
}

impl Default for FloatText {
    fn default() -> Self {
        FloatText::new()
    }
}

impl FloatText {
    /// Empty text.
    pub const fn new() -> FloatText {
        FloatText { buf: [0; FLOAT_TEXT_CAP], len: 0 }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        mpy_bytecode::utf8::str(self.as_bytes()).unwrap_or("")
    }

    /// The text's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Nothing written?
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Appends an ASCII character. (One out-of-line copy on the boards.)
    #[cfg_attr(target_os = "none", inline(never))]
    pub fn push(&mut self, c: char) {
        if let Some(slot) = self.buf.get_mut(self.len) {
            *slot = c as u8;
            self.len += 1;
        }
    }

    /// Appends ASCII text.
    pub fn push_str(&mut self, s: &str) {
        for c in s.bytes() {
            self.push(c as char);
        }
    }

    /// Keeps the first `n` bytes.
    pub fn truncate(&mut self, n: usize) {
        self.len = self.len.min(n);
    }

    /// Does the text end with `s`?
    pub fn ends_with(&self, s: &str) -> bool {
        self.as_bytes().ends_with(s.as_bytes())
    }

    /// Removes bytes `a..b` (clamped), shifting the rest down.
    fn remove(&mut self, a: usize, b: usize) {
        let b = b.min(self.len);
        let a = a.min(b);
        self.buf.copy_within(b..self.len, a);
        self.len -= b - a;
    }

    /// Position of byte `c` at or after `from`.
    fn find(&self, from: usize, c: u8) -> Option<usize> {
        self.as_bytes().get(from..)?.iter().position(|&x| x == c).map(|i| i + from)
    }
}

impl core::ops::Deref for FloatText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl Write for FloatText {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        self.push_str(s);
        Ok(())
    }
}

impl PartialEq<&str> for FloatText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl core::fmt::Debug for FloatText {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Debug::fmt(self.as_str(), f)
    }
}

/// Most significant digits a [`Digits`] holds (`'%f' % 1e308` needs 309
/// plus the decimals).
const MAX_DIGITS: usize = 360;

/// Decimal digits of a positive finite float: `d[..n]` (ASCII '0'..'9',
/// the first nonzero unless empty) and `exp`, the power of ten of the first
/// digit (value = d.ddd × 10^exp).
#[derive(Clone)]
struct Digits {
    d: [u8; MAX_DIGITS],
    n: usize,
    exp: i32,
}

impl Digits {
    /// No digits (the value rounds to zero). (One out-of-line copy of the
    /// fill on the boards.)
    #[cfg_attr(target_os = "none", inline(never))]
    fn empty() -> Digits {
        Digits { d: [b'0'; MAX_DIGITS], n: 0, exp: 0 }
    }

    /// `digits` then zeros up to `n` digits in all.
    fn padded(digits: &[u8], n: usize, exp: i32) -> Digits {
        let mut r = Digits::empty();
        let k = digits.len().min(MAX_DIGITS);
        r.d[..k].copy_from_slice(&digits[..k]);
        r.n = n.max(k).min(MAX_DIGITS);
        r.exp = exp;
        r
    }

    fn digits(&self) -> &[u8] {
        &self.d[..self.n.min(MAX_DIGITS)]
    }

    fn get(&self, i: usize) -> Option<u8> {
        self.digits().get(i).copied()
    }
}

/// The `p` digits of `q` (`10**(p-1) <= q < 10**p`, `p <= 17`) as ASCII,
/// trailing zeros dropped (one digit kept); returns how many.
fn ascii_digits(q: u64, p: usize, out: &mut [u8; 17]) -> usize {
    let p = p.clamp(1, 17);
    let mut v = q;
    for slot in out.iter_mut().take(p).rev() {
        // (No 64-bit division routine on the boards: mpy-float's.)
        let (q10, d) = mpy_float::div10(v);
        *slot = b'0' + d as u8;
        v = q10;
    }
    let mut n = p;
    while n > 1 && out.get(n - 1) == Some(&b'0') {
        n -= 1;
    }
    n
}

/// `x` (> 0, finite) rounded to `p` (<= 17) significant digits (exact
/// value, ties to even), trailing zeros dropped.
fn short_digits(x: Float, p: usize) -> ([u8; 17], usize, i32) {
    let p = p.clamp(1, 17);
    let (q, k) = flt::decimal(x, p as u32, Round::HalfEven);
    let mut out = [b'0'; 17];
    let n = ascii_digits(q, p, &mut out);
    (out, n, k)
}

/// The digits that identify `x` (> 0, finite), beyond which formatting
/// pads zeros: the repr digits for doubles, 9 significant digits (enough
/// to read back) for single precision.
fn full_digits(x: Float) -> ([u8; 17], usize, i32) {
    if SINGLE {
        short_digits(x, 9)
    } else {
        repr_digits(x)
    }
}

/// The repr digits of `x` (> 0, finite), trailing zeros dropped: for
/// doubles 16 significant digits when they round-trip, else 17; for single
/// precision [`REPR_DIGITS`] (7, or 6 for stuffed floats), as `%.7g`.
fn repr_digits(x: Float) -> ([u8; 17], usize, i32) {
    let mut out = [b'0'; 17];
    if !x.is_finite() {
        return (out, 1, 0);
    }
    if SINGLE {
        return short_digits(x, REPR_DIGITS);
    }
    for p in [16usize, 17] {
        let (q, k) = flt::decimal(x, p as u32, Round::HalfEven);
        if p == 17 || flt::from_u64(q, k as i64 - (p as i64 - 1)) == Some(x) {
            if q / 10u64.pow(p as u32 - 1) == 9 && x >= Float::MIN_POSITIVE && is_power_of_ten(x, k + 1) {
                // The double just below a power of ten (e.g. 1e23):
                // MicroPython's scaling rounds it up to that power.
                out[0] = b'1';
                return (out, 1, k + 1);
            }
            let n = ascii_digits(q, p, &mut out);
            return (out, n, k);
        }
    }
    (out, 1, 0)
}

/// Is `x` the float nearest `10**k` (so its shortest repr is `1e{k}`)?
fn is_power_of_ten(x: Float, k: i32) -> bool {
    flt::from_u64(1, k as i64) == Some(x)
}

/// `x` (> 0, finite) rounded to `n` significant digits (ties away from
/// zero), or the repr digits padded with zeros when `n` exceeds them. With
/// `n == 0` the result is empty (rounds to 0) or `"1"` one place up.
fn sig_digits(x: Float, n: usize) -> Digits {
    let (rd, rlen, rexp) = full_digits(x);
    if n >= rlen {
        return Digits::padded(&rd[..rlen], n, rexp);
    }
    if n == 0 {
        // Rounds to 0, or to 1 one place up (exact ties away from zero).
        let (q, k) = flt::decimal(x, 1, Round::Down);
        return if q >= 5 { Digits::padded(b"1", 1, k + 1) } else { Digits::padded(&[], 0, k) };
    }
    // Exact digits (n < rlen <= 17 here), ties away from zero.
    let (q, k) = flt::decimal(x, n as u32, Round::HalfAway);
    let mut d = [b'0'; 17];
    ascii_digits(q, n, &mut d);
    Digits::padded(&d[..n.min(17)], n, k)
}

fn push_exp(out: &mut FloatText, e: i32, echar: char) {
    out.push(echar);
    out.push(if e < 0 { '-' } else { '+' });
    let a = e.unsigned_abs();
    if a >= 100 {
        out.push((b'0' + (a / 100 % 10) as u8) as char);
    }
    out.push((b'0' + (a / 10 % 10) as u8) as char);
    out.push((b'0' + (a % 10) as u8) as char);
}

/// Fixed layout of `d` with exactly `decimals` digits after the point
/// (`decimals == 0`: no point).
fn layout_fixed(out: &mut FloatText, d: &Digits, decimals: usize) {
    let digit = |i: isize| -> char {
        if i >= 0 {
            d.get(i as usize).map_or('0', |c| c as char)
        } else {
            '0'
        }
    };
    if d.n == 0 || d.exp < 0 {
        out.push('0');
    } else {
        for i in 0..=d.exp as isize {
            out.push(digit(i));
        }
    }
    if decimals > 0 {
        out.push('.');
        for k in 0..decimals as isize {
            // Position k after the point is digit index exp + 1 + k.
            let idx = if d.n == 0 { -1 } else { d.exp as isize + 1 + k };
            out.push(digit(idx));
        }
    }
}

/// Exponent layout: `d.ddd` with `decimals` digits after the point.
fn layout_exp(out: &mut FloatText, d: &Digits, decimals: usize, echar: char) {
    out.push(d.get(0).map_or('0', |c| c as char));
    if decimals > 0 {
        out.push('.');
        for i in 1..=decimals {
            out.push(d.get(i).map_or('0', |c| c as char));
        }
    }
    push_exp(out, if d.n == 0 { 0 } else { d.exp }, echar);
}

/// Appends MicroPython's `repr(x)` of a float: `0.1`, `1e+16`, `1.5e-07`,
/// `inf`, `nan`, `-0.0`, `123456789012345.0`.
pub fn float_repr(x: Float, out: &mut FloatText) {
    if x.is_nan() {
        out.push_str("nan");
        return;
    }
    if x.is_sign_negative() {
        out.push('-');
    }
    let a = x.abs();
    if a.is_infinite() {
        out.push_str("inf");
        return;
    }
    if a == 0.0 {
        out.push_str("0.0");
        return;
    }
    let (rd, n, e) = repr_digits(a);
    if !SINGLE && rd[0] == b'9' && a < Float::MIN_POSITIVE {
        // The double nearest a power of ten but below it: MicroPython
        // scales by that double, so for subnormals it prints a `0.`-led
        // mantissa of 15 digits (`0.999988867182683e-320`).
        let se = e + 1;
        if is_power_of_ten(a, se) {
            let d = sig_digits(a, 15);
            if d.exp >= se {
                // The 15 digits round up to the power itself: `1e-308`.
                out.push('1');
                push_exp(out, se, 'e');
                return;
            }
            out.push_str("0.");
            let start = out.len();
            for &c in d.digits() {
                out.push(c as char);
            }
            while out.len() > start && out.ends_with("0") {
                out.truncate(out.len() - 1);
            }
            push_exp(out, se, 'e');
            return;
        }
    }
    let d = Digits::padded(&rd[..n], n, e);
    if !(-4..REPR_DIGITS as i32).contains(&e) {
        layout_exp(out, &d, n - 1, 'e');
    } else {
        let decimals = (n as i32 - 1 - e).max(1) as usize;
        layout_fixed(out, &d, decimals);
    }
}

/// A float's repr without the `.0` of integral values (for complex parts:
/// `(1+2j)`, `1e+16j`).
pub fn float_repr_short(x: Float, out: &mut FloatText) {
    let start = out.len();
    float_repr(x, out);
    if out.len() >= start + 2 && out.ends_with(".0") {
        out.truncate(out.len() - 2);
    }
}

/// Formats `x` for the format mini-language / `%` formatting, without
/// sign flags, width or padding (the caller adds those; a negative value,
/// including -0.0, starts with `-`).
///
/// `fmt_char` is one of `'e' 'E' 'f' 'F' 'g' 'G' '%'`, or `'\0'`/`'r'` for
/// no type (repr when `precision` is None, else like `'g'`).
/// `precision` is the digits after the point (`e`, `f`, `%`; default 6) or
/// the significant digits (`g`; default 6, 0 means 1). `alt` (`#`) is
/// accepted but ignored, as MicroPython ignores it for floats.
///
/// Digits follow MicroPython (see the module docs): `format_float(0.125,
/// 'f', Some(2), false) == "0.13"`, `format_float(1e16, 'g', None, false)
/// == "1e+16"`, `format_float(0.5, '%', Some(1), false) == "50.0%"`.
/// Infinities and NaN give `inf`/`nan` (`INF`/`NAN` for upper-case types).
/// The text is returned in a stack buffer (no allocation).
pub fn format_float(x: Float, fmt_char: char, precision: Option<usize>, alt: bool) -> FloatText {
    let _ = alt;
    let mut out = FloatText::new();
    let upper = fmt_char.is_ascii_uppercase();
    if matches!(fmt_char, '\0' | 'r') && precision.is_none() {
        float_repr(x, &mut out);
        return out;
    }
    if x.is_sign_negative() && !x.is_nan() {
        out.push('-');
    }
    let a = x.abs();
    let scaled = if fmt_char == '%' { a * 100.0 } else { a };
    if !scaled.is_finite() {
        let s = match (a.is_nan(), upper) {
            (true, false) => "nan",
            (true, true) => "NAN",
            (false, false) => "inf",
            (false, true) => "INF",
        };
        out.push_str(s);
        if fmt_char == '%' {
            out.push('%');
        }
        return out;
    }
    let echar = if upper { 'E' } else { 'e' };
    match fmt_char {
        'e' | 'E' => {
            // MicroPython's buffer holds at most 24 mantissa decimals
            // (one fewer with a minus sign).
            let p = precision.unwrap_or(6).min(24 - out.len());
            let d = if a == 0.0 { Digits::empty() } else { sig_digits(a, p + 1) };
            layout_exp(&mut out, &d, p, echar);
        }
        'f' | 'F' | '%' => {
            let p = precision.unwrap_or(6);
            let v = scaled;
            // MicroPython's buffer: values below 10 get at most 31 chars
            // (30 decimals when everything rounds to zero).
            let p = if v < 10.0 {
                let zero = v == 0.0 || v < 0.5 * M::pow(10.0, -(p.min(40) as Float));
                if zero {
                    p.min(30)
                } else {
                    p.min(29 - out.len())
                }
            } else {
                // Larger values: decimals shrink so the text fits 31 chars
                // (e.g. `'%f' % 1e24` has 5 decimals).
                let (_, _, e) = full_digits(v);
                // (`p` capped: only how it compares with `avail <= 31`
                // matters.)
                let avail = 31 - out.len() as isize - (e as isize + 1) - 1;
                let pi = p.min(64) as isize;
                if pi <= avail.max(0) {
                    p
                } else if avail >= 0 && pi - avail <= 6 {
                    avail as usize
                } else {
                    // MicroPython drops the decimals (`'%.29f' % 1e23`).
                    0
                }
            };
            fixed(&mut out, v, p);
            if fmt_char == '%' {
                out.push('%');
            }
        }
        _ => {
            // 'g', 'G', and no type with a precision.
            // Beyond 17 digits only zeros follow; the cap bounds the work.
            let p = precision.unwrap_or(6).clamp(1, 120);
            if a == 0.0 {
                out.push('0');
                return out;
            }
            let d = sig_digits(a, p);
            let start = out.len();
            if d.exp < -4 || d.exp >= p as i32 {
                layout_exp(&mut out, &d, p - 1, echar);
                // Strip zeros in the mantissa.
                if let Some(epos) = out.find(start, echar as u8) {
                    strip_zeros(&mut out, start, epos);
                }
            } else {
                let decimals = (p as i32 - 1 - d.exp).max(0) as usize;
                layout_fixed(&mut out, &d, decimals);
                let end = out.len();
                strip_zeros(&mut out, start, end);
            }
        }
    }
    out
}

/// Fixed notation of `v` (>= 0, finite) with `p` decimals.
fn fixed(out: &mut FloatText, v: Float, p: usize) {
    if v == 0.0 {
        layout_fixed(out, &Digits::empty(), p);
        return;
    }
    let (_, _, e) = full_digits(v);
    let n = e as isize + 1 + p as isize;
    let d = if n < 0 {
        Digits::empty()
    } else if n == 0 {
        // Rounds to 0 or to one unit in the last place (ties away): look at
        // the exact first digit.
        let (first, exp) = flt::decimal(v, 1, Round::Down);
        if exp > e || (exp == e && first >= 5) {
            Digits::padded(b"1", 1, e + 1)
        } else {
            Digits::empty()
        }
    } else {
        sig_digits(v, n as usize)
    };
    layout_fixed(out, &d, p);
}

/// In `out[start..end]`: drops trailing zeros after a decimal point, and
/// the point itself (the text after `end` moves down).
fn strip_zeros(out: &mut FloatText, start: usize, end: usize) {
    let body = out.as_bytes().get(start..end).unwrap_or(&[]);
    if !crate::types::strutil::has_byte(body, b'.') {
        return;
    }
    let mut k = body.len();
    while k > 0 && body[k - 1] == b'0' {
        k -= 1;
    }
    if k > 0 && body[k - 1] == b'.' {
        k -= 1;
    }
    out.remove(start + k, end);
}

// Double-precision digits and values.
#[cfg(all(test, not(feature = "float-single")))]
#[path = "float_format_tests.rs"]
mod tests;

#[cfg(all(test, feature = "float-single"))]
#[path = "float_format_single_tests.rs"]
mod single_tests;
