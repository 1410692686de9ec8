//! `str.format` and the format-spec mini-language (also behind the
//! `format()` builtin via [`format_obj`], and f-strings, which compile to
//! `str.format` calls).
//!
//! Spec grammar: `[[fill]align][sign][#][0][width][,|_][.precision][type]`
//! with align `< > ^ =`, sign `+ - space`, types `s` for str, `b c d o x X
//! n` for ints, `e E f F g G %` for floats (and ints). Fields:
//! `{[name|index][.attr|[key]]*[!r|!s][:spec]}` with nested `{}` inside the
//! spec. Error messages follow MicroPython.
//!
//! Text is written piecewise to an [`Out`] (a gc-heap buffer for
//! `format`); digits of machine ints and floats are made in buffers on the
//! Rust stack, those of big ints in a gc-heap buffer.

use crate::typ::given;
#[cfg(feature = "float")]
use crate::flt::Float;
#[cfg(feature = "float")]
use super::float_format::FloatText;
use super::strutil::{char_len, char_to_byte, is_int, native_part, type_name};
use crate::heap::GcVec;
use crate::obj::Obj;
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{PrintKind, Subscr};
use crate::PyResult;

/// A parsed format spec.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Spec {
    /// Fill character (None = not given: space, or `0` with the zero flag).
    pub fill: Option<char>,
    /// `<`, `>`, `^` or `=` (0 = the type's default).
    pub align: u8,
    /// `+`, `-` or ` ` (0 = not given).
    pub sign: u8,
    /// `#`: alternate form (radix prefixes, keep the point).
    pub alt: bool,
    /// `0` before the width.
    pub zero: bool,
    /// Minimum width in characters.
    pub width: usize,
    /// `,` or `_` digit grouping (0 = none).
    pub grouping: u8,
    /// Precision.
    pub precision: Option<usize>,
    /// The type character (0 = none).
    pub ty: u8,
}

/// Parses a format spec.
///
/// Errors: `ValueError: invalid format specifier` for trailing garbage.
pub fn parse_spec(vm: &mut Vm, spec: &str) -> PyResult<Spec> {
    let mut s = Spec::default();
    let c = spec.as_bytes();
    let is_align = |b: Option<&u8>| matches!(b, Some(b'<' | b'>' | b'^' | b'='));
    // `[[fill]align]`: the fill is any one char.
    let first = spec.chars().next();
    let mut i = first.map_or(0, char::len_utf8);
    if is_align(c.get(i)) {
        s.fill = first;
    } else {
        i = 0;
    }
    if is_align(c.get(i)) {
        s.align = c[i];
        i += 1;
    }
    // The next byte if it is one of `set`, consumed.
    let eat = |i: &mut usize, set: &[u8]| -> Option<u8> {
        let b = *c.get(*i)?;
        crate::types::strutil::has_byte(set, b).then(|| *i += 1).map(|()| b)
    };
    s.sign = eat(&mut i, b"+- ").unwrap_or(0);
    s.alt = eat(&mut i, b"#").is_some();
    s.zero = eat(&mut i, b"0").is_some();
    s.width = spec_number(c, &mut i).unwrap_or(0);
    s.grouping = eat(&mut i, b",_").unwrap_or(0);
    if eat(&mut i, b".").is_some() {
        let Some(p) = spec_number(c, &mut i) else { return Err(vm.value_error(msg!("invalid format specifier"))) };
        s.precision = Some(p);
    }
    if let Some(&t) = c.get(i) {
        // The presentation types `bcdeEfFgGnosxX%`.
        if t != b'%' && !letter_in(t, 0x84_607e_0080_0070) {
            return Err(vm.value_error(msg!("invalid format specifier")));
        }
        s.ty = t;
        i += 1;
    }
    if i < c.len() {
        return Err(vm.value_error(msg!("invalid format specifier")));
    }
    Ok(s)
}

/// The decimal number at `c[*i..]` (saturating), consumed; None if no
/// digit is there.
pub fn spec_number(c: &[u8], i: &mut usize) -> Option<usize> {
    let st = *i;
    let mut v = 0usize;
    while let Some(d @ b'0'..=b'9') = c.get(*i) {
        v = v.saturating_mul(10).saturating_add((d - b'0') as usize);
        *i += 1;
    }
    (*i > st).then_some(v)
}

