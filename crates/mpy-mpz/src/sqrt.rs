//! Integer square root (Python's `math.isqrt`) by Newton's iteration from
//! above: `x <- (x + n // x) // 2`, starting at a power of two no smaller
//! than the root and stopping when `x` no longer decreases.

use crate::bits::bit_length;
use crate::div::{divmod_q_len, divmod_scratch_len, floordiv};
use crate::{digits, trim, Digit, Error, MpzRef};
use core::cmp::Ordering;

/// Output length sufficient for [`isqrt`] of a magnitude of `la` digits:
/// `la / 2 + 2`.
#[inline]
pub fn isqrt_len(la: usize) -> usize {
    la / 2 + 2
}

/// Scratch length for [`isqrt`] with a magnitude of `la` digits: a second
/// iterate, a quotient and the division scratch.
pub fn isqrt_scratch_len(la: usize) -> usize {
    let l = isqrt_len(la);
    // The divisor has at most `l` digits: Knuth's scratch is `la + l + 1`.
    let div = divmod_scratch_len(la.max(l), l);
    l.saturating_add(divmod_q_len(la, 1)).saturating_add(div)
}

/// `out = floor(sqrt(|a|))`; returns the normalised length. `out` needs
/// [`isqrt_len`] digits, `scratch` [`isqrt_scratch_len`]. (Python's
/// `math.isqrt` raises `ValueError` for negative input: the caller's
/// check.)
pub fn isqrt(out: &mut [Digit], a: &[Digit], scratch: &mut [Digit]) -> Result<usize, Error> {
    let n = trim(a);
    if n.is_empty() {
        return Ok(0);
    }
    let l = isqrt_len(n.len());
    let x = out.get_mut(..l).ok_or(Error::BufferTooSmall)?;
    let (y, rest) = scratch.split_at_mut_checked(l).ok_or(Error::BufferTooSmall)?;
    let (q, work) = rest.split_at_mut_checked(divmod_q_len(n.len(), 1)).ok_or(Error::BufferTooSmall)?;
    // x0 = 2^ceil(bits/2) >= sqrt(n).
    let half = usize::try_from(bit_length(n).div_ceil(2)).map_err(|_| Error::BufferTooSmall)?;
    digits::zero(x);
    let mut xl = crate::shift::shl_mag(x, &[1], half)?;
    let (mut x, mut y) = (x, y);
    let mut in_out = true;
    loop {
        let cur = x.get(..xl).ok_or(Error::BufferTooSmall)?;
        let ql = floordiv(q, MpzRef::pos(n), MpzRef::pos(cur), work)?.len;
        // y = (x + q) >> 1.
        let yl = crate::add::add_mag(y, cur, q.get(..ql).unwrap_or(&[]))?;
        let body = y.get_mut(..yl).ok_or(Error::BufferTooSmall)?;
        digits::shr_bits_in_place(body, 1);
        let yl = digits::norm(y, yl);
        let ys = y.get(..yl).ok_or(Error::BufferTooSmall)?;
        if crate::cmp::cmp_mag(ys, cur) != Ordering::Less {
            break;
        }
        core::mem::swap(&mut x, &mut y);
        xl = yl;
        in_out = !in_out;
    }
    if !in_out {
        // The root is in the scratch iterate: copy it to the output.
        digits::copy(y, x.get(..xl).unwrap_or(&[]));
    }
    Ok(xl)
}
