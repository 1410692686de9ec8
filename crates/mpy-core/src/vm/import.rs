//! `import`: `sys.modules`, built-in modules ([`crate::modules::BUILTIN_MODULES`],
//! static objects: importing one allocates nothing and does not enter it in
//! `sys.modules`, as on MicroPython), then `.py` then `.mpy` files along
//! `sys.path` through the HAL, and frozen modules under its `.frozen` entry
//! (packages with `__init__.py` or `__init__.mpy`), relative imports,
//! `from m import *`, and MicroPython's ImportError messages.
//!
//! Paths are built in gc-heap buffers ([`PathBuf`]), never with Rust's
//! allocator.

use super::module::{module_globals, module_name, new_module};
use crate::hal::PathKind;
use crate::heap::GcVec;
use crate::obj::Obj;
use crate::qstr::{q, Qstr};
use crate::state::Vm;
use crate::types::exception as exc;
use crate::PyResult;

/// A path or dotted name being built, in a gc-heap buffer held in a Rust
/// local (so the collector sees it). Text is appended from `&str`s only,
/// so it is always UTF-8.
struct PathBuf(GcVec<u8>);

impl PathBuf {
    fn new() -> PathBuf {
        PathBuf(GcVec::new())
    }

    #[cfg_attr(target_os = "none", inline(never))]
    fn push(&mut self, vm: &mut Vm, s: &str) -> PyResult<()> {
        vm.vec_extend_local(&mut self.0, s.as_bytes())
    }

    fn as_str(&self) -> &str {
        mpy_bytecode::utf8::str(self.0.as_slice()).unwrap_or("")
    }

    fn len(&self) -> usize {
        self.0.len()
    }

    fn truncate(&mut self, n: usize) {
        self.0.truncate(n);
    }

    /// Appends `/rel` (or just `rel` when empty), dropping trailing `/`s.
    fn join(&mut self, vm: &mut Vm, rel: &str) -> PyResult<()> {
        while self.0.as_slice().last() == Some(&b'/') {
            let n = self.0.len() - 1;
            self.0.truncate(n);
        }
        if self.len() > 0 {
            self.push(vm, "/")?;
        }
        self.push(vm, rel)
    }

    #[cfg_attr(target_os = "none", inline(never))]
    fn free(self, vm: &mut Vm) {
        vm.heap.free_vec(self.0);
    }
}

/// Splits `s` at its first `sep` (an ASCII byte): the text before it and
/// the text after it (None without a `sep`). A byte loop: `str::split`'s
/// searcher costs a few hundred bytes of board flash.
pub(crate) fn split_once_byte(s: &str, sep: u8) -> (&str, Option<&str>) {
    match s.as_bytes().iter().position(|&b| b == sep) {
        Some(i) => (s.get(..i).unwrap_or(""), s.get(i + 1..)),
        None => (s, None),
    }
}

/// `sys.modules` (made on first use).
///
/// Errors: `MemoryError`.
pub(crate) fn modules_dict(vm: &mut Vm) -> PyResult<Obj> {
    if vm.modules.is_null() {
        vm.modules = vm.new_dict()?;
    }
    Ok(vm.modules)
}

/// `ImportError: no module named 'x'`.
fn import_error(vm: &mut Vm, name: &str) -> crate::PyErr {
    vm.error_fmt(&exc::IMPORT_ERROR_TYPE, msg!("no module named '{}'"), &[name.into()])
}

/// A module found along `sys.path`.
enum Found {
    /// `.py` or `.mpy` file on the filesystem (its path is in the caller's
    /// buffer).
    File,
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
    #[cfg(feature = "os")]
    return (crate::modules::vfs::path_kind(vm, path), None);
    #[cfg(not(feature = "os"))]
    (vm.hal.stat(path), None)
}

/// MicroPython's `.py`-then-`.mpy` probe on `base`: on success `base` is
/// left holding the file's path.
fn find_py_or_mpy(vm: &mut Vm, base: &mut PathBuf) -> PyResult<Option<Found>> {
    let n = base.len();
    for ext in [".py", ".mpy"] {
        base.truncate(n);
        base.push(vm, ext)?;
        match stat(vm, base.as_str()) {
            (PathKind::File, Some(m)) => return Ok(Some(Found::Frozen(m))),
            (PathKind::File, None) => return Ok(Some(Found::File)),
            _ => {}
        }
    }
    base.truncate(n);
    Ok(None)
}

