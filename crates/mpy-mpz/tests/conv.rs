//! Differential tests of conversions (machine ints, floats, text, bytes),
//! the hash, gcd and `MpzBuf` against num-bigint and Rust's own
//! correctly rounded float parsing.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use mpy_mpz::{bytes, conv, fmt, gcd, hash, parse, Error, MpzBuf, MpzRef};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{FromPrimitive, One, Signed, ToPrimitive, Zero};

fn check_ints(a: &(bool, Vec<u32>)) {
    let ba = to_big(a.0, &a.1);
    assert_eq!(conv::to_i64(r(a)), ba.to_i64());
    assert_eq!(conv::to_u64(r(a)), ba.to_u64());
    assert_eq!(conv::to_i128(r(a)), ba.to_i128());
    assert_eq!(conv::to_u128(r(a)), ba.to_u128());
    let low: BigInt = ba.mod_floor(&(BigInt::one() << 64u32));
    assert_eq!(conv::to_u64_wrapping(r(a)), low.to_u64().unwrap());
}

fn check_f64(a: &(bool, Vec<u32>)) {
    let ba = to_big(a.0, &a.1);
    // Rust's float parsing is correctly rounded (round-half-even).
    let want: f64 = ba.to_string().parse().unwrap();
    match conv::to_f64(r(a)) {
        Ok(f) => assert_eq!(f.to_bits(), want.to_bits(), "float({ba})"),
        Err(e) => {
            assert_eq!(e, Error::Overflow);
            assert!(want.is_infinite(), "float({ba}) overflowed");
        }
    }
}

fn check_text(a: &(bool, Vec<u32>), radix: u32, upper: bool) {
    let ba = to_big(a.0, &a.1);
    let mut out = vec![0xAAu8; fmt::to_str_len(a.1.len(), radix)];
    let mut scratch = buf(fmt::to_str_scratch_len(a.1.len(), radix));
    let n = fmt::to_str(&mut out, r(a), radix, upper, &mut scratch).unwrap();
    let text = std::str::from_utf8(&out[..n]).unwrap();
    let mut want = ba.to_str_radix(radix);
    if upper {
        want = want.to_uppercase();
    }
    assert_eq!(text, want);
    // And back.
    let digits = text.trim_start_matches('-').as_bytes();
    let mut back = buf(parse::parse_len(digits.len(), radix));
    let l = parse::parse(&mut back, digits, radix).unwrap();
    assert_eq!(mag_result(&back, l), ba.abs(), "parse {text} in {radix}");
}

fn check_bytes(a: &(bool, Vec<u32>), len: usize, big: bool, signed: bool) {
    let ba = to_big(a.0, &a.1);
    let mut out = vec![0x5Au8; len];
    let got = bytes::to_bytes(&mut out, r(a), big, signed);
    let bits = 8 * len as u32;
    let fits = if signed {
        let half = BigInt::one() << bits.saturating_sub(1);
        len > 0 && -&half <= ba && ba < half || len == 0 && ba.is_zero()
    } else {
        !ba.is_negative() && ba < (BigInt::one() << bits)
    };
    if !fits {
        assert_eq!(got, Err(Error::Overflow), "{ba}.to_bytes({len}, signed={signed})");
        return;
    }
    got.unwrap();
    let modv = ba.mod_floor(&(BigInt::one() << bits));
    let mut want = modv.to_bytes_le().1;
    want.resize(len, 0);
    if modv.is_zero() {
        want = vec![0; len];
    }
    if big {
        want.reverse();
    }
    assert_eq!(out, want, "{ba}.to_bytes({len}, big={big}, signed={signed})");
    let mut back = buf(bytes::from_bytes_len(len));
    let s = bytes::from_bytes(&mut back, &out, big, signed).unwrap();
    let want_back = if signed { ba.clone() } else { modv };
    assert_eq!(result(&back, s), want_back);
}

fn py_hash(b: &BigInt) -> i64 {
    let p = (BigInt::one() << 61u32) - 1;
    let r = b.abs().mod_floor(&p).to_i64().unwrap();
    let h = if b.is_negative() { -r } else { r };
    if h == -1 {
        -2
    } else {
        h
    }
}

