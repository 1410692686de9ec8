//! The `sys` module.
//!
//! A static module: the constant attributes are in its table; the others
//! come from [`sys_attr`]: `argv`, `path` and `modules` are the `Vm`'s
//! fields (`path` and `argv` can be replaced by a list), the console
//! streams are static objects, and `implementation`, `version`,
//! `version_info`, `platform` and `maxsize` are made when read.

use crate::typ::given;
use crate::typ::Entry;
use crate::obj::Obj;
use crate::qstr::{q, Qstr};
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{BuiltinFun, ModuleDef, Rom};
use crate::types::exception::SYSTEM_EXIT_TYPE;
use crate::PyResult;

/// MicroPython release whose behaviour we follow.
pub const MICROPY_VERSION: (isize, isize, isize) = (1, 27, 0);
/// `sys.version`: the Python language version, then [`MICROPY_VERSION`].
const VERSION_TEXT: &str = "3.4.0; MicroPython v1.27.0-rs";
/// `.mpy` version this runtime loads (6.3, bytecode only, no native arch).
pub const MPY_VERSION: isize = 6 | (3 << 8);

/// `sys.exit([code])`: raises SystemExit.
fn exit(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    Err(match a.first() {
        Some(&c) => vm.error_arg(&SYSTEM_EXIT_TYPE, c),
        None => vm.error_noargs(&SYSTEM_EXIT_TYPE),
    })
}

/// `sys.print_exception(exc, file=sys.stdout)`: the traceback and message
/// in MicroPython's format, written to the console or with `file.write`.
fn print_exception(vm: &mut Vm, a0: Obj, a1: Obj, _a2: Obj) -> PyResult<Obj> {
    match given(&a1) {
        Some(&f) if f != Obj::NONE && f != super::sys_io::stream(1) => {
            let mut out = Out::buf();
            crate::vm::print_exception(vm, a0, &mut out)?;
            let text = out.into_str(vm)?;
            super::args::call_method(vm, f, q::write, &[text])?;
        }
        _ => crate::vm::print_exception(vm, a0, &mut Out::Stdout)?,
    }
    Ok(Obj::NONE)
}

static EXIT: BuiltinFun = BuiltinFun::new(q::exit, 0, 1, exit);
/// `sys.atexit`: desktop ports only (they run its function at exit); as
/// official's MICROPY_PY_SYS_ATEXIT, which boards leave out.
#[cfg(not(target_os = "none"))]
static ATEXIT: BuiltinFun = BuiltinFun::new1(q::atexit, super::sys_atexit::atexit);
static PRINT_EXCEPTION: BuiltinFun = BuiltinFun::new_opt(q::print_exception, 1, 2, print_exception);

#[cfg(target_endian = "little")]
const BYTEORDER: Qstr = q::little;
#[cfg(target_endian = "big")]
const BYTEORDER: Qstr = q::big;

static LOCALS: &[Entry] = &[
    Entry::new(q::__name__, Rom::Str(q::sys)),
    #[cfg(not(target_os = "none"))]
    Entry::new(q::atexit, Rom::Fun(&ATEXIT)),
    Entry::new(q::byteorder, Rom::Str(BYTEORDER)),
    Entry::new(q::exit, Rom::Fun(&EXIT)),
    Entry::new(q::print_exception, Rom::Fun(&PRINT_EXCEPTION)),
    Entry::new(q::ps1, Rom::Str(q::ps1_text)),
    Entry::new(q::ps2, Rom::Str(q::ps2_text)),
];

static IMPL_FIELDS: [Qstr; 5] = [q::name, q::version, q::_machine, q::_mpy, q::_build];

/// The attributes [`sys_attr`] answers, in `dir(sys)` order.
static ATTR_NAMES: [Qstr; 11] = [
    q::argv,
    q::path,
    q::modules,
    q::implementation,
    q::version_info,
    q::version,
    q::platform,
    q::maxsize,
    q::stdin,
    q::stdout,
    q::stderr,
];

/// The dynamic attributes of `sys` (see the module docs). Stores: `path`
/// and `argv` accept a list; anything else is not writable (NULL).
///
/// Errors: `MemoryError`.
fn sys_attr(vm: &mut Vm, name: Qstr, store: Option<Obj>) -> PyResult<Obj> {
    if let Some(v) = store {
        if vm.list_items(v).is_none() {
            return Ok(Obj::NULL);
        }
        match name {
            q::path => vm.sys_path = v,
            q::argv => vm.sys_argv = v,
            _ => return Ok(Obj::NULL),
        }
        return Ok(Obj::NONE);
    }
    let (ma, mi, pa) = MICROPY_VERSION;
    // (By position in [`ATTR_NAMES`]: a jump table, not a chain of qstr
    // compares.)
    Ok(match ATTR_NAMES.iter().position(|&n| n == name).unwrap_or(usize::MAX) {
        0 => vm.sys_argv,
        1 => vm.sys_path,
        2 => vm.modules,
        i @ 8..=10 => super::sys_io::stream(i - 8),
        3 => {
            let empty = Obj::qstr(q::empty);
            let ver = vm.new_tuple(&[Obj::small_int(ma), Obj::small_int(mi), Obj::small_int(pa), empty])?;
            let machine = vm.hal.machine();
            let machine = vm.new_str(machine)?;
            let build = vm.hal.build_name();
            let build = vm.new_str(build)?;
            let items = [Obj::qstr(q::micropython), ver, machine, Obj::small_int(MPY_VERSION), build];
            crate::types::attrtuple::new(vm, &IMPL_FIELDS, &items)?
        }
        4 => vm.new_tuple(&[Obj::small_int(3), Obj::small_int(4), Obj::small_int(0)])?,
        5 => vm.new_str(VERSION_TEXT)?,
        6 => {
            let platform = vm.hal.platform();
            vm.new_str(platform)?
        }
        #[cfg(feature = "bigint")]
        7 => vm.new_int(isize::MAX as i64)?,
        // Small ints only: the largest (as official's builds without
        // long ints).
        #[cfg(not(feature = "bigint"))]
        7 => Obj::small_int(Obj::SMALL_INT_MAX),
        _ => Obj::NULL,
    })
}

/// The `sys` module.
pub static SYS_MODULE: ModuleDef = ModuleDef::with_attr(q::sys, LOCALS, sys_attr, &ATTR_NAMES);

#[cfg(test)]
mod tests {
    #[test]
    fn version_text() {
        let (ma, mi, pa) = super::MICROPY_VERSION;
        assert_eq!(super::VERSION_TEXT, alloc::format!("3.4.0; MicroPython v{ma}.{mi}.{pa}-rs"));
    }
}
