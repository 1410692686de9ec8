//! The MicroPython bytecode instruction set (`.mpy` v6.3): the single source
//! of truth for opcode values, their operand formats and stack effects.
//!
//! Operand formats follow the opcode's high nibble (see
//! `shared/spec/bytecode.md`): `0x1X` take a qstr index, `0x2X`/`0x3X` a
//! vuint, `0x4X` a jump offset, everything else nothing. MAKE_CLOSURE,
//! MAKE_CLOSURE_DEFARGS and UNWIND_JUMP are followed by one extra raw byte.

use crate::varint;

// ---- qstr operand (0x1X) ----
/// Push a string constant interned as a qstr. Operand: qstr index. Stack +1.
pub const LOAD_CONST_STRING: u8 = 0x10;
/// Push the value of a name (locals → globals → builtins). Operand: qstr. Stack +1.
pub const LOAD_NAME: u8 = 0x11;
/// Push the value of a global (globals → builtins). Operand: qstr. Stack +1.
pub const LOAD_GLOBAL: u8 = 0x12;
/// Replace TOS by `TOS.attr`. Operand: qstr. Stack 0.
pub const LOAD_ATTR: u8 = 0x13;
/// Replace TOS (obj) by `meth, self-or-NULL`. Operand: qstr. Stack +1.
pub const LOAD_METHOD: u8 = 0x14;
/// `super().meth` lookup: pops super-type and self, pushes method pair. Operand: qstr. Stack −1.
pub const LOAD_SUPER_METHOD: u8 = 0x15;
/// Store TOS to a name in the local namespace. Operand: qstr. Stack −1.
pub const STORE_NAME: u8 = 0x16;
/// Store TOS to a global. Operand: qstr. Stack −1.
pub const STORE_GLOBAL: u8 = 0x17;
/// `obj.attr = value` with TOS = obj, TOS1 = value. Operand: qstr. Stack −2.
pub const STORE_ATTR: u8 = 0x18;
/// Delete a name. Operand: qstr. Stack 0.
pub const DELETE_NAME: u8 = 0x19;
/// Delete a global. Operand: qstr. Stack 0.
pub const DELETE_GLOBAL: u8 = 0x1a;
/// Import: TOS1 = level, TOS = fromlist → module. Operand: qstr. Stack −1.
pub const IMPORT_NAME: u8 = 0x1b;
/// Push `TOS.name` from the module on TOS (kept). Operand: qstr. Stack +1.
pub const IMPORT_FROM: u8 = 0x1c;

// ---- vuint operand (0x2X, 0x3X) ----
/// Make a closure: operand child index, extra byte n = closed-over count. Stack 1−n.
pub const MAKE_CLOSURE: u8 = 0x20;
/// Make a closure with default args: child index + byte n. Stack −1−n.
pub const MAKE_CLOSURE_DEFARGS: u8 = 0x21;
/// Push a small int. Operand: signed small-int encoding. Stack +1.
pub const LOAD_CONST_SMALL_INT: u8 = 0x22;
/// Push a constant object. Operand: index into the module's constants. Stack +1.
pub const LOAD_CONST_OBJ: u8 = 0x23;
/// Push local n (n ≥ 16 or general form). Operand: uint. Stack +1.
pub const LOAD_FAST_N: u8 = 0x24;
/// Push the content of cell local n. Operand: uint. Stack +1.
pub const LOAD_DEREF: u8 = 0x25;
/// Store TOS to local n. Operand: uint. Stack −1.
pub const STORE_FAST_N: u8 = 0x26;
/// Store TOS into cell local n. Operand: uint. Stack −1.
pub const STORE_DEREF: u8 = 0x27;
/// Delete local n. Operand: uint. Stack 0.
pub const DELETE_FAST: u8 = 0x28;
/// Delete the content of cell local n. Operand: uint. Stack 0.
pub const DELETE_DEREF: u8 = 0x29;
/// Build a tuple of n items. Operand: n. Stack 1−n.
pub const BUILD_TUPLE: u8 = 0x2a;
/// Build a list of n items. Operand: n. Stack 1−n.
pub const BUILD_LIST: u8 = 0x2b;
/// Build an empty dict. Operand: size hint. Stack +1.
pub const BUILD_MAP: u8 = 0x2c;
/// Build a set of n items. Operand: n. Stack 1−n.
pub const BUILD_SET: u8 = 0x2d;
/// Build a slice of n (2 or 3) items. Operand: n. Stack 1−n.
pub const BUILD_SLICE: u8 = 0x2e;
/// Comprehension store: operand `(stack_index << 2) | t`, t: 0 list, 1 dict, 2 set.
/// Stack −1 (dict −2).
pub const STORE_COMP: u8 = 0x2f;
/// Unpack TOS into n items. Operand: n. Stack n−1.
pub const UNPACK_SEQUENCE: u8 = 0x30;
/// Starred unpack: operand `left | right << 8`. Stack left+right.
pub const UNPACK_EX: u8 = 0x31;
/// Make a function from child n. Operand: child index. Stack +1.
pub const MAKE_FUNCTION: u8 = 0x32;
/// Make a function with defaults (pops default tuple and kw dict-or-NULL). Stack −1.
pub const MAKE_FUNCTION_DEFARGS: u8 = 0x33;
/// Call: operand `npos | nkw << 8`. Stack −(npos + 2·nkw).
pub const CALL_FUNCTION: u8 = 0x34;
/// Call with `*`/`**` (bitmap pushed last): operand as CALL_FUNCTION. Stack −(npos + 2·nkw + 1).
pub const CALL_FUNCTION_VAR_KW: u8 = 0x35;
/// Method call: operand `npos | nkw << 8`. Stack −(npos + 2·nkw + 1).
pub const CALL_METHOD: u8 = 0x36;
/// Method call with `*`/`**`: operand as CALL_METHOD. Stack −(npos + 2·nkw + 2).
pub const CALL_METHOD_VAR_KW: u8 = 0x37;

