//! The `os` module: the filesystem through the port's [`crate::hal::Hal`]
//! or a mounted filesystem object ([`super::vfs`]).
//!
//! `getcwd`, `chdir`, `listdir([path])`, `ilistdir([path])` (an iterator
//! of `(name, type, inode, size)` tuples, type `0x4000` for directories
//! and `0x8000` for files), `stat(path)` (a 10-tuple: mode, ino, dev,
//! nlink, uid, gid, size, atime, mtime, ctime, with only mode, size and
//! the times filled), `statvfs(path)`, `remove`, `mkdir`, `rmdir`,
//! `rename`, `mount`,
//! `umount` and `sep`. Failures raise `OSError(errno)` (`[Errno 2] ENOENT`), as
//! MicroPython's unix port does. Ports without a filesystem keep the HAL
//! defaults (every call fails with an errno).

use crate::typ::Entry;
use super::vfs::{self, Target};
use crate::heap::GcVec;
use crate::obj::Obj;
use crate::qstr::{q, Qstr};
use crate::state::Vm;
use crate::typ::{BuiltinFun, ModuleDef, Rom};
use crate::types::exception::OS_ERROR_TYPE;
use crate::types::list::ListObj;
use crate::PyResult;

/// Longest directory entry name `listdir` accepts, in bytes.
const NAME_MAX: usize = 1024;
/// Longest current directory `getcwd` accepts, in bytes.
#[cfg(not(target_os = "none"))]
const PATH_MAX: usize = 64 * 1024;

fn os_error(vm: &mut Vm, errno: i32) -> crate::PyErr {
    vm.error_arg(&OS_ERROR_TYPE, Obj::small_int(errno as isize))
}

fn path_arg<'a>(vm: &mut Vm, o: Obj) -> PyResult<&'a str> {
    match vm.str_pinned(o) {
        Some(s) => Ok(s),
        None => Err(super::args::str_required(vm)),
    }
}

fn unit(vm: &mut Vm, r: Result<(), i32>) -> PyResult<Obj> {
    match r {
        Ok(()) => Ok(Obj::NONE),
        Err(e) => Err(os_error(vm, e)),
    }
}

/// `getcwd()` on the boards: their paths are littlefs paths of at most
/// 255 bytes, so a stack buffer holds any (a longer answer would be
/// `OSError(ERANGE)`, as on the desktop beyond its limit).
#[cfg(target_os = "none")]
fn getcwd(vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    if let Some(cwd) = vfs::getcwd(vm)? {
        return Ok(cwd);
    }
    let mut buf = [0u8; 256];
    match vm.hal.getcwd(&mut buf) {
        Ok(n) => match buf.get(..n) {
            Some(b) => vm.new_str_from_utf8(b),
            None => Err(os_error(vm, 34)),
        },
        Err(e) => Err(os_error(vm, e)),
    }
}

/// `getcwd()`: asks the HAL with a heap buffer, doubling it until the
/// path fits.
#[cfg(not(target_os = "none"))]
fn getcwd(vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    if let Some(cwd) = vfs::getcwd(vm)? {
        return Ok(cwd);
    }
    let mut cap = 128;
    loop {
        let mut buf: GcVec<u8> = vm.new_vec(cap)?;
        let full = buf.capacity();
        buf.resize_within_capacity(full, 0);
        let r = vm.hal.getcwd(buf.as_mut_slice());
        let r = match r {
            Ok(n) if n <= full => vm.new_str_from_utf8(&buf.as_slice()[..n]),
            Ok(n) if n <= PATH_MAX => {
                vm.heap.free_vec(buf);
                cap = n;
                continue;
            }
            Ok(_) => Err(os_error(vm, 34)),
            Err(e) => Err(os_error(vm, e)),
        };
        vm.heap.free_vec(buf);
        return r;
    }
}

fn chdir(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let a = &[a0];
    let p = path_arg(vm, a[0])?;
    vfs::chdir(vm, p)?;
    Ok(Obj::NONE)
}

/// The optional path argument (`""` when absent: the current directory).
fn opt_path<'a>(vm: &mut Vm, a: &[Obj]) -> PyResult<&'a str> {
    match a.first() {
        Some(&o) => path_arg(vm, o),
        None => Ok(""),
    }
}

