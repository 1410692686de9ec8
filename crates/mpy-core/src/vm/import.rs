//! `import`: built-in modules ([`crate::modules::BUILTIN_MODULES`]), then
//! `.py` then `.mpy` files along `sys.path` through the HAL, and frozen
//! modules under its `.frozen` entry (packages with `__init__.py` or
//! `__init__.mpy`), relative imports, `sys.modules` caching, `from m import
//! *`, and MicroPython's ImportError messages.

use crate::hal::PathKind;
use crate::obj::Obj;
use crate::objdata::{Module, ObjData};
use crate::qstr::{q, Qstr};
use crate::state::Vm;
use crate::types::exception as exc;
use crate::PyResult;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// Creates an empty module object named `name` (globals hold `__name__`).
pub fn new_module(vm: &mut Vm, name: Qstr) -> PyResult<Obj> {
    let g = vm.new_dict()?;
    let base = vm.roots.len();
    vm.roots.push(g);
    let r = (|| {
        vm.dict_store(g, Obj::qstr(q::__name__), Obj::qstr(name))?;
        vm.alloc(ObjData::Module(Module { name, globals: g }))
    })();
    vm.roots.truncate(base);
    r
}

fn modules_dict(vm: &mut Vm) -> PyResult<Obj> {
    if vm.modules.is_null() {
        vm.modules = vm.new_dict()?;
    }
    Ok(vm.modules)
}

/// The module's globals dict.
pub fn module_globals(vm: &Vm, m: Obj) -> Option<Obj> {
    match vm.heap.get(m)? {
        ObjData::Module(md) => Some(md.globals),
        _ => None,
    }
}

fn import_error(vm: &mut Vm, name: &str) -> crate::PyErr {
    let msg = format!("no module named '{}'", name);
    vm.error(&exc::IMPORT_ERROR_TYPE, &msg)
}

/// Loads a built-in module by its full name, if there is one.
fn load_builtin(vm: &mut Vm, name: Qstr) -> PyResult<Option<Obj>> {
    let Some(def) = crate::modules::BUILTIN_MODULES.iter().copied().find(|m| m.name == name) else {
        return Ok(None);
    };
    let m = new_module(vm, name)?;
    let base = vm.roots.len();
    vm.roots.push(m);
    let r = (|| {
        let g = module_globals(vm, m).unwrap_or(Obj::NULL);
        for &(k, v) in def.locals {
            let o = vm.rom_to_obj(v)?;
            vm.dict_store(g, Obj::qstr(k), o)?;
        }
        let md = modules_dict(vm)?;
        vm.dict_store(md, Obj::qstr(name), m)?;
        if let Some(init) = def.init {
            init(vm, m)?;
        }
        Ok(Some(m))
    })();
    vm.roots.truncate(base);
    r
}

/// The directories of `sys.path`.
fn search_path(vm: &Vm) -> Vec<String> {
    match vm.heap.get(vm.sys_path) {
        Some(ObjData::List(l)) => l.iter().filter_map(|&o| vm.str_of(o).map(String::from)).collect(),
        _ => alloc::vec![String::new()],
    }
}

fn join(dir: &str, rel: &str) -> String {
    if dir.is_empty() {
        String::from(rel)
    } else {
        format!("{}/{}", dir.trim_end_matches('/'), rel)
    }
}