#[test]
fn machine_ints() {
    for v in [0i128, 1, -1, i64::MAX as i128, i64::MIN as i128, u64::MAX as i128, i128::MAX, i128::MIN, 1 << 64, -(1 << 64)] {
        let mut out = buf(4);
        let s = conv::from_i128(&mut out, v).unwrap();
        assert_eq!(result(&out, s), BigInt::from(v));
        assert_eq!(conv::to_i128(MpzRef::from_result(&out, s)), Some(v));
        if let Ok(x) = i64::try_from(v) {
            let mut out = buf(2);
            let s = conv::from_i64(&mut out, x).unwrap();
            assert_eq!(result(&out, s), BigInt::from(x));
            assert_eq!(conv::to_i64(MpzRef::from_result(&out, s)), Some(x));
        }
    }
    let mut out = buf(4);
    let l = conv::from_u128(&mut out, u128::MAX).unwrap();
    assert_eq!(conv::to_u128(MpzRef::pos(&out[..l])), Some(u128::MAX));
    let l = conv::from_u64(&mut out, u64::MAX).unwrap();
    assert_eq!(conv::to_u64(MpzRef::pos(&out[..l])), Some(u64::MAX));
    for a in specials().iter().map(from_big) {
        check_ints(&a);
    }
    let mut rng = Rng::new(21);
    for _ in 0..iters(5000) {
        check_ints(&rng.int(6));
    }
}

#[test]
fn floats() {
    for a in specials().iter().map(from_big) {
        check_f64(&a);
    }
    let mut rng = Rng::new(22);
    for _ in 0..iters(20000) {
        check_f64(&rng.int(40));
    }
    // Halfway cases: 2^53 + 1 rounds to even, 2^53 + 3 rounds up, and a
    // sticky bit far below breaks the tie.
    let one = BigInt::one();
    for v in [(&one << 53u32) + 1, (&one << 53u32) + 3, (&one << 200u32) + (&one << 147u32), (&one << 200u32) + (&one << 147u32) + 1] {
        check_f64(&from_big(&v));
    }
    // The largest value below 2^1024 that still rounds to f64::MAX, and
    // the smallest that rounds to 2^1024.
    let max = BigInt::from_f64(f64::MAX).unwrap();
    let half_ulp = &one << 970u32;
    check_f64(&from_big(&(&max + &half_ulp - 1)));
    check_f64(&from_big(&(&max + &half_ulp)));
    assert_eq!(conv::to_f64(r(&from_big(&(&max + &half_ulp)))), Err(Error::Overflow));
    assert_eq!(conv::to_f64(r(&from_big(&(&max + &half_ulp - 1)))), Ok(f64::MAX));
}

#[test]
fn from_floats() {
    let mut rng = Rng::new(23);
    let mut samples = vec![0.0, -0.0, 0.5, -0.99, 1.0, -1.5, 2.5e15, 4503599627370497.0, 1e300, -f64::MAX, f64::MAX, f64::MIN_POSITIVE, 5e-324];
    for _ in 0..iters(20000) {
        samples.push(f64::from_bits(rng.next_u64()));
    }
    for f in samples {
        let mut out = buf(conv::F64_LEN);
        match conv::from_f64(&mut out, f) {
            Ok(s) => assert_eq!(result(&out, s), BigInt::from_f64(f.trunc()).unwrap(), "int({f:e})"),
            Err(e) => {
                assert_eq!(e, Error::NotFinite);
                assert!(!f.is_finite());
            }
        }
    }
}

#[test]
fn text() {
    for a in specials().iter().map(from_big) {
        for radix in (2..=36).step_by(if cfg!(miri) { 7 } else { 1 }) {
            check_text(&a, radix, radix % 3 == 0);
        }
    }
    let mut rng = Rng::new(24);
    for i in 0..iters(6000) {
        let a = rng.int(if i % 20 == 0 { 150 } else { 12 });
        let radix = [10, 16, 2, 8][i % 4].max(if i % 5 == 0 { 2 + rng.below(35) as u32 } else { 2 });
        check_text(&a, radix, rng.bool());
    }
    // The length bounds hold for the largest value of each length.
    for n in [1usize, 2, 3, 10, 33, 100] {
        let a = (true, vec![u32::MAX; n]);
        for radix in (2..=36).step_by(if cfg!(miri) { 5 } else { 1 }) {
            check_text(&a, radix, false);
        }
    }
    // parse_len holds for the largest text of each length (all top digits,
    // and leading zeros for the power-of-two radixes).
    for radix in 2..=36u32 {
        let top = std::char::from_digit(radix - 1, radix).unwrap();
        for n in (1..200).step_by(if cfg!(miri) { 37 } else { 1 }) {
            for text in [top.to_string().repeat(n), format!("{}{}", "0".repeat(n / 2), top.to_string().repeat(n - n / 2))] {
                let mut out = buf(parse::parse_len(n, radix));
                let l = parse::parse(&mut out, text.as_bytes(), radix).unwrap();
                assert_eq!(mag_result(&out, l), BigInt::parse_bytes(text.as_bytes(), radix).unwrap());
            }
        }
    }
    // Underscores are skipped; anything else is an error.
    let mut out = buf(4);
    let l = parse::parse(&mut out, b"1_000__000_", 10).unwrap();
    assert_eq!(mag_result(&out, l), BigInt::from(1_000_000));
    assert_eq!(parse::parse(&mut out, b"12a", 10), Err(Error::InvalidDigit));
    assert_eq!(parse::parse(&mut out, b"-1", 10), Err(Error::InvalidDigit));
    assert_eq!(parse::parse(&mut out, b"1", 37), Err(Error::InvalidDigit));
    assert_eq!(parse::parse(&mut out, b"zZ", 36).map(|l| mag_result(&out, l)), Ok(BigInt::from(35 * 36 + 35)));
    assert_eq!(parse::parse(&mut out, b"", 10), Ok(0));
    assert_eq!(fmt::to_str(&mut [0; 8], MpzRef::pos(&[1]), 1, false, &mut []), Err(Error::InvalidDigit));
}

