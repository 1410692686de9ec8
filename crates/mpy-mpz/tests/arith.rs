//! Differential tests of comparison, addition, multiplication, division and
//! powers against num-bigint, with outputs sized exactly to the bounds.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use mpy_mpz::{add, cmp, div, mul, pow, Error, MpzRef};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, Zero};
use std::cmp::Ordering;

fn check_add_sub(a: &(bool, Vec<u32>), b: &(bool, Vec<u32>)) {
    let (ba, bb) = (to_big(a.0, &a.1), to_big(b.0, &b.1));
    let n = add::add_len(a.1.len(), b.1.len());
    let mut out = buf(n);
    let s = add::add(&mut out, r(a), r(b)).unwrap();
    assert_eq!(result(&out, s), &ba + &bb, "{ba} + {bb}");
    let mut out = buf(n);
    let s = add::sub(&mut out, r(a), r(b)).unwrap();
    assert_eq!(result(&out, s), &ba - &bb, "{ba} - {bb}");
    // In-place accumulation.
    let mut acc = buf(n);
    acc[..a.1.len()].copy_from_slice(&a.1);
    let l = add::add_mag_in_place(&mut acc, a.1.len(), &b.1).unwrap();
    assert_eq!(mag_result(&acc, l), ba.abs() + bb.abs());
    // Outputs of exactly the tight bound (filled with garbage).
    let mut out = buf(add::add_len_tight(r(a), r(b)));
    let s = add::add(&mut out, r(a), r(b)).unwrap();
    assert_eq!(result(&out, s), &ba + &bb, "{ba} + {bb}, tight");
    let nb = MpzRef::new(!b.0, &b.1);
    let mut out = buf(add::add_len_tight(r(a), nb));
    let s = add::sub(&mut out, r(a), r(b)).unwrap();
    assert_eq!(result(&out, s), &ba - &bb, "{ba} - {bb}, tight");
    assert!(add::add_len_tight(r(a), r(b)) <= n);
    assert_eq!(cmp::cmp(r(a), r(b)), ba.cmp(&bb), "cmp {ba} {bb}");
    assert_eq!(cmp::cmp_mag(&a.1, &b.1), ba.abs().cmp(&bb.abs()));
    // The variants for normalised operands, on normalised operands.
    let (na, nb) = (r(a).trimmed(), r(b).trimmed());
    assert_eq!(cmp::cmp_norm(na, nb), ba.cmp(&bb), "cmp_norm {ba} {bb}");
    assert_eq!(cmp::cmp_mag_norm(na.mag, nb.mag), ba.abs().cmp(&bb.abs()));
    // The difference of magnitudes, larger first, into the larger's length.
    let (big, small) = if ba.abs() >= bb.abs() { (&a.1, &b.1) } else { (&b.1, &a.1) };
    let mut out = buf(mpy_mpz::normalized_len(big));
    let l = add::sub_mag_ordered(&mut out, big, small).unwrap();
    assert_eq!(mag_result(&out, l), (ba.abs() - bb.abs()).abs(), "|{ba}| - |{bb}|");
}

fn check_mul(a: &(bool, Vec<u32>), b: &(bool, Vec<u32>)) {
    let (ba, bb) = (to_big(a.0, &a.1), to_big(b.0, &b.1));
    let want = &ba * &bb;
    let n = mul::mul_len(a.1.len(), b.1.len());
    let mut out = buf(n);
    let mut scratch = buf(mul::mul_scratch_len(a.1.len(), b.1.len()));
    let s = mul::mul(&mut out, r(a), r(b), &mut scratch).unwrap();
    assert_eq!(result(&out, s), want, "{} x {} digits", a.1.len(), b.1.len());
    // Without scratch: the schoolbook fallback.
    let mut out = buf(n);
    let s = mul::mul(&mut out, r(a), r(b), &mut []).unwrap();
    assert_eq!(result(&out, s), want);
    // An output of exactly the tight bound, which is exact but for one
    // case in 32, and one digit less is too small when it is exact.
    let t = mul::mul_len_tight(&a.1, &b.1);
    assert!(t <= n);
    let mut out = buf(t);
    let s = mul::mul(&mut out, r(a), r(b), &mut scratch).unwrap();
    assert_eq!(result(&out, s), want, "{} x {} digits, tight", a.1.len(), b.1.len());
    if t > 0 && s.len == t {
        let mut out = buf(t - 1);
        assert_eq!(mul::mul(&mut out, r(a), r(b), &mut scratch), Err(Error::BufferTooSmall));
    }
}

