//! The `io` module: in-memory streams `StringIO` and `BytesIO`, plus
//! `open` (the builtin).
//!
//! Both keep a byte buffer and a byte position (StringIO holds UTF-8;
//! `read(n)` counts characters there). As in MicroPython: `write` past the
//! end pads with zero bytes, `seek(off, whence)` returns the new position
//! (`OSError(22)` when it would be negative), any operation on a closed
//! stream is `ValueError: I/O operation on closed file`, `StringIO(n)`
//! with an int makes an empty stream, and iteration yields lines.

use crate::typ::Entry;
use super::args::{buffer_mut_of, buffer_of, buffer_read, char_count, char_prefix, int_arg, new_from_vec_field, size_arg, CHUNK};
use crate::heap::GcVec;
use crate::obj::{Obj, ObjBase};
use crate::qstr::q;
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{flags, BuiltinFun, ModuleDef, PrintKind, Rom, TypeObj};
use crate::PyResult;

/// An in-memory stream: its bytes (UTF-8 for a `StringIO`, whose type
/// is [`STRINGIO_TYPE`]) and the position; begins as a [`Stream`].
#[repr(C)]
pub struct MemIoObj {
    /// Header ([`STRINGIO_TYPE`] or [`BYTESIO_TYPE`]).
    pub base: ObjBase,
    /// The contents.
    pub buf: GcVec<u8>,
    /// Byte position of the next read or write (may be past the end).
    pub pos: usize,
    /// Closed by `close()`.
    pub closed: bool,
}

fn buf_of(m: &mut MemIoObj) -> &mut GcVec<u8> {
    &mut m.buf
}

/// Copies all of `src`'s buffer into `o`'s contents at byte `at` (which
/// must be in place: the contents are at least `at + n` long).
fn copy_in(vm: &mut Vm, o: Obj, src: Obj, at: usize, n: usize) {
    let mut off = 0;
    while off < n {
        let mut chunk = [0u8; CHUNK];
        let k = buffer_read(vm, src, off, &mut chunk).min(n - off);
        if k == 0 {
            break;
        }
        if let Some(d) = vm.heap.get_mut::<MemIoObj>(o).and_then(|m| m.buf.as_mut_slice().get_mut(at + off..at + off + k)) {
            d.copy_from_slice(&chunk[..k]);
        }
        off += k;
    }
}

fn make(vm: &mut Vm, args: &[Obj], ty: &'static TypeObj) -> PyResult<Obj> {
    let mut init = Obj::NULL;
    if let Some(&a) = args.first() {
        if a != Obj::NONE && !a.is_small_int() {
            if buffer_of(&vm.qstrs, &vm.heap, a).is_none() {
                return Err(super::args::buffer_error(vm));
            }
            init = a;
        }
    }
    let o = vm.alloc_obj(MemIoObj { base: ObjBase::new(ty), buf: GcVec::new(), pos: 0, closed: false })?;
    if !init.is_null() {
        // The initial contents as a `write`, then back to the start.
        write(vm, o, init)?;
        if let Some(m) = vm.heap.get_mut::<MemIoObj>(o) {
            m.pos = 0;
        }
    }
    Ok(o)
}

/// `StringIO(...)` and `BytesIO(...)` (neither can be subclassed: `cls`
/// is the type).
fn memio_new(vm: &mut Vm, cls: Obj, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    make(vm, args, cls.as_type().unwrap_or(&BYTESIO_TYPE))
}

/// Whether the open stream `o` is text, or the right error.
///
/// Errors: `ValueError: I/O operation on closed file`.
fn check(vm: &mut Vm, o: Obj) -> PyResult<bool> {
    match vm.heap.get::<MemIoObj>(o).map(|m| (m.closed, core::ptr::eq(m.base.ty, &STRINGIO_TYPE))) {
        Some((false, text)) => Ok(text),
        Some((true, _)) => Err(vm.value_error(msg!("I/O operation on closed file"))),
        None => Err(vm.type_error(msg!("expected a StringIO/BytesIO"))),
    }
}

/// The layout both kinds of stream begin with: the memory streams
/// ([`MemIoObj`]) and the port's files ([`super::file::FileObj`], whose
/// `buf` is the read-ahead). The read path below serves both: it takes
/// from `buf` at `pos` what the stream already holds (a file first fills
/// its buffer from the port).
#[repr(C)]
pub struct Stream {
    /// Header ([`STRINGIO_TYPE`], [`BYTESIO_TYPE`] or a file type).
    pub base: ObjBase,
    /// The bytes at hand.
    pub buf: GcVec<u8>,
    /// Byte position of the next read in `buf` (may be past the end).
    pub pos: usize,
}

