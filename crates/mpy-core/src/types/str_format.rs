//! `str.format` and the format-spec mini-language (also behind the
//! `format()` builtin via [`format_obj`], and f-strings, which compile to
//! `str.format` calls).
//!
//! Spec grammar: `[[fill]align][sign][#][0][width][,|_][.precision][type]`
//! with align `< > ^ =`, sign `+ - space`, types `s` for str, `b c d o x X
//! n` for ints, `e E f F g G %` for floats (and ints). Fields:
//! `{[name|index][.attr|[key]]*[!r|!s][:spec]}` with nested `{}` inside the
//! spec. Error messages follow MicroPython.

use super::strutil::{is_int, new_of_kind, Kind};
use crate::obj::Obj;
use crate::objdata::ObjData;
use crate::state::Vm;
use crate::typ::Subscr;
use crate::PyResult;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use num_bigint::BigInt;
use num_traits::Signed;

/// A parsed format spec.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Spec {
    /// Fill character (None = not given: space, or `0` with the zero flag).
    pub fill: Option<char>,
    /// `<`, `>`, `^` or `=` (None = type's default).
    pub align: Option<char>,
    /// `+`, `-` or ` `.
    pub sign: Option<char>,
    /// `#`: alternate form (radix prefixes, keep the point).
    pub alt: bool,
    /// `0` before the width.
    pub zero: bool,
    /// Minimum width in characters.
    pub width: usize,
    /// `,` or `_` digit grouping.
    pub grouping: Option<char>,
    /// Precision.
    pub precision: Option<usize>,
    /// The type character.
    pub ty: Option<char>,
}

/// Parses a format spec.
///
/// Errors: `ValueError: invalid format specifier` for trailing garbage.
pub fn parse_spec(vm: &mut Vm, spec: &str) -> PyResult<Spec> {
    let c: Vec<char> = spec.chars().collect();
    let mut s = Spec::default();
    let mut i = 0;
    let is_align = |ch: char| matches!(ch, '<' | '>' | '^' | '=');
    if c.len() >= 2 && is_align(c[1]) {
        s.fill = Some(c[0]);
        s.align = Some(c[1]);
        i = 2;
    } else if !c.is_empty() && is_align(c[0]) {
        s.align = Some(c[0]);
        i = 1;
    }
    if i < c.len() && matches!(c[i], '+' | '-' | ' ') {
        s.sign = Some(c[i]);
        i += 1;
    }
    if i < c.len() && c[i] == '#' {
        s.alt = true;
        i += 1;
    }
    if i < c.len() && c[i] == '0' {
        s.zero = true;
        i += 1;
    }
    let mut w = 0usize;
    while i < c.len() && c[i].is_ascii_digit() {
        w = w.saturating_mul(10).saturating_add(c[i] as usize - '0' as usize);
        i += 1;
    }
    s.width = w;
    if i < c.len() && matches!(c[i], ',' | '_') {
        s.grouping = Some(c[i]);
        i += 1;
    }
    if i < c.len() && c[i] == '.' {
        i += 1;
        let mut p = 0usize;
        let st = i;
        while i < c.len() && c[i].is_ascii_digit() {
            p = p.saturating_mul(10).saturating_add(c[i] as usize - '0' as usize);
            i += 1;
        }
        if i == st {
            return Err(vm.value_error("invalid format specifier"));
        }
        s.precision = Some(p);
    }
    if i < c.len() {
        if !"bcdeEfFgGnosxX%".contains(c[i]) {
            return Err(vm.value_error("invalid format specifier"));
        }
        s.ty = Some(c[i]);
        i += 1;
    }
    if i < c.len() {
        return Err(vm.value_error("invalid format specifier"));
    }
    Ok(s)
}

