//! `sys.stdin`, `sys.stdout`, `sys.stderr`: text streams on the HAL's
//! console (MicroPython's `io.TextIOWrapper`).

use crate::obj::Obj;
use crate::objdata::{NativeObj, ObjData};
use crate::qstr::{q, Qstr};
use crate::state::Vm;
use crate::typ::{BuiltinFun, PrintKind, Rom, TypeObj};
use crate::PyResult;
use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::any::Any;

/// A console stream: file descriptor 0, 1 or 2.
pub struct ConsoleStream {
    /// 0 = stdin, 1 = stdout, 2 = stderr.
    pub fd: u8,
}

impl NativeObj for ConsoleStream {
    fn type_obj(&self) -> &'static TypeObj {
        &TEXTIO_TYPE
    }
    fn trace(&self, _f: &mut dyn FnMut(Obj)) {}
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// Makes the stream object for `fd`.
pub fn new(vm: &mut Vm, fd: u8) -> PyResult<Obj> {
    vm.alloc(ObjData::Native(Box::new(ConsoleStream { fd })))
}

fn fd_of(vm: &Vm, o: Obj) -> u8 {
    match vm.get(o) {
        Some(ObjData::Native(n)) => n.as_any().downcast_ref::<ConsoleStream>().map_or(1, |s| s.fd),
        _ => 1,
    }
}

fn print(vm: &mut Vm, o: Obj, out: &mut String, _k: PrintKind) -> PyResult<()> {
    out.push_str(&format!("<io.TextIOWrapper {}>", fd_of(vm, o)));
    Ok(())
}

/// `write(s)`: writes str or bytes, returns the length written.
fn write(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let fd = fd_of(vm, a[0]);
    let data: Vec<u8> = if let Some(s) = vm.str_of(a[1]) {
        s.as_bytes().to_vec()
    } else {
        match vm.get(a[1]) {
            Some(ObjData::Bytes(b)) => b.to_vec(),
            Some(ObjData::ByteArray(b)) => b.clone(),
            _ => {
                let msg = format!("object with buffer protocol required, not '{}'", vm.type_name(a[1]));
                return Err(vm.type_error(&msg));
            }
        }
    };
    if fd == 2 {
        vm.hal.stderr_write(&data);
    } else {
        vm.hal.stdout_write(&data);
    }
    let n = vm.str_of(a[1]).map_or(data.len(), |s| s.chars().count());
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

/// `readline()`.
fn readline(vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let line = read_line(vm);
    let s = String::from_utf8_lossy(&line).into_owned();
    vm.new_str(&s)
}

/// `read([n])`: n characters, or everything to end of input.
fn read(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let limit = a.get(1).and_then(|o| o.as_small_int()).filter(|&n| n >= 0);
    let mut data = Vec::new();
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
        data.extend_from_slice(&buf[..got]);
    }
    let s = String::from_utf8_lossy(&data).into_owned();
    vm.new_str(&s)
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
