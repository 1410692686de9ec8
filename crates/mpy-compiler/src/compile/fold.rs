//! Constant values and MicroPython's constant folding.
//!
//! MicroPython's parser folds an operator node when all its operands are
//! numeric constants (ints of any size, floats; not bools, strings or
//! complex): unary `+ - ~`, binary `| ^ & << >> + - * / // % **`, each
//! n-ary level as a whole (`1 + 2 + x` is not folded at all). A fold that
//! would raise (division by zero, negative shift, `~` on a float, ...) is
//! left to run time. `not c` folds for any constant. Names bound with
//! `X = const(...)` and `__debug__` are constants too.

use crate::ast::{BinOp, Constant, UnaryOp};
use crate::int::{BigOp, Int};
use crate::mem::{MResult, Mem};
use alloc::vec::Vec;
use mpy_bytecode::Const;
use mpy_mpz::bits::BitOp;

/// A compile-time constant. Strings and bytes are borrowed from the tree;
/// big ints and tuples own buffers allocated through the compilation's
/// [`Mem`] (so there is no infallible `Clone`: see [`CVal::try_clone`]).
#[derive(Debug, PartialEq)]
pub enum CVal<'a> {
    /// An int of any size.
    Int(Int),
    /// A float.
    Float(f64),
    /// An imaginary literal (its imaginary part).
    Complex(f64),
    /// A str (MicroPython's UTF-8 bytes), and how it is loaded.
    Str(&'a [u8], Intern),
    /// A bytes object.
    Bytes(&'a [u8]),
    /// `None`.
    None,
    /// `True`.
    True,
    /// `False`.
    False,
    /// `...`.
    Ellipsis,
    /// A tuple of constants (built by the compiler, never folded into).
    Tuple(Vec<CVal<'a>>),
}

/// How a str constant is loaded: as a qstr (LOAD_CONST_STRING) or as a
/// str object (LOAD_CONST_OBJ).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intern {
    /// A qstr if short (MicroPython's parser interns short literals) or
    /// already interned by the run time (a static qstr).
    ByLength,
    /// A qstr: a long literal equal to an identifier before it.
    Qstr,
    /// An object: the value of a `const()` name (MicroPython's parser
    /// keeps it as an object).
    Object,
}

impl<'a> CVal<'a> {
    /// The value of a literal (`interned`: see
    /// [`crate::ast::Expr::interned`]).
    pub fn from_constant(c: &'a Constant, interned: bool, mem: &Mem) -> MResult<CVal<'a>> {
        Ok(match c {
            Constant::None => CVal::None,
            Constant::True => CVal::True,
            Constant::False => CVal::False,
            Constant::Ellipsis => CVal::Ellipsis,
            Constant::Int(i) => CVal::Int(Int::Small(i.get())),
            Constant::BigInt(s) => CVal::Int(Int::from_decimal(s.as_bytes(), mem)?),
            Constant::Float(f) => CVal::Float(f.get()),
            Constant::Imag(f) => CVal::Complex(f.get()),
            Constant::Str(s) => CVal::Str(s, if interned { Intern::Qstr } else { Intern::ByLength }),
            Constant::Bytes(b) => CVal::Bytes(b),
        })
    }

    /// A copy (allocating for big ints and tuples).
    pub fn try_clone(&self, mem: &Mem) -> MResult<CVal<'a>> {
        Ok(match self {
            CVal::Int(i) => CVal::Int(i.try_clone(mem)?),
            CVal::Float(f) => CVal::Float(*f),
            CVal::Complex(f) => CVal::Complex(*f),
            CVal::Str(s, q) => CVal::Str(s, *q),
            CVal::Bytes(b) => CVal::Bytes(b),
            CVal::None => CVal::None,
            CVal::True => CVal::True,
            CVal::False => CVal::False,
            CVal::Ellipsis => CVal::Ellipsis,
            CVal::Tuple(t) => {
                let mut v = mem.with_capacity(t.len())?;
                for x in t {
                    v.push(x.try_clone(mem)?);
                }
                CVal::Tuple(v)
            }
        })
    }

    /// Python truthiness.
    pub fn truthy(&self) -> bool {
        match self {
            CVal::Int(i) => !i.is_zero(),
            // Not ±0 (nan is true), without a double comparison.
            CVal::Float(f) | CVal::Complex(f) => f.to_bits() << 1 != 0,
            CVal::Str(s, _) | CVal::Bytes(s) => !s.is_empty(),
            CVal::None | CVal::False => false,
            CVal::True | CVal::Ellipsis => true,
            CVal::Tuple(t) => !t.is_empty(),
        }
    }

    /// The int value if it fits an `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            CVal::Int(i) => i.as_i64(),
            _ => None,
        }
    }

    /// As a `.mpy` constant object.
    pub fn to_const(&self, mem: &Mem) -> MResult<Const> {
        Ok(match self {
            CVal::Int(i) => Const::Int(i.to_decimal(mem)?),
            CVal::Float(f) => Const::Float(*f),
            CVal::Complex(f) => Const::Complex(*f),
            CVal::Str(s, _) => Const::Str(mem.string_lossy(s)?),
            CVal::Bytes(b) => Const::Bytes(mem.vec_from(b)?),
            CVal::None => Const::None,
            CVal::True => Const::True,
            CVal::False => Const::False,
            CVal::Ellipsis => Const::Ellipsis,
            CVal::Tuple(t) => {
                let mut v = mem.with_capacity(t.len())?;
                for x in t {
                    v.push(x.to_const(mem)?);
                }
                Const::Tuple(v)
            }
        })
    }

    fn is_number(&self) -> bool {
        matches!(self, CVal::Int(_) | CVal::Float(_))
    }
}

