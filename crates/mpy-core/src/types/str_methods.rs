//! Methods shared by `str`, `bytes` and `bytearray` (MicroPython's set:
//! find/rfind/index/rindex/count, startswith/endswith, strip family,
//! split/rsplit/splitlines, join, replace, partition/rpartition, center,
//! lower/upper, the `is*` tests, encode/decode, hex/fromhex).
//!
//! Each works on the object's bytes; for `str` the positions taken and
//! returned are code points (converted from UTF-8 byte offsets). Character
//! classes are ASCII-only, as in MicroPython (`'é'.isalpha()` is False).

use super::strutil::{
    byte_to_char, char_len, char_to_byte, int_arg, kind_and_buffer, new_list_of_ranges, new_of_kind,
    new_of_kind_vec, part_of, range_in, reserve, with_buffer, Kind,
};
use crate::obj::Obj;
use crate::objdata::ObjData;
use crate::qstr::{q, Qstr};
use crate::state::Vm;
use crate::typ::BuiltinFun;
use crate::PyResult;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// The kind and bytes of `self`.
///
/// Errors: `TypeError` if `o` is not a str/bytes/bytearray.
pub fn self_data(vm: &mut Vm, o: Obj) -> PyResult<(Kind, Vec<u8>)> {
    if let Some(k) = Kind::of(vm, o) {
        if let Some(b) = with_buffer(vm, o, |b| b.to_vec()) {
            return Ok((k, b));
        }
    }
    let msg = format!("descriptor requires a 'str' object but received a '{}'", vm.type_name(o));
    Err(vm.type_error(&msg))
}

/// The bytes of an argument that must match `kind` (a str for str, a
/// bytes-like object for bytes/bytearray).
///
/// Errors: `TypeError: can't convert 'int' object to str implicitly` (and
/// `'str' object to bytes` for bytes receivers), as MicroPython.
pub fn arg_data(vm: &mut Vm, kind: Kind, o: Obj) -> PyResult<Vec<u8>> {
    let is_str = vm.str_of(o).is_some();
    if kind == Kind::Str {
        if let Some(s) = vm.str_of(o) {
            return Ok(s.as_bytes().to_vec());
        }
    } else if !is_str {
        if let Some(b) = with_buffer(vm, o, |b| b.to_vec()) {
            return Ok(b);
        }
    }
    let msg = if is_str {
        String::from("can't convert 'str' object to bytes implicitly")
    } else {
        format!("can't convert '{}' object to str implicitly", vm.type_name(o))
    };
    Err(vm.type_error(&msg))
}

/// The bytes of an argument that must match `kind`, borrowed (None when
/// [`arg_data`] would raise).
pub fn arg_bytes(vm: &Vm, kind: Kind, o: Obj) -> Option<&[u8]> {
    match vm.str_of(o) {
        Some(s) if kind == Kind::Str => Some(s.as_bytes()),
        None if kind != Kind::Str => super::strutil::buffer_ref(vm, o),
        _ => None,
    }
}

/// Checks an argument as [`arg_data`] does (same errors) without copying
/// it; returns it for a later [`arg_bytes`].
pub fn arg_checked(vm: &mut Vm, kind: Kind, o: Obj) -> PyResult<Obj> {
    if arg_bytes(vm, kind, o).is_none() {
        arg_data(vm, kind, o)?;
    }
    Ok(o)
}

/// Merges positional arguments (after self) and keywords named `names`
/// into one array (NULL for missing).
///
/// Errors: `TypeError` for unknown keywords.
pub fn merge_kw<const N: usize>(vm: &mut Vm, args: &[Obj], kw: &[Obj], names: [Qstr; N]) -> PyResult<[Obj; N]> {
    let mut out = [Obj::NULL; N];
    for (i, a) in args.iter().skip(1).enumerate() {
        if i < N {
            out[i] = *a;
        }
    }
    for pair in kw.chunks(2) {
        let (k, v) = (pair[0], pair.get(1).copied().unwrap_or(Obj::NONE));
        let pos = k.as_qstr().and_then(|kq| names.iter().position(|n| *n == kq)).or_else(|| {
            let ks = vm.str_of(k)?;
            names.iter().position(|n| vm.qstrs.str(*n) == ks)
        });
        match pos {
            Some(p) => out[p] = v,
            None => {
                let msg = format!("unexpected keyword argument '{}'", vm.str_of(k).unwrap_or("?"));
                return Err(vm.type_error(&msg));
            }
        }
    }
    Ok(out)
}

