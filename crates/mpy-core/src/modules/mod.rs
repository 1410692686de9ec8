//! Built-in modules, one file each (MicroPython's `mod<name>.c` split).
//!
//! Each module is a static [`ModuleDef`] (an object of type
//! [`crate::typ::BUILTIN_MODULE_TYPE`]): importing one allocates nothing,
//! and it is not entered in `sys.modules` (as on MicroPython). This file
//! has the module type's slots: printing and attribute access.

pub mod args;
#[cfg(feature = "cmath")]
pub mod cmath;
#[cfg(feature = "math")]
pub mod math;
#[cfg(all(feature = "math", any(test, feature = "float-single")))]
mod math_gamma32;
#[cfg(all(feature = "math", any(test, feature = "float-single")))]
mod math_erf32;
#[cfg(feature = "float")]
pub mod trig;
#[cfg(all(feature = "float", any(test, feature = "float-single")))]
mod trig32;
#[cfg(all(feature = "float", any(test, feature = "float-single")))]
pub use mpy_float::wide;
#[cfg(all(feature = "float", any(test, feature = "float-single")))]
pub mod explog32;
pub mod micropython;
pub mod modgc;
pub mod sys;
pub mod sys_io;
pub mod sys_atexit;
#[cfg(feature = "time")]
pub mod time;
#[cfg(feature = "os")]
pub mod os;
#[cfg(feature = "collections")]
pub mod collections;
#[cfg(feature = "io")]
pub mod io;
#[cfg(feature = "random")]
pub mod random;
#[cfg(feature = "json")]
pub mod json;
#[cfg(feature = "struct")]
pub mod ustruct;
pub mod builtins;
pub mod builtins_io;
#[cfg(feature = "os")]
pub mod file;
pub mod builtins_num;
pub mod builtins_seq;
#[cfg(feature = "hashlib")]
pub mod hashlib;
#[cfg(all(feature = "hashlib", any(test, target_os = "none")))]
mod sha256_small;
#[cfg(feature = "builtin-help")]
pub mod help_modules;
#[cfg(feature = "select")]
pub mod select;
#[cfg(feature = "os")]
pub mod vfs;

/// `time.sleep_ms(n)` and `pyb.delay(n)` (member 0), `time.sleep_us(n)`
/// and `pyb.udelay(n)` (member 1): one body ([`BuiltinFun::new1_at`]);
/// nothing for `n <= 0`.
///
/// Errors: `TypeError`/`OverflowError` for a bad `n`; `KeyboardInterrupt`
/// and whatever a scheduled callback raises while waiting.
///
/// [`BuiltinFun::new1_at`]: crate::typ::BuiltinFun::new1_at
pub fn sleep_int(vm: &mut Vm, a0: Obj, at: usize) -> PyResult<Obj> {
    let n = args::int_arg(vm, a0)?;
    if n > 0 {
        let scale: u64 = if at == 0 { 1000 } else { 1 };
        return crate::vm::pending::sleep_us(vm, (n as u64).saturating_mul(scale));
    }
    Ok(Obj::NONE)
}

/// `n / d` for `d > 0`. On 32-bit targets one bit of the quotient at a
/// time (or one word division when both fit a word), so the boards link
/// no 64-bit division routine (compiler_builtins' is about 450 B) for
/// `random`'s ranges and `select`'s clock.
#[cfg(any(feature = "random", feature = "select"))]
pub(crate) fn div_u64(n: u64, d: u64) -> u64 {
    #[cfg(target_pointer_width = "64")]
    {
        n / d
    }
    #[cfg(not(target_pointer_width = "64"))]
    {
        if (n | d) >> 32 == 0 {
            return u64::from(n as u32 / d as u32);
        }
        div_u64_bits(n, d)
    }
}

/// `n / d` (`d > 0`) by restoring division: `n` shifts out into the
/// remainder `r` from the top while the quotient's bits shift in at the
/// bottom (`r` can reach 2^64 - 1 < 2d when `d` has its top bit: `top`).
#[cfg(all(any(feature = "random", feature = "select"), any(test, not(target_pointer_width = "64"))))]
fn div_u64_bits(n: u64, d: u64) -> u64 {
    let (mut n, mut r) = (n, 0u64);
    for _ in 0..64 {
        let top = r >> 63;
        r = r << 1 | n >> 63;
        n <<= 1;
        if top != 0 || r >= d {
            r = r.wrapping_sub(d);
            n |= 1;
        }
    }
    n
}

use crate::obj::Obj;
use crate::qstr::{q, Qstr};
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{ModuleDef, PrintKind};
use crate::PyResult;

