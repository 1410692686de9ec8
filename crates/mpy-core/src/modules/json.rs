//! The `json` module: `dumps`, `dump`, `loads`, `load`.
//!
//! Output follows MicroPython: `", "` and `": "` separators by default
//! (`separators=(item, key)` overrides them), `null`/`true`/`false`,
//! floats and ints as their repr, tuples as lists, non-str dict keys
//! written as their JSON text inside quotes, control characters in
//! strings as `\uXXXX` (except `\n`, `\r`, `\t`), other objects as their
//! `str()` in quotes if bytes-like, else their repr.
//!
//! The parser is as lenient as MicroPython's: `,` and `:` act as
//! separators anywhere, a dict key without value is dropped, and any
//! structural error is `ValueError: syntax error in JSON`.

use crate::typ::Entry;
use super::args::{new_str_lossy, write_lossy};
use crate::heap::GcVec;
use crate::obj::Obj;
use crate::qstr::q;
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{BuiltinFun, ModuleDef, PrintKind, Rom};
use crate::types::dict::DictObj;
use crate::types::seq::{kw_check, kw_get};
use crate::PyResult;

/// Writes `o` as JSON with item and key separators `seps`: lists,
/// tuples and dicts through the entry printer the reprs share
/// ([`crate::types::seq::print_entries`], which comes back here for
/// each entry).
///
/// Errors: `RuntimeError` on runaway nesting, whatever a `repr` raises,
/// `MemoryError`.
pub fn print_json(vm: &mut Vm, o: Obj, seps: &[&str; 2], out: &mut Out) -> PyResult<()> {
    use crate::types::seq::Entry as E;
    let word = match o {
        Obj::NONE => "null",
        Obj::TRUE => "true",
        Obj::FALSE => "false",
        _ => "",
    };
    if !word.is_empty() {
        return out.str(vm, word);
    }
    if let Some(s) = vm.str_pinned(o) {
        return crate::types::strutil::repr_quoted(vm, s.as_bytes(), 3, out);
    }
    // Lists/tuples and dicts: their entries read live, as the reprs do
    // (an item's repr may change the container).
    let is_dict = vm.heap.get::<DictObj>(o).is_some_and(|d| crate::types::dict::is_dict_type(d.base.ty));
    let (at, fmt, open, close): (crate::types::seq::EntryAt, _, _, _) = if vm.seq_items(o).is_some() {
        (crate::types::seq::seq_entry_at, E::Json(seps), "[", "]")
    } else if is_dict {
        (crate::types::dict::dict_entry_at, E::JsonKeyValue(seps), "{", "}")
    } else {
        return dump_other(vm, o, out);
    };
    crate::types::seq::print_entries(vm, o, at, usize::MAX, fmt, open, close, out)
}

/// Writes an object that is not a JSON container, str or constant: a
/// bytes-like one's bytes in quotes, anything else as its repr.
fn dump_other(vm: &mut Vm, o: Obj, out: &mut Out) -> PyResult<()> {
    let bytes_like = vm.bytes_pinned(o).is_some() || vm.heap.get::<crate::types::bytearray::ByteArrayObj>(o).is_some();
    if let Some(d) = if bytes_like { crate::types::strutil::get_buffer(vm, o)? } else { None } {
        // (A bytearray's bytes are copied first: they are not pinned.)
        let r = out.str(vm, "\"").and_then(|()| write_lossy(vm, out, d.get())).and_then(|()| out.str(vm, "\""));
        d.free(vm);
        return r;
    }
    vm.print_obj(o, out, PrintKind::Repr)
}

fn get_seps<'a>(vm: &mut Vm, so: Option<Obj>) -> PyResult<[&'a str; 2]> {
    let Some(so) = so.filter(|&o| o != Obj::NONE) else { return Ok([", ", ": "]) };
    let (a, b) = match vm.seq_items(so) {
        Some(&[a, b]) => (a, b),
        _ => return Err(vm.value_error(msg!("separators must be a 2-tuple"))),
    };
    match (vm.str_pinned(a), vm.str_pinned(b)) {
        (Some(a), Some(b)) => Ok([a, b]),
        _ => Err(vm.type_error(msg!("separators must be str"))),
    }
}

/// Writes `o` as JSON text to `out`.
///
/// Errors: `ValueError`/`TypeError` for bad separators, `RuntimeError`
/// for runaway nesting, whatever a `repr` raises, `MemoryError`.
pub fn to_json(vm: &mut Vm, o: Obj, separators: Option<Obj>, out: &mut Out) -> PyResult<()> {
    let seps = get_seps(vm, separators)?;
    print_json(vm, o, &seps, out)
}

