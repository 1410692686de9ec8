//! `sys.stdin`, `sys.stdout`, `sys.stderr`: text streams on the HAL's
//! console (MicroPython's `io.TextIOWrapper`), and their `.buffer`
//! binary streams (`io.FileIO`), which host tools use to move raw bytes
//! (`mpremote mount`): `sys.stdout.buffer.write(buf[, n])` writes bytes
//! untranslated ([`crate::hal::Hal::stdout_write_raw`]),
//! `sys.stdin.buffer.readinto(buf[, n])` reads what is available (at
//! least one byte, blocking; 0 at end of input). All six are static
//! objects: reaching them allocates nothing.

use crate::typ::Entry;
use super::args::{buffer_mut_of, buffer_of, char_count, size_arg, type_name};
use crate::heap::GcVec;
use crate::obj::{Obj, ObjBase};
use crate::qstr::{q, Qstr};
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{BuiltinFun, PrintKind, Rom, TypeObj};
use crate::types::exception::KEYBOARD_INTERRUPT_TYPE;
use crate::PyResult;

/// A console stream: file descriptor 0, 1 or 2 (a static object), text
/// ([`TEXTIO_TYPE`]) or binary ([`FILEIO_TYPE`]).
#[repr(C)]
pub struct ConsoleStream {
    /// Header ([`TEXTIO_TYPE`] or [`FILEIO_TYPE`]).
    pub base: ObjBase,
    /// 0 = stdin, 1 = stdout, 2 = stderr.
    pub fd: usize,
}

/// `sys.stdin`.
pub static STDIN: ConsoleStream = ConsoleStream { base: ObjBase::new(&TEXTIO_TYPE), fd: 0 };
/// `sys.stdout`.
pub static STDOUT: ConsoleStream = ConsoleStream { base: ObjBase::new(&TEXTIO_TYPE), fd: 1 };
/// `sys.stderr`.
pub static STDERR: ConsoleStream = ConsoleStream { base: ObjBase::new(&TEXTIO_TYPE), fd: 2 };
/// `sys.stdin.buffer`.
pub static STDIN_BUFFER: ConsoleStream = ConsoleStream { base: ObjBase::new(&FILEIO_TYPE), fd: 0 };
/// `sys.stdout.buffer`.
pub static STDOUT_BUFFER: ConsoleStream = ConsoleStream { base: ObjBase::new(&FILEIO_TYPE), fd: 1 };
/// `sys.stderr.buffer`.
pub static STDERR_BUFFER: ConsoleStream = ConsoleStream { base: ObjBase::new(&FILEIO_TYPE), fd: 2 };

/// The text stream object for `fd` (0, 1, else 2).
pub fn stream(fd: usize) -> Obj {
    Obj::from_static(match fd {
        0 => &STDIN.base,
        1 => &STDOUT.base,
        _ => &STDERR.base,
    })
}

/// The binary stream object for `fd` (0, 1, else 2).
fn buffer_stream(fd: usize) -> Obj {
    Obj::from_static(match fd {
        0 => &STDIN_BUFFER.base,
        1 => &STDOUT_BUFFER.base,
        _ => &STDERR_BUFFER.base,
    })
}

/// `(fd, binary)` of console stream `o` (stdout for anything else).
fn stream_of(vm: &Vm, o: Obj) -> (usize, bool) {
    vm.heap.get::<ConsoleStream>(o).map_or((1, false), |s| (s.fd, core::ptr::eq(s.base.ty, &FILEIO_TYPE)))
}

/// The file descriptor of a console stream object (text or binary), if
/// `o` is one: `select.poll` uses it to wait on standard input.
pub fn console_fd(vm: &Vm, o: Obj) -> Option<usize> {
    vm.heap.get::<ConsoleStream>(o).map(|s| s.fd)
}

fn print(vm: &mut Vm, o: Obj, out: &mut Out, _k: PrintKind) -> PyResult<()> {
    let (fd, binary) = stream_of(vm, o);
    super::builtins_io::print_stream(vm, out, binary, Some(fd))
}

/// `.buffer` of a text stream: the binary stream on the same fd.
fn attr(vm: &mut Vm, o: Obj, name: Qstr, store: Option<Obj>) -> PyResult<Obj> {
    let (fd, binary) = stream_of(vm, o);
    if name != q::buffer || store.is_some() || binary {
        return Ok(Obj::NULL);
    }
    Ok(buffer_stream(fd))
}

/// Optional size argument `a[i]`: None when absent, None or negative.
fn write(vm: &mut Vm, a0: Obj, a1: Obj, a2: Obj) -> PyResult<Obj> {
    let (fd, binary) = stream_of(vm, a0);
    let limit = size_arg(vm, a2)?;
    let is_str = vm.str_pinned(a1).is_some();
    let data = match buffer_of(&vm.qstrs, &vm.heap, a1) {
        Some(d) if !(binary && is_str) => d,
        _ => {
            let t = type_name(vm, a1);
            return Err(vm.type_error_fmt(crate::runtime::exc::msg::BUFFER_NOT, &[t.into()]));
        }
    };
    let data = match limit {
        Some(n) if n < data.len() => &data[..n],
        _ => data,
    };
    let n = if is_str && !binary { char_count(data) } else { data.len() };
    match (fd, binary) {
        (2, _) => vm.hal.stderr_write(data),
        (_, true) => vm.hal.stdout_write_raw(data),
        (_, false) => vm.hal.stdout_write(data),
    }
    Ok(Obj::small_int(n as isize))
}