fn absent(o: Obj) -> bool {
    o.is_null() || o == Obj::NONE
}

/// Converts optional `start`/`end` arguments (None/absent -> None).
///
/// Errors: `TypeError: string indices must be integers, not str` (the
/// receiver's noun), as MicroPython.
fn range_ints(vm: &mut Vm, args: &[Obj], from: usize) -> PyResult<(Option<isize>, Option<isize>)> {
    let get = |vm: &mut Vm, i: usize| -> PyResult<Option<isize>> {
        match args.get(i) {
            Some(&o) if !absent(o) => {
                if !super::strutil::is_int(vm, o) {
                    let noun = match Kind::of(vm, args[0]) {
                        Some(Kind::Str) => "string",
                        Some(Kind::ByteArray) => "bytearray",
                        _ => "bytes",
                    };
                    let msg = format!("{} indices must be integers, not {}", noun, vm.type_name(o));
                    return Err(vm.type_error(&msg));
                }
                Ok(Some(int_arg(vm, o)?))
            }
            _ => Ok(None),
        }
    };
    Ok((get(vm, from)?, get(vm, from + 1)?))
}

/// Resolves `start`/`end` (code points for str) to byte offsets into `s`,
/// clamped as MicroPython does; None if start > end.
fn resolve_range(kind: Kind, s: &[u8], start: Option<isize>, end: Option<isize>) -> Option<(usize, usize)> {
    if start.is_none() && end.is_none() {
        return Some((0, s.len()));
    }
    let ascii = kind != Kind::Str || s.is_ascii();
    let len = if ascii { s.len() } else { char_len(s) } as isize;
    let norm = |v: isize| -> isize {
        if v < 0 {
            (v + len).max(0)
        } else {
            v.min(len)
        }
    };
    let a = start.map_or(0, norm);
    let b = end.map_or(len, norm);
    if a > b {
        return None;
    }
    if ascii {
        Some((a as usize, b as usize))
    } else {
        Some((char_to_byte(s, a as usize), char_to_byte(s, b as usize)))
    }
}

/// The bytes of `self` as a borrow (after [`self_data`]'s checks passed).
fn self_ref(vm: &Vm, o: Obj) -> &[u8] {
    super::strutil::buffer_ref(vm, o).unwrap_or(&[])
}

/// Checks `self` and returns its kind.
fn self_kind(vm: &mut Vm, o: Obj) -> PyResult<Kind> {
    match Kind::of(vm, o) {
        Some(k) if super::strutil::buffer_ref(vm, o).is_some() => Ok(k),
        _ => self_data(vm, o).map(|(k, _)| k),
    }
}

/// First byte offset of `needle` in `hay` at or after `from`.
pub fn find_bytes(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() {
        return (from <= hay.len()).then_some(from);
    }
    if needle.len() > hay.len() {
        return None;
    }
    let first = needle[0];
    let last = hay.len() - needle.len();
    let mut i = from;
    while i <= last {
        match hay[i..=last].iter().position(|&b| b == first) {
            Some(k) => {
                let p = i + k;
                if hay[p..].starts_with(needle) {
                    return Some(p);
                }
                i = p + 1;
            }
            None => return None,
        }
    }
    None
}

/// Last byte offset of `needle` in `hay` ending at or before `to`.
pub fn rfind_bytes(hay: &[u8], needle: &[u8], to: usize) -> Option<usize> {
    let to = to.min(hay.len());
    if needle.len() > to {
        return None;
    }
    (0..=to - needle.len()).rev().find(|&i| hay[i..].starts_with(needle))
}

fn find_common(vm: &mut Vm, args: &[Obj], rev: bool) -> PyResult<Option<isize>> {
    let kind = self_kind(vm, args[0])?;
    let needle = arg_checked(vm, kind, args[1])?;
    let (a, b) = range_ints(vm, args, 2)?;
    let s = self_ref(vm, args[0]);
    let needle = arg_bytes(vm, kind, needle).unwrap_or(&[]);
    let Some((bs, be)) = resolve_range(kind, s, a, b) else { return Ok(None) };
    let win = &s[bs..be];
    let pos = if rev { rfind_bytes(win, needle, win.len()) } else { find_bytes(win, needle, 0) };
    Ok(pos.map(|p| {
        let abs = bs + p;
        (if kind == Kind::Str && !s[..abs].is_ascii() { byte_to_char(s, abs) } else { abs }) as isize
    }))
}