#[test]
fn text_long_values() {
    // Long values take the divide-and-conquer path on 64-bit hosts: the
    // lengths around its threshold and around power-of-two digit counts,
    // powers of the radix (+-1) whose text has long runs of zeros or of
    // top digits at the split points, and the largest value of a length.
    let mut rng = Rng::new(25);
    let lens: &[usize] = if cfg!(miri) { &[120] } else { &[119, 120, 121, 127, 128, 129, 200, 255, 256, 257, 300, 511, 513, 1000, 2100] };
    for &n in lens {
        let radixes = [10, 3 + rng.below(5) as u32 * 2, 2 + rng.below(35) as u32, 36];
        for (j, &radix) in radixes.iter().enumerate() {
            check_text(&(rng.bool(), rng.mag(n)), radix, j % 2 == 0);
            check_text(&(false, vec![u32::MAX; n]), radix, false);
            // radix**e with about n digits, and its neighbours.
            let e = (n as f64 * 32.0 / (radix as f64).log2()) as u32 - 1 - rng.below(40) as u32;
            let p = BigInt::from(radix).pow(e);
            for v in [p.clone(), &p - 1, &p + 1, &p * (radix - 1) + 7] {
                check_text(&from_big(&v), radix, false);
            }
        }
    }
}

#[test]
fn to_from_bytes() {
    let mut rng = Rng::new(25);
    for a in specials().iter().map(from_big) {
        for len in [0, 1, 4, 5, 8, 9, 16, 17, 128, 129, 133].into_iter().step_by(if cfg!(miri) { 3 } else { 1 }) {
            for (big, signed) in [(false, false), (true, false), (false, true), (true, true)] {
                check_bytes(&a, len, big, signed);
            }
        }
    }
    for _ in 0..iters(20000) {
        let a = rng.int(5);
        let len = rng.below(24) as usize;
        check_bytes(&a, len, rng.bool(), rng.bool());
    }
    let lim = if cfg!(miri) { 3 } else { 300 };
    for v in -lim..lim {
        let a = from_big(&BigInt::from(v));
        for len in 0..4 {
            check_bytes(&a, len, v & 1 == 0, true);
            check_bytes(&a, len, v & 2 == 0, false);
        }
    }
}

#[test]
fn hashes() {
    let mut rng = Rng::new(26);
    let mut vals: Vec<_> = specials().iter().map(from_big).collect();
    let p: BigInt = (BigInt::one() << 61u32) - 1;
    let one = BigInt::one();
    for v in [p.clone(), -&p, &p + &one, &p - &one, -(&p + &one), &p * &p, BigInt::from(-1), BigInt::from(-2)] {
        vals.push(from_big(&v));
    }
    for _ in 0..iters(5000) {
        vals.push(rng.int(20));
    }
    for a in &vals {
        let ba = to_big(a.0, &a.1);
        assert_eq!(hash::hash(r(a)), py_hash(&ba), "hash({ba})");
        let p31 = BigInt::from((1u64 << 31) - 1);
        assert_eq!(hash::mag_mod_mersenne(&a.1, 31), ba.abs().mod_floor(&p31).to_u64().unwrap());
    }
    // Small values hash to themselves, except -1.
    let lim = if cfg!(miri) { 3 } else { 1000 };
    for v in -lim..lim {
        let a = from_big(&BigInt::from(v));
        assert_eq!(hash::hash(r(&a)), if v == -1 { -2 } else { v });
    }
}