// ---- jump operand (0x4X) ----
/// Jump out of `n` exception handlers: signed offset then a byte
/// (handler count | 0x80 to also pop a for-iterator). Stack 0.
pub const UNWIND_JUMP: u8 = 0x40;
/// Unconditional jump, signed offset. Stack 0.
pub const JUMP: u8 = 0x42;
/// Pop TOS and jump if true, signed offset. Stack −1.
pub const POP_JUMP_IF_TRUE: u8 = 0x43;
/// Pop TOS and jump if false, signed offset. Stack −1.
pub const POP_JUMP_IF_FALSE: u8 = 0x44;
/// Jump (keeping TOS) if true else pop; unsigned offset. Stack −1 on fall-through.
pub const JUMP_IF_TRUE_OR_POP: u8 = 0x45;
/// Jump (keeping TOS) if false else pop; unsigned offset. Stack −1 on fall-through.
pub const JUMP_IF_FALSE_OR_POP: u8 = 0x46;
/// Enter a `with` block (mgr → `__exit__`, mgr, as_value); unsigned offset. Stack +2.
pub const SETUP_WITH: u8 = 0x47;
/// Push an exception handler block; unsigned offset. Stack 0.
pub const SETUP_EXCEPT: u8 = 0x48;
/// Push a finally handler block; unsigned offset. Stack 0.
pub const SETUP_FINALLY: u8 = 0x49;
/// Pop the current exception handler and jump; unsigned offset. Stack 0.
pub const POP_EXCEPT_JUMP: u8 = 0x4a;
/// Advance the iterator (4 stack slots): push next, or pop the iterator and
/// jump when exhausted; unsigned offset. Stack +1 (−4 on exhaustion).
pub const FOR_ITER: u8 = 0x4b;

// ---- no operand ----
/// Push `False`. Stack +1.
pub const LOAD_CONST_FALSE: u8 = 0x50;
/// Push `None`. Stack +1.
pub const LOAD_CONST_NONE: u8 = 0x51;
/// Push `True`. Stack +1.
pub const LOAD_CONST_TRUE: u8 = 0x52;
/// Push the NULL sentinel. Stack +1.
pub const LOAD_NULL: u8 = 0x53;
/// Push `__build_class__`. Stack +1.
pub const LOAD_BUILD_CLASS: u8 = 0x54;
/// `TOS1[TOS]`. Stack −1.
pub const LOAD_SUBSCR: u8 = 0x55;
/// `TOS1[TOS] = TOS2`. Stack −3.
pub const STORE_SUBSCR: u8 = 0x56;
/// Duplicate TOS. Stack +1.
pub const DUP_TOP: u8 = 0x57;
/// Duplicate the top two items. Stack +2.
pub const DUP_TOP_TWO: u8 = 0x58;
/// Discard TOS. Stack −1.
pub const POP_TOP: u8 = 0x59;
/// Swap the top two items. Stack 0.
pub const ROT_TWO: u8 = 0x5a;
/// Move TOS down two places. Stack 0.
pub const ROT_THREE: u8 = 0x5b;
/// Finish a `with` block (calls `__exit__`). Net −2 over the with-state.
pub const WITH_CLEANUP: u8 = 0x5c;
/// End a finally block (re-raises if needed). Stack −1.
pub const END_FINALLY: u8 = 0x5d;
/// Replace TOS by `iter(TOS)`. Stack 0.
pub const GET_ITER: u8 = 0x5e;
/// Replace TOS by an iterator occupying 4 stack slots. Stack +3.
pub const GET_ITER_STACK: u8 = 0x5f;
/// `TOS2[TOS] = TOS1` for a dict literal (map stays). Stack −2.
pub const STORE_MAP: u8 = 0x62;
/// Return TOS. Stack −1.
pub const RETURN_VALUE: u8 = 0x63;
/// Re-raise the current exception. Stack 0.
pub const RAISE_LAST: u8 = 0x64;
/// Raise TOS. Stack −1.
pub const RAISE_OBJ: u8 = 0x65;
/// `raise TOS1 from TOS`. Stack −2.
pub const RAISE_FROM: u8 = 0x66;
/// Yield TOS (receives the sent value in its place). Stack 0.
pub const YIELD_VALUE: u8 = 0x67;
/// Delegate to the iterator TOS1 with sent value TOS. Stack −1.
pub const YIELD_FROM: u8 = 0x68;
/// `from TOS import *`. Stack −1.
pub const IMPORT_STAR: u8 = 0x69;

