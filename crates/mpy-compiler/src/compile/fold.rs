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
use alloc::string::String;
use alloc::vec::Vec;
use mpy_bytecode::Const;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

/// A compile-time constant.
#[derive(Clone, Debug, PartialEq)]
pub enum CVal {
    /// An int of any size.
    Int(BigInt),
    /// A float.
    Float(f64),
    /// An imaginary literal (its imaginary part).
    Complex(f64),
    /// A str (MicroPython's UTF-8 bytes).
    Str(Vec<u8>),
    /// A bytes object.
    Bytes(Vec<u8>),
    /// `None`.
    None,
    /// `True`.
    True,
    /// `False`.
    False,
    /// `...`.
    Ellipsis,
    /// A tuple of constants (built by the compiler, never folded into).
    Tuple(Vec<CVal>),
}

impl CVal {
    /// The value of a literal.
    pub fn from_constant(c: &Constant) -> CVal {
        match c {
            Constant::None => CVal::None,
            Constant::True => CVal::True,
            Constant::False => CVal::False,
            Constant::Ellipsis => CVal::Ellipsis,
            Constant::Int(i) => CVal::Int(BigInt::from(*i)),
            Constant::BigInt(s) => CVal::Int(s.parse::<BigInt>().unwrap_or_default()),
            Constant::Float(f) => CVal::Float(*f),
            Constant::Imag(f) => CVal::Complex(*f),
            Constant::Str(s) => CVal::Str(s.clone()),
            Constant::Bytes(b) => CVal::Bytes(b.clone()),
        }
    }

    /// Python truthiness.
    pub fn truthy(&self) -> bool {
        match self {
            CVal::Int(i) => !i.is_zero(),
            CVal::Float(f) | CVal::Complex(f) => *f != 0.0,
            CVal::Str(s) | CVal::Bytes(s) => !s.is_empty(),
            CVal::None | CVal::False => false,
            CVal::True | CVal::Ellipsis => true,
            CVal::Tuple(t) => !t.is_empty(),
        }
    }

    /// The int value if it fits an `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            CVal::Int(i) => i.to_i64(),
            _ => None,
        }
    }

    /// As a `.mpy` constant object.
    pub fn to_const(&self) -> Const {
        match self {
            CVal::Int(i) => Const::Int(i.to_str_radix(10)),
            CVal::Float(f) => Const::Float(*f),
            CVal::Complex(f) => Const::Complex(*f),
            CVal::Str(s) => Const::Str(String::from_utf8_lossy(s).into_owned()),
            CVal::Bytes(b) => Const::Bytes(b.clone()),
            CVal::None => Const::None,
            CVal::True => Const::True,
            CVal::False => Const::False,
            CVal::Ellipsis => Const::Ellipsis,
            CVal::Tuple(t) => Const::Tuple(t.iter().map(CVal::to_const).collect()),
        }
    }

    fn is_number(&self) -> bool {
        matches!(self, CVal::Int(_) | CVal::Float(_))
    }
}

fn to_f64(v: &CVal) -> f64 {
    match v {
        CVal::Int(i) => i.to_f64().unwrap_or(f64::INFINITY),
        CVal::Float(f) => *f,
        _ => 0.0,
    }
}

/// Folds a unary operator on a constant, or `None` if MicroPython would
/// leave it to run time.
pub fn fold_unary(op: UnaryOp, v: &CVal) -> Option<CVal> {
    match (op, v) {
        (UnaryOp::Not, v) => Some(if v.truthy() { CVal::False } else { CVal::True }),
        (UnaryOp::Pos, CVal::Int(_) | CVal::Float(_)) => Some(v.clone()),
        (UnaryOp::Neg, CVal::Int(i)) => Some(CVal::Int(-i)),
        (UnaryOp::Neg, CVal::Float(f)) => Some(CVal::Float(-f)),
        (UnaryOp::Invert, CVal::Int(i)) => Some(CVal::Int(-i - 1)),
        _ => None,
    }
}