/// `o` as a [`Stream`] (one out-of-line check for every caller).
#[inline(never)]
fn stream(h: &crate::heap::Heap, o: Obj) -> Option<&Stream> {
    h.get::<Stream>(o)
}

/// `o` as a mutable [`Stream`].
#[inline(never)]
fn stream_mut(h: &mut crate::heap::Heap, o: Obj) -> Option<&mut Stream> {
    h.get_mut::<Stream>(o)
}

fn stream_buf(h: &crate::heap::Heap, o: Obj) -> Option<&[u8]> {
    stream(h, o).map(|m| m.buf.as_slice())
}

/// The position (clamped to the end) and the bytes after it.
fn rest(vm: &Vm, o: Obj) -> (usize, &[u8]) {
    stream(&vm.heap, o).map_or((0, &[][..]), |m| {
        let start = m.pos.min(m.buf.len());
        (start, m.buf.as_slice().get(start..).unwrap_or(&[]))
    })
}

/// Takes `len` bytes (clamped) at the position of stream `o` as a str
/// (`text`, invalid UTF-8 replaced) or bytes object and moves the
/// position past them.
///
/// Errors: `MemoryError`.
fn take(vm: &mut Vm, o: Obj, text: bool, len: usize) -> PyResult<Obj> {
    let (start, _) = rest(vm, o);
    let r = new_from_vec_field(vm, text, o, stream_buf, start, len)?;
    if let Some(m) = stream_mut(&mut vm.heap, o) {
        m.pos = (start + len).min(m.buf.len()).max(start);
    }
    Ok(r)
}

/// Readies stream `o` for a read and says whether it is text: a file
/// ([`super::file::ready`]) reads ahead from the port until
/// `enough(held bytes, text)` or its end; a memory stream holds it all.
///
/// Errors: `ValueError: I/O operation on closed file`, a file's
/// `OSError(errno)`, `MemoryError`.
fn ready(vm: &mut Vm, o: Obj, enough: &dyn Fn(&[u8], bool) -> bool) -> PyResult<bool> {
    #[cfg(feature = "os")]
    if let Some(text) = super::file::ready(vm, o, enough)? {
        return Ok(text);
    }
    let _ = enough;
    check(vm, o)
}

/// `read([n])`: `n` characters (text) or bytes, or the rest; files and
/// memory streams.
fn read(vm: &mut Vm, a0: Obj, a1: Obj, _a2: Obj) -> PyResult<Obj> {
    let n = size_arg(vm, a1)?;
    let text = ready(vm, a0, &|b, text| match n {
        None => false,
        Some(n) if text => char_prefix(b, n).is_some(),
        Some(n) => b.len() >= n,
    })?;
    let (_, b) = rest(vm, a0);
    let len = match n {
        None => b.len(),
        Some(n) if text => char_prefix(b, n).unwrap_or(b.len()),
        Some(n) => n.min(b.len()),
    };
    take(vm, a0, text, len)
}

/// The line at the position of stream `o` (through its newline, at most
/// `limit` bytes); at the end an empty one, or `STOP_ITERATION` if `stop`.
///
/// Errors: as [`ready`].
pub(super) fn line(vm: &mut Vm, o: Obj, limit: Option<usize>, stop: bool) -> PyResult<Obj> {
    let text = ready(vm, o, &|b, _| crate::types::strutil::has_byte(b, b'\n') || limit.is_some_and(|l| b.len() >= l))?;
    let (_, b) = rest(vm, o);
    let len = b.iter().position(|&c| c == b'\n').map_or(b.len(), |i| i + 1);
    let len = limit.map_or(len, |l| len.min(l));
    if len == 0 && stop {
        return Ok(Obj::STOP_ITERATION);
    }
    take(vm, o, text, len)
}

/// Copies the bytes at the position of stream `o` into the writable
/// buffer `dst` at `done..want` (as many as it holds), moving the
/// position past them; returns the new `done`.
pub(super) fn copy_held(vm: &mut Vm, o: Obj, dst: Obj, mut done: usize, want: usize) -> usize {
    if let Some(m) = stream_mut(&mut vm.heap, o) {
        m.pos = m.pos.min(m.buf.len());
    }
    // Both are heap buffers: through a stack chunk.
    while done < want {
        let mut chunk = [0u8; CHUNK];
        let (_, b) = rest(vm, o);
        let k = b.len().min(want - done).min(CHUNK);
        if k == 0 {
            break;
        }
        chunk[..k].copy_from_slice(&b[..k]);
        match buffer_mut_of(&mut vm.heap, dst).and_then(|b| b.get_mut(done..done + k)) {
            Some(d) => d.copy_from_slice(&chunk[..k]),
            None => break,
        }
        if let Some(m) = stream_mut(&mut vm.heap, o) {
            m.pos += k;
        }
        done += k;
    }
    done
}

