//! UTF-8 validity. Boards check by a byte loop: `core::str::from_utf8`
//! costs ~620 B of flash (its code and a 256-byte width table). The desktop
//! keeps core's faster validator (`bytes.decode` and friends are hot).

/// Why `b` is not UTF-8: the length of its longest valid prefix and the
/// length of the invalid sequence after it, `None` when the input ends
/// inside a sequence (as `core::str::Utf8Error`).
pub type Invalid = (usize, Option<usize>);

/// Checks that `b` is UTF-8 (no surrogates, overlong forms or code points
/// above U+10FFFF).
///
/// Errors: where and how it is not, see [`Invalid`].
#[cfg(target_os = "none")]
#[inline]
pub fn check(b: &[u8]) -> Result<(), Invalid> {
    check_loop(b)
}

/// The boards' validator (the same answers as core's, by a byte loop).
#[cfg(any(target_os = "none", test))]
fn check_loop(b: &[u8]) -> Result<(), Invalid> {
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c < 0x80 {
            i += 1;
            continue;
        }
        // Sequence width and the allowed range of its second byte.
        if !(0xC2..0xF5).contains(&c) {
            return Err((i, Some(1)));
        }
        let w = if c < 0xE0 { 2 } else if c < 0xF0 { 3 } else { 4 };
        let lo = match c {
            0xE0 => 0xA0,
            0xF0 => 0x90,
            _ => 0x80,
        };
        let hi = match c {
            0xED => 0x9F,
            0xF4 => 0x8F,
            _ => 0xBF,
        };
        for k in 1..w {
            let Some(&x) = b.get(i + k) else { return Err((i, None)) };
            let (l, h) = if k == 1 { (lo, hi) } else { (0x80, 0xBF) };
            if x < l || x > h {
                return Err((i, Some(k)));
            }
        }
        i += w;
    }
    Ok(())
}

/// Checks that `b` is UTF-8 (no surrogates, overlong forms or code points
/// above U+10FFFF).
///
/// Errors: where and how it is not, see [`Invalid`].
#[cfg(not(target_os = "none"))]
#[inline]
pub fn check(b: &[u8]) -> Result<(), Invalid> {
    core::str::from_utf8(b).map(|_| ()).map_err(|e| (e.valid_up_to(), e.error_len()))
}

/// `b` as text if it is UTF-8.
#[inline]
pub fn str(b: &[u8]) -> Option<&str> {
    #[cfg(not(target_os = "none"))]
    return core::str::from_utf8(b).ok();
    #[cfg(target_os = "none")]
    {
        check(b).ok()?;
        // SAFETY: `check` accepted `b`: it is valid UTF-8.
        Some(unsafe { core::str::from_utf8_unchecked(b) })
    }
}

/// Whether `b` is UTF-8.
#[inline]
pub fn valid(b: &[u8]) -> bool {
    check(b).is_ok()
}

#[cfg(test)]
mod tests {
    /// The byte loop agrees with core on every 1- to 3-byte input over a
    /// set of interesting bytes, and on some longer ones.
    #[test]
    fn agrees_with_core() {
        let bytes = [0u8, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF];
        let mut v = [0u8; 4];
        for n in 1..=4usize {
            let total = bytes.len().pow(n as u32);
            for mut k in 0..total {
                for slot in v.iter_mut().take(n) {
                    *slot = bytes[k % bytes.len()];
                    k /= bytes.len();
                }
                let b = &v[..n];
                let want = core::str::from_utf8(b).map(|_| ()).map_err(|e| (e.valid_up_to(), e.error_len()));
                assert_eq!(super::check_loop(b), want, "{b:x?}");
            }
        }
    }
}
