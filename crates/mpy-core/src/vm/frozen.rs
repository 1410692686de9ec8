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
//! ([`Vm::intern_static`]; immediate objects, no heap
//! allocation, no copy), which is what MicroPython's frozen modules achieve
//! with ROM qstrs and str objects.
//!
//! `.mpy` files found on `sys.path` are read with
//! [`mpy_bytecode::read_mpy_with`] (at this VM's small-int width, static
//! qstrs from the built-in qstr table) and
//! [`mpy_bytecode::validate::validate_module`] (on the desktop; the boards,
//! and builds with feature `board-mpy`, rely on the verifier that loading
//! runs); any problem is
//! `ValueError: incompatible .mpy file`, never a panic.

use super::load::{incompatible, int_from_decimal, module_function, qstr_table_from_fn, raw_code_obj, tuple_from_fn, Loaded};
use crate::obj::Obj;
use crate::qstr::Qstr;
use crate::state::Vm;
use crate::vmobj::qstr_table;
use crate::PyResult;
use mpy_bytecode::CompiledModule;

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

fn frozen_raw_code(vm: &mut Vm, rc: &'static FrozenRawCode, qstrs: Obj, n_consts: usize, file: Qstr) -> PyResult<Obj> {
    let child = &mut |vm: &mut Vm, i| frozen_raw_code(vm, &rc.children[i], qstrs, n_consts, file);
    // The bytecode stays in read-only memory.
    raw_code_obj(vm, rc.fun_data, rc.fun_data, qstrs, n_consts, file, rc.children.len(), child)
}

fn frozen_const(vm: &mut Vm, c: &'static FrozenConst) -> PyResult<Obj> {
    Ok(match c {
        FrozenConst::None => Obj::NONE,
        FrozenConst::False => Obj::FALSE,
        FrozenConst::True => Obj::TRUE,
        FrozenConst::Ellipsis => Obj::ELLIPSIS,
        FrozenConst::Str(s) => Obj::qstr(vm.intern_static(s)?),
        FrozenConst::Bytes(b) => vm.new_bytes(b)?,
        FrozenConst::Int(t) => int_from_decimal(vm, t)?,
        #[cfg(feature = "float")]
        FrozenConst::Float(f) => vm.new_float(crate::flt::from_f64(*f))?,
        #[cfg(feature = "complex")]
        FrozenConst::Complex(f) => vm.new_complex(0.0, crate::flt::from_f64(*f))?,
        #[cfg(all(feature = "float", not(feature = "complex")))]
        FrozenConst::Complex(_) => return Err(super::load::no_complex(vm)),
        #[cfg(not(feature = "float"))]
        FrozenConst::Float(_) | FrozenConst::Complex(_) => return Err(super::load::no_float(vm)),
        FrozenConst::Tuple(items) => tuple_from_fn(vm, items.len(), &mut |vm, i| frozen_const(vm, &items[i]))?,
    })
}

/// Loads frozen module `fm` into the heap: its names and str constants
/// become qstrs referring to the text in place, and its raw codes keep
/// their bytecode in `fm` (read-only memory).
///
/// Errors: `ValueError: incompatible .mpy file` if the frozen code does not
/// pass the loader's checks, `MemoryError`.
pub fn load_frozen(vm: &mut Vm, fm: &'static FrozenModule) -> PyResult<Loaded> {
    let qstrs = qstr_table_from_fn(vm, fm.qstrs.len(), &mut |vm, i| vm.intern_static(fm.qstrs[i]))?;
    let consts = tuple_from_fn(vm, fm.consts.len(), &mut |vm, i| frozen_const(vm, &fm.consts[i]))?;
    let file = qstr_table(vm, qstrs).first().copied().unwrap_or(crate::q::angle_string);
    let root = frozen_raw_code(vm, &fm.raw_code, qstrs, fm.consts.len(), file)?;
    Ok(Loaded { qstrs, consts, root })
}

/// Parses and checks `.mpy` file contents for this VM.
///
/// Errors: `ValueError: incompatible .mpy file` for a wrong header, too many
/// small-int bits, truncated or malformed contents or code that fails
/// validation; `ValueError: incompatible .mpy arch` for native code (as
/// MicroPython's unix port without native emitters).
pub fn parse_mpy(vm: &mut Vm, data: &[u8]) -> PyResult<CompiledModule> {
    // The errors are made inside (as the compiler's), so that both share
    // one `with_compile_memory`.
    let parsed = super::exec::with_compile_memory(vm, &|vm| {
        let m = mpy_bytecode::read_mpy_with(data, Obj::SMALL_INT_BITS as u8, |id| {
            crate::qstr::mpy_static(id).map(|q| crate::qstr::static_str(q.0 as usize))
        });
        match m {
            Ok(m) if structurally_valid(&m) => Ok(m),
            Err(mpy_bytecode::MpyError::NativeCode) => Err(vm.value_error(msg!("incompatible .mpy arch"))),
            #[cfg(not(feature = "float"))]
            Err(mpy_bytecode::MpyError::NoFloat) => Err(super::load::no_float(vm)),
            _ => Err(incompatible(vm)),
        }
    });
    // The port's loader memory ran out.
    parsed.unwrap_or_else(|| Err(vm.memory_error()))
}