/// `readinto(buf[, n])`: copies the bytes at the position (UTF-8 for a
/// `StringIO`, as official MicroPython, which CPython's `StringIO` lacks)
/// into the writable buffer `buf`, at most `n` of them, and moves the
/// position past them; returns the count (0 at the end).
///
/// Errors: `TypeError: object with buffer protocol required` when `buf`
/// is not writable; `ValueError` on a closed stream.
fn readinto(vm: &mut Vm, a0: Obj, a1: Obj, a2: Obj) -> PyResult<Obj> {
    check(vm, a0)?;
    let limit = size_arg(vm, a2)?;
    let Some(cap) = buffer_mut_of(&mut vm.heap, a1).map(|b| b.len()) else {
        return Err(super::args::buffer_error(vm));
    };
    let done = copy_held(vm, a0, a1, 0, limit.map_or(cap, |n| n.min(cap)));
    Ok(Obj::small_int(done as isize))
}

/// `readline([limit])`: files and memory streams.
fn readline(vm: &mut Vm, a0: Obj, a1: Obj, _a2: Obj) -> PyResult<Obj> {
    let limit = size_arg(vm, a1)?;
    line(vm, a0, limit, false)
}

/// `write(data)`: writes at the position (padding with zero bytes when
/// past the end); returns the number of characters (StringIO) or bytes.
///
/// Errors: `TypeError: object with buffer protocol required`.
fn write(vm: &mut Vm, a0: Obj, a1: Obj) -> PyResult<Obj> {
    let a = &[a0, a1];
    let text = check(vm, a[0])?;
    let Some(n) = buffer_of(&vm.qstrs, &vm.heap, a[1]).map(|b| b.len()) else {
        return Err(super::args::buffer_error(vm));
    };
    let (pos, len) = vm.heap.get::<MemIoObj>(a[0]).map_or((0, 0), |m| (m.pos, m.buf.len()));
    let Some(end) = pos.checked_add(n) else { return Err(vm.memory_error()) };
    if end > len {
        vm.vec_reserve(a[0], buf_of, end - len)?;
        if let Some(m) = vm.heap.get_mut::<MemIoObj>(a[0]) {
            m.buf.resize_within_capacity(end, 0);
        }
    }
    copy_in(vm, a[0], a[1], pos, n);
    if let Some(m) = vm.heap.get_mut::<MemIoObj>(a[0]) {
        m.pos = end;
    }
    let count = if text { buffer_of(&vm.qstrs, &vm.heap, a[1]).map_or(0, char_count) } else { n };
    vm.new_int(count as i64)
}

/// `seek(offset, whence=0)`: returns the new position.
///
/// Errors: `OSError(22)` for a negative position or a bad `whence`.
fn seek(vm: &mut Vm, a0: Obj, off: Obj, whence: Obj) -> PyResult<Obj> {
    let a = &[a0];
    check(vm, a[0])?;
    let off = int_arg(vm, off)?;
    let whence = if whence.is_null() { 0 } else { int_arg(vm, whence)? };
    let (pos, len) = vm.heap.get::<MemIoObj>(a[0]).map_or((0, 0), |m| (m.pos, m.buf.len()));
    let base = match whence {
        0 => 0i64,
        1 => pos as i64,
        2 => len as i64,
        _ => return Err(vm.error_arg(&crate::types::exception::OS_ERROR_TYPE, Obj::small_int(22))),
    };
    let new = base.saturating_add(off);
    if new < 0 {
        return Err(vm.error_arg(&crate::types::exception::OS_ERROR_TYPE, Obj::small_int(22)));
    }
    if let Some(m) = vm.heap.get_mut::<MemIoObj>(a[0]) {
        m.pos = new as usize;
    }
    vm.new_int(new)
}

/// `tell()` (member 0), `flush()` (1) and `getvalue()` (2): one body
/// ([`BuiltinFun::new1_at`]).
///
/// Errors: `ValueError` on a closed stream; `MemoryError`.
fn query(vm: &mut Vm, a0: Obj, at: usize) -> PyResult<Obj> {
    let text = check(vm, a0)?;
    match at {
        0 => {
            let pos = vm.heap.get::<MemIoObj>(a0).map_or(0, |m| m.pos);
            vm.new_int(pos as i64)
        }
        1 => Ok(Obj::NONE),
        _ => new_from_vec_field(vm, text, a0, stream_buf, 0, usize::MAX),
    }
}

/// `close()` (and `__exit__(*exc)`): the contents go back to the heap.
fn close(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let b = vm.heap.get_mut::<MemIoObj>(a[0]).map(|m| {
        m.closed = true;
        core::mem::take(&mut m.buf)
    });
    if let Some(b) = b {
        vm.heap.free_vec(b);
    }
    Ok(Obj::NONE)
}

