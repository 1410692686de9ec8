//! `str`: the built-in type (slots; methods are in `str_methods.rs`,
//! formatting in `str_format.rs` and `str_modulo.rs`). Also the slots
//! shared by str, bytes and bytearray: binary operators and subscripts.
//!
//! A str is either an interned qstr (`Obj::qstr`) or a heap
//! `Var<StrHead>` (`heap/strs.rs`); both hold UTF-8 and hash as
//! `qstr::hash_bytes` of it. Lengths, indices and slices count code
//! points.

use super::str_methods as m;
use super::strutil::{
    build, buffer_ref, char_len, char_to_byte, int_arg, is_int, is_slice,
    new_seq_iter, not_implemented, part_of, repr_str, seq_index, slice_indices,
    slice_positions, str_bytes_buffer, unwrap_native, Kind,
};
use crate::heap::StrHead;
use crate::obj::Obj;
use crate::qstr::q;
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{flags, BinaryOp, PrintKind, Subscr, TypeObj};
use crate::PyResult;

/// `str()`, `str(obj)`, `str(bytes_like, encoding[, errors])`.
///
/// Errors: `TypeError: object with buffer protocol required` when decoding
/// a non-buffer; `UnicodeError` for invalid UTF-8; keywords raise
/// `NotImplementedError` as in MicroPython.
fn str_make_new(vm: &mut Vm, _cls: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    if !kw.is_empty() {
        return Err(not_implemented(vm, msg!("keyword argument(s) not implemented - use normal args instead")));
    }
    match args.len() {
        0 => Ok(Obj::qstr(q::empty)),
        1 => vm.str_obj(args[0]),
        2 | 3 => {
            let Some(n) = buffer_ref(vm, args[0]).map(<[u8]>::len) else {
                return Err(vm.type_error(crate::runtime::exc::msg::BUFFER));
            };
            super::strutil::copy_part(vm, Kind::Str, args[0], 0, n)
        }
        n => Err(super::strutil::too_many_args(vm, 3, n)),
    }
}

fn str_print(vm: &mut Vm, o: Obj, out: &mut Out, kind: PrintKind) -> PyResult<()> {
    let s = vm.str_pinned(o).unwrap_or("");
    match kind {
        PrintKind::Str => out.str(vm, s),
        PrintKind::Repr => repr_str(vm, s, out),
    }
}

/// `sys.getsizeof` of a str/bytes object with `len` bytes: its heap
/// allocation (the size it would have for a qstr).
pub fn str_sizeof(vm: &Vm, o: Obj, len: usize) -> usize {
    match o.as_ptr_addr().map(|a| vm.heap.alloc_size(a)) {
        Some(n) if n > 0 => n,
        _ => crate::heap::var::var_bytes::<StrHead>(len).unwrap_or(usize::MAX),
    }
}

/// `seq * n` for any kind: the content of `src` (a str/bytes/bytearray)
/// repeated.
///
/// Errors: `MemoryError` when the result cannot fit the heap,
/// `OverflowError` for big-int counts.
pub fn repeat(vm: &mut Vm, kind: Kind, src: Obj, n: Obj) -> PyResult<Obj> {
    let n = int_arg(vm, n)?.max(0) as usize;
    concat_repeat(vm, kind, Obj::NULL, src, n)
}

/// A new object of `kind`: the bytes of `a` followed by those of `b`
/// (any buffers; straight into the new object when both are pinned).
///
/// Errors: `MemoryError`.
pub fn concat(vm: &mut Vm, kind: Kind, a: Obj, b: Obj) -> PyResult<Obj> {
    concat_repeat(vm, kind, a, b, 1)
}

/// [`concat`] and [`repeat`]'s one body: a new object of `kind` holding
/// the bytes of `a` (none for NULL) then those of `b` `n` times.
///
/// Errors: `MemoryError`.
fn concat_repeat(vm: &mut Vm, kind: Kind, a: Obj, b: Obj, n: usize) -> PyResult<Obj> {
    let la = buffer_ref(vm, a).map_or(0, <[u8]>::len);
    let lb = buffer_ref(vm, b).map_or(0, <[u8]>::len);
    let Some(total) = lb.checked_mul(n).and_then(|t| t.checked_add(la)) else { return Err(vm.memory_error()) };
    fn fill(x: &[u8], y: &[u8], out: &mut [u8]) -> usize {
        let (l, r) = out.split_at_mut(x.len().min(out.len()));
        l.copy_from_slice(&x[..l.len()]);
        if y.is_empty() {
            return l.len();
        }
        for chunk in r.chunks_exact_mut(y.len()) {
            chunk.copy_from_slice(y);
        }
        l.len() + r.len() / y.len() * y.len()
    }
    build(vm, kind, total, |vm, out| {
        fill(buffer_ref(vm, a).unwrap_or(&[]), buffer_ref(vm, b).unwrap_or(&[]), out)
    })
}