fn check_sqr(a: &(bool, Vec<u32>)) {
    let ba = to_big(a.0, &a.1);
    let n = mul::mul_len(a.1.len(), a.1.len());
    let mut out = buf(n);
    let mut scratch = buf(mul::mul_scratch_len(a.1.len(), a.1.len()));
    let l = mul::mul_mag(&mut out, &a.1, &a.1, &mut scratch).unwrap();
    assert_eq!(mag_result(&out, l), &ba * &ba, "square of {} digits", a.1.len());
    let mut out = buf(n);
    let l = mul::mul_mag(&mut out, &a.1, &a.1, &mut []).unwrap();
    assert_eq!(mag_result(&out, l), &ba * &ba);
    let mut out = buf(mul::mul_len_tight(&a.1, &a.1));
    let l = mul::mul_mag(&mut out, &a.1, &a.1, &mut scratch).unwrap();
    assert_eq!(mag_result(&out, l), &ba * &ba, "square of {} digits, tight", a.1.len());
}

fn check_div(a: &(bool, Vec<u32>), b: &(bool, Vec<u32>)) {
    let (ba, bb) = (to_big(a.0, &a.1), to_big(b.0, &b.1));
    let (la, lb) = (a.1.len(), b.1.len());
    let mut q = buf(div::divmod_q_len(la, lb));
    let mut rm = buf(div::divmod_r_len(lb));
    let mut scratch = buf(div::divmod_scratch_len(la, lb));
    if bb.is_zero() {
        assert_eq!(div::divmod(&mut q, &mut rm, r(a), r(b), &mut scratch), Err(Error::ZeroDivision));
        assert_eq!(div::floordiv(&mut q, r(a), r(b), &mut scratch), Err(Error::ZeroDivision));
        assert_eq!(div::modulo(&mut rm, r(a), r(b), &mut scratch), Err(Error::ZeroDivision));
        return;
    }
    let (wq, wr) = ba.div_mod_floor(&bb);
    let (sq, sr) = div::divmod(&mut q, &mut rm, r(a), r(b), &mut scratch).unwrap();
    assert_eq!(result(&q, sq), wq, "{ba} // {bb}");
    assert_eq!(result(&rm, sr), wr, "{ba} % {bb}");
    let mut q = buf(div::divmod_q_len(la, lb));
    let mut scratch = buf(div::divmod_scratch_len(la, lb));
    let sq = div::floordiv(&mut q, r(a), r(b), &mut scratch).unwrap();
    assert_eq!(result(&q, sq), wq);
    let mut q = buf(div::divmod_q_len(la, lb));
    let mut scratch = buf(div::floordiv_scratch_len(la, lb));
    let sq = div::floordiv(&mut q, r(a), r(b), &mut scratch).unwrap();
    assert_eq!(result(&q, sq), wq, "{ba} // {bb} with floordiv scratch");
    let mut rm = buf(div::divmod_r_len(lb));
    let mut scratch = buf(div::divmod_scratch_len(la, lb));
    let sr = div::modulo(&mut rm, r(a), r(b), &mut scratch).unwrap();
    assert_eq!(result(&rm, sr), wr);
    // Truncating magnitude division.
    let (tq, tr) = ba.abs().div_rem(&bb.abs());
    let mut q = buf(la.saturating_sub(lb) + 1);
    let mut rm = buf(la.min(lb));
    let mut scratch = buf(div::divmod_scratch_len(la, lb));
    let (ql, rl) = div::divmod_mag(&mut q, &mut rm, &a.1, &b.1, &mut scratch).unwrap();
    assert_eq!(mag_result(&q, ql), tq);
    assert_eq!(mag_result(&rm, rl), tr);
    if let [d] = b.1[..] {
        let mut q = buf(la);
        let (ql, rem) = div::divmod_digit_mag(&mut q, &a.1, d).unwrap();
        assert_eq!(mag_result(&q, ql), tq);
        assert_eq!(BigInt::from(rem), tr);
        assert_eq!(BigInt::from(div::rem_digit_mag(&a.1, d).unwrap()), tr);
    }
}

