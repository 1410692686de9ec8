//! Checks against core's parsing and exact formatting (the oracles here;
//! neither is used by the library).

extern crate std;
use crate::{decimal, from_decimal, from_u64, parse, Round};
use std::format;
use std::string::String;
use std::vec::Vec;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn p64(s: &str) -> Option<f64> {
    parse::<f64>(s.as_bytes())
}
fn p32(s: &str) -> Option<f32> {
    parse::<f32>(s.as_bytes())
}

fn same64(s: &str) {
    let want: Result<f64, _> = s.parse();
    let got = p64(s);
    match want {
        Ok(w) if w.is_nan() => assert!(got.is_some_and(f64::is_nan), "{s}"),
        Ok(w) => assert_eq!(got.map(f64::to_bits), Some(w.to_bits()), "{s}: want {w:e}, got {got:?}"),
        Err(_) => assert_eq!(got, None, "{s}"),
    }
}

fn same32(s: &str) {
    let want: Result<f32, _> = s.parse();
    let got = p32(s);
    match want {
        Ok(w) if w.is_nan() => assert!(got.is_some_and(f32::is_nan), "{s}"),
        Ok(w) => assert_eq!(got.map(f32::to_bits), Some(w.to_bits()), "{s}: want {w:e}, got {got:?}"),
        Err(_) => assert_eq!(got, None, "{s}"),
    }
}

fn same(s: &str) {
    same64(s);
    same32(s);
}

#[test]
fn syntax() {
    for s in [
        "", "+", "-", ".", "e5", ".e5", "1e", "1e+", "1.5.", "1..5", " 1", "1 ", "1_0", "0x10", "1e5.5", "--1", "in",
        "infx", "nana", "1.5e-x", "1f",
    ] {
        assert_eq!(p64(s), None, "{s:?}");
        assert_eq!(p32(s), None, "{s:?}");
    }
    for s in [
        "0", "-0", "+0", "0.0", "-0.0", ".5", "5.", "1e5", "1E5", "1e+5", "1e-5", "inf", "-inf", "INF", "Infinity",
        "-infinity", "nan", "NaN", "-nan", "00012.5000", "1.e3", "123456789012345678901234567890",
    ] {
        same(s);
    }
    assert!(p64("-0.0").is_some_and(|x| x == 0.0 && x.is_sign_negative()));
    assert!(p32("-0").is_some_and(|x| x == 0.0 && x.is_sign_negative()));
}

#[test]
fn extremes() {
    let mut cases: Vec<String> = Vec::new();
    for s in [
        "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1.797693134862315807e308",
        "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "2.47032822920623272e-324",
        "2.2250738585072011e-308", "2.2250738585072014e-308", "1e-400", "1e400", "1e-324", "3e-324", "1e308",
        "1e309", "3.4028235e38", "3.4028236e38", "3.40282357e38", "3.4028234664e38", "3.4028235677973366e38",
        "1.4e-45", "7e-46", "7.006492321624085e-46", "7.006492321624086e-46", "1.1754942e-38", "1.17549435e-38",
        "9007199254740993", "9007199254740992.5", "16777217", "16777216.5", "16777218.9999", "0.1", "0.3",
        "123456789e-30", "1e22", "1e23", "8.98846567431158e307", "1e-45", "1e-46", "1e39", "1e38",
        "1e99999999999999999999", "1e-99999999999999999999",
    ] {
        cases.push(s.into());
    }
    // Long mantissas, with the deciding digit far out.
    let z = "0".repeat(800);
    cases.push(format!("1{z}e-800"));
    cases.push(format!("1{z}1e-801"));
    cases.push(format!("0.{z}1e800"));
    cases.push("9".repeat(1000));
    cases.push(format!("{}e-1300", "9".repeat(1000)));
    cases.push(format!("{}e-1400", "1".repeat(1000)));
    cases.push(format!("{}e-600", "7".repeat(900)));
    cases.push(String::from("2.4703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591327667236328125e-324"));
    cases.push(String::from("2.4703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591327667236328125000000000001e-324"));
    for s in &cases {
        same(s);
    }
}

#[test]
fn random_texts() {
    let mut r = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..100_000 {
        let long = r.below(4) == 0;
        let nd = 1 + r.below(if long { 120 } else { 20 });
        let mut s = String::new();
        for i in 0..nd {
            s.push((b'0' + r.below(10) as u8) as char);
            if i == 0 && r.below(3) == 0 {
                s.push('.');
            }
        }
        let e = r.below(760) as i64 - 380;
        s.push_str(&format!("e{e}"));
        same(&s);
    }
}

#[test]
fn round_trips() {
    let mut r = Rng(12345);
    for i in 0..200_000 {
        let x = f64::from_bits(r.next());
        if !x.is_finite() {
            continue;
        }
        let texts = [format!("{x:e}"), format!("{x:.16e}"), format!("{x:.25e}"), format!("{x}")];
        for t in &texts {
            assert_eq!(p64(t).map(f64::to_bits), Some(x.to_bits()), "{t}");
        }
        let y = f32::from_bits(r.next() as u32);
        if y.is_finite() {
            assert_eq!(p32(&format!("{y:e}")).map(f32::to_bits), Some(y.to_bits()));
            assert_eq!(p32(&format!("{y:.8e}")).map(f32::to_bits), Some(y.to_bits()));
            // Halfway to the next f32 (exact as a double).
            let next = f32::from_bits(y.to_bits() + 1);
            if next.is_finite() && i % 4 == 0 {
                let mid = (y as f64 + next as f64) / 2.0;
                same32(&format!("{mid:.60e}"));
                same32(&format!("{mid:.12e}"));
            }
        }
        // Subnormal doubles.
        let z = f64::from_bits(r.next() >> 12);
        assert_eq!(p64(&format!("{z:e}")).map(f64::to_bits), Some(z.to_bits()));
    }
}

