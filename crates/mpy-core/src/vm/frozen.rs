//! Frozen modules and `.mpy` files: code that reaches the VM already
//! compiled.
//!
//! A port bakes frozen modules into its image as a `&'static [FrozenModule]`
//! table (the unix port's build script generates one from
//! `ports/unix/manifest.txt`) and installs it in [`super::VmState::frozen`].
//! `import` finds them through the `.frozen` entry of `sys.path`, like
//! MicroPython. Their bytecode is executed in place ([`CodeBytes::Static`]):
//! it is never copied into the heap, and their names and str constants
//! become qstrs that refer to the text in place
//! ([`crate::qstr::QstrPool::intern_static`]; immediate objects, no heap
//! allocation, no copy), which is what MicroPython's frozen modules achieve
//! with ROM qstrs and str objects.
//!
//! `.mpy` files found on `sys.path` are read with
//! [`mpy_bytecode::read_mpy_checked`] (at this VM's small-int width) and
//! [`mpy_bytecode::validate::validate_module`]; any problem is
//! `ValueError: incompatible .mpy file`, never a panic.

use super::load::{build_fun_code, const_to_obj, make_function};
use crate::obj::Obj;
use crate::objdata::ObjData;
use crate::qstr::Qstr;
use crate::state::Vm;
use crate::vmobj::{CodeBytes, CodeContext, FunCode};
use crate::PyResult;
use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use mpy_bytecode::{CompiledModule, Const};

/// One frozen raw code: its `fun_data` (signature, prelude, opcodes) in
/// read-only memory, and its nested raw codes.
#[derive(Debug)]
pub struct FrozenRawCode {
    /// Bytecode `fun_data`, exactly as in a `.mpy` file.
    pub fun_data: &'static [u8],
    /// Children, indexed by MAKE_FUNCTION/MAKE_CLOSURE.
    pub children: &'static [FrozenRawCode],
}

