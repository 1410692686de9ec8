//! The `time` module: wall clock, sleeping and wrapping tick counters.
//!
//! Ticks wrap with period 2**30 on every port (as on 32-bit MicroPython
//! builds and the reference board), so `ticks_diff`/`ticks_add` behave the
//! same everywhere. `localtime` uses UTC (the HAL gives no time zone).

#[cfg(feature = "float")]
use crate::typ::Entry;
use super::args::float_arg;
use super::args::int_arg;
use crate::obj::Obj;
use crate::qstr::q;
use crate::state::Vm;
use crate::types::exception::OVERFLOW_ERROR_TYPE;
use crate::typ::{BuiltinFun, ModuleDef, Rom};
use crate::PyResult;

/// Ticks period.
pub const TICKS_PERIOD: i64 = 1 << 30;
const TICKS_MAX: i64 = TICKS_PERIOD - 1;
const TICKS_HALF: i64 = TICKS_PERIOD / 2;

/// The HAL's wall clock in 64 bits (good until the year 2262; no 128-bit
/// arithmetic on the boards).
fn now_ns(vm: &mut Vm) -> i64 {
    vm.hal.time_ns() as i64
}

/// `time()`: seconds as an int without floats (as official's).
#[cfg(not(feature = "float"))]
fn time(vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let ns = now_ns(vm);
    vm.new_int(ns.div_euclid(1_000_000_000))
}

#[cfg(feature = "float")]
fn time(vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let ns = now_ns(vm);
    // Single precision: no soft-double division on the boards.
    #[cfg(feature = "float-single")]
    let secs = {
        use super::wide::W;
        W::from_i64(ns).div(const { W::c(1e9) }).to_f32()
    };
    #[cfg(not(feature = "float-single"))]
    let secs = ns as f64 / 1e9;
    vm.new_float(secs)
}

fn time_ns(vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let ns = now_ns(vm);
    vm.new_int(ns)
}

/// `sleep(secs)`: int seconds without floats (as official's).
#[cfg(not(feature = "float"))]
fn sleep(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let a = &[a0];
    let s = int_arg(vm, a[0])?;
    if s > 0 {
        return crate::vm::pending::sleep_us(vm, (s as u64).saturating_mul(1_000_000));
    }
    Ok(Obj::NONE)
}

/// `x as i64` (saturating, NaN 0) for `sleep` and `gmtime`.
#[cfg(all(feature = "float", not(feature = "float-single")))]
fn to_i64(x: crate::flt::Float) -> i64 {
    x as i64
}

#[cfg(all(feature = "float", feature = "float-single"))]
use self::f32_to_i64 as to_i64;

/// `x as i64` (saturating, NaN 0) for `sleep` and `gmtime`, through the
/// FPU's 32-bit conversion or the bits (floats of 2**31 or more are
/// integers): the boards link no float-to-i64 routine.
#[cfg(any(test, all(feature = "float", feature = "float-single")))]
fn f32_to_i64(x: f32) -> i64 {
    if x.abs() < 2_147_483_648.0 {
        return x as i32 as i64;
    }
    if x.is_nan() {
        return 0;
    }
    let b = x.to_bits();
    // |x| = m · 2**e, e >= 8 here.
    let e = ((b >> 23) & 0xff) - 150;
    let neg = b >> 31 != 0;
    if e >= 40 {
        return if neg { i64::MIN } else { i64::MAX };
    }
    let v = (((b & 0x7f_ffff) | 0x80_0000) as i64) << e;
    if neg {
        -v
    } else {
        v
    }
}

#[cfg(feature = "float")]
fn sleep(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let a = &[a0];
    let s = float_arg(vm, a[0])?;
    if s > 0.0 {
        // Through i64 (saturating: ~292,000 years at most, as good as
        // forever): no float-to-u64 routine linked for this one use.
        return crate::vm::pending::sleep_us(vm, to_i64(s * 1e6) as u64);
    }
    Ok(Obj::NONE)
}

