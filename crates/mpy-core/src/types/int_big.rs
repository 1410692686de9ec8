//! Big-int arithmetic with Python semantics (floor division, sign of the
//! modulo, two's complement bitwise ops) on `mpy-mpz`'s allocation-free
//! slice API.
//!
//! A result is computed straight into the digits of a new int object
//! ([`build`]): the object is allocated first with room for the result's
//! bound, then trimmed to the real length; its sign is predicted from the
//! operands (and fixed by a copy in the rare case the prediction is off).
//! Results that fit a small int become one. Small results and scratch
//! space live on the Rust stack; larger scratch is a gc-heap vector freed
//! at once. Nothing uses Rust's global allocator.

use super::zero_div;
use crate::heap::GcVec;
use crate::obj::{Obj, ObjBase};
use crate::state::Vm;
use crate::typ::BinaryOp;
use crate::types::int::{IntHead, INT_TYPE};
use crate::{PyErr, PyResult};
use core::cmp::Ordering;
use mpy_mpz::{self as mpz, Error as MpzError, MpzRef, SignedLen};

/// Results of at most this many digits are computed on the Rust stack.
const STACK_OUT: usize = 8;
/// Scratch of at most this many digits lives on the Rust stack.
const STACK_SCRATCH: usize = 64;
/// Byte buffers of at most this many bytes live on the Rust stack.
const STACK_BYTES: usize = 256;

/// The Python exception for an `mpy-mpz` error (callers handle the cases
/// whose message depends on the operation first).
pub fn mpz_error(vm: &mut Vm, e: MpzError) -> PyErr {
    match e {
        MpzError::ZeroDivision => zero_div(vm),
        MpzError::Overflow => crate::types::strutil::word_overflow(vm),
        MpzError::NotFinite => vm.overflow_error(crate::msg!("can't convert inf to int")),
        MpzError::InvalidDigit => vm.value_error(crate::runtime::exc::msg::INT_SYNTAX),
        MpzError::BufferTooSmall => vm.memory_error(),
    }
}

/// The small-int value of sign `neg` and magnitude `d`, if it fits one.
pub fn small_of(neg: bool, d: &[u32]) -> Option<isize> {
    let d = mpz::trim(d);
    if d.len() > 2 {
        return None;
    }
    let m = d.iter().rev().fold(0u64, |a, &x| (a << 32) | x as u64);
    if m <= Obj::SMALL_INT_MAX as u64 {
        Some(if neg { (m as i64).wrapping_neg() } else { m as i64 } as isize)
    } else if neg && m == Obj::SMALL_INT_MAX as u64 + 1 {
        Some(Obj::SMALL_INT_MIN)
    } else {
        None
    }
}

/// A gc-heap vector of `n` zeroed digits (none for `n == 0`).
///
/// Errors: `MemoryError`.
fn scratch_vec(vm: &mut Vm, n: usize) -> PyResult<GcVec<u32>> {
    if n == 0 {
        return Ok(GcVec::new());
    }
    let mut v = vm.new_vec::<u32>(n)?;
    v.resize_within_capacity(n, 0);
    Ok(v)
}

/// Runs `f` with `n` zeroed scratch digits: on the Rust stack when few,
/// else in a gc-heap vector given back afterwards.
///
/// Errors: `MemoryError`; whatever `f` returns.
#[inline]
pub fn with_digits<R>(vm: &mut Vm, n: usize, f: impl FnOnce(&mut Vm, &mut [u32]) -> PyResult<R>) -> PyResult<R> {
    let mut buf = [0u32; STACK_SCRATCH];
    let mut v = GcVec::new();
    let r = match digits_in(vm, n, &mut buf, &mut v) {
        Ok(d) => f(vm, d),
        Err(e) => Err(e),
    };
    vm.heap.free_vec(v);
    r
}

/// [`with_digits`]'s non-generic part: `n` zeroed digits in `buf` when
/// they fit, else in a new gc-heap vector left in `v`.
fn digits_in<'b>(vm: &mut Vm, n: usize, buf: &'b mut [u32; STACK_SCRATCH], v: &'b mut GcVec<u32>) -> PyResult<&'b mut [u32]> {
    if n <= STACK_SCRATCH {
        return Ok(&mut buf[..n]);
    }
    *v = scratch_vec(vm, n)?;
    Ok(v.as_mut_slice())
}

/// `n` zeroed bytes in `buf` when they fit, else in a new gc-heap vector
/// left in `v` (for the caller to give back).
///
/// Errors: `MemoryError`.
fn bytes_in<'b>(vm: &mut Vm, n: usize, buf: &'b mut [u8; STACK_BYTES], v: &'b mut GcVec<u8>) -> PyResult<&'b mut [u8]> {
    if n <= STACK_BYTES {
        return Ok(&mut buf[..n]);
    }
    *v = vm.new_vec::<u8>(n)?;
    v.resize_within_capacity(n, 0);
    Ok(v.as_mut_slice())
}

/// What [`build`] runs: fills `out` (first) using `scratch` (second).
type MpzFill<'a> = dyn FnMut(&mut [u32], &mut [u32]) -> Result<SignedLen, MpzError> + 'a;

