//! `erf` and `erfc` for single-precision builds (the boards), small in
//! flash: computed in the wide float of `wide.rs` (no soft-double code on
//! the boards) and rounded once to `f32`. Below 2.5 from the series
//! `erf(a) = 2/√π e^(-a²) Σ (2a²)^n a / (1·3·…·(2n+1))` (all terms
//! positive: no cancellation), above from the continued fraction
//! `erfc(a) = e^(-a²)/√π / (a + (1/2)/(a + 1/(a + (3/2)/(a + …))))`; the
//! `e^(-a²)` from a short exponential here. The `libm` crate's `erff` and
//! `erfcf` take 1.2 KB; these are within an `f32` ulp of its double
//! `erf`/`erfc` (the tests compare).

use super::wide::W;

/// `2/√π`.
const TWO_BY_SQRT_PI: W = W::c(1.128_379_167_095_512_6);

/// `e^(-t)` for `0 <= t <= 130` (see [`super::explog32::exp_w`]).
fn exp_neg(t: W) -> W {
    super::explog32::exp_w(t.neg())
}

/// `erf(x)`, or `erfc(x)` if `complement`, rounded to `f32` (`erf(±inf)
/// = ±1`, `erfc(inf) = 0`, `erfc(-inf) = 2`, `nan` for `nan`).
fn erf_or_erfc(x: f32, complement: bool) -> f32 {
    if x.is_nan() {
        return x;
    }
    let neg = x.is_sign_negative();
    let ax = x.abs();
    if ax > 11.0 {
        // erfc(a) < 1e-52 (or a is inf).
        return if complement { if neg { 2.0 } else { 0.0 } } else if neg { -1.0 } else { 1.0 };
    }
    let a = W::f(ax);
    let small = ax < 2.5;
    // `p` is erf(a) below 2.5, else erfc(a).
    let mut p;
    if small {
        // Σ (2a²)^n a / (1·3·…·(2n+1)).
        let two_a2 = a.mul(a).scale(1);
        let mut term = a;
        p = a;
        let mut d = 1;
        while p.mul(const { W::c(1e-17) }).lt(term) {
            d += 2;
            term = term.mul(two_a2.div(W::from_i64(d)));
            p = p.add(term);
        }
    } else {
        // (1/2) / (a + (1/2)/(a + 1/(a + (3/2)/(a + …)))), from 120
        // levels down.
        let mut f = a;
        let mut k = 120;
        while k > 0 {
            f = a.add(W::from_i64(k).scale(-1).div(f));
            k -= 1;
        }
        p = const { W::c(0.5) }.div(f);
    }
    p = p.mul(TWO_BY_SQRT_PI.mul(exp_neg(a.mul(a))));
    // (erfc(a), erf(a)).
    let (c, e) = if small { (W::ONE.sub(p), p) } else { (p, W::ONE.sub(p)) };
    let r = match (complement, neg) {
        (false, false) => e,
        (false, true) => e.neg(),
        (true, false) => c,
        (true, true) => W::ONE.add(e),
    };
    r.to_f32()
}

/// `erf(x)` rounded to `f32` (`±1` for `±inf`, `nan` for `nan`).
pub fn erf(x: f32) -> f32 {
    erf_or_erfc(x, false)
}

/// `erfc(x)` rounded to `f32` (`0` for `inf`, `2` for `-inf`, `nan` for
/// `nan`).
pub fn erfc(x: f32) -> f32 {
    erf_or_erfc(x, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f32, b: f32, ulps: u32) -> bool {
        if a.is_nan() || b.is_nan() {
            return a.is_nan() && b.is_nan();
        }
        if a == b {
            return true;
        }
        if a.signum() != b.signum() {
            return false;
        }
        (a.to_bits() as i64 - b.to_bits() as i64).unsigned_abs() <= ulps as u64
    }

    fn args() -> impl Iterator<Item = f32> {
        let grid = (-12_000..12_000).map(|i| i as f32 * 0.001 + 0.0003);
        let near = [
            0.0, -0.0, 1e-30, -1e-30, 1e-7, 1e-4, 0.5, 1.0, 2.0, 2.4999998, 2.5, 2.5000002, 3.9,
            4.0, 9.0, 10.0, 10.05, 10.5, 11.0, 11.000001, 12.0, 100.0, 3e38, -3e38, f32::INFINITY,
            f32::NEG_INFINITY, 1e-45, -1e-45,
        ];
        grid.chain(near)
    }

    #[test]
    fn erf_as_libm() {
        for x in args() {
            let want = libm::erf(x as f64) as f32;
            let got = erf(x);
            assert!(close(got, want, 1), "erf({x}): {got} != {want}");
            let want = libm::erfc(x as f64) as f32;
            let got = erfc(x);
            assert!(close(got, want, 1), "erfc({x}): {got} != {want}");
        }
        assert!(erf(f32::NAN).is_nan());
        assert!(erfc(f32::NAN).is_nan());
        assert_eq!(erf(-0.0).to_bits(), (-0.0f32).to_bits());
    }

    #[test]
    fn exp_neg_close() {
        for i in 0..1300 {
            let t = i as f64 * 0.1 + 0.003;
            let got = f64::from_bits(exp_neg(W::c(t)).to_f64_bits());
            let want = libm::exp(-t);
            assert!(((got - want) / want).abs() < 1e-13, "exp(-{t}): {got} != {want}");
        }
    }
}
