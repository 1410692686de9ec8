//! Accurate `exp`, `log`, `log2`, `cosh` and `asinh` for doubles.
//!
//! MicroPython's builds link a libm whose `exp`/`log`/`log2`/`pow` are
//! correctly rounded in all but rare cases, while the `libm` crate's are
//! faithful only (e.g. its `exp(1.0)` is `2.7182818284590455`). These
//! versions compute in double-double arithmetic (about 100 bits) and round
//! once, so their results are correctly rounded except in astronomically
//! rare cases, matching MicroPython's printed digits (`math.exp(1)` is
//! `2.718281828459045`). (`**` and `math.pow` use libm's `pow`, accurate
//! to about half an ulp and much faster: see `float::float_pow`.)

/// A double-double: `hi + lo` with `|lo| <= ulp(hi) / 2`.
#[derive(Clone, Copy, Debug)]
struct Dd {
    hi: f64,
    lo: f64,
}

const LN2: Dd = Dd { hi: core::f64::consts::LN_2, lo: 2.3190468138462996e-17 };
const INV_LN2: Dd = Dd { hi: core::f64::consts::LOG2_E, lo: 2.0355273740931033e-17 };

fn two_sum(a: f64, b: f64) -> Dd {
    let s = a + b;
    let bb = s - a;
    Dd { hi: s, lo: (a - (s - bb)) + (b - bb) }
}

fn quick_two_sum(a: f64, b: f64) -> Dd {
    let s = a + b;
    Dd { hi: s, lo: b - (s - a) }
}

fn two_prod(a: f64, b: f64) -> Dd {
    let p = a * b;
    Dd { hi: p, lo: libm::fma(a, b, -p) }
}

fn add(a: Dd, b: Dd) -> Dd {
    let s = two_sum(a.hi, b.hi);
    let t = two_sum(a.lo, b.lo);
    let q = quick_two_sum(s.hi, s.lo + t.hi);
    quick_two_sum(q.hi, q.lo + t.lo)
}

fn neg(a: Dd) -> Dd {
    Dd { hi: -a.hi, lo: -a.lo }
}

fn mul(a: Dd, b: Dd) -> Dd {
    let p = two_prod(a.hi, b.hi);
    quick_two_sum(p.hi, p.lo + (a.hi * b.lo + a.lo * b.hi))
}

fn mul_f(a: Dd, b: f64) -> Dd {
    let p = two_prod(a.hi, b);
    quick_two_sum(p.hi, p.lo + a.lo * b)
}

fn div(a: Dd, b: Dd) -> Dd {
    let q1 = a.hi / b.hi;
    let r = add(a, neg(mul_f(b, q1)));
    let q2 = r.hi / b.hi;
    let r = add(r, neg(mul_f(b, q2)));
    let q3 = r.hi / b.hi;
    add(quick_two_sum(q1, q2), Dd { hi: q3, lo: 0.0 })
}

fn div_f(a: Dd, b: f64) -> Dd {
    div(a, Dd { hi: b, lo: 0.0 })
}

/// `e**x` for a double-double argument, rounded once.
fn exp_dd(x: Dd) -> f64 {
    if x.hi.is_nan() {
        return f64::NAN;
    }
    if x.hi > 709.8 {
        return f64::INFINITY;
    }
    if x.hi < -745.2 {
        return 0.0;
    }
    let k = libm::rint(x.hi * INV_LN2.hi);
    let r = add(x, neg(mul_f(LN2, k)));
    // Taylor series: |r| <= 0.35, 27 terms reach 1e-35.
    let mut sum = Dd { hi: 1.0, lo: 0.0 };
    let mut term = Dd { hi: 1.0, lo: 0.0 };
    for i in 1..28 {
        term = div_f(mul(term, r), i as f64);
        sum = add(sum, term);
        if term.hi.abs() < 1e-36 {
            break;
        }
    }
    let k = k as i32;
    if k < -1000 {
        // Scale in two steps to keep the subnormal rounding single.
        libm::ldexp(libm::ldexp(sum.hi, k + 60) + libm::ldexp(sum.lo, k + 60), -60)
    } else {
        libm::ldexp(sum.hi, k)
    }
}

