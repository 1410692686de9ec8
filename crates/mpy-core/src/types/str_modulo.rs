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

use super::str_format::{format_float, format_int_into, format_small_int_into, int_value, pad, pad_into, Spec};
use super::strutil::{new_of_kind_vec, with_buffer, Kind};
use crate::obj::Obj;
use crate::objdata::ObjData;
use crate::state::Vm;
use crate::typ::Subscr;
use crate::PyResult;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

struct Args {
    items: Vec<Obj>,
    next: usize,
    mapping: Obj,
    used_mapping: bool,
}

impl Args {
    fn next(&mut self, vm: &mut Vm) -> PyResult<Obj> {
        if self.used_mapping && !self.mapping.is_null() {
            return Err(vm.type_error("format string needs more arguments"));
        }
        match self.items.get(self.next) {
            Some(&o) => {
                self.next += 1;
                Ok(o)
            }
            None => Err(vm.type_error("format string needs more arguments")),
        }
    }
}

fn star_arg(vm: &mut Vm, args: &mut Args) -> PyResult<usize> {
    let o = args.next(vm)?;
    Ok(super::strutil::int_arg(vm, o)?.max(0) as usize)
}

/// `fmt % rhs` for a str (`kind == Str`) or bytes/bytearray format.
pub fn format_modulo(vm: &mut Vm, kind: Kind, fmt: &[u8], rhs: Obj) -> PyResult<Obj> {
    let (items, mapping) = match vm.heap.get(rhs) {
        Some(ObjData::Tuple(t)) => (t.to_vec(), Obj::NULL),
        Some(ObjData::Dict(_)) => (alloc::vec![rhs], rhs),
        _ => (alloc::vec![rhs], Obj::NULL),
    };
    let mut args = Args { items, next: 0, mapping, used_mapping: false };
    let mut out: Vec<u8> = Vec::with_capacity(fmt.len() + 16 * args.items.len());
    let mut i = 0;
    while i < fmt.len() {
        let c = fmt[i];
        if c != b'%' {
            out.push(c);
            i += 1;
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
                return Err(vm.value_error("incomplete format key"));
            }
            if mapping.is_null() {
                return Err(vm.type_error("format needs a dict"));
            }
            let key = String::from_utf8_lossy(&fmt[st..j]).into_owned();
            let k = vm.new_str(&key)?;
            arg = if matches!(vm.heap.get(mapping), Some(ObjData::Dict(_))) {
                match vm.dict_lookup(mapping, k)? {
                    Some(x) => x,
                    None => return Err(vm.key_error(k)),
                }
            } else {
                vm.subscr(mapping, k, Subscr::Load)?
            };
            args.used_mapping = true;
            i = j + 1;
        }
        let mut spec = Spec::default();
        let mut left = false;
        while let Some(&f) = fmt.get(i) {
            match f {
                b'-' => left = true,
                b'+' => spec.sign = Some('+'),
                b' ' => {
                    if spec.sign.is_none() {
                        spec.sign = Some(' ')
                    }
                }
                b'#' => spec.alt = true,
                b'0' => spec.zero = true,
                _ => break,
            }
            i += 1;
        }
        if fmt.get(i) == Some(&b'*') {
            spec.width = star_arg(vm, &mut args)?;
            i += 1;
        } else {
            while let Some(d @ b'0'..=b'9') = fmt.get(i) {
                spec.width = spec.width.saturating_mul(10).saturating_add((d - b'0') as usize);
                i += 1;
            }
        }
        if fmt.get(i) == Some(&b'.') {
            i += 1;
            let mut p = 0usize;
            if fmt.get(i) == Some(&b'*') {
                p = star_arg(vm, &mut args)?;
                i += 1;
            } else {
                while let Some(d @ b'0'..=b'9') = fmt.get(i) {
                    p = p.saturating_mul(10).saturating_add((d - b'0') as usize);
                    i += 1;
                }
            }
            spec.precision = Some(p);
        }
        let Some(&t) = fmt.get(i) else { return Err(vm.value_error("incomplete format")) };
        super::strutil::reserve(vm, spec.width.saturating_add(spec.precision.unwrap_or(0)))?;
        let t_index = i;
        i += 1;
        if t == b'%' {
            if t_index != pct + 1 {
                // MicroPython takes an argument first (so too few
                // arguments is reported before the bad character).
                if arg.is_null() {
                    args.next(vm)?;
                }
                let msg = format!("unsupported format character '%' (0x25) at index {t_index}");
                return Err(vm.value_error(&msg));
            }
            out.push(b'%');
            continue;
        }
        if left {
            spec.align = Some('<');
            spec.zero = false;
        }
        if arg.is_null() && matches!(t, b's' | b'r' | b'a' | b'd' | b'i' | b'u' | b'o' | b'x' | b'X' | b'e' | b'E' | b'f' | b'F' | b'g' | b'G' | b'c') {
            arg = args.next(vm)?;
        }
        match t {
            b's' | b'r' | b'a' => {
                spec.zero = false;
                // A str argument of `%s` goes straight from its text.
                let exact_str = arg.as_qstr().is_some() || matches!(vm.heap.get(arg), Some(ObjData::Str(_)));
                if t == b's' && spec.precision.is_none() && exact_str {
                    if let Some(text) = vm.str_of(arg) {
                        pad_into(&mut out, &spec, "", text, '>');
                        if out.len() > 4096 {
                            super::strutil::reserve(vm, out.len())?;
                        }
                        continue;
                    }
                }
                let raw = if t == b's' && kind != Kind::Str && vm.str_of(arg).is_none() {
                    with_buffer(vm, arg, |b| b.to_vec())
                } else {
                    None
                };
                let text = match raw {
                    Some(b) => b,
                    None => {
                        let s = if t == b's' {
                            vm.str_string(arg)?
                        } else {
                            vm.repr_string(arg)?
                        };
                        s.into_bytes()
                    }
                };
                let text = match spec.precision {
                    Some(p) => match core::str::from_utf8(&text) {
                        Ok(s) => s.chars().take(p).collect::<String>().into_bytes(),
                        Err(_) => text.into_iter().take(p).collect(),
                    },
                    None => text,
                };
                let body = String::from_utf8_lossy(&text);
                pad_into(&mut out, &spec, "", &body, '>');
            }
            b'd' | b'i' | b'u' | b'o' | b'x' | b'X' => {
                spec.ty = Some(match t {
                    b'o' | b'x' | b'X' => t as char,
                    _ => 'd',
                });
                let prec = spec.precision.take();
                if let Some(v) = arg.as_small_int() {
                    format_small_int_into(vm, v as i64, &spec, prec, &mut out)?;
                } else {
                    let v = match int_value(vm, arg) {
                        Some(v) => v,
                        None => match vm.float_of(arg) {
                            Some(f) if matches!(t, b'd' | b'i' | b'u') => {
                                let o = super::int::int_from_f64(vm, f)?;
                                int_value(vm, o).unwrap_or_default()
                            }
                            _ => {
                                let msg = format!("can't convert {} to int", vm.type_name(arg));
                                return Err(vm.type_error(&msg));
                            }
                        },
                    };
                    format_int_into(vm, &v, &spec, prec, &mut out)?;
                }
            }
            b'e' | b'E' | b'f' | b'F' | b'g' | b'G' => {
                let f = match (vm.float_of(arg), int_value(vm, arg)) {
                    (Some(f), _) => f,
                    (None, Some(v)) => num_traits::ToPrimitive::to_f64(&v).unwrap_or(f64::INFINITY),
                    _ => {
                        let msg = format!("can't convert {} to float", vm.type_name(arg));
                        return Err(vm.type_error(&msg));
                    }
                };
                spec.ty = Some(t as char);
                if spec.precision.is_none() {
                    spec.precision = Some(6);
                }
                out.extend_from_slice(format_float(f, &spec).as_bytes());
            }
            b'c' => {
                let ch = if let Some(s) = vm.str_of(arg) {
                    let mut it = s.chars();
                    match (it.next(), it.next()) {
                        (Some(c), None) => c,
                        _ => return Err(vm.type_error("%c needs int or char")),
                    }
                } else if let Some(v) = int_value(vm, arg) {
                    match u32::try_from(&v).ok().and_then(char::from_u32) {
                        Some(c) => c,
                        None => return Err(vm.overflow_error("%c arg not in range(0x110000)")),
                    }
                } else {
                    return Err(vm.type_error("integer needed"));
                };
                spec.zero = false;
                if kind == Kind::Str {
                    let mut body = [0u8; 4];
                    pad_into(&mut out, &spec, "", ch.encode_utf8(&mut body), '>');
                } else {
                    // bytes: the low byte, padded as a one-char body.
                    let low = (ch as u32 & 0xff) as u8;
                    let padded = pad(&spec, "", "\u{0}", '>');
                    for b in padded.bytes() {
                        out.push(if b == 0 { low } else { b });
                    }
                }
            }
            _ => {
                let ch = core::str::from_utf8(&fmt[t_index..]).ok().and_then(|s| s.chars().next()).unwrap_or(t as char);
                let msg = format!("unsupported format character '{}' ({:#x}) at index {}", ch, ch as u32, t_index);
                return Err(vm.value_error(&msg));
            }
        }
        if out.len() > 4096 {
            super::strutil::reserve(vm, out.len())?;
        }
    }
    if mapping.is_null() && args.next < args.items.len() {
        return Err(vm.type_error("format string didn't convert all arguments"));
    }
    new_of_kind_vec(vm, kind, out)
}