/// Makes the int computed by `f(out, scratch)`, where `out` has `bound`
/// digits and `scratch` `scratch_len` (both zeroed). `neg` is the
/// predicted sign of a nonzero result. Normalised: a small int if it fits.
///
/// Errors: `MemoryError` (also for absurd bounds); `f`'s errors mapped by
/// [`mpz_error`].
#[inline]
pub fn build<F>(vm: &mut Vm, neg: bool, bound: usize, scratch_len: usize, mut f: F) -> PyResult<Obj>
where
    F: FnMut(&mut [u32], &mut [u32]) -> Result<SignedLen, MpzError>,
{
    build_dyn(vm, neg, bound, scratch_len, &mut f)
}

/// [`build`]'s one non-generic body (one copy in the image, not one per
/// operation).
#[inline(never)]
fn build_dyn(vm: &mut Vm, neg: bool, bound: usize, scratch_len: usize, f: &mut MpzFill<'_>) -> PyResult<Obj> {
    if bound <= STACK_OUT && scratch_len <= STACK_SCRATCH {
        let mut out = [0u32; STACK_OUT];
        let mut s = [0u32; STACK_SCRATCH];
        return match f(&mut out[..bound], &mut s[..scratch_len]) {
            Ok(r) => vm.new_int_mag(r.neg, out.get(..r.len).unwrap_or(&[])),
            Err(e) => Err(mpz_error(vm, e)),
        };
    }
    // (Desktop: small scratch on the stack with a heap result, and the
    // reverse; the boards keep one heap path.)
    #[cfg(not(target_os = "none"))]
    {
        if bound <= STACK_OUT {
            let mut out = [0u32; STACK_OUT];
            let mut scratch = scratch_vec(vm, scratch_len)?;
            let res = f(&mut out[..bound], scratch.as_mut_slice());
            vm.heap.free_vec(scratch);
            return match res {
                Ok(r) => vm.new_int_mag(r.neg, out.get(..r.len).unwrap_or(&[])),
                Err(e) => Err(mpz_error(vm, e)),
            };
        }
        if scratch_len == 0 {
            return build_heap(vm, neg, bound, &mut [], f);
        }
        if scratch_len <= STACK_SCRATCH {
            let mut s = [0u32; STACK_SCRATCH];
            return build_heap(vm, neg, bound, &mut s[..scratch_len], f);
        }
        let mut scratch = scratch_vec(vm, scratch_len)?;
        let r = build_heap(vm, neg, bound, scratch.as_mut_slice(), f);
        vm.heap.free_vec(scratch);
        r
    }
    #[cfg(target_os = "none")]
    {
        let mut scratch = scratch_vec(vm, scratch_len)?;
        let mut res: Result<SignedLen, MpzError> = Err(MpzError::BufferTooSmall);
        let head = IntHead { base: ObjBase::new(&INT_TYPE), neg };
        let o = vm.alloc_var_with(head, bound, |d| {
            res = f(d, scratch.as_mut_slice());
            res.map_or(0, |r| r.len)
        });
        vm.heap.free_vec(scratch);
        built(vm, o?, res, neg)
    }
}

/// [`build_dyn`] into a new int object of `bound` digits, with `scratch`
/// (desktop).
///
/// Errors: as [`build`].
#[cfg(not(target_os = "none"))]
fn build_heap(vm: &mut Vm, neg: bool, bound: usize, scratch: &mut [u32], f: &mut MpzFill<'_>) -> PyResult<Obj> {
    let mut res: Result<SignedLen, MpzError> = Err(MpzError::BufferTooSmall);
    let head = IntHead { base: ObjBase::new(&INT_TYPE), neg };
    let o = vm.alloc_var_with(head, bound, |d| {
        res = f(d, scratch);
        res.map_or(0, |r| r.len)
    })?;
    built(vm, o, res, neg)
}

/// The int for the result `res` of [`build`] written into `o`.
///
/// Errors: as [`build`].
#[inline(always)]
fn built(vm: &mut Vm, o: Obj, res: Result<SignedLen, MpzError>, neg: bool) -> PyResult<Obj> {
    match res {
        Ok(r) => finish(vm, o, r, neg),
        Err(e) => {
            vm.heap.free_addr(o.raw());
            Err(mpz_error(vm, e))
        }
    }
}

/// The int for a result just built into `o`: `o` itself, or a small int
/// (or a copy with the right sign) with `o` given back to the heap.
fn finish(vm: &mut Vm, o: Obj, r: SignedLen, predicted: bool) -> PyResult<Obj> {
    let Some((_, d)) = vm.int_digits_pinned(o) else { return Ok(o) };
    if let Some(v) = small_of(r.neg, d) {
        vm.heap.free_addr(o.raw());
        return Ok(Obj::small_int(v));
    }
    if r.neg != predicted {
        let n = vm.new_int_mag(r.neg, d)?;
        vm.heap.free_addr(o.raw());
        return Ok(n);
    }
    Ok(o)
}

/// The sign of `a + s|b|` where `s` is the sign `b_neg` (for a nonzero
/// result).
fn sum_sign(a: MpzRef<'_>, b: MpzRef<'_>, b_neg: bool) -> bool {
    if a.neg == b_neg {
        return a.neg;
    }
    match mpz::cmp::cmp_mag(a.mag, b.mag) {
        Ordering::Greater => a.neg,
        Ordering::Less => b_neg,
        Ordering::Equal => false,
    }
}