/// Is `c` an ASCII letter whose bit (bit `c - b'A'`) is set in `set`? A
/// set of type letters in one word (a byte-string `contains` unrolls).
#[inline]
pub fn letter_in(c: u8, set: u64) -> bool {
    let i = c.wrapping_sub(b'A');
    // 32-bit targets: one 32-bit half (no 64-bit shift helper call).
    #[cfg(target_pointer_width = "32")]
    let set = (if i < 32 { set as u32 } else { (set >> 32) as u32 } >> (i & 31)) as u64;
    #[cfg(not(target_pointer_width = "32"))]
    let set = set >> (i & 63);
    i < 58 && set & 1 != 0
}

/// Makes sure a buffer `out` has room for `n` more bytes (so huge widths
/// raise `MemoryError` at once).
///
/// Errors: `MemoryError`.
pub fn reserve_out(vm: &mut Vm, out: &mut Out, n: usize) -> PyResult<()> {
    if let Out::Buf(v) = out {
        vm.vec_reserve_local(v, n)?;
    }
    Ok(())
}

/// Writes `c` `n` times.
///
/// Errors: `MemoryError`.
pub fn put_n(vm: &mut Vm, out: &mut Out, c: char, n: usize) -> PyResult<()> {
    if n == 0 {
        return Ok(());
    }
    let mut enc = [0u8; 4];
    let e = c.encode_utf8(&mut enc).as_bytes();
    reserve_out(vm, out, n.saturating_mul(e.len()))?;
    // Boards: one char at a time (the room is reserved).
    #[cfg(target_os = "none")]
    for _ in 0..n {
        out.bytes(vm, e)?;
    }
    // Desktop: ASCII fill (the usual case) is one memset; wider chars are
    // repeated.
    #[cfg(not(target_os = "none"))]
    {
        let mut chunk = [e[0]; 64];
        let per = chunk.len() / e.len();
        if e.len() > 1 {
            for k in 0..per {
                chunk[k * e.len()..(k + 1) * e.len()].copy_from_slice(e);
            }
        }
        let mut left = n;
        while left > 0 {
            let k = left.min(per);
            out.bytes(vm, &chunk[..k * e.len()])?;
            left -= k;
        }
    }
    Ok(())
}

/// Pads `sign_prefix + zeros * '0' + body` to the spec's width and writes
/// it. `default_align` is `<` for strings and `>` for numbers. `body`
/// must not borrow the `Vm` (pinned or local text).
///
/// Errors: `MemoryError`.
pub fn pad_into(
    vm: &mut Vm,
    out: &mut Out,
    spec: &Spec,
    sign_prefix: &str,
    zeros: usize,
    body: &str,
    default_align: u8,
) -> PyResult<()> {
    pad_bytes(vm, out, spec, sign_prefix.as_bytes(), zeros, body.as_bytes(), None, default_align)
}

/// [`pad_into`] for a body of bytes that counts `body_len` characters
/// (None: UTF-8 text, its code points are counted). `sign_prefix` is
/// ASCII text.
///
/// Errors: `MemoryError`.
#[allow(clippy::too_many_arguments)]
pub fn pad_bytes(
    vm: &mut Vm,
    out: &mut Out,
    spec: &Spec,
    sign_prefix: &[u8],
    zeros: usize,
    body: &[u8],
    body_len: Option<usize>,
    default_align: u8,
) -> PyResult<()> {
    let (fill, default_align) = if spec.zero && spec.fill.is_none() {
        ('0', if default_align == b'<' { b'<' } else { b'=' })
    } else {
        (spec.fill.unwrap_or(' '), default_align)
    };
    let align = if spec.align != 0 { spec.align } else { default_align };
    let padn = if spec.width == 0 {
        0
    } else {
        let len = sign_prefix.len() + zeros + body_len.unwrap_or_else(|| char_len(body));
        spec.width.saturating_sub(len)
    };
    reserve_out(vm, out, sign_prefix.len().saturating_add(zeros).saturating_add(body.len()))?;
    // Fill before the sign, between the sign and the zeros, after the body.
    let (before, mid, after) = match align {
        b'<' => (0, 0, padn),
        b'^' => (padn / 2, 0, padn - padn / 2),
        b'=' => (0, padn, 0),
        _ => (padn, 0, 0),
    };
    put_n(vm, out, fill, before)?;
    out.bytes(vm, sign_prefix)?;
    put_n(vm, out, fill, mid)?;
    put_n(vm, out, '0', zeros)?;
    out.bytes(vm, body)?;
    put_n(vm, out, fill, after)
}

