//! Methods shared by `str`, `bytes` and `bytearray` (MicroPython's set:
//! find/rfind/index/rindex/count, startswith/endswith, strip family,
//! split/rsplit/splitlines, join, replace, partition/rpartition, center,
//! lower/upper, the `is*` tests, encode/decode, hex/fromhex).
//!
//! Each works on the object's bytes; for `str` the positions taken and
//! returned are code points (converted from UTF-8 byte offsets). Character
//! classes are ASCII-only, as in MicroPython (`'é'.isalpha()` is False).
//!
//! Results are built straight into the new object when the sources are
//! pinned (str, bytes) and the length is known; bytearray receivers are
//! read through the `Vm` while the result is built (see
//! [`super::strutil::build`]). Lists of parts are filled one part at a
//! time, re-reading the receiver between allocations (no Python code runs
//! in between, so it cannot change).

use crate::typ::Entry;
use super::strutil::{
    build, buffer_ref, byte_to_char, char_len, char_to_byte, get_buffer, int_arg, items_seq, kind_and_buffer,
    list_push, part_of, type_name, Data, Kind,
};
use crate::obj::Obj;
use crate::qstr::{q, Qstr};
use crate::state::Vm;
use crate::typ::{BuiltinFun, Rom};
use crate::PyResult;

/// Checks `self` and returns its kind.
///
/// Errors: `TypeError` if `o` is not a str/bytes/bytearray.
pub fn self_kind(vm: &mut Vm, o: Obj) -> PyResult<Kind> {
    match Kind::of(vm, o) {
        Some(k) if buffer_ref(vm, o).is_some() => Ok(k),
        _ => {
            let t = type_name(vm, o);
            Err(vm.type_error_fmt(msg!("descriptor requires a 'str' object but received a '{}'"), &[t.into()]))
        }
    }
}

/// The kind and bytes of `self` (pinned, or a snapshot for a bytearray).
///
/// Errors: `TypeError` if `o` is not a str/bytes/bytearray; `MemoryError`.
pub fn self_data<'a>(vm: &mut Vm, o: Obj) -> PyResult<(Kind, Data<'a>)> {
    let k = self_kind(vm, o)?;
    match get_buffer(vm, o)? {
        Some(d) => Ok((k, d)),
        None => Ok((k, Data::Pinned(&[]))),
    }
}

/// The bytes of an argument that must match `kind` (a str for str, a
/// bytes-like object for bytes/bytearray), borrowed (None when
/// [`arg_check`] would raise).
pub fn arg_bytes(vm: &Vm, kind: Kind, o: Obj) -> Option<&[u8]> {
    match vm.str_pinned(o) {
        Some(s) if kind == Kind::Str => Some(s.as_bytes()),
        None if kind != Kind::Str => buffer_ref(vm, o),
        _ => None,
    }
}

/// Checks an argument that must match `kind` (see [`arg_bytes`]).
///
/// Errors: `TypeError: can't convert 'int' object to str implicitly` (and
/// `'str' object to bytes` for bytes receivers), as MicroPython.
pub fn arg_check(vm: &mut Vm, kind: Kind, o: Obj) -> PyResult<()> {
    if arg_bytes(vm, kind, o).is_some() {
        return Ok(());
    }
    if vm.str_pinned(o).is_some() {
        return Err(vm.type_error(msg!("can't convert 'str' object to bytes implicitly")));
    }
    Err(super::strutil::not_str_implicitly(vm, o))
}

/// The bytes of an argument that must match `kind`, readable across
/// allocations (pinned, or a snapshot).
///
/// Errors: as [`arg_check`]; `MemoryError`.
pub fn arg_data<'a>(vm: &mut Vm, kind: Kind, o: Obj) -> PyResult<Data<'a>> {
    arg_check(vm, kind, o)?;
    Ok(get_buffer(vm, o)?.unwrap_or(Data::Pinned(&[])))
}

/// Merges positional arguments (after self) and keywords named `names`
/// into one array (NULL for missing).
///
/// Errors: `TypeError` for unknown keywords.
#[inline]
pub fn merge_kw<const N: usize>(vm: &mut Vm, args: &[Obj], kw: &[Obj], names: [Qstr; N]) -> PyResult<[Obj; N]> {
    let mut out = [Obj::NULL; N];
    merge_kw_into(vm, args, kw, &names, &mut out)?;
    Ok(out)
}

/// [`merge_kw`]'s one non-generic body: fills `out` (NULLs, as long as
/// `names`).
fn merge_kw_into(vm: &mut Vm, args: &[Obj], kw: &[Obj], names: &[Qstr], out: &mut [Obj]) -> PyResult<()> {
    for (slot, a) in out.iter_mut().zip(args.iter().skip(1)) {
        *slot = *a;
    }
    for pair in kw.chunks(2) {
        let (k, v) = (pair[0], pair.get(1).copied().unwrap_or(Obj::NONE));
        // A heap str key names a qstr if its text is one.
        let kq = k.as_qstr().or_else(|| vm.qstrs.lookup(&vm.heap, vm.str_pinned(k)?));
        let pos = kq.and_then(|kq| names.iter().position(|n| *n == kq));
        match pos {
            Some(p) => {
                if let Some(slot) = out.get_mut(p) {
                    *slot = v;
                }
            }
            None => {
                let ks = vm.str_pinned(k).unwrap_or("?");
                return Err(vm.type_error_fmt(crate::runtime::exc::msg::UNEXPECTED_KW_NAMED, &[ks.into()]));
            }
        }
    }
    Ok(())
}

fn absent(o: Obj) -> bool {
    o.is_null() || o == Obj::NONE
}

/// Converts the optional `start`/`end` arguments `args[2]`, `args[3]` of a
/// `kind` receiver (None/absent -> None).
///
/// Errors: `TypeError: string indices must be integers, not str` (the
/// receiver's noun), as MicroPython.
fn range_ints(vm: &mut Vm, kind: Kind, args: &[Obj]) -> PyResult<(Option<isize>, Option<isize>)> {
    let get = |vm: &mut Vm, i: usize| -> PyResult<Option<isize>> {
        match args.get(i) {
            Some(&o) if !absent(o) => {
                if !super::strutil::is_int(vm, o) {
                    return Err(super::strutil::indices_error(vm, super::str::noun(kind), o));
                }
                Ok(Some(int_arg(vm, o)?))
            }
            _ => Ok(None),
        }
    };
    Ok((get(vm, 2)?, get(vm, 3)?))
}

