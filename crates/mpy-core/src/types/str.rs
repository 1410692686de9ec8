//! `str`: the built-in type (slots; methods are in `str_methods.rs`,
//! formatting in `str_format.rs` and `str_modulo.rs`).
//!
//! A str is either an interned qstr (`Obj::qstr`) or a heap
//! `ObjData::Str`; both hold UTF-8 and hash as `qstr::hash_bytes` of it.
//! Lengths, indices and slices count code points.

use super::str_methods as m;
use super::strutil::{
    char_len, char_to_byte, int_arg, is_int, new_of_kind, new_of_kind_vec, new_seq_iter, repr_str, reserve, seq_index,
    slice_indices, slice_positions, with_buffer, buffer_ref, Kind,
};
use crate::obj::Obj;
use crate::objdata::ObjData;
use crate::qstr::{hash_bytes, q, Qstr};
use crate::state::Vm;
use crate::typ::{flags, BinaryOp, PrintKind, Rom, Subscr, TypeObj, UnaryOp};
use crate::types::exception::UNICODE_ERROR_TYPE;
use crate::PyResult;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::cmp::Ordering;

/// `str()`, `str(obj)`, `str(bytes_like, encoding[, errors])`.
///
/// Errors: `TypeError: object with buffer protocol required` when decoding
/// a non-buffer; `UnicodeError` for invalid UTF-8; keywords raise
/// `NotImplementedError` as in MicroPython.
fn str_make_new(vm: &mut Vm, _cls: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    if !kw.is_empty() {
        return Err(super::strutil::not_implemented(
            vm,
            "keyword argument(s) not implemented - use normal args instead",
        ));
    }
    match args.len() {
        0 => Ok(Obj::qstr(q::empty)),
        1 => {
            if args[0].as_qstr().is_some() || matches!(vm.heap.get(args[0]), Some(ObjData::Str(_))) {
                return Ok(args[0]);
            }
            let s = vm.str_string(args[0])?;
            vm.new_str(&s)
        }
        2 | 3 => {
            let Some(b) = with_buffer(vm, args[0], |b| b.to_vec()) else {
                return Err(vm.type_error("object with buffer protocol required"));
            };
            match core::str::from_utf8(&b) {
                Ok(s) => vm.new_str(s),
                Err(_) => Err(vm.error_noargs(&UNICODE_ERROR_TYPE)),
            }
        }
        n => {
            let msg = format!("function expected at most 3 arguments, got {n}");
            Err(vm.type_error(&msg))
        }
    }
}

fn str_print(vm: &mut Vm, o: Obj, out: &mut String, kind: PrintKind) -> PyResult<()> {
    let s = vm.str_of(o).unwrap_or("");
    match kind {
        PrintKind::Str => out.push_str(s),
        PrintKind::Repr => repr_str(s, out),
    }
    Ok(())
}

fn str_unary_op(vm: &mut Vm, op: UnaryOp, o: Obj) -> PyResult<Obj> {
    let Some(s) = vm.str_of(o) else { return Ok(Obj::NULL) };
    Ok(match op {
        UnaryOp::Len => Obj::small_int(char_len(s.as_bytes()) as isize),
        UnaryOp::Bool => Obj::bool(!s.is_empty()),
        UnaryOp::Hash => {
            // As the `hash()` builtin reports a str's hash (fits 31 bits).
            let h = hash_bytes(s.as_bytes()) >> 1;
            return vm.new_int(h as i64);
        }
        UnaryOp::Sizeof => Obj::small_int((s.len() + crate::heap::SLOT_BYTES) as isize),
        _ => Obj::NULL,
    })
}

/// `seq * n` for any kind: the repeated content.
///
/// Errors: `MemoryError` when the result cannot fit the heap (checked
/// before allocating), `OverflowError` for big-int counts.
pub fn repeat(vm: &mut Vm, kind: Kind, s: &[u8], n: Obj) -> PyResult<Obj> {
    let n = int_arg(vm, n)?.max(0) as usize;
    let Some(total) = s.len().checked_mul(n) else { return Err(vm.memory_error()) };
    reserve(vm, total)?;
    new_of_kind(vm, kind, &s.repeat(n))
}