/// Binary operators shared by str, bytes and bytearray: `+`, `*`, `%`,
/// ordering comparisons, `==` and `in`. `lhs` is of kind `kind`.
pub fn seq_binary_op(vm: &mut Vm, kind: Kind, op: BinaryOp, lhs: Obj, rhs: Obj) -> PyResult<Obj> {
    use BinaryOp::*;
    // Boards: two strs take the general path below (same results).
    #[cfg(not(target_os = "none"))]
    if kind == Kind::Str {
        if matches!(op, Modulo | InplaceModulo) {
            return super::str_modulo::format_modulo(vm, kind, lhs, rhs);
        }
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
            if kind == Kind::ByteArray && op == InplaceAdd {
                return super::bytearray::extend_from_buffer(vm, lhs, rhs).map(|()| lhs);
            }
            concat(vm, kind, lhs, rhs)
        }
        Multiply | InplaceMultiply | ReverseMultiply => {
            if !is_int(vm, rhs) {
                return Ok(Obj::NULL);
            }
            if kind == Kind::ByteArray && op == InplaceMultiply {
                // `ba *= n` mutates in place (CPython; MicroPython lacks it).
                super::bytearray::repeat_in_place(vm, lhs, rhs)?;
                return Ok(lhs);
            }
            repeat(vm, kind, lhs, rhs)
        }
        Modulo | InplaceModulo => super::str_modulo::format_modulo(vm, kind, lhs, rhs),
        Less | More | LessEqual | MoreEqual | Equal | NotEqual => {
            if !rhs_ok(vm, false) {
                return Ok(Obj::NULL);
            }
            let c = buffer_ref(vm, lhs).unwrap_or(&[]).cmp(buffer_ref(vm, rhs).unwrap_or(&[]));
            Ok(Obj::bool(super::seq::cmp_op(op, Some(c))))
        }
        Contains => {
            if kind != Kind::Str && is_int(vm, rhs) {
                let v = int_arg(vm, rhs)?;
                let a = buffer_ref(vm, lhs).unwrap_or(&[]);
                return Ok(Obj::bool((0..256).contains(&v) && crate::types::strutil::has_byte(a, v as u8)));
            }
            if !rhs_ok(vm, true) {
                // Raises MicroPython's "can't convert ... implicitly".
                m::arg_check(vm, kind, rhs)?;
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
/// and `in` straight from the texts. None when an operand is not a str or
/// for other operators.
#[cfg(not(target_os = "none"))]
fn str_str_op(vm: &mut Vm, op: BinaryOp, lhs: Obj, rhs: Obj) -> Option<PyResult<Obj>> {
    use BinaryOp::*;
    let a = vm.str_pinned(lhs)?;
    let b = vm.str_pinned(rhs)?;
    let r = match op {
        Add | InplaceAdd => {
            if b.is_empty() && lhs.as_qstr().is_some() {
                return Some(Ok(lhs));
            }
            let Some(total) = a.len().checked_add(b.len()) else { return Some(Err(vm.memory_error())) };
            return Some(super::strutil::new_of_kind_with(vm, Kind::Str, total, |out| {
                let (l, r) = out.split_at_mut(a.len());
                l.copy_from_slice(a.as_bytes());
                r.copy_from_slice(b.as_bytes());
                total
            }));
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

fn str_binary_op(vm: &mut Vm, op: BinaryOp, lhs: Obj, rhs: Obj) -> PyResult<Obj> {
    seq_binary_op(vm, Kind::Str, op, lhs, rhs)
}

/// The index error/type error message noun for a kind (error paths: one
/// copy on the boards).
#[cfg_attr(target_os = "none", inline(never))]
pub fn noun(kind: Kind) -> &'static str {
    match kind {
        Kind::Str => "string",
        Kind::Bytes => "bytes",
        Kind::ByteArray => "bytearray",
    }
}

/// `seq[index]` load for str/bytes/bytearray (ints and slices; slices of
/// any step). A str's positions are code points.
///
/// Errors: `TypeError: string indices must be integers, not X`,
/// `IndexError: string index out of range`, slice errors, `MemoryError`.
pub fn seq_subscr_load(vm: &mut Vm, kind: Kind, o: Obj, index: Obj) -> PyResult<Obj> {
    let o = if o.as_qstr().is_some() { o } else { unwrap_native(vm, o) };
    let Some(b) = buffer_ref(vm, o) else { return Ok(Obj::NULL) };
    let sl = is_slice(vm, index);
    if !sl && !is_int(vm, index) {
        return Err(super::strutil::indices_error(vm, noun(kind), index));
    }
    // Non-ASCII text: code points map to byte offsets through `at` (the
    // identity otherwise).
    let text = kind == Kind::Str && !crate::types::strutil::all_ascii(b);
    let len = if text { char_len(b) } else { b.len() };
    let t = vm.str_pinned(o).unwrap_or("").as_bytes();
    let at = |i: usize| if text { char_to_byte(t, i) } else { i.min(len) };
    if !sl {
        let i = int_arg(vm, index)?;
        let i = seq_index(vm, i, len, noun(kind))?;
        if kind == Kind::Str {
            return vm.new_str_slice(o, at(i), at(i + 1));
        }
        let byte = buffer_ref(vm, o).and_then(|s| s.get(i).copied()).unwrap_or(0);
        return Ok(Obj::small_int(byte as isize));
    }
    let (a, e, c) = slice_indices(vm, index, len)?.unwrap_or((0, 0, 1));
    if c == 1 {
        let (a, e) = (a.max(0) as usize, e.max(a).max(0) as usize);
        if kind == Kind::Str && e - a == len && o.as_qstr().is_some() {
            return Ok(o);
        }
        return part_of(vm, kind, o, at(a), at(e));
    }
    // Desktop: bytes and ASCII text picked straight into the result.
    #[cfg(not(target_os = "none"))]
    if !text {
        let n = super::strutil::slice_len(a, e, c);
        fn pick(s: &[u8], a: isize, b: isize, c: isize, out: &mut [u8]) -> usize {
            let mut k = 0;
            for (slot, i) in out.iter_mut().zip(slice_positions(a, b, c)) {
                *slot = s.get(i).copied().unwrap_or(0);
                k += 1;
            }
            k
        }
        return build(vm, kind, n, |vm, out| pick(buffer_ref(vm, o).unwrap_or(&[]), a, e, c, out));
    }
    // A cursor walks the content char by char (byte by byte but for
    // non-ASCII text) to each selected position, in either direction, so
    // the whole slice costs one pass.
    let mut out = Out::buf();
    let (mut ci, mut bi) = (0usize, 0usize);
    for p in slice_positions(a, e, c) {
        let mut ch = [0u8; 4];
        let n = {
            let b = buffer_ref(vm, o).unwrap_or(&[]);
            let cont = |k: usize| text && b.get(k).is_some_and(|&x| x & 0xc0 == 0x80);
            while ci < p {
                bi += 1;
                while cont(bi) {
                    bi += 1;
                }
                ci += 1;
            }
            while ci > p {
                bi -= 1;
                while cont(bi) {
                    bi -= 1;
                }
                ci -= 1;
            }
            let mut end = bi + 1;
            while cont(end) {
                end += 1;
            }
            let src = b.get(bi..end).unwrap_or(&[]);
            let n = src.len().min(4);
            ch[..n].copy_from_slice(&src[..n]);
            n
        };
        out.bytes(vm, &ch[..n])?;
    }
    let Out::Buf(v) = out else { return Ok(Obj::NULL) };
    super::strutil::finish_vec(vm, kind, v)
}

/// Desktop `s[i]` for a small-int `i` whose char is ASCII, found without scanning
/// the whole str: valid when every byte before the indexed one is ASCII
/// (checked) so byte and char positions agree. None to take the general
/// path (other index kinds, negative indices, non-ASCII text before or
/// at the position).
#[cfg(not(target_os = "none"))]
fn str_index_ascii(vm: &mut Vm, o: Obj, index: Obj) -> Option<PyResult<Obj>> {
    let i = usize::try_from(index.as_small_int()?).ok()?;
    let s = vm.str_pinned(o)?.as_bytes();
    let &b = s.get(i)?;
    if b >= 0x80 || !crate::types::strutil::all_ascii(&s[..i]) {
        return None;
    }
    crate::qstr::ascii_char(b).map(|q| Ok(Obj::qstr(q)))
}

fn str_subscr(vm: &mut Vm, o: Obj, index: Obj, op: Subscr) -> PyResult<Obj> {
    match op {
        Subscr::Load => {
            // Desktop: `s[i]` before any other check (boards: inside
            // `seq_subscr_load`).
            #[cfg(not(target_os = "none"))]
            if let Some(r) = str_index_ascii(vm, o, index) {
                return r;
            }
            seq_subscr_load(vm, Kind::Str, o, index)
        }
        _ => Ok(Obj::NULL),
    }
}


/// The `str` type. Its objects are qstrs or `Var<StrHead>` heap objects;
/// it exports its UTF-8 through the buffer slot (as MicroPython's str).
pub static STR_TYPE: TypeObj = TypeObj {
    name: q::str.tn(),
    flags: flags::BASETYPE,
    make_new: Some(str_make_new),
    print: Some(str_print),
    binary_op: Some(str_binary_op),
    subscr: Some(str_subscr),
    ext: &crate::typ::TypeExt { unary_op: Some(super::bytes::bytes_unary_op), iter: Some(new_seq_iter), buffer: Some(str_bytes_buffer), ..crate::typ::TypeExt::NONE },
    locals: crate::typ::Locals::of(m::STR_LOCALS),
    ..TypeObj::EMPTY
};
