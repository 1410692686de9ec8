//! Micro-benchmark of mpy-mpz against num-bigint: prints a table of the
//! time per operation for each and their ratio (mpz / num-bigint; below 1
//! means mpz is faster). Run with
//! `cargo run --release -p mpy-mpz --example bench` (add `quick` for a
//! shorter run, and a word to run only the rows whose name contains it). Timings, not assertions: nothing here can
//! fail a test.
//!
//! mpz results go into `Vec`s allocated per operation at the crate's
//! length bounds (as the interpreter will allocate from its heap), so both
//! sides pay one allocation per result. Each row alternates short rounds
//! of the two sides and keeps each side's fastest, so that load from
//! other processes does not tilt a ratio. The `pidigits` and `e digits` rows
//! run the bignum loops of `tests/programs/pidigits.py`.
#![allow(clippy::unwrap_used)]

use mpy_mpz::{add, bits, div, fmt, mul, parse, pow, shift, MpzRef};
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{One, Zero};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// `n` zero digits in a fresh allocation. (Allocated and then cleared,
/// not through the allocator's zeroed path, which costs more than the
/// interpreter's heap will and than num-bigint's own allocations.)
#[allow(clippy::slow_vector_initialization)]
fn zeros(n: usize) -> Vec<u32> {
    let mut v = Vec::with_capacity(n);
    v.resize(n, 0);
    v
}

/// `n` zero bytes in a fresh allocation, as [`zeros`].
#[allow(clippy::slow_vector_initialization)]
fn zeros_u8(n: usize) -> Vec<u8> {
    let mut v = Vec::with_capacity(n);
    v.resize(n, 0);
    v
}

/// A heap-allocated mpz value: the shape the interpreter will use.
#[derive(Clone, Debug)]
struct Z {
    neg: bool,
    mag: Vec<u32>,
}