/// A cursor over `.mpy` file contents for [`load_mpy`]; every read past
/// the end or of a malformed field is `ValueError: incompatible .mpy file`.
#[cfg(any(target_os = "none", feature = "board-mpy"))]
struct MpyIn<'a> {
    data: &'a [u8],
    pos: usize,
}

#[cfg(any(target_os = "none", feature = "board-mpy"))]
impl<'a> MpyIn<'a> {
    fn bytes(&mut self, vm: &mut Vm, n: usize) -> PyResult<&'a [u8]> {
        let data = self.data;
        match self.pos.checked_add(n).and_then(|end| data.get(self.pos..end)) {
            Some(s) => {
                self.pos += n;
                Ok(s)
            }
            None => Err(incompatible(vm)),
        }
    }

    fn byte(&mut self, vm: &mut Vm) -> PyResult<u8> {
        let Some(&b) = self.data.get(self.pos) else { return Err(incompatible(vm)) };
        self.pos += 1;
        Ok(b)
    }

    fn vuint(&mut self, vm: &mut Vm) -> PyResult<usize> {
        mpy_bytecode::varint::decode_vuint_usize(self.data, &mut self.pos).or_else(|_| Err(incompatible(vm)))
    }

    /// A count of items of at least one byte each (bounded by what is
    /// left, so nothing larger than the file is allocated for it).
    fn count(&mut self, vm: &mut Vm) -> PyResult<usize> {
        let n = self.vuint(vm)?;
        if n > self.data.len().saturating_sub(self.pos) {
            return Err(incompatible(vm));
        }
        Ok(n)
    }

    /// `n` bytes of text (UTF-8), then a 0 byte when `nul`.
    fn text(&mut self, vm: &mut Vm, n: usize, nul: bool) -> PyResult<&'a str> {
        let s = self.bytes(vm, n)?;
        if nul && self.byte(vm)? != 0 {
            return Err(incompatible(vm));
        }
        mpy_bytecode::utf8::str(s).ok_or_else(|| incompatible(vm))
    }

    /// A qstr-table entry: a static qstr id (odd) or a text.
    fn qstr(&mut self, vm: &mut Vm) -> PyResult<Qstr> {
        let l = self.vuint(vm)?;
        if l & 1 == 1 {
            return u16::try_from(l >> 1).ok().and_then(crate::qstr::mpy_static).ok_or_else(|| incompatible(vm));
        }
        let s = self.text(vm, l >> 1, true)?;
        vm.intern(s)
    }

    /// A constant object (tuples nest at most `MAX_NESTING` deep).
    fn constant(&mut self, vm: &mut Vm, depth: usize) -> PyResult<Obj> {
        use mpy_bytecode::mpy::obj_type as t;
        if depth > mpy_bytecode::mpy::MAX_NESTING {
            return Err(incompatible(vm));
        }
        let kind = self.byte(vm)?;
        Ok(match kind {
            t::FUN_TABLE => return Err(bad_arch(vm)),
            t::NONE => Obj::NONE,
            t::FALSE => Obj::FALSE,
            t::TRUE => Obj::TRUE,
            t::ELLIPSIS => Obj::ELLIPSIS,
            t::STR | t::BYTES => {
                let n = self.vuint(vm)?;
                let b = self.bytes(vm, n)?;
                if self.byte(vm)? != 0 {
                    return Err(incompatible(vm));
                }
                if kind == t::BYTES {
                    vm.new_bytes(b)?
                } else {
                    let s = mpy_bytecode::utf8::str(b).ok_or_else(|| incompatible(vm))?;
                    vm.new_str(s)?
                }
            }
            t::INT => {
                let n = self.vuint(vm)?;
                let s = self.text(vm, n, false)?;
                int_from_decimal(vm, s)?
            }
            #[cfg(not(feature = "float"))]
            t::FLOAT | t::COMPLEX => return Err(super::load::no_float(vm)),
            #[cfg(feature = "float")]
            t::FLOAT | t::COMPLEX => {
                let n = self.vuint(vm)?;
                let s = self.text(vm, n, false)?;
                let v = if kind == t::FLOAT { mpy_bytecode::float_repr::parse_float(s) } else { mpy_bytecode::float_repr::parse_complex(s) };
                let Some(v) = v else { return Err(incompatible(vm)) };
                let c = if kind == t::FLOAT { mpy_bytecode::Const::Float(v) } else { mpy_bytecode::Const::Complex(v) };
                super::load::const_to_obj(vm, &c)?
            }
            t::TUPLE => {
                let n = self.count(vm)?;
                tuple_from_fn(vm, n, &mut |vm, _| self.constant(vm, depth + 1))?
            }
            _ => return Err(incompatible(vm)),
        })
    }

    /// A raw code and its children (bytecode only), loaded and checked as
    /// the compiler's ([`raw_code_obj`]).
    fn raw_code(&mut self, vm: &mut Vm, qstrs: Obj, n_consts: usize, file: Qstr, depth: usize) -> PyResult<Obj> {
        if depth > mpy_bytecode::mpy::MAX_NESTING {
            return Err(incompatible(vm));
        }
        let kind_len = self.vuint(vm)?;
        if kind_len & 3 != mpy_bytecode::RawCodeKind::Bytecode as usize {
            return Err(bad_arch(vm));
        }
        let fun_data = self.bytes(vm, kind_len >> 3)?;
        let n = if kind_len & 4 != 0 { self.count(vm)? } else { 0 };
        let child = &mut |vm: &mut Vm, _| self.raw_code(vm, qstrs, n_consts, file, depth + 1);
        raw_code_obj(vm, fun_data, &[], qstrs, n_consts, file, n, child)
    }
}

