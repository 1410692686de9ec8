//! Built-in modules, one file each (MicroPython's `mod<name>.c` split).

pub mod args;
pub mod cmath;
pub mod math;
pub mod micropython;
pub mod modgc;
pub mod sys;
pub mod sys_io;
pub mod sys_atexit;
pub mod time;
pub mod os;
pub mod collections;
pub mod io;
pub mod random;
pub mod json;
pub mod ustruct;
pub mod builtins;
pub mod builtins_io;
pub mod builtins_num;
pub mod builtins_seq;
pub mod hashlib;
pub mod help_modules;
pub mod select;
pub mod vfs;

use crate::typ::ModuleDef;

/// Every built-in module, found by `import` before `sys.path` is searched.
pub static BUILTIN_MODULES: &[&ModuleDef] = &[
    &builtins::BUILTINS_MODULE,
    &sys::SYS_MODULE,
    &modgc::GC_MODULE,
    &micropython::MICROPYTHON_MODULE,
    &time::TIME_MODULE,
    &math::MATH_MODULE,
    &cmath::CMATH_MODULE,
    &ustruct::STRUCT_MODULE,
    &json::JSON_MODULE,
    &random::RANDOM_MODULE,
    &io::IO_MODULE,
    &collections::COLLECTIONS_MODULE,
    &os::OS_MODULE,
    &hashlib::HASHLIB_MODULE,
    &select::SELECT_MODULE,
    &vfs::VFS_MODULE,
];

#[cfg(test)]
mod builtins_tests;