/// Resolves `start`/`end` (code points for str) to byte offsets into `s`,
/// clamped as MicroPython does; None if start > end.
fn resolve_range(kind: Kind, s: &[u8], start: Option<isize>, end: Option<isize>) -> Option<(usize, usize)> {
    if start.is_none() && end.is_none() {
        return Some((0, s.len()));
    }
    // (Boards: ASCII text takes the code-point path too, the same offsets.)
    let ascii = kind != Kind::Str || (cfg!(not(target_os = "none")) && crate::types::strutil::all_ascii(s));
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

/// The bytes of `self` as a borrow (after [`self_kind`]'s checks passed).
fn self_ref(vm: &Vm, o: Obj) -> &[u8] {
    buffer_ref(vm, o).unwrap_or(&[])
}

/// Is `o` a str object proper (a qstr or heap str; not an instance of a
/// str subclass), so that a method may return it unchanged?
fn is_exact_str(vm: &Vm, o: Obj) -> bool {
    o.as_qstr().is_some() || vm.heap.str_pinned(o).is_some()
}

/// Is `o` a str or bytes object proper (not a subclass instance, not a
/// bytearray), so that a method may return it unchanged?
fn is_exact_immutable(vm: &Vm, o: Obj) -> bool {
    is_exact_str(vm, o) || vm.bytes_pinned(o).is_some()
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

/// What [`find_common`] computes: bit 0 searches from the right, bit 1
/// raises when absent (`index`/`rindex`), [`COUNT_MODE`] counts,
/// [`STARTS`] and [`ENDS`] test a prefix or suffix.
const FIND_LAST: u8 = 1;
const FIND_RAISE: u8 = 2;
const COUNT_MODE: u8 = 4;
const STARTS: u8 = 8;
const ENDS: u8 = 16;
/// [`find_common`]: `partition` (with [`FIND_LAST`]: `rpartition`).
#[cfg(feature = "str-partition")]
const PART: u8 = 32;

/// `find`/`rfind` (the position, -1 if absent), `index`/`rindex` (the
/// position, raising if absent), `count` of `args[1]` in
/// `args[0][start:end]`, `startswith`/`endswith` of `args[1]` (or of
/// any of a tuple of them) there and `partition`/`rpartition` at
/// `args[1]`: one body for the argument checks, the window and the
/// result.
///
/// Errors: `ValueError: substring not found` (`index`, `rindex`).
fn find_common(vm: &mut Vm, args: &[Obj], mode: u8) -> PyResult<Obj> {
    let kind = self_kind(vm, args[0])?;
    let affix = mode & (STARTS | ENDS) != 0;
    if !affix {
        arg_check(vm, kind, args[1])?;
    }
    let (a, b) = range_ints(vm, kind, args)?;
    let cands = if affix { vm.tuple_pinned(args[1]) } else { None };
    let count = mode == COUNT_MODE;
    for idx in 0..cands.map_or(1, <[Obj]>::len) {
        let c = cands.map_or(args[1], |t| t[idx]);
        if affix {
            arg_check(vm, kind, c)?;
        }
        let s = self_ref(vm, args[0]);
        let needle = arg_bytes(vm, kind, c).unwrap_or(&[]);
        let range = resolve_range(kind, s, a, b);
        if affix {
            let Some((bs, be)) = range else { return Ok(Obj::FALSE) };
            let win = &s[bs..be];
            if if mode == ENDS { win.ends_with(needle) } else { win.starts_with(needle) } {
                return Ok(Obj::TRUE);
            }
            continue;
        }
        let r = match range {
            None => count.then_some(0),
            Some((bs, be)) => {
                let win = &s[bs..be];
                if count {
                    Some(if needle.is_empty() {
                        (if kind == Kind::Str { char_len(win) } else { win.len() }) + 1
                    } else {
                        count_bytes(win, needle, usize::MAX)
                    })
                } else {
                    let pos = if mode & FIND_LAST != 0 { rfind_bytes(win, needle, win.len()) } else { find_bytes(win, needle, 0) };
                    #[cfg(feature = "str-partition")]
                    if mode & PART != 0 {
                        let (n, sep_len) = (s.len(), needle.len());
                        return partition_parts(vm, kind, args, pos.map(|p| bs + p), n, sep_len, mode & FIND_LAST != 0);
                    }
                    pos.map(|p| {
                        let abs = bs + p;
                        // (Desktop: ASCII text before it skips the count; the
                        // count gives the same.)
                        if kind == Kind::Str && (cfg!(target_os = "none") || !crate::types::strutil::all_ascii(&s[..abs])) {
                            byte_to_char(s, abs)
                        } else {
                            abs
                        }
                    })
                }
            }
        };
        return match r {
            Some(i) => Ok(Obj::small_int(i as isize)),
            None if mode & FIND_RAISE != 0 => Err(vm.value_error(msg!("substring not found"))),
            None => Ok(Obj::small_int(-1)),
        };
    }
    Ok(Obj::FALSE)
}

fn str_find(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    find_common(vm, args, 0)
}
fn str_rfind(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    find_common(vm, args, FIND_LAST)
}
fn str_index(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    find_common(vm, args, FIND_RAISE)
}
fn str_rindex(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    find_common(vm, args, FIND_RAISE | FIND_LAST)
}
fn str_count(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    find_common(vm, args, COUNT_MODE)
}

/// Non-overlapping occurrences of non-empty `needle` in `hay`, at most
/// `max`.
fn count_bytes(hay: &[u8], needle: &[u8], max: usize) -> usize {
    let mut n = 0;
    let mut i = 0;
    while n < max {
        let Some(p) = find_bytes(hay, needle, i) else { break };
        n += 1;
        i = p + needle.len();
    }
    n
}

fn starts_ends(vm: &mut Vm, args: &[Obj], ends: bool) -> PyResult<Obj> {
    // Desktop: two plain strs, no range or a non-negative start (in an
    // ASCII text, where it is a byte offset).
    #[cfg(not(target_os = "none"))]
    if let [s, p, rest @ ..] = args {
        let start = match rest {
            [] => Some(0),
            [i] => i.as_small_int().and_then(|i| usize::try_from(i).ok()),
            _ => None,
        };
        if let (Some(i), true) = (start, is_exact_str(vm, *s) && is_exact_str(vm, *p)) {
            let s = vm.str_pinned(*s).unwrap_or("").as_bytes();
            let p = vm.str_pinned(*p).unwrap_or("").as_bytes();
            if i == 0 || crate::types::strutil::all_ascii(s) {
                let s = s.get(i.min(s.len())..).unwrap_or(&[]);
                return Ok(Obj::bool(if ends { s.ends_with(p) } else { s.starts_with(p) }));
            }
        }
    }
    find_common(vm, args, if ends { ENDS } else { STARTS })
}

fn str_startswith(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    starts_ends(vm, args, false)
}
fn str_endswith(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    starts_ends(vm, args, true)
}

/// ASCII whitespace as MicroPython's `unichar_isspace`.
pub fn is_space(b: u8) -> bool {
    // ' ', or one of `\t \n \x0b \x0c \r` (9..=13).
    b == b' ' || b.wrapping_sub(b'\t') < 5
}

/// The byte range `strip` keeps of `s`: whitespace (`set` None) or the
/// chars of `set` (code points for str) removed from the chosen ends.
fn strip_range(kind: Kind, s: &[u8], set: Option<&[u8]>, left: bool, right: bool) -> (usize, usize) {
    // One unit is a byte, or for str a code point's UTF-8 (which appears
    // in a UTF-8 `set` only where that code point does; an ASCII byte
    // never matches inside a multi-byte sequence).
    let cont = |i: usize| kind == Kind::Str && s.get(i).is_some_and(|&x| x & 0xc0 == 0x80);
    let hit = |u: &[u8]| match set {
        Some(t) => match u {
            [c] => crate::types::strutil::has_byte(t, *c),
            _ => find_bytes(t, u, 0).is_some(),
        },
        None => matches!(u, [c] if is_space(*c)),
    };
    let mut a = 0;
    let mut b = s.len();
    while left && a < b {
        let mut e = a + 1;
        while e < b && cont(e) {
            e += 1;
        }
        if !hit(&s[a..e]) {
            break;
        }
        a = e;
    }
    while right && b > a {
        let mut st = b - 1;
        while st > a && cont(st) {
            st -= 1;
        }
        if !hit(&s[st..b]) {
            break;
        }
        b = st;
    }
    (a, b)
}

fn strip_common(vm: &mut Vm, this: Obj, chars: Obj, left: bool, right: bool) -> PyResult<Obj> {
    let kind = self_kind(vm, this)?;
    let chars = Some(chars).filter(|o| !absent(*o));
    if let Some(c) = chars {
        arg_check(vm, kind, c)?;
    }
    let s = self_ref(vm, this);
    let set = chars.and_then(|c| arg_bytes(vm, kind, c));
    let (a, b) = strip_range(kind, s, set, left, right);
    if kind != Kind::ByteArray && b - a == s.len() && is_exact_immutable(vm, this) {
        return Ok(this);
    }
    part_of(vm, kind, this, a, b)
}
fn str_strip(vm: &mut Vm, this: Obj, chars: Obj, _: Obj) -> PyResult<Obj> {
    strip_common(vm, this, chars, true, true)
}
fn str_lstrip(vm: &mut Vm, this: Obj, chars: Obj, _: Obj) -> PyResult<Obj> {
    strip_common(vm, this, chars, true, false)
}
fn str_rstrip(vm: &mut Vm, this: Obj, chars: Obj, _: Obj) -> PyResult<Obj> {
    strip_common(vm, this, chars, false, true)
}

/// Splitting one part at a time, from the left or (`rev`) from the right:
/// `s` split on `sep` (None = runs of whitespace), at most `max` times
/// (negative = no limit); from the right the parts come right to left.
/// The text is passed to each [`Splitter::next`] call, so the caller can
/// allocate between parts. One body for `split` and `rsplit`: the window
/// `lo..hi` not yet split shrinks from the taken end.
pub struct Splitter {
    lo: usize,
    hi: usize,
    left: isize,
    done: bool,
    rev: bool,
}

impl Splitter {
    /// A splitter making at most `max` splits, from the right if `rev`.
    pub fn new(max: isize, rev: bool) -> Splitter {
        Splitter { lo: 0, hi: usize::MAX, left: max, done: false, rev }
    }

    /// The byte range of the next part of `s` (the same `s` and `sep` on
    /// every call; `sep` non-empty).
    pub fn next(&mut self, s: &[u8], sep: Option<&[u8]>) -> Option<(usize, usize)> {
        if self.done {
            return None;
        }
        let rev = self.rev;
        let hi = self.hi.min(s.len());
        let lo = self.lo.min(hi);
        if let Some(sep) = sep {
            if self.left != 0 {
                // (From the left `hi` is the end, from the right `lo` is 0.)
                let p = if rev { rfind_bytes(s, sep, hi) } else { find_bytes(s, sep, lo) };
                if let Some(p) = p {
                    self.left -= 1;
                    let e = p + sep.len();
                    return Some(if rev {
                        self.hi = p;
                        (e, hi)
                    } else {
                        self.lo = e;
                        (lo, p)
                    });
                }
            }
            self.done = true;
            return Some((lo, hi));
        }
        // Whitespace: from the taken end `t` towards the other end `o`,
        // over the bytes that are (`space`) or are not whitespace.
        let (t, o) = if rev { (hi, lo) } else { (lo, hi) };
        let skip = |mut k: usize, space: bool| -> usize {
            while k != o {
                let at = if rev { k - 1 } else { k };
                if !s.get(at).is_some_and(|&c| is_space(c) == space) {
                    break;
                }
                k = if rev { k - 1 } else { k + 1 };
            }
            k
        };
        let a = skip(t, true);
        if a == o {
            self.done = true;
            return None;
        }
        let b = if self.left == 0 {
            self.done = true;
            o
        } else {
            self.left -= 1;
            skip(a, false)
        };
        if rev {
            self.hi = b;
        } else {
            self.lo = b;
        }
        Some((a.min(b), a.max(b)))
    }
}

/// [`split_common`]'s modes: `split`, `rsplit`, `splitlines`.
const MODE_SPLIT: u8 = 0;
const MODE_RSPLIT: u8 = 1;
#[cfg(feature = "str-splitlines")]
const MODE_LINES: u8 = 2;

/// `split`, `rsplit` and `splitlines` (by `mode`): one body for the
/// arguments and the list of parts.
fn split_common(vm: &mut Vm, args: &[Obj], kw: &[Obj], mode: u8) -> PyResult<Obj> {
    let rev = mode == MODE_RSPLIT;
    // Desktop: `s.split()` / `s.split(sep)` of plain strs straight away.
    #[cfg(not(target_os = "none"))]
    if mode == MODE_SPLIT && kw.is_empty() {
        if let Some(text) = super::strutil::exact_str(vm, args[0]) {
            match args.get(1).copied() {
                None => return split_str_fast(vm, text, None, -1),
                Some(o) if o == Obj::NONE && args.len() == 2 => return split_str_fast(vm, text, None, -1),
                Some(o) if args.len() == 2 => {
                    if let Some(sep) = super::strutil::exact_str(vm, o).filter(|t| !t.is_empty()) {
                        return split_str_fast(vm, text, Some(sep.as_bytes()), -1);
                    }
                }
                _ => {}
            }
        }
    }
    let kind = self_kind(vm, args[0])?;
    #[cfg(feature = "str-splitlines")]
    let lines = mode == MODE_LINES;
    #[cfg(not(feature = "str-splitlines"))]
    let lines = false;
    let names: &[Qstr] = if lines { &[q::keepends] } else { &[q::sep, q::maxsplit] };
    let mut given = [Obj::NULL; 2];
    merge_kw_into(vm, args, kw, names, given.get_mut(..names.len()).unwrap_or(&mut []))?;
    let [sep, max] = given;
    // `splitlines`: keep the line breaks? (Its argument comes first.)
    let keep = lines && !absent(sep) && vm.is_true(sep)?;
    let sep = if lines || absent(sep) { None } else { Some(sep) };
    let max = if absent(max) { -1 } else { int_arg(vm, max)? };
    if let Some(o) = sep {
        arg_check(vm, kind, o)?;
        if arg_bytes(vm, kind, o).is_some_and(<[u8]>::is_empty) {
            return Err(vm.value_error(msg!("empty separator")));
        }
    }
    #[cfg(not(target_os = "none"))]
    if kind == Kind::Str && mode == MODE_SPLIT {
        let text = vm.str_pinned(args[0]).unwrap_or("");
        let sep_b = sep.map(|so| vm.str_pinned(so).unwrap_or(" ").as_bytes());
        return split_str_fast(vm, text, sep_b, max);
    }
    let l = vm.new_list_with_capacity(0)?;
    let mut sp = Splitter::new(max, rev);
    loop {
        let s = self_ref(vm, args[0]);
        let sep_b = sep.and_then(|o| arg_bytes(vm, kind, o));
        #[cfg(feature = "str-splitlines")]
        let r = if lines {
            next_line(s, sp.lo).map(|(a, b, next)| {
                sp.lo = next;
                (a, if keep { next } else { b })
            })
        } else {
            sp.next(s, sep_b)
        };
        #[cfg(not(feature = "str-splitlines"))]
        let r = { let _ = keep; sp.next(s, sep_b) };
        let Some((a, b)) = r else { break };
        let part = part_of(vm, kind, args[0], a, b)?;
        list_push(vm, l, part)?;
    }
    if rev {
        if let Some(v) = vm.heap.get_mut::<super::list::ListObj>(l) {
            v.items.as_mut_slice().reverse();
        }
    }
    Ok(l)
}


/// Desktop `str.split`'s parts as they are found: the first ones on the
/// stack (a gc root: the native stack) until they are all known, made
/// into one list of the final size; a list grown from them past that.
#[cfg(not(target_os = "none"))]
struct Parts<'t> {
    /// The text split (pinned).
    text: &'t str,
    /// The first parts.
    first: [Obj; 16],
    /// Parts so far.
    n: usize,
    /// The list, once there are more than `first` holds (else NULL).
    list: Obj,
}

#[cfg(not(target_os = "none"))]
impl Parts<'_> {
    /// Adds `text[a..b]`.
    ///
    /// Errors: `MemoryError`.
    #[inline(always)]
    fn put(&mut self, vm: &mut Vm, a: usize, b: usize) -> PyResult<()> {
        let part = vm.new_str(self.text.get(a..b).unwrap_or(""))?;
        match self.first.get_mut(self.n) {
            Some(slot) => *slot = part,
            None => self.spill(vm, part)?,
        }
        self.n += 1;
        Ok(())
    }

    /// [`Parts::put`] past the first parts: into the list.
    #[inline(never)]
    fn spill(&mut self, vm: &mut Vm, part: Obj) -> PyResult<()> {
        if self.list.is_null() {
            self.list = vm.new_list_with_capacity(2 * self.first.len())?;
            let first = self.first;
            for p in first {
                list_push(vm, self.list, p)?;
            }
        }
        list_push(vm, self.list, part)
    }

    /// The list of the parts.
    ///
    /// Errors: `MemoryError`.
    fn finish(&self, vm: &mut Vm) -> PyResult<Obj> {
        match self.first.get(..self.n) {
            Some(p) if self.list.is_null() => vm.new_list(p),
            _ => Ok(self.list),
        }
    }
}