/// Where formatted text is appended: a `String`, or the byte buffer of
/// `%`-formatting (which also builds bytes).
pub trait Sink {
    /// Appends `s`.
    fn put(&mut self, s: &str);
    /// Appends `c` `n` times.
    fn put_n(&mut self, c: char, n: usize) {
        let mut b = [0u8; 4];
        let t = c.encode_utf8(&mut b);
        for _ in 0..n {
            self.put(t);
        }
    }
}

impl Sink for String {
    fn put(&mut self, s: &str) {
        self.push_str(s);
    }
    fn put_n(&mut self, c: char, n: usize) {
        self.extend(core::iter::repeat_n(c, n));
    }
}

impl Sink for Vec<u8> {
    fn put(&mut self, s: &str) {
        self.extend_from_slice(s.as_bytes());
    }
    fn put_n(&mut self, c: char, n: usize) {
        if c.is_ascii() {
            self.resize(self.len() + n, c as u8);
        } else {
            let mut b = [0u8; 4];
            let t = c.encode_utf8(&mut b).as_bytes();
            for _ in 0..n {
                self.extend_from_slice(t);
            }
        }
    }
}

/// Pads `sign + prefix + body` to the spec's width. `default_align` is `<`
/// for strings and `>` for numbers.
pub fn pad(spec: &Spec, sign_prefix: &str, body: &str, default_align: char) -> String {
    let mut out = String::with_capacity(spec.width.max(sign_prefix.len() + body.len()));
    pad_into(&mut out, spec, sign_prefix, body, default_align);
    out
}

/// [`pad`], appending to `out` (no temporary strings).
pub fn pad_into<S: Sink>(out: &mut S, spec: &Spec, sign_prefix: &str, body: &str, default_align: char) {
    let (fill, align) = if spec.zero && spec.fill.is_none() {
        ('0', spec.align.unwrap_or(if default_align == '<' { '<' } else { '=' }))
    } else {
        (spec.fill.unwrap_or(' '), spec.align.unwrap_or(default_align))
    };
    let padn = if spec.width == 0 {
        0
    } else {
        let len = sign_prefix.chars().count() + body.chars().count();
        spec.width.saturating_sub(len)
    };
    match align {
        '<' => {
            out.put(sign_prefix);
            out.put(body);
            out.put_n(fill, padn);
        }
        '^' => {
            out.put_n(fill, padn / 2);
            out.put(sign_prefix);
            out.put(body);
            out.put_n(fill, padn - padn / 2);
        }
        '=' => {
            out.put(sign_prefix);
            out.put_n(fill, padn);
            out.put(body);
        }
        _ => {
            out.put_n(fill, padn);
            out.put(sign_prefix);
            out.put(body);
        }
    }
}

