//! Name completion for the REPLs (Tab): the candidates a port's REPL
//! offers for a name, an attribute path or a module name, collected as
//! name objects in the gc heap so completion needs no global allocation.
//! Every port's `mpy_repl::Interpreter::complete` maps its scope to a
//! [`NameScope`] and calls [`complete`].

use crate::heap::GcVec;
use crate::types::dict::DictObj;
use crate::{Obj, PyResult, Vm};

/// What is being completed.
#[derive(Clone, Copy)]
pub enum NameScope<'a> {
    /// A bare name: `__main__` globals, then builtins.
    Names,
    /// An attribute of the object named by this dotted path (`os.pa`).
    Attributes(&'a str),
    /// A module name (after `import`).
    Modules,
}

/// Visits the sorted, distinct candidates of `scope` starting with
/// `prefix`. `collect` runs the collection (a port wraps it, e.g. in its
/// allocation guard); when it fails (out of memory, or an attribute
/// lookup raised) the candidates found so far are visited.
pub fn complete(
    vm: &mut Vm,
    scope: NameScope<'_>,
    prefix: &str,
    collect: &mut dyn FnMut(&mut dyn FnMut() -> PyResult<()>) -> PyResult<()>,
    visit: &mut dyn FnMut(&str),
) {
    let mut names: GcVec<Obj> = GcVec::new();
    let _ = collect(&mut || candidates(vm, scope, prefix, &mut names));
    // In order, each name once: the smallest name above the last visited,
    // found by a scan (quadratic, but lists are short and this runs per
    // Tab; smaller than a sort).
    let mut last: Option<&str> = None;
    loop {
        let mut next: Option<&str> = None;
        for &o in names.as_slice() {
            let Some(n) = vm.str_pinned(o) else { continue };
            if last.is_none_or(|l| n > l) && next.is_none_or(|m| n < m) {
                next = Some(n);
            }
        }
        let Some(n) = next else { break };
        visit(n);
        last = Some(n);
    }
    vm.heap.free_vec(names);
}
/// The `__main__` globals dict, if `__main__` exists.
fn main_globals(vm: &mut Vm) -> Option<Obj> {
    let md = vm.modules;
    if md.is_null() {
        return None;
    }
    let m = vm.dict_lookup_qstr(md, crate::q::__main__).ok()??;
    crate::vm::module::module_globals(vm, m)
}

/// Appends the keys of dict `d` to `out`.
fn dict_keys(vm: &mut Vm, d: Obj, out: &mut GcVec<Obj>) -> PyResult<()> {
    let mut pos = 0;
    while let Some((p, en)) = vm.heap.get::<DictObj>(d).and_then(|x| x.map.next_at(pos)) {
        pos = p + 1;
        vm.vec_push_local(out, en.key)?;
    }
    Ok(())
}

/// The object named by dotted `path` (globals, then builtins, then
/// attributes), without calling anything but attribute lookups. Names
/// that are not qstrs yet cannot name anything, so none is created.
fn resolve(vm: &mut Vm, path: &str) -> Option<Obj> {
    let (head, mut rest) = super::import::split_once_byte(path, b'.');
    let first = vm.qstrs.lookup(&vm.heap, head)?;
    let g = main_globals(vm);
    let mut o = match g.and_then(|g| vm.dict_lookup_qstr(g, first).ok().flatten()) {
        Some(o) => o,
        None => crate::vm::builtins::lookup_builtin(vm, first).ok()??,
    };
    while let Some(r) = rest {
        let (p, next) = super::import::split_once_byte(r, b'.');
        rest = next;
        let q = vm.qstrs.lookup(&vm.heap, p)?;
        o = vm.load_attr_maybe(o, q).ok()?;
        if o.is_null() {
            return None;
        }
    }
    Some(o)
}

/// Appends to `out` the candidate names of `scope` starting with
/// `prefix`, as name objects (unsorted, maybe repeated): `__main__`'s
/// globals (names starting with `_` only when the prefix is not empty),
/// else the builtins; the `dir()` of a dotted path resolved without
/// calling anything but attribute lookups; or the built-in modules.
///
/// Errors: `MemoryError`, and whatever an attribute lookup raises (a
/// property or `__getattr__` can run Python code).
pub fn candidates(
    vm: &mut Vm,
    scope: NameScope<'_>,
    prefix: &str,
    out: &mut GcVec<Obj>,
) -> PyResult<()> {
    match scope {
        NameScope::Names => {
            if let Some(g) = main_globals(vm) {
                dict_keys(vm, g, out)?;
            }
            // Private names only when asked for.
            keep(vm, out, prefix, prefix.is_empty());
            if out.is_empty() && !prefix.is_empty() {
                for e in crate::modules::builtins::BUILTINS_MODULE.locals {
                    vm.vec_push_local(out, Obj::qstr(e.name()))?;
                }
                let d = vm.vmstate.builtins_dict;
                if !d.is_null() {
                    dict_keys(vm, d, out)?;
                }
            }
        }
        NameScope::Attributes(path) => {
            if let Some(o) = resolve(vm, path) {
                let l = crate::modules::builtins::dir_names(vm, o)?;
                let n = vm.list_items(l).map_or(0, |x| x.len());
                for i in 0..n {
                    let Some(&x) = vm.list_items(l).and_then(|x| x.get(i)) else {
                        break;
                    };
                    vm.vec_push_local(out, x)?;
                }
            }
        }
        NameScope::Modules => {
            let port: &'static [&'static crate::typ::ModuleDef] = vm.vmstate.port_modules;
            for m in crate::modules::BUILTIN_MODULES.iter().chain(port) {
                vm.vec_push_local(out, Obj::qstr(m.name))?;
            }
        }
    }
    keep(vm, out, prefix, false);
    Ok(())
}

/// Keeps the names of `v` (str objects) starting with `prefix`, except
/// those starting with `_` if `hide_private`.
fn keep(vm: &Vm, v: &mut GcVec<Obj>, prefix: &str, hide_private: bool) {
    let mut k = 0;
    for i in 0..v.len() {
        let o = v.as_slice()[i];
        if vm.str_pinned(o).is_some_and(|n| n.starts_with(prefix) && !(hide_private && n.starts_with('_'))) {
            v.as_mut_slice()[k] = o;
            k += 1;
        }
    }
    v.truncate(k);
}
