//! User-defined filesystems (MicroPython's VFS layer, as `mpremote
//! mount` uses it): `vfs.mount(obj, '/point')` / `os.mount` attaches any
//! object with the VFS methods (`mount`, `umount`, `chdir`, `getcwd`,
//! `ilistdir`, `stat`, `open`, `remove`, `rename`, `mkdir`, `rmdir`) at
//! a mount point. Paths under a mount point, and relative paths while the
//! current directory is inside one, go to that object (with the path
//! relative to the mount point, starting with `/`, or the relative path
//! as given); every other path goes to the port's filesystem through the
//! [`crate::hal::Hal`]. `os`, `open()` and `import` (including `sys.path`
//! entries under a mount point) all resolve paths here.
//!
//! State: the mount table is a list of `(point, obj)` tuples in
//! [`crate::vm::VmState::vfs_mounts`] (NULL when empty), and the mount
//! holding the current directory is one of those tuples in
//! [`crate::vm::VmState::vfs_current`]; both are `Vm` fields, so gc
//! roots. Points are stored without a trailing slash (`/` stays `/`).

use crate::typ::Entry;
use crate::hal::PathKind;
use crate::heap::GcVec;
use crate::obj::Obj;
use crate::qstr::q;
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{BuiltinFun, ModuleDef, Rom};
use crate::types::exception::OS_ERROR_TYPE;
use crate::types::list::ListObj;
use crate::types::seq::{kw_check, kw_get};
use crate::PyResult;

/// `EPERM`, `EINVAL`, `EXDEV`: errnos the mount functions raise.
const EPERM: isize = 1;
const EINVAL: isize = 22;
const EXDEV: isize = 18;

/// Where a path leads.
pub enum Target<'a> {
    /// The port's filesystem, with this path.
    Host(&'a str),
    /// A mounted object, with the path inside it (a str object).
    Vfs(Obj, Obj),
}

/// The `(point, obj)` of mount-table tuple `t` (point text pinned).
fn entry<'a>(vm: &Vm, t: Obj) -> Option<(&'a str, Obj)> {
    match vm.tuple_pinned(t)? {
        &[p, o] => Some((vm.str_pinned(p)?, o)),
        _ => None,
    }
}

/// The mount-table tuples (empty when nothing is mounted).
fn mounts(vm: &Vm) -> &[Obj] {
    vm.list_items(vm.vmstate.vfs_mounts).unwrap_or(&[])
}

/// Resolves `path` to the port's filesystem or a mounted object.
///
/// Errors: `MemoryError`.
pub fn resolve<'a>(vm: &mut Vm, path: &'a str) -> PyResult<Target<'a>> {
    if vm.vmstate.vfs_mounts.is_null() && vm.vmstate.vfs_current.is_null() {
        return Ok(Target::Host(path));
    }
    if path.starts_with('/') {
        // Longest mount point that is `path` or a directory above it.
        let mut best: Option<(usize, Obj, &'a str)> = None;
        for &t in mounts(vm) {
            let Some((mp, o)) = entry(vm, t) else { continue };
            let rest = if mp == "/" {
                Some(path)
            } else if path == mp {
                Some("/")
            } else {
                path.strip_prefix(mp).filter(|r| r.starts_with('/'))
            };
            if let Some(rest) = rest {
                if best.is_none_or(|b| mp.len() > b.0) {
                    best = Some((mp.len(), o, rest));
                }
            }
        }
        return Ok(match best {
            Some((_, o, rest)) => Target::Vfs(o, vm.new_str(rest)?),
            None => Target::Host(path),
        });
    }
    match entry(vm, vm.vmstate.vfs_current) {
        Some((_, o)) => Ok(Target::Vfs(o, vm.new_str(path)?)),
        None => Ok(Target::Host(path)),
    }
}

pub use super::args::{call_method as call, call_method_maybe as call_maybe};

fn os_error(vm: &mut Vm, errno: isize) -> crate::PyErr {
    vm.error_arg(&OS_ERROR_TYPE, Obj::small_int(errno))
}

/// `p` without trailing slashes (`/` for a root).
fn normalise(p: &str) -> &str {
    // (A byte scan: the cut follows a byte that is not `/` and comes
    // before a `/` or the end, so it is a char boundary.)
    match p.bytes().rposition(|b| b != b'/') {
        Some(i) => p.get(..=i).unwrap_or(p),
        None => "/",
    }
}

