//! I/O builtins: `print`, `input`, `open` and the file objects `open`
//! returns.
//!
//! `print(*args, sep=' ', end='\n', file=None)` builds the whole text and
//! writes it in one `Hal::stdout_write` call (or one `file.write(text)`
//! call); `sep`/`end` must be strs, as in MicroPython. `input(prompt)`
//! reads a line through `Hal::stdin_read` (`EOFError` at end of input).
//! `open(path, mode='r')` goes through the `Hal` file methods; files are
//! `TextIOWrapper` (text) or `FileIO` (binary) objects with `read`,
//! `readline`, `readlines`, `write`, `flush`, `close`, iteration and the
//! context-manager protocol. Errors: `OSError(errno)` from the port (e.g.
//! errno 2, printed `[Errno 2] ENOENT`), `ValueError: I/O operation on
//! closed file`.

use crate::obj::Obj;
use crate::objdata::ObjData;
use crate::qstr::{q, Qstr};
use crate::state::Vm;
use crate::typ::{flags, BuiltinFun, PrintKind, Rom, TypeObj};
use crate::types::exception as e;
use crate::types::iterators::{native_mut, native_ref};
use crate::types::seq::{kw_check, kw_get};
use crate::objdata::NativeObj;
use crate::PyResult;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::any::Any;

fn str_kw(vm: &mut Vm, kw: &[Obj], name: &str, default: &str) -> PyResult<String> {
    match kw_get(vm, kw, name) {
        None => Ok(String::from(default)),
        Some(o) => match vm.str_of(o) {
            Some(s) => Ok(String::from(s)),
            None => {
                let msg = alloc::format!("can't convert '{}' object to str implicitly", vm.type_name(o));
                Err(vm.type_error(&msg))
            }
        },
    }
}

/// `print(*args, sep=' ', end='\n', file=None)`.
pub fn b_print(vm: &mut Vm, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    kw_check(vm, kw, &["sep", "end", "file"])?;
    let sep = str_kw(vm, kw, "sep", " ")?;
    let end = str_kw(vm, kw, "end", "\n")?;
    let file = kw_get(vm, kw, "file").filter(|&f| f != Obj::NONE);
    let mut out = String::new();
    for (i, &a) in args.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        vm.print_obj(a, &mut out, PrintKind::Str)?;
    }
    out.push_str(&end);
    match file {
        None => vm.write_stdout(&out),
        Some(f) => {
            if native_ref::<FileObj>(vm, f).is_some() {
                file_write_bytes(vm, f, out.as_bytes())?;
            } else {
                let s = vm.new_str(&out)?;
                let w = vm.load_attr(f, q::write)?;
                vm.call(w, &[s], &[])?;
            }
        }
    }
    Ok(Obj::NONE)
}

/// `input(prompt='')`: reads one line from standard input, without its
/// newline.
///
/// Uses the port's line editor when it has one ([`crate::hal::Hal::read_line`]).
///
/// Errors: `EOFError` when input ends before any character,
/// `KeyboardInterrupt` for Ctrl-C in the line editor.
pub fn b_input(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    if let Some(&p) = args.first() {
        let s = vm.str_string(p)?;
        vm.write_stdout(&s);
    }
    match vm.hal.read_line() {
        crate::hal::LineInput::Unsupported => {}
        crate::hal::LineInput::Line(l) => {
            let s = String::from_utf8_lossy(&l).into_owned();
            return vm.new_str(&s);
        }
        crate::hal::LineInput::Eof => return Err(vm.error_noargs(&e::EOF_ERROR_TYPE)),
        crate::hal::LineInput::Interrupted => return Err(vm.error_noargs(&e::KEYBOARD_INTERRUPT_TYPE)),
    }
    let mut line: Vec<u8> = Vec::new();
    let mut got_any = false;
    loop {
        let mut b = [0u8; 1];
        if vm.hal.stdin_read(&mut b) == 0 {
            break;
        }
        got_any = true;
        if b[0] == b'\n' {
            break;
        }
        line.push(b[0]);
    }
    if !got_any {
        return Err(vm.error_noargs(&e::EOF_ERROR_TYPE));
    }
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    let s = String::from_utf8_lossy(&line).into_owned();
    vm.new_str(&s)
}

// ---- file objects ------------------------------------------------------

/// An open file: a port handle plus a read-ahead buffer.
pub struct FileObj {
    handle: Option<usize>,
    binary: bool,
    rbuf: Vec<u8>,
    eof: bool,
}

impl NativeObj for FileObj {
    fn type_obj(&self) -> &'static TypeObj {
        if self.binary {
            &FILEIO_TYPE
        } else {
            &TEXTIO_TYPE
        }
    }
    fn trace(&self, _f: &mut dyn FnMut(Obj)) {}
    fn heap_bytes(&self) -> usize {
        core::mem::size_of::<FileObj>() + self.rbuf.capacity()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}


fn os_error(vm: &mut Vm, errno: i32) -> crate::PyErr {
    vm.error_arg(&e::OS_ERROR_TYPE, Obj::small_int(errno as isize))
}