fn str_find(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    Ok(Obj::small_int(find_common(vm, args, false)?.unwrap_or(-1)))
}
fn str_rfind(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    Ok(Obj::small_int(find_common(vm, args, true)?.unwrap_or(-1)))
}
fn str_index(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    match find_common(vm, args, false)? {
        Some(i) => Ok(Obj::small_int(i)),
        None => Err(vm.value_error("substring not found")),
    }
}
fn str_rindex(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    match find_common(vm, args, true)? {
        Some(i) => Ok(Obj::small_int(i)),
        None => Err(vm.value_error("substring not found")),
    }
}

fn str_count(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let kind = self_kind(vm, args[0])?;
    let needle = arg_checked(vm, kind, args[1])?;
    let (a, b) = range_ints(vm, args, 2)?;
    let s = self_ref(vm, args[0]);
    let needle = arg_bytes(vm, kind, needle).unwrap_or(&[]);
    let Some((bs, be)) = resolve_range(kind, s, a, b) else { return Ok(Obj::small_int(0)) };
    let win = &s[bs..be];
    let n = if needle.is_empty() {
        (if kind == Kind::Str { char_len(win) } else { win.len() }) + 1
    } else {
        let mut n = 0;
        let mut i = 0;
        while let Some(p) = find_bytes(win, needle, i) {
            n += 1;
            i = p + needle.len();
        }
        n
    };
    Ok(Obj::small_int(n as isize))
}

fn starts_ends(vm: &mut Vm, args: &[Obj], ends: bool) -> PyResult<Obj> {
    let kind = self_kind(vm, args[0])?;
    let (a, b) = range_ints(vm, args, 2)?;
    let n = match vm.heap.get(args[1]) {
        Some(ObjData::Tuple(t)) => Some(t.len()),
        _ => None,
    };
    for idx in 0..n.unwrap_or(1) {
        let c = match (n, vm.heap.get(args[1])) {
            (Some(_), Some(ObjData::Tuple(t))) => t.get(idx).copied().unwrap_or(Obj::NONE),
            _ => args[1],
        };
        let c = arg_checked(vm, kind, c)?;
        let s = self_ref(vm, args[0]);
        let p = arg_bytes(vm, kind, c).unwrap_or(&[]);
        let Some((bs, be)) = resolve_range(kind, s, a, b) else { return Ok(Obj::FALSE) };
        let win = &s[bs..be];
        let hit = if ends { win.ends_with(p) } else { win.starts_with(p) };
        if hit {
            return Ok(Obj::TRUE);
        }
    }
    Ok(Obj::FALSE)
}

fn str_startswith(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    starts_ends(vm, args, false)
}
fn str_endswith(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    starts_ends(vm, args, true)
}

/// ASCII whitespace as MicroPython's `unichar_isspace`.
pub fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn strip_common(vm: &mut Vm, args: &[Obj], left: bool, right: bool) -> PyResult<Obj> {
    let kind = self_kind(vm, args[0])?;
    let chars = args.get(1).copied().filter(|o| !absent(*o));
    let set = match chars {
        Some(c) => Some(arg_data(vm, kind, c)?),
        None => None,
    };
    let s = self_ref(vm, args[0]);
    let (a, b) = match &set {
        None => {
            let mut a = 0;
            let mut b = s.len();
            if left {
                while a < b && is_space(s[a]) {
                    a += 1;
                }
            }
            if right {
                while b > a && is_space(s[b - 1]) {
                    b -= 1;
                }
            }
            (a, b)
        }
        Some(set) if kind == Kind::Str => {
            let st = core::str::from_utf8(s).unwrap_or("");
            let cs = core::str::from_utf8(set).unwrap_or("");
            let pred = |ch: char| cs.contains(ch);
            let r = match (left, right) {
                (true, true) => st.trim_matches(pred),
                (true, false) => st.trim_start_matches(pred),
                _ => st.trim_end_matches(pred),
            };
            // `r` is a subslice of `st`: its offset within it.
            let a = r.as_ptr() as usize - st.as_ptr() as usize;
            (a, a + r.len())
        }
        Some(set) => {
            let mut a = 0;
            let mut b = s.len();
            if left {
                while a < b && set.contains(&s[a]) {
                    a += 1;
                }
            }
            if right {
                while b > a && set.contains(&s[b - 1]) {
                    b -= 1;
                }
            }
            (a, b)
        }
    };
    if kind != Kind::ByteArray && b - a == s.len() {
        return Ok(args[0]);
    }
    part_of(vm, kind, args[0], a, b)
}
fn str_strip(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    strip_common(vm, args, true, true)
}
fn str_lstrip(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    strip_common(vm, args, true, false)
}
fn str_rstrip(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    strip_common(vm, args, false, true)
}

