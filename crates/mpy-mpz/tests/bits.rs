//! Differential tests of shifts, two's-complement bitwise operations and
//! bit counts against num-bigint (whose `&`, `|`, `^`, `!` on `BigInt` use
//! the same infinite two's-complement semantics as Python).

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use mpy_mpz::{bits, shift};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::Signed;

fn check_bitops(a: &(bool, Vec<u32>), b: &(bool, Vec<u32>)) {
    let (ba, bb) = (to_big(a.0, &a.1), to_big(b.0, &b.1));
    let n = bits::bitop_len(a.1.len(), b.1.len());
    for (op, want) in [
        (bits::BitOp::And, &ba & &bb),
        (bits::BitOp::Or, &ba | &bb),
        (bits::BitOp::Xor, &ba ^ &bb),
    ] {
        let mut out = buf(n);
        let s = bits::bitop(&mut out, op, r(a), r(b)).unwrap();
        assert_eq!(result(&out, s), want, "{ba} {op:?} {bb}");
    }
    let mut out = buf(bits::invert_len(a.1.len()));
    let s = bits::invert(&mut out, r(a)).unwrap();
    assert_eq!(result(&out, s), !ba.clone(), "~{ba}");
}

fn check_shifts(a: &(bool, Vec<u32>), n: usize) {
    let ba = to_big(a.0, &a.1);
    let mut out = buf(shift::shl_len(a.1.len(), n));
    let s = shift::shl(&mut out, r(a), n).unwrap();
    assert_eq!(result(&out, s), &ba << n, "{ba} << {n}");
    let mut out = buf(shift::shr_len(a.1.len(), n));
    let s = shift::shr(&mut out, r(a), n).unwrap();
    let want = ba.div_floor(&(BigInt::from(1) << n));
    assert_eq!(result(&out, s), want, "{ba} >> {n}");
}

fn check_counts(a: &(bool, Vec<u32>)) {
    let ba = to_big(a.0, &a.1);
    assert_eq!(bits::bit_length(&a.1), ba.bits());
    assert_eq!(bits::bit_count(&a.1), ba.magnitude().count_ones());
    assert_eq!(bits::trailing_zeros(&a.1), ba.trailing_zeros());
    for n in [0u64, 1, 31, 32, 33, 63, 64, 100, 1000] {
        assert_eq!(bits::test_bit(&a.1, n), ba.abs().bit(n), "bit {n} of {ba}");
    }
}

#[test]
fn exhaustive_small() {
    let lim: i64 = if cfg!(miri) { 3 } else { 140 };
    for x in -lim..=lim {
        let a = from_big(&BigInt::from(x));
        for y in -lim..=lim {
            let b = from_big(&BigInt::from(y));
            let n = bits::bitop_len(a.1.len(), b.1.len());
            let mut out = buf(n);
            let s = bits::and(&mut out, r(&a), r(&b)).unwrap();
            assert_eq!(result(&out, s), BigInt::from(x & y));
            let s = bits::or(&mut out, r(&a), r(&b)).unwrap();
            assert_eq!(result(&out, s), BigInt::from(x | y));
            let s = bits::xor(&mut out, r(&a), r(&b)).unwrap();
            assert_eq!(result(&out, s), BigInt::from(x ^ y));
        }
        for n in (0..70usize).step_by(if cfg!(miri) { 11 } else { 1 }) {
            let mut out = buf(shift::shr_len(a.1.len(), n));
            let s = shift::shr(&mut out, r(&a), n).unwrap();
            assert_eq!(result(&out, s), BigInt::from(x >> n.min(63)), "{x} >> {n}");
            let mut out = buf(shift::shl_len(a.1.len(), n));
            let s = shift::shl(&mut out, r(&a), n).unwrap();
            assert_eq!(result(&out, s), BigInt::from(x) << n);
        }
        let mut out = buf(bits::invert_len(a.1.len()));
        let s = bits::invert(&mut out, r(&a)).unwrap();
        assert_eq!(result(&out, s), BigInt::from(!x));
    }
}

#[test]
fn specials_pairwise() {
    let sp: Vec<_> = specials().iter().map(from_big).collect();
    for a in &sp {
        check_counts(a);
        for n in [0, 1, 31, 32, 33, 64, 65, 1000, 1056, 1057, 5000] {
            check_shifts(a, n);
        }
        for b in &sp {
            check_bitops(a, b);
        }
    }
}

#[test]
fn random_bitops() {
    let mut rng = Rng::new(11);
    for _ in 0..iters(20000) {
        let a = rng.int(20);
        let b = rng.int(20);
        check_bitops(&a, &b);
        check_counts(&a);
    }
}

#[test]
fn random_shifts() {
    let mut rng = Rng::new(12);
    for _ in 0..iters(20000) {
        let a = rng.int(20);
        let n = match rng.below(3) {
            0 => rng.below(70),
            1 => 32 * rng.below(25),
            _ => rng.below(1000),
        } as usize;
        check_shifts(&a, n);
    }
    // Huge shift counts: right shifts need no room, left shifts refuse.
    let a = (true, vec![5u32]);
    let mut out = buf(shift::shr_len(1, usize::MAX));
    let s = shift::shr(&mut out, r(&a), usize::MAX).unwrap();
    assert_eq!(result(&out, s), BigInt::from(-1));
    assert_eq!(shift::shl_len(1, usize::MAX), usize::MAX / 32 + 2);
    assert_eq!(shift::shl_len(usize::MAX, 64), usize::MAX);
    assert!(shift::shl(&mut buf(4), r(&a), usize::MAX).is_err());
}

#[test]
fn shifts_across_limbs() {
    // Odd and even lengths shifted by amounts around the digit and limb
    // sizes, with patterns that move set bits across both boundaries.
    for n in 1..=if cfg!(miri) { 3 } else { 9 } {
        for a in [vec![u32::MAX; n], (0..n).map(|i| 0x8000_0001u32.rotate_left(i as u32)).collect::<Vec<_>>()] {
            for neg in [false, true] {
                for s in [0, 1, 31, 32, 33, 63, 64, 65, 95, 96, 97, 127, 128, 129] {
                    check_shifts(&(neg, a.clone()), s);
                }
            }
        }
    }
}
