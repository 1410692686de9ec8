//! 64-bit limb kernels for 64-bit hosts.
//!
//! Magnitudes stay little-endian `u32` digits; these loops read and write
//! them two at a time as one `u64` limb (a `[u32; 2]` chunk, low digit
//! first), so a host with a 64x64->128 multiplier does a quarter of the
//! multiplications and half the carry steps of the digit loops. The
//! `*_n`/`*_1` kernels work on whole limbs; the functions on digit slices
//! (`add_to`, `add_assign`, `mul_digit_to`, `school`, the shifts, ...)
//! take any length and finish an odd digit at the end with a 32-bit step. Like [`crate::digits`], every loop zips its slices, so no
//! index can go out of bounds: a broken length precondition gives a wrong
//! value, never a panic.

use crate::Digit;

/// Two digits, the low one first: one limb in memory.
pub(crate) type L2 = [Digit; 2];

/// The limb stored in `x`.
#[inline(always)]
pub(crate) fn ld(x: &L2) -> u64 {
    let [lo, hi] = *x;
    lo as u64 | (hi as u64) << 32
}

/// Stores limb `v` into `x`.
#[inline(always)]
pub(crate) fn st(x: &mut L2, v: u64) {
    *x = [v as Digit, (v >> 32) as Digit];
}

/// The value of a magnitude of at most two digits (high zeros allowed).
#[inline(always)]
pub(crate) fn small(a: &[Digit]) -> Option<u64> {
    match *a {
        [] => Some(0),
        [x] => Some(x as u64),
        [x, y] => Some(x as u64 | (y as u64) << 32),
        _ => None,
    }
}

/// Writes `v` at the start of `out` as a normalised magnitude; returns its
/// length. Errors: [`crate::Error::BufferTooSmall`] if it does not fit.
#[inline(always)]
pub(crate) fn write_small(out: &mut [Digit], v: u128) -> Result<usize, crate::Error> {
    let n = (128 - v.leading_zeros()).div_ceil(32) as usize;
    let dst = out.get_mut(..n).ok_or(crate::Error::BufferTooSmall)?;
    let words = [v as Digit, (v >> 32) as Digit, (v >> 64) as Digit, (v >> 96) as Digit];
    for (d, w) in dst.iter_mut().zip(words) {
        *d = w;
    }
    Ok(n)
}

/// `a + b + c` and its carry (`c` is 0 or 1).
#[inline(always)]
fn adc(c: u8, a: u64, b: u64) -> (u64, u8) {
    #[cfg(target_arch = "x86_64")]
    {
        let mut s = 0;
        let c = core::arch::x86_64::_addcarry_u64(c, a, b, &mut s);
        (s, c)
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let (s, c) = a.carrying_add(b, c != 0);
        (s, c as u8)
    }
}

/// `a - b - c` and its borrow (`c` is 0 or 1).
#[inline(always)]
fn sbb(c: u8, a: u64, b: u64) -> (u64, u8) {
    #[cfg(target_arch = "x86_64")]
    {
        let mut s = 0;
        let c = core::arch::x86_64::_subborrow_u64(c, a, b, &mut s);
        (s, c)
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let (s, c) = a.borrowing_sub(b, c != 0);
        (s, c as u8)
    }
}

/// `out = a + b + c` over the shortest of the three; returns the carry.
#[inline]
pub(crate) fn add_n(out: &mut [L2], a: &[L2], b: &[L2], c: u8) -> u8 {
    op_n(out, a, b, c, adc)
}

/// `out = a - b - c` over the shortest of the three; returns the borrow.
#[inline]
pub(crate) fn sub_n(out: &mut [L2], a: &[L2], b: &[L2], c: u8) -> u8 {
    op_n(out, a, b, c, sbb)
}

