//! Built-in modules, one file each (MicroPython's `mod<name>.c` split).

pub mod builtins;
pub mod builtins_io;
pub mod builtins_num;
pub mod builtins_seq;

use crate::typ::ModuleDef;

/// Every built-in module, found by `import` before `sys.path` is searched.
pub static BUILTIN_MODULES: &[&ModuleDef] = &[&builtins::BUILTINS_MODULE];

#[cfg(test)]
mod builtins_tests;