/// Inserts `sep` every `every` digits from the right of `digits`.
fn group(digits: &str, sep: char, every: usize) -> String {
    let n = digits.len();
    let mut out = String::with_capacity(n + n / every);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(every) {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

/// Groups `digits`; with zero padding to a width (`{:08,}`), the padding
/// zeros are grouped too (`0,001,234`), as CPython and MicroPython do.
fn zero_pad_grouped(spec: &Spec, prefix_len: usize, digits: &str, sep: char, every: usize) -> String {
    let zero_fill = spec.zero && spec.fill.is_none() && matches!(spec.align, None | Some('='));
    let mut d = String::from(digits);
    let mut out = group(&d, sep, every);
    if zero_fill {
        let target = spec.width.saturating_sub(prefix_len);
        while out.len() < target {
            d.insert(0, '0');
            out = group(&d, sep, every);
        }
    }
    out
}

/// The big-int value of an int object (small, big or bool).
pub fn int_value(vm: &Vm, o: Obj) -> Option<BigInt> {
    if let Some(i) = o.as_small_int() {
        return Some(BigInt::from(i));
    }
    match o {
        Obj::TRUE => return Some(BigInt::from(1)),
        Obj::FALSE => return Some(BigInt::from(0)),
        _ => {}
    }
    match vm.heap.get(o)? {
        ObjData::Int(b) => Some((**b).clone()),
        ObjData::Instance(i) if !i.native.is_null() => int_value(vm, i.native),
        _ => None,
    }
}

/// Formats an int with an integer type (`b c d n o x X` or none).
/// `min_digits` is `%`-formatting's precision for ints.
pub fn format_int(vm: &mut Vm, v: &BigInt, spec: &Spec, min_digits: Option<usize>) -> PyResult<String> {
    let mut out = String::new();
    format_int_into(vm, v, spec, min_digits, &mut out)?;
    Ok(out)
}

/// The radix and `#` prefix of an integer presentation type.
fn radix_of(ty: char) -> (u32, &'static str) {
    match ty {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    }
}

/// [`format_int`], appending to `out`.
pub fn format_int_into<S: Sink>(vm: &mut Vm, v: &BigInt, spec: &Spec, min_digits: Option<usize>, out: &mut S) -> PyResult<()> {
    let ty = spec.ty.unwrap_or('d');
    if ty == 'c' {
        let ch = v.try_into().ok().and_then(char::from_u32);
        let Some(ch) = ch else { return Err(vm.overflow_error("%c arg not in range(0x110000)")) };
        pad_into(out, spec, "", ch.encode_utf8(&mut [0u8; 4]), '>');
        return Ok(());
    }
    let (radix, _) = radix_of(ty);
    let digits = v.magnitude().to_str_radix(radix);
    int_body_into(v.is_negative(), &digits, spec, min_digits, out);
    Ok(())
}

/// [`format_int_into`] for a machine-word int (no big-int temporaries).
pub fn format_small_int_into<S: Sink>(vm: &mut Vm, v: i64, spec: &Spec, min_digits: Option<usize>, out: &mut S) -> PyResult<()> {
    let ty = spec.ty.unwrap_or('d');
    if ty == 'c' {
        return format_int_into(vm, &BigInt::from(v), spec, min_digits, out);
    }
    let (radix, _) = radix_of(ty);
    let mut buf = [0u8; 64];
    let mut n = v.unsigned_abs();
    let mut i = buf.len();
    loop {
        let d = (n % radix as u64) as u8;
        i -= 1;
        buf[i] = if d < 10 { b'0' + d } else { b'a' + d - 10 };
        n /= radix as u64;
        if n == 0 {
            break;
        }
    }
    let digits = core::str::from_utf8(&buf[i..]).unwrap_or("0");
    int_body_into(v < 0, digits, spec, min_digits, out);
    Ok(())
}

/// Sign, `#` prefix, zero-extension to `min_digits`, case, grouping and
/// padding around an int's magnitude `digits` (lowercase, in the spec's
/// radix).
fn int_body_into<S: Sink>(neg: bool, digits: &str, spec: &Spec, min_digits: Option<usize>, out: &mut S) {
    let ty = spec.ty.unwrap_or('d');
    let (radix, prefix) = radix_of(ty);
    let mut owned: Option<String> = None;
    if ty == 'X' {
        owned = Some(digits.to_ascii_uppercase());
    }
    if let Some(m) = min_digits {
        let cur = owned.as_deref().unwrap_or(digits);
        if cur.len() < m {
            owned = Some(format!("{}{cur}", "0".repeat(m - cur.len())));
        }
    }
    // Sign and prefix: at most 3 ASCII chars.
    let mut spb = [0u8; 3];
    let mut spn = 0;
    if neg {
        spb[0] = b'-';
        spn = 1;
    } else if let Some(s @ ('+' | ' ')) = spec.sign {
        spb[0] = s as u8;
        spn = 1;
    }
    if spec.alt {
        for &b in prefix.as_bytes() {
            spb[spn] = b;
            spn += 1;
        }
    }
    let sp = core::str::from_utf8(&spb[..spn]).unwrap_or("");
    if let Some(g) = spec.grouping {
        let every = if radix == 10 { 3 } else { 4 };
        let cur = owned.as_deref().unwrap_or(digits);
        owned = Some(zero_pad_grouped(spec, sp.len(), cur, g, every));
    }
    pad_into(out, spec, sp, owned.as_deref().unwrap_or(digits), '>');
}

/// Float digits for non-negative finite `x`: `ty` is `e E f F g G %` or
/// `r` (repr), `prec` the precision (None: the type's default), `alt` the
/// `#` flag (ignored for floats, as MicroPython does). Delegates to
/// [`super::float_format::format_float`], MicroPython's digit rules.
pub fn float_digits(x: f64, ty: char, prec: Option<usize>, alt: bool) -> String {
    super::float_format::format_float(x, ty, prec, alt)
}

/// Formats a float with a float type (`e E f F g G %`) or none.
pub fn format_float(x: f64, spec: &Spec) -> String {
    let mut sp = String::new();
    if x.is_sign_negative() && !x.is_nan() {
        sp.push('-');
    } else if let Some(s @ ('+' | ' ')) = spec.sign {
        sp.push(s);
    }
    let ax = x.abs();
    let upper = matches!(spec.ty, Some('E' | 'F' | 'G'));
    let body = if !x.is_finite() {
        let t = if x.is_nan() { "nan" } else { "inf" };
        let mut t = String::from(t);
        if upper {
            t.make_ascii_uppercase();
        }
        if spec.ty == Some('%') {
            t.push('%');
        }
        t
    } else {
        match (spec.ty, spec.precision) {
            // A non-empty spec without type or precision is `g` with 6
            // digits on MicroPython (`'{:>}'.format(1/3) == '0.333333'`).
            (None, None) => float_digits(ax, 'g', Some(6), false),
            (None | Some('n'), p) => float_digits(ax, 'g', p, spec.alt),
            (Some(t), p) => float_digits(ax, t, p, spec.alt),
        }
    };
    // MicroPython ignores `,`/`_` grouping for floats.
    pad(spec, &sp, &body, '>')
}

/// `format(obj, spec)`: the text of `obj` formatted per `spec` (ints,
/// floats and strs; other objects only with an empty spec, which gives
/// `str(obj)`).
///
/// Errors: `ValueError: unknown format code 'x' for object of type
/// 'float'`, `ValueError: invalid format specifier`, `ValueError: '='
/// alignment not allowed in string format specifier`, `TypeError: can't
/// convert 'NoneType' object to str implicitly`.
pub fn format_obj(vm: &mut Vm, obj: Obj, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return vm.str_string(obj);
    }
    let sp = parse_spec(vm, spec)?;
    // Huge widths/precisions: MemoryError before building the text.
    super::strutil::reserve(vm, sp.width.saturating_add(sp.precision.unwrap_or(0)))?;
    let unknown = |vm: &mut Vm, t: char, obj: Obj| {
        let msg = format!("unknown format code '{}' for object of type '{}'", t, vm.type_name(obj));
        Err(vm.value_error(&msg))
    };
    if is_int(vm, obj) {
        let v = int_value(vm, obj).unwrap_or_default();
        return match sp.ty {
            None | Some('b' | 'c' | 'd' | 'n' | 'o' | 'x' | 'X') => format_int(vm, &v, &sp, None),
            Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => {
                let f = num_traits::ToPrimitive::to_f64(&v).unwrap_or(f64::INFINITY);
                Ok(format_float(f, &sp))
            }
            Some(t) => unknown(vm, t, obj),
        };
    }
    if let Some(f) = vm.float_of(obj) {
        return match sp.ty {
            None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' | 'n') => Ok(format_float(f, &sp)),
            Some(t) => unknown(vm, t, obj),
        };
    }
    if let Some(s) = vm.str_of(obj) {
        let s = String::from(s);
        return match sp.ty {
            None | Some('s') => {
                if sp.align == Some('=') {
                    return Err(vm.value_error("'=' alignment not allowed in string format specifier"));
                }
                let body: String = match sp.precision {
                    Some(p) => s.chars().take(p).collect(),
                    None => s,
                };
                Ok(pad(&sp, "", &body, '<'))
            }
            Some(t) => unknown(vm, t, obj),
        };
    }
    let msg = format!("can't convert '{}' object to str implicitly", vm.type_name(obj));
    Err(vm.type_error(&msg))
}

/// Field numbering state of one `format` call.
struct Fields<'a> {
    args: &'a [Obj],
    kw: &'a [Obj],
    next: usize,
    /// 0: none yet, 1: automatic, 2: manual.
    mode: u8,
}