/// Every built-in module, found by `import` before `sys.path` is searched.
pub static BUILTIN_MODULES: &[&ModuleDef] = &[
    &builtins::BUILTINS_MODULE,
    &sys::SYS_MODULE,
    &modgc::GC_MODULE,
    &micropython::MICROPYTHON_MODULE,
    #[cfg(feature = "time")]
    &time::TIME_MODULE,
    #[cfg(feature = "math")]
    &math::MATH_MODULE,
    #[cfg(feature = "cmath")]
    &cmath::CMATH_MODULE,
    #[cfg(feature = "struct")]
    &ustruct::STRUCT_MODULE,
    #[cfg(feature = "json")]
    &json::JSON_MODULE,
    #[cfg(feature = "random")]
    &random::RANDOM_MODULE,
    #[cfg(feature = "io")]
    &io::IO_MODULE,
    #[cfg(feature = "collections")]
    &collections::COLLECTIONS_MODULE,
    #[cfg(feature = "os")]
    &os::OS_MODULE,
    #[cfg(feature = "hashlib")]
    &hashlib::HASHLIB_MODULE,
    #[cfg(feature = "select")]
    &select::SELECT_MODULE,
    #[cfg(feature = "os")]
    &vfs::VFS_MODULE,
];

/// The core's built-in module called `name`, if there is one.
pub fn find_builtin(name: Qstr) -> Option<&'static ModuleDef> {
    BUILTIN_MODULES.iter().copied().find(|m| m.name == name)
}

/// The built-in module called `name`: the core's, then the port's
/// (`vm.vmstate.port_modules`, e.g. `machine` on boards).
pub fn find_module(vm: &Vm, name: Qstr) -> Option<&'static ModuleDef> {
    find_builtin(name).or_else(|| vm.vmstate.port_modules.iter().copied().find(|m| m.name == name))
}

/// Every built-in module: the core's, then the port's.
pub fn all_modules(vm: &Vm) -> impl Iterator<Item = &'static ModuleDef> {
    let port: &'static [&'static ModuleDef] = vm.vmstate.port_modules;
    BUILTIN_MODULES.iter().chain(port.iter()).copied()
}

/// `print` slot of built-in modules: `<module 'sys'>`.
pub fn module_print(vm: &mut Vm, o: Obj, out: &mut Out, _k: PrintKind) -> PyResult<()> {
    let name = o.as_builtin_module().map_or(q::module, |m| m.name);
    let s = vm.qstr_str(name);
    out.fmt(vm, crate::msg!("<module '{}'>"), &[s.into()])
}

/// `attr` slot of built-in modules: loads look in the module's `locals`,
/// then `__dict__`, then its `attr` hook; stores go to the hook (NULL when
/// the module has no such writable attribute: the caller raises
/// `AttributeError`, as MicroPython does for its ROM modules).
///
/// Errors: whatever the hook raises; `MemoryError`.
pub fn module_attr(vm: &mut Vm, o: Obj, name: Qstr, store: Option<Obj>) -> PyResult<Obj> {
    let Some(m) = o.as_builtin_module() else { return Ok(Obj::NULL) };
    if store.is_some() {
        return match m.attr {
            Some(h) => h(vm, name, store),
            None => Ok(Obj::NULL),
        };
    }
    if let Some(r) = m.lookup(name) {
        return vm.rom_to_obj(r);
    }
    if name == q::__dict__ {
        return module_dict(vm, m);
    }
    match m.attr {
        Some(h) => h(vm, name, None),
        None => Ok(Obj::NULL),
    }
}

/// `module.__dict__`: a new dict of the module's attributes (static ones,
/// then the hook's).
///
/// Errors: `MemoryError`; whatever the hook raises.
pub fn module_dict(vm: &mut Vm, m: &'static ModuleDef) -> PyResult<Obj> {
    let d = vm.new_dict()?;
    for e in m.locals {
        let (n, r) = (e.name(), e.rom());
        let v = vm.rom_to_obj(r)?;
        vm.dict_store(d, Obj::qstr(n), v)?;
    }
    if let Some(h) = m.attr {
        for &n in m.attr_names {
            let v = h(vm, n, None)?;
            if !v.is_null() {
                vm.dict_store(d, Obj::qstr(n), v)?;
            }
        }
    }
    Ok(d)
}

/// The names of a built-in module's attributes, in `dir()` order.
pub fn module_names(m: &'static ModuleDef) -> impl Iterator<Item = Qstr> {
    m.locals.iter().map(|e| e.name()).chain(m.attr_names.iter().copied())
}

#[cfg(test)]
mod builtins_tests;
#[cfg(test)]
mod modules_tests;
#[cfg(test)]
mod port_modules_tests;
