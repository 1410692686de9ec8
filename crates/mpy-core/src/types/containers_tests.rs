//! Tests of tuple, list, dict, set, range and the iterators through the
//! runtime API (expected values checked against MicroPython 1.27).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::testutil::*;
use crate::obj::Obj;
use crate::typ::{BinaryOp, Subscr};
use alloc::vec::Vec;

macro_rules! rr {
    ($vm:ident, $e:expr) => {{
        let x = $e;
        rr(&mut $vm, x)
    }};
}

fn slice(vm: &mut crate::Vm, a: Obj, b: Obj, c: Obj) -> Obj {
    crate::types::slice::new_slice(vm, a, b, c).unwrap()
}

const N: Obj = Obj::NONE;

#[test]
fn list_basic_methods() {
    with_vm(|mut vm, _| {
        let l = ilist(&mut vm, &[1, 2, 3]);
        meth(&mut vm, l, "append", &[i(4)]).unwrap();
        meth(&mut vm, l, "insert", &[i(0), i(0)]).unwrap();
        meth(&mut vm, l, "insert", &[i(-100), i(-1)]).unwrap();
        meth(&mut vm, l, "insert", &[i(100), i(9)]).unwrap();
        assert_eq!(r(&mut vm, l), "[-1, 0, 1, 2, 3, 4, 9]");
        assert_eq!(rr!(vm, meth(&mut vm, l, "pop", &[])), "9");
        assert_eq!(rr!(vm, meth(&mut vm, l, "pop", &[i(0)])), "-1");
        assert_eq!(
            rr!(vm, meth(&mut vm, l, "pop", &[i(10)])),
            "IndexError: list index out of range"
        );
        assert_eq!(rr!(vm, meth(&mut vm, l, "index", &[i(3)])), "3");
        assert_eq!(
            rr!(vm, meth(&mut vm, l, "index", &[i(7)])),
            "ValueError: object not in sequence"
        );
        assert_eq!(rr!(vm, meth(&mut vm, l, "count", &[i(2)])), "1");
        meth(&mut vm, l, "remove", &[i(2)]).unwrap();
        assert_eq!(
            rr!(vm, meth(&mut vm, l, "remove", &[i(2)])),
            "ValueError: object not in sequence"
        );
        meth(&mut vm, l, "reverse", &[]).unwrap();
        assert_eq!(r(&mut vm, l), "[4, 3, 1, 0]");
        let c = meth(&mut vm, l, "copy", &[]).unwrap();
        meth(&mut vm, l, "clear", &[]).unwrap();
        assert_eq!(r(&mut vm, l), "[]");
        assert_eq!(r(&mut vm, c), "[4, 3, 1, 0]");
        assert_eq!(
            rr!(vm, meth(&mut vm, l, "pop", &[])),
            "IndexError: pop from empty list"
        );
        let t = ilist(&mut vm, &[5, 6]);
        meth(&mut vm, c, "extend", &[t]).unwrap();
        assert_eq!(r(&mut vm, c), "[4, 3, 1, 0, 5, 6]");
    });
}

#[test]
fn list_sort_is_stable_with_key_and_reverse() {
    with_vm(|mut vm, _| {
        // Sort (k, tag) pairs by key=min (= k): equal keys keep their order.
        let ks = [3, 1, 2, 1, 3, 2];
        let l = vm.new_list(&[]).unwrap();
        for (n, &k) in ks.iter().enumerate() {
            let t = vm.new_tuple(&[i(k), i(100 + n as isize)]).unwrap();
            crate::types::list::list_append(&mut vm, l, t).unwrap();
        }
        let key = builtin(&mut vm, "min");
        assert_eq!(r(&mut vm, l), "[(3, 100), (1, 101), (2, 102), (1, 103), (3, 104), (2, 105)]");
        meth_kw(&mut vm, l, "sort", &[], &[("key", key)]).unwrap();
        assert_eq!(
            r(&mut vm, l),
            "[(1, 101), (1, 103), (2, 102), (2, 105), (3, 100), (3, 104)]"
        );
        let res = meth_kw(
            &mut vm,
            l,
            "sort",
            &[],
            &[("key", key), ("reverse", Obj::TRUE)],
        );
        assert_eq!(rr!(vm, res), "None");
        assert_eq!(
            r(&mut vm, l),
            "[(3, 100), (3, 104), (2, 102), (2, 105), (1, 101), (1, 103)]"
        );
        let sorted = call_kw(&mut vm, "sorted", &[l], &[("key", key)]).unwrap();
        assert_eq!(
            r(&mut vm, sorted),
            "[(1, 101), (1, 103), (2, 102), (2, 105), (3, 100), (3, 104)]"
        );
        let l = ilist(&mut vm, &[3, -1, 2, 1, -3, -2]);
        meth(&mut vm, l, "sort", &[]).unwrap();
        assert_eq!(r(&mut vm, l), "[-3, -2, -1, 1, 2, 3]");
        let big: Vec<isize> = (0..100).map(|x| (x * 37) % 101).collect();
        let l2 = ilist(&mut vm, &big);
        meth(&mut vm, l2, "sort", &[]).unwrap();
        let items = crate::types::list::list_items(&vm, l2);
        assert!(items
            .windows(2)
            .all(|w| w[0].as_small_int() < w[1].as_small_int()));
        assert_eq!(
            rr!(vm, meth(&mut vm, l, "sort", &[i(1)])),
            "TypeError: extra positional arguments given"
        );
    });
}