#[test]
fn exhaustive_small() {
    let lim: i64 = if cfg!(miri) { 3 } else { 130 };
    for x in -lim..=lim {
        let a = from_big(&BigInt::from(x));
        for y in -lim..=lim {
            let b = from_big(&BigInt::from(y));
            let mut out = buf(add::add_len(a.1.len(), b.1.len()));
            let s = add::add(&mut out, r(&a), r(&b)).unwrap();
            assert_eq!(result(&out, s), BigInt::from(x + y));
            let s = add::sub(&mut out, r(&a), r(&b)).unwrap();
            assert_eq!(result(&out, s), BigInt::from(x - y));
            let mut out = buf(mul::mul_len(a.1.len(), b.1.len()));
            let s = mul::mul(&mut out, r(&a), r(&b), &mut []).unwrap();
            assert_eq!(result(&out, s), BigInt::from(x * y));
            assert_eq!(cmp::cmp(r(&a), r(&b)), x.cmp(&y));
            assert_eq!(cmp::cmp_i64(r(&a), y), x.cmp(&y));
            if y != 0 {
                let (wq, wr) = py_divmod(x as i128, y as i128);
                let mut q = buf(div::divmod_q_len(a.1.len(), b.1.len()));
                let mut rm = buf(div::divmod_r_len(b.1.len()));
                let (sq, sr) = div::divmod(&mut q, &mut rm, r(&a), r(&b), &mut []).unwrap();
                assert_eq!(result(&q, sq), BigInt::from(wq), "{x} // {y}");
                assert_eq!(result(&rm, sr), BigInt::from(wr), "{x} % {y}");
            }
        }
    }
}

#[test]
fn specials_pairwise() {
    let sp: Vec<_> = specials().iter().map(from_big).collect();
    for a in &sp {
        check_sqr(a);
        for b in &sp {
            check_add_sub(a, b);
            check_mul(a, b);
            check_div(a, b);
        }
    }
}

#[test]
fn random_add_sub_cmp() {
    let mut rng = Rng::new(1);
    for _ in 0..iters(20000) {
        let a = rng.int(80);
        let b = if rng.below(5) == 0 { (rng.bool(), a.1.clone()) } else { rng.int(80) };
        check_add_sub(&a, &b);
    }
}

#[test]
fn random_mul() {
    let mut rng = Rng::new(2);
    for i in 0..iters(4000) {
        let max = if i % 10 == 0 { 400 } else { 140 };
        let a = rng.int(max);
        let b = rng.int(max);
        check_mul(&a, &b);
        if i % 4 == 0 {
            check_sqr(&a);
        }
    }
}

#[test]
fn karatsuba_shapes() {
    // Balanced, nearly balanced, chunked and very unbalanced shapes around
    // and well above the threshold, with worst-case digit patterns.
    let mut rng = Rng::new(3);
    let t = mul::KARATSUBA_THRESHOLD;
    let shapes = [
        (t, t),
        (t + 1, t),
        (2 * t - 1, t),
        (2 * t, t),
        (2 * t + 1, t),
        (3 * t + 5, t + 2),
        (4 * t, 4 * t),
        (4 * t + 1, 3 * t),
        (7 * t + 3, 2 * t + 1),
        (10 * t, t),
        (33 * t, 2 * t + 7),
        (24 * t + 5, 24 * t + 3),
    ];
    let rounds = if cfg!(miri) { 1 } else { 6 };
    let shapes = if cfg!(miri) { &shapes[..7] } else { &shapes[..] };
    for &(la, lb) in shapes {
        for _ in 0..rounds {
            let a = (rng.bool(), rng.mag(la));
            let b = (rng.bool(), rng.mag(lb));
            check_mul(&a, &b);
            check_mul(&b, &a);
            check_sqr(&a);
        }
    }
    // All-ones factors maximise every carry.
    for n in [t, t + 1, 2 * t + 3, 100, 257].into_iter().take(if cfg!(miri) { 2 } else { 5 }) {
        let a = (false, vec![u32::MAX; n]);
        check_mul(&a, &a.clone());
        check_sqr(&a);
    }
}

#[test]
fn huge_mul_and_div() {
    let mut rng = Rng::new(4);
    let sizes: &[usize] = if cfg!(miri) { &[66] } else { &[700, 1500, 3000] };
    for &n in sizes {
        let a = (rng.bool(), rng.mag(n));
        let b = (rng.bool(), rng.mag(n / 2 + 3));
        check_mul(&a, &b);
        check_sqr(&a);
        check_div(&a, &b);
    }
}

#[test]
fn random_div() {
    let mut rng = Rng::new(5);
    for i in 0..iters(20000) {
        let a = rng.int(if i % 10 == 0 { 200 } else { 40 });
        let b = rng.int(if i % 3 == 0 { 3 } else { 40 });
        check_div(&a, &b);
    }
}