// ---- compact ranges ----
/// First LOAD_CONST_SMALL_INT_MULTI opcode: op pushes `op − 0x80` (−16..=47). Stack +1.
pub const LOAD_CONST_SMALL_INT_MULTI: u8 = 0x70;
/// Number of LOAD_CONST_SMALL_INT_MULTI opcodes (0x70..=0xAF).
pub const LOAD_CONST_SMALL_INT_MULTI_NUM: u8 = 64;
/// The value pushed by LOAD_CONST_SMALL_INT_MULTI is `op - LOAD_CONST_SMALL_INT_MULTI_EXCESS`.
pub const LOAD_CONST_SMALL_INT_MULTI_EXCESS: i32 = 0x80;
/// First LOAD_FAST_MULTI opcode: `0xB0 + n` pushes local n (0..=15). Stack +1.
pub const LOAD_FAST_MULTI: u8 = 0xb0;
/// Number of LOAD_FAST_MULTI opcodes.
pub const LOAD_FAST_MULTI_NUM: u8 = 16;
/// First STORE_FAST_MULTI opcode: `0xC0 + n` stores local n (0..=15). Stack −1.
pub const STORE_FAST_MULTI: u8 = 0xc0;
/// Number of STORE_FAST_MULTI opcodes.
pub const STORE_FAST_MULTI_NUM: u8 = 16;
/// First UNARY_OP_MULTI opcode: `0xD0 + UnaryOp as u8`. Stack 0.
pub const UNARY_OP_MULTI: u8 = 0xd0;
/// Number of UNARY_OP_MULTI opcodes (0xD0..=0xD3).
pub const UNARY_OP_MULTI_NUM: u8 = 4;
/// First BINARY_OP_MULTI opcode: `0xD7 + BinaryOp as u8`. Stack −1.
pub const BINARY_OP_MULTI: u8 = 0xd7;
/// Number of BINARY_OP_MULTI opcodes (0xD7..=0xF9).
pub const BINARY_OP_MULTI_NUM: u8 = 35;

/// Unary operators encodable in UNARY_OP_MULTI, with MicroPython's numbering
/// (`MP_UNARY_OP_*`; only the first four appear in bytecode).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum UnaryOp {
    /// `+x` (0).
    Positive = 0,
    /// `-x` (1).
    Negative = 1,
    /// `~x` (2).
    Invert = 2,
    /// `not x` (3).
    Not = 3,
}

impl UnaryOp {
    /// All unary operators, indexed by their number.
    pub const ALL: [UnaryOp; 4] = [
        UnaryOp::Positive,
        UnaryOp::Negative,
        UnaryOp::Invert,
        UnaryOp::Not,
    ];

    /// The operator with MicroPython number `n`, if any.
    pub fn from_u8(n: u8) -> Option<UnaryOp> {
        Self::ALL.get(usize::from(n)).copied()
    }

    /// The opcode encoding this operator (`UNARY_OP_MULTI + n`).
    pub fn opcode(self) -> u8 {
        UNARY_OP_MULTI + self as u8
    }

    /// MicroPython's name without prefix, e.g. `"NEGATIVE"`.
    pub fn name(self) -> &'static str {
        match self {
            UnaryOp::Positive => "POSITIVE",
            UnaryOp::Negative => "NEGATIVE",
            UnaryOp::Invert => "INVERT",
            UnaryOp::Not => "NOT",
        }
    }
}

/// Binary operators encodable in BINARY_OP_MULTI, with MicroPython's
/// numbering (`MP_BINARY_OP_*`, 0..=34): comparisons, in-place operators
/// (9..=21), then the plain operators (22..=34) in the same order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
#[allow(missing_docs)]
pub enum BinaryOp {
    Less = 0,
    More = 1,
    Equal = 2,
    LessEqual = 3,
    MoreEqual = 4,
    NotEqual = 5,
    In = 6,
    Is = 7,
    ExceptionMatch = 8,
    InplaceOr = 9,
    InplaceXor = 10,
    InplaceAnd = 11,
    InplaceLshift = 12,
    InplaceRshift = 13,
    InplaceAdd = 14,
    InplaceSubtract = 15,
    InplaceMultiply = 16,
    InplaceMatMultiply = 17,
    InplaceFloorDivide = 18,
    InplaceTrueDivide = 19,
    InplaceModulo = 20,
    InplacePower = 21,
    Or = 22,
    Xor = 23,
    And = 24,
    Lshift = 25,
    Rshift = 26,
    Add = 27,
    Subtract = 28,
    Multiply = 29,
    MatMultiply = 30,
    FloorDivide = 31,
    TrueDivide = 32,
    Modulo = 33,
    Power = 34,
}