#[test]
fn list_sort_error_leaves_list_unchanged() {
    with_vm(|mut vm, _| {
        let l = ilist(&mut vm, &[3, 1, 2]);
        let len = builtin(&mut vm, "len");
        let e = meth_kw(&mut vm, l, "sort", &[], &[("key", len)]);
        assert_eq!(rr!(vm, e), "TypeError: object of type 'int' has no len()");
        assert_eq!(r(&mut vm, l), "[3, 1, 2]");
        let x = ilist(&mut vm, &[1]);
        let mixed = vm.new_list(&[i(2), x, i(1)]).unwrap();
        let e = meth(&mut vm, mixed, "sort", &[]);
        assert!(rr!(vm, e).starts_with("TypeError: unsupported types for __lt__"));
        assert_eq!(r(&mut vm, mixed), "[2, [1], 1]");
    });
}

#[test]
fn list_slicing_and_slice_assignment() {
    with_vm(|mut vm, _| {
        let l = ilist(&mut vm, &[0, 1, 2, 3, 4, 5]);
        let sl = slice(&mut vm, i(1), i(4), N);
        let x = vm.subscr(l, sl, Subscr::Load).unwrap();
        assert_eq!(r(&mut vm, x), "[1, 2, 3]");
        let sl = slice(&mut vm, N, N, i(-2));
        let x = vm.subscr(l, sl, Subscr::Load).unwrap();
        assert_eq!(r(&mut vm, x), "[5, 3, 1]");
        let sl = slice(&mut vm, i(-100), i(100), i(3));
        let x = vm.subscr(l, sl, Subscr::Load).unwrap();
        assert_eq!(r(&mut vm, x), "[0, 3]");
        let sl = slice(&mut vm, i(1), i(3), N);
        let v = ilist(&mut vm, &[9]);
        vm.subscr(l, sl, Subscr::Store(v)).unwrap();
        assert_eq!(r(&mut vm, l), "[0, 9, 3, 4, 5]");
        let sl = slice(&mut vm, i(10), N, N);
        let v = vm.new_tuple(&[i(7), i(8)]).unwrap();
        vm.subscr(l, sl, Subscr::Store(v)).unwrap();
        assert_eq!(r(&mut vm, l), "[0, 9, 3, 4, 5, 7, 8]");
        let sl = slice(&mut vm, i(-1), i(-5), N);
        let v = ilist(&mut vm, &[6]);
        vm.subscr(l, sl, Subscr::Store(v)).unwrap();
        assert_eq!(r(&mut vm, l), "[0, 9, 3, 4, 5, 7, 6, 8]");
        let sl = slice(&mut vm, N, i(2), N);
        vm.subscr(l, sl, Subscr::Delete).unwrap();
        assert_eq!(r(&mut vm, l), "[3, 4, 5, 7, 6, 8]");
        let sl = slice(&mut vm, N, N, i(2));
        let e = vm.subscr(l, sl, Subscr::Delete);
        assert_eq!(rr!(vm, e), "NotImplementedError");
        let sl = slice(&mut vm, N, N, i(0));
        let e = vm.subscr(l, sl, Subscr::Load);
        assert_eq!(rr!(vm, e), "ValueError: slice step can't be zero");
        let sl = slice(&mut vm, i(0), i(1), N);
        let e = vm.subscr(l, sl, Subscr::Store(i(5)));
        assert_eq!(rr!(vm, e), "TypeError: object 'int' isn't a tuple or list");
        vm.subscr(l, i(-1), Subscr::Store(i(42))).unwrap();
        vm.subscr(l, i(0), Subscr::Delete).unwrap();
        assert_eq!(r(&mut vm, l), "[4, 5, 7, 6, 42]");
        let e = vm.subscr(l, i(5), Subscr::Load);
        assert_eq!(rr!(vm, e), "IndexError: list index out of range");
        let e = vm.subscr(l, N, Subscr::Load);
        assert_eq!(
            rr!(vm, e),
            "TypeError: list indices must be integers, not NoneType"
        );
        assert_eq!(rr!(vm, vm.subscr(l, Obj::TRUE, Subscr::Load)), "5");
    });
}

