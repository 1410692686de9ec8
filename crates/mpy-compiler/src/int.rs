//! Compile-time integers of any size, for number literals and constant
//! folding: an `i64` when the value fits, else a sign and `mpy-mpz`
//! digits in a vector allocated through [`Mem`] (so a huge fold such as
//! `2**1000000` is a `MemoryError` when it does not fit the budget, never
//! an abort). The arithmetic is Python's (floor division, two's-complement
//! bit operations), done by `mpy-mpz`, the runtime's own big-int code.

use crate::mem::{MResult, Mem};
use alloc::string::String;
use alloc::vec::Vec;
use mpy_mpz::{bits, conv, div, fmt, mul, parse, pow, shift, MpzRef, SignedLen};

/// An integer: `Small` exactly when it fits an `i64` (so derived equality
/// is value equality).
#[derive(Debug, PartialEq, Eq)]
pub enum Int {
    /// A value in the `i64` range.
    Small(i64),
    /// A value outside it: sign and normalised magnitude.
    Big {
        /// The value is negative.
        neg: bool,
        /// Little-endian 32-bit digits, no high zero digit.
        mag: Vec<u32>,
    },
}

/// A borrowed view of a small value's digits.
struct Digits([u32; 2], usize, bool);

impl Digits {
    #[cfg_attr(target_os = "none", inline(never))]
    fn of(v: i64) -> Digits {
        let (d, n) = conv::u64_digits(v.unsigned_abs());
        Digits(d, n, v < 0)
    }
    #[cfg_attr(target_os = "none", inline(never))]
    fn get(&self) -> MpzRef<'_> {
        MpzRef::new(self.2, self.0.get(..self.1).unwrap_or(&[]))
    }
}

/// A zeroed digit buffer of `n` digits.
fn buf(mem: &Mem, n: usize) -> MResult<Vec<u32>> {
    let mut v = mem.with_capacity(n)?;
    v.resize(n, 0);
    Ok(v)
}

/// Frees a scratch buffer, crediting the budget.
fn release(mem: &Mem, v: Vec<u32>) {
    mem.credit(v.capacity() * 4);
}

impl Int {
    /// The value of decimal `text` (ASCII digits only).
    pub fn from_decimal(text: &[u8], mem: &Mem) -> MResult<Int> {
        Int::parse(text, 10, mem)
    }

    /// The value of `text`, digits of `radix` (validated by the caller).
    pub fn parse(text: &[u8], radix: u32, mem: &Mem) -> MResult<Int> {
        let mut out = buf(mem, parse::parse_len(text.len(), radix))?;
        match parse::parse(&mut out, text, radix) {
            Ok(n) => Ok(Int::from_result(out, SignedLen::new(false, n), mem)),
            Err(_) => {
                release(mem, out);
                Ok(Int::Small(0))
            }
        }
    }

    /// The result `r` written in `out`, in canonical form.
    fn from_result(mut out: Vec<u32>, r: SignedLen, mem: &Mem) -> Int {
        let v = conv::to_i64(MpzRef::from_result(&out, r));
        if let Some(v) = v {
            release(mem, out);
            return Int::Small(v);
        }
        out.truncate(r.len);
        Int::Big { neg: r.neg, mag: out }
    }

    /// The digits of a small value (none for a big value, whose vector
    /// holds them): the storage [`Int::mpz`] borrows.
    #[cfg_attr(target_os = "none", inline(never))]
    fn digits(&self) -> Digits {
        match self {
            Int::Small(v) => Digits::of(*v),
            Int::Big { .. } => Digits([0; 2], 0, false),
        }
    }

    /// The value as an `MpzRef`, a small value's digits in `d` (from
    /// [`Int::digits`]). No closure: one copy of each caller's body.
    #[cfg_attr(target_os = "none", inline(never))]
    fn mpz<'s>(&'s self, d: &'s Digits) -> MpzRef<'s> {
        match self {
            Int::Small(_) => d.get(),
            Int::Big { neg, mag } => MpzRef::new(*neg, mag),
        }
    }

    /// Digits needed for the magnitude.
    #[cfg_attr(target_os = "none", inline(never))]
    fn len(&self) -> usize {
        match self {
            Int::Small(v) => Digits::of(*v).1,
            Int::Big { mag, .. } => mag.len(),
        }
    }

