//! Frozen modules and `.mpy` files: code that reaches the VM already
//! compiled.
//!
//! A port bakes frozen modules into its image as a `&'static [FrozenModule]`
//! table of `.mpy` images (the unix port's build script generates one from
//! `ports/unix/manifest.txt`, with the `mpy-freeze` crate) and installs it
//! in [`super::VmState::frozen`]. `import` finds them through the
//! `.frozen` entry of `sys.path`, like MicroPython. They are loaded by the
//! same `.mpy` loader as files on the boards ([`load_mpy_in`]), but their
//! bytecode is executed in place: it is never copied into the heap, and
//! their names and str constants become qstrs that refer to the text in
//! place ([`Vm::intern_static`]; immediate objects, no heap allocation, no
//! copy), which is what MicroPython's frozen modules achieve with ROM
//! qstrs and str objects.
//!
//! `.mpy` files found on `sys.path` are loaded straight into the heap on
//! the boards and with feature `board-mpy` ([`load_mpy`]); the desktop reads
//! them with [`mpy_bytecode::read_mpy_with`] (at this VM's small-int
//! width, static qstrs from the built-in qstr table), checks them with
//! [`mpy_bytecode::validate::validate_module`] and then loads the
//! [`CompiledModule`] (its `-X compile-only` and bytecode dump stop after
//! parsing). Any problem is `ValueError: incompatible .mpy file`, never a
//! panic.

use super::load::{incompatible, int_from_decimal, module_function, qstr_table_from_fn, raw_code_obj, tuple_from_fn, Loaded};
use crate::obj::Obj;
use crate::qstr::Qstr;
use crate::state::Vm;
use crate::vmobj::qstr_table;
use crate::PyResult;
use mpy_bytecode::CompiledModule;

/// A frozen module: its contents in `.mpy` form, in read-only memory
/// (loaded by the `.mpy` loader, [`load_frozen`], with the bytecode and
/// str texts left in place).
#[derive(Debug)]
pub struct FrozenModule {
    /// Path under `.frozen`, with extension: `m.py`, `m.mpy`,
    /// `pkg/__init__.py`, `pkg/sub.py`.
    pub path: &'static str,
    /// The module as a `.mpy` file (its small-int width is the target's).
    pub mpy: &'static [u8],
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

/// Loads frozen module `fm` into the heap: its names and str constants
/// become qstrs referring to the text in place, and its raw codes keep
/// their bytecode in `fm` (read-only memory).
///
/// Errors: `ValueError: incompatible .mpy file` if the frozen code does not
/// pass the loader's checks, `MemoryError`.
pub fn load_frozen(vm: &mut Vm, fm: &'static FrozenModule) -> PyResult<Loaded> {
    load_mpy_in(vm, fm.mpy, fm.mpy)
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

/// A cursor over `.mpy` contents for [`load_mpy_in`]; every read past
/// the end or of a malformed field is `ValueError: incompatible .mpy file`.
struct MpyIn<'a> {
    data: &'a [u8],
    /// The same bytes when they are static (a frozen module), else empty:
    /// bytecode and str texts are then used in place.
    rom: &'static [u8],
    pos: usize,
}

impl<'a> MpyIn<'a> {
    /// The static copy of the `len` bytes read before the last `back`
    /// ones, empty if none.
    fn rom_of(&self, len: usize, back: usize) -> &'static [u8] {
        let end = self.pos.saturating_sub(back);
        self.rom.get(end.saturating_sub(len)..end).unwrap_or(&[])
    }

    /// The static copy of a text of `len` bytes before its 0 terminator
    /// (just read), if static.
    fn rom_str(&self, len: usize) -> Option<&'static str> {
        if self.rom.is_empty() {
            return None;
        }
        mpy_bytecode::utf8::str(self.rom_of(len, 1))
    }

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
        mpy_bytecode::varint::decode_vuint_usize(self.data, &mut self.pos).map_err(|_| incompatible(vm))
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
        match self.rom_str(s.len()) {
            Some(st) => vm.intern_static(st),
            None => vm.intern(s),
        }
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
                    return vm.new_bytes(b);
                }
                let s = mpy_bytecode::utf8::str(b).ok_or_else(|| incompatible(vm))?;
                match self.rom_str(s.len()) {
                    // A frozen str: a qstr referring to the text in place.
                    Some(st) => Obj::qstr(vm.intern_static(st)?),
                    None => vm.new_str(s)?,
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
        // (Frozen bytecode stays in read-only memory.)
        let rom = self.rom_of(fun_data.len(), 0);
        let n = if kind_len & 4 != 0 { self.count(vm)? } else { 0 };
        let child = &mut |vm: &mut Vm, _| self.raw_code(vm, qstrs, n_consts, file, depth + 1);
        raw_code_obj(vm, fun_data, rom, qstrs, n_consts, file, n, child)
    }
}

/// `ValueError: incompatible .mpy arch` (native code).
fn bad_arch(vm: &mut Vm) -> crate::PyErr {
    vm.value_error(msg!("incompatible .mpy arch"))
}

/// Loads `.mpy` file contents straight into the heap (the boards' and
/// feature `board-mpy`'s path: no [`CompiledModule`] in between, so no
/// second reader and no compiler memory): see [`load_mpy_in`].
///
/// Errors: `ValueError: incompatible .mpy file` for a wrong header,
/// truncated or malformed contents or code that fails the checks;
/// `ValueError: incompatible .mpy arch` for native code; `MemoryError`.
#[cfg(any(target_os = "none", feature = "board-mpy"))]
pub fn load_mpy(vm: &mut Vm, data: &[u8]) -> PyResult<Loaded> {
    load_mpy_in(vm, data, &[])
}

/// The `.mpy` loader of files and frozen modules: the header as
/// [`mpy_bytecode::read_mpy_with`] checks it (at this VM's small-int
/// width, for a file), then the qstrs, constants and raw codes in file
/// order, each raw code checked by the loader ([`raw_code_obj`]) as it is
/// read. `rom`: `data` itself when static (a frozen module, whose texts and
/// bytecode are then used in place), else empty.
fn load_mpy_in(vm: &mut Vm, data: &[u8], rom: &'static [u8]) -> PyResult<Loaded> {
    use mpy_bytecode::mpy::{MPY_ARCH_RV32IMC, MPY_MAGIC, MPY_SUB_VERSION, MPY_VERSION};
    let mut r = MpyIn { data, rom, pos: 4 };
    let &[magic, version, features, bits, ..] = data else { return Err(incompatible(vm)) };
    let arch = (features >> 2) & 0xf;
    if magic != MPY_MAGIC
        || version != MPY_VERSION
        || features & 0x80 != 0
        || (arch != 0 && features & 3 != MPY_SUB_VERSION)
        || (rom.is_empty() && bits > Obj::SMALL_INT_BITS as u8)
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