fn closed_error(vm: &mut Vm) -> crate::PyErr {
    vm.value_error("I/O operation on closed file")
}

/// `open(file, mode='r', ...)`.
pub fn b_open(vm: &mut Vm, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    kw_check(vm, kw, &["mode", "buffering", "encoding", "errors", "newline", "closefd", "opener"])?;
    let path = match vm.str_of(args[0]) {
        Some(s) => String::from(s),
        None => {
            let msg = alloc::format!("can't convert '{}' object to str implicitly", vm.type_name(args[0]));
            return Err(vm.type_error(&msg));
        }
    };
    let mode_obj = args.get(1).copied().or_else(|| kw_get(vm, kw, "mode"));
    let mode = match mode_obj {
        None => String::from("r"),
        Some(m) => match vm.str_of(m) {
            Some(s) => String::from(s),
            None => return Err(vm.type_error("mode must be a str")),
        },
    };
    let mut base = String::new();
    let mut binary = false;
    for c in mode.chars() {
        match c {
            'r' | 'w' | 'a' | 'x' | '+' => base.push(c),
            'b' => binary = true,
            't' => {}
            _ => return Err(vm.value_error("invalid mode")),
        }
    }
    if base.is_empty() || base.starts_with('+') {
        base.insert(0, 'r');
    }
    let h = match vm.hal.open(&path, &base) {
        Ok(h) => h,
        Err(errno) => return Err(os_error(vm, errno)),
    };
    vm.alloc(ObjData::Native(Box::new(FileObj { handle: Some(h), binary, rbuf: Vec::new(), eof: false })))
}

fn handle_of(vm: &mut Vm, o: Obj) -> PyResult<usize> {
    match native_ref::<FileObj>(vm, o).and_then(|f| f.handle) {
        Some(h) => Ok(h),
        None => Err(closed_error(vm)),
    }
}

fn is_binary(vm: &Vm, o: Obj) -> bool {
    native_ref::<FileObj>(vm, o).is_some_and(|f| f.binary)
}

/// Reads from the port into the file's buffer until `enough(buffer)` or
/// end of file.
fn fill(vm: &mut Vm, o: Obj, enough: &dyn Fn(&[u8]) -> bool) -> PyResult<()> {
    let h = handle_of(vm, o)?;
    loop {
        let done = native_ref::<FileObj>(vm, o).is_none_or(|f| f.eof || enough(&f.rbuf));
        if done {
            return Ok(());
        }
        let mut chunk = [0u8; 512];
        match vm.hal.read(h, &mut chunk) {
            Ok(n) => {
                vm.make_room(n)?;
                if let Some(f) = native_mut::<FileObj>(vm, o) {
                    if n == 0 {
                        f.eof = true;
                    }
                    f.rbuf.extend_from_slice(&chunk[..n]);
                }
                vm.charge(n);
            }
            Err(errno) => return Err(os_error(vm, errno)),
        }
    }
}

/// Takes `n` bytes (or all) from the file's buffer.
fn take(vm: &mut Vm, o: Obj, n: Option<usize>) -> Vec<u8> {
    match native_mut::<FileObj>(vm, o) {
        Some(f) => {
            let n = n.unwrap_or(f.rbuf.len()).min(f.rbuf.len());
            f.rbuf.drain(..n).collect()
        }
        None => Vec::new(),
    }
}

/// Byte length of the first `n` UTF-8 characters of `b` (None if `b` holds
/// fewer).
fn char_prefix(b: &[u8], n: usize) -> Option<usize> {
    let mut count = 0;
    for (i, &x) in b.iter().enumerate() {
        if x & 0xC0 != 0x80 {
            if count == n {
                return Some(i);
            }
            count += 1;
        }
    }
    if count == n { Some(b.len()) } else { None }
}

fn make_result(vm: &mut Vm, o: Obj, data: &[u8]) -> PyResult<Obj> {
    if is_binary(vm, o) {
        vm.new_bytes(data)
    } else {
        let s = String::from_utf8_lossy(data).into_owned();
        vm.new_str(&s)
    }
}

fn f_read(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let o = args[0];
    let n = match args.get(1) {
        Some(&x) if x != Obj::NONE => crate::types::slice::int_exact(vm, x)?,
        _ => -1,
    };
    let data = if n < 0 {
        fill(vm, o, &|_| false)?;
        take(vm, o, None)
    } else if is_binary(vm, o) {
        let n = n as usize;
        fill(vm, o, &|b| b.len() >= n)?;
        take(vm, o, Some(n))
    } else {
        let n = n as usize;
        fill(vm, o, &|b| char_prefix(b, n).is_some())?;
        let len = native_ref::<FileObj>(vm, o).map(|f| char_prefix(&f.rbuf, n).unwrap_or(f.rbuf.len()));
        take(vm, o, len)
    };
    make_result(vm, o, &data)
}