/// A module found along `sys.path`: a source file, a `.mpy` file or a
/// frozen module (path as `__file__` shows it).
enum Found {
    /// `.py` or `.mpy` file on the filesystem.
    File(String),
    /// Frozen module.
    Frozen(&'static super::frozen::FrozenModule),
    /// A package directory without `__init__`.
    None,
}

/// What `path` is: file system or frozen table (paths under `.frozen`).
fn stat(vm: &mut Vm, path: &str) -> (PathKind, Option<&'static super::frozen::FrozenModule>) {
    use super::frozen::{frozen_stat, FrozenStat, FROZEN_DIR};
    if path == FROZEN_DIR || path.starts_with(".frozen/") {
        return match frozen_stat(vm.vmstate.frozen, path) {
            FrozenStat::File(m) => (PathKind::File, Some(m)),
            FrozenStat::Dir => (PathKind::Dir, None),
            FrozenStat::Missing => (PathKind::Missing, None),
        };
    }
    (crate::modules::vfs::path_kind(vm, path), None)
}

/// MicroPython's `.py`-then-`.mpy` probe: `base` + `.py`, else `base` +
/// `.mpy`.
fn find_py_or_mpy(vm: &mut Vm, base: &str) -> Option<Found> {
    for ext in [".py", ".mpy"] {
        let f = format!("{}{}", base, ext);
        match stat(vm, &f) {
            (PathKind::File, Some(m)) => return Some(Found::Frozen(m)),
            (PathKind::File, None) => return Some(Found::File(f)),
            _ => {}
        }
    }
    None
}

/// Compiles and runs file `path` (`.py` source or `.mpy`) or a frozen
/// module as the body of module `m`. Without a compiler, a `.py` file
/// raises `ImportError: script compilation not supported` (MicroPython's
/// message for builds without the compiler).
fn exec_file_in(vm: &mut Vm, m: Obj, found: &Found) -> PyResult<()> {
    let g = module_globals(vm, m).unwrap_or(Obj::NULL);
    match found {
        Found::None => Ok(()),
        Found::Frozen(fm) => {
            let pq = vm.intern(&format!("{}/{}", super::frozen::FROZEN_DIR, fm.path));
            vm.dict_store(g, Obj::qstr(q::__file__), Obj::qstr(pq))?;
            super::frozen::exec_frozen_in(vm, fm, g)?;
            Ok(())
        }
        Found::File(path) => {
            let Some(src) = crate::modules::vfs::read_file(vm, path)? else {
                let msg = format!("no module named '{}'", path);
                return Err(vm.error(&exc::IMPORT_ERROR_TYPE, &msg));
            };
            let pq = vm.intern(path);
            vm.dict_store(g, Obj::qstr(q::__file__), Obj::qstr(pq))?;
            if path.ends_with(".mpy") {
                super::frozen::exec_mpy_in(vm, &src, g)?;
            } else if vm.vmstate.compile.is_none() {
                // MicroPython built without its compiler says this.
                return Err(vm.error(&exc::IMPORT_ERROR_TYPE, "script compilation not supported"));
            } else {
                super::exec::exec_source_in(vm, &src, path, super::CompileMode::Exec, g, g)?;
            }
            Ok(())
        }
    }
}

/// Imports one dotted name component: `full` is the full dotted name,
/// `parent` the already-imported parent package (NULL for top level).
fn import_one(vm: &mut Vm, full: &str, parent: Obj) -> PyResult<Obj> {
    let fq = vm.intern(full);
    let md = modules_dict(vm)?;
    if let Some(m) = vm.dict_lookup_qstr(md, fq)? {
        return Ok(m);
    }
    if let Some(m) = load_builtin(vm, fq)? {
        return Ok(m);
    }
    let leaf = full.rsplit('.').next().unwrap_or(full);
    let dirs: Vec<String> = if parent.is_null() {
        search_path(vm)
    } else {
        let g = module_globals(vm, parent).unwrap_or(Obj::NULL);
        match vm.dict_lookup_qstr(g, q::__path__)? {
            Some(p) => match vm.str_of(p) {
                Some(s) => alloc::vec![String::from(s)],
                None => return Err(import_error(vm, full)),
            },
            None => return Err(import_error(vm, full)),
        }
    };
    for d in dirs {
        let pkg = join(&d, leaf);
        let (found, is_pkg) = if stat(vm, &pkg).0 == PathKind::Dir {
            (find_py_or_mpy(vm, &join(&pkg, "__init__")).unwrap_or(Found::None), true)
        } else {
            match find_py_or_mpy(vm, &pkg) {
                Some(f) => (f, false),
                None => continue,
            }
        };
        let m = new_module(vm, fq)?;
        let base = vm.roots.len();
        vm.roots.push(m);
        let r = (|| {
            let g = module_globals(vm, m).unwrap_or(Obj::NULL);
            if is_pkg {
                let pq = vm.intern(&pkg);
                vm.dict_store(g, Obj::qstr(q::__path__), Obj::qstr(pq))?;
            }
            vm.dict_store(md, Obj::qstr(fq), m)?;
            if let Err(e) = exec_file_in(vm, m, &found) {
                let _ = vm.dict_remove(md, Obj::qstr(fq));
                return Err(e);
            }
            if !parent.is_null() {
                let lq = vm_leaf_q(vm, leaf);
                vm.store_attr(parent, lq, m)?;
            }
            Ok(m)
        })();
        vm.roots.truncate(base);
        return r;
    }
    Err(import_error(vm, full))
}

fn vm_leaf_q(vm: &mut Vm, leaf: &str) -> Qstr {
    vm.intern(leaf)
}

/// Imports dotted `name` (after resolving relative `level`), returning
/// every package along the way; the last is the named module.
fn import_path(vm: &mut Vm, name: &str) -> PyResult<Vec<Obj>> {
    let mut out = Vec::new();
    let mut full = String::new();
    let mut parent = Obj::NULL;
    let base = vm.roots.len();
    for part in name.split('.') {
        if !full.is_empty() {
            full.push('.');
        }
        full.push_str(part);
        let m = match import_one(vm, &full, parent) {
            Ok(m) => m,
            Err(e) => {
                vm.roots.truncate(base);
                return Err(e);
            }
        };
        vm.roots.push(m);
        out.push(m);
        parent = m;
    }
    vm.roots.truncate(base);
    Ok(out)
}

/// IMPORT_NAME: `import a.b.c` (fromlist None: returns `a`) or `from
/// a.b import x` (fromlist a tuple: returns `a.b`), with `level` leading
/// dots resolved against `globals['__name__']`.
///
/// Errors: `ImportError: no module named 'x'`, errors raised by the
/// module's body.
pub fn import_name(vm: &mut Vm, name: Qstr, fromlist: Obj, level: Obj, globals: Obj) -> PyResult<Obj> {
    let level = level.as_small_int().unwrap_or(0).max(0) as usize;
    let mut full = String::from(vm.qstrs.str(name));
    if level > 0 {
        let cur = vm.dict_lookup_qstr(globals, q::__name__)?;
        let cur = cur.and_then(|c| vm.str_of(c).map(String::from)).unwrap_or_default();
        let is_pkg = vm.dict_lookup_qstr(globals, q::__path__)?.is_some();
        let mut pkg: Vec<&str> = cur.split('.').collect();
        let drop = if is_pkg { level - 1 } else { level };
        if cur.is_empty() || drop >= pkg.len() {
            return Err(vm.error(&exc::IMPORT_ERROR_TYPE, "can't perform relative import"));
        }
        pkg.truncate(pkg.len() - drop);
        let mut p = pkg.join(".");
        if !full.is_empty() {
            if !p.is_empty() {
                p.push('.');
            }
            p.push_str(&full);
        }
        full = p;
    }
    let mods = import_path(vm, &full)?;
    let want_leaf = fromlist != Obj::NONE && !fromlist.is_null();
    let r = if want_leaf { mods.last() } else { mods.first() };
    Ok(r.copied().unwrap_or(Obj::NONE))
}

/// IMPORT_FROM: `from m import name` (a submodule of a package is imported
/// on demand).
///
/// Errors: `ImportError: cannot import name x`.
pub fn import_from(vm: &mut Vm, m: Obj, name: Qstr) -> PyResult<Obj> {
    let v = vm.load_attr_maybe(m, name)?;
    if !v.is_null() {
        return Ok(v);
    }
    if let Some(ObjData::Module(md)) = vm.heap.get(m) {
        let (mn, g) = (md.name, md.globals);
        if vm.dict_lookup_qstr(g, q::__path__)?.is_some() {
            let full = format!("{}.{}", vm.qstrs.str(mn), vm.qstrs.str(name));
            if let Ok(sub) = import_one(vm, &full, m) {
                return Ok(sub);
            }
        }
    }
    let msg = format!("cannot import name {}", vm.qstrs.str(name));
    Err(vm.error(&exc::IMPORT_ERROR_TYPE, &msg))
}

/// IMPORT_STAR: copies the module's public names (not starting with `_`)
/// into `locals`.
pub fn import_star(vm: &mut Vm, m: Obj, locals: Obj) -> PyResult<()> {
    let Some(g) = module_globals(vm, m) else { return Ok(()) };
    let entries: Vec<(Obj, Obj)> = match vm.table(g) {
        Some(t) => t.iter().map(|e| (e.key, e.value)).collect(),
        None => Vec::new(),
    };
    for (k, v) in entries {
        if vm.str_of(k).is_some_and(|s| !s.starts_with('_')) {
            vm.dict_store(locals, k, v)?;
        }
    }
    Ok(())
}
