//! `f64` ↔ `f32` conversions in integer code: the same results as `as`,
//! without the soft-double conversion routines on targets whose FPU has
//! single precision only (the boards).

/// `(-1)**neg · m · 2**e` (`m` with its top bit set, or zero) rounded to
/// the nearest `f32`, ties to even: `±inf` beyond the range, subnormals
/// and `±0` below it.
pub fn round_f32(neg: bool, m: u64, e: i32) -> f32 {
    let sign = (neg as u32) << 31;
    if m == 0 {
        return f32::from_bits(sign);
    }
    // The value is in [2**top, 2**(top+1)).
    let top = e.saturating_add(63);
    if top > 127 {
        return f32::from_bits(sign | 0x7f80_0000);
    }
    // Mantissa bits kept: 24, fewer for subnormals.
    let keep = if top >= -126 { 24 } else { 150 + top };
    if keep < 0 {
        return f32::from_bits(sign);
    }
    let shift = (64 - keep) as u32;
    let (mut q, rem, half) = if shift == 64 {
        (0, m, 1u64 << 63)
    } else {
        (m >> shift, m & ((1u64 << shift) - 1), 1u64 << (shift - 1))
    };
    if rem > half || (rem == half && q & 1 == 1) {
        q += 1;
    }
    // A carry out of the mantissa moves into the exponent by itself.
    let bits = if top >= -126 { (((top + 126) as u32) << 23) + q as u32 } else { q as u32 };
    f32::from_bits(sign | bits.min(0x7f80_0000))
}

/// `x` rounded to the nearest `f32` (as `x as f32`).
pub fn f64_to_f32(x: f64) -> f32 {
    let b = x.to_bits();
    let neg = b >> 63 != 0;
    let ex = ((b >> 52) & 0x7ff) as i32;
    let f = b & ((1 << 52) - 1);
    if ex == 0x7ff {
        // inf, or nan with the top of its payload (made quiet).
        let nan = if f == 0 { 0 } else { 0x40_0000 | (f >> 29) as u32 };
        return f32::from_bits((neg as u32) << 31 | 0x7f80_0000 | nan);
    }
    let (m, e) = if ex == 0 { (f, -1074) } else { (f | 1 << 52, ex - 1075) };
    let z = m.leading_zeros();
    round_f32(neg, m << (z & 63), e - z as i32)
}

/// `x` as an `f64` (exact, as `x as f64`).
pub fn f32_to_f64(x: f32) -> f64 {
    let b = x.to_bits();
    let sign = ((b >> 31) as u64) << 63;
    let ex = (b >> 23) & 0xff;
    let f = (b & 0x7f_ffff) as u64;
    if ex == 0xff {
        return f64::from_bits(sign | 0x7ff << 52 | f << 29);
    }
    if ex == 0 {
        if f == 0 {
            return f64::from_bits(sign);
        }
        // Subnormal: normal as an f64.
        let z = f.leading_zeros() - 40; // shift putting the top bit at 23
        let m = (f << z) & 0x7f_ffff;
        return f64::from_bits(sign | ((1023 - 126 - z as u64) << 52) | m << 29);
    }
    f64::from_bits(sign | ((ex as u64 + 1023 - 127) << 52) | f << 29)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_casts() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for i in 0..400_000u32 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            // Exponents around the f32 range, and everywhere.
            let x = if i % 2 == 0 {
                let ex = 1023 - 160 + (seed >> 40) % 300;
                f64::from_bits((seed & 1 << 63) | ex << 52 | (seed & ((1 << 52) - 1)))
            } else {
                f64::from_bits(seed)
            };
            let got = f64_to_f32(x);
            let want = x as f32;
            assert!(got.to_bits() == want.to_bits() || (got.is_nan() && want.is_nan()), "{x:e}");
            let y = f32::from_bits(seed as u32);
            let (got, want) = (f32_to_f64(y), y as f64);
            assert!(got.to_bits() == want.to_bits() || (got.is_nan() && want.is_nan()), "{y:e}");
        }
        for x in [0.0, -0.0, 5e-324, 1e-46, 7.006e-46, 1.401298464324817e-45, 2.1e-45, f64::MIN_POSITIVE,
                  3.4028235677973366e38, 3.4028236e38, f64::MAX, f64::INFINITY, -f64::INFINITY, 1.0 + 2f64.powi(-24)] {
            assert_eq!(f64_to_f32(x).to_bits(), (x as f32).to_bits(), "{x:e}");
        }
        for b in [0u32, 1, 0x8000_0001, 0x7f_ffff, 0x40_0000, 0x80_0000, 0x7f7f_ffff, 0x7f80_0000, 0xff80_0000, 0x7fc0_0000] {
            let y = f32::from_bits(b);
            assert_eq!(f32_to_f64(y).to_bits(), (y as f64).to_bits(), "{b:x}");
            assert_eq!(f64_to_f32(y as f64).to_bits(), b);
        }
    }
}
