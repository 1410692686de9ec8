//! Compiled code as plain data: what the compiler produces, what a `.mpy`
//! file holds, and what the VM loads. No heap objects live here.

use alloc::string::String;
use alloc::vec::Vec;

/// One entry of a module's constant-object table (the `.mpy` "objects").
///
/// Matches the `.mpy` v6.3 object types: ints are decimal text (any size, a
/// leading `-` for negatives), floats and complex imaginary parts are `f64`
/// (serialised as the shortest round-trip repr), tuples nest.
#[derive(Clone, Debug, PartialEq)]
pub enum Const {
    /// `None` (`.mpy` type 1).
    None,
    /// `False` (`.mpy` type 2).
    False,
    /// `True` (`.mpy` type 3).
    True,
    /// `...` (`.mpy` type 4).
    Ellipsis,
    /// A `str` (`.mpy` type 5), UTF-8.
    Str(String),
    /// A `bytes` (`.mpy` type 6).
    Bytes(Vec<u8>),
    /// An `int` too big for a small int (`.mpy` type 7), as decimal text.
    Int(String),
    /// A `float` (`.mpy` type 8).
    Float(f64),
    /// A purely imaginary `complex` (`.mpy` type 9): the imaginary part.
    Complex(f64),
    /// A tuple of constants (`.mpy` type 10).
    Tuple(Vec<Const>),
}

/// The kind of a raw-code record (low 2 bits of its `.mpy` `kind_len`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RawCodeKind {
    /// MicroPython bytecode (kind 0): the only kind we emit and execute.
    Bytecode = 0,
    /// Native machine code for a Python function (kind 1).
    NativePy = 1,
    /// Viper machine code (kind 2).
    Viper = 2,
    /// Inline assembler (kind 3).
    Asm = 3,
}

/// One function body (module, function, class body, lambda, comprehension).
///
/// For [`RawCodeKind::Bytecode`], `fun_data` is the signature, the prelude
/// size, the info block (name, argument names, line-number table), the cell
/// list and the opcodes, exactly as in a `.mpy` file. Qstr operands in the
/// bytecode index the owning [`CompiledModule::qstrs`]; constant operands
/// index [`CompiledModule::consts`]. `children` are the nested raw codes in
/// MAKE_FUNCTION/MAKE_CLOSURE ordinal order.
#[derive(Clone, Debug, PartialEq)]
pub struct RawCode {
    /// What `fun_data` contains.
    pub kind: RawCodeKind,
    /// The function's data (for bytecode: signature, prelude, opcodes).
    pub fun_data: Vec<u8>,
    /// Nested raw codes, referenced by index from MAKE_FUNCTION/MAKE_CLOSURE.
    pub children: Vec<RawCode>,
}

/// A compiled module: the contents of one `.mpy` file.
#[derive(Clone, Debug, PartialEq)]
pub struct CompiledModule {
    /// The module's qstr table; entry 0 is the source-file name. Static
    /// qstrs are stored by value here; the `.mpy` writer maps them to ids.
    pub qstrs: Vec<String>,
    /// The module's constant-object table.
    pub consts: Vec<Const>,
    /// The module's top-level code; functions are its (nested) children.
    pub raw_code: RawCode,
    /// Small-int bits the code was compiled for (`.mpy` header byte 3).
    pub small_int_bits: u8,
}