/// The output length for `a + b`: from the bit lengths on desktop (the
/// real length but for cancellation, so the new int is rarely shrunk),
/// from the digit counts on the boards (less code).
#[inline]
fn add_bound(a: MpzRef<'_>, b: MpzRef<'_>) -> usize {
    #[cfg(not(target_os = "none"))]
    return mpz::add::add_len_tight(a, b);
    #[cfg(target_os = "none")]
    return mpz::add::add_len(a.mag.len(), b.mag.len());
}

/// The output length for `a * b`, as [`add_bound`].
#[inline]
fn mul_bound(a: &[u32], b: &[u32]) -> usize {
    #[cfg(not(target_os = "none"))]
    return mpz::mul::mul_len_tight(a, b);
    #[cfg(target_os = "none")]
    return mpz::mul::mul_len(a.len(), b.len());
}

/// A shift count: a non-negative int that fits a machine word.
///
/// Errors: `OverflowError: overflow converting long int to machine word`,
/// `ValueError: negative shift count`.
fn shift_count(vm: &mut Vm, b: MpzRef<'_>) -> PyResult<usize> {
    match mpz::conv::to_i64(b) {
        None => Err(crate::types::strutil::word_overflow(vm)),
        Some(v) if v < 0 => Err(vm.value_error(crate::msg!("negative shift count"))),
        Some(v) => match usize::try_from(v) {
            Ok(n) => Ok(n),
            Err(_) => Err(crate::types::strutil::word_overflow(vm)),
        },
    }
}

/// A digit computation of [`big_binary_op`] (and [`big_pow`]): which
/// `mpy-mpz` routine fills the result, so every operation goes through one
/// [`build`] closure.
#[derive(Clone, Copy)]
enum Fill {
    Bits(mpz::bits::BitOp),
    Add,
    Sub,
    Mul,
    FloorDiv,
    Mod,
    Shl(usize),
    Shr(usize),
    Pow(u64),
}

/// Runs `f` on `a` and `b` into `out` with `scratch`.
fn fill(f: Fill, out: &mut [u32], scratch: &mut [u32], a: MpzRef<'_>, b: MpzRef<'_>) -> Result<SignedLen, MpzError> {
    match f {
        Fill::Bits(op) => mpz::bits::bitop(out, op, a, b),
        Fill::Add => mpz::add::add(out, a, b),
        Fill::Sub => mpz::add::sub(out, a, b),
        Fill::Mul => mpz::mul::mul(out, a, b, scratch),
        Fill::FloorDiv => mpz::div::floordiv(out, a, b, scratch),
        Fill::Mod => mpz::div::modulo(out, a, b, scratch),
        Fill::Shl(n) => mpz::shift::shl(out, a, n),
        Fill::Shr(n) => mpz::shift::shr(out, a, n),
        Fill::Pow(e) => mpz::pow::pow(out, a, e, scratch),
    }
}

/// `a op b` on ints (plain `op`), with Python semantics. NULL for ops ints
/// don't have.
///
/// Errors: `ZeroDivisionError: divide by zero`, `ValueError: negative shift
/// count`, `OverflowError: overflow converting long int to machine word`
/// (shift counts and exponents), `MemoryError` for results the heap cannot
/// hold.
pub fn big_binary_op(vm: &mut Vm, op: BinaryOp, a: MpzRef<'_>, b: MpzRef<'_>) -> PyResult<Obj> {
    use mpz::bits::BitOp;
    use BinaryOp::*;
    let (a, b) = (a.trimmed(), b.trimmed());
    let (la, lb) = (a.mag.len(), b.mag.len());
    // (predicted sign, result bound, scratch length, computation)
    let (neg, bound, scratch, f) = match op.non_inplace() {
        cmp @ (Less | More | Equal | NotEqual | LessEqual | MoreEqual) => {
            return Ok(Obj::bool(crate::types::seq::cmp_op(cmp, Some(mpz::cmp::cmp(a, b)))));
        }
        plain @ (Or | Xor | And) => {
            let (bop, neg) = match plain {
                Or => (BitOp::Or, a.neg || b.neg),
                Xor => (BitOp::Xor, a.neg != b.neg),
                _ => (BitOp::And, a.neg && b.neg),
            };
            (neg, mpz::bits::bitop_len(la, lb), 0, Fill::Bits(bop))
        }
        Add => (sum_sign(a, b, b.neg), add_bound(a, b), 0, Fill::Add),
        Subtract => (sum_sign(a, b, !b.neg), add_bound(a, MpzRef::new(!b.neg, b.mag)), 0, Fill::Sub),
        Multiply => (a.neg != b.neg, mul_bound(a.mag, b.mag), mpz::mul::mul_scratch_len(la, lb), Fill::Mul),
        // Without floats `/` is no int op (official's TypeError).
        TrueDivide if !cfg!(feature = "float") => return Ok(Obj::NULL),
        Power if !cfg!(feature = "float") && b.is_negative() => return Err(super::no_float_power(vm)),
        FloorDivide | Modulo | Divmod | TrueDivide if lb == 0 => return Err(zero_div(vm)),
        FloorDivide => {
            let s = mpz::div::floordiv_scratch_len(la, lb);
            (a.neg != b.neg, mpz::div::divmod_q_len(la, lb), s, Fill::FloorDiv)
        }
        Modulo => (b.neg, mpz::div::divmod_r_len(lb), mpz::div::divmod_scratch_len(la, lb), Fill::Mod),
        Divmod => return big_divmod(vm, a, b),
        // `a / b`, and `a ** b` for negative `b`: floats (as MicroPython).
        #[cfg(feature = "float")]
        plain @ (TrueDivide | Power) if plain == TrueDivide || b.is_negative() => {
            let (x, y) = (super::big_to_f64(a), super::big_to_f64(b));
            return crate::types::float::float_binary_op(vm, plain, x, y);
        }
        Lshift => {
            let n = shift_count(vm, b)?;
            if la == 0 {
                return Ok(Obj::small_int(0));
            }
            (a.neg, mpz::shift::shl_len(la, n), 0, Fill::Shl(n))
        }
        Rshift => {
            let n = shift_count(vm, b)?;
            if n as u64 >= mpz::bits::bit_length(a.mag) {
                return Ok(Obj::small_int(if a.neg { -1 } else { 0 }));
            }
            (a.neg, mpz::shift::shr_len(la, n), 0, Fill::Shr(n))
        }
        Power => match big_pow(vm, a, b)? {
            Ok(r) => return Ok(r),
            Err(p) => p,
        },
        _ => return Ok(Obj::NULL),
    };
    build(vm, neg, bound, scratch, |o, s| fill(f, o, s, a, b))
}

