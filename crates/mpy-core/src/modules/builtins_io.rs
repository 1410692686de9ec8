//! Console I/O builtins: `print` and `input` (`open` and the file
//! objects are [`super::file`], feature `os`), and what the console
//! streams share with files (their repr, `__enter__`).
//!
//! `print(*args, sep=' ', end='\n', file=None)` writes each piece to the
//! console as it is made (to a file object: the whole text in one
//! `write`); `sep`/`end` must be strs, as in MicroPython. `input(prompt)`
//! reads a line through the port's line editor (`Hal::read_line`) or
//! `Hal::stdin_read` (`EOFError` at end of input).

use super::args::{new_str_lossy, str_conv_error};
use crate::hal::LineInput;
use super::sys_io;
use crate::heap::GcVec;
use crate::obj::Obj;
use crate::qstr::q;
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{BuiltinFun, PrintKind};
use crate::types::exception as e;
use crate::types::seq::{kw_check, kw_get};
use crate::PyResult;

/// A `sep`/`end` keyword argument: its text, `default` when absent (None
/// is a TypeError, as on MicroPython).
fn str_kw<'a>(vm: &mut Vm, kw: &[Obj], name: &str, default: &'a str) -> PyResult<&'a str> {
    match kw_get(vm, kw, name) {
        None => Ok(default),
        Some(o) => match vm.str_pinned(o) {
            Some(s) => Ok(s),
            None => Err(str_conv_error(vm, o)),
        },
    }
}

/// `print(*args, sep=' ', end='\n', file=None)`.
///
/// Errors: `TypeError` for a non-str `sep`/`end` or unknown keywords;
/// whatever printing an argument or `file.write` raises.
pub fn b_print(vm: &mut Vm, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    kw_check(vm, kw, &["sep", "end", "file"])?;
    let sep = str_kw(vm, kw, "sep", " ")?;
    let end = str_kw(vm, kw, "end", "\n")?;
    let file = kw_get(vm, kw, "file").filter(|&f| f != Obj::NONE);
    let mut out = match file {
        None => Out::Stdout,
        Some(f) if f == sys_io::stream(1) => Out::Stdout,
        Some(f) if f == sys_io::stream(2) => Out::Stderr,
        Some(_) => Out::buf(),
    };
    for (i, &a) in args.iter().enumerate() {
        if i > 0 {
            out.str(vm, sep)?;
        }
        vm.print_obj(a, &mut out, PrintKind::Str)?;
    }
    out.str(vm, end)?;
    let (Some(f), Out::Buf(_)) = (file, &out) else { return Ok(Obj::NONE) };
    // (Files too: their `write` takes the str's bytes.)
    let s = out.into_str(vm)?;
    super::args::call_method(vm, f, q::write, &[s])?;
    Ok(Obj::NONE)
}

/// `input(prompt='')`: reads one line from standard input, without its
/// newline (a final `\r` is dropped too). Uses the port's line editor
/// when it has one ([`crate::hal::Hal::read_line`]).
///
/// Errors: `EOFError` when input ends before any character,
/// `KeyboardInterrupt` for Ctrl-C in the line editor, `MemoryError`.
pub fn b_input(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    if let Some(&p) = args.first() {
        vm.print_obj(p, &mut Out::Stdout, PrintKind::Str)?;
    }
    let mut line: GcVec<u8> = GcVec::new();
    let r = match read_edited(vm, &mut line) {
        Ok(true) => new_str_lossy(vm, line.as_slice()),
        Ok(false) => read_raw(vm, &mut line),
        Err(e) => Err(e),
    };
    vm.heap.free_vec(line);
    r
}

/// Reads a line with the port's line editor into `line`: false when the
/// port has none.
///
/// Errors: `EOFError`, `KeyboardInterrupt`, `MemoryError`.
fn read_edited(vm: &mut Vm, line: &mut GcVec<u8>) -> PyResult<bool> {
    loop {
        vm.vec_reserve_local(line, 64)?;
        let start = line.len();
        let cap = line.capacity();
        line.resize_within_capacity(cap, 0);
        let got = vm.hal.read_line(line.as_mut_slice().get_mut(start..).unwrap_or(&mut []));
        let n = match got {
            LineInput::Unsupported => {
                line.truncate(start);
                return Ok(false);
            }
            LineInput::Eof => return Err(vm.error_noargs(&e::EOF_ERROR_TYPE)),
            LineInput::Interrupted => return Err(vm.error_noargs(&e::KEYBOARD_INTERRUPT_TYPE)),
            LineInput::Line(n) | LineInput::More(n) => n.min(cap - start),
        };
        line.truncate(start + n);
        if let LineInput::Line(_) = got {
            return Ok(true);
        }
    }
}

/// Reads a line byte by byte through `Hal::stdin_read` into `line` and
/// makes the result.
///
/// Errors: `EOFError`, `MemoryError`.
fn read_raw(vm: &mut Vm, line: &mut GcVec<u8>) -> PyResult<Obj> {
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
        vm.vec_push_local(line, b[0])?;
    }
    if !got_any {
        sys_io::check_interrupt(vm)?;
        return Err(vm.error_noargs(&e::EOF_ERROR_TYPE));
    }
    if line.as_slice().last() == Some(&b'\r') {
        line.pop();
    }
    new_str_lossy(vm, line.as_slice())
}

fn f_enter(_vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let args = &[a0];
    Ok(args[0])
}

/// The repr of a file or console stream: `<io.FileIO 3>` (`binary`) or
/// `<io.TextIOWrapper 3>`, without the number when `fd` is None (closed).
///
/// Errors: `MemoryError` (buffered output).
pub(super) fn print_stream(vm: &mut Vm, out: &mut Out, binary: bool, fd: Option<usize>) -> PyResult<()> {
    let name = if binary { "FileIO" } else { "TextIOWrapper" };
    match fd {
        Some(h) => out.fmt(vm, crate::msg!("<io.{} {}>"), &[name.into(), h.into()]),
        None => out.fmt(vm, crate::msg!("<io.{}>"), &[name.into()]),
    }
}

/// `__enter__` of files and streams (returns the object).
pub static F_ENTER: BuiltinFun = BuiltinFun::new1(q::__enter__, f_enter);