/// A frozen constant object (the `.mpy` constant table, in ROM).
#[derive(Debug)]
pub enum FrozenConst {
    /// `None`.
    None,
    /// `False`.
    False,
    /// `True`.
    True,
    /// `...`.
    Ellipsis,
    /// A str: becomes a qstr referring to this text when loaded (no copy).
    Str(&'static str),
    /// A bytes object (copied into a heap bytes object when loaded).
    Bytes(&'static [u8]),
    /// An int too big for a small int in the bytecode, as decimal text.
    Int(&'static str),
    /// A float.
    Float(f64),
    /// The imaginary part of a complex constant.
    Complex(f64),
    /// A tuple of constants.
    Tuple(&'static [FrozenConst]),
}

/// A frozen module.
#[derive(Debug)]
pub struct FrozenModule {
    /// Path under `.frozen`, with extension: `m.py`, `m.mpy`,
    /// `pkg/__init__.py`, `pkg/sub.py`.
    pub path: &'static str,
    /// The qstr table (entry 0 is the source file name).
    pub qstrs: &'static [&'static str],
    /// The constant table.
    pub consts: &'static [FrozenConst],
    /// The module's top-level code.
    pub raw_code: FrozenRawCode,
}

/// The name of the `sys.path` entry that stands for the frozen modules.
pub const FROZEN_DIR: &str = ".frozen";

/// What a path under `.frozen` names: a module (with its table entry), a
/// package directory, or nothing.
pub enum FrozenStat {
    /// A frozen module file.
    File(&'static FrozenModule),
    /// A directory holding frozen modules (a package).
    Dir,
    /// Nothing.
    Missing,
}

/// Looks up `path` (e.g. `.frozen/m.py`, `.frozen/pkg`) in `table`.
pub fn frozen_stat(table: &'static [FrozenModule], path: &str) -> FrozenStat {
    let Some(rel) = path.strip_prefix(FROZEN_DIR).and_then(|r| r.strip_prefix('/')) else {
        return FrozenStat::Missing;
    };
    if let Some(m) = table.iter().find(|m| m.path == rel) {
        return FrozenStat::File(m);
    }
    let is_dir = table.iter().any(|m| m.path.len() > rel.len() + 1 && m.path.starts_with(rel) && m.path.as_bytes()[rel.len()] == b'/');
    if is_dir {
        FrozenStat::Dir
    } else {
        FrozenStat::Missing
    }
}

fn incompatible(vm: &mut Vm) -> crate::PyErr {
    vm.value_error("incompatible .mpy file")
}

fn frozen_raw_code(rc: &'static FrozenRawCode, qstrs: &Rc<[Qstr]>, n_consts: usize, file: Qstr) -> Option<Rc<FunCode>> {
    let mut children = Vec::with_capacity(rc.children.len());
    for c in rc.children {
        children.push(frozen_raw_code(c, qstrs, n_consts, file)?);
    }
    build_fun_code(CodeBytes::Static(rc.fun_data), qstrs, n_consts, file, children.into_boxed_slice())
}

fn frozen_const(vm: &mut Vm, c: &FrozenConst) -> PyResult<Obj> {
    Ok(match c {
        FrozenConst::None => Obj::NONE,
        FrozenConst::False => Obj::FALSE,
        FrozenConst::True => Obj::TRUE,
        FrozenConst::Ellipsis => Obj::ELLIPSIS,
        FrozenConst::Str(s) => Obj::qstr(vm.qstrs.intern_static(s)),
        FrozenConst::Bytes(b) => vm.new_bytes(b)?,
        FrozenConst::Int(t) => const_to_obj(vm, &Const::Int(String::from(*t)))?,
        FrozenConst::Float(f) => const_to_obj(vm, &Const::Float(*f))?,
        FrozenConst::Complex(f) => const_to_obj(vm, &Const::Complex(*f))?,
        FrozenConst::Tuple(items) => {
            let base = vm.roots.len();
            for it in items.iter() {
                match frozen_const(vm, it) {
                    Ok(o) => vm.roots.push(o),
                    Err(e) => {
                        vm.roots.truncate(base);
                        return Err(e);
                    }
                }
            }
            let objs: Vec<Obj> = vm.roots[base..].to_vec();
            let r = vm.new_tuple(&objs);
            vm.roots.truncate(base);
            r?
        }
    })
}

/// Loads frozen module `fm` to run with `globals`: returns its top-level
/// function. The bytecode stays in `fm` (read-only memory).
///
/// Errors: `ValueError: incompatible .mpy file` if the frozen code does not
/// pass the loader's checks, `MemoryError`.
pub fn load_frozen(vm: &mut Vm, fm: &'static FrozenModule, globals: Obj) -> PyResult<Obj> {
    let qstrs: Vec<Qstr> = fm.qstrs.iter().map(|s| vm.qstrs.intern_static(s)).collect();
    let qstrs: Rc<[Qstr]> = Rc::from(qstrs);
    let file = qstrs.first().copied().unwrap_or(crate::q::angle_string);
    let Some(root) = frozen_raw_code(&fm.raw_code, &qstrs, fm.consts.len(), file) else {
        return Err(incompatible(vm));
    };
    let base = vm.roots.len();
    vm.roots.push(globals);
    let r = (|| {
        for c in fm.consts {
            let o = frozen_const(vm, c)?;
            vm.roots.push(o);
        }
        let consts = vm.roots[base + 1..].to_vec();
        let ctx = CodeContext { qstrs: qstrs.clone(), consts, globals, code_bytes: 0 };
        let ctx = vm.alloc(ObjData::CodeContext(Box::new(ctx)))?;
        vm.roots.push(ctx);
        make_function(vm, root, ctx, globals, Obj::NULL, Obj::NULL, Box::new([]))
    })();
    vm.roots.truncate(base);
    r
}

/// Parses and checks `.mpy` file contents for this VM.
///
/// Errors: `ValueError: incompatible .mpy file` for a wrong header, too many
/// small-int bits, truncated or malformed contents or code that fails
/// validation; `ValueError: incompatible .mpy arch` for native code (as
/// MicroPython's unix port without native emitters).
pub fn parse_mpy(vm: &mut Vm, data: &[u8]) -> PyResult<CompiledModule> {
    match mpy_bytecode::read_mpy_checked(data, Obj::SMALL_INT_BITS as u8) {
        Ok(m) => match mpy_bytecode::validate::validate_module(&m) {
            Ok(()) => Ok(m),
            Err(_) => Err(incompatible(vm)),
        },
        Err(mpy_bytecode::MpyError::NativeCode) => Err(vm.value_error("incompatible .mpy arch")),
        Err(_) => Err(incompatible(vm)),
    }
}

/// Runs `.mpy` file contents as a module body with `globals`.
///
/// Errors: see [`parse_mpy`], plus whatever the module raises.
pub fn exec_mpy_in(vm: &mut Vm, data: &[u8], globals: Obj) -> PyResult<Obj> {
    let m = parse_mpy(vm, data)?;
    super::exec::run_compiled(vm, &m, globals, globals)
}

/// Runs frozen module `fm` as a module body with `globals`.
///
/// Errors: see [`load_frozen`], plus whatever the module raises.
pub fn exec_frozen_in(vm: &mut Vm, fm: &'static FrozenModule, globals: Obj) -> PyResult<Obj> {
    let f = load_frozen(vm, fm, globals)?;
    let base = vm.roots.len();
    vm.roots.push(f);
    let r = super::call::call_function_locals(vm, f, &[], &[], globals);
    vm.roots.truncate(base);
    r
}