/// The dispatch loop's path for a binary op on two exact ints (small or
/// big, at least one outside 64 bits): straight to [`big_binary_op`] for
/// the arithmetic and comparisons, without the general path's type-slot
/// dispatch and operand decoding. None for other ops and for a zero
/// divisor (the general path does them, errors included). Desktop only.
///
/// Errors: `MemoryError`.
#[cfg(not(target_os = "none"))]
#[inline(never)]
pub fn fast_binary_op(vm: &mut Vm, op: BinaryOp, a: Obj, b: Obj) -> Option<PyResult<Obj>> {
    let (mut ba, mut bb) = ([0u32; 2], [0u32; 2]);
    let x = int_ref(vm, a, &mut ba)?;
    let y = int_ref(vm, b, &mut bb)?;
    // (Normalised already: see `int_ref`.)
    fast_refs(vm, op, x, y)
}

/// The dispatch loop's first stop for a binary op on two exact ints: when
/// one of them is longer than 64 bits, [`fast_binary_op`]'s arithmetic, or
/// the general [`Vm::binary_op`] for the other ops. None when both fit 64
/// bits ([`super::super::int_fast`] does those). Desktop only.
///
/// Errors: `MemoryError`.
#[cfg(not(target_os = "none"))]
#[inline(always)]
pub fn long_binary_op(vm: &mut Vm, op: BinaryOp, a: Obj, b: Obj) -> Option<PyResult<Obj>> {
    let (mut ba, mut bb) = ([0u32; 2], [0u32; 2]);
    let x = int_ref(vm, a, &mut ba)?;
    let y = int_ref(vm, b, &mut bb)?;
    if x.mag.len() <= 2 && y.mag.len() <= 2 {
        return None;
    }
    // (Other ops: the general path at once; `int_fast` cannot take them.
    // Int objects and `int_ref`'s small values are normalised already.)
    Some(match fast_refs(vm, op, x, y) {
        Some(r) => r,
        None => vm.binary_op(op, a, b),
    })
}

/// The dispatch loop's path for binary op number `opn` on two exact ints
/// at least one of which does not fit 64 bits (see
/// [`crate::types::int_fast::int_pair_kind`]): the common
/// arithmetic (a long value times a digit, sums, a floor quotient the top
/// bits decide) straight from the operands, in few instructions; the rest
/// through [`long_binary_op`], or the general [`Vm::binary_op`] for the
/// ops it does not take. Desktop only.
///
/// Errors: as [`Vm::binary_op`]; a bad op number is bad code.
#[cfg(not(target_os = "none"))]
#[inline(never)]
pub fn long_op(vm: &mut Vm, opn: u8, a: Obj, b: Obj) -> PyResult<Obj> {
    use BinaryOp::*;
    // (The plain op's number: in-place ops are their plain op plus 13.)
    let p = if (InplaceOr as u8..=InplacePower as u8).contains(&opn) { opn + 13 } else { opn };
    // A long value times a small int of one digit (the common product)
    // first: the small one's digit straight from its tag, no `int_ref`.
    if p == Multiply as u8 {
        let (long, small) = if b.is_small_int() { (a, b) } else { (b, a) };
        if let Some(i) = small.as_small_int() {
            if let (Ok(d @ 1..), Some((neg, mag @ [_, _, _, ..]))) = (u32::try_from(i.unsigned_abs()), vm.int_digits_pinned(long)) {
                return mul_digit(vm, MpzRef::new(neg, mag), d, i < 0);
            }
        }
    }
    let (mut ba, mut bb) = ([0u32; 2], [0u32; 2]);
    if let (Some(x), Some(y)) = (int_ref(vm, a, &mut ba), int_ref(vm, b, &mut bb)) {
        // (Int objects and `int_ref`'s small values are normalised.)
        if p == Multiply as u8 {
            let (long, short) = if x.mag.len() >= y.mag.len() { (x, y) } else { (y, x) };
            if let (3.., &[d]) = (long.mag.len(), short.mag) {
                return mul_digit(vm, long, d, short.neg);
            }
        } else if p == Add as u8 || p == Subtract as u8 {
            let y = if p == Subtract as u8 { MpzRef::new(!y.neg, y.mag) } else { y };
            if x.mag.len().max(y.mag.len()) >= 3 {
                return add_long(vm, x, y);
            }
        } else if p == FloorDivide as u8 && y.mag.len() >= 3 {
            if let Some((neg, q)) = mpz::div::floordiv_small_norm(x, y) {
                let q = q as i64;
                return vm.new_int(if neg { -q } else { q });
            }
        } else if p <= NotEqual as u8 {
            // A comparison (`Less` to `NotEqual` are 0 to 5): at once.
            let c = mpz::cmp::cmp_norm(x, y);
            return Ok(Obj::bool(BinaryOp::from_u8(p).is_some_and(|op| crate::types::seq::cmp_op(op, Some(c)))));
        }
    }
    long_op_rest(vm, opn, a, b)
}