impl BinaryOp {
    /// All binary operators, indexed by their number.
    pub const ALL: [BinaryOp; 35] = [
        BinaryOp::Less,
        BinaryOp::More,
        BinaryOp::Equal,
        BinaryOp::LessEqual,
        BinaryOp::MoreEqual,
        BinaryOp::NotEqual,
        BinaryOp::In,
        BinaryOp::Is,
        BinaryOp::ExceptionMatch,
        BinaryOp::InplaceOr,
        BinaryOp::InplaceXor,
        BinaryOp::InplaceAnd,
        BinaryOp::InplaceLshift,
        BinaryOp::InplaceRshift,
        BinaryOp::InplaceAdd,
        BinaryOp::InplaceSubtract,
        BinaryOp::InplaceMultiply,
        BinaryOp::InplaceMatMultiply,
        BinaryOp::InplaceFloorDivide,
        BinaryOp::InplaceTrueDivide,
        BinaryOp::InplaceModulo,
        BinaryOp::InplacePower,
        BinaryOp::Or,
        BinaryOp::Xor,
        BinaryOp::And,
        BinaryOp::Lshift,
        BinaryOp::Rshift,
        BinaryOp::Add,
        BinaryOp::Subtract,
        BinaryOp::Multiply,
        BinaryOp::MatMultiply,
        BinaryOp::FloorDivide,
        BinaryOp::TrueDivide,
        BinaryOp::Modulo,
        BinaryOp::Power,
    ];

    /// The operator with MicroPython number `n`, if any.
    pub fn from_u8(n: u8) -> Option<BinaryOp> {
        Self::ALL.get(usize::from(n)).copied()
    }

    /// The opcode encoding this operator (`BINARY_OP_MULTI + n`).
    pub fn opcode(self) -> u8 {
        BINARY_OP_MULTI + self as u8
    }

    /// For an in-place operator (`+=` …) the plain one (`+` …); else `None`.
    pub fn non_inplace(self) -> Option<BinaryOp> {
        let n = self as u8;
        if (9..=21).contains(&n) {
            Self::from_u8(n + 13)
        } else {
            None
        }
    }

    /// For a plain arithmetic/bitwise operator the in-place one; else `None`.
    pub fn inplace(self) -> Option<BinaryOp> {
        let n = self as u8;
        if (22..=34).contains(&n) {
            Self::from_u8(n - 13)
        } else {
            None
        }
    }

    /// MicroPython's name without prefix, e.g. `"INPLACE_ADD"`, `"ADD"`.
    pub fn name(self) -> &'static str {
        const NAMES: [&str; 35] = [
            "LESS",
            "MORE",
            "EQUAL",
            "LESS_EQUAL",
            "MORE_EQUAL",
            "NOT_EQUAL",
            "IN",
            "IS",
            "EXCEPTION_MATCH",
            "INPLACE_OR",
            "INPLACE_XOR",
            "INPLACE_AND",
            "INPLACE_LSHIFT",
            "INPLACE_RSHIFT",
            "INPLACE_ADD",
            "INPLACE_SUBTRACT",
            "INPLACE_MULTIPLY",
            "INPLACE_MAT_MULTIPLY",
            "INPLACE_FLOOR_DIVIDE",
            "INPLACE_TRUE_DIVIDE",
            "INPLACE_MODULO",
            "INPLACE_POWER",
            "OR",
            "XOR",
            "AND",
            "LSHIFT",
            "RSHIFT",
            "ADD",
            "SUBTRACT",
            "MULTIPLY",
            "MAT_MULTIPLY",
            "FLOOR_DIVIDE",
            "TRUE_DIVIDE",
            "MODULO",
            "POWER",
        ];
        NAMES[self as usize]
    }
}

/// How the bytes after an opcode are to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operand {
    /// No operand bytes (0x5X/0x6X and all compact ranges).
    None,
    /// A vuint index into the module's qstr table (0x1X).
    Qstr,
    /// A plain vuint: local index, item count, packed call counts, … (0x24–0x31, 0x34–0x37).
    Uint,
    /// A signed small int in the MSB-first signed encoding (LOAD_CONST_SMALL_INT).
    SmallInt,
    /// A vuint index into the module's constant table (LOAD_CONST_OBJ).
    ConstIdx,
    /// A vuint child raw-code index (MAKE_FUNCTION, MAKE_FUNCTION_DEFARGS).
    Child,
    /// A vuint child index then one raw byte: the number of closed-over
    /// values (MAKE_CLOSURE, MAKE_CLOSURE_DEFARGS).
    ChildAndByte,
    /// A signed jump offset (JUMP, POP_JUMP_IF_TRUE/FALSE).
    JumpSigned,
    /// An unsigned (forward) jump offset (0x45–0x4B).
    JumpUnsigned,
    /// A signed jump offset then one raw byte (UNWIND_JUMP); the offset is
    /// relative to the extra byte.
    JumpSignedAndByte,
}

/// The net stack effect of an opcode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StackEffect {
    /// Always this net change.
    Fixed(i8),
    /// Depends on the operand; see [`stack_effect`] and the opcode's doc.
    Variable,
}

/// Static description of one opcode byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpInfo {
    /// The opcode's name as MicroPython spells it (`LOAD_FAST_MULTI` for the
    /// whole compact range; see [`op_name`] for a per-byte display name).
    pub name: &'static str,
    /// The operand format.
    pub operand: Operand,
    /// The net stack effect.
    pub stack: StackEffect,
}