#[test]
fn list_operators() {
    with_vm(|mut vm, _| {
        let a = ilist(&mut vm, &[1, 2]);
        let b = ilist(&mut vm, &[1, 3]);
        let t = vm.new_tuple(&[i(1), i(2)]).unwrap();
        assert_eq!(rr!(vm, vm.binary_op(BinaryOp::Add, a, b)), "[1, 2, 1, 3]");
        let e = vm.binary_op(BinaryOp::Add, a, t);
        assert_eq!(
            rr!(vm, e),
            "TypeError: unsupported types for __add__: 'list', 'tuple'"
        );
        assert_eq!(
            rr!(vm, vm.binary_op(BinaryOp::Multiply, a, i(2))),
            "[1, 2, 1, 2]"
        );
        assert_eq!(
            rr!(vm, vm.binary_op(BinaryOp::Multiply, i(2), a)),
            "[1, 2, 1, 2]"
        );
        assert_eq!(rr!(vm, vm.binary_op(BinaryOp::Multiply, a, i(-1))), "[]");
        assert_eq!(
            rr!(vm, vm.binary_op(BinaryOp::Multiply, a, Obj::TRUE)),
            "[1, 2]"
        );
        let huge = i(Obj::SMALL_INT_MAX / 2);
        let e = vm.binary_op(BinaryOp::Multiply, a, huge);
        assert_eq!(rr!(vm, e), "MemoryError");
        assert_eq!(rr!(vm, vm.binary_op(BinaryOp::Less, a, b)), "True");
        assert_eq!(rr!(vm, vm.binary_op(BinaryOp::MoreEqual, a, a)), "True");
        let e = vm.binary_op(BinaryOp::Less, a, t);
        assert_eq!(
            rr!(vm, e),
            "TypeError: unsupported types for __lt__: 'list', 'tuple'"
        );
        assert!(!vm.eq(a, t).unwrap());
        let a2 = ilist(&mut vm, &[1, 2]);
        assert!(vm.eq(a, a2).unwrap());
        assert!(vm.contains(a, i(2)).unwrap());
        assert!(!vm.contains(a, i(5)).unwrap());
        let r2 = vm.binary_op(BinaryOp::InplaceAdd, a, t).unwrap();
        assert_eq!(r2, a);
        assert_eq!(r(&mut vm, a), "[1, 2, 1, 2]");
        let e = vm.hash(a);
        assert_eq!(
            rr!(vm, e.map(|_| N)),
            "TypeError: unsupported type for __hash__: 'list'"
        );
        let l = vm.new_list(&[]).unwrap();
        crate::types::list::list_append(&mut vm, l, l).unwrap();
        assert_eq!(vm.len(l).unwrap(), 1);
    });
}