fn ticks_ms(vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let us = vm.hal.ticks_us();
    // 32-bit targets: by word divisions ([`floor_div`]; the count is far
    // below 2**63), so the boards link no 64-bit division routine.
    #[cfg(target_pointer_width = "64")]
    let ms = (us / 1000) as i64;
    #[cfg(not(target_pointer_width = "64"))]
    let ms = floor_div(us as i64, 1000).0;
    Ok(Obj::small_int((ms & TICKS_MAX) as isize))
}

fn ticks_us(vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let t = vm.hal.ticks_us() as i64 & TICKS_MAX;
    Ok(Obj::small_int(t as isize))
}

fn ticks_cpu(vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let t = vm.hal.ticks_cpu() as i64 & TICKS_MAX;
    Ok(Obj::small_int(t as isize))
}

/// `ticks_add(t, delta)`.
///
/// Errors: `OverflowError: ticks interval overflow` if `|delta|` exceeds
/// half the period.
fn ticks_add(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let mut v = [0; 2];
    super::args::int_args(vm, a, &mut v)?;
    let [t, d] = v;
    if !(-TICKS_HALF..TICKS_HALF).contains(&d) {
        return Err(vm.error(&OVERFLOW_ERROR_TYPE, msg!("ticks interval overflow")));
    }
    Ok(Obj::small_int((t.wrapping_add(d) & TICKS_MAX) as isize))
}

/// `ticks_diff(a, b)`: signed `a - b` modulo the period.
fn ticks_diff(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let mut v = [0; 2];
    super::args::int_args(vm, a, &mut v)?;
    let [x, y] = v;
    let d = (x.wrapping_sub(y).wrapping_add(TICKS_HALF) & TICKS_MAX) - TICKS_HALF;
    Ok(Obj::small_int(d as isize))
}

/// `n` divided by `d` (`1..=0xffff`) rounding down, and the remainder
/// (`0..d`): by word divisions (the high word, then 16 bits at a time), so
/// the boards link no signed 64-bit division routine (the clock's divisors
/// are products of such).
fn floor_div(n: i64, d: u32) -> (i64, u32) {
    // Below zero, `!n` (= -n - 1) divides instead: floor(n / d) is then
    // `!(!n / d)` and the remainder `d - 1 - !n % d`.
    let m = if n < 0 { !n } else { n } as u64;
    let (hi, lo) = ((m >> 32) as u32, m as u32);
    // Each step's dividend is below `d << 16`, so its quotient fits 16 bits.
    let (q2, r) = (hi / d, hi % d);
    let cur = (r << 16) | (lo >> 16);
    let (q1, r) = (cur / d, cur % d);
    let cur = (r << 16) | (lo & 0xffff);
    let (q0, r) = (cur / d, cur % d);
    let q = (u64::from(q2) << 32) | u64::from((q1 << 16) | q0);
    if n < 0 {
        (!(q as i64), d - 1 - r)
    } else {
        (q as i64, r)
    }
}

/// Days since 1970-01-01 -> (year, month, day, day of the year from 1,
/// weekday from Monday = 0) (proleptic Gregorian; one division of the
/// 64-bit day count into eras, the rest within a 400-year era in 32 bits).
fn civil_from_days(z: i64) -> (i64, u32, u32, u32, u32) {
    let z = z + 719_468;
    // 146,097 days = 27 * 5,411.
    let era = floor_div(floor_div(z, 27).0, 5_411).0;
    let doe = (z - era * 146_097) as u32;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    // Day of the year starting on March 1.
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let (m, ye) = if mp < 10 { (mp + 3, yoe) } else { (mp - 9, yoe + 1) };
    let leap = ye % 4 == 0 && (ye % 100 != 0 || ye % 400 == 0);
    let yday = if mp < 10 { doy + 60 + leap as u32 } else { doy - 305 };
    // An era is whole weeks, and 1970-01-01 (doe 135080) was a Thursday.
    let wday = (doe + 2) % 7;
    (era * 400 + ye as i64, m, d, yday, wday)
}