    /// The value as an `i64`, if it fits.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Int::Small(v) => Some(*v),
            Int::Big { .. } => None,
        }
    }

    /// Whether the value is zero.
    pub fn is_zero(&self) -> bool {
        matches!(self, Int::Small(0))
    }

    /// Whether the value is negative.
    pub fn is_negative(&self) -> bool {
        match self {
            Int::Small(v) => *v < 0,
            Int::Big { neg, .. } => *neg,
        }
    }

    /// The nearest float (round-half-even); infinity of the value's sign
    /// when it is too large.
    #[cfg(feature = "float")]
    pub fn to_f64(&self) -> f64 {
        match self {
            Int::Small(v) => *v as f64,
            Int::Big { neg, .. } => match conv::to_f64(self.mpz(&self.digits())) {
                Ok(f) => f,
                Err(_) if *neg => f64::NEG_INFINITY,
                Err(_) => f64::INFINITY,
            },
        }
    }

    /// The nearest `f32` (`±inf` beyond its range): single-precision
    /// float folds.
    #[cfg(all(feature = "float", feature = "float-single"))]
    pub fn to_f32(&self) -> f32 {
        let inf = if self.is_negative() { f32::NEG_INFINITY } else { f32::INFINITY };
        conv::to_f32(self.mpz(&self.digits())).unwrap_or(inf)
    }

    /// A copy.
    pub fn try_clone(&self, mem: &Mem) -> MResult<Int> {
        Ok(match self {
            Int::Small(v) => Int::Small(*v),
            Int::Big { neg, mag } => Int::Big { neg: *neg, mag: mem.vec_from(mag)? },
        })
    }

    /// Decimal text (with a `-` if negative), as a `.mpy` int constant.
    pub fn to_decimal(&self, mem: &Mem) -> MResult<String> {
        let n = self.len();
        let mut text: Vec<u8> = mem.with_capacity(fmt::to_str_len(n, 10))?;
        text.resize(text.capacity(), 0);
        let mut scratch = buf(mem, fmt::to_str_scratch_len(n, 10))?;
        let d = self.digits();
        let k = fmt::to_str(&mut text, self.mpz(&d), 10, false, &mut scratch).unwrap_or(0);
        release(mem, scratch);
        text.truncate(k);
        // A copy (no unchecked String from the digit bytes); `text`'s
        // budget goes back.
        let r = match mpy_bytecode::utf8::str(&text) {
            Some(s) => mem.string(s),
            None => Err(mem.fail()),
        };
        mem.credit(text.capacity());
        r
    }

    /// `-self` (as `0 - self`: one subtraction body serves both).
    pub fn neg(&self, mem: &Mem) -> MResult<Int> {
        Int::op(BigOp::Sub, &Int::Small(0), self, mem)
    }

    /// `~self` (as `-1 - self`).
    pub fn invert(&self, mem: &Mem) -> MResult<Int> {
        Int::op(BigOp::Sub, &Int::Small(-1), self, mem)
    }

    /// `a op b` (`b` is ignored by the shifts and the power, whose
    /// right operand is in `op`): the one entry of every operation. The
    /// operation's preconditions are the caller's (a non-zero divisor, a
    /// non-negative shift count). On the desktop, small operands that
    /// need no big digits take an `i64` shortcut first.
    pub fn op(op: BigOp, a: &Int, b: &Int, mem: &Mem) -> MResult<Int> {
        #[cfg(not(target_os = "none"))]
        if let Some(r) = Int::small_op(op, a, b) {
            return Ok(Int::Small(r));
        }
        Int::big(op, a, b, mem)
    }

    /// The desktop's `i64` shortcut of [`Int::op`] (on the boards every
    /// operand goes through `mpy-mpz`: the `i64` shifts and the checked
    /// 64-bit operations are library calls there, folding is rare and
    /// code size is not).
    #[cfg(not(target_os = "none"))]
    fn small_op(op: BigOp, a: &Int, b: &Int) -> Option<i64> {
        let Int::Small(x) = *a else { return None };
        match (op, b) {
            (BigOp::Bit(k), &Int::Small(y)) => Some(match k {
                bits::BitOp::And => x & y,
                bits::BitOp::Or => x | y,
                bits::BitOp::Xor => x ^ y,
            }),
            (BigOp::Add, &Int::Small(y)) => x.checked_add(y),
            (BigOp::Sub, &Int::Small(y)) => x.checked_sub(y),
            (BigOp::Shl(_), _) if x == 0 => Some(0),
            (BigOp::Shl(n), _) if n < 63 && (x << n) >> n == x => Some(x << n),
            (BigOp::Shr(n), _) => Some(if n >= 64 { if x < 0 { -1 } else { 0 } } else { x >> n }),
            _ => None,
        }
    }

    /// `a op b` through `mpy-mpz` (see [`Int::op`]): the result and
    /// scratch sizes by the operation, digit vectors allocated through
    /// `mem`, one body for every operation. A failure of the operation
    /// itself (none can happen with the bounds given) is reported as
    /// running out of memory.
    fn big(op: BigOp, a: &Int, b: &Int, mem: &Mem) -> MResult<Int> {
        let (da, db) = (a.digits(), b.digits());
        let (x, y) = (a.mpz(&da), b.mpz(&db));
        let (la, lb) = (x.mag.len(), y.mag.len());
        let (out_len, scratch_len) = match op {
            BigOp::Bit(_) => (bits::bitop_len(la, lb), 0),
            BigOp::Add | BigOp::Sub => (mpy_mpz::add::add_len(la, lb), 0),
            BigOp::Mul => (mul::mul_len(la, lb), mul::mul_scratch_len(la, lb)),
            BigOp::Mod => (div::divmod_r_len(lb), div::divmod_scratch_len(la, lb)),
            BigOp::FloorDiv => (div::divmod_q_len(la, lb), div::divmod_scratch_len(la, lb)),
            BigOp::Shl(n) => (shift::shl_len(la, n), 0),
            BigOp::Shr(n) => (shift::shr_len(la, n), 0),
            BigOp::Pow(e) => match (pow::pow_len(x.mag, e), pow::pow_scratch_len(x.mag, e)) {
                (Some(o), Some(s)) => (o, s),
                _ => return Err(mem.fail()),
            },
        };
        let mut out = buf(mem, out_len)?;
        let mut scratch = buf(mem, scratch_len)?;
        let (o, s) = (&mut out[..], &mut scratch[..]);
        let r = match op {
            BigOp::Bit(k) => bits::bitop(o, k, x, y),
            BigOp::Add => mpy_mpz::add::add(o, x, y),
            BigOp::Sub => mpy_mpz::add::sub(o, x, y),
            BigOp::Mul => mul::mul(o, x, y, s),
            BigOp::Mod => div::modulo(o, x, y, s),
            BigOp::FloorDiv => div::floordiv(o, x, y, s),
            BigOp::Shl(n) => shift::shl(o, x, n),
            BigOp::Shr(n) => shift::shr(o, x, n),
            BigOp::Pow(e) => pow::pow(o, x, e, s),
        };
        release(mem, scratch);
        match r {
            Ok(r) => Ok(Int::from_result(out, r, mem)),
            Err(_) => Err(mem.fail()),
        }
    }

    /// `a & b`, `a | b` or `a ^ b` (two's complement).
    pub fn bitop(op: bits::BitOp, a: &Int, b: &Int, mem: &Mem) -> MResult<Int> {
        Int::op(BigOp::Bit(op), a, b, mem)
    }

    /// `a + b` (`sub`: `a - b`).
    pub fn add(a: &Int, b: &Int, sub: bool, mem: &Mem) -> MResult<Int> {
        Int::op(if sub { BigOp::Sub } else { BigOp::Add }, a, b, mem)
    }

    /// `a * b`.
    pub fn mul(a: &Int, b: &Int, mem: &Mem) -> MResult<Int> {
        Int::op(BigOp::Mul, a, b, mem)
    }

    /// `a // b` (`modulo`: `a % b`), floor semantics; `b` is not zero.
    pub fn divmod(a: &Int, b: &Int, modulo: bool, mem: &Mem) -> MResult<Int> {
        Int::op(if modulo { BigOp::Mod } else { BigOp::FloorDiv }, a, b, mem)
    }

    /// `a << n`.
    pub fn shl(a: &Int, n: usize, mem: &Mem) -> MResult<Int> {
        Int::op(BigOp::Shl(n), a, a, mem)
    }

    /// `a >> n` (floor).
    pub fn shr(a: &Int, n: usize, mem: &Mem) -> MResult<Int> {
        Int::op(BigOp::Shr(n), a, a, mem)
    }

    /// `a ** e`.
    pub fn pow(a: &Int, e: u32, mem: &Mem) -> MResult<Int> {
        Int::op(BigOp::Pow(u64::from(e)), a, a, mem)
    }
}