/// Runs file `path` (`.py` source or `.mpy`) or a frozen module as the
/// body of module `m`. Without a compiler, a `.py` file raises
/// `ImportError: script compilation not supported` (MicroPython's message
/// for builds without the compiler).
fn exec_file_in(vm: &mut Vm, m: Obj, found: &Found, path: &str) -> PyResult<()> {
    let g = module_globals(vm, m).unwrap_or(Obj::NULL);
    match found {
        Found::None => Ok(()),
        Found::Frozen(fm) => {
            let pq = frozen_file_name(vm, fm.path)?;
            after_loading(vm);
            vm.dict_store(g, Obj::qstr(q::__file__), Obj::qstr(pq))?;
            super::frozen::exec_frozen_in(vm, fm, g)?;
            Ok(())
        }
        Found::File => {
            let l = read_and_load(vm, path);
            after_loading(vm);
            let l = l?;
            let pq = vm.intern(path)?;
            vm.dict_store(g, Obj::qstr(q::__file__), Obj::qstr(pq))?;
            super::exec::run_loaded(vm, &l, g, g).map(|_| ())
        }
    }
}

/// Reads a module's file, compiles it (or parses it, for `.mpy`) and
/// loads it into the heap, giving the file's bytes back to the heap
/// before loading compiled code (on the boards `.mpy` contents load
/// straight from the bytes: [`super::frozen::load_mpy`]).
///
/// Errors: `ImportError` if the file cannot be read; `SyntaxError`,
/// `ValueError: incompatible .mpy file`, `MemoryError`.
#[inline(never)]
fn read_and_load(vm: &mut Vm, path: &str) -> PyResult<super::load::Loaded> {
    // Through a mounted filesystem object or the port (without `os`: the
    // port's files only).
    #[cfg(feature = "os")]
    let src = crate::modules::vfs::read_file(vm, path)?;
    #[cfg(not(feature = "os"))]
    let src = vm.read_file(path)?;
    let Some(src) = src else {
        return Err(import_error(vm, path));
    };
    let c = if path.ends_with(".mpy") {
        #[cfg(any(target_os = "none", feature = "board-mpy"))]
        {
            let l = super::frozen::load_mpy(vm, src.as_slice());
            vm.heap.free_vec(src);
            return l;
        }
        #[cfg(not(any(target_os = "none", feature = "board-mpy")))]
        super::frozen::parse_mpy(vm, src.as_slice())
    } else if vm.vmstate.compile.is_none() {
        // MicroPython built without its compiler says this.
        Err(vm.error(&exc::IMPORT_ERROR_TYPE, msg!("script compilation not supported")))
    } else {
        super::exec::compile_source(vm, src.as_slice(), path, super::CompileMode::Exec)
    };
    vm.heap.free_vec(src);
    super::load::load_compiled(vm, &c?)
}

/// `__file__` of a frozen module: `.frozen/<path>` interned.
///
/// Errors: `MemoryError`.
#[inline(never)]
fn frozen_file_name(vm: &mut Vm, path: &str) -> PyResult<Qstr> {
    let mut p = PathBuf::new();
    p.push(vm, super::frozen::FROZEN_DIR)?;
    p.join(vm, path)?;
    let pq = vm.intern(p.as_str());
    p.free(vm);
    pq
}

/// After a helper freed a buffer (the file's bytes, a path): its dead
/// frame still holds the buffer's address, and the module body's frames
/// would leave it in place, where the conservative collector would take it
/// for a pointer to whatever the heap puts there next. Zero that area.
fn after_loading(vm: &mut Vm) {
    super::scrub::scrub_native_stack(vm);
}

/// The `i`-th directory of `sys.path` (a str object), None past the end.
fn path_entry(vm: &Vm, i: usize) -> Option<Obj> {
    match vm.list_items(vm.sys_path) {
        Some(l) => l.get(i).copied(),
        // No usable `sys.path`: the current directory.
        None => (i == 0).then_some(Obj::qstr(q::empty)),
    }
}