/// The value of an int object: a machine int, or a big int's sign and
/// magnitude digits (pinned).
#[derive(Clone, Copy, Debug)]
pub enum IntVal<'a> {
    /// A small int or bool.
    Small(i64),
    /// A big int: negative?, little-endian 32-bit magnitude.
    #[cfg(feature = "bigint")]
    Big(bool, &'a [u32]),
    /// (Ties the lifetime without big ints; never made.)
    #[cfg(not(feature = "bigint"))]
    #[doc(hidden)]
    _Never(core::convert::Infallible, core::marker::PhantomData<&'a ()>),
}

impl IntVal<'_> {
    /// The nearest float (infinite when too large).
    #[cfg(feature = "float")]
    pub fn to_f64(self) -> Float {
        match self {
            IntVal::Small(i) => i as Float,
            #[cfg(feature = "bigint")]
            IntVal::Big(neg, d) => match crate::flt::from_mpz(mpy_mpz::MpzRef::new(neg, d)) {
                Ok(f) => f,
                Err(_) if neg => Float::NEG_INFINITY,
                Err(_) => Float::INFINITY,
            },
        }
    }
}

/// The value of an int object (small, big, bool, or an int subclass
/// instance).
pub fn int_value<'a>(vm: &Vm, o: Obj) -> Option<IntVal<'a>> {
    if let Some(i) = o.as_small_int() {
        return Some(IntVal::Small(i as i64));
    }
    match o {
        Obj::TRUE => return Some(IntVal::Small(1)),
        Obj::FALSE => return Some(IntVal::Small(0)),
        _ => {}
    }
    #[cfg(feature = "bigint")]
    if let Some((neg, d)) = vm.int_digits_pinned(o) {
        return Some(IntVal::Big(neg, d));
    }
    int_value(vm, native_part(vm, o)?)
}

/// The char of code point `v` (`%c` and `{:c}` of an int).
///
/// Errors: `OverflowError: %c arg not in range(0x110000)`.
pub fn code_point(vm: &mut Vm, v: IntVal<'_>) -> PyResult<char> {
    let ch = match v {
        IntVal::Small(i) => u32::try_from(i).ok().and_then(char::from_u32),
        #[cfg(feature = "bigint")]
        IntVal::Big(..) => None,
    };
    match ch {
        Some(c) => Ok(c),
        None => Err(vm.overflow_error(msg!("%c arg not in range(0x110000)"))),
    }
}

/// The radix of an integer presentation type (the `#` prefix of a
/// non-decimal one is `0` and the type letter).
fn radix_of(ty: u8) -> u32 {
    match ty {
        b'b' => 2,
        b'o' => 8,
        b'x' | b'X' => 16,
        _ => 10,
    }
}