/// After a read that returned nothing: a Ctrl-C that woke the read up is
/// raised as `KeyboardInterrupt`.
///
/// Errors: `KeyboardInterrupt`.
pub fn check_interrupt(vm: &mut Vm) -> PyResult<()> {
    if vm.hal.take_interrupt() {
        return Err(vm.error_noargs(&KEYBOARD_INTERRUPT_TYPE));
    }
    Ok(())
}

/// The result of a read: bytes for a binary stream, else text.
fn make(vm: &mut Vm, binary: bool, data: &[u8]) -> PyResult<Obj> {
    super::args::new_text_or_bytes(vm, !binary, data)
}

/// `readline()`: one line, with its newline (empty at end of input).
///
/// Errors: `KeyboardInterrupt` when Ctrl-C ended the read; `MemoryError`.
fn readline(vm: &mut Vm, a0: Obj, _a1: Obj, _a2: Obj) -> PyResult<Obj> {
    read_some(vm, a0, None, true)
}

/// `read([n])`: n bytes, or everything to end of input (text or bytes).
///
/// Errors: `KeyboardInterrupt` when Ctrl-C ended the read; `MemoryError`.
fn read(vm: &mut Vm, a0: Obj, a1: Obj, _a2: Obj) -> PyResult<Obj> {
    let limit = size_arg(vm, a1)?;
    read_some(vm, a0, limit, false)
}

/// Reads up to `limit` bytes (None: to end of input), or (`line`) up to
/// and including a newline, byte by byte, from console stream `o`.
///
/// Errors: `KeyboardInterrupt` when Ctrl-C ended the read; `MemoryError`.
fn read_some(vm: &mut Vm, o: Obj, limit: Option<usize>, line: bool) -> PyResult<Obj> {
    let (_, binary) = stream_of(vm, o);
    let mut data: GcVec<u8> = GcVec::new();
    let mut buf = [0u8; 512];
    let r = loop {
        let want = match limit {
            Some(n) => n.saturating_sub(data.len()).min(buf.len()),
            None if line => 1,
            None => buf.len(),
        };
        if want == 0 {
            break Ok(());
        }
        let got = vm.hal.stdin_read(&mut buf[..want]);
        if got == 0 {
            break check_interrupt(vm);
        }
        if let Err(e) = vm.vec_extend_local(&mut data, &buf[..got.min(want)]) {
            break Err(e);
        }
        if line && buf[0] == b'\n' {
            break Ok(());
        }
    };
    let r = r.and_then(|()| make(vm, binary, data.as_slice()));
    vm.heap.free_vec(data);
    r
}

/// `readinto(buf[, n])`: reads what is available (blocking for the first
/// byte) into `buf`, at most `n` bytes; returns the count (0 at end of
/// input).
///
/// Errors: `TypeError` without a writable buffer; `KeyboardInterrupt`
/// when Ctrl-C ended the read.
fn readinto(vm: &mut Vm, _a0: Obj, a1: Obj, a2: Obj) -> PyResult<Obj> {
    let limit = size_arg(vm, a2)?;
    let Some(buf) = buffer_mut_of(&mut vm.heap, a1) else {
        return Err(super::args::buffer_error(vm));
    };
    let want = limit.map_or(buf.len(), |n| n.min(buf.len()));
    if want == 0 {
        return Ok(Obj::small_int(0));
    }
    let got = vm.hal.stdin_read(&mut buf[..want]);
    if got == 0 {
        check_interrupt(vm)?;
    }
    Ok(Obj::small_int(got.min(want) as isize))
}

fn flush(_vm: &mut Vm, _: Obj) -> PyResult<Obj> {
    Ok(Obj::NONE)
}

static WRITE: BuiltinFun = BuiltinFun::new_opt(q::write, 2, 3, write);
static READ: BuiltinFun = BuiltinFun::new_opt(q::read, 1, 2, read);
static READINTO: BuiltinFun = BuiltinFun::new_opt(q::readinto, 2, 3, readinto);
static READLINE: BuiltinFun = BuiltinFun::new_opt(q::readline, 1, 2, readline);
static FLUSH: BuiltinFun = BuiltinFun::new1(q::flush, flush);

static LOCALS: [Entry; 4] = [
    Entry::new(q::write, Rom::Fun(&WRITE)),
    Entry::new(q::read, Rom::Fun(&READ)),
    Entry::new(q::readline, Rom::Fun(&READLINE)),
    Entry::new(q::flush, Rom::Fun(&FLUSH)),
];

static BINARY_LOCALS: [Entry; 5] = [
    Entry::new(q::write, Rom::Fun(&WRITE)),
    Entry::new(q::read, Rom::Fun(&READ)),
    Entry::new(q::readinto, Rom::Fun(&READINTO)),
    Entry::new(q::readline, Rom::Fun(&READLINE)),
    Entry::new(q::flush, Rom::Fun(&FLUSH)),
];

/// The console text stream type.
pub static TEXTIO_TYPE: TypeObj =
    TypeObj { name: q::TextIOWrapper.tn(), print: Some(print), locals: crate::typ::Locals::of(&LOCALS), ext: &crate::typ::TypeExt { attr: Some(attr), ..crate::typ::TypeExt::NONE }, ..TypeObj::EMPTY };

/// The console binary stream type (`sys.stdin.buffer`, ...).
pub static FILEIO_TYPE: TypeObj =
    TypeObj { name: q::FileIO.tn(), print: Some(print), locals: crate::typ::Locals::of(&BINARY_LOCALS), ..TypeObj::EMPTY };