#[test]
fn from_parts() {
    assert_eq!(from_u64::<f64>(1, 23), Some(1e23));
    assert_eq!(from_u64::<f64>(0, 5), Some(0.0));
    assert_eq!(from_u64::<f32>(16777217, 0), Some(16777216.0));
    assert_eq!(from_u64::<f64>(u64::MAX, -5), "184467440737095.51615".parse().ok());
    let d = b"000123".iter().copied();
    assert_eq!(from_decimal::<f64>(true, d, -2), Some(-1.23));
}

/// The exact digits of `x` rounded by hand (the reference for `decimal`).
fn reference(exact: &str, p: usize, round: Round) -> (u64, i32) {
    let (mant, exp) = exact.split_once('e').unwrap_or((exact, "0"));
    let mut k: i32 = exp.parse().unwrap_or(0);
    let digits: Vec<u8> = mant.bytes().filter(u8::is_ascii_digit).map(|c| c - b'0').collect();
    let mut q: u64 = 0;
    for i in 0..p {
        q = q * 10 + *digits.get(i).unwrap_or(&0) as u64;
    }
    let rest = digits.get(p..).unwrap_or(&[]);
    let first = rest.first().copied().unwrap_or(0);
    let beyond = rest.iter().skip(1).any(|&d| d != 0);
    let up = match round {
        Round::Down => false,
        Round::HalfAway => first >= 5,
        Round::HalfEven => first > 5 || (first == 5 && (beyond || q % 2 == 1)),
    };
    if up {
        q += 1;
        if q == 10u64.pow(p as u32) {
            q /= 10;
            k += 1;
        }
    }
    (q, k)
}

#[test]
fn digits_match_exact_values() {
    let mut r = Rng(777);
    for i in 0..6_000 {
        let x = match i % 4 {
            0 => f64::from_bits(r.next() >> 12),
            1 => (r.below(100000) as f64) / 8.0,
            _ => f64::from_bits(r.next()),
        };
        let x = x.abs();
        if !x.is_finite() || x == 0.0 {
            continue;
        }
        let exact = format!("{x:.1100e}");
        for p in 1..=17u32 {
            for round in [Round::HalfEven, Round::HalfAway, Round::Down] {
                assert_eq!(decimal(x, p, round), reference(&exact, p as usize, round), "{x:e} p={p} {round:?}");
            }
        }
        let y = f32::from_bits(r.next() as u32).abs();
        if y.is_finite() && y != 0.0 {
            let exact = format!("{y:.200e}");
            for p in 1..=12u32 {
                for round in [Round::HalfEven, Round::HalfAway, Round::Down] {
                    assert_eq!(decimal(y, p, round), reference(&exact, p as usize, round), "{y:e} p={p}");
                }
            }
        }
    }
}

#[test]
fn digits_edges() {
    assert_eq!(decimal(0.125f64, 2, Round::HalfEven), (12, -1));
    assert_eq!(decimal(0.125f64, 2, Round::HalfAway), (13, -1));
    assert_eq!(decimal(9.5f64, 1, Round::HalfEven), (1, 1));
    assert_eq!(decimal(9.5f64, 1, Round::Down), (9, 0));
    assert_eq!(decimal(-2.5f32, 1, Round::HalfEven), (2, 0));
    assert_eq!(decimal(0.0f64, 5, Round::HalfEven), (0, 0));
    assert_eq!(decimal(f64::INFINITY, 5, Round::HalfEven), (0, 0));
    assert_eq!(decimal(f64::NAN, 5, Round::HalfEven), (0, 0));
    assert_eq!(decimal(5e-324f64, 16, Round::HalfEven), (4940656458412465, -324));
    assert_eq!(decimal(f64::MAX, 17, Round::HalfEven), (17976931348623157, 308));
    assert_eq!(decimal(f32::MAX, 9, Round::HalfEven), (340282347, 38));
    assert_eq!(decimal(f32::from_bits(1), 9, Round::HalfEven), (140129846, -45));
    assert_eq!(decimal(1e23f64, 17, Round::HalfEven), (99999999999999992, 22));
    // p is clamped to 1..=17.
    assert_eq!(decimal(0.1f64, 30, Round::HalfEven), (10000000000000001, -1));
    assert_eq!(decimal(0.1f64, 0, Round::HalfEven), (1, -1));
    // CPython's '%.7g' digits of single-precision values.
    for (x, q, k) in [(1.0f32 / 3.0, 3333333, -1), (2.0f32.powi(100), 1267651, 30), (0.1f32, 1000000, -1)] {
        assert_eq!(decimal(x, 7, Round::HalfEven), (q, k));
    }
}
