//! Desktop fast paths for int binary ops whose operands fit 64 bits: a
//! small int, or a big int of at most two 32-bit digits (a product of two
//! 32-bit numbers, the usual linear congruential generator state). The
//! result is computed in `i128` and comes back as a small int when it
//! fits, else as a big int built straight from its digits: no `Num`
//! decoding, type-slot dispatch or `mpy-mpz` work.
//!
//! The dispatch loop calls [`binary_op`] when a bytecode binary op's
//! small-int path did not apply and both operands are ints
//! ([`is_int`]); `None` sends the op down the general path (which also
//! raises the errors: division by zero, negative shift counts).
//!
//! Desktop only: the boards keep the general path (flash size).

#[cfg(feature = "bigint")]
use super::int::IntHead;
use super::int::INT_TYPE;
#[cfg(feature = "bigint")]
use crate::obj::ObjBase;
use crate::obj::Obj;
use crate::state::Vm;
use crate::typ::BinaryOp;
use crate::PyResult;

/// Is `o` a small int or an exact int object (not a bool, not a subclass
/// instance)? Cheap enough to test before every general binary op.
#[inline(always)]
pub fn is_int(o: Obj) -> bool {
    o.is_small_int() || o.ptr_type().is_some_and(|t| core::ptr::eq(t, &INT_TYPE))
}

/// The value of int `o` (see [`is_int`]) if it fits an `i64`.
#[inline(always)]
fn as_i64(vm: &Vm, o: Obj) -> Option<i64> {
    if let Some(i) = o.as_small_int() {
        return Some(i as i64);
    }
    let (neg, d) = vm.int_digits_pinned(o)?;
    let m = match *d {
        [] => 0,
        [a] => a as u64,
        [a, b] => (a as u64) | ((b as u64) << 32),
        _ => return None,
    };
    if neg {
        // Down to -2**63.
        (m <= 1 << 63).then(|| (m as i64).wrapping_neg())
    } else {
        i64::try_from(m).ok()
    }
}

/// An int object of value `v`: a small int if it fits, else a big int of
/// up to four digits.
///
/// Errors: `MemoryError`.
#[cfg(feature = "bigint")]
#[inline]
fn new_int(vm: &mut Vm, v: i128) -> PyResult<Obj> {
    if v >= Obj::SMALL_INT_MIN as i128 && v <= Obj::SMALL_INT_MAX as i128 {
        return Ok(Obj::small_int(v as isize));
    }
    let m = v.unsigned_abs();
    let d = [m as u32, (m >> 32) as u32, (m >> 64) as u32, (m >> 96) as u32];
    // Outside the small range: at least 2 digits on 64-bit hosts, at
    // least 1 on 32-bit ones (`m` is not 0).
    let n = (128 - m.leading_zeros() as usize).div_ceil(32);
    let head = IntHead { base: ObjBase::new(&INT_TYPE), neg: v < 0 };
    // (Digit by digit: no `memcpy` call for a length known only here.)
    let fill = |items: &mut [u32]| match items {
        [x] => *x = d[0],
        [x, y] => (*x, *y) = (d[0], d[1]),
        [x, y, z] => (*x, *y, *z) = (d[0], d[1], d[2]),
        [x, y, z, w] => (*x, *y, *z, *w) = (d[0], d[1], d[2], d[3]),
        _ => {}
    };
    // Desktop: one or two blocks from the allocator's fast path, written
    // inline.
    #[cfg(not(target_os = "none"))]
    {
        use crate::heap::var;
        let bytes = var::items_offset::<IntHead>() + n * core::mem::size_of::<u32>();
        if let Some(f) = vm.alloc_room_fast_for(bytes, var::no_scan::<IntHead>()) {
            let (o, items) = var::write_var_items(f, head, n);
            fill(items);
            return Ok(o);
        }
    }
    vm.alloc_var_with(head, n, |items| {
        fill(items);
        n
    })
}

/// Without big ints: a small int, or `OverflowError: small int overflow`.
#[cfg(not(feature = "bigint"))]
#[inline]
fn new_int(vm: &mut Vm, v: i128) -> PyResult<Obj> {
    vm.new_int_i128(v)
}

/// `a op b` for two ints (see [`is_int`]) with `opn` a bytecode binary op
/// number (in-place ops as the plain op). None when an operand does not
/// fit 64 bits or the op (or its error) needs the general path.
///
/// Errors: `MemoryError`.
#[inline(always)]
pub fn binary_op(vm: &mut Vm, opn: u8, a: Obj, b: Obj) -> Option<PyResult<Obj>> {
    let (Some(x), Some(y)) = (as_i64(vm, a), as_i64(vm, b)) else {
        // Wider ints: the big-int arithmetic, directly.
        #[cfg(all(feature = "bigint", not(target_os = "none")))]
        return super::int_ops::big::fast_binary_op(vm, BinaryOp::from_u8(opn)?.non_inplace(), a, b);
        #[cfg(not(all(feature = "bigint", not(target_os = "none"))))]
        return None;
    };
    i64_op(vm, opn, x, y)
}