impl Z {
    fn from_i64(v: i64) -> Z {
        let mut out = zeros(2);
        let s = mpy_mpz::conv::from_i64(&mut out, v).unwrap();
        Z::done(out, s)
    }
    fn done(mut out: Vec<u32>, s: mpy_mpz::SignedLen) -> Z {
        out.truncate(s.len);
        Z { neg: s.neg, mag: out }
    }
    fn r(&self) -> MpzRef<'_> {
        MpzRef::new(self.neg, &self.mag)
    }
    fn add(&self, o: &Z) -> Z {
        let mut out = zeros(add::add_len(self.mag.len(), o.mag.len()));
        let s = add::add(&mut out, self.r(), o.r()).unwrap();
        Z::done(out, s)
    }
    fn sub(&self, o: &Z) -> Z {
        let mut out = zeros(add::add_len(self.mag.len(), o.mag.len()));
        let s = add::sub(&mut out, self.r(), o.r()).unwrap();
        Z::done(out, s)
    }
    fn mul(&self, o: &Z) -> Z {
        let (la, lb) = (self.mag.len(), o.mag.len());
        let mut out = zeros(mul::mul_len(la, lb));
        let n = mul::mul_scratch_len(la, lb);
        let mut scratch = if n > 0 { zeros(n) } else { Vec::new() };
        let s = mul::mul(&mut out, self.r(), o.r(), &mut scratch).unwrap();
        Z::done(out, s)
    }
    fn floordiv(&self, o: &Z) -> Z {
        let (la, lb) = (self.mag.len(), o.mag.len());
        let mut q = zeros(div::divmod_q_len(la, lb));
        let n = div::divmod_scratch_len(la, lb);
        let mut scratch = if n > 0 { zeros(n) } else { Vec::new() };
        let s = div::floordiv(&mut q, self.r(), o.r(), &mut scratch).unwrap();
        Z::done(q, s)
    }
    fn modulo(&self, o: &Z) -> Z {
        let (la, lb) = (self.mag.len(), o.mag.len());
        let mut r = zeros(div::divmod_r_len(lb));
        let n = div::divmod_scratch_len(la, lb);
        let mut scratch = if n > 0 { zeros(n) } else { Vec::new() };
        let s = div::modulo(&mut r, self.r(), o.r(), &mut scratch).unwrap();
        Z::done(r, s)
    }
    fn shl(&self, n: usize) -> Z {
        let mut out = zeros(shift::shl_len(self.mag.len(), n));
        let s = shift::shl(&mut out, self.r(), n).unwrap();
        Z::done(out, s)
    }
    fn and(&self, o: &Z) -> Z {
        let mut out = zeros(bits::bitop_len(self.mag.len(), o.mag.len()));
        let s = bits::and(&mut out, self.r(), o.r()).unwrap();
        Z::done(out, s)
    }
    fn pow(&self, e: u64) -> Z {
        let mut out = zeros(pow::pow_len(&self.mag, e).unwrap());
        let mut scratch = zeros(pow::pow_scratch_len(&self.mag, e).unwrap());
        let s = pow::pow(&mut out, self.r(), e, &mut scratch).unwrap();
        Z::done(out, s)
    }
    fn pow_mod(&self, e: &Z, m: &Z) -> Z {
        let mut out = zeros(pow::pow_mod_len(m.mag.len()));
        let mut scratch = zeros(pow::pow_mod_scratch_len(self.mag.len(), m.mag.len()));
        let s = pow::pow_mod(&mut out, self.r(), &e.mag, m.r(), &mut scratch).unwrap();
        Z::done(out, s)
    }
    fn to_text(&self) -> String {
        let mut out = zeros_u8(fmt::to_str_len(self.mag.len(), 10));
        let mut scratch = zeros(fmt::to_str_scratch_len(self.mag.len(), 10));
        let n = fmt::to_str(&mut out, self.r(), 10, false, &mut scratch).unwrap();
        out.truncate(n);
        String::from_utf8(out).unwrap()
    }
    fn parse(text: &str) -> Z {
        let mut out = zeros(parse::parse_len(text.len(), 10));
        let n = parse::parse(&mut out, text.as_bytes(), 10).unwrap();
        out.truncate(n);
        Z { neg: false, mag: out }
    }
    fn eq(&self, o: &Z) -> bool {
        mpy_mpz::cmp::cmp(self.r(), o.r()) == std::cmp::Ordering::Equal
    }
    fn to_i64(&self) -> i64 {
        mpy_mpz::conv::to_i64(self.r()).unwrap()
    }
}

fn to_big(z: &Z) -> BigInt {
    let b = BigInt::from_slice(Sign::Plus, &z.mag);
    if z.neg {
        -b
    } else {
        b
    }
}

/// A pseudo-random value of `n` digits.
fn val(n: usize, seed: u64) -> Z {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mag = (0..n)
        .map(|i| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            if i + 1 == n {
                (x as u32) | 1
            } else {
                x as u32
            }
        })
        .collect();
    Z { neg: false, mag }
}

/// Nanoseconds per call of `f`, run for about `budget`.
fn time(budget: Duration, mut f: impl FnMut()) -> f64 {
    f();
    let mut n = 1u64;
    loop {
        let t = Instant::now();
        for _ in 0..n {
            f();
        }
        let e = t.elapsed();
        if e >= budget {
            return e.as_nanos() as f64 / n as f64;
        }
        n = if e.as_nanos() == 0 { n * 16 } else { (n as f64 * 1.3 * budget.as_nanos() as f64 / e.as_nanos() as f64) as u64 + 1 };
    }
}