/// `out = a op b` limb by limb with `op` an add or subtract with carry,
/// over the shortest of the three; returns the final carry. Eight limbs
/// per iteration (one loop test, and one save and restore of the carry
/// flag around it, per eight carry steps), then at most one group of
/// four, then the rest.
#[inline(always)]
fn op_n(out: &mut [L2], a: &[L2], b: &[L2], mut c: u8, op: fn(u8, u64, u64) -> (u64, u8)) -> u8 {
    let n = out.len().min(a.len()).min(b.len());
    let (out, a, b) = (out.get_mut(..n).unwrap_or_default(), a.get(..n).unwrap_or_default(), b.get(..n).unwrap_or_default());
    let (o8, o_rest) = out.as_chunks_mut::<8>();
    let (a8, a_rest) = a.as_chunks::<8>();
    let (b8, b_rest) = b.as_chunks::<8>();
    for ((o, x), y) in o8.iter_mut().zip(a8).zip(b8) {
        for ((o, x), y) in o.iter_mut().zip(x).zip(y) {
            let (s, k) = op(c, ld(x), ld(y));
            st(o, s);
            c = k;
        }
    }
    let (o4, o_rest) = o_rest.as_chunks_mut::<4>();
    let (a4, a_rest) = a_rest.as_chunks::<4>();
    let (b4, b_rest) = b_rest.as_chunks::<4>();
    for ((o, x), y) in o4.iter_mut().zip(a4).zip(b4) {
        for ((o, x), y) in o.iter_mut().zip(x).zip(y) {
            let (s, k) = op(c, ld(x), ld(y));
            st(o, s);
            c = k;
        }
    }
    for ((o, x), y) in o_rest.iter_mut().zip(a_rest).zip(b_rest) {
        let (s, k) = op(c, ld(x), ld(y));
        st(o, s);
        c = k;
    }
    c
}

/// `acc += b + c` over the shorter of the two; returns the carry.
#[inline]
pub(crate) fn add_n_assign(acc: &mut [L2], b: &[L2], mut c: u8) -> u8 {
    for (o, y) in acc.iter_mut().zip(b) {
        let (s, k) = adc(c, ld(o), ld(y));
        st(o, s);
        c = k;
    }
    c
}

/// `acc -= b + c` over the shorter of the two; returns the borrow.
#[inline]
pub(crate) fn sub_n_assign(acc: &mut [L2], b: &[L2], mut c: u8) -> u8 {
    for (o, y) in acc.iter_mut().zip(b) {
        let (s, k) = sbb(c, ld(o), ld(y));
        st(o, s);
        c = k;
    }
    c
}

/// `acc[..a.len()] += a * d + carry`; returns the carry limb.
#[inline]
pub(crate) fn addmul_1(acc: &mut [L2], a: &[L2], d: u64, carry: u64) -> u64 {
    mul_1_with(acc, a, d, carry, adc)
}

/// `acc[..a.len()] -= a * d`; returns what must still be subtracted from
/// the limb above.
#[inline]
pub(crate) fn submul_1(acc: &mut [L2], a: &[L2], d: u64) -> u64 {
    mul_1_with(acc, a, d, 0, sbb)
}

/// `acc[..a.len()] = acc op (a * d + carry)` with `op` an add or subtract
/// with carry; returns the carry limb. Two carry chains that do not wait
/// for each other: the high limbs of the products (at most `2^64 - 2`
/// each, plus a carry below `2^64`) and the carry bit of `op`. Four limbs
/// at a time, products first, so the `op` carries follow one another.
#[inline(always)]
fn mul_1_with(acc: &mut [L2], a: &[L2], d: u64, carry: u64, op: fn(u8, u64, u64) -> (u64, u8)) -> u64 {
    let n = acc.len().min(a.len());
    let (acc, a) = (acc.get_mut(..n).unwrap_or_default(), a.get(..n).unwrap_or_default());
    let mut hi = carry;
    let mut c = 0;
    let d = d as u128;
    let (acc4, acc_rest) = acc.as_chunks_mut::<4>();
    let (a4, a_rest) = a.as_chunks::<4>();
    for (r, x) in acc4.iter_mut().zip(a4) {
        let mut lo = [0u64; 4];
        for (l, x) in lo.iter_mut().zip(x) {
            let p = (ld(x) as u128) * d + hi as u128;
            *l = p as u64;
            hi = (p >> 64) as u64;
        }
        for (r, l) in r.iter_mut().zip(lo) {
            let (s, k) = op(c, ld(r), l);
            st(r, s);
            c = k;
        }
    }
    for (r, x) in acc_rest.iter_mut().zip(a_rest) {
        let p = (ld(x) as u128) * d + hi as u128;
        let (s, k) = op(c, ld(r), p as u64);
        st(r, s);
        c = k;
        hi = (p >> 64) as u64;
    }
    hi + c as u64
}