/// Python float floor-divmod (CPython's algorithm); `None` for b == 0.
fn float_divmod(a: f64, b: f64) -> Option<(f64, f64)> {
    if b == 0.0 {
        return None;
    }
    let mut m = libm::fmod(a, b);
    let mut div = (a - m) / b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
            div -= 1.0;
        }
    } else {
        m = libm::copysign(0.0, b);
    }
    let floordiv = if div != 0.0 {
        let mut f = libm::floor(div);
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        libm::copysign(0.0, a / b)
    };
    Some((floordiv, m))
}

fn float_pow(a: f64, b: f64) -> Option<f64> {
    if a == 0.0 && b < 0.0 {
        return None;
    }
    if a < 0.0 && b != libm::floor(b) {
        return None;
    }
    Some(libm::pow(a, b))
}

/// Folds `a op b` for numeric constants, or `None` if MicroPython would
/// leave it to run time.
pub fn fold_binary(op: BinOp, a: &CVal, b: &CVal) -> Option<CVal> {
    if !a.is_number() || !b.is_number() {
        return None;
    }
    if let (CVal::Int(x), CVal::Int(y)) = (a, b) {
        let r = match op {
            BinOp::BitOr => x | y,
            BinOp::BitXor => x ^ y,
            BinOp::BitAnd => x & y,
            BinOp::LShift => {
                let n = y.to_u32()?;
                if y.is_negative() || n > 1 << 20 {
                    return None;
                }
                x << n as usize
            }
            BinOp::RShift => {
                if y.is_negative() {
                    return None;
                }
                let n = y.to_usize().unwrap_or(usize::MAX).min(1 << 24);
                x >> n
            }
            BinOp::Add => x + y,
            BinOp::Sub => x - y,
            BinOp::Mult => x * y,
            BinOp::FloorDiv => {
                if y.is_zero() {
                    return None;
                }
                x.div_floor(y)
            }
            BinOp::Mod => {
                if y.is_zero() {
                    return None;
                }
                x.mod_floor(y)
            }
            BinOp::Pow => {
                if y.is_negative() {
                    let (fx, fy) = (to_f64(a), to_f64(b));
                    return float_pow(fx, fy).map(CVal::Float);
                }
                let n = y.to_u32()?;
                if n > 1 << 20 {
                    return None;
                }
                num_traits::pow::Pow::pow(x, n)
            }
            BinOp::Div => {
                if y.is_zero() {
                    return None;
                }
                return Some(CVal::Float(to_f64(a) / to_f64(b)));
            }
            BinOp::MatMult => return None,
        };
        return Some(CVal::Int(r));
    }
    let (x, y) = (to_f64(a), to_f64(b));
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
        BinOp::FloorDiv => float_divmod(x, y)?.0,
        BinOp::Mod => float_divmod(x, y)?.1,
        BinOp::Pow => float_pow(x, y)?,
        _ => return None,
    };
    Some(CVal::Float(r))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn i(v: i64) -> CVal {
        CVal::Int(BigInt::from(v))
    }

    #[test]
    fn int_folds() {
        assert_eq!(fold_binary(BinOp::FloorDiv, &i(7), &i(-2)), Some(i(-4)));
        assert_eq!(fold_binary(BinOp::Mod, &i(7), &i(0)), None);
        assert_eq!(fold_binary(BinOp::Pow, &i(2), &i(-1)), Some(CVal::Float(0.5)));
        assert_eq!(fold_binary(BinOp::RShift, &i(-1), &i(100)), Some(i(-1)));
        assert_eq!(fold_unary(UnaryOp::Invert, &i(5)), Some(i(-6)));
        assert_eq!(fold_binary(BinOp::Div, &i(3), &i(2)), Some(CVal::Float(1.5)));
    }

    #[test]
    fn float_folds() {
        assert_eq!(fold_binary(BinOp::Mod, &CVal::Float(5.5), &i(2)), Some(CVal::Float(1.5)));
        assert_eq!(fold_binary(BinOp::FloorDiv, &CVal::Float(1.0), &CVal::Float(0.0)), None);
        assert_eq!(fold_unary(UnaryOp::Invert, &CVal::Float(1.0)), None);
        assert_eq!(fold_binary(BinOp::BitAnd, &i(1), &CVal::Float(1.0)), None);
        assert_eq!(fold_unary(UnaryOp::Not, &CVal::Str(alloc::vec![])), Some(CVal::True));
    }
}