impl Fields<'_> {
    /// The object a field name refers to (before conversion and spec).
    fn lookup(&mut self, vm: &mut Vm, name: &str) -> PyResult<Obj> {
        let end = name.find(['.', '[']).unwrap_or(name.len());
        let (first, mut rest) = name.split_at(end);
        let mut obj = if first.is_empty() {
            if self.mode == 2 {
                return Err(vm.value_error("can't switch from manual field specification to automatic field numbering"));
            }
            self.mode = 1;
            let i = self.next;
            self.next += 1;
            self.positional(vm, i)?
        } else if first.bytes().all(|b| b.is_ascii_digit()) {
            if self.mode == 1 {
                return Err(vm.value_error("can't switch from automatic field numbering to manual field specification"));
            }
            self.mode = 2;
            let i = first.parse::<usize>().unwrap_or(usize::MAX);
            self.positional(vm, i)?
        } else {
            let mut found = None;
            for pair in self.kw.chunks(2) {
                if vm.str_of(pair[0]) == Some(first) {
                    found = pair.get(1).copied();
                }
            }
            match found {
                Some(o) => o,
                None => {
                    let k = vm.new_str(first)?;
                    return Err(vm.key_error(k));
                }
            }
        };
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('.') {
                let e = r.find(['.', '[']).unwrap_or(r.len());
                if e == 0 {
                    return Err(vm.value_error("Empty attribute in format string"));
                }
                let q = vm.intern(&r[..e]);
                obj = vm.load_attr(obj, q)?;
                rest = &r[e..];
            } else if let Some(r) = rest.strip_prefix('[') {
                let Some(e) = r.find(']') else {
                    return Err(vm.value_error("expected '}' before end of string"));
                };
                let key = &r[..e];
                let k = match key.parse::<i64>() {
                    Ok(n) if key.bytes().all(|b| b.is_ascii_digit()) => vm.new_int(n)?,
                    _ => vm.new_str(key)?,
                };
                obj = vm.subscr(obj, k, Subscr::Load)?;
                rest = &r[e + 1..];
            } else {
                return Err(vm.value_error("invalid format specifier"));
            }
        }
        Ok(obj)
    }

    fn positional(&self, vm: &mut Vm, i: usize) -> PyResult<Obj> {
        match self.args.get(i) {
            Some(&o) => Ok(o),
            None => Err(vm.index_error("tuple index out of range")),
        }
    }
}

