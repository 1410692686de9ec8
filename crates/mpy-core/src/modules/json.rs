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

use crate::obj::Obj;
use crate::objdata::ObjData;
use crate::qstr::{q, Qstr};
use crate::state::Vm;
use crate::typ::{BuiltinFun, ModuleDef, Rom};
use crate::types::seq::{kw_check, kw_get};
use crate::PyResult;
use alloc::string::String;
use alloc::vec::Vec;

/// Deepest nesting `dumps` follows before `RuntimeError`.
const MAX_DEPTH: usize = 1000;

/// Appends `s` as a JSON string literal.
pub fn escape_into(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let v = c as u32;
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(v >> 4) as usize] as char);
                out.push(HEX[(v & 15) as usize] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

struct Seps {
    item: String,
    key: String,
}

fn dump_obj(vm: &mut Vm, o: Obj, seps: &Seps, out: &mut String, depth: usize) -> PyResult<()> {
    if depth > MAX_DEPTH {
        return Err(vm.runtime_error("maximum recursion depth exceeded"));
    }
    match o {
        Obj::NONE => {
            out.push_str("null");
            return Ok(());
        }
        Obj::TRUE => {
            out.push_str("true");
            return Ok(());
        }
        Obj::FALSE => {
            out.push_str("false");
            return Ok(());
        }
        _ => {}
    }
    if let Some(s) = vm.str_of(o) {
        escape_into(out, s);
        return Ok(());
    }
    if let Some(items) = vm.seq_items(o) {
        out.push('[');
        for (i, &x) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(&seps.item);
            }
            dump_obj(vm, x, seps, out, depth + 1)?;
        }
        out.push(']');
        return Ok(());
    }
    let pairs: Option<Vec<(Obj, Obj)>> = match vm.get(o) {
        Some(ObjData::Dict(d)) => Some(d.iter().map(|e| (e.key, e.value)).collect()),
        _ => None,
    };
    if let Some(pairs) = pairs {
        // Keep the pairs reachable while values are printed.
        let base = vm.roots.len();
        for &(k, v) in &pairs {
            vm.roots.push(k);
            vm.roots.push(v);
        }
        let r = (|| {
            out.push('{');
            for (i, &(k, v)) in pairs.iter().enumerate() {
                if i > 0 {
                    out.push_str(&seps.item);
                }
                if vm.str_of(k).is_some() {
                    dump_obj(vm, k, seps, out, depth + 1)?;
                } else {
                    out.push('"');
                    dump_obj(vm, k, seps, out, depth + 1)?;
                    out.push('"');
                }
                out.push_str(&seps.key);
                dump_obj(vm, v, seps, out, depth + 1)?;
            }
            out.push('}');
            Ok(())
        })();
        vm.roots.truncate(base);
        return r;
    }
    if matches!(vm.get(o), Some(ObjData::Bytes(_)) | Some(ObjData::ByteArray(_))) {
        let b = crate::types::strutil::get_buffer(vm, o).unwrap_or_default();
        out.push('"');
        out.push_str(&String::from_utf8_lossy(&b));
        out.push('"');
        return Ok(());
    }
    let s = vm.repr_string(o)?;
    out.push_str(&s);
    Ok(())
}

fn get_seps(vm: &mut Vm, so: Option<Obj>) -> PyResult<Seps> {
    let mut seps = Seps { item: String::from(", "), key: String::from(": ") };
    if let Some(so) = so.filter(|&o| o != Obj::NONE) {
        let items = vm.seq_items(so).unwrap_or_default();
        if items.len() != 2 {
            return Err(vm.value_error("separators must be a 2-tuple"));
        }
        match (vm.str_of(items[0]), vm.str_of(items[1])) {
            (Some(a), Some(b)) => {
                seps.item = String::from(a);
                seps.key = String::from(b);
            }
            _ => return Err(vm.type_error("separators must be str")),
        }
    }
    Ok(seps)
}

/// `obj` as JSON text.
pub fn to_json(vm: &mut Vm, o: Obj, separators: Option<Obj>) -> PyResult<String> {
    let seps = get_seps(vm, separators)?;
    let mut out = String::new();
    dump_obj(vm, o, &seps, &mut out, 0)?;
    Ok(out)
}

