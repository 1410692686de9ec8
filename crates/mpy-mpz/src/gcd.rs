//! Greatest common divisor by the binary (Stein) algorithm: only
//! subtractions and shifts, in place in scratch, quadratic in the length.

use crate::bits::trailing_zeros;
use crate::cmp::cmp_mag;
use crate::digits;
use crate::{trim, Digit, Error};
use core::cmp::Ordering;

/// Output length sufficient for [`gcd`] of magnitudes of `la` and `lb`
/// digits: `max(la, lb)` (the gcd is at most the smaller nonzero one).
#[inline]
pub fn gcd_len(la: usize, lb: usize) -> usize {
    la.max(lb)
}

/// Scratch length for [`gcd`]: `la + lb`.
#[inline]
pub fn gcd_scratch_len(la: usize, lb: usize) -> usize {
    la.saturating_add(lb)
}

/// `out = gcd(|a|, |b|)` (Python's `math.gcd`: non-negative, and
/// `gcd(0, 0) == 0`); returns the normalised length. `out` needs
/// [`gcd_len`] digits, `scratch` [`gcd_scratch_len`].
pub fn gcd(out: &mut [Digit], a: &[Digit], b: &[Digit], scratch: &mut [Digit]) -> Result<usize, Error> {
    let (a, b) = (trim(a), trim(b));
    if a.is_empty() || b.is_empty() {
        let src = if a.is_empty() { b } else { a };
        let dst = out.get_mut(..src.len()).ok_or(Error::BufferTooSmall)?;
        digits::copy(dst, src);
        return Ok(src.len());
    }
    let (u, rest) = scratch.split_at_mut_checked(a.len()).ok_or(Error::BufferTooSmall)?;
    let v = rest.get_mut(..b.len()).ok_or(Error::BufferTooSmall)?;
    digits::copy(u, a);
    digits::copy(v, b);
    let (tu, tv) = (trailing_zeros(a).unwrap_or(0), trailing_zeros(b).unwrap_or(0));
    let k = tu.min(tv);
    let mut lu = shr_in_place(u, a.len(), tu);
    let mut lv = shr_in_place(v, b.len(), tv);
    let (mut u, mut v) = (u, v);
    // Both odd from here: replace the larger by (larger - smaller) >> tz.
    loop {
        let (su, sv) = (u.get(..lu).unwrap_or(&[]), v.get(..lv).unwrap_or(&[]));
        match cmp_mag(su, sv) {
            Ordering::Equal => break,
            Ordering::Greater => {
                core::mem::swap(&mut u, &mut v);
                core::mem::swap(&mut lu, &mut lv);
            }
            Ordering::Less => {}
        }
        // Now u < v: v -= u, then strip v's trailing zeros.
        let (Some(vs), Some(us)) = (v.get_mut(..lv), u.get(..lu)) else { break };
        digits::sub_assign(vs, us);
        let tz = trailing_zeros(vs).unwrap_or(0);
        lv = shr_in_place(v, lv, tz);
    }
    let g = u.get(..lu).ok_or(Error::BufferTooSmall)?;
    let k = usize::try_from(k).map_err(|_| Error::BufferTooSmall)?;
    crate::shift::shl_mag(out, g, k)
}

/// In place, `a[..len] >>= n`; returns the new normalised length.
fn shr_in_place(a: &mut [Digit], len: usize, n: u64) -> usize {
    let d = usize::try_from(n / 32).unwrap_or(usize::MAX);
    let len = len.min(a.len());
    if d >= len {
        return 0;
    }
    if let Some(body) = a.get_mut(..len) {
        digits::move_down(body, d);
    }
    let keep = len - d;
    if let Some(body) = a.get_mut(..keep) {
        digits::shr_bits_in_place(body, (n % 32) as u32);
    }
    digits::norm(a, keep)
}
