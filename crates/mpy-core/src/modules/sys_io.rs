//! `sys.stdin`, `sys.stdout`, `sys.stderr`: text streams on the HAL's
//! console (MicroPython's `io.TextIOWrapper`), and their `.buffer`
//! binary streams (`io.FileIO`), which host tools use to move raw bytes
//! (`mpremote mount`): `sys.stdout.buffer.write(buf[, n])` writes bytes
//! untranslated ([`crate::hal::Hal::stdout_write_raw`]),
//! `sys.stdin.buffer.readinto(buf[, n])` reads what is available (at
//! least one byte, blocking; 0 at end of input).

use crate::obj::Obj;
use crate::objdata::{NativeObj, ObjData};
use crate::qstr::{q, Qstr};
use crate::state::Vm;
use crate::typ::{BuiltinFun, PrintKind, Rom, TypeObj};
use crate::types::iterators::native_ref;
use crate::types::strutil::with_buffer;
use crate::PyResult;
use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::any::Any;

/// A console stream: file descriptor 0, 1 or 2, text or binary.
pub struct ConsoleStream {
    /// 0 = stdin, 1 = stdout, 2 = stderr.
    pub fd: u8,
    /// True for the `.buffer` streams (bytes in and out, untranslated).
    pub binary: bool,
}

impl NativeObj for ConsoleStream {
    fn type_obj(&self) -> &'static TypeObj {
        if self.binary {
            &FILEIO_TYPE
        } else {
            &TEXTIO_TYPE
        }
    }
    fn trace(&self, _f: &mut dyn FnMut(Obj)) {}
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// Makes the text stream object for `fd`.
pub fn new(vm: &mut Vm, fd: u8) -> PyResult<Obj> {
    vm.alloc(ObjData::Native(Box::new(ConsoleStream { fd, binary: false })))
}

fn stream(vm: &Vm, o: Obj) -> (u8, bool) {
    native_ref::<ConsoleStream>(vm, o).map_or((1, false), |s| (s.fd, s.binary))
}

/// The file descriptor of a console stream object (text or binary), if
/// `o` is one: `select.poll` uses it to wait on standard input.
pub fn console_fd(vm: &Vm, o: Obj) -> Option<u8> {
    native_ref::<ConsoleStream>(vm, o).map(|s| s.fd)
}

fn print(vm: &mut Vm, o: Obj, out: &mut String, _k: PrintKind) -> PyResult<()> {
    let (fd, binary) = stream(vm, o);
    let name = if binary { "FileIO" } else { "TextIOWrapper" };
    out.push_str(&format!("<io.{name} {fd}>"));
    Ok(())
}

/// `.buffer` of a text stream: the binary stream on the same fd.
fn attr(vm: &mut Vm, o: Obj, name: Qstr, store: Option<Obj>) -> PyResult<Obj> {
    let (fd, binary) = stream(vm, o);
    if name != q::buffer || store.is_some() || binary {
        return Ok(Obj::NULL);
    }
    vm.alloc(ObjData::Native(Box::new(ConsoleStream { fd, binary: true })))
}

fn out(vm: &mut Vm, fd: u8, binary: bool, data: &[u8]) {
    match (fd, binary) {
        (2, _) => vm.hal.stderr_write(data),
        (_, true) => vm.hal.stdout_write_raw(data),
        (_, false) => vm.hal.stdout_write(data),
    }
}

/// Optional size argument `a[i]`: None when absent, None or negative.
fn size_arg(vm: &mut Vm, a: &[Obj], i: usize) -> PyResult<Option<usize>> {
    match a.get(i) {
        None => Ok(None),
        Some(&o) if o == Obj::NONE => Ok(None),
        Some(&o) => {
            let n = super::args::int_arg(vm, o)?;
            Ok(usize::try_from(n).ok())
        }
    }
}

/// `write(s)` (text: str or bytes) / `write(buf[, n])` (binary): returns
/// the length written.
fn write(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let (fd, binary) = stream(vm, a[0]);
    let data: Vec<u8> = match with_buffer(vm, a[1], |b| b.to_vec()) {
        Some(d) if !binary || vm.str_of(a[1]).is_none() => d,
        _ => {
            let msg = format!("object with buffer protocol required, not '{}'", vm.type_name(a[1]));
            return Err(vm.type_error(&msg));
        }
    };
    let data = match size_arg(vm, a, 2)? {
        Some(n) if n < data.len() => data[..n].to_vec(),
        _ => data,
    };
    out(vm, fd, binary, &data);
    let n = if binary { data.len() } else { vm.str_of(a[1]).map_or(data.len(), |s| s.chars().count()) };
    Ok(Obj::small_int(n as isize))
}