/// Desktop `str.split`: `text` (pinned) split at `sep` (non-empty; None:
/// runs of whitespace) at most `max` times (negative: no limit), in one
/// scan making the parts as they are found ([`Parts`]).
///
/// Errors: `MemoryError`.
#[cfg(not(target_os = "none"))]
#[inline(never)]
fn split_str_fast(vm: &mut Vm, text: &str, sep_b: Option<&[u8]>, max: isize) -> PyResult<Obj> {
    let s = text.as_bytes();
    let mut parts = Parts { text, first: [Obj::NULL; 16], n: 0, list: Obj::NULL };
    match sep_b {
        // One-byte separator, no limit: one plain scan.
        Some(&[c]) if max < 0 => {
            let mut st = 0;
            // Eight bytes a step: the bytes equal to `c` are the zero
            // bytes of `w ^ pat`, found exactly (no carry crosses a byte).
            const LOW7: u64 = u64::from_ne_bytes([0x7f; 8]);
            let pat = u64::from_le_bytes([c; 8]);
            let mut words = s.chunks_exact(8);
            let mut at = 0;
            for ch in &mut words {
                let mut b8 = [0u8; 8];
                b8.copy_from_slice(ch);
                let w = u64::from_le_bytes(b8) ^ pat;
                let mut z = !(((w & LOW7).wrapping_add(LOW7)) | w | LOW7);
                while z != 0 {
                    let i = at + (z.trailing_zeros() / 8) as usize;
                    parts.put(vm, st, i)?;
                    st = i + 1;
                    z &= z - 1;
                }
                at += 8;
            }
            for (k, &b) in words.remainder().iter().enumerate() {
                if b == c {
                    parts.put(vm, st, at + k)?;
                    st = at + k + 1;
                }
            }
            parts.put(vm, st, s.len())?;
        }
        _ => {
            let mut fwd = Splitter::new(max, false);
            while let Some((a, b)) = fwd.next(s, sep_b) {
                parts.put(vm, a, b)?;
            }
        }
    }
    parts.finish(vm)
}