/// The sign and zeroness of `a - b * m` for digit slices with
/// `a.len() >= b.len()` and `a` of no more limbs than `b`, without storing
/// it: `(negative, nonzero)` (`nonzero` is only meaningful when not
/// negative).
pub(crate) fn submul_sign(a: &[Digit], b: &[Digit], m: u64) -> (bool, bool) {
    let (al, _) = a.as_chunks::<2>();
    let (bl, _) = b.as_chunks::<2>();
    let (mut hi, mut c, mut nz) = (0u64, 0u8, 0u64);
    let mm = m as u128;
    let mut step = |x: u64, y: u64| {
        let p = (y as u128) * mm + hi as u128;
        let (s, k) = sbb(c, x, p as u64);
        hi = (p >> 64) as u64;
        c = k;
        nz |= s;
    };
    for (x, y) in al.iter().zip(bl) {
        step(ld(x), ld(y));
    }
    // The limb past b's whole ones (b's odd top digit, a's top digits).
    let i = 2 * bl.len();
    if i < a.len() {
        let limb = |x: &[Digit]| x.get(i).copied().unwrap_or(0) as u64 | (x.get(i + 1).copied().unwrap_or(0) as u64) << 32;
        step(limb(a), limb(b));
    }
    // Nothing of a is left: the difference is negative if anything is
    // still to be subtracted.
    (hi != 0 || c != 0, nz != 0)
}

/// The digit slice `a` as whole limbs and an odd top digit, if any.
#[inline(always)]
pub(crate) fn split(a: &[Digit]) -> (&[L2], Option<Digit>) {
    let (pairs, rest) = a.as_chunks::<2>();
    (pairs, rest.first().copied())
}

/// `a` as a digit slice of whole limbs and the odd top digit slot, if any.
#[inline(always)]
pub(crate) fn split_mut(a: &mut [Digit]) -> (&mut [L2], Option<&mut Digit>) {
    let (pairs, rest) = a.as_chunks_mut::<2>();
    (pairs, rest.first_mut())
}

/// Adds `c` (0 or 1) into the digits of `acc`, as far as it carries;
/// returns the carry out of the top.
#[inline]
fn ripple_add(acc: &mut [Digit], c: bool) -> bool {
    if !c {
        return false;
    }
    for x in acc.iter_mut() {
        let (s, k) = x.overflowing_add(1);
        *x = s;
        if !k {
            return false;
        }
    }
    true
}

/// Subtracts `c` (0 or 1) from the digits of `acc`, as far as it
/// borrows; returns the borrow out of the top.
#[inline]
fn ripple_sub(acc: &mut [Digit], c: bool) -> bool {
    if !c {
        return false;
    }
    for x in acc.iter_mut() {
        let (s, k) = x.overflowing_sub(1);
        *x = s;
        if !k {
            return false;
        }
    }
    true
}

/// Digit-slice `acc += b` (`b.len() <= acc.len()`); returns the carry out
/// of `acc`.
pub(crate) fn add_assign(acc: &mut [Digit], b: &[Digit]) -> Digit {
    let b = b.get(..acc.len()).unwrap_or(b);
    let Some((lo, hi)) = acc.split_at_mut_checked(b.len()) else { return 0 };
    let (lp, lt) = split_mut(lo);
    let (bp, bt) = split(b);
    let mut c = add_n_assign(lp, bp, 0) != 0;
    if let (Some(x), Some(y)) = (lt, bt) {
        let (s1, c1) = x.overflowing_add(y);
        let (s2, c2) = s1.overflowing_add(c as Digit);
        *x = s2;
        c = c1 | c2;
    }
    ripple_add(hi, c) as Digit
}

/// Digit-slice `acc -= b` (`b.len() <= acc.len()`); returns the borrow
/// out of `acc`.
pub(crate) fn sub_assign(acc: &mut [Digit], b: &[Digit]) -> Digit {
    let b = b.get(..acc.len()).unwrap_or(b);
    let Some((lo, hi)) = acc.split_at_mut_checked(b.len()) else { return 0 };
    let (lp, lt) = split_mut(lo);
    let (bp, bt) = split(b);
    let mut c = sub_n_assign(lp, bp, 0) != 0;
    if let (Some(x), Some(y)) = (lt, bt) {
        let (s1, c1) = x.overflowing_sub(y);
        let (s2, c2) = s1.overflowing_sub(c as Digit);
        *x = s2;
        c = c1 | c2;
    }
    ripple_sub(hi, c) as Digit
}

