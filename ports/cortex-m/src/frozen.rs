//! The modules frozen into the firmware at build time (`build.rs` compiles
//! `ports/cortex-m/manifest.txt`, plus `$MPY_FROZEN_MANIFEST`, into static
//! tables in flash). `import` finds them through `sys.path`'s `.frozen`
//! entry and runs their bytecode in place; a frozen `_boot` module runs at
//! every boot.

use mpy_core::runtime::print::Out;
use mpy_core::vm::import::import_name;
use mpy_core::vm::print_exception;
use mpy_core::{Obj, Vm};

include!(concat!(env!("OUT_DIR"), "/frozen.rs"));
include!(concat!(env!("OUT_DIR"), "/frozen_boot.rs"));

/// Imports the frozen `_boot` module if this firmware has one, printing
/// any exception it raises (the REPL starts anyway).
pub fn run_boot(vm: &mut Vm) {
    // (Known when the image is built: see build.rs.)
    if !HAS_BOOT {
        return;
    }
    let r = vm
        .intern("_boot")
        .and_then(|q| import_name(vm, q, Obj::NONE, Obj::small_int(0), Obj::NULL));
    if let Err(e) = r {
        let _ = print_exception(vm, e.0, &mut Out::Stdout);
    }
}