/// Imports one dotted name component: `full` is the full dotted name,
/// `parent` the already-imported parent package (NULL for top level).
fn import_one(vm: &mut Vm, full: &str, parent: Obj) -> PyResult<Obj> {
    let fq = vm.intern(full)?;
    let md = modules_dict(vm)?;
    if let Some(m) = vm.dict_lookup_qstr(md, fq)? {
        return Ok(m);
    }
    if let Some(def) = crate::modules::find_module(vm, fq) {
        return Ok(def.obj());
    }
    let leaf_at = full.as_bytes().iter().rposition(|&b| b == b'.').map_or(0, |i| i + 1);
    let leaf = full.get(leaf_at..).unwrap_or(full);
    // The directories to search: `sys.path`, or the parent's `__path__`.
    let parent_path = if parent.is_null() {
        Obj::NULL
    } else {
        let g = module_globals(vm, parent).unwrap_or(Obj::NULL);
        match vm.dict_lookup_qstr(g, q::__path__)? {
            Some(p) if vm.str_pinned(p).is_some() => p,
            _ => return Err(import_error(vm, full)),
        }
    };
    let mut i = 0;
    loop {
        let dir = if parent.is_null() { path_entry(vm, i) } else { (i == 0).then_some(parent_path) };
        let Some(dir) = dir else { break };
        i += 1;
        let Some(d) = vm.str_pinned(dir) else { continue };
        let mut p = PathBuf::new();
        let r = import_from_dir(vm, &mut p, d, leaf, fq, md, parent);
        p.free(vm);
        match r? {
            Some(m) => return Ok(m),
            None => continue,
        }
    }
    Err(import_error(vm, full))
}

/// Looks for module `leaf` (full name `fq`) in directory `dir`, and runs
/// it if found (using `p` as the path buffer). None if it is not there.
fn import_from_dir(vm: &mut Vm, p: &mut PathBuf, dir: &str, leaf: &str, fq: Qstr, md: Obj, parent: Obj) -> PyResult<Option<Obj>> {
    p.push(vm, dir)?;
    p.join(vm, leaf)?;
    let pkg_len = p.len();
    let is_pkg = stat(vm, p.as_str()).0 == PathKind::Dir;
    let found = if is_pkg {
        p.join(vm, "__init__")?;
        let f = find_py_or_mpy(vm, p)?.unwrap_or(Found::None);
        if matches!(f, Found::None) {
            p.truncate(pkg_len);
        }
        f
    } else {
        match find_py_or_mpy(vm, p)? {
            Some(f) => f,
            None => return Ok(None),
        }
    };
    let m = new_module(vm, fq)?;
    let g = module_globals(vm, m).unwrap_or(Obj::NULL);
    if is_pkg {
        let pkg = p.as_str().get(..pkg_len).unwrap_or("");
        let pq = vm.intern(pkg)?;
        vm.dict_store(g, Obj::qstr(q::__path__), Obj::qstr(pq))?;
    }
    vm.dict_store(md, Obj::qstr(fq), m)?;
    if let Err(e) = exec_file_in(vm, m, &found, p.as_str()) {
        let _ = vm.dict_remove(md, Obj::qstr(fq));
        return Err(e);
    }
    if !parent.is_null() {
        let lq = vm.intern(leaf)?;
        vm.store_attr(parent, lq, m)?;
    }
    Ok(Some(m))
}

/// Imports dotted `name`, every package along the way; returns the first
/// (top-level) and the last (the named module).
fn import_path(vm: &mut Vm, name: &str) -> PyResult<(Obj, Obj)> {
    let mut first = Obj::NULL;
    let mut parent = Obj::NULL;
    let mut rest = Some(name);
    while let Some(r) = rest {
        let (part, next) = split_once_byte(r, b'.');
        rest = next;
        let end = name.len() - r.len() + part.len();
        let full = name.get(..end).unwrap_or(name);
        let m = import_one(vm, full, parent)?;
        if first.is_null() {
            first = m;
        }
        parent = m;
    }
    Ok((first, parent))
}