#[test]
fn div_qhat_corrections() {
    // Divisors with a top digit just over 2^31 and dividends built to make
    // the quotient estimate overshoot (the "add back" step of algorithm D).
    let mut rng = Rng::new(6);
    for _ in 0..iters(3000) {
        let lb = 2 + rng.below(6) as usize;
        let mut b = rng.mag(lb);
        *b.last_mut().unwrap() = 0x8000_0000 | (rng.below(4) as u32);
        if rng.bool() {
            b[lb - 2] = u32::MAX;
        }
        let bb = to_big(false, &b);
        let ql = 1 + rng.below(5) as usize;
        let q = to_big(false, &rng.mag(ql));
        let off = BigInt::from(rng.below(3)) - 1;
        let a = &bb * &q + &bb - BigInt::from(1) + off;
        let a = from_big(&a);
        check_div(&a, &(rng.bool(), b.clone()));
        check_div(&(true, a.1.clone()), &(false, b));
    }
}

#[test]
fn mul_small_and_digit() {
    let mut rng = Rng::new(7);
    for _ in 0..iters(5000) {
        let la = rng.len(50);
        let a = rng.mag(la);
        let d = rng.mag(1).first().copied().unwrap_or(0);
        let d = if rng.below(4) == 0 { 10 } else { d };
        let add = rng.next_u64() as u32;
        let ba = to_big(false, &a);
        let mut out = buf(a.len() + 1);
        let l = mul::mul_digit_mag(&mut out, &a, d).unwrap();
        assert_eq!(mag_result(&out, l), &ba * d);
        let mut acc = buf(a.len() + 1);
        acc[..a.len()].copy_from_slice(&a);
        let l = mul::mul_small_add_in_place(&mut acc, a.len(), d, add).unwrap();
        assert_eq!(mag_result(&acc, l), &ba * d + add);
        let mut w = a.clone();
        if d != 0 {
            let (l, rem) = div::div_digit_in_place(&mut w, a.len(), d);
            assert_eq!(mag_result(&w, l), &ba / d);
            assert_eq!(BigInt::from(rem), &ba % d);
        }
    }
}

#[test]
fn random_pow() {
    let mut rng = Rng::new(8);
    for i in 0..iters(600) {
        let a = rng.int(if i % 5 == 0 { 6 } else { 2 });
        let e = match rng.below(4) {
            0 => rng.below(4),
            1 => rng.below(40),
            _ => rng.below(if a.1.len() > 2 { 60 } else { 400 }),
        };
        let ba = to_big(a.0, &a.1);
        let n = pow::pow_len(&a.1, e).unwrap();
        let mut out = buf(n);
        let mut scratch = buf(pow::pow_scratch_len(&a.1, e).unwrap());
        let s = pow::pow(&mut out, r(&a), e, &mut scratch).unwrap();
        assert_eq!(result(&out, s), ba.pow(e as u32), "({ba}) ** {e}");
    }
    // Powers of two, +-1 and 0 with huge exponents are cheap.
    for (base, e) in [(2i64, 10_000u64), (-2, 999), (8, 333), (1, u64::MAX), (-1, u64::MAX), (0, u64::MAX), (0, 0), (-7, 0)] {
        let a = from_big(&BigInt::from(base));
        let n = pow::pow_len(&a.1, e).unwrap();
        let mut out = buf(n);
        let mut scratch = buf(pow::pow_scratch_len(&a.1, e).unwrap());
        let s = pow::pow(&mut out, r(&a), e, &mut scratch).unwrap();
        let want = if e > 100_000 {
            BigInt::from(base).pow((e & 1) as u32 + 2)
        } else {
            BigInt::from(base).pow(e as u32)
        };
        assert_eq!(result(&out, s), want, "{base} ** {e}");
    }
    assert_eq!(pow::pow_len(&[3], u64::MAX), None);
}

