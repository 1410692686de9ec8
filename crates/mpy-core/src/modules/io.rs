//! The `io` module: in-memory streams `StringIO` and `BytesIO`, plus
//! `open` (the builtin).
//!
//! Both keep a byte buffer and a byte position (StringIO holds UTF-8;
//! `read(n)` counts characters there). As in MicroPython: `write` past the
//! end pads with zero bytes, `seek(off, whence)` returns the new position
//! (`OSError(22)` when it would be negative), any operation on a closed
//! stream is `ValueError: I/O operation on closed file`, `StringIO(n)`
//! with an int makes an empty stream, and iteration yields lines.

use crate::obj::Obj;
use crate::objdata::{NativeObj, ObjData};
use crate::qstr::{q, Qstr};
use crate::state::Vm;
use crate::typ::{flags, BuiltinFun, ModuleDef, PrintKind, Rom, TypeObj};
use crate::types::iterators::{native_mut, native_ref};
use crate::types::strutil::get_buffer;
use crate::PyResult;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::any::Any;

/// An in-memory stream.
pub struct MemIO {
    buf: Vec<u8>,
    pos: usize,
    text: bool,
    closed: bool,
}

impl NativeObj for MemIO {
    fn type_obj(&self) -> &'static TypeObj {
        if self.text {
            &STRINGIO_TYPE
        } else {
            &BYTESIO_TYPE
        }
    }
    fn trace(&self, _f: &mut dyn FnMut(Obj)) {}
    fn heap_bytes(&self) -> usize {
        core::mem::size_of::<MemIO>() + self.buf.capacity()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

fn make(vm: &mut Vm, args: &[Obj], text: bool) -> PyResult<Obj> {
    let mut buf = Vec::new();
    if let Some(&init) = args.first() {
        if init != Obj::NONE && !init.is_small_int() {
            match get_buffer(vm, init) {
                Some(b) => buf = b,
                None => return Err(vm.type_error("object with buffer protocol required")),
            }
        }
    }
    vm.make_room(buf.len())?;
    vm.alloc(ObjData::Native(Box::new(MemIO { buf, pos: 0, text, closed: false })))
}

fn stringio_new(vm: &mut Vm, _c: Obj, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    make(vm, args, true)
}

fn bytesio_new(vm: &mut Vm, _c: Obj, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    make(vm, args, false)
}

/// The open stream behind `o` (a copy of its flags), or the right error.
fn check(vm: &mut Vm, o: Obj) -> PyResult<bool> {
    match native_ref::<MemIO>(vm, o).map(|m| (m.closed, m.text)) {
        Some((false, text)) => Ok(text),
        Some((true, _)) => Err(vm.value_error("I/O operation on closed file")),
        None => Err(vm.type_error("expected a StringIO/BytesIO")),
    }
}

fn result(vm: &mut Vm, text: bool, data: &[u8]) -> PyResult<Obj> {
    if text {
        let s = String::from_utf8_lossy(data).into_owned();
        vm.new_str(&s)
    } else {
        vm.new_bytes(data)
    }
}

/// Takes up to `n` units (chars for text, bytes otherwise; all if None)
/// from the position.
fn take(vm: &mut Vm, o: Obj, n: Option<usize>) -> Vec<u8> {
    let Some(m) = native_mut::<MemIO>(vm, o) else { return Vec::new() };
    let start = m.pos.min(m.buf.len());
    let rest = &m.buf[start..];
    let len = match n {
        None => rest.len(),
        Some(n) if m.text => {
            let s = String::from_utf8_lossy(rest);
            match s.char_indices().nth(n) {
                Some((i, _)) => i.min(rest.len()),
                None => rest.len(),
            }
        }
        Some(n) => n.min(rest.len()),
    };
    let out = rest[..len].to_vec();
    m.pos = start + len;
    out
}

/// The optional size argument of `read`/`readline`: None when absent,
/// `None` or negative (read everything), else the count.
fn size_arg(vm: &mut Vm, o: Option<Obj>) -> PyResult<Option<usize>> {
    match o {
        Some(o) if o != Obj::NONE => {
            let v = super::args::int_arg(vm, o)?;
            Ok(if v < 0 { None } else { Some(v as usize) })
        }
        _ => Ok(None),
    }
}

fn read(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let text = check(vm, a[0])?;
    let n = size_arg(vm, a.get(1).copied())?;
    let d = take(vm, a[0], n);
    result(vm, text, &d)
}

fn line_bytes(vm: &mut Vm, o: Obj, limit: Option<usize>) -> Vec<u8> {
    let Some(m) = native_mut::<MemIO>(vm, o) else { return Vec::new() };
    let start = m.pos.min(m.buf.len());
    let rest = &m.buf[start..];
    let mut len = match rest.iter().position(|&b| b == b'\n') {
        Some(i) => i + 1,
        None => rest.len(),
    };
    if let Some(l) = limit {
        len = len.min(l);
    }
    let out = rest[..len].to_vec();
    m.pos = start + len;
    out
}

fn readline(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let text = check(vm, a[0])?;
    let limit = size_arg(vm, a.get(1).copied())?;
    let d = line_bytes(vm, a[0], limit);
    result(vm, text, &d)
}

fn write(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let text = check(vm, a[0])?;
    let Some(data) = get_buffer(vm, a[1]) else {
        return Err(vm.type_error("object with buffer protocol required"));
    };
    let (pos, cap, len) = match native_ref::<MemIO>(vm, a[0]) {
        Some(m) => (m.pos, m.buf.capacity(), m.buf.len()),
        None => return Ok(Obj::NONE),
    };
    let Some(end) = pos.checked_add(data.len()) else { return Err(vm.memory_error()) };
    let grow = end.saturating_sub(cap.max(len));
    if grow > 0 {
        vm.make_room(grow)?;
    }
    let mut charged = 0;
    if let Some(m) = native_mut::<MemIO>(vm, a[0]) {
        if m.buf.len() < end {
            m.buf.resize(end, 0);
        }
        m.buf[pos..end].copy_from_slice(&data);
        m.pos = end;
        charged = m.buf.capacity().saturating_sub(cap);
    }
    vm.charge(charged);
    let n = if text { String::from_utf8_lossy(&data).chars().count() } else { data.len() };
    vm.new_int(n as i64)
}

fn getvalue(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let text = check(vm, a[0])?;
    let d = native_ref::<MemIO>(vm, a[0]).map(|m| m.buf.clone()).unwrap_or_default();
    result(vm, text, &d)
}

fn seek(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    check(vm, a[0])?;
    let off = super::args::int_arg(vm, a[1])?;
    let whence = match a.get(2) {
        Some(&o) => super::args::int_arg(vm, o)?,
        None => 0,
    };
    let (pos, len) = native_ref::<MemIO>(vm, a[0]).map(|m| (m.pos, m.buf.len())).unwrap_or((0, 0));
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
    if let Some(m) = native_mut::<MemIO>(vm, a[0]) {
        m.pos = new as usize;
    }
    vm.new_int(new)
}

fn tell(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    check(vm, a[0])?;
    let pos = native_ref::<MemIO>(vm, a[0]).map(|m| m.pos).unwrap_or(0);
    vm.new_int(pos as i64)
}

fn close(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    if let Some(m) = native_mut::<MemIO>(vm, a[0]) {
        m.closed = true;
        m.buf = Vec::new();
    }
    Ok(Obj::NONE)
}

fn flush(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    check(vm, a[0])?;
    Ok(Obj::NONE)
}

fn enter(_vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    Ok(a[0])
}

fn exit(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    close(vm, &a[..1], &[])
}

fn iternext(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    let text = check(vm, o)?;
    let d = line_bytes(vm, o, None);
    if d.is_empty() {
        return Ok(Obj::STOP_ITERATION);
    }
    result(vm, text, &d)
}

fn print(vm: &mut Vm, o: Obj, out: &mut String, _kind: PrintKind) -> PyResult<()> {
    let text = native_ref::<MemIO>(vm, o).map(|m| m.text).unwrap_or(true);
    let name = if text { "StringIO" } else { "BytesIO" };
    out.push_str(&alloc::format!("<io.{} 0x{:x}>", name, o.raw()));
    Ok(())
}

static READ: BuiltinFun = BuiltinFun::new(q::read, 1, 2, read);
static READLINE: BuiltinFun = BuiltinFun::new(q::readline, 1, 2, readline);
static WRITE: BuiltinFun = BuiltinFun::new(q::write, 2, 2, write);
static GETVALUE: BuiltinFun = BuiltinFun::new(q::getvalue, 1, 1, getvalue);
static SEEK: BuiltinFun = BuiltinFun::new(q::seek, 2, 3, seek);
static TELL: BuiltinFun = BuiltinFun::new(q::tell, 1, 1, tell);
static CLOSE: BuiltinFun = BuiltinFun::new(q::close, 1, 1, close);
static FLUSH: BuiltinFun = BuiltinFun::new(q::flush, 1, 1, flush);
static ENTER: BuiltinFun = BuiltinFun::new(q::__enter__, 1, 1, enter);
static EXIT: BuiltinFun = BuiltinFun::new(q::__exit__, 1, 4, exit);

static MEMIO_LOCALS: [(Qstr, Rom); 11] = [
    (q::__enter__, Rom::Fun(&ENTER)),
    (q::__exit__, Rom::Fun(&EXIT)),
    (q::__next__, Rom::Fun(&crate::types::iterators::NEXT_METH)),
    (q::close, Rom::Fun(&CLOSE)),
    (q::flush, Rom::Fun(&FLUSH)),
    (q::getvalue, Rom::Fun(&GETVALUE)),
    (q::read, Rom::Fun(&READ)),
    (q::readline, Rom::Fun(&READLINE)),
    (q::seek, Rom::Fun(&SEEK)),
    (q::tell, Rom::Fun(&TELL)),
    (q::write, Rom::Fun(&WRITE)),
];

/// `io.StringIO`.
pub static STRINGIO_TYPE: TypeObj = TypeObj {
    name: q::StringIO,
    flags: flags::ITER_IS_SELF,
    make_new: Some(stringio_new),
    print: Some(print),
    iternext: Some(iternext),
    locals: &MEMIO_LOCALS,
    ..TypeObj::EMPTY
};

/// `io.BytesIO`.
pub static BYTESIO_TYPE: TypeObj = TypeObj {
    name: q::BytesIO,
    flags: flags::ITER_IS_SELF,
    make_new: Some(bytesio_new),
    print: Some(print),
    iternext: Some(iternext),
    locals: &MEMIO_LOCALS,
    ..TypeObj::EMPTY
};

/// `io.IOBase`: the base class of streams written in Python (e.g. the
/// files of a user-defined filesystem); it adds no behaviour.
pub static IOBASE_TYPE: TypeObj = TypeObj { name: q::IOBase, flags: flags::BASETYPE, ..TypeObj::EMPTY };

static OPEN: BuiltinFun = BuiltinFun::new_kw(q::open, 1, super::builtins_io::b_open);

static LOCALS: [(Qstr, Rom); 8] = [
    (q::__name__, Rom::Str(q::io)),
    (q::BytesIO, Rom::Type(&BYTESIO_TYPE)),
    (q::IOBase, Rom::Type(&IOBASE_TYPE)),
    (q::SEEK_CUR, Rom::Int(1)),
    (q::SEEK_END, Rom::Int(2)),
    (q::SEEK_SET, Rom::Int(0)),
    (q::StringIO, Rom::Type(&STRINGIO_TYPE)),
    (q::open, Rom::Fun(&OPEN)),
];

/// The `io` module.
pub static IO_MODULE: ModuleDef = ModuleDef { name: q::io, locals: &LOCALS, init: None };