const fn info(name: &'static str, operand: Operand, stack: i8) -> OpInfo {
    OpInfo {
        name,
        operand,
        stack: StackEffect::Fixed(stack),
    }
}

const fn var(name: &'static str, operand: Operand) -> OpInfo {
    OpInfo {
        name,
        operand,
        stack: StackEffect::Variable,
    }
}

/// Description of opcode byte `op`, or `None` if `op` is unused
/// (0x00–0x0F, 0x1D–0x1F, 0x38–0x3F, 0x41, 0x4C–0x4F, 0x60, 0x61, 0x6A–0x6F,
/// 0xD4–0xD6, 0xFA–0xFF).
pub fn op_info(op: u8) -> Option<OpInfo> {
    use Operand as O;
    Some(match op {
        LOAD_CONST_STRING => info("LOAD_CONST_STRING", O::Qstr, 1),
        LOAD_NAME => info("LOAD_NAME", O::Qstr, 1),
        LOAD_GLOBAL => info("LOAD_GLOBAL", O::Qstr, 1),
        LOAD_ATTR => info("LOAD_ATTR", O::Qstr, 0),
        LOAD_METHOD => info("LOAD_METHOD", O::Qstr, 1),
        LOAD_SUPER_METHOD => info("LOAD_SUPER_METHOD", O::Qstr, -1),
        STORE_NAME => info("STORE_NAME", O::Qstr, -1),
        STORE_GLOBAL => info("STORE_GLOBAL", O::Qstr, -1),
        STORE_ATTR => info("STORE_ATTR", O::Qstr, -2),
        DELETE_NAME => info("DELETE_NAME", O::Qstr, 0),
        DELETE_GLOBAL => info("DELETE_GLOBAL", O::Qstr, 0),
        IMPORT_NAME => info("IMPORT_NAME", O::Qstr, -1),
        IMPORT_FROM => info("IMPORT_FROM", O::Qstr, 1),
        MAKE_CLOSURE => var("MAKE_CLOSURE", O::ChildAndByte),
        MAKE_CLOSURE_DEFARGS => var("MAKE_CLOSURE_DEFARGS", O::ChildAndByte),
        LOAD_CONST_SMALL_INT => info("LOAD_CONST_SMALL_INT", O::SmallInt, 1),
        LOAD_CONST_OBJ => info("LOAD_CONST_OBJ", O::ConstIdx, 1),
        LOAD_FAST_N => info("LOAD_FAST_N", O::Uint, 1),
        LOAD_DEREF => info("LOAD_DEREF", O::Uint, 1),
        STORE_FAST_N => info("STORE_FAST_N", O::Uint, -1),
        STORE_DEREF => info("STORE_DEREF", O::Uint, -1),
        DELETE_FAST => info("DELETE_FAST", O::Uint, 0),
        DELETE_DEREF => info("DELETE_DEREF", O::Uint, 0),
        BUILD_TUPLE => var("BUILD_TUPLE", O::Uint),
        BUILD_LIST => var("BUILD_LIST", O::Uint),
        BUILD_MAP => info("BUILD_MAP", O::Uint, 1),
        BUILD_SET => var("BUILD_SET", O::Uint),
        BUILD_SLICE => var("BUILD_SLICE", O::Uint),
        STORE_COMP => var("STORE_COMP", O::Uint),
        UNPACK_SEQUENCE => var("UNPACK_SEQUENCE", O::Uint),
        UNPACK_EX => var("UNPACK_EX", O::Uint),
        MAKE_FUNCTION => info("MAKE_FUNCTION", O::Child, 1),
        MAKE_FUNCTION_DEFARGS => info("MAKE_FUNCTION_DEFARGS", O::Child, -1),
        CALL_FUNCTION => var("CALL_FUNCTION", O::Uint),
        CALL_FUNCTION_VAR_KW => var("CALL_FUNCTION_VAR_KW", O::Uint),
        CALL_METHOD => var("CALL_METHOD", O::Uint),
        CALL_METHOD_VAR_KW => var("CALL_METHOD_VAR_KW", O::Uint),
        UNWIND_JUMP => info("UNWIND_JUMP", O::JumpSignedAndByte, 0),
        JUMP => info("JUMP", O::JumpSigned, 0),
        POP_JUMP_IF_TRUE => info("POP_JUMP_IF_TRUE", O::JumpSigned, -1),
        POP_JUMP_IF_FALSE => info("POP_JUMP_IF_FALSE", O::JumpSigned, -1),
        JUMP_IF_TRUE_OR_POP => var("JUMP_IF_TRUE_OR_POP", O::JumpUnsigned),
        JUMP_IF_FALSE_OR_POP => var("JUMP_IF_FALSE_OR_POP", O::JumpUnsigned),
        SETUP_WITH => info("SETUP_WITH", O::JumpUnsigned, 2),
        SETUP_EXCEPT => info("SETUP_EXCEPT", O::JumpUnsigned, 0),
        SETUP_FINALLY => info("SETUP_FINALLY", O::JumpUnsigned, 0),
        POP_EXCEPT_JUMP => info("POP_EXCEPT_JUMP", O::JumpUnsigned, 0),
        FOR_ITER => var("FOR_ITER", O::JumpUnsigned),
        LOAD_CONST_FALSE => info("LOAD_CONST_FALSE", O::None, 1),
        LOAD_CONST_NONE => info("LOAD_CONST_NONE", O::None, 1),
        LOAD_CONST_TRUE => info("LOAD_CONST_TRUE", O::None, 1),
        LOAD_NULL => info("LOAD_NULL", O::None, 1),
        LOAD_BUILD_CLASS => info("LOAD_BUILD_CLASS", O::None, 1),
        LOAD_SUBSCR => info("LOAD_SUBSCR", O::None, -1),
        STORE_SUBSCR => info("STORE_SUBSCR", O::None, -3),
        DUP_TOP => info("DUP_TOP", O::None, 1),
        DUP_TOP_TWO => info("DUP_TOP_TWO", O::None, 2),
        POP_TOP => info("POP_TOP", O::None, -1),
        ROT_TWO => info("ROT_TWO", O::None, 0),
        ROT_THREE => info("ROT_THREE", O::None, 0),
        WITH_CLEANUP => var("WITH_CLEANUP", O::None),
        END_FINALLY => info("END_FINALLY", O::None, -1),
        GET_ITER => info("GET_ITER", O::None, 0),
        GET_ITER_STACK => info("GET_ITER_STACK", O::None, 3),
        STORE_MAP => info("STORE_MAP", O::None, -2),
        RETURN_VALUE => info("RETURN_VALUE", O::None, -1),
        RAISE_LAST => info("RAISE_LAST", O::None, 0),
        RAISE_OBJ => info("RAISE_OBJ", O::None, -1),
        RAISE_FROM => info("RAISE_FROM", O::None, -2),
        YIELD_VALUE => info("YIELD_VALUE", O::None, 0),
        YIELD_FROM => info("YIELD_FROM", O::None, -1),
        IMPORT_STAR => info("IMPORT_STAR", O::None, -1),
        0x70..=0xaf => info("LOAD_CONST_SMALL_INT_MULTI", O::None, 1),
        0xb0..=0xbf => info("LOAD_FAST_MULTI", O::None, 1),
        0xc0..=0xcf => info("STORE_FAST_MULTI", O::None, -1),
        0xd0..=0xd3 => info("UNARY_OP_MULTI", O::None, 0),
        0xd7..=0xf9 => info("BINARY_OP_MULTI", O::None, -1),
        _ => return None,
    })
}