/// [`long_op`] past its common cases.
///
/// Errors: as [`long_op`].
#[cfg(not(target_os = "none"))]
#[inline(never)]
fn long_op_rest(vm: &mut Vm, opn: u8, a: Obj, b: Obj) -> PyResult<Obj> {
    let Some(op) = BinaryOp::from_u8(opn) else { return Err(crate::vm::dispatch::bad_code(vm)) };
    match long_binary_op(vm, op, a, b) {
        Some(r) => r,
        None => vm.binary_op(op, a, b),
    }
}

/// [`fast_binary_op`] on the operands' values (normalised).
#[cfg(not(target_os = "none"))]
#[inline(always)]
fn fast_refs(vm: &mut Vm, op: BinaryOp, x: MpzRef<'_>, y: MpzRef<'_>) -> Option<PyResult<Obj>> {
    use BinaryOp::*;
    let op = op.non_inplace();
    match op {
        Multiply => {
            let (long, short) = if x.mag.len() >= y.mag.len() { (x, y) } else { (y, x) };
            match (long.mag.len(), short.mag) {
                (3.., &[d]) => return Some(mul_digit(vm, long, d, short.neg)),
                (_, []) => return Some(Ok(Obj::small_int(0))),
                _ => {}
            }
        }
        Add | Subtract => {
            let y = if op == Subtract { MpzRef::new(!y.neg, y.mag) } else { y };
            if x.mag.len().max(y.mag.len()) >= 3 {
                return Some(add_long(vm, x, y));
            }
            return Some(big_binary_op(vm, Add, x, y));
        }
        FloorDivide if y.mag.len() >= 3 => {
            // A quotient the top bits decide (the common case of a small
            // one): no division of the digits at all.
            if let Some((neg, q)) = mpz::div::floordiv_small_norm(x, y) {
                let q = q as i64;
                return Some(vm.new_int(if neg { -q } else { q }));
            }
            // A quotient of one limb (no scratch, at most two digits, and a
            // floor adjustment's carry): on the stack.
            if x.mag.len() <= y.mag.len() + 1 && mpz::div::floordiv_scratch_len(x.mag.len(), y.mag.len()) == 0 {
                let mut q = [0u32; 3];
                return Some(match mpz::div::floordiv(&mut q, x, y, &mut []) {
                    Ok(r) => vm.new_int_mag(r.neg, q.get(..r.len).unwrap_or(&[])),
                    Err(e) => Err(mpz_error(vm, e)),
                });
            }
        }
        // A quotient the top bits decide: the remainder from it, with no
        // division.
        Modulo if y.mag.len() >= 3 => {
            if let Some(q) = small_quotient(x, y) {
                return Some(mod_from_quotient(vm, x, y, q));
            }
        }
        // (Comparisons at once: no build machinery.)
        cmp @ (Less | More | Equal | NotEqual | LessEqual | MoreEqual) => {
            return Some(Ok(Obj::bool(crate::types::seq::cmp_op(cmp, Some(mpz::cmp::cmp_norm(x, y))))));
        }
        FloorDivide | Modulo if !y.is_zero() => {}
        _ => return None,
    }
    Some(big_binary_op(vm, op, x, y))
}

/// The magnitude of `a // b` for a divisor `b` of more than 64 bits when
/// the top bits decide it and it is a digit (the common case of nearby
/// values).
#[cfg(not(target_os = "none"))]
#[inline(always)]
fn small_quotient(a: MpzRef<'_>, b: MpzRef<'_>) -> Option<u32> {
    let (_, q) = mpz::div::floordiv_small_norm(a, b)?;
    u32::try_from(q).ok()
}

/// `a % b` for normalised `a` and `b` whose floor quotient is `q` or `-q`
/// ([`small_quotient`]): one digit product and a subtraction into the
/// new int (normalised: the remainder may be small).
///
/// Errors: `MemoryError`.
#[cfg(not(target_os = "none"))]
fn mod_from_quotient(vm: &mut Vm, a: MpzRef<'_>, b: MpzRef<'_>, q: u32) -> PyResult<Obj> {
    if q == 0 && a.neg == b.neg {
        // |a| < |b|, signs alike: `a` itself.
        return vm.new_int_mag(a.neg, a.mag);
    }
    let n = mpz::div::mod_from_quotient_len(b.mag.len());
    let mut neg = b.neg;
    let o = new_big(vm, b.neg, n, |out| {
        let r = mpz::div::mod_from_quotient(out, a, b, q)?;
        neg = r.neg;
        Ok(r.len)
    })?;
    match vm.int_digits_pinned(o) {
        Some((_, d)) => finish(vm, o, SignedLen::new(neg, d.len()), b.neg),
        None => Ok(o),
    }
}