/// Expands a format string against positional `args` and flattened
/// keyword pairs `kw`.
///
/// Errors: `ValueError: single '}' encountered in format string`,
/// `ValueError: unmatched '{' in format`, numbering switches,
/// `IndexError: tuple index out of range`, `KeyError`, conversion and spec
/// errors.
pub fn format_string(vm: &mut Vm, fmt: &str, args: &[Obj], kw: &[Obj]) -> PyResult<String> {
    let mut fields = Fields { args, kw, next: 0, mode: 0 };
    expand(vm, fmt, &mut fields, 0)
}

fn expand(vm: &mut Vm, fmt: &str, fields: &mut Fields, depth: u32) -> PyResult<String> {
    let b = fmt.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    let mut lit = 0;
    while i < b.len() {
        match b[i] {
            b'{' if b.get(i + 1) == Some(&b'{') => {
                out.push_str(&fmt[lit..i + 1]);
                i += 2;
                lit = i;
            }
            b'}' if b.get(i + 1) == Some(&b'}') => {
                out.push_str(&fmt[lit..i + 1]);
                i += 2;
                lit = i;
            }
            b'}' => return Err(vm.value_error("single '}' encountered in format string")),
            b'{' => {
                out.push_str(&fmt[lit..i]);
                // Find the matching '}' (nested braces allowed in the spec).
                let mut d = 0;
                let mut j = i + 1;
                let mut end = None;
                while j < b.len() {
                    match b[j] {
                        b'{' => d += 1,
                        b'}' if d == 0 => {
                            end = Some(j);
                            break;
                        }
                        b'}' => d -= 1,
                        _ => {}
                    }
                    j += 1;
                }
                let Some(end) = end else { return Err(vm.value_error("unmatched '{' in format")) };
                let field = &fmt[i + 1..end];
                out.push_str(&format_field(vm, field, fields, depth)?);
                i = end + 1;
                lit = i;
            }
            _ => i += 1,
        }
    }
    out.push_str(&fmt[lit..]);
    Ok(out)
}

