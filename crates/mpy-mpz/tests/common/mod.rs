//! Shared helpers for the differential tests: a deterministic PRNG, value
//! generators biased to edge cases, and conversions to and from the
//! num-bigint oracle. Outputs and scratch are always allocated at exactly
//! the crate's length bound and filled with garbage first, so every test
//! also checks that the bound suffices and that no stale digit leaks.
#![allow(dead_code)]

use mpy_mpz::{Digit, MpzRef, SignedLen};
use num_bigint::{BigInt, Sign};

/// Number of iterations, reduced under Miri.
pub fn iters(n: usize) -> usize {
    if cfg!(miri) {
        (n / 2000).max(2)
    } else {
        n
    }
}

/// Garbage that fills fresh outputs and scratch.
pub const POISON: Digit = 0xA5C3_5A3C;

/// xorshift64* PRNG.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }
    pub fn bool(&mut self) -> bool {
        self.next_u64() & 1 == 1
    }

    /// A digit count, mostly small, sometimes around the Karatsuba
    /// threshold and above, up to `max`.
    pub fn len(&mut self, max: usize) -> usize {
        const INTERESTING: [usize; 24] =
            [0, 1, 2, 3, 4, 5, 7, 8, 15, 16, 31, 32, 33, 34, 47, 48, 63, 64, 65, 66, 95, 96, 127, 129];
        let n = match self.below(4) {
            0 => INTERESTING[self.below(INTERESTING.len() as u64) as usize],
            1 => self.below(6) as usize,
            _ => self.below(max as u64 + 1) as usize,
        };
        n.min(max)
    }

    /// A magnitude of exactly `n` digits (top digit nonzero) with a random
    /// digit pattern.
    pub fn mag(&mut self, n: usize) -> Vec<Digit> {
        let pattern = self.below(7);
        let mut v: Vec<Digit> = (0..n)
            .map(|_| match pattern {
                0 => u32::MAX,
                1 => {
                    if self.below(8) == 0 {
                        self.next_u64() as u32
                    } else {
                        0
                    }
                }
                2 => {
                    if self.bool() {
                        u32::MAX
                    } else {
                        0
                    }
                }
                3 => [0, 1, u32::MAX, 0x8000_0000, 0x7fff_ffff][self.below(5) as usize],
                _ => self.next_u64() as u32,
            })
            .collect();
        if let Some(top) = v.last_mut() {
            if *top == 0 || self.below(6) == 0 {
                *top = [1, u32::MAX, 0x8000_0000, 2][self.below(4) as usize];
            }
        }
        v
    }

    /// A random signed value of up to `max` digits.
    pub fn int(&mut self, max: usize) -> (bool, Vec<Digit>) {
        let n = self.len(max);
        let m = self.mag(n);
        let neg = !m.is_empty() && self.bool();
        (neg, m)
    }
}

/// Edge values: 0, +-1, digit and double-digit boundaries, powers of two.
pub fn specials() -> Vec<BigInt> {
    let mut v = vec![BigInt::from(0)];
    let one = BigInt::from(1);
    let mut bases: Vec<BigInt> = vec![one.clone(), BigInt::from(2), BigInt::from(3), BigInt::from(10), BigInt::from(1_000_000_000)];
    for bits in [31u32, 32, 33, 63, 64, 65, 95, 96, 128, 160, 1024, 1056] {
        let p = &one << bits;
        bases.push(p.clone());
        bases.push(&p - 1);
        bases.push(&p + 1);
    }
    for b in bases {
        v.push(-b.clone());
        v.push(b);
    }
    if cfg!(miri) {
        // A spread of them: Miri runs each check thousands of times slower.
        v = v.into_iter().step_by(7).collect();
    }
    v
}

pub fn to_big(neg: bool, mag: &[Digit]) -> BigInt {
    let b = BigInt::from_slice(Sign::Plus, mag);
    if neg {
        -b
    } else {
        b
    }
}

pub fn from_big(b: &BigInt) -> (bool, Vec<Digit>) {
    let (sign, mag) = b.to_u32_digits();
    (sign == Sign::Minus, mag)
}

/// The value of a result in an output slice, checking it is normalised.
pub fn result(out: &[Digit], r: SignedLen) -> BigInt {
    assert!(r.len <= out.len(), "length {} past output {}", r.len, out.len());
    let mag = &out[..r.len];
    assert!(mag.last() != Some(&0), "result not normalised");
    assert!(!(r.neg && r.len == 0), "negative zero");
    to_big(r.neg, mag)
}

pub fn mag_result(out: &[Digit], len: usize) -> BigInt {
    result(out, SignedLen { neg: false, len })
}

pub fn buf(n: usize) -> Vec<Digit> {
    vec![POISON; n]
}

pub fn r<'a>(v: &'a (bool, Vec<Digit>)) -> MpzRef<'a> {
    MpzRef::new(v.0, &v.1)
}

/// Python's floor division and modulo of machine ints.
pub fn py_divmod(a: i128, b: i128) -> (i128, i128) {
    let mut q = a / b;
    let mut m = a % b;
    if m != 0 && ((m < 0) != (b < 0)) {
        q -= 1;
        m += b;
    }
    (q, m)
}