#[test]
fn random_pow_mod() {
    let mut rng = Rng::new(9);
    for _ in 0..iters(800) {
        let a = rng.int(12);
        let le = rng.len(4);
        let e = rng.mag(le);
        let m = rng.int(10);
        let (ba, be, bm) = (to_big(a.0, &a.1), to_big(false, &e), to_big(m.0, &m.1));
        let lm = m.1.len();
        let mut out = buf(pow::pow_mod_len(lm));
        let mut scratch = buf(pow::pow_mod_scratch_len(a.1.len(), lm));
        let got = pow::pow_mod(&mut out, r(&a), &e, r(&m), &mut scratch);
        if bm.is_zero() {
            assert_eq!(got, Err(Error::ZeroDivision));
            continue;
        }
        let am = bm.abs();
        let mut want = ba.mod_floor(&am).modpow(&be, &am);
        if bm.is_negative() && !want.is_zero() {
            want -= &am;
        }
        assert_eq!(result(&out, got.unwrap()), want, "pow({ba}, {be}, {bm})");
    }
}

#[test]
fn short_buffers_are_errors() {
    let a = (false, vec![u32::MAX; 3]);
    let b = (false, vec![u32::MAX; 2]);
    let mut out = buf(3);
    assert_eq!(add::add(&mut out, r(&a), r(&b)), Err(Error::BufferTooSmall));
    let mut out = buf(4);
    assert_eq!(mul::mul(&mut out, r(&a), r(&b), &mut []), Err(Error::BufferTooSmall));
    let mut q = buf(2);
    let mut rm = buf(1);
    assert_eq!(div::divmod(&mut q, &mut rm, r(&a), r(&b), &mut buf(6)), Err(Error::BufferTooSmall));
    // A divisor longer than a machine word needs scratch.
    let (a, b) = ((false, vec![u32::MAX; 5]), (false, vec![u32::MAX; 3]));
    let short = div::divmod_scratch_len(5, 3) - 1;
    assert_eq!(div::divmod(&mut buf(3), &mut buf(3), r(&a), r(&b), &mut buf(short)), Err(Error::BufferTooSmall));
    // Zero-length everything is fine for zero.
    let z = MpzRef::pos(&[]);
    assert_eq!(add::add(&mut [], z, z).unwrap().len, 0);
    assert_eq!(mul::mul(&mut [], z, z, &mut []).unwrap().len, 0);
    assert_eq!(cmp::cmp(MpzRef::new(true, &[0, 0]), z), Ordering::Equal);
}

#[test]
fn div_limb_corrections() {
    // Divisors of odd and even length (so the 64-bit limb path normalises
    // by a whole digit or not) whose top limb is just over 2^63, and
    // dividends whose running remainders repeat the divisor's top limbs
    // (quotient limbs of 2^64 - 1 and the rare add-back).
    let mut rng = Rng::new(16);
    for i in 0..iters(4000) {
        let lb = 3 + rng.below(8) as usize;
        let mut b = rng.mag(lb);
        let top = if i % 2 == 0 { 0x8000_0000 | rng.below(4) as u32 } else { 1 + rng.below(3) as u32 };
        *b.last_mut().unwrap() = top;
        if rng.bool() {
            b[lb - 2] = if rng.bool() { u32::MAX } else { 0 };
            b[lb - 3] = if rng.bool() { u32::MAX } else { 0 };
        }
        let bb = to_big(false, &b);
        let k = 1 + rng.below(6) as u32;
        let a = match rng.below(4) {
            0 => (&bb << (32 * k)) - BigInt::from(1 + rng.below(3)),
            1 => (&bb << (64 * k)) - &bb + BigInt::from(rng.below(3)),
            2 => {
                let q = to_big(false, &vec![u32::MAX; 2 * k as usize]);
                &bb * &q + &bb - BigInt::from(1 + rng.below(2))
            }
            _ => {
                // The divisor's top digits followed by random ones.
                let mut d = rng.mag(k as usize + lb);
                let n = d.len();
                d[n - lb..].copy_from_slice(&b);
                if rng.bool() {
                    d[n - lb] = d[n - lb].wrapping_sub(1);
                }
                to_big(false, &d)
            }
        };
        let a = from_big(&a);
        check_div(&a, &(rng.bool(), b.clone()));
        check_div(&(true, a.1.clone()), &(false, b));
    }
}