/// Whether `op` is a defined opcode.
pub fn is_valid(op: u8) -> bool {
    op_info(op).is_some()
}

/// The operand format of `op`, `None` if `op` is unused.
pub fn operand(op: u8) -> Option<Operand> {
    op_info(op).map(|i| i.operand)
}

/// The opcode's name (the range name for compact opcodes), `None` if unused.
pub fn op_name(op: u8) -> Option<&'static str> {
    op_info(op).map(|i| i.name)
}

/// Whether `op` is followed by one extra raw byte (`(op & 0x9e) == 0` among
/// defined opcodes: MAKE_CLOSURE, MAKE_CLOSURE_DEFARGS, UNWIND_JUMP).
pub fn has_extra_byte(op: u8) -> bool {
    matches!(op, MAKE_CLOSURE | MAKE_CLOSURE_DEFARGS | UNWIND_JUMP)
}

/// The value pushed by a LOAD_CONST_SMALL_INT_MULTI opcode, if `op` is one.
pub fn multi_small_int(op: u8) -> Option<i32> {
    (0x70..=0xaf)
        .contains(&op)
        .then(|| i32::from(op) - LOAD_CONST_SMALL_INT_MULTI_EXCESS)
}

/// The compact opcode pushing small int `v`, if `v` is in −16..=47.
pub fn small_int_multi_op(v: i64) -> Option<u8> {
    if (-16..=47).contains(&v) {
        u8::try_from(v + i64::from(LOAD_CONST_SMALL_INT_MULTI_EXCESS)).ok()
    } else {
        None
    }
}

/// The local index of a LOAD_FAST_MULTI opcode, if `op` is one.
pub fn load_fast_multi(op: u8) -> Option<u8> {
    (0xb0..=0xbf).contains(&op).then(|| op - LOAD_FAST_MULTI)
}

/// The local index of a STORE_FAST_MULTI opcode, if `op` is one.
pub fn store_fast_multi(op: u8) -> Option<u8> {
    (0xc0..=0xcf).contains(&op).then(|| op - STORE_FAST_MULTI)
}

/// The unary operator of a UNARY_OP_MULTI opcode, if `op` is one.
pub fn unary_op(op: u8) -> Option<UnaryOp> {
    if (UNARY_OP_MULTI..UNARY_OP_MULTI + UNARY_OP_MULTI_NUM).contains(&op) {
        UnaryOp::from_u8(op - UNARY_OP_MULTI)
    } else {
        None
    }
}

