//! Built-in modules, one file each (MicroPython's `mod<name>.c` split).

use crate::typ::ModuleDef;

/// Every built-in module, found by `import` before `sys.path` is searched.
pub static BUILTIN_MODULES: &[&ModuleDef] = &[];
