//! `help('modules')`: the names of the built-in and frozen modules,
//! sorted, in 4 columns filled top to bottom (each name padded to the
//! next multiple of 18 columns, at least one space), then `Plus any
//! modules on the filesystem`, as MicroPython prints them. Frozen
//! modules show their path without the extension (`pkg/__init__`).

use crate::state::Vm;
use alloc::string::String;
use alloc::vec::Vec;

const COLUMNS: usize = 4;
const WIDTH: usize = 18;

/// The text `help('modules')` prints.
pub fn modules_text(vm: &Vm) -> String {
    let mut names: Vec<String> = super::BUILTIN_MODULES.iter().map(|m| String::from(vm.qstrs.str(m.name))).collect();
    names.push(String::from("__main__"));
    for f in vm.vmstate.frozen {
        let p = f.path;
        let stem = p.strip_suffix(".py").or_else(|| p.strip_suffix(".mpy")).unwrap_or(p);
        names.push(String::from(stem));
    }
    names.sort();
    let rows = names.len().div_ceil(COLUMNS);
    let mut out = String::new();
    for r in 0..rows {
        let mut i = r;
        while let Some(n) = names.get(i) {
            out.push_str(n);
            i += rows;
            if i >= names.len() {
                break;
            }
            let len = n.chars().count();
            let mut gap = WIDTH as isize - len as isize;
            while gap < 1 {
                gap += WIDTH as isize;
            }
            for _ in 0..gap {
                out.push(' ');
            }
        }
        out.push('\n');
    }
    out.push_str("Plus any modules on the filesystem\n");
    out
}