/// `a * d` for a normalised `a` of at least three digits (so the product
/// is a big int) and a nonzero digit `d` (negative if `d_neg`): the
/// digits straight into the new int, whose length the top digit predicts
/// (the carry into the top is below `d`).
///
/// Errors: `MemoryError`.
#[cfg(not(target_os = "none"))]
#[inline(always)]
fn mul_digit(vm: &mut Vm, a: MpzRef<'_>, d: u32, d_neg: bool) -> PyResult<Obj> {
    let top = a.mag.last().copied().unwrap_or(0) as u64;
    let n = a.mag.len() + (((top + 1) * d as u64 - 1) >> 32 != 0) as usize;
    new_big(vm, a.neg != d_neg, n, |out| mpz::mul::mul_digit_norm(out, a.mag, d))
}

/// `a + b` for normalised `a` and `b`, one of at least three digits.
/// With the same sign the sum is a big int of that sign; otherwise the
/// difference has the sign of the larger magnitude and may cancel down
/// to a small int.
///
/// Errors: `MemoryError`.
#[cfg(not(target_os = "none"))]
#[inline(always)]
fn add_long(vm: &mut Vm, a: MpzRef<'_>, b: MpzRef<'_>) -> PyResult<Obj> {
    let same = a.neg == b.neg;
    let n = sum_len(a.mag, b.mag, same);
    // (Normalised: the longer magnitude is the larger.)
    let order = match a.mag.len().cmp(&b.mag.len()) {
        Ordering::Equal if !same => mpz::cmp::cmp_mag_norm(a.mag, b.mag),
        Ordering::Equal => Ordering::Greater,
        o => o,
    };
    let (big, small) = match order {
        Ordering::Greater => (a, b),
        Ordering::Less => (b, a),
        Ordering::Equal => return Ok(Obj::small_int(0)),
    };
    // (One computation for both: one copy of the allocation's code.)
    let mut len = 0;
    let o = new_big(vm, big.neg, n, |out| {
        let r = if same {
            mpz::add::add_mag_norm(out, big.mag, small.mag)
        } else {
            mpz::add::sub_mag_norm(out, big.mag, small.mag)
        };
        len = *r.as_ref().unwrap_or(&0);
        r
    })?;
    // (A difference cancelled down to a small int?)
    if len <= 2 {
        return finish(vm, o, SignedLen::new(big.neg, len), big.neg);
    }
    Ok(o)
}

/// The digits of `|a| + |b|` (`same`) or `||a| - |b||` for normalised
/// `a` and `b`: the longer's length, plus one for a sum whose top digits
/// (and a carry from below) could overflow.
#[cfg(not(target_os = "none"))]
#[inline(always)]
fn sum_len(a: &[u32], b: &[u32], same: bool) -> usize {
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let n = long.len();
    if !same {
        return n;
    }
    let top = long.last().copied().unwrap_or(0) as u64;
    let other = if short.len() == n { short.last().copied().unwrap_or(0) as u64 } else { 0 };
    n + (top + other + 1 > u32::MAX as u64) as usize
}

/// A new big int of sign `neg` whose nonzero magnitude `f` writes into
/// `n` digits (at least the result's length; not zeroed first: `f` must
/// write every digit up to the length it returns), returning its length. Not
/// normalised to a small int: the callers' results have at least three
/// digits, or they check.
///
/// Errors: `MemoryError` (also if `f` fails, which the callers' bounds
/// exclude).
#[cfg(not(target_os = "none"))]
#[inline(always)]
fn new_big(vm: &mut Vm, neg: bool, n: usize, f: impl FnOnce(&mut [u32]) -> Result<usize, MpzError>) -> PyResult<Obj> {
    let head = IntHead { base: ObjBase::new(&INT_TYPE), neg };
    let mut ok = true;
    // (Unzeroed digits: `f` writes every digit of the result it returns.)
    let o = vm.alloc_digits_with(head, n, |out| match f(out) {
        Ok(len) => len,
        Err(_) => {
            ok = false;
            0
        }
    })?;
    if !ok {
        vm.heap.free_addr(o.raw());
        return Err(vm.memory_error());
    }
    Ok(o)
}

/// The value of an exact int object (small or big) as a signed big
/// integer (a small one's digits in `buf`).
#[cfg(not(target_os = "none"))]
#[inline(always)]
fn int_ref<'b>(vm: &Vm, o: Obj, buf: &'b mut [u32; 2]) -> Option<MpzRef<'b>> {
    if let Some(i) = o.as_small_int() {
        // (Normalised at once: no high zero digit for `trimmed` to drop.)
        let m = (i as i64).unsigned_abs();
        *buf = [m as u32, (m >> 32) as u32];
        let n = if m >> 32 != 0 { 2 } else { (m != 0) as usize };
        return Some(MpzRef::new(i < 0, buf.get(..n).unwrap_or(&[])));
    }
    let (neg, d) = vm.int_digits_pinned(o)?;
    Some(MpzRef::new(neg, d))
}

/// `divmod(a, b)` for ints (`b != 0`) on the boards: `a // b` and
/// `a % b`, two divisions but no code of its own.
#[cfg(target_os = "none")]
fn big_divmod(vm: &mut Vm, a: MpzRef<'_>, b: MpzRef<'_>) -> PyResult<Obj> {
    let q = big_binary_op(vm, BinaryOp::FloorDivide, a, b)?;
    let r = big_binary_op(vm, BinaryOp::Modulo, a, b)?;
    vm.new_tuple(&[q, r])
}