/// Splits `s` on `sep` (None = runs of whitespace) from the left, at most
/// `max` times (negative = no limit).
pub fn split_parts<'a>(s: &'a [u8], sep: Option<&[u8]>, max: isize) -> Vec<&'a [u8]> {
    split_ranges(s, sep, max).into_iter().map(|(a, b)| &s[a..b]).collect()
}

/// The parts [`split_parts`] returns, as byte ranges `(start, end)` of `s`.
pub fn split_ranges(s: &[u8], sep: Option<&[u8]>, max: isize) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(8);
    let mut left = max;
    match sep {
        Some(&[b]) => {
            let mut i = 0;
            while left != 0 {
                let Some(k) = s[i..].iter().position(|&c| c == b) else { break };
                out.push((i, i + k));
                i += k + 1;
                left -= 1;
            }
            out.push((i, s.len()));
        }
        Some(sep) => {
            let mut i = 0;
            while left != 0 {
                let Some(p) = find_bytes(s, sep, i) else { break };
                out.push((i, p));
                i = p + sep.len();
                left -= 1;
            }
            out.push((i, s.len()));
        }
        None => {
            let mut i = 0;
            loop {
                while i < s.len() && is_space(s[i]) {
                    i += 1;
                }
                if i >= s.len() {
                    break;
                }
                if left == 0 {
                    out.push((i, s.len()));
                    break;
                }
                let st = i;
                while i < s.len() && !is_space(s[i]) {
                    i += 1;
                }
                out.push((st, i));
                left -= 1;
            }
        }
    }
    out
}

/// Splits from the right (see [`split_parts`]); parts in left-to-right
/// order.
pub fn rsplit_parts<'a>(s: &'a [u8], sep: Option<&[u8]>, max: isize) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    let mut left = max;
    match sep {
        Some(sep) => {
            let mut end = s.len();
            while left != 0 {
                let Some(p) = rfind_bytes(s, sep, end) else { break };
                out.push(&s[p + sep.len()..end]);
                end = p;
                left -= 1;
            }
            out.push(&s[..end]);
        }
        None => {
            let mut i = s.len();
            loop {
                while i > 0 && is_space(s[i - 1]) {
                    i -= 1;
                }
                if i == 0 {
                    break;
                }
                if left == 0 {
                    out.push(&s[..i]);
                    break;
                }
                let en = i;
                while i > 0 && !is_space(s[i - 1]) {
                    i -= 1;
                }
                out.push(&s[i..en]);
                left -= 1;
            }
        }
    }
    out.reverse();
    out
}

fn split_common(vm: &mut Vm, args: &[Obj], kw: &[Obj], rev: bool) -> PyResult<Obj> {
    let kind = self_kind(vm, args[0])?;
    let [sep, max] = merge_kw(vm, args, kw, [q::sep, q::maxsplit])?;
    let max = if absent(max) { -1 } else { int_arg(vm, max)? };
    let sep = if absent(sep) { None } else { Some(arg_checked(vm, kind, sep)?) };
    let s = self_ref(vm, args[0]);
    let sep_b = sep.and_then(|o| arg_bytes(vm, kind, o));
    if sep_b.is_some_and(<[u8]>::is_empty) {
        return Err(vm.value_error("empty separator"));
    }
    let ranges = if rev {
        rsplit_parts(s, sep_b, max).iter().map(|p| range_in(s, p)).collect()
    } else {
        split_ranges(s, sep_b, max)
    };
    new_list_of_ranges(vm, kind, args[0], &ranges)
}
fn str_split(vm: &mut Vm, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    split_common(vm, args, kw, false)
}
fn str_rsplit(vm: &mut Vm, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    split_common(vm, args, kw, true)
}

