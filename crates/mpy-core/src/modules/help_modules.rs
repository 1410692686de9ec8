//! `help('modules')`: the names of the built-in (core and port) and frozen modules,
//! sorted, in 4 columns filled top to bottom (each name padded to the
//! next multiple of 18 columns, at least one space), then `Plus any
//! modules on the filesystem`, as MicroPython prints them. Frozen
//! modules show their path without the extension (`pkg/__init__`).

use crate::heap::GcVec;
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::PyResult;

const COLUMNS: usize = 4;
const WIDTH: usize = 18;

/// Name number `i`: the built-in modules, then `__main__`, then the
/// frozen modules.
fn name<'a>(vm: &Vm, i: usize) -> &'a str {
    let nb = super::all_modules(vm).count();
    if let Some(m) = super::all_modules(vm).nth(i) {
        return vm.qstr_str(m.name);
    }
    if i == nb {
        return "__main__";
    }
    let frozen: &'static [crate::vm::frozen::FrozenModule] = vm.vmstate.frozen;
    let p: &'static str = frozen.get(i - nb - 1).map_or("", |f| f.path);
    p.strip_suffix(".py").or_else(|| p.strip_suffix(".mpy")).unwrap_or(p)
}

/// Prints what `help('modules')` prints to `out`.
///
/// Errors: `MemoryError`.
pub fn print_modules(vm: &mut Vm, out: &mut Out) -> PyResult<()> {
    let n = super::all_modules(vm).count() + 1 + vm.vmstate.frozen.len();
    let mut order: GcVec<usize> = vm.new_vec(n)?;
    for i in 0..n {
        let _ = order.push_within_capacity(i);
    }
    crate::sort::heapsort_by(order.as_mut_slice(), |&a, &b| name(vm, a) < name(vm, b));
    let r = print_columns(vm, out, order.as_slice());
    vm.heap.free_vec(order);
    r
}

fn print_columns(vm: &mut Vm, out: &mut Out, order: &[usize]) -> PyResult<()> {
    let rows = order.len().div_ceil(COLUMNS);
    for r in 0..rows {
        let mut i = r;
        while let Some(&k) = order.get(i) {
            let s = name(vm, k);
            out.str(vm, s)?;
            i += rows;
            if i >= order.len() {
                break;
            }
            let len = s.chars().count();
            let gap = WIDTH - len % WIDTH;
            for _ in 0..gap {
                out.char(vm, ' ')?;
            }
        }
        out.char(vm, '\n')?;
    }
    out.str(vm, "Plus any modules on the filesystem\n")
}