#[test]
fn one_limb_quotients() {
    // Dividends of as many 64-bit limbs as the divisor (one quotient limb,
    // found without a working copy on 64-bit hosts): quotients near 0, 1,
    // 2^32 and 2^64 - 1, exact multiples and one off either way, so the
    // estimate overshoots and the remainder is zero or not.
    let mut rng = Rng::new(18);
    for i in 0..iters(6000) {
        let lb = 3 + rng.below(9) as usize;
        let mut b = rng.mag(lb);
        *b.last_mut().unwrap() = match i % 3 {
            0 => 0x8000_0000 | rng.below(4) as u32,
            1 => 1 + rng.below(3) as u32,
            _ => b[lb - 1].max(1),
        };
        if rng.bool() {
            b[lb - 2] = if rng.bool() { u32::MAX } else { 0 };
            b[lb - 3] = if rng.bool() { u32::MAX } else { 0 };
        }
        let bb = to_big(false, &b);
        let q: u64 = match rng.below(5) {
            0 => rng.below(3),
            1 => u64::MAX - rng.below(3),
            2 => (1 << 32) - 1 + rng.below(3),
            3 => rng.next_u64() >> rng.below(64),
            _ => rng.next_u64(),
        };
        let off = BigInt::from(rng.below(3)) - 1;
        let a: BigInt = &bb * BigInt::from(q) + off;
        let a = if a.is_negative() { -a } else { a };
        // Only dividends of as many limbs as b (a longer one takes the
        // general path, which the other tests cover).
        let a = from_big(&a);
        if a.1.len().div_ceil(2) != lb.div_ceil(2) {
            continue;
        }
        let sb = rng.bool();
        check_div(&a, &(sb, b.clone()));
        check_div(&(true, a.1.clone()), &(sb, b));
    }
}

/// `div::floordiv_small` agrees with num-bigint whenever it answers, and
/// answers for nearly all small quotients: dividends around multiples of
/// the divisor (exact, one off either way, near a multiple of a power of
/// two), both signs, divisors just above 64 bits and long ones, digit
/// boundaries of the bit window, quotients from 0 up to the 2^61 limit.
#[test]
fn small_quotients() {
    let mut rng = Rng::new(29);
    let (mut answered, mut asked) = (0, 0);
    for i in 0..iters(20000) {
        let lb = 3 + rng.below(12) as usize;
        let mut b = rng.mag(lb);
        if b.iter().all(|&d| d == 0) || i % 7 == 0 {
            b[lb - 1] = 1 + rng.below(3) as u32;
        }
        if i % 5 == 0 {
            b[lb - 2] = if rng.bool() { u32::MAX } else { 0 };
        }
        let bb = to_big(false, &b);
        let q: u64 = match rng.below(6) {
            0 => rng.below(3),
            1 => rng.below(11),
            2 => (1 << 61) - rng.below(3),
            3 => (1 << 32) - 1 + rng.below(3),
            _ => rng.next_u64() >> (3 + rng.below(61)),
        };
        let off: BigInt = match rng.below(4) {
            0 => BigInt::from(rng.below(3)) - 1,
            1 => BigInt::from(rng.next_u64()) << (rng.below(64) as usize),
            2 => -(BigInt::from(rng.next_u64()) << (rng.below(64) as usize)),
            _ => BigInt::zero(),
        };
        let a: BigInt = &bb * BigInt::from(q) + off;
        let a = from_big(&a);
        for (sa, sb) in [(false, false), (true, false), (false, true), (true, true)] {
            let (x, y) = ((sa != a.0, a.1.clone()), (sb, b.clone()));
            let (bx, by) = (to_big(x.0, &x.1), to_big(y.0, &y.1));
            let want = bx.div_floor(&by);
            asked += 1;
            // (The variant for normalised operands answers the same.)
            let norm = div::floordiv_small_norm(r(&x).trimmed(), r(&y).trimmed());
            assert_eq!(norm, div::floordiv_small(r(&x), r(&y)), "{bx} // {by}, norm");
            if let Some((neg, got)) = div::floordiv_small(r(&x), r(&y)) {
                answered += 1;
                let got = if neg { -BigInt::from(got) } else { BigInt::from(got) };
                assert_eq!(got, want, "{bx} // {by}");
                assert!(!neg || got.is_negative(), "{bx} // {by}: negative zero");
                check_mod_from_quotient(&x, &y);
            }
        }
    }
    assert!(answered * 10 > asked, "{answered} of {asked}");
    // Random operands (no multiple nearby): nearly always answered.
    let (mut answered, mut asked) = (0, 0);
    for _ in 0..iters(20000) {
        let lb = 3 + rng.below(12) as usize;
        let mut b: Vec<u32> = (0..lb).map(|_| rng.next_u64() as u32).collect();
        b[lb - 1] = b[lb - 1].max(1);
        let mut a: Vec<u32> = (0..=lb).map(|_| rng.next_u64() as u32).collect();
        a[lb] = rng.below(1 << 20) as u32;
        let (x, y) = ((rng.bool(), a), (rng.bool(), b));
        let want = to_big(x.0, &x.1).div_floor(&to_big(y.0, &y.1));
        asked += 1;
        if let Some((neg, got)) = div::floordiv_small(r(&x), r(&y)) {
            answered += 1;
            assert_eq!(if neg { -BigInt::from(got) } else { BigInt::from(got) }, want);
            check_mod_from_quotient(&x, &y);
        }
    }
    assert!(answered * 100 > asked * 99, "{answered} of {asked}");
    // Divisors of at most 64 bits, and quotients past the limit: never.
    let a = (false, vec![1, 2, 3, 4]);
    assert_eq!(div::floordiv_small(r(&a), r(&(false, vec![5, 6]))), None);
    assert_eq!(div::floordiv_small(r(&(false, vec![0, 0, 0, 0, 1 << 29])), r(&(false, vec![0, 0, 1]))), None);
    let z = (true, vec![]);
    assert_eq!(div::floordiv_small(r(&z), r(&(true, vec![0, 0, 1]))), Some((false, 0)));
    assert_eq!(div::floordiv_small(r(&(false, vec![7])), r(&(true, vec![0, 0, 1]))), Some((true, 1)));
}

