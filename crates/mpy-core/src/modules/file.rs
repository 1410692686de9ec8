//! `open` and the file objects it returns (feature `os`).
//!
//! `open(path, mode='r')` goes through a mounted filesystem object
//! ([`super::vfs`]) or the `Hal` file methods; the port's files are
//! `TextIOWrapper` (text) or `FileIO` (binary) objects with `read`,
//! `readinto`, `readline`, `readlines`, `write`, `seek`, `tell`, `flush`,
//! `close`, iteration and the context-manager protocol; a file the program
//! drops is closed by the collector (finaliser). Reads go through a
//! read-ahead buffer; `tell` and `seek` count from the position the program
//! sees (the port's minus the unread buffered bytes), and a write first
//! moves the port's position back to it (dropping the buffer), so data
//! lands where the program read up to. Errors: `OSError(errno)` from the
//! port (e.g. errno 2, printed `[Errno 2] ENOENT`), `ValueError: I/O
//! operation on closed file`.

use crate::typ::given;
use crate::typ::Entry;
use super::args::{buffer_mut_of, buffer_of, int_arg, str_conv_error};
use crate::heap::GcVec;
use crate::obj::{Obj, ObjBase};
use crate::qstr::{q, Qstr};
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{flags, BuiltinFun, PrintKind, Rom, TypeObj};
use crate::types::exception as e;
use crate::types::list::ListObj;
use crate::types::seq::{kw_check, kw_get};
use crate::PyResult;

/// An open file: a port handle plus a read-ahead buffer; begins as a
/// [`super::io::Stream`]. Its type is
/// [`TEXTIO_TYPE`] or [`FILEIO_TYPE`] (binary). Allocated with the
/// finaliser bit: the collector closes a file nobody refers to.
#[repr(C)]
pub struct FileObj {
    /// Header ([`TEXTIO_TYPE`] or [`FILEIO_TYPE`]).
    pub base: ObjBase,
    /// Bytes read ahead from the port; those before `rpos` are consumed.
    /// (With `rpos`, the [`super::io::Stream`] layout files share with
    /// the memory streams.)
    pub rbuf: GcVec<u8>,
    /// Consumed prefix of `rbuf`.
    pub rpos: usize,
    /// The port's handle (meaningless once closed).
    pub handle: usize,
    /// Not yet closed.
    pub open: bool,
    /// The port reported the end of the file.
    pub eof: bool,
}

fn rbuf_mut(f: &mut FileObj) -> &mut GcVec<u8> {
    &mut f.rbuf
}

fn os_error(vm: &mut Vm, errno: i32) -> crate::PyErr {
    vm.error_arg(&e::OS_ERROR_TYPE, Obj::small_int(errno as isize))
}

fn closed_error(vm: &mut Vm) -> crate::PyErr {
    vm.value_error(msg!("I/O operation on closed file"))
}


/// `open(file, mode='r', ...)`.
///
/// Errors: `TypeError` for a non-str path or mode, `ValueError: invalid
/// mode`, `OSError(errno)` from the port, `MemoryError`.
pub fn b_open(vm: &mut Vm, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    kw_check(vm, kw, &["mode", "buffering", "encoding", "errors", "newline", "closefd", "opener"])?;
    let Some(path) = vm.str_pinned(args[0]) else { return Err(str_conv_error(vm, args[0])) };
    let mode_obj = args.get(1).copied().or_else(|| kw_get(vm, kw, "mode")).unwrap_or(Obj::qstr(q::r));
    let Some(mode) = vm.str_pinned(mode_obj) else { return Err(vm.type_error(msg!("mode must be a str"))) };
    // A path in a mounted filesystem: its `open` makes the file.
    if let Some(f) = super::vfs::open(vm, path, mode_obj)? {
        return Ok(f);
    }
    // The port mode: the first of the `r`/`w`/`a`/`x`/`+` letters (`r` if
    // that is `+`), then `+` if any.
    let (mut pm, mut plus, mut binary) = ([0, b'+'], false, false);
    for c in mode.bytes() {
        match c {
            b'r' | b'w' | b'a' | b'x' | b'+' => {
                if pm[0] == 0 {
                    pm[0] = if c == b'+' { b'r' } else { c };
                }
                plus |= c == b'+';
            }
            b'b' => binary = true,
            b't' => {}
            _ => return Err(vm.value_error(msg!("invalid mode"))),
        }
    }
    // Make the object first: a failure after opening would leak the handle.
    let ty = if binary { &FILEIO_TYPE } else { &TEXTIO_TYPE };
    let o = vm.alloc_obj_final(FileObj {
        base: ObjBase::new(ty),
        rbuf: GcVec::new(),
        rpos: 0,
        handle: 0,
        open: false,
        eof: false,
    })?;
    if pm[0] == 0 {
        pm[0] = b'r';
    }
    let pm = mpy_bytecode::utf8::str(&pm[..1 + plus as usize]).unwrap_or("r");
    let h = match vm.hal.open(path, pm) {
        Ok(h) => h,
        Err(errno) => return Err(os_error(vm, errno)),
    };
    if let Some(f) = vm.heap.get_mut::<FileObj>(o) {
        f.handle = h;
        f.open = true;
    }
    Ok(o)
}