/// `ValueError: incompatible .mpy arch` (native code).
#[cfg(any(target_os = "none", feature = "board-mpy"))]
fn bad_arch(vm: &mut Vm) -> crate::PyErr {
    vm.value_error(msg!("incompatible .mpy arch"))
}

/// Loads `.mpy` file contents straight into the heap (the boards' and
/// feature `board-mpy`'s path: no [`CompiledModule`] in between, so no
/// second reader and no compiler memory): the header as
/// [`mpy_bytecode::read_mpy_with`] checks it (at this VM's small-int
/// width), then the qstrs, constants and raw codes in file order, each
/// raw code checked by the loader ([`raw_code_obj`]) as it is read.
///
/// Errors: `ValueError: incompatible .mpy file` for a wrong header,
/// truncated or malformed contents or code that fails the checks;
/// `ValueError: incompatible .mpy arch` for native code; `MemoryError`.
#[cfg(any(target_os = "none", feature = "board-mpy"))]
pub fn load_mpy(vm: &mut Vm, data: &[u8]) -> PyResult<Loaded> {
    use mpy_bytecode::mpy::{MPY_ARCH_RV32IMC, MPY_MAGIC, MPY_SUB_VERSION, MPY_VERSION};
    let mut r = MpyIn { data, pos: 4 };
    let &[magic, version, features, bits, ..] = data else { return Err(incompatible(vm)) };
    let arch = (features >> 2) & 0xf;
    if magic != MPY_MAGIC
        || version != MPY_VERSION
        || features & 0x80 != 0
        || (arch != 0 && features & 3 != MPY_SUB_VERSION)
        || bits > Obj::SMALL_INT_BITS as u8
        || (features & 0x40 != 0 && arch != MPY_ARCH_RV32IMC)
    {
        return Err(incompatible(vm));
    }
    if features & 0x40 != 0 {
        r.vuint(vm)?;
    }
    let n_qstrs = r.count(vm)?;
    let n_consts = r.count(vm)?;
    let qstrs = qstr_table_from_fn(vm, n_qstrs, &mut |vm, _| r.qstr(vm))?;
    let consts = tuple_from_fn(vm, n_consts, &mut |vm, _| r.constant(vm, 0))?;
    let file = qstr_table(vm, qstrs).first().copied().unwrap_or(crate::q::angle_string);
    let root = r.raw_code(vm, qstrs, n_consts, file, 0)?;
    if r.pos != data.len() {
        return Err(incompatible(vm));
    }
    Ok(Loaded { qstrs, consts, root })
}

/// Whether `m` passes [`mpy_bytecode::validate::validate_module`]. On the
/// boards every parsed module is loaded at once, and loading checks the
/// preludes and runs the verifier ([`super::verify`]) on every raw code,
/// which rejects the same malformed code (it only lets overlong operand
/// encodings wrap, as the dispatch loop reads them); so only the desktop,
/// whose `-X compile-only` and bytecode dump stop after parsing,
/// validates here (unless built with feature `board-mpy`, which fuzzes
/// the board path).
#[cfg(not(any(target_os = "none", feature = "board-mpy")))]
fn structurally_valid(m: &CompiledModule) -> bool {
    mpy_bytecode::validate::validate_module(m).is_ok()
}

#[cfg(any(target_os = "none", feature = "board-mpy"))]
fn structurally_valid(_: &CompiledModule) -> bool {
    true
}

/// Runs `.mpy` file contents as a module body with `globals`.
///
/// Errors: see [`parse_mpy`], plus whatever the module raises.
pub fn exec_mpy_in(vm: &mut Vm, data: &[u8], globals: Obj) -> PyResult<Obj> {
    #[cfg(any(target_os = "none", feature = "board-mpy"))]
    {
        let l = load_mpy(vm, data)?;
        super::exec::run_loaded(vm, &l, globals, globals)
    }
    #[cfg(not(any(target_os = "none", feature = "board-mpy")))]
    {
        let m = parse_mpy(vm, data)?;
        super::exec::run_compiled(vm, &m, globals, globals)
    }
}

/// Runs frozen module `fm` as a module body with `globals`.
///
/// Errors: see [`load_frozen`], plus whatever the module raises.
pub fn exec_frozen_in(vm: &mut Vm, fm: &'static FrozenModule, globals: Obj) -> PyResult<Obj> {
    let l = load_frozen(vm, fm)?;
    let f = module_function(vm, &l, globals)?;
    super::call::call_function_locals(vm, f, &[], &[], globals)
}