/// Index in the mount table of the entry whose point is `point` (or,
/// when `point` is None, whose object is `o`).
fn find(vm: &Vm, point: Option<&str>, o: Obj) -> Option<usize> {
    mounts(vm).iter().position(|&t| match (entry(vm, t), point) {
        (Some((p, _)), Some(k)) => p == k,
        (Some((_, m)), None) => m == o,
        (None, _) => false,
    })
}

/// `mount(vfs, mount_point, *, readonly=False, mkfs=False)`: calls
/// `vfs.mount(readonly, mkfs)`, then attaches it.
///
/// Errors: `OSError(EPERM)` when the point is already in use; whatever
/// `vfs.mount` raises; `MemoryError`.
pub fn mount(vm: &mut Vm, a: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    kw_check(vm, kw, &["readonly", "mkfs"])?;
    if a.len() != 2 {
        return Err(vm.type_error(msg!("function takes 2 positional arguments")));
    }
    let Some(point) = vm.str_pinned(a[1]).map(normalise) else {
        return Err(super::args::str_conv_error(vm, a[1]));
    };
    let ro = kw_get(vm, kw, "readonly").unwrap_or(Obj::FALSE);
    let mkfs = kw_get(vm, kw, "mkfs").unwrap_or(Obj::FALSE);
    // As MicroPython: the object's mount() runs before the point is
    // checked.
    call_maybe(vm, a[0], q::mount, &[ro, mkfs])?;
    if find(vm, Some(point), Obj::NULL).is_some() {
        return Err(os_error(vm, EPERM));
    }
    let p = vm.new_str(point)?;
    let t = vm.new_tuple(&[p, a[0]])?;
    if vm.vmstate.vfs_mounts.is_null() {
        vm.vmstate.vfs_mounts = vm.new_list_with_capacity(1)?;
    }
    let l = vm.vmstate.vfs_mounts;
    vm.vec_push(l, |x: &mut ListObj| &mut x.items, t)?;
    Ok(Obj::NONE)
}

/// `umount(mount_point_or_vfs)`: detaches it and calls its `umount()`.
///
/// Errors: `OSError(EINVAL)` when nothing is mounted there; whatever
/// `vfs.umount` raises.
pub fn umount(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let a = &[a0];
    let point = vm.str_pinned(a[0]).map(normalise);
    let Some((i, t)) = find(vm, point, a[0]).and_then(|i| Some((i, *mounts(vm).get(i)?))) else {
        return Err(os_error(vm, EINVAL));
    };
    let o = entry(vm, t).map_or(Obj::NONE, |e| e.1);
    let l = vm.vmstate.vfs_mounts;
    let empty = match vm.heap.get_mut::<ListObj>(l) {
        Some(list) => {
            list.items.remove(i);
            list.items.is_empty()
        }
        None => true,
    };
    if empty {
        vm.vmstate.vfs_mounts = Obj::NULL;
    }
    if vm.vmstate.vfs_current == t {
        vm.vmstate.vfs_current = Obj::NULL;
    }
    call_maybe(vm, o, q::umount, &[])?;
    Ok(Obj::NONE)
}

/// `os.chdir(path)`: into a mounted object (its `chdir`) or the port's
/// filesystem.
///
/// Errors: `OSError(errno)`; whatever the object's `chdir` raises.
pub fn chdir(vm: &mut Vm, path: &str) -> PyResult<()> {
    match resolve(vm, path)? {
        Target::Vfs(o, rest) => {
            call(vm, o, q::chdir, &[rest])?;
            if let Some(&t) = find(vm, None, o).and_then(|i| mounts(vm).get(i)) {
                vm.vmstate.vfs_current = t;
            }
            Ok(())
        }
        Target::Host(p) => match vm.hal.chdir(p) {
            Ok(()) => {
                vm.vmstate.vfs_current = Obj::NULL;
                Ok(())
            }
            Err(e) => Err(os_error(vm, e as isize)),
        },
    }
}