/// The JSON text of `a[0]` as a str: `dumps` (`n` 1) and `dump` (`n` 2,
/// the stream second) take the separators after their `n` positional
/// arguments or as a keyword.
///
/// Errors: `TypeError` for bad arguments; as [`to_json`].
fn dump_text(vm: &mut Vm, a: &[Obj], k: &[Obj], n: usize) -> PyResult<Obj> {
    kw_check(vm, k, &["separators"])?;
    if a.len() < n {
        return Err(vm.type_error(crate::runtime::exc::msg::MISSING_ARG));
    }
    if n == 1 && a.len() > 2 {
        return Err(vm.type_error(crate::runtime::exc::msg::TAKES_1_MORE));
    }
    let seps = a.get(n).copied().or_else(|| kw_get(vm, k, "separators"));
    let mut out = Out::buf();
    to_json(vm, a[0], seps, &mut out)?;
    out.into_str(vm)
}

fn dumps(vm: &mut Vm, a: &[Obj], k: &[Obj]) -> PyResult<Obj> {
    dump_text(vm, a, k, 1)
}

fn dump(vm: &mut Vm, a: &[Obj], k: &[Obj]) -> PyResult<Obj> {
    let so = dump_text(vm, a, k, 2)?;
    super::args::call_method(vm, a[1], q::write, &[so])?;
    Ok(Obj::NONE)
}

fn syntax(vm: &mut Vm) -> crate::PyErr {
    vm.value_error(msg!("syntax error in JSON"))
}

fn hex_val(c: u8) -> u32 {
    if c.is_ascii_digit() {
        (c - b'0') as u32
    } else {
        ((c | 0x20).wrapping_sub(b'a') as u32 + 10) & 0xff
    }
}

/// Scans a string body starting after the opening quote, writing the
/// decoded bytes with `put`; returns the index after the closing quote
/// (None if the text ends first).
fn scan_string(s: &[u8], mut i: usize, mut put: impl FnMut(&[u8]) -> bool) -> Option<usize> {
    let mut tmp = [0u8; 4];
    loop {
        let mut c = *s.get(i)?;
        i += 1;
        let mut n = 1;
        if c == b'"' {
            break;
        }
        if c == b'\\' {
            c = *s.get(i)?;
            i += 1;
            c = match c {
                b'b' => 8,
                b'f' => 12,
                b'n' => b'\n',
                b'r' => b'\r',
                b't' => b'\t',
                b'u' => {
                    let h = s.get(i..i + 4)?;
                    i += 4;
                    let v = h.iter().fold(0u32, |a, &c| (a << 4).wrapping_add(hex_val(c)));
                    let ch = char::from_u32(v).unwrap_or('\u{fffd}');
                    n = ch.encode_utf8(&mut tmp).len();
                    tmp[0]
                }
                other => other,
            };
        }
        tmp[0] = c;
        if !put(&tmp[..n]) {
            return None;
        }
    }
    Some(i)
}

/// Parses a string body starting after the opening quote into a str
/// object (invalid UTF-8 replaced); returns it and the index after the
/// closing quote, or None for an unterminated string.
///
/// Errors: `MemoryError`.
fn parse_string(vm: &mut Vm, s: &[u8], i: usize) -> PyResult<Option<(Obj, usize)>> {
    let mut buf: GcVec<u8> = GcVec::new();
    let mut err = None;
    let end = scan_string(s, i, |b| match vm.vec_extend_local(&mut buf, b) {
        Ok(()) => true,
        Err(e) => {
            err = Some(e);
            false
        }
    });
    if let Some(e) = err {
        vm.heap.free_vec(buf);
        return Err(e);
    }
    let r = match end {
        Some(end) => new_str_lossy(vm, buf.as_slice()).map(|o| Some((o, end))),
        None => Ok(None),
    };
    vm.heap.free_vec(buf);
    r
}

fn parse_number(vm: &mut Vm, t: &[u8]) -> PyResult<Obj> {
    if t.iter().any(|&c| matches!(c, b'.' | b'e' | b'E')) {
        // Without floats, official's error for any decimal number.
        #[cfg(not(feature = "float"))]
        return Err(crate::vm::load::no_float(vm));
        #[cfg(feature = "float")]
        match mpy_bytecode::utf8::str(t).and_then(crate::flt::parse) {
            Some(f) => vm.new_float(f),
            None => Err(crate::types::strutil::number_syntax(vm)),
        }
    } else {
        crate::types::int_parse::parse_int(vm, t, 10)
    }
}

/// Parses JSON text into objects.
///
/// Errors: `ValueError: syntax error in JSON`, number syntax errors,
/// `TypeError` for unhashable keys, `MemoryError`.
pub fn from_json(vm: &mut Vm, s: &[u8]) -> PyResult<Obj> {
    // Open containers: (container, is_dict, pending key or NULL) triples
    // in a heap vector held here (so the collector sees them).
    let mut stack: GcVec<Obj> = GcVec::new();
    let r = parse_all(vm, s, &mut stack);
    vm.heap.free_vec(stack);
    r
}

