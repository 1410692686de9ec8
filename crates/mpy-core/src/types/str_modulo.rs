//! `%`-formatting of str and bytes (`'%5.2f %s' % (x, y)`,
//! `'%(name)s' % mapping`, `*` widths and precisions).
//!
//! Conversions: `s r a` (for bytes, `%s` inserts a bytes-like argument's
//! bytes), `d i u` (floats truncate), `o x X` (ints only), `e E f F g G`,
//! `c` (int code point or 1-char str), `%`. Flags `- + space # 0`.
//! Errors follow MicroPython: "format string needs more arguments",
//! "format string didn't convert all arguments", "incomplete format",
//! "unsupported format character 'z' (0x7a) at index 1", "%c needs int or
//! char", "can't convert str to int".
//!
//! The result is written piecewise into a gc-heap buffer ([`Out`]).

use super::str_format::{format_number, letter_in, pad_text, spec_number, Spec, NUM_DONE};
use super::strutil::{finish_vec, get_buffer, Kind};
#[cfg(not(target_os = "none"))]
use crate::heap::strs::StrWriter;
use crate::obj::Obj;
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{PrintKind, Subscr};
use crate::PyResult;

struct Args<'a> {
    items: &'a [Obj],
    next: usize,
    mapping: Obj,
    used_mapping: bool,
}

impl Args<'_> {
    fn next(&mut self, vm: &mut Vm) -> PyResult<Obj> {
        match self.items.get(self.next) {
            Some(&o) if !self.used_mapping || self.mapping.is_null() => {
                self.next += 1;
                Ok(o)
            }
            _ => Err(vm.type_error(msg!("format string needs more arguments"))),
        }
    }
}

/// A width or precision at `fmt[*i..]` (moved past it): `*` takes the
/// next argument (negative: 0), else the decimal digits there (none: 0).
///
/// Errors: too few arguments, a non-int `*` argument.
#[cfg_attr(target_os = "none", inline(never))]
fn num_or_star(vm: &mut Vm, fmt: &[u8], i: &mut usize, args: &mut Args) -> PyResult<usize> {
    if fmt.get(*i) == Some(&b'*') {
        *i += 1;
        let o = args.next(vm)?;
        return Ok(super::strutil::int_arg(vm, o)?.max(0) as usize);
    }
    Ok(spec_number(fmt, i).unwrap_or(0))
}

/// `fmt % rhs` for a str (`kind == Str`) or bytes/bytearray format `fmt`
/// (an object of that kind).
///
/// Errors: see the module docs; whatever `str()`/`repr()` of an argument
/// raises; `MemoryError`.
// Boards: out of line (one call site), so `seq_binary_op` stays small.
#[cfg_attr(target_os = "none", inline(never))]
pub fn format_modulo(vm: &mut Vm, kind: Kind, fmt: Obj, rhs: Obj) -> PyResult<Obj> {
    #[cfg(not(target_os = "none"))]
    if kind == Kind::Str {
        if let Some(r) = modulo_fast(vm, fmt, rhs) {
            return r;
        }
    }
    modulo_general(vm, kind, fmt, rhs)
}

/// [`format_modulo`] past the desktop's one-pass path (a desktop `%`
/// whose [`modulo_fast`] declined comes here directly). NULL if `fmt` has
/// no buffer.
///
/// Errors: as [`format_modulo`].
#[cfg_attr(target_os = "none", inline(always))]
pub(crate) fn modulo_general(vm: &mut Vm, kind: Kind, fmt: Obj, rhs: Obj) -> PyResult<Obj> {
    let Some(f) = get_buffer(vm, fmt)? else { return Ok(Obj::NULL) };
    let mut out = Out::buf();
    // Desktop: start with room for the usual result, so the pieces don't
    // regrow the buffer several times.
    #[cfg(not(target_os = "none"))]
    if let Ok(v) = vm.new_vec::<u8>(f.get().len() + 32) {
        out = Out::Buf(v);
    }
    let r = modulo_into(vm, kind, f.get(), rhs, &mut out);
    f.free(vm);
    r?;
    let Out::Buf(v) = out else { return Ok(Obj::NULL) };
    finish_vec(vm, kind, v)
}