fn format_field(vm: &mut Vm, field: &str, fields: &mut Fields, depth: u32) -> PyResult<String> {
    // Split name[!conv][:spec]; '[...]' in the name may contain ':' or '!'.
    let mut k = 0;
    let fb = field.as_bytes();
    while k < fb.len() && fb[k] != b'!' && fb[k] != b':' {
        if fb[k] == b'[' {
            while k < fb.len() && fb[k] != b']' {
                k += 1;
            }
        }
        k += 1;
    }
    let k = k.min(fb.len());
    let name = &field[..k];
    let mut rest = &field[k..];
    let mut conv = None;
    if let Some(r) = rest.strip_prefix('!') {
        let c = r.chars().next();
        conv = Some(c.unwrap_or('}'));
        rest = &r[c.map_or(0, char::len_utf8)..];
        if !rest.is_empty() && !rest.starts_with(':') {
            return Err(vm.value_error("expected ':' after format specifier"));
        }
    }
    let spec = rest.strip_prefix(':').unwrap_or("");
    let mut obj = fields.lookup(vm, name)?;
    match conv {
        None => {}
        Some('r') => {
            let s = vm.repr_string(obj)?;
            obj = vm.new_str(&s)?;
        }
        Some('s') => {
            let s = vm.str_string(obj)?;
            obj = vm.new_str(&s)?;
        }
        Some(c) => {
            let msg = format!("unknown conversion specifier {c}");
            return Err(vm.value_error(&msg));
        }
    }
    let spec = if spec.contains('{') && depth < 2 { expand(vm, spec, fields, depth + 1)? } else { String::from(spec) };
    format_obj(vm, obj, &spec)
}

/// `str.format(*args, **kw)` as a native method (`args[0]` is the format
/// string; a bytes receiver gives bytes).
pub fn str_format(vm: &mut Vm, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    let (kind, fmt) = super::str_methods::self_data(vm, args[0])?;
    let fmt = String::from_utf8_lossy(&fmt).into_owned();
    let out = format_string(vm, &fmt, &args[1..], kw)?;
    new_of_kind(vm, if kind == Kind::Str { Kind::Str } else { Kind::Bytes }, out.as_bytes())
}

fn builtin_format(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let spec = match args.get(1) {
        Some(&s) => match vm.str_of(s) {
            Some(t) => String::from(t),
            None => {
                let msg = format!("format() argument 2 must be str, not {}", vm.type_name(s));
                return Err(vm.type_error(&msg));
            }
        },
        None => String::new(),
    };
    let out = format_obj(vm, args[0], &spec)?;
    vm.new_str(&out)
}

/// The `format(value[, spec])` builtin (see [`format_obj`]).
pub static FORMAT_BUILTIN: crate::typ::BuiltinFun =
    crate::typ::BuiltinFun::new(crate::qstr::q::format, 1, 2, builtin_format);