fn handle_of(vm: &mut Vm, o: Obj) -> PyResult<usize> {
    match vm.heap.get::<FileObj>(o).filter(|f| f.open) {
        Some(f) => Ok(f.handle),
        None => Err(closed_error(vm)),
    }
}

fn is_binary(vm: &Vm, o: Obj) -> bool {
    vm.heap.get::<FileObj>(o).is_some_and(|f| core::ptr::eq(f.base.ty, &FILEIO_TYPE))
}

/// The unconsumed read-ahead bytes of file `o`.
fn pending(vm: &Vm, o: Obj) -> &[u8] {
    vm.heap.get::<FileObj>(o).and_then(|f| f.rbuf.as_slice().get(f.rpos..)).unwrap_or(&[])
}

/// Reads from the port into the file's buffer until `enough(unconsumed)`
/// or end of file.
///
/// Errors: `ValueError` if closed, `OSError(errno)`, `MemoryError`.
fn fill(vm: &mut Vm, o: Obj, enough: &dyn Fn(&[u8]) -> bool) -> PyResult<()> {
    let h = handle_of(vm, o)?;
    // Drop the consumed prefix.
    if let Some(f) = vm.heap.get_mut::<FileObj>(o) {
        let (n, p) = (f.rbuf.len(), f.rpos.min(f.rbuf.len()));
        if p > 0 {
            f.rbuf.as_mut_slice().copy_within(p..n, 0);
            f.rbuf.truncate(n - p);
            f.rpos = 0;
        }
    }
    loop {
        let done = vm.heap.get::<FileObj>(o).is_none_or(|f| f.eof) || enough(pending(vm, o));
        if done {
            return Ok(());
        }
        let mut chunk = [0u8; 512];
        match vm.hal.read(h, &mut chunk) {
            Ok(n) => {
                let n = n.min(chunk.len());
                vm.vec_reserve(o, rbuf_mut, n)?;
                if let Some(f) = vm.heap.get_mut::<FileObj>(o) {
                    if n == 0 {
                        f.eof = true;
                    }
                    f.rbuf.extend_within_capacity(&chunk[..n]);
                }
            }
            Err(errno) => return Err(os_error(vm, errno)),
        }
    }
}

/// If `o` is a file: reads ahead from the port until
/// `enough(unconsumed, text)` or end of file and says whether it is text
/// (for [`super::io`]'s read path, which files share).
///
/// Errors: `ValueError` if closed, `OSError(errno)`, `MemoryError`.
pub(super) fn ready(vm: &mut Vm, o: Obj, enough: &dyn Fn(&[u8], bool) -> bool) -> PyResult<Option<bool>> {
    if vm.heap.get::<FileObj>(o).is_none() {
        return Ok(None);
    }
    let text = !is_binary(vm, o);
    fill(vm, o, &|b| enough(b, text))?;
    Ok(Some(text))
}