/// Which of the dispatch loop's int paths a binary op on `a` and `b`
/// takes: None unless both are ints ([`is_int`]), Some(true) when both
/// have at most two digits ([`int64_op`]), Some(false) when one is longer
/// (the big-int arithmetic). Desktop only.
#[cfg(not(target_os = "none"))]
#[inline(always)]
pub fn int_pair_kind(vm: &Vm, a: Obj, b: Obj) -> Option<bool> {
    let len = |o: Obj| if o.is_small_int() { Some(0) } else { vm.int_digits_pinned(o).map(|(_, d)| d.len()) };
    // (Not an int: settled by the first operand alone, most often.)
    let x = len(a)?;
    let y = len(b)?;
    Some(x.max(y) <= 2)
}

/// The dispatch loop's path for binary op number `opn` on two ints of at
/// most two digits each (see [`int_pair_kind`]): [`binary_op`], else the
/// general [`Vm::binary_op`] (other ops, errors). Desktop only.
///
/// Errors: as [`Vm::binary_op`]; a bad op number is bad code.
#[cfg(not(target_os = "none"))]
#[inline(never)]
pub fn int64_op(vm: &mut Vm, opn: u8, a: Obj, b: Obj) -> PyResult<Obj> {
    if let Some(r) = binary_op(vm, opn, a, b) {
        return r;
    }
    match BinaryOp::from_u8(opn) {
        Some(op) => vm.binary_op(op, a, b),
        None => Err(crate::vm::dispatch::bad_code(vm)),
    }
}