/// Formats an int with an integer type (`b c d n o x X` or none) and
/// writes it. `min_digits` is `%`-formatting's precision for ints.
///
/// Errors: `OverflowError: %c arg not in range(0x110000)`, `MemoryError`.
pub fn format_int_into(vm: &mut Vm, v: IntVal<'_>, spec: &Spec, min_digits: Option<usize>, out: &mut Out) -> PyResult<()> {
    let ty = if spec.ty == 0 { b'd' } else { spec.ty };
    if ty == b'c' {
        let ch = code_point(vm, v)?;
        let mut b = [0u8; 4];
        return pad_into(vm, out, spec, "", 0, ch.encode_utf8(&mut b), b'>');
    }
    let radix = radix_of(ty);
    let upper = ty == b'X';
    match v {
        // Desktop (and without big ints): machine ints on the stack
        // (boards: one digit path).
        #[cfg(any(not(target_os = "none"), not(feature = "bigint")))]
        IntVal::Small(i) => {
            let mut buf = [0u8; 64];
            let digits = super::int::u64_digits(&mut buf, i.unsigned_abs(), radix, upper);
            int_body_into(vm, out, i < 0, digits, spec, min_digits)
        }
        #[cfg(feature = "bigint")]
        _ => {
            let small: [u32; 2];
            let (neg, mag) = match v {
                IntVal::Small(i) => {
                    let m = i.unsigned_abs();
                    small = [m as u32, (m >> 32) as u32];
                    (i < 0, &small[..])
                }
                IntVal::Big(neg, mag) => (neg, mag),
            };
            // The magnitude's digits, as `repr` writes them.
            let mut text = Out::buf();
            let r = super::int_ops::big::write_radix(vm, &mut text, mpy_mpz::MpzRef::pos(mag), radix, upper)
                .and_then(|()| {
                    int_body_into(vm, out, neg, text.as_bytes(), spec, min_digits)
                });
            free_out(vm, text);
            r
        }
    }
}

/// [`format_int_into`] for a machine-word int.
///
/// Errors: as [`format_int_into`].
pub fn format_small_int_into(vm: &mut Vm, v: i64, spec: &Spec, min_digits: Option<usize>, out: &mut Out) -> PyResult<()> {
    format_int_into(vm, IntVal::Small(v), spec, min_digits, out)
}

/// Characters of `m` digits grouped by `every` with one-char separators.
#[cfg_attr(target_os = "none", inline(never))]
fn grouped_len(m: usize, every: usize) -> usize {
    m + m.saturating_sub(1) / every
}

/// Sign, `#` prefix, zero-extension to `min_digits`, grouping and padding
/// around an int's magnitude `digits` (ASCII, in the spec's radix and
/// case).
fn int_body_into(
    vm: &mut Vm,
    out: &mut Out,
    neg: bool,
    digits: &[u8],
    spec: &Spec,
    min_digits: Option<usize>,
) -> PyResult<()> {
    let ty = if spec.ty == 0 { b'd' } else { spec.ty };
    let radix = radix_of(ty);
    let zeros = min_digits.map_or(0, |m| m.saturating_sub(digits.len()));
    // Sign and prefix: at most 3 ASCII chars.
    let mut spb = [0u8; 3];
    let mut spn = 0;
    if neg {
        spb[0] = b'-';
        spn = 1;
    } else if let s @ (b'+' | b' ') = spec.sign {
        spb[0] = s;
        spn = 1;
    }
    if spec.alt && radix != 10 {
        spb[spn] = b'0';
        spb[spn + 1] = ty;
        spn += 2;
    }
    let sp = &spb[..spn];
    let g = spec.grouping;
    if g == 0 {
        return pad_bytes(vm, out, spec, sp, zeros, digits, Some(digits.len()), b'>');
    }
    // Grouping; with zero padding to a width (`{:08,}`), the padding zeros
    // are grouped too (`0,001,234`), as CPython and MicroPython do.
    let every = if radix == 10 { 3 } else { 4 };
    let cur = digits.len() + zeros;
    let mut m = cur;
    // (Also a `0` fill char with `=` alignment, as CPython and MicroPython.)
    let zero_fill = spec.fill.map_or(spec.zero, |f| f == '0') && matches!(spec.align, 0 | b'=');
    let target = spec.width.saturating_sub(sp.len());
    if zero_fill && grouped_len(m, every) < target {
        // The fewest digits whose grouped text is `target` long (or one
        // more, where that length falls on a separator): `m - 1 = q *
        // every + r` gives `q * (every + 1) + r + 1` chars.
        let u = target - 1;
        m = (1 + u / (every + 1) * every + u % (every + 1)).max(cur);
    }
    let glen = grouped_len(m, every);
    let mut gb: GcVec<u8> = vm.new_vec(glen)?;
    let d = digits;
    let lead = m - d.len();
    for pos in 0..m {
        if pos > 0 && (m - pos).is_multiple_of(every) {
            let _ = gb.push_within_capacity(g);
        }
        let _ = gb.push_within_capacity(if pos < lead { b'0' } else { d[pos - lead] });
    }
    let r = pad_bytes(vm, out, spec, sp, 0, gb.as_slice(), Some(glen), b'>');
    vm.heap.free_vec(gb);
    r
}