/// `div::mod_from_quotient` with `floordiv_small`'s quotient (when it
/// is a digit) is Python's `x % y`, with the sign of `y` (zero never
/// negative), in exactly `mod_from_quotient_len` digits.
fn check_mod_from_quotient(x: &(bool, Vec<u32>), y: &(bool, Vec<u32>)) {
    let Some((_, q)) = div::floordiv_small(r(x), r(y)) else { return };
    let Ok(q) = u32::try_from(q) else { return };
    let (bx, by) = (to_big(x.0, &x.1), to_big(y.0, &y.1));
    let lb = mpy_mpz::trim(&y.1).len();
    let mut out = vec![0xdead_beef; div::mod_from_quotient_len(lb)];
    let got = div::mod_from_quotient(&mut out, r(x), r(y), q).unwrap();
    let want = bx.mod_floor(&by);
    assert_eq!(to_big(got.neg, &out[..got.len]), want, "{bx} % {by}");
    assert!(got.len == 0 || out[got.len - 1] != 0, "{bx} % {by}: not normalised");
    assert!(!got.neg || got.len != 0, "{bx} % {by}: negative zero");
    // A buffer one digit short is an error, not a panic.
    let mut short = vec![0; lb];
    assert_eq!(div::mod_from_quotient(&mut short, r(x), r(y), q), Err(Error::BufferTooSmall));
}

#[test]
fn pow_mod_odd_moduli() {
    // Odd moduli take the Montgomery path on 64-bit hosts: odd and even
    // digit counts, lengths up to Karatsuba's, all-ones and 2^k+1 moduli,
    // bases longer than the modulus and exponents with many set bits.
    let mut rng = Rng::new(17);
    let lens: &[usize] = if cfg!(miri) { &[1, 3] } else { &[1, 2, 3, 4, 5, 8, 31, 32, 33, 64, 65, 70] };
    for &lm in lens {
        for round in 0..if cfg!(miri) { 1 } else { 6 } {
            let mut m = match round {
                0 => vec![u32::MAX; lm],
                1 => {
                    let mut v = vec![0; lm];
                    v[lm - 1] = 1;
                    v
                }
                _ => rng.mag(lm),
            };
            m[0] |= 1;
            let m = (rng.bool(), m);
            let la = rng.below(2 * lm as u64 + 3) as usize;
            let a = (rng.bool(), rng.mag(la));
            let le = 1 + rng.below(2) as usize;
            let e = if round == 2 { vec![u32::MAX; 2] } else { rng.mag(le) };
            let (ba, be, bm) = (to_big(a.0, &a.1), to_big(false, &e), to_big(m.0, &m.1));
            let mut out = buf(pow::pow_mod_len(lm));
            let mut scratch = buf(pow::pow_mod_scratch_len(a.1.len(), lm));
            let got = pow::pow_mod(&mut out, r(&a), &e, r(&m), &mut scratch).unwrap();
            let am = bm.abs();
            let mut want = ba.mod_floor(&am).modpow(&be, &am);
            if bm.is_negative() && !want.is_zero() {
                want -= &am;
            }
            assert_eq!(result(&out, got), want, "pow(.., .., m) with {lm} digits, round {round}");
        }
    }
}