fn pidigits_mpz(n: usize) -> Vec<i64> {
    let (mut q, mut r, mut t) = (Z::from_i64(1), Z::from_i64(0), Z::from_i64(1));
    let mut k = 1i64;
    let (three, four, ten, two) = (Z::from_i64(3), Z::from_i64(4), Z::from_i64(10), Z::from_i64(2));
    let mut out = Vec::new();
    while out.len() < n {
        let d = q.mul(&three).add(&r).floordiv(&t);
        if d.eq(&q.mul(&four).add(&r).floordiv(&t)) {
            out.push(d.to_i64());
            r = ten.mul(&r.sub(&d.mul(&t)));
            q = ten.mul(&q);
        } else {
            let kk = Z::from_i64(k);
            let k2 = Z::from_i64(2 * k + 1);
            let nq = q.mul(&kk);
            r = two.mul(&q).add(&r).mul(&k2);
            t = t.mul(&k2);
            q = nq;
            k += 1;
        }
    }
    out
}

fn pidigits_big(n: usize) -> Vec<i64> {
    let (mut q, mut r, mut t) = (BigInt::one(), BigInt::zero(), BigInt::one());
    let mut k = 1i64;
    let mut out = Vec::new();
    while out.len() < n {
        let x3: BigInt = &q * 3 + &r;
        let d = x3.div_floor(&t);
        let x4: BigInt = &q * 4 + &r;
        if d == x4.div_floor(&t) {
            out.push(i64::try_from(&d).unwrap());
            r = (&r - &d * &t) * 10;
            q *= 10;
        } else {
            let nq = &q * k;
            r = (&q * 2 + &r) * (2 * k + 1);
            t *= 2 * k + 1;
            q = nq;
            k += 1;
        }
    }
    out
}

fn e_digits_mpz(n: usize) -> String {
    let scale = Z::from_i64(10).pow(n as u64 + 10);
    let (mut total, mut term, mut k) = (Z::from_i64(0), scale, 0);
    while !term.mag.is_empty() {
        total = total.add(&term);
        k += 1;
        term = term.floordiv(&Z::from_i64(k));
    }
    total.to_text()
}

fn e_digits_big(n: usize) -> String {
    let scale = BigInt::from(10).pow(n as u32 + 10);
    let (mut total, mut term, mut k) = (BigInt::zero(), scale, 0);
    while !term.is_zero() {
        total += &term;
        k += 1;
        term = term.div_floor(&BigInt::from(k));
    }
    total.to_string()
}