/// Float digits for non-negative finite `x`: `ty` is `e E f F g G %` or
/// `r` (repr), `prec` the precision (None: the type's default), `alt` the
/// `#` flag (ignored for floats, as MicroPython does). Delegates to
/// [`super::float_format::format_float`], MicroPython's digit rules.
#[cfg(feature = "float")]
pub fn float_digits(x: Float, ty: char, prec: Option<usize>, alt: bool) -> FloatText {
    super::float_format::format_float(x, ty, prec, alt)
}

/// Formats a float with a float type (`e E f F g G %`) or none, and
/// writes it.
///
/// Errors: `MemoryError`.
#[cfg(feature = "float")]
pub fn format_float_into(vm: &mut Vm, x: Float, spec: &Spec, out: &mut Out) -> PyResult<()> {
    let sp = if x.is_sign_negative() && !x.is_nan() {
        "-"
    } else {
        match spec.sign {
            b'+' => "+",
            b' ' => " ",
            _ => "",
        }
    };
    let ax = x.abs();
    // `format_float` spells infinities and NaN too (`inf`, `NAN%`).
    // No type (or `n`) is `g`, with 6 digits by default as on MicroPython
    // (`'{:>}'.format(1/3) == '0.333333'`).
    let t = match spec.ty {
        0 | b'n' => 'g',
        t => t as char,
    };
    let body = float_digits(ax, t, spec.precision, spec.alt);
    // MicroPython ignores `,`/`_` grouping for floats.
    pad_into(vm, out, spec, sp, 0, body.as_str(), b'>')
}

/// Float presentation types `eEfFgG` (a [`letter_in`] set; `%` is the
/// other).
pub const FLOAT_TYPES: u64 = 0x70_0000_0070;
/// Int presentation types `bcdnoxX` (a [`letter_in`] set; none is `d`).
const INT_TYPES: u64 = 0x80_600e_0080_0000;

/// [`format_number`]: the number was written.
pub const NUM_DONE: u8 = 0;
/// [`format_number`]: a number of a kind the type does not take.
pub const NUM_WRONG_TYPE: u8 = 1;

/// The number half of the one formatting engine behind `format()`,
/// `str.format`, f-strings and `%`: writes `obj` (an int, bool or float;
/// for `%` (`pct`) also an int subclass instance) formatted per `sp` with
/// a number type (`bcdnoxX`, none, `eEfFgG%`), `min_digits` as
/// [`format_int_into`]'s. Returns [`NUM_DONE`], [`NUM_WRONG_TYPE`] or 2
/// (not a number; nothing written). An int takes every type (a float
/// type through its float value), a float the float types, none and `n`,
/// and with `pct` also `d` (truncated).
///
/// Errors: as [`format_int_into`]; `int()`'s of a float.
pub fn format_number(vm: &mut Vm, obj: Obj, sp: &Spec, pct: bool, min_digits: Option<usize>, out: &mut Out) -> PyResult<u8> {
    let t = sp.ty;
    let iv = if pct || is_int(vm, obj) { int_value(vm, obj) } else { None };
    #[cfg(feature = "float")]
    {
        let fv = if iv.is_none() { vm.float_of(obj) } else { None };
        if t == b'%' || letter_in(t, FLOAT_TYPES) || (fv.is_some() && matches!(t, 0 | b'n')) {
            let f = match (fv, iv) {
                (Some(f), _) => f,
                (None, Some(v)) => v.to_f64(),
                _ => return Ok(2),
            };
            format_float_into(vm, f, sp, out)?;
            return Ok(NUM_DONE);
        }
        if let Some(f) = fv {
            if !(pct && t == b'd') {
                return Ok(NUM_WRONG_TYPE);
            }
            let o = super::int::int_from_f64(vm, f)?;
            let v = int_value(vm, o).unwrap_or(IntVal::Small(0));
            format_int_into(vm, v, sp, min_digits, out)?;
            return Ok(NUM_DONE);
        }
    }
    let Some(v) = iv else { return Ok(2) };
    if t != 0 && !letter_in(t, INT_TYPES) {
        return Ok(NUM_WRONG_TYPE);
    }
    format_int_into(vm, v, sp, min_digits, out)?;
    Ok(NUM_DONE)
}