#[test]
fn tuple_behaviour() {
    with_vm(|mut vm, _| {
        let t1 = vm.new_tuple(&[i(1)]).unwrap();
        assert_eq!(r(&mut vm, t1), "(1,)");
        let t0 = vm.new_tuple(&[]).unwrap();
        assert_eq!(r(&mut vm, t0), "()");
        let l = ilist(&mut vm, &[1, 2, 3]);
        let t = call(&mut vm, "tuple", &[l]).unwrap();
        assert_eq!(r(&mut vm, t), "(1, 2, 3)");
        assert_eq!(
            rr!(vm, call(&mut vm, "tuple", &[i(1)])),
            "TypeError: 'int' object isn't iterable"
        );
        let sl = slice(&mut vm, i(1), N, N);
        assert_eq!(rr!(vm, vm.subscr(t, sl, Subscr::Load)), "(2, 3)");
        let e = vm.subscr(t, i(5), Subscr::Load);
        assert_eq!(rr!(vm, e), "IndexError: tuple index out of range");
        let t2 = vm.new_tuple(&[i(1), i(2), i(3)]).unwrap();
        assert_eq!(vm.hash(t).unwrap(), vm.hash(t2).unwrap());
        assert!(vm.eq(t, t2).unwrap());
        let t3 = vm.new_tuple(&[i(1), i(2)]).unwrap();
        assert_eq!(rr!(vm, vm.binary_op(BinaryOp::Less, t3, t)), "True");
        assert_eq!(rr!(vm, vm.binary_op(BinaryOp::More, t3, t1)), "True");
        assert_eq!(rr!(vm, vm.binary_op(BinaryOp::Add, t1, t3)), "(1, 1, 2)");
        assert_eq!(
            rr!(vm, vm.binary_op(BinaryOp::Multiply, t1, i(3))),
            "(1, 1, 1)"
        );
        assert_eq!(rr!(vm, meth(&mut vm, t, "index", &[i(3)])), "2");
        assert_eq!(rr!(vm, meth(&mut vm, t, "count", &[i(3)])), "1");
        let inner = ilist(&mut vm, &[1]);
        let tl = vm.new_tuple(&[inner]).unwrap();
        assert!(vm.hash(tl).is_err());
        let nested = vm.new_tuple(&[t1, inner]).unwrap();
        assert_eq!(r(&mut vm, nested), "((1,), [1])");
    });
}

#[test]
fn dict_behaviour() {
    with_vm(|mut vm, _| {
        let d = vm.new_dict().unwrap();
        vm.subscr(d, i(1), Subscr::Store(i(10))).unwrap();
        vm.subscr(d, i(2), Subscr::Store(i(20))).unwrap();
        vm.subscr(d, i(1), Subscr::Store(i(11))).unwrap();
        assert_eq!(r(&mut vm, d), "{1: 11, 2: 20}");
        let e = vm.subscr(d, i(3), Subscr::Load);
        assert_eq!(rr!(vm, e), "KeyError: 3");
        assert_eq!(rr!(vm, meth(&mut vm, d, "get", &[i(3)])), "None");
        assert_eq!(rr!(vm, meth(&mut vm, d, "get", &[i(3), i(0)])), "0");
        assert_eq!(
            rr!(vm, meth(&mut vm, d, "setdefault", &[i(3), i(30)])),
            "30"
        );
        assert_eq!(
            rr!(vm, meth(&mut vm, d, "setdefault", &[i(3), i(31)])),
            "30"
        );
        let k = meth(&mut vm, d, "keys", &[]).unwrap();
        assert_eq!(r(&mut vm, k), "dict_keys([1, 2, 3])");
        let v = meth(&mut vm, d, "values", &[]).unwrap();
        assert_eq!(r(&mut vm, v), "dict_values([11, 20, 30])");
        let it = meth(&mut vm, d, "items", &[]).unwrap();
        assert_eq!(r(&mut vm, it), "dict_items([(1, 11), (2, 20), (3, 30)])");
        assert_eq!(vm.len(it).unwrap(), 3);
        let pair = vm.new_tuple(&[i(2), i(20)]).unwrap();
        assert!(vm.contains(it, pair).unwrap());
        assert!(vm.contains(k, i(2)).unwrap());
        assert!(vm.contains(v, i(30)).unwrap());
        assert!(!vm.contains(v, i(3)).unwrap());
        assert_eq!(rr!(vm, meth(&mut vm, d, "popitem", &[])), "(3, 30)");
        assert_eq!(rr!(vm, meth(&mut vm, d, "pop", &[i(1)])), "11");
        assert_eq!(rr!(vm, meth(&mut vm, d, "pop", &[i(1), i(5)])), "5");
        assert_eq!(rr!(vm, meth(&mut vm, d, "pop", &[i(1)])), "KeyError: 1");
        vm.subscr(d, i(2), Subscr::Delete).unwrap();
        let e = vm.subscr(d, i(2), Subscr::Delete);
        assert_eq!(rr!(vm, e), "KeyError: 2");
        assert_eq!(
            rr!(vm, meth(&mut vm, d, "popitem", &[])),
            "KeyError: popitem(): dictionary is empty"
        );
        let e = vm.hash(d);
        assert_eq!(
            rr!(vm, e.map(|_| N)),
            "TypeError: unsupported type for __hash__: 'dict'"
        );
    });
}

