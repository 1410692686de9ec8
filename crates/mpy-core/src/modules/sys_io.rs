//! `sys.stdin`, `sys.stdout`, `sys.stderr`: text streams on the HAL's
//! console (MicroPython's `io.TextIOWrapper`). They are static objects:
//! reaching them allocates nothing.

use super::args::{buffer_of, char_count, new_str_lossy, type_name};
use crate::heap::GcVec;
use crate::obj::{Obj, ObjBase};
use crate::qstr::{q, Qstr};
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{BuiltinFun, PrintKind, Rom, TypeObj};
use crate::PyResult;

/// A console stream: file descriptor 0, 1 or 2 (a static object).
#[repr(C)]
pub struct ConsoleStream {
    /// Header ([`TEXTIO_TYPE`]).
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

/// The stream object for `fd` (0, 1, else 2).
pub fn stream(fd: usize) -> Obj {
    Obj::from_static(match fd {
        0 => &STDIN.base,
        1 => &STDOUT.base,
        _ => &STDERR.base,
    })
}

fn fd_of(vm: &Vm, o: Obj) -> usize {
    vm.heap.get::<ConsoleStream>(o).map_or(1, |s| s.fd)
}

fn print(vm: &mut Vm, o: Obj, out: &mut Out, _k: PrintKind) -> PyResult<()> {
    let fd = fd_of(vm, o);
    out.fmt(vm, format_args!("<io.TextIOWrapper {fd}>"))
}

/// `write(s)`: writes str or bytes, returns the length written (characters
/// for a str).
///
/// Errors: `TypeError: object with buffer protocol required, not 'int'`.
fn write(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let fd = fd_of(vm, a[0]);
    let Some(data) = buffer_of(&vm.qstrs, &vm.heap, a[1]) else {
        let t = type_name(vm, a[1]);
        return Err(vm.type_error_fmt(format_args!("object with buffer protocol required, not '{t}'")));
    };
    let n = if vm.str_pinned(a[1]).is_some() { char_count(data) } else { data.len() };
    if fd == 2 {
        vm.hal.stderr_write(data);
    } else {
        vm.hal.stdout_write(data);
    }
    Ok(Obj::small_int(n as isize))
}

/// Reads one line (with its newline) from the console into a new heap
/// buffer (empty at end of input).
///
/// Errors: `MemoryError`.
pub fn read_line(vm: &mut Vm) -> PyResult<GcVec<u8>> {
    let mut line: GcVec<u8> = GcVec::new();
    let mut b = [0u8; 1];
    while vm.hal.stdin_read(&mut b) == 1 {
        vm.vec_push_local(&mut line, b[0])?;
        if b[0] == b'\n' {
            break;
        }
    }
    Ok(line)
}

/// `readline()`.
fn readline(vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let line = read_line(vm)?;
    let r = new_str_lossy(vm, line.as_slice());
    vm.heap.free_vec(line);
    r
}

/// `read([n])`: n bytes, or everything to end of input, as text.
fn read(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let limit = a.get(1).and_then(|o| o.as_small_int()).filter(|&n| n >= 0);
    let mut data: GcVec<u8> = GcVec::new();
    let mut buf = [0u8; 512];
    loop {
        let want = match limit {
            Some(n) => (n as usize).saturating_sub(data.len()).min(buf.len()),
            None => buf.len(),
        };
        if want == 0 {
            break;
        }
        let got = vm.hal.stdin_read(&mut buf[..want]);
        if got == 0 {
            break;
        }
        vm.vec_extend_local(&mut data, &buf[..got.min(want)])?;
    }
    let r = new_str_lossy(vm, data.as_slice());
    vm.heap.free_vec(data);
    r
}

fn flush(_vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    Ok(Obj::NONE)
}

static WRITE: BuiltinFun = BuiltinFun::new(q::write, 2, 2, write);
static READ: BuiltinFun = BuiltinFun::new(q::read, 1, 2, read);
static READLINE: BuiltinFun = BuiltinFun::new(q::readline, 1, 2, readline);
static FLUSH: BuiltinFun = BuiltinFun::new(q::flush, 1, 1, flush);

static LOCALS: [(Qstr, Rom); 4] = [
    (q::write, Rom::Fun(&WRITE)),
    (q::read, Rom::Fun(&READ)),
    (q::readline, Rom::Fun(&READLINE)),
    (q::flush, Rom::Fun(&FLUSH)),
];

/// The console stream type.
pub static TEXTIO_TYPE: TypeObj = TypeObj { name: q::TextIOWrapper, print: Some(print), locals: &LOCALS, ..TypeObj::EMPTY };