fn str_splitlines(vm: &mut Vm, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    let kind = self_kind(vm, args[0])?;
    let [keep] = merge_kw(vm, args, kw, [q::keepends])?;
    let keep = !absent(keep) && vm.is_true(keep)?;
    let s = self_ref(vm, args[0]);
    let mut parts: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    let mut st = 0;
    while i < s.len() {
        let eol = match s[i] {
            b'\n' => 1,
            b'\r' if s.get(i + 1) == Some(&b'\n') => 2,
            b'\r' => 1,
            _ => 0,
        };
        if eol > 0 {
            parts.push((st, if keep { i + eol } else { i }));
            i += eol;
            st = i;
        } else {
            i += 1;
        }
    }
    if st < s.len() {
        parts.push((st, s.len()));
    }
    new_list_of_ranges(vm, kind, args[0], &parts)
}

/// Where `join` reads its items: a list/tuple in place, or the collected
/// items of another iterable (kept on `vm.roots` while in use).
enum JoinSrc {
    Seq(Obj),
    Items(Vec<Obj>),
}

impl JoinSrc {
    fn items<'a>(&'a self, vm: &'a Vm) -> &'a [Obj] {
        match self {
            JoinSrc::Items(v) => v,
            JoinSrc::Seq(o) => match vm.heap.get(*o) {
                Some(ObjData::List(l)) => l,
                Some(ObjData::Tuple(t)) => t,
                _ => &[],
            },
        }
    }
}

fn str_join(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let kind = self_kind(vm, args[0])?;
    let src = match vm.heap.get(args[1]) {
        Some(ObjData::List(_) | ObjData::Tuple(_)) => JoinSrc::Seq(args[1]),
        _ => JoinSrc::Items(vm.collect_iter(args[1])?),
    };
    let base = vm.roots.len();
    if let JoinSrc::Items(v) = &src {
        vm.roots.extend_from_slice(v);
    }
    let r = join_items(vm, kind, args[0], &src);
    vm.roots.truncate(base);
    r
}

/// `sep.join(items)`: checks every item's kind and sums the lengths, checks
/// the heap has room, then builds the result in one exactly sized buffer.
/// Nothing runs Python code in between, so the items cannot change.
fn join_items(vm: &mut Vm, kind: Kind, sep: Obj, src: &JoinSrc) -> PyResult<Obj> {
    let mut total: usize = 0;
    let mut bad = false;
    {
        let items = src.items(vm);
        let sep_len = self_ref(vm, sep).len();
        for (i, &it) in items.iter().enumerate() {
            let len = match kind_and_buffer(vm, it) {
                Some((k, b)) if (k == Kind::Str) == (kind == Kind::Str) => b.len(),
                _ => {
                    bad = true;
                    break;
                }
            };
            total = total.saturating_add(len).saturating_add(if i > 0 { sep_len } else { 0 });
        }
    }
    if bad {
        return Err(vm.type_error("join expects a list of str/bytes objects consistent with self object"));
    }
    reserve(vm, total)?;
    let items = src.items(vm);
    let sep_b = self_ref(vm, sep);
    if kind == Kind::Str {
        let sep_s = vm.str_of(sep).unwrap_or("");
        let mut out = String::with_capacity(total);
        for (i, &it) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(sep_s);
            }
            out.push_str(vm.str_of(it).unwrap_or(""));
        }
        return vm.new_str_owned(out);
    }
    let mut out: Vec<u8> = Vec::with_capacity(total);
    for (i, &it) in items.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(sep_b);
        }
        out.extend_from_slice(kind_and_buffer(vm, it).map_or(&[][..], |(_, b)| b));
    }
    new_of_kind_vec(vm, kind, out)
}