#[test]
fn dict_constructors_and_update() {
    with_vm(|mut vm, _| {
        let p1 = vm.new_tuple(&[i(1), i(2)]).unwrap();
        let p2 = ilist(&mut vm, &[3, 4]);
        let pairs = vm.new_list(&[p1, p2]).unwrap();
        let d = call(&mut vm, "dict", &[pairs]).unwrap();
        assert_eq!(r(&mut vm, d), "{1: 2, 3: 4}");
        let d2 = call(&mut vm, "dict", &[d]).unwrap();
        assert!(vm.eq(d, d2).unwrap());
        vm.subscr(d2, i(1), Subscr::Store(i(9))).unwrap();
        assert!(!vm.eq(d, d2).unwrap());
        let bad = ilist(&mut vm, &[1, 2, 3]);
        let bad = vm.new_list(&[bad]).unwrap();
        let e = call(&mut vm, "dict", &[bad]);
        assert_eq!(
            rr!(vm, e),
            "ValueError: dict update sequence has wrong length"
        );
        let e = call(&mut vm, "dict", &[i(1)]);
        assert_eq!(rr!(vm, e), "TypeError: 'int' object isn't iterable");
        let keys = ilist(&mut vm, &[5, 6]);
        let dt = builtin(&mut vm, "dict");
        let fk = vm.load_attr(dt, crate::qstr::q::fromkeys).unwrap();
        let d3 = vm.call(fk, &[keys, i(0)], &[]).unwrap();
        assert_eq!(r(&mut vm, d3), "{5: 0, 6: 0}");
        let c = meth(&mut vm, d3, "copy", &[]).unwrap();
        meth(&mut vm, d3, "clear", &[]).unwrap();
        assert_eq!(r(&mut vm, d3), "{}");
        assert_eq!(r(&mut vm, c), "{5: 0, 6: 0}");
        meth(&mut vm, c, "update", &[d]).unwrap();
        assert_eq!(r(&mut vm, c), "{5: 0, 6: 0, 1: 2, 3: 4}");
        let l = call(&mut vm, "list", &[c]).unwrap();
        assert_eq!(r(&mut vm, l), "[5, 6, 1, 3]");
    });
}

#[test]
fn dict_many_keys_and_deletions() {
    with_vm(|mut vm, _| {
        let d = vm.new_dict().unwrap();
        for k in 0..200 {
            vm.subscr(d, i(k), Subscr::Store(i(k * 2))).unwrap();
        }
        for k in (0..200).step_by(3) {
            vm.subscr(d, i(k), Subscr::Delete).unwrap();
        }
        assert_eq!(vm.len(d).unwrap(), 200 - 67);
        for k in 0..200 {
            let v = vm.dict_lookup(d, i(k)).unwrap();
            assert_eq!(v, if k % 3 == 0 { None } else { Some(i(k * 2)) });
        }
        let it = vm.get_iter(d).unwrap();
        let mut n = 0;
        while vm.iter_next(it).unwrap().is_some() {
            n += 1;
        }
        assert_eq!(n, 133);
    });
}