/// `divmod(a, b)` for ints (`b != 0`): one division into scratch, then the
/// two results.
#[cfg(not(target_os = "none"))]
fn big_divmod(vm: &mut Vm, a: MpzRef<'_>, b: MpzRef<'_>) -> PyResult<Obj> {
    let (la, lb) = (a.mag.len(), b.mag.len());
    // A quotient the top bits decide: no division (see `fast_refs`).
    if lb >= 3 {
        if let Some(q) = small_quotient(a, b) {
            let r = mod_from_quotient(vm, a, b, q)?;
            let q = q as i64;
            let q = vm.new_int(if a.neg != b.neg { -q } else { q })?;
            return vm.new_tuple(&[q, r]);
        }
    }
    let ql = mpz::div::divmod_q_len(la, lb);
    let rl = mpz::div::divmod_r_len(lb);
    let sl = mpz::div::divmod_scratch_len(la, lb);
    with_digits(vm, ql + rl + sl, |vm, buf| {
        let (q, rest) = buf.split_at_mut(ql.min(buf.len()));
        let (r, s) = rest.split_at_mut(rl.min(rest.len()));
        let (qs, rs) = match mpz::div::divmod(q, r, a, b, s) {
            Ok(x) => x,
            Err(e) => return Err(mpz_error(vm, e)),
        };
        let qo = vm.new_int_mag(qs.neg, q.get(..qs.len).unwrap_or(&[]))?;
        let ro = vm.new_int_mag(rs.neg, r.get(..rs.len).unwrap_or(&[]))?;
        vm.new_tuple(&[qo, ro])
    })
}

/// `a ** b` for ints (`b >= 0`), or (`Err`) what [`big_binary_op`]
/// builds: (sign, bound, scratch, computation).
///
/// Errors: `OverflowError: overflow converting long int to machine word`
/// for exponents beyond a machine word, `MemoryError` for results the
/// heap cannot hold.
#[allow(clippy::type_complexity)]
fn big_pow(vm: &mut Vm, a: MpzRef<'_>, b: MpzRef<'_>) -> PyResult<Result<Obj, (bool, usize, usize, Fill)>> {
    if a.is_zero() {
        return Ok(Ok(Obj::small_int(b.is_zero() as isize)));
    }
    if a.mag == [1] {
        let odd = b.mag.first().is_some_and(|d| d & 1 == 1);
        return Ok(Ok(Obj::small_int(if a.neg && odd { -1 } else { 1 })));
    }
    let e = match mpz::conv::to_u64(b) {
        Some(e) if e <= isize::MAX as u64 => e,
        _ => return Err(crate::types::strutil::word_overflow(vm)),
    };
    let Some(n) = mpz::pow::pow_len(a.mag, e) else { return Err(vm.memory_error()) };
    let s = if mpz::bits::bit_count(a.mag) == 1 {
        0
    } else {
        match mpz::pow::pow_scratch_len(a.mag, e) {
            Some(s) => s,
            None => return Err(vm.memory_error()),
        }
    };
    Ok(Err((a.neg && e & 1 == 1, n, s, Fill::Pow(e))))
}

/// Writes the digits of `a` in `radix` (2..=36; a `-` first if negative,
/// no prefix) to `out`, lower-case letters unless `upper`.
///
/// Errors: `MemoryError` (buffers, or scratch for huge values).
pub fn write_radix(
    vm: &mut Vm,
    out: &mut crate::runtime::print::Out,
    a: MpzRef<'_>,
    radix: u32,
    upper: bool,
) -> PyResult<()> {
    let a = a.trimmed();
    let radix = radix.clamp(2, 36);
    let n = mpz::fmt::to_str_len(a.mag.len(), radix);
    let s = mpz::fmt::to_str_scratch_len(a.mag.len(), radix);
    let (mut digits, mut dv) = ([0u32; STACK_SCRATCH], GcVec::new());
    let (mut bytes, mut bv) = ([0u8; STACK_BYTES], GcVec::new());
    // One body for both buffers (stack or gc heap), no nested closures.
    let r = (|| {
        let scratch = digits_in(vm, s, &mut digits, &mut dv)?;
        let text = bytes_in(vm, n, &mut bytes, &mut bv)?;
        let w = match mpz::fmt::to_str(text, a, radix, upper, scratch) {
            Ok(w) => w,
            Err(e) => return Err(mpz_error(vm, e)),
        };
        out.bytes(vm, text.get(..w).unwrap_or(&[]))
    })();
    vm.heap.free_vec(bv);
    vm.heap.free_vec(dv);
    r
}

