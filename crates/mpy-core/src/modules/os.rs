//! The `os` module: the filesystem through the port's [`crate::hal::Hal`]
//! or a mounted filesystem object ([`super::vfs`]).
//!
//! `getcwd`, `chdir`, `listdir([path])`, `ilistdir([path])` (an iterator
//! of `(name, type, inode, size)` tuples, type `0x4000` for directories
//! and `0x8000` for files), `stat(path)` (a 10-tuple: mode, ino, dev,
//! nlink, uid, gid, size, atime, mtime, ctime, with only mode, size and
//! the times filled), `remove`, `mkdir`, `rmdir`, `rename`, `mount`,
//! `umount` and `sep`. Failures raise `OSError(errno)` (`[Errno 2]
//! ENOENT`), as MicroPython's unix port does. Ports without a filesystem
//! keep the HAL defaults (every call fails with an errno).

use super::vfs::{self, Target};
use crate::obj::Obj;
use crate::qstr::{q, Qstr};
use crate::state::Vm;
use crate::typ::{BuiltinFun, ModuleDef, Rom};
use crate::types::exception::OS_ERROR_TYPE;
use crate::PyResult;
use alloc::string::String;
use alloc::vec::Vec;

fn os_error(vm: &mut Vm, errno: i32) -> crate::PyErr {
    vm.error_arg(&OS_ERROR_TYPE, Obj::small_int(errno as isize))
}

fn path_arg(vm: &mut Vm, o: Obj) -> PyResult<String> {
    match vm.str_of(o) {
        Some(s) => Ok(String::from(s)),
        None => Err(vm.type_error("can't convert to str implicitly")),
    }
}

fn unit(vm: &mut Vm, r: Result<(), i32>) -> PyResult<Obj> {
    match r {
        Ok(()) => Ok(Obj::NONE),
        Err(e) => Err(os_error(vm, e)),
    }
}

fn getcwd(vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    if let Some(cwd) = vfs::getcwd(vm)? {
        return Ok(cwd);
    }
    match vm.hal.getcwd() {
        Ok(s) => vm.new_str(&s),
        Err(e) => Err(os_error(vm, e)),
    }
}

fn chdir(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let p = path_arg(vm, a[0])?;
    vfs::chdir(vm, &p)?;
    Ok(Obj::NONE)
}

fn opt_path(vm: &mut Vm, a: &[Obj]) -> PyResult<String> {
    match a.first() {
        Some(&o) => path_arg(vm, o),
        None => Ok(String::new()),
    }
}

/// `(name, type, inode, size)` tuples of the port's directory `p`.
fn host_entries(vm: &mut Vm, p: &str) -> PyResult<Vec<Obj>> {
    let dir = if p.is_empty() { "." } else { p };
    let names = match vm.hal.listdir(dir) {
        Ok(n) => n,
        Err(e) => return Err(os_error(vm, e)),
    };
    let mut out = Vec::new();
    for n in names {
        let full = if dir.ends_with('/') { alloc::format!("{dir}{n}") } else { alloc::format!("{dir}/{n}") };
        let (mode, size) = vm.hal.stat_info(&full).map(|(m, s, _)| (m & 0xf000, s)).unwrap_or((0, 0));
        let name = vm.new_str(&n)?;
        vm.roots.push(name);
        let size = vm.new_int(size.min(i64::MAX as u64) as i64);
        vm.roots.pop();
        let t = vm.new_tuple(&[name, Obj::small_int(mode as isize), Obj::small_int(0), size?])?;
        vm.roots.push(t);
        out.push(t);
    }
    let n = out.len();
    vm.roots.truncate(vm.roots.len() - n);
    Ok(out)
}

/// `ilistdir([path])`: an iterator of `(name, type, inode, size)`.
fn ilistdir(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let p = opt_path(vm, a)?;
    match vfs::resolve(vm, &p)? {
        Target::Vfs(o, rest) => vfs::call_path(vm, o, q::ilistdir, &rest),
        Target::Host(p) => {
            let items = host_entries(vm, &p)?;
            let l = vm.new_list(items)?;
            vm.get_iter(l)
        }
    }
}