/// `readinto(buf[, n])`: reads up to `len(buf)` (or `n`) bytes into the
/// writable buffer `buf`, until it is full or the file ends; returns the
/// count (0 at end of file).
///
/// Errors: `TypeError` without a writable buffer, `ValueError` if
/// closed, `OSError(errno)`.
fn f_readinto(vm: &mut Vm, a0: Obj, a1: Obj, a2: Obj) -> PyResult<Obj> {
    let o = a0;
    let h = handle_of(vm, o)?;
    let Some(cap) = buffer_mut_of(&mut vm.heap, a1).map(|b| b.len()) else {
        return Err(vm.type_error(crate::runtime::exc::msg::BUFFER));
    };
    let want = match given(&a2) {
        Some(&n) if n != Obj::NONE => usize::try_from(int_arg(vm, n)?).unwrap_or(0).min(cap),
        _ => cap,
    };
    // First what was read ahead, then straight from the port into the
    // buffer.
    let mut done = super::io::copy_held(vm, o, a1, 0, want);
    while done < want && vm.heap.get::<FileObj>(o).is_some_and(|f| !f.eof) {
        let Some(b) = buffer_mut_of(&mut vm.heap, a1).and_then(|b| b.get_mut(done..want)) else { break };
        match vm.hal.read(h, b) {
            Ok(0) => {
                if let Some(f) = vm.heap.get_mut::<FileObj>(o) {
                    f.eof = true;
                }
            }
            Ok(n) => done += n.min(want - done),
            Err(errno) => return Err(os_error(vm, errno)),
        }
    }
    Ok(Obj::small_int(done as isize))
}

fn f_readlines(vm: &mut Vm, a0: Obj, _a1: Obj, _a2: Obj) -> PyResult<Obj> {
    let l = vm.new_list_with_capacity(0)?;
    loop {
        let s = super::io::line(vm, a0, None, true)?;
        if s == Obj::STOP_ITERATION {
            return Ok(l);
        }
        vm.vec_push(l, |x: &mut ListObj| &mut x.items, s)?;
    }
}

/// Moves the port's position of file `o` (handle `h`) back to where the
/// program has read up to, dropping the read-ahead: before a write.
///
/// Errors: `OSError(errno)` when the port cannot seek back.
fn sync_position(vm: &mut Vm, o: Obj, h: usize) -> PyResult<()> {
    if !pending(vm, o).is_empty() {
        seek_to(vm, o, h, 0, 1)?;
    }
    Ok(())
}

/// Seeks file `o` (handle `h`) as `seek(offset, whence)` does, `whence`
/// 1 counting from the position the program sees (the port's minus the
/// unread read-ahead, which is dropped); returns the new position.
///
/// Errors: `OSError(errno)` from the port (the file is unchanged then).
fn seek_to(vm: &mut Vm, o: Obj, h: usize, offset: i64, whence: i64) -> PyResult<u64> {
    let n = pending(vm, o).len() as i64;
    let offset = if whence == 1 { offset.saturating_sub(n) } else { offset };
    match vm.hal.seek(h, offset, u8::try_from(whence).unwrap_or(u8::MAX)) {
        Ok(p) => {
            if let Some(f) = vm.heap.get_mut::<FileObj>(o) {
                f.rbuf.truncate(0);
                f.rpos = 0;
                f.eof = false;
            }
            Ok(p)
        }
        Err(errno) => Err(os_error(vm, errno)),
    }
}

/// `seek(offset, whence=0)`: moves to `offset` bytes from the start
/// (`whence` 0), the current position (1) or the end (2); returns the
/// new position.
///
/// Errors: `ValueError` if closed, `OSError(EINVAL)` for a negative
/// position or another `whence`, `OSError(errno)` from the port.
fn f_seek(vm: &mut Vm, f: Obj, off: Obj, whence: Obj) -> PyResult<Obj> {
    let h = handle_of(vm, f)?;
    let off = int_arg(vm, off)?;
    let whence = if whence.is_null() { 0 } else { int_arg(vm, whence)? };
    let p = seek_to(vm, f, h, off, whence)?;
    vm.new_int(i64::try_from(p).unwrap_or(i64::MAX))
}

/// `tell()`: the current position, in bytes from the start.
///
/// Errors: `ValueError` if closed, `OSError(errno)` from the port.
fn f_tell(vm: &mut Vm, f: Obj) -> PyResult<Obj> {
    f_seek(vm, f, Obj::small_int(0), Obj::small_int(1))
}