/// Desktop `str()`/`hex()`/`oct()`/`bin()` of the big int `o` (an exact
/// int object; None for anything else): a `-` if negative, `prefix`, then
/// the digits in `radix`, written straight into the new str (no output
/// buffer, no copy, no UTF-8 check of the digits).
///
/// Errors: `MemoryError`.
#[cfg(not(target_os = "none"))]
pub fn radix_str(vm: &mut Vm, o: Obj, prefix: &str, radix: u32) -> Option<PyResult<Obj>> {
    if !o.ptr_type().is_some_and(|t| core::ptr::eq(t, &crate::types::int::INT_TYPE)) {
        return None;
    }
    let (neg, mag) = vm.int_digits_pinned(o)?;
    let mag = mpz::trim(mag);
    let radix = radix.clamp(2, 36);
    let n = mpz::fmt::to_str_len(mag.len(), radix);
    let s = mpz::fmt::to_str_scratch_len(mag.len(), radix);
    let total = n.saturating_add(prefix.len() + 1);
    let (mut digits, mut dv) = ([0u32; STACK_SCRATCH], GcVec::new());
    let mut failed = None;
    let r = match digits_in(vm, s, &mut digits, &mut dv) {
        Ok(scratch) => vm.new_str_with_vm(true, total, |_, buf| {
            let head = usize::from(neg) + prefix.len();
            let Some((h, body)) = buf.split_at_mut_checked(head) else { return 0 };
            if let Some((sign, p)) = h.split_first_mut() {
                if neg {
                    *sign = b'-';
                    p.copy_from_slice(prefix.as_bytes());
                } else {
                    h.copy_from_slice(prefix.as_bytes());
                }
            }
            match mpz::fmt::to_str(body, MpzRef::pos(mag), radix, false, scratch) {
                Ok(w) => head + w,
                Err(e) => {
                    failed = Some(e);
                    0
                }
            }
        }),
        Err(e) => Err(e),
    };
    vm.heap.free_vec(dv);
    Some(match (r, failed) {
        (Ok(_), Some(e)) => Err(mpz_error(vm, e)),
        (r, _) => r,
    })
}

#[cfg(all(test, not(target_os = "none")))]
mod tests {
    use super::*;
    use crate::types::num_testutil::{bin, int, show, with_vm};
    use alloc::format;
    use alloc::string::String;
    use alloc::vec::Vec;

    /// The desktop fast paths ([`fast_binary_op`]: digit products and
    /// sums straight into the new int, sums that cancel) agree with the
    /// general path and normalise small results to small ints: signs,
    /// zero, carries into a new digit (top digit times the digit just
    /// below or above 2^32), cancellation down to small ints.
    #[test]
    fn fast_paths_match_general_path() {
        let mut vals: Vec<String> = Vec::new();
        for base in ["18446744073709551616", "79228162514264337593543950335", "79228162514264337593543950336",
            "340282366920938463463374607431768211455", "4294967296", "4294967295",
            "12345678901234567890123456789012345", "237684487542793012780631851008",
            "1000000000000000000000000000000000000000"]
        {
            for d in ["0", "1", "-1", "4294967295", "-4294967296", "9223372036854775807"] {
                vals.push(format!("{base} + {d}"));
            }
        }
        for s in ["0", "1", "-1", "2", "10", "-10", "4294967295", "65536", "65537", "2147483647", "-2147483648",
            "4611686018427387903", "-4611686018427387904", "9223372036854775807"]
        {
            vals.push(String::from(s));
        }
        use BinaryOp::*;
        with_vm(|mut vm| {
            // (Made afresh for each pair: nothing roots a Rust vector.)
            let make = |vm: &mut Vm, s: &str, negative: bool| {
                let (a, b) = s.split_once(" + ").unwrap_or((s, "0"));
                let (a, b) = (int(vm, a), int(vm, b));
                let v = vm.binary_op(Add, a, b).ok().unwrap_or(Obj::NULL);
                if negative {
                    vm.binary_op(Subtract, Obj::small_int(0), v).ok().unwrap_or(Obj::NULL)
                } else {
                    v
                }
            };
            let mut n = 0;
            for sx in &vals {
                for sy in &vals {
                    for (nx, ny) in [(false, false), (true, false), (false, true), (true, true)] {
                        let x = make(&mut vm, sx, nx);
                        let y = make(&mut vm, sy, ny);
                        let ops = [Add, Subtract, Multiply, InplaceMultiply, FloorDivide, Modulo];
                        for op in ops.into_iter().chain([Less, More, Equal, NotEqual, LessEqual, MoreEqual, And, Xor]) {
                            // (The dispatch loop's entry, which also takes the
                            // general path for the other ops, then the
                            // fast path itself.)
                            if let Some(r) = long_binary_op(&mut vm, op, x, y) {
                                let got = show(&mut vm, r);
                                let want = bin(&mut vm, op, x, y);
                                assert_eq!(got, want, "{sx} {op:?} {sy} ({nx} {ny}), long");
                            }
                            // (The dispatch loop's path by op number.)
                            let r = long_op(&mut vm, op as u8, x, y);
                            let got = show(&mut vm, r);
                            let want = bin(&mut vm, op, x, y);
                            assert_eq!(got, want, "{sx} {op:?} {sy} ({nx} {ny}), long_op");
                            let Some(r) = fast_binary_op(&mut vm, op, x, y) else { continue };
                            n += 1;
                            let small = r.as_ref().ok().is_some_and(|o| o.is_small_int());
                            let got = show(&mut vm, r);
                            let want = bin(&mut vm, op, x, y);
                            assert_eq!(got, want, "{sx} {op:?} {sy} ({nx} {ny})");
                            if want != "True" && want != "False" {
                                // A value in the small range is a small int.
                                let v = int(&mut vm, &want);
                                assert_eq!(small, v.is_small_int(), "{want}");
                            }
                        }
                    }
                }
            }
            assert!(n > 10000, "{n}");
        })
    }
}