fn str_split(vm: &mut Vm, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    split_common(vm, args, kw, MODE_SPLIT)
}
fn str_rsplit(vm: &mut Vm, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    split_common(vm, args, kw, MODE_RSPLIT)
}

/// The next line of `s` at or after `i`: `(start, end without the line
/// break, position after it)`.
#[cfg(feature = "str-splitlines")]
fn next_line(s: &[u8], i: usize) -> Option<(usize, usize, usize)> {
    if i >= s.len() {
        return None;
    }
    let mut j = i;
    while j < s.len() {
        let eol = match s[j] {
            b'\n' => 1,
            b'\r' if s.get(j + 1) == Some(&b'\n') => 2,
            b'\r' => 1,
            _ => 0,
        };
        if eol > 0 {
            return Some((i, j, j + eol));
        }
        j += 1;
    }
    Some((i, s.len(), s.len()))
}

#[cfg(feature = "str-splitlines")]
fn str_splitlines(vm: &mut Vm, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    split_common(vm, args, kw, MODE_LINES)
}

fn str_join(vm: &mut Vm, a0: Obj, a1: Obj) -> PyResult<Obj> {
    let args = &[a0, a1];
    // Desktop: a plain str joining a list or tuple of plain strs straight
    // away.
    #[cfg(not(target_os = "none"))]
    if let Some(r) = join_plain(vm, args[0], args[1]) {
        return r;
    }
    let kind = self_kind(vm, args[0])?;
    let seq = items_seq(vm, args[1])?;
    join_items(vm, kind, args[0], seq)
}