#[test]
fn set_behaviour() {
    with_vm(|mut vm, _| {
        let l = ilist(&mut vm, &[1, 2, 3, 2]);
        let s1 = call(&mut vm, "set", &[l]).unwrap();
        assert_eq!(r(&mut vm, s1), "{1, 2, 3}");
        let l2 = ilist(&mut vm, &[3, 4]);
        let s2 = call(&mut vm, "set", &[l2]).unwrap();
        assert_eq!(rr!(vm, vm.binary_op(BinaryOp::Or, s1, s2)), "{1, 2, 3, 4}");
        assert_eq!(rr!(vm, vm.binary_op(BinaryOp::And, s1, s2)), "{3}");
        assert_eq!(rr!(vm, vm.binary_op(BinaryOp::Subtract, s1, s2)), "{1, 2}");
        assert_eq!(rr!(vm, vm.binary_op(BinaryOp::Xor, s1, s2)), "{1, 2, 4}");
        let e = vm.binary_op(BinaryOp::Or, s1, l2);
        assert_eq!(
            rr!(vm, e),
            "TypeError: unsupported types for __or__: 'set', 'list'"
        );
        assert_eq!(rr!(vm, meth(&mut vm, s1, "union", &[l2])), "{1, 2, 3, 4}");
        assert_eq!(rr!(vm, meth(&mut vm, s1, "issubset", &[l])), "True");
        assert_eq!(rr!(vm, meth(&mut vm, s1, "isdisjoint", &[l2])), "False");
        assert_eq!(rr!(vm, vm.binary_op(BinaryOp::Less, s1, s1)), "False");
        assert_eq!(rr!(vm, vm.binary_op(BinaryOp::LessEqual, s1, s1)), "True");
        let empty = call(&mut vm, "set", &[]).unwrap();
        assert_eq!(r(&mut vm, empty), "set()");
        assert_eq!(
            rr!(vm, meth(&mut vm, empty, "pop", &[])),
            "KeyError: pop from an empty set"
        );
        assert_eq!(
            rr!(vm, meth(&mut vm, empty, "remove", &[i(1)])),
            "KeyError: 1"
        );
        meth(&mut vm, empty, "discard", &[i(1)]).unwrap();
        meth(&mut vm, empty, "add", &[i(7)]).unwrap();
        assert_eq!(r(&mut vm, empty), "{7}");
        let r2 = vm.binary_op(BinaryOp::InplaceOr, empty, s2).unwrap();
        assert_eq!(r2, empty);
        assert_eq!(r(&mut vm, empty), "{7, 3, 4}");
        meth(&mut vm, empty, "intersection_update", &[l]).unwrap();
        assert_eq!(r(&mut vm, empty), "{3}");
        let fs = call(&mut vm, "frozenset", &[l]).unwrap();
        assert_eq!(r(&mut vm, fs), "frozenset({1, 2, 3})");
        assert!(vm.eq(fs, s1).unwrap());
        let l3 = ilist(&mut vm, &[3, 2, 1]);
        let fs2 = call(&mut vm, "frozenset", &[l3]).unwrap();
        assert_eq!(vm.hash(fs).unwrap(), vm.hash(fs2).unwrap());
        assert!(vm.hash(s1).is_err());
        let u = vm.binary_op(BinaryOp::Or, fs, s2).unwrap();
        assert_eq!(vm.type_name(u), "frozenset");
        let u = vm.binary_op(BinaryOp::Or, s2, fs).unwrap();
        assert_eq!(vm.type_name(u), "set");
        let efs = call(&mut vm, "frozenset", &[]).unwrap();
        assert_eq!(r(&mut vm, efs), "frozenset()");
    });
}

#[test]
fn range_behaviour() {
    with_vm(|mut vm, _| {
        let rg = call(&mut vm, "range", &[i(1), i(10), i(2)]).unwrap();
        assert_eq!(r(&mut vm, rg), "range(1, 10, 2)");
        assert_eq!(vm.len(rg).unwrap(), 5);
        assert_eq!(rr!(vm, vm.subscr(rg, i(-1), Subscr::Load)), "9");
        let e = vm.subscr(rg, i(5), Subscr::Load);
        assert_eq!(rr!(vm, e), "IndexError: range index out of range");
        let sl = slice(&mut vm, i(1), i(3), N);
        assert_eq!(rr!(vm, vm.subscr(rg, sl, Subscr::Load)), "range(3, 7, 2)");
        assert!(vm.contains(rg, i(3)).unwrap());
        assert!(!vm.contains(rg, i(4)).unwrap());
        let r10 = call(&mut vm, "range", &[i(10)]).unwrap();
        let sl = slice(&mut vm, N, N, i(-1));
        assert_eq!(
            rr!(vm, vm.subscr(r10, sl, Subscr::Load)),
            "range(9, -1, -1)"
        );
        let neg = call(&mut vm, "range", &[i(10), i(0), i(-3)]).unwrap();
        assert_eq!(rr!(vm, call(&mut vm, "list", &[neg])), "[10, 7, 4, 1]");
        assert_eq!(
            rr!(vm, call(&mut vm, "range", &[i(1), i(2), i(0)])),
            "ValueError: zero step"
        );
        let empty = call(&mut vm, "range", &[i(0), i(-5)]).unwrap();
        assert_eq!(r(&mut vm, empty), "range(0, -5)");
        assert_eq!(vm.len(empty).unwrap(), 0);
        assert!(!vm.is_true(empty).unwrap());
        let rv = call(&mut vm, "reversed", &[rg]).unwrap();
        assert_eq!(rr!(vm, call(&mut vm, "list", &[rv])), "[9, 7, 5, 3, 1]");
        assert_eq!(
            rr!(vm, vm.hash(rg).map(|_| N)),
            "TypeError: unsupported type for __hash__: 'range'"
        );
        let st = vm.load_attr(rg, crate::qstr::q::step).unwrap();
        assert_eq!(st, i(2));
    });
}