/// Writes `fmt % rhs` (`fmt` pinned or a snapshot) to `out`.
fn modulo_into(vm: &mut Vm, kind: Kind, fmt: &[u8], rhs: Obj, out: &mut Out) -> PyResult<()> {
    let one = [rhs];
    let (items, mapping): (&[Obj], Obj) = if let Some(t) = vm.tuple_pinned(rhs) {
        (t, Obj::NULL)
    } else if super::dict::is_dict_type(vm.builtin_type(rhs)) {
        (&one, rhs)
    } else {
        (&one, Obj::NULL)
    };
    let mut args = Args { items, next: 0, mapping, used_mapping: false };
    let mut i = 0;
    while i < fmt.len() {
        if fmt[i] != b'%' {
            let run = fmt[i..].iter().position(|&c| c == b'%').map_or(fmt.len(), |k| i + k);
            out.bytes(vm, &fmt[i..run])?;
            i = run;
            continue;
        }
        let pct = i;
        i += 1;
        let mut arg = Obj::NULL;
        if fmt.get(i) == Some(&b'(') {
            let st = i + 1;
            let mut d = 1;
            let mut j = st;
            while j < fmt.len() {
                match fmt[j] {
                    b'(' => d += 1,
                    b')' => {
                        d -= 1;
                        if d == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            if j >= fmt.len() {
                return Err(vm.value_error(msg!("incomplete format key")));
            }
            if mapping.is_null() {
                return Err(vm.type_error(msg!("format needs a dict")));
            }
            // `mapping` is a dict: KeyError for a missing key.
            let k = vm.new_str_from_utf8(&fmt[st..j])?;
            arg = vm.subscr(mapping, k, Subscr::Load)?;
            args.used_mapping = true;
            i = j + 1;
        }
        let mut spec = Spec::default();
        let mut left = false;
        while let Some(&f) = fmt.get(i) {
            match f {
                b'-' => left = true,
                b'+' => spec.sign = b'+',
                b' ' => {
                    if spec.sign == 0 {
                        spec.sign = b' '
                    }
                }
                b'#' => spec.alt = true,
                b'0' => spec.zero = true,
                _ => break,
            }
            i += 1;
        }
        spec.width = num_or_star(vm, fmt, &mut i, &mut args)?;
        if fmt.get(i) == Some(&b'.') {
            i += 1;
            spec.precision = Some(num_or_star(vm, fmt, &mut i, &mut args)?);
        }
        let Some(&t) = fmt.get(i) else { return Err(vm.value_error(msg!("incomplete format"))) };
        // Huge widths/precisions: MemoryError before building the text.
        super::str_format::reserve_out(vm, out, spec.width.saturating_add(spec.precision.unwrap_or(0)))?;
        let t_index = i;
        i += 1;
        if t == b'%' {
            if t_index != pct + 1 {
                // MicroPython takes an argument first (so too few
                // arguments is reported before the bad character).
                if arg.is_null() {
                    args.next(vm)?;
                }
                return Err(unsupported(vm, fmt, t_index));
            }
            out.bytes(vm, b"%")?;
            continue;
        }
        if left {
            spec.align = b'<';
            spec.zero = false;
        }
        // The conversions (each takes an argument): `sradiuoxXeEfFgGc`
        // (without floats, as official's, no `eEfFgG`).
        #[cfg(feature = "float")]
        const CONVERSIONS: u64 = 0x96_417d_0080_0070;
        #[cfg(not(feature = "float"))]
        const CONVERSIONS: u64 = 0x96_410d_0080_0000;
        if !letter_in(t, CONVERSIONS) {
            return Err(unsupported(vm, fmt, t_index));
        }
        if arg.is_null() {
            arg = args.next(vm)?;
        }
        if matches!(t, b's' | b'r' | b'a') {
            convert_text(vm, kind, t, arg, &mut spec, out)?;
        } else if t == b'c' {
            convert_char(vm, kind, arg, &mut spec, out)?;
        } else {
            // `eEfFgG`, `diuoxX`
            let float = letter_in(t, super::str_format::FLOAT_TYPES);
            let decimal = matches!(t, b'd' | b'i' | b'u');
            #[cfg(not(target_os = "none"))]
            if decimal && spec.sign == 0 && spec.precision.is_none() {
                if let Some(i) = arg.as_small_int() {
                    small_int_into(vm, i as i64, &spec, out)?;
                    continue;
                }
            }
            spec.ty = if decimal { b'd' } else { t };
            // An int's precision is its least number of digits.
            let prec = if float { None } else { spec.precision.take() };
            if format_number(vm, arg, &spec, true, prec, out)? != NUM_DONE {
                return Err(super::strutil::cant_convert(vm, arg, if float { "float" } else { "int" }));
            }
        }
    }
    if mapping.is_null() && args.next < args.items.len() {
        return Err(vm.type_error(msg!("format string didn't convert all arguments")));
    }
    Ok(())
}

/// `ValueError: unsupported format character 'z' (0x7a) at index 1` for
/// the conversion character at `fmt[at]` (its char when `fmt` is UTF-8
/// there, else the byte).
fn unsupported(vm: &mut Vm, fmt: &[u8], at: usize) -> crate::PyErr {
    let t = fmt.get(at).copied().unwrap_or(0);
    let ch = mpy_bytecode::utf8::str(fmt.get(at..).unwrap_or(&[]))
        .or_else(|| fmt.get(at..at + 4).and_then(mpy_bytecode::utf8::str))
        .and_then(|s| s.chars().next())
        .unwrap_or(t as char);
    vm.value_error_fmt(msg!("unsupported format character '{}' (0x{}) at index {}"), &[ch.into(), crate::runtime::print::Arg::Hex(ch as usize, 0), at.into()])
}

/// `%s`, `%r`, `%a`: the argument's str or repr (for bytes formats, `%s`
/// of a bytes-like argument inserts its bytes), truncated to the
/// precision in chars, padded to the width.
fn convert_text(vm: &mut Vm, kind: Kind, t: u8, arg: Obj, spec: &mut Spec, out: &mut Out) -> PyResult<()> {
    spec.zero = false;
    // A str argument of `%s` without a precision goes straight from its
    // text (desktop; boards print it as below, the same text).
    #[cfg(not(target_os = "none"))]
    if t == b's' && spec.precision.is_none() && core::ptr::eq(vm.builtin_type(arg), &super::str::STR_TYPE) {
        let text = vm.str_pinned(arg).unwrap_or("").as_bytes();
        // No padding: the text as is.
        if spec.width == 0 {
            return out.bytes(vm, text);
        }
        return pad_raw(vm, out, spec, text);
    }
    if t == b's' && kind != Kind::Str && vm.str_pinned(arg).is_none() {
        if let Some(d) = get_buffer(vm, arg)? {
            let r = pad_raw(vm, out, spec, d.get());
            d.free(vm);
            return r;
        }
    }
    let pk = if t == b's' { PrintKind::Str } else { PrintKind::Repr };
    if spec.precision.is_none() && spec.width == 0 {
        return vm.print_obj(arg, out, pk);
    }
    let mut sb = Out::buf();
    let r = vm.print_obj(arg, &mut sb, pk).and_then(|()| pad_raw(vm, out, spec, sb.as_bytes()));
    if let Out::Buf(v) = sb {
        vm.heap.free_vec(v);
    }
    r
}

/// Writes `b` (text, or a bytes format's `%s` of a buffer) truncated to
/// the precision and padded with spaces to the width (see
/// [`pad_text`]).
fn pad_raw(vm: &mut Vm, out: &mut Out, spec: &Spec, b: &[u8]) -> PyResult<()> {
    pad_text(vm, out, spec, b, b'>')
}

/// `%c`: an int code point or a one-char str (for bytes formats, the low
/// byte of the code point).
///
/// Errors: `TypeError: %c needs int or char`, `OverflowError: %c arg not in
/// range(0x110000)`, `TypeError: integer needed`.
fn convert_char(vm: &mut Vm, kind: Kind, arg: Obj, spec: &mut Spec, out: &mut Out) -> PyResult<()> {
    let ch = if let Some(s) = vm.str_pinned(arg) {
        let mut it = s.chars();
        match (it.next(), it.next()) {
            (Some(c), None) => c,
            _ => return Err(vm.type_error(msg!("%c needs int or char"))),
        }
    } else if let Some(v) = super::str_format::int_value(vm, arg) {
        super::str_format::code_point(vm, v)?
    } else {
        return Err(vm.type_error(msg!("integer needed")));
    };
    spec.zero = false;
    spec.precision = None;
    // str: the char's UTF-8; bytes: its low byte, as a one-char body.
    let mut body = [ch as u8; 4];
    let b: &[u8] = if kind == Kind::Str { ch.encode_utf8(&mut body).as_bytes() } else { &body[..1] };
    pad_raw(vm, out, spec, b)
}

/// Desktop `%d` of a small int without a sign flag or precision: the
/// digits, padded with spaces (or zeros after the `-`) to the width.
///
/// Errors: `MemoryError`.
#[cfg(not(target_os = "none"))]
fn small_int_into(vm: &mut Vm, i: i64, spec: &Spec, out: &mut Out) -> PyResult<()> {
    use super::str_format::put_n;
    let mut buf = [0u8; 24];
    let mut k = buf.len();
    let mut n = i.unsigned_abs();
    loop {
        k -= 1;
        buf[k] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let digits_at = k;
    if i < 0 {
        k -= 1;
        buf[k] = b'-';
    }
    let len = buf.len() - k;
    let padn = spec.width.saturating_sub(len);
    if padn == 0 {
        return out.bytes(vm, &buf[k..]);
    }
    if spec.align == b'<' {
        out.bytes(vm, &buf[k..])?;
        return put_n(vm, out, ' ', padn);
    }
    if spec.zero {
        out.bytes(vm, &buf[k..digits_at])?;
        put_n(vm, out, '0', padn)?;
        return out.bytes(vm, &buf[digits_at..]);
    }
    put_n(vm, out, ' ', padn)?;
    out.bytes(vm, &buf[k..])
}

/// Longest result [`modulo_fast`] makes (in a stack buffer; longer ones
/// take the general path).
#[cfg(not(target_os = "none"))]
const FAST_BUF: usize = 256;

/// Desktop `fmt % rhs` for a str format whose conversions are all `%s`
/// of strs and small ints or `%d`/`%i`/`%u` of small ints, with at most
/// the `-` and `0` flags and a width: the result written in one pass over
/// the format into a stack buffer, then made a str (or found as a qstr)
/// with no UTF-8 check. None (nothing done, nothing raised) for anything
/// else, including every error case and results over [`FAST_BUF`] bytes:
/// the general path then runs from the start.
///
/// Errors: `MemoryError`.
#[cfg(not(target_os = "none"))]
#[inline(never)]
pub(crate) fn modulo_fast(vm: &mut Vm, fmt: Obj, rhs: Obj) -> Option<PyResult<Obj>> {
    let fs = super::strutil::exact_str(vm, fmt)?;
    // A short format is parsed once into its slot of the cache.
    let slot = (fmt.raw() >> 4) % MODULO_CACHE_LEN;
    let cached = fs.len() <= CACHED_TEXT && {
        if !vm.vmstate.modulo_cache.0.get(slot).is_some_and(|e| e.holds(fmt, fs)) {
            let e = compile_format(fmt.raw(), fs.as_bytes());
            if let Some(d) = vm.vmstate.modulo_cache.0.get_mut(slot) {
                *d = e;
            }
        }
        true
    };
    let mut buf = [0u8; FAST_BUF];
    let mut w = StrWriter::new(&mut buf);
    modulo_write(vm, fs, cached.then_some(slot), rhs, &mut w)?;
    let t = w.into_text();
    Some(vm.new_str(t))
}

/// [`modulo_fast`]'s pass over format `fs` (cached in slot `cached`, if
/// any): the result written to `w`; None to leave it to the general path
/// (also when it does not fit).
#[cfg(not(target_os = "none"))]
#[inline(always)]
fn modulo_write(vm: &Vm, fs: &str, cached: Option<usize>, rhs: Obj, w: &mut StrWriter<'_>) -> Option<()> {
    let f = fs.as_bytes();
    let one = [rhs];
    let items: &[Obj] = match vm.tuple_pinned(rhs) {
        Some(t) => t,
        // A dict (mappings) or any other object with a buffer or not: only
        // plain strs and small ints are taken as the single argument.
        None if rhs.is_small_int() || super::strutil::exact_str(vm, rhs).is_some() => &one,
        None => return None,
    };
    if let Some(e) = cached.and_then(|i| vm.vmstate.modulo_cache.0.get(i)) {
        if e.n != NOT_SIMPLE {
            return run_format(vm, fs, e, items, w);
        }
    }
    let mut next = 0;
    let mut i = 0;
    while i < f.len() {
        let run = f[i..].iter().position(|&c| c == b'%').map_or(f.len(), |j| i + j);
        if run > i {
            // Cut at ASCII `%` (or the end): whole characters.
            if w.room() < run - i {
                return None;
            }
            w.push(fs.get(i..run)?);
        }
        i = run + 1;
        if run == f.len() {
            break;
        }
        let (left, zero, width, t) = parse_conversion(f, &mut i)?;
        if t == b'%' {
            if i != run + 2 || w.room() < 1 {
                return None;
            }
            w.push("%");
            continue;
        }
        let arg = *items.get(next)?;
        next += 1;
        put_arg(vm, w, arg, t, width, left, zero)?;
    }
    (next == items.len()).then_some(())
}

/// The part of a simple conversion after its `%` in format `f` from
/// `*i` (moved past it): the `-` and `0` flags, the width (0 if none) and
/// the type letter; None at the format's end. Shared by [`modulo_write`]
/// and [`compile_format`], so both read a format the same way.
#[cfg(not(target_os = "none"))]
#[inline(always)]
fn parse_conversion(f: &[u8], i: &mut usize) -> Option<(bool, bool, usize, u8)> {
    let (mut left, mut zero) = (false, false);
    loop {
        match f.get(*i) {
            Some(b'-') => left = true,
            Some(b'0') => zero = true,
            _ => break,
        }
        *i += 1;
    }
    let width = spec_number(f, i).unwrap_or(0);
    let t = *f.get(*i)?;
    *i += 1;
    Some((left, zero, width, t))
}

/// One conversion of [`modulo_write`]: `arg` (a small int or, for `%s`, a
/// plain str) converted by `t` with `width` and the `-`/`0` flags; None
/// for anything else or if it does not fit.
#[cfg(not(target_os = "none"))]
#[inline(always)]
fn put_arg(vm: &Vm, w: &mut StrWriter<'_>, arg: Obj, t: u8, width: usize, left: bool, zero: bool) -> Option<()> {
    if let Some(v) = arg.as_small_int() {
        if !matches!(t, b's' | b'd' | b'i' | b'u') {
            return None;
        }
        let m = v.unsigned_abs() as u64;
        let sign = usize::from(v < 0);
        let pad = if width == 0 { 0 } else { width.saturating_sub(crate::heap::strs::decimal_len(m) + sign) };
        // (20 digits at most.)
        if w.room() < pad.saturating_add(sign + 20) {
            return None;
        }
        let zero = zero && !left && t != b's';
        if pad > 0 && !left && !zero {
            w.push_fill(b' ', pad);
        }
        if sign == 1 {
            w.push("-");
        }
        if pad > 0 && zero {
            w.push_fill(b'0', pad);
        }
        w.push_decimal(m);
        if pad > 0 && left {
            w.push_fill(b' ', pad);
        }
        return Some(());
    }
    if t != b's' {
        return None;
    }
    let body = super::strutil::exact_str(vm, arg)?;
    let pad = if width == 0 { 0 } else { width.saturating_sub(super::strutil::char_len(body.as_bytes())) };
    if w.room() < pad.saturating_add(body.len()) {
        return None;
    }
    if pad > 0 && !left {
        w.push_fill(b' ', pad);
    }
    w.push(body);
    if pad > 0 && left {
        w.push_fill(b' ', pad);
    }
    Some(())
}

/// Slots of [`ModuloCache`].
#[cfg(not(target_os = "none"))]
const MODULO_CACHE_LEN: usize = 8;
/// Longest format text the cache holds (a copy of it identifies the
/// format: a heap str's address may be reused by another str).
#[cfg(not(target_os = "none"))]
const CACHED_TEXT: usize = 48;
/// Most conversions of a cached format.
#[cfg(not(target_os = "none"))]
const MAX_CONVERSIONS: usize = 8;
/// [`CachedFormat::n`] of a format the cache does not hold (parsed by
/// [`modulo_write`] each time).
#[cfg(not(target_os = "none"))]
const NOT_SIMPLE: u8 = u8::MAX;

/// One conversion of a [`CachedFormat`]: the literal text before it
/// (byte range of the format), its type letter (`s d i u %`), width and
/// flags (bit 0 `-`, bit 1 `0`).
#[cfg(not(target_os = "none"))]
#[derive(Clone, Copy)]
struct Conversion {
    lit: (u16, u16),
    width: u16,
    flags: u8,
    t: u8,
}

/// A short `%` format (any str object) parsed by [`compile_format`].
#[cfg(not(target_os = "none"))]
#[derive(Clone, Copy)]
pub struct CachedFormat {
    /// The format's object word (0 for an empty slot).
    key: usize,
    /// The format's length and text.
    len: u8,
    text: [u8; CACHED_TEXT],
    /// Conversions in use, or [`NOT_SIMPLE`].
    n: u8,
    conv: [Conversion; MAX_CONVERSIONS],
    /// The literal text after the last conversion.
    tail: (u16, u16),
}

#[cfg(not(target_os = "none"))]
impl CachedFormat {
    /// Is this the parsed format of str object `fmt` of text `fs`? (A
    /// heap str's text is compared too: a freed str's address may hold
    /// another; a qstr's word names one text for good.)
    #[inline(always)]
    fn holds(&self, fmt: Obj, fs: &str) -> bool {
        self.key == fmt.raw()
            && (fmt.as_qstr().is_some()
                || self.text.get(..usize::from(self.len)).is_some_and(|t| crate::qstr::text_eq(t, fs.as_bytes())))
    }
}

/// Desktop cache of short `%` formats, direct-mapped by address: the
/// literal runs and conversions of [`modulo_write`]'s simple formats, so
/// a repeated `'%s=%d' % (k, v)` skips parsing.
#[cfg(not(target_os = "none"))]
pub struct ModuloCache(pub [CachedFormat; MODULO_CACHE_LEN]);

/// An empty [`ModuloCache`].
#[cfg(not(target_os = "none"))]
pub const MODULO_CACHE_EMPTY: ModuloCache = ModuloCache(
    [CachedFormat { key: 0, len: 0, text: [0; CACHED_TEXT], n: NOT_SIMPLE, conv: [Conversion { lit: (0, 0), width: 0, flags: 0, t: 0 }; MAX_CONVERSIONS], tail: (0, 0) }; MODULO_CACHE_LEN],
);

/// Parses format `f` (at most [`CACHED_TEXT`] bytes; object word `key`)
/// as [`modulo_write`] does: a [`CachedFormat`] of its literal runs and
/// conversions, or one marked [`NOT_SIMPLE`] if it has another
/// conversion, flag or precision, a `%%` with flags, or more than
/// [`MAX_CONVERSIONS`].
#[cfg(not(target_os = "none"))]
#[inline(never)]
fn compile_format(key: usize, f: &[u8]) -> CachedFormat {
    let mut e = MODULO_CACHE_EMPTY.0[0];
    let (Some(t), Ok(len)) = (e.text.get_mut(..f.len()), u8::try_from(f.len())) else { return e };
    t.copy_from_slice(f);
    e.key = key;
    e.len = len;
    let len = u16::from(len);
    let mut n = 0;
    let mut i = 0;
    loop {
        let run = f.get(i..).and_then(|r| r.iter().position(|&c| c == b'%')).map_or(f.len(), |j| i + j);
        if run == f.len() {
            e.tail = (i as u16, len);
            e.n = n as u8;
            return e;
        }
        let lit = (i as u16, run as u16);
        i = run + 1;
        let Some((left, zero, width, t)) = parse_conversion(f, &mut i) else { return e };
        let Ok(width) = u16::try_from(width) else { return e };
        let flags = u8::from(left) | u8::from(zero) << 1;
        if !matches!(t, b's' | b'd' | b'i' | b'u' | b'%') || (t == b'%' && i != run + 2) {
            return e;
        }
        let Some(c) = e.conv.get_mut(n) else { return e };
        *c = Conversion { lit, width, flags, t };
        n += 1;
    }
}

/// [`modulo_write`] from a cached format `e` of text `fs`.
#[cfg(not(target_os = "none"))]
#[inline(always)]
fn run_format(vm: &Vm, fs: &str, e: &CachedFormat, items: &[Obj], w: &mut StrWriter<'_>) -> Option<()> {
    let mut next = 0;
    for c in e.conv.get(..e.n as usize)? {
        let (a, b) = (c.lit.0 as usize, c.lit.1 as usize);
        if b > a {
            if w.room() < b - a {
                return None;
            }
            w.push(fs.get(a..b)?);
        }
        if c.t == b'%' {
            if w.room() < 1 {
                return None;
            }
            w.push("%");
            continue;
        }
        let arg = *items.get(next)?;
        next += 1;
        put_arg(vm, w, arg, c.t, c.width as usize, c.flags & 1 != 0, c.flags & 2 != 0)?;
    }
    let (a, b) = (e.tail.0 as usize, e.tail.1 as usize);
    if b > a {
        if w.room() < b - a {
            return None;
        }
        w.push(fs.get(a..b)?);
    }
    (next == items.len()).then_some(())
}
