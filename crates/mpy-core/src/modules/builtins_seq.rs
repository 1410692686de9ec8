//! Builtins over iterables: `all`, `any`, `min`, `max`, `sum`, `sorted`.
//!
//! MicroPython behaviour: `min`/`max` take one iterable or several
//! arguments, with `key=` and `default=` (`ValueError: arg is an empty
//! sequence`); `sum(iterable, start)` takes `start` positionally only;
//! `sorted(iterable, key=, reverse=)` (`TypeError: must use keyword
//! argument for key function`).

use crate::typ::given;
use crate::obj::Obj;
use crate::state::Vm;
use crate::typ::BinaryOp;
use crate::types::list::{list_from_iter, sort_items, sort_kw};
use crate::types::seq::{kw_check, kw_get};
use crate::PyResult;

/// `all(iterable)` (`any` 0) and `any(iterable)` (`any` 1), one body (a
/// [`crate::typ::BuiltinFun::new1_at`] each): `stop_on` (`any != 0`) as
/// soon as an item's truth is `stop_on`, else its negation.
pub fn all_any(vm: &mut Vm, o: Obj, any: usize) -> PyResult<Obj> {
    let stop_on = any != 0;
    // Desktop: a generator's plainly true (all) or false (any) items
    // passed over inside it.
    #[cfg(not(target_os = "none"))]
    if o.ptr_type().is_some_and(|t| core::ptr::eq(t, &crate::types::misc::GENERATOR_TYPE)) {
        use crate::vm::gen::{drain_step, DRAIN_ALL, DRAIN_ANY};
        let kind = if stop_on { DRAIN_ANY } else { DRAIN_ALL };
        while let (Some(x), _) = drain_step(vm, o, kind, Obj::NULL)? {
            if vm.is_true(x)? == stop_on {
                return Ok(Obj::bool(stop_on));
            }
        }
        return Ok(Obj::bool(!stop_on));
    }
    let it = vm.get_iter(o)?;
    while let Some(x) = vm.iter_next(it)? {
        if vm.is_true(x)? == stop_on {
            return Ok(Obj::bool(stop_on));
        }
    }
    Ok(Obj::bool(!stop_on))
}

/// Shared body of `min` (`want_max` false) and `max`.
fn min_max(vm: &mut Vm, args: &[Obj], kw: &[Obj], want_max: bool) -> PyResult<Obj> {
    kw_check(vm, kw, &["key", "default"])?;
    let key = kw_get(vm, kw, "key").filter(|&k| k != Obj::NONE);
    let default = kw_get(vm, kw, "default");
    // One iterable argument is iterated lazily (no copy); several
    // arguments are compared directly. Locals hold the best item and key
    // (the collector scans the native stack).
    let it = if args.len() == 1 { Some(vm.get_iter(args[0])?) } else { None };
    let mut best: Option<(Obj, Obj)> = None;
    let mut n = 0;
    loop {
        let x = match it {
            Some(it) => match vm.iter_next(it)? {
                Some(x) => x,
                None => break,
            },
            None => match args.get(n) {
                Some(&x) => x,
                None => break,
            },
        };
        n += 1;
        let k = match key {
            Some(f) => vm.call(f, &[x], &[])?,
            None => x,
        };
        best = Some(match best {
            None => (x, k),
            Some((bx, bk)) => {
                // MicroPython compares `item > best` for max and
                // `item < best` for min (this order shows in errors).
                // (Desktop: small ints compared here; the boards leave
                // them to the operators, in less flash.)
                #[cfg(not(target_os = "none"))]
                let pair = (k.as_small_int(), bk.as_small_int());
                #[cfg(target_os = "none")]
                let pair: (Option<isize>, Option<isize>) = (None, None);
                let better = match pair {
                    (Some(a), Some(b)) => {
                        if want_max {
                            a > b
                        } else {
                            a < b
                        }
                    }
                    _ if want_max => {
                        let r = vm.binary_op(BinaryOp::More, k, bk)?;
                        vm.is_true(r)?
                    }
                    _ => vm.less(k, bk)?,
                };
                if better {
                    (x, k)
                } else {
                    (bx, bk)
                }
            }
        });
    }
    match best {
        Some((x, _)) => Ok(x),
        None => match default {
            Some(d) => Ok(d),
            None => Err(vm.value_error(msg!("arg is an empty sequence"))),
        },
    }
}

