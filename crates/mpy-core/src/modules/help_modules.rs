//! `help('modules')`: the names of the built-in (core and port) and frozen modules,
//! sorted, in 4 columns filled top to bottom (each name padded to the
//! next multiple of 18 columns, at least one space), then `Plus any
//! modules on the filesystem`, as MicroPython prints them. Frozen
//! modules show their path without the extension (`pkg/__init__`).

use crate::obj::Obj;
use crate::qstr::q;
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::types::list::ListObj;
use crate::PyResult;

const COLUMNS: usize = 4;
const WIDTH: usize = 18;

/// Prints what `help('modules')` prints to `out`: the names (the
/// built-in modules, `__main__`, the frozen modules) go in a list, which
/// the list sort orders.
///
/// Errors: `MemoryError`.
pub fn print_modules(vm: &mut Vm, out: &mut Out) -> PyResult<()> {
    let port: &'static [&'static crate::typ::ModuleDef] = vm.vmstate.port_modules;
    let frozen: &'static [crate::vm::frozen::FrozenModule] = vm.vmstate.frozen;
    let l = vm.new_list_with_capacity(super::BUILTIN_MODULES.len() + port.len() + 1 + frozen.len())?;
    let push = |vm: &mut Vm, o: Obj| vm.vec_push(l, |x: &mut ListObj| &mut x.items, o);
    for m in super::BUILTIN_MODULES.iter().chain(port) {
        push(vm, Obj::qstr(m.name))?;
    }
    push(vm, Obj::qstr(q::__main__))?;
    for f in frozen {
        let p = f.path;
        let o = vm.new_str(p.strip_suffix(".py").or_else(|| p.strip_suffix(".mpy")).unwrap_or(p))?;
        push(vm, o)?;
    }
    crate::types::list::sort_items(vm, l, Obj::NONE, false)?;
    print_columns(vm, out, l)
}

/// Prints the strs of list `l` in the columns.
fn print_columns(vm: &mut Vm, out: &mut Out, l: Obj) -> PyResult<()> {
    let n = vm.list_items(l).map_or(0, |v| v.len());
    let rows = n.div_ceil(COLUMNS);
    for r in 0..rows {
        let mut i = r;
        while let Some(s) = vm.list_items(l).and_then(|v| v.get(i).copied()).and_then(|o| vm.str_pinned(o)) {
            out.str(vm, s)?;
            i += rows;
            if i >= n {
                break;
            }
            let len = crate::types::strutil::char_len(s.as_bytes());
            let gap = WIDTH - len % WIDTH;
            for _ in 0..gap {
                out.char(vm, ' ')?;
            }
        }
        out.char(vm, '\n')?;
    }
    out.str(vm, "Plus any modules on the filesystem\n")
}