/// (year, month 1..=12) -> days from 1970-01-01 to the month's first day
/// (callers keep |y| below 2^40).
fn days_from_civil(y: i64, m: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let (era, yoe) = floor_div(y, 400);
    let mp = (m + 9) % 12;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + (153 * mp + 2) / 5;
    era * 146_097 + doe as i64 - 719_468
}

/// `localtime([secs])` / `gmtime([secs])`: (year, month, mday, hour,
/// minute, second, weekday (Monday 0), yearday (1-based)).
fn gmtime(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let secs = match a.first() {
        Some(&o) if o != Obj::NONE => {
            #[cfg(not(feature = "float"))]
            {
                int_arg(vm, o)?
            }
            #[cfg(feature = "float")]
            if vm.float_of(o).is_some() {
                to_i64(float_arg(vm, o)?)
            } else {
                int_arg(vm, o)?
            }
        }
        // 10**9 ns = 2**9 * 125 * 15,625 (the clock is past 1970).
        _ => floor_div(floor_div(now_ns(vm) >> 9, 125).0, 15_625).0,
    };
    // 86,400 s = 2**7 * 675.
    let days = floor_div(secs >> 7, 675).0;
    let rem = (secs - days * 86_400) as u32;
    let (y, m, d, yday, wday) = civil_from_days(days);
    let y = vm.new_int(y)?;
    let si = |v: u32| Obj::small_int(v as isize);
    vm.new_tuple(&[y, si(m), si(d), si(rem / 3600), si(rem % 3600 / 60), si(rem % 60), si(wday), si(yday)])
}

/// `mktime(tuple)`: the inverse of `localtime`, normalising out-of-range
/// fields as MicroPython does.
fn mktime(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let a = &[a0];
    let mut items = [Obj::NULL; 6];
    match vm.seq_items(a[0]) {
        Some(v) if v.len() >= 8 => items.copy_from_slice(&v[..6]),
        _ => return Err(vm.type_error(msg!("mktime needs a tuple of length 8 or 9"))),
    }
    let mut f = [0i64; 6];
    for (i, slot) in f.iter_mut().enumerate() {
        *slot = int_arg(vm, items[i])?;
        // Fields must fit a 32-bit machine word (as on MicroPython's
        // 32-bit ports); out-of-range ones are then normalised without
        // overflowing i64 below (|secs| < 2^57).
        if i32::try_from(*slot).is_err() {
            return Err(crate::types::strutil::word_overflow(vm));
        }
    }
    let (mut y, mut mo) = (f[0], f[1] - 1);
    let (dy, m) = floor_div(mo, 12);
    y += dy;
    mo = m as i64;
    let days = days_from_civil(y, mo as u32 + 1) + f[2] - 1;
    let secs = days * 86_400 + f[3] * 3600 + f[4] * 60 + f[5];
    vm.new_int(secs)
}

static TIME: BuiltinFun = BuiltinFun::new(q::time, 0, 0, time);
static TIME_NS: BuiltinFun = BuiltinFun::new(q::time_ns, 0, 0, time_ns);
static SLEEP: BuiltinFun = BuiltinFun::new1(q::sleep, sleep);
static SLEEP_MS: BuiltinFun = BuiltinFun::new1_at(q::sleep_ms, super::sleep_int, 0);
static SLEEP_US: BuiltinFun = BuiltinFun::new1_at(q::sleep_us, super::sleep_int, 1);
static TICKS_MS: BuiltinFun = BuiltinFun::new(q::ticks_ms, 0, 0, ticks_ms);
static TICKS_US: BuiltinFun = BuiltinFun::new(q::ticks_us, 0, 0, ticks_us);
static TICKS_CPU: BuiltinFun = BuiltinFun::new(q::ticks_cpu, 0, 0, ticks_cpu);
static TICKS_ADD: BuiltinFun = BuiltinFun::new(q::ticks_add, 2, 2, ticks_add);
static TICKS_DIFF: BuiltinFun = BuiltinFun::new(q::ticks_diff, 2, 2, ticks_diff);
static GMTIME: BuiltinFun = BuiltinFun::new(q::gmtime, 0, 1, gmtime);
static MKTIME: BuiltinFun = BuiltinFun::new1(q::mktime, mktime);