/// Digit-slice `out[..a.len()] = a + b` (`b.len() <= a.len() <=
/// out.len()`); returns the carry.
pub(crate) fn add_to(out: &mut [Digit], a: &[Digit], b: &[Digit]) -> Digit {
    let (Some((o_lo, o_hi)), Some((a_lo, a_hi))) = (out.split_at_mut_checked(b.len()), a.split_at_checked(b.len())) else {
        return 0;
    };
    let (op, ot) = split_mut(o_lo);
    let (ap, at) = split(a_lo);
    let (bp, bt) = split(b);
    let mut c = add_n(op, ap, bp, 0) != 0;
    if let (Some(o), Some(x), Some(y)) = (ot, at, bt) {
        let (s1, c1) = x.overflowing_add(y);
        let (s2, c2) = s1.overflowing_add(c as Digit);
        *o = s2;
        c = c1 | c2;
    }
    copy_ripple(o_hi, a_hi, c, false) as Digit
}

/// Digit-slice `out[..a.len()] = a - b` (`b.len() <= a.len() <=
/// out.len()`); returns the borrow.
pub(crate) fn sub_to(out: &mut [Digit], a: &[Digit], b: &[Digit]) -> Digit {
    let (Some((o_lo, o_hi)), Some((a_lo, a_hi))) = (out.split_at_mut_checked(b.len()), a.split_at_checked(b.len())) else {
        return 0;
    };
    let (op, ot) = split_mut(o_lo);
    let (ap, at) = split(a_lo);
    let (bp, bt) = split(b);
    let mut c = sub_n(op, ap, bp, 0) != 0;
    if let (Some(o), Some(x), Some(y)) = (ot, at, bt) {
        let (s1, c1) = x.overflowing_sub(y);
        let (s2, c2) = s1.overflowing_sub(c as Digit);
        *o = s2;
        c = c1 | c2;
    }
    copy_ripple(o_hi, a_hi, c, true) as Digit
}

/// `out = a + c` (or `a - c` if `sub`): ripples the carry only as far as
/// it goes, then copies. Returns the final carry.
#[inline]
fn copy_ripple(out: &mut [Digit], a: &[Digit], mut c: bool, sub: bool) -> bool {
    let mut done = 0;
    for (o, &x) in out.iter_mut().zip(a) {
        if !c {
            break;
        }
        let (s, k) = if sub { x.overflowing_sub(1) } else { x.overflowing_add(1) };
        *o = s;
        c = k;
        done += 1;
    }
    if let (Some(o), Some(x)) = (out.get_mut(done..), a.get(done..)) {
        crate::digits::copy(o, x);
    }
    c
}

/// Digit-slice `out[..a.len()] = a * d + carry_in`; returns the carry
/// digit. Requires `a.len() <= out.len()`.
pub(crate) fn mul_digit_to(out: &mut [Digit], a: &[Digit], d: Digit, carry_in: Digit) -> Digit {
    // (Both of `a`'s length: the compiler sees that the limb slices and
    // their groups of four match, with no checks of its own.)
    let Some(out) = out.get_mut(..a.len()) else { return 0 };
    let (op, ot) = split_mut(out);
    let (ap, at) = split(a);
    let dd = d as u128;
    // a limb times a digit plus a digit carry stays below 2^96.
    let mut carry = carry_in as u64;
    // Four limbs per iteration: the four products first, then one chain
    // of adds with carry (each product's high limb into the next one's
    // low limb; the last high limb takes the final carry: it is at most
    // `2^64 - 2`). The rest one limb at a time.
    let (o4, o_rest) = op.as_chunks_mut::<4>();
    let (a4, a_rest) = ap.as_chunks::<4>();
    for (o, x) in o4.iter_mut().zip(a4) {
        let p = x.map(|x| (ld(&x) as u128) * dd);
        let mut c = false;
        for (o, p) in o.iter_mut().zip(p) {
            let (s, k) = (p as u64).carrying_add(carry, c);
            st(o, s);
            c = k;
            carry = (p >> 64) as u64;
        }
        carry += c as u64;
    }
    for (o, x) in o_rest.iter_mut().zip(a_rest) {
        let t = (ld(x) as u128) * dd + carry as u128;
        st(o, t as u64);
        carry = (t >> 64) as u64;
    }
    if let (Some(o), Some(x)) = (ot, at) {
        let t = (x as u64) * (d as u64) + carry;
        *o = t as Digit;
        carry = t >> 32;
    }
    carry as Digit
}

