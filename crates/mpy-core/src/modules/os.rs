//! The `os` module: the filesystem through the port's [`crate::hal::Hal`].
//!
//! `getcwd`, `chdir`, `listdir([path])`, `stat(path)` (a 10-tuple:
//! mode, ino, dev, nlink, uid, gid, size, atime, mtime, ctime, with only
//! mode, size and the times filled), `remove`, `mkdir`, `rmdir`, `rename`
//! and `sep`. Failures raise `OSError(errno)` (`[Errno 2] ENOENT`), as
//! MicroPython's unix port does. Ports without a filesystem keep the HAL
//! defaults (every call fails with an errno).

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
const PATH_MAX: usize = 64 * 1024;

fn os_error(vm: &mut Vm, errno: i32) -> crate::PyErr {
    vm.error_arg(&OS_ERROR_TYPE, Obj::small_int(errno as isize))
}

fn path_arg<'a>(vm: &mut Vm, o: Obj) -> PyResult<&'a str> {
    match vm.str_pinned(o) {
        Some(s) => Ok(s),
        None => Err(vm.type_error("can't convert to str implicitly")),
    }
}

fn unit(vm: &mut Vm, r: Result<(), i32>) -> PyResult<Obj> {
    match r {
        Ok(()) => Ok(Obj::NONE),
        Err(e) => Err(os_error(vm, e)),
    }
}

/// `getcwd()`: asks the HAL with a heap buffer, doubling it until the
/// path fits.
fn getcwd(vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
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

fn chdir(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let p = path_arg(vm, a[0])?;
    let r = vm.hal.chdir(p);
    unit(vm, r)
}

/// `listdir([path])`: the names in a directory, as a list of str.
fn listdir(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let p = match a.first() {
        Some(&o) => path_arg(vm, o)?,
        None => ".",
    };
    let h = match vm.hal.dir_open(p) {
        Ok(h) => h,
        Err(e) => return Err(os_error(vm, e)),
    };
    let r = (|| {
        let list = vm.new_list_with_capacity(0)?;
        let mut name = [0u8; NAME_MAX];
        loop {
            match vm.hal.dir_next(h, &mut name) {
                Ok(Some(n)) => {
                    let s = vm.new_str_from_utf8(name.get(..n).unwrap_or(&name))?;
                    vm.vec_push(list, |l: &mut ListObj| &mut l.items, s)?;
                }
                Ok(None) => return Ok(list),
                Err(e) => return Err(os_error(vm, e)),
            }
        }
    })();
    vm.hal.dir_close(h);
    r
}

fn stat(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let p = path_arg(vm, a[0])?;
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

fn remove(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let p = path_arg(vm, a[0])?;
    let r = vm.hal.remove(p);
    unit(vm, r)
}

fn mkdir(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let p = path_arg(vm, a[0])?;
    let r = vm.hal.mkdir(p);
    unit(vm, r)
}

fn rmdir(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let p = path_arg(vm, a[0])?;
    let r = vm.hal.rmdir(p);
    unit(vm, r)
}

fn rename(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let f = path_arg(vm, a[0])?;
    let t = path_arg(vm, a[1])?;
    let r = vm.hal.rename(f, t);
    unit(vm, r)
}

static GETCWD: BuiltinFun = BuiltinFun::new(q::getcwd, 0, 0, getcwd);
static CHDIR: BuiltinFun = BuiltinFun::new(q::chdir, 1, 1, chdir);
static LISTDIR: BuiltinFun = BuiltinFun::new(q::listdir, 0, 1, listdir);
static STAT: BuiltinFun = BuiltinFun::new(q::stat, 1, 1, stat);
static REMOVE: BuiltinFun = BuiltinFun::new(q::remove, 1, 1, remove);
static MKDIR: BuiltinFun = BuiltinFun::new(q::mkdir, 1, 1, mkdir);
static RMDIR: BuiltinFun = BuiltinFun::new(q::rmdir, 1, 1, rmdir);
static RENAME: BuiltinFun = BuiltinFun::new(q::rename, 2, 2, rename);

static LOCALS: [(Qstr, Rom); 11] = [
    (q::__name__, Rom::Str(q::os)),
    (q::chdir, Rom::Fun(&CHDIR)),
    (q::getcwd, Rom::Fun(&GETCWD)),
    (q::listdir, Rom::Fun(&LISTDIR)),
    (q::mkdir, Rom::Fun(&MKDIR)),
    (q::remove, Rom::Fun(&REMOVE)),
    (q::rename, Rom::Fun(&RENAME)),
    (q::rmdir, Rom::Fun(&RMDIR)),
    (q::sep, Rom::Str(q::slash)),
    (q::stat, Rom::Fun(&STAT)),
    (q::unlink, Rom::Fun(&REMOVE)),
];

/// The `os` module.
pub static OS_MODULE: ModuleDef = ModuleDef::new(q::os, &LOCALS);