/// Calls `visit(vm, name, name_len)` for each entry of the port's
/// directory `p` (`""`: the current one), in port order.
///
/// Errors: `OSError(errno)`; whatever `visit` raises.
fn host_each(vm: &mut Vm, p: &str, visit: &mut dyn FnMut(&mut Vm, &str) -> PyResult<()>) -> PyResult<()> {
    let dir = if p.is_empty() { "." } else { p };
    let h = match vm.hal.dir_open(dir) {
        Ok(h) => h,
        Err(e) => return Err(os_error(vm, e)),
    };
    let r = (|| {
        let mut name = [0u8; NAME_MAX];
        loop {
            match vm.hal.dir_next(h, &mut name) {
                Ok(Some(n)) => {
                    let b = name.get(..n).unwrap_or(&name);
                    match mpy_bytecode::utf8::str(b) {
                        Some(s) => visit(vm, s)?,
                        None => {
                            let s = super::args::new_str_lossy(vm, b)?;
                            let t = vm.str_pinned(s).unwrap_or("");
                            visit(vm, t)?;
                        }
                    }
                }
                Ok(None) => return Ok(()),
                Err(e) => return Err(os_error(vm, e)),
            }
        }
    })();
    vm.hal.dir_close(h);
    r
}

/// `(name, type, inode, size)` tuples of the port's directory `p`, in a
/// new list.
///
/// Errors: `OSError(errno)`, `MemoryError`.
fn host_entries(vm: &mut Vm, p: &str) -> PyResult<Obj> {
    let list = vm.new_list_with_capacity(0)?;
    let dir = if p.is_empty() { "." } else { p };
    let mut full: GcVec<u8> = GcVec::new();
    let r = host_each(vm, p, &mut |vm, n| {
        full.truncate(0);
        vm.vec_extend_local(&mut full, dir.as_bytes())?;
        if !dir.ends_with('/') {
            vm.vec_push_local(&mut full, b'/')?;
        }
        vm.vec_extend_local(&mut full, n.as_bytes())?;
        let path = mpy_bytecode::utf8::str(full.as_slice()).unwrap_or("");
        let (mode, size) = vm.hal.stat_info(path).map(|(m, s, _)| (m & 0xf000, s)).unwrap_or((0, 0));
        let name = vm.new_str(n)?;
        let size = vm.new_int(size.min(i64::MAX as u64) as i64)?;
        let t = vm.new_tuple(&[name, Obj::small_int(mode as isize), Obj::small_int(0), size])?;
        vm.vec_push(list, |l: &mut ListObj| &mut l.items, t)
    });
    vm.heap.free_vec(full);
    r.map(|()| list)
}

/// `ilistdir([path])`: an iterator of `(name, type, inode, size)`.
fn ilistdir(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let p = opt_path(vm, a)?;
    match vfs::resolve(vm, p)? {
        Target::Vfs(o, rest) => vfs::call(vm, o, q::ilistdir, &[rest]),
        Target::Host(p) => {
            let l = host_entries(vm, p)?;
            vm.get_iter(l)
        }
    }
}

/// `listdir([path])`: the names in a directory, as a list of str (the
/// first items of what [`ilistdir`] gives: one walk for both).
fn listdir(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let list = vm.new_list_with_capacity(0)?;
    let it = ilistdir(vm, a, &[])?;
    let it = vm.get_iter(it)?;
    while let Some(e) = vm.iter_next(it)? {
        let name = vm.seq_items(e).and_then(|v| v.first().copied()).unwrap_or(Obj::NONE);
        vm.vec_push(list, |l: &mut ListObj| &mut l.items, name)?;
    }
    Ok(list)
}

/// The port's path for path argument `a[0]`, or (`Err`) the result of
/// calling method `name` of the filesystem mounted there with the path
/// inside it.
fn host_path<'a>(vm: &mut Vm, h0: Obj, name: Qstr) -> PyResult<Result<&'a str, Obj>> {
    let a = &[h0];
    let p = path_arg(vm, a[0])?;
    Ok(match vfs::resolve(vm, p)? {
        Target::Vfs(o, rest) => Err(vfs::call(vm, o, name, &[rest])?),
        Target::Host(p) => Ok(p),
    })
}

/// The one-path functions `remove`, `mkdir`, `rmdir`, `stat` and
/// `statvfs` (member `at`, in that order: one body,
/// [`BuiltinFun::new1_at`]): through [`host_path`], else the port's.
fn path_op(vm: &mut Vm, h0: Obj, at: usize) -> PyResult<Obj> {
    let name = [q::remove, q::mkdir, q::rmdir, q::stat, q::statvfs].get(at).copied().unwrap_or(q::statvfs);
    let p = match host_path(vm, h0, name)? {
        Ok(p) => p,
        Err(r) => return Ok(r),
    };
    let r = match at {
        0 => vm.hal.remove(p),
        1 => vm.hal.mkdir(p),
        2 => vm.hal.rmdir(p),
        3 => return stat(vm, p),
        _ => return statvfs(vm, p),
    };
    unit(vm, r)
}