/// The binary operator of a BINARY_OP_MULTI opcode, if `op` is one.
pub fn binary_op(op: u8) -> Option<BinaryOp> {
    if (BINARY_OP_MULTI..BINARY_OP_MULTI + BINARY_OP_MULTI_NUM).contains(&op) {
        BinaryOp::from_u8(op - BINARY_OP_MULTI)
    } else {
        None
    }
}

/// Net stack effect of `op` given its decoded operand `arg` (the vuint for
/// [`Operand::Uint`]/child formats, ignored otherwise) and `extra` byte (for
/// MAKE_CLOSURE*: n closed-over values). Returns `None` for unused opcodes.
///
/// Conventions for the operand-dependent or path-dependent ones:
/// JUMP_IF_TRUE/FALSE_OR_POP → −1 (fall-through path; 0 when jumping);
/// FOR_ITER → +1 (the not-exhausted path; −4 when exhausted);
/// WITH_CLEANUP → −2 (net over the with-state); STORE_COMP → −1, or −2 when
/// the low two bits of `arg` are 1 (dict).
pub fn stack_effect(op: u8, arg: u32, extra: u8) -> Option<i32> {
    let i = op_info(op)?;
    if let StackEffect::Fixed(n) = i.stack {
        return Some(i32::from(n));
    }
    let a = arg as i64;
    let npos = a & 0xff;
    let nkw = (a >> 8) & 0xff;
    let n: i64 = match op {
        MAKE_CLOSURE => 1 - i64::from(extra),
        MAKE_CLOSURE_DEFARGS => -1 - i64::from(extra),
        BUILD_TUPLE | BUILD_LIST | BUILD_SET | BUILD_SLICE => 1 - a,
        STORE_COMP => {
            if a & 3 == 1 {
                -2
            } else {
                -1
            }
        }
        UNPACK_SEQUENCE => a - 1,
        UNPACK_EX => (a & 0xff) + ((a >> 8) & 0xff),
        CALL_FUNCTION => -(npos + 2 * nkw),
        CALL_FUNCTION_VAR_KW | CALL_METHOD => -(npos + 2 * nkw + 1),
        CALL_METHOD_VAR_KW => -(npos + 2 * nkw + 2),
        JUMP_IF_TRUE_OR_POP | JUMP_IF_FALSE_OR_POP => -1,
        FOR_ITER => 1,
        WITH_CLEANUP => -2,
        _ => 0,
    };
    i32::try_from(n).ok()
}

