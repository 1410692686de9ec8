//! `micropython -m name`: finding the module to run as `__main__`.
//!
//! As the official port does: the packages above a dotted name are
//! imported normally first (their `__init__` runs, they land in
//! `sys.modules`), then the named module is looked up in the last one's
//! `__path__` (or along `sys.path`). When the name is itself a package,
//! that package is imported normally and its `__main__` submodule is the
//! one run. A missing module is `ImportError: no module named '<name>'`.

use crate::run::{guarded, handle_uncaught, Code, ErrOut};
use mpy_core::vm::frozen::{frozen_stat, FrozenStat, FROZEN_DIR};
use mpy_core::{Obj, PyErr, Vm};

/// What one directory holds under a name.
enum Entry {
    Package,
    Module(String, Code),
    Missing,
}

/// Looks for `leaf` in directory `dir` (a `sys.path` entry or a
/// package's `__path__`): a package directory first, then `leaf.py`,
/// then `leaf.mpy`; under `.frozen`, the frozen table.
fn look_in(vm: &Vm, dir: &str, leaf: &str) -> Entry {
    let base = if dir.is_empty() { leaf.to_string() } else { format!("{dir}/{leaf}") };
    let frozen = dir == FROZEN_DIR || dir.starts_with(".frozen/");
    let is_dir = if frozen {
        matches!(frozen_stat(vm.vmstate.frozen, &base), FrozenStat::Dir)
    } else {
        std::path::Path::new(&base).is_dir()
    };
    if is_dir {
        return Entry::Package;
    }
    for cand in [format!("{base}.py"), format!("{base}.mpy")] {
        if frozen {
            if let FrozenStat::File(fm) = frozen_stat(vm.vmstate.frozen, &cand) {
                return Entry::Module(cand, Code::Frozen(fm));
            }
        } else if let Ok(data) = std::fs::read(&cand) {
            let code = Code::from_path(&cand, data);
            return Entry::Module(cand, code);
        }
    }
    Entry::Missing
}

/// The directories to search for the last component of `name`: the
/// `__path__` of its (already imported) parent package, else `sys.path`.
/// None when the parent is not a package.
fn search_dirs(vm: &mut Vm, parent: Obj) -> Option<Vec<String>> {
    if parent.is_null() {
        let items = vm.seq_items(vm.sys_path).unwrap_or(&[]);
        return Some(items.iter().filter_map(|&o| vm.str_pinned(o).map(String::from)).collect());
    }
    let g = mpy_core::vm::module::module_globals(vm, parent)?;
    let p = vm.dict_lookup_qstr(g, mpy_core::q::__path__).ok()??;
    vm.str_pinned(p).map(|s| vec![s.to_string()])
}

/// Imports module `name` normally (running its body), returning it.
fn import(vm: &mut Vm, name: &str) -> Result<Obj, PyErr> {
    let q = vm.intern(name)?;
    // A non-None fromlist: the named module itself, not its top package.
    let fromlist = Obj::qstr(mpy_core::q::__main__);
    mpy_core::vm::import::import_name(vm, q, fromlist, Obj::small_int(0), Obj::NULL)
}

/// Finds what `-m name` runs: its path (the `__file__`), code and full
/// name (`name`, or `name.__main__` for a package). On an
/// error (the module is missing, importing a package failed) it has been
/// reported on standard error and the exit code is returned.
pub fn find(vm: &mut Vm, name: &str) -> Result<(String, Code, String), i32> {
    let mut target = name.to_string();
    let mut tried_main = false;
    loop {
        let (parent_name, leaf) = match target.rsplit_once('.') {
            Some((p, l)) => (Some(p.to_string()), l.to_string()),
            None => (None, target.clone()),
        };
        let parent = match &parent_name {
            Some(p) => guarded(|| import(vm, p)).map_err(|e| handle_uncaught(vm, e, ErrOut::Stderr))?,
            None => Obj::NULL,
        };
        let mut found = Entry::Missing;
        for d in search_dirs(vm, parent).unwrap_or_default() {
            found = look_in(vm, &d, &leaf);
            if !matches!(found, Entry::Missing) {
                break;
            }
        }
        match found {
            Entry::Module(path, code) => return Ok((path, code, target)),
            Entry::Package if !tried_main => {
                guarded(|| import(vm, &target)).map_err(|e| handle_uncaught(vm, e, ErrOut::Stderr))?;
                target.push_str(".__main__");
                tried_main = true;
            }
            _ => {
                let e = vm.error(&mpy_core::types::exception::IMPORT_ERROR_TYPE, &format!("no module named '{target}'"));
                return Err(handle_uncaught(vm, e, ErrOut::Stderr));
            }
        }
    }
}