fn str_replace(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let (kind, s) = self_data(vm, args[0])?;
    let old = arg_data(vm, kind, args[1])?;
    let new = arg_data(vm, kind, args[2])?;
    let max = match args.get(3) {
        Some(&m) => int_arg(vm, m)?,
        None => -1,
    };
    let mut out = Vec::new();
    let mut left = max;
    if old.is_empty() {
        // Insert `new` before every char and at the end.
        let mut i = 0;
        while i <= s.len() && left != 0 {
            out.extend_from_slice(&new);
            left -= 1;
            if i == s.len() {
                i += 1;
                break;
            }
            let mut j = i + 1;
            while kind == Kind::Str && j < s.len() && s[j] & 0xc0 == 0x80 {
                j += 1;
            }
            out.extend_from_slice(&s[i..j]);
            i = j;
            reserve(vm, out.len())?;
        }
        if i <= s.len() {
            out.extend_from_slice(&s[i..]);
        }
    } else {
        let mut i = 0;
        while left != 0 {
            let Some(p) = find_bytes(&s, &old, i) else { break };
            out.extend_from_slice(&s[i..p]);
            out.extend_from_slice(&new);
            i = p + old.len();
            left -= 1;
            if out.len() > 4096 {
                reserve(vm, out.len())?;
            }
        }
        out.extend_from_slice(&s[i..]);
    }
    new_of_kind(vm, kind, &out)
}

fn partition_common(vm: &mut Vm, args: &[Obj], rev: bool) -> PyResult<Obj> {
    let kind = self_kind(vm, args[0])?;
    let sep = arg_checked(vm, kind, args[1])?;
    let s = self_ref(vm, args[0]);
    let sep_b = arg_bytes(vm, kind, sep).unwrap_or(&[]);
    if sep_b.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let n = s.len();
    let pos = if rev { rfind_bytes(s, sep_b, n) } else { find_bytes(s, sep_b, 0) };
    // Byte ranges of the three parts; the separator comes from `sep`.
    let (a, b, c) = match pos {
        Some(p) => ((0, p), Some(sep), (p + sep_b.len(), n)),
        None if rev => ((0, 0), None, (0, n)),
        None => ((0, n), None, (n, n)),
    };
    let x = part_of(vm, kind, args[0], a.0, a.1)?;
    let y = match b {
        Some(sep) => {
            let len = arg_bytes(vm, kind, sep).map_or(0, <[u8]>::len);
            part_of(vm, kind, sep, 0, len)?
        }
        None => part_of(vm, kind, args[0], 0, 0)?,
    };
    let z = part_of(vm, kind, args[0], c.0, c.1)?;
    vm.new_tuple(&[x, y, z])
}
fn str_partition(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    partition_common(vm, args, false)
}
fn str_rpartition(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    partition_common(vm, args, true)
}

fn str_center(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let (kind, s) = self_data(vm, args[0])?;
    let width = int_arg(vm, args[1])?.max(0) as usize;
    let len = if kind == Kind::Str { char_len(&s) } else { s.len() };
    if width <= len {
        return if kind == Kind::ByteArray { new_of_kind(vm, kind, &s) } else { Ok(args[0]) };
    }
    // Optional fill char (CPython; MicroPython takes only the width).
    let fill: Vec<u8> = match args.get(2) {
        Some(&f) => {
            let fb = arg_data(vm, kind, f)?;
            let n = if kind == Kind::Str { char_len(&fb) } else { fb.len() };
            if n != 1 {
                return Err(vm.type_error("The fill character must be exactly one character long"));
            }
            fb
        }
        None => alloc::vec![b' '],
    };
    reserve(vm, (width + s.len()).saturating_mul(fill.len()))?;
    let pad = width - len;
    let left = pad / 2;
    let mut out = Vec::with_capacity(width + s.len());
    for _ in 0..left {
        out.extend_from_slice(&fill);
    }
    out.extend_from_slice(&s);
    for _ in left..pad {
        out.extend_from_slice(&fill);
    }
    new_of_kind(vm, kind, &out)
}

fn case_common(vm: &mut Vm, args: &[Obj], upper: bool) -> PyResult<Obj> {
    let kind = self_kind(vm, args[0])?;
    if kind == Kind::Str {
        let s = self_ref(vm, args[0]);
        if let [c] = s {
            // One char: a built-in qstr, no allocation.
            let c = if upper { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() };
            if let Some(q) = crate::qstr::ascii_char(c) {
                return Ok(Obj::qstr(q));
            }
        }
        let changes = if upper { s.iter().any(u8::is_ascii_lowercase) } else { s.iter().any(u8::is_ascii_uppercase) };
        if !changes && is_exact_str(vm, args[0]) {
            return Ok(args[0]);
        }
        let t = vm.str_of(args[0]).unwrap_or("");
        let t = if upper { t.to_ascii_uppercase() } else { t.to_ascii_lowercase() };
        return vm.new_str_owned(t);
    }
    let (kind, mut s) = self_data(vm, args[0])?;
    if upper {
        s.make_ascii_uppercase();
    } else {
        s.make_ascii_lowercase();
    }
    new_of_kind_vec(vm, kind, s)
}