/// Desktop: `min(a, b)` / `max(a, b)` of two small ints, or (NaN-boxed
/// doubles) of floats and small ints, without keywords: compared as
/// [`min_max`] compares them (`b > a` for max, `b < a` for min; a small
/// int is exact as a double), returning the argument itself. None:
/// anything else.
#[cfg(not(target_os = "none"))]
#[inline(always)]
fn min_max_pair(args: &[Obj], kw: &[Obj], want_max: bool) -> Option<Obj> {
    let &[a, b] = args else { return None };
    if !kw.is_empty() {
        return None;
    }
    let pick = |later: bool| Some(if later { b } else { a });
    if let (Some(x), Some(y)) = (a.as_small_int(), b.as_small_int()) {
        return pick(if want_max { y > x } else { y < x });
    }
    #[cfg(all(feature = "float", feature = "nanbox", not(feature = "float-single")))]
    {
        let num = |o: Obj| match o.as_inline_float() {
            Some(f) => Some(f),
            None if o.is_small_int() => Some(o.small_int_unchecked() as f64),
            None => None,
        };
        let (x, y) = (num(a)?, num(b)?);
        return pick(if want_max { y > x } else { y < x });
    }
    #[allow(unreachable_code)]
    None
}

/// `min(iterable, *, key=None, default=...)` / `min(a, b, *args, key=None)`.
pub fn b_min(vm: &mut Vm, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    #[cfg(not(target_os = "none"))]
    if let Some(r) = min_max_pair(args, kw, false) {
        return Ok(r);
    }
    min_max(vm, args, kw, false)
}

/// `max(iterable, *, key=None, default=...)` / `max(a, b, *args, key=None)`.
pub fn b_max(vm: &mut Vm, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    #[cfg(not(target_os = "none"))]
    if let Some(r) = min_max_pair(args, kw, true) {
        return Ok(r);
    }
    min_max(vm, args, kw, true)
}

/// `sum(iterable, start=0)`.
pub fn b_sum(vm: &mut Vm, a0: Obj, a1: Obj, _a2: Obj) -> PyResult<Obj> {
    let mut acc = given(&a1).copied().unwrap_or(Obj::small_int(0));
    // Desktop: a generator's small ints added inside it.
    #[cfg(not(target_os = "none"))]
    if a0.ptr_type().is_some_and(|t| core::ptr::eq(t, &crate::types::misc::GENERATOR_TYPE)) {
        loop {
            let (x, a) = crate::vm::gen::drain_step(vm, a0, crate::vm::gen::DRAIN_SUM, acc)?;
            acc = a;
            let Some(x) = x else { return Ok(acc) };
            acc = vm.binary_op(BinaryOp::Add, acc, x)?;
        }
    }
    let it = vm.get_iter(a0)?;
    while let Some(x) = vm.iter_next(it)? {
        // (Desktop: small ints added here; the boards leave them to the
        // operator, in less flash.)
        #[cfg(not(target_os = "none"))]
        if let (Some(a), Some(b)) = (acc.as_small_int(), x.as_small_int()) {
            if Obj::fits_small_int(a as i64 + b as i64) {
                acc = Obj::small_int(a + b);
                continue;
            }
        }
        acc = vm.binary_op(BinaryOp::Add, acc, x)?;
    }
    Ok(acc)
}

/// `sorted(iterable, *, key=None, reverse=False)`: a new sorted list
/// (stable).
pub fn b_sorted(vm: &mut Vm, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    if args.len() > 1 {
        return Err(vm.type_error(msg!("must use keyword argument for key function")));
    }
    let (key, reverse) = sort_kw(vm, kw)?;
    let l = list_from_iter(vm, args[0])?;
    sort_items(vm, l, key, reverse)?;
    Ok(l)
}