/// `ln(x)` as a double-double, for finite `x > 0`.
fn log_dd(x: f64) -> Dd {
    let (mut m, mut e) = libm::frexp(x);
    if m < core::f64::consts::FRAC_1_SQRT_2 {
        m *= 2.0;
        e -= 1;
    }
    // ln(m) = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.172.
    let s = div(Dd { hi: m - 1.0, lo: 0.0 }, two_sum(m, 1.0));
    let s2 = mul(s, s);
    let mut sum = s;
    let mut pow = s;
    for i in 1..40 {
        pow = mul(pow, s2);
        let term = div_f(pow, (2 * i + 1) as f64);
        sum = add(sum, term);
        if term.hi.abs() < 1e-36 {
            break;
        }
    }
    add(mul_f(LN2, e as f64), mul_f(sum, 2.0))
}

/// `e**x`, correctly rounded in practice.
pub fn exp(x: f64) -> f64 {
    if x.is_infinite() {
        return if x > 0.0 { x } else { 0.0 };
    }
    exp_dd(Dd { hi: x, lo: 0.0 })
}

/// Natural log (NaN for negatives, -inf for zero).
pub fn log(x: f64) -> f64 {
    if x.is_nan() || x < 0.0 {
        return f64::NAN;
    }
    if x == 0.0 {
        return f64::NEG_INFINITY;
    }
    if x.is_infinite() {
        return x;
    }
    log_dd(x).hi
}

/// Base-2 log (exact for powers of two).
pub fn log2(x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 || x.is_infinite() {
        return log(x);
    }
    mul(log_dd(x), INV_LN2).hi
}

/// Hyperbolic cosine, via the accurate `exp` for `|x| >= ln 2`.
pub fn cosh(x: f64) -> f64 {
    let a = x.abs();
    if a < core::f64::consts::LN_2 || a.is_nan() {
        return libm::cosh(x);
    }
    if a < 709.0 {
        let t = exp(a);
        return 0.5 * (t + 1.0 / t);
    }
    // exp(a) overflows before cosh does: exp(a / 2)**2 / 2.
    let t = exp(0.5 * a);
    0.5 * t * t
}

/// Inverse hyperbolic sine via the accurate `log` for `|x| >= 2`.
pub fn asinh(x: f64) -> f64 {
    let a = x.abs();
    if a.is_nan() || a < 2.0 || a.is_infinite() {
        return libm::asinh(x);
    }
    let r = if a >= 67108864.0 {
        log(a) + core::f64::consts::LN_2
    } else {
        log(2.0 * a + 1.0 / (libm::sqrt(a * a + 1.0) + a))
    };
    if x < 0.0 {
        -r
    } else {
        r
    }
}

#[cfg(test)]
#[allow(clippy::approx_constant)]
mod tests {
    use super::*;

    #[test]
    fn matches_micropython_digits() {
        // MicroPython 1.27 (wasm) / CPython values.
        assert_eq!(exp(1.0), 2.718281828459045);
        assert_eq!(exp(2.0), 7.38905609893065);
        assert_eq!(exp(-1.0), 0.36787944117144233);
        assert_eq!(exp(700.0), 1.0142320547350045e304);
        assert_eq!(exp(-100.0), 3.720075976020836e-44);
        assert_eq!(exp(1000.0), f64::INFINITY);
        assert_eq!(exp(-1000.0), 0.0);
        assert_eq!(log(10.0), 2.302585092994046);
        assert_eq!(log(2.0), 0.6931471805599453);
        assert_eq!(log(1.0), 0.0);
        assert_eq!(log(1e-320), -736.8272408909739);
        assert!(log(-1.0).is_nan());
        assert_eq!(log2(8.0), 3.0);
        assert_eq!(log2(2f64.powi(1000)), 1000.0);
        assert_eq!(log2(10.0), 3.321928094887362);
        assert_eq!(cosh(1.0), 1.5430806348152437);
        assert_eq!(asinh(1.0), 0.881373587019543);
    }
}