/// Copies `b` into `out` at `*k` and advances `*k` (nothing if it does
/// not fit: callers size `out` exactly).
#[cfg_attr(target_os = "none", inline(never))]
fn put_at(out: &mut [u8], k: &mut usize, b: &[u8]) {
    if let Some(d) = out.get_mut(*k..*k + b.len()) {
        d.copy_from_slice(b);
        *k += b.len();
    }
}

/// `sep.join(items)` for a list or tuple `seq`: checks every item's kind
/// and sums the lengths, then builds the result in one exactly sized
/// object. Nothing runs Python code in between, so the items cannot
/// change.
///
/// Errors: `TypeError: join expects a list of str/bytes objects consistent
/// with self object`, `MemoryError`.
fn join_items(vm: &mut Vm, kind: Kind, sep: Obj, seq: Obj) -> PyResult<Obj> {
    #[cfg(not(target_os = "none"))]
    if kind == Kind::Str {
        if let Some(r) = join_plain(vm, sep, seq) {
            return r;
        }
    }
    let items = vm.seq_items(seq).unwrap_or(&[]);
    let sep_len = self_ref(vm, sep).len();
    let mut total: usize = 0;
    let mut bad = false;
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
    if bad {
        return Err(vm.type_error(msg!("join expects a list of str/bytes objects consistent with self object")));
    }
    if total == usize::MAX {
        return Err(vm.memory_error());
    }
    if cfg!(not(target_os = "none")) && kind == Kind::Str {
        // Whole strs: no UTF-8 check of the result (desktop builds; boards
        // keep the flash).
        return vm.new_str_from_parts(total, |vm, w| {
            let items = vm.seq_items(seq).unwrap_or(&[]);
            let sep_s = vm.str_pinned(sep).unwrap_or("");
            for (i, &it) in items.iter().enumerate() {
                if i > 0 {
                    w.push(sep_s);
                }
                w.push(vm.str_pinned(it).unwrap_or(""));
            }
        });
    }
    build(vm, kind, total, |vm, out| {
        let items = vm.seq_items(seq).unwrap_or(&[]);
        let sep_b = self_ref(vm, sep);
        let mut k = 0;
        for (i, &it) in items.iter().enumerate() {
            if i > 0 {
                put_at(out, &mut k, sep_b);
            }
            put_at(out, &mut k, buffer_ref(vm, it).unwrap_or(&[]));
        }
        k
    })
}

/// Most items [`join_plain`] gathers on the stack when they are all
/// one-character ASCII strs.
#[cfg(not(target_os = "none"))]
const JOIN_CHARS: usize = 32;

/// Desktop: [`join_items`] of a plain str separator and plain str items
/// (qstrs, exact heap strs) read without the general checks; a
/// one-character ASCII qstr (its id is the char) is written as its byte,
/// and up to [`JOIN_CHARS`] such items joined by "" are gathered on the
/// stack in the pass that checks them. None when anything else needs the
/// general path.
#[cfg(not(target_os = "none"))]
fn join_plain(vm: &mut Vm, sep: Obj, seq: Obj) -> Option<PyResult<Obj>> {
    fn text<'a>(vm: &Vm, o: Obj) -> Option<&'a str> {
        match o.as_qstr() {
            Some(q) => Some(vm.qstr_str(q)),
            None => vm.heap.str_pinned(o),
        }
    }
    let items = vm.seq_items(seq)?;
    let sep_len = text(vm, sep)?.len();
    // One-character ASCII strs joined by "" (a word gathered by
    // characters): their ids are the bytes, gathered on the stack in the
    // same pass that checks them.
    if sep_len == 0 && items.len() <= JOIN_CHARS {
        let mut buf = [0u8; JOIN_CHARS];
        let mut chars = true;
        for (slot, &it) in buf.iter_mut().zip(items) {
            match it.as_qstr() {
                Some(q) if q.0 < 0x80 => *slot = q.0 as u8,
                _ => {
                    chars = false;
                    break;
                }
            }
        }
        if chars {
            let t = mpy_bytecode::utf8::str(buf.get(..items.len()).unwrap_or(&[])).unwrap_or("");
            return Some(vm.new_str(t));
        }
    }
    let mut total = sep_len.checked_mul(items.len().saturating_sub(1))?;
    for &it in items {
        let n = if it.as_qstr().is_some_and(|q| q.0 < 0x80) { 1 } else { text(vm, it)?.len() };
        total = total.checked_add(n)?;
    }
    Some(vm.new_str_from_parts(total, |vm, w| {
        let sep_s = text(vm, sep).unwrap_or("");
        for (i, &it) in vm.seq_items(seq).unwrap_or(&[]).iter().enumerate() {
            if i > 0 && !sep_s.is_empty() {
                w.push(sep_s);
            }
            match it.as_qstr() {
                Some(q) if q.0 < 0x80 => w.push((q.0 as u8 as char).encode_utf8(&mut [0; 4])),
                _ => w.push(text(vm, it).unwrap_or("")),
            }
        }
    }))
}

/// Writes `s` with (at most `max`, negative = all) occurrences of `old`
/// replaced by `new` into `out` (sized by the caller), or with `out` None
/// only measures; returns the bytes written (or needed, saturating) and
/// the replacements made. An empty `old` inserts `new` before every char
/// (code points for str) and at the end.
fn replace_into(kind: Kind, s: &[u8], old: &[u8], new: &[u8], max: usize, mut out: Option<&mut [u8]>) -> (usize, usize) {
    let mut k = 0;
    let mut put = |b: &[u8], k: &mut usize| match out.as_deref_mut() {
        Some(o) => put_at(o, k, b),
        None => *k = k.saturating_add(b.len()),
    };
    let mut left = max;
    let mut i = 0;
    if old.is_empty() {
        while i <= s.len() && left != 0 {
            put(new, &mut k);
            left -= 1;
            if i == s.len() {
                i += 1;
                break;
            }
            let mut j = i + 1;
            while kind == Kind::Str && j < s.len() && s[j] & 0xc0 == 0x80 {
                j += 1;
            }
            put(&s[i..j], &mut k);
            i = j;
        }
        if i <= s.len() {
            put(&s[i..], &mut k);
        }
        return (k, max - left);
    }
    while left != 0 {
        let Some(p) = find_bytes(s, old, i) else { break };
        put(&s[i..p], &mut k);
        put(new, &mut k);
        i = p + old.len();
        left -= 1;
    }
    put(&s[i..], &mut k);
    (k, max - left)
}