/// `x op y` for binary op number `opn` (in-place ops as the plain op) of
/// two ints that fit 64 bits: None for the ops (and errors) the general
/// path does.
///
/// Errors: `MemoryError`.
#[inline(always)]
fn i64_op(vm: &mut Vm, opn: u8, x: i64, y: i64) -> Option<PyResult<Obj>> {
    use crate::typ::opn::*;
    const _: () = assert!(BinaryOp::InplaceOr as u8 + 13 == BinaryOp::Or as u8);
    const _: () = assert!(BinaryOp::InplacePower as u8 + 13 == BinaryOp::Power as u8);
    let p = if (IOR..=IPOW).contains(&opn) { opn + 13 } else { opn };
    let (wx, wy) = (x as i128, y as i128);
    let r: i128 = match p {
        LT => return Some(Ok(Obj::bool(x < y))),
        GT => return Some(Ok(Obj::bool(x > y))),
        EQ => return Some(Ok(Obj::bool(x == y))),
        NE => return Some(Ok(Obj::bool(x != y))),
        LE => return Some(Ok(Obj::bool(x <= y))),
        GE => return Some(Ok(Obj::bool(x >= y))),
        ADD => wx + wy,
        SUB => wx - wy,
        MUL => wx * wy,
        AND => (x & y) as i128,
        OR => (x | y) as i128,
        XOR => (x ^ y) as i128,
        FDIV | MOD if y != 0 => {
            // (In 64 bits but for `-2**63 // -1`: no 128-bit division.)
            let (q, m) = if y == -1 { (-wx, 0) } else { ((x / y) as i128, (x % y) as i128) };
            let adjust = m != 0 && ((m < 0) != (wy < 0));
            match (p == FDIV, adjust) {
                (true, false) => q,
                (true, true) => q - 1,
                (false, false) => m,
                (false, true) => m + wy,
            }
        }
        RSH if y >= 0 => (x >> y.min(63)) as i128,
        // |x| <= 2**63, so shifts below 64 fit an i128.
        LSH if (0..64).contains(&y) => wx << y,
        _ => return None,
    };
    Some(new_int(vm, r))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::testutil::vm;

    fn int(vm: &mut Vm, v: i128) -> Obj {
        vm.new_int_i128(v).unwrap()
    }

    fn val(vm: &Vm, o: Obj) -> i128 {
        if let Some(i) = o.as_small_int() {
            return i as i128;
        }
        let (neg, d) = vm.int_digits_pinned(o).unwrap();
        let m = d.iter().rev().fold(0u128, |acc, &x| (acc << 32) | x as u128) as i128;
        if neg {
            -m
        } else {
            m
        }
    }

    /// Python's `x % y` (the sign of `y`).
    fn py_mod(x: i128, y: i128) -> i128 {
        let m = x.rem_euclid(y);
        if y < 0 && m != 0 {
            m + y
        } else {
            m
        }
    }

    #[test]
    fn matches_i128_arithmetic() {
        let (mut vm, _hal) = vm();
        let vals: [i128; 12] = [
            0,
            1,
            -7,
            12345,
            Obj::SMALL_INT_MAX as i128,
            Obj::SMALL_INT_MIN as i128,
            Obj::SMALL_INT_MAX as i128 + 1,
            Obj::SMALL_INT_MIN as i128 - 1,
            1103515245 * 2147483647,
            i64::MAX as i128,
            i64::MIN as i128,
            -(1 << 40) * 3,
        ];
        let ops = [
            BinaryOp::Add,
            BinaryOp::Subtract,
            BinaryOp::Multiply,
            BinaryOp::And,
            BinaryOp::Or,
            BinaryOp::Xor,
            BinaryOp::FloorDivide,
            BinaryOp::Modulo,
            BinaryOp::InplaceAdd,
        ];
        for &x in &vals {
            for &y in &vals {
                let (a, b) = (int(&mut vm, x), int(&mut vm, y));
                for op in ops {
                    let r = binary_op(&mut vm, op as u8, a, b);
                    let want = match op.non_inplace() {
                        BinaryOp::Add => Some(x + y),
                        BinaryOp::Subtract => Some(x - y),
                        BinaryOp::Multiply => Some(x * y),
                        BinaryOp::And => Some(x & y),
                        BinaryOp::Or => Some(x | y),
                        BinaryOp::Xor => Some(x ^ y),
                        BinaryOp::FloorDivide if y != 0 => Some((x - py_mod(x, y)) / y),
                        BinaryOp::Modulo if y != 0 => Some(py_mod(x, y)),
                        _ => None,
                    };
                    match (r, want) {
                        (Some(r), Some(w)) => {
                            let r = r.unwrap();
                            assert_eq!(val(&vm, r), w, "{x} {op:?} {y}");
                            let small = w >= Obj::SMALL_INT_MIN as i128 && w <= Obj::SMALL_INT_MAX as i128;
                            assert_eq!(r.is_small_int(), small, "{x} {op:?} {y}: normalised");
                        }
                        (None, None) => {}
                        (r, w) => panic!("{x} {op:?} {y}: {:?} vs {w:?}", r.map(|r| r.map(|o| val(&vm, o)))),
                    }
                }
                let lt = binary_op(&mut vm, BinaryOp::Less as u8, a, b).unwrap().unwrap();
                assert_eq!(lt, Obj::bool(x < y));
                let eq = binary_op(&mut vm, BinaryOp::Equal as u8, a, b).unwrap().unwrap();
                assert_eq!(eq, Obj::bool(x == y));
            }
        }
    }

    #[test]
    fn shifts_and_wide_operands() {
        let (mut vm, _hal) = vm();
        let a = int(&mut vm, -(1i128 << 62) - 5);
        let r = binary_op(&mut vm, BinaryOp::Rshift as u8, a, Obj::small_int(3)).unwrap().unwrap();
        assert_eq!(val(&vm, r), (-(1i128 << 62) - 5) >> 3);
        let r = binary_op(&mut vm, BinaryOp::Lshift as u8, a, Obj::small_int(63)).unwrap().unwrap();
        assert_eq!(val(&vm, r), (-(1i128 << 62) - 5) << 63);
        // Negative shift counts and zero divisors take the general path.
        assert!(binary_op(&mut vm, BinaryOp::Rshift as u8, a, Obj::small_int(-1)).is_none());
        assert!(binary_op(&mut vm, BinaryOp::Modulo as u8, a, Obj::small_int(0)).is_none());
        // Three digits do not fit 64 bits: the big-int path (desktop) or the
        // general one (boards) answers.
        let big = int(&mut vm, 1i128 << 70);
        match binary_op(&mut vm, BinaryOp::Add as u8, big, Obj::small_int(1)) {
            Some(r) => assert_eq!(val(&vm, r.unwrap()), (1i128 << 70) + 1),
            None => assert!(cfg!(target_os = "none")),
        }
        // -2**63 fits; 2**63 does not.
        let m = int(&mut vm, i64::MIN as i128);
        let r = binary_op(&mut vm, BinaryOp::Subtract as u8, m, Obj::small_int(1)).unwrap().unwrap();
        assert_eq!(val(&vm, r), i64::MIN as i128 - 1);
        let p = int(&mut vm, 1i128 << 63);
        match binary_op(&mut vm, BinaryOp::Add as u8, p, Obj::small_int(1)) {
            Some(r) => assert_eq!(val(&vm, r.unwrap()), (1i128 << 63) + 1),
            None => assert!(cfg!(target_os = "none")),
        }
    }
}
