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
//! The mount table (a list of `(point, obj)` tuples) and the current
//! mount (`(point, obj)`) live in the VM's builtins-override dict under
//! int keys, which no Python name can reach, so the gc keeps them.

use crate::hal::PathKind;
use crate::obj::Obj;
use crate::qstr::{q, Qstr};
use crate::state::Vm;
use crate::typ::{BuiltinFun, ModuleDef, Rom};
use crate::types::exception::OS_ERROR_TYPE;
use crate::PyResult;
use alloc::string::String;
use alloc::vec::Vec;

const MOUNTS_KEY: isize = 1;
const CURRENT_KEY: isize = 2;

/// `EPERM`, `EINVAL`, `EXDEV`: errnos the mount functions raise.
const EPERM: isize = 1;
const EINVAL: isize = 22;
const EXDEV: isize = 18;

/// Where a path leads.
pub enum Target {
    /// The port's filesystem, with this path.
    Host(String),
    /// A mounted object, with the path inside it.
    Vfs(Obj, String),
}

fn hidden_get(vm: &mut Vm, key: isize) -> PyResult<Option<Obj>> {
    let d = vm.vmstate.builtins_dict;
    if d.is_null() {
        return Ok(None);
    }
    vm.dict_lookup(d, Obj::small_int(key))
}

fn hidden_set(vm: &mut Vm, key: isize, v: Option<Obj>) -> PyResult<()> {
    if vm.vmstate.builtins_dict.is_null() {
        vm.vmstate.builtins_dict = vm.new_dict()?;
    }
    let d = vm.vmstate.builtins_dict;
    match v {
        Some(v) => vm.dict_store(d, Obj::small_int(key), v),
        None => vm.dict_remove(d, Obj::small_int(key)).map(|_| ()),
    }
}

/// The mount table: `(point, obj)` pairs.
fn mounts(vm: &mut Vm) -> PyResult<Vec<(String, Obj)>> {
    let Some(l) = hidden_get(vm, MOUNTS_KEY)? else { return Ok(Vec::new()) };
    let mut out = Vec::new();
    for t in vm.seq_items(l).unwrap_or_default() {
        let items = vm.seq_items(t).unwrap_or_default();
        if let (Some(&p), Some(&o)) = (items.first(), items.get(1)) {
            if let Some(s) = vm.str_of(p) {
                out.push((String::from(s), o));
            }
        }
    }
    Ok(out)
}

fn set_mounts(vm: &mut Vm, m: &[(String, Obj)]) -> PyResult<()> {
    let list = vm.new_list(Vec::new())?;
    vm.roots.push(list);
    let r = (|| {
        for (p, o) in m {
            let s = vm.new_str(p)?;
            let t = vm.new_tuple(&[s, *o])?;
            crate::types::list::list_append(vm, list, t)?;
        }
        hidden_set(vm, MOUNTS_KEY, if m.is_empty() { None } else { Some(list) })
    })();
    vm.roots.pop();
    r
}

/// The mount the current directory is in: `(point, obj)`.
fn current(vm: &mut Vm) -> PyResult<Option<(String, Obj)>> {
    let Some(t) = hidden_get(vm, CURRENT_KEY)? else { return Ok(None) };
    let items = vm.seq_items(t).unwrap_or_default();
    match (items.first(), items.get(1)) {
        (Some(&p), Some(&o)) => Ok(vm.str_of(p).map(|s| (String::from(s), o))),
        _ => Ok(None),
    }
}

fn set_current(vm: &mut Vm, cur: Option<(&str, Obj)>) -> PyResult<()> {
    match cur {
        None => hidden_set(vm, CURRENT_KEY, None),
        Some((p, o)) => {
            let s = vm.new_str(p)?;
            let t = vm.new_tuple(&[s, o])?;
            hidden_set(vm, CURRENT_KEY, Some(t))
        }
    }
}

/// True when nothing is mounted and the current directory is the
/// port's: the fast path for every filesystem access.
fn idle(vm: &mut Vm) -> PyResult<bool> {
    Ok(hidden_get(vm, MOUNTS_KEY)?.is_none() && hidden_get(vm, CURRENT_KEY)?.is_none())
}