fn str_replace(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let kind = self_kind(vm, args[0])?;
    arg_check(vm, kind, args[1])?;
    arg_check(vm, kind, args[2])?;
    let max = match args.get(3) {
        Some(&m) => int_arg(vm, m)?,
        None => -1,
    };
    let max = if max < 0 { usize::MAX } else { max as usize };
    let run = |vm: &Vm, out: Option<&mut [u8]>| {
        let s = self_ref(vm, args[0]);
        let old = arg_bytes(vm, kind, args[1]).unwrap_or(&[]);
        let new = arg_bytes(vm, kind, args[2]).unwrap_or(&[]);
        replace_into(kind, s, old, new, max, out)
    };
    let (total, count) = run(vm, None);
    if count == 0 && kind != Kind::ByteArray && is_exact_immutable(vm, args[0]) {
        return Ok(args[0]);
    }
    if total == usize::MAX {
        return Err(vm.memory_error());
    }
    build(vm, kind, total, |vm, out| run(vm, Some(out)).0)
}

/// The tuple of `partition`/`rpartition` (see [`find_common`]) of a
/// receiver `args[0]` of `n` bytes at the byte position `pos` of
/// separator `args[1]` (`sep_len` bytes), if found (`rev`: `rpartition`).
///
/// Errors: `ValueError: empty separator`, `MemoryError`.
#[cfg(feature = "str-partition")]
fn partition_parts(vm: &mut Vm, kind: Kind, args: &[Obj], pos: Option<usize>, n: usize, sep_len: usize, rev: bool) -> PyResult<Obj> {
    let sep = args[1];
    if sep_len == 0 {
        return Err(vm.value_error(msg!("empty separator")));
    }
    // Byte ranges of the three parts; the separator comes from `sep`.
    let (a, found, c) = match pos {
        Some(p) => ((0, p), true, (p + sep_len, n)),
        None if rev => ((0, 0), false, (0, n)),
        None => ((0, n), false, (n, n)),
    };
    let (ysrc, ylen) = if found { (sep, sep_len) } else { (args[0], 0) };
    let mut t = [Obj::NULL; 3];
    for (slot, (src, x, y)) in t.iter_mut().zip([(args[0], a.0, a.1), (ysrc, 0, ylen), (args[0], c.0, c.1)]) {
        *slot = part_of(vm, kind, src, x, y)?;
    }
    vm.new_tuple(&t)
}
#[cfg(feature = "str-partition")]
fn str_partition(vm: &mut Vm, a0: Obj, a1: Obj) -> PyResult<Obj> {
    find_common(vm, &[a0, a1], PART)
}
#[cfg(feature = "str-partition")]
fn str_rpartition(vm: &mut Vm, a0: Obj, a1: Obj) -> PyResult<Obj> {
    find_common(vm, &[a0, a1], PART | FIND_LAST)
}

#[cfg(feature = "str-center")]
fn str_center(vm: &mut Vm, a0: Obj, a1: Obj, a2: Obj) -> PyResult<Obj> {
    let kind = self_kind(vm, a0)?;
    let width = int_arg(vm, a1)?.max(0) as usize;
    let (slen, len) = {
        let s = self_ref(vm, a0);
        (s.len(), if kind == Kind::Str { char_len(s) } else { s.len() })
    };
    if width <= len {
        return if kind == Kind::ByteArray || !is_exact_immutable(vm, a0) {
            part_of(vm, kind, a0, 0, slen)
        } else {
            Ok(a0)
        };
    }
    // Optional fill char (CPython; MicroPython takes only the width).
    let mut fill = [b' '; 4];
    let mut flen = 1;
    if let Some(&f) = crate::typ::given(&a2) {
        arg_check(vm, kind, f)?;
        let fb = arg_bytes(vm, kind, f).unwrap_or(&[]);
        let n = if kind == Kind::Str { char_len(fb) } else { fb.len() };
        if n != 1 || fb.len() > 4 {
            return Err(vm.type_error(msg!("The fill character must be exactly one character long")));
        }
        fill[..fb.len()].copy_from_slice(fb);
        flen = fb.len();
    }
    let pad = width - len;
    let left = pad / 2;
    let Some(total) = pad.checked_mul(flen).and_then(|n| n.checked_add(slen)) else {
        return Err(vm.memory_error());
    };
    let fill = &fill[..flen];
    let put = move |s: &[u8], out: &mut [u8]| -> usize {
        let mut k = 0;
        for i in 0..pad {
            if i == left {
                put_at(out, &mut k, s);
            }
            put_at(out, &mut k, fill);
        }
        k
    };
    build(vm, kind, total, |vm, out| put(self_ref(vm, a0), out))
}

fn case_common(vm: &mut Vm, h0: Obj, upper: bool) -> PyResult<Obj> {
    let args = &[h0];
    let conv = move |c: &u8| if upper { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() };
    // Desktop: a one-char ASCII qstr (its id is the char) first.
    #[cfg(not(target_os = "none"))]
    if let Some(q) = args[0].as_qstr().filter(|q| q.0 < 0x80) {
        if let Some(r) = crate::qstr::ascii_char(conv(&(q.0 as u8))) {
            return Ok(Obj::qstr(r));
        }
    }
    let kind = self_kind(vm, args[0])?;
    let (n, changes) = {
        let s = self_ref(vm, args[0]);
        // Desktop: one char is a built-in qstr, no allocation (boards: the
        // result is interned as that qstr anyway).
        #[cfg(not(target_os = "none"))]
        if kind == Kind::Str {
            if let [c] = s {
                if let Some(q) = crate::qstr::ascii_char(conv(c)) {
                    return Ok(Obj::qstr(q));
                }
            }
        }
        let changes = if upper { s.iter().any(u8::is_ascii_lowercase) } else { s.iter().any(u8::is_ascii_uppercase) };
        (s.len(), changes)
    };
    if !changes && kind != Kind::ByteArray && is_exact_immutable(vm, args[0]) {
        return Ok(args[0]);
    }
    let map = move |s: &[u8], out: &mut [u8]| -> usize {
        for (d, c) in out.iter_mut().zip(s) {
            *d = conv(c);
        }
        s.len().min(out.len())
    };
    build(vm, kind, n, |vm, out| map(self_ref(vm, args[0]), out))
}
fn str_lower(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let args = &[a0];
    case_common(vm, args[0], false)
}
fn str_upper(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let args = &[a0];
    case_common(vm, args[0], true)
}

/// The `is*` tests' classes: bits of [`class_bits`].
const C_DIGIT: u8 = 1;
const C_ALPHA: u8 = 2;
const C_SPACE: u8 = 4;
const C_UPPER: u8 = 8;
const C_LOWER: u8 = 16;

/// The classes of byte `b` (ASCII only, as MicroPython).
fn class_bits(b: u8) -> u8 {
    if b.is_ascii_digit() {
        C_DIGIT
    } else if b.is_ascii_uppercase() {
        C_ALPHA | C_UPPER
    } else if b.is_ascii_lowercase() {
        C_ALPHA | C_LOWER
    } else if is_space(b) {
        C_SPACE
    } else {
        0
    }
}