fn dumps(vm: &mut Vm, a: &[Obj], k: &[Obj]) -> PyResult<Obj> {
    kw_check(vm, k, &["separators"])?;
    let seps = a.get(1).copied().or_else(|| kw_get(vm, k, "separators"));
    if a.len() > 2 {
        return Err(vm.type_error("function takes 1 positional arguments but more were given"));
    }
    let s = to_json(vm, a[0], seps)?;
    vm.new_str(&s)
}

fn dump(vm: &mut Vm, a: &[Obj], k: &[Obj]) -> PyResult<Obj> {
    kw_check(vm, k, &["separators"])?;
    if a.len() < 2 {
        return Err(vm.type_error("function missing required positional argument"));
    }
    let seps = a.get(2).copied().or_else(|| kw_get(vm, k, "separators"));
    let s = to_json(vm, a[0], seps)?;
    let so = vm.new_str(&s)?;
    let w = vm.load_attr(a[1], q::write)?;
    vm.call(w, &[so], &[])?;
    Ok(Obj::NONE)
}

fn syntax(vm: &mut Vm) -> crate::PyErr {
    vm.value_error("syntax error in JSON")
}

fn hex_val(c: u8) -> u32 {
    if c.is_ascii_digit() {
        (c - b'0') as u32
    } else {
        ((c | 0x20).wrapping_sub(b'a') as u32 + 10) & 0xff
    }
}

/// Parses a string body starting after the opening quote; returns the
/// text and the index after the closing quote.
fn parse_string(s: &[u8], mut i: usize) -> Option<(String, usize)> {
    let mut buf: Vec<u8> = Vec::new();
    loop {
        let c = *s.get(i)?;
        i += 1;
        match c {
            b'"' => break,
            b'\\' => {
                let e = *s.get(i)?;
                i += 1;
                match e {
                    b'b' => buf.push(8),
                    b'f' => buf.push(12),
                    b'n' => buf.push(b'\n'),
                    b'r' => buf.push(b'\r'),
                    b't' => buf.push(b'\t'),
                    b'u' => {
                        let h = s.get(i..i + 4)?;
                        i += 4;
                        let v = h.iter().fold(0u32, |a, &c| (a << 4).wrapping_add(hex_val(c)));
                        let ch = char::from_u32(v).unwrap_or('\u{fffd}');
                        let mut tmp = [0u8; 4];
                        buf.extend_from_slice(ch.encode_utf8(&mut tmp).as_bytes());
                    }
                    other => buf.push(other),
                }
            }
            c => buf.push(c),
        }
    }
    let text = match String::from_utf8(buf) {
        Ok(t) => t,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    Some((text, i))
}

fn parse_number(vm: &mut Vm, t: &str) -> PyResult<Obj> {
    if t.contains(['.', 'e', 'E']) {
        match t.parse::<f64>() {
            Ok(f) => vm.new_float(f),
            Err(_) => Err(vm.value_error("invalid syntax for number")),
        }
    } else {
        match t.parse::<num_bigint::BigInt>() {
            Ok(b) => vm.new_bigint(b),
            Err(_) => {
                let digits = t.trim_start_matches(['-', '+']);
                let msg = alloc::format!("invalid syntax for integer with base 10: '{}'", digits);
                Err(vm.value_error(&msg))
            }
        }
    }
}

/// Parses JSON text into objects.
///
/// Errors: `ValueError: syntax error in JSON`, number syntax errors,
/// `TypeError` for unhashable keys, `MemoryError`.
pub fn from_json(vm: &mut Vm, text: &str) -> PyResult<Obj> {
    let base = vm.roots.len();
    let r = parse_all(vm, text.as_bytes(), base);
    vm.roots.truncate(base);
    r
}

fn parse_all(vm: &mut Vm, s: &[u8], _base: usize) -> PyResult<Obj> {
    // (container, is_dict, pending key or NULL)
    let mut stack: Vec<(Obj, bool, Obj)> = Vec::new();
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
                let o = if c == b'[' { vm.new_list(Vec::new())? } else { vm.new_dict()? };
                vm.roots.push(o);
                stack.push((o, c == b'{', Obj::NULL));
                continue;
            }
            b']' | b'}' => {
                i += 1;
                match stack.pop() {
                    Some((o, _, _)) => o,
                    None => return Err(syntax(vm)),
                }
            }
            b'"' => {
                let Some((t, ni)) = parse_string(s, i + 1) else { return Err(syntax(vm)) };
                i = ni;
                vm.new_str(&t)?
            }
            b'n' | b't' | b'f' => {
                let (word, v) = match c {
                    b'n' => ("null", Obj::NONE),
                    b't' => ("true", Obj::TRUE),
                    _ => ("false", Obj::FALSE),
                };
                if !s[i..].starts_with(word.as_bytes()) {
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
                let t = core::str::from_utf8(&s[st..i]).unwrap_or("");
                parse_number(vm, t)?
            }
            _ => return Err(syntax(vm)),
        };
        vm.roots.push(value);
        match stack.last_mut() {
            None => {
                if top.is_some() {
                    return Err(syntax(vm));
                }
                top = Some(value);
            }
            Some(&mut (cont, false, _)) => {
                let grow = core::mem::size_of::<Obj>() * 2;
                vm.make_room(grow)?;
                if let Some(ObjData::List(l)) = vm.get_mut(cont) {
                    let before = l.capacity();
                    l.push(value);
                    let after = l.capacity();
                    vm.charge((after - before) * core::mem::size_of::<Obj>());
                }
            }
            Some(entry) => {
                if entry.2.is_null() {
                    entry.2 = value;
                } else {
                    let (d, k) = (entry.0, entry.2);
                    entry.2 = Obj::NULL;
                    vm.dict_store(d, k, value)?;
                }
            }
        }
    }
    match (top, stack.is_empty()) {
        (Some(o), true) => Ok(o),
        _ => Err(syntax(vm)),
    }
}