/// Resolves `path` to the port's filesystem or a mounted object.
pub fn resolve(vm: &mut Vm, path: &str) -> PyResult<Target> {
    if idle(vm)? {
        return Ok(Target::Host(String::from(path)));
    }
    if path.starts_with('/') {
        let mut best: Option<(usize, Obj, String)> = None;
        for (mp, o) in mounts(vm)? {
            let rest = if mp == "/" {
                Some(String::from(path))
            } else if path == mp {
                Some(String::from("/"))
            } else {
                path.strip_prefix(mp.as_str()).filter(|r| r.starts_with('/')).map(String::from)
            };
            if let Some(rest) = rest {
                if best.as_ref().is_none_or(|b| mp.len() > b.0) {
                    best = Some((mp.len(), o, rest));
                }
            }
        }
        return Ok(match best {
            Some((_, o, rest)) => Target::Vfs(o, rest),
            None => Target::Host(String::from(path)),
        });
    }
    Ok(match current(vm)? {
        Some((_, o)) => Target::Vfs(o, String::from(path)),
        None => Target::Host(String::from(path)),
    })
}

/// Calls method `name` of the mounted object `o` with `args`.
pub fn call(vm: &mut Vm, o: Obj, name: Qstr, args: &[Obj]) -> PyResult<Obj> {
    let m = vm.load_attr(o, name)?;
    vm.call(m, args, &[])
}

/// Calls `o.name(path)`.
pub fn call_path(vm: &mut Vm, o: Obj, name: Qstr, path: &str) -> PyResult<Obj> {
    let p = vm.new_str(path)?;
    call(vm, o, name, &[p])
}

fn os_error(vm: &mut Vm, errno: isize) -> crate::PyErr {
    vm.error_arg(&OS_ERROR_TYPE, Obj::small_int(errno))
}

/// Mount points are stored without a trailing slash (`/` stays `/`).
fn normalise(p: &str) -> String {
    let t = p.trim_end_matches('/');
    if t.is_empty() {
        String::from("/")
    } else {
        String::from(t)
    }
}

/// `mount(vfs, mount_point, *, readonly=False, mkfs=False)`: calls
/// `vfs.mount(readonly, mkfs)`, then attaches it.
///
/// Errors: `OSError(EPERM)` when the point is already in use.
pub fn mount(vm: &mut Vm, a: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    crate::types::seq::kw_check(vm, kw, &["readonly", "mkfs"])?;
    if a.len() != 2 {
        return Err(vm.type_error("mount() takes 2 positional arguments"));
    }
    let Some(point) = vm.str_of(a[1]).map(normalise) else {
        return Err(vm.type_error("can't convert to str implicitly"));
    };
    let ro = crate::types::seq::kw_get(vm, kw, "readonly").unwrap_or(Obj::FALSE);
    let mkfs = crate::types::seq::kw_get(vm, kw, "mkfs").unwrap_or(Obj::FALSE);
    // As MicroPython: the object's mount() runs before the point is
    // checked.
    let m = vm.load_attr_maybe(a[0], q::mount)?;
    if !m.is_null() {
        vm.call(m, &[ro, mkfs], &[])?;
    }
    let mut table = mounts(vm)?;
    if table.iter().any(|(p, _)| *p == point) {
        return Err(os_error(vm, EPERM));
    }
    table.push((point, a[0]));
    set_mounts(vm, &table)?;
    Ok(Obj::NONE)
}

/// `umount(mount_point_or_vfs)`: detaches it and calls its `umount()`.
///
/// Errors: `OSError(EINVAL)` when nothing is mounted there.
pub fn umount(vm: &mut Vm, a: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let key = vm.str_of(a[0]).map(normalise);
    let mut table = mounts(vm)?;
    let Some(i) = table.iter().position(|(p, o)| match &key {
        Some(k) => p == k,
        None => *o == a[0],
    }) else {
        return Err(os_error(vm, EINVAL));
    };
    let (_, o) = table.remove(i);
    set_mounts(vm, &table)?;
    if current(vm)?.is_some_and(|(_, c)| c == o) {
        set_current(vm, None)?;
    }
    let m = vm.load_attr_maybe(o, q::umount)?;
    if !m.is_null() {
        vm.call(m, &[], &[])?;
    }
    Ok(Obj::NONE)
}