/// In place, `acc = acc * m + add` for a limb `m`; returns the carry limb.
pub(crate) fn mul_limb_add_in_place(acc: &mut [Digit], m: u64, add: u64) -> u64 {
    let (ap, at) = split_mut(acc);
    let mut carry = add;
    let mm = m as u128;
    for x in ap.iter_mut() {
        let t = (ld(x) as u128) * mm + carry as u128;
        st(x, t as u64);
        carry = (t >> 64) as u64;
    }
    if let Some(x) = at {
        let t = (*x as u128) * mm + carry as u128;
        *x = t as Digit;
        carry = (t >> 32) as u64;
    }
    carry
}

/// Digit-slice `acc[..a.len()] += a * d` for a limb `d`; returns the carry
/// limb (below `2^64` even for an odd `a`, whose last step leaves a 32-bit
/// digit and a carry of the rest).
#[inline]
fn addmul_digits(acc: &mut [Digit], a: &[Digit], d: u64) -> u64 {
    let (ap, at) = split(a);
    let Some((acc_p, acc_t)) = acc.split_at_mut_checked(2 * ap.len()) else { return 0 };
    let (acc_p, _) = acc_p.as_chunks_mut::<2>();
    let carry = addmul_1(acc_p, ap, d, 0);
    match (at, acc_t.first_mut()) {
        (Some(x), Some(r)) => {
            let t = (x as u128) * (d as u128) + *r as u128 + carry as u128;
            *r = t as Digit;
            (t >> 32) as u64
        }
        _ => carry,
    }
}

/// Writes limb `v` at the start of `out`, as many digits as fit (the
/// caller knows that the dropped ones are zero).
#[inline(always)]
pub(crate) fn put(out: &mut [Digit], v: u64) {
    let mut it = out.iter_mut();
    if let Some(x) = it.next() {
        *x = v as Digit;
    }
    if let Some(x) = it.next() {
        *x = (v >> 32) as Digit;
    }
}

/// Schoolbook `out[..la+lb] = a * b`, a limb of the shorter factor at a
/// time. `out` may be one digit short when the product's top digit is
/// zero: only the last row writes that digit (its final value), and
/// that write is dropped.
pub(crate) fn school(out: &mut [Digit], a: &[Digit], b: &[Digit]) {
    let (a, b) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let la = a.len();
    let n = la + b.len();
    let m = if out.len() >= n { n } else { n.saturating_sub(1) };
    let Some(out) = out.get_mut(..m) else { return };
    let (ap, at) = split(a);
    let whole = 2 * ap.len();
    // One row per limb of b (the odd top digit of b as a limb of its
    // own): row i adds a * d at digit 2i, then sets the carry above it.
    let (bp, bt) = split(b);
    let rows = bp.iter().map(ld).chain(bt.map(|d| d as u64));
    for (i, d) in rows.enumerate() {
        let Some(row) = out.get_mut(2 * i..) else { return };
        let Some((body, rest)) = row.split_at_mut_checked(whole) else { return };
        let (body, _) = body.as_chunks_mut::<2>();
        let mut c = if i == 0 {
            // The first row writes instead of adding.
            let mut c = 0u64;
            for (r, x) in body.iter_mut().zip(ap) {
                let p = (ld(x) as u128) * (d as u128) + c as u128;
                st(r, p as u64);
                c = (p >> 64) as u64;
            }
            c
        } else {
            addmul_1(body, ap, d, 0)
        };
        let mut rest = rest.iter_mut();
        if let Some(x) = at {
            if let Some(r) = rest.next() {
                let old = if i == 0 { 0 } else { *r as u128 };
                let t = (x as u128) * (d as u128) + old + c as u128;
                *r = t as Digit;
                c = (t >> 32) as u64;
            }
        }
        if let Some(r) = rest.next() {
            *r = c as Digit;
        }
        if let Some(r) = rest.next() {
            *r = (c >> 32) as Digit;
        }
    }
}