/// Binary operators shared by str, bytes and bytearray: `+`, `*`, `%`,
/// ordering comparisons, `==` and `in`. `lhs` is of kind `kind`.
pub fn seq_binary_op(vm: &mut Vm, kind: Kind, op: BinaryOp, lhs: Obj, rhs: Obj) -> PyResult<Obj> {
    use BinaryOp::*;
    if kind == Kind::Str {
        if let Some(r) = str_str_op(vm, op, lhs, rhs) {
            return r;
        }
    }
    if buffer_ref(vm, lhs).is_none() {
        return Ok(Obj::NULL);
    }
    // Is the right operand compatible? For str only strs; for bytes any
    // buffer except str (add and `in` also take str, as MicroPython does).
    let rhs_ok = |vm: &Vm, allow_str: bool| -> bool {
        let rk = Kind::of(vm, rhs);
        if kind == Kind::Str {
            rk == Some(Kind::Str)
        } else if rk == Some(Kind::Str) {
            allow_str
        } else {
            buffer_ref(vm, rhs).is_some()
        }
    };
    match op {
        Add | InplaceAdd => {
            if !rhs_ok(vm, true) {
                return Ok(Obj::NULL);
            }
            let total = buffer_ref(vm, lhs).map_or(0, <[u8]>::len).saturating_add(buffer_ref(vm, rhs).map_or(0, <[u8]>::len));
            reserve(vm, total)?;
            if kind == Kind::ByteArray && op == InplaceAdd {
                let b = buffer_ref(vm, rhs).unwrap_or(&[]).to_vec();
                return super::bytearray::extend_with(vm, lhs, &b).map(|()| lhs);
            }
            let mut v = Vec::with_capacity(total);
            v.extend_from_slice(buffer_ref(vm, lhs).unwrap_or(&[]));
            v.extend_from_slice(buffer_ref(vm, rhs).unwrap_or(&[]));
            new_of_kind(vm, kind, &v)
        }
        Multiply | InplaceMultiply | ReverseMultiply => {
            if !is_int(vm, rhs) {
                return Ok(Obj::NULL);
            }
            let a = buffer_ref(vm, lhs).unwrap_or(&[]).to_vec();
            let r = repeat(vm, kind, &a, rhs)?;
            if kind == Kind::ByteArray && op == InplaceMultiply {
                // `ba *= n` mutates in place (CPython; MicroPython lacks it).
                let data = buffer_ref(vm, r).unwrap_or(&[]).to_vec();
                super::bytearray::with_vec(vm, lhs, data.len(), |v| {
                    v.clear();
                    v.extend_from_slice(&data);
                })?;
                return Ok(lhs);
            }
            Ok(r)
        }
        Modulo | InplaceModulo => {
            let a = buffer_ref(vm, lhs).unwrap_or(&[]).to_vec();
            super::str_modulo::format_modulo(vm, kind, &a, rhs)
        }
        Less | More | LessEqual | MoreEqual | Equal | NotEqual => {
            if !rhs_ok(vm, false) {
                return Ok(Obj::NULL);
            }
            let c = buffer_ref(vm, lhs).unwrap_or(&[]).cmp(buffer_ref(vm, rhs).unwrap_or(&[]));
            Ok(Obj::bool(match op {
                Less => c == Ordering::Less,
                More => c == Ordering::Greater,
                LessEqual => c != Ordering::Greater,
                MoreEqual => c != Ordering::Less,
                Equal => c == Ordering::Equal,
                _ => c != Ordering::Equal,
            }))
        }
        Contains => {
            if kind != Kind::Str && is_int(vm, rhs) {
                let v = int_arg(vm, rhs)?;
                let a = buffer_ref(vm, lhs).unwrap_or(&[]);
                return Ok(Obj::bool((0..256).contains(&v) && a.contains(&(v as u8))));
            }
            if !rhs_ok(vm, true) {
                // Raises MicroPython's "can't convert ... implicitly".
                m::arg_data(vm, kind, rhs)?;
                return Ok(Obj::FALSE);
            }
            let hay = buffer_ref(vm, lhs).unwrap_or(&[]);
            let needle = buffer_ref(vm, rhs).unwrap_or(&[]);
            Ok(Obj::bool(m::find_bytes(hay, needle, 0).is_some()))
        }
        _ => Ok(Obj::NULL),
    }
}