/// `os.chdir(path)`: into a mounted object (its `chdir`) or the port's
/// filesystem.
pub fn chdir(vm: &mut Vm, path: &str) -> PyResult<()> {
    match resolve(vm, path)? {
        Target::Vfs(o, rest) => {
            call_path(vm, o, q::chdir, &rest)?;
            let point = mounts(vm)?.into_iter().find(|(_, m)| *m == o).map(|(p, _)| p);
            let point = match point {
                Some(p) => p,
                None => current(vm)?.map(|(p, _)| p).unwrap_or_default(),
            };
            set_current(vm, Some((&point, o)))
        }
        Target::Host(p) => match vm.hal.chdir(&p) {
            Ok(()) => set_current(vm, None),
            Err(e) => Err(os_error(vm, e as isize)),
        },
    }
}

/// `os.getcwd()` inside a mount: the mount point joined with the
/// object's `getcwd()`; `None` when the current directory is the port's.
pub fn getcwd(vm: &mut Vm) -> PyResult<Option<Obj>> {
    let Some((point, o)) = current(vm)? else { return Ok(None) };
    let cwd = call(vm, o, q::getcwd, &[])?;
    let cwd = String::from(vm.str_of(cwd).unwrap_or("/"));
    let full = if cwd == "/" {
        point
    } else if point == "/" {
        cwd
    } else {
        alloc::format!("{point}{cwd}")
    };
    vm.new_str(&full).map(Some)
}

/// `os.rename(a, b)` when either path is in a mount.
///
/// Errors: `OSError(EXDEV)` across filesystems.
pub fn rename(vm: &mut Vm, from: &str, to: &str) -> PyResult<Option<()>> {
    match (resolve(vm, from)?, resolve(vm, to)?) {
        (Target::Host(_), Target::Host(_)) => Ok(None),
        (Target::Vfs(a, ra), Target::Vfs(b, rb)) if a == b => {
            let x = vm.new_str(&ra)?;
            let y = vm.new_str(&rb)?;
            call(vm, a, q::rename, &[x, y])?;
            Ok(Some(()))
        }
        _ => Err(os_error(vm, EXDEV)),
    }
}

/// What `path` names, for `import`: asks a mounted object's `stat`
/// (an error means missing) or the port.
pub fn path_kind(vm: &mut Vm, path: &str) -> PathKind {
    match resolve(vm, path) {
        Ok(Target::Host(p)) => vm.hal.stat(&p),
        Ok(Target::Vfs(o, rest)) => {
            let Ok(t) = call_path(vm, o, q::stat, &rest) else { return PathKind::Missing };
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

/// A whole file, for `import`: through a mounted object's
/// `open(path, 'rb')` / `read()` / `close()`, or the port.
pub fn read_file(vm: &mut Vm, path: &str) -> PyResult<Option<Vec<u8>>> {
    match resolve(vm, path)? {
        Target::Host(p) => Ok(vm.hal.read_file(&p)),
        Target::Vfs(o, rest) => {
            let p = vm.new_str(&rest)?;
            let mode = vm.new_str("rb")?;
            let f = call(vm, o, q::open, &[p, mode])?;
            let data = call(vm, f, q::read, &[])?;
            let bytes = crate::types::strutil::get_buffer(vm, data);
            call(vm, f, q::close, &[])?;
            Ok(bytes)
        }
    }
}

/// `open(path, mode)` on a mounted object: `Some(file)`, or `None` when
/// the path is the port's.
pub fn open(vm: &mut Vm, path: &str, mode: Obj) -> PyResult<Option<Obj>> {
    match resolve(vm, path)? {
        Target::Host(_) => Ok(None),
        Target::Vfs(o, rest) => {
            let p = vm.new_str(&rest)?;
            call(vm, o, q::open, &[p, mode]).map(Some)
        }
    }
}

static MOUNT: BuiltinFun = BuiltinFun::new_kw(q::mount, 2, mount);
static UMOUNT: BuiltinFun = BuiltinFun::new(q::umount, 1, 1, umount);

/// `os.mount` / `vfs.mount`.
pub static MOUNT_FUN: &BuiltinFun = &MOUNT;
/// `os.umount` / `vfs.umount`.
pub static UMOUNT_FUN: &BuiltinFun = &UMOUNT;

static LOCALS: [(Qstr, Rom); 3] =
    [(q::__name__, Rom::Str(q::vfs)), (q::mount, Rom::Fun(&MOUNT)), (q::umount, Rom::Fun(&UMOUNT))];

/// The `vfs` module.
pub static VFS_MODULE: ModuleDef = ModuleDef { name: q::vfs, locals: &LOCALS, init: None };