/// Schoolbook square `out[..2*la] = a * a`: the cross products of limbs
/// once, doubled, plus the limbs' squares.
pub(crate) fn sqr_school(out: &mut [Digit], a: &[Digit]) {
    let la = a.len();
    let Some(out) = out.get_mut(..2 * la) else { return };
    crate::digits::zero(out);
    // Cross products: limb i times everything above it, at digit 4i+2.
    let (ap, at) = split(a);
    for (i, x) in ap.iter().enumerate() {
        let (Some(rest), Some(row)) = (a.get(2 * i + 2..), out.get_mut(4 * i + 2..)) else { continue };
        if rest.is_empty() {
            continue;
        }
        let c = addmul_digits(row, rest, ld(x));
        put(row.get_mut(rest.len()..).unwrap_or_default(), c);
    }
    // Double them (the sum is below 2^(64*la - 1), so no bit is lost).
    shl_bits_to_in_place(out, 1);
    // Add the squares: limb i squared at digit 4i, then the odd digit's.
    let (o4, o_rest) = out.as_chunks_mut::<4>();
    let mut c = 0u8;
    for (o, x) in o4.iter_mut().zip(ap) {
        let v = ld(x) as u128;
        let sq = v * v;
        let [o0, o1, o2, o3] = *o;
        let lo = o0 as u64 | (o1 as u64) << 32;
        let hi = o2 as u64 | (o3 as u64) << 32;
        let (lo, c1) = adc(c, lo, sq as u64);
        let (hi, c2) = adc(c1, hi, (sq >> 64) as u64);
        *o = [lo as Digit, (lo >> 32) as Digit, hi as Digit, (hi >> 32) as Digit];
        c = c2;
    }
    if let (Some(x), [o0, o1]) = (at, o_rest) {
        let sq = (x as u64) * (x as u64);
        let lo = *o0 as u64 | (*o1 as u64) << 32;
        let (lo, _) = adc(c, lo, sq);
        *o0 = lo as Digit;
        *o1 = (lo >> 32) as Digit;
    }
}

/// In place, `a <<= shift` for `1 <= shift < 64` (bits shifted out of the
/// top are lost).
fn shl_bits_to_in_place(a: &mut [Digit], shift: u32) {
    let (ap, at) = split_mut(a);
    let back = 64 - shift;
    let mut carry = 0u64;
    for x in ap.iter_mut() {
        let v = ld(x);
        st(x, (v << shift) | carry);
        carry = v >> back;
    }
    if let Some(x) = at {
        *x = (*x << shift) | carry as Digit;
    }
}

/// Digit-slice `out[..a.len()] = a << shift` for `shift < 32`; returns
/// the bits shifted out of the top digit. Requires `a.len() <= out.len()`.
pub(crate) fn shl_bits_to(out: &mut [Digit], a: &[Digit], shift: u32) -> Digit {
    let (op, ot) = split_mut(head(out, a.len()));
    let (ap, at) = split(a);
    if shift == 0 {
        crate::digits::copy(out_digits(op), a_digits(ap));
        if let (Some(o), Some(x)) = (ot, at) {
            *o = x;
        }
        return 0;
    }
    // Each limb takes the top bits of the digit below it: no carry chain.
    let back = 32 - shift;
    let mut below = 0;
    for (o, x) in op.iter_mut().zip(ap) {
        st(o, (ld(x) << shift) | (below >> back) as u64);
        below = x[1];
    }
    let carry = below >> back;
    match (ot, at) {
        (Some(o), Some(x)) => {
            *o = (x << shift) | carry;
            x >> back
        }
        _ => carry,
    }
}

/// The first `n` digits of `out` (all of them if it is shorter).
#[inline(always)]
fn head(out: &mut [Digit], n: usize) -> &mut [Digit] {
    let n = n.min(out.len());
    out.get_mut(..n).unwrap_or_default()
}

/// Limbs as digits.
#[inline(always)]
fn a_digits(a: &[L2]) -> &[Digit] {
    a.as_flattened()
}

/// Mutable limbs as digits.
#[inline(always)]
fn out_digits(a: &mut [L2]) -> &mut [Digit] {
    a.as_flattened_mut()
}

/// Digit-slice `out[..a.len()] = (a >> shift) | (high << (32 - shift))`
/// for `shift < 32`, where `high` is the digit above `a`. Requires
/// `a.len() <= out.len()`.
pub(crate) fn shr_bits_to(out: &mut [Digit], a: &[Digit], shift: u32, high: Digit) {
    let (op, ot) = split_mut(head(out, a.len()));
    let (ap, at) = split(a);
    if shift == 0 {
        crate::digits::copy(out_digits(op), a_digits(ap));
        if let (Some(o), Some(x)) = (ot, at) {
            *o = x;
        }
        return;
    }
    // The value just above the limb being shifted: its low bits come in
    // at the top.
    let mut upper = high as u64;
    if let (Some(o), Some(x)) = (ot, at) {
        *o = (x >> shift) | (high << (32 - shift));
        upper = x as u64;
    }
    let back = 64 - shift;
    for (o, x) in op.iter_mut().zip(ap).rev() {
        let v = ld(x);
        st(o, (v >> shift) | (upper << back));
        upper = v;
    }
}