/// `write(data)`: str or bytes-like; returns the bytes written.
fn f_write(vm: &mut Vm, a0: Obj, a1: Obj) -> PyResult<Obj> {
    let args = &[a0, a1];
    let h = handle_of(vm, args[0])?;
    sync_position(vm, args[0], h)?;
    let Some(data) = buffer_of(&vm.qstrs, &vm.heap, args[1]) else {
        return Err(vm.type_error(crate::runtime::exc::msg::BUFFER));
    };
    match vm.hal.write(h, data) {
        Ok(n) => Ok(Obj::small_int(n as isize)),
        Err(errno) => Err(os_error(vm, errno)),
    }
}

fn f_close(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let args = &[a0];
    let h = vm.heap.get_mut::<FileObj>(args[0]).filter(|f| f.open).map(|f| {
        f.open = false;
        f.handle
    });
    if let Some(h) = h {
        vm.hal.close(h);
    }
    Ok(Obj::NONE)
}

/// The finaliser: closes the handle of a file dropped while open.
fn file_finalise(vm: &mut Vm, o: Obj) {
    let _ = f_close(vm, o);
}

fn f_flush(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let args = &[a0];
    handle_of(vm, args[0])?;
    Ok(Obj::NONE)
}

fn f_exit(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    f_close(vm, args.first().copied().unwrap_or(Obj::NONE))
}

fn file_print(vm: &mut Vm, o: Obj, out: &mut Out, _kind: PrintKind) -> PyResult<()> {
    let binary = is_binary(vm, o);
    let h = vm.heap.get::<FileObj>(o).filter(|f| f.open).map(|f| f.handle);
    super::builtins_io::print_stream(vm, out, binary, h)
}

static F_READINTO: BuiltinFun = BuiltinFun::new_opt(q::readinto, 2, 3, f_readinto);
static F_READLINES: BuiltinFun = BuiltinFun::new_opt(q::readlines, 1, 2, f_readlines);
static F_WRITE: BuiltinFun = BuiltinFun::new2(q::write, f_write);
static F_CLOSE: BuiltinFun = BuiltinFun::new1(q::close, f_close);
static F_FLUSH: BuiltinFun = BuiltinFun::new1(q::flush, f_flush);
static F_SEEK: BuiltinFun = BuiltinFun::new_opt(q::seek, 2, 3, f_seek);
static F_TELL: BuiltinFun = BuiltinFun::new1(q::tell, f_tell);
static F_EXIT: BuiltinFun = BuiltinFun::new(q::__exit__, 1, 4, f_exit);

static FILE_LOCALS: [Entry; 12] = [
    Entry::new(q::__enter__, Rom::Fun(&super::builtins_io::F_ENTER)),
    Entry::new(q::__exit__, Rom::Fun(&F_EXIT)),
    Entry::new(q::__next__, Rom::Fun(&crate::types::iterators::NEXT_METH)),
    Entry::new(q::close, Rom::Fun(&F_CLOSE)),
    Entry::new(q::flush, Rom::Fun(&F_FLUSH)),
    Entry::new(q::read, Rom::Fun(&super::io::READ)),
    Entry::new(q::readinto, Rom::Fun(&F_READINTO)),
    Entry::new(q::readline, Rom::Fun(&super::io::READLINE)),
    Entry::new(q::readlines, Rom::Fun(&F_READLINES)),
    Entry::new(q::seek, Rom::Fun(&F_SEEK)),
    Entry::new(q::tell, Rom::Fun(&F_TELL)),
    Entry::new(q::write, Rom::Fun(&F_WRITE)),
];

static FILE_EXT: crate::typ::TypeExt = crate::typ::TypeExt { finalise: Some(file_finalise), ..crate::typ::TypeExt::NONE };

/// The type of the port's files named `name`: both kinds share every slot.
const fn file_type(name: Qstr) -> TypeObj {
    TypeObj {
        name: name.tn(),
        flags: flags::ITER_IS_SELF,
        print: Some(file_print),
        iternext: Some(super::io::iternext),
        ext: &FILE_EXT,
        locals: crate::typ::Locals::of(&FILE_LOCALS),
        ..TypeObj::EMPTY
    }
}

/// Text-mode files (`io.TextIOWrapper`).
pub static TEXTIO_TYPE: TypeObj = file_type(q::TextIOWrapper);

/// Binary-mode files (`io.FileIO`).
pub static FILEIO_TYPE: TypeObj = file_type(q::FileIO);