/// Is `o` a str object proper (a qstr or heap str; not an instance of a
/// str subclass), so that a method may return it unchanged?
fn is_exact_str(vm: &Vm, o: Obj) -> bool {
    o.as_qstr().is_some() || matches!(vm.heap.get(o), Some(ObjData::Str(_)))
}
fn str_lower(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    case_common(vm, args, false)
}
fn str_upper(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    case_common(vm, args, true)
}

fn is_common(vm: &mut Vm, o: Obj, f: fn(&[u8]) -> bool) -> PyResult<Obj> {
    self_kind(vm, o)?;
    let s = self_ref(vm, o);
    Ok(Obj::bool(!s.is_empty() && f(s)))
}
fn str_isdigit(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    is_common(vm, args[0], |s| s.iter().all(u8::is_ascii_digit))
}
fn str_isalpha(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    is_common(vm, args[0], |s| s.iter().all(u8::is_ascii_alphabetic))
}
fn str_isspace(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    is_common(vm, args[0], |s| s.iter().all(|&b| is_space(b)))
}
fn str_isupper(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    is_common(vm, args[0], |s| {
        s.iter().any(u8::is_ascii_alphabetic) && !s.iter().any(u8::is_ascii_lowercase)
    })
}
fn str_islower(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    is_common(vm, args[0], |s| {
        s.iter().any(u8::is_ascii_alphabetic) && !s.iter().any(u8::is_ascii_uppercase)
    })
}

fn str_encode(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let (_, s) = self_data(vm, args[0])?;
    vm.new_bytes(&s)
}

fn bytes_decode(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let (_, s) = self_data(vm, args[0])?;
    new_of_kind(vm, Kind::Str, &s)
}

fn bytes_hex(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let Some(s) = with_buffer(vm, args[0], |b| b.to_vec()) else {
        return Err(vm.type_error("object with buffer protocol required"));
    };
    let sep = match args.get(1) {
        Some(&o) => match vm.str_of(o) {
            Some(t) => String::from(t),
            None => {
                let b = arg_data(vm, Kind::Bytes, o)?;
                String::from_utf8_lossy(&b).into_owned()
            }
        },
        None => String::new(),
    };
    reserve(vm, s.len() * (2 + sep.len()))?;
    let mut out = String::with_capacity(s.len() * (2 + sep.len()));
    for (i, b) in s.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        let _ = core::fmt::Write::write_fmt(&mut out, format_args!("{b:02x}"));
    }
    vm.new_str(&out)
}