#[test]
fn iterator_types() {
    with_vm(|mut vm, _| {
        let l = ilist(&mut vm, &[10, 20]);
        let en = call_kw(&mut vm, "enumerate", &[l], &[("start", i(5))]).unwrap();
        assert_eq!(r(&mut vm, en), "<enumerate>");
        let res = call(&mut vm, "list", &[en]);
        assert_eq!(rr!(vm, res), "[(5, 10), (6, 20)]");
        assert_eq!(
            rr!(vm, call(&mut vm, "enumerate", &[])),
            "TypeError: 'iterable' argument required"
        );
        let l2 = ilist(&mut vm, &[1, 2, 3]);
        let z = call(&mut vm, "zip", &[l, l2]).unwrap();
        assert_eq!(rr!(vm, call(&mut vm, "list", &[z])), "[(10, 1), (20, 2)]");
        let z0 = call(&mut vm, "zip", &[]).unwrap();
        assert_eq!(rr!(vm, call(&mut vm, "list", &[z0])), "[]");
        let neg = ilist(&mut vm, &[-1, 2, -3]);
        let abs = builtin(&mut vm, "abs");
        let m = call(&mut vm, "map", &[abs, neg]).unwrap();
        let _ = m;
        let z2 = ilist(&mut vm, &[0, 1, 0, 2]);
        let f = call(&mut vm, "filter", &[N, z2]).unwrap();
        assert_eq!(rr!(vm, call(&mut vm, "list", &[f])), "[1, 2]");
        let rv = call(&mut vm, "reversed", &[l2]).unwrap();
        assert_eq!(r(&mut vm, rv), "<reversed>");
        assert_eq!(rr!(vm, call(&mut vm, "list", &[rv])), "[3, 2, 1]");
        let it = vm.get_iter(l2).unwrap();
        assert_eq!(r(&mut vm, it), "<iterator>");
        assert_eq!(vm.type_name(it), "iterator");
        let cmp = builtin(&mut vm, "max");
        let m2 = call(&mut vm, "map", &[cmp, l, l2]).unwrap();
        assert_eq!(rr!(vm, call(&mut vm, "list", &[m2])), "[10, 20]");
        // The sequence iterator sees appends made while iterating.
        let it = vm.get_iter(l2).unwrap();
        assert_eq!(vm.iter_next(it).unwrap(), Some(i(1)));
        meth(&mut vm, l2, "append", &[i(4)]).unwrap();
        let rest = vm.collect_iter(it).unwrap();
        assert_eq!(items(&vm, rest), alloc::vec![i(2), i(3), i(4)]);
    });
}

#[test]
fn recursive_list_repr_is_guarded() {
    with_vm(|mut vm, _| {
        vm.set_stack_base();
        let l = vm.new_list(&[]).unwrap();
        crate::types::list::list_append(&mut vm, l, l).unwrap();
        let e = repr_string(&mut vm, l);
        let e = e.map(|_| N);
        assert_eq!(rr!(vm, e), "RuntimeError: maximum recursion depth exceeded");
    });
}

#[test]
fn dict_iteration_ends_when_entries_are_added() {
    with_vm(|mut vm, _| {
        let d = vm.new_dict().unwrap();
        vm.subscr(d, i(1), Subscr::Store(i(1))).unwrap();
        vm.subscr(d, i(2), Subscr::Store(i(2))).unwrap();
        let it = vm.get_iter(d).unwrap();
        let mut seen = 0;
        while let Some(k) = vm.iter_next(it).unwrap() {
            let k2 = i(k.as_small_int().unwrap() + 10);
            vm.subscr(d, k2, Subscr::Store(i(0))).unwrap();
            seen += 1;
            assert!(seen < 10);
        }
        assert_eq!(seen, 2);
        assert_eq!(vm.len(d).unwrap(), 4);
    });
}