/// A big-integer operation of [`Int::op`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BigOp {
    /// `a & b`, `a | b` or `a ^ b`.
    Bit(bits::BitOp),
    /// `a + b`.
    Add,
    /// `a - b`.
    Sub,
    /// `a * b`.
    Mul,
    /// `a % b` (floor; `b` not zero).
    Mod,
    /// `a // b` (floor; `b` not zero).
    FloorDiv,
    /// `a << n`.
    Shl(usize),
    /// `a >> n` (floor).
    Shr(usize),
    /// `a ** e`.
    Pow(u64),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m() -> Mem {
        Mem::new(usize::MAX)
    }

    fn dec(i: &Int) -> String {
        i.to_decimal(&m()).unwrap_or_default()
    }

    fn big(s: &str) -> Int {
        let (neg, d) = match s.strip_prefix('-') {
            Some(d) => (true, d),
            None => (false, s),
        };
        let v = Int::from_decimal(d.as_bytes(), &m()).unwrap_or(Int::Small(0));
        if neg {
            v.neg(&m()).unwrap_or(Int::Small(0))
        } else {
            v
        }
    }

    #[test]
    fn small_and_big_agree() {
        let mem = m();
        assert_eq!(big("9223372036854775807"), Int::Small(i64::MAX));
        assert!(matches!(big("9223372036854775808"), Int::Big { .. }));
        assert_eq!(big("-9223372036854775808"), Int::Small(i64::MIN));
        let two = Int::Small(2);
        let p = Int::pow(&two, 100, &mem).unwrap_or(Int::Small(0));
        assert_eq!(dec(&p), "1267650600228229401496703205376");
        let q = Int::divmod(&p, &Int::Small(-3), false, &mem).unwrap_or(Int::Small(0));
        assert_eq!(dec(&q), "-422550200076076467165567735126");
        let r = Int::divmod(&p, &Int::Small(-3), true, &mem).unwrap_or(Int::Small(0));
        assert_eq!(r, Int::Small(-2));
        let s = Int::shr(&p, 99, &mem).unwrap_or(Int::Small(0));
        assert_eq!(s, Int::Small(2));
        let n = p.neg(&mem).unwrap_or(Int::Small(0));
        assert_eq!(Int::shr(&n, 200, &mem).unwrap_or(Int::Small(0)), Int::Small(-1));
        let i = n.invert(&mem).unwrap_or(Int::Small(0));
        assert_eq!(dec(&i), "1267650600228229401496703205375");
        assert_eq!(Int::divmod(&Int::Small(7), &Int::Small(-2), false, &mem).ok(), Some(Int::Small(-4)));
        assert_eq!(Int::divmod(&Int::Small(i64::MIN), &Int::Small(-1), false, &mem).map(|v| dec(&v)).ok(), Some(String::from("9223372036854775808")));
        assert_eq!(Int::shl(&Int::Small(1), 63, &mem).map(|v| dec(&v)).ok(), Some(String::from("9223372036854775808")));
        #[cfg(feature = "float")]
        assert_eq!(p.to_f64(), 1.2676506002282294e30);
    }

    #[test]
    fn small_shifts_agree_with_the_boards_path() {
        // The boards shift small ints through `mpy-mpz` too.
        let mem = m();
        for x in [0i64, 1, -1, 5, -5, 3 << 40, -(3 << 40), i64::MAX, i64::MIN] {
            let a = Int::Small(x);
            for n in [0usize, 1, 2, 31, 32, 62, 63, 64, 100] {
                let l = Int::big(BigOp::Shl(n), &a, &a, &mem).map(|v| dec(&v));
                assert_eq!(l, Int::shl(&a, n, &mem).map(|v| dec(&v)), "{x} << {n}");
                let r = Int::big(BigOp::Shr(n), &a, &a, &mem);
                assert_eq!(r, Int::shr(&a, n, &mem), "{x} >> {n}");
            }
        }
    }

    #[test]
    fn small_adds_and_bitops_agree_with_the_boards_path() {
        // The boards add and combine bits of small ints through `mpy-mpz`.
        let mem = m();
        let xs = [0i64, 1, -1, 5, -6, 3 << 40, -(3 << 40), i64::MAX, i64::MIN, i64::MIN + 1];
        for x in xs {
            for y in xs {
                let (a, b) = (Int::Small(x), Int::Small(y));
                for sub in [false, true] {
                    let op = if sub { BigOp::Sub } else { BigOp::Add };
                    let big = Int::big(op, &a, &b, &mem).map(|v| dec(&v));
                    assert_eq!(big, Int::add(&a, &b, sub, &mem).map(|v| dec(&v)), "{x} {y} {sub}");
                }
                for k in [bits::BitOp::And, bits::BitOp::Or, bits::BitOp::Xor] {
                    let big = Int::big(BigOp::Bit(k), &a, &b, &mem);
                    assert_eq!(big, Int::bitop(k, &a, &b, &mem), "{x} {y}");
                }
            }
        }
    }

    #[test]
    fn budget_bounds_huge_folds() {
        let mem = Mem::new(4096);
        assert!(Int::pow(&Int::Small(10), 100_000, &mem).is_err());
        assert!(mem.failed());
    }
}