/// Alternating rounds per row.
const ROUNDS: u32 = 5;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let quick = args.iter().any(|a| a == "quick");
    let filter = args.iter().find(|a| *a != "quick").cloned().unwrap_or_default();
    let budget = Duration::from_millis(if quick { 40 } else { 250 });
    let mut rows: Vec<(String, f64, f64)> = Vec::new();
    let mut bench = |name: &str, mz: &mut dyn FnMut(), nb: &mut dyn FnMut()| {
        if !name.contains(filter.as_str()) {
            return;
        }
        let (mut a, mut b) = (f64::INFINITY, f64::INFINITY);
        for _ in 0..ROUNDS {
            a = a.min(time(budget / ROUNDS, &mut *mz));
            b = b.min(time(budget / ROUNDS, &mut *nb));
        }
        rows.push((name.to_string(), a, b));
    };

    let small = Z::from_i64(12345);
    for &(la, lb) in &[(2usize, 100usize), (100, 100), (1000, 1000)] {
        let (x, y) = (val(la, 1), val(lb, 2));
        let (bx, by) = (to_big(&x), to_big(&y));
        bench(&format!("add {la}+{lb}"), &mut || { black_box(x.add(&y)); }, &mut || { black_box(&bx + &by); });
    }
    for &(la, lb) in &[(1usize, 100usize), (10, 10), (30, 30), (100, 100), (300, 300), (1000, 1000), (3000, 3000), (3000, 100)] {
        let (x, y) = (val(la, 3), val(lb, 4));
        let (bx, by) = (to_big(&x), to_big(&y));
        bench(&format!("mul {la}x{lb}"), &mut || { black_box(x.mul(&y)); }, &mut || { black_box(&bx * &by); });
    }
    {
        let x = val(1000, 5);
        let bx = to_big(&x);
        bench("square 1000", &mut || { black_box(x.mul(&x)); }, &mut || { black_box(&bx * &bx); });
    }
    for &(la, lb) in &[(100usize, 1usize), (1000, 1), (20, 10), (200, 100), (2000, 1000), (2000, 30)] {
        let (x, y) = (val(la, 6), val(lb, 7));
        let (bx, by) = (to_big(&x), to_big(&y));
        bench(&format!("floordiv {la}/{lb}"), &mut || { black_box(x.floordiv(&y)); }, &mut || { black_box(bx.div_floor(&by)); });
    }
    {
        let (x, m) = (val(200, 8), Z::from_i64(997));
        let (bx, bm) = (to_big(&x), to_big(&m));
        bench("mod 200 % 997", &mut || { black_box(x.modulo(&m)); }, &mut || { black_box(bx.mod_floor(&bm)); });
        let s = small.clone();
        let bs = to_big(&s);
        bench("add small+small", &mut || { black_box(s.add(&s)); }, &mut || { black_box(&bs + &bs); });
    }
    for &n in &[10usize, 100, 1000] {
        let x = val(n, 9);
        let bx = to_big(&x);
        bench(&format!("str() {n} digits"), &mut || { black_box(x.to_text()); }, &mut || { black_box(bx.to_string()); });
        let text = bx.to_string();
        bench(&format!("int(str) {} chars", text.len()), &mut || { black_box(Z::parse(&text)); }, &mut || {
            black_box(BigInt::parse_bytes(text.as_bytes(), 10));
        });
    }
    {
        let x = val(300, 10);
        let bx = to_big(&x);
        bench("hex 300 digits", &mut || {
            let mut out = zeros_u8(fmt::to_str_len(300, 16));
            black_box(fmt::to_str(&mut out, x.r(), 16, false, &mut []).unwrap());
        }, &mut || { black_box(bx.to_str_radix(16)); });
        bench("shl 300 by 77", &mut || { black_box(x.shl(77)); }, &mut || { black_box(&bx << 77); });
        let y = Z { neg: true, mag: val(250, 11).mag };
        let by = to_big(&y);
        bench("and 300 & -250", &mut || { black_box(x.and(&y)); }, &mut || { black_box(&bx & &by); });
    }
    {
        let b = Z::from_i64(3);
        let bb = BigInt::from(3);
        bench("3 ** 20000", &mut || { black_box(b.pow(20000)); }, &mut || { black_box(bb.pow(20000u32)); });
        let (x, e, m) = (val(8, 12), val(8, 13), val(8, 14));
        let (bx, be, bm) = (to_big(&x), to_big(&e), to_big(&m));
        bench("pow(a, e, m) 8 digits", &mut || { black_box(x.pow_mod(&e, &m)); }, &mut || { black_box(bx.modpow(&be, &bm)); });
    }
    {
        assert_eq!(pidigits_mpz(50), pidigits_big(50));
        assert_eq!(e_digits_mpz(100), e_digits_big(100));
        let n = if quick { 100 } else { 300 };
        bench(&format!("pidigits {n}"), &mut || { black_box(pidigits_mpz(n)); }, &mut || { black_box(pidigits_big(n)); });
        bench("e digits 1000", &mut || { black_box(e_digits_mpz(1000)); }, &mut || { black_box(e_digits_big(1000)); });
    }

    println!("{:<24} {:>14} {:>14} {:>8}", "operation", "mpz ns/op", "num-bigint", "ratio");
    for (name, a, b) in &rows {
        println!("{:<24} {:>14.1} {:>14.1} {:>8.2}", name, a, b, a / b);
    }
    let geo = (rows.iter().map(|(_, a, b)| (a / b).ln()).sum::<f64>() / rows.len() as f64).exp();
    println!("{:<24} {:>14} {:>14} {:>8.2}", "geometric mean", "", "", geo);
}
