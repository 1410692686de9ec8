//! CPython's hash of an int, so the core can choose it.
//!
//! CPython defines `hash(n)` for an int as `sign(n) * (|n| mod P)` with the
//! Mersenne prime `P = 2**61 - 1` on 64-bit builds (`2**31 - 1` on 32-bit
//! ones; `sys.hash_info.modulus`), except that a result of `-1` becomes
//! `-2` (CPython reserves -1 for errors). So `hash(n) == n` for
//! `|n| < P`, `n != -1`. (MicroPython hashes small ints as themselves,
//! `hash(-1) == -1` included; the core decides which rule it follows.)

use crate::{Digit, MpzRef};

/// CPython's 64-bit int hash: `sign * (|a| mod (2**61 - 1))`, with `-1`
/// mapped to `-2`.
pub fn hash(a: MpzRef<'_>) -> i64 {
    hash_with(a, 61)
}

/// CPython's int hash for modulus `2**bits - 1` (`bits` in 2..=62; 61 for
/// 64-bit CPython, 31 for 32-bit), with `-1` mapped to `-2`.
pub fn hash_with(a: MpzRef<'_>, bits: u32) -> i64 {
    let bits = bits.clamp(2, 62);
    let r = mag_mod_mersenne(a.mag, bits) as i64;
    let h = if a.neg { -r } else { r };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `|a| mod (2**bits - 1)` for `bits` in 2..=62, from the top digit down:
/// since `2**bits == 1` (mod P), multiplying by `2**32` is a rotation of
/// the `bits`-bit residue.
pub fn mag_mod_mersenne(a: &[Digit], bits: u32) -> u64 {
    let bits = bits.clamp(2, 62);
    let p: u64 = (1 << bits) - 1;
    let rot = 32 % bits;
    let reduce = |mut x: u64| {
        while x > p {
            x = (x & p) + (x >> bits);
        }
        if x == p {
            0
        } else {
            x
        }
    };
    let mut h: u64 = 0;
    for &d in a.iter().rev() {
        let r = if rot == 0 { h } else { ((h << rot) & p) | (h >> (bits - rot)) };
        h = reduce(r + reduce(d as u64));
    }
    h
}