/// Length in bytes of the instruction starting at `code[ip]` (opcode,
/// operand and extra byte), or `None` if `ip` is out of range, the opcode is
/// unused, or the instruction is truncated / its operand malformed.
pub fn opcode_size(code: &[u8], ip: usize) -> Option<usize> {
    let op = *code.get(ip)?;
    let mut pos = ip + 1;
    match operand(op)? {
        Operand::None => {}
        Operand::Qstr | Operand::Uint | Operand::ConstIdx | Operand::Child => {
            varint::decode_vuint(code, &mut pos).ok()?;
        }
        Operand::ChildAndByte => {
            varint::decode_vuint(code, &mut pos).ok()?;
            pos += 1;
        }
        Operand::SmallInt => {
            varint::decode_small_int(code, &mut pos).ok()?;
        }
        Operand::JumpSigned => {
            varint::decode_jump(code, &mut pos, true).ok()?;
        }
        Operand::JumpUnsigned => {
            varint::decode_jump(code, &mut pos, false).ok()?;
        }
        Operand::JumpSignedAndByte => {
            varint::decode_jump(code, &mut pos, true).ok()?;
            pos += 1;
        }
    }
    (pos <= code.len()).then_some(pos - ip)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extra_byte_rule_matches_spec() {
        for op in 0..=255u8 {
            if is_valid(op) {
                assert_eq!(has_extra_byte(op), op & 0x9e == 0, "op {op:#x}");
            }
        }
    }

    #[test]
    fn operand_follows_high_nibble() {
        for op in 0..=255u8 {
            let Some(o) = operand(op) else { continue };
            let expect_arg = matches!(op >> 4, 1..=4);
            assert_eq!(o != Operand::None, expect_arg, "op {op:#x}");
            match op >> 4 {
                1 => assert_eq!(o, Operand::Qstr),
                4 => assert!(matches!(
                    o,
                    Operand::JumpSigned | Operand::JumpUnsigned | Operand::JumpSignedAndByte
                )),
                _ => {}
            }
        }
    }

    #[test]
    fn signed_jumps_are_le_0x44() {
        for op in 0x40..=0x4fu8 {
            match operand(op) {
                Some(Operand::JumpSigned | Operand::JumpSignedAndByte) => assert!(op <= 0x44),
                Some(Operand::JumpUnsigned) => assert!(op >= 0x45),
                None => assert!(op == 0x41 || op >= 0x4c),
                _ => panic!("unexpected operand for {op:#x}"),
            }
        }
    }

    #[test]
    fn count_of_defined_opcodes() {
        let n = (0..=255u8).filter(|&op| is_valid(op)).count();
        // 13 qstr + 24 vuint + 11 jump + 24 no-arg + 64 + 16 + 16 + 4 + 35.
        assert_eq!(n, 13 + 24 + 11 + 24 + 64 + 16 + 16 + 4 + 35);
        for op in [
            0x00, 0x0f, 0x1d, 0x38, 0x41, 0x4c, 0x60, 0x61, 0x6a, 0x6f, 0xd4, 0xd6, 0xfa, 0xff,
        ] {
            assert!(!is_valid(op), "{op:#x}");
        }
    }

    #[test]
    fn compact_ranges() {
        assert_eq!(multi_small_int(0x70), Some(-16));
        assert_eq!(multi_small_int(0xaf), Some(47));
        assert_eq!(multi_small_int(0x82), Some(2));
        assert_eq!(multi_small_int(0xb0), None);
        assert_eq!(small_int_multi_op(2), Some(0x82));
        assert_eq!(small_int_multi_op(-17), None);
        assert_eq!(small_int_multi_op(48), None);
        assert_eq!(load_fast_multi(0xb0), Some(0));
        assert_eq!(load_fast_multi(0xbf), Some(15));
        assert_eq!(store_fast_multi(0xc3), Some(3));
        assert_eq!(unary_op(0xd3), Some(UnaryOp::Not));
        assert_eq!(unary_op(0xd4), None);
        assert_eq!(binary_op(0xf2), Some(BinaryOp::Add));
        assert_eq!(binary_op(0xd7), Some(BinaryOp::Less));
        assert_eq!(binary_op(0xf9), Some(BinaryOp::Power));
        assert_eq!(binary_op(0xfa), None);
        assert_eq!(BinaryOp::Add.opcode(), 0xf2);
        assert_eq!(BinaryOp::InplaceAdd.non_inplace(), Some(BinaryOp::Add));
        assert_eq!(BinaryOp::Power.inplace(), Some(BinaryOp::InplacePower));
        assert_eq!(BinaryOp::Less.inplace(), None);
        for (i, b) in BinaryOp::ALL.iter().enumerate() {
            assert_eq!(*b as usize, i);
        }
        for (i, u) in UnaryOp::ALL.iter().enumerate() {
            assert_eq!(*u as usize, i);
        }
    }

    #[test]
    fn stack_effects() {
        assert_eq!(stack_effect(CALL_FUNCTION, 1 | (2 << 8), 0), Some(-5));
        assert_eq!(stack_effect(CALL_METHOD_VAR_KW, 1, 0), Some(-3));
        assert_eq!(stack_effect(BUILD_TUPLE, 3, 0), Some(-2));
        assert_eq!(stack_effect(UNPACK_SEQUENCE, 3, 0), Some(2));
        assert_eq!(stack_effect(UNPACK_EX, 1 | (2 << 8), 0), Some(3));
        assert_eq!(stack_effect(MAKE_CLOSURE, 0, 2), Some(-1));
        assert_eq!(stack_effect(MAKE_CLOSURE_DEFARGS, 0, 2), Some(-3));
        assert_eq!(stack_effect(STORE_COMP, (3 << 2) | 1, 0), Some(-2));
        assert_eq!(stack_effect(STORE_COMP, 3 << 2, 0), Some(-1));
        assert_eq!(stack_effect(0xf2, 0, 0), Some(-1));
        assert_eq!(stack_effect(STORE_SUBSCR, 0, 0), Some(-3));
        assert_eq!(stack_effect(0x00, 0, 0), None);
    }

    #[test]
    fn sizes() {
        // The module of the worked example in mpy-format.md.
        let code = [
            0x32, 0x00, 0x16, 0x02, 0x11, 0x03, 0x11, 0x02, 0x82, 0x34, 0x01, 0x34, 0x01, 0x59,
            0x51, 0x63,
        ];
        let mut ip = 0;
        let mut sizes = alloc::vec::Vec::new();
        while ip < code.len() {
            let n = opcode_size(&code, ip).unwrap_or(0);
            assert!(n > 0);
            sizes.push(n);
            ip += n;
        }
        assert_eq!(sizes, [2, 2, 2, 2, 1, 2, 2, 1, 1, 1]);
        assert_eq!(opcode_size(&[0x22, 0xff, 0x1c], 0), Some(3));
        assert_eq!(opcode_size(&[0x22, 0xff], 0), None);
        assert_eq!(opcode_size(&[0x42, 0x56], 0), Some(2));
        assert_eq!(opcode_size(&[0x42, 0x80, 0x80], 0), Some(3));
        assert_eq!(opcode_size(&[0x42, 0x80], 0), None);
        assert_eq!(opcode_size(&[0x40, 0x56, 0x81], 0), Some(3));
        assert_eq!(opcode_size(&[0x40, 0x56], 0), None);
        assert_eq!(opcode_size(&[0x20, 0x81, 0x00, 0x02], 0), Some(4));
        assert_eq!(opcode_size(&[0x20, 0x81, 0x00], 0), None);
        assert_eq!(opcode_size(&[0x14, 0x81], 0), None);
        assert_eq!(opcode_size(&[0x00], 0), None);
        assert_eq!(opcode_size(&[0x59], 1), None);
        assert_eq!(opcode_size(&[0x59, 0x63], 1), Some(1));
    }
}