/// The `iternext` slot of files and memory streams: the next line.
pub(super) fn iternext(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    line(vm, o, None, true)
}

fn print(vm: &mut Vm, o: Obj, out: &mut Out, _kind: PrintKind) -> PyResult<()> {
    let text = vm.heap.get::<MemIoObj>(o).is_none_or(|m| core::ptr::eq(m.base.ty, &STRINGIO_TYPE));
    let name = if text { "StringIO" } else { "BytesIO" };
    out.fmt(vm, crate::msg!("<io.{} 0x{}>"), &[name.into(), crate::runtime::print::Arg::Hex(o.raw(), 0)])
}

/// `read` of files and memory streams.
pub(super) static READ: BuiltinFun = BuiltinFun::new_opt(q::read, 1, 2, read);
static READINTO: BuiltinFun = BuiltinFun::new_opt(q::readinto, 2, 3, readinto);
/// `readline` of files and memory streams.
pub(super) static READLINE: BuiltinFun = BuiltinFun::new_opt(q::readline, 1, 2, readline);
static WRITE: BuiltinFun = BuiltinFun::new2(q::write, write);
static GETVALUE: BuiltinFun = BuiltinFun::new1_at(q::getvalue, query, 2);
static SEEK: BuiltinFun = BuiltinFun::new_opt(q::seek, 2, 3, seek);
static TELL: BuiltinFun = BuiltinFun::new1_at(q::tell, query, 0);
static CLOSE: BuiltinFun = BuiltinFun::new(q::close, 1, 1, close);
static FLUSH: BuiltinFun = BuiltinFun::new1_at(q::flush, query, 1);
static EXIT: BuiltinFun = BuiltinFun::new(q::__exit__, 1, 4, close);

static MEMIO_LOCALS: [Entry; 12] = [
    Entry::new(q::__enter__, Rom::Fun(&super::builtins_io::F_ENTER)),
    Entry::new(q::__exit__, Rom::Fun(&EXIT)),
    Entry::new(q::__next__, Rom::Fun(&crate::types::iterators::NEXT_METH)),
    Entry::new(q::close, Rom::Fun(&CLOSE)),
    Entry::new(q::flush, Rom::Fun(&FLUSH)),
    Entry::new(q::getvalue, Rom::Fun(&GETVALUE)),
    Entry::new(q::read, Rom::Fun(&READ)),
    Entry::new(q::readinto, Rom::Fun(&READINTO)),
    Entry::new(q::readline, Rom::Fun(&READLINE)),
    Entry::new(q::seek, Rom::Fun(&SEEK)),
    Entry::new(q::tell, Rom::Fun(&TELL)),
    Entry::new(q::write, Rom::Fun(&WRITE)),
];

/// `io.StringIO`.
pub static STRINGIO_TYPE: TypeObj = TypeObj {
    name: q::StringIO.tn(),
    flags: flags::ITER_IS_SELF,
    make_new: Some(memio_new),
    print: Some(print),
    iternext: Some(iternext),
    locals: crate::typ::Locals::of(&MEMIO_LOCALS),
    ..TypeObj::EMPTY
};

/// `io.BytesIO`.
pub static BYTESIO_TYPE: TypeObj = TypeObj {
    name: q::BytesIO.tn(),
    flags: flags::ITER_IS_SELF,
    make_new: Some(memio_new),
    print: Some(print),
    iternext: Some(iternext),
    locals: crate::typ::Locals::of(&MEMIO_LOCALS),
    ..TypeObj::EMPTY
};

/// `io.IOBase`: the base class of streams written in Python (e.g. the
/// files of a user-defined filesystem); it adds no behaviour.
pub static IOBASE_TYPE: TypeObj = TypeObj { name: q::IOBase.tn(), flags: flags::BASETYPE, ..TypeObj::EMPTY };

static LOCALS: &[Entry] = &[
    Entry::new(q::__name__, Rom::Str(q::io)),
    Entry::new(q::BytesIO, Rom::Type(&BYTESIO_TYPE)),
    Entry::new(q::IOBase, Rom::Type(&IOBASE_TYPE)),
    Entry::new(q::SEEK_CUR, Rom::Int(1)),
    Entry::new(q::SEEK_END, Rom::Int(2)),
    Entry::new(q::SEEK_SET, Rom::Int(0)),
    Entry::new(q::StringIO, Rom::Type(&STRINGIO_TYPE)),
    #[cfg(feature = "os")]
    Entry::new(q::open, Rom::Fun(&super::builtins::B_OPEN)),
];

/// The `io` module.
pub static IO_MODULE: ModuleDef = ModuleDef::new(q::io, LOCALS);
