//! The `sys` module.

use crate::obj::Obj;
use crate::objdata::ObjData;
use crate::qstr::{q, Qstr};
use crate::state::Vm;
use crate::typ::{BuiltinFun, ModuleDef, Rom};
use crate::types::exception::SYSTEM_EXIT_TYPE;
use crate::PyResult;
use alloc::string::String;
use alloc::vec;

/// MicroPython release whose behaviour we follow.
pub const MICROPY_VERSION: (isize, isize, isize) = (1, 27, 0);
/// `.mpy` version this runtime loads (6.3, bytecode only, no native arch).
pub const MPY_VERSION: isize = 6 | (3 << 8);

/// `sys.exit([code])`: raises SystemExit.
fn exit(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    Err(match a.first() {
        Some(&c) => vm.error_arg(&SYSTEM_EXIT_TYPE, c),
        None => vm.error_noargs(&SYSTEM_EXIT_TYPE),
    })
}

/// `sys.print_exception(exc, file=sys.stdout)`.
fn print_exception(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let mut s = String::new();
    crate::vm::print_exception(vm, a[0], &mut s);
    match a.get(1) {
        Some(&f) if f != Obj::NONE => {
            let text = vm.new_str(&s)?;
            let (m, self_) = vm.load_method_maybe(f, q::write)?;
            if m.is_null() {
                return Err(vm.no_attr_error(f, q::write));
            }
            if self_.is_null() {
                vm.call(m, &[text], &[])?;
            } else {
                vm.call_with_self(m, self_, &[text], &[])?;
            }
        }
        _ => vm.write_stdout(&s),
    }
    Ok(Obj::NONE)
}

static EXIT: BuiltinFun = BuiltinFun::new(q::exit, 0, 1, exit);
static ATEXIT: BuiltinFun = BuiltinFun::new(q::atexit, 1, 1, super::sys_atexit::atexit);
static PRINT_EXCEPTION: BuiltinFun = BuiltinFun::new(q::print_exception, 1, 2, print_exception);

#[cfg(target_endian = "little")]
const BYTEORDER: Qstr = q::little;
#[cfg(target_endian = "big")]
const BYTEORDER: Qstr = q::big;

static LOCALS: [(Qstr, Rom); 7] = [
    (q::__name__, Rom::Str(q::sys)),
    (q::atexit, Rom::Fun(&ATEXIT)),
    (q::byteorder, Rom::Str(BYTEORDER)),
    (q::exit, Rom::Fun(&EXIT)),
    (q::print_exception, Rom::Fun(&PRINT_EXCEPTION)),
    (q::ps1, Rom::Str(q::ps1_text)),
    (q::ps2, Rom::Str(q::ps2_text)),
];

static IMPL_FIELDS: [Qstr; 5] = [q::name, q::version, q::_machine, q::_mpy, q::_build];

fn set(vm: &mut Vm, g: Obj, name: Qstr, v: Obj) -> PyResult<()> {
    vm.dict_store(g, Obj::qstr(name), v)
}

/// Adds the run-time attributes: argv, path, modules, implementation,
/// version, version_info, platform, maxsize, stdin/stdout/stderr.
fn init(vm: &mut Vm, module: Obj) -> PyResult<()> {
    let g = match vm.get(module) {
        Some(ObjData::Module(m)) => m.globals,
        _ => return Ok(()),
    };
    let (a, p, m) = (vm.sys_argv, vm.sys_path, vm.modules);
    set(vm, g, q::argv, a)?;
    set(vm, g, q::path, p)?;
    set(vm, g, q::modules, m)?;
    let (ma, mi, pa) = MICROPY_VERSION;
    let empty = Obj::qstr(q::empty);
    let ver = vm.new_tuple(&[Obj::small_int(ma), Obj::small_int(mi), Obj::small_int(pa), empty])?;
    let machine = vm.hal.machine();
    let machine = vm.new_str(machine)?;
    let build = vm.hal.build_name();
    let build = vm.new_str(build)?;
    let items = vec![Obj::qstr(q::micropython), ver, machine, Obj::small_int(MPY_VERSION), build];
    let imp = crate::types::attrtuple::new(vm, &IMPL_FIELDS, items)?;
    set(vm, g, q::implementation, imp)?;
    let vi = vm.new_tuple(&[Obj::small_int(3), Obj::small_int(4), Obj::small_int(0)])?;
    set(vm, g, q::version_info, vi)?;
    let version = alloc::format!("3.4.0; MicroPython v{ma}.{mi}.{pa}-rs");
    let version = vm.new_str(&version)?;
    set(vm, g, q::version, version)?;
    let platform = vm.hal.platform();
    let platform = vm.new_str(platform)?;
    set(vm, g, q::platform, platform)?;
    let maxsize = vm.new_int(isize::MAX as i64)?;
    set(vm, g, q::maxsize, maxsize)?;
    for (fd, name) in [(0, q::stdin), (1, q::stdout), (2, q::stderr)] {
        let s = super::sys_io::new(vm, fd)?;
        set(vm, g, name, s)?;
    }
    Ok(())
}

/// The `sys` module.
pub static SYS_MODULE: ModuleDef = ModuleDef { name: q::sys, locals: &LOCALS, init: Some(init) };