/// The fast path of [`seq_binary_op`] for two strs: `+`, comparisons
/// and `in` straight from the texts (no temporary copies, no UTF-8
/// re-validation: the concatenation of two strs is valid). None when an
/// operand is not a str or for other operators.
fn str_str_op(vm: &mut Vm, op: BinaryOp, lhs: Obj, rhs: Obj) -> Option<PyResult<Obj>> {
    use BinaryOp::*;
    let a = vm.str_of(lhs)?;
    let b = vm.str_of(rhs)?;
    let r = match op {
        Add | InplaceAdd => {
            if b.is_empty() && lhs.as_qstr().is_some() {
                return Some(Ok(lhs));
            }
            let total = a.len().saturating_add(b.len());
            if total >= 4096 {
                // Big results: check the heap before building the buffer.
                if let Err(e) = reserve(vm, total) {
                    return Some(Err(e));
                }
            }
            return Some(concat(vm, total, lhs, rhs));
        }
        Equal => a == b,
        NotEqual => a != b,
        Less => a < b,
        More => a > b,
        LessEqual => a <= b,
        MoreEqual => a >= b,
        Contains => m::find_bytes(a.as_bytes(), b.as_bytes(), 0).is_some(),
        _ => return None,
    };
    Some(Ok(Obj::bool(r)))
}

/// A new str: the text of str `lhs` followed by that of str `rhs`
/// (`total` bytes).
fn concat(vm: &mut Vm, total: usize, lhs: Obj, rhs: Obj) -> PyResult<Obj> {
    let mut out = String::with_capacity(total);
    out.push_str(vm.str_of(lhs).unwrap_or(""));
    out.push_str(vm.str_of(rhs).unwrap_or(""));
    vm.new_str_owned(out)
}

fn str_binary_op(vm: &mut Vm, op: BinaryOp, lhs: Obj, rhs: Obj) -> PyResult<Obj> {
    seq_binary_op(vm, Kind::Str, op, lhs, rhs)
}

/// The index error/type error message noun for a kind.
fn noun(kind: Kind) -> &'static str {
    match kind {
        Kind::Str => "string",
        Kind::Bytes => "bytes",
        Kind::ByteArray => "bytearray",
    }
}

/// `seq[index]` load for str/bytes/bytearray (ints and slices; slices of
/// any step).
pub fn seq_subscr_load(vm: &mut Vm, kind: Kind, o: Obj, index: Obj) -> PyResult<Obj> {
    let Some(len) = buffer_ref(vm, o).map(<[u8]>::len) else { return Ok(Obj::NULL) };
    let is_slice = matches!(vm.heap.get(index), Some(ObjData::Slice(..)));
    if !is_slice && !is_int(vm, index) {
        let msg = format!("{} indices must be integers, not {}", noun(kind), vm.type_name(index));
        return Err(vm.type_error(&msg));
    }
    if kind == Kind::Str && !is_slice {
        if let Some(r) = str_index_ascii(vm, o, index) {
            return r;
        }
    }
    let ascii = kind != Kind::Str || buffer_ref(vm, o).is_some_and(<[u8]>::is_ascii);
    if !ascii {
        // Code-point indexing.
        let n = char_len(buffer_ref(vm, o).unwrap_or(&[]));
        if is_slice {
            let (a, b, c) = slice_indices(vm, index, n)?.unwrap_or((0, 0, 1));
            let s = buffer_ref(vm, o).unwrap_or(&[]);
            if c == 1 {
                let (a, b) = (a.max(0) as usize, b.max(a).max(0) as usize);
                let (ba, bb) = (char_to_byte(s, a), char_to_byte(s, b));
                return vm.new_str_slice(o, ba, bb);
            }
            let text = vm.str_of(o).unwrap_or("");
            let chars: Vec<char> = text.chars().collect();
            let out: String = slice_positions(a, b, c).filter_map(|i| chars.get(i)).collect();
            return vm.new_str_owned(out);
        }
        let i = int_arg(vm, index)?;
        let i = seq_index(vm, i, n, noun(kind))?;
        let s = buffer_ref(vm, o).unwrap_or(&[]);
        let ba = char_to_byte(s, i);
        let bb = char_to_byte(s, i + 1);
        return vm.new_str_slice(o, ba, bb);
    }
    if is_slice {
        let (a, b, c) = slice_indices(vm, index, len)?.unwrap_or((0, 0, 1));
        let s = buffer_ref(vm, o).unwrap_or(&[]);
        if c == 1 && kind == Kind::Str {
            // An ASCII str: the bytes are the chars.
            let (a, b) = (a.max(0) as usize, b.max(a).max(0) as usize);
            if b - a == s.len() && o.as_qstr().is_some() {
                return Ok(o);
            }
            return vm.new_str_slice(o, a, b.min(s.len()));
        }
        let out: Vec<u8> = if c == 1 {
            s.get(a.max(0) as usize..b.max(a).max(0) as usize).unwrap_or(&[]).to_vec()
        } else {
            slice_positions(a, b, c).filter_map(|i| s.get(i).copied()).collect()
        };
        return new_of_kind_vec(vm, kind, out);
    }
    let i = int_arg(vm, index)?;
    let i = seq_index(vm, i, len, noun(kind))?;
    let byte = buffer_ref(vm, o).and_then(|s| s.get(i).copied()).unwrap_or(0);
    if kind == Kind::Str {
        new_of_kind(vm, kind, &[byte])
    } else {
        Ok(Obj::small_int(byte as isize))
    }
}