/// `stat(path)` of the port's path `p`.
fn stat(vm: &mut Vm, p: &str) -> PyResult<Obj> {
    let (mode, size, mtime) = match vm.hal.stat_info(p) {
        Ok(v) => v,
        Err(e) => return Err(os_error(vm, e)),
    };
    let z = Obj::small_int(0);
    let mode = vm.new_int(mode as i64)?;
    let size = vm.new_int(size.min(i64::MAX as u64) as i64)?;
    let t = vm.new_int(mtime)?;
    vm.new_tuple(&[mode, z, z, z, z, z, size, t, t, t])
}

/// `statvfs(path)` of the port's path `p`: `(f_bsize, f_frsize,
/// f_blocks, f_bfree, f_bavail, f_files, f_ffree, f_favail, f_flag,
/// f_namemax)`, as MicroPython's filesystems fill it (no inode counts).
fn statvfs(vm: &mut Vm, p: &str) -> PyResult<Obj> {
    let fields = match vm.hal.statvfs(p) {
        Ok(v) => v,
        Err(e) => return Err(os_error(vm, e)),
    };
    let mut items = [Obj::small_int(0); 10];
    for (item, v) in items.iter_mut().zip(&fields) {
        *item = vm.new_int(i64::from(*v))?;
    }
    vm.new_tuple(&items)
}

fn rename(vm: &mut Vm, a0: Obj, a1: Obj) -> PyResult<Obj> {
    let a = &[a0, a1];
    let f = path_arg(vm, a[0])?;
    let t = path_arg(vm, a[1])?;
    if vfs::rename(vm, f, t)?.is_some() {
        return Ok(Obj::NONE);
    }
    let r = vm.hal.rename(f, t);
    unit(vm, r)
}

static GETCWD: BuiltinFun = BuiltinFun::new(q::getcwd, 0, 0, getcwd);
static CHDIR: BuiltinFun = BuiltinFun::new1(q::chdir, chdir);
static LISTDIR: BuiltinFun = BuiltinFun::new(q::listdir, 0, 1, listdir);
static ILISTDIR: BuiltinFun = BuiltinFun::new(q::ilistdir, 0, 1, ilistdir);
static STAT: BuiltinFun = BuiltinFun::new1_at(q::stat, path_op, 3);
static REMOVE: BuiltinFun = BuiltinFun::new1_at(q::remove, path_op, 0);
static MKDIR: BuiltinFun = BuiltinFun::new1_at(q::mkdir, path_op, 1);
static RMDIR: BuiltinFun = BuiltinFun::new1_at(q::rmdir, path_op, 2);
static RENAME: BuiltinFun = BuiltinFun::new2(q::rename, rename);
static STATVFS: BuiltinFun = BuiltinFun::new1_at(q::statvfs, path_op, 4);

static LOCALS: [Entry; 15] = [
    Entry::new(q::__name__, Rom::Str(q::os)),
    Entry::new(q::chdir, Rom::Fun(&CHDIR)),
    Entry::new(q::getcwd, Rom::Fun(&GETCWD)),
    Entry::new(q::ilistdir, Rom::Fun(&ILISTDIR)),
    Entry::new(q::listdir, Rom::Fun(&LISTDIR)),
    Entry::new(q::mkdir, Rom::Fun(&MKDIR)),
    Entry::new(q::mount, Rom::Fun(vfs::MOUNT_FUN)),
    Entry::new(q::remove, Rom::Fun(&REMOVE)),
    Entry::new(q::rename, Rom::Fun(&RENAME)),
    Entry::new(q::rmdir, Rom::Fun(&RMDIR)),
    Entry::new(q::sep, Rom::Str(q::slash)),
    Entry::new(q::stat, Rom::Fun(&STAT)),
    Entry::new(q::statvfs, Rom::Fun(&STATVFS)),
    Entry::new(q::umount, Rom::Fun(vfs::UMOUNT_FUN)),
    Entry::new(q::unlink, Rom::Fun(&REMOVE)),
];

/// The `os` module.
pub static OS_MODULE: ModuleDef = ModuleDef::new(q::os, &LOCALS);