fn hex_val(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

fn bytes_fromhex(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let kind = if args[0] == Obj::from_type(&super::bytearray::BYTEARRAY_TYPE) { Kind::ByteArray } else { Kind::Bytes };
    let Some(s) = with_buffer(vm, args[1], |b| b.to_vec()) else {
        return Err(vm.type_error("object with buffer protocol required"));
    };
    let mut out = Vec::with_capacity(s.len() / 2);
    let mut i = 0;
    while i < s.len() {
        if is_space(s[i]) {
            i += 1;
            continue;
        }
        let hi = hex_val(s[i]);
        let lo = s.get(i + 1).and_then(|&c| hex_val(c));
        match (hi, lo) {
            (Some(h), Some(l)) => out.push(h * 16 + l),
            _ => return Err(vm.value_error("non-hex digit")),
        }
        i += 2;
    }
    new_of_kind(vm, kind, &out)
}

fn str_format_method(vm: &mut Vm, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    super::str_format::str_format(vm, args, kw)
}

/// `find`.
pub static FIND: BuiltinFun = BuiltinFun::new(q::find, 2, 4, str_find);
/// `rfind`.
pub static RFIND: BuiltinFun = BuiltinFun::new(q::rfind, 2, 4, str_rfind);
/// `index`.
pub static INDEX: BuiltinFun = BuiltinFun::new(q::index, 2, 4, str_index);
/// `rindex`.
pub static RINDEX: BuiltinFun = BuiltinFun::new(q::rindex, 2, 4, str_rindex);
/// `count`.
pub static COUNT: BuiltinFun = BuiltinFun::new(q::count, 2, 4, str_count);
/// `startswith`.
pub static STARTSWITH: BuiltinFun = BuiltinFun::new(q::startswith, 2, 4, str_startswith);
/// `endswith`.
pub static ENDSWITH: BuiltinFun = BuiltinFun::new(q::endswith, 2, 4, str_endswith);
/// `strip`.
pub static STRIP: BuiltinFun = BuiltinFun::new(q::strip, 1, 2, str_strip);
/// `lstrip`.
pub static LSTRIP: BuiltinFun = BuiltinFun::new(q::lstrip, 1, 2, str_lstrip);
/// `rstrip`.
pub static RSTRIP: BuiltinFun = BuiltinFun::new(q::rstrip, 1, 2, str_rstrip);
/// `split(sep=None, maxsplit=-1)`.
pub static SPLIT: BuiltinFun = BuiltinFun::new_kw(q::split, 1, str_split);
/// `rsplit(sep=None, maxsplit=-1)`.
pub static RSPLIT: BuiltinFun = BuiltinFun::new_kw(q::rsplit, 1, str_rsplit);
/// `splitlines(keepends=False)`.
pub static SPLITLINES: BuiltinFun = BuiltinFun::new_kw(q::splitlines, 1, str_splitlines);
/// `join(iterable)`.
pub static JOIN: BuiltinFun = BuiltinFun::new(q::join, 2, 2, str_join);
/// `replace(old, new[, count])`.
pub static REPLACE: BuiltinFun = BuiltinFun::new(q::replace, 3, 4, str_replace);
/// `partition`.
pub static PARTITION: BuiltinFun = BuiltinFun::new(q::partition, 2, 2, str_partition);
/// `rpartition`.
pub static RPARTITION: BuiltinFun = BuiltinFun::new(q::rpartition, 2, 2, str_rpartition);
/// `center(width[, fillchar])` (MicroPython's padding split: the extra
/// space goes right, `'ab'.center(7) == '  ab   '`; the fill char is a
/// CPython extension).
pub static CENTER: BuiltinFun = BuiltinFun::new(q::center, 2, 3, str_center);
/// `lower`.
pub static LOWER: BuiltinFun = BuiltinFun::new(q::lower, 1, 1, str_lower);
/// `upper`.
pub static UPPER: BuiltinFun = BuiltinFun::new(q::upper, 1, 1, str_upper);
/// `isdigit`.
pub static ISDIGIT: BuiltinFun = BuiltinFun::new(q::isdigit, 1, 1, str_isdigit);
/// `isalpha`.
pub static ISALPHA: BuiltinFun = BuiltinFun::new(q::isalpha, 1, 1, str_isalpha);
/// `isspace`.
pub static ISSPACE: BuiltinFun = BuiltinFun::new(q::isspace, 1, 1, str_isspace);
/// `isupper`.
pub static ISUPPER: BuiltinFun = BuiltinFun::new(q::isupper, 1, 1, str_isupper);
/// `islower`.
pub static ISLOWER: BuiltinFun = BuiltinFun::new(q::islower, 1, 1, str_islower);
/// `str.encode([encoding[, errors]])`: always UTF-8.
pub static ENCODE: BuiltinFun = BuiltinFun::new(q::encode, 1, 3, str_encode);
/// `bytes.decode([encoding[, errors]])`: UTF-8; invalid -> UnicodeError.
pub static DECODE: BuiltinFun = BuiltinFun::new(q::decode, 1, 3, bytes_decode);
/// `hex([sep])`.
pub static HEX: BuiltinFun = BuiltinFun::new(q::hex, 1, 2, bytes_hex);
/// `fromhex(s)` (a classmethod).
pub static FROMHEX: BuiltinFun = BuiltinFun::new(q::fromhex, 2, 2, bytes_fromhex);
/// `format(*args, **kw)`.
pub static FORMAT: BuiltinFun = BuiltinFun::new_kw(q::format, 1, str_format_method);