#[test]
fn list_append_grows_in_place_when_free() {
    with_vm(|mut vm, _| {
        let l = vm.new_list(&[]).unwrap();
        crate::types::list::list_append(&mut vm, l, i(0)).unwrap();
        let first = vm.heap.get::<crate::types::list::ListObj>(l).unwrap().items.addr();
        let mut moves = 0;
        let mut last = first;
        for k in 1..1000 {
            crate::types::list::list_append(&mut vm, l, i(k)).unwrap();
            let a = vm.heap.get::<crate::types::list::ListObj>(l).unwrap().items.addr();
            if a != last {
                moves += 1;
                last = a;
            }
        }
        assert_eq!(vm.len(l).unwrap(), 1000);
        // Nothing else is allocated meanwhile: the buffer grows in place.
        assert_eq!(moves, 0);
        let cap = vm.heap.get::<crate::types::list::ListObj>(l).unwrap().items.capacity();
        assert!((1000..1600).contains(&cap), "capacity {cap}");
        assert_eq!(vm.seq_get(l, 999), Some(i(999)));
    });
}

#[test]
fn list_self_referencing_operations() {
    with_vm(|mut vm, _| {
        let l = ilist(&mut vm, &[1, 2]);
        meth(&mut vm, l, "extend", &[l]).unwrap();
        assert_eq!(r(&mut vm, l), "[1, 2, 1, 2]");
        let sl = slice(&mut vm, i(1), i(2), N);
        vm.subscr(l, sl, Subscr::Store(l)).unwrap();
        assert_eq!(r(&mut vm, l), "[1, 1, 2, 1, 2, 1, 2]");
        let sl = slice(&mut vm, N, N, N);
        vm.subscr(l, sl, Subscr::Store(l)).unwrap();
        assert_eq!(r(&mut vm, l), "[1, 1, 2, 1, 2, 1, 2]");
        let sl = slice(&mut vm, i(1), N, N);
        let t = vm.new_tuple(&[]).unwrap();
        vm.subscr(l, sl, Subscr::Store(t)).unwrap();
        assert_eq!(r(&mut vm, l), "[1]");
        // `l *= 3` makes a new list (as MicroPython).
        let r2 = vm.binary_op(BinaryOp::InplaceMultiply, l, i(3)).unwrap();
        assert_ne!(r2, l);
        assert_eq!(r(&mut vm, l), "[1]");
        assert_eq!(r(&mut vm, r2), "[1, 1, 1]");
        let t = call(&mut vm, "tuple", &[r2]).unwrap();
        assert_eq!(r(&mut vm, t), "(1, 1, 1)");
    });
}

#[test]
fn sort_without_memory_raises_and_keeps_the_list() {
    with_vm(|mut vm, _| {
        let l = ilist(&mut vm, &[3, 1, 2]);
        vm.heap.stats.lock_depth = 1;
        let e = meth(&mut vm, l, "sort", &[]);
        vm.heap.stats.lock_depth = 0;
        assert_eq!(rr!(vm, e), "MemoryError: memory allocation failed, heap is locked");
        assert_eq!(r(&mut vm, l), "[3, 1, 2]");
        meth(&mut vm, l, "sort", &[]).unwrap();
        assert_eq!(r(&mut vm, l), "[1, 2, 3]");
    });
}

#[test]
fn dict_str_keys_match_by_text() {
    with_vm(|mut vm, _| {
        let d = vm.new_dict().unwrap();
        for k in 0..50 {
            let key = s(&mut vm, &alloc::format!("key{k}"));
            vm.subscr(d, key, Subscr::Store(i(k))).unwrap();
        }
        for k in 0..50 {
            let key = vm.new_str_uninterned(&alloc::format!("key{k}")).unwrap();
            assert_eq!(vm.dict_lookup(d, key).unwrap(), Some(i(k)));
        }
        let q = vm.intern("key7").unwrap();
        assert_eq!(vm.dict_lookup(d, Obj::qstr(q)).unwrap(), Some(i(7)));
        let missing = s(&mut vm, "key50");
        assert_eq!(vm.dict_lookup(d, missing).unwrap(), None);
        assert_eq!(vm.dict_lookup(d, i(7)).unwrap(), None);
    });
}