/// `os.getcwd()` inside a mount: the mount point joined with the
/// object's `getcwd()`; `None` when the current directory is the port's.
///
/// Errors: whatever the object's `getcwd` raises; `MemoryError`.
pub fn getcwd(vm: &mut Vm) -> PyResult<Option<Obj>> {
    let Some((point, o)) = entry(vm, vm.vmstate.vfs_current) else { return Ok(None) };
    let cwd = call(vm, o, q::getcwd, &[])?;
    let c = vm.str_pinned(cwd).unwrap_or("/");
    // The point (none for the root) then the object's path (none for its
    // root under another point).
    let head = if point == "/" { "" } else { point };
    let tail = if c == "/" && !head.is_empty() { "" } else { c };
    let mut out = Out::buf();
    out.str(vm, head)?;
    out.str(vm, tail)?;
    out.into_str(vm).map(Some)
}

/// `os.rename(a, b)` when either path is in a mount: `Some(())` once
/// done, `None` when both paths are the port's.
///
/// Errors: `OSError(EXDEV)` across filesystems; whatever the object's
/// `rename` raises.
pub fn rename(vm: &mut Vm, from: &str, to: &str) -> PyResult<Option<()>> {
    let a = resolve(vm, from)?;
    let b = resolve(vm, to)?;
    match (a, b) {
        (Target::Host(_), Target::Host(_)) => Ok(None),
        (Target::Vfs(a, ra), Target::Vfs(b, rb)) if a == b => {
            call(vm, a, q::rename, &[ra, rb])?;
            Ok(Some(()))
        }
        _ => Err(os_error(vm, EXDEV)),
    }
}

/// What `path` names, for `import`: asks a mounted object's `stat`
/// (an error means missing) or the port.
pub fn path_kind(vm: &mut Vm, path: &str) -> PathKind {
    match resolve(vm, path) {
        Ok(Target::Host(p)) => vm.hal.stat(p),
        Ok(Target::Vfs(o, rest)) => {
            let Ok(t) = call(vm, o, q::stat, &[rest]) else { return PathKind::Missing };
            let mode = vm.seq_items(t).and_then(|v| v.first().and_then(|m| m.as_small_int())).unwrap_or(0);
            if mode & 0x4000 != 0 {
                PathKind::Dir
            } else {
                PathKind::File
            }
        }
        Err(_) => PathKind::Missing,
    }
}

/// A whole file, for `import`, in a new heap buffer: through a mounted
/// object's `open(path, 'rb')` / `read()` / `close()`, or the port
/// (None if the port cannot read it).
///
/// Errors: whatever the object's methods raise; `MemoryError`.
pub fn read_file(vm: &mut Vm, path: &str) -> PyResult<Option<GcVec<u8>>> {
    let (o, rest) = match resolve(vm, path)? {
        Target::Host(p) => return vm.read_file(p),
        Target::Vfs(o, rest) => (o, rest),
    };
    let f = call(vm, o, q::open, &[rest, Obj::qstr(q::rb)])?;
    let data = call(vm, f, q::read, &[])?;
    let mut v: GcVec<u8> = GcVec::new();
    let n = crate::types::strutil::buffer_ref(vm, data).map_or(0, |b| b.len());
    vm.vec_reserve_local(&mut v, n)?;
    if let Some(b) = crate::types::strutil::buffer_ref(vm, data) {
        v.extend_within_capacity(b);
    }
    call(vm, f, q::close, &[])?;
    Ok(Some(v))
}

/// `open(path, mode)` on a mounted object: `Some(file)`, or `None` when
/// the path is the port's.
///
/// Errors: whatever the object's `open` raises; `MemoryError`.
pub fn open(vm: &mut Vm, path: &str, mode: Obj) -> PyResult<Option<Obj>> {
    match resolve(vm, path)? {
        Target::Host(_) => Ok(None),
        Target::Vfs(o, rest) => call(vm, o, q::open, &[rest, mode]).map(Some),
    }
}

static MOUNT: BuiltinFun = BuiltinFun::new_kw(q::mount, 2, mount);
static UMOUNT: BuiltinFun = BuiltinFun::new1(q::umount, umount);

/// `os.mount` / `vfs.mount`.
pub static MOUNT_FUN: &BuiltinFun = &MOUNT;
/// `os.umount` / `vfs.umount`.
pub static UMOUNT_FUN: &BuiltinFun = &UMOUNT;

static LOCALS: [Entry; 3] =
    [Entry::new(q::__name__, Rom::Str(q::vfs)), Entry::new(q::mount, Rom::Fun(&MOUNT)), Entry::new(q::umount, Rom::Fun(&UMOUNT))];

/// The `vfs` module.
pub static VFS_MODULE: ModuleDef = ModuleDef::new(q::vfs, &LOCALS);