fn parse_all(vm: &mut Vm, s: &[u8], stack: &mut GcVec<Obj>) -> PyResult<Obj> {
    let mut top: Option<Obj> = None;
    let mut i = 0usize;
    loop {
        while i < s.len() && matches!(s[i], b' ' | b'\t' | b'\n' | b'\r' | b',' | b':') {
            i += 1;
        }
        let Some(&c) = s.get(i) else { break };
        let value = match c {
            b'[' | b'{' => {
                i += 1;
                let o = if c == b'[' { vm.new_list_with_capacity(0)? } else { vm.new_dict()? };
                vm.vec_extend_local(stack, &[o, Obj::bool(c == b'{'), Obj::NULL])?;
                continue;
            }
            b']' | b'}' => {
                i += 1;
                let n = stack.len();
                if n < 3 {
                    return Err(syntax(vm));
                }
                let o = stack.as_slice()[n - 3];
                stack.truncate(n - 3);
                o
            }
            b'"' => {
                let Some((o, ni)) = parse_string(vm, s, i + 1)? else { return Err(syntax(vm)) };
                i = ni;
                o
            }
            b'n' | b't' | b'f' => {
                let (word, v): (&[u8], Obj) = match c {
                    b'n' => (b"null", Obj::NONE),
                    b't' => (b"true", Obj::TRUE),
                    _ => (b"false", Obj::FALSE),
                };
                if !s[i..].starts_with(word) {
                    return Err(syntax(vm));
                }
                i += word.len();
                v
            }
            b'-' | b'+' | b'.' | b'0'..=b'9' => {
                let st = i;
                while i < s.len() && matches!(s[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9') {
                    i += 1;
                }
                parse_number(vm, &s[st..i])?
            }
            _ => return Err(syntax(vm)),
        };
        let n = stack.len();
        if n < 3 {
            if top.is_some() {
                return Err(syntax(vm));
            }
            top = Some(value);
            continue;
        }
        let (cont, is_dict, key) = {
            let t = &stack.as_slice()[n - 3..];
            (t[0], t[1] == Obj::TRUE, t[2])
        };
        if !is_dict {
            vm.vec_push(cont, |l: &mut crate::types::list::ListObj| &mut l.items, value)?;
        } else if key.is_null() {
            stack.as_mut_slice()[n - 1] = value;
        } else {
            stack.as_mut_slice()[n - 1] = Obj::NULL;
            vm.dict_store(cont, key, value)?;
        }
    }
    match (top, stack.is_empty()) {
        (Some(o), true) => Ok(o),
        _ => Err(syntax(vm)),
    }
}

/// The JSON text of a str or bytes-like argument (a bytearray is copied
/// to a heap buffer first: its bytes are not pinned), then parsed.
fn loads_obj(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    let Some(d) = crate::types::strutil::get_buffer(vm, o)? else {
        return Err(super::args::buffer_error(vm));
    };
    let r = from_json(vm, d.get());
    d.free(vm);
    r
}

/// `loads(text)` (member 0) and `load(stream)` (1: parses what
/// `stream.read()` returns): one body ([`BuiltinFun::new1_at`]).
fn load(vm: &mut Vm, a0: Obj, at: usize) -> PyResult<Obj> {
    let data = if at == 0 { a0 } else { super::args::call_method(vm, a0, q::read, &[])? };
    loads_obj(vm, data)
}

static DUMPS: BuiltinFun = BuiltinFun::new_kw(q::dumps, 1, dumps);
static DUMP: BuiltinFun = BuiltinFun::new_kw(q::dump, 1, dump);
static LOADS: BuiltinFun = BuiltinFun::new1_at(q::loads, load, 0);
static LOAD: BuiltinFun = BuiltinFun::new1_at(q::load, load, 1);

static LOCALS: [Entry; 5] = [
    Entry::new(q::__name__, Rom::Str(q::json)),
    Entry::new(q::dump, Rom::Fun(&DUMP)),
    Entry::new(q::dumps, Rom::Fun(&DUMPS)),
    Entry::new(q::load, Rom::Fun(&LOAD)),
    Entry::new(q::loads, Rom::Fun(&LOADS)),
];

/// The `json` module.
pub static JSON_MODULE: ModuleDef = ModuleDef::new(q::json, &LOCALS);

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(s: &[u8]) -> Option<(alloc::vec::Vec<u8>, usize)> {
        let mut v = alloc::vec::Vec::new();
        let end = scan_string(s, 0, |b| {
            v.extend_from_slice(b);
            true
        })?;
        Some((v, end))
    }

    #[test]
    fn strings() {
        assert_eq!(scan(b"ab\\u0041\\n\"x"), Some((b"abA\n".to_vec(), 11)));
        assert_eq!(scan(b"abc"), None);
        assert_eq!(scan(b"\\u00"), None);
    }
}