static LOCALS: [Entry; 14] = [
    Entry::new(q::__name__, Rom::Str(q::time)),
    Entry::new(q::gmtime, Rom::Fun(&GMTIME)),
    // (One object under both names, as MicroPython.)
    Entry::new(q::localtime, Rom::Fun(&GMTIME)),
    Entry::new(q::mktime, Rom::Fun(&MKTIME)),
    Entry::new(q::sleep, Rom::Fun(&SLEEP)),
    Entry::new(q::sleep_ms, Rom::Fun(&SLEEP_MS)),
    Entry::new(q::sleep_us, Rom::Fun(&SLEEP_US)),
    Entry::new(q::ticks_add, Rom::Fun(&TICKS_ADD)),
    Entry::new(q::ticks_cpu, Rom::Fun(&TICKS_CPU)),
    Entry::new(q::ticks_diff, Rom::Fun(&TICKS_DIFF)),
    Entry::new(q::ticks_ms, Rom::Fun(&TICKS_MS)),
    Entry::new(q::ticks_us, Rom::Fun(&TICKS_US)),
    Entry::new(q::time, Rom::Fun(&TIME)),
    Entry::new(q::time_ns, Rom::Fun(&TIME_NS)),
];

/// The `time` module.
pub static TIME_MODULE: ModuleDef = ModuleDef::new(q::time, &LOCALS);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f32_to_i64_as_cast() {
        let mut b = 0u32;
        loop {
            let x = f32::from_bits(b);
            assert_eq!(f32_to_i64(x), x as i64, "{x}");
            match b.checked_add(0x0000_1234) {
                Some(n) => b = n,
                None => break,
            }
        }
        for x in [2_147_483_648.0f32, -2_147_483_648.0, 9.223_372e18, -9.223_372e18, f32::MAX, f32::MIN, f32::INFINITY, f32::NEG_INFINITY, f32::NAN, 0.5, -0.99] {
            assert_eq!(f32_to_i64(x), x as i64, "{x}");
        }
    }

    #[test]
    fn floor_div_matches_div_euclid() {
        for n in [0i64, 1, -1, 26, -27, 86_399, -86_401, 1 << 40, -(1 << 40) - 3, i64::MAX, i64::MIN] {
            for d in [1u32, 7, 12, 400, 675, 0xffff] {
                assert_eq!(floor_div(n, d), (n.div_euclid(d as i64), n.rem_euclid(d as i64) as u32));
            }
        }
    }

    #[test]
    fn civil_round_trip() {
        assert_eq!(civil_from_days(0), (1970, 1, 1, 1, 3));
        assert_eq!(civil_from_days(365), (1971, 1, 1, 1, 4));
        assert_eq!(civil_from_days(365 + 365 + 59), (1972, 2, 29, 60, 1));
        assert_eq!(civil_from_days(365 + 365 + 365), (1972, 12, 31, 366, 6));
        assert_eq!(days_from_civil(2000, 1) * 86_400, 946_684_800);
        for d in (-800_000..800_000).step_by(97) {
            let (y, m, dd, yday, wday) = civil_from_days(d);
            assert_eq!(wday as i64, (d + 3).rem_euclid(7));
            assert_eq!(days_from_civil(y, m) + dd as i64 - 1, d);
            assert_eq!(days_from_civil(y, 1) + yday as i64 - 1, d);
        }
    }
}