/// Writes text or bytes `b` truncated to the precision (in chars when `b`
/// is valid UTF-8, else in bytes) and padded to the width (`default_align`
/// `<` for `format()`, `>` for `%`): the str half of the engine.
///
/// Errors: `MemoryError`.
pub fn pad_text(vm: &mut Vm, out: &mut Out, spec: &Spec, b: &[u8], default_align: u8) -> PyResult<()> {
    let text = mpy_bytecode::utf8::valid(b);
    let cut = match spec.precision {
        Some(p) if text => char_to_byte(b, p),
        Some(p) => p.min(b.len()),
        None => b.len(),
    };
    let b = b.get(..cut).unwrap_or(b);
    pad_bytes(vm, out, spec, b"", 0, b, if text { None } else { Some(b.len()) }, default_align)
}

/// Writes `format(obj, spec)`: the text of `obj` formatted per `spec`
/// (ints, floats and strs; other objects only with an empty spec, which
/// gives `str(obj)`). `spec` must not borrow the `Vm`.
///
/// Errors: `ValueError: unknown format code 'x' for object of type
/// 'float'`, `ValueError: invalid format specifier`, `ValueError: '='
/// alignment not allowed in string format specifier`, `TypeError: can't
/// convert 'NoneType' object to str implicitly`, `MemoryError`.
pub fn format_obj_into(vm: &mut Vm, obj: Obj, spec: &str, out: &mut Out) -> PyResult<()> {
    if spec.is_empty() {
        return vm.print_obj(obj, out, PrintKind::Str);
    }
    let sp = parse_spec(vm, spec)?;
    // Huge widths/precisions: MemoryError before building the text.
    reserve_out(vm, out, sp.width.saturating_add(sp.precision.unwrap_or(0)))?;
    let r = format_number(vm, obj, &sp, false, None, out)?;
    if r == NUM_DONE {
        return Ok(());
    }
    if r == NUM_WRONG_TYPE || vm.str_pinned(obj).is_some() {
        if let (0 | b's', Some(s)) = (sp.ty, vm.str_pinned(obj)) {
            if sp.align == b'=' {
                return Err(vm.value_error(msg!("'=' alignment not allowed in string format specifier")));
            }
            return pad_text(vm, out, &sp, s.as_bytes(), b'<');
        }
        let name = type_name(vm, obj);
        return Err(vm.value_error_fmt(msg!("unknown format code '{}' for object of type '{}'"), &[(sp.ty as char).into(), name.into()]));
    }
    Err(super::strutil::not_str_implicitly(vm, obj))
}

/// `format(obj, spec)` as a new str (see [`format_obj_into`]).
///
/// Errors: as [`format_obj_into`].
pub fn format_obj(vm: &mut Vm, obj: Obj, spec: &str) -> PyResult<Obj> {
    let mut out = Out::buf();
    format_obj_into(vm, obj, spec, &mut out)?;
    out.into_str(vm)
}