/// IMPORT_NAME: `import a.b.c` (fromlist None: returns `a`) or `from
/// a.b import x` (fromlist a tuple: returns `a.b`), with `level` leading
/// dots resolved against `globals['__name__']`.
///
/// Errors: `ImportError: no module named 'x'`, `ImportError: can't perform
/// relative import`, errors raised by the module's body.
pub fn import_name(vm: &mut Vm, name: Qstr, fromlist: Obj, level: Obj, globals: Obj) -> PyResult<Obj> {
    let level = level.as_small_int().unwrap_or(0).max(0) as usize;
    let want_leaf = fromlist != Obj::NONE && !fromlist.is_null();
    if level == 0 {
        // An absolute import needs no buffer: importing a built-in module
        // allocates nothing.
        let own = vm.qstr_str(name);
        let (first, last) = import_path(vm, own)?;
        return Ok(if want_leaf { last } else { first });
    }
    let mut full = PathBuf::new();
    let r = (|| {
        // Resolve the leading dots against the importing module's name.
        let own = vm.qstr_str(name);
        let mut cur = match vm.dict_lookup_qstr(globals, q::__name__)? {
            Some(c) => vm.str_pinned(c).unwrap_or(""),
            None => "",
        };
        // A module run by `micropython -m` is named `__main__`; its real
        // name is kept in its global `__main__` (as MicroPython does).
        if cur == "__main__" {
            if let Some(real) = vm.dict_lookup_qstr(globals, q::__main__)? {
                cur = vm.str_pinned(real).unwrap_or(cur);
            }
        }
        let is_pkg = vm.dict_lookup_qstr(globals, q::__path__)?.is_some();
        let dots = cur.bytes().filter(|&b| b == b'.').count();
        let drop = if is_pkg { level - 1 } else { level };
        if cur.is_empty() || drop > dots {
            return Err(vm.error(&exc::IMPORT_ERROR_TYPE, msg!("can't perform relative import")));
        }
        // The name's first `dots + 1 - drop` components.
        let mut keep = cur;
        for _ in 0..drop {
            let at = keep.as_bytes().iter().rposition(|&b| b == b'.').unwrap_or(0);
            keep = keep.get(..at).unwrap_or("");
        }
        full.push(vm, keep)?;
        if !own.is_empty() {
            if full.len() > 0 {
                full.push(vm, ".")?;
            }
            full.push(vm, own)?;
        }
        let (first, last) = import_path(vm, full.as_str())?;
        Ok(if want_leaf { last } else { first })
    })();
    full.free(vm);
    r
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
    if let (Some(mn), Some(g)) = (module_name(vm, m), module_globals(vm, m)) {
        if vm.dict_lookup_qstr(g, q::__path__)?.is_some() {
            let mut full = PathBuf::new();
            let (a, b) = (vm.qstr_str(mn), vm.qstr_str(name));
            let r = (|| {
                full.push(vm, a)?;
                full.push(vm, ".")?;
                full.push(vm, b)?;
                import_one(vm, full.as_str(), m)
            })();
            full.free(vm);
            if let Ok(sub) = r {
                return Ok(sub);
            }
        }
    }
    let n = vm.qstr_str(name);
    Err(vm.error_fmt(&exc::IMPORT_ERROR_TYPE, msg!("cannot import name {}"), &[n.into()]))
}

/// IMPORT_STAR: copies the module's public names (not starting with `_`)
/// into `locals`.
///
/// Errors: `MemoryError`; whatever storing into `locals` raises.
pub fn import_star(vm: &mut Vm, m: Obj, locals: Obj) -> PyResult<()> {
    if let Some(def) = m.as_builtin_module() {
        for e in def.locals {
            let (k, r) = (e.name(), e.rom());
            if !vm.qstr_str(k).starts_with('_') {
                let v = vm.rom_to_obj(r)?;
                vm.dict_store(locals, Obj::qstr(k), v)?;
            }
        }
        return Ok(());
    }
    let Some(g) = module_globals(vm, m) else { return Ok(()) };
    let mut p = 0;
    while let Some((pos, e)) = vm.table(g).and_then(|t| t.next_at(p)) {
        p = pos + 1;
        if vm.str_pinned(e.key).is_some_and(|s| !s.starts_with('_')) {
            vm.dict_store(locals, e.key, e.value)?;
        }
    }
    Ok(())
}