fn text_of(vm: &mut Vm, o: Obj) -> PyResult<String> {
    if let Some(s) = vm.str_of(o) {
        return Ok(String::from(s));
    }
    match crate::types::strutil::get_bytes_like(vm, o) {
        Some(b) => Ok(String::from_utf8_lossy(&b).into_owned()),
        None => Err(vm.type_error("object with buffer protocol required")),
    }
}

fn loads(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let t = text_of(vm, a[0])?;
    from_json(vm, &t)
}

fn load(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let r = vm.load_attr(a[0], q::read)?;
    let data = vm.call(r, &[], &[])?;
    let t = text_of(vm, data)?;
    from_json(vm, &t)
}

static DUMPS: BuiltinFun = BuiltinFun::new_kw(q::dumps, 1, dumps);
static DUMP: BuiltinFun = BuiltinFun::new_kw(q::dump, 1, dump);
static LOADS: BuiltinFun = BuiltinFun::new(q::loads, 1, 1, loads);
static LOAD: BuiltinFun = BuiltinFun::new(q::load, 1, 1, load);

static LOCALS: [(Qstr, Rom); 5] = [
    (q::__name__, Rom::Str(q::json)),
    (q::dump, Rom::Fun(&DUMP)),
    (q::dumps, Rom::Fun(&DUMPS)),
    (q::load, Rom::Fun(&LOAD)),
    (q::loads, Rom::Fun(&LOADS)),
];

/// The `json` module.
pub static JSON_MODULE: ModuleDef = ModuleDef { name: q::json, locals: &LOCALS, init: None };

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        let mut s = String::new();
        escape_into(&mut s, "a\"\\\n\x01é");
        assert_eq!(s, "\"a\\\"\\\\\\n\\u0001é\"");
    }

    #[test]
    fn strings() {
        assert_eq!(parse_string(b"ab\\u0041\\n\"x", 0), Some((String::from("abA\n"), 11)));
        assert_eq!(parse_string(b"abc", 0), None);
        assert_eq!(parse_string(b"\\u00", 0), None);
    }
}