/// Reads one line (with its newline) from the console.
pub fn read_line(vm: &mut Vm) -> Vec<u8> {
    let mut line = Vec::new();
    let mut b = [0u8; 1];
    while vm.hal.stdin_read(&mut b) == 1 {
        line.push(b[0]);
        if b[0] == b'\n' {
            break;
        }
    }
    line
}

/// After a read that returned nothing: a Ctrl-C that woke the read up is
/// raised as `KeyboardInterrupt`.
fn check_interrupt(vm: &mut Vm) -> PyResult<()> {
    if vm.hal.take_interrupt() {
        return Err(vm.error_noargs(&crate::types::exception::KEYBOARD_INTERRUPT_TYPE));
    }
    Ok(())
}

fn make(vm: &mut Vm, binary: bool, data: &[u8]) -> PyResult<Obj> {
    if binary {
        vm.new_bytes(data)
    } else {
        let s = String::from_utf8_lossy(data).into_owned();
        vm.new_str(&s)
    }
}

/// `readline()`.
fn readline(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let (_, binary) = stream(vm, a[0]);
    let line = read_line(vm);
    if !line.ends_with(b"\n") {
        check_interrupt(vm)?;
    }
    make(vm, binary, &line)
}

/// `read([n])`: n characters (bytes when binary), or everything to end of
/// input.
fn read(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let (_, binary) = stream(vm, a[0]);
    let limit = size_arg(vm, a, 1)?;
    let mut data = Vec::new();
    let mut buf = [0u8; 512];
    loop {
        let want = match limit {
            Some(n) => n.saturating_sub(data.len()).min(buf.len()),
            None => buf.len(),
        };
        if want == 0 {
            break;
        }
        let got = vm.hal.stdin_read(&mut buf[..want]);
        if got == 0 {
            check_interrupt(vm)?;
            break;
        }
        data.extend_from_slice(&buf[..got]);
    }
    make(vm, binary, &data)
}

/// `readinto(buf[, n])`: reads what is available (blocking for the first
/// byte) into `buf`, at most `n` bytes; returns the count (0 at end of
/// input).
fn readinto(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let Some(cap) = with_buffer(vm, a[1], |b| b.len()) else {
        return Err(vm.type_error("object with buffer protocol required"));
    };
    let want = size_arg(vm, a, 2)?.map_or(cap, |n| n.min(cap));
    if want == 0 {
        return Ok(Obj::small_int(0));
    }
    let mut tmp = alloc::vec![0u8; want];
    let got = vm.hal.stdin_read(&mut tmp);
    if got == 0 {
        check_interrupt(vm)?;
    }
    match crate::types::memoryview::buffer_write(vm, a[1], 0, &tmp[..got]) {
        Some(n) => Ok(Obj::small_int(n as isize)),
        None => Err(vm.type_error("object with buffer protocol required")),
    }
}

fn flush(_vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    Ok(Obj::NONE)
}

static WRITE: BuiltinFun = BuiltinFun::new(q::write, 2, 3, write);
static READ: BuiltinFun = BuiltinFun::new(q::read, 1, 2, read);
static READINTO: BuiltinFun = BuiltinFun::new(q::readinto, 2, 3, readinto);
static READLINE: BuiltinFun = BuiltinFun::new(q::readline, 1, 2, readline);
static FLUSH: BuiltinFun = BuiltinFun::new(q::flush, 1, 1, flush);

static LOCALS: [(Qstr, Rom); 4] = [
    (q::write, Rom::Fun(&WRITE)),
    (q::read, Rom::Fun(&READ)),
    (q::readline, Rom::Fun(&READLINE)),
    (q::flush, Rom::Fun(&FLUSH)),
];

static BINARY_LOCALS: [(Qstr, Rom); 5] = [
    (q::write, Rom::Fun(&WRITE)),
    (q::read, Rom::Fun(&READ)),
    (q::readinto, Rom::Fun(&READINTO)),
    (q::readline, Rom::Fun(&READLINE)),
    (q::flush, Rom::Fun(&FLUSH)),
];

/// The console text stream type.
pub static TEXTIO_TYPE: TypeObj =
    TypeObj { name: q::TextIOWrapper, print: Some(print), attr: Some(attr), locals: &LOCALS, ..TypeObj::EMPTY };

/// The console binary stream type (`sys.stdin.buffer`, ...).
pub static FILEIO_TYPE: TypeObj =
    TypeObj { name: q::FileIO, print: Some(print), locals: &BINARY_LOCALS, ..TypeObj::EMPTY };