/// `isdigit`, `isalpha`, `isspace` (every char of the class),
/// `isupper`, `islower` (some letter of the case, none of the other);
/// False for an empty receiver. One body for the five (desktop: inlined
/// into each, the class folded).
#[cfg_attr(not(target_os = "none"), inline(always))]
fn is_common(vm: &mut Vm, o: Obj, class: u8) -> PyResult<Obj> {
    self_kind(vm, o)?;
    let s = self_ref(vm, o);
    let (mut all, mut any) = (!0u8, 0u8);
    for &b in s {
        let m = class_bits(b);
        all &= m;
        any |= m;
    }
    let r = match class {
        C_UPPER | C_LOWER => any & class != 0 && any & (C_UPPER | C_LOWER) & !class == 0,
        _ => all & class != 0,
    };
    Ok(Obj::bool(!s.is_empty() && r))
}
fn str_isdigit(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let args = &[a0];
    is_common(vm, args[0], C_DIGIT)
}
fn str_isalpha(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let args = &[a0];
    is_common(vm, args[0], C_ALPHA)
}
fn str_isspace(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let args = &[a0];
    is_common(vm, args[0], C_SPACE)
}
fn str_isupper(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let args = &[a0];
    is_common(vm, args[0], C_UPPER)
}
fn str_islower(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let args = &[a0];
    is_common(vm, args[0], C_LOWER)
}

/// A copy of all of `self` as a new object of `kind`.
///
/// Errors: as [`self_kind`]; `MemoryError`, `UnicodeError`.
fn self_as(vm: &mut Vm, o: Obj, kind: Kind) -> PyResult<Obj> {
    self_kind(vm, o)?;
    let n = self_ref(vm, o).len();
    super::strutil::copy_part(vm, kind, o, 0, n)
}

fn str_encode(vm: &mut Vm, a0: Obj, _a1: Obj, _a2: Obj) -> PyResult<Obj> {
    self_as(vm, a0, Kind::Bytes)
}

fn bytes_decode(vm: &mut Vm, a0: Obj, _a1: Obj, _a2: Obj) -> PyResult<Obj> {
    self_as(vm, a0, Kind::Str)
}

#[cfg(feature = "bytes-hex")]
fn hex_digit(v: u8) -> u8 {
    if v < 10 {
        b'0' + v
    } else {
        b'a' + v - 10
    }
}

#[cfg(feature = "bytes-hex")]
fn bytes_hex(vm: &mut Vm, a0: Obj, a1: Obj, _a2: Obj) -> PyResult<Obj> {
    let Some(n) = buffer_ref(vm, a0).map(<[u8]>::len) else {
        return Err(vm.type_error(crate::runtime::exc::msg::BUFFER));
    };
    let sep = match crate::typ::given(&a1) {
        Some(&o) if vm.str_pinned(o).is_none() => arg_data(vm, Kind::Bytes, o)?,
        Some(&o) => Data::Pinned(vm.str_pinned(o).unwrap_or("").as_bytes()),
        None => Data::Pinned(&[]),
    };
    let total = n
        .checked_mul(2)
        .and_then(|t| t.checked_add(n.saturating_sub(1).checked_mul(sep.get().len())?));
    let Some(total) = total else { return Err(vm.memory_error()) };
    let sep_b = sep.get();
    let put = |s: &[u8], out: &mut [u8]| -> usize {
        let mut k = 0;
        for (i, b) in s.iter().enumerate() {
            if i > 0 {
                put_at(out, &mut k, sep_b);
            }
            put_at(out, &mut k, &[hex_digit(b >> 4), hex_digit(b & 15)]);
        }
        k
    };
    let r = build(vm, Kind::Str, total, |vm, out| put(buffer_ref(vm, a0).unwrap_or(&[]), out));
    sep.free(vm);
    r
}