fn read_line_bytes(vm: &mut Vm, o: Obj) -> PyResult<Vec<u8>> {
    fill(vm, o, &|b| b.contains(&b'\n'))?;
    let len = native_ref::<FileObj>(vm, o).map(|f| match f.rbuf.iter().position(|&c| c == b'\n') {
        Some(p) => p + 1,
        None => f.rbuf.len(),
    });
    Ok(take(vm, o, len))
}

fn f_readline(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let line = read_line_bytes(vm, args[0])?;
    make_result(vm, args[0], &line)
}

fn f_readlines(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let l = vm.new_list(Vec::new())?;
    loop {
        let line = read_line_bytes(vm, args[0])?;
        if line.is_empty() {
            return Ok(l);
        }
        let s = make_result(vm, args[0], &line)?;
        crate::types::list::list_append(vm, l, s)?;
    }
}

fn file_write_bytes(vm: &mut Vm, o: Obj, data: &[u8]) -> PyResult<usize> {
    let h = handle_of(vm, o)?;
    match vm.hal.write(h, data) {
        Ok(n) => Ok(n),
        Err(errno) => Err(os_error(vm, errno)),
    }
}

fn f_write(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let o = args[0];
    let data: Vec<u8> = if let Some(s) = vm.str_of(args[1]) {
        s.as_bytes().to_vec()
    } else {
        match vm.heap.get(args[1]) {
            Some(ObjData::Bytes(b)) => b.to_vec(),
            Some(ObjData::ByteArray(b)) => b.clone(),
            _ => {
                return Err(vm.type_error("object with buffer protocol required"));
            }
        }
    };
    let n = file_write_bytes(vm, o, &data)?;
    Ok(Obj::small_int(n as isize))
}

fn f_close(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let h = native_mut::<FileObj>(vm, args[0]).and_then(|f| f.handle.take());
    if let Some(h) = h {
        vm.hal.close(h);
    }
    Ok(Obj::NONE)
}

fn f_flush(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    handle_of(vm, args[0])?;
    Ok(Obj::NONE)
}

fn f_enter(_vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    Ok(args[0])
}

fn f_exit(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    f_close(vm, &args[..1], &[])
}

fn file_next(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    let line = read_line_bytes(vm, o)?;
    if line.is_empty() {
        return Ok(Obj::STOP_ITERATION);
    }
    make_result(vm, o, &line)
}

fn file_print(vm: &mut Vm, o: Obj, out: &mut String, _kind: PrintKind) -> PyResult<()> {
    let (binary, h) = native_ref::<FileObj>(vm, o).map(|f| (f.binary, f.handle)).unwrap_or((false, None));
    let name = if binary { "FileIO" } else { "TextIOWrapper" };
    match h {
        Some(h) => out.push_str(&alloc::format!("<io.{} {}>", name, h)),
        None => out.push_str(&alloc::format!("<io.{}>", name)),
    }
    Ok(())
}

static F_READ: BuiltinFun = BuiltinFun::new(q::read, 1, 2, f_read);
static F_READLINE: BuiltinFun = BuiltinFun::new(q::readline, 1, 2, f_readline);
static F_READLINES: BuiltinFun = BuiltinFun::new(q::readlines, 1, 2, f_readlines);
static F_WRITE: BuiltinFun = BuiltinFun::new(q::write, 2, 2, f_write);
static F_CLOSE: BuiltinFun = BuiltinFun::new(q::close, 1, 1, f_close);
static F_FLUSH: BuiltinFun = BuiltinFun::new(q::flush, 1, 1, f_flush);
static F_ENTER: BuiltinFun = BuiltinFun::new(q::__enter__, 1, 1, f_enter);
static F_EXIT: BuiltinFun = BuiltinFun::new(q::__exit__, 1, 4, f_exit);

static FILE_LOCALS: [(Qstr, Rom); 9] = [
    (q::__enter__, Rom::Fun(&F_ENTER)),
    (q::__exit__, Rom::Fun(&F_EXIT)),
    (q::__next__, Rom::Fun(&crate::types::iterators::NEXT_METH)),
    (q::close, Rom::Fun(&F_CLOSE)),
    (q::flush, Rom::Fun(&F_FLUSH)),
    (q::read, Rom::Fun(&F_READ)),
    (q::readline, Rom::Fun(&F_READLINE)),
    (q::readlines, Rom::Fun(&F_READLINES)),
    (q::write, Rom::Fun(&F_WRITE)),
];

/// Text-mode files (`io.TextIOWrapper`).
pub static TEXTIO_TYPE: TypeObj = TypeObj {
    name: q::TextIOWrapper,
    flags: flags::ITER_IS_SELF,
    print: Some(file_print),
    iternext: Some(file_next),
    locals: &FILE_LOCALS,
    ..TypeObj::EMPTY
};

/// Binary-mode files (`io.FileIO`).
pub static FILEIO_TYPE: TypeObj = TypeObj {
    name: q::FileIO,
    flags: flags::ITER_IS_SELF,
    print: Some(file_print),
    iternext: Some(file_next),
    locals: &FILE_LOCALS,
    ..TypeObj::EMPTY
};