/// The precision float folds compute in: that of the run time's floats
/// (feature `float-single`, as on the boards: folding there rounds as
/// their run-time arithmetic does, and links no soft-double code).
#[cfg(all(feature = "float", feature = "float-single"))]
type F = f32;
#[cfg(all(feature = "float", not(feature = "float-single")))]
type F = f64;
#[cfg(all(feature = "float", not(feature = "float-single")))]
type M = libm::Libm<F>;
/// The single-precision math of the run time (its `floor` and `pow`,
/// already linked there: no `libm` copies for the folds).
#[cfg(all(feature = "float", feature = "float-single"))]
use mpy_float::math32 as M;

/// A numeric constant's value in [`F`].
#[cfg(feature = "float")]
fn to_f(v: &CVal<'_>) -> F {
    match v {
        #[cfg(feature = "float-single")]
        CVal::Int(i) => i.to_f32(),
        #[cfg(not(feature = "float-single"))]
        CVal::Int(i) => i.to_f64(),
        CVal::Float(f) => narrow(*f),
        _ => 0.0,
    }
}

/// A double rounded to [`F`].
#[cfg(feature = "float")]
fn narrow(x: f64) -> F {
    #[cfg(feature = "float-single")]
    return mpy_float::f64_to_f32(x);
    #[cfg(not(feature = "float-single"))]
    x
}

/// A folded float as a constant.
#[cfg(feature = "float")]
fn float(x: F) -> CVal<'static> {
    #[cfg(feature = "float-single")]
    return CVal::Float(mpy_float::f32_to_f64(x));
    #[cfg(not(feature = "float-single"))]
    CVal::Float(x)
}

/// Folds a unary operator on a constant, or `None` if MicroPython would
/// leave it to run time (or memory ran out: `mem` records that).
pub fn fold_unary<'a>(op: UnaryOp, v: CVal<'a>, mem: &Mem) -> Option<CVal<'a>> {
    match (op, &v) {
        (UnaryOp::Not, v) => Some(if v.truthy() { CVal::False } else { CVal::True }),
        (UnaryOp::Pos, CVal::Int(_) | CVal::Float(_)) => Some(v),
        (UnaryOp::Neg, CVal::Int(i)) => i.neg(mem).ok().map(CVal::Int),
        // The sign bit flipped (no soft-double negation on the boards).
        (UnaryOp::Neg, CVal::Float(f)) => Some(CVal::Float(f64::from_bits(f.to_bits() ^ (1 << 63)))),
        (UnaryOp::Invert, CVal::Int(i)) => i.invert(mem).ok().map(CVal::Int),
        _ => None,
    }
}

#[cfg(all(feature = "float", feature = "float-single"))]
fn float_divmod(a: F, b: F) -> Option<(F, F)> {
    if b == 0.0 {
        return None;
    }
    // The run time's own (one copy of the code on the boards).
    Some(mpy_float::math32::divmod(a, b))
}

/// Python float floor-divmod; `None` for b == 0. The run time's own
/// (`mpy_float::divmod_f64`), so folds give its results.
#[cfg(all(feature = "float", not(feature = "float-single")))]
fn float_divmod(a: F, b: F) -> Option<(F, F)> {
    if b == 0.0 {
        return None;
    }
    Some(mpy_float::divmod_f64(a, b))
}

#[cfg(feature = "float")]
fn float_pow(a: F, b: F) -> Option<F> {
    if a == 0.0 && b < 0.0 {
        return None;
    }
    if a < 0.0 && b != M::trunc(b) {
        return None;
    }
    // The boards' run-time `**` (mpy-core's `M::pow`), so folds round alike.
    #[cfg(feature = "float-single")]
    return Some(mpy_float::math32::pow(a, b));
    #[cfg(not(feature = "float-single"))]
    Some(M::pow(a, b))
}