/// Gives a buffer [`Out`] back to the heap.
fn free_out(vm: &mut Vm, out: Out) {
    if let Out::Buf(v) = out {
        vm.heap.free_vec(v);
    }
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
    /// `name` is UTF-8 (a piece of the format string cut at ASCII
    /// delimiters).
    fn lookup(&mut self, vm: &mut Vm, name: &[u8]) -> PyResult<Obj> {
        let (first, mut rest) = name.split_at(name_end(name));
        let mut obj = if first.iter().all(u8::is_ascii_digit) {
            // Positional: automatic (empty name) or manual numbering.
            let auto = first.is_empty();
            if self.mode == if auto { 2 } else { 1 } {
                // The two messages share their text (one format string).
                let (m, a) = ("manual field specification", "automatic field numbering");
                let (from, to) = if auto { (m, a) } else { (a, m) };
                return Err(vm.value_error_fmt(msg!("can't switch from {} to {}"), &[from.into(), to.into()]));
            }
            self.mode = if auto { 1 } else { 2 };
            let i = if auto {
                self.next += 1;
                self.next - 1
            } else {
                decimal(first).and_then(|v| usize::try_from(v).ok()).unwrap_or(usize::MAX)
            };
            match self.args.get(i) {
                Some(&o) => o,
                None => return Err(super::strutil::index_range_error(vm, "tuple")),
            }
        } else {
            let mut found = None;
            for pair in self.kw.chunks(2) {
                if vm.str_pinned(pair[0]).map(str::as_bytes) == Some(first) {
                    found = pair.get(1).copied();
                }
            }
            match found {
                Some(o) => o,
                None => {
                    let k = vm.new_str_from_utf8(first)?;
                    return Err(vm.key_error(k));
                }
            }
        };
        while let Some((&c, r)) = rest.split_first() {
            let e;
            if c == b'.' {
                e = name_end(r);
                if e == 0 {
                    return Err(vm.value_error(msg!("Empty attribute in format string")));
                }
                let q = vm.intern(mpy_bytecode::utf8::str(&r[..e]).unwrap_or(""))?;
                obj = vm.load_attr(obj, q)?;
            } else if c == b'[' {
                let Some(k) = r.iter().position(|&b| b == b']') else {
                    return Err(vm.value_error(msg!("expected '}' before end of string")));
                };
                let key = &r[..k];
                let k = match decimal(key).and_then(|v| i64::try_from(v).ok()) {
                    Some(n) => vm.new_int(n)?,
                    None => vm.new_str_from_utf8(key)?,
                };
                obj = vm.subscr(obj, k, Subscr::Load)?;
                e = key.len() + 1;
            } else {
                return Err(vm.value_error(msg!("invalid format specifier")));
            }
            rest = &r[e..];
        }
        Ok(obj)
    }
}

/// Length of the leading part of a field name before its first `.` or
/// `[`.
fn name_end(s: &[u8]) -> usize {
    s.iter().position(|&c| c == b'.' || c == b'[').unwrap_or(s.len())
}

/// The value of a non-empty run of ASCII digits (None for anything else,
/// or past `u64`): field numbers and `[index]` keys.
fn decimal(s: &[u8]) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    s.iter().try_fold(0u64, |v, &b| {
        let d = b.wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        v.checked_mul(10)?.checked_add(d as u64)
    })
}

/// Expands a format string against positional `args` and flattened
/// keyword pairs `kw`, writing the result. `fmt` must not borrow the `Vm`
/// (pinned or local text).
///
/// Errors: `ValueError: single '}' encountered in format string`,
/// `ValueError: unmatched '{' in format`, numbering switches,
/// `IndexError: tuple index out of range`, `KeyError`, conversion and spec
/// errors, `MemoryError`.
pub fn format_string(vm: &mut Vm, fmt: &str, args: &[Obj], kw: &[Obj], out: &mut Out) -> PyResult<()> {
    let mut fields = Fields { args, kw, next: 0, mode: 0 };
    expand(vm, fmt.as_bytes(), &mut fields, 0, out)
}

/// [`format_string`] on the UTF-8 bytes `b` (also a spec with nested
/// fields, at `depth` 1 or 2).
fn expand(vm: &mut Vm, b: &[u8], fields: &mut Fields, depth: u32, out: &mut Out) -> PyResult<()> {
    let mut i = 0;
    let mut lit = 0;
    while let Some(&c) = b.get(i) {
        if c != b'{' && c != b'}' {
            i += 1;
            continue;
        }
        if b.get(i + 1) == Some(&c) {
            // `{{` or `}}`: one brace.
            out.bytes(vm, &b[lit..=i])?;
            i += 2;
            lit = i;
            continue;
        }
        if c == b'}' {
            return Err(vm.value_error(msg!("single '}' encountered in format string")));
        }
        out.bytes(vm, &b[lit..i])?;
        // Find the matching '}' (nested braces allowed in the spec).
        let mut d = 0;
        let mut j = i + 1;
        loop {
            match b.get(j) {
                None => return Err(vm.value_error(msg!("unmatched '{' in format"))),
                Some(b'{') => d += 1,
                Some(b'}') if d == 0 => break,
                Some(b'}') => d -= 1,
                _ => {}
            }
            j += 1;
        }
        format_field(vm, &b[i + 1..j], fields, depth, out)?;
        i = j + 1;
        lit = i;
    }
    out.bytes(vm, &b[lit.min(b.len())..])
}