/// Digit patterns whose carries and borrows cross between the two digits
/// of a 64-bit limb and between limbs, of every length from 1 to `max`.
fn boundary_values(max: usize) -> Vec<(bool, Vec<u32>)> {
    let mut v = Vec::new();
    for n in 1..=max {
        let patterns: [Vec<u32>; 6] = [
            vec![u32::MAX; n],
            (0..n).map(|i| if i % 2 == 0 { u32::MAX } else { 0 }).collect(),
            (0..n).map(|i| if i % 2 == 1 { u32::MAX } else { 0 }).collect(),
            (0..n).map(|i| if i + 1 == n { 1 } else { 0 }).collect(),
            (0..n).map(|i| if i + 1 == n { 0x8000_0000 } else { u32::MAX }).collect(),
            (0..n).map(|i| 0x9E37_79B9u32.wrapping_mul(i as u32 + 7)).collect(),
        ];
        for (k, mut p) in patterns.into_iter().enumerate() {
            if p.last() == Some(&0) {
                *p.last_mut().unwrap() = 1;
            }
            v.push((k % 2 == 1, p));
        }
    }
    v
}

#[test]
fn limb_boundaries() {
    // Odd and even lengths on both sides: the 64-bit limb loops finish an
    // odd digit with a 32-bit step, which these cover with every carry.
    let vals = boundary_values(if cfg!(miri) { 3 } else { 9 });
    let ones = [(false, vec![1]), (true, vec![1]), (false, vec![u32::MAX]), (false, vec![0, 1]), (false, vec![u32::MAX, u32::MAX])];
    for a in &vals {
        check_sqr(a);
        for b in vals.iter().chain(ones.iter()) {
            check_add_sub(a, b);
            check_mul(a, b);
            check_div(a, b);
            check_div(b, a);
        }
    }
}

/// The entry points for normalised magnitudes (`mul_digit_norm`,
/// `add_mag_norm`, `sub_mag_norm`) agree with the general ones, with
/// carries into a new digit and borrows across limb boundaries (all-ones
/// and power-of-two operands), for odd and even lengths.
#[test]
fn norm_entry_points() {
    let mut rng = Rng::new(11);
    let trimmed = |mut v: Vec<u32>| {
        while v.last() == Some(&0) {
            v.pop();
        }
        v
    };
    for i in 0..iters(4000) {
        let la = 1 + rng.len(40);
        let mut a = rng.mag(la);
        let lb = 1 + rng.len(la);
        let mut b = rng.mag(lb);
        if i % 3 == 0 {
            a.iter_mut().for_each(|x| *x = u32::MAX);
        }
        if i % 5 == 0 {
            b.iter_mut().for_each(|x| *x = u32::MAX);
        }
        let (a, b) = (trimmed(a), trimmed(b));
        if a.is_empty() || b.is_empty() {
            continue;
        }
        let (long, short) = if a.len() >= b.len() { (&a, &b) } else { (&b, &a) };
        let d = match rng.below(4) {
            0 => u32::MAX,
            1 => 10,
            _ => rng.next_u64() as u32,
        };
        let (bl, bs) = (to_big(false, long), to_big(false, short));
        let mut out = buf(long.len() + 1);
        let l = mul::mul_digit_norm(&mut out, long, d).unwrap();
        assert_eq!(mag_result(&out, l), &bl * d);
        assert!(l == 0 || out[l - 1] != 0);
        let mut out = buf(long.len() + 1);
        let l = add::add_mag_norm(&mut out, long, short).unwrap();
        assert_eq!(mag_result(&out, l), &bl + &bs);
        assert!(l == 0 || out[l - 1] != 0);
        let (big, small) = if bl >= bs { (long, short) } else { (short, long) };
        let mut out = buf(big.len());
        let l = add::sub_mag_norm(&mut out, big, small).unwrap();
        assert_eq!(mag_result(&out, l), (&bl - &bs).abs());
        assert!(l == 0 || out[l - 1] != 0);
        // Too short an output is an error, never a panic.
        assert_eq!(add::add_mag_norm(&mut [], long, short), Err(Error::BufferTooSmall));
        assert_eq!(add::sub_mag_norm(&mut [0], &[1], &[1, 1]), Err(Error::BufferTooSmall));
        if d != 0 {
            assert_eq!(mul::mul_digit_norm(&mut [], long, d), Err(Error::BufferTooSmall));
        }
    }
    assert_eq!(mul::mul_digit_norm(&mut [0; 3], &[1, 2], 0), Ok(0));
}