fn listdir(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let p = opt_path(vm, a)?;
    match vfs::resolve(vm, &p)? {
        Target::Vfs(o, rest) => {
            let it = vfs::call_path(vm, o, q::ilistdir, &rest)?;
            vm.roots.push(it);
            let r = (|| {
                let entries = vm.collect_iter(it)?;
                let list = vm.new_list(Vec::new())?;
                vm.roots.push(list);
                for e in entries {
                    let name = vm.seq_items(e).and_then(|v| v.first().copied()).unwrap_or(Obj::NONE);
                    crate::types::list::list_append(vm, list, name)?;
                }
                vm.roots.pop();
                Ok(list)
            })();
            vm.roots.pop();
            r
        }
        Target::Host(p) => {
            let names = match vm.hal.listdir(if p.is_empty() { "." } else { &p }) {
                Ok(n) => n,
                Err(e) => return Err(os_error(vm, e)),
            };
            let list = vm.new_list(Vec::new())?;
            for n in names {
                let s = vm.new_str(&n)?;
                crate::types::list::list_append(vm, list, s)?;
            }
            Ok(list)
        }
    }
}

fn stat(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let p = path_arg(vm, a[0])?;
    let p = match vfs::resolve(vm, &p)? {
        Target::Vfs(o, rest) => return vfs::call_path(vm, o, q::stat, &rest),
        Target::Host(p) => p,
    };
    let (mode, size, mtime) = match vm.hal.stat_info(&p) {
        Ok(v) => v,
        Err(e) => return Err(os_error(vm, e)),
    };
    let z = Obj::small_int(0);
    let mode = vm.new_int(mode as i64)?;
    let size = vm.new_int(size.min(i64::MAX as u64) as i64)?;
    let t = vm.new_int(mtime)?;
    vm.new_tuple(&[mode, z, z, z, z, z, size, t, t, t])
}

fn remove(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let p = path_arg(vm, a[0])?;
    let p = match vfs::resolve(vm, &p)? {
        Target::Vfs(o, rest) => return vfs::call_path(vm, o, q::remove, &rest),
        Target::Host(p) => p,
    };
    let r = vm.hal.remove(&p);
    unit(vm, r)
}

fn mkdir(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let p = path_arg(vm, a[0])?;
    let p = match vfs::resolve(vm, &p)? {
        Target::Vfs(o, rest) => return vfs::call_path(vm, o, q::mkdir, &rest),
        Target::Host(p) => p,
    };
    let r = vm.hal.mkdir(&p);
    unit(vm, r)
}

fn rmdir(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let p = path_arg(vm, a[0])?;
    let p = match vfs::resolve(vm, &p)? {
        Target::Vfs(o, rest) => return vfs::call_path(vm, o, q::rmdir, &rest),
        Target::Host(p) => p,
    };
    let r = vm.hal.rmdir(&p);
    unit(vm, r)
}

fn rename(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let f = path_arg(vm, a[0])?;
    let t = path_arg(vm, a[1])?;
    if vfs::rename(vm, &f, &t)?.is_some() {
        return Ok(Obj::NONE);
    }
    let r = vm.hal.rename(&f, &t);
    unit(vm, r)
}

static GETCWD: BuiltinFun = BuiltinFun::new(q::getcwd, 0, 0, getcwd);
static CHDIR: BuiltinFun = BuiltinFun::new(q::chdir, 1, 1, chdir);
static LISTDIR: BuiltinFun = BuiltinFun::new(q::listdir, 0, 1, listdir);
static ILISTDIR: BuiltinFun = BuiltinFun::new(q::ilistdir, 0, 1, ilistdir);
static STAT: BuiltinFun = BuiltinFun::new(q::stat, 1, 1, stat);
static REMOVE: BuiltinFun = BuiltinFun::new(q::remove, 1, 1, remove);
static MKDIR: BuiltinFun = BuiltinFun::new(q::mkdir, 1, 1, mkdir);
static RMDIR: BuiltinFun = BuiltinFun::new(q::rmdir, 1, 1, rmdir);
static RENAME: BuiltinFun = BuiltinFun::new(q::rename, 2, 2, rename);

static LOCALS: [(Qstr, Rom); 14] = [
    (q::__name__, Rom::Str(q::os)),
    (q::chdir, Rom::Fun(&CHDIR)),
    (q::getcwd, Rom::Fun(&GETCWD)),
    (q::ilistdir, Rom::Fun(&ILISTDIR)),
    (q::listdir, Rom::Fun(&LISTDIR)),
    (q::mkdir, Rom::Fun(&MKDIR)),
    (q::mount, Rom::Fun(vfs::MOUNT_FUN)),
    (q::remove, Rom::Fun(&REMOVE)),
    (q::rename, Rom::Fun(&RENAME)),
    (q::rmdir, Rom::Fun(&RMDIR)),
    (q::sep, Rom::Str(q::slash)),
    (q::stat, Rom::Fun(&STAT)),
    (q::umount, Rom::Fun(vfs::UMOUNT_FUN)),
    (q::unlink, Rom::Fun(&REMOVE)),
];

/// The `os` module.
pub static OS_MODULE: ModuleDef = ModuleDef { name: q::os, locals: &LOCALS, init: None };
