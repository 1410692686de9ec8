//! Small unsigned big integers in caller-provided digit slices: just what
//! the exact conversions need (multiply by small factors and powers of 5,
//! shift, compare, subtract). Every operation that could outgrow the slice
//! returns `None` instead.

use crate::Ex;
use core::cmp::Ordering;

/// An unsigned integer: `d[..n]`, little-endian 32-bit digits, with no
/// high zero digit (`n == 0` is zero).
pub struct Big<'a> {
    d: &'a mut [u32],
    n: usize,
}

impl<'a> Big<'a> {
    /// `v` in the digits `d`.
    pub fn from_u64(d: &'a mut [u32], v: u64) -> Option<Big<'a>> {
        let mut b = Big { d, n: 0 };
        b.mul_add(1, (v >> 32) as u32)?;
        b.shl(32)?;
        b.mul_add(1, v as u32)?;
        Some(b)
    }

    /// `self = self * m + a`.
    pub fn mul_add(&mut self, m: u32, a: u32) -> Option<()> {
        let mut carry = a as u64;
        for x in self.d.iter_mut().take(self.n) {
            let v = *x as u64 * m as u64 + carry;
            *x = v as u32;
            carry = v >> 32;
        }
        if carry != 0 {
            *self.d.get_mut(self.n)? = carry as u32;
            self.n += 1;
        }
        Some(())
    }

    /// `self *= 5**k`.
    pub fn mul_pow5(&mut self, mut k: u32) -> Option<()> {
        // 5**13 is the largest power of 5 below 2**32.
        while k >= 13 {
            self.mul_add(1_220_703_125, 0)?;
            k -= 13;
        }
        self.mul_add(crate::ipow(5, k) as u32, 0)
    }

    /// Significant bits.
    pub fn bit_len(&self) -> Ex {
        match self.n.checked_sub(1).and_then(|i| self.d.get(i)) {
            Some(&top) => (self.n as Ex - 1) * 32 + (32 - top.leading_zeros()) as Ex,
            None => 0,
        }
    }

    /// `self <<= s`: the bits in place (a carry digit on top), then whole
    /// digits up.
    pub fn shl(&mut self, s: u32) -> Option<()> {
        let (words, bits) = ((s / 32) as usize, s % 32);
        let mut carry = 0u32;
        for x in self.d.iter_mut().take(self.n) {
            let v = (*x as u64) << bits;
            *x = v as u32 | carry;
            carry = (v >> 32) as u32;
        }
        if carry != 0 {
            *self.d.get_mut(self.n)? = carry;
            self.n += 1;
        }
        if words > 0 && self.n > 0 {
            let n = self.n + words;
            if n > self.d.len() {
                return None;
            }
            for i in (0..self.n).rev() {
                let v = self.d.get(i).copied().unwrap_or(0);
                if let Some(x) = self.d.get_mut(i + words) {
                    *x = v;
                }
            }
            for x in self.d.iter_mut().take(words) {
                *x = 0;
            }
            self.n = n;
        }
        Some(())
    }

    fn trim(&mut self) {
        while self.n > 0 && self.d.get(self.n - 1) == Some(&0) {
            self.n -= 1;
        }
    }

    /// The value, if it fits 128 bits.
    #[cfg(target_pointer_width = "64")]
    pub fn to_u128(&self) -> Option<u128> {
        if self.n > 4 {
            return None;
        }
        Some(self.digits().iter().rev().fold(0u128, |acc, &x| (acc << 32) | x as u128))
    }

    /// `self <<= 1` (the boards: [`Big::shl`]'s code).
    #[cfg(target_os = "none")]
    fn shl1(&mut self) -> Option<()> {
        self.shl(1)
    }

    /// `self <<= 1`.
    #[cfg(not(target_os = "none"))]
    fn shl1(&mut self) -> Option<()> {
        let mut carry = 0u32;
        for x in self.d.iter_mut().take(self.n) {
            let v = *x;
            *x = (v << 1) | carry;
            carry = v >> 31;
        }
        if carry != 0 {
            *self.d.get_mut(self.n)? = carry;
            self.n += 1;
        }
        Some(())
    }

    /// Zero?
    pub fn is_zero(&self) -> bool {
        self.n == 0
    }

    fn digits(&self) -> &[u32] {
        self.d.get(..self.n).unwrap_or(&[])
    }

    /// Compares the values.
    pub fn cmp(&self, o: &Big<'_>) -> Ordering {
        self.n.cmp(&o.n).then_with(|| self.digits().iter().rev().cmp(o.digits().iter().rev()))
    }

    /// `self -= o` (`self >= o`).
    pub fn sub(&mut self, o: &Big<'_>) {
        let mut borrow = 0u64;
        for (i, x) in self.d.iter_mut().take(self.n).enumerate() {
            let y = o.digits().get(i).copied().unwrap_or(0) as u64;
            let v = (*x as u64).wrapping_sub(y).wrapping_sub(borrow);
            *x = v as u32;
            borrow = (v >> 63) & 1;
        }
        self.trim();
    }
}

/// `n / m` where the quotient has at most `nbits` (<= 63) bits: the
/// quotient, how twice the remainder compares with `m`, and whether the
/// remainder is nonzero. `n` and `m` are used up.
pub fn ratio(n: &mut Big<'_>, m: &mut Big<'_>, nbits: u32) -> Option<(u64, Ordering, bool)> {
    // The common case on 64-bit hosts: one machine division (32-bit
    // targets would link a 128-bit division routine; they take the loop).
    #[cfg(target_pointer_width = "64")]
    if let (Some(a), Some(b)) = (n.to_u128(), m.to_u128()) {
        let q = a.checked_div(b)?;
        let r = a - q * b;
        if q >> nbits.min(63) != 0 {
            return None;
        }
        return Some((q as u64, r.cmp(&(b - r)), r != 0));
    }
    m.shl(nbits)?;
    quotient(n, m, nbits)
}

/// `r / t` where `t` is the divisor times `2**nbits` and `r < t` (so the
/// quotient has at most `nbits` bits): the quotient, how twice the
/// remainder compares with the divisor, and whether the remainder is
/// nonzero. `r` is used up.
fn quotient(r: &mut Big<'_>, t: &Big<'_>, nbits: u32) -> Option<(u64, Ordering, bool)> {
    if nbits > 63 || r.cmp(t) != Ordering::Less {
        return None;
    }
    let mut q = 0u64;
    // Invariant: r = 2**j * (dividend - q * divisor) after j steps, < t.
    for _ in 0..nbits {
        r.shl1()?;
        q <<= 1;
        if r.cmp(t) != Ordering::Less {
            r.sub(t);
            q |= 1;
        }
    }
    let nonzero = !r.is_zero();
    r.shl1()?;
    Some((q, r.cmp(t), nonzero))
}