/// `s[i]` for a small-int `i` whose char is ASCII, found without scanning
/// the whole str: valid when every byte before the indexed one is ASCII
/// (checked) so byte and char positions agree. None to take the general
/// path (other index kinds, negative indices, non-ASCII text before or
/// at the position).
fn str_index_ascii(vm: &mut Vm, o: Obj, index: Obj) -> Option<PyResult<Obj>> {
    let i = usize::try_from(index.as_small_int()?).ok()?;
    let s = vm.str_of(o)?.as_bytes();
    let &b = s.get(i)?;
    if b >= 0x80 || !s[..i].is_ascii() {
        return None;
    }
    crate::qstr::ascii_char(b).map(|q| Ok(Obj::qstr(q)))
}

fn str_subscr(vm: &mut Vm, o: Obj, index: Obj, op: Subscr) -> PyResult<Obj> {
    match op {
        Subscr::Load => {
            if let Some(r) = str_index_ascii(vm, o, index) {
                return r;
            }
            seq_subscr_load(vm, Kind::Str, o, index)
        }
        _ => Ok(Obj::NULL),
    }
}

fn str_iter(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    new_seq_iter(vm, o)
}

static STR_LOCALS: [(Qstr, Rom); 27] = [
    (q::center, Rom::Fun(&m::CENTER)),
    (q::count, Rom::Fun(&m::COUNT)),
    (q::encode, Rom::Fun(&m::ENCODE)),
    (q::endswith, Rom::Fun(&m::ENDSWITH)),
    (q::find, Rom::Fun(&m::FIND)),
    (q::format, Rom::Fun(&m::FORMAT)),
    (q::index, Rom::Fun(&m::INDEX)),
    (q::isalpha, Rom::Fun(&m::ISALPHA)),
    (q::isdigit, Rom::Fun(&m::ISDIGIT)),
    (q::islower, Rom::Fun(&m::ISLOWER)),
    (q::isspace, Rom::Fun(&m::ISSPACE)),
    (q::isupper, Rom::Fun(&m::ISUPPER)),
    (q::join, Rom::Fun(&m::JOIN)),
    (q::lower, Rom::Fun(&m::LOWER)),
    (q::lstrip, Rom::Fun(&m::LSTRIP)),
    (q::partition, Rom::Fun(&m::PARTITION)),
    (q::replace, Rom::Fun(&m::REPLACE)),
    (q::rfind, Rom::Fun(&m::RFIND)),
    (q::rindex, Rom::Fun(&m::RINDEX)),
    (q::rpartition, Rom::Fun(&m::RPARTITION)),
    (q::rsplit, Rom::Fun(&m::RSPLIT)),
    (q::rstrip, Rom::Fun(&m::RSTRIP)),
    (q::split, Rom::Fun(&m::SPLIT)),
    (q::splitlines, Rom::Fun(&m::SPLITLINES)),
    (q::startswith, Rom::Fun(&m::STARTSWITH)),
    (q::strip, Rom::Fun(&m::STRIP)),
    (q::upper, Rom::Fun(&m::UPPER)),
];

/// The `str` type.
pub static STR_TYPE: TypeObj = TypeObj {
    name: q::str,
    flags: flags::BASETYPE,
    make_new: Some(str_make_new),
    print: Some(str_print),
    unary_op: Some(str_unary_op),
    binary_op: Some(str_binary_op),
    subscr: Some(str_subscr),
    iter: Some(str_iter),
    locals: &STR_LOCALS,
    ..TypeObj::EMPTY
};