/// Folds `a op b` for numeric constants, or `None` if MicroPython would
/// leave it to run time (or memory ran out: `mem` records that).
pub fn fold_binary<'a>(op: BinOp, a: &CVal<'a>, b: &CVal<'a>, mem: &Mem) -> Option<CVal<'a>> {
    if !a.is_number() || !b.is_number() {
        return None;
    }
    if let (CVal::Int(x), CVal::Int(y)) = (a, b) {
        // The operation, then one call of the big-int engine.
        let k = match op {
            BinOp::BitOr => BigOp::Bit(BitOp::Or),
            BinOp::BitXor => BigOp::Bit(BitOp::Xor),
            BinOp::BitAnd => BigOp::Bit(BitOp::And),
            BinOp::LShift => BigOp::Shl(y.as_i64().filter(|n| (0..=1 << 20).contains(n))? as usize),
            BinOp::RShift => {
                if y.is_negative() {
                    return None;
                }
                BigOp::Shr(y.as_i64().map_or(1 << 24, |n| n.min(1 << 24)) as usize)
            }
            BinOp::Add => BigOp::Add,
            BinOp::Sub => BigOp::Sub,
            BinOp::Mult => BigOp::Mul,
            BinOp::FloorDiv | BinOp::Mod => {
                if y.is_zero() {
                    return None;
                }
                if op == BinOp::Mod {
                    BigOp::Mod
                } else {
                    BigOp::FloorDiv
                }
            }
            // A negative power and `/` fold as floats, like the float
            // operands below (without floats: `None`, ValueError and
            // TypeError at run time).
            BinOp::Pow if !y.is_negative() => BigOp::Pow(y.as_i64().filter(|n| *n <= 1 << 20)? as u64),
            BinOp::Pow | BinOp::Div => return fold_float(op, a, b),
            BinOp::MatMult => return None,
        };
        return Int::op(k, x, y, mem).ok().map(CVal::Int);
    }
    fold_float(op, a, b)
}

/// Folds `a op b` for numeric constants, one of them a float.
#[cfg(not(feature = "float"))]
fn fold_float<'a>(_op: BinOp, _a: &CVal<'a>, _b: &CVal<'a>) -> Option<CVal<'a>> {
    None
}

/// Folds `a op b` for numeric constants, one of them a float.
#[cfg(feature = "float")]
fn fold_float<'a>(op: BinOp, a: &CVal<'a>, b: &CVal<'a>) -> Option<CVal<'a>> {
    let (x, y) = (to_f(a), to_f(b));
    let r = match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mult => x * y,
        BinOp::Div => {
            if y == 0.0 {
                return None;
            }
            x / y
        }
        BinOp::FloorDiv | BinOp::Mod => {
            let (d, m) = float_divmod(x, y)?;
            if op == BinOp::Mod {
                m
            } else {
                d
            }
        }
        BinOp::Pow => float_pow(x, y)?,
        _ => return None,
    };
    Some(float(r))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn i(v: i64) -> CVal<'static> {
        CVal::Int(Int::Small(v))
    }

    #[test]
    #[cfg(feature = "float")]
    fn int_folds() {
        let m = Mem::new(usize::MAX);
        assert_eq!(fold_binary(BinOp::FloorDiv, &i(7), &i(-2), &m), Some(i(-4)));
        assert_eq!(fold_binary(BinOp::Mod, &i(7), &i(0), &m), None);
        assert_eq!(fold_binary(BinOp::Pow, &i(2), &i(-1), &m), Some(CVal::Float(0.5)));
        assert_eq!(fold_binary(BinOp::RShift, &i(-1), &i(100), &m), Some(i(-1)));
        assert_eq!(fold_unary(UnaryOp::Invert, i(5), &m), Some(i(-6)));
        assert_eq!(fold_binary(BinOp::Div, &i(3), &i(2), &m), Some(CVal::Float(1.5)));
    }

    #[test]
    #[cfg(not(feature = "float"))]
    fn no_float_folds() {
        let m = Mem::new(usize::MAX);
        assert_eq!(fold_binary(BinOp::Div, &i(3), &i(2), &m), None);
        assert_eq!(fold_binary(BinOp::Pow, &i(2), &i(-1), &m), None);
        assert_eq!(fold_binary(BinOp::Pow, &i(2), &i(3), &m), Some(i(8)));
    }

    #[test]
    #[cfg(feature = "float")]
    fn float_folds() {
        let m = Mem::new(usize::MAX);
        assert_eq!(fold_binary(BinOp::Mod, &CVal::Float(5.5), &i(2), &m), Some(CVal::Float(1.5)));
        assert_eq!(fold_binary(BinOp::FloorDiv, &CVal::Float(1.0), &CVal::Float(0.0), &m), None);
        assert_eq!(fold_unary(UnaryOp::Invert, CVal::Float(1.0), &m), None);
        assert_eq!(fold_binary(BinOp::BitAnd, &i(1), &CVal::Float(1.0), &m), None);
        assert_eq!(fold_unary(UnaryOp::Not, CVal::Str(&[], Intern::ByLength), &m), Some(CVal::True));
    }
}