#[cfg(feature = "bytes-hex")]
fn hex_val(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

/// Decodes hex text (whitespace between pairs ignored) into `out`;
/// returns the bytes written, or None at a non-hex digit.
#[cfg(feature = "bytes-hex")]
fn unhex(s: &[u8], mut out: Option<&mut [u8]>) -> Option<usize> {
    let mut k = 0;
    let mut i = 0;
    while i < s.len() {
        if is_space(s[i]) {
            i += 1;
            continue;
        }
        let h = hex_val(s[i])?;
        let l = s.get(i + 1).and_then(|&c| hex_val(c))?;
        if let Some(o) = out.as_deref_mut() {
            if let Some(slot) = o.get_mut(k) {
                *slot = h * 16 + l;
            }
        }
        k += 1;
        i += 2;
    }
    Some(k)
}

#[cfg(feature = "bytes-hex")]
fn bytes_fromhex(vm: &mut Vm, a0: Obj, a1: Obj) -> PyResult<Obj> {
    let args = &[a0, a1];
    let kind = if args[0] == Obj::from_type(&super::bytearray::BYTEARRAY_TYPE) { Kind::ByteArray } else { Kind::Bytes };
    let Some(n) = buffer_ref(vm, args[1]).map(|s| unhex(s, None)) else {
        return Err(vm.type_error(crate::runtime::exc::msg::BUFFER));
    };
    let Some(n) = n else { return Err(vm.value_error(msg!("non-hex digit"))) };
    build(vm, kind, n, |vm, out| unhex(buffer_ref(vm, args[1]).unwrap_or(&[]), Some(out)).unwrap_or(0))
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
pub static STRIP: BuiltinFun = BuiltinFun::new_opt(q::strip, 1, 2, str_strip);
/// `lstrip`.
pub static LSTRIP: BuiltinFun = BuiltinFun::new_opt(q::lstrip, 1, 2, str_lstrip);
/// `rstrip`.
pub static RSTRIP: BuiltinFun = BuiltinFun::new_opt(q::rstrip, 1, 2, str_rstrip);
/// `split(sep=None, maxsplit=-1)`.
pub static SPLIT: BuiltinFun = BuiltinFun::new_kw(q::split, 1, str_split);
/// `rsplit(sep=None, maxsplit=-1)`.
pub static RSPLIT: BuiltinFun = BuiltinFun::new_kw(q::rsplit, 1, str_rsplit);
/// `splitlines(keepends=False)`.
#[cfg(feature = "str-splitlines")]
pub static SPLITLINES: BuiltinFun = BuiltinFun::new_kw(q::splitlines, 1, str_splitlines);
/// `join(iterable)`.
pub static JOIN: BuiltinFun = BuiltinFun::new2(q::join, str_join);
/// `replace(old, new[, count])`.
pub static REPLACE: BuiltinFun = BuiltinFun::new(q::replace, 3, 4, str_replace);
/// `partition`.
#[cfg(feature = "str-partition")]
pub static PARTITION: BuiltinFun = BuiltinFun::new2(q::partition, str_partition);
/// `rpartition`.
#[cfg(feature = "str-partition")]
pub static RPARTITION: BuiltinFun = BuiltinFun::new2(q::rpartition, str_rpartition);
/// `center(width[, fillchar])` (MicroPython's padding split: the extra
/// space goes right, `'ab'.center(7) == '  ab   '`; the fill char is a
/// CPython extension).
#[cfg(feature = "str-center")]
pub static CENTER: BuiltinFun = BuiltinFun::new_opt(q::center, 2, 3, str_center);
/// `lower`.
pub static LOWER: BuiltinFun = BuiltinFun::new1(q::lower, str_lower);
/// `upper`.
pub static UPPER: BuiltinFun = BuiltinFun::new1(q::upper, str_upper);
/// `isdigit`.
pub static ISDIGIT: BuiltinFun = BuiltinFun::new1(q::isdigit, str_isdigit);
/// `isalpha`.
pub static ISALPHA: BuiltinFun = BuiltinFun::new1(q::isalpha, str_isalpha);
/// `isspace`.
pub static ISSPACE: BuiltinFun = BuiltinFun::new1(q::isspace, str_isspace);
/// `isupper`.
pub static ISUPPER: BuiltinFun = BuiltinFun::new1(q::isupper, str_isupper);
/// `islower`.
pub static ISLOWER: BuiltinFun = BuiltinFun::new1(q::islower, str_islower);
/// `str.encode([encoding[, errors]])`: always UTF-8.
pub static ENCODE: BuiltinFun = BuiltinFun::new_opt(q::encode, 1, 3, str_encode);
/// `bytes.decode([encoding[, errors]])`: UTF-8; invalid -> UnicodeError.
pub static DECODE: BuiltinFun = BuiltinFun::new_opt(q::decode, 1, 3, bytes_decode);
/// `hex([sep])`.
#[cfg(feature = "bytes-hex")]
pub static HEX: BuiltinFun = BuiltinFun::new_opt(q::hex, 1, 2, bytes_hex);
/// `fromhex(s)` (a classmethod).
#[cfg(feature = "bytes-hex")]
pub static FROMHEX: BuiltinFun = BuiltinFun::new2(q::fromhex, bytes_fromhex).class_method();
/// `format(*args, **kw)`.
pub static FORMAT: BuiltinFun = BuiltinFun::new_kw(q::format, 1, str_format_method);

/// The methods of str, bytes and bytearray in one table: each type's
/// locals are a window of it (bytearray: `append`, `extend`, then the
/// bytes methods; bytes: `decode`, `fromhex`, `hex` and the shared
/// methods; str: the shared methods and `encode`), so the common entries
/// are stored once. Lookups scan from the front: bytearray's `append`
/// comes first.
static SEQ_LOCALS: [Entry; SEQ_LOCALS_LEN] = [
    Entry::new(q::append, Rom::Fun(&super::bytearray::APPEND)),
    Entry::new(q::extend, Rom::Fun(&super::bytearray::EXTEND)),
    Entry::new(q::decode, Rom::Fun(&DECODE)),
    #[cfg(feature = "bytes-hex")]
    Entry::new(q::fromhex, Rom::ClassMethod(&FROMHEX)),
    #[cfg(feature = "bytes-hex")]
    Entry::new(q::hex, Rom::Fun(&HEX)),
    #[cfg(feature = "str-center")]
    Entry::new(q::center, Rom::Fun(&CENTER)),
    Entry::new(q::count, Rom::Fun(&COUNT)),
    Entry::new(q::endswith, Rom::Fun(&ENDSWITH)),
    Entry::new(q::find, Rom::Fun(&FIND)),
    Entry::new(q::format, Rom::Fun(&FORMAT)),
    Entry::new(q::index, Rom::Fun(&INDEX)),
    Entry::new(q::isalpha, Rom::Fun(&ISALPHA)),
    Entry::new(q::isdigit, Rom::Fun(&ISDIGIT)),
    Entry::new(q::islower, Rom::Fun(&ISLOWER)),
    Entry::new(q::isspace, Rom::Fun(&ISSPACE)),
    Entry::new(q::isupper, Rom::Fun(&ISUPPER)),
    Entry::new(q::join, Rom::Fun(&JOIN)),
    Entry::new(q::lower, Rom::Fun(&LOWER)),
    Entry::new(q::lstrip, Rom::Fun(&LSTRIP)),
    #[cfg(feature = "str-partition")]
    Entry::new(q::partition, Rom::Fun(&PARTITION)),
    Entry::new(q::replace, Rom::Fun(&REPLACE)),
    Entry::new(q::rfind, Rom::Fun(&RFIND)),
    Entry::new(q::rindex, Rom::Fun(&RINDEX)),
    #[cfg(feature = "str-partition")]
    Entry::new(q::rpartition, Rom::Fun(&RPARTITION)),
    Entry::new(q::rsplit, Rom::Fun(&RSPLIT)),
    Entry::new(q::rstrip, Rom::Fun(&RSTRIP)),
    Entry::new(q::split, Rom::Fun(&SPLIT)),
    #[cfg(feature = "str-splitlines")]
    Entry::new(q::splitlines, Rom::Fun(&SPLITLINES)),
    Entry::new(q::startswith, Rom::Fun(&STARTSWITH)),
    Entry::new(q::strip, Rom::Fun(&STRIP)),
    Entry::new(q::upper, Rom::Fun(&UPPER)),
    Entry::new(q::encode, Rom::Fun(&ENCODE)),
];
/// [`SEQ_LOCALS`]'s length: 32 with every optional method (the features
/// `bytes-hex`, `str-center`, `str-partition`, `str-splitlines`).
const SEQ_LOCALS_LEN: usize = 26
    + if cfg!(feature = "bytes-hex") { 2 } else { 0 }
    + if cfg!(feature = "str-center") { 1 } else { 0 }
    + if cfg!(feature = "str-partition") { 2 } else { 0 }
    + if cfg!(feature = "str-splitlines") { 1 } else { 0 };
/// The bytes-only methods after `append`, `extend`: `decode`, and
/// `fromhex`, `hex` with feature `bytes-hex`.
const BYTES_ONLY: usize = if cfg!(feature = "bytes-hex") { 3 } else { 1 };
/// `str`'s locals (see [`SEQ_LOCALS`]).
pub const STR_LOCALS: &[Entry] = SEQ_LOCALS.split_at(2 + BYTES_ONLY).1;
/// `bytes`'s locals (see [`SEQ_LOCALS`]).
pub const BYTES_LOCALS: &[Entry] = SEQ_LOCALS.split_at(2).1.split_at(SEQ_LOCALS_LEN - 3).0;
/// `bytearray`'s locals (see [`SEQ_LOCALS`]).
pub const BYTEARRAY_LOCALS: &[Entry] = SEQ_LOCALS.split_at(SEQ_LOCALS_LEN - 1).0;