#[test]
fn gcds() {
    let mut rng = Rng::new(27);
    for _ in 0..iters(3000) {
        let cl = rng.below(4) as usize;
        let common_factor = rng.mag(cl);
        let x = rng.int(10);
        let y = rng.int(10);
        let c = to_big(false, &common_factor).max(BigInt::one());
        let (bx, by) = (to_big(x.0, &x.1) * &c, to_big(y.0, &y.1) * &c);
        let shift = rng.below(70) as usize;
        let (bx, by) = (bx << shift, by << (rng.below(70) as usize));
        let (a, b) = (from_big(&bx), from_big(&by));
        let mut out = buf(gcd::gcd_len(a.1.len(), b.1.len()));
        let mut scratch = buf(gcd::gcd_scratch_len(a.1.len(), b.1.len()));
        let l = gcd::gcd(&mut out, &a.1, &b.1, &mut scratch).unwrap();
        assert_eq!(mag_result(&out, l), bx.gcd(&by), "gcd({bx}, {by})");
    }
}

#[test]
fn mpzbuf() {
    let a = MpzBuf::<4>::parse(b"-123456789012345678901234567890", 10).unwrap();
    assert_eq!(a.to_string(), "-123456789012345678901234567890");
    assert_eq!(format!("{:?}", MpzBuf::<1>::zero()), "0");
    assert_eq!(MpzBuf::<1>::from_u64(u64::MAX), Err(Error::BufferTooSmall));
    let b = MpzBuf::<4>::from_i64(-5).unwrap();
    assert!(a < b && -a > b && b.is_negative());
    let c = MpzBuf::<4>::compute(|out| mpy_mpz::add::add(out, a.as_ref(), b.as_ref())).unwrap();
    assert_eq!(c.to_string(), "-123456789012345678901234567895");
    assert_eq!(MpzBuf::<4>::from_ref(c.as_ref()).unwrap(), c);
    assert_eq!(MpzBuf::<4>::from_i128(i128::MIN).unwrap().to_string(), i128::MIN.to_string());
    let mut rng = Rng::new(28);
    for _ in 0..iters(2000) {
        let v = rng.int(8);
        let m = MpzBuf::<8>::from_ref(r(&v)).unwrap();
        assert_eq!(m.to_string(), to_big(v.0, &v.1).to_string());
    }
    // Full capacity, every chunk boundary.
    let m = MpzBuf::<2>::from_u64(u64::MAX).unwrap();
    assert_eq!(m.to_string(), u64::MAX.to_string());
    assert_eq!(MpzBuf::<3>::parse(b"ffffffffffffffffffffffff", 16).unwrap().to_string(), (BigInt::one() << 96u32).sub_one());
}

trait SubOne {
    fn sub_one(self) -> String;
}
impl SubOne for BigInt {
    fn sub_one(self) -> String {
        (self - BigInt::one()).to_string()
    }
}

#[test]
fn isqrts() {
    use mpy_mpz::sqrt;
    let mut rng = Rng::new(29);
    let mut vals: Vec<_> = specials().iter().map(from_big).collect();
    for _ in 0..iters(3000) {
        vals.push(rng.int(30));
    }
    let one = BigInt::one();
    for k in [1u32, 31, 32, 33, 64, 100, 1000] {
        let p = &one << k;
        let sq = &p * &p;
        for v in [&sq - 1u32, sq.clone(), &sq + 1u32] {
            vals.push(from_big(&v));
        }
    }
    for n in 0..if cfg!(miri) { 20 } else { 3000 } {
        vals.push(from_big(&BigInt::from(n)));
    }
    for a in &vals {
        let ba = to_big(false, &a.1);
        let mut out = buf(sqrt::isqrt_len(a.1.len()));
        let mut scratch = buf(sqrt::isqrt_scratch_len(a.1.len()));
        let l = sqrt::isqrt(&mut out, &a.1, &mut scratch).unwrap();
        assert_eq!(mag_result(&out, l), ba.sqrt(), "isqrt({ba})");
    }
}

#[test]
fn text_chunk_boundaries() {
    // Decimal is converted in chunks of 19 (64-bit) or 9 (32-bit)
    // characters, and parsed in the same chunks: values around powers of
    // ten at and near those sizes, and their negatives.
    for e in (1..=if cfg!(miri) { 20 } else { 80 }).step_by(1) {
        let p = BigInt::from(10).pow(e);
        for v in [p.clone() - 1, p.clone(), p.clone() + 1, &p * 7 + 3] {
            check_text(&from_big(&v), 10, false);
            check_text(&from_big(&-v), 10, false);
        }
    }
}
