//! The `gc` module: control of the garbage collector.
//!
//! `mem_free()` + `mem_alloc()` is exactly the heap size (the whole
//! region, tables included). `enable`/`disable` switch automatic
//! collection by `threshold()` (a failing allocation always collects).

use crate::typ::Entry;
use super::args::int_arg;
use crate::obj::Obj;
use crate::qstr::q;
use crate::state::Vm;
use crate::typ::{BuiltinFun, ModuleDef, Rom};
use crate::PyResult;

fn collect(vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    vm.collect();
    Ok(Obj::NONE)
}

fn mem_free(vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    vm.new_int(vm.heap.mem_free() as i64)
}

fn mem_alloc(vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    vm.new_int(vm.heap.mem_alloc() as i64)
}

fn enable(vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    vm.heap.stats.enabled = true;
    Ok(Obj::NONE)
}

fn disable(vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    vm.heap.stats.enabled = false;
    Ok(Obj::NONE)
}

fn isenabled(vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    Ok(Obj::bool(vm.heap.stats.enabled))
}

/// `gc.threshold()` returns the allocation threshold (-1 if unset);
/// `gc.threshold(n)` sets it (-1 unsets) and returns None.
fn threshold(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    match a.first() {
        None => {
            let t = vm.heap.stats.threshold;
            Ok(if t == 0 { Obj::small_int(-1) } else { vm.new_int(t as i64)? })
        }
        Some(&n) => {
            let n = int_arg(vm, n)?;
            vm.heap.stats.threshold = if n < 0 { 0 } else { n as usize };
            Ok(Obj::NONE)
        }
    }
}

static COLLECT: BuiltinFun = BuiltinFun::new(q::collect, 0, 0, collect);
static MEM_FREE: BuiltinFun = BuiltinFun::new(q::mem_free, 0, 0, mem_free);
static MEM_ALLOC: BuiltinFun = BuiltinFun::new(q::mem_alloc, 0, 0, mem_alloc);
static ENABLE: BuiltinFun = BuiltinFun::new(q::enable, 0, 0, enable);
static DISABLE: BuiltinFun = BuiltinFun::new(q::disable, 0, 0, disable);
static ISENABLED: BuiltinFun = BuiltinFun::new(q::isenabled, 0, 0, isenabled);
static THRESHOLD: BuiltinFun = BuiltinFun::new(q::threshold, 0, 1, threshold);

static LOCALS: [Entry; 8] = [
    Entry::new(q::__name__, Rom::Str(q::gc)),
    Entry::new(q::collect, Rom::Fun(&COLLECT)),
    Entry::new(q::disable, Rom::Fun(&DISABLE)),
    Entry::new(q::enable, Rom::Fun(&ENABLE)),
    Entry::new(q::isenabled, Rom::Fun(&ISENABLED)),
    Entry::new(q::mem_alloc, Rom::Fun(&MEM_ALLOC)),
    Entry::new(q::mem_free, Rom::Fun(&MEM_FREE)),
    Entry::new(q::threshold, Rom::Fun(&THRESHOLD)),
];

/// The `gc` module.
pub static GC_MODULE: ModuleDef = ModuleDef::new(q::gc, &LOCALS);