fn format_field(vm: &mut Vm, field: &[u8], fields: &mut Fields, depth: u32, out: &mut Out) -> PyResult<()> {
    // Split name[!conv][:spec]; '[...]' in the name may contain ':' or '!'.
    let mut k = 0;
    while k < field.len() && field[k] != b'!' && field[k] != b':' {
        if field[k] == b'[' {
            while k < field.len() && field[k] != b']' {
                k += 1;
            }
        }
        k += 1;
    }
    let (name, mut rest) = field.split_at(k.min(field.len()));
    let mut conv = None;
    if let Some(r) = rest.strip_prefix(b"!") {
        // The conversion char (any char; its UTF-8 bytes are skipped).
        let c = mpy_bytecode::utf8::str(r).and_then(|t| t.chars().next());
        conv = Some(c.unwrap_or('}'));
        rest = r.get(c.map_or(0, char::len_utf8)..).unwrap_or(&[]);
        if !rest.is_empty() && rest[0] != b':' {
            return Err(vm.value_error(msg!("expected ':' after format specifier")));
        }
    }
    let spec = rest.strip_prefix(b":").unwrap_or(&[]);
    let mut obj = fields.lookup(vm, name)?;
    match conv {
        None => {}
        Some('r') => obj = vm.repr_obj(obj)?,
        Some('s') => obj = vm.str_obj(obj)?,
        Some(c) => return Err(vm.value_error_fmt(msg!("unknown conversion specifier {}"), &[c.into()])),
    }
    if crate::types::strutil::has_byte(spec, b'{') && depth < 2 {
        let mut sb = Out::buf();
        let r = expand(vm, spec, fields, depth + 1, &mut sb).and_then(|()| {
            let s = mpy_bytecode::utf8::str(sb.as_bytes()).unwrap_or("");
            format_obj_into(vm, obj, s, out)
        });
        free_out(vm, sb);
        return r;
    }
    format_obj_into(vm, obj, mpy_bytecode::utf8::str(spec).unwrap_or(""), out)
}

/// `str.format(*args, **kw)` as a native method (`args[0]` is the format
/// string; a bytes or bytearray receiver gives an object of its kind, its
/// literal bytes copied as they are, as MicroPython's).
///
/// Errors: as [`format_string`]; `TypeError` for a non-str receiver.
pub fn str_format(vm: &mut Vm, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    let (kind, fmt) = super::str_methods::self_data(vm, args[0])?;
    let mut out = Out::buf();
    // Desktop: start with room for the usual result (as `%` does).
    #[cfg(not(target_os = "none"))]
    if let Ok(v) = vm.new_vec::<u8>(fmt.get().len() + 32) {
        out = Out::Buf(v);
    }
    let mut fields = Fields { args: &args[1..], kw, next: 0, mode: 0 };
    let r = expand(vm, fmt.get(), &mut fields, 0, &mut out);
    fmt.free(vm);
    r?;
    let Out::Buf(v) = out else { return Ok(Obj::NULL) };
    super::strutil::finish_vec(vm, kind, v)
}

fn builtin_format(vm: &mut Vm, a0: Obj, a1: Obj, _a2: Obj) -> PyResult<Obj> {
    let spec = match given(&a1) {
        Some(&s) => match vm.str_pinned(s) {
            Some(t) => t,
            None => {
                let t = type_name(vm, s);
                return Err(vm.type_error_fmt(msg!("format() argument 2 must be str, not {}"), &[t.into()]));
            }
        },
        None => "",
    };
    format_obj(vm, a0, spec)
}

/// The `format(value[, spec])` builtin (see [`format_obj`]).
pub static FORMAT_BUILTIN: crate::typ::BuiltinFun =
    crate::typ::BuiltinFun::new_opt(crate::qstr::q::format, 1, 2, builtin_format);
